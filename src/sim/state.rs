//! The simulator's shop state and its rules: recording orders (`webapp.php`), changing them and
//! recording payments (`editOrder.php`), and the customer file (`addClient`, `editClient`,
//! `delClient`). Every request is checked completely before anything changes, so a refused
//! request leaves the shop as it was.

use rust_decimal::Decimal;
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use super::shop::Catalog;
use crate::kash::json::value_to_bool;
use crate::kash::model::{Customer, OrderLine, PendingOrder};
use crate::kash::order::{CustomerData, CustomerField, ItemsListEntry, NewCustomer, Payment};
use crate::money::{parse_decimal, round_cents, wire_price};

/// The first order id, as in the vendor's examples.
pub const FIRST_ORDER_ID: u64 = 17_724_460;

/// The user the API uses (and creates) when a request names none.
pub const WEBSERVICE_USER: &str = "webservice";

/// Bounds on what a line may say, so that no sum of amounts can overflow a `Decimal` (its
/// arithmetic panics on overflow) and amounts keep the precision the reference documents.
const MAX_QUANTITY: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
const MAX_PRICE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

fn check_bounds(entry: &ItemsListEntry) -> Result<(), String> {
    let (quantity, price) = match entry {
        ItemsListEntry::Item {
            quantity, price, ..
        } => (*quantity, *price),
        ItemsListEntry::Department { price, .. } | ItemsListEntry::Free { price, .. } => {
            (Decimal::ONE, Some(*price))
        }
    };
    if quantity.abs() > MAX_QUANTITY || quantity.normalize().scale() > 3 {
        return Err(format!(
            "quantity {quantity} is out of range (at most {MAX_QUANTITY}, 3 decimals)"
        ));
    }
    if let Some(p) = price
        && (p.abs() > MAX_PRICE || p.normalize().scale() > 2)
    {
        return Err(format!(
            "price {p} is out of range (at most {MAX_PRICE}, 2 decimals)"
        ));
    }
    Ok(())
}

/// What an order line was recorded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A catalog item (its id).
    Item(u64),
    /// A free line attached to a department (its id).
    Department(u64),
    /// A free line.
    Free,
}

/// One recorded line, with its unit price resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimLine {
    pub kind: LineKind,
    /// The item's department, or the department of a department line.
    pub department_id: Option<u64>,
    pub title: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    /// The variation choice ids of the line.
    pub variation_ids: Vec<u64>,
}

impl SimLine {
    pub fn item_id(&self) -> Option<u64> {
        match self.kind {
            LineKind::Item(id) => Some(id),
            _ => None,
        }
    }

    /// Quantity × unit price, rounded to cents.
    pub fn total(&self) -> Decimal {
        round_cents(self.quantity * self.unit_price)
    }
}

/// An order as the simulator recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimOrder {
    pub id: u64,
    pub internal_id: String,
    /// ISO 8601, local time with its offset (UTC where the local offset is unknown).
    pub date: String,
    pub created: OffsetDateTime,
    pub lines: Vec<SimLine>,
    pub validated: bool,
    /// Fully paid, or closed by another terminal: no longer in `getPending.php`.
    pub closed: bool,
    /// (payment mode id, amount), in the order they were recorded.
    pub payments: Vec<(u64, Decimal)>,
    pub customer_id: Option<u64>,
    pub table_id: Option<u64>,
    pub covers: Option<u32>,
    pub pager: Option<u32>,
    pub delivery_method: Option<u8>,
    pub public_comment: String,
    pub private_comment: String,
    pub user_id: u64,
    pub cashbox_id: Option<u64>,
}

impl SimOrder {
    pub fn total(&self) -> Decimal {
        self.lines.iter().map(SimLine::total).sum()
    }

    pub fn paid(&self) -> Decimal {
        self.payments.iter().map(|(_, a)| *a).sum()
    }

