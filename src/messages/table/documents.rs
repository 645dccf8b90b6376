//! Invoices from the tax platform and PDF documents. New codes are
//! appended at the end of this file.

table! {
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
    "merge.pending_review" => "{code} has a credit-limit raise awaiting review: approve or reject it first (kehu review approve {code}, or kehu review reject {code} --reason …), then merge", "{code} 有待审核的信用额度调整：请先批准或驳回（kehu review approve {code}，或 kehu review reject {code} --reason …），再合并";
    "import.undone_values" => "{values} classification value(s) the import had added were taken back", "导入时新增的 {values} 个分类值已一并撤回";
}
