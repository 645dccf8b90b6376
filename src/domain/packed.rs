//! Small numbers packed in as many bits as the largest needs (20 at a
//! million rows instead of 32): a held sort order of the customer list
//! takes 2.4 MiB there, not 3.8, and so do the list's rows by id and the
//! name index's exact table.

#[derive(Debug, Default)]
pub struct Packed {
    words: Vec<u64>,
    width: u32,
    len: usize,
}

impl Packed {
    /// `values` packed, each below `bound`.
    pub fn new(values: impl ExactSizeIterator<Item = u32>, bound: u32) -> Packed {
        let len = values.len();
        let mut packed = Packed::with_width(width_for(bound), len);
        for (i, value) in values.enumerate() {
            packed.put(i, value);
        }
        packed.len = len;
        packed
    }

    /// No values yet, each to take `width` bits (1–32).
    fn with_width(width: u32, capacity: usize) -> Packed {
        let width = width.clamp(1, 32);
        Packed {
            // One word more than the bits take, so `get` may always read two.
            words: vec![0; (capacity * width as usize).div_ceil(64) + 1],
            width,
            len: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The largest value this packing holds.
    pub fn max_value(&self) -> u32 {
        (((1u64 << self.width) - 1) & u64::from(u32::MAX)) as u32
    }

    pub fn get(&self, i: usize) -> Option<u32> {
        if i >= self.len {
            return None;
        }
        let bit = i * self.width as usize;
        let (word, shift) = (bit / 64, bit % 64);
        let low = self.words.get(word)? >> shift;
        // A shift by 64 is no shift: the second word counts only past the first.
        let high = match shift {
            0 => 0,
            _ => self.words.get(word + 1)? << (64 - shift),
        };
        Some(((low | high) & ((1u64 << self.width) - 1)) as u32)
    }

    /// The values in order (either way round).
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = u32> + '_ {
        (0..self.len).filter_map(|i| self.get(i))
    }

    /// Replaces value `i` (beyond the end does nothing), packing them all
    /// wider first when `value` does not fit.
    pub fn set(&mut self, i: usize, value: u32) {
        if i >= self.len {
            return;
        }
        self.fit(value);
        self.put(i, value);
    }

    /// Appends `value`, widening as `set` does.
    pub fn push(&mut self, value: u32) {
        self.fit(value);
        let bits = (self.len + 1) * self.width as usize;
        if bits.div_ceil(64) + 1 > self.words.len() {
            // Doubling, as a vector grows: pushes cost O(1) each overall.
            let words = (self.words.len() * 2).max(bits.div_ceil(64) + 1);
            self.words.resize(words, 0);
        }
        self.len += 1;
        self.put(self.len - 1, value);
    }

    /// Gives back the words past the values.
    pub fn shrink_to_fit(&mut self) {
        let words = (self.len * self.width as usize).div_ceil(64) + 1;
        self.words.truncate(words);
        self.words.shrink_to_fit();
    }

    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * 8
    }

    /// Packs every value again in the width `value` needs, if wider.
    fn fit(&mut self, value: u32) {
        if value <= self.max_value() {
            return;
        }
        let mut wider = Packed::with_width(width_for(value), self.len);
        for (i, v) in self.iter().enumerate() {
            wider.put(i, v);
        }
        wider.len = self.len;
        *self = wider;
    }

    /// Writes value `i` (its bits cleared first); `value` fits the width.
    fn put(&mut self, i: usize, value: u32) {
        let bit = i * self.width as usize;
        let (word, shift) = (bit / 64, bit % 64);
        let mask = (1u64 << self.width) - 1;
        let value = u64::from(value) & mask;
        if let Some(w) = self.words.get_mut(word) {
            *w = (*w & !(mask << shift)) | (value << shift);
        }
        if shift + self.width as usize > 64
            && let Some(w) = self.words.get_mut(word + 1)
        {
            let spill = 64 - shift;
            *w = (*w & !(mask >> spill)) | (value >> spill);
        }
    }
}

/// Bits holding every value below `bound` (at least one).
fn width_for(bound: u32) -> u32 {
    (u32::BITS - bound.leading_zeros()).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_as_packed_across_word_boundaries() {
        for bound in [1u32, 2, 3, 1000, 1 << 20, u32::MAX] {
            let rows: Vec<u32> = (0..200u32)
                .map(|i| (i.wrapping_mul(2_654_435_761)) % bound)
                .collect();
            let packed = Packed::new(rows.iter().copied(), bound);
            assert_eq!(packed.iter().collect::<Vec<_>>(), rows, "{bound}");
            assert_eq!(packed.iter().next_back(), rows.last().copied());
            assert_eq!((packed.len(), packed.get(200)), (200, None));
        }
        // A million rows take 20 bits each.
        assert_eq!(Packed::new(0..1_000_000, 1_000_000).width, 20);
        assert_eq!(Packed::new(std::iter::empty(), 0).len(), 0);
    }

    #[test]
    fn values_set_and_pushed_overwrite_their_bits_and_widen_the_rest() {
        let mut packed = Packed::new([5u32, 0, 7].into_iter(), 8);
        assert_eq!((packed.width, packed.max_value()), (4, 15));
        packed.set(0, 2);
        packed.set(3, 1);
        assert_eq!(packed.iter().collect::<Vec<_>>(), [2, 0, 7]);
        let mut expected = vec![2, 0, 7];
        // Pushes across word boundaries, widening twice on the way.
        for i in 0..300u32 {
            let value = if i == 100 {
                1000
            } else if i == 250 {
                u32::MAX
            } else {
                i % 9
            };
            packed.push(value);
            expected.push(value);
        }
        assert_eq!(packed.width, 32);
        assert_eq!(packed.iter().collect::<Vec<_>>(), expected);
        // Every value rewritten: old bits never leak into new ones.
        for (i, slot) in expected.iter_mut().enumerate() {
            let value = (i as u32).wrapping_mul(2_654_435_761) >> 1;
            packed.set(i, value);
            *slot = value;
        }
        packed.shrink_to_fit();
        assert_eq!(packed.iter().collect::<Vec<_>>(), expected);
        assert_eq!(
            packed.heap_bytes(),
            (expected.len() * 32).div_ceil(64) * 8 + 8
        );
    }
}
