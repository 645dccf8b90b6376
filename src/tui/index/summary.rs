//! A 64-bit summary per row of which characters its search text holds, so
//! a search skips rows without reading their text. Digits and the ASCII
//! letters (upper-case in the folded text) have a bit each, so a one-letter
//! or one-digit query (`/h`, `/0`: the first keystroke, which would
//! otherwise read the whole arena) is answered by the summaries alone;
//! every other character shares one of the remaining 28 bits. A row whose
//! text holds the query holds each of its characters, so its summary has
//! every bit the query's has: a summary never hides a matching row.

/// Bits 0–35 stand for one character each.
const EXACT: u32 = 36;
const SHARED: u32 = 64 - EXACT;

fn bit(c: char) -> u64 {
    let slot = match c {
        '0'..='9' => c as u32 - '0' as u32,
        'A'..='Z' => 10 + c as u32 - 'A' as u32,
        // Fibonacci hashing spreads neighbouring code points (CJK
        // characters of one name are often close) over the shared bits.
        _ => EXACT + ((c as u32).wrapping_mul(0x9E37_79B9) >> 16) % SHARED,
    };
    1 << slot
}

/// The summary of some folded text (a row's search text).
pub(super) fn of(text: &[u8]) -> u64 {
    match std::str::from_utf8(text) {
        Ok(text) => text.chars().fold(0, |mask, c| mask | bit(c)),
        // Folded text is always UTF-8; anything else is never skipped.
        Err(_) => u64::MAX,
    }
}

/// The longest run of `0` in some folded text, up to 255. Zero-padded codes,
/// tax IDs and phone numbers put zeros in nearly every row, so while one
/// types `00000012` the summaries let every row through and the substring
/// search checks a candidate at nearly every byte (17 ms a key at 1M rows);
/// a query of zeros alone is answered from these runs instead.
pub(super) fn zero_run(text: &[u8]) -> u8 {
    let (mut longest, mut run) = (0u8, 0u8);
    for &b in text {
        run = if b == b'0' { run.saturating_add(1) } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// A query of `0`s only that the runs answer: its length (below 255, the
/// cap of a stored run).
pub(super) fn zeros_only(folded: &[u8]) -> Option<u8> {
    let len = u8::try_from(folded.len())
        .ok()
        .filter(|n| (2..255).contains(n))?;
    folded.iter().all(|b| *b == b'0').then_some(len)
}

/// What a folded query needs of a row's summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Needs {
    mask: u64,
    /// The summary alone decides: the query is one character with its own bit.
    exact: bool,
}

impl Needs {
    pub(super) fn of(folded: &[u8]) -> Needs {
        let text = std::str::from_utf8(folded).ok();
        let mask = text.map_or(0, |t| t.chars().fold(0, |mask, c| mask | bit(c)));
        let exact = text.is_some_and(|t| {
            let mut chars = t.chars();
            matches!(
                (chars.next(), chars.next()),
                (Some('0'..='9' | 'A'..='Z'), None)
            )
        });
        Needs { mask, exact }
    }

    /// The row may hold the query (surely does when `exact`).
    pub(super) fn admits(self, summary: u64) -> bool {
        summary & self.mask == self.mask
    }

    pub(super) fn is_exact(self) -> bool {
        self.exact
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_runs_are_the_longest_capped_and_answer_zero_queries_only() {
        assert_eq!(zero_run(b"C00012|9161010000|"), 4);
        assert_eq!(zero_run(b"|HQDZ|"), 0);
        assert_eq!(zero_run(&[b'0'; 300]), 255);
        assert_eq!(zeros_only(b"0000"), Some(4));
        assert_eq!(
            zeros_only(b"0"),
            None,
            "one digit: the summary bit answers it"
        );
        assert_eq!(zeros_only(b"00001"), None);
        assert_eq!(
            zeros_only(&[b'0'; 255]),
            None,
            "longer than a stored run says"
        );
    }

    #[test]
    fn digits_and_letters_have_a_bit_each_and_the_rest_share() {
        let exact: Vec<u64> = ('0'..='9').chain('A'..='Z').map(bit).collect();
        assert_eq!(exact.iter().fold(0, |m, b| m | b).count_ones(), 36);
        for c in ['华', '强', '-', ' ', 'é', '\u{1}'] {
            assert!(bit(c).trailing_zeros() >= EXACT, "{c}");
        }
        assert!(Needs::of(b"H").is_exact() && Needs::of(b"0").is_exact());
        assert!(!Needs::of(b"HQ").is_exact() && !Needs::of("华".as_bytes()).is_exact());
        assert!(!Needs::of(b"-").is_exact() && !Needs::of(b"").is_exact());
        assert!(Needs::of(b"").admits(0));
    }
}
