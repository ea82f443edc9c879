//! The drawer's shift: float → sales → cash out → X → close with a difference, on the
//! simulator through the real client with the journal on disk; a second shift kept apart; and
//! snapshots of every shift screen at 80x24 and 120x40 in both languages.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use common::till::Till;
use common::*;
use crossterm::event::KeyCode;
use kash_pos::app::event::Event;
use kash_pos::app::screen::{Screen, ShiftStep};
use kash_pos::app::state::App;
use kash_pos::app::update;
use kash_pos::journal::shift::ShiftKind;
use kash_pos::report::TillDay;
use kash_pos::shift::ShiftFigures;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

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

fn text_of(app: &App) -> String {
    screen_text(app, 120, 40)
}

/// A shift with sales in two modes, a cash refund, a sale not confirmed yet, cash in and out.
fn figures() -> ShiftFigures {
    ShiftFigures {
        number: 4,
        since: Some("2026-12-01T18:02:00Z".into()),
        float: Some((dec!(150), "2026-12-02T08:01:00Z".into())),
        cash_in: vec![(
            "2026-12-02T11:15:00Z".into(),
            dec!(30),
            "change from the bank".into(),
            "Alice".into(),
        )],
        cash_out: vec![(
            "2026-12-02T14:40:00Z".into(),
            dec!(200),
            "deposit".into(),
            "Alice".into(),
        )],
        x_reports: 1,
        sales: TillDay {
            by_mode: vec![
                (1, "Espèces".into(), 23, dec!(412.60)),
                (2, "Carte bancaire".into(), 31, dec!(688.15)),
            ],
            refunds: (1, dec!(-4.90)),
            refunds_by_mode: vec![(1, 1, dec!(-4.90))],
            unconfirmed: (1, dec!(3.20)),
            unconfirmed_by_mode: vec![(1, dec!(3.20))],
            discounts: (3, dec!(6.45)),
            ..TillDay::default()
        },
        cash_taken: dec!(412.60),
        cash_refunded: dec!(4.90),
        cash_unconfirmed: dec!(3.20),
        entries_upto: 57,
    }
}

fn shift_app() -> App {
    let mut app = loaded_app();
    app.orders.now = Some(time::macros::datetime!(2026-12-02 16:30 UTC));
    let effects = update(&mut app, ctrl('x'));
    assert!(matches!(
        effects.as_slice(),
        [kash_pos::app::Effect::LoadShift]
    ));
    let _ = update(&mut app, Event::Shift(Ok(Box::new(figures()))));
    app
}

#[test]
fn expected_cash_is_float_plus_taken_minus_refunded_plus_in_minus_out() {
    // 150 + 412,60 + 3,20 − 4,90 + 30 − 200
    assert_eq!(figures().expected_cash(), dec!(390.90));
}

#[test]
fn shift_screens() {
    in_both_languages(|| {
        let mut app = loaded_app();
        app.orders.now = Some(time::macros::datetime!(2026-12-02 16:30 UTC));
        let _ = update(&mut app, ctrl('x'));
        snap("shift_loading", &app);

        let mut app = shift_app();
        snap("shift_overview", &app);
        assert!(text_of(&app).contains("390,90 €"), "{}", text_of(&app));

        // Cash out with its reason.
        let _ = update(&mut app, key(KeyCode::F(3)));
        type_text(&mut app, "50\nbanque");
        snap("shift_cash_out", &app);
        // More than the drawer should hold is refused.
        let mut app = shift_app();
        let _ = update(&mut app, key(KeyCode::F(3)));
        type_text(&mut app, "500\nvol");
        let effects = update(&mut app, key(KeyCode::Enter));
        assert!(effects.is_empty());
        snap("shift_cash_out_too_much", &app);

        // The close, counted by note and coin.
        let mut app = shift_app();
        let _ = update(&mut app, key(KeyCode::F(5)));
        snap("shift_close_amount", &app);
        let _ = update(&mut app, key(KeyCode::F(6)));
        for (down, count) in [(3, "5"), (1, "8"), (2, "4"), (2, "3")] {
            for _ in 0..down {
                let _ = update(&mut app, key(KeyCode::Down));
            }
            type_text(&mut app, count);
        }
        snap("shift_count", &app);
        let _ = update(&mut app, key(KeyCode::Enter));
        let Screen::Shift(s) = &app.screen else {
            panic!("{:?}", app.screen)
        };
        // 5 × 50 + 8 × 20 + 4 × 5 + 3 × 1 = 433
        assert!(
            matches!(&s.step, ShiftStep::ConfirmClose(c) if c.amount == dec!(433)),
            "{:?}",
            s.step
        );
        snap("shift_confirm_close", &app);
    });
}

