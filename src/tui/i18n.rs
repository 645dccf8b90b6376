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
    QuitTitle => "Quit kehu?", "退出 kehu？";
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
    StatementMappingName => "Saved mapping (optional)", "映射名称（可选）";
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
    StatementFile => "File (.xlsx/.csv/.pdf)", "文件（.xlsx/.csv/.pdf）";
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
    // the import wizard and history (issue 4)
    ScopeImportFile => "Import: choose the file", "导入：选择文件";
    ScopeImportSheet => "Import: sheet and header row", "导入：工作表与表头行";
    ScopeImportMapping => "Import: columns", "导入：列对应";
    ScopeImportPreview => "Import: preview", "导入：预览";
    ScopeImportPolicy => "Import: options", "导入：选项";
    ScopeImportProgress => "Import: running", "导入：进行中";
    ScopeImportResult => "Import: result", "导入：结果";
    ScopeImportHistory => "Import history", "导入记录";
    KeyImportHistory => "Import history", "导入记录";
    KeyOpenFile => "Open", "打开";
    KeyComplete => "Complete path", "补全路径";
    KeyRecentFile => "Recent files", "最近文件";
    KeyCloseWizard => "Close", "关闭";
    KeyNextStep => "Next", "下一步";
    KeyPrevStep => "Back", "上一步";
    KeyHeaderUp => "Header row up", "表头行上移";
    KeyHeaderDown => "Header row down", "表头行下移";
    KeyNextSheet => "Next sheet", "下一个工作表";
    KeyScrollColumns => "Scroll columns", "左右滚动";
    KeyChangeTarget => "Change field", "更改对应";
    KeySaveMapping => "Save mapping", "保存对应";
    KeyLoadMapping => "Load mapping", "载入对应";
    KeySeverityFilter => "Filter", "筛选";
    KeyStartImport => "Import", "开始导入";
    KeyChoosePolicy => "Choose", "选择";
    KeyAllOrNothing => "All or nothing", "全部或不导入";
    KeyCancelImport => "Cancel import", "取消导入";
    KeySaveRejects => "Save rejected rows", "保存未导入行";
    KeyDone => "Done", "完成";
    KeyUndoImport => "Undo import", "撤销导入";
    ImportTitle => "Import", "导入客户";
    StepFile => "File", "文件";
    StepSheet => "Sheet", "工作表";
    StepMapping => "Columns", "列对应";
    StepPreview => "Preview", "预览";
    StepPolicy => "Options", "选项";
    StepImport => "Import", "导入";
    StepResult => "Result", "结果";
    FilePath => "File", "文件";
    FileHint => "CSV/TXT (UTF-8, UTF-16, GBK) or xlsx/xls/ods; Tab completes, ↓ recent files", "CSV/TXT（UTF-8、UTF-16、GBK）或 xlsx/xls/ods；Tab 补全，↓ 最近文件";
    Formats => "Title rows and GBK files are handled; nothing is written before the last step.", "可识别标题行、空行和 GBK 编码；最后一步之前不会写入任何数据。";
    RecentFiles => "Recent files", "最近导入的文件";
    NoRecentFiles => "none yet", "暂无";
    Matches => "Matches", "匹配项";
    NoCompletion => "No file or folder starts with that.", "没有以此开头的文件或文件夹。";
    FileRequired => "Type the path of the file to import.", "请输入要导入的文件路径。";
    CannotOpen => "Cannot open the file", "无法打开文件";
    TextFile => "text", "文本";
    Delimiter => "delimiter", "分隔符";
    Sheets => "sheets", "个工作表";
    Sheet => "Sheet", "工作表";
    OneSheet => "This file has only one sheet.", "此文件只有一个工作表。";
    HeaderRow => "Header row", "表头行";
    ColumnsCount => "columns", "列";
    HeaderHint => "Rows above the header row are skipped; ↑/↓ moves it, ←/→ scroll the columns.", "表头行以上的行不导入；↑/↓ 移动表头行，←/→ 左右滚动。";
    ColRow => "Row", "行";
    Mapped => "mapped", "列已对应";
    MappingHint => "Space changes where the selected column goes; s saves the mapping, o loads one.", "空格键更改所选列的对应字段；s 保存列对应，o 载入已保存的。";
    ColColumn => "Column", "列";
    ColExample => "Example", "示例";
    ColField => "Field", "字段";
    ColMessage => "Message", "说明";
    PickTarget => "import into", "导入到";
    MappingNoName => "No column goes to the customer name: select the column with the names and press Space.", "没有列对应到客户名称：请选中名称所在的列，按空格键选择“客户名称”。";
    SaveMappingTitle => "Save this mapping", "保存列对应";
    SaveMappingBody => "Load it for the next file of this shape with o.", "下次导入同样格式的文件时按 o 载入。";
    MappingName => "Name", "名称";
    MappingSaved => "Mapping saved", "列对应已保存";
    MappingLoaded => "Mapping loaded", "已载入列对应";
    PickMapping => "Saved mappings", "已保存的列对应";
    NoMappings => "No saved mappings yet: s saves this one.", "还没有保存的列对应：按 s 保存当前的。";
    NameRequired => "Type a name first.", "请先输入名称。";
    Checking => "Checking every row…", "正在检查每一行…";
    StillChecking => "Still checking the rows…", "仍在检查各行…";
    RowsLabel => "rows", "行";
    CountOk => "ok", "正常";
    CountWarning => "warnings", "警告";
    CountError => "rejected", "错误";
    CountDuplicate => "already stored", "已存在";
    Showing => "Showing", "显示";
    FilterAll => "all problems", "全部问题";
    FilterErrors => "errors only", "仅错误";
    FilterWarnings => "warnings only", "仅警告";
    ProblemsLabel => "problems", "个问题";
    MoreProblems => "more not listed", "个未列出";
    NoProblems => "No problems: every row can be imported.", "没有问题：所有行都可以导入。";
    PreviewHint => "Nothing is written yet; f filters by severity, Enter goes on to the options.", "尚未写入任何数据；f 按严重程度筛选，Enter 进入选项。";
    PolicyQuestion => "A row matching a stored customer (same tax ID, code or name):", "与已有客户相同（税号、编码或名称相同）的行：";
    PolicySkip => "Skip it: the stored customer stays as it is", "跳过：已有客户保持不变";
    PolicyUpdate => "Update: its filled cells overwrite the stored customer", "更新：用该行已填写的单元格覆盖已有客户";
    PolicyStop => "Stop: import nothing at the first such row", "停止：遇到这样的行即停止，不导入任何数据";
    AllOrNothing => "All or nothing: import nothing if any row is rejected", "全部或不导入：有任何一行被拒绝就什么都不导入";
    AllOrNothingWarning => "The preview rejected rows: as it stands, nothing would be imported.", "预览中有被拒绝的行：照此设置将不会导入任何数据。";
    FromPreview => "The preview found", "预览结果";
    StartHint => "Enter imports the valid rows in one transaction; Esc goes back.", "按 Enter 在一个事务中导入有效的行；Esc 返回。";
    ProgressHint => "The import is one transaction: until it ends, nothing is written.", "导入在一个事务中进行：完成之前不会写入任何数据。";
    BackupNote => "A backup copy of the database is made before the import.", "导入前会先备份数据库。";
    Importing => "Importing", "正在导入";
    PerSecond => "rows/s", "行/秒";
    Eta => "time left", "预计剩余";
    CancelNote => "Esc cancels the import: nothing is written.", "按 Esc 取消导入：不会写入任何数据。";
    Cancelling => "Cancelling… nothing will be written.", "正在取消…不会写入任何数据。";
    Inserted => "inserted", "新增";
    UpdatedCount => "updated", "更新";
    Skipped => "skipped", "跳过";
    Rejected => "rejected", "拒绝";
    ImportDone => "Imported as batch", "导入完成，批次";
    ImportCancelled => "Cancelled: nothing was written.", "已取消：未写入任何数据。";
    StoppedAt => "Nothing was written: the import stopped at a row matching a stored customer, row", "未写入任何数据：导入在与已有客户相同的行处停止，行号";
    AllOrNothingRolledBack => "Nothing was written: rows were rejected and all or nothing was chosen.", "未写入任何数据：有行被拒绝，且选择了全部或不导入。";
    ImportFailed => "The import failed; nothing was written.", "导入失败，未写入任何数据。";
    Backup => "Backup", "备份";
    RejectsHintBefore => "r saves the", "按 r 保存";
    RejectsHintAfter => "rejected rows as they were plus an “error” column: fix them and import that file.", "个被拒绝的行（原样保留并加一列“error”说明原因），改正后可再次导入该文件。";
    UndoHint => "h shows the import history, where u undoes this import.", "按 h 查看导入记录，在其中按 u 可撤销本次导入。";
    ResultHint => "Enter or Esc goes back to the customer list.", "按 Enter 或 Esc 返回客户列表。";
    RejectsTitle => "Save the rejected rows", "保存未导入的行";
    RejectsBody => "As they were plus an “error” column, ready to fix.", "原样保存并加一列“error”说明原因，便于改正。";
    RejectsFile => "File (.csv/.xlsx)", "文件（.csv/.xlsx）";
    RejectsSuffix => "-rejected", "-未导入";
    RejectsSaved => "Rejected rows saved", "未导入的行已保存";
    NoRejects => "No rows were rejected.", "没有被拒绝的行。";
    RejectsKind => "save to a file ending in .csv or .xlsx", "文件名须以 .csv 或 .xlsx 结尾";
    HistoryTitle => "Import history", "导入记录";
    NoBatches => "No imports yet.", "还没有导入记录。";
    ColBatch => "Batch", "批次";
    ColTime => "Time", "时间";
    ColFile => "File", "文件";
    ColSheet => "sheet", "工作表";
    ColRows => "Rows", "行数";
    ColInserted => "New", "新增";
    ColUpdated => "Upd.", "更新";
    ColSkipped => "Skip", "跳过";
    ColRejected => "Rej.", "拒绝";
    ColUndone => "Undone", "撤销于";
    UndoTitle => "Undo this import?", "撤销此次导入？";
    UndoBody => "Its new customers are deleted and the fields it changed restored.", "将删除其新增的客户，并恢复其修改过的字段。";
    UndoneImport => "Undone batch", "已撤销批次";
    CustomersDeleted => "deleted", "个已删除";
    CustomersRestored => "restored", "个已恢复";
    UndoRefused => "Cannot undo", "无法撤销";
    AlreadyUndone => "already undone at", "已于以下时间撤销：";
    ArchiveOwes => "It still owes", "仍欠款";
    ScopeReconcileConfirmed => "Confirmed reconciliation", "已确认的对账";
    AlreadyConfirmedUntil => "Already reconciled and confirmed up to", "已对账确认至";
    AlreadyConfirmedHint => "this period's entries are locked; an adjustment is booked after that date.", "此期间的往来账已锁定，调整分录须记在该日之后。";
    ArchiveOwesTail => ": archiving does not settle it.", "，归档不会结清欠款。";
    // output files and backups (outfile.rs, screens/backups.rs)
    OverwriteTitle => "Replace the file?", "覆盖文件？";
    OverwriteBody => "already exists. Replace it?", "已存在，要覆盖吗？";
    BackupsTitle => "Backups", "备份";
    NoBackups => "No backups yet: one is taken before every import, or press b.", "还没有备份：每次导入前会自动备份，也可按 b 立即备份。";
    BackupTaken => "Backup written and checked", "备份已写入并通过检查";
    RestoreTitle => "Restore this backup?", "恢复此备份？";
    RestoreBody => "The database is replaced by this backup; the current one is kept as a backup first.", "数据库将被此备份替换；当前数据库会先另存为备份。";
    Restored => "Restored from", "已恢复自";
    BackupDamaged => "damaged", "已损坏";
    KeyBackups => "Backups", "备份";
    KeyBackupNow => "Back up now", "立即备份";
    KeyRestore => "Restore", "恢复";
    ScopeBackups => "Backups", "备份";
    NothingToWrite => "No row to write: nothing was written (no backup, no batch)", "没有可写入的行：未写入任何内容（不备份，不记批次）";
    StatementPeriod => "Period", "对账期间";
    PeriodFromTitle => "title; Esc to change", "取自标题，Esc 可改";
    PeriodFromBalances => "opening/closing rows; Esc to change", "取自期初/期末行，Esc 可改";
    PeriodFromLines => "first/last line; Esc to change", "取自首末行，Esc 可改";
    RowsSkipped => "skipped rows", "跳过的行";
    ScopeImportValues => "Import: new values", "导入：新分类值";
    KeyAddValue => "Add it", "添加";
    KeyMapValue => "Map to…", "对应到…";
    KeyEmptyValue => "Leave empty", "留空";
    NewValuesQuestion => "These values are not in their classification yet. For each: add it, map it to an existing value, or leave the field empty:", "以下分类值尚不存在。逐个选择：添加、对应到已有值，或留空：";
    NewValuesHint => "a adds, m maps to an existing value, e leaves it empty; Enter goes on to the options.", "a 添加，m 对应到已有值，e 留空；Enter 进入选项。";
    ValueAdd => "add it", "添加";
    ValueEmpty => "leave empty", "留空";
    ValueMapTo => "read as", "按";
    NoValuesToMapTo => "This classification has no values to map to.", "该分类没有可对应的值。";
    NewValuesLabel => "new values", "个新分类值";
    FromRow => "from row", "始于行";
    NotWritten => "valid, not written", "有效但未写入";
    ExampleRowSkipped => "is the template's example row: not imported", "是模板的示例行，未导入";
    PendingReview => "Pending review", "待审核";
    ScopeSignIn => "Signing in", "登录";
    ScopeReview => "Review queue", "审核队列";
    KeySignIn => "Sign in", "登录";
    KeySignOut => "Sign out / switch operator", "注销 / 切换操作员";
    KeyReviewQueue => "Review queue", "审核队列";
    KeyApprove => "Approve", "批准";
    KeyReject => "Reject", "驳回";
    SignInTitle => "Sign in", "登录";
    SignInHint => "Operators are defined: sign in with your name and password.", "已设操作员：请输入姓名和密码登录。";
    SignInName => "Name", "姓名";
    SignInPassword => "Password", "密码";
    SignedIn => "Signed in", "已登录";
    ReviewTitle => "Awaiting review", "待审核";
    ReviewEmpty => "Nothing awaits review.", "没有待审核的事项。";
    ReviewNewCustomer => "new customer", "新客户";
    ReviewCreditLimit => "credit limit", "信用额度";
    ReviewRequestedBy => "by", "申请人";
    ReviewNotControlled => "not controlled", "不控制";
    RejectTitle => "Reject", "驳回";
    RejectReason => "Reason", "理由";
    ReviewApproved => "Approved", "已批准";
    ReviewRejected => "Rejected", "已驳回";
    ScopeAudit => "Audit", "审计记录";
    ScopeAuditSnapshot => "Deleted customer", "已删除的客户";
    KeyAuditLog => "Audit", "审计记录";
    KeyAuditFilter => "Filter", "筛选";
    KeyAuditSnapshot => "Deleted customer's snapshot", "已删除客户的快照";
    KeyRestoreDeleted => "Restore as a new customer", "恢复为新客户";
    AuditTitle => "Audit", "审计记录";
    AuditEmpty => "No audit rows match.", "没有匹配的审计记录。";
    AuditFilterTitle => "Filter the audit", "筛选审计记录";
    AuditFilterHint => "Empty fields do not filter; actions separated by spaces.", "留空的项不筛选；多个操作用空格分隔。";
    AuditCustomer => "Customer code", "客户编码";
    AuditOperator => "Operator", "操作员";
    AuditAction => "Action", "操作";
    AuditFrom => "From", "起始日期";
    AuditTo => "To", "截止日期";
    AuditBadDate => "Not a date (YYYY-MM-DD)", "不是日期（YYYY-MM-DD）";
    AuditNoSnapshot => "Only a customer's deletion has a snapshot to show.", "只有删除客户的记录有快照可看。";
    AuditSnapshotTitle => "Deleted customer", "已删除的客户";
    AuditRestored => "Restored as", "已恢复为";
    AuditBy => "by", "操作人";
    ScopeMerge => "Merging duplicates", "合并重复客户";
    KeyMergeInto => "Merge a duplicate into this one", "将重复客户合并到此客户";
    KeyToggleTake => "Keep this value / the duplicate's", "保留本值 / 重复客户的值";
    KeyMerge => "Merge", "合并";
    MergePick => "Merge a duplicate into", "选择要合并进来的重复客户";
    MergeTitle => "Merge", "合并";
    MergeKeep => "kept", "保留";
    MergeDrop => "merged in", "并入";
    MergeReason => "Reason", "理由";
    Merged => "Merged", "已合并";
    KeyStatistics => "Statistics", "统计";
    KeyLedgerSearch => "Search entries", "账目查询";
    KeyCompanySettings => "Our company", "本公司信息";
    KeyPeriod => "Period", "期间";
    KeyFilters => "Filters", "筛选条件";
    ScopeStats => "Statistics", "统计";
    ScopeLedgerSearch => "Search entries", "账目查询";
    ScopeCompany => "Our company", "本公司信息";
    StatsPeriodTitle => "Period of invoiced and received", "开票与收款的期间";
    StatsFrom => "From (empty: no limit)", "起始日期（空：不限）";
    StatsTo => "To (empty: no limit)", "截止日期（空：不限）";
    SearchFiltersTitle => "Search entries", "账目查询条件";
    SearchType => "Type (invoice, 收款 …)", "类型（发票、收款…）";
    SearchClass => "Class (行业=制造业, 活跃度=休眠)", "分类（行业=制造业，活跃度=休眠）";
    SearchDoc => "Document no. contains", "单据号包含";
    SearchAmount => "Amount (A or MIN..MAX)", "金额（A 或 最小..最大）";
    SearchCustomer => "Customer code", "客户编码";
    SearchShown => "shown", "已显示";
    SearchNoFilters => "f: set the filters (period, type, class …)", "按 f 设置筛选条件（期间、类型、分类…）";
    CompanyTitle => "Our company (sender on statements and reminders)", "本公司信息（对账单、催款函的发出方）";
    CompanyNotSet => "not set yet: e to enter it", "尚未设置：按 e 填写";
    CompanySaved => "Our company saved", "本公司信息已保存";
    CompanyName => "Name", "名称";
    CompanyTaxId => "Tax ID", "税号";
    CompanyAddress => "Address", "地址";
    CompanyPhone => "Phone", "电话";
    CompanyBank => "Bank", "开户行";
    CompanyAccount => "Account", "账号";
    CompanyContact => "Contact", "联系人";
    CompanySeal => "Seal image (PNG/JPEG path)", "印章图片（PNG/JPEG 路径）";
}

/// ": " in English, "：" in Chinese (no ASCII punctuation in Chinese text).
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::Zh => "：",
    }
}

/// Between two sentences: ". " in English, "。" in Chinese.
pub fn full_stop(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ". ",
        Lang::Zh => "。",
    }
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
