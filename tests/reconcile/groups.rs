//! Pass 3: one line against the sum of several, and its bounds.

use kehu::reconcile::{MatchOptions, Rule, Shape, match_lines};

use super::support::*;

#[test]
fn one_of_theirs_equals_three_of_ours() {
    // They booked three of our invoices as one line.
    let ours = lines(&[
        (1, "FP-1", "1000.00"),
        (2, "FP-2", "2000.50"),
        (3, "FP-3", "2999.50"),
    ]);
    let theirs = lines(&[(2, "", "6000.00")]);
    let r = run(&ours, &theirs);
    assert_eq!(matched_ids(&r), vec![(vec![0, 1, 2], vec![0])]);
    let m = &r.matched()[0];
    assert_eq!((m.rule, m.shape()), (Rule::Group, Shape::ManyToOne));
    assert_eq!(m.difference(), yuan("0"));
    assert!(r.closes());
}

#[test]
fn one_of_ours_equals_two_of_theirs() {
    // A receipt they paid in two transfers.
    let ours = lines(&[(10, "SK-1", "-5000.00")]);
    let theirs = lines(&[(10, "记-1", "-2000.00"), (11, "记-2", "-3000.00")]);
    let r = run(&ours, &theirs);
    assert_eq!(matched_ids(&r), vec![(vec![0], vec![0, 1])]);
    assert_eq!(r.matched()[0].shape(), Shape::OneToMany);
}

#[test]
fn a_decoy_that_also_sums_loses_to_nearer_dates_and_lowers_confidence() {
    let theirs = lines(&[(10, "", "300.00")]);
    // 100 + 200 on the day; 120 + 180 two days off also make 300.
    let ours = lines(&[
        (12, "", "120.00"),
        (10, "", "100.00"),
        (12, "", "180.00"),
        (10, "", "200.00"),
    ]);
    let r = run(&ours, &theirs);
    assert_eq!(matched_ids(&r), vec![(vec![1, 3], vec![0])]);
    assert_eq!(ids(r.only_ours()), vec![0, 2]);

    let alone = run(&lines(&[(10, "", "100.00"), (10, "", "200.00")]), &theirs);
    assert!(
        r.matched()[0].confidence < alone.matched()[0].confidence,
        "another subset also summed: less sure"
    );
}

#[test]
fn fewer_lines_win_over_nearer_dates() {
    let theirs = lines(&[(10, "", "300.00")]);
    // Three lines on the day, or two lines three days off.
    let ours = lines(&[
        (10, "", "100.00"),
        (10, "", "100.00"),
        (10, "", "100.00"),
        (13, "", "150.00"),
        (13, "", "150.00"),
    ]);
    let r = run(&ours, &theirs);
    assert_eq!(matched_ids(&r), vec![(vec![3, 4], vec![0])]);
}

#[test]
fn parts_outside_the_window_are_not_summed() {
    let theirs = lines(&[(10, "", "300.00")]);
    let ours = lines(&[(10, "", "100.00"), (14, "", "200.00")]);
    let r = run(&ours, &theirs);
    assert!(r.matched().is_empty());
    let wider = match_lines(&ours, &theirs, &MatchOptions::default().with_tolerance(4)).unwrap();
    assert_eq!(matched_ids(&wider), vec![(vec![0, 1], vec![0])]);
}

#[test]
fn at_most_max_group_lines() {
    let theirs = lines(&[(10, "", "600.00")]);
    let ours: Vec<_> = (0..6).map(|i| line(i, 10, "", "100.00")).collect();
    assert!(
        run(&ours, &theirs).matched().is_empty(),
        "six parts, max five"
    );
    let opts = MatchOptions {
        max_group: 6,
        ..MatchOptions::default()
    };
    let r = match_lines(&ours, &theirs, &opts).unwrap();
    assert_eq!(matched_ids(&r), vec![(vec![0, 1, 2, 3, 4, 5], vec![0])]);
    let off = MatchOptions {
        max_group: 0,
        ..MatchOptions::default()
    };
    let r = match_lines(&ours, &theirs, &off).unwrap();
    assert!(r.matched().is_empty());
    assert_eq!(r.group_search().steps, 0);
}

#[test]
fn mixed_signs_are_not_summed() {
    // An invoice and its credit note netted on their side is left to the
    // bookkeeper: with mixed signs the search could not be pruned.
    let r = run(
        &lines(&[(1, "FP-1", "1000.00"), (1, "HZ-1", "-200.00")]),
        &lines(&[(1, "", "800.00")]),
    );
    assert!(r.matched().is_empty());
}

#[test]
fn a_spent_budget_stops_early_but_never_matches_wrongly() {
    // One of theirs at 1,000.00 among 60 of ours that sum to it only as
    // 400 + 600 (the two last in date); the rest are odd amounts below it.
    let theirs = lines(&[(10, "", "1000.00")]);
    let mut ours: Vec<_> = (0..58)
        .map(|i| line(i, 10, "", &format!("{}.{:02}", 5 + i * 7, i % 97)))
        .collect();
    ours.push(line(58, 12, "", "400.00"));
    ours.push(line(59, 12, "", "600.00"));

    let roomy = MatchOptions {
        group_candidates: 64,
        ..MatchOptions::default()
    };
    let r = match_lines(&ours, &theirs, &roomy).unwrap();
    assert_eq!(matched_ids(&r), vec![(vec![58, 59], vec![0])]);
    assert!(!r.group_search().exhausted);

    for budget in [1, 10, 50] {
        let tight = MatchOptions {
            group_search_budget: budget,
            ..roomy
        };
        let r = match_lines(&ours, &theirs, &tight).unwrap();
        let search = r.group_search();
        assert!(search.steps <= budget, "budget {budget}: {search:?}");
        assert!(
            search.exhausted || search.lines_cut_short > 0,
            "budget {budget}"
        );
        assert!(r.matched().is_empty(), "budget {budget}");
        assert_each_line_once(&r, 60, 1);
    }
}

#[test]
fn a_crowded_window_stays_bounded() {
    // 3,000 lines a side on the same few days, no one-to-one match (ours are
    // even fen, theirs odd), so every line is a group target.
    let ours: Vec<_> = (0..3000)
        .map(|i| {
            line(
                i,
                (i % 5) as i64,
                "",
                &format!("{}.{:02}", 10 + i % 900, (i % 50) * 2),
            )
        })
        .collect();
    let theirs: Vec<_> = (0..3000)
        .map(|i| {
            line(
                i,
                (i % 5) as i64,
                "",
                &format!("{}.{:02}", 10 + i % 700, (i % 50) * 2 + 1),
            )
        })
        .collect();
    let opts = MatchOptions {
        group_search_budget: 200_000,
        group_search_per_line: 2_000,
        ..MatchOptions::default()
    };
    let r = match_lines(&ours, &theirs, &opts).unwrap();
    assert!(r.group_search().steps <= 200_000);
    assert_each_line_once(&r, 3000, 3000);
    for m in r.matched() {
        assert_eq!(m.rule, Rule::Group);
        assert_eq!(m.difference(), yuan("0"), "a group must sum exactly");
    }
}
