//! Snapshots of the restaurant screens and states, at 80x24 and 120x40, on the fixture shop:
//! the order context on the sale screen, the table picker, the order details, the open orders
//! (fresh and after a failed refresh), a recalled order, split payments, refunds.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use common::*;
use crossterm::event::KeyCode;
use kash_pos::app::event::Event;
use kash_pos::app::screen::Screen;
use kash_pos::app::state::App;
use kash_pos::app::update;
use kash_pos::kash::KashError;
use kash_pos::kash::client::parse_list;
use kash_pos::kash::model::OrderReceipt;
use time::macros::datetime;

/// English at 80x24 and 120x40; in French (see `in_both_languages`) at 80x24, `<name>_fr_80x24`.
/// The screens that show order numbers, sales by time and total, or the keys' help: in
/// French at 120x40 too.
const FRENCH_AT_BOTH_SIZES: &[&str] = &[
    "orders_open_list",
    "orders_refund_orders",
    "orders_refund_lines",
    "orders_table_picker_typed",
];

fn snap(name: &str, app: &App) {
    if app.settings.lang == kash_pos::i18n::Lang::Fr && FRENCH_AT_BOTH_SIZES.contains(&name) {
        for (w, h) in [(80, 24), (120, 40)] {
            let terminal = render(app, w, h);
            insta::assert_snapshot!(format!("{name}_fr_{w}x{h}"), terminal.backend());
        }
        return;
    }
    if app.settings.lang == kash_pos::i18n::Lang::Fr {
        let terminal = render(app, 80, 24);
        insta::assert_snapshot!(format!("{name}_fr_80x24"), terminal.backend());
        return;
    }
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

/// The fixture shop with its customers and two open orders, at 12:40 on the fixture's day.
fn restaurant() -> App {
    let mut app = loaded_app();
    let f = fixture();
    update(
        &mut app,
        Event::Customers(Ok(parse_list("t", f["customers"].clone()).unwrap().items)),
    );
    update(&mut app, Event::RefreshDue);
    update(
        &mut app,
        Event::Pending {
            at: datetime!(2026-11-22 12:40:00 +01:00),
            result: Ok(parse_list("t", f["pending"].clone()).unwrap().items),
        },
    );
    update(&mut app, Event::Tick(datetime!(2026-11-22 12:40:05 +01:00)));
    app.message = None;
    app
}

fn ok(id: u64) -> Event {
    Event::Edited(Ok(OrderReceipt {
        order_id: id,
        payment_link: None,
        invoice: None,
        quote: None,
    }))
}

#[test]
fn sale_with_order_context() {
    in_both_languages(|| {
        let mut app = restaurant();
        update(&mut app, ctrl('t'));
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter);
        update(&mut app, ctrl('e'));
        type_text(&mut app, "4");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "12");
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Right);
        update(&mut app, ctrl('s'));
        type_text(&mut app, "3760000000017\n3*3760000000024\n");
        snap("orders_sale_with_context", &app);
    });
}

#[test]
fn table_picker() {
    in_both_languages(|| {
        let mut app = restaurant();
        update(&mut app, ctrl('t'));
        assert!(matches!(app.screen, Screen::Tables { .. }));
        snap("orders_table_picker", &app);
        type_text(&mut app, "2");
        snap("orders_table_picker_typed", &app);
    });
}

#[test]
fn order_details_typing_a_comment() {
    in_both_languages(|| {
        let mut app = restaurant();
        update(&mut app, ctrl('e'));
        type_text(&mut app, "2");
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "Sans gluten\nAllergie : noix");
        snap("orders_details_comment", &app);
    });
}

#[test]
fn open_orders() {
    in_both_languages(|| {
        let mut app = restaurant();
        update(&mut app, ctrl('o'));
        snap("orders_open_list", &app);
        type_text(&mut app, "tt");
        snap("orders_open_list_table_two", &app);
    });
}

