//! Deterministic synthetic customers for benchmarks and large tests: valid
//! tax IDs, realistic Chinese names, every field filled as a file would.

use crate::domain::field::FieldValues;
use crate::domain::tax_id::{org_code_check_char, uscc_check_char};

const CITIES: &[(&str, &str, &str, &str)] = &[
    ("深圳市", "440300", "0755", "华南"),
    ("广州市", "440100", "020", "华南"),
    ("上海", "310000", "021", "华东"),
    ("北京", "110000", "010", "华北"),
    ("杭州市", "330100", "0571", "华东"),
    ("成都市", "510100", "028", "西南"),
    ("武汉市", "420100", "027", "华中"),
    ("南京市", "320100", "025", "华东"),
    ("西安市", "610100", "029", "西北"),
    ("沈阳市", "210100", "024", "东北"),
];
const BRAND: &[char] = &[
    '华', '强', '鑫', '达', '恒', '通', '瑞', '丰', '金', '泰', '宏', '远', '嘉', '诚', '盛', '隆',
    '兴', '旺', '博', '信', '德', '康', '佳', '利', '永', '安', '新', '源', '锦', '程', '光', '明',
    '中', '天', '正', '和', '东', '方', '海', '峰', '宇', '辰', '创', '晟', '凯', '力', '美', '达',
    '荣', '昌',
];
const TRADES: &[(&str, &str, &str)] = &[
    ("电子", "制造业", "13%"),
    ("科技", "信息技术", "6%"),
    ("贸易", "批发零售", "13%"),
    ("建材", "建筑业", "9%"),
    ("物流", "交通物流", "9%"),
    ("食品", "批发零售", "13%"),
    ("机械", "制造业", "13%"),
    ("餐饮管理", "餐饮住宿", "6%"),
];
const SURNAMES: &[char] = &['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];
const GIVEN: &[&str] = &["芳", "伟", "娜", "强", "静", "磊", "敏", "军", "洋", "婷"];
const BANKS: &[&str] = &[
    "中国工商银行",
    "中国建设银行",
    "招商银行",
    "中国银行",
    "交通银行",
];
const USCC_BODY: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The `i`-th synthetic customer; different `i` give different names and tax IDs.
pub fn customer_values(i: u64) -> FieldValues {
    let mut rng = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let mut next = |n: usize| -> usize {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n as u64) as usize
    };
    let (city, division, area, region) = CITIES[next(CITIES.len())];
    let (trade, industry, rate) = TRADES[next(TRADES.len())];
    // Three brand characters from `i` itself keep names distinct for 125,000 rows;
    // past that a branch number is added.
    let b = BRAND.len() as u64;
    let brand: String = [i % b, (i / b) % b, (i / (b * b)) % b]
        .iter()
        .map(|k| BRAND[*k as usize])
        .collect();
    let branch = if i >= b * b * b {
        format!("第{}分公司", i / (b * b * b))
    } else {
        String::new()
    };
    let name = format!("{city}{brand}{trade}有限公司{branch}");
    let contact = format!(
        "{}{}",
        SURNAMES[next(SURNAMES.len())],
        GIVEN[next(GIVEN.len())]
    );
    let credit = [0u64, 50_000, 100_000, 200_000, 500_000][next(5)];
    let days = [0u64, 15, 30, 60, 90][next(5)];
    let mut v = FieldValues::new();
    let mut put = |k: &str, val: String| {
        v.insert(k.to_string(), val);
    };
    put("name", name);
    put("tax_id", uscc(division, i));
    put("contact", contact);
    put(
        "phone",
        format!("{area}-{:08}", 60_000_000 + (i * 7919) % 30_000_000),
    );
    put("mobile", format!("13{:09}", (i * 104_729) % 1_000_000_000));
    put("email", format!("finance{i}@example.com.cn"));
    put(
        "registered_address",
        format!("{city}{}区创业路{}号", &brand[..3], i % 999 + 1),
    );
    put(
        "bank_name",
        format!(
            "{}{}{}支行",
            BANKS[next(BANKS.len())],
            city.trim_end_matches('市'),
            &brand[..3]
        ),
    );
    put("bank_account", format!("6222{:015}", i * 31 + 7));
    put("invoice_type", "special".into());
    put("tax_rate", rate.into());
    put(
        "settlement",
        if credit == 0 { "cash" } else { "credit" }.into(),
    );
    put("payment_days", days.to_string());
    put("credit_limit", format!("{credit}.00"));
    put("industry", industry.into());
    put("region", region.into());
    v
}

/// A valid 统一社会信用代码 whose organisation code encodes `serial`.
pub fn uscc(division: &str, serial: u64) -> String {
    let mut body = String::with_capacity(9);
    let mut n = serial;
    for _ in 0..8 {
        body.insert(0, char::from(USCC_BODY[(n % 31) as usize]));
        n /= 31;
    }
    let org_check = org_code_check_char(&body).unwrap_or('0');
    let first17 = format!("91{division}{body}{org_check}");
    let last = uscc_check_char(&first17).unwrap_or('0');
    format!("{first17}{last}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tax_id;

    #[test]
    fn synthetic_tax_ids_are_valid_and_distinct() {
        let ids: std::collections::HashSet<String> = (0..2000)
            .map(|i| customer_values(i)["tax_id"].clone())
            .collect();
        assert_eq!(ids.len(), 2000);
        assert!(ids.iter().all(|id| tax_id::check(id).valid));
    }
}
