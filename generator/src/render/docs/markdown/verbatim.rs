//! Inline constructs prettier prints as they are written (HTML, autolinks, bare URLs, wiki
//! links, math, liquid tags) or in one fixed form (code spans). Each takes the text and the
//! index where the construct would start, and returns the node and the index after it.

use super::node::{Node, RAW_NEWLINE, string};

/// `<scheme://...>` or `<name@host>`.
pub(super) fn autolink(s: &[char], i: usize, in_link: bool) -> Option<(Node, usize)> {
    if in_link {
        return None;
    }
    let mut j = i + 1;
    while j < s.len()
        && !s[j].is_whitespace()
        && s[j] != '>'
        && s[j] != '@'
        && !(s[j] == ':' && s.get(j + 1) == Some(&'/'))
    {
        j += 1;
    }
    if j == i + 1 || j >= s.len() {
        return None;
    }
    match s[j] {
        '@' => j += 1,
        ':' if s.get(j + 2) == Some(&'/') => j += 2,
        _ => return None,
    }
    let rest = j;
    while j < s.len() && !s[j].is_whitespace() && s[j] != '>' {
        j += 1;
    }
    (j > rest && s.get(j) == Some(&'>')).then(|| (Node::Verbatim(string(&s[i..=j])), j + 1))
}

/// An HTML tag or comment, as remark's `tag` pattern matches it.
pub(super) fn html(s: &[char], i: usize) -> Option<(Node, usize)> {
    let second = *s.get(i + 1)?;
    if s.len() - i < 3 || !(second.is_ascii_alphabetic() || matches!(second, '/' | '!' | '?')) {
        return None;
    }
    let end = open_tag(s, i)
        .or_else(|| close_tag(s, i))
        .or_else(|| comment(s, i))?;
    Some((Node::Verbatim(string(&s[i..end])), end))
}

/// Whether `line` is one opening or closing HTML tag and nothing else, which makes an HTML
/// block of its own.
pub(super) fn is_lone_tag(line: &str) -> bool {
    let s: Vec<char> = line.trim_end().chars().collect();
    s.first() == Some(&'<') && open_tag(&s, 0).or_else(|| close_tag(&s, 0)) == Some(s.len())
}

fn tag_name(s: &[char], mut j: usize) -> Option<usize> {
    if !s.get(j)?.is_ascii_alphabetic() {
        return None;
    }
    while s
        .get(j)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '-')
    {
        j += 1;
    }
    Some(j)
}

pub(super) fn skip_space(s: &[char], mut j: usize) -> usize {
    while s.get(j).is_some_and(|c| c.is_whitespace()) {
        j += 1;
    }
    j
}

/// `<name attr="value" ...>` or `<name/>`; the end index.
fn open_tag(s: &[char], i: usize) -> Option<usize> {
    let mut j = tag_name(s, i + 1)?;
    loop {
        let after_space = skip_space(s, j);
        let name_start = |c: &char| c.is_ascii_alphabetic() || matches!(c, '_' | ':');
        let name_char = |c: &char| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '-');
        if after_space == j || !s.get(after_space).is_some_and(name_start) {
            break;
        }
        let mut k = after_space + 1;
        while s.get(k).is_some_and(name_char) {
            k += 1;
        }
        let eq = skip_space(s, k);
        if s.get(eq) == Some(&'=') {
            k = attribute_value(s, skip_space(s, eq + 1))?;
        }
        j = k;
    }
    j = skip_space(s, j);
    if s.get(j) == Some(&'/') {
        j += 1;
    }
    (s.get(j) == Some(&'>')).then_some(j + 1)
}

fn attribute_value(s: &[char], j: usize) -> Option<usize> {
    match *s.get(j)? {
        quote @ ('"' | '\'') => {
            let close = s[j + 1..].iter().position(|c| *c == quote)?;
            Some(j + close + 2)
        }
        _ => {
            let unquoted = |c: &char| !matches!(c, '"' | '\'' | '=' | '<' | '>' | '`') && *c > ' ';
            let len = s[j..].iter().take_while(|c| unquoted(c)).count();
            (len > 0).then_some(j + len)
        }
    }
}

fn close_tag(s: &[char], i: usize) -> Option<usize> {
    if s.get(i + 1) != Some(&'/') {
        return None;
    }
    let j = skip_space(s, tag_name(s, i + 2)?);
    (s.get(j) == Some(&'>')).then_some(j + 1)
}

fn comment(s: &[char], i: usize) -> Option<usize> {
    let rest = &s[i..];
    if !rest.starts_with(&['<', '!', '-', '-']) {
        return None;
    }
    let close = rest[4..].windows(3).position(|w| w == ['-', '-', '>'])?;
    Some(i + 4 + close + 3)
}

