//! Operators' roles and what each may do (权限). The table lives here, in
//! the core, so the CLI and the TUI refuse the same things; the store checks
//! it before every guarded write.

use serde::Serialize;

use super::text::Text;

/// An operator's role (角色).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 会计: enters and edits customers and ledger entries.
    Bookkeeper,
    /// 主管: everything a bookkeeper does, and the guarded actions.
    Supervisor,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Bookkeeper, Role::Supervisor];

    pub fn key(self) -> &'static str {
        match self {
            Role::Bookkeeper => "bookkeeper",
            Role::Supervisor => "supervisor",
        }
    }

    pub fn parse(key: &str) -> Option<Role> {
        match key.trim().to_ascii_lowercase().as_str() {
            "bookkeeper" | "会计" => Some(Role::Bookkeeper),
            "supervisor" | "主管" => Some(Role::Supervisor),
            _ => None,
        }
    }

    pub fn name(self) -> Text {
        match self {
            Role::Bookkeeper => Text::new("bookkeeper", "会计"),
            Role::Supervisor => Text::new("supervisor", "主管"),
        }
    }

    /// Whether this role holds `permission`.
    pub fn allows(self, permission: Permission) -> bool {
        match self {
            Role::Supervisor => true,
            Role::Bookkeeper => matches!(
                permission,
                Permission::EditCustomers | Permission::EditLedger
            ),
        }
    }
}

/// One thing the store guards. Keys are stable: refusals and the audit name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Add and edit customers, import them, templates and classifications.
    EditCustomers,
    /// Add, edit, allocate and reverse ledger entries; reconcile.
    EditLedger,
    DeleteCustomers,
    MergeCustomers,
    UndoImports,
    /// Set a credit limit above the configured amount.
    RaiseCreditLimit,
    /// Issue an invoice over the credit limit by more than the configured excess.
    OverrideCredit,
    /// Confirm a reconciliation that does not close.
    ConfirmUnclosed,
    ManageOperators,
    ManageSettings,
    /// Approve or reject customers and credit-limit changes awaiting review.
    ReviewCustomers,
}

impl Permission {
    pub const ALL: [Permission; 11] = [
        Permission::EditCustomers,
        Permission::EditLedger,
        Permission::DeleteCustomers,
        Permission::MergeCustomers,
        Permission::UndoImports,
        Permission::RaiseCreditLimit,
        Permission::OverrideCredit,
        Permission::ConfirmUnclosed,
        Permission::ManageOperators,
        Permission::ManageSettings,
        Permission::ReviewCustomers,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Permission::EditCustomers => "edit_customers",
            Permission::EditLedger => "edit_ledger",
            Permission::DeleteCustomers => "delete_customers",
            Permission::MergeCustomers => "merge_customers",
            Permission::UndoImports => "undo_imports",
            Permission::RaiseCreditLimit => "raise_credit_limit",
            Permission::OverrideCredit => "override_credit",
            Permission::ConfirmUnclosed => "confirm_unclosed_reconciliation",
            Permission::ManageOperators => "manage_operators",
            Permission::ManageSettings => "manage_settings",
            Permission::ReviewCustomers => "review_customers",
        }
    }

    pub fn name(self) -> Text {
        let (en, zh) = match self {
            Permission::EditCustomers => ("add and edit customers", "新增和修改客户"),
            Permission::EditLedger => ("add and edit ledger entries", "录入和修改往来分录"),
            Permission::DeleteCustomers => ("delete customers", "删除客户"),
            Permission::MergeCustomers => ("merge customers", "合并客户"),
            Permission::UndoImports => ("undo imports", "撤销导入"),
            Permission::RaiseCreditLimit => (
                "raise a credit limit above the supervisor amount",
                "将信用额度提高到主管审批金额以上",
            ),
            Permission::OverrideCredit => (
                "override a credit refusal above the supervisor excess",
                "超出主管审批超额部分仍开票",
            ),
            Permission::ConfirmUnclosed => (
                "confirm a reconciliation that does not close",
                "确认调节后不符的对账",
            ),
            Permission::ManageOperators => ("manage operators", "管理操作员"),
            Permission::ManageSettings => ("change settings", "修改设置"),
            Permission::ReviewCustomers => (
                "approve or reject customers and credit limits under review",
                "审核客户和待批信用额度",
            ),
        };
        Text::new(en, zh)
    }

    /// The roles that hold it, for a refusal's "who may grant it".
    pub fn roles(self) -> Vec<Role> {
        Role::ALL.into_iter().filter(|r| r.allows(self)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bookkeeper_edits_and_a_supervisor_does_everything() {
        for p in Permission::ALL {
            assert!(Role::Supervisor.allows(p), "{}", p.key());
        }
        let bookkeeper: Vec<_> = Permission::ALL
            .into_iter()
            .filter(|p| Role::Bookkeeper.allows(*p))
            .collect();
        assert_eq!(
            bookkeeper,
            [Permission::EditCustomers, Permission::EditLedger]
        );
        assert_eq!(Role::parse("主管"), Some(Role::Supervisor));
        assert_eq!(Role::parse("boss"), None);
    }
}
