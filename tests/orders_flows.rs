//! Restaurant service against the simulator: park, recall, add lines, split payments, refunds,
//! the background refresh, and what happens when another terminal changes the same order.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use common::{ctrl, key};
use crossterm::event::KeyCode;
use kash_pos::app::event::Event;
use kash_pos::app::screen::RefundOrdersState;
use kash_pos::app::screen::Screen;
use kash_pos::app::state::Settings;
use kash_pos::app::{Effect, update};
use kash_pos::kash::order::{DeliveryMethod, ItemsListEntry, Order, Payment};
use kash_pos::money::MoneyStyle;
use kash_pos::sim::Faults;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use common::till::Till;
use std::time::Duration;

async fn open() -> Till {
    let mut till = Till::open_with(
        Settings {
            shop_id: "demo".into(),
            demo: true,
            user_id: Some(1),
            cashbox_id: Some(1),
            money_style: MoneyStyle::French,
            lang: kash_pos::i18n::Lang::En,
            theme: kash_pos::look::Theme::Default,
            utc_offset: time::UtcOffset::UTC,
            in_store: kash_pos::pos::barcode::InStoreTemplate::defaults(),
        },
        "demo",
    )
    .await;
    assert_eq!(till.app.screen, Screen::Sale);
    till.app.orders.refresh_secs = 10;
    till
}

impl Till {
    #[allow(clippy::unnecessary_wraps)] // the assertions match on `Some(screen)`
    fn orders_mode(&self) -> Option<&Screen> {
        Some(&self.app.screen)
    }

    /// Parks a baguette and two croissants at table 2 and returns the order id.
    async fn park_table_two(&mut self) -> u64 {
        self.ctrl('t').await;
        self.press(KeyCode::Down).await;
        self.press(KeyCode::Enter).await;
        self.type_text("3760123400015\n2*3760123400114\n").await;
        self.ctrl('p').await;
        assert_eq!(self.app.screen, Screen::Sale, "{:?}", self.app.message);
        self.sim.orders().last().unwrap().id
    }

    /// Opens the open orders and recalls the one with this id.
    async fn recall(&mut self, id: u64) {
        self.ctrl('o').await;
        let index = self
            .app
            .orders
            .pending
            .orders
            .iter()
            .position(|o| o.order_id == id)
            .expect("the open order is listed");
        for _ in 0..index {
            self.press(KeyCode::Down).await;
        }
        self.press(KeyCode::Enter).await;
        assert_eq!(
            self.app.orders.recalled.as_ref().map(|r| r.order.order_id),
            Some(id)
        );
    }
}

