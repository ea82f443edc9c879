//! The counter: figures never cut, limits, amount first, split tender, restored context, the
//! message log. Flow tests on the fixture shop, snapshots in both languages at 80x24 and
//! 120x40, and a property test of the basket's figures.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use kash_pos::app::state::App;
use kash_pos::money::{MoneyStyle, format_amount, format_quantity};
use kash_pos::pos::basket::BasketLine;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Every snapshot of a changed screen: both languages, 80x24 and 120x40.
fn snap(name: &str, app: &App) {
    let lang = match app.settings.lang {
        kash_pos::i18n::Lang::Fr => "fr",
        kash_pos::i18n::Lang::En => "en",
    };
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{lang}_{w}x{h}"), terminal.backend());
    }
}

fn text_of(app: &App, width: u16, height: u16) -> String {
    screen_text(app, width, height)
}

/// A line within the default limits: quantity up to 9 999 (or a weight), unit price up to
/// 100 000, total up to 1 000 000, either sign.
fn any_line() -> impl Strategy<Value = BasketLine> {
    (
        -9_999i64..=9_999,
        prop::bool::ANY,
        0i64..=10_000_000,
        "[A-Za-zé ]{1,60}",
    )
        .prop_filter_map("within the limits", |(q, weighed, cents, title)| {
            let quantity = if weighed {
                Decimal::new(q, 3)
            } else {
                Decimal::from(q)
            };
            if quantity.is_zero() {
                return None;
            }
            let price = Decimal::new(cents, 2);
            let mut line = BasketLine::free(None, price, Some(title.trim()));
            line.quantity = quantity;
            kash_pos::pos::basket::Limits::default()
                .check(&line)
                .ok()
                .map(|()| line)
        })
}

/// Whether a row of the basket ends (inside its border) with these figures, each whole:
/// preceded by a space, separated by spaces only.
fn ends_with_figures(row: &str, figures: &[String; 3]) -> bool {
    let Some(inner) = row.trim_end().strip_suffix('│') else {
        return false;
    };
    let mut rest = inner.trim_end();
    for f in figures.iter().rev() {
        let Some(before) = rest.strip_suffix(f.as_str()) else {
            return false;
        };
        if !before.ends_with(' ') {
            return false;
        }
        rest = before.trim_end();
    }
    true
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the basket, every figure of every line shows whole at 80 columns, in both
    /// money styles.
    #[test]
    fn any_basket_renders_its_numbers_whole_at_80_columns(
        lines in prop::collection::vec(any_line(), 1..6),
        english in prop::bool::ANY,
        selected in 0usize..6,
    ) {
        let mut app = loaded_app();
        app.settings.money_style = if english { MoneyStyle::English } else { MoneyStyle::French };
        for l in lines {
            app.basket.lines.push(l);
        }
        app.selected = Some(selected.min(app.basket.lines.len() - 1));
        let text = text_of(&app, 80, 24);
        let style = app.settings.money_style;
        for l in &app.basket.lines {
            let figures = [
                format_quantity(l.quantity, style),
                format_amount(l.unit_price, style),
                format_amount(l.total(), style),
            ];
            prop_assert!(
                text.lines().any(|row| ends_with_figures(row, &figures)),
                "{figures:?} not whole in\n{text}"
            );
        }
        let total = kash_pos::money::format_money(app.basket.total(), style);
        prop_assert!(text.contains(&total), "total {total} in\n{text}");
    }
}

/// A long refusal is cut on the status line with the key that shows it whole; Ctrl-L lists
/// every message of the session, each whole, newest first.
#[test]
fn message_log_shows_long_messages_whole() {
    in_both_languages(|| {
        let mut app = loaded_app();
        type_text(&mut app, "3760000000017\n");
        let long = "Kash.click refused: Order 17724460 is validated: its lines and details can \
                    no longer be changed; only payments can be recorded (a long refusal)";
        kash_pos::app::actions::info(
            &mut app,
            kash_pos::app::state::Severity::Error,
            long.to_string(),
        );
        app.log_message(app.message.clone().unwrap());
        snap("message_cut", &app);
        let _ = kash_pos::app::update(&mut app, ctrl('l'));
        assert!(matches!(
            app.screen,
            kash_pos::app::screen::Screen::MessageLog { .. }
        ));
        let text = text_of(&app, 80, 24);
        assert!(text.contains("only payments can"), "{text}");
        snap("message_log", &app);
        // Esc goes back to the sale.
        press(&mut app, crossterm::event::KeyCode::Esc);
        assert_eq!(app.screen, kash_pos::app::screen::Screen::Sale);
    });
}

