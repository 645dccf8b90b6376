//! The ledger screens' behaviour through the app's public API: key events
//! in, the database file and the drawn screen checked.

#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use kehu::domain::Money;
use kehu::domain::ledger::EntryKind;
use kehu::domain::{Lang, customer::Status};
use kehu::store::{LedgerLine, Store};
use kehu::tui::App;
use support::*;

fn ledger_of(app: &App, code: &str) -> Vec<LedgerLine> {
    let id = app.store().customer(code).unwrap().unwrap().id;
    app.store().ledger(id).unwrap()
}

fn doc<'a>(lines: &'a [LedgerLine], doc_no: &str) -> &'a LedgerLine {
    lines
        .iter()
        .find(|l| l.entry.data.doc_no == doc_no)
        .unwrap_or_else(|| panic!("no entry {doc_no}"))
}

fn yuan(text: &str) -> Money {
    Money::parse(text).unwrap()
}

#[test]
fn an_invoice_added_with_keys_is_stored_and_the_list_shows_the_new_balance() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "jj"); // C000003, which holds a prepayment
    typed(&mut app, "l");
    assert!(screen(&mut app, 80, 24).contains("Ledger · C000003"));
    typed(&mut app, "a");
    typed(&mut app, "HY-2026-001"); // focus starts on the document number
    focus(&mut app, "amount");
    typed(&mut app, "30,000");
    focus(&mut app, "memo");
    typed(&mut app, "服务器三台");
    // The due date the store will fill in shows before saving (no payment days: due at once).
    assert!(screen(&mut app, 120, 40).contains("(auto 2026-11-30)"));
    ctrl(&mut app, 's');
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Recorded: Invoice HY-2026-001 30,000.00 · Balance -70,000.00"),
        "{text}"
    );
    // Back on the ledger with the new entry selected (its detail line shows).
    assert!(text.contains("Invoice HY-2026-001 · 服务器三台"), "{text}");
    typed(&mut app, "q");
    let text = screen(&mut app, 80, 24);
    let row = text.lines().find(|l| l.contains("C000003")).unwrap();
    assert!(row.contains("-70,000.00"), "{row}");
    drop(app);
    let store = Store::open(&dir.path().join("kehu.db")).unwrap();
    let id = store.customer("C000003").unwrap().unwrap().id;
    let lines = store.ledger(id).unwrap();
    let invoice = doc(&lines, "HY-2026-001");
    assert_eq!(invoice.entry.data.kind, EntryKind::Invoice);
    assert_eq!(invoice.entry.data.amount, yuan("30000"));
    assert_eq!(invoice.entry.data.memo, "服务器三台");
    assert_eq!(invoice.balance, yuan("-70000"));
}

#[test]
fn over_the_limit_an_invoice_needs_a_reason_which_is_recorded() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "l"); // C000001: 73,000.00 of 80,000.00 used
    typed(&mut app, "a");
    typed(&mut app, "FP-0003");
    focus(&mut app, "amount");
    typed(&mut app, "10000");
    // Live, before saving: the refusal's figures in the UI language.
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("当前余额 73,000.00，本张发票 10,000.00，超出"),
        "{text}"
    );
    ctrl(&mut app, 's');
    let text = screen(&mut app, 80, 24);
    for figure in [
        "信用额度       80,000.00",
        "余额           73,000.00",
        "本张发票       10,000.00",
        "超出            3,000.00",
    ] {
        assert!(text.contains(figure), "{figure}\n{text}");
    }
    key(&mut app, KeyCode::Enter); // no reason yet
    assert!(screen(&mut app, 80, 24).contains("请先填写原因"));
    assert_eq!(ledger_of(&app, "C000001").len(), 4);
    typed(&mut app, "年底促销，总经理批准");
    key(&mut app, KeyCode::Enter);
    let lines = ledger_of(&app, "C000001");
    let invoice = doc(&lines, "FP-0003");
    assert_eq!(
        invoice.entry.override_reason.as_deref(),
        Some("年底促销，总经理批准")
    );
    let id = app.store().customer("C000001").unwrap().unwrap().id;
    let history = app.store().ledger_history(id).unwrap();
    let audit = history.iter().find(|h| h.action == "override").unwrap();
    assert_eq!(audit.new.as_deref(), Some("年底促销，总经理批准"));
    assert!(audit.old.as_deref().unwrap().contains("excess 3000.00"));
    // The ledger shows the reason; the list marks C000001 over its limit.
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("超额开票原因：年底促销，总经理批准"),
        "{text}"
    );
    typed(&mut app, "q");
    let text = screen(&mut app, 80, 24);
    assert!(text.lines().any(|l| l.starts_with("!+ C000001")), "{text}");
}

