//! Throughput of the whole review pipeline against raw jieba-rs on the same text, on one
//! thread and on all. Reads ../shared/corpus when it is there, the shipped samples otherwise.
//!
//! `cargo bench --bench pipeline`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use shengao::config::Config;
use shengao::input::{self};
use shengao::{analyze, segment};

mod common;

fn review(text: &str) -> usize {
    let input = input::from_bytes("bench", text.as_bytes(), None).expect("UTF-8 text");
    analyze::review(input, &Config::default()).findings.len()
}

fn jieba_tag(text: &str) -> usize {
    segment::jieba().tag(text, true).len()
}

fn bench(c: &mut Criterion) {
    let (label, texts) = common::texts(&[]);
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
