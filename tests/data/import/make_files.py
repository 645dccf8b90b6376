#!/usr/bin/env python3
"""Writes the import test files in this folder: files as they really arrive
(GBK with a title row, UTF-8 with BOM, semicolons, Excel's UTF-16 "Unicode
text", .xls, .ods, duplicates, every kind of field error, empty, not a
spreadsheet). The .xlsx files are written by the tests themselves.

Run once and commit the output:  python3 -m venv /tmp/v && /tmp/v/bin/pip
install xlwt odfpy && /tmp/v/bin/python tests/data/import/make_files.py
Tax IDs are valid ones from assets/demo/customers.csv.
"""
import datetime
import io
import os
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def csv_text(rows, sep=",", eol="\r\n"):
    def cell(c):
        c = str(c)
        if any(ch in c for ch in (sep, '"', "\n", "\r")):
            return '"' + c.replace('"', '""') + '"'
        return c
    return "".join(sep.join(cell(c) for c in r) + eol for r in rows)


# GBK CSV as Excel on a Chinese Windows saves it: title row, blank row, header.
gbk_rows = [
    ["客户档案 2026年11月", "", "", "", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "", "", "", ""],
    ["序号", "公司名称", "纳税人识别号", "联系人", "手机", "开户银行", "银行帐号", "信用额度（元）", "账期(天)", "所属行业", "备注"],
    ["1", "成都市远航医疗器械有限公司", "915101006791061186", "范思琪", "15503494947", "华夏银行成都锦江支行", "86633497063926", "50,000.00", "30", "批发零售", ""],
    ["2", "广州市宏远企业管理咨询有限责任公司", "91440100274935575P", "袁国平", "15849878705", "广发银行广州分行营业部", "48755261941670742", "15万", "45天", "服务业", "老客户\r\n年底对账"],
    ["3", "佛山市致远科技有限责任公司", "91440600MA449U5Y94", "李燕", "17357652830", "平安银行佛山乐从支行", "88068305164435", "0", "0", "信息技术", ""],
    ["4", "北京海纳信息技术有限公司", "91110000L88552370X", "喆 王", "18259746249", "中国银行北京海淀支行", "79640145995140", "120000", "60", "信息技术", "地址：北京市海淀区中关村大街1号, 8层"],
    ["5", "重庆启明建材有限公司", "91500000MA4W2E045H", "张伟", "13178426755", "", "", "", "", "批发零售", ""],
]
write("gbk_title.csv", csv_text(gbk_rows).encode("gbk"))

# UTF-8 with BOM, English headers, codes given.
bom_rows = [
    ["Customer Code", "Company", "Tax ID", "Contact", "Phone", "E-mail", "Credit limit", "Payment terms", "Region", "Invoice type", "Tax rate"],
    ["K-001", "上海精工食品股份有限公司", "91310112MA2WLNQ02D", "Li Wei", "021-64871234", "ap@jinggong.cn", "¥200,000", "60", "华东", "专票", "13%"],
    ["K-002", "上海市恒通物流股份有限公司", "913101174880860540", "Zhou Min", "021-58761234", "finance@hengtong.com", "80000", "30", "华东", "普票", "9%"],
    ["K-003", "佛山市恒信包装股份有限公司", "91440600MA0X35E22Y", "Chen Jie", "0757-82345678", "", "0", "0", "华南", "", ""],
]
write("utf8_bom.csv", b"\xef\xbb\xbf" + csv_text(bom_rows).encode("utf-8"))

# Semicolons (Excel with a European list separator), commas inside cells.
semi_rows = [
    ["名称", "注册地址", "税号", "电话", "结算方式"],
    ["青岛市启明五金有限公司", "山东省青岛市市南区香港中路10号, 3楼", "91370200353884999M", "0532-85761234", "转账"],
    ["北京绿源包装有限公司", "北京市朝阳区建国路88号, A座", "91110112MA2PRAHJ1T", "010-65123456", "赊销"],
]
write("semicolon.csv", csv_text(semi_rows, sep=";", eol="\n").encode("utf-8"))

# Excel's "Unicode text": UTF-16LE with BOM, tab separated.
utf16_rows = [
    ["客户名称", "统一社会信用代码", "联系电话", "地区", "渠道"],
    ["杭州市宝丰运输有限公司", "91330100MA8T8RLQ11", "0571-86001234", "华东", "直销"],
    ["宁波市万嘉运输有限公司", "91330200MA6L1F097D", "0574-87001234", "华东", "经销商"],
    ["苏州市鑫海物流有限公司", "91320500MA2M5YBE5B", "0512-65001234", "华东", "电商"],
]
write("utf16.txt", b"\xff\xfe" + csv_text(utf16_rows, sep="\t").encode("utf-16-le"))

