use super::ticks::TICKS;
use super::*;
use crate::date::HistoricalDate;

fn span(text: &str) -> Span {
    let date = HistoricalDate::parse(text).unwrap();
    Span::of(&date, None, false)
}

fn range(from: &str, to: &str) -> Span {
    let (a, b) = (
        HistoricalDate::parse(from).unwrap(),
        HistoricalDate::parse(to).unwrap(),
    );
    Span::of(&a, Some(&b), false)
}

fn xs(axis: &Axis) -> Vec<f64> {
    axis.marks.iter().map(|m| m.x).collect()
}

#[test]
fn distance_is_time() {
    let events = [span("1945"), span("1976"), span("2007")];
    let axis = measure(&events, &[]).unwrap();
    let x = xs(&axis);
    let (first, second) = (x[1] - x[0], x[2] - x[1]);
    assert!((first - second).abs() < 1.5, "{x:?}: 31 years look alike");
    assert!(x[0] >= PAD && x[2] <= WIDTH - PAD);
}

#[test]
fn bce_and_ce_share_one_line() {
    let events = [span("1000 BCE"), span("1"), span("1000")];
    let axis = measure(&events, &[]).unwrap();
    let x = xs(&axis);
    assert!(x[0] < x[1] && x[1] < x[2]);
    assert!(((x[1] - x[0]) - (x[2] - x[1])).abs() < 1.5, "{x:?}");
    let labels: Vec<&str> = axis.ticks.iter().map(|t| t.label.as_str()).collect();
    assert!(labels.contains(&"500 BCE"), "{labels:?}");
    assert!(labels.contains(&"500"), "{labels:?}");
    assert!(!labels.contains(&"0"), "there is no year 0: {labels:?}");
}

#[test]
fn ticks_adapt_to_the_span() {
    let decades = measure(&[span("1945"), span("2025")], &[]).unwrap();
    let labels: Vec<String> = decades.ticks.into_iter().map(|t| t.label).collect();
    assert_eq!(
        labels,
        [
            "1950", "1960", "1970", "1980", "1990", "2000", "2010", "2020"
        ]
    );
    let ancient = measure(&[span("3000 BCE"), span("2000")], &[]).unwrap();
    assert!(ancient.ticks.len() <= TICKS as usize + 1);
    assert_eq!(ancient.ticks[0].label, "3000 BCE");
    let one = measure(&[span("2025-05-07")], &[]).unwrap();
    assert!(!one.ticks.is_empty(), "a single day still has a year tick");
}

#[test]
fn ranges_are_bars_and_crowds_are_clusters() {
    let mut events = vec![range("1814-09", "1815-06-09"), range("1900", "1950")];
    events.extend((0..20).map(|_| span("1976")));
    events.push(span("2000"));
    let axis = measure(&events, &[]).unwrap();
    let shapes: Vec<Shape> = axis.marks.iter().map(|m| m.shape).collect();
    assert_eq!(shapes[0], Shape::Bar, "1900–1950 is wide enough");
    assert!(shapes.contains(&Shape::Cluster));
    let cluster = axis
        .marks
        .iter()
        .find(|m| m.shape == Shape::Cluster)
        .unwrap();
    assert_eq!(
        cluster.events,
        (2..22).collect::<Vec<_>>(),
        "the 1976 events"
    );
    let named: usize = axis.marks.iter().map(|m| m.events.len()).sum();
    assert_eq!(named, events.len(), "every event is in exactly one mark");
}

#[test]
fn thousands_of_events_give_a_bounded_drawing() {
    let events: Vec<Span> = (0..5000)
        .map(|i| span(&format!("{}", 1 + i % 2000)))
        .collect::<Vec<_>>();
    let mut sorted = events.clone();
    sorted.sort_by_key(|s| s.first);
    let axis = measure(&sorted, &[]).unwrap();
    assert!(axis.marks.len() <= (WIDTH / BUCKET) as usize * (STACK + 1));
    let named: usize = axis.marks.iter().map(|m| m.events.len()).sum();
    assert_eq!(named, 5000);
}

#[test]
fn eras_are_bands_clipped_to_the_events() {
    let events = [span("1950"), span("2000")];
    let eras = [range("1900", "1960"), range("1999", "2013")];
    let axis = measure(&events, &eras).unwrap();
    assert_eq!(axis.bands.len(), 2);
    assert_eq!(axis.bands[0].x, PAD, "clipped at the left end");
    assert!(axis.bands[1].x > axis.bands[0].x + axis.bands[0].width);
    assert_eq!(axis.bands[0].y, axis.bands[1].y, "one row when apart");
    assert!(axis.marks.iter().all(|m| m.y > ERA_ROW));
}

#[test]
fn no_events_no_axis() {
    assert_eq!(measure(&[], &[range("1900", "1960")]), None);
}

