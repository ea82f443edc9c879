//! Whole sales driven by key events, with the effects carried out against the simulator on a
//! random loopback port: what the cashier types must be what the simulator records.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use std::time::Duration;

use crossterm::event::KeyCode;
use kash_pos::app::event::Event;
use kash_pos::app::screen::Screen;
use kash_pos::app::state::Settings;
use kash_pos::app::update;
use kash_pos::journal::delivery::{SenderEvent, deliver};
use kash_pos::kash::{ApiKey, KashClient};
use kash_pos::money::MoneyStyle;
use kash_pos::sim::Faults;
use kash_pos::sim::state::LineKind;
use rust_decimal_macros::dec;

type Till = common::till::Till;

fn settings(user: Option<u64>, cashbox: Option<u64>) -> Settings {
    Settings {
        shop_id: "demo".into(),
        demo: true,
        user_id: user,
        cashbox_id: cashbox,
        money_style: MoneyStyle::French,
        lang: kash_pos::i18n::Lang::En,
        theme: kash_pos::look::Theme::Default,
        utc_offset: time::UtcOffset::UTC,
        in_store: kash_pos::pos::barcode::InStoreTemplate::defaults(),
    }
}

trait Open {
    async fn open(user: Option<u64>, cashbox: Option<u64>, key: &str) -> Till;
}

impl Open for Till {
    async fn open(user: Option<u64>, cashbox: Option<u64>, key: &str) -> Till {
        Till::open_with(settings(user, cashbox), key).await
    }
}

#[tokio::test]
async fn three_item_cash_sale_with_change() {
    let mut till = Till::open(Some(2), Some(1), "demo").await;
    assert_eq!(till.app.screen, Screen::Sale, "{:?}", till.app.load);
    // A baguette tradition and 2 croissants by barcode, a pain aux raisins by item id.
    till.type_text("3760123400015\n").await;
    till.type_text("2*3760123400114\n").await;
    till.type_text("14\n").await;
    let total = till.app.basket.total();
    till.press(KeyCode::F(1)).await;
    till.type_text("20\n").await;
    let Screen::Receipt(receipt) = &till.app.screen else {
        panic!("{:?} {:?}", till.app.screen, till.app.message)
    };
    assert_eq!(receipt.change, Some(dec!(20) - total));
    let orders = till.sim.orders();
    assert_eq!(orders.len(), 1);
    let o = &orders[0];
    assert_eq!(Some(o.id), receipt.order_id);
    let lines: Vec<_> = o.lines.iter().map(|l| (l.item_id(), l.quantity)).collect();
    assert_eq!(
        lines,
        vec![(Some(1), dec!(1)), (Some(11), dec!(2)), (Some(14), dec!(1))]
    );
    assert_eq!(o.total(), total);
    assert_eq!(o.payments, vec![(1, total)]);
    assert!(o.validated && o.is_paid());
    assert_eq!(o.user_id, 2);
    assert_eq!(o.cashbox_id, Some(1));
    // The next scan starts a new sale.
    till.type_text("3760123400015\n").await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert_eq!(till.app.basket.lines.len(), 1);
}

#[tokio::test]
async fn overrides_variations_free_lines_and_card() {
    let mut till = Till::open(None, None, "demo").await;
    // A cappuccino, size L (+1,00), oat milk (+0,40).
    till.type_text("3760123400473\n32").await;
    // A croissant at a forced price and title with a 10 % discount.
    till.type_text("3760123400114\n").await;
    till.press(KeyCode::Up).await;
    till.press(KeyCode::Enter).await;
    till.press(KeyCode::Tab).await;
    for _ in 0..8 {
        till.press(KeyCode::Backspace).await;
    }
    till.type_text("1,50").await;
    till.press(KeyCode::Tab).await;
    till.type_text(" XL").await;
    till.press(KeyCode::F(1)).await;
    till.press(KeyCode::Enter).await;
    // A free 4,20 € line in Épicerie (the 9th department).
    till.press(KeyCode::F(10)).await;
    for _ in 0..8 {
        till.press(KeyCode::Down).await;
    }
    till.type_text("4,20\n").await;
    till.press(KeyCode::Esc).await;
    let total = till.app.basket.total();
    till.press(KeyCode::F(2)).await;
    assert!(
        matches!(till.app.screen, Screen::Receipt(_)),
        "{:?}",
        till.app.message
    );
    let o = &till.sim.orders()[0];
    assert_eq!(o.lines.len(), 3);
    assert_eq!(o.lines[0].item_id(), Some(47));
    assert_eq!(o.lines[0].variation_ids, vec![3, 11]);
    assert_eq!(o.lines[0].unit_price, dec!(4.80));
    assert_eq!(o.lines[1].title, "Croissant XL -10%");
    assert_eq!(o.lines[1].unit_price, dec!(1.35));
    assert_eq!(o.lines[2].kind, LineKind::Department(9));
    assert_eq!(o.lines[2].unit_price, dec!(4.20));
    assert_eq!(o.total(), total);
    assert_eq!(o.payments, vec![(2, total)]);
    assert_eq!(o.cashbox_id, None);
}

