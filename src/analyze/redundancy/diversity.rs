//! Lexical diversity over a list of word tokens (punctuation already removed).
//!
//! Definitions follow the peer tools named in the reference
//! (`lexical-diversity` 0.1.1, `lexicalrichness` 0.5.1):
//! TTR = V/N, root TTR = V/√N, MATTR(w) = mean TTR of every window of `w`
//! tokens, MTLD (McCarthy & Jarvis 2010) with the factor threshold 0.72 as the
//! mean of a forward and a backward pass, HD-D with a sample of 42 tokens.
//! Tokens are compared after lower-casing, so `GDP` and `gdp` are one type.

use std::borrow::Cow;

use rustc_hash::FxHashMap as FastMap;

/// The TTR at which MTLD closes a factor.
pub const MTLD_THRESHOLD: f64 = 0.72;

/// The sample size of HD-D.
pub const HDD_SAMPLE: usize = 42;

/// The shortest factor of [`Words::mtld_min10`].
pub const MTLD_MIN_FACTOR: usize = 10;

/// Tokens as type numbers (0, 1, 2, … in order of first use), so that every
/// measure below is one pass over integers.
#[derive(Debug, Clone)]
pub struct Words {
    ids: Vec<u32>,
    types: usize,
}

impl Words {
    /// Words from tokens numbered by their exact text: `ids` in token order, `texts[id]` the
    /// text of number `id`. Types are compared after lower-casing; each distinct text is
    /// lower-cased once, not each token.
    pub fn from_numbered(ids: impl IntoIterator<Item = u32>, texts: &[&str]) -> Words {
        const UNSEEN: u32 = u32::MAX;
        let mut folded = vec![UNSEEN; texts.len()];
        let mut numbers: FastMap<Cow<str>, u32> = FastMap::default();
        let ids = (ids.into_iter())
            .map(|id| {
                let number = &mut folded[id as usize];
                if *number == UNSEEN {
                    let next = numbers.len() as u32;
                    *number = *numbers.entry(fold(texts[id as usize])).or_insert(next);
                }
                *number
            })
            .collect();
        Words {
            ids,
            types: numbers.len(),
        }
    }

    /// N.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// V.
    pub fn types(&self) -> usize {
        self.types
    }

    /// Type-token ratio V/N; 0 for no tokens.
    pub fn ttr(&self) -> f64 {
        if self.ids.is_empty() {
            return 0.0;
        }
        self.types as f64 / self.ids.len() as f64
    }

    /// Root TTR (Guiraud's index) V/√N; 0 for no tokens.
    pub fn root_ttr(&self) -> f64 {
        if self.ids.is_empty() {
            return 0.0;
        }
        self.types as f64 / (self.ids.len() as f64).sqrt()
    }

    /// Moving-average TTR over windows of `window` tokens, in one pass.
    ///
    /// With fewer tokens than the window (or a window of 0) the whole text is
    /// one window, as `lexical-diversity` does.
    pub fn mattr(&self, window: usize) -> f64 {
        let ids = &self.ids;
        if window == 0 || ids.len() <= window {
            return self.ttr();
        }
        let mut counts = vec![0u32; self.types];
        let mut distinct = 0usize;
        for &id in &ids[..window] {
            counts[id as usize] += 1;
            if counts[id as usize] == 1 {
                distinct += 1;
            }
        }
        let mut sum = distinct as f64;
        for i in window..ids.len() {
            let gone = ids[i - window] as usize;
            counts[gone] -= 1;
            if counts[gone] == 0 {
                distinct -= 1;
            }
            let new = ids[i] as usize;
            counts[new] += 1;
            if counts[new] == 1 {
                distinct += 1;
            }
            sum += distinct as f64;
        }
        let windows = (ids.len() - window + 1) as f64;
        sum / windows / window as f64
    }

    /// MTLD's forward and backward passes, as `lexicalrichness` computes them:
    /// a factor closes as soon as the running TTR is at or below the threshold.
    pub fn mtld_passes(&self) -> (f64, f64) {
        (
            self.mtld_pass(self.ids.iter().copied(), Close::AtOrBelow),
            self.mtld_pass(self.ids.iter().rev().copied(), Close::AtOrBelow),
        )
    }

    /// MTLD: the mean of the forward and the backward pass; 0 for no tokens.
    pub fn mtld(&self) -> f64 {
        let (forward, backward) = self.mtld_passes();
        (forward + backward) / 2.0
    }

    /// MTLD as `lexical-diversity` 0.1.1 computes it (`lex_div.mtld`): a factor
    /// closes only when the running TTR is below the threshold and the factor
    /// has at least [`MTLD_MIN_FACTOR`] tokens, and never at the last token.
    /// The mean of both passes; 0 for no tokens.
    pub fn mtld_min10(&self) -> f64 {
        let forward = self.mtld_pass(self.ids.iter().copied(), Close::BelowWithMin);
        let backward = self.mtld_pass(self.ids.iter().rev().copied(), Close::BelowWithMin);
        (forward + backward) / 2.0
    }

