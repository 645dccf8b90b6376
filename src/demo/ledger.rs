//! Sample ledger entries for the demo customers, dated relative to today so
//! a new user always sees balances, payments and a few overdue invoices.

use chrono::{Days, NaiveDate};

use crate::domain::customer::Status;
use crate::domain::date::iso;
use crate::domain::ledger::EntryInput;
use crate::domain::money::Money;
use crate::store::{AddOptions, CreditCheck, Result, Store, StoreError};

/// How a sample customer pays.
#[derive(Clone, Copy)]
enum Habit {
    /// Pays every invoice about a month after it.
    OnTime,
    /// Pays only invoices older than five months: the rest runs overdue.
    Late,
    /// Paid the first invoice in part, nothing since: over 180 days overdue.
    Bad,
    /// Pays, returns some goods, and has paid the last invoice in part.
    Partial,
    /// Pays on time and has paid in advance for the next order.
    Advance,
}

/// Mostly good payers, so the overdue list stays short enough to read.
fn habit(i: usize) -> Habit {
    match (i % 10, i % 15) {
        (1, _) => Habit::Late,
        (_, 2) => Habit::Bad,
        (3 | 8, _) => Habit::Partial,
        (4, _) => Habit::Advance,
        _ => Habit::OnTime,
    }
}

/// Ages in days of the invoices, oldest first; a customer gets the last few.
const INVOICE_AGES: [u64; 6] = [250, 190, 130, 75, 40, 10];

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn days_before(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn entry(kind: &str, date: NaiveDate, doc: String, fen: i64, memo: &str) -> EntryInput {
    EntryInput {
        kind: kind.into(),
        date: iso(date),
        doc_no: doc,
        amount: Money::from_fen(fen).to_string(),
        due_date: String::new(),
        memo: memo.into(),
    }
}

/// Adds entries for every active customer that has none yet, in one
/// transaction; running it again adds nothing. Returns the entries added.
pub fn load(store: &mut Store, today: NaiveDate) -> Result<usize> {
    let customers = store.balances()?;
    let mut store_terms = std::collections::HashMap::new();
    for c in &customers {
        if let Some(found) = store.customer(&c.code)? {
            store_terms.insert(c.code.clone(), u64::from(found.data.payment_days));
        }
    }
    // Past entries: the credit check does not apply to what was already issued.
    let mut bulk = store.ledger_bulk(CreditCheck::Skip)?;
    let mut invoice_no = 44_031_000u64;
    for (i, customer) in customers.iter().enumerate() {
        if customer.entries > 0 || customer.status != Status::Active {
            continue;
        }
        let mut rng = Rng(i as u64 * 0x9E37_79B9 + 0x5EED);
        let mut entries = Vec::new();
        let limit = customer.standing.credit_limit.map_or(0, |m| m.fen());
        if limit == 0 {
            // Cash customers: now and then an invoice paid the same day.
            if i % 3 == 0 {
                let date = days_before(today, 5 + rng.below(60));
                let fen = (500 + rng.below(4_500) as i64) * 100;
                invoice_no += 1;
                entries.push(entry(
                    "invoice",
                    date,
                    invoice_no.to_string(),
                    fen,
                    "现款销售",
                ));
                entries.push(entry(
                    "receipt",
                    date,
                    format!("SK{}", invoice_no),
                    fen,
                    "现金",
                ));
            }
        } else {
            let habit = habit(i);
            let count = 3 + rng.below(4) as usize;
            let mut invoices = Vec::new();
            if i % 7 == 0 {
                let fen = limit / 10 + rng.below(100) as i64;
                entries.push(entry(
                    "opening",
                    days_before(today, 300),
                    "期初".into(),
                    fen,
                    "上年结转",
                ));
                invoices.push((days_before(today, 300), fen));
            }
            for age in &INVOICE_AGES[INVOICE_AGES.len() - count..] {
                let date = days_before(today, *age);
                // 5–20% of the limit each, with fen.
                let fen = limit / 100 * (5 + rng.below(16) as i64) + rng.below(100) as i64;
                invoice_no += 1;
                entries.push(entry("invoice", date, invoice_no.to_string(), fen, "货款"));
                invoices.push((date, fen));
            }
            let terms = store_terms.get(&customer.code).copied().unwrap_or(30);
            for (n, (date, fen)) in invoices.iter().enumerate() {
                let due = date.checked_add_days(Days::new(terms)).unwrap_or(*date);
                let (paid, late_by) = match habit {
                    Habit::Bad if n == 0 => (fen / 2, 20),
                    Habit::Bad => (0, 0),
                    Habit::Partial if n + 1 == invoices.len() => (fen * 7 / 10, 0),
                    Habit::Late => (*fen, 60 + rng.below(40)),
                    _ => (*fen, rng.below(10)),
                };
                let on = due.checked_add_days(Days::new(late_by)).unwrap_or(due);
                if paid == 0 || on > today {
                    continue;
                }
                entries.push(entry(
                    "receipt",
                    on,
                    format!("SK{}-{n}", iso(on).replace('-', "")),
                    paid,
                    "银行转账",
                ));
            }
            if let (Habit::Partial, Some((date, fen))) = (habit, invoices.first()) {
                let on = date.checked_add_days(Days::new(7)).unwrap_or(*date);
                entries.push(entry(
                    "credit",
                    on,
                    format!("HZ{}", invoice_no),
                    fen / 10,
                    "退货",
                ));
            }
            if let Habit::Advance = habit {
                entries.push(entry(
                    "prepayment",
                    days_before(today, 8),
                    format!("YS{}", invoice_no),
                    limit / 10,
                    "预收货款",
                ));
            }
        }
        // The sample statement's customer keeps a ledger at fixed dates.
        if customer.name == super::statement::CUSTOMER_NAME {
            entries = super::statement::entries();
        }
        // Entries in date order, so receipts find the invoices they pay.
        entries.sort_by(|a, b| a.date.cmp(&b.date));
        for input in &entries {
            if let Err(problems) = bulk.add(&customer.code, input, &AddOptions::default())? {
                return Err(StoreError::Invalid(problems));
            }
        }
    }
    let added = bulk.added();
    bulk.commit()?;
    Ok(added)
}
