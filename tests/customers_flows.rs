//! Customers at the counter, against the simulator: the picker's search, a scanned loyalty
//! card, a customer created with the sale (journaled and sent with it, offline too), and the
//! customer file's add, edit and delete, with a change the server refuses.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use std::time::Duration;

use crossterm::event::KeyCode;
use kash_pos::app::event::Event;
use kash_pos::app::screen::{CustomerAsk, FormMode, Screen};
use kash_pos::app::state::{Connection, Settings};
use kash_pos::journal::Request;
use kash_pos::kash::order::{CustomerRef, NewCustomer};
use kash_pos::kash::{ApiKey, KashClient};
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
    assert!(!till.app.orders.customers.is_empty(), "customers loaded");
    till
}

impl Till {
    fn picked(&self) -> Vec<u64> {
        match &self.app.screen {
            Screen::Customers(p) => p.found.ids.clone(),
            other => panic!("not the picker: {other:?}"),
        }
    }

    fn form_error(&self) -> Option<String> {
        match &self.app.screen {
            Screen::CustomerForm(f) => f.error.clone(),
            other => panic!("not the form: {other:?} {:?}", self.app.message),
        }
    }

    fn form_values(&self) -> Vec<String> {
        match &self.app.screen {
            Screen::CustomerForm(f) => f.values.clone(),
            other => panic!("not the form: {other:?}"),
        }
    }

    /// Types into the form's fields in order, Tab between them.
    async fn fill(&mut self, fields: &[&str]) {
        for (i, text) in fields.iter().enumerate() {
            if i > 0 {
                self.press(KeyCode::Tab).await;
            }
            self.type_text(text).await;
        }
    }

    /// Cash, the exact amount.
    async fn pay_cash(&mut self) {
        self.press(KeyCode::F(1)).await;
        self.press(KeyCode::Enter).await;
        assert!(
            matches!(self.app.screen, Screen::Receipt(_)),
            "{:?} {:?}",
            self.app.screen,
            self.app.message
        );
    }
}

#[tokio::test]
async fn search_picks_the_customer_and_the_order_carries_it() {
    let mut till = open().await;
    till.ctrl('k').await;
    assert_eq!(till.picked().len(), till.app.orders.customers.len());
    // Any part of the name, accents and case ignored; a phone as digits; a postcode; an email.
    till.type_text("lefevre").await;
    assert_eq!(till.picked(), [2]);
    for _ in 0.."lefevre".len() {
        till.press(KeyCode::Backspace).await;
    }
    till.type_text("123456 04").await;
    assert_eq!(till.picked(), [4], "phone digits");
    for _ in 0.."123456 04".len() {
        till.press(KeyCode::Backspace).await;
    }
    till.type_text("69007").await;
    assert_eq!(till.picked(), [7], "postcode");
    for _ in 0.."69007".len() {
        till.press(KeyCode::Backspace).await;
    }
    till.type_text("NADIA.BEN").await;
    assert_eq!(till.picked(), [3], "email");
    till.press(KeyCode::Enter).await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert_eq!(till.app.orders.context.customer_id, Some(3));
    let title = kash_pos::ui::screens::sale::basket_title(&till.app, " Basket ".into(), 80);
    assert!(title.contains("Nadia Benali"), "{title}");
    till.type_text("3760123400015\n").await;
    till.pay_cash().await;
    let o = till.sim.orders().last().unwrap().clone();
    assert_eq!(o.customer_id, Some(3));
}

