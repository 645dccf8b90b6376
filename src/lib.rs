//! kehu (客户): customer accounts for a small business's bookkeeper.
//!
//! The core (`domain`, `store`) knows nothing of terminals; `cli` and `tui`
//! are two thin fronts over it.

pub mod cli;
pub mod config;
pub mod demo;
pub mod documents;
pub mod domain;
pub mod import;
pub mod messages;
pub mod outfile;
pub mod reconcile;
pub mod report;
pub mod store;
pub mod synth;
pub mod tui;
