//! The world of one path (docs/model.md): every random quantity any
//! strategy may need, drawn once and shared by every strategy (common
//! random numbers).
//!
//! Search rounds and jobs form open-ended sequences. Each has a generator of
//! its own, seeded from the path's generator, and its items are drawn on
//! first use and kept, so the i-th round and the j-th job are the same
//! numbers in every strategy while no path draws more than it uses. The
//! distress draws, which few paths need, have a generator of their own too.
//! The raises of the calendar years before the horizon, which nearly every
//! path needs, are drawn with the path.

use rand::Rng;

use super::Params;
use super::dist::{PathRng, StreamRng, unit};
use super::exp::exp;

/// One search round (docs/model.md): its length in weeks `D_i`, the
/// offer as a multiple of the market median `n_i`, and the job's fit `f_i`,
/// with the round's length in years, `D_i * softness / 52`, and its
/// discount and market growth factors (see [`super::Clock`]).
///
/// The layout is fixed so that the two factors, which a clock multiplies
/// side by side, are not neighbours: read back right after they were
/// drawn (and stored one by one), a neighbouring pair would be loaded as
/// one 16-byte word, and such a load waits until both stores have left the
/// store buffer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[repr(C)]
pub struct Round {
    pub years: f64,
    pub discount: f64,
    pub offer: f64,
    pub growth: f64,
    pub fit: f64,
    pub weeks: f64,
}

/// Draws tied to job ordinal j (docs/model.md): tenure `tau_j`, bump
/// `b_j` when it ends, and the fit `phi_(j+1)` of the job after the change,
/// with the discount and market growth factors over the tenure (laid out
/// apart, as in [`Round`]).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[repr(C)]
pub struct JobDraw {
    pub tenure: f64,
    pub discount: f64,
    pub bump: f64,
    pub growth: f64,
    pub next_fit: f64,
}

/// A lazily drawn sequence with its own generator.
///
/// The slots outlive a path: `drawn` is reset, the slots are overwritten,
/// and the vector only grows when a path needs more items than any path
/// before it. A slot exists before its item is drawn, so the item goes from
/// registers straight into it; pushing a drawn item, which could
/// reallocate, made the compiler park it on the stack first and copy it
/// over in wider loads than it was stored with, which stalled each draw
/// until the stores had drained.
#[derive(Debug, Clone)]
struct Sequence<T> {
    rng: StreamRng,
    slots: Vec<T>,
    /// Items drawn on this path: `slots[..drawn]`.
    drawn: usize,
}

impl<T: Copy + Default> Sequence<T> {
    fn new() -> Self {
        Sequence {
            rng: StreamRng::new(0),
            slots: Vec::new(),
            drawn: 0,
        }
    }

    fn reset(&mut self, seed: u64) {
        self.rng = StreamRng::new(seed);
        self.drawn = 0;
    }

    /// Item i, drawing it (and any before it) on first use. The look-up is
    /// inlined and the drawing is not: every strategy asks for the same
    /// items, so most calls find them drawn.
    #[inline(always)]
    fn get(&mut self, i: usize, draw: impl FnMut(&mut StreamRng) -> T) -> T {
        if i >= self.drawn {
            self.draw_to(i, draw);
        }
        self.slots[i]
    }

    #[inline(never)]
    fn draw_to(&mut self, i: usize, mut draw: impl FnMut(&mut StreamRng) -> T) {
        while self.drawn <= i {
            if self.drawn == self.slots.len() {
                self.grow();
            }
            // Drawn straight into its slot: nothing else holds the item.
            self.slots[self.drawn] = draw(&mut self.rng);
            self.drawn += 1;
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        self.slots.push(T::default());
    }
}

/// The scalar draws of a path, named as in the model (docs/model.md).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scalars {
    /// The company comes back (`U < q`).
    pub reengaged: bool,
    pub reengage_months: f64,
    pub reengage_uplift: f64,
    pub u_rescind: f64,
    pub u_success: f64,
    pub meet: f64,
}

