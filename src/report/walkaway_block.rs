//! The walk-away numbers in words: the block under the verdicts in the
//! terminal summary and the "Walk-away numbers" section of `report.md`.
//! Pure functions of a [`Frontier`] and its scenario (for the currency and
//! whether the candidate is employed); every sentence says only what the
//! numbers hold, each estimate with its standard error in the same unit.

use std::fmt::Write as _;

use super::format::{group, money, percent};
use crate::frontier::{BestFloor, Frontier, HI, LO, RESOLUTION, RUNWAY_MAX};
use crate::scenario::Scenario;
use crate::verdict::Verdict;

/// A gain of the best floor counts as real beyond this many standard errors.
const REAL_GAIN_SE: f64 = 2.0;

/// The block under the verdict lines of the terminal summary, each line
/// indented and ending with a newline.
pub fn terminal(f: &Frontier, s: &Scenario) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "  Walk-away numbers ({} paths each; ± is one standard error):",
        group(f.frontier_paths)
    );
    for line in offer_lines(f) {
        let _ = writeln!(o, "    {line}");
    }
    if let Some(b) = &f.best_floor {
        let _ = writeln!(o, "    {}", floor_line(f, b));
    }
    if let Some(line) = runway_line(f, s) {
        let _ = writeln!(o, "    {line}");
    }
    o
}

/// What a person does in a run of bands of one verdict class.
fn act(v: Verdict) -> &'static str {
    match v {
        Verdict::Take => "sign",
        Verdict::CounterThenDecide => "counter once and decide",
        Verdict::Walk => "walk away",
    }
}

/// Consecutive bands of the same verdict class, merged: `(lo, hi, class)`.
pub fn class_runs(f: &Frontier) -> Vec<(f64, f64, Verdict)> {
    let mut runs: Vec<(f64, f64, Verdict)> = Vec::new();
    for b in &f.bands {
        let class = b.strategy.class();
        match runs.last_mut() {
            Some(last) if last.2 == class => last.1 = b.c0_hi,
            _ => runs.push((b.c0_lo, b.c0_hi, class)),
        }
    }
    runs
}

/// The range the offer was varied over: `[0.5, 1.5] * floor`, as the bands
/// cover it.
fn range(f: &Frontier) -> (f64, f64) {
    match (f.bands.first(), f.bands.last()) {
        (Some(a), Some(b)) => (a.c0_lo, b.c0_hi),
        _ => (0.5 * f.floor, 1.5 * f.floor),
    }
}

/// The runs of classes inside `[lo, hi)`, clipped to it.
fn runs_within(f: &Frontier, lo: f64, hi: f64) -> Vec<(f64, f64, Verdict)> {
    class_runs(f)
        .into_iter()
        .map(|(a, b, v)| (a.max(lo), b.min(hi), v))
        .filter(|(a, b, _)| b > a)
        .collect()
}

/// What to do between two offers, in words: one action, or the list of
/// where each one holds.
fn middle(f: &Frontier, lo: f64, hi: f64) -> String {
    let runs = runs_within(f, lo, hi);
    match runs.as_slice() {
        [] => String::new(),
        [(_, _, v)] => act(*v).to_string(),
        _ => {
            let parts: Vec<String> = runs
                .iter()
                .map(|(a, b, v)| format!("{} from {} to {}", act(*v), k(*a), k(*b)))
                .collect();
            format!("the pick changes: {}", parts.join(", "))
        }
    }
}

/// The lines on the verdict by offer.
fn offer_lines(f: &Frontier) -> Vec<String> {
    let (lo, hi) = range(f);
    let mut lines = Vec::new();
    let first = match (&f.take_at, &f.walk_below) {
        (Some(t), Some(w)) => {
            let mid = middle(f, w.at, t.at);
            let mut line = format!(
                "sign at {} or above; below {} walk away",
                k_se(t.at, t.se),
                k_se(w.at, w.se)
            );
            if !mid.is_empty() {
                let _ = write!(line, "; in between, {mid}");
            }
            line
        }
        (Some(t), None) => {
            let mid = middle(f, lo, t.at);
            let mut line = format!("sign at {} or above", k_se(t.at, t.se));
            if !mid.is_empty() {
                let _ = write!(
                    line,
                    "; below that, down to {} (half your floor), {mid}",
                    k(lo)
                );
            }
            line
        }
        (None, Some(w)) => {
            let mid = middle(f, w.at, hi);
            let mut line = format!("below {} walk away", k_se(w.at, w.se));
            if !mid.is_empty() {
                let _ = write!(
                    line,
                    "; from there up to {} (1.5 times your floor), {mid}",
                    k(hi)
                );
            }
            line
        }
        (None, None) => format!(
            "for offers from {} to {} (half to 1.5 times your floor): {}",
            k(lo),
            k(hi),
            middle(f, lo, hi)
        ),
    };
    lines.push(first);
    if covers(f, Verdict::Take) {
        lines.push(format!(
            "sign holds down to {}, the lowest offer tried (half your floor): where it stops, \
             if anywhere, is lower",
            k(lo)
        ));
    } else if f.take_at.is_none() {
        let any_take = class_runs(f).iter().any(|r| r.2 == Verdict::Take);
        lines.push(if any_take {
            format!(
                "no offer up to {} (1.5 times your floor) settles on sign: the pick moves off it \
                 again higher up",
                k(hi)
            )
        } else {
            format!(
                "the simulation never says sign for offers from {} to {} (half to 1.5 times \
                 your floor)",
                k(lo),
                k(hi)
            )
        });
    }
    if covers(f, Verdict::Walk) {
        lines.push(format!(
            "walk away holds up to {}, the highest offer tried (1.5 times your floor): an offer \
             that changes the pick, if any, is higher",
            k(hi)
        ));
    } else if f.walk_below.is_none() {
        lines.push(format!(
            "even at {} (half your floor) the simulation does not say walk away at once",
            k(lo)
        ));
    }
    lines
}

