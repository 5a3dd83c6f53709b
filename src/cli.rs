//! The command line, all in one place.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "walkaway",
    version,
    about = "Simulate what accepting, countering or walking away from a job offer does to your money",
    long_about = "walkaway simulates thousands to millions of possible careers for a job offer that \
sits below your floor, and compares four strategies in the same worlds: accept, counter then \
accept, counter then decide, and walk away to search. It writes CSV statistics, a report and a \
verdict next to the article's rule of thumb.",
    after_help = "Examples:\n  walkaway run scenarios/\n  walkaway run my-offer.toml --paths 1000000 --out results/\n  walkaway check scenarios/*.toml"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Simulate scenarios and write summary.csv, verdicts.csv and a report per scenario.
    #[command(
        after_help = "Examples:\n  walkaway run scenarios/\n  walkaway run offer.toml --paths 1000000 --seed 7 --threads 2 --out results/"
    )]
    Run(RunArgs),
    /// Validate scenario files without simulating.
    #[command(after_help = "Example:\n  walkaway check scenarios/")]
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario files, or folders whose *.toml files are all run.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
    /// Where to write the outputs.
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// Paths per scenario, overriding [simulation] paths.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub paths: Option<u64>,
    /// Seed, overriding [simulation] seed.
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub threads: Option<u64>,
    /// Skip drawing the PNG charts.
    #[arg(long)]
    pub no_charts: bool,
    /// Stop at the first bad scenario instead of running the good ones.
    #[arg(long)]
    pub fail_fast: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Scenario files, or folders whose *.toml files are all checked.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
}
