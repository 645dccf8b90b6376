//! The receivables ledger (应收账款): entries as typed, their validation, and
//! the stored entry. Amounts are signed integer fen: positive = the customer
//! owes more (debit, 借方), negative = less (credit, 贷方).

pub mod aging;
pub mod allocation;
pub mod credit;
mod kind;

use chrono::{Days, NaiveDate};
use serde::Serialize;

pub use kind::{Direction, EntryKind};

use super::date::{iso, parse_date};
use super::money::Money;
use super::plain_text;
use super::problem::{Problem, Problems};
use super::text::{Lang, Text};

const MAX_DOC_CHARS: usize = 40;
const MAX_MEMO_CHARS: usize = 200;
/// The most one entry may move, either way: 1,000,000,000,000.00. Far above
/// any real invoice, and low enough that sums over millions of entries stay
/// inside i64 fen (and SQLite's SUM never overflows).
pub const MAX_ENTRY: Money = Money::from_fen(100_000_000_000_000);

/// The fields of an entry, for forms, import mappings and problem keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryField {
    Type,
    Date,
    DocNo,
    Amount,
    DueDate,
    Memo,
    OverrideReason,
}

impl EntryField {
    pub const ALL: [EntryField; 7] = [
        EntryField::Type,
        EntryField::Date,
        EntryField::DocNo,
        EntryField::Amount,
        EntryField::DueDate,
        EntryField::Memo,
        EntryField::OverrideReason,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EntryField::Type => "type",
            EntryField::Date => "date",
            EntryField::DocNo => "doc_no",
            EntryField::Amount => "amount",
            EntryField::DueDate => "due_date",
            EntryField::Memo => "memo",
            EntryField::OverrideReason => "override_reason",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (EntryField::Type, Lang::En) => "Type",
            (EntryField::Type, Lang::Zh) => "单据类型",
            (EntryField::Date, Lang::En) => "Date",
            (EntryField::Date, Lang::Zh) => "日期",
            (EntryField::DocNo, Lang::En) => "Doc no.",
            (EntryField::DocNo, Lang::Zh) => "单据号",
            (EntryField::Amount, Lang::En) => "Amount",
            (EntryField::Amount, Lang::Zh) => "金额",
            (EntryField::DueDate, Lang::En) => "Due date",
            (EntryField::DueDate, Lang::Zh) => "到期日",
            (EntryField::Memo, Lang::En) => "Memo",
            (EntryField::Memo, Lang::Zh) => "摘要",
            (EntryField::OverrideReason, Lang::En) => "Override reason",
            (EntryField::OverrideReason, Lang::Zh) => "超额原因",
        }
    }
}

/// An entry as typed in a form, given on the command line or read from a
/// file: text, checked by [`parse_entry`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryInput {
    pub kind: String,
    pub date: String,
    pub doc_no: String,
    /// As typed: positive for invoices, receipts, credits and prepayments
    /// (the type gives the direction); signed for openings and adjustments.
    pub amount: String,
    /// Empty: the invoice date plus the customer's payment days.
    pub due_date: String,
    /// For an adjustment this is its required reason.
    pub memo: String,
}

/// What validation needs to know about the customer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EntryRules {
    pub payment_days: u16,
    /// Entries dated on or before this belong to a period a reconciliation
    /// confirmed: none may be added there.
    pub confirmed_until: Option<NaiveDate>,
}

/// A checked entry, ready to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntryData {
    #[serde(rename = "type")]
    pub kind: EntryKind,
    pub date: NaiveDate,
    pub doc_no: String,
    /// Signed: positive increases what the customer owes.
    pub amount: Money,
    /// Set for debits (what can fall overdue), `None` for credits.
    pub due_date: Option<NaiveDate>,
    pub memo: String,
}

impl EntryData {
    pub fn is_debit(&self) -> bool {
        self.amount > Money::ZERO
    }

    /// The debit column (借方) of a statement: the amount when it increases the balance.
    pub fn debit(&self) -> Money {
        self.amount.max(Money::ZERO)
    }

    /// The credit column (贷方): the amount, positive, when it decreases the balance.
    pub fn credit(&self) -> Money {
        Money::from_fen(-self.amount.fen().min(0))
    }
}

