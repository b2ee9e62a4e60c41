//! Renderers: one per output format, behind one trait. They format; they never compute.

mod json;
mod text;

use std::io::{self, Write};

use crate::cli::Format;
use crate::report::Report;

/// Writes reports in one format. `report` is called once per document, in input order,
/// `finish` once at the end.
pub trait Emitter {
    fn report(&mut self, out: &mut dyn Write, report: &Report) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

/// The emitter for `format`, when `inputs` documents are to be written.
pub fn emitter(format: Format, inputs: usize) -> Box<dyn Emitter> {
    match format {
        Format::Text => Box::new(text::Text),
        Format::Json => Box::new(json::Json::new(inputs)),
    }
}
