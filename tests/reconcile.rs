//! The reconciliation engine (issue 6) through its public API: every rule and
//! its edges, groups, sign conventions, balances, manual operations, the JSON
//! form, and properties over random statements.

mod reconcile {
    pub mod support;

    mod balance;
    mod groups;
    mod json;
    mod manual;
    mod props;
    mod rules;
    mod signs;
    mod synth;
}
