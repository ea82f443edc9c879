//! The API key never reaches the screen, the logs, the journal or a snapshot.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use std::net::SocketAddr;
use std::path::Path;

use common::term::{Home, Session};
use kash_pos::sim::Simulator;

const KEY: &str = "sekr3t-0f-the-shop-93c1e7";

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_containing(&path, needle));
        } else if let Ok(bytes) = std::fs::read(&path)
            && bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        {
            found.push(path.display().to_string());
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_is_in_no_log_journal_screen_or_snapshot() {
    // The simulator knows only the demo key: this one is refused, which logs the most.
    let sim = Simulator::demo();
    let handle = sim
        .spawn(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap();
    let home = Home::new("secrets");
    let config = home.0.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[kash]\nbase_url = \"{}\"\nshop_id = \"demo\"\napi_key = \"{KEY}\"\ntimeout_secs = 2\n",
            handle.base_url()
        ),
    )
    .unwrap();
    let s = Session::start(
        &home.0,
        "secrets",
        120,
        40,
        &["--config", &config.display().to_string()],
    );
    let screen = s.wait_for("API key refused");
    // The config file is readable by others (the test did not chmod it): said on screen.
    assert!(screen.contains("readable by other users"), "{screen}");
    assert!(!screen.contains(KEY), "{screen}");
    s.send_key("C-q");
    drop(s);
    let mut leaks = files_containing(&home.0.join(".local"), KEY);
    leaks.extend(files_containing(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots")),
        KEY,
    ));
    assert!(leaks.is_empty(), "the key is in {leaks:?}");
    // The logs were written (so the check above looked at something).
    assert!(
        !files_containing(&home.0.join(".local/state"), "getPlus").is_empty(),
        "no log written"
    );
}
