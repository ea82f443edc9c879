//! `App`: everything the screens show, owned in one place. Only `update` changes it.

use time::OffsetDateTime;

use crate::kash::ListEndpoint;
use crate::kash::model::{Cashbox, Customer, Discount, PaymentMode, PendingOrder, Table, User};
use crate::money::MoneyStyle;
use crate::pos::basket::Basket;
use crate::pos::catalog::Catalog;
use crate::pos::sale::{OrderContext, Recalled};
use crate::pos::scanner::Input;

use super::keymap::Keymap;
use super::screen::Screen;

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
    /// The cashier's language: every word of the view and of the messages.
    pub lang: crate::i18n::Lang,
    /// The colours.
    pub theme: crate::look::Theme,
    /// The till's time zone, for the dates and times shown.
    pub utc_offset: time::UtcOffset,
    /// GS1 in-store label layouts (price or weight in the code).
    pub in_store: Vec<crate::pos::barcode::InStoreTemplate>,
}

/// The shop's lists other than the catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// A sale waiting for the cashier's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attention {
    pub seq: i64,
    /// The journal reference (for the logs; the screen says [`Attention::label`]).
    pub reference: String,
    /// When it was recorded and what it asks: what the screen calls it by
    /// ([`App::sale_label`]: "the sale of 12:04, 3,20 €").
    pub created_at: String,
    pub request: Option<crate::journal::Request>,
    pub why: String,
    /// Recorded twice: the order number of the copy, to refund.
    pub double: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct App {
    pub settings: Settings,
    pub keymap: &'static Keymap,
    pub load: Vec<(ListEndpoint, LoadStatus)>,
    pub catalog: Catalog,
    pub lists: ShopLists,
    pub basket: Basket,
    pub selected: Option<usize>,
    /// The line added or changed last, highlighted.
    pub last_changed: Option<usize>,
    /// The entry line: codes, quantities, search text, amounts.
    pub entry: String,
    pub screen: Screen,
    /// A failure to keep in view until the next key (the server's refusal of an order…).
    pub alert: Option<String>,
    pub message: Option<Message>,
    pub connection: Connection,
    /// Resources the cashier chose to start without.
    pub missing: Vec<ListEndpoint>,
    /// Keys and scans typed while an order is being sent, replayed when it has landed.
    pub held: Vec<Input>,
    /// A refused code flashes the entry line until the flash ends.
    pub flash: bool,
    /// Sales in the journal still to deliver.
    pub queue_waiting: usize,
    /// Sales the sender could not settle by itself.
    pub attention: Vec<Attention>,
    /// Whether the sender's look-ups can see the till's references (blind: a lost answer
    /// waits for the cashier).
    pub sight: Option<crate::journal::Sight>,
    /// Warnings about the setup (a key file readable by others…), shown once the shop is loaded.
    pub warnings: Vec<String>,
    /// Set when the lists came from the local cache (the time they were saved).
    pub offline_lists: Option<String>,
    /// Catalog parts loaded so far, indexed together once all have arrived.
    pub staged: Staged,
    /// Order context, open orders, the recalled order.
    pub orders: OrdersState,
    /// The largest quantity, unit price and line total a basket line may have (`[pos]`).
    pub limits: crate::pos::basket::Limits,
    pub quit: bool,
    /// Every message of the session, oldest first, at most [`LOG_SIZE`] (Ctrl-L shows them).
    pub log: Vec<Message>,
    /// Parts of the sale tendered so far (split at the counter); the rest is still due.
    pub tenders: Vec<crate::pos::tender::Tendered>,
    /// `[pos] bell`: the terminal bell rings on a misread or unknown code.
    pub bell: bool,
    /// A misread or unknown code since the last draw: the runner rings the bell (when `bell`).
    pub ring: bool,
    /// Where the reports screen saves a file by default (the user's documents or home
    /// directory, found by the runner); `None`: the current directory.
    pub reports_dir: Option<std::path::PathBuf>,
    /// Receipts, kitchen tickets, the drawer.
    pub printing: Printing,
    /// Digits typed on the table picker: the table of that number is selected.
    pub table_typed: String,
    /// Who is at the till: the PINs and the till chosen on this machine, wrong PINs.
    pub till: TillState,
    /// No configuration: signing in from the till is offered (`None`: a configured shop).
    pub sign_in: Option<SignInOffer>,
    /// Set when the till quits to start again on this configuration (just signed in).
    pub reopen: Option<std::path::PathBuf>,
}

