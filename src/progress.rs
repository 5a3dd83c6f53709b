//! What a run shows while it works: progress bars on stderr (only when it is
//! a terminal), a log line per scenario, and the summary table on stdout.
//! The engine reports finished chunks; everything about drawing lives here.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once};
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use walkaway::batch::{BatchObserver, FolderObserver};
use walkaway::engine::Observer;
use walkaway::report::{ScenarioReport, terminal};
use walkaway::scenario::Scenario;
use walkaway::sensitivity::SensitivityObserver;

use crate::output::{Results, say};

/// Bars for the scenario being simulated and, with more than one scenario,
/// for the whole batch.
struct Bars {
    multi: MultiProgress,
    scenario: ProgressBar,
    batch: Option<ProgressBar>,
    shown: Once,
}

pub struct RunDisplay<'a> {
    stop: &'a dyn Observer,
    bars: Option<Bars>,
    quiet: bool,
    /// Where the summary tables go.
    out: &'a Results,
    /// The highest `done` reported for the current scenario: chunks finish
    /// out of order, so only the increase past it is added to the bars.
    done: AtomicU64,
    /// Scenarios finished, for the log line.
    finished: Mutex<usize>,
    scenarios: usize,
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .expect("a valid progress template")
        .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0} paths/s", s.per_sec());
        })
        .progress_chars("=> ")
}

impl<'a> RunDisplay<'a> {
    /// `total_paths` of the whole batch sizes the batch bar.
    pub fn new(
        stop: &'a dyn Observer,
        out: &'a Results,
        scenarios: usize,
        total_paths: u64,
        quiet: bool,
    ) -> Self {
        // Ten redraws a second are plenty; chunks finish far more often.
        let target = (!quiet && std::io::stderr().is_terminal())
            .then(|| ProgressDrawTarget::stderr_with_hz(10));
        Self::with_target(stop, out, scenarios, total_paths, quiet, target)
    }

    /// Bars drawn to `target`, or none.
    fn with_target(
        stop: &'a dyn Observer,
        out: &'a Results,
        scenarios: usize,
        total_paths: u64,
        quiet: bool,
        target: Option<ProgressDrawTarget>,
    ) -> Self {
        let bars = target.map(|target| {
            let multi = MultiProgress::with_draw_target(target);
            let batch = (scenarios > 1).then(|| {
                let b = multi.add(ProgressBar::new(total_paths));
                b.set_style(style(
                    "{prefix:<24} [{bar:30}] {percent:>3}%  {rate}  {eta} left",
                ));
                b.set_prefix(format!("batch of {scenarios}"));
                b
            });
            // Joins the display when the first scenario starts, so it never
            // shows an empty bar as 100% done.
            let scenario = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
            scenario.set_style(style(
                "{prefix:<24} [{bar:30}] {percent:>3}%  {rate}  {eta} left",
            ));
            Bars {
                multi,
                scenario,
                batch,
                shown: Once::new(),
            }
        });
        RunDisplay {
            stop,
            bars,
            quiet,
            out,
            done: AtomicU64::new(0),
            finished: Mutex::new(0),
            scenarios,
        }
    }

    /// A line of chatter on stderr, above the bars when they are shown;
    /// dropped if stderr cannot take it.
    pub fn log(&self, line: &str) {
        if self.quiet {
            return;
        }
        match &self.bars {
            Some(b) => {
                let _ = b.multi.println(line);
            }
            None => say!("{line}"),
        }
    }

    /// Removes the bars, e.g. before the final messages or after Ctrl-C.
    pub fn clear(&self) {
        if let Some(b) = &self.bars {
            b.scenario.finish_and_clear();
            if let Some(batch) = &b.batch {
                batch.finish_and_clear();
            }
            let _ = b.multi.clear();
        }
    }
}

impl Observer for RunDisplay<'_> {
    fn paths_done(&self, done: u64) {
        let before = self.done.fetch_max(done, Ordering::Relaxed);
        if done > before
            && let Some(b) = &self.bars
        {
            b.scenario.inc(done - before);
            if let Some(batch) = &b.batch {
                batch.inc(done - before);
            }
        }
    }

    fn should_stop(&self) -> bool {
        self.stop.should_stop()
    }
}

