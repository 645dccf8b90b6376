#!/usr/bin/env python3
"""Writes the seed corpus in corpus/<target>/: small, real-looking inputs
(GBK/UTF-8/UTF-16 customer lists and statements, a small xlsx, amounts,
dates, tax IDs). Run once from fuzz/ and commit the output:
    python3 make_seeds.py
The xls/ods seeds are the import tests' own files (tests/data/import).
"""
import os
import shutil
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.join(HERE, "..", "tests", "data", "import")


def put(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def copy(target, name):
    with open(os.path.join(TESTS, name), "rb") as f:
        put(target, name, f.read())


# Valid USCCs (from assets/demo/customers.csv) and a resident ID.
USCC = ["91350100M000100Y43", "91110108551385082Q", "91440300708461136T"]
CUSTOMERS = [
    ["客户名称", "统一社会信用代码", "联系人", "电话", "地址", "信用额度"],
    ["厦门华强贸易有限公司", USCC[0], "陈伟", "13800138000", "厦门市思明区湖滨南路1号", "50,000.00"],
    ["北京百度网讯科技有限公司", USCC[1], "李娜", "010-59928888", "北京市海淀区上地十街10号", "￥120000"],
    ["深圳市腾讯计算机系统有限公司", USCC[2], "王芳", "0755-86013388", "深圳市南山区, \"科技园\"", "5万"],
]
STATEMENT = [
    ["往来对账单"],
    ["单位：厦门华强贸易有限公司", "", "期间：2026年7月1日 至 2026年9月30日"],
    [],
    ["日期", "凭证号", "摘要", "借方", "贷方", "方向", "余额"],
    ["2026-07-01", "", "期初余额", "", "", "贷", "12,000.00"],
    ["2026年7月3日", "记-12", "收到发票 00381276", "", "8,500.00", "贷", "20,500.00"],
    ["2026.07.15", "记-31", "支付货款 FP20260702-001", "(1,234.50)", "", "贷", "21,734.50"],
    ["2026/7/20", "记-40", "支付货款", "10000", "", "贷", "11,734.50"],
    ["", "", "本期合计", "8,765.50", "8,500.00", "", ""],
    ["", "", "期末余额", "", "", "贷", "11,734.50"],
    ["经核对，以上余额相符"],
    ["对账人：", "", "单位盖章："],
]


def csv_text(rows, sep=",", eol="\r\n"):
    def cell(c):
        if any(ch in c for ch in (sep, '"', "\n", "\r")):
            return '"' + c.replace('"', '""') + '"'
        return c
    return "".join(sep.join(cell(c) for c in r) + eol for r in rows)


# --- text_reader: bytes as files arrive ---------------------------------
for name in ["gbk_title.csv", "ledger_gbk.csv", "utf16.txt", "utf8_bom.csv", "semicolon.csv"]:
    copy("text_reader", name)
put("text_reader", "customers_utf8.csv", csv_text(CUSTOMERS))
put("text_reader", "customers_gbk.csv", csv_text(CUSTOMERS).encode("gbk"))
put("text_reader", "customers_tab.txt", csv_text(CUSTOMERS, "\t", "\n"))
put("text_reader", "customers_utf16le_bom.txt", b"\xff\xfe" + csv_text(CUSTOMERS, "\t").encode("utf-16-le"))
put("text_reader", "customers_utf16be_nobom.txt", csv_text(CUSTOMERS, "\t").encode("utf-16-be"))
put("text_reader", "statement_gbk.csv", csv_text(STATEMENT).encode("gbk"))
put("text_reader", "statement_bom.csv", b"\xef\xbb\xbf" + csv_text(STATEMENT).encode("utf-8"))
put("text_reader", "pipe_quoted.txt", '名称|备注\n"多行\n备注"|"a|b"\n\n华强|""""\n')

# --- workbook_reader: xls, ods and a small xlsx --------------------------
copy("workbook_reader", "customers.xls")
copy("workbook_reader", "customers.ods")
copy("workbook_reader", "archive.xlsx")


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def sheet_xml(rows, shared):
    out = []
    for r, row in enumerate(rows):
        cells = []
        for c, v in enumerate(row):
            if v == "":
                continue
            ref = f"{col(c)}{r + 1}"
            plain = v.replace(",", "")
            if plain.replace(".", "", 1).isdigit():
                cells.append(f'<c r="{ref}"><v>{plain}</v></c>')
            else:
                if v not in shared:
                    shared.append(v)
                cells.append(f'<c r="{ref}" t="s"><v>{shared.index(v)}</v></c>')
        out.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{"".join(out)}</sheetData></worksheet>')


def xlsx(sheets, compression):
    shared = []
    bodies = [(name, sheet_xml(rows, shared)) for name, rows in sheets]
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    files = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(len(bodies)))
            + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '</Types>',
        "_rels/.rels":
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            + "".join(f'<sheet name="{esc(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (n, _) in enumerate(bodies))
            + '</sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i + 1}" Type="{rel}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(bodies)))
            + f'<Relationship Id="rId{len(bodies) + 1}" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    }
    for i, (_, body) in enumerate(bodies):
        files[f"xl/worksheets/sheet{i + 1}.xml"] = body
    files["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{len(shared)}" uniqueCount="{len(shared)}">'
        + "".join(f"<si><t>{esc(s)}</t></si>" for s in shared) + "</sst>")
    path = "/tmp/kehu-seed.xlsx"
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, text in files.items():
            z.writestr(name, text)
    with open(path, "rb") as f:
        return f.read()


notes = [["说明"], ["本表由财务软件导出"]]
put("workbook_reader", "statement_stored.xlsx",
    xlsx([("说明", notes), ("对账单", STATEMENT)], zipfile.ZIP_STORED))
put("workbook_reader", "customers_deflated.xlsx",
    xlsx([("客户档案", CUSTOMERS)], zipfile.ZIP_DEFLATED))

# --- statement_rows: first byte picks the header layout ------------------
def stmt(choice, rows, map_spec=None):
    lines = ([f"#map {map_spec}"] if map_spec else []) + ["\t".join(r) for r in rows]
    return bytes([choice]) + "\n".join(lines).encode("utf-8")


body = STATEMENT[4:]
put("statement_rows", "dc_balance_footer", stmt(0, [r[:5] + r[6:] if len(r) > 6 else r for r in body]))
put("statement_rows", "direction_balance", stmt(1, body))
put("statement_rows", "signed_amount", stmt(2, [
    ["2026-07-01", "FP001", "销售", "¥1,234.50"],
    ["2026-07-02", "FP002", "退货", "-200"],
    ["2026-07-03", "FP003", "收款", "(1,034.50)"],
    ["", "", "合计", "0"],
]))
put("statement_rows", "english", stmt(3, [
    ["2026-07-01", "", "Balance b/f", "", "", "1000.00"],
    ["2026-07-05", "INV-1", "Invoice", "500.00", "", "1500.00"],
    ["2026-07-09", "PAY-1", "Payment", "", "1500", "0"],
    ["", "", "Total", "500", "1500", ""],
]))
put("statement_rows", "own_header_with_map", stmt(5, [
    ["Datum", "Nr", "Text", "Betrag"],
    ["20260701", "A1", "Rechnung", "100"],
    ["20260702", "A2", "Zahlung", "-100"],
], "Datum=date,Nr=doc,Text=description,Betrag=amount"))
put("statement_rows", "no_date_opening_carry", stmt(4, [
    ["", "", "上期结转", "", "", "借", "5,000.00"],
    ["2026-08-01", "记-1", "销售 00381276", "3000", "", "借", "8,000.00"],
    ["", "", "过次页", "3000", "", "借", "8,000.00"],
    ["", "", "承前页", "3000", "", "借", "8,000.00"],
    ["2026-08-31", "记-9", "收款", "", "8000", "平", "0"],
]))

# --- money, date, tax_id: one value a file --------------------------------
for i, m in enumerate(["¥1,234.50", "(1,234.00)", "5万", "1.5亿元", "-0.01", "￥５０，０００．００",
                       "人民币3,000元整", "+12.30 CNY", "RMB 99", "50,000.00", "0.125",
                       "9223372036854775807", "(¥1,000)", "1,23,456"]):
    put("money", f"m{i:02}", m)
for i, d in enumerate(["2026年7月1日", "2026.07.01", "2026/7/1", "20260701", "2026-07-01 00:00:00",
                       "２０２６－０７－０１", "2024-02-29", "2023-02-29", "05/03/2024", "2026-7"]):
    put("date", f"d{i:02}", d)
for i, t in enumerate(USCC + ["9135 0100 M000 100Y 43", "91350100m000100y43", "９１３５０１００Ｍ０００１００Ｙ４３",
                              "91350100M000100Y44", "110108199003077537", "11010819900307753X",
                              "350100M0001004", "350100M00010040", "11010819900307751500", ""]):
    put("tax_id", f"t{i:02}", t)
