//! The reconciliation statement (余额调节表) of a session as PDF, A4 landscape
//! for its nine columns: the same rows as the xlsx, then both sides sign.

use super::blocks::{facts, footer, letterhead, sign_off};
use super::page::{A4, Align, Column, DOC_NO_WIDTH, Layout, Table};
use super::{DocError, Kit, render};
use crate::domain::date::iso;
use crate::messages::Message;
use crate::report::{
    ReconciliationDoc, ReconciliationValue as Value, reconciliation_headers, reconciliation_rows,
};

const LANDSCAPE: (f32, f32) = (A4.1, A4.0);

pub fn reconciliation_pdf(kit: &Kit, doc: &ReconciliationDoc) -> Result<Vec<u8>, DocError> {
    let lang = kit.lang;
    let title = kit.say(Message::new("doc.reconciliation_title"));
    let mut page = Layout::new(&kit.face, LANDSCAPE);
    letterhead(&mut page, kit, &title);
    facts(
        &mut page,
        kit,
        &[
            ("doc.customer", format!("{}（{}）", doc.name, doc.code)),
            (
                "doc.period",
                kit.say(
                    Message::new("doc.period_range")
                        .with("from", iso(doc.from))
                        .with("to", iso(doc.to)),
                ),
            ),
            ("doc.their_file", doc.statement_file.to_string()),
            ("doc.status", doc.status.clone()),
        ],
    );
    // Both document columns hold a 20-digit 数电票 number whole.
    let widths = [
        130.0,
        54.0,
        DOC_NO_WIDTH,
        72.0,
        54.0,
        DOC_NO_WIDTH,
        72.0,
        72.0,
        103.0,
    ];
    let money_columns = [3, 6, 7];
    let table = Table {
        columns: widths
            .iter()
            .enumerate()
            .map(|(i, w)| Column {
                width: *w,
                align: if money_columns.contains(&i) {
                    Align::Right
                } else {
                    Align::Left
                },
            })
            .collect(),
        header: reconciliation_headers(lang).map(String::from).to_vec(),
        size: 8.0,
    };
    table.begin(&mut page);
    for row in reconciliation_rows(doc, lang) {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|v| match v {
                Value::Text(s) => s.clone(),
                Value::Money(m) => m.grouped(),
                Value::Blank => String::new(),
            })
            .collect();
        table.row(&mut page, &cells, row.bold);
    }
    table.end(&mut page);
    sign_off(&mut page, kit, doc.name, false);
    let pages = page.finish(footer(kit, &title, doc.name));
    render::pdf(&kit.face, kit.seal.as_ref(), &title, LANDSCAPE, &pages)
}
