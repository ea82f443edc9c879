//! Exactly-once delivery of the journal against the simulator over real HTTP on loopback:
//! server down then back, a server that records and then times out, unreadable bodies, crashes
//! at every point of a delivery, the settle window (also across a restart), blind and sighted
//! look-ups, a clock that is off, doubles caught, redirects, quarantined rows.
//!
//! The fault matrix (1000 sales under every fault, and the server variants) is in
//! `tests/fault_matrix.rs`.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use rust_decimal::Decimal;
use time::OffsetDateTime;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::timeout;

use kash_pos::journal::delivery::GARBLED_LOOKUPS_BEFORE_CASHIER;
use kash_pos::journal::{
    Clock, Entry, Hold, Journal, Outcome, Request, Sender, SenderConfig, SenderEvent, Sight, State,
    deliver_with,
};
use kash_pos::kash::order::{ItemsListEntry, Order, Payment};
use kash_pos::kash::{ApiKey, KashClient, KashError};
use kash_pos::sim::{Faults, SimHandle, SimOrder, Simulator, Variant};

/// Short, so a request that meets a slow server times out quickly.
const CLIENT_TIMEOUT: Duration = Duration::from_millis(300);
/// The settle window of these tests: twice the client's timeout (the least the sender uses).
const WINDOW: Duration = Duration::from_millis(600);
const FAST: SenderConfig = SenderConfig {
    initial_backoff: Duration::from_millis(2),
    max_backoff: Duration::from_millis(40),
    settle_window: WINDOW,
    lookup_interval: Duration::from_millis(20),
    double_watch: Duration::from_secs(5),
    lookup_margin: Duration::from_secs(24 * 3600),
    held_horizon: Duration::from_secs(24 * 3600),
};

/// A journal clock the test moves forward by hand, on top of the real one: a settle window
/// passes without waiting for it.
#[derive(Clone, Default)]
struct TestClock(Arc<AtomicI64>);

impl TestClock {
    fn clock(&self) -> Clock {
        let ahead = Arc::clone(&self.0);
        Arc::new(move || {
            OffsetDateTime::now_utc() + time::Duration::milliseconds(ahead.load(Ordering::SeqCst))
        })
    }

    fn advance(&self, by: Duration) {
        let ms = i64::try_from(by.as_millis()).expect("a short advance");
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], port))
}

async fn start() -> (Simulator, SimHandle) {
    let sim = Simulator::demo();
    let h = sim.spawn(loopback(0)).await.expect("bind a loopback port");
    (sim, h)
}

fn client_to(base_url: &str, timeout: Duration) -> KashClient {
    KashClient::new(base_url, "demo", ApiKey::new("demo"), timeout).expect("a loopback URL")
}

fn sale(n: u64) -> Order {
    let mut o = Order::new(Payment::Mode(1));
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

/// How many times each reference was recorded by the simulator.
fn recorded(sim: &Simulator) -> HashMap<String, Vec<u64>> {
    let mut map: HashMap<String, Vec<u64>> = HashMap::new();
    for o in sim.orders() {
        if let Some(r) = reference_in(&o.private_comment) {
            map.entry(r).or_default().push(o.id);
        }
    }
    map
}

fn assert_once(sim: &Simulator, entry: &Entry) -> SimOrder {
    let found: Vec<SimOrder> = sim
        .orders()
        .into_iter()
        .filter(|o| reference_in(&o.private_comment).as_deref() == Some(entry.reference.as_str()))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{} recorded {} times",
        entry.reference,
        found.len()
    );
    found.into_iter().next().expect("one order")
}

async fn deliver(j: &Journal, c: &KashClient, seq: i64) -> Outcome {
    deliver_with(j, c, &FAST, seq).await
}

/// A sale recorded and confirmed: the control the look-ups check they can see.
async fn control_sale(j: &Journal, c: &KashClient) -> Entry {
    let e = j.record_order(sale(900)).expect("record");
    let o = deliver(j, c, e.seq).await;
    assert!(matches!(o, Outcome::Confirmed(_)), "{o:?}");
    e
}

