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
    }
    Ok(())
}
