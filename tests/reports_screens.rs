//! The server's day (F12), drawn: totals, rows, the Std report, a CSV that cannot be read,
//! loading, a refused day, and the save dialog (choosing, progress, saved, error), at 80x24 and
//! 120x40 in both languages. The parts are fed as the runner sends them.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use common::*;
use crossterm::event::KeyCode;
use kash_pos::app::event::{Event, ReportPart};
use kash_pos::app::screen::{Fetch, ReportTab, SaveStep, Screen};
use kash_pos::app::state::App;
use kash_pos::app::{Effect, update};
use kash_pos::kash::SalesFormat;
use kash_pos::sales_report::{Csv, read_csv, std_text};
use time::macros::{date, datetime};

/// A vendor-style export: French headers, payment modes, departments and users, a total line.
const CSV: &str = "\u{feff}Date;N° ticket;Mode de paiement;Rayon;Vendeur;Article;Montant TTC;Remarque\n\
    01/12/2026 09:12;101;Espèces;Boulangerie;Marie;Baguette tradition;2,60;\n\
    01/12/2026 09:40;102;Carte bancaire;Pâtisserie;Paul;Tarte aux pommes (6 parts);18,00;\"commande; retirée\"\n\
    01/12/2026 10:05;103;Espèces;Boulangerie;Marie;Croissant;3,30;\n\
    01/12/2026 11:30;104;Chèque;Traiteur;Paul;Quiche lorraine;7,50;\n\
    01/12/2026 12:02;105;Carte bancaire;Boulangerie;Marie;Pain aux céréales;4,20;\n\
    Total;;;;;;35,60;\n";

const STD: &str = "<!DOCTYPE html>\n<html><head><title>Sales report 01/12/2026</title></head><body>\n\
    <h1>Boulangerie Demo — sales of 01/12/2026</h1>\n<p>Orders: <span>5</span></p>\n\
    <p>Grand total: <span>35.60</span></p>\n<h2>By payment mode</h2>\n<table>\n\
    <tr><th>Title</th><th>Amount</th></tr>\n<tr><td>Espèces</td><td>5.90</td></tr>\n\
    <tr><td>Carte bancaire</td><td>22.20</td></tr>\n<tr><td>Chèque</td><td>7.50</td></tr>\n</table>\n\
    <h2>By department</h2>\n<table>\n<tr><th>Title</th><th>Amount</th></tr>\n\
    <tr><td>Boulangerie</td><td>10.10</td></tr>\n<tr><td>Pâtisserie</td><td>18.00</td></tr>\n\
    <tr><td>Traiteur</td><td>7.50</td></tr>\n</table>\n<p>Unpaid: <span>0.00</span></p>\n</body></html>\n";

fn snap(name: &str, app: &App) {
    let suffix = if app.settings.lang == kash_pos::i18n::Lang::Fr {
        "_fr"
    } else {
        ""
    };
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = render(app, w, h);
        insta::assert_snapshot!(
            format!("reports_{name}{suffix}_{w}x{h}"),
            terminal.backend()
        );
    }
}

/// The sale screen, the clock at 2 December 2026, then F12: the screen asks for yesterday.
fn opened() -> App {
    let mut app = loaded_app();
    update(&mut app, Event::Tick(datetime!(2026-12-02 10:00 UTC)));
    let effects = press(&mut app, KeyCode::F(12));
    assert_eq!(
        effects,
        [SalesFormat::Csv, SalesFormat::Std]
            .map(|format| Effect::LoadSalesReport {
                day: date!(2026 - 12 - 01),
                format,
                lang: app.settings.lang,
            })
            .to_vec()
    );
    app
}

fn with_parts(csv: &[u8], std: &[u8]) -> App {
    let mut app = opened();
    let day = date!(2026 - 12 - 01);
    for part in [
        ReportPart::Csv(Ok(read_csv(csv))),
        ReportPart::Std(Ok(std_text(std))),
    ] {
        update(&mut app, Event::SalesReport { day, part });
    }
    app
}

fn state(app: &App) -> &kash_pos::app::screen::ReportsState {
    let Screen::Reports(s) = &app.screen else {
        panic!("{:?}", app.screen)
    };
    s
}

#[test]
fn loading() {
    in_both_languages(|| {
        let app = opened();
        assert_eq!(state(&app).csv, Fetch::Loading);
        snap("loading", &app);
    });
}

#[test]
fn totals_table_and_std() {
    in_both_languages(|| {
        let mut app = with_parts(CSV.as_bytes(), STD.as_bytes());
        let Fetch::Ready(Csv::Read(t)) = &state(&app).csv else {
            panic!("{:?}", state(&app).csv)
        };
        assert_eq!(t.totals.grand, Some(rust_decimal_macros::dec!(35.60)));
        snap("totals", &app);
        press(&mut app, KeyCode::Tab);
        assert_eq!(state(&app).tab, ReportTab::Table);
        snap("table", &app);
        press(&mut app, KeyCode::Tab);
        assert_eq!(state(&app).tab, ReportTab::Std);
        snap("std", &app);
        // Scrolled down a line: the top says there is more above.
        press(&mut app, KeyCode::Down);
        assert_eq!(state(&app).scroll, 1);
        press(&mut app, KeyCode::BackTab);
        assert_eq!(state(&app).tab, ReportTab::Table);
        assert_eq!(state(&app).scroll, 0);
        // On the rows, → scrolls the columns (the day stays); - still moves the day.
        let day = state(&app).day;
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Right);
        assert_eq!(state(&app).column, 2);
        assert_eq!(state(&app).day, day);
        snap("table_scrolled", &app);
        for _ in 0..50 {
            press(&mut app, KeyCode::Right);
        }
        let columns = kash_pos::app::screens::reports::columns(state(&app));
        assert_eq!(
            state(&app).column,
            columns - 1,
            "never past the last column"
        );
        press(&mut app, KeyCode::Left);
        assert_eq!(state(&app).column, columns - 2);
        press(&mut app, KeyCode::Char('-'));
        assert_eq!(state(&app).day, day.previous_day().unwrap());
        assert_eq!(
            state(&app).column,
            0,
            "another day starts at the first column"
        );
    });
}

