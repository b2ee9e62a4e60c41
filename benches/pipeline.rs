//! Throughput of the whole review pipeline against raw jieba-rs on the same text, on one
//! thread and on all. Reads ../shared/corpus when it is there, the shipped samples otherwise.
//!
//! `cargo bench --bench pipeline`

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use shengao::config::Config;
use shengao::input::{self};
use shengao::{analyze, segment};

fn texts() -> (String, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    let (label, dirs) = if corpus.is_dir() {
        (
            "corpus",
            vec![
                corpus.join("gwr_national"),
                corpus.join("gwr_prov2026"),
                corpus.join("policy_docs"),
            ],
        )
    } else {
        eprintln!("../shared/corpus not found: benchmarking the samples only");
        ("samples", vec![root.join("samples")])
    };
    let mut paths: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let texts = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    (label.to_string(), texts)
}

fn review(text: &str) -> usize {
    let input = input::from_bytes("bench", text.as_bytes(), None).expect("UTF-8 text");
    analyze::review(input, &Config::default()).findings.len()
}

fn jieba_tag(text: &str) -> usize {
    segment::jieba().tag(text, true).len()
}

fn bench(c: &mut Criterion) {
    let (label, texts) = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let all = rayon::ThreadPoolBuilder::new().build().unwrap();
    let mut group = c.benchmark_group(label);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for (name, pool) in [("1 thread", &single), ("all threads", &all)] {
        group.bench_function(format!("jieba-rs tag, {name}"), |b| {
            b.iter(|| pool.install(|| texts.par_iter().map(|t| jieba_tag(t)).sum::<usize>()))
        });
        group.bench_function(format!("shengao review, {name}"), |b| {
            b.iter(|| pool.install(|| texts.par_iter().map(|t| review(t)).sum::<usize>()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