/// Reads sender events until `done` says so, or the time is up.
async fn events_until(
    rx: &mut UnboundedReceiver<SenderEvent>,
    limit: Duration,
    mut done: impl FnMut(&SenderEvent) -> bool,
) -> Vec<SenderEvent> {
    let mut seen = Vec::new();
    let r = timeout(limit, async {
        while let Some(ev) = rx.recv().await {
            let stop = done(&ev);
            seen.push(ev);
            if stop {
                return;
            }
        }
    })
    .await;
    assert!(
        r.is_ok(),
        "timed out; last events: {:?}",
        seen.iter().rev().take(3).collect::<Vec<_>>()
    );
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_down_for_twenty_sales_then_back() {
    timeout(Duration::from_secs(20), async {
        // A port nobody listens on: bound, then released.
        let port = std::net::TcpListener::bind(loopback(0))
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let client = client_to(&format!("http://127.0.0.1:{port}"), CLIENT_TIMEOUT);
        let journal = Journal::open_in_memory().expect("journal");
        let (handle, mut rx) = Sender::spawn_with(journal.clone(), client, FAST);

        let mut entries = Vec::new();
        for n in 0..20 {
            entries.push(journal.record_order(sale(n)).expect("record"));
            handle.notify();
        }
        // The cashier keeps selling; the sender reports the server down and the queue length.
        let offline = events_until(&mut rx, Duration::from_secs(5), |ev| {
            matches!(ev.outcome, Outcome::Offline(KashError::Unreachable { .. }))
                && ev.waiting == 20
        })
        .await;
        assert!(
            offline.iter().all(|e| e.seq == entries[0].seq),
            "strictly in order"
        );
        // All twenty wait (the first may be on its way again right now).
        let counts = journal.counts().expect("counts");
        assert_eq!((counts.waiting(), counts.uncertain), (20, 0));

        let sim = Simulator::demo();
        let h = sim.spawn(loopback(port)).await.expect("the released port");
        events_until(&mut rx, Duration::from_secs(10), |ev| ev.waiting == 0).await;
        handle.shutdown().await;

        let orders = sim.orders();
        assert_eq!(orders.len(), 20);
        for (o, e) in orders.iter().zip(&entries) {
            // Each once, in the order of the sales.
            assert_eq!(
                reference_in(&o.private_comment).as_deref(),
                Some(e.reference.as_str())
            );
            let done = journal.entry(e.seq).expect("entry");
            assert_eq!(done.state, State::Confirmed);
            assert_eq!(done.order_id, Some(o.id));
        }
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recorded_then_timed_out_is_found_not_resent() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let journal = Journal::open_in_memory().expect("journal");
        sim.set_faults(Faults {
            delay_after_record: Duration::from_millis(800),
            ..Faults::default()
        });
        // An open order stays in getPending; a paid one is only in getOrders.
        let mut open = sale(1);
        open.payment = Payment::Open;
        let a = journal.record_order(open).expect("record");
        let b = journal.record_order(sale(2)).expect("record");
        for e in [&a, &b] {
            let o = deliver(&journal, &client, e.seq).await;
            assert!(
                matches!(
                    o,
                    Outcome::Uncertain(KashError::Timeout {
                        may_have_reached: true,
                        ..
                    })
                ),
                "{o:?}"
            );
        }
        assert_eq!(sim.orders().len(), 2, "the server has both");
        sim.set_faults(Faults::default());
        for e in [&a, &b] {
            let o = deliver(&journal, &client, e.seq).await;
            let Outcome::Confirmed(receipt) = o else {
                panic!("{o:?}")
            };
            let on_server = assert_once(&sim, e);
            assert_eq!(receipt.order_id, on_server.id);
            let done = journal.entry(e.seq).expect("entry");
            assert_eq!((done.attempts, done.lookups), (1, 1), "found, not resent");
        }
        assert_eq!(sim.orders().len(), 2);
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_and_garbage_are_clear_errors_and_nothing_is_lost() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let clock = TestClock::default();
        let journal = Journal::open_in_memory_with_clock(clock.clock()).expect("journal");
        control_sale(&journal, &client).await;
        let e = journal.record_order(sale(7)).expect("record");

        sim.set_faults(Faults {
            html_rate: 1.0,
            ..Faults::default()
        });
        let o = deliver(&journal, &client, e.seq).await;
        let Outcome::Uncertain(err) = &o else {
            panic!("{o:?}")
        };
        assert!(matches!(err, KashError::NotJson { .. }), "{err:?}");
        assert!(
            err.cashier_message().contains("Maintenance"),
            "{}",
            err.cashier_message()
        );
        // The look-ups meet the same page: still uncertain, never resent blindly.
        let o = deliver(&journal, &client, e.seq).await;
        assert!(matches!(o, Outcome::Uncertain(_)), "{o:?}");

        sim.set_faults(Faults {
            garbage_rate: 1.0,
            ..Faults::default()
        });
        let o = deliver(&journal, &client, e.seq).await;
        let Outcome::Uncertain(err) = &o else {
            panic!("{o:?}")
        };
        assert!(err.to_string().contains("not JSON"), "{err}");
        let now = journal.entry(e.seq).expect("entry");
        assert_eq!(
            (now.state, now.attempts, now.garbled_lookups),
            (State::Uncertain, 1, 2)
        );

        // The server answers again and the order is not there. One look-up settles nothing.
        sim.set_faults(Faults::default());
        let o = deliver(&journal, &client, e.seq).await;
        assert_eq!(
            o,
            Outcome::Settling {
                lookups: 1,
                sighted: true
            }
        );
        // The window started again at the last look-up that did not answer: half of it
        // passes, still settling.
        clock.advance(WINDOW / 2);
        let o = deliver(&journal, &client, e.seq).await;
        assert!(matches!(o, Outcome::Settling { lookups: 2, .. }), "{o:?}");
        assert_eq!(journal.entry(e.seq).expect("entry").attempts, 1);
        // The whole window has passed, every look-up in it answered and saw: sent again.
        clock.advance(WINDOW);
        let o = deliver(&journal, &client, e.seq).await;
        assert!(matches!(o, Outcome::Confirmed(_)), "{o:?}");
        let done = journal.entry(e.seq).expect("entry");
        assert_eq!((done.attempts, done.lookups), (2, 5));
        assert_once(&sim, &done);
        assert_eq!(sim.orders().len(), 2);
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_lookups_go_to_the_cashier() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let journal = Journal::open_in_memory().expect("journal");
        let e = journal.record_order(sale(3)).expect("record");
        // Recorded, and the answer breaks off: then every look-up answers garbage.
        sim.set_faults(Faults {
            drop_rate: 1.0,
            ..Faults::default()
        });
        let o = deliver(&journal, &client, e.seq).await;
        assert!(
            matches!(o, Outcome::Uncertain(KashError::ConnectionLost { .. })),
            "{o:?}"
        );
        sim.set_faults(Faults {
            garbage_rate: 1.0,
            ..Faults::default()
        });
        let mut last = None;
        for _ in 0..GARBLED_LOOKUPS_BEFORE_CASHIER {
            last = Some(deliver(&journal, &client, e.seq).await);
        }
        let Some(Outcome::NeedsCashier(why)) = last else {
            panic!("{last:?}")
        };
        assert!(
            why.contains(&e.reference) && why.contains("back office"),
            "{why}"
        );
        // Waiting for the cashier: no automatic attempt, no request.
        sim.set_faults(Faults::default());
        assert!(matches!(
            deliver(&journal, &client, e.seq).await,
            Outcome::NeedsCashier(_)
        ));
        assert!(journal.next_to_send().expect("next").is_none());
        // The cashier finds it in the back office.
        let on_server = assert_once(&sim, &e);
        journal
            .resolve_as_recorded(e.seq, on_server.id)
            .expect("resolve");
        let done = journal.entry(e.seq).expect("entry");
        assert_eq!(
            (done.state, done.order_id, done.attempts),
            (State::Confirmed, Some(on_server.id), 1)
        );
        assert_eq!(sim.orders().len(), 1);
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_are_not_resent() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let journal = Journal::open_in_memory().expect("journal");
        let mut bad = sale(1);
        bad.lines = vec![ItemsListEntry::item(999_999, Decimal::ONE)];
        let e = journal.record_order(bad).expect("record");
        let o = deliver(&journal, &client, e.seq).await;
        assert!(matches!(o, Outcome::Refused(_)), "{o:?}");
        assert!(matches!(
            deliver(&journal, &client, e.seq).await,
            Outcome::Refused(_)
        ));
        assert_eq!(journal.entry(e.seq).expect("entry").attempts, 1);
        assert!(sim.orders().is_empty());
        // Bad credentials are refused the same way.
        let wrong = KashClient::new(&h.base_url(), "demo", ApiKey::new("nope"), CLIENT_TIMEOUT)
            .expect("client");
        let e2 = journal.record_order(sale(2)).expect("record");
        assert!(matches!(
            deliver(&journal, &wrong, e2.seq).await,
            Outcome::Refused(_)
        ));
        assert_eq!(journal.counts().expect("counts").refused, 2);
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

/// The journal is dropped (as a kill would leave it) and reopened at each point of a delivery.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_at_every_point_records_each_sale_once() {
    timeout(Duration::from_secs(30), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("journal.sqlite3");
        let reopen = |p: &Path| Journal::open(p).expect("reopen");

        // 1. Before the journal write: only the basket in progress exists; it is restored.
        {
            let j = reopen(&path);
            j.save_basket(&serde_json::to_string(&sale(1)).expect("json"))
                .expect("basket");
        }
        let j = reopen(&path);
        let basket: Order =
            serde_json::from_str(&j.load_basket().expect("load").expect("restored"))
                .expect("an order");
        assert_eq!(basket, sale(1));
        let e1 = j.record_order(basket).expect("record");
        j.clear_basket().expect("clear");
        drop(j);

        // 2. After the write, before sending.
        let e2 = reopen(&path).record_order(sale(2)).expect("record");

        // 3. Marked Sending; the request never left.
        let e3 = {
            let j = reopen(&path);
            let e = j.record_order(sale(3)).expect("record");
            j.mark_sending(e.seq).expect("sending");
            e
        };

        // 4. Marked Sending and the request reached the server; no answer read.
        let e4 = {
            let j = reopen(&path);
            let e = j.record_order(sale(4)).expect("record");
            j.mark_sending(e.seq).expect("sending");
            sim.set_faults(Faults {
                delay_after_record: Duration::from_secs(5),
                ..Faults::default()
            });
            let Request::NewOrder(o) = e.request.clone() else {
                panic!("an order")
            };
            let before = sim.orders().len();
            // Boxed so that dropping it is the crash: the answer is never read.
            let mut in_flight = Box::pin(client.submit_order(&o));
            // Crash as soon as the server has recorded it.
            timeout(Duration::from_secs(5), async {
                loop {
                    tokio::select! {
                        _ = &mut in_flight => panic!("the answer should be held back"),
                        () = tokio::time::sleep(Duration::from_millis(5)) => {
                            if sim.orders().len() > before { break; }
                        }
                    }
                }
            })
            .await
            .expect("recorded");
            drop(in_flight);
            sim.set_faults(Faults::default());
            e
        };

        // 5. The answer was read, the crash came before mark_confirmed.
        let (e5, id5) = {
            let j = reopen(&path);
            let e = j.record_order(sale(5)).expect("record");
            j.mark_sending(e.seq).expect("sending");
            let Request::NewOrder(o) = &e.request else {
                panic!("an order")
            };
            let receipt = client.submit_order(o).await.expect("recorded");
            (e, receipt.order_id)
        };

        // Restart: interrupted sends are uncertain; the queue resumes in order.
        let j = reopen(&path);
        let states: Vec<State> = j
            .unfinished()
            .expect("unfinished")
            .iter()
            .map(|e| e.state)
            .collect();
        assert_eq!(
            states,
            [
                State::Queued,
                State::Queued,
                State::Uncertain,
                State::Uncertain,
                State::Uncertain
            ]
        );
        let (handle, mut rx) = Sender::spawn_with(j.clone(), client.clone(), FAST);
        events_until(&mut rx, Duration::from_secs(10), |ev| ev.waiting == 0).await;
        handle.shutdown().await;

        for e in [&e1, &e2, &e3, &e4, &e5] {
            let done = j.entry(e.seq).expect("entry");
            assert_eq!(done.state, State::Confirmed, "{done:?}");
            let on_server = assert_once(&sim, e);
            assert_eq!(done.order_id, Some(on_server.id));
        }
        assert_eq!(j.entry(e5.seq).expect("entry").order_id, Some(id5));
        assert_eq!(
            j.entry(e4.seq).expect("entry").attempts,
            1,
            "found, not resent"
        );
        assert_eq!(sim.orders().len(), 5);
        h.shutdown().await;
    })
    .await
    .expect("within 30 s");
}

/// The simulator with one set of faults and a server variant.
fn faults(variant: &Variant, f: Faults) -> Faults {
    Faults {
        variant: variant.clone(),
        ..f
    }
}

/// A recording that lands after the client gave up (longer than its timeout, shorter than
/// the settle window).
fn slow(variant: &Variant, delay: Duration) -> Faults {
    faults(
        variant,
        Faults {
            slow_record_rate: 1.0,
            record_delay: delay,
            ..Faults::default()
        },
    )
}

/// Runs a sender until `done` says the entry is where it should be; returns the events.
async fn sender_until(
    journal: &Journal,
    client: &KashClient,
    config: SenderConfig,
    seq: i64,
    mut done: impl FnMut(&Outcome) -> bool,
) -> (Vec<SenderEvent>, Sight) {
    let (handle, mut rx) = Sender::spawn_with(journal.clone(), client.clone(), config);
    handle.notify();
    let events = events_until(&mut rx, Duration::from_secs(10), |ev| {
        ev.seq == seq && done(&ev.outcome)
    })
    .await;
    let sight = handle.sight();
    handle.shutdown().await;
    (events, sight)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blind_lookup_and_slow_recording_leave_one_order_and_a_decision() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let journal = Journal::open_in_memory().expect("journal");
        control_sale(&journal, &client).await;
        let blind = Variant {
            no_private_comment: true,
            ..Variant::default()
        };
        // Recorded 500 ms after the request: the client (300 ms) gave up long before.
        sim.set_faults(slow(&blind, Duration::from_millis(500)));
        let e = journal.record_order(sale(5)).expect("record");
        let (events, sight) = sender_until(&journal, &client, FAST, e.seq, |o| {
            matches!(o, Outcome::NeedsCashier(_))
        })
        .await;
        let on_server = assert_once(&sim, &e);
        assert_eq!(
            sim.orders().len(),
            2,
            "one order for the sale, never resent"
        );
        let done = journal.entry(e.seq).expect("entry");
        assert_eq!((done.state, done.attempts), (State::NeedsCashier, 1));
        let settling = journal.settling(e.seq).expect("settling");
        assert_eq!(settling.hold, Some(Hold::Blind));
        assert_eq!(settling.candidate_order_id, Some(on_server.id));
        let Some(Outcome::NeedsCashier(why)) = events.last().map(|ev| ev.outcome.clone()) else {
            panic!("{events:?}")
        };
        assert!(
            why.contains(&format!("Probably order {}", on_server.id))
                && why.contains("confirm it, or send again"),
            "{why}"
        );
        assert!(matches!(sight, Sight::Blind { .. }), "{sight:?}");
        assert!(
            events
                .iter()
                .any(|ev| matches!(ev.outcome, Outcome::Sight(Sight::Blind { .. }))),
            "the sender says it is blind"
        );
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blind_without_any_control_is_never_resent() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let journal = Journal::open_in_memory().expect("journal");
        // The first sale of the till: its answer is an HTML page, nothing is recorded, and no
        // confirmed sale exists yet to check the look-up against.
        sim.set_faults(Faults {
            html_rate: 1.0,
            ..Faults::default()
        });
        let e = journal.record_order(sale(1)).expect("record");
        let o = deliver(&journal, &client, e.seq).await;
        assert!(matches!(o, Outcome::Uncertain(_)), "{o:?}");
        sim.set_faults(Faults::default());
        let (_, sight) = sender_until(&journal, &client, FAST, e.seq, |o| {
            matches!(o, Outcome::NeedsCashier(_))
        })
        .await;
        assert!(sim.orders().is_empty(), "not sent again by itself");
        assert_eq!(journal.entry(e.seq).expect("entry").attempts, 1);
        let Sight::Blind { why } = sight else {
            panic!("{sight:?}")
        };
        assert_eq!(why, kash_pos::journal::Blindness::NoControl, "{why}");
        assert!(why.to_string().contains("no sale confirmed yet"), "{why}");
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighted_lookup_confirms_a_slow_recording_without_the_cashier() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let journal = Journal::open_in_memory().expect("journal");
        let control = control_sale(&journal, &client).await;
        sim.set_faults(slow(&Variant::default(), Duration::from_millis(500)));
        let e = journal.record_order(sale(6)).expect("record");
        let (events, sight) = sender_until(&journal, &client, FAST, e.seq, |o| {
            matches!(o, Outcome::Confirmed(_))
        })
        .await;
        let on_server = assert_once(&sim, &e);
        let done = journal.entry(e.seq).expect("entry");
        assert_eq!((done.order_id, done.attempts), (Some(on_server.id), 1));
        assert!(
            done.lookups >= 2,
            "looked up more than once: {}",
            done.lookups
        );
        assert_eq!(sim.orders().len(), 2);
        assert_eq!(
            sight,
            Sight::Sighted {
                control: control.reference.clone()
            }
        );
        assert!(
            events
                .iter()
                .any(|ev| matches!(ev.outcome, Outcome::Settling { sighted: true, .. })),
            "{events:?}"
        );
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_clock_twenty_minutes_ahead_still_finds_the_sale() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let journal = Journal::open_in_memory().expect("journal");
        let skewed = Variant {
            clock_offset_secs: 20 * 60,
            ..Variant::default()
        };
        sim.set_faults(faults(&skewed, Faults::default()));
        control_sale(&journal, &client).await;
        // A margin of one minute: the 20 minutes must come from the server's Date header.
        let config = SenderConfig {
            lookup_margin: Duration::from_secs(60),
            ..FAST
        };
        sim.set_faults(slow(&skewed, Duration::from_millis(500)));
        let e = journal.record_order(sale(7)).expect("record");
        let (_, sight) = sender_until(&journal, &client, config, e.seq, |o| {
            matches!(o, Outcome::Confirmed(_))
        })
        .await;
        let on_server = assert_once(&sim, &e);
        assert_eq!(journal.entry(e.seq).expect("entry").attempts, 1);
        assert_eq!(sim.orders().len(), 2);
        assert!(sight.is_sighted(), "{sight:?}");
        let skew = client.server_clock().expect("a Date header was read").skew;
        assert!(
            (skew - time::Duration::minutes(20)).abs() < time::Duration::seconds(5),
            "{skew}"
        );
        assert!(on_server.created > OffsetDateTime::now_utc() + time::Duration::minutes(19));
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

/// SIGTERM or kill -9 while the server is still working, then an immediate restart: the
/// window goes on where it was, the sale is found, never resent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_while_the_server_works_continues_the_window() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("journal.sqlite3");
        let e = {
            let j = Journal::open(&path).expect("journal");
            control_sale(&j, &client).await;
            sim.set_faults(slow(&Variant::default(), Duration::from_millis(500)));
            let e = j.record_order(sale(8)).expect("record");
            j.mark_sending(e.seq).expect("sending");
            let Request::NewOrder(o) = e.request.clone() else {
                panic!("an order")
            };
            // The process dies while the request is on the wire: the answer is never read.
            let sent = timeout(Duration::from_millis(100), client.submit_order(&o)).await;
            assert!(sent.is_err(), "the server is still working");
            e
        };
        let j = Journal::open(&path).expect("reopen");
        let first = j.settling(e.seq).expect("settling");
        assert_eq!(j.entry(e.seq).expect("entry").state, State::Uncertain);
        assert!(first.window_since.is_some());
        let (_, _) = sender_until(&j, &client, FAST, e.seq, |o| {
            matches!(o, Outcome::Confirmed(_))
        })
        .await;
        assert_once(&sim, &e);
        assert_eq!(
            j.entry(e.seq).expect("entry").attempts,
            1,
            "found, not resent"
        );
        assert_eq!(sim.orders().len(), 2);
        // One owner per journal: this till stops before the next one opens it.
        drop(j);

        // A window that has begun is not begun again by a restart.
        let clock = TestClock::default();
        let j = Journal::open_with_clock(&path, clock.clock()).expect("reopen");
        sim.set_faults(Faults {
            html_rate: 1.0,
            ..Faults::default()
        });
        let e2 = j.record_order(sale(9)).expect("record");
        assert!(matches!(
            deliver(&j, &client, e2.seq).await,
            Outcome::Uncertain(_)
        ));
        sim.set_faults(Faults::default());
        assert!(matches!(
            deliver(&j, &client, e2.seq).await,
            Outcome::Settling { lookups: 1, .. }
        ));
        let before = j.settling(e2.seq).expect("settling");
        drop(j);
        let j = Journal::open_with_clock(&path, clock.clock()).expect("reopen");
        assert_eq!(j.settling(e2.seq).expect("settling"), before);
        clock.advance(WINDOW);
        // The window had started before the restart: this look-up closes it.
        let o = deliver(&j, &client, e2.seq).await;
        assert!(matches!(o, Outcome::Confirmed(_)), "{o:?}");
        assert_eq!(j.entry(e2.seq).expect("entry").attempts, 2);
        assert_eq!(sim.orders().len(), 3);
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_is_caught_with_both_order_numbers() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let journal = Journal::open_in_memory().expect("journal");
        control_sale(&journal, &client).await;
        // A server that works longer than the settle window: the premise of the window is
        // broken, the sale is sent again, and the double must be caught.
        sim.set_faults(slow(&Variant::default(), Duration::from_millis(1800)));
        let e = journal.record_order(sale(4)).expect("record");
        let (handle, mut rx) = Sender::spawn_with(journal.clone(), client.clone(), FAST);
        handle.notify();
        timeout(Duration::from_secs(5), async {
            while sim.recordings_in_flight() == 0 {
                tokio::task::yield_now().await;
            }
        })
        .await
        .expect("the slow recording started");
        sim.set_faults(Faults::default());
        let events = events_until(&mut rx, Duration::from_secs(10), |ev| {
            matches!(ev.outcome, Outcome::Double(_))
        })
        .await;
        handle.shutdown().await;
        let Some(Outcome::Double(double)) = events.last().map(|ev| ev.outcome.clone()) else {
            panic!("{events:?}")
        };
        let ids: Vec<u64> = recorded(&sim).remove(&e.reference).expect("on the server");
        assert_eq!(ids.len(), 2, "recorded twice");
        let done = journal.entry(e.seq).expect("entry");
        assert_eq!(done.attempts, 2);
        assert_eq!(double.seq, e.seq);
        assert_eq!(Some(double.kept_order_id), done.order_id);
        assert!(ids.contains(&double.kept_order_id) && ids.contains(&double.second_order_id));
        assert_ne!(double.kept_order_id, double.second_order_id);
        assert_eq!(
            journal.second_order(e.seq).expect("second"),
            Some(double.second_order_id)
        );
        assert_eq!(journal.doubles().expect("doubles"), vec![double.clone()]);
        let mut csv = Vec::new();
        journal.export_csv(&mut csv).expect("export");
        let csv = String::from_utf8(csv).expect("utf-8");
        let line = csv
            .lines()
            .find(|l| l.contains(&e.reference))
            .expect("exported");
        assert!(
            line.contains("Confirmed/double") && line.contains(&double.second_order_id.to_string()),
            "{line}"
        );
        let mut json = Vec::new();
        journal.export_json(&mut json).expect("export");
        let json: serde_json::Value = serde_json::from_slice(&json).expect("json");
        let exported = json
            .as_array()
            .expect("a list")
            .iter()
            .find(|x| x["reference"] == e.reference.as_str())
            .expect("exported");
        assert_eq!(exported["double_order_id"], double.second_order_id);
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_and_statuses_after_recording_are_unknown_and_found() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let journal = Journal::open_in_memory().expect("journal");
        control_sale(&journal, &client).await;
        // A second host: a redirect that reached it would carry the form, key included.
        let other = std::net::TcpListener::bind(loopback(0)).expect("a second port");
        other.set_nonblocking(true).expect("non-blocking");
        let other_url = format!("http://{}", other.local_addr().expect("address"));
        let cases = [
            (
                "307",
                Faults {
                    redirect_after_record_rate: 1.0,
                    redirect_to: Some(other_url.clone()),
                    seed: 1,
                    ..Faults::default()
                },
            ),
            (
                "302",
                Faults {
                    redirect_after_record_rate: 1.0,
                    ..Faults::default()
                },
            ),
            (
                "429/500",
                Faults {
                    status_after_record_rate: 1.0,
                    ..Faults::default()
                },
            ),
        ];
        let mut statuses = Vec::new();
        for (n, (name, f)) in cases.into_iter().enumerate() {
            sim.set_faults(f);
            let e = journal.record_order(sale(20 + n as u64)).expect("record");
            let o = deliver(&journal, &client, e.seq).await;
            let Outcome::Uncertain(KashError::Http { status, .. }) = o else {
                panic!("{name}: {o:?}")
            };
            statuses.push(status);
            sim.set_faults(Faults::default());
            let o = deliver(&journal, &client, e.seq).await;
            assert!(matches!(o, Outcome::Confirmed(_)), "{name}: {o:?}");
            assert_once(&sim, &e);
            assert_eq!(journal.entry(e.seq).expect("entry").attempts, 1, "{name}");
        }
        assert!(statuses.contains(&302), "{statuses:?}");
        assert!(statuses.iter().all(|s| [302, 307, 429, 500].contains(s)));
        match other.accept() {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            other => panic!("the second host was contacted: {other:?}"),
        }
        assert_eq!(sim.orders().len(), 4);
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_row_is_quarantined_and_the_others_flow() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("journal.sqlite3");
        let entries: Vec<Entry> = {
            let j = Journal::open(&path).expect("journal");
            (0..3)
                .map(|n| j.record_order(sale(n)).expect("record"))
                .collect()
        };
        {
            // Damage the second row's request behind the journal's back.
            let db = rusqlite::Connection::open(&path).expect("sqlite");
            db.execute_batch("DROP TRIGGER entries_request_immutable")
                .expect("drop trigger");
            db.execute(
                "UPDATE entries SET request = '{\"lines\": [' WHERE seq = ?1",
                [entries[1].seq],
            )
            .expect("damage");
        }
        let j = Journal::open(&path).expect("reopen");
        let (handle, mut rx) = Sender::spawn_with(j.clone(), client.clone(), FAST);
        handle.notify();
        events_until(&mut rx, Duration::from_secs(10), |ev| {
            ev.waiting == 0 && ev.need_attention == 1
        })
        .await;
        handle.shutdown().await;
        for e in [&entries[0], &entries[2]] {
            assert_eq!(j.entry(e.seq).expect("entry").state, State::Confirmed);
            assert_once(&sim, e);
        }
        assert_eq!(sim.orders().len(), 2);
        let bad = j.unreadable().expect("unreadable");
        assert_eq!(bad.len(), 1);
        assert_eq!(
            (bad[0].seq, bad[0].state.as_str()),
            (entries[1].seq, "NeedsCashier")
        );
        assert_eq!(
            j.settling(entries[1].seq).expect("settling").hold,
            Some(Hold::Quarantined)
        );
        assert_eq!(j.counts().expect("counts").need_attention(), 1);
        let mut csv = Vec::new();
        j.export_csv(&mut csv).expect("export");
        let csv = String::from_utf8(csv).expect("utf-8");
        assert!(
            csv.contains(&format!("{},NeedsCashier/unreadable", entries[1].reference))
                || csv.contains("NeedsCashier/unreadable"),
            "{csv}"
        );
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

/// After a restart nothing waits unseen: the sender reports every entry that waits for the
/// cashier before anything else.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_waiting_for_the_cashier_are_reported_at_start() {
    timeout(Duration::from_secs(20), async {
        let (_sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let journal = Journal::open_in_memory().expect("journal");
        let held = journal.record_order(sale(1)).expect("record");
        journal.mark_sending(held.seq).expect("sending");
        journal
            .mark_uncertain(held.seq, "timeout")
            .expect("uncertain");
        journal
            .hold_for_cashier(held.seq, Hold::Blind, "probably order 9002", Some(9002))
            .expect("hold");
        let refused = journal.record_order(sale(2)).expect("record");
        journal.mark_sending(refused.seq).expect("sending");
        journal
            .mark_refused(refused.seq, "Unknown item")
            .expect("refused");
        let (handle, mut rx) = Sender::spawn_with(journal.clone(), client, FAST);
        let events = events_until(&mut rx, Duration::from_secs(5), |ev| {
            matches!(ev.outcome, Outcome::Refused(_))
        })
        .await;
        handle.shutdown().await;
        assert!(events.iter().any(|ev| ev.seq == held.seq
            && ev.outcome == Outcome::NeedsCashier("probably order 9002".to_string())));
        assert!(events.iter().any(|ev| ev.seq == refused.seq
            && ev.outcome == Outcome::Refused("Unknown item".to_string())
            && ev.need_attention == 2));
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

/// A journal written by the previous schema (version 1) opens, gains the settling columns,
/// and keeps its entries as they were.
#[test]
fn a_version_one_journal_is_upgraded_in_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.sqlite3");
    {
        let db = rusqlite::Connection::open(&path).expect("sqlite");
        db.execute_batch(
            "CREATE TABLE entries (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                reference TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('order', 'edit')),
                request TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN
                    ('Queued', 'Sending', 'Uncertain', 'Confirmed', 'Refused', 'NeedsCashier')),
                order_id INTEGER,
                receipt TEXT,
                attempts INTEGER NOT NULL DEFAULT 0,
                lookups INTEGER NOT NULL DEFAULT 0,
                garbled_lookups INTEGER NOT NULL DEFAULT 0,
                last_error TEXT
            );
            CREATE TABLE basket (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL,
                saved_at TEXT NOT NULL);
            CREATE TABLE cache (name TEXT PRIMARY KEY, json TEXT NOT NULL,
                saved_at TEXT NOT NULL);
            PRAGMA user_version = 1;",
        )
        .expect("a version-1 journal");
        let request = serde_json::to_string(&sale(1)).expect("json");
        db.execute(
            "INSERT INTO entries (reference, created_at, updated_at, kind, request, state,
             attempts) VALUES ('KP-AAAAAAAAAA', '2026-11-30T10:00:00.000Z',
             '2026-11-30T10:00:01.000Z', 'order', ?1, 'Uncertain', 1)",
            [request],
        )
        .expect("an uncertain entry");
    }
    let j = Journal::open(&path).expect("upgraded");
    let version: i64 = rusqlite::Connection::open(&path)
        .expect("sqlite")
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, kash_pos::journal::SCHEMA_VERSION);
    let e = j
        .entry_by_reference("KP-AAAAAAAAAA")
        .expect("read")
        .expect("kept");
    assert_eq!((e.state, e.attempts), (State::Uncertain, 1));
    let s = j.settling(e.seq).expect("settling");
    assert_eq!(
        (s.window_lookups, s.hold, s.double_order_id),
        (0, None, None)
    );
    // An uncertain entry from before the upgrade gets its window at its next look-up.
    assert!(s.window_since.is_none());
    let (since, n) = j.note_answered_lookup(e.seq, true).expect("look-up");
    assert_eq!(n, 1);
    assert_eq!(
        j.settling(e.seq).expect("settling").window_since,
        Some(since)
    );
}

/// A listing cut short (a page, a cap) that shows the latest control but not the sale to
/// settle: the sale confirmed just before it is not there either, so the look-up is not
/// trusted for it and the sale is never resent by itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_cut_short_is_not_trusted_for_the_sales_it_hides() {
    timeout(Duration::from_secs(20), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
        let clock = TestClock::default();
        let journal = Journal::open_in_memory_with_clock(clock.clock()).expect("journal");
        control_sale(&journal, &client).await;
        // Recorded after the client gave up.
        sim.set_faults(slow(&Variant::default(), Duration::from_millis(450)));
        let e = journal.record_order(sale(11)).expect("record");
        let o = deliver(&journal, &client, e.seq).await;
        assert!(matches!(o, Outcome::Uncertain(_)), "{o:?}");
        timeout(Duration::from_secs(5), async {
            while sim.recordings_in_flight() > 0 {
                tokio::task::yield_now().await;
            }
        })
        .await
        .expect("landed");
        // A later sale (the latest control) and an order from another terminal.
        sim.set_faults(Faults::default());
        control_sale(&journal, &client).await;
        sim.create_order(&sale(12)).expect("another terminal");
        // getOrders.php now sends the two most recent orders only.
        sim.set_variant(Variant {
            orders_cap: Some(2),
            ..Variant::default()
        });
        let mut last = None;
        for _ in 0..6 {
            clock.advance(WINDOW / 2);
            let o = deliver(&journal, &client, e.seq).await;
            if let Outcome::Settling { sighted, .. } = &o {
                assert!(!sighted, "{o:?}");
            }
            last = Some(o);
            if matches!(last, Some(Outcome::NeedsCashier(_))) {
                break;
            }
        }
        assert!(matches!(last, Some(Outcome::NeedsCashier(_))), "{last:?}");
        assert_eq!(journal.entry(e.seq).expect("entry").attempts, 1);
        assert_once(&sim, &e);
        assert_eq!(sim.orders().len(), 4, "never resent");
        h.shutdown().await;
    })
    .await
    .expect("within 20 s");
}

