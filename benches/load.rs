//! The start's steps for the simulator's generated catalog at 10k and 100k items: the getPlus
//! body read as it arrives, in 64 KiB chunks, typed on the worker threads with the compact saved
//! copy written meanwhile (now), read whole on one thread, and through a `serde_json::Value`
//! tree (before); the saved copy in its compact form, and as JSON rebuilt from the items
//! (before), written to the journal; the warm start's read of the compact copy; the catalog and
//! its search index.

use std::hint::black_box;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use kash_pos::app::event::Loaded;
use kash_pos::app::runner::{cache_json, from_cache};
use kash_pos::journal::Journal;
use kash_pos::kash::ListEndpoint;
use kash_pos::kash::client::{parse_list, parse_list_bytes};
use kash_pos::kash::model::Item;
use kash_pos::kash::saved;
use kash_pos::kash::stream::{all_cores, parse_list_chunks_with};
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
        g.bench_function(
            BenchmarkId::new("body → items + compact copy, streamed (now)", &label),
            |b| {
                b.iter(|| {
                    let chunks = body.as_bytes().chunks(64 * 1024);
                    black_box(parse_list_chunks_with(
                        "getPlus",
                        chunks,
                        all_cores(),
                        saved::encode_item,
                    ))
                });
            },
        );
        g.bench_function(
            BenchmarkId::new("body → items, whole, one thread", &label),
            |b| {
                b.iter(|| black_box(parse_list_bytes::<Item>("getPlus", body.as_bytes())));
            },
        );
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
        let compact = saved::encode_items(&listed);
        g.bench_function(BenchmarkId::new("compact copy encoded", &label), |b| {
            b.iter(|| black_box(saved::encode_items(&listed)));
        });
        g.bench_function(
            BenchmarkId::new("compact copy written to the journal", &label),
            |b| b.iter(|| journal.save_cache("items", &compact)),
        );
        // Saved here too: the read back is measured when the write above is filtered out.
        assert!(
            journal.save_cache("items", &compact).is_ok(),
            "the compact copy is saved"
        );
        g.bench_function(
            BenchmarkId::new("warm: compact copy read back into items", &label),
            |b| {
                b.iter(|| {
                    let Ok(Some((json, _))) = journal.load_cache("items") else {
                        panic!("saved just above");
                    };
                    black_box(from_cache(ListEndpoint::Items, &json))
                });
            },
        );
        g.bench_function(
            BenchmarkId::new("warm: compact copy read from the journal", &label),
            |b| b.iter(|| black_box(journal.load_cache("items"))),
        );
        g.bench_function(
            BenchmarkId::new("warm: compact copy decoded", &label),
            |b| {
                b.iter(|| black_box(from_cache(ListEndpoint::Items, &compact)));
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
            "{label}: getPlus body {:.1} MB, compact copy {:.1} MB",
            body.len() as f64 / 1_000_000.0,
            compact.len() as f64 / 1_000_000.0
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
