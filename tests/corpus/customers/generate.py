#!/usr/bin/env python3
"""Writes the customer-list corpus: the shapes real software exports and
people type (用友 U8/T+, 金蝶 KIS/精斗云, 管家婆, the tax platform's 购方
list, hand-made Excel lists, lists merged from branches), in GBK, UTF-8 with
and without BOM, UTF-16, csv/xlsx/xls/ods.

The produced files are committed; this script documents how they were made
and rebuilds them: `pip install xlwt odfpy openpyxl`, then
`python3 tests/corpus/customers/generate.py`. The names, tax IDs and accounts
are synthetic (tax IDs built with the GB 32100 check characters).
Each NAME.expect.json beside a file says what importing it gives.
"""

import csv
import io
import os

import openpyxl
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

HERE = os.path.dirname(os.path.abspath(__file__))
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def uscc(division, serial):
    """A valid 统一社会信用代码 for an enterprise in `division`."""
    body = ""
    for _ in range(8):
        body = ALPHABET[serial % 31] + body
        serial //= 31
    value = lambda c: int(c) if c.isdigit() else ord(c) - ord("A") + 10
    c = 11 - sum(value(ch) * w for ch, w in zip(body, ORG_WEIGHTS)) % 11
    org_check = "X" if c == 10 else "0" if c == 11 else str(c)
    first17 = "91" + division + body + org_check
    c = 31 - sum(ALPHABET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS)) % 31
    return first17 + ALPHABET[0 if c == 31 else c]


def bad_check(tax_id):
    """The same tax ID with a wrong final check character."""
    last = ALPHABET[(ALPHABET.index(tax_id[-1]) + 1) % 31]
    return tax_id[:-1] + last


def path(name):
    return os.path.join(HERE, name)


def write_text(name, rows, encoding, delimiter=",", bom=False):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode(encoding)
    if bom:
        data = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe"}[encoding] + data
    with open(path(name), "wb") as f:
        f.write(data)