/// The whole shift on the simulator: float, two sales, cash out, X, close with a difference;
/// then the next shift starts empty and its sale is its own.
#[tokio::test]
async fn float_sales_cash_out_x_and_close_with_a_difference() {
    let dir = tempfile::tempdir().unwrap();
    let journal = kash_pos::journal::Journal::open(&dir.path().join("journal.sqlite3")).unwrap();
    let mut till = Till::open_on(settings(), "demo", journal).await;
    assert_eq!(till.app.screen, Screen::Sale);

    till.ctrl('x').await;
    till.press(KeyCode::F(1)).await;
    till.type_text("150\n").await;
    till.press(KeyCode::Esc).await;
    assert_eq!(till.app.screen, Screen::Sale);

    // A cash sale (exact amount) and a card sale.
    till.event(Event::Scan("3760123400015".into())).await;
    till.event(Event::Scan("3760123400022".into())).await;
    till.press(KeyCode::F(1)).await;
    till.press(KeyCode::Enter).await;
    assert!(
        matches!(till.app.screen, Screen::Receipt(_)),
        "{:?}",
        till.app.screen
    );
    till.press(KeyCode::Esc).await;
    // The card sale has 10 % off its line.
    till.event(Event::Scan("3760123400237".into())).await;
    let before = till.app.basket.total();
    till.press(KeyCode::Up).await;
    till.press(KeyCode::Enter).await;
    for _ in 0..3 {
        till.press(KeyCode::Tab).await;
    }
    till.type_text("10%").await;
    till.press(KeyCode::Enter).await;
    let discount = before - till.app.basket.total();
    assert!(discount > Decimal::ZERO, "{:?}", till.app.basket);
    till.press(KeyCode::F(2)).await;
    till.press(KeyCode::Esc).await;
    let orders = till.sim.orders();
    assert_eq!(orders.len(), 2);
    let cash: Decimal = orders[0].payments.iter().map(|p| p.1).sum();
    let card: Decimal = orders[1].payments.iter().map(|p| p.1).sum();
    assert!(cash > Decimal::ZERO && card > Decimal::ZERO, "{orders:?}");

    // Cash out, then an X.
    till.ctrl('x').await;
    till.press(KeyCode::F(3)).await;
    till.type_text("20\nbank\n").await;
    till.press(KeyCode::F(4)).await;
    let Screen::Shift(s) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    let f = s.figures.clone().unwrap();
    assert_eq!(f.cash_taken, cash);
    assert_eq!(f.sales.total(), cash + card);
    assert_eq!(f.expected_cash(), dec!(150) + cash - dec!(20));
    // The discount is in the figures, as it was granted, though the wire has only the
    // discounted price.
    assert_eq!(f.sales.discounts, (1, discount));
    let events = till.services.journal.shift_events().unwrap();
    let kinds: Vec<ShiftKind> = events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        vec![ShiftKind::Float, ShiftKind::CashOut, ShiftKind::X]
    );
    assert_eq!(events[1].reason, "bank");

    // The close: 40 cents short.
    let counted = f.expected_cash() - dec!(0.40);
    till.press(KeyCode::F(5)).await;
    till.type_text(&counted.to_string()).await;
    till.press(KeyCode::Enter).await;
    till.press(KeyCode::Enter).await;
    let Screen::Shift(s) = &till.app.screen else {
        panic!("{:?}", till.app.screen)
    };
    let ShiftStep::Closed(closed) = &s.step else {
        panic!("{:?}", s.step)
    };
    assert_eq!(closed.event.close_number, Some(1));
    assert_eq!(closed.counted.difference(&closed.figures), dec!(-0.40));
    let kept = till.services.journal.close_numbered(1).unwrap().unwrap();
    let json: serde_json::Value = serde_json::from_str(kept.figures.as_deref().unwrap()).unwrap();
    assert_eq!(json["difference"], "-0.40");
    assert_eq!(json["counted"], kash_pos::money::wire_price(counted));
    let file = closed.export.clone().unwrap();
    assert!(file.starts_with(dir.path().join("closes")));
    let text = std::fs::read_to_string(&file).unwrap();
    // As printed: the title in double width, the count and the difference.
    assert!(text.contains("C l o s e   ( Z )   n o .   1"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("Difference") && l.ends_with("-0,40 €")),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("Discounts (1)")
            && l.ends_with(&format!("-{} €", discount.to_string().replace('.', ",")))),
        "{text}"
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file.with_extension("json")).unwrap())
            .unwrap();
    assert_eq!(saved["discounts"]["count"], 1);
    assert_eq!(
        saved["discounts"]["total"],
        kash_pos::money::wire_price(discount)
    );
    // The next shift has begun, empty.
    let Screen::Shift(s) = &till.app.screen else {
        unreachable!()
    };
    let next = s.figures.clone().unwrap();
    assert_eq!(next.number, 2);
    assert_eq!(next.sales.payments(), 0);
    assert_eq!(next.float, None);
    till.press(KeyCode::Esc).await;

    // A sale after the close belongs to shift 2 alone.
    till.event(Event::Scan("3760123400015".into())).await;
    till.press(KeyCode::F(2)).await;
    till.press(KeyCode::Esc).await;
    let f2 = kash_pos::shift::figures(&till.services.journal).unwrap();
    assert_eq!(f2.number, 2);
    assert_eq!(f2.sales.payments(), 1);
    assert_eq!(f2.cash_taken, Decimal::ZERO);
    // Close 1 still says what it closed.
    assert_eq!(
        till.services
            .journal
            .close_numbered(1)
            .unwrap()
            .unwrap()
            .seq,
        kept.seq
    );
}