#[tokio::test]
async fn park_recall_add_lines_and_split_payment_cash_and_card() {
    let mut till = open().await;
    // Table 2, then the details: 3 covers, pager 12, on site, a customer, a two-line comment.
    till.ctrl('t').await;
    till.press(KeyCode::Down).await;
    till.press(KeyCode::Enter).await;
    till.ctrl('e').await;
    till.type_text("3").await;
    till.press(KeyCode::Tab).await;
    till.type_text("12").await;
    till.press(KeyCode::Tab).await;
    for _ in 0..3 {
        till.press(KeyCode::Right).await;
    }
    till.press(KeyCode::Tab).await;
    till.press(KeyCode::Right).await;
    till.press(KeyCode::Tab).await;
    till.type_text("Sans gluten\nmerci").await;
    till.ctrl('s').await;
    assert_eq!(till.app.screen, Screen::Sale, "{:?}", till.app.screen);
    let customer = till.app.orders.customers[0].id;
    till.type_text("3760123400015\n2*3760123400114\n").await;
    let first_total = till.app.basket.total();

    // Park: the order is sent open and a new sale starts at once.
    till.ctrl('p').await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert!(till.app.basket.is_empty());
    assert!(till.app.orders.context.is_empty());
    let o = till.sim.orders().last().unwrap().clone();
    assert!(!o.validated && o.payments.is_empty());
    assert_eq!(o.table_id, Some(2));
    assert_eq!(o.covers, Some(3));
    assert_eq!(o.pager, Some(12));
    assert_eq!(o.delivery_method, Some(DeliveryMethod::OnSite.code()));
    assert_eq!(o.customer_id, Some(customer));
    assert_eq!(o.public_comment, "Sans gluten\nmerci");
    assert_eq!(o.total(), first_total);
    // The refresh that followed the park lists it.
    assert!(
        till.app
            .orders
            .pending
            .orders
            .iter()
            .any(|p| p.order_id == o.id)
    );

    // Recall it, add a pain aux raisins (item 14), and pay: 10 € cash, the rest by card.
    till.recall(o.id).await;
    assert_eq!(till.app.orders.context.table_id, Some(2));
    till.type_text("14\n").await;
    assert_eq!(till.app.basket.lines.len(), 1);
    till.press(KeyCode::F(9)).await;
    assert!(
        matches!(till.orders_mode(), Some(Screen::OrderPay(_))),
        "{:?} {:?}",
        till.app.screen,
        till.app.alert
    );
    assert!(till.app.basket.is_empty(), "the new lines were sent");
    let sent = till.sim.order(o.id).unwrap();
    assert_eq!(sent.lines.len(), 3);
    assert!(!sent.validated);
    let total = sent.total();
    let r = till.app.orders.recalled.as_ref().unwrap();
    assert_eq!(r.total(), total);
    assert_eq!(r.due(), total);

    till.type_text("2").await;
    till.press(KeyCode::F(1)).await;
    let r = till.app.orders.recalled.as_ref().unwrap();
    assert_eq!(r.due(), total - dec!(2), "what is still due after the cash");
    assert!(matches!(till.orders_mode(), Some(Screen::OrderPay(s)) if s.done.is_none()));
    till.press(KeyCode::F(2)).await;
    let Some(Screen::OrderPay(s)) = till.orders_mode() else {
        panic!("{:?}", till.app.screen)
    };
    assert_eq!(
        s.done,
        Some(Decimal::ZERO),
        "{:?} {:?}",
        s,
        till.app.message
    );
    let paid = till.sim.order(o.id).unwrap();
    assert_eq!(paid.payments, vec![(1, dec!(2)), (2, total - dec!(2))]);
    assert!(paid.validated && paid.is_paid());
    // Any key: a new sale; the order has left the open orders.
    till.press(KeyCode::Enter).await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert!(till.app.orders.recalled.is_none());
    assert!(
        !till
            .app
            .orders
            .pending
            .orders
            .iter()
            .any(|p| p.order_id == o.id)
    );
}

#[tokio::test]
async fn cash_over_what_is_due_gives_change_and_card_cannot_overpay() {
    let mut till = open().await;
    let id = till.park_table_two().await;
    till.recall(id).await;
    let total = till.sim.order(id).unwrap().total();
    till.press(KeyCode::F(9)).await;
    till.type_text("100").await;
    till.press(KeyCode::F(2)).await;
    let Some(Screen::OrderPay(s)) = till.orders_mode() else {
        panic!()
    };
    assert!(s.error.as_deref().unwrap().contains("cannot take more"));
    assert!(till.sim.order(id).unwrap().payments.is_empty());
    till.press(KeyCode::F(1)).await;
    let Some(Screen::OrderPay(s)) = till.orders_mode() else {
        panic!()
    };
    assert_eq!(s.done, Some(dec!(100) - total));
    assert_eq!(till.sim.order(id).unwrap().payments, vec![(1, total)]);
}

#[tokio::test]
async fn refund_part_of_a_validated_order() {
    let mut till = open().await;
    // A card sale of a baguette and two croissants.
    till.type_text("3760123400015\n2*3760123400114\n").await;
    till.press(KeyCode::F(2)).await;
    let sold = till.sim.orders()[0].clone();
    assert!(sold.is_paid());
    till.press(KeyCode::Esc).await;

    // Ctrl-R on an empty basket: the validated orders; refund one of the two croissants.
    till.ctrl('r').await;
    let Some(Screen::RefundOrders(RefundOrdersState { orders, .. })) = till.orders_mode() else {
        panic!("{:?}", till.app.screen)
    };
    assert_eq!(orders[0].order_id, sold.id);
    till.press(KeyCode::Enter).await;
    till.press(KeyCode::Delete).await; // not the baguette
    till.press(KeyCode::Down).await;
    till.type_text("-").await; // one croissant of two
    till.press(KeyCode::Enter).await;
    assert_eq!(till.app.screen, Screen::Sale);
    let croissant = sold.lines[1].unit_price;
    assert_eq!(till.app.basket.total(), -croissant);
    // Paid out with the card refund mode (F8).
    till.press(KeyCode::F(8)).await;
    assert!(
        matches!(till.app.screen, Screen::Receipt(_)),
        "{:?}",
        till.app.message
    );
    let orders = till.sim.orders();
    assert_eq!(orders.len(), 2);
    let refund = &orders[1];
    assert_eq!(refund.lines.len(), 1);
    assert_eq!(refund.lines[0].item_id(), Some(11));
    assert_eq!(refund.lines[0].quantity, dec!(-1));
    assert_eq!(refund.total(), -croissant);
    assert_eq!(refund.payments, vec![(8, -croissant)]);
    assert!(refund.private_comment.starts_with("Refund of order"));
    // The sale itself is untouched.
    assert_eq!(till.sim.order(sold.id).unwrap(), sold);
}

