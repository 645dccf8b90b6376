//! Our company's screen (`C` from the list): shown, edited in one dialog,
//! checked like a customer (a bad tax ID keeps the dialog and saves nothing),
//! saved to the database file; snapshots in both languages.

#[path = "support/tui_support.rs"]
mod support;

use crossterm::event::KeyCode;
use kehu::domain::Lang;
use kehu::store::Store;
use support::*;

const NAME: &str = "杭州西湖贸易有限公司";
const TAX_ID: &str = "91330106MA27XX8F0G";

#[test]
fn our_company_is_edited_checked_and_saved() {
    let (dir, store) = sample_store();
    let mut app = app(store, Lang::Zh);
    typed(&mut app, "C");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("本公司信息"), "{text}");
    assert!(text.contains("尚未设置"), "{text}");

    typed(&mut app, "e");
    focus(&mut app, "CompanyName");
    typed(&mut app, NAME);
    focus(&mut app, "CompanyTaxId");
    typed(&mut app, "91330106MA27XX8F0X");
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("纳税人识别号"), "the dialog stays: {text}");
    assert!(text.contains("错误"), "{text}");
    let db = dir.path().join("kehu.db");
    assert_eq!(Store::open(&db).unwrap().company().unwrap().name, "");

    focus(&mut app, "CompanyTaxId");
    ctrl(&mut app, 'u');
    typed(&mut app, TAX_ID);
    focus(&mut app, "CompanyAccount");
    typed(&mut app, "1202021209900012345");
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("本公司信息已保存"), "{text}");
    assert!(text.contains(NAME) && text.contains(TAX_ID), "{text}");
    let saved = Store::open(&db).unwrap().company().unwrap();
    assert_eq!(
        (
            saved.name.as_str(),
            saved.tax_id.as_str(),
            saved.bank_account.as_str()
        ),
        (NAME, TAX_ID, "1202021209900012345")
    );
}

#[test]
fn our_company_screen_snapshots() {
    for (lang, tag) in [(Lang::En, "en"), (Lang::Zh, "zh")] {
        let (_dir, mut store) = sample_store();
        let values = [
            ("name", NAME),
            ("tax_id", TAX_ID),
            ("address", "杭州市西湖区文三路100号"),
            ("phone", "0571-88886666"),
            ("bank_name", "中国工商银行杭州文三路支行"),
            ("bank_account", "1202021209900012345"),
            ("contact", "王会计"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        store.set_company(&values).unwrap();
        let mut app = app(store, lang);
        typed(&mut app, "C");
        insta::assert_snapshot!(format!("company_{tag}_80x24"), screen(&mut app, 80, 24));
    }
}
