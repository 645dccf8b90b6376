//! Review of new customers and credit limits (issue 13) on real database
//! files and through the real binary: off by default; on, new customers
//! start pending review, are editable but not invoiced, and leave review
//! only by a supervisor's approval or rejection (with a reason); a
//! bookkeeper's credit-limit raise waits in the same queue. Imports:
//! control_review_import.rs.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/control.rs"]
mod control;

use control::{BOSS, CLERK, books, code_of, signed_in, status, values};
use kehu::domain::Money;
use kehu::domain::customer::Status;
use kehu::domain::ledger::EntryInput;
use kehu::store::{AddOptions, AuditFilter};

fn invoice(doc: &str) -> EntryInput {
    EntryInput {
        kind: "invoice".into(),
        date: "2026-11-02".into(),
        doc_no: doc.into(),
        amount: "1000".into(),
        ..EntryInput::default()
    }
}

#[test]
fn off_by_default_new_customers_are_active() {
    let (_dir, db) = books();
    let mut clerk = signed_in(&db, CLERK);
    assert!(!clerk.review_new_customers().unwrap());
    let c = clerk
        .add_customer(&values(&[("name", "上海申通物流有限公司")]), None)
        .unwrap()
        .customer;
    assert_eq!(c.data.status, Status::Active);
    clerk
        .add_entry(&c.data.code, &invoice("FP1"), &AddOptions::default())
        .unwrap();
    // Only a supervisor turns it on.
    let err = clerk.set_review_new_customers(true).unwrap_err();
    assert_eq!(code_of(&err), "permission.denied");
}

#[test]
fn pending_customers_are_edited_not_invoiced_and_leave_review_only_by_a_supervisor() {
    let (_dir, db) = books();
    signed_in(&db, BOSS).set_review_new_customers(true).unwrap();
    let mut clerk = signed_in(&db, CLERK);
    let code = clerk
        .add_customer(&values(&[("name", "杭州华丰贸易有限公司")]), None)
        .unwrap()
        .customer
        .data
        .code;
    assert_eq!(status(&clerk, &code), Status::PendingReview);
    // Editable…
    clerk
        .edit_customer(&code, &values(&[("contact", "王经理")]))
        .unwrap();
    // …but not invoiced, and not taken out of review by hand.
    let err = clerk
        .add_entry(&code, &invoice("FP1"), &AddOptions::default())
        .unwrap_err();
    let text = err.to_string();
    assert_eq!(code_of(&err), "credit.pending_review", "{text}");
    let err = clerk.set_status(&code, Status::Active).unwrap_err();
    assert_eq!(code_of(&err), "review.status_pending");
    let err = clerk
        .edit_customer(&code, &values(&[("status", "active")]))
        .unwrap_err();
    assert_eq!(code_of(&err), "review.status_pending");
    let err = clerk.approve_review(&code).unwrap_err();
    assert_eq!(code_of(&err), "permission.denied");
    assert_eq!(status(&clerk, &code), Status::PendingReview);

    let queue = clerk.review_queue().unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(
        (queue[0].code.as_str(), queue[0].kind.as_str()),
        (code.as_str(), "new_customer")
    );
    assert_eq!(queue[0].requested_by.as_deref(), Some(CLERK.0));

    let mut boss = signed_in(&db, BOSS);
    let done = boss.approve_review(&code).unwrap();
    assert!(done.customer);
    assert_eq!(status(&boss, &code), Status::Active);
    assert!(boss.review_queue().unwrap().is_empty());
    let mut clerk = signed_in(&db, CLERK);
    clerk
        .add_entry(&code, &invoice("FP1"), &AddOptions::default())
        .unwrap();
    let err = boss.approve_review(&code).unwrap_err();
    assert_eq!(code_of(&err), "review.nothing_pending");
    let log = boss
        .audit_log(&AuditFilter {
            customer: Some(code.clone()),
            actions: vec!["review".into()],
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].operator, BOSS.0);
    assert!(log[0].new.as_deref().unwrap().contains("approved"));
}

#[test]
fn a_rejected_customer_is_archived_with_the_reason() {
    let (_dir, db) = books();
    let mut boss = signed_in(&db, BOSS);
    boss.set_review_new_customers(true).unwrap();
    let customer = boss
        .add_customer(
            &values(&[("name", "深圳华强电子"), ("tax_id", "914403001922038216")]),
            None,
        )
        .unwrap()
        .customer;
    let code = customer.data.code;
    for reason in ["", "   "] {
        let err = boss.reject_review(&code, reason).unwrap_err();
        assert_eq!(code_of(&err), "review.reason_required");
    }
    boss.reject_review(&code, "营业执照已注销").unwrap();
    assert_eq!(status(&boss, &code), Status::Archived);
    let log = boss
        .audit_log(&AuditFilter {
            actions: vec!["review".into()],
            ..AuditFilter::default()
        })
        .unwrap();
    let detail = log[0].new.clone().unwrap();
    assert!(
        detail.contains("rejected") && detail.contains("营业执照已注销"),
        "{detail}"
    );
    // Archived frees the tax ID for a correct record.
    boss.add_customer(
        &values(&[
            ("name", "深圳市华强电子有限公司"),
            ("tax_id", "914403001922038216"),
        ]),
        None,
    )
    .unwrap();
}

