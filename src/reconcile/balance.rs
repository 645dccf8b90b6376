//! The reconciliation statement (余额调节表): our balance plus the effect of
//! every reconciling item equals their balance. That identity holds by
//! construction, since every line is in exactly one bucket; what the
//! bookkeeper works down is the part no note explains yet.

use std::collections::HashMap;

use serde::Serialize;

use super::line::{Line, Side};
use super::model::Reconciliation;
use crate::domain::Money;

fn item<'a>(
    kind: ItemKind,
    ours: &'a [Line],
    theirs: &'a [Line],
    effect: i64,
) -> ReconcilingItem<'a> {
    ReconcilingItem {
        kind,
        ours,
        theirs,
        effect: Money::from_fen(effect),
        note: None,
    }
}

/// Why the balances differ, one cause at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// The openings differ: a difference carried over from before the period.
    Opening,
    /// In our ledger, not on their statement (未达账项).
    OnlyOurs,
    /// On their statement, not in our ledger.
    OnlyTheirs,
    /// The same document with different amounts.
    AmountMismatch,
    /// The same amount, dates beyond the tolerance: no effect on the balance,
    /// listed so the period boundary can be checked.
    DateOutsideTolerance,
    /// Matched by hand although the sides differ; its note says why.
    ForcedMatch,
}

impl ItemKind {
    /// How a reconciliation statement names the item.
    pub fn label(self, lang: crate::domain::Lang) -> &'static str {
        use crate::domain::Lang::{En, Zh};
        match (self, lang) {
            (ItemKind::Opening, En) => "Opening balances differ",
            (ItemKind::Opening, Zh) => "期初余额不符",
            (ItemKind::OnlyOurs, En) => "In our books only",
            (ItemKind::OnlyOurs, Zh) => "我方已记、对方未记",
            (ItemKind::OnlyTheirs, En) => "In their books only",
            (ItemKind::OnlyTheirs, Zh) => "对方已记、我方未记",
            (ItemKind::AmountMismatch, En) => "Same document, amounts differ",
            (ItemKind::AmountMismatch, Zh) => "同一单据金额不符",
            (ItemKind::DateOutsideTolerance, En) => "Same amount, dates far apart",
            (ItemKind::DateOutsideTolerance, Zh) => "金额相同、日期相差较远",
            (ItemKind::ForcedMatch, En) => "Matched by hand with a difference",
            (ItemKind::ForcedMatch, Zh) => "手工核对（有差额）",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReconcilingItem<'a> {
    pub kind: ItemKind,
    pub ours: &'a [Line],
    pub theirs: &'a [Line],
    /// What this item adds to our balance on the way to theirs.
    pub effect: Money,
    /// The bookkeeper's explanation; an item with one is explained.
    pub note: Option<&'a str>,
}

impl<'a> ReconcilingItem<'a> {
    /// The lines of one side.
    pub fn side(&self, side: Side) -> &'a [Line] {
        match side {
            Side::Ours => self.ours,
            Side::Theirs => self.theirs,
        }
    }

    pub fn is_explained(&self) -> bool {
        self.note.is_some()
    }
}

impl Reconciliation {
    /// Their balance − our balance.
    pub fn difference(&self) -> Money {
        Money::from_fen(self.their_balance().fen() - self.our_balance().fen())
    }

    /// Every reconciling item, in the order a statement lists them: opening,
    /// only ours, only theirs, amount mismatches, dates outside tolerance,
    /// forced matches. `our_balance + Σ effect = their_balance`.
    pub fn reconciling_items(&self) -> Vec<ReconcilingItem<'_>> {
        let s = &self.state;
        let mut items = Vec::new();
        let opening = s.their_opening.fen() - s.our_opening.fen();
        if opening != 0 {
            items.push(ReconcilingItem {
                kind: ItemKind::Opening,
                ours: &[],
                theirs: &[],
                effect: Money::from_fen(opening),
                note: s.opening_note.as_deref(),
            });
        }
        items.extend(s.only_ours.iter().map(|l| {
            let ours = std::slice::from_ref(l);
            item(ItemKind::OnlyOurs, ours, &[], -l.amount.fen())
        }));
        items.extend(s.only_theirs.iter().map(|l| {
            let theirs = std::slice::from_ref(l);
            item(ItemKind::OnlyTheirs, &[], theirs, l.amount.fen())
        }));
        for (kind, pairs) in [
            (ItemKind::AmountMismatch, &s.amount_mismatch),
            (ItemKind::DateOutsideTolerance, &s.date_outside_tolerance),
        ] {
            items.extend(pairs.iter().map(|p| {
                let (ours, theirs) = (
                    std::slice::from_ref(&p.ours),
                    std::slice::from_ref(&p.theirs),
                );
                item(kind, ours, theirs, p.difference.fen())
            }));
        }
        for m in s.matched.iter().filter(|m| m.difference() != Money::ZERO) {
            let mut forced = item(
                ItemKind::ForcedMatch,
                &m.ours,
                &m.theirs,
                m.difference().fen(),
            );
            forced.note = m.note.as_deref();
            items.push(forced);
        }

        // A note on any line of an item explains the item.
        let notes: HashMap<(Side, usize), &str> = s
            .notes
            .iter()
            .map(|n| ((n.side, n.id), n.text.as_str()))
            .collect();
        if !notes.is_empty() {
            for item in items.iter_mut().filter(|i| i.note.is_none()) {
                let ours = item.ours.iter().map(|l| (Side::Ours, l.id));
                let mut keys = ours.chain(item.theirs.iter().map(|l| (Side::Theirs, l.id)));
                item.note = keys.find_map(|key| notes.get(&key).copied());
            }
        }
        items
    }

    /// The part of the difference that no note explains yet.
    pub fn unexplained_difference(&self) -> Money {
        let fen = self
            .reconciling_items()
            .iter()
            .filter(|item| !item.is_explained())
            .map(|item| item.effect.fen())
            .sum();
        Money::from_fen(fen)
    }

    /// Whether every difference is explained (调节后相符).
    pub fn closes(&self) -> bool {
        self.unexplained_difference() == Money::ZERO
    }
}
