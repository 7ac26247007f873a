//! Inline text (a paragraph, a heading, a table cell) as prettier 2.8.8 prints it.
//!
//! Prettier reads markdown with remark-parse 7, whose inline rules are not CommonMark's: any
//! `*` or `_` may open emphasis, which closes at the next lone marker (an `_` only before a
//! non-word character); code spans, links, HTML and bare URLs are taken wherever they start.
//! It then prints each node one way: emphasis as `_x_` (`*x*` next to a word or inside other
//! emphasis), strong as `**x**`, a link destination holding a space or `)` in `<...>`. This
//! module reads text by remark's rules and prints it by prettier's; plain text is printed by
//! [`text`], and what prettier prints as written (or in one fixed form, like code spans) is
//! read by [`verbatim`]. Not modelled: bare e-mail addresses, footnotes, entities in link
//! destinations.

use super::node::{Node, string};
use super::text::{self, LONE_STAR, LONE_UNDERSCORE, is_punctuation, is_space};
use super::verbatim::{self, skip_space};

/// `text` as prettier prints it; line breaks inside it (a paragraph's) are kept.
pub(super) fn inline(text: &str) -> String {
    let chars = text::mark_lone_markers(text);
    print(&parse(&chars, false), false)
        .replace(LONE_STAR, "*")
        .replace(LONE_UNDERSCORE, "_")
}

/// The nodes of `s`; inside a link's text no link, autolink or bare URL starts.
fn parse(s: &[char], in_link: bool) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut i = 0;
    while i < s.len() {
        match construct(s, i, in_link) {
            Some((node, next)) => {
                match node {
                    Node::Text(text) => push_text(&mut nodes, &text),
                    node => nodes.push(node),
                }
                i = next;
            }
            None => {
                match nodes.last_mut() {
                    Some(Node::Text(last)) => last.push(s[i]),
                    _ => nodes.push(Node::Text(s[i].to_string())),
                }
                i += 1;
            }
        }
    }
    nodes
}

/// Adjacent text merges into one node, as prettier merges it before printing.
fn push_text(nodes: &mut Vec<Node>, text: &str) {
    match nodes.last_mut() {
        Some(Node::Text(last)) => last.push_str(text),
        _ => nodes.push(Node::Text(text.to_owned())),
    }
}

/// The node starting at `i` and where it ends, trying remark's inline tokenizers in its order.
fn construct(s: &[char], i: usize, in_link: bool) -> Option<(Node, usize)> {
    match s[i] {
        '\\' => escape(s, i),
        '<' => verbatim::autolink(s, i, in_link).or_else(|| verbatim::html(s, i)),
        'h' | 'H' | 'w' if !in_link => verbatim::bare_url(s, i),
        '[' => verbatim::wiki_link(s, i)
            .or_else(|| link(s, i, in_link))
            .or_else(|| reference(s, i, in_link)),
        '!' => link(s, i, in_link).or_else(|| reference(s, i, in_link)),
        '*' | '_' => strong(s, i, in_link).or_else(|| emphasis(s, i, in_link)),
        '~' => delete(s, i, in_link),
        '`' => verbatim::code(s, i),
        '$' => verbatim::math(s, i),
        '{' => verbatim::liquid(s, i),
        _ => None,
    }
}

/// `\` before ASCII punctuation (or a line break, a hard break).
fn escape(s: &[char], i: usize) -> Option<(Node, usize)> {
    let next = *s.get(i + 1)?;
    let node = match next {
        '\n' => Node::Verbatim("\\\n".to_owned()),
        '*' | '_' => Node::Text(next.to_string()),
        c if c.is_ascii_punctuation() => Node::Text(format!("\\{c}")),
        _ => return None,
    };
    Some((node, i + 2))
}

