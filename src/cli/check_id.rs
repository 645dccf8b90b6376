//! `kehu check-id ID`: exit 0 when valid, 1 when not.

use super::args::CheckIdArgs;
use super::{CliResult, Failure, Format, output};
use crate::domain::tax_id;
use crate::messages::Message;

pub fn run(args: &CheckIdArgs) -> CliResult {
    let check = tax_id::check(&args.id);
    match args.format.format {
        Format::Json => output::raw(&output::to_json(&check)?)?,
        Format::Table | Format::Csv => {
            let kind = serde_json::to_value(check.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let verdict = if check.valid {
                "check_id.valid"
            } else {
                "check_id.invalid"
            };
            output::text(&format!(
                "{}  {kind}  {}\n",
                check.normalized,
                super::render(Message::new(verdict))
            ))?;
            // The reason in this run's language (the JSON `reason` stays English).
            for p in check.problems("tax_id").iter() {
                output::text(&(p.message.get(super::lang()).to_string() + "\n"))?;
            }
        }
    }
    if check.valid {
        Ok(())
    } else {
        Err(Failure::data(""))
    }
}
