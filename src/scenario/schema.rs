//! The scenario as the model sees it: every key of docs/scenario.md,
//! defaults filled in, bounds already checked.

use std::path::PathBuf;

use crate::model::Dist;

/// The six non-comp scores of a role, in the order of docs/scenario.md.
pub const ROLE_SCORES: [&str; 6] = [
    "scope",
    "manager",
    "team",
    "growth",
    "location",
    "equity_quality",
];

/// The article's real reasons to walk (docs/scenario.md, `[reasons]`).
pub const REAL_REASONS: [&str; 5] = [
    "below_floor_after_second_counter",
    "recruiter_pushback",
    "scope_downgraded",
    "red_flag",
    "articulated_gut",
];

/// Flags that feel like reasons but are not.
pub const FEELINGS: [&str; 5] = [
    "under_wish_above_floor",
    "slow_process",
    "tired",
    "might_pay_more_later",
    "friend_higher_offer",
];

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Where it was read from; names the output folder through its stem.
    pub source: PathBuf,
    /// SHA-256 of the file's bytes, so a run's manifest pins exactly what
    /// was simulated even if the file is edited later.
    pub source_sha256: [u8; 32],
    pub stem: String,
    pub name: String,
    pub currency: String,
    pub offer: Offer,
    pub candidate: Candidate,
    pub market: Market,
    pub counter: Counter,
    pub reengage: Reengage,
    pub career: Career,
    pub distress: Distress,
    pub decision: Decision,
    pub reasons: Reasons,
    pub simulation: Simulation,
    /// `given[i]`: the file wrote `keys::KEYS[i]` (else a default or a
    /// computed value stands), for the reports' inputs tables.
    pub given: Vec<bool>,
    /// The `[sensitivity]` rows, in file order: each replaces the tornado's
    /// row of its key or adds one.
    pub sensitivity: Vec<SensitivityRow>,
}

/// One `[sensitivity]` row: a numeric key and the tornado's low and high
/// ends for it.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityRow {
    pub key: String,
    pub low: crate::scenario::edit::Input,
    pub high: crate::scenario::edit::Input,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub base: f64,
    pub bonus_pct: f64,
    pub equity_per_year: f64,
    pub sign_on: f64,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// Scores 1..=5 in the order of [`ROLE_SCORES`].
    pub scores: [f64; 6],
    pub weights: [f64; 6],
    /// Overrides the scores when given.
    pub strength: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub floor: f64,
    pub wish: Option<f64>,
    /// Required unless employed.
    pub runway_months: Option<f64>,
    pub employed: bool,
    pub current_comp: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Market {
    pub median_comp: f64,
    pub growth: f64,
    pub softness: f64,
    pub search_weeks: Dist,
    pub offer: Dist,
    pub fit: Dist,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Counter {
    pub success: f64,
    pub meet: Dist,
    pub rescind: f64,
    pub weeks: f64,
    pub min_ask: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reengage {
    pub probability: Dist,
    pub months: Dist,
    pub uplift: Dist,
    pub switch_threshold: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Career {
    pub horizon_years: f64,
    pub discount_rate: f64,
    pub raise: Dist,
    pub tenure_years: Dist,
    pub job_change_bump: Dist,
    pub anchor_persistence: f64,
    pub growth_premium: f64,
    pub role_value: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Distress {
    pub offer: Dist,
    pub weeks: Dist,
    pub fit: Dist,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub small_gap: f64,
    pub strong_role: f64,
    pub walk_tolerance: f64,
    pub max_runway_risk: f64,
    /// The toss-up band, as a fraction of the best eligible mean value.
    pub toss_up: f64,
}

/// The `[reasons]` flags: `real[i]` is [`REAL_REASONS`]`[i]`, `feelings[i]` is
/// [`FEELINGS`]`[i]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reasons {
    pub real: [bool; 5],
    pub feelings: [bool; 5],
}

impl Reasons {
    pub fn real_flagged(&self) -> Vec<&'static str> {
        flagged(&REAL_REASONS, &self.real)
    }
    pub fn feelings_flagged(&self) -> Vec<&'static str> {
        flagged(&FEELINGS, &self.feelings)
    }
}

fn flagged(names: &[&'static str; 5], set: &[bool; 5]) -> Vec<&'static str> {
    names
        .iter()
        .zip(set)
        .filter(|(_, on)| **on)
        .map(|(n, _)| *n)
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub paths: u64,
    pub seed: u64,
    /// Paths per evaluation of the walk-away numbers (at most `paths`).
    pub frontier_paths: u64,
}

impl Scenario {
    /// `C0 = base * (1 + bonus_pct) + equity_per_year` (docs/model.md, the offer).
    pub fn offer_comp(&self) -> f64 {
        self.offer.base * (1.0 + self.offer.bonus_pct) + self.offer.equity_per_year
    }

    /// `gap = (floor - C0) / floor`, negative when the offer beats the floor
    /// (docs/model.md, the offer).
    pub fn gap(&self) -> f64 {
        (self.candidate.floor - self.offer_comp()) / self.candidate.floor
    }

    /// Role strength `s_offer` in [0, 1] (docs/model.md, the offer): the
    /// override if given, else the weighted mean of `(score - 1) / 4`.
    pub fn role_strength(&self) -> f64 {
        let role = &self.offer.role;
        if let Some(s) = role.strength {
            return s;
        }
        let total: f64 = role.weights.iter().sum();
        role.scores
            .iter()
            .zip(&role.weights)
            .map(|(s, w)| w * (s - 1.0) / 4.0)
            .sum::<f64>()
            / total
    }

    /// The runway that limits a search: none for an employed candidate.
    pub fn search_runway_months(&self) -> Option<f64> {
        if self.candidate.employed {
            None
        } else {
            self.candidate.runway_months
        }
    }

    /// [`Scenario::source_sha256`] in lowercase hex.
    pub fn source_sha256_hex(&self) -> String {
        self.source_sha256
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The scenario with `--paths` / `--seed` applied.
    pub fn with_overrides(mut self, paths: Option<u64>, seed: Option<u64>) -> Self {
        if let Some(p) = paths {
            self.simulation.paths = p;
        }
        if let Some(s) = seed {
            self.simulation.seed = s;
        }
        self
    }
}
