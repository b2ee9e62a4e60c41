//! A fast, non-cryptographic hasher for the hash maps of this analyzer (the
//! multiply-rotate hash of rustc's `FxHasher`). Keys come from one document,
//! so resistance to crafted collisions buys nothing here, and the standard
//! SipHash made hashing the largest cost of the analysis.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FxHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The multiply leaves its best-mixed bits at the top, while the hash
    /// table picks buckets with the low bits: rotate them down.
    #[inline]
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work_with_strings_and_numbers() {
        let mut map: FastMap<&str, u32> = FastMap::default();
        for (i, word) in ["发展", "确保", "发展", "a", "ab", "abcdefghi"]
            .iter()
            .enumerate()
        {
            *map.entry(word).or_default() += i as u32;
        }
        assert_eq!(map["发展"], 2);
        assert_eq!(map.len(), 5);
        let numbers: FastMap<u64, u64> = (0..1000).map(|i| (i << 42, i)).collect();
        assert_eq!(numbers.len(), 1000);
        assert_eq!(numbers[&(999 << 42)], 999);
    }

    #[test]
    fn different_lengths_hash_differently() {
        let hash = |b: &[u8]| {
            let mut h = FxHasher::default();
            h.write(b);
            h.finish()
        };
        assert_ne!(hash(b"a"), hash(b"a\0"));
        assert_ne!(hash("发展".as_bytes()), hash("确保".as_bytes()));
    }
}