#[tokio::test]
async fn a_loyalty_card_picks_its_customer_from_any_screen() {
    let mut till = open().await;
    // On the sale.
    till.event(Event::Scan("CLI0002".into())).await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert_eq!(till.app.orders.context.customer_id, Some(2));
    // In the picker, and in a dialog (the search): the card wins, the dialog closes.
    till.ctrl('k').await;
    till.event(Event::Scan("CLI0006".into())).await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert_eq!(till.app.orders.context.customer_id, Some(6));
    till.type_text("crois").await;
    assert!(matches!(till.app.screen, Screen::Search(_)));
    till.event(Event::Scan("CLI0001".into())).await;
    assert_eq!(till.app.orders.context.customer_id, Some(1));
    // In the order details, the card goes to the details, applied with them.
    till.ctrl('e').await;
    till.event(Event::Scan("CLI0004".into())).await;
    let Screen::Details(d) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    assert_eq!(d.customer_id, Some(4));
    till.ctrl('s').await;
    assert_eq!(till.app.orders.context.customer_id, Some(4));
    // A blacklisted customer's card asks first; No leaves the sale's customer as it was.
    till.event(Event::Scan("CLI0007".into())).await;
    let Screen::CustomerConfirm(c) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    assert_eq!(c.ask, CustomerAsk::Blacklisted(7));
    till.press(KeyCode::Esc).await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert_eq!(till.app.orders.context.customer_id, Some(4));
    // Yes: the sale is theirs, flagged.
    till.event(Event::Scan("CLI0007".into())).await;
    till.press(KeyCode::Enter).await;
    assert_eq!(till.app.orders.context.customer_id, Some(7));
    let title = kash_pos::ui::screens::sale::basket_title(&till.app, " Basket ".into(), 80);
    assert!(title.contains("⚑ Antoine Garnier"), "{title}");
    // An item's code is still an item.
    till.event(Event::Scan("3760123400015".into())).await;
    assert_eq!(till.app.basket.lines.len(), 1);
}

#[tokio::test]
async fn the_picker_confirms_a_blacklisted_customer_and_the_details_too() {
    let mut till = open().await;
    till.ctrl('k').await;
    till.type_text("garnier").await;
    till.press(KeyCode::Enter).await;
    assert!(matches!(till.app.screen, Screen::CustomerConfirm(_)));
    // No: back to the picker, nothing chosen.
    till.press(KeyCode::Esc).await;
    assert!(matches!(till.app.screen, Screen::Customers(_)));
    assert_eq!(till.app.orders.context.customer_id, None);
    till.press(KeyCode::Esc).await;
    // Chosen with ←/→ in the details: applying asks first.
    till.ctrl('e').await;
    for _ in 0..3 {
        till.press(KeyCode::Tab).await;
    }
    let garnier = till
        .app
        .orders
        .customers
        .iter()
        .position(|c| c.id == 7)
        .unwrap();
    for _ in 0..=garnier {
        till.press(KeyCode::Right).await;
    }
    till.ctrl('s').await;
    assert!(matches!(till.app.screen, Screen::CustomerConfirm(_)));
    till.press(KeyCode::Enter).await;
    assert!(matches!(till.app.screen, Screen::Details(_)));
    till.ctrl('s').await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert_eq!(till.app.orders.context.customer_id, Some(7));
}

#[tokio::test]
async fn a_customer_created_with_the_sale_is_journaled_and_sent_with_it() {
    let mut till = open().await;
    let before = till.sim.customers().len();
    till.type_text("3760123400015\n").await;
    till.ctrl('k').await;
    till.type_text("Durand").await;
    assert!(till.picked().is_empty());
    till.ctrl('n').await;
    // What was searched is the last name already.
    assert_eq!(till.form_values()[0], "Durand");
    till.press(KeyCode::Tab).await;
    till.fill(&["Zoé", "zoe.durand@example", "06 12 34 56 78"])
        .await;
    // A wrong field is refused before anything is sent, and keeps the focus.
    till.ctrl('s').await;
    let error = till.form_error().unwrap();
    assert!(error.contains("Email"), "{error}");
    till.type_text(".com").await;
    till.press(KeyCode::Tab).await;
    till.press(KeyCode::Tab).await;
    till.fill(&["10 rue des Écoles", "Bât. B"]).await;
    till.press(KeyCode::Tab).await;
    // The address comment has several lines: Enter is a new line there.
    till.type_text("Sonner 2 fois\nDigicode 1234").await;
    till.press(KeyCode::Tab).await;
    till.fill(&["75005", "Paris", "fr", "FR XX 999999999", "CARD-42"])
        .await;
    till.ctrl('s').await;
    assert_eq!(till.app.screen, Screen::Sale, "{:?}", till.app.message);
    let expected = NewCustomer {
        last_name: "Durand".into(),
        first_name: "Zoé".into(),
        email: "zoe.durand@example.com".into(),
        phone: "06 12 34 56 78".into(),
        address_line1: "10 rue des Écoles".into(),
        address_line2: "Bât. B".into(),
        address_comment: "Sonner 2 fois\nDigicode 1234".into(),
        postcode: "75005".into(),
        city: "Paris".into(),
        country: "FR".into(),
        vat_number: "FRXX999999999".into(),
        barcode: "CARD-42".into(),
        ..NewCustomer::default()
    };
    assert_eq!(till.app.orders.context.new_customer, Some(expected.clone()));
    let title = kash_pos::ui::screens::sale::basket_title(&till.app, " Basket ".into(), 80);
    assert!(title.contains("Zoé Durand (new)"), "{title}");
    till.pay_cash().await;
    // In the journal with the sale…
    let entries = till.services.journal.all().unwrap();
    let Request::NewOrder(order) = &entries.last().unwrap().request else {
        panic!("{entries:?}")
    };
    assert_eq!(order.customer, Some(CustomerRef::New(expected)));
    // …and on the server: the order's customer is the new one.
    let customers = till.sim.customers();
    assert_eq!(customers.len(), before + 1);
    let zoe = customers.iter().find(|c| c.name == "Durand").unwrap();
    assert_eq!(zoe.surname, "Zoé");
    assert_eq!(zoe.barcode, "CARD-42");
    assert_eq!(zoe.vat_number, "FRXX999999999");
    assert_eq!(till.sim.orders().last().unwrap().customer_id, Some(zoe.id));
    // The next sale starts without a customer.
    till.press(KeyCode::Enter).await;
    assert!(till.app.orders.context.new_customer.is_none());
}

