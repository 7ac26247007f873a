//! The constraints of a schema (`minLength`, `maximum`, `maxItems`, ...) as the model's
//! [`Checks`]: read where a property's schema is converted, and fitted to the property's
//! Rust type once every type exists ([`fit`]), so that a check is only ever made on a value
//! it can measure. A constraint that cannot hold (`minLength` above `maxLength`) is a warning
//! and left out: it would refuse every value.

use super::Normalizer;
use super::schema::SchemaRef;
use crate::diag::{Diagnostic, Pointer};
use crate::model::{
    Bound, Checks, Operation, Pattern, ScalarKind, TextFormat, TypeDef, TypeKind, TypeRef, resolve,
};
use openapiv3::{AdditionalProperties, SchemaKind, Type, VariantOrUnknownOrEmpty};

/// How deep `items` are followed: an array of arrays of arrays is deep enough, and a schema
/// whose items refer to itself ends.
const MAX_DEPTH: usize = 4;

impl<'a> Normalizer<'a> {
    /// The constraints of `schema` (through references and one-member wrappers), at `at`.
    pub(super) fn checks_of(&mut self, schema: SchemaRef<'a>, at: &Pointer) -> Checks {
        self.checks_at_depth(schema, at, 0)
    }

    fn checks_at_depth(&mut self, schema: SchemaRef<'a>, at: &Pointer, depth: usize) -> Checks {
        // A component's constraints are reported at the component, once, not at each use.
        let own = self.component_of(schema);
        let at = own.as_ref().unwrap_or(at);
        let Some((schema, _)) = self.schema_of(schema) else {
            return Checks::default();
        };
        let mut checks = Checks::default();
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                checks.min_length = s.min_length.map(|n| n as u64);
                checks.max_length = s.max_length.map(|n| n as u64);
                checks.pattern = s.pattern.as_ref().and_then(|p| self.pattern(p, at));
                if let VariantOrUnknownOrEmpty::Unknown(name) = &s.format {
                    checks.format = TextFormat::of(name);
                }
            }
            SchemaKind::Type(Type::Integer(i)) => {
                let bound = |value: Option<i64>, exclusive| {
                    value.map(|v| Bound {
                        value: v as f64,
                        exclusive,
                    })
                };
                checks.minimum = bound(i.minimum, i.exclusive_minimum);
                checks.maximum = bound(i.maximum, i.exclusive_maximum);
                checks.multiple_of = i.multiple_of.map(|m| m as f64);
            }
            SchemaKind::Type(Type::Number(n)) => {
                let bound =
                    |value: Option<f64>, exclusive| value.map(|value| Bound { value, exclusive });
                checks.minimum = bound(n.minimum, n.exclusive_minimum);
                checks.maximum = bound(n.maximum, n.exclusive_maximum);
                checks.multiple_of = n.multiple_of;
            }
            SchemaKind::Type(Type::Array(a)) => {
                checks.min_items = a.min_items.map(|n| n as u64);
                checks.max_items = a.max_items.map(|n| n as u64);
                checks.unique_items = a.unique_items;
                if let Some(items) = a.items.as_ref().filter(|_| depth < MAX_DEPTH) {
                    let inner = self.checks_at_depth(items.into(), &at.push("items"), depth + 1);
                    checks.items = (!inner.is_empty()).then(|| Box::new(inner));
                }
            }
            SchemaKind::Type(Type::Object(o)) => {
                checks.min_properties = o.min_properties.map(|n| n as u64);
                checks.max_properties = o.max_properties.map(|n| n as u64);
                let values = match &o.additional_properties {
                    Some(AdditionalProperties::Schema(values)) if depth < MAX_DEPTH => {
                        let at = at.push("additionalProperties");
                        self.checks_at_depth(values.as_ref().into(), &at, depth + 1)
                    }
                    _ => Checks::default(),
                };
                checks.values = (!values.is_empty()).then(|| Box::new(values));
            }
            _ => {}
        }
        self.possible(&mut checks, at);
        checks
    }

    /// `source` as the regexes that check it (see [`Pattern`]), each compiled here as the
    /// server will compile it; `None`, with a warning, when one does not compile.
    fn pattern(&mut self, source: &str, at: &Pointer) -> Option<Pattern> {
        let pattern = match leading_negative_lookahead(source) {
            Some((excluded, rest)) => Pattern {
                source: source.to_owned(),
                matches: format!("^(?:{rest})"),
                excludes: Some(format!("^(?:{excluded})")),
            },
            None => Pattern {
                source: source.to_owned(),
                matches: source.to_owned(),
                excludes: None,
            },
        };
        let regexes = std::iter::once(&pattern.matches).chain(&pattern.excludes);
        let Some(error) = regexes.filter_map(|r| regex::Regex::new(r).err()).next() else {
            return Some(pattern);
        };
        let first = error.to_string();
        let reason = first.lines().last().unwrap_or_default().trim().to_owned();
        self.diags.push(
            Diagnostic::new(
                &at.push("pattern"),
                format!("`pattern: {source}` does not compile as a Rust regex: {reason}"),
                "write it without look-around or back-references, which Rust's regex crate lacks",
            )
            .instead("did not check it"),
        );
        None
    }

    /// Where the component schema a use stands for is, through a reference or the
    /// one-member `allOf`/`anyOf`/`oneOf` that wraps one; `None` for a schema of its own.
    fn component_of(&self, schema: SchemaRef<'a>) -> Option<Pointer> {
        match schema {
            SchemaRef::Ref(reference) => self.component_schema(reference).map(|(_, at)| at),
            SchemaRef::Inline(schema) => match &schema.schema_kind {
                SchemaKind::AllOf { all_of: one }
                | SchemaKind::AnyOf { any_of: one }
                | SchemaKind::OneOf { one_of: one }
                    if one.len() == 1 =>
                {
                    self.component_of((&one[0]).into())
                }
                _ => None,
            },
        }
    }

    /// Leaves out, with a warning, each pair of constraints no value can meet.
    fn possible(&mut self, checks: &mut Checks, at: &Pointer) {
        let counts = [
            (
                "minLength",
                "maxLength",
                &mut checks.min_length,
                &mut checks.max_length,
            ),
            (
                "minItems",
                "maxItems",
                &mut checks.min_items,
                &mut checks.max_items,
            ),
            (
                "minProperties",
                "maxProperties",
                &mut checks.min_properties,
                &mut checks.max_properties,
            ),
        ];
        for (low, high, min, max) in counts {
            if let (Some(least), Some(most)) = (*min, *max)
                && least > most
            {
                self.impossible(at, low, least, high, most);
                (*min, *max) = (None, None);
            }
        }
        if let Some(divisor) = checks.multiple_of.filter(|m| !(*m > 0.0 && m.is_finite())) {
            self.diags.push(
                Diagnostic::new(
                    &at.push("multipleOf"),
                    format!("`multipleOf: {divisor}` is not a positive number"),
                    "give `multipleOf` a number above 0",
                )
                .instead("did not check it"),
            );
            checks.multiple_of = None;
        }
        if let (Some(min), Some(max)) = (checks.minimum, checks.maximum)
            && (min.value > max.value
                || (min.value == max.value && (min.exclusive || max.exclusive)))
        {
            self.impossible(at, "minimum", min.value, "maximum", max.value);
            (checks.minimum, checks.maximum) = (None, None);
        }
    }

    fn impossible(
        &mut self,
        at: &Pointer,
        low: &str,
        min: impl std::fmt::Display,
        high: &str,
        max: impl std::fmt::Display,
    ) {
        self.diags.push(
            Diagnostic::new(
                &at.push(low),
                format!("`{low}: {min}` above `{high}: {max}`: no value can meet both"),
                format!("fix `{low}` or `{high}`"),
            )
            .instead("checked neither"),
        );
    }
}

