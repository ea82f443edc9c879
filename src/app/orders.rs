//! Restaurant service and open orders: the order context of the sale (table, covers, pager,
//! delivery method, customer, comments), parking a sale as an open order, the open-orders list
//! kept fresh in the background, recalling an open order to add lines or to pay it (split
//! payments through `editOrder.php`), and refunds. State and update logic only; the screens are
//! in `ui::orders`.
//!
//! A validated order is never changed or deleted (French law on POS software): the screens
//! refuse to and say why; a correction is a refund, a new order with negative quantities.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea};
use rust_decimal::Decimal;
use time::OffsetDateTime;

use crate::kash::model::{Customer, OrderReceipt, PendingOrder};
use crate::kash::order::{CustomerRef, DeliveryMethod, Order, OrderEdit, Payment};
use crate::kash::{KashError, OrdersQuery};
use crate::money::{format_money, parse_decimal, round_cents};
use crate::pos::basket::{BasketLine, LineKind};

use super::effect::{Effect, Event, Services, blocking};
use super::keymap::{Action, Context};
use super::state::{App, Message, Mode, Severity};

/// The law, as the cashier reads it when trying to change a validated order.
pub const LAW: &str = "a validated order is never changed or deleted (French law on POS software): refund it instead (Ctrl-R)";

// ---------------------------------------------------------------- state

/// What goes with the sale besides its lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderContext {
    pub table_id: Option<u64>,
    pub covers: Option<u32>,
    pub pager: Option<u32>,
    pub delivery: Option<DeliveryMethod>,
    pub customer_id: Option<u64>,
    pub public_comment: String,
    pub private_comment: String,
}

impl OrderContext {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    fn from_pending(o: &PendingOrder) -> Self {
        Self {
            table_id: o.table_id.filter(|t| *t != 0),
            covers: o.covers.filter(|c| *c != 0),
            pager: o.pager.filter(|p| *p != 0),
            delivery: o.delivery_method.and_then(DeliveryMethod::from_code),
            customer_id: o.client_id.filter(|c| *c != 0),
            public_comment: o.public_comment.clone(),
            private_comment: o.private_comment.clone(),
        }
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

/// An open order brought back to the till: its lines are on the server (read-only here); new
/// lines are collected in the basket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recalled {
    pub order: PendingOrder,
    /// The context as recalled, to tell whether the cashier changed it.
    pub context_at_recall: OrderContext,
    /// Paid here since the last refresh that saw the order (the server's `paid` has the rest).
    pub unsynced_paid: Decimal,
    /// Payments recorded here, for the payment screen: (mode title, amount).
    pub payments: Vec<(String, Decimal)>,
    /// The last refresh no longer lists it: closed or paid on another terminal.
    pub gone: bool,
}

impl Recalled {
    pub fn total(&self) -> Decimal {
        self.order.price
    }

    pub fn paid(&self) -> Decimal {
        self.order.paid.unwrap_or(Decimal::ZERO) + self.unsynced_paid
    }

    /// What is still due (never below zero for a sale).
    pub fn due(&self) -> Decimal {
        let due = round_cents(self.total()) - round_cents(self.paid());
        if self.total() >= Decimal::ZERO {
            due.max(Decimal::ZERO)
        } else {
            due.min(Decimal::ZERO)
        }
    }

