//! `kehu customer …`

use crate::messages::Message;
use serde::Serialize;

use super::args::CustomerCmd;
use super::{Cli, CliResult, Failure, Format, open_store, output};
use crate::domain::customer::{Customer, Status};
use crate::domain::field::{Field, FieldValues};
use crate::domain::{Lang, Problems};
use crate::store::{AuditEntry, ListFilter};

pub fn run(cli: &Cli, cmd: &CustomerCmd) -> CliResult {
    let mut store = open_store(cli)?;
    match cmd {
        CustomerCmd::Add {
            name,
            tax_id,
            template,
            fields,
            format,
        } => {
            let mut values = parse_fields(fields)?;
            values.insert("name".into(), name.clone());
            if let Some(id) = tax_id {
                values.insert("tax_id".into(), id.clone());
            }
            let saved = store.add_customer(&values, template.as_deref())?;
            warn(&saved.warnings);
            print_one(&saved.customer, format.format, super::import::lang(cli))
        }
        CustomerCmd::Edit {
            code,
            fields,
            format,
        } => {
            let saved = store.edit_customer(code, &parse_fields(fields)?)?;
            warn(&saved.warnings);
            print_one(&saved.customer, format.format, super::import::lang(cli))
        }
        CustomerCmd::List {
            search,
            status,
            all,
            class,
            format,
        } => {
            let status = match status {
                Some(s) => Some(Status::parse(s).ok_or_else(|| {
                    Failure::usage_msg(Message::new("customer.unknown_status").with("status", s))
                })?),
                None => None,
            };
            let mut customers = store.list_customers(&ListFilter {
                search: search.clone(),
                status,
                include_archived: *all,
            })?;
            for filter in class {
                let (by, value) = super::stats::class_arg(&store, filter)?;
                let held = store.class_of_customers(&by, super::ledger::today())?;
                customers.retain(|c| {
                    held.get(&c.id).unwrap_or(&crate::store::ClassValue::None) == &value
                });
            }
            print_list(&customers, format.format, super::import::lang(cli))
        }
        CustomerCmd::Show { code, format } => {
            let customer = store.customer(code)?.ok_or_else(|| {
                Failure::data_msg(Message::new("customer.not_found").with("code", code))
            })?;
            let audit = store.audit_history(customer.id)?;
            if let Some(into) = store.merged_into(customer.id)? {
                output::tell(
                    Message::new("customer.merged_note")
                        .with("code", &customer.data.code)
                        .with("into", into),
                );
            }
            print_detail(&customer, &audit, format.format, super::import::lang(cli))
        }
        CustomerCmd::Archive { code } => status_change(&mut store, code, Status::Archived),
        CustomerCmd::Unarchive { code } => status_change(&mut store, code, Status::Active),
        CustomerCmd::Hold { code } => status_change(&mut store, code, Status::OnHold),
        CustomerCmd::Merge {
            keep,
            drop,
            fields,
            reason,
            undo,
        } => merge(&mut store, keep, drop, fields, reason.as_deref(), *undo),
        CustomerCmd::Delete { code } => {
            store.delete_customer(code)?;
            output::say(Message::new("customer.deleted").with("code", code.to_ascii_uppercase()))?;
            Ok(())
        }
    }
}

fn merge(
    store: &mut crate::store::Store,
    keep: &Option<String>,
    drop: &Option<String>,
    fields: &[String],
    reason: Option<&str>,
    undo: Option<i64>,
) -> CliResult {
    if let Some(id) = undo {
        let u = store.undo_merge(id)?;
        output::say(
            Message::new("customer.unmerged")
                .with("merge", u.id)
                .with("entries", u.entries)
                .with("sessions", u.sessions)
                .with("keep", &u.kept_code)
                .with("drop", &u.dropped_code),
        )?;
        return Ok(());
    }
    let (Some(keep), Some(drop)) = (keep, drop) else {
        return Err(Failure::usage_msg(Message::new("merge.needs_codes")));
    };
    let m = store.merge_customers(keep, drop, fields, reason)?;
    output::say(
        Message::new("customer.merged")
            .with("drop", &m.dropped_code)
            .with("keep", &m.kept.data.code)
            .with("name", &m.kept.data.name)
            .with("merge", m.id)
            .with("entries", m.entries)
            .with("sessions", m.sessions),
    )?;
    Ok(())
}

