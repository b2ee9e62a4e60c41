//! Counts of the work done by the steps whose cost depends on the shape of the input, not
//! only its size: candidate pairs of the near-duplicate search, headings searched for a word,
//! XML elements walked. A test reviews a shape at n, 2n and 4n and asserts that each count
//! grows in proportion, which a timing cannot show on a busy machine and a count shows
//! exactly. Counts are kept per thread (a batch reviews on many) and cost one addition per
//! batch of work, not per step.

use std::cell::Cell;

/// A step whose work is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Index entries the near-duplicate search looks at, and the pairs it compares.
    NearDuplicateCandidates,
    /// Characters of the shingle sets and letters a comparison of two sentences reads.
    NearDuplicateComparisons,
    /// Characters of heading titles and of words read to find which words a heading names.
    HeadingSearch,
    /// XML events (elements, texts) read from a .docx.
    XmlNodes,
    /// Lines of a .docx's nested paragraphs handed up to the paragraph around them.
    DocxLines,
    /// Characters read ahead of a place to decide on it: after 的 for a complement.
    Lookahead,
}

impl Step {
    /// Every step, in the order [`Counts`] holds them.
    pub const ALL: [Step; 6] = [
        Step::NearDuplicateCandidates,
        Step::NearDuplicateComparisons,
        Step::HeadingSearch,
        Step::XmlNodes,
        Step::DocxLines,
        Step::Lookahead,
    ];
}

/// The work of each step, in the order of [`Step::ALL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts(pub [u64; Step::ALL.len()]);

impl Counts {
    /// The work counted for `step`.
    pub fn of(&self, step: Step) -> u64 {
        self.0[step as usize]
    }
}

thread_local! {
    static COUNTS: Cell<Counts> = Cell::new(Counts::default());
}

/// Counts `amount` units of work for `step` on this thread.
pub fn add(step: Step, amount: u64) {
    COUNTS.with(|counts| {
        let mut now = counts.get();
        now.0[step as usize] = now.0[step as usize].saturating_add(amount);
        counts.set(now);
    });
}

/// The work counted on this thread since the last call, and starts counting again.
pub fn take() -> Counts {
    COUNTS.with(|counts| counts.replace(Counts::default()))
}