# Rows that repeat each other: by tax ID (row 4 = row 2), by normalised
# name (row 5 = row 2), by code (row 7 = row 6).
dup_rows = [
    ["客户编码", "客户名称", "税号"],
    ["", "东莞市华通源环保科技有限公司", "91441900MA3R9T9458"],
    ["", "深圳市中联装饰工程有限公司", "91440309MA0PJRWP55"],
    ["", "东莞华通源环保（重复录入）", "91441900MA3R9T9458"],
    ["", "东莞市华通源环保科技股份有限公司", ""],
    ["D001", "佛山四海物业管理有限公司", ""],
    ["D001", "深圳市兆丰农业发展有限公司", ""],
    ["", "武汉市瑞达物业管理有限公司", "914201004628578187"],
]
write("duplicates.csv", csv_text(dup_rows).encode("utf-8"))

# One row per kind of field error (row 2 is valid, the last has extra cells).
headers = ["客户编码", "客户名称", "客户类型", "状态", "税号", "手机", "电话", "邮箱", "银行账号", "发票类型", "税率", "结算方式", "账期", "信用额度", "行业"]
def row(**kw):
    cells = dict.fromkeys(headers, "")
    cells.update(kw)
    return [cells[h] for h in headers]
err_rows = [
    headers,
    row(客户名称="宁波华茂运输有限公司", 税号="91330200MA8NLTC10P", 手机="15387647778", 信用额度="30000"),
    row(客户名称=""),  # name.required (the row is not blank: it has a phone)
    row(客户名称="超长名称" + "很" * 200 + "有限公司"),
    row(客户编码="C 01!", 客户名称="编码错误有限公司"),
    row(客户名称="校验位错误有限公司", 税号="915101006791061187"),
    row(客户名称="长度错误有限公司", 税号="91510100679106118"),
    row(客户名称="科学计数法有限公司", 税号="9.15101E+17"),
    row(客户名称="账号小数有限公司", 银行账号="86633497063926.0"),
    row(客户名称="账号字母有限公司", 银行账号="6222-ABCD-0001"),
    row(客户名称="手机错误有限公司", 手机="12345"),
    row(客户名称="电话错误有限公司", 电话="见备注"),
    row(客户名称="邮箱错误有限公司", 邮箱="finance.example.com"),
    row(客户名称="类型错误有限公司", 客户类型="合伙"),
    row(客户名称="状态错误有限公司", 状态="半停用"),
    row(客户名称="发票错误有限公司", 发票类型="收据"),
    row(客户名称="税率错误有限公司", 税率="15%"),
    row(客户名称="结算错误有限公司", 结算方式="以物易物"),
    row(客户名称="账期错误有限公司", 账期="400"),
    row(客户名称="额度为负有限公司", 信用额度="-100"),
    row(客户名称="额度文字有限公司", 信用额度="很多"),
    row(客户名称="额度小数有限公司", 信用额度="1.234"),
    row(客户名称="额度超限有限公司", 信用额度="100000000"),
    row(客户名称="行业错误有限公司", 行业="养猪"),
    row(客户名称="专票无税号有限公司", 发票类型="专票"),
    row(客户名称="多余单元格有限公司") + ["多出来的", "又一个"],
]
err_rows[2][5] = "13800138000"
write("field_errors.csv", csv_text(err_rows).encode("utf-8"))

write("empty.csv", b"")

# Not spreadsheets: a PNG named .csv, and a ZIP that holds no workbook named .xlsx.
def png():
    raw = b"\x00\xff\x00\x00" * 4
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
write("photo.csv", png())
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("readme.txt", "这不是表格 not a workbook")
write("archive.xlsx", buf.getvalue())

# .xls (BIFF8) with a title row, numbers and a date, as old systems export.
import xlwt
book = xlwt.Workbook(encoding="utf-8")
sheet = book.add_sheet("客户档案")
date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
sheet.write(0, 0, "客户资料导出")
for c, h in enumerate(["客户名称", "税号", "信用额度", "账期", "建档日期", "开户行"]):
    sheet.write(2, c, h)
xls_rows = [
    ["厦门市云帆企业管理咨询有限责任公司", "91350200MA3931FF8F", 50000, 30, datetime.date(2024, 3, 15), "厦门银行"],
    ["上海佳联物流有限公司", "91310000L91445488W", 12345.5, 15, datetime.date(2025, 11, 1), ""],
    ["广州市英杰建材有限公司", "91440100562142000M", 0, 0, datetime.date(2026, 1, 2), "工商银行"],
]
for r, values in enumerate(xls_rows, start=3):
    for c, v in enumerate(values):
        if isinstance(v, datetime.date):
            sheet.write(r, c, v, date_style)
        else:
            sheet.write(r, c, v)
book.save(os.path.join(HERE, "customers.xls"))

