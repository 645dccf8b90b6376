//! `kehu settings …`

use super::args::SettingsCmd;
use super::{Cli, CliResult, Failure, open_store, output};
use crate::domain::Money;

pub fn run(cli: &Cli, cmd: &SettingsCmd) -> CliResult {
    let mut store = open_store(cli)?;
    match cmd {
        SettingsCmd::CreditCeiling { amount: None } => {
            output::outln!("{}", store.credit_ceiling()?.grouped())?;
        }
        SettingsCmd::CreditCeiling { amount: Some(text) } => {
            let ceiling = Money::parse(text).map_err(|e| Failure::data(e.text().en))?;
            if ceiling <= Money::ZERO {
                return Err(Failure::data("the ceiling must be more than 0"));
            }
            store.set_credit_ceiling(ceiling)?;
            output::outln!("credit limits must now stay below {}", ceiling.grouped())?;
        }
    }
    Ok(())
}
