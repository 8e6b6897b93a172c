//! A name written alone or as a mapping with more to say: `Russia` or
//! `{name: Russia, as: continuator}`, `Vladimir Putin` or
//! `{name: Vladimir Putin, role: signatory}`; one of them or a list.
//!
//! serde's untagged enums would do this, but their errors say only "data
//! did not match any variant"; this visitor hands a mapping to the
//! mapping's own type, so a misspelt key or a bad value is named.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// A type that a bare name stands for: the mapping with only `name:`.
pub(crate) trait FromName {
    /// The value a bare `name` means.
    fn from_name(name: String) -> Self;
}

/// One entry, or a list of them (a bare entry means a list of one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NameOr<T>(pub(crate) Vec<T>);

impl<T> Default for NameOr<T> {
    fn default() -> Self {
        NameOr(Vec::new())
    }
}

struct One<T>(T);

struct EntryVisitor<T>(PhantomData<T>, &'static str);

impl<'de, T: FromName + Deserialize<'de>> Visitor<'de> for EntryVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.1)
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(vec![T::from_name(name.to_string())])
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|one| vec![one])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut all = Vec::new();
        while let Some(One(one)) = seq.next_element::<One<T>>()? {
            all.push(one);
        }
        Ok(all)
    }
}

impl<'de, T: FromName + Deserialize<'de>> Deserialize<'de> for One<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Single<T>(PhantomData<T>);
        impl<'de, T: FromName + Deserialize<'de>> Visitor<'de> for Single<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a name, or a mapping with `name:`")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<T, E> {
                Ok(T::from_name(name.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer.deserialize_any(Single(PhantomData)).map(One)
    }
}

impl<'de, T: FromName + Deserialize<'de>> Deserialize<'de> for NameOr<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let visitor = EntryVisitor(
            PhantomData,
            "a name, a mapping with `name:`, or a list of them",
        );
        deserializer.deserialize_any(visitor).map(NameOr)
    }
}