/// Signing in from the till (see `screens/sign_in.rs`): where to, and where the files go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignInOffer {
    /// The service signed in to (`--sign-in-url`, default Kash.click).
    pub base_url: String,
    /// The configuration to write (the user's default); `None`: no configuration directory.
    pub config_path: Option<std::path::PathBuf>,
    /// The welcome is shown at start: the demo was never chosen on this machine.
    pub at_start: bool,
    /// Written when the demo is chosen, so the welcome does not come back at each start.
    pub demo_marker: Option<std::path::PathBuf>,
}

/// Who is at the till (see `screens/cashiers.rs`): what this machine keeps (its till file),
/// what the configuration fixes, and the wrong PINs typed in a row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TillState {
    pub file: crate::pos::cashiers::TillFile,
    /// Where the till file is saved; `None`: nowhere (changes last until the till stops).
    pub path: Option<std::path::PathBuf>,
    /// `[pos] cashbox_id` is set: the till is not chosen here.
    pub cashbox_fixed: bool,
    /// The till is chosen and the cashier picked at start (see `screens/cashiers.rs`); off for
    /// the demo shop, which starts on the sale (Ctrl-U shows the picker).
    pub ask_at_start: bool,
    /// Wrong PINs in a row.
    pub failures: u32,
    /// After too many wrong PINs: no PIN is tried before this time (of the till's clock).
    pub wait_until: Option<OffsetDateTime>,
}

/// Receipts, kitchen tickets, the drawer: what the till keeps between events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Printing {
    /// `None` without a `[printer]` section (the receipt is still shown on screen).
    pub setup: Option<crate::print::PrintSetup>,
    /// The sale on its way, as it will print: built when it is on disk (its journal entry).
    pub staged: Option<(i64, crate::print::Receipt)>,
    /// The last sale's receipt, for Ctrl-G.
    pub last: Option<crate::print::Receipt>,
    /// The last receipt has printed once: the next print is a duplicate.
    pub last_printed: bool,
    /// A kitchen ticket waiting for its order to be on disk (parked) or accepted (recalled).
    pub kitchen_staged: Option<crate::print::KitchenTicket>,
    /// Documents waiting for the receipt printer, and why.
    pub waiting: usize,
    pub error: Option<String>,
    /// Documents waiting for the kitchen printer.
    pub kitchen_waiting: usize,
    /// Effects to run, produced where a handler cannot return them.
    pub outbox: Vec<super::effect::Effect>,
}

/// How many messages the log keeps.
pub const LOG_SIZE: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Staged {
    /// The catalog is built and the till past its start: a list that comes now (the fresh one
    /// behind a saved copy) is swapped in at once.
    pub ready: bool,
    pub items: Vec<crate::kash::model::Item>,
    pub variations: Vec<crate::kash::model::Variation>,
    pub departments: Vec<crate::kash::model::Department>,
    pub groups: Vec<crate::kash::model::DepartmentGroup>,
    /// A catalog is being built off the event loop ([`super::effect::Effect::BuildCatalog`]).
    pub building: bool,
    /// Fresh catalog lists that came while it was built: applied once it is here.
    pub fresh: FreshLists,
    /// Catalogs of fewer items are built in place, on the event loop (a few milliseconds);
    /// `None`: [`BUILD_IN_PLACE_BELOW`].
    pub in_place_below: Option<usize>,
    /// A fresh catalog behind a warm start is built off the event loop too, the old one
    /// selling meanwhile (both held at once); off by default: it is built in place, the old one
    /// dropped first, a pause of about 0.1 s at 100 000 items for much less memory.
    pub swap_off_loop: bool,
}

