//! The ledger screen's statement export writes what the CLI writes: a PDF
//! with our letterhead and the sign-off block, an xlsx headed by our company;
//! a PDF before our company is set says so and keeps the dialog.

#[path = "support/ledger.rs"]
mod ledger;
#[path = "support/pdf.rs"]
mod pdf;
#[path = "support/tui_support.rs"]
mod support;

use calamine::{Reader, Xlsx, open_workbook};
use crossterm::event::KeyCode;
use kehu::domain::Lang;
use kehu::tui::App;
use support::*;

fn export_to(app: &mut App, path: &std::path::Path) -> String {
    typed(app, "l");
    typed(app, "s");
    focus(app, "StatementFilePdf");
    ctrl(app, 'u');
    typed(app, path.to_str().unwrap());
    key(app, KeyCode::Enter);
    screen(app, 200, 40)
}

#[test]
fn a_pdf_statement_needs_our_company_and_then_carries_it() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    let path = dir.path().join("对账单.pdf");
    let text = export_to(&mut app, &path);
    assert!(text.contains("尚未设置本公司"), "{text}");
    assert!(text.contains("导出对账单"), "the dialog stays: {text}");
    assert!(!path.exists());
}

#[test]
fn the_statement_goes_to_pdf_and_xlsx_with_our_company() {
    let (dir, mut store) = sample_store();
    pdf::set_company(&mut store);
    let mut app = app(store, Lang::Zh);

    let xlsx = dir.path().join("对账单.xlsx");
    let text = export_to(&mut app, &xlsx);
    assert!(text.contains("对账单已导出"), "{text}");
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    let top: Vec<String> = range
        .rows()
        .take(3)
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(
        top.iter().any(|c| c.contains(pdf::COMPANY)),
        "our company heads the xlsx: {top:?}"
    );

    if !pdf::ready("tui_statement_pdf") {
        return;
    }
    key(&mut app, KeyCode::Esc);
    let out = dir.path().join("对账单.pdf");
    let text = export_to(&mut app, &out);
    assert!(text.contains("对账单已导出"), "{text}");
    let pdf_text = pdf::text(&out);
    let squeezed = pdf::squeezed(&pdf_text);
    for part in [
        pdf::COMPANY,
        "深圳市华强电子有限公司",
        "FP-0001",
        "对方确认",
    ] {
        assert!(squeezed.contains(part), "{part} missing: {pdf_text}");
    }
}
