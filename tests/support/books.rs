//! Books across customers for the statistics and search tests: customers in
//! two industries and none, entries of every kind over three years, nothing
//! allocated — so every expected figure is a plain sum the test computes
//! from the entries it added, without asking the store.
#![allow(dead_code)]

use chrono::NaiveDate;
use kehu::domain::field::FieldValues;
use kehu::domain::ledger::EntryInput;
use kehu::domain::money::Money;
use kehu::store::{AddOptions, Allocate, Figures, Period, Store};

use super::ledger::{d, temp_store};

pub const INDUSTRIES: [Option<&str>; 3] = [Some("制造业"), Some("批发零售"), None];

/// One entry as added: customer index, kind key, date, signed fen, due date.
#[derive(Clone, Debug)]
pub struct Added {
    pub customer: usize,
    pub code: String,
    pub kind: &'static str,
    pub date: NaiveDate,
    pub doc: String,
    pub fen: i64,
    pub due: Option<NaiveDate>,
}

pub struct Books {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub codes: Vec<String>,
    pub industry: Vec<Option<&'static str>>,
    pub entries: Vec<Added>,
}

/// `n` customers; customer i is in INDUSTRIES[i % 3]; every fifth has no
/// entries, every seventh only entries before 2024-06.
pub fn books(n: usize) -> Books {
    let (dir, mut store) = temp_store();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % m
    };
    let kinds = [
        "invoice",
        "invoice",
        "invoice",
        "receipt",
        "prepayment",
        "credit",
    ];
    let mut codes = Vec::new();
    let mut industry = Vec::new();
    let mut entries = Vec::new();
    for i in 0..n {
        let mut values: FieldValues = [
            ("name", format!("广州市第{i}号贸易有限公司")),
            ("credit_limit", String::new()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let dim = INDUSTRIES[i % 3];
        if let Some(v) = dim {
            values.insert("industry".into(), v.into());
        }
        let code = store
            .add_customer(&values, None)
            .unwrap()
            .customer
            .data
            .code;
        codes.push(code.clone());
        industry.push(dim);
        if i % 5 == 0 {
            continue;
        }
        let (start, span) = if i % 7 == 0 {
            (d("2023-01-01"), 500)
        } else {
            (d("2024-01-01"), 900)
        };
        for k in 0..(5 + next(20)) {
            let kind = kinds[next(kinds.len() as u64) as usize];
            let date = start + chrono::Duration::days(next(span) as i64);
            let fen = (1 + next(5_000_000)) as i64;
            let doc = format!("{}-{i}-{k}", &kind[..3].to_uppercase());
            let due = (kind == "invoice").then(|| date + chrono::Duration::days(next(90) as i64));
            let input = EntryInput {
                kind: kind.into(),
                date: date.format("%Y-%m-%d").to_string(),
                doc_no: doc.clone(),
                amount: format!("{}.{:02}", fen / 100, fen % 100),
                due_date: due
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                ..EntryInput::default()
            };
            let options = AddOptions {
                allocate: Allocate::None,
                ..AddOptions::default()
            };
            store.add_entry(&code, &input, &options).unwrap();
            let signed = if kind == "invoice" { fen } else { -fen };
            entries.push(Added {
                customer: i,
                code: code.clone(),
                kind,
                date,
                doc,
                fen: signed,
                due,
            });
        }
    }
    Books {
        dir,
        store,
        codes,
        industry,
        entries,
    }
}

pub fn in_period(e: &Added, p: Period) -> bool {
    p.from.is_none_or(|f| e.date >= f) && p.to.is_none_or(|t| e.date <= t)
}

/// The figures of the customers `pick` selects, from the entries alone.
pub fn expected(b: &Books, p: Period, as_of: NaiveDate, pick: impl Fn(usize) -> bool) -> Figures {
    let mine = || b.entries.iter().filter(|e| pick(e.customer));
    let sum =
        |f: &dyn Fn(&Added) -> bool| Money::from_fen(mine().filter(|e| f(e)).map(|e| e.fen).sum());
    Figures {
        customers: (0..b.codes.len()).filter(|i| pick(*i)).count() as u64,
        invoiced: sum(&|e| e.kind == "invoice" && in_period(e, p)),
        received: Money::from_fen(
            -mine()
                .filter(|e| matches!(e.kind, "receipt" | "prepayment") && in_period(e, p))
                .map(|e| e.fen)
                .sum::<i64>(),
        ),
        receivable: sum(&|_| true),
        overdue: sum(&|e| e.due.is_some_and(|due| due < as_of)),
    }
}

pub fn last_invoice(b: &Books, customer: usize) -> Option<NaiveDate> {
    b.entries
        .iter()
        .filter(|e| e.customer == customer && e.kind == "invoice")
        .map(|e| e.date)
        .max()
}