/// The idle sender checks whether its look-ups see as soon as a sale is confirmed, so the
/// cashier is told the look-up is blind before a sale's answer is ever lost, not after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_idle_sender_checks_its_sight_after_a_confirmed_sale() {
    timeout(Duration::from_secs(20), async {
        for (variant, want_sighted) in [
            (Variant::default(), true),
            (
                Variant {
                    no_private_comment: true,
                    ..Variant::default()
                },
                false,
            ),
        ] {
            let (sim, h) = start().await;
            sim.set_variant(variant);
            let client = client_to(&h.base_url(), CLIENT_TIMEOUT);
            let journal = Journal::open_in_memory().expect("journal");
            let e = journal.record_order(sale(1)).expect("record");
            let (handle, mut rx) = Sender::spawn_with(journal.clone(), client, FAST);
            handle.notify();
            // Confirmed by its answer: no look-up was needed for the sale itself.
            let events = events_until(&mut rx, Duration::from_secs(10), |ev| {
                matches!(ev.outcome, Outcome::Sight(_))
            })
            .await;
            assert!(
                events
                    .iter()
                    .any(|ev| ev.seq == e.seq && matches!(ev.outcome, Outcome::Confirmed(_))),
                "{events:?}"
            );
            let Some(Outcome::Sight(sight)) = events.last().map(|ev| ev.outcome.clone()) else {
                panic!("{events:?}")
            };
            assert_eq!(sight.is_sighted(), want_sighted, "{sight:?}");
            assert_eq!(handle.sight(), sight);
            handle.shutdown().await;
            h.shutdown().await;
        }
    })
    .await
    .expect("within 20 s");
}
