//! Who is at the till: the cashier picker, a switch mid-basket (what the simulator records),
//! the local PIN (set, required, wrong, the wait after three), the till chosen once and
//! remembered in the till file; and the snapshots of the picker's steps at 80x24 and 120x40,
//! in English and in French.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use common::*;
use crossterm::event::KeyCode;
use kash_pos::app::effect::Effect;
use kash_pos::app::event::Event;
use kash_pos::app::screen::{CashierStep, Screen};
use kash_pos::app::state::{App, Settings, TillState};
use kash_pos::app::{start, update};
use kash_pos::pos::cashiers::TillFile;

type Till = common::till::Till;

fn step(app: &App) -> &CashierStep {
    match &app.screen {
        Screen::Cashiers(s) => &s.step,
        other => panic!("not the cashier picker: {other:?} {:?}", app.message),
    }
}

fn error(app: &App) -> Option<String> {
    match &app.screen {
        Screen::Cashiers(s) => s.error.clone(),
        _ => None,
    }
}

fn t(secs: i64) -> Event {
    Event::Tick(time::macros::datetime!(2026-12-02 09:00 UTC) + time::Duration::seconds(secs))
}

/// A till started as a configured till starts: the till and the cashier asked, with this
/// till file.
async fn open_asking(settings: Settings, file: TillFile, path: Option<std::path::PathBuf>) -> Till {
    let mut till = Till::open_with(settings.clone(), "demo").await;
    till.app = App::new(settings);
    till.app.till = TillState {
        file,
        path,
        ask_at_start: true,
        ..TillState::default()
    };
    let effects = start(&mut till.app);
    till.run(effects).await;
    till
}

#[tokio::test]
async fn a_cashier_switch_mid_basket_goes_on_the_wire() {
    let mut till = Till::open_with(settings(), "demo").await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert_eq!(till.app.settings.user_id, Some(1));
    // A table and a line, then Julien takes over the sale.
    till.type_text("3760123400015\n").await;
    till.app.orders.context.table_id = Some(2);
    till.ctrl('u').await;
    assert!(matches!(step(&till.app), CashierStep::Pick));
    till.type_text("juli").await;
    till.press(KeyCode::Enter).await;
    assert_eq!(till.app.screen, Screen::Sale, "{:?}", till.app.message);
    assert_eq!(till.app.settings.user_id, Some(2));
    assert_eq!(till.app.basket.lines.len(), 1, "the basket is kept");
    assert_eq!(
        till.app.orders.context.table_id,
        Some(2),
        "the table is kept"
    );
    assert_eq!(till.app.user_label(), "Julien Roux");
    till.type_text("3760123400114\n").await;
    till.press(KeyCode::F(1)).await;
    till.type_text("20\n").await;
    assert!(
        matches!(till.app.screen, Screen::Receipt(_)),
        "{:?}",
        till.app.screen
    );
    let orders = till.sim.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].user_id, 2, "the sale carries the second cashier");
    assert_eq!(orders[0].lines.len(), 2);
    assert_eq!(orders[0].table_id, Some(2));
    // A parked order carries the cashier at the till too.
    till.press(KeyCode::Esc).await;
    till.ctrl('u').await;
    till.type_text("camille\n").await;
    assert_eq!(till.app.settings.user_id, Some(3));
    till.type_text("3760123400015\n").await;
    till.ctrl('p').await;
    let orders = till.sim.orders();
    assert_eq!(orders.len(), 2, "{:?}", till.app.message);
    assert_eq!(orders[1].user_id, 3);
    assert!(!orders[1].validated);
    // Ctrl-C in the picker with a basket asks first, as on the sale.
    till.type_text("3760123400015\n").await;
    till.ctrl('u').await;
    till.ctrl('c').await;
    assert!(matches!(till.app.screen, Screen::Confirm(_)));
    assert!(!till.app.quit);
}

