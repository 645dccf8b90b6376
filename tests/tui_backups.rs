//! The backups screen (`B` from the list) on a real database file: `b`
//! takes a checked backup, Enter restores the selected one after a
//! confirmation, and the list shows what the backup held.

#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use kehu::domain::Lang;
use kehu::store::Store;
use support::*;

#[test]
fn a_backup_taken_in_the_app_restores_the_customers_it_held() {
    let (dir, store) = sample_store();
    let db = dir.path().join("kehu.db");
    let before = store.customer_count().unwrap();
    let mut app = app(store, Lang::En);
    typed(&mut app, "B");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Backups (0)"), "{text}");
    typed(&mut app, "b");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Backups (1)"), "{text}");
    assert!(text.contains("Backup written and checked"), "{text}");
    let backups = kehu::store::list_backups(&db);
    assert_eq!(backups.len(), 1);
    kehu::store::check_backup(&backups[0].path).unwrap();

    // A customer added elsewhere after the backup.
    let mut other = Store::open(&db).unwrap();
    other
        .add_customer(&values(&[("name", "宁波市万嘉运输有限公司")]), None)
        .unwrap();
    assert_eq!(other.customer_count().unwrap(), before + 1);

    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Restore this backup?"), "{text}");
    typed(&mut app, "n");
    assert_eq!(other.customer_count().unwrap(), before + 1);
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "y");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Restored from"), "{text}");
    assert_eq!(other.customer_count().unwrap(), before);
    // The database as it was before the restore is now the newest backup.
    assert!(text.contains("Backups (2)"), "{text}");
    key(&mut app, KeyCode::Esc);
    let text = screen(&mut app, 80, 24);
    assert!(!text.contains("宁波市万嘉"), "{text}");
}
