//! Keys are data: one table says which key does what where. The handlers look
//! actions up here, and the footer and the `?` overlay are drawn from the same
//! table, so the help can never lie.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod bindings;
mod key;

pub use key::{Binding, Key};
pub(super) use key::{bind, code, ctrl, k};

use super::i18n::Msg;
use crate::domain::Lang;

/// Where a binding applies: the screen or popup that has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    List,
    Empty,
    Search,
    Detail,
    Form,
    Picker,
    Confirm,
    Duplicate,
    /// The duplicate dialog when the tax ID is taken: no "save anyway".
    TaxDuplicate,
    Help,
    /// One customer's ledger entries.
    Ledger,
    Dashboard,
    /// The quick "new invoice" popup: typing searches customers.
    QuickInvoice,
    /// A small dialog of text fields (reversal reason, statement period).
    Prompt,
    /// An invoice refused for the credit limit: typing is the override reason.
    Override,
    /// The import wizard's steps: typing a path, sheet and header row,
    /// column mapping, preview, options, the running import and its result.
    ImportFile,
    ImportSheet,
    ImportMapping,
    ImportPreview,
    /// New classification values: add, map or leave empty, one by one.
    ImportValues,
    ImportPolicy,
    ImportProgress,
    ImportResult,
    /// Past imports (batches), with undo.
    ImportHistory,
    /// Our ledger and the customer's statement side by side.
    Reconcile,
    /// The database's backups, with restore.
    Backups,
    /// A confirmed reconciliation: read-only, so only looking and exporting.
    ReconcileConfirmed,
    /// Signing in: name and password (typing is text).
    SignIn,
    /// New customers and credit-limit raises awaiting a supervisor.
    Review,
    /// The audit trails, filtered.
    Audit,
    /// A deleted customer's snapshot, with restore.
    AuditSnapshot,
    /// Two customers side by side, choosing the values the kept one ends with.
    Merge,
    /// Statistics by a classification dimension or activity.
    Stats,
    /// Entries across customers (账目查询).
    LedgerSearch,
    /// Our company's details.
    Company,
}

impl Scope {
    /// Scopes where plain characters are typed text, not commands.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Scope::Search
                | Scope::Form
                | Scope::Picker
                | Scope::QuickInvoice
                | Scope::Prompt
                | Scope::Override
                | Scope::ImportFile
                | Scope::SignIn
        )
    }

    pub fn title(self) -> Msg {
        match self {
            Scope::Global => Msg::ScopeGlobal,
            Scope::List => Msg::ScopeList,
            Scope::Empty => Msg::ScopeEmpty,
            Scope::Search => Msg::ScopeSearch,
            Scope::Detail => Msg::ScopeDetail,
            Scope::Form => Msg::ScopeForm,
            Scope::Picker => Msg::ScopePicker,
            Scope::Confirm => Msg::ScopeConfirm,
            Scope::Duplicate => Msg::ScopeDuplicate,
            Scope::TaxDuplicate => Msg::ScopeTaxDuplicate,
            Scope::Help => Msg::ScopeHelp,
            Scope::Ledger => Msg::ScopeLedger,
            Scope::Dashboard => Msg::ScopeDashboard,
            Scope::QuickInvoice => Msg::ScopeQuickInvoice,
            Scope::Prompt => Msg::ScopePrompt,
            Scope::Override => Msg::ScopeOverride,
            Scope::ImportFile => Msg::ScopeImportFile,
            Scope::ImportSheet => Msg::ScopeImportSheet,
            Scope::ImportMapping => Msg::ScopeImportMapping,
            Scope::ImportPreview => Msg::ScopeImportPreview,
            Scope::ImportValues => Msg::ScopeImportValues,
            Scope::ImportPolicy => Msg::ScopeImportPolicy,
            Scope::ImportProgress => Msg::ScopeImportProgress,
            Scope::ImportResult => Msg::ScopeImportResult,
            Scope::ImportHistory => Msg::ScopeImportHistory,
            Scope::Reconcile => Msg::ScopeReconcile,
            Scope::Backups => Msg::ScopeBackups,
            Scope::ReconcileConfirmed => Msg::ScopeReconcileConfirmed,
            Scope::SignIn => Msg::ScopeSignIn,
            Scope::Review => Msg::ScopeReview,
            Scope::Audit => Msg::ScopeAudit,
            Scope::AuditSnapshot => Msg::ScopeAuditSnapshot,
            Scope::Merge => Msg::ScopeMerge,
            Scope::Stats => Msg::ScopeStats,
            Scope::LedgerSearch => Msg::ScopeLedgerSearch,
            Scope::Company => Msg::ScopeCompany,
        }
    }

    /// Every scope, in the order the help overlay lists them.
    pub const ALL: [Scope; 36] = [
        Scope::Global,
        Scope::List,
        Scope::Empty,
        Scope::Search,
        Scope::Detail,
        Scope::Ledger,
        Scope::Dashboard,
        Scope::Reconcile,
        Scope::ReconcileConfirmed,
        Scope::QuickInvoice,
        Scope::ImportFile,
        Scope::ImportSheet,
        Scope::ImportMapping,
        Scope::ImportPreview,
        Scope::ImportValues,
        Scope::ImportPolicy,
        Scope::ImportProgress,
        Scope::ImportResult,
        Scope::ImportHistory,
        Scope::Backups,
        Scope::Form,
        Scope::Override,
        Scope::Prompt,
        Scope::Picker,
        Scope::Confirm,
        Scope::Duplicate,
        Scope::TaxDuplicate,
        Scope::Help,
        Scope::SignIn,
        Scope::Review,
        Scope::Audit,
        Scope::AuditSnapshot,
        Scope::Merge,
        Scope::Stats,
        Scope::LedgerSearch,
        Scope::Company,
    ];
}

