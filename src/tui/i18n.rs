//! Every label and message of the TUI in English and Chinese, in one table so
//! a text can't exist in one language only. Field labels, choice labels and
//! validation messages come from the core (`Field::label`, `Problem.message`).

use crate::domain::Lang;

macro_rules! messages {
    ($($name:ident => $en:literal, $zh:literal;)+) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($name),+ }

        impl Msg {
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$name, Lang::En) => $en, (Msg::$name, Lang::Zh) => $zh),+
                }
            }
        }
    };
}

messages! {
    // header, footer, states
    AppName => "kehu", "客户";
    Customers => "customers", "个客户";
    Operator => "operator", "操作员";
    Loading => "loading…", "加载中…";
    EmptyTitle => "No customers yet", "还没有客户";
    EmptyHint => "Start here:", "从这里开始：";
    NoMatch => "No customer matches", "没有匹配的客户";
    Shown => "shown", "条";
    SortBy => "sort", "排序";
    Filter => "filter", "筛选";
    // actions (footer and help labels)
    KeyQuit => "Quit", "退出";
    KeyBack => "Back", "返回";
    KeyHelp => "Help", "帮助";
    KeyUp => "Up", "上移";
    KeyDown => "Down", "下移";
    KeyPageUp => "Page up", "上一页";
    KeyPageDown => "Page down", "下一页";
    KeyTop => "First", "第一行";
    KeyBottom => "Last", "最后一行";
    KeySearch => "Search", "搜索";
    KeyAdd => "Add", "新增";
    KeyAddFromTemplate => "Add from template", "从模板新增";
    KeyImport => "Import a file", "导入文件";
    KeyDemo => "Load demo data", "加载示例数据";
    KeyView => "Details", "详情";
    KeyEdit => "Edit", "编辑";
    KeyArchive => "Archive", "归档";
    KeyUnarchive => "Unarchive", "恢复";
    KeyHold => "Put on hold", "停用";
    KeyDelete => "Delete", "删除";
    KeyStatusFilter => "Status filter", "状态筛选";
    KeyClassFilter => "Filter by class", "按分类筛选";
    KeyClearFilter => "Clear filters", "清除筛选";
    KeySort => "Sort column", "排序列";
    KeyReverse => "Reverse order", "倒序";
    KeySearchDone => "Keep results", "保留结果";
    KeySearchClear => "Clear search", "清除搜索";
    KeyNextField => "Next field", "下一项";
    KeyPrevField => "Previous field", "上一项";
    KeyPick => "Choose / next", "选择 / 下一项";
    KeyClearField => "Clear field", "清空本项";
    KeySave => "Save", "保存";
    KeyConfirm => "Confirm", "确定";
    KeyCancel => "Cancel", "取消";
    KeyYes => "Yes", "是";
    KeyNo => "No", "否";
    KeyOpenExisting => "Open existing", "打开已有客户";
    KeySaveAnyway => "Save anyway", "仍然保存";
    KeyScroll => "Scroll", "滚动";
    // scopes in the help overlay
    ScopeGlobal => "Everywhere", "全局";
    ScopeList => "Customer list", "客户列表";
    ScopeEmpty => "Empty database", "空数据库";
    ScopeSearch => "Searching", "搜索时";
    ScopeDetail => "Customer details", "客户详情";
    ScopeForm => "Add / edit form", "新增 / 编辑表单";
    ScopePicker => "Picker", "选择列表";
    ScopeConfirm => "Confirmation", "确认对话框";
    ScopeDuplicate => "Possible duplicate", "疑似重复";
    ScopeTaxDuplicate => "Tax ID already used", "税号已被使用";
    ScopeHelp => "Help", "帮助";
    HelpTitle => "Keys", "按键";
    // list columns
    ColCode => "Code", "编码";
    ColName => "Name", "名称";
    ColMnemonic => "Mnemonic", "助记码";
    ColTaxId => "Tax ID", "税号";
    ColClass => "Class", "分类";
    ColCredit => "Credit limit", "信用额度";
    ColBalance => "Balance", "余额";
    ColStatus => "Status", "状态";
    // status filter
    StatusLive => "live", "在用";
    StatusAll => "all", "全部";
    // detail
    DetailTitle => "Customer", "客户";
    Classification => "Classification", "分类";
    History => "History", "修改记录";
    Created => "Created", "创建";
    Updated => "Updated", "修改";
    NoHistory => "No history.", "没有记录。";
    ActionCreate => "created", "创建";
    ActionUpdate => "changed", "修改";
    ActionStatus => "status", "状态";
    ActionDelete => "deleted", "删除";
    // form
    AddTitle => "New customer", "新增客户";
    EditTitle => "Edit", "编辑";
    Auto => "auto", "自动";
    NoneValue => "(none)", "（无）";
    FromTemplate => "template", "模板";
    FixBeforeSave => "Fix the problems marked ✗ before saving", "请先修正标 ✗ 的问题再保存";
    Unsaved => "unsaved", "未保存";
    DiscardTitle => "Discard changes?", "放弃修改？";
    DiscardBody => "The changes in this form will be lost.", "此表单的修改将丢失。";
    QuitTitle => "Quit kehu?", "退出客户？";
    QuitBody => "A form has unsaved changes.", "有表单尚未保存。";
    DuplicateTitle => "Possible duplicate", "疑似重复客户";
    DuplicateTaxId => "This tax ID already belongs to:", "该税号已属于：";
    DuplicateSimilar => "Customers with similar names:", "名称相似的客户：";
    DuplicateNoSave => "A tax ID belongs to one live customer: open it, or go back and fix the tax ID.", "一个税号只能属于一个在用客户：请打开已有客户，或返回修改税号。";
    PickTemplate => "Template", "模板";
    PickClass => "Filter by classification", "按分类筛选";
    PickSearch => "type to search", "输入以搜索";
    NoTemplates => "No templates yet: save one with `kehu template save`.", "还没有模板：可用 `kehu template save` 保存。";
    // confirmations and messages
    ArchiveTitle => "Archive this customer?", "归档此客户？";
    ArchiveBody => "Hidden from lists; history kept; tax ID freed.", "将从列表隐藏，保留历史，释放税号。";
    DeleteTitle => "Delete this customer?", "删除此客户？";
    DeleteBody => "Only possible without ledger entries; a snapshot stays in the history.", "仅限没有往来记录的客户；历史中保留快照。";
    Saved => "Saved", "已保存";
    Archived => "Archived", "已归档";
    Unarchived => "Back to active", "已恢复为正常";
    OnHold => "Put on hold", "已停用";
    Deleted => "Deleted", "已删除";
    DemoLoaded => "Demo data loaded", "示例数据已加载";
    ImportLater => "The import wizard comes with the import issue; for now add customers with `a`.", "导入向导将随导入功能提供；目前请用 `a` 新增客户。";
    Error => "Error", "错误";
    ConfigProblem => "Config file ignored", "配置文件已忽略";
    // reconciliation (issue 6)
    KeyReconcile => "Reconcile", "对账";
    KeyMark => "Select", "选择";
    KeySwitchSide => "Side", "左右";
    KeyMatchLines => "Match", "核对";
    KeyUnmatch => "Unmatch", "取消核对";
    KeyNote => "Note", "说明";
    KeyAdjust => "Adjusting entry", "调整分录";
    KeyUnmatchedOnly => "Unmatched only", "只看未核对";
    KeySaveDraft => "Save", "保存";
    KeyConfirmReconciliation => "Confirm", "确认对账";
    KeyRematch => "Re-match (tolerance)", "重新匹配（容差）";
    KeyExportReport => "Export report", "导出调节表";
    KeyOpeningNote => "Note on the opening difference", "期初差异说明";
    OpeningsAgree => "The opening balances agree: nothing to explain.", "期初余额一致，无需说明。";
    ScopeReconcile => "Reconciliation", "对账";
    ReconcileTitle => "Reconciliation", "对账";
    ReconcileSetup => "Reconcile with the customer's statement", "与客户对账单核对";
    StatementPath => "Statement file", "对账单文件";
    StatementPathRequired => "Type the path of the customer's statement file (.xlsx, .xls, .csv…).", "请输入客户对账单文件的路径（.xlsx、.xls、.csv…）。";
    PeriodFrom => "From (blank: as the statement)", "起始日期（空=按对账单）";
    PeriodTo => "To (blank: as the statement)", "截止日期（空=按对账单）";
    MappingName => "Saved mapping (optional)", "映射名称（可选）";
    LastReconciliation => "no file + Enter opens it", "文件留空按回车打开";
    ReadingStatement => "Reading the statement…", "正在读取对账单…";
    SignTitle => "Their debit and credit", "对方借贷方向";
    SignTheirCredit => "Their credit = our debit", "对方贷方 = 我方借方（应付）";
    SignSame => "Same: their debit = our debit", "与我方相同（借方 = 借方）";
    SignDetected => "detected", "自动判断";
    SignFromMapping => "as the saved mapping says", "按已保存的映射";
    OurSide => "Our ledger", "我方账簿";
    TheirSide => "Their statement", "对方对账单";
    OurBalance => "Ours", "我方余额";
    TheirBalance => "Theirs", "对方余额";
    Difference => "Difference", "差额";
    MatchedCount => "Matched", "已核对";
    UnmatchedCount => "Unmatched", "未核对";
    Unexplained => "Unexplained", "未说明差额";
    Closes => "Closes", "调节相符";
    YesWord => "yes", "是";
    NoWord => "no", "否";
    Draft => "draft", "草稿";
    ConfirmedStatus => "confirmed", "已确认";
    Tolerance => "tolerance ±", "容差 ±";
    DaysShort => "d", "天";
    Selected => "selected", "已选";
    UnmatchedOnlyOn => "unmatched only", "只看未核对";
    NoteTitle => "Note on this difference", "差异说明";
    NoteLabel => "Note", "说明";
    ForceTitle => "The selected amounts differ", "所选金额不相等";
    ForceBody => "a note forces the match", "填写说明即可强制核对";
    OursShort => "ours", "我方";
    TheirsShort => "theirs", "对方";
    AdjustTitle => "Book an adjusting ledger entry", "生成调整分录";
    AdjustBody => "Adjusts our ledger by", "调整我方账簿金额";
    RematchTitle => "Re-run the automatic match", "重新自动匹配";
    ToleranceDays => "Tolerance (days)", "日期容差（天）";
    BadTolerance => "Type a number of days from 0 to 366.", "请输入 0 到 366 之间的天数。";
    ConfirmReconTitle => "Confirm this reconciliation?", "确认本次对账？";
    ConfirmReconBody => "It becomes read-only and the ledger is locked up to", "确认后不能修改，账簿锁定至";
    ExportTitle => "Export the reconciliation statement", "导出余额调节表";
    DraftSaved => "Draft saved", "草稿已保存";
    ReconConfirmed => "Reconciliation confirmed", "对账已确认";
    ReportWritten => "Reconciliation statement written", "余额调节表已导出";
    ReadOnly => "This reconciliation is confirmed: it can no longer change.", "本次对账已确认，不能再修改。";
    AdjustmentBooked => "Adjustment booked", "已生成调整分录";
    Rematched => "Re-matched, tolerance ±", "已重新匹配，容差 ±";
    NoLineHere => "No line on this side of the row.", "该行这一侧没有明细。";
    NothingToAdjust => "Only a difference in amount (only ours, only theirs, amounts differ) can be booked as an adjustment.", "只有金额差异（仅我方、仅对方、金额不符）才能生成调整分录。";
    LeaveTitle => "Leave without saving?", "不保存就离开？";
    LeaveBody => "The matches and notes made here will be lost.", "本次的核对和说明将丢失。";
    // the ledger screens (issue 5)
    KeyLedger => "Ledger", "往来账";
    KeyNewInvoice => "New invoice", "开票";
    KeyDashboard => "Dashboard", "应收总览";
    KeyAddEntry => "Add entry", "录入单据";
    KeyAllocate => "Allocate", "核销";
    KeyReverseEntry => "Reverse", "冲销";
    KeyStatement => "Export statement", "导出对账单";
    KeyNextDimension => "Next classification", "切换分类";
    KeyIssueOverride => "Issue with this reason", "按此原因开票";
    ScopeLedger => "Customer ledger", "客户往来账";
    ScopeDashboard => "Dashboard", "应收总览";
    ScopeQuickInvoice => "New invoice: find the customer", "开票：查找客户";
    ScopePrompt => "Input dialog", "输入对话框";
    ScopeOverride => "Over the credit limit", "超出信用额度";
    LegendOverdue => "overdue", "逾期";
    LegendOverLimit => "over limit", "超额度";
    CreditUsed => "Credit used", "已用额度";
    CreditAvailable => "Credit available", "可用额度";
    Overdue => "Overdue", "逾期";
    OverdueItems => "items", "笔";
    OldestDue => "oldest due", "最早到期";
    DaysOverdue => "days", "天";
    Unapplied => "Unapplied credit", "未核销贷方";
    LedgerTitle => "Ledger", "往来账";
    NoEntries => "No entries yet: `a` adds one, `n` issues an invoice.", "还没有单据：按 a 录入，按 n 开票。";
    ColDate => "Date", "日期";
    ColType => "Type", "类型";
    ColDoc => "Doc no.", "单据号";
    ColAmount => "Amount", "金额";
    ColOutstanding => "Open", "未核销";
    ColDue => "Due", "到期日";
    ColDaysOverdue => "Overdue", "逾期天数";
    ColMemo => "Memo", "摘要";
    Locked => "confirmed by a reconciliation", "已对账确认";
    ReversedBy => "reversed by", "已被冲销：";
    Reverses => "reverses", "冲销：";
    OverrideRecorded => "issued over the limit", "超额开票原因";
    EntryTitle => "New entry", "录入单据";
    MemoReason => "Memo (reason)", "摘要（原因）";
    BalanceAfter => "Balance after this entry", "录入后余额";
    OverLimitTitle => "Over the credit limit", "超出信用额度";
    ThisInvoice => "This invoice", "本张发票";
    Excess => "Excess", "超出";
    OverrideHint => "Type the reason to issue it anyway (it is recorded), or Esc to go back.", "如确需开票，请填写原因（将记录在案），或按 Esc 返回。";
    Reason => "Reason", "原因";
    ReasonRequired => "Type a reason first.", "请先填写原因。";
    Recorded => "Recorded", "已录入";
    AllocatedTo => "allocated", "核销";
    AllocateTitle => "Allocate against", "核销到";
    OldestFirst => "Oldest first (default)", "按时间先后（默认）";
    NothingOpen => "Nothing open on this entry.", "该单据已全部核销。";
    NothingToAllocate => "Nothing open on the other side to allocate against.", "没有可核销的对方单据。";
    NothingAllocated => "Nothing was allocated.", "没有可核销的金额。";
    ReverseTitle => "Reverse this entry", "冲销单据";
    ReverseBody => "A new entry of the opposite amount is set against it.", "将录入一张金额相反的单据并与其核销。";
    Reversed => "Reversed", "已冲销";
    StatementTitle => "Export statement of account", "导出对账单";
    StatementFrom => "From", "起始日期";
    StatementTo => "To", "截止日期";
    StatementFile => "File (.xlsx/.csv)", "文件（.xlsx/.csv）";
    StatementWritten => "Statement written", "对账单已导出";
    StatementKind => "write to a file ending in .xlsx or .csv", "文件名须以 .xlsx 或 .csv 结尾";
    KindOpening => "Opening", "期初";
    KindInvoice => "Invoice", "发票";
    KindReceipt => "Receipt", "收款";
    KindCredit => "Credit", "红字";
    KindPrepayment => "Prepaid", "预收";
    KindAdjustment => "Adjust", "调整";
    QuickTitle => "New invoice: customer", "开票：选择客户";
    QuickHint => "type a name, mnemonic or tax ID", "输入名称、助记码或税号";
    CreateCustomer => "Create new customer", "新建客户";
    DashboardTitle => "Receivables", "应收总览";
    AsOf => "as of", "截至";
    TotalReceivable => "Receivable", "应收合计";
    NetBalance => "net", "净额";
    CustomersWithBalance => "customers with a balance", "个客户有余额";
    OverLimitCustomers => "Over their credit limit", "超信用额度客户";
    TopDebtors => "Top 10 debtors", "欠款前十";
    AgingTitle => "Aging", "账龄";
    ByClass => "Receivable by", "应收按";
    NoneYet => "None.", "无。";
}

/// A count with its unit in the UI language: "1,234 customers" / "1,234 个客户".
pub fn count(n: usize, unit: Msg, lang: Lang) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(d);
    }
    format!("{grouped} {}", unit.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped() {
        assert_eq!(
            count(100_000, Msg::Customers, Lang::En),
            "100,000 customers"
        );
        assert_eq!(count(12, Msg::Customers, Lang::Zh), "12 个客户");
    }
}
