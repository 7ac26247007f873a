//! The checks a request's values must pass beyond their types: the constraints the API
//! description states (lengths, patterns, formats, bounds, counts) and the enum values it
//! lists, each failure recorded as one `Validation` at its field path. The same for every API.
#![allow(dead_code)]

use crate::Validation;

/// Records what is wrong at `at`: a field path, or the body itself where it is empty.
pub(crate) fn fail(problems: &mut Vec<Validation>, at: &str, detail: impl Into<String>) {
    let field = if at.is_empty() { "body" } else { at };
    problems.push(Validation::new(field, detail));
}

/// The path of a field below `at`, written as `a.b[0].c`.
pub(crate) fn field(at: &str, name: &str) -> String {
    if at.is_empty() {
        name.to_owned()
    } else {
        format!("{at}.{name}")
    }
}

/// Records a problem when a string is shorter than `min` or longer than `max` characters
/// (counted as JSON Schema counts them, not in bytes).
pub(crate) fn length(
    value: &str,
    limits: (Option<u64>, Option<u64>),
    at: &str,
    problems: &mut Vec<Validation>,
) {
    let detail = match outside(value.chars().count(), limits) {
        Some(Outside::Min(min)) => format!("must be at least {min} characters long"),
        Some(Outside::Max(max)) => format!("must be at most {max} characters long"),
        None => return,
    };
    fail(problems, at, detail);
}

/// The limit a count is outside of.
enum Outside {
    Min(u64),
    Max(u64),
}

/// Which of `min` and `max` a count of characters, items or properties falls outside of.
fn outside(count: usize, (min, max): (Option<u64>, Option<u64>)) -> Option<Outside> {
    let count = count as u64;
    match (min, max) {
        (Some(min), _) if count < min => Some(Outside::Min(min)),
        (_, Some(max)) if count > max => Some(Outside::Max(max)),
        _ => None,
    }
}

/// A bound of a number and whether it is excluded; `None` where there is none.
pub(crate) type Limit = Option<(f64, bool)>;

/// Records a problem when a string has no match of `source` (`matched` is whether it has one;
/// `None` when the regex did not compile, which generation rules out).
pub(crate) fn pattern(
    matched: Option<bool>,
    source: &str,
    at: &str,
    problems: &mut Vec<Validation>,
) {
    if matched == Some(false) {
        fail(problems, at, format!("must match the pattern `{source}`"));
    }
}

/// The formats of strings whose form is checked.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Format {
    Email,
    Uri,
    Hostname,
    Ipv4,
    Ipv6,
}

/// Records a problem when a string does not have the form of `format`.
pub(crate) fn format(value: &str, format: Format, at: &str, problems: &mut Vec<Validation>) {
    let (valid, what) = match format {
        Format::Email => (is_email(value), "an email address"),
        Format::Uri => (is_uri(value), "an absolute URI"),
        Format::Hostname => (is_hostname(value), "a host name"),
        Format::Ipv4 => (value.parse::<std::net::Ipv4Addr>().is_ok(), "an IPv4 address"),
        Format::Ipv6 => (value.parse::<std::net::Ipv6Addr>().is_ok(), "an IPv6 address"),
    };
    if !valid {
        fail(problems, at, format!("must be {what}"));
    }
}

/// A host name as RFC 1123 has it: dot-separated labels of 1 to 63 letters, digits and
/// hyphens, neither starting nor ending with a hyphen, 253 characters at most.
fn is_hostname(value: &str) -> bool {
    let value = value.strip_suffix('.').unwrap_or(value);
    let label = |label: &str| {
        (1..=63).contains(&label.len())
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    !value.is_empty() && value.len() <= 253 && value.split('.').all(label)
}

/// An email address as RFC 5321 has it, in its dot-atom form: a local part of atoms joined
/// by dots, `@`, and a host name or an address in brackets. (A quoted local part is not.)
fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let atom = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&b))
    };
    let address = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']'));
    let domain = match address {
        Some(address) => match address.strip_prefix("IPv6:") {
            Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
            None => address.parse::<std::net::Ipv4Addr>().is_ok(),
        },
        None => is_hostname(domain),
    };
    local.len() <= 64 && local.split('.').all(atom) && domain
}

