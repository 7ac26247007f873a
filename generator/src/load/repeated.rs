//! Keys a mapping of the text repeats. YAML forbids them and JSON leaves them undefined; a
//! typed read of the document can trip over one (openapiv3 reads a schema twice, once keeping
//! both keys and once the last), so when it does, reading goes by the last value of each and
//! warns at each repeated key.

use super::Lenient;
use crate::diag::{Diagnostic, Pointer};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::HashSet;
use std::fmt;

/// A warning at each key a mapping of `text` repeats, in document order.
pub(super) fn warnings(text: &str, is_json: bool) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let walk = Walk {
        at: Pointer::root(),
        found: &mut found,
    };
    // A text that does not parse has no keys to report; its error comes from elsewhere.
    let _ = match is_json {
        true => walk
            .deserialize(&mut serde_json::Deserializer::from_str(text))
            .map_err(|e| e.to_string()),
        false => walk
            .deserialize(serde_yaml::Deserializer::from_str(text))
            .map_err(|e| e.to_string()),
    };
    found
        .into_iter()
        .map(|(at, key)| {
            Diagnostic::new(
                &at,
                format!("the mapping repeats the key `{key}`"),
                "write each key once",
            )
            .instead("read its last value")
        })
        .collect()
}

/// One value of the text at `at`, walked for repeated keys.
struct Walk<'a> {
    at: Pointer,
    found: &'a mut Vec<(Pointer, String)>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_i128<E>(self, _: i128) -> Result<(), E> {
        Ok(())
    }

    fn visit_u128<E>(self, _: u128) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        for i in 0.. {
            let item = Walk {
                at: self.at.push(i.to_string()),
                found: &mut *self.found,
            };
            if seq.next_element_seed(item)?.is_none() {
                break;
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(Lenient(key)) = map.next_key()? {
            let key = match key {
                serde_json::Value::String(key) => key,
                other => other.to_string(),
            };
            let at = self.at.push(&key);
            if !seen.insert(key.clone()) {
                self.found.push((at.clone(), key));
            }
            map.next_value_seed(Walk {
                at,
                found: &mut *self.found,
            })?;
        }
        Ok(())
    }
}
