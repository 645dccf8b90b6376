//! Import runs on real SQLite files: duplicate policies, plan vs commit,
//! cancel, all-or-nothing, rejects files, undo, backups, saved mappings,
//! templates and export → import round trips.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use kehu::domain::field::FieldValues;
use kehu::import::{
    self, Control, Mapping, Policy, Progress, Report, Settings, Source, ValueChoice,
};
use kehu::store::{ListFilter, Store};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("kehu.db")).unwrap();
    store.set_operator("测试员");
    (dir, store)
}

fn settings_for(store: &Store, source: &Source) -> Settings {
    let catalog = store.catalog().unwrap();
    let layout = import::layout(source, None, None, &catalog).unwrap();
    Settings::new(&layout, Mapping::auto(&layout.headers, &catalog))
}

fn run(store: &mut Store, path: &Path, tweak: impl FnOnce(&mut Settings)) -> Report {
    let source = Source::open(path).unwrap();
    let mut settings = settings_for(store, &source);
    tweak(&mut settings);
    import::commit(store, &source, &settings, Control::default()).unwrap()
}

fn count(store: &Store) -> usize {
    store
        .list_customers(&ListFilter {
            include_archived: true,
            ..ListFilter::default()
        })
        .unwrap()
        .len()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn rows_already_stored_are_skipped_updated_or_stop_the_run() {
    let (dir, mut store) = temp_store();
    run(&mut store, &data("gbk_title.csv"), |_| {});
    assert_eq!(count(&store), 5);
    // Same file again: every row matches by tax ID and is skipped (the default).
    let again = run(&mut store, &data("gbk_title.csv"), |_| {});
    assert_eq!((again.inserted, again.skipped), (0, 5));
    assert!(again.duplicates.iter().all(|d| d.action == "skipped"));
    assert_eq!(again.duplicates[0].existing.code, "C000001");

    // Update: only mapped, non-empty cells; matched by tax ID, then code, then name.
    let changes = write(
        dir.path(),
        "changes.csv",
        "客户编码,客户名称,税号,信用额度,联系人\n\
         X9,成都市远航医疗器械有限公司,915101006791061186,88000,\n\
         C000003,,,,新联系人\n\
         ,重庆启明建材股份有限公司,,,刘强\n\
         ,全新客户有限公司,,,\n",
    );
    let updated = run(&mut store, &changes, |s| s.policy = Policy::Update);
    assert_eq!(
        (updated.updated, updated.inserted, updated.rejected),
        (3, 1, 0),
        "{:#?}",
        updated.problems
    );
    let by: Vec<&str> = updated
        .duplicates
        .iter()
        .map(|d| d.existing.by.key())
        .collect();
    assert_eq!(by, ["tax_id", "code", "name"]);
    let c1 = store.customer("C000001").unwrap().unwrap();
    assert_eq!(c1.data.credit_limit.map(|m| m.fen()), Some(8_800_000));
    assert_eq!(
        c1.data.contact, "范思琪",
        "an empty cell does not clear a field"
    );
    assert!(
        updated
            .problems
            .iter()
            .any(|p| p.code == "import.code_kept")
    );
    assert_eq!(
        store.customer("C000003").unwrap().unwrap().data.contact,
        "新联系人"
    );
    let history = store.audit_history(c1.id).unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last.action.as_str(), last.field.as_str()),
        ("update", "credit_limit")
    );
    assert!(
        store.customer("C000006").unwrap().is_some(),
        "a new row is inserted"
    );

    // Stop: the first duplicate ends the run and nothing of it is written.
    let stop_file = write(
        dir.path(),
        "stop.csv",
        "客户名称,税号\n新客户甲有限公司,\n成都市远航医疗器械有限公司,915101006791061186\n新客户乙有限公司,\n",
    );
    let stopped = run(&mut store, &stop_file, |s| s.policy = Policy::Stop);
    assert_eq!(stopped.stopped_at, Some(3));
    assert!(!stopped.committed);
    assert_eq!(
        count(&store),
        6,
        "the rows before the stop are not kept either"
    );
}

