//! How common each byte is in this list's search text, for the substring
//! finder. memchr looks for a query's two rarest bytes first and by default
//! ranks them as in ordinary text, where digits are rare; a customer list's
//! text is a third digits (tax IDs, phones, zero-padded codes), so `0000001`
//! was looked for by its zeros and checked at nearly every byte. Ranked from
//! the list itself, the `1` is looked for instead.

use memchr::arch::all::packedpair::HeuristicFrequencyRank;
use memchr::memmem::{Finder, FinderBuilder};

/// Every byte's rank: 0 the rarest in the sample, 255 the most common.
#[derive(Debug, Clone)]
pub(super) struct ByteRanks(Box<[u8; 256]>);

/// Bytes counted: every `STRIDE`-th block of `BLOCK` (a sample is enough to
/// rank; counting all of 126 MB at 1M rows would cost the loader ~50 ms).
const BLOCK: usize = 4096;
const STRIDE: usize = 8;

impl ByteRanks {
    /// Ranks from a sample of `hay`; `None` when it is too small to say (the
    /// finder's own ranks are used).
    pub fn of(hay: &[u8]) -> Option<ByteRanks> {
        if hay.len() < BLOCK {
            return None;
        }
        let mut counts = [0u64; 256];
        for block in hay.chunks(BLOCK).step_by(STRIDE) {
            for &b in block {
                counts[b as usize] += 1;
            }
        }
        let mut bytes: Vec<u8> = (0..=255).collect();
        // Ties (bytes never seen, mostly) keep byte order: deterministic.
        bytes.sort_by_key(|&b| counts[b as usize]);
        let mut ranks = Box::new([0u8; 256]);
        for (rank, b) in bytes.into_iter().enumerate() {
            ranks[b as usize] = rank as u8;
        }
        Some(ByteRanks(ranks))
    }

    pub fn finder<'n>(ranks: Option<&ByteRanks>, needle: &'n [u8]) -> Finder<'n> {
        match ranks {
            Some(ranks) => FinderBuilder::new().build_forward_with_ranker(ranks, needle),
            None => Finder::new(needle),
        }
    }
}

impl HeuristicFrequencyRank for ByteRanks {
    fn rank(&self, byte: u8) -> u8 {
        self.0[byte as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_common_bytes_rank_above_its_rare_ones() {
        // Zero-padded codes: zeros everywhere, a `7` now and then.
        let hay: Vec<u8> = (0..20_000u32)
            .flat_map(|i| format!("c{:08}|", i % 9000).into_bytes())
            .collect();
        let ranks = ByteRanks::of(&hay).unwrap();
        assert!(ranks.rank(b'0') > ranks.rank(b'7'));
        assert!(
            ranks.rank(b'7') > ranks.rank(b'x'),
            "an unseen byte is the rarest"
        );
        assert_eq!(ranks.rank(b'0'), 255);
        assert!(ByteRanks::of(b"short").is_none());
        let finder = ByteRanks::finder(Some(&ranks), b"0000017");
        assert_eq!(finder.find(b"c00000170|"), Some(1));
        assert_eq!(finder.find(b"c00000107|"), None);
    }
}