/// Below this many items a catalog is built on the event loop (under about 5 ms).
pub const BUILD_IN_PLACE_BELOW: usize = 5_000;

/// Fresh catalog lists held while a catalog is built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FreshLists {
    pub items: Option<Vec<crate::kash::model::Item>>,
    pub variations: Option<Vec<crate::kash::model::Variation>>,
    pub departments: Option<Vec<crate::kash::model::Department>>,
    pub groups: Option<Vec<crate::kash::model::DepartmentGroup>>,
}

impl App {
    pub fn new(settings: Settings) -> Self {
        Self {
            settings,
            keymap: Keymap::embedded(),
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
            screen: Screen::Loading,
            alert: None,
            message: None,
            connection: Connection::Unknown,
            missing: Vec::new(),
            held: Vec::new(),
            flash: false,
            queue_waiting: 0,
            attention: Vec::new(),
            sight: None,
            offline_lists: None,
            warnings: Vec::new(),
            staged: Staged::default(),
            orders: OrdersState::default(),
            limits: crate::pos::basket::Limits::default(),
            quit: false,
            printing: Printing::default(),
            log: Vec::new(),
            tenders: Vec::new(),
            bell: true,
            ring: false,
            table_typed: String::new(),
            till: TillState::default(),
            reports_dir: None,
            sign_in: None,
            reopen: None,
        }
    }

    /// What the tenders so far pay of the sale.
    pub fn tendered(&self) -> rust_decimal::Decimal {
        crate::pos::tender::tendered_sum(&self.tenders)
    }

    /// What is still due on the basket after the tenders so far.
    pub fn due(&self) -> rust_decimal::Decimal {
        crate::pos::tender::still_due(self.basket.total(), self.tendered())
    }

    /// Keeps a message in the log (the oldest go first past [`LOG_SIZE`]).
    pub fn log_message(&mut self, m: Message) {
        if self.log.last() == Some(&m) {
            return;
        }
        if self.log.len() >= LOG_SIZE {
            self.log.remove(0);
        }
        self.log.push(m);
    }

    /// A basket saved before a crash or a power cut, put back as it was.
    pub fn restore_basket(&mut self, basket: Basket) {
        self.restore_sale(crate::pos::sale::SavedSale {
            basket,
            ..Default::default()
        });
    }

    /// The sale saved before a crash or a power cut, put back as it was: its lines, its
    /// context, and the open order they belong to.
    pub fn restore_sale(&mut self, saved: crate::pos::sale::SavedSale) {
        let l = self.settings.lang;
        let n = saved.basket.lines.len();
        let text = match &saved.recalled {
            Some(r) => l.ta(
                "msg-restored-recalled",
                &[
                    ("lines", crate::i18n::n(n)),
                    ("order", crate::i18n::s(l.order_label(&r.order))),
                ],
            ),
            None => l.ta("msg-restored", &[("lines", crate::i18n::n(n))]),
        };
        self.basket = saved.basket;
        self.orders.context = saved.context;
        self.orders.recalled = saved.recalled;
        self.tenders = saved.tenders;
        let m = Message {
            severity: Severity::Warning,
            text,
        };
        self.log_message(m.clone());
        self.message = Some(m);
    }

