//! The `walkaway` binary: parses the command line, runs a command, and maps
//! what happened to one exit status ([`Exit`]).
//!
//! Nothing here prints with `println!` or `eprintln!`, which panic on a
//! closed or full stream: results go through [`output::Results`], chatter
//! and errors through [`output::say!`].

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod cli;
mod commands;
mod interrupt;
mod output;
mod progress;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

/// How the binary ends, as `walkaway --help` documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    /// A file (or stdout) could not be written, or read for reasons outside
    /// the scenario.
    Io = 1,
    /// A bad scenario or argument, or a request refused (`init` over an
    /// existing file).
    BadInput = 2,
    /// Ctrl-C.
    Interrupted = 130,
}

impl Exit {
    pub fn code(self) -> i32 {
        self as i32
    }
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}

fn main() -> ExitCode {
    ignore_file_size_signal();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return commands::usage(&e).into(),
    };
    match cli.command {
        Command::Check(args) => commands::check(&args),
        Command::Run(args) => commands::run(&args),
        Command::Rerun(args) => commands::rerun(&args),
        Command::Init(args) => commands::init(&args),
        Command::Completions(args) => commands::completions(&args),
        Command::Sensitivity(args) => commands::sensitivity(&args),
        Command::Sweep(args) => commands::sweep(&args),
        Command::Merge(args) => commands::merge(&args),
    }
    .into()
}

/// Past a file-size limit (`ulimit -f`) the kernel sends SIGXFSZ, which
/// kills a process by default before it can say what happened. Ignored, the
/// write fails with EFBIG instead: the run reports the file and exits 1,
/// like any other failed write.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN before any other
    // thread exists has no memory-safety conditions.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}
