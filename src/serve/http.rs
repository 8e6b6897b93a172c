//! The HTTP side of `annals serve`: pages from memory, and the event stream
//! open pages listen to.
//!
//! Request parsing is axum's (hyper's). A request path is percent-decoded
//! once and refused (400) if it holds `..` or `.` segments, backslashes or
//! NUL; what remains is only ever looked up among the built pages, never on
//! disk, so nothing outside the output can be served. HTML responses get the
//! live-reload script; no page on disk ever does.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use futures_util::stream::{self, Stream};
use percent_encoding::percent_decode_str;
use serde::Serialize;
use tokio::sync::broadcast::error::RecvError;

use super::{Shared, Signal};
use crate::rebuild::Changed;

/// Where open pages listen for rebuilds, under the base path.
const EVENTS: &str = "__annals/events";

/// The script injected into served HTML: a function, called with what the
/// page needs to know (see [`Live`]).
const LIVE_JS: &str = include_str!("live.js");

/// What the live-reload script is told about the page it is in.
#[derive(Serialize)]
struct Live<'a> {
    /// The URL of the event stream.
    events: &'a str,
    /// The output path served, as `reload` messages name pages.
    page: &'a str,
    /// The build the page comes from.
    build: u64,
}

/// The app: every request goes to [`handle`].
pub(super) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
    }
    let path = uri.path();
    let Some(rest) = path.strip_prefix(shared.base_path.as_str()) else {
        if format!("{path}/") == shared.base_path {
            return Redirect::permanent(&shared.base_path).into_response();
        }
        return not_found(&shared, "404.html");
    };
    if rest == EVENTS {
        return events(&shared).into_response();
    }
    let Some(name) = file_name(rest) else {
        return (StatusCode::BAD_REQUEST, "bad path\n").into_response();
    };
    let current = shared.current();
    if let Some(bytes) = current.pages.get(&name) {
        return file(&shared, current.build, &name, StatusCode::OK, bytes.clone());
    }
    if current.pages.contains_key(&format!("{name}/index.html")) {
        return Redirect::permanent(&format!("{path}/")).into_response();
    }
    not_found(&shared, &name)
}

/// The page a request path (after the base path) names, or `None` for a
/// path that tries to leave the output or cannot be a file name.
fn file_name(rest: &str) -> Option<String> {
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    let bad_part = |part: &str| part == ".." || part == ".";
    if decoded.contains(['\\', '\0']) || decoded.split('/').any(bad_part) {
        return None;
    }
    Some(if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded.into_owned()
    })
}

/// The site's own 404 page, or a plain one while there is no good build.
/// Its links are relative to the site's root, where it was built, so it
/// gets a `<base>` there: answered at `events/x.html` it keeps its styles
/// and its links. The live-reload script takes it for `name`, the page
/// asked for, so that it reloads when that page appears.
fn not_found(shared: &Shared, name: &str) -> Response {
    let current = shared.current();
    let unbuilt = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>annals</title></head>\
                   <body><p>Nothing here yet: the site has not built.</p></body></html>";
    let bytes = match current.pages.get("404.html") {
        Some(bytes) => bytes.clone(),
        None => Arc::from(unbuilt.as_bytes()),
    };
    let based = with_base(&bytes, &shared.base_path);
    html(shared, current.build, name, StatusCode::NOT_FOUND, &based)
}

/// `page` with `<base href="{base}">` first in its head (if it has one),
/// or in place of the base a build gave it from the site's base URL.
fn with_base(page: &[u8], base: &str) -> Vec<u8> {
    const BUILT: &[u8] = b"<base href=\"";
    let built = page.windows(BUILT.len()).position(|w| w == BUILT);
    if let Some(start) = built.map(|at| at + BUILT.len()) {
        if let Some(length) = page[start..].iter().position(|&b| b == b'"') {
            return [&page[..start], base.as_bytes(), &page[start + length..]].concat();
        }
    }
    let opens_head = |window: &[u8]| {
        window[..5].eq_ignore_ascii_case(b"<head")
            && (window[5] == b'>' || window[5].is_ascii_whitespace())
    };
    let start = page.windows(6).position(opens_head);
    let head = start.and_then(|at| {
        page[at..]
            .iter()
            .position(|&b| b == b'>')
            .map(|end| at + end + 1)
    });
    let Some(at) = head else {
        return page.to_vec();
    };
    let tag = format!("<base href=\"{base}\">");
    [&page[..at], tag.as_bytes(), &page[at..]].concat()
}

/// A file with its Content-Type; HTML gets the live-reload script.
/// `build` is the number of the build it comes from.
fn file(shared: &Shared, build: u64, name: &str, status: StatusCode, bytes: Arc<[u8]>) -> Response {
    let mime = mime_guess::from_path(name).first_or_octet_stream();
    if mime == mime_guess::mime::TEXT_HTML {
        return html(shared, build, name, status, &bytes);
    }
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT if mime.get_param("charset").is_none() => {
            format!("{mime}; charset=utf-8")
        }
        _ => mime.to_string(),
    };
    respond(status, content_type, Bytes::from_owner(bytes))
}

/// An HTML page with the live-reload script, which takes it for `page`.
fn html(shared: &Shared, build: u64, page: &str, status: StatusCode, bytes: &[u8]) -> Response {
    let events = format!("{}{EVENTS}", shared.base_path);
    let live = Live {
        events: &events,
        page,
        build,
    };
    let body = Bytes::from(inject(bytes, &live));
    respond(status, "text/html; charset=utf-8".into(), body)
}

