//! The contact fields: the contact person, phone and mobile (normalised),
//! e-mail, and the bank account number.

use super::super::contact;
use super::super::customer::CustomerData;
use super::super::field::{Field, FieldSource};
use super::super::problem::Problems;
use super::{collapse_spaces, error, warning};

pub(super) fn check_contacts(values: &impl FieldSource, data: &mut CustomerData, p: &mut Problems) {
    let get = |f: Field| values.field(f);
    data.contact = collapse_spaces(get(Field::Contact));
    let phone = get(Field::Phone);
    data.phone = collapse_spaces(phone);
    if !phone.is_empty() && !contact::has_only_phone_chars(phone) {
        p.push(error(
            Field::Phone,
            "phone.format",
            format!("Phone “{phone}” may only hold digits, spaces, - and an extension (转)."),
            format!("电话“{phone}”只能包含数字、空格、- 和分机号（转）。"),
        ));
    } else if !phone.is_empty() && !contact::is_plausible_phone(phone) {
        p.push(warning(
            Field::Phone,
            "phone.unusual",
            format!("Phone “{phone}” does not look like 0755-83456789, 400-xxx-xxxx or a mobile."),
            format!("电话“{phone}”不像常见格式（如 0755-83456789、400 电话或手机号）。"),
        ));
    }
    let mobile = get(Field::Mobile);
    if !mobile.is_empty() {
        match contact::normalize_mobile(mobile) {
            Some(m) => data.mobile = m,
            None => {
                data.mobile = mobile.to_string();
                p.push(error(
                    Field::Mobile,
                    "mobile.format",
                    format!("Mobile “{mobile}” must be 11 digits starting 13–19 (+86 allowed)."),
                    format!("手机号“{mobile}”应为 1 开头、第二位 3–9 的 11 位数字（可带 +86）。"),
                ));
            }
        }
    }
    data.email = get(Field::Email).to_string();
    if !data.email.is_empty() && !contact::is_valid_email(&data.email) {
        p.push(error(
            Field::Email,
            "email.format",
            format!(
                "E-mail “{}” is not an address like name@example.com.",
                data.email
            ),
            format!("邮箱“{}”格式不对，应形如 name@example.com。", data.email),
        ));
    }
    let account = get(Field::BankAccount);
    if !account.is_empty() {
        match contact::normalize_bank_account(account) {
            Some(a) => data.bank_account = a,
            None => {
                data.bank_account = account.to_string();
                p.push(error(
                    Field::BankAccount,
                    "bank_account.format",
                    format!("Bank account “{account}” must be 8–30 digits (spaces allowed)."),
                    format!("银行账号“{account}”应为 8–30 位数字（可含空格）。"),
                ));
            }
        }
    }
}
