//! The real `kash-pos` binary in a real terminal (tmux): start it, type, read the screen,
//! kill it with SIGKILL. `.ci/run` installs tmux.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A private home directory for one test: no configuration (the demo shop) unless the test
/// writes one, and the journal and logs stay inside. Removed at the end.
pub struct Home(pub PathBuf);

impl Home {
    /// A home where the demo was chosen before: the till starts on the demo's sale.
    pub fn new(name: &str) -> Self {
        let home = Self::fresh(name);
        let data = home.0.join(".local/share/kash-pos");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::write(data.join("demo-chosen"), b"").unwrap();
        home
    }

    /// A home as on a new machine: no configuration, the welcome at start.
    pub fn fresh(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("kash-pos-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub struct Session {
    pub name: String,
}

impl Session {
    /// Starts kash-pos on an English locale (`LANG=en_US.UTF-8`).
    pub fn start(home: &Path, name: &str, width: u16, height: u16, args: &[&str]) -> Self {
        Self::start_in(home, name, width, height, args, "en_US.UTF-8")
    }

    /// As `start`, in a shell that prints `kash-pos exited N` when the till exits, and stays.
    pub fn start_in_shell(home: &Path, name: &str, width: u16, height: u16, args: &[&str]) -> Self {
        Self::start_with(home, name, width, height, args, "en_US.UTF-8", true)
    }

    /// Starts kash-pos with `LANG=locale` (and `LC_ALL`, `LC_MESSAGES` empty).
    pub fn start_in(
        home: &Path,
        name: &str,
        width: u16,
        height: u16,
        args: &[&str],
        locale: &str,
    ) -> Self {
        Self::start_with(home, name, width, height, args, locale, false)
    }

    fn start_with(
        home: &Path,
        name: &str,
        width: u16,
        height: u16,
        args: &[&str],
        locale: &str,
        shell: bool,
    ) -> Self {
        let name = format!("kash-pos-{name}-{}", std::process::id());
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &name])
            .stderr(Stdio::null())
            .status();
        let h = home.display();
        // Tests start and end sessions in parallel: a session may ask the tmux server that
        // another test's last session has just made exit ("server exited unexpectedly").
        // Asked again, a new server starts; a few tries, each at once after the last.
        let mut started = false;
        for _ in 0..20 {
            let status = Command::new("tmux")
                .args(["new-session", "-d", "-s", &name, "-x", &width.to_string(), "-y", &height.to_string()])
                .arg({
                    let command = format!(
                        "env LC_ALL= LC_MESSAGES= LANG={locale} HOME={h} XDG_CONFIG_HOME={h}/.config XDG_DATA_HOME={h}/.local/share XDG_STATE_HOME={h}/.local/state TERM=xterm-256color {} {}",
                        env!("CARGO_BIN_EXE_kash-pos"),
                        args.join(" ")
                    );
                    if shell {
                        format!("sh -c '{command}; echo kash-pos exited $?; sleep 600'")
                    } else {
                        command
                    }
                })
                .status()
                .expect("tmux runs");
            if status.success() {
                started = true;
                break;
            }
            std::thread::yield_now();
        }
        assert!(started, "tmux could not start the session {name}");
        Self { name }
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn send_literal(&self, text: &str) {
        assert!(
            Command::new("tmux")
                .args(["send-keys", "-t", &self.name, "-l", text])
                .status()
                .unwrap()
                .success()
        );
    }

    pub fn send_key(&self, key: &str) {
        assert!(
            Command::new("tmux")
                .args(["send-keys", "-t", &self.name, key])
                .status()
                .unwrap()
                .success()
        );
    }

    /// Types like a person: one key at a time, with a pause a scanner never makes.
    pub fn type_slowly(&self, text: &str) {
        for c in text.chars() {
            self.send_literal(&c.to_string());
            std::thread::sleep(Duration::from_millis(120));
        }
    }

    /// Waits (bounded) until the screen shows `text`.
    pub fn wait_for(&self, text: &str) -> String {
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

    /// Waits (bounded) until the screen satisfies `ok`.
    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waited in vain for {what}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn is_running(&self) -> bool {
        Command::new("tmux")
            .args(["has-session", "-t", &self.name])
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .success()
    }

    /// A signal (`TERM`, `HUP`, `INT`) to the till started by `start_in_shell`.
    pub fn signal(&self, name: &str) {
        let out = Command::new("tmux")
            .args(["list-panes", "-t", &self.name, "-F", "#{pane_pid}"])
            .output()
            .unwrap();
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(!shell.is_empty(), "no pane pid");
        // The shell's child is the till (read from /proc: no procps needed).
        let children =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap();
        let till = children
            .split_whitespace()
            .next()
            .expect("the till runs under the shell");
        assert!(
            Command::new("kill")
                .args([&format!("-{name}"), till])
                .status()
                .unwrap()
                .success()
        );
    }

    /// SIGKILL to the till: no chance to save or to close anything.
    pub fn kill_9(&self) {
        let out = Command::new("tmux")
            .args(["list-panes", "-t", &self.name, "-F", "#{pane_pid}"])
            .output()
            .unwrap();
        let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert!(!pid.is_empty(), "no pane pid");
        assert!(
            Command::new("kill")
                .args(["-9", &pid])
                .status()
                .unwrap()
                .success()
        );
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .stderr(Stdio::null())
            .status();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .stderr(Stdio::null())
            .status();
    }
}
