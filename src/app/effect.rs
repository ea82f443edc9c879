//! What `update` asks for (effects) and what comes back (events), and `perform`, which carries an
//! effect out against the Kash.click client. The runner spawns `perform` on tokio; the flow tests
//! await it directly.

use crossterm::event::KeyEvent;

use crate::kash::model::{
    Cashbox, Department, DepartmentGroup, Discount, Item, OrderReceipt, PaymentMode, Table, User,
    Variation,
};
use std::sync::Arc;

use crate::journal::Entry;
use crate::journal::Journal;
use crate::journal::delivery::SenderEvent;
use crate::kash::client::parse_list;
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
    /// The canonical JSON of the list, for the offline cache.
    pub fn to_json(&self) -> String {
        fn j<T: serde::Serialize>(l: &Listed<T>) -> String {
            serde_json::to_string(&l.items).unwrap_or_else(|_| "[]".to_string())
        }
        match self {
            Self::Items(l) => {
                serde_json::Value::Array(l.items.iter().map(Item::to_wire).collect()).to_string()
            }
            Self::Variations(l) => j(l),
            Self::Departments(l) => j(l),
            Self::DepartmentGroups(l) => j(l),
            Self::PaymentModes(l) => j(l),
            Self::Tables(l) => j(l),
            Self::Users(l) => j(l),
            Self::Cashboxes(l) => j(l),
            Self::Discounts(l) => j(l),
        }
    }

    /// Reads a list back from the offline cache.
    pub fn from_json(endpoint: ListEndpoint, json: &str) -> Option<Self> {
        let value: serde_json::Value = serde_json::from_str(json).ok()?;
        let w = endpoint.worker();
        Some(match endpoint {
            ListEndpoint::Items => Self::Items(parse_list(w, value).ok()?),
            ListEndpoint::Variations => Self::Variations(parse_list(w, value).ok()?),
            ListEndpoint::Departments => Self::Departments(parse_list(w, value).ok()?),
            ListEndpoint::DepartmentGroups => Self::DepartmentGroups(parse_list(w, value).ok()?),
            ListEndpoint::PaymentModes => Self::PaymentModes(parse_list(w, value).ok()?),
            ListEndpoint::Tables => Self::Tables(parse_list(w, value).ok()?),
            ListEndpoint::Users => Self::Users(parse_list(w, value).ok()?),
            ListEndpoint::Cashboxes => Self::Cashboxes(parse_list(w, value).ok()?),
            ListEndpoint::Discounts => Self::Discounts(parse_list(w, value).ok()?),
            _ => return None,
        })
    }

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
    /// The server could not be reached: the list saved at the last start (RFC 3339 time).
    LoadedFromCache(ListEndpoint, Loaded, String),
    /// The final answer about the sale being sent (from the journal's sender, or directly).
    Submitted(Result<OrderReceipt, KashError>),
    /// The sale is in the journal, on disk, before it goes on the wire.
    Recorded(Result<Box<Entry>, String>),
    /// What the background sender did with a journal entry.
    Delivery(SenderEvent),
    /// A complete code from the barcode scanner.
    Scan(String),
    /// The flash of a refused code is over.
    FlashOff,
    /// A journal entry was settled by the cashier, or could not be.
    Resolved(Result<i64, String>),
    /// Open orders, order edits, refunds, the clock (see `app::orders`).
    Orders(super::orders::OrderEvent),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Load(ListEndpoint),
    /// Write the sale to the journal (and forget the saved basket), then wake the sender.
    Record(Box<Order>),
    /// End the flash of a refused code after a moment.
    EndFlash,
    /// The cashier's decision on a sale whose outcome is unknown.
    Resolve {
        seq: i64,
        decision: Decision,
    },
    /// Open orders, order edits, refunds (see `app::orders`).
    Orders(super::orders::OrderEffect),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Not on the server: send it again.
    SendAgain,
    /// Already on the server under this order number.
    Recorded(u64),
}

/// How long a refused code flashes.
pub const FLASH: std::time::Duration = std::time::Duration::from_millis(400);

/// What effects need: the Kash.click client, the journal, and a way to wake the sender.
#[derive(Clone)]
pub struct Services {
    pub client: KashClient,
    pub journal: Journal,
    /// Wakes the background sender; `None` where a test delivers by itself.
    pub wake: Option<Arc<dyn Fn() + Send + Sync>>,
}

impl Services {
    pub(super) fn wake(&self) {
        if let Some(w) = &self.wake {
            w();
        }
    }
}

/// Runs blocking journal work (SQLite with fsync) off the async workers.
pub(super) async fn blocking<T: Send + 'static>(
    journal: &Journal,
    f: impl FnOnce(&Journal) -> Result<T, crate::journal::JournalError> + Send + 'static,
) -> Result<T, String> {
    let journal = journal.clone();
    match tokio::task::spawn_blocking(move || f(&journal)).await {
        Ok(r) => r.map_err(|e| e.to_string()),
        Err(e) => Err(format!("journal task failed: {e}")),
    }
}

/// Carries out one effect and returns the event that reports it.
pub async fn perform(services: &Services, effect: Effect) -> Event {
    match effect {
        Effect::Load(endpoint) => load_or_cache(services, endpoint).await,
        Effect::Orders(e) => super::orders::perform(services, e).await,
        Effect::Record(order) => {
            let result = blocking(&services.journal, move |j| {
                j.record_sale(*order).map(Box::new)
            })
            .await;
            if result.is_ok() {
                services.wake();
            }
            Event::Recorded(result)
        }
        Effect::EndFlash => {
            tokio::time::sleep(FLASH).await;
            Event::FlashOff
        }
        Effect::Resolve { seq, decision } => {
            let result = blocking(&services.journal, move |j| match decision {
                Decision::SendAgain => j.requeue_with(seq, "the cashier chose to send it again"),
                Decision::Recorded(order_id) => j.resolve_as_recorded(seq, order_id),
            })
            .await;
            services.wake();
            Event::Resolved(result.map(|()| seq))
        }
    }
}

/// Loads a list; saves it for an offline start; when the server cannot be reached, answers with
/// the list saved last time.
async fn load_or_cache(services: &Services, endpoint: ListEndpoint) -> Event {
    let name = endpoint.worker();
    match load(&services.client, endpoint).await {
        Ok(loaded) => {
            let json = loaded.to_json();
            if let Err(e) = blocking(&services.journal, move |j| j.save_cache(name, &json)).await {
                tracing::warn!(list = name, error = %e, "could not cache the list");
            }
            Event::Loaded(endpoint, Ok(loaded))
        }
        Err(e) if e.is_connectivity() => {
            let cached = blocking(&services.journal, move |j| j.load_cache(name)).await;
            match cached {
                Ok(Some((json, saved_at))) => match Loaded::from_json(endpoint, &json) {
                    Some(loaded) => Event::LoadedFromCache(endpoint, loaded, saved_at),
                    None => Event::Loaded(endpoint, Err(e)),
                },
                _ => Event::Loaded(endpoint, Err(e)),
            }
        }
        Err(e) => Event::Loaded(endpoint, Err(e)),
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