#[tokio::test]
async fn validate_unpaid_and_keep_open() {
    let mut till = Till::open(None, None, "demo").await;
    till.type_text("3760123400015\n").await;
    till.press(KeyCode::F(9)).await;
    till.type_text("v").await;
    till.type_text("3760123400015\n").await;
    till.press(KeyCode::F(9)).await;
    till.type_text("o").await;
    let orders = till.sim.orders();
    assert_eq!(orders.len(), 2);
    assert!(orders[0].validated && orders[0].payments.is_empty());
    assert!(!orders[1].validated && orders[1].payments.is_empty());
    let pending = till.client.pending().await.unwrap();
    assert!(pending.items.iter().any(|p| p.order_id == orders[1].id));
}

#[tokio::test]
async fn an_unreadable_answer_gives_a_provisional_receipt_and_the_sale_is_sent_once() {
    let mut till = Till::open(None, None, "demo").await;
    till.type_text("3760123400015\n2*3760123400114\n").await;
    let total = till.app.basket.total();
    till.sim.set_faults(Faults {
        html_rate: 1.0,
        ..Faults::default()
    });
    till.press(KeyCode::F(2)).await;
    // The sale is on disk; its outcome is unknown: a provisional receipt, the next sale can start.
    let Screen::Receipt(r) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    assert_eq!(r.order_id, None);
    let reference = r.submission.reference.clone().unwrap();
    assert!(till.app.basket.is_empty());
    assert_eq!(till.app.queue_waiting, 1);
    let entry = till
        .services
        .journal
        .entry_by_reference(&reference)
        .unwrap()
        .unwrap();
    assert_eq!(entry.state, kash_pos::journal::State::Uncertain);
    // The server answers again; the look-up does not find the reference, but no sale was
    // confirmed yet to show that it can see: one look-up settles nothing, nothing is resent.
    till.sim.set_faults(Faults::default());
    let outcome = deliver(&till.services.journal, &till.client, entry.seq).await;
    assert!(
        matches!(
            outcome,
            kash_pos::journal::delivery::Outcome::Settling { sighted: false, .. }
        ),
        "{outcome:?}"
    );
    assert!(till.sim.orders().is_empty());
    // The cashier checked the back office and sends it again.
    till.services.journal.requeue(entry.seq).unwrap();
    let outcome = deliver(&till.services.journal, &till.client, entry.seq).await;
    assert!(
        matches!(outcome, kash_pos::journal::delivery::Outcome::Confirmed(_)),
        "{outcome:?}"
    );
    let orders = till.sim.orders();
    assert_eq!(orders.len(), 1, "sent once");
    assert_eq!(orders[0].total(), total);
    assert!(orders[0].private_comment.contains(&reference));
    let event = Event::Delivery(SenderEvent {
        seq: entry.seq,
        reference,
        outcome,
        created_at: entry.created_at.clone(),
        request: Some(Box::new(entry.request.clone())),
        waiting: 0,
        need_attention: 0,
    });
    update(&mut till.app, event);
    assert_eq!(till.app.queue_waiting, 0);
    // Late, after the receipt screen: the sale is named by its time and total, never by its
    // reference.
    let said = till.app.message.as_ref().unwrap().text.clone();
    let order = orders[0].id;
    assert!(said.starts_with("The sale of "), "{said}");
    assert!(
        said.ends_with(&format!(
            ", {} was recorded as order {order}",
            kash_pos::money::format_money(total, till.app.settings.money_style)
        )),
        "{said}"
    );
    assert!(!said.contains("KP-"), "{said}");
}

#[tokio::test]
async fn a_refusal_keeps_the_basket() {
    let mut till = Till::open(None, None, "demo").await;
    till.type_text("3760123400015\n").await;
    // The key is revoked in the back office while the till runs.
    let revoked = KashClient::new(
        &till.handle.base_url(),
        "demo",
        ApiKey::new("revoked"),
        Duration::from_secs(3),
    )
    .unwrap();
    till.client = revoked.clone();
    till.services.client = revoked;
    till.press(KeyCode::F(2)).await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert_eq!(till.app.basket.lines.len(), 1, "the basket is kept");
    assert!(
        till.app.alert.as_ref().unwrap().contains("refused"),
        "{:?}",
        till.app.alert
    );
    assert!(till.sim.orders().is_empty());
}

