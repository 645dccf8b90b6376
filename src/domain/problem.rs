//! A problem with user data: which field, a stable code the fronts can key on,
//! how bad it is, and the message in both languages.

use serde::Serialize;

use super::text::{Lang, Text};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Field key as in `shared/GLOSSARY.md` (`tax_id`, `credit_limit`, …) or a
    /// classification dimension code.
    pub field: String,
    /// Stable code such as `tax_id.check_char`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: Text,
}

impl Problem {
    pub fn error(field: impl Into<String>, code: &'static str, message: Text) -> Problem {
        Problem {
            field: field.into(),
            code,
            severity: Severity::Error,
            message,
        }
    }

    pub fn warning(field: impl Into<String>, code: &'static str, message: Text) -> Problem {
        Problem {
            field: field.into(),
            code,
            severity: Severity::Warning,
            message,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn message(&self, lang: Lang) -> &str {
        self.message.get(lang)
    }
}

/// Every problem found in one piece of input, errors and warnings together.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| !p.is_error())
    }

    pub fn for_field<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a Problem> {
        self.0.iter().filter(move |p| p.field == field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.0.iter()
    }
}

impl std::fmt::Display for Problems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {}", p.field, p.message.en)?;
        }
        Ok(())
    }
}
