//! The fault matrix: seeded sales through the journal's sender against the simulator over real
//! HTTP on loopback, under every fault at once (HTTP 500, temporary refusals, HTML pages,
//! garbage, dropped connections, recordings that land after the client gave up, 429 / 500 /
//! 302 / 307 after recording, and phases where the server works longer than the settle window),
//! then again under each server variant (listings without the private comment, lines as
//! itemsList strings, no `getOrders.php`, orders without dates, a clock 20 minutes ahead, a
//! `getOrders.php` that sends the 20 most recent orders only).
//! The cashier then settles what waits for them, from the back office (the simulator's own
//! records). Every run must end with each sale recorded exactly once: doubles left = 0 (every
//! double caught), lost = 0.
//!
//! The table: `cargo test --test fault_matrix -- --nocapture`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use rust_decimal::Decimal;
use tokio::time::timeout;

use kash_pos::journal::{Hold, Journal, Outcome, Sender, SenderConfig, State, deliver_with};
use kash_pos::kash::order::{ItemsListEntry, Order, Payment};
use kash_pos::kash::{ApiKey, KashClient};
use kash_pos::sim::{Faults, Simulator, Variant};

const CLIENT_TIMEOUT: Duration = Duration::from_millis(120);
const CONFIG: SenderConfig = SenderConfig {
    initial_backoff: Duration::from_millis(2),
    max_backoff: Duration::from_millis(40),
    // Twice the client's timeout at least; the slow recordings (250 ms) land well inside it.
    settle_window: Duration::from_millis(500),
    lookup_interval: Duration::from_millis(25),
    double_watch: Duration::from_secs(4),
    // Small, so a clock that is off must be read from the Date header to find anything.
    lookup_margin: Duration::from_secs(60),
    held_horizon: Duration::from_secs(3600),
};
/// A recording that lands after the client gave up, inside the settle window.
const SLOW: Duration = Duration::from_millis(250);
/// A server that works longer than the settle window: the sale is resent, the double must be
/// caught.
const BEYOND_WINDOW: Duration = Duration::from_millis(1200);

fn sale(n: u64, payment: Payment) -> Order {
    let mut o = Order::new(payment);
    o.lines
        .push(ItemsListEntry::item(1 + n % 8, Decimal::from(1 + n % 3)));
    o.private_comment = Some(format!("sale {n}"));
    o
}

fn reference_in(comment: &str) -> Option<String> {
    let start = comment.find("[kash-pos KP-")? + "[kash-pos ".len();
    let rest = &comment[start..];
    Some(rest[..rest.find(']')?].to_string())
}

/// The orders the server holds for each reference (the back office).
fn on_server(sim: &Simulator) -> HashMap<String, Vec<u64>> {
    let mut map: HashMap<String, Vec<u64>> = HashMap::new();
    for o in sim.orders() {
        if let Some(r) = reference_in(&o.private_comment) {
            map.entry(r).or_default().push(o.id);
        }
    }
    map
}

/// A second host the 307 redirects point to; counts the connections it gets.
async fn second_host() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("a second port");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            seen.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (url, count)
}

/// Waits for `done`, checking every few milliseconds, at most `limit`.
async fn until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    done()
}

#[derive(Debug, Default)]
struct Table {
    name: &'static str,
    seconds: f32,
    sales: usize,
    requests: u32,
    faults: BTreeMap<&'static str, usize>,
    lookups: u32,
    found_by_lookup: usize,
    resends: u32,
    held: usize,
    held_blind: usize,
    candidates: usize,
    candidates_right: usize,
    refused: usize,
    cashier_resends: usize,
    doubles_caught: usize,
    doubles_left: usize,
    lost: usize,
    second_host_contacts: usize,
}