#[tokio::test]
async fn a_wrong_key_is_said_at_start() {
    let till = Till::open(None, None, "not-the-key").await;
    assert_eq!(till.app.screen, Screen::Loading);
    let failed: Vec<_> = till
        .app
        .load
        .iter()
        .filter_map(|(_, s)| match s {
            kash_pos::app::state::LoadStatus::Failed(m) => Some(m.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(failed.len(), 9);
    assert!(failed[0].contains("API key refused"), "{failed:?}");
    assert!(!failed.iter().any(|m| m.contains("not-the-key")));
}

#[tokio::test]
async fn the_webservice_user_without_configuration() {
    let mut till = Till::open(None, None, "demo").await;
    till.type_text("3760123400015\n").await;
    till.press(KeyCode::F(2)).await;
    let o = &till.sim.orders()[0];
    let users = till.client.users().await.unwrap().items;
    let ws = users
        .iter()
        .find(|u| u.title == "webservice")
        .expect("the webservice user");
    assert_eq!(o.user_id, ws.id);
}

#[tokio::test]
async fn what_the_counter_needs_is_there_at_start() {
    // The last run left a sale waiting for the cashier's decision in the journal.
    let journal = kash_pos::journal::Journal::open_in_memory().unwrap();
    let mut order = kash_pos::kash::order::Order::new(kash_pos::kash::order::Payment::Mode(1));
    order.lines = vec![kash_pos::kash::order::ItemsListEntry::item(1, dec!(1))];
    let entry = journal.record_sale(order).unwrap();
    journal
        .mark_needs_cashier(entry.seq, "the answer was lost")
        .unwrap();
    let till = Till::open_on(settings(Some(2), Some(1)), "demo", journal).await;
    assert_eq!(till.app.screen, Screen::Sale);
    // It is on screen at once (header count, Ctrl-W), not only in the journal.
    assert_eq!(till.app.attention.len(), 1);
    assert_eq!(till.app.attention[0].reference, entry.reference);
    assert_eq!(till.app.attention[0].why, "the answer was lost");
    // Customers and open orders came with the catalog, before any refresh tick: a loyalty card
    // scanned first is known.
    assert!(!till.app.orders.customers.is_empty());
    assert!(till.app.orders.pending.refreshed_at.is_some());
    assert!(!till.app.orders.pending.refreshing);
}

/// The screen as text at 80x24, one line per row.
fn screen_text(app: &kash_pos::app::state::App) -> String {
    common::screen_text(app, 80, 24)
}

/// A whole cash sale in French against the simulator: the words on every screen it passes
/// through, the status messages and the amounts are French; what is recorded is the same sale.
#[tokio::test]
async fn a_cash_sale_in_french_end_to_end() {
    let mut settings = settings(Some(2), Some(1));
    settings.lang = kash_pos::i18n::Lang::Fr;
    let mut till = Till::open_with(settings, "demo").await;
    assert_eq!(till.app.screen, Screen::Sale, "{:?}", till.app.load);
    let text = screen_text(&till.app);
    assert!(text.contains("Panier — vide"), "{text}");
    assert!(text.contains("✓ Prêt :"), "{text}");
    assert!(text.contains("F9 Paiement"), "{text}");
    till.type_text("3760123400015\n").await;
    till.type_text("2*3760123400114\n").await;
    let text = screen_text(&till.app);
    assert!(text.contains("Panier — 2 lignes, 3 articles"), "{text}");
    assert!(text.contains("TOTAL  3,70 €"), "{text}");
    assert!(text.contains("Ajouté : Croissant · total 3,70 €"), "{text}");
    till.press(KeyCode::F(1)).await;
    till.type_text("10").await;
    let text = screen_text(&till.app);
    assert!(
        text.contains("Espèces reçues (Entrée seule : montant exact)"),
        "{text}"
    );
    assert!(text.contains("Rendu      6,30 €"), "{text}");
    till.press(KeyCode::Enter).await;
    let Screen::Receipt(receipt) = &till.app.screen else {
        panic!("{:?} {:?}", till.app.screen, till.app.message)
    };
    let id = receipt.order_id.unwrap();
    let text = screen_text(&till.app);
    assert!(
        text.contains(&format!("Commande {id} enregistrée")),
        "{text}"
    );
    assert!(text.contains("À RENDRE"), "{text}");
    assert!(text.contains("À rendre      6,30 €"), "{text}");
    assert!(text.contains("Une touche : vente suivante"), "{text}");
    for english in [
        "recorded", "Change", "Basket", "Tendered", "Any key", "Payment",
    ] {
        assert!(
            !text.contains(english),
            "{english:?} on the French receipt:\n{text}"
        );
    }
    let orders = till.sim.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].total(), dec!(3.70));
    assert_eq!(orders[0].payments, vec![(1, dec!(3.70))]);
}

#[tokio::test]
async fn a_fresh_list_that_is_its_saved_copy_is_not_swapped_in_again() {
    use kash_pos::app::Effect;
    use kash_pos::app::event::Loaded;
    use kash_pos::kash::ListEndpoint;
    // A clock the test moves on: the copy's time says when the list was last fresh.
    let hours = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(0));
    let clock = {
        let hours = hours.clone();
        std::sync::Arc::new(move || {
            time::macros::datetime!(2026-03-01 10:00 UTC)
                + time::Duration::hours(hours.load(std::sync::atomic::Ordering::SeqCst))
        })
    };
    let journal = kash_pos::journal::Journal::open_in_memory_with_clock(clock).unwrap();
    // A first start saves the lists (in the background, once the till is ready).
    let till = Till::open_on(settings(Some(2), Some(1)), "demo", journal.clone()).await;
    for _ in 0..500 {
        if journal.load_cache("getPlus").unwrap().is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let items = till.app.catalog.items().len();
    let s = &till.services;
    let perform = |s, e| kash_pos::app::perform(s, e);
    // The next start reads the saved catalog, and the fresh one behind it is the same.
    let saved = perform(s, Effect::LoadSaved(ListEndpoint::Items)).await;
    assert!(
        matches!(saved, Event::LoadedSaved(ListEndpoint::Items, ..)),
        "{saved:?}"
    );
    let fresh = perform(s, Effect::LoadFresh(ListEndpoint::Items)).await;
    let Event::LoadedAsSaved {
        endpoint: ListEndpoint::Items,
        count,
        skipped: 0,
    } = fresh
    else {
        panic!("{fresh:?}")
    };
    assert!(count >= items, "{count} read, {items} in the catalog");
    // Its saved copy is marked fresh, its text as it was.
    let (copy, at) = journal.load_cache("getPlus").unwrap().unwrap();
    hours.store(1, std::sync::atomic::Ordering::SeqCst);
    let again = perform(s, Effect::LoadFresh(ListEndpoint::Items)).await;
    assert!(matches!(again, Event::LoadedAsSaved { .. }), "{again:?}");
    let mut touched = None;
    for _ in 0..500 {
        touched = journal
            .load_cache("getPlus")
            .unwrap()
            .filter(|(_, t)| *t != at);
        if touched.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let (kept, fresh_at) = touched.expect("the saved copy marked fresh");
    assert_eq!(fresh_at, "2026-03-01T11:00:00.000Z");
    assert!(kept == copy, "the saved copy's text changed");
    // The app keeps its catalog and knows the list fresh.
    let mut app = till.app.clone();
    let before = app.catalog.clone();
    assert!(update(&mut app, fresh).is_empty());
    assert_eq!(app.catalog, before);
    // A shop whose price changed: that list comes in whole.
    let mut changed = till.sim.catalog();
    let mut list = (*changed.items).clone();
    list[0].price += dec!(1);
    let (id, price) = (list[0].id, list[0].price);
    changed.items = std::sync::Arc::new(list);
    let other = kash_pos::sim::Simulator::with_catalog(changed);
    let handle = other
        .spawn(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap();
    let client = KashClient::new(
        &handle.base_url(),
        "demo",
        ApiKey::new("demo"),
        Duration::from_secs(3),
    )
    .unwrap();
    let services = kash_pos::app::Services {
        client,
        journal: journal.clone(),
        wake: None,
        printers: kash_pos::app::runner::Printers::default(),
        started: kash_pos::app::runner::StartGate::default(),
        held: s.held.clone(),
    };
    match perform(&services, Effect::LoadFresh(ListEndpoint::Items)).await {
        Event::Loaded(ListEndpoint::Items, Ok(Loaded::Items(l))) => {
            let item = l.items.iter().find(|i| i.id == id).unwrap();
            assert_eq!(item.price, price);
        }
        other => panic!("{other:?}"),
    }
    // The till now holds the changed list: the first shop's is a change again.
    let back = perform(s, Effect::LoadFresh(ListEndpoint::Items)).await;
    assert!(
        matches!(back, Event::Loaded(ListEndpoint::Items, Ok(_))),
        "{back:?}"
    );
}
