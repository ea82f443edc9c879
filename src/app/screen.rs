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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundState {
    pub order: PendingOrder,
    /// Quantity to refund of each line (0 to the quantity sold).
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
