//! One ledger row: find its customer (code, else tax ID, else name), build
//! the entry from the mapped cells, and write it through the ledger's bulk
//! API, which checks it as the entry form does. A document number already
//! in the customer's ledger is skipped (or stops the run); one repeating an
//! earlier row of the same file is an error.

use std::collections::HashSet;
use std::rc::Rc;

use super::LedgerSettings;
use super::entry_cells::{Prepared, cell, entry_input, mangled_doc_no};
use super::mapping::{LedgerField, LedgerMapping};
use crate::domain::ledger::{EntryInput, EntryRules, parse_entry};
use crate::domain::{Problem, Problems, Severity, Text};
use crate::import::plan::Outcome;
use crate::import::read::Row;
use crate::import::run::{RowPass, error_texts, note};
use crate::import::{ImportError, Policy, Report};
use crate::store::{AddOptions, CustomerRef, LedgerBulk};

/// A row naming no customer at all: its problem points at the customer columns.
const CUSTOMER: &str = "customer";

pub(super) struct Pass<'b, 's> {
    bulk: &'b mut LedgerBulk<'s>,
    settings: &'b LedgerSettings,
    /// (customer code, type, document number) of the rows this run skipped
    /// as already in the ledger: another row with the same is a repeat
    /// within the file. Rows it wrote are told by the bulk (`written_here`),
    /// so a million-row file holds no set of a million keys.
    skipped: HashSet<(String, &'static str, String)>,
    pub report: Report,
    /// The errors of the last rejected row, for the rejects file.
    pub last_errors: Vec<String>,
}

impl<'b, 's> Pass<'b, 's> {
    pub fn new(bulk: &'b mut LedgerBulk<'s>, settings: &'b LedgerSettings, report: Report) -> Self {
        Pass {
            bulk,
            settings,
            skipped: HashSet::new(),
            report,
            last_errors: Vec::new(),
        }
    }

