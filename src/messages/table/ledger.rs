//! The ledger, reports, reconciliation and our company's settings.

table! {
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

}