/// An absolute URI as RFC 3986 has it: a scheme (a letter, then letters, digits, `+`, `-`,
/// `.`), `:`, and the rest without spaces or control characters.
fn is_uri(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    let first = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    first
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Records a problem when a number is below `min` or above `max`.
pub(crate) fn bounds(
    value: f64,
    (min, max): (Limit, Limit),
    at: &str,
    problems: &mut Vec<Validation>,
) {
    let detail = match (min, max) {
        (Some((min, true)), _) if value <= min => format!("must be greater than {min}"),
        (Some((min, false)), _) if value < min => format!("must be at least {min}"),
        (_, Some((max, true))) if value >= max => format!("must be less than {max}"),
        (_, Some((max, false))) if value > max => format!("must be at most {max}"),
        _ => return,
    };
    fail(problems, at, detail);
}

/// Records a problem when an array has fewer than `min` or more than `max` items.
pub(crate) fn count(
    items: usize,
    limits: (Option<u64>, Option<u64>),
    at: &str,
    problems: &mut Vec<Validation>,
) {
    let detail = match outside(items, limits) {
        Some(Outside::Min(min)) => format!("must have at least {min} items"),
        Some(Outside::Max(max)) => format!("must have at most {max} items"),
        None => return,
    };
    fail(problems, at, detail);
}

/// Records a problem when an integer is not a multiple of `divisor` (exactly: both are
/// integers).
pub(crate) fn multiple_of_integer(
    value: i128,
    divisor: i128,
    at: &str,
    problems: &mut Vec<Validation>,
) {
    if value % divisor != 0 {
        fail(problems, at, format!("must be a multiple of {divisor}"));
    }
}

/// Records a problem when `value / divisor` is not an integer, up to the rounding of
/// floating point (`0.3` is a multiple of `0.1`): the quotient may be off by a billionth of
/// itself, so a value far smaller than the divisor (`1e-42` of `0.01`) is no multiple.
pub(crate) fn multiple_of(value: f64, divisor: f64, at: &str, problems: &mut Vec<Validation>) {
    let quotient = value / divisor;
    let off = (quotient - quotient.round()).abs();
    if off > 1e-9 * quotient.abs() {
        fail(problems, at, format!("must be a multiple of {divisor}"));
    }
}

/// Records a problem for each item equal to an earlier one (as JSON values are equal).
pub(crate) fn unique<T: serde::Serialize>(
    items: &[T],
    at: &str,
    problems: &mut Vec<Validation>,
) {
    let mut seen = std::collections::HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Ok(text) = serde_json::to_string(item) else {
            continue;
        };
        if let Some(first) = seen.insert(text, i) {
            problems.push(Validation::new(
                format!("{at}[{i}]"),
                format!("must not repeat item {first}"),
            ));
        }
    }
}

/// Records a problem when a map has fewer than `min` or more than `max` entries.
pub(crate) fn properties(
    entries: usize,
    limits: (Option<u64>, Option<u64>),
    at: &str,
    problems: &mut Vec<Validation>,
) {
    let detail = match outside(entries, limits) {
        Some(Outside::Min(min)) => format!("must have at least {min} properties"),
        Some(Outside::Max(max)) => format!("must have at most {max} properties"),
        None => return,
    };
    fail(problems, at, detail);
}

/// The detail for a value an enum does not list.
pub(crate) fn unknown_value<'a>(value: &str, known: impl Iterator<Item = &'a str>) -> String {
    let known: Vec<String> = known.map(|value| format!("`{value}`")).collect();
    format!("unknown value `{value}`, expected one of {}", known.join(", "))
}

