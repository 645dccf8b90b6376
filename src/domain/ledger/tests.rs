use super::*;
use crate::domain::problem::Problems;

fn input(kind: &str, date: &str, doc: &str, amount: &str) -> EntryInput {
    EntryInput {
        kind: kind.into(),
        date: date.into(),
        doc_no: doc.into(),
        amount: amount.into(),
        ..EntryInput::default()
    }
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn codes(p: &Problems) -> Vec<(String, &'static str)> {
    p.iter().map(|p| (p.field.clone(), p.code)).collect()
}

const TERMS_30: EntryRules = EntryRules {
    payment_days: 30,
    confirmed_until: None,
};

#[test]
fn invoice_due_date_defaults_to_the_payment_terms() {
    let (data, p) = parse_entry(
        &input("发票", "2024-01-31", " INV 001 ", "1,234.50"),
        &TERMS_30,
    );
    assert!(p.is_empty(), "{p}");
    let data = data.unwrap();
    assert_eq!(data.kind, EntryKind::Invoice);
    assert_eq!(data.doc_no, "INV 001");
    assert_eq!(data.amount, Money::from_fen(123_450));
    assert_eq!(data.due_date, Some(d("2024-03-01")));
}

#[test]
fn credits_are_stored_negative_without_due_date() {
    for kind in ["receipt", "credit", "prepayment"] {
        let (data, p) = parse_entry(&input(kind, "2024-02-01", "R1", "500"), &TERMS_30);
        let data = data.unwrap_or_else(|| panic!("{kind}: {p}"));
        assert_eq!(data.amount, Money::from_fen(-50_000), "{kind}");
        assert_eq!(data.due_date, None);
        assert_eq!(data.credit(), Money::from_fen(50_000));
        assert_eq!(data.debit(), Money::ZERO);
    }
}

#[test]
fn opening_and_adjustment_keep_their_sign_and_are_due_at_once() {
    let (data, _) = parse_entry(&input("opening", "2024-01-01", "OB", "-300"), &TERMS_30);
    assert_eq!(data.unwrap().amount, Money::from_fen(-30_000));
    let mut adj = input("adjustment", "2024-01-05", "ADJ-1", "12.34");
    adj.memo = "尾差".into();
    let data = parse_entry(&adj, &TERMS_30).0.unwrap();
    assert_eq!(data.amount, Money::from_fen(1234));
    assert_eq!(data.due_date, Some(d("2024-01-05")));
}

#[test]
fn every_problem_is_reported_at_once() {
    let bad = EntryInput {
        kind: "adjustment".into(),
        date: "2024-02-30".into(),
        doc_no: "".into(),
        amount: "12.345".into(),
        due_date: "".into(),
        memo: "".into(),
    };
    let (data, p) = parse_entry(&bad, &TERMS_30);
    assert!(data.is_none());
    assert_eq!(
        codes(&p),
        vec![
            ("date".into(), "date.no_such_day"),
            ("doc_no".into(), "doc_no.required"),
            ("amount".into(), "money.decimals"),
            ("memo".into(), "memo.reason_required"),
        ]
    );
}

#[test]
fn direction_mistakes_are_explained() {
    let (_, p) = parse_entry(&input("invoice", "2024-01-01", "I", "-5"), &TERMS_30);
    assert_eq!(codes(&p), vec![("amount".into(), "amount.negative")]);
    assert!(p.0[0].message.en.contains("type credit"));
    let (_, p) = parse_entry(&input("receipt", "2024-01-01", "R", "0"), &TERMS_30);
    assert_eq!(codes(&p), vec![("amount".into(), "amount.zero")]);
    let (_, p) = parse_entry(&input("gift", "2024-01-01", "G", "5"), &TERMS_30);
    assert_eq!(codes(&p), vec![("type".into(), "type.invalid")]);
}

#[test]
fn due_date_rules() {
    let mut i = input("invoice", "2024-03-10", "I", "5");
    i.due_date = "2024-03-09".into();
    assert_eq!(
        codes(&parse_entry(&i, &TERMS_30).1),
        vec![("due_date".into(), "due_date.before_date")]
    );
    i.due_date = "2024/4/30".into();
    assert_eq!(
        parse_entry(&i, &TERMS_30).0.unwrap().due_date,
        Some(d("2024-04-30"))
    );
    let mut r = input("receipt", "2024-03-10", "R", "5");
    r.due_date = "2024-04-30".into();
    assert_eq!(
        codes(&parse_entry(&r, &TERMS_30).1),
        vec![("due_date".into(), "due_date.not_applicable")]
    );
}

#[test]
fn confirmed_period_refuses_new_entries() {
    let rules = EntryRules {
        payment_days: 0,
        confirmed_until: Some(d("2024-03-31")),
    };
    let (_, p) = parse_entry(&input("invoice", "2024-03-31", "I", "5"), &rules);
    assert_eq!(codes(&p), vec![("date".into(), "date.confirmed")]);
    assert!(
        parse_entry(&input("invoice", "2024-04-01", "I", "5"), &rules)
            .0
            .is_some()
    );
}

#[test]
fn days_overdue_only_for_open_debits_past_due() {
    let data = parse_entry(&input("invoice", "2024-01-01", "I", "5"), &TERMS_30)
        .0
        .unwrap();
    let mut entry = Entry {
        id: 1,
        customer_id: 1,
        data,
        outstanding: Money::from_fen(500),
        override_reason: None,
        reverses_id: None,
        locked: false,
        created_at: String::new(),
        updated_at: String::new(),
    };
    assert_eq!(entry.days_overdue(d("2024-01-31")), None);
    assert_eq!(entry.days_overdue(d("2024-02-01")), Some(1));
    entry.outstanding = Money::ZERO;
    assert_eq!(entry.days_overdue(d("2024-02-01")), None);
}

#[test]
fn amounts_over_the_per_entry_ceiling_are_refused_on_the_amount_field() {
    for (kind, amount) in [
        ("opening", "-92,233,720,368,547,758.07"),
        ("invoice", "1,000,000,000,000.01"),
        ("receipt", "50000000000000000"),
        ("adjustment", "-1000000000000.01"),
    ] {
        let mut entry = input(kind, "2024-01-01", "X-1", amount);
        entry.memo = "原因".into();
        let (data, p) = parse_entry(&entry, &TERMS_30);
        assert!(data.is_none(), "{kind} {amount}");
        assert_eq!(
            codes(&p),
            [("amount".to_string(), "amount.ceiling")],
            "{kind} {amount}"
        );
    }
    let (data, p) = parse_entry(
        &input("invoice", "2024-01-01", "X-2", "1,000,000,000,000.00"),
        &TERMS_30,
    );
    assert_eq!(data.map(|d| d.amount), Some(MAX_ENTRY), "{p}");
}

#[test]
fn a_memo_with_a_control_character_is_refused() {
    let mut entry = input("invoice", "2024-01-01", "X-3", "100");
    entry.memo = "货款\u{1b}[2J".into();
    let (data, p) = parse_entry(&entry, &TERMS_30);
    assert!(data.is_none());
    assert_eq!(codes(&p), [("memo".to_string(), "text.control")]);
}

/// The reading thread's parse plus the customer's rules is the parse with
/// the rules, for every type, sign, due date given or not, and dates either
/// side of a confirmed period; where it declines, the parse refuses the row.
#[test]
fn the_rules_applied_after_parsing_give_what_parsing_with_them_gives() {
    let rules = [
        EntryRules::default(),
        TERMS_30,
        EntryRules {
            payment_days: 45,
            confirmed_until: Some(d("2024-01-31")),
        },
        EntryRules {
            payment_days: u16::MAX,
            confirmed_until: Some(d("2023-12-31")),
        },
    ];
    let mut compared = 0;
    let mut declined = 0;
    for kind in [
        "发票",
        "收款",
        "红字",
        "期初",
        "预收",
        "opening",
        "adjustment",
    ] {
        for date in ["2024-01-31", "2024-02-01", "9999-12-20"] {
            for amount in ["1,234.50", "-80", "0.01"] {
                for due in ["", "2024-03-01", "9999-12-31"] {
                    let mut row = input(kind, date, "D-1", amount);
                    row.due_date = due.into();
                    row.memo = "调整 原因".into();
                    let (early, p) = parse_entry(&row, &EntryRules::default());
                    let Some(early) = early.filter(|_| p.0.is_empty()) else {
                        continue;
                    };
                    for r in &rules {
                        let full = parse_entry(&row, r);
                        match with_rules(early.clone(), &row, r) {
                            Some(data) => {
                                assert!(full.1.0.is_empty(), "{row:?} {r:?}: {:?}", full.1);
                                assert_eq!(Some(data), full.0, "{row:?} {r:?}");
                                compared += 1;
                            }
                            None => {
                                assert!(full.1.has_errors(), "{row:?} {r:?}");
                                declined += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(compared > 100 && declined > 10, "{compared} {declined}");
}
