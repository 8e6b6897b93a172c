#![allow(missing_docs)] // criterion_group! defines an undocumented function
//! Microbenchmarks of the hot paths: date parsing, front-matter parsing,
//! Markdown rendering and the render of this repository's whole site.
//!
//! Run with `cargo bench --bench micro`.

use std::hint::black_box;
use std::path::Path;

use annals::date::HistoricalDate;
use annals::event;
use annals::load::{Format, SourceFile};
use annals::markdown::{self, HtmlMode};
use criterion::{Criterion, criterion_group, criterion_main};

const EVENT: &str = include_str!("../content/events/2025-05-07-strategic-partnership-treaty.md");

fn dates(c: &mut Criterion) {
    c.bench_function("date: parse 1945-03-14", |b| {
        b.iter(|| HistoricalDate::parse(black_box("1945-03-14")))
    });
    c.bench_function("date: parse 1259 BCE", |b| {
        b.iter(|| HistoricalDate::parse(black_box("1259 BCE")))
    });
}

fn front_matter(c: &mut Criterion) {
    let file = SourceFile {
        path: "content/events/treaty.md".into(),
        text: EVENT.to_string(),
        format: Format::Markdown,
    };
    c.bench_function("event: parse and validate one file", |b| {
        b.iter(|| event::parse_file(black_box(&file)))
    });
}

fn render(c: &mut Criterion) {
    let body = EVENT.splitn(3, "---\n").nth(2).unwrap_or_default();
    c.bench_function("markdown: render one body", |b| {
        b.iter(|| markdown::render(black_box(body), HtmlMode::Sanitise, &|_| None))
    });
    let opts = annals::BuildOptions::new(Path::new(env!("CARGO_MANIFEST_DIR")));
    c.bench_function(
        "site: check this repository's site (every page in memory)",
        |b| b.iter(|| annals::check(black_box(&opts))),
    );
}

criterion_group!(benches, dates, front_matter, render);
criterion_main!(benches);
