#!/usr/bin/env python3
"""Writes the invoice corpus: the tax platform's issued-invoice exports
(全量发票查询 → 导出) in the shapes they have had — the 数电 invoice-level
list with title rows, a line-level list in GBK with the older column names,
an older VAT list with 发票代码 + 发票号码, a later export where an invoice is
now voided — and single 数电票 XML files (EInvoice). The xlsx exports are
built in the tests with rust_xlsxwriter (tests/import_invoices.rs).

Standard library only: `python3 tests/corpus/invoices/generate.py`. Names,
tax IDs and numbers are synthetic (tax IDs with GB 32100 check characters).
README.md beside this script says what importing each file gives.
"""

import csv
import io
import os

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


OURS = ("广州市示例科技有限公司", uscc("440106", 1001))
OTHER = ("广州市别家贸易有限公司", uscc("440106", 1002))
HUAQIANG = ("深圳市华强电子有限公司", uscc("440300", 2001))  # a customer already, 13%
MEIJIA = ("佛山市顺德区美嘉家具有限公司", uscc("440606", 2002))  # new: created
CHANGAN = ("东莞市长安五金厂", uscc("441900", 2003))  # a customer without tax ID: by name
ZHANG = ("张三", "")  # a person: created by name


def number(n):
    return "244420000000000000%02d" % n


def write(name, rows, encoding, bom=False):
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


DIGITAL_HEADER = [
    "序号", "发票代码", "发票号码", "数电票号码", "销方识别号", "销方名称", "购方识别号",
    "购买方名称", "开票日期", "金额", "税额", "价税合计", "发票来源", "发票票种",
    "发票状态", "是否正数发票", "发票风险等级", "开票人", "备注",
]


def digital(i, n, buyer, date, net, tax, gross, state="正常", positive="是", note="", seller=OURS):
    return [
        str(i), "", "", number(n), seller[1], seller[0], buyer[1], buyer[0], date, net, tax,
        gross, "电子发票服务平台", "数电发票（增值税专用发票）", state, positive, "正常", "李会计", note,
    ]


def invoice_level(name, voided_meijia=False):
    rows = [
        ["全量发票查询"],
        ["查询条件：开票日期 2024-03-01 至 2024-03-31；导出时间：2024-04-01 09:12:33"],
        DIGITAL_HEADER,
        digital(1, 1, HUAQIANG, "2024-03-05 10:15:22", "10000.00", "1300.00", "11300.00", "部分红冲"),
        digital(2, 2, MEIJIA, "2024-03-08 14:02:10", "5000.00", "650.00", "5650.00",
                "作废" if voided_meijia else "正常"),
        digital(3, 3, CHANGAN, "2024-03-12 09:30:00", "2000.00", "260.00", "2260.00"),
        digital(4, 4, HUAQIANG, "2024-03-15 11:11:11", "800.00", "104.00", "904.00", "作废"),
        digital(5, 5, HUAQIANG, "2024-03-20 16:45:00", "-2000.00", "-260.00", "-2260.00", "正常", "否",
                "被红冲蓝字数电发票号码：%s 红字发票信息确认单编号：44010024031500000123" % number(1)),
        digital(6, 6, MEIJIA, "2024-03-21 10:00:00", "300.00", "39.00", "339.00", seller=OTHER),
        ["合计", "", "", "", "", "", "", "", "", "15100.00", "1963.00", "17063.00"],
    ]
    write(name, rows, "utf-8", bom=True)


def line_level():
    header = [
        "数电发票号码", "销售方纳税人识别号", "销售方名称", "购买方纳税人识别号", "购方名称",
        "开票日期", "货物或应税劳务名称", "规格型号", "单位", "数量", "单价", "金额", "税率",
        "税额", "价税合计", "发票票种", "发票状态", "备注", "开票人",
    ]

    def line(n, buyer, date, item, net, rate, tax, gross):
        return [number(n), OURS[1], OURS[0], buyer[1], buyer[0], date, item, "", "个", "1", net,
                net, rate, tax, gross, "数电发票（普通发票）", "正常", "", "李会计"]

    rows = [
        ["发票明细导出"],
        header,
        line(11, ZHANG, "2024-04-02", "*电子元件*电阻", "1000.00", "13%", "130.00", "1130.00"),
        line(11, ZHANG, "2024-04-02", "*电子元件*电容", "500.00", "13%", "65.00", "565.00"),
        line(12, HUAQIANG, "2024-04-03", "*运输服务*运费", "1000.00", "9%", "90.00", "1090.00"),
        # Repeats invoice 2 of the invoice-level export (an overlapping export).
        line(2, MEIJIA, "2024-03-08", "*家具*餐桌", "5000.00", "13%", "650.00", "5650.00"),
    ]
    write("digital_line_level_gbk.csv", rows, "gbk")