/// A stored entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: i64,
    #[serde(skip)]
    pub customer_id: i64,
    #[serde(flatten)]
    pub data: EntryData,
    /// For a debit what is still owed; for a credit what is still unallocated (≤ 0).
    pub outstanding: Money,
    /// Recorded when an invoice was issued over the credit limit.
    pub override_reason: Option<String>,
    /// The entry this one reverses.
    pub reverses_id: Option<i64>,
    /// In a period a reconciliation confirmed: reverse it, never edit it.
    pub locked: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl Entry {
    /// Days past due of what is still owed on this entry as of `as_of`;
    /// `None` when nothing is owed or it is not yet due.
    pub fn days_overdue(&self, as_of: NaiveDate) -> Option<i64> {
        let due = self.data.due_date?;
        let days = aging::days_overdue(due, as_of);
        (self.outstanding > Money::ZERO && days > 0).then_some(days)
    }
}

fn error(
    field: EntryField,
    code: &'static str,
    en: impl Into<String>,
    zh: impl Into<String>,
) -> Problem {
    Problem::error(field.key(), code, Text::new(en, zh))
}

/// Parses and checks every field, reporting every problem at once. The data
/// is `Some` exactly when there is no error.
pub fn parse_entry(input: &EntryInput, rules: &EntryRules) -> (Option<EntryData>, Problems) {
    let mut p = Problems::default();
    let kind = parse_kind(&input.kind, &mut p);
    let date = match parse_date(&input.date) {
        Ok(d) => Some(d),
        Err(e) => {
            p.push(Problem::error(EntryField::Date.key(), e.code(), e.text()));
            None
        }
    };
    if let (Some(date), Some(until)) = (date, rules.confirmed_until)
        && date <= until
    {
        p.push(error(
            EntryField::Date,
            "date.confirmed",
            format!(
                "The period up to {} is confirmed by a reconciliation: date the entry after it \
                 (to correct a confirmed entry, reverse it).",
                iso(until)
            ),
            format!(
                "截至 {} 的账期已对账确认：请将日期填在此后（更正已确认的单据请做冲销）。",
                iso(until)
            ),
        ));
    }
    let doc_no = check_doc_no(&input.doc_no, &mut p);
    let amount = kind.and_then(|k| parse_amount(k, &input.amount, &mut p));
    let memo = collapse(&input.memo);
    if let Some(fault) = plain_text::fault(&memo, None) {
        let field = EntryField::Memo;
        p.push(fault.problem(field.key(), field.label(Lang::En), field.label(Lang::Zh)));
    } else if memo.chars().count() > MAX_MEMO_CHARS {
        p.push(error(
            EntryField::Memo,
            "memo.too_long",
            format!("The memo is longer than {MAX_MEMO_CHARS} characters."),
            format!("摘要超过 {MAX_MEMO_CHARS} 个字符。"),
        ));
    }
    if kind == Some(EntryKind::Adjustment) && memo.is_empty() {
        p.push(error(
            EntryField::Memo,
            "memo.reason_required",
            "An adjustment needs a reason: write it in the memo.",
            "调整必须说明原因：请在摘要中填写。",
        ));
    }
    let due_date = match (date, amount) {
        (Some(date), Some(amount)) => due_date(kind, date, amount, &input.due_date, rules, &mut p),
        _ => None,
    };
    match (kind, date, amount) {
        (Some(kind), Some(date), Some(amount)) if !p.has_errors() => (
            Some(EntryData {
                kind,
                date,
                doc_no,
                amount,
                due_date,
                memo,
            }),
            p,
        ),
        _ => (None, p),
    }
}

/// What `parse_entry(input, rules)` gives, from `parsed`: what
/// `parse_entry(input, &EntryRules::default())` gave with no problem at all
/// (a ledger import parses each row on its reading thread, before the
/// customer's rules are known). Only the rules differ: an invoice with no
/// due date of its own falls due after the customer's payment days, and a
/// date in the confirmed period is refused — `None`, parse again with the
/// rules for the problem.
pub fn with_rules(
    mut parsed: EntryData,
    input: &EntryInput,
    rules: &EntryRules,
) -> Option<EntryData> {
    if rules
        .confirmed_until
        .is_some_and(|until| parsed.date <= until)
    {
        return None;
    }
    if parsed.kind == EntryKind::Invoice
        && !parsed.amount.is_negative()
        && input.due_date.trim().is_empty()
    {
        parsed.due_date = parsed
            .date
            .checked_add_days(Days::new(u64::from(rules.payment_days)))
            .or(Some(parsed.date));
    }
    Some(parsed)
}

fn parse_kind(text: &str, p: &mut Problems) -> Option<EntryKind> {
    let kind = EntryKind::parse(text);
    if kind.is_none() {
        let keys: Vec<&str> = EntryKind::ALL.iter().map(|k| k.key()).collect();
        let shown = text.trim();
        p.push(error(
            EntryField::Type,
            if shown.is_empty() { "type.required" } else { "type.invalid" },
            format!("“{shown}” is not an entry type: use one of {}.", keys.join(", ")),
            format!(
                "“{shown}”不是有效的单据类型：应为 期初余额、销售发票、收款、红字发票/退货、预收款 或 调整（{}）。",
                keys.join("、")
            ),
        ));
    }
    kind
}

