//! Benchmark: how long from saving an event file to the open page having
//! reloaded with the change, as an editor running `annals serve` sees it.
//!
//! Starts the release `annals serve` on a copy of a site, listens on the
//! live-reload stream like an open page, edits one event's title, and times
//! until the reload message has arrived and the page serves the new title.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example edit_reload                  # this repository's site
//! cargo run --release --example edit_reload -- --events 10000  # a generated chronology
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ROUNDS: usize = 20;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let events = args
        .iter()
        .position(|a| a == "--events")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.parse::<usize>().expect("--events N"));
    let site = tempfile::tempdir().expect("temporary folder");
    let page = match events {
        Some(count) => generate(site.path(), count),
        None => copy_repository_site(site.path()),
    };
    let server = Server::start(site.path());
    let file = site.path().join(&page.0);
    let original = std::fs::read_to_string(&file).expect("event file");
    let mut times = Vec::new();
    for round in 0..ROUNDS {
        let mut events = server.events();
        let title = format!("Edited title {round}");
        let text = retitle(&original, &title);
        let started = Instant::now();
        std::fs::write(&file, text).expect("write");
        // The reload message that names the page (or every page, on a site
        // of several editions), as the open page waits for.
        events.wait_for_reload(&page.1[1..]);
        while !server.get(&page.1).contains(&title) {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the page never changed"
            );
        }
        times.push(started.elapsed());
        // Let the rest of the rebuild (lists, index, exports) finish, so
        // that every edit starts from an idle server, as a save does.
        server.wait_for_rebuilt();
    }
    times.sort();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    let what = events.map_or("the repository's site".to_string(), |n| {
        format!("{n} generated events")
    });
    println!(
        "{what}: edit → page reloaded: median {median:.1?}, worst {worst:.1?} over {ROUNDS} edits"
    );
}

/// The file with its `title:` line replaced.
fn retitle(text: &str, title: &str) -> String {
    text.lines()
        .map(|line| match line.starts_with("title:") {
            true => format!("title: \"{title}\"\n"),
            false => format!("{line}\n"),
        })
        .collect()
}

/// Copies this repository's site; returns (file, page) of one event.
fn copy_repository_site(to: &Path) -> (PathBuf, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(root).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    std::fs::copy(root.join("site.yaml"), to.join("site.yaml")).expect("site.yaml");
    let slug = "1976-carlos-andres-perez-visit-ussr";
    (
        format!("content/events/{slug}.md").into(),
        format!("/events/{slug}.html"),
    )
}

/// Writes a chronology of `count` events with tags, actors, eras, sources
/// and links; returns (file, page) of an event in the middle.
fn generate(to: &Path, count: usize) -> (PathBuf, String) {
    let eras: String = (0..10)
        .map(|i| {
            format!(
                "  - {{name: \"Era {i}\", start: \"{}\", end: \"{}\"}}\n",
                1000 + i * 100,
                1099 + i * 100
            )
        })
        .collect();
    std::fs::write(
        to.join("site.yaml"),
        format!("title: Generated\neras:\n{eras}"),
    )
    .expect("site.yaml");
    let dir = to.join("content/events");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for i in 0..count {
        let year = 1000 + i * 1000 / count;
        let month = 1 + i % 12;
        let text = format!(
            "---\ntitle: \"Event number {i}\"\ndate: \"{year}-{month:02}\"\n\
             tags: [topic-{}, theme-{}]\nactors: [Actor {}, Actor {}]\nplace: Place {}\n\
             sources:\n  - {{title: \"Source {i}\", url: \"https://example.org/{i}\"}}\n---\n\n\
             Event {i} happened in {year}. It is *one* of many, with a [link](https://example.org/).\n\n\
             A second paragraph, to give the body some length.\n",
            i % 40,
            i % 7,
            i % 300,
            (i * 7) % 300,
            i % 50
        );
        std::fs::write(dir.join(format!("e{i:05}.md")), text).expect("write");
    }
    let middle = count / 2;
    (
        format!("content/events/e{middle:05}.md").into(),
        format!("/events/e{middle:05}.html"),
    )
}

struct Server {
    child: Child,
    address: String,
    /// The lines it prints after "serving".
    lines: std::sync::mpsc::Receiver<String>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/annals");
        let mut child = Command::new(&binary)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("{}: {e}: run cargo build --release first", binary.display())
            });
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let address = loop {
            let line = lines.next().expect("serve exited").expect("read");
            if let Some(url) = line.strip_prefix("serving http://") {
                break url.split('/').next().expect("address").to_string();
            }
        };
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        Server {
            child,
            address,
            lines: receiver,
        }
    }

    /// Waits for the line the server prints at the end of a rebuild.
    fn wait_for_rebuilt(&self) {
        while !self.lines.recv().expect("serve exited").contains("rebuilt") {}
    }

    fn connect(&self, target: &str) -> TcpStream {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        write!(stream, "GET {target} HTTP/1.0\r\n\r\n").expect("request");
        stream
    }

    fn get(&self, target: &str) -> String {
        let mut body = String::new();
        self.connect(target)
            .read_to_string(&mut body)
            .expect("response");
        body
    }

    fn events(&self) -> Events {
        let mut events = Events(self.connect("/__annals/events"), String::new());
        events.wait_for(": connected");
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events(TcpStream, String);

impl Events {
    /// Reads reload messages until one names `page` or every page.
    fn wait_for_reload(&mut self, page: &str) {
        loop {
            self.wait_for("event: reload\ndata: ");
            let end = loop {
                if let Some(end) = self.1.find('\n') {
                    break end;
                }
                self.read();
            };
            let data: String = self.1.drain(..end).collect();
            if data == "\"*\"" || data.contains(&format!("\"{page}\"")) {
                return;
            }
        }
    }

    fn read(&mut self) {
        let mut buffer = [0; 4096];
        let n = self.0.read(&mut buffer).expect("event stream");
        assert!(n > 0, "the event stream closed");
        self.1.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }

    /// Reads until `text` arrives, and forgets what came up to it.
    fn wait_for(&mut self, text: &str) {
        while !self.1.contains(text) {
            self.read();
        }
        let end = self.1.find(text).map_or(0, |at| at + text.len());
        self.1.drain(..end);
    }
}
