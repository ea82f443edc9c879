//! `App`: everything the screens show, owned in one place. Only `update` changes it.

use rust_decimal::Decimal;

use crate::kash::ListEndpoint;
use crate::kash::model::{Cashbox, Discount, PaymentMode, Table, User};
use crate::kash::order::Payment;
use crate::money::MoneyStyle;
use crate::pos::basket::Basket;
use crate::pos::catalog::Catalog;

use super::keymap::{Binding, Context, DEFAULT_KEYMAP};

/// What is loaded at start, in the order the progress screen lists it.
pub const STARTUP_RESOURCES: [ListEndpoint; 9] = [
    ListEndpoint::Items,
    ListEndpoint::Variations,
    ListEndpoint::Departments,
    ListEndpoint::DepartmentGroups,
    ListEndpoint::PaymentModes,
    ListEndpoint::Tables,
    ListEndpoint::Users,
    ListEndpoint::Cashboxes,
    ListEndpoint::Discounts,
];

/// Without these the till cannot sell: no "continue anyway".
pub const REQUIRED_RESOURCES: [ListEndpoint; 2] = [ListEndpoint::Items, ListEndpoint::PaymentModes];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadStatus {
    Pending,
    Done {
        count: usize,
        skipped: usize,
    },
    /// From the local cache: the server could not be reached.
    Cached {
        count: usize,
        saved_at: String,
    },
    Failed(String),
}

/// Who and where: shown in the status bar, sent with orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub shop_id: String,
    pub demo: bool,
    pub user_id: Option<u64>,
    pub cashbox_id: Option<u64>,
    pub money_style: MoneyStyle,
    /// GS1 in-store label layouts (price or weight in the code).
    pub in_store: Vec<crate::pos::barcode::InStoreTemplate>,
}

/// The shop's lists other than the catalog.
#[derive(Debug, Clone, Default)]
pub struct ShopLists {
    pub payment_modes: Vec<PaymentMode>,
    pub tables: Vec<Table>,
    pub users: Vec<User>,
    pub cashboxes: Vec<Cashbox>,
    pub discounts: Vec<Discount>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Info,
    Success,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub severity: Severity,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connection {
    Unknown,
    Online,
    Offline,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchState {
    pub quantity: Option<Decimal>,
    /// Item ids, best first.
    pub results: Vec<u64>,
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

/// A sale waiting for the cashier's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attention {
    pub seq: i64,
    pub reference: String,
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmKind {
    ClearBasket,
    Quit,
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Loading,
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
    Submitting(Submission),
    Receipt(ReceiptState),
    Help {
        previous: Box<Mode>,
        scroll: u16,
    },
    /// A scanned code the catalog does not know: search by name, or a free line.
    UnknownCode(String),
    /// Sales whose outcome is unknown, for the cashier to settle.
    Attention {
        selected: usize,
    },
    /// Tables, open orders, order details, payments of a recalled order, refunds.
    Orders(Box<super::orders::OrdersMode>),
}

impl Mode {
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
            Self::Orders(m) => m.context(),
        }
    }
}

pub struct App {
    pub settings: Settings,
    pub keymap: &'static [Binding],
    pub load: Vec<(ListEndpoint, LoadStatus)>,
    pub catalog: Catalog,
    pub lists: ShopLists,
    pub basket: Basket,
    pub selected: Option<usize>,
    /// The line added or changed last, highlighted.
    pub last_changed: Option<usize>,
    /// The entry line: codes, quantities, search text, amounts.
    pub entry: String,
    pub mode: Mode,
    /// A failure to keep in view until the next key (the server's refusal of an order…).
    pub alert: Option<String>,
    pub message: Option<Message>,
    pub connection: Connection,
    /// Resources the cashier chose to start without.
    pub missing: Vec<ListEndpoint>,
    /// Keys typed while an order is being sent, replayed when it is recorded.
    pub held: Vec<super::effect::Event>,
    /// A refused code flashes the entry line until the flash ends.
    pub flash: bool,
    /// Sales in the journal still to deliver.
    pub queue_waiting: usize,
    /// Sales the sender could not settle by itself.
    pub attention: Vec<Attention>,
    /// Warnings about the setup (a key file readable by others…), shown once the shop is loaded.
    pub warnings: Vec<String>,
    /// Set when the lists came from the local cache (the time they were saved).
    pub offline_lists: Option<String>,
    /// Catalog parts loaded so far, indexed together once all have arrived.
    pub staged: Staged,
    /// Order context, open orders, the recalled order.
    pub orders: super::orders::OrdersState,
    /// The largest quantity, unit price and line total a basket line may have (`[pos]`).
    pub limits: crate::pos::basket::Limits,
    pub quit: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Staged {
    pub items: Vec<crate::kash::model::Item>,
    pub variations: Vec<crate::kash::model::Variation>,
    pub departments: Vec<crate::kash::model::Department>,
    pub groups: Vec<crate::kash::model::DepartmentGroup>,
}

impl App {
    pub fn new(settings: Settings) -> Self {
        Self {
            settings,
            keymap: DEFAULT_KEYMAP,
            load: STARTUP_RESOURCES
                .iter()
                .map(|r| (*r, LoadStatus::Pending))
                .collect(),
            catalog: Catalog::default(),
            lists: ShopLists::default(),
            basket: Basket::default(),
            selected: None,
            last_changed: None,
            entry: String::new(),
            mode: Mode::Loading,
            alert: None,
            message: None,
            connection: Connection::Unknown,
            missing: Vec::new(),
            held: Vec::new(),
            flash: false,
            queue_waiting: 0,
            attention: Vec::new(),
            offline_lists: None,
            warnings: Vec::new(),
            staged: Staged::default(),
            orders: super::orders::OrdersState::default(),
            limits: crate::pos::basket::Limits::default(),
            quit: false,
        }
    }

    /// A basket saved before a crash or a power cut, put back as it was.
    pub fn restore_basket(&mut self, basket: Basket) {
        let n = basket.lines.len();
        self.basket = basket;
        self.message = Some(Message {
            severity: Severity::Warning,
            text: format!("Basket restored after a restart ({n} line(s))"),
        });
    }

    pub fn user_label(&self) -> String {
        match self.settings.user_id {
            None => "webservice".to_string(),
            Some(id) => self
                .lists
                .users
                .iter()
                .find(|u| u.id == id)
                .map_or_else(|| format!("#{id}"), |u| u.title.clone()),
        }
    }

    pub fn cashbox_label(&self) -> Option<String> {
        self.settings.cashbox_id.map(|id| {
            self.lists
                .cashboxes
                .iter()
                .find(|c| c.id == id)
                .map_or_else(|| format!("#{id}"), |c| c.title.clone())
        })
    }
}
