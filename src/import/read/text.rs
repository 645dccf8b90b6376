//! Delimited text: encoding and delimiter sniffed from the first 64 KiB, then
//! streamed through the csv crate (quoted fields with newlines, ragged rows).

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::super::encoding::{Detected, Utf8Reader, detect};
use super::super::header::column_letter;
use super::super::{ImportError, Refusal};
use super::lines::{Lines, OpenQuote, breaks_in, merged_by_quote};
use super::{Row, hex};
use crate::domain::Text;
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

/// Images, PDFs and executables are full of NULs and control bytes; a text
/// file may carry a stray one (a NUL or an escape typed into a cell, a byte
/// invalid in its encoding), which the row checks then name by row and
/// column. So only a share of them, and more than a few, says binary.
fn looks_binary(text: &str) -> bool {
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars().take(SAMPLE_CHARS) {
        total += 1;
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || c == '\u{fffd}' {
            controls += 1;
        }
    }
    controls >= MIN_BINARY_CONTROLS && controls * 50 > total
}

/// Fewer odd characters than this never make a file binary.
const MIN_BINARY_CONTROLS: usize = 8;

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
    delimiter: u8,
    /// The current record's bytes as read (quotes included), checked for a
    /// quote that ran rows together when a cell holds a line break.
    raw: Vec<u8>,
    /// The current record's cell bytes and where each cell ends.
    fields: Vec<u8>,
    ends: Vec<usize>,
    len: u64,
    hash: Option<String>,
    /// Cells of rows already used, refilled in place (see `recycle`).
    spare: Vec<Vec<String>>,
}

/// A record read: the line it starts on, its cell bytes and cell count,
/// and whether the file ended inside it (no line break after it).
struct ReadRecord {
    first_line: u64,
    bytes: usize,
    cells: usize,
    at_end: bool,
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
            delimiter,
            raw: Vec::new(),
            fields: vec![0; 4096],
            ends: vec![0; 64],
            len,
            hash: None,
            spare: Vec::new(),
        })
    }

    /// Takes back a row's cells once read, to fill with a later row's: a
    /// million-row file otherwise allocates and frees a String per cell.
    /// Rows in flight between threads come back a batch at a time, so a few
    /// thousand are kept (no more: the rest are freed).
    pub fn recycle(&mut self, cells: Vec<String>) {
        const KEPT: usize = 4096;
        if self.spare.len() < KEPT {
            self.spare.push(cells);
        }
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
        self.raw.clear();
        loop {
            let buf = self.input.fill_buf()?;
            let at_end = buf.is_empty();
            let (result, nin, nout, nend) =
                self.core
                    .read_record(buf, &mut self.fields[bytes..], &mut self.ends[cells..]);
            self.lines.count(&buf[..nin]);
            self.raw.extend_from_slice(&buf[..nin]);
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
                        at_end,
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
                let breaks = breaks_in(&self.fields[..record.bytes]);
                if (breaks > 0 || record.at_end)
                    && let Some(open) = merged_by_quote(&self.raw, self.delimiter, record.at_end)
                {
                    self.hash = Some(String::new());
                    return Some(Err(unbalanced_quote(
                        &self.path,
                        number,
                        record.first_line,
                        &open,
                    )));
                }
                self.inner_breaks += breaks;
                let mut cells = self.spare.pop().unwrap_or_default();
                cells.truncate(record.cells);
                // Checked as UTF-8 once for the record, not once a cell: cells
                // end at an ASCII delimiter or quote, so a valid record splits
                // into valid cells.
                let fields = &self.fields[..record.bytes];
                let whole = std::str::from_utf8(fields).ok();
                let mut start = 0;
                for (i, &end) in self.ends[..record.cells].iter().enumerate() {
                    let text = match whole.and_then(|w| w.get(start..end)) {
                        Some(cell) => Cow::Borrowed(cell),
                        None => String::from_utf8_lossy(&fields[start..end]),
                    };
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

/// A quote that opened a cell and ran the rows after it into that cell.
fn unbalanced_quote(path: &Path, row: u64, first_line: u64, open: &OpenQuote) -> ImportError {
    let column = column_letter(open.cell);
    let line = first_line + open.line_offset;
    ImportError::Refused(Box::new(Refusal {
        path: path.to_path_buf(),
        row: Some(row),
        column: Some(column.clone()),
        code: "import.unbalanced_quote",
        message: Text::new(
            format!(
                "row {row}, column {column} (line {line} in a text editor): a quote (\") opens \
                 this cell but does not close where the cell ends, so the rows after it would \
                 run into this one cell. Close the quote, or remove it, and import again."
            ),
            format!(
                "第 {row} 行 {column} 列（文本编辑器第 {line} 行）：单元格以引号（\"）开头，\
                 但引号没有在单元格结束处闭合，后面的行会并入这一格。请补上或删除这个引号后重新导入。"
            ),
        ),
    }))
}

#[cfg(test)]
mod tests;
