//! Replays timed sessions through the scanner's burst detector, as the event loop would feed it
//! (waking at the detector's deadline): scanner bursts at 2–10 ms per key ending in Enter, Tab
//! or CR-LF, a person typing at 80–250 ms per key, and 100 scans per second for seconds on end.
//! Every code must land exactly once, in order; every typed key must come out as a key, in
//! order; nothing typed is a scan. Synthetic clock: an `Instant` plus offsets, no sleeping.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kash_pos::pos::barcode::compute_check_digit;
use kash_pos::pos::scanner::{Input, ScanDetector, ScannerConfig};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

#[derive(Clone, Copy)]
enum Term {
    Enter,
    Tab,
    CrLf,
}

enum Part {
    /// A scanner sends `sent` (what the keyboard types) for `code`.
    Scan {
        code: String,
        sent: String,
        term: Term,
        gap_us: (u64, u64),
    },
    /// A person types these keys.
    Typing(Vec<KeyEvent>),
}

fn ch(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn enter() -> KeyEvent {
    KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
}

fn random_ean13(rng: &mut StdRng) -> String {
    let body: String = (0..12)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect();
    let check = compute_check_digit(&body).unwrap_or_default();
    format!("{body}{check}")
}

fn to_azerty(code: &str) -> String {
    code.chars()
        .map(|c| match c {
            '1' => '&',
            '2' => 'é',
            '3' => '"',
            '4' => '\'',
            '5' => '(',
            '6' => '-',
            '7' => 'è',
            '8' => '_',
            '9' => 'ç',
            '0' => 'à',
            other => other,
        })
        .collect()
}

fn human_text(rng: &mut StdRng) -> Vec<KeyEvent> {
    let words = [
        "3",
        "42",
        "croissant",
        "12,50",
        "3017620422003", // a code typed by hand: not a scan
        "pain au chocolat",
        "&é\"'(", // what the shifted digit row types on AZERTY: typed, not mapped
    ];
    let mut keys: Vec<KeyEvent> = words[rng.random_range(0..words.len())]
        .chars()
        .map(ch)
        .collect();
    if rng.random_bool(0.7) {
        keys.push(enter());
    }
    keys
}

struct Outcome {
    scans: Vec<String>,
    keys: Vec<KeyEvent>,
    /// Outputs that came while a burst's keys were still arriving (the UI would redraw).
    mid_burst_outputs: usize,
}

/// Lays the parts out in time and feeds them through the detector like the event loop does.
fn replay(config: &ScannerConfig, parts: &[Part], rng: &mut StdRng) -> Outcome {
    let t0 = Instant::now();
    let mut d = ScanDetector::new(config);
    let mut now_us: u64 = 0;
    let mut out = Vec::new();
    let mut mid_burst_outputs = 0;
    let mut feed = |d: &mut ScanDetector, key: KeyEvent, at_us: u64, in_burst: bool| {
        let at = t0 + Duration::from_micros(at_us);
        while let Some(deadline) = d.deadline().filter(|dl| *dl <= at) {
            out.extend(d.flush(deadline));
        }
        let produced = d.push(key, at);
        if in_burst && !produced.is_empty() {
            mid_burst_outputs += 1;
        }
        out.extend(produced);
    };
    for part in parts {
        match part {
            Part::Scan {
                sent, term, gap_us, ..
            } => {
                let mut first = true;
                for c in sent.chars() {
                    if !first {
                        now_us += rng.random_range(gap_us.0..=gap_us.1);
                    }
                    // The first key may hand on what a person typed before: that is not mid-burst.
                    feed(&mut d, ch(c), now_us, !first);
                    first = false;
                }
                now_us += rng.random_range(gap_us.0..=gap_us.1);
                match term {
                    Term::Enter => feed(&mut d, enter(), now_us, false),
                    Term::Tab => feed(
                        &mut d,
                        KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
                        now_us,
                        false,
                    ),
                    Term::CrLf => {
                        feed(&mut d, enter(), now_us, false);
                        now_us += rng.random_range(0..=gap_us.1);
                        // Raw mode reads LF as Ctrl-J.
                        feed(
                            &mut d,
                            KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL),
                            now_us,
                            false,
                        );
                    }
                }
            }
            Part::Typing(keys) => {
                for k in keys {
                    now_us += rng.random_range(80_000..=250_000);
                    feed(&mut d, *k, now_us, false);
                }
                // The person puts the keyboard down and picks up the scanner.
                now_us += rng.random_range(300_000..=1_500_000);
            }
        }
    }
    out.extend(d.flush(t0 + Duration::from_micros(now_us + 10_000_000)));
    let mut scans = Vec::new();
    let mut keys = Vec::new();
    for o in out {
        match o {
            Input::Scan(code) => scans.push(code),
            Input::Key(k) => keys.push(k),
        }
    }
    Outcome {
        scans,
        keys,
        mid_burst_outputs,
    }
}

