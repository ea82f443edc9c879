//! The sale beyond its lines: the order context (table, covers, pager, delivery method,
//! customer, comments) and an open order recalled from Kash.click, with what it still owes.
//! A validated order is never changed (French law on POS software): a correction is a refund.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::kash::model::PendingOrder;
use crate::kash::order::{DeliveryMethod, NewCustomer};
use crate::pos::basket::Basket;

/// What goes with the sale besides its lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderContext {
    pub table_id: Option<u64>,
    pub covers: Option<u32>,
    pub pager: Option<u32>,
    pub delivery: Option<DeliveryMethod>,
    pub customer_id: Option<u64>,
    pub public_comment: String,
    pub private_comment: String,
    /// A customer created with the sale (`client[…]` on the order): journaled and sent with
    /// it. Never set together with `customer_id`.
    pub new_customer: Option<NewCustomer>,
    /// The validated order this sale refunds: tagged into the private comment on the wire
    /// ([`crate::pos::refund::tag`]), so that what is left to refund is known everywhere.
    pub refund_of: Option<u64>,
}

impl OrderContext {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The context an open order was parked with.
    pub fn from_pending(o: &PendingOrder) -> Self {
        Self {
            table_id: o.table_id.filter(|t| *t != 0),
            covers: o.covers.filter(|c| *c != 0),
            pager: o.pager.filter(|p| *p != 0),
            delivery: o.delivery_method.and_then(DeliveryMethod::from_code),
            customer_id: o.client_id.filter(|c| *c != 0),
            public_comment: o.public_comment.clone(),
            private_comment: o.private_comment.clone(),
            new_customer: None,
            // Already tagged in the comment read back: never tagged twice.
            refund_of: None,
        }
    }
}

/// An open order brought back to the till: its lines are on the server (read-only here); new
/// lines are collected in the basket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub fn new(order: PendingOrder) -> Self {
        Self {
            context_at_recall: OrderContext::from_pending(&order),
            order,
            unsynced_paid: Decimal::ZERO,
            payments: Vec::new(),
            gone: false,
        }
    }

    pub fn total(&self) -> Decimal {
        self.order.price
    }

    pub fn paid(&self) -> Decimal {
        self.order.paid.unwrap_or(Decimal::ZERO) + self.unsynced_paid
    }

    /// What is still due: never below zero for a sale, never above zero for a refund.
    pub fn due(&self) -> Decimal {
        crate::pos::tender::still_due(self.total(), self.paid())
    }

    pub fn label(&self) -> String {
        order_label(&self.order)
    }
}

/// "order 17724460": the server's order number, the one printed on the receipt (the shop's
/// per-day internal number is never used, so a cashier meets one number per order).
pub fn order_label(o: &PendingOrder) -> String {
    format!("order {}", o.order_id)
}