#[test]
fn a_plan_counts_what_a_commit_does_and_writes_nothing() {
    let (_dir, mut store) = temp_store();
    let source = Source::open(&data("field_errors.csv")).unwrap();
    let settings = settings_for(&store, &source);
    let plan = import::plan(&mut store, &source, &settings, Control::default()).unwrap();
    assert!(plan.dry_run && !plan.committed && plan.batch.is_none());
    assert_eq!(count(&store), 0);
    assert!(store.batches().unwrap().is_empty());
    let done = import::commit(&mut store, &source, &settings, Control::default()).unwrap();
    assert_eq!(
        (plan.rows, plan.inserted, plan.rejected, plan.problems.len()),
        (done.rows, done.inserted, done.rejected, done.problems.len())
    );
    assert_eq!(count(&store), done.inserted as usize);
}

#[test]
fn all_or_nothing_and_cancel_leave_the_database_as_it_was() {
    let (_dir, mut store) = temp_store();
    let report = run(&mut store, &data("field_errors.csv"), |s| {
        s.all_or_nothing = true
    });
    assert_eq!((report.rejected, report.committed), (22, false));
    assert_eq!((report.inserted, report.not_written), (0, 3));
    assert_eq!(count(&store), 0);

    let source = Source::open(&data("gbk_title.csv")).unwrap();
    let settings = settings_for(&store, &source);
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let mut progress = |p: &Progress| {
        seen.push(p.rows);
        if p.inserted == 2 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let report = import::commit(
        &mut store,
        &source,
        &settings,
        Control {
            progress: Some(&mut progress),
            cancel: Some(&cancel),
        },
    )
    .unwrap();
    assert!(report.cancelled && !report.committed);
    assert_eq!(seen, [1, 2]);
    assert_eq!(count(&store), 0);
    assert_eq!(
        store
            .connection()
            .query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
            .unwrap(),
        "ok"
    );
}

#[test]
fn rejected_rows_go_to_a_file_that_imports_once_fixed() {
    for ext in ["csv", "xlsx"] {
        let (dir, mut store) = temp_store();
        let rejects = dir.path().join(format!("rejects.{ext}"));
        let report = run(&mut store, &data("field_errors.csv"), |s| {
            s.strict_values = true;
            s.rejects = Some(rejects.clone());
            s.lang = kehu::domain::Lang::Zh;
        });
        assert_eq!(report.rejects_file.as_deref(), Some(rejects.as_path()));
        let source = Source::open(&rejects).unwrap();
        let rows: Vec<_> = source
            .rows(None)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len(), 1 + 23, "{ext}: header + rejected rows");
        assert_eq!(rows[0].cells.last().unwrap(), "error");
        assert_eq!(rows[0].cells[1], "客户名称");
        let tax = rows
            .iter()
            .find(|r| r.cells[1] == "校验位错误有限公司")
            .unwrap();
        assert_eq!(tax.cells[4], "915101006791061187");
        assert!(
            tax.cells.last().unwrap().starts_with("税号: 校验位"),
            "{ext}: {tax:?}"
        );
        // Keep only that row, fix its tax ID, import the rejects file as is.
        let fixed = dir.path().join("fixed.csv");
        let mut w = csv::Writer::from_path(&fixed).unwrap();
        w.write_record(&rows[0].cells).unwrap();
        let mut cells = tax.cells.clone();
        cells[4] = "915101006791061186".into();
        w.write_record(&cells).unwrap();
        w.flush().unwrap();
        let again = run(&mut store, &fixed, |_| {});
        assert_eq!((again.inserted, again.rejected), (1, 0), "{ext}");
    }
}

