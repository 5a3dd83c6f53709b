//! Per-path costs and whole runs, against the library.
//!
//! `cargo bench --bench paths` (release profile with LTO; about three minutes).
//! Throughputs are in paths per second.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, LogNormal};
use walkaway::engine::{
    CHUNK_PATHS, Columns, Plan, Quiet, Sketches, Worker, pool, run_chunk, simulate,
};
use walkaway::model::strategy::{play, play_all};
use walkaway::model::world::Used;
use walkaway::model::{Params, PathRng, Strategy, World};
use walkaway::scenario::load_file;

fn params() -> Params {
    Params::new(&load_file(Path::new("scenarios/strong-large-gap.toml")).unwrap())
}

/// The world draw alone, each strategy alone (world draw included, since a
/// strategy needs a fresh world), and all of them as the engine plays them.
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

/// One path of the throughput issue's reference loop.
#[inline(always)]
fn reference_world(lognormal: &LogNormal<f64>, rng: &mut PathRng) -> [f64; 36] {
    let mut world = [0.0; 36];
    for x in &mut world[..8] {
        *x = lognormal.sample(rng);
    }
    for x in &mut world[8..] {
        *x = rng.random::<f64>();
    }
    world
}

/// Two floors under a path's cost. `issue_reference` is the loop the
/// throughput issue measured its targets against: about 36 numbers a path,
/// 8 of them lognormal, from Xoshiro256++ and rand_distr, with no model.
/// `draws_only` is this model's own: the world draw plus exactly the
/// rounds, jobs and distress draws the strategies asked for on the
/// same path, with no strategy played.
fn draw_floor(c: &mut Criterion) {
    const PATHS: usize = 1 << 16;
    let p = params();
    let start = PathRng::seed_from_u64(11);
    let mut rng = start.clone();
    let mut w = World::new(&p);
    let used: Vec<_> = (0..PATHS)
        .map(|_| {
            w.draw(&mut rng);
            play_all(&p, &mut w);
            w.used()
        })
        .collect();
    let mean = |f: &dyn Fn(&Used) -> usize| used.iter().map(f).sum::<usize>() as f64 / PATHS as f64;
    eprintln!(
        "items a path uses: {:.3} rounds, {:.3} jobs, {:.4} distress",
        mean(&|u| u.rounds),
        mean(&|u| u.jobs),
        mean(&|u| usize::from(u.distress))
    );
    let mut g = c.benchmark_group("floor");
    g.throughput(Throughput::Elements(1));
    g.bench_function("issue_reference", |b| {
        let lognormal = LogNormal::new(0.1, 0.2).unwrap();
        let mut rng = PathRng::seed_from_u64(12);
        b.iter(|| black_box(reference_world(&lognormal, &mut rng)))
    });
    g.bench_function("draws_only", |b| {
        let mut rng = start.clone();
        let mut i = 0;
        b.iter(|| {
            if i == PATHS {
                i = 0;
                rng = start.clone();
            }
            let u = used[i];
            i += 1;
            w.draw(&mut rng);
            if u.rounds > 0 {
                black_box(w.round(u.rounds - 1));
            }
            if u.jobs > 0 {
                black_box(w.job(u.jobs));
            }
            if u.distress {
                black_box(w.distress());
            }
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
    // The reference loop on the same cores, so that a run's
    // throughput can be read against the machine's speed of the moment.
    g.bench_function("issue_reference_1e6", |b| {
        let lognormal = LogNormal::new(0.1, 0.2).unwrap();
        let threads = pool.current_num_threads() as u64;
        b.iter(|| {
            pool.broadcast(|ctx| {
                let mut rng = PathRng::seed_from_u64(ctx.index() as u64);
                let mut last = 0.0;
                for _ in 0..1_000_000 / threads {
                    last = black_box(reference_world(&lognormal, &mut rng))[35];
                }
                last
            })
        })
    });
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

/// The walk-away numbers alone for one scenario, at the default 20,000
/// paths per evaluation, on two threads.
fn frontier(c: &mut Criterion) {
    let s = load_file(Path::new("scenarios/strong-large-gap.toml")).unwrap();
    let p = Params::new(&s);
    let pool = pool(Some(2)).unwrap();
    let mut g = c.benchmark_group("frontier");
    g.sample_size(10);
    g.bench_function("strong_large_gap_20000", |b| {
        b.iter(|| black_box(walkaway::frontier::compute(&s, &p, 20_000, &pool, &Quiet).unwrap()))
    });
    g.finish();
}

criterion_group!(
    benches,
    per_path,
    draw_floor,
    aggregation,
    chunk,
    end_to_end,
    frontier
);
criterion_main!(benches);
