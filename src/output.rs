//! The binary's two streams, neither of which may panic when it is closed or
//! full.
//!
//! Results (the summary tables, `check`'s `ok:` lines, help, completions) go
//! to stdout through [`Results`], which keeps the first failed write. A
//! closed stdout is how a reader says it has seen enough (`| head -1`): as
//! with ripgrep, that is not an error, the rest of the results are dropped
//! and the exit status is what it would otherwise have been. Any other
//! failed write (`> /dev/full`) means results were lost: the command says so
//! on stderr and exits with status 1.
//!
//! Chatter and errors go to stderr through [`say!`], which drops a line that
//! stderr cannot take: there is nowhere left to report it.

use std::io::{self, IsTerminal, Write};
use std::sync::{Mutex, PoisonError};

use anstream::{AutoStream, ColorChoice};

/// `eprintln!` without the panic: a closed or full stderr drops the line.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::output::stderr_line(::std::format_args!($($arg)*))
    };
}
pub(crate) use say;

pub fn stderr_line(args: std::fmt::Arguments) {
    // One write per line, so lines from threads never interleave.
    let line = format!("{args}\n");
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// An error that means results were lost; `None` for a reader that closed
/// the pipe early.
pub fn lost(e: io::Error) -> Option<io::Error> {
    (e.kind() != io::ErrorKind::BrokenPipe).then_some(e)
}

/// Where results go: stdout, styled or not by the documented rule, shared
/// by the threads of a run.
pub struct Results<W: Write = AutoStream<io::Stdout>> {
    inner: Mutex<Inner<W>>,
}

struct Inner<W> {
    stream: W,
    state: State,
}

enum State {
    Open,
    /// The reader went away; nothing more is written.
    Closed,
    /// Results were lost; nothing more is written.
    Failed(io::Error),
}

impl Results {
    /// Styles reach stdout only when it is a terminal whose `TERM` is set
    /// and not `dumb`, and `NO_COLOR` is unset or empty: anstream's choice
    /// for a terminal (which also honours `CLICOLOR=0`), and never for a pipe
    /// or a file, whatever `CLICOLOR_FORCE` says.
    pub fn stdout() -> Self {
        let stdout = io::stdout();
        let choice = if stdout.is_terminal() {
            ColorChoice::Auto
        } else {
            ColorChoice::Never
        };
        Results::new(AutoStream::new(stdout, choice))
    }
}

impl<W: Write> Results<W> {
    pub fn new(stream: W) -> Self {
        Results {
            inner: Mutex::new(Inner {
                stream,
                state: State::Open,
            }),
        }
    }

    /// Writes and flushes `text`, unless an earlier write failed.
    pub fn write(&self, text: &str) {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if !matches!(inner.state, State::Open) {
            return;
        }
        let Inner { stream, state } = &mut *inner;
        if let Err(e) = stream
            .write_all(text.as_bytes())
            .and_then(|()| stream.flush())
        {
            *state = match lost(e) {
                Some(e) => State::Failed(e),
                None => State::Closed,
            };
        }
    }

    /// The first write that lost results, if any. A closed pipe lost none
    /// the reader wanted.
    pub fn finish(self) -> io::Result<()> {
        let inner = self
            .inner
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        match inner.state {
            State::Failed(e) => Err(e),
            State::Open | State::Closed => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes `room` bytes, then fails every write with `kind`.
    struct Limited {
        taken: Vec<u8>,
        room: usize,
        kind: io::ErrorKind,
        attempts: usize,
    }

    impl Write for Limited {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.attempts += 1;
            if self.taken.len() + buf.len() > self.room {
                return Err(io::Error::from(self.kind));
            }
            self.taken.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn limited(room: usize, kind: io::ErrorKind) -> Limited {
        Limited {
            taken: Vec::new(),
            room,
            kind,
            attempts: 0,
        }
    }

    #[test]
    fn a_closed_pipe_drops_the_rest_and_is_no_error() {
        let mut w = limited(6, io::ErrorKind::BrokenPipe);
        let out = Results::new(&mut w);
        out.write("ok: a\n");
        out.write("ok: b\n");
        out.write("ok: c\n");
        assert!(out.finish().is_ok());
        assert_eq!(w.taken, b"ok: a\n");
        // Nothing is tried after the pipe closed.
        assert_eq!(w.attempts, 2);
    }

    #[test]
    fn a_full_stdout_is_the_first_error() {
        let mut w = limited(0, io::ErrorKind::StorageFull);
        let out = Results::new(&mut w);
        out.write("table\n");
        out.write("table\n");
        let e = out.finish().unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::StorageFull);
        assert_eq!(w.attempts, 1);
    }

    #[test]
    fn everything_written_is_fine() {
        let mut w = limited(100, io::ErrorKind::StorageFull);
        let out = Results::new(&mut w);
        out.write("a\n");
        out.write("b\n");
        assert!(out.finish().is_ok());
        assert_eq!(w.taken, b"a\nb\n");
    }
}