/// A warning does not outlive the next key.
#[test]
fn a_warning_goes_with_the_next_key() {
    let mut app = loaded_app();
    type_text(&mut app, "999\n");
    assert!(app.message.is_some());
    // The refused code stays for correction: Backspace it away, then a good one.
    for _ in 0..3 {
        press(&mut app, crossterm::event::KeyCode::Backspace);
    }
    assert_eq!(app.message, None);
    type_text(&mut app, "3760000000017\n");
    let m = app.message.clone().unwrap();
    assert_eq!(m.severity, kash_pos::app::state::Severity::Info, "{m:?}");
    assert!(app.log.len() >= 2);
}

/// Ctrl-R asks before it turns the basket into a refund; the quit dialog says the basket is
/// kept.
#[test]
fn negate_asks_first_and_quit_says_the_basket_is_kept() {
    in_both_languages(|| {
        let mut app = loaded_app();
        type_text(&mut app, "3760000000017\n");
        let _ = kash_pos::app::update(&mut app, ctrl('r'));
        assert!(app.basket.total() > Decimal::ZERO);
        snap("negate_confirm", &app);
        press(&mut app, crossterm::event::KeyCode::Enter);
        assert!(app.basket.total() < Decimal::ZERO);
        let _ = kash_pos::app::update(&mut app, ctrl('q'));
        snap("quit_confirm", &app);
    });
}

/// A long entry scrolls: its end stays in view. Below 60x20 the till says it is too small.
#[test]
fn long_entry_scrolls_and_small_terminal_says_so() {
    in_both_languages(|| {
        let mut app = loaded_app();
        type_text(&mut app, &"1234567890".repeat(10));
        let text = text_of(&app, 80, 24);
        assert!(text.contains("> …"), "{text}");
        assert!(text.contains("4567890 │"), "{text}");
        snap("long_entry", &app);
        let small = text_of(&app, 50, 15);
        assert!(small.contains("50x15"), "{small}");
        assert!(small.contains("60x20"), "{small}");
        let lang = match app.settings.lang {
            kash_pos::i18n::Lang::Fr => "fr",
            kash_pos::i18n::Lang::En => "en",
        };
        insta::assert_snapshot!(format!("too_small_{lang}_50x15"), small);
    });
}

// ------------------------------------------------------------ against the simulator

mod flows {
    use super::common::till::Till;
    use crossterm::event::KeyCode;
    use kash_pos::app::event::Event;
    use kash_pos::app::screen::Screen;
    use kash_pos::app::update;
    use kash_pos::journal::delivery::Outcome;
    use kash_pos::journal::{Journal, Request, State};
    use kash_pos::sim::Faults;
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;
    use std::sync::{Arc, Mutex};
    use time::OffsetDateTime;

    /// A till on the demo shop; `clock` is the journal's, moved by the test.
    async fn open(clock: Arc<Mutex<OffsetDateTime>>) -> Till {
        let c = Arc::clone(&clock);
        let journal =
            Journal::open_in_memory_with_clock(Arc::new(move || *c.lock().unwrap())).unwrap();
        let till = Till::open_on(super::settings(), "demo", journal).await;
        assert_eq!(till.app.screen, Screen::Sale);
        till
    }

    fn now() -> Arc<Mutex<OffsetDateTime>> {
        Arc::new(Mutex::new(OffsetDateTime::now_utc()))
    }

    /// The cashier's keys, counted (a scan counts apart: it is not a key).
    struct Keys(usize);

