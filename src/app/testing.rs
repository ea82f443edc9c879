//! A small fixed shop for the screens' unit tests: the till after start-up, on the sale screen.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::kash::ListEndpoint;
use crate::kash::client::parse_list;
use crate::money::MoneyStyle;

use super::event::{Event, Loaded};
use super::screen::Screen;
use super::state::{App, Settings};
use super::update::{start, update};

fn fixture() -> serde_json::Value {
    serde_json::from_str(include_str!("../../tests/fixtures/shop.json"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The fixture shop, loaded: items, departments, payment modes (F1 cash … F8 card refund),
/// two tables, discounts, one customer, one open order at table 1.
pub fn shop() -> App {
    let f = fixture();
    let mut app = App::new(Settings {
        shop_id: "demo".into(),
        demo: true,
        user_id: Some(1),
        cashbox_id: Some(1),
        money_style: MoneyStyle::French,
        in_store: crate::pos::barcode::InStoreTemplate::defaults(),
        lang: crate::i18n::Lang::En,
        theme: crate::look::Theme::Default,
        utc_offset: time::UtcOffset::UTC,
    });
    let _ = start(&mut app);
    macro_rules! load {
        ($endpoint:ident, $variant:ident, $key:literal) => {
            let list = parse_list("t", f[$key].clone()).unwrap_or_else(|e| panic!("{e}"));
            let _ = update(
                &mut app,
                Event::Loaded(ListEndpoint::$endpoint, Ok(Loaded::$variant(list))),
            );
        };
    }
    load!(Items, Items, "items");
    load!(Variations, Variations, "variations");
    load!(Departments, Departments, "departments");
    load!(DepartmentGroups, DepartmentGroups, "groups");
    load!(PaymentModes, PaymentModes, "payment_modes");
    load!(Tables, Tables, "tables");
    load!(Users, Users, "users");
    load!(Cashboxes, Cashboxes, "cashboxes");
    load!(Discounts, Discounts, "discounts");
    let customers = parse_list("t", f["customers"].clone()).map(|l| l.items);
    let _ = update(&mut app, Event::Customers(customers));
    let pending = parse_list("t", f["pending"].clone()).map(|l| l.items);
    let at = time::macros::datetime!(2026-11-22 12:40 +01:00);
    let _ = update(
        &mut app,
        Event::Pending {
            at,
            result: pending,
        },
    );
    assert_eq!(app.screen, Screen::Sale);
    app.message = None;
    app
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn char(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}