/// Whether one verdict holds over the whole range of offers searched: then
/// the boundary where it ends lies outside the range, and `take_at` or
/// `walk_below` is empty for that reason, not for want of the verdict.
pub fn covers(f: &Frontier, v: Verdict) -> bool {
    !f.bands.is_empty() && f.bands.iter().all(|b| b.strategy.class() == v)
}

/// Whether the best floor is the user's own, to the resolution it was
/// located to (0.1% of the floor).
fn is_own_floor(f: &Frontier, b: &BestFloor) -> bool {
    (b.floor - f.floor).abs() <= 0.0015 * f.floor
}

/// Which end of the searched range `[LO, HI] x floor` a best floor sits
/// on, if it does. Only the best floor can: the offer boundaries lie
/// between two offers that were both evaluated, and the runway search
/// starts at no runway at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    Low,
    High,
}

fn floor_edge(f: &Frontier, b: &BestFloor) -> Option<Edge> {
    let near = |x: f64| (b.floor - x).abs() <= 0.5 * RESOLUTION * f.floor;
    if near(LO * f.floor) {
        Some(Edge::Low)
    } else if near(HI * f.floor) {
        Some(Edge::High)
    } else {
        None
    }
}

/// What a best floor at an end of the searched range means, short, as a
/// clause for the terminal (with a leading "; "), or nothing.
fn floor_edge_clause(f: &Frontier, b: &BestFloor) -> String {
    match floor_edge(f, b) {
        Some(Edge::Low) => format!(
            "; {} is the lowest floor tried, half yours: no higher floor did better, and \
             lower ones were not tried",
            k(b.floor)
        ),
        Some(Edge::High) => format!(
            "; {} is the highest floor tried, 1.5 times yours: no lower floor did better, \
             and higher ones were not tried",
            k(b.floor)
        ),
        None => String::new(),
    }
}

/// The line on the floor to search with.
fn floor_line(f: &Frontier, b: &BestFloor) -> String {
    let gain = signed_se(b.gain, b.gain_se);
    let edge = floor_edge_clause(f, b);
    if is_own_floor(f, b) {
        format!(
            "search with your floor of {}: no other floor does better for walking",
            k(f.floor)
        )
    } else if b.gain > REAL_GAIN_SE * b.gain_se {
        format!(
            "search with a floor of {} ({gain} over your floor of {}){edge}",
            k(b.floor),
            k(f.floor)
        )
    } else {
        format!(
            "search with your floor of {}: the best floor found, {}, differs by {gain}, \
             within the noise{edge}",
            k(f.floor),
            k(b.floor)
        )
    }
}

/// The line on the runway, for a candidate without a job; none for one
/// who has a job.
fn runway_line(f: &Frontier, s: &Scenario) -> Option<String> {
    let have = s.search_runway_months()?;
    Some(match f.runway_needed {
        Some(m) if m <= 0.0 => format!(
            "no runway needed to make walking pay (or countering ready to walk): it is the \
             pick with any runway from none up to {} months; you have {}",
            months(RUNWAY_MAX),
            months(have)
        ),
        Some(m) => format!(
            "runway needed to make walking pay (or countering ready to walk): {} months; \
             you have {}",
            months(m),
            months(have)
        ),
        None => format!(
            "no runway up to 24 months makes walking (or countering ready to walk) the pick; \
             you have {} months",
            months(have)
        ),
    })
}

fn months(m: f64) -> String {
    let t = format!("{m:.1}");
    t.strip_suffix(".0").map(str::to_string).unwrap_or(t)
}

