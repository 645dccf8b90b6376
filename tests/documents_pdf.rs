//! PDF documents through the real binary on real databases, read back with
//! `pdftotext -layout`: the statement of account (short and 2,000 entries),
//! the reconciliation statement, reminder letters one file or one each; the
//! first page of each rendered to PNG under target/tmp/pdf-look/.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/ledger.rs"]
mod ledger;
#[path = "support/pdf.rs"]
mod pdf;
#[path = "support/recon.rs"]
mod recon;

use chrono::{Days, NaiveDate};
use cli::{kehu, ok};
use kehu::domain::Money;
use kehu::store::{AddOptions, CreditCheck};
use ledger::input;
use pdf::{
    COMPANY, customers, in_order, look, overdue_books, pages, ready, set_company, squeezed, text,
};

#[test]
fn statement_pdf_has_company_customer_entries_totals_aging_and_sign_off_in_order() {
    if !ready("statement_pdf") {
        return;
    }
    let mut b = recon::books();
    set_company(&mut b.store);
    let s = b
        .store
        .statement(b.id, recon::day("2025-01-01"), recon::day("2025-12-31"))
        .unwrap();
    // Independently of the store: the closing balance is debits less credits.
    let debits: i64 = s.lines.iter().map(|l| l.debit.fen()).sum();
    let credits: i64 = s.lines.iter().map(|l| l.credit.fen()).sum();
    let closing = Money::from_fen(s.opening.fen() + debits - credits).grouped();
    drop(b.store);
    let out = b.dir.path().join("对账单.pdf");
    let said = ok(
        &b.db,
        &[
            "statement",
            &b.code,
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(said.contains("对账单.pdf"), "{said}");
    let page = text(&out);
    in_order(
        &page,
        &[
            COMPANY,
            "杭州市西湖区文三路100号",
            "对账单",
            "客户：",
            kehu::demo::statement::CUSTOMER_NAME,
            "对账期间：",
            "2025-01-01至2025-12-31",
            "期初余额",
            "44031101",
            "工行转账",
            "电阻电容",
            "本期合计/期末余额",
            &closing,
            "未结清款项账龄",
            "我方：",
            COMPANY,
            "对方确认：",
            "□余额相符",
            "□余额不符，差异说明：",
            "签字盖章：",
            "日期：",
            "第1页/共1页",
        ],
    );
    // Amounts carry thousands separators and sit at the right edge of their column.
    let receipt = page.lines().find(|l| l.contains("两张发票")).unwrap();
    assert!(receipt.contains("80,400.00"), "{receipt}");
    assert!(
        !squeezed(&page).contains("80400.00"),
        "every amount is grouped"
    );
    let size = std::fs::metadata(&out).unwrap().len();
    assert!(
        size < 200_000,
        "the font is subset, not embedded whole: {size} bytes"
    );
    look(&out, "statement");

    // In English when asked; an unknown extension is refused before any work.
    let en = b.dir.path().join("statement.pdf");
    let args = [
        "--lang",
        "en",
        "statement",
        &b.code,
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
    ];
    let mut with_out = args.to_vec();
    with_out.extend(["--out", en.to_str().unwrap()]);
    ok(&b.db, &with_out);
    in_order(
        &text(&en),
        &[
            "Statement of Account",
            "Opening balance",
            "Balance agrees",
            "Page 1 of 1",
        ],
    );
    let mut bad = args.to_vec();
    bad.extend(["--out", "x.docx"]);
    let refused = kehu(&b.db, &bad);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains(".pdf"));
}

/// A real database with one customer holding `entries` invoices and receipts.
fn big_books(entries: u64) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (dir, db, mut store, codes) = customers(1);
    set_company(&mut store);
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut bulk = store.ledger_bulk(CreditCheck::Skip).unwrap();
    for k in 0..entries {
        let kind = if k % 3 == 2 { "receipt" } else { "invoice" };
        let date = kehu::domain::date::iso(first + Days::new(k / 4));
        let amount = Money::from_fen(123_456 + k as i64).to_string();
        let mut entry = input(kind, &date, &format!("D{k:05}"), &amount);
        entry.memo = "电子元器件 LED灯珠 第二批货款（含运费）".into();
        bulk.add(&codes[0], &entry, &AddOptions::default())
            .unwrap()
            .unwrap();
    }
    bulk.commit().unwrap();
    (dir, db, codes[0].clone())
}

