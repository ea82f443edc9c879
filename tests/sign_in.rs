//! Signing in from the till with no configuration: the welcome (demo, email code, password),
//! each way against the simulator through the real client, the files written as
//! `kash-pos login` writes them; the welcome remembered once the demo is chosen; the real
//! binary in a terminal signing in and starting again on the shop; snapshots of every step at
//! 80x24 and 120x40 in both languages.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use std::path::{Path, PathBuf};

use common::term::{Home, Session};
use common::till::Till;
use common::*;
use crossterm::event::KeyCode;
use kash_pos::app::effect::{Effect, SignInHow};
use kash_pos::app::event::Event;
use kash_pos::app::screen::{Screen, SignInStep};
use kash_pos::app::state::{App, SignInOffer};
use kash_pos::app::{start, update};
use kash_pos::config::Config;
use kash_pos::sim::{DEMO_EMAIL, DEMO_OLDER_LOGIN, DEMO_OTP, DEMO_PASSWORD, Simulator};

fn offer(base_url: &str, dir: &Path) -> SignInOffer {
    SignInOffer {
        base_url: base_url.to_string(),
        config_path: Some(dir.join("config").join("config.toml")),
        at_start: true,
        demo_marker: Some(dir.join("data").join("demo-chosen")),
    }
}

fn step(app: &App) -> SignInStep {
    match &app.screen {
        Screen::SignIn(s) => s.step.clone(),
        other => panic!("not signing in: {other:?}"),
    }
}

fn error(app: &App) -> Option<String> {
    match &app.screen {
        Screen::SignIn(s) => s.error.clone(),
        _ => None,
    }
}

/// A demo till signing in from its sale (Ctrl-S).
async fn demo_till(dir: &Path) -> Till {
    let mut till = Till::open_with(settings(), "demo").await;
    assert_eq!(till.app.screen, Screen::Sale);
    let base = till.handle.base_url();
    till.app.sign_in = Some(SignInOffer {
        at_start: false,
        ..offer(&base, dir)
    });
    till.ctrl('s').await;
    assert_eq!(step(&till.app), SignInStep::Choose { selected: 0 });
    till
}

/// What the files say: the configuration loads, points at a private key file, and its key
/// opens the shop on the simulator.
async fn check_written(config: &Path) {
    let loaded = Config::from_file(config).unwrap();
    assert_eq!(loaded.shop_id, "demo");
    let text = std::fs::read_to_string(config).unwrap();
    assert!(
        !text.contains("key = \"demo\""),
        "the key is in its own file: {text}"
    );
    let key_file = config.with_file_name("key");
    assert_eq!(std::fs::read_to_string(&key_file).unwrap(), "demo");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in [config, key_file.as_path()] {
            let mode = std::fs::metadata(f).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", f.display());
        }
    }
    let client = kash_pos::kash::KashClient::new(
        &loaded.base_url,
        &loaded.shop_id,
        loaded.api_key.clone(),
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    assert!(!client.users().await.unwrap().items.is_empty());
}

#[tokio::test]
async fn signing_in_by_email_code_writes_the_configuration_and_reopens_on_the_shop() {
    let dir = tempfile::tempdir().unwrap();
    let mut till = demo_till(dir.path()).await;
    till.type_text("2").await;
    assert_eq!(step(&till.app), SignInStep::Email);
    // Not an email: said, nothing sent.
    till.type_text("demo\n").await;
    assert!(
        error(&till.app).unwrap().contains("email"),
        "{:?}",
        error(&till.app)
    );
    assert_eq!(step(&till.app), SignInStep::Email);
    for _ in 0.."demo".len() {
        till.press(KeyCode::Backspace).await;
    }
    till.type_text(DEMO_EMAIL).await;
    till.press(KeyCode::Enter).await;
    assert_eq!(step(&till.app), SignInStep::Code);
    // A wrong code is refused and nothing is written.
    till.type_text("000000\n").await;
    assert_eq!(step(&till.app), SignInStep::Code);
    assert!(error(&till.app).is_some());
    let config = dir.path().join("config").join("config.toml");
    assert!(!config.exists());
    till.type_text(&format!("{DEMO_OTP}\n")).await;
    let SignInStep::Done(done) = step(&till.app) else {
        panic!("{:?} {:?}", till.app.screen, till.app.message)
    };
    assert_eq!(done.shop_id, "demo");
    assert_eq!(done.config, config);
    check_written(&config).await;
    // Enter: the till quits to start again on the shop.
    till.press(KeyCode::Enter).await;
    assert!(till.app.quit);
    assert_eq!(till.app.reopen, Some(config));
}