/// The unit money is written in, for numbers of the size of `x`:
/// thousands, or millions from a million.
fn unit(x: f64) -> (f64, &'static str) {
    if x.abs() >= 1e6 {
        (1e6, "M")
    } else {
        (1e3, "k")
    }
}

/// `x` in `div` units with `d` decimals, never "-0".
fn fixed(x: f64, div: f64, d: usize) -> String {
    let t = format!("{:.*}", d, x / div);
    if t.trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        t.trim_start_matches('-').to_string()
    } else {
        t
    }
}

/// Money without an error, short: `165k`, `165.5k`, `1.25M`.
pub fn k(x: f64) -> String {
    let (div, u) = unit(x);
    let d = if u == "M" { 2 } else { 1 };
    let t = fixed(x, div, d);
    let t = if t.contains('.') {
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        t
    };
    format!("{t}{u}")
}

/// Decimals that show `se` (in units of `div`) to one significant digit,
/// at most three.
fn decimals(se: f64, div: f64) -> usize {
    let se = se / div;
    if !(se > 0.0 && se.is_finite()) {
        return 1;
    }
    (-se.log10().floor()).clamp(0.0, 3.0) as usize
}

/// Money and its standard error in one unit, with the decimals the error
/// warrants: `171k ± 2k`, `171.3k ± 0.2k`.
pub fn k_se(x: f64, se: f64) -> String {
    let (div, u) = unit(x);
    let d = decimals(se, div);
    format!("{}{u} ± {}{u}", fixed(x, div, d), fixed(se, div, d))
}

/// A difference with its sign and its error: `+1.2k ± 0.3k`.
fn signed_se(x: f64, se: f64) -> String {
    let t = k_se(x, se);
    let nonzero = t
        .split(['k', 'M'])
        .next()
        .is_some_and(|n| n.chars().any(|c| ('1'..='9').contains(&c)));
    if x > 0.0 && nonzero {
        format!("+{t}")
    } else {
        t
    }
}

/// Money with its error in full, both rounded to the error's leading
/// digit: `USD 171,000 ± 2,000`.
fn money_se(x: f64, se: f64, cur: &str) -> String {
    let r = to_error(se);
    format!("{} ± {}", money(r(x), cur), group(r(se).abs() as u64))
}

/// Rounds to the leading digit of the error `se` (to units when it is
/// below one), as every boundary is written.
fn to_error(se: f64) -> impl Fn(f64) -> f64 {
    let step = if se >= 1.0 && se.is_finite() {
        10f64.powf(se.log10().floor())
    } else {
        1.0
    };
    move |v: f64| (v / step).round() * step
}

/// An edge of the bands' table, written as the sentences below it write
/// it: `take_at` and `walk_below` rounded to their errors' leading digit.
fn band_edge(f: &Frontier, x: f64, cur: &str) -> String {
    let located = [f.take_at, f.walk_below]
        .into_iter()
        .flatten()
        .find(|b| b.at == x);
    match located {
        Some(b) => money(to_error(b.se)(x), cur),
        None => money(x, cur),
    }
}

