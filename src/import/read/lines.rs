//! Counting lines in text as it streams, and finding a quote that ran rows
//! together, so every row and every refusal names the place Excel and a
//! text editor show.

/// Where a text file's bytes are: the line a text editor shows for the next
/// byte (LF, CRLF and a lone CR each end a line), so a record's first line is
/// known however many blank lines came before it.
#[derive(Debug)]
pub(super) struct Lines {
    /// 1-based line of the next byte read.
    pub line: u64,
    /// The last byte counted was a CR (a LF right after it ends the same line).
    after_cr: bool,
}

impl Lines {
    pub fn new() -> Lines {
        Lines {
            line: 1,
            after_cr: false,
        }
    }

    pub fn count(&mut self, bytes: &[u8]) {
        let Some(&last) = bytes.last() else {
            return;
        };
        // The common case, LF only (a record's bytes: one LF at the end):
        // one vectorised pass finds the breaks, the bytes between unvisited
        // (a LF right after a CR counted before ends that CR's line).
        let mut lfs = 0;
        let mut cr = false;
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[at] == b'\r' {
                cr = true;
                break;
            }
            lfs += 1;
        }
        if !cr {
            let ends_cr_line = self.after_cr && bytes[0] == b'\n';
            self.line += lfs;
            self.line -= u64::from(ends_cr_line);
            self.after_cr = false;
            return;
        }
        for &b in bytes {
            match b {
                b'\n' if self.after_cr => self.after_cr = false,
                b'\n' => self.line += 1,
                b'\r' => {
                    self.line += 1;
                    self.after_cr = true;
                }
                _ => self.after_cr = false,
            }
        }
        debug_assert_eq!(self.after_cr, last == b'\r');
    }
}

/// Line breaks inside a record's cells (quoted multi-line cells): Excel shows
/// such a record as one row, so later rows are numbered that many lower than
/// their first line.
pub(super) fn breaks_in(cells: &[u8]) -> u64 {
    if memchr::memchr2(b'\n', b'\r', cells).is_none() {
        return 0;
    }
    let mut lines = Lines::new();
    lines.count(cells);
    lines.line - 1
}

/// Where a quote that opened a cell failed to close where the cell ends:
/// the line within the record and the cell (0-based) it opened in.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct OpenQuote {
    /// Line breaks before the quote, counted from the record's first line.
    pub line_offset: u64,
    pub cell: usize,
}

/// Checks one record's raw bytes (as read, quotes included) for a quote that
/// merged lines: a quoted cell that runs over a line break and either never
/// closes (`at_end`: the file ended inside it) or closes before something
/// that is not a delimiter or the end of the line. csv-core reads both
/// without a word, running the rows after the quote into one cell.
pub(super) fn merged_by_quote(raw: &[u8], delimiter: u8, at_end: bool) -> Option<OpenQuote> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        CellStart,
        Plain,
        Quoted,
        QuoteSeen,
    }
    let mut state = State::CellStart;
    let mut cell = 0;
    let mut lines = Lines::new();
    let mut opened = OpenQuote {
        line_offset: 0,
        cell: 0,
    };
    let mut spans_lines = false;
    for (i, &b) in raw.iter().enumerate() {
        let newline = b == b'\n' || b == b'\r';
        state = match state {
            State::CellStart | State::Plain if b == delimiter => {
                cell += 1;
                State::CellStart
            }
            State::CellStart | State::Plain if newline => return None,
            State::CellStart if b == b'"' => {
                opened = OpenQuote {
                    line_offset: lines.line - 1,
                    cell,
                };
                spans_lines = false;
                State::Quoted
            }
            State::CellStart | State::Plain => State::Plain,
            State::Quoted if b == b'"' => State::QuoteSeen,
            State::Quoted => {
                spans_lines |= newline;
                State::Quoted
            }
            State::QuoteSeen if b == b'"' => State::Quoted,
            State::QuoteSeen if b == delimiter => {
                cell += 1;
                State::CellStart
            }
            State::QuoteSeen if newline => return None,
            State::QuoteSeen if spans_lines => return Some(opened),
            State::QuoteSeen => State::Plain,
        };
        lines.count(&raw[i..=i]);
    }
    (state == State::Quoted && at_end).then_some(opened)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr_split_anywhere() {
        let text = b"a\r\nb\rc\n\r\n\nd";
        for split in 0..text.len() {
            let mut lines = Lines::new();
            lines.count(&text[..split]);
            lines.count(&text[split..]);
            assert_eq!(lines.line, 6, "split at {split}");
        }
        assert_eq!(breaks_in(b"one\r\ntwo\nthree"), 2);
        // Longer runs (the vectorised path) split anywhere, against a count
        // of the whole text a byte at a time.
        let long: Vec<u8> = (0..3000u32)
            .map(|i| match i * 7919 % 23 {
                0 | 5 => b'\n',
                3 => b'\r',
                _ => b'x',
            })
            .collect();
        let mut whole = Lines::new();
        for b in &long {
            whole.count(std::slice::from_ref(b));
        }
        assert!(whole.line > 200);
        for split in (0..long.len()).step_by(7) {
            let mut lines = Lines::new();
            lines.count(&long[..split]);
            lines.count(&long[split..]);
            assert_eq!(lines.line, whole.line, "split at {split}");
        }
        let lf_only: Vec<u8> = long
            .iter()
            .map(|&b| if b == b'\r' { b'y' } else { b })
            .collect();
        let mut lines = Lines::new();
        lines.count(&lf_only);
        let lfs = lf_only.iter().filter(|&&b| b == b'\n').count() as u64;
        assert_eq!(lines.line, 1 + lfs);
        assert_eq!(breaks_in(b"no breaks"), 0);
    }

    #[test]
    fn a_quote_that_runs_rows_together_is_found_where_it_opened() {
        // Closed right after a later line's delimiter: a multi-line cell, fine.
        assert_eq!(merged_by_quote(b"a,\"x\ny\",b\n", b',', false), None);
        // Closed before other text, two lines on: rows merged.
        let raw = b"1,\"open\n2,x\n3,\"y\"\n";
        assert_eq!(
            merged_by_quote(raw, b',', false),
            Some(OpenQuote {
                line_offset: 0,
                cell: 1
            })
        );
        // Never closed before the end of the file.
        assert_eq!(
            merged_by_quote(b"a;b;\"c\nd;e\n", b';', true),
            Some(OpenQuote {
                line_offset: 0,
                cell: 2
            })
        );
        // A quote inside a cell is text; "" inside quotes is one quote.
        assert_eq!(
            merged_by_quote(b"5\" screen,\"say \"\"hi\"\"\"\n", b',', true),
            None
        );
        // `"abc"def` on one line reads as abcdef: no rows were merged.
        assert_eq!(merged_by_quote(b"\"abc\"def,x\n", b',', false), None);
    }
}
