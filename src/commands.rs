//! The subcommands, each returning its [`Exit`].

use std::io::{self, Write};
use std::time::Instant;

use clap::CommandFactory;
use walkaway::batch::{self, RunError, RunOptions};
use walkaway::report::atomic::write_atomic;
use walkaway::report::manifest::RunManifest;
use walkaway::scenario::{self, Scenario, ScenarioError};
use walkaway::sensitivity;

use crate::Exit;
use crate::cli::{self, Cli};
use crate::interrupt;
use crate::output::{Results, lost, say};
use crate::progress::{RunDisplay, WorkDisplay};

/// An error and the errors beneath it, `outer: inner: ...`: the library's
/// errors name what failed and keep the cause as their source. A cause
/// whose error already ends with its text (rayon's) is not repeated.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let cause = s.to_string();
        if !text.ends_with(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
        source = s.source();
    }
    text
}

/// `exit`, or 1 when results were lost on stdout (said on stderr): the
/// loss outranks bad input, as a failed output file does.
fn after_results(out: Results, exit: Exit) -> Exit {
    match out.finish() {
        Ok(()) => exit,
        Err(e) => {
            say!("error: cannot write to stdout: {e}");
            Exit::Io
        }
    }
}

/// A command line clap refused (exit 2), or `--help` / `--version`, which
/// are results on stdout.
pub fn usage(e: &clap::Error) -> Exit {
    let printed = e.print().and_then(|()| io::stdout().flush());
    if e.use_stderr() {
        return Exit::BadInput;
    }
    match printed.err().and_then(lost) {
        None => Exit::Ok,
        Some(e) => {
            say!("error: cannot write to stdout: {e}");
            Exit::Io
        }
    }
}

/// The script is generated whole, then written: clap_complete panics on a
/// failed write.
pub fn completions(args: &cli::CompletionsArgs) -> Exit {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "walkaway", &mut script);
    let mut stdout = io::stdout().lock();
    let written = stdout.write_all(&script).and_then(|()| stdout.flush());
    match written.err().and_then(lost) {
        None => Exit::Ok,
        Some(e) => {
            say!("error: cannot write to stdout: {e}");
            Exit::Io
        }
    }
}

/// Writes the embedded template. An existing file is refused without
/// `--force` as bad input (exit 2): nothing failed, the request would
/// destroy someone's scenario. A failed write is an I/O failure (exit 1).
pub fn init(args: &cli::InitArgs) -> Exit {
    let path = &args.path;
    if path.is_dir() {
        say!(
            "error: {}: is a folder; name the file to write, e.g. {}",
            path.display(),
            path.join("scenario.toml").display()
        );
        return Exit::BadInput;
    }
    if path.exists() && !args.force {
        say!(
            "error: {}: already exists; walkaway init will not overwrite it (use --force to \
             replace it, or give another path)",
            path.display()
        );
        return Exit::BadInput;
    }
    if let Err(e) = write_atomic(path, |w| w.write_all(scenario::TEMPLATE.as_bytes())) {
        say!("error: cannot write the template: {}", chain(&e));
        return Exit::Io;
    }
    let p = path.display();
    say!(
        "wrote {p}: set offer.base, candidate.floor and candidate.runway_months, then\n  \
         walkaway check {p}\n  walkaway run {p}"
    );
    if path.extension().is_none_or(|x| x != "toml") {
        // A folder given to `run` or `check` is searched for *.toml only.
        say!("note: name it *.toml if you want `walkaway run FOLDER` to pick it up");
    }
    Exit::Ok
}

fn report_errors(errors: &[ScenarioError]) {
    for e in errors {
        say!("error: {e}");
    }
}

fn count_files(errors: &[ScenarioError]) -> usize {
    let mut files: Vec<_> = errors.iter().map(|e| &e.file).collect();
    files.sort();
    files.dedup();
    files.len()
}

fn files_with_errors(errors: &[ScenarioError]) -> String {
    match count_files(errors) {
        1 => "1 scenario file has errors".into(),
        n => format!("{n} scenario files have errors"),
    }
}

