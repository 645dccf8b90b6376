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
        SettingsCmd::SupervisorCreditLimit { amount: None } => {
            println!("{}", store.supervisor_credit_limit()?.grouped());
        }
        SettingsCmd::SupervisorCreditLimit { amount: Some(text) } => {
            store.set_supervisor_credit_limit(amount(text)?)?;
            println!(
                "a credit limit above {} now needs a supervisor",
                amount(text)?.grouped()
            );
        }
        SettingsCmd::SupervisorOverrideExcess { amount: None } => {
            println!("{}", store.supervisor_override_excess()?.grouped());
        }
        SettingsCmd::SupervisorOverrideExcess { amount: Some(text) } => {
            store.set_supervisor_override_excess(amount(text)?)?;
            println!(
                "an override more than {} over the limit now needs a supervisor",
                amount(text)?.grouped()
            );
        }
    }
    Ok(())
}

fn amount(text: &str) -> Result<Money, Failure> {
    let amount = Money::parse(text).map_err(|e| Failure::data(e.text().en))?;
    if amount < Money::ZERO {
        return Err(Failure::data("the amount cannot be negative"));
    }
    Ok(amount)
}