/// A bare `http://`, `https://` or `www.` URL (GFM), which prettier prints as written.
pub(super) fn bare_url(s: &[char], i: usize) -> Option<(Node, usize)> {
    let starts = |prefix: &str, ignore_case: bool| {
        s.len() - i >= prefix.len()
            && s[i..].iter().zip(prefix.chars()).all(|(a, b)| {
                if ignore_case {
                    a.eq_ignore_ascii_case(&b)
                } else {
                    *a == b
                }
            })
    };
    let domain_start = if starts("www.", false) {
        i + 4
    } else if starts("http://", true) {
        i + 7
    } else if starts("https://", true) {
        i + 8
    } else {
        return None;
    };
    // The domain: labels of letters, digits, `-` and `_`, at least one dot, no `_` in the
    // last two labels.
    let mut j = domain_start;
    let mut dots = Vec::new();
    let mut previous_dot = domain_start - 1;
    let mut last = None;
    while j < s.len() {
        let c = s[j];
        last = Some(c);
        if c == '.' {
            if previous_dot == j - 1 {
                break;
            }
            dots.push(j);
            previous_dot = j;
        } else if !(c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            break;
        }
        j += 1;
    }
    if last == Some('.') {
        dots.pop();
        j -= 1;
    }
    dots.first()?;
    let tail_start = match dots.len() {
        0 | 1 => domain_start,
        n => dots[n - 2] + 1,
    };
    if s[tail_start..j].contains(&'_') {
        return None;
    }
    // The path: up to whitespace or `<`, without trailing punctuation or unbalanced `)`.
    let path_start = j;
    let mut end = j;
    while j < s.len() && !s[j].is_whitespace() && s[j] != '<' {
        let c = s[j];
        j += 1;
        if !matches!(c, '!' | '*' | ',' | '.' | ':' | '?' | '_' | '~') {
            end = j;
        }
    }
    if end > path_start && s[end - 1] == ')' {
        let path = &s[path_start..end];
        let opening = path.iter().filter(|c| **c == '(').count();
        let mut closing = path.iter().filter(|c| **c == ')').count();
        while closing > opening {
            let close = s[path_start..end].iter().rposition(|c| *c == ')')?;
            end = path_start + close;
            closing -= 1;
        }
    }
    // A trailing `;` is dropped, with the entity it may end (`&amp;`).
    if s[end - 1] == ';' {
        end -= 1;
        if s[end - 1].is_ascii_alphabetic() {
            let mut k = end - 1;
            while k > path_start && s[k - 1].is_ascii_alphabetic() {
                k -= 1;
            }
            if k > 0 && s[k - 1] == '&' {
                end = k - 1;
            }
        }
    }
    Some((Node::Url(string(&s[i..end])), end))
}

/// `[[page]]`, which prettier's wiki-link extension prints with its text trimmed.
pub(super) fn wiki_link(s: &[char], i: usize) -> Option<(Node, usize)> {
    if s.get(i + 1) != Some(&'[') {
        return None;
    }
    let close = s[i + 2..].windows(2).position(|w| w == [']', ']'])?;
    if close == 0 {
        return None;
    }
    let contents = string(&s[i + 2..i + 2 + close]);
    let printed = format!("[[{}]]", contents.trim());
    Some((Node::Verbatim(printed), i + 2 + close + 2))
}

/// A code span, printed as prettier prints it: the content keeps its whitespace (one space
/// each side is dropped when both are there), and is fenced by the shortest backtick run
/// that it does not hold, padded with a space when it holds backticks.
pub(super) fn code(s: &[char], i: usize) -> Option<(Node, usize)> {
    let open = s[i..].iter().take_while(|c| **c == '`').count();
    let mut j = i + open;
    let close = loop {
        let start = j + s.get(j..)?.iter().position(|c| *c == '`')?;
        let run = s[start..].iter().take_while(|c| **c == '`').count();
        if run == open {
            break start;
        }
        j = start + run;
    };
    let mut value = &s[i + open..close];
    let blank = |c: &char| *c == ' ' || *c == '\n';
    if value.len() > 2
        && blank(&value[0])
        && blank(&value[value.len() - 1])
        && value.iter().any(|c| !blank(c))
    {
        value = &value[1..value.len() - 1];
    }
    let value = string(value);
    let count = shortest_absent_run(&value);
    let fence = "`".repeat(count.max(1));
    let gap = if count > 0 && !value.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let printed =
        format!("{fence}{gap}{value}{gap}{fence}").replace('\n', &RAW_NEWLINE.to_string());
    Some((Node::Verbatim(printed), close + open))
}

/// The shortest run of backticks `value` does not hold, 0 when it holds none.
fn shortest_absent_run(value: &str) -> usize {
    let mut present = Vec::new();
    let mut run = 0;
    for c in value.chars().chain(std::iter::once(' ')) {
        if c == '`' {
            run += 1;
        } else if run > 0 {
            present.push(run);
            run = 0;
        }
    }
    let Some(&max) = present.iter().max() else {
        return 0;
    };
    (1..max).find(|n| !present.contains(n)).unwrap_or(max + 1)
}

/// `$math$` (remark-math, which prettier loads): printed as written.
pub(super) fn math(s: &[char], i: usize) -> Option<(Node, usize)> {
    let mut j = i + 1;
    let double = s.get(j) == Some(&'$');
    if double {
        j += 1;
    }
    if s.get(j).is_none_or(|c| *c == ' ' || *c == '\t') {
        return None;
    }
    while j < s.len() {
        let c = s[j];
        if c == '$' {
            let before = s[j - 1];
            let after = s.get(j + 1).copied();
            if before != ' '
                && before != '\t'
                && after.is_none_or(|a| !a.is_ascii_digit())
                && (!double || after == Some('$'))
            {
                let end = j + if double { 2 } else { 1 };
                let printed = string(&s[i..end]).replace('\n', &RAW_NEWLINE.to_string());
                return Some((Node::Verbatim(printed), end));
            }
        } else if c == '\\' {
            j += 1;
        }
        j += 1;
    }
    None
}

/// `{% tag %}` or `{{ value }}` (prettier's liquid extension): printed as written.
pub(super) fn liquid(s: &[char], i: usize) -> Option<(Node, usize)> {
    let close = match s.get(i + 1)? {
        '%' => ['%', '}'],
        '{' => ['}', '}'],
        _ => return None,
    };
    let end = s[i + 2..].windows(2).position(|w| w == close)?;
    let end = i + 2 + end + 2;
    Some((Node::Verbatim(string(&s[i..end])), end))
}
