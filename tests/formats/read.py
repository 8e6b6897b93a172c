"""Reads an annals export with the independent parser a real user would use
and prints, as JSON, what that parser saw. The Rust tests assert on it.

    python3 read.py feed   atom.xml                 (feedparser)
    python3 read.py csv    events.csv               (the csv module)
    python3 read.py ics    events.ics               (icalendar)
    python3 read.py schema events.schema.json events.json   (jsonschema)
    python3 read.py csl    sources.json             (jsonschema with the CSL data
                                                     schema, then citeproc-py)
    python3 read.py bibtex sources.bib              (bibtexparser 2)

Exits 3, naming the package, when a parser is not installed.
"""

import importlib
import json
import os
import sys

MISSING = 3


def need(module):
    try:
        return importlib.import_module(module)
    except ImportError:
        print(f"missing Python package {module}: pip install -r tests/requirements.txt")
        sys.exit(MISSING)


def feed(path):
    feedparser = need("feedparser")
    parsed = feedparser.parse(path)
    return {
        "bozo": parsed.bozo,
        "bozo_exception": str(parsed.get("bozo_exception", "")),
        "version": parsed.version,
        "feed": {key: parsed.feed.get(key) for key in ("id", "title", "updated", "link", "author")},
        "entries": [
            {
                "id": entry.get("id"),
                "title": entry.get("title"),
                "updated": entry.get("updated"),
                "link": entry.get("link"),
                "summary": entry.get("summary"),
                "tags": [tag.term for tag in entry.get("tags", [])],
            }
            for entry in parsed.entries
        ],
    }


def table(path):
    import csv

    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file, strict=True)
        return {"columns": reader.fieldnames, "rows": list(reader)}


def calendar(path):
    icalendar = need("icalendar")
    with open(path, "rb") as file:
        cal = icalendar.Calendar.from_ical(file.read())
    events = []
    for event in cal.walk("VEVENT"):
        def value(name):
            prop = event.get(name)
            return None if prop is None else prop.dt.isoformat()

        events.append(
            {
                "uid": str(event.get("UID")) if event.get("UID") else None,
                "dtstamp": value("DTSTAMP"),
                "dtstart": value("DTSTART"),
                "dtend": value("DTEND"),
                "all_day": type(event.get("DTSTART").dt).__name__ == "date"
                if event.get("DTSTART")
                else False,
                "summary": str(event.get("SUMMARY", "")),
                "location": str(event.get("LOCATION")) if event.get("LOCATION") else None,
                "url": str(event.get("URL")) if event.get("URL") else None,
            }
        )
    return {"name": str(cal.get("X-WR-CALNAME", "")), "events": events}


def schema(schema_path, instance_path):
    jsonschema = need("jsonschema")
    with open(schema_path, encoding="utf-8") as file:
        schema_doc = json.load(file)
    with open(instance_path, encoding="utf-8") as file:
        instance = json.load(file)
    validator_class = jsonschema.validators.validator_for(schema_doc)
    validator_class.check_schema(schema_doc)
    validator = validator_class(schema_doc, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    return {
        "dialect": validator_class.__name__,
        "errors": [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors],
    }


def csl(path):
    """Validates CSL-JSON against the published CSL data schema (vendored
    beside this script), then renders every item as a bibliography entry
    with citeproc-py and its bundled Harvard style."""
    here = os.path.dirname(os.path.abspath(__file__))
    checked = schema(os.path.join(here, "csl-data.json"), path)
    need("citeproc")
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc import CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    with open(path, encoding="utf-8") as file:
        items = json.load(file)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    rendered = {}
    for item in items:
        bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        rendered[item["id"]] = [str(entry) for entry in bibliography.bibliography()]
    return {"dialect": checked["dialect"], "errors": checked["errors"], "items": items, "rendered": rendered}


def bibtex(path):
    bibtexparser = need("bibtexparser")
    with open(path, encoding="utf-8") as file:
        library = bibtexparser.parse_string(file.read())
    return {
        "failed": [block.raw for block in library.failed_blocks],
        "entries": [
            {
                "key": entry.key,
                "type": entry.entry_type,
                "fields": {field.key: field.value for field in entry.fields},
            }
            for entry in library.entries
        ],
    }


def main():
    kind, *paths = sys.argv[1:]
    readers = {
        "feed": feed,
        "csv": table,
        "ics": calendar,
        "schema": schema,
        "csl": csl,
        "bibtex": bibtex,
    }
    print(json.dumps(readers[kind](*paths), ensure_ascii=False))


if __name__ == "__main__":
    main()