/// The "Walk-away numbers" section of `report.md`, ending with a blank line.
pub fn markdown(f: &Frontier, s: &Scenario) -> String {
    let cur = s.currency.as_str();
    let m = |x: f64| money(x, cur);
    let (lo, hi) = range(f);
    let unemployed = s.search_runway_months().is_some();
    let mut o = String::new();
    let w = &mut o;
    let _ = writeln!(w, "## Walk-away numbers\n");
    let _ = writeln!(
        w,
        "Where the answer changes. The simulation was run again at other offers{}, each time \
         in the same simulated worlds ({} careers per run) and with every other number of \
         the scenario left as it is. A number after ± is one standard error.\n",
        if unemployed {
            ", other floors and other runways"
        } else {
            " and other floors"
        },
        group(f.frontier_paths)
    );

    let _ = writeln!(w, "### The verdict by offer\n");
    let _ = writeln!(
        w,
        "The offer's recurring pay (base, bonus and equity a year) from half to 1.5 times \
         your floor, and the pick in each stretch:\n"
    );
    let _ = writeln!(
        w,
        "| Offer from | to | Pick | Verdict |\n|---:|---:|---|---|"
    );
    let last = f.bands.len().saturating_sub(1);
    for (i, b) in f.bands.iter().enumerate() {
        let holds =
            (b.c0_lo..b.c0_hi).contains(&f.offer_comp) || (i == last && f.offer_comp == b.c0_hi);
        let yours = if holds { " (your offer)" } else { "" };
        let _ = writeln!(
            w,
            "| {} | {}{} | {}{yours} | {} |",
            band_edge(f, b.c0_lo, cur),
            if i == last { "" } else { "under " },
            band_edge(f, b.c0_hi, cur),
            b.strategy.label(),
            // In words, as the charts and report.html write a verdict.
            b.strategy.class().words(),
        );
    }
    let _ = writeln!(
        w,
        "\nThese runs use {} careers each, so near a boundary the pick at your offer can \
         differ from the verdict above; the boundary's ± says how near is near.\n",
        group(f.frontier_paths)
    );

    match &f.take_at {
        None if covers(f, Verdict::Take) => {
            let _ = writeln!(
                w,
                "- **Sign at any offer in the range.** From half your floor ({}), the lowest \
                 offer tried, up to 1.5 times it ({}), the pick is to take the job; where that \
                 stops, if anywhere, lies below the range searched.",
                m(lo),
                m(hi)
            );
        }
        Some(t) => {
            let _ = writeln!(
                w,
                "- **Sign from {}.** From this offer up to 1.5 times your floor ({}), the pick \
                 is to take the job, as offered or after a counter.",
                money_se(t.at, t.se, cur),
                m(hi)
            );
        }
        None if class_runs(f).iter().any(|r| r.2 == Verdict::Take) => {
            let _ = writeln!(
                w,
                "- **No offer to sign for good.** Taking the job is the pick in places, but not \
                 all the way up to 1.5 times your floor ({}).",
                m(hi)
            );
        }
        None => {
            let _ = writeln!(
                w,
                "- **No offer to sign.** For no offer from {} to {} does the simulation say \
                 take it.",
                m(lo),
                m(hi)
            );
        }
    }
    match &f.walk_below {
        None if covers(f, Verdict::Walk) => {
            let _ = writeln!(
                w,
                "- **Walk away at any offer in the range.** From half your floor ({}) up to \
                 1.5 times it ({}), the highest offer tried, the pick is to decline and search; \
                 an offer that changes that, if any, lies above the range searched.",
                m(lo),
                m(hi)
            );
        }
        Some(b) => {
            let _ = writeln!(
                w,
                "- **Walk below {}.** Under this offer, down to half your floor ({}), the pick \
                 is to decline and search.",
                money_se(b.at, b.se, cur),
                m(lo)
            );
        }
        None => {
            let _ = writeln!(
                w,
                "- **No offer to walk away from at once.** Even at half your floor ({}) the \
                 pick is not to decline and search.",
                m(lo)
            );
        }
    }
    let whole = covers(f, Verdict::Take) || covers(f, Verdict::Walk);
    if let Some(mid) = between(f, lo, hi, cur).filter(|_| !whole) {
        let _ = writeln!(w, "- **In between:** {mid}.");
    }
    if let Some(b) = &f.best_floor {
        let _ = writeln!(w, "- {}", floor_sentence(f, b, cur));
    }
    if let Some(have) = s.search_runway_months() {
        match f.runway_needed {
            Some(need) if need <= 0.0 => {
                let _ = writeln!(
                    w,
                    "- **No runway needed** (you have {}). With any runway at all, from none \
                     up to the {} months searched, the pick is to counter ready to walk, or \
                     to walk.",
                    months(have),
                    months(RUNWAY_MAX)
                );
            }
            Some(need) => {
                let _ = writeln!(
                    w,
                    "- **Runway needed: {} months** (you have {}). With at least this much \
                     runway, and with any more up to 24 months, the pick is to counter ready \
                     to walk, or to walk.",
                    months(need),
                    months(have)
                );
            }
            None => {
                let _ = writeln!(
                    w,
                    "- **No runway up to 24 months is enough** (you have {}): with none of \
                     them is the pick, for good, to counter ready to walk or to walk.",
                    months(have)
                );
            }
        }
    }
    let _ = writeln!(w);

    let _ = writeln!(w, "### Using them in a negotiation\n");
    let _ = writeln!(
        w,
        "Decide these numbers before the call, not during it. The offer to sign is the line \
         for this job: when the company reaches it, say yes; when you counter, ask at or \
         above it. Under the walk line the offer is so far below what a search is worth to \
         you that a counter is unlikely to rescue it: decline politely and spend the time on \
         the search. Between the two, counter once and decide on the answer: in this \
         simulation a countered offer is taken when it lands within {} of your floor. The \
         floor to search with is the lowest offer worth taking once you are searching, the \
         wage at which taking a job and searching on are worth the same; a higher bar makes \
         the search longer, a lower one gives away pay for years.\n",
        percent(s.decision.walk_tolerance)
    );
    let _ = writeln!(w, "### How exact they are\n");
    let _ = writeln!(
        w,
        "Each number comes from simulated careers, so it carries Monte Carlo error, shown as \
         ±. A boundary's error is the noise in the difference between the two strategies \
         that meet there, divided by how fast that difference moves with the offer; the \
         boundary itself is located to within {} (0.1% of your floor), finer than that \
         error. Read each boundary as a zone about two standard errors wide on either side, \
         and run more paths (`--frontier-paths`) to narrow it. The numbers are only as good \
         as the scenario's inputs: the market{}.\n",
        m(0.001 * f.floor),
        if unemployed {
            ", the odds of the counter and your runway"
        } else {
            " and the odds of the counter"
        }
    );
    o
}

