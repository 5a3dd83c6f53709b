//! One way to merge every aggregate: [`Merge`] for the leaves (moments,
//! sketches, counts) and for arrays of them, and [`merge_fields!`] for a
//! struct, which names every field so that one left out does not compile.

/// Folds the statistics of other paths into these.
pub trait Merge {
    fn merge(&mut self, other: &Self);
}

/// A count of paths.
impl Merge for u64 {
    #[inline]
    fn merge(&mut self, other: &Self) {
        *self += *other;
    }
}

impl<T: Merge, const N: usize> Merge for [T; N] {
    #[inline]
    fn merge(&mut self, other: &Self) {
        for (a, b) in self.iter_mut().zip(other) {
            a.merge(b);
        }
    }
}

/// Implements [`Merge`] for a struct by merging each field. The fields are
/// destructured without `..`, so a field missing from the list is a compile
/// error, not a statistic silently left unmerged.
#[macro_export]
macro_rules! merge_fields {
    ($ty:ty { $($field:ident),+ $(,)? }) => {
        impl $crate::stats::Merge for $ty {
            fn merge(&mut self, other: &Self) {
                let Self { $($field),+ } = other;
                $($crate::stats::Merge::merge(&mut self.$field, $field);)+
            }
        }
    };
}