async fn run(name: &'static str, variant: Variant, sales: u64, seed: u64) -> Table {
    let started = Instant::now();
    let sim = Simulator::demo();
    let h = sim
        .spawn(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("bind a loopback port");
    let (other, contacts) = second_host().await;
    let client = KashClient::new(&h.base_url(), "demo", ApiKey::new("demo"), CLIENT_TIMEOUT)
        .expect("a loopback URL");
    let dir = tempfile::tempdir().expect("temp dir");
    let journal = Journal::open(&dir.path().join("journal.sqlite3")).expect("journal");
    let (handle, mut rx) = Sender::spawn_with(journal.clone(), client.clone(), CONFIG);
    let mut rng = StdRng::seed_from_u64(seed);
    let clean = Faults {
        variant: variant.clone(),
        ..Faults::default()
    };
    let base = Faults {
        error_rate: 0.03,
        html_rate: 0.02,
        garbage_rate: 0.02,
        drop_rate: 0.03,
        slow_record_rate: 0.03,
        record_delay: SLOW,
        status_after_record_rate: 0.03,
        redirect_after_record_rate: 0.03,
        redirect_to: Some(other),
        ..clean.clone()
    };
    sim.set_faults(base.clone());

    // Sales come in bursts while the sender works; the faults change between events.
    let mut recorded = 0;
    while recorded < sales || journal.counts().expect("counts").waiting() > 0 {
        if recorded < sales {
            let burst = rng.random_range(1..=25).min(sales - recorded);
            for _ in 0..burst {
                let payment = match rng.random_range(0..10) {
                    0 => Payment::Open,
                    1 => Payment::Validated,
                    _ => Payment::Mode(if rng.random_bool(0.5) { 1 } else { 3 }),
                };
                journal
                    .record_order(sale(recorded, payment))
                    .expect("record");
                recorded += 1;
            }
            handle.notify();
        }
        let Ok(Some(_)) = timeout(Duration::from_secs(10), rx.recv()).await else {
            panic!("{name}: the sender went quiet");
        };
        let roll = rng.random_range(0..1000);
        let mut f = if roll < 100 {
            clean.clone()
        } else {
            base.clone()
        };
        if roll >= 990 {
            f.slow_record_rate = 0.5;
            f.record_delay = BEYOND_WINDOW;
        }
        f.seed = rng.random();
        sim.set_faults(f);
    }
    // The server calms down; the late recordings land; the watch catches the doubles. The
    // bounds are generous: the whole test suite shares two cores on CI.
    sim.set_faults(clean.clone());
    assert!(
        until(Duration::from_secs(30), || sim.recordings_in_flight() == 0).await,
        "{name}: recordings still in flight"
    );
    let caught_all = until(Duration::from_secs(30), || {
        on_server(&sim)
            .iter()
            .filter(|(_, ids)| ids.len() > 1)
            .all(|(reference, _)| {
                journal
                    .entry_by_reference(reference)
                    .expect("entry")
                    .is_some_and(|e| journal.second_order(e.seq).expect("second").is_some())
            })
    })
    .await;
    handle.shutdown().await;

    let mut t = Table {
        name,
        sales: usize::try_from(sales).expect("a count"),
        faults: sim.fault_counts(),
        ..Table::default()
    };
    let before_cashier = journal.all().expect("all");
    t.resends = before_cashier
        .iter()
        .map(|e| e.attempts.saturating_sub(1))
        .sum();
    t.found_by_lookup = before_cashier
        .iter()
        .filter(|e| {
            journal.settling(e.seq).expect("settling").confirmed_by
                == Some(kash_pos::journal::ConfirmedBy::Lookup)
        })
        .count();

    // The cashier settles what waits, from the back office.
    let truth = on_server(&sim);
    for (e, s) in journal.held().expect("held") {
        t.held += 1;
        if s.hold == Some(Hold::Blind) {
            t.held_blind += 1;
        }
        let ids = truth.get(&e.reference);
        if let Some(candidate) = s.candidate_order_id {
            t.candidates += 1;
            if ids.is_some_and(|ids| ids.contains(&candidate)) {
                t.candidates_right += 1;
            }
        }
        if let Some(ids) = ids {
            journal.resolve_as_recorded(e.seq, ids[0]).expect("resolve");
        } else {
            journal.requeue(e.seq).expect("requeue");
            t.cashier_resends += 1;
        }
    }
    for e in journal.needing_attention().expect("attention") {
        if e.state == State::Refused {
            // A refusal says that request was not recorded; an earlier one may have been.
            // The cashier checks the back office, then sends it again if it is not there.
            t.refused += 1;
            if let Some(ids) = truth.get(&e.reference) {
                journal.resolve_as_recorded(e.seq, ids[0]).expect("resolve");
            } else {
                journal.requeue(e.seq).expect("requeue");
                t.cashier_resends += 1;
            }
        }
    }
    for e in journal.all().expect("all") {
        if e.state == State::Queued {
            let mut last = None;
            for _ in 0..20 {
                let o = deliver_with(&journal, &client, &CONFIG, e.seq).await;
                if matches!(o, Outcome::Confirmed(_)) {
                    last = Some(o);
                    break;
                }
                last = Some(o);
            }
            assert!(
                matches!(last, Some(Outcome::Confirmed(_))),
                "{name}: the cashier's resend of {} failed: {last:?}",
                e.reference
            );
        }
    }

    let all = journal.all().expect("all");
    let truth = on_server(&sim);
    t.requests = all.iter().map(|e| e.attempts).sum();
    t.lookups = all.iter().map(|e| e.lookups).sum();
    t.doubles_caught = journal.doubles().expect("doubles").len();
    for e in &all {
        let ids = truth.get(&e.reference);
        match ids {
            None => t.lost += 1,
            Some(ids) if ids.len() > 1 => {
                if journal.second_order(e.seq).expect("second").is_none() {
                    t.doubles_left += 1;
                    eprintln!(
                        "{name}: double left: {e:?} {:?} on the server as {ids:?}",
                        journal.settling(e.seq).expect("settling")
                    );
                }
            }
            Some(_) => {}
        }
        assert_eq!(e.state, State::Confirmed, "{name}: {e:?}");
        assert!(
            ids.is_some_and(|ids| e.order_id.is_some_and(|id| ids.contains(&id))),
            "{name}: {} confirmed as {:?}, on the server as {ids:?}",
            e.reference,
            e.order_id
        );
    }
    assert_eq!(
        truth.len(),
        all.len(),
        "{name}: every order on the server is a sale of the journal"
    );
    t.second_host_contacts = contacts.load(Ordering::SeqCst);
    t.seconds = started.elapsed().as_secs_f32();
    assert!(caught_all, "{name}: a double was not caught: {t:?}");
    h.shutdown().await;
    t
}

fn print(tables: &[Table]) -> String {
    let mut kinds: Vec<&'static str> = Vec::new();
    for t in tables {
        for k in t.faults.keys() {
            if !kinds.contains(k) {
                kinds.push(k);
            }
        }
    }
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut row = |label: &str, f: &dyn Fn(&Table) -> String| {
        rows.push((label.to_string(), tables.iter().map(f).collect()));
    };
    row("sales", &|t| t.sales.to_string());
    row("requests (webapp.php)", &|t| t.requests.to_string());
    for k in &kinds {
        let k = *k;
        row(&format!("fault: {k}"), &move |t| {
            t.faults.get(k).copied().unwrap_or(0).to_string()
        });
    }
    row("look-ups", &|t| t.lookups.to_string());
    row("found by a look-up", &|t| t.found_by_lookup.to_string());
    row("resends by the sender", &|t| t.resends.to_string());
    row("held for the cashier", &|t| t.held.to_string());
    row("  of which blind", &|t| t.held_blind.to_string());
    row("  probable order offered", &|t| t.candidates.to_string());
    row("  probable order right", &|t| {
        t.candidates_right.to_string()
    });
    row("refused (clear no)", &|t| t.refused.to_string());
    row("resends by the cashier", &|t| t.cashier_resends.to_string());
    row("doubles caught", &|t| t.doubles_caught.to_string());
    row("doubles left", &|t| t.doubles_left.to_string());
    row("lost", &|t| t.lost.to_string());
    row("second host contacted", &|t| {
        t.second_host_contacts.to_string()
    });
    row("seconds", &|t| format!("{:.1}", t.seconds));
    let mut out = String::new();
    let _ = write!(out, "{:<28}", "");
    for t in tables {
        let _ = write!(out, "{:>14}", t.name);
    }
    out.push('\n');
    for (label, cells) in rows {
        let _ = write!(out, "{label:<28}");
        for c in cells {
            let _ = write!(out, "{c:>14}");
        }
        out.push('\n');
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_sale_once_under_every_fault_and_variant() {
    const SEED: u64 = 20_261_201;
    let runs: Vec<(&'static str, Variant, u64)> = vec![
        ("default", Variant::default(), 1000),
        (
            "no-comment",
            Variant {
                no_private_comment: true,
                ..Variant::default()
            },
            200,
        ),
        (
            "lines-as-str",
            Variant {
                lines_as_strings: true,
                ..Variant::default()
            },
            200,
        ),
        (
            "no-getOrders",
            Variant {
                no_get_orders: true,
                ..Variant::default()
            },
            200,
        ),
        (
            "no-dates",
            Variant {
                no_dates: true,
                ..Variant::default()
            },
            200,
        ),
        (
            "clock+20min",
            Variant {
                clock_offset_secs: 20 * 60,
                ..Variant::default()
            },
            200,
        ),
        (
            "orders-cap-20",
            Variant {
                orders_cap: Some(20),
                ..Variant::default()
            },
            200,
        ),
    ];
    let mut tables = Vec::new();
    let only = std::env::var("MATRIX_ONLY").ok();
    for (i, (name, variant, sales)) in runs.into_iter().enumerate() {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let t = timeout(
            Duration::from_secs(120),
            run(name, variant, sales, SEED + i as u64),
        )
        .await
        .expect("within 120 s");
        tables.push(t);
    }
    println!(
        "fault matrix (seed {SEED}, client timeout {} ms, settle window {} ms):\n{}",
        CLIENT_TIMEOUT.as_millis(),
        CONFIG.settle_window.as_millis(),
        print(&tables)
    );
    for t in &tables {
        assert_eq!((t.doubles_left, t.lost), (0, 0), "{}", t.name);
        assert_eq!(
            t.second_host_contacts, 0,
            "{}: the key went elsewhere",
            t.name
        );
        let served: usize = t.faults.values().sum();
        assert!(served > 0, "{}: faults were injected", t.name);
    }
    if only.is_some() {
        return;
    }
    let default = &tables[0];
    for kind in [
        "http-500",
        "html",
        "garbage",
        "dropped",
        "slow-record",
        "429-after-record",
        "500-after-record",
        "302-after-record",
        "307-after-record",
    ] {
        assert!(
            default.faults.get(kind).copied().unwrap_or(0) > 0,
            "default run met no {kind}"
        );
    }
    assert!(default.found_by_lookup > 0, "look-ups found recorded sales");
    // Blind listings never lead the sender to resend: the cashier decides.
    assert_eq!(tables[1].resends, 0, "{:?}", tables[1]);
}
