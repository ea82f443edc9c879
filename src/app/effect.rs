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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Not on the server: send it again.
    SendAgain,
    /// Already on the server under this order number.
    Recorded(u64),
}
