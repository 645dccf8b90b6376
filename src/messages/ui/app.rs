//! The app's chrome and the customer screens: header, footer, key labels,
//! help scopes, list columns, details, the form and its questions.

use super::Msg;

ui_texts! {
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
}