#[test]
fn a_bookkeepers_credit_limit_raise_waits_for_review_instead_of_being_refused() {
    let (_dir, db) = books();
    let mut clerk = signed_in(&db, CLERK);
    let code = clerk
        .add_customer(
            &values(&[("name", "成都天府软件有限公司"), ("credit_limit", "50000")]),
            None,
        )
        .unwrap()
        .customer
        .data
        .code;
    // Review off: refused, as before.
    let err = clerk
        .edit_customer(&code, &values(&[("credit_limit", "150000")]))
        .unwrap_err();
    assert_eq!(code_of(&err), "permission.denied");

    signed_in(&db, BOSS).set_review_new_customers(true).unwrap();
    let mut clerk = signed_in(&db, CLERK);
    let saved = clerk
        .edit_customer(
            &code,
            &values(&[("credit_limit", "150000"), ("phone", "028-85551234")]),
        )
        .unwrap();
    let fifty = Money::parse("50000").unwrap();
    assert_eq!(saved.customer.data.credit_limit, Some(fifty));
    assert_eq!(saved.customer.data.phone, "028-85551234");
    assert!(
        saved
            .warnings
            .iter()
            .any(|w| w.code == "review.limit_pending")
    );
    let queue = clerk.review_queue().unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].kind, "credit_limit");
    assert_eq!(
        (queue[0].old.as_deref(), queue[0].new.as_deref()),
        (Some("50,000.00"), Some("150,000.00"))
    );

    let mut boss = signed_in(&db, BOSS);
    let done = boss.approve_review(&code).unwrap();
    assert_eq!(done.credit_limit.as_deref(), Some("150,000.00"));
    assert_eq!(
        boss.customer(&code).unwrap().unwrap().data.credit_limit,
        Some(Money::parse("150000").unwrap())
    );
    // A second raise, rejected: the limit stays.
    signed_in(&db, CLERK)
        .edit_customer(&code, &values(&[("credit_limit", "300000")]))
        .unwrap();
    boss.reject_review(&code, "回款记录不足").unwrap();
    assert_eq!(
        boss.customer(&code).unwrap().unwrap().data.credit_limit,
        Some(Money::parse("150000").unwrap())
    );
    assert_eq!(status(&boss, &code), Status::Active);
}

#[test]
fn the_cli_review_queue_refusal_and_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kehu.db");
    assert_eq!(
        cli::ok(&db, &["settings", "review-new-customers"]).trim(),
        "off"
    );
    cli::ok(&db, &["settings", "review-new-customers", "on"]);
    cli::ok(
        &db,
        &["customer", "add", "--name", "深圳市华强电子有限公司"],
    );
    cli::ok(&db, &["customer", "add", "--name", "上海申通物流有限公司"]);
    let queue = cli::json(&db, &["review", "list", "--format", "json"]);
    assert_eq!(queue.as_array().unwrap().len(), 2);
    assert_eq!(queue[0]["kind"], "new_customer");
    let listed = cli::ok(&db, &["customer", "list"]);
    assert!(listed.contains("pending_review"), "{listed}");
    let out = cli::kehu(
        &db,
        &[
            "ledger",
            "add",
            "C000001",
            "--type",
            "invoice",
            "--date",
            "2026-11-02",
            "--doc",
            "FP1",
            "--amount",
            "100",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("credit.pending_review"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cli::kehu(&db, &["review", "reject", "C000002", "--reason", " "]);
    assert_eq!(out.status.code(), Some(1));
    cli::ok(&db, &["review", "approve", "C000001"]);
    cli::ok(
        &db,
        &["review", "reject", "C000002", "--reason", "重复客户"],
    );
    let queue = cli::json(&db, &["review", "list", "--format", "json"]);
    assert!(queue.as_array().unwrap().is_empty());
    let audit = cli::json(&db, &["audit", "--action", "review", "--format", "json"]);
    assert_eq!(audit.as_array().unwrap().len(), 2);
    let settings = cli::json(&db, &["audit", "--action", "setting", "--format", "json"]);
    assert_eq!(settings[0]["subject"], "review_new_customers");
}

#[test]
fn a_customer_with_a_raise_awaiting_review_is_merged_only_once_it_is_decided() {
    let (_dir, db) = books();
    let mut boss = signed_in(&db, BOSS);
    boss.set_review_new_customers(true).unwrap();
    let kept = boss
        .add_customer(&values(&[("name", "成都天府软件有限公司")]), None)
        .unwrap()
        .customer
        .data
        .code;
    let dropped = boss
        .add_customer(
            &values(&[("name", "成都天府软件公司"), ("credit_limit", "50000")]),
            None,
        )
        .unwrap()
        .customer
        .data
        .code;
    for code in [&kept, &dropped] {
        boss.approve_review(code).unwrap();
    }
    signed_in(&db, CLERK)
        .edit_customer(&dropped, &values(&[("credit_limit", "150000")]))
        .unwrap();
    let err = boss
        .merge_customers(&kept, &dropped, &[], None)
        .unwrap_err();
    assert_eq!(code_of(&err), "merge.pending_review");
    assert!(err.to_string().contains(&dropped), "{err}");
    assert_eq!(status(&boss, &dropped), Status::Active, "nothing written");

    boss.reject_review(&dropped, "重复客户，待合并").unwrap();
    boss.merge_customers(&kept, &dropped, &[], None).unwrap();
    assert_eq!(status(&boss, &dropped), Status::Archived);
    assert!(boss.review_queue().unwrap().is_empty());
}
