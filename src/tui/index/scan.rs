//! Finding the rows whose search text holds a query. Each row's summary
//! (`summary.rs`) is looked at first; what it cannot rule out is searched
//! row by row when few rows are left, or by one pass over the arena (split
//! between two threads on a large list) when many are.

use std::ops::Range;

use memchr::memmem::Finder;

use super::CustomerIndex;
use super::byte_ranks::ByteRanks;
use super::summary::{self, Needs};
use crate::domain::bits::Bits;

/// Rows from which the arena is scanned on two threads (half a million
/// rows' text is ~65 MB: two cores read it in about half the time).
const TWO_THREADS_FROM: usize = 200_000;

impl CustomerIndex {
    /// The rows of `rows` (in their order) whose search text holds `folded`.
    pub(super) fn narrow(&self, rows: &[u32], folded: &[u8]) -> Vec<u32> {
        let needs = Needs::of(folded);
        if needs.is_exact() {
            return self.keep(rows, |r| needs.admits(self.summary(r)));
        }
        if let Some(zeros) = summary::zeros_only(folded) {
            return self.keep(rows, |r| {
                self.zero_runs.get(r as usize).map_or_else(
                    || memchr::memmem::find(self.hay_of(r), folded).is_some(),
                    |run| *run >= zeros,
                )
            });
        }
        let finder = ByteRanks::finder(self.byte_ranks.as_ref(), folded);
        // One pass over the whole arena saves a call per row but reads every
        // row. Callgrind at 100,000 rows: a search per row costs 12% more
        // when all rows are searched, and a Chinese first character (40% of
        // rows let through) cost 18% more searched row by row than by a pass.
        if self.admitted_share(rows, needs) * 4.0 > self.rows.len() as f64 {
            let hits = self.scan(&finder);
            return self.keep(rows, |r| hits.get(r as usize));
        }
        self.keep(rows, |r| {
            needs.admits(self.summary(r)) && finder.find(self.hay_of(r)).is_some()
        })
    }

    /// About how many of `rows` the summaries let through, from a sample
    /// (counting them all would cost a pass over the list).
    fn admitted_share(&self, rows: &[u32], needs: Needs) -> f64 {
        const SAMPLE: usize = 1024;
        if rows.len() <= SAMPLE {
            return rows
                .iter()
                .filter(|r| needs.admits(self.summary(**r)))
                .count() as f64;
        }
        let step = rows.len() / SAMPLE;
        let admitted = (0..SAMPLE)
            .filter_map(|i| rows.get(i * step))
            .filter(|r| needs.admits(self.summary(**r)))
            .count();
        admitted as f64 * rows.len() as f64 / SAMPLE as f64
    }

    /// The rows passing `test`, in order; a long list is split between two threads.
    fn keep(&self, rows: &[u32], test: impl Fn(u32) -> bool + Sync) -> Vec<u32> {
        keep_from(rows, TWO_THREADS_FROM, test)
    }

    fn summary(&self, row: u32) -> u64 {
        self.summaries
            .get(row as usize)
            .copied()
            .unwrap_or(u64::MAX)
    }

    /// One bit per row: does its search text hold the needle?
    fn scan(&self, finder: &Finder<'_>) -> Bits {
        let rows = self.rows.len();
        Bits::from(if rows < TWO_THREADS_FROM {
            self.scan_rows(finder, 0..rows)
        } else {
            self.scan_halves(finder, rows / 2)
        })
    }

    /// `scan` with the rows from `split` (rounded down to a word of bits)
    /// searched on a second thread.
    fn scan_halves(&self, finder: &Finder<'_>, split: usize) -> Vec<u64> {
        let rows = self.rows.len();
        let split = split.min(rows) & !63;
        let (mut low, high) = std::thread::scope(|s| {
            let high = s.spawn(|| self.scan_rows(finder, split..rows));
            (self.scan_rows(finder, 0..split), high.join())
        });
        match high {
            Ok(high) => {
                low.extend(high);
                low
            }
            // The helper thread died: search its half here.
            Err(_) => self.scan_rows(finder, 0..rows),
        }
    }

    /// Bits for `rows` (bit 0 of the first word is `rows.start`).
    fn scan_rows(&self, finder: &Finder<'_>, rows: Range<usize>) -> Vec<u64> {
        let mut hits = vec![0u64; rows.len().div_ceil(64)];
        let start_of = |row: usize| {
            self.hay_starts
                .get(row)
                .map_or(self.hay.len(), |s| *s as usize)
        };
        let end = start_of(rows.end);
        let mut pos = start_of(rows.start);
        let mut row = rows.start;
        while let Some(found) = self.hay.get(pos..end).and_then(|rest| finder.find(rest)) {
            let at = pos + found;
            // Hits come in order, so the row holding one is found by walking
            // forward: O(rows + hits) for the whole scan.
            while row + 1 < rows.end && start_of(row + 1) <= at {
                row += 1;
            }
            let bit = row - rows.start;
            if let Some(word) = hits.get_mut(bit / 64) {
                *word |= 1 << (bit % 64);
            }
            // Skip to the next row: one hit per row is enough.
            pos = start_of(row + 1);
        }
        hits
    }
}

