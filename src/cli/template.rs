//! `kehu template …`

use super::args::TemplateCmd;
use super::customer::parse_fields;
use super::{Cli, CliResult, open_store, output};
use crate::messages::Message;

pub fn run(cli: &Cli, cmd: &TemplateCmd) -> CliResult {
    let mut store = open_store(cli)?;
    match cmd {
        TemplateCmd::Save { name, fields } => {
            store.save_template(name, &parse_fields(fields)?)?;
            output::say(Message::new("template.saved").with("name", name))?;
        }
        TemplateCmd::List { format } => {
            let templates = store.templates()?;
            let rows: Vec<Vec<String>> = templates
                .iter()
                .map(|t| {
                    let fields: Vec<String> =
                        t.fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    vec![t.name.clone(), fields.join(", ")]
                })
                .collect();
            output::print_rows(format.format, &["name", "fields"], &rows, &templates)?;
        }
        TemplateCmd::Delete { name } => {
            store.delete_template(name)?;
            output::say(Message::new("template.deleted").with("name", name))?;
        }
    }
    Ok(())
}