pub fn check(args: &cli::CheckArgs) -> Exit {
    let files = match batch::discover(&args.inputs) {
        Ok(f) => f,
        Err(e) => {
            report_errors(&e.0);
            return Exit::BadInput;
        }
    };
    let (good, bad) = batch::load_all(&files);
    let out = Results::stdout();
    for s in &good {
        for w in scenario::warnings(s) {
            say!("warning: {}", w.to_error(s));
        }
        out.write(&format!("ok: {}\n", s.source.display()));
    }
    report_errors(&bad);
    let exit = if bad.is_empty() {
        Exit::Ok
    } else {
        say!(
            "{} of {} scenario files have errors",
            count_files(&bad),
            files.len()
        );
        Exit::BadInput
    };
    after_results(out, exit)
}

/// Shows each scenario's plausibility warnings on stderr; with `strict`,
/// a scenario with any becomes bad input instead (its warnings its errors).
fn plausible(good: Vec<Scenario>, strict: bool, bad: &mut Vec<ScenarioError>) -> Vec<Scenario> {
    let mut kept = Vec::with_capacity(good.len());
    for s in good {
        let warnings = scenario::warnings(&s);
        if strict && !warnings.is_empty() {
            bad.extend(warnings.iter().map(|w| {
                let mut e = w.to_error(&s);
                e.message.push_str(" (--strict)");
                e
            }));
            continue;
        }
        for w in &warnings {
            say!("warning: {}", w.to_error(&s));
        }
        kept.push(s);
    }
    kept
}

pub fn run(args: &cli::RunArgs) -> Exit {
    let started = Instant::now();
    let files = match batch::discover(&args.inputs) {
        Ok(f) => f,
        Err(e) => {
            report_errors(&e.0);
            return Exit::BadInput;
        }
    };
    let (good, mut bad): (Vec<Scenario>, _) = batch::load_all(&files);
    let good = plausible(good, args.strict, &mut bad);
    report_errors(&bad);
    if !bad.is_empty() && (args.fail_fast || good.is_empty()) {
        say!("nothing was simulated: {}", files_with_errors(&bad));
        return Exit::BadInput;
    }
    let opts = RunOptions {
        out: args.out.out.clone(),
        threads: args.exec.threads(),
        flags: RunManifest {
            paths: args.simulation.paths,
            seed: args.simulation.seed,
            json: args.json,
            per_path: args.per_path,
            charts: !args.no_charts,
            frontier: !args.no_frontier,
            frontier_paths: args.frontier_paths,
        },
    };
    let shard = match resolve_shard(&args.shard) {
        Ok(shard) => shard,
        Err(exit) => return exit,
    };
    if let Some(shard) = shard {
        return run_shard(good, &opts, shard, &bad, args.exec.quiet);
    }
    simulate(good, &bad, &opts, args.exec.quiet, started)
}

/// `--shard` as given, `auto` read from the environment; a bad one is
/// said and refused (exit 2).
fn resolve_shard(args: &cli::ShardArgs) -> Result<Option<walkaway::shard::Shard>, Exit> {
    args.resolve().map_err(|e| {
        say!("error: {e}");
        Exit::BadInput
    })
}

/// The line that says shard `shard` wrote its part at `path`.
fn shard_written(
    shard: walkaway::shard::Shard,
    what: &str,
    path: &std::path::Path,
    started: Instant,
) -> String {
    format!(
        "wrote shard {shard}{what}: {} in {:.2} s; merge all {} parts with `walkaway merge`",
        path.display(),
        started.elapsed().as_secs_f64(),
        shard.count
    )
}

/// Ctrl-C stopped shard `shard` before its part was written.
fn shard_interrupted(shard: walkaway::shard::Shard) {
    say!("interrupted: the part of shard {shard} was not written");
}

/// `run --shard`: simulates the shard and writes its part, no other file.
fn run_shard(
    good: Vec<Scenario>,
    opts: &RunOptions,
    shard: walkaway::shard::Shard,
    bad: &[ScenarioError],
    quiet: bool,
) -> Exit {
    let started = Instant::now();
    let out = Results::stdout();
    let stop = interrupt::install();
    let display = RunDisplay::new(stop, &out, good.len(), 0, quiet);
    let result = walkaway::shard::run_shard(good, opts, shard, &display);
    display.clear();
    match result {
        Ok(path) => display.log(&shard_written(shard, "", &path, started)),
        Err(RunError::Interrupted(_)) => {
            shard_interrupted(shard);
            return Exit::Interrupted;
        }
        Err(e) => {
            say!("error: {}", chain(&e));
            return Exit::Io;
        }
    }
    drop(display);
    let exit = if bad.is_empty() {
        Exit::Ok
    } else {
        say!("skipped: {}", files_with_errors(bad));
        Exit::BadInput
    };
    after_results(out, exit)
}