fn respond(status: StatusCode, content_type: String, body: Bytes) -> Response {
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CACHE_CONTROL, "no-store".to_string()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
    ];
    (status, headers, body).into_response()
}

/// The page with the live-reload script before `</body>`.
fn inject(html: &[u8], live: &Live<'_>) -> Vec<u8> {
    let script = format!(
        "<script>\n{}({});\n</script>\n",
        LIVE_JS.trim_end(),
        script_json(live)
    );
    let at = html
        .windows(7)
        .rposition(|window| window.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut page = Vec::with_capacity(html.len() + script.len());
    page.extend_from_slice(&html[..at]);
    page.extend_from_slice(script.as_bytes());
    page.extend_from_slice(&html[at..]);
    page
}

/// `live` as a JSON object that is safe inside `<script>`: no `<` that
/// could end it (JSON has `<` only inside strings, where `\u003c` means
/// the same).
fn script_json(live: &Live<'_>) -> String {
    serde_json::to_string(live)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
}

/// The stream an open page listens to: `hello` with the number of the
/// current build (a page from an older one reloads), the current error, if
/// any, then one event per rebuild.
fn events(shared: &Shared) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
    // Subscribe first: a build published after this is sent below, one
    // published before it is in `hello`.
    let receiver = shared.signals.subscribe();
    let build = shared.current().build;
    let hello = [
        Event::default().comment("connected"),
        Event::default().event("hello").data(build.to_string()),
    ];
    let current = shared.error().map(failed);
    let first = stream::iter(hello.into_iter().chain(current).map(Ok));
    let rest = stream::unfold(receiver, |mut receiver| async move {
        let event = match receiver.recv().await {
            Ok(Signal::Reload(changed)) => reload(&changed),
            Ok(Signal::Failed(text)) => failed(text),
            // Messages were missed: reload to be sure.
            Err(RecvError::Lagged(_)) => reload(&Changed::All),
            Err(RecvError::Closed) => return None,
        };
        Some((Ok(event), receiver))
    });
    Sse::new(futures_util::StreamExt::chain(first, rest)).keep_alive(KeepAlive::default())
}

/// A reload message: `"*"` for every page, or the changed output paths.
fn reload(changed: &Changed) -> Event {
    let data = match changed {
        Changed::All => "\"*\"".to_string(),
        Changed::Paths(paths) => serde_json::to_string(paths).unwrap_or_else(|_| "\"*\"".into()),
    };
    Event::default().event("reload").data(data)
}

fn failed(text: String) -> Event {
    Event::default()
        .event("build-error")
        .data(text.replace('\r', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_leaving_the_output_are_refused() {
        for bad in [
            "../x",
            "a/../../x",
            "%2e%2e/x",
            "%2E%2E%2Fx",
            "a%5c..%5cx",
            "a\\b",
            "%00",
            "%ff",
        ] {
            assert_eq!(file_name(bad), None, "{bad}");
        }
        assert_eq!(file_name("").unwrap(), "index.html");
        assert_eq!(file_name("tags/").unwrap(), "tags/index.html");
        assert_eq!(file_name("events/a%20b.html").unwrap(), "events/a b.html");
        assert_eq!(file_name("%252e%252e/x").unwrap(), "%2e%2e/x");
    }

    #[test]
    fn the_script_goes_before_the_end_of_body_and_knows_its_page() {
        let live = Live {
            events: "/r/__annals/events",
            page: "events/a b.html",
            build: 3,
        };
        let page = String::from_utf8(inject(b"<html><body><p>x</p></BODY></html>", &live)).unwrap();
        assert!(page.starts_with("<html><body><p>x</p><script>"), "{page}");
        assert!(
            page.contains(
                "})({\"events\":\"/r/__annals/events\",\"page\":\"events/a b.html\",\"build\":3});"
            ),
            "{page}"
        );
        assert!(page.ends_with("</script>\n</BODY></html>"), "{page}");
    }

    #[test]
    fn a_page_not_found_resolves_its_links_from_the_root() {
        let page =
            b"<!DOCTYPE html><HTML><Head lang=\"en\"><link href=\"style.css\"></head></html>";
        assert_eq!(
            String::from_utf8(with_base(page, "/repo/")).unwrap(),
            "<!DOCTYPE html><HTML><Head lang=\"en\"><base href=\"/repo/\"><link href=\"style.css\"></head></html>"
        );
        let headless = b"<header><p>no head</p></header>";
        assert_eq!(with_base(headless, "/"), headless);
        let built = b"<html><head><meta charset=\"utf-8\">\n<base href=\"/site/\">\n</head></html>";
        assert_eq!(
            String::from_utf8(with_base(built, "/repo/")).unwrap(),
            "<html><head><meta charset=\"utf-8\">\n<base href=\"/repo/\">\n</head></html>",
            "one base, the server's"
        );
    }

    #[test]
    fn nothing_in_the_settings_can_end_the_script() {
        let live = Live {
            events: "/__annals/events",
            page: "</script><script>alert(1)</script>",
            build: 0,
        };
        let json = script_json(&live);
        assert!(!json.contains('<'), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["page"], live.page);
    }
}
