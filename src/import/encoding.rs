//! Which text encoding a file is in, and a reader that turns it into UTF-8 as
//! it streams. Order of evidence: a BOM, then strict UTF-8, then UTF-16
//! without a BOM (NUL bytes every other byte), then chardetng's guess. GBK is
//! decoded with the GB18030 decoder, a superset that also covers the rare
//! characters in company names.

use std::io::{self, Read};

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Decoder, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// How much of a file is looked at to decide its encoding and delimiter.
pub const SAMPLE_BYTES: usize = 64 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detected {
    pub encoding: &'static Encoding,
    /// Length of the byte-order mark at the start (skipped when reading).
    pub bom_len: usize,
}

impl Detected {
    /// The name users know: UTF-8, UTF-16LE, GB18030…
    pub fn name(&self) -> &'static str {
        self.encoding.name()
    }
}

/// Decides the encoding from the first bytes of a file. `whole` says the
/// sample is the entire file (so a character cut at its end is an error).
pub fn detect(sample: &[u8], whole: bool) -> Detected {
    if let Some((encoding, bom_len)) = Encoding::for_bom(sample) {
        return Detected { encoding, bom_len };
    }
    if let Some(encoding) = utf16_without_bom(sample) {
        return Detected {
            encoding,
            bom_len: 0,
        };
    }
    let utf8 = match std::str::from_utf8(sample) {
        Ok(_) => true,
        // A multi-byte character cut by the end of the sample is fine.
        Err(e) => e.error_len().is_none() && !whole,
    };
    if utf8 || mostly_utf8(sample) {
        return Detected {
            encoding: UTF_8,
            bom_len: 0,
        };
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(sample, whole);
    // The .cn hint tips close calls towards GBK, what Chinese Windows writes.
    let guess = detector.guess(Some(b"cn"), Utf8Detection::Allow);
    Detected {
        encoding: if guess == GBK { GB18030 } else { guess },
        bom_len: 0,
    }
}

/// UTF-8 text with a stray invalid byte (a cut character, a byte from
/// another encoding pasted in): read as UTF-8, the byte becomes � in its
/// cell and the row check names it, rather than the whole file being guessed
/// as another encoding and every Chinese character garbled.
fn mostly_utf8(sample: &[u8]) -> bool {
    let lead_bytes = |bytes: &[u8]| bytes.iter().filter(|b| **b >= 0xC0).count();
    let (mut rest, mut invalid, mut multibyte) = (sample, 0usize, 0usize);
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                multibyte += lead_bytes(text.as_bytes());
                break;
            }
            Err(e) => {
                multibyte += lead_bytes(&rest[..e.valid_up_to()]);
                let Some(len) = e.error_len() else {
                    break;
                };
                invalid += 1;
                rest = &rest[e.valid_up_to() + len..];
            }
        }
    }
    invalid > 0 && invalid * 20 <= multibyte
}

