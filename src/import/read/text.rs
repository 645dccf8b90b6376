//! Delimited text: encoding and delimiter sniffed from the first 64 KiB, then
//! streamed through the csv crate (quoted fields with newlines, ragged rows).

use std::fs::File;
use std::io::{self, BufReader, Read};
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

pub(super) struct TextRows {
    path: PathBuf,
    csv: csv::Reader<Utf8Reader<Tally<BufReader<File>>>>,
    record: csv::ByteRecord,
    number: u64,
    len: u64,
    hash: Option<String>,
    /// Cells of a row already used, refilled in place (see `recycle`).
    spare: Vec<String>,
}

impl TextRows {
    pub fn open(path: &Path, encoding: Detected, delimiter: u8) -> Result<TextRows, ImportError> {
        let file = File::open(path).map_err(|source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        let tally = Tally {
            inner: BufReader::with_capacity(256 * 1024, file),
            bytes: 0,
            hasher: Sha256::new(),
        };
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(256 * 1024)
            .from_reader(Utf8Reader::new(tally, encoding));
        Ok(TextRows {
            path: path.to_path_buf(),
            csv,
            record: csv::ByteRecord::new(),
            number: 0,
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
        (self.csv.get_ref().get_ref().bytes as f64 / self.len as f64).min(1.0)
    }

    pub fn file_hash(&mut self) -> Result<String, ImportError> {
        if let Some(hash) = &self.hash {
            return Ok(hash.clone());
        }
        // Not read to the end (a preview): hash the file on its own.
        super::hash_file(&self.path)
    }
}

impl Iterator for TextRows {
    type Item = Result<Row, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.hash.is_some() {
            return None;
        }
        match self.csv.read_byte_record(&mut self.record) {
            Ok(true) => {
                self.number += 1;
                let mut cells = std::mem::take(&mut self.spare);
                cells.truncate(self.record.len());
                for (i, f) in self.record.iter().enumerate() {
                    let text = String::from_utf8_lossy(f);
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
                    number: self.number,
                    cells,
                    numeric: Vec::new(),
                }))
            }
            Ok(false) => {
                let digest = self.csv.get_ref().get_ref().hasher.clone().finalize();
                self.hash = Some(hex(&digest));
                None
            }
            Err(e) => {
                // The csv crate only fails here on I/O; report and stop.
                self.hash = Some(String::new());
                Some(Err(ImportError::Read {
                    path: self.path.clone(),
                    row: self.number + 1,
                    message: e.to_string(),
                }))
            }
        }
    }
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
