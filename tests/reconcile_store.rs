//! Reconciliation sessions on a real database file: saved and read back
//! exactly, confirmed (locking the ledger's period, read-only afterwards),
//! adjusting entries booked from a difference, the history per customer.

#[path = "support/recon.rs"]
mod recon;

use kehu::reconcile::{Reconciliation, Rule, Side};
use kehu::store::{EntryPatch, EntryRef, Reversal, SessionStatus, StoreError};
use recon::*;

/// Everything the reconciliation holds, bucket by bucket.
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
}

fn codes(err: StoreError) -> Vec<&'static str> {
    match err {
        StoreError::Invalid(p) => p.iter().map(|p| p.code).collect(),
        other => panic!("expected problems, got {other}"),
    }
}

#[test]
fn a_session_round_trips_with_matches_notes_and_status() {
    let mut b = books();
    let p = prepared(&b, &statement(b.dir.path(), "s.xlsx", false));
    let mut r = p.reconciliation.clone();
    // Their payment of 12-30 (row 17) matched by hand with a note, a note on
    // our invoice in the post, the opening explained.
    let ours_in_post = r.only_ours()[0].id;
    r.set_note(Side::Ours, ours_in_post, "发票在途，1月寄出")
        .unwrap();
    r.match_by_hand(&[], &[17], Some("对方已付，我方未到账"))
        .unwrap();
    r.set_opening_note("无差异");
    let id = b.store.save_reconciliation(None, &p.source, &r).unwrap();

    let saved = b.store.reconciliation(id).unwrap();
    assert_same(&saved.reconciliation, &r);
    let info = &saved.info;
    assert_eq!(info.status, SessionStatus::Draft);
    assert_eq!(info.file_name, "s.xlsx");
    assert_eq!(info.file_hash, p.file.file_hash);
    assert_eq!((info.from, info.to), (day("2025-10-01"), day("2025-12-31"))); // the period its title states
    assert_eq!(info.our_balance, yuan("41350"));
    assert_eq!(info.unexplained_difference, r.unexplained_difference());
    assert_eq!(info.created_by, "会计小王");
    assert_eq!(info.confirmed_at, None);
    let manual = saved
        .reconciliation
        .matched()
        .iter()
        .find(|m| m.rule == Rule::Manual)
        .unwrap();
    assert_eq!(manual.note.as_deref(), Some("对方已付，我方未到账"));

    // Saving again replaces the draft's lines; our lines name their entries.
    r.unmatch(Side::Theirs, 17).unwrap();
    b.store
        .save_reconciliation(Some(id), &p.source, &r)
        .unwrap();
    assert_same(&b.store.reconciliation(id).unwrap().reconciliation, &r);
    let conn = b.store.connection();
    let (lines, with_entry): (i64, i64) = conn
        .query_row(
            "SELECT COUNT(*), COUNT(entry_id) FROM reconcile_line WHERE session_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((lines, with_entry), (21, 10));
    let actions: Vec<String> = conn
        .prepare("SELECT action FROM reconcile_audit WHERE session_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([id], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(actions, ["create", "save"]);
    assert_eq!(b.store.reconciliations(b.id).unwrap().len(), 1);
}

#[test]
fn confirming_locks_the_period_and_the_session() {
    let mut b = books();
    let p = prepared(&b, &statement(b.dir.path(), "s.csv", false));
    let id = b
        .store
        .save_reconciliation(None, &p.source, &p.reconciliation)
        .unwrap();
    b.store.set_operator("主管老李");
    let info = b
        .store
        .confirm_reconciliation_because(id, None, Some("差额已与对方核实"))
        .unwrap();
    assert_eq!(info.status, SessionStatus::Confirmed);
    assert_eq!(info.confirmed_by.as_deref(), Some("主管老李"));
    assert!(info.confirmed_at.is_some());
    assert_eq!(
        b.store.confirmed_until(b.id).unwrap(),
        Some(day("2025-12-31"))
    );

    // An entry inside the period can no longer be edited, only reversed.
    let patch = EntryPatch {
        memo: Some("改摘要".into()),
        ..EntryPatch::default()
    };
    let err = b
        .store
        .edit_entry(&b.code, &EntryRef::parse("44031102"), &patch)
        .unwrap_err();
    assert_eq!(codes(err), ["entry.locked"]);
    let reversal = Reversal {
        date: "2026-01-05".into(),
        doc_no: None,
        reason: "运费应单独开票".into(),
    };
    let added = b
        .store
        .reverse_entry(&b.code, &EntryRef::parse("44031102"), &reversal)
        .unwrap();
    assert_eq!(added.entry.data.amount, yuan("-12850"));

    // The session is a record now.
    let err = b
        .store
        .save_reconciliation(Some(id), &p.source, &p.reconciliation)
        .unwrap_err();
    assert_eq!(codes(err), ["reconcile.confirmed"]);
    assert_eq!(
        codes(b.store.confirm_reconciliation(id, None).unwrap_err()),
        ["reconcile.confirmed"]
    );
    // Even SQL written by hand cannot change it.
    let conn = b.store.connection();
    for sql in [
        "UPDATE reconcile_line SET note = 'x' WHERE session_id = ?1",
        "DELETE FROM reconcile_match WHERE session_id = ?1",
        "UPDATE reconcile_session SET status = 'draft' WHERE id = ?1",
    ] {
        let err = conn.execute(sql, [id]).unwrap_err();
        assert!(err.to_string().contains("read-only"), "{sql}: {err}");
    }
    assert_eq!(
        b.store.reconciliation(id).unwrap().info.status,
        SessionStatus::Confirmed
    );
}

#[test]
fn confirming_saves_the_latest_state_in_the_same_transaction() {
    let mut b = books();
    let p = prepared(&b, &statement(b.dir.path(), "s.csv", false));
    let id = b
        .store
        .save_reconciliation(None, &p.source, &p.reconciliation)
        .unwrap();
    let mut r = p.reconciliation.clone();
    r.set_note(Side::Theirs, 17, "对方 12-30 付款，1 月初到账")
        .unwrap();
    b.store
        .confirm_reconciliation_because(id, Some(&r), Some("余额差异待下月核对"))
        .unwrap();
    let saved = b.store.reconciliation(id).unwrap();
    assert_eq!(
        saved.reconciliation.note(Side::Theirs, 17),
        Some("对方 12-30 付款，1 月初到账")
    );
    // A period inside the confirmed one is only a re-check: saved once,
    // never confirmed, and the lock stays where it was.
    let lock = b.store.confirmed_until(b.id).unwrap();
    let mut earlier = p.source.clone();
    earlier.to = day("2025-11-30");
    let id2 = b
        .store
        .save_reconciliation(None, &earlier, &p.reconciliation)
        .unwrap();
    let err = b
        .store
        .confirm_reconciliation_because(id2, None, Some("再确认一次"))
        .unwrap_err();
    assert_eq!(codes(err), ["reconcile.period_confirmed"]);
    assert_eq!(b.store.confirmed_until(b.id).unwrap(), lock);
    let history = b.store.reconciliations(b.id).unwrap();
    assert_eq!(
        history.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![id, id2]
    );
    assert_eq!(history[1].recheck_of, Some(id));
    assert_eq!(history[0].recheck_of, None);
}

#[test]
fn an_adjusting_entry_settles_an_explained_difference() {
    let mut b = books();
    let p = prepared(&b, &statement(b.dir.path(), "s.csv", false));
    let id = b
        .store
        .save_reconciliation(None, &p.source, &p.reconciliation)
        .unwrap();
    let mut r = p.reconciliation.clone();
    let mismatch = r.amount_mismatch()[0].ours.id;

    // Without a note there is no reason to book.
    let before = r.clone();
    let err = b
        .store
        .adjust_reconciliation(id, &mut r, Side::Ours, mismatch, None)
        .unwrap_err();
    assert_eq!(codes(err), ["reconcile.note_first"]);
    assert_eq!(r, before);
    // A matched line is no difference.
    let matched = r.matched()[0].ours[0].id;
    r.set_note(Side::Ours, matched, "x").unwrap();
    let err = b
        .store
        .adjust_reconciliation(id, &mut r, Side::Ours, matched, None)
        .unwrap_err();
    assert_eq!(codes(err), ["reconcile.nothing_to_adjust"]);

    r.set_note(Side::Ours, mismatch, "运费 50 元对方不认，冲减")
        .unwrap();
    let unexplained = r.unexplained_difference();
    let adjusted = b
        .store
        .adjust_reconciliation(id, &mut r, Side::Ours, mismatch, None)
        .unwrap();
    assert_eq!(adjusted.amount, yuan("-50"));
    let entry = &adjusted.entry;
    assert_eq!(entry.data.kind.key(), "adjustment");
    assert_eq!(entry.data.date, day("2025-12-31"));
    assert_eq!(entry.data.memo, "运费 50 元对方不认，冲减");
    assert_eq!(entry.data.doc_no, format!("DZ{id}-1"));
    // The ledger moved by the difference; the session settled it by hand.
    assert_eq!(
        b.store.balance(b.id).unwrap().standing.balance,
        yuan("41300")
    );
    assert!(r.amount_mismatch().is_empty());
    let m = r
        .matched()
        .iter()
        .find(|m| m.ours.iter().any(|l| l.id == entry.id as usize))
        .unwrap();
    assert_eq!((m.rule, m.ours.len(), m.theirs.len()), (Rule::Manual, 2, 1));
    assert_eq!(m.difference(), yuan("0"));
    assert_eq!(r.our_balance(), yuan("41300"));
    // The -50 was unexplained before only if unnoted; now it is gone either way.
    assert_eq!(r.unexplained_difference(), unexplained);
    let saved = b.store.reconciliation(id).unwrap();
    assert_same(&saved.reconciliation, &r);
    assert_eq!(saved.info.adjustments, vec![entry.id]);
    // Reading our side again finds the adjustment in the period.
    let ours = b
        .store
        .reconcile_ours(b.id, day("2025-10-01"), day("2025-12-31"))
        .unwrap();
    assert!(ours.lines.iter().any(|l| l.id == entry.id as usize));
}

/// The triggers that keep sessions read-only, as the file holds them.
fn guards(b: &Books) -> Vec<(String, String)> {
    let conn = b.store.connection();
    let mut stmt = conn
        .prepare(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
             AND tbl_name IN ('reconcile_session', 'reconcile_line', 'reconcile_match')
             ORDER BY name",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn foreign_keys_hold(b: &Books) {
    let conn = b.store.connection();
    let on: bool = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert!(on, "foreign keys are checked again after a save");
    let broken: i64 = conn
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0, "every reference a save wrote holds");
}

#[test]
fn a_save_keeps_the_guards_and_writes_only_references_that_hold() {
    let mut b = books();
    let before = guards(&b);
    assert_eq!(before.len(), 8, "{before:?}");
    let p = prepared(&b, &statement(b.dir.path(), "s.csv", false));
    let mut r = p.reconciliation.clone();
    r.match_by_hand(&[], &[17], Some("对方已付，我方未到账"))
        .unwrap();
    let id = b.store.save_reconciliation(None, &p.source, &r).unwrap();
    assert_eq!(guards(&b), before);
    foreign_keys_hold(&b);
    r.unmatch(Side::Theirs, 17).unwrap();
    b.store
        .save_reconciliation(Some(id), &p.source, &r)
        .unwrap();
    assert_eq!(guards(&b), before);
    foreign_keys_hold(&b);

    // A save that fails after lifting them (the next session's line is
    // already there, written by hand) leaves the file as it was.
    let conn = b.store.connection();
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    conn.execute(
        "INSERT INTO reconcile_line (session_id, side, line_id, line_date, doc, description,
             amount, bucket) VALUES (?1, 'theirs', 17, '2025-12-31', 'X', '占位', 1, 'only')",
        [id + 1],
    )
    .unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let sessions = |b: &Books| -> i64 {
        b.store
            .connection()
            .query_row("SELECT COUNT(*) FROM reconcile_session", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(sessions(&b), 1);
    assert!(b.store.save_reconciliation(None, &p.source, &r).is_err());
    assert_eq!(sessions(&b), 1);
    assert_eq!(guards(&b), before);
    let conn = b.store.connection();
    conn.execute("DELETE FROM reconcile_line WHERE session_id = ?1", [id + 1])
        .unwrap();
    foreign_keys_hold(&b);
    assert_same(&b.store.reconciliation(id).unwrap().reconciliation, &r);
}

#[test]
fn hand_written_sql_cannot_add_to_or_take_from_a_confirmed_session() {
    let mut b = books();
    let p = prepared(&b, &statement(b.dir.path(), "s.csv", false));
    let save = |b: &mut Books, id| {
        b.store
            .save_reconciliation(id, &p.source, &p.reconciliation)
    };
    let id = save(&mut b, None).unwrap();
    let reason = Some("差额已与对方核实");
    b.store
        .confirm_reconciliation_because(id, None, reason)
        .unwrap();
    // Another session saved since (its save lifts the guards for its own
    // transaction only); saving over it is refused, it re-checks `id`.
    let recheck = save(&mut b, None).unwrap();
    save(&mut b, Some(recheck)).unwrap_err();
    let conn = b.store.connection();
    for sql in [
        "INSERT INTO reconcile_line (session_id, side, line_id, line_date, doc, description,
             amount, bucket) VALUES (?1, 'theirs', 9999, '2025-12-31', 'X', '补一行', 1, 'only')",
        "INSERT INTO reconcile_match (session_id, rule, confidence) VALUES (?1, 'manual', 100)",
        "DELETE FROM reconcile_line WHERE session_id = ?1",
        "UPDATE reconcile_match SET note = 'x' WHERE session_id = ?1",
    ] {
        let err = conn.execute(sql, [id]).unwrap_err();
        assert!(err.to_string().contains("read-only"), "{sql}: {err}");
    }
    assert_same(
        &b.store.reconciliation(id).unwrap().reconciliation,
        &p.reconciliation,
    );
}
