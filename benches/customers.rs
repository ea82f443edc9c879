//! The customer picker's search over 50 000 customers, per keystroke: a name typed letter by
//! letter, a phone fragment, a postcode, and a letter found in nearly every customer (the worst
//! case: every haystack matches and is ranked).

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use kash_pos::kash::model::Customer;
use kash_pos::pos::customers::Customers;

const CUSTOMERS: u64 = 50_000;
const FIRST: [&str; 10] = [
    "Zoé", "Léa", "Hugo", "Nadia", "Élodie", "Thomas", "Chloé", "Karim", "Inès", "Jérôme",
];
const LAST: [&str; 10] = [
    "Durand", "Lefèvre", "Martin", "Benali", "Fontaine", "Moreau", "Garnier", "Rousseau", "Dubois",
    "Girard",
];
const CITIES: [&str; 5] = ["Paris", "Lyon", "Lille", "Nantes", "Besançon"];

fn list() -> Vec<Customer> {
    let pick = |list: &[&'static str], n: u64| list[usize::try_from(n).unwrap_or(0) % list.len()];
    (0..CUSTOMERS)
        .map(|n| {
            let first = pick(&FIRST, n);
            let last = pick(&LAST, n / 10);
            Customer {
                id: n + 1,
                surname: first.to_string(),
                name: format!("{last} {n}"),
                email: format!(
                    "{}.{}{n}@example.com",
                    first.to_lowercase(),
                    last.to_lowercase()
                ),
                phone: format!(
                    "06 {:02} {:02} {:02} {:02}",
                    n % 100,
                    (n / 100) % 100,
                    n % 7,
                    n % 89
                ),
                postcode: format!("{:05}", 10_000 + (n * 37) % 85_000),
                city: pick(&CITIES, n / 3).to_string(),
                barcode: format!("CLI{n:06}"),
                ..Customer::default()
            }
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let customers = list();
    c.bench_function("customers 50k: index the file", |b| {
        b.iter_batched(
            || customers.clone(),
            |l| black_box(Customers::new(l)),
            BatchSize::LargeInput,
        );
    });
    let f = Customers::new(customers);
    for q in ["d", "du", "dur", "dura", "duran", "durand"] {
        c.bench_function(
            &format!("customers 50k: {q:?} (a name, keystroke by keystroke)"),
            |b| {
                b.iter(|| black_box(f.search(black_box(q), 200)));
            },
        );
    }
    c.bench_function("customers 50k: \"e\" (in nearly every customer)", |b| {
        b.iter(|| black_box(f.search(black_box("e"), 200)));
    });
    c.bench_function("customers 50k: \"0612 34\" (a phone)", |b| {
        b.iter(|| black_box(f.search(black_box("0612 34"), 200)));
    });
    c.bench_function("customers 50k: \"zoe 75\" (a name and a postcode)", |b| {
        b.iter(|| black_box(f.search(black_box("zoe 75"), 200)));
    });
    c.bench_function("customers 50k: a loyalty card", |b| {
        b.iter(|| black_box(f.by_card(black_box("CLI049999"))));
    });
}

criterion_group! {
    name = customer_benches;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(customer_benches);
