//! Throughput of `batch` (finding the files, reading, decoding, the whole review, rendering the
//! JSON Lines in order, the summary) against raw jieba-rs `tag` over the same texts, each on
//! one thread and on all. Reads ../shared/corpus when it is there, the shipped samples
//! otherwise.
//!
//! `cargo bench --bench batch`

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use shengao::batch::walk::{self, Extensions};
use shengao::batch::{self, Inputs, Options};
use shengao::cli::BatchFormat;
use shengao::config::Config;
use shengao::segment;

fn root() -> (&'static str, String) {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = manifest.join("../shared/corpus");
    if corpus.is_dir() {
        ("corpus", corpus.to_string_lossy().into_owned())
    } else {
        eprintln!("../shared/corpus not found: benchmarking the samples only");
        (
            "samples",
            manifest.join("samples").to_string_lossy().into_owned(),
        )
    }
}

fn bench(c: &mut Criterion) {
    let (label, root) = root();
    let ext = Extensions::new(&["txt".to_string()]);
    let found = walk::find(&[std::path::PathBuf::from(&root)], &ext);
    let texts: Vec<String> = found
        .iter()
        .filter_map(|f| std::fs::read_to_string(&f.path).ok())
        .collect();
    let bytes: u64 = found.iter().map(|f| f.size).sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut group = c.benchmark_group(format!("batch {label}"));
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    for jobs in [1, threads] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .unwrap();
        group.bench_function(format!("jieba-rs tag, {jobs} threads"), |b| {
            b.iter(|| {
                pool.install(|| {
                    texts
                        .par_iter()
                        .map(|t| segment::jieba().tag(t, true).len())
                        .sum::<usize>()
                })
            })
        });
        let options = Options {
            config: Arc::new(Config::default()),
            jobs,
            format: BatchFormat::Jsonl,
            progress: false,
        };
        group.bench_function(format!("shengao batch, {jobs} threads"), |b| {
            b.iter(|| {
                let found = walk::find(&[std::path::PathBuf::from(&root)], &ext);
                let outcome = batch::review_all(
                    Inputs::Files(
                        found
                            .into_iter()
                            .map(|f| (f, options.config.clone()))
                            .collect(),
                    ),
                    &options,
                    Instant::now(),
                    &mut io::sink(),
                )
                .unwrap();
                assert_eq!(outcome.errors, 0);
                outcome.documents
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
