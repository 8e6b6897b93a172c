//! Source URLs: which strings are links, which links are allowed (http and
//! https only), and their normalised form (parsed by the `url` crate, as
//! browsers do: lowercase scheme and host, IDNA host names,
//! percent-encoded), which is what is published and what identifies a
//! source.

use crate::date::HistoricalDate;

/// Whether a source written as a string is a link rather than a citation:
/// it starts with a URL scheme (`https:`, `javascript:`) directly followed
/// by more than white space. "AGN: legajo 12" is a citation.
pub(super) fn is_link(text: &str) -> bool {
    let text = text.trim();
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    let scheme_like = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    scheme_like && rest.chars().next().is_some_and(|c| !c.is_whitespace())
}

/// The normalised form of an http(s) URL, or why it is refused.
pub(super) fn parse(written: &str) -> Result<String, String> {
    let trimmed = written.trim();
    let lower = trimmed.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(format!(
            "source URL {written:?} must start with http:// or https://"
        ));
    }
    let url = url::Url::parse(trimmed)
        .map_err(|error| format!("source URL {written:?} is not a valid URL: {}", why(error)))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("source URL {written:?} has no host"));
    }
    Ok(url.as_str().to_string())
}

/// What a parse error means, in an editor's words.
fn why(error: url::ParseError) -> String {
    use url::ParseError;
    match error {
        ParseError::EmptyHost => "it has no host name".into(),
        ParseError::IdnaError | ParseError::InvalidDomainCharacter => {
            "its host name is not a valid domain name (no spaces or symbols)".into()
        }
        ParseError::InvalidPort => "its port is not a number from 0 to 65535".into(),
        ParseError::InvalidIpv4Address | ParseError::InvalidIpv6Address => {
            "its IP address is not valid".into()
        }
        other => other.to_string(),
    }
}

/// The day a web archive made a copy, from the 8- to 14-digit timestamp
/// its URLs carry (`web.archive.org/web/20250508000000/…`,
/// `archive.ph/20250508/…`, with or without a `id_`-style flag).
pub(super) fn archive_date(archived: &str) -> Option<HistoricalDate> {
    let url = url::Url::parse(archived).ok()?;
    let segments = url.path_segments()?.take(3);
    segments.into_iter().find_map(|segment| {
        let digits: String = segment.chars().take_while(char::is_ascii_digit).collect();
        let flag = &segment[digits.len()..];
        let flag_ok = flag.is_empty() || flag.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        if !(8..=14).contains(&digits.len()) || !flag_ok {
            return None;
        }
        let day = format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..8]);
        HistoricalDate::parse(&day).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_told_from_citations() {
        for link in [
            "https://x.org/a",
            "HTTP://X.ORG",
            "javascript:alert(1)",
            "ftp://archive.example.org/fond-5",
            "mailto:a@b.org",
        ] {
            assert!(is_link(link), "{link}");
        }
        for citation in [
            "Archivo General de la Nación, Caracas, legajo 12, folio 4",
            "AGN: Relaciones Exteriores, legajo 12",
            "Pravda, 23 November 1976, p. 1",
            "United Nations Treaty Series, vol. 1155, p. 331",
            "Note:",
        ] {
            assert!(!is_link(citation), "{citation}");
        }
    }

    #[test]
    fn urls_are_normalised_as_browsers_read_them() {
        assert_eq!(
            parse("HTTPS://WWW.Telesurtv.net").unwrap(),
            "https://www.telesurtv.net/"
        );
        assert_eq!(
            parse("https://kremlin.ru/events/путин?q=a b").unwrap(),
            "https://kremlin.ru/events/%D0%BF%D1%83%D1%82%D0%B8%D0%BD?q=a%20b"
        );
        assert_eq!(
            parse("https://президент.рф/").unwrap(),
            "https://xn--d1abbgf6aiiy.xn--p1ai/"
        );
    }

    #[test]
    fn bad_urls_say_why() {
        assert_eq!(
            parse("javascript:alert(1)").unwrap_err(),
            "source URL \"javascript:alert(1)\" must start with http:// or https://"
        );
        assert_eq!(
            parse("https://exa mple.org/").unwrap_err(),
            "source URL \"https://exa mple.org/\" is not a valid URL: its host name is not a valid domain name (no spaces or symbols)"
        );
        assert_eq!(
            parse("https://x.org:99999/").unwrap_err(),
            "source URL \"https://x.org:99999/\" is not a valid URL: its port is not a number from 0 to 65535"
        );
    }

    #[test]
    fn archive_timestamps_give_the_day_of_the_copy() {
        let day = |url: &str| archive_date(url).map(|d| d.to_string());
        assert_eq!(
            day("https://web.archive.org/web/20250508000000/https://www.telesurtv.net/"),
            Some("2025-05-08".into())
        );
        assert_eq!(
            day("https://web.archive.org/web/20250508123456id_/https://x.org/"),
            Some("2025-05-08".into())
        );
        assert_eq!(
            day("https://archive.ph/20241231/https://x.org/"),
            Some("2024-12-31".into())
        );
        assert_eq!(day("https://archive.ph/AbCdE"), None);
        assert_eq!(day("https://web.archive.org/web/20251399000000/x"), None);
    }
}
