//! `annals serve`, run as a separate process and spoken to over TCP: live
//! reload, errors while the last good build stays served, path safety,
//! Content-Types, the base path and a clean stop.

mod common;
#[path = "serve/server.rs"]
mod server;

use server::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn edits_reload_pages_and_errors_show_while_the_last_good_build_stays() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    let page = "/events/1945-relations.html";
    let first = server.get(page);
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(first.body.contains("Relations established"));
    let live = live_settings(&first.body);
    assert_eq!(live["events"], "/__annals/events");
    assert_eq!(live["page"], "events/1945-relations.html");
    let mut events = server.events();
    assert_eq!(
        events.hello(),
        live["build"],
        "the stream names the page's build"
    );

    let file = site.path().join("content/events/1945-relations.md");
    std::fs::write(&file, event("Relations restored")).unwrap();
    assert_eq!(
        events.reloaded(),
        ["events/1945-relations.html", "events/1976-visit.html"],
        "the event pages first"
    );
    let listing: Vec<String> = events
        .reloaded()
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect();
    assert_eq!(
        listing,
        [
            "actors/index.html",
            "index.html",
            "sources/index.html",
            "tags/index.html",
            "tags/treaty.html"
        ],
        "then the pages that list them"
    );
    server.wait_for_page(page, "Relations restored");

    std::fs::write(&file, "---\ntitle: x\ndate: 1945-02-30\n---\n").unwrap();
    let error = events.wait_for("February has 28 days in 1945");
    assert!(
        error.ends_with("event: build-error\ndata: content/events/1945-relations.md:3:7: date: invalid date \"1945-02-30\": February has 28 days in 1945"),
        "{error}"
    );
    server.wait_for_line("content/events/1945-relations.md:3:7: date: invalid date");
    assert!(server.get(page).body.contains("Relations restored"));
    let late = server.events();
    drop(late);

    std::fs::write(&file, event("Relations fixed")).unwrap();
    events.wait_for("event: reload");
    let fixed = server.wait_for_page(page, "Relations fixed");
    let build = live_settings(&fixed.body)["build"].clone();
    assert!(
        build.as_u64() > live["build"].as_u64(),
        "{build} after {live}"
    );
    // The list pages may have been rebuilt since.
    let hello = server.events().hello();
    assert!(hello.as_u64() >= build.as_u64(), "{hello} before {build}");
    assert!(!std::fs::exists(site.path().join("public")).unwrap());
}

#[test]
fn a_page_from_before_a_restart_is_told_it_is_stale() {
    let site = small_site();
    let old = live_settings(&Server::start(site.path(), &[]).get("/").body);
    let server = Server::start(site.path(), &[]);
    let current = server.events().hello();
    assert!(
        current.as_u64() > old["build"].as_u64(),
        "{current} after {old}"
    );
}

#[test]
fn symbolic_links_out_of_the_site_are_never_followed() {
    let site = small_site();
    let outside = common::site(&[("secret.txt", "top secret")]);
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.path().join("static/secret.txt"),
    )
    .unwrap();
    let server = Server::start(site.path(), &[]);
    // On stderr, so it may come after "serving" on stdout.
    let warning = "static/secret.txt: symbolic links are not followed (they may leave the site or loop): copy the file instead";
    if !server.startup.iter().any(|line| line == warning) {
        assert_eq!(server.wait_for_line("symbolic links"), warning);
    }
    let response = server.get("/secret.txt");
    assert_eq!(response.status, 404);
    assert!(!response.body.contains("top secret"));
}

#[test]
fn paths_outside_the_output_are_refused() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    for target in [
        "/../site.yaml",
        "/events/../../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/events/..%5c..%5csite.yaml",
        "/..\\site.yaml",
        "/%00",
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 400, "{target}: {}", response.body);
    }
    for target in [
        "/%252e%252e/site.yaml",
        "/site.yaml",
        "//etc/passwd",
        "/content/events/1976-visit.md",
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 404, "{target}: {}", response.body);
        assert!(!response.body.contains("Test chronology\"\n"), "{target}");
    }
}