fn check(config: &ScannerConfig, parts: &[Part], rng: &mut StdRng) -> usize {
    let outcome = replay(config, parts, rng);
    let expected_scans: Vec<String> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Scan { code, .. } => Some(code.clone()),
            Part::Typing(_) => None,
        })
        .collect();
    let expected_keys: Vec<KeyEvent> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Typing(keys) => Some(keys.clone()),
            Part::Scan { .. } => None,
        })
        .flatten()
        .collect();
    assert_eq!(
        outcome.scans.len(),
        expected_scans.len(),
        "scans lost or doubled"
    );
    assert_eq!(
        outcome.scans, expected_scans,
        "scans out of order or altered"
    );
    assert_eq!(
        outcome.keys, expected_keys,
        "typed keys lost, reordered, or scan keys leaked"
    );
    assert_eq!(
        outcome.mid_burst_outputs, 0,
        "output in the middle of a burst"
    );
    expected_scans.len()
}

fn terms(rng: &mut StdRng) -> Term {
    match rng.random_range(0..3) {
        0 => Term::Enter,
        1 => Term::Tab,
        _ => Term::CrLf,
    }
}

#[test]
fn mixed_sessions_scanner_and_person() {
    let mut rng = StdRng::seed_from_u64(0x5ca4);
    let config = ScannerConfig::default();
    let mut parts = Vec::new();
    for _ in 0..400 {
        if rng.random_bool(0.5) {
            let code = random_ean13(&mut rng);
            let sent = if rng.random_bool(0.3) {
                to_azerty(&code)
            } else {
                code.clone()
            };
            parts.push(Part::Scan {
                code,
                sent,
                term: terms(&mut rng),
                gap_us: (2_000, 10_000),
            });
        } else {
            parts.push(Part::Typing(human_text(&mut rng)));
        }
        // Sometimes a scan follows a scan at once; after a scan, a person needs a moment.
        if rng.random_bool(0.3) {
            let code = random_ean13(&mut rng);
            parts.push(Part::Scan {
                sent: code.clone(),
                code,
                term: terms(&mut rng),
                gap_us: (2_000, 10_000),
            });
        }
    }
    let scans = check(&config, &parts, &mut rng);
    assert!(scans > 200, "{scans}");
}

#[test]
fn a_hundred_scans_per_second_for_five_seconds() {
    // 100 scans a second leaves 10 ms per code: 13 digits and a terminator at up to 0.7 ms a
    // key, as a USB scanner or a batch of terminal reads delivers them (0 to 0.6 ms apart).
    let mut rng = StdRng::seed_from_u64(100);
    let config = ScannerConfig::default();
    let parts: Vec<Part> = (0..500)
        .map(|_| {
            let code = random_ean13(&mut rng);
            Part::Scan {
                sent: code.clone(),
                code,
                term: terms(&mut rng),
                gap_us: (0, 600),
            }
        })
        .collect();
    assert_eq!(check(&config, &parts, &mut rng), 500);
}

#[test]
fn prefix_suffix_and_short_in_house_codes() {
    let mut rng = StdRng::seed_from_u64(7);
    let config = ScannerConfig {
        prefix: "]E0".into(),
        suffix: "#".into(),
        ..ScannerConfig::default()
    };
    let mut parts = Vec::new();
    for i in 0..100 {
        let code = if i % 3 == 0 {
            format!("A{:05}", rng.random_range(0..100_000)) // Code 128 in-house labels
        } else {
            random_ean13(&mut rng)
        };
        parts.push(Part::Scan {
            sent: format!("]E0{code}#"),
            code,
            term: terms(&mut rng),
            gap_us: (2_000, 10_000),
        });
        parts.push(Part::Typing(human_text(&mut rng)));
    }
    check(&config, &parts, &mut rng);
}

#[test]
fn a_fast_typist_is_never_a_scanner() {
    // The fastest sustained typing is well above 60 ms per key; everything typed comes out as
    // keys, Enter included, even at that pace.
    let config = ScannerConfig::default();
    let t0 = Instant::now();
    let mut d = ScanDetector::new(&config);
    let mut rng = StdRng::seed_from_u64(60);
    let mut at = 0u64;
    let mut out = Vec::new();
    let mut typed = Vec::new();
    for _ in 0..200 {
        let code = random_ean13(&mut rng);
        for k in code.chars().map(ch).chain([enter()]) {
            at += rng.random_range(60..=80);
            let when = t0 + Duration::from_millis(at);
            while let Some(dl) = d.deadline().filter(|dl| *dl <= when) {
                out.extend(d.flush(dl));
            }
            out.extend(d.push(k, when));
            typed.push(k);
        }
    }
    out.extend(d.flush(t0 + Duration::from_millis(at + 1000)));
    let keys: Vec<KeyEvent> = out
        .into_iter()
        .map(|o| match o {
            Input::Key(k) => k,
            Input::Scan(code) => panic!("typing taken for a scan: {code}"),
        })
        .collect();
    assert_eq!(keys, typed);
}
