//! The reconciliation value: every line of both statements in exactly one
//! bucket (matched, only ours, only theirs, amount mismatch, date outside
//! tolerance), plus notes. Balances and the unexplained difference are derived
//! on demand, so they can never disagree with the buckets.

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::group::GroupSearch;
use super::line::{Line, Side};
use super::options::MatchOptions;
use crate::domain::Money;

/// Which rule made a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Same normalised document number and same amount.
    DocAndAmount,
    /// Same amount, dates within the tolerance.
    AmountAndDate,
    /// One line equals the sum of several on the other side.
    Group,
    /// Matched by the bookkeeper.
    Manual,
}

impl Rule {
    pub const ALL: [Rule; 4] = [
        Rule::DocAndAmount,
        Rule::AmountAndDate,
        Rule::Group,
        Rule::Manual,
    ];

    /// The key stored in the database and shown in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Rule::DocAndAmount => "doc_and_amount",
            Rule::AmountAndDate => "amount_and_date",
            Rule::Group => "group",
            Rule::Manual => "manual",
        }
    }

    pub fn parse(key: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.key() == key.trim())
    }

    /// How a screen or report names the rule.
    pub fn label(self, lang: crate::domain::Lang) -> &'static str {
        use crate::domain::Lang::{En, Zh};
        match (self, lang) {
            (Rule::DocAndAmount, En) => "Same document and amount",
            (Rule::DocAndAmount, Zh) => "单据号与金额相同",
            (Rule::AmountAndDate, En) => "Same amount, dates close",
            (Rule::AmountAndDate, Zh) => "金额相同、日期相近",
            (Rule::Group, En) => "One against several",
            (Rule::Group, Zh) => "一对多合并",
            (Rule::Manual, En) => "Matched by hand",
            (Rule::Manual, Zh) => "手工核对",
        }
    }
}

/// How many lines each side of a match holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    OneToOne,
    /// One of ours, several of theirs.
    OneToMany,
    /// Several of ours, one of theirs.
    ManyToOne,
    /// Only by hand; also covers one side empty (two of our lines that cancel).
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    pub ours: Vec<Line>,
    pub theirs: Vec<Line>,
    pub rule: Rule,
    /// 0..=100: a heuristic for sorting and highlighting, not a probability.
    pub confidence: u8,
    /// Why a manual match was accepted although its sides differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Match {
    /// Σ theirs − Σ ours; zero except for a match forced by hand.
    pub fn difference(&self) -> Money {
        Money::from_fen(sum(&self.theirs) - sum(&self.ours))
    }

    /// The lines of one side.
    pub fn side(&self, side: Side) -> &[Line] {
        match side {
            Side::Ours => &self.ours,
            Side::Theirs => &self.theirs,
        }
    }

    pub fn shape(&self) -> Shape {
        match (self.ours.len(), self.theirs.len()) {
            (1, 1) => Shape::OneToOne,
            (1, n) if n > 1 => Shape::OneToMany,
            (n, 1) if n > 1 => Shape::ManyToOne,
            _ => Shape::Other,
        }
    }
}

/// Two lines that belong together but disagree: the same document with
/// different amounts, or the same amount with dates beyond the tolerance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinePair {
    pub ours: Line,
    pub theirs: Line,
    /// theirs − ours.
    #[serde(default)]
    pub difference: Money,
    /// Their date − our date.
    #[serde(default)]
    pub days_apart: i64,
}

impl LinePair {
    /// The line of one side.
    pub fn side(&self, side: Side) -> &Line {
        match side {
            Side::Ours => &self.ours,
            Side::Theirs => &self.theirs,
        }
    }

    pub(super) fn new(ours: Line, theirs: Line) -> LinePair {
        let mut pair = LinePair {
            ours,
            theirs,
            difference: Money::ZERO,
            days_apart: 0,
        };
        pair.refresh();
        pair
    }

    /// Recomputes the derived fields from the two lines.
    pub(super) fn refresh(&mut self) {
        self.difference = Money::from_fen(self.theirs.amount.fen() - self.ours.amount.fen());
        self.days_apart = (self.theirs.date - self.ours.date).num_days();
    }
}

/// A bookkeeper's note on one line (and so on the difference it is part of).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub side: Side,
    pub id: usize,
    pub text: String,
}

