#!/usr/bin/env python3
"""Writes the statement corpus: the customer's 往来对账单 in the shapes their
software exports and people type (用友 U8/T+, 金蝶 KIS/精斗云, 管家婆, 速达,
hand-made Excel), each beside NAME.expect.json. Every file holds the same
quarter of the same payables ledger a customer keeps of us, so the figures
can be checked across shapes. Row numbers in the expectations are the rows
as Excel (or a text editor) shows them: blank lines and titles counted.

Run once and commit the output (needs openpyxl, xlwt, odfpy):
    python3 tests/corpus/statements/make_statements.py

Expectation keys: header_row, lines (lines read), net_debit (Σ debit − credit
as read, debit-positive; a hand-typed signed column reads the other way
round), opening_row / closing_row (null: none), closing_agrees (the closing
row equals the opening plus the lines), period + period_source (the
statement's own period), skipped ([row, reason]), problems ([row, code]).
"""
import datetime
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
COMPANY = "杭州远图机电设备有限公司"
US = "深圳市客户示例科技有限公司"

# (date, voucher, invoice, description, debit, credit): their payables ledger.
LINES = [
    ("2026-07-05", "记-12", "00381276", "收到发票 00381276", None, "11300.00"),
    ("2026-07-18", "记-25", "", "支付货款 工行", "28600.00", None),
    ("2026-08-02", "记-31", "FP20260802-001", "收到发票 FP20260802-001", None, "5650.00"),
    ("2026-08-20", "记-40", "00381290", "收到发票 00381290", None, "22600.00"),
    ("2026-09-10", "银付-3", "", "支付货款", "11300.00", None),
    ("2026-09-25", "记-58", "00381301", "红字发票 00381301 退货", "1130.00", None),
]
OPENING = "28600.00"  # 贷
BALANCES = ["39900.00", "11300.00", "16950.00", "39550.00", "28250.00", "27120.00"]
CLOSING = "27120.00"
NET_DEBIT = "1480.00"
Q3 = ["2026-07-01", "2026-09-30"]
FOOTER = [["经核对，以上余额相符。"], ["对账人：", "", "", "复核："], ["单位盖章：", "", "", "日期："]]


def money(s, style="plain"):
    """A figure as a shape writes it."""
    if s is None:
        return ""
    if style == "grouped":
        whole, frac = s.split(".")
        return f"{int(whole):,}.{frac}"
    if style == "yuan":
        whole, frac = s.split(".")
        return f"¥{int(whole):,}.{frac}"
    return s


class Sheet:
    """Rows as written, with the row numbers Excel shows."""

    def __init__(self):
        self.rows = []
        self.skipped = []
        self.problems = []
        self.opening_row = None
        self.closing_row = None
        self.header_row = None

    def add(self, cells, skip=None):
        self.rows.append(list(cells))
        n = len(self.rows)
        if skip:
            self.skipped.append([n, skip])
        return n

    def blank(self):
        return self.add([])

    def header(self, cells):
        self.header_row = self.add(cells)
        return self.header_row

    def opening(self, cells):
        self.opening_row = self.add(cells)

    def closing(self, cells):
        self.closing_row = self.add(cells)

    def footer(self, rows=FOOTER):
        for r in rows:
            self.add(r, "footer")


def expect(sheet, name, lines=6, net=NET_DEBIT, period=Q3, source="title", agrees=True, **extra):
    e = {
        "header_row": sheet.header_row,
        "lines": lines,
        "net_debit": net,
        "opening_row": sheet.opening_row,
        "closing_row": sheet.closing_row,
        "closing_agrees": agrees if sheet.closing_row else None,
        "period": period,
        "period_source": source,
        "skipped": sheet.skipped,
        "problems": sheet.problems,
    }
    e.update(extra)
    with open(os.path.join(HERE, name + ".expect.json"), "w", encoding="utf-8") as f:
        json.dump(e, f, ensure_ascii=False, indent=1)
        f.write("\n")


# ---------------------------------------------------------------- writers
def csv_text(rows, sep=",", eol="\r\n"):
    def cell(c):
        c = "" if c is None else str(c)
        if any(ch in c for ch in (sep, '"', "\n", "\r")):
            return '"' + c.replace('"', '""') + '"'
        return c
    return "".join(sep.join(cell(c) for c in r) + eol for r in rows)


