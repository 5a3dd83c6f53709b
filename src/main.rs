//! The `walkaway` binary: parses the command line, runs the library, and maps
//! what happened to an exit status (0 fine, 1 I/O failure, 2 bad input).

mod cli;

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::Parser;
use walkaway::batch::{self, BatchObserver, RunError, RunOptions};
use walkaway::engine::Observer;
use walkaway::report::ScenarioReport;
use walkaway::scenario::{Scenario, ScenarioError};

use cli::{Cli, Command};

const BAD_INPUT: u8 = 2;
const IO_FAILURE: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Run(args) => run(&args),
    }
}

fn report_errors(errors: &[ScenarioError]) {
    for e in errors {
        eprintln!("error: {e}");
    }
}

fn check(args: &cli::CheckArgs) -> ExitCode {
    let files = match batch::discover(&args.inputs) {
        Ok(f) => f,
        Err(e) => {
            report_errors(&e.0);
            return ExitCode::from(BAD_INPUT);
        }
    };
    let (good, bad) = batch::load_all(&files);
    for s in &good {
        println!("ok: {}", s.source.display());
    }
    report_errors(&bad);
    if bad.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{} of {} scenario files have errors",
            count_files(&bad),
            files.len()
        );
        ExitCode::from(BAD_INPUT)
    }
}

fn count_files(errors: &[ScenarioError]) -> usize {
    let mut files: Vec<_> = errors.iter().map(|e| &e.file).collect();
    files.sort();
    files.dedup();
    files.len()
}

/// Raised by Ctrl-C; the engine checks it before every chunk.
static STOP: AtomicBool = AtomicBool::new(false);

fn files_with_errors(errors: &[ScenarioError]) -> String {
    match count_files(errors) {
        1 => "1 scenario file has errors".into(),
        n => format!("{n} scenario files have errors"),
    }
}

struct Terminal {
    quiet: bool,
}

impl Observer for Terminal {
    fn should_stop(&self) -> bool {
        STOP.should_stop()
    }
}

impl BatchObserver for Terminal {
    fn scenario_done(&self, r: &ScenarioReport, seconds: f64) {
        if self.quiet {
            return;
        }
        let margin = match (r.sim.margin, r.sim.margin_se) {
            (Some(m), Some(se)) => format!(", margin {m:.0} +- {se:.0}"),
            _ => String::new(),
        };
        eprintln!(
            "{}: rule {}, simulation {} ({}{margin}){}; {} paths in {:.2} s ({:.0} paths/s)",
            r.scenario.stem,
            r.rule.verdict,
            r.sim.verdict,
            r.sim.strategy.name(),
            if r.sim.agree { ", agree" } else { ", disagree" },
            r.aggregate.paths,
            seconds,
            r.aggregate.paths as f64 / seconds.max(1e-9),
        );
    }
}

fn run(args: &cli::RunArgs) -> ExitCode {
    let started = std::time::Instant::now();
    let files = match batch::discover(&args.inputs) {
        Ok(f) => f,
        Err(e) => {
            report_errors(&e.0);
            return ExitCode::from(BAD_INPUT);
        }
    };
    let (good, bad): (Vec<Scenario>, _) = batch::load_all(&files);
    report_errors(&bad);
    if !bad.is_empty() && (args.fail_fast || good.is_empty()) {
        eprintln!("nothing was simulated: {}", files_with_errors(&bad));
        return ExitCode::from(BAD_INPUT);
    }
    let opts = RunOptions {
        out: args.out.clone(),
        paths: args.paths,
        seed: args.seed,
        threads: args.threads.map(|n| n as usize),
        charts: !args.no_charts,
    };
    let terminal = Terminal { quiet: args.quiet };
    if let Err(e) = ctrlc::set_handler(|| {
        if STOP.swap(true, std::sync::atomic::Ordering::SeqCst) {
            // A second Ctrl-C: the user does not want to wait at all.
            std::process::exit(130);
        }
        eprintln!("\nstopping: Ctrl-C received, no outputs will be written for this batch");
    }) {
        eprintln!("warning: Ctrl-C will stop the run abruptly: {e}");
    }
    match batch::run(good, &opts, &terminal) {
        Ok(reports) => {
            if !args.quiet {
                let paths: u64 = reports.iter().map(|r| r.aggregate.paths).sum();
                let secs = started.elapsed().as_secs_f64();
                eprintln!(
                    "wrote {} scenarios to {} in {:.2} s ({:.0} paths/s overall)",
                    reports.len(),
                    opts.out.display(),
                    secs,
                    paths as f64 / secs.max(1e-9)
                );
            }
            if bad.is_empty() {
                ExitCode::SUCCESS
            } else {
                eprintln!("skipped: {}", files_with_errors(&bad));
                ExitCode::from(BAD_INPUT)
            }
        }
        Err(RunError::Interrupted(_)) => {
            eprintln!("interrupted: no outputs were written for the unfinished batch");
            ExitCode::from(130)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(IO_FAILURE)
        }
    }
}
