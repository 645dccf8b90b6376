//! The index's compact parts: customer ids as runs of consecutive ids
//! (rowids: one run until customers are deleted), else in four bytes while
//! they fit, and bigram lists stored as gaps
//! between entry numbers in LEB128 varints (a common bigram's list is
//! then about a byte an entry instead of four).

use super::Entry;

/// Customer ids by entry: runs of consecutive ids (a million rowids with
/// a few deleted: a few runs, where a list takes 3.8 MiB) while there are
/// few runs, else `u32` while every id fits (SQLite rowids do in practice),
/// `i64` from the first one that does not.
pub(super) enum Ids {
    /// (first entry, its id) of each run; `len` entries in all.
    Runs {
        runs: Vec<(Entry, i64)>,
        len: usize,
    },
    Narrow(Vec<u32>),
    Wide(Vec<i64>),
}

/// Runs kept while they are at most a quarter of the entries (a run takes
/// 16 bytes, an entry's id in a list 4), counted from this many runs.
const RUNS_CHECKED_FROM: usize = 1024;

impl Default for Ids {
    fn default() -> Ids {
        Ids::Runs {
            runs: Vec::new(),
            len: 0,
        }
    }
}

impl Ids {
    pub(super) fn get(&self, e: usize) -> i64 {
        match self {
            Ids::Runs { runs, .. } => {
                let run = runs
                    .partition_point(|r| r.0 as usize <= e)
                    .saturating_sub(1);
                runs.get(run).map_or(0, |(first, id)| {
                    id.wrapping_add((e - *first as usize) as i64)
                })
            }
            Ids::Narrow(v) => i64::from(v[e]),
            Ids::Wide(v) => v[e],
        }
    }

    pub(super) fn push(&mut self, id: i64) {
        match self {
            Ids::Runs { runs, len } => {
                let continues = runs.last().is_some_and(|(first, first_id)| {
                    first_id.checked_add((*len - *first as usize) as i64) == Some(id)
                });
                if !continues {
                    runs.push((*len as Entry, id));
                }
                *len += 1;
                if runs.len() >= RUNS_CHECKED_FROM && runs.len() * 4 > *len {
                    let mut listed = Ids::Narrow(Vec::with_capacity(*len));
                    for e in 0..*len {
                        listed.push(self.get(e));
                    }
                    *self = listed;
                }
            }
            Ids::Narrow(v) => match u32::try_from(id) {
                Ok(n) => v.push(n),
                Err(_) => {
                    let mut wide: Vec<i64> = v.iter().map(|n| i64::from(*n)).collect();
                    wide.push(id);
                    *self = Ids::Wide(wide);
                }
            },
            Ids::Wide(v) => v.push(id),
        }
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Ids::Runs { len, .. } => *len,
            Ids::Narrow(v) => v.len(),
            Ids::Wide(v) => v.len(),
        }
    }

    pub(super) fn shrink(&mut self) {
        match self {
            Ids::Runs { runs, .. } => runs.shrink_to_fit(),
            Ids::Narrow(v) => v.shrink_to_fit(),
            Ids::Wide(v) => v.shrink_to_fit(),
        }
    }

    pub(super) fn heap_bytes(&self) -> usize {
        match self {
            Ids::Runs { runs, .. } => runs.capacity() * std::mem::size_of::<(Entry, i64)>(),
            Ids::Narrow(v) => v.capacity() * 4,
            Ids::Wide(v) => v.capacity() * 8,
        }
    }
}

/// Bytes `gap` takes as a varint.
pub(super) fn varint_len(gap: Entry) -> u32 {
    match gap {
        0..0x80 => 1,
        0x80..0x4000 => 2,
        0x4000..0x20_0000 => 3,
        0x20_0000..0x1000_0000 => 4,
        _ => 5,
    }
}

/// Writes `gap` at `out[at..]`, returning the position after it.
pub(super) fn put_varint(out: &mut [u8], mut at: usize, mut gap: Entry) -> usize {
    while gap >= 0x80 {
        out[at] = (gap as u8) | 0x80;
        gap >>= 7;
        at += 1;
    }
    out[at] = gap as u8;
    at + 1
}

/// Walks one bigram's list of entries in ascending order.
pub(super) struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The entry under the cursor (None past the end).
    pub(super) current: Option<Entry>,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Cursor<'a> {
        let mut cursor = Cursor {
            bytes,
            at: 0,
            current: None,
        };
        cursor.current = cursor.read(0);
        cursor
    }

    pub(super) fn advance(&mut self) {
        let base = self.current.unwrap_or(0);
        self.current = self.read(base);
    }

    fn read(&mut self, base: Entry) -> Option<Entry> {
        let mut gap: Entry = 0;
        let mut shift = 0;
        loop {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            gap |= Entry::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(base + gap);
            }
            shift += 7;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_round_trip_through_varints() {
        let entries: Vec<Entry> = vec![0, 1, 2, 130, 20_000, 3_000_000, 300_000_000, u32::MAX];
        let mut bytes = vec![0u8; 64];
        let (mut at, mut last) = (0, 0);
        for e in &entries {
            let before = at;
            at = put_varint(&mut bytes, at, e - last);
            assert_eq!((at - before) as u32, varint_len(e - last), "{e}");
            last = *e;
        }
        let mut cursor = Cursor::new(&bytes[..at]);
        let mut read = Vec::new();
        while let Some(e) = cursor.current {
            read.push(e);
            cursor.advance();
        }
        assert_eq!(read, entries);
    }

    #[test]
    fn ids_in_runs_come_back_and_many_runs_become_a_list() {
        let mut ids = Ids::default();
        let stored: Vec<i64> = [1..=5, 9..=9, 11..=13, -2..=-1, i64::MAX - 1..=i64::MAX]
            .into_iter()
            .flatten()
            .collect();
        for id in &stored {
            ids.push(*id);
        }
        assert!(matches!(&ids, Ids::Runs { runs, .. } if runs.len() == 5));
        assert_eq!(
            (0..ids.len()).map(|e| ids.get(e)).collect::<Vec<_>>(),
            stored
        );
        // Every other id deleted: a run per entry, then a list.
        let mut ids = Ids::default();
        let sparse: Vec<i64> = (0..4 * RUNS_CHECKED_FROM as i64)
            .map(|i| 2 * i + 1)
            .collect();
        for id in &sparse {
            ids.push(*id);
        }
        assert!(matches!(ids, Ids::Narrow(_)));
        assert_eq!(
            (0..ids.len()).map(|e| ids.get(e)).collect::<Vec<_>>(),
            sparse
        );
    }

    #[test]
    fn ids_widen_when_one_does_not_fit() {
        let mut ids = Ids::Narrow(Vec::new());
        ids.push(7);
        ids.push(i64::from(u32::MAX) + 5);
        ids.push(-3);
        assert_eq!((ids.get(0), ids.get(1), ids.get(2)), (7, 4_294_967_300, -3));
        assert!(matches!(ids, Ids::Wide(_)));
    }
}