/// Keeps, of each field's checks, those its Rust type can be measured by: a length where the
/// value is a string, a bound where it is a number, a count and item checks where it is an
/// array. (A `maxLength` beside `format: date-time` is met by the parsed timestamp.)
pub(super) fn fit(types: &mut [TypeDef]) {
    let all: &[TypeDef] = types;
    let fitted: Vec<(usize, usize, Checks)> = all
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Struct(s) => Some((def.id.0, s)),
            _ => None,
        })
        .flat_map(|(index, s)| {
            s.fields.iter().enumerate().filter_map(move |(i, f)| {
                let fitted = fitted(all, &f.ty, &f.checks);
                (fitted != f.checks).then_some((index, i, fitted))
            })
        })
        .collect();
    for (index, field, checks) in fitted {
        if let TypeKind::Struct(s) = &mut types[index].kind {
            s.fields[field].checks = checks;
        }
    }
}

/// Leaves every constraint out, as a config's `checks = false` asks: no property, parameter,
/// part or body has one, no object is closed, and an optional property's null reads as
/// absent, as its `Option` reads it.
pub(super) fn clear<'a>(
    types: &mut [TypeDef],
    operations: impl Iterator<Item = &'a mut Operation>,
) {
    for def in types {
        if let TypeKind::Struct(s) = &mut def.kind {
            s.closed = false;
            for f in &mut s.fields {
                f.checks = Checks::default();
                f.nullable = true;
            }
        }
    }
    for op in operations {
        for p in &mut op.params {
            p.checks = Checks::default();
        }
        if let Some(body) = &mut op.body {
            body.checks = Checks::default();
            for p in body.fields.iter_mut().flatten() {
                p.checks = Checks::default();
            }
            for part in body.parts.iter_mut().flatten() {
                part.checks = Checks::default();
            }
        }
    }
}

