//! The table itself: which key does what in which scope. Order within a
//! scope is the footer's order.

use crossterm::event::KeyCode;

use super::{Action, Binding, Scope, bind, code, ctrl, k};
use crate::tui::i18n::Msg;

use Action as A;
use Scope as S;

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(S::Global, &[ctrl('c')], A::Quit, Msg::KeyQuit, false),
    bind(S::Global, &[k('?'), code(KeyCode::F(1))], A::Help, Msg::KeyHelp, true),
    // the customer list
    bind(S::List, &[k('/')], A::Search, Msg::KeySearch, true),
    bind(S::List, &[k('a')], A::Add, Msg::KeyAdd, true),
    bind(S::List, &[code(KeyCode::Enter), k('e')], A::Edit, Msg::KeyEdit, true),
    bind(S::List, &[k('l')], A::Ledger, Msg::KeyLedger, true),
    bind(S::List, &[k('n')], A::NewInvoice, Msg::KeyNewInvoice, true),
    bind(S::List, &[k('r')], A::Reconcile, Msg::KeyReconcile, false),
    bind(S::List, &[k('D')], A::Dashboard, Msg::KeyDashboard, true),
    bind(S::List, &[k(' '), k('v')], A::View, Msg::KeyView, true),
    bind(S::List, &[k('t')], A::AddFromTemplate, Msg::KeyAddFromTemplate, false),
    bind(S::List, &[k('d')], A::Archive, Msg::KeyArchive, true),
    bind(S::List, &[k('u')], A::Unarchive, Msg::KeyUnarchive, false),
    bind(S::List, &[k('h')], A::Hold, Msg::KeyHold, false),
    bind(S::List, &[code(KeyCode::Delete)], A::Delete, Msg::KeyDelete, false),
    bind(S::List, &[k('s')], A::StatusFilter, Msg::KeyStatusFilter, true),
    bind(S::List, &[k('f')], A::ClassFilter, Msg::KeyClassFilter, false),
    bind(S::List, &[k('F')], A::ClearFilter, Msg::KeyClearFilter, false),
    bind(S::List, &[k('o')], A::Sort, Msg::KeySort, true),
    bind(S::List, &[k('O')], A::Reverse, Msg::KeyReverse, false),
    bind(S::List, &[k('i')], A::Import, Msg::KeyImport, false),
    bind(S::List, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyDown, false),
    bind(S::List, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyUp, false),
    bind(S::List, &[code(KeyCode::PageDown), ctrl('f')], A::PageDown, Msg::KeyPageDown, false),
    bind(S::List, &[code(KeyCode::PageUp), ctrl('b')], A::PageUp, Msg::KeyPageUp, false),
    bind(S::List, &[k('g'), code(KeyCode::Home)], A::Top, Msg::KeyTop, false),
    bind(S::List, &[k('G'), code(KeyCode::End)], A::Bottom, Msg::KeyBottom, false),
    bind(S::List, &[k('q'), code(KeyCode::Esc)], A::Back, Msg::KeyQuit, true),
    // the list of a new database
    bind(S::Empty, &[k('a')], A::Add, Msg::KeyAdd, true),
    bind(S::Empty, &[k('i')], A::Import, Msg::KeyImport, true),
    bind(S::Empty, &[k('m')], A::Demo, Msg::KeyDemo, true),
    bind(S::Empty, &[k('t')], A::AddFromTemplate, Msg::KeyAddFromTemplate, false),
    bind(S::Empty, &[k('n')], A::NewInvoice, Msg::KeyNewInvoice, false),
    bind(S::Empty, &[k('q'), code(KeyCode::Esc)], A::Back, Msg::KeyQuit, true),
    // typing a search
    bind(S::Search, &[code(KeyCode::Enter)], A::SearchDone, Msg::KeySearchDone, true),
    bind(S::Search, &[code(KeyCode::Esc)], A::SearchClear, Msg::KeySearchClear, true),
    bind(S::Search, &[code(KeyCode::Down)], A::Down, Msg::KeyDown, true),
    bind(S::Search, &[code(KeyCode::Up)], A::Up, Msg::KeyUp, true),
    bind(S::Search, &[code(KeyCode::PageDown)], A::PageDown, Msg::KeyPageDown, false),
    bind(S::Search, &[code(KeyCode::PageUp)], A::PageUp, Msg::KeyPageUp, false),
    // one customer's details
    bind(S::Detail, &[k('e'), code(KeyCode::Enter)], A::Edit, Msg::KeyEdit, true),
    bind(S::Detail, &[k('l')], A::Ledger, Msg::KeyLedger, true),
    bind(S::Detail, &[k('r')], A::Reconcile, Msg::KeyReconcile, false),
    bind(S::Detail, &[k('n')], A::NewInvoice, Msg::KeyNewInvoice, false),
    bind(S::Detail, &[k('d')], A::Archive, Msg::KeyArchive, true),
    bind(S::Detail, &[k('u')], A::Unarchive, Msg::KeyUnarchive, true),
    bind(S::Detail, &[k('h')], A::Hold, Msg::KeyHold, false),
    bind(S::Detail, &[code(KeyCode::Delete)], A::Delete, Msg::KeyDelete, false),
    bind(S::Detail, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyScroll, false),
    bind(S::Detail, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyScroll, false),
    bind(S::Detail, &[code(KeyCode::PageDown)], A::PageDown, Msg::KeyPageDown, false),
    bind(S::Detail, &[code(KeyCode::PageUp)], A::PageUp, Msg::KeyPageUp, false),
    bind(S::Detail, &[k('q'), code(KeyCode::Esc)], A::Back, Msg::KeyBack, true),
    // one customer's ledger
    bind(S::Ledger, &[k('a')], A::AddEntry, Msg::KeyAddEntry, true),
    bind(S::Ledger, &[k('m')], A::Allocate, Msg::KeyAllocate, true),
    bind(S::Ledger, &[k('r')], A::ReverseEntry, Msg::KeyReverseEntry, true),
    bind(S::Ledger, &[k('s')], A::Statement, Msg::KeyStatement, true),
    // `r` reverses here, so reconciling is the capital.
    bind(S::Ledger, &[k('R')], A::Reconcile, Msg::KeyReconcile, false),
    bind(S::Ledger, &[k('n')], A::NewInvoice, Msg::KeyNewInvoice, false),
    bind(S::Ledger, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyDown, false),
    bind(S::Ledger, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyUp, false),
    bind(S::Ledger, &[code(KeyCode::PageDown), ctrl('f')], A::PageDown, Msg::KeyPageDown, false),
    bind(S::Ledger, &[code(KeyCode::PageUp), ctrl('b')], A::PageUp, Msg::KeyPageUp, false),
    bind(S::Ledger, &[k('g'), code(KeyCode::Home)], A::Top, Msg::KeyTop, false),
    bind(S::Ledger, &[k('G'), code(KeyCode::End)], A::Bottom, Msg::KeyBottom, false),
    bind(S::Ledger, &[k('q'), code(KeyCode::Esc)], A::Back, Msg::KeyBack, true),
    // the receivables dashboard
    bind(S::Dashboard, &[k('c')], A::NextDimension, Msg::KeyNextDimension, true),
    bind(S::Dashboard, &[k('n')], A::NewInvoice, Msg::KeyNewInvoice, true),
    bind(S::Dashboard, &[k('q'), code(KeyCode::Esc)], A::Back, Msg::KeyBack, true),
    // reconciliation: our ledger beside their statement
    bind(S::Reconcile, &[k(' ')], A::Mark, Msg::KeyMark, true),
    bind(S::Reconcile, &[code(KeyCode::Tab), code(KeyCode::Left), code(KeyCode::Right)], A::SwitchSide, Msg::KeySwitchSide, true),
    bind(S::Reconcile, &[k('m')], A::MatchLines, Msg::KeyMatchLines, true),
    bind(S::Reconcile, &[k('n')], A::Note, Msg::KeyNote, true),
    bind(S::Reconcile, &[k('s'), ctrl('s')], A::Save, Msg::KeySaveDraft, true),
    bind(S::Reconcile, &[k('c')], A::ConfirmReconciliation, Msg::KeyConfirmReconciliation, true),
    bind(S::Reconcile, &[k('u')], A::Unmatch, Msg::KeyUnmatch, true),
    bind(S::Reconcile, &[k('a')], A::Adjust, Msg::KeyAdjust, true),
    bind(S::Reconcile, &[k('f')], A::UnmatchedOnly, Msg::KeyUnmatchedOnly, true),
    bind(S::Reconcile, &[k('t')], A::Rematch, Msg::KeyRematch, false),
    bind(S::Reconcile, &[k('e')], A::ExportReport, Msg::KeyExportReport, false),
    bind(S::Reconcile, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyDown, false),
    bind(S::Reconcile, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyUp, false),
    bind(S::Reconcile, &[code(KeyCode::PageDown), ctrl('f')], A::PageDown, Msg::KeyPageDown, false),
    bind(S::Reconcile, &[code(KeyCode::PageUp), ctrl('b')], A::PageUp, Msg::KeyPageUp, false),
    bind(S::Reconcile, &[k('g'), code(KeyCode::Home)], A::Top, Msg::KeyTop, false),
    bind(S::Reconcile, &[k('G'), code(KeyCode::End)], A::Bottom, Msg::KeyBottom, false),
    bind(S::Reconcile, &[k('q'), code(KeyCode::Esc)], A::Back, Msg::KeyBack, true),
    // the quick "new invoice" popup
    bind(S::QuickInvoice, &[code(KeyCode::Enter)], A::Confirm, Msg::KeyConfirm, true),
    bind(S::QuickInvoice, &[code(KeyCode::Down), code(KeyCode::Tab)], A::Down, Msg::KeyDown, true),
    bind(S::QuickInvoice, &[code(KeyCode::Up), code(KeyCode::BackTab)], A::Up, Msg::KeyUp, true),
    bind(S::QuickInvoice, &[code(KeyCode::Esc)], A::Cancel, Msg::KeyCancel, true),
    // the add / edit form
    bind(S::Form, &[ctrl('s')], A::Save, Msg::KeySave, true),
    bind(S::Form, &[code(KeyCode::Tab), code(KeyCode::Down)], A::NextField, Msg::KeyNextField, true),
    bind(S::Form, &[code(KeyCode::BackTab), code(KeyCode::Up)], A::PrevField, Msg::KeyPrevField, true),
    bind(S::Form, &[code(KeyCode::Enter)], A::Pick, Msg::KeyPick, true),
    bind(S::Form, &[ctrl('u')], A::ClearField, Msg::KeyClearField, false),
    bind(S::Form, &[code(KeyCode::PageDown)], A::PageDown, Msg::KeyPageDown, false),
    bind(S::Form, &[code(KeyCode::PageUp)], A::PageUp, Msg::KeyPageUp, false),
    bind(S::Form, &[code(KeyCode::Esc)], A::Back, Msg::KeyBack, true),
    // an invoice over the credit limit
    bind(S::Override, &[code(KeyCode::Enter)], A::Confirm, Msg::KeyIssueOverride, true),
    bind(S::Override, &[code(KeyCode::Esc)], A::Cancel, Msg::KeyBack, true),
    // a dialog of text fields
    bind(S::Prompt, &[code(KeyCode::Enter)], A::Confirm, Msg::KeyConfirm, true),
    bind(S::Prompt, &[code(KeyCode::Tab), code(KeyCode::Down)], A::NextField, Msg::KeyNextField, true),
    bind(S::Prompt, &[code(KeyCode::BackTab), code(KeyCode::Up)], A::PrevField, Msg::KeyPrevField, false),
    bind(S::Prompt, &[ctrl('u')], A::ClearField, Msg::KeyClearField, false),
    bind(S::Prompt, &[code(KeyCode::Esc)], A::Cancel, Msg::KeyCancel, true),
    // a list to choose from
    bind(S::Picker, &[code(KeyCode::Enter)], A::Confirm, Msg::KeyConfirm, true),
    bind(S::Picker, &[code(KeyCode::Down), code(KeyCode::Tab)], A::Down, Msg::KeyDown, true),
    bind(S::Picker, &[code(KeyCode::Up), code(KeyCode::BackTab)], A::Up, Msg::KeyUp, true),
    bind(S::Picker, &[code(KeyCode::Esc)], A::Cancel, Msg::KeyCancel, true),
    // yes / no
    bind(S::Confirm, &[k('y'), code(KeyCode::Enter)], A::Yes, Msg::KeyYes, true),
    bind(S::Confirm, &[k('n'), code(KeyCode::Esc)], A::No, Msg::KeyNo, true),
    // the duplicate dialog
    bind(S::Duplicate, &[k('o')], A::OpenExisting, Msg::KeyOpenExisting, true),
    bind(S::Duplicate, &[k('s')], A::SaveAnyway, Msg::KeySaveAnyway, true),
    bind(S::Duplicate, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyDown, false),
    bind(S::Duplicate, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyUp, false),
    bind(S::Duplicate, &[code(KeyCode::Esc), k('b'), k('q')], A::Back, Msg::KeyBack, true),
    bind(S::TaxDuplicate, &[k('o')], A::OpenExisting, Msg::KeyOpenExisting, true),
    bind(S::TaxDuplicate, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyDown, false),
    bind(S::TaxDuplicate, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyUp, false),
    bind(S::TaxDuplicate, &[code(KeyCode::Esc), k('b'), k('q')], A::Back, Msg::KeyBack, true),
    // the help overlay
    bind(S::Help, &[k('j'), code(KeyCode::Down)], A::Down, Msg::KeyScroll, false),
    bind(S::Help, &[k('k'), code(KeyCode::Up)], A::Up, Msg::KeyScroll, false),
    bind(S::Help, &[code(KeyCode::Esc), k('q'), k('?')], A::Back, Msg::KeyBack, true),
];
