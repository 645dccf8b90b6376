//! A set of small numbers as one bit each: a million rows or entries in
//! 125 KB, which stays in cache where a sorted list searched by halves
//! does not.

#[derive(Default)]
pub struct Bits(Vec<u64>);

impl Bits {
    pub fn grow_to(&mut self, n: usize) {
        self.0.resize(n.div_ceil(64), 0);
    }

    /// Sets bit `e`; beyond the end does nothing (see `insert`).
    pub fn set(&mut self, e: usize) {
        if let Some(word) = self.0.get_mut(e / 64) {
            *word |= 1 << (e % 64);
        }
    }

    /// Sets bit `e`, growing the set to hold it.
    pub fn insert(&mut self, e: usize) {
        if e / 64 >= self.0.len() {
            self.grow_to((e + 1).max(self.0.len() * 128));
        }
        self.set(e);
    }

    pub fn get(&self, e: usize) -> bool {
        self.0.get(e / 64).is_some_and(|w| (w >> (e % 64)) & 1 == 1)
    }

    pub fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn heap_bytes(&self) -> usize {
        self.0.capacity() * 8
    }
}

/// Words built elsewhere (bit `e` is bit `e % 64` of word `e / 64`).
impl From<Vec<u64>> for Bits {
    fn from(words: Vec<u64>) -> Bits {
        Bits(words)
    }
}

#[cfg(test)]
mod tests {
    use super::Bits;

    #[test]
    fn inserted_numbers_are_found_and_others_not() {
        let mut bits = Bits::default();
        for e in [0, 63, 64, 1_000_003, 77] {
            bits.insert(e);
        }
        assert!([0, 63, 64, 77, 1_000_003].iter().all(|e| bits.get(*e)));
        assert!(
            ![1, 62, 65, 1_000_002, 1_000_004, 5_000_000]
                .iter()
                .any(|e| bits.get(*e))
        );
        assert_eq!(bits.count(), 5);
        let mut fixed = Bits::default();
        fixed.grow_to(10);
        fixed.set(100);
        assert!(!fixed.get(100), "set beyond the end is ignored");
    }

    #[test]
    fn bits_mark_and_count() {
        let mut bits = Bits::default();
        bits.grow_to(130);
        bits.set(0);
        bits.set(129);
        assert!(bits.get(129) && bits.get(0) && !bits.get(64));
        assert_eq!(bits.count(), 2);
    }
}
