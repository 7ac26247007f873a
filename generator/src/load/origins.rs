//! Where each part of a converted document came from in the document the user wrote.
//!
//! A Swagger 2.0 or OpenAPI 3.1 document is rewritten into the OpenAPI 3.0 shape before it is
//! read, and some parts move on the way (`#/definitions/X` becomes `#/components/schemas/X`, a
//! body parameter becomes a request body). The converter records every move here, so that a
//! diagnostic found in the converted document still points into the original one.

use crate::diag::{Diagnostic, Pointer};
use std::collections::HashMap;

/// Converted location -> original location, for every subtree that moved. A location inside a
/// moved subtree moves with it: the longest recorded prefix decides. One layer per rewrite
/// (files bundled, then the version converted), undone last first.
#[derive(Debug, Clone, Default)]
pub struct Origins(Vec<HashMap<String, Pointer>>);

impl Origins {
    /// Records that the subtree now at `converted` was written at `original`.
    pub fn record(&mut self, converted: &Pointer, original: &Pointer) {
        if converted != original {
            if self.0.is_empty() {
                self.0.push(HashMap::new());
            }
            let layer = self.0.last_mut().expect("a layer was just added");
            layer.insert(converted.as_str().to_owned(), original.clone());
        }
    }

    /// The moves of a rewrite made after the one `earlier` recorded.
    pub(super) fn after(mut self, earlier: Origins) -> Origins {
        let mut layers = earlier.0;
        layers.append(&mut self.0);
        Origins(layers)
    }

    /// Whether nothing moved: the document was read as written.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Where the part at `pointer` in the converted document was written.
    pub fn original(&self, pointer: &Pointer) -> Pointer {
        self.0
            .iter()
            .rev()
            .fold(pointer.clone(), |p, layer| moved_back(layer, &p))
    }

    /// The diagnostic with its pointer, and every pointer its message names, moved back.
    pub fn restore(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if self.0.is_empty() {
            return diagnostic;
        }
        diagnostic.pointer = self.original(&diagnostic.pointer);
        diagnostic.message = self.restore_text(&diagnostic.message);
        diagnostic
    }

    /// A text with each pointer it quotes (`#/...` up to a space, backtick or parenthesis)
    /// moved back.
    fn restore_text(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("#/") {
            out.push_str(&rest[..start]);
            let tail = &rest[start..];
            let end = tail
                .find(|c: char| c.is_whitespace() || matches!(c, '`' | ')' | '(' | ',' | ';'))
                .unwrap_or(tail.len());
            let quoted = &tail[..end];
            match Pointer::from_ref(quoted) {
                Some(pointer) => out.push_str(self.original(&pointer).as_str()),
                None => out.push_str(quoted),
            }
            rest = &tail[end..];
        }
        out.push_str(rest);
        out
    }
}

/// Where one layer of moves says the part at `pointer` was.
fn moved_back(layer: &HashMap<String, Pointer>, pointer: &Pointer) -> Pointer {
    let text = pointer.as_str();
    let mut end = text.len();
    loop {
        if let Some(original) = layer.get(&text[..end]) {
            return original.extended(&text[end..]);
        }
        match text[..end].rfind('/') {
            Some(slash) => end = slash,
            None => return pointer.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Pointer {
        Pointer::from_ref(text).unwrap()
    }

    #[test]
    fn longest_recorded_prefix_moves_the_rest_along() {
        let mut origins = Origins::default();
        origins.record(&at("#/components/schemas"), &at("#/definitions"));
        origins.record(
            &at("#/paths/~1a/get/requestBody/content/application~1json/schema"),
            &at("#/paths/~1a/get/parameters/1/schema"),
        );
        origins.record(
            &at("#/paths/~1a/get/requestBody"),
            &at("#/paths/~1a/get/parameters/1"),
        );
        let moved = |p| origins.original(&at(p)).as_str().to_owned();
        assert_eq!(
            moved("#/components/schemas/X/properties/id"),
            "#/definitions/X/properties/id"
        );
        assert_eq!(
            moved("#/paths/~1a/get/requestBody/content/application~1json/schema/items"),
            "#/paths/~1a/get/parameters/1/schema/items"
        );
        assert_eq!(
            moved("#/paths/~1a/get/requestBody/required"),
            "#/paths/~1a/get/parameters/1/required"
        );
        assert_eq!(
            moved("#/paths/~1a/get/responses"),
            "#/paths/~1a/get/responses"
        );
        assert_eq!(moved("#/components/schemasX"), "#/components/schemasX");
    }

    #[test]
    fn pointers_quoted_in_a_message_move_too() {
        let mut origins = Origins::default();
        origins.record(&at("#/components/schemas"), &at("#/definitions"));
        let diagnostic = Diagnostic::new(
            &at("#/components/schemas/A"),
            "`A` collides with `#/components/schemas/B` (see #/components/schemas/C)",
            "",
        );
        let restored = origins.restore(diagnostic);
        assert_eq!(restored.pointer.as_str(), "#/definitions/A");
        assert_eq!(
            restored.message,
            "`A` collides with `#/definitions/B` (see #/definitions/C)"
        );
    }
}
