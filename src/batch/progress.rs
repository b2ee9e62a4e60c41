//! The progress bar: on standard error, only when it is a terminal and `--quiet` is not given.
//! It shows documents done and in all, bytes, MB/s, the time left, and the file in work.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The most of a file's path shown; a longer one is cut at the front, keeping the name.
const NAME_CHARS: usize = 40;

pub struct Progress {
    bar: ProgressBar,
    documents: Option<u64>,
    done: AtomicU64,
}

impl Progress {
    /// A bar for `documents` inputs of `bytes` bytes in all (`None` when unknown, as for
    /// standard input), drawn only when `show`.
    pub fn new(show: bool, documents: Option<u64>, bytes: Option<u64>) -> Progress {
        if !show {
            return Progress {
                bar: ProgressBar::hidden(),
                documents,
                done: AtomicU64::new(0),
            };
        }
        let template = if bytes.is_some() {
            "{prefix} docs [{bar:24}] {decimal_bytes}/{decimal_total_bytes} \
             {decimal_bytes_per_sec} ETA {eta} {wide_msg}"
        } else {
            "{spinner} {prefix} docs {decimal_bytes} {decimal_bytes_per_sec} {wide_msg}"
        };
        let style = ProgressStyle::with_template(template)
            .expect("the template is valid")
            .progress_chars("=> ");
        let bar =
            ProgressBar::with_draw_target(bytes, ProgressDrawTarget::stderr()).with_style(style);
        bar.enable_steady_tick(Duration::from_millis(200));
        let progress = Progress {
            bar,
            documents,
            done: AtomicU64::new(0),
        };
        progress.count(0);
        progress
    }

    pub fn is_shown(&self) -> bool {
        !self.bar.is_hidden()
    }

    /// A worker starts on `name`.
    pub fn start(&self, name: &str) {
        if self.is_shown() {
            self.bar.set_message(tail(name, NAME_CHARS));
        }
    }

    /// A worker is done with a document of `bytes` bytes.
    pub fn done(&self, bytes: u64) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.is_shown() {
            self.bar.inc(bytes);
            self.count(done);
        }
    }

    fn count(&self, done: u64) {
        self.bar.set_prefix(match self.documents {
            Some(all) => format!("{done}/{all}"),
            None => done.to_string(),
        });
    }

    /// Clears the bar and leaves `line` in its place.
    pub fn finish(&self, line: &str) {
        if self.is_shown() {
            self.bar.finish_and_clear();
            crate::messages::line(line);
        }
    }
}

/// The last `n` chars of `s`, after `…` when cut.
fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    let rest: String = s.chars().skip(count - (n - 1)).collect();
    format!("…{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_keep_their_end() {
        assert_eq!(tail("a/b.txt", 10), "a/b.txt");
        assert_eq!(tail("archive/2024/工作总结.txt", 10), "…/工作总结.txt");
        assert_eq!(tail("archive/2024/工作总结.txt", 10).chars().count(), 10);
    }
}
