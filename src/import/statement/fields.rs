//! The columns of a customer's statement (对账单) and the headers people write
//! for them. Compared after `normalize_header`, so case, spaces, full-width
//! forms and bracketed notes ("金额（元）") do not matter.

use serde::Serialize;

use crate::domain::Lang;
use crate::import::mapping::normalize_header;

/// What a statement column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementField {
    Date,
    /// Document or reference number (单据号, 发票号, 凭证号).
    Doc,
    Description,
    /// 借方 of their books.
    Debit,
    /// 贷方 of their books.
    Credit,
    /// One signed column, debit positive.
    Amount,
    Balance,
    /// 借 / 贷 beside an unsigned balance.
    Direction,
}

impl StatementField {
    pub const ALL: [StatementField; 8] = [
        StatementField::Date,
        StatementField::Doc,
        StatementField::Description,
        StatementField::Debit,
        StatementField::Credit,
        StatementField::Amount,
        StatementField::Balance,
        StatementField::Direction,
    ];

    /// The key in saved mappings and `--map`.
    pub fn key(self) -> &'static str {
        match self {
            StatementField::Date => "date",
            StatementField::Doc => "doc",
            StatementField::Description => "description",
            StatementField::Debit => "debit",
            StatementField::Credit => "credit",
            StatementField::Amount => "amount",
            StatementField::Balance => "balance",
            StatementField::Direction => "direction",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (StatementField::Date, Lang::En) => "Date",
            (StatementField::Date, Lang::Zh) => "日期",
            (StatementField::Doc, Lang::En) => "Doc no.",
            (StatementField::Doc, Lang::Zh) => "单据号",
            (StatementField::Description, Lang::En) => "Description",
            (StatementField::Description, Lang::Zh) => "摘要",
            (StatementField::Debit, Lang::En) => "Debit",
            (StatementField::Debit, Lang::Zh) => "借方",
            (StatementField::Credit, Lang::En) => "Credit",
            (StatementField::Credit, Lang::Zh) => "贷方",
            (StatementField::Amount, Lang::En) => "Amount",
            (StatementField::Amount, Lang::Zh) => "金额",
            (StatementField::Balance, Lang::En) => "Balance",
            (StatementField::Balance, Lang::Zh) => "余额",
            (StatementField::Direction, Lang::En) => "Dr/Cr",
            (StatementField::Direction, Lang::Zh) => "方向",
        }
    }

    pub fn parse(key: &str) -> Option<StatementField> {
        let key = normalize_header(key);
        StatementField::ALL
            .into_iter()
            .find(|f| normalize_header(f.key()) == key)
    }
}

/// (field, rank, headers): when several columns name one field, the lowest
/// rank wins. A statement often has both the customer's own voucher number
/// (凭证号) and our invoice number (发票号); only the latter can match ours.
const SYNONYMS: &[(StatementField, u8, &[&str])] = &[
    (
        StatementField::Date,
        0,
        &[
            "日期",
            "记账日期",
            "业务日期",
            "单据日期",
            "交易日期",
            "发生日期",
            "开票日期",
            "date",
            "posting date",
            "doc date",
            "transaction date",
        ],
    ),
    (StatementField::Date, 1, &["凭证日期", "制单日期"]),
    (
        StatementField::Doc,
        0,
        &[
            "单据号",
            "单据编号",
            "发票号",
            "发票号码",
            "票号",
            "单号",
            "业务单号",
            "参考号",
            "原始单据号",
            "ref",
            "reference",
            "doc",
            "doc no",
            "document no",
            "invoice no",
            "invoice number",
        ],
    ),
    (
        StatementField::Doc,
        1,
        &[
            "凭证号",
            "凭证字号",
            "凭证编号",
            "凭证号数",
            "记账凭证号",
            "voucher",
            "voucher no",
        ],
    ),
    (
        StatementField::Description,
        0,
        &[
            "摘要",
            "业务摘要",
            "内容",
            "description",
            "narrative",
            "particulars",
        ],
    ),
    (
        StatementField::Description,
        1,
        &["说明", "备注", "memo", "remarks", "note"],
    ),
    (
        StatementField::Debit,
        0,
        &[
            "借方",
            "借方金额",
            "借方发生额",
            "借",
            "debit",
            "dr",
            "debit amount",
        ],
    ),
    // A payables statement from 精斗云, 管家婆, 速达: what they owe us goes
    // up (their credit) or down (their debit).
    (
        StatementField::Debit,
        1,
        &[
            "减少应付款",
            "应付减少",
            "本期付款",
            "已付金额",
            "付款金额",
            "本期减少",
        ],
    ),
    (
        StatementField::Credit,
        0,
        &[
            "贷方",
            "贷方金额",
            "贷方发生额",
            "贷",
            "credit",
            "cr",
            "credit amount",
        ],
    ),
    (
        StatementField::Credit,
        1,
        &["增加应付款", "应付增加", "本期应付", "应付金额", "本期增加"],
    ),
    (
        StatementField::Amount,
        0,
        &[
            "金额",
            "发生额",
            "本期发生额",
            "交易金额",
            "amount",
            "net amount",
        ],
    ),
    (
        StatementField::Balance,
        0,
        &[
            "余额",
            "期末余额",
            "结余",
            "账面余额",
            "balance",
            "running balance",
        ],
    ),
    (
        StatementField::Balance,
        1,
        &["应付款余额", "应付余额", "应付账款余额", "期末应付"],
    ),
    (
        StatementField::Direction,
        0,
        &[
            "方向",
            "余额方向",
            "借或贷",
            "借/贷",
            "借贷",
            "dr/cr",
            "direction",
        ],
    ),
];

/// The field a header names and how strongly (0 = best), if any.
pub fn recognise(header: &str) -> Option<(StatementField, u8)> {
    let key = normalize_header(header);
    if key.is_empty() {
        return None;
    }
    if let Some(field) = StatementField::parse(&key) {
        return Some((field, 0));
    }
    SYNONYMS
        .iter()
        .find(|(_, _, names)| names.iter().any(|n| normalize_header(n) == key))
        .map(|(field, rank, _)| (*field, *rank))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_english_headers_are_recognised() {
        let f = |h: &str| recognise(h).map(|(f, _)| f);
        assert_eq!(f("日期"), Some(StatementField::Date));
        assert_eq!(f("发票号码"), Some(StatementField::Doc));
        assert_eq!(f("凭证号"), Some(StatementField::Doc));
        assert_eq!(f("摘 要"), Some(StatementField::Description));
        assert_eq!(f("借方金额（元）"), Some(StatementField::Debit));
        assert_eq!(f("Credit"), Some(StatementField::Credit));
        assert_eq!(f("金额"), Some(StatementField::Amount));
        assert_eq!(f("余额"), Some(StatementField::Balance));
        assert_eq!(f("借/贷"), Some(StatementField::Direction));
        assert_eq!(f("Ref."), Some(StatementField::Doc));
        assert_eq!(f("应付账款明细账"), None);
        // Our invoice number outranks their voucher number.
        assert!(recognise("发票号").unwrap().1 < recognise("凭证号").unwrap().1);
    }
}
