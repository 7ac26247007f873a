//! Example values, built the way openapi-sampler 1.3.0 builds them, so the examples match the
//! published Coder docs: properties in schema order, `"string"`, `0` and `true` for scalars,
//! fixed samples per string format, UUIDs derived from the property name, the first value of an
//! enum, two `propertyN` keys for maps, `{}` where a type recurs inside itself, and containers
//! cut short ten keys deep.
//!
//! The sampler finds cycles by the identity of schema objects in a dereferenced document. A
//! one-member `allOf` is sampled as a copy of its member, which is not the object it copies:
//! a type entered through one is expanded once more before its recurrence is cut, and what
//! repeats is the property that wraps it.

use crate::model::{Api, Field, JsonType, Struct, TypeDef, TypeId, TypeKind, TypeRef};
use serde_json::{Map, Value};
use std::ptr;

/// Objects and arrays this many keys (or array indexes) below the root are left empty.
const MAX_DEPTH: usize = 10;

/// The example value of a type, as it appears at the root of a body or a schema section.
pub fn example(api: &Api, ty: &TypeRef) -> Value {
    Sampler {
        api,
        stack: Vec::new(),
        wrappers: Vec::new(),
    }
    .sample(ty, None, 0)
}

struct Sampler<'a> {
    api: &'a Api,
    /// The named types being sampled, outermost first: meeting one again is a cycle.
    stack: Vec<TypeId>,
    /// The one-member `allOf` properties being sampled: meeting one again is a cycle.
    wrappers: Vec<&'a Field>,
}

/// Whether a value is a JSON container, which the depth limit and cycles leave empty.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Nesting {
    Object,
    Array,
    Scalar,
}

impl<'a> Sampler<'a> {
    /// `name` is the property the value sits under (UUIDs derive from it); `depth` counts the
    /// keys and indexes from the root.
    fn sample(&mut self, ty: &TypeRef, name: Option<&str>, depth: usize) -> Value {
        if depth >= MAX_DEPTH {
            match self.nesting(ty) {
                Nesting::Object => return Value::Object(Map::new()),
                Nesting::Array => return Value::Array(Vec::new()),
                Nesting::Scalar => {}
            }
        }
        match ty {
            TypeRef::Named(id) => self.named(*id, name, depth),
            TypeRef::Scalar(scalar) => scalar_sample(scalar.json, scalar.format.as_deref(), name),
            TypeRef::Array(item) => Value::Array(vec![self.sample(item, None, depth + 1)]),
            TypeRef::Tuple(items) => Value::Array(
                items
                    .iter()
                    .map(|item| self.sample(item, None, depth + 1))
                    .collect(),
            ),
            TypeRef::Map(value) => {
                let mut map = Map::new();
                self.extend_with_properties(&mut map, value, depth);
                Value::Object(map)
            }
            // The sample of a value that may be null is a value.
            TypeRef::Nullable(inner) => self.sample(inner, name, depth),
            TypeRef::Object => Value::Object(Map::new()),
            TypeRef::Any => Value::Null,
        }
    }

    fn named(&mut self, id: TypeId, name: Option<&str>, depth: usize) -> Value {
        if self.stack.contains(&id) {
            return self.circular(&TypeRef::Named(id));
        }
        self.stack.push(id);
        let value = self.named_copy(id, name, depth);
        self.stack.pop();
        value
    }

    /// A named type's sample, whether or not the type is already being sampled.
    fn named_copy(&mut self, id: TypeId, name: Option<&str>, depth: usize) -> Value {
        let api = self.api;
        let def = api.ty(id);
        match &def.example {
            Some(example) => truncate(example.clone(), depth),
            None => self.definition(def, name, depth),
        }
    }

    /// What stands where a type recurs: an empty container.
    fn circular(&self, ty: &TypeRef) -> Value {
        match self.nesting(ty) {
            Nesting::Array => Value::Array(Vec::new()),
            Nesting::Object | Nesting::Scalar => Value::Object(Map::new()),
        }
    }

