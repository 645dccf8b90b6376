//! Delimited text: encoding and delimiter sniffed from the first 64 KiB, then
//! streamed through the csv crate (quoted fields with newlines, ragged rows).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::super::ImportError;
use super::super::encoding::{Detected, Utf8Reader, detect};
use super::{Row, hex};
use crate::domain::safe_text::csv_unguard;

const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];
const SNIFF_LINES: usize = 50;

/// The encoding and delimiter of a text file, or why it is not text at all.
pub(super) fn sniff(
    path: &Path,
    sample: &[u8],
    whole: bool,
) -> Result<(Detected, u8), ImportError> {
    let encoding = detect(sample, whole);
    let (text, _) = encoding
        .encoding
        .decode_without_bom_handling(&sample[encoding.bom_len..]);
    if looks_binary(&text) {
        return Err(ImportError::NotSpreadsheet {
            path: path.to_path_buf(),
            what: "it holds binary data, not text".into(),
        });
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    let tab_first = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    Ok((encoding, sniff_delimiter(&text, tab_first)))
}

/// Text files have no NULs and few control characters; images, PDFs and
/// executables have many.
fn looks_binary(text: &str) -> bool {
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars().take(SAMPLE_CHARS) {
        total += 1;
        if c == '\0' {
            return true;
        }
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || c == '\u{fffd}' {
            controls += 1;
        }
    }
    controls * 50 > total
}

const SAMPLE_CHARS: usize = 16 * 1024;

/// The delimiter that splits most sampled lines into the same number of cells.
/// Title rows ("客户档案 2026年11月") hold none and do not vote.
fn sniff_delimiter(text: &str, tab_first: bool) -> u8 {
    let lines = logical_lines(text);
    let mut best = (0usize, 0usize, if tab_first { b'\t' } else { b',' });
    for delimiter in DELIMITERS {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, delimiter))
            .collect();
        let mut modes: Vec<(usize, usize)> = Vec::new();
        for c in counts.iter().copied().filter(|c| *c > 0) {
            match modes.iter_mut().find(|(n, _)| *n == c) {
                Some((_, f)) => *f += 1,
                None => modes.push((c, 1)),
            }
        }
        let Some(&(count, lines_agreeing)) = modes.iter().max_by_key(|(n, f)| (*f, *n)) else {
            continue;
        };
        let preferred = tab_first && delimiter == b'\t';
        if (lines_agreeing, count) > (best.0, best.1) || (preferred && lines_agreeing >= best.0) {
            best = (lines_agreeing, count, delimiter);
        }
    }
    best.2
}

/// The first lines of the sample, a quoted newline kept inside its line.
fn logical_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                if !text[start..i].trim().is_empty() {
                    lines.push(&text[start..i]);
                }
                start = i + 1;
                if lines.len() == SNIFF_LINES {
                    return lines;
                }
            }
            _ => {}
        }
    }
    lines
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            n += 1;
        }
    }
    n
}

/// Counts and hashes the bytes read from the file, so progress and the batch's
/// file hash come from the one pass that reads the rows.
pub(super) struct Tally<R> {
    inner: R,
    bytes: u64,
    hasher: Sha256,
}

impl<R: Read> Read for Tally<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

type Input = BufReader<Utf8Reader<Tally<File>>>;

/// The rows of a text file. csv-core is driven directly (not through the
/// csv crate, which drops blank lines without a trace) so each row carries
/// the number Excel shows for it: blank lines count, and a quoted cell that
/// holds line breaks is still one row.
pub(super) struct TextRows {
    path: PathBuf,
    input: Input,
    core: csv_core::Reader,
    lines: Lines,
    /// Line breaks inside the cells of the records read so far.
    inner_breaks: u64,
    /// The current record's cell bytes and where each cell ends.
    fields: Vec<u8>,
    ends: Vec<usize>,
    len: u64,
    hash: Option<String>,
    /// Cells of a row already used, refilled in place (see `recycle`).
    spare: Vec<String>,
}

/// A record read: the line it starts on, its cell bytes and cell count.
struct ReadRecord {
    first_line: u64,
    bytes: usize,
    cells: usize,
}

impl TextRows {
    pub fn open(path: &Path, encoding: Detected, delimiter: u8) -> Result<TextRows, ImportError> {
        let file = File::open(path).map_err(|source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        let tally = Tally {
            inner: file,
            bytes: 0,
            hasher: Sha256::new(),
        };
        let core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        Ok(TextRows {
            path: path.to_path_buf(),
            input: BufReader::with_capacity(256 * 1024, Utf8Reader::new(tally, encoding)),
            core,
            lines: Lines::new(),
            inner_breaks: 0,
            fields: vec![0; 4096],
            ends: vec![0; 64],
            len,
            hash: None,
            spare: Vec::new(),
        })
    }

    /// Takes back a row's cells once read, to fill with a later row's: a
    /// million-row file otherwise allocates and frees a String per cell.
    pub fn recycle(&mut self, cells: Vec<String>) {
        self.spare = cells;
    }

    /// Size of the file in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn fraction_done(&self) -> f64 {
        if self.len == 0 {
            return 1.0;
        }
        (self.input.get_ref().get_ref().bytes as f64 / self.len as f64).min(1.0)
    }

    pub fn file_hash(&mut self) -> Result<String, ImportError> {
        if let Some(hash) = &self.hash {
            return Ok(hash.clone());
        }
        // Not read to the end (a preview): hash the file on its own.
        super::hash_file(&self.path)
    }