#[test]
fn files_have_their_content_types_and_missing_ones_the_sites_404() {
    let site = small_site();
    common::write(site.path(), "static/data/list.json", "[]");
    let server = Server::start(site.path(), &[]);
    for (target, expected) in [
        ("/", "text/html; charset=utf-8"),
        ("/tags/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/data/list.json", "application/json"),
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 200, "{target}");
        assert_eq!(response.header("content-type"), Some(expected), "{target}");
    }
    let missing = server.get("/events/nothing.html");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let own_404 = common::texts(&scraper::Html::parse_document(&missing.body), "h1");
    assert_eq!(own_404, ["Page not found"]);
    let live = live_settings(&missing.body);
    assert_eq!(
        live["page"], "events/nothing.html",
        "it reloads once that page exists"
    );
}

#[test]
fn the_base_path_serves_the_site_under_a_subpath() {
    let site = small_site();
    let server = Server::start(site.path(), &["--base-path", "/repo/"]);
    assert_eq!(server.base, "/repo/");
    let index = server.get("/repo/");
    assert_eq!(index.status, 200);
    assert!(
        index
            .body
            .contains("({\"events\":\"/repo/__annals/events\",\"page\":\"index.html\",")
    );
    assert_eq!(server.get("/repo/events/1976-visit.html").status, 200);
    assert_eq!(server.get("/index.html").status, 404);
    let bare = server.get("/repo");
    assert_eq!(bare.status, 308);
    assert_eq!(bare.header("location"), Some("/repo/"));
    let mut events = server.events();
    let file = site.path().join("content/events/1976-visit.md");
    std::fs::write(&file, event("A second visit").replace("1945-03-14", "1976")).unwrap();
    events.wait_for("event: reload");
    server.wait_for_page("/repo/events/1976-visit.html", "A second visit");
}

#[test]
fn folders_made_after_the_start_are_watched() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    let mut events = server.events();
    common::write(site.path(), "static/notes/plan.txt", "first plan");
    events.wait_for("event: reload");
    server.wait_for_page("/notes/plan.txt", "first plan");
    std::fs::write(site.path().join("static/notes/plan.txt"), "second plan").unwrap();
    events.wait_for("event: reload");
    server.wait_for_page("/notes/plan.txt", "second plan");
    std::fs::remove_dir_all(site.path().join("static")).unwrap();
    server.wait_for_page("/notes/plan.txt", "Page not found");
    common::write(site.path(), "static/notes/plan.txt", "third plan");
    server.wait_for_page("/notes/plan.txt", "third plan");
    std::fs::write(site.path().join("static/notes/plan.txt"), "fourth plan").unwrap();
    server.wait_for_page("/notes/plan.txt", "fourth plan");

    common::write(
        site.path(),
        "content/events/1990s/1991-talks.md",
        &event("Talks in a new folder").replace("1945-03-14", "1991"),
    );
    server.wait_for_page("/", "Talks in a new folder");
    std::fs::write(
        site.path().join("content/events/1990s/1991-talks.md"),
        event("Talks renamed").replace("1945-03-14", "1991"),
    )
    .unwrap();
    server.wait_for_page("/events/1991-talks.html", "Talks renamed");
}

#[test]
fn saves_in_place_by_rename_and_through_a_backup_show_without_errors() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    let file = site.path().join("content/events/1976-visit.md");
    let page = "/events/1976-visit.html";
    let text = |title: &str| event(title).replace("1945-03-14", "1976");
    // In place, in two writes.
    let mut open = std::fs::File::create(&file).unwrap();
    let whole = text("Saved in place");
    let (head, tail) = whole.split_at(20);
    open.write_all(head.as_bytes()).unwrap();
    open.write_all(tail.as_bytes()).unwrap();
    drop(open);
    server.wait_for_page(page, "Saved in place");
    // A temporary file renamed over the original.
    let temporary = site.path().join("content/events/.1976-visit.md.tmp");
    std::fs::write(&temporary, text("Saved by rename")).unwrap();
    std::fs::rename(&temporary, &file).unwrap();
    server.wait_for_page(page, "Saved by rename");
    // The original renamed to a backup, then written anew.
    std::fs::rename(&file, site.path().join("content/events/1976-visit.md~")).unwrap();
    std::fs::write(&file, text("Saved after a backup")).unwrap();
    server.wait_for_page(page, "Saved after a backup");
    let printed: Vec<String> = server.output.try_iter().collect();
    let errors: Vec<&String> = printed
        .iter()
        .filter(|l| !l.starts_with("rebuilt"))
        .collect();
    assert!(errors.is_empty(), "{printed:#?}");
}

