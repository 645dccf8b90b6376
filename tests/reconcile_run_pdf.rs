//! `kehu reconcile CODE --statement FILE --out x.pdf`: the run itself writes
//! the PDF reconciliation statement (before, only `reconcile show ID` did).

#[path = "support/cli.rs"]
mod cli;
#[path = "support/ledger.rs"]
mod ledger;
#[path = "support/pdf.rs"]
mod pdf;
#[path = "support/recon.rs"]
mod recon;

use cli::kehu;

#[test]
fn the_run_writes_the_pdf_statement_and_a_refused_pdf_saves_no_draft() {
    if !pdf::ready("reconcile_run_pdf") {
        return;
    }
    let mut b = recon::books();
    let file = recon::statement(b.dir.path(), "theirs.xlsx", false);
    let out = b.dir.path().join("调节表.pdf");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "reconcile",
            &b.code,
            "--statement",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        kehu(&b.db, &args)
    };
    // No company yet: refused before anything is saved.
    let refused = run(&["--save"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("company.not_set"));
    assert!(!out.exists());
    assert!(b.store.reconciliations(b.id).unwrap().is_empty());

    pdf::set_company(&mut b.store);
    let done = run(&["--save"]);
    assert!(
        done.status.code().is_some_and(|c| c == 0 || c == 3),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert_eq!(b.store.reconciliations(b.id).unwrap().len(), 1);
    pdf::in_order(
        &pdf::text(&out),
        &[
            pdf::COMPANY,
            "余额调节表",
            kehu::demo::statement::CUSTOMER_NAME,
            "theirs.xlsx",
            "我方账面余额",
            "41,350.00",
            "对方账面余额",
            "18,900.00",
            "未说明差额",
            "签字盖章：",
            "第1页/共1页",
        ],
    );
    pdf::look(&out, "reconciliation_run");
}