    pub fn label(&self) -> String {
        order_label(&self.order)
    }
}

/// "Order 12" by the shop's internal number when there is one, else by id.
pub fn order_label(o: &PendingOrder) -> String {
    if o.internal_id.is_empty() {
        format!("order {}", o.order_id)
    } else {
        format!("order {}", o.internal_id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrdersState {
    pub context: OrderContext,
    pub pending: PendingList,
    pub recalled: Option<Recalled>,
    /// The time of the last tick: ages are computed from it, never from the clock.
    pub now: Option<OffsetDateTime>,
    pub customers: Vec<Customer>,
    pub customers_requested: bool,
    /// `[sync] pending_refresh_secs`.
    pub refresh_secs: u64,
}

impl Default for OrdersState {
    fn default() -> Self {
        Self {
            context: OrderContext::default(),
            pending: PendingList::default(),
            recalled: None,
            now: None,
            customers: Vec::new(),
            customers_requested: false,
            refresh_secs: 10,
        }
    }
}

impl OrdersState {
    pub fn table_title(&self, app: &App, id: u64) -> String {
        app.lists
            .tables
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| format!("Table #{id}"), |t| t.title.clone())
    }

    pub fn customer_name(&self, id: u64) -> String {
        self.customers
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| format!("Customer #{id}"), Customer::display_name)
    }
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
        self.0.lines() == other.0.lines()
            && format!("{:?}", self.0.cursor()) == format!("{:?}", other.0.cursor())
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayState {
    pub selected: usize,
    /// The amount typed; empty pays what is due.
    pub amount: String,
    pub error: Option<String>,
    /// Paid in full: the change to give, if any.
    pub done: Option<Decimal>,
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrdersMode {
    Tables {
        selected: usize,
    },
    OpenOrders {
        selected: usize,
        table: Option<u64>,
    },
    Details(Box<DetailsState>),
    Pay(PayState),
    RefundOrders {
        orders: Vec<PendingOrder>,
        selected: usize,
        loading: bool,
        error: Option<String>,
    },
    RefundLines(RefundState),
    Sending {
        label: String,
        purpose: Purpose,
    },
}

impl OrdersMode {
    pub fn context(&self) -> Context {
        match self {
            Self::Tables { .. } => Context::Tables,
            Self::OpenOrders { .. } => Context::OpenOrders,
            Self::Details(_) => Context::OrderDetails,
            Self::Pay(_) => Context::OrderPay,
            Self::RefundOrders { .. } => Context::RefundOrders,
            Self::RefundLines(_) => Context::RefundLines,
            Self::Sending { .. } => Context::Sending,
        }
    }
}

// ---------------------------------------------------------------- effects and events

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderEffect {
    /// `webapp.php` with `payment=-2`.
    Park(Box<Order>),
    /// `editOrder.php`.
    Edit(Box<OrderEdit>),
    /// `getPending.php`.
    RefreshPending,
    /// `getClients.php`.
    LoadCustomers,
    /// `getOrders.php`, validated orders of the last week (to refund from).
    LoadValidated,
}

#[derive(Debug, Clone)]
pub enum OrderEvent {
    /// A parked order is in the journal; the sender delivers it.
    ParkRecorded(Result<String, String>),
    /// The runner's clock, every second.
    Tick(OffsetDateTime),
    /// Time for a background refresh of the open orders.
    RefreshDue,
    Edited(Result<OrderReceipt, KashError>),
    Pending {
        at: OffsetDateTime,
        result: Result<Vec<PendingOrder>, KashError>,
    },
    Customers(Result<Vec<Customer>, KashError>),
    Validated(Result<Vec<PendingOrder>, KashError>),
}

fn ev(e: OrderEvent) -> Event {
    Event::Orders(e)
}

/// Carries out one order effect.
pub async fn perform(services: &Services, effect: OrderEffect) -> Event {
    let client = &services.client;
    ev(match effect {
        OrderEffect::Park(order) => {
            // A parked order is a sale too: on disk first, then the sender delivers it.
            let result = blocking(&services.journal, move |j| j.record_sale(*order)).await;
            if result.is_ok() {
                services.wake();
            }
            OrderEvent::ParkRecorded(result.map(|e| e.reference))
        }
        OrderEffect::Edit(edit) => OrderEvent::Edited(client.edit_order(&edit).await),
        OrderEffect::RefreshPending => {
            let result = client.pending().await.map(|l| l.items);
            OrderEvent::Pending {
                at: OffsetDateTime::now_utc(),
                result,
            }
        }
        OrderEffect::LoadCustomers => {
            OrderEvent::Customers(client.clients().await.map(|l| l.items))
        }
        OrderEffect::LoadValidated => {
            let from = (OffsetDateTime::now_utc() - time::Duration::days(7)).date();
            let query = OrdersQuery {
                validated: Some(true),
                from: Some(from.to_string()),
                ..OrdersQuery::default()
            };
            OrderEvent::Validated(client.orders(&query).await.map(|l| l.items))
        }
    })
}

fn fx(e: OrderEffect) -> Effect {
    Effect::Orders(e)
}

// ---------------------------------------------------------------- helpers

fn say(app: &mut App, severity: Severity, text: impl Into<String>) {
    app.message = Some(Message {
        severity,
        text: text.into(),
    });
}

fn alert(app: &mut App, text: String) {
    app.alert = Some(text.clone());
    say(app, Severity::Error, text);
}

fn set_mode(app: &mut App, m: OrdersMode) {
    app.mode = Mode::Orders(Box::new(m));
}

/// Starts a refresh of the open orders unless one is under way.
pub fn refresh(app: &mut App) -> Vec<Effect> {
    if app.orders.pending.refreshing {
        return Vec::new();
    }
    app.orders.pending.refreshing = true;
    app.orders.pending.changed_meanwhile = false;
    let mut effects = vec![fx(OrderEffect::RefreshPending)];
    if !app.orders.customers_requested {
        app.orders.customers_requested = true;
        effects.push(fx(OrderEffect::LoadCustomers));
    }
    effects
}

/// Puts the order context on an order built from the basket.
pub fn apply_context(app: &App, order: &mut Order) {
    let c = &app.orders.context;
    order.table_id = c.table_id;
    order.covers = c.covers;
    order.pager = c.pager;
    order.delivery_method = c.delivery;
    order.customer = c.customer_id.map(CustomerRef::Existing);
    order.public_comment = Some(c.public_comment.clone()).filter(|s| !s.is_empty());
    order.private_comment = Some(c.private_comment.clone()).filter(|s| !s.is_empty());
}

/// A new sale: no basket, no context, no recalled order.
pub fn reset_sale(app: &mut App) {
    app.basket = Default::default();
    app.selected = None;
    app.last_changed = None;
    app.entry.clear();
    app.orders.context = OrderContext::default();
    app.orders.recalled = None;
}

/// The age of an order from its ISO 8601 date, at `now`.
pub fn age(date: &str, now: Option<OffsetDateTime>) -> Option<time::Duration> {
    let now = now?;
    let when = parse_date(date)?;
    Some(now - when)
}

pub fn parse_date(date: &str) -> Option<OffsetDateTime> {
    use time::format_description::well_known::{Iso8601, Rfc3339};
    let d = date.trim();
    OffsetDateTime::parse(d, &Rfc3339)
        .or_else(|_| OffsetDateTime::parse(d, &Iso8601::DEFAULT))
        .ok()
        .or_else(|| {
            // "2026-11-22 10:31:05", taken as UTC.
            let f =
                time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
            time::PrimitiveDateTime::parse(d, &f)
                .ok()
                .map(time::PrimitiveDateTime::assume_utc)
        })
}

/// "45 s", "12 min", "2 h 05".
pub fn format_age(d: time::Duration) -> String {
    let s = d.whole_seconds().max(0);
    if s < 60 {
        format!("{s} s")
    } else if s < 3600 {
        format!("{} min", s / 60)
    } else {
        format!("{} h {:02}", s / 3600, (s % 3600) / 60)
    }
}

/// What the screens say about the freshness of the list.
pub fn freshness(app: &App) -> (Severity, String) {
    let p = &app.orders.pending;
    let now = app.orders.now;
    let ago =
        |t: OffsetDateTime| now.map_or_else(String::new, |n| format!(" {} ago", format_age(n - t)));
    match (&p.error, p.refreshed_at) {
        (Some((why, _)), Some(at)) => (
            Severity::Warning,
            format!("List from{} — refresh failed: {why}", ago(at)),
        ),
        (Some((why, _)), None) => (Severity::Error, format!("Open orders not loaded: {why}")),
        (None, Some(at)) => (
            Severity::Info,
            format!(
                "Updated{}{}",
                ago(at),
                if p.refreshing { ", refreshing…" } else { "" }
            ),
        ),
        (None, None) => (Severity::Info, "Loading the open orders…".to_string()),
    }
}

/// The open orders shown, filtered by table.
pub fn visible_orders(app: &App, table: Option<u64>) -> Vec<&PendingOrder> {
    app.orders
        .pending
        .orders
        .iter()
        .filter(|o| table.is_none() || o.table_id == table)
        .collect()
}

/// The total the sale screen shows: the recalled order's plus its new lines.
pub fn sale_total(app: &App) -> Decimal {
    app.basket.total()
        + app
            .orders
            .recalled
            .as_ref()
            .map_or(Decimal::ZERO, Recalled::total)
}

fn edit_line(text: &mut String, key: &KeyEvent, digits_only: bool) {
    match key.code {
        KeyCode::Char(c) if !digits_only || c.is_ascii_digit() => text.push(c),
        KeyCode::Backspace => {
            text.pop();
        }
        _ => {}
    }
}

// ---------------------------------------------------------------- events

pub fn on_event(app: &mut App, event: OrderEvent) -> Vec<Effect> {
    match event {
        OrderEvent::Tick(now) => {
            app.orders.now = Some(now);
            Vec::new()
        }
        OrderEvent::RefreshDue => {
            if app.mode == Mode::Loading {
                Vec::new()
            } else {
                refresh(app)
            }
        }
        OrderEvent::Pending { at, result } => on_pending(app, at, result),
        OrderEvent::Customers(result) => {
            match result {
                Ok(list) => app.orders.customers = list,
                Err(e) => tracing::warn!(error = %e, "customers not loaded"),
            }
            Vec::new()
        }
        OrderEvent::ParkRecorded(result) => on_park_recorded(app, result),
        OrderEvent::Edited(result) => on_edited(app, result),
        OrderEvent::Validated(result) => {
            if let Mode::Orders(m) = &mut app.mode
                && let OrdersMode::RefundOrders {
                    orders,
                    loading,
                    error,
                    ..
                } = m.as_mut()
            {
                *loading = false;
                match result {
                    Ok(mut list) => {
                        // Newest first.
                        list.reverse();
                        *orders = list;
                    }
                    Err(e) => *error = Some(e.cashier_message()),
                }
            }
            Vec::new()
        }
    }
}

fn on_pending(
    app: &mut App,
    at: OffsetDateTime,
    result: Result<Vec<PendingOrder>, KashError>,
) -> Vec<Effect> {
    app.orders.pending.refreshing = false;
    if app.orders.now.is_none_or(|n| n < at) {
        app.orders.now = Some(at);
    }
    match result {
        Err(e) => {
            tracing::warn!(error = %e, "open orders not refreshed");
            app.orders.pending.error = Some((e.cashier_message(), at));
            Vec::new()
        }
        Ok(list) => {
            let stale = app.orders.pending.changed_meanwhile;
            app.orders.pending.orders = list;
            app.orders.pending.refreshed_at = Some(at);
            app.orders.pending.error = None;
            if stale {
                // The answer may predate a change made here: ask again.
                return refresh(app);
            }
            let mut warn = None;
            if let Some(r) = &mut app.orders.recalled {
                match app
                    .orders
                    .pending
                    .orders
                    .iter()
                    .find(|o| o.order_id == r.order.order_id)
                {
                    Some(fresh) => {
                        r.order = fresh.clone();
                        r.unsynced_paid = Decimal::ZERO;
                        r.gone = false;
                    }
                    None => {
                        if !r.gone && r.due() != Decimal::ZERO {
                            warn = Some(format!(
                                "{} is no longer open: it was closed or paid on another terminal",
                                r.label()
                            ));
                        }
                        r.gone = true;
                    }
                }
            }
            if let Some(w) = warn {
                say(app, Severity::Warning, capitalise(&w));
            }
            Vec::new()
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The parked order is safe on disk: the new sale starts at once; the order number comes when
/// the sender has delivered it (the open-orders list shows it after the next refresh).
fn on_park_recorded(app: &mut App, result: Result<String, String>) -> Vec<Effect> {
    match result {
        Ok(reference) => {
            let table = app
                .orders
                .context
                .table_id
                .map(|t| format!(" ({})", app.orders.table_title(app, t)))
                .unwrap_or_default();
            reset_sale(app);
            app.mode = Mode::Sale;
            app.queue_waiting += 1;
            say(
                app,
                Severity::Success,
                format!("Parked{table} as {reference}: new sale"),
            );
            app.orders.pending.changed_meanwhile = true;
            Vec::new()
        }
        Err(e) => {
            app.mode = Mode::Sale;
            alert(
                app,
                format!(
                    "Not parked: the local journal could not be written ({e}); the basket is kept"
                ),
            );
            Vec::new()
        }
    }
}

fn on_edited(app: &mut App, result: Result<OrderReceipt, KashError>) -> Vec<Effect> {
    let Mode::Orders(m) = app.mode.clone() else {
        return Vec::new();
    };
    let OrdersMode::Sending { purpose, .. } = *m else {
        return Vec::new();
    };
    let Some(label) = app.orders.recalled.as_ref().map(Recalled::label) else {
        app.mode = Mode::Sale;
        return Vec::new();
    };
    let label = capitalise(&label);
    let e = match result {
        Ok(_) => {
            app.orders.pending.changed_meanwhile = true;
            let mut effects = Vec::new();
            match purpose {
                Purpose::Park => {}
                Purpose::Send { then_pay } => {
                    merge_sent_lines(app);
                    if then_pay {
                        set_mode(app, OrdersMode::Pay(new_pay(0)));
                        say(app, Severity::Success, format!("{label} updated: now pay"));
                    } else {
                        reset_sale(app);
                        app.mode = Mode::Sale;
                        say(
                            app,
                            Severity::Success,
                            format!("{label} updated and kept open: new sale"),
                        );
                    }
                }
                Purpose::Validate => {
                    if let Some(r) = &mut app.orders.recalled {
                        r.order.validated = true;
                    }
                    set_mode(app, OrdersMode::Pay(new_pay(0)));
                    say(
                        app,
                        Severity::Success,
                        format!("{label} validated: record its payments"),
                    );
                }
                Purpose::Pay {
                    mode_title,
                    amount,
                    change,
                    mut state,
                } => {
                    let style = app.settings.money_style;
                    let due = if let Some(r) = &mut app.orders.recalled {
                        r.order.validated = true;
                        r.unsynced_paid += amount;
                        r.payments.push((mode_title.clone(), amount));
                        r.due()
                    } else {
                        Decimal::ZERO
                    };
                    state.amount.clear();
                    state.error = None;
                    if due.is_zero() {
                        state.done = Some(change.unwrap_or(Decimal::ZERO));
                        say(app, Severity::Success, format!("{label} paid in full"));
                    } else {
                        say(
                            app,
                            Severity::Success,
                            format!(
                                "{} by {mode_title}: still due {}",
                                format_money(amount, style),
                                format_money(due, style)
                            ),
                        );
                    }
                    set_mode(app, OrdersMode::Pay(state));
                }
            }
            effects.extend(refresh(app));
            return effects;
        }
        Err(e) => e,
    };
    let why = e.cashier_message();
    // editOrder has no idempotency key, and a payment on a validated order cannot carry our
    // reference: when the answer was lost the change may be on the server. Say so, and let the
    // refresh (below) show the server's paid total before anyone pays again.
    if e.outcome_unknown() {
        let text = format!(
            "{label}: the answer was lost ({why}); it may have been recorded. Check the open orders (refreshing now) before trying again"
        );
        match purpose {
            Purpose::Pay { mut state, .. } => {
                state.error = Some("Outcome unknown: see the message; refreshing".to_string());
                set_mode(app, OrdersMode::Pay(state));
                say(app, Severity::Warning, text);
            }
            _ => {
                app.mode = Mode::Sale;
                alert(app, text);
            }
        }
        return refresh(app);
    }
    match purpose {
        Purpose::Pay { mut state, .. } => {
            state.error = Some(format!("Not recorded: {why}"));
            set_mode(app, OrdersMode::Pay(state));
            say(
                app,
                Severity::Error,
                format!("{label}: payment not recorded"),
            );
        }
        Purpose::Validate => {
            let mut state = new_pay(0);
            state.error = Some(format!("Not validated: {why}"));
            set_mode(app, OrdersMode::Pay(state));
            say(app, Severity::Error, format!("{label} not validated"));
        }
        Purpose::Send { .. } | Purpose::Park => {
            app.mode = Mode::Sale;
            alert(
                app,
                format!("{label} not changed: {why} (what you typed is kept)"),
            );
        }
    }
    refresh(app)
}

fn new_pay(selected: usize) -> PayState {
    PayState {
        selected,
        amount: String::new(),
        error: None,
        done: None,
    }
}

/// After a successful send: the basket's lines are now the order's.
fn merge_sent_lines(app: &mut App) {
    let lines = std::mem::take(&mut app.basket.lines);
    let context = app.orders.context.clone();
    if let Some(r) = &mut app.orders.recalled {
        for l in &lines {
            let id = match l.kind {
                LineKind::Item { id } => id,
                _ => 0,
            };
            r.order.price += l.total();
            r.order.items.push(crate::kash::model::OrderLine {
                id,
                title: l.display_title(),
                quantity: l.quantity,
                price: l.effective_unit_price(),
                declinaisons: l.variations.iter().map(|(v, _)| *v).collect(),
            });
        }
        r.context_at_recall = context;
    }
    app.selected = None;
    app.last_changed = None;
}

// ---------------------------------------------------------------- the sale screen's new keys

/// The sale screen's order keys; `None` leaves the key to the sale screen.
pub fn sale_action(app: &mut App, action: Option<Action>) -> Option<Vec<Effect>> {
    let recalled = app.orders.recalled.is_some();
    Some(match action? {
        Action::OpenTables => {
            if app.lists.tables.is_empty() {
                say(app, Severity::Warning, "No tables in this shop");
                return Some(Vec::new());
            }
            let selected = app
                .orders
                .context
                .table_id
                .and_then(|t| app.lists.tables.iter().position(|x| x.id == t))
                .unwrap_or(0);
            set_mode(app, OrdersMode::Tables { selected });
            refresh(app)
        }
        Action::OpenOrders => {
            set_mode(
                app,
                OrdersMode::OpenOrders {
                    selected: 0,
                    table: None,
                },
            );
            refresh(app)
        }
        Action::OrderDetails => {
            if let Some(r) = &app.orders.recalled
                && r.order.validated
            {
                let text = format!("{} cannot be changed: {LAW}", capitalise(&r.label()));
                alert(app, text);
                return Some(Vec::new());
            }
            let c = &app.orders.context;
            let state = DetailsState {
                field: 0,
                covers: c.covers.map(|n| n.to_string()).unwrap_or_default(),
                pager: c.pager.map(|n| n.to_string()).unwrap_or_default(),
                delivery: c.delivery,
                customer_id: c.customer_id,
                public_comment: Comment::new(&c.public_comment),
                private_comment: Comment::new(&c.private_comment),
                error: None,
            };
            set_mode(app, OrdersMode::Details(Box::new(state)));
            Vec::new()
        }
        Action::Park => park(app),
        Action::Refund => refund_key(app),
        Action::PayWith(n) if recalled => open_pay(app, usize::from(n)),
        Action::OpenPayment if recalled => open_pay(app, 0),
        Action::ClearBasket
            if app.basket.is_empty() && (recalled || !app.orders.context.is_empty()) =>
        {
            let text = match &app.orders.recalled {
                Some(r) => format!("Left {} (still on the server): new sale", r.label()),
                None => "Order details cleared".to_string(),
            };
            reset_sale(app);
            say(app, Severity::Info, text);
            Vec::new()
        }
        _ => return None,
    })
}

/// Whether the recalled order would be changed by a send.
fn has_changes(app: &App) -> bool {
    app.orders
        .recalled
        .as_ref()
        .is_some_and(|r| !app.basket.is_empty() || app.orders.context != r.context_at_recall)
}

/// The `editOrder.php` request for the recalled order's new lines and details.
fn edit_request(
    app: &App,
    payment: Payment,
    amount: Option<Decimal>,
    with_changes: bool,
) -> Option<OrderEdit> {
    let r = app.orders.recalled.as_ref()?;
    let mut changes = Order::new(payment);
    if with_changes {
        // A payment alone carries no user or till: on a validated order they count as changes.
        changes.user_id = app.settings.user_id;
        changes.cashbox_id = app.settings.cashbox_id;
        changes.lines = app.basket.entries(app.settings.money_style);
        let c = &app.orders.context;
        let was = &r.context_at_recall;
        // Send only what changed: a field left alone stays as another terminal may have set it.
        if c.table_id != was.table_id {
            changes.table_id = c.table_id;
        }
        if c.covers != was.covers {
            changes.covers = c.covers;
        }
        if c.pager != was.pager {
            changes.pager = c.pager;
        }
        if c.delivery != was.delivery {
            changes.delivery_method = c.delivery;
        }
        if c.customer_id != was.customer_id {
            changes.customer = c.customer_id.map(CustomerRef::Existing);
        }
        if c.public_comment != was.public_comment {
            changes.public_comment = Some(c.public_comment.clone());
        }
        if c.private_comment != was.private_comment {
            changes.private_comment = Some(c.private_comment.clone());
        }
    }
    Some(OrderEdit {
        order_id: r.order.order_id,
        changes,
        payment_amount: amount,
    })
}

fn sending(app: &mut App, label: String, purpose: Purpose, effect: OrderEffect) -> Vec<Effect> {
    say(app, Severity::Info, format!("{label}…"));
    set_mode(app, OrdersMode::Sending { label, purpose });
    vec![fx(effect)]
}

fn refuse_validated(app: &mut App) -> bool {
    if let Some(r) = &app.orders.recalled
        && r.order.validated
        && has_changes(app)
    {
        let text = format!(
            "{} is validated: its lines and details cannot be changed — {LAW}. The new lines stay in the basket.",
            capitalise(&r.label())
        );
        alert(app, text);
        return true;
    }
    false
}

fn park(app: &mut App) -> Vec<Effect> {
    if let Some(r) = app.orders.recalled.clone() {
        if refuse_validated(app) {
            return Vec::new();
        }
        if !has_changes(app) {
            reset_sale(app);
            say(
                app,
                Severity::Info,
                format!("{} left open, unchanged: new sale", capitalise(&r.label())),
            );
            return Vec::new();
        }
        let Some(edit) = edit_request(app, Payment::Open, None, true) else {
            return Vec::new();
        };
        return sending(
            app,
            format!("Sending to {}", r.label()),
            Purpose::Send { then_pay: false },
            OrderEffect::Edit(Box::new(edit)),
        );
    }
    if app.basket.is_empty() {
        say(
            app,
            Severity::Warning,
            "The basket is empty: nothing to park",
        );
        return Vec::new();
    }
    let order = super::update::build_order(app, Payment::Open);
    sending(
        app,
        "Parking the order".to_string(),
        Purpose::Park,
        OrderEffect::Park(Box::new(order)),
    )
}

fn open_pay(app: &mut App, selected: usize) -> Vec<Effect> {
    if has_changes(app) {
        if refuse_validated(app) {
            return Vec::new();
        }
        let Some(edit) = edit_request(app, Payment::Open, None, true) else {
            return Vec::new();
        };
        let label = app
            .orders
            .recalled
            .as_ref()
            .map(Recalled::label)
            .unwrap_or_default();
        return sending(
            app,
            format!("Sending the new lines to {label}"),
            Purpose::Send { then_pay: true },
            OrderEffect::Edit(Box::new(edit)),
        );
    }
    let n = app.lists.payment_modes.len();
    set_mode(
        app,
        OrdersMode::Pay(new_pay(selected.min(n.saturating_sub(1)))),
    );
    Vec::new()
}

// ---------------------------------------------------------------- keys of the new modes

pub fn on_key(
    app: &mut App,
    mode: OrdersMode,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    match mode {
        OrdersMode::Tables { selected } => tables_key(app, selected, action),
        OrdersMode::OpenOrders { selected, table } => open_orders_key(app, selected, table, action),
        OrdersMode::Details(state) => details_key(app, *state, action, key),
        OrdersMode::Pay(state) => pay_key(app, state, action, key),
        OrdersMode::RefundOrders {
            orders,
            selected,
            loading,
            error,
        } => refund_orders_key(app, orders, selected, loading, error, action),
        OrdersMode::RefundLines(state) => refund_lines_key(app, state, action),
        OrdersMode::Sending { .. } => {
            if action == Some(Action::Quit) {
                app.quit = true;
            } else {
                say(app, Severity::Info, "Sending… wait for the answer");
            }
            Vec::new()
        }
    }
}

fn tables_key(app: &mut App, selected: usize, action: Option<Action>) -> Vec<Effect> {
    let n = app.lists.tables.len();
    match action {
        Some(Action::Up) => set_mode(
            app,
            OrdersMode::Tables {
                selected: selected.saturating_sub(1),
            },
        ),
        Some(Action::Down) => set_mode(
            app,
            OrdersMode::Tables {
                selected: (selected + 1).min(n.saturating_sub(1)),
            },
        ),
        Some(Action::Accept) => {
            if let Some(t) = app.lists.tables.get(selected).cloned() {
                app.orders.context.table_id = Some(t.id);
                let open = visible_orders(app, Some(t.id)).len();
                let text = if open > 0 {
                    format!("{}: {open} open order(s) there — Ctrl-O to recall", t.title)
                } else {
                    t.title.clone()
                };
                say(app, Severity::Info, text);
            }
            app.mode = Mode::Sale;
        }
        Some(Action::RemoveLine) => {
            app.orders.context.table_id = None;
            say(app, Severity::Info, "No table");
            app.mode = Mode::Sale;
        }
        Some(Action::OpenOrders) => {
            let table = app.lists.tables.get(selected).map(|t| t.id);
            set_mode(app, OrdersMode::OpenOrders { selected: 0, table });
        }
        Some(Action::Cancel) => app.mode = Mode::Sale,
        _ => {}
    }
    Vec::new()
}

fn open_orders_key(
    app: &mut App,
    selected: usize,
    table: Option<u64>,
    action: Option<Action>,
) -> Vec<Effect> {
    let n = visible_orders(app, table).len();
    let mut selected = selected.min(n.saturating_sub(1));
    let mut table = table;
    let mut effects = Vec::new();
    match action {
        Some(Action::Up) => selected = selected.saturating_sub(1),
        Some(Action::Down) => selected = (selected + 1).min(n.saturating_sub(1)),
        Some(Action::FilterTable) => {
            let ids: Vec<u64> = app.lists.tables.iter().map(|t| t.id).collect();
            table = match table.and_then(|t| ids.iter().position(|x| *x == t)) {
                None => ids.first().copied(),
                Some(i) => ids.get(i + 1).copied(),
            };
            selected = 0;
        }
        Some(Action::Refresh) => {
            effects = refresh(app);
            if effects.is_empty() {
                say(app, Severity::Info, "A refresh is already under way");
            }
        }
        Some(Action::RemoveLine) => {
            if let Some(o) = visible_orders(app, table).get(selected) {
                let text = if o.validated {
                    format!("{} is validated: {LAW}", capitalise(&order_label(o)))
                } else {
                    format!(
                        "{} stays open: recall it (Enter) to pay it or add to it; orders are never deleted from the till",
                        capitalise(&order_label(o))
                    )
                };
                say(app, Severity::Warning, text);
            }
        }
        Some(Action::Accept) => {
            let Some(order) = visible_orders(app, table)
                .get(selected)
                .map(|o| (*o).clone())
            else {
                say(app, Severity::Warning, "No open order to recall");
                return Vec::new();
            };
            return recall(app, order);
        }
        Some(Action::Cancel) => {
            app.mode = Mode::Sale;
            return Vec::new();
        }
        _ => {}
    }
    set_mode(app, OrdersMode::OpenOrders { selected, table });
    effects
}

fn recall(app: &mut App, order: PendingOrder) -> Vec<Effect> {
    if !app.basket.is_empty() {
        say(
            app,
            Severity::Warning,
            "Park (Ctrl-P) or clear (Ctrl-N) the current sale before recalling an order",
        );
        return Vec::new();
    }
    let context = OrderContext::from_pending(&order);
    let validated = order.validated;
    let r = Recalled {
        order,
        context_at_recall: context.clone(),
        unsynced_paid: Decimal::ZERO,
        payments: Vec::new(),
        gone: false,
    };
    let label = capitalise(&r.label());
    app.orders.context = context;
    app.orders.recalled = Some(r);
    app.mode = Mode::Sale;
    let text = if validated {
        format!("{label} recalled; it is validated: F9 records its payments")
    } else {
        format!("{label} recalled: add lines, Ctrl-P sends them and keeps it open, F9 pays")
    };
    say(app, Severity::Info, text);
    Vec::new()
}

fn details_key(
    app: &mut App,
    mut s: DetailsState,
    action: Option<Action>,
    key: KeyEvent,
) -> Vec<Effect> {
    let n = DETAIL_FIELDS.len();
    let in_comment = s.field >= FIELD_PUBLIC;
    match action {
        Some(Action::NextField) => s.field = (s.field + 1) % n,
        Some(Action::PrevField) => s.field = (s.field + n - 1) % n,
        Some(Action::Cancel) => {
            app.mode = Mode::Sale;
            return Vec::new();
        }
        Some(Action::Accept) if !in_comment => return apply_details(app, s),
        Some(Action::Apply) => return apply_details(app, s),
        Some(Action::Left | Action::Right) if !in_comment => {
            let forward = action == Some(Action::Right);
            match s.field {
                2 => s.delivery = cycle_delivery(s.delivery, forward),
                3 => {
                    let ids: Vec<u64> = app.orders.customers.iter().map(|c| c.id).collect();
                    if ids.is_empty() {
                        s.error = Some("No customers loaded from the shop".to_string());
                    } else {
                        s.customer_id = cycle(&ids, s.customer_id, forward);
                    }
                }
                _ => {}
            }
        }
        _ => {
            s.error = None;
            match s.field {
                0 => edit_line(&mut s.covers, &key, true),
                1 => edit_line(&mut s.pager, &key, true),
                FIELD_PUBLIC => {
                    s.public_comment.0.input(key);
                }
                FIELD_PRIVATE => {
                    s.private_comment.0.input(key);
                }
                _ => {}
            }
        }
    }
    set_mode(app, OrdersMode::Details(Box::new(s)));
    Vec::new()
}

fn cycle<T: Copy + PartialEq>(all: &[T], current: Option<T>, forward: bool) -> Option<T> {
    // None, then each in order, then None again.
    let pos = current.and_then(|c| all.iter().position(|x| *x == c));
    let next: Option<usize> = match (pos, forward) {
        (None, true) => Some(0),
        (None, false) => all.len().checked_sub(1),
        (Some(i), true) => (i + 1 < all.len()).then_some(i + 1),
        (Some(i), false) => i.checked_sub(1),
    };
    next.and_then(|i| all.get(i).copied())
}

fn cycle_delivery(d: Option<DeliveryMethod>, forward: bool) -> Option<DeliveryMethod> {
    cycle(&DeliveryMethod::ALL, d, forward)
}

fn apply_details(app: &mut App, mut s: DetailsState) -> Vec<Effect> {
    let number = |text: &str, what: &str| -> Result<Option<u32>, String> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<u32>()
            .map(Some)
            .map_err(|_| format!("{what} {t:?} is not a number"))
    };
    let parsed = number(&s.covers, "Covers").and_then(|c| Ok((c, number(&s.pager, "Pager")?)));
    let (covers, pager) = match parsed {
        Ok(v) => v,
        Err(e) => {
            s.error = Some(e);
            set_mode(app, OrdersMode::Details(Box::new(s)));
            return Vec::new();
        }
    };
    let c = &mut app.orders.context;
    c.covers = covers.filter(|n| *n > 0);
    c.pager = pager.filter(|n| *n > 0);
    c.delivery = s.delivery;
    c.customer_id = s.customer_id;
    c.public_comment = s.public_comment.text();
    c.private_comment = s.private_comment.text();
    app.mode = Mode::Sale;
    let text = if app.orders.recalled.is_some() {
        "Order details set: Ctrl-P sends them"
    } else {
        "Order details set"
    };
    say(app, Severity::Info, text);
    Vec::new()
}

fn pay_key(app: &mut App, mut s: PayState, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    if let Some(change) = s.done {
        let _ = change;
        // Paid in full: any key goes on to a new sale.
        reset_sale(app);
        app.mode = Mode::Sale;
        app.message = None;
        return Vec::new();
    }
    let n = app.lists.payment_modes.len();
    match action {
        Some(Action::Up) => s.selected = s.selected.saturating_sub(1),
        Some(Action::Down) => s.selected = (s.selected + 1).min(n.saturating_sub(1)),
        Some(Action::PayWith(i)) => return tender(app, s, usize::from(i)),
        Some(Action::Accept) => {
            let i = s.selected;
            return tender(app, s, i);
        }
        Some(Action::ValidateUnpaid) => {
            let Some(r) = &app.orders.recalled else {
                return Vec::new();
            };
            if r.order.validated {
                s.error = Some(format!("{} is already validated", capitalise(&r.label())));
            } else if let Some(edit) = edit_request(app, Payment::Validated, None, false) {
                let label = format!("Validating {}", r.label());
                return sending(
                    app,
                    label,
                    Purpose::Validate,
                    OrderEffect::Edit(Box::new(edit)),
                );
            }
        }
        Some(Action::Cancel) => {
            app.mode = Mode::Sale;
            return Vec::new();
        }
        _ => {
            if super::update::edit_amount(&mut s.amount, &key) {
                s.error = None;
            }
        }
    }
    set_mode(app, OrdersMode::Pay(s));
    Vec::new()
}

fn tender(app: &mut App, mut s: PayState, index: usize) -> Vec<Effect> {
    let style = app.settings.money_style;
    let Some(r) = app.orders.recalled.clone() else {
        app.mode = Mode::Sale;
        return Vec::new();
    };
    let Some(mode) = app.lists.payment_modes.get(index).cloned() else {
        s.error = Some(format!("No payment mode {}", index + 1));
        set_mode(app, OrdersMode::Pay(s));
        return Vec::new();
    };
    s.selected = index;
    let due = r.due();
    let refund = r.total() < Decimal::ZERO;
    let typed = s.amount.trim().to_string();
    let amount = if typed.is_empty() {
        due
    } else {
        match parse_decimal(&typed) {
            Some(a) => round_cents(a),
            None => {
                s.error = Some(format!("{typed:?} is not an amount"));
                set_mode(app, OrdersMode::Pay(s));
                return Vec::new();
            }
        }
    };
    let check = || -> Result<(Decimal, Option<Decimal>), String> {
        if due.is_zero() {
            return Err("Nothing is due".to_string());
        }
        if refund != mode.is_refund() {
            return Err(if refund {
                format!(
                    "Refund order: pay it out with a refund mode, not {}",
                    mode.title
                )
            } else {
                format!("{} is a refund mode", mode.title)
            });
        }
        if refund {
            return Ok((due, None));
        }
        if amount <= Decimal::ZERO {
            return Err("The amount must be above zero".to_string());
        }
        let (send, change) = if amount > due {
            if !mode.is_cash() {
                return Err(format!(
                    "{} cannot take more than what is due ({})",
                    mode.title,
                    format_money(due, style)
                ));
            }
            (due, Some(amount - due))
        } else {
            (amount, None)
        };
        if let Some(min) = mode.minimum_amount
            && send < min
        {
            return Err(format!(
                "{} needs at least {}",
                mode.title,
                format_money(min, style)
            ));
        }
        if let Some(max) = mode.maximum_amount
            && send > max
        {
            return Err(format!(
                "{} takes at most {}: type the amount for it",
                mode.title,
                format_money(max, style)
            ));
        }
        Ok((send, change))
    };
    let (send, change) = match check() {
        Ok(v) => v,
        Err(e) => {
            s.error = Some(e);
            set_mode(app, OrdersMode::Pay(s));
            return Vec::new();
        }
    };
    let Some(edit) = edit_request(app, Payment::Mode(mode.id), Some(send), false) else {
        return Vec::new();
    };
    let label = format!("Recording {} by {}", format_money(send, style), mode.title);
    sending(
        app,
        label,
        Purpose::Pay {
            mode_title: mode.title.clone(),
            amount: send,
            change,
            state: s,
        },
        OrderEffect::Edit(Box::new(edit)),
    )
}

// ---------------------------------------------------------------- refunds

fn refund_key(app: &mut App) -> Vec<Effect> {
    if app.orders.recalled.is_some() {
        say(
            app,
            Severity::Warning,
            "Leave the recalled order first (Ctrl-N), then Ctrl-R",
        );
        return Vec::new();
    }
    if !app.basket.is_empty() {
        for l in &mut app.basket.lines {
            l.quantity = -l.quantity;
        }
        let text = if app.basket.total() < Decimal::ZERO {
            "Refund: quantities made negative — pay it out with a refund mode (Ctrl-R again undoes)"
        } else {
            "Quantities made positive again: a sale"
        };
        say(app, Severity::Info, text);
        return Vec::new();
    }
    set_mode(
        app,
        OrdersMode::RefundOrders {
            orders: Vec::new(),
            selected: 0,
            loading: true,
            error: None,
        },
    );
    vec![fx(OrderEffect::LoadValidated)]
}

fn refund_orders_key(
    app: &mut App,
    orders: Vec<PendingOrder>,
    mut selected: usize,
    loading: bool,
    error: Option<String>,
    action: Option<Action>,
) -> Vec<Effect> {
    let n = orders.len();
    match action {
        Some(Action::Up) => selected = selected.saturating_sub(1),
        Some(Action::Down) => selected = (selected + 1).min(n.saturating_sub(1)),
        Some(Action::Accept) => {
            if let Some(o) = orders.get(selected) {
                let state = RefundState {
                    quantities: o
                        .items
                        .iter()
                        .map(|l| l.quantity.max(Decimal::ZERO))
                        .collect(),
                    order: o.clone(),
                    selected: 0,
                };
                set_mode(app, OrdersMode::RefundLines(state));
                return Vec::new();
            }
        }
        Some(Action::Cancel) => {
            app.mode = Mode::Sale;
            return Vec::new();
        }
        _ => {}
    }
    set_mode(
        app,
        OrdersMode::RefundOrders {
            orders,
            selected,
            loading,
            error,
        },
    );
    Vec::new()
}

fn refund_lines_key(app: &mut App, mut s: RefundState, action: Option<Action>) -> Vec<Effect> {
    let n = s.order.items.len();
    match action {
        Some(Action::Up) => s.selected = s.selected.saturating_sub(1),
        Some(Action::Down) => s.selected = (s.selected + 1).min(n.saturating_sub(1)),
        Some(Action::QuantityPlus | Action::QuantityMinus) => {
            if let (Some(q), Some(line)) = (
                s.quantities.get_mut(s.selected),
                s.order.items.get(s.selected),
            ) {
                let step = if action == Some(Action::QuantityPlus) {
                    Decimal::ONE
                } else {
                    Decimal::NEGATIVE_ONE
                };
                *q = (*q + step)
                    .max(Decimal::ZERO)
                    .min(line.quantity.max(Decimal::ZERO));
            }
        }
        Some(Action::RemoveLine) => {
            if let Some(q) = s.quantities.get_mut(s.selected) {
                *q = Decimal::ZERO;
            }
        }
        Some(Action::Accept) => return start_refund(app, &s),
        Some(Action::Cancel) => {
            app.mode = Mode::Sale;
            return Vec::new();
        }
        _ => {}
    }
    set_mode(app, OrdersMode::RefundLines(s));
    Vec::new()
}

fn start_refund(app: &mut App, s: &RefundState) -> Vec<Effect> {
    let mut lines = Vec::new();
    for (l, q) in s.order.items.iter().zip(&s.quantities) {
        if q.is_zero() {
            continue;
        }
        lines.push(BasketLine {
            kind: if l.id == 0 {
                LineKind::Free
            } else {
                LineKind::Item { id: l.id }
            },
            title: l.title.clone(),
            quantity: -*q,
            unit_price: l.price,
            // The price and title as sold, not as the catalog has them today.
            price_overridden: true,
            title_overridden: true,
            variations: Vec::new(),
            discount: None,
            note: None,
        });
    }
    if lines.is_empty() {
        say(
            app,
            Severity::Warning,
            "Nothing to refund: every quantity is 0",
        );
        set_mode(app, OrdersMode::RefundLines(s.clone()));
        return Vec::new();
    }
    reset_sale(app);
    for l in lines {
        app.basket.lines.push(l);
    }
    app.orders.context.customer_id = s.order.client_id.filter(|c| *c != 0);
    app.orders.context.private_comment = format!("Refund of {}", order_label(&s.order));
    app.mode = Mode::Sale;
    let refund_key = app
        .lists
        .payment_modes
        .iter()
        .take(8)
        .position(|m| m.is_refund())
        .map(|i| format!(" (F{})", i + 1))
        .unwrap_or_default();
    say(
        app,
        Severity::Info,
        format!(
            "Refund of {}: pay it out with a refund mode{refund_key}",
            order_label(&s.order)
        ),
    );
    Vec::new()
}
