//! HTML escaping for every value a template prints.

/// Escapes text for HTML content and quoted attributes. Unlike Tera's
/// default it leaves `/` alone, so relative links stay readable.
pub(super) fn html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The five are ASCII, so `at` is on a character boundary.
        escaped.push_str(&text[plain..at]);
        escaped.push_str(entity);
        plain = at + 1;
    }
    escaped.push_str(&text[plain..]);
    escaped
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping_replaces_the_five_and_keeps_the_rest() {
        let escape = super::html;
        assert_eq!(escape(""), "");
        assert_eq!(escape("Caracas/Moscú"), "Caracas/Moscú");
        assert_eq!(
            escape("<a href=\"x\">'Дом' & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;Дом&#39; &amp; co&lt;/a&gt;"
        );
        assert_eq!(escape("é&"), "é&amp;");
    }
}