/// `[text](url "title")` or `![alt](url)`, by remark's link tokenizer in CommonMark mode.
fn link(s: &[char], i: usize, in_link: bool) -> Option<(Node, usize)> {
    let image = s[i] == '!';
    let open = if image { i + 1 } else { i };
    if s.get(open) != Some(&'[') || (!image && in_link) {
        return None;
    }
    // The text, up to the `]` that balances the `[` (brackets count inside code too, as in
    // GFM), which must be followed by `(`.
    let mut j = open + 1;
    let mut depth = 0usize;
    let text_end = loop {
        match *s.get(j)? {
            '\\' => j += 1,
            '[' => depth += 1,
            ']' if depth > 0 => depth -= 1,
            ']' if s.get(j + 1) == Some(&'(') => break j,
            ']' => return None,
            _ => {}
        }
        j += 1;
    };
    let mut j = skip_space(s, text_end + 2);
    // The destination: `<...>` or a run without whitespace and with balanced parentheses.
    let url_raw: String;
    if s.get(j) == Some(&'<') {
        let close = s[j + 1..].iter().position(|c| *c == '>' || *c == '\n')?;
        if s[j + 1 + close] != '>' {
            return None;
        }
        url_raw = string(&s[j + 1..j + 1 + close]);
        j += close + 2;
    } else {
        let start = j;
        let mut depth = 0usize;
        while j < s.len() {
            let c = s[j];
            if c.is_whitespace() {
                break;
            }
            if c == '(' {
                depth += 1;
            } else if c == ')' {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            } else if c == '\\' {
                j += 1;
            }
            j += 1;
        }
        url_raw = string(&s[start..j.min(s.len())]);
    }
    // An optional title after whitespace, in `"`, `'` or `(`.
    let after_url = j;
    j = skip_space(s, j);
    let mut title = None;
    if j > after_url && matches!(s.get(j), Some('"' | '\'' | '(')) {
        let close_char = if s[j] == '(' { ')' } else { s[j] };
        let mut k = j + 1;
        let mut raw = String::new();
        while k < s.len() && s[k] != close_char {
            if s[k] == '\\' && k + 1 < s.len() {
                raw.push('\\');
                k += 1;
            }
            raw.push(s[k]);
            k += 1;
        }
        if s.get(k) != Some(&close_char) {
            return None;
        }
        title = Some(unescape(&raw));
        j = skip_space(s, k + 1);
    }
    if s.get(j) != Some(&')') {
        return None;
    }
    let url = unescape(&url_raw);
    let content = &s[open + 1..text_end];
    let node = if image {
        Node::Image {
            alt: unescape(&string(content)),
            url,
            title,
        }
    } else {
        Node::Link {
            children: parse(content, true),
            url,
            title,
        }
    };
    Some((node, j + 1))
}

/// Backslash escapes removed, as remark stores destinations, titles and image text.
pub(super) fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// `[text]`, `[text][]` or `[text][label]`. Prettier prints the text of the first two as
/// written (whitespace runs aside) and the text of the last as markdown.
fn reference(s: &[char], i: usize, in_link: bool) -> Option<(Node, usize)> {
    let image = s[i] == '!';
    let open = if image { i + 1 } else { i };
    if s.get(open) != Some(&'[') {
        return None;
    }
    let mut j = open + 1;
    let mut depth = 0usize;
    let mut bracketed = false;
    while j < s.len() {
        match s[j] {
            '[' => {
                bracketed = true;
                depth += 1;
            }
            ']' if depth == 0 => break,
            ']' => depth -= 1,
            '\\' => j += 1,
            _ => {}
        }
        j += 1;
    }
    if s.get(j) != Some(&']') {
        return None;
    }
    let content = &s[open + 1..j];
    j += 1;
    let mut label = None;
    if s.get(j) == Some(&'[') {
        let mut k = j + 1;
        while k < s.len() && s[k] != '[' && s[k] != ']' {
            if s[k] == '\\' {
                k += 1;
            }
            k += 1;
        }
        if s.get(k) == Some(&']') {
            label = Some(string(&s[j + 1..k]));
            j = k + 1;
        }
    } else if content.is_empty() {
        return None;
    }
    let full = label.as_deref().is_some_and(|l| !l.is_empty());
    if (!full && bracketed) || (!image && in_link) {
        return None;
    }
    if image {
        return Some((Node::Verbatim(string(&s[i..j])), j));
    }
    let printed = match &label {
        Some(label) if full => format!(
            "[{}][{}]",
            print(&parse(content, true), false),
            collapse_space(label).replace('\n', " ")
        ),
        Some(_) => format!("[{}][]", collapse_space(&string(content))),
        None => format!("[{}]", collapse_space(&string(content))),
    };
    Some((Node::Verbatim(printed), j))
}

