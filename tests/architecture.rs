//! The shape of the code, checked from the sources (as `ArchUnit` does for Java), so it cannot
//! silently come back:
//! - no file of `src/` imports another in a circle (a module's `mod.rs` re-exporting its own
//!   children is its facade, not an import);
//! - outside `app/runner.rs`, `src/app` and `src/ui` name no tokio, reqwest, rusqlite, file
//!   system or clock: state changes and drawing stay pure, the runner does the I/O.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (`app::screens::sale`) → source file, for every file under `src/`.
fn modules(root: &Path) -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(root).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if parts.last().is_some_and(|p| p == "mod") {
                    parts.pop();
                }
                if parts.len() == 1 && (parts[0] == "lib" || parts[0] == "main") {
                    // The crate roots: `main.rs` is the binary, a crate of its own.
                    if parts[0] == "main" {
                        continue;
                    }
                    parts.clear();
                }
                out.insert(parts.join("::"), path);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// The code of a file without comments, string literals and test modules.
fn code(text: &str) -> String {
    let text = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .to_string();
    let mut out = String::new();
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or_default();
        let mut in_str = false;
        let mut prev = ' ';
        for c in line.chars() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            } else if !in_str {
                out.push(c);
            }
            prev = c;
        }
        out.push('\n');
    }
    out
}

/// Expands a `use` tree (`super::{a, b::{c, d}}`) into its paths.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or_default().to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(&format!("{prefix}{p}")))
        .collect()
}

/// Every `crate::…`, `super::…` and `self::…` path a file names, in `use` trees or inline.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before_ok = i == 0 || !rest.as_bytes()[i - 1].is_ascii_alphanumeric();
        let tail = &rest[i + 4..];
        let end = tail.find(';').unwrap_or(tail.len());
        if before_ok {
            out.extend(expand(&tail[..end]));
        }
        rest = &tail[end.min(tail.len())..];
    }
    let bytes: Vec<char> = code.chars().collect();
    let text: String = bytes.iter().collect();
    for anchor in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(anchor) {
            let at = from + i;
            let ok = at == 0
                || !text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            let path: String = text[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            if ok {
                out.push(path.trim_end_matches(':').to_string());
            }
            from = at + anchor.len();
        }
    }
    out
}

/// The module a path names, from the module `here`: the longest existing module prefix.
fn resolve(
    path: &str,
    here: &str,
    is_dir: bool,
    mods: &BTreeMap<String, PathBuf>,
) -> Option<String> {
    let mut segs = path.split("::").filter(|s| !s.is_empty());
    let first = segs.next()?;
    let mut base: Vec<&str> = if here.is_empty() {
        Vec::new()
    } else {
        here.split("::").collect()
    };
    // `super` of a file `a/b.rs` is `a`; of `a/b/mod.rs` also `a`.
    let _ = is_dir;
    let mut segs: Vec<&str> = segs.collect();
    match first {
        "crate" => base.clear(),
        "self" => {}
        "super" => {
            base.pop();
            while segs.first() == Some(&"super") {
                segs.remove(0);
                base.pop();
            }
        }
        _ => return None,
    }
    let mut current = base.join("::");
    for s in segs {
        let next = if current.is_empty() {
            s.to_string()
        } else {
            format!("{current}::{s}")
        };
        if mods.contains_key(&next) {
            current = next;
        } else {
            break;
        }
    }
    mods.contains_key(&current).then_some(current)
}

/// The import graph between the files of `src/`.
fn graph(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules(root);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, file) in &mods {
        let text = code(&std::fs::read_to_string(file).unwrap());
        let is_dir = file.ends_with("mod.rs");
        let set = edges.entry(name.clone()).or_default();
        for p in paths(&text) {
            if let Some(target) = resolve(&p, name, is_dir, &mods) {
                // A module re-exporting or naming its own children is their facade.
                let descendant = name.is_empty() || target.starts_with(&format!("{name}::"));
                if target != *name && !descendant {
                    set.insert(target);
                }
            }
        }
    }
    edges
}

/// Groups of files that import each other in a circle (Tarjan's strongly connected components).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let i = t.index.len();
        t.index.insert(v, i);
        t.low.insert(v, i);
        t.stack.push(v);
        t.on.insert(v);
        if let Some(next) = t.edges.get(v) {
            for w in next {
                let w = w.as_str();
                if !t.index.contains_key(w) {
                    visit(t, w);
                    let lw = t.low[w];
                    let lv = t.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if t.on.contains(w) {
                    let iw = t.index[w];
                    let lv = t.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
        }
        if t.low[v] == t.index[v] {
            let mut group = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                group.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                t.out.push(group);
            }
        }
    }
    let mut t = T {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

/// The sources checked; `ARCHITECTURE_SRC` points the report at another tree (an older commit,
/// to compare).
fn src() -> PathBuf {
    std::env::var_os("ARCHITECTURE_SRC").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        PathBuf::from,
    )
}

#[test]
fn report() {
    let edges = graph(&src());
    let n: usize = edges.values().map(BTreeSet::len).sum();
    println!("{} files, {n} imports between them", edges.len());
    for c in cycles(&edges) {
        println!("cycle: {}", c.join(" ⇄ "));
    }
}

#[test]
fn no_file_imports_another_in_a_circle() {
    let edges = graph(&src());
    // The graph is real: the router reaches the screens, a screen the shared actions, the view
    // a screen of its own.
    assert!(edges["app::update"].contains("app::screens::sale"));
    assert!(edges["app::screens::sale"].contains("app::actions"));
    assert!(edges["ui::screens::sale"].contains("ui::widgets"));
    let found = cycles(&edges);
    assert!(
        found.is_empty(),
        "files importing each other in a circle: {found:#?}"
    );
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut edge = |a: &str, b: &str| {
        edges.entry(a.into()).or_default().insert(b.into());
        edges.entry(b.into()).or_default();
    };
    edge("a", "b");
    edge("b", "c");
    edge("c", "a");
    edge("c", "d");
    assert_eq!(
        cycles(&edges),
        vec![vec!["a".to_string(), "b".into(), "c".into()]]
    );
}

#[test]
fn use_trees_expand() {
    let mut got = expand("super::super::{actions::{Field, edit}, keymap::Action}");
    got.sort();
    assert_eq!(
        got,
        [
            "super::super::actions::Field",
            "super::super::actions::edit",
            "super::super::keymap::Action"
        ]
    );
}

/// What only the runner may name in `src/app`, and nothing in `src/ui`.
const IO: [&str; 10] = [
    "tokio",
    "reqwest",
    "rusqlite",
    "std::fs",
    "File::",
    "now_utc",
    "now_local",
    "Instant::now",
    "SystemTime",
    "thread::sleep",
];

#[test]
fn app_and_ui_do_no_io_outside_the_runner() {
    let mods = modules(&src());
    let mut offenders = Vec::new();
    for (name, file) in &mods {
        let pure = (name == "app"
            || name.starts_with("app::")
            || name == "ui"
            || name.starts_with("ui::"))
            && name != "app::runner";
        if !pure {
            continue;
        }
        let text = code(&std::fs::read_to_string(file).unwrap());
        for word in IO {
            if text.contains(word) {
                offenders.push(format!("{} names {word}", file.display()));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
    // The check can see: the runner does name them.
    let runner = code(&std::fs::read_to_string(&mods["app::runner"]).unwrap());
    assert!(runner.contains("tokio") && runner.contains("now_utc"));
}