/// The stretch between the two boundaries (or the whole range without
/// them) when it is not empty, in a sentence.
fn between(f: &Frontier, lo: f64, hi: f64, cur: &str) -> Option<String> {
    let a = f.walk_below.map_or(lo, |b| b.at);
    let b = f.take_at.map_or(hi, |t| t.at);
    let runs = runs_within(f, a, b);
    if runs.is_empty() {
        return None;
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|(x, y, v)| format!("{} from {} to {}", act(*v), money(*x, cur), money(*y, cur)))
        .collect();
    Some(parts.join("; "))
}

/// The floor to search with, in a sentence.
fn floor_sentence(f: &Frontier, b: &BestFloor, cur: &str) -> String {
    let gain = money_se(b.gain, b.gain_se, cur);
    let own = money(f.floor, cur);
    if is_own_floor(f, b) {
        format!(
            "**Search with your floor of {own}.** No other floor from half to 1.5 times it \
             gives walking a higher mean value."
        )
    } else if b.gain > REAL_GAIN_SE * b.gain_se {
        format!(
            "**Search with a floor of {}** rather than your {own}: walking's mean value gains \
             {gain} (a {} floor).{}",
            money(b.floor, cur),
            if b.floor < f.floor { "lower" } else { "higher" },
            floor_edge_sentence(f, b)
        )
    } else {
        format!(
            "**Search with your floor of {own}.** The best floor found, {}, differs from it \
             by {gain}, within the noise.{}",
            money(b.floor, cur),
            floor_edge_sentence(f, b)
        )
    }
}