    /// A property written as a one-member `allOf`: its type sampled as a copy (see the
    /// module's doc), the property itself marking the cycle.
    fn all_of_member(&mut self, field: &'a Field, depth: usize) -> Value {
        let cut = depth >= MAX_DEPTH && self.nesting(&field.ty) != Nesting::Scalar;
        if cut || self.wrappers.iter().any(|w| ptr::eq(*w, field)) {
            return self.circular(&field.ty);
        }
        self.wrappers.push(field);
        let value = match field.ty.non_null() {
            TypeRef::Named(id) => self.named_copy(*id, Some(&field.name), depth),
            other => self.sample(other, Some(&field.name), depth),
        };
        self.wrappers.pop();
        value
    }

    fn definition(&mut self, def: &'a TypeDef, name: Option<&str>, depth: usize) -> Value {
        match &def.kind {
            TypeKind::Struct(s) => self.structure(s, depth),
            TypeKind::Enum(e) => Value::String(
                e.variants
                    .first()
                    .map_or("string", |v| v.value.as_str())
                    .to_owned(),
            ),
            TypeKind::Union(u) => match u.variants.first() {
                Some(variant) => self.sample(&variant.ty, name, depth),
                None => Value::Null,
            },
            TypeKind::Alias(ty) => self.sample(ty, name, depth),
        }
    }

    fn structure(&mut self, s: &'a Struct, depth: usize) -> Value {
        let mut map = Map::new();
        for field in &s.fields {
            let value = self.field(field, depth + 1);
            map.insert(field.name.clone(), value);
        }
        if let Some(extra) = &s.additional {
            self.extend_with_properties(&mut map, &extra.ty, depth);
        }
        Value::Object(map)
    }

    /// A property's own `example`, then the enum written beside its reference, then its
    /// `default`, then a sample of its type: the order openapi-sampler looks in.
    fn field(&mut self, field: &'a Field, depth: usize) -> Value {
        if let Some(example) = &field.example {
            return truncate(example.clone(), depth);
        }
        if let Some(first) = field.enum_values.first() {
            return Value::String(first.clone());
        }
        if let Some(default) = &field.default {
            return truncate(default.clone(), depth);
        }
        if field.all_of_member {
            return self.all_of_member(field, depth);
        }
        self.sample(&field.ty, Some(&field.name), depth)
    }

    /// The two keys openapi-sampler invents for free-form properties.
    fn extend_with_properties(
        &mut self,
        map: &mut Map<String, Value>,
        value: &TypeRef,
        depth: usize,
    ) {
        for key in ["property1", "property2"] {
            let sample = self.sample(value, None, depth + 1);
            map.insert(key.to_owned(), sample);
        }
    }

    /// What kind of JSON value a type samples to, following names (with a bound, since a
    /// broken document can make aliases refer to each other).
    fn nesting(&self, ty: &TypeRef) -> Nesting {
        let mut ty = ty;
        for _ in 0..=self.api.types.len() {
            match ty {
                TypeRef::Named(id) => match &self.api.ty(*id).kind {
                    TypeKind::Struct(_) => return Nesting::Object,
                    TypeKind::Enum(_) => return Nesting::Scalar,
                    TypeKind::Union(u) => match u.variants.first() {
                        Some(variant) => ty = &variant.ty,
                        None => return Nesting::Scalar,
                    },
                    TypeKind::Alias(target) => ty = target,
                },
                TypeRef::Nullable(inner) => ty = inner,
                TypeRef::Array(_) | TypeRef::Tuple(_) => return Nesting::Array,
                TypeRef::Map(_) | TypeRef::Object => return Nesting::Object,
                TypeRef::Scalar(_) | TypeRef::Any => return Nesting::Scalar,
            }
        }
        Nesting::Object
    }
}

