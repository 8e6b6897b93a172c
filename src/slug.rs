//! Slugs: the file names of event, tag, actor and era pages.
//!
//! A slug is lowercase ASCII letters, digits and single hyphens, transliterated
//! from any script (`Nicolás Maduro` → `nicolas-maduro`, `Москва` → `moskva`),
//! at most [`MAX_LEN`] bytes, never a path separator, `.`/`..`, a
//! Windows-reserved device name or a name a generated page already uses.

/// The longest slug, in bytes.
pub const MAX_LEN: usize = 80;

/// Names a slug may not take: Windows device names, and `index`, which every
/// listing folder uses for itself.
const RESERVED: [&str; 23] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "index",
];

/// Turns any text into a slug; the empty string when nothing of it can be
/// written in ASCII letters or digits. Idempotent: `slugify(slugify(x)) == slugify(x)`.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    truncate(&mut slug);
    if RESERVED.contains(&slug.as_str()) {
        slug.push_str("-page");
    }
    slug
}

/// Cuts a slug to [`MAX_LEN`], at a hyphen when one is near, and trims hyphens.
fn truncate(slug: &mut String) {
    if slug.len() > MAX_LEN {
        let cut = slug[..MAX_LEN]
            .rfind('-')
            .filter(|&at| at > MAX_LEN / 2)
            .unwrap_or(MAX_LEN);
        slug.truncate(cut);
    }
    while slug.ends_with('-') {
        slug.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_and_hyphenates() {
        assert_eq!(slugify("Nicolás Maduro"), "nicolas-maduro");
        assert_eq!(slugify("Chávez presidency"), "chavez-presidency");
        assert_eq!(slugify("  OPEC+ / GECF  "), "opec-gecf");
        assert_eq!(slugify("Москва"), "moskva");
        assert_eq!(slugify("state visit"), "state-visit");
    }

    #[test]
    fn never_yields_a_dangerous_name() {
        assert_eq!(slugify("../x"), "x");
        assert_eq!(slugify("a/b"), "a-b");
        assert_eq!(slugify("."), "");
        assert_eq!(slugify(".."), "");
        assert_eq!(slugify("CON"), "con-page");
        assert_eq!(slugify("Index"), "index-page");
        assert_eq!(slugify(""), "");
    }

    #[test]
    fn long_names_are_cut_at_a_hyphen() {
        let long = "word ".repeat(60);
        let slug = slugify(&long);
        assert!(slug.len() <= MAX_LEN, "{slug}");
        assert!(!slug.ends_with('-'));
        assert_eq!(slugify(&"x".repeat(300)).len(), MAX_LEN);
    }

    #[test]
    fn is_idempotent() {
        for text in [
            "Nicolás Maduro",
            "CON",
            "a--b",
            &"word ".repeat(60),
            "Ünïcödé — test",
        ] {
            let once = slugify(text);
            assert_eq!(slugify(&once), once, "{text}");
        }
    }
}