    impl Keys {
        async fn scan(&mut self, till: &mut Till, code: &str) {
            till.event(Event::Scan(code.to_string())).await;
        }

        async fn press(&mut self, till: &mut Till, code: KeyCode) {
            self.0 += 1;
            till.press(code).await;
        }

        async fn text(&mut self, till: &mut Till, text: &str) {
            self.0 += text.chars().count();
            till.type_text(text).await;
        }
    }

    /// The parts of split payments still queued in the journal, in order.
    fn queued_parts(till: &Till) -> Vec<(i64, String)> {
        till.services
            .journal
            .all()
            .unwrap()
            .into_iter()
            .filter(|e| matches!(e.request, Request::Payment(_)) && e.state == State::Queued)
            .map(|e| (e.seq, e.reference))
            .collect()
    }

    /// What the background sender does with the parts: delivered in order, reported.
    async fn deliver(till: &mut Till, seq: i64, reference: String) -> Outcome {
        let event = till.deliver(seq, reference).await;
        let Event::Delivery(d) = &event else {
            unreachable!()
        };
        let outcome = d.outcome.clone();
        let effects = update(&mut till.app, event);
        till.run(effects).await;
        outcome
    }

    async fn deliver_parts(till: &mut Till) {
        for (seq, reference) in queued_parts(till) {
            let outcome = deliver(till, seq, reference).await;
            assert!(matches!(outcome, Outcome::Confirmed(_)), "{outcome:?}");
        }
    }

    fn receipt_change(till: &Till) -> Option<Decimal> {
        match &till.app.screen {
            Screen::Receipt(r) => r.change,
            other => panic!("not on the receipt: {other:?}"),
        }
    }

    /// `20` F1 on a 5,60 basket: recorded at once, change 14,40; one payment on the wire.
    #[tokio::test]
    async fn amount_first_cash_sale_of_three_items_with_change() {
        let mut till = open(now()).await;
        let mut keys = Keys(0);
        for code in ["3760123400015", "3760123400022", "3760123400237"] {
            keys.scan(&mut till, code).await;
        }
        assert_eq!(
            till.app.basket.total(),
            dec!(5.60),
            "{:?} {:?} {:?}",
            till.app.basket,
            till.app.message,
            till.app.screen
        );
        keys.text(&mut till, "20").await;
        keys.press(&mut till, KeyCode::F(1)).await;
        assert_eq!(receipt_change(&till), Some(dec!(14.40)));
        let order = till.sim.orders().last().cloned().unwrap();
        assert_eq!(order.payments, vec![(1, dec!(5.60))]);
        assert!(order.closed);
        assert_eq!(keys.0, 3, "3 scans, then 2 0 F1");
    }

    /// `10` F1 then F2: 10,00 cash and the rest by card, the order then each part on the wire.
    #[tokio::test]
    async fn ten_cash_then_the_rest_by_card() {
        let mut till = open(now()).await;
        let mut keys = Keys(0);
        for code in ["3760123400428", "3760123400114", "3760123400015"] {
            keys.scan(&mut till, code).await;
        }
        assert_eq!(till.app.basket.total(), dec!(15.40));
        keys.text(&mut till, "10").await;
        keys.press(&mut till, KeyCode::F(1)).await;
        assert_eq!(till.app.screen, Screen::Sale);
        assert_eq!(till.app.due(), dec!(5.40));
        let text = super::text_of(&till.app, 80, 24);
        assert!(text.contains("DUE  5,40 €"), "{text}");
        keys.press(&mut till, KeyCode::F(2)).await;
        // The order is recorded (validated, unpaid), then each part is paid on it.
        assert!(
            matches!(till.app.screen, Screen::Receipt(_)),
            "{:?} {:?} {:?}",
            till.app.screen,
            till.app.message,
            till.app.alert
        );
        // The receipt says both tenders whole at 80 columns, one a line where they do not fit.
        let text = super::text_of(&till.app, 80, 24);
        assert!(
            text.contains("Espèces 10,00 €") && text.contains("│  + Carte bancaire 5,40 €"),
            "{text}"
        );
        deliver_parts(&mut till).await;
        let order = till.sim.orders().last().cloned().unwrap();
        assert_eq!(order.payments, vec![(1, dec!(10.00)), (2, dec!(5.40))]);
        assert!(order.closed, "paid in full");
        assert_eq!(till.services.journal.counts().unwrap().waiting(), 0);
        assert_eq!(keys.0, 4, "3 scans, then 1 0 F1 F2");
    }

