//! The statement of account (对账单) as PDF: letterhead, the customer, the
//! period, opening balance, every entry with its running balance, the
//! closing balance, the aging of what is open, and the sign-off block the
//! customer returns signed and stamped.

use super::blocks::{facts, footer, letterhead, sign_off};
use super::page::{A4, Align, Column, DOC_NO_WIDTH, Layout, Table};
use super::{DocError, Kit, render};
use crate::domain::date::iso;
use crate::domain::ledger::EntryField;
use crate::domain::ledger::aging::{Aged, Bucket};
use crate::domain::money::Money;
use crate::messages::Message;
use crate::report::statement_line_cells;
use crate::store::Statement;

/// `address`: the customer's registered address; `aged`: their open
/// amounts by age as of the statement's last day.
pub fn statement_pdf(
    kit: &Kit,
    s: &Statement,
    address: &str,
    aged: &Aged,
) -> Result<Vec<u8>, DocError> {
    let say = |code: &'static str| kit.say(Message::new(code));
    let lang = kit.lang;
    let title = say("doc.statement_title");
    let mut page = Layout::new(&kit.face, A4);
    letterhead(&mut page, kit, &title);
    facts(
        &mut page,
        kit,
        &[
            ("doc.customer", format!("{}（{}）", s.name, s.code)),
            ("doc.tax_id", s.tax_id.clone()),
            ("doc.address", address.to_string()),
            (
                "doc.period",
                kit.say(
                    Message::new("doc.period_range")
                        .with("from", iso(s.from))
                        .with("to", iso(s.to)),
                ),
            ),
        ],
    );
    let (l, w) = (page.left(), page.right() - page.left());
    page.paragraph(
        l,
        w,
        9.5,
        &kit.say(
            Message::new("doc.statement_lead")
                .with("to", iso(s.to))
                .with("closing", s.closing.grouped()),
        ),
    );
    page.gap(4.0);

    let col = |width, align| Column { width, align };
    // The document column holds a 20-digit 数电票 number whole, the memo
    // 本期合计/期末余额, the balance nine figures.
    let table = Table {
        columns: vec![
            col(50.0, Align::Left),
            col(40.0, Align::Left),
            col(DOC_NO_WIDTH, Align::Left),
            col(77.0, Align::Left),
            col(62.0, Align::Right),
            col(62.0, Align::Right),
            col(70.0, Align::Right),
            col(50.0, Align::Left),
        ],
        header: vec![
            EntryField::Date.label(lang).to_string(),
            EntryField::Type.label(lang).to_string(),
            EntryField::DocNo.label(lang).to_string(),
            EntryField::Memo.label(lang).to_string(),
            say("doc.debit"),
            say("doc.credit"),
            say("doc.balance"),
            EntryField::DueDate.label(lang).to_string(),
        ],
        size: 8.0,
    };
    table.begin(&mut page);
    let blank = String::new;
    table.row(
        &mut page,
        &[
            iso(s.from),
            blank(),
            blank(),
            say("doc.opening"),
            blank(),
            blank(),
            s.opening.grouped(),
            blank(),
        ],
        false,
    );
    for line in &s.lines {
        let cells = statement_line_cells(line, lang, Money::grouped);
        table.row(&mut page, &cells, false);
    }
    table.row(
        &mut page,
        &[
            iso(s.to),
            blank(),
            blank(),
            say("doc.closing"),
            s.total_debit.grouped(),
            s.total_credit.grouped(),
            s.closing.grouped(),
            blank(),
        ],
        true,
    );
    table.end(&mut page);

    aging(&mut page, kit, s, aged);
    sign_off(&mut page, kit, &s.name, true);
    let pages = page.finish(footer(kit, &title, &s.name));
    render::pdf(&kit.face, kit.seal.as_ref(), &title, A4, &pages)
}

/// What is open, by how long past due, as of the statement's last day.
fn aging(page: &mut Layout, kit: &Kit, s: &Statement, aged: &Aged) {
    let lang = kit.lang;
    page.ensure(60.0);
    page.line_of(
        9.5,
        &kit.say(Message::new("doc.aging_title").with("date", iso(s.to))),
        Align::Left,
    );
    let width = (page.right() - page.left()) / 8.0;
    let mut header: Vec<String> = Bucket::ALL
        .iter()
        .map(|b| b.label(lang).to_string())
        .collect();
    header.push(kit.say(Message::new("doc.unapplied")));
    header.push(kit.say(Message::new("doc.total")));
    let mut figures: Vec<String> = Bucket::ALL.iter().map(|b| aged.get(*b).grouped()).collect();
    figures.push(aged.unapplied.grouped());
    figures.push(aged.total.grouped());
    let table = Table {
        columns: vec![
            Column {
                width,
                align: Align::Right,
            };
            8
        ],
        header,
        size: 8.0,
    };
    table.begin(page);
    table.row(page, &figures, false);
    table.end(page);
}
