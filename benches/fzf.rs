//! The name search against `fzf --filter` on the same titles, in the same run: medians and their
//! ratio for a query that matches every title ("article" on the simulator's generated catalog)
//! and one that matches a few ("croiss" on mixed titles), at 100k and 300k items. fzf is timed
//! as a process reading the titles on its standard input, as it is used; kash-pos's search as
//! one call on the index built at load. Skipped, with a message, where fzf is not installed.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kash_pos::kash::model::Item;
use kash_pos::pos::search::SearchIndex;
use rust_decimal::Decimal;

const WORDS: [&str; 12] = [
    "Baguette",
    "Croissant",
    "Café",
    "Tarte",
    "Pain",
    "Éclair",
    "Chocolat",
    "Fraise",
    "Vin",
    "Fromage",
    "Jambon",
    "Thé",
];

fn item(n: u64, title: String) -> Item {
    Item {
        id: n + 1,
        title: title.into(),
        short_title: "".into(),
        price: Decimal::ONE,
        department_id: None,
        vat_id: None,
        barcode: format!("30{n:011}").into(),
        stock: None,
        internal_id: "".into(),
        hidden: false,
        position: 0,
        variation_ids: vec![],
    }
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn fzf(titles: &str, query: &str) -> Option<Duration> {
    let started = Instant::now();
    let mut child = Command::new("fzf")
        .args(["--filter", query])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(titles.as_bytes()).ok()?;
    child.wait_with_output().ok()?;
    Some(started.elapsed())
}

fn main() {
    if Command::new("fzf").arg("--version").output().is_err() {
        println!("fzf is not installed: the comparison with fzf --filter is skipped");
        return;
    }
    for n in [100_000u64, 300_000] {
        let cases: [(&str, &str, Vec<Item>); 2] = [
            (
                "generated",
                "article",
                (0..n)
                    .map(|k| item(k, format!("Article {:06}", k + 1)))
                    .collect(),
            ),
            (
                "mixed",
                "croiss",
                (0..n)
                    .map(|k| {
                        let w = |d: u64| WORDS[usize::try_from((k / d) % 12).unwrap_or(0)];
                        let title = format!(
                            "{} {} {} {k}",
                            w(1),
                            w(12).to_lowercase(),
                            w(144).to_lowercase()
                        );
                        item(k, title)
                    })
                    .collect(),
            ),
        ];
        for (kind, query, items) in cases {
            let mut titles = String::new();
            for i in &items {
                titles.push_str(&i.title);
                titles.push('\n');
            }
            let index = SearchIndex::new(&items);
            let ours = median(
                (0..31)
                    .map(|_| {
                        let t = Instant::now();
                        std::hint::black_box(index.search_fresh(query, 50));
                        t.elapsed()
                    })
                    .collect(),
            );
            let theirs: Option<Vec<Duration>> = (0..11).map(|_| fzf(&titles, query)).collect();
            let Some(theirs) = theirs.map(median) else {
                println!("fzf --filter failed to run: skipped");
                return;
            };
            println!(
                "{}k {kind} {query:?}: kash-pos {:.2} ms, fzf --filter {:.2} ms, {:.1}x faster",
                n / 1000,
                ours.as_secs_f64() * 1e3,
                theirs.as_secs_f64() * 1e3,
                theirs.as_secs_f64() / ours.as_secs_f64()
            );
        }
    }
}
