//! Every scenario key, declared once. The reader validates against these
//! declarations, `walkaway init` writes its template from them and
//! docs/scenario.md lists them; a new key is one more entry in [`KEYS`] (and
//! its field in the typed [`Scenario`](super::Scenario), filled where the
//! reader builds it).

use IfAbsent::*;
use Shape::*;

/// Allowed values of a number: `lo` and `hi` with open or closed ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub lo: f64,
    pub lo_open: bool,
    pub hi: f64,
    pub hi_open: bool,
}

pub const fn bound(lo: f64, lo_open: bool, hi: f64, hi_open: bool) -> Bound {
    Bound {
        lo,
        lo_open,
        hi,
        hi_open,
    }
}

pub const POSITIVE: Bound = bound(0.0, true, f64::INFINITY, true);
pub const UNIT: Bound = bound(0.0, false, 1.0, false);
pub const SCORE: Bound = bound(1.0, false, 5.0, false);

// The bounds below keep every path's arithmetic finite and its number of
// events bounded; docs/model.md ("Bounds and the worst case") works out the
// largest number and the most events a path can produce inside them.

/// The most money any key accepts, per year or once: above any yearly pay
/// in any currency still in use (a trillion), and small enough that forty
/// years of the largest raises, bumps and market growth stay far below
/// what a float holds even when squared.
pub const MAX_MONEY: f64 = 1e12;
/// An amount of money that must be positive: base, floor, wish, median.
pub const MONEY: Bound = bound(0.0, true, MAX_MONEY, false);
/// An amount of money that may be 0: equity, sign-on, current pay.
pub const MONEY_OR_ZERO: Bound = bound(0.0, false, MAX_MONEY, false);
/// A role weight: only ratios of weights matter; a million to one is
/// already far past any preference.
pub const WEIGHT: Bound = bound(0.0, false, 1e6, false);
/// A yearly raise or the bump of a job change: a loss of everything up to
/// doubling the pay (+100%).
pub const CHANGE: Bound = bound(-1.0, true, 1.0, false);
/// A one-off fraction of pay: an uplift, an ask, a threshold, the value of
/// the role. Up to ten times the pay (+1000%).
pub const MAX_MULTIPLE: f64 = 10.0;
pub const MULTIPLE: Bound = bound(0.0, false, MAX_MULTIPLE, false);
/// A pay as a multiple of the typical pay: a new offer, a distress offer.
pub const OF_MARKET: Bound = bound(0.0, true, 100.0, false);
/// The longest wait in weeks (a search round, a distress job, a counter's
/// answer): ten years.
pub const MAX_WEEKS: f64 = 520.0;
/// The longest wait in months (the runway, a re-engagement): fifty years.
pub const MAX_MONTHS: f64 = 600.0;
/// The shortest and longest tenure in a job, in years. The shortest bounds
/// the job changes of a path: at most horizon / 0.25 = 160.
pub const MIN_TENURE_YEARS: f64 = 0.25;
pub const TENURE: Bound = bound(MIN_TENURE_YEARS, false, 100.0, false);
/// The widest `ci90`: hi / lo at most this.
pub const MAX_CI90_RATIO: f64 = 1000.0;
/// The most characters a text value (name, currency) may have.
pub const MAX_TEXT_CHARS: usize = 200;