#[test]
fn esc_on_the_refusal_goes_back_to_the_form_and_nothing_is_written() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "l");
    typed(&mut app, "a");
    typed(&mut app, "FP-0003");
    focus(&mut app, "amount");
    typed(&mut app, "10000");
    ctrl(&mut app, 's');
    key(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("> Amount    10000"));
    // A smaller invoice fits the limit and saves without a reason.
    ctrl(&mut app, 'u');
    typed(&mut app, "7000");
    ctrl(&mut app, 's');
    let lines = ledger_of(&app, "C000001");
    assert_eq!(doc(&lines, "FP-0003").entry.override_reason, None);
    assert_eq!(lines.last().unwrap().balance, yuan("80000"));
}

#[test]
fn a_customer_on_hold_is_refused_without_an_override() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "n");
    typed(&mut app, "bjht"); // 北京恒通物流, on hold
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "HT-001");
    focus(&mut app, "amount");
    typed(&mut app, "100");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("is on hold: no new invoices"), "{text}");
    ctrl(&mut app, 's');
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("Error: C000004 北京恒通物流有限公司 is on hold"),
        "{text}"
    );
    assert!(!text.contains("Issue with this reason"), "{text}");
    assert_eq!(ledger_of(&app, "C000004").len(), 1);
    // Receipts are still taken from a customer on hold.
    focus(&mut app, "type");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "rec");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let lines = ledger_of(&app, "C000004");
    assert_eq!(doc(&lines, "HT-001").entry.data.kind, EntryKind::Receipt);
    assert_eq!(doc(&lines, "QC-2026").entry.outstanding, yuan("4900"));
}

#[test]
fn quick_invoice_finds_the_customer_by_mnemonic_and_by_tax_id() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "n");
    typed(&mut app, "shhy"); // 上海宏远
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("C000003 上海宏远"), "{text}");
    assert!(text.contains("1 条"), "{text}");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 80, 24).contains("录入单据 · C000003"));
    typed(&mut app, "HY-9");
    focus(&mut app, "amount");
    typed(&mut app, "5万");
    ctrl(&mut app, 's');
    assert_eq!(
        doc(&ledger_of(&app, "C000003"), "HY-9").entry.data.amount,
        yuan("50000")
    );
    // Back where it was opened: the list, its figures re-read.
    let text = screen(&mut app, 120, 40);
    let row = text.lines().find(|l| l.contains("C000003")).unwrap();
    assert!(row.contains("-50,000.00"), "{text}");

    typed(&mut app, "n");
    typed(&mut app, "19220382"); // part of 华强's tax ID
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("C000001 深圳市华强电子有限公司"), "{text}");
    key(&mut app, KeyCode::Esc);
    assert!(screen(&mut app, 80, 24).contains("5 条"));
}

#[test]
fn quick_invoice_creates_a_missing_customer_then_continues_to_the_invoice() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "n");
    typed(&mut app, "成都远航贸易有限公司");
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("+ Create new customer “成都远航贸易有限公司”"),
        "{text}"
    );
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("New customer"), "{text}");
    assert!(text.contains("成都远航贸易有限公司"), "{text}");
    assert!(text.contains("CDYHMYYXGS"), "{text}"); // the mnemonic followed the name
    focus(&mut app, "credit_limit");
    typed(&mut app, "20000");
    ctrl(&mut app, 's');
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("New entry · C000007 成都远航贸易有限公司"),
        "{text}"
    );
    typed(&mut app, "CD-001");
    focus(&mut app, "amount");
    typed(&mut app, "8000");
    ctrl(&mut app, 's');
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Recorded: Invoice CD-001 8,000.00"), "{text}");
    drop(app);
    let store = Store::open(&dir.path().join("kehu.db")).unwrap();
    let customer = store.customer("C000007").unwrap().unwrap();
    assert_eq!(customer.data.name, "成都远航贸易有限公司");
    let lines = store.ledger(customer.id).unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].entry.data.doc_no, "CD-001");
    assert_eq!(customer.data.status, Status::Active);
}

#[test]
fn n_on_a_customers_details_opens_that_customers_invoice() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "j"); // C000002
    typed(&mut app, "v");
    typed(&mut app, "n");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("New entry · C000002 广州鑫达贸易有限公司"),
        "{text}"
    );
    // Esc goes back to the details, not to a picker.
    key(&mut app, KeyCode::Esc);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("C000002  广州鑫达贸易有限公司"), "{text}");
}