#[tokio::test]
async fn signing_in_by_password_also_for_an_older_account_and_a_wrong_one_writes_nothing() {
    for (login, dir_name) in [(DEMO_EMAIL, "newer"), (DEMO_OLDER_LOGIN, "older")] {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path().join(dir_name);
        let mut till = demo_till(&dir).await;
        till.press(KeyCode::Down).await;
        till.press(KeyCode::Down).await;
        till.press(KeyCode::Enter).await;
        assert_eq!(step(&till.app), SignInStep::Password);
        // Enter on the login goes to the password.
        till.type_text(&format!("{login}\nnot-it\n")).await;
        assert_eq!(step(&till.app), SignInStep::Password, "{login}");
        assert!(error(&till.app).is_some(), "{login}");
        let config = dir.join("config").join("config.toml");
        assert!(!config.exists(), "{login}");
        let Screen::SignIn(s) = &till.app.screen else {
            unreachable!()
        };
        assert!(s.password.0.is_empty(), "a refused password is not kept");
        assert_eq!(s.field, 1);
        till.type_text(&format!("{DEMO_PASSWORD}\n")).await;
        assert!(
            matches!(step(&till.app), SignInStep::Done(_)),
            "{login}: {:?}",
            error(&till.app)
        );
        check_written(&config).await;
        // Esc: still the demo; the shop opens at the next start.
        till.press(KeyCode::Esc).await;
        assert_eq!(till.app.screen, Screen::Sale);
        assert!(!till.app.quit);
    }
}

#[tokio::test]
async fn an_existing_configuration_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut till = demo_till(dir.path()).await;
    let config = dir.path().join("config").join("config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "# mine\n").unwrap();
    till.type_text(&format!("3{DEMO_EMAIL}\n{DEMO_PASSWORD}\n"))
        .await;
    assert_eq!(step(&till.app), SignInStep::Password);
    assert!(error(&till.app).unwrap().contains("exists already"));
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "# mine\n");
    assert!(!config.with_file_name("key").exists());
}

/// At start with no configuration: the welcome, then the demo; the choice is remembered.
#[test]
fn the_welcome_comes_at_start_until_the_demo_is_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(settings());
    app.sign_in = Some(offer("http://127.0.0.1:9", dir.path()));
    let _ = start(&mut app);
    for e in loaded_events() {
        let _ = update(&mut app, e);
    }
    assert_eq!(step(&app), SignInStep::Choose { selected: 0 });
    // A scan on the welcome waits for the sale.
    let _ = update(&mut app, Event::Scan("3760000000017".into()));
    assert!(app.basket.is_empty());
    let effects = press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.screen, Screen::Sale);
    assert_eq!(
        effects,
        vec![Effect::RememberDemo(
            dir.path().join("data").join("demo-chosen")
        )]
    );
    assert_eq!(app.basket.lines.len(), 1, "the held scan is added");
    assert!(!app.sign_in.as_ref().unwrap().at_start);
    // From the demo's sale, Ctrl-S offers it again; Esc is back to the sale, nothing remembered.
    let _ = update(&mut app, ctrl('s'));
    assert!(matches!(app.screen, Screen::SignIn(_)));
    assert!(press(&mut app, KeyCode::Esc).is_empty());
    assert_eq!(app.screen, Screen::Sale);
    // A configured shop has no sign-in offer: Ctrl-S says so.
    app.sign_in = None;
    let _ = update(&mut app, ctrl('s'));
    assert_eq!(app.screen, Screen::Sale);
    assert!(app.message.is_some());
}