#[tokio::test]
async fn offline_a_customer_created_with_the_sale_goes_with_the_queued_sale() {
    let mut till = open().await;
    let online = till.client.clone();
    let dead = KashClient::new(
        "http://127.0.0.1:9",
        "demo",
        ApiKey::new("demo"),
        Duration::from_secs(1),
    )
    .unwrap();
    till.use_client(dead);
    till.app.connection = Connection::Offline;
    till.type_text("3760123400015\n").await;
    till.ctrl('k').await;
    // The customer screen says changes need the server, and refuses them.
    till.ctrl('a').await;
    assert!(matches!(till.app.screen, Screen::Customers(_)));
    let said = till.app.message.clone().unwrap().text;
    assert!(said.contains("need the server"), "{said}");
    till.ctrl('n').await;
    till.fill(&["Petit", "Jean"]).await;
    till.ctrl('s').await;
    assert_eq!(till.app.screen, Screen::Sale);
    till.pay_cash().await;
    assert!(till.sim.orders().is_empty(), "nothing reached the server");
    let entry = till.services.journal.all().unwrap().pop().unwrap();
    // Back online, the sender delivers the sale with its customer.
    till.use_client(online);
    let event = till.deliver(entry.seq, entry.reference.clone()).await;
    till.event(event).await;
    let o = till.sim.orders().last().unwrap().clone();
    let petit = till
        .sim
        .customers()
        .into_iter()
        .find(|c| c.name == "Petit")
        .unwrap();
    assert_eq!(o.customer_id, Some(petit.id));
    assert_eq!(o.total(), dec!(1.30));
    assert_eq!(o.customer_id, Some(petit.id));
}

