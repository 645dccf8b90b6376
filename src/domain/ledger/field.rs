//! The fields of an entry, with their keys and labels.

use super::super::text::Lang;

/// The fields of an entry, for forms, import mappings and problem keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryField {
    Type,
    Date,
    DocNo,
    Amount,
    DueDate,
    Memo,
    OverrideReason,
}

impl EntryField {
    pub const ALL: [EntryField; 7] = [
        EntryField::Type,
        EntryField::Date,
        EntryField::DocNo,
        EntryField::Amount,
        EntryField::DueDate,
        EntryField::Memo,
        EntryField::OverrideReason,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EntryField::Type => "type",
            EntryField::Date => "date",
            EntryField::DocNo => "doc_no",
            EntryField::Amount => "amount",
            EntryField::DueDate => "due_date",
            EntryField::Memo => "memo",
            EntryField::OverrideReason => "override_reason",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (EntryField::Type, Lang::En) => "Type",
            (EntryField::Type, Lang::Zh) => "单据类型",
            (EntryField::Date, Lang::En) => "Date",
            (EntryField::Date, Lang::Zh) => "日期",
            (EntryField::DocNo, Lang::En) => "Doc no.",
            (EntryField::DocNo, Lang::Zh) => "单据号",
            (EntryField::Amount, Lang::En) => "Amount",
            (EntryField::Amount, Lang::Zh) => "金额",
            (EntryField::DueDate, Lang::En) => "Due date",
            (EntryField::DueDate, Lang::Zh) => "到期日",
            (EntryField::Memo, Lang::En) => "Memo",
            (EntryField::Memo, Lang::Zh) => "摘要",
            (EntryField::OverrideReason, Lang::En) => "Override reason",
            (EntryField::OverrideReason, Lang::Zh) => "超额原因",
        }
    }
}