    /// What is still due (negative for a refund still to pay out).
    pub fn remaining(&self) -> Decimal {
        self.total() - self.paid()
    }

    /// Validated and paid in full (for a refund: paid out in full).
    pub fn is_paid(&self) -> bool {
        let remaining = self.remaining();
        self.validated
            && if self.total() >= Decimal::ZERO {
                remaining <= Decimal::ZERO
            } else {
                remaining >= Decimal::ZERO
            }
    }

    /// The element shape of `getPending.php` / `getOrders.php`, plus `validated` and `paid`.
    pub fn to_wire(&self) -> Value {
        let pending = PendingOrder {
            order_id: self.id,
            internal_id: self.internal_id.clone(),
            price: self.total(),
            date: self.date.clone(),
            client_id: self.customer_id,
            cashbox_id: self.cashbox_id,
            table_id: self.table_id,
            covers: self.covers,
            delivery_method: self.delivery_method,
            pager: self.pager,
            public_comment: self.public_comment.clone(),
            private_comment: self.private_comment.clone(),
            items: self
                .lines
                .iter()
                .map(|l| OrderLine {
                    id: l.item_id().unwrap_or(0),
                    title: l.title.clone(),
                    quantity: l.quantity,
                    price: l.unit_price,
                    declinaisons: l.variation_ids.clone(),
                })
                .collect(),
            validated: self.validated,
            paid: Some(self.paid()),
            unreadable_lines: 0,
        };
        let mut v = serde_json::to_value(&pending).unwrap_or(Value::Null);
        if let Value::Object(o) = &mut v {
            // Always present, even when false (the model skips a false flag).
            o.insert("validated".to_string(), Value::Bool(self.validated));
            o.insert("paid".to_string(), Value::String(wire_price(self.paid())));
            o.insert("userID".to_string(), Value::from(self.user_id));
            if let Some(Value::Array(lines)) = o.get_mut("items") {
                for (wire, line) in lines.iter_mut().zip(&self.lines) {
                    if let Value::Object(l) = wire {
                        l.insert(
                            "deptID".to_string(),
                            line.department_id.map_or(Value::Null, Value::from),
                        );
                    }
                }
            }
        }
        v
    }
}

/// The fields of a request, in the order they came (query first, then the form body).
#[derive(Debug, Clone, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// The first non-empty value among `names`, trimmed.
    pub fn get(&self, names: &[&str]) -> Option<&str> {
        names.iter().find_map(|n| {
            self.0
                .iter()
                .find(|(k, v)| k == n && !v.trim().is_empty())
                .map(|(_, v)| v.trim())
        })
    }

    /// Every `itemsList[]` line (also `itemsList` and `itemsList[N]`, which form encoders send).
    pub fn items_list(&self) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| {
                k == "itemsList"
                    || k.strip_prefix("itemsList[")
                        .is_some_and(|r| r.ends_with(']'))
            })
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// An optional id: absent, empty, `0` or `-1` mean none; anything else must be a number.
    pub fn opt_id(&self, names: &[&str]) -> Result<Option<u64>, String> {
        match self.get(names) {
            None | Some("0" | "-1") => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| format!("{} must be a number, not {v:?}", names[0])),
        }
    }

    fn opt_small(&self, name: &str) -> Result<Option<u32>, String> {
        match self.get(&[name]) {
            None => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| format!("{name} must be a whole number, not {v:?}")),
        }
    }

    fn opt_text(&self, name: &str) -> Option<String> {
        // A comment may be set to empty: present-but-empty is a change.
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
    }
}

/// Who an order is for, as a request names it.
#[derive(Debug, Clone)]
enum CustomerChoice {
    Existing(u64),
    New(Box<NewCustomer>),
}