impl BatchObserver for RunDisplay<'_> {
    fn scenario_started(&self, s: &Scenario) {
        self.done.store(0, Ordering::Relaxed);
        if let Some(b) = &self.bars {
            b.scenario.reset();
            b.scenario.set_length(s.simulation.paths);
            b.scenario.set_prefix(s.stem.clone());
            b.shown.call_once(|| {
                b.multi.insert(0, b.scenario.clone());
                // Keeps the rate and time left moving during a slow chunk.
                b.scenario.enable_steady_tick(Duration::from_millis(250));
            });
        }
    }

    fn scenario_done(&self, r: &ScenarioReport, seconds: f64) {
        let n = {
            let mut f = self.finished.lock().expect("counter");
            *f += 1;
            *f
        };
        self.log(&format!(
            "[{n}/{}] {}: {} paths in {:.2} s ({:.0} paths/s)",
            self.scenarios,
            r.scenario.stem,
            r.aggregate.paths,
            seconds,
            r.aggregate.paths as f64 / seconds.max(1e-9),
        ));
        // A table stdout cannot take does not stop the run: the files are
        // written all the same, and the exit status tells of the loss.
        let table = format!("{}\n", terminal::render(r));
        let print = || self.out.write(&table);
        match &self.bars {
            Some(b) => b.multi.suspend(print),
            None => print(),
        }
    }
}

impl FolderObserver for RunDisplay<'_> {
    fn waiting_for_folder(&self, out: &Path) {
        self.log(&waiting_line(out));
    }

    fn cannot_lock(&self, out: &Path, e: &std::io::Error) {
        self.log(&cannot_lock_line(out, e));
    }
}

impl FolderObserver for WorkDisplay<'_> {
    fn waiting_for_folder(&self, out: &Path) {
        self.log(&waiting_line(out));
    }

    fn cannot_lock(&self, out: &Path, e: &std::io::Error) {
        self.log(&cannot_lock_line(out, e));
    }
}

fn waiting_line(out: &Path) -> String {
    format!(
        "waiting for another walkaway run to finish writing {}",
        out.display()
    )
}

fn cannot_lock_line(out: &Path, e: &std::io::Error) -> String {
    format!(
        "warning: cannot lock {} ({e}); another run writing there at the same time could mix \
         its files with this one's",
        out.display()
    )
}

/// The bar of `walkaway sensitivity`: one scenario at a time, over its
/// cells and variants (counted in paths played), and a log line as each
/// scenario's folder is written.
pub struct WorkDisplay<'a> {
    stop: &'a dyn Observer,
    bar: Option<ProgressBar>,
    quiet: bool,
    /// The highest `done` reported for the current scenario (see
    /// [`RunDisplay`]).
    done: AtomicU64,
    finished: Mutex<usize>,
    scenarios: usize,
}

impl<'a> WorkDisplay<'a> {
    pub fn new(stop: &'a dyn Observer, scenarios: usize, quiet: bool) -> Self {
        let target = (!quiet && std::io::stderr().is_terminal())
            .then(|| ProgressDrawTarget::stderr_with_hz(10));
        Self::with_target(stop, scenarios, quiet, target)
    }

    fn with_target(
        stop: &'a dyn Observer,
        scenarios: usize,
        quiet: bool,
        target: Option<ProgressDrawTarget>,
    ) -> Self {
        let bar = target.map(|target| {
            let b = ProgressBar::with_draw_target(Some(0), target);
            b.set_style(
                ProgressStyle::with_template(
                    "{prefix:<24} [{bar:30}] {percent:>3}%  {elapsed} spent, {eta} left",
                )
                .expect("a valid progress template")
                .progress_chars("=> "),
            );
            b
        });
        WorkDisplay {
            stop,
            bar,
            quiet,
            done: AtomicU64::new(0),
            finished: Mutex::new(0),
            scenarios,
        }
    }

    /// A line of chatter on stderr, above the bar when it is shown.
    pub fn log(&self, line: &str) {
        if self.quiet {
            return;
        }
        match &self.bar {
            Some(b) => b.suspend(|| say!("{line}")),
            None => say!("{line}"),
        }
    }

