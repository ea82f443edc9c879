//! The real binary and its journal: one till per journal (a second one is refused before it
//! takes the terminal, naming the first one's process), `export` reads a live journal without
//! changing it, and a journal that cannot be used is said at start, with a non-zero exit.

#![allow(clippy::unwrap_used)]

#[allow(dead_code)]
#[path = "common/term.rs"]
mod term;

use std::process::{Command, Output};

use term::{Home, Session};

/// `kash-pos ARGS` without a terminal, with the test's home.
fn run(home: &Home, args: &[&str]) -> Output {
    let h = &home.0;
    Command::new(env!("CARGO_BIN_EXE_kash-pos"))
        .args(args)
        .env("HOME", h)
        .env("XDG_CONFIG_HOME", h.join(".config"))
        .env("XDG_DATA_HOME", h.join(".local/share"))
        .env("XDG_STATE_HOME", h.join(".local/state"))
        .env("TERM", "dumb")
        .output()
        .unwrap()
}

fn pane_pid(s: &Session) -> String {
    let out = Command::new("tmux")
        .args(["list-panes", "-t", &s.name, "-F", "#{pane_pid}"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn a_second_till_on_the_same_journal_is_refused_and_named() {
    let home = Home::new("owner");
    let journal = home.0.join("till.sqlite3");
    let journal_arg = journal.display().to_string();
    let first = Session::start(&home.0, "owner-1", 80, 24, &["--journal", &journal_arg]);
    first.wait_for("F9 Payment");
    let pid = pane_pid(&first);
    assert!(!pid.is_empty());

    let second = run(&home, &["--journal", &journal_arg]);
    assert_eq!(second.status.code(), Some(1), "{second:?}");
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains(&format!("in use by another kash-pos (process {pid})")),
        "{err}"
    );
    assert!(err.contains("--journal FILE"), "{err}");
    // Refused before the terminal was taken: no alternate screen, nothing drawn.
    assert!(second.stdout.is_empty(), "{:?}", second.stdout);

    // Export reads the live journal; the first till keeps running, unaware.
    let export = run(&home, &["--journal", &journal_arg, "export"]);
    assert!(export.status.success(), "{export:?}");
    assert!(String::from_utf8_lossy(&export.stdout).starts_with("seq,reference"));
    assert!(first.is_running());

    // A journal of its own: the second till runs.
    let own = home.0.join("till-2.sqlite3").display().to_string();
    let other = Session::start(&home.0, "owner-2", 80, 24, &["--journal", &own]);
    other.wait_for("F9 Payment");
    assert!(first.is_running() && other.is_running());
}

#[test]
fn an_unusable_journal_is_said_before_the_till_starts() {
    let home = Home::new("unusable");
    let path = home.0.join("journal.sqlite3");
    std::fs::write(&path, b"not a database at all\n".repeat(100)).unwrap();
    let out = run(&home, &["--journal", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not a kash-pos journal") && err.contains("move it aside"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    // Export says the same and changes nothing either.
    let out = run(&home, &["--journal", &path.display().to_string(), "export"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a kash-pos journal"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"not a database at all\n".repeat(100)
    );
}

#[test]
fn a_data_directory_removed_while_the_till_runs_refuses_the_next_sale() {
    let home = Home::new("gone");
    let data = home.0.join("data");
    let journal = data.join("journal.sqlite3").display().to_string();
    let s = Session::start(&home.0, "gone", 120, 40, &["--journal", &journal]);
    s.wait_for("F9 Payment");
    std::fs::remove_dir_all(&data).unwrap();
    s.send_literal("3760123400015\r");
    s.wait_for("Baguette");
    s.send_key("F2");
    // Not written into the deleted file: said, and the basket is kept.
    let screen = s.wait_for("Not recorded");
    assert!(screen.contains("Baguette"), "{screen}");
    assert!(!data.exists(), "nothing recreated the removed directory");
    assert!(s.is_running());
}
