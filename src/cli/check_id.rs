//! `kehu check-id ID`: exit 0 when valid, 1 when not.

use super::args::CheckIdArgs;
use super::{CliResult, Failure, Format, output};
use crate::domain::tax_id;

pub fn run(args: &CheckIdArgs) -> CliResult {
    let check = tax_id::check(&args.id);
    match args.format.format {
        Format::Json => output::raw(&output::to_json(&check)?)?,
        Format::Table | Format::Csv => {
            let kind = serde_json::to_value(check.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let verdict = if check.valid { "valid" } else { "INVALID" };
            output::outln!("{}  {kind}  {verdict}", check.normalized)?;
            if !check.reason.is_empty() {
                output::outln!("{}", check.reason)?;
            }
        }
    }
    if check.valid {
        Ok(())
    } else {
        Err(Failure::data(""))
    }
}