def write_xlsx(name, sheets, merges=None):
    """sheets: [(title, rows)]; merges: {title: ["A1:H1", …]}."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for r in rows:
            sheet.append(r)
        for m in (merges or {}).get(title, []):
            sheet.merge_cells(m)
    book.save(path(name))


def write_xls(name, sheets):
    book = xlwt.Workbook(encoding="utf-8")
    for title, rows in sheets:
        sheet = book.add_sheet(title)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell is not None and cell != "":
                    sheet.write(r, c, cell)
    book.save(path(name))


def write_ods(name, sheets):
    doc = OpenDocumentSpreadsheet()
    for title, rows in sheets:
        table = Table(name=title)
        for row in rows:
            tr = TableRow()
            for cell in row:
                tc = TableCell(valuetype="string") if cell else TableCell()
                if cell:
                    tc.addElement(P(text=str(cell)))
                tr.addElement(tc)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(path(name))


T = [uscc(d, 7000 + i) for i, d in enumerate(["440300", "310000", "110000", "330100"] * 12)]


def u8():
    # 用友 U8 客户档案 export (.xls): a title row, a blank row, then the header;
    # 所属地区 carries a value the region dimension does not have (港澳).
    header = ["客户编码", "客户名称", "客户简称", "所属分类", "所属地区", "税号",
              "开户银行", "银行账号", "联系人", "电话", "地址", "信用额度"]
    rows = [["客户档案"], [], header,
            ["0101", "深圳市鸿运五金制品有限公司", "鸿运五金", "01 批发客户", "华南", T[0],
             "招商银行深圳分行", "755912345610011", "李敏", "0755-83456701", "深圳市宝安区福永街道1号", "50000"],
            ["0102", "上海东方贸易有限公司", "东方贸易", "01 批发客户", "华东", T[1],
             "中国工商银行上海分行", "1001234509876543", "王伟", "021-62345678", "上海市黄浦区中山东一路2号", "100000"],
            ["0103", "香港利丰国际贸易有限公司深圳代表处", "利丰", "02 零售客户", "港澳", "",
             "", "", "陈静", "0755-82345678", "深圳市福田区深南大道3号", ""],
            ["0104", "北京中关村科技发展有限公司", "中关村科技", "02 零售客户", "华北", T[2],
             "中国银行北京分行", "320456789012", "张强", "010-82345678", "北京市海淀区中关村大街4号", "200000"]]
    write_xls("u8_customer_archive.xls", [("客户档案", rows)])


def tplus():
    # 畅捷通 T+ (用友) 客户 export (.xlsx): a notes sheet first, then the data
    # under a title merged across the columns; 所属行业 has 五金批发 twice.
    notes = [["导出说明"], ["本文件由 T+ 导出，金额单位：元"], ["客户分类按总部口径"]]
    header = ["编码", "名称", "简称", "所属行业", "税号", "开户银行", "银行账号", "联系人", "联系电话", "地址"]
    rows = [["客户列表"] + [None] * (len(header) - 1), header,
            ["KH001", "杭州西湖五金批发有限公司", "西湖五金", "五金批发", T[3], "中国建设银行杭州分行",
             "33050161234500001", "赵磊", "0571-87654321", "杭州市西湖区文三路5号"],
            ["KH002", "宁波北仑五金有限公司", "北仑五金", "五金批发", T[7], "宁波银行北仑支行",
             "51010122000123456", "周娜", "0574-86123456", "宁波市北仑区明州路6号"],
            ["KH003", "温州瓯海电子科技有限公司", "瓯海电子", "制造业", T[11], "中国农业银行温州分行",
             "19210101040012345", "吴洋", "0577-88123456", "温州市瓯海区娄桥街道7号"]]
    write_xlsx("tplus_customers.xlsx", [("说明", notes), ("客户", rows)], {"客户": ["A1:J1"]})


def kis():
    # 金蝶 KIS 专业版 客户 引出 (GBK CSV): 代码/名称/全名 columns, 区域, 行业;
    # one tax ID with a wrong check character (row 4 as the editor shows it).
    header = ["代码", "名称", "区域", "行业", "联系人", "电话", "地址", "税务登记号", "开户银行", "银行账号"]
    rows = [header,
            ["01.001", "广州珠江建材有限公司", "华南", "建筑业", "黄芳", "020-83123456",
             "广州市天河区体育西路8号", T[4], "中国工商银行广州分行", "3602000109001234567"],
            ["01.002", "佛山南海机械制造有限公司", "华南", "制造业", "刘军", "0757-86123456",
             "佛山市南海区桂城街道9号", T[8], "广发银行佛山分行", "9550880012345600123"],
            ["01.003", "东莞长安电子有限公司", "华南", "制造业", "杨婷", "0769-85123456",
             "东莞市长安镇长安路10号", bad_check(T[12]), "东莞银行长安支行", "520000012345678901"]]
    write_text("kis_customers_gbk.csv", rows, "gbk")


def jdy():
    # 金蝶精斗云 客户 export (.xlsx): header on row 1; the same customer twice
    # (same tax ID): the later row is skipped, naming row 2.
    header = ["客户编码", "客户名称", "客户类别", "联系人", "手机", "税号", "开户银行", "银行账号", "地址", "备注"]
    rows = [header,
            ["", "成都天府软件有限公司", "信息技术", "陈伟", "13800138001", T[5], "成都银行高新支行",
             "1001300000123456", "成都市高新区天府大道11号", ""],
            ["", "武汉光谷物流有限公司", "交通物流", "李娜", "13900139002", T[9], "汉口银行光谷支行",
             "2100101234567890", "武汉市东湖高新区光谷大道12号", ""],
            ["", "成都天府软件有限公司", "信息技术", "陈伟", "13800138001", T[5], "成都银行高新支行",
             "1001300000123456", "成都市高新区天府大道11号", "二店重复录入"]]
    write_xlsx("jdy_customers.xlsx", [("客户", rows)])


def gjp():
    # 管家婆 往来单位 export: UTF-16LE with BOM, tab-separated (what its "导出到
    # 文本" gives); 全名/简名/拼音码, 开户行 and 帐号 as separate columns.
    header = ["编号", "全名", "简名", "拼音码", "地址", "电话", "联系人", "税号", "开户行", "帐号"]
    rows = [header,
            ["00001", "南京秦淮食品有限公司", "秦淮食品", "NJQHSP", "南京市秦淮区中华路13号",
             "025-84123456", "张芳", T[6], "南京银行秦淮支行", "0123400000012345"],
            ["00002", "西安曲江餐饮管理有限公司", "曲江餐饮", "XAQJCY", "西安市雁塔区曲江路14号",
             "029-85123456", "王磊", T[10], "西安银行曲江支行", "7100012345678901"]]
    write_text("gjp_customers_utf16.txt", rows, "utf-16-le", delimiter="\t", bom=True)


def tax_platform():
    # 电子税务局 开票 购方信息 export (.xlsx): 购买方名称, 纳税人识别号, and the
    # combined 地址电话 / 开户行及账号 columns the invoice prints (not mapped).
    header = ["序号", "购买方名称", "纳税人识别号", "地址电话", "开户行及账号", "邮箱"]
    rows = [header,
            ["1", "沈阳北方重工配件有限公司", T[13], "沈阳市铁西区北二路15号 024-25123456",
             "盛京银行铁西支行 0112000123456789", "fin@bfzg.example.cn"],
            ["2", "长沙岳麓文化传媒有限公司", T[14], "长沙市岳麓区麓山路16号 0731-88123456",
             "长沙银行岳麓支行 8000012345678901", ""]]
    write_xlsx("tax_platform_buyers.xlsx", [("购方信息", rows)])


def blank_line_above_header():
    # Typed by hand, saved as CSV UTF-8 (with BOM) by Excel: a blank first
    # line, the header on line 2; the bad mobile number is on line 5.
    header = ["客户名称", "税号", "联系人", "手机", "开户行", "账号"]
    rows = [[], header,
            ["苏州工业园区精密模具有限公司", T[15], "徐强", "13512345678", "苏州银行园区支行", "51234567890123"],
            ["无锡太湖纺织有限公司", T[16], "钱静", "13612345678", "江苏银行无锡分行", "62345678901234"],
            ["常州武进新材料有限公司", T[17], "孙敏", "1371234567", "", ""]]
    write_text("hand_blank_line_above_header.csv", rows, "utf-8", bom=True)


def hand_title_rows():
    # A hand-made list (.xlsx): a title, who made it, a blank row, the header
    # on row 4, a blank row inside the data, an unknown 客户类型 (row 8).
    header = ["序号", "单位名称", "类型", "统一社会信用代码", "联系人", "联系电话", "备注"]
    rows = [["2026年客户名单"], ["制表：财务部 张会计    日期：2026-11-30"], [], header,
            ["1", "青岛海滨水产有限公司", "企业", T[18], "赵敏", "0532-82123456", ""],
            ["2", "大连港湾船舶服务有限公司", "企业", T[19], "钱伟", "0411-82123456", ""],
            [],
            ["3", "厦门鹭岛茶业有限公司", "公司", T[20], "孙娜", "0592-52123456", "老客户"]]
    write_xlsx("hand_title_rows.xlsx", [("Sheet1", rows)])


def merged_branches():
    # Lists of three branches pasted one under another (UTF-8, no BOM): the
    # same customer written differently (股份有限公司, bracketed city), the
    # same tax ID twice (skipped, naming the first row), and a lookalike name
    # with another tax ID (inserted, with a similar-name warning).
    header = ["客户名称", "税号", "联系人", "电话", "所属地区", "来源"]
    rows = [header,
            ["深圳市华南电子有限公司", T[21], "林芳", "0755-26123456", "华南", "深圳分公司"],
            ["广州市羊城贸易有限公司", T[22], "何伟", "020-38123456", "华南", "广州分公司"],
            ["深圳市华南电子股份有限公司", T[21], "林芳", "0755-26123456", "华南", "总部"],
            ["（深圳市）华南电子有限公司", T[23], "郭静", "0755-26987654", "华南", "广州分公司"],
            ["广州市羊城贸易有限公司", T[22], "何伟", "020-38123456", "华南", "总部"],
            ["杭州市钱塘科技有限公司", T[24], "马磊", "0571-86123456", "华东", "总部"]]
    write_text("merged_branches.csv", rows, "utf-8")


def unknown_class_value():
    # The case: 五金批发 under 所属行业 (not one of its values), on
    # three rows, and 港澳台 under 所属地区 once: each listed once.
    header = ["客户名称", "税号", "所属行业", "所属地区"]
    rows = [header,
            ["深圳市宝安五金批发有限公司", T[25], "五金批发", "华南"],
            ["东莞市虎门服装有限公司", T[26], "批发零售", "华南"],
            ["惠州市惠阳五金有限公司", T[27], "五金批发", "华南"],
            ["澳门濠江贸易有限公司", "", "批发零售", "港澳台"],
            ["中山市小榄五金有限公司", T[28], "五金批发", ""]]
    write_text("unknown_class_value.csv", rows, "utf-8", bom=True)


def duplicate_tax_id():
    # The same tax ID on two rows of one file, other names: the later row is
    # skipped (the default policy) and names row 2, not a customer code.
    header = ["客户编码", "客户名称", "税号", "联系人"]
    rows = [header,
            ["", "珠海横琴金融服务有限公司", T[29], "冯敏"],
            ["", "江门蓬江陶瓷有限公司", T[30], "邓强"],
            ["", "珠海横琴金融服务有限公司（二部）", T[29], "冯敏"]]
    write_text("duplicate_tax_id.csv", rows, "utf-8")


TEMPLATE_HEADER = ["客户编码", "客户名称*", "客户简称", "助记码", "客户类型", "状态", "联系人",
                   "电话", "手机", "邮箱", "注册地址", "经营地址", "税号", "发票类型", "税率",
                   "开户银行", "银行账号", "结算方式", "账期(天)", "信用额度", "备注"]
TEMPLATE_EXAMPLE = ["", "深圳市华强电子有限公司", "华强电子", "", "企业", "正常", "张伟",
                    "0755-83456789", "13800138000", "finance@example.com", "深圳市福田区华强北路1号",
                    "", "914403001922038216", "增值税专用发票", "13%", "招商银行深圳分行",
                    "755912345610001", "转账", "30", "50000.00", "示例"]


def template_filled():
    # `kehu import --template` (.xlsx) filled in, its example row left in
    # (row 2): not imported, said so in the summary.
    rows = [TEMPLATE_HEADER, TEMPLATE_EXAMPLE,
            ["", "福州闽江物流有限公司", "闽江物流", "", "企业", "正常", "林强", "0591-87123456",
             "13712345670", "", "福州市鼓楼区五一路17号", "", T[31], "增值税专用发票", "9%",
             "福州银行鼓楼支行", "6622000012345678", "转账", "30", "80000", ""],
            ["", "南昌赣江建筑工程有限公司", "赣江建筑", "", "企业", "正常", "熊伟", "0791-86123456",
             "13812345671", "", "南昌市东湖区八一大道18号", "", T[32], "增值税专用发票", "9%",
             "江西银行东湖支行", "7800012345678901", "赊销", "60", "200000", ""]]
    write_xlsx("template_filled.xlsx", [("客户", rows), ("说明", [["列 column"], ["客户名称*"]])])


def template_as_is():
    # The CSV template downloaded and imported untouched: a notes row, the
    # header on row 2, the example on row 3; nothing is imported.
    notes = ["留空则自动编号", "必填：营业执照上的全称"] + [""] * (len(TEMPLATE_HEADER) - 2)
    write_text("template_as_is.csv", [notes, TEMPLATE_HEADER, TEMPLATE_EXAMPLE], "utf-8", bom=True)


def merged_header_ods():
    # An .ods with a two-row header: 基本信息 / 开票信息 merged over the
    # columns they group, the real headers on row 2, odd spellings.
    rows = [["基本信息", "", "", "开票信息", "", ""],
            ["客户全称", "客户简称", "E-mail", "纳税人识别号/统一社会信用代码", "开户行名称", "银行帐号"],
            ["合肥包河家居有限公司", "包河家居", "cw@bhjj.example.cn", T[33], "徽商银行包河支行", "1021201234567890"],
            ["郑州金水医药有限公司", "金水医药", "", T[34], "郑州银行金水支行", "9060112345678901"]]
    write_ods("merged_header.ods", [("客户", rows)])


def xls_notes_sheet_first():
    # An old .xls list: a 填写说明 sheet before the data sheet.
    notes = [["填写说明"], ["1. 客户名称必填"], ["2. 税号请设置为文本格式"]]
    rows = [["客户名称", "税号", "联系人", "开户银行", "银行账号", "信用额度"],
            ["昆明滇池旅游开发有限公司", T[35], "段敏", "富滇银行滇池支行", "1234567890123456", "30000"],
            ["贵阳花溪农业科技有限公司", T[36], "龙伟", "贵阳银行花溪支行", "2345678901234567", "0"]]
    write_xls("xls_notes_sheet_first.xls", [("填写说明", notes), ("客户名单", rows)])


if __name__ == "__main__":
    for make in [u8, tplus, kis, jdy, gjp, tax_platform, blank_line_above_header, hand_title_rows,
                 merged_branches, unknown_class_value, duplicate_tax_id, template_filled,
                 template_as_is, merged_header_ods, xls_notes_sheet_first]:
        make()
    print("wrote", len([f for f in os.listdir(HERE) if not f.endswith((".py", ".json"))]), "files")
