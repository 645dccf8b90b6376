//! Import and export.

table! {
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

}
