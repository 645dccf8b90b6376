//! I/O causes, the database, customers, templates, classification and the
//! command line itself.

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

}
