//! The kinds of ledger entry and which way each moves the balance.

use serde::Serialize;

use crate::domain::text::Lang;

/// What a ledger entry records. The stored amount is signed: positive means
/// the customer owes more (a debit, 借方), negative less (a credit, 贷方).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// 期初余额: what was owed (or, negative, held as credit) when the ledger started.
    Opening,
    /// 销售发票: an invoice issued; due after the customer's payment terms.
    Invoice,
    /// 收款: money received, allocated to open invoices.
    Receipt,
    /// 红字发票 / 退货 / 折让: a credit note or return.
    Credit,
    /// 预收款: money received in advance, held as credit until allocated.
    Prepayment,
    /// 调整: a correction either way; needs a reason.
    Adjustment,
}

/// How the typed amount becomes the signed stored one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Always increases the balance (typed positive).
    Debit,
    /// Always decreases the balance (typed positive).
    Credit,
    /// Either way, as typed (negative decreases).
    AsTyped,
}

impl EntryKind {
    pub const ALL: [EntryKind; 6] = [
        EntryKind::Opening,
        EntryKind::Invoice,
        EntryKind::Receipt,
        EntryKind::Credit,
        EntryKind::Prepayment,
        EntryKind::Adjustment,
    ];

    /// The key stored in the database and shown in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            EntryKind::Opening => "opening",
            EntryKind::Invoice => "invoice",
            EntryKind::Receipt => "receipt",
            EntryKind::Credit => "credit",
            EntryKind::Prepayment => "prepayment",
            EntryKind::Adjustment => "adjustment",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (EntryKind::Opening, Lang::En) => "Opening balance",
            (EntryKind::Opening, Lang::Zh) => "期初余额",
            (EntryKind::Invoice, Lang::En) => "Invoice",
            (EntryKind::Invoice, Lang::Zh) => "销售发票",
            (EntryKind::Receipt, Lang::En) => "Receipt",
            (EntryKind::Receipt, Lang::Zh) => "收款",
            (EntryKind::Credit, Lang::En) => "Credit note",
            (EntryKind::Credit, Lang::Zh) => "红字发票/退货",
            (EntryKind::Prepayment, Lang::En) => "Prepayment",
            (EntryKind::Prepayment, Lang::Zh) => "预收款",
            (EntryKind::Adjustment, Lang::En) => "Adjustment",
            (EntryKind::Adjustment, Lang::Zh) => "调整",
        }
    }

    /// Words people write in a type column, besides the key and the labels.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            EntryKind::Opening => &["期初", "open", "openingbalance"],
            EntryKind::Invoice => &[
                "发票", "开票", "应收", "专票", "普票", "inv", "sale", "sales",
            ],
            EntryKind::Receipt => &["回款", "到账", "收款单", "payment", "paid"],
            EntryKind::Credit => &[
                "红字",
                "红字发票",
                "退货",
                "折让",
                "红冲",
                "creditnote",
                "return",
                "refund",
            ],
            EntryKind::Prepayment => &["预收", "预收账款", "定金", "advance", "deposit"],
            EntryKind::Adjustment => &["调账", "adjust", "adj"],
        }
    }

    /// Accepts the key, either label or a known alias, ignoring case and spaces.
    pub fn parse(text: &str) -> Option<EntryKind> {
        // Called for every row of a ledger import: a cell that is already
        // clean (the usual case) is compared as it is, without copies.
        let wanted: std::borrow::Cow<str> =
            if text.chars().any(|c| c.is_whitespace() || c.is_uppercase()) {
                text.chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_lowercase()
                    .into()
            } else {
                text.into()
            };
        if wanted.is_empty() {
            return None;
        }
        let wanted = wanted.as_ref();
        EntryKind::ALL.into_iter().find(|kind| {
            wanted == kind.key()
                || kind
                    .label(Lang::En)
                    .chars()
                    .filter(|c| *c != ' ')
                    .flat_map(char::to_lowercase)
                    .eq(wanted.chars())
                || wanted == kind.label(Lang::Zh)
                || kind.aliases().contains(&wanted)
        })
    }

    pub fn direction(self) -> Direction {
        match self {
            EntryKind::Invoice => Direction::Debit,
            EntryKind::Receipt | EntryKind::Credit | EntryKind::Prepayment => Direction::Credit,
            EntryKind::Opening | EntryKind::Adjustment => Direction::AsTyped,
        }
    }

    /// Credits of this kind go to open invoices as soon as they are entered;
    /// prepayments and credit-side adjustments wait to be allocated.
    pub fn allocates_on_entry(self) -> bool {
        matches!(self, EntryKind::Receipt | EntryKind::Credit)
    }
}

impl std::fmt::Display for EntryKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_labels_and_aliases() {
        for kind in EntryKind::ALL {
            assert_eq!(EntryKind::parse(kind.key()), Some(kind));
            assert_eq!(EntryKind::parse(kind.label(Lang::Zh)), Some(kind));
            assert_eq!(EntryKind::parse(kind.label(Lang::En)), Some(kind));
        }
        assert_eq!(EntryKind::parse(" 回款 "), Some(EntryKind::Receipt));
        assert_eq!(EntryKind::parse("Credit Note"), Some(EntryKind::Credit));
        assert_eq!(EntryKind::parse("退货"), Some(EntryKind::Credit));
        assert_eq!(EntryKind::parse("预收"), Some(EntryKind::Prepayment));
        assert_eq!(EntryKind::parse(""), None);
        assert_eq!(EntryKind::parse("gift"), None);
    }
}