/// A request to create or change an order, checked against the catalog but not yet applied.
#[derive(Debug, Clone)]
struct Changes {
    lines: Vec<SimLine>,
    payment: Payment,
    payment_amount: Option<Decimal>,
    user_id: Option<u64>,
    customer: Option<CustomerChoice>,
    table_id: Option<u64>,
    cashbox_id: Option<u64>,
    covers: Option<u32>,
    pager: Option<u32>,
    delivery_method: Option<u8>,
    public_comment: Option<String>,
    private_comment: Option<String>,
}

impl Changes {
    /// True when the request changes more than the payment state.
    fn touches_order(&self) -> bool {
        !self.lines.is_empty()
            || self.user_id.is_some()
            || self.customer.is_some()
            || self.table_id.is_some()
            || self.cashbox_id.is_some()
            || self.covers.is_some()
            || self.pager.is_some()
            || self.delivery_method.is_some()
            || self.public_comment.is_some()
            || self.private_comment.is_some()
    }
}

/// The answer to a recorded order: its id, and whether it is validated and paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub order_id: u64,
    pub validated: bool,
    pub paid: bool,
}

/// The shop: catalog, orders and counters.
#[derive(Debug, Clone)]
pub struct ShopState {
    pub catalog: Catalog,
    pub orders: Vec<SimOrder>,
    /// How far the server's clock is from the true time (a server variant).
    pub clock_offset: time::Duration,
    next_order_id: u64,
    next_internal_id: u64,
}

/// The local offset, read once: the `time` crate cannot read it safely once other threads run,
/// and then UTC is used.
pub fn local_offset() -> UtcOffset {
    static OFFSET: std::sync::OnceLock<UtcOffset> = std::sync::OnceLock::new();
    *OFFSET.get_or_init(|| UtcOffset::current_local_offset().unwrap_or(UtcOffset::UTC))
}

/// Now, in local time, to the second.
pub fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc().to_offset(local_offset());
    now.replace_nanosecond(0).unwrap_or(now)
}

impl ShopState {
    pub fn new(catalog: Catalog) -> Self {
        Self {
            catalog,
            orders: Vec::new(),
            clock_offset: time::Duration::ZERO,
            next_order_id: FIRST_ORDER_ID,
            next_internal_id: 1,
        }
    }

    pub fn order(&self, id: u64) -> Option<&SimOrder> {
        self.orders.iter().find(|o| o.id == id)
    }

    /// Adds `count` open orders of one catalog line each, one minute apart (for load tests of
    /// the open-orders list).
    pub fn add_generated_orders(&mut self, count: usize) {
        let items: Vec<(u64, Option<u64>, String, Decimal)> = self
            .catalog
            .items
            .iter()
            .take(50)
            .map(|i| (i.id, i.department_id, i.title.to_string(), i.price))
            .collect();
        if items.is_empty() {
            return;
        }
        let user_id = self.catalog.user_named(WEBSERVICE_USER);
        let start = now() + self.clock_offset;
        self.orders.reserve(count);
        for n in 0..count {
            let (item, department_id, title, price) = items[n % items.len()].clone();
            let created = start - time::Duration::minutes(i64::try_from(count - n).unwrap_or(0));
            let id = self.next_order_id;
            self.next_order_id += 1;
            let internal_id = self.next_internal_id.to_string();
            self.next_internal_id += 1;
            self.orders.push(SimOrder {
                id,
                internal_id,
                date: created.format(&Rfc3339).unwrap_or_default(),
                created,
                lines: vec![SimLine {
                    kind: LineKind::Item(item),
                    department_id,
                    title,
                    quantity: Decimal::from(1 + n % 3),
                    unit_price: price,
                    variation_ids: Vec::new(),
                }],
                validated: false,
                closed: false,
                payments: Vec::new(),
                customer_id: None,
                table_id: None,
                covers: None,
                pager: None,
                delivery_method: None,
                public_comment: String::new(),
                private_comment: String::new(),
                user_id,
                cashbox_id: None,
            });
        }
    }

