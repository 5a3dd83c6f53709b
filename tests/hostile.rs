//! Hostile input and faults, through the real binary: odd file names, numbers
//! at the edge of what the arithmetic can hold, concurrent runs, failing
//! writes and huge batches. Every case also checks that nothing outside
//! `--out` was touched. The corpus is in tests/hostile/corpus/.

#[path = "hostile/common.rs"]
mod common;
#[path = "hostile/input.rs"]
mod input;
#[path = "hostile/numbers.rs"]
mod numbers;
#[path = "hostile/output.rs"]
mod output;
