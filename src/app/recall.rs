//! A recalled open order: what would change it, the `editOrder.php` request for its new lines
//! and details, and the rule that a validated order is never changed.

use rust_decimal::Decimal;

use crate::kash::order::{CustomerRef, Order, OrderEdit, Payment};

use super::actions::{alert, capitalise, info};
use super::effect::Effect;
use super::screen::{Flow, Purpose, Screen};
use super::state::{App, Severity};

/// Whether the recalled order would be changed by a send.
pub fn has_changes(app: &App) -> bool {
    app.orders
        .recalled
        .as_ref()
        .is_some_and(|r| !app.basket.is_empty() || app.orders.context != r.context_at_recall)
}

/// The `editOrder.php` request for the recalled order's new lines and details.
pub fn edit_request(
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
        changes.discount = app.basket.discount_total();
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
        if let Some(new) = &c.new_customer {
            changes.customer = Some(CustomerRef::New(new.clone()));
        } else if c.customer_id != was.customer_id {
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

/// The request goes out; keys wait for its answer on the sending screen.
pub fn sending(app: &mut App, label: String, purpose: Purpose, edit: OrderEdit) -> Flow {
    info(app, Severity::Info, format!("{label}…"));
    Flow::to(Screen::Sending { label, purpose }).with(vec![Effect::Edit(Box::new(edit))])
}

/// Refuses (and says why) to change a validated recalled order; `true` when refused.
pub fn refuse_validated(app: &mut App) -> bool {
    if let Some(r) = &app.orders.recalled
        && r.order.validated
        && has_changes(app)
    {
        let l = app.settings.lang;
        let text = l.ta(
            "msg-validated-no-change",
            &[
                (
                    "order",
                    crate::i18n::s(capitalise(&l.order_label(&r.order))),
                ),
                ("law", crate::i18n::s(l.t("msg-law"))),
            ],
        );
        alert(app, text);
        return true;
    }
    false
}
