//! Description text as prettier 2.8.8 leaves it. Descriptions are CommonMark written by
//! people; prettier rewrites some of it (`*emphasis*` becomes `_emphasis_`, runs of spaces
//! become one, runs of blank lines become one), so the pages do the same up front. Code spans
//! and fenced blocks are left alone. Lists and nested markup are not normalized yet.

/// The description with prettier's inline rewrites applied.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_fence = false;
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if in_fence || line.trim_start().starts_with("```") {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        blank_run = if line.is_empty() { blank_run + 1 } else { 0 };
        if blank_run > 1 {
            continue;
        }
        out.push_str(&tidy_line(line));
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

/// One line outside code fences: spaces collapsed and `*emphasis*` as `_emphasis_`, both
/// outside code spans; leading indentation is kept.
fn tidy_line(line: &str) -> String {
    let indent = line.len() - line.trim_start().len();
    let chars: Vec<char> = line[indent..].chars().collect();
    let mut out: Vec<char> = line[..indent].chars().collect();
    let mut in_code = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
        }
        if !in_code && c == ' ' && out.last() == Some(&' ') {
            i += 1;
            continue;
        }
        if !in_code
            && c == '*'
            && let Some(close) = emphasis_end(&chars, i)
        {
            out.push('_');
            out.extend(&chars[i + 1..close]);
            out.push('_');
            i = close + 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out.into_iter().collect()
}

/// Where the single `*` that opens emphasis at `open` closes, when prettier would rewrite the
/// pair as `_`: neither is part of `**`, the text inside neither starts nor ends with a space
/// and has no `_`, `*` or backtick, and both ends stand at word boundaries.
fn emphasis_end(chars: &[char], open: usize) -> Option<usize> {
    let boundary =
        |c: Option<&char>| c.is_none_or(|c| !c.is_alphanumeric() && *c != '*' && *c != '_');
    if !boundary(open.checked_sub(1).and_then(|i| chars.get(i))) {
        return None;
    }
    let first = chars.get(open + 1)?;
    if first.is_whitespace() || *first == '*' {
        return None;
    }
    let close = open
        + 1
        + chars[open + 1..]
            .iter()
            .position(|c| matches!(c, '*' | '_' | '`'))?;
    let ok =
        chars[close] == '*' && !chars[close - 1].is_whitespace() && boundary(chars.get(close + 1));
    ok.then_some(close)
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn rewrites_what_prettier_rewrites() {
        assert_eq!(
            tidy("an *unauthenticated* client"),
            "an _unauthenticated_ client"
        );
        assert_eq!(tidy("one.  Two   three"), "one. Two three");
        assert_eq!(tidy("a\n\n\n\nb  "), "a\n\nb");
    }

    #[test]
    fn leaves_code_bold_and_arithmetic_alone() {
        assert_eq!(tidy("`a  *b*` and **bold**"), "`a  *b*` and **bold**");
        assert_eq!(tidy("2 * 3 * 4"), "2 * 3 * 4");
        assert_eq!(tidy("foo*bar*baz"), "foo*bar*baz");
        assert_eq!(tidy("```\nx  *y*\n```"), "```\nx  *y*\n```");
        assert_eq!(tidy("  indented  line"), "  indented line");
    }
}
