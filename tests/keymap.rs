//! Keys as the keymap file binds them, typed with the keymap's own parser: Ctrl-C on every
//! screen, what is held while a sale is on its way, and a till built with the configuration's
//! overrides.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use common::*;
use kash_pos::app::event::Event;
use kash_pos::app::keymap::{Keymap, parse_keys};
use kash_pos::app::screen::{ConfirmKind, Screen};
use kash_pos::app::state::App;
use kash_pos::app::{Effect, update};

/// Types a key sequence (`"3*3760000000024<Enter><F2>"`) and returns the effects it asked for.
fn keys(app: &mut App, text: &str) -> Vec<Effect> {
    parse_keys(text)
        .unwrap()
        .into_iter()
        .flat_map(|k| update(app, Event::Key(k)))
        .collect()
}

#[test]
fn a_sequence_sells_as_typed_keys_do() {
    let mut app = loaded_app();
    let effects = keys(&mut app, "3*3760000000024<Enter><F2>");
    assert!(
        matches!(effects.as_slice(), [Effect::Record(..)]),
        "{effects:?}"
    );
    assert!(matches!(app.screen, Screen::Submitting(_)));
    // Ctrl-C while the sale is on its way: dropped, not held for later.
    keys(&mut app, "<Ctrl-c>");
    assert!(app.held.is_empty());
    assert!(!app.quit);
    // Other keys, Ctrl-Q among them, wait for the answer.
    keys(&mut app, "5<Ctrl-q>");
    assert_eq!(app.held.len(), 2);
}

#[test]
fn ctrl_c_does_what_ctrl_q_does() {
    // An empty basket: both quit.
    for key in ["<Ctrl-c>", "<Ctrl-q>"] {
        let mut app = loaded_app();
        keys(&mut app, key);
        assert!(app.quit, "{key}");
    }
    // A basket: both ask first.
    for key in ["<Ctrl-c>", "<Ctrl-q>"] {
        let mut app = loaded_app();
        keys(&mut app, "3760000000017<Enter>");
        keys(&mut app, key);
        assert!(!app.quit, "{key}");
        assert_eq!(app.screen, Screen::Confirm(ConfirmKind::Quit), "{key}");
    }
    // At start-up both quit.
    for key in ["<Ctrl-c>", "<Ctrl-q>"] {
        let mut app = App::new(settings());
        let _ = kash_pos::app::update::start(&mut app);
        keys(&mut app, key);
        assert!(app.quit, "{key}");
    }
    // In the search, where Ctrl-Q is not bound, neither does anything.
    for key in ["<Ctrl-c>", "<Ctrl-q>"] {
        let mut app = loaded_app();
        keys(&mut app, "crois");
        let before = app.screen.clone();
        keys(&mut app, key);
        assert!(!app.quit, "{key}");
        assert_eq!(app.screen, before, "{key}");
        assert_eq!(app.entry, "crois", "{key}");
    }
}

#[test]
fn a_till_with_overridden_keys() {
    let text = r#"
[keys]
sale = [{ on = "F12", run = "open_payment" }, { on = "F9", run = "open_help" }]
"#;
    #[derive(serde::Deserialize)]
    struct Overrides {
        keys: kash_pos::app::keymap::KeyOverrides,
    }
    let overrides: Overrides = toml::from_str(text).unwrap();
    let keymap = Keymap::embedded()
        .with_overrides(&overrides.keys, text)
        .unwrap();
    let mut app = loaded_app();
    app.keymap = Box::leak(Box::new(keymap));
    keys(&mut app, "3760000000017<Enter><F12>");
    assert!(
        matches!(app.screen, Screen::Payment { .. }),
        "{:?}",
        app.screen
    );
    keys(&mut app, "<Esc><F9>");
    assert!(
        matches!(app.screen, Screen::Help { .. }),
        "{:?}",
        app.screen
    );
}
