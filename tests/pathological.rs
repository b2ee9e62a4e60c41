//! Pathological drafts are reviewed with work linear in their size.
//!
//! Each shape (tests/shapes) is reviewed at n, 2n and 4n bytes, and the work of every step
//! whose cost depends on the input's shape ([`work::Step`]: near-duplicate candidates and
//! comparisons, headings searched, XML read, lines of nested paragraphs handed up, text read
//! ahead) must grow by at most 2.5× per doubling: linear work doubles, quadratic work grows
//! 4×. The counts are exact, so a busy machine cannot make the test fail, nor luck make it
//! pass; time and peak memory at the full sizes are measured by
//! `cargo bench --bench pathological`.

mod shapes;

use shengao::analyze::redundancy::near_dup::{self, ShingleSets};
use shengao::analyze::work::{self, Counts, Step};
use shengao::analyze::{self, MAX_FINDINGS_PER_RULE};
use shengao::config::Config;
use shengao::input;

use shapes::SHAPES;

/// The most a count may grow when the input doubles.
const MAX_GROWTH: f64 = 2.5;

/// The most work of a step (but the near-duplicate search's) per byte of input.
const PER_BYTE: u64 = 16;

/// Whether a step is one of the near-duplicate search's, bounded per sentence.
fn is_near_duplicate(step: Step) -> bool {
    matches!(
        step,
        Step::NearDuplicateCandidates | Step::NearDuplicateComparisons
    )
}

/// Counts this small are left out of the comparison: a constant amount of work (a
/// dictionary look-up, a title block) is no growth.
const SMALL: u64 = 1_000;

/// What one review counted.
struct Reviewed {
    work: Counts,
    /// The most findings of one rule.
    most: usize,
    sentences: u64,
    chars: u64,
}

/// Reviews the draft; returns the work counted and what bounds it.
fn review(name: &str, bytes: &[u8]) -> Reviewed {
    work::take();
    let (mut most, mut sentences, mut chars) = (0, 0, 0);
    if let Ok(input) = input::from_bytes(name, bytes, None) {
        let report = analyze::review(input, &Config::default());
        let mut per_rule = std::collections::HashMap::new();
        for finding in &report.findings {
            *per_rule.entry(finding.rule.clone()).or_insert(0) += 1;
        }
        most = per_rule.into_values().max().unwrap_or(0);
        (sentences, chars) = (report.stats.sentences, report.source.chars);
    }
    Reviewed {
        work: work::take(),
        most,
        sentences,
        chars,
    }
}

/// The steps, but those of the near-duplicate search, whose counts grow by more than
/// [`MAX_GROWTH`] from one size to the next. The near-duplicate search is bounded per
/// sentence ([`near_dup::PROBE_BUDGET`], [`near_dup::COMPARE_BUDGET`]); below the bounds
/// its work may grow faster, and [`within_the_bounds`] checks it.
fn superlinear(counts: &[Counts]) -> Vec<String> {
    let mut found = Vec::new();
    for step in Step::ALL {
        if is_near_duplicate(step) {
            continue;
        }
        for pair in counts.windows(2) {
            let (before, after) = (pair[0].of(step), pair[1].of(step));
            if after > SMALL && after as f64 > MAX_GROWTH * before.max(SMALL) as f64 {
                found.push(format!("{step:?}: {before} → {after}"));
            }
        }
    }
    found
}

/// Whether the near-duplicate search kept to its bounds: each sentence looks at no more
/// index entries than [`near_dup::PROBE_BUDGET`] and compares itself with no more than
/// [`near_dup::COMPARE_BUDGET`] sentences, each comparison reading the two sentences.
fn within_the_bounds(reviewed: &Reviewed) -> bool {
    let work = &reviewed.work;
    work.of(Step::NearDuplicateCandidates) <= near_dup::PROBE_BUDGET as u64 * reviewed.sentences
        && work.of(Step::NearDuplicateComparisons)
            <= 2 * near_dup::COMPARE_BUDGET as u64 * reviewed.chars
}

#[test]
fn every_shape_is_reviewed_with_linear_work() {
    // Load jieba's dictionary and the tables before counting anything.
    review("warm-up", "预热。".as_bytes());
    let n = 64 << 10;
    let mut failures = Vec::new();
    for shape in SHAPES {
        let mut counts = Vec::new();
        for size in [n, 2 * n, 4 * n] {
            let reviewed = review(shape.name, &(shape.shape)(size));
            assert!(
                reviewed.most <= MAX_FINDINGS_PER_RULE + 1,
                "{}: {} findings of one rule",
                shape.name,
                reviewed.most
            );
            for step in Step::ALL {
                if reviewed.work.of(step) > PER_BYTE * size as u64 && !is_near_duplicate(step) {
                    failures.push(format!("{} at {size} B: {step:?}", shape.name));
                }
            }
            if !within_the_bounds(&reviewed) {
                failures.push(format!("{} at {size} B: {:?}", shape.name, reviewed.work));
            }
            counts.push(reviewed.work);
        }
        println!("{:36} {:?}", shape.name, counts);
        // The reports joined are other reports at each size: their work is bounded per byte
        // (PER_BYTE), but may grow faster from one size to the next.
        if shape.name != "reports joined" {
            for step in superlinear(&counts) {
                failures.push(format!("{}: {step}", shape.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "work grows faster than the input:\n{}",
        failures.join("\n")
    );
}

/// Sentences alike but for their number, `sentences` of them.
fn numbered(sentences: usize) -> Vec<String> {
    (1..=sentences)
        .map(|i| format!("第{i}项工作已经完成，各项指标达到预期要求，群众满意度进一步提升。"))
        .collect()
}

#[test]
fn the_near_duplicate_search_is_linear_past_its_bounds() {
    // Without the bounds every sentence is compared with every earlier one.
    let mut counts = Vec::new();
    for sentences in [4_000, 8_000, 16_000] {
        let texts = numbered(sentences);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        work::take();
        let found = near_dup::near_duplicates_of(&ShingleSets::new(&refs, 10), 0.8);
        // Every sentence but the first still finds an earlier one.
        assert_eq!(found.len(), sentences - 1);
        counts.push(work::take());
    }
    println!("{counts:?}");
    let candidates: Vec<u64> = (counts.iter())
        .map(|c| c.of(Step::NearDuplicateCandidates))
        .collect();
    // The shape is a hard one: each sentence has more than a hundred candidates.
    assert!(candidates[0] > 100 * 4_000, "{candidates:?}");
    let growth: Vec<String> = (counts.windows(2))
        .flat_map(|pair| {
            [
                Step::NearDuplicateCandidates,
                Step::NearDuplicateComparisons,
            ]
            .into_iter()
            .filter(|&step| pair[1].of(step) as f64 > MAX_GROWTH * pair[0].of(step) as f64)
            .map(|step| format!("{step:?}: {} → {}", pair[0].of(step), pair[1].of(step)))
        })
        .collect();
    assert!(growth.is_empty(), "{growth:?}");
}