    /// Five lines paid by two cards: an amount on the card key, then the card key for the rest.
    #[tokio::test]
    async fn five_lines_paid_by_two_cards() {
        let mut till = open(now()).await;
        let mut keys = Keys(0);
        for code in [
            "3760123400015",
            "3760123400022",
            "3760123400237",
            "3760123400244",
            "3760123400312",
        ] {
            keys.scan(&mut till, code).await;
        }
        assert_eq!(till.app.basket.total(), dec!(12.40));
        keys.text(&mut till, "6").await;
        keys.press(&mut till, KeyCode::F(2)).await;
        keys.press(&mut till, KeyCode::F(2)).await;
        deliver_parts(&mut till).await;
        let order = till.sim.orders().last().cloned().unwrap();
        assert_eq!(order.lines.len(), 5);
        assert_eq!(order.payments, vec![(2, dec!(6)), (2, dec!(6.40))]);
        assert!(order.closed);
        assert_eq!(keys.0, 3, "5 scans, then 6 F2 F2");
    }

    /// A card cannot take more than is due; cash over the rest gives change.
    #[tokio::test]
    async fn a_card_over_the_due_is_refused_cash_gives_change_on_the_rest() {
        let mut till = open(now()).await;
        till.event(Event::Scan("3760123400428".into())).await;
        till.type_text("20").await;
        till.press(KeyCode::F(2)).await;
        assert_eq!(till.app.screen, Screen::Sale);
        assert!(till.app.tenders.is_empty(), "refused: nothing tendered");
        till.app.entry.clear();
        till.type_text("5").await;
        till.press(KeyCode::F(2)).await;
        assert_eq!(till.app.due(), dec!(7.90));
        till.type_text("10").await;
        till.press(KeyCode::F(1)).await;
        assert_eq!(receipt_change(&till), Some(dec!(2.10)));
        deliver_parts(&mut till).await;
        let order = till.sim.orders().last().cloned().unwrap();
        assert_eq!(order.payments, vec![(2, dec!(5)), (1, dec!(7.90))]);
    }

    /// The answer to the second payment is lost after the server recorded it: a look-up sees
    /// the order paid up to it and confirms it; it is never paid twice.
    #[tokio::test]
    async fn a_lost_answer_on_the_second_payment_is_settled_without_paying_twice() {
        let mut till = open(now()).await;
        till.event(Event::Scan("3760123400428".into())).await;
        till.type_text("10").await;
        till.press(KeyCode::F(1)).await;
        till.press(KeyCode::F(2)).await;
        let parts = queued_parts(&till);
        assert_eq!(parts.len(), 2);
        let first = deliver(&mut till, parts[0].0, parts[0].1.clone()).await;
        assert!(matches!(first, Outcome::Confirmed(_)), "{first:?}");
        // The server records the card payment, then the answer breaks off.
        till.sim.set_faults(Faults {
            drop_rate: 1.0,
            ..Faults::default()
        });
        let lost = deliver(&mut till, parts[1].0, parts[1].1.clone()).await;
        assert!(matches!(lost, Outcome::Uncertain(_)), "{lost:?}");
        till.sim.set_faults(Faults::default());
        let settled = deliver(&mut till, parts[1].0, parts[1].1.clone()).await;
        assert!(matches!(settled, Outcome::Confirmed(_)), "{settled:?}");
        let order = till.sim.orders().last().cloned().unwrap();
        assert_eq!(order.payments, vec![(1, dec!(10)), (2, dec!(2.90))]);
        assert_eq!(till.services.journal.counts().unwrap().waiting(), 0);
    }

