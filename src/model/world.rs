//! The world of one path (MODEL.md section 4): every random quantity any
//! strategy may need, drawn once and shared by all four strategies (common
//! random numbers).
//!
//! Search rounds and jobs form open-ended sequences. Each has a generator of
//! its own, seeded from the path's generator, and its items are drawn on
//! first use and kept, so the i-th round and the j-th job are the same
//! numbers in every strategy while no path draws more than it uses. The
//! distress draws, which few paths need, have a generator of their own too.
//! The raises of the calendar years before the horizon, which nearly every
//! path needs, are drawn with the path.

use rand::{Rng, SeedableRng};

use super::Params;
use super::dist::{PathRng, unit};
use super::exp::exp;

/// One search round (MODEL.md section 4): its length in weeks `D_i`, the
/// offer as a multiple of the market median `n_i`, and the job's fit `f_i`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Round {
    pub weeks: f64,
    pub offer: f64,
    pub fit: f64,
    /// The round's length in years, `D_i * softness / 52`, with its
    /// discount factor and market growth factor (see [`super::Clock`]).
    pub years: f64,
    pub discount: f64,
    pub growth: f64,
}

/// Draws tied to job ordinal j (MODEL.md section 4): tenure `tau_j`, bump
/// `b_j` when it ends, and the fit `phi_(j+1)` of the job after the change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JobDraw {
    pub tenure: f64,
    pub bump: f64,
    pub next_fit: f64,
    /// Discount and market growth factors over the tenure.
    pub discount: f64,
    pub growth: f64,
}

/// A lazily drawn sequence with its own generator.
#[derive(Debug, Clone)]
struct Sequence<T> {
    rng: PathRng,
    items: Vec<T>,
}

impl<T: Copy> Sequence<T> {
    fn new() -> Self {
        Sequence {
            rng: PathRng::seed_from_u64(0),
            items: Vec::new(),
        }
    }

    fn reset(&mut self, seed: u64) {
        self.rng = PathRng::seed_from_u64(seed);
        self.items.clear();
    }

    /// Item i, drawing it (and any before it) on first use. The look-up is
    /// inlined and the drawing is not: every strategy asks for the same
    /// items, so most calls find them drawn.
    #[inline(always)]
    fn get(&mut self, i: usize, draw: impl FnMut(&mut PathRng) -> T) -> T {
        match self.items.get(i) {
            Some(&x) => x,
            None => self.draw_to(i, draw),
        }
    }

    #[inline(never)]
    fn draw_to(&mut self, i: usize, mut draw: impl FnMut(&mut PathRng) -> T) -> T {
        while self.items.len() <= i {
            let x = draw(&mut self.rng);
            self.items.push(x);
        }
        self.items[i]
    }
}

/// The scalar draws of a path, named as in MODEL.md section 4.
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

/// The distress draws (MODEL.md section 4), needed only on the few paths
/// whose search outlasts the runway, so drawn from a stream of their own
/// when first asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Distress {
    /// Distress offer as a multiple of the median, `d`.
    pub offer: f64,
    /// `Wd`, weeks from runway's end to the distress offer.
    pub weeks: f64,
    pub fit: f64,
}

/// What turns a drawn duration into its factors: the force of interest,
/// the log of market growth, and the search softness.
#[derive(Debug, Clone, Copy)]
struct Growth {
    delta: f64,
    ln_market: f64,
    softness: f64,
}

impl Growth {
    /// `(e^(-delta dt), e^(dt ln(1+g)))`.
    #[inline]
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
            dists: params.dists,
            growth: Growth {
                delta: params.discount.delta(),
                ln_market: params.ln_market_growth,
                softness: params.softness,
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
            let years = weeks * g.softness / 52.0;
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
