//! The name search over 100 000 items, per keystroke: a query that matches every title (the
//! worst case: "article" on the simulator's generated catalog) and a word typed letter by
//! letter on a catalog of mixed titles.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kash_pos::kash::model::Item;
use kash_pos::pos::catalog::Catalog;
use rust_decimal::Decimal;

const ITEMS: u64 = 100_000;
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

fn catalog(title: impl Fn(u64) -> String) -> Catalog {
    let items = (0..ITEMS)
        .map(|n| Item {
            id: n + 1,
            title: title(n),
            short_title: String::new(),
            price: Decimal::new(i64::try_from(n % 5000).unwrap_or(0) + 50, 2),
            department_id: Some(1),
            vat_id: None,
            barcode: format!("30{n:011}"),
            stock: None,
            internal_id: String::new(),
            hidden: false,
            position: 0,
            variation_ids: vec![],
        })
        .collect();
    Catalog::new(items, vec![], vec![], vec![])
}

fn benches(c: &mut Criterion) {
    let generated = catalog(|n| format!("Article {:06}", n + 1));
    c.bench_function("search 100k: \"article\" matches every title", |b| {
        b.iter(|| black_box(generated.search(black_box("article"), 50)));
    });
    let mixed = catalog(|n| {
        let w = |k: u64| WORDS[usize::try_from((n / k) % 12).unwrap_or(0)];
        format!(
            "{} {} {} {n}",
            w(1),
            w(12).to_lowercase(),
            w(144).to_lowercase()
        )
    });
    let typed = ["c", "cr", "cro", "croi", "crois", "croiss"];
    c.bench_function(
        "search 100k mixed titles: one key of \"croiss\" (mean of 6)",
        |b| {
            b.iter(|| {
                for q in typed {
                    black_box(mixed.search(black_box(q), 50));
                }
            });
        },
    );
}

criterion_group! {
    name = search;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(search);