    /// The second payment never reached the server, and its answer is unreadable: looked up
    /// over a whole settle window, the order paid only as before it, it is sent again, once.
    #[tokio::test]
    async fn an_unrecorded_second_payment_is_sent_again_after_its_window() {
        let clock = now();
        let mut till = open(Arc::clone(&clock)).await;
        till.event(Event::Scan("3760123400428".into())).await;
        till.type_text("10").await;
        till.press(KeyCode::F(1)).await;
        till.press(KeyCode::F(2)).await;
        let parts = queued_parts(&till);
        let first = deliver(&mut till, parts[0].0, parts[0].1.clone()).await;
        assert!(matches!(first, Outcome::Confirmed(_)), "{first:?}");
        till.sim.set_faults(Faults {
            html_rate: 1.0,
            ..Faults::default()
        });
        let lost = deliver(&mut till, parts[1].0, parts[1].1.clone()).await;
        assert!(matches!(lost, Outcome::Uncertain(_)), "{lost:?}");
        till.sim.set_faults(Faults::default());
        // One look-up in the window: not enough to send again.
        let one = deliver(&mut till, parts[1].0, parts[1].1.clone()).await;
        assert!(matches!(one, Outcome::Settling { .. }), "{one:?}");
        assert_eq!(till.sim.orders().last().unwrap().payments.len(), 1);
        // The window passes; the next look-up still sees 10,00 paid: sent again.
        *clock.lock().unwrap() += time::Duration::minutes(5);
        let again = deliver(&mut till, parts[1].0, parts[1].1.clone()).await;
        assert!(matches!(again, Outcome::Confirmed(_)), "{again:?}");
        let order = till.sim.orders().last().cloned().unwrap();
        assert_eq!(order.payments, vec![(1, dec!(10)), (2, dec!(2.90))]);
        assert!(order.closed);
    }

    /// A table changed on a recalled order is not dropped by Ctrl-N without a question.
    #[tokio::test]
    async fn a_table_change_on_a_recalled_order_asks_before_ctrl_n() {
        let mut till = open(now()).await;
        till.event(Event::Scan("3760123400015".into())).await;
        till.ctrl('p').await;
        assert!(till.app.basket.is_empty());
        till.ctrl('o').await;
        till.press(KeyCode::Enter).await;
        assert!(till.app.orders.recalled.is_some(), "{:?}", till.app.screen);
        till.ctrl('t').await;
        till.press(KeyCode::Down).await;
        till.press(KeyCode::Enter).await;
        assert!(till.app.orders.context.table_id.is_some());
        till.ctrl('n').await;
        assert_eq!(
            till.app.screen,
            Screen::Confirm(kash_pos::app::screen::ConfirmKind::LeaveRecalled)
        );
        super::snap("leave_recalled_confirm", &till.app);
        till.press(KeyCode::Esc).await;
        assert!(till.app.orders.recalled.is_some(), "Esc keeps the order");
        till.ctrl('n').await;
        till.press(KeyCode::Enter).await;
        assert!(till.app.orders.recalled.is_none());
        assert!(till.app.orders.context.is_empty());
    }

    /// 3 × 1,35 − 10 %: the screen shows 3,65 and the server records 3,65, to the cent.
    #[tokio::test]
    async fn a_percentage_discount_is_recorded_to_the_cent() {
        let mut till = open(now()).await;
        for _ in 0..3 {
            till.event(Event::Scan("3760123400138".into())).await;
        }
        till.press(KeyCode::Up).await;
        till.press(KeyCode::Enter).await;
        assert!(matches!(till.app.screen, Screen::LineEdit(_)));
        for _ in 0..3 {
            till.press(KeyCode::Tab).await;
        }
        till.type_text("10%").await;
        let text = super::text_of(&till.app, 80, 24);
        assert!(text.contains("3,65 €"), "the live preview: {text}");
        till.press(KeyCode::Enter).await;
        assert_eq!(till.app.basket.total(), dec!(3.65));
        till.press(KeyCode::F(2)).await;
        let order = till.sim.orders().last().cloned().unwrap();
        assert_eq!(order.total(), dec!(3.65));
        assert_eq!(order.payments, vec![(2, dec!(3.65))]);
        // An amount larger than the line is refused in the editor.
        till.press(KeyCode::Enter).await;
        till.event(Event::Scan("3760123400138".into())).await;
        till.press(KeyCode::Up).await;
        till.press(KeyCode::Enter).await;
        for _ in 0..3 {
            till.press(KeyCode::Tab).await;
        }
        till.type_text("5").await;
        till.press(KeyCode::Enter).await;
        let Screen::LineEdit(s) = &till.app.screen else {
            panic!("{:?}", till.app.screen)
        };
        assert!(
            s.error
                .as_deref()
                .unwrap_or("")
                .contains("more than the line"),
            "{s:?}"
        );
    }
}

