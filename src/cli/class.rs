//! `kehu class …`: classification dimensions and values.

use super::args::ClassCmd;
use super::{Cli, CliResult, open_store, output};

pub fn run(cli: &Cli, cmd: &ClassCmd) -> CliResult {
    let mut store = open_store(cli)?;
    match cmd {
        ClassCmd::List { format } => {
            let catalog = store.catalog()?;
            let rows: Vec<Vec<String>> = catalog
                .dimensions
                .iter()
                .map(|d| {
                    let values: Vec<String> = d
                        .values
                        .iter()
                        .map(|v| {
                            if v.retired {
                                format!("({})", v.name)
                            } else {
                                v.name.clone()
                            }
                        })
                        .collect();
                    vec![
                        d.code.clone(),
                        d.name_zh.clone(),
                        d.name_en.clone(),
                        values.join(" "),
                    ]
                })
                .collect();
            output::print_rows(
                format.format,
                &["code", "name_zh", "name_en", "values"],
                &rows,
                &catalog.dimensions,
            )
        }
        ClassCmd::AddDimension {
            code,
            name_zh,
            name_en,
        } => Ok(store.add_dimension(code, name_zh, name_en)?),
        ClassCmd::RenameDimension {
            code,
            name_zh,
            name_en,
        } => Ok(store.rename_dimension(code, name_zh, name_en)?),
        ClassCmd::RetireDimension { code } => Ok(store.retire_dimension(code)?),
        ClassCmd::AddValue { dimension, value } => Ok(store.add_dimension_value(dimension, value)?),
        ClassCmd::Rename {
            dimension,
            old,
            new,
        } => Ok(store.rename_dimension_value(dimension, old, new)?),
        ClassCmd::Retire { dimension, value } => {
            Ok(store.retire_dimension_value(dimension, value)?)
        }
        ClassCmd::Delete { dimension, value } => {
            Ok(store.delete_dimension_value(dimension, value)?)
        }
    }
}
