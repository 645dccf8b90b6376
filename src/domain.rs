//! Plain types and validation. Imports nothing else of ours.

pub mod activity;
pub mod bits;
pub mod classification;
pub mod company;
pub mod contact;
pub mod customer;
pub mod date;
pub mod field;
pub mod key_hash;
pub mod ledger;
pub mod mnemonic;
pub mod money;
pub mod name_index;
pub mod names;
pub mod packed;
pub mod permission;
pub mod plain_text;
pub mod problem;
pub mod safe_text;
pub mod tax_id;
pub mod text;
pub mod trim;
pub mod validate;

pub use money::Money;
pub use problem::{Problem, Problems, Severity};
pub use text::{Lang, Text};
