//! Any bytes given to the spreadsheet readers (a CSV table, a sheet of members): they must
//! not panic and must end.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = ateliers::spreadsheet::read::read_table(bytes);
    let _ = ateliers::spreadsheet::members::read_members(bytes);
});