#[tokio::test]
async fn refund_from_scratch_with_negative_quantities() {
    let mut till = open().await;
    till.type_text("3760123400015\n").await;
    till.ctrl('r').await;
    // Asked first: Enter makes the basket a refund.
    assert!(till.app.basket.total() > Decimal::ZERO);
    till.press(KeyCode::Enter).await;
    assert!(till.app.basket.total() < Decimal::ZERO);
    // Cash refund (F7): the whole amount is paid out.
    till.press(KeyCode::F(7)).await;
    assert!(
        matches!(till.app.screen, Screen::Receipt(_)),
        "{:?} {:?}",
        till.app.screen,
        till.app.message
    );
    let o = &till.sim.orders()[0];
    assert_eq!(o.lines[0].quantity, dec!(-1));
    assert_eq!(o.payments, vec![(7, o.total())]);
}

#[tokio::test]
async fn the_background_refresh_picks_up_an_order_made_on_another_terminal() {
    let mut till = open().await;
    till.event(Event::RefreshDue).await;
    assert!(till.app.orders.pending.orders.is_empty());
    // Another terminal opens an order at table 3.
    let mut order = Order::new(Payment::Open);
    order.lines = vec![ItemsListEntry::item(1, dec!(2))];
    order.table_id = Some(3);
    order.covers = Some(4);
    let id = till.sim.create_order(&order).unwrap();
    // A refresh already under way is not doubled.
    let effects = update(&mut till.app, Event::RefreshDue);
    assert_eq!(effects, vec![Effect::RefreshPending]);
    assert!(update(&mut till.app, Event::RefreshDue).is_empty());
    till.run(effects).await;
    let listed = &till.app.orders.pending.orders;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].order_id, id);
    assert_eq!(listed[0].table_id, Some(3));
    assert!(till.app.orders.pending.error.is_none());

    // A failed refresh keeps the last list and says so.
    till.sim.set_faults(Faults {
        html_rate: 1.0,
        ..Faults::default()
    });
    till.event(Event::RefreshDue).await;
    assert_eq!(till.app.orders.pending.orders.len(), 1);
    assert!(till.app.orders.pending.error.is_some());
    let (_, text) = kash_pos::ui::format::freshness(&till.app);
    assert!(text.contains("refresh failed"), "{text}");
    till.sim.set_faults(Faults::default());
    till.event(Event::RefreshDue).await;
    assert!(till.app.orders.pending.error.is_none());
}

#[tokio::test]
async fn a_validated_order_is_never_changed_and_what_was_typed_is_kept() {
    let mut till = open().await;
    let id = till.park_table_two().await;
    till.recall(id).await;
    // Another terminal validates it meanwhile; a line is added here.
    till.sim.validate_order(id).unwrap();
    till.type_text("14\n").await;
    till.ctrl('p').await;
    assert_eq!(till.app.screen, Screen::Sale);
    let alert = till.app.alert.clone().expect("the refusal stays in view");
    assert!(alert.contains("validated"), "{alert}");
    assert!(alert.contains("kept"), "{alert}");
    assert_eq!(till.app.basket.lines.len(), 1, "what was typed is kept");
    assert_eq!(till.sim.order(id).unwrap().lines.len(), 2);
    // The refresh that followed knows it is validated: now the till refuses by itself, and says why.
    assert!(till.app.orders.recalled.as_ref().unwrap().order.validated);
    let effects = update(&mut till.app, ctrl('p'));
    assert!(effects.is_empty());
    let alert = till.app.alert.clone().unwrap();
    assert!(alert.contains("French law"), "{alert}");
    assert_eq!(till.app.basket.lines.len(), 1);
    update(&mut till.app, key(KeyCode::Esc));
    let effects = update(&mut till.app, ctrl('e'));
    assert!(effects.is_empty());
    assert!(till.app.alert.clone().unwrap().contains("French law"));
    // Payments can still be recorded once the new line is set aside.
    update(&mut till.app, key(KeyCode::Down));
    update(&mut till.app, key(KeyCode::Delete));
    // F2 opens the payments with the card selected; Enter pays what is due.
    till.press(KeyCode::F(2)).await;
    assert!(matches!(till.orders_mode(), Some(Screen::OrderPay(s)) if s.selected == 1));
    till.press(KeyCode::Enter).await;
    assert!(matches!(till.orders_mode(), Some(Screen::OrderPay(s)) if s.done.is_some()));
    assert!(till.sim.order(id).unwrap().is_paid());
}

