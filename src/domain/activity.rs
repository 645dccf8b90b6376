//! Activity (活跃度): a classification computed from the ledger, not kept on
//! the customer. It filters and groups like a user-defined dimension
//! (`--class activity=dormant`, `kehu stats --by activity`).

use chrono::NaiveDate;
use serde::Serialize;

use super::text::Lang;

/// The dimension's code; its names are `活跃度` and `Activity`.
pub const CODE: &str = "activity";
pub const NAME_ZH: &str = "活跃度";
pub const NAME_EN: &str = "Activity";

/// Invoiced within this many days of the day asked about: active.
pub const ACTIVE_DAYS: i64 = 90;
/// Last invoiced more than `ACTIVE_DAYS` and at most this many days ago: occasional.
pub const OCCASIONAL_DAYS: i64 = 365;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// Invoiced in the last 90 days (or with an invoice dated later).
    Active,
    /// Last invoiced 91–365 days ago.
    Occasional,
    /// Last invoiced over a year ago.
    Dormant,
    /// Never invoiced.
    Never,
}

impl Activity {
    pub const ALL: [Activity; 4] = [
        Activity::Active,
        Activity::Occasional,
        Activity::Dormant,
        Activity::Never,
    ];

    /// From the date of the customer's last invoice, as of `today`.
    pub fn of(last_invoice: Option<NaiveDate>, today: NaiveDate) -> Activity {
        match last_invoice {
            None => Activity::Never,
            Some(last) => {
                let days = (today - last).num_days();
                if days <= ACTIVE_DAYS {
                    Activity::Active
                } else if days <= OCCASIONAL_DAYS {
                    Activity::Occasional
                } else {
                    Activity::Dormant
                }
            }
        }
    }

    /// The earliest last-invoice date that still counts as this activity
    /// (`None`: no bound), as of `today`.
    pub fn since(self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            Activity::Active => today.checked_sub_signed(chrono::Duration::days(ACTIVE_DAYS)),
            Activity::Occasional => {
                today.checked_sub_signed(chrono::Duration::days(OCCASIONAL_DAYS))
            }
            Activity::Dormant | Activity::Never => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Activity::Active => "active",
            Activity::Occasional => "occasional",
            Activity::Dormant => "dormant",
            Activity::Never => "never",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Activity::Active, Lang::En) => "Active",
            (Activity::Active, Lang::Zh) => "活跃",
            (Activity::Occasional, Lang::En) => "Occasional",
            (Activity::Occasional, Lang::Zh) => "偶尔",
            (Activity::Dormant, Lang::En) => "Dormant",
            (Activity::Dormant, Lang::Zh) => "休眠",
            (Activity::Never, Lang::En) => "Never invoiced",
            (Activity::Never, Lang::Zh) => "从未开票",
        }
    }

    /// Accepts the key or either label (`dormant`, `休眠`, `Never invoiced`).
    pub fn parse(text: &str) -> Option<Activity> {
        let t = text.trim();
        Activity::ALL.into_iter().find(|a| {
            t.eq_ignore_ascii_case(a.key())
                || t.eq_ignore_ascii_case(a.label(Lang::En))
                || t == a.label(Lang::Zh)
        })
    }

    /// Whether `key` names the activity dimension (`activity`, `活跃度`).
    pub fn is_dimension(key: &str) -> bool {
        let k = key.trim();
        k.eq_ignore_ascii_case(CODE) || k == NAME_ZH
    }

    pub fn dimension_label(lang: Lang) -> &'static str {
        match lang {
            Lang::En => NAME_EN,
            Lang::Zh => NAME_ZH,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_edges_fall_on_90_and_365_days() {
        let today = d("2026-12-31");
        let of = |s: &str| Activity::of(Some(d(s)), today);
        assert_eq!(of("2027-01-05"), Activity::Active);
        assert_eq!(of("2026-10-02"), Activity::Active); // 90 days
        assert_eq!(of("2026-10-01"), Activity::Occasional); // 91 days
        assert_eq!(of("2025-12-31"), Activity::Occasional); // 365 days
        assert_eq!(of("2025-12-30"), Activity::Dormant); // 366 days
        assert_eq!(Activity::of(None, today), Activity::Never);
    }

    #[test]
    fn keys_and_both_labels_parse() {
        for a in Activity::ALL {
            assert_eq!(Activity::parse(a.key()), Some(a));
            assert_eq!(Activity::parse(a.label(Lang::Zh)), Some(a));
            assert_eq!(Activity::parse(&a.label(Lang::En).to_uppercase()), Some(a));
        }
        assert_eq!(Activity::parse("sleepy"), None);
        assert!(Activity::is_dimension("活跃度") && Activity::is_dimension("Activity"));
    }
}