/// The distress draws (docs/model.md), needed only on the few paths
/// whose search outlasts the runway, so drawn from a stream of their own
/// when first asked for.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Distress {
    /// Distress offer as a multiple of the median, `d`.
    pub offer: f64,
    /// `Wd`, weeks from runway's end to the distress offer.
    pub weeks: f64,
    pub fit: f64,
}

/// The lazily drawn items a path has asked for (see [`World::used`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Used {
    pub rounds: usize,
    pub jobs: usize,
    pub distress: bool,
}

/// What turns a drawn duration into its factors: the force of interest,
/// the log of market growth, and the years a search week lasts.
#[derive(Debug, Clone, Copy)]
struct Growth {
    delta: f64,
    ln_market: f64,
    /// `softness / 52`: a multiplication per round instead of a division,
    /// whose latency sits on the search's critical path.
    years_per_week: f64,
}

impl Growth {
    /// `(e^(-delta dt), e^(dt ln(1+g)))`.
    #[inline(always)]
    fn factors(&self, dt: f64) -> (f64, f64) {
        (exp(-self.delta * dt), exp(self.ln_market * dt))
    }
}

/// One path's world. Reused from path to path so that no path allocates.
#[derive(Debug, Clone)]
pub struct World {
    pub scalars: Scalars,
    dists: super::Dists,
    growth: Growth,
    rounds: Sequence<Round>,
    jobs: Sequence<JobDraw>,
    distress: Sequence<Distress>,
    /// `r_k` for every calendar year k that starts before the horizon,
    /// drawn with the path: every strategy that holds a job needs them.
    raises: Vec<f64>,
    /// Years that start before the horizon, `ceil(H)`.
    years: usize,
}

impl World {
    pub fn new(params: &Params) -> Self {
        World {
            scalars: Scalars {
                reengaged: false,
                reengage_months: 0.0,
                reengage_uplift: 0.0,
                u_rescind: 0.0,
                u_success: 0.0,
                meet: 0.0,
            },
            dists: params.dists.clone(),
            growth: Growth {
                delta: params.discount.delta(),
                ln_market: params.ln_market_growth,
                years_per_week: params.softness / 52.0,
            },
            rounds: Sequence::new(),
            jobs: Sequence::new(),
            distress: Sequence::new(),
            raises: Vec::new(),
            years: params.horizon.ceil() as usize,
        }
    }

    /// Draws the next path's world from the chunk's generator. The order of
    /// draws is part of the results' reproducibility: change it and every
    /// seed gives other paths.
    pub fn draw(&mut self, rng: &mut PathRng) {
        let d = &self.dists;
        let q = d.reengage_probability.sample(rng);
        let u_re = unit(rng);
        self.scalars = Scalars {
            reengaged: u_re < q,
            reengage_months: d.reengage_months.sample(rng),
            reengage_uplift: d.reengage_uplift.sample(rng),
            u_rescind: unit(rng),
            u_success: unit(rng),
            meet: d.counter_meet.sample(rng),
        };
        self.rounds.reset(rng.next_u64());
        self.jobs.reset(rng.next_u64());
        self.distress.reset(rng.next_u64());
        // An anniversary is at least a year after t = 0, so year 0's raise
        // is never asked for; NaN would show if it were.
        self.raises.clear();
        self.raises.push(f64::NAN);
        for _ in 1..self.years {
            self.raises.push(d.raise.sample(rng));
        }
    }

    /// Search round i, counting from 0 for the round that ends first.
    #[inline]
    pub fn round(&mut self, i: usize) -> Round {
        let d = &self.dists;
        let g = self.growth;
        self.rounds.get(i, |rng| {
            let weeks = d.search_weeks.sample(rng);
            let years = weeks * g.years_per_week;
            let (discount, growth) = g.factors(years);
            Round {
                weeks,
                offer: d.market_offer.sample(rng),
                fit: d.market_fit.sample(rng),
                years,
                discount,
                growth,
            }
        })
    }