/// The password never shows, nor is it in debug output; a pasted code goes into its field.
#[test]
fn the_password_is_dots_and_a_paste_lands_in_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = loaded_app();
    app.sign_in = Some(offer("http://127.0.0.1:9", dir.path()));
    let _ = update(&mut app, ctrl('s'));
    type_text(&mut app, "3marie\n");
    let _ = update(&mut app, Event::Scan("s3cr3t-pass".into()));
    let effects = press(&mut app, KeyCode::Enter);
    let [
        Effect::SignIn {
            how: SignInHow::Password { login, password },
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(login, "marie");
    assert_eq!(password.0, "s3cr3t-pass");
    let shown = screen_text(&app, 120, 40);
    assert!(!shown.contains("s3cr3t"), "{shown}");
    assert!(shown.contains("•••••••••••"), "{shown}");
    assert!(!format!("{:?} {effects:?}", app.screen).contains("s3cr3t"));
}

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

#[test]
fn sign_in_screens() {
    in_both_languages(|| {
        let mut app = loaded_app();
        app.sign_in = Some(offer(
            "https://kash.click",
            Path::new("/home/marie/.config/kash-pos"),
        ));
        if let Some(o) = app.sign_in.as_mut() {
            o.config_path = Some(PathBuf::from("/home/marie/.config/kash-pos/config.toml"));
        }
        let _ = update(&mut app, ctrl('s'));
        press(&mut app, KeyCode::Down);
        snap("welcome", &app);
        press(&mut app, KeyCode::Enter);
        type_text(&mut app, "marie@boulangerie-kash.fr");
        snap("sign_in_email", &app);
        press(&mut app, KeyCode::Enter);
        snap("sign_in_busy", &app);
        let _ = update(&mut app, Event::SignInCodeSent(Ok(())));
        type_text(&mut app, "4812");
        snap("sign_in_code", &app);
        press(&mut app, KeyCode::Enter);
        let refused = app.settings.lang.t("signin-code-needed");
        let _ = update(&mut app, Event::SignedIn(Err(refused)));
        snap("sign_in_code_refused", &app);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
        type_text(&mut app, "3marie\nhunter2");
        snap("sign_in_password", &app);
        press(&mut app, KeyCode::Enter);
        let _ = update(
            &mut app,
            Event::SignedIn(Ok(kash_pos::signin::SignedIn {
                shop_id: "4242".into(),
                key_masked: "ab…yz".into(),
                config: PathBuf::from("/home/marie/.config/kash-pos/config.toml"),
                key_file: PathBuf::from("/home/marie/.config/kash-pos/key"),
            })),
        );
        snap("sign_in_done", &app);
    });
}

/// Enter on the till and cashier pickers while they show, then the sale's screen.
fn choose_till_and_cashier(s: &Session) -> String {
    for _ in 0..3 {
        let screen = s.wait_until("a picker or the sale", |t| {
            t.contains("Who is at the till") || t.contains("F9 Payment")
        });
        if !screen.contains("Who is at the till") {
            return screen;
        }
        let before = screen;
        s.send_key("Enter");
        s.wait_until("the next step", |t| t != before);
    }
    s.wait_for("F9 Payment")
}

/// The real binary on a new machine: the welcome, signing in by password against the
/// simulator, Enter starts the till again on the shop; the next start goes straight to it.
#[tokio::test(flavor = "multi_thread")]
async fn a_new_machine_signs_in_from_the_welcome_and_starts_on_its_shop() {
    let sim = Simulator::demo();
    let handle = sim
        .spawn(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap();
    let base = handle.base_url();
    let home = Home::fresh("welcome");
    let h = home.0.clone();
    let base2 = base.clone();
    tokio::task::spawn_blocking(move || {
        let s = Session::start(&h, "welcome", 80, 24, &["--sign-in-url", &base2]);
        s.wait_for("Welcome to kash-pos");
        s.send_literal("3");
        s.wait_for("Login:");
        s.type_slowly(DEMO_EMAIL);
        s.send_key("Enter");
        s.type_slowly(DEMO_PASSWORD);
        s.send_key("Enter");
        let screen = s.wait_for("Signed in to shop demo");
        assert!(!screen.contains(DEMO_PASSWORD.repeat(2).as_str()));
        s.send_key("Enter");
        // The till starts again on the shop: no demo badge; its till and cashier are asked
        // (the shop has several), then its sale.
        let screen = s.wait_until("the shop", |t| {
            t.contains("shop demo") && !t.contains("DEMO") && t.contains("Who is at the till")
        });
        assert!(!screen.contains("Welcome"), "{screen}");
        let screen = choose_till_and_cashier(&s);
        assert!(screen.contains("TOTAL"), "{screen}");
        s.send_key("C-q");
        let config = h.join(".config/kash-pos/config.toml");
        assert!(config.exists());
        let text = std::fs::read_to_string(&config).unwrap();
        assert!(text.contains(&base2), "{text}");
        // The next start: the shop at once.
        let s = Session::start(&h, "welcome-again", 80, 24, &[]);
        s.wait_until("the shop", |t| t.contains("shop demo"));
        let screen = choose_till_and_cashier(&s);
        assert!(
            !screen.contains("Welcome") && !screen.contains("DEMO"),
            "{screen}"
        );
        s.send_key("C-q");
    })
    .await
    .unwrap();
    // The demo chosen once on a new machine: the welcome does not come back.
    tokio::task::spawn_blocking(|| {
        let home = Home::fresh("welcome-demo");
        let s = Session::start(&home.0, "welcome-demo", 80, 24, &[]);
        s.wait_for("Welcome to kash-pos");
        s.send_literal("1");
        s.wait_for("Demo shop: its sales");
        s.send_key("C-q");
        let s = Session::start(&home.0, "welcome-demo-again", 80, 24, &[]);
        let screen = s.wait_until("the demo's sale", |t| {
            t.contains("DEMO") && t.contains("F9 Payment")
        });
        assert!(!screen.contains("Welcome"), "{screen}");
        s.send_key("C-q");
    })
    .await
    .unwrap();
    drop(handle);
}
