//! Where the cashier is: one flat enum of every screen and dialog, with the state each one
//! keeps. The behaviour of a screen is in `screens/<name>.rs`, its drawing in
//! `ui/screens/<name>.rs`. The state types live here, below both, so imports run one way.

use ratatui_textarea::{CursorMove, TextArea};
use rust_decimal::Decimal;

use crate::kash::model::PendingOrder;
use crate::kash::order::{DeliveryMethod, Payment};

use super::effect::Effect;
use super::keymap::Context;

/// What a screen's key handler returns: the screen to go to (`None` stays where it is, with
/// the state the handler changed in place) and the effects to run.
#[derive(Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct Flow {
    pub next: Option<Screen>,
    pub effects: Vec<Effect>,
}

impl Flow {
    /// Stay on this screen.
    pub fn stay() -> Self {
        Self::default()
    }

    /// Go to `screen`.
    pub fn to(screen: Screen) -> Self {
        Self {
            next: Some(screen),
            effects: Vec::new(),
        }
    }

    /// Back to the sale.
    pub fn sale() -> Self {
        Self::to(Screen::Sale)
    }

    pub fn with(mut self, effects: Vec<Effect>) -> Self {
        self.effects.extend(effects);
        self
    }

    /// `self`, unless `later` goes somewhere: then there, with both effects.
    pub fn then(mut self, later: Flow) -> Self {
        if later.next.is_some() {
            self.next = later.next;
        }
        self.effects.extend(later.effects);
        self
    }
}