#[tokio::test]
async fn add_edit_and_delete_in_the_customer_file() {
    let mut till = open().await;
    let before = till.sim.customers().len();
    // Add: addClient.php, then the list is read again and the new customer is selected.
    till.ctrl('k').await;
    till.ctrl('a').await;
    till.fill(&["Lambert", "Hugo", "", "+32 2 123 45 67"]).await;
    for _ in 0..4 {
        till.press(KeyCode::Tab).await;
    }
    till.fill(&["1000", "Bruxelles", "BE"]).await;
    till.ctrl('s').await;
    let customers = till.sim.customers();
    assert_eq!(customers.len(), before + 1);
    let hugo = customers
        .iter()
        .find(|c| c.name == "Lambert")
        .unwrap()
        .clone();
    assert_eq!(hugo.phone, "+32 2 123 45 67");
    assert_eq!(hugo.country, "BE");
    assert_eq!(
        till.app.orders.customers.len(),
        before + 1,
        "list refreshed"
    );
    let Screen::Customers(p) = &till.app.screen else {
        panic!("{:?} {:?}", till.app.screen, till.app.message)
    };
    assert_eq!(p.found.ids.get(p.selected), Some(&hugo.id));
    // Edit: only what changed goes (editClient.php); blacklisting with a private comment.
    till.ctrl('e').await;
    assert!(matches!(
        &till.app.screen,
        Screen::CustomerForm(f) if f.mode == FormMode::Edit(hugo.id)
    ));
    for _ in 0..8 {
        till.press(KeyCode::Tab).await;
    }
    till.type_text("-Ixelles").await;
    for _ in 0..4 {
        till.press(KeyCode::Tab).await;
    }
    till.press(KeyCode::Right).await;
    till.press(KeyCode::Tab).await;
    till.type_text("Impayés\n2 fois").await;
    till.ctrl('s').await;
    let edited = till
        .sim
        .customers()
        .into_iter()
        .find(|c| c.id == hugo.id)
        .unwrap();
    assert_eq!(edited.city, "Bruxelles-Ixelles");
    assert!(edited.blacklist);
    assert_eq!(edited.private_comment, "Impayés\n2 fois");
    assert_eq!(edited.phone, hugo.phone);
    assert!(till.app.orders.customers.get(hugo.id).unwrap().blacklist);
    assert!(matches!(till.app.screen, Screen::Customers(_)));
    // Delete: a confirmation that names the customer, then delClient.php.
    till.app.orders.context.customer_id = Some(hugo.id);
    till.ctrl('d').await;
    let text = screen_text(&till.app);
    assert!(
        text.contains("Delete Hugo Lambert from the customer file?"),
        "{text}"
    );
    till.press(KeyCode::Enter).await;
    assert!(till.sim.customers().iter().all(|c| c.id != hugo.id));
    assert!(
        till.app.orders.customers.get(hugo.id).is_none(),
        "list refreshed"
    );
    assert_eq!(
        till.app.orders.context.customer_id, None,
        "no longer on the sale"
    );
    assert!(matches!(till.app.screen, Screen::Customers(_)));
}

#[tokio::test]
async fn a_refused_change_keeps_the_form_as_typed_with_the_servers_message() {
    let mut till = open().await;
    till.ctrl('k').await;
    till.type_text("moreau").await;
    till.ctrl('e').await;
    // Another till deletes the customer meanwhile.
    till.client.del_client(4).await.unwrap();
    for _ in 0..3 {
        till.press(KeyCode::Tab).await;
    }
    for _ in 0.."+33 6 12 34 56 04".len() {
        till.press(KeyCode::Backspace).await;
    }
    till.type_text("07 00 00 00 04").await;
    till.ctrl('s').await;
    let error = till.form_error().expect("the server's refusal is shown");
    assert!(error.contains("Unknown customer 4"), "{error}");
    assert_eq!(till.form_values()[3], "07 00 00 00 04", "kept as typed");
    let Screen::CustomerForm(f) = &till.app.screen else {
        unreachable!()
    };
    assert!(!f.busy);
    // Deleting it again is refused the same way, in the confirmation.
    till.press(KeyCode::Esc).await;
    till.ctrl('d').await;
    till.press(KeyCode::Enter).await;
    let Screen::CustomerConfirm(c) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    assert!(
        c.error
            .as_deref()
            .unwrap_or("")
            .contains("Unknown customer 4")
    );
}

/// The screen as text at 80x24, one line per row.
fn screen_text(app: &kash_pos::app::state::App) -> String {
    common::screen_text(app, 80, 24)
}