#[tokio::test]
async fn an_order_closed_on_another_terminal_is_said_at_the_next_refresh() {
    let mut till = open().await;
    let id = till.park_table_two().await;
    till.recall(id).await;
    till.sim.close_order(id).unwrap();
    till.event(Event::RefreshDue).await;
    assert!(till.app.orders.recalled.as_ref().unwrap().gone);
    let m = till.app.message.clone().unwrap();
    assert!(m.text.contains("another terminal"), "{}", m.text);
}

#[tokio::test]
async fn a_lost_answer_to_a_payment_says_it_may_be_recorded_and_shows_the_server_total() {
    let mut till = open().await;
    let id = till.park_table_two().await;
    till.recall(id).await;
    till.press(KeyCode::F(9)).await;
    assert!(
        matches!(till.orders_mode(), Some(Screen::OrderPay(_))),
        "{:?}",
        till.app.screen
    );
    let total = till.sim.order(id).unwrap().total();
    // The server records the 2 € in cash, then answers after the till has given up (3 s).
    till.sim.set_faults(Faults {
        delay_after_record: Duration::from_secs(4),
        ..Faults::default()
    });
    till.type_text("2").await;
    till.press(KeyCode::F(1)).await;
    till.sim.set_faults(Faults::default());
    let said = till.app.message.as_ref().unwrap().text.clone();
    assert!(said.contains("may have been recorded"), "{said}");
    assert_eq!(
        till.sim.order(id).unwrap().payments,
        vec![(1, dec!(2))],
        "recorded once, not retried"
    );
    // The refresh that followed shows what the server holds: 2 € paid, the rest due.
    let listed = till
        .app
        .orders
        .pending
        .orders
        .iter()
        .find(|p| p.order_id == id)
        .unwrap();
    assert_eq!(listed.paid, Some(dec!(2)));
    assert_eq!(
        till.app.orders.recalled.as_ref().unwrap().due(),
        total - dec!(2)
    );
}

#[tokio::test]
async fn a_sale_recorded_twice_is_refunded_on_one_key() {
    let mut till = open().await;
    // A sale by card; then the sender finds its reference on a second order (a resend that
    // landed too): the copy is the second order.
    till.type_text("3760123400015\n").await;
    till.press(KeyCode::F(2)).await;
    let Screen::Receipt(r) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    let kept = r.order_id.unwrap();
    let reference = r.submission.reference.clone().unwrap();
    till.press(KeyCode::Enter).await;
    till.type_text("3760123400015\n").await;
    till.press(KeyCode::F(2)).await;
    let Screen::Receipt(r) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    let copy = r.order_id.unwrap();
    till.press(KeyCode::Enter).await;
    let double = kash_pos::journal::DoubleOrder {
        seq: 1,
        reference: reference.clone(),
        kept_order_id: kept,
        second_order_id: copy,
    };
    till.event(Event::Delivery(kash_pos::journal::SenderEvent {
        seq: 1,
        reference,
        outcome: kash_pos::journal::Outcome::Double(double),
        created_at: String::new(),
        request: None,
        waiting: 0,
        need_attention: 0,
    }))
    .await;
    let text = till.app.alert.clone().unwrap_or_default();
    assert!(
        text.contains(&format!("orders {kept} and {copy}")),
        "{text}"
    );
    assert_eq!(till.app.attention.len(), 1);
    // Ctrl-W, Enter: the copy's lines, whole, to refund; Enter puts them in the basket.
    till.ctrl('w').await;
    till.press(KeyCode::Enter).await;
    let Screen::RefundLines(s) = &till.app.screen else {
        panic!("{:?} {:?}", till.app.screen, till.app.message)
    };
    assert_eq!(s.order.order_id, copy);
    till.press(KeyCode::Enter).await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert_eq!(till.app.basket.total(), dec!(-1.30));
    assert!(till.app.attention.is_empty());
    assert!(
        till.app
            .orders
            .context
            .private_comment
            .starts_with("Refund of order"),
        "{}",
        till.app.orders.context.private_comment
    );
}

