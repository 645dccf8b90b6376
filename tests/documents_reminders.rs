//! Reminder letters (催款函) through the real binary: every overdue customer
//! in one PDF or one file each, one customer, none overdue; the text layout
//! of a letter as a snapshot, set in a font pinned by the config.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/ledger.rs"]
mod ledger;
#[path = "support/pdf.rs"]
mod pdf;

use std::path::Path;

use cli::{kehu, ok};
use kehu::domain::Money;
use pdf::{COMPANY, in_order, look, overdue_books, pages, ready, squeezed, text};

#[test]
fn reminder_letters_one_file_for_all_and_one_file_each() {
    if !ready("reminders") {
        return;
    }
    let (dir, db, codes) = overdue_books();
    let all = dir.path().join("催款函.pdf");
    let said = ok(
        &db,
        &[
            "remind",
            "--all",
            "--as-of",
            "2026-03-31",
            "--out",
            all.to_str().unwrap(),
        ],
    );
    assert!(said.contains("2 "), "{said}");
    let pages = pages(&all);
    assert_eq!(pages.len(), 2, "one page per letter");
    let overdue_total = Money::parse("412345.67").unwrap().grouped();
    in_order(
        &pages[0],
        &[
            COMPANY,
            "催款函",
            "致：",
            &codes[0],
            "2026-03-31",
            &overdue_total,
            "单据号",
            "逾期天数",
            "未付金额",
            "FP1001",
            "12,345.67",
            "FP1002",
            "400,000.00",
            "合计",
            &overdue_total,
            "请汇入以下账户",
            "中国工商银行杭州文三路支行",
            pdf::BANK_ACCOUNT,
            "第1页/共1页",
        ],
    );
    in_order(&pages[1], &[&codes[1], "FP2001", "888.00", "第1页/共1页"]);
    assert!(
        !squeezed(&pages.concat()).contains("FP3001"),
        "paid up: no letter"
    );
    look(&all, "reminder");

    let each = dir.path().join("each");
    std::fs::create_dir(&each).unwrap();
    ok(
        &db,
        &[
            "remind",
            "--all",
            "--as-of",
            "2026-03-31",
            "--out-dir",
            each.to_str().unwrap(),
        ],
    );
    let mut names: Vec<String> = std::fs::read_dir(&each)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            format!("催款函_{}.pdf", codes[0]),
            format!("催款函_{}.pdf", codes[1])
        ]
    );
    in_order(&text(&each.join(&names[1])), &[&codes[1], "FP2001"]);

    // One customer; one with nothing overdue is told so and nothing is written.
    let one = dir.path().join("one.pdf");
    ok(
        &db,
        &[
            "remind",
            &codes[1],
            "--as-of",
            "2026-03-31",
            "--out",
            one.to_str().unwrap(),
        ],
    );
    assert!(squeezed(&text(&one)).contains("FP2001"));
    let none = dir.path().join("none.pdf");
    let out = kehu(
        &db,
        &[
            "remind",
            &codes[2],
            "--as-of",
            "2026-03-31",
            "--out",
            none.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("document.no_overdue") || !none.exists());
    assert!(!none.exists());
}

/// The font the layout snapshot is taken with (other fonts wrap elsewhere).
const SNAPSHOT_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

#[test]
fn reminder_letter_text_layout_snapshot() {
    if !ready("reminder_snapshot") {
        return;
    }
    if !Path::new(SNAPSHOT_FONT).is_file() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI has {SNAPSHOT_FONT}"
        );
        pdf::skipped("reminder_letter_text_layout_snapshot", SNAPSHOT_FONT);
        return;
    }
    let (dir, db, codes) = overdue_books();
    // The font named in the config, as a user would pin one.
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("kehu")).unwrap();
    let remind_with_font = |font: &str, out: &Path| {
        std::fs::write(
            config.join("kehu").join("config.toml"),
            format!("pdf_font = \"{font}\"\n"),
        )
        .unwrap();
        let to = out.to_str().unwrap();
        let args = ["remind", &codes[0], "--as-of", "2026-03-31", "--out", to];
        cli::kehu_with(&db, &args, &[("XDG_CONFIG_HOME", &config)])
    };
    let out = dir.path().join("letter.pdf");
    let run = remind_with_font(SNAPSHOT_FONT, &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Lines as pdftotext lays them out, runs of spaces shown as one.
    let layout: Vec<String> = text(&out)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    insta::assert_snapshot!(layout.join("\n"));

    // A configured font that is not there is named, and nothing is written.
    let other = dir.path().join("other.pdf");
    let run = remind_with_font("/nowhere/font.ttc", &other);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("/nowhere/font.ttc") && err.contains("document.font_unreadable"),
        "{err}"
    );
    assert!(!other.exists());
}