/// A number as messages, the template and the docs write it: plain
/// decimals from 0.0001 to 100000, powers of ten beyond (`1e12`, `1e-9`),
/// always valid TOML.
pub fn num(x: f64) -> String {
    let a = x.abs();
    if a != 0.0 && a.is_finite() && !(1e-4..1e5).contains(&a) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

impl Bound {
    pub fn contains(&self, x: f64) -> bool {
        let lo_ok = if self.lo_open {
            x > self.lo
        } else {
            x >= self.lo
        };
        let hi_ok = if self.hi_open {
            x < self.hi
        } else {
            x <= self.hi
        };
        lo_ok && hi_ok
    }

    pub fn is_bounded_above(&self) -> bool {
        self.hi.is_finite()
    }

    /// Whether a distribution within this bound may be a ci90. A share from
    /// 0 to 1 (a probability, a fit) is uniform only; elsewhere a ci90 is
    /// allowed when every value it can draw, cut at
    /// [`Z_CUT`](crate::model::dist::Z_CUT) standard deviations, lies
    /// within the bound (the reader checks that for each range).
    pub fn allows_ci90(&self) -> bool {
        !(self.lo >= 0.0 && self.hi <= 1.0)
    }

    /// The bound as error messages state it: "> 0 and <= 40".
    pub fn describe(&self) -> String {
        let lo = if self.lo_open { ">" } else { ">=" };
        let (lo_n, hi_n) = (num(self.lo), num(self.hi));
        if !self.hi.is_finite() {
            return format!("{lo} {lo_n}");
        }
        if !self.lo_open && !self.hi_open {
            return format!("between {lo_n} and {hi_n} inclusive");
        }
        let hi = if self.hi_open { "<" } else { "<=" };
        format!("{lo} {lo_n} and {hi} {hi_n}")
    }

    /// The bound as the template and the docs state it: "> 0 up to 40".
    pub fn phrase(&self) -> String {
        let (lo, hi) = (num(self.lo), num(self.hi));
        match (self.lo_open, self.hi.is_finite(), self.hi_open) {
            (true, false, _) => format!("> {lo}"),
            (false, false, _) => format!(">= {lo}"),
            (false, true, false) => format!("{lo} to {hi}"),
            (true, true, false) => format!("> {lo} up to {hi}"),
            (false, true, true) => format!("{lo} to below {hi}"),
            (true, true, true) => format!("> {lo} and < {hi}"),
        }
    }
}

/// What `[lo, hi]` means for a distribution key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// Equally likely anywhere in the range.
    Uniform,
    /// Lognormal with 90% of draws inside the range.
    Ci90,
}

impl Shape {
    pub fn name(self) -> &'static str {
        match self {
            Shape::Uniform => "uniform",
            Shape::Ci90 => "ci90",
        }
    }
}

/// The type of a key's value and what is allowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A finite number within the bound.
    Number(Bound),
    /// A whole number from `min` up to `i64::MAX`.
    Integer {
        min: u64,
    },
    /// A number or a distribution; `[lo, hi]` means the given shape.
    Dist(Shape, Bound),
    Bool,
    /// A non-empty quoted string of at most `max_chars` characters, none of
    /// them a control character.
    Text {
        max_chars: usize,
    },
}

/// What a key left out of the file means. Every value is TOML text as the
/// template writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IfAbsent {
    /// This value; the template writes it as the key's value.
    Value(&'static str),
    /// An error: the file must give the key.
    Required { example: &'static str },
    /// An error unless the boolean key `unless` in the same section is true
    /// (the reader checks this after the per-key pass).
    RequiredUnless {
        example: &'static str,
        unless: &'static str,
    },
    /// No value at all; the template shows the key commented out.
    Nothing { example: &'static str },
    /// A value the reader works out (`what` says which); the template shows
    /// the key commented out.
    Computed {
        example: &'static str,
        what: &'static str,
    },
}

/// One key of a scenario file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeySpec {
    /// The table the key lives in: "" for the top level, else a dotted path.
    pub section: &'static str,
    pub name: &'static str,
    pub kind: Kind,
    pub absent: IfAbsent,
    /// One line, the template's comment; `{bound}` stands for the bound as
    /// [`Bound::phrase`] states it (the docs show it in a column of its own).
    pub meaning: &'static str,
    /// False where the section's comment speaks for the key in the template.
    pub comment: bool,
    /// Where the default comes from: the article, your offer, or "ours".
    pub source: &'static str,
}

/// One table of a scenario file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SectionSpec {
    /// "" for the top level, else a dotted path; a parent comes before its
    /// children.
    pub name: &'static str,
    /// The docs heading after the section's name.
    pub title: &'static str,
    /// The template's comment on the header line (or on the inline line);
    /// `{bound}` is the bound of the section's first key.
    pub comment: &'static str,
    /// Written in the template as one inline table inside its parent.
    pub inline: bool,
    /// A paragraph under the section's table in the docs.
    pub doc: &'static str,
    /// For a section whose keys are not declared (`[sensitivity]`): lines
    /// the template shows commented out and the docs show as an example.
    pub example: &'static str,
}

