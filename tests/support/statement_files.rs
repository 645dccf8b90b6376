//! The sample customer statement (assets/samples/statement-huaqiang.*) as
//! data, and writers for it: the payables ledger 深圳华强电子股份有限公司
//! keeps of us for 2025 Q4, in the layout their accounting software exports
//! (title rows, voucher and invoice numbers, 借方/贷方, 方向, 余额, a total).
//! It reconciles against the demo data (`kehu::demo::statement`) with three
//! differences: invoice 44031102 booked 50.00 lower, our invoice 44031106
//! not received yet, their payment of 12-30 not received by us yet.
#![allow(dead_code)]

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(&'static str),
    Date(&'static str),
    Money(&'static str),
    Empty,
}

use Cell::{Date, Empty, Money, Text};

/// The sheet, row by row (row 1 first).
pub fn huaqiang() -> Vec<Vec<Cell>> {
    let line =
        |date, voucher, invoice, memo, debit: &'static str, credit: &'static str, balance| {
            let amount = |s: &'static str| if s.is_empty() { Empty } else { Money(s) };
            vec![
                Date(date),
                Text(voucher),
                Text(invoice),
                Text(memo),
                amount(debit),
                amount(credit),
                Text("贷"),
                Money(balance),
            ]
        };
    vec![
        vec![Text("深圳华强电子股份有限公司")],
        vec![Text("应付账款明细账")],
        vec![Text(
            "供应商：深圳市客户示例科技有限公司    期间：2025年10月1日 至 2025年12月31日    单位：元",
        )],
        vec![],
        [
            "日期",
            "凭证号",
            "发票号",
            "摘要",
            "借方",
            "贷方",
            "方向",
            "余额",
        ]
        .map(Text)
        .to_vec(),
        vec![
            Date("2025-10-01"),
            Empty,
            Empty,
            Text("期初余额"),
            Empty,
            Empty,
            Text("贷"),
            Money("28600.00"),
        ],
        line(
            "2025-10-12",
            "记-0031",
            "44031101",
            "收到发票 电子元器件",
            "",
            "36160.00",
            "64760.00",
        ),
        line(
            "2025-10-15",
            "记-0038",
            "",
            "支付货款 工行",
            "28600.00",
            "",
            "36160.00",
        ),
        line(
            "2025-10-27",
            "记-0052",
            "44031102",
            "收到发票 连接器",
            "",
            "12800.00",
            "48960.00",
        ),
        line(
            "2025-11-08",
            "记-0067",
            "44031103",
            "收到发票 电源模块",
            "",
            "58200.00",
            "107160.00",
        ),
        line(
            "2025-11-10",
            "记-0071",
            "",
            "支付货款",
            "36160.00",
            "",
            "71000.00",
        ),
        line(
            "2025-11-24",
            "记-0085",
            "HZ44031103",
            "红字发票 退货",
            "3200.00",
            "",
            "67800.00",
        ),
        line(
            "2025-12-01",
            "记-0090",
            "44031104",
            "收到发票 传感器",
            "",
            "25400.00",
            "93200.00",
        ),
        line(
            "2025-12-08",
            "记-0102",
            "",
            "支付 44031103 货款",
            "55000.00",
            "",
            "38200.00",
        ),
        line(
            "2025-12-08",
            "记-0103",
            "",
            "支付 44031104 货款",
            "25400.00",
            "",
            "12800.00",
        ),
        line(
            "2025-12-20",
            "记-0118",
            "44031105",
            "收到发票 电阻电容",
            "",
            "18900.00",
            "31700.00",
        ),
        line(
            "2025-12-30",
            "记-0125",
            "",
            "支付 44031102 货款",
            "12800.00",
            "",
            "18900.00",
        ),
        vec![
            Empty,
            Empty,
            Empty,
            Text("本期合计"),
            Money("161160.00"),
            Money("151460.00"),
            Text("贷"),
            Money("18900.00"),
        ],
    ]
}

/// The same statement with 借方 and 贷方 swapped (a customer who keeps us
/// on the other side, or a statement we sent them filled in): the sign
/// convention to detect is `Same`.
pub fn flipped(rows: &[Vec<Cell>]) -> Vec<Vec<Cell>> {
    rows.iter()
        .map(|row| {
            let mut row = row.clone();
            if row.len() == 8 && row[4] != Text("借方") {
                row.swap(4, 5);
                if row[6] == Text("贷") {
                    row[6] = Text("借");
                }
            }
            row
        })
        .collect()
}

fn csv_text(cell: &Cell) -> String {
    match cell {
        Text(s) => s.to_string(),
        // As Excel writes a CSV on a Chinese Windows.
        Date(d) => d.replace('-', "/"),
        Money(m) => kehu::domain::Money::parse(m).unwrap().grouped(),
        Empty => String::new(),
    }
}

/// UTF-8 with a BOM, as Excel's "CSV UTF-8" writes it.
pub fn write_csv(path: &Path, rows: &[Vec<Cell>]) {
    let mut out = Vec::from("\u{FEFF}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        for row in rows {
            // Excel pads every row to the sheet's width.
            let mut cells: Vec<String> = row.iter().map(csv_text).collect();
            cells.resize(cells.len().max(8), String::new());
            w.write_record(&cells).unwrap();
        }
        w.flush().unwrap();
    }
    std::fs::write(path, out).unwrap();
}

/// A workbook as their software exports it: real dates, numbers with two
/// decimals, document numbers as text.
pub fn write_xlsx(path: &Path, rows: &[Vec<Cell>]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("应付账款明细账").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0.00");
    let title = Format::new().set_bold().set_font_size(14);
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Text(s) if r == 0 || r == 1 => {
                    sheet.write_string_with_format(r, c, *s, &title).unwrap();
                }
                Text(s) => {
                    sheet.write_string(r, c, *s).unwrap();
                }
                Date(d) => {
                    let day = ExcelDateTime::parse_from_str(d).unwrap();
                    sheet.write_datetime_with_format(r, c, &day, &date).unwrap();
                }
                Money(m) => {
                    let fen = kehu::domain::Money::parse(m).unwrap().fen();
                    sheet
                        .write_number_with_format(r, c, fen as f64 / 100.0, &money)
                        .unwrap();
                }
                Empty => {}
            }
        }
    }
    for (c, width) in [12, 10, 12, 24, 14, 14, 6, 14].into_iter().enumerate() {
        sheet.set_column_width(c as u16, width).unwrap();
    }
    book.save(path).unwrap();
}