    /// The next record into `fields`/`ends`; `None` at the end of the file.
    fn read_record(&mut self) -> io::Result<Option<ReadRecord>> {
        use csv_core::ReadRecordResult::*;
        // Blank lines before the record are skipped here rather than inside
        // csv-core, so they are counted.
        loop {
            let buf = self.input.fill_buf()?;
            let blank = buf
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            if blank == 0 {
                break;
            }
            self.lines.count(&buf[..blank]);
            self.input.consume(blank);
        }
        let first_line = self.lines.line;
        let (mut bytes, mut cells) = (0, 0);
        loop {
            let buf = self.input.fill_buf()?;
            let (result, nin, nout, nend) =
                self.core
                    .read_record(buf, &mut self.fields[bytes..], &mut self.ends[cells..]);
            self.lines.count(&buf[..nin]);
            self.input.consume(nin);
            bytes += nout;
            cells += nend;
            match result {
                InputEmpty => {}
                OutputFull => self.fields.resize(self.fields.len() * 2, 0),
                OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                Record => {
                    return Ok(Some(ReadRecord {
                        first_line,
                        bytes,
                        cells,
                    }));
                }
                End => return Ok(None),
            }
        }
    }
}

impl Iterator for TextRows {
    type Item = Result<Row, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.hash.is_some() {
            return None;
        }
        match self.read_record() {
            Ok(Some(record)) => {
                let number = record.first_line - self.inner_breaks;
                self.inner_breaks += breaks_in(&self.fields[..record.bytes]);
                let mut cells = std::mem::take(&mut self.spare);
                cells.truncate(record.cells);
                let mut start = 0;
                for (i, &end) in self.ends[..record.cells].iter().enumerate() {
                    let text = String::from_utf8_lossy(&self.fields[start..end]);
                    start = end;
                    // kehu's own CSV files guard formula-like cells with a `'`.
                    let text = csv_unguard(&text);
                    match cells.get_mut(i) {
                        Some(cell) => {
                            cell.clear();
                            cell.push_str(text);
                        }
                        None => cells.push(text.to_string()),
                    }
                }
                Some(Ok(Row {
                    number,
                    cells,
                    numeric: Vec::new(),
                }))
            }
            Ok(None) => {
                let digest = self.input.get_ref().get_ref().hasher.clone().finalize();
                self.hash = Some(hex(&digest));
                None
            }
            Err(e) => {
                // Only I/O fails here; report where and stop.
                self.hash = Some(String::new());
                Some(Err(ImportError::Read {
                    path: self.path.clone(),
                    row: self.lines.line - self.inner_breaks,
                    message: e.to_string(),
                }))
            }
        }
    }
}

/// Where a text file's bytes are: the line a text editor shows for the next
/// byte (LF, CRLF and a lone CR each end a line), so a record's first line is
/// known however many blank lines came before it.
#[derive(Debug)]
struct Lines {
    /// 1-based line of the next byte read.
    line: u64,
    /// The last byte counted was a CR (a LF right after it ends the same line).
    after_cr: bool,
}

impl Lines {
    fn new() -> Lines {
        Lines {
            line: 1,
            after_cr: false,
        }
    }

    fn count(&mut self, bytes: &[u8]) {
        let Some(&last) = bytes.last() else {
            return;
        };
        if memchr::memchr(b'\r', bytes).is_none() {
            // The common case, LF only: counted without a branch per byte
            // (a LF right after a CR counted before ends that CR's line).
            let ends_cr_line = self.after_cr && bytes[0] == b'\n';
            self.line += bytes.iter().filter(|b| **b == b'\n').count() as u64;
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
fn breaks_in(cells: &[u8]) -> u64 {
    if memchr::memchr2(b'\n', b'\r', cells).is_none() {
        return 0;
    }
    let mut lines = Lines::new();
    lines.count(cells);
    lines.line - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_is_the_one_lines_agree_on() {
        let semi = "客户档案 2026年11月\n\n名称;地址;税号\n华强;深圳市福田区华强北路1号, 3楼;914403001922038216\n鑫达;广州;\n";
        assert_eq!(sniff_delimiter(semi, false), b';');
        let tab = "名称\t税号\n华强\t9144\n";
        assert_eq!(sniff_delimiter(tab, false), b'\t');
        let quoted = "名称,备注\n\"华强\",\"a;b;c\"\n\"鑫达\",\"x;y\"\n";
        assert_eq!(sniff_delimiter(quoted, false), b',');
        let pipe = "a|b|c\n1|2|3\n";
        assert_eq!(sniff_delimiter(pipe, false), b'|');
        assert_eq!(sniff_delimiter("one column\nonly\n", true), b'\t');
    }

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
        assert_eq!(breaks_in(b"no breaks"), 0);
    }

    #[test]
    fn binary_is_not_text() {
        assert!(looks_binary("\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR"));
        assert!(!looks_binary("名称,税号\r\n华强,914403001922038216\r\n"));
    }
}

#[cfg(test)]
mod recycle_tests {
    use crate::import::read::Source;

    #[test]
    fn recycled_cells_hold_exactly_the_next_rows_cells() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ragged.csv");
        std::fs::write(
            &path,
            "名称,地址,税号\n华强,深圳市福田区,9144\n鑫达\n甲,乙,丙,丁\n",
        )
        .unwrap();
        let mut rows = Source::open(&path).unwrap().rows(None).unwrap();
        let mut seen = Vec::new();
        while let Some(row) = rows.next() {
            let row = row.unwrap();
            seen.push(row.cells.clone());
            rows.recycle(row.cells);
        }
        assert_eq!(
            seen,
            [
                vec!["名称", "地址", "税号"],
                vec!["华强", "深圳市福田区", "9144"],
                vec!["鑫达"],
                vec!["甲", "乙", "丙", "丁"],
            ]
        );
    }
}
