//! Which rows a list shows, in which order. Typing a longer query filters the
//! previous result instead of the whole list, and deleting characters goes
//! back to results already computed, so each keystroke costs at most one scan.

use std::cmp::Ordering;

use memchr::memmem;

use super::order::Order;
use super::{CustomerIndex, Text, fold};
use crate::domain::Lang;
use crate::domain::bits::Bits;
use crate::domain::customer::Status;
use crate::tui::i18n::Msg;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Column {
    #[default]
    Code,
    Name,
    Mnemonic,
    TaxId,
    Class,
    Credit,
    Balance,
    Status,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Code,
        Column::Name,
        Column::Mnemonic,
        Column::TaxId,
        Column::Class,
        Column::Credit,
        Column::Balance,
        Column::Status,
    ];

    pub fn title(self) -> Msg {
        match self {
            Column::Code => Msg::ColCode,
            Column::Name => Msg::ColName,
            Column::Mnemonic => Msg::ColMnemonic,
            Column::TaxId => Msg::ColTaxId,
            Column::Class => Msg::ColClass,
            Column::Credit => Msg::ColCredit,
            Column::Balance => Msg::ColBalance,
            Column::Status => Msg::ColStatus,
        }
    }

    pub fn next(self) -> Column {
        let i = Column::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Column::ALL[(i + 1) % Column::ALL.len()]
    }
}

/// Archived customers are hidden unless asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    Live,
    Only(Status),
    All,
}

impl StatusFilter {
    pub fn next(self) -> StatusFilter {
        match self {
            StatusFilter::Live => StatusFilter::Only(Status::Active),
            StatusFilter::Only(Status::Active) => StatusFilter::Only(Status::OnHold),
            StatusFilter::Only(Status::OnHold) => StatusFilter::Only(Status::Archived),
            StatusFilter::Only(Status::Archived) => StatusFilter::All,
            // Not in the cycle yet (the review screen comes with the TUI's control screens).
            StatusFilter::Only(Status::PendingReview) => StatusFilter::All,
            StatusFilter::All => StatusFilter::Live,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StatusFilter::Live => Msg::StatusLive.get(lang),
            StatusFilter::Only(s) => s.label(lang),
            StatusFilter::All => Msg::StatusAll.get(lang),
        }
    }

    fn accepts(self, status: Status) -> bool {
        match self {
            StatusFilter::Live => status != Status::Archived,
            StatusFilter::Only(s) => s == status,
            StatusFilter::All => true,
        }
    }
}

/// What the user asked the list to show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub status: StatusFilter,
    /// A classification value (制造业): rows holding it in any dimension.
    pub class: Option<String>,
    /// A computed class (activity, 活跃度): the customers holding it, by id;
    /// `class` then only names it.
    pub only: Option<std::sync::Arc<std::collections::HashSet<i64>>>,
    pub sort: Column,
    pub descending: bool,
}

impl Query {
    fn same_filters(&self, other: &Query) -> bool {
        self.status == other.status
            && self.class == other.class
            && self.only == other.only
            && self.sort == other.sort
            && self.descending == other.descending
    }
}

struct Step {
    folded: Vec<u8>,
    query: Query,
    generation: u64,
    rows: Vec<u32>,
}

/// The rows matching a query, with the results of the shorter queries typed
/// before it (the bottom step is the unsearched list).
#[derive(Default)]
pub struct Filtered {
    steps: Vec<Step>,
}

impl Filtered {
    pub fn rows(&self) -> &[u32] {
        self.steps.last().map_or(&[], |s| &s.rows)
    }

    /// Brings the result up to date with `query` and the index.
    pub fn update(&mut self, index: &mut CustomerIndex, query: &Query) {
        let folded = fold(&query.text);
        while let Some(top) = self.steps.last() {
            let usable = top.generation == index.generation()
                && top.query.same_filters(query)
                && memmem::find(&folded, &top.folded).is_some();
            if usable {
                break;
            }
            self.steps.pop();
        }
        if self.steps.is_empty() {
            let rows = index.base_rows(query);
            self.steps.push(Step {
                folded: Vec::new(),
                query: Query {
                    text: String::new(),
                    ..query.clone()
                },
                generation: index.generation(),
                rows,
            });
        }
        let Some(top) = self.steps.last() else {
            return;
        };
        if top.folded == folded {
            return;
        }
        let rows = index.narrow(&top.rows, &folded);
        self.steps.push(Step {
            folded,
            query: query.clone(),
            generation: index.generation(),
            rows,
        });
    }
}

/// Up to this many distinct classes the class order is read off the code
/// order when asked (a bucket each) instead of held.
const GROUPED_CLASSES: usize = 4096;

/// The column whose held order `column` reads: the mnemonic order is the
/// name order (mnemonic, then name, then code), held once (4 MiB at a
/// million rows) where ties by code alone would hold a second one.
fn held_as(column: Column) -> Column {
    match column {
        Column::Mnemonic => Column::Name,
        other => other,
    }
}

