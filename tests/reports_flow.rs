//! The server's day against the simulator: sales recorded at the till, then F12 on their day:
//! the totals read from the `CSV` export are the sales; the Std report is text; a PDF saved
//! from the dialog is byte for byte the client's answer, with its progress; a failed write
//! leaves nothing under the name.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use crossterm::event::KeyCode;
use kash_pos::app::event::Event;
use kash_pos::app::screen::{Fetch, ReportTab, SaveStep, Screen};
use kash_pos::kash::SalesFormat;
use kash_pos::sales_report::Csv;
use rust_decimal::Decimal;
use time::OffsetDateTime;

type Till = common::till::Till;

fn state(till: &Till) -> &kash_pos::app::screen::ReportsState {
    let Screen::Reports(s) = &till.app.screen else {
        panic!("{:?} {:?}", till.app.screen, till.app.message)
    };
    s
}

#[tokio::test]
async fn the_days_totals_are_its_sales_and_a_pdf_is_saved_byte_for_byte() {
    let mut till = Till::open_with(common::settings(), "demo").await;
    assert_eq!(till.app.screen, Screen::Sale, "{:?}", till.app.load);
    // Two sales: cash with change, and by the second payment mode.
    till.type_text("3760123400015\n2*3760123400114\n").await;
    till.press(KeyCode::F(1)).await;
    till.type_text("20\n").await;
    assert!(
        matches!(till.app.screen, Screen::Receipt(_)),
        "{:?}",
        till.app.screen
    );
    till.press(KeyCode::Esc).await;
    till.type_text("14\n").await;
    till.press(KeyCode::F(2)).await;
    if !matches!(till.app.screen, Screen::Receipt(_)) {
        // A mode that asks for the amount: the whole of it.
        till.press(KeyCode::Enter).await;
    }
    assert!(
        matches!(till.app.screen, Screen::Receipt(_)),
        "{:?}",
        till.app.screen
    );
    till.press(KeyCode::Esc).await;
    let orders = till.sim.orders();
    assert_eq!(orders.len(), 2);
    let day = orders[0].created.date();

    // F12 opens on yesterday; Right is the day of the sales.
    till.event(Event::Tick(OffsetDateTime::now_utc())).await;
    till.press(KeyCode::F(12)).await;
    assert_eq!(state(&till).day, state(&till).today.previous_day().unwrap());
    let mut presses = 0;
    while state(&till).day < day && presses < 3 {
        till.press(KeyCode::Right).await;
        presses += 1;
    }
    assert_eq!(state(&till).day, day);
    let Fetch::Ready(Csv::Read(table)) = &state(&till).csv else {
        panic!("{:?}", state(&till).csv)
    };
    let t = &table.totals;
    let sold: Decimal = orders.iter().map(kash_pos::sim::SimOrder::total).sum();
    assert_eq!(t.grand, Some(sold));
    assert_eq!(t.orders, Some(2));
    assert_eq!(t.rows, orders.iter().map(|o| o.lines.len()).sum::<usize>());
    // By department: each department's lines, as the simulator recorded them.
    let catalog = till.sim.catalog();
    for g in &t.by_department {
        let want: Decimal = orders
            .iter()
            .flat_map(|o| &o.lines)
            .filter(|l| {
                l.department_id
                    .and_then(|d| catalog.department(d))
                    .is_some_and(|d| d.title == g.name)
            })
            .map(kash_pos::sim::state::SimLine::total)
            .sum();
        assert_eq!(g.total, want, "{}", g.name);
    }
    assert_eq!(
        t.by_department.iter().map(|g| g.total).sum::<Decimal>(),
        sold
    );
    // By payment mode: each sale paid whole by one mode.
    for o in &orders {
        let [(mode, amount)] = o.payments[..] else {
            panic!("{:?}", o.payments)
        };
        let title = &catalog.payment_mode(mode).unwrap().title;
        let g = t.by_mode.iter().find(|g| g.name == *title).unwrap();
        assert_eq!(g.total, amount, "{title}");
    }
    assert_eq!(t.by_user.iter().map(|g| g.total).sum::<Decimal>(), sold);
    // The Std report, as text.
    till.press(KeyCode::Tab).await;
    till.press(KeyCode::Tab).await;
    assert_eq!(state(&till).tab, ReportTab::Std);
    let Fetch::Ready(text) = &state(&till).std else {
        panic!("{:?}", state(&till).std)
    };
    assert!(
        text.iter()
            .any(|l| l.contains("Grand total") && l.contains(&kash_pos::money::wire_price(sold))),
        "{text:?}"
    );
    assert!(!text.iter().any(|l| l.contains('<')), "{text:?}");

    // Save the PDF from the dialog.
    let dir = tempfile::tempdir().unwrap();
    till.app.reports_dir = Some(dir.path().to_path_buf());
    till.ctrl('s').await;
    let path = dir.path().join(format!("kash-sales-{day}.pdf"));
    assert_eq!(
        state(&till).save.as_ref().unwrap().path,
        path.display().to_string()
    );
    till.press(KeyCode::Enter).await;
    let step = &state(&till).save.as_ref().unwrap().step;
    assert_eq!(*step, SaveStep::Saved(path.display().to_string()));
    let answer = till
        .client
        .sales(Some(kash_pos::report::wire_day(day)), SalesFormat::Pdf)
        .await
        .unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), answer.bytes);
    assert!(answer.bytes.starts_with(b"%PDF"));

    // The runner's progress: the bytes as they come, to the whole file.
    let second = dir.path().join("again.pdf");
    let mut seen: Vec<(u64, Option<u64>)> = Vec::new();
    let event = kash_pos::app::runner::save_report(
        &till.services,
        day,
        SalesFormat::Pdf,
        second.clone(),
        kash_pos::i18n::Lang::En,
        &mut |received, total| seen.push((received, total)),
    )
    .await;
    assert!(
        matches!(event, Event::ReportSaved(Ok(ref p)) if *p == second),
        "{event:?}"
    );
    let len = answer.bytes.len() as u64;
    assert_eq!(seen.last().map(|s| s.0), Some(len), "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");

    // A folder that is not there, a folder for a file: said, nothing written.
    for (bad, says) in [
        (dir.path().join("no/such/dir/x.pdf"), "No such folder"),
        (dir.path().to_path_buf(), "is a folder"),
    ] {
        let Event::ReportSaved(Err(e)) = kash_pos::app::runner::save_report(
            &till.services,
            day,
            SalesFormat::Pdf,
            bad.clone(),
            kash_pos::i18n::Lang::En,
            &mut |_, _| {},
        )
        .await
        else {
            panic!("{} saved", bad.display())
        };
        assert!(e.contains(says), "{e}");
    }
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut want = vec!["again.pdf".to_string(), format!("kash-sales-{day}.pdf")];
    want.sort();
    assert_eq!(names, want);
}
