//! The command line, all in one place.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;

/// The largest `--per-path`: the paths are replayed into memory (about 170
/// bytes each) and make four CSV rows each, so a million paths is already
/// some 400 MB of text.
pub const MAX_PER_PATH: u64 = 1_000_000;

#[derive(Debug, Parser)]
#[command(
    name = "walkaway",
    version,
    about = "Simulate what accepting, countering or walking away from a job offer does to your money",
    long_about = "walkaway simulates thousands to millions of possible careers for a job offer that \
sits below your floor, and compares four strategies in the same worlds: accept, counter then \
accept, counter then decide, and walk away to search. It prints a summary table, writes CSV \
statistics and a report, and sets its verdict next to the article's rule of thumb.",
    after_help = "Examples:
  walkaway init my-offer.toml          # write a commented scenario to edit
  walkaway check my-offer.toml         # validate it
  walkaway run my-offer.toml           # simulate; results in output/
  walkaway run scenarios/ --json --out results/

Exit status: 0 success, 1 a file could not be written, 2 bad input (scenario, argument, or a \
file `init` will not overwrite), 130 interrupted by Ctrl-C."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Simulate scenarios: print a summary per scenario and write CSV, charts, reports and a
    /// manifest.
    #[command(after_help = "Examples:
  walkaway run scenarios/
  walkaway run offer.toml --paths 1000000 --seed 7 --out results/
  walkaway run offer.toml --json --per-path 500
  walkaway run scenarios/ --quiet > summaries.txt

The summary tables go to stdout; progress bars (only on a terminal) and log lines go to \
stderr. Colour is used only when stdout is a terminal and NO_COLOR is not set.")]
    Run(RunArgs),
    /// Repeat a run from its run.json, without the scenario files: the same
    /// scenarios, inputs, seeds and flags, written again.
    #[command(after_help = "Examples:
  walkaway rerun output/run.json                 # rewrite output/ in place
  walkaway rerun output/run.json --out again/    # and compare: the files are the same

Sample files named by the scenarios ({ samples = ... }) are read again and must hash as \
run.json records them.")]
    Rerun(RerunArgs),
    /// Validate scenario files without simulating.
    #[command(after_help = "Examples:
  walkaway check my-offer.toml
  walkaway check scenarios/")]
    Check(CheckArgs),
    /// Write a commented scenario template with every key at its default.
    #[command(after_help = "Examples:
  walkaway init                        # writes scenario.toml
  walkaway init offers/acme.toml
  walkaway init acme.toml --force      # replace an existing file

An existing file is never replaced without --force (exit status 2).")]
    Init(InitArgs),
    /// Print a shell completion script to stdout.
    #[command(after_help = "Examples:
  walkaway completions bash > ~/.local/share/bash-completion/completions/walkaway
  walkaway completions zsh > ~/.zfunc/_walkaway      # with fpath+=(~/.zfunc) in .zshrc
  walkaway completions fish > ~/.config/fish/completions/walkaway.fish")]
    Completions(CompletionsArgs),
    /// Show what would change the verdict: verdict maps of the pick by offer against role
    /// strength (and against runway for an unemployed candidate), and a tornado of the inputs.
    #[command(after_help = "Examples:
  walkaway sensitivity my-offer.toml
  walkaway sensitivity scenarios/ --map-paths 5000 --out results/
  walkaway sensitivity scenarios/ --shard auto/20 --out parts/   # in a job array; then merge

Writes per scenario, in OUT/<scenario>/: map_role.csv and map_role.png (C0 / floor from \
0.70 to 1.10 against role strength from 0 to 1) and, for an unemployed candidate, \
map_runway.csv and map_runway.png (against runway from 0 to 12 months); tornado.csv and \
tornado.png (each uncertain input moved over its range, five runs at the scenario's paths \
each).")]
    Sensitivity(SensitivityArgs),
    /// Vary one or two inputs of a scenario over a grid and see where the verdict changes.
    #[command(after_help = "Examples:
  walkaway sweep offer.toml --vary offer.base=130000..170000:9
  walkaway sweep offer.toml --vary market.softness=0.8..1.6:5 --vary counter.success=0.3..0.9:7
  walkaway sweep offer.toml --vary career.raise=0.5..1.5:5 --paths 20000 --out sweep/

KEY is a number or distribution key of the scenario (see docs/scenario.md). A number takes each \
value of the grid; a distribution is multiplied by it (both ends of a range, every value of a \
list). Every grid point is an ordinary run at the scenario's seed. Writes sweep.csv, \
sweep_verdicts.csv and sweep.png into --out.")]
    Sweep(SweepArgs),
    /// Merge the parts of a sharded run, sweep or sensitivity run (`--shard K/N`) into the
    /// outputs the unsharded command writes, byte for byte.
    #[command(after_help = "Examples:
  walkaway run scenarios/ --shard 0/4 --out parts/   # ... and 1/4, 2/4, 3/4, anywhere
  walkaway merge parts/ --out results/
  walkaway merge parts/shard-0-of-2.part.json parts/shard-1-of-2.part.json
  walkaway sensitivity offer.toml --shard auto/20 --out parts/   # in a job array

Parts that do not make up one whole run (another version, scenario, seed, path count or \
shard count, a missing or duplicate shard, a truncated or corrupt file) are refused with exit \
status 2, naming the files; nothing is written then. See docs/cluster.md.")]
    Merge(MergeArgs),
}