/// `merge`: checks the parts, then writes the run's outputs.
pub fn merge(args: &cli::MergeArgs) -> Exit {
    use walkaway::shard::{self, MergeError};
    let started = Instant::now();
    let refused = |lines: &[String]| {
        for l in lines {
            say!("error: {l}");
        }
        say!("nothing was merged");
        Exit::BadInput
    };
    let files = match shard::discover(&args.inputs) {
        Ok(f) => f,
        Err(MergeError::Refused(lines)) => return refused(&lines),
        Err(e) => {
            say!("error: {}", chain(&e));
            return Exit::Io;
        }
    };
    let checked = match shard::check(&files) {
        Ok(m) => m,
        Err(MergeError::Refused(lines)) => return refused(&lines),
        Err(e) => {
            say!("error: {}", chain(&e));
            return Exit::Io;
        }
    };
    let out = Results::stdout();
    let stop = interrupt::install();
    let display = RunDisplay::new(stop, &out, checked.scenarios(), 0, args.exec.quiet);
    let what = checked.what();
    let result = checked.write(&args.out.out, args.exec.threads(), &display);
    display.clear();
    match result {
        Ok(_) => {}
        Err(MergeError::Refused(lines)) => return refused(&lines),
        Err(MergeError::Run(RunError::Interrupted(_))) => {
            say!(
                "interrupted: run.json was not written in {}",
                args.out.out.display()
            );
            return Exit::Interrupted;
        }
        Err(MergeError::Run(e @ RunError::NonFinite(_))) => {
            say!("error: {}", chain(&e));
            return Exit::BadInput;
        }
        Err(e) => {
            say!("error: {}", chain(&e));
            return Exit::Io;
        }
    };
    display.log(&format!(
        "merged {} parts of {what} into {} in {:.2} s",
        files.len(),
        args.out.out.display(),
        started.elapsed().as_secs_f64()
    ));
    drop(display);
    after_results(out, Exit::Ok)
}

/// Repeats the run a `run.json` records, from the inputs it stores.
pub fn rerun(args: &cli::RerunArgs) -> Exit {
    let started = Instant::now();
    let r = match walkaway::rerun::load(&args.manifest) {
        Ok(r) => r,
        Err(e) => {
            say!("error: {}", chain(&e));
            return Exit::BadInput;
        }
    };
    let version = env!("CARGO_PKG_VERSION");
    if r.version != version {
        say!(
            "note: {} was written by walkaway {}, and this is {version}: the numbers may differ",
            args.manifest.display(),
            r.version
        );
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| match args.manifest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => ".".into(),
        });
    let opts = RunOptions {
        out,
        threads: args.exec.threads(),
        flags: r.flags,
    };
    simulate(r.scenarios, &[], &opts, args.exec.quiet, started)
}

