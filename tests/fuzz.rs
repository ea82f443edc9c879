//! Fuzzing with proptest: what comes from the server, the scanner or the cashier never panics.
//!
//! - the list parser (`parse_list`) on arbitrary JSON, for every resource kind, and the catalog
//!   built from what it reads;
//! - the `itemsList[]` encoder on arbitrary lines (any decimal, any title), the grammar's parser
//!   on arbitrary text, and the basket's arithmetic and limits on arbitrary numbers;
//! - the money parser and formatters on arbitrary text and decimals;
//! - the barcode readers (`read`, `read_in_store`) on arbitrary text and digit strings, with
//!   arbitrary in-store templates.
//!
//! Each property runs [`cases()`] cases: 10 000 by default, `KASH_POS_FUZZ_CASES` to change it.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use proptest::test_runner::Config;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use kash_pos::kash::client::parse_list;
use kash_pos::kash::model::{
    Cashbox, Customer, DeliveryMethodEntry, DeliveryZone, Department, DepartmentGroup, Discount,
    Item, OrderReceipt, PaymentMode, PendingOrder, RelayPoint, Table, User, Variation,
};
use kash_pos::kash::order::{ItemsListEntry, Order, Payment};
use kash_pos::money::{self, MoneyStyle};
use kash_pos::pos::barcode::{self, InStoreTemplate, InStoreValue};
use kash_pos::pos::basket::{Basket, BasketLine, LimitError, Limits, LineDiscount, LineKind};
use kash_pos::pos::catalog::Catalog;

/// Cases per property.
fn cases() -> u32 {
    std::env::var("KASH_POS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn config() -> Config {
    Config {
        cases: cases(),
        // Shrinking a failure is worth it; a run without one never shrinks.
        failure_persistence: None,
        ..Config::default()
    }
}

// ------------------------------------------------------------------ values

/// Any decimal a `Decimal` can hold: every mantissa, sign and scale.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0_u32..=28
        )
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
        (-1_000_000_000_i64..1_000_000_000, 0_u32..=6).prop_map(|(n, s)| Decimal::new(n, s)),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
    ]
}

/// Text that looks like a number written by a person or a server, and text that does not.
fn numberish() -> impl Strategy<Value = String> {
    prop_oneof![
        "[-+€ 0-9.,'\u{a0}\u{202f}eE]{0,40}",
        "[0-9]{1,3}([ .,'\u{a0}][0-9]{1,4}){0,5}([.,][0-9]{0,4})?",
        "\\PC{0,30}",
        ".{0,60}",
    ]
}

/// Field names the readers look for, so the generated objects reach past the first check.
const KEYS: &[&str] = &[
    "id",
    "ID",
    "title",
    "name",
    "price",
    "prix",
    "prixTTC",
    "deptID",
    "idRayon",
    "barcode",
    "stock",
    "position",
    "variationID0",
    "variationID1",
    "keyboardHide",
    "orderID",
    "items",
    "lines",
    "quantity",
    "declinaisons",
    "choices",
    "deltaPrice",
    "type",
    "kind",
    "data",
    "result",
    "success",
    "message",
    "paid",
    "total",
    "amount",
    "idtable",
    "numcouverts",
    "validated",
    "paymentLink",
    "invoice",
    "email",
    "firstname",
    "lastname",
    "minimumAmount",
];

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        numberish().prop_map(Value::String),
        "\\PC{0,20}".prop_map(Value::String),
    ]
}

/// Any JSON, nested a few levels, objects mostly keyed by the fields the readers use.
fn any_json() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec(
                (
                    prop_oneof![
                        3 => proptest::sample::select(KEYS).prop_map(str::to_string),
                        1 => "[a-zA-Z0-9_]{0,8}",
                    ],
                    inner.clone()
                ),
                0..10
            )
            .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
            // A list of elements as the API sends it, one of them a JSON string of lines.
            proptest::collection::vec(inner, 0..6).prop_map(|v| {
                let text = Value::Array(v.clone()).to_string();
                let mut o = Map::new();
                o.insert("data".into(), Value::Array(v));
                o.insert("items".into(), Value::String(text));
                Value::Object(o)
            }),
        ]
    })
}

/// Lists of objects shaped like the resources, with arbitrary values in their fields.
fn listish_json() -> impl Strategy<Value = Value> {
    proptest::collection::vec(
        proptest::collection::vec(
            (
                proptest::sample::select(KEYS).prop_map(str::to_string),
                // Mostly plain values, as the API sends; some nested (lines, choices).
                prop_oneof![6 => json_leaf(), 1 => any_json()],
            ),
            0..12,
        )
        .prop_map(|f| Value::Object(f.into_iter().collect::<Map<_, _>>())),
        0..8,
    )
    .prop_map(Value::Array)
}