impl KeySpec {
    /// `section.name`, or just `name` at the top level.
    pub fn path(&self) -> String {
        if self.section.is_empty() {
            self.name.to_string()
        } else {
            format!("{}.{}", self.section, self.name)
        }
    }

    /// The meaning with its bound filled in.
    pub fn meaning_with_bound(&self) -> String {
        fill_bound(self.meaning, &self.kind)
    }
}

/// `text` with `{bound}` replaced by the kind's bound phrase.
pub fn fill_bound(text: &str, kind: &Kind) -> String {
    let phrase = match kind {
        Kind::Number(b) | Kind::Dist(_, b) => b.phrase(),
        Kind::Integer { min } => format!(">= {min}"),
        Kind::Bool | Kind::Text { .. } => String::new(),
    };
    text.replace("{bound}", &phrase)
}

pub static SECTIONS: &[SectionSpec] = &[
    section("", "", ""),
    SectionSpec {
        doc: "The recurring pay of the offer is base times (1 + bonus) plus equity; the gap is \
              how far that sits below the floor, as a fraction of the floor.",
        ..section("offer", "the offer on the table", "")
    },
    section(
        "offer.role",
        "how good the role is apart from pay",
        "how good the role is apart from pay: 1 poor, 3 neutral, 5 excellent",
    ),
    SectionSpec {
        inline: true,
        doc: "Written inside `[offer.role]` as one inline table, e.g. `weights = { growth = 2 }`; \
              a score left out weighs 1. The role strength is the weighted mean of \
              (score - 1) / 4.",
        ..section(
            "offer.role.weights",
            "how much each score counts",
            "importance of each score, {bound}, not all 0",
        )
    },
    section("candidate", "you", ""),
    section("market", "what searching looks like", ""),
    section("counter", "what happens when you ask for more", ""),
    section(
        "reengage",
        "the company coming back",
        "the company coming back after you said no",
    ),
    section("career", "the years after the decision", ""),
    section(
        "distress",
        "the job taken when the money runs out",
        "the job you take once the runway is gone",
    ),
    section("decision", "the thresholds of both verdicts", ""),
    SectionSpec {
        doc: "Real reasons turn the rule of thumb into a walk unless the runway is three months \
              or less; feelings are listed in the report and change nothing.",
        ..section(
            "reasons",
            "why you might walk",
            "set to true what applies; all default to false",
        )
    },
    section("simulation", "how much to simulate", ""),
    SectionSpec {
        doc: "Optional. Each row names a key given as a number or a distribution, in quotes, \
              and the two ends its five tornado points run between (evenly spaced): both \
              numbers, or both ranges `[lo, hi]` of the key's kind, whose ends then move \
              together. A row replaces the tornado's row for that key or adds the key as a \
              new input; every end must be within the key's allowed values. docs/model.md \
              (\"What would change the verdict\") lists the rows walkaway uses without it.",
        example: "\"market.search_weeks\" = { low = [5, 8], high = [9, 16] }\n\
                  \"counter.success\" = { low = 0.3, high = 0.8 }",
        ..section(
            "sensitivity",
            "the tornado's inputs",
            "optional: replace or add rows of the tornado",
        )
    },
];

const fn section(name: &'static str, title: &'static str, comment: &'static str) -> SectionSpec {
    SectionSpec {
        name,
        title,
        comment,
        inline: false,
        doc: "",
        example: "",
    }
}

const fn key(
    section: &'static str,
    name: &'static str,
    kind: Kind,
    absent: IfAbsent,
    meaning: &'static str,
    source: &'static str,
) -> KeySpec {
    KeySpec {
        section,
        name,
        kind,
        absent,
        meaning,
        comment: true,
        source,
    }
}

const fn number(
    section: &'static str,
    name: &'static str,
    default: &'static str,
    b: Bound,
    meaning: &'static str,
    source: &'static str,
) -> KeySpec {
    key(
        section,
        name,
        Kind::Number(b),
        IfAbsent::Value(default),
        meaning,
        source,
    )
}

