//! A cashier's PIN: setting it (a new salt, PBKDF2-HMAC-SHA256 at the till's iterations) and
//! checking it. Both run on the event loop when the cashier presses Enter: this is how long
//! the screen waits.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kash_pos::pos::cashiers::PinHash;

fn pin(c: &mut Criterion) {
    let mut g = c.benchmark_group("pin");
    g.sample_size(20);
    g.bench_function("set", |b| {
        b.iter(|| PinHash::new_random(black_box("482913")));
    });
    let hash = PinHash::new_random("482913");
    g.bench_function("check", |b| b.iter(|| hash.verify(black_box("482913"))));
    g.finish();
}

criterion_group!(benches, pin);
criterion_main!(benches);
