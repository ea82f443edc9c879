//! The sale flow key by key, through `update` alone: what each key does to the basket and which
//! order it asks to send. (The same flows against the simulator are in `flows.rs`.)

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kash_pos::app::event::Event;
use kash_pos::app::screen::Screen;
use kash_pos::app::{Effect, update};
use kash_pos::kash::model::OrderReceipt;
use kash_pos::kash::order::{ItemsListEntry, Payment};
use rust_decimal_macros::dec;

fn submitted(effects: &[Effect]) -> &kash_pos::kash::order::Order {
    match effects {
        [Effect::Record(order, _)] => order,
        other => panic!("expected one order, got {other:?}"),
    }
}

fn encoded(effects: &[Effect]) -> Vec<String> {
    submitted(effects)
        .lines
        .iter()
        .map(ItemsListEntry::encode)
        .collect()
}

#[test]
fn codes_quantities_and_card_payment() {
    let mut app = loaded_app();
    type_text(
        &mut app,
        "3760000000017\n3*3760000000024\n4\n0,350*2000090000001\n",
    );
    assert_eq!(app.basket.lines.len(), 4);
    assert_eq!(app.basket.total(), dec!(16.82));
    let effects = press(&mut app, KeyCode::F(2));
    let order = submitted(&effects);
    assert_eq!(order.payment, Payment::Mode(2));
    assert_eq!(order.user_id, Some(1));
    assert_eq!(order.cashbox_id, Some(1));
    assert_eq!(encoded(&effects), vec!["1", "2_3", "4", "9_0.35"]);
    assert!(matches!(app.screen, Screen::Submitting(_)));
}

#[test]
fn same_code_twice_adds_up() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000024\n3760000000024\n");
    assert_eq!(app.basket.lines.len(), 1);
    assert_eq!(app.basket.lines[0].quantity, dec!(2));
}

#[test]
fn bad_quantity_and_unknown_code_say_so() {
    let mut app = loaded_app();
    type_text(&mut app, "0*3760000000024\n");
    assert!(app.basket.is_empty());
    assert!(app.message.as_ref().unwrap().text.contains("Quantity"));
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "123456789\n");
    assert!(app.basket.is_empty());
    assert_eq!(app.entry, "123456789", "the entry stays for correction");
}

#[test]
fn search_adds_with_quantity_and_escape_closes() {
    let mut app = loaded_app();
    type_text(&mut app, "2*croiss");
    let Screen::Search(s) = &app.screen else {
        panic!("{:?}", app.screen)
    };
    assert_eq!(s.results.first(), Some(&2));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.basket.lines[0].quantity, dec!(2));
    assert_eq!(app.screen, Screen::Sale);
    type_text(&mut app, "tarte");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Sale);
    assert!(app.entry.is_empty());
    // Backspacing the letters away leaves the search.
    type_text(&mut app, "ta");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.screen, Screen::Sale);
}

#[test]
fn variations_go_on_the_line() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000079\n");
    assert!(matches!(app.screen, Screen::Variation(_)));
    type_text(&mut app, "2");
    assert_eq!(app.screen, Screen::Sale);
    assert_eq!(app.basket.lines[0].unit_price, dec!(4.30));
    type_text(&mut app, "3760000000086\n");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let effects = press(&mut app, KeyCode::F(2));
    assert_eq!(encoded(&effects), vec!["7_1___12", "8_1___22"]);
    // Esc on a variation adds nothing.
    let mut app = loaded_app();
    type_text(&mut app, "3760000000086\n");
    press(&mut app, KeyCode::Esc);
    assert!(app.basket.is_empty());
}

#[test]
fn department_browse_and_free_line() {
    let mut app = loaded_app();
    press(&mut app, KeyCode::F(10));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.basket.lines[0].title, "Pain au chocolat");
    type_text(&mut app, "5,50\n");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Sale);
    let effects = press(&mut app, KeyCode::F(2));
    assert_eq!(encoded(&effects), vec!["3", "-2_5.50_Viennoiseries"]);
}

#[test]
fn line_edit_overrides_and_discounts() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000024\n3760000000048\n");
    press(&mut app, KeyCode::Up); // select the éclair
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::LineEdit(_)));
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "2");
    press(&mut app, KeyCode::Tab);
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "3,00");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "_maison");
    press(&mut app, KeyCode::F(2)); // the shop's 2nd discount: 20 %
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Sale);
    let line = &app.basket.lines[1];
    assert_eq!(line.quantity, dec!(2));
    assert_eq!(line.total(), dec!(4.80));
    let effects = press(&mut app, KeyCode::F(2));
    assert_eq!(
        encoded(&effects),
        vec!["2", "4_2_Éclair au café maison -20%_2.40"]
    );
}

