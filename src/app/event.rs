//! What reaches `update`: keys and scans, and what effects send back. Types only.

use crossterm::event::KeyEvent;
use time::OffsetDateTime;

use crate::journal::Entry;
use crate::journal::delivery::SenderEvent;
use crate::kash::model::{
    Cashbox, Customer, Department, DepartmentGroup, Discount, Item, OrderReceipt, PaymentMode,
    PendingOrder, Table, User, Variation,
};
use crate::kash::{KashError, ListEndpoint, Listed};

use super::state::Attention;

/// A list as loaded at start.
#[derive(Debug, Clone)]
pub enum Loaded {
    Items(Listed<Item>),
    Variations(Listed<Variation>),
    Departments(Listed<Department>),
    DepartmentGroups(Listed<DepartmentGroup>),
    PaymentModes(Listed<PaymentMode>),
    Tables(Listed<Table>),
    Users(Listed<User>),
    Cashboxes(Listed<Cashbox>),
    Discounts(Listed<Discount>),
}

impl Loaded {
    /// Elements read, and elements skipped as unreadable.
    pub fn counts(&self) -> (usize, usize) {
        fn c<T>(l: &Listed<T>) -> (usize, usize) {
            (l.items.len(), l.skipped.len())
        }
        match self {
            Self::Items(l) => c(l),
            Self::Variations(l) => c(l),
            Self::Departments(l) => c(l),
            Self::DepartmentGroups(l) => c(l),
            Self::PaymentModes(l) => c(l),
            Self::Tables(l) => c(l),
            Self::Users(l) => c(l),
            Self::Cashboxes(l) => c(l),
            Self::Discounts(l) => c(l),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Event {
    Key(KeyEvent),
    /// A complete code from the barcode scanner.
    Scan(String),
    Loaded(ListEndpoint, Result<Loaded, KashError>),
    /// The server could not be reached: the list saved at the last start (RFC 3339 time).
    LoadedFromCache(ListEndpoint, Loaded, String),
    /// The final answer about the sale being sent (from the journal's sender, or directly).
    Submitted(Result<OrderReceipt, KashError>),
    /// The sale is in the journal, on disk, before it goes on the wire.
    Recorded(Result<Box<Entry>, String>),
    /// What the background sender did with a journal entry.
    Delivery(SenderEvent),
    /// The flash of a refused code is over.
    FlashOff,
    /// A journal entry was settled by the cashier, or could not be.
    Resolved(Result<i64, String>),
    /// A parked order is in the journal (its reference); the sender delivers it.
    ParkRecorded(Result<String, String>),
    /// The runner's clock, every second.
    Tick(OffsetDateTime),
    /// Time for a background refresh of the open orders.
    RefreshDue,
    /// The answer to a change of a recalled order (`editOrder.php`).
    Edited(Result<OrderReceipt, KashError>),
    /// The open orders (`getPending.php`), read at `at`.
    Pending {
        at: OffsetDateTime,
        result: Result<Vec<PendingOrder>, KashError>,
    },
    Customers(Result<Vec<Customer>, KashError>),
    /// Validated orders of the last week, to refund from.
    Validated(Result<Vec<PendingOrder>, KashError>),
    /// The journal's sales that wait for the cashier.
    Attention(Result<Vec<Attention>, String>),
    /// The list saved at the last start (RFC 3339 time), read to start at once; the fresh one
    /// follows as [`Event::Loaded`].
    LoadedSaved(ListEndpoint, Loaded, String),
    /// The fresh list behind a saved copy is that copy, to the byte: `count` elements read,
    /// `skipped` skipped. Nothing is swapped in.
    LoadedAsSaved {
        endpoint: ListEndpoint,
        count: usize,
        skipped: usize,
    },
    /// The answer to a change of the customer file: the customer's id.
    CustomerSaved(super::effect::CustomerChange, Result<u64, KashError>),
    /// What a printer or the drawer did.
    Printing(PrintNote),
    /// The refunds in this till's journal.
    JournalRefunds(Result<Vec<crate::pos::refund::Refund>, String>),
    /// The orders parked in the journal, not confirmed yet.
    JournalParked(Result<Vec<super::state::ParkedInJournal>, String>),
    /// The open shift's figures.
    Shift(Result<Box<crate::shift::ShiftFigures>, String>),
    /// A shift event written, and the figures after it.
    ShiftRecorded(
        Result<
            (
                Box<crate::journal::shift::ShiftEvent>,
                Box<crate::shift::ShiftFigures>,
            ),
            String,
        >,
    ),
    /// A close written.
    ShiftClosed(Result<Box<crate::shift::ClosedShift>, String>),
    /// The till file was written, or why not.
    TillSaved(Result<(), String>),
    /// A part of the server's day for the reports screen.
    SalesReport {
        day: time::Date,
        part: ReportPart,
    },
    /// Bytes of a report being saved received so far, and the length announced.
    SaveProgress {
        received: u64,
        total: Option<u64>,
    },
    /// A report saved whole under this path, or why not (nothing left under the name).
    ReportSaved(Result<std::path::PathBuf, String>),
    /// The sign-in code was sent by email, or why not.
    SignInCodeSent(Result<(), String>),
    /// Signed in and the files written, or why not (nothing written).
    SignedIn(Result<crate::signin::SignedIn, String>),
    /// The demo's choice is remembered, or why not (the welcome then comes back next time).
    DemoRemembered(Result<(), String>),
    /// The catalog built off the event loop ([`super::effect::Effect::BuildCatalog`]).
    CatalogBuilt(Box<crate::pos::catalog::Catalog>),
}

/// What `getSales.php` sent for the reports screen, read off the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportPart {
    Csv(Result<crate::sales_report::Csv, String>),
    Std(Result<Vec<String>, String>),
}

/// What a printer or the drawer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintNote {
    /// A printer thread's report after an attempt.
    Status(crate::print::SpoolStatus),
    /// Handed to the printer's thread.
    Queued,
    /// No printer is set up for it.
    NoPrinter,
    /// The drawer: opened and journaled (why), or not (the error).
    Drawer(Result<String, String>),
}
