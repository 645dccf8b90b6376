//! One demo customer with a ledger at fixed dates, so the sample statement
//! `assets/samples/statement-huaqiang.xlsx` (their payables ledger for the
//! fourth quarter of 2025) always reconciles against the demo data: most
//! lines match, and a few differences are there on purpose — an invoice
//! they booked 50.00 lower, our last invoice still in the post, and their
//! last payment not yet received.

use crate::domain::ledger::EntryInput;

/// The demo customer the sample statement comes from.
pub const CUSTOMER_NAME: &str = "深圳华强电子股份有限公司";

/// The period the sample statement covers.
pub const PERIOD: (&str, &str) = ("2025-10-01", "2025-12-31");

/// (type, date, document, amount, memo): our ledger of that customer.
const ENTRIES: [(&str, &str, &str, &str, &str); 11] = [
    ("opening", "2025-09-30", "QC-2025", "28600.00", "上年结转"),
    (
        "invoice",
        "2025-10-09",
        "44031101",
        "36160.00",
        "电子元器件",
    ),
    (
        "receipt",
        "2025-10-15",
        "SK20251015",
        "28600.00",
        "工行转账",
    ),
    (
        "invoice",
        "2025-10-23",
        "44031102",
        "12850.00",
        "连接器（含运费 50 元）",
    ),
    ("invoice", "2025-11-06", "44031103", "58200.00", "电源模块"),
    (
        "receipt",
        "2025-11-12",
        "SK20251112",
        "36160.00",
        "工行转账",
    ),
    (
        "credit",
        "2025-11-20",
        "HZ44031103",
        "3200.00",
        "退货 电源模块 10 件",
    ),
    ("invoice", "2025-11-28", "44031104", "25400.00", "传感器"),
    (
        "receipt",
        "2025-12-10",
        "SK20251210",
        "80400.00",
        "工行转账 两张发票",
    ),
    ("invoice", "2025-12-18", "44031105", "18900.00", "电阻电容"),
    ("invoice", "2025-12-29", "44031106", "9600.00", "线材"),
];

/// Our entries with that customer, oldest first.
pub fn entries() -> Vec<EntryInput> {
    ENTRIES
        .iter()
        .map(|(kind, date, doc, amount, memo)| EntryInput {
            kind: (*kind).into(),
            date: (*date).into(),
            doc_no: (*doc).into(),
            amount: (*amount).into(),
            due_date: String::new(),
            memo: (*memo).into(),
        })
        .collect()
}
