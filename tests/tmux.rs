//! The real binary in a real terminal (tmux), on the embedded demo shop: start-up, a sale by
//! scans, cash with change, at 80x24; scans while a search is open, AZERTY bursts, bad check
//! digits. `.ci/run` installs tmux.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use std::time::{Duration, Instant};

use common::term::{Home, Session};

#[test]
fn a_cash_sale_on_the_demo_shop_at_80x24() {
    let home = Home::new("sale");
    let s = Session::start(&home.0, "sale", 80, 24, &[]);
    let screen = s.wait_for("Ready:");
    assert!(screen.contains("DEMO"), "{screen}");
    // Two scans as a scanner sends them: the digits and Enter at once.
    s.send_literal("3760123400015\r");
    s.wait_for("Baguette tradition");
    // The cashier types the quantity by hand, then scans.
    s.type_slowly("2*");
    s.send_literal("3760123400114\r");
    s.wait_for("Croissant");
    s.wait_for("TOTAL  €3.70");
    s.send_key("F1");
    s.wait_for("Cash tendered");
    s.send_literal("10");
    s.send_key("Enter");
    let screen = s.wait_for("CHANGE DUE");
    assert!(screen.contains("recorded"), "{screen}");
    assert!(screen.contains("€6.30"), "{screen}");
    // Quit with an empty basket: no question.
    s.send_key("C-q");
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.is_running() {
        assert!(
            Instant::now() < deadline,
            "kash-pos did not quit:\n{}",
            s.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn scans_never_land_in_the_search_and_azerty_bursts_are_read() {
    let home = Home::new("scan");
    let s = Session::start(&home.0, "scan", 90, 30, &[]);
    s.wait_for("Ready:");
    // A person starts a name search, slowly…
    s.type_slowly("cro");
    s.wait_for("Search by name");
    // …and a scan arrives: it goes to the basket, not into the search box.
    s.send_literal("3760123400015\r");
    let screen = s.wait_for("Baguette tradition added");
    assert!(!screen.contains("cro3760"), "{screen}");
    assert!(
        !screen.contains("Search by name"),
        "the scan closed the search:\n{screen}"
    );
    // A scanner set to a US layout on a French AZERTY keyboard: `"è-à&é"'ààà&(` is 3760123400015.
    s.send_literal("\"è-à&é\"'ààà&(\r");
    s.wait_for("Baguette tradition");
    let screen = s.wait_for("TOTAL  €2.60");
    assert!(screen.contains("2.60"), "{screen}");
    // A bad check digit is refused: nothing added.
    s.send_literal("3760123400016\r");
    let screen = s.wait_for("Bad check digit");
    assert!(screen.contains("TOTAL  €2.60"), "{screen}");
}

/// A French cashier (`LANG=fr_FR.UTF-8`, no `[pos] language`): the till speaks French, amounts
/// are written `3,70 €`.
#[test]
fn a_cash_sale_in_french_on_a_french_locale() {
    let home = Home::new("sale-fr");
    let s = Session::start_in(&home.0, "sale-fr", 80, 24, &[], "fr_FR.UTF-8");
    let screen = s.wait_for("Prêt :");
    assert!(screen.contains("DÉMO"), "{screen}");
    assert!(screen.contains("F9 Paiement"), "{screen}");
    s.send_literal("3760123400015\r");
    s.wait_for("Baguette tradition");
    s.type_slowly("2*");
    s.send_literal("3760123400114\r");
    let screen = s.wait_for("TOTAL  3,70 €");
    assert!(screen.contains("Panier — 2 lignes, 3 articles"), "{screen}");
    s.send_key("F1");
    s.wait_for("Espèces reçues");
    s.send_literal("10");
    s.send_key("Enter");
    let screen = s.wait_for("À RENDRE");
    assert!(screen.contains("enregistrée"), "{screen}");
    assert!(screen.contains("6,30 €"), "{screen}");
    s.send_key("C-q");
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.is_running() {
        assert!(
            Instant::now() < deadline,
            "kash-pos did not quit:\n{}",
            s.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