#[test]
fn undo_removes_inserts_restores_updates_and_refuses_after_later_edits() {
    let (dir, mut store) = temp_store();
    let first = run(&mut store, &data("gbk_title.csv"), |_| {});
    let changes = write(
        dir.path(),
        "changes.csv",
        "客户名称,税号,信用额度,所属行业\n\
         成都市远航医疗器械有限公司,915101006791061186,99000,制造业\n\
         全新客户有限公司,,,\n",
    );
    let second = run(&mut store, &changes, |s| s.policy = Policy::Update);
    assert_eq!((second.updated, second.inserted), (1, 1));
    let batches = store.batches().unwrap();
    assert_eq!(batches.len(), 2);
    assert_eq!((batches[0].inserted, batches[0].updated), (1, 1));
    assert_eq!(batches[0].file_name, "changes.csv");
    assert_eq!(batches[0].file_hash.len(), 64);
    assert_eq!(batches[0].operator, "测试员");
    // An imported customer's creation is audited once, naming its batch;
    // its classification was written (in batches) before the commit.
    let new = store
        .list_customers(&ListFilter {
            search: Some("全新客户".into()),
            ..ListFilter::default()
        })
        .unwrap();
    let history = store.audit_history(new[0].id).unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(
        (history[0].action.as_str(), history[0].field.as_str()),
        ("create", "*")
    );
    let note: serde_json::Value = serde_json::from_str(history[0].new.as_deref().unwrap()).unwrap();
    assert_eq!(note["import_batch"], second.batch.unwrap());
    assert_eq!(note["file"], "changes.csv");
    assert_eq!(history[0].operator, "测试员");
    let first_customer = store.customer("C000002").unwrap().unwrap();
    assert!(!first_customer.data.classification.is_empty());

    let undone = store.undo_batch(second.batch.unwrap()).unwrap();
    assert_eq!((undone.deleted, undone.restored), (1, 1));
    let c1 = store.customer("C000001").unwrap().unwrap();
    assert_eq!(c1.data.credit_limit.map(|m| m.fen()), Some(5_000_000));
    assert_eq!(c1.data.classification["industry"], "批发零售");
    assert_eq!(count(&store), 5);
    let again = store.undo_batch(second.batch.unwrap()).unwrap_err();
    assert!(again.to_string().contains("already undone"), "{again}");

    // A later edit blocks undoing the first batch, naming the customer.
    let mut patch = FieldValues::new();
    patch.insert("contact".into(), "王五".into());
    store.edit_customer("C000002", &patch).unwrap();
    let c2 = store.customer("C000002").unwrap().unwrap();
    let history: Vec<(String, String)> = store
        .audit_history(c2.id)
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.field))
        .collect();
    assert_eq!(
        history,
        [
            ("create".into(), "*".into()),
            ("update".into(), "contact".into())
        ],
        "created by the batch, then edited"
    );
    let refused = store.undo_batch(first.batch.unwrap()).unwrap_err();
    let text = refused.to_string();
    assert!(
        text.contains("C000002 was edited by 测试员") && text.contains("after the import"),
        "{text}"
    );
    assert_eq!(count(&store), 5, "a refused undo changes nothing");
}

#[test]
fn undo_is_refused_for_customers_with_ledger_entries() {
    let (_dir, mut store) = temp_store();
    let batch = run(&mut store, &data("utf16.txt"), |_| {}).batch.unwrap();
    // A receipt needs no credit room, so it is accepted whatever the imported limit.
    let receipt = kehu::domain::ledger::EntryInput {
        kind: "receipt".into(),
        date: "2026-11-01".into(),
        doc_no: "SK-001".into(),
        amount: "100".into(),
        ..Default::default()
    };
    store
        .add_entry("C000002", &receipt, &kehu::store::AddOptions::default())
        .unwrap();
    let err = store.undo_batch(batch).unwrap_err().to_string();
    assert!(err.contains("C000002 has ledger entries"), "{err}");
    assert_eq!(count(&store), 3);
}

#[test]
fn a_backup_is_kept_before_each_commit_the_newest_ten() {
    let (dir, mut store) = temp_store();
    for i in 0..12 {
        // A new customer each time: a run that writes nothing takes no backup.
        let file = write(
            dir.path(),
            &format!("new{i}.csv"),
            &format!("客户名称\n备份测试{i}号商贸有限公司\n"),
        );
        let report = run(&mut store, &file, |_| {});
        assert!(report.backup.as_ref().is_some_and(|b| b.exists()));
    }
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .collect();
    assert_eq!(backups.len(), 10);
    // The oldest kept copy was taken after the first import: it holds its rows.
    let mut names: Vec<PathBuf> = backups.into_iter().map(|e| e.unwrap().path()).collect();
    names.sort();
    let oldest = Store::open(&names[0]).unwrap();
    assert_eq!(oldest.customer_count().unwrap(), 2);
}