/// A discount on the whole basket (Ctrl-F after `10%` or an amount): spread over the lines
/// to the cent, the server records the total the screen shows; larger than the basket is
/// refused; the saved basket keeps it.
mod basket_discount {
    use super::common::till::Till;
    use crossterm::event::KeyCode;
    use kash_pos::app::event::Event;
    use kash_pos::app::screen::Screen;
    use kash_pos::pos::basket::LineDiscount;
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    async fn three_lines(till: &mut Till) -> Decimal {
        for code in [
            "3760123400015",
            "3760123400022",
            "3760123400022",
            "3760123400237",
            "3760123400237",
            "3760123400237",
        ] {
            till.event(Event::Scan(code.into())).await;
        }
        assert_eq!(till.app.basket.lines.len(), 3, "{:?}", till.app.basket);
        till.app.basket.subtotal()
    }

    /// What the screen says the basket comes to, at 80x24: the total row's figure.
    fn screen_total(till: &Till) -> String {
        super::text_of(&till.app, 80, 24)
    }

    #[tokio::test]
    async fn ten_percent_then_five_euros_off_are_recorded_as_shown() {
        let mut till = Till::open_with(super::settings(), "demo").await;
        let subtotal = three_lines(&mut till).await;
        till.type_text("10%").await;
        till.ctrl('f').await;
        let off = kash_pos::money::round_cents(subtotal / dec!(10));
        let total = subtotal - off;
        assert_eq!(till.app.basket.total(), total);
        let text = screen_total(&till);
        let shown = kash_pos::money::format_money(total, till.app.settings.money_style);
        assert!(text.contains("Basket discount -10%"), "{text}");
        assert!(text.contains(&shown), "{shown} in\n{text}");
        // The saved basket (written on every change) brings the discount back after a restart.
        let saved = serde_json::to_string(&till.app.saved_sale()).unwrap();
        let mut restarted = Till::open_with(super::settings(), "demo").await;
        restarted
            .app
            .restore_sale(serde_json::from_str(&saved).unwrap());
        assert_eq!(
            restarted.app.basket.discount,
            Some(LineDiscount::Percent(dec!(10)))
        );
        assert_eq!(restarted.app.basket.total(), total);
        // Paid by card: the server's order comes to the total shown, to the cent.
        till.press(KeyCode::F(2)).await;
        assert!(
            matches!(till.app.screen, Screen::Receipt(_)),
            "{:?}",
            till.app.screen
        );
        let order = till.sim.orders().last().cloned().unwrap();
        assert_eq!(order.total(), total);
        assert_eq!(order.payments, vec![(2, total)]);
        till.press(KeyCode::Enter).await;

        // 5 € off the same basket.
        let subtotal = three_lines(&mut till).await;
        till.type_text("5").await;
        till.ctrl('f').await;
        assert_eq!(till.app.basket.total(), subtotal - dec!(5));
        till.press(KeyCode::F(2)).await;
        let order = till.sim.orders().last().cloned().unwrap();
        assert_eq!(order.total(), subtotal - dec!(5));
        assert!(order.lines.len() >= 3, "{:?}", order.lines);
        till.press(KeyCode::Enter).await;

        // Larger than the basket: refused, said, and nothing changes.
        let subtotal = three_lines(&mut till).await;
        till.type_text("500").await;
        till.ctrl('f').await;
        assert_eq!(till.app.basket.discount, None);
        assert_eq!(till.app.basket.total(), subtotal);
        let said = till.app.message.clone().unwrap().text;
        assert!(said.contains("larger than the basket"), "{said}");
        // An empty entry takes a discount away.
        till.press(KeyCode::Esc).await;
        till.type_text("10%").await;
        till.ctrl('f').await;
        assert!(till.app.basket.discount.is_some());
        till.ctrl('f').await;
        assert_eq!(till.app.basket.discount, None);
        assert_eq!(till.app.basket.total(), subtotal);
    }
}

