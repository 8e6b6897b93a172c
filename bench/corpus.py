#!/usr/bin/env python3
"""Deterministic benchmark corpus: the same N events as an annals site and as
an equivalent Hugo site.

    python3 bench/corpus.py N OUT [--seed S] [--annals-only]

writes OUT/annals (site.yaml, content/events/...) and OUT/hugo (hugo.toml,
content/events/..., layouts/ rendering one page per event, the index and one
page per tag and actor). Each event has ~300-600 words: front matter with
title, date, 2-3 tags, 2 actors and two to four sources; a body with
headings, a list, a link, emphasis and a footnote. Sources are as real
chronologies cite them: most have no URL (archival files with legajo and
folio, treaty series volumes, newspaper pages), many shared between
events; the rest are links, some with an archived copy. The Hugo site
carries the same sources as front matter params, rendered on its event
pages. Same seed, same bytes. `--annals-only` leaves
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
[taxonomies]
tag = "tags"
actor = "actors"
"""

HUGO_BASEOF = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p><time>{{ .Date.Format "2 January 2006" }}</time></p>
<ul>{{ range .Params.tags }}<li><a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
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


def body(rng, index):
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
NEWSPAPERS = ["El Universal", "El Nacional", "Pravda", "Izvestia", "The New York Times"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def source(rng, index, year):
    """One source: a mapping of the fields annals reads; `text` marks one
    written as a plain citation string."""
    roll = rng.random()
    if roll < 0.2:
        archive = rng.choice(ARCHIVES)
        legajo, folio = rng.randint(1, 400), rng.randint(1, 900)
        return {"text": True, "title": f"{archive}, legajo {legajo}, folio {folio}"}
    if roll < 0.4:
        archive = rng.choice(ARCHIVES)
        return {"title": f"{archive}, legajo {rng.randint(1, 400)}", "kind": "document",
                "locator": f"folio {rng.randint(1, 900)}"}
    if roll < 0.5:
        series, publisher, volumes = TREATY_SERIES[0 if year >= 1946 else 1 if year >= 1920 else 2]
        return {"title": f"{series}, vol. {rng.randint(1, volumes)}", "kind": "treaty",
                "publisher": publisher, "date": str(year),
                "locator": f"p. {rng.randint(1, 600)}"}
    if roll < 0.65:
        paper, month, day = rng.choice(NEWSPAPERS), rng.randint(1, 12), rng.randint(1, 28)
        return {"title": f"{paper}, {day} {MONTHS[month - 1]} {year}", "kind": "article",
                "publisher": paper, "date": f"{year:04d}-{month:02d}-{day:02d}",
                "locator": f"p. {rng.randint(1, 24)}"}
    link = {"title": "Source", "url": f"https://example.org/source/{index}/{rng.randint(1, 9)}",
            "publisher": "Archive"}
    if rng.random() < 0.5:
        link["archived"] = f"https://web.archive.org/web/{year + 1:04d}0101000000/{link['url']}"
    return link


def event(rng, index):
    year = rng.randint(1800, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    title = sentence(rng, rng.randint(3, 7))[:-1] + f" ({index})"
    return {
        "slug": f"e{index:07d}",
        "title": title,
        "date": f"{year:04d}-{month:02d}-{day:02d}",
        "tags": rng.sample(TAGS, rng.randint(2, 3)),
        "actors": rng.sample(ACTORS, 2),
        "sources": [source(rng, index, year) for _ in range(rng.randint(2, 4))],
        "body": body(rng, index),
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


def annals_file(e):
    return (
        "---\n"
        f'title: "{e["title"]}"\n'
        f'date: "{e["date"]}"\n'
        f"tags: {yaml_list(e['tags'])}\n"
        f"actors: {yaml_list(e['actors'])}\n"
        + yaml_sources(e["sources"], True)
        + "---\n\n" + e["body"]
    )


def hugo_file(e):
    return (
        "---\n"
        f'title: "{e["title"]}"\n'
        f'date: {e["date"]}\n'
        f"tags: {yaml_list(e['tags'])}\n"
        f"actors: {yaml_list(e['actors'])}\n"
        + yaml_sources(e["sources"], False)
        + "---\n\n" + e["body"]
    )


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
    write(os.path.join(annals, "site.yaml"), 'title: "Benchmark chronology"\n')
    write(os.path.join(hugo, "hugo.toml"), HUGO_CONFIG)
    layouts = os.path.join(hugo, "layouts", "_default")
    write(os.path.join(layouts, "baseof.html"), HUGO_BASEOF)
    write(os.path.join(layouts, "single.html"), HUGO_SINGLE)
    write(os.path.join(layouts, "list.html"), HUGO_LIST)
    write(os.path.join(hugo, "layouts", "index.html"), HUGO_INDEX)
    for index in range(args.count):
        e = event(rng, index)
        folder = shard(e["slug"])
        write(os.path.join(annals, "content", "events", folder, e["slug"] + ".md"), annals_file(e))
        if not args.annals_only:
            write(os.path.join(hugo, "content", "events", folder, e["slug"] + ".md"), hugo_file(e))


if __name__ == "__main__":
    main()
