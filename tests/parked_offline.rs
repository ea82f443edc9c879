//! An order parked while the server is down is listed with the open orders (Ctrl-O) with its
//! state, from the journal, and can be recalled once the server has recorded it.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use std::time::Duration;

use crossterm::event::KeyCode;
use kash_pos::app::screen::Screen;
use kash_pos::app::state::Settings;
use kash_pos::journal::State;
use kash_pos::kash::{ApiKey, KashClient};
use kash_pos::money::MoneyStyle;

use common::till::Till;

fn settings() -> Settings {
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
    }
}

#[tokio::test]
async fn an_order_parked_offline_is_listed_then_recalled_once_recorded() {
    let mut till = Till::open_with(settings(), "demo").await;
    assert_eq!(till.app.screen, Screen::Sale);
    let online = till.client.clone();
    // The server goes away (nothing listens on the port any more).
    let down = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        format!("http://127.0.0.1:{port}")
    };
    till.use_client(
        KashClient::new(&down, "demo", ApiKey::new("demo"), Duration::from_secs(2)).unwrap(),
    );

    // Table 2, a baguette and two croissants, parked.
    till.ctrl('t').await;
    till.press(KeyCode::Down).await;
    till.press(KeyCode::Enter).await;
    till.type_text("3760123400015\n2*3760123400114\n").await;
    let total = till.app.basket.total();
    till.ctrl('p').await;
    assert_eq!(till.app.screen, Screen::Sale, "{:?}", till.app.message);
    assert!(till.sim.orders().is_empty());
    let entry = till.services.journal.unfinished().unwrap().pop().unwrap();
    assert!(entry.state.is_automatic(), "{:?}", entry.state);

    // Ctrl-O: the server cannot be reached, the parked order is listed from the journal.
    till.ctrl('o').await;
    assert!(matches!(till.app.screen, Screen::OpenOrders { .. }));
    let parked = till.app.orders.parked_visible(None);
    assert_eq!(parked.len(), 1);
    assert_eq!(parked[0].total, Some(total));
    assert_eq!(parked[0].table_id, Some(2));
    // Enter says why it cannot be recalled yet, with its time and total, never its reference.
    till.press(KeyCode::Enter).await;
    let said = till.app.message.as_ref().unwrap().text.clone();
    assert!(said.contains("not on Kash.click yet"), "{said}");
    let shown = kash_pos::money::format_money(total, MoneyStyle::French);
    assert!(said.contains(&shown), "{said}");
    assert!(!said.contains("KP-"), "{said}");
    assert!(till.app.orders.recalled.is_none());
    till.press(KeyCode::Esc).await;

    // The server is back; the sender delivers it; Ctrl-O lists it from the server, once.
    till.use_client(online);
    let _ = till.deliver(entry.seq, entry.reference.clone()).await;
    assert_eq!(
        till.services.journal.entry(entry.seq).unwrap().state,
        State::Confirmed
    );
    let id = till.sim.orders().last().unwrap().id;
    till.ctrl('o').await;
    assert!(till.app.orders.parked_visible(None).is_empty());
    let listed: Vec<u64> = till
        .app
        .orders
        .pending
        .orders
        .iter()
        .map(|o| o.order_id)
        .collect();
    assert_eq!(listed, vec![id]);
    till.press(KeyCode::Enter).await;
    assert_eq!(
        till.app.orders.recalled.as_ref().map(|r| r.order.order_id),
        Some(id)
    );
}

#[tokio::test]
async fn a_parked_order_the_server_lists_already_is_not_listed_twice() {
    let mut till = Till::open_with(settings(), "demo").await;
    till.type_text("3760123400015\n").await;
    till.ctrl('p').await;
    // Delivered, but the journal still says unknown (the answer was lost).
    let entry = till.services.journal.all().unwrap().pop().unwrap();
    till.ctrl('o').await;
    let mut p = kash_pos::app::state::ParkedInJournal {
        reference: entry.reference.clone(),
        created_at: entry.created_at.clone(),
        state: State::Uncertain,
        total: None,
        table_id: None,
        covers: None,
        lines: Vec::new(),
    };
    till.app.orders.parked_in_journal = vec![p.clone()];
    assert!(till.app.orders.parked_visible(None).is_empty());
    p.reference = "KP-AAAAAAAAAA".into();
    till.app.orders.parked_in_journal = vec![p];
    assert_eq!(till.app.orders.parked_visible(None).len(), 1);
}
