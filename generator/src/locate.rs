//! Where a JSON pointer's node is written in a YAML or JSON text, for diagnostics that editors
//! and CI annotations place by line and column. Diagnostics name their place with a pointer
//! (`#/paths/~1workspaces/get`); `serde_yaml` keeps no positions, so the text is read again with
//! yaml-rust2's event parser (JSON being YAML 1.2 flow style), only when positions are asked for.

use yaml_rust2::parser::{Event, Parser};

/// A place in a text: 1-based line and column (column counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where the node at `pointer` (`#/a/b`, or `#`) is written in `text`: for a mapping entry, the
/// position of its KEY (what a user looks for: `get:` under `/workspaces:`; in JSON the key's
/// opening quote); for a sequence item, the item's node; for `#`, the first node of the text.
///
/// When the pointer goes deeper than the text (into a node that does not exist), this is the
/// position of the deepest node that does exist on the way, so that a diagnostic still lands
/// near its place. `None` when the text does not parse (anywhere, even after the node: places in
/// a broken text are not to be trusted), when `pointer` is not a pointer, or when there is no node.
pub fn position(text: &str, pointer: &str) -> Option<Position> {
    let rest = pointer.strip_prefix('#').unwrap_or(pointer);
    let unescape = |token: &str| token.replace("~1", "/").replace("~0", "~");
    let tokens: Vec<String> = match rest {
        "" => Vec::new(),
        _ => rest.strip_prefix('/')?.split('/').map(unescape).collect(),
    };
    let mut parser = Parser::new_from_str(text);
    let found = walk(&mut parser, &tokens)?;
    // The walk stops once the answer is known; the rest is read only to check that it parses
    // (after `StreamEnd` the parser keeps answering `StreamEnd`).
    while parser.next_token().ok()?.0 != Event::StreamEnd {}
    found
}

/// Walks the events of the first node, keeping for each open container whether it is a
/// mapping, how many nodes were seen inside (in a mapping, odd just after a key) and whether its
/// path is a prefix of the pointer's. `None` on a parse error; `Some(None)` when there is no
/// node; else the place of the node, or of the deepest one on its way.
fn walk(parser: &mut Parser<std::str::Chars<'_>>, tokens: &[String]) -> Option<Option<Position>> {
    let mut stack: Vec<(bool, usize, bool)> = Vec::new();
    // Where the last key was written, from that key to its value, when it is the next token.
    let mut key = None;
    let mut best = None;
    loop {
        let (event, mut mark) = parser.next_token().ok()?;
        let map = matches!(event, Event::MappingStart(..));
        let opens = map || matches!(event, Event::SequenceStart(..));
        match event {
            // Once a container on the pointer's path closes, nothing deeper can match.
            Event::MappingEnd | Event::SequenceEnd | Event::StreamEnd => match stack.pop() {
                Some((_, _, false)) => continue,
                _ => return Some(best),
            },
            Event::Scalar(..) | Event::Alias(_) => {}
            _ if opens => {}
            _ => continue,
        }
        // A block mapping's start is marked at its first `:`, after the first key; a flow
        // mapping's at its `{`, before it. The earlier of the two is where the mapping begins.
        if map {
            let next = parser.peek().ok()?.1;
            if (next.line(), next.col()) < (mark.line(), mark.col()) {
                mark = next;
            }
        }
        // yaml-rust2 counts lines from 1 and columns (in characters) from 0.
        let (line, column) = (mark.line(), mark.col() + 1);
        let at = Position { line, column };
        let depth = stack.len();
        let token = depth.checked_sub(1).and_then(|i| tokens.get(i));
        let (matched, place) = match stack.last_mut() {
            None => (true, at),
            Some((in_map, count, parent)) => {
                *count += 1;
                if !*in_map {
                    (*parent && token == Some(&(*count - 1).to_string()), at)
                } else if *count % 2 == 1 {
                    // A key: only a scalar one can name an entry, and it is never the target.
                    let named = matches!(&event, Event::Scalar(k, ..) if token == Some(k));
                    key = (*parent && named).then_some(at);
                    (false, at)
                } else {
                    key.take().map_or((false, at), |key| (true, key))
                }
            }
        };
        if matched {
            // The node itself, or a leaf that the pointer goes deeper than.
            if depth == tokens.len() || !opens {
                return Some(Some(place));
            }
            best = Some(place);
        }
        if opens {
            stack.push((map, 0, matched));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "\
paths:
  /workspaces:
    get:
      parameters:
        - name: limit
          schema:
            type: integer
  /workspaces/{id}: {}
";

    const JSON: &str = r#"{
  "paths": {
    "/workspaces": {
      "get": {
        "parameters": [{ "name": "limit", "schema": { "type": "integer" } }]
      }
    },
    "/workspaces/{id}": {}
  }
}"#;

    const ITEM: &str = "#/paths/~1workspaces/get/parameters/0";

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    #[test]
    fn mapping_key_nested_three_deep() {
        assert_eq!(position(YAML, "#/paths/~1workspaces/get"), at(3, 5));
        assert_eq!(position(YAML, &format!("{ITEM}/schema")), at(6, 11));
    }

    #[test]
    fn key_with_slash_is_escaped() {
        assert_eq!(position(YAML, "#/paths/~1workspaces~1{id}"), at(8, 3));
        assert_eq!(position("a~b: 1\n", "#/a~0b"), at(1, 1));
    }

    #[test]
    fn sequence_index_is_the_item_node() {
        assert_eq!(position(YAML, ITEM), at(5, 11));
        assert_eq!(position("- a\n- [b, c]\n", "#/1/1"), at(2, 7));
    }

    #[test]
    fn missing_node_gives_deepest_existing_one() {
        assert_eq!(position(YAML, &format!("{ITEM}/schema/type/x")), at(7, 13));
        let past_end = "#/paths/~1workspaces/get/parameters/5";
        assert_eq!(position(YAML, past_end), at(4, 7));
        assert_eq!(position(YAML, "#/paths/~1nope/get"), at(1, 1));
    }

    #[test]
    fn root_is_first_node() {
        assert_eq!(position(YAML, "#"), at(1, 1));
        assert_eq!(position("\n\n  - x\n", "#"), at(3, 3));
        assert_eq!(position("", "#"), None);
    }

    #[test]
    fn pretty_json_key_at_opening_quote() {
        assert_eq!(position(JSON, "#"), at(1, 1));
        assert_eq!(position(JSON, "#/paths/~1workspaces/get"), at(4, 7));
        assert_eq!(position(JSON, ITEM), at(5, 24));
        assert_eq!(position(JSON, "#/paths/~1workspaces~1{id}"), at(8, 5));
    }

    #[test]
    fn unparsable_text_is_none() {
        assert_eq!(position("a: [1, 2\nb: c\n", "#"), None);
        assert_eq!(position("a: 1\nb: [\n", "#/a"), None);
        assert_eq!(position(&"[".repeat(100_000), "#/0"), None);
        assert_eq!(position("a: 1\n", "a"), None);
    }

    #[test]
    fn flow_mapping_on_one_line() {
        let flow = "{a: 1, b: {c: [2, 3]}}";
        assert_eq!(position(flow, "#/b/c"), at(1, 12));
        assert_eq!(position(flow, "#/b/c/1"), at(1, 19));
    }
}
