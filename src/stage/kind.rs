//! The kinds of stage, as editors write them and as editions name them.

use crate::i18n::Strings;

/// What happened to an agreement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    /// `signed`
    Signed,
    /// `ratified`
    Ratified,
    /// `acceded`
    Acceded,
    /// `in force`
    InForce,
    /// `suspended`
    Suspended,
    /// `denounced`
    Denounced,
    /// `expired`
    Expired,
    /// `terminated`
    Terminated,
    /// `{stage: other, label: "…"}`, with its label.
    Other(String),
}

/// The stages as written, with their kinds.
pub(super) const WRITTEN: [(&str, Kind); 8] = [
    ("signed", Kind::Signed),
    ("ratified", Kind::Ratified),
    ("acceded", Kind::Acceded),
    ("in force", Kind::InForce),
    ("suspended", Kind::Suspended),
    ("denounced", Kind::Denounced),
    ("expired", Kind::Expired),
    ("terminated", Kind::Terminated),
];

impl Kind {
    /// The stage as written in `stages:` (`in force`); `other` for a
    /// labelled one.
    pub fn written(&self) -> &'static str {
        WRITTEN
            .iter()
            .find(|(_, kind)| kind == self)
            .map_or("other", |(written, _)| written)
    }

    /// The key of its name among the interface strings (`stage_in_force`),
    /// or `None` for a labelled stage, which is named by its label.
    pub fn string_key(&self) -> Option<String> {
        match self {
            Kind::Other(_) => None,
            kind => Some(format!("stage_{}", kind.written().replace(' ', "_"))),
        }
    }

    /// Its name in the language of `t`: `Entry into force`, or the label
    /// of an `other` stage.
    pub fn name_in(&self, t: &Strings) -> String {
        match (self, self.string_key()) {
            (Kind::Other(label), _) => label.clone(),
            (_, Some(key)) => t.get(&key).to_string(),
            (_, None) => String::new(),
        }
    }

    /// Whether the stage ends a period in force. A denunciation does not
    /// by itself: it takes effect later, as an expiry or a termination.
    pub fn ends_force(&self) -> bool {
        matches!(self, Kind::Suspended | Kind::Expired | Kind::Terminated)
    }

    /// Whether the stage is a signature or a ratification, one of which
    /// must come before entry into force.
    pub fn binds(&self) -> bool {
        matches!(self, Kind::Signed | Kind::Ratified)
    }
}