/// What a best floor at an end of the searched range means, in a sentence
/// (with a leading space), or nothing.
fn floor_edge_sentence(f: &Frontier, b: &BestFloor) -> &'static str {
    match floor_edge(f, b) {
        Some(Edge::Low) => {
            " That is the bottom of the range searched, half your floor: no \
                             higher floor did better, and no lower one was tried, so the best \
                             floor may be lower still, and the gain larger."
        }
        Some(Edge::High) => {
            " That is the top of the range searched, 1.5 times your floor: no \
                              lower floor did better, and no higher one was tried, so the best \
                              floor may be higher still, and the gain larger."
        }
        None => "",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::frontier::{Band, Boundary, CurvePoint};
    use crate::model::{PerStrategy, Strategy};
    use crate::scenario::parse_str;

    pub(crate) fn scenario(employed: bool) -> Scenario {
        let who = if employed {
            "employed = true\ncurrent_comp = 140000\n"
        } else {
            "runway_months = 8\n"
        };
        parse_str(
            &format!("name = \"Hand\"\n[offer]\nbase = 150000\n[candidate]\nfloor = 165000\n{who}"),
            std::path::Path::new("t/hand.toml"),
        )
        .unwrap()
    }

    fn bands(cuts: &[(f64, Strategy)]) -> Vec<Band> {
        let floor = 165_000.0;
        let mut v = Vec::new();
        for (i, (lo, st)) in cuts.iter().enumerate() {
            let hi = cuts.get(i + 1).map_or(1.5 * floor, |c| c.0);
            v.push(Band {
                c0_lo: *lo,
                c0_hi: hi,
                strategy: *st,
            });
        }
        v
    }

    /// A frontier with the given bands; the boundaries read from them as
    /// the contract defines them, with the given errors.
    pub(crate) fn hand(cuts: &[(f64, Strategy)], se: f64) -> Frontier {
        let floor = 165_000.0;
        let bands = bands(cuts);
        let last = bands.last().unwrap();
        let all = |v: Verdict| bands.iter().all(|b| b.strategy.class() == v);
        let take_at = (last.strategy.class() == Verdict::Take && !all(Verdict::Take)).then(|| {
            let mut at = last.c0_lo;
            for b in bands.iter().rev() {
                if b.strategy.class() == Verdict::Take {
                    at = b.c0_lo;
                } else {
                    break;
                }
            }
            Boundary { at, se }
        });
        let walk_below =
            (bands[0].strategy == Strategy::Walk && !all(Verdict::Walk)).then(|| Boundary {
                at: bands[0].c0_hi,
                se,
            });
        let curve = (0..=40)
            .map(|i| {
                let c0 = floor * (0.5 + f64::from(i) / 40.0);
                let x = (c0 - floor) / 1000.0;
                CurvePoint {
                    c0,
                    diff: PerStrategy([0.0, 300.0 - 20.0 * x, -800.0 * x, -1500.0 * x - 4000.0]),
                    diff_se: PerStrategy([0.0, 150.0, 400.0, 700.0]),
                    pick: bands
                        .iter()
                        .find(|b| c0 >= b.c0_lo && c0 < b.c0_hi)
                        .unwrap_or(last)
                        .strategy,
                }
            })
            .collect();
        Frontier {
            frontier_paths: 20_000,
            floor,
            offer_comp: 150_000.0,
            bands,
            take_at,
            walk_below,
            best_floor: Some(BestFloor {
                floor: 158_000.0,
                value: 2_000_000.0,
                gain: 1_200.0,
                gain_se: 300.0,
            }),
            runway_needed: Some(4.5),
            curve,
        }
    }

    fn lines(f: &Frontier, employed: bool) -> Vec<String> {
        terminal(f, &scenario(employed))
            .lines()
            .map(str::to_string)
            .collect()
    }

    use Strategy::{Accept, CounterAccept, CounterWalk, Walk};

    #[test]
    fn both_numbers_in_one_line() {
        let f = hand(
            &[
                (82_500.0, Walk),
                (142_000.0, CounterWalk),
                (171_000.0, CounterAccept),
                (200_000.0, Accept),
            ],
            2_000.0,
        );
        assert_eq!(
            lines(&f, false),
            [
                "  Walk-away numbers (20,000 paths each; ± is one standard error):",
                "    sign at 171k ± 2k or above; below 142k ± 2k walk away; in between, \
                 counter once and decide",
                "    search with a floor of 158k (+1.2k ± 0.3k over your floor of 165k)",
                "    runway needed to make walking pay (or countering ready to walk): 4.5 \
                 months; you have 8",
            ]
        );
        let md = markdown(&f, &scenario(false));
        assert!(md.starts_with("## Walk-away numbers\n\n"), "{md}");
        assert!(md.contains(
            "| USD 82,500 | under USD 142,000 | Walk and search | WALK |\n\
             | USD 142,000 | under USD 171,000 | Counter, then decide (your offer) | COUNTER, THEN DECIDE |\n\
             | USD 171,000 | under USD 200,000 | Counter, then accept | TAKE |\n\
             | USD 200,000 | USD 247,500 | Accept as offered | TAKE |\n"
        ), "{md}");
        assert!(md.contains("- **Sign from USD 171,000 ± 2,000.** From this offer up to 1.5 times your floor (USD 247,500)"), "{md}");
        assert!(md.contains("- **Walk below USD 142,000 ± 2,000.**"), "{md}");
        assert!(
            md.contains(
                "- **In between:** counter once and decide from USD 142,000 to USD 171,000."
            ),
            "{md}"
        );
        assert!(md.contains("- **Search with a floor of USD 158,000** rather than your USD 165,000: walking's mean value gains USD 1,200 ± 300 (a lower floor)."), "{md}");
        assert!(
            md.contains("- **Runway needed: 4.5 months** (you have 8)."),
            "{md}"
        );
        assert!(md.contains("Monte Carlo error, shown as ±"), "{md}");
    }

    #[test]
    fn the_table_writes_the_boundaries_as_the_sentences_do() {
        // Neither boundary is a round number: the table must not show more
        // digits than the error allows, nor other ones than the sentences.
        let f = hand(
            &[
                (82_500.0, Walk),
                (141_234.0, CounterWalk),
                (156_686.0, CounterAccept),
            ],
            50.0,
        );
        let md = markdown(&f, &scenario(false));
        assert!(
            md.contains(
                "| USD 82,500 | under USD 141,230 | Walk and search | WALK |\n\
                 | USD 141,230 | under USD 156,690 | Counter, then decide (your offer) | \
                 COUNTER, THEN DECIDE |\n\
                 | USD 156,690 | USD 247,500 | Counter, then accept | TAKE |\n"
            ),
            "{md}"
        );
        assert!(md.contains("- **Sign from USD 156,690 ± 50.**"), "{md}");
        assert!(md.contains("- **Walk below USD 141,230 ± 50.**"), "{md}");
    }

    #[test]
    fn only_take_at() {
        let mut f = hand(&[(82_500.0, CounterWalk), (171_300.0, Accept)], 240.0);
        f.best_floor = Some(BestFloor {
            floor: 170_000.0,
            value: 0.0,
            gain: 900.0,
            gain_se: 200.0,
        });
        assert_eq!(
            lines(&f, false)[1..],
            [
                "    sign at 171.3k ± 0.2k or above; below that, down to 82.5k (half your \
                 floor), counter once and decide",
                "    even at 82.5k (half your floor) the simulation does not say walk away at \
                 once",
                "    search with a floor of 170k (+0.9k ± 0.2k over your floor of 165k)",
                "    runway needed to make walking pay (or countering ready to walk): 4.5 \
                 months; you have 8",
            ]
        );
        let md = markdown(&f, &scenario(false));
        assert!(
            md.contains(
                "- **No offer to walk away from at once.** Even at half your floor (USD 82,500)"
            ),
            "{md}"
        );
        assert!(md.contains("(a higher floor)"), "{md}");
    }

    #[test]
    fn neither_number_and_a_floor_within_the_noise() {
        let mut f = hand(&[(82_500.0, CounterWalk)], 1_000.0);
        f.best_floor = Some(BestFloor {
            floor: 160_000.0,
            value: 0.0,
            gain: 200.0,
            gain_se: 300.0,
        });
        f.runway_needed = None;
        assert_eq!(
            lines(&f, false)[1..],
            [
                "    for offers from 82.5k to 247.5k (half to 1.5 times your floor): counter \
                 once and decide",
                "    the simulation never says sign for offers from 82.5k to 247.5k (half to \
                 1.5 times your floor)",
                "    even at 82.5k (half your floor) the simulation does not say walk away at \
                 once",
                "    search with your floor of 165k: the best floor found, 160k, differs by \
                 +0.2k ± 0.3k, within the noise",
                "    no runway up to 24 months makes walking (or countering ready to walk) the \
                 pick; you have 8 months",
            ]
        );
        let md = markdown(&f, &scenario(false));
        assert!(md.contains("- **No offer to sign.** For no offer from USD 82,500 to USD 247,500 does the simulation say take it."), "{md}");
        assert!(
            md.contains("- **No runway up to 24 months is enough** (you have 8)"),
            "{md}"
        );
        assert!(
            md.contains("differs from it by USD 200 ± 300, within the noise"),
            "{md}"
        );
    }

    #[test]
    fn employed_has_no_runway_line_and_walk_only() {
        let mut f = hand(&[(82_500.0, Walk), (130_000.0, CounterWalk)], 1_500.0);
        f.runway_needed = None;
        f.best_floor = Some(BestFloor {
            floor: 165_100.0,
            value: 0.0,
            gain: 0.0,
            gain_se: 0.0,
        });
        assert_eq!(
            lines(&f, true)[1..],
            [
                "    below 130k ± 2k walk away; from there up to 247.5k (1.5 times your \
                 floor), counter once and decide",
                "    the simulation never says sign for offers from 82.5k to 247.5k (half to \
                 1.5 times your floor)",
                "    search with your floor of 165k: no other floor does better for walking",
            ]
        );
        let md = markdown(&f, &scenario(true));
        assert!(!md.to_lowercase().contains("runway"), "{md}");
        assert!(
            md.contains("- **Search with your floor of USD 165,000.** No other floor"),
            "{md}"
        );
    }

    #[test]
    fn a_negative_gain_and_a_changing_middle() {
        let mut f = hand(
            &[
                (82_500.0, Walk),
                (140_000.0, CounterWalk),
                (150_000.0, Walk),
                (155_000.0, CounterWalk),
                (170_000.0, Accept),
            ],
            500.0,
        );
        f.best_floor = Some(BestFloor {
            floor: 175_000.0,
            value: 0.0,
            gain: -150.0,
            gain_se: 260.0,
        });
        assert_eq!(
            lines(&f, false)[1..3],
            [
                "    sign at 170.0k ± 0.5k or above; below 140.0k ± 0.5k walk away; in \
                 between, the pick changes: counter once and decide from 140k to 150k, walk \
                 away from 150k to 155k, counter once and decide from 155k to 170k",
                "    search with your floor of 165k: the best floor found, 175k, differs by \
                 -0.1k ± 0.3k, within the noise",
            ]
        );
    }

    #[test]
    fn a_best_floor_at_either_end_of_the_search_says_so() {
        let mut f = hand(&[(82_500.0, CounterAccept)], 1_000.0);
        f.runway_needed = Some(0.0);
        let at = |f: &mut Frontier, floor: f64, gain: f64| {
            f.best_floor = Some(BestFloor {
                floor,
                value: 0.0,
                gain,
                gain_se: 300.0,
            });
        };
        // Half the floor (165k), to within the search's resolution.
        at(&mut f, 82_500.0 + 0.4 * 165.0, 26_800.0);
        let l = lines(&f, false);
        assert_eq!(
            l[4],
            "    search with a floor of 82.6k (+26.8k ± 0.3k over your floor of 165k); 82.6k \
             is the lowest floor tried, half yours: no higher floor did better, and lower \
             ones were not tried"
        );
        assert_eq!(
            l[5],
            "    no runway needed to make walking pay (or countering ready to walk): it is the \
             pick with any runway from none up to 24 months; you have 8"
        );
        let md = markdown(&f, &scenario(false));
        assert!(md.contains("(a lower floor). That is the bottom of the range searched, half your floor: no higher floor did better, and no lower one was tried"), "{md}");
        assert!(md.contains("- **No runway needed** (you have 8). With any runway at all, from none up to the 24 months searched"), "{md}");
        // 1.5 times the floor, within the noise.
        at(&mut f, 247_500.0, 100.0);
        assert!(lines(&f, false)[4].ends_with(
            "within the noise; 247.5k is the highest floor tried, 1.5 times yours: no lower \
             floor did better, and higher ones were not tried"
        ));
        let md = markdown(&f, &scenario(false));
        assert!(
            md.contains(
                "within the noise. That is the top of the range searched, 1.5 times your floor"
            ),
            "{md}"
        );
        // One resolution step inside the range is not its end.
        for inside in [82_500.0 + 165.0, 247_500.0 - 165.0] {
            at(&mut f, inside, 26_800.0);
            let text = format!(
                "{}{}",
                terminal(&f, &scenario(false)),
                markdown(&f, &scenario(false))
            );
            assert!(
                !text.contains("floor tried") && !text.contains("That is the"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_verdict_over_the_whole_range_says_its_end_was_not_reached() {
        let f = hand(&[(82_500.0, CounterAccept), (120_000.0, Accept)], 1_000.0);
        assert_eq!(f.take_at, None);
        let l = lines(&f, false);
        assert_eq!(
            l[1..3],
            [
                "    for offers from 82.5k to 247.5k (half to 1.5 times your floor): sign",
                "    sign holds down to 82.5k, the lowest offer tried (half your floor): where \
                 it stops, if anywhere, is lower",
            ]
        );
        let md = markdown(&f, &scenario(false));
        assert!(md.contains("- **Sign at any offer in the range.** From half your floor (USD 82,500), the lowest offer tried, up to 1.5 times it (USD 247,500), the pick is to take the job"), "{md}");
        assert!(
            !md.contains("No offer to sign") && !md.contains("In between"),
            "{md}"
        );

        let f = hand(&[(82_500.0, Walk)], 1_000.0);
        assert_eq!(f.walk_below, None);
        let l = lines(&f, false);
        assert_eq!(
            l[3],
            "    walk away holds up to 247.5k, the highest offer tried (1.5 times your floor): \
             an offer that changes the pick, if any, is higher"
        );
        assert!(!l.concat().contains("does not say walk away"), "{l:?}");
        let md = markdown(&f, &scenario(false));
        assert!(md.contains("- **Walk away at any offer in the range.** From half your floor (USD 82,500) up to 1.5 times it (USD 247,500), the highest offer tried"), "{md}");
        assert!(!md.contains("No offer to walk away"), "{md}");
    }

    #[test]
    fn a_take_band_that_does_not_last() {
        let f = hand(
            &[
                (82_500.0, Walk),
                (120_000.0, Accept),
                (200_000.0, CounterWalk),
            ],
            800.0,
        );
        let l = lines(&f, false);
        assert_eq!(
            l[2],
            "    no offer up to 247.5k (1.5 times your floor) settles on sign: the pick moves \
             off it again higher up"
        );
    }

    #[test]
    fn the_reports_show_the_block_only_with_a_frontier() {
        let mut r = crate::report::charts::tests::report("scenarios/middle-runway.toml", 500);
        let without = (
            crate::report::terminal::render(&r),
            crate::report::markdown::render(&r),
        );
        assert!(!without.0.contains("Walk-away numbers"));
        assert!(!without.1.contains("## Walk-away numbers"));
        let f = hand(&[(0.5 * r.scenario.candidate.floor, Walk)], 1_000.0);
        r.frontier = Some(f.clone());
        let text = crate::report::terminal::render(&r);
        // The block follows the verdict lines, the rest unchanged.
        assert_eq!(text, format!("{}{}", without.0, terminal(&f, &r.scenario)));
        let md = crate::report::markdown::render(&r);
        let block = markdown(&f, &r.scenario);
        assert!(
            md.contains(&format!("{block}## What the gap costs")),
            "{md}"
        );
        assert_eq!(md.replace(&block, ""), without.1);
    }

    #[test]
    fn money_formats() {
        assert_eq!(k(165_000.0), "165k");
        assert_eq!(k(165_500.0), "165.5k");
        assert_eq!(k(1_250_000.0), "1.25M");
        assert_eq!(k_se(171_234.0, 1_900.0), "171k ± 2k");
        assert_eq!(k_se(171_234.0, 240.0), "171.2k ± 0.2k");
        assert_eq!(k_se(-40.0, 300.0), "0.0k ± 0.3k");
        assert_eq!(signed_se(1_200.0, 300.0), "+1.2k ± 0.3k");
        assert_eq!(money_se(171_234.0, 1_900.0, "USD"), "USD 171,000 ± 2,000");
        assert_eq!(money_se(171_234.0, 0.0, "EUR"), "EUR 171,234 ± 0");
        assert_eq!(months(4.0), "4");
        assert_eq!(months(4.25), "4.2");
    }
}
