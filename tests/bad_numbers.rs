//! Bad numbers at the counter never crash the till nor touch the basket: a quantity or a price
//! over the limits is refused with a message, absurd catalog prices are left out at load with the
//! count, and the screen still draws.

#![allow(clippy::unwrap_used)]

mod common;

use common::{loaded_app, loaded_events, render, settings, type_text};
use crossterm::event::KeyCode;
use kash_pos::app::event::{Event, Loaded};
use kash_pos::app::state::App;
use kash_pos::app::{start, update};
use kash_pos::kash::ListEndpoint;
use kash_pos::kash::client::parse_list;
use serde_json::json;

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_huge_quantity_is_refused_and_the_basket_kept() {
    let mut app = loaded_app();
    type_text(&mut app, "2*1\n");
    assert_eq!(app.basket.lines.len(), 1);
    let before = app.basket.clone();
    // The case: a 28-digit quantity times an item.
    type_text(&mut app, "9999999999999999999999999999*1\n");
    assert_eq!(app.basket, before);
    let text = message(&app);
    assert!(
        text.contains("refused") && text.contains("max_quantity"),
        "{text}"
    );
    // 10 000 of one item: over the default 9 999.
    app.entry.clear();
    type_text(&mut app, "9998*1\n");
    assert_eq!(app.basket, before, "2 + 9 998 = 10 000 is over the limit");
    type_text(&mut app, "9997*1\n");
    assert_eq!(
        app.basket.lines[0].quantity,
        rust_decimal_macros::dec!(9999)
    );
    // `+` on a line at the limit: refused, the line stays at 9 999.
    let _ = update(&mut app, common::key(KeyCode::Char('+')));
    assert_eq!(
        app.basket.lines[0].quantity,
        rust_decimal_macros::dec!(9999)
    );
    render(&app, 80, 24);
    render(&app, 120, 40);
}

#[test]
fn items_priced_4e28_are_left_out_at_load_with_the_count() {
    let mut app = App::new(settings());
    let _ = start(&mut app);
    let mut items = common::fixture()["items"].clone();
    let list = items.as_array_mut().unwrap();
    list.push(json!({"id": 901, "title": "Typo one", "price": "40000000000000000000000000000", "deptID": 1, "barcode": "901"}));
    list.push(
        json!({"id": 902, "title": "Typo two", "price": 4e28, "deptID": 1, "barcode": "902"}),
    );
    list.push(json!({"id": 903, "title": "Ambiguous", "price": "12 50", "deptID": 1}));
    list.push(json!({"id": 904, "title": "Over the unit limit", "price": "150000", "deptID": 1}));
    for e in loaded_events() {
        let e = match e {
            Event::Loaded(ListEndpoint::Items, _) => Event::Loaded(
                ListEndpoint::Items,
                Ok(Loaded::Items(parse_list("t", items.clone()).unwrap())),
            ),
            other => other,
        };
        let _ = update(&mut app, e);
    }
    for id in [901, 902, 904] {
        assert!(app.catalog.item(id).is_none(), "{id}");
    }
    assert!(
        app.catalog.item(903).is_none(),
        "\"12 50\" is not read as 1250"
    );
    // Out of any till's range at parse (901, 902), over this till's limit at load (904).
    assert_eq!(app.catalog.rejected().len(), 1);
    let text = message(&app);
    assert!(text.starts_with("4 unreadable or out-of-limit"), "{text}");
    // Scanning their codes adds nothing and crashes nothing.
    type_text(&mut app, "901\n902\n");
    assert!(app.basket.is_empty());
    render(&app, 80, 24);
}