/// [`fit`] for the parameters of `operations` and the fields of their form bodies.
pub(super) fn fit_operations(types: &[TypeDef], operations: &mut [Operation]) {
    for op in operations {
        let fields = op
            .body
            .iter_mut()
            .flat_map(|b| b.fields.iter_mut().flatten());
        for p in op.params.iter_mut().chain(fields) {
            p.checks = fitted(types, &p.ty, &p.checks);
        }
        if let Some(body) = &mut op.body {
            body.checks = fitted(types, &body.ty, &body.checks);
        }
        for part in op
            .body
            .iter_mut()
            .flat_map(|b| b.parts.iter_mut().flatten())
        {
            let ty = match part.repeated {
                true => TypeRef::Array(Box::new(part.ty.clone())),
                false => part.ty.clone(),
            };
            part.checks = fitted(types, &ty, &part.checks);
        }
    }
}

/// The part of `checks` a value of `ty` can be measured by.
fn fitted(types: &[TypeDef], ty: &TypeRef, checks: &Checks) -> Checks {
    let mut kept = Checks::default();
    match resolve(types, ty) {
        TypeRef::Nullable(inner) => return fitted(types, inner, checks),
        TypeRef::Scalar(s) if s.kind == ScalarKind::String => {
            (kept.min_length, kept.max_length) = (checks.min_length, checks.max_length);
            kept.pattern = checks.pattern.clone();
            kept.format = checks.format;
        }
        TypeRef::Scalar(s) if s.kind.is_number() => {
            (kept.minimum, kept.maximum) = (checks.minimum, checks.maximum);
            kept.multiple_of = checks.multiple_of;
        }
        TypeRef::Array(item) => {
            (kept.min_items, kept.max_items) = (checks.min_items, checks.max_items);
            kept.unique_items = checks.unique_items;
            let items = checks.items.as_deref().map(|c| fitted(types, item, c));
            kept.items = items.filter(|c| !c.is_empty()).map(Box::new);
        }
        TypeRef::Map(value) => {
            (kept.min_properties, kept.max_properties) =
                (checks.min_properties, checks.max_properties);
            let values = checks.values.as_deref().map(|c| fitted(types, value, c));
            kept.values = values.filter(|c| !c.is_empty()).map(Box::new);
        }
        TypeRef::Object => {
            (kept.min_properties, kept.max_properties) =
                (checks.min_properties, checks.max_properties);
        }
        _ => {}
    }
    kept
}

/// `^(?!A)B` as (A, B): a pattern that starts with a negative look-ahead, split where the
/// look-ahead's group closes (escapes, classes and nested groups skipped).
fn leading_negative_lookahead(pattern: &str) -> Option<(String, String)> {
    let rest = pattern.strip_prefix("^(?!")?;
    let (mut depth, mut escaped, mut in_class) = (1, false, false);
    for (i, c) in rest.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => {
                depth -= 1;
                if depth == 0 {
                    return Some((rest[..i].to_owned(), rest[i + 1..].to_owned()));
                }
            }
            _ => {}
        }
    }
    None
}