    pub fn clear(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl Observer for WorkDisplay<'_> {
    fn paths_done(&self, done: u64) {
        let before = self.done.fetch_max(done, Ordering::Relaxed);
        if done > before
            && let Some(b) = &self.bar
        {
            b.inc(done - before);
        }
    }

    fn should_stop(&self) -> bool {
        self.stop.should_stop()
    }
}

impl SensitivityObserver for WorkDisplay<'_> {
    fn scenario_started(&self, s: &Scenario, work: u64) {
        self.done.store(0, Ordering::Relaxed);
        if let Some(b) = &self.bar {
            b.reset();
            b.set_length(work);
            b.set_prefix(s.stem.clone());
            b.enable_steady_tick(Duration::from_millis(250));
        }
    }

    fn scenario_done(&self, s: &Scenario, files: &[std::path::PathBuf], seconds: f64) {
        let n = {
            let mut f = self.finished.lock().expect("counter");
            *f += 1;
            *f
        };
        let names: Vec<String> = files
            .iter()
            .filter_map(|p| p.file_name())
            .map(|f| f.to_string_lossy().into_owned())
            .collect();
        self.log(&format!(
            "[{n}/{}] {}: {} in {seconds:.2} s",
            self.scenarios,
            s.stem,
            names.join(", ")
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use walkaway::engine::Quiet;
    use walkaway::scenario::parse_str;

    fn scenario(stem: &str, paths: u64) -> Scenario {
        let text = format!(
            "[offer]\nbase = 1\n[candidate]\nfloor = 2\nrunway_months = 4\n\
             [simulation]\npaths = {paths}\n"
        );
        parse_str(&text, std::path::Path::new(&format!("{stem}.toml"))).unwrap()
    }

    #[test]
    fn chunks_out_of_order_move_the_bars_forward_only() {
        let out = Results::stdout();
        let d = RunDisplay::with_target(
            &Quiet,
            &out,
            2,
            15_000,
            false,
            Some(ProgressDrawTarget::hidden()),
        );
        let b = d.bars.as_ref().unwrap();
        let batch = b.batch.as_ref().unwrap();
        assert_eq!(batch.length(), Some(15_000));

        d.scenario_started(&scenario("first", 10_000));
        assert_eq!(b.scenario.length(), Some(10_000));
        assert_eq!(b.scenario.prefix(), "first");
        // Three chunks; the second reports after the third.
        for done in [4096, 10_000, 8192] {
            d.paths_done(done);
        }
        assert_eq!(b.scenario.position(), 10_000);
        assert_eq!(batch.position(), 10_000);

        d.scenario_started(&scenario("second", 5_000));
        assert_eq!(b.scenario.position(), 0);
        d.paths_done(4096);
        d.paths_done(5_000);
        assert_eq!(b.scenario.position(), 5_000);
        assert_eq!(batch.position(), 15_000);
    }

    #[test]
    fn one_scenario_needs_no_batch_bar_and_quiet_or_a_pipe_no_bars() {
        let out = Results::stdout();
        let d = RunDisplay::with_target(
            &Quiet,
            &out,
            1,
            10,
            false,
            Some(ProgressDrawTarget::hidden()),
        );
        assert!(d.bars.as_ref().unwrap().batch.is_none());
        let d = RunDisplay::new(&Quiet, &out, 3, 10, true);
        assert!(d.bars.is_none());
        // The paths_done of a run without bars is a no-op, not a panic.
        d.paths_done(10);
    }

    #[test]
    fn the_sensitivity_bar_counts_each_scenario_s_work_forward_only() {
        let d = WorkDisplay::with_target(&Quiet, 2, false, Some(ProgressDrawTarget::hidden()));
        let b = d.bar.as_ref().unwrap();
        d.scenario_started(&scenario("first", 100), 5_000);
        assert_eq!((b.length(), b.prefix().as_str()), (Some(5_000), "first"));
        // Tasks finish out of order: the maps' blocks, then the tornado's
        // runs counted on from the maps' work.
        for done in [1_000, 3_000, 2_000, 4_500, 5_000] {
            d.paths_done(done);
        }
        assert_eq!(b.position(), 5_000);
        d.scenario_started(&scenario("second", 100), 800);
        assert_eq!((b.position(), b.length()), (0, Some(800)));
        d.paths_done(800);
        assert_eq!(b.position(), 800);
        let quiet = WorkDisplay::new(&Quiet, 1, true);
        assert!(quiet.bar.is_none());
        quiet.paths_done(10);
    }
}