def write_bytes(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def is_date(c):
    return isinstance(c, str) and len(c) == 10 and c[4] == "-" and c[7] == "-" and c[:4].isdigit()


def is_number(c):
    try:
        float(c)
        return isinstance(c, str) and c.strip() != "" and not c.startswith("0") or c.startswith("0.")
    except (TypeError, ValueError):
        return False


def typed(c, numbers):
    """Dates and amounts as a spreadsheet stores them (documents stay text)."""
    if is_date(c):
        return datetime.date.fromisoformat(c)
    if numbers and isinstance(c, str) and c.replace(".", "", 1).isdigit() and "." in c:
        return float(c)
    return c


def write_xlsx(name, sheets, merges=(), numbers=True):
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append([typed(c, numbers) for c in r] if r else [])
        for i, r in enumerate(rows, 1):
            for j, c in enumerate(r, 1):
                if isinstance(ws.cell(i, j).value, datetime.date):
                    ws.cell(i, j).number_format = "yyyy-mm-dd"
                elif isinstance(ws.cell(i, j).value, float):
                    ws.cell(i, j).number_format = "#,##0.00"
        if title == sheets[-1][0]:
            for m in merges:
                ws.merge_cells(m)
    wb.save(os.path.join(HERE, name))


def write_xls(name, rows):
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("明细分类账")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    money_style = xlwt.easyxf(num_format_str="#,##0.00")
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            v = typed(c, True)
            if isinstance(v, datetime.date):
                ws.write(i, j, v, date_style)
            elif isinstance(v, float):
                ws.write(i, j, v, money_style)
            elif v != "":
                ws.write(i, j, v)
    wb.save(os.path.join(HERE, name))


def write_ods(name, rows):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableRow, TableCell
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    table = Table(name="往来明细")
    for r in rows:
        tr = TableRow()
        for c in r:
            v = typed(c, True)
            if isinstance(v, datetime.date):
                cell = TableCell(valuetype="date", datevalue=v.isoformat())
                cell.addElement(P(text=v.isoformat()))
            elif isinstance(v, float):
                cell = TableCell(valuetype="float", value=v)
                cell.addElement(P(text=f"{v:.2f}"))
            elif v:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(v)))
            else:
                cell = TableCell()
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(os.path.join(HERE, name))


# ---------------------------------------------------------------- shapes
def dc_lines(sh, style="plain", voucher=True, invoice=True, direction=True):
    for (d, v, inv, memo, dr, cr), bal in zip(LINES, BALANCES):
        row = [d]
        if voucher:
            row.append(v)
        if invoice:
            row.append(inv)
        row += [memo, money(dr, style), money(cr, style)]
        if direction:
            row.append("贷")
        row.append(money(bal, style))
        sh.add(row)


def u8_gbk():
    """用友 U8 客户往来明细账 saved as CSV: title block, 科目 and 期间 lines,
    期初余额 without a date, 本月合计/本年累计 after a month, 期末余额, footer."""
    sh = Sheet()
    sh.add(["应付账款明细账"])  # above the header: titles are not listed as skipped
    sh.add([f"科目：2202 应付账款    供应商：{US}"])
    sh.add(["期间：2026.07-2026.09", "", "", "", "", "", "币种：人民币"])
    sh.blank()
    sh.header(["日期", "凭证号", "摘要", "借方", "贷方", "方向", "余额"])
    sh.opening(["", "", "期初余额", "", "", "贷", OPENING])
    for i, ((d, v, inv, memo, dr, cr), bal) in enumerate(zip(LINES, BALANCES)):
        sh.add([d, v, memo, money(dr), money(cr), "贷", bal])
        if i == 1:
            sh.add(["", "", "本月合计", "28600.00", "11300.00", "贷", "11300.00"], "total")
            sh.add(["", "", "本年累计", "98600.00", "81300.00", "贷", "11300.00"], "year_to_date")
    sh.add(["", "", "本期合计", "41030.00", "39550.00", "贷", CLOSING], "total")
    sh.closing(["", "", "期末余额", "", "", "贷", CLOSING])
    sh.blank()
    sh.footer()
    write_bytes("u8_detail_gbk.csv", csv_text(sh.rows).encode("gbk"))
    expect(sh, "u8_detail_gbk")


