//! Merging duplicates, review of new customers and credit limits,
//! encryption at rest.

table! {
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
    "db.passphrase_unreadable" => "cannot read the passphrase: {cause}; type it at a terminal, or give it in KEHU_DB_KEY or a key file (--key-file)", "无法读取口令：{cause}；请在终端中输入，或用 KEHU_DB_KEY 环境变量或口令文件（--key-file）提供";
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
}
