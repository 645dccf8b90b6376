//! The form's fields, built from the core's field table and the
//! classification catalog, and the text editing inside one field.

use crossterm::event::KeyEvent;

use crate::domain::Lang;
use crate::domain::classification::Catalog;
use crate::domain::customer::{InvoiceType, Kind, Settlement, TaxRate};
use crate::domain::field::{Field, FieldValues, Group};
use crate::domain::mnemonic::mnemonic;
use crate::tui::i18n::Msg;
use crate::tui::widgets::input::LineInput;
use crate::tui::widgets::picker::Item;

/// Form groups: the core's field groups, with classification before notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Fields(Group),
    Classification,
}

impl Section {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Section::Fields(g) => g.label(lang),
            Section::Classification => Msg::Classification.get(lang),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Entry {
    /// Field key, or a classification dimension code.
    pub key: String,
    pub label: String,
    pub section: Section,
    /// For choice fields: what the picker offers (value = the stored key).
    pub choices: Option<Vec<Item>>,
    /// The text and its cursor (for a choice, the stored key).
    input: LineInput,
}

impl Entry {
    fn text(key: &str, label: &str, section: Section) -> Entry {
        Entry {
            key: key.to_string(),
            label: label.to_string(),
            section,
            choices: None,
            input: LineInput::default(),
        }
    }

    /// The value as shown: a choice's label, else the text.
    pub fn shown(&self) -> &str {
        let value = self.value();
        match &self.choices {
            Some(items) => items
                .iter()
                .find(|i| i.value == value && !i.value.is_empty())
                .map_or(value, |i| i.label.as_str()),
            None => value,
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// Replaces the text, cursor at the end.
    pub fn set(&mut self, value: String) {
        self.input.set(value);
    }

    /// An editing key (the app's line editor); true when the text changed.
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        self.input.edit(key)
    }

    /// What fits in `width` columns with the cursor in view, and the
    /// cursor's column in it.
    pub fn window(&self, width: usize) -> (&str, usize) {
        self.input.window(width)
    }
}

/// A choice in the picker, also found by the other language's label, its
/// short names (专票) and their pinyin initials (`zp`).
fn choice_item(key: &str, label: &str, other_label: &str, aliases: &[&str]) -> Item {
    let mut words: Vec<String> = vec![other_label.to_string()];
    for alias in aliases {
        words.push(alias.to_string());
        words.push(mnemonic(alias));
    }
    Item::new(key, label).also_matching(&words.join("\u{1}"))
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::En => Lang::Zh,
        Lang::Zh => Lang::En,
    }
}

/// Every field of the form in order. Status is left out: it changes with
/// archive / hold / unarchive, which are audited as status changes.
pub fn build(catalog: &Catalog, values: &FieldValues, lang: Lang) -> Vec<Entry> {
    let none = || Item::new("", Msg::NoneValue.get(lang));
    let mut entries = Vec::new();
    for field in Field::ALL.iter().filter(|f| **f != Field::Status) {
        if *field == Field::Notes {
            push_classification(&mut entries, catalog, values, lang);
        }
        let mut entry = Entry::text(
            field.key(),
            field.label(lang),
            Section::Fields(field.group()),
        );
        entry.choices = match field {
            Field::Kind => Some(
                Kind::ALL
                    .iter()
                    .map(|k| choice_item(k.key(), k.label(lang), k.label(other(lang)), k.aliases()))
                    .collect(),
            ),
            Field::InvoiceType => Some(
                std::iter::once(none())
                    .chain(InvoiceType::ALL.iter().map(|k| {
                        choice_item(k.key(), k.label(lang), k.label(other(lang)), k.aliases())
                    }))
                    .collect(),
            ),
            Field::Settlement => Some(
                std::iter::once(none())
                    .chain(Settlement::ALL.iter().map(|k| {
                        choice_item(k.key(), k.label(lang), k.label(other(lang)), k.aliases())
                    }))
                    .collect(),
            ),
            Field::TaxRate => Some(
                std::iter::once(none())
                    .chain(TaxRate::all().map(|r| Item::new(r.to_string(), r.to_string())))
                    .collect(),
            ),
            _ => None,
        };
        let raw = values.get(field.key()).cloned().unwrap_or_default();
        entry.set(normalise_choice(*field, raw));
        entries.push(entry);
    }
    entries
}

fn push_classification(
    entries: &mut Vec<Entry>,
    catalog: &Catalog,
    values: &FieldValues,
    lang: Lang,
) {
    for dim in catalog.dimensions.iter().filter(|d| !d.retired) {
        let current = values.get(&dim.code).cloned().unwrap_or_default();
        let mut items = vec![Item::new("", Msg::NoneValue.get(lang))];
        // A retired value stays selectable on the customer that has it.
        items.extend(
            dim.values
                .iter()
                .filter(|v| !v.retired || v.name == current)
                .map(|v| Item::new(v.name.clone(), v.name.clone())),
        );
        let mut entry = Entry::text(&dim.code, dim.label(lang), Section::Classification);
        entry.choices = Some(items);
        entry.set(current);
        entries.push(entry);
    }
}

/// Template values may use aliases (专票, 13): store the canonical key so the
/// picker shows which one is chosen. Unknown text is kept for validation to flag.
fn normalise_choice(field: Field, raw: String) -> String {
    let key = match field {
        Field::Kind => Kind::parse(&raw).map(|v| v.key().to_string()),
        Field::InvoiceType => InvoiceType::parse(&raw).map(|v| v.key().to_string()),
        Field::Settlement => Settlement::parse(&raw).map(|v| v.key().to_string()),
        Field::TaxRate => TaxRate::parse(&raw).map(|v| v.to_string()),
        _ => None,
    };
    key.unwrap_or(raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn editing_works_on_characters_not_bytes() {
        let mut e = Entry::text("name", "Name", Section::Classification);
        let press = |e: &mut Entry, code| e.edit(&KeyEvent::new(code, KeyModifiers::NONE));
        for c in "华强".chars() {
            press(&mut e, KeyCode::Char(c));
        }
        press(&mut e, KeyCode::Left);
        press(&mut e, KeyCode::Char('X'));
        assert_eq!(e.value(), "华X强");
        assert_eq!(e.window(80), ("华X强", 3));
        assert!(press(&mut e, KeyCode::Backspace));
        press(&mut e, KeyCode::End);
        assert!(press(&mut e, KeyCode::Backspace));
        assert_eq!(e.value(), "华");
        assert!(!press(&mut e, KeyCode::Delete));
        // A Ctrl chord edits, it never types its letter.
        assert!(!e.edit(&KeyEvent::new(KeyCode::Char('e'), KeyModifiers::CONTROL)));
        assert!(e.edit(&KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL)));
        assert_eq!(e.value(), "");
    }

    #[test]
    fn template_aliases_become_choice_keys() {
        let values: FieldValues = [
            ("invoice_type", "专票"),
            ("tax_rate", "13"),
            ("kind", "个人"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let entries = build(&Catalog::default(), &values, Lang::Zh);
        let get = |k: &str| entries.iter().find(|e| e.key == k).unwrap();
        assert_eq!(get("invoice_type").value(), "special");
        assert_eq!(get("invoice_type").shown(), "增值税专用发票");
        assert_eq!(get("tax_rate").value(), "13%");
        assert_eq!(get("kind").value(), "individual");
        assert!(entries.iter().all(|e| e.key != "status"));
    }
}