const fn dist(
    section: &'static str,
    name: &'static str,
    default: &'static str,
    shape: Shape,
    b: Bound,
    meaning: &'static str,
    source: &'static str,
) -> KeySpec {
    key(
        section,
        name,
        Kind::Dist(shape, b),
        IfAbsent::Value(default),
        meaning,
        source,
    )
}

const fn flag(
    section: &'static str,
    name: &'static str,
    meaning: &'static str,
    source: &'static str,
) -> KeySpec {
    key(
        section,
        name,
        Kind::Bool,
        IfAbsent::Value("false"),
        meaning,
        source,
    )
}

const fn score(name: &'static str, meaning: &'static str) -> KeySpec {
    KeySpec {
        comment: false,
        ..number(
            "offer.role",
            name,
            "3",
            SCORE,
            meaning,
            "the six factors are the article's second axis; the 1-5 scale and the neutral 3 \
             are ours",
        )
    }
}

const fn weight(name: &'static str, meaning: &'static str) -> KeySpec {
    number("offer.role.weights", name, "1", WEIGHT, meaning, "ours")
}

const REAL: &str = "the article's real reasons to walk";
const FEELING: &str = "the article's feelings that look like reasons";

/// Every key, in the order of the template and the docs.
pub static KEYS: &[KeySpec] = &[
    key(
        "",
        "name",
        Kind::Text {
            max_chars: MAX_TEXT_CHARS,
        },
        Computed {
            example: "\"My offer\"",
            what: "the file name without .toml",
        },
        "title in reports",
        "ours",
    ),
    key(
        "",
        "currency",
        Kind::Text {
            max_chars: MAX_TEXT_CHARS,
        },
        Value("\"USD\""),
        "label printed next to money; no conversion is done",
        "ours",
    ),
    // [offer]
    key(
        "offer",
        "base",
        Kind::Number(MONEY),
        Required { example: "150000" },
        "annual base salary offered, {bound}",
        "your offer",
    ),
    number(
        "offer",
        "bonus_pct",
        "0",
        bound(0.0, false, 2.0, false),
        "target bonus as a fraction of base (0.10 = 10%), {bound}",
        "your offer",
    ),
    number(
        "offer",
        "equity_per_year",
        "0",
        MONEY_OR_ZERO,
        "equity vesting per year, valued in cash, {bound}",
        "your offer",
    ),
    number(
        "offer",
        "sign_on",
        "0",
        MONEY_OR_ZERO,
        "one-time payment when the job starts, {bound}",
        "your offer",
    ),
    // [offer.role]
    score("scope", "score for the scope of the role"),
    score("manager", "score for the manager"),
    score("team", "score for the team"),
    score("growth", "score for growth in the role"),
    score("location", "score for the location"),
    score("equity_quality", "score for the quality of the equity"),
    key(
        "offer.role",
        "strength",
        Kind::Number(UNIT),
        Nothing { example: "0.5" },
        "{bound}; when given, replaces the six scores above",
        "ours",
    ),
    // [offer.role.weights], inline
    weight("scope", "weight of the scope score"),
    weight("manager", "weight of the manager score"),
    weight("team", "weight of the team score"),
    weight("growth", "weight of the growth score"),
    weight("location", "weight of the location score"),
    weight("equity_quality", "weight of the equity quality score"),
    // [candidate]
    key(
        "candidate",
        "floor",
        Kind::Number(MONEY),
        Required { example: "165000" },
        "recurring total pay below which you would rather keep looking, {bound}",
        "the article insists on the real floor, not the number you hoped for",
    ),
    key(
        "candidate",
        "wish",
        Kind::Number(MONEY),
        Nothing { example: "180000" },
        "the number you hoped for, >= floor; shown in reports, never used in the maths",
        "the article's distinction between wish and floor",
    ),
    key(
        "candidate",
        "runway_months",
        Kind::Number(bound(0.0, false, MAX_MONTHS, false)),
        RequiredUnless {
            example: "6",
            unless: "employed",
        },
        "months you can live without pay, {bound}",
        "the article's runway rules: three months or less, take the offer; six or more, you \
         can afford to wait; in between, counter once, accept if the result is within 5% of the \
         floor, otherwise walk",
    ),
    flag(
        "candidate",
        "employed",
        "true if you keep a job (and its pay) while you search",
        "ours: the article's runway case is about someone without a job; an employed searcher \
         has no runway to run out of",
    ),
    number(
        "candidate",
        "current_comp",
        "0",
        MONEY_OR_ZERO,
        "annual pay of that job, earned while searching, {bound}",
        "ours",
    ),
    // [market]
    key(
        "market",
        "median_comp",
        Kind::Number(MONEY),
        Computed {
            example: "165000",
            what: "your floor",
        },
        "typical pay for roles like this, {bound}",
        "ours: a floor worth the name is a market number",
    ),
    number(
        "market",
        "growth",
        "0.03",
        bound(-0.5, false, 0.5, false),
        "yearly growth of that typical pay, {bound}",
        "ours",
    ),
    number(
        "market",
        "softness",
        "1.0",
        bound(0.0, true, 10.0, false),
        "stretches every search round: 1.5 = 50% slower, {bound}",
        "the article warns that searches take longer in a soft market; the multiplier is ours",
    ),
    dist(
        "market",
        "search_weeks",
        "[6, 10]",
        Ci90,
        bound(0.0, true, MAX_WEEKS, false),
        "weeks one search round takes to produce an offer",
        "the article's six to ten weeks from walking away to a comparable offer; reading it as \
         a 90% interval of a lognormal is ours",
    ),
    dist(
        "market",
        "offer",
        "[0.90, 1.10]",
        Ci90,
        OF_MARKET,
        "a new offer as a multiple of the typical pay",
        "ours (\"comparable\" taken as centred on the market)",
    ),
    dist(
        "market",
        "fit",
        "[0.3, 0.8]",
        Uniform,
        UNIT,
        "role strength ({bound}) of a job found by searching",
        "ours",
    ),
    // [counter]
    number(
        "counter",
        "success",
        "0.6",
        UNIT,
        "chance that a counter moves their number at all, {bound}",
        "ours",
    ),
    dist(
        "counter",
        "meet",
        "[0.3, 1.0]",
        Uniform,
        UNIT,
        "share of the distance to your ask they close, within {bound}",
        "ours",
    ),
    number(
        "counter",
        "rescind",
        "0.02",
        UNIT,
        "chance they withdraw the offer when you counter, {bound}",
        "ours",
    ),
    number(
        "counter",
        "weeks",
        "1",
        bound(0.0, false, MAX_WEEKS, false),
        "weeks until they answer a counter, {bound}",
        "ours",
    ),
    number(
        "counter",
        "min_ask",
        "0.05",
        MULTIPLE,
        "your ask is at least this fraction above the offer, {bound}",
        "ours",
    ),
    // [reengage]
    dist(
        "reengage",
        "probability",
        "[0.15, 0.20]",
        Uniform,
        UNIT,
        "chance that it happens, within {bound}",
        "the article: 15-20% of walk-aways are re-engaged",
    ),
    dist(
        "reengage",
        "months",
        "[6, 18]",
        Uniform,
        bound(0.0, true, MAX_MONTHS, false),
        "months after you walked, {bound}",
        "the article: six to eighteen months later",
    ),
    dist(
        "reengage",
        "uplift",
        "[0.05, 0.15]",
        Uniform,
        bound(-1.0, true, MAX_MULTIPLE, false),
        "how much better their new offer is than this one, {bound}",
        "the article says the new offer is often clearly better; the 5-15% range is ours",
    ),
    number(
        "reengage",
        "switch_threshold",
        "0.05",
        MULTIPLE,
        "once in another job, switch back only for at least this much more pay, {bound}",
        "ours",
    ),
    // [career]
    number(
        "career",
        "horizon_years",
        "5",
        bound(0.0, true, 40.0, false),
        "years of income counted, {bound}",
        "ours: long enough to cover the article's anchoring period and the next job change",
    ),
    number(
        "career",
        "discount_rate",
        "0.03",
        bound(0.0, false, 1.0, true),
        "yearly rate at which later money is worth less, {bound}",
        "ours",
    ),
    dist(
        "career",
        "raise",
        "[0.02, 0.05]",
        Uniform,
        CHANGE,
        "yearly raise, {bound}",
        "ours (that raises are a percentage of the number you signed is the article's point)",
    ),
    dist(
        "career",
        "tenure_years",
        "[2, 4]",
        Uniform,
        TENURE,
        "years in a job before changing, i.e. how long a number anchors you, {bound}",
        "the article: the accepted number anchors you for two to four years",
    ),
    dist(
        "career",
        "job_change_bump",
        "[0.10, 0.20]",
        Uniform,
        CHANGE,
        "pay increase when changing jobs, {bound}",
        "ours",
    ),
    number(
        "career",
        "anchor_persistence",
        "0.8",
        UNIT,
        "share of the next offer priced off your current pay (rest: the market), {bound}",
        "ours; it encodes the article's claim that recruiters and your own next ask start from \
         the number you accept",
    ),
    number(
        "career",
        "growth_premium",
        "0.02",
        bound(-1.0, false, 1.0, false),
        "extra yearly raise per unit of role strength above 0.5, {bound}",
        "ours",
    ),
    number(
        "career",
        "role_value",
        "0.20",
        MULTIPLE,
        "what role strength is worth to you beyond pay, as a fraction of pay, {bound}",
        "ours; it is how the article's second axis enters the value",
    ),
    // [distress]
    dist(
        "distress",
        "offer",
        "[0.75, 0.92]",
        Ci90,
        OF_MARKET,
        "its pay as a multiple of the typical pay",
        "ours",
    ),
    dist(
        "distress",
        "weeks",
        "[2, 6]",
        Ci90,
        bound(0.0, true, MAX_WEEKS, false),
        "weeks after the runway ends until it starts",
        "ours",
    ),
    dist(
        "distress",
        "fit",
        "[0.1, 0.5]",
        Uniform,
        UNIT,
        "its role strength, within {bound}",
        "ours",
    ),
    // [decision]
    number(
        "decision",
        "small_gap",
        "0.05",
        UNIT,
        "a gap to the floor up to this fraction counts as small, {bound}",
        "the article treats a few percent (3-5%) as not worth fighting over",
    ),
    number(
        "decision",
        "strong_role",
        "0.5",
        UNIT,
        "a role strength from this value counts as strong, {bound}",
        "ours: the middle of the scale",
    ),
    number(
        "decision",
        "walk_tolerance",
        "0.05",
        UNIT,
        "counter_walk takes a countered offer within this fraction of the floor, {bound}",
        "the article's middle-runway rule: accept within 5% of the floor",
    ),
    number(
        "decision",
        "max_runway_risk",
        "0.20",
        UNIT,
        "the simulation never picks a strategy that runs out of money more often, {bound}",
        "ours",
    ),
    number(
        "decision",
        "toss_up",
        "0.005",
        UNIT,
        "a mean value within this fraction of the best one is a toss-up, and the toss-up goes to the less exposed strategy, {bound}",
        "ours: the article calls a few percent not worth fighting over; the 0.5% is our choice",
    ),
    // [reasons]: the real reasons first, then the feelings
    flag(
        "reasons",
        "below_floor_after_second_counter",
        "reason to walk: still under the floor after a second counter",
        REAL,
    ),
    flag(
        "reasons",
        "recruiter_pushback",
        "reason to walk: every reasonable ask meets resistance",
        REAL,
    ),
    flag(
        "reasons",
        "scope_downgraded",
        "reason to walk: the role shrank during the process",
        REAL,
    ),
    flag(
        "reasons",
        "red_flag",
        "reason to walk: layoffs, lawsuits, departures of key people",
        REAL,
    ),
    flag(
        "reasons",
        "articulated_gut",
        "reason to walk: an unease you can explain in concrete terms",
        REAL,
    ),
    flag(
        "reasons",
        "under_wish_above_floor",
        "not a reason: short of your wish but at or above the floor",
        FEELING,
    ),
    flag(
        "reasons",
        "slow_process",
        "not a reason: the hiring process dragged",
        FEELING,
    ),
    flag(
        "reasons",
        "tired",
        "not a reason: you are worn out by interviewing",
        FEELING,
    ),
    flag(
        "reasons",
        "might_pay_more_later",
        "not a reason: some other company might pay more some day",
        FEELING,
    ),
    flag(
        "reasons",
        "friend_higher_offer",
        "not a reason: someone you know got more elsewhere",
        FEELING,
    ),
    // [simulation]
    key(
        "simulation",
        "paths",
        Kind::Integer { min: 1 },
        Value("100000"),
        "simulated careers, {bound}; --paths overrides it",
        "ours: the Monte Carlo error of a mean is then far below the differences that matter",
    ),
    key(
        "simulation",
        "seed",
        Kind::Integer { min: 0 },
        Value("42"),
        "random seed, a whole number {bound}; --seed overrides it",
        "ours",
    ),
    key(
        "simulation",
        "frontier_paths",
        Kind::Integer { min: 1 },
        Value("20000"),
        "careers per evaluation of the walk-away numbers, {bound} (at most `paths`); \
         --frontier-paths overrides it",
        "ours: each number takes a few hundred evaluations on the same paths",
    ),
];

