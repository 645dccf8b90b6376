//! Reading and checking rows on other threads while this one writes them
//! to the database. The reading side is two stages on two threads: one reads
//! (decode, split, hash the file) and does the per-row work that needs no
//! earlier row (parse, field checks), the other prepares what does (new
//! classification values, the file's own keys, in row order). Neither needs
//! the database, and on two cores the reading side alone was busier than the
//! writer, so splitting it lets the spare part of the writer's core take
//! some of it.
//! Rows cross in batches of `BATCH`: one channel operation per batch, not
//! per row; bounded channels keep at most a few batches in flight, so memory
//! stays flat on any file size.

use std::sync::mpsc::{Receiver, channel, sync_channel};

use super::ImportError;
use super::read::{Row, Rows};

/// A row with what the reading side prepared for it.
pub(super) struct Staged<P> {
    pub row: Row,
    pub prepared: P,
    /// 0.0–1.0 through the file once this row was read.
    pub fraction: f64,
}

const BATCH: usize = 256;
const BATCHES_IN_FLIGHT: usize = 4;

/// The preparing stage: in row order, with what `early` made of each row.
pub(super) trait Preparer<E, P>: Send {
    /// Sees what `early` made of each row of a batch before any of them is
    /// prepared, so lookups the batch will make can be started together
    /// (a miss in a big table costs ~100 ns; started together they overlap).
    fn look_ahead(&mut self, _early: &E) {}

    fn prepare(&mut self, row: &Row, early: E) -> P;
}

impl<E, P, F: FnMut(&Row, E) -> P + Send> Preparer<E, P> for F {
    fn prepare(&mut self, row: &Row, early: E) -> P {
        self(row, early)
    }
}

/// A row as read with what `early` made of it, and how far through the
/// file the reader was.
type Read<E> = (Result<(Row, E), ImportError>, f64);