#[test]
fn quick_invoice_for_a_new_customer_without_a_limit_is_not_refused() {
    // A new customer's limit starts empty (not controlled, 不控制), so the
    // "create, then invoice" flow issues the invoice; a limit of 0 (cash
    // only) would have refused it.
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "n");
    typed(&mut app, "成都远航贸易有限公司");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("信用额度 不控制"), "{text}");
    typed(&mut app, "CD-001");
    focus(&mut app, "amount");
    typed(&mut app, "8000");
    ctrl(&mut app, 's');
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("CD-001"), "{text}");
    assert!(!text.contains("超出"), "{text}");
    drop(app);
    let store = Store::open(&dir.path().join("kehu.db")).unwrap();
    let customer = store.customer("C000007").unwrap().unwrap();
    assert_eq!(customer.data.credit_limit, None);
    let lines = store.ledger(customer.id).unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].entry.override_reason, None);
}

#[test]
fn a_prepayment_is_allocated_oldest_first_from_the_ledger() {
    let (_dir, mut store) = sample_store();
    for (doc, date, amount) in [
        ("HY-1", "2026-11-10", "30000"),
        ("HY-2", "2026-11-12", "90000"),
    ] {
        let input = kehu::domain::ledger::EntryInput {
            kind: "invoice".into(),
            date: date.into(),
            doc_no: doc.into(),
            amount: amount.into(),
            ..Default::default()
        };
        store
            .add_entry("C000003", &input, &Default::default())
            .unwrap();
    }
    let mut app = app(store, Lang::En);
    typed(&mut app, "jj");
    typed(&mut app, "l");
    typed(&mut app, "g"); // the prepayment, first by date
    typed(&mut app, "m");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("YS-001 Allocate against 100,000.00"),
        "{text}"
    );
    assert!(
        text.contains("Overdue 120,000.00 (2 items, up to 20 days)"),
        "{text}"
    );
    assert!(text.contains("Oldest first (default)"), "{text}");
    assert!(
        text.contains("2026-11-12 Invoice HY-2  90,000.00"),
        "{text}"
    );
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("allocated: HY-1 30,000.00, HY-2 70,000.00"),
        "{text}"
    );
    let lines = ledger_of(&app, "C000003");
    assert_eq!(doc(&lines, "HY-1").entry.outstanding, Money::ZERO);
    assert_eq!(doc(&lines, "HY-2").entry.outstanding, yuan("20000"));
    assert_eq!(doc(&lines, "YS-001").entry.outstanding, Money::ZERO);
    // Nothing open on it any more: said, not done.
    typed(&mut app, "m");
    assert!(screen(&mut app, 80, 24).contains("Nothing open on this entry"));
}

#[test]
fn picking_one_invoice_allocates_only_to_it() {
    let (_dir, mut store) = sample_store();
    for (doc, date) in [("HY-1", "2026-11-10"), ("HY-2", "2026-11-12")] {
        let input = kehu::domain::ledger::EntryInput {
            kind: "invoice".into(),
            date: date.into(),
            doc_no: doc.into(),
            amount: "60000".into(),
            ..Default::default()
        };
        store
            .add_entry("C000003", &input, &Default::default())
            .unwrap();
    }
    let mut app = app(store, Lang::En);
    typed(&mut app, "jjl");
    typed(&mut app, "g");
    typed(&mut app, "m");
    typed(&mut app, "HY-2"); // the picker narrows as you type
    key(&mut app, KeyCode::Enter);
    let lines = ledger_of(&app, "C000003");
    assert_eq!(doc(&lines, "HY-1").entry.outstanding, yuan("60000"));
    assert_eq!(doc(&lines, "HY-2").entry.outstanding, Money::ZERO);
    assert_eq!(doc(&lines, "YS-001").entry.outstanding, yuan("-40000"));
}

#[test]
fn reversing_asks_for_a_reason_and_sets_the_reversal_against_the_entry() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "l"); // FP-0002, the last entry, is selected
    typed(&mut app, "r");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("冲销单据"), "{text}");
    assert!(text.contains("销售发票 FP-0002 45,000.00"), "{text}");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 80, 24).contains("请先填写原因"));
    assert_eq!(ledger_of(&app, "C000001").len(), 4);
    typed(&mut app, "开错客户");
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("已冲销：FP-0002 → FP-0002-R"), "{text}");
    let lines = ledger_of(&app, "C000001");
    let reversal = doc(&lines, "FP-0002-R");
    assert_eq!(reversal.entry.data.amount, yuan("-45000"));
    assert_eq!(reversal.entry.data.memo, "开错客户");
    assert_eq!(doc(&lines, "FP-0002").entry.outstanding, Money::ZERO);
    assert_eq!(lines.last().unwrap().balance, yuan("28000"));
}

