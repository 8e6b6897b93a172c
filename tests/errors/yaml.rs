//! YAML mistakes, as `annals build` reports them: where the mistake is and
//! what to type, not where libyaml gave up.

use super::common::break_build;
use super::one;

/// (what, front matter of content/events/bad.md, the first line of stderr)
const YAML_MISTAKES: &[(&str, &str, &str)] = &[
    (
        "an unclosed double quote",
        "---\ntitle: \"Крещение Руси\ndate: 988\nplace: Kyiv\ntags: [religion]\nactors: [Vladimir I]\n---\nThe baptism.\n",
        "content/events/bad.md:2:8: the quote \" opened on line 2 is never closed: end the value with another \"",
    ),
    (
        "an unclosed single quote",
        "---\ntitle: X\ndate: 988\nplace: 'Kyiv\n---\n",
        "content/events/bad.md:4:8: the quote ' opened on line 4 is never closed: end the value with another '",
    ),
    (
        "a quote closed only by the next quoted value",
        "---\ntitle: \"Крещение Руси\ndate: 988\nplace: \"Kyiv\"\n---\n",
        "content/events/bad.md:2:8: the quote \" opened on line 2 is never closed: end the value with another \"",
    ),
    (
        "an unclosed list",
        "---\ntitle: X\ndate: 988\ntags: [religion, conversion\nactors: [Vladimir I]\n---\n",
        "content/events/bad.md:4:7: the list opened with [ on line 4 is never closed: end it with ]",
    ),
    (
        "an unclosed mapping",
        "---\ntitle: X\ndate: 988\nextra: {archive: TsGIA\n---\n",
        "content/events/bad.md:4:8: the mapping opened with { on line 4 is never closed: end it with }",
    ),
    (
        "a list item without a comma",
        "---\ntitle: X\ndate: 988\ntags: [a, \"b\" c]\n---\n",
        "content/events/bad.md:4:15: expected , or ] in the list opened with [ at column 7: separate its items with commas, and put an item that holds quotes or brackets in quotes",
    ),
    (
        "a colon in an unquoted value",
        "---\ntitle: Treaty of Moscow: the sequel\ndate: 1970\n---\n",
        "content/events/bad.md:2:24: the value contains \": \", which YAML reads as the start of another key: put the value in quotes: title: \"Treaty of Moscow: the sequel\"",
    ),
    (
        "a colon in a source title",
        "---\ntitle: X\ndate: 1970\nsources:\n  - title: Pravda: 12 August 1970\n    url: https://example.org/pravda\n---\n",
        "content/events/bad.md:5:18: the value contains \": \", which YAML reads as the start of another key: put the value in quotes: title: \"Pravda: 12 August 1970\"",
    ),
    (
        "a tab in the indentation",
        "---\ntitle: X\ndate: 1976\ntags:\n\t- a\n---\n",
        "content/events/bad.md:5:1: a tab in the indentation: YAML indents with spaces, not tabs: replace the tab with spaces",
    ),
    (
        "a tab before a key",
        "---\ntitle: X\n  \tdate: 1976\n---\n",
        "content/events/bad.md:3:3: a tab in the indentation: YAML indents with spaces, not tabs: replace the tab with spaces",
    ),
    (
        "a key indented under another",
        "---\ntitle: X\n  date: 1976\n---\n",
        "content/events/bad.md:3:3: `date:` is indented more than the line above it: start every key of one mapping in the same column",
    ),
    (
        "a list item indented less than the others",
        "---\ntitle: X\ndate: 1976\ntags:\n  - a\n - b\n---\n",
        "content/events/bad.md:6:2: this list item is not lined up with the items above it: start every `-` of one list in the same column",
    ),
    (
        "a list item without its dash",
        "---\ntitle: X\ndate: 1976\ntags:\n  - a\n  b\n---\n",
        "content/events/bad.md:6:3: this line is not a list item: start it with `- ` like the items above it, or indent it to continue the item above",
    ),
    (
        "a line that is not key: value",
        "---\ntitle: X\ndate: 1976\nsummary: The first visit\nof a Venezuelan president\n---\n",
        "content/events/bad.md:5:1: this line is not `key: value`: add the key and a colon, or indent the line to continue the value above it",
    ),
    (
        "text after a closing quote",
        "---\ntitle: \"Pravda\" reports\ndate: 1976\n---\n",
        "content/events/bad.md:2:17: unexpected text after the closing \": put the whole value in quotes: title: '\"Pravda\" reports'",
    ),
    (
        "an apostrophe inside single quotes",
        "---\ntitle: X\ndate: 1976\nplace: 'Palais de l'Élysée'\n---\n",
        "content/events/bad.md:4:20: this ' ends the single-quoted value: write an apostrophe inside single quotes twice (''), or use double quotes: place: \"Palais de l'Élysée\"",
    ),
    (
        "a value starting with *",
        "---\ntitle: *Secret* protocol\ndate: 1939\n---\n",
        "content/events/bad.md:2:8: a value that starts with * means something else in YAML: put the value in quotes: title: \"*Secret* protocol\"",
    ),
    (
        "a value starting with @",
        "---\ntitle: X\ndate: 1939\nplace: @sea\n---\n",
        "content/events/bad.md:4:8: a value that starts with @ means something else in YAML: put the value in quotes: place: \"@sea\"",
    ),
    (
        "a backslash in double quotes",
        "---\ntitle: X\ndate: 1939\nplace: \"Archive\\Fond 5\"\n---\n",
        "content/events/bad.md:4:16: \\F is not an escape YAML knows between double quotes: write \\\\F for a backslash, or use single quotes",
    ),
    (
        "a duplicate key",
        "---\ntitle: X\ndate: 1976\ntitle: Y\n---\n",
        "content/events/bad.md:4:1: `title:` is given twice (first on line 2): keep one",
    ),
    (
        "a list where text is expected",
        "---\ntitle: X\ndate: 1976\nplace:\n  - Caracas\n  - Moscow\n---\n",
        "content/events/bad.md:5:3: place: expected text, found a list: write one value, on the line of its key",
    ),
    (
        "a title that starts with [",
        "---\ntitle: [Draft] Treaty of friendship\ndate: 1976\n---\n",
        "content/events/bad.md:2:8: title: expected text, found a list: to write text that starts with [, put it in quotes: title: \"[Draft] Treaty of friendship\"",
    ),
    (
        "yes for a boolean",
        "---\ntitle: X\ndate: 1976\ndraft: yes\n---\n",
        "content/events/bad.md:4:8: draft: expected true or false, found the text \"yes\": write true or false",
    ),
];

#[test]
fn yaml_mistakes_are_explained_where_they_are() {
    let mut failures = Vec::new();
    for (what, text, expected) in YAML_MISTAKES {
        let stderr = break_build(&[("content/events/bad.md", text)]);
        if stderr != one(expected) {
            failures.push(format!(
                "{what}:\n  expected: {expected}\n  got:      {stderr}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn yaml_mistakes_in_site_yaml_and_data_files_are_explained_too() {
    assert_eq!(
        break_build(&[("site.yaml", "title: Venezuela and Russia: a chronology\n")]),
        one(
            "site.yaml:1:28: the value contains \": \", which YAML reads as the start of another key: put the value in quotes: title: \"Venezuela and Russia: a chronology\""
        )
    );
    assert_eq!(
        break_build(&[(
            "content/events/visits.yaml",
            "- title: Visit\n  date: 1976\n- title: \"Return visit\n  date: 1977\n"
        )]),
        one(
            "content/events/visits.yaml:3:10: the quote \" opened on line 3 is never closed: end the value with another \""
        )
    );
}