/// What a key asks for. Screens match on these, never on raw keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Back,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Search,
    Add,
    AddFromTemplate,
    Import,
    Demo,
    View,
    Edit,
    Archive,
    Unarchive,
    Hold,
    Delete,
    StatusFilter,
    ClassFilter,
    ClearFilter,
    Sort,
    Reverse,
    SearchDone,
    SearchClear,
    NextField,
    PrevField,
    Pick,
    ClearField,
    Save,
    Confirm,
    Cancel,
    Yes,
    No,
    OpenExisting,
    SaveAnyway,
    Ledger,
    NewInvoice,
    Dashboard,
    AddEntry,
    Allocate,
    ReverseEntry,
    Statement,
    NextDimension,
    // the import wizard
    Complete,
    NextSheet,
    ScrollLeft,
    ScrollRight,
    SaveMapping,
    LoadMapping,
    SeverityFilter,
    ToggleAllOrNothing,
    AddValue,
    MapValue,
    EmptyValue,
    SaveRejects,
    ImportHistory,
    UndoImport,
    Reconcile,
    SwitchSide,
    Mark,
    MatchLines,
    Unmatch,
    Note,
    Adjust,
    Rematch,
    UnmatchedOnly,
    ConfirmReconciliation,
    ExportReport,
    OpeningNote,
    Backups,
    BackupNow,
    RestoreBackup,
    SignOut,
    ReviewQueue,
    Approve,
    Reject,
    AuditLog,
    AuditFilter,
    RestoreDeleted,
    MergeInto,
    ToggleTake,
    Statistics,
    LedgerSearch,
    CompanySettings,
    Period,
    Filters,
    ImportKind,
}

pub use bindings::BINDINGS;

/// The action `event` asks for in `scope`: the scope's own bindings first,
/// then the global ones. In text scopes a plain character is text, never a
/// global command.
pub fn action(scope: Scope, event: &KeyEvent) -> Option<Action> {
    let is_text = matches!(event.code, KeyCode::Char(_))
        && !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let find = |s: Scope| {
        BINDINGS
            .iter()
            .filter(|b| b.scope == s)
            .find(|b| b.keys.iter().any(|key| key.matches(event)))
            .map(|b| b.action)
    };
    if scope.takes_text() && is_text {
        return None;
    }
    // The scope's own bindings win (`?` closes the help overlay).
    find(scope).or_else(|| find(Scope::Global))
}

/// The scope's own footer keys: (keys, label).
pub fn hints(scope: Scope, lang: Lang) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope && b.footer)
        .map(|b| (keys_label(b), b.label.get(lang)))
        .collect()
}

/// The keys that work in `scope`, global ones included, for the footer.
pub fn footer(scope: Scope, lang: Lang) -> Vec<(String, &'static str)> {
    let mut hints = hints(scope, lang);
    if scope != Scope::Help {
        hints.extend(
            BINDINGS
                .iter()
                .filter(|b| b.scope == Scope::Global && b.footer)
                .filter(|b| !scope.takes_text() || b.keys.iter().any(|k| !is_char(k)))
                .map(|b| {
                    let keys = if scope.takes_text() {
                        b.keys
                            .iter()
                            .filter(|k| !is_char(k))
                            .map(|k| k.label())
                            .collect()
                    } else {
                        b.keys[0].label()
                    };
                    (keys, b.label.get(lang))
                }),
        );
    }
    hints
}

fn is_char(key: &Key) -> bool {
    matches!(key.code, KeyCode::Char(_)) && key.mods == KeyModifiers::NONE
}

/// All keys of a binding, as shown in the help: "j/↓".
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every binding of `scope`, for the help overlay.
pub fn bindings(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.scope == scope)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn text_scopes_keep_characters_as_text() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action(Scope::List, &q), Some(Action::Back));
        assert_eq!(action(Scope::Form, &q), None);
        let help = press(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(action(Scope::List, &help), Some(Action::Help));
        assert_eq!(action(Scope::Search, &help), None);
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action(Scope::Form, &ctrl_c), Some(Action::Quit));
        assert_eq!(action(Scope::Help, &ctrl_c), Some(Action::Quit));
        assert_eq!(action(Scope::Help, &help), Some(Action::Back));
        assert_eq!(action(Scope::Picker, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for scope in Scope::ALL {
            let keys: Vec<Key> = bindings(scope)
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(
                    !keys[i + 1..].contains(a),
                    "{scope:?}: {} bound twice",
                    a.label()
                );
            }
        }
    }

    #[test]
    fn footer_in_a_form_offers_f1_not_question_mark() {
        let hints = footer(Scope::Form, Lang::En);
        assert!(hints.iter().any(|(k, l)| k == "F1" && *l == "Help"));
        assert!(hints.iter().any(|(k, _)| k == "Ctrl-S"));
        let list = footer(Scope::List, Lang::En);
        assert!(list.iter().any(|(k, _)| k == "?"));
    }
}
