//! What `walkaway sensitivity` costs, against the library, on two threads
//! (the machine the README's time target is for).
//!
//! `cargo bench --bench sensitivity` (release profile with LTO; a few
//! minutes). Each figure is the time for one scenario, the `init` template.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use walkaway::engine::{Quiet, pool};
use walkaway::scenario::{TEMPLATE, parse_str};
use walkaway::sensitivity::{self, DEFAULT_MAP_PATHS, maps};

/// The verdict maps of the template (an unemployed candidate: both maps,
/// 1,886 cells) at the default 10,000 paths per cell; the throughput is in
/// cell-paths.
fn verdict_maps(c: &mut Criterion) {
    let s = parse_str(TEMPLATE, Path::new("scenario.toml")).unwrap();
    let pool = pool(Some(2)).unwrap();
    let mut g = c.benchmark_group("sensitivity");
    g.sample_size(10);
    g.throughput(Throughput::Elements(
        maps::cell_count(&s) * DEFAULT_MAP_PATHS,
    ));
    g.bench_function("maps_template_10000", |b| {
        b.iter(|| black_box(maps::maps(&s, DEFAULT_MAP_PATHS, &pool, &Quiet, 0).unwrap()))
    });
    g.throughput(Throughput::Elements(1));
    let opts = sensitivity::Options::default();
    g.bench_function("all_template_defaults", |b| {
        b.iter(|| black_box(sensitivity::compute(&s, &opts, &pool, &Quiet).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, verdict_maps);
criterion_main!(benches);
