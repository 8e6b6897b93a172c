#!/usr/bin/env python3
"""Deterministic benchmark corpus: the same N events as an annals site and as
an equivalent Hugo site.

    python3 bench/corpus.py N OUT [--seed S] [--annals-only]

writes OUT/annals (site.yaml, content/events/...) and OUT/hugo (hugo.toml,
content/events/..., layouts/ rendering one page per event, the index and one
page per tag and actor). It looks like a diplomatic chronology: each event
has ~300-600 words, a title, a date at the precision the record gives (a
day, a month or a year; some approximate, some ranges with an end), 2-3
tags, 2 actors, a place for some, a one-sentence summary for most (the others default to
the body's first paragraph), dates the record is unsure of in EDTF's forms
for six in a hundred (`1976?`, `197X`, an interval, `../1952`), treaty
stages (signature, each party's ratification, entry into force, for some a
termination) for about one in twenty, and two to four sources as chronologies
cite them: most without a URL (archival files with legajo and folio, cables,
treaty series volumes, newspaper pages), many shared between events; the
rest links, some with an archived copy. Bodies have headings, a list, a
link, emphasis and footnotes; one event in a hundred is a long one (~3000
words, a table, several footnotes). A quarter of the events are translated
into Spanish (`x.es.md`; the site has two editions). The Hugo site carries
the same data: sources, ranges, approximate and uncertain dates (shown as
written), stages and translations (both Spanish editions hold pages for
the translated events only). Same seed, same bytes. `--annals-only` leaves
out the Hugo site (bench/run.py asks for it from a million events, where Hugo
would need ~85 GiB of memory).
"""

import argparse
import json
import os
import random

WORDS = (
    "treaty delegation minister embassy accord cooperation summit visit envoy "
    "council protocol commission agreement energy trade oil investment bank "
    "satellite vaccine security parliament ratification negotiation consulate "
    "declaration communique mission sanctions partnership credit loan shipment "
    "refinery pipeline frigate exercise memorandum observer charter assembly"
).split()
TAGS = [f"topic {i}" for i in range(60)]
ACTORS = [f"Actor {i}" for i in range(200)]

HUGO_CONFIG = """baseURL = "https://example.org/"
title = "Benchmark chronology"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
defaultContentLanguage = "en"
[taxonomies]
tag = "tags"
actor = "actors"
[languages.en]
languageName = "English"
weight = 1
[languages.es]
languageName = "Español"
title = "Cronología de prueba"
weight = 2
"""

ANNALS_CONFIG = """title: "Benchmark chronology"
base_url: "https://example.org/"
languages:
  - code: en
    name: English
  - code: es
    name: Español
    title: "Cronología de prueba"
"""

HUGO_BASEOF = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ if .Params.circa }}c. {{ end }}<time>{{ .Params.shown }}</time>{{ with .Params.end }} – <time>{{ . }}</time>{{ end }}{{ with .Params.place }}, {{ . }}{{ end }}</p>
<ul>{{ range .Params.tags }}<li><a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
{{ with .Params.stages }}<ol class="stages">{{ range . }}<li>{{ .stage }}, <time>{{ .date }}</time>{{ with .by }} ({{ . }}){{ end }}{{ with .place }}, {{ . }}{{ end }}</li>{{ end }}</ol>{{ end }}
{{ .Content }}
<ol>{{ range .Params.sources }}<li>{{ if .url }}<a href="{{ .url }}">{{ .title }}</a>{{ else }}{{ .title }}{{ end }}{{ with .publisher }}, {{ . }}{{ end }}{{ with .date }}, {{ . }}{{ end }}{{ with .locator }}, {{ . }}{{ end }}{{ with .archived }} (<a href="{{ . }}">archived</a>){{ end }}</li>{{ end }}</ol>
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range .Pages.ByDate }}<article><time>{{ .Date.Format "2 January 2006" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Summary | plainify | truncate 200 }}</p></article>
{{ end }}{{ end }}
"""
HUGO_INDEX = """{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ range (where site.RegularPages "Section" "events").ByDate }}<article><time>{{ .Date.Format "2 January 2006" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Summary | plainify | truncate 200 }}</p></article>
{{ end }}{{ end }}
"""


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(3, 6)))


TABLE_ROWS = ["Delegation", "Signatories", "Ratification", "Entry into force", "Registration"]


def table(rng):
    rows = ["| Stage | Date | Place | Note |", "| --- | --- | --- | --- |"]
    for stage in TABLE_ROWS:
        rows.append(f"| {stage} | {rng.randint(1, 28)} {rng.choice(MONTHS)} | "
                    f"{rng.choice(PLACES)} | {sentence(rng, rng.randint(3, 6))} |")
    return "\n".join(rows)


def long_body(rng, index):
    """About 3000 words: sections with footnotes and a table, as a treaty's
    or a crisis's long entry."""
    parts = [paragraph(rng)]
    for section in range(12):
        parts.append(f"## Part {section + 1}")
        parts.append(paragraph(rng) + f"[^{section + 2}]")
        parts.append(paragraph(rng))
        if section == 3:
            parts.append(table(rng))
    parts.append(f"[^1]: Archive file {index}, folio {rng.randint(1, 400)}.")
    for note in range(12):
        parts.append(f"[^{note + 2}]: {rng.choice(ARCHIVES)}, legajo {rng.randint(1, 400)}, "
                     f"folio {rng.randint(1, 900)}.")
    return "\n\n".join(parts) + "\n"