def u8_two_row_xlsx():
    """U8 printed to Excel: merged title, 金额 merged over 借方 | 贷方, 日期
    merged down over the two header rows, thousands separators as formats."""
    sh = Sheet()
    sh.add([f"{US}往来对账单"])
    sh.add(["期间：2026年7月1日 至 2026年9月30日"])
    sh.add(["日期", "凭证号", "摘要", "金额", "", "方向", "余额"])
    sh.header(["", "", "", "借方", "贷方", "", ""])
    sh.opening(["2026-07-01", "", "期初余额", "", "", "贷", OPENING])
    dc_lines(sh, invoice=False)
    sh.add(["", "", "本期合计", "41030.00", "39550.00", "贷", CLOSING], "total")
    sh.closing(["2026-09-30", "", "期末余额", "", "", "贷", CLOSING])
    merges = ["A1:G1", "A2:G2", "D3:E3", "A3:A4", "B3:B4", "C3:C4", "F3:F4", "G3:G4"]
    write_xlsx("u8_two_row_header.xlsx", [("对账单", sh.rows)], merges)
    expect(sh, "u8_two_row_header")


def tplus_bom():
    """畅捷通 T+ 往来明细账, UTF-8 with BOM: 凭证字号 and 业务单号 columns,
    期初余额 dated, 本期合计, 本年累计, 期末余额."""
    sh = Sheet()
    sh.add(["往来明细账"])
    sh.add([f"往来单位：{US}", "", "会计期间：2026-07-01 至 2026-09-30"])
    sh.header(["日期", "凭证字号", "业务单号", "摘要", "借方金额", "贷方金额", "方向", "余额"])
    sh.opening(["2026-07-01", "", "", "期初余额", "", "", "贷", OPENING])
    dc_lines(sh)
    sh.add(["", "", "", "本期合计", "41030.00", "39550.00", "贷", CLOSING], "total")
    sh.add(["", "", "", "本年累计", "120000.00", "118520.00", "贷", CLOSING], "year_to_date")
    sh.closing(["2026-09-30", "", "", "期末余额", "", "", "贷", CLOSING])
    write_bytes("tplus_detail_bom.csv", b"\xef\xbb\xbf" + csv_text(sh.rows).encode("utf-8"))
    expect(sh, "tplus_detail_bom")


def kis_xls():
    """金蝶 KIS 明细分类账 (.xls): 期间 as 第7期至第9期, 年初余额 above 期初余额
    (the later opens), 本期合计 / 本年累计, no 期末余额 row."""
    sh = Sheet()
    sh.add(["明细分类账"])
    sh.add(["科目：2202.01 应付账款-" + US])
    sh.add(["期间：2026年第7期至2026年第9期"])
    sh.header(["日期", "凭证字号", "摘要", "借方", "贷方", "方向", "余额"])
    sh.add(["2026-01-01", "", "年初余额", "", "", "贷", "16000.00"], "balance")
    sh.opening(["2026-07-01", "", "期初余额", "", "", "贷", OPENING])
    dc_lines(sh, invoice=False)
    sh.add(["2026-09-30", "", "本期合计", "41030.00", "39550.00", "贷", CLOSING], "total")
    sh.add(["2026-09-30", "", "本年累计", "120000.00", "131120.00", "贷", CLOSING], "year_to_date")
    write_xls("kis_ledger.xls", sh.rows)
    expect(sh, "kis_ledger")


def jdy_xlsx():
    """金蝶精斗云 供应商对账单 (.xlsx) with a 说明 sheet first: 增加应付款 /
    减少应付款 / 应付款余额, 期初余额 and 期末余额 rows."""
    sh = Sheet()
    sh.add(["供应商对账单"])
    sh.add([f"供应商：{US}", "", "", "日期：2026-07-01至2026-09-30"])
    sh.blank()
    sh.header(["单据日期", "单据编号", "业务类型", "摘要", "增加应付款", "减少应付款", "应付款余额"])
    sh.opening(["", "", "", "期初余额", "", "", OPENING])
    for (d, v, inv, memo, dr, cr), bal in zip(LINES, BALANCES):
        kind = "付款单" if dr and not inv else ("采购退货" if dr else "采购入库")
        sh.add([d, inv or v, kind, memo, money(cr), money(dr), bal])
    sh.closing(["", "", "", "期末余额", "", "", CLOSING])
    notes = [["说明"], ["本表由精斗云导出，金额单位：元。"], ["如有疑问请联系财务。"]]
    write_xlsx("jdy_supplier.xlsx", [("说明", notes), ("供应商对账单", sh.rows)])
    expect(sh, "jdy_supplier")


