//! The columns of the tax platform's issued-invoice export (全量发票查询 →
//! 导出), by the names they have carried across the years: the 数电 exports
//! (数电票号码 / 数电发票号码, 销方识别号, 购买方名称…), the older VAT ones
//! (发票代码 + 发票号码, 销售方纳税人识别号, 购方名称…), at invoice level or at
//! line level (one row per goods line, 货物或应税劳务名称 / 项目名称).

/// What a column of the export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Col {
    /// The 20-digit 数电 number.
    DigitalNumber,
    /// 发票代码 of an older invoice (10 or 12 digits).
    Code,
    /// 发票号码: 8 digits beside a 发票代码, or the 20-digit 数电 number.
    Number,
    SellerTaxId,
    SellerName,
    BuyerTaxId,
    BuyerName,
    Date,
    /// 金额, before tax.
    Net,
    Rate,
    Tax,
    /// 价税合计.
    Gross,
    Kind,
    Status,
    /// 是否正数发票: 是 / 否.
    Positive,
    Note,
    Issuer,
    BuyerAddressPhone,
    BuyerBank,
    /// Only in line-level exports: the goods or service of the line.
    Item,
}

/// Header texts per column, compared after dropping spaces and brackets'
/// full-width forms.
const NAMES: &[(Col, &[&str])] = &[
    (
        Col::DigitalNumber,
        &["数电票号码", "数电发票号码", "全电发票号码"],
    ),
    (Col::Code, &["发票代码"]),
    (Col::Number, &["发票号码"]),
    (
        Col::SellerTaxId,
        &[
            "销方识别号",
            "销售方纳税人识别号",
            "销方纳税人识别号",
            "销售方识别号",
        ],
    ),
    (Col::SellerName, &["销方名称", "销售方名称"]),
    (
        Col::BuyerTaxId,
        &[
            "购方识别号",
            "购买方纳税人识别号",
            "购方纳税人识别号",
            "购买方识别号",
        ],
    ),
    (Col::BuyerName, &["购买方名称", "购方名称"]),
    (Col::Date, &["开票日期", "开票时间"]),
    (Col::Net, &["金额", "合计金额", "不含税金额"]),
    (Col::Rate, &["税率", "征收率", "税率/征收率"]),
    (Col::Tax, &["税额", "合计税额"]),
    (Col::Gross, &["价税合计", "价税合计金额"]),
    (Col::Kind, &["发票票种", "票种", "发票类型"]),
    (Col::Status, &["发票状态"]),
    (Col::Positive, &["是否正数发票"]),
    (Col::Note, &["备注"]),
    (Col::Issuer, &["开票人"]),
    (
        Col::BuyerAddressPhone,
        &["购方地址电话", "购买方地址电话", "购方地址、电话"],
    ),
    (
        Col::BuyerBank,
        &[
            "购方银行账号",
            "购买方开户行及账号",
            "购方开户行及账号",
            "购方银行账户",
        ],
    ),
    (
        Col::Item,
        &[
            "货物或应税劳务名称",
            "货物或应税劳务、服务名称",
            "项目名称",
            "商品名称",
        ],
    ),
];

/// The column a header names, if it is one of the export's.
pub fn recognise(header: &str) -> Option<Col> {
    let key: String = header
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '／' => '/',
            _ => c,
        })
        .collect();
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(col, _)| *col)
}

/// Where each column is in one export's header row.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    found: Vec<(Col, usize)>,
    pub headers: Vec<String>,
}

impl Columns {
    /// The first column of each kind in `headers`.
    pub fn of(headers: &[String]) -> Columns {
        let mut found: Vec<(Col, usize)> = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            if let Some(col) = recognise(h)
                && !found.iter().any(|(c, _)| *c == col)
            {
                found.push((col, i));
            }
        }
        Columns {
            found,
            headers: headers.to_vec(),
        }
    }

    pub fn index(&self, col: Col) -> Option<usize> {
        self.found.iter().find(|(c, _)| *c == col).map(|(_, i)| *i)
    }

    /// The header as the file has it ("" when the column is missing).
    pub fn header(&self, col: Col) -> String {
        self.index(col)
            .and_then(|i| self.headers.get(i).cloned())
            .unwrap_or_default()
    }

    /// The columns every export must have, missing ones by their usual name.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.index(Col::DigitalNumber).is_none() && self.index(Col::Number).is_none() {
            missing.push("数电票号码 / 发票号码");
        }
        for (col, name) in [
            (Col::BuyerName, "购买方名称"),
            (Col::Date, "开票日期"),
            (Col::Gross, "价税合计"),
        ] {
            if self.index(col).is_none() {
                missing.push(name);
            }
        }
        missing
    }

    /// The header of an issued-invoice export: every column it must have and
    /// a seller column, which no list of customers has.
    pub fn is_invoice_export(&self) -> bool {
        self.missing().is_empty()
            && (self.index(Col::SellerTaxId).is_some() || self.index(Col::SellerName).is_some())
    }

    /// A line-level export: one row per goods line, grouped by invoice number.
    pub fn line_level(&self) -> bool {
        self.index(Col::Item).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_every_year_are_recognised() {
        assert_eq!(recognise("数电票号码"), Some(Col::DigitalNumber));
        assert_eq!(recognise(" 数电发票号码 "), Some(Col::DigitalNumber));
        assert_eq!(recognise("销售方纳税人识别号"), Some(Col::SellerTaxId));
        assert_eq!(recognise("购方名称"), Some(Col::BuyerName));
        assert_eq!(recognise("税率/征收率"), Some(Col::Rate));
        assert_eq!(recognise("税率／征收率"), Some(Col::Rate));
        assert_eq!(recognise("*价税合计"), Some(Col::Gross));
        assert_eq!(recognise("客户名称"), None);
        let cols = Columns::of(&["发票代码".into(), "发票号码".into(), "购方名称".into()]);
        assert_eq!(cols.index(Col::Number), Some(1));
        assert_eq!(cols.missing(), vec!["开票日期", "价税合计"]);
        assert!(!cols.line_level());
    }
}
