//! `kehu import --template OUT`: a blank file with our column headers, one
//! example row, and notes on which fields are required and how to write them.
//! Its headers are the ones `export` writes, and both map back automatically.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use super::ImportError;
use super::mapping::Target;
use super::rejects::is_xlsx;
use crate::domain::Lang;
use crate::domain::classification::Catalog;
use crate::domain::field::Field;
use crate::domain::safe_text::csv_guard;

/// One column of a template or export.
pub(super) struct Column {
    pub target: Target,
    pub header: String,
    pub required: bool,
    /// Text cells in Excel: numbers here would lose digits or leading zeros.
    pub as_text: bool,
    pub note: String,
    pub example: String,
}

/// Every field, then every classification dimension in use.
pub(super) fn columns(catalog: &Catalog) -> Vec<Column> {
    let mut out: Vec<Column> = Field::ALL
        .iter()
        .map(|f| {
            let (note, example) = field_note(*f);
            Column {
                target: Target::Field(*f),
                header: f.label(Lang::Zh).to_string(),
                required: *f == Field::Name,
                as_text: matches!(
                    f,
                    Field::Code | Field::TaxId | Field::BankAccount | Field::Phone | Field::Mobile
                ),
                note: note.to_string(),
                example: example.to_string(),
            }
        })
        .collect();
    for dim in catalog.dimensions.iter().filter(|d| !d.retired) {
        let values: Vec<&str> = dim.active_values().map(|v| v.name.as_str()).collect();
        out.push(Column {
            target: Target::Dimension(dim.code.clone()),
            header: dim.name_zh.clone(),
            required: false,
            as_text: false,
            note: format!("可选值 values: {}", values.join(" / ")),
            example: values.first().map(|v| v.to_string()).unwrap_or_default(),
        });
    }
    out
}

const EXAMPLE_NAME: &str = "深圳市华强电子有限公司";
const EXAMPLE_NOTE: &str = "示例";

/// Whether a row is the template's example row, left in: its name with
/// its "示例" note. The name and tax ID alone are a real company's, which
/// a user may well have as a customer.
pub(super) fn is_example(name: &str, notes: &str) -> bool {
    name == EXAMPLE_NAME && notes == EXAMPLE_NOTE
}

fn field_note(field: Field) -> (&'static str, &'static str) {
    match field {
        Field::Code => ("留空则自动编号 optional, generated when empty", ""),
        Field::Name => (
            "必填：营业执照上的全称 required: full legal name",
            EXAMPLE_NAME,
        ),
        Field::ShortName => ("简称 short name", "华强电子"),
        Field::Mnemonic => ("留空则按名称生成拼音首字母 generated when empty", ""),
        Field::Kind => ("企业 / 个人 / 政府/事业单位 / 其他", "企业"),
        Field::Status => ("正常 / 停用 / 归档 (active / on hold / archived)", "正常"),
        Field::Contact => ("联系人姓名 contact person", "张伟"),
        Field::Phone => ("如 e.g. 0755-83456789", "0755-83456789"),
        Field::Mobile => ("11 位手机号 11-digit mobile", "13800138000"),
        Field::Email => ("如 e.g. name@example.com", "finance@example.com"),
        Field::RegisteredAddress => ("注册地址 registered address", "深圳市福田区华强北路1号"),
        Field::BusinessAddress => ("经营地址 business address", ""),
        Field::TaxId => (
            "文本格式！18 位统一社会信用代码 / 纳税人识别号 / 身份证号 (format as Text)",
            "914403001922038216",
        ),
        Field::InvoiceType => (
            "增值税专用发票 / 增值税普通发票 / 电子发票",
            "增值税专用发票",
        ),
        Field::TaxRate => ("13% / 9% / 6% / 5% / 3% / 1% / 0%", "13%"),
        Field::BankName => ("开户银行及支行 bank and branch", "招商银行深圳分行"),
        Field::BankAccount => (
            "文本格式！8–30 位数字 digits (format as Text)",
            "755912345610001",
        ),
        Field::Settlement => ("现金 / 转账 / 赊销 / 承兑汇票 / 其他", "转账"),
        Field::PaymentDays => ("0–365 天 days", "30"),
        Field::CreditLimit => ("元，如 50000、5万 yuan, e.g. 50000", "50000.00"),
        Field::Notes => (
            "示例行，导入前请删除 example row: delete before importing",
            EXAMPLE_NOTE,
        ),
    }
}

/// Writes the template as XLSX (data sheet + notes sheet) or CSV (a notes row
/// above the header row, UTF-8 with BOM).
pub fn write_template(path: &Path, catalog: &Catalog) -> Result<(), ImportError> {
    let cols = columns(catalog);
    let header = |c: &Column| {
        if c.required {
            format!("{}*", c.header)
        } else {
            c.header.clone()
        }
    };
    let fail = |e: &dyn std::fmt::Display| ImportError::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    if !is_xlsx(path) {
        let mut out = Vec::from("\u{feff}".as_bytes());
        {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(cols.iter().map(|c| c.note.as_str()))
                .map_err(|e| fail(&e))?;
            w.write_record(cols.iter().map(header))
                .map_err(|e| fail(&e))?;
            w.write_record(cols.iter().map(|c| csv_guard(&c.example).into_owned()))
                .map_err(|e| fail(&e))?;
            w.flush().map_err(|e| fail(&e))?;
        }
        return std::fs::write(path, out).map_err(|e| fail(&e));
    }
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let sheet = book.add_worksheet();
    sheet.set_name("客户").map_err(|e| fail(&e))?;
    for (i, c) in cols.iter().enumerate() {
        let col = i as u16;
        sheet
            .set_column_width(col, 16)
            .and_then(|s| s.write_string_with_format(0, col, header(c), &bold))
            .and_then(|s| s.write_string(1, col, &c.example))
            .map_err(|e| fail(&e))?;
        if c.as_text {
            sheet.set_column_format(col, &text).map_err(|e| fail(&e))?;
        }
    }
    let notes = book.add_worksheet();
    notes.set_name("说明").map_err(|e| fail(&e))?;
    for (i, head) in ["列 column", "必填 required", "格式 format"]
        .iter()
        .enumerate()
    {
        notes
            .write_string_with_format(0, i as u16, *head, &bold)
            .map_err(|e| fail(&e))?;
    }
    for (i, c) in cols.iter().enumerate() {
        let row = i as u32 + 1;
        notes
            .write_string(row, 0, &c.header)
            .and_then(|s| s.write_string(row, 1, if c.required { "是 yes" } else { "" }))
            .and_then(|s| s.write_string(row, 2, &c.note))
            .map_err(|e| fail(&e))?;
    }
    notes.set_column_width(0, 14).map_err(|e| fail(&e))?;
    notes.set_column_width(2, 70).map_err(|e| fail(&e))?;
    book.save(path).map_err(|e| fail(&e))
}