#[test]
fn a_saved_mapping_is_reused_by_name() {
    let (dir, mut store) = temp_store();
    let odd = write(
        dir.path(),
        "odd.csv",
        "甲,乙,丙\n华强电子有限公司,914403001922038216,张三\n",
    );
    let source = Source::open(&odd).unwrap();
    let catalog = store.catalog().unwrap();
    let layout = import::layout(&source, None, Some(1), &catalog).unwrap();
    let mut mapping = Mapping::auto(&layout.headers, &catalog);
    assert_eq!(mapping.mapped_count(), 0);
    mapping
        .apply_spec("甲=name,乙=税号,丙=联系人", &catalog)
        .unwrap();
    store.save_mapping("销售部", &mapping.to_saved()).unwrap();
    assert_eq!(store.mapping_names().unwrap(), ["销售部"]);

    let mut reused = Mapping::auto(&layout.headers, &catalog);
    reused.apply_saved(&store.mapping("销售部").unwrap(), &catalog);
    let settings = Settings::new(&layout, reused);
    let report = import::commit(&mut store, &source, &settings, Control::default()).unwrap();
    assert_eq!(report.inserted, 1);
    let c = store.customer("C000001").unwrap().unwrap();
    assert_eq!(
        (c.data.tax_id.as_str(), c.data.contact.as_str()),
        ("914403001922038216", "张三")
    );
}

#[test]
fn the_template_maps_itself_and_imports_its_example() {
    for ext in ["csv", "xlsx"] {
        let (dir, mut store) = temp_store();
        let path = dir.path().join(format!("模板.{ext}"));
        import::write_template(&path, &store.catalog().unwrap()).unwrap();
        let source = Source::open(&path).unwrap();
        let settings = settings_for(&store, &source);
        assert_eq!(
            settings.mapping.mapped_count(),
            settings.mapping.headers.len(),
            "{ext}: every template column maps"
        );
        let report = import::commit(&mut store, &source, &settings, Control::default()).unwrap();
        // Imported as it is, the template's example row is recognised: nothing is imported.
        let example = if ext == "csv" { 3 } else { 2 };
        assert_eq!(
            (
                report.rows,
                report.inserted,
                report.rejected,
                report.example_row
            ),
            (0, 0, 0, Some(example)),
            "{ext}: {:#?}",
            report.problems
        );
        if ext == "xlsx" {
            assert_eq!(source.sheets(), ["客户", "说明"]);
        }
    }
}

#[test]
fn export_then_import_into_an_empty_database_gives_the_same_customers() {
    for ext in ["csv", "xlsx"] {
        let (dir, mut store) = temp_store();
        kehu::demo::load(&mut store).unwrap();
        store
            .set_status("C000003", kehu::domain::customer::Status::Archived)
            .unwrap();
        let out = dir.path().join(format!("customers.{ext}"));
        let exported = import::export(&store, &out).unwrap();
        assert!(exported > 150);
        if ext == "csv" {
            assert!(std::fs::read(&out).unwrap().starts_with(b"\xef\xbb\xbf"));
        }
        let other_dir = tempfile::tempdir().unwrap();
        let mut other = Store::open(&other_dir.path().join("empty.db")).unwrap();
        let report = run(&mut other, &out, |_| {});
        assert_eq!(
            (report.inserted as usize, report.rejected, report.skipped),
            (exported, 0, 0),
            "{ext}: {:#?}",
            report
                .problems
                .iter()
                .filter(|p| p.severity == kehu::domain::Severity::Error)
                .collect::<Vec<_>>()
        );
        let list = |s: &Store| {
            s.list_customers(&ListFilter {
                include_archived: true,
                ..ListFilter::default()
            })
            .unwrap()
            .into_iter()
            .map(|c| c.data)
            .collect::<Vec<_>>()
        };
        assert_eq!(list(&store), list(&other), "{ext}");
    }
}

#[test]
fn a_code_typed_in_the_file_is_skipped_by_the_codes_given_to_later_rows() {
    // Regression: the third row used to be given C000002, which the second
    // row had typed, and the whole import failed on the UNIQUE index.
    let (dir, mut store) = temp_store();
    let file = write(
        dir.path(),
        "codes.csv",
        "客户名称,客户编码\n甲公司,\n乙公司,C000002\n丙公司,\n丁公司,\n",
    );
    let report = run(&mut store, &file, |_| {});
    assert_eq!((report.inserted, report.rejected), (4, 0));
    let codes: Vec<(String, String)> = store
        .list_customers(&ListFilter::default())
        .unwrap()
        .into_iter()
        .map(|c| (c.data.code, c.data.name))
        .collect();
    for (code, name) in [
        ("C000001", "甲公司"),
        ("C000002", "乙公司"),
        ("C000003", "丙公司"),
        ("C000004", "丁公司"),
    ] {
        assert!(
            codes.contains(&(code.to_string(), name.to_string())),
            "{code} {name} in {codes:?}"
        );
    }
}