    fn resolve_line(&self, index: usize, text: &str) -> Result<SimLine, String> {
        let n = index + 1;
        let entry = ItemsListEntry::parse(text).map_err(|e| format!("itemsList line {n}: {e}"))?;
        check_bounds(&entry).map_err(|e| format!("itemsList line {n}: {e}"))?;
        match entry {
            ItemsListEntry::Item {
                id,
                quantity,
                title,
                price,
                variations,
            } => {
                let item = self
                    .catalog
                    .item(id)
                    .ok_or_else(|| format!("itemsList line {n}: unknown item {id}"))?;
                if quantity.is_zero() {
                    return Err(format!("itemsList line {n}: quantity 0"));
                }
                let mut delta = Decimal::ZERO;
                for v in &variations {
                    let choice = self.catalog.variation_choice(*v).ok_or_else(|| {
                        format!("itemsList line {n}: unknown variation choice {v}")
                    })?;
                    delta += choice.delta_price;
                }
                Ok(SimLine {
                    kind: LineKind::Item(id),
                    department_id: item.department_id,
                    title: title.unwrap_or_else(|| item.title.to_string()),
                    quantity,
                    unit_price: price.unwrap_or(item.price + delta),
                    variation_ids: variations,
                })
            }
            ItemsListEntry::Department {
                department_id,
                price,
                title,
            } => {
                let dept = self.catalog.department(department_id).ok_or_else(|| {
                    format!("itemsList line {n}: unknown department {department_id}")
                })?;
                Ok(SimLine {
                    kind: LineKind::Department(department_id),
                    department_id: Some(department_id),
                    title: if title.trim().is_empty() {
                        dept.title.clone()
                    } else {
                        title
                    },
                    quantity: Decimal::ONE,
                    unit_price: price,
                    variation_ids: Vec::new(),
                })
            }
            ItemsListEntry::Free { price, title } => Ok(SimLine {
                kind: LineKind::Free,
                department_id: None,
                title: if title.trim().is_empty() {
                    "Free line".to_string()
                } else {
                    title
                },
                quantity: Decimal::ONE,
                unit_price: price,
                variation_ids: Vec::new(),
            }),
        }
    }

    fn read_changes(&self, p: &Params) -> Result<Changes, String> {
        let payment = match p.get(&["payment"]) {
            None => return Err("payment is required: -2, -1 or a payment mode id".to_string()),
            Some(text) => Payment::parse(text).ok_or_else(|| {
                format!("payment must be -2, -1 or a payment mode id, not {text:?}")
            })?,
        };
        if let Payment::Mode(id) = payment
            && self.catalog.payment_mode(id).is_none()
        {
            return Err(format!("Unknown payment mode {id}"));
        }
        let payment_amount = match p.get(&["paymentAmount"]) {
            None => None,
            Some(text) => Some(
                parse_decimal(text)
                    .filter(|a| a.abs() <= MAX_PRICE)
                    .map(round_cents)
                    .ok_or_else(|| format!("paymentAmount is not an amount: {text:?}"))?,
            ),
        };
        let lines = p
            .items_list()
            .iter()
            .enumerate()
            .map(|(i, text)| self.resolve_line(i, text))
            .collect::<Result<Vec<_>, _>>()?;
        let user_id = p.opt_id(&["idUser"])?;
        if let Some(id) = user_id
            && !self.catalog.users.iter().any(|u| u.id == id)
        {
            return Err(format!("Unknown user {id}"));
        }
        let cashbox_id = p.opt_id(&["idcaisse", "idCaisse"])?;
        if let Some(id) = cashbox_id
            && !self.catalog.cashboxes.iter().any(|c| c.id == id)
        {
            return Err(format!("Unknown cash register {id}"));
        }
        let table_id = p.opt_id(&["idtable", "idTable"])?;
        if let Some(id) = table_id
            && !self.catalog.tables.iter().any(|t| t.id == id)
        {
            return Err(format!("Unknown table {id}"));
        }
        let customer = match p.opt_id(&["idClient", "idclient"])? {
            Some(id) => {
                if self.catalog.customer(id).is_none() {
                    return Err(format!("Unknown customer {id}"));
                }
                Some(CustomerChoice::Existing(id))
            }
            None => NewCustomer::from_form(&p.0).map(|c| CustomerChoice::New(Box::new(c))),
        };
        let delivery_method = match p.get(&["deliveryMethod"]) {
            None => None,
            Some(text) => match text.parse::<u8>() {
                Ok(code) if code <= 6 => Some(code),
                _ => return Err(format!("deliveryMethod must be 0 to 6, not {text:?}")),
            },
        };
        Ok(Changes {
            lines,
            payment,
            payment_amount,
            user_id,
            customer,
            table_id,
            cashbox_id,
            covers: p.opt_small("numcouverts")?,
            pager: p.opt_small("pagerNum")?,
            delivery_method,
            public_comment: p.opt_text("publicComment"),
            private_comment: p.opt_text("privateComment"),
        })
    }

