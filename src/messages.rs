//! The lines shengao writes on standard error: errors, warnings and notes.
//!
//! A closed or broken standard error (`2>&-`, or a pipe whose reader is gone) must neither
//! panic, as `eprintln!` does, nor stop the run: the line is dropped and the work goes on.
//! Whether an error was reported is remembered apart from whether it could be printed, so
//! the exit code still says that something failed.

use std::fmt::Display;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static ERRORED: AtomicBool = AtomicBool::new(false);

/// `shengao: error: …`, and the run will exit with 2.
pub fn error(message: impl Display) {
    failed();
    line(format_args!("shengao: error: {message}"));
}

/// Remembers an error that was reported elsewhere (on a writer of the caller's), so that a
/// closed standard output later cannot turn the exit code into 0.
pub fn failed() {
    ERRORED.store(true, Ordering::Relaxed);
}

/// `shengao: warning: …`.
pub fn warning(message: impl Display) {
    line(format_args!("shengao: warning: {message}"));
}

/// One line as it is; dropped when standard error cannot take it.
pub fn line(message: impl Display) {
    let _ = writeln!(io::stderr().lock(), "{message}");
}

/// Whether [`error`] or [`failed`] was called in this process.
pub fn errored() -> bool {
    ERRORED.load(Ordering::Relaxed)
}
