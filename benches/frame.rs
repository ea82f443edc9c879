//! One frame at 120x40 (ratatui's `TestBackend`: the view and the buffer diff, no terminal
//! I/O) with a 50-line basket and 10 000 open orders: the sale, the search results, the open
//! orders at the top and at the bottom of the list.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kash_pos::app::event::{Event, Loaded};
use kash_pos::app::screen::{Screen, SearchState};
use kash_pos::app::state::App;
use kash_pos::app::state::Settings;
use kash_pos::app::update::{start, update};
use kash_pos::kash::ListEndpoint;
use kash_pos::kash::client::parse_list;
use kash_pos::kash::model::PendingOrder;
use kash_pos::pos::basket::BasketLine;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;

/// The test fixture shop (tests/fixtures/shop.json), loaded as at start.
fn shop() -> App {
    let f: serde_json::Value =
        serde_json::from_str(include_str!("../tests/fixtures/shop.json")).unwrap_or_default();
    let mut app = App::new(Settings {
        shop_id: "demo".into(),
        demo: true,
        user_id: Some(1),
        cashbox_id: Some(1),
        money_style: kash_pos::money::MoneyStyle::French,
        in_store: kash_pos::pos::barcode::InStoreTemplate::defaults(),
        lang: kash_pos::i18n::Lang::En,
        theme: kash_pos::look::Theme::Default,
        utc_offset: time::UtcOffset::UTC,
    });
    let _ = start(&mut app);
    fn list<T: kash_pos::kash::model::FromJson>(
        f: &serde_json::Value,
        key: &str,
    ) -> Result<kash_pos::kash::Listed<T>, kash_pos::kash::KashError> {
        parse_list("t", f[key].clone())
    }
    let loads = [
        (ListEndpoint::Items, list(&f, "items").map(Loaded::Items)),
        (
            ListEndpoint::Variations,
            list(&f, "variations").map(Loaded::Variations),
        ),
        (
            ListEndpoint::Departments,
            list(&f, "departments").map(Loaded::Departments),
        ),
        (
            ListEndpoint::DepartmentGroups,
            list(&f, "groups").map(Loaded::DepartmentGroups),
        ),
        (
            ListEndpoint::PaymentModes,
            list(&f, "payment_modes").map(Loaded::PaymentModes),
        ),
        (ListEndpoint::Tables, list(&f, "tables").map(Loaded::Tables)),
        (ListEndpoint::Users, list(&f, "users").map(Loaded::Users)),
        (
            ListEndpoint::Cashboxes,
            list(&f, "cashboxes").map(Loaded::Cashboxes),
        ),
        (
            ListEndpoint::Discounts,
            list(&f, "discounts").map(Loaded::Discounts),
        ),
    ];
    for (endpoint, loaded) in loads {
        let _ = update(&mut app, Event::Loaded(endpoint, loaded));
    }
    let pending = parse_list("t", f["pending"].clone()).map(|l| l.items);
    let _ = update(
        &mut app,
        Event::Pending {
            at: time::macros::datetime!(2026-11-22 12:40 +01:00),
            result: pending,
        },
    );
    app
}

fn app() -> App {
    let mut app = shop();
    let items: Vec<_> = app.catalog.items().to_vec();
    for n in 0..50 {
        let item = &items[n % items.len()];
        app.basket
            .lines
            .push(BasketLine::from_item(item, Decimal::from(n + 1), &[]));
    }
    let first = app.orders.pending.orders[0].clone();
    app.orders.pending.orders = (0..10_000)
        .map(|n| PendingOrder {
            order_id: 10_000 + n,
            ..first.clone()
        })
        .collect();
    app
}

fn frames(c: &mut Criterion) {
    let mut app = app();
    let results: Vec<u64> = app.catalog.items().iter().map(|i| i.id).collect();
    let search = Screen::Search(SearchState {
        quantity: None,
        found: results.len(),
        results,
        selected: 0,
    });
    let screens = [
        ("sale, 50 lines", Screen::Sale),
        ("search results", search),
        (
            "open orders, 10k, top",
            Screen::OpenOrders {
                selected: 0,
                table: None,
            },
        ),
        (
            "open orders, 10k, bottom",
            Screen::OpenOrders {
                selected: 9_999,
                table: None,
            },
        ),
    ];
    let Ok(mut terminal) = Terminal::new(TestBackend::new(120, 40));
    for (name, screen) in screens {
        app.screen = screen;
        c.bench_function(&format!("frame 120x40: {name}"), |b| {
            b.iter(|| {
                let _ = black_box(terminal.draw(|f| kash_pos::ui::view(&app, f)));
            });
        });
    }
}

criterion_group! {
    name = frame;
    config = Criterion::default().sample_size(20);
    targets = frames
}
criterion_main!(frame);
