//! `--format json`: the report's serde form, pretty-printed. One input gives one object;
//! several give an array of them, written as each is ready.

use std::io::{self, Write};

use super::Emitter;
use crate::report::Report;

pub struct Json {
    as_array: bool,
    written: usize,
}

impl Json {
    pub fn new(inputs: usize) -> Json {
        Json {
            as_array: inputs != 1,
            written: 0,
        }
    }
}

impl Emitter for Json {
    fn report(&mut self, out: &mut dyn Write, report: &Report) -> io::Result<()> {
        if self.as_array {
            out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        }
        serde_json::to_writer_pretty(&mut *out, report)?;
        if !self.as_array {
            out.write_all(b"\n")?;
        }
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.as_array {
            out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        Ok(())
    }
}
