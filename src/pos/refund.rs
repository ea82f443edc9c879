//! Refund once: what was already refunded of a validated order, so that Ctrl-R offers only
//! what is left and never a refund order itself.
//!
//! The link from a refund to the order it refunds is a tag in the refund order's private
//! comment, `[kash-pos refund-of N]` (N the server's order number). The private comment is
//! stored by Kash.click with the order and read back by `getOrders.php`, so the link survives
//! a restart and is seen by every till of the shop; a refund still in this till's journal (not
//! yet confirmed, or confirmed after the list was read) carries the same tag in its request.

use rust_decimal::Decimal;

use crate::kash::model::PendingOrder;
use crate::kash::order::{ItemsListEntry, Order};

/// The start of the tag (what the journal is searched for).
pub const TAG_PREFIX: &str = "[kash-pos refund-of ";

/// The tag that links a refund order to the order it refunds.
pub fn tag(origin: u64) -> String {
    format!("{TAG_PREFIX}{origin}]")
}

/// Appends the refund tag to a private comment (or makes it the comment).
pub fn tag_comment(comment: Option<&str>, origin: u64) -> String {
    match comment.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!("{c} {}", tag(origin)),
        None => tag(origin),
    }
}

/// The order a private comment says it refunds.
pub fn origin_of(comment: &str) -> Option<u64> {
    let start = comment.find(TAG_PREFIX)? + TAG_PREFIX.len();
    let rest = &comment[start..];
    let end = rest.find(']')?;
    rest[..end].trim().parse().ok()
}

/// One line given back: the item (0 for a free or department line), its unit price as
/// sold (positive) and the quantity refunded (positive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundedLine {
    pub id: u64,
    pub price: Decimal,
    pub quantity: Decimal,
}

/// A refund of an order, read from the server or from this till's journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    /// The order refunded.
    pub origin: u64,
    /// The refund's own order number, when known.
    pub order_id: Option<u64>,
    /// The journal reference (a refund read from the journal).
    pub reference: Option<String>,
    /// The refund order's private comment (a refund read from the server): it carries the
    /// journal reference of the till that sent it.
    pub comment: String,
    pub lines: Vec<RefundedLine>,
}

/// A line as refunded: a negative quantity, or a negative price on a line without quantity.
fn given_back(id: u64, quantity: Decimal, price: Decimal) -> Option<RefundedLine> {
    if quantity < Decimal::ZERO && !price.is_zero() {
        Some(RefundedLine {
            id,
            price: price.abs(),
            quantity: -quantity,
        })
    } else if quantity > Decimal::ZERO && price < Decimal::ZERO {
        Some(RefundedLine {
            id,
            price: -price,
            quantity,
        })
    } else {
        None
    }
}

impl Refund {
    /// The refund an order listed by the server is, if it carries the tag.
    pub fn from_listed(o: &PendingOrder) -> Option<Self> {
        Some(Self {
            origin: origin_of(&o.private_comment)?,
            order_id: Some(o.order_id),
            reference: None,
            comment: o.private_comment.clone(),
            lines: o
                .items
                .iter()
                .filter_map(|l| given_back(l.id, l.quantity, l.price))
                .collect(),
        })
    }

    /// The refund a journaled order is, if it carries the tag.
    pub fn from_journaled(order: &Order, reference: &str, order_id: Option<u64>) -> Option<Self> {
        Some(Self {
            origin: origin_of(order.private_comment.as_deref()?)?,
            order_id,
            reference: Some(reference.to_string()),
            comment: String::new(),
            lines: order
                .lines
                .iter()
                .filter_map(|e| match e {
                    ItemsListEntry::Item {
                        id,
                        quantity,
                        price,
                        ..
                    } => price.and_then(|p| given_back(*id, *quantity, p)),
                    ItemsListEntry::Department { price, .. }
                    | ItemsListEntry::Free { price, .. } => given_back(0, Decimal::ONE, *price),
                })
                .collect(),
        })
    }
}

/// Whether a listed order is itself a refund (tagged, or of a negative total): never offered
/// for refund.
pub fn is_refund(o: &PendingOrder) -> bool {
    origin_of(&o.private_comment).is_some() || o.price < Decimal::ZERO
}

/// The server's refunds, and the journal's that the server does not list yet (matched by
/// order number, or by the journal reference in a listed refund's comment).
pub fn known(server: &[Refund], journal: &[Refund]) -> Vec<Refund> {
    let mut all = server.to_vec();
    for j in journal {
        let listed = server.iter().any(|s| {
            (j.order_id.is_some() && s.order_id == j.order_id)
                || j.reference
                    .as_deref()
                    .is_some_and(|r| s.comment.contains(&format!("[kash-pos {r}]")))
        });
        if !listed {
            all.push(j.clone());
        }
    }
    all
}

