//! Checking an entry as typed: every field parsed and every problem
//! reported at once, then the customer's rules (due date, confirmed period).

use chrono::{Days, NaiveDate};

use super::super::date::{iso, parse_date};
use super::super::money::Money;
use super::super::plain_text;
use super::super::problem::{Problem, Problems};
use super::super::text::{Lang, Text};
use super::{Direction, EntryData, EntryField, EntryInput, EntryKind, EntryRules, MAX_ENTRY};

const MAX_DOC_CHARS: usize = 40;
const MAX_MEMO_CHARS: usize = 200;

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
