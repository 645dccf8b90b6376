//! The settings file and the language choice live in the core
//! (`crate::config`), shared with the CLI; re-exported for the TUI's callers.

pub use crate::config::*;