/// What is left to refund of each line of `order`, after `refunds` (of any order).
pub fn left(order: &PendingOrder, refunds: &[Refund]) -> Vec<Decimal> {
    let mut left: Vec<Decimal> = order
        .items
        .iter()
        .map(|l| l.quantity.max(Decimal::ZERO))
        .collect();
    for line in refunds
        .iter()
        .filter(|r| r.origin == order.order_id)
        .flat_map(|r| &r.lines)
    {
        let mut to_place = line.quantity;
        // The line sold at this price first, then (an item) the same item at another price.
        for same_price in [true, false] {
            for (sold, rest) in order.items.iter().zip(left.iter_mut()) {
                if to_place.is_zero() {
                    break;
                }
                let matches = sold.id == line.id
                    && if same_price {
                        sold.price.abs() == line.price
                    } else {
                        sold.id != 0
                    };
                if matches {
                    let take = to_place.min(*rest);
                    *rest -= take;
                    to_place -= take;
                }
            }
        }
    }
    left
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kash::model::OrderLine;
    use rust_decimal_macros::dec;

    fn order(id: u64, comment: &str, lines: &[(u64, Decimal, Decimal)]) -> PendingOrder {
        PendingOrder {
            order_id: id,
            internal_id: String::new(),
            price: lines.iter().map(|(_, q, p)| q * p).sum(),
            date: String::new(),
            client_id: None,
            cashbox_id: None,
            table_id: None,
            covers: None,
            delivery_method: None,
            pager: None,
            public_comment: String::new(),
            private_comment: comment.to_string(),
            items: lines
                .iter()
                .map(|(id, q, p)| OrderLine {
                    id: *id,
                    title: format!("item {id}"),
                    quantity: *q,
                    price: *p,
                    declinaisons: Vec::new(),
                })
                .collect(),
            validated: true,
            paid: None,
            unreadable_lines: 0,
        }
    }

    #[test]
    fn the_tag_reads_back() {
        let c = tag_comment(Some("Refund of order 101"), 101);
        assert_eq!(c, "Refund of order 101 [kash-pos refund-of 101]");
        assert_eq!(
            origin_of(&format!("{c} [kash-pos KP-ABCDEFGHIJ]")),
            Some(101)
        );
        assert_eq!(origin_of("[kash-pos KP-ABCDEFGHIJ]"), None);
        assert_eq!(origin_of("[kash-pos refund-of x]"), None);
        assert_eq!(tag_comment(None, 7), "[kash-pos refund-of 7]");
    }

    #[test]
    fn what_is_left_after_two_refunds() {
        let sold = order(
            101,
            "",
            &[
                (1, dec!(1), dec!(12.50)),
                (2, dec!(3), dec!(0.90)),
                (0, dec!(1), dec!(4)),
            ],
        );
        let first = order(
            102,
            "[kash-pos refund-of 101]",
            &[(2, dec!(-2), dec!(0.90))],
        );
        let r1 = Refund::from_listed(&first).unwrap();
        assert!(is_refund(&first));
        assert!(!is_refund(&sold));
        assert_eq!(
            left(&sold, std::slice::from_ref(&r1)),
            vec![dec!(1), dec!(1), dec!(1)]
        );
        let second = order(
            103,
            "[kash-pos refund-of 101]",
            &[
                (1, dec!(-1), dec!(12.50)),
                (2, dec!(-1), dec!(0.90)),
                (0, dec!(1), dec!(-4)),
            ],
        );
        let r2 = Refund::from_listed(&second).unwrap();
        assert_eq!(left(&sold, &[r1, r2]), vec![dec!(0); 3]);
    }

    #[test]
    fn a_refund_of_another_order_changes_nothing() {
        let sold = order(101, "", &[(1, dec!(2), dec!(1))]);
        let other = order(200, "[kash-pos refund-of 100]", &[(1, dec!(-2), dec!(1))]);
        let r = Refund::from_listed(&other).unwrap();
        assert_eq!(left(&sold, &[r]), vec![dec!(2)]);
    }

    #[test]
    fn a_split_line_is_matched_at_either_price() {
        // 3 × 1,35 − 10 % went on the wire as 2 × 1,22 + 1 × 1,21.
        let sold = order(
            5,
            "",
            &[(13, dec!(2), dec!(1.22)), (13, dec!(1), dec!(1.21))],
        );
        let mut o = Order::new(crate::kash::order::Payment::Mode(8));
        o.private_comment = Some("[kash-pos refund-of 5] [kash-pos KP-AAAAAAAAAA]".into());
        o.lines = vec![ItemsListEntry::Item {
            id: 13,
            quantity: dec!(-1),
            title: None,
            price: Some(dec!(1.21)),
            variations: Vec::new(),
        }];
        let r = Refund::from_journaled(&o, "KP-AAAAAAAAAA", None).unwrap();
        assert_eq!(
            left(&sold, std::slice::from_ref(&r)),
            vec![dec!(2), dec!(0)]
        );
        let mut more = r.clone();
        more.lines[0].quantity = dec!(3);
        more.lines[0].price = dec!(1.30);
        assert_eq!(left(&sold, &[more]), vec![dec!(0), dec!(0)]);
    }

    #[test]
    fn a_journaled_refund_the_server_lists_counts_once() {
        let listed = order(
            102,
            "[kash-pos refund-of 101] [kash-pos KP-AAAAAAAAAA]",
            &[(2, dec!(-1), dec!(0.90))],
        );
        let server = vec![Refund::from_listed(&listed).unwrap()];
        let mut o = Order::new(crate::kash::order::Payment::Mode(8));
        o.private_comment = Some(listed.private_comment.clone());
        o.lines = vec![ItemsListEntry::Item {
            id: 2,
            quantity: dec!(-1),
            title: None,
            price: Some(dec!(0.90)),
            variations: Vec::new(),
        }];
        let same = Refund::from_journaled(&o, "KP-AAAAAAAAAA", None).unwrap();
        let other = Refund::from_journaled(&o, "KP-BBBBBBBBBB", None).unwrap();
        assert_eq!(known(&server, &[same]).len(), 1);
        assert_eq!(known(&server, &[other]).len(), 2);
    }
}
