//! Our document numbers written inside their descriptions. A customer's
//! ledger fills its document column with its own voucher numbers (记-12,
//! 银收-3) and names our invoice only in 摘要 ("收到发票 00381276", "支付货款
//! FP20260702-001"). Such a line takes our number as its document, so rule 1
//! and "same document, different amount" see it.

use std::collections::{HashMap, HashSet};

use super::doc_no::{LABELS, doc_key, push_run};
use super::line::Line;
use crate::domain::names::half_width;

/// Fewest characters a number must have to be looked for in free text: "12"
/// would be found in every description that mentions a quantity.
const MIN_CHARS: usize = 4;

/// Cuts text into runs the way `doc_key` does (separators, digits against
/// letters, leading zeros dropped), also where Chinese meets Latin letters,
/// so "发票FP12" gives 发票 · FP · 12.
fn runs(text: &str) -> Vec<String> {
    #[derive(PartialEq, Clone, Copy)]
    enum Kind {
        Digit,
        Ascii,
        Other,
    }
    let mut out = Vec::new();
    let mut current = String::new();
    let mut kind = Kind::Other;
    let flush = |current: &mut String, out: &mut Vec<String>| push_run(out, current);
    for c in text.chars().map(half_width) {
        if c.is_whitespace() || c.is_ascii_punctuation() || !c.is_alphanumeric() {
            flush(&mut current, &mut out);
            continue;
        }
        let k = if c.is_ascii_digit() {
            Kind::Digit
        } else if c.is_ascii() {
            Kind::Ascii
        } else {
            Kind::Other
        };
        if !current.is_empty() && k != kind {
            flush(&mut current, &mut out);
        }
        kind = k;
        current.push(c.to_ascii_uppercase());
    }
    flush(&mut current, &mut out);
    out
}

/// The runs of one of our numbers worth looking for, label dropped.
fn our_runs(doc: &str) -> Option<Vec<String>> {
    let mut r = runs(doc);
    if r.len() > 1 && r.first().is_some_and(|f| LABELS.contains(&f.as_str())) {
        r.remove(0);
    }
    let chars: usize = r.iter().map(|s| s.chars().count()).sum();
    let has_digit = r.iter().any(|s| s.bytes().all(|b| b.is_ascii_digit()));
    (chars >= MIN_CHARS && has_digit).then_some(r)
}

/// For each direction (raising the balance or not), the first of our
/// numbers written as these runs.
type Candidates<'a> = [Option<&'a str>; 2];

/// Gives each of their lines whose document is none of ours the one number
/// of ours its description names (none when it names two or more). Its
/// document becomes ours as we write it; the number it had is kept in front
/// of the description ("[记-12] 收到发票 00381276"). Returns how many lines
/// took a number.
pub fn docs_in_descriptions(ours: &[Line], theirs: &mut [Line]) -> usize {
    let our_keys: HashSet<String> = ours.iter().filter_map(|l| doc_key(&l.doc)).collect();
    // First run → (runs, our number as written, whether our line raises
    // the balance). A payment that names the invoice it pays ("支付
    // 44031103 货款") is not that invoice: only a line moving the balance
    // the same way takes the number.
    // Keyed by the whole runs (found in a description by trying each run
    // count ours have), not by the first run with a list to search: with
    // 100,000 numbers sharing a prefix that list made matching quadratic.
    let mut index: HashMap<Vec<String>, Candidates> = HashMap::new();
    let mut lengths: Vec<usize> = Vec::new();
    for line in ours {
        if let Some(r) = our_runs(&line.doc) {
            let up = !line.amount.is_negative();
            if !lengths.contains(&r.len()) {
                lengths.push(r.len());
            }
            index.entry(r).or_default()[usize::from(up)].get_or_insert(line.doc.trim());
        }
    }
    if index.is_empty() {
        return 0;
    }
    let mut found = 0;
    for line in theirs.iter_mut() {
        if doc_key(&line.doc).is_some_and(|k| our_keys.contains(&k)) {
            continue;
        }
        let text = runs(&line.description);
        let up = !line.amount.is_negative();
        let mut hits: Vec<&str> = Vec::new();
        for start in 0..text.len() {
            for len in &lengths {
                let found = text
                    .get(start..start + len)
                    .and_then(|runs| index.get(runs))
                    .and_then(|c| c[usize::from(up)]);
                if let Some(doc) = found.filter(|d| !hits.contains(d)) {
                    hits.push(doc);
                }
            }
        }
        if let [doc] = hits.as_slice() {
            let voucher = line.doc.trim();
            if !voucher.is_empty() {
                line.description = format!("[{voucher}] {}", line.description);
            }
            line.doc = (*doc).to_string();
            found += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use chrono::NaiveDate;

    fn line(id: usize, doc: &str, description: &str) -> Line {
        Line {
            id,
            date: NaiveDate::from_ymd_opt(2026, 7, 2).unwrap(),
            doc: doc.into(),
            description: description.into(),
            amount: Money::from_fen(100),
        }
    }

    #[test]
    fn our_numbers_are_found_in_their_descriptions() {
        let ours = [
            line(1, "00381276", ""),
            line(2, "FP20260702-001", ""),
            line(3, "12", ""),
            line(4, "44031101", ""),
        ];
        let mut theirs = [
            line(10, "记-12", "收到发票 00381276"),
            line(11, "银收-3", "支付货款FP20260702-001"),
            line(12, "转-0005", "支付货款 fp 20260702 001 号"),
            line(13, "记-13", "数量 12 件"),
            line(14, "记-14", "发票 381276、44031101"),
            line(15, "44031101", "发票 00381276"),
            line(16, "", "发票号：0038127"),
            Line {
                amount: Money::from_fen(-100),
                ..line(17, "记-15", "支付 44031101 货款")
            },
        ];
        assert_eq!(docs_in_descriptions(&ours, &mut theirs), 3);
        assert_eq!(theirs[0].doc, "00381276");
        assert_eq!(theirs[0].description, "[记-12] 收到发票 00381276");
        assert_eq!(theirs[1].doc, "FP20260702-001");
        assert_eq!(theirs[2].doc, "FP20260702-001");
        // Too short to look for, two numbers at once, a document already ours.
        assert_eq!(theirs[3].doc, "记-13");
        assert_eq!(theirs[4].doc, "记-14");
        assert_eq!(theirs[5].doc, "44031101");
        assert_eq!(theirs[6].doc, "");
        // A payment naming the invoice it pays is not the invoice.
        assert_eq!(theirs[7].doc, "记-15");
    }

    #[test]
    fn numbers_sharing_a_prefix_are_told_apart() {
        // Many of ours start with the same run (FP, 2026…): each
        // description still takes the one it names, and two named is none.
        let ours: Vec<Line> = (0..2_000)
            .map(|i| line(i, &format!("FP2026-{i:05}"), ""))
            .chain([line(9_000, "FP2026-01999-2", "")])
            .collect();
        let mut theirs = [
            line(1, "记-1", "发票 FP2026-01234"),
            line(2, "记-2", "FP2026-00007、FP2026-00008"),
            line(3, "记-3", "fp 2026 01999 2"),
            line(4, "记-4", "FP2026-07777"),
        ];
        assert_eq!(docs_in_descriptions(&ours, &mut theirs), 1);
        assert_eq!(theirs[0].doc, "FP2026-01234");
        assert_eq!(theirs[1].doc, "记-2");
        // Both FP2026-01999 and FP2026-01999-2 are named: neither is
        // taken; FP2026-07777 is none of ours.
        assert_eq!(theirs[2].doc, "记-3");
        assert_eq!(theirs[3].doc, "记-4");
    }
}