#[test]
fn a_statement_is_exported_for_the_period_and_a_bad_file_name_keeps_the_dialog() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "l");
    typed(&mut app, "s");
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("2026-01-01") && text.contains("2026-11-30"),
        "{text}"
    );
    focus(&mut app, "StatementFilePdf");
    ctrl(&mut app, 'u');
    let bad = dir.path().join("对账单.txt");
    typed(&mut app, bad.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(
        text.contains("文件名须以 .xlsx、.csv 或 .pdf 结尾"),
        "{text}"
    );
    assert!(text.contains("导出对账单"), "{text}"); // still open
    ctrl(&mut app, 'u');
    let path = dir.path().join("对账单-C000001.csv");
    typed(&mut app, path.to_str().unwrap());
    key(&mut app, KeyCode::Backspace); // the dialog edits like any field
    typed(&mut app, "v");
    key(&mut app, KeyCode::Enter);
    let written = format!("对账单已导出：{}", path.display());
    assert!(screen(&mut app, 200, 40).contains(&written));
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(csv.contains("期初余额"), "{csv}");
    assert!(csv.contains("FP-0001"), "{csv}");
    // Closing row: period totals and the balance at the end.
    let last = csv.lines().last().unwrap();
    assert!(last.starts_with("2026-11-30,本期合计/期末余额"), "{last}");
    assert!(last.ends_with("73000.00,"), "{last}");
    // The default is a spreadsheet.
    typed(&mut app, "s");
    focus(&mut app, "StatementFilePdf");
    ctrl(&mut app, 'u');
    let xlsx = dir.path().join("statement.xlsx");
    typed(&mut app, xlsx.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"), "not a zip/xlsx file");
    // Again to the same file: the app asks before replacing it.
    std::fs::write(&xlsx, "mine").unwrap();
    typed(&mut app, "s");
    focus(&mut app, "StatementFilePdf");
    ctrl(&mut app, 'u');
    typed(&mut app, xlsx.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("覆盖文件？"), "{text}");
    typed(&mut app, "n");
    assert_eq!(std::fs::read(&xlsx).unwrap(), b"mine");
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "y");
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let text = screen(&mut app, 80, 24);
    assert!(
        !text.contains("文件（.xlsx/.csv/.pdf）"),
        "the dialog closed: {text}"
    );
}

#[test]
fn an_adjustment_needs_its_reason_in_the_memo() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "l");
    typed(&mut app, "a");
    focus(&mut app, "type");
    typed(&mut app, "tz"); // 调整 by its pinyin initials
    key(&mut app, KeyCode::Enter);
    focus(&mut app, "doc_no");
    typed(&mut app, "TZ-01");
    focus(&mut app, "amount");
    typed(&mut app, "-300");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("摘要（原因）"), "{text}");
    assert!(text.contains("调整必须说明原因"), "{text}");
    ctrl(&mut app, 's');
    assert!(screen(&mut app, 80, 24).contains("请先修正"));
    assert_eq!(ledger_of(&app, "C000001").len(), 4);
    // Saving moved the focus to the field in error: the memo.
    typed(&mut app, "尾差");
    ctrl(&mut app, 's');
    let lines = ledger_of(&app, "C000001");
    let adjustment = doc(&lines, "TZ-01");
    assert_eq!(adjustment.entry.data.amount, yuan("-300"));
    assert_eq!(adjustment.entry.data.memo, "尾差");
}

#[test]
fn the_demo_data_comes_with_ledgers() {
    let (_dir, store) = empty_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "m");
    typed(&mut app, "D");
    app.wait_until_loaded();
    let text = screen(&mut app, 120, 40);
    let totals = text.lines().find(|l| l.starts_with("Receivable ")).unwrap();
    assert!(!totals.starts_with("Receivable 0.00"), "{text}");
    assert!(text.contains("Top 10 debtors"), "{text}");
}

#[test]
fn overdue_rows_are_drawn_in_the_error_colour() {
    let (_dir, store) = sample_store();
    let mut options = kehu::tui::Options::new(Lang::En);
    options.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let mut app = App::new(store, options).unwrap();
    typed(&mut app, "l");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    let buffer = terminal.backend().buffer();
    let fg_of_row = |doc_no: &str| {
        let text = buffer_text(buffer);
        let y = text.lines().position(|l| l.contains(doc_no)).unwrap() as u16;
        buffer[(0, y)].fg
    };
    let error = kehu::tui::theme::Theme::colored().error.fg.unwrap();
    assert_eq!(fg_of_row("FP-0001"), error); // 51 days overdue
    assert_ne!(fg_of_row("SK-0001"), error);
    // FP-0002 (not due) is the selected row: drawn selected, not as overdue.
    assert_ne!(fg_of_row("FP-0002"), error);
}

