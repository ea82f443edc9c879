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
    let terminal = render(app, width, height);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
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
