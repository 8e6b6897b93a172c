//! `annals serve`: preview while writing.
//!
//! Builds the site into memory, serves it over HTTP (see [`http`]), watches
//! the site's files (see [`crate::watch`]) and rebuilds what each edit
//! touched (see [`crate::rebuild`]). Open pages follow over server-sent
//! events: a good rebuild reloads them, a bad one shows its error over the
//! page while the last good build stays served. Nothing is written to disk.

mod http;

use std::net::{IpAddr, SocketAddr};
use std::sync::mpsc;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::BuildOptions;
use crate::error::{Error, Result};
use crate::output::Pages;
use crate::rebuild::{Changed, Live, Rebuilt};
use crate::watch::{self, Change};

/// Whether to open a browser once the server is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Browser {
    /// Only print the address (the default).
    #[default]
    Stay,
    /// Open the site in the default browser (`--open`).
    Open,
}

/// What `annals serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site and drafts; the output is never written.
    pub build: BuildOptions,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The path the site is served under, `/` or `/repo/`.
    pub base_path: String,
    /// Whether to open a browser.
    pub browser: Browser,
}

/// What open pages are told.
#[derive(Debug, Clone)]
enum Signal {
    /// A rebuild (or its first step) succeeded: pages showing these
    /// reload.
    Reload(Changed),
    /// A rebuild failed: show this.
    Failed(String),
}

/// The pages served now, and the number of the build they come from, which
/// pages are given so that they can tell whether they are current. Numbers
/// start from the time the server started, in milliseconds, so that a page
/// left open while `serve` was restarted reloads too.
#[derive(Clone)]
struct Current {
    build: u64,
    pages: Arc<Pages>,
}

/// What the server shares with the rebuilding thread.
struct Shared {
    current: RwLock<Current>,
    error: RwLock<Option<String>>,
    signals: broadcast::Sender<Signal>,
    base_path: String,
}

impl Shared {
    fn current(&self) -> Current {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn error(&self) -> Option<String> {
        self.error
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Publishes a rebuild's result: new pages and a reload, or the error.
    fn publish(&self, result: Result<Rebuilt>) {
        let signal = match result {
            Ok(rebuilt) => {
                let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
                current.build += 1;
                current.pages = rebuilt.pages;
                drop(current);
                *self.error.write().unwrap_or_else(PoisonError::into_inner) = None;
                Signal::Reload(rebuilt.changed)
            }
            Err(error) => {
                let text = error.to_string();
                *self.error.write().unwrap_or_else(PoisonError::into_inner) = Some(text.clone());
                Signal::Failed(text)
            }
        };
        let _ = self.signals.send(signal);
    }
}

/// Builds, serves and watches until Ctrl-C (SIGINT) or SIGTERM.
pub fn run(opts: ServeOptions) -> Result<()> {
    let base_path = normalise_base_path(&opts.base_path)?;
    let (signals, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        current: RwLock::new(Current {
            build: first_build_number(),
            pages: Arc::new(Pages::new()),
        }),
        error: RwLock::new(None),
        signals,
        base_path,
    });
    let mut live = Live::new(opts.build.clone());
    rebuild(&mut live, &shared, &Change::Everything);
    let (sender, changes) = mpsc::channel();
    let _watcher = watch::watch(&opts.build.root, sender)?;
    let rebuilder = shared.clone();
    std::thread::spawn(move || {
        while let Ok(first) = changes.recv() {
            let change = changes.try_iter().fold(first, Change::merge);
            rebuild(&mut live, &rebuilder, &change);
        }
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .map_err(|e| Error::io(&opts.build.root, e))?;
    runtime.block_on(serve(opts, shared))
}

/// Milliseconds since 1970: no earlier run of `serve` numbered its builds
/// from here.
fn first_build_number() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map_or(0, |since| u64::try_from(since.as_millis()).unwrap_or(0))
}

/// Rebuilds, tells the terminal and the open pages.
fn rebuild(live: &mut Live, shared: &Shared, change: &Change) {
    let started = Instant::now();
    let first = &mut |step: Rebuilt| shared.publish(Ok(step));
    match live.apply_in_steps(change, first) {
        Ok(rebuilt) => {
            println!(
                "rebuilt {} in {} ms",
                crate::i18n::plural("{n} page|{n} pages", rebuilt.rendered),
                started.elapsed().as_millis()
            );
            shared.publish(Ok(rebuilt));
        }
        Err(error) => {
            eprintln!("{error}");
            eprintln!("error: the last good build is still served; fix the file to continue");
            shared.publish(Err(error));
        }
    }
}

async fn serve(opts: ServeOptions, shared: Arc<Shared>) -> Result<()> {
    let address = SocketAddr::new(opts.bind, opts.port);
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| {
        Error::Usage(format!(
            "cannot listen on {address}: {e}: try another --port"
        ))
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("cannot listen on {address}: {e}")))?;
    if !opts.bind.is_loopback() {
        eprintln!(
            "WARNING: listening on {} makes this preview (and your drafts) reachable from other machines; use --bind 127.0.0.1 to keep it private",
            opts.bind
        );
    }
    let url = format!("http://{local}{}", shared.base_path);
    println!("serving {url} (Ctrl-C to stop)");
    if opts.browser == Browser::Open {
        if let Err(error) = open::that_detached(&url) {
            eprintln!("warning: could not open a browser: {error}");
        }
    }
    let app = http::router(shared);
    tokio::select! {
        result = axum::serve(listener, app) => {
            result.map_err(|e| Error::io(&opts.build.root, e))
        }
        () = stop_signal() => {
            println!("stopped");
            Ok(())
        }
    }
}

/// Resolves on Ctrl-C, or SIGTERM where there are signals.
async fn stop_signal() {
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate() => {}
    }
}

/// Resolves on SIGTERM.
#[cfg(unix)]
async fn terminate() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut stream) => {
            stream.recv().await;
        }
        Err(_) => std::future::pending::<()>().await,
    }
}

/// Never resolves: a system without SIGTERM stops on Ctrl-C alone.
#[cfg(not(unix))]
async fn terminate() {
    std::future::pending::<()>().await
}

/// `repo`, `/repo` and `/repo/` are all `/repo/`; the path may not leave
/// the root or hold characters a URL would have to escape.
fn normalise_base_path(path: &str) -> Result<String> {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        return Ok("/".into());
    }
    let clean = trimmed.split('/').all(|part| {
        !part.is_empty()
            && part != ".."
            && part != "."
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
    });
    if !clean {
        return Err(Error::Usage(format!(
            "--base-path {path:?}: use a path such as /repo/ (letters, digits, - _ . ~)"
        )));
    }
    Ok(format!("/{trimmed}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalised() {
        assert_eq!(normalise_base_path("").unwrap(), "/");
        assert_eq!(normalise_base_path("/").unwrap(), "/");
        assert_eq!(normalise_base_path("repo").unwrap(), "/repo/");
        assert_eq!(normalise_base_path("/a/b/").unwrap(), "/a/b/");
        assert!(normalise_base_path("/../x").is_err());
        assert!(normalise_base_path("/a b/").is_err());
    }
}
