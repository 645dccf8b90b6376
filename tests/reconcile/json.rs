//! The JSON form: the keys, money as strings, and a faithful round trip.

use kehu::reconcile::{Reconciliation, Side};
use serde_json::Value;

use super::support::*;

fn sample() -> Reconciliation {
    let ours = lines(&[
        (1, "FP-1", "1000.00"),
        (2, "FP-2", "2000.00"),
        (3, "FP-3", "500.00"),
    ]);
    let theirs = lines(&[
        (1, "fp1", "1000.00"),
        (2, "FP2", "1800.00"),
        (6, "", "-50.00"),
    ]);
    run(&ours, &theirs)
}

#[test]
fn keys_are_those_of_the_cli_json() {
    let json = serde_json::to_value(sample()).unwrap();
    assert_eq!(json["our_balance"], "3500.00");
    assert_eq!(json["their_balance"], "2750.00");
    assert_eq!(json["unexplained_difference"], "-750.00");
    assert_eq!(json["closes"], false);

    let m = &json["matched"][0];
    assert_eq!(m["rule"], "doc_and_amount");
    assert_eq!(m["ours"][0]["doc"], "FP-1");
    assert_eq!(m["theirs"][0]["doc"], "fp1");
    assert_eq!(m["ours"][0]["amount"], "1000.00");
    assert_eq!(m["ours"][0]["date"], "2026-01-01");

    let only_ours = &json["only_ours"][0];
    assert_eq!(
        (&only_ours["date"], &only_ours["doc"], &only_ours["amount"]),
        (
            &Value::from("2026-01-03"),
            &Value::from("FP-3"),
            &Value::from("500.00")
        )
    );
    assert_eq!(json["only_theirs"][0]["amount"], "-50.00");
    let mismatch = &json["amount_mismatch"][0];
    assert_eq!(mismatch["ours"]["amount"], "2000.00");
    assert_eq!(mismatch["theirs"]["amount"], "1800.00");
    assert_eq!(mismatch["difference"], "-200.00");
}

#[test]
fn a_round_trip_restores_matches_notes_and_options() {
    let mut r = sample();
    r.set_note(Side::Ours, 2, "发票在途").unwrap();
    r.match_by_hand(&[], &[2], Some("银行手续费")).unwrap();
    let r = r.with_openings(yuan("5.00"), yuan("5.00")).unwrap();
    let text = serde_json::to_string_pretty(&r).unwrap();
    let back: Reconciliation = serde_json::from_str(&text).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.unexplained_difference(), yuan("-200.00"));
}

#[test]
fn derived_figures_are_recomputed_not_trusted() {
    let mut json = serde_json::to_value(sample()).unwrap();
    json["our_balance"] = Value::from("1.00");
    json["amount_mismatch"][0]["difference"] = Value::from("9.99");
    let back: Reconciliation = serde_json::from_value(json).unwrap();
    assert_eq!(back.our_balance(), yuan("3500.00"));
    assert_eq!(back.amount_mismatch()[0].difference, yuan("-200.00"));
}

#[test]
fn a_stored_value_with_a_line_twice_is_refused() {
    let mut json = serde_json::to_value(sample()).unwrap();
    let copy = json["matched"][0]["ours"][0].clone();
    json["only_ours"].as_array_mut().unwrap().push(copy);
    let err = serde_json::from_value::<Reconciliation>(json).unwrap_err();
    assert!(err.to_string().contains("appears twice"), "{err}");

    let mut json = serde_json::to_value(sample()).unwrap();
    json["notes"] = serde_json::json!([{ "side": "theirs", "id": 42, "text": "?" }]);
    assert!(serde_json::from_value::<Reconciliation>(json).is_err());
}
