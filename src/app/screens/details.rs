//! The order details (Ctrl-E): covers, pager, delivery method, customer, public and private
//! comments. A scanned loyalty card picks the customer here.

use crossterm::event::KeyEvent;

use crate::kash::order::DeliveryMethod;

use super::super::actions::say;
use super::super::actions::{Field, edit};
use super::super::keymap::Action;
use super::super::screen::{
    CustomerAsk, CustomerConfirmState, DETAIL_FIELDS, DetailsState, FIELD_CUSTOMER, FIELD_DELIVERY,
    FIELD_PRIVATE, FIELD_PUBLIC, Flow, PickFor, Screen,
};
use super::super::state::{App, Severity};

pub fn on_key(app: &mut App, s: &mut DetailsState, action: Option<Action>, key: KeyEvent) -> Flow {
    let n = DETAIL_FIELDS.len();
    let in_comment = s.field >= FIELD_PUBLIC;
    match action {
        Some(Action::NextField) => s.field = (s.field + 1) % n,
        Some(Action::PrevField) => s.field = (s.field + n - 1) % n,
        Some(Action::Cancel) => return Flow::sale(),
        Some(Action::OpenCustomers) => {
            return super::customers::open(app, PickFor::Details(Box::new(s.clone())));
        }
        Some(Action::Accept) if s.field == FIELD_CUSTOMER => {
            return super::customers::open(app, PickFor::Details(Box::new(s.clone())));
        }
        Some(Action::Accept) if !in_comment => return apply(app, s),
        Some(Action::Apply) => return apply(app, s),
        Some(Action::Left | Action::Right) if !in_comment => {
            let forward = action == Some(Action::Right);
            match s.field {
                FIELD_DELIVERY => s.delivery = cycle(&DeliveryMethod::ALL, s.delivery, forward),
                FIELD_CUSTOMER => {
                    let ids: Vec<u64> = app.orders.customers.iter().map(|c| c.id).collect();
                    if ids.is_empty() {
                        s.error = Some(app.settings.lang.t("msg-no-customers"));
                    } else {
                        s.customer_id = cycle(&ids, s.customer_id, forward);
                        s.new_customer = None;
                    }
                }
                _ => {}
            }
        }
        _ => {
            s.error = None;
            match s.field {
                0 => {
                    edit(&mut s.covers, &key, Field::Digits);
                }
                1 => {
                    edit(&mut s.pager, &key, Field::Digits);
                }
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
    Flow::stay()
}

/// A customer's card scanned here picks the customer (a blacklisted one after a
/// confirmation); `None` when the code is no card.
pub fn on_scan(app: &mut App, s: &DetailsState, code: &str) -> Option<Flow> {
    super::customers::on_card(app, code, PickFor::Details(Box::new(s.clone())))
}

/// None, then each in order, then None again.
fn cycle<T: Copy + PartialEq>(all: &[T], current: Option<T>, forward: bool) -> Option<T> {
    let pos = current.and_then(|c| all.iter().position(|x| *x == c));
    let next: Option<usize> = match (pos, forward) {
        (None, true) => Some(0),
        (None, false) => all.len().checked_sub(1),
        (Some(i), true) => (i + 1 < all.len()).then_some(i + 1),
        (Some(i), false) => i.checked_sub(1),
    };
    next.and_then(|i| all.get(i).copied())
}

fn apply(app: &mut App, s: &mut DetailsState) -> Flow {
    let l = app.settings.lang;
    let number = |text: &str, what: &str| -> Result<Option<u32>, String> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<u32>().map(Some).map_err(|_| {
            l.ta(
                "msg-not-a-number",
                &[
                    ("what", crate::i18n::s(l.word("field", what))),
                    ("typed", crate::i18n::s(format!("{t:?}"))),
                ],
            )
        })
    };
    let parsed = number(&s.covers, "Covers").and_then(|c| Ok((c, number(&s.pager, "Pager")?)));
    let (covers, pager) = match parsed {
        Ok(v) => v,
        Err(e) => {
            s.error = Some(e);
            return Flow::stay();
        }
    };
    if let Some(c) = covers
        && c > app.limits.max_covers
    {
        s.error = Some(app.settings.lang.ta(
            "msg-too-many-covers",
            &[
                ("covers", crate::i18n::n(c as usize)),
                ("max", crate::i18n::n(app.limits.max_covers as usize)),
            ],
        ));
        return Flow::stay();
    }
    if let Some(id) = s.customer_id
        && s.customer_id != app.orders.context.customer_id
        && s.confirmed != Some(id)
        && app.orders.customers.get(id).is_some_and(|c| c.blacklist)
    {
        // Chosen with ←/→: a blacklisted customer is confirmed before the sale is theirs.
        let picker = super::customers::picker(app, PickFor::Details(Box::new(s.clone())));
        return Flow::to(Screen::CustomerConfirm(Box::new(CustomerConfirmState {
            ask: CustomerAsk::Blacklisted(id),
            picker: Box::new(picker),
            from_scan: true,
            busy: false,
            error: None,
        })));
    }
    let c = &mut app.orders.context;
    c.covers = covers.filter(|n| *n > 0);
    c.pager = pager.filter(|n| *n > 0);
    c.delivery = s.delivery;
    c.customer_id = s.customer_id;
    c.new_customer = if s.customer_id.is_some() {
        None
    } else {
        s.new_customer.clone()
    };
    c.public_comment = s.public_comment.text();
    c.private_comment =
        crate::pos::sale::comment_with_tags_of(&s.private_comment.text(), &c.private_comment);
    let id = if app.orders.recalled.is_some() {
        "msg-details-set-send"
    } else {
        "msg-details-set"
    };
    say(app, Severity::Info, id, &[]);
    Flow::sale()
}

#[cfg(test)]
mod tests {
    use super::cycle;

    #[test]
    fn cycling_goes_through_none() {
        let all = [1, 2, 3];
        assert_eq!(cycle(&all, None, true), Some(1));
        assert_eq!(cycle(&all, Some(3), true), None);
        assert_eq!(cycle(&all, None, false), Some(3));
        assert_eq!(cycle(&all, Some(1), false), None);
        assert_eq!(cycle::<u8>(&[], None, true), None);
    }
}
