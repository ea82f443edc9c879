//! `kash-pos check` against the simulator in each of its server variants: the table of
//! endpoints, whether the look-up sees the last sale the till confirmed (sighted, blind, not
//! known yet), the clock skew, what follows for the cashier, the exit status, `--json`.
//!
//! The snapshots are the report as printed, with the loopback port and the round-trip times
//! (the only parts that change from run to run) written the same every time.

#![allow(clippy::unwrap_used)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rust_decimal::Decimal;

use kash_pos::check::{Answer, Report, Seeing, Weight};
use kash_pos::i18n::Lang;
use kash_pos::journal::{Journal, Outcome, SenderConfig, deliver_with};
use kash_pos::kash::order::{ItemsListEntry, Order, Payment};
use kash_pos::kash::{ApiKey, KashClient};
use kash_pos::sim::{SimHandle, Simulator, Variant};

async fn start(variant: Variant) -> (Simulator, SimHandle) {
    let sim = Simulator::demo();
    sim.set_variant(variant);
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

fn sale(mode: Payment) -> Order {
    let mut o = Order::new(mode);
    o.lines.push(ItemsListEntry::item(1, Decimal::from(2)));
    o
}

/// A journal at `path` in which the till confirmed one sale (`mode`) with the server.
async fn confirmed_sale(path: &Path, client: &KashClient, mode: Payment) {
    let journal = Journal::open(path).unwrap();
    let entry = journal.record_sale(sale(mode)).unwrap();
    let outcome = deliver_with(&journal, client, &SenderConfig::default(), entry.seq).await;
    assert!(matches!(outcome, Outcome::Confirmed(_)), "{outcome:?}");
}

async fn report(h: &SimHandle, journal: Option<&Path>) -> Report {
    let c = client(h);
    kash_pos::check::probe(&c, journal, &SenderConfig::default(), "demo", &h.base_url()).await
}

/// The report as printed, the same on every run: the port and the times written fixed.
fn steady(mut r: Report, lang: Lang) -> String {
    let url = r.url.clone();
    r.url = "http://127.0.0.1:PORT".to_string();
    for p in &mut r.probes {
        p.rtt = Duration::from_millis(2);
    }
    let text = r.render(lang);
    assert!(!text.contains(&url));
    without_references(&text)
}

/// The till's references (`KP-` and ten letters or digits, random per sale) written `KP-…`.
fn without_references(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("KP-") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 3..];
        let len = tail.chars().take_while(char::is_ascii_alphanumeric).count();
        assert_eq!(len, 10, "a reference in {text}");
        out.push_str("KP-…");
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

fn temp_journal(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("journal.sqlite3")
}

fn answer<'a>(r: &'a Report, endpoint: &str) -> &'a Answer {
    &r.probes
        .iter()
        .find(|p| p.endpoint == endpoint)
        .unwrap()
        .answer
}

