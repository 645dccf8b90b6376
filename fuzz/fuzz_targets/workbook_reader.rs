//! xlsx/xls/ods bytes through calamine, by the code kehu opens workbooks
//! with: `Source::open` sniffs the container, tries the formats, lists the
//! sheets; every sheet is then read row by row.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The extension only orders the ZIP formats tried; .ods tries ODS first,
    // .xlsx tries xlsx first — alternate so both orders are exercised.
    let name = if data.len() % 2 == 0 {
        "input.xlsx"
    } else {
        "input.ods"
    };
    let path = kehu_fuzz::input_file(name, data);
    kehu_fuzz::read_every_row(&path);
});
