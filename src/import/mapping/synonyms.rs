//! Column headers people really write, per customer field and standard
//! classification dimension (shared/GLOSSARY.md, "headers seen in files").
//! Compared after `normalize_header`, so case, spaces, full-width forms,
//! "*" and bracketed notes do not matter. Add more as you meet them.

use crate::domain::field::Field;

/// Header synonyms per field, beyond the field's key and its two labels.
pub(super) const FIELD_SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Code,
        &[
            "客户编码",
            "客户编号",
            "客户代码",
            "编码",
            "编号",
            "代码",
            "customer code",
            "code",
            "id",
            "客户id",
        ],
    ),
    (
        Field::Name,
        &[
            "客户名称",
            "单位名称",
            "公司名称",
            "客户全称",
            "名称",
            "企业名称",
            "购买方名称",
            "单位全称",
            "购方名称",
            "公司全称",
            "全称",
            // 管家婆's 往来单位 and 金蝶 KIS's 客户 lists: 全名 beside 简名/名称.
            "全名",
            "客户",
            "name",
            "customer",
            "company",
            "customer name",
            "company name",
        ],
    ),
    (
        Field::ShortName,
        &["客户简称", "简称", "简名", "short name", "abbreviation"],
    ),
    (
        Field::Mnemonic,
        &["助记码", "拼音码", "拼音简码", "mnemonic"],
    ),
    (
        Field::Kind,
        &[
            "客户类型",
            "类型",
            "客户性质",
            "kind",
            "type",
            "customer type",
        ],
    ),
    (Field::Status, &["状态", "客户状态", "status"]),
    (
        Field::TaxId,
        &[
            "统一社会信用代码",
            "纳税人识别号",
            "税号",
            "信用代码",
            "社会信用代码",
            "识别号",
            "税务登记号",
            "身份证号",
            "身份证",
            "证件号码",
            "纳税人识别号/统一社会信用代码",
            // The tax platform's exports name the buyer's: a list of 购方.
            "购方识别号",
            "购买方纳税人识别号",
            "购方税号",
            "购买方税号",
            "tax id",
            "vat no",
            "uscc",
        ],
    ),
    (
        Field::Contact,
        &["联系人", "联系人姓名", "contact", "contact person"],
    ),
    (
        Field::Phone,
        &[
            "联系电话",
            "电话",
            "座机",
            "固定电话",
            "电话号码",
            "tel",
            "phone",
            "telephone",
        ],
    ),
    (
        Field::Mobile,
        &[
            "手机",
            "手机号",
            "手机号码",
            "移动电话",
            "mobile",
            "cellphone",
            "mobile phone",
        ],
    ),
    (
        Field::Email,
        &["邮箱", "电子邮件", "电子邮箱", "e-mail", "email", "mail"],
    ),
    (
        Field::RegisteredAddress,
        &[
            "注册地址",
            "地址",
            "公司地址",
            "单位地址",
            "address",
            "registered address",
        ],
    ),
    (
        Field::BusinessAddress,
        &[
            "经营地址",
            "收货地址",
            "办公地址",
            "通讯地址",
            "business address",
        ],
    ),
    (
        Field::BankName,
        &[
            "开户行",
            "开户银行",
            "银行",
            "开户行名称",
            "bank",
            "bank name",
        ],
    ),
    (
        Field::BankAccount,
        &[
            "银行账号",
            "账号",
            "开户账号",
            "银行帐号",
            "帐号",
            "account no",
            "bank account",
            "account number",
        ],
    ),
    (
        Field::InvoiceType,
        &["发票类型", "开票类型", "发票种类", "invoice type"],
    ),
    (Field::TaxRate, &["税率", "增值税税率", "tax rate"]),
    (
        Field::Settlement,
        &[
            "结算方式",
            "付款方式",
            "收款方式",
            "settlement",
            "payment method",
        ],
    ),
    (
        Field::PaymentDays,
        &[
            "账期",
            "付款期限",
            "信用期",
            "结算期",
            "账期天数",
            "信用天数",
            "payment terms",
            "payment days",
        ],
    ),
    (
        Field::CreditLimit,
        &["信用额度", "授信额度", "信用限额", "credit limit"],
    ),
    (
        Field::Notes,
        &["备注", "说明", "remarks", "notes", "note", "memo"],
    ),
];

/// Header synonyms of the standard classification dimensions, beyond their
/// code and names in the catalog.
pub(super) const DIMENSION_SYNONYMS: &[(&str, &[&str])] = &[
    ("industry", &["行业", "所属行业", "行业分类", "industry"]),
    ("scale", &["规模", "企业规模", "scale", "size"]),
    (
        "region",
        &["地区", "区域", "省份", "所属地区", "region", "area"],
    ),
    (
        "channel",
        &["渠道", "销售渠道", "客户来源", "来源", "channel", "source"],
    ),
    (
        "credit_grade",
        &["信用等级", "信用级别", "credit grade", "credit rating"],
    ),
];