    /// What the basket saver writes: the sale in progress, whole.
    pub fn saved_sale(&self) -> crate::pos::sale::SavedSale {
        crate::pos::sale::SavedSale {
            basket: self.basket.clone(),
            context: self.orders.context.clone(),
            recalled: self.orders.recalled.clone(),
            tenders: self.tenders.clone(),
        }
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

    /// A line of an order from the server as the cashier reads it: its title, with the chosen
    /// variations (`declinaisons`, named from the catalog) that the title does not name yet.
    pub fn order_line_title(&self, line: &crate::kash::model::OrderLine) -> String {
        let names: Vec<&str> = line
            .declinaisons
            .iter()
            .filter_map(|id| self.catalog.choice(*id).map(|(_, c)| c.title.as_str()))
            .filter(|name| !line.title.contains(name))
            .collect();
        if names.is_empty() {
            line.title.clone()
        } else {
            format!("{} ({})", line.title, names.join(", "))
        }
    }

    /// The till's local time now (the last tick).
    pub fn local_now(&self) -> time::PrimitiveDateTime {
        let now = self.orders.now.unwrap_or(OffsetDateTime::UNIX_EPOCH);
        let local = now.to_offset(self.settings.utc_offset);
        time::PrimitiveDateTime::new(local.date(), local.time())
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

/// The open orders as the last refresh of `getPending.php` saw them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PendingList {
    pub orders: Vec<PendingOrder>,
    /// When the list was last read successfully.
    pub refreshed_at: Option<OffsetDateTime>,
    pub refreshing: bool,
    /// The last refresh failed: why, and when.
    pub error: Option<(String, OffsetDateTime)>,
    /// An order was changed here while a refresh was under way: its answer may predate it.
    pub changed_meanwhile: bool,
}

/// Restaurant service: the order context of the sale, the open orders, the recalled order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrdersState {
    pub context: OrderContext,
    pub pending: PendingList,
    pub recalled: Option<Recalled>,
    /// The time of the last tick: ages are computed from it, never from the clock.
    pub now: Option<OffsetDateTime>,
    /// The customer file, sorted by name and indexed for the picker's search.
    pub customers: crate::pos::customers::Customers,
    pub customers_requested: bool,
    /// `[sync] pending_refresh_secs`.
    pub refresh_secs: u64,
    /// Orders parked here that the server has not confirmed yet (read from the journal).
    pub parked_in_journal: Vec<ParkedInJournal>,
}

/// An order parked in the journal, not yet confirmed by the server: listed with the open
/// orders, recalled once recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParkedInJournal {
    /// The journal reference (never shown: the time and total say which order it is).
    pub reference: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    pub state: crate::journal::State,
    /// The order's total: its lines' forced prices, else the catalog's (see
    /// [`App::parked_total`]); `None` when it cannot be known for sure.
    pub total: Option<rust_decimal::Decimal>,
    pub table_id: Option<u64>,
    pub covers: Option<u32>,
    pub lines: Vec<crate::kash::order::ItemsListEntry>,
}

impl ParkedInJournal {
    /// The message id of its state: waiting to be sent, outcome unknown, for the cashier.
    pub fn state_message(&self) -> &'static str {
        match self.state {
            crate::journal::State::Queued | crate::journal::State::Sending => {
                "orders-status-waiting"
            }
            crate::journal::State::Uncertain => "orders-status-unknown",
            _ => "orders-status-decide",
        }
    }
}

impl Default for OrdersState {
    fn default() -> Self {
        Self {
            context: OrderContext::default(),
            pending: PendingList::default(),
            recalled: None,
            now: None,
            customers: crate::pos::customers::Customers::default(),
            customers_requested: false,
            refresh_secs: 10,
            parked_in_journal: Vec::new(),
        }
    }
}

impl OrdersState {
    /// The open orders shown, filtered by table.
    pub fn visible(&self, table: Option<u64>) -> Vec<&PendingOrder> {
        self.pending
            .orders
            .iter()
            .filter(|o| table.is_none() || o.table_id == table)
            .collect()
    }