    /// Checks a payment of `amount` against the mode's limits.
    fn check_payment(&self, mode_id: u64, amount: Decimal) -> Result<(), String> {
        let Some(mode) = self.catalog.payment_mode(mode_id) else {
            return Err(format!("Unknown payment mode {mode_id}"));
        };
        if let Some(max) = mode.maximum_amount
            && amount.abs() > max
        {
            return Err(format!(
                "{} accepts at most {} per payment",
                mode.title,
                wire_price(max)
            ));
        }
        if let Some(min) = mode.minimum_amount
            && amount.abs() < min
        {
            return Err(format!(
                "{} needs at least {} per payment",
                mode.title,
                wire_price(min)
            ));
        }
        Ok(())
    }

    fn create_customer(&mut self, new: &NewCustomer) -> u64 {
        let id = self.next_customer_id();
        self.catalog.customers.push(Customer {
            id,
            name: new.last_name.clone(),
            surname: new.first_name.clone(),
            email: new.email.clone(),
            phone: new.phone.clone(),
            phone2: new.phone2.clone(),
            addressline1: new.address_line1.clone(),
            addressline2: new.address_line2.clone(),
            postcode: new.postcode.clone(),
            city: new.city.clone(),
            country: new.country.clone(),
            vat_number: new.vat_number.clone(),
            barcode: new.barcode.clone(),
            ..Customer::default()
        });
        id
    }

    fn next_customer_id(&self) -> u64 {
        self.catalog
            .customers
            .iter()
            .map(|c| c.id)
            .max()
            .unwrap_or(0)
            + 1
    }

    fn customer_of(&mut self, choice: Option<&CustomerChoice>) -> Option<u64> {
        match choice {
            Some(CustomerChoice::Existing(id)) => Some(*id),
            Some(CustomerChoice::New(new)) => Some(self.create_customer(new)),
            None => None,
        }
    }

    /// `webapp.php`: records a new order.
    pub fn record_order(&mut self, p: &Params) -> Result<Recorded, String> {
        let changes = self.read_changes(p)?;
        if changes.lines.is_empty() {
            return Err("The order has no lines (itemsList[] is empty)".to_string());
        }
        let total: Decimal = changes.lines.iter().map(SimLine::total).sum();
        if let Payment::Mode(mode) = changes.payment {
            self.check_payment(mode, changes.payment_amount.unwrap_or(total))?;
        }
        let user_id = match changes.user_id {
            Some(id) => id,
            None => self.catalog.user_named(WEBSERVICE_USER),
        };
        let customer_id = self.customer_of(changes.customer.as_ref());
        let created = now() + self.clock_offset;
        let id = self.next_order_id;
        self.next_order_id += 1;
        let internal_id = self.next_internal_id.to_string();
        self.next_internal_id += 1;
        let mut order = SimOrder {
            id,
            internal_id,
            date: created.format(&Rfc3339).unwrap_or_default(),
            created,
            lines: changes.lines,
            validated: changes.payment != Payment::Open,
            closed: false,
            payments: Vec::new(),
            customer_id,
            table_id: changes.table_id,
            covers: changes.covers,
            pager: changes.pager,
            delivery_method: changes.delivery_method,
            public_comment: changes.public_comment.unwrap_or_default(),
            private_comment: changes.private_comment.unwrap_or_default(),
            user_id,
            cashbox_id: changes.cashbox_id,
        };
        if let Payment::Mode(mode) = changes.payment {
            let amount = changes.payment_amount.unwrap_or(total);
            order.payments.push((mode, amount));
        }
        order.closed = order.is_paid();
        let recorded = Recorded {
            order_id: id,
            validated: order.validated,
            paid: order.closed,
        };
        self.orders.push(order);
        Ok(recorded)
    }

