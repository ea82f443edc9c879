//! The start's steps for the simulator's generated catalog at 10k and 100k items: the getPlus
//! body read into items straight (now) and through a `serde_json::Value` tree (before); the
//! saved copy written as the body came (now) and as JSON rebuilt from the items (before); the
//! warm start's read of the saved copy from the journal; the catalog and its search index.

use std::hint::black_box;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use kash_pos::app::event::Loaded;
use kash_pos::app::runner::{cache_json, from_cache};
use kash_pos::journal::Journal;
use kash_pos::kash::ListEndpoint;
use kash_pos::kash::client::{parse_list, parse_list_bytes};
use kash_pos::kash::model::Item;
use kash_pos::pos::catalog::Catalog;
use kash_pos::sim::Simulator;

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    for n in [10_000usize, 100_000] {
        let label = format!("{}k", n / 1000);
        let sim = Simulator::with_generated_catalog(n);
        let body =
            serde_json::Value::Array(sim.catalog().items.iter().map(Item::to_wire).collect())
                .to_string();
        g.bench_function(BenchmarkId::new("body → items, straight", &label), |b| {
            b.iter(|| black_box(parse_list_bytes::<Item>("getPlus", body.as_bytes())));
        });
        g.bench_function(
            BenchmarkId::new("body → Value → items (before)", &label),
            |b| {
                b.iter(|| {
                    let value: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
                    black_box(parse_list::<Item>("getPlus", value))
                });
            },
        );
        let Ok(listed) = parse_list_bytes::<Item>("getPlus", body.as_bytes()) else {
            panic!("the generated catalog reads");
        };
        let loaded = Loaded::Items(listed.clone());
        g.bench_function(
            BenchmarkId::new("saved copy: JSON rebuilt from the items (before)", &label),
            |b| b.iter(|| black_box(cache_json(&loaded))),
        );
        let Ok(journal) = Journal::open_in_memory() else {
            panic!("an in-memory journal");
        };
        g.bench_function(
            BenchmarkId::new("saved copy written as the body came", &label),
            |b| b.iter(|| journal.save_cache("items", &body)),
        );
        g.bench_function(
            BenchmarkId::new("warm: saved copy read back into items", &label),
            |b| {
                b.iter(|| {
                    let Ok(Some((json, _))) = journal.load_cache("items") else {
                        panic!("saved above");
                    };
                    black_box(from_cache(ListEndpoint::Items, &json))
                });
            },
        );
        g.bench_function(BenchmarkId::new("catalog and search index", &label), |b| {
            b.iter_batched(
                || listed.items.clone(),
                |items| black_box(Catalog::new(items, vec![], vec![], vec![])),
                BatchSize::LargeInput,
            );
        });
        println!(
            "{label}: getPlus body {:.1} MB",
            body.len() as f64 / 1_000_000.0
        );
    }
    g.finish();
}

criterion_group! {
    name = load;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(load);
