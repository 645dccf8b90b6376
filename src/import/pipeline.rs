//! Reading and checking rows on a second thread while this one writes them
//! to the database. The reading side (decode, parse, map, field checks) is
//! about a third of an import's work and needs no database, so on two cores
//! it costs no wall time. Rows cross in batches of `BATCH`: one channel
//! operation per batch, not per row; a bounded channel keeps at most a few
//! batches in flight, so memory stays flat on any file size.

use std::sync::mpsc::sync_channel;

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

/// Runs `prepare` over `rows` on a second thread while `consume` takes the
/// staged rows in order on this one. `consume` may stop early (the reader
/// then stops too). Gives back `consume`'s result and the rows, read to
/// where the reader stopped (for the file's hash). Without `keep_cells` the
/// staged rows carry their number only (the cells are for a rejects file).
pub(super) fn staged<P: Send, T>(
    rows: Rows,
    keep_cells: bool,
    mut prepare: impl FnMut(&Row) -> P + Send,
    consume: impl FnOnce(&mut dyn Iterator<Item = Result<Staged<P>, ImportError>>) -> T,
) -> (T, Rows) {
    std::thread::scope(|scope| {
        let (sender, receiver) =
            sync_channel::<Vec<Result<Staged<P>, ImportError>>>(BATCHES_IN_FLIGHT);
        let reader = scope.spawn(move || {
            let mut rows = rows;
            let mut batch = Vec::with_capacity(BATCH);
            while let Some(row) = rows.next() {
                let failed = row.is_err();
                batch.push(row.map(|mut row| {
                    let prepared = prepare(&row);
                    if !keep_cells {
                        rows.recycle(std::mem::take(&mut row.cells));
                        row.numeric = Vec::new();
                    }
                    Staged {
                        prepared,
                        fraction: rows.fraction_done(),
                        row,
                    }
                }));
                if batch.len() == BATCH || failed {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    // A closed channel: the writer stopped (cancel, stop, error).
                    if sender.send(full).is_err() || failed {
                        return rows;
                    }
                }
            }
            if !batch.is_empty() {
                let _ = sender.send(batch);
            }
            rows
        });
        let result = {
            let mut items = receiver.into_iter().flatten();
            consume(&mut items)
        };
        let rows = match reader.join() {
            Ok(rows) => rows,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (result, rows)
    })
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

    #[test]
    fn a_writer_that_stops_early_stops_the_reader() {
        let dir = tempfile::tempdir().unwrap();
        let rows = rows_of(dir.path(), 50 * BATCH);
        let (taken, _rows) = staged(
            rows,
            true,
            |_| (),
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
