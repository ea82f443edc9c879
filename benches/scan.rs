//! Scan-to-basket-line: a 13-digit burst and Enter through the detector, `barcode::read`, the
//! catalog look-up over 100 000 items, and the basket; and sustained scans per second.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kash_pos::app::event::{Event, Loaded};
use kash_pos::app::screen::Screen;
use kash_pos::app::state::{App, STARTUP_RESOURCES, Settings};
use kash_pos::app::{start, update};
use kash_pos::kash::model::Item;
use kash_pos::kash::{ListEndpoint, Listed};
use kash_pos::money::MoneyStyle;
use kash_pos::pos::barcode::{self, compute_check_digit};
use kash_pos::pos::basket::{Basket, BasketLine};
use kash_pos::pos::catalog::Catalog;
use kash_pos::pos::scanner::{Input, ScanDetector, ScannerConfig};
use rust_decimal::Decimal;

const ITEMS: u64 = 100_000;

fn code_of(n: u64) -> String {
    let body = format!("30{:010}", n * 7919 % 10_000_000_000);
    let check = compute_check_digit(&body).unwrap_or(0);
    format!("{body}{check}")
}

fn catalog() -> Catalog {
    let items = (0..ITEMS)
        .map(|n| Item {
            id: n + 1,
            title: format!("Article {n}").into(),
            short_title: "".into(),
            price: Decimal::new(i64::try_from(n % 5000).unwrap_or(0) + 50, 2),
            department_id: Some(1),
            vat_id: None,
            barcode: code_of(n).into(),
            stock: None,
            internal_id: "".into(),
            hidden: false,
            position: 0,
            variation_ids: vec![],
        })
        .collect();
    Catalog::new(items, vec![], vec![], vec![])
}

/// The keys of one scan: 13 digits and Enter, 1 ms apart from `t`.
fn burst(code: &str, t: Instant) -> Vec<(KeyEvent, Instant)> {
    code.chars()
        .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
        .chain([KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)])
        .enumerate()
        .map(|(i, k)| (k, t + Duration::from_millis(i as u64)))
        .collect()
}

/// One scan from keys to basket line; returns whether a line was added.
fn scan_to_line(
    detector: &mut ScanDetector,
    catalog: &Catalog,
    basket: &mut Basket,
    keys: &[(KeyEvent, Instant)],
) -> bool {
    let mut added = false;
    for (k, at) in keys {
        for input in detector.push(*k, *at) {
            if let Input::Scan(code) = input {
                let Ok(read) = barcode::read(&code) else {
                    continue;
                };
                if let Some(item) = read.keys.iter().find_map(|k| catalog.lookup_code(k)) {
                    basket.add(BasketLine::from_item(item, Decimal::ONE, &[]));
                    added = true;
                }
            }
        }
    }
    added
}

fn benches(c: &mut Criterion) {
    let catalog = catalog();
    let config = ScannerConfig::default();
    let t0 = Instant::now();

    let keys = burst(&code_of(54_321), t0);
    c.bench_function("scan_to_basket_line", |b| {
        b.iter_batched(
            || (ScanDetector::new(&config), Basket::default()),
            |(mut d, mut basket)| {
                let added = scan_to_line(&mut d, &catalog, &mut basket, black_box(&keys));
                assert!(added);
                basket
            },
            BatchSize::SmallInput,
        );
    });

    // 10 000 scans of different items, 20 ms apart, into one detector and one basket (a fresh
    // basket per 100 lines, as sales are not that long).
    const SCANS: u64 = 10_000;
    let sessions: Vec<Vec<(KeyEvent, Instant)>> = (0..SCANS)
        .map(|i| burst(&code_of(i * 9 % ITEMS), t0 + Duration::from_millis(i * 20)))
        .collect();
    let mut group = c.benchmark_group("sustained");
    group.throughput(Throughput::Elements(SCANS));
    group.sample_size(10);
    group.bench_function("10000_scans", |b| {
        b.iter(|| {
            let mut d = ScanDetector::new(&config);
            let mut basket = Basket::default();
            let mut lines = 0;
            for keys in &sessions {
                if scan_to_line(&mut d, &catalog, &mut basket, keys) {
                    lines += 1;
                }
                if basket.lines.len() >= 100 {
                    basket = Basket::default();
                }
            }
            assert_eq!(lines, SCANS);
            lines
        });
    });
    group.finish();

    // The app's own path: the keys through the detector, then `update` (check digits, the
    // look-up, the basket line, the message), on an app that loaded the 100 000 items.
    let mut app = loaded_app();
    let mut detector = ScanDetector::new(&config);
    let codes: Vec<String> = (0..50).map(|i| code_of(i * 1999 % ITEMS)).collect();
    let mut n: u64 = 0;
    c.bench_function("app_scan_to_basket_line", |b| {
        b.iter(|| {
            n += 1;
            let t = t0 + Duration::from_millis(n * 50);
            let code = &codes[usize::try_from(n % 50).unwrap_or(0)];
            for (k, at) in burst(code, t) {
                for input in detector.push(k, at) {
                    let event = match input {
                        Input::Scan(code) => Event::Scan(code),
                        Input::Key(k) => Event::Key(k),
                    };
                    black_box(update(&mut app, event));
                }
            }
            if app.basket.lines.len() >= 50 {
                app.basket = Basket::default();
            }
        });
    });
    assert!(!app.basket.is_empty());
}

/// An app on the sale screen with the 100 000-item catalog loaded.
fn loaded_app() -> App {
    let settings = Settings {
        shop_id: "bench".into(),
        demo: false,
        user_id: None,
        cashbox_id: None,
        money_style: MoneyStyle::French,
        lang: kash_pos::i18n::Lang::En,
        theme: kash_pos::look::Theme::Default,
        utc_offset: time::UtcOffset::UTC,
        in_store: barcode::InStoreTemplate::defaults(),
    };
    let mut app = App::new(settings);
    let _ = start(&mut app);
    for endpoint in STARTUP_RESOURCES {
        let loaded = match endpoint {
            ListEndpoint::Items => Loaded::Items(Listed {
                items: catalog().items().to_vec(),
                skipped: vec![],
            }),
            ListEndpoint::Variations => Loaded::Variations(Listed {
                items: vec![],
                skipped: vec![],
            }),
            ListEndpoint::Departments => Loaded::Departments(Listed {
                items: vec![],
                skipped: vec![],
            }),
            ListEndpoint::DepartmentGroups => Loaded::DepartmentGroups(Listed {
                items: vec![],
                skipped: vec![],
            }),
            ListEndpoint::PaymentModes => Loaded::PaymentModes(Listed {
                items: vec![],
                skipped: vec![],
            }),
            ListEndpoint::Tables => Loaded::Tables(Listed {
                items: vec![],
                skipped: vec![],
            }),
            ListEndpoint::Users => Loaded::Users(Listed {
                items: vec![],
                skipped: vec![],
            }),
            ListEndpoint::Cashboxes => Loaded::Cashboxes(Listed {
                items: vec![],
                skipped: vec![],
            }),
            _ => Loaded::Discounts(Listed {
                items: vec![],
                skipped: vec![],
            }),
        };
        let _ = update(&mut app, Event::Loaded(endpoint, Ok(loaded)));
    }
    assert_eq!(app.screen, Screen::Sale);
    app
}

criterion_group!(scan, benches);
criterion_main!(scan);