#[test]
fn a_batch_recorded_before_id_ranges_is_undone_from_its_create_rows() {
    // Batches written before migration 006 have no id range: their creates
    // are audit rows, one per customer. Made here from a new batch by hand.
    let (dir, mut store) = temp_store();
    let batch = run(&mut store, &data("gbk_title.csv"), |_| {})
        .batch
        .unwrap();
    {
        let conn = rusqlite::Connection::open(dir.path().join("kehu.db")).unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO audit (customer_id, customer_code, action, field, new, operator, at)
             SELECT id, code, 'create', '*', '{{}}', 'old', created_at FROM customer ORDER BY id;
             UPDATE import_batch SET first_customer_id = NULL, last_customer_id = NULL,
                 audit_last = (SELECT MAX(id) FROM audit) WHERE id = {batch};"
        ))
        .unwrap();
    }
    let undone = store.undo_batch(batch).unwrap();
    assert_eq!((undone.deleted, undone.restored), (5, 0));
    assert_eq!(count(&store), 0);
}

#[test]
fn a_row_repeating_a_written_row_is_caught_after_an_earlier_repeat_was_rejected() {
    // Rows are matched with each other on the reading thread; the first row
    // with tax ID T is rejected (its code belongs to another customer), so
    // the row to compare with is the second, and the third repeats it.
    let (dir, mut store) = temp_store();
    let tax = |i| kehu::synth::customer_values(i)["tax_id"].clone();
    let mut owner = FieldValues::new();
    owner.insert("name".into(), "已有客户有限公司".into());
    owner.insert("code".into(), "K1".into());
    owner.insert("tax_id".into(), tax(1));
    store.add_customer(&owner, None).unwrap();
    let t = tax(2);
    let file = write(
        dir.path(),
        "repeats.csv",
        &format!("客户名称,客户编码,税号\n甲公司,K1,{t}\n乙贸易公司,,{t}\n丙科技公司,,{t}\n"),
    );
    let report = run(&mut store, &file, |_| {});
    assert_eq!(
        (report.inserted, report.rejected, report.skipped),
        (1, 1, 1),
        "{:?}",
        report.problems
    );
    let in_file = report
        .problems
        .iter()
        .find(|p| p.code == "import.duplicate_in_file")
        .expect("the third row is a repeat");
    assert_eq!(in_file.row, 4);
    assert!(
        in_file
            .message
            .get(kehu::domain::Lang::En)
            .contains("row 3"),
        "{in_file:?}"
    );
    assert_eq!(count(&store), 2);
}

fn tax(i: u64) -> String {
    kehu::synth::customer_values(i)["tax_id"].clone()
}

#[test]
fn a_row_repeating_an_earlier_row_follows_the_policy() {
    let (dir, mut store) = temp_store();
    let (t1, t2) = (tax(11), tax(12));
    let file = write(
        dir.path(),
        "repeats.csv",
        &format!(
            "客户名称,税号,联系人\n甲贸易有限公司,{t1},张三\n乙科技有限公司,{t2},李四\n\
             甲贸易有限公司（总部）,{t1},王五\n"
        ),
    );
    // Update: the later row updates what the earlier one inserted.
    let report = run(&mut store, &file, |s| s.policy = Policy::Update);
    assert_eq!(
        (
            report.inserted,
            report.updated,
            report.skipped,
            report.rejected
        ),
        (2, 1, 0, 0),
        "{:?}",
        report.problems
    );
    assert_eq!(report.duplicates[0].earlier_row, Some(2));
    let list = store.list_customers(&ListFilter::default()).unwrap();
    let first = list.iter().find(|c| c.data.tax_id == t1).unwrap();
    assert_eq!(
        (first.data.name.as_str(), first.data.contact.as_str()),
        ("甲贸易有限公司（总部）", "王五")
    );
    // Stop: nothing is written, and the counts say so.
    let (_dir2, mut fresh) = temp_store();
    let report = run(&mut fresh, &file, |s| s.policy = Policy::Stop);
    assert_eq!(report.stopped_at, Some(4));
    assert_eq!(
        (report.inserted, report.not_written, report.committed),
        (0, 2, false)
    );
    assert_eq!(count(&fresh), 0);
    // Skip (the default): reported as a duplicate of row 2, never by a code.
    let report = run(&mut fresh, &file, |_| {});
    let d = &report.duplicates[0];
    assert_eq!(
        (d.row, d.earlier_row, d.existing.code.as_str()),
        (4, Some(2), "")
    );
    let warning = report.problems.iter().find(|p| p.row == 4).unwrap();
    assert_eq!(warning.code, "import.duplicate_in_file");
    assert!(
        warning.message.en.contains("row 2 of this file"),
        "{warning:?}"
    );
    assert!(!warning.message.en.contains("C0000"), "{warning:?}");
    assert_eq!((report.duplicate_rows, count(&fresh)), (1, 2));
}

