//! What kind of source a citation is (`kind: cable`), and what each kind is
//! called by the formats that export it: CSL-JSON's `type` and BibLaTeX's
//! entry type.

/// The kind of a source, as the editor names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    /// A newspaper or news-site article.
    Article,
    /// A magazine article.
    Magazine,
    /// A journal article.
    Journal,
    /// An archival or official document.
    Document,
    /// A diplomatic cable or telegram.
    Cable,
    /// A letter or note verbale.
    Letter,
    /// A memorandum.
    Memorandum,
    /// A treaty, agreement or convention.
    Treaty,
    /// A law, decree or resolution.
    Law,
    /// A book.
    Book,
    /// A chapter of a book.
    Chapter,
    /// A report.
    Report,
    /// A thesis.
    Thesis,
    /// A web page.
    Web,
    /// An interview.
    Interview,
    /// A speech or statement.
    Speech,
    /// A radio or television broadcast.
    Broadcast,
    /// A film or video.
    Video,
    /// A map.
    Map,
    /// A photograph or image.
    Photograph,
    /// A manuscript.
    Manuscript,
    /// A data set.
    Dataset,
}

/// Every kind: its name, CSL type and BibLaTeX entry type.
const KINDS: [(Kind, &str, &str, &str); 22] = [
    (Kind::Article, "article", "article-newspaper", "article"),
    (Kind::Magazine, "magazine", "article-magazine", "article"),
    (Kind::Journal, "journal", "article-journal", "article"),
    (Kind::Document, "document", "document", "misc"),
    (Kind::Cable, "cable", "document", "misc"),
    (Kind::Letter, "letter", "personal_communication", "letter"),
    (Kind::Memorandum, "memorandum", "document", "misc"),
    (Kind::Treaty, "treaty", "treaty", "legislation"),
    (Kind::Law, "law", "legislation", "legislation"),
    (Kind::Book, "book", "book", "book"),
    (Kind::Chapter, "chapter", "chapter", "inbook"),
    (Kind::Report, "report", "report", "report"),
    (Kind::Thesis, "thesis", "thesis", "thesis"),
    (Kind::Web, "web", "webpage", "online"),
    (Kind::Interview, "interview", "interview", "misc"),
    (Kind::Speech, "speech", "speech", "misc"),
    (Kind::Broadcast, "broadcast", "broadcast", "misc"),
    (Kind::Video, "video", "motion_picture", "video"),
    (Kind::Map, "map", "map", "misc"),
    (Kind::Photograph, "photograph", "graphic", "image"),
    (Kind::Manuscript, "manuscript", "manuscript", "unpublished"),
    (Kind::Dataset, "dataset", "dataset", "dataset"),
];

impl Kind {
    /// The kind named `name`, or what to write instead.
    pub(crate) fn parse(name: &str) -> Result<Kind, String> {
        let wanted = name.trim().to_lowercase();
        if let Some((kind, ..)) = KINDS.iter().find(|(_, known, ..)| *known == wanted) {
            return Ok(*kind);
        }
        let best = KINDS
            .iter()
            .map(|(_, known, ..)| (strsim::damerau_levenshtein(&wanted, known), *known))
            .min()
            .filter(|(distance, _)| *distance <= 2 + wanted.len() / 4);
        let hint = match best {
            Some((_, known)) => format!("did you mean `{known}`?"),
            None => {
                let all: Vec<String> = KINDS.iter().map(|(_, n, ..)| format!("`{n}`")).collect();
                format!("expected one of {}", all.join(", "))
            }
        };
        Err(format!("unknown source kind `{}`: {hint}", name.trim()))
    }

    fn row(self) -> (Kind, &'static str, &'static str, &'static str) {
        KINDS
            .iter()
            .copied()
            .find(|(kind, ..)| *kind == self)
            .unwrap_or(KINDS[3])
    }

    /// The name editors write: `cable`.
    pub fn name(self) -> &'static str {
        self.row().1
    }

    /// CSL-JSON's `type`.
    pub fn csl_type(self) -> &'static str {
        self.row().2
    }

    /// BibLaTeX's entry type.
    pub fn bibtex_type(self) -> &'static str {
        self.row().3
    }

    /// Whether its publisher is the periodical it appeared in (CSL's
    /// `container-title`, BibLaTeX's `journaltitle`) rather than a
    /// publisher.
    pub fn in_periodical(self) -> bool {
        matches!(self, Kind::Article | Kind::Magazine | Kind::Journal)
    }

    /// Whether it is kept in an archive rather than published.
    pub fn archival(self) -> bool {
        matches!(
            self,
            Kind::Document | Kind::Cable | Kind::Letter | Kind::Memorandum | Kind::Manuscript
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_found_by_name_and_misspellings_get_a_suggestion() {
        assert_eq!(Kind::parse("Cable"), Ok(Kind::Cable));
        assert_eq!(
            Kind::parse("artcle"),
            Err("unknown source kind `artcle`: did you mean `article`?".into())
        );
        assert!(
            Kind::parse("zzzzzzzzzz")
                .unwrap_err()
                .contains("`article`, `magazine`")
        );
        for (kind, name, ..) in KINDS {
            assert_eq!(kind.name(), name);
        }
    }
}
