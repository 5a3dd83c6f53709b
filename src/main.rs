//! The `walkaway` binary: parses the command line, runs the library, and maps
//! what happened to an exit status (0 fine, 1 I/O failure, 2 bad input,
//! 130 Ctrl-C).

mod cli;
mod progress;

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::{CommandFactory, Parser};
use walkaway::batch::{self, RunError, RunOptions};
use walkaway::report::atomic::write_atomic;
use walkaway::scenario::{self, Scenario, ScenarioError};

use cli::{Cli, Command};
use progress::RunDisplay;

const BAD_INPUT: u8 = 2;
const IO_FAILURE: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Run(args) => run(&args),
        Command::Init(args) => init(&args),
        Command::Completions(args) => {
            clap_complete::generate(
                args.shell,
                &mut Cli::command(),
                "walkaway",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
    }
}

/// Writes the embedded template. An existing file is refused without
/// `--force` as bad input (exit 2): nothing failed, the request would
/// destroy someone's scenario. A failed write is an I/O failure (exit 1).
fn init(args: &cli::InitArgs) -> ExitCode {
    let path = &args.path;
    if path.is_dir() {
        eprintln!(
            "error: {}: is a folder; name the file to write, e.g. {}",
            path.display(),
            path.join("scenario.toml").display()
        );
        return ExitCode::from(BAD_INPUT);
    }
    if path.exists() && !args.force {
        eprintln!(
            "error: {}: already exists; walkaway init will not overwrite it (use --force to \
             replace it, or give another path)",
            path.display()
        );
        return ExitCode::from(BAD_INPUT);
    }
    if let Err(e) = write_atomic(path, |w| w.write_all(scenario::TEMPLATE.as_bytes())) {
        eprintln!("error: cannot write the template: {e}");
        return ExitCode::from(IO_FAILURE);
    }
    let p = path.display();
    eprintln!(
        "wrote {p}: set offer.base, candidate.floor and candidate.runway_months, then\n  \
         walkaway check {p}\n  walkaway run {p}"
    );
    if path.extension().is_none_or(|x| x != "toml") {
        // A folder given to `run` or `check` is searched for *.toml only.
        eprintln!("note: name it *.toml if you want `walkaway run FOLDER` to pick it up");
    }
    ExitCode::SUCCESS
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
        json: args.json,
        per_path: args.per_path,
    };
    let total_paths = good
        .iter()
        .map(|s| opts.paths.unwrap_or(s.simulation.paths))
        .sum();
    let display = RunDisplay::new(&STOP, good.len(), total_paths, args.quiet);
    if let Err(e) = ctrlc::set_handler(|| {
        if STOP.swap(true, std::sync::atomic::Ordering::SeqCst) {
            // A second Ctrl-C: the user does not want to wait at all.
            std::process::exit(130);
        }
        eprintln!("\nstopping: Ctrl-C received, no outputs will be written for this batch");
    }) {
        eprintln!("warning: Ctrl-C will stop the run abruptly: {e}");
    }
    let result = batch::run(good, &opts, &display);
    display.clear();
    match result {
        Ok(reports) => {
            let paths: u64 = reports.iter().map(|r| r.aggregate.paths).sum();
            let secs = started.elapsed().as_secs_f64();
            if let Some(n) = opts.per_path {
                for r in reports.iter().filter(|r| r.aggregate.paths < n) {
                    display.log(&format!(
                        "note: {} has {} paths, fewer than --per-path {n}; its paths.csv holds all of them",
                        r.scenario.stem, r.aggregate.paths
                    ));
                }
            }
            display.log(&format!(
                "wrote {} to {} in {:.2} s ({:.0} paths/s overall)",
                match reports.len() {
                    1 => "1 scenario".to_string(),
                    n => format!("{n} scenarios"),
                },
                opts.out.display(),
                secs,
                paths as f64 / secs.max(1e-9)
            ));
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
