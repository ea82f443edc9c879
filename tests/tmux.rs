//! The real binary in a real terminal (tmux), on the embedded demo shop: start-up, a sale by
//! scans, cash with change, at 80x24. `.ci/run` installs tmux.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

use std::process::Command;
use std::time::{Duration, Instant};

struct Session {
    name: String,
    home: std::path::PathBuf,
}

impl Session {
    fn start(width: u16, height: u16) -> Self {
        let name = format!("kash-pos-test-{}-{}", std::process::id(), width);
        let home = std::env::temp_dir().join(&name);
        std::fs::create_dir_all(&home).unwrap();
        // A fresh HOME: no configuration, so the demo shop; logs and data stay in the temp dir.
        let status = Command::new("tmux")
            .args(["new-session", "-d", "-s", &name, "-x", &width.to_string(), "-y", &height.to_string()])
            .arg(format!(
                "env HOME={} XDG_CONFIG_HOME={0}/.config XDG_DATA_HOME={0}/.local/share XDG_STATE_HOME={0}/.local/state TERM=xterm-256color {}",
                home.display(),
                env!("CARGO_BIN_EXE_kash-pos")
            ))
            .status()
            .expect("tmux runs");
        assert!(status.success());
        Self { name, home }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn send_literal(&self, text: &str) {
        assert!(
            Command::new("tmux")
                .args(["send-keys", "-t", &self.name, "-l", text])
                .status()
                .unwrap()
                .success()
        );
    }

    fn send_key(&self, key: &str) {
        assert!(
            Command::new("tmux")
                .args(["send-keys", "-t", &self.name, key])
                .status()
                .unwrap()
                .success()
        );
    }

    /// Waits (bounded) until the screen shows `text`.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "{text:?} never appeared; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .status();
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

#[test]
fn a_cash_sale_on_the_demo_shop_at_80x24() {
    let s = Session::start(80, 24);
    let screen = s.wait_for("Ready:");
    assert!(screen.contains("DEMO"), "{screen}");
    // Two scans as a scanner sends them: the digits and Enter at once.
    s.send_literal("3760123400015\r");
    s.wait_for("Baguette tradition");
    // The cashier types the quantity by hand, then scans.
    for c in ["2", "*"] {
        s.send_literal(c);
        std::thread::sleep(Duration::from_millis(150));
    }
    s.send_literal("3760123400114\r");
    s.wait_for("Croissant");
    s.wait_for("TOTAL  3,70 €");
    s.send_key("F1");
    s.wait_for("Cash tendered");
    s.send_literal("10");
    s.send_key("Enter");
    let screen = s.wait_for("CHANGE DUE");
    assert!(screen.contains("recorded"), "{screen}");
    assert!(screen.contains("6,30 €"), "{screen}");
    // Quit with an empty basket: no question.
    s.send_key("C-q");
    let deadline = Instant::now() + Duration::from_secs(10);
    while Command::new("tmux")
        .args(["has-session", "-t", &s.name])
        .status()
        .unwrap()
        .success()
    {
        assert!(
            Instant::now() < deadline,
            "kash-pos did not quit:\n{}",
            s.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn scans_never_land_in_the_search_and_azerty_bursts_are_read() {
    let s = Session::start(90, 30);
    s.wait_for("Ready:");
    // A person starts a name search, slowly…
    for c in ["c", "r", "o"] {
        s.send_literal(c);
        std::thread::sleep(Duration::from_millis(150));
    }
    s.wait_for("Search by name");
    // …and a scan arrives: it goes to the basket, not into the search box.
    s.send_literal("3760123400015\r");
    let screen = s.wait_for("Baguette tradition added");
    assert!(!screen.contains("cro3760"), "{screen}");
    assert!(
        !screen.contains("Search by name"),
        "the scan closed the search:\n{screen}"
    );
    // A scanner set to a US layout on a French AZERTY keyboard: `"è-à&é"'ààà&(` is 3760123400015.
    s.send_literal("\"è-à&é\"'ààà&(\r");
    s.wait_for("Baguette tradition");
    let screen = s.wait_for("TOTAL  2,60 €");
    assert!(screen.contains("2,60"), "{screen}");
    // A bad check digit is refused: nothing added.
    s.send_literal("3760123400016\r");
    let screen = s.wait_for("Bad check digit");
    assert!(screen.contains("TOTAL  2,60 €"), "{screen}");
}
