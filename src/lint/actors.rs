//! Names in events' `actors:` that match no declared actor, once a site
//! declares actors: a typo (`Rusia`), or an actor still to declare.

use super::{Warning, warn};
use crate::actor::Actors;
use crate::event::Event;
use crate::slug::slugify;

/// A warning for every name no declared actor answers to, with the
/// nearest declared name when one is near; none when nothing is declared.
pub(super) fn undeclared(events: &[Event], actors: &Actors) -> Vec<Warning> {
    if actors.is_empty() {
        return Vec::new();
    }
    let mut warnings = Vec::new();
    for event in events {
        for name in event
            .actors
            .iter()
            .filter(|name| actors.resolve(name).is_none())
        {
            let names = actors.iter().flat_map(|actor| actor.names());
            let message = match crate::actor::nearest(name, names) {
                Some(near) => {
                    format!("actor {name:?} matches no declared actor: did you mean `{near}`?")
                }
                None => format!(
                    "actor {name:?} matches no declared actor: declare it in content/actors/{}.yaml if it needs a page of its own",
                    slugify(name)
                ),
            };
            warnings.push(warn(&event.spans.origin, message));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::super::tests::{events, messages};
    use super::*;
    use crate::load::Text;

    #[test]
    fn undeclared_names_get_the_nearest_declared_one() {
        let actors = Actors::read(&[Text {
            path: "content/actors/russia.yaml".into(),
            text: "name: Russian Federation\nshort: Russia\nkind: state\n".into(),
        }])
        .unwrap();
        let found = events(
            "- {title: A, date: 2001, actors: [Russian Federation, Rusia]}\n- {title: B, date: 2002, actors: [Hugo Chávez, russia]}\n",
        );
        assert_eq!(
            messages(undeclared(&found, &actors)),
            [
                "content/x.yaml:1: actor \"Rusia\" matches no declared actor: did you mean `Russia`?",
                "content/x.yaml:2: actor \"Hugo Chávez\" matches no declared actor: declare it in content/actors/hugo-chavez.yaml if it needs a page of its own",
            ]
        );
        assert!(undeclared(&found, &Actors::default()).is_empty());
    }
}
