//! Shared test fixtures: a small, fixed shop and an `App` loaded with it, and helpers to feed keys.

#![allow(dead_code, clippy::unwrap_used)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kash_pos::app::event::{Event, Loaded};
use kash_pos::app::state::{App, Settings};
use kash_pos::app::{Effect, start, update};
use kash_pos::kash::ListEndpoint;
use kash_pos::kash::client::parse_list;
use kash_pos::money::MoneyStyle;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;

pub fn fixture() -> Value {
    serde_json::from_str(include_str!("../fixtures/shop.json")).unwrap()
}

thread_local! {
    /// The language `settings()` gives: English unless a test runs in both languages.
    static LANG: std::cell::Cell<kash_pos::i18n::Lang> =
        const { std::cell::Cell::new(kash_pos::i18n::Lang::En) };
}

/// The language of the apps `settings()` builds on this thread.
pub fn lang() -> kash_pos::i18n::Lang {
    LANG.with(std::cell::Cell::get)
}

/// Runs `f` in English, then again in French (every app it builds speaks that language).
pub fn in_both_languages(f: impl Fn()) {
    for l in kash_pos::i18n::Lang::ALL {
        LANG.with(|c| c.set(l));
        f();
    }
    LANG.with(|c| c.set(kash_pos::i18n::Lang::En));
}

pub fn settings() -> Settings {
    Settings {
        shop_id: "demo".into(),
        demo: true,
        user_id: Some(1),
        cashbox_id: Some(1),
        money_style: MoneyStyle::French,
        lang: lang(),
        theme: kash_pos::look::Theme::Default,
        utc_offset: time::UtcOffset::UTC,
        in_store: kash_pos::pos::barcode::InStoreTemplate::defaults(),
    }
}

/// The list events the fixture shop answers with.
pub fn loaded_events() -> Vec<Event> {
    let f = fixture();
    let l = |k: &str| f[k].clone();
    vec![
        Event::Loaded(
            ListEndpoint::Items,
            Ok(Loaded::Items(parse_list("t", l("items")).unwrap())),
        ),
        Event::Loaded(
            ListEndpoint::Variations,
            Ok(Loaded::Variations(
                parse_list("t", l("variations")).unwrap(),
            )),
        ),
        Event::Loaded(
            ListEndpoint::Departments,
            Ok(Loaded::Departments(
                parse_list("t", l("departments")).unwrap(),
            )),
        ),
        Event::Loaded(
            ListEndpoint::DepartmentGroups,
            Ok(Loaded::DepartmentGroups(
                parse_list("t", l("groups")).unwrap(),
            )),
        ),
        Event::Loaded(
            ListEndpoint::PaymentModes,
            Ok(Loaded::PaymentModes(
                parse_list("t", l("payment_modes")).unwrap(),
            )),
        ),
        Event::Loaded(
            ListEndpoint::Tables,
            Ok(Loaded::Tables(parse_list("t", l("tables")).unwrap())),
        ),
        Event::Loaded(
            ListEndpoint::Users,
            Ok(Loaded::Users(parse_list("t", l("users")).unwrap())),
        ),
        Event::Loaded(
            ListEndpoint::Cashboxes,
            Ok(Loaded::Cashboxes(parse_list("t", l("cashboxes")).unwrap())),
        ),
        Event::Loaded(
            ListEndpoint::Discounts,
            Ok(Loaded::Discounts(parse_list("t", l("discounts")).unwrap())),
        ),
    ]
}

/// An app that has loaded the fixture shop and shows the empty sale screen.
pub fn loaded_app() -> App {
    let mut app = App::new(settings());
    let _ = start(&mut app);
    for e in loaded_events() {
        let _ = update(&mut app, e);
    }
    app
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Feeds typed text, then returns the effects the keys asked for.
pub fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in text.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        effects.extend(update(app, key(code)));
    }
    effects
}

pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, key(code))
}

pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| kash_pos::ui::view(app, f)).unwrap();
    terminal
}
pub mod term;
pub mod till;

/// The screen as text, one line per row.
pub fn screen_text(app: &App, width: u16, height: u16) -> String {
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
