//! The till's domain, without I/O: the catalog index and search, the basket and its arithmetic,
//! barcodes and the scanner's key bursts, tenders and change. Everything here is plain data and
//! functions, tested without a terminal or a network.

pub mod barcode;
pub mod basket;
pub mod cashiers;
pub mod catalog;
pub mod customers;
pub mod refund;
pub mod sale;
pub mod scanner;
pub mod search;
pub mod tender;
