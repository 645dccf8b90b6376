//! Our company (本公司): the sender named on statements and reminders, and the
//! seller that invoices from the tax platform must name. Its fields are
//! checked by the customer validator, so a tax ID or bank account that would
//! be refused on a customer is refused here too.

use std::path::PathBuf;

use serde::Serialize;

use super::classification::Catalog;
use super::field::{Field, FieldValues};
use super::problem::{Problem, Problems};
use super::text::Text;
use super::validate::{DEFAULT_CREDIT_CEILING, Rules, parse_customer};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Company {
    pub name: String,
    /// Normalised as the customer validator leaves it ("" when not given).
    pub tax_id: String,
    pub address: String,
    pub phone: String,
    pub bank_name: String,
    pub bank_account: String,
    pub contact: String,
    /// A seal or logo image (PNG or JPEG) printed on documents.
    pub seal: Option<PathBuf>,
}

/// The keys of a company record, in the order they are shown, with the
/// customer field whose rules check each (the seal has its own check).
pub const KEYS: [(&str, Option<Field>); 8] = [
    ("name", Some(Field::Name)),
    ("tax_id", Some(Field::TaxId)),
    ("address", Some(Field::RegisteredAddress)),
    ("phone", Some(Field::Phone)),
    ("bank_name", Some(Field::BankName)),
    ("bank_account", Some(Field::BankAccount)),
    ("contact", Some(Field::Contact)),
    ("seal", None),
];

impl Company {
    /// The value kept under `key` (one of `KEYS`), as text.
    pub fn get(&self, key: &str) -> String {
        match key {
            "name" => self.name.clone(),
            "tax_id" => self.tax_id.clone(),
            "address" => self.address.clone(),
            "phone" => self.phone.clone(),
            "bank_name" => self.bank_name.clone(),
            "bank_account" => self.bank_account.clone(),
            "contact" => self.contact.clone(),
            "seal" => self
                .seal
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// True once a name is set: documents and invoice imports need one.
    pub fn is_set(&self) -> bool {
        !self.name.is_empty()
    }
}

/// Parses `values` (keys from `KEYS`; a missing key is empty) into a company,
/// collecting every problem. The name is required; the rest is optional but
/// must be valid when given.
pub fn parse_company(values: &FieldValues) -> (Company, Problems) {
    let mut as_customer = FieldValues::new();
    for (key, field) in KEYS {
        if let (Some(field), Some(text)) = (field, values.get(key)) {
            as_customer.insert(field.key().to_string(), text.clone());
        }
    }
    let catalog = Catalog::default();
    let rules = Rules {
        credit_ceiling: DEFAULT_CREDIT_CEILING,
        catalog: &catalog,
        kept_classification: None,
    };
    let (data, found) = parse_customer(&as_customer, &rules);
    let mut problems = Problems::default();
    for problem in found.0 {
        // Only the fields a company has; the customer's own (code, terms…)
        // are defaults here and say nothing about the company.
        if let Some((key, _)) = KEYS
            .iter()
            .find(|(_, f)| f.is_some_and(|f| f.key() == problem.field))
        {
            problems.push(Problem {
                field: (*key).to_string(),
                ..problem
            });
        }
    }
    let seal = values
        .get("seal")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(PathBuf::from);
    if let Some(problem) = seal.as_deref().and_then(seal_problem) {
        problems.push(problem);
    }
    let company = Company {
        name: data.name,
        tax_id: data.tax_id,
        address: data.registered_address,
        phone: data.phone,
        bank_name: data.bank_name,
        bank_account: data.bank_account,
        contact: data.contact,
        seal,
    };
    (company, problems)
}

/// A seal image must be a PNG or JPEG file that exists (checked by its first
/// bytes, not its name), so a document does not fail later on it.
fn seal_problem(path: &std::path::Path) -> Option<Problem> {
    let mut head = [0u8; 8];
    let read = std::fs::File::open(path).and_then(|mut f| {
        use std::io::Read;
        f.read(&mut head)
    });
    let shown = path.display().to_string();
    match read {
        Err(_) => Some(Problem::error(
            "seal",
            "company.seal_missing",
            Text::new(
                format!(
                    "Cannot read the seal image “{shown}”; give the path of a PNG or JPEG file."
                ),
                format!("无法读取印章图片“{shown}”；请给出 PNG 或 JPEG 文件的路径。"),
            ),
        )),
        Ok(n) if is_png(&head[..n]) || is_jpeg(&head[..n]) => None,
        Ok(_) => Some(Problem::error(
            "seal",
            "company.seal_format",
            Text::new(
                format!("“{shown}” is not a PNG or JPEG image; save the seal as PNG."),
                format!("“{shown}”不是 PNG 或 JPEG 图片；请把印章另存为 PNG。"),
            ),
        )),
    }
}

fn is_png(head: &[u8]) -> bool {
    head.starts_with(b"\x89PNG\r\n\x1a\n")
}

fn is_jpeg(head: &[u8]) -> bool {
    head.starts_with(&[0xFF, 0xD8, 0xFF])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> FieldValues {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_valid_company_keeps_its_fields_normalised() {
        let (company, problems) = parse_company(&values(&[
            ("name", "  杭州  示例贸易有限公司 "),
            ("tax_id", "91330106 MA2KXXXX0Q"),
            ("bank_account", "6222 0212 3456 7890"),
        ]));
        assert_eq!(company.name, "杭州 示例贸易有限公司");
        assert!(company.is_set());
        // Whatever the verdict on this made-up ID, it is reported on `tax_id`,
        // never on a customer-only field.
        assert!(
            problems
                .0
                .iter()
                .all(|p| KEYS.iter().any(|(k, _)| *k == p.field))
        );
    }

    #[test]
    fn the_name_is_required_and_a_bad_tax_id_is_refused() {
        let (_, problems) = parse_company(&values(&[("tax_id", "91330106MA2K0000X1")]));
        assert!(problems.for_field("name").any(|p| p.is_error()));
        assert!(problems.for_field("tax_id").any(|p| p.is_error()));
    }

    #[test]
    fn customer_only_defaults_raise_nothing() {
        let (_, problems) = parse_company(&values(&[("name", "示例公司")]));
        assert!(!problems.has_errors(), "{problems:?}");
    }

    #[test]
    fn a_seal_must_be_an_image_that_exists() {
        let dir = std::env::temp_dir().join(format!("kehu-seal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let text = dir.join("seal.txt");
        std::fs::write(&text, "not an image").ok();
        let png = dir.join("seal.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\nrest").ok();
        let check = |p: &std::path::Path| {
            parse_company(&values(&[
                ("name", "示例公司"),
                ("seal", &p.display().to_string()),
            ]))
            .1
            .for_field("seal")
            .map(|p| p.code)
            .collect::<Vec<_>>()
        };
        assert_eq!(check(&text), ["company.seal_format"]);
        assert_eq!(check(&dir.join("none.png")), ["company.seal_missing"]);
        assert!(check(&png).is_empty());
        std::fs::remove_dir_all(&dir).ok();
    }
}