    fn cell<'r>(&self, row: &'r Row, field: LedgerField) -> &'r str {
        cell(self.settings, row, field)
    }

    pub fn row(&mut self, row: &Row, prepared: Option<Prepared>) -> Result<Outcome, ImportError> {
        self.last_errors.clear();
        if row.is_blank() {
            return Ok(Outcome::Blank);
        }
        self.report.rows += 1;
        let customer = match self.customer(row)? {
            Ok(c) => c,
            Err(problem) => return Ok(self.reject(row, Problems(vec![problem]))),
        };
        let (input, parsed) = match prepared {
            Some(p) => (p.input, p.parsed),
            None => (entry_input(self.settings, row), None),
        };
        let mut problems = Problems::default();
        if let Some(p) = mangled_doc_no(row, self.settings.mapping.column_of(LedgerField::DocNo)) {
            problems.push(p);
            return Ok(self.reject(row, problems));
        }
        if customer.status == "archived" {
            problems.push(Problem::warning(
                CUSTOMER,
                "customer.archived",
                Text::new(
                    format!("{} {} is archived.", customer.code, customer.name),
                    format!("{} {} 已归档。", customer.code, customer.name),
                ),
            ));
        }
        match self
            .bulk
            .add_parsed(&customer.code, &input, parsed, &AddOptions::default())?
        {
            Ok(added) => {
                problems.0.extend(added.warnings.0);
                self.report.inserted += 1;
                self.note(row, &problems);
                Ok(Outcome::Inserted)
            }
            Err(refused) => {
                let duplicate = refused.iter().any(|p| p.code == "doc_no.duplicate");
                let only_that = refused.errors().all(|p| p.code == "doc_no.duplicate");
                if duplicate && only_that {
                    return self.duplicate(row, &customer, &input, problems);
                }
                problems.0.extend(refused.0);
                Ok(self.reject(row, problems))
            }
        }
    }

    /// Code first; else tax ID; else name (refused when it fits several).
    /// Given a code and a tax ID that belong to different customers, the row
    /// is refused rather than booked to the wrong one.
    fn customer(&mut self, row: &Row) -> Result<Result<Rc<CustomerRef>, Problem>, ImportError> {
        let code = self.cell(row, LedgerField::CustomerCode);
        let tax_id = self.cell(row, LedgerField::TaxId);
        let name = self.cell(row, LedgerField::CustomerName);
        // Each problem points at the column the customer was looked up by.
        let err = |field: LedgerField, code: &'static str, en: String, zh: String| {
            Ok(Err(Problem::error(field.key(), code, Text::new(en, zh))))
        };
        if !code.is_empty() {
            let Some(found) = self.bulk.customer_by_code(code)? else {
                return err(
                    LedgerField::CustomerCode,
                    "customer.not_found",
                    format!("No customer with code {code}: import or add the customer first."),
                    format!("没有编码为 {code} 的客户：请先导入或新增该客户。"),
                );
            };
            let other = crate::domain::tax_id::normalize(tax_id);
            if !other.is_empty() && !found.tax_id.is_empty() && other != found.tax_id {
                return err(
                    LedgerField::TaxId,
                    "customer.mismatch",
                    format!(
                        "Code {} is {} with tax ID {}, but the row's tax ID is {tax_id}: \
                         check which customer the entry belongs to.",
                        found.code, found.name, found.tax_id
                    ),
                    format!(
                        "编码 {} 是 {}（税号 {}），但该行税号为 {tax_id}：请核对单据属于哪个客户。",
                        found.code, found.name, found.tax_id
                    ),
                );
            }
            return Ok(Ok(found));
        }
        if !tax_id.is_empty() {
            return match self.bulk.customer_by_tax_id(tax_id)? {
                Some(found) => Ok(Ok(Rc::new(found))),
                None => err(
                    LedgerField::TaxId,
                    "customer.not_found",
                    format!("No customer has tax ID {tax_id}: import or add the customer first."),
                    format!("没有税号为 {tax_id} 的客户：请先导入或新增该客户。"),
                ),
            };
        }
        if !name.is_empty() {
            let mut found = self.bulk.customers_by_name(name)?;
            return match found.len() {
                0 => err(
                    LedgerField::CustomerName,
                    "customer.not_found",
                    format!(
                        "No customer is named {name}: import or add the customer first, or give its code."
                    ),
                    format!("没有名称为 {name} 的客户：请先导入或新增该客户，或填写客户编码。"),
                ),
                1 => Ok(Ok(Rc::new(found.remove(0)))),
                _ => {
                    let codes: Vec<String> = found
                        .iter()
                        .map(|c| format!("{} {}", c.code, c.name))
                        .collect();
                    err(
                        LedgerField::CustomerName,
                        "customer.ambiguous",
                        format!(
                            "Several customers go by {name} ({}): give the code or tax ID.",
                            codes.join(", ")
                        ),
                        format!(
                            "名称为 {name} 的客户不止一个（{}）：请填写客户编码或税号。",
                            codes.join("、")
                        ),
                    )
                }
            };
        }
        Ok(Err(Problem::error(
            CUSTOMER,
            "customer.required",
            Text::new(
                "The row names no customer: fill in its code, tax ID or name.",
                "该行没有指明客户：请填写客户编码、税号或名称。",
            ),
        )))
    }

    /// The entry is in the customer's ledger already: from an earlier row of
    /// this file (an error), or from before (skipped, or the run stops).
    fn duplicate(
        &mut self,
        row: &Row,
        customer: &CustomerRef,
        input: &EntryInput,
        mut problems: Problems,
    ) -> Result<Outcome, ImportError> {
        let (data, _) = parse_entry(input, &EntryRules::default());
        let (kind, doc) = data.map_or(("", String::new()), |d| (d.kind.key(), d.doc_no));
        let label =
            |lang| crate::domain::ledger::EntryKind::parse(kind).map_or("", |k| k.label(lang));
        let who = format!("{} {}", customer.code, customer.name);
        let repeat = self.bulk.written_here(&customer.code, kind, &doc)?
            || !self
                .skipped
                .insert((customer.code.clone(), kind, doc.clone()));
        if repeat {
            problems.push(Problem::error(
                "doc_no",
                "import.duplicate_in_file",
                Text::new(
                    format!(
                        "{} {doc} of {who} is on an earlier row of this file too: keep only one.",
                        label(crate::domain::Lang::En)
                    ),
                    format!(
                        "{} {doc}（{who}）在本文件前面的行中已出现：两行只保留一行。",
                        label(crate::domain::Lang::Zh)
                    ),
                ),
            ));
            return Ok(self.reject(row, problems));
        }
        let (code, severity, en, zh) = match self.settings.on_duplicate {
            Policy::Stop => (
                "import.duplicate_stop",
                Severity::Error,
                "the import stops here (on duplicate: stop) and nothing is written",
                "导入在此停止（遇重复即停止），未写入任何数据",
            ),
            _ => (
                "import.duplicate_skipped",
                Severity::Warning,
                "skipped",
                "已跳过",
            ),
        };
        problems.push(Problem {
            field: "doc_no".into(),
            code,
            severity,
            message: Text::new(
                format!(
                    "{} {doc} is already in the ledger of {who}: {en}.",
                    label(crate::domain::Lang::En)
                ),
                format!(
                    "{} {doc} 已在 {who} 的往来账中：{zh}。",
                    label(crate::domain::Lang::Zh)
                ),
            ),
        });
        self.note(row, &problems);
        if severity == Severity::Error {
            self.report.stopped_at = Some(row.number);
            Ok(Outcome::Stopped)
        } else {
            self.report.skipped += 1;
            Ok(Outcome::Skipped)
        }
    }

    fn reject(&mut self, row: &Row, problems: Problems) -> Outcome {
        self.report.rejected += 1;
        let mapping = &self.settings.mapping;
        self.last_errors = error_texts(&problems, self.settings.lang, |field| {
            column_for(field, mapping)
        });
        self.note(row, &problems);
        Outcome::Rejected
    }

    fn note(&mut self, row: &Row, problems: &Problems) {
        let mapping = &self.settings.mapping;
        note(&mut self.report, row.number, problems, |field| {
            column_for(field, mapping)
        });
    }
}

impl RowPass for Pass<'_, '_> {
    type Prepared = Option<Prepared>;

    fn take(&mut self, row: &Row, prepared: Option<Prepared>) -> Result<Outcome, ImportError> {
        self.row(row, prepared)
    }

    fn report(&self) -> &Report {
        &self.report
    }

    fn last_errors(&self) -> &[String] {
        &self.last_errors
    }
}

/// The header of the column a problem's field came from ("" for the row).
fn column_for(field: &str, mapping: &LedgerMapping) -> String {
    use LedgerField as F;
    let col = if field == CUSTOMER {
        [F::CustomerCode, F::TaxId, F::CustomerName]
            .iter()
            .find_map(|f| mapping.column_of(*f))
    } else {
        F::ALL
            .iter()
            .find(|f| f.key() == field)
            .and_then(|f| mapping.column_of(*f))
    };
    col.and_then(|c| mapping.headers.get(c).cloned())
        .unwrap_or_default()
}
