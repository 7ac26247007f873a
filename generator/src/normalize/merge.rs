//! A property that two `allOf` members define: a value must meet both definitions, so where
//! one of them holds only values the other allows (it adds an `enum`, a `format`, or drops
//! `nullable`; or the other accepts everything it does: `{}`, a bare `type: object` beside an
//! object, an `anyOf`/`oneOf` one of whose branches does), that narrower one is the
//! property's type, whichever member it is in. Only definitions that disagree otherwise are a
//! conflict.

use super::Normalizer;
use super::schema::SchemaRef;
use openapiv3::{
    AnySchema, IntegerType, NumberType, ObjectType, Schema, SchemaKind, StringType, Type,
    VariantOrUnknownOrEmpty,
};
use std::cmp::Ordering;

impl<'a> Normalizer<'a> {
    /// Of two definitions of one property, whether a merged type keeps the second: the
    /// narrower where one narrows the other, the reference on a tie; `None` when they
    /// conflict.
    pub(super) fn keeps_second(&self, a: SchemaRef<'a>, b: SchemaRef<'a>) -> Option<bool> {
        let ((sa, na), (sb, nb)) = (self.schema_of(a)?, self.schema_of(b)?);
        match (self.admits(sa, sb), self.admits(sb, sa)) {
            (true, false) => return Some(true),
            (false, true) => return Some(false),
            _ => {}
        }
        if relaxed(sa) != relaxed(sb) {
            return None;
        }
        let (ca, cb) = (Constraints::of(sa, na), Constraints::of(sb, nb));
        let order = [
            narrows(&ca.enumeration, &cb.enumeration, |a, b| {
                b.iter().all(|v| a.contains(v))
            })?,
            narrows(&ca.format, &cb.format, |a, b| a == b)?,
            // `nullable: false` is the narrower.
            narrows(
                &(!ca.nullable).then_some(()),
                &(!cb.nullable).then_some(()),
                |_, _| true,
            )?,
        ];
        let a_wins = order.iter().all(|o| *o != Ordering::Greater);
        let b_wins = order.iter().all(|o| *o != Ordering::Less);
        match (a_wins, b_wins) {
            (true, true) => Some(matches!((a, b), (SchemaRef::Inline(_), SchemaRef::Ref(_)))),
            (true, false) => Some(false),
            (false, true) => Some(true),
            (false, false) => None,
        }
    }

    /// Whether `wide` accepts every value `narrow` does, by its form alone: it is `{}`, a bare
    /// `type: object` and `narrow` an object, or an `anyOf`/`oneOf` one of whose branches
    /// admits `narrow` or is the same kind of value.
    fn admits(&self, wide: &'a Schema, narrow: &'a Schema) -> bool {
        match &wide.schema_kind {
            SchemaKind::Any(any) if *any == AnySchema::default() => true,
            SchemaKind::Type(Type::Object(o)) if *o == ObjectType::default() => is_object(narrow),
            SchemaKind::AnyOf { any_of: branches } | SchemaKind::OneOf { one_of: branches } => {
                branches.iter().any(|branch| {
                    self.schema_of(branch.into()).is_some_and(|(branch, _)| {
                        self.admits(branch, narrow) || relaxed(branch) == relaxed(narrow)
                    })
                })
            }
            _ => false,
        }
    }

    /// The schema a definition stands for, through references and the one-member `allOf`
    /// or `anyOf` that wraps a reference with a description or `nullable` (as 3.1 documents
    /// read); and whether it admits null on the way.
    pub(super) fn schema_of(&self, schema: SchemaRef<'a>) -> Option<(&'a Schema, bool)> {
        let mut nullable = false;
        let mut next = schema;
        loop {
            let schema = match next {
                SchemaRef::Inline(schema) => schema,
                SchemaRef::Ref(reference) => self.component_schema(reference)?.0,
            };
            nullable |= schema.schema_data.nullable;
            match &schema.schema_kind {
                SchemaKind::AllOf { all_of: one }
                | SchemaKind::AnyOf { any_of: one }
                | SchemaKind::OneOf { one_of: one }
                    if one.len() == 1 =>
                {
                    next = SchemaRef::from(&one[0]);
                }
                _ => return Some((schema, nullable)),
            }
        }
    }
}

/// Whether a schema holds only objects: an object type, properties, or an `allOf` (of objects,
/// as documents write it).
fn is_object(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => true,
        SchemaKind::Any(any) => any.typ.as_deref() == Some("object") || !any.properties.is_empty(),
        _ => false,
    }
}

/// How one constraint of `a` compares with `b`'s: `Less` when `a`'s is narrower (it has one
/// and `b` has none, or `holds(b, a)`: `b`'s allows all of `a`'s), `Greater` the other way,
/// `Equal` when they are the same; `None` when neither holds the other.
fn narrows<T: PartialEq>(
    a: &Option<T>,
    b: &Option<T>,
    holds: impl Fn(&T, &T) -> bool,
) -> Option<Ordering> {
    match (a, b) {
        (None, None) => Some(Ordering::Equal),
        (Some(_), None) => Some(Ordering::Less),
        (None, Some(_)) => Some(Ordering::Greater),
        (Some(a), Some(b)) if a == b => Some(Ordering::Equal),
        (Some(a), Some(b)) if holds(b, a) => Some(Ordering::Less),
        (Some(a), Some(b)) if holds(a, b) => Some(Ordering::Greater),
        _ => None,
    }
}

/// The constraints a merge may narrow.
struct Constraints {
    nullable: bool,
    /// The enum's values as JSON text.
    enumeration: Option<Vec<String>>,
    format: Option<String>,
}

impl Constraints {
    fn of(schema: &Schema, nullable: bool) -> Self {
        let (enumeration, format): (Vec<String>, _) = match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => (texts(&s.enumeration), format_of(&s.format)),
            SchemaKind::Type(Type::Integer(i)) => (texts(&i.enumeration), format_of(&i.format)),
            SchemaKind::Type(Type::Number(n)) => (texts(&n.enumeration), format_of(&n.format)),
            _ => (Vec::new(), None),
        };
        Constraints {
            nullable,
            enumeration: (!enumeration.is_empty()).then_some(enumeration),
            format,
        }
    }
}

fn texts<T: serde::Serialize>(values: &[T]) -> Vec<String> {
    values
        .iter()
        .filter_map(|v| serde_json::to_string(v).ok())
        .collect()
}

fn format_of<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Empty => None,
        other => serde_json::to_string(other).ok(),
    }
}

/// A schema without what a merge may narrow, nor annotations and value checks the types do
/// not hold (descriptions, bounds, patterns): two definitions with equal relaxed forms hold
/// the same kind of value.
fn relaxed(schema: &Schema) -> Schema {
    let kind = match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => SchemaKind::Type(Type::String(StringType::default())),
        SchemaKind::Type(Type::Integer(_)) => {
            SchemaKind::Type(Type::Integer(IntegerType::default()))
        }
        SchemaKind::Type(Type::Number(_)) => SchemaKind::Type(Type::Number(NumberType::default())),
        other => other.clone(),
    };
    let discriminator = schema.schema_data.discriminator.clone();
    Schema {
        schema_data: openapiv3::SchemaData {
            discriminator,
            ..Default::default()
        },
        schema_kind: kind,
    }
}
