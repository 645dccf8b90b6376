//! The period reconciliation report (月度/年度对账情况): for a month or a year,
//! which customers were reconciled, confirmed by whom, what difference is
//! still open, and who has never been reconciled.

use chrono::NaiveDate;
use serde::Serialize;

use super::reconcile::SessionStatus;
use super::{Result, Store};
use crate::domain::date::{from_iso, iso};
use crate::domain::money::Money;

/// Where a customer stands for the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodStanding {
    /// A confirmed session covers (part of) the period.
    Confirmed,
    /// Only a draft covers it.
    Draft,
    /// Reconciled before, but not for this period.
    NotThisPeriod,
    /// No reconciliation saved, ever.
    Never,
}

impl PeriodStanding {
    pub fn message_code(self) -> &'static str {
        match self {
            PeriodStanding::Confirmed => "recon_period.confirmed",
            PeriodStanding::Draft => "recon_period.draft",
            PeriodStanding::NotThisPeriod => "recon_period.not_this_period",
            PeriodStanding::Never => "recon_period.never",
        }
    }
}

/// The session that speaks for a customer in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeriodSession {
    pub id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub our_balance: Money,
    pub their_balance: Money,
    /// The unexplained difference as last saved.
    pub open_difference: Money,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeriodRow {
    pub code: String,
    pub name: String,
    pub standing: PeriodStanding,
    pub session: Option<PeriodSession>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeriodReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Live customers with ledger entries or a reconciliation, by code.
    pub rows: Vec<PeriodRow>,
}

impl PeriodReport {
    pub fn count(&self, standing: PeriodStanding) -> usize {
        self.rows.iter().filter(|r| r.standing == standing).count()
    }

    /// Sum of the differences still open in the period's sessions.
    pub fn open_difference(&self) -> Money {
        Money::from_fen(
            self.rows
                .iter()
                .filter_map(|r| r.session.as_ref())
                .map(|s| s.open_difference.fen())
                .sum(),
        )
    }
}

impl Store {
    /// The period report for `from`..=`to`. A customer's session is the one
    /// overlapping the period, confirmed before draft, then the latest.
    pub fn reconciliation_period(&self, from: NaiveDate, to: NaiveDate) -> Result<PeriodReport> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.code, c.name, s.id, s.period_from, s.period_to, s.status, s.our_balance,
                    s.their_balance, s.unexplained, s.confirmed_by, s.confirmed_at,
                    EXISTS (SELECT 1 FROM reconcile_session x WHERE x.customer_id = c.id)
             FROM customer c
             LEFT JOIN reconcile_session s ON s.id = (
                 SELECT s2.id FROM reconcile_session s2
                 WHERE s2.customer_id = c.id AND s2.period_from <= ?2 AND s2.period_to >= ?1
                 ORDER BY s2.status = 'confirmed' DESC, s2.period_to DESC, s2.id DESC LIMIT 1)
             WHERE c.merged_into IS NULL AND c.status <> 'archived'
               AND (EXISTS (SELECT 1 FROM ledger_account a WHERE a.customer_id = c.id AND a.entries > 0)
                    OR EXISTS (SELECT 1 FROM reconcile_session x WHERE x.customer_id = c.id))
             ORDER BY c.code",
        )?;
        let rows = stmt.query_map([iso(from), iso(to)], |r| {
            let id: Option<i64> = r.get(2)?;
            let ever: bool = r.get(11)?;
            let date = |i: usize| -> rusqlite::Result<NaiveDate> {
                let text: String = r.get(i)?;
                Ok(from_iso(&text).unwrap_or(from))
            };
            let session = match id {
                None => None,
                Some(id) => Some((
                    r.get::<_, String>(5)?,
                    PeriodSession {
                        id,
                        from: date(3)?,
                        to: date(4)?,
                        our_balance: Money::from_fen(r.get(6)?),
                        their_balance: Money::from_fen(r.get(7)?),
                        open_difference: Money::from_fen(r.get(8)?),
                        confirmed_by: r.get(9)?,
                        confirmed_at: r.get(10)?,
                    },
                )),
            };
            let standing = match &session {
                Some((status, _)) if status == SessionStatus::Confirmed.key() => {
                    PeriodStanding::Confirmed
                }
                Some(_) => PeriodStanding::Draft,
                None if ever => PeriodStanding::NotThisPeriod,
                None => PeriodStanding::Never,
            };
            Ok(PeriodRow {
                code: r.get(0)?,
                name: r.get(1)?,
                standing,
                session: session.map(|(_, s)| s),
            })
        })?;
        Ok(PeriodReport {
            from,
            to,
            rows: rows.collect::<rusqlite::Result<_>>()?,
        })
    }
}