/// `rows` passing `test`, in order, split between two threads from `two_threads_from` rows.
fn keep_from(rows: &[u32], two_threads_from: usize, test: impl Fn(u32) -> bool + Sync) -> Vec<u32> {
    let pass = |part: &[u32]| {
        part.iter()
            .copied()
            .filter(|r| test(*r))
            .collect::<Vec<u32>>()
    };
    if rows.len() < two_threads_from {
        return pass(rows);
    }
    let (low, high) = rows.split_at(rows.len() / 2);
    let (mut kept, high_kept) = std::thread::scope(|s| {
        let other = s.spawn(|| pass(high));
        (pass(low), other.join())
    });
    match high_kept {
        Ok(high_kept) => kept.extend(high_kept),
        // The helper thread died: test its half here.
        Err(_) => kept.extend(pass(high)),
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::index::fold;

    /// Rows by plain search of every row's text, the answer to compare with.
    fn plain(index: &CustomerIndex, rows: &[u32], folded: &[u8]) -> Vec<u32> {
        rows.iter()
            .copied()
            .filter(|r| memchr::memmem::find(index.hay_of(*r), folded).is_some())
            .collect()
    }

    fn index_of(names: &[String]) -> CustomerIndex {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        for (i, name) in names.iter().enumerate() {
            let mut values = crate::synth::customer_values(i as u64);
            values.insert("name".into(), name.clone());
            store.add_customer(&values, None).unwrap();
        }
        CustomerIndex::load(&store, None).unwrap()
    }

    /// Names with Chinese, full-width, mixed case, digits and punctuation.
    fn names(count: usize, seed: u64) -> Vec<String> {
        let pieces = [
            "华强",
            "華強",
            "深圳",
            "电子",
            "ＡＢＣ",
            "Acme",
            "qz",
            "HQ",
            "0755",
            "00",
            "000",
            "0000",
            "00000",
            "0000000000",
            "-",
            " ",
            "第2",
            "物流",
            "有限公司",
            "k",
            "\u{212A}",
            "ß",
            "Z9",
            "强华",
            "科技",
        ];
        let mut rng = seed;
        (0..count)
            .map(|i| {
                let mut name = String::new();
                for _ in 0..3 + i % 4 {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    name.push_str(pieces[(rng % pieces.len() as u64) as usize]);
                }
                name
            })
            .collect()
    }

    #[test]
    fn summaries_never_skip_a_row_holding_the_query() {
        let index = index_of(&names(300, 7));
        let all: Vec<u32> = (0..index.rows.len() as u32).collect();
        let odd: Vec<u32> = all.iter().copied().filter(|r| r % 2 == 1).collect();
        let mut queries: Vec<String> = [
            "h",
            "H",
            "q",
            "0",
            "9",
            "z",
            "华",
            "華",
            "强",
            "华强",
            "ａ",
            "abc",
            "ACME",
            "k",
            "K",
            "ß",
            "ss",
            "-",
            " ",
            "第",
            "2",
            "0755",
            "c0000",
            "13",
            "有限",
            "公司第",
            "强华",
            "x",
            "é",
        ]
        .iter()
        .map(|q| q.to_string())
        .collect();
        // Random pieces of real rows' text, and random letters and digits.
        let mut rng = 99u64;
        let alphabet: Vec<char> = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ华强深圳电子有限公司-"
            .chars()
            .collect();
        for _ in 0..300 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let row = (rng % all.len() as u64) as u32;
            let text = String::from_utf8_lossy(index.hay_of(row)).to_string();
            let chars: Vec<char> = text.chars().filter(|c| *c > '\u{1f}').collect();
            let at = (rng >> 8) as usize % chars.len().max(1);
            let len = 1 + (rng >> 20) as usize % 4;
            queries.push(chars.iter().skip(at).take(len).collect());
            let random: String = (0..1 + (rng >> 30) as usize % 3)
                .map(|k| alphabet[(rng >> (34 + 5 * k)) as usize % alphabet.len()])
                .collect();
            queries.push(random);
        }
        for query in &queries {
            let folded = fold(query);
            if folded.is_empty() {
                continue;
            }
            for rows in [&all, &odd] {
                assert_eq!(
                    index.narrow(rows, &folded),
                    plain(&index, rows, &folded),
                    "{query}"
                );
            }
            let finder = Finder::new(&folded);
            let whole = index.scan_rows(&finder, 0..all.len());
            let from_bits: Vec<u32> = all
                .iter()
                .copied()
                .filter(|r| (whole[*r as usize / 64] >> (r % 64)) & 1 == 1)
                .collect();
            assert_eq!(from_bits, plain(&index, &all, &folded), "{query}");
            for split in [0, 64, 100, 128, 299, 400] {
                assert_eq!(
                    index.scan_halves(&finder, split),
                    whole,
                    "{query} at {split}"
                );
            }
        }
    }
}