#[tokio::test]
async fn a_recalled_order_gets_its_customer_through_edit_order() {
    let mut till = open().await;
    till.type_text("3760123400015\n").await;
    till.ctrl('p').await;
    let id = till.sim.orders().last().unwrap().id;
    assert_eq!(till.sim.order(id).unwrap().customer_id, None);
    // Recall it, pick a customer, send: editOrder.php carries idClient.
    till.ctrl('o').await;
    let index = till
        .app
        .orders
        .pending
        .orders
        .iter()
        .position(|o| o.order_id == id)
        .unwrap();
    for _ in 0..index {
        till.press(KeyCode::Down).await;
    }
    till.press(KeyCode::Enter).await;
    assert!(till.app.orders.recalled.is_some());
    till.ctrl('k').await;
    till.type_text("benali").await;
    till.press(KeyCode::Enter).await;
    let said = till.app.message.clone().unwrap().text;
    assert!(said.contains("Ctrl-P sends it"), "{said}");
    till.ctrl('p').await;
    assert_eq!(till.sim.order(id).unwrap().customer_id, Some(3));
    // Again, with a customer created on the recalled order: client[…] on editOrder.php.
    till.ctrl('o').await;
    let index = till
        .app
        .orders
        .pending
        .orders
        .iter()
        .position(|o| o.order_id == id)
        .unwrap();
    for _ in 0..index {
        till.press(KeyCode::Down).await;
    }
    till.press(KeyCode::Enter).await;
    assert_eq!(till.app.orders.context.customer_id, Some(3));
    till.ctrl('k').await;
    till.ctrl('n').await;
    till.fill(&["Roux", "Inès", "ines.roux@example.fr"]).await;
    till.ctrl('s').await;
    assert_eq!(till.app.orders.context.customer_id, None);
    till.ctrl('p').await;
    let roux = till
        .sim
        .customers()
        .into_iter()
        .find(|c| c.name == "Roux")
        .unwrap();
    assert_eq!(roux.email, "ines.roux@example.fr");
    assert_eq!(till.sim.order(id).unwrap().customer_id, Some(roux.id));
}

#[tokio::test]
async fn the_order_details_open_the_picker_and_apply_its_choice() {
    let mut till = open().await;
    till.ctrl('e').await;
    for _ in 0..3 {
        till.press(KeyCode::Tab).await;
    }
    // Enter on the customer field (Ctrl-K anywhere in the details) opens the picker.
    till.press(KeyCode::Enter).await;
    till.type_text("dubois").await;
    till.press(KeyCode::Enter).await;
    let Screen::Details(d) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    assert_eq!(d.customer_id, Some(1));
    assert_eq!(
        till.app.orders.context.customer_id, None,
        "applied with the details"
    );
    till.ctrl('s').await;
    assert_eq!(till.app.orders.context.customer_id, Some(1));
    // A customer created from the details replaces it once the details are applied; Esc on
    // the details forgets it.
    till.ctrl('e').await;
    till.ctrl('k').await;
    till.ctrl('n').await;
    till.type_text("Roux").await;
    till.ctrl('s').await;
    let Screen::Details(d) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    assert_eq!(d.customer_id, None);
    assert_eq!(
        d.new_customer.as_ref().map(|c| c.last_name.as_str()),
        Some("Roux")
    );
    till.press(KeyCode::Esc).await;
    assert_eq!(till.app.orders.context.customer_id, Some(1));
    assert!(till.app.orders.context.new_customer.is_none());
    till.ctrl('e').await;
    till.ctrl('k').await;
    till.ctrl('n').await;
    till.type_text("Roux").await;
    till.ctrl('s').await;
    till.ctrl('s').await;
    assert_eq!(till.app.orders.context.customer_id, None);
    assert_eq!(
        till.app
            .orders
            .context
            .new_customer
            .as_ref()
            .map(|c| c.last_name.as_str()),
        Some("Roux")
    );
    // Del in the picker: no customer.
    till.ctrl('k').await;
    till.press(KeyCode::Delete).await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert!(till.app.orders.context.new_customer.is_none());
    assert_eq!(till.app.orders.context.customer_id, None);
}

#[tokio::test]
async fn a_burst_of_keys_is_text_in_the_picker_and_the_form() {
    // A fast typist or a paste arrives as one burst, as a scanner would.
    let mut till = open().await;
    till.ctrl('k').await;
    till.event(Event::Scan("benali".into())).await;
    assert_eq!(till.picked(), [3], "searched, not an unknown code");
    till.ctrl('a').await;
    assert_eq!(till.form_values()[0], "benali");
    till.press(KeyCode::Tab).await;
    till.event(Event::Scan("Nadia".into())).await;
    till.press(KeyCode::Tab).await;
    till.event(Event::Scan("nadia@example.com".into())).await;
    for _ in 0..9 {
        till.press(KeyCode::Tab).await;
    }
    till.event(Event::Scan("CARD-77".into())).await;
    let v = till.form_values();
    assert_eq!(
        (v[1].as_str(), v[2].as_str(), v[11].as_str()),
        ("Nadia", "nadia@example.com", "CARD-77")
    );
    // An item scanned in the picker still goes to the basket.
    till.press(KeyCode::Esc).await;
    till.event(Event::Scan("3760123400015".into())).await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert_eq!(till.app.basket.lines.len(), 1);
}
