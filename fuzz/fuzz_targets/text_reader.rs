//! CSV/TSV/TXT bytes as they arrive (any encoding: BOM, UTF-16 with or
//! without BOM, GBK via chardetng), through `Source::open` and every row.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = kehu_fuzz::input_file("input.csv", data);
    kehu_fuzz::read_every_row(&path);
});
