//! An .xls is an OLE compound file: sectors linked into chains by an
//! allocation table (FAT). calamine follows those chains (`cfb.rs`
//! `get_chain`) without noticing one that runs in a circle, and reads the
//! directory chain with no length limit: a damaged file of a few KB makes it
//! grow until memory runs out (fuzzing found one). So before calamine opens a
//! compound file, the chains it will follow are walked here, the way it walks
//! them: every sector inside the file, none visited twice, the FAT and DIFAT
//! sectors whole. A file that fails is refused as damaged.

use std::path::Path;

const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector ids from here up are markers, not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const MINI_SECTOR: usize = 64;
/// Streams shorter than this live in the mini stream.
const MINI_CUTOFF: usize = 4096;
const DIR_ENTRY: usize = 128;
/// The streams calamine reads from an .xls (`Book` when there is no `Workbook`).
const STREAMS: [&str; 4] = [
    "Workbook",
    "Book",
    "\u{5}SummaryInformation",
    "\u{5}DocumentSummaryInformation",
];

/// Checks the compound file at `path`; `Err` says what is damaged.
pub(super) fn check_file(path: &Path) -> Result<(), String> {
    check(&std::fs::read(path).map_err(|e| e.to_string())?)
}

/// Checks a compound file's header and the chains calamine follows.
pub(super) fn check(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() < 512 || bytes[..8] != MAGIC {
        return Err("the compound-file header is missing".into());
    }
    let size = match u16_at(bytes, 30) {
        9 => 512,
        12 => 4096,
        shift => return Err(format!("its sector size 2^{shift} is neither 512 nor 4096")),
    };
    if u16_at(bytes, 32) != 6 {
        return Err("its mini-sector size is not 64".into());
    }
    // The header takes the first sector; sector i starts at (i + 1) × size.
    let file = Sectors {
        bytes,
        size,
        count: bytes.len().saturating_sub(size).div_ceil(size),
    };
    let fat = file.fat(u32_at(bytes, 68))?;
    let dir = file.read_chain("directory", u32_at(bytes, 48), &fat, usize::MAX)?;
    let entries: Vec<&[u8]> = dir.chunks_exact(DIR_ENTRY).collect();
    let Some(root) = entries.first() else {
        return Ok(()); // calamine refuses an empty directory itself
    };
    let (mini_fat, mini_stream) = if u32_at(bytes, 64) > 0 {
        let stream = file.read_chain(
            "mini stream",
            u32_at(root, 116),
            &fat,
            entry_len(root, size),
        )?;
        let table_len = (u32_at(bytes, 64) as usize).saturating_mul(size);
        let table = file.read_chain("mini FAT", u32_at(bytes, 60), &fat, table_len)?;
        (u32s(&table), stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let mini = Sectors {
        bytes: &mini_stream,
        size: MINI_SECTOR,
        count: mini_stream.len().div_ceil(MINI_SECTOR),
    };
    for name in STREAMS {
        let Some(entry) = entries
            .iter()
            .find(|e| entry_name(e).eq_ignore_ascii_case(name))
        else {
            continue;
        };
        let (start, len) = (u32_at(entry, 116), entry_len(entry, size));
        let what = format!("{} stream", name.trim_start_matches('\u{5}'));
        if len < MINI_CUTOFF {
            mini.walk(&what, start, &mini_fat, len)?;
        } else {
            file.walk(&what, start, &fat, len)?;
        }
    }
    Ok(())
}

/// Sectors of `size` bytes laid end to end in `bytes` (after the header
/// for the file; from the start for the mini stream).
struct Sectors<'a> {
    bytes: &'a [u8],
    size: usize,
    /// Sectors that start inside `bytes` (the last may be cut short).
    count: usize,
}

impl Sectors<'_> {
    fn offset(&self, id: u32) -> usize {
        let header = if self.size == MINI_SECTOR { 0 } else { 1 };
        (id as usize + header) * self.size
    }

    fn get(&self, id: u32) -> &[u8] {
        let start = self.offset(id).min(self.bytes.len());
        &self.bytes[start..(start + self.size).min(self.bytes.len())]
    }

    /// A sector holding a table: inside the file and whole.
    fn table_sector(&self, what: &str, id: u32) -> Result<&[u8], String> {
        let sector = self.get(id);
        if (id as usize) < self.count && sector.len() == self.size {
            Ok(sector)
        } else {
            Err(format!(
                "a {what} sector ({id}) lies past the end of the file"
            ))
        }
    }

    /// The FAT: its sector ids come from the header and the DIFAT chain.
    fn fat(&self, difat_start: u32) -> Result<Vec<u32>, String> {
        let mut difat = u32s(&self.bytes[76..512]);
        let mut seen = vec![false; self.count];
        let mut id = difat_start;
        while id < RESERVED {
            let sector = self.table_sector("DIFAT", id)?;
            if std::mem::replace(&mut seen[id as usize], true) {
                return Err(format!("the DIFAT chain runs in a circle at sector {id}"));
            }
            difat.extend(u32s(sector));
            id = difat.pop().unwrap_or(END_OF_CHAIN);
        }
        // Each FAT sector once, so the table is never larger than the file.
        seen.iter_mut().for_each(|s| *s = false);
        let mut fat = Vec::new();
        for id in difat.into_iter().filter(|id| *id < DIFAT_SECTOR) {
            let sector = self.table_sector("FAT", id)?;
            if std::mem::replace(&mut seen[id as usize], true) {
                return Err(format!("FAT sector {id} is listed twice"));
            }
            fat.extend(u32s(sector));
        }
        Ok(fat)
    }

    /// Walks a chain as calamine does: from `start` until its end or until
    /// `len` bytes are read. Returns the number of bytes read.
    fn walk(&self, what: &str, start: u32, table: &[u32], len: usize) -> Result<usize, String> {
        let mut seen = vec![false; self.count];
        let (mut id, mut read) = (start, 0usize);
        while id != END_OF_CHAIN {
            let Some(visited) = seen.get_mut(id as usize) else {
                return Err(format!(
                    "the {what} chain points past the end of the file ({id})"
                ));
            };
            if std::mem::replace(visited, true) {
                return Err(format!("the {what} chain runs in a circle at sector {id}"));
            }
            read += self.get(id).len();
            if read >= len {
                return Ok(len);
            }
            id = *table
                .get(id as usize)
                .ok_or_else(|| format!("the {what} chain leaves the allocation table ({id})"))?;
        }
        Ok(read)
    }

    /// A checked chain's bytes (at most `len`).
    fn read_chain(
        &self,
        what: &str,
        start: u32,
        table: &[u32],
        len: usize,
    ) -> Result<Vec<u8>, String> {
        let len = self.walk(what, start, table, len)?;
        let mut bytes = Vec::with_capacity(len);
        let mut id = start;
        while bytes.len() < len {
            let sector = self.get(id);
            bytes.extend_from_slice(&sector[..sector.len().min(len - bytes.len())]);
            id = table.get(id as usize).copied().unwrap_or(END_OF_CHAIN);
            if id == END_OF_CHAIN {
                break;
            }
        }
        Ok(bytes)
    }
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn u32s(bytes: &[u8]) -> Vec<u32> {
    bytes.chunks_exact(4).map(|c| u32_at(c, 0)).collect()
}

/// A directory entry's stream length: 32 bits in 512-byte-sector files
/// (calamine ignores the high half there), 64 bits otherwise.
fn entry_len(entry: &[u8], size: usize) -> usize {
    if size == 512 {
        u32_at(entry, 120) as usize
    } else {
        let high = u64::from(u32_at(entry, 124));
        usize::try_from((high << 32) | u64::from(u32_at(entry, 120))).unwrap_or(usize::MAX)
    }
}

/// A directory entry's name: UTF-16LE up to the first NUL.
fn entry_name(entry: &[u8]) -> String {
    let units = entry[..64]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|u| *u != 0);
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

#[cfg(test)]
mod tests;
