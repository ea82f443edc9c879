//! kill -9 of the real binary with a sale in progress that has a table, covers, a comment and
//! a basket discount: after the restart the lines and everything the cashier set come back.

#![allow(clippy::unwrap_used)]

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::term::{Home, Session};
use kash_pos::sim::Simulator;

fn write_config(home: &Home, base_url: &str) -> (String, std::path::PathBuf) {
    let path = home.0.join("config.toml");
    let journal = home.0.join("journal.sqlite3");
    std::fs::write(
        &path,
        format!(
            "[kash]\nbase_url = \"{base_url}\"\nshop_id = \"demo\"\napi_key = \"demo\"\ntimeout_secs = 1\n\n\
             [journal]\npath = \"{}\"\n\n[pos]\nlanguage = \"en\"\nuser_id = 1\ncashbox_id = 1\n",
            journal.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    (path.display().to_string(), journal)
}

/// Waits (bounded) until the saved sale in the journal contains `text`.
fn wait_saved(journal: &std::path::Path, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let saved: Option<String> = rusqlite::Connection::open_with_flags(
            journal,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .ok()
        .and_then(|c| {
            c.query_row("SELECT json FROM basket WHERE id = 1", [], |r| r.get(0))
                .ok()
        });
        if saved.as_deref().is_some_and(|s| s.contains(text)) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "never saved with {text:?}: {saved:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_keeps_the_table_covers_and_comments_of_the_sale() {
    let sim = Simulator::demo();
    let handle = sim
        .spawn(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap();
    let home = Home::new("counter-crash");
    let (config, journal) = write_config(&home, &handle.base_url());
    let start = || {
        let s = Session::start(&home.0, "counter-crash", 80, 24, &["--config", &config]);
        s.wait_for("F9 Payment");
        s
    };
    let s = start();
    // Table 3, 4 covers, a public comment; two lines.
    s.send_key("C-t");
    s.wait_for("Table 3");
    s.send_key("Down");
    s.send_key("Down");
    s.send_key("Enter");
    s.send_key("C-e");
    s.wait_for("Covers");
    s.send_literal("4");
    for _ in 0..4 {
        s.send_key("Tab");
    }
    s.send_literal("no onions");
    s.send_key("C-s");
    s.wait_for("4 cov.");
    s.send_literal("3760123400015\r");
    s.send_literal("3760123400114\r");
    s.wait_for("Croissant");
    // 10 % off the whole basket.
    s.send_literal("10%");
    s.send_key("C-f");
    s.wait_for("Basket discount -10%");
    wait_saved(&journal, "no onions");
    wait_saved(&journal, "Percent");
    s.kill_9();
    let s = start();
    let screen = s.wait_for("restored");
    assert!(
        screen.contains("Baguette tradition") && screen.contains("Croissant"),
        "{screen}"
    );
    assert!(
        screen.contains("Table 3") && screen.contains("4 cov.") && screen.contains('✎'),
        "the context came back: {screen}"
    );
    assert!(
        screen.contains("Basket discount -10%"),
        "the basket's discount came back: {screen}"
    );
    // The comment itself is there too.
    s.send_key("C-e");
    let details = s.wait_for("Covers");
    assert!(details.contains("no onions"), "{details}");
    s.send_key("Escape");
    s.send_key("C-q");
    s.wait_for("Quit");
    s.send_key("Enter");
}