#[test]
fn new_classification_values_are_listed_once_and_added_mapped_emptied_or_refused() {
    let (dir, mut store) = temp_store();
    let file = write(
        dir.path(),
        "values.csv",
        &format!(
            "客户名称,税号,所属行业,所属地区\n甲五金有限公司,{},五金批发,华南\n\
             乙五金有限公司,{},五金批发,港澳台\n丙贸易有限公司,{},批发零售,\n\
             丁五金有限公司,{},五金批发,\n",
            tax(21),
            tax(22),
            tax(23),
            tax(24)
        ),
    );
    let industry = |store: &Store| -> Vec<String> {
        let catalog = store.catalog().unwrap();
        let dim = catalog.dimension("industry").unwrap();
        dim.values.iter().map(|v| v.name.clone()).collect()
    };
    // A dry run lists each new value once and adds nothing.
    let source = Source::open(&file).unwrap();
    let settings = settings_for(&store, &source);
    let plan = import::plan(&mut store, &source, &settings, Control::default()).unwrap();
    let listed: Vec<(&str, &str, u64, u64, &str)> = plan
        .new_values
        .iter()
        .map(|v| {
            (
                v.dimension.as_str(),
                v.value.as_str(),
                v.first_row,
                v.rows,
                v.action,
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("industry", "五金批发", 2, 3, "added"),
            ("region", "港澳台", 3, 1, "added")
        ]
    );
    let warnings = plan
        .problems
        .iter()
        .filter(|p| p.code == "classification.new_value")
        .count();
    assert_eq!((warnings, plan.inserted, plan.rejected), (2, 4, 0));
    assert!(!industry(&store).contains(&"五金批发".to_string()));

    // Strict: refused as before, row by row.
    let report = run(&mut store, &file, |s| s.strict_values = true);
    assert_eq!((report.inserted, report.rejected), (1, 3));
    assert_eq!(report.new_values[0].action, "refused");
    assert_eq!(count(&store), 1);

    // The wizard's choices: 五金批发 read as 批发零售, 港澳台 left empty.
    let (_d, mut other) = temp_store();
    let report = run(&mut other, &file, |s| {
        s.value_choices.insert(
            ("industry".into(), "五金批发".into()),
            ValueChoice::MapTo("批发零售".into()),
        );
        s.value_choices
            .insert(("region".into(), "港澳台".into()), ValueChoice::Empty);
    });
    assert_eq!((report.inserted, report.rejected), (4, 0));
    let customers = other.list_customers(&ListFilter::default()).unwrap();
    assert!(
        customers
            .iter()
            .all(|c| c.data.classification.get("industry") == Some(&"批发零售".to_string()))
    );
    let yi = customers
        .iter()
        .find(|c| c.data.name == "乙五金有限公司")
        .unwrap();
    assert_eq!(yi.data.classification.get("region"), None);
    assert!(!industry(&other).contains(&"五金批发".to_string()));

    // By default the value is added, in the import's transaction.
    let (_d, mut third) = temp_store();
    let report = run(&mut third, &file, |_| {});
    assert_eq!((report.inserted, report.rejected), (4, 0));
    assert!(industry(&third).contains(&"五金批发".to_string()));
    let customers = third.list_customers(&ListFilter::default()).unwrap();
    let ding = customers
        .iter()
        .find(|c| c.data.name == "丁五金有限公司")
        .unwrap();
    assert_eq!(
        ding.data.classification.get("industry"),
        Some(&"五金批发".to_string())
    );
}

#[test]
fn an_all_or_nothing_refusal_reports_nothing_inserted() {
    let (dir, mut store) = temp_store();
    let file = write(
        dir.path(),
        "some_bad.csv",
        &format!(
            "客户名称,税号\n甲有限公司,{}\n乙有限公司,{}\n,{}\n",
            tax(31),
            tax(32),
            tax(33)
        ),
    );
    let report = run(&mut store, &file, |s| s.all_or_nothing = true);
    assert_eq!(
        (
            report.inserted,
            report.updated,
            report.not_written,
            report.rejected
        ),
        (0, 0, 2, 1)
    );
    assert!(!report.committed);
    assert_eq!(count(&store), 0);
}

#[test]
fn every_row_is_counted_by_what_it_is_and_similar_names_once_per_row() {
    let (dir, mut store) = temp_store();
    let file = write(
        dir.path(),
        "mixed.csv",
        &format!(
            "客户名称,税号\n深圳市甲电子有限公司,{}\n深圳市甲电子股份有限公司,{}\n\
             乙有限公司,{}\n乙有限公司,{}\n丙有限公司,\n",
            tax(41),
            tax(42),
            tax(43),
            tax(43)
        ),
    );
    let report = run(&mut store, &file, |_| {});
    assert_eq!(
        (report.rows, report.inserted, report.skipped),
        (5, 4, 1),
        "{:?}",
        report.problems
    );
    assert_eq!((report.duplicate_rows, report.warned_rows), (1, 1));
    assert_eq!(report.similar_name_rows, 1);
    let similar = report
        .problems
        .iter()
        .find(|p| p.code == "name.similar")
        .unwrap();
    assert_eq!(similar.row, 3);
    assert!(
        similar.message.en.contains("row 2 of this file"),
        "{similar:?}"
    );
}

/// A lookalike is named only when its row was written: an earlier row
/// skipped as a repeat is no customer to compare with; the one it repeats is.
#[test]
fn similar_names_point_only_at_rows_that_were_written() {
    let (dir, mut store) = temp_store();
    let file = write(
        dir.path(),
        "lookalikes.csv",
        &format!(
            "客户名称,税号\n深圳市甲电子有限公司,{}\n深圳市甲电子有限公司,{}\n\
             深圳市甲电子有限责任公司,{}\n",
            tax(51),
            tax(51),
            tax(52)
        ),
    );
    let report = run(&mut store, &file, |_| {});
    assert_eq!(
        (report.rows, report.inserted, report.skipped),
        (3, 2, 1),
        "{:?}",
        report.problems
    );
    let similar: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.code == "name.similar")
        .collect();
    assert_eq!(similar.len(), 1, "{similar:?}");
    assert_eq!(similar[0].row, 4);
    assert!(
        similar[0].message.en.contains("row 2 of this file")
            && !similar[0].message.en.contains('3'),
        "{similar:?}"
    );
}

