//! Exactly-once delivery of the journal against the simulator over real HTTP on loopback:
//! server down then back, a server that records and then times out, unreadable bodies, crashes
//! at every point of a delivery, and 1000 sales under seeded random faults.
//!
//! The fault matrix: `cargo test --test journal_delivery -- --nocapture random_faults`.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use rust_decimal::Decimal;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::timeout;

use kash_pos::journal::delivery::GARBLED_LOOKUPS_BEFORE_CASHIER;
use kash_pos::journal::{
    Entry, Journal, Outcome, Request, Sender, SenderConfig, SenderEvent, State, deliver,
};
use kash_pos::kash::order::{ItemsListEntry, Order, Payment};
use kash_pos::kash::{ApiKey, KashClient, KashError};
use kash_pos::sim::{Faults, SimHandle, SimOrder, Simulator};

/// Short, so a request that meets `delay_after_record` times out quickly.
const CLIENT_TIMEOUT: Duration = Duration::from_millis(300);
const FAST: SenderConfig = SenderConfig {
    initial_backoff: Duration::from_millis(2),
    max_backoff: Duration::from_millis(40),
};

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

/// Delivers until the outcome is final, with a bound on the attempts.
async fn deliver_until_final(j: &Journal, c: &KashClient, seq: i64) -> Outcome {
    for _ in 0..50 {
        let o = deliver(j, c, seq).await;
        if !o.should_back_off() {
            return o;
        }
    }
    panic!("entry {seq} not delivered after 50 attempts");
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
        // All twenty wait (the first may be between two attempts); none went through.
        let counts = journal.counts().expect("counts");
        assert_eq!((counts.waiting(), counts.confirmed), (20, 0));

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
        let journal = Journal::open_in_memory().expect("journal");
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

        sim.set_faults(Faults::default());
        let o = deliver(&journal, &client, e.seq).await;
        assert!(matches!(o, Outcome::Confirmed(_)), "{o:?}");
        assert_once(&sim, &journal.entry(e.seq).expect("entry"));
        assert_eq!(sim.orders().len(), 1);
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

/// What the random run met, for the report.
#[derive(Debug, Default)]
struct Matrix {
    events: usize,
    http_500: usize,
    refusals: usize,
    html: usize,
    garbage: usize,
    dropped: usize,
    timeouts: usize,
    offline: usize,
    delay_phases: usize,
    confirmed_after_uncertain: usize,
    needs_cashier: usize,
    refused_entries: usize,
}

fn classify(m: &mut Matrix, outcome: &Outcome) {
    let text = match outcome {
        Outcome::Uncertain(e) | Outcome::Offline(e) => e.to_string(),
        Outcome::Refused(r) => r.clone(),
        _ => return,
    };
    match outcome {
        Outcome::Offline(_) => m.offline += 1,
        _ if text.contains("HTTP 500") => m.http_500 += 1,
        _ if text.contains("temporarily unavailable") => m.refusals += 1,
        _ if text.contains("Maintenance") || text.contains("DOCTYPE") => m.html += 1,
        _ if text.contains("not JSON") => m.garbage += 1,
        _ if text.contains("connection lost") => m.dropped += 1,
        _ if text.contains("no answer") => m.timeouts += 1,
        _ => m.offline += 1,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_faults_thousand_sales_each_recorded_once() {
    const SALES: u64 = 1000;
    const SEED: u64 = 20_260_301;
    let started = Instant::now();
    timeout(Duration::from_secs(50), async {
        let (sim, h) = start().await;
        let client = client_to(&h.base_url(), Duration::from_millis(150));
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = Journal::open(&dir.path().join("journal.sqlite3")).expect("journal");
        let (handle, mut rx) = Sender::spawn_with(journal.clone(), client.clone(), FAST);
        let mut rng = StdRng::seed_from_u64(SEED);
        let mut m = Matrix::default();
        let base = Faults {
            error_rate: 0.04,
            html_rate: 0.03,
            garbage_rate: 0.03,
            drop_rate: 0.04,
            ..Faults::default()
        };

        // Sales come in bursts while the sender works; the faults change between events.
        let mut recorded_so_far = 0;
        let mut last: HashMap<i64, bool> = HashMap::new();
        while recorded_so_far < SALES || journal.counts().expect("counts").waiting() > 0 {
            if recorded_so_far < SALES {
                let burst = rng.random_range(1..=25).min(SALES - recorded_so_far);
                for _ in 0..burst {
                    let mut o = sale(recorded_so_far);
                    o.payment = match rng.random_range(0..10) {
                        0 => Payment::Open,
                        1 => Payment::Validated,
                        _ => Payment::Mode(if rng.random_bool(0.5) { 1 } else { 3 }),
                    };
                    journal.record_order(o).expect("record");
                    recorded_so_far += 1;
                }
                handle.notify();
            }
            let Ok(Some(ev)) = timeout(Duration::from_secs(5), rx.recv()).await else {
                panic!("the sender went quiet");
            };
            m.events += 1;
            classify(&mut m, &ev.outcome);
            let uncertain_before = last.insert(ev.seq, matches!(ev.outcome, Outcome::Uncertain(_)));
            if matches!(ev.outcome, Outcome::Confirmed(_)) && uncertain_before == Some(true) {
                m.confirmed_after_uncertain += 1;
            }
            let roll = rng.random_range(0..100);
            let mut f = if roll < 10 {
                Faults::default()
            } else {
                base.clone()
            };
            if roll >= 96 {
                // The server records, then answers after the client gave up.
                f.delay_after_record = Duration::from_millis(200);
                m.delay_phases += 1;
            }
            f.seed = rng.random();
            sim.set_faults(f);
        }
        sim.set_faults(Faults::default());
        handle.shutdown().await;

        // The cashier settles what the journal could not tell, from the back office.
        let on_server = recorded(&sim);
        for e in journal.needing_attention().expect("attention") {
            match e.state {
                State::NeedsCashier => {
                    m.needs_cashier += 1;
                    match on_server.get(&e.reference) {
                        Some(ids) => journal.resolve_as_recorded(e.seq, ids[0]).expect("resolve"),
                        None => {
                            journal.requeue(e.seq).expect("requeue");
                            let o = deliver_until_final(&journal, &client, e.seq).await;
                            assert!(matches!(o, Outcome::Confirmed(_)), "{o:?}");
                        }
                    }
                }
                State::Refused => m.refused_entries += 1,
                _ => {}
            }
        }

        let all = journal.all().expect("all");
        let on_server = recorded(&sim);
        let duplicates = on_server.values().filter(|ids| ids.len() > 1).count();
        let confirmed: HashSet<&str> = all
            .iter()
            .filter(|e| e.state == State::Confirmed)
            .map(|e| e.reference.as_str())
            .collect();
        let server_refs: HashSet<&str> = on_server.keys().map(String::as_str).collect();
        let attempts: u32 = all.iter().map(|e| e.attempts).sum();
        let lookups: u32 = all.iter().map(|e| e.lookups).sum();
        let sent_once = all.iter().filter(|e| e.attempts > 0).count();
        // A receipt made from a look-up carries no link; the server's own always has one.
        let found_by_reference = all
            .iter()
            .filter_map(|e| e.receipt.as_ref())
            .filter(|r| r.invoice.is_none() && r.quote.is_none() && r.payment_link.is_none())
            .count();
        println!(
            "fault matrix (seed {SEED}, client timeout 150 ms, {} s):",
            started.elapsed().as_secs_f32()
        );
        println!("  sales recorded in the journal        {}", all.len());
        println!("  sender attempts (events)             {}", m.events);
        println!("  requests sent (webapp.php)           {attempts}");
        println!(
            "  resends (attempts beyond the first)  {}",
            attempts as usize - sent_once
        );
        println!("  faults met: HTTP 500                 {}", m.http_500);
        println!("              refusal (temporary)      {}", m.refusals);
        println!("              HTML page                {}", m.html);
        println!("              garbage body             {}", m.garbage);
        println!("              dropped connection       {}", m.dropped);
        println!(
            "              timeout after record     {} ({} delay phases)",
            m.timeouts, m.delay_phases
        );
        println!("              other / offline          {}", m.offline);
        println!("  reconciliations (look-ups)           {lookups}");
        println!("  found on the server by reference     {found_by_reference}");
        println!(
            "  confirmed after an uncertain attempt {}",
            m.confirmed_after_uncertain
        );
        println!("  settled by the cashier               {}", m.needs_cashier);
        println!(
            "  refused (kept, not resent)           {}",
            m.refused_entries
        );
        println!("  confirmed in the journal             {}", confirmed.len());
        println!(
            "  orders on the server                 {}",
            sim.orders().len()
        );
        println!("  duplicates                           {duplicates}");

        assert_eq!(all.len(), SALES as usize);
        assert_eq!(duplicates, 0);
        assert_eq!(
            confirmed, server_refs,
            "the server's orders are the confirmed entries"
        );
        assert_eq!(
            confirmed.len() + m.refused_entries,
            SALES as usize,
            "nothing lost"
        );
        for e in all.iter().filter(|e| e.state == State::Confirmed) {
            assert_eq!(e.order_id, on_server.get(&e.reference).map(|ids| ids[0]));
        }
        assert!(
            m.http_500 + m.html + m.garbage + m.dropped > 0,
            "faults were injected"
        );
        h.shutdown().await;
    })
    .await
    .expect("within 50 s");
}
