//! Spreadsheets exchanged with Excel and LibreOffice, as CSV files: no database here.
//!
//! - [`read`] turns the bytes of a CSV file as a French office suite saves it (UTF-8 with
//!   or without BOM, or Windows-1252; `;` or `,` separators; CRLF or LF) into a [`read::Table`]
//!   whose rows carry the row numbers the spreadsheet shows, or says in French why the file
//!   is not a table (an `.xlsx` workbook, an image…).
//! - [`write`] writes a table that French Excel opens directly (UTF-8 with BOM, `;`, CRLF),
//!   guarded against formula injection.
//! - [`communes`] reads a list of communes with their INSEE codes (INSEE's own file, or a
//!   sheet typed by hand).
//! - [`members`] reads a sheet of members (Prénom, Nom, Collège…) into typed rows, each with
//!   its French cell errors, for a preview before anything is imported.

pub mod communes;
pub mod members;
pub mod read;
pub mod write;