#[test]
fn line_edit_refuses_bad_values() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000024\n");
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "abc");
    press(&mut app, KeyCode::Enter);
    let Screen::LineEdit(s) = &app.screen else {
        panic!()
    };
    assert!(s.error.as_ref().unwrap().contains("Quantity"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.basket.lines[0].quantity, dec!(1));
}

#[test]
fn remove_plus_minus_and_clear() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000017\n3760000000024\n");
    type_text(&mut app, "+");
    assert_eq!(app.basket.lines[1].quantity, dec!(2));
    type_text(&mut app, "--");
    assert_eq!(
        app.basket.lines[1].quantity,
        dec!(1),
        "never below 1 by the minus key"
    );
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Delete);
    assert_eq!(app.basket.lines.len(), 1);
    assert_eq!(app.basket.lines[0].title, "Croissant");
    update(&mut app, ctrl('n'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.basket.lines.len(), 1, "Esc keeps the basket");
    update(&mut app, ctrl('n'));
    press(&mut app, KeyCode::Enter);
    assert!(app.basket.is_empty());
}

#[test]
fn cash_with_change_exact_and_short() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000017\n");
    press(&mut app, KeyCode::F(1));
    assert!(matches!(app.screen, Screen::Tender { .. }));
    // Less than the total is a part: the rest stays due (split at the counter).
    let effects = type_text(&mut app, "1\n");
    assert!(effects.is_empty(), "1,00 € does not cover 1,30 €");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("still due 0,30")
    );
    assert_eq!(app.screen, Screen::Sale);
    assert_eq!(app.due(), dec!(0.30));
    // Ctrl-N starts again; the exact amount is Enter alone.
    update(&mut app, ctrl('n'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "3760000000017\n");
    press(&mut app, KeyCode::F(1));
    assert!(app.tenders.is_empty());
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(submitted(&effects).payment, Payment::Mode(1));
    let Screen::Submitting(s) = &app.screen else {
        panic!()
    };
    assert_eq!(s.tendered, Some(dec!(1.30)));
}

#[test]
fn payment_screen_modes_and_limits() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000017\n");
    press(&mut app, KeyCode::F(9));
    // The cheque needs 10 € at least; the refund modes need a negative total.
    type_text(&mut app, "3");
    assert!(app.message.as_ref().unwrap().text.contains("at least"));
    type_text(&mut app, "7");
    assert!(app.message.as_ref().unwrap().text.contains("refund mode"));
    let effects = type_text(&mut app, "o");
    assert_eq!(submitted(&effects).payment, Payment::Open);
    let mut app = loaded_app();
    type_text(&mut app, "3760000000017\n");
    press(&mut app, KeyCode::F(9));
    let effects = type_text(&mut app, "v");
    assert_eq!(submitted(&effects).payment, Payment::Validated);
}

#[test]
fn keys_typed_while_sending_start_the_next_sale() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000017\n");
    let effects = press(&mut app, KeyCode::F(2));
    assert_eq!(effects.len(), 1);
    // The next customer's first scan arrives before the answer.
    type_text(&mut app, "3760000000024\n");
    assert_eq!(
        app.basket.lines.len(),
        1,
        "the basket is untouched while sending"
    );
    update(
        &mut app,
        Event::Submitted(Ok(OrderReceipt {
            order_id: 7,
            payment_link: None,
            invoice: None,
            quote: None,
        })),
    );
    assert_eq!(app.screen, Screen::Sale);
    assert_eq!(app.basket.lines.len(), 1);
    assert_eq!(app.basket.lines[0].title, "Croissant");
}

#[test]
fn receipt_stays_until_a_key_and_a_scan_starts_the_next_sale() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000017\n");
    press(&mut app, KeyCode::F(1));
    type_text(&mut app, "5\n");
    update(
        &mut app,
        Event::Submitted(Ok(OrderReceipt {
            order_id: 9,
            payment_link: None,
            invoice: None,
            quote: None,
        })),
    );
    let Screen::Receipt(r) = &app.screen else {
        panic!()
    };
    assert_eq!(r.change, Some(dec!(3.70)));
    type_text(&mut app, "3760000000024\n");
    assert_eq!(app.screen, Screen::Sale);
    assert_eq!(app.basket.lines[0].title, "Croissant");
}

