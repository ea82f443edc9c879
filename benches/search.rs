//! The name search per keystroke at 10k, 100k and 300k items: a query that matches every title
//! (the worst case: "article" on the simulator's generated catalog), a word typed letter by
//! letter on a catalog of mixed titles (each key narrows from the one before, as at the till),
//! and the same keys as fresh searches. "nucleo full sort" is the search kash-pos had before
//! (nucleo's fuzzy score on every title, then a sort of every match), kept here as the reference.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kash_pos::kash::model::Item;
use kash_pos::pos::catalog::Catalog;
use kash_pos::pos::search::SearchIndex;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use rust_decimal::Decimal;

const SIZES: [u64; 3] = [10_000, 100_000, 300_000];
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
const TYPED: [&str; 6] = ["c", "cr", "cro", "croi", "crois", "croiss"];

fn items(n: u64, title: impl Fn(u64) -> String) -> Vec<Item> {
    (0..n)
        .map(|n| Item {
            id: n + 1,
            title: title(n).into(),
            short_title: "".into(),
            price: Decimal::new(i64::try_from(n % 5000).unwrap_or(0) + 50, 2),
            department_id: Some(1),
            vat_id: None,
            barcode: format!("30{n:011}").into(),
            stock: None,
            internal_id: "".into(),
            hidden: false,
            position: 0,
            variation_ids: vec![],
        })
        .collect()
}

fn generated(n: u64) -> Vec<Item> {
    items(n, |n| format!("Article {:06}", n + 1))
}

fn mixed(n: u64) -> Vec<Item> {
    items(n, |n| {
        let w = |k: u64| WORDS[usize::try_from((n / k) % 12).unwrap_or(0)];
        format!(
            "{} {} {} {n}",
            w(1),
            w(12).to_lowercase(),
            w(144).to_lowercase()
        )
    })
}

/// The previous search: nucleo on every title, every match sorted.
fn nucleo_full_sort(haystacks: &[String], query: &str, limit: usize) -> Vec<usize> {
    let pattern = Pattern::new(
        query,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = haystacks
        .iter()
        .enumerate()
        .filter_map(|(i, hay)| {
            pattern
                .score(Utf32Str::new(hay, &mut buf), &mut matcher)
                .map(|s| (s, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(limit).map(|(_, i)| i).collect()
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("search");
    for n in SIZES {
        let label = format!("{}k", n / 1000);
        let all = generated(n);
        let titles: Vec<String> = all.iter().map(|i| i.title.to_string()).collect();
        let index = SearchIndex::new(&all);
        g.bench_function(BenchmarkId::new("\"article\" (every title)", &label), |b| {
            b.iter(|| black_box(index.search_fresh(black_box("article"), 50)));
        });
        g.bench_function(
            BenchmarkId::new("\"article\" nucleo full sort (before)", &label),
            |b| b.iter(|| black_box(nucleo_full_sort(&titles, black_box("article"), 50))),
        );
        let mixed_items = mixed(n);
        let titles: Vec<String> = mixed_items.iter().map(|i| i.title.to_string()).collect();
        let catalog = Catalog::new(mixed_items, vec![], vec![], vec![]);
        g.bench_function(
            BenchmarkId::new("typing \"croiss\", 6 keys + \"x\", narrowing", &label),
            |b| {
                b.iter(|| {
                    for q in TYPED {
                        black_box(catalog.search(black_box(q), 50));
                    }
                    // Back to an unrelated query: the next "c" searches everything again.
                    black_box(catalog.search(black_box("x"), 50));
                });
            },
        );
        if n > 100_000 {
            // The reference takes minutes at this size.
            continue;
        }
        g.bench_function(
            BenchmarkId::new(
                "typing \"croiss\", 6 keys, nucleo full sort (before)",
                &label,
            ),
            |b| {
                b.iter(|| {
                    for q in TYPED {
                        black_box(nucleo_full_sort(&titles, black_box(q), 50));
                    }
                });
            },
        );
    }
    g.finish();
}

criterion_group! {
    name = search;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(search);