/// A server that sends an order's lines as itemsList strings: the recalled order says its lines
/// could not be read, and is paid only for the server's total once the cashier has read it.
#[tokio::test]
async fn lines_the_till_cannot_read_are_said_and_paid_only_after_the_total_is_shown() {
    let mut till = open().await;
    let id = till.park_table_two().await;
    till.sim.set_variant(kash_pos::sim::Variant {
        lines_as_strings: true,
        ..kash_pos::sim::Variant::default()
    });
    till.recall(id).await;
    let recalled = till.app.orders.recalled.as_ref().unwrap();
    assert_eq!(recalled.order.unreadable_lines, 2, "{:?}", recalled.order);
    let total = till.sim.order(id).unwrap().total();
    assert_eq!(recalled.total(), total);
    let screen = format!("{:?}", common::render(&till.app, 80, 24).backend());
    assert!(screen.contains("2 lines could not be read"), "{screen}");

    till.press(KeyCode::F(9)).await;
    assert!(
        matches!(till.app.screen, Screen::OrderPay(_)),
        "{:?}",
        till.app.screen
    );
    // The first press shows the server's total and pays nothing.
    till.press(KeyCode::F(1)).await;
    assert!(till.sim.order(id).unwrap().payments.is_empty());
    let Screen::OrderPay(pay) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    let said = pay.error.clone().unwrap_or_default();
    assert!(
        said.contains("2 lines of this order could not be read")
            && said.contains(&kash_pos::money::format_money(total, MoneyStyle::French)),
        "{said}"
    );
    let screen = format!("{:?}", common::render(&till.app, 80, 24).backend());
    assert!(
        screen.contains("2 lines of this order could not be"),
        "{screen}"
    );
    // The same key again pays that total.
    till.press(KeyCode::F(1)).await;
    assert_eq!(till.sim.order(id).unwrap().payments, vec![(1, total)]);
}

#[tokio::test]
async fn amount_first_on_a_recalled_order_pays_that_amount_at_once() {
    let mut till = open().await;
    let id = till.park_table_two().await;
    till.recall(id).await;
    let total = till.sim.order(id).unwrap().total();
    // 2 € by card first (F2): a part, the rest still due.
    till.type_text("2").await;
    till.press(KeyCode::F(2)).await;
    let Some(Screen::OrderPay(s)) = till.orders_mode() else {
        panic!("{:?} {:?}", till.app.screen, till.app.message)
    };
    assert!(s.done.is_none());
    assert_eq!(till.sim.order(id).unwrap().payments, vec![(2, dec!(2))]);
    till.press(KeyCode::Esc).await;
    // Then 20 € cash (F1): paid in full, the change on screen.
    till.type_text("20").await;
    till.press(KeyCode::F(1)).await;
    let Some(Screen::OrderPay(s)) = till.orders_mode() else {
        panic!("{:?} {:?}", till.app.screen, till.app.message)
    };
    assert_eq!(s.done, Some(dec!(22) - total));
    let paid = till.sim.order(id).unwrap();
    assert_eq!(paid.payments, vec![(2, dec!(2)), (1, total - dec!(2))]);
    assert!(paid.is_paid());
    // With a new line to send first, the amount waits in the payments screen's field.
    till.press(KeyCode::Esc).await;
    let id = till.park_table_two().await;
    till.recall(id).await;
    till.type_text("3760123400015\n").await;
    till.type_text("5").await;
    till.press(KeyCode::F(1)).await;
    let Some(Screen::OrderPay(s)) = till.orders_mode() else {
        panic!("{:?} {:?}", till.app.screen, till.app.message)
    };
    assert_eq!(s.amount, "5");
    assert!(till.sim.order(id).unwrap().payments.is_empty());
    till.press(KeyCode::F(1)).await;
    assert_eq!(till.sim.order(id).unwrap().payments, vec![(1, dec!(5))]);
    till.press(KeyCode::Esc).await;
    till.press(KeyCode::Esc).await;
    // A card over what is due is refused on the payments screen, nothing sent.
    let id = till.park_table_two().await;
    till.recall(id).await;
    till.type_text("50").await;
    till.press(KeyCode::F(2)).await;
    let Some(Screen::OrderPay(s)) = till.orders_mode() else {
        panic!()
    };
    assert!(s.error.is_some());
    assert!(till.sim.order(id).unwrap().payments.is_empty());
}
