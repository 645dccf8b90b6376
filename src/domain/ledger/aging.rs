//! Aging (账龄): outstanding amounts by how long past their due date they are.
//! Pure: the store feeds it rows or asks it for the bucket edges as dates.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::domain::money::Money;
use crate::domain::text::Lang;

/// How far past due an open amount is, as of some date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bucket {
    /// Due today or later (0 days overdue or fewer).
    NotDue,
    Days1To30,
    Days31To60,
    Days61To90,
    Days91To180,
    Over180,
}

impl Bucket {
    pub const ALL: [Bucket; 6] = [
        Bucket::NotDue,
        Bucket::Days1To30,
        Bucket::Days31To60,
        Bucket::Days61To90,
        Bucket::Days91To180,
        Bucket::Over180,
    ];

    /// The most days overdue each bucket holds (`Over180` has no end).
    const LAST_DAY: [i64; 5] = [0, 30, 60, 90, 180];

    /// `days_overdue` = as-of date − due date; zero or less is not yet due.
    pub fn for_days_overdue(days_overdue: i64) -> Bucket {
        let index = Self::LAST_DAY
            .iter()
            .position(|last| days_overdue <= *last)
            .unwrap_or(Self::LAST_DAY.len());
        Self::ALL[index]
    }

    pub fn of(due: NaiveDate, as_of: NaiveDate) -> Bucket {
        Bucket::for_days_overdue(days_overdue(due, as_of))
    }

    /// Key used in JSON and CSV headers.
    pub fn key(self) -> &'static str {
        match self {
            Bucket::NotDue => "not_due",
            Bucket::Days1To30 => "days_1_30",
            Bucket::Days31To60 => "days_31_60",
            Bucket::Days61To90 => "days_61_90",
            Bucket::Days91To180 => "days_91_180",
            Bucket::Over180 => "over_180",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Bucket::NotDue, Lang::En) => "Not yet due",
            (Bucket::NotDue, Lang::Zh) => "未到期",
            (Bucket::Days1To30, Lang::En) => "1–30 days",
            (Bucket::Days1To30, Lang::Zh) => "逾期1-30天",
            (Bucket::Days31To60, Lang::En) => "31–60 days",
            (Bucket::Days31To60, Lang::Zh) => "逾期31-60天",
            (Bucket::Days61To90, Lang::En) => "61–90 days",
            (Bucket::Days61To90, Lang::Zh) => "逾期61-90天",
            (Bucket::Days91To180, Lang::En) => "91–180 days",
            (Bucket::Days91To180, Lang::Zh) => "逾期91-180天",
            (Bucket::Over180, Lang::En) => "Over 180 days",
            (Bucket::Over180, Lang::Zh) => "逾期180天以上",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// As its key (`days_1_30`), the same as the JSON field names of [`Aged`].
impl Serialize for Bucket {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// Days from `due` to `as_of`: positive when overdue.
pub fn days_overdue(due: NaiveDate, as_of: NaiveDate) -> i64 {
    as_of.signed_duration_since(due).num_days()
}

/// The bucket edges as due dates, so a database can bucket with plain date
/// comparisons: an amount due on `d` is in the first bucket whose `earliest_due` ≤ `d`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgingEdges {
    /// Earliest due date of each bucket but the last, in `Bucket::ALL` order.
    earliest_due: [NaiveDate; 5],
}

impl AgingEdges {
    pub fn new(as_of: NaiveDate) -> AgingEdges {
        // An amount due on as_of − LAST_DAY[i] is exactly LAST_DAY[i] days overdue.
        let edge = |last: i64| {
            as_of
                .checked_sub_days(Days::new(last.unsigned_abs()))
                .unwrap_or(NaiveDate::MIN)
        };
        AgingEdges {
            earliest_due: Bucket::LAST_DAY.map(edge),
        }
    }

    /// Earliest due date in `bucket`; `None` for the open-ended `Over180`.
    pub fn earliest_due(&self, bucket: Bucket) -> Option<NaiveDate> {
        self.earliest_due.get(bucket.index()).copied()
    }
}

/// Outstanding amounts by bucket, plus credit not yet allocated (negative).
/// `total` is the balance: the buckets plus `unapplied`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Aged {
    pub not_due: Money,
    pub days_1_30: Money,
    pub days_31_60: Money,
    pub days_61_90: Money,
    pub days_91_180: Money,
    pub over_180: Money,
    /// Receipts, prepayments and credits not yet set against an invoice (≤ 0).
    pub unapplied: Money,
    pub total: Money,
}

impl Aged {
    pub fn get(&self, bucket: Bucket) -> Money {
        match bucket {
            Bucket::NotDue => self.not_due,
            Bucket::Days1To30 => self.days_1_30,
            Bucket::Days31To60 => self.days_31_60,
            Bucket::Days61To90 => self.days_61_90,
            Bucket::Days91To180 => self.days_91_180,
            Bucket::Over180 => self.over_180,
        }
    }