/// Simulates `good` into `opts.out` with progress on stderr and the
/// summaries on stdout; `bad` are the scenarios already refused.
fn simulate(
    good: Vec<Scenario>,
    bad: &[ScenarioError],
    opts: &RunOptions,
    quiet: bool,
    started: Instant,
) -> Exit {
    let total_paths = good
        .iter()
        .map(|s| opts.flags.paths.unwrap_or(s.simulation.paths))
        .sum();
    let out = Results::stdout();
    let stop = interrupt::install();
    let display = RunDisplay::new(stop, &out, good.len(), total_paths, quiet);
    let result = batch::run(good, opts, &display);
    display.clear();
    let reports = match result {
        Ok(reports) => reports,
        Err(RunError::Interrupted(_)) => {
            say!(
                "interrupted: the scenarios finished before Ctrl-C are written in {}, each \
                 folder complete; no batch file was begun after Ctrl-C and run.json was not \
                 written",
                opts.out.display()
            );
            return Exit::Interrupted;
        }
        Err(e @ RunError::NonFinite(_)) => {
            say!("error: {}", chain(&e));
            return Exit::BadInput;
        }
        Err(e) => {
            say!("error: {}", chain(&e));
            return Exit::Io;
        }
    };
    let paths: u64 = reports.iter().map(|r| r.paths).sum();
    let secs = started.elapsed().as_secs_f64();
    if let Some(n) = opts.flags.per_path {
        for r in reports.iter().filter(|r| r.paths < n) {
            display.log(&format!(
                "note: {} has {} paths, fewer than --per-path {n}; its paths.csv holds all of them",
                r.scenario.stem, r.paths
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
    let exit = if bad.is_empty() {
        Exit::Ok
    } else {
        say!("skipped: {}", files_with_errors(bad));
        Exit::BadInput
    };
    drop(display);
    after_results(out, exit)
}

/// `walkaway sensitivity`: the verdict maps and the tornado of each
/// scenario, each folder written once its scenario is computed.
pub fn sensitivity(args: &cli::SensitivityArgs) -> Exit {
    let started = Instant::now();
    let files = match batch::discover(&args.inputs) {
        Ok(f) => f,
        Err(e) => {
            report_errors(&e.0);
            return Exit::BadInput;
        }
    };
    let (good, bad): (Vec<Scenario>, _) = batch::load_all(&files);
    report_errors(&bad);
    if good.is_empty() {
        say!("nothing was computed: {}", files_with_errors(&bad));
        return Exit::BadInput;
    }
    let opts = sensitivity::Options {
        out: args.out.out.clone(),
        threads: args.exec.threads(),
        paths: args.simulation.paths,
        seed: args.simulation.seed,
        map_paths: args.map_paths,
    };
    let shard = match resolve_shard(&args.shard) {
        Ok(shard) => shard,
        Err(exit) => return exit,
    };
    let stop = interrupt::install();
    let display = WorkDisplay::new(stop, good.len(), args.exec.quiet);
    let result = match shard {
        Some(shard) => walkaway::shard::run_sensitivity_shard(good, &opts, shard, &display)
            .map(|path| shard_written(shard, "", &path, started)),
        None => sensitivity::run(good, &opts, &display).map(|written| {
            format!(
                "wrote {} files to {} in {:.2} s",
                written.len(),
                opts.out.display(),
                started.elapsed().as_secs_f64()
            )
        }),
    };
    display.clear();
    let done = match result {
        Ok(done) => done,
        Err(sensitivity::SensitivityError::Run(RunError::Interrupted(_))) => {
            match shard {
                Some(shard) => shard_interrupted(shard),
                None => say!(
                    "interrupted: the scenarios finished before Ctrl-C are written in {}, each \
                     folder complete",
                    opts.out.display()
                ),
            }
            return Exit::Interrupted;
        }
        Err(e @ sensitivity::SensitivityError::Input(_)) => {
            say!("error: {}", chain(&e));
            say!("nothing was computed");
            return Exit::BadInput;
        }
        Err(e) => {
            say!("error: {}", chain(&e));
            return Exit::Io;
        }
    };
    display.log(&done);
    if bad.is_empty() {
        Exit::Ok
    } else {
        say!("skipped: {}", files_with_errors(&bad));
        Exit::BadInput
    }
}

/// `walkaway sweep`: every bad argument and every grid point outside a
/// key's bounds is refused (exit 2) before anything runs or is written.
pub fn sweep(args: &cli::SweepArgs) -> Exit {
    use walkaway::batch::BatchObserver;
    use walkaway::engine::Observer;
    use walkaway::sweep::{self, SweepRunError};
    let started = Instant::now();
    let s = match scenario::load_file(&args.input) {
        Ok(s) => s.with_overrides(args.simulation.paths, args.simulation.seed),
        Err(e) => {
            report_errors(&e.0);
            return Exit::BadInput;
        }
    };
    let axes = match sweep::axes(&args.vary) {
        Ok(a) => a,
        Err(e) => {
            say!("error: {}", chain(&e));
            return Exit::BadInput;
        }
    };
    let points = match sweep::grid(&s, &axes) {
        Ok(g) => g.len() as u64,
        Err(e) => {
            say!("error: {}: {}", s.source.display(), chain(&e));
            return Exit::BadInput;
        }
    };
    let shard = match resolve_shard(&args.shard) {
        Ok(shard) => shard,
        Err(exit) => return exit,
    };
    let pool = match walkaway::engine::pool(args.exec.threads()) {
        Ok(p) => p,
        Err(e) => {
            say!("error: cannot start the thread pool: {e}");
            return Exit::Io;
        }
    };
    let out = Results::stdout();
    let stop = interrupt::install();
    let total = match shard {
        Some(k) => {
            let r = k.range(points);
            (r.end - r.start) * s.simulation.paths
        }
        None => points * s.simulation.paths,
    };
    let display = RunDisplay::new(stop, &out, 1, total, args.exec.quiet);
    // One bar over every grid point's paths.
    let mut whole = s.clone();
    whole.simulation.paths = total;
    whole.stem = format!("{} ({points} points)", s.stem);
    display.scenario_started(&whole);
    if let Some(shard) = shard {
        let grid = match sweep::grid(&s, &axes) {
            Ok(g) => g,
            Err(e) => {
                say!("error: {}: {}", s.source.display(), chain(&e));
                return Exit::BadInput;
            }
        };
        let result = walkaway::shard::run_sweep_shard(
            &s,
            &args.vary,
            grid,
            shard,
            &args.out.out,
            &pool,
            &display,
        );
        display.clear();
        return match result {
            Ok(path) => {
                display.log(&shard_written(shard, " of the sweep", &path, started));
                drop(display);
                after_results(out, Exit::Ok)
            }
            Err(RunError::Interrupted(_)) => {
                shard_interrupted(shard);
                Exit::Interrupted
            }
            Err(e) => {
                say!("error: {}", chain(&e));
                Exit::Io
            }
        };
    }
    let result = sweep::sweep(&s, axes, &pool, &display);
    display.clear();
    let sw = match result {
        Ok(sw) => sw,
        Err(SweepRunError::Interrupted(_)) => {
            say!("interrupted: no sweep file was written");
            return Exit::Interrupted;
        }
        Err(e) => {
            say!("error: {}: {}", s.source.display(), chain(&e));
            return Exit::BadInput;
        }
    };
    if stop.should_stop() {
        say!("interrupted: no sweep file was written");
        return Exit::Interrupted;
    }
    // Another run writing into the folder at once could mix its files in;
    // the folder is made and locked only now, so Ctrl-C before leaves none.
    let _lock = match walkaway::batch::FolderLock::take(&args.out.out, &display) {
        Ok(lock) => lock,
        Err(RunError::Interrupted(_)) => {
            say!("interrupted: no sweep file was written");
            return Exit::Interrupted;
        }
        Err(e) => {
            say!("error: {}", chain(&e));
            return Exit::Io;
        }
    };
    let written = pool.install(|| sweep::write(&args.out.out, &sw));
    if let Err(e) = written {
        say!("error: {}: {}", args.out.out.display(), chain(&e));
        return Exit::Io;
    }
    display.log(&format!(
        "wrote {}, {} and {} to {} ({points} points of {} paths in {:.2} s)",
        sweep::SWEEP_CSV,
        sweep::SWEEP_VERDICTS_CSV,
        sweep::SWEEP_PNG,
        args.out.out.display(),
        s.simulation.paths,
        started.elapsed().as_secs_f64()
    ));
    drop(display);
    after_results(out, Exit::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn errors_read_outer_to_inner_without_repeats() {
        let e = RunError::Io {
            path: PathBuf::from("out/a.csv"),
            source: io::Error::other("disk full"),
        };
        assert_eq!(chain(&e), "out/a.csv: disk full");
        // rayon shows its io::Error and also returns it as the source.
        let pool = rayon::ThreadPoolBuilder::new()
            .spawn_handler(|_| Err(io::Error::other("no threads")))
            .build()
            .unwrap_err();
        assert_eq!(
            chain(&RunError::Pool(pool)),
            "cannot start the thread pool: no threads"
        );
    }
}