def body(rng, index):
    if rng.random() < 0.01:
        return long_body(rng, index)
    parts = [
        paragraph(rng),
        "## Background",
        paragraph(rng) + f" See *the record* of [the archive](https://example.org/archive/{index}).[^1]",
        "\n".join(f"- {sentence(rng, rng.randint(4, 9))}" for _ in range(rng.randint(3, 5))),
        "## Outcome",
        paragraph(rng),
        paragraph(rng),
        "## Significance",
        paragraph(rng),
        f"[^1]: Archive file {index}, folio {rng.randint(1, 400)}.",
    ]
    return "\n\n".join(parts) + "\n"


ARCHIVES = [
    "Archivo General de la Nación, Caracas, Relaciones Exteriores",
    "Archivo del Ministerio del Poder Popular para Relaciones Exteriores, Caracas, Política Internacional",
    "Archivo de Política Exterior de la Federación de Rusia, Moscú, fondo 110",
]
TREATY_SERIES = [
    ("United Nations Treaty Series", "United Nations", 3000),
    ("League of Nations Treaty Series", "League of Nations", 205),
    ("Consolidated Treaty Series", "Oceana", 231),
]
PLACES = ["Caracas", "Moscow", "Havana", "Geneva", "New York", "Vienna", "Bogotá", "Madrid"]
NEWSPAPERS = ["El Universal", "El Nacional", "Pravda", "Izvestia", "The New York Times"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def source(rng, index, year):
    """One source: a mapping of the fields annals reads; `text` marks one
    written as a plain citation string."""
    roll = rng.random()
    if roll < 0.1:
        archive = rng.choice(ARCHIVES)
        return {"title": f"Cable {rng.randint(1, 900)} from the embassy in {rng.choice(PLACES)}",
                "kind": "cable", "publisher": archive, "date": str(year),
                "locator": f"legajo {rng.randint(1, 400)}"}
    if roll < 0.3:
        archive = rng.choice(ARCHIVES)
        legajo, folio = rng.randint(1, 400), rng.randint(1, 900)
        return {"text": True, "title": f"{archive}, legajo {legajo}, folio {folio}"}
    if roll < 0.5:
        archive = rng.choice(ARCHIVES)
        return {"title": f"{archive}, legajo {rng.randint(1, 400)}", "kind": "document",
                "locator": f"folio {rng.randint(1, 900)}"}
    if roll < 0.6:
        series, publisher, volumes = TREATY_SERIES[0 if year >= 1946 else 1 if year >= 1920 else 2]
        return {"title": f"{series}, vol. {rng.randint(1, volumes)}", "kind": "treaty",
                "publisher": publisher, "date": str(year),
                "locator": f"p. {rng.randint(1, 600)}"}
    if roll < 0.8:
        paper, month, day = rng.choice(NEWSPAPERS), rng.randint(1, 12), rng.randint(1, 28)
        return {"title": f"{paper}, {day} {MONTHS[month - 1]} {year}", "kind": "article",
                "publisher": paper, "date": f"{year:04d}-{month:02d}-{day:02d}",
                "locator": f"p. {rng.randint(1, 24)}"}
    link = {"title": "Source", "url": f"https://example.org/source/{index}/{rng.randint(1, 9)}",
            "publisher": "Archive"}
    if rng.random() < 0.5:
        link["archived"] = f"https://web.archive.org/web/{year + 1:04d}0101000000/{link['url']}"
    return link


def when(rng):
    """The date at the precision a record gives: (written, shown, a full
    date for Hugo's ordering, the year)."""
    year, month, day = rng.randint(1800, 2024), rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.15:
        return f"{year:04d}", f"{year}", f"{year:04d}-01-01", year
    if roll < 0.35:
        return (f"{year:04d}-{month:02d}", f"{MONTHS[month - 1]} {year}",
                f"{year:04d}-{month:02d}-01", year)
    if roll < 0.94:
        return (f"{year:04d}-{month:02d}-{day:02d}", f"{day} {MONTHS[month - 1]} {year}",
                f"{year:04d}-{month:02d}-{day:02d}", year)
    return uncertain(rng, year, month)


def uncertain(rng, year, month):
    """A date the record is unsure of, in one of EDTF's level-1 forms, for
    six events in a hundred: (written, shown, a full date, the year)."""
    roll, name = rng.random(), MONTHS[month - 1]
    if roll < 0.3:
        return f"{year:04d}?", f"{year}?", f"{year:04d}-01-01", year
    if roll < 0.45:
        return f"{year:04d}-{month:02d}?", f"{name} {year}?", f"{year:04d}-{month:02d}-01", year
    if roll < 0.6:
        decade = year // 10 * 10
        return f"{decade // 10:03d}X", f"{decade}s", f"{decade:04d}-01-01", decade
    if roll < 0.8:
        last = add_months(year, month, rng.randint(1, 8))
        shown = f"{name} {year} – {MONTHS[last[1] - 1]} {last[0]}"
        written = f"{year:04d}-{month:02d}/{last[0]:04d}-{last[1]:02d}"
        return written, shown, f"{year:04d}-{month:02d}-01", year
    if roll < 0.9:
        return f"../{year:04d}", f"before {year}", f"{year:04d}-01-01", year
    return f"{year:04d}/..", f"from {year}", f"{year:04d}-01-01", year


def add_months(year, month, months):
    """The (year, month) `months` after `month` of `year`."""
    total = year * 12 + month - 1 + months
    return total // 12, total % 12 + 1


def stages(rng, date, actors):
    """An agreement's lifecycle after its signature on `date` (a day): each
    party's ratification some months later (one in four approximate), entry
    into force after the last, and for one agreement in five its
    termination years on (before 2026). Every stage is later than those it follows."""
    year, month = int(date[:4]), int(date[5:7])
    lifecycle = [{"stage": "signed", "date": date, "place": rng.choice(PLACES)}]
    for party in actors:
        year, month = add_months(year, month, rng.randint(1, 6))
        ratified = f"{year:04d}-{month:02d}" + ("~" if rng.random() < 0.25 else "")
        lifecycle.append({"stage": "ratified", "date": ratified, "by": party})
    year, month = add_months(year, month, rng.randint(1, 3))
    lifecycle.append({"stage": "in force", "date": f"{year:04d}-{month:02d}-01"})
    ended = year + rng.randint(2, 30)
    if rng.random() < 0.2 and ended <= 2025:
        lifecycle.append({"stage": "terminated", "date": f"{ended:04d}"})
    return lifecycle


def range_end(rng, date):
    """An end after `date` at the same precision, for one event in ten."""
    if rng.random() >= 0.1:
        return None
    parts = date.split("-")
    year = int(parts[0]) + rng.randint(0 if len(parts) > 1 else 1, 2)
    parts[0] = f"{year:04d}"
    if len(parts) > 1:
        parts[1] = f"{rng.randint(int(parts[1]) if year == int(date[:4]) else 1, 12):02d}"
    if len(parts) > 2:
        parts[2] = "28"
    return "-".join(parts)


def event(rng, index):
    date, shown, full, year = when(rng)
    plain = date[-1].isdigit() and "/" not in date
    end = range_end(rng, date) if plain else None
    title = sentence(rng, rng.randint(3, 7))[:-1] + f" ({index})"
    e = {
        "slug": f"e{index:07d}",
        "title": title,
        "date": date,
        "shown": shown,
        "full": full,
        "tags": rng.sample(TAGS, rng.randint(2, 3)),
        "actors": rng.sample(ACTORS, 2),
        "sources": [source(rng, index, year) for _ in range(rng.randint(2, 4))],
        "body": body(rng, index),
    }
    if end:
        e["end"] = end
    if rng.random() < 0.1 and plain:
        e["circa"] = True
    if rng.random() < 0.08 and plain and len(date) == 10 and not end:
        e["stages"] = stages(rng, date, e["actors"])
    if rng.random() < 0.8:
        e["summary"] = sentence(rng, rng.randint(12, 24))
    if rng.random() < 0.3:
        e["place"] = rng.choice(PLACES)
    if rng.random() < 0.25:
        e["es"] = translation(rng, e)
    return e


def translation(rng, e):
    """The Spanish text of an event: a title, a body, and the titles of
    its sources in their order."""
    return {
        "title": "Traducción: " + e["title"],
        "summary": "Resumen: " + e["summary"] if "summary" in e else None,
        "body": e["body"].replace("## Background", "## Antecedentes")
        .replace("## Outcome", "## Resultado").replace("## Significance", "## Importancia"),
        "sources": ["Traducción: " + s["title"] for s in e["sources"]],
    }


def yaml_list(items):
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


FIELDS = ["title", "url", "publisher", "date", "kind", "locator", "archived"]


def yaml_sources(sources, plain_citations):
    """The `sources:` list; with `plain_citations`, a citation written as a
    string stays one (annals), else every source is a mapping (Hugo)."""
    lines = []
    for s in sources:
        if plain_citations and s.get("text"):
            lines.append(f"  - {json.dumps(s['title'], ensure_ascii=False)}")
            continue
        fields = [f"{key}: {json.dumps(s[key], ensure_ascii=False)}" for key in FIELDS if key in s]
        lines.append("  - " + "\n    ".join(fields))
    return "sources:\n" + "\n".join(lines) + "\n"


def yaml_stages(lifecycle):
    """The `stages:` list, one flow mapping a stage."""
    rows = ("  - {" + ", ".join(f"{key}: {json.dumps(value, ensure_ascii=False)}"
                                for key, value in stage.items()) + "}"
            for stage in lifecycle)
    return "stages:\n" + "\n".join(rows) + "\n"


def optional(e):
    lines = ""
    if "stages" in e:
        lines += yaml_stages(e["stages"])
    if "end" in e:
        lines += f'end: "{e["end"]}"\n'
    if e.get("circa"):
        lines += "circa: true\n"
    if "place" in e:
        lines += f'place: "{e["place"]}"\n'
    if "summary" in e:
        lines += f'summary: "{e["summary"]}"\n'
    return lines


def annals_file(e):
    return (
        "---\n"
        f'title: "{e["title"]}"\n'
        f'date: "{e["date"]}"\n'
        + optional(e)
        + f"tags: {yaml_list(e['tags'])}\n"
        f"actors: {yaml_list(e['actors'])}\n"
        + yaml_sources(e["sources"], True)
        + "---\n\n" + e["body"]
    )


def annals_translation(t):
    titles = "\n".join(f"  - {{title: {json.dumps(title, ensure_ascii=False)}}}"
                       for title in t["sources"])
    summary = f'summary: "{t["summary"]}"\n' if t["summary"] else ""
    return f'---\ntitle: "{t["title"]}"\n{summary}sources:\n{titles}\n---\n\n' + t["body"]


def hugo_file(e):
    return (
        "---\n"
        f'title: "{e["title"]}"\n'
        f'date: {e["full"]}\n'
        f'shown: "{e["shown"]}"\n'
        + optional(e)
        + f"tags: {yaml_list(e['tags'])}\n"
        f"actors: {yaml_list(e['actors'])}\n"
        + yaml_sources(e["sources"], False)
        + "---\n\n" + e["body"]
    )


def hugo_translation(e):
    t = e["es"]
    sources = [dict(s, title=title) for s, title in zip(e["sources"], t["sources"])]
    translated = dict(e, title=t["title"], body=t["body"], sources=sources)
    if t["summary"]:
        translated["summary"] = t["summary"]
    return hugo_file(translated)


def shard(slug):
    return slug[-3:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1945)
    parser.add_argument("--annals-only", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    annals = os.path.join(args.out, "annals")
    hugo = os.path.join(args.out, "hugo")
    write(os.path.join(annals, "site.yaml"), ANNALS_CONFIG)
    write(os.path.join(hugo, "hugo.toml"), HUGO_CONFIG)
    layouts = os.path.join(hugo, "layouts", "_default")
    write(os.path.join(layouts, "baseof.html"), HUGO_BASEOF)
    write(os.path.join(layouts, "single.html"), HUGO_SINGLE)
    write(os.path.join(layouts, "list.html"), HUGO_LIST)
    write(os.path.join(hugo, "layouts", "index.html"), HUGO_INDEX)
    for index in range(args.count):
        e = event(rng, index)
        folder = shard(e["slug"])
        base = os.path.join(annals, "content", "events", folder, e["slug"])
        write(base + ".md", annals_file(e))
        if "es" in e:
            write(base + ".es.md", annals_translation(e["es"]))
        if args.annals_only:
            continue
        base = os.path.join(hugo, "content", "events", folder, e["slug"])
        write(base + ".md", hugo_file(e))
        if "es" in e:
            write(base + ".es.md", hugo_translation(e))


if __name__ == "__main__":
    main()