    fn slot(&mut self, bucket: Bucket) -> &mut Money {
        match bucket {
            Bucket::NotDue => &mut self.not_due,
            Bucket::Days1To30 => &mut self.days_1_30,
            Bucket::Days31To60 => &mut self.days_31_60,
            Bucket::Days61To90 => &mut self.days_61_90,
            Bucket::Days91To180 => &mut self.days_91_180,
            Bucket::Over180 => &mut self.over_180,
        }
    }

    /// Adds an open amount to its bucket and the total; `None` on overflow.
    pub fn add(&mut self, bucket: Bucket, amount: Money) -> Option<()> {
        let slot = self.slot(bucket);
        *slot = slot.checked_add(amount)?;
        self.total = self.total.checked_add(amount)?;
        Some(())
    }

    /// Adds unallocated credit (a negative amount) to `unapplied` and the total.
    pub fn add_unapplied(&mut self, amount: Money) -> Option<()> {
        self.unapplied = self.unapplied.checked_add(amount)?;
        self.total = self.total.checked_add(amount)?;
        Some(())
    }

    /// Adds every figure of `other`; `None` on overflow.
    pub fn merge(&mut self, other: &Aged) -> Option<()> {
        for bucket in Bucket::ALL {
            let slot = self.slot(bucket);
            *slot = slot.checked_add(other.get(bucket))?;
        }
        self.unapplied = self.unapplied.checked_add(other.unapplied)?;
        self.total = self.total.checked_add(other.total)?;
        Some(())
    }

    /// Everything past due (all buckets but `NotDue`).
    pub fn overdue(&self) -> Money {
        Money::sum(Bucket::ALL[1..].iter().map(|b| self.get(*b))).unwrap_or(Money::ZERO)
    }
}

/// Ages open items `(due date, signed outstanding)`: positive amounts go to
/// their bucket, negative ones (unallocated credit) to `unapplied`.
/// `None` on overflow.
pub fn age<I>(items: I, as_of: NaiveDate) -> Option<Aged>
where
    I: IntoIterator<Item = (NaiveDate, Money)>,
{
    let mut aged = Aged::default();
    for (due, open) in items {
        if open.is_negative() {
            aged.add_unapplied(open)?;
        } else {
            aged.add(Bucket::of(due, as_of), open)?;
        }
    }
    Some(aged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn bucket_edges_by_days_overdue() {
        let cases = [
            (-5, Bucket::NotDue),
            (0, Bucket::NotDue),
            (1, Bucket::Days1To30),
            (30, Bucket::Days1To30),
            (31, Bucket::Days31To60),
            (60, Bucket::Days31To60),
            (61, Bucket::Days61To90),
            (90, Bucket::Days61To90),
            (91, Bucket::Days91To180),
            (180, Bucket::Days91To180),
            (181, Bucket::Over180),
            (5000, Bucket::Over180),
        ];
        for (days, bucket) in cases {
            assert_eq!(Bucket::for_days_overdue(days), bucket, "{days} days");
        }
    }

    #[test]
    fn date_edges_agree_with_day_counts() {
        let as_of = d("2024-03-01");
        let edges = AgingEdges::new(as_of);
        for days in -3..400 {
            let due = as_of - chrono::Duration::days(days);
            let by_edges = Bucket::ALL
                .into_iter()
                .find(|b| edges.earliest_due(*b).is_none_or(|e| due >= e))
                .unwrap();
            assert_eq!(by_edges, Bucket::of(due, as_of), "{days} days");
        }
        // Leap day: 30 days before 2024-03-01 is 2024-01-31.
        assert_eq!(edges.earliest_due(Bucket::Days1To30), Some(d("2024-01-31")));
        assert_eq!(edges.earliest_due(Bucket::Over180), None);
    }

    #[test]
    fn age_splits_debits_and_unapplied_credit() {
        let as_of = d("2024-06-30");
        let aged = age(
            [
                (d("2024-07-10"), Money::from_fen(100)),
                (d("2024-06-29"), Money::from_fen(200)),
                (d("2023-01-01"), Money::from_fen(300)),
                (d("2024-06-01"), Money::from_fen(-50)),
            ],
            as_of,
        )
        .unwrap();
        assert_eq!(aged.not_due, Money::from_fen(100));
        assert_eq!(aged.days_1_30, Money::from_fen(200));
        assert_eq!(aged.over_180, Money::from_fen(300));
        assert_eq!(aged.unapplied, Money::from_fen(-50));
        assert_eq!(aged.total, Money::from_fen(550));
        assert_eq!(aged.overdue(), Money::from_fen(500));
    }
}