/// Excel's "Unicode text" is UTF-16LE with a BOM, but files cut or re-saved by
/// other tools lose it; ASCII-heavy UTF-16 shows as NULs in every other byte.
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let head = &sample[..sample.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nuls = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nuls = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_nuls * 10 >= pairs * 3 && even_nuls * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 3 && odd_nuls * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Streams `inner` as UTF-8. UTF-8 input passes through untouched (its BOM
/// skipped); anything else goes through an encoding_rs decoder in chunks.
pub struct Utf8Reader<R> {
    inner: R,
    decoder: Option<Decoder>,
    bom_left: usize,
    input: Vec<u8>,
    input_len: usize,
    output: Vec<u8>,
    output_pos: usize,
    output_len: usize,
    finished: bool,
}

const CHUNK: usize = 64 * 1024;

impl<R: Read> Utf8Reader<R> {
    pub fn new(inner: R, detected: Detected) -> Utf8Reader<R> {
        let decoder = (detected.encoding != UTF_8)
            .then(|| detected.encoding.new_decoder_without_bom_handling());
        let buffers = decoder.is_some();
        Utf8Reader {
            inner,
            decoder,
            bom_left: detected.bom_len,
            input: if buffers { vec![0; CHUNK] } else { Vec::new() },
            input_len: 0,
            // UTF-16 → UTF-8 can grow 3 bytes per 2; GB18030 → UTF-8 2 per 3.
            output: if buffers {
                vec![0; CHUNK * 2]
            } else {
                Vec::new()
            },
            output_pos: 0,
            output_len: 0,
            finished: false,
        }
    }

    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    pub fn into_inner(self) -> R {
        self.inner
    }

    fn skip_bom(&mut self) -> io::Result<()> {
        let mut scratch = [0u8; 4];
        while self.bom_left > 0 {
            let n = self.inner.read(&mut scratch[..self.bom_left])?;
            if n == 0 {
                break;
            }
            self.bom_left -= n;
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf8Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.bom_left > 0 {
            self.skip_bom()?;
        }
        let Some(decoder) = self.decoder.as_mut() else {
            return self.inner.read(buf);
        };
        loop {
            if self.output_pos < self.output_len {
                let n = buf.len().min(self.output_len - self.output_pos);
                buf[..n].copy_from_slice(&self.output[self.output_pos..self.output_pos + n]);
                self.output_pos += n;
                return Ok(n);
            }
            if self.finished {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.input[self.input_len..])?;
            self.input_len += n;
            let last = n == 0;
            let (result, read, written, _) =
                decoder.decode_to_utf8(&self.input[..self.input_len], &mut self.output, last);
            self.input.copy_within(read..self.input_len, 0);
            self.input_len -= read;
            self.output_pos = 0;
            self.output_len = written;
            if last && result == encoding_rs::CoderResult::InputEmpty {
                self.finished = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8]) -> (Detected, String) {
        let detected = detect(bytes, true);
        let mut out = String::new();
        Utf8Reader::new(bytes, detected)
            .read_to_string(&mut out)
            .unwrap();
        (detected, out)
    }

    #[test]
    fn bom_utf8_is_stripped() {
        let (d, text) = decode_all("\u{feff}名称,税号\n".as_bytes());
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(text, "名称,税号\n");
    }

    #[test]
    fn gbk_is_read_with_gb18030() {
        let text =
            "客户名称,统一社会信用代码\n深圳市华强电子有限公司,914403001922038216\n".repeat(5);
        let (bytes, _, _) = GBK.encode(&text);
        let (d, decoded) = decode_all(&bytes);
        assert_eq!(d.encoding, GB18030);
        assert_eq!(decoded, text);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "客户名称\t税号\r\n华强\t914403001922038216\r\n";
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let (d, decoded) = decode_all(&le);
        assert_eq!((d.encoding, d.bom_len), (UTF_16LE, 2));
        assert_eq!(decoded, text);
        let ascii = "name\ttax_id\r\nHQ\t914403001922038216\r\n";
        let be: Vec<u8> = ascii.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let (d, decoded) = decode_all(&be);
        assert_eq!(d.encoding, UTF_16BE);
        assert_eq!(decoded, ascii);
    }

    #[test]
    fn decoding_survives_tiny_reads_across_chunk_edges() {
        let text = "深圳市华强电子有限公司,甲乙丙\n".repeat(10_000);
        let (bytes, _, _) = GB18030.encode(&text);
        let detected = detect(&bytes[..SAMPLE_BYTES], false);
        let mut reader = Utf8Reader::new(&bytes[..], detected);
        let mut out = Vec::new();
        let mut buf = [0u8; 7];
        loop {
            let n = reader.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        assert_eq!(String::from_utf8(out).unwrap(), text);
    }

    #[test]
    fn a_stray_invalid_byte_in_utf8_text_keeps_it_utf8() {
        let mut bytes = "客户名称,备注\n深圳市华强电子有限公司,无\n"
            .repeat(3)
            .into_bytes();
        bytes.insert(13, 0xFF);
        assert_eq!(detect(&bytes, true).encoding, UTF_8);
        let text = "深圳市华强电子有限公司,广州\n".repeat(20);
        let (gbk, _, _) = GBK.encode(&text);
        assert_eq!(detect(&gbk, true).encoding, GB18030);
    }

    #[test]
    fn a_cut_character_at_the_sample_end_is_still_utf8() {
        let bytes = "名称".as_bytes();
        assert_eq!(detect(&bytes[..4], false).encoding, UTF_8);
    }
}
