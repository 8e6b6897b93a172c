//! Redirect pages for aliases: an old address that sends readers on.
//!
//! A static host cannot answer with an HTTP redirect, so the page does it
//! three ways: a meta refresh, a canonical link for search engines, and a
//! plain link for everyone else. Every URL is relative, like every other
//! link annals writes.

use super::escape::html as escape_html;
use super::here::Here;

/// The redirect page written at `alias` (an output path) for the page at
/// `target`, whose title is `title`.
pub(super) fn page(alias: &str, target: &str, title: &str) -> String {
    let href = escape_html(&Here::of_page(alias).url(target));
    let title = escape_html(title);
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n\
         <link rel=\"canonical\" href=\"{href}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n</head>\n\
         <body>\n<p>This page has moved to <a href=\"{href}\">{title}</a>.</p>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_old_address() {
        let html = page("old/deep/x.html", "events/a.html", "A & B");
        assert!(html.contains("url=../../events/a.html\""), "{html}");
        assert!(html.contains("<link rel=\"canonical\" href=\"../../events/a.html\">"));
        assert!(html.contains("<title>A &amp; B</title>"), "{html}");
        let same = page("events/old.html", "events/a.html", "A");
        assert!(same.contains("href=\"a.html\""), "{same}");
    }
}