/// Runs `early` over `rows` on the reading thread and `prepare` (in row
/// order, with `early`'s result; see `Preparer`) on another, while `consume` takes the
/// staged rows in order on this one. `consume` may stop early (the reading
/// side then stops too). Gives back `consume`'s result and the rows, read to
/// where the reader stopped (for the file's hash). Without `keep_cells` the
/// staged rows carry their number only (the cells go back to the reader to
/// be filled again).
pub(super) fn staged<E: Send, P: Send, T>(
    rows: Rows,
    keep_cells: bool,
    early: impl Fn(&Row) -> E + Send,
    mut prepare: impl Preparer<E, P>,
    consume: impl FnOnce(&mut dyn Iterator<Item = Result<Staged<P>, ImportError>>) -> T,
) -> (T, Rows) {
    std::thread::scope(|scope| {
        let (read_tx, read_rx) = sync_channel::<Vec<Read<E>>>(BATCHES_IN_FLIGHT);
        let (staged_tx, staged_rx) =
            sync_channel::<Vec<Result<Staged<P>, ImportError>>>(BATCHES_IN_FLIGHT);
        // Emptied cell vectors back to the reader (unbounded: at most what
        // is in flight, and the reader takes them back each batch).
        let (spare_tx, spare_rx) = channel::<Vec<Vec<String>>>();
        let reader = scope.spawn(move || {
            let mut rows = rows;
            let mut batch = Vec::with_capacity(BATCH);
            while let Some(row) = rows.next() {
                let failed = row.is_err();
                let row = row.map(|row| {
                    let early = early(&row);
                    (row, early)
                });
                batch.push((row, rows.fraction_done()));
                if batch.len() == BATCH || failed {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    // A closed channel: the preparer stopped because the
                    // writer did (cancel, stop, error).
                    if read_tx.send(full).is_err() || failed {
                        return rows;
                    }
                    take_back(&mut rows, &spare_rx);
                }
            }
            if !batch.is_empty() {
                let _ = read_tx.send(batch);
            }
            rows
        });
        scope.spawn(move || {
            for batch in read_rx {
                for (row, _) in &batch {
                    if let Ok((_, early)) = row {
                        prepare.look_ahead(early);
                    }
                }
                let mut spare = Vec::new();
                let staged: Vec<_> = batch
                    .into_iter()
                    .map(|(row, fraction)| {
                        row.map(|(mut row, early)| {
                            let prepared = prepare.prepare(&row, early);
                            if !keep_cells {
                                spare.push(std::mem::take(&mut row.cells));
                                row.numeric = Vec::new();
                            }
                            Staged {
                                prepared,
                                fraction,
                                row,
                            }
                        })
                    })
                    .collect();
                if !spare.is_empty() {
                    // The reader may have finished: the cells are dropped.
                    let _ = spare_tx.send(spare);
                }
                if staged_tx.send(staged).is_err() {
                    // Dropping `read_rx` stops the reader at its next send.
                    return;
                }
            }
        });
        let result = {
            let mut items = staged_rx.into_iter().flatten();
            consume(&mut items)
        };
        let rows = match reader.join() {
            Ok(rows) => rows,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (result, rows)
    })
}

/// Gives the reader back the cell vectors the preparer emptied.
fn take_back(rows: &mut Rows, spare: &Receiver<Vec<Vec<String>>>) {
    while let Ok(cells) = spare.try_recv() {
        for c in cells {
            rows.recycle(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::Source;

    fn rows_of(dir: &std::path::Path, lines: usize) -> Rows {
        let path = dir.join("rows.csv");
        let text: String = (0..lines).map(|i| format!("{i},name {i}\n")).collect();
        std::fs::write(&path, text).unwrap();
        Source::open(&path).unwrap().rows(None).unwrap()
    }

    #[test]
    fn every_row_arrives_in_order_with_what_was_prepared() {
        let dir = tempfile::tempdir().unwrap();
        let rows = rows_of(dir.path(), 3 * BATCH + 7);
        let (seen, mut rows) = staged(
            rows,
            false,
            |row| row.cell(0).to_string(),
            |_: &Row, first| first,
            |items| {
                items
                    .map(|s| {
                        let s = s.unwrap();
                        assert!(s.row.cells.is_empty(), "cells dropped when not kept");
                        (s.row.number, s.prepared)
                    })
                    .collect::<Vec<_>>()
            },
        );
        assert_eq!(seen.len(), 3 * BATCH + 7);
        for (i, (number, first_cell)) in seen.iter().enumerate() {
            assert_eq!(
                (*number, first_cell.as_str()),
                (i as u64 + 1, i.to_string().as_str())
            );
        }
        assert_eq!(rows.file_hash().unwrap().len(), 64, "read to the end");
    }

    /// Cells go back to the reader a batch at a time and are refilled: a
    /// short row after a long one must not keep the long row's cells.
    #[test]
    fn recycled_cells_never_carry_an_earlier_rows_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ragged.csv");
        let lines = 20 * BATCH;
        let expected: Vec<Vec<String>> = (0..lines)
            .map(|i| (0..1 + i % 5).map(|c| format!("r{i}c{c}")).collect())
            .collect();
        let text: String = expected.iter().map(|r| r.join(",") + "\n").collect();
        std::fs::write(&path, text).unwrap();
        let rows = Source::open(&path).unwrap().rows(None).unwrap();
        let (seen, _rows) = staged(
            rows,
            false,
            |_| (),
            |row: &Row, ()| row.cells.clone(),
            |items| items.map(|s| s.unwrap().prepared).collect::<Vec<_>>(),
        );
        assert_eq!(seen.len(), lines);
        for (i, (got, want)) in seen.iter().zip(&expected).enumerate() {
            assert_eq!(got, want, "row {}", i + 1);
        }
    }

    /// Logs what the preparer is asked, in order.
    struct Logged(Vec<(bool, u64)>);

    impl Preparer<u64, ()> for &mut Logged {
        fn look_ahead(&mut self, number: &u64) {
            self.0.push((true, *number));
        }

        fn prepare(&mut self, row: &Row, number: u64) {
            assert_eq!(row.number, number);
            self.0.push((false, number));
        }
    }

    #[test]
    fn the_preparer_sees_a_whole_batch_before_preparing_it() {
        let dir = tempfile::tempdir().unwrap();
        let rows = rows_of(dir.path(), 2 * BATCH + 3);
        let mut log = Logged(Vec::new());
        staged(
            rows,
            false,
            |row| row.number,
            &mut log,
            |items| items.count(),
        );
        let mut want = Vec::new();
        for batch in (1..=2 * BATCH as u64 + 3).collect::<Vec<_>>().chunks(BATCH) {
            want.extend(batch.iter().map(|&n| (true, n)));
            want.extend(batch.iter().map(|&n| (false, n)));
        }
        assert_eq!(log.0, want);
    }

    #[test]
    fn a_writer_that_stops_early_stops_the_reader() {
        let dir = tempfile::tempdir().unwrap();
        let rows = rows_of(dir.path(), 50 * BATCH);
        let (taken, _rows) = staged(
            rows,
            true,
            |_| (),
            |_: &Row, ()| (),
            |items| {
                items
                    .take(3)
                    .map(|s| s.unwrap().row.cells.len())
                    .collect::<Vec<_>>()
            },
        );
        assert_eq!(taken, [2, 2, 2], "cells kept");
    }
}
