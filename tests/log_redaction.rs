//! A server whose error pages echo the request (the key included, and terminal escapes): the
//! key reaches neither the log nor the screen, the log holds no raw control character, and the
//! log files are readable by their owner alone.

#![allow(clippy::unwrap_used)]

#[allow(dead_code)]
#[path = "common/term.rs"]
mod term;

use std::path::Path;

use term::{Home, Session};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

const KEY: &str = "echo-k3y-0f-the-shop-5be2a9";

/// Answers every request with a page that repeats it: HTTP 500 for the items list, an HTML
/// page with status 200 for the rest.
async fn echo_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = vec![0_u8; 16 * 1024];
                let n = socket.read(&mut buf).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]).to_string();
                let status = if request.contains("getPlus") {
                    "500 Internal Server Error"
                } else {
                    "200 OK"
                };
                // The key as the request sent it, first, as a careless error page would.
                let key = request
                    .split(['?', '&', ' '])
                    .find_map(|p| p.strip_prefix("key="))
                    .unwrap_or("none")
                    .to_string();
                let body = format!(
                    "<html>\u{1b}[2J\u{1b}[31mInvalid key {key}\r\nFAKE LOG LINE {request}</html>"
                );
                let answer = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
            });
        }
    });
    format!("http://{addr}")
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_echoed_key_is_redacted_and_the_log_is_private() {
    let base = echo_server().await;
    let home = Home::new("redaction");
    let config = home.0.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[kash]\nbase_url = \"{base}\"\nshop_id = \"demo\"\napi_key = \"{KEY}\"\ntimeout_secs = 2\n\n\
             [journal]\npath = \"{}\"\n\n[pos]\nuser_id = 1\ncashbox_id = 1\n",
            home.0.join("journal.sqlite3").display()
        ),
    )
    .unwrap();
    let s = Session::start(
        &home.0,
        "redaction",
        160,
        40,
        &["--config", &config.display().to_string()],
    );
    // The page reached the screen as an excerpt, without the key.
    let screen = s.wait_for("Unexpected answer");
    assert!(
        !screen.contains("[2J"),
        "escape sequences are removed: {screen}"
    );
    assert!(
        !screen.contains(KEY) && !screen.contains("5be2a9"),
        "{screen}"
    );
    s.send_key("C-q");
    drop(s);

    let logs = files(&home.0.join(".local/state"));
    assert!(!logs.is_empty(), "no log written");
    let mut text = String::new();
    for log in &logs {
        text.push_str(&std::fs::read_to_string(log).unwrap());
    }
    assert!(
        text.contains("Invalid key"),
        "the pages were logged: {text}"
    );
    assert!(!text.contains("5be2a9"), "the key is in the log:\n{text}");
    assert!(text.contains("[redacted]"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\r'),
        "raw controls:\n{text}"
    );
    assert!(
        !text.lines().any(|l| l.starts_with("FAKE LOG LINE")),
        "a server text forged a log line:\n{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        for log in &logs {
            assert_eq!(mode(log), 0o600, "{}", log.display());
            assert_eq!(mode(log.parent().unwrap()), 0o700);
        }
    }
}
