//! Refund once, against the simulator: what a refund gave back is not offered again, whether
//! the refund is on the server (seen by any till) or still in this till's journal, and a
//! refund order is never itself offered for refund.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use crossterm::event::KeyCode;
use kash_pos::app::screen::{RefundOrdersState, Screen};
use kash_pos::app::state::Settings;
use kash_pos::journal::Journal;
use kash_pos::kash::order::{ItemsListEntry, Order, Payment};
use kash_pos::money::MoneyStyle;
use rust_decimal_macros::dec;

use common::till::Till;

async fn open() -> Till {
    let till = Till::open_with(
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
    till
}

fn refund_list(till: &Till) -> &RefundOrdersState {
    let Screen::RefundOrders(s) = &till.app.screen else {
        panic!("{:?} {:?}", till.app.screen, till.app.message)
    };
    s
}

/// A card sale of a baguette and two croissants; returns its order number.
async fn sell(till: &mut Till) -> u64 {
    till.type_text("3760123400015\n2*3760123400114\n").await;
    till.press(KeyCode::F(2)).await;
    let sold = till.sim.orders().last().unwrap().clone();
    assert!(sold.is_paid());
    till.press(KeyCode::Esc).await;
    sold.id
}

/// Ctrl-R, Enter on the order `id`.
async fn choose(till: &mut Till, id: u64) {
    till.ctrl('r').await;
    let index = refund_list(till)
        .orders
        .iter()
        .position(|o| o.order_id == id)
        .expect("the sale is offered");
    for _ in 0..index {
        till.press(KeyCode::Down).await;
    }
    till.press(KeyCode::Enter).await;
}

#[tokio::test]
async fn refund_part_then_the_rest_then_nothing_is_left() {
    let mut till = open().await;
    let sold = sell(&mut till).await;

    // One croissant of two, paid out by card refund (F8).
    choose(&mut till, sold).await;
    let Screen::RefundLines(s) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    assert_eq!(s.left, vec![dec!(1), dec!(2)]);
    till.press(KeyCode::Delete).await; // not the baguette
    till.press(KeyCode::Down).await;
    till.type_text("-").await;
    till.press(KeyCode::Enter).await;
    till.press(KeyCode::F(8)).await;
    assert!(
        matches!(till.app.screen, Screen::Receipt(_)),
        "{:?}",
        till.app.message
    );
    let first = till.sim.orders().last().unwrap().clone();
    assert!(first.private_comment.contains("[kash-pos refund-of "));
    till.press(KeyCode::Esc).await;

    // Ctrl-R again: the refund is not offered; the sale offers only what is left.
    till.ctrl('r').await;
    let ids: Vec<u64> = refund_list(&till)
        .orders
        .iter()
        .map(|o| o.order_id)
        .collect();
    assert_eq!(
        ids,
        vec![sold],
        "the refund order is not offered for refund"
    );
    till.press(KeyCode::Enter).await;
    let Screen::RefundLines(s) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    assert_eq!(s.left, vec![dec!(1), dec!(1)]);
    assert_eq!(s.quantities, s.left);
    // + cannot take more than is left.
    till.press(KeyCode::Down).await;
    till.type_text("+").await;
    let Screen::RefundLines(s) = &till.app.screen else {
        panic!()
    };
    assert_eq!(s.quantities, vec![dec!(1), dec!(1)]);
    till.press(KeyCode::Enter).await;
    till.press(KeyCode::F(8)).await;
    assert!(
        matches!(till.app.screen, Screen::Receipt(_)),
        "{:?}",
        till.app.message
    );
    till.press(KeyCode::Esc).await;
    let orders = till.sim.orders();
    assert_eq!(orders.len(), 3);
    let sale = till.sim.order(sold).unwrap();
    let refunded: rust_decimal::Decimal =
        orders[1..].iter().map(kash_pos::sim::SimOrder::total).sum();
    assert_eq!(refunded, -sale.total(), "refunded once, in full");

    // A third Ctrl-R: nothing is left of the sale, and the basket stays empty.
    choose(&mut till, sold).await;
    assert!(matches!(till.app.screen, Screen::RefundOrders(_)));
    let said = till.app.message.as_ref().unwrap().text.clone();
    assert!(said.contains("nothing is left"), "{said}");
    assert!(till.app.basket.is_empty());

    // Another till (or this one after losing its journal) reads the same from the server.
    till.press(KeyCode::Esc).await;
    till.services.journal = Journal::open_in_memory().unwrap();
    choose(&mut till, sold).await;
    let said = till.app.message.as_ref().unwrap().text.clone();
    assert!(said.contains("nothing is left"), "{said}");
}

#[tokio::test]
async fn a_refund_still_in_the_journal_is_not_offered_again() {
    let mut till = open().await;
    let sold = sell(&mut till).await;
    // A refund of both croissants, journaled but not delivered (the server was down).
    let mut refund = Order::new(Payment::Mode(8));
    refund.private_comment = Some(kash_pos::pos::refund::tag_comment(
        Some("Refund of order"),
        sold,
    ));
    refund.lines = vec![ItemsListEntry::Item {
        id: 11,
        quantity: dec!(-2),
        title: Some("Croissant".into()),
        price: Some(till.sim.order(sold).unwrap().lines[1].unit_price),
        variations: Vec::new(),
    }];
    till.services.journal.record_sale(refund).unwrap();
    assert_eq!(till.sim.orders().len(), 1);

    choose(&mut till, sold).await;
    let Screen::RefundLines(s) = &till.app.screen else {
        panic!("{:?} {:?}", till.app.screen, till.app.message)
    };
    assert_eq!(s.left, vec![dec!(1), dec!(0)]);
}