#[test]
fn open_orders_after_a_failed_refresh() {
    in_both_languages(|| {
        let mut app = restaurant();
        update(&mut app, ctrl('o'));
        update(
            &mut app,
            Event::Pending {
                at: datetime!(2026-11-22 12:42:10 +01:00),
                result: Err(KashError::Unreachable {
                    endpoint: "getPending".into(),
                    detail: "refused".into(),
                }),
            },
        );
        update(&mut app, Event::Tick(datetime!(2026-11-22 12:42:10 +01:00)));
        assert_eq!(app.orders.pending.orders.len(), 2);
        snap("orders_open_list_refresh_failed", &app);
    });
}

#[test]
fn open_orders_with_orders_parked_offline() {
    in_both_languages(|| {
        let mut app = restaurant();
        update(&mut app, ctrl('o'));
        // The second one's item is not in the catalog: its total is not known, not shown.
        let parked = |state, minutes: u8, total| kash_pos::app::state::ParkedInJournal {
            reference: format!("KP-AAAAAAAAA{minutes}"),
            created_at: format!("2026-11-22T11:{minutes:02}:00Z"),
            state,
            total,
            table_id: Some(2),
            covers: Some(3),
            lines: vec![kash_pos::kash::order::ItemsListEntry::item(
                999_999,
                rust_decimal::Decimal::ONE,
            )],
        };
        update(
            &mut app,
            Event::JournalParked(Ok(vec![
                parked(
                    kash_pos::journal::State::Queued,
                    30,
                    Some(rust_decimal_macros::dec!(3.70)),
                ),
                parked(kash_pos::journal::State::Uncertain, 35, None),
            ])),
        );
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter);
        assert!(app.orders.recalled.is_none());
        snap("orders_open_list_parked_offline", &app);
    });
}

fn recalled() -> App {
    let mut app = restaurant();
    update(&mut app, ctrl('o'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "2*3760000000048\n");
    app
}

#[test]
fn recalled_order_with_a_new_line() {
    in_both_languages(|| {
        snap("orders_recalled_new_line", &recalled());
    });
}

#[test]
fn sending_new_lines() {
    in_both_languages(|| {
        let mut app = recalled();
        let effects = update(&mut app, ctrl('p'));
        assert_eq!(effects.len(), 1);
        snap("orders_sending", &app);
    });
}

#[test]
fn refusal_keeps_what_was_typed() {
    in_both_languages(|| {
        let mut app = recalled();
        update(&mut app, ctrl('p'));
        update(
            &mut app,
            Event::Edited(Err(KashError::Refused {
                endpoint: "editOrder".into(),
                message: "Order 17724460 is validated: its lines and details can no longer be changed; only payments can be recorded".into(),
            })),
        );
        assert_eq!(app.basket.lines.len(), 1);
        snap("orders_edit_refused", &app);
    });
}

#[test]
fn validated_order_cannot_be_changed() {
    in_both_languages(|| {
        let mut app = restaurant();
        update(&mut app, ctrl('o'));
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter);
        type_text(&mut app, "3760000000017\n");
        let effects = update(&mut app, ctrl('p'));
        assert!(effects.is_empty());
        snap("orders_validated_refusal", &app);
    });
}

#[test]
fn split_payment() {
    in_both_languages(|| {
        let mut app = restaurant();
        update(&mut app, ctrl('o'));
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::F(9));
        snap("orders_pay_start", &app);
        type_text(&mut app, "10");
        press(&mut app, KeyCode::F(1));
        update(&mut app, ok(17_724_460));
        snap("orders_pay_after_cash", &app);
        type_text(&mut app, "20");
        press(&mut app, KeyCode::F(2));
        let Screen::OrderPay(s) = &app.screen else {
            panic!()
        };
        assert!(s.error.is_some());
        snap("orders_pay_card_over_due", &app);
        for _ in 0..2 {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, "15");
        press(&mut app, KeyCode::F(1));
        update(&mut app, ok(17_724_460));
        snap("orders_pay_done_with_change", &app);
    });
}

fn validated_orders() -> App {
    let mut app = restaurant();
    update(&mut app, ctrl('r'));
    let mut list: Vec<kash_pos::kash::model::PendingOrder> =
        parse_list("t", fixture()["pending"].clone()).unwrap().items;
    for o in &mut list {
        o.validated = true;
    }
    update(&mut app, Event::Validated(Ok(list)));
    app
}