    /// `editOrder.php`: changes an open order, validates it, or records a payment.
    pub fn edit_order(&mut self, p: &Params) -> Result<Recorded, String> {
        let order_id = match p.get(&["orderID", "orderId", "idOrder"]) {
            None => return Err("orderID is required".to_string()),
            Some(text) => text
                .parse::<u64>()
                .map_err(|_| format!("orderID must be a number, not {text:?}"))?,
        };
        let changes = self.read_changes(p)?;
        let order = self
            .order(order_id)
            .ok_or_else(|| format!("Unknown order {order_id}"))?;
        if order.closed {
            return Err(format!(
                "Order {order_id} is closed (paid in full): it can no longer be changed"
            ));
        }
        if order.validated && changes.touches_order() {
            return Err(format!(
                "Order {order_id} is validated: its lines and details can no longer be changed; only payments can be recorded"
            ));
        }
        if order.validated && changes.payment == Payment::Open {
            return Err(format!(
                "Order {order_id} is validated and cannot be made a quote again"
            ));
        }
        let added: Decimal = changes.lines.iter().map(SimLine::total).sum();
        let remaining_after = order.remaining() + added;
        let payment = match changes.payment {
            Payment::Mode(mode) => {
                let amount = changes.payment_amount.unwrap_or(remaining_after);
                self.check_payment(mode, amount)?;
                Some((mode, amount))
            }
            _ => None,
        };
        let customer_id = self.customer_of(changes.customer.as_ref());
        let Some(order) = self.orders.iter_mut().find(|o| o.id == order_id) else {
            return Err(format!("Unknown order {order_id}"));
        };
        order.lines.extend(changes.lines);
        if customer_id.is_some() {
            order.customer_id = customer_id;
        }
        if let Some(u) = changes.user_id {
            order.user_id = u;
        }
        if changes.table_id.is_some() {
            order.table_id = changes.table_id;
        }
        if changes.cashbox_id.is_some() {
            order.cashbox_id = changes.cashbox_id;
        }
        if changes.covers.is_some() {
            order.covers = changes.covers;
        }
        if changes.pager.is_some() {
            order.pager = changes.pager;
        }
        if changes.delivery_method.is_some() {
            order.delivery_method = changes.delivery_method;
        }
        if let Some(c) = changes.public_comment {
            order.public_comment = c;
        }
        if let Some(c) = changes.private_comment {
            order.private_comment = c;
        }
        if changes.payment != Payment::Open {
            // A payment validates the order, as `webapp.php` does with a payment mode.
            order.validated = true;
        }
        if let Some(p) = payment {
            order.payments.push(p);
        }
        order.closed = order.is_paid();
        Ok(Recorded {
            order_id,
            validated: order.validated,
            paid: order.closed,
        })
    }

    /// Validates an open order (as another terminal would).
    pub fn validate(&mut self, order_id: u64) -> Result<(), String> {
        let order = self
            .orders
            .iter_mut()
            .find(|o| o.id == order_id)
            .ok_or_else(|| format!("Unknown order {order_id}"))?;
        order.validated = true;
        order.closed = order.is_paid();
        Ok(())
    }