fn check_doc_no(text: &str, p: &mut Problems) -> String {
    let doc = collapse(text);
    if doc.is_empty() {
        p.push(error(
            EntryField::DocNo,
            "doc_no.required",
            "The document number is required (invoice, receipt or voucher number).",
            "单据号必填（发票号、收款单号或凭证号）。",
        ));
    } else if doc.chars().count() > MAX_DOC_CHARS {
        p.push(error(
            EntryField::DocNo,
            "doc_no.too_long",
            format!("Document number “{doc}” is longer than {MAX_DOC_CHARS} characters."),
            format!("单据号“{doc}”超过 {MAX_DOC_CHARS} 个字符。"),
        ));
    } else if doc.chars().any(char::is_control) {
        p.push(error(
            EntryField::DocNo,
            "doc_no.invalid",
            "The document number holds a control character: retype it.",
            "单据号含有控制字符：请重新输入。",
        ));
    }
    doc
}

/// The signed amount: the type gives the direction of the fixed kinds.
fn parse_amount(kind: EntryKind, text: &str, p: &mut Problems) -> Option<Money> {
    let typed = match Money::parse(text) {
        Ok(m) => m,
        Err(e) => {
            p.push(Problem::error(EntryField::Amount.key(), e.code(), e.text()));
            return None;
        }
    };
    if typed.fen().unsigned_abs() > MAX_ENTRY.fen().unsigned_abs() {
        p.push(error(
            EntryField::Amount,
            "amount.ceiling",
            format!(
                "The amount {} is over the most one entry may hold, {}: check for extra digits.",
                typed.grouped(),
                MAX_ENTRY.grouped()
            ),
            format!(
                "金额 {} 超过单笔上限 {}：请检查是否多输了数字。",
                typed.grouped(),
                MAX_ENTRY.grouped()
            ),
        ));
        return None;
    }
    if typed == Money::ZERO {
        p.push(error(
            EntryField::Amount,
            "amount.zero",
            "The amount is zero: an entry must move the balance.",
            "金额为零：单据金额不能为 0。",
        ));
        return None;
    }
    let label = kind.label(Lang::En).to_lowercase();
    let label_zh = kind.label(Lang::Zh);
    match kind.direction() {
        Direction::AsTyped => Some(typed),
        _ if typed.is_negative() => {
            let (hint, hint_zh) = match kind {
                EntryKind::Invoice => (
                    "for a red-letter invoice or a return use type credit",
                    "红字发票或退货请选择类型“红字发票/退货”",
                ),
                _ => ("to undo one, reverse it", "如需撤销请做冲销"),
            };
            p.push(error(
                EntryField::Amount,
                "amount.negative",
                format!("Type a {label} amount as positive ({hint})."),
                format!("{label_zh}金额应为正数（{hint_zh}）。"),
            ));
            None
        }
        Direction::Debit => Some(typed),
        Direction::Credit => Money::from_fen(0).checked_sub(typed),
    }
}

fn due_date(
    kind: Option<EntryKind>,
    date: NaiveDate,
    amount: Money,
    text: &str,
    rules: &EntryRules,
    p: &mut Problems,
) -> Option<NaiveDate> {
    let text = text.trim();
    if amount.is_negative() {
        if !text.is_empty() {
            p.push(error(
                EntryField::DueDate,
                "due_date.not_applicable",
                "Only entries that increase the balance (invoices, opening balances, adjustments up) have a due date.",
                "只有增加应收的单据（发票、期初余额、调增）才有到期日。",
            ));
        }
        return None;
    }
    if text.is_empty() {
        // Invoices follow the customer's terms; older debts are due at once.
        let days = if kind == Some(EntryKind::Invoice) {
            rules.payment_days
        } else {
            0
        };
        return date
            .checked_add_days(Days::new(u64::from(days)))
            .or(Some(date));
    }
    match parse_date(text) {
        Ok(due) if due < date => {
            p.push(error(
                EntryField::DueDate,
                "due_date.before_date",
                format!(
                    "The due date {} is before the entry date {}.",
                    iso(due),
                    iso(date)
                ),
                format!("到期日 {} 早于单据日期 {}。", iso(due), iso(date)),
            ));
            None
        }
        Ok(due) => Some(due),
        Err(e) => {
            p.push(Problem::error(
                EntryField::DueDate.key(),
                e.code(),
                e.text(),
            ));
            None
        }
    }
}

/// Trims and turns runs of whitespace into one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