fn status_change(store: &mut crate::store::Store, code: &str, status: Status) -> CliResult {
    let c = store.set_status(code, status)?;
    output::say(
        Message::new("customer.status_set")
            .with("code", &c.data.code)
            .with("name", &c.data.name)
            .with("status", status.label(crate::cli::lang())),
    )?;
    Ok(())
}

/// `key=value` pairs into field values. Keys may be field keys, their
/// Chinese or English labels, or classification dimensions.
pub fn parse_fields(pairs: &[String]) -> Result<FieldValues, Failure> {
    let mut values = FieldValues::new();
    for pair in pairs {
        let (key, value) = pair.split_once('=').ok_or_else(|| {
            Failure::usage_msg(Message::new("cli.field_syntax").with("pair", pair))
        })?;
        let key = key.trim();
        let key = Field::ALL
            .iter()
            .find(|f| {
                f.key() == key
                    || f.label(Lang::Zh) == key
                    || f.label(Lang::En).eq_ignore_ascii_case(key)
            })
            .map(|f| f.key().to_string())
            .unwrap_or_else(|| key.to_string());
        values.insert(key, value.to_string());
    }
    Ok(values)
}

fn warn(warnings: &Problems) {
    if !warnings.is_empty() {
        output::note!("{}", output::problems_text(warnings));
    }
}

const LIST_HEADERS: [&str; 8] = [
    "code",
    "name",
    "mnemonic",
    "tax_id",
    "credit_limit",
    "payment_days",
    "status",
    "classification",
];

fn list_row(c: &Customer, format: Format, lang: Lang) -> Vec<String> {
    let d = &c.data;
    vec![
        d.code.clone(),
        d.name.clone(),
        d.mnemonic.clone(),
        d.tax_id.clone(),
        output::limit_cell(d.credit_limit, format, lang),
        d.payment_days.to_string(),
        d.status.key().to_string(),
        d.classification
            .values()
            .cloned()
            .collect::<Vec<_>>()
            .join("/"),
    ]
}

fn print_list(customers: &[Customer], format: Format, lang: Lang) -> CliResult {
    let rows: Vec<Vec<String>> = customers
        .iter()
        .map(|c| list_row(c, format, lang))
        .collect();
    output::print_rows(format, &LIST_HEADERS, &rows, &customers)
}

pub(super) fn print_one(customer: &Customer, format: Format, lang: Lang) -> CliResult {
    match format {
        Format::Json => {
            output::raw(&output::to_json(customer)?)?;
            Ok(())
        }
        _ => output::print_rows(
            format,
            &LIST_HEADERS,
            &[list_row(customer, format, lang)],
            customer,
        ),
    }
}

#[derive(Serialize)]
struct Detail<'a> {
    #[serde(flatten)]
    customer: &'a Customer,
    audit: &'a [AuditEntry],
}

fn print_detail(
    customer: &Customer,
    audit: &[AuditEntry],
    format: Format,
    lang: Lang,
) -> CliResult {
    if format == Format::Json {
        output::raw(&output::to_json(&Detail { customer, audit })?)?;
        return Ok(());
    }
    let mut rows: Vec<Vec<String>> = Field::ALL
        .iter()
        .map(|f| {
            vec![
                f.key().to_string(),
                f.label(Lang::Zh).to_string(),
                if *f == Field::CreditLimit {
                    output::limit_cell(customer.data.credit_limit, format, lang)
                } else {
                    f.text_of(&customer.data)
                },
            ]
        })
        .collect();
    for (dim, value) in &customer.data.classification {
        rows.push(vec![dim.clone(), String::new(), value.clone()]);
    }
    rows.push(vec![
        "created_at".into(),
        "创建时间".into(),
        customer.created_at.clone(),
    ]);
    rows.push(vec![
        "updated_at".into(),
        "修改时间".into(),
        customer.updated_at.clone(),
    ]);
    if format == Format::Csv {
        return output::print_rows(format, &["field", "label", "value"], &rows, &());
    }
    output::out!("{}", output::table(&["field", "label", "value"], &rows))?;
    output::outln!()?;
    let history: Vec<Vec<String>> = audit
        .iter()
        .map(|a| {
            vec![
                a.at.clone(),
                a.operator.clone(),
                a.action.clone(),
                a.field.clone(),
                a.old.clone().unwrap_or_default(),
                a.new.clone().unwrap_or_default(),
            ]
        })
        .collect();
    output::out!(
        "{}",
        output::table(
            &["at", "operator", "action", "field", "old", "new"],
            &history
        )
    )?;
    Ok(())
}
