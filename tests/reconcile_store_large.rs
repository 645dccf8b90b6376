//! A large session on a real database file: a few thousand lines a side with
//! matches of every rule, unmatched and paired lines, notes and adjusting
//! entries, saved (new and over the draft) in many-row statements and read
//! back field by field.

use std::io::Write;

use kehu::domain::Money;
use kehu::domain::field::FieldValues;
use kehu::domain::ledger::EntryInput;
use kehu::import::statement::prepare::{self, ReadRequest};
use kehu::reconcile::synth::statement_pair;
use kehu::reconcile::{MatchOptions, Reconciliation, Side};
use kehu::store::{AddOptions, Allocate, CreditCheck, SessionStatus, Store};

/// More lines than a few statements' batches hold, and not a multiple of one.
const LINES: usize = 3_001;

/// Everything the reconciliation stores, bucket by bucket and in order.
fn assert_same(a: &Reconciliation, b: &Reconciliation) {
    assert_eq!(a.matched(), b.matched());
    assert_eq!(a.only_ours(), b.only_ours());
    assert_eq!(a.only_theirs(), b.only_theirs());
    assert_eq!(a.amount_mismatch(), b.amount_mismatch());
    assert_eq!(a.date_outside_tolerance(), b.date_outside_tolerance());
    assert_eq!(a.notes(), b.notes());
    assert_eq!(a.opening_note(), b.opening_note());
    assert_eq!(a.options(), b.options());
    assert_eq!(
        (a.our_opening(), a.their_opening()),
        (b.our_opening(), b.their_opening())
    );
    assert_eq!(
        (
            a.our_balance(),
            a.their_balance(),
            a.unexplained_difference()
        ),
        (
            b.our_balance(),
            b.their_balance(),
            b.unexplained_difference()
        )
    );
    // `group_search` says how the last automatic run's group search went; a
    // session never stored it (nor did the one-row-a-statement save).
}

#[test]
fn a_large_session_saves_and_reads_back_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("kehu.db")).unwrap();
    store.set_operator("会计小王");
    let values: FieldValues = [("name", "深圳华强电子股份有限公司")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let code = store
        .add_customer(&values, None)
        .unwrap()
        .customer
        .data
        .code;
    let pair = statement_pair(LINES, 20, 7);
    let mut bulk = store.ledger_bulk(CreditCheck::Skip).unwrap();
    let no_allocation = AddOptions {
        allocate: Allocate::None,
        ..AddOptions::default()
    };
    for l in &pair.ours {
        let kind = if l.amount.is_negative() {
            "receipt"
        } else {
            "invoice"
        };
        let input = EntryInput {
            kind: kind.into(),
            date: l.date.to_string(),
            doc_no: l.doc.clone(),
            amount: Money::from_fen(l.amount.fen().abs()).to_string(),
            due_date: String::new(),
            memo: l.description.clone(),
        };
        bulk.add(&code, &input, &no_allocation).unwrap().unwrap();
    }
    bulk.commit().unwrap();
    let path = dir.path().join("statement.csv");
    let mut file = std::fs::File::create(&path).unwrap();
    writeln!(file, "日期,单据号,摘要,借方,贷方").unwrap();
    for l in &pair.theirs {
        let (debit, credit) = if l.amount.is_negative() {
            (Money::from_fen(-l.amount.fen()).to_string(), String::new())
        } else {
            (String::new(), l.amount.to_string())
        };
        writeln!(
            file,
            "{},{},{},{debit},{credit}",
            l.date, l.doc, l.description
        )
        .unwrap();
    }
    drop(file);
    let id = store.customer(&code).unwrap().unwrap().id;
    let request = ReadRequest {
        path: path.clone(),
        ..ReadRequest::default()
    };
    let file = prepare::read_statement(&store, &request).unwrap();
    let period = prepare::period(&file, None, None).unwrap();
    let ours = store.reconcile_ours(id, period.0, period.1).unwrap();
    let p = prepare::match_sides(ours, file, None, &MatchOptions::default()).unwrap();
    let mut r = p.reconciliation.clone();
    // Every kind of bucket is there to be written.
    assert!(r.matched().len() > 2_500, "{}", r.matched().len());
    assert!(
        r.matched()
            .iter()
            .any(|m| m.ours.len() + m.theirs.len() > 2)
    );
    assert!(!r.only_ours().is_empty() && !r.only_theirs().is_empty());
    assert!(!r.amount_mismatch().is_empty());
    assert!(!r.date_outside_tolerance().is_empty());

    // Notes on lines of both sides, a manual match with its note.
    let ours_only: Vec<usize> = r.only_ours().iter().map(|l| l.id).collect();
    let theirs_only: Vec<usize> = r.only_theirs().iter().map(|l| l.id).collect();
    for (i, line) in ours_only.iter().enumerate() {
        r.set_note(Side::Ours, *line, &format!("发票在途 {i}"))
            .unwrap();
    }
    let matched_line = r.matched()[100].theirs[0].id;
    r.set_note(Side::Theirs, matched_line, "已核对 ✓").unwrap();
    r.match_by_hand(&[], &theirs_only[..1], Some("对方已付，我方未到账"))
        .unwrap();
    r.set_opening_note("期初无差异");
    let session = store.save_reconciliation(None, &p.source, &r).unwrap();
    let saved = store.reconciliation(session).unwrap();
    assert_same(&saved.reconciliation, &r);
    assert_eq!(saved.info.status, SessionStatus::Draft);
    assert_eq!(saved.info.our_balance, r.our_balance());
    assert_eq!(
        saved.info.unexplained_difference,
        r.unexplained_difference()
    );
    // Our lines name the ledger entries they come from.
    let (lines, with_entry, ours_count): (i64, i64, i64) = store
        .connection()
        .query_row(
            "SELECT COUNT(*), COUNT(entry_id), SUM(side = 'ours') FROM reconcile_line
             WHERE session_id = ?1",
            [session],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert_eq!(lines as usize, pair.ours.len() + pair.theirs.len());
    assert_eq!(with_entry, ours_count);

    // Adjusting entries from noted differences save the session too.
    let mismatch = r.amount_mismatch()[0].ours.id;
    r.set_note(Side::Ours, mismatch, "运费对方不认，冲减")
        .unwrap();
    let adjusted = store
        .adjust_reconciliation(session, &mut r, Side::Ours, mismatch, None)
        .unwrap();
    let saved = store.reconciliation(session).unwrap();
    assert_same(&saved.reconciliation, &r);
    assert_eq!(saved.info.adjustments, vec![adjusted.entry.id]);

    // Saved again over the draft after unmatching: still exactly as held,
    // and the replaced matches are gone.
    let first = r.matched()[0].theirs[0].id;
    r.unmatch(Side::Theirs, first).unwrap();
    store
        .save_reconciliation(Some(session), &p.source, &r)
        .unwrap();
    let saved = store.reconciliation(session).unwrap();
    assert_same(&saved.reconciliation, &r);
    let matches: i64 = store
        .connection()
        .query_row(
            "SELECT COUNT(*) FROM reconcile_match WHERE session_id = ?1",
            [session],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(matches as usize, r.matched().len());

    // A second session of the same customer numbers its matches after the first's.
    let other = store.save_reconciliation(None, &p.source, &r).unwrap();
    assert_same(&store.reconciliation(other).unwrap().reconciliation, &r);
    assert_same(&store.reconciliation(session).unwrap().reconciliation, &r);
}
