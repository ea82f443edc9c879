//! `kash-pos login` against the simulator: the OTP flow writes a working configuration with the
//! key in a file only its owner can read; a wrong OTP writes nothing.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

mod common;

use std::io::Write;
use std::net::SocketAddr;
use std::process::{Command, Output, Stdio};

use common::term::Home;
use kash_pos::sim::Simulator;

fn kash_pos(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kash-pos"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn otp_login_writes_a_configuration_that_works() {
    let sim = Simulator::demo();
    let handle = sim
        .spawn(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .unwrap();
    let base = handle.base_url();
    let home = Home::new("login");
    let config = home.0.join("kash-pos/config.toml");
    let config_arg = config.display().to_string();
    let email = kash_pos::sim::DEMO_EMAIL;

    // A wrong one-time password: refused, nothing written.
    let out = tokio::task::spawn_blocking({
        let (base, config_arg) = (base.clone(), config_arg.clone());
        move || {
            kash_pos(
                &[
                    "login",
                    "--email",
                    email,
                    "--base-url",
                    &base,
                    "--config",
                    &config_arg,
                ],
                "999999\n",
            )
        }
    })
    .await
    .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("refused"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!config.exists());

    let out = tokio::task::spawn_blocking({
        let (base, config_arg) = (base.clone(), config_arg.clone());
        move || {
            kash_pos(
                &[
                    "login",
                    "--email",
                    email,
                    "--base-url",
                    &base,
                    "--config",
                    &config_arg,
                ],
                &format!("{}\n", kash_pos::sim::DEMO_OTP),
            )
        }
    })
    .await
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("shop demo"), "{said}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in [config.clone(), config.with_file_name("key")] {
            assert_eq!(
                std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
                0o600,
                "{}",
                f.display()
            );
        }
    }
    let out =
        // Its own journal: never the journal of the user running the tests.
        tokio::task::spawn_blocking(move || {
            let journal = std::path::Path::new(&config_arg).with_file_name("journal.sqlite3");
            kash_pos(
                &[
                    "--config",
                    &config_arg,
                    "--journal",
                    journal.to_str().unwrap(),
                    "check",
                ],
                "",
            )
        })
            .await
            .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Everything the till relies on answers."),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