/// The refusal's reasons are messages too: in Chinese, no English inside.
#[test]
fn an_undo_refusal_reads_in_chinese_whole() {
    let (_dir, mut store) = temp_store();
    let batch = run(&mut store, &data("utf16.txt"), |_| {}).batch.unwrap();
    let receipt = kehu::domain::ledger::EntryInput {
        kind: "receipt".into(),
        date: "2026-11-01".into(),
        doc_no: "SK-001".into(),
        amount: "100".into(),
        ..Default::default()
    };
    store
        .add_entry("C000002", &receipt, &kehu::store::AddOptions::default())
        .unwrap();
    store.set_operator("会计小李");
    let mut changes = FieldValues::new();
    changes.insert("contact".into(), "李四".into());
    store.edit_customer("C000001", &changes).unwrap();
    let err = store.undo_batch(batch).unwrap_err();
    let zh = err.message().text(kehu::domain::Lang::Zh);
    assert!(zh.contains("C000002 已有往来账分录"), "{zh}");
    assert!(zh.contains("C000001 在导入后由 会计小李"), "{zh}");
    assert!(zh.contains("；"), "reasons joined the Chinese way: {zh}");
    assert!(
        !zh.contains("has ledger") && !zh.contains("edited by"),
        "{zh}"
    );
    assert_eq!(count(&store), 3);
}