#[tokio::test]
async fn a_pin_set_then_required_then_wrong_then_the_wait() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("till-demo.toml");
    let mut till = Till::open_with(settings(), "demo").await;
    till.app.till.path = Some(path.clone());
    till.event(t(0)).await;
    // Julien sets a PIN from the picker: F2, the PIN twice.
    till.ctrl('u').await;
    till.type_text("julien").await;
    till.press(KeyCode::F(2)).await;
    assert!(matches!(
        step(&till.app),
        CashierStep::NewPin { user_id: 2, .. }
    ));
    till.type_text("12\n").await;
    assert!(error(&till.app).unwrap().contains("4 to 12 digits"));
    till.type_text("2468\n").await;
    assert!(matches!(step(&till.app), CashierStep::ConfirmPin { .. }));
    till.type_text("2467\n").await;
    assert!(error(&till.app).unwrap().contains("differ"));
    till.type_text("2468\n2468\n").await;
    assert!(matches!(step(&till.app), CashierStep::Pick));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("2468"), "{text}");
    let saved = TillFile::load(&path).unwrap();
    assert!(saved.pin(2).unwrap().verify("2468"));
    assert!(!saved.has_pin(1));
    // Julien is asked for it now; a wrong PIN is said, and the till stays on the PIN.
    till.press(KeyCode::Enter).await;
    assert!(matches!(
        step(&till.app),
        CashierStep::Pin { user_id: 2, .. }
    ));
    till.type_text("1111\n").await;
    assert_eq!(error(&till.app).unwrap(), "Wrong PIN: try again");
    assert_eq!(
        till.app.settings.user_id,
        Some(1),
        "still the first cashier"
    );
    till.type_text("2222\n3333\n").await;
    assert!(error(&till.app).unwrap().contains("wait 5 s"));
    // Even the right PIN waits until the clock has moved on.
    till.type_text("2468\n").await;
    assert!(error(&till.app).unwrap().contains("Too many wrong PINs"));
    assert_eq!(till.app.settings.user_id, Some(1));
    till.event(t(3)).await;
    till.type_text("2468\n").await;
    assert!(
        error(&till.app).unwrap().contains("wait 2 s"),
        "{:?}",
        error(&till.app)
    );
    till.event(t(6)).await;
    till.type_text("2468\n").await;
    assert_eq!(till.app.screen, Screen::Sale, "{:?}", till.app.screen);
    assert_eq!(till.app.settings.user_id, Some(2));

    // The next start, with Julien configured: the till opens on his PIN.
    let mut next = open_asking(
        Settings {
            user_id: Some(2),
            ..settings()
        },
        TillFile::load(&path).unwrap(),
        Some(path.clone()),
    )
    .await;
    assert!(matches!(
        step(&next.app),
        CashierStep::Pin { user_id: 2, .. }
    ));
    // A PIN typed as fast as a scanner sends is the PIN, never a code for the sale; Enter
    // confirms it.
    next.event(Event::Scan("2468".into())).await;
    assert!(matches!(step(&next.app), CashierStep::Pin { entry, .. } if entry.0 == "2468"));
    next.press(KeyCode::Enter).await;
    assert_eq!(next.app.screen, Screen::Sale);
    assert!(next.app.held.is_empty() && next.app.basket.is_empty());
    // A scan while the names are shown is kept for the sale, added once the cashier is chosen.
    next.ctrl('u').await;
    next.event(Event::Scan("3760123400015".into())).await;
    assert!(next.app.basket.is_empty());
    next.press(KeyCode::Esc).await;
    assert_eq!(next.app.screen, Screen::Sale);
    assert_eq!(
        next.app.basket.lines.len(),
        1,
        "added once back on the sale"
    );

    // Changing the PIN asks the PIN set now first; an empty new one removes it.
    next.ctrl('u').await;
    next.type_text("julien").await;
    next.press(KeyCode::F(2)).await;
    assert!(matches!(
        step(&next.app),
        CashierStep::OldPin { user_id: 2, .. }
    ));
    next.type_text("0000\n").await;
    assert!(matches!(step(&next.app), CashierStep::OldPin { .. }));
    assert_eq!(error(&next.app).unwrap(), "Wrong PIN: try again");
    next.type_text("2468\n").await;
    assert!(matches!(step(&next.app), CashierStep::NewPin { .. }));
    next.press(KeyCode::Enter).await;
    assert!(matches!(step(&next.app), CashierStep::Pick));
    assert!(!TillFile::load(&path).unwrap().has_pin(2));
}

#[tokio::test]
async fn the_till_is_chosen_once_and_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("till-demo.toml");
    let mut till = open_asking(
        Settings {
            user_id: None,
            cashbox_id: None,
            ..settings()
        },
        TillFile::default(),
        Some(path.clone()),
    )
    .await;
    // The demo shop has two tills and four users: the till first, then who is at it.
    assert!(matches!(step(&till.app), CashierStep::Till { selected: 0 }));
    till.press(KeyCode::Esc).await;
    assert!(
        matches!(step(&till.app), CashierStep::Till { .. }),
        "a till is needed"
    );
    till.press(KeyCode::Down).await;
    till.press(KeyCode::Enter).await;
    assert_eq!(till.app.settings.cashbox_id, Some(2));
    assert!(matches!(step(&till.app), CashierStep::Pick));
    till.press(KeyCode::Esc).await;
    assert!(
        matches!(step(&till.app), CashierStep::Pick),
        "a cashier is needed"
    );
    till.press(KeyCode::Down).await;
    till.press(KeyCode::Down).await;
    till.press(KeyCode::Enter).await;
    assert_eq!(till.app.screen, Screen::Sale);
    assert_eq!(till.app.settings.user_id, Some(3));
    assert_eq!(TillFile::load(&path).unwrap().cashbox_id, Some(2));
    till.type_text("3760123400015\n").await;
    till.press(KeyCode::F(1)).await;
    till.type_text("5\n").await;
    let o = &till.sim.orders()[0];
    assert_eq!((o.user_id, o.cashbox_id), (3, Some(2)));

    // Remembered: the next start asks the cashier only.
    let mut next = open_asking(
        Settings {
            user_id: None,
            cashbox_id: Some(2),
            ..settings()
        },
        TillFile::load(&path).unwrap(),
        None,
    )
    .await;
    assert!(matches!(step(&next.app), CashierStep::Pick));
    // Fixed by the configuration: F3 says so.
    next.app.till.cashbox_fixed = true;
    next.press(KeyCode::F(3)).await;
    assert!(matches!(step(&next.app), CashierStep::Pick));
    assert!(next.app.message.as_ref().unwrap().text.contains("fixed"));
}