def gjp_utf16():
    """管家婆 往来对账单 as Excel's Unicode text (UTF-16, tabs): 应付增加 /
    应付减少 / 应付余额; 上期结转 opens."""
    sh = Sheet()
    sh.add(["往来对账单"])
    sh.add([f"单位名称：{US}"])
    sh.header(["日期", "单据编号", "单据类型", "摘要", "应付增加", "应付减少", "应付余额"])
    sh.opening(["2026-07-01", "", "", "上期结转", "", "", OPENING])
    for (d, v, inv, memo, dr, cr), bal in zip(LINES, BALANCES):
        sh.add([d, inv or ("FK-" + d.replace("-", "")), "进货单" if cr else "付款单", memo, money(cr, "grouped"), money(dr, "grouped"), money(bal, "grouped")])
    sh.add(["", "", "", "合计", "39,550.00", "41,030.00", ""], "total")
    text = csv_text(sh.rows, sep="\t")
    write_bytes("gjp_statement_utf16.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    expect(sh, "gjp_statement_utf16", period=["2026-07-01", "2026-09-25"], source="balance_rows")


def suda_gbk():
    """速达 应付款明细表 (GBK CSV): 应付金额 / 已付金额 / 余额 with thousands
    separators, an undated 期初余额 and no period line: the period starts on
    the first of the first line's month, not on the first line."""
    sh = Sheet()
    sh.add(["应付款明细表"])
    sh.add([f"供应商：{US}"])
    sh.header(["日期", "单号", "摘要", "应付金额", "已付金额", "余额"])
    sh.opening(["", "", "期初余额", "", "", money(OPENING, "grouped")])
    for (d, v, inv, memo, dr, cr), bal in zip(LINES, BALANCES):
        sh.add([d, inv or v, memo, money(cr, "grouped"), money(dr, "grouped"), money(bal, "grouped")])
    write_bytes("suda_payables_gbk.csv", csv_text(sh.rows).encode("gbk"))
    expect(sh, "suda_payables_gbk", period=["2026-07-01", "2026-09-25"], source="balance_rows")


def hand_footer():
    """Hand-made in Excel, saved as UTF-8 CSV without BOM: a 期末余额 row with
    only 方向 and 余额, then the sign-off lines every 对账单 ends with."""
    sh = Sheet()
    sh.add([f"{COMPANY} 对账单"])
    sh.add(["2026年第三季度"])
    sh.header(["日期", "凭证号", "发票号", "摘要", "借方", "贷方", "方向", "余额"])
    sh.opening(["2026-07-01", "", "", "期初余额", "", "", "贷", OPENING])
    dc_lines(sh)
    sh.closing(["", "", "", "期末余额", "", "", "贷", CLOSING])
    sh.blank()
    sh.footer()
    sh.add(["", "", "", "", "", "", "", ""], None)
    write_bytes("hand_footer_utf8.csv", csv_text(sh.rows).encode("utf-8"))
    expect(sh, "hand_footer_utf8")


def voucher_only_xlsx():
    """Their voucher numbers in the document column; our invoice numbers only
    inside 摘要. Invoice 00381290 is booked at 22,000.00 instead of
    22,600.00: a same-document difference once the numbers are found."""
    sh = Sheet()
    sh.add([f"{COMPANY}"])
    sh.add(["应付账款明细账"])
    sh.add(["期间：2026年7月1日 至 2026年9月30日"])
    sh.blank()
    sh.header(["日期", "凭证字号", "摘要", "借方", "贷方", "方向", "余额"])
    sh.opening(["", "", "期初余额", "", "", "贷", OPENING])
    bal = 28600.00
    for d, v, inv, memo, dr, cr in LINES:
        if inv == "00381290":
            cr = "22000.00"
        bal += float(cr or 0) - float(dr or 0)
        sh.add([d, v, memo, money(dr), money(cr), "贷", f"{bal:.2f}"])
    sh.add(["", "", "本期合计", "41030.00", "38950.00", "贷", f"{bal:.2f}"], "total")
    sh.closing(["", "", "期末余额", "", "", "贷", f"{bal:.2f}"])
    sh.footer([["经核对，以上余额相符。"], ["对账人：", "", "", "单位盖章："]])
    write_xlsx("voucher_numbers_only.xlsx", [("明细账", sh.rows)])
    expect(sh, "voucher_numbers_only", net="2080.00")


def direction_only_ods():
    """方向 + 余额 with no debit/credit split (.ods): each line moves the
    balance by the difference to the row above."""
    sh = Sheet()
    sh.add(["往来明细"])
    sh.add(["2026年7-9月"])
    sh.header(["日期", "凭证号", "摘要", "方向", "余额"])
    sh.opening(["2026-07-01", "", "期初余额", "贷", OPENING])
    for (d, v, inv, memo, dr, cr), bal in zip(LINES, BALANCES):
        sh.add([d, v, memo, "贷", bal])
    write_ods("direction_balance_only.ods", sh.rows)
    expect(sh, "direction_balance_only")


def parentheses_csv():
    """Hand-typed: one signed 金额 column, payments in parentheses, ¥ and
    thousands separators, 结余 beside it; a month title."""
    sh = Sheet()
    sh.add(["对账单（2026年7月-9月）", ""])
    sh.add(["月份：2026.07-2026.09"])
    sh.header(["日期", "摘要", "发票号", "金额", "结余"])
    sh.opening(["2026-06-30", "上期结转", "", "", money(OPENING, "yuan")])
    for (d, v, inv, memo, dr, cr), bal in zip(LINES, BALANCES):
        amount = f"({money(dr, 'grouped')})" if dr else money(cr, "yuan")
        sh.add([d, memo, inv, amount, money(bal, "yuan")])
    sh.add(["", "合计", "", "(1,480.00)", ""], "total")
    write_bytes("parentheses_yuan.csv", csv_text(sh.rows).encode("utf-8"))
    expect(sh, "parentheses_yuan", net="-1480.00")


def page_carry_xlsx():
    """Printed over two pages: 过次页 at the foot of page one, the title and
    header again, 承前页 at the top of page two."""
    sh = Sheet()
    sh.add(["应付账款明细账"])
    sh.add(["期间：2026.07.01-2026.09.30"])
    sh.header(["日期", "凭证号", "摘要", "借方", "贷方", "方向", "余额"])
    sh.opening(["", "", "期初余额", "", "", "贷", OPENING])
    for i, ((d, v, inv, memo, dr, cr), bal) in enumerate(zip(LINES, BALANCES)):
        sh.add([d, v, memo, money(dr), money(cr), "贷", bal])
        if i == 2:
            sh.add(["", "", "过次页", "28600.00", "16950.00", "贷", "16950.00"], "page_carry")
            sh.blank()
            sh.add(["应付账款明细账（续）"], "text")
            sh.add(["日期", "凭证号", "摘要", "借方", "贷方", "方向", "余额"], "header")
            sh.add(["", "", "承前页", "28600.00", "16950.00", "贷", "16950.00"], "page_carry")
    sh.closing(["", "", "期末余额", "", "", "贷", CLOSING])
    write_xlsx("page_carry.xlsx", [("Sheet1", sh.rows)])
    expect(sh, "page_carry")


def blank_rows_csv():
    """Blank lines above the header, between lines and before the footer
    (UTF-8 with BOM): every row number counts them, as Excel does."""
    sh = Sheet()
    sh.blank()
    sh.add(["往来对账单"])
    sh.blank()
    sh.blank()
    sh.header(["日期", "单据号", "摘要", "借方", "贷方", "余额"])
    sh.opening(["2026-07-01", "", "期初余额", "", "", OPENING])
    for i, ((d, v, inv, memo, dr, cr), bal) in enumerate(zip(LINES, BALANCES)):
        sh.add([d, inv, memo, money(dr), money(cr), bal])
        if i in (1, 3):
            sh.blank()
    sh.closing(["2026-09-30", "", "期末余额", "", "", CLOSING])
    sh.blank()
    sh.blank()
    sh.footer([["以上余额经核对无误"], ["对账人：王芳"]])
    write_bytes("blank_rows_anywhere.csv", b"\xef\xbb\xbf" + csv_text(sh.rows).encode("utf-8"))
    expect(sh, "blank_rows_anywhere", period=Q3, source="balance_rows")


def misread_closing_csv():
    """The closing row does not follow from the lines (a figure typed into the
    wrong column): the closing check says so."""
    sh = Sheet()
    sh.add(["对账单"])
    sh.add(["期间：2026年7月1日至2026年9月30日"])
    sh.header(["日期", "凭证号", "发票号", "摘要", "借方", "贷方", "方向", "余额"])
    sh.opening(["", "", "", "期初余额", "", "", "贷", OPENING])
    dc_lines(sh)
    sh.closing(["", "", "", "期末余额", "", "", "贷", "27210.00"])
    write_bytes("closing_misread.csv", csv_text(sh.rows).encode("utf-8"))
    expect(sh, "closing_misread", agrees=False)


def month_csv():
    """A month's statement (GBK): `2026年7月` in the title, two lines."""
    sh = Sheet()
    sh.add([f"{COMPANY}往来对账单  2026年7月"])
    sh.header(["日期", "凭证号", "发票号", "摘要", "借方", "贷方", "方向", "余额"])
    sh.opening(["", "", "", "期初余额", "", "", "贷", OPENING])
    for (d, v, inv, memo, dr, cr), bal in list(zip(LINES, BALANCES))[:2]:
        sh.add([d, v, inv, memo, money(dr), money(cr), "贷", bal])
    sh.closing(["", "", "", "本月余额", "", "", "贷", BALANCES[1]])
    write_bytes("month_title_gbk.csv", csv_text(sh.rows).encode("gbk"))
    expect(sh, "month_title_gbk", lines=2, net="17300.00", period=["2026-07-01", "2026-07-31"])


def unsigned_amount_csv():
    """One unsigned 金额 column beside 余额 (no 方向): the change of the
    balance says which way each amount goes."""
    sh = Sheet()
    sh.header(["日期", "单据编号", "摘要", "金额", "余额"])
    sh.opening(["2026-07-01", "", "期初余额", "", OPENING])
    for (d, v, inv, memo, dr, cr), bal in zip(LINES, BALANCES):
        sh.add([d, inv or v, memo, dr or cr, bal])
    write_bytes("unsigned_amount.csv", csv_text(sh.rows).encode("utf-8"))
    expect(sh, "unsigned_amount", net="-1480.00", period=["2026-07-01", "2026-09-25"], source="balance_rows")


def bad_row_csv():
    """A line a bookkeeper would not skip: an amount typed in words, and a
    document with its amount missing. Both are problems naming row and
    column; the footer after them is still only skipped."""
    sh = Sheet()
    sh.add(["对账单"])
    sh.header(["日期", "发票号", "摘要", "借方", "贷方", "余额"])
    sh.opening(["2026-07-01", "", "期初余额", "", "", OPENING])
    lines = list(zip(LINES, BALANCES))
    for i, ((d, v, inv, memo, dr, cr), bal) in enumerate(lines):
        if i == 2:
            n = sh.add([d, inv, memo, "", "五千六百五", bal])
            sh.problems.append([n, "money.invalid"])
        elif i == 3:
            n = sh.add([d, inv, memo, "", "", bal])
            sh.problems.append([n, "statement.no_amount"])
        else:
            sh.add([d, inv, memo, money(dr), money(cr), bal])
    sh.footer([["对账人：", "", "", "单位盖章："]])
    write_bytes("bad_rows.csv", csv_text(sh.rows).encode("utf-8"))
    expect(sh, "bad_rows", lines=4, net="29730.00", period=["2026-07-01", "2026-09-25"], source="balance_rows")


def notes_first_xlsx():
    """A hand-made workbook: 填表说明 sheet first, data on the second, English
    headers, dates as text."""
    sh = Sheet()
    sh.add(["Statement of account", "", "", "Period: 2026-07-01 ~ 2026-09-30"])
    sh.blank()
    sh.header(["Date", "Ref", "Description", "Debit", "Credit", "Balance"])
    sh.opening(["", "", "Opening balance", "", "", "-28600.00"])
    for (d, v, inv, memo, dr, cr), bal in zip(LINES, BALANCES):
        sh.add([d, inv, memo, dr or "", cr or "", "-" + bal])
    sh.closing(["", "", "Closing balance", "", "", "-" + CLOSING])
    notes = [["填表说明"], ["1. 日期格式 YYYY-MM-DD"], ["2. 金额保留两位小数"]]
    write_xlsx("notes_sheet_first.xlsx", [("填表说明", notes), ("Data", sh.rows)])
    expect(sh, "notes_sheet_first")


def tsv_quarter():
    """Tab-separated text from an online ledger, UTF-8: `2026年第三季度` in
    the title, a subtotal per month with a date in it."""
    sh = Sheet()
    sh.add(["客户往来对账 2026年第三季度"])
    sh.header(["记账日期", "凭证编号", "发票号码", "摘要", "借方发生额", "贷方发生额", "余额方向", "期末余额"])
    sh.opening(["", "", "", "期初余额", "", "", "贷", OPENING])
    month = None
    for (d, v, inv, memo, dr, cr), bal in zip(LINES, BALANCES):
        if month and d[5:7] != month:
            sh.add(["", "", "", f"2026年{int(month)}月小计", "", "", "", ""], "total")
        month = d[5:7]
        sh.add([d, v, inv, memo, money(dr), money(cr), "贷", bal])
    sh.add(["", "", "", "2026年9月小计", "", "", "", ""], "total")
    write_bytes("online_quarter.tsv", csv_text(sh.rows, sep="\t", eol="\n").encode("utf-8"))
    expect(sh, "online_quarter", agrees=None)


def u8_month_day_xlsx():
    """用友 U8 三栏式明细账 to Excel: the date split into 月 and 日 columns under
    a merged `2026年`, 凭证号数, 本月合计 and 本年累计 after every month, no
    期间 line and no 期末余额 row."""
    sh = Sheet()
    sh.add(["应付账款明细账"])
    sh.add([f"科目：2202 应付账款    供应商：{US}"])
    sh.add(["2026年", "", "凭证号数", "摘要", "借方", "贷方", "方向", "余额"])
    sh.header(["月", "日", "", "", "", "", "", ""])
    sh.opening([7, 1, "", "期初余额", "", "", "贷", OPENING])
    month, debit, credit, ytd_d, ytd_c = None, 0.0, 0.0, 70000.0, 61400.0
    rows = list(zip(LINES, BALANCES))
    for i, ((d, v, inv, memo, dr, cr), bal) in enumerate(rows):
        m = int(d[5:7])
        sh.add([m, int(d[8:]), v, memo, money(dr), money(cr), "贷", bal])
        debit += float(dr or 0)
        credit += float(cr or 0)
        last_of_month = i + 1 == len(rows) or int(rows[i + 1][0][0][5:7]) != m
        if last_of_month:
            ytd_d += debit
            ytd_c += credit
            sh.add([m, "", "", "本月合计", f"{debit:.2f}", f"{credit:.2f}", "贷", bal], "total")
            sh.add([m, "", "", "本年累计", f"{ytd_d:.2f}", f"{ytd_c:.2f}", "贷", bal], "year_to_date")
            debit = credit = 0.0
    merges = ["A1:H1", "A2:H2", "A3:B3", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:G4", "H3:H4"]
    write_xlsx("u8_month_day.xlsx", [("明细账", sh.rows)], merges)
    expect(sh, "u8_month_day", period=["2026-07-01", "2026-09-25"], source="balance_rows")


MAKERS = [u8_gbk, u8_two_row_xlsx, tplus_bom, kis_xls, jdy_xlsx, gjp_utf16, suda_gbk,
             hand_footer, voucher_only_xlsx, direction_only_ods, parentheses_csv,
             page_carry_xlsx, blank_rows_csv, misread_closing_csv, month_csv,
             unsigned_amount_csv, bad_row_csv, notes_first_xlsx, tsv_quarter, u8_month_day_xlsx]

if __name__ == "__main__":
    import sys
    # make_statements.py [NAME…]: only those shapes (binaries keep their bytes otherwise).
    wanted = set(sys.argv[1:])
    for make in MAKERS:
        if not wanted or make.__name__ in wanted:
            make()
