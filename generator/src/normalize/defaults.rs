//! Pass 6: defaults. An optional property with a `default` its Rust type can hold becomes a
//! plain field that decoding fills in, as a reader of the document expects ("absent means
//! this value"). Decided once every type exists, because an enum's values are needed.
//!
//! Kept to values whose Rust spelling is unambiguous: booleans, integers in the range of
//! their format's Rust type, numbers, strings without a format (formatted ones become
//! `Uuid`, `DateTime`, ...) and values of string enums. Any other default stays documentation:
//! the field stays an `Option`.

use crate::model::{Field, Presence, ScalarKind, TypeDef, TypeKind, TypeRef};
use serde_json::Value;

/// Demotes each `Defaulted` candidate of schema conversion whose default its type cannot
/// hold to `Optional`.
pub(super) fn mark_filled(types: &mut [TypeDef]) {
    let unfilled: Vec<(usize, usize)> = types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Struct(s) => Some((def.id.0, s)),
            _ => None,
        })
        .flat_map(|(index, s)| {
            s.fields
                .iter()
                .enumerate()
                .filter(|(_, f)| f.presence == Presence::Defaulted && !fills(types, f))
                .map(move |(i, _)| (index, i))
        })
        .collect();
    for (index, field) in unfilled {
        if let TypeKind::Struct(s) = &mut types[index].kind {
            s.fields[field].presence = Presence::Optional;
        }
    }
}

fn fills(types: &[TypeDef], f: &Field) -> bool {
    f.default
        .as_ref()
        .is_some_and(|value| holds(types, &f.ty, value))
}

/// Whether a value fits the type's Rust spelling ([`ScalarKind`], or a string enum's variant).
/// Of strings, only unformatted ones: a formatted default (an email, a byte string) is
/// documentation whose Rust text this pass does not check.
fn holds(types: &[TypeDef], ty: &TypeRef, value: &Value) -> bool {
    match (ty, value) {
        (TypeRef::Scalar(s), _) => match (s.kind, value) {
            (ScalarKind::Bool, Value::Bool(_)) => true,
            (ScalarKind::F32 | ScalarKind::F64, Value::Number(_)) => true,
            (ScalarKind::String, Value::String(_)) => s.format.is_none(),
            (ScalarKind::I32, Value::Number(n)) => {
                n.as_i64().is_some_and(|v| i32::try_from(v).is_ok())
            }
            (ScalarKind::U32, Value::Number(n)) => {
                n.as_u64().is_some_and(|v| u32::try_from(v).is_ok())
            }
            (ScalarKind::U64, Value::Number(n)) => n.as_u64().is_some(),
            (ScalarKind::I64, Value::Number(n)) => n.as_i64().is_some(),
            _ => false,
        },
        (TypeRef::Named(id), Value::String(_)) => {
            matches!(types[id.0].kind, TypeKind::Enum(_))
        }
        _ => false,
    }
}