#[test]
fn a_statement_of_2000_entries_repeats_the_table_header_on_every_page() {
    if !ready("statement_2000") {
        return;
    }
    let (dir, db, code) = big_books(2000);
    let out = dir.path().join("big.pdf");
    ok(
        &db,
        &[
            "statement",
            &code,
            "--from",
            "2024-01-01",
            "--to",
            "2026-12-31",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let pages = pages(&out);
    assert!(pages.len() > 20, "{} pages", pages.len());
    let count = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let flat = squeezed(page);
        // The header of the entries table, then entries, on every page but
        // the last (which may hold only the aging and the sign-off).
        if i + 1 < count {
            in_order(
                page,
                &[
                    "日期",
                    "单据类型",
                    "单据号",
                    "摘要",
                    "借方",
                    "贷方",
                    "余额",
                    "到期日",
                    "D",
                ],
            );
        }
        assert!(
            flat.contains(&format!("第{}页/共{count}页", i + 1)),
            "page {} has no page number: {flat}",
            i + 1
        );
    }
    // Every entry is there once, in order.
    let all = squeezed(&pages.concat());
    let mut from = 0;
    for k in 0..2000 {
        let doc = format!("D{k:05}");
        let at = all[from..]
            .find(&doc)
            .unwrap_or_else(|| panic!("{doc} missing"));
        from += at + doc.len();
    }
    in_order(&pages[count - 1], &["对方确认："]);
    look(&out, "statement-2000");
}

#[test]
fn reconciliation_statement_pdf_of_a_saved_session() {
    if !ready("reconciliation_pdf") {
        return;
    }
    let mut b = recon::books();
    set_company(&mut b.store);
    drop(b.store);
    let file = recon::statement(b.dir.path(), "theirs.xlsx", false);
    let saved = kehu(
        &b.db,
        &[
            "reconcile",
            &b.code,
            "--statement",
            file.to_str().unwrap(),
            "--save",
        ],
    );
    assert!(saved.status.code().is_some_and(|c| c == 0 || c == 3));
    let out = b.dir.path().join("调节表.pdf");
    let shown = kehu(
        &b.db,
        &["reconcile", "show", "1", "--out", out.to_str().unwrap()],
    );
    assert!(out.exists(), "{}", String::from_utf8_lossy(&shown.stderr));
    in_order(
        &text(&out),
        &[
            COMPANY,
            "余额调节表",
            kehu::demo::statement::CUSTOMER_NAME,
            "theirs.xlsx",
            "我方账面余额",
            "41,350.00",
            "对方账面余额",
            "18,900.00",
            "调节项目",
            "未说明差额",
            "我方：",
            "对方：",
            "签字盖章：",
            "第1页/共1页",
        ],
    );
    look(&out, "reconciliation");
}

#[test]
fn documents_need_our_company_and_name_what_to_set() {
    // No PDF tools needed: the refusal comes before any PDF is made.
    let (dir, db, _store, codes) = customers(1);
    let out = dir.path().join("st.pdf");
    let run = kehu(
        &db,
        &[
            "statement",
            &codes[0],
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-31",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("company.not_set") && err.contains("settings company"),
        "{err}"
    );
    assert!(!out.exists());
}

/// A 4×4 red PNG, as a scanned seal would be (larger).
const SEAL_PNG: [u8; 73] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09,
    0x29, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xb8, 0x20, 0x20, 0x00,
    0x47, 0x0c, 0xc4, 0x71, 0x00, 0x92, 0x43, 0x0f, 0x01, 0xfa, 0x2f, 0x0d, 0x3e, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[test]
fn our_seal_is_printed_on_the_statement_and_a_missing_seal_file_is_named() {
    if !ready("seal") {
        return;
    }
    let (dir, db, codes) = overdue_books();
    let seal = dir.path().join("公章.png");
    std::fs::write(&seal, SEAL_PNG).unwrap();
    ok(
        &db,
        &["settings", "company", "--seal", seal.to_str().unwrap()],
    );
    let out = dir.path().join("sealed.pdf");
    let args = [
        "statement",
        &codes[0],
        "--from",
        "2025-01-01",
        "--to",
        "2026-03-31",
        "--out",
    ];
    let mut with_out = args.to_vec();
    with_out.push(out.to_str().unwrap());
    ok(&db, &with_out);
    let list = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&out)
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&list.stdout);
    // Header, rule, then one line per image: the 4×4 seal.
    let images: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(images.len(), 1, "{list}");
    assert!(images[0].split_whitespace().nth(3) == Some("4"), "{list}");

    std::fs::remove_file(&seal).unwrap();
    let again = dir.path().join("again.pdf");
    let mut with_out = args.to_vec();
    with_out.push(again.to_str().unwrap());
    let run = kehu(&db, &with_out);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("document.seal") && err.contains("公章.png"),
        "{err}"
    );
    assert!(!again.exists());
}