/// Where a command writes its outputs.
#[derive(Debug, Args)]
pub struct OutArgs {
    /// Where to write the outputs.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
}

/// How a command runs, which never changes what it writes.
#[derive(Debug, Args)]
pub struct ExecArgs {
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub threads: Option<u64>,
    /// No progress bars or log lines on stderr (errors still show); what goes
    /// to stdout is unchanged.
    #[arg(long, short)]
    pub quiet: bool,
}

impl ExecArgs {
    pub fn threads(&self) -> Option<usize> {
        self.threads.map(|n| n as usize)
    }
}

/// Overrides of every scenario's `[simulation]` section.
#[derive(Debug, Args)]
pub struct SimulationArgs {
    /// Paths per run (a scenario, a grid point, a tornado point), overriding
    /// [simulation] paths.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub paths: Option<u64>,
    /// Seed, overriding [simulation] seed.
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
}

/// Splitting a command's work over the tasks of a cluster job.
#[derive(Debug, Args)]
pub struct ShardArgs {
    /// Compute only shard K of N of the work (K from 0; `auto` reads it from
    /// SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or PARALLEL_SEQ) and write its
    /// part file to --out, for `walkaway merge`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<walkaway::shard::ShardArg>,
}

impl ShardArgs {
    /// The shard asked for, `auto` read from the environment.
    pub fn resolve(&self) -> Result<Option<walkaway::shard::Shard>, walkaway::shard::ShardError> {
        self.shard
            .map(|a| a.resolve(|v| std::env::var(v).ok()))
            .transpose()
    }
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario files, or folders whose *.toml files are all run.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub out: OutArgs,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub exec: ExecArgs,
    /// Also write summary.json and verdicts.json beside the CSV files.
    #[arg(long)]
    pub json: bool,
    /// Write the first N paths' outcomes per strategy to <scenario>/paths.csv
    /// (capped at the scenario's path count; at most 1000000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=MAX_PER_PATH))]
    pub per_path: Option<u64>,
    /// Paths per evaluation of the walk-away numbers, overriding [simulation]
    /// frontier_paths (default 20000; never more than the scenario's paths).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub frontier_paths: Option<u64>,
    /// Skip the walk-away numbers (the offer to take, the best floor, the
    /// runway needed) and their files frontier.csv and offer_bands.csv.
    #[arg(long)]
    pub no_frontier: bool,
    /// Skip drawing the PNG charts.
    #[arg(long)]
    pub no_charts: bool,
    /// Stop at the first bad scenario instead of running the good ones.
    #[arg(long)]
    pub fail_fast: bool,
    /// Treat plausibility warnings (a floor typed in thousands, a bonus in
    /// percent, the template's example values) as errors: exit status 2.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub shard: ShardArgs,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Part files, or folders whose *.part.json files are all merged.
    #[arg(required = true, value_name = "PARTS|DIR")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub out: OutArgs,
    #[command(flatten)]
    pub exec: ExecArgs,
}

#[derive(Debug, Args)]
pub struct RerunArgs {
    /// The run.json of the run to repeat.
    #[arg(value_name = "RUN_JSON")]
    pub manifest: PathBuf,
    /// Where to write the outputs (default: the folder holding run.json).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub exec: ExecArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Scenario files, or folders whose *.toml files are all checked.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The file to write.
    #[arg(default_value = "scenario.toml", value_name = "PATH")]
    pub path: PathBuf,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// Scenario files, or folders whose *.toml files are all used.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub out: OutArgs,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub exec: ExecArgs,
    /// Paths per cell of the verdict maps (default 10000; never more than
    /// the scenario's paths).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub map_paths: Option<u64>,
    #[command(flatten)]
    pub shard: ShardArgs,
}

#[derive(Debug, Args)]
pub struct SweepArgs {
    /// The scenario file.
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// An input and its grid: KEY=LO..HI:N (N evenly spaced values from LO to HI). Give it
    /// once or twice.
    #[arg(long, required = true, value_name = "KEY=LO..HI:N")]
    pub vary: Vec<String>,
    #[command(flatten)]
    pub out: OutArgs,
    #[command(flatten)]
    pub simulation: SimulationArgs,
    #[command(flatten)]
    pub exec: ExecArgs,
    #[command(flatten)]
    pub shard: ShardArgs,
}