    /// Draws of job ordinal j (j = 1 is the first job after t = 0).
    #[inline]
    pub fn job(&mut self, ordinal: usize) -> JobDraw {
        let d = &self.dists;
        let g = self.growth;
        self.jobs.get(ordinal - 1, |rng| {
            let tenure = d.tenure_years.sample(rng);
            let (discount, growth) = g.factors(tenure);
            JobDraw {
                tenure,
                bump: d.job_change_bump.sample(rng),
                next_fit: d.market_fit.sample(rng),
                discount,
                growth,
            }
        })
    }

    /// The raise `r_k` of calendar year k, for 1 <= k < ceil(H).
    #[inline]
    pub fn raise(&self, year: usize) -> f64 {
        self.raises[year]
    }

    /// How many search rounds, jobs and distress draws this path has drawn
    /// so far: after the strategies, what the path needed.
    pub fn used(&self) -> Used {
        Used {
            rounds: self.rounds.drawn,
            jobs: self.jobs.drawn,
            distress: self.distress.drawn > 0,
        }
    }

    /// The path's distress draws.
    #[inline]
    pub fn distress(&mut self) -> Distress {
        let d = &self.dists;
        self.distress.get(0, |rng| Distress {
            offer: d.distress_offer.sample(rng),
            weeks: d.distress_weeks.sample(rng),
            fit: d.distress_fit.sample(rng),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use rand::SeedableRng;

    use super::*;
    use crate::scenario::parse_str;

    fn params() -> Params {
        let text = "[offer]\nbase = 150000\n[candidate]\nfloor = 170000\nrunway_months = 6\n\
                    [career]\ntenure_years = [0.5, 1.5]\n";
        Params::new(&parse_str(text, Path::new("world.toml")).unwrap())
    }

    /// Everything a strategy can ask of a world, far past what one path
    /// uses.
    fn everything(w: &mut World) -> (Scalars, Vec<f64>, Vec<Round>, Vec<JobDraw>, Distress) {
        let raises = (1..w.years).map(|k| w.raise(k)).collect();
        let rounds = (0..12).map(|i| w.round(i)).collect();
        let jobs = (1..10).map(|j| w.job(j)).collect();
        (w.scalars, raises, rounds, jobs, w.distress())
    }

    #[test]
    fn used_counts_what_the_path_asked_for_and_restarts_with_each_path() {
        let p = params();
        let mut w = World::new(&p);
        let mut rng = PathRng::seed_from_u64(9);
        w.draw(&mut rng);
        assert_eq!(w.used(), Used::default());
        // A late round draws the ones before it; asking again draws nothing.
        w.round(2);
        w.round(0);
        w.job(1);
        assert_eq!(
            w.used(),
            Used {
                rounds: 3,
                jobs: 1,
                distress: false
            }
        );
        w.distress();
        w.job(4);
        assert_eq!(
            w.used(),
            Used {
                rounds: 3,
                jobs: 4,
                distress: true
            }
        );
        w.draw(&mut rng);
        assert_eq!(w.used(), Used::default());
    }

    #[test]
    fn a_world_reused_from_path_to_path_draws_what_a_fresh_one_draws() {
        let p = params();
        let mut reused = World::new(&p);
        let mut rng = PathRng::seed_from_u64(5);
        for path in 0..50 {
            let mut fresh = World::new(&p);
            fresh.draw(&mut rng.clone());
            reused.draw(&mut rng);
            // Paths use more or fewer items than the one before, so slots
            // are overwritten, left stale past the end, and added; a late
            // item asked for first draws the ones before it.
            let used = path % 7;
            if path % 2 == 0 {
                reused.round(used);
            }
            for i in 0..used {
                reused.round(i);
                reused.job(i + 1);
            }
            assert_eq!(
                everything(&mut reused),
                everything(&mut fresh),
                "path {path}"
            );
        }
    }
}
