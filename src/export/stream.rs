//! Exports written in parts: a chronology of a million events makes data
//! files of gigabytes, which are never held in memory whole. Items are
//! rendered in parallel a batch at a time and handed on in order, so the
//! output is the same bytes as if written at once.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::{PrettyFormatter, Serializer};

use crate::error::{Error, Result};
use crate::output::Parts;

/// Items rendered at once, in parallel.
const BATCH: usize = 4096;

/// Items `0..count`, each rendered by `item`, a batch at a time, with
/// `separator` between them.
pub(super) fn items<'a>(
    count: usize,
    separator: &'a [u8],
    item: impl Fn(usize) -> Result<Vec<u8>> + Sync + Send + 'a,
) -> Parts<'a> {
    Box::new((0..count).step_by(BATCH).map(move |start| {
        let end = (start + BATCH).min(count);
        let rendered: Vec<Vec<u8>> = (start..end)
            .into_par_iter()
            .map(&item)
            .collect::<Result<_>>()?;
        let mut batch = Vec::with_capacity(rendered.iter().map(Vec::len).sum::<usize>() + 64);
        for (offset, bytes) in rendered.iter().enumerate() {
            if start + offset > 0 {
                batch.extend_from_slice(separator);
            }
            batch.extend_from_slice(bytes);
        }
        Ok(batch)
    }))
}

/// A parts list from a head, a body in parts and a tail.
pub(super) fn around<'a>(head: Vec<u8>, body: Parts<'a>, tail: Vec<u8>) -> Parts<'a> {
    Box::new(
        std::iter::once(Ok(head))
            .chain(body)
            .chain(std::iter::once(Ok(tail))),
    )
}

/// JSON for a document whose last field is an array of `count` items:
/// `empty` is the document with that array empty, written indented, and
/// `item` serialises one item on a line of its own (see [`json_item`]), so
/// that a file of a million records stays a fifth smaller than indented
/// JSON and can still be read a record a line.
pub(super) fn json_document<'a, T: Serialize>(
    name: &'a str,
    empty: &T,
    count: usize,
    item: impl Fn(usize) -> Result<Vec<u8>> + Sync + Send + 'a,
) -> Result<Parts<'a>> {
    let mut whole = Vec::new();
    let mut serializer =
        Serializer::with_formatter(&mut whole, PrettyFormatter::with_indent(b"  "));
    empty
        .serialize(&mut serializer)
        .map_err(|e| json_error(name, &e.to_string()))?;
    let Some(head) = whole.strip_suffix(b"[]\n}") else {
        return Err(json_error(
            name,
            "the document's last field is not an array",
        ));
    };
    if count == 0 {
        whole.push(b'\n');
        return Ok(Box::new(std::iter::once(Ok(whole))));
    }
    let mut head = head.to_vec();
    head.extend_from_slice(b"[\n");
    Ok(around(
        head,
        items(count, b",\n", item),
        b"\n]\n}\n".to_vec(),
    ))
}

/// An array item of [`json_document`]: compact JSON, which has no line
/// break (those in strings are escaped).
pub(super) fn json_item<T: Serialize>(name: &str, value: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| json_error(name, &e.to_string()))
}

fn json_error(name: &str, message: &str) -> Error {
    Error::io(
        format!("{}/{name}", super::DIR),
        std::io::Error::other(message.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Doc {
        title: &'static str,
        events: Vec<Item>,
    }

    #[derive(Serialize, Clone)]
    struct Item {
        n: usize,
        text: &'static str,
        list: Vec<u8>,
    }

    fn joined(parts: Parts<'_>) -> Vec<u8> {
        parts.flat_map(Result::unwrap).collect()
    }

    #[test]
    fn a_document_in_parts_is_the_document_with_a_record_a_line() {
        for count in [0, 1, 2, BATCH, BATCH + 3] {
            let item = |n| Item {
                n,
                text: "line\nbreak \"quoted\"",
                list: vec![1, 2],
            };
            let whole = Doc {
                title: "T",
                events: (0..count).map(item).collect(),
            };
            let empty = Doc {
                title: "T",
                events: Vec::new(),
            };
            let parts = json_document("x.json", &empty, count, move |n| {
                json_item("x.json", &item(n))
            })
            .unwrap();
            let text = String::from_utf8(joined(parts)).unwrap();
            let read: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(read, serde_json::to_value(&whole).unwrap(), "{count} items");
            let records = text.lines().filter(|line| line.starts_with("{\"n\":"));
            assert_eq!(records.count(), count, "{count} items, a line each");
        }
    }

    #[test]
    fn items_are_separated_and_in_order() {
        let parts = items(BATCH * 2 + 1, b",", |n| Ok(n.to_string().into_bytes()));
        let text = String::from_utf8(joined(parts)).unwrap();
        let numbers: Vec<usize> = text.split(',').map(|n| n.parse().unwrap()).collect();
        assert_eq!(numbers, (0..BATCH * 2 + 1).collect::<Vec<_>>());
    }
}
