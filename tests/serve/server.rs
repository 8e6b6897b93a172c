//! The harness of the `annals serve` tests: a server run as a separate
//! process, its HTTP responses and its event stream.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long anything may take before the test fails.
pub(crate) const DEADLINE: Duration = Duration::from_secs(10);

/// A running `annals serve`; killed when dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) address: String,
    pub(crate) base: String,
    pub(crate) output: mpsc::Receiver<String>,
    /// What it printed before it was ready.
    pub(crate) startup: Vec<String>,
}

impl Server {
    pub(crate) fn start(root: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, output) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = sender.send(line);
                }
            });
        }
        let mut server = Server {
            child,
            address: String::new(),
            base: String::new(),
            output,
            startup: Vec::new(),
        };
        server.startup = server.lines_until("serving http://");
        let line = server.startup.last().unwrap().clone();
        let url = line["serving http://".len()..].split(' ').next().unwrap();
        let (address, base) = url.split_at(url.find('/').unwrap());
        server.address = address.to_string();
        server.base = base.to_string();
        server
    }

    /// The first line printed from now on that contains `text`.
    pub(crate) fn wait_for_line(&self, text: &str) -> String {
        self.lines_until(text).pop().unwrap_or_default()
    }

    /// The lines printed from now on, up to the first that contains `text`.
    pub(crate) fn lines_until(&self, text: &str) -> Vec<String> {
        let end = Instant::now() + DEADLINE;
        let mut seen = Vec::new();
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.output.recv_timeout(left) {
                Ok(line) if line.contains(text) => {
                    seen.push(line);
                    return seen;
                }
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!("no line with {text:?} within {DEADLINE:?}; printed: {seen:#?}")
    }

    /// Sends a raw request line and returns (status, headers, body).
    pub(crate) fn get(&self, target: &str) -> Response {
        let mut stream = self.connect(target, "GET");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        Response::parse(&bytes)
    }

    pub(crate) fn connect(&self, target: &str, method: &str) -> TcpStream {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.0\r\nHost: {}\r\n\r\n",
            self.address
        )
        .unwrap();
        stream
    }

    /// The event stream, once the server said it is connected.
    pub(crate) fn events(&self) -> Events {
        let mut events = Events {
            stream: self.connect(&format!("{}__annals/events", self.base), "GET"),
            text: String::new(),
        };
        events.wait_for(": connected");
        events
    }

    /// Polls `path` until its body contains `text`.
    pub(crate) fn wait_for_page(&self, path: &str, text: &str) -> Response {
        let end = Instant::now() + DEADLINE;
        loop {
            let response = self.get(path);
            if response.body.contains(text) || Instant::now() > end {
                assert!(
                    response.body.contains(text),
                    "{path} never showed {text:?}:\n{}",
                    response.body
                );
                return response;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: String,
    pub(crate) body: String,
}

impl Response {
    pub(crate) fn parse(bytes: &[u8]) -> Response {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Response {
            status,
            headers: head.to_ascii_lowercase(),
            body: body.to_string(),
        }
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{name}: ")))
    }
}

/// An open event stream and what it has sent so far.
pub(crate) struct Events {
    pub(crate) stream: TcpStream,
    pub(crate) text: String,
}

/// What the live-reload script in `body` is called with.
pub(crate) fn live_settings(body: &str) -> serde_json::Value {
    let start = body.rfind("})({").map(|at| at + "})(".len());
    let end = start.and_then(|start| body[start..].find(");\n</script>").map(|n| start + n));
    let (Some(start), Some(end)) = (start, end) else {
        panic!("no live-reload script in:\n{body}");
    };
    serde_json::from_str(&body[start..end]).unwrap()
}

impl Events {
    /// The build the stream says is current when it opens.
    pub(crate) fn hello(&mut self) -> serde_json::Value {
        self.wait_for("event: hello\ndata: ");
        let data = self.wait_for("\n");
        serde_json::from_str(data.trim()).unwrap_or_else(|e| panic!("{e}: {data}"))
    }

    /// The pages the next reload message names.
    pub(crate) fn reloaded(&mut self) -> Vec<String> {
        self.wait_for("event: reload\ndata: ");
        let data = self.wait_for("\n");
        serde_json::from_str(data.trim()).unwrap_or_else(|e| panic!("{e}: {data}"))
    }

    /// Reads until what was sent since the last wait contains `text`;
    /// returns it.
    pub(crate) fn wait_for(&mut self, text: &str) -> String {
        let end = Instant::now() + DEADLINE;
        let mut buffer = [0; 4096];
        while !self.text.contains(text) {
            let left = end.checked_duration_since(Instant::now());
            assert!(
                left.is_some(),
                "the event stream never sent {text:?}; it sent:\n{}",
                self.text
            );
            self.stream.set_read_timeout(left).unwrap();
            match self.stream.read(&mut buffer) {
                Ok(0) => panic!("the event stream closed; it sent:\n{}", self.text),
                Ok(n) => self.text.push_str(&String::from_utf8_lossy(&buffer[..n])),
                Err(error) => panic!("{error}; the event stream sent:\n{}", self.text),
            }
        }
        let at = self.text.find(text).unwrap() + text.len();
        let seen = self.text[..at].to_string();
        self.text.drain(..at);
        seen
    }
}

pub(crate) fn event(title: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: \"1945-03-14\"\ntags: [treaty]\n---\n\nWhat happened.\n"
    )
}

pub(crate) fn small_site() -> tempfile::TempDir {
    crate::common::site(&[
        ("site.yaml", "title: \"Test chronology\"\n"),
        (
            "content/events/1945-relations.md",
            &event("Relations established"),
        ),
        (
            "content/events/1976-visit.md",
            &event("A visit").replace("1945-03-14", "1976"),
        ),
    ])
}