#[test]
fn a_save_is_asked_only_where_the_till_file_lives() {
    let mut app = loaded_app();
    let _ = update(&mut app, ctrl('u'));
    let _ = press(&mut app, KeyCode::F(3));
    let effects = press(&mut app, KeyCode::Enter);
    assert!(effects.is_empty(), "no path: nothing written");
    app.till.path = Some("/nonexistent/till.toml".into());
    let _ = press(&mut app, KeyCode::F(3));
    let effects = press(&mut app, KeyCode::Enter);
    assert!(matches!(&effects[..], [Effect::SaveTill { file, .. }] if file.cashbox_id == Some(1)));
}

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

#[test]
fn screens() {
    in_both_languages(|| {
        let mut app = loaded_app();
        app.till.file.set_pin(
            2,
            Some(kash_pos::pos::cashiers::PinHash::with_salt(
                "1234", [3; 16], 1000,
            )),
        );
        // Mid-sale: two lines in the basket behind the picker.
        let _ = type_text(&mut app, "3760000000017\n2*3760000000024\n");
        assert_eq!(app.basket.lines.len(), 2);
        let _ = update(&mut app, ctrl('u'));
        snap("cashiers_pick", &app);
        let _ = type_text(&mut app, "k");
        let _ = press(&mut app, KeyCode::Enter);
        let _ = type_text(&mut app, "12");
        snap("cashiers_pin", &app);
        let _ = type_text(&mut app, "35\n");
        snap("cashiers_pin_wrong", &app);
        let _ = press(&mut app, KeyCode::Esc);
        let _ = press(&mut app, KeyCode::Esc);
        let _ = press(&mut app, KeyCode::F(2));
        snap("cashiers_new_pin", &app);
        let _ = press(&mut app, KeyCode::Esc);
        let _ = press(&mut app, KeyCode::F(3));
        snap("cashiers_till", &app);
    });
}

fn kash_pos(args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_kash-pos"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// `kash-pos login --password` for `login` with `password`, writing `config`.
async fn password_login(
    base: &str,
    config: &std::path::Path,
    login: &str,
    password: &str,
) -> std::process::Output {
    let (base, config, login, stdin) = (
        base.to_string(),
        config.display().to_string(),
        login.to_string(),
        format!("{password}\n"),
    );
    tokio::task::spawn_blocking(move || {
        kash_pos(
            &[
                "login",
                "--email",
                &login,
                "--password",
                "--base-url",
                &base,
                "--config",
                &config,
            ],
            &stdin,
        )
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_login_writes_a_configuration_that_works_also_for_older_accounts() {
    let sim = kash_pos::sim::Simulator::demo();
    let handle = sim
        .spawn(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap();
    let base = handle.base_url();
    let home = common::term::Home::new("password-login");
    let email = kash_pos::sim::DEMO_EMAIL;

    // A wrong password: the newer endpoint's refusal is said, nothing is written.
    let config = home.0.join("wrong/config.toml");
    let out = password_login(&base, &config, email, "not-it").await;
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        said.contains("not accepted") || said.contains("refused"),
        "{said}"
    );
    assert!(
        !said.contains("not-it"),
        "the password is never said back: {said}"
    );
    assert!(!config.exists());

    for (login, dir) in [(email, "newer"), (kash_pos::sim::DEMO_OLDER_LOGIN, "older")] {
        let config = home.0.join(dir).join("config.toml");
        let out = password_login(&base, &config, login, kash_pos::sim::DEMO_PASSWORD).await;
        assert!(
            out.status.success(),
            "{login}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("shop demo"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for f in [config.clone(), config.with_file_name("key")] {
                let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{}", f.display());
            }
        }
        // The configuration works: the till's client reads the shop's users with it.
        let c = kash_pos::config::Config::from_file(&config).unwrap();
        assert_eq!(c.base_url, base);
        let client =
            kash_pos::kash::KashClient::new(&c.base_url, &c.shop_id, c.api_key.clone(), c.timeout)
                .unwrap();
        assert_eq!(client.users().await.unwrap().items.len(), 4, "{login}");
    }
}
