use super::*;
use crate::domain::field::Field;
use crate::import::mapping::{Mapping, Target};
use crate::import::{Layout, RowProblem};
use crate::store::Store;

/// Past the problems a report keeps, a similar-name warning is counted as
/// before (row, warning, omitted) but its text is never built.
#[test]
fn past_the_kept_problems_a_similar_name_is_counted_without_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("k.db")).unwrap();
    let mut bulk = store.bulk_insert().unwrap();
    let headers = vec!["name".to_string()];
    let layout = Layout {
        sheet: None,
        header_row: 1,
        headers: headers.clone(),
        preview: Vec::new(),
    };
    let mapping = Mapping {
        headers,
        targets: vec![Target::Field(Field::Name)],
    };
    let settings = Settings::new(&layout, mapping);
    let mut pass = Pass::new(&mut bulk, &settings, Report::default()).unwrap();

    let kept = pass.similar(&[2, 5]);
    assert_eq!(
        kept,
        similar_rows(&[2, 5]),
        "text built while problems are kept"
    );
    let filler = RowProblem {
        row: 1,
        column: "name".into(),
        field: "name".into(),
        severity: Severity::Warning,
        code: "name.similar",
        message: kept.message.clone(),
    };
    pass.report.problems = vec![filler; MAX_PROBLEMS];

    let counted = pass.similar(&[2, 5]);
    assert_eq!(
        (counted.code, counted.field.as_str(), counted.severity),
        ("name.similar", "name", Severity::Warning)
    );
    assert!(counted.message.en.is_empty() && counted.message.zh.is_empty());
    let mut problems = Problems::default();
    problems.push(counted);
    pass.note(&Row::of(9, &["深圳市华强电子有限公司"], &[]), &problems);
    let r = &pass.report;
    assert_eq!(
        (
            r.similar_name_rows,
            r.warnings,
            r.problems_omitted,
            r.problems.len()
        ),
        (1, 1, 1, MAX_PROBLEMS)
    );
}