/// A private comment's tags (`[kash-pos …]`, wire codes) are not shown in the order details,
/// and come back with the comment when it is set.
#[test]
fn the_details_hide_the_comment_tags_and_keep_them() {
    use crossterm::event::KeyCode;
    let mut app = loaded_app();
    let was = "VIP [kash-pos KP-ABCDEFGHIJ] [kash-pos refund-of 17724460]";
    app.orders.context.private_comment = was.to_string();
    let _ = kash_pos::app::update(&mut app, ctrl('e'));
    let text = text_of(&app, 80, 24);
    assert!(
        text.contains("VIP") && !text.contains("[kash-pos") && !text.contains("KP-"),
        "{text}"
    );
    // Set unchanged: the comment is as it was, tags and all.
    let _ = kash_pos::app::update(&mut app, ctrl('s'));
    assert_eq!(app.orders.context.private_comment, was);
    // Changed: the cashier's text, then the tags.
    let _ = kash_pos::app::update(&mut app, ctrl('e'));
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, " table");
    let _ = kash_pos::app::update(&mut app, ctrl('s'));
    assert_eq!(
        app.orders.context.private_comment,
        "VIP table [kash-pos KP-ABCDEFGHIJ] [kash-pos refund-of 17724460]"
    );
}

/// "Added · total" says the total on screen, the basket's discount included (defect 6).
#[test]
fn the_added_message_says_the_total_on_screen() {
    let mut app = loaded_app();
    type_text(&mut app, "3760000000017\n3*3760000000024\n");
    type_text(&mut app, "10%");
    let _ = kash_pos::app::update(&mut app, ctrl('f'));
    type_text(&mut app, "3760000000017\n");
    let total = kash_pos::money::format_money(app.basket.total(), app.settings.money_style);
    assert_eq!(app.basket.total(), rust_decimal_macros::dec!(5.58));
    let said = app.message.clone().unwrap().text;
    assert!(said.ends_with(&format!("total {total}")), "{said}");
    let text = text_of(&app, 80, 24);
    assert!(text.contains(&format!("TOTAL  {total}")), "{text}");
}

/// The basket's discount on screen: its own row below the lines, and the total after it.
#[test]
fn basket_discount_screen() {
    in_both_languages(|| {
        let mut app = loaded_app();
        type_text(&mut app, "3760000000017\n3*3760000000024\n");
        type_text(&mut app, "10%");
        let _ = kash_pos::app::update(&mut app, ctrl('f'));
        assert_eq!(app.basket.total(), rust_decimal_macros::dec!(4.41));
        snap("basket_discount", &app);
    });
}

/// Split at the counter: after a part, what is still due is the figure that stands out; the
/// cash dialog then asks for the rest and says when a tender is only a part.
#[test]
fn split_due_and_part_tender_screens() {
    in_both_languages(|| {
        let mut app = loaded_app();
        type_text(&mut app, "3760000000017\n3*3760000000024\n");
        assert_eq!(app.basket.total(), rust_decimal_macros::dec!(4.90));
        type_text(&mut app, "2");
        press(&mut app, crossterm::event::KeyCode::F(1));
        assert_eq!(app.due(), rust_decimal_macros::dec!(2.90));
        snap("split_due", &app);
        press(&mut app, crossterm::event::KeyCode::F(1));
        type_text(&mut app, "1");
        snap("tender_part", &app);
    });
}

