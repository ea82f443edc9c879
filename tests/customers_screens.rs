//! Snapshots of the customer screens (the picker, the form, the confirmations, the sale with a
//! customer), at 80x24 and 120x40, in English and in French. The text snapshots show symbols,
//! not colours: the red of a blacklisted customer is asserted on the buffer too.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use common::*;
use crossterm::event::KeyCode;
use kash_pos::app::effect::{CustomerChange, Effect};
use kash_pos::app::event::Event;
use kash_pos::app::screen::Screen;
use kash_pos::app::state::{App, Connection};
use kash_pos::app::update;
use kash_pos::kash::model::Customer;
use ratatui::style::Color;

/// Both sizes, in the language of `app`.
fn snap(name: &str, app: &App) {
    let lang = if app.settings.lang == kash_pos::i18n::Lang::Fr {
        "_fr"
    } else {
        ""
    };
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = render(app, w, h);
        insta::assert_snapshot!(format!("{name}{lang}_{w}x{h}"), terminal.backend());
    }
}

fn customer(id: u64, surname: &str, name: &str, phone: &str, postcode: &str) -> Customer {
    Customer {
        id,
        surname: surname.into(),
        name: name.into(),
        email: format!(
            "{}.{}@example.com",
            kash_pos::pos::customers::fold(surname),
            kash_pos::pos::customers::fold(name)
        ),
        phone: phone.into(),
        postcode: postcode.into(),
        city: "Lyon".into(),
        country: "FR".into(),
        barcode: format!("CLI{id:04}"),
        ..Customer::default()
    }
}

/// The fixture shop with a customer file, one of them blacklisted.
fn app() -> App {
    let mut app = loaded_app();
    let mut garnier = customer(7, "Antoine", "Garnier", "+33 6 12 34 56 07", "69007");
    garnier.blacklist = true;
    garnier.private_comment = "Chèques refusés (deux impayés en 2025)".into();
    let list = vec![
        customer(1, "Claire", "Dubois", "+33 6 12 34 56 01", "69002"),
        customer(2, "Thomas", "Lefèvre", "06 12 34 56 02", "69002"),
        customer(3, "Nadia", "Benali", "+33 6 12 34 56 03", "69003"),
        garnier,
        customer(8, "Léa", "Rousseau", "+32 2 123 45 67", "1000"),
    ];
    let _ = update(&mut app, Event::Customers(Ok(list)));
    app.connection = Connection::Online;
    app
}

/// Whether some cell showing `symbol` is drawn in red.
fn red(app: &App, symbol: &str) -> bool {
    let terminal = render(app, 80, 24);
    let buffer = terminal.backend().buffer();
    buffer
        .content()
        .iter()
        .any(|c| c.symbol() == symbol && (c.fg == Color::Red || c.bg == Color::Red))
}

#[test]
fn picker() {
    in_both_languages(|| {
        let mut app = app();
        let _ = update(&mut app, ctrl('k'));
        assert!(matches!(app.screen, Screen::Customers(_)));
        snap("customers_picker", &app);
        // A search that finds the blacklisted customer: flagged, with the private comment.
        type_text(&mut app, "gar");
        snap("customers_picker_blacklisted", &app);
        assert!(red(&app, "⚑"));
    });
}

#[test]
fn picker_offline_with_no_match() {
    in_both_languages(|| {
        let mut app = app();
        app.connection = Connection::Offline;
        let _ = update(&mut app, ctrl('k'));
        type_text(&mut app, "zzz");
        snap("customers_picker_offline", &app);
    });
}

#[test]
fn form_with_the_sale_and_a_wrong_field() {
    in_both_languages(|| {
        let mut app = app();
        type_text(&mut app, "3760000000017\n");
        let _ = update(&mut app, ctrl('k'));
        type_text(&mut app, "Durand");
        let _ = update(&mut app, ctrl('n'));
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "Zoé");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "zoe@example");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "06 12 34 56 78");
        for _ in 0..3 {
            press(&mut app, KeyCode::Tab);
        }
        type_text(&mut app, "Sonner 2 fois\nDigicode 1234");
        let effects = update(&mut app, ctrl('s'));
        assert!(effects.is_empty(), "nothing sent: {effects:?}");
        snap("customers_form_with_sale_error", &app);
    });
}

#[test]
fn form_editing_a_blacklisted_customer() {
    in_both_languages(|| {
        let mut app = app();
        let _ = update(&mut app, ctrl('k'));
        type_text(&mut app, "garnier");
        let _ = update(&mut app, ctrl('e'));
        for _ in 0..12 {
            press(&mut app, KeyCode::Tab);
        }
        snap("customers_form_edit_blacklisted", &app);
        // Saving: the change is on its way, the form waits.
        press(&mut app, KeyCode::Right);
        let effects = update(&mut app, ctrl('s'));
        let [Effect::EditCustomer(7, data)] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        assert_eq!(
            data.form_fields(),
            [("data[blacklist]".to_string(), "0".to_string())]
        );
        snap("customers_form_sending", &app);
        // Refused: the form as typed, with the server's message.
        let _ = update(
            &mut app,
            Event::CustomerSaved(
                CustomerChange::Edited(7),
                Err(kash_pos::kash::KashError::Refused {
                    endpoint: "editClient".into(),
                    message: "Unknown customer 7".into(),
                }),
            ),
        );
        snap("customers_form_refused", &app);
    });
}

#[test]
fn confirmations() {
    in_both_languages(|| {
        let mut app = app();
        let _ = update(&mut app, ctrl('k'));
        type_text(&mut app, "dubois");
        let _ = update(&mut app, ctrl('d'));
        snap("customers_confirm_delete", &app);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
        let _ = update(&mut app, Event::Scan("CLI0007".into()));
        snap("customers_confirm_blacklisted", &app);
    });
}

#[test]
fn sale_with_a_blacklisted_customer_and_with_a_new_one() {
    in_both_languages(|| {
        let mut app = app();
        type_text(&mut app, "3760000000017\n3*3760000000024\n");
        let _ = update(&mut app, Event::Scan("CLI0007".into()));
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.orders.context.customer_id, Some(7));
        snap("customers_sale_blacklisted", &app);
        assert!(red(&app, "⚑"));
        // The order details show the flag too.
        let _ = update(&mut app, ctrl('e'));
        snap("customers_details_blacklisted", &app);
        press(&mut app, KeyCode::Esc);
        // A customer created with the sale.
        let _ = update(&mut app, ctrl('k'));
        let _ = update(&mut app, ctrl('n'));
        type_text(&mut app, "Durand");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "Zoé");
        let _ = update(&mut app, ctrl('s'));
        assert_eq!(app.screen, Screen::Sale);
        assert!(app.orders.context.new_customer.is_some());
        assert_eq!(app.orders.context.customer_id, None);
        snap("customers_sale_new_customer", &app);
    });
}