impl CustomerIndex {
    /// Live customers not archived (what the header counts).
    pub fn not_archived(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.alive && r.status != Status::Archived)
            .count()
    }

    /// Rows passing the status and class filters, in the query's order.
    fn base_rows(&mut self, query: &Query) -> Vec<u32> {
        self.ensure_order(query.sort);
        let status = query.status;
        let (class, only) = match &query.only {
            Some(ids) => (None, Some(ids)),
            None => (query.class.as_deref(), None),
        };
        // Who passes is marked in one pass in row order, then the sort order
        // is read against the marks: testing rows in sort order read them at
        // random, a cache miss each (`o` took ~30 ms at a million rows).
        let holding = class.map(|c| self.classes.holding(c));
        let mut kept = Bits::default();
        kept.grow_to(self.rows.len());
        // Status, class and credit orders are read off the code order by
        // each row's rank (`order.rs`); `None` when one is held instead.
        let ranks = match query.sort {
            Column::Status => Some((Status::ALL.len(), Vec::new())),
            Column::Class if !self.orders.contains_key(&Column::Class) => {
                Some((self.classes.len(), self.classes.ranks()))
            }
            Column::Credit if !self.orders.contains_key(&Column::Credit) => {
                Some((self.limits.len(), Vec::new()))
            }
            _ => None,
        };
        if ranks.is_some() && query.sort == Column::Credit {
            self.rank_credit_limits();
        }
        let credit_ranks = self.credit_ranks.bytes();
        let mut group = Vec::with_capacity(if ranks.is_some() { self.rows.len() } else { 0 });
        for (r, row) in self.rows.iter().enumerate() {
            let pass = row.alive
                && status.accepts(row.status)
                && holding
                    .as_ref()
                    .is_none_or(|h| h.get(row.class as usize).copied().unwrap_or(false))
                && only.is_none_or(|ids| ids.contains(&row.id));
            if pass {
                kept.set(r);
            }
            if let Some((_, class_rank)) = &ranks {
                group.push(match query.sort {
                    Column::Status => row.status as u32,
                    Column::Credit => credit_ranks.get(r).map_or(0, |&k| u32::from(k)),
                    _ => class_rank.get(row.class as usize).copied().unwrap_or(0),
                });
            }
        }
        let keep = |r: u32| kept.get(r as usize);
        let descending = query.descending;
        if let Some((groups, _)) = ranks {
            let by_code = self.orders.get(&Column::Code);
            return by_code.map_or_else(Vec::new, |o| {
                o.kept_by_group(descending, keep, &group, groups)
            });
        }
        self.orders
            .get(&held_as(query.sort))
            .map_or_else(Vec::new, |o| o.kept(descending, keep))
    }

    /// Sorts by every column ahead of time (on the loading worker).
    pub fn prepare_orders(&mut self) {
        for column in Column::ALL {
            self.ensure_order(column);
        }
        if self.limits.grouped() {
            self.rank_credit_limits();
        }
    }

    /// Each row's place among the distinct credit limits, kept until a row
    /// is added (limits only change then) or anything changes.
    fn rank_credit_limits(&mut self) {
        let (limits, rows) = (&self.limits, &self.rows);
        let ranks = rows.iter().map(|row| limits.rank(row.credit_limit()));
        self.credit_ranks
            .refresh((self.generation, rows.len()), ranks);
    }

    /// Puts a newly pushed row in its place in every cached order.
    pub(super) fn insert_in_orders(&mut self, row: u32) {
        let mut orders = std::mem::take(&mut self.orders);
        for (column, order) in orders.iter_mut() {
            order.insert(row, |r| self.compare(*column, r, row) == Ordering::Less);
        }
        self.orders = orders;
    }

    /// Sorts all rows by `column` (ties by code), cached until rows are
    /// added; the status, class and credit orders are read off the code
    /// order (the class order held only past `GROUPED_CLASSES` classes, the
    /// credit order past `limits.rs`'s distinct limits), and the code
    /// order is the rows as they are when they are in it (as loaded).
    fn ensure_order(&mut self, column: Column) {
        let column = match held_as(column) {
            Column::Status => Column::Code,
            Column::Class if self.classes.len() <= GROUPED_CLASSES => Column::Code,
            Column::Credit if self.limits.grouped() => Column::Code,
            other => other,
        };
        if self.orders.contains_key(&column) {
            return;
        }
        let n = self.rows.len() as u32;
        let in_row_order = column == Column::Code
            && (1..n).all(|r| self.compare(column, r - 1, r) != Ordering::Greater);
        let order = if in_row_order {
            Order::Rows(n)
        } else {
            let mut order: Vec<u32> = (0..n).collect();
            order.sort_by(|a, b| self.compare(column, *a, *b));
            Order::listed(&order)
        };
        self.orders.insert(column, order);
    }

    fn compare(&self, column: Column, a: u32, b: u32) -> Ordering {
        let (ra, rb) = (&self.rows[a as usize], &self.rows[b as usize]);
        let by_text = |t: Text| self.field_bytes(a, t).cmp(self.field_bytes(b, t));
        let primary = match column {
            Column::Code => Ordering::Equal,
            // Code points put Chinese names in no useful order; pinyin
            // initials come close to the dictionary order people expect.
            // The mnemonic order is the name order (`held_as`).
            Column::Name | Column::Mnemonic => {
                by_text(Text::Mnemonic).then_with(|| by_text(Text::Name))
            }
            Column::TaxId => by_text(Text::TaxId),
            Column::Class => by_text(Text::Class),
            // Not controlled sorts below cash only (0): a descending sort
            // starts with the largest limit set.
            Column::Credit => ra.credit_limit().cmp(&rb.credit_limit()),
            Column::Balance => ra.balance.cmp(&rb.balance),
            Column::Status => ra.status.cmp(&rb.status),
        };
        primary.then_with(|| by_text(Text::Code))
    }
}