/// Runs of spaces, tabs and line breaks as prettier prints them: one space, or one line break.
fn collapse_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run: Option<bool> = None;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n') {
            let newline = run.unwrap_or(false) || c == '\n';
            run = Some(newline);
            continue;
        }
        if let Some(newline) = run.take() {
            out.push(if newline { '\n' } else { ' ' });
        }
        out.push(c);
    }
    if let Some(newline) = run {
        out.push(if newline { '\n' } else { ' ' });
    }
    out
}

/// `**x**` or `__x__`: closes at the first doubled marker after some non-blank content.
fn strong(s: &[char], i: usize, in_link: bool) -> Option<(Node, usize)> {
    let marker = s[i];
    if s.get(i + 1) != Some(&marker) {
        return None;
    }
    let mut j = i + 2;
    while j < s.len() {
        if s[j] == marker && s.get(j + 1) == Some(&marker) && s.get(j + 2) != Some(&marker) {
            let content = &s[i + 2..j];
            if content.iter().all(|c| c.is_whitespace()) {
                return None;
            }
            return Some((Node::Strong(parse(content, in_link)), j + 2));
        }
        if s[j] == '\\' {
            j += 1;
        }
        j += 1;
    }
    None
}

/// `*x*` or `_x_` by remark's rule: any marker opens; the next lone marker closes unless the
/// content is blank or, for `_`, a word character follows it.
fn emphasis(s: &[char], i: usize, in_link: bool) -> Option<(Node, usize)> {
    let marker = s[i];
    let mut j = i + 1;
    let mut previous: Option<char>;
    let mut current: Option<char> = None;
    while j < s.len() {
        previous = current;
        current = Some(s[j]);
        if s[j] == marker {
            j += 1;
            let next = s.get(j).copied();
            if next != Some(marker) {
                let content = &s[i + 1..j - 1];
                if content.iter().all(|c| c.is_whitespace()) || previous == Some(marker) {
                    return None;
                }
                if marker == '_' && next.is_some_and(is_word_char) {
                    current = next;
                    continue;
                }
                return Some((Node::Emphasis(parse(content, in_link)), j));
            }
            current = next;
        }
        if s[j] == '\\' {
            j += 1;
            current = s.get(j).copied();
        }
        j += 1;
    }
    None
}

/// `\w` in JavaScript.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `~~x~~` (GFM): the content neither starts nor ends with whitespace.
fn delete(s: &[char], i: usize, in_link: bool) -> Option<(Node, usize)> {
    if s.get(i + 1) != Some(&'~') || s.get(i + 2).is_none_or(|c| c.is_whitespace()) {
        return None;
    }
    let mut j = i + 3;
    while j + 1 < s.len() {
        if s[j] == '~' && s[j + 1] == '~' && !s[j - 1].is_whitespace() {
            return Some((Node::Delete(parse(&s[i + 2..j], in_link)), j + 2));
        }
        j += 1;
    }
    None
}

/// The nodes as prettier prints them; emphasis inside emphasis takes `*`.
fn print(nodes: &[Node], in_emphasis: bool) -> String {
    let mut out = String::new();
    for (k, node) in nodes.iter().enumerate() {
        match node {
            Node::Text(text) => {
                let after_url = k > 0 && matches!(nodes[k - 1], Node::Url(_));
                text::print_text(text, after_url, &mut out);
            }
            Node::Emphasis(children) => {
                let before = k.checked_sub(1).map(|p| &nodes[p]);
                let beside_word = before.is_some_and(ends_with_word)
                    || nodes.get(k + 1).is_some_and(starts_with_word);
                let style = if in_emphasis || beside_word { '*' } else { '_' };
                out.push(style);
                out.push_str(&print(children, true));
                out.push(style);
            }
            Node::Strong(children) => {
                out.push_str("**");
                out.push_str(&print(children, in_emphasis));
                out.push_str("**");
            }
            Node::Delete(children) => {
                out.push_str("~~");
                out.push_str(&print(children, in_emphasis));
                out.push_str("~~");
            }
            Node::Link {
                children,
                url,
                title,
            } => {
                out.push('[');
                out.push_str(&print(children, in_emphasis));
                out.push_str(&format!("]({}{})", print_url(url), print_title(title)));
            }
            Node::Image { alt, url, title } => {
                out.push_str(&format!(
                    "![{alt}]({}{})",
                    print_url(url),
                    print_title(title)
                ));
            }
            Node::Verbatim(text) | Node::Url(text) => out.push_str(text),
        }
    }
    out
}