# .ods (LibreOffice), header in row 1, a float credit limit.
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableRow, TableCell
from odf.text import P
doc = OpenDocumentSpreadsheet()
table = Table(name="客户")
ods_rows = [
    ["客户名称", "社会信用代码", "信用额度", "渠道"],
    ["东莞星河餐饮管理有限公司", "91441900MA9KRQF802", 80000, "直销"],
    ["成都金泰建材贸易商行", "92510100772976556J", 2500.75, "转介绍"],
]
for values in ods_rows:
    tr = TableRow()
    for v in values:
        if isinstance(v, (int, float)):
            cell = TableCell(valuetype="float", value=v)
        else:
            cell = TableCell(valuetype="string")
        cell.addElement(P(text=str(v)))
        tr.addElement(cell)
    table.addElement(tr)
doc.spreadsheet.addElement(table)
doc.save(os.path.join(HERE, "customers.ods"))
print("written")

# Ledger entries for `kehu import --kind ledger` (customers from gbk_title.csv):
# GBK with a title row; customers by code, tax ID and name; then one row for
# each kind of problem (in-file duplicate, unknown code and name, adjustment
# without a reason, bad amount, code and tax ID of different customers, bad
# type, no such day).
ledger_rows = [
    ["往来明细 2026年11月", "", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "", ""],
    ["客户编码", "客户名称", "税号", "类型", "日期", "单据号", "金额", "到期日", "备注"],
    ["C000001", "", "", "期初余额", "2026-01-01", "QC-2026", "12,000.00", "", "期初导入"],
    ["C000001", "", "", "销售发票", "2026/09/10", "FP-0001", "36000", "", "电子元件一批"],
    ["", "", "91440100274935575P", "发票", "2026年11月1日", "HY-1101", "150,000.00", "2026-12-31", ""],
    ["", "北京海纳信息技术有限公司", "", "收款", "2026-11-15", "SK-0001", "5000", "", "预收转账"],
    ["", "", "915101006791061186", "收款", "2026-10-15", "SK-0002", "20000", "", "工行转账"],
    ["C000001", "", "", "销售发票", "2026-11-20", "FP-0001", "5000", "", "重复单号"],
    ["C009999", "", "", "发票", "2026-11-21", "FP-9", "100", "", ""],
    ["", "不存在的公司", "", "发票", "2026-11-21", "FP-10", "100", "", ""],
    ["C000002", "", "", "调整", "2026-11-22", "TZ-1", "-500", "", ""],
    ["C000003", "", "", "红字", "2026-11-23", "HZ-1", "很多", "", ""],
    ["C000003", "", "915101006791061186", "发票", "2026-11-24", "FP-3", "100", "", ""],
    ["C000005", "", "", "付款", "2026-11-25", "X-1", "100", "", ""],
    ["C000004", "", "", "发票", "2026-02-30", "FP-4", "100", "", ""],
]
write("ledger_gbk.csv", csv_text(ledger_rows).encode("gbk"))

# An invoice list as a tax system exports it: no type column (give
# --entry-type invoice), customers by buyer name and tax ID.
invoice_rows = [
    ["购买方名称", "购买方税号", "开票日期", "发票号码", "价税合计", "备注"],
    ["佛山市致远科技有限责任公司", "91440600MA449U5Y94", "2026-11-03", "24442000000000012345", "11300.00", "技术服务费"],
    ["重庆启明建材有限公司", "", "2026-11-04", "24442000000000012346", "2260", ""],
]
write("invoices_no_type.csv", b"\xef\xbb\xbf" + csv_text(invoice_rows).encode("utf-8"))


# An xlsx as scripts write it (openpyxl and the like): formulas saved without
# their calculated value (<f> with no <v>), which calamine reads as empty.
def xlsx_no_values(rows):
    def cell(r, c, v):
        ref = "ABCDEFGHIJ"[c] + str(r + 1)
        if isinstance(v, str) and v.startswith("="):
            return '<c r="%s"><f>%s</f></c>' % (ref, v[1:])
        return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
    sheet = "".join(
        '<row r="%d">%s</row>' % (r + 1, "".join(cell(r, c, v) for c, v in enumerate(row)))
        for r, row in enumerate(rows))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % sheet,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
    return out.getvalue()


write("formula_no_value.xlsx", xlsx_no_values([
    ["客户名称", "信用额度", "账期"],
    ["深圳市华强电子有限公司", "50000", "30"],
    ["广州市鑫达贸易有限公司", "=B2*2", "30"],
    ["佛山市致远科技有限责任公司", "=B2+B3", "30"],
]))

# password.xlsx: `kehu import --template t.xlsx`, then encrypted with the
# password "kehu" by msoffcrypto-tool (pip install msoffcrypto-tool):
#   OOXMLFile(open("t.xlsx", "rb")).encrypt("kehu", open("password.xlsx", "wb"))
