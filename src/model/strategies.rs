//! The strategies, in one table: each one's name, label, colour, verdict
//! class and search, and everything counted over them ([`Strategy::COUNT`],
//! [`Strategy::ALL`], [`PerStrategy`], [`PAIRS`]) derived from it. A new
//! strategy is one more row here and its play in `strategy.rs`
//! (docs/model.md, the strategies).

use std::ops::{Index, IndexMut};

use crate::stats::Merge;
use crate::verdict::Verdict;

/// When a strategy searches the market, if it ever does (the search chart's
/// strategies and the order it draws them in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Search {
    /// Searches from today.
    AtOnce,
    /// Searches from the counter's answer, when it walks then.
    AfterCounter,
    /// Takes a job on offer (searching only when the offer is rescinded,
    /// which the search chart leaves out).
    Never,
}

/// What the reports say about one strategy and how they show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Description {
    /// As written in the CSV and JSON files.
    pub name: &'static str,
    /// As written for a person, in the reports and charts.
    pub label: &'static str,
    /// Its colour in every chart (red, green, blue).
    pub colour: (u8, u8, u8),
    /// The verdict it stands for.
    pub class: Verdict,
    pub search: Search,
}

/// Declares [`Strategy`] and its table from one list of rows, so that the
/// enum, [`Strategy::ALL`] and the descriptions cannot disagree.
macro_rules! strategies {
    ($($(#[$doc:meta])* $variant:ident => $description:expr,)+) => {
        /// The strategies in the order of the model, which is also the
        /// tie-break order of the simulation verdict.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum Strategy {
            $($(#[$doc])* $variant,)+
        }

        impl Strategy {
            /// Every strategy, in order.
            pub const ALL: [Strategy; Strategy::COUNT] = [$(Strategy::$variant,)+];
            /// How many there are.
            pub const COUNT: usize = [$(stringify!($variant),)+].len();
            const TABLE: [Description; Strategy::COUNT] = [$($description,)+];
        }
    };
}

// Okabe-Ito colours: distinguishable with every common colour-vision
// deficiency.
strategies! {
    /// The offer as it stands.
    Accept => Description {
        name: "accept",
        label: "Accept as offered",
        colour: (0, 114, 178),
        class: Verdict::Take,
        search: Search::Never,
    },
    /// Counter, then accept whatever comes back.
    CounterAccept => Description {
        name: "counter_accept",
        label: "Counter, then accept",
        colour: (0, 158, 115),
        class: Verdict::Take,
        search: Search::Never,
    },
    /// Counter, then walk if the answer misses the floor by more than the
    /// tolerance.
    CounterWalk => Description {
        name: "counter_walk",
        label: "Counter, then decide",
        colour: (230, 159, 0),
        class: Verdict::CounterThenDecide,
        search: Search::AfterCounter,
    },
    /// Decline today and search.
    Walk => Description {
        name: "walk",
        label: "Walk and search",
        colour: (213, 94, 0),
        class: Verdict::Walk,
        search: Search::AtOnce,
    },
}

impl Strategy {
    /// Its row of the table.
    #[inline]
    pub const fn describe(self) -> &'static Description {
        &Strategy::TABLE[self as usize]
    }

    pub const fn name(self) -> &'static str {
        self.describe().name
    }

    /// As shown to a person: "Accept as offered".
    pub const fn label(self) -> &'static str {
        self.describe().label
    }

    /// The verdict class the strategy stands for.
    pub const fn class(self) -> Verdict {
        self.describe().class
    }

    /// When it searches, if ever.
    pub const fn search(self) -> Search {
        self.describe().search
    }

    /// Its position in [`Strategy::ALL`].
    #[inline(always)]
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The strategies that search, in the order they start: walking at once
    /// first, then after a counter.
    pub fn searchers() -> Vec<Strategy> {
        let mut v: Vec<Strategy> = Strategy::ALL
            .into_iter()
            .filter(|s| s.search() != Search::Never)
            .collect();
        v.sort_by_key(|s| s.search());
        v
    }
}

/// The number of unordered pairs of strategies.
pub const PAIR_COUNT: usize = Strategy::COUNT * (Strategy::COUNT - 1) / 2;

/// Every unordered pair `(a, b)` with `a` before `b`, ordered by `a` then
/// `b`: the paired differences `V_a - V_b` behind the verdict's ties.
pub const PAIRS: [(Strategy, Strategy); PAIR_COUNT] = {
    let mut pairs = [(Strategy::ALL[0], Strategy::ALL[0]); PAIR_COUNT];
    let (mut a, mut k) = (0, 0);
    while a < Strategy::COUNT {
        let mut b = a + 1;
        while b < Strategy::COUNT {
            pairs[k] = (Strategy::ALL[a], Strategy::ALL[b]);
            k += 1;
            b += 1;
        }
        a += 1;
    }
    pairs
};

