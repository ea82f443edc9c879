//! The README lists the default keys exactly as the keymap (and so the help screen) has them.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions may unwrap too

/// The keys section of the README, generated from the keymap.
fn keys_markdown() -> String {
    let mut out = String::new();
    for (key, description, title) in
        kash_pos::ui::help::help_rows(kash_pos::app::keymap::Keymap::embedded())
    {
        if title {
            out.push_str(&format!("\n**{key}**\n\n| key | does |\n|---|---|\n"));
        } else {
            out.push_str(&format!("| `{}` | {} |\n", key.trim(), description));
        }
    }
    out
}

#[test]
fn readme_lists_every_default_key() {
    let readme = include_str!("../README.md");
    let expected = keys_markdown();
    let start = "<!-- keys:start -->";
    let end = "<!-- keys:end -->";
    let section = readme
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map(|(s, _)| s)
        .expect("README has a keys section");
    if section.trim() != expected.trim() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/target/README-keys.md"),
            &expected,
        )
        .ok();
        panic!(
            "the README's keys differ from the keymap; the expected section is in target/README-keys.md"
        );
    }
}
