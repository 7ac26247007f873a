//! Pass 5: defaults. An optional property with a `default` its Rust type can hold becomes a
//! plain field that decoding fills in, as a reader of the document expects ("absent means
//! this value"). Decided once every type exists, because an enum's values are needed.
//!
//! Kept to values whose Rust spelling is unambiguous: booleans, integers in the range of
//! their format's Rust type, numbers, strings without a format (formatted ones become
//! `Uuid`, `DateTime`, ...) and values of string enums. Any other default stays documentation:
//! the field stays an `Option`.

use crate::model::{Field, ScalarKind, TypeDef, TypeKind, TypeRef};
use serde_json::Value;

pub(super) fn mark_filled(types: &mut [TypeDef]) {
    let filled: Vec<(usize, usize)> = types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Struct(s) => Some((def.id.0, s)),
            _ => None,
        })
        .flat_map(|(index, s)| {
            s.fields
                .iter()
                .enumerate()
                .filter(|(_, f)| fills(types, f))
                .map(move |(i, _)| (index, i))
        })
        .collect();
    for (index, field) in filled {
        if let TypeKind::Struct(s) = &mut types[index].kind {
            s.fields[field].fills_default = true;
        }
    }
}

fn fills(types: &[TypeDef], f: &Field) -> bool {
    match (&f.default, f.required || f.nullable) {
        (Some(value), false) => holds(types, &f.ty, value),
        _ => false,
    }
}

/// Whether a type's Rust spelling can hold a JSON value (see `render::rust::rust_type`).
fn holds(types: &[TypeDef], ty: &TypeRef, value: &Value) -> bool {
    match (ty, value) {
        (TypeRef::Scalar(s), _) => match (s.kind, s.format.as_deref(), value) {
            (ScalarKind::Boolean, _, Value::Bool(_)) => true,
            (ScalarKind::Number, _, Value::Number(_)) => true,
            (ScalarKind::String, None, Value::String(_)) => true,
            (ScalarKind::Integer, format, Value::Number(n)) => match format {
                Some("int32") => n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()),
                Some("uint32") => n.as_u64().is_some_and(|v| u32::try_from(v).is_ok()),
                Some("uint64") => n.as_u64().is_some(),
                _ => n.as_i64().is_some(),
            },
            _ => false,
        },
        (TypeRef::Named(id), Value::String(_)) => {
            matches!(types[id.0].kind, TypeKind::Enum(_))
        }
        _ => false,
    }
}