#[test]
fn the_dashboard_cycles_classification_dimensions() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "D");
    app.wait_until_loaded();
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Receivable by Industry"), "{text}");
    assert!(
        text.contains("Overdue 33,000.00 (2 items, 2 customers)"),
        "{text}"
    );
    typed(&mut app, "c");
    typed(&mut app, "c"); // the grouping is read on a worker too
    app.wait_until_loaded();
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Receivable by Region"), "{text}");
    // 华南: 华强 73,000 + 鑫达 230,000.
    assert!(
        text.lines()
            .any(|l| l.contains("华南 (2)") && l.contains("303,000.00")),
        "{text}"
    );
    typed(&mut app, "q");
    assert!(screen(&mut app, 80, 24).contains("5 shown"));
}

#[test]
fn the_first_page_shown_while_the_list_loads_has_its_balances_and_marks() {
    let (_dir, store) = sample_store();
    let mut options = kehu::tui::Options::new(Lang::En);
    options.theme = kehu::tui::theme::Theme::plain();
    options.today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    options.background_above = 2; // load on the worker even for five customers
    let mut app = App::new(store, options).unwrap();
    let first = screen(&mut app, 80, 24);
    // The first frame is the first page, read at once with its own rows' figures.
    let row = first.lines().find(|l| l.contains("C000004")).unwrap();
    assert!(row.starts_with("!+") && row.contains("5,000.00"), "{first}");
    app.wait_until_loaded();
    let text = screen(&mut app, 80, 24);
    let row = text.lines().find(|l| l.contains("C000002")).unwrap();
    assert!(
        row.starts_with(" +") && row.contains("230,000.00"),
        "{text}"
    );
}

#[test]
fn the_quick_invoice_box_edits_like_every_other_field() {
    let (_dir, store) = sample_store();
    let mut app = app(store, Lang::En);
    typed(&mut app, "n");
    typed(&mut app, "深圳 hqdz");
    ctrl(&mut app, 'w'); // the last word goes
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("> 深圳 "), "{text}");
    ctrl(&mut app, 'u'); // all of it; no literal u typed
    typed(&mut app, "shhy");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("> shhy") && text.contains("C000003"),
        "{text}"
    );
}

/// 数电票 numbers differ in their last digits: at 80 columns the ledger shows
/// a number's end (`…0000000012`), not twenty rows of the same `2444200000…`.
#[test]
fn a_long_document_number_keeps_its_end_in_a_narrow_ledger() {
    let (_dir, mut store) = sample_store();
    for (doc, date) in [
        ("24442000000000000001", "2026-11-02"),
        ("24442000000000000012", "2026-11-03"),
    ] {
        let entry = kehu::domain::ledger::EntryInput {
            kind: "invoice".into(),
            date: date.into(),
            doc_no: doc.into(),
            amount: "100.00".into(),
            ..Default::default()
        };
        store
            .add_entry("C000005", &entry, &Default::default())
            .unwrap();
    }
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "G"); // C000005, the last
    typed(&mut app, "l");
    let text = screen(&mut app, 80, 24);
    let row = |date: &str| {
        text.lines()
            .find(|l| l.starts_with(date))
            .unwrap_or_else(|| panic!("{date}: {text}"))
            .to_string()
    };
    assert!(row("2026-11-02").contains("…0000000001 "), "{text}");
    assert!(row("2026-11-03").contains("…0000000012 "), "{text}");
}

/// At 120 columns the memo gives way until a 20-digit number shows whole.
#[test]
fn a_wide_ledger_shows_a_twenty_digit_number_whole() {
    let (_dir, mut store) = sample_store();
    let entry = kehu::domain::ledger::EntryInput {
        kind: "invoice".into(),
        date: "2026-11-02".into(),
        doc_no: "24442000000000000001".into(),
        amount: "100.00".into(),
        memo: "电子元器件一批，含运费".into(),
        ..Default::default()
    };
    store
        .add_entry("C000005", &entry, &Default::default())
        .unwrap();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "G");
    typed(&mut app, "l");
    let text = screen(&mut app, 120, 40);
    let row = text
        .lines()
        .find(|l| l.starts_with("2026-11-02"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("24442000000000000001 "), "{row}");
    assert!(row.contains("电子元器件"), "the memo still shows: {row}");
}
