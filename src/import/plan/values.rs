//! New classification values met by the writing side: listed once at
//! their first row with what becomes of them, and added to the catalog when
//! a row carrying one is written.

use super::Pass;
use super::problems::column_for;
use crate::domain::{Problem, Problems, Text};
use crate::import::read::Row;
use crate::import::{ImportError, NewValue, ValueChoice};

impl Pass<'_, '_> {
    /// Lists a new classification value once, at its first row, with a
    /// warning saying what becomes of it; counts the rows that carry it.
    pub(super) fn new_value(
        &mut self,
        row: &Row,
        dimension: &str,
        value: &str,
        problems: &mut Problems,
    ) {
        let key = (dimension.to_string(), value.to_string());
        if let Some(i) = self.new_values.get(&key) {
            self.report.new_values[*i].rows += 1;
            return;
        }
        let choice = self.settings.value_choices.get(&key);
        let (action, mapped_to) = match choice {
            Some(ValueChoice::MapTo(to)) => ("mapped", Some(to.clone())),
            Some(ValueChoice::Empty) => ("emptied", None),
            _ if self.settings.strict_values => ("refused", None),
            _ => ("unused", None),
        };
        let mapping = &self.settings.mapping;
        let column = column_for(dimension, &mapping.targets, &mapping.headers);
        let (en, zh) = match (action, &mapped_to) {
            ("mapped", Some(to)) => (format!("read as “{to}”"), format!("按“{to}”导入")),
            ("emptied", _) => ("left empty".to_string(), "留空".to_string()),
            ("refused", _) => (
                "its rows are refused (--strict-values); add it under 分类 or drop the option"
                    .to_string(),
                "含此值的行被拒绝（--strict-values）；请先在分类中添加，或去掉该选项".to_string(),
            ),
            _ => (
                "it is added with the rows that carry it".to_string(),
                "将随含此值的行一并添加".to_string(),
            ),
        };
        problems.push(Problem::warning(
            dimension.to_string(),
            "classification.new_value",
            Text::new(
                format!("“{value}” is a new value of {column}: {en}."),
                format!("“{value}”是{column}的新值：{zh}。"),
            ),
        ));
        self.new_values.insert(key, self.report.new_values.len());
        self.report.new_values.push(NewValue {
            dimension: dimension.to_string(),
            column,
            value: value.to_string(),
            first_row: row.number,
            rows: 1,
            action,
            mapped_to,
        });
    }

    /// Adds the new values a row about to be written carries (those the
    /// run adds, the first time one is written).
    pub(super) fn add_values(&mut self, values: &[(String, String)]) -> Result<(), ImportError> {
        for (dimension, value) in values {
            let Some(&i) = self.new_values.get(&(dimension.clone(), value.clone())) else {
                continue;
            };
            if self.report.new_values[i].action == "unused" {
                self.bulk.add_class_value(dimension, value)?;
                self.report.new_values[i].action = "added";
            }
        }
        Ok(())
    }
}
