//! The problems a statement row's reading reports beyond one cell's own:
//! a line with no amount names every amount column.

use super::RowReader;
use crate::domain::{Problem, Text};
use crate::import::statement::fields::StatementField;
use crate::import::{Row, RowProblem};

impl RowReader<'_> {
    pub(super) fn no_amount(&self, row: &Row) -> RowProblem {
        let field = if self.mapping.column_of(StatementField::Amount).is_some() {
            StatementField::Amount
        } else {
            StatementField::Debit
        };
        let columns = match self.mapping.column_of(StatementField::Amount) {
            Some(_) => self.header(StatementField::Amount),
            None => [StatementField::Debit, StatementField::Credit]
                .map(|f| self.header(f))
                .into_iter()
                .filter(|h| !h.is_empty())
                .collect::<Vec<_>>()
                .join("/"),
        };
        let mut p = self.problem(
            row,
            field,
            Problem::error(
                "amount",
                "statement.no_amount",
                Text::new(
                    format!(
                        "No amount in {columns}: fill it in, or delete the row if it is not a line of the statement"
                    ),
                    format!("{columns} 没有金额：请填写金额；如果这不是对账明细，请删除该行"),
                ),
            ),
        );
        p.column = columns;
        p
    }
}