fn parse_every_kind(v: &Value) {
    macro_rules! each {
        ($($t:ty),*) => {$(
            let _ = parse_list::<$t>("fuzz", v.clone());
        )*};
    }
    each!(
        Item,
        Department,
        DepartmentGroup,
        Customer,
        Variation,
        DeliveryMethodEntry,
        PaymentMode,
        Cashbox,
        User,
        DeliveryZone,
        RelayPoint,
        Discount,
        Table,
        PendingOrder,
        OrderReceipt
    );
}

// ------------------------------------------------------------------ lines

fn any_title() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{0,30}", ".{0,30}", "[_\n\r\t ]{0,8}"]
}

fn any_entry() -> impl Strategy<Value = ItemsListEntry> {
    prop_oneof![
        (
            any::<u64>(),
            any_decimal(),
            proptest::option::of(any_title()),
            proptest::option::of(any_decimal()),
            proptest::collection::vec(any::<u64>(), 0..8),
        )
            .prop_map(
                |(id, quantity, title, price, variations)| ItemsListEntry::Item {
                    id,
                    quantity,
                    title,
                    price,
                    variations,
                }
            ),
        (any::<u64>(), any_decimal(), any_title()).prop_map(|(department_id, price, title)| {
            ItemsListEntry::Department {
                department_id,
                price,
                title,
            }
        }),
        (any_decimal(), any_title())
            .prop_map(|(price, title)| ItemsListEntry::Free { price, title }),
    ]
}

fn any_line() -> impl Strategy<Value = BasketLine> {
    (
        prop_oneof![
            any::<u64>().prop_map(|id| LineKind::Item { id }),
            any::<u64>().prop_map(|id| LineKind::Department { id }),
            Just(LineKind::Free),
        ],
        any_title(),
        any_decimal(),
        any_decimal(),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(prop_oneof![
            any_decimal().prop_map(LineDiscount::Percent),
            any_decimal().prop_map(LineDiscount::Amount),
        ]),
    )
        .prop_map(
            |(kind, title, quantity, unit_price, price_overridden, title_overridden, discount)| {
                BasketLine {
                    kind,
                    title,
                    quantity,
                    unit_price,
                    price_overridden,
                    title_overridden,
                    variations: Vec::new(),
                    discount,
                    note: None,
                }
            },
        )
}

fn any_limits() -> impl Strategy<Value = Limits> {
    prop_oneof![
        Just(Limits::default()),
        (
            1_u64..=Limits::CEILING,
            1_u64..=Limits::CEILING,
            1_u64..=Limits::CEILING
        )
            .prop_map(|(q, p, t)| Limits::new(q, p, t)),
    ]
}

// ------------------------------------------------------------------ codes

fn any_code() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{0,20}",
        "2[0-9]{12}",
        "[0-9 ]{6,16}",
        "\\PC{0,24}",
        ".{0,24}",
        "[0-9A-Za-z%+/.$ -]{0,30}",
    ]
}

/// A code with a correct EAN-13 check digit, most of them in-store (prefix 2).
fn ean13_code() -> impl Strategy<Value = String> {
    ("[0-9]{12}", any::<bool>()).prop_map(|(body, in_store)| {
        let mut body = body;
        if in_store {
            body.replace_range(0..1, "2");
        }
        let sum: u32 = body
            .bytes()
            .enumerate()
            .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
            .sum();
        let check = (10 - sum % 10) % 10;
        format!("{body}{check}")
    })
}

fn any_template() -> impl Strategy<Value = InStoreTemplate> {
    (
        "[a-z0-9-]{0,8}",
        proptest::collection::vec(prop_oneof!["[0-9]{1,3}", "\\PC{0,3}"], 0..4),
        prop_oneof![0_usize..14, any::<usize>()],
        prop_oneof![
            (0_u32..40).prop_map(|decimals| InStoreValue::Price { decimals }),
            any::<u32>().prop_map(|decimals| InStoreValue::Weight { decimals }),
            Just(InStoreValue::None),
        ],
        prop_oneof![0_usize..14, any::<usize>()],
        any::<bool>(),
    )
        .prop_map(
            |(name, prefixes, plu_digits, value, value_digits, price_check_digit)| {
                InStoreTemplate {
                    name,
                    prefixes,
                    plu_digits,
                    value,
                    value_digits,
                    price_check_digit,
                }
            },
        )
}