#[test]
fn many_clients_and_ones_that_disconnect_are_served() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    for _ in 0..20 {
        drop(server.connect("/", "GET"));
        let mut half = server.connect("/__annals/events", "GET");
        let _ = half.read(&mut [0; 8]);
    }
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let address = server.address.clone();
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(address).unwrap();
                stream.set_read_timeout(Some(DEADLINE)).unwrap();
                stream.write_all(b"GET / HTTP/1.0\r\n\r\n").unwrap();
                let mut bytes = Vec::new();
                stream.read_to_end(&mut bytes).unwrap();
                Response::parse(&bytes).status
            })
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().unwrap(), 200);
    }
}

#[test]
fn interrupting_stops_cleanly_without_leaving_files() {
    let site = small_site();
    let before = common::snapshot(site.path());
    let mut server = Server::start(site.path(), &[]);
    let _events = server.events();
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    server.wait_for_line("stopped");
    let end = Instant::now() + DEADLINE;
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < end, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "{exit}");
    assert_eq!(common::snapshot(site.path()), before);
}

#[test]
fn abusive_clients_never_stop_the_server_serving_others() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    // 500 connections held open at once, doing nothing.
    let idle: Vec<TcpStream> = (0..500)
        .map(|_| TcpStream::connect(&server.address).unwrap())
        .collect();
    assert_eq!(
        server.get("/").status,
        200,
        "served beside 500 idle connections"
    );
    // A client that sends its headers one byte at a time.
    let address = server.address.clone();
    let slow = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        for byte in b"GET / HTTP/1.0\r\nHost: x\r\n\r\n" {
            if stream.write_all(&[*byte]).is_err() {
                return 0;
            }
            std::thread::sleep(Duration::from_millis(40));
        }
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        if bytes.is_empty() {
            0
        } else {
            Response::parse(&bytes).status
        }
    });
    for _ in 0..5 {
        assert_eq!(
            server.get("/").status,
            200,
            "served while a client trickles its headers"
        );
    }
    let slow_status = slow.join().unwrap();
    assert!(
        slow_status == 200 || slow_status == 0,
        "the slow client got {slow_status}"
    );
    // A request of 10 MB: a huge header, then a huge body.
    let mut huge = TcpStream::connect(&server.address).unwrap();
    huge.set_read_timeout(Some(DEADLINE)).unwrap();
    let header = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(10 * 1024 * 1024)
    );
    let _ = huge.write_all(header.as_bytes());
    let mut answer = Vec::new();
    let _ = huge.read_to_end(&mut answer);
    if !answer.is_empty() {
        let status = Response::parse(&answer).status;
        assert!((400..500).contains(&status), "a 10 MB header got {status}");
    }
    let mut body = TcpStream::connect(&server.address).unwrap();
    body.set_read_timeout(Some(DEADLINE)).unwrap();
    let _ = write!(
        body,
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
        10 * 1024 * 1024
    );
    let _ = body.write_all(&vec![b'x'; 10 * 1024 * 1024]);
    let mut answer = Vec::new();
    let _ = body.read_to_end(&mut answer);
    if !answer.is_empty() {
        let status = Response::parse(&answer).status;
        assert_ne!(status, 500, "a 10 MB body is refused, not a server error");
    }
    assert_eq!(
        server.get("/").status,
        200,
        "still serving after 10 MB requests"
    );
    drop(idle);
    assert_eq!(server.get("/events/1945-relations.html").status, 200);
}
