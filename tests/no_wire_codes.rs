//! No wire code on screen: every screen snapshot is scanned for the till's references
//! (`KP-…`), its comment tags (`[kash-pos …]`) and the API's payment codes (`(-1)`, `(-2)`).
//! The reference stays in the journal and the logs; the cashier reads order numbers, or "the
//! sale of 12:04, 3,20 €" before there is one.

use std::path::{Path, PathBuf};

const WIRE_CODES: [&str; 4] = ["KP-", "[kash-pos", "(-1)", "(-2)"];

/// The `check` subcommand's report is the operator's diagnosis of the look-up by reference (a
/// command-line report, not a till screen): the reference is what it is about.
fn is_operator_report(name: &str) -> bool {
    name.starts_with("check__")
}

fn snapshots_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            snapshots_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "snap") {
            out.push(path);
        }
    }
}

#[test]
fn no_snapshot_shows_a_wire_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    snapshots_under(&root.join("tests/snapshots"), &mut files);
    snapshots_under(&root.join("src"), &mut files);
    files.retain(|f| !is_operator_report(&f.file_name().unwrap_or_default().to_string_lossy()));
    // The scan cannot pass for want of snapshots: the screens that used to show a reference
    // are among those read.
    assert!(files.len() > 300, "only {} snapshots found", files.len());
    for must in [
        "screens__receipt_provisional_offline_80x24.snap",
        "screens__attention_one_sale_80x24.snap",
    ] {
        assert!(
            files.iter().any(|f| f.ends_with(must)),
            "{must} is not among the scanned snapshots"
        );
    }
    let mut shown = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        // The header (the test's source expression) is no screen.
        let body = text.splitn(3, "---").nth(2).unwrap_or(&text);
        for (n, line) in body.lines().enumerate() {
            for code in WIRE_CODES {
                if line.contains(code) {
                    shown.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        shown.is_empty(),
        "wire codes on screen:\n{}",
        shown.join("\n")
    );
}
