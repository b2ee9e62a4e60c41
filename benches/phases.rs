//! Where the time of one review goes: the document model and each analyzer, timed apart on
//! one thread over the same texts, next to raw jieba-rs `tag` and `cut`. A profile in
//! numbers, to aim optimisation; `cargo bench --bench pipeline` is the throughput figure.
//!
//! ```sh
//! cargo bench --bench phases              # ../shared/corpus, or the samples without it
//! cargo bench --bench phases -- DIR ...   # other folders of .txt
//! cargo bench --bench phases -- --profile # whole reviews only, 5 rounds, for `perf record`
//! cargo bench --bench phases -- --profile redundancy  # one analyzer only, 20 rounds
//! ```

use std::time::{Duration, Instant};

use shengao::analyze::{self, Analysis};
use shengao::config::Config;
use shengao::doc::Document;
use shengao::segment;

mod common;

/// One analyzer's entry point.
type Phase = fn(&Document, &Config, &mut Analysis);

const PHASES: &[(&str, Phase)] = &[
    ("phrases", analyze::phrases::analyze),
    ("readability", analyze::readability::analyze),
    ("redundancy", analyze::redundancy::analyze),
    ("structure", analyze::structure::analyze),
    ("typography", analyze::typography::analyze),
    ("wording", analyze::wording::analyze),
];

fn main() {
    let mut args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let profile = args.iter().position(|a| a == "--profile");
    // The analyzer to profile alone, if one is named after --profile.
    let only = profile
        .and_then(|at| args.get(at + 1))
        .filter(|name| PHASES.iter().any(|(n, _)| n == name))
        .cloned();
    args.retain(|a| a != "--profile" && Some(a) != only.as_ref());
    let (_, texts) = common::texts(&args);
    let config = Config::default();
    if let Some(name) = only {
        let (_, phase) = PHASES.iter().find(|(n, _)| *n == name).unwrap();
        let docs: Vec<Document> = texts.iter().map(|t| Document::new(t.clone())).collect();
        for _ in 0..20 {
            for doc in &docs {
                phase(doc, &config, &mut Analysis::default());
            }
        }
        return;
    }
    if profile.is_some() {
        for _ in 0..5 {
            for text in &texts {
                let input = shengao::input::Input::plain("bench", text.clone());
                std::hint::black_box(analyze::review(input, &config));
            }
        }
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let jieba = segment::jieba();
    // Warm every lazily built table before timing, the phrase templates too: each compiles
    // the first time a text holds its anchor.
    for text in &texts {
        analyze::review(shengao::input::Input::plain("bench", text.clone()), &config);
    }
    let mut times: Vec<(&str, Duration)> = Vec::new();
    let mut add = |name, d| match times.iter_mut().find(|(n, _)| *n == name) {
        Some((_, t)) => *t += d,
        None => times.push((name, d)),
    };
    for text in &texts {
        let t = Instant::now();
        std::hint::black_box(jieba.tag(text, true).len());
        add("jieba-rs tag (baseline)", t.elapsed());
        let t = Instant::now();
        std::hint::black_box(jieba.cut(text, true).len());
        add("jieba-rs cut", t.elapsed());

        let t = Instant::now();
        let doc = Document::new(text.clone());
        add("document model", t.elapsed());
        let mut out = Analysis::default();
        for &(name, phase) in PHASES {
            let t = Instant::now();
            phase(&doc, &config, &mut out);
            add(name, t.elapsed());
        }
        let t = Instant::now();
        std::hint::black_box(analyze::review(
            shengao::input::Input::plain("bench", text.clone()),
            &config,
        ));
        add("whole review", t.elapsed());
    }
    let mb = bytes as f64 / 1e6;
    println!("{} texts, {mb:.2} MB, one thread", texts.len());
    for (name, d) in times {
        let s = d.as_secs_f64();
        println!("{name:>24}: {s:7.3} s  {:8.2} MB/s", mb / s);
    }
}