/// What is stored; everything else is derived from it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct State {
    #[serde(default)]
    pub our_opening: Money,
    #[serde(default)]
    pub their_opening: Money,
    pub matched: Vec<Match>,
    pub only_ours: Vec<Line>,
    pub only_theirs: Vec<Line>,
    pub amount_mismatch: Vec<LinePair>,
    #[serde(default)]
    pub date_outside_tolerance: Vec<LinePair>,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_note: Option<String>,
    #[serde(default)]
    pub options: MatchOptions,
    #[serde(default)]
    pub group_search: GroupSearch,
}

/// Two statements matched against each other. Build one with
/// [`super::match_lines`]; change it with the manual operations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reconciliation {
    pub(super) state: State,
}

/// Sum of amounts in fen. Construction checks that the absolute amounts of all
/// lines and openings together fit an i64, so no partial sum can overflow.
pub(super) fn sum(lines: &[Line]) -> i64 {
    lines.iter().map(|l| l.amount.fen()).sum()
}

impl Reconciliation {
    pub fn our_opening(&self) -> Money {
        self.state.our_opening
    }

    pub fn their_opening(&self) -> Money {
        self.state.their_opening
    }

    /// Opening + every line of ours.
    pub fn our_balance(&self) -> Money {
        let lines = self.lines(Side::Ours).map(|l| l.amount.fen()).sum::<i64>();
        Money::from_fen(self.state.our_opening.fen() + lines)
    }

    /// Opening + every line of theirs, in our view.
    pub fn their_balance(&self) -> Money {
        let lines = self
            .lines(Side::Theirs)
            .map(|l| l.amount.fen())
            .sum::<i64>();
        Money::from_fen(self.state.their_opening.fen() + lines)
    }

    pub fn matched(&self) -> &[Match] {
        &self.state.matched
    }

    pub fn only_ours(&self) -> &[Line] {
        &self.state.only_ours
    }

    pub fn only_theirs(&self) -> &[Line] {
        &self.state.only_theirs
    }

    pub fn amount_mismatch(&self) -> &[LinePair] {
        &self.state.amount_mismatch
    }

    pub fn date_outside_tolerance(&self) -> &[LinePair] {
        &self.state.date_outside_tolerance
    }

    pub fn notes(&self) -> &[Note] {
        &self.state.notes
    }

    pub fn note(&self, side: Side, id: usize) -> Option<&str> {
        self.state
            .notes
            .iter()
            .find(|n| n.side == side && n.id == id)
            .map(|n| n.text.as_str())
    }

    pub fn opening_note(&self) -> Option<&str> {
        self.state.opening_note.as_deref()
    }

    /// The options of the last automatic run.
    pub fn options(&self) -> &MatchOptions {
        &self.state.options
    }

    pub fn group_search(&self) -> GroupSearch {
        self.state.group_search
    }

    /// Every line of one side, whichever bucket it is in.
    pub fn lines(&self, side: Side) -> impl Iterator<Item = &Line> {
        let s = &self.state;
        let only = match side {
            Side::Ours => &s.only_ours,
            Side::Theirs => &s.only_theirs,
        };
        let pairs = s.amount_mismatch.iter().chain(&s.date_outside_tolerance);
        s.matched
            .iter()
            .flat_map(move |m| m.side(side))
            .chain(only)
            .chain(pairs.map(move |p| p.side(side)))
    }

    pub fn line(&self, side: Side, id: usize) -> Option<&Line> {
        self.lines(side).find(|l| l.id == id)
    }
}

/// The JSON form: the keys (`our_balance`, `their_balance`,
/// `matched`, `only_ours`, `only_theirs`, `amount_mismatch`,
/// `unexplained_difference`) plus what the session needs to be restored.
impl Serialize for Reconciliation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            our_balance: Money,
            their_balance: Money,
            unexplained_difference: Money,
            closes: bool,
            #[serde(flatten)]
            state: &'a State,
        }
        let unexplained = self.unexplained_difference();
        View {
            our_balance: self.our_balance(),
            their_balance: self.their_balance(),
            unexplained_difference: unexplained,
            closes: unexplained == Money::ZERO,
            state: &self.state,
        }
        .serialize(serializer)
    }
}

/// Reads what `Serialize` wrote; the derived figures are recomputed, and a
/// value whose lines repeat or overflow is refused.
impl<'de> Deserialize<'de> for Reconciliation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let state = State::deserialize(deserializer)?;
        Reconciliation::from_state(state).map_err(|e| de::Error::custom(e.text().en))
    }
}
