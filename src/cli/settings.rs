//! `kehu settings …`

use super::args::SettingsCmd;
use super::{Cli, CliResult, Failure, open_store, output};
use crate::domain::Money;
use crate::messages::Message;

pub fn run(cli: &Cli, cmd: &SettingsCmd) -> CliResult {
    let mut store = open_store(cli)?;
    match cmd {
        SettingsCmd::CreditCeiling { amount: None } => {
            output::say(
                Message::new("settings.ceiling").with("amount", store.credit_ceiling()?.grouped()),
            )?;
        }
        SettingsCmd::CreditCeiling { amount: Some(text) } => {
            let ceiling = Money::parse(text).map_err(|e| {
                Failure::data_msg(
                    Message::new("cli.option")
                        .with("option", "amount")
                        .with_text("message", e.text())
                        .with("code", e.code()),
                )
            })?;
            if ceiling <= Money::ZERO {
                return Err(Failure::data_msg(Message::new("settings.ceiling_positive")));
            }
            store.set_credit_ceiling(ceiling)?;
            output::say(Message::new("settings.ceiling_set").with("amount", ceiling.grouped()))?;
        }
        SettingsCmd::SupervisorCreditLimit { amount: None } => {
            output::outln!("{}", store.supervisor_credit_limit()?.grouped())?;
        }
        SettingsCmd::SupervisorCreditLimit { amount: Some(text) } => {
            store.set_supervisor_credit_limit(amount(text)?)?;
            output::outln!(
                "a credit limit above {} now needs a supervisor",
                amount(text)?.grouped()
            )?;
        }
        SettingsCmd::SupervisorOverrideExcess { amount: None } => {
            output::outln!("{}", store.supervisor_override_excess()?.grouped())?;
        }
        SettingsCmd::SupervisorOverrideExcess { amount: Some(text) } => {
            store.set_supervisor_override_excess(amount(text)?)?;
            output::outln!(
                "an override more than {} over the limit now needs a supervisor",
                amount(text)?.grouped()
            )?;
        }
        SettingsCmd::Company(args) => super::company::run(&mut store, args)?,
        SettingsCmd::ReviewNewCustomers { state: None } => {
            let on = store.review_new_customers()?;
            output::outln!("{}", if on { "on" } else { "off" })?;
        }
        SettingsCmd::ReviewNewCustomers { state: Some(state) } => {
            let on = state == "on";
            store.set_review_new_customers(on)?;
            let line = if on {
                "settings.review_on"
            } else {
                "settings.review_off"
            };
            output::say(Message::new(line))?;
        }
    }
    Ok(())
}

fn amount(text: &str) -> Result<Money, Failure> {
    let amount = Money::parse(text).map_err(|e| {
        Failure::data_msg(
            crate::messages::Message::new("settings.bad_amount").with_text("reason", e.text()),
        )
    })?;
    if amount < Money::ZERO {
        return Err(Failure::data_msg(crate::messages::Message::new(
            "settings.negative_amount",
        )));
    }
    Ok(amount)
}
