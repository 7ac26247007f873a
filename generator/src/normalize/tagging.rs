//! Pass 5: tagging. How each union's variants are told apart on the wire, decided once every
//! type exists, because it depends on what the variant types declare:
//!
//! - a discriminator whose property every variant declares: decoding reads the property and
//!   the variant keeps it ([`Tagging::Property`]); one no variant declares: serde's internal
//!   tag, which adds and removes it ([`Tagging::Internal`]);
//! - no discriminator, but a required single-valued enum property all variants share, with a
//!   value each of their own (dropshot's tagged enums): [`Tagging::Property`];
//! - a required property per variant that no other variant has: [`Tagging::Key`];
//! - otherwise untagged: the first variant that decodes wins.
//!
//! A discriminator without a `mapping` entry for a variant names it by its schema name, unless
//! the variant fixes the property to one value: the value it fixes is what the data carries.

use crate::diag::Pointer;
use crate::model::{self, Field, Struct, Tagging, TypeDef, TypeKind, TypeRef, Union, UnionVariant};
use crate::naming::{self, Scope};
use std::collections::HashSet;

pub(super) fn tag_unions(types: &mut [TypeDef]) {
    let decided: Vec<(usize, Tagging, Vec<Option<String>>)> = types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Union(u) => {
                let (tagging, selectors) = decide(types, u);
                Some((def.id.0, tagging, selectors))
            }
            _ => None,
        })
        .collect();
    for (index, tagging, selectors) in decided {
        let inline: Vec<bool> = match &types[index].kind {
            TypeKind::Union(u) => u.variants.iter().map(|v| is_inline(types, &v.ty)).collect(),
            _ => continue,
        };
        if let TypeKind::Union(u) = &mut types[index].kind {
            u.tagging = tagging;
            let mut scope = Scope::default();
            for ((variant, selector), inline) in u.variants.iter_mut().zip(selectors).zip(inline) {
                variant.selector = selector;
                variant.ident = variant_ident(&mut scope, variant, inline);
            }
        }
    }
}

/// A variant of an inline type is named by what selects it (`Created` rather than
/// `EventVariant0`); one of a named type keeps that type's name.
fn variant_ident(scope: &mut Scope, variant: &UnionVariant, inline: bool) -> String {
    let name = match (&variant.selector, inline) {
        (Some(selector), true) => naming::type_ident(selector),
        _ => variant.ident.clone(),
    };
    scope.suggest(&name, &Pointer::root())
}

/// Whether a type was declared in place, without a schema name of its own.
fn is_inline(types: &[TypeDef], ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(id) if types[id.0].schema_name.is_none())
}

/// The tagging of one union and each variant's selector.
fn decide(types: &[TypeDef], u: &Union) -> (Tagging, Vec<Option<String>>) {
    let untagged = || (Tagging::Untagged, vec![None; u.variants.len()]);
    if u.variants.len() < 2 {
        return untagged();
    }
    let Some(structs) = u
        .variants
        .iter()
        .map(|v| struct_of(types, &v.ty))
        .collect::<Option<Vec<_>>>()
    else {
        return untagged();
    };
    let decided = match &u.tagging {
        Tagging::Internal(property) => discriminated(types, u, &structs, property),
        _ => by_constant(types, &structs).or_else(|| by_key(&structs)),
    };
    decided
        .filter(|(_, selectors)| distinct(selectors))
        .map(|(tagging, selectors)| (tagging, selectors.into_iter().map(Some).collect()))
        .unwrap_or_else(untagged)
}

/// A discriminator: usable when every variant has a value for it, and either every variant
/// declares its property or none does.
fn discriminated(
    types: &[TypeDef],
    u: &Union,
    structs: &[(&TypeDef, &Struct)],
    property: &str,
) -> Option<(Tagging, Vec<String>)> {
    let declared: Vec<Option<&Field>> = structs.iter().map(|(_, s)| field(s, property)).collect();
    let tagging = if declared.iter().all(Option::is_some) {
        Tagging::Property(property.to_owned())
    } else if declared.iter().all(Option::is_none) {
        Tagging::Internal(property.to_owned())
    } else {
        return None;
    };
    let selectors = u
        .variants
        .iter()
        .zip(structs)
        .zip(&declared)
        .map(|((variant, (def, _)), declared)| {
            variant
                .selector
                .clone()
                .or_else(|| declared.and_then(|f| constant(types, f)))
                .or_else(|| def.schema_name.clone())
        })
        .collect::<Option<Vec<_>>>()?;
    Some((tagging, selectors))
}

/// The first property of the first variant that every variant requires and fixes to one value.
fn by_constant(
    types: &[TypeDef],
    structs: &[(&TypeDef, &Struct)],
) -> Option<(Tagging, Vec<String>)> {
    let (_, first) = structs.first()?;
    first.fields.iter().find_map(|candidate| {
        let selectors = structs
            .iter()
            .map(|(_, s)| {
                field(s, &candidate.name)
                    .filter(|f| f.presence.is_required())
                    .and_then(|f| constant(types, f))
            })
            .collect::<Option<Vec<_>>>()?;
        distinct(&selectors).then(|| (Tagging::Property(candidate.name.clone()), selectors))
    })
}

/// For each variant, its first required property that no other variant has.
fn by_key(structs: &[(&TypeDef, &Struct)]) -> Option<(Tagging, Vec<String>)> {
    let keys = structs
        .iter()
        .enumerate()
        .map(|(i, (_, s))| {
            s.fields
                .iter()
                .find(|f| {
                    f.presence.is_required()
                        && structs
                            .iter()
                            .enumerate()
                            .all(|(j, (_, other))| i == j || field(other, &f.name).is_none())
                })
                .map(|f| f.name.clone())
        })
        .collect::<Option<Vec<_>>>()?;
    Some((Tagging::Key, keys))
}

/// The struct a type is, through aliases.
fn struct_of<'t>(types: &'t [TypeDef], ty: &'t TypeRef) -> Option<(&'t TypeDef, &'t Struct)> {
    let TypeRef::Named(id) = model::resolve(types, ty) else {
        return None;
    };
    let def = &types[id.0];
    match &def.kind {
        TypeKind::Struct(s) => Some((def, s)),
        _ => None,
    }
}

fn field<'s>(s: &'s Struct, name: &str) -> Option<&'s Field> {
    s.fields.iter().find(|f| f.name == name)
}

/// The one value a property can have: an enum of one value, written beside a reference or
/// as the property's type.
fn constant(types: &[TypeDef], f: &Field) -> Option<String> {
    if let [value] = f.enum_values.as_slice() {
        return Some(value.clone());
    }
    match &f.ty {
        TypeRef::Named(id) => match &types[id.0].kind {
            TypeKind::Enum(e) if e.variants.len() == 1 => Some(e.variants[0].value.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn distinct(values: &[String]) -> bool {
    let mut seen = HashSet::with_capacity(values.len());
    values.iter().all(|v| seen.insert(v))
}