/// Applies the depth limit to a literal example from the document.
fn truncate(value: Value, depth: usize) -> Value {
    match value {
        Value::Object(map) if depth >= MAX_DEPTH && !map.is_empty() => Value::Object(Map::new()),
        Value::Array(items) if depth >= MAX_DEPTH && !items.is_empty() => Value::Array(Vec::new()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, truncate(v, depth + 1)))
                .collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| truncate(v, depth + 1)).collect())
        }
        scalar => scalar,
    }
}

fn scalar_sample(kind: JsonType, format: Option<&str>, name: Option<&str>) -> Value {
    match kind {
        JsonType::String => Value::String(string_sample(format, name)),
        JsonType::Integer | JsonType::Number => Value::from(0),
        JsonType::Boolean => Value::Bool(true),
    }
}

fn string_sample(format: Option<&str>, name: Option<&str>) -> String {
    let fixed = match format {
        Some("uuid") => return uuid(name.unwrap_or("id")),
        Some("date-time") => "2019-08-24T14:15:22Z",
        Some("date") => "2019-08-24",
        Some("email") => "user@example.com",
        Some("password") => "pa$$word",
        Some("hostname") => "example.com",
        Some("ipv4") => "192.168.0.1",
        Some("ipv6") => "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        Some("uri") => "http://example.com",
        Some("uri-reference") => "../dictionary",
        Some("uri-template") => "http://example.com/{endpoint}",
        _ => "string",
    };
    fixed.to_owned()
}

/// A UUID that is random-looking but fixed per property name: a Java-style string hash seeds a
/// jsf32 generator, whose draws fill a version 4 pattern.
fn uuid(name: &str) -> String {
    let hash = name.encode_utf16().fold(0i32, |h, unit| {
        h.wrapping_shl(5)
            .wrapping_sub(h)
            .wrapping_add(i32::from(unit))
    });
    let mut random = Jsf32::new(hash as u32);
    "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
        .chars()
        .map(|c| match c {
            'x' => hex_digit(random.digit()),
            'y' => hex_digit((random.digit() & 0x3) | 0x8),
            other => other,
        })
        .collect()
}

fn hex_digit(value: u32) -> char {
    char::from_digit(value, 16).unwrap_or('0')
}

/// Bob Jenkins' small fast generator, 32-bit, seeded with one value in all four words and
/// without warm-up rounds (as openapi-sampler runs it).
struct Jsf32 {
    a: u32,
    b: u32,
    c: u32,
    d: u32,
}

impl Jsf32 {
    fn new(seed: u32) -> Self {
        Jsf32 {
            a: seed,
            b: seed,
            c: seed,
            d: seed,
        }
    }

    /// The next draw, in `[0, 1)`.
    fn next(&mut self) -> f64 {
        let t = self.a.wrapping_sub(self.b.rotate_left(27));
        self.a = self.b ^ self.c.rotate_left(17);
        self.b = self.c.wrapping_add(self.d);
        self.c = self.d.wrapping_add(t);
        self.d = self.a.wrapping_add(t);
        f64::from(self.d) / 4_294_967_296.0
    }

    /// A draw scaled to a hex digit.
    fn digit(&mut self) -> u32 {
        (self.next() * 16.0) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_DEPTH, example, uuid};
    use crate::model::{Api, TypeRef};
    use serde_json::{Value, json};

    #[test]
    fn uuids_match_the_published_docs() {
        let known = [
            ("id", "497f6eca-6276-4993-bfeb-53cbbbba6f08"),
            ("template_id", "c6d67e98-83ea-49f0-8812-e4abae2b68bc"),
            (
                "copy_from_parameter",
                "000e07d6-021d-446c-be14-48a9c20bca0b",
            ),
            ("initiator_id", "06588898-9a84-4b35-ba8f-f9cbd64946f3"),
            ("file_id", "8a0cfb4f-ddc9-436d-91bb-75133c583767"),
            ("worker_id", "ae5fa6f7-c55b-40c1-b40a-b36ac467652b"),
            ("resource_id", "4d5215ed-38bb-48ed-879a-fdb9ca58522f"),
            ("job_id", "453bd7d7-5355-4d6d-a38e-d9e7eb218c3f"),
            (
                "template_version_id",
                "0ba39c92-1f1b-4c32-aa3e-9925d7713eb1",
            ),
            ("workspace_id", "0967198e-ec7b-4c6b-b4d3-f71244cadbe9"),
            ("workspace_owner_id", "e7078695-5279-4c86-8774-3ac2367a2fc7"),
            ("organization_id", "7c60d51f-b44e-4682-87d6-449835ea4de6"),
            ("owner_id", "8826ee2e-7933-4665-aef2-2393f84a0d05"),
        ];
        for (name, expected) in known {
            assert_eq!(uuid(name), expected, "uuid of {name}");
        }
    }