/// The declaration of `section.name`. Panics for a key that is not
/// declared: a mistake in walkaway, not in the file.
pub fn spec_index(section: &str, name: &str) -> usize {
    KEYS.iter()
        .position(|k| k.section == section && k.name == name)
        .unwrap_or_else(|| panic!("`{section}.{name}` is not declared in KEYS"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_come_parent_first_and_keys_section_by_section() {
        for (i, s) in SECTIONS.iter().enumerate() {
            let parent = s.name.rsplit_once('.').map_or("", |(p, _)| p);
            if !s.name.is_empty() {
                let p = SECTIONS.iter().position(|x| x.name == parent);
                assert!(p.is_some_and(|p| p < i), "`{}` before its parent", s.name);
            }
        }
        // The keys of one section are one run, the runs in section order:
        // the template writes one header per run.
        let order: Vec<usize> = KEYS
            .iter()
            .map(|k| {
                SECTIONS
                    .iter()
                    .position(|s| s.name == k.section)
                    .unwrap_or_else(|| panic!("`{}` in an undeclared section", k.path()))
            })
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
        assert_eq!(SECTIONS[0].name, "");
    }

    #[test]
    fn every_key_is_declared_once_with_a_meaning_and_a_source() {
        for (i, k) in KEYS.iter().enumerate() {
            assert_eq!(spec_index(k.section, k.name), i, "`{}` twice", k.path());
            assert!(
                !k.meaning.is_empty() && !k.source.is_empty(),
                "{}",
                k.path()
            );
            // A key with a number example or default fits its own kind.
            if let Kind::Number(b) = k.kind
                && let IfAbsent::Value(t) | IfAbsent::Nothing { example: t } = k.absent
            {
                assert!(b.contains(t.parse().unwrap()), "{}", k.path());
            }
        }
    }

    #[test]
    fn bounds_read_as_written() {
        assert_eq!(POSITIVE.phrase(), "> 0");
        assert_eq!(UNIT.phrase(), "0 to 1");
        assert_eq!(bound(0.0, true, 40.0, false).phrase(), "> 0 up to 40");
        assert_eq!(bound(0.0, false, 1.0, true).phrase(), "0 to below 1");
        assert_eq!(UNIT.describe(), "between 0 and 1 inclusive");
        assert!(POSITIVE.allows_ci90() && !UNIT.allows_ci90());
        assert!(CHANGE.allows_ci90() && TENURE.allows_ci90());
        assert_eq!(MONEY.describe(), "> 0 and <= 1e12");
        assert_eq!(MONEY_OR_ZERO.phrase(), "0 to 1e12");
        assert_eq!(num(1e-9), "1e-9");
        assert_eq!(num(520.0), "520");
        assert_eq!(num(0.05), "0.05");
        assert_eq!(num(1e308), "1e308");
    }
}