    /// Closes an order (as another terminal would: it leaves `getPending.php`).
    pub fn close(&mut self, order_id: u64) -> Result<(), String> {
        let order = self
            .orders
            .iter_mut()
            .find(|o| o.id == order_id)
            .ok_or_else(|| format!("Unknown order {order_id}"))?;
        order.validated = true;
        order.closed = true;
        Ok(())
    }

    /// `addClient.php`: the new customer's id.
    pub fn add_customer(&mut self, p: &Params) -> Result<u64, String> {
        let data = CustomerData::from_form(&p.0)?;
        if data.fields.iter().all(|(_, v)| v.trim().is_empty()) {
            return Err("No customer data: send data[name], data[surname], data[email]…".into());
        }
        let mut customer = Customer {
            id: self.next_customer_id(),
            ..Customer::default()
        };
        apply_customer_data(&mut customer, &data);
        let id = customer.id;
        self.catalog.customers.push(customer);
        Ok(id)
    }

    /// `editClient.php`.
    pub fn edit_customer(&mut self, p: &Params) -> Result<u64, String> {
        let id = p
            .opt_id(&["id", "idClient"])?
            .ok_or_else(|| "id is required".to_string())?;
        let data = CustomerData::from_form(&p.0)?;
        let customer = self
            .catalog
            .customers
            .iter_mut()
            .find(|c| c.id == id)
            .ok_or_else(|| format!("Unknown customer {id}"))?;
        apply_customer_data(customer, &data);
        Ok(id)
    }

    /// `delClient.php`.
    pub fn delete_customer(&mut self, p: &Params) -> Result<u64, String> {
        let id = p
            .opt_id(&["id", "idClient"])?
            .ok_or_else(|| "id is required".to_string())?;
        let before = self.catalog.customers.len();
        self.catalog.customers.retain(|c| c.id != id);
        if self.catalog.customers.len() == before {
            return Err(format!("Unknown customer {id}"));
        }
        Ok(id)
    }
}

