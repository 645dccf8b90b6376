//! Our company's header and the sign-off block of a statement sent as xlsx,
//! worded as on the PDF (the same message codes).

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::domain::Lang;
use crate::domain::company::Company;
use crate::messages::Message;

/// Our company's name and details from row 0; the first row after them
/// (0 when our company is not set, so the sheet starts as before).
pub fn company_header(ws: &mut Worksheet, company: &Company, lang: Lang) -> Result<u32, XlsxError> {
    if !company.is_set() {
        return Ok(0);
    }
    ws.write_string_with_format(
        0,
        0,
        &company.name,
        &Format::new().set_bold().set_font_size(13),
    )?;
    let details: Vec<String> = [
        ("doc.address", &company.address),
        ("doc.phone", &company.phone),
        ("doc.tax_id", &company.tax_id),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(code, v)| format!("{}{v}", Message::new(code).text(lang)))
    .collect();
    if details.is_empty() {
        return Ok(2);
    }
    ws.write_string(1, 0, details.join("    "))?;
    Ok(3)
}

/// Both sides' sign-off from `row`: ours (prepared by, signature and
/// stamp, date), then the customer's confirmation (余额相符 / 不符 with
/// the difference, signature and stamp, date).
pub fn block(
    ws: &mut Worksheet,
    row: u32,
    company: &Company,
    customer: &str,
    lang: Lang,
) -> Result<(), XlsxError> {
    let say = |code: &'static str| Message::new(code).text(lang);
    let bold = Format::new().set_bold();
    ws.write_string_with_format(
        row,
        0,
        format!("{}{}", say("doc.our_side"), company.name),
        &bold,
    )?;
    ws.write_string_with_format(
        row,
        4,
        format!("{}{customer}", say("doc.their_side")),
        &bold,
    )?;
    let ours = ["doc.handled_by", "doc.sign_and_stamp", "doc.date"];
    let theirs = [
        "doc.confirm_lead",
        "doc.balance_agrees",
        "doc.balance_differs",
        "doc.sign_and_stamp",
        "doc.date",
    ];
    for (i, code) in ours.iter().enumerate() {
        ws.write_string(row + 1 + 2 * i as u32, 0, say(code))?;
    }
    for (i, code) in theirs.iter().enumerate() {
        ws.write_string(row + 1 + 2 * i as u32, 4, say(code))?;
    }
    Ok(())
}