/// With a printer, the X report and the close print; the drawer opens on cash out.
#[test]
fn x_and_close_print_and_cash_out_opens_the_drawer() {
    use kash_pos::app::Effect;
    let mut app = shift_app();
    let section: kash_pos::print::PrinterSection =
        toml::from_str("connection = \"tcp://127.0.0.1:9100\"\ndrawer = true").unwrap();
    app.printing.setup = Some(
        section
            .setup(app.settings.lang, app.settings.money_style)
            .unwrap(),
    );
    // Cash out: the event, then the drawer.
    let _ = update(&mut app, key(KeyCode::F(3)));
    type_text(&mut app, "10\n");
    let effects = type_text(&mut app, "bank\n");
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::RecordShift(e), Effect::OpenDrawer { why, .. }]
                if e.kind == ShiftKind::CashOut && e.amount == Some(dec!(10)) && why == "cash out"
        ),
        "{effects:?}"
    );
    let _ = update(&mut app, Event::ShiftRecorded(Err("disk full".into())));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("disk full")),
        "{:?}",
        app.message
    );
    // The X: written, then printed once written.
    let effects = update(&mut app, key(KeyCode::F(4)));
    let [Effect::RecordShift(x)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(x.kind, ShiftKind::X);
    let json: serde_json::Value = serde_json::from_str(x.figures.as_deref().unwrap()).unwrap();
    assert_eq!(json["expected_cash"], "390.90");
    let written = kash_pos::journal::shift::ShiftEvent {
        seq: 9,
        at: "2026-12-02T16:30:00Z".into(),
        kind: ShiftKind::X,
        who: "Marie".into(),
        user_id: Some(1),
        cashbox_id: Some(1),
        amount: None,
        counts: None,
        reason: String::new(),
        entries_upto: 57,
        close_number: None,
        figures: x.figures.clone(),
    };
    let effects = update(
        &mut app,
        Event::ShiftRecorded(Ok((Box::new(written), Box::new(figures())))),
    );
    let [Effect::Print(_, job)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(job.label.contains('X'), "{}", job.label);
}
