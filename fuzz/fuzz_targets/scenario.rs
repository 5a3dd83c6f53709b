//! Any bytes as a scenario file: parsing and validation must answer with a
//! scenario or errors, never a panic; a scenario that validates must then
//! simulate a few paths to finite numbers.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use walkaway::engine::{Worker, run_chunk};
use walkaway::model::{Params, Strategy};
use walkaway::scenario::parse_str;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_str(text, Path::new("fuzz.toml")) {
        Err(errors) => {
            assert!(!errors.0.is_empty());
            for e in &errors.0 {
                assert!(e.to_string().starts_with("fuzz.toml"));
            }
        }
        Ok(s) => {
            let params = Params::new(&s);
            let mut worker = Worker::new(true);
            let stats = run_chunk(&params, s.simulation.seed, 0, 3, &mut worker, None);
            for m in stats.strategies.values() {
                assert!(m.value.mean().is_finite() && m.earnings.mean().is_finite());
            }
            // Adding the paths to the sketches checks every outcome is finite
            // (in debug builds, which fuzzing uses).
            let sketches = worker.into_sketches();
            assert_eq!(sketches.value[Strategy::Accept].count(), 3);
        }
    }
});