impl From<Option<Screen>> for Flow {
    fn from(next: Option<Screen>) -> Self {
        Self {
            next,
            effects: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// The shop's lists are loading.
    Loading,
    /// The basket and the entry line.
    Sale,
    Search(SearchState),
    Departments(DepartmentsState),
    LineEdit(LineEditState),
    Variation(VariationState),
    Payment {
        selected: usize,
    },
    /// Cash: the amount tendered is typed in the entry line.
    Tender {
        mode_index: usize,
    },
    Confirm(ConfirmKind),
    /// A sale on its way to the journal and the server; keys wait.
    Submitting(Submission),
    Receipt(ReceiptState),
    Help {
        previous: Box<Screen>,
        scroll: u16,
    },
    /// A scanned code the catalog does not know: search by name, or a free line.
    UnknownCode(String),
    /// Sales whose outcome is unknown, for the cashier to settle.
    Attention {
        selected: usize,
    },
    Tables {
        selected: usize,
    },
    OpenOrders {
        selected: usize,
        table: Option<u64>,
    },
    /// Covers, pager, delivery, customer, comments.
    Details(Box<DetailsState>),
    /// Payments of a recalled order.
    OrderPay(PayState),
    RefundOrders(RefundOrdersState),
    RefundLines(RefundState),
    /// A change to a recalled order on its way (`editOrder.php`); keys wait.
    Sending {
        label: String,
        purpose: Purpose,
    },
    /// The customer picker: search the file, choose, create, edit, delete.
    Customers(Box<CustomersState>),
    /// A customer being created or edited.
    CustomerForm(Box<CustomerFormState>),
    /// Delete this customer? Sell to this blacklisted customer?
    CustomerConfirm(Box<CustomerConfirmState>),
    /// Every message of the session, whole, newest first (Ctrl-L); it scrolls like the help.
    MessageLog {
        previous: Box<Screen>,
        scroll: u16,
    },
    /// The drawer's shift: the figures so far (X), float, cash in and out, the close (Z).
    Shift(Box<ShiftState>),
    /// Who is at the till: the cashier picker, their PIN, setting a PIN, the till.
    Cashiers(Box<CashiersState>),
    /// The server's day (F12): the day's totals from the `CSV` export, its rows, the `Std`
    /// report; saving an export to a file.
    Reports(Box<ReportsState>),
    /// No configuration: the welcome (demo, sign in by email code, by password) and the
    /// sign-in itself.
    SignIn(Box<SignInState>),
}

impl Screen {
    /// The keymap section of the screen.
    pub fn context(&self) -> Context {
        match self {
            Self::Loading => Context::Loading,
            Self::Sale | Self::Submitting(_) => Context::Sale,
            Self::Search(_) => Context::Search,
            Self::Departments(_) => Context::Departments,
            Self::LineEdit(_) => Context::LineEdit,
            Self::Variation(_) => Context::Variation,
            Self::Payment { .. } => Context::Payment,
            Self::Tender { .. } => Context::Tender,
            Self::Confirm(_) => Context::Confirm,
            Self::Receipt(_) => Context::Receipt,
            Self::Help { .. } => Context::Help,
            Self::UnknownCode(_) => Context::UnknownCode,
            Self::Attention { .. } => Context::Attention,
            Self::Tables { .. } => Context::Tables,
            Self::OpenOrders { .. } => Context::OpenOrders,
            Self::Details(_) => Context::OrderDetails,
            Self::OrderPay(_) => Context::OrderPay,
            Self::RefundOrders(_) => Context::RefundOrders,
            Self::RefundLines(_) => Context::RefundLines,
            Self::Sending { .. } => Context::Sending,
            Self::Customers(_) => Context::Customers,
            Self::CustomerForm(_) => Context::CustomerForm,
            Self::CustomerConfirm(_) => Context::Confirm,
            Self::MessageLog { .. } => Context::Help,
            Self::Shift(s) => match s.step {
                ShiftStep::Overview | ShiftStep::Busy | ShiftStep::Closed(_) => Context::Shift,
                _ => Context::ShiftForm,
            },
            Self::Cashiers(_) => Context::Cashiers,
            Self::Reports(r) if r.save.is_some() => Context::ReportSave,
            Self::Reports(_) => Context::Reports,
            Self::SignIn(s) => match s.step {
                SignInStep::Choose { .. } => Context::Welcome,
                _ => Context::SignIn,
            },
        }
    }

    /// Screens whose entry line takes typed characters (held characters are echoed there).
    pub fn echoes_typing(&self) -> bool {
        matches!(self, Self::Sale | Self::Search(_))
    }

    /// An order is on its way: keys and scans are held and replayed once it has landed.
    pub fn holds_input(&self) -> bool {
        matches!(self, Self::Submitting(_) | Self::Sending { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchState {
    pub quantity: Option<Decimal>,
    /// Item ids, best first.
    pub results: Vec<u64>,
    /// How many items match in all: more than `results` holds when only the best were kept.
    pub found: usize,
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentsState {
    /// Index in the visible departments.
    pub department: usize,
    /// `Some(index)` once a department is open: the selected item.
    pub item: Option<usize>,
}

/// The fields of the line editor, in order.
pub const LINE_FIELDS: [&str; 4] = ["Quantity", "Unit price", "Title", "Discount"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineEditState {
    pub index: usize,
    pub field: usize,
    /// The texts of [`LINE_FIELDS`].
    pub values: [String; 4],
    pub error: Option<String>,
    /// The focused field was typed into: the first character typed into a figure replaces it.
    pub typed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariationState {
    pub item_id: u64,
    pub quantity: Decimal,
    /// The variation sets still to choose from, in order.
    pub sets: Vec<u64>,
    pub step: usize,
    /// Choice ids chosen so far.
    pub chosen: Vec<u64>,
    pub selected: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmKind {
    ClearBasket,
    Quit,
    /// Drop the documents stuck in the printer's queue.
    DropPrintJobs,
    /// Ctrl-R on a basket: every quantity changes sign (a refund, or a sale again).
    Negate,
    /// Ctrl-N on a recalled order whose details were changed here and not sent.
    LeaveRecalled,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub payment: Payment,
    /// The mode's title, or "Validated, unpaid" / "Open".
    pub payment_label: String,
    pub total: Decimal,
    pub tendered: Option<Decimal>,
    /// The journal entry, once the sale is on disk.
    pub seq: Option<i64>,
    /// Its reference (also in the order's private comment).
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptState {
    /// The server's order number; `None` for a provisional receipt (the sale is queued).
    pub order_id: Option<u64>,
    pub submission: Submission,
    pub change: Option<Decimal>,
    pub link: Option<String>,
}

/// A multi-line comment being typed (ratatui-textarea), comparable by its text and cursor.
#[derive(Debug, Clone)]
pub struct Comment(pub TextArea<'static>);

impl Comment {
    pub fn new(text: &str) -> Self {
        let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self(area)
    }

    pub fn text(&self) -> String {
        self.0.lines().join("\n").trim_end().to_string()
    }
}

impl PartialEq for Comment {
    fn eq(&self, other: &Self) -> bool {
        self.0.lines() == other.0.lines() && self.0.cursor() == other.0.cursor()
    }
}

impl Eq for Comment {}

/// The fields of the order details dialog, in order.
pub const DETAIL_FIELDS: [&str; 6] = [
    "Covers",
    "Pager",
    "Delivery",
    "Customer",
    "Public comment",
    "Private comment",
];
pub const FIELD_DELIVERY: usize = 2;
pub const FIELD_CUSTOMER: usize = 3;
pub const FIELD_PUBLIC: usize = 4;
pub const FIELD_PRIVATE: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailsState {
    pub field: usize,
    pub covers: String,
    pub pager: String,
    pub delivery: Option<DeliveryMethod>,
    pub customer_id: Option<u64>,
    /// A customer created with the sale, not yet on the server.
    pub new_customer: Option<crate::kash::order::NewCustomer>,
    /// A blacklisted customer the cashier has confirmed to sell to.
    pub confirmed: Option<u64>,
    pub public_comment: Comment,
    pub private_comment: Comment,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PayState {
    pub selected: usize,
    /// The amount typed; empty pays what is due.
    pub amount: String,
    pub error: Option<String>,
    /// Paid in full: the change to give, if any.
    pub done: Option<Decimal>,
    /// Some lines of the order could not be read and the cashier has seen the server's total.
    pub total_confirmed: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RefundOrdersState {
    pub orders: Vec<PendingOrder>,
    pub selected: usize,
    pub loading: bool,
    pub error: Option<String>,
    /// The order to refund whole once the list is in (the copy of a sale recorded twice).
    pub preselect: Option<u64>,
    /// The refunds the server lists (tagged with the order they refund); never offered.
    pub refunds: Vec<crate::pos::refund::Refund>,
    /// The refunds in this till's journal (some not on the server yet).
    pub journal_refunds: Vec<crate::pos::refund::Refund>,
}

impl RefundOrdersState {
    /// What is left to refund of each line of `order`, after every known refund.
    pub fn left(&self, order: &crate::kash::model::PendingOrder) -> Vec<Decimal> {
        crate::pos::refund::left(
            order,
            &crate::pos::refund::known(&self.refunds, &self.journal_refunds),
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundState {
    pub order: PendingOrder,
    /// What is left to refund of each line (sold, less what earlier refunds gave back).
    pub left: Vec<Decimal>,
    /// Quantity to refund of each line (0 to what is left of it).
    pub quantities: Vec<Decimal>,
    pub selected: usize,
}

/// What an order request in flight is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Park,
    /// New lines and details of a recalled order; then the payment screen or a new sale.
    Send {
        then_pay: bool,
    },
    Validate,
    Pay {
        mode_title: String,
        amount: Decimal,
        change: Option<Decimal>,
        state: PayState,
    },
}

/// Where the customer picker hands its choice to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickFor {
    /// The sale (or the recalled order) on the sale screen.
    Sale,
    /// The order details dialog, which applies it with the other details.
    Details(Box<DetailsState>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomersState {
    pub query: String,
    pub found: crate::pos::customers::Found,
    pub selected: usize,
    pub back: PickFor,
    /// The customer to select once the list is refreshed (one just added or edited).
    pub select: Option<u64>,
}

/// What the customer form does with what was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormMode {
    /// A new customer that goes with the sale (`client[…]` on the order), journaled with it.
    WithSale,
    /// A new customer in the file now (`addClient.php`).
    Add,
    /// A change to a customer of the file (`editClient.php`).
    Edit(u64),
}

/// The fields of the customer form, in order.
pub const CUSTOMER_FIELDS: [&str; 14] = [
    "Last name",
    "First name",
    "Email",
    "Phone",
    "Address",
    "Address line 2",
    "Address comment",
    "Postcode",
    "City",
    "Country",
    "VAT number",
    "Card barcode",
    "Blacklisted",
    "Private comment",
];
pub const CF_LAST_NAME: usize = 0;
pub const CF_FIRST_NAME: usize = 1;
pub const CF_EMAIL: usize = 2;
pub const CF_PHONE: usize = 3;
pub const CF_ADDRESS1: usize = 4;
pub const CF_ADDRESS2: usize = 5;
pub const CF_ADDRESS_COMMENT: usize = 6;
pub const CF_POSTCODE: usize = 7;
pub const CF_CITY: usize = 8;
pub const CF_COUNTRY: usize = 9;
pub const CF_VAT: usize = 10;
pub const CF_BARCODE: usize = 11;
pub const CF_BLACKLIST: usize = 12;
pub const CF_PRIVATE_COMMENT: usize = 13;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerFormState {
    pub mode: FormMode,
    pub field: usize,
    /// The single-line texts, by field index (the comments and the flag are unused here).
    pub values: Vec<String>,
    pub address_comment: Comment,
    pub private_comment: Comment,
    pub blacklist: bool,
    /// What the form held when it opened (an edit sends only what changed).
    pub original: Vec<String>,
    pub error: Option<String>,
    /// The change is on its way to the server.
    pub busy: bool,
    /// The picker to go back to.
    pub picker: Box<CustomersState>,
}

impl CustomerFormState {
    /// The fields this form shows: a customer created with the sale has the `client[…]` fields
    /// of the order, which carry neither the blacklist nor a private comment.
    pub fn fields(&self) -> &'static [usize] {
        const WITH_SALE: [usize; 12] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        const FILE: [usize; 14] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
        match self.mode {
            FormMode::WithSale => &WITH_SALE,
            FormMode::Add | FormMode::Edit(_) => &FILE,
        }
    }

    /// Whether the focused field is a multi-line comment.
    pub fn in_comment(&self) -> bool {
        matches!(self.field, CF_ADDRESS_COMMENT | CF_PRIVATE_COMMENT)
    }
}

/// What the customer confirmation asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerAsk {
    Delete(u64),
    /// Sell to a blacklisted customer?
    Blacklisted(u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerConfirmState {
    pub ask: CustomerAsk,
    pub picker: Box<CustomersState>,
    /// Asked after a card scan: No goes back to where the scan came, not to the picker.
    pub from_scan: bool,
    pub busy: bool,
    pub error: Option<String>,
}

/// The shift screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftState {
    /// `None` while the journal is read.
    pub figures: Option<crate::shift::ShiftFigures>,
    pub error: Option<String>,
    pub step: ShiftStep,
    pub scroll: u16,
}

impl ShiftState {
    pub fn loading() -> Self {
        Self {
            figures: None,
            error: None,
            step: ShiftStep::Overview,
            scroll: 0,
        }
    }
}

/// What the cashier is entering on the shift screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShiftMove {
    Float,
    CashIn,
    CashOut,
    /// The cash counted at the close.
    Close,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShiftStep {
    /// The figures so far (what an X report prints).
    Overview,
    /// An amount (and for cash in and out, its reason).
    Amount {
        what: ShiftMove,
        amount: String,
        reason: String,
        /// 0: the amount, 1: the reason.
        field: usize,
    },
    /// A count by note and coin (`crate::shift::DENOMINATIONS`).
    Count {
        what: ShiftMove,
        counts: Vec<u32>,
        selected: usize,
    },
    /// The close, counted: confirm it.
    ConfirmClose(crate::shift::Counted),
    /// Written to the journal; waiting for its answer.
    Busy,
    /// The close as it was written and printed.
    Closed(Box<crate::shift::ClosedShift>),
}

/// Digits typed for a PIN: never shown, never in a debug print.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PinEntry(pub String);

impl std::fmt::Debug for PinEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PinEntry({} digits)", self.0.chars().count())
    }
}

/// Where the cashier picker is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CashierStep {
    /// The list of users, filtered by what is typed.
    Pick,
    /// The PIN of the cashier chosen.
    Pin { user_id: u64, entry: PinEntry },
    /// Changing a PIN: the one set now first.
    OldPin { user_id: u64, entry: PinEntry },
    /// The new PIN (empty removes the one set).
    NewPin { user_id: u64, entry: PinEntry },
    /// The new PIN again.
    ConfirmPin {
        user_id: u64,
        first: PinEntry,
        entry: PinEntry,
    },
    /// This machine's till (`getCashbox.php`).
    Till { selected: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CashiersState {
    /// What is typed to filter the users.
    pub query: String,
    /// In the users the query keeps.
    pub selected: usize,
    pub step: CashierStep,
    /// Opened at start: a cashier is chosen before the first sale (Esc does not skip it).
    pub at_start: bool,
    /// The last refusal (a wrong PIN, PINs that differ), shown in the dialog.
    pub error: Option<String>,
}

/// What the reports screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportTab {
    /// The totals read from the `CSV` export.
    Totals,
    /// The export's rows, every column.
    Table,
    /// The `Std` report as text.
    Std,
}

impl ReportTab {
    pub const ALL: [Self; 3] = [Self::Totals, Self::Table, Self::Std];
}

/// A part of the report on its way, or come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetch<T> {
    Loading,
    Ready(T),
    Failed(String),
}

/// The formats the save dialog offers, in order.
pub const SAVE_FORMATS: [crate::kash::SalesFormat; 5] = [
    crate::kash::SalesFormat::Pdf,
    crate::kash::SalesFormat::Xls,
    crate::kash::SalesFormat::Csv,
    crate::kash::SalesFormat::Fec,
    crate::kash::SalesFormat::Saft,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportsState {
    /// The day shown.
    pub day: time::Date,
    /// Today, from the till's clock: a later day is refused.
    pub today: time::Date,
    pub tab: ReportTab,
    pub csv: Fetch<crate::sales_report::Csv>,
    pub std: Fetch<Vec<String>>,
    /// Lines scrolled in the tab shown.
    pub scroll: usize,
    /// Columns scrolled to the right in the rows (← and →; the day then moves with - and +).
    pub column: usize,
    /// A date being typed (YYYY-MM-DD or DD/MM/YYYY), then Enter.
    pub typed: String,
    /// A day refused (malformed, not come yet).
    pub error: Option<String>,
    /// The save dialog, when open.
    pub save: Option<SaveState>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveState {
    /// Index in [`SAVE_FORMATS`].
    pub format: usize,
    /// Where the file goes (editable).
    pub path: String,
    pub step: SaveStep,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStep {
    /// Choosing the format and the path.
    Choosing,
    /// Downloading: bytes received, and the length the server announced.
    Saving {
        received: u64,
        total: Option<u64>,
    },
    /// Written whole under this path.
    Saved(String),
    Failed(String),
}

pub use crate::signin::Secret;

/// Where the sign-in is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInStep {
    /// The welcome: the demo shop, sign in by email code, sign in by password.
    Choose { selected: usize },
    /// The email (and the account id, when one email has several accounts).
    Email,
    /// The one-time code the email brought.
    Code,
    /// The login and the password.
    Password,
    /// Signed in and the files written: Enter opens the shop.
    Done(crate::signin::SignedIn),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInState {
    pub step: SignInStep,
    pub email: String,
    pub account_id: String,
    pub code: String,
    pub login: String,
    pub password: Secret,
    /// The field with the cursor where a step has two (0: the first).
    pub field: usize,
    /// The last refusal or failure, shown in the dialog.
    pub error: Option<String>,
    /// A request is on its way: keys wait but Esc.
    pub busy: bool,
}

impl SignInState {
    pub fn new() -> Self {
        Self {
            step: SignInStep::Choose { selected: 0 },
            email: String::new(),
            account_id: String::new(),
            code: String::new(),
            login: String::new(),
            password: Secret::default(),
            field: 0,
            error: None,
            busy: false,
        }
    }
}

impl Default for SignInState {
    fn default() -> Self {
        Self::new()
    }
}