    /// One MTLD pass: count factors where the running TTR falls to the
    /// threshold, plus the partial factor left at the end.
    fn mtld_pass(&self, ids: impl ExactSizeIterator<Item = u32>, close: Close) -> f64 {
        let total = ids.len();
        // seen[id] == factor number + 1 when the type occurred in this factor.
        let mut seen = vec![0u32; self.types];
        let mut factor = 1u32;
        let (mut count, mut distinct) = (0usize, 0usize);
        let mut current = 1.0;
        let mut factors = 0.0;
        for (i, id) in ids.enumerate() {
            count += 1;
            if seen[id as usize] != factor {
                seen[id as usize] = factor;
                distinct += 1;
            }
            current = distinct as f64 / count as f64;
            let closes = match close {
                Close::AtOrBelow => current <= MTLD_THRESHOLD,
                // lexical-diversity never closes a factor at the last token:
                // that one always ends in the partial factor.
                Close::BelowWithMin => {
                    current < MTLD_THRESHOLD && count >= MTLD_MIN_FACTOR && i + 1 < total
                }
            };
            if closes {
                factors += 1.0;
                factor += 1;
                count = 0;
                distinct = 0;
                current = 1.0;
            }
        }
        factors += (1.0 - current) / (1.0 - MTLD_THRESHOLD);
        if factors == 0.0 {
            // No token, or a text where no type ever repeats: the TTR never
            // drops, and MTLD is the text's length.
            return total as f64;
        }
        total as f64 / factors
    }

    /// HD-D (McCarthy & Jarvis 2007): the expected TTR of a random sample of
    /// [`HDD_SAMPLE`] tokens, from the hypergeometric distribution.
    /// `None` for texts shorter than the sample.
    pub fn hdd(&self) -> Option<f64> {
        let n = self.ids.len();
        if n < HDD_SAMPLE {
            return None;
        }
        let mut counts = vec![0usize; self.types];
        for &id in &self.ids {
            counts[id as usize] += 1;
        }
        // P(a type is absent from the sample) = C(n - f, s) / C(n, s) depends only on its
        // count f, and most types share a small count: each is computed once.
        let mut absent_at: Vec<Option<f64>> = vec![None; n + 1];
        let mut sum = 0.0;
        for &freq in &counts {
            let absent = *absent_at[freq].get_or_insert_with(|| {
                let mut absent = 1.0;
                for i in 0..HDD_SAMPLE {
                    if freq + i >= n {
                        absent = 0.0;
                        break;
                    }
                    absent *= (n - freq - i) as f64 / (n - i) as f64;
                }
                absent
            });
            sum += (1.0 - absent) / HDD_SAMPLE as f64;
        }
        Some(sum)
    }
}

/// When an MTLD factor closes.
#[derive(Clone, Copy, PartialEq)]
enum Close {
    /// TTR ≤ threshold (McCarthy & Jarvis; `lexicalrichness`).
    AtOrBelow,
    /// TTR < threshold and at least [`MTLD_MIN_FACTOR`] tokens (`lexical-diversity`).
    BelowWithMin,
}

