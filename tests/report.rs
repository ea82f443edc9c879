//! `kash-pos report`: the server's report of a day, byte for byte, to a file (whole or not at
//! all) or standard output, never a binary format to a terminal; this till's figures of a day
//! from its journal, while the till's journal is in use. Bad days and bad answers are said.

#![allow(clippy::unwrap_used)]

#[allow(dead_code)]
#[path = "common/term.rs"]
mod term;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use kash_pos::i18n::Lang;
use kash_pos::journal::{Journal, Outcome, SenderConfig, deliver_with};
use kash_pos::kash::client::{SalesFormat, SalesReport};
use kash_pos::kash::order::{ItemsListEntry, Order, Payment};
use kash_pos::kash::{ApiKey, KashClient};
use kash_pos::report;
use kash_pos::sim::{SimHandle, Simulator};

async fn start() -> (Simulator, SimHandle) {
    let sim = Simulator::demo();
    let h = sim
        .spawn(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap();
    (sim, h)
}

fn client(h: &SimHandle) -> KashClient {
    KashClient::new(
        &h.base_url(),
        "demo",
        ApiKey::new("demo"),
        Duration::from_secs(5),
    )
    .unwrap()
}

fn line(id: u64, quantity: Decimal, price: Decimal) -> ItemsListEntry {
    ItemsListEntry::Item {
        id,
        quantity,
        title: None,
        price: Some(price),
        variations: Vec::new(),
    }
}

async fn sell(
    journal: &Journal,
    client: &KashClient,
    payment: Payment,
    lines: Vec<ItemsListEntry>,
) {
    let mut o = Order::new(payment);
    o.lines = lines;
    let e = journal.record_sale(o).unwrap();
    let outcome = deliver_with(journal, client, &SenderConfig::default(), e.seq).await;
    assert!(matches!(outcome, Outcome::Confirmed(_)), "{outcome:?}");
}

/// A config for the simulator at `h`, with the journal at `journal`.
fn config(dir: &Path, h: &SimHandle) -> PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(
        &path,
        format!(
            "[kash]\nbase_url = \"{}\"\nshop_id = \"demo\"\napi_key = \"demo\"\ntimeout_secs = 5\n\n\
             [pos]\nlanguage = \"en\"\n",
            h.base_url()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    path
}

async fn kash_pos(
    dir: &Path,
    config: &Path,
    journal: &Path,
    args: &[&str],
) -> std::process::Output {
    let (dir, config, journal) = (
        dir.to_path_buf(),
        config.to_path_buf(),
        journal.to_path_buf(),
    );
    let args: Vec<String> = args.iter().map(ToString::to_string).collect();
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_kash-pos"))
            .arg("--config")
            .arg(&config)
            .arg("--journal")
            .arg(&journal)
            .args(&args)
            .env("HOME", &dir)
            .env("XDG_STATE_HOME", dir.join("state"))
            .env("TZ", "UTC")
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

#[test]
fn days_are_read_strictly_and_the_future_refused() {
    let today = time::macros::date!(2026 - 12 - 01);
    let en = Lang::En;
    assert_eq!(
        report::parse_day("2026-11-30", today, en),
        Ok(time::macros::date!(2026 - 11 - 30))
    );
    assert_eq!(report::parse_day(" 2026-12-01 ", today, en), Ok(today));
    for bad in ["2026-13-01", "30/11/2026", "yesterday", "", "2026-02-30"] {
        let e = report::parse_day(bad, today, en).unwrap_err();
        assert!(e.contains("YYYY-MM-DD"), "{bad}: {e}");
    }
    let e = report::parse_day("2026-12-02", today, en).unwrap_err();
    assert!(e.contains("has not come yet"), "{e}");
}

#[test]
fn answers_that_cannot_be_the_report_are_refused() {
    let answer = |bytes: &[u8]| SalesReport {
        content_type: None,
        bytes: bytes.to_vec(),
    };
    let en = Lang::En;
    assert!(report::check_answer(SalesFormat::Csv, &answer(b"  \n"), en).is_err());
    let page = answer(b"<!DOCTYPE html><html><body>Please sign in</body></html>");
    let e = report::check_answer(SalesFormat::Csv, &page, en).unwrap_err();
    assert!(
        e.contains("web page") && e.contains("nothing written"),
        "{e}"
    );
    // The Std report is a web page: that one is right.
    assert!(report::check_answer(SalesFormat::Std, &page, en).is_ok());
    assert!(report::check_answer(SalesFormat::Pdf, &answer(b"GIF89a"), en).is_err());
    assert!(report::check_answer(SalesFormat::Pdf, &answer(b"%PDF-1.4\n"), en).is_ok());
    assert!(report::is_binary(SalesFormat::Pdf) && report::is_binary(SalesFormat::Xls));
    assert!(!report::is_binary(SalesFormat::Csv) && !report::is_binary(SalesFormat::Fec));
}

#[test]
fn a_file_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("day.csv");
    report::write_whole(&path, b"a;b\n1;2\n").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"a;b\n1;2\n");
    // A directory that does not exist: an error, and nothing under the name.
    let missing = dir.path().join("nowhere").join("day.csv");
    assert!(report::write_whole(&missing, b"x").is_err());
    assert!(!missing.exists());
    // No temporary file left beside the report.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_server_report_is_written_byte_for_byte() {
    let (_sim, h) = start().await;
    let c = client(&h);
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.sqlite3");
    drop(Journal::open(&journal).unwrap());
    sell(
        &Journal::open(&journal).unwrap(),
        &c,
        Payment::Mode(1),
        vec![line(1, dec!(2), dec!(1.30))],
    )
    .await;
    let config = config(dir.path(), &h);
    let day = today();
    let parts: Vec<&str> = day.split('-').collect();
    let wire_day = kash_pos::kash::client::Day {
        year: parts[0].parse().unwrap(),
        month: parts[1].parse().unwrap(),
        day: parts[2].parse().unwrap(),
    };
    for (name, format) in [
        ("csv", SalesFormat::Csv),
        ("pdf", SalesFormat::Pdf),
        ("xls", SalesFormat::Xls),
        ("frafec", SalesFormat::Fec),
        ("saft", SalesFormat::Saft),
        ("std", SalesFormat::Std),
    ] {
        let file = dir.path().join(format!("day.{name}"));
        let out = kash_pos(
            dir.path(),
            &config,
            &journal,
            &[
                "report",
                "--day",
                &day,
                "--format",
                name,
                "-o",
                file.to_str().unwrap(),
            ],
        )
        .await;
        assert!(out.status.success(), "{name}: {out:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("bytes written to"), "{said}");
        let expected = c.sales(Some(wire_day), format).await.unwrap().bytes;
        assert_eq!(
            std::fs::read(&file).unwrap(),
            expected,
            "{name}: byte for byte"
        );
    }
    // To standard output (a pipe here), the same bytes.
    let out = kash_pos(
        dir.path(),
        &config,
        &journal,
        &["report", "--day", &day, "--format", "csv"],
    )
    .await;
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        out.stdout,
        c.sales(Some(wire_day), SalesFormat::Csv)
            .await
            .unwrap()
            .bytes
    );
    // Bad input: said, non-zero, nothing written.
    for (args, says) in [
        (vec!["report", "--day", "2999-01-01"], "has not come yet"),
        (vec!["report", "--day", "01/12/2026"], "YYYY-MM-DD"),
        (vec!["report", "--format", "docx"], "unknown format docx"),
    ] {
        let out = kash_pos(dir.path(), &config, &journal, &args).await;
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_till_figures_come_from_its_journal_while_it_is_open() {
    let (_sim, h) = start().await;
    let c = client(&h);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    // The journal stays open (owned) the whole test, as by a running till.
    let journal = Journal::open(&path).unwrap();
    sell(
        &journal,
        &c,
        Payment::Mode(1),
        vec![line(1, dec!(2), dec!(1.30))],
    )
    .await;
    sell(
        &journal,
        &c,
        Payment::Mode(1),
        vec![line(2, dec!(1), dec!(4.50))],
    )
    .await;
    // A card sale of 3 × 1,50 with 10 % off (sent at 1,35): the journal keeps the 0,45 off.
    let mut discounted = Order::new(Payment::Mode(2));
    discounted.lines = vec![line(3, dec!(3), dec!(1.35))];
    discounted.discount = dec!(0.45);
    let e = journal.record_sale(discounted).unwrap();
    let outcome = deliver_with(&journal, &c, &SenderConfig::default(), e.seq).await;
    assert!(matches!(outcome, Outcome::Confirmed(_)), "{outcome:?}");
    // A refund (negative quantity) by the cash-refund mode, and a parked order.
    sell(
        &journal,
        &c,
        Payment::Mode(7),
        vec![line(1, dec!(-1), dec!(1.30))],
    )
    .await;
    sell(
        &journal,
        &c,
        Payment::Open,
        vec![line(4, dec!(1), dec!(2.00))],
    )
    .await;
    // One sale not confirmed yet.
    let mut queued = Order::new(Payment::Mode(1));
    queued.lines = vec![line(5, dec!(1), dec!(9.99))];
    journal.record_sale(queued).unwrap();

    // The drawer's shift: a float, cash out, a close.
    use kash_pos::journal::shift::{NewShiftEvent, ShiftKind};
    let event = |kind, amount, reason: &str| NewShiftEvent {
        kind,
        who: "Alice".into(),
        user_id: Some(1),
        cashbox_id: None,
        amount: Some(amount),
        counts: None,
        reason: reason.into(),
        entries_upto: None,
        figures: None,
    };
    journal
        .record_shift_event(&event(ShiftKind::Float, dec!(100), ""))
        .unwrap();
    journal
        .record_shift_event(&event(ShiftKind::CashOut, dec!(10), "bank"))
        .unwrap();
    let figures = kash_pos::shift::figures(&journal).unwrap();
    let counted = kash_pos::shift::Counted {
        amount: dec!(95),
        counts: None,
    };
    journal
        .record_shift_event(&NewShiftEvent {
            figures: Some(kash_pos::shift::to_json(&figures, Some(&counted)).to_string()),
            entries_upto: Some(figures.entries_upto),
            ..event(ShiftKind::Close, dec!(95), "")
        })
        .unwrap();

    let config = config(dir.path(), &h);
    let out = kash_pos(dir.path(), &config, &path, &["report", "--till", "--json"]).await;
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["day"], today());
    let kinds: Vec<&str> = v["shift_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["float", "cash_out", "close"]);
    assert_eq!(v["shift_events"][1]["reason"], "bank");
    assert_eq!(v["shift_events"][2]["close_number"], 1);
    assert_eq!(
        v["shift_events"][2]["figures"]["difference"],
        kash_pos::money::wire_price(counted.difference(&figures))
    );
    assert_eq!(v["by_mode"][0]["mode_id"], 1);
    assert_eq!(v["by_mode"][0]["payments"], 2);
    assert_eq!(v["by_mode"][0]["total"], "7.10");
    assert_eq!(v["by_mode"][1]["mode_id"], 2);
    assert_eq!(v["by_mode"][1]["total"], "4.05");
    assert_eq!(v["total"], "11.15");
    assert_eq!(v["refunds"]["count"], 1);
    assert_eq!(v["refunds"]["total"], "-1.30");
    assert_eq!(v["discounts"]["count"], 1);
    assert_eq!(v["discounts"]["total"], "0.45");
    assert_eq!(v["parked"], 1);
    assert_eq!(v["unconfirmed"]["count"], 1);
    assert_eq!(v["unconfirmed"]["total"], "9.99");

    let out = kash_pos(dir.path(), &config, &path, &["report", "--till"]).await;
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("1 sale is not confirmed by the server yet"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("Discounts") && l.contains(" 1 ") && l.ends_with("0.45")),
        "{text}"
    );
    assert!(text.contains("Shift events:"), "{text}");
    assert!(text.contains("cash out €10.00: bank (Alice)"), "{text}");
    assert!(text.contains("close (Z) no. 1: counted €95.00"), "{text}");
    // Yesterday: nothing.
    let yesterday = (time::OffsetDateTime::now_utc()
        .date()
        .previous_day()
        .unwrap())
    .to_string();
    let out = kash_pos(
        dir.path(),
        &config,
        &path,
        &["report", "--till", "--day", &yesterday, "--json"],
    )
    .await;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["payments"], 0);
    drop(journal);
}

/// A binary format is never written to a terminal.
#[test]
fn a_binary_report_is_refused_on_a_terminal() {
    let home = term::Home::new("report-tty");
    let s = term::Session::start_in_shell(
        &home.0,
        "report-tty",
        100,
        10,
        &["report", "--format", "pdf"],
    );
    let screen = s.wait_for("binary file");
    assert!(screen.contains("-o FILE"), "{screen}");
}