#[tokio::test]
async fn default_server_with_a_confirmed_sale_is_sighted_and_passes() {
    let (_sim, h) = start(Variant::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let path = temp_journal(&dir);
    confirmed_sale(&path, &client(&h), Payment::Mode(1)).await;
    let r = report(&h, Some(&path)).await;
    assert!(matches!(r.seeing, Seeing::Sighted { .. }), "{:?}", r.seeing);
    assert!(r.passed(), "{:?}", r.findings(Lang::En));
    assert!(r.findings(Lang::En).is_empty());
    // Every list answered JSON; the sale is among the orders of the day.
    for p in &r.probes {
        assert!(matches!(p.answer, Answer::Listed { .. }), "{p:?}");
    }
    assert!(matches!(
        answer(&r, "getOrders"),
        Answer::Listed { count: 1, .. }
    ));
    insta::assert_snapshot!("check_default_sighted", steady(r.clone(), Lang::En));
    insta::assert_snapshot!("check_default_sighted_fr", steady(r, Lang::Fr));
}

#[tokio::test]
async fn default_server_before_any_sale_is_not_known_yet_and_passes() {
    let (_sim, h) = start(Variant::default()).await;
    let dir = tempfile::tempdir().unwrap();
    // No journal at all, then a journal with nothing confirmed: both "not known yet".
    let r = report(&h, Some(&temp_journal(&dir))).await;
    assert!(
        matches!(r.seeing, Seeing::NotKnownYet { .. }),
        "{:?}",
        r.seeing
    );
    assert!(r.passed());
    let path = temp_journal(&dir);
    drop(Journal::open(&path).unwrap());
    let r = report(&h, Some(&path)).await;
    assert!(
        matches!(r.seeing, Seeing::NotKnownYet { .. }),
        "{:?}",
        r.seeing
    );
    assert!(r.render(Lang::En).contains("confirmed no sale yet"));
    insta::assert_snapshot!("check_default_no_sale", steady(r, Lang::En));
}

#[tokio::test]
async fn listings_without_the_private_comment_are_blind_and_fail() {
    let (_sim, h) = start(Variant {
        no_private_comment: true,
        ..Variant::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let path = temp_journal(&dir);
    confirmed_sale(&path, &client(&h), Payment::Mode(1)).await;
    let r = report(&h, Some(&path)).await;
    assert!(matches!(r.seeing, Seeing::Blind { .. }), "{:?}", r.seeing);
    assert!(!r.passed());
    let findings = r.findings(Lang::En);
    assert_eq!(findings[0].code, "blind");
    assert_eq!(findings[0].weight, Weight::Missing);
    assert!(findings[0].text.contains("will wait for your decision"));
    insta::assert_snapshot!("check_blind", steady(r.clone(), Lang::En));
    insta::assert_snapshot!("check_blind_fr", steady(r, Lang::Fr));
}

#[tokio::test]
async fn blind_before_any_sale_warns_that_no_order_carries_a_comment() {
    let (_sim, h) = start(Variant {
        no_private_comment: true,
        ..Variant::default()
    })
    .await;
    // Someone else's sale on the account: listed, but without its comment.
    let c = client(&h);
    c.submit_order(&{
        let mut o = sale(Payment::Mode(1));
        o.private_comment = Some("from another till".to_string());
        o
    })
    .await
    .unwrap();
    let r = report(&h, None).await;
    assert!(r.passed());
    assert!(
        r.findings(Lang::En).iter().any(|f| f.code == "no-comments"),
        "{:?}",
        r.findings(Lang::En)
    );
}

#[tokio::test]
async fn no_get_orders_is_missing_and_blind() {
    let (_sim, h) = start(Variant {
        no_get_orders: true,
        ..Variant::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let path = temp_journal(&dir);
    confirmed_sale(&path, &client(&h), Payment::Mode(1)).await;
    let r = report(&h, Some(&path)).await;
    assert_eq!(answer(&r, "getOrders"), &Answer::NotServed);
    assert!(matches!(r.seeing, Seeing::Blind { .. }), "{:?}", r.seeing);
    assert!(!r.passed());
    let codes: Vec<&str> = r.findings(Lang::En).iter().map(|f| f.code).collect();
    assert!(
        codes.contains(&"orders") && codes.contains(&"blind"),
        "{codes:?}"
    );
    insta::assert_snapshot!("check_no_get_orders", steady(r, Lang::En));
}

#[tokio::test]
async fn lines_as_strings_and_no_dates_are_counted() {
    let (_sim, h) = start(Variant {
        lines_as_strings: true,
        no_dates: true,
        ..Variant::default()
    })
    .await;
    let c = client(&h);
    // Two open orders on the account.
    c.submit_order(&sale(Payment::Open)).await.unwrap();
    c.submit_order(&sale(Payment::Open)).await.unwrap();
    let r = report(&h, None).await;
    match answer(&r, "getPending") {
        Answer::Listed {
            count: 2,
            orders: Some(o),
            ..
        } => {
            assert_eq!(o.without_date, 2);
            assert_eq!(o.with_unreadable_lines, 2);
            assert_eq!(o.unreadable_lines, 2);
        }
        other => panic!("{other:?}"),
    }
    let codes: Vec<&str> = r.findings(Lang::En).iter().map(|f| f.code).collect();
    assert!(
        codes.contains(&"no-dates") && codes.contains(&"unreadable-lines"),
        "{codes:?}"
    );
    // Notes, not missing capabilities: the till copes and says so.
    assert!(r.passed());
    insta::assert_snapshot!(
        "check_lines_as_strings_no_dates",
        steady(r.clone(), Lang::En)
    );
    insta::assert_snapshot!("check_lines_as_strings_no_dates_fr", steady(r, Lang::Fr));
}

#[tokio::test]
async fn a_skewed_clock_is_shown_and_the_sale_still_found() {
    let (_sim, h) = start(Variant {
        clock_offset_secs: -1200,
        ..Variant::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let path = temp_journal(&dir);
    confirmed_sale(&path, &client(&h), Payment::Mode(1)).await;
    let r = report(&h, Some(&path)).await;
    let skew = r.skew.unwrap().whole_seconds();
    assert!((-1202..=-1198).contains(&skew), "{skew}");
    assert!(matches!(r.seeing, Seeing::Sighted { .. }), "{:?}", r.seeing);
    assert!(r.passed());
    let clock: Vec<_> = r
        .findings(Lang::En)
        .into_iter()
        .filter(|f| f.code == "clock")
        .collect();
    assert_eq!(clock.len(), 1);
    assert!(
        clock[0].text.contains("behind this machine"),
        "{}",
        clock[0].text
    );
    // The skew in seconds moves with the run: only its minutes are pinned.
    let mut steady_skew = r.clone();
    steady_skew.skew = Some(time::Duration::seconds(-1200));
    insta::assert_snapshot!("check_clock_behind", steady(steady_skew, Lang::En));
}

#[tokio::test]
async fn a_server_that_does_not_answer_fails_every_row() {
    // A port nobody listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let c = KashClient::new(&url, "demo", ApiKey::new("demo"), Duration::from_secs(2)).unwrap();
    let r = kash_pos::check::probe(&c, None, &SenderConfig::default(), "demo", &url).await;
    assert!(
        r.probes
            .iter()
            .all(|p| matches!(p.answer, Answer::Failed { .. }))
    );
    assert!(!r.passed());
    let codes: Vec<&str> = r.findings(Lang::En).iter().map(|f| f.code).collect();
    assert_eq!(&codes[..2], &["no-answer", "catalog"], "{codes:?}");
}

#[tokio::test]
async fn json_for_scripts() {
    let (_sim, h) = start(Variant {
        no_private_comment: true,
        ..Variant::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let path = temp_journal(&dir);
    confirmed_sale(&path, &client(&h), Payment::Mode(1)).await;
    let v = report(&h, Some(&path)).await.to_json();
    assert_eq!(v["passed"], false);
    assert_eq!(v["lookup"]["state"], "blind");
    assert_eq!(v["endpoints"].as_array().unwrap().len(), 15);
    assert_eq!(v["endpoints"][0]["endpoint"], "getPlus.php");
    assert_eq!(v["endpoints"][0]["answer"], "json");
    assert!(v["endpoints"][0]["elements"].as_u64().unwrap() > 0);
    assert_eq!(v["findings"][0]["code"], "blind");
    assert_eq!(v["findings"][0]["missing"], true);
}

/// The real binary: `kash-pos check` on a configured account, its exit status and `--json`.
#[tokio::test(flavor = "multi_thread")]
async fn the_command_exits_non_zero_when_blind() {
    let (_sim, h) = start(Variant {
        no_private_comment: true,
        ..Variant::default()
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let journal = temp_journal(&dir);
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[kash]\nbase_url = \"{}\"\nshop_id = \"demo\"\napi_key = \"demo\"\ntimeout_secs = 5\n",
            h.base_url()
        ),
    )
    .unwrap();
    let home = dir.path().to_path_buf();
    let run = |args: &'static [&'static str]| {
        let (config, journal, home) = (config.clone(), journal.clone(), home.clone());
        tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_kash-pos"))
                .arg("--config")
                .arg(&config)
                .arg("--journal")
                .arg(&journal)
                .args(args)
                .env("HOME", &home)
                .env("XDG_STATE_HOME", home.join("state"))
                .env("LANG", "en_US.UTF-8")
                .output()
                .unwrap()
        })
    };
    let before = run(&["check"]).await.unwrap();
    assert_eq!(before.status.code(), Some(0), "{before:?}");
    let out = String::from_utf8_lossy(&before.stdout);
    assert!(out.contains("not known yet"), "{out}");
    assert!(
        !out.contains("api_key") && !out.contains("key=demo"),
        "{out}"
    );

    confirmed_sale(&journal, &client(&h), Payment::Mode(1)).await;
    let after = run(&["check"]).await.unwrap();
    assert_eq!(after.status.code(), Some(1), "{after:?}");
    let out = String::from_utf8_lossy(&after.stdout);
    assert!(out.contains("blind"), "{out}");
    assert!(out.contains("MISSING The look-up is blind"), "{out}");

    let json = run(&["check", "--json"]).await.unwrap();
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["lookup"]["state"], "blind");
}

/// The demo shop starts empty every time: its look-up is not checked against the journal,
/// whose sales were made on an earlier demo shop (that would always say blind).
#[tokio::test]
async fn the_demo_shop_is_not_checked_against_earlier_demo_sales() {
    let (_sim, h) = start(Variant::default()).await;
    let r = kash_pos::check::probe_demo(&client(&h), &SenderConfig::default(), &h.base_url()).await;
    assert!(
        matches!(
            r.seeing,
            Seeing::NotKnownYet {
                why: kash_pos::check::NotKnown::DemoShop
            }
        ),
        "{:?}",
        r.seeing
    );
    assert!(r.passed());
    assert!(
        r.render(Lang::En)
            .contains("the demo shop starts empty every time")
    );
}
