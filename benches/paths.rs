//! Per-path costs and a whole run, against the library.
//!
//! `cargo bench --bench paths`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rand::SeedableRng;
use walkaway::engine::{Plan, Quiet, Worker, pool, run_chunk, simulate};
use walkaway::model::strategy::{play, play_all};
use walkaway::model::{Params, PathRng, Strategy, World};
use walkaway::scenario::load_file;

fn params() -> Params {
    Params::new(&load_file(Path::new("scenarios/strong-large-gap.toml")).unwrap())
}

fn per_path(c: &mut Criterion) {
    let p = params();
    let mut g = c.benchmark_group("per_path");
    g.throughput(Throughput::Elements(1));
    let mut rng = PathRng::seed_from_u64(1);
    let mut w = World::new(&p);
    g.bench_function("world_draw", |b| b.iter(|| w.draw(black_box(&mut rng))));
    for s in Strategy::ALL {
        g.bench_function(format!("strategy_{}", s.name()), |b| {
            b.iter(|| {
                w.draw(&mut rng);
                black_box(play(&p, &mut w, s))
            })
        });
    }
    g.bench_function("all_strategies", |b| {
        b.iter(|| {
            w.draw(&mut rng);
            black_box(play_all(&p, &mut w))
        })
    });
    g.finish();
}

fn chunk(c: &mut Criterion) {
    let p = params();
    let mut g = c.benchmark_group("chunk");
    g.throughput(Throughput::Elements(4096));
    g.bench_function("run_chunk_4096_with_aggregation", |b| {
        let mut worker = Worker::default();
        let mut i = 0;
        b.iter(|| {
            i += 1;
            black_box(run_chunk(&p, 7, i, 4096, &mut worker, None))
        })
    });
    g.finish();
}

fn end_to_end(c: &mut Criterion) {
    let p = params();
    let pool = pool(None).unwrap();
    let mut g = c.benchmark_group("end_to_end");
    g.sample_size(10);
    g.throughput(Throughput::Elements(1_000_000));
    let plan = Plan {
        paths: 1_000_000,
        seed: 42,
        fan: false,
    };
    g.bench_function("simulate_1e6_paths", |b| {
        b.iter(|| black_box(simulate(&p, &plan, &pool, &Quiet).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, per_path, chunk, end_to_end);
criterion_main!(benches);
