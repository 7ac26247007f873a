//! Diagnostics: every problem found in a document, keyed by a JSON pointer into it.
//!
//! Normalization collects problems instead of stopping at the first one, so a user fixes
//! them all in one round trip.

use std::fmt;

/// A JSON pointer into the document, written as a URI fragment (`#/paths/~1workspaces/get`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer(String);

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Pointer("#".to_owned())
    }

    /// Parses a `$ref` target of the form `#/a/b` back into a pointer.
    pub fn from_ref(reference: &str) -> Option<Self> {
        (reference == "#" || reference.starts_with("#/")).then(|| Pointer(reference.to_owned()))
    }

    /// A pointer into another file of a document written in several files:
    /// `schemas.yaml#/Pet`.
    pub fn in_file(file: &str, pointer: &Pointer) -> Self {
        Pointer(format!("{file}{}", pointer.0))
    }

    /// This pointer extended by reference tokens already escaped and joined (`/a/b`), as
    /// they are in the text of another pointer.
    pub fn extended(&self, escaped: &str) -> Self {
        Pointer(format!("{}{escaped}", self.0))
    }

    /// This pointer extended by one reference token, escaped per RFC 6901.
    pub fn push(&self, token: impl AsRef<str>) -> Self {
        let token = token.as_ref().replace('~', "~0").replace('/', "~1");
        Pointer(format!("{}/{token}", self.0))
    }

    /// The pointer as written in a diagnostic.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Undoes RFC 6901 escaping in one reference token.
pub fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// One problem in the document: where it is, what is wrong, what the generator did instead
/// (if it could go on), and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub pointer: Pointer,
    pub message: String,
    pub help: String,
    /// What generation did in place of the refused part; `None` when it could not go on.
    pub instead: Option<String>,
}

impl Diagnostic {
    pub fn new(pointer: &Pointer, message: impl Into<String>, help: impl Into<String>) -> Self {
        Diagnostic {
            pointer: pointer.clone(),
            message: message.into(),
            help: help.into(),
            instead: None,
        }
    }

    /// Marks the problem as one generation worked around, saying how.
    pub fn instead(mut self, instead: impl Into<String>) -> Self {
        self.instead = Some(instead.into());
        self
    }
}

impl Diagnostic {
    /// `warning` when generation went on around the part (`instead`), else `error`.
    pub fn severity(&self) -> &'static str {
        match self.instead {
            Some(_) => "warning",
            None => "error",
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = self.severity();
        write!(f, "{severity} at {}: {}", self.pointer, self.message)?;
        if let Some(instead) = &self.instead {
            write!(f, "\n  instead: {instead}")?;
        }
        if !self.help.is_empty() {
            write!(f, "\n  help: {}", self.help)?;
        }
        Ok(())
    }
}

/// All problems found in one run, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(diagnostics);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_slash_and_tilde() {
        let p = Pointer::root().push("paths").push("/a/{b}").push("x~y");
        assert_eq!(p.as_str(), "#/paths/~1a~1{b}/x~0y");
    }
}
