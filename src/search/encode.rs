//! Numbers and posting lists as short ASCII text, the way `search.js`
//! reads them.
//!
//! A number is written in base 32, most significant digit first, with the
//! characters of [`DIGITS`]: 0–31 is a digit that ends the number, 32–63 a
//! digit that another follows, so numbers under 32 cost one character and
//! a stream of them needs no separators. A posting list (the ascending
//! positions of the events a word or a group occurs in) is either its first
//! position and then the gaps between positions, as such a stream, or, when
//! shorter, [`BITMAP`] followed by a bitmap: character `k` holds, in its six
//! low bits, whether events `6k` to `6k + 5` are in the list. Common words
//! cost one character per event as gaps, and at most one per six events as
//! a bitmap.

/// Digits of the numbers: 0–31 end a number, 32–63 continue it.
pub(crate) const DIGITS: &[u8; 64] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// The first character of a posting list written as a bitmap.
pub(crate) const BITMAP: char = '~';

/// Appends `value` to `out` in base 32 (see the module documentation).
pub(crate) fn push_number(out: &mut String, value: u64) {
    let mut digits = [0u8; 13];
    let mut count = 0;
    let mut rest = value;
    loop {
        digits[count] = (rest % 32) as u8;
        count += 1;
        rest /= 32;
        if rest == 0 {
            break;
        }
    }
    for (i, &digit) in digits[..count].iter().enumerate().rev() {
        let continued = if i > 0 { 32 } else { 0 };
        out.push(DIGITS[usize::from(digit + continued)] as char);
    }
}

/// A stream of numbers, with no separators.
pub(crate) fn numbers(values: impl IntoIterator<Item = u64>) -> String {
    let mut out = String::new();
    for value in values {
        push_number(&mut out, value);
    }
    out
}

/// A signed number as an unsigned one: 0, −1, 1, −2, … become 0, 1, 2, 3, …
pub(crate) fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

/// A posting list, as gaps or as a bitmap, whichever is shorter.
pub(crate) fn postings(ids: &[u32]) -> String {
    let gaps = numbers(ids.iter().enumerate().map(|(n, &id)| match n {
        0 => u64::from(id),
        _ => u64::from(id - ids[n - 1]),
    }));
    match ids.last() {
        Some(&last) if 1 + (last as usize + 1).div_ceil(6) < gaps.len() => bitmap(ids, last),
        _ => gaps,
    }
}

/// A posting list as [`BITMAP`] and six events per character.
fn bitmap(ids: &[u32], last: u32) -> String {
    let mut bits = vec![0u8; (last as usize + 1).div_ceil(6)];
    for &id in ids {
        bits[id as usize / 6] |= 1 << (id % 6);
    }
    std::iter::once(BITMAP)
        .chain(bits.into_iter().map(|b| DIGITS[usize::from(b)] as char))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The numbers of a stream, as `search.js` reads them.
    pub(crate) fn decode_numbers(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        let mut value = 0;
        for byte in text.bytes() {
            let digit = DIGITS.iter().position(|&d| d == byte).unwrap() as u64;
            value = value * 32 + digit % 32;
            if digit < 32 {
                out.push(value);
                value = 0;
            }
        }
        out
    }

    /// A posting list, as `search.js` reads it.
    pub(crate) fn decode_postings(text: &str) -> Vec<u32> {
        if let Some(bits) = text.strip_prefix(BITMAP) {
            let mut out = Vec::new();
            for (k, byte) in bits.bytes().enumerate() {
                let value = DIGITS.iter().position(|&d| d == byte).unwrap();
                out.extend(
                    (0..6)
                        .filter(|b| value & (1 << b) != 0)
                        .map(|b| (6 * k + b) as u32),
                );
            }
            return out;
        }
        let mut previous = 0;
        decode_numbers(text)
            .into_iter()
            .enumerate()
            .map(|(n, gap)| {
                previous = if n == 0 { gap } else { previous + gap };
                previous as u32
            })
            .collect()
    }

    #[test]
    fn numbers_round_trip_and_stay_short() {
        let values = [0, 1, 31, 32, 1023, 1024, 99_999, u64::from(u32::MAX)];
        assert_eq!(decode_numbers(&numbers(values)), values);
        assert_eq!(numbers([0, 1, 31]), "01V");
        assert_eq!(numbers([32]), "X0", "32 is a continued 1, then 0");
        for value in [-3, -1, 0, 1, 5] {
            let back = decode_numbers(&numbers([zigzag(value)]))[0];
            assert_eq!((back >> 1) as i64 ^ -((back & 1) as i64), value);
        }
    }

    #[test]
    fn postings_round_trip_as_gaps_or_bitmaps() {
        let dense: Vec<u32> = (0..600).filter(|n| n % 3 != 0).collect();
        for ids in [vec![], vec![0], vec![5, 40, 1100, 40_000, 99_999], dense] {
            assert_eq!(decode_postings(&postings(&ids)), ids);
        }
        assert_eq!(postings(&[5, 40, 41]), "5X31", "sparse lists are gaps");
        assert_eq!(postings(&[0, 1, 2, 3]), "~F", "dense ones bitmaps");
        let every: Vec<u32> = (0..60).collect();
        assert_eq!(
            postings(&every),
            "~__________",
            "every event: a full bitmap"
        );
    }
}