#[test]
fn quit_asks_when_the_basket_is_not_empty() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000017\n");
    update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL)),
    );
    assert!(!app.quit);
    press(&mut app, KeyCode::Esc);
    assert!(!app.quit);
    update(&mut app, ctrl('c'));
    press(&mut app, KeyCode::Enter);
    assert!(app.quit);
}

fn scan(app: &mut kash_pos::app::App, code: &str) -> Vec<Effect> {
    update(app, Event::Scan(code.to_string()))
}

/// A valid EAN-13 from its first twelve digits.
fn ean13(body: &str) -> String {
    let check = kash_pos::pos::barcode::compute_check_digit(body).unwrap();
    format!("{body}{check}")
}

#[test]
fn a_scan_closes_the_search_and_goes_to_the_basket() {
    let mut app = loaded_app();
    type_text(&mut app, "crois");
    assert!(matches!(app.screen, Screen::Search(_)));
    let effects = scan(&mut app, "3760000000017");
    assert!(effects.is_empty());
    assert_eq!(app.screen, Screen::Sale);
    assert!(
        app.entry.is_empty(),
        "the scan is not typed into the search box"
    );
    assert_eq!(app.basket.lines.len(), 1);
    assert_eq!(app.basket.lines[0].title, "Baguette tradition");
}

#[test]
fn a_scan_on_the_payment_screen_never_pays() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000017\n");
    press(&mut app, KeyCode::F(9));
    let effects = scan(&mut app, "3760000000024");
    assert!(effects.is_empty(), "its Enter confirms nothing");
    assert_eq!(app.screen, Screen::Sale);
    assert_eq!(app.basket.lines.len(), 2);
    // Nor on the cash screen: the code is not read as an amount tendered.
    press(&mut app, KeyCode::F(1));
    type_text(&mut app, "20");
    assert!(scan(&mut app, "3760000000024").is_empty());
    assert_eq!(app.screen, Screen::Sale);
    assert!(app.entry.is_empty());
    assert_eq!(app.basket.lines[1].quantity, dec!(2));
}

#[test]
fn a_typed_quantity_applies_to_the_next_scan() {
    let mut app = loaded_app();
    type_text(&mut app, "3*");
    scan(&mut app, "3760000000024");
    assert_eq!(app.basket.lines[0].quantity, dec!(3));
    assert!(app.entry.is_empty());
}

#[test]
fn a_bad_check_digit_is_refused_with_a_flash() {
    let mut app = loaded_app();
    let effects = scan(&mut app, "3760000000018");
    assert!(app.basket.is_empty());
    assert!(app.flash);
    assert_eq!(effects, vec![Effect::EndFlash]);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("Bad check digit"),
        "{:?}",
        app.message
    );
    update(&mut app, Event::FlashOff);
    assert!(!app.flash);
}

#[test]
fn an_unknown_scan_offers_a_search_or_a_free_line() {
    let mut app = loaded_app();
    let code = ean13("376000000099");
    scan(&mut app, &code);
    assert_eq!(app.screen, Screen::UnknownCode(code.clone()));
    press(&mut app, KeyCode::F(10));
    assert!(matches!(app.screen, Screen::Departments(_)));
    type_text(&mut app, "2,40\n");
    assert_eq!(app.basket.total(), dec!(2.40));
    press(&mut app, KeyCode::Esc);
    scan(&mut app, &code);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Sale);
    assert!(app.message.as_ref().unwrap().text.contains("Type the name"));
}

#[test]
fn an_in_store_price_label() {
    let mut app = loaded_app();
    // Prefix 20: item 00090's label with its price in cents (4,52 €).
    let code = ean13("200009000452");
    scan(&mut app, &code);
    assert_eq!(app.basket.lines.len(), 1, "{:?}", app.message);
    let line = &app.basket.lines[0];
    assert_eq!(line.title, "Olives vertes (kg)");
    assert_eq!(line.total(), dec!(4.52));
}

#[test]
fn a_scan_while_sending_waits_for_the_answer() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000017\n");
    press(&mut app, KeyCode::F(2));
    scan(&mut app, "3760000000024");
    assert_eq!(app.basket.lines.len(), 1);
    update(
        &mut app,
        Event::Submitted(Ok(OrderReceipt {
            order_id: 3,
            payment_link: None,
            invoice: None,
            quote: None,
        })),
    );
    assert_eq!(app.basket.lines.len(), 1);
    assert_eq!(app.basket.lines[0].title, "Croissant");
}
