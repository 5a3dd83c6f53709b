//! Per-path costs and whole runs, against the library.
//!
//! `cargo bench --bench paths` (release profile with LTO; about two minutes).
//! Throughputs are in paths per second.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rand::SeedableRng;
use walkaway::engine::{
    CHUNK_PATHS, Columns, Plan, Quiet, Sketches, Worker, pool, run_chunk, simulate,
};
use walkaway::model::strategy::{play, play_all};
use walkaway::model::{Params, PathRng, Strategy, World};
use walkaway::scenario::load_file;

fn params() -> Params {
    Params::new(&load_file(Path::new("scenarios/strong-large-gap.toml")).unwrap())
}

/// The world draw alone, each strategy alone (world draw included, since a
/// strategy needs a fresh world), and all four as the engine plays them.
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

/// Aggregation of one chunk's outcomes (exact moments and sketches), per
/// path, without playing them.
fn aggregation(c: &mut Criterion) {
    let p = params();
    let mut rng = PathRng::seed_from_u64(3);
    let mut w = World::new(&p);
    let mut columns = Columns::default();
    for _ in 0..CHUNK_PATHS {
        w.draw(&mut rng);
        columns.push(&play_all(&p, &mut w));
    }
    let mut g = c.benchmark_group("aggregation");
    g.throughput(Throughput::Elements(CHUNK_PATHS));
    g.bench_function("exact_moments", |b| b.iter(|| black_box(columns.exact(0))));
    let mut sketches = Sketches::default();
    g.bench_function("sketches", |b| {
        b.iter_batched_ref(
            || columns.clone(),
            |c| c.sketch_into(black_box(&mut sketches), true),
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

fn chunk(c: &mut Criterion) {
    let p = params();
    let mut g = c.benchmark_group("chunk");
    g.throughput(Throughput::Elements(CHUNK_PATHS));
    g.bench_function("run_chunk_with_aggregation", |b| {
        let mut worker = Worker::new(false);
        let mut i = 0;
        b.iter(|| {
            i += 1;
            black_box(run_chunk(&p, 7, i, CHUNK_PATHS, &mut worker, None))
        })
    });
    g.finish();
}

/// A whole run of the default sample scenario, 10^6 paths, on all cores:
/// without the charts' data (what `--no-charts` runs) and with it (the fan
/// subsample and the difference histograms).
fn end_to_end(c: &mut Criterion) {
    let p = params();
    let pool = pool(None).unwrap();
    let mut g = c.benchmark_group("end_to_end");
    g.sample_size(10);
    g.throughput(Throughput::Elements(1_000_000));
    for charts in [false, true] {
        let plan = Plan {
            paths: 1_000_000,
            seed: 42,
            charts,
        };
        let name = if charts {
            "simulate_1e6_with_chart_data"
        } else {
            "simulate_1e6"
        };
        g.bench_function(name, |b| {
            b.iter(|| black_box(simulate(&p, &plan, &pool, &Quiet).unwrap()))
        });
    }
    g.finish();
}

criterion_group!(benches, per_path, aggregation, chunk, end_to_end);
criterion_main!(benches);