#[test]
fn refund_screens() {
    in_both_languages(|| {
        let mut app = restaurant();
        update(&mut app, ctrl('r'));
        snap("orders_refund_loading", &app);
        let mut app = validated_orders();
        snap("orders_refund_orders", &app);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Down);
        type_text(&mut app, "-");
        snap("orders_refund_lines", &app);
        press(&mut app, KeyCode::Enter);
        assert!(app.basket.total() < rust_decimal::Decimal::ZERO);
        snap("orders_refund_in_basket", &app);
    });
}

#[test]
fn refund_screens_after_earlier_refunds() {
    in_both_languages(|| {
        let mut app = restaurant();
        update(&mut app, ctrl('r'));
        let mut list: Vec<kash_pos::kash::model::PendingOrder> =
            parse_list("t", fixture()["pending"].clone()).unwrap().items;
        for o in &mut list {
            o.validated = true;
        }
        // The first order refunded in full, the second in part: two refund orders, not listed.
        let mut refunds = Vec::new();
        for (i, o) in list.iter().take(2).enumerate() {
            let mut r = o.clone();
            r.order_id = 900 + o.order_id;
            r.private_comment = kash_pos::pos::refund::tag(o.order_id);
            for l in &mut r.items {
                l.quantity = -l.quantity;
            }
            if i == 1 {
                r.items.truncate(1);
                r.items[0].quantity = -rust_decimal::Decimal::ONE;
            }
            r.price = r.items.iter().map(|l| l.quantity * l.price).sum();
            refunds.push(r);
        }
        let first = list[0].order_id;
        list.extend(refunds);
        update(&mut app, Event::Validated(Ok(list)));
        let Screen::RefundOrders(s) = &app.screen else {
            panic!()
        };
        assert_eq!(s.orders.len(), 2, "refunds are not offered");
        snap("orders_refund_orders_refunded", &app);
        // Newest first: the order refunded in part, then the one refunded in full.
        assert_eq!(s.orders[1].order_id, first);
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter);
        assert!(matches!(app.screen, Screen::RefundOrders(_)));
        snap("orders_refund_nothing_left", &app);
        press(&mut app, KeyCode::Up);
        press(&mut app, KeyCode::Enter);
        snap("orders_refund_lines_left", &app);
    });
}

/// A line the server lists by its item's title keeps the text of its chosen variations.
#[test]
fn recalled_lines_keep_their_variation_text() {
    let mut app = restaurant();
    update(&mut app, ctrl('o'));
    press(&mut app, KeyCode::Enter);
    if let Some(r) = &mut app.orders.recalled {
        // "Café expresso", with the size Grand (choice 12) and a choice the title names.
        r.order.items[1].declinaisons = vec![12];
        r.order.items[0].declinaisons = vec![22];
    }
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Café expresso (Grand)"), "{text}");
    assert!(text.contains("Entrecôte frites (Saignant)"), "{text}");
    assert!(!text.contains("(Saignant) (Saignant)"), "{text}");
}

#[test]
fn recalled_order_with_lines_that_could_not_be_read() {
    in_both_languages(|| {
        let mut app = restaurant();
        update(&mut app, ctrl('o'));
        press(&mut app, KeyCode::Enter);
        if let Some(r) = &mut app.orders.recalled {
            r.order.unreadable_lines = 2;
        }
        snap("orders_recalled_unreadable_lines", &app);
    });
}

#[test]
fn open_orders_without_dates_say_why_their_age_is_unknown() {
    in_both_languages(|| {
        let mut app = restaurant();
        // One order with no date at all, one whose date cannot be read.
        app.orders.pending.orders[0].date = String::new();
        app.orders.pending.orders[1].date = "yesterday noon".to_string();
        update(&mut app, ctrl('o'));
        let text = format!("{:?}", render(&app, 80, 24).backend());
        let (no_date, bad_date) = (
            app.settings.lang.t("age-no-date"),
            app.settings.lang.t("age-bad-date"),
        );
        assert!(
            text.contains(&no_date) && text.contains(&bad_date),
            "{text}"
        );
        snap("orders_open_list_undated", &app);
    });
}
