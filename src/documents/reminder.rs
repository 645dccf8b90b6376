//! Reminder letters (催款函): to one overdue customer, what is overdue, since
//! when, how much, and where to pay. Several letters make one PDF, each
//! starting on a new page with its own page numbers.

use chrono::NaiveDate;

use super::blocks::{facts, footer, letterhead, sign_off};
use super::page::{A4, Align, Column, DOC_NO_WIDTH, Layout, Op, Table};
use super::{DocError, Kit, render};
use crate::domain::date::iso;
use crate::domain::money::Money;
use crate::messages::Message;
use crate::store::OverdueItem;

/// One customer's letter: their overdue items (longest overdue first).
#[derive(Clone, Debug)]
pub struct Reminder {
    pub code: String,
    pub name: String,
    pub address: String,
    pub as_of: NaiveDate,
    pub items: Vec<OverdueItem>,
}

impl Reminder {
    /// What is still owed on the overdue items; `None` on overflow.
    pub fn total(&self) -> Option<Money> {
        Money::sum(self.items.iter().map(|i| i.outstanding))
    }
}

/// Every letter in one PDF.
pub fn reminders_pdf(kit: &Kit, letters: &[Reminder]) -> Result<Vec<u8>, DocError> {
    let title = kit.say(Message::new("doc.reminder_title"));
    let mut pages: Vec<Vec<Op>> = Vec::new();
    for letter in letters {
        pages.extend(letter_pages(kit, letter, &title)?);
    }
    render::pdf(&kit.face, kit.seal.as_ref(), &title, A4, &pages)
}

fn letter_pages(kit: &Kit, r: &Reminder, title: &str) -> Result<Vec<Vec<Op>>, DocError> {
    let say = |m: Message| kit.say(m);
    let lang = kit.lang;
    let total = r.total().ok_or_else(|| DocError::Pdf {
        detail: format!("{}: overdue total overflows", r.code),
    })?;
    let oldest = r.items.iter().map(|i| i.due_date).min().unwrap_or(r.as_of);
    let longest = r.items.iter().map(|i| i.days_overdue).max().unwrap_or(0);
    let mut page = Layout::new(&kit.face, A4);
    letterhead(&mut page, kit, title);
    facts(
        &mut page,
        kit,
        &[
            ("doc.to_customer", format!("{}（{}）", r.name, r.code)),
            ("doc.address", r.address.clone()),
        ],
    );
    let (l, w) = (page.left(), page.right() - page.left());
    page.paragraph(
        l,
        w,
        10.0,
        &say(Message::new("doc.reminder_lead")
            .with("as_of", iso(r.as_of))
            .with("count", r.items.len())
            .with("total", total.grouped())
            .with("since", iso(oldest))
            .with("days", longest)),
    );
    page.gap(6.0);
    let col = |width, align| Column { width, align };
    let table = Table {
        columns: vec![
            // A 20-digit 数电票 number whole at this size.
            col(DOC_NO_WIDTH + 6.0, Align::Left),
            col(52.0, Align::Left),
            col(60.0, Align::Left),
            col(60.0, Align::Left),
            col(53.0, Align::Right),
            col(90.0, Align::Right),
            col(90.0, Align::Right),
        ],
        header: [
            "doc.doc_no",
            "doc.type",
            "doc.invoice_date",
            "doc.due_date",
            "doc.days_overdue",
            "doc.amount",
            "doc.outstanding",
        ]
        .map(|c| say(Message::new(c)))
        .to_vec(),
        size: 8.5,
    };
    table.begin(&mut page);
    for i in &r.items {
        table.row(
            &mut page,
            &[
                i.doc_no.clone(),
                i.kind.label(lang).to_string(),
                iso(i.date),
                iso(i.due_date),
                i.days_overdue.to_string(),
                i.amount.grouped(),
                i.outstanding.grouped(),
            ],
            false,
        );
    }
    let mut total_row = vec![String::new(); 7];
    total_row[0] = say(Message::new("doc.total"));
    total_row[6] = total.grouped();
    table.row(&mut page, &total_row, true);
    table.end(&mut page);

    let c = &kit.company;
    page.paragraph(l, w, 10.0, &say(Message::new("doc.reminder_pay")));
    page.gap(2.0);
    facts(
        &mut page,
        kit,
        &[
            ("doc.payee", c.name.clone()),
            ("doc.bank", c.bank_name.clone()),
            ("doc.account", c.bank_account.clone()),
            ("doc.contact", c.contact.clone()),
            ("doc.phone", c.phone.clone()),
        ],
    );
    page.paragraph(l, w, 9.0, &say(Message::new("doc.reminder_paid")));
    sign_off(&mut page, kit, &r.name, false);
    page.line_of(9.0, &iso(r.as_of), Align::Right);
    Ok(page.finish(footer(kit, title, &r.name)))
}
