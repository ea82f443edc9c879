//! The client (`kash::KashClient`) against the simulator over real HTTP on a random loopback
//! port: every endpoint, every itemsList form, both answer conventions, loose JSON, and every
//! kind of failure.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

use std::time::Duration;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use kash_pos::kash::client::{Day, SalesFormat};
use kash_pos::kash::model::Customer;
use kash_pos::kash::order::{
    CustomerData, CustomerField, CustomerRef, DeliveryMethod, ItemsListEntry, NewCustomer, Order,
    OrderEdit, Payment,
};
use kash_pos::kash::{ApiKey, KashClient, KashError, ListEndpoint, ListFormat, OrdersQuery};
use kash_pos::sim::{Faults, LineKind, SimHandle, SimOrder, Simulator};

const TIMEOUT: Duration = Duration::from_secs(2);
/// A key the simulator does not know, distinctive enough to spot if it leaks into a message.
const SECRET: &str = "k3y-SECRET-must-never-be-printed";

async fn start() -> (Simulator, SimHandle) {
    let sim = Simulator::demo();
    let handle = sim
        .spawn(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("bind a loopback port");
    (sim, handle)
}

fn client_with(h: &SimHandle, shop: &str, key: &str, timeout: Duration) -> KashClient {
    KashClient::new(&h.base_url(), shop, ApiKey::new(key), timeout).expect("a loopback URL")
}

fn client(h: &SimHandle) -> KashClient {
    client_with(h, "demo", "demo", TIMEOUT)
}

fn entry(text: &str) -> ItemsListEntry {
    ItemsListEntry::parse(text).expect("a well-formed itemsList line")
}

fn order(payment: Payment, lines: &[&str]) -> Order {
    let mut o = Order::new(payment);
    o.lines = lines.iter().map(|l| entry(l)).collect();
    o
}

fn day_of(o: &SimOrder) -> Day {
    Day {
        day: o.created.day(),
        month: u8::from(o.created.month()),
        year: o.created.year(),
    }
}

/// No message or Debug output of an error may carry the key.
fn assert_no_key(e: &KashError, key: &str) {
    for text in [e.to_string(), format!("{e:?}"), e.cashier_message()] {
        assert!(!text.contains(key), "key leaked: {text}");
    }
}

#[tokio::test]
async fn every_list_loads_typed() {
    let (sim, h) = start().await;
    let c = client(&h);
    let cat = sim.catalog();
    let open = sim
        .create_order(&order(Payment::Open, &["1", "12_2"]))
        .unwrap();

    let items = c.items().await.unwrap();
    assert!(items.skipped.is_empty(), "{:?}", items.skipped);
    assert_eq!(items.items, *cat.items);
    assert_eq!(c.departments().await.unwrap().items, cat.departments);
    assert_eq!(
        c.department_groups().await.unwrap().items,
        cat.department_groups
    );
    assert_eq!(c.clients().await.unwrap().items, cat.customers);
    assert_eq!(c.variations().await.unwrap().items, cat.variations);
    assert_eq!(
        c.delivery_methods().await.unwrap().items,
        cat.delivery_methods
    );
    assert_eq!(c.payment_modes().await.unwrap().items, cat.payment_modes);
    assert_eq!(c.cashboxes().await.unwrap().items, cat.cashboxes);
    assert_eq!(c.delivery_zones().await.unwrap().items, cat.delivery_zones);
    assert_eq!(c.relay_points().await.unwrap().items, cat.relay_points);
    assert_eq!(c.discounts().await.unwrap().items, cat.discounts);
    assert_eq!(c.users().await.unwrap().items, sim.catalog().users);
    assert_eq!(c.tables().await.unwrap().items, cat.tables);

    let pending = c.pending().await.unwrap();
    assert!(pending.skipped.is_empty());
    assert_eq!(pending.items.len(), 1);
    let p = &pending.items[0];
    assert_eq!(p.order_id, open);
    assert_eq!(p.price, dec!(28.30)); // 1.30 + 2 × 13.50
    assert_eq!(p.items.len(), 2);
    assert_eq!(p.items[1].id, 12);
    assert_eq!(p.items[1].quantity, dec!(2));
    assert!(!p.validated);
    assert_eq!(p.paid, Some(Decimal::ZERO));
    h.shutdown().await;
}

#[tokio::test]
async fn every_list_as_csv_and_html() {
    let (sim, h) = start().await;
    let c = client(&h);
    sim.create_order(&order(
        Payment::Validated,
        &["3_2", "Free_1.00_Sac; papier"],
    ))
    .unwrap();
    for endpoint in ListEndpoint::ALL {
        let json = c.list_text(endpoint, ListFormat::Json).await.unwrap();
        let rows = serde_json::from_str::<serde_json::Value>(&json).unwrap();
        let count = rows.as_array().unwrap().len();
        assert!(count > 0, "{endpoint:?}");

        let csv = c.list_text(endpoint, ListFormat::Csv).await.unwrap();
        let header = csv.lines().next().unwrap();
        let first_key = if endpoint == ListEndpoint::Pending {
            "orderID"
        } else {
            "id"
        };
        assert!(header.starts_with(first_key), "{endpoint:?}: {header}");
        assert!(header.contains(';'), "{endpoint:?}: {header}");
        // No field of the demo shop holds a line break, so one line per element.
        assert_eq!(csv.lines().count(), count + 1, "{endpoint:?}");

        let html = c.list_text(endpoint, ListFormat::Html).await.unwrap();
        assert!(html.contains("<table>") && html.contains("</table>"));
        assert_eq!(html.matches("<tr>").count(), count + 1, "{endpoint:?}");
    }
    // The `;` inside a title is quoted, so the pending order's row keeps its columns.
    let csv = c
        .list_text(ListEndpoint::Pending, ListFormat::Csv)
        .await
        .unwrap();
    assert!(csv.contains("\"[{\"\"id\"\":3"), "{csv}");
    h.shutdown().await;
}

#[tokio::test]
async fn sales_report_from_recorded_orders() {
    let (sim, h) = start().await;
    let c = client(&h);
    // Cash 2 × 1.30; card 12.90 + 3.40; a quote (not a sale); validated unpaid 4.50.
    c.submit_order(&order(Payment::Mode(1), &["1_2"]))
        .await
        .unwrap();
    c.submit_order(&order(Payment::Mode(2), &["42", "-1_3.40_Pain du jour"]))
        .await
        .unwrap();
    c.submit_order(&order(Payment::Open, &["30_10"]))
        .await
        .unwrap();
    c.submit_order(&order(Payment::Validated, &["25"]))
        .await
        .unwrap();
    let orders = sim.orders();
    let day = day_of(&orders[0]);

    let std = c.sales(Some(day), SalesFormat::Std).await.unwrap();
    let html = String::from_utf8(std.bytes).unwrap();
    assert!(html.contains("<span class=\"orders\">3</span>"), "{html}");
    assert!(
        html.contains("<span class=\"total\">23.40</span>"),
        "{html}"
    );
    assert!(
        html.contains("<tr><td>Espèces</td><td>2.60</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains("<tr><td>Carte bancaire</td><td>16.30</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains("<tr><td>Pains</td><td>6.00</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"unpaid\">4.50</span>"),
        "{html}"
    );

    let csv = c.sales(Some(day), SalesFormat::Csv).await.unwrap();
    let text = String::from_utf8(csv.bytes).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let total_col = header.iter().position(|h| *h == "total").unwrap();
    let sum: Decimal = lines
        .map(|l| {
            l.split(';')
                .nth(total_col)
                .unwrap()
                .parse::<Decimal>()
                .unwrap()
        })
        .sum();
    let expected: Decimal = orders
        .iter()
        .filter(|o| o.validated)
        .map(SimOrder::total)
        .sum();
    assert_eq!(sum, expected);
    assert_eq!(sum, dec!(23.40));

    // Yesterday (the default) has no sales.
    let yesterday = c.sales(None, SalesFormat::Std).await.unwrap();
    assert!(String::from_utf8_lossy(&yesterday.bytes).contains("class=\"orders\">0<"));

    // The other formats: files their programs recognise, with the day's figures, the same bytes
    // for the same orders.
    let text = |f| {
        let c = c.clone();
        async move { String::from_utf8(c.sales(Some(day), f).await.unwrap().bytes).unwrap() }
    };
    let pdf = text(SalesFormat::Pdf).await;
    assert!(
        pdf.starts_with("%PDF-1.4\n") && pdf.ends_with("%%EOF\n"),
        "{pdf}"
    );
    assert!(pdf.contains("(Grand total: 23.40) Tj"), "{pdf}");
    // The cross-reference table points at each object.
    let xref = pdf[pdf.rfind("startxref\n").unwrap() + 10..]
        .lines()
        .next()
        .unwrap()
        .parse::<usize>()
        .unwrap();
    assert!(pdf[xref..].starts_with("xref\n"));
    for (n, line) in pdf[xref..].lines().skip(3).take(5).enumerate() {
        let at: usize = line[..10].parse().unwrap();
        assert!(pdf[at..].starts_with(&format!("{} 0 obj", n + 1)), "{line}");
    }
    assert_eq!(text(SalesFormat::Pdf).await, pdf, "deterministic");
    let xls = text(SalesFormat::Xls).await;
    assert!(xls.contains("urn:schemas-microsoft-com:office:spreadsheet"));
    assert!(
        xls.contains("<Data ss:Type=\"Number\">23.40</Data>"),
        "{xls}"
    );
    let fec = text(SalesFormat::Fec).await;
    let header: Vec<&str> = fec.lines().next().unwrap().split('\t').collect();
    assert_eq!(header.len(), 18);
    assert_eq!(header[0], "JournalCode");
    assert_eq!(header[17], "Idevise");
    // Debits equal credits.
    let sum = |col: usize| -> Decimal {
        fec.lines()
            .skip(1)
            .map(|l| {
                l.split('\t')
                    .nth(col)
                    .unwrap()
                    .replace(',', ".")
                    .parse::<Decimal>()
                    .unwrap()
            })
            .sum()
    };
    assert_eq!(sum(11), sum(12));
    assert_eq!(sum(12), dec!(23.40), "{fec}");
    let saft = text(SalesFormat::Saft).await;
    assert!(saft.contains("<AuditFile xmlns=\"urn:OECD:StandardAuditFile-Tax:2.00\">"));
    assert!(saft.contains("<TotalCredit>23.40</TotalCredit>"), "{saft}");
    h.shutdown().await;
}

#[tokio::test]
async fn orders_with_filters() {
    let (sim, h) = start().await;
    let c = client(&h);
    let mut take_away = order(Payment::Mode(1), &["1"]);
    take_away.delivery_method = Some(DeliveryMethod::TakeAway);
    let mut on_site = order(Payment::Open, &["2"]);
    on_site.delivery_method = Some(DeliveryMethod::OnSite);
    let a = c.submit_order(&take_away).await.unwrap().order_id;
    let b = c.submit_order(&on_site).await.unwrap().order_id;
    let ids = |l: Vec<kash_pos::kash::model::PendingOrder>| -> Vec<u64> {
        l.into_iter().map(|o| o.order_id).collect()
    };

    let all = c.orders(&OrdersQuery::default()).await.unwrap();
    assert_eq!(ids(all.items), vec![a, b]);
    let validated = OrdersQuery {
        validated: Some(true),
        ..OrdersQuery::default()
    };
    assert_eq!(ids(c.orders(&validated).await.unwrap().items), vec![a]);
    let open = OrdersQuery {
        validated: Some(false),
        ..OrdersQuery::default()
    };
    assert_eq!(ids(c.orders(&open).await.unwrap().items), vec![b]);
    let on_site_q = OrdersQuery {
        delivery_method: Some(2),
        ..OrdersQuery::default()
    };
    assert_eq!(ids(c.orders(&on_site_q).await.unwrap().items), vec![b]);

    let date = sim.orders()[0].date.clone();
    let today = date[..10].to_string();
    let same_day = OrdersQuery {
        from: Some(today.clone()),
        to: Some(today),
        ..OrdersQuery::default()
    };
    assert_eq!(ids(c.orders(&same_day).await.unwrap().items), vec![a, b]);
    let exact = OrdersQuery {
        from: Some(date.clone()),
        to: Some(date),
        ..OrdersQuery::default()
    };
    assert_eq!(c.orders(&exact).await.unwrap().items.len(), 2);
    let before = OrdersQuery {
        to: Some("2000-01-01".into()),
        ..OrdersQuery::default()
    };
    assert!(c.orders(&before).await.unwrap().items.is_empty());
    let bad = OrdersQuery {
        from: Some("last tuesday".into()),
        ..OrdersQuery::default()
    };
    assert!(matches!(
        c.orders(&bad).await,
        Err(KashError::Refused { .. })
    ));
    h.shutdown().await;
}

#[tokio::test]
async fn the_four_auth_endpoints() {
    let (_sim, h) = start().await;
    let c = KashClient::anonymous(&h.base_url(), TIMEOUT).unwrap();
    let creds = c
        .get_auth_token("demo@kash-pos.test", "demo")
        .await
        .unwrap();
    assert_eq!(creds.shop_id, "demo");
    assert_eq!(creds.api_key, ApiKey::new("demo"));
    let creds = c
        .get_auth_token_with_password("demo@kash-pos.test", "demo")
        .await
        .unwrap();
    assert_eq!(creds.shop_id, "demo");

    let e = c
        .get_auth_token("demo@kash-pos.test", SECRET)
        .await
        .unwrap_err();
    assert!(matches!(e, KashError::BadCredentials { .. }), "{e:?}");
    assert_no_key(&e, SECRET);
    let e = c
        .get_auth_token_with_password("nobody@example.com", "demo")
        .await
        .unwrap_err();
    assert!(
        matches!(&e, KashError::BadCredentials { message, .. } if message == "Authentication error")
    );

    // The OTP is accepted only after it was sent, and only once.
    let e = c
        .get_auth_token_with_otp("demo@kash-pos.test", "123456")
        .await
        .unwrap_err();
    assert!(matches!(&e, KashError::BadCredentials { message, .. } if message == "OTP not found"));
    let e = c
        .get_otp_for_account("nobody@example.com", None)
        .await
        .unwrap_err();
    assert!(matches!(e, KashError::Refused { .. }), "{e:?}");
    let link = c
        .get_otp_for_account("demo@kash-pos.test", None)
        .await
        .unwrap();
    assert!(link.starts_with(&h.base_url()), "{link}");
    let e = c
        .get_auth_token_with_otp("demo@kash-pos.test", "000000")
        .await
        .unwrap_err();
    assert!(matches!(e, KashError::BadCredentials { .. }));
    let creds = c
        .get_auth_token_with_otp("demo@kash-pos.test", "123456")
        .await
        .unwrap();
    assert_eq!(creds.api_key.expose(), "demo");
    assert!(
        c.get_auth_token_with_otp("demo@kash-pos.test", "123456")
            .await
            .is_err()
    );
    h.shutdown().await;
}

#[tokio::test]
async fn webapp_records_every_items_list_form() {
    let (sim, h) = start().await;
    let c = client(&h);
    let weighed = sim
        .catalog()
        .items
        .iter()
        .find(|i| i.barcode.starts_with('2'))
        .cloned()
        .unwrap();
    let mut o = Order::new(Payment::Mode(2));
    o.lines = vec![
        ItemsListEntry::item(1, Decimal::ONE),         // ID
        ItemsListEntry::item(11, dec!(3)),             // ID_QTY
        entry("42_1_Menu midi_12.90"),                 // ID_QTY_TITLE_PRICE
        entry("12_2_Pizza 4 fromages_14.50_3_8"),      // with variations, forced price
        entry("12_1___2"),                             // variation, catalog price + delta
        entry("-5_9.99_Vente libre"),                  // -DEPT
        entry("Free_12.99_Item"),                      // Free
        ItemsListEntry::item(weighed.id, dec!(0.350)), // weighed
    ];
    o.table_id = Some(11);
    o.covers = Some(4);
    o.pager = Some(7);
    o.cashbox_id = Some(2);
    o.user_id = Some(3);
    o.public_comment = Some("Sans oignons".into());
    o.private_comment = Some("ref:T1-0001".into());
    o.delivery_method = Some(DeliveryMethod::OnSite);
    let receipt = c.submit_order(&o).await.unwrap();
    assert!(receipt.invoice.is_some() && receipt.quote.is_none());
    assert!(receipt.payment_link.is_none(), "paid in full");

    let orders = sim.orders();
    assert_eq!(orders.len(), 1);
    let r = &orders[0];
    assert_eq!(r.id, receipt.order_id);
    let summary: Vec<(LineKind, &str, Decimal, Decimal, Vec<u64>)> = r
        .lines
        .iter()
        .map(|l| {
            (
                l.kind,
                l.title.as_str(),
                l.quantity,
                l.unit_price,
                l.variation_ids.clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                LineKind::Item(1),
                "Baguette tradition",
                dec!(1),
                dec!(1.30),
                vec![]
            ),
            (LineKind::Item(11), "Croissant", dec!(3), dec!(1.20), vec![]),
            (
                LineKind::Item(42),
                "Menu midi",
                dec!(1),
                dec!(12.90),
                vec![]
            ),
            (
                LineKind::Item(12),
                "Pizza 4 fromages",
                dec!(2),
                dec!(14.50),
                vec![3, 8]
            ),
            (
                LineKind::Item(12),
                "Pizza 4 fromages",
                dec!(1),
                dec!(14.00),
                vec![2]
            ),
            (
                LineKind::Department(5),
                "Vente libre",
                dec!(1),
                dec!(9.99),
                vec![]
            ),
            (LineKind::Free, "Item", dec!(1), dec!(12.99), vec![]),
            (
                LineKind::Item(weighed.id),
                weighed.title.as_str(),
                dec!(0.35),
                weighed.price,
                vec![]
            ),
        ]
    );
    assert_eq!(r.table_id, Some(11));
    assert_eq!(r.covers, Some(4));
    assert_eq!(r.pager, Some(7));
    assert_eq!(r.cashbox_id, Some(2));
    assert_eq!(r.user_id, 3);
    assert_eq!(r.public_comment, "Sans oignons");
    assert_eq!(r.private_comment, "ref:T1-0001");
    assert_eq!(r.delivery_method, Some(2));
    assert!(r.validated && r.is_paid());
    assert_eq!(r.payments, vec![(2, r.total())]);

    // Without idUser the "webservice" user is created and used.
    let id = c
        .submit_order(&order(Payment::Validated, &["1"]))
        .await
        .unwrap()
        .order_id;
    let users = c.users().await.unwrap().items;
    let ws = users.iter().find(|u| u.title == "webservice").unwrap();
    assert_eq!(sim.order(id).unwrap().user_id, ws.id);
    h.shutdown().await;
}

#[tokio::test]
async fn new_customer_in_the_sale() {
    let (sim, h) = start().await;
    let c = client(&h);
    // The vendor's "new customer + sale" example.
    let mut o = order(
        Payment::Mode(2),
        &["42_1_Menu midi_12.90", "15_3_Canette Cola_2.50"],
    );
    o.delivery_method = Some(DeliveryMethod::Delivered);
    o.customer = Some(CustomerRef::New(NewCustomer {
        last_name: "Durand".into(),
        first_name: "Zoé".into(),
        email: "zoe.durand@example.com".into(),
        phone: "+33 6 12 34 56 78".into(),
        address_line1: "10 rue des Écoles".into(),
        postcode: "75005".into(),
        city: "Paris".into(),
        country: "FR".into(),
        barcode: "CUST-0001".into(),
        ..NewCustomer::default()
    }));
    let before = sim.customers().len();
    let receipt = c.submit_order(&o).await.unwrap();
    let customers = c.clients().await.unwrap().items;
    assert_eq!(customers.len(), before + 1);
    let zoe = customers.iter().find(|c| c.name == "Durand").unwrap();
    assert_eq!(zoe.surname, "Zoé");
    assert_eq!(zoe.city, "Paris");
    assert_eq!(zoe.barcode, "CUST-0001");
    let recorded = sim.order(receipt.order_id).unwrap();
    assert_eq!(recorded.customer_id, Some(zoe.id));
    assert_eq!(recorded.total(), dec!(20.40));
    assert_eq!(recorded.delivery_method, Some(1));
    h.shutdown().await;
}

#[tokio::test]
async fn both_answer_conventions() {
    let (_sim, h) = start().await;
    let c = client(&h);
    // Newer convention, success: webapp/editOrder receipts.
    let quote = c.submit_order(&order(Payment::Open, &["1"])).await.unwrap();
    assert!(quote.quote.is_some() && quote.payment_link.is_some() && quote.invoice.is_none());
    let unpaid = c
        .submit_order(&order(Payment::Validated, &["1"]))
        .await
        .unwrap();
    assert!(unpaid.invoice.is_some() && unpaid.payment_link.is_some());
    assert!(unpaid.order_id > quote.order_id);
    // Newer convention, failures.
    for (o, needle) in [
        (order(Payment::Open, &["9999"]), "unknown item 9999"),
        (
            order(Payment::Open, &["-77_1.00_x"]),
            "unknown department 77",
        ),
        (order(Payment::Mode(99), &["1"]), "payment mode 99"),
        (order(Payment::Open, &[]), "no lines"),
        (
            Order {
                table_id: Some(99),
                ..order(Payment::Open, &["1"])
            },
            "table 99",
        ),
        (
            Order {
                user_id: Some(99),
                ..order(Payment::Open, &["1"])
            },
            "user 99",
        ),
        (
            Order {
                cashbox_id: Some(99),
                ..order(Payment::Open, &["1"])
            },
            "cash register 99",
        ),
    ] {
        match c.submit_order(&o).await {
            Err(KashError::Refused { message, .. }) => {
                assert!(message.contains(needle), "{message:?} lacks {needle:?}");
            }
            other => panic!("{needle}: {other:?}"),
        }
    }
    // A malformed itemsList line, sent raw (the client never encodes one).
    let raw = reqwest::Client::new()
        .post(format!("{}/workers/webapp.php", h.base_url()))
        .form(&[
            ("idboutique", "demo"),
            ("key", "demo"),
            ("payment", "-2"),
            ("itemsList[]", "12_x_y"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(v["success"], false);
    assert!(v["result"].as_str().unwrap().contains("itemsList line 1"));
    // Older convention, failure: a list with a wrong key.
    let raw = reqwest::get(format!(
        "{}/workers/getPlus.php?idboutique=demo&key=nope",
        h.base_url()
    ))
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert_eq!(
        raw,
        r#"{"result":"ERROR","message":"Unknown shop or invalid API key"}"#
    );
    h.shutdown().await;
}

#[tokio::test]
async fn loose_mode_reads_the_same() {
    let (sim, h) = start().await;
    let c = client(&h);
    sim.create_order(&order(Payment::Validated, &["12_1___3", "90_0.350"]))
        .unwrap();
    let strict_items = c.items().await.unwrap().items;
    let strict_modes = c.payment_modes().await.unwrap().items;
    let strict_vars = c.variations().await.unwrap().items;
    let strict_disc = c.discounts().await.unwrap().items;
    let strict_pending = c.pending().await.unwrap().items;
    sim.set_faults(Faults {
        loose: true,
        ..Faults::default()
    });
    let raw = c
        .list_text(ListEndpoint::Items, ListFormat::Json)
        .await
        .unwrap();
    assert!(raw.contains("\"price\":\"1,30\""), "{}", &raw[..200]);
    assert!(raw.starts_with("{\"data\":"));

    let items = c.items().await.unwrap();
    assert!(items.skipped.is_empty());
    assert_eq!(items.items, strict_items);
    assert_eq!(c.payment_modes().await.unwrap().items, strict_modes);
    assert_eq!(c.variations().await.unwrap().items, strict_vars);
    assert_eq!(c.discounts().await.unwrap().items, strict_disc);
    assert_eq!(c.pending().await.unwrap().items, strict_pending);
    assert_eq!(strict_pending[0].items[0].price, dec!(14.50));
    for endpoint in ListEndpoint::ALL {
        let listed = c
            .list::<kash_pos::kash::model::DepartmentGroup>(endpoint)
            .await;
        // Every list is still a list the client can walk.
        assert!(listed.is_ok(), "{endpoint:?}: {listed:?}");
    }
    assert_eq!(c.departments().await.unwrap().items.len(), 10);
    assert_eq!(c.tables().await.unwrap().items.len(), 15);
    assert_eq!(c.clients().await.unwrap().items, sim.customers());
    let receipt = c.submit_order(&order(Payment::Open, &["1"])).await.unwrap();
    assert!(sim.order(receipt.order_id).is_some());
    let orders = c.orders(&OrdersQuery::default()).await.unwrap();
    assert_eq!(orders.items.len(), 2);
    h.shutdown().await;
}

#[tokio::test]
async fn every_failure_kind() {
    let (sim, h) = start().await;

    // Unreachable: a port nobody listens on.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let c = KashClient::new(
        &format!("http://{closed}"),
        "demo",
        ApiKey::new(SECRET),
        TIMEOUT,
    )
    .unwrap();
    let e = c.items().await.unwrap_err();
    assert!(matches!(e, KashError::Unreachable { .. }), "{e:?}");
    assert!(!e.outcome_unknown());
    assert_no_key(&e, SECRET);

    let secret_client = client_with(&h, "demo", SECRET, TIMEOUT);

    // BadCredentials: a wrong key, then a wrong shop, in both conventions.
    let e = secret_client.items().await.unwrap_err();
    assert!(matches!(e, KashError::BadCredentials { .. }), "{e:?}");
    assert_no_key(&e, SECRET);
    let e = secret_client
        .edit_order(&OrderEdit {
            order_id: 1,
            changes: Order::new(Payment::Validated),
            payment_amount: None,
        })
        .await
        .unwrap_err();
    assert!(matches!(e, KashError::BadCredentials { .. }), "{e:?}");
    assert_no_key(&e, SECRET);
    let wrong_shop = client_with(&h, "not-the-shop", "demo", TIMEOUT);
    let e = wrong_shop.tables().await.unwrap_err();
    assert!(matches!(e, KashError::BadCredentials { .. }), "{e:?}");
    let e = wrong_shop.del_client(1).await.unwrap_err();
    assert!(matches!(e, KashError::BadCredentials { .. }), "{e:?}");

    // Refused.
    let c = client(&h);
    let e = c
        .submit_order(&order(Payment::Open, &["9999"]))
        .await
        .unwrap_err();
    assert!(matches!(e, KashError::Refused { .. }), "{e:?}");
    assert!(!e.to_string().contains("key=demo"));

    // Http 500 and refusals, drawn from the seeded source.
    sim.set_faults(Faults {
        error_rate: 1.0,
        seed: 7,
        ..Faults::default()
    });
    let (mut http500, mut refused) = (0, 0);
    for _ in 0..12 {
        match secret_client.tables().await.unwrap_err() {
            KashError::Http { status: 500, .. } => http500 += 1,
            // A fault refusal comes before the key is checked.
            KashError::Refused { ref message, .. } if message.contains("temporarily") => {
                refused += 1;
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(http500 > 0 && refused > 0, "{http500} / {refused}");
    let e = secret_client.tables().await.unwrap_err();
    assert_no_key(&e, SECRET);

    // NotJson: an HTML page, then garbage.
    for faults in [
        Faults {
            html_rate: 1.0,
            ..Faults::default()
        },
        Faults {
            garbage_rate: 1.0,
            ..Faults::default()
        },
    ] {
        sim.set_faults(faults);
        let e = secret_client.items().await.unwrap_err();
        assert!(matches!(e, KashError::NotJson { .. }), "{e:?}");
        assert!(e.outcome_unknown());
        assert_no_key(&e, SECRET);
    }

    // ConnectionLost: the answer breaks off after the request was acted upon.
    sim.set_faults(Faults {
        drop_rate: 1.0,
        ..Faults::default()
    });
    let e = c
        .submit_order(&order(Payment::Mode(1), &["1"]))
        .await
        .unwrap_err();
    assert!(matches!(e, KashError::ConnectionLost { .. }), "{e:?}");
    assert!(e.outcome_unknown());
    assert_eq!(sim.orders().len(), 1, "the order was recorded");
    let e = secret_client.items().await.unwrap_err();
    assert!(matches!(e, KashError::ConnectionLost { .. }), "{e:?}");
    assert_no_key(&e, SECRET);

    // Timeout: latency beyond the client's timeout.
    sim.set_faults(Faults {
        latency: Duration::from_secs(30),
        ..Faults::default()
    });
    let quick = client_with(&h, "demo", SECRET, Duration::from_millis(500));
    let e = quick.items().await.unwrap_err();
    assert!(
        matches!(
            e,
            KashError::Timeout {
                may_have_reached: true,
                ..
            }
        ),
        "{e:?}"
    );
    assert_no_key(&e, SECRET);
    h.shutdown().await;
}

#[tokio::test]
async fn recorded_but_no_answer_then_found_in_pending() {
    let (sim, h) = start().await;
    sim.set_faults(Faults {
        delay_after_record: Duration::from_secs(30),
        ..Faults::default()
    });
    let c = client_with(&h, "demo", "demo", Duration::from_millis(500));
    let mut o = order(Payment::Validated, &["11_2"]);
    o.private_comment = Some("kash-pos:ref-42".into());
    let e = c.submit_order(&o).await.unwrap_err();
    assert!(
        matches!(
            e,
            KashError::Timeout {
                may_have_reached: true,
                ..
            }
        ),
        "{e:?}"
    );
    // The order was recorded before the answer was held back: the client can find it.
    sim.set_faults(Faults::default());
    let pending = client(&h).pending().await.unwrap().items;
    let found: Vec<_> = pending
        .iter()
        .filter(|p| p.private_comment == "kash-pos:ref-42")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].price, dec!(2.40));
    h.shutdown().await;
}

#[tokio::test]
async fn edit_order_until_paid() {
    let (sim, h) = start().await;
    let c = client(&h);
    let mut table = order(Payment::Open, &["25"]);
    table.table_id = Some(3);
    table.covers = Some(2);
    let id = c.submit_order(&table).await.unwrap().order_id;

    let edit = |changes: Order, amount: Option<Decimal>| OrderEdit {
        order_id: id,
        changes,
        payment_amount: amount,
    };
    // Add lines, assign a customer, change covers and comments: still open.
    let mut more = order(Payment::Open, &["34_2", "Free_1.50_Supplément"]);
    more.customer = Some(CustomerRef::Existing(3));
    more.covers = Some(3);
    more.public_comment = Some("Anniversaire".into());
    more.pager = Some(12);
    let r = c.edit_order(&edit(more, None)).await.unwrap();
    assert!(r.quote.is_some());
    let o = sim.order(id).unwrap();
    assert_eq!(o.lines.len(), 3);
    assert_eq!(o.customer_id, Some(3));
    assert_eq!(o.covers, Some(3));
    assert_eq!(o.pager, Some(12));
    assert_eq!(o.public_comment, "Anniversaire");
    assert!(!o.validated);
    let total = o.total();
    assert_eq!(total, dec!(14.40));

    // Validate.
    let r = c
        .edit_order(&edit(Order::new(Payment::Validated), None))
        .await
        .unwrap();
    assert!(r.invoice.is_some());
    assert!(sim.order(id).unwrap().validated);

    // Lines and details can no longer change.
    for changes in [
        order(Payment::Validated, &["1"]),
        Order {
            table_id: Some(4),
            ..Order::new(Payment::Validated)
        },
        Order::new(Payment::Open),
    ] {
        let e = c.edit_order(&edit(changes, None)).await.unwrap_err();
        assert!(
            matches!(&e, KashError::Refused { message, .. } if message.contains("validated")),
            "{e:?}"
        );
    }
    assert_eq!(sim.order(id).unwrap().lines.len(), 3);

    // Split payment: meal voucher, card, then the rest in cash without an amount.
    c.edit_order(&edit(Order::new(Payment::Mode(4)), Some(dec!(10.00))))
        .await
        .unwrap();
    c.edit_order(&edit(Order::new(Payment::Mode(2)), Some(dec!(3.00))))
        .await
        .unwrap();
    let pending = c.pending().await.unwrap().items;
    assert_eq!(pending[0].paid, Some(dec!(13.00)));
    assert!(pending[0].validated);
    let r = c
        .edit_order(&edit(Order::new(Payment::Mode(1)), None))
        .await
        .unwrap();
    assert!(r.payment_link.is_none());
    let o = sim.order(id).unwrap();
    assert_eq!(
        o.payments,
        vec![(4, dec!(10.00)), (2, dec!(3.00)), (1, total - dec!(13.00))]
    );
    assert!(o.is_paid() && o.closed);
    assert!(c.pending().await.unwrap().items.is_empty());
    let e = c
        .edit_order(&edit(Order::new(Payment::Mode(1)), None))
        .await
        .unwrap_err();
    assert!(matches!(e, KashError::Refused { .. }));

    // Unknown order.
    let e = c
        .edit_order(&OrderEdit {
            order_id: 1,
            changes: Order::new(Payment::Validated),
            payment_amount: None,
        })
        .await
        .unwrap_err();
    assert!(
        matches!(&e, KashError::Refused { message, .. } if message.contains("Unknown order 1"))
    );
    h.shutdown().await;
}

#[tokio::test]
async fn refund_and_other_terminals() {
    let (sim, h) = start().await;
    let c = client(&h);
    let r = c
        .submit_order(&order(Payment::Mode(8), &["46_-1"]))
        .await
        .unwrap();
    let refund = sim.order(r.order_id).unwrap();
    assert!(refund.total() < Decimal::ZERO);
    assert!(refund.is_paid() && refund.closed);
    assert_eq!(refund.payments, vec![(8, refund.total())]);

    // Another terminal opens, validates and closes orders; the client sees it.
    let other = sim
        .create_order(&order(Payment::Open, &["20", "21"]))
        .unwrap();
    assert_eq!(c.pending().await.unwrap().items[0].order_id, other);
    sim.validate_order(other).unwrap();
    assert!(c.pending().await.unwrap().items[0].validated);
    sim.close_order(other).unwrap();
    assert!(c.pending().await.unwrap().items.is_empty());
    assert!(sim.close_order(1).is_err());
    h.shutdown().await;
}

#[tokio::test]
async fn customers_add_edit_delete() {
    let (sim, h) = start().await;
    let c = client(&h);
    let data = CustomerData::default()
        .with(CustomerField::Title, "M.")
        .with(CustomerField::Surname, "Hugo")
        .with(CustomerField::Name, "Lambert")
        .with(CustomerField::Email, "hugo.lambert@example.com")
        .with(CustomerField::City, "Lyon")
        .with(CustomerField::Blacklist, "0")
        .with(CustomerField::BirthDate, "631152000");
    let id = c.add_client(&data).await.unwrap();
    let find = |list: Vec<Customer>| list.into_iter().find(|x| x.id == id);
    let hugo = find(c.clients().await.unwrap().items).unwrap();
    assert_eq!(hugo.display_name(), "Hugo Lambert");
    assert_eq!(hugo.email, "hugo.lambert@example.com");

    c.edit_client(
        id,
        &CustomerData::default()
            .with(CustomerField::Phone, "+33 6 00 00 00 00")
            .with(CustomerField::Blacklist, "1"),
    )
    .await
    .unwrap();
    let hugo = find(sim.customers()).unwrap();
    assert_eq!(hugo.phone, "+33 6 00 00 00 00");
    assert!(hugo.blacklist);
    assert_eq!(hugo.city, "Lyon", "an edit changes only the fields sent");

    c.del_client(id).await.unwrap();
    assert!(find(c.clients().await.unwrap().items).is_none());
    for e in [
        c.del_client(id).await.unwrap_err(),
        c.edit_client(
            id,
            &CustomerData::default().with(CustomerField::City, "Paris"),
        )
        .await
        .unwrap_err(),
        c.add_client(&CustomerData::default()).await.unwrap_err(),
    ] {
        assert!(matches!(e, KashError::Refused { .. }), "{e:?}");
    }
    h.shutdown().await;
}

#[tokio::test]
async fn generated_catalog_serves_large_lists() {
    let sim = Simulator::with_generated_catalog(5_000);
    let h = sim.spawn("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let items = client(&h).items().await.unwrap();
    assert!(items.skipped.is_empty());
    assert_eq!(items.items.len(), sim.catalog().items.len());
    assert!(items.items.len() > 5_000);
    h.shutdown().await;
}

#[tokio::test]
async fn the_catalog_is_sent_while_it_is_written_and_reads_as_its_tree_would() {
    let sim = Simulator::with_generated_catalog(5_000);
    let h = sim.spawn("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let response = reqwest::get(format!(
        "{}/workers/getPlus.php?idboutique=demo&key=demo&format=json",
        h.base_url()
    ))
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
    // Sent as it is written: no length known before the last item.
    assert!(response.headers().get("content-length").is_none());
    let body = response.text().await.unwrap();
    let catalog = sim.catalog();
    let tree = serde_json::Value::Array(
        catalog
            .items
            .iter()
            .map(kash_pos::kash::model::Item::to_wire)
            .collect(),
    );
    // Byte for byte what the tree of every item would have written: the demo's items with
    // stock and variation sets among them.
    assert!(catalog.items.iter().any(|i| !i.variation_ids.is_empty()));
    assert!(catalog.items.iter().any(|i| i.stock.is_some()));
    assert_eq!(body.len(), serde_json::to_string(&tree).unwrap().len());
    assert_eq!(body, serde_json::to_string(&tree).unwrap());
    h.shutdown().await;
}

#[tokio::test]
async fn a_slow_link_carries_the_same_bytes_no_faster_than_its_rate() {
    let sim = Simulator::with_generated_catalog(2_000);
    let h = sim.spawn("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let url = format!(
        "{}/workers/getPlus.php?idboutique=demo&key=demo&format=json",
        h.base_url()
    );
    let fast = reqwest::get(&url).await.unwrap().text().await.unwrap();
    // 4 Mbit/s: the ~0.6 MB body takes over a second on such a line.
    let rate = 500_000u64;
    sim.set_faults(Faults {
        link_bytes_per_sec: Some(rate),
        ..Faults::default()
    });
    let started = std::time::Instant::now();
    let slow = reqwest::get(&url).await.unwrap().text().await.unwrap();
    let took = started.elapsed();
    assert_eq!(slow, fast);
    // A lower bound only: the line can be slower than its rate, never faster.
    let least = Duration::from_micros(fast.len() as u64 * 1_000_000 / rate);
    assert!(
        took >= least.mul_f64(0.95),
        "{} bytes in {took:?}, at most {rate} B/s means at least {least:?}",
        fast.len()
    );
    h.shutdown().await;
}

/// A server that answers every request with `response` (raw HTTP/1.1) and counts them.
async fn answering(
    response: &'static str,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = std::sync::Arc::clone(&count);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut buf = vec![0u8; 64 * 1024];
            // The whole request fits in one read on loopback; the answer does not wait for more.
            let _ = stream.read(&mut buf).await;
            let _ = stream.write_all(response.as_bytes()).await;
            let _ = stream.shutdown().await;
        }
    });
    (url, count)
}

#[tokio::test]
async fn a_write_without_a_clear_answer_is_unknown() {
    let sale = order(Payment::Mode(1), &["1"]);
    let cases: [(&str, &'static str); 6] = [
        (
            "order id 0",
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 29\r\n\r\n{\"success\":true,\"orderID\":0}\n",
        ),
        (
            "success without an id",
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 17\r\n\r\n{\"success\":true}\n",
        ),
        (
            "429",
            "HTTP/1.1 429 Too Many Requests\r\ncontent-length: 4\r\n\r\nslow",
        ),
        (
            "404",
            "HTTP/1.1 404 Not Found\r\ncontent-length: 9\r\n\r\nnot here\n",
        ),
        (
            "302",
            "HTTP/1.1 302 Found\r\nlocation: http://127.0.0.1:9/elsewhere\r\ncontent-length: 0\r\n\r\n",
        ),
        (
            "307 to another host",
            "HTTP/1.1 307 Temporary Redirect\r\nlocation: http://127.0.0.2:9/workers/webapp.php\r\ncontent-length: 0\r\n\r\n",
        ),
    ];
    for (name, response) in cases {
        let (url, count) = answering(response).await;
        let c = KashClient::new(&url, "demo", ApiKey::new(SECRET), TIMEOUT).unwrap();
        let e = c.submit_order(&sale).await.unwrap_err();
        assert!(e.outcome_unknown(), "{name}: {e:?}");
        assert!(!e.never_sent(), "{name}: {e:?}");
        assert_no_key(&e, SECRET);
        assert_eq!(
            count.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "{name}: one request, no redirect followed"
        );
    }
    // A refusal in the body is the one clear "not recorded".
    let (url, _) = answering(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 42\r\n\r\n{\"success\":false,\"result\":\"Unknown item\"}\n",
    )
    .await;
    let c = KashClient::new(&url, "demo", ApiKey::new(SECRET), TIMEOUT).unwrap();
    let e = c.submit_order(&sale).await.unwrap_err();
    assert!(matches!(e, KashError::Refused { .. }), "{e:?}");
    assert!(!e.outcome_unknown());
}

#[tokio::test]
async fn a_body_over_the_bound_is_not_read() {
    let (_sim, h) = start().await;
    let small = client(&h).with_max_body(2_000);
    let e = small.items().await.unwrap_err();
    assert!(
        matches!(&e, KashError::ConnectionLost { detail, .. } if detail.contains("larger than 2000 bytes")),
        "{e:?}"
    );
    // The default bound is far above the largest list.
    assert!(client(&h).items().await.is_ok());
    // Every answer tells the server's clock.
    let c = client(&h);
    c.tables().await.unwrap();
    let skew = c.server_clock().expect("a Date header").skew;
    assert!(skew.abs() < time::Duration::seconds(3), "{skew}");
}

/// A server that sends a list's headers, then its body in `parts` pieces, `pause` apart.
async fn trickling(parts: usize, pause: Duration) -> String {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 64 * 1024];
                let _ = stream.read(&mut buf).await;
                let pieces: Vec<String> = (0..parts)
                    .map(|i| {
                        let sep = if i + 1 == parts { "" } else { "," };
                        format!(
                            "{{\"id\":{},\"title\":\"Item {i}\",\"price\":\"1.00\"}}{sep}",
                            i + 1
                        )
                    })
                    .collect();
                let body_len = 2 + pieces.iter().map(String::len).sum::<usize>();
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {body_len}\r\n\r\n["
                );
                let _ = stream.write_all(head.as_bytes()).await;
                for p in pieces {
                    // The pacing of a slow link (the server's, not the test's, waiting).
                    tokio::time::sleep(pause).await;
                    if stream.write_all(p.as_bytes()).await.is_err() {
                        return;
                    }
                }
                let _ = stream.write_all(b"]").await;
                let _ = stream.shutdown().await;
            });
        }
    });
    url
}

#[tokio::test]
async fn a_list_that_keeps_coming_loads_however_long_it_takes() {
    // Six pieces 120 ms apart: 720 ms in all, more than the 400 ms timeout, never 400 ms idle.
    let url = trickling(6, Duration::from_millis(120)).await;
    let c = KashClient::new(
        &url,
        "demo",
        ApiKey::new(SECRET),
        Duration::from_millis(400),
    )
    .unwrap();
    let items = c.items().await.unwrap();
    assert_eq!(items.items.len(), 6);
    // A body that stops for longer than the timeout fails as a timeout.
    let url = trickling(2, Duration::from_millis(900)).await;
    let c = KashClient::new(
        &url,
        "demo",
        ApiKey::new(SECRET),
        Duration::from_millis(400),
    )
    .unwrap();
    let e = c.items().await.unwrap_err();
    assert!(matches!(e, KashError::Timeout { .. }), "{e:?}");
    assert_no_key(&e, SECRET);
}