/// The token compared for types: lower-cased when it has upper-case letters.
fn fold(token: &str) -> Cow<'_, str> {
    if token.chars().any(char::is_uppercase) {
        Cow::Owned(token.to_lowercase())
    } else {
        Cow::Borrowed(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `t`, numbered by their exact text.
    fn words(t: &[&str]) -> Words {
        let mut texts: Vec<&str> = Vec::new();
        let ids: Vec<u32> = (t.iter())
            .map(|word| match texts.iter().position(|known| known == word) {
                Some(id) => id as u32,
                None => {
                    texts.push(word);
                    (texts.len() - 1) as u32
                }
            })
            .collect();
        Words::from_numbered(ids, &texts)
    }

    fn ttr(t: &[&str]) -> f64 {
        words(t).ttr()
    }
    fn root_ttr(t: &[&str]) -> f64 {
        words(t).root_ttr()
    }
    fn mattr(t: &[&str], w: usize) -> f64 {
        words(t).mattr(w)
    }
    fn mtld(t: &[&str]) -> f64 {
        words(t).mtld()
    }
    fn mtld_passes(t: &[&str]) -> (f64, f64) {
        words(t).mtld_passes()
    }
    fn mtld_min10(t: &[&str]) -> f64 {
        words(t).mtld_min10()
    }
    fn hdd(t: &[&str]) -> Option<f64> {
        words(t).hdd()
    }
    fn types(t: &[&str]) -> usize {
        words(t).types()
    }

    /// T1 of the reference, cut by jieba-rs 0.11.0 `cut(text, true)`, punctuation removed.
    const T1: &[&str] = &[
        "要",
        "当好",
        "领导",
        "的",
        "参谋",
        "助手",
        "首先",
        "要",
        "确立",
        "领导",
        "视角",
        "的",
        "大局观",
        "时刻",
        "以",
        "领导",
        "的",
        "视角",
        "和",
        "眼光",
        "去",
        "看待",
        "问题",
        "分析",
        "问题",
        "谋划",
        "问题",
        "在",
        "各个方面",
        "为",
        "领导",
        "提供",
        "及时",
        "准确",
        "的",
        "服务",
        "和",
        "决策",
        "参考",
        "一是",
        "在",
        "公文",
        "写作",
        "上",
        "突出",
        "精品",
        "意识",
        "讲话",
        "文稿",
        "是",
        "领导",
        "计划",
        "总结",
        "安排",
        "部署",
        "工作",
        "的",
        "重要",
        "载体",
        "文稿",
        "质量",
        "的",
        "高低",
        "往往",
        "体现",
        "着",
        "一个",
        "领导",
        "的",
        "风格",
        "和",
        "思路",
    ];

    /// T2 of the reference, likewise.
    const T2: &[&str] = &[
        "下面",
        "我",
        "讲",
        "几点",
        "意见",
        "一是",
        "要",
        "提高",
        "政治",
        "站位",
        "切实加强",
        "组织",
        "领导",
        "二是",
        "要",
        "压实",
        "工作",
        "责任",
        "扎实",
        "推进",
        "各项任务",
        "落实",
        "三是",
        "要",
        "强化",
        "督促检查",
        "确保",
        "各项",
        "工作",
        "取得实效",
        "以上",
        "意见",
        "不当之处",
        "敬请",
        "批评指正",
    ];

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() < 1e-6
    }

    #[test]
    fn t1_matches_the_reference() {
        assert_eq!(T1.len(), 72);
        assert_eq!(types(T1), 53);
        assert!(close(ttr(T1), 0.736111), "{}", ttr(T1));
        assert!(close(root_ttr(T1), 6.246110), "{}", root_ttr(T1));
        assert!(close(mattr(T1, 50), 0.795652), "{}", mattr(T1, 50));
        assert!(close(mattr(T1, 20), 0.886792), "{}", mattr(T1, 20));
        let (forward, backward) = mtld_passes(T1);
        assert!(close(forward, 42.0), "{forward}");
        assert!(close(backward, 76.395789), "{backward}");
        assert!(close(mtld(T1), 59.197895), "{}", mtld(T1));
        assert!(close(mtld_min10(T1), 59.197895), "{}", mtld_min10(T1));
        let hdd = hdd(T1).unwrap();
        assert!(close(hdd, 0.795903), "{hdd}");
    }

    #[test]
    fn t2_matches_the_reference() {
        assert_eq!(T2.len(), 35);
        assert_eq!(types(T2), 31);
        assert!(close(ttr(T2), 0.885714), "{}", ttr(T2));
        assert!(close(root_ttr(T2), 5.239956), "{}", root_ttr(T2));
        assert!(close(mattr(T2, 50), 0.885714), "{}", mattr(T2, 50));
        assert!(close(mattr(T2, 20), 0.921875), "{}", mattr(T2, 20));
        assert!(close(mtld(T2), 85.75), "{}", mtld(T2));
        assert_eq!(hdd(T2), None);
    }

    #[test]
    fn empty_and_tiny_inputs_give_finite_numbers() {
        for tokens in [&[][..], &["发展"][..], &["发展", "发展"][..]] {
            for value in [
                ttr(tokens),
                root_ttr(tokens),
                mattr(tokens, 50),
                mtld(tokens),
            ] {
                assert!(value.is_finite(), "{tokens:?}");
            }
        }
        assert_eq!(ttr(&[]), 0.0);
        assert_eq!(mtld(&[]), 0.0);
        assert_eq!(mattr(&["a", "b", "a"], 0), ttr(&["a", "b", "a"]));
    }

    #[test]
    fn mtld_min10_follows_lexical_diversity() {
        // On short texts both variants agree with the reference.
        assert!(close(mtld_min10(T2), 85.75), "{}", mtld_min10(T2));
        // A factor may not close before 10 tokens: a a a … closes at the 10th, not the 2nd.
        let same = ["a"; 20];
        assert!(close(mtld(&same), 2.0));
        // One factor of 10; then the last 10 end in a partial factor (1 - 0.1) / 0.28.
        assert!(close(mtld_min10(&same), 20.0 / (1.0 + 0.9 / 0.28)));
    }

    #[test]
    fn case_is_folded() {
        assert_eq!(types(&["GDP", "gdp", "Gdp"]), 1);
    }

    #[test]
    fn mattr_slides_a_window() {
        // Windows of 2 over a b a a: {a,b} {b,a} {a} → (1 + 1 + 0.5) / 3.
        assert!(close(mattr(&["a", "b", "a", "a"], 2), 2.5 / 3.0));
    }
}
