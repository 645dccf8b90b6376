//! A customer's classification values (行业, 地区, …): each must be an
//! active value of a known dimension, or the one the customer already has.

use super::Rules;
use crate::domain::customer::CustomerData;
use crate::domain::field::FieldSource;
use crate::domain::problem::{Problem, Problems};
use crate::domain::text::Text;

pub(super) fn check_classification(
    values: &impl FieldSource,
    rules: &Rules,
    data: &mut CustomerData,
    p: &mut Problems,
) {
    let catalog = rules.catalog;
    for (key, value) in values.others() {
        let Some(dim) = catalog.dimension(key) else {
            p.push(Problem::error(
                key,
                "field.unknown",
                Text::new(
                    format!("“{key}” is not a customer field or classification dimension."),
                    format!("“{key}”不是客户字段或分类维度。"),
                ),
            ));
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let kept = rules
            .kept_classification
            .and_then(|k| k.get(&dim.code))
            .is_some_and(|old| old == value);
        match dim.value(value) {
            Some(v) if (!v.retired && !dim.retired) || kept => {
                data.classification.insert(dim.code.clone(), v.name.clone());
            }
            found => {
                let allowed: Vec<&str> = dim.active_values().map(|v| v.name.as_str()).collect();
                let (en, zh) = if found.is_some() || dim.retired {
                    ("is a retired value", "已停用")
                } else {
                    ("is not a value", "不是可选值")
                };
                p.push(Problem::error(
                    dim.code.clone(),
                    "classification.value",
                    Text::new(
                        format!(
                            "“{value}” {en} of {}; choose one of: {}.",
                            dim.name_en,
                            allowed.join(", ")
                        ),
                        format!(
                            "“{value}”{zh}（{}），可选：{}。",
                            dim.name_zh,
                            allowed.join("、")
                        ),
                    ),
                ));
            }
        }
    }
}