#[test]
fn a_csv_that_cannot_be_read_shows_what_came() {
    in_both_languages(|| {
        let app = with_parts(
            b"<!DOCTYPE html>\n<html><body><h1>Session expired</h1>\n<p>Please sign in again.</p></body></html>\n",
            b"",
        );
        snap("unreadable", &app);
    });
}

#[test]
fn a_failed_load_and_a_refused_day() {
    in_both_languages(|| {
        let mut app = opened();
        let day = date!(2026 - 12 - 01);
        update(
            &mut app,
            Event::SalesReport {
                day,
                part: ReportPart::Csv(Err(
                    "The server cannot be reached (getSales): connection refused".into(),
                )),
            },
        );
        // An answer for another day is not this day's.
        update(
            &mut app,
            Event::SalesReport {
                day: date!(2026 - 11 - 30),
                part: ReportPart::Std(Ok(vec!["old".into()])),
            },
        );
        assert_eq!(state(&app).std, Fetch::Loading);
        // Today is allowed, tomorrow is not.
        assert_eq!(press(&mut app, KeyCode::Right).len(), 2);
        assert_eq!(state(&app).day, date!(2026 - 12 - 02));
        assert!(press(&mut app, KeyCode::Right).is_empty());
        assert_eq!(state(&app).day, date!(2026 - 12 - 02));
        assert!(state(&app).error.is_some());
        // Typed: digits and dashes go to the date once one is begun.
        let effects = type_text(&mut app, "2026-12-05\n");
        assert!(effects.is_empty(), "{effects:?}");
        assert_eq!(state(&app).day, date!(2026 - 12 - 02));
        snap("future_day", &app);
        // A day in the other form is taken.
        press(&mut app, KeyCode::Esc);
        let effects = type_text(&mut app, "28/11/2026\n");
        assert_eq!(effects.len(), 2);
        assert_eq!(state(&app).day, date!(2026 - 11 - 28));
        // `-` with no date begun is the day before.
        press(&mut app, KeyCode::Char('-'));
        assert_eq!(state(&app).day, date!(2026 - 11 - 27));
        // Esc leaves, loading or not.
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.screen, Screen::Sale);
    });
}

#[test]
fn the_save_dialog_progress_saved_and_error() {
    in_both_languages(|| {
        let mut app = with_parts(CSV.as_bytes(), STD.as_bytes());
        app.reports_dir = Some("/home/marie/Documents".into());
        update(&mut app, ctrl('s'));
        snap("save", &app);
        // A path pasted (fast, as a scan) goes to the path, not to the basket.
        update(&mut app, Event::Scan("x".into()));
        assert!(app.basket.is_empty());
        assert_eq!(
            state(&app).save.as_ref().unwrap().path,
            "/home/marie/Documents/kash-sales-2026-12-01.pdfx"
        );
        press(&mut app, KeyCode::Backspace);
        // Down twice: CSV; the default name follows.
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        let save = state(&app).save.clone().unwrap();
        assert_eq!(save.path, "/home/marie/Documents/kash-sales-2026-12-01.csv");
        press(&mut app, KeyCode::Up);
        press(&mut app, KeyCode::Up);
        let effects = press(&mut app, KeyCode::Enter);
        assert_eq!(
            effects,
            vec![Effect::SaveSalesReport {
                day: date!(2026 - 12 - 01),
                format: SalesFormat::Pdf,
                path: "/home/marie/Documents/kash-sales-2026-12-01.pdf".into(),
                lang: app.settings.lang,
            }]
        );
        update(
            &mut app,
            Event::SaveProgress {
                received: 12_288,
                total: Some(40_960),
            },
        );
        snap("progress", &app);
        update(
            &mut app,
            Event::ReportSaved(Ok("/home/marie/Documents/kash-sales-2026-12-01.pdf".into())),
        );
        assert!(matches!(
            state(&app).save.as_ref().unwrap().step,
            SaveStep::Saved(_)
        ));
        snap("saved", &app);
        // Enter closes; again, and a failure this time.
        press(&mut app, KeyCode::Enter);
        assert!(state(&app).save.is_none());
        update(&mut app, ctrl('s'));
        press(&mut app, KeyCode::Enter);
        let e = app.settings.lang.ta(
            "report-save-disk-full",
            &[(
                "path",
                kash_pos::i18n::s("/home/marie/Documents/kash-sales-2026-12-01.pdf"),
            )],
        );
        update(&mut app, Event::ReportSaved(Err(e)));
        snap("save_error", &app);
        // Enter goes back to the choice, Esc closes.
        press(&mut app, KeyCode::Enter);
        assert_eq!(state(&app).save.as_ref().unwrap().step, SaveStep::Choosing);
        press(&mut app, KeyCode::Esc);
        assert!(state(&app).save.is_none());
    });
}
