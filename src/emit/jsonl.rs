//! `--format jsonl`: JSON Lines, one report per line (the same object as `--format json`,
//! unindented), written as each document is done: for streaming into `jq -c` or a log.

use std::io::{self, Write};

use super::Emitter;
use crate::report::Report;

pub struct Jsonl;

impl Emitter for Jsonl {
    fn report(&mut self, out: &mut dyn Write, report: &Report, _text: &str) -> io::Result<()> {
        serde_json::to_writer(&mut *out, report)?;
        out.write_all(b"\n")
    }

    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
