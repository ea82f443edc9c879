//! What `update` asks the runner to do. Types only: `runner::perform` carries them out.

use rust_decimal::Decimal;

use crate::kash::ListEndpoint;
use crate::kash::order::{Order, OrderEdit};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Load(ListEndpoint),
    /// Write the sale to the journal (and forget the saved basket), with the total it should
    /// have on the server (a blind look-up points at the order that is probably it), then wake
    /// the sender.
    Record(Box<Order>, Decimal),
    /// End the flash of a refused code after a moment.
    EndFlash,
    /// The cashier's decision on a sale whose outcome is unknown.
    Resolve {
        seq: i64,
        decision: Decision,
    },
    /// `webapp.php` with `payment=-2`, through the journal like a sale.
    Park(Box<Order>),
    /// `editOrder.php` on a recalled order.
    Edit(Box<OrderEdit>),
    /// `getPending.php`.
    RefreshPending,
    /// `getClients.php`.
    LoadCustomers,
    /// `getOrders.php`, validated orders of the last week (to refund from).
    LoadValidated,
    /// The journal's sales that wait for the cashier (read at start: nothing waits unseen).
    LoadAttention,
    /// A list from the copy saved at the last start when there is one (the till starts from
    /// it, and the fresh list is loaded behind it: [`Effect::Load`]); else as `Load`.
    LoadSaved(ListEndpoint),
    /// A sale paid in several tenders: the order and its parts (mode id, amount) written to
    /// the journal as one unit, with the order's total; then the sender delivers them in order.
    RecordSplit {
        order: Box<Order>,
        parts: Vec<(u64, Decimal)>,
        total: Decimal,
    },
    /// A document for a printer: its thread queues it, the counter never waits.
    Print(crate::print::Which, Box<crate::print::Job>),
    /// Write the opening to the journal, then kick the drawer.
    OpenDrawer {
        who: String,
        why: String,
        reference: Option<String>,
    },
    /// The receipt printer's queue: try again now, or drop what waits.
    PrinterQueue {
        drop: bool,
    },
    /// `addClient.php`.
    AddCustomer(Box<crate::kash::order::CustomerData>),
    /// `editClient.php`.
    EditCustomer(u64, Box<crate::kash::order::CustomerData>),
    /// `delClient.php`.
    DeleteCustomer(u64),
    /// The refunds in this till's journal (not refused), to know what is left to refund.
    LoadJournalRefunds,
    /// The orders parked in this till's journal that the server has not confirmed yet.
    LoadJournalParked,
    /// A list from the server behind the saved copy the till started from: saved for the next
    /// start when it comes; when the server cannot be reached, the copy stays (it is not read
    /// again).
    LoadFresh(ListEndpoint),
    /// `getSales.php` of `day` for the reports screen: the `CSV` export read into totals, or
    /// the `Std` report as text (`lang` for what is said about an answer that is not one).
    LoadSalesReport {
        day: time::Date,
        format: crate::kash::SalesFormat,
        lang: crate::i18n::Lang,
    },
    /// `getSales.php` of `day` in `format`, saved whole under `path` (the runner reports the
    /// bytes received as they come).
    SaveSalesReport {
        day: time::Date,
        format: crate::kash::SalesFormat,
        path: std::path::PathBuf,
        lang: crate::i18n::Lang,
    },
    /// The open shift's figures, from the journal.
    LoadShift,
    /// Write a shift event (float, cash in or out, X), then read the figures again.
    RecordShift(Box<crate::journal::shift::NewShiftEvent>),
    /// Close the shift: the figures read afresh, the close written with them and numbered,
    /// then its report saved as a file beside the journal.
    CloseShift(Box<CloseShift>),
    /// Write the till file (the till chosen here, the cashiers' hashed PINs), whole.
    SaveTill {
        path: std::path::PathBuf,
        file: crate::pos::cashiers::TillFile,
    },
    /// Build a big catalog and its search index off the event loop
    /// ([`super::event::Event::CatalogBuilt`] brings it back).
    BuildCatalog(Box<crate::pos::catalog::CatalogLists>),
    /// `getOTPForAccount.php`: a one-time code sent to `email` (for `account_id`, when one
    /// email has several accounts).
    SignInCode {
        base_url: String,
        email: String,
        account_id: Option<String>,
        lang: crate::i18n::Lang,
    },
    /// The key traded for the code or the password, then the key file and the configuration
    /// written at `config` (never over an existing one).
    SignIn {
        base_url: String,
        config: std::path::PathBuf,
        how: SignInHow,
        lang: crate::i18n::Lang,
    },
    /// The demo was chosen: the welcome is not shown again (an empty file at this path).
    RememberDemo(std::path::PathBuf),
}

/// How the key is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInHow {
    /// The code sent by email (`getAuthTokenWithOTP.php`).
    Code { email: String, code: String },
    /// Login and password (`getAuthTokenWithPassword.php`, then `getAuthToken.php`).
    Password {
        login: String,
        password: crate::signin::Secret,
    },
}

/// What a close needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseShift {
    pub who: String,
    pub user_id: Option<u64>,
    pub cashbox_id: Option<u64>,
    pub counted: crate::shift::Counted,
    /// For the report's file: the paper, the till's time and offset.
    pub paper: crate::print::layout::Paper,
    pub at: time::PrimitiveDateTime,
    pub offset: time::UtcOffset,
}

/// A change to the customer file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerChange {
    Added,
    Edited(u64),
    Deleted(u64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Not on the server: send it again.
    SendAgain,
    /// Already on the server under this order number.
    Recorded(u64),
}
