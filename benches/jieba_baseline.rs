//! The raw jieba-rs baseline for `batch`: POS-tag every `.txt` under the given paths with
//! jieba-rs alone (the same shared `Jieba`, HMM on, as the document model uses), on N threads,
//! and print the throughput. `--load-only` only builds `Jieba::new()`, as the floor for a
//! whole `check` process.
//!
//! ```sh
//! cargo bench --bench jieba_baseline -- --threads 1 ../shared/corpus
//! ```
//!
//! Without a path it reads `../shared/corpus` and says so when that is absent.

use std::time::Instant;

use rayon::prelude::*;
use shengao::batch::walk::{self, Extensions};
use shengao::segment;

fn main() {
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--load-only" => {
                // Exactly what the issue names: jieba-rs's default dictionary, nothing more.
                std::hint::black_box(jieba_rs::Jieba::new());
                return;
            }
            "--threads" => {
                threads = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--threads N");
            }
            // `cargo bench` passes `--bench` to every bench target.
            "--bench" => {}
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
        if !std::path::Path::new(corpus).is_dir() {
            println!("no path given and {corpus} is absent: nothing to measure");
            return;
        }
        paths.push(corpus.to_string());
    }
    let started = Instant::now();
    let found = walk::find(
        &paths
            .iter()
            .map(std::path::PathBuf::from)
            .collect::<Vec<_>>(),
        &Extensions::new(&["txt".to_string()]),
    );
    let texts: Vec<String> = found
        .iter()
        .map(|f| std::fs::read_to_string(&f.path).expect("UTF-8 text"))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let load = Instant::now();
    let _ = segment::jieba();
    let loaded = load.elapsed().as_secs_f64();
    let tagging = Instant::now();
    let tokens: usize = pool.install(|| {
        texts
            .par_iter()
            .map(|t| segment::jieba().tag(t, true).len())
            .sum()
    });
    let tag_seconds = tagging.elapsed().as_secs_f64();
    let all = started.elapsed().as_secs_f64();
    println!(
        "{} docs, {:.2} MB, {tokens} tokens, {threads} threads: dictionary {loaded:.2} s, \
         tag {tag_seconds:.2} s ({:.2} MB/s), whole {all:.2} s ({:.2} MB/s)",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / tag_seconds,
        bytes as f64 / 1e6 / all,
    );
}
