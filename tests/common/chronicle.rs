//! A generated chronology of any size, the same for the same count: for
//! tests that need many events.

use std::path::Path;

use super::write;

/// Writes a generated chronology of `count` events into `root`: spread
/// from 2500 BCE to 2020 CE, with eras, tags, actors, places, approximate
/// dates and ranges, and bodies of about eighty words drawn from a
/// vocabulary of two thousand. Event 123 (when there is one) alone has the
/// word "quodlibet" in its body. The same count always gives the same files.
pub fn chronicle(root: &Path, count: usize) {
    write(root, "site.yaml", CHRONICLE_SITE);
    let mut random = Lcg(0x5eed);
    let vocabulary: Vec<String> = (0..2000).map(|_| random.word()).collect();
    for i in 0..count {
        let (name, text) = chronicle_event(i, count, &vocabulary, &mut random);
        write(root, &format!("content/events/{name}.md"), &text);
    }
}

const CHRONICLE_SITE: &str = "title: \"A generated chronicle\"
description: \"Forty-five centuries of invented treaties, wars and embassies.\"
eras:
  - {name: \"Bronze Age\", start: \"2500 BCE\", end: \"1200 BCE\"}
  - {name: \"Classical antiquity\", start: \"800 BCE\", end: \"476\"}
  - {name: \"Middle Ages\", start: \"476\", end: \"1492\"}
  - {name: \"Modern era\", start: \"1492\", end: \"2020\"}
";

const KINDS: [&str; 8] = [
    "Treaty", "Embassy", "Battle", "Congress", "Alliance", "Marriage", "Truce", "Charter",
];
const PLACES: [&str; 15] = [
    "Kadesh",
    "Memphis",
    "Nineveh",
    "Athens",
    "Carthage",
    "Rome",
    "Byzantium",
    "Aachen",
    "Córdoba",
    "Venice",
    "Vienna",
    "Utrecht",
    "Moscow",
    "Caracas",
    "Geneva",
];
const TAGS: [&str; 12] = [
    "diplomacy",
    "war",
    "trade",
    "marriage",
    "religion",
    "treaty",
    "succession",
    "border",
    "hostage",
    "tribute",
    "envoy",
    "charter",
];

fn chronicle_event(
    i: usize,
    count: usize,
    vocabulary: &[String],
    random: &mut Lcg,
) -> (String, String) {
    let mut year = -2500 + (i as i64 * 4520 / count.max(1) as i64);
    if year == 0 {
        year = 1;
    }
    let era = if year < 0 { " BCE" } else { "" };
    let date = match i % 3 {
        0 => format!("{:04}{era}", year.abs()),
        1 => format!("{:04}-{:02}{era}", year.abs(), 1 + i % 12),
        _ => format!("{:04}-{:02}-{:02}{era}", year.abs(), 1 + i % 12, 1 + i % 28),
    };
    let end = (i % 11 == 5 && year > 0).then(|| format!("end: \"{:04}\"\n", year + 3));
    let place = PLACES[i % PLACES.len()];
    let title = format!("{} of {place} {}", KINDS[i % KINDS.len()], i + 1);
    let tags = format!("[{}, {}]", TAGS[i % 12], TAGS[(i * 7 + 3) % 12]);
    let actors = format!("[\"Ruler {}\", \"House {}\"]", i % 30, (i / 3) % 20);
    let mut body: Vec<&str> = (0..80)
        .map(|_| vocabulary[random.zipf(vocabulary.len())].as_str())
        .collect();
    if i == 123 {
        body[40] = "quodlibet";
    }
    let summary = body[..16].join(" ");
    let text = format!(
        "---\ntitle: \"{title}\"\ndate: \"{date}\"\n{}circa: {}\ntags: {tags}\nactors: {actors}\nplace: {place}\nsummary: \"{summary}.\"\n---\n{}.\n\n{}.\n",
        end.unwrap_or_default(),
        i % 7 == 3,
        body[..40].join(" "),
        body[40..].join(" "),
    );
    let slug = title.to_lowercase().replace(' ', "-").replace('ó', "o");
    (format!("{i:05}-{slug}"), text)
}

/// A small deterministic random source.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// An index below `n`, small ones far more often (as words in prose).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }

    /// A pronounceable made-up word of two to four syllables.
    fn word(&mut self) -> String {
        const ONSETS: [&str; 12] = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t"];
        const VOWELS: [&str; 5] = ["a", "e", "i", "o", "u"];
        let syllables = 2 + self.next() % 3;
        (0..syllables)
            .map(|_| {
                let onset = ONSETS[(self.next() % 12) as usize];
                format!("{onset}{}", VOWELS[(self.next() % 5) as usize])
            })
            .collect()
    }
}
