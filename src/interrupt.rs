//! Ctrl-C. The first asks the run to stop: the engine checks the flag before
//! every chunk, and nothing of the unfinished batch is written. A second one
//! exits at once.

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
        say!("\nstopping: Ctrl-C received, no outputs will be written for this batch");
    };
    if let Err(e) = ctrlc::set_handler(handler) {
        say!("warning: Ctrl-C will stop the run abruptly: {e}");
    }
    &STOP
}
