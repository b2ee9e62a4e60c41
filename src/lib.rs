//! shengao (审稿): a fast offline reviewer for Chinese speech and report drafts.
//!
//! Data flows one way: [`input`] → [`doc::Document`] → [`analyze`] → [`report::Report`] →
//! [`emit`].

pub mod analyze;
pub mod batch;
pub mod cli;
pub mod config;
pub mod doc;
pub mod emit;
pub mod fix;
pub mod input;
pub mod messages;
pub mod report;
pub mod rules;
pub mod safe_write;
pub mod segment;
