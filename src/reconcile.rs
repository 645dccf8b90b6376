//! Reconciliation (对账): our ledger lines against the customer's statement.
//!
//! A pure engine, no database and no UI: [`match_lines`] runs four passes and
//! answers with a [`Reconciliation`] that puts every line of both sides in
//! exactly one bucket, each match naming its [`Rule`]:
//!
//! 1. same normalised document number and same amount (`doc_no.rs`);
//! 2. same amount, dates within the tolerance, nearest first (`pairing.rs`);
//! 3. one line equal to the sum of 2..=max_group on the other side, searched
//!    within a step budget (`group.rs`);
//! 4. the rest classified: same document with another amount, same amount with
//!    dates beyond the tolerance, only ours, only theirs.
//!
//! The value then takes manual matches, notes and re-runs (`manual.rs`), and
//! gives the reconciliation statement (`balance.rs`). It serialises to the
//! JSON of issue 6 and back, for the session store.

mod balance;
mod build;
mod doc_no;
mod doc_text;
mod error;
mod group;
mod line;
mod manual;
mod matcher;
mod model;
mod options;
mod pairing;
pub mod synth;

pub use balance::{ItemKind, ReconcilingItem};
pub use build::{Parts, match_lines, match_owned};
pub use doc_no::doc_key;
pub use doc_text::docs_in_descriptions;
pub use error::ReconcileError;
pub use group::GroupSearch;
pub use line::{Line, Side, SignConvention, TheirAmount, detect_sign_convention};
pub use model::{LinePair, Match, Note, Reconciliation, Rule, Shape};
pub use options::{GROUP_CANDIDATES_LIMIT, MAX_GROUP_LIMIT, MatchOptions};
