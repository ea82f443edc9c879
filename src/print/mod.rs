//! Printing: receipts, kitchen tickets and reports on an ESC/POS thermal printer, and the cash
//! drawer it drives.
//!
//! - [`layout`]: pure functions from a sale to [`escpos::Block`]s at the roll's width, in the
//!   till's language;
//! - [`escpos`]: the commands, written out (no ESC/POS crate: the dozen commands a receipt needs
//!   are pinned byte for byte by golden tests, which a crate's synchronous drivers and its code
//!   page tables would not spare us);
//! - [`codepage`]: Windows-1252 and CP858;
//! - [`spool`]: the printer's thread and queue — the only part with I/O; the counter never
//!   waits on it.

pub mod codepage;
pub mod escpos;
pub mod layout;
pub mod setup;
pub mod spool;

pub use codepage::CodePage;
pub use escpos::{Block, Size};
pub use layout::{
    KitchenLine, KitchenTicket, Number, Paper, Receipt, ReceiptLine, Report, ReportRow,
};
pub use setup::{PrintSetup, PrinterSection, ReceiptPolicy, Which};
pub use spool::{Job, SpoolStatus, Spooler, Target, Timing};