/// The checks serde cannot make while decoding a request body: the constraints the API
/// description states, the enum values it lists (the types keep unknown values, for forward
/// compatibility) and the properties a closed object does not allow (the types read past
/// them, for the same reason).
pub(crate) trait Validate {
    /// Whether a value may hold what only its JSON shows: a property an object closed to
    /// others does not allow (`additionalProperties: false`), or null for a property that may
    /// not be null (an `Option` reads it as absent). The JSON is then kept for
    /// [`Validate::check_json`].
    const READS_JSON: bool = false;

    /// Records a problem for each bad value at or below `at` (a field path, `""` at the top).
    fn validate(&self, at: &str, problems: &mut Vec<Validation>);

    /// Records a problem for each property of `json`, the JSON this value was read from, that
    /// an object at or below `at` does not allow, and each null it does not allow.
    fn check_json(&self, _json: &serde_json::Value, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl<T: Validate> Validate for Option<T> {
    const READS_JSON: bool = T::READS_JSON;

    fn validate(&self, at: &str, problems: &mut Vec<Validation>) {
        if let Some(value) = self {
            value.validate(at, problems);
        }
    }

    fn check_json(&self, json: &serde_json::Value, at: &str, problems: &mut Vec<Validation>) {
        if let Some(value) = self {
            value.check_json(json, at, problems);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    const READS_JSON: bool = T::READS_JSON;

    fn validate(&self, at: &str, problems: &mut Vec<Validation>) {
        (**self).validate(at, problems);
    }

    fn check_json(&self, json: &serde_json::Value, at: &str, problems: &mut Vec<Validation>) {
        (**self).check_json(json, at, problems);
    }
}

impl<T: Validate> Validate for Vec<T> {
    const READS_JSON: bool = T::READS_JSON;

    fn validate(&self, at: &str, problems: &mut Vec<Validation>) {
        for (i, item) in self.iter().enumerate() {
            item.validate(&format!("{at}[{i}]"), problems);
        }
    }

    fn check_json(&self, json: &serde_json::Value, at: &str, problems: &mut Vec<Validation>) {
        let Some(items) = json.as_array() else {
            return;
        };
        for (i, (item, json)) in self.iter().zip(items).enumerate() {
            item.check_json(json, &format!("{at}[{i}]"), problems);
        }
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    const READS_JSON: bool = T::READS_JSON;

    fn validate(&self, at: &str, problems: &mut Vec<Validation>) {
        for (key, value) in self {
            value.validate(&field(at, key), problems);
        }
    }

    fn check_json(&self, json: &serde_json::Value, at: &str, problems: &mut Vec<Validation>) {
        for (key, value) in self {
            if let Some(json) = json.get(key) {
                value.check_json(json, &field(at, key), problems);
            }
        }
    }
}

/// Records a problem for each property of `object` not among `known`, the properties of a
/// closed object.
pub(crate) fn unknown_fields(
    object: &serde_json::Map<String, serde_json::Value>,
    known: &[&str],
    at: &str,
    problems: &mut Vec<Validation>,
) {
    for key in object.keys().filter(|key| !known.contains(&key.as_str())) {
        problems.push(Validation::new(field(at, key), "is not a property the schema allows"));
    }
}

/// Records a problem for each of `names`, properties that may not be null, that `object` has
/// as null.
pub(crate) fn not_null(
    object: &serde_json::Map<String, serde_json::Value>,
    names: &[&str],
    at: &str,
    problems: &mut Vec<Validation>,
) {
    for name in names.iter().filter(|name| object.get(**name).is_some_and(|v| v.is_null())) {
        problems.push(Validation::new(field(at, name), "must not be null"));
    }
}

// Scalars and free-form JSON hold no enum values.

impl Validate for String {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl Validate for bool {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl Validate for i32 {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl Validate for i64 {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl Validate for u32 {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl Validate for u64 {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl Validate for f32 {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl Validate for f64 {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl Validate for uuid::Uuid {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl Validate for chrono::NaiveDate {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl Validate for chrono::DateTime<chrono::Utc> {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl Validate for serde_json::Value {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}

impl Validate for serde_json::Map<String, serde_json::Value> {
    fn validate(&self, _at: &str, _problems: &mut Vec<Validation>) {}
}
