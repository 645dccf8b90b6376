//! Shared by the TUI tests: a real database file with Chinese customers at
//! fixed timestamps, and an app driven by key events and drawn on a TestBackend.

#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kehu::domain::Lang;
use kehu::domain::field::FieldValues;
use kehu::domain::ledger::EntryInput;
use kehu::store::{AddOptions, Store};
use kehu::tui::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub const HUAQIANG_TAX_ID: &str = "914403001922038216";

pub fn values(pairs: &[(&str, &str)]) -> FieldValues {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn empty_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("kehu.db")).unwrap();
    store.set_operator("测试员");
    (dir, store)
}

/// The day the TUI tests take as today (overdue is measured against it).
pub const TODAY: &str = "2026-11-30";

/// Six customers: Chinese names (one long enough to be cut at 80 columns),
/// classifications, one on hold, one archived, and a credit-limit edit in the
/// history; ledger entries as of `TODAY` (see `add_ledger`). Every timestamp
/// is fixed so snapshots do not move.
pub fn sample_store() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = empty_store();
    let rows: [&[(&str, &str)]; 6] = [
        &[
            ("name", "深圳市华强电子有限公司"),
            ("short_name", "华强电子"),
            ("tax_id", HUAQIANG_TAX_ID),
            ("contact", "王芳"),
            ("phone", "0755-83456789"),
            ("invoice_type", "专票"),
            ("tax_rate", "13%"),
            ("settlement", "赊销"),
            ("payment_days", "30"),
            ("credit_limit", "50000"),
            ("industry", "制造业"),
            ("region", "华南"),
            ("credit_grade", "AA"),
        ],
        &[
            ("name", "广州鑫达贸易有限公司"),
            ("contact", "李伟"),
            ("credit_limit", "200000"),
            ("industry", "批发零售"),
            ("region", "华南"),
        ],
        &[
            (
                "name",
                "上海宏远信息技术股份有限公司浦东新区张江高科技园区分公司",
            ),
            ("credit_limit", "1500000"),
            ("industry", "信息技术"),
            ("region", "华东"),
        ],
        &[
            ("name", "北京恒通物流有限公司"),
            ("industry", "交通物流"),
            ("credit_limit", "0"), // cash only (现款)
        ],
        &[
            ("name", "张三"),
            ("kind", "个人"),
            ("mobile", "13800138000"),
        ],
        &[
            ("name", "Acme Trading (HK) Co., Ltd."),
            ("credit_limit", "8000.50"),
        ],
    ];
    for row in rows {
        store.add_customer(&values(row), None).unwrap();
    }
    store
        .edit_customer("C000001", &values(&[("credit_limit", "80000")]))
        .unwrap();
    store
        .set_status("C000004", kehu::domain::customer::Status::OnHold)
        .unwrap();
    store
        .set_status("C000006", kehu::domain::customer::Status::Archived)
        .unwrap();
    add_ledger(&mut store);
    let conn = store.connection();
    conn.execute(
        "UPDATE customer SET created_at = '2026-11-20T09:30:00+08:00', updated_at = '2026-11-21T14:05:00+08:00'",
        [],
    )
    .unwrap();
    // The audit trail is append-only (a trigger): fixed times for the
    // snapshots are written with it lifted for a moment.
    conn.execute_batch(
        "DROP TRIGGER audit_append_only_update;
         UPDATE audit SET at = '2026-11-21T14:05:00+08:00';
         CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
             BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;",
    )
    .unwrap();
    (dir, store)
}

/// As of `TODAY`: C000001 (limit 80,000) owes 73,000.00, 28,000.00 of it 51
/// days overdue; C000002 is 30,000.00 over its 200,000 limit (an invoice
/// issued with an override reason), nothing overdue; C000003 paid 100,000.00
/// in advance; C000004 (on hold, limit 0) owes a 5,000.00 opening balance
/// 333 days overdue.
pub fn add_ledger(store: &mut Store) {
    let entry = |kind: &str, date: &str, doc: &str, amount: &str, memo: &str| EntryInput {
        kind: kind.into(),
        date: date.into(),
        doc_no: doc.into(),
        amount: amount.into(),
        memo: memo.into(),
        ..EntryInput::default()
    };
    let year_end = |mut input: EntryInput| {
        input.due_date = "2026-12-31".into();
        input
    };
    let rows = [
        (
            "C000001",
            entry("opening", "2026-06-30", "QC-2026", "12000", "期初导入"),
            None,
        ),
        (
            "C000001",
            entry("invoice", "2026-09-10", "FP-0001", "36000", "电子元件一批"),
            None,
        ),
        (
            "C000001",
            entry("receipt", "2026-10-15", "SK-0001", "20000", "工行转账"),
            None,
        ),
        (
            "C000001",
            entry("invoice", "2026-11-20", "FP-0002", "45000", ""),
            None,
        ),
        (
            "C000002",
            year_end(entry("invoice", "2026-11-01", "XD-1101", "150000", "")),
            None,
        ),
        (
            "C000002",
            year_end(entry("invoice", "2026-11-25", "XD-1125", "80000", "")),
            Some("年底备货，经理批准"),
        ),
        (
            "C000003",
            entry("prepayment", "2026-11-05", "YS-001", "100000", "预付货款"),
            None,
        ),
        (
            "C000004",
            entry("opening", "2026-01-01", "QC-2026", "5000", ""),
            None,
        ),
    ];
    for (code, input, reason) in rows {
        let options = AddOptions {
            override_reason: reason.map(str::to_string),
            ..AddOptions::default()
        };
        store
            .add_entry(code, &input, &options)
            .unwrap_or_else(|e| panic!("{code} {}: {e}", input.doc_no));
    }
}

pub fn app(store: Store, lang: Lang) -> App {
    let mut options = Options::new(lang);
    options.theme = kehu::tui::theme::Theme::plain();
    options.today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    App::new(store, options).unwrap()
}

pub fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Types text; each character is one key press (as a terminal sends it).
pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
    }
}

/// Moves the focus to the field named `field` (`credit_limit`, `amount`, …)
/// as Tab would, so a test says which field it types in.
pub fn focus(app: &mut App, field: &str) {
    assert!(app.focus_field(field), "no field {field} to focus here");
}

/// Draws the app at `width` × `height` and returns the screen as text, one
/// line per row, wide characters once (their hidden second cell skipped).
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.render(frame)).unwrap();
    buffer_text(terminal.backend().buffer())
}

pub fn buffer_text(buffer: &Buffer) -> String {
    let width = buffer.area.width as usize;
    let mut out = String::new();
    for row in buffer.content.chunks(width) {
        let mut line = String::new();
        let mut skip = 0;
        for cell in row {
            if skip == 0 {
                line.push_str(cell.symbol());
            }
            skip = std::cmp::max(skip, unicode_width::UnicodeWidthStr::width(cell.symbol()))
                .saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
