//! The part an actor plays in an event: `actors: [{name: Vladimir Putin,
//! role: signatory}]`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::name_or::FromName;

/// What an actor did in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Received the others.
    Host,
    /// Was received.
    Guest,
    /// Signed the text.
    Signatory,
    /// Brought the parties together.
    Mediator,
    /// Is bound by the agreement.
    Party,
    /// Attended without taking part.
    Observer,
    /// Guarantees the agreement.
    Guarantor,
    /// Witnessed the signature.
    Witness,
}

impl Role {
    /// The key of the role's name among the interface strings:
    /// `role_signatory`.
    pub fn key(self) -> &'static str {
        match self {
            Role::Host => "role_host",
            Role::Guest => "role_guest",
            Role::Signatory => "role_signatory",
            Role::Mediator => "role_mediator",
            Role::Party => "role_party",
            Role::Observer => "role_observer",
            Role::Guarantor => "role_guarantor",
            Role::Witness => "role_witness",
        }
    }

    /// The word written in front matter: `signatory`.
    pub fn as_str(self) -> &'static str {
        self.key().trim_start_matches("role_")
    }
}

/// One of an event's `actors:`, as written.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Named {
    pub(crate) name: String,
    pub(crate) role: Option<Role>,
}

impl FromName for Named {
    fn from_name(name: String) -> Self {
        Named { name, role: None }
    }
}

/// An event's `actors:` as names, and the roles of those that have one.
pub(crate) fn split_roles(written: super::NameOr<Named>) -> (Vec<String>, BTreeMap<String, Role>) {
    let mut roles = BTreeMap::new();
    let names = written
        .0
        .into_iter()
        .map(|named| {
            if let Some(role) = named.role {
                roles.insert(named.name.trim().to_string(), role);
            }
            named.name
        })
        .collect();
    (names, roles)
}