/// The line editor: the first key typed replaces the field, the line total shows live, and
/// the F1–F8 payment labels are gone (there F1…F4 are discounts).
#[test]
fn line_edit_replaces_and_previews() {
    in_both_languages(|| {
        let mut app = loaded_app();
        type_text(&mut app, "3*3760000000024\n");
        press(&mut app, crossterm::event::KeyCode::Up);
        press(&mut app, crossterm::event::KeyCode::Enter);
        type_text(&mut app, "5");
        let kash_pos::app::screen::Screen::LineEdit(s) = &app.screen else {
            panic!("{:?}", app.screen)
        };
        assert_eq!(s.values[0], "5", "typed over, not appended");
        let text = text_of(&app, 80, 24);
        assert!(text.contains("6,00 €"), "{text}");
        assert!(!text.contains("F5 Chèque vacances"), "{text}");
        snap("line_edit_preview", &app);
    });
}

/// 93 313 covers is refused with the limit in the message; the details stay open.
#[test]
fn covers_over_the_limit_are_refused() {
    let mut app = loaded_app();
    let _ = kash_pos::app::update(&mut app, ctrl('e'));
    type_text(&mut app, "93313");
    let _ = kash_pos::app::update(&mut app, ctrl('s'));
    let kash_pos::app::screen::Screen::Details(d) = &app.screen else {
        panic!("{:?}", app.screen)
    };
    assert!(d.error.as_deref().unwrap_or("").contains("500"), "{d:?}");
    assert_eq!(app.orders.context.covers, None);
}

/// Typed and scanned during start-up: kept, and applied once the shop is loaded.
#[test]
fn typing_and_scans_during_start_up_are_kept() {
    let mut app = App::new(settings());
    let _ = kash_pos::app::start(&mut app);
    type_text(&mut app, "3760000000017\n");
    let _ = kash_pos::app::update(
        &mut app,
        kash_pos::app::event::Event::Scan("3760000000024".into()),
    );
    assert!(app.message.as_ref().unwrap().text.contains("kept"));
    assert!(app.basket.is_empty());
    for e in loaded_events() {
        let _ = kash_pos::app::update(&mut app, e);
    }
    assert_eq!(app.screen, kash_pos::app::screen::Screen::Sale);
    assert_eq!(app.basket.lines.len(), 2, "{:?}", app.basket);
    assert!(app.held.is_empty());
}

/// A misread or unknown code asks the runner for the bell; a good one does not.
#[test]
fn an_unknown_code_rings_the_bell() {
    let mut app = loaded_app();
    let _ = kash_pos::app::update(
        &mut app,
        kash_pos::app::event::Event::Scan("3760000000017".into()),
    );
    assert!(!app.ring);
    let _ = kash_pos::app::update(&mut app, kash_pos::app::event::Event::Scan("999999".into()));
    assert!(app.ring);
    app.ring = false;
    let _ = kash_pos::app::update(
        &mut app,
        kash_pos::app::event::Event::Scan("3760000000018".into()),
    );
    assert!(app.ring, "a bad check digit");
}

/// A basket longer than the screen says how many lines are out of view, above and below.
#[test]
fn a_long_basket_marks_the_lines_out_of_view() {
    in_both_languages(|| {
        let mut app = loaded_app();
        for i in 0..30 {
            let mut line =
                BasketLine::free(None, Decimal::new(100 + i, 2), Some(&format!("Line {i}")));
            line.quantity = Decimal::ONE;
            app.basket.lines.push(line);
        }
        // The last line added is in view: every other one is above.
        app.selected = Some(29);
        let text = text_of(&app, 80, 24);
        assert!(text.contains("▲") && !text.contains("▼"), "{text}");
        // The first selected: all the others below.
        app.selected = Some(0);
        let text = text_of(&app, 80, 24);
        assert!(!text.contains("▲") && text.contains("▼"), "{text}");
        snap("counter_long_basket_top", &app);
        // A short basket has no mark.
        app.basket.lines.truncate(3);
        let text = text_of(&app, 80, 24);
        assert!(!text.contains("▲") && !text.contains("▼"), "{text}");
    });
}
