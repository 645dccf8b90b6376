//! One file per screen. Each is a type implementing
//! [`Component`](super::component::Component); the app keeps them on a stack
//! and knows them only through that trait, so adding a screen is its file
//! plus its `pub mod` line here.

pub mod audit;
pub mod backups;
pub mod company;
pub mod dashboard;
pub mod detail;
pub mod entry;
pub mod form;
pub mod import;
pub mod ledger;
pub mod ledger_search;
pub mod list;
pub mod merge;
pub mod quick;
pub mod reconcile;
pub mod review;
pub mod sign_in;
pub mod stats;

pub use super::component::{Outcome, Screen};
