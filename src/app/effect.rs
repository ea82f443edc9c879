//! What `update` asks for (effects) and what comes back (events), and `perform`, which carries an
//! effect out against the Kash.click client. The runner spawns `perform` on tokio; the flow tests
//! await it directly.

use crossterm::event::KeyEvent;

use crate::kash::model::{
    Cashbox, Department, DepartmentGroup, Discount, Item, OrderReceipt, PaymentMode, Table, User,
    Variation,
};
use crate::kash::order::Order;
use crate::kash::{KashClient, KashError, ListEndpoint, Listed};

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
    Loaded(ListEndpoint, Result<Loaded, KashError>),
    Submitted(Result<OrderReceipt, KashError>),
    /// Open orders, order edits, refunds, the clock (see `app::orders`).
    Orders(super::orders::OrderEvent),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Load(ListEndpoint),
    Submit(Box<Order>),
    Orders(super::orders::OrderEffect),
}

/// Carries out one effect and returns the event that reports it.
pub async fn perform(client: &KashClient, effect: Effect) -> Event {
    match effect {
        Effect::Load(endpoint) => Event::Loaded(endpoint, load(client, endpoint).await),
        Effect::Submit(order) => Event::Submitted(client.submit_order(&order).await),
        Effect::Orders(e) => super::orders::perform(client, e).await,
    }
}

async fn load(client: &KashClient, endpoint: ListEndpoint) -> Result<Loaded, KashError> {
    Ok(match endpoint {
        ListEndpoint::Items => Loaded::Items(client.items().await?),
        ListEndpoint::Variations => Loaded::Variations(client.variations().await?),
        ListEndpoint::Departments => Loaded::Departments(client.departments().await?),
        ListEndpoint::DepartmentGroups => {
            Loaded::DepartmentGroups(client.department_groups().await?)
        }
        ListEndpoint::PaymentModes => Loaded::PaymentModes(client.payment_modes().await?),
        ListEndpoint::Tables => Loaded::Tables(client.tables().await?),
        ListEndpoint::Users => Loaded::Users(client.users().await?),
        ListEndpoint::Cashboxes => Loaded::Cashboxes(client.cashboxes().await?),
        ListEndpoint::Discounts => Loaded::Discounts(client.discounts().await?),
        other => {
            return Err(KashError::Config(format!(
                "{} is not loaded at start",
                other.label()
            )));
        }
    })
}
