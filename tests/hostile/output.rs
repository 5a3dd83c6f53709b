//! (filled in by this work)

#[allow(unused_imports)]
use super::common::*;