    fn api(schemas: &str) -> Api {
        let doc = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
        );
        crate::model_of(&doc).unwrap_or_else(|e| panic!("{e}"))
    }

    fn sample_of(api: &Api, schema: &str) -> Value {
        let def = api
            .types
            .iter()
            .find(|t| t.schema_name.as_deref() == Some(schema))
            .expect("schema exists");
        example(api, &TypeRef::Named(def.id))
    }

    #[test]
    fn containers_ten_keys_deep_are_empty() {
        // Node.next.next... : the tenth `next` is an object ten keys deep.
        let mut schemas = String::new();
        for i in 0..12 {
            schemas.push_str(&format!(
                "    N{i}: {{type: object, properties: {{n: {{type: integer}}, next: {{$ref: '#/components/schemas/N{}'}}, list: {{type: array, items: {{type: string}}}}}}}}\n",
                i + 1
            ));
        }
        schemas.push_str("    N12: {type: object, properties: {n: {type: integer}}}\n");
        let value = sample_of(&api(&schemas), "N0");
        let mut node = &value;
        for _ in 1..MAX_DEPTH {
            assert_eq!(node["n"], json!(0));
            assert_eq!(node["list"], json!(["string"]));
            node = &node["next"];
        }
        // Nine levels down: scalars at depth ten survive, containers do not.
        assert_eq!(node["n"], json!(0));
        assert_eq!(node["list"], json!([]));
        assert_eq!(node["next"], json!({}));
    }

    #[test]
    fn a_type_inside_itself_is_an_empty_object() {
        let api = api(
            "    Tree: {type: object, properties: {name: {type: string}, children: {type: array, items: {$ref: '#/components/schemas/Tree'}}, parent: {$ref: '#/components/schemas/Tree'}}}\n",
        );
        assert_eq!(
            sample_of(&api, "Tree"),
            json!({"name": "string", "children": [{}], "parent": {}})
        );
    }

    #[test]
    fn maps_get_two_invented_keys() {
        let api = api(
            "    Labels: {type: object, properties: {tags: {type: object, additionalProperties: {type: string, format: uuid}}}, additionalProperties: {type: boolean}}\n",
        );
        let id = uuid("id");
        assert_eq!(
            sample_of(&api, "Labels"),
            json!({"tags": {"property1": id, "property2": id}, "property1": true, "property2": true})
        );
    }

    #[test]
    fn enums_examples_and_formats() {
        let api = api(concat!(
            "    Mood: {type: string, enum: [calm, grumpy]}\n",
            "    Pet:\n",
            "      type: object\n",
            "      properties:\n",
            "        mood: {$ref: '#/components/schemas/Mood'}\n",
            "        fixed: {allOf: [{$ref: '#/components/schemas/Mood'}], enum: [grumpy]}\n",
            "        name: {type: string, example: Rex}\n",
            "        lives: {type: integer, default: 9}\n",
            "        born: {type: string, format: date-time}\n",
            "        owner: {type: string, format: uuid}\n",
            "        anything: {}\n",
        ));
        let expected = json!({
            "mood": "calm",
            "fixed": "grumpy",
            "name": "Rex",
            "lives": 9,
            "born": "2019-08-24T14:15:22Z",
            "owner": uuid("owner"),
            "anything": null,
        });
        assert_eq!(sample_of(&api, "Pet"), expected);
    }
}
