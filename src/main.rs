//! The `annals` command line: build, check, serve, new, init.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use annals::i18n::plural;
use annals::load::Format;
use annals::output::Verbosity;
use annals::scaffold::{self, NewEvent};
use annals::serve::{Browser, ServeOptions};
use annals::{BuildOptions, Drafts, Error};
use clap::{Args, Parser, Subcommand};

/// mimalloc rather than the system allocator: rendering allocates and frees
/// many small strings from several threads, where glibc's malloc spends a
/// tenth of a large build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Preview the site over HTTP, rebuilding and reloading on every save.
    Serve(ServeArgs),
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
    /// Treat warnings as errors (exit status 1).
    #[arg(long)]
    strict: bool,
    /// List every source and how many events cite it.
    #[arg(long)]
    sources: bool,
}

#[derive(Args)]
struct ServeArgs {
    /// The site root.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on; anything but loopback is reachable from
    /// other machines.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Serve the site under this path, as GitHub Pages serves a project
    /// site (e.g. /repo/).
    #[arg(long, default_value = "/")]
    base_path: String,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Publish drafts too.
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
    /// When the event ended, same grammar as --date.
    #[arg(long)]
    end: Option<String>,
    /// A tag; repeat for several.
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// An actor (country, person, organisation); repeat for several.
    #[arg(long = "actor")]
    actors: Vec<String>,
    /// Where it happened.
    #[arg(long)]
    place: Option<String>,
    /// Write a YAML data file (.yaml) instead of Markdown.
    #[arg(long)]
    yaml: bool,
    /// Open the new file in $VISUAL or $EDITOR.
    #[arg(long)]
    edit: bool,
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
            "{what} {}, {} in {} ({} ms)",
            plural("{n} event|{n} events", report.events),
            plural("{n} page|{n} pages", report.pages),
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
        for note in &report.notes {
            eprintln!("info: {note}");
        }
        let lints = report.lints.iter().map(ToString::to_string);
        let warnings: Vec<String> = report.warnings.iter().cloned().chain(lints).collect();
        if self.strict && !warnings.is_empty() {
            return Err(Error::Many(
                warnings.into_iter().map(Error::Usage).collect(),
            ));
        }
        print_warnings(&warnings);
        if self.sources {
            println!("events  source id          source");
            for line in &report.sources {
                println!("{line}");
            }
        }
        println!(
            "ok: {}, {} would be written",
            plural("{n} event|{n} events", report.events),
            plural("{n} page|{n} pages", report.pages)
        );
        Ok(())
    }
}

impl ServeArgs {
    fn run(self) -> Result<(), Error> {
        annals::load::require_site(&self.root)?;
        let mut build = BuildOptions::new(self.root);
        build.drafts = drafts(self.drafts);
        annals::serve::run(ServeOptions {
            build,
            bind: self.bind,
            port: self.port,
            base_path: self.base_path,
            browser: if self.open {
                Browser::Open
            } else {
                Browser::Stay
            },
        })
    }
}

impl NewArgs {
    fn run(self) -> Result<(), Error> {
        let new = NewEvent {
            title: self.title,
            date: self.date,
            end: self.end,
            tags: self.tags,
            actors: self.actors,
            place: self.place,
            format: if self.yaml {
                Format::Yaml
            } else {
                Format::Markdown
            },
        };
        let path = scaffold::new_event(&self.root, &new)?;
        println!("{}", path.display());
        if self.edit {
            edit(&path)?;
        }
        Ok(())
    }
}

/// Opens `path` in the editor named by $VISUAL or $EDITOR (which may carry
/// arguments, as in `code --wait`) and waits for it.
fn edit(path: &Path) -> Result<(), Error> {
    let editor = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|editor| !editor.trim().is_empty())
        .ok_or_else(|| Error::Usage("--edit: set $EDITOR (or $VISUAL) to your editor".into()))?;
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or_default();
    let status = std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .map_err(|e| Error::Usage(format!("--edit: cannot run {program:?}: {e}")))?;
    if !status.success() {
        eprintln!("warning: {editor} exited with {status}");
    }
    Ok(())
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
    small_pages();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => args.run(),
        Command::Check(args) => args.run(),
        Command::Serve(args) => args.run(),
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

/// Turns transparent huge pages off for this process. The allocator asks
/// for them, and the kernel zeroes each 2 MiB page whole on its first touch:
/// a third of the main thread's time in a small site's build, for memory it
/// mostly never uses.
fn small_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
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
