//! Ctrl-C. The first asks the run to stop: the engine checks the flag before
//! every chunk, so the scenario being simulated is dropped unwritten; the
//! scenarios already written stay (each folder complete), no batch file is
//! begun and `run.json`, the record of a complete run, is not written. A
//! second one exits at once.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::Exit;
use crate::output::say;

static STOP: AtomicBool = AtomicBool::new(false);

/// Installs the handler and returns the flag it raises. When no handler can
/// be installed, Ctrl-C ends the run abruptly, as it would any program.
pub fn install() -> &'static AtomicBool {
    let handler = || {
        if STOP.swap(true, Ordering::SeqCst) {
            // A second Ctrl-C: the user does not want to wait at all.
            std::process::exit(Exit::Interrupted.code());
        }
        say!(
            "\nstopping: Ctrl-C received; finished scenarios are kept, no further batch file \
             and no run.json will be written"
        );
    };
    if let Err(e) = ctrlc::set_handler(handler) {
        say!("warning: Ctrl-C will stop the run abruptly: {e}");
    }
    &STOP
}
