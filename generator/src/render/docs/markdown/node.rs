//! What remark makes of inline text: the nodes the inline parser reads and prints, which the
//! scanners of `verbatim` also produce. They live apart from both so that the scanners need
//! nothing from the parser that calls them.

/// A line break prettier prints as written, without the indentation of an enclosing list item:
/// one inside a code span or math. The block printer turns it into `\n` last.
pub(super) const RAW_NEWLINE: char = '\u{1}';

/// What remark makes of a stretch of inline text.
#[derive(Debug)]
pub(super) enum Node {
    /// Plain text, escapes of `*` and `_` resolved (prettier re-escapes them by its own rule)
    /// and other escapes kept as written (prettier restores them).
    Text(String),
    Emphasis(Vec<Node>),
    Strong(Vec<Node>),
    Delete(Vec<Node>),
    Link {
        children: Vec<Node>,
        url: String,
        title: Option<String>,
    },
    Image {
        alt: String,
        url: String,
        title: Option<String>,
    },
    /// Printed as written: HTML, autolinks, references, math, code spans (already in prettier's
    /// form), hard breaks.
    Verbatim(String),
    /// A bare URL, printed as written; prettier does not escape a `*` or `_` that starts the
    /// text right after it.
    Url(String),
}

/// Characters as the parser and the scanners index them, back to text.
pub(super) fn string(s: &[char]) -> String {
    s.iter().collect()
}
