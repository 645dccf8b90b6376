//! User-defined classification dimensions (行业, 规模, 地区…) and their values.

use serde::Serialize;

use super::text::Lang;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dimension {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub retired: bool,
    pub values: Vec<DimensionValue>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DimensionValue {
    pub name: String,
    pub retired: bool,
}

impl Dimension {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name_en,
            Lang::Zh => &self.name_zh,
        }
    }

    /// Values a customer may be given now (retired ones are kept only on old records).
    pub fn active_values(&self) -> impl Iterator<Item = &DimensionValue> {
        self.values.iter().filter(|v| !v.retired)
    }

    pub fn value(&self, name: &str) -> Option<&DimensionValue> {
        let name = super::trim::trim(name);
        self.values.iter().find(|v| v.name == name)
    }
}

/// All dimensions, as the validator needs them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Catalog {
    pub dimensions: Vec<Dimension>,
}

impl Catalog {
    /// Finds a dimension by code or by either name (`industry`, `行业`, `Industry`).
    pub fn dimension(&self, key: &str) -> Option<&Dimension> {
        let key = super::trim::trim(key);
        self.dimensions
            .iter()
            .find(|d| d.code == key || d.name_zh == key || d.name_en.eq_ignore_ascii_case(key))
    }
}