def vat_code_number():
    header = ["发票代码", "发票号码", "销售方纳税人识别号", "销售方名称", "购方识别号", "购方名称",
              "开票日期", "金额", "税率", "税额", "价税合计", "发票状态", "备注"]
    rows = [
        header,
        ["044001900111", "12345678", OURS[1], OURS[0], MEIJIA[1], MEIJIA[0], "2019-06-01",
         "1000.00", "13%", "130.00", "1130.00", "正常", ""],
        ["044001900111", "12345679", OURS[1], OURS[0], MEIJIA[1], MEIJIA[0], "2019-06-10",
         "-1000.00", "13%", "-130.00", "-1130.00", "正常",
         "开具红字增值税专用发票信息表编号4401061906000012 对应正数发票代码:044001900111 号码:12345678"],
    ]
    write("vat_code_number_2019.csv", rows, "utf-8")


def xml(name, n, buyer, net, tax, gross, seller=OURS):
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<EInvoice>
  <Header><EIid>{number(n)}</EIid><EInvoiceTag>SWEI4400</EInvoiceTag><Version>0.1</Version></Header>
  <EInvoiceData>
    <SellerInformation><SellerIdNum>{seller[1]}</SellerIdNum><SellerName>{seller[0]}</SellerName></SellerInformation>
    <BuyerInformation><BuyerIdNum>{buyer[1]}</BuyerIdNum><BuyerName>{buyer[0]}</BuyerName>
      <BuyerAddr>佛山市顺德区乐从镇家具大道1号</BuyerAddr><BuyerTelNum>0757-28881234</BuyerTelNum>
      <BuyerBankName>中国工商银行顺德乐从支行</BuyerBankName><BuyerBankAccNum>2013000109000123456</BuyerBankAccNum>
    </BuyerInformation>
    <BasicInformation><TotalAmWithoutTax>{net}</TotalAmWithoutTax><TotalTaxAm>{tax}</TotalTaxAm>
      <TotalTax-includedAmount>{gross}</TotalTax-includedAmount><TotalTax-includedAmountInChinese>壹佰壹拾叁圆整</TotalTax-includedAmountInChinese>
      <Drawer>李会计</Drawer><RequestTime>2024-05-06 10:20:30</RequestTime></BasicInformation>
    <IssuItemInformation><ItemName>*家具*椅子</ItemName><Amount>{net}</Amount><TaxRate>0.13</TaxRate><ComTaxAm>{tax}</ComTaxAm></IssuItemInformation>
    <AdditionalInformation><Remark>货款 &amp; 运费</Remark></AdditionalInformation>
  </EInvoiceData>
  <TaxSupervisionInfo><InvoiceNumber>{number(n)}</InvoiceNumber><IssueTime>2024-05-06 10:20:30</IssueTime><TaxBureauCode>14400000000</TaxBureauCode></TaxSupervisionInfo>
</EInvoice>
"""
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    invoice_level("digital_invoice_level.csv")
    invoice_level("digital_invoice_level_later.csv", voided_meijia=True)
    line_level()
    vat_code_number()
    xml("einvoice_%s.xml" % number(21), 21, MEIJIA, "100.00", "13.00", "113.00")
    xml("einvoice_other_seller.xml", 22, MEIJIA, "100.00", "13.00", "113.00", seller=OTHER)
    with open(os.path.join(HERE, "einvoice_broken.xml"), "w", encoding="utf-8") as f:
        f.write("<EInvoice><EInvoiceData><BasicInformation><TotalTaxAm>1</TotalTaxAm></Basic")
    print("ours", OURS, "huaqiang", HUAQIANG, "changan", CHANGAN, "meijia", MEIJIA)