/// The repository's own chronology: 1945, 1976, 2019 and ten events in May
/// 2025, eight of them on one day.
fn crowded_may() -> Vec<Span> {
    let mut events = vec![span("1945-03-14"), span("1976-11"), span("2019")];
    events.extend((0..8).map(|_| span("2025-05-07")));
    events.push(span("2025-05-09"));
    events.push(span("2025-05"));
    events.sort_by_key(|s| s.first);
    events
}

#[test]
fn the_detail_band_draws_a_crowded_month_event_by_event() {
    let events = crowded_may();
    let overview = measure(&events, &[]).unwrap();
    let detail = detail(&events, &overview).expect("May 2025 is clustered");
    assert_eq!(overview.marks[detail.cluster].shape, Shape::Cluster);
    assert_eq!(
        overview.marks[detail.cluster].events,
        (3..13).collect::<Vec<_>>()
    );
    let shapes: Vec<Shape> = detail.axis.marks.iter().map(|m| m.shape).collect();
    assert_eq!(shapes, [Shape::Dot; 10], "every event on its own");
    let mut named: Vec<usize> = detail
        .axis
        .marks
        .iter()
        .flat_map(|m| m.events.clone())
        .collect();
    named.sort_unstable();
    assert_eq!(
        named,
        (3..13).collect::<Vec<_>>(),
        "indices of the whole list"
    );
    let labels: Vec<&str> = detail.axis.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "1 May 2025",
            "6 May 2025",
            "11 May 2025",
            "16 May 2025",
            "21 May 2025",
            "26 May 2025",
            "1 June 2025"
        ]
    );
    let seventh = detail
        .axis
        .marks
        .iter()
        .filter(|m| (4..12).contains(&m.events[0]))
        .map(|m| m.x);
    let xs: Vec<f64> = seventh.collect();
    assert!(
        xs.windows(2).all(|w| w[0] == w[1]),
        "one day, one column: {xs:?}"
    );
}

#[test]
fn no_cluster_no_detail() {
    let events = [span("1945"), span("1976"), span("2007")];
    let overview = measure(&events, &[]).unwrap();
    assert_eq!(detail(&events, &overview), None);
}

#[test]
fn a_detail_of_some_years_has_month_ticks() {
    let mut events: Vec<Span> = (0..4).map(|_| span("1989-11-09")).collect();
    events.extend([span("1990-10-03"), span("1990-10-03")]);
    events.insert(0, span("1000"));
    let overview = measure(&events, &[]).unwrap();
    let detail = detail(&events, &overview).unwrap();
    let labels: Vec<&str> = detail.axis.ticks.iter().map(|t| t.label.as_str()).collect();
    assert!(labels.contains(&"January 1990"), "{labels:?}");
    assert!(
        labels.iter().all(|l| l.split(' ').count() == 2),
        "{labels:?}"
    );
}

fn when(text: &str) -> Span {
    Span::when(&crate::date::When::parse(text).unwrap())
}

#[test]
fn vague_dates_are_faded_bars_and_doubted_ones_hollow_dots() {
    let spans = [
        when("../1952"),
        when("197X"),
        when("1976?"),
        when("1991/.."),
        range("2000", "2010"),
    ];
    let axis = measure(&spans, &[]).unwrap();
    let mark = |index: usize| axis.marks.iter().find(|m| m.events == [index]).unwrap();
    assert_eq!(
        (mark(0).shape, mark(0).fuzzy, mark(0).x),
        (Shape::Bar, true, PAD)
    );
    assert_eq!((mark(1).shape, mark(1).fuzzy), (Shape::Bar, true));
    assert_eq!(
        (mark(2).shape, mark(2).uncertain, mark(2).fuzzy),
        (Shape::Dot, true, false)
    );
    let open = mark(3);
    assert_eq!(
        (open.fuzzy, round(open.x + open.width)),
        (true, WIDTH - PAD)
    );
    assert_eq!((mark(4).shape, mark(4).fuzzy), (Shape::Bar, false));
}

#[test]
fn a_treaty_in_force_runs_to_the_right_edge() {
    let day = |text: &str| HistoricalDate::parse(text).unwrap().first_day();
    let spans = [
        Span::lifecycle(day("1959-12-01"), day("1961-06-23"), true),
        Span::lifecycle(day("1987-12-08"), day("2019-08-02"), false),
        span("2025"),
    ];
    let axis = measure(&spans, &[]).unwrap();
    let right = |index: usize| {
        let mark = axis.marks.iter().find(|m| m.events == [index]).unwrap();
        round(mark.x + mark.width)
    };
    assert_eq!(right(0), WIDTH - PAD);
    assert!(right(1) < WIDTH - PAD - 20.0);
}