/// A destination holding a space or `)` goes in `<...>`.
fn print_url(url: &str) -> String {
    if url.contains([' ', ')']) {
        format!("<{url}>")
    } else {
        url.to_owned()
    }
}

/// ` "title"`, in the quotes that need the fewest escapes.
fn print_title(title: &Option<String>) -> String {
    let Some(title) = title.as_deref().filter(|t| !t.is_empty()) else {
        return String::new();
    };
    if title.contains('"') && title.contains('\'') && !title.contains(')') {
        return format!(" ({title})");
    }
    let singles = title.matches('\'').count();
    let doubles = title.matches('"').count();
    let quote = if singles > doubles {
        '"'
    } else if doubles > singles {
        '\''
    } else {
        '"'
    };
    let escaped = title
        .replacen('\\', "\\\\", 1)
        .replace(quote, &format!("\\{quote}"));
    format!(" {quote}{escaped}{quote}")
}

/// Whether text ends in a word prettier counts as touching what follows (no trailing space
/// or punctuation).
fn ends_with_word(node: &Node) -> bool {
    matches!(node, Node::Text(t) if t.chars().last().is_some_and(|c| !is_space(c) && !is_punctuation(c)))
}

fn starts_with_word(node: &Node) -> bool {
    matches!(node, Node::Text(t) if t.chars().next().is_some_and(|c| !is_space(c) && !is_punctuation(c)))
}

#[cfg(test)]
mod tests {
    //! Each expectation is what `prettier@2.8.8 --parser markdown` prints for the input, except
    //! where noted: there it is what prettier leaves as it is. The rules of `text` and `verbatim`
    //! are tested here, through the printer that calls them.

    use super::inline;

    #[test]
    fn emphasis_and_strong_take_prettiers_markers() {
        assert_eq!(
            inline("an *unauthenticated* client"),
            "an _unauthenticated_ client"
        );
        assert_eq!(
            inline("foo*bar*baz and __cents__"),
            "foo*bar*baz and **cents**"
        );
        // remark pairs any `_` with the next one before a non-word character.
        assert_eq!(inline("a_b and _x and x_"), "a*b and \\_x and x*");
    }

    #[test]
    fn destinations_with_parentheses_go_in_angle_brackets() {
        assert_eq!(
            inline("[Atom](http://en.wikipedia.org/wiki/Atom_(standard)) and [x](<a b>)"),
            "[Atom](<http://en.wikipedia.org/wiki/Atom_(standard)>) and [x](<a b>)"
        );
    }

    #[test]
    fn literal_markers_are_escaped() {
        assert_eq!(inline("collect::<Vec<_>>()"), "collect::<Vec<\\_>>()");
        assert_eq!(inline("with '_' separating"), "with '\\_' separating");
        assert_eq!(inline("e.g. ipi_... or foo*"), "e.g. ipi\\_... or foo\\*");
        assert_eq!(
            inline("short\\_description and min\\_\\*"),
            "short_description and min\\_\\*"
        );
        // prettier pairs these into emphasis first; escaped, they stay as they are.
        assert_eq!(inline("2 * 3 * 4 and a _ b"), "2 \\* 3 \\* 4 and a \\_ b");
    }

    #[test]
    fn whitespace_runs_collapse() {
        assert_eq!(inline("one.  Two   three"), "one. Two three");
    }

    #[test]
    fn a_line_starting_like_a_block_joins_the_line_before() {
        assert_eq!(inline("one\n2. two\nthree"), "one 2. two\nthree");
    }

    #[test]
    fn han_and_kana_are_set_apart_from_other_letters() {
        assert_eq!(
            inline("使用API接口，返回JSON。"),
            "使用 API 接口，返回 JSON。"
        );
        assert_eq!(inline("한국어English"), "한국어English");
    }

    #[test]
    fn code_spans_take_the_fewest_backticks() {
        assert_eq!(
            inline("``` [ 1 ] ``` and `` a`b `` and `a  b`"),
            "`[ 1 ]` and `` a`b `` and `a  b`"
        );
    }

    #[test]
    fn html_urls_math_and_references_stay_as_written() {
        assert_eq!(
            inline("<br/>*html* <quantity> and https://x.com/_a_ and $a_b$ and [a_b]"),
            "<br/>_html_ <quantity> and https://x.com/_a_ and $a_b$ and [a_b]"
        );
        assert_eq!(inline("<http://>"), "<http://>");
    }
}