    /// The orders parked in the journal shown below the open orders (filtered by table): not
    /// those the server lists already (their reference is in the listed order's comment).
    pub fn parked_visible(&self, table: Option<u64>) -> Vec<&ParkedInJournal> {
        self.parked_in_journal
            .iter()
            .filter(|p| table.is_none() || p.table_id == table)
            .filter(|p| {
                !self.pending.orders.iter().any(|o| {
                    crate::journal::comment_has_reference(&o.private_comment, &p.reference)
                })
            })
            .collect()
    }

    pub fn customer_name(&self, id: u64) -> String {
        self.customers
            .get(id)
            .map_or_else(|| format!("Customer #{id}"), Customer::display_name)
    }
}

impl App {
    /// The total of lines as the server will price them: a forced price, else the catalog's
    /// (an item with variations and no forced price: unknown).
    pub fn parked_total(
        &self,
        lines: &[crate::kash::order::ItemsListEntry],
    ) -> Option<rust_decimal::Decimal> {
        use crate::kash::order::ItemsListEntry;
        let mut total = rust_decimal::Decimal::ZERO;
        for line in lines {
            let amount = match line {
                ItemsListEntry::Item {
                    id,
                    quantity,
                    price,
                    variations,
                    ..
                } => {
                    let unit = match price {
                        Some(p) => *p,
                        None if variations.is_empty() => self.catalog.item(*id)?.price,
                        None => return None,
                    };
                    crate::money::round_cents(quantity.checked_mul(unit)?)
                }
                ItemsListEntry::Department { price, .. } | ItemsListEntry::Free { price, .. } => {
                    *price
                }
            };
            total = total.checked_add(amount)?;
        }
        Some(total)
    }

    /// "12:04", the local time of an RFC 3339 instant (the text as is when unreadable).
    pub fn clock_time(&self, rfc3339: &str) -> String {
        OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
            .ok()
            .map(|t| t.to_offset(self.settings.utc_offset))
            .and_then(|t| {
                t.format(time::macros::format_description!("[hour]:[minute]"))
                    .ok()
            })
            .unwrap_or_else(|| rfc3339.to_string())
    }

    /// "the sale of 12:04, 3,20 €" for a sale made now.
    pub fn sale_label_now(&self, total: rust_decimal::Decimal) -> String {
        let now = self.local_now();
        let time = format!("{:02}:{:02}", now.hour(), now.minute());
        self.settings.lang.ta(
            "sale-label",
            &[
                ("time", crate::i18n::s(time)),
                (
                    "total",
                    crate::i18n::s(crate::money::format_money(total, self.settings.money_style)),
                ),
            ],
        )
    }

    /// What the cashier knows a journaled request by, before (or without) its order number:
    /// "the sale of 12:04, 3,20 €", "the payment of 12:05, 10,00 €". Never its reference (a wire
    /// code, kept for the journal and the logs).
    pub fn sale_label(
        &self,
        created_at: &str,
        request: Option<&crate::journal::Request>,
    ) -> String {
        use crate::i18n::s;
        use crate::journal::Request;
        let l = self.settings.lang;
        let time = s(self.clock_time(created_at));
        let money = |d| s(crate::money::format_money(d, self.settings.money_style));
        match request {
            Some(Request::NewOrder(o)) => match self.parked_total(&o.lines) {
                Some(total) => l.ta("sale-label", &[("time", time), ("total", money(total))]),
                None => l.ta("sale-label-no-total", &[("time", time)]),
            },
            Some(Request::Payment(p)) => l.ta(
                "payment-label",
                &[("time", time), ("total", money(p.amount))],
            ),
            Some(Request::Edit(e)) => l.ta(
                "edit-label",
                &[("time", time), ("order", s(e.order_id.to_string()))],
            ),
            None => l.ta("sale-label-no-total", &[("time", time)]),
        }
    }

    pub fn table_title(&self, id: u64) -> String {
        self.lists
            .tables
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| format!("Table #{id}"), |t| t.title.clone())
    }
}
