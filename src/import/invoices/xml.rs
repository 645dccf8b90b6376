//! A single 数电票 as its XML file (EInvoice): the seller and buyer under
//! EInvoiceData/SellerInformation and BuyerInformation, the totals under
//! BasicInformation (TotalAmWithoutTax, TotalTaxAm, TotalTax-includedAmount),
//! the rates of the goods lines (IssuItemInformation/TaxRate), and the number
//! and date under TaxSupervisionInfo (InvoiceNumber, IssueTime) or Header/EIid.
//! Read with quick-xml, which kehu already builds for calamine.

use std::collections::HashMap;
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::remark;
use super::{Invoice, InvoiceProblem, InvoiceState, file_name};
use crate::domain::customer::TaxRate;
use crate::domain::date::{iso, parse_date};
use crate::domain::money::Money;
use crate::domain::{Severity, Text};
use crate::import::{ImportError, Refusal};
use crate::messages::Message;

/// The elements read, by name (each the first of its name, rates all).
const WANTED: [&str; 17] = [
    "InvoiceNumber",
    "EIid",
    "IssueTime",
    "SellerIdNum",
    "SellerName",
    "BuyerIdNum",
    "BuyerName",
    "BuyerAddr",
    "BuyerTelNum",
    "BuyerBankName",
    "BuyerBankAccNum",
    "TotalAmWithoutTax",
    "TotalTaxAm",
    "TotalTax-includedAmount",
    "Remark",
    "TaxRate",
    "RequestTime",
];

pub fn read(path: &Path) -> Result<(Vec<Invoice>, Vec<InvoiceProblem>), ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let values =
        elements(&text).map_err(|detail| refusal(path, "invoice.xml_unreadable", detail))?;
    let file = file_name(path);
    let get = |name: &str| {
        values
            .get(name)
            .and_then(|v| v.first())
            .map_or("", |v| v.trim())
    };
    let number = match get("InvoiceNumber") {
        "" => get("EIid"),
        n => n,
    }
    .to_string();
    if number.is_empty() || get("TotalTax-includedAmount").is_empty() {
        return Err(refusal(
            path,
            "invoice.xml_not_invoice",
            "InvoiceNumber / TotalTax-includedAmount".into(),
        ));
    }
    let mut problems = Vec::new();
    let problem = |element: &str, message: Message| {
        InvoiceProblem::new(
            (&file, 0, element),
            &number,
            Severity::Error,
            message.with("row", 0).with("column", element),
        )
    };
    let money = |element: &str, problems: &mut Vec<InvoiceProblem>| match get(element) {
        "" => Some(Money::ZERO),
        text => match Money::parse(text) {
            Ok(m) => Some(m),
            Err(e) => {
                problems.push(problem(
                    element,
                    Message::new("invoice.bad_amount").with_text("reason", e.text()),
                ));
                None
            }
        },
    };
    let (net, tax, gross) = (
        money("TotalAmWithoutTax", &mut problems),
        money("TotalTaxAm", &mut problems),
        money("TotalTax-includedAmount", &mut problems),
    );
    let when = match get("IssueTime") {
        "" => get("RequestTime"),
        t => t,
    };
    let date = match parse_date(when.split([' ', 'T']).next().unwrap_or("")) {
        Ok(d) => Some(iso(d)),
        Err(e) => {
            problems.push(problem(
                "IssueTime",
                Message::new("invoice.bad_date").with_text("reason", e.text()),
            ));
            None
        }
    };
    let (Some(net), Some(tax), Some(gross), Some(date)) = (net, tax, gross, date) else {
        return Ok((Vec::new(), problems));
    };
    let mut rates: Vec<u8> = Vec::new();
    for rate in values.get("TaxRate").into_iter().flatten() {
        if let Some(r) = TaxRate::parse(rate)
            && !rates.contains(&r.percent())
        {
            rates.push(r.percent());
        }
    }
    let original = remark::original(get("Remark"));
    let join = |a: &str, b: &str| {
        [a, b]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let invoice = Invoice {
        file: file.clone(),
        row: 0,
        number: number.clone(),
        seller_tax_id: get("SellerIdNum").to_string(),
        seller_name: get("SellerName").to_string(),
        buyer_tax_id: get("BuyerIdNum").to_string(),
        buyer_name: get("BuyerName").to_string(),
        buyer_address_phone: join(get("BuyerAddr"), get("BuyerTelNum")),
        buyer_bank: join(get("BuyerBankName"), get("BuyerBankAccNum")),
        date,
        net,
        tax,
        gross,
        rates,
        state: InvoiceState::Normal,
        red: gross.is_negative() || original.is_some(),
        original,
        seller_known: true,
    };
    Ok((vec![invoice], problems))
}

/// The text of every wanted element, by name, in document order.
fn elements(text: &str) -> Result<HashMap<&'static str, Vec<String>>, String> {
    let mut reader = Reader::from_str(text);
    let mut values: HashMap<&'static str, Vec<String>> = HashMap::new();
    let mut open: Option<(&'static str, String)> = None;
    loop {
        match reader.read_event() {
            Err(e) => return Err(format!("{e} (byte {})", reader.error_position())),
            Ok(Event::Eof) => return Ok(values),
            Ok(Event::Start(e)) => {
                let name = e.local_name();
                let name: &str = name.as_ref();
                open = WANTED
                    .iter()
                    .find(|w| **w == name)
                    .map(|w| (*w, String::new()));
            }
            Ok(Event::Text(t)) => {
                if let Some((_, buf)) = open.as_mut() {
                    buf.push_str(&t.xml10_content());
                }
            }
            Ok(Event::CData(t)) => {
                if let Some((_, buf)) = open.as_mut() {
                    buf.push_str(&t);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let Some((_, buf)) = open.as_mut() {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match &*r {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                    };
                    buf.extend(c);
                }
            }
            Ok(Event::End(_)) => {
                if let Some((name, buf)) = open.take() {
                    values.entry(name).or_default().push(buf);
                }
            }
            Ok(_) => {}
        }
    }
}

fn refusal(path: &Path, code: &'static str, detail: String) -> ImportError {
    let message = Message::new(code).with("detail", detail);
    ImportError::Refused(Box::new(Refusal {
        path: path.to_path_buf(),
        row: None,
        column: None,
        code,
        message: Text::new(
            message.text(crate::domain::Lang::En),
            message.text(crate::domain::Lang::Zh),
        ),
    }))
}
