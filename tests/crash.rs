//! kill -9 of the real binary at the points that matter, then a restart: every sale is recorded
//! on the server exactly once, and the basket in progress comes back. The simulator runs in this
//! test process, so it outlives the till it serves.
//! (The crash between the journal write and the request leaving is too narrow to hit from
//! outside; `tests/journal_delivery.rs` covers it by stopping the journal at that point.)

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::term::{Home, Session};
use kash_pos::kash::{ApiKey, KashClient, OrdersQuery};
use kash_pos::sim::{Faults, Simulator};

fn write_config(home: &Home, base_url: &str) -> String {
    let path = home.0.join("config.toml");
    let journal = home.0.join("journal.sqlite3");
    std::fs::write(
        &path,
        format!(
            "[kash]\nbase_url = \"{base_url}\"\nshop_id = \"demo\"\napi_key = \"demo\"\ntimeout_secs = 1\n\n\
             [journal]\npath = \"{}\"\n\n[pos]\nuser_id = 1\ncashbox_id = 1\n",
            journal.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    path.display().to_string()
}

/// Waits (bounded) for the simulator to hold `n` orders.
async fn wait_orders(sim: &Simulator, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while sim.orders().len() < n {
        assert!(
            Instant::now() < deadline,
            "the simulator has {} orders, not {n}",
            sim.orders().len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_at_every_point_loses_nothing_and_records_each_sale_once() {
    let sim = Simulator::demo();
    let handle = sim
        .spawn(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap();
    let home = Home::new("crash");
    let config = write_config(&home, &handle.base_url());
    let start = || {
        let s = Session::start(&home.0, "crash", 80, 24, &["--config", &config]);
        // The sale screen's footer: loaded (whatever the last message says).
        s.wait_for("F9 Payment");
        s
    };

    // 1. Killed with a basket in progress: it comes back, and is sold once.
    let s = start();
    s.send_literal("3760123400015\r");
    s.send_literal("3760123400114\r");
    s.wait_for("Croissant");
    // The basket is written within a moment of each change.
    tokio::time::sleep(Duration::from_millis(500)).await;
    s.kill_9();
    let s = start();
    let screen = s.wait_for("basket restored");
    assert!(
        screen.contains("Baguette tradition") && screen.contains("Croissant"),
        "{screen}"
    );
    s.send_key("F2");
    s.wait_for("recorded");
    wait_orders(&sim, 1).await;

    // 2. Killed after the request left, before the answer: the server recorded the sale and
    //    took its time to answer. At restart the till finds it by its reference: no resend.
    s.send_literal("3760123400138\r");
    s.wait_for("Pain au chocolat");
    sim.set_faults(Faults {
        delay_after_record: Duration::from_secs(4),
        ..Faults::default()
    });
    s.send_key("F2");
    wait_orders(&sim, 2).await;
    s.kill_9();
    sim.set_faults(Faults::default());
    let s = start();
    // The sale waits as uncertain, is looked up and found: the queue empties, nothing is sent.
    s.wait_until("the queue to empty", |screen| !screen.contains("queued"));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        sim.orders().len(),
        2,
        "found by its reference, not sent again"
    );

    // 3. Killed after the answer: nothing is sent again.
    s.send_literal("3760123400145\r");
    s.wait_for("Pain aux raisins");
    s.send_key("F2");
    s.wait_for("Order number");
    s.kill_9();
    let s = start();
    // Give the sender a moment: it must find nothing to send.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(!s.screen().contains("queued"), "{}", s.screen());
    drop(s);

    // Exactly three orders, each with its own reference, and the journal agrees.
    let orders = sim.orders();
    assert_eq!(orders.len(), 3, "{orders:#?}");
    let mut references: Vec<String> = orders
        .iter()
        .map(|o| {
            let start = o
                .private_comment
                .find("KP-")
                .expect("a reference in the private comment");
            o.private_comment[start..start + 13].to_string()
        })
        .collect();
    references.sort();
    references.dedup();
    assert_eq!(references.len(), 3);
    let client = KashClient::new(
        &handle.base_url(),
        "demo",
        ApiKey::new("demo"),
        Duration::from_secs(3),
    )
    .unwrap();
    assert_eq!(
        client
            .orders(&OrdersQuery::default())
            .await
            .unwrap()
            .items
            .len(),
        3
    );
    let export = std::process::Command::new(env!("CARGO_BIN_EXE_kash-pos"))
        .args(["--config", &config, "export", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let csv = String::from_utf8_lossy(&export.stdout);
    assert_eq!(
        csv.lines().filter(|l| l.contains("Confirmed")).count(),
        3,
        "{csv}"
    );
    for r in &references {
        assert!(csv.contains(r.as_str()), "{r} not in the journal:\n{csv}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_and_sighup_save_the_basket_and_give_the_terminal_back() {
    let sim = Simulator::demo();
    let handle = sim
        .spawn(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap();
    let home = Home::new("signals");
    let config = write_config(&home, &handle.base_url());
    for signal in ["TERM", "HUP", "INT"] {
        let s = Session::start_in_shell(&home.0, "signals", 80, 24, &["--config", &config]);
        let screen = s.wait_for("F9 Payment");
        if screen.contains("Baguette tradition") {
            // The basket the last signal saved is back: sold, to start from an empty one.
            s.send_key("F2");
            s.wait_for("recorded");
            s.send_key("Enter");
        }
        s.send_literal("3760123400015\r");
        s.wait_for("Baguette tradition");
        // Right after the change: the till saves it on the way out, not by luck of timing.
        s.signal(signal);
        // The shell prints after the till: the terminal is back (out of the alternate screen).
        let screen = s.wait_for("kash-pos exited");
        assert!(
            screen.contains("kash-pos exited 0"),
            "SIG{signal}: {screen}"
        );
        assert!(
            !screen.contains("F9 Payment"),
            "still the till's screen: {screen}"
        );
        drop(s);
        let s = Session::start(&home.0, "signals", 80, 24, &["--config", &config]);
        let screen = s.wait_for("basket restored");
        assert!(
            screen.contains("Baguette tradition"),
            "SIG{signal}: {screen}"
        );
        s.send_key("F2");
        s.wait_for("recorded");
        drop(s);
    }
    wait_orders(&sim, 3).await;
    assert_eq!(sim.orders().len(), 3, "each basket sold once");
}
