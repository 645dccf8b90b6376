//! The texts, one line per code: English, then Chinese. `{name}` is a field.

use crate::domain::Lang;

macro_rules! table {
    ($($code:literal => $en:literal, $zh:literal;)+) => {
        /// Every code with its English and Chinese text.
        pub const CODES: &[(&str, &str, &str)] = &[$(($code, $en, $zh)),+];

        pub fn template(code: &str, lang: Lang) -> Option<&'static str> {
            match (code, lang) {
                $(($code, Lang::En) => Some($en), ($code, Lang::Zh) => Some($zh),)+
                _ => None,
            }
        }
    };
}

table! {
    // causes of I/O failures
    "io.not_found" => "no such file or folder", "文件或文件夹不存在";
    "io.permission" => "permission denied", "没有权限";
    "io.disk_full" => "the disk is full", "磁盘已满";
    "io.is_folder" => "it is a folder, not a file", "这是文件夹，不是文件";
    "io.other" => "{detail}", "{detail}";

    // the database
    "db.no_folder" => "the folder of the database {path} does not exist: check --db (or KEHU_DB)",
        "数据库 {path} 所在的文件夹不存在：请检查 --db（或 KEHU_DB）";
    "db.is_folder" => "{path} is a folder: --db names the database file", "{path} 是文件夹：--db 应指定数据库文件";
    "db.created" => "created new database {path}", "已新建数据库 {path}";
    "database.damaged" => "the database {path} is damaged; the newest good backup is {backup}: `kehu restore {backup}` brings it back (the damaged file is kept in the backups folder)",
        "数据库 {path} 已损坏；最新的完好备份是 {backup}：`kehu restore {backup}` 可将其恢复（损坏的文件会保留在备份文件夹中）";
    "database.damaged_no_backup" => "the database {path} is damaged and there is no good backup in {folder}",
        "数据库 {path} 已损坏，且 {folder} 中没有完好的备份";
    "cli.flag_problem" => "--{flag}: {reason}", "--{flag}：{reason}";
    "audit.unknown_action" => "--action {action}: not an action the audit records; one of {actions}", "--action {action}：审计记录中没有这种操作；可用：{actions}";
    "backup.in_memory" => "an in-memory database has no backups", "内存数据库没有备份";
    "backup.written" => "backup written and checked: {path}", "备份已写入并通过检查：{path}";
    "backup.kept" => "kept the database as it was: {path}", "原数据库已另存：{path}";
    "import.dry_run_rejects" => "dry run: nothing is written, {path} neither", "试运行：不写入任何内容，{path} 也不写";
    "operator.password_unreadable" => "cannot read the password for {name} ({cause}): give it in KEHU_PASSWORD", "无法读取 {name} 的密码（{cause}）：请用 KEHU_PASSWORD 提供";
    "operator.new_password_unreadable" => "cannot read the new password ({cause}): give it in KEHU_NEW_PASSWORD", "无法读取新密码（{cause}）：请用 KEHU_NEW_PASSWORD 提供";
    "operator.passwords_differ" => "the two passwords differ; nothing changed", "两次输入的密码不一致；未作更改";
    "operator.bad_role" => "--role {role}: bookkeeper or supervisor", "--role {role}：应为 bookkeeper（会计）或 supervisor（主管）";
    "operator.added" => "added operator {name} ({role})", "已添加操作员 {name}（{role}）";
    "operator.password_changed" => "changed the password of {name}", "已修改 {name} 的密码";
    "operator.retired" => "retired operator {name}", "已停用操作员 {name}";
    "reconcile.skipped_rows" => "skipped rows: {rows}", "跳过的行：{rows}";
    "settings.negative_amount" => "the amount cannot be negative", "金额不能为负数";
    "settings.bad_amount" => "{reason}", "{reason}";
    "db.open" => "cannot open the database {path}: {detail}", "无法打开数据库 {path}：{detail}";
    "db.folder" => "cannot create the folder {path}: {cause}", "无法创建文件夹 {path}：{cause}";
    "db.schema_too_new" => "the database {path} was written by a newer kehu (schema {found}, this program knows up to {supported}); update kehu instead of opening it with this version",
        "数据库 {path} 由更新版本的 kehu 写入（结构版本 {found}，本程序最高支持 {supported}）；请升级 kehu，不要用此版本打开";
    "db.migration" => "upgrading the database schema failed: {detail}", "升级数据库结构失败：{detail}";
    "db.error" => "database error: {detail}", "数据库错误：{detail}";
    "db.disk_full" => "disk full: cannot write the database {path}. Nothing was changed; free some space and run the command again",
        "磁盘已满：无法写入数据库 {path}。数据未被改动；请腾出磁盘空间后重试";
    "db.busy" => "the database {path} is in use by another kehu; try again when it has finished",
        "数据库 {path} 正被另一个 kehu 使用；请等它完成后重试";
    "db.refused" => "{detail}", "{detail}";
    "backup.bad" => "{path} is not a good backup: {reason}", "{path} 不是可用的备份：{reason}";
    "output.refused" => "{text}", "{text}";
    "search.too_long" => "the search text is {length} characters long; search for at most {max}",
        "搜索内容有 {length} 个字符；最多可搜索 {max} 个字符";

    // customers, templates, classification
    "customer.not_found" => "no customer with code {code}", "没有编码为 {code} 的客户";
    "customer.has_ledger" => "customer {code} has ledger entries, so it can only be archived, not deleted",
        "客户 {code} 已有往来记录，只能归档，不能删除";
    "customer.deleted" => "deleted {code}", "已删除 {code}";
    "customer.status_set" => "{code} {name}: {status}", "{code} {name}：{status}";
    "customer.unknown_status" => "unknown status “{status}”: use active, on_hold, archived or pending_review",
        "未知状态“{status}”：请用 active、on_hold、archived 或 pending_review";
    "check_id.valid" => "valid", "有效";
    "check_id.invalid" => "INVALID", "无效";
    "template.needs_name" => "a template needs a name", "模板需要名称";
    "mapping.needs_name" => "a mapping needs a name", "列对应关系需要名称";
    "mapping.not_found" => "no saved mapping named “{name}”", "没有名为“{name}”的已保存列对应关系";
    "customer.tax_id_taken" => "tax ID {tax_id} is now used by {code} {name}: archive or edit that customer first",
        "税号 {tax_id} 已被 {code} {name} 使用：请先归档或修改该客户";
    "class.bad_code" => "dimension code “{code}” must be lower-case letters, digits and _", "维度编码“{code}”只能由小写字母、数字和 _ 组成";
    "class.is_field" => "“{code}” is already a customer field", "“{code}” 已是客户字段";
    "class.empty_value" => "a classification value cannot be empty", "分类值不能为空";
    "class.no_value" => "“{value}” is not a value of {dimension}", "“{value}” 不是 {dimension} 的值";
    "class.in_use" => "“{value}” is used by {count} customer(s): retire it instead of deleting", "“{value}” 正被 {count} 个客户使用：请停用而不是删除";
    "class.no_dimension" => "no classification dimension “{dimension}”", "没有分类维度“{dimension}”";
    "undo.no_batch" => "there is no import batch {batch}", "没有导入批次 {batch}";
    "undo.already_undone" => "import batch {batch} was already undone at {at}", "导入批次 {batch} 已于 {at} 撤销";
    "undo.blocked" => "import batch {batch} cannot be undone: {reasons}. Undo or fix those customers by hand instead",
        "导入批次 {batch} 无法撤销：{reasons}。请手动撤销或修改这些客户";
    "undo.invalid" => "import batch {batch} cannot be undone: restoring {code} {name} would be invalid now: {problems}",
        "导入批次 {batch} 无法撤销：恢复 {code} {name} 后数据将不合规：{problems}";
    "template.not_found" => "no template named “{name}”", "没有名为“{name}”的模板";
    "template.saved" => "saved template {name}", "已保存模板 {name}";
    "template.deleted" => "deleted template {name}", "已删除模板 {name}";
    "settings.ceiling" => "{amount}", "{amount}";
    "settings.ceiling_set" => "credit limits must now stay below {amount}", "信用额度现须低于 {amount}";
    "settings.ceiling_positive" => "the ceiling must be more than 0", "上限必须大于 0";
    "demo.customers" => "added {added} sample customers ({skipped} already there)", "已添加 {added} 个示例客户（{skipped} 个已存在）";
    "demo.entries" => "added {entries} sample ledger entries (invoices, receipts, a few overdue)", "已添加 {entries} 条示例往来记录（发票、收款，部分逾期）";

    // the command line itself
    "cli.no_home" => "no home folder found: give the database with --db PATH", "找不到用户主目录：请用 --db PATH 指定数据库";
    "cli.field_syntax" => "--field “{pair}” should be key=value, e.g. credit_limit=50000", "--field “{pair}” 应为 键=值，例如 credit_limit=50000";
    "cli.stdout" => "cannot write to standard output: {detail}", "无法写入标准输出：{detail}";
    "cli.json" => "cannot write JSON: {detail}", "无法输出 JSON：{detail}";
    "cli.csv" => "cannot write CSV: {detail}", "无法输出 CSV：{detail}";
    "cli.option" => "error: {option}: {message} [{code}]", "错误：{option}：{message} [{code}]";
    "problem.error" => "error: {field}: {message} [{code}]", "错误：{field}：{message} [{code}]";
    "problem.warning" => "warning: {field}: {message} [{code}]", "警告：{field}：{message} [{code}]";

    // import and export
    "import.io" => "cannot read {path}: {cause}", "无法读取 {path}：{cause}";
    "import.refused" => "cannot import {path}: {message}", "无法导入 {path}：{message}";
    "import.empty" => "{path} is empty: there is nothing to import", "{path} 是空文件：没有可导入的内容";
    "import.not_spreadsheet" => "{path} is not a spreadsheet: {what}. Import a .csv, .txt, .xlsx, .xls or .ods file (in Excel: File → Save As → CSV UTF-8 or Excel Workbook)",
        "{path} 不是表格文件：{what}。请导入 .csv、.txt、.xlsx、.xls 或 .ods 文件（在 Excel 中：文件 → 另存为 → CSV UTF-8 或 Excel 工作簿）";
    "import.workbook" => "cannot read the workbook {path}: {detail}", "无法读取工作簿 {path}：{detail}";
    "import.read" => "cannot read row {row} of {path}: {detail}", "无法读取 {path} 的第 {row} 行：{detail}";
    "import.no_sheet" => "there is no sheet “{sheet}” in {path}; its sheets are: {sheets}", "{path} 中没有工作表“{sheet}”；现有工作表：{sheets}";
    "import.no_header" => "no header row found in the first {searched} rows of {path}: give the row with --header-row N",
        "在 {path} 的前 {searched} 行中找不到表头行：请用 --header-row N 指定";
    "import.no_such_row" => "row {row} is not in {path} (it has {rows} rows)", "{path} 没有第 {row} 行（共 {rows} 行）";
    "import.headers_changed" => "the headers in row {row} are not those the mapping was made for: open the file again",
        "第 {row} 行的表头与列对应关系不符：请重新打开文件";
    "import.write" => "cannot write {path}: {detail}", "无法写入 {path}：{detail}";
    "import.needs_file" => "give the FILE to import, --template OUT, or a subcommand (undo, history); see kehu import --help",
        "请给出要导入的文件、--template OUT 或子命令（undo、history）；参见 kehu import --help";
    "import.entry_type" => "--entry-type {text}: use invoice, receipt, credit, prepayment, adjustment or opening",
        "--entry-type {text}：请用 invoice、receipt、credit、prepayment、adjustment 或 opening";
    "import.ledger_update" => "--on-duplicate update is for customers: a ledger entry is changed with `kehu ledger edit` (or reversed), never by an import",
        "--on-duplicate update 只用于客户：往来记录请用 `kehu ledger edit` 修改（或冲销），不能通过导入修改";
    "import.template_written" => "wrote template {path}", "已写入模板 {path}";
    "import.exported" => "exported {count} customer(s) to {path}", "已导出 {count} 个客户到 {path}";
    "import.undone" => "undid import batch {batch}: {deleted} customer(s) deleted, {restored} restored",
        "已撤销导入批次 {batch}：删除 {deleted} 个客户，恢复 {restored} 个";
    "import.more_problems" => "… and {more} more (see --format json, or --rejects OUT for the rejected rows)",
        "… 另有 {more} 条（见 --format json，或用 --rejects OUT 导出被拒绝的行）";
    "import.summary.file" => "file     {file} ({kind})", "文件     {file}（{kind}）";
    "import.summary.sheet" => "sheet    {sheet}", "工作表   {sheet}";
    "import.summary.header" => "header   row {row}: {columns}", "表头     第 {row} 行：{columns}";
    "import.summary.result" => "result   {rows} rows: {inserted} inserted, {updated} updated, {skipped} skipped, {rejected} rejected, {warnings} warnings",
        "结果     {rows} 行：新增 {inserted}，更新 {updated}，跳过 {skipped}，拒绝 {rejected}，警告 {warnings}";
    "import.summary.result_not_written" => "result   {rows} rows: {inserted} inserted, {updated} updated, {skipped} skipped, {rejected} rejected, {not_written} valid but not written, {warnings} warnings",
        "结果     {rows} 行：新增 {inserted}，更新 {updated}，跳过 {skipped}，拒绝 {rejected}，有效但未写入 {not_written}，警告 {warnings}";
    "import.summary.result_dry" => "result   {rows} rows: {inserted} would be inserted, {updated} would be updated, {skipped} skipped, {rejected} rejected, {warnings} warnings",
        "结果     {rows} 行：将新增 {inserted}，将更新 {updated}，跳过 {skipped}，拒绝 {rejected}，警告 {warnings}";
    "import.summary.similar" => "similar  {count} rows have names like a stored customer's or an earlier row's; listed in the report (--format json or csv)",
        "相似     {count} 行的名称与已有客户或文件中前面的行相似；详见报告（--format json 或 csv）";
    "import.summary.new_value" => "new      {column} “{value}”: {rows} row(s) from row {first_row}, {action}",
        "新分类值 {column}“{value}”：{rows} 行，始于第 {first_row} 行，{action}";
    "import.summary.example_row" => "         row {row} is the template's example row: not imported", "         第 {row} 行是模板的示例行：未导入";
    "import.new_value.would_add" => "would be added", "将添加";
    "import.new_value.added" => "added", "已添加";
    "import.new_value.unused" => "not added (no row written carries it)", "未添加（写入的行均未用到）";
    "import.new_value.refused" => "refused (--strict-values)", "已拒绝（--strict-values）";
    "import.new_value.mapped" => "read as “{to}”", "按“{to}”读取";
    "import.new_value.emptied" => "left empty", "留空";
    "import.new_value.other" => "{action}", "{action}";
    "import.summary.dry_run" => "dry run: nothing was written", "试运行：未写入任何内容";
    "import.summary.stopped" => "stopped at row {row} (a duplicate, --on-duplicate stop): nothing was written",
        "在第 {row} 行停止（重复，--on-duplicate stop）：未写入任何内容";
    "import.summary.cancelled" => "cancelled: nothing was written", "已取消：未写入任何内容";
    "import.summary.batch" => "committed as batch {batch} (undo with: kehu import undo {batch})", "已提交为批次 {batch}（撤销：kehu import undo {batch}）";
    "import.summary.committed" => "committed", "已提交";
    "import.summary.nothing_to_write" => "no row to write: nothing was written (no backup, no batch)", "没有要写入的行：未写入任何内容（无备份、无批次）";
    "import.summary.all_or_nothing" => "all or nothing: rows were rejected, so nothing was written", "全部或全不：有行被拒绝，因此未写入任何内容";
    "import.summary.backup" => "backup   {path}", "备份     {path}";
    "import.summary.rejects" => "rejects  {path}", "拒绝行   {path}";
    "mapping.syntax" => "“{spec}” should be Header=field, e.g. 公司名称=name", "“{spec}” 应为 表头=字段，例如 公司名称=name";
    "mapping.no_column" => "no column is headed “{header}”; the headers are: {headers}", "没有表头为“{header}”的列；现有表头：{headers}";
    "mapping.no_target" => "“{target}” is not a customer field or classification dimension", "“{target}” 不是客户字段或分类维度";
    "mapping.twice" => "columns “{first}” and “{second}” both go to {target}: ignore one of them", "列“{first}”和“{second}”都对应 {target}：请忽略其中一列";
    "mapping.no_name" => "no column holds the customer name: map one with --map 'Header=name'", "没有列包含客户名称：请用 --map '表头=name' 指定";
    "mapping.missing" => "no column holds {field}: map one with --map 'Header={key}'", "没有列包含 {field}：请用 --map '表头={key}' 指定";

    // ledger and reports
    "report.unknown_kind" => "{path}: write to a file ending in .xlsx or .csv", "{path}：请写入以 .xlsx 或 .csv 结尾的文件";
    "report.write" => "cannot write {path}: {detail}", "无法写入 {path}：{detail}";
    "report.wrote" => "wrote {path}", "已写入 {path}";
    "report.aging_wrote" => "wrote {path} ({count} customers, total {total})", "已写入 {path}（{count} 个客户，合计 {total}）";
    "report.statement_wrote" => "wrote {path}: {code} {name}, {from} to {to}, {entries} entries, opening {opening}, closing {closing}",
        "已写入 {path}：{code} {name}，{from} 至 {to}，{entries} 条记录，期初 {opening}，期末 {closing}";
    "ledger.nothing_to_allocate" => "nothing to allocate", "没有可核销的款项";
    "ledger.overdue_total" => "{count} overdue as of {date}, total {total}", "截至 {date} 逾期 {count} 笔，合计 {total}";
    "ledger.overdue_overflow" => "overdue total overflows", "逾期合计超出范围";
    "ledger.confirmed" => "{code} confirmed up to {until}: earlier entries can only be reversed", "{code} 已确认至 {until}：此前的记录只能冲销";
    "ledger.updated" => "updated {kind} {doc}: {amount} on {date}, due {due}, outstanding {outstanding}",
        "已修改 {kind} {doc}：{date} 金额 {amount}，到期 {due}，未结 {outstanding}";
    "ledger.added" => "{code} {kind} {doc} on {date}: {amount}{due}", "{code} {kind} {doc}（{date}）：{amount}{due}";
    "ledger.added_due" => ", due {date}", "，到期 {date}";
    "ledger.allocated" => "  allocated {amount} from {from} to {to}", "  核销 {amount}：{from} → {to}";
    "ledger.outstanding" => "  outstanding on this entry: {amount}", "  本笔未结：{amount}";
    "ledger.standing" => "  balance {balance}, credit limit {limit}, available {available}{over}", "  余额 {balance}，信用额度 {limit}，可用 {available}{over}";
    "ledger.over_limit" => " (over the limit)", "（已超额度）";
    "ledger.overridden" => "  credit limit overridden: {reason}", "  已越过信用额度：{reason}";

    // reconciliation
    "reconcile.needs_code" => "give the customer and the statement: kehu reconcile CODE --statement FILE (or a subcommand: history, show, confirm)",
        "请给出客户和对账单：kehu reconcile CODE --statement FILE（或子命令：history、show、confirm）";
    "reconcile.rows" => "{count} row(s) of the statement cannot be read", "对账单有 {count} 行无法读取";
    "reconcile.fix_rows" => "fix these rows (or map the columns with --map) and run again", "请修正这些行（或用 --map 指定列）后重试";
    "reconcile.no_lines" => "the statement has no lines to reconcile", "对账单中没有可对账的行";
    "reconcile.engine" => "{text}", "{text}";
    "reconcile.does_not_close" => "the reconciliation does not close: {amount} unexplained", "对账不平：有 {amount} 未能解释";
    "reconcile.row_warning" => "warning: row {row}, column {column}: {message} [{code}]", "警告：第 {row} 行，{column}列：{message} [{code}]";
    "reconcile.balance_breaks" => "warning: the balance column does not follow from the amounts at row(s) {rows}", "警告：余额列与金额不符，见第 {rows} 行";
    "reconcile.mapping_saved" => "saved statement mapping “{name}”", "已保存对账单列对应“{name}”";
    "reconcile.saved" => "saved reconciliation #{id} (draft); confirm it with: kehu reconcile confirm {id}", "已保存对账 #{id}（草稿）；确认：kehu reconcile confirm {id}";
    "reconcile.confirmed" => "confirmed reconciliation #{id} of {code} {name} ({from} .. {to}); the ledger is locked up to {to}",
        "已确认 {code} {name} 的对账 #{id}（{from} .. {to}）；往来账已锁定至 {to}";
    "statement_mapping.syntax" => "“{spec}” should be Header=field, e.g. 发票号=doc", "“{spec}” 应为 表头=字段，例如 发票号=doc";
    "statement_mapping.no_column" => "no column is headed “{header}”; the headers are: {headers}", "没有表头为“{header}”的列；现有表头：{headers}";
    "statement_mapping.no_target" => "“{target}” is not a statement field: use date, doc, description, debit, credit, amount, balance, direction or ignore",
        "“{target}” 不是对账单字段：请用 date、doc、description、debit、credit、amount、balance、direction 或 ignore";
    "statement_mapping.no_date" => "no column holds the date: map one with --map 'Header=date'", "没有列包含日期：请用 --map '表头=date' 指定";
    "statement_mapping.no_amount" => "no column holds the amounts: map 借方/贷方 with --map 'Header=debit,Header=credit' or one signed column with 'Header=amount'",
        "没有列包含金额：请用 --map '表头=debit,表头=credit' 指定借方/贷方，或用 '表头=amount' 指定一个带符号的金额列";
    "statement_mapping.amount_twice" => "both a signed amount column and debit/credit columns are mapped: ignore one, e.g. --map 'Header=ignore'",
        "同时指定了带符号金额列和借方/贷方列：请忽略其一，例如 --map '表头=ignore'";
    "tui.worker_stopped" => "the work in the background stopped without an answer; try again", "后台任务意外停止，没有结果；请重试";

    // our company (settings company)
    "company.saved" => "saved our company's details", "已保存本公司信息";
    "company.not_set" => "our company is not set yet: kehu settings company --name NAME --tax-id ID", "尚未设置本公司：kehu settings company --name 名称 --tax-id 税号";
    "company.name" => "Company name", "公司名称";
    "company.address" => "Address", "地址";
    "company.seal" => "Seal image", "印章图片";
    "company.field" => "Field", "项目";
    "company.value" => "Value", "内容";

    // merging duplicate customers
    "merge.same" => "{code} cannot be merged into itself", "{code} 不能与自身合并";
    "merge.already_merged" => "{code} was already merged into {into}: merge into {into} instead", "{code} 已并入 {into}：请改为与 {into} 合并";
    "merge.bad_field" => "--field {field}: not a field the kept customer can take (any field key or classification dimension but code and status)",
        "--field {field}：保留的客户不能取用此字段（可用除 code 和 status 外的字段或分类维度）";
    "merge.doc_clash" => "{keep} and {drop} both have {count} document number(s) of the same type: {docs}. Rename one side first (kehu ledger edit {drop} TYPE:DOC --new-doc NO), then merge",
        "{keep} 与 {drop} 有 {count} 个同类单据号相同：{docs}。请先改其中一方的单号（kehu ledger edit {drop} 类型:单号 --new-doc 新单号），再合并";
    "merge.not_found" => "there is no merge {merge}", "没有合并记录 {merge}";
    "merge.already_undone" => "merge {merge} was already undone at {at}", "合并 {merge} 已于 {at} 撤销";
    "merge.undo_blocked" => "merge {merge} cannot be undone: {keep} or {drop} changed after it ({what} at {at}). Undo those changes first, or fix the customers by hand",
        "合并 {merge} 无法撤销：{keep} 或 {drop} 在合并后有改动（{at} {what}）。请先撤销这些改动，或手工处理";
    "customer.merged" => "merged {drop} into {keep} {name} as merge {merge}: {entries} ledger entr(y/ies) and {sessions} reconciliation(s) moved; undo with: kehu customer merge --undo {merge}",
        "已将 {drop} 并入 {keep} {name}（合并 {merge}）：移入往来分录 {entries} 笔、对账 {sessions} 次；撤销：kehu customer merge --undo {merge}";
    "customer.unmerged" => "undid merge {merge}: {entries} ledger entr(y/ies) and {sessions} reconciliation(s) back to {drop}; {keep} has its fields back",
        "已撤销合并 {merge}：往来分录 {entries} 笔、对账 {sessions} 次已移回 {drop}；{keep} 已恢复原字段";
    "customer.merged_note" => "{code} was merged into {into}", "{code} 已并入 {into}";
    "merge.needs_codes" => "give KEEP and DROP (kehu customer merge KEEP DROP) or --undo ID", "请给出保留和并入的客户（kehu customer merge 保留 并入）或 --undo 编号";

    // review of new customers and credit limits
    "review.status_pending" => "{code} awaits review: a supervisor approves or rejects it (kehu review approve|reject {code})",
        "{code} 待审核：须由主管审核通过或驳回（kehu review approve|reject {code}）";
    "review.nothing_pending" => "nothing of {code} awaits review (see kehu review list)", "{code} 没有待审核的内容（参见 kehu review list）";
    "review.reason_required" => "a rejection needs a reason: --reason TEXT", "驳回须说明原因：--reason 原因";
    "review.approved" => "approved {code} {name}", "已审核通过 {code} {name}";
    "review.rejected" => "rejected {code} {name}", "已驳回 {code} {name}";
    "review.limit_approved" => "  credit limit now {limit}", "  信用额度已改为 {limit}";
    "review.limit_rejected" => "  credit limit {limit} not applied", "  信用额度 {limit} 未予采用";
    "settings.review_on" => "new customers now start pending review (待审核) until a supervisor approves them",
        "新客户从现在起须经主管审核（待审核）后方可使用";
    "settings.review_off" => "new customers no longer need review", "新客户不再需要审核";
    "customer.merged_into_it" => "{merged} was merged into {code}, so {code} cannot be deleted (undo the merge first, or archive {code})",
        "{merged} 已并入 {code}，因此不能删除 {code}（请先撤销合并，或将 {code} 归档）";
    // encryption at rest
    "db.wrong_key" => "wrong passphrase, or not a kehu database: {path} (nothing was written)", "口令错误，或不是 kehu 数据库：{path}（未写入任何内容）";
    "db.needs_key" => "{path} is encrypted: give its passphrase (KEHU_DB_KEY, --key-file or the prompt)", "{path} 已加密：请提供口令（KEHU_DB_KEY、--key-file 或按提示输入）";
    "db.encryption_not_built" => "{path} is encrypted, and this kehu was built without encryption: build it with the default features", "{path} 已加密，而此 kehu 构建时未启用加密：请以默认特性重新构建";
    "db.missing" => "no database at {path}", "{path} 处没有数据库";
    "db.rewrite_failed" => "the rewritten database failed its check ({reason}); the original is unchanged", "重写后的数据库未通过检查（{reason}）；原数据库未改动";
    "db.key_file_unreadable" => "cannot read the key file {path}: {cause}", "无法读取口令文件 {path}：{cause}";
    "db.passphrase_prompt" => "passphrase for {path}:", "{path} 的口令：";
    "db.passphrase_unreadable" => "cannot read the passphrase: {cause}", "无法读取口令：{cause}";
    "db.new_passphrase_prompt" => "new passphrase:", "新口令：";
    "db.again_prompt" => "the same again:", "再输入一次：";
    "db.passphrases_differ" => "the two passphrases differ; nothing was changed", "两次输入的口令不一致；未作任何改动";
    "db.passphrase_short" => "a passphrase needs at least {min} characters", "口令至少需要 {min} 个字符";
    "db.already_encrypted" => "{path} is encrypted already (kehu rekey changes its passphrase)", "{path} 已加密（更改口令请用 kehu rekey）";
    "db.not_encrypted" => "{path} is not encrypted", "{path} 未加密";
    "db.encrypted" => "encrypted {path} ({customers} customers); keep the passphrase safe: without it the data cannot be read", "已加密 {path}（{customers} 个客户）；请妥善保管口令：丢失口令将无法读取数据";
    "db.kept_plain" => "the plain copy is kept at {path}: it is readable by anyone who gets the file", "未加密副本保留在 {path}：任何拿到该文件的人都能读取";
    "db.decrypted" => "decrypted {path} ({customers} customers); the file is readable without a passphrase now", "已解密 {path}（{customers} 个客户）；该文件现在无需口令即可读取";
    "db.rekeyed" => "new passphrase set for {path} ({customers} customers); backups taken before keep the old one", "已为 {path} 设置新口令（{customers} 个客户）；此前的备份仍用旧口令";
    "db.operator_wrong_password" => "the password of {name} does not open the database (nothing was written)", "{name} 的密码无法打开数据库（未写入任何内容）";
    "db.wraps_damaged" => "the operators' key file {path} is damaged: open the database with its passphrase (KEHU_DB_KEY)", "操作员密钥文件 {path} 已损坏：请用数据库口令打开（KEHU_DB_KEY）";
    "db.keep_exists" => "{path} exists already: name a new file to keep the old database in", "{path} 已存在：请另选一个新文件名保存旧数据库";
    // invoices from the tax platform (import --kind invoices)
    "invoice.columns_missing" => "the header (row {row}) lacks {columns}: export the list again from 全量发票查询 → 导出, or add the column", "表头（第 {row} 行）缺少 {columns}：请在“全量发票查询 → 导出”重新导出，或补上该列";
    "invoice.repeated_row" => "invoice {number} is on an earlier row of this invoice-level export too: keep one row per invoice", "发票 {number} 在本发票级导出文件的前面行中已出现：每张发票只保留一行";
    "invoice.no_number" => "the row has no invoice number: fill in 数电票号码 (or 发票代码 and 发票号码), or delete the row", "该行没有发票号码：请填写数电票号码（或发票代码和发票号码），或删除该行";
    "invoice.number_mangled" => "Excel stored the invoice number as a number (it shows as “{text}”), so it is no longer exact: format the column as Text, paste the numbers again (or export again) and import again", "Excel 把发票号码存成了数字（显示为“{text}”），号码已不准确：请把该列设置为文本格式，重新粘贴号码（或重新导出）后再导入";
    "invoice.bad_date" => "the invoice date cannot be read: {reason}", "开票日期无法读取：{reason}";
    "invoice.bad_amount" => "the amount cannot be read: {reason}", "金额无法读取：{reason}";
    "invoice.xml_unreadable" => "the XML cannot be read ({detail}): download the invoice's XML again from the tax platform", "XML 无法读取（{detail}）：请从税务平台重新下载该发票的 XML";
    "invoice.xml_not_invoice" => "this XML is not a 数电票 (no {detail}): import the invoice's own XML file", "该 XML 不是数电票（没有 {detail}）：请导入发票本身的 XML 文件";
    "invoice.original_settled" => "the original invoice is settled already: the credit note stays unapplied; allocate it with kehu ledger allocate", "原蓝字发票已结清：红字发票暂不核销，请用 kehu ledger allocate 核销";
    "invoice.voided_reason" => "voided on the tax platform", "税务平台已作废";
    "invoice.found_by_name" => "no customer has the buyer's tax ID; booked to {code} found by the name {name}: confirm it is the same company (and add the tax ID to it)", "没有客户使用购买方税号；已按名称 {name} 记入 {code}：请确认是同一单位（并为其补上税号）";
    "invoice.buyer_ambiguous" => "several customers go by {name} ({codes}) and none has the buyer's tax ID: add the tax ID to the right one and import again", "名称为 {name} 的客户不止一个（{codes}），且都没有购买方税号：请为正确的客户补上税号后重新导入";
    "invoice.original_missing" => "the original invoice {original} is not in this customer's ledger: the credit note stays unapplied until you import the original or allocate it by hand", "原蓝字发票 {original} 不在该客户的往来账中：红字发票暂不核销，请导入原发票或手工核销";
    "invoice.rate_differs" => "tax rate {rate} differs from {code}'s usual rate {default}: check the invoice or the customer's tax rate", "税率 {rate} 与 {code} 的默认税率 {default} 不同：请核对发票或客户税率";
    "invoice.over_limit" => "{code} {name} is now over its credit limit by {excess} (the invoice was issued already, so it is booked)", "{code} {name} 已超出信用额度 {excess}（发票已开具，照常入账）";
    "invoice.more_files" => "several files are for --kind invoices only: import other kinds one file at a time", "多个文件仅适用于 --kind invoices：其他类型请逐个文件导入";
    "invoice.summary" => "files    {files}", "文件     {files}";
    "invoice.summary.result" => "result   {invoices} invoices: {taken} booked, {credit_notes} credit notes, {already} already imported, {voided_skipped} voided (skipped), {voided_reversed} voided (reversed), {other} of another seller, {rejected} rejected, {warnings} warnings", "结果     {invoices} 张发票：入账 {taken}，红字 {credit_notes}，已导入过 {already}，作废跳过 {voided_skipped}，作废冲销 {voided_reversed}，其他销方 {other}，拒绝 {rejected}，警告 {warnings}";
    "invoice.summary.result_dry" => "result   {invoices} invoices: {taken} would be booked, {credit_notes} credit notes, {already} already imported, {voided_skipped} voided (skipped), {voided_reversed} voided (would be reversed), {other} of another seller, {rejected} rejected, {warnings} warnings", "结果     {invoices} 张发票：将入账 {taken}，红字 {credit_notes}，已导入过 {already}，作废跳过 {voided_skipped}，作废将冲销 {voided_reversed}，其他销方 {other}，拒绝 {rejected}，警告 {warnings}";
    "invoice.summary.created" => "created  {code} {name} {tax_id} (for invoice {number})", "新建客户 {code} {name} {tax_id}（发票 {number}）";
    "invoice.summary.by_name" => "by name  invoice {number} → {code} (buyer {name} {tax_id}): confirm", "按名称   发票 {number} → {code}（购买方 {name} {tax_id}）：请确认";
    "invoice.summary.other_seller" => "skipped  invoice {number} ({file} row {row}): seller {seller} {seller_tax_id} is not our company", "已跳过   发票 {number}（{file} 第 {row} 行）：销方 {seller} {seller_tax_id} 不是本公司";
    "invoice.summary.problem" => "{severity} {file} row {row}, {column}: invoice {number}: {message} [{code}]", "{severity} {file} 第 {row} 行，{column}：发票 {number}：{message} [{code}]";
    "invoice.severity.error" => "error  ", "错误";
    "invoice.severity.warning" => "warning", "警告";
    "import.undone_entries" => "undid import batch {batch}: {entries} ledger entries removed, {deleted} customer(s) deleted, {restored} restored", "已撤销导入批次 {batch}：删除往来账分录 {entries} 笔，删除客户 {deleted} 个，恢复 {restored} 个";
    "invoice.summary.other_seller_file" => "skipped  invoice {number} ({file}): seller {seller} {seller_tax_id} is not our company", "已跳过   发票 {number}（{file}）：销方 {seller} {seller_tax_id} 不是本公司";
    "invoice.summary.problem_file" => "{severity} {file}, {column}: invoice {number}: {message} [{code}]", "{severity} {file}，{column}：发票 {number}：{message} [{code}]";
    // PDF documents (statement of account, reconciliation statement, reminder letters)
    "document.no_font" => "no Chinese font for PDF documents (looked for {tried}): install one (Debian/Ubuntu: apt-get install fonts-noto-cjk or fonts-wqy-microhei; Fedora: google-noto-sans-cjk-fonts) or name a .ttf/.ttc/.otf in config.toml as pdf_font = \"/path/to/font.ttc\"",
        "没有可用于 PDF 文档的中文字体（已查找 {tried}）：请安装一种（Debian/Ubuntu：apt-get install fonts-noto-cjk 或 fonts-wqy-microhei；Fedora：google-noto-sans-cjk-fonts），或在 config.toml 中用 pdf_font = \"/字体/路径.ttc\" 指定 .ttf/.ttc/.otf 字体";
    "document.font_unreadable" => "cannot read the font {path}: {detail} (pdf_font in config.toml names it)", "无法读取字体 {path}：{detail}（由 config.toml 中的 pdf_font 指定）";
    "document.font_no_chinese" => "the font {path} has no Chinese characters: choose a CJK font such as Noto Sans CJK", "字体 {path} 不含中文字符：请选用中文字体，如思源黑体（Noto Sans CJK）";
    "document.seal" => "cannot use the seal image {path}: {detail} (kehu settings company --seal FILE sets another, --seal '' removes it)", "无法使用印章图片 {path}：{detail}（kehu settings company --seal 文件 可更换，--seal '' 可删除）";
    "document.pdf" => "cannot make the PDF: {detail}", "无法生成 PDF：{detail}";
    "document.no_overdue" => "{code} has nothing overdue as of {date}: no reminder written", "截至 {date}，{code} 没有逾期款项：未生成催款函";
    "document.none_overdue" => "no customer has anything overdue as of {date}: no reminder written", "截至 {date}，没有客户有逾期款项：未生成催款函";
    "document.reminders_wrote" => "wrote {path}: {count} reminder letter(s), overdue {total} in all", "已写入 {path}：{count} 封催款函，逾期合计 {total}";
    "document.reminder_wrote" => "wrote {path}: {code} {name}, {count} overdue item(s), {total}", "已写入 {path}：{code} {name}，{count} 笔逾期，{total}";
    "document.out_dir_missing" => "{path} is not a folder: --out-dir names an existing folder", "{path} 不是文件夹：--out-dir 应指定已存在的文件夹";
    "document.reconciliation_wrote" => "wrote {path}: reconciliation #{id}", "已写入 {path}：对账 #{id}";
    "doc.statement_title" => "Statement of Account", "对 账 单";
    "doc.reconciliation_title" => "Reconciliation Statement", "余额调节表";
    "doc.reminder_title" => "Payment Reminder", "催 款 函";
    "doc.address" => "Address: ", "地址：";
    "doc.phone" => "Phone: ", "电话：";
    "doc.tax_id" => "Tax ID: ", "税号：";
    "doc.customer" => "Customer: ", "客户：";
    "doc.to_customer" => "To: ", "致：";
    "doc.period" => "Period: ", "对账期间：";
    "doc.period_range" => "{from} to {to}", "{from} 至 {to}";
    "doc.their_file" => "Their statement: ", "对方对账单：";
    "doc.status" => "Status: ", "状态：";
    "doc.statement_lead" => "As of {to} the balance of your account with us is {closing}. The entries are listed below; please check them, sign, stamp and return this statement.",
        "截至 {to}，贵公司与我公司的往来余额为 {closing} 元，明细如下。请核对后签字盖章回传。";
    "doc.debit" => "Debit", "借方";
    "doc.credit" => "Credit", "贷方";
    "doc.balance" => "Balance", "余额";
    "doc.opening" => "Opening balance", "期初余额";
    "doc.closing" => "Period total / closing balance", "本期合计/期末余额";
    "doc.aging_title" => "Open amounts by age as of {date}", "未结清款项账龄（截至 {date}）";
    "doc.unapplied" => "Unapplied credit", "未核销贷项";
    "doc.total" => "Total", "合计";
    "doc.our_side" => "Our side: ", "我方：";
    "doc.their_side" => "Your side: ", "对方：";
    "doc.handled_by" => "Prepared by:", "经办人：";
    "doc.sign_and_stamp" => "Signature and stamp:", "签字盖章：";
    "doc.date" => "Date:", "日期：";
    "doc.confirm_lead" => "Confirmation:", "对方确认：";
    "doc.balance_agrees" => "[ ] Balance agrees", "□ 余额相符";
    "doc.balance_differs" => "[ ] Balance differs; the difference:", "□ 余额不符，差异说明：";
    "doc.page" => "Page {page} of {pages}", "第 {page} 页 / 共 {pages} 页";
    "doc.reminder_lead" => "As of {as_of}, {count} item(s) on your account are past due, {total} in all; the oldest has been due since {since} ({days} days overdue). Please arrange payment on receipt of this letter.",
        "截至 {as_of}，贵公司共有 {count} 笔款项逾期未付，合计 {total} 元，其中最早一笔自 {since} 起到期，已逾期 {days} 天。请于收到本函后尽快安排付款。";
    "doc.reminder_pay" => "Please pay to:", "请汇入以下账户：";
    "doc.reminder_paid" => "If you have already paid, please ignore this letter and tell us the payment details.", "如已付款，请忽略本函并告知我方付款信息。";
    "doc.doc_no" => "Document no.", "单据号";
    "doc.type" => "Type", "类型";
    "doc.invoice_date" => "Date", "开票日期";
    "doc.due_date" => "Due date", "到期日";
    "doc.days_overdue" => "Days overdue", "逾期天数";
    "doc.amount" => "Amount", "原金额";
    "doc.outstanding" => "Outstanding", "未付金额";
    "doc.payee" => "Payee: ", "户名：";
    "doc.bank" => "Bank: ", "开户行：";
    "doc.account" => "Account: ", "账号：";
    "doc.contact" => "Contact: ", "联系人：";
    "class.none" => "(none)", "（未分类）";
    "class.unknown_dimension" => "no classification dimension “{dimension}”; there are: {known}", "没有分类维度“{dimension}”；可用的有：{known}";
    "class.unknown_value" => "“{value}” is not a value of {dimension}; the values are: {known}", "“{value}” 不是 {dimension} 的值；可用的值：{known}";
    "report.all_dates" => "all dates", "全部日期";
    "stats.title" => "Statistics by {dimension}", "按{dimension}统计";
    "stats.period_label" => "Period: ", "期间：";
    "stats.as_of_label" => "As of: ", "截至：";
    "stats.customers" => "Customers", "客户数";
    "stats.invoiced" => "Invoiced", "本期开票";
    "stats.received" => "Received", "本期收款";
    "stats.receivable" => "Receivable", "应收余额";
    "stats.overdue" => "Overdue", "逾期金额";
    "search.title" => "Ledger entries", "账目查询";
    "search.date" => "Date", "日期";
    "search.code" => "Code", "客户编码";
    "search.customer" => "Customer", "客户名称";
    "search.type" => "Type", "类型";
    "search.doc" => "Document no.", "单据号";
    "search.amount" => "Amount", "金额";
    "search.outstanding" => "Outstanding", "未结金额";
    "search.due" => "Due date", "到期日";
    "search.memo" => "Memo", "摘要";
    "search.count" => "{count} entries", "{count} 笔";
    "class.filter_form" => "“{given}”: give the class filter as DIMENSION=VALUE, e.g. industry=制造业 or activity=dormant", "“{given}”：分类筛选请写成 维度=值，例如 行业=制造业 或 活跃度=休眠";
    "stats.wrote" => "wrote {path}: {rows} rows, {customers} customers", "已写入 {path}：{rows} 行，{customers} 个客户";
    "search.wrote" => "wrote {path}: {count} entries", "已写入 {path}：{count} 笔";
    "search.more" => "showing {shown} of {count} entries (sum {sum}); --limit / --offset for more, --out FILE for all", "显示 {count} 笔中的 {shown} 笔（合计 {sum}）；用 --limit / --offset 查看更多，--out 文件 导出全部";
    "search.unknown_type" => "unknown entry type “{type}”: use invoice, receipt, credit, prepayment, adjustment or opening", "未知的账目类型“{type}”：请用 invoice、receipt、credit、prepayment、adjustment 或 opening";
    "recon_period.title" => "Reconciliation report", "对账情况表";
    "recon_period.standing" => "Reconciliation", "对账情况";
    "recon_period.session_period" => "Reconciled period", "对账期间";
    "recon_period.confirmed_by" => "Confirmed by", "确认人";
    "recon_period.confirmed_at" => "Confirmed on", "确认日期";
    "recon_period.our_balance" => "Our balance", "我方余额";
    "recon_period.their_balance" => "Their balance", "对方余额";
    "recon_period.open_difference" => "Open difference", "未说明差额";
    "recon_period.confirmed" => "Confirmed", "已确认";
    "recon_period.draft" => "Draft", "草稿";
    "recon_period.not_this_period" => "Not this period", "本期未对账";
    "recon_period.never" => "Never reconciled", "从未对账";
    "recon_period.summary_label" => "Summary: ", "汇总：";
    "recon_period.summary" => "{confirmed} confirmed, {draft} draft, {missing} not this period, {never} never reconciled", "已确认 {confirmed}，草稿 {draft}，本期未对账 {missing}，从未对账 {never}";
    "recon_period.wrote" => "wrote {path}: {count} customers", "已写入 {path}：{count} 个客户";
    "recon_period.bad_month" => "“{given}” is not a month: write it as 2026-09", "“{given}” 不是月份：请写成 2026-09";
    "recon_period.bad_year" => "“{given}” is not a year: write it as 2026", "“{given}” 不是年份：请写成 2026";
}