/// Copies the `data[…]` fields the customer list shows; the others are accepted and not kept.
fn apply_customer_data(c: &mut Customer, data: &CustomerData) {
    for (field, value) in &data.fields {
        let v = value.trim().to_string();
        match field {
            CustomerField::Title => c.title = v,
            CustomerField::Surname => c.surname = v,
            CustomerField::Name => c.name = v,
            CustomerField::Email => c.email = v,
            CustomerField::Phone => c.phone = v,
            CustomerField::Phone2 => c.phone2 = v,
            CustomerField::AddressLine1 => c.addressline1 = v,
            CustomerField::AddressLine2 => c.addressline2 = v,
            CustomerField::Postcode => c.postcode = v,
            CustomerField::City => c.city = v,
            CustomerField::Country => c.country = v,
            CustomerField::VatNum => c.vat_number = v,
            CustomerField::Barcode => c.barcode = v,
            CustomerField::CommentPrivate => c.private_comment = v,
            CustomerField::Blacklist => {
                c.blacklist = value_to_bool(&Value::String(v)).unwrap_or(false);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn params(pairs: &[(&str, &str)]) -> Params {
        Params(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
        )
    }

    fn shop() -> ShopState {
        ShopState::new(Catalog::demo())
    }

    #[test]
    fn prices_include_variation_deltas_unless_forced() {
        let mut s = shop();
        // Item 12 (13.50) in size L (+1.00).
        let r = s
            .record_order(&params(&[
                ("payment", "-2"),
                ("itemsList[]", "12_1___3"),
                ("itemsList[]", "12_2_Pizza 4 fromages_14.00_3_8"),
            ]))
            .unwrap();
        let o = s.order(r.order_id).unwrap();
        assert_eq!(o.lines[0].unit_price, dec!(14.50));
        assert_eq!(o.lines[1].unit_price, dec!(14.00));
        assert_eq!(o.total(), dec!(42.50));
        assert!(!o.validated);
        assert_eq!(o.id, FIRST_ORDER_ID);
    }

    #[test]
    fn refusals_leave_the_shop_unchanged() {
        let mut s = shop();
        let users = s.catalog.users.len();
        for (pairs, needle) in [
            (vec![("payment", "-2")], "no lines"),
            (vec![("itemsList[]", "1")], "payment is required"),
            (
                vec![("payment", "99"), ("itemsList[]", "1")],
                "payment mode 99",
            ),
            (
                vec![("payment", "-2"), ("itemsList[]", "9999")],
                "unknown item 9999",
            ),
            (
                vec![("payment", "-2"), ("itemsList[]", "-99_1.00_x")],
                "department 99",
            ),
            (vec![("payment", "-2"), ("itemsList[]", "1_x")], "line 1"),
            (
                vec![("payment", "-2"), ("itemsList[]", "1"), ("idtable", "99")],
                "table 99",
            ),
            (
                vec![("payment", "-2"), ("itemsList[]", "1"), ("idUser", "99")],
                "user 99",
            ),
            (
                vec![("payment", "-2"), ("itemsList[]", "1"), ("idcaisse", "9")],
                "cash register 9",
            ),
        ] {
            let err = s.record_order(&params(&pairs)).unwrap_err();
            assert!(err.contains(needle), "{err:?} lacks {needle:?}");
        }
        assert!(s.orders.is_empty());
        assert_eq!(s.catalog.users.len(), users);
    }

    #[test]
    fn split_payment_until_paid() {
        let mut s = shop();
        let r = s
            .record_order(&params(&[("payment", "-1"), ("itemsList[]", "42_2")]))
            .unwrap();
        assert!(r.validated && !r.paid);
        let id = r.order_id.to_string();
        let r = s
            .edit_order(&params(&[
                ("orderID", &id),
                ("payment", "4"),
                ("paymentAmount", "10.00"),
            ]))
            .unwrap();
        assert!(!r.paid);
        let r = s
            .edit_order(&params(&[("orderID", &id), ("payment", "2")]))
            .unwrap();
        assert!(r.paid);
        let o = s.order(r.order_id).unwrap();
        assert_eq!(o.payments, vec![(4, dec!(10.00)), (2, dec!(15.80))]);
        assert!(o.closed);
        let err = s
            .edit_order(&params(&[("orderID", &id), ("payment", "1")]))
            .unwrap_err();
        assert!(err.contains("closed"), "{err}");
    }

    #[test]
    fn absurd_numbers_are_refused_not_panicked_on() {
        let mut s = shop();
        for line in [
            "1_79228162514264337593543950335",
            "1_1000000000000_Big_79228162514264337593543950",
            "1_0.0000000000000000000000001",
            "Free_99999999999999999999999.99_x",
            "1_1_x_1.999",
        ] {
            let err = s
                .record_order(&params(&[("payment", "-2"), ("itemsList[]", line)]))
                .unwrap_err();
            assert!(err.contains("line 1"), "{line}: {err}");
        }
        let r = s
            .record_order(&params(&[("payment", "-1"), ("itemsList[]", "1")]))
            .unwrap();
        let id = r.order_id.to_string();
        let err = s
            .edit_order(&params(&[
                ("orderID", &id),
                ("payment", "1"),
                ("paymentAmount", "79228162514264337593543950335"),
            ]))
            .unwrap_err();
        assert!(err.contains("paymentAmount"), "{err}");
    }

    #[test]
    fn meal_voucher_limit() {
        let mut s = shop();
        let err = s
            .record_order(&params(&[
                ("payment", "4"),
                ("itemsList[]", "2_1_Repas_30.00"),
            ]))
            .unwrap_err();
        assert!(err.contains("at most 25.00"), "{err}");
    }
}