/// Index in [`PAIRS`] of the pair {a, b}; `a != b`.
#[inline]
pub const fn pair_index(a: Strategy, b: Strategy) -> usize {
    let (a, b) = if a.index() < b.index() {
        (a.index(), b.index())
    } else {
        (b.index(), a.index())
    };
    assert!(a != b, "a pair of two different strategies");
    // Pairs starting before a, then b's place after a.
    a * (2 * Strategy::COUNT - a - 1) / 2 + (b - a - 1)
}

/// One `T` per strategy, indexed by [`Strategy`]: a plain array inside, so
/// it costs what `[T; COUNT]` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct PerStrategy<T>(pub [T; Strategy::COUNT]);

impl<T> PerStrategy<T> {
    /// `f(s)` for each strategy, called in the order of [`Strategy::ALL`].
    #[inline]
    pub fn from_fn(mut f: impl FnMut(Strategy) -> T) -> Self {
        PerStrategy(std::array::from_fn(|i| f(Strategy::ALL[i])))
    }

    #[inline]
    pub fn map<U>(self, mut f: impl FnMut(Strategy, T) -> U) -> PerStrategy<U> {
        let mut i = 0;
        PerStrategy(self.0.map(|x| {
            let s = Strategy::ALL[i];
            i += 1;
            f(s, x)
        }))
    }

    /// Each strategy with its value, in order.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = (Strategy, &T)> {
        Strategy::ALL.into_iter().zip(&self.0)
    }

    #[inline]
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (Strategy, &mut T)> {
        Strategy::ALL.into_iter().zip(&mut self.0)
    }

    /// The values alone, in order.
    #[inline]
    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    #[inline]
    pub fn values_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.0.iter_mut()
    }

    /// Two different strategies' values, both mutable.
    #[inline]
    pub fn two_mut(&mut self, a: Strategy, b: Strategy) -> (&mut T, &mut T) {
        let [x, y] = self
            .0
            .get_disjoint_mut([a.index(), b.index()])
            .expect("two different strategies");
        (x, y)
    }
}

impl<T: Default> Default for PerStrategy<T> {
    fn default() -> Self {
        PerStrategy::from_fn(|_| T::default())
    }
}

impl<T> Index<Strategy> for PerStrategy<T> {
    type Output = T;
    #[inline(always)]
    fn index(&self, s: Strategy) -> &T {
        &self.0[s.index()]
    }
}

impl<T> IndexMut<Strategy> for PerStrategy<T> {
    #[inline(always)]
    fn index_mut(&mut self, s: Strategy) -> &mut T {
        &mut self.0[s.index()]
    }
}

impl<T: Merge> Merge for PerStrategy<T> {
    #[inline]
    fn merge(&mut self, other: &Self) {
        self.0.merge(&other.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_strategy_at_its_index() {
        assert_eq!(Strategy::ALL.len(), Strategy::COUNT);
        for (i, s) in Strategy::ALL.into_iter().enumerate() {
            assert_eq!(s.index(), i);
        }
        let names: std::collections::HashSet<_> = Strategy::ALL.map(Strategy::name).into();
        assert_eq!(names.len(), Strategy::COUNT, "names are distinct");
    }

    #[test]
    fn pairs_are_every_unordered_pair_once_in_order() {
        // Ordered by the first strategy, then the second: with four
        // strategies, the order the outputs were written with.
        assert!(PAIRS.windows(2).all(|w| w[0] < w[1]));
        let mut seen = std::collections::HashSet::new();
        for (k, &(a, b)) in PAIRS.iter().enumerate() {
            assert!(a < b);
            assert!(seen.insert((a, b)));
            assert_eq!(pair_index(a, b), k);
            assert_eq!(pair_index(b, a), k);
        }
        assert_eq!(seen.len(), Strategy::COUNT * (Strategy::COUNT - 1) / 2);
        assert_eq!(PAIRS[0], (Strategy::Accept, Strategy::CounterAccept));
    }

    #[test]
    fn per_strategy_is_indexed_by_strategy() {
        let mut p = PerStrategy::from_fn(|s| s.index() * 10);
        p[Strategy::Walk] += 1;
        assert_eq!(p[Strategy::Walk], 31);
        assert_eq!(p.iter().nth(1), Some((Strategy::CounterAccept, &10)));
        let q = p.map(|s, x| (s, x + 1));
        assert_eq!(q[Strategy::Accept], (Strategy::Accept, 1));
        let (a, w) = p.two_mut(Strategy::Accept, Strategy::Walk);
        std::mem::swap(a, w);
        assert_eq!((p[Strategy::Accept], p[Strategy::Walk]), (31, 0));
    }

    #[test]
    fn searchers_start_with_walking() {
        assert_eq!(
            Strategy::searchers(),
            [Strategy::Walk, Strategy::CounterWalk]
        );
    }
}