// ------------------------------------------------------------------ properties

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_list_parser_never_panics_on_any_json(v in any_json()) {
        parse_every_kind(&v);
    }

    #[test]
    fn the_list_parser_and_the_catalog_never_panic_on_resource_shaped_json(v in listish_json()) {
        parse_every_kind(&v);
        if let Ok(items) = parse_list::<Item>("fuzz", v.clone()) {
            let variations = parse_list::<Variation>("fuzz", v.clone()).map(|l| l.items).unwrap_or_default();
            let departments = parse_list::<Department>("fuzz", v).map(|l| l.items).unwrap_or_default();
            let codes: Vec<String> = items.items.iter().map(|i| i.barcode.to_string()).collect();
            let catalog = Catalog::new(items.items, departments, Vec::new(), variations);
            for code in &codes {
                let _ = catalog.items_for_code(code);
            }
            let _ = catalog.duplicate_barcodes();
            let _ = catalog.search("a", 10);
            for item in catalog.items() {
                let line = BasketLine::from_item(item, Decimal::ONE, &[]);
                let _ = Limits::default().check(&line);
                let _ = line.entry(MoneyStyle::French).encode();
            }
        }
    }

    #[test]
    fn the_items_list_encoder_never_panics_and_stays_one_line(e in any_entry()) {
        let text = e.encode();
        prop_assert!(!text.contains(['\n', '\r']));
        // What it writes, the grammar reads back to the same line, id and variations intact.
        let parsed = ItemsListEntry::parse(&text);
        if let (ItemsListEntry::Item { id, variations, .. }, Ok(ItemsListEntry::Item { id: pid, variations: pv, .. })) = (&e, &parsed) {
            prop_assert_eq!(id, pid);
            prop_assert_eq!(&variations[..variations.len().min(5)], &pv[..]);
        }
        let mut order = Order::new(Payment::Mode(1));
        order.lines.push(e);
        let _ = order.form_fields();
    }

    #[test]
    fn the_items_list_parser_never_panics(s in prop_oneof!["\\PC{0,40}", "[-0-9a-zA-Z_., ]{0,40}", ".{0,40}"]) {
        if let Ok(entry) = ItemsListEntry::parse(&s) {
            let _ = entry.encode();
        }
    }

    #[test]
    fn basket_arithmetic_never_panics(lines in proptest::collection::vec(any_line(), 0..6), limits in any_limits()) {
        let mut basket = Basket::default();
        for line in lines.clone() {
            let _ = line.total();
            let _ = line.checked_total();
            let _ = line.effective_unit_price();
            let _ = line.entry(MoneyStyle::English).encode();
            match basket.push_line(line.clone(), &limits) {
                // Accepted: within the limits, computed without overflow.
                Ok(i) => {
                    let total = basket.lines[i].checked_total();
                    prop_assert!(total.is_some_and(|t| t.abs() <= limits.max_line_total));
                }
                Err(e) => {
                    prop_assert!(!e.to_string().is_empty());
                    let _ = e.message(MoneyStyle::English);
                    // Every limit refusal names the key that sets it.
                    if !matches!(e, LimitError::Overflow) {
                        prop_assert!(e.message(MoneyStyle::French).contains("[pos] max_"));
                    }
                }
            }
            basket.add(line);
        }
        let _ = basket.total();
        let _ = basket.checked_total();
        let _ = basket.article_count();
        let _ = basket.check(&limits);
        let _ = basket.entries(MoneyStyle::French);
        let _ = money::format_money(basket.total(), MoneyStyle::French);
        let _ = kash_pos::pos::tender::change_due(basket.total(), Decimal::MAX);
        let _ = kash_pos::pos::tender::still_due(basket.total(), Decimal::MIN);
    }

    #[test]
    fn the_money_parser_never_panics(s in numberish()) {
        if let Some(d) = money::parse_decimal(&s) {
            // What it reads, it writes back to something it reads to the same amount.
            let wire = money::wire_quantity(d);
            prop_assert_eq!(money::parse_decimal(&wire), Some(d.normalize()));
        }
        let _ = kash_pos::pos::basket::LineDiscount::parse(&s);
    }

    #[test]
    fn money_formatting_never_panics(d in any_decimal()) {
        for style in [MoneyStyle::French, MoneyStyle::English] {
            let _ = money::format_money(d, style);
            let _ = money::format_quantity(d, style);
        }
        let wire = money::wire_price(d);
        prop_assert_eq!(money::parse_decimal(&wire), Some(money::round_cents(d)));
    }

    #[test]
    fn the_barcode_reader_never_panics(code in prop_oneof![any_code(), ean13_code()]) {
        if let Ok(read) = barcode::read(&code) {
            prop_assert_eq!(read.keys.first().map(String::as_str), Some(read.code.as_str()));
        }
        if let Some(label) = barcode::read_in_store(&code, &InStoreTemplate::defaults()) {
            let _ = label.lookup_keys(&InStoreTemplate::defaults());
        }
    }

    #[test]
    fn the_in_store_reader_never_panics_with_any_template(
        code in prop_oneof![ean13_code(), any_code()],
        templates in proptest::collection::vec(any_template(), 0..4),
    ) {
        for t in &templates {
            let _ = t.validate();
        }
        if let Some(label) = barcode::read_in_store(&code, &templates) {
            let _ = label.lookup_keys(&templates);
        }
    }
}
