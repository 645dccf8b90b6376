//! Why a tax or identity number is refused, and what is worth a look
//! though valid: each with a stable code and its text in both languages.

use crate::domain::text::Text;

/// Why an ID is invalid. Positions are 1-based, counted on the normalised ID.
#[derive(thiserror::Error, Clone, Debug, PartialEq, Eq)]
pub enum IdError {
    #[error(
        "the ID is empty: enter the 18-character credit code, or the old taxpayer or resident ID number"
    )]
    Empty,
    #[error(
        "the ID has {len} characters but needs 18 (credit code or resident ID), 15 or 20 (old taxpayer number): look for missing or extra characters"
    )]
    Length { len: usize },
    #[error(
        "character {ch:?} at position {position} is not allowed: credit codes use only digits and capital letters other than I, O, S, V and Z"
    )]
    BadChar { position: usize, ch: char },
    #[error("position {position} must be a digit but is {ch:?}: retype it")]
    NotDigit { position: usize, ch: char },
    #[error(
        "organisation code check character (position 17) should be {expected} but is {found}: a character in positions 9-17 is mistyped"
    )]
    OrgCodeCheck { expected: char, found: char },
    #[error(
        "check character (position 18) should be {expected} but is {found}: a character is mistyped"
    )]
    CheckChar { expected: char, found: char },
    #[error(
        "resident ID check character (position 18) should be {expected} but is {found}: a digit is mistyped"
    )]
    ResidentIdCheck { expected: char, found: char },
    #[error(
        "birth date {date_text} (positions 7-14) is not a real date or is in the future: check those digits"
    )]
    BirthDate { date_text: String },
    #[error(
        "birth year {year} (positions 7-10) is out of range for a resident ID (1900 to this year): check those digits"
    )]
    BirthYear { year: i32 },
}

impl IdError {
    /// Stable code the fronts key on.
    pub fn code(&self) -> &'static str {
        match self {
            IdError::Empty => "tax_id.empty",
            IdError::Length { .. } => "tax_id.length",
            IdError::BadChar { .. } | IdError::NotDigit { .. } => "tax_id.bad_char",
            IdError::OrgCodeCheck { .. } => "tax_id.org_check",
            IdError::CheckChar { .. } => "tax_id.check_char",
            IdError::ResidentIdCheck { .. } => "tax_id.resident_check",
            IdError::BirthDate { .. } => "tax_id.birth_date",
            IdError::BirthYear { .. } => "tax_id.birth_year",
        }
    }

    pub fn text(&self) -> Text {
        let zh = match self {
            IdError::Empty => {
                "号码为空：请输入18位统一社会信用代码，或旧纳税人识别号、身份证号".to_string()
            }
            IdError::Length { len } => format!(
                "号码有 {len} 位，应为18位（统一社会信用代码或身份证号）、15位或20位（旧纳税人识别号）：请检查是否漏输或多输了字符"
            ),
            IdError::BadChar { position, ch } => format!(
                "第{position}位的字符 {ch:?} 不允许：统一社会信用代码只用数字和除 I、O、S、V、Z 以外的大写字母"
            ),
            IdError::NotDigit { position, ch } => {
                format!("第{position}位应为数字，实际为 {ch:?}：请重新输入")
            }
            IdError::OrgCodeCheck { expected, found } => format!(
                "组织机构代码校验位（第17位）应为 {expected}，实际为 {found}：第9-17位中有字符输入错误"
            ),
            IdError::CheckChar { expected, found } => {
                format!("校验位（第18位）应为 {expected}，实际为 {found}：有字符输入错误")
            }
            IdError::ResidentIdCheck { expected, found } => {
                format!("身份证校验位（第18位）应为 {expected}，实际为 {found}：有数字输入错误")
            }
            IdError::BirthDate { date_text } => {
                format!("出生日期 {date_text}（第7-14位）不是有效日期或晚于今天：请检查这几位数字")
            }
            IdError::BirthYear { year } => format!(
                "出生年份 {year}（第7-10位）超出身份证号的范围（1900年至今）：请检查这几位数字"
            ),
        };
        Text::new(self.to_string(), zh)
    }
}

/// Valid, but worth a look.
#[derive(thiserror::Error, Clone, Debug, PartialEq, Eq)]
pub enum IdWarning {
    #[error(
        "positions 1-2 ({pair}) are not a known registration authority and organisation type: check the first two characters"
    )]
    UnknownType { pair: String },
    #[error(
        "organisation code check character (position 15) should be {expected} but is {found}; some old tax bureau numbers have no check digit, so compare with the tax registration certificate"
    )]
    LegacyNoCheck { expected: char, found: char },
}

impl IdWarning {
    pub fn code(&self) -> &'static str {
        match self {
            IdWarning::UnknownType { .. } => "tax_id.unknown_type",
            IdWarning::LegacyNoCheck { .. } => "tax_id.legacy_no_check",
        }
    }

    pub fn text(&self) -> Text {
        let zh = match self {
            IdWarning::UnknownType { pair } => {
                format!("第1-2位（{pair}）不是已知的登记管理部门和机构类别：请检查前两位")
            }
            IdWarning::LegacyNoCheck { expected, found } => format!(
                "组织机构代码校验位（第15位）应为 {expected}，实际为 {found}；部分旧税务登记号没有校验位，请与税务登记证核对"
            ),
        };
        Text::new(self.to_string(), zh)
    }
}
