//! Why a reconciliation or an operation on it was refused, with a stable code
//! and the message in both UI languages.

use thiserror::Error;

use super::line::Side;
use crate::domain::{Money, Text};

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ReconcileError {
    #[error("an amount or total is too large to record")]
    TooLarge,
    #[error("{side:?} line {id} appears twice")]
    DuplicateId { side: Side, id: usize },
    #[error("option {option} is {value}, allowed {allowed}")]
    BadOption {
        option: &'static str,
        value: usize,
        allowed: &'static str,
    },
    #[error("no lines selected")]
    NothingSelected,
    #[error("there is no {side:?} line {id}")]
    UnknownLine { side: Side, id: usize },
    #[error("{side:?} line {id} is already matched")]
    AlreadyMatched { side: Side, id: usize },
    #[error("{side:?} line {id} is not matched")]
    NotMatched { side: Side, id: usize },
    #[error("selected lines differ: ours {ours}, theirs {theirs}")]
    SumsDiffer { ours: Money, theirs: Money },
}

impl ReconcileError {
    /// Stable machine code for tests, JSON and the UI's tables.
    pub fn code(&self) -> &'static str {
        match self {
            ReconcileError::TooLarge => "reconcile.too_large",
            ReconcileError::DuplicateId { .. } => "reconcile.duplicate_id",
            ReconcileError::BadOption { .. } => "reconcile.bad_option",
            ReconcileError::NothingSelected => "reconcile.nothing_selected",
            ReconcileError::UnknownLine { .. } => "reconcile.unknown_line",
            ReconcileError::AlreadyMatched { .. } => "reconcile.already_matched",
            ReconcileError::NotMatched { .. } => "reconcile.not_matched",
            ReconcileError::SumsDiffer { .. } => "reconcile.sums_differ",
        }
    }

    /// What went wrong and what to do, in both languages.
    pub fn text(&self) -> Text {
        match self {
            ReconcileError::TooLarge => Text::new(
                "An amount or a total is too large to record: check the statement for extra digits",
                "金额或合计过大，无法记录：请检查对账单是否多输了数字",
            ),
            ReconcileError::DuplicateId { side, id } => Text::new(
                format!("Line {id} appears twice in {}", side_en(*side)),
                format!("{}中第 {id} 行出现了两次", side_zh(*side)),
            ),
            ReconcileError::BadOption {
                option,
                value,
                allowed,
            } => Text::new(
                format!("{option} = {value} is not allowed: use {allowed}"),
                format!("参数 {option} = {value} 不可用：允许 {allowed}"),
            ),
            ReconcileError::NothingSelected => {
                Text::new("Select at least one line to match", "请至少选择一行再匹配")
            }
            ReconcileError::UnknownLine { side, id } => Text::new(
                format!("There is no line {id} in {}", side_en(*side)),
                format!("{}中没有第 {id} 行", side_zh(*side)),
            ),
            ReconcileError::AlreadyMatched { side, id } => Text::new(
                format!(
                    "Line {id} in {} is already matched: unmatch it first",
                    side_en(*side)
                ),
                format!("{}第 {id} 行已匹配：请先取消匹配", side_zh(*side)),
            ),
            ReconcileError::NotMatched { side, id } => Text::new(
                format!("Line {id} in {} is not matched", side_en(*side)),
                format!("{}第 {id} 行未匹配", side_zh(*side)),
            ),
            ReconcileError::SumsDiffer { ours, theirs } => {
                let (o, t) = (ours.grouped(), theirs.grouped());
                Text::new(
                    format!(
                        "The selected lines do not agree (ours {o}, theirs {t}): add a note to match them anyway"
                    ),
                    format!("所选行金额不一致（我方 {o}，对方 {t}）：如仍要匹配，请填写说明"),
                )
            }
        }
    }
}

fn side_en(side: Side) -> &'static str {
    match side {
        Side::Ours => "our ledger",
        Side::Theirs => "their statement",
    }
}

fn side_zh(side: Side) -> &'static str {
    match side {
        Side::Ours => "我方账",
        Side::Theirs => "对方对账单",
    }
}
