//! What a value must meet beyond its type, as the document states it (`minLength`,
//! `maximum`, `maxItems`, ...): decided once in normalization, where a constraint that cannot
//! hold is reported and left out, and checked by the server before a handler runs.

/// The constraints on one value, and on the items it holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checks {
    /// `minLength`: characters, as JSON Schema counts them (not bytes).
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `pattern`: a regular expression the string has a match of.
    pub pattern: Option<Pattern>,
    /// A `format` of a string that stays text in Rust and whose form the server checks.
    pub format: Option<TextFormat>,
    /// `minimum`, or `exclusiveMinimum`.
    pub minimum: Option<Bound>,
    /// `maximum`, or `exclusiveMaximum`.
    pub maximum: Option<Bound>,
    /// `multipleOf`: a positive number the value divided by is an integer (exactly, for an
    /// integer value and divisor).
    pub multiple_of: Option<f64>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems: true`.
    pub unique_items: bool,
    /// What each item of an array must meet.
    pub items: Option<Box<Checks>>,
    /// `minProperties`, of a map.
    pub min_properties: Option<u64>,
    /// `maxProperties`, of a map.
    pub max_properties: Option<u64>,
    /// What each value of a map must meet.
    pub values: Option<Box<Checks>>,
}

impl Checks {
    /// Whether there is nothing to check.
    pub fn is_empty(&self) -> bool {
        *self == Checks::default()
    }
}

/// The formats of strings the server checks the form of (the ones that stay a `String`:
/// `uuid`, `date` and `date-time` are parsed into their own types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    Email,
    Uri,
    Hostname,
    Ipv4,
    Ipv6,
}

impl TextFormat {
    /// The format a `format` name states, if it is one checked.
    pub fn of(name: &str) -> Option<Self> {
        Some(match name {
            "email" => TextFormat::Email,
            "uri" => TextFormat::Uri,
            "hostname" => TextFormat::Hostname,
            "ipv4" => TextFormat::Ipv4,
            "ipv6" => TextFormat::Ipv6,
            _ => return None,
        })
    }

    /// The name as the document writes it.
    pub fn name(self) -> &'static str {
        match self {
            TextFormat::Email => "email",
            TextFormat::Uri => "uri",
            TextFormat::Hostname => "hostname",
            TextFormat::Ipv4 => "ipv4",
            TextFormat::Ipv6 => "ipv6",
        }
    }
}

/// A `pattern` as Rust's regex crate checks it. A match anywhere passes (JSON Schema's
/// patterns are not anchored); the one look-around documents use, a leading `^(?!A)B`
/// (dropshot's names that are not UUIDs), which the regex crate lacks, is checked exactly as
/// two regexes: `^(?:B)` must match and `^(?:A)` must not.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The pattern as the document writes it, for messages.
    pub source: String,
    /// A regex the string must have a match of.
    pub matches: String,
    /// A regex the string must not have a match of.
    pub excludes: Option<String>,
}

/// A bound of a number: the value, and whether it is excluded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub value: f64,
    pub exclusive: bool,
}

/// The sorted text form: `length 2..20, >= 0, < 1, items 1..3, each (length ..5)`.
impl std::fmt::Display for Checks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let range = |min: Option<u64>, max: Option<u64>| {
            let shown = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
            format!("{}..{}", shown(min), shown(max))
        };
        let mut parts = Vec::new();
        if self.min_length.is_some() || self.max_length.is_some() {
            parts.push(format!(
                "length {}",
                range(self.min_length, self.max_length)
            ));
        }
        if let Some(pattern) = &self.pattern {
            parts.push(format!("pattern {}", pattern.source));
        }
        if let Some(format) = self.format {
            parts.push(format!("format {}", format.name()));
        }
        if let Some(b) = self.minimum {
            parts.push(format!(
                "{} {}",
                if b.exclusive { ">" } else { ">=" },
                b.value
            ));
        }
        if let Some(b) = self.maximum {
            parts.push(format!(
                "{} {}",
                if b.exclusive { "<" } else { "<=" },
                b.value
            ));
        }
        if let Some(m) = self.multiple_of {
            parts.push(format!("multiple of {m}"));
        }
        if self.min_items.is_some() || self.max_items.is_some() {
            parts.push(format!("items {}", range(self.min_items, self.max_items)));
        }
        if self.unique_items {
            parts.push("unique".to_owned());
        }
        if let Some(items) = &self.items {
            parts.push(format!("each ({items})"));
        }
        if self.min_properties.is_some() || self.max_properties.is_some() {
            let range = range(self.min_properties, self.max_properties);
            parts.push(format!("properties {range}"));
        }
        if let Some(values) = &self.values {
            parts.push(format!("values ({values})"));
        }
        f.write_str(&parts.join(", "))
    }
}