/// A comment without the till's tags (`[kash-pos KP-…]`, `[kash-pos refund-of N]`), trimmed:
/// what the cashier reads and edits. The tags are wire codes, kept on the wire by
/// [`comment_with_tags_of`].
pub fn comment_without_tags(comment: &str) -> String {
    let mut out = String::new();
    let mut rest = comment;
    while let Some(start) = rest.find("[kash-pos ") {
        out.push_str(&rest[..start]);
        match rest[start..].find(']') {
            Some(end) => rest = &rest[start + end + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// The till's tags in a comment, in order.
fn comment_tags(comment: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut rest = comment;
    while let Some(start) = rest.find("[kash-pos ") {
        match rest[start..].find(']') {
            Some(end) => {
                tags.push(&rest[start..=start + end]);
                rest = &rest[start + end + 1..];
            }
            None => break,
        }
    }
    tags
}

/// The comment the cashier edited (`edited`, shown without tags) with the tags of the comment
/// it came from (`was`) put back: the same text as `was` when the cashier changed nothing, so
/// no change goes on the wire, and the till's references are never lost.
pub fn comment_with_tags_of(edited: &str, was: &str) -> String {
    if comment_without_tags(edited) == comment_without_tags(was) {
        return was.to_string();
    }
    let mut out = edited.trim().to_string();
    for tag in comment_tags(was) {
        if !out.contains(tag) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(tag);
        }
    }
    out
}

#[cfg(test)]
mod comment_tests {
    use super::*;

    #[test]
    fn tags_are_hidden_and_kept() {
        let was = "Allergic [kash-pos KP-ABCDEFGHIJ] [kash-pos refund-of 17724460]";
        assert_eq!(comment_without_tags(was), "Allergic");
        assert_eq!(comment_without_tags("[kash-pos KP-ABCDEFGHIJ]"), "");
        assert_eq!(comment_with_tags_of("Allergic", was), was, "unchanged");
        assert_eq!(
            comment_with_tags_of("Nuts", was),
            "Nuts [kash-pos KP-ABCDEFGHIJ] [kash-pos refund-of 17724460]"
        );
        assert_eq!(
            comment_with_tags_of("", was),
            "[kash-pos KP-ABCDEFGHIJ] [kash-pos refund-of 17724460]"
        );
        assert_eq!(comment_with_tags_of("New", ""), "New");
    }
}

/// The sale in progress as it is saved on every change, to come back whole after a crash or a
/// power cut: the lines, everything the cashier set (table, covers, customer, comments…) and
/// the open order the new lines belong to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSale {
    pub basket: Basket,
    #[serde(default)]
    pub context: OrderContext,
    #[serde(default)]
    pub recalled: Option<Recalled>,
    /// Parts already tendered at the counter (the money is in the drawer).
    #[serde(default)]
    pub tenders: Vec<crate::pos::tender::Tendered>,
}

impl SavedSale {
    /// Nothing to save: no line, no context, no recalled order.
    pub fn is_empty(&self) -> bool {
        self.basket.is_empty()
            && self.context.is_empty()
            && self.recalled.is_none()
            && self.tenders.is_empty()
    }

    /// Reads what was saved: this form, or a basket alone (as saved by earlier versions).
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str::<Self>(json).or_else(|e| {
            serde_json::from_str::<Basket>(json)
                .map(|basket| Self {
                    basket,
                    ..Self::default()
                })
                .map_err(|_| e)
        })
    }
}

/// The total the sale screen shows: the recalled order's plus the basket's new lines.
pub fn sale_total(basket: &Basket, recalled: Option<&Recalled>) -> Decimal {
    basket.total() + recalled.map_or(Decimal::ZERO, Recalled::total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn pending(price: Decimal, paid: Option<Decimal>) -> PendingOrder {
        let mut o: PendingOrder = serde_json::from_value(serde_json::json!({
            "orderID": 7, "price": "0", "idtable": 2, "numcouverts": 0
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        o.price = price;
        o.paid = paid;
        o
    }

    #[test]
    fn due_counts_server_and_local_payments() {
        let mut r = Recalled::new(pending(dec!(30), Some(dec!(10))));
        assert_eq!(r.due(), dec!(20));
        r.unsynced_paid = dec!(25);
        assert_eq!(r.due(), dec!(0));
        assert_eq!(r.label(), "order 7");
        assert_eq!(r.context_at_recall.table_id, Some(2));
        assert_eq!(r.context_at_recall.covers, None);
    }

    #[test]
    fn a_saved_sale_reads_back_whole_and_an_old_basket_still_reads() {
        use crate::pos::basket::BasketLine;
        let mut saved = SavedSale::default();
        saved
            .basket
            .lines
            .push(BasketLine::free(None, dec!(4.5), Some("Menu")));
        saved.context.table_id = Some(3);
        saved.context.covers = Some(4);
        saved.context.customer_id = Some(9);
        saved.context.public_comment = "no onions".into();
        saved.recalled = Some(Recalled::new(pending(dec!(30), Some(dec!(10)))));
        let json = serde_json::to_string(&saved).unwrap_or_default();
        assert_eq!(SavedSale::from_json(&json).ok(), Some(saved.clone()));
        let old = serde_json::to_string(&saved.basket).unwrap_or_default();
        let back = SavedSale::from_json(&old).ok();
        assert_eq!(back.map(|s| s.basket), Some(saved.basket));
        assert!(SavedSale::from_json("{").is_err());
    }

    #[test]
    fn refund_due_is_negative() {
        let r = Recalled::new(pending(dec!(-12), None));
        assert_eq!(r.due(), dec!(-12));
    }
}
