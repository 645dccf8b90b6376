//! `kehu settings company [--name …]`: shows our company; options given
//! change those fields (checked like a customer's) and show the result.

use super::args::{CompanyArgs, Format};
use super::{CliResult, output};
use crate::domain::company::{Company, KEYS};
use crate::domain::field::{Field, FieldValues};
use crate::messages::Message;
use crate::store::Store;

pub fn run(store: &mut Store, args: &CompanyArgs) -> CliResult {
    let changes = changes(args);
    let company = if changes.is_empty() {
        store.company()?
    } else {
        let saved = store.set_company(&changes)?;
        output::note!("{}", super::render(Message::new("company.saved")));
        saved
    };
    show(&company, args.format.format)
}

fn changes(args: &CompanyArgs) -> FieldValues {
    [
        ("name", &args.name),
        ("tax_id", &args.tax_id),
        ("address", &args.address),
        ("phone", &args.phone),
        ("bank_name", &args.bank_name),
        ("bank_account", &args.bank_account),
        ("contact", &args.contact),
        ("seal", &args.seal),
    ]
    .into_iter()
    .filter_map(|(key, value)| value.as_ref().map(|v| (key.to_string(), v.clone())))
    .collect()
}

fn show(company: &Company, format: Format) -> CliResult {
    match format {
        Format::Json => output::raw(&output::to_json(company)?)?,
        Format::Csv | Format::Table => {
            if !company.is_set() {
                output::note!("{}", super::render(Message::new("company.not_set")));
            }
            let rows: Vec<Vec<String>> = KEYS
                .iter()
                .map(|(key, field)| vec![label(key, *field), company.get(key)])
                .collect();
            let field = super::render(Message::new("company.field"));
            let value = super::render(Message::new("company.value"));
            output::text(&output::table(&[&field, &value], &rows))?;
        }
    }
    Ok(())
}

fn label(key: &str, field: Option<Field>) -> String {
    match field {
        Some(Field::Name) => super::render(Message::new("company.name")),
        Some(Field::RegisteredAddress) => super::render(Message::new("company.address")),
        Some(field) => field.label(super::lang()).to_string(),
        None if key == "seal" => super::render(Message::new("company.seal")),
        None => key.to_string(),
    }
}
