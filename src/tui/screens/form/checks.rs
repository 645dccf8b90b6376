//! What runs as the form is typed in: the mnemonic following the name, the
//! checks that need no database on every keystroke, and the store's checks
//! (duplicates, similar names) when a changed name, code or tax ID is left.

use super::FormScreen;
use crate::domain::mnemonic::mnemonic;
use crate::domain::validate::{Rules, parse_customer};
use crate::tui::app::Ctx;
use crate::tui::component::{Outcome, Status};

/// Problem codes that only the store can find (they need the other customers).
const STORE_CODES: [&str; 4] = [
    "tax_id.duplicate",
    "code.duplicate",
    "name.similar",
    "code.required",
];
/// The fields those problems belong to.
const STORE_FIELDS: [&str; 3] = ["name", "code", "tax_id"];

impl FormScreen {
    /// Bookkeeping after the focused field changed: the mnemonic follows the
    /// name until typed in (emptying it hands it back to the name).
    pub(super) fn edited(&mut self) {
        let Some(key) = self.entries.get(self.focus).map(|e| e.key.clone()) else {
            return;
        };
        if key == "mnemonic" {
            self.mnemonic_auto = self.entries[self.focus].value().trim().is_empty();
        }
        if self.mnemonic_auto {
            let name = self
                .entries
                .iter()
                .find(|e| e.key == "name")
                .map(|e| e.value().to_string());
            if let (Some(name), Some(m)) = (name, self.entry_mut("mnemonic")) {
                m.set(mnemonic(&name));
            }
        }
        self.edited_since_check.insert(key);
    }

    /// Field checks that need no database: instant, on every keystroke.
    pub(super) fn validate_local(&mut self, ctx: &Ctx) {
        let rules = Rules {
            credit_ceiling: ctx.credit_ceiling,
            catalog: &ctx.catalog,
            kept_classification: self.existing().map(|c| &c.data.classification),
        };
        let (_, mut problems) = parse_customer(&self.values(), &rules);
        problems.0.extend(
            self.store_problems
                .iter()
                .filter(|p| !self.edited_since_check.contains(&p.field))
                .cloned(),
        );
        self.problems = problems;
    }

    /// Every check, the store's included (duplicates, similar names).
    /// Why it could not run, for the status line.
    pub(super) fn validate_full(&mut self, ctx: &Ctx) -> Result<crate::store::Checked, Status> {
        match ctx.store.check_customer(&self.values(), self.existing()) {
            Ok(checked) => {
                self.store_problems = checked
                    .problems
                    .iter()
                    .filter(|p| STORE_CODES.contains(&p.code))
                    .cloned()
                    .collect();
                self.edited_since_check.clear();
                self.problems = checked.problems.clone();
                Ok(checked)
            }
            Err(e) => Err(Status::error(e.message().text(ctx.lang))),
        }
    }

    /// Returns what went wrong checking the field left, for the status line.
    pub(super) fn move_focus(&mut self, delta: i32, page: u16, ctx: &Ctx) -> Outcome {
        // Leaving a changed name, code or tax ID runs the store's checks
        // (they scan the other customers: ~50 ms at 100,000); other fields
        // are fully checked as typed.
        let leaving_checked = STORE_FIELDS
            .iter()
            .any(|f| self.edited_since_check.contains(*f));
        let failed = match leaving_checked {
            true => self.validate_full(ctx).err(),
            false => None,
        };
        let last = self.entries.len().saturating_sub(1) as i32;
        self.focus = (self.focus as i32 + delta).clamp(0, last) as usize;
        self.keep_in_view(page);
        Outcome::Stay.saying(failed)
    }
}
