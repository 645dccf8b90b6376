//! Customer codes: the next free `C000001`-style code, counted once per
//! writer, and whether a code is taken.

use rusqlite::{Connection, OptionalExtension};

use super::Writer;
use crate::store::Result;

impl Writer {
    /// Next free `C000001`-style code. The counter is read once per writer,
    /// starting past the highest such code already stored (typed by hand or
    /// imported), so no lookup is needed per row.
    pub(super) fn allocate_code(&mut self, conn: &Connection) -> Result<String> {
        if self.next_code == 0 {
            let stored: Option<String> = conn
                .query_row(
                    "SELECT value FROM setting WHERE key = 'next_code'",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            // The range keeps the scan on the code index's `C0…C9` slice.
            let highest: Option<i64> = conn.query_row(
                "SELECT MAX(CAST(substr(code, 2) AS INTEGER)) FROM customer
                 WHERE code >= 'C0' AND code < 'C:' AND substr(code, 2) NOT GLOB '*[^0-9]*'",
                [],
                |r| r.get(0),
            )?;
            let past_highest = highest.map_or(1, |n| n.max(0) as u64 + 1);
            self.next_code = stored
                .and_then(|s| s.parse().ok())
                .unwrap_or(1)
                .max(past_highest);
        }
        loop {
            let code = code_for(self.next_code);
            self.next_code += 1;
            self.code_counter_dirty = true;
            // A code typed in an earlier row of this write may be the next one.
            if !self.typed_codes.contains(&code) {
                return Ok(code);
            }
        }
    }

    pub(super) fn code_exists(&self, conn: &Connection, code: &str) -> Result<bool> {
        Ok(conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM customer WHERE code = ?1)")?
            .query_row([code], |r| r.get(0))?)
    }
}

/// `format!("C{n:06}")` without the formatting machinery (~700 instructions
/// a row on the writing thread, the import's busiest).
fn code_for(n: u64) -> String {
    let mut digits = [b'0'; 20];
    let (mut at, mut rest) = (digits.len(), n);
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let width = (digits.len() - at).max(6);
    let mut code = String::with_capacity(1 + width);
    code.push('C');
    code.extend(
        digits[digits.len() - width..]
            .iter()
            .map(|&d| char::from(d)),
    );
    code
}

#[cfg(test)]
mod tests {
    use super::code_for;

    #[test]
    fn codes_are_written_as_by_format() {
        let edges = [
            0,
            9,
            99_999,
            999_999,
            1_000_000,
            12_345_678,
            u64::MAX - 1,
            u64::MAX,
        ];
        for n in (0..1_100_000).step_by(7).chain(edges) {
            assert_eq!(code_for(n), format!("C{n:06}"));
        }
    }
}
