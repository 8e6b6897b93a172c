//! The `annals` command line: build, check, new, init.

use std::path::PathBuf;
use std::process::ExitCode;

use annals::output::Verbosity;
use annals::{BuildOptions, Drafts, Error, scaffold};
use clap::{Args, Parser, Subcommand};

/// A static site generator for diplomatic chronologies.
#[derive(Parser)]
#[command(name = "annals", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default ROOT/public).
    Build(BuildArgs),
    /// Validate everything and render in memory; write nothing.
    Check(CheckArgs),
    /// Write a new event file: content/events/<date>-<slug>.md.
    New(NewArgs),
    /// Create a new chronology site with one example event.
    Init(InitArgs),
}

#[derive(Args)]
struct BuildArgs {
    /// The site root.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The output folder [default: ROOT/public].
    #[arg(long)]
    output: Option<PathBuf>,
    /// The absolute URL the site is published at (overrides site.yaml).
    #[arg(long)]
    base_url: Option<String>,
    /// Publish drafts too.
    #[arg(long)]
    drafts: bool,
    /// Print only errors and warnings: no progress bar, no summary.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// The site root.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Check drafts too.
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
struct NewArgs {
    /// The site root.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The event's date: YYYY, YYYY-MM or YYYY-MM-DD, optionally " BCE".
    #[arg(long)]
    date: String,
    /// A tag; repeat for several.
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// The event's title.
    title: String,
}

#[derive(Args)]
struct InitArgs {
    /// The folder to create the site in.
    dir: PathBuf,
    /// Do not write the GitHub Pages workflow (.github/workflows/pages.yml).
    #[arg(long)]
    no_workflow: bool,
}

fn drafts(include: bool) -> Drafts {
    if include {
        Drafts::Include
    } else {
        Drafts::Exclude
    }
}

impl BuildArgs {
    fn run(self) -> Result<(), Error> {
        let started = std::time::Instant::now();
        let verbosity = if self.quiet {
            Verbosity::Quiet
        } else {
            Verbosity::Normal
        };
        let opts = BuildOptions {
            root: self.root,
            output: self.output,
            base_url: self.base_url,
            drafts: drafts(self.drafts),
            verbosity,
        };
        let report = annals::build(&opts)?;
        print_warnings(&report.warnings);
        if verbosity == Verbosity::Quiet {
            return Ok(());
        }
        let output = report.output.unwrap_or_default();
        let what = if report.unchanged {
            "nothing changed:"
        } else {
            "built"
        };
        println!(
            "{what} {} events, {} pages in {} ({} ms)",
            report.events,
            report.pages,
            output.display(),
            started.elapsed().as_millis()
        );
        Ok(())
    }
}

impl CheckArgs {
    fn run(self) -> Result<(), Error> {
        let mut opts = BuildOptions::new(self.root);
        opts.drafts = drafts(self.drafts);
        let report = annals::check(&opts)?;
        print_warnings(&report.warnings);
        println!(
            "ok: {} events, {} pages would be written",
            report.events, report.pages
        );
        Ok(())
    }
}

impl NewArgs {
    fn run(self) -> Result<(), Error> {
        let path = scaffold::new_event(&self.root, &self.title, &self.date, &self.tags)?;
        println!("{}", path.display());
        Ok(())
    }
}

impl InitArgs {
    fn run(self) -> Result<(), Error> {
        let workflow = if self.no_workflow {
            scaffold::Workflow::Skip
        } else {
            scaffold::Workflow::Write
        };
        for path in scaffold::init(&self.dir, workflow)? {
            println!("created {}", path.display());
        }
        println!(
            "next: cd {} && annals build, then open public/index.html",
            self.dir.display()
        );
        Ok(())
    }
}

fn print_warnings(warnings: &[String]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => args.run(),
        Command::Check(args) => args.run(),
        Command::New(args) => args.run(),
        Command::Init(args) => args.run(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error);
            ExitCode::from(if matches!(error, Error::Usage(_)) {
                2
            } else {
                1
            })
        }
    }
}

/// Prints every error, then how many there were.
fn report(error: &Error) {
    eprintln!("{error}");
    let count = error.count();
    if count > 1 {
        eprintln!("error: {count} problems found; nothing was written");
    } else if !matches!(error, Error::Usage(_)) {
        eprintln!("error: the build failed; the previous output is untouched");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
