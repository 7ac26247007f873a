//! How remark-parse 7 (prettier's markdown parser, in CommonMark mode) splits a description into
//! blocks. Its rules differ from CommonMark's in places, and the printed page must agree with
//! it: a list item takes any following unindented line that starts no block; an item followed
//! by a blank line and another item is loose; a table cannot interrupt a paragraph; a fence or
//! heading may be indented any amount.

use super::table::Align;
use super::verbatim;

/// One block, as remark reads it.
#[derive(Debug)]
pub(super) enum Block {
    /// Lines, each trimmed.
    Paragraph(Vec<String>),
    Heading(usize, String),
    Rule,
    Fenced {
        info: String,
        lines: Vec<String>,
    },
    Indented(Vec<String>),
    Html(Vec<String>),
    Table {
        align: Vec<Align>,
        rows: Vec<Vec<String>>,
    },
    List(List),
    Quote(Vec<Block>),
}

#[derive(Debug)]
pub(super) struct List {
    /// The first number of an ordered list.
    pub(super) start: Option<u64>,
    /// Whether the second item is numbered 1, which makes prettier number every item after
    /// the first 1 (a list kept that way for small diffs).
    pub(super) all_ones: bool,
    pub(super) items: Vec<Item>,
}

#[derive(Debug)]
pub(super) struct Item {
    pub(super) blocks: Vec<Block>,
    /// Blank lines go between its blocks and after it.
    pub(super) loose: bool,
}

/// The blocks of `lines`, by remark's block tokenizers in its order at each line.
pub(super) fn parse(lines: &[String]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_blank(&lines[i]) {
            i += 1;
            continue;
        }
        let (block, next) = indented_code(lines, i)
            .or_else(|| fenced_code(lines, i))
            .or_else(|| quote(lines, i))
            .or_else(|| atx_heading(&lines[i]).map(|b| (b, i + 1)))
            .or_else(|| thematic_break(&lines[i]).then_some((Block::Rule, i + 1)))
            .or_else(|| list(lines, i))
            .or_else(|| setext_heading(lines, i))
            .or_else(|| html(lines, i))
            .or_else(|| table(lines, i))
            .unwrap_or_else(|| paragraph(lines, i));
        blocks.push(block);
        i = next;
    }
    blocks
}

/// Columns of leading whitespace (tabs to the next multiple of 4) and where the text starts.
fn indentation(line: &str) -> (usize, usize) {
    let mut columns = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => columns += 1,
            '\t' => columns += 4 - columns % 4,
            _ => return (columns, i),
        }
    }
    (columns, line.len())
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// `line` without the leading whitespace that reaches `columns` columns; a tab that crosses
/// the column goes whole, as remark removes it.
fn dedent(line: &str, columns: usize) -> String {
    let mut seen = 0;
    for (i, c) in line.char_indices() {
        if seen >= columns {
            return line[i..].to_owned();
        }
        match c {
            ' ' => seen += 1,
            '\t' => seen += 4 - seen % 4,
            _ => return line[i..].to_owned(),
        }
    }
    String::new()
}

/// Lines starting with four spaces or a tab, and blank lines between them.
fn indented_code(lines: &[String], i: usize) -> Option<(Block, usize)> {
    let code_line = |l: &str| l.starts_with("    ") || l.starts_with('\t');
    if !code_line(&lines[i]) {
        return None;
    }
    let mut end = i + 1;
    let mut j = i + 1;
    while j < lines.len() && (is_blank(&lines[j]) || code_line(&lines[j])) {
        j += 1;
        if !is_blank(&lines[j - 1]) {
            end = j;
        }
    }
    let code = lines[i..end].iter().map(|l| dedent(l, 4)).collect();
    Some((Block::Indented(code), end))
}

/// The opening fence of `line`: three or more backticks or tildes after any indentation, and
/// an info string (without backticks after backticks). The fence character, its length, the
/// indentation and the info string.
fn fence_open(line: &str) -> Option<(char, usize, usize, &str)> {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - body.len();
    let fence_char = body.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let fence_len = body.chars().take_while(|c| *c == fence_char).count();
    let info = body[fence_len..].trim();
    (fence_len >= 3 && !(fence_char == '`' && info.contains('`')))
        .then_some((fence_char, fence_len, indent, info))
}

/// A fenced code block, up to a closing fence indented less than four spaces or to the end of
/// the container.
fn fenced_code(lines: &[String], i: usize) -> Option<(Block, usize)> {
    let (fence_char, fence_len, indent, info) = fence_open(&lines[i])?;
    let mut content = Vec::new();
    let mut j = i + 1;
    while j < lines.len() {
        let l = &lines[j];
        let spaces = l.len() - l.trim_start_matches(' ').len();
        let rest = &l[spaces..];
        let run = rest.chars().take_while(|c| *c == fence_char).count();
        if spaces < 4 && run >= fence_len && rest[run..].trim().is_empty() {
            return Some((fenced(info, content), j + 1));
        }
        content.push(l[spaces.min(indent)..].to_owned());
        j += 1;
    }
    Some((fenced(info, content), j))
}

/// remark keeps the info string with its escapes resolved.
fn fenced(info: &str, lines: Vec<String>) -> Block {
    Block::Fenced {
        info: super::inline::unescape(info),
        lines,
    }
}

/// `>` lines and the lines that continue them lazily.
fn quote(lines: &[String], i: usize) -> Option<(Block, usize)> {
    let strip = |l: &str| -> Option<String> {
        let (columns, start) = indentation(l);
        let rest = l[start..].strip_prefix('>')?;
        (columns < 4).then(|| rest.strip_prefix(' ').unwrap_or(rest).to_owned())
    };
    strip(&lines[i])?;
    let mut content = Vec::new();
    let mut j = i;
    while j < lines.len() && !is_blank(&lines[j]) {
        match strip(&lines[j]) {
            Some(inner) => content.push(inner),
            None if j > i && !interrupts_paragraph(&lines[j]) => content.push(lines[j].clone()),
            None => break,
        }
        j += 1;
    }
    Some((Block::Quote(parse(&content)), j))
}

/// `# text`, `## text ##`: one to six `#`, then whitespace or the end of the line.
fn atx_heading(line: &str) -> Option<Block> {
    let body = line.trim_start_matches([' ', '\t']);
    let depth = body.chars().take_while(|c| *c == '#').count();
    let rest = &body[depth..];
    if !(1..=6).contains(&depth) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = rest.trim();
    let without_closing = text.trim_end_matches('#');
    if without_closing.is_empty() {
        text = "";
    } else if without_closing.len() < text.len() && without_closing.ends_with([' ', '\t']) {
        text = without_closing.trim_end();
    }
    Some(Block::Heading(depth, text.to_owned()))
}

/// Three or more `*`, `-` or `_` (the same one), spaces between them allowed.
fn thematic_break(line: &str) -> bool {
    let body = line.trim_start_matches([' ', '\t']);
    let Some(mark) = body.chars().next().filter(|c| matches!(c, '*' | '-' | '_')) else {
        return false;
    };
    body.chars().all(|c| c == mark || c == ' ') && body.chars().filter(|c| *c == mark).count() >= 3
}

/// A list marker at the start of `line`: the marker character (`*`, `+`, `-`, or `.` or `)`
/// after a number), the number, and the columns to the item's content.
fn list_marker(line: &str) -> Option<(char, Option<u64>, usize)> {
    let (mut columns, start) = indentation(line);
    let rest = &line[start..];
    let (marker, number, after) = match rest.chars().next()? {
        c @ ('*' | '+' | '-') => (c, None, 1),
        _ => {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            let marker = rest[digits..]
                .chars()
                .next()
                .filter(|c| *c == '.' || *c == ')');
            match (digits, marker) {
                (1.., Some(m)) => (
                    m,
                    Some(rest[..digits].parse().unwrap_or(u64::MAX)),
                    digits + 1,
                ),
                _ => return None,
            }
        }
    };
    columns += after;
    let content = &rest[after..];
    match content.chars().next() {
        None => {}
        Some('\t') => columns += 4 - columns % 4,
        Some(' ') => {
            let spaces = content.chars().take_while(|c| *c == ' ').count();
            // Five or more spaces: the content is indented code one column after the marker.
            columns += if spaces > 4 { 1 } else { spaces };
        }
        Some(_) => return None,
    }
    Some((marker, number, columns))
}

/// remark's list tokenizer: items of one marker kind; a line indented to an item's content
/// belongs to it, and so does an unindented line straight after it that starts no block.
fn list(lines: &[String], i: usize) -> Option<(Block, usize)> {
    let (kind, start, _) = list_marker(&lines[i])?;
    // Each item: its lines, the columns of its content, whether a blank line and another
    // item follow it.
    let mut items: Vec<(Vec<String>, usize, bool)> = Vec::new();
    let mut numbers = Vec::new();
    let mut blank_run: Vec<String> = Vec::new();
    let mut empty = false;
    let mut j = i;
    while j < lines.len() {
        let line = &lines[j];
        let (columns, _) = indentation(line);
        let current = items.last().map(|item| item.1);
        let indented = current.is_some_and(|content| columns >= content || columns > 4);
        let marker = if current.is_some_and(|content| columns >= content) {
            None
        } else {
            list_marker(line)
        };
        if let Some((m, _, _)) = marker
            && (m != kind || thematic_break(line))
        {
            break;
        }
        let previous_empty = empty;
        empty = marker.is_none() && is_blank(line);
        if let Some((_, number, content)) = marker {
            if let Some(last) = items.last_mut()
                && !blank_run.is_empty()
            {
                last.2 = true;
            }
            blank_run.clear();
            items.push((vec![line.clone()], content, false));
            numbers.push(number);
        } else if indented {
            let item = items.last_mut().expect("an indented line follows an item");
            item.0.append(&mut blank_run);
            item.0.push(line.clone());
        } else if empty {
            blank_run.push(line.clone());
        } else {
            if previous_empty || interrupts_list(line) {
                break;
            }
            let item = items.last_mut().expect("a lazy line follows an item");
            item.0.append(&mut blank_run);
            item.0.push(line.clone());
        }
        j += 1;
    }
    let end = j - blank_run.len();
    let items = items
        .into_iter()
        .map(|(lines, _, followed)| {
            let content = item_content(&lines);
            // A blank line between two of its lines (remark: `\n\n` not at the end).
            let last = content.iter().rposition(|l| !is_blank(l)).unwrap_or(0);
            let spread = (1..last).any(|k| is_blank(&content[k]));
            Item {
                blocks: parse(&content),
                loose: spread || followed,
            }
        })
        .collect();
    let list = List {
        start,
        all_ones: numbers.len() > 1 && {
            let second = numbers[1] == Some(1);
            if numbers[0] == Some(0) && numbers.len() > 2 {
                second && numbers[2] == Some(1)
            } else {
                second
            }
        },
        items,
    };
    Some((Block::List(list), end))
}

/// The lines of an item without its marker, dedented by remark's rule: by the width of the
/// marker and the spaces after it (an ordered marker below 10 followed by `.` counts one
/// column more when that width is odd, so `1. ` dedents four), by no more than the least
/// indented line, and not at all when some line is not indented.
fn item_content(lines: &[String]) -> Vec<String> {
    let first = &lines[0];
    let (_, start) = indentation(first);
    let (lead, rest) = first.split_at(start);
    let marker_len = rest
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(rest.len(), |(k, c)| k + c.len_utf8());
    let after = &rest[marker_len..];
    let spaces = after.chars().take_while(|c| *c == ' ').count();
    let gap = match after.chars().next() {
        Some('\t') => 1,
        Some(' ') if spaces > 4 => 1,
        Some(' ') => spaces,
        _ => 0,
    };
    let (gap, text) = after.split_at(gap);
    let marker = &rest[..marker_len];
    let below_ten = marker
        .strip_suffix('.')
        .is_some_and(|n| n.parse::<u64>().is_ok_and(|n| n < 10));
    let odd = !(lead.chars().count() + marker_len + gap.len()).is_multiple_of(2);
    let marker_width = marker_len + usize::from(below_ten && odd);
    let width = indentation(&format!("{lead}{}{gap}x", " ".repeat(marker_width))).0;
    let least = lines[1..]
        .iter()
        .filter(|l| !is_blank(l))
        .map(|l| indentation(l).0)
        .try_fold(width, |least, columns| {
            (columns > 0).then_some(least.min(columns))
        });
    let mut content = vec![text.to_owned()];
    content.extend(lines[1..].iter().map(|l| match least {
        Some(columns) => dedent(l, columns),
        None => l.clone(),
    }));
    content
}

/// An unindented line ends a list (instead of continuing its last item lazily) when it
/// starts a heading, a fence or a thematic break.
fn interrupts_list(line: &str) -> bool {
    atx_heading(line).is_some() || fence_open(line).is_some() || thematic_break(line)
}

/// `Text` underlined with `=` (level 1) or `-` (level 2); only a one-line paragraph.
fn setext_heading(lines: &[String], i: usize) -> Option<(Block, usize)> {
    let underline = lines.get(i + 1)?;
    let mark = underline
        .chars()
        .next()
        .filter(|c| *c == '=' || *c == '-')?;
    let (columns, _) = indentation(&lines[i]);
    if columns > 3 || lines[i].starts_with('\t') || !underline.chars().all(|c| c == mark) {
        return None;
    }
    let depth = if mark == '=' { 1 } else { 2 };
    Some((Block::Heading(depth, lines[i].trim().to_owned()), i + 2))
}

/// An HTML block: it starts with a tag or comment and ends before a blank line, or with the
/// line that ends what it opened (`-->`, `</pre>`, ...).
fn html(lines: &[String], i: usize) -> Option<(Block, usize)> {
    let end = match html_start(&lines[i], false)? {
        Some(markers) => {
            let closes = |l: &String| markers.iter().any(|m| l.to_ascii_lowercase().contains(m));
            lines[i..]
                .iter()
                .position(closes)
                .map_or(lines.len(), |k| i + k + 1)
        }
        None => i + lines[i..].iter().take_while(|l| !is_blank(l)).count(),
    };
    Some((Block::Html(lines[i..end].to_vec()), end))
}

/// Whether `line` starts an HTML block, and what ends it: one of some markers, or (`None`) a
/// blank line. A line that is one tag and nothing else starts a block too, but cannot
/// interrupt a paragraph.
fn html_start(line: &str, interrupting: bool) -> Option<Option<&'static [&'static str]>> {
    let start = line.trim_start_matches([' ', '\t']);
    if !start.starts_with('<') {
        return None;
    }
    let lower = start.to_ascii_lowercase();
    let raw = ["script", "pre", "style"].iter().any(|t| {
        lower[1..].strip_prefix(t).is_some_and(|after| {
            after.is_empty() || after.starts_with(|c: char| c.is_whitespace() || c == '>')
        })
    });
    let declaration =
        lower[1..].starts_with('!') && lower[2..].starts_with(|c: char| c.is_ascii_alphabetic());
    Some(if raw {
        Some(&["</script>", "</pre>", "</style>"])
    } else if lower.starts_with("<!--") {
        Some(&["-->"])
    } else if lower.starts_with("<?") {
        Some(&["?>"])
    } else if lower.starts_with("<![cdata[") {
        Some(&["]]>"])
    } else if declaration {
        Some(&[">"])
    } else if block_tag(&lower) || (!interrupting && verbatim::is_lone_tag(start)) {
        None
    } else {
        return None;
    })
}

/// `<div`, `</p>`, ...: an opening or closing tag of an HTML block element.
fn block_tag(lower: &str) -> bool {
    const BLOCKS: &str = "address article aside base basefont blockquote body caption center col \
        colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame \
        frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe legend li link main menu \
        menuitem meta nav noframes ol optgroup option p param pre section source title summary \
        table tbody td tfoot th thead tr track ul";
    let Some(rest) = lower.strip_prefix("</").or_else(|| lower.strip_prefix('<')) else {
        return false;
    };
    BLOCKS.split_whitespace().any(|tag| {
        rest.strip_prefix(tag).is_some_and(|after| {
            after.is_empty()
                || after.starts_with(|c: char| c.is_whitespace() || c == '>')
                || after.starts_with("/>")
        })
    })
}

/// A GFM table: a header row, a delimiter row, and rows up to the first line without a `|`
/// after its first character.
fn table(lines: &[String], i: usize) -> Option<(Block, usize)> {
    let has_pipe = |l: &str| l.char_indices().any(|(k, c)| k > 0 && c == '|');
    let end = i + lines[i..].iter().take_while(|l| has_pipe(l)).count();
    if end - i < 2 {
        return None;
    }
    let align = delimiter_row(&lines[i + 1])?;
    let rows = std::iter::once(&lines[i])
        .chain(&lines[i + 2..end])
        .map(|row| cells(row))
        .collect();
    Some((Block::Table { align, rows }, end))
}

/// `| :--- | ---: |`: the alignment of each column, or `None` when the row is not one.
fn delimiter_row(line: &str) -> Option<Vec<Align>> {
    let mut align = Vec::new();
    let mut current: Option<Align> = None;
    let mut dash = false;
    let mut previous_pipe = false;
    for c in line.chars() {
        match c {
            '|' => {
                match current.take() {
                    Some(a) => align.push(a),
                    None if previous_pipe => return None,
                    None => {}
                }
                dash = false;
                previous_pipe = true;
                continue;
            }
            '-' => {
                dash = true;
                current = Some(current.unwrap_or(Align::None));
            }
            ':' => {
                current = Some(match current {
                    Some(Align::Left) => Align::Center,
                    Some(Align::None) if dash => Align::Right,
                    _ => Align::Left,
                });
            }
            c if c.is_whitespace() => {}
            _ => return None,
        }
        previous_pipe = false;
    }
    align.extend(current);
    (!align.is_empty()).then_some(align)
}

/// The cells of a table row: split at `|` not escaped, each trimmed.
fn cells(row: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = row.trim().chars().peekable();
    if chars.peek() == Some(&'|') {
        chars.next();
    }
    let mut open = false;
    while let Some(c) = chars.next() {
        match c {
            '|' => {
                cells.push(cell.trim().to_owned());
                cell.clear();
                open = false;
                continue;
            }
            '\\' => {
                cell.push(c);
                if let Some(next) = chars.next() {
                    cell.push(next);
                }
            }
            _ => cell.push(c),
        }
        open = open || !c.is_whitespace();
    }
    if open {
        cells.push(cell.trim().to_owned());
    }
    cells
}

/// Lines up to a blank line or a line that starts a block; lines indented four or more
/// columns always continue it.
fn paragraph(lines: &[String], i: usize) -> (Block, usize) {
    let mut j = i + 1;
    while j < lines.len() && !is_blank(&lines[j]) {
        if indentation(&lines[j]).0 < 4 && interrupts_paragraph(&lines[j]) {
            break;
        }
        j += 1;
    }
    let text = lines[i..j].iter().map(|l| l.trim().to_owned()).collect();
    (Block::Paragraph(text), j)
}

/// What ends a paragraph: a thematic break, a list item (an ordered one only when numbered
/// `1`), a heading, a fence, a quote, or an HTML block other than a lone tag.
fn interrupts_paragraph(line: &str) -> bool {
    let body = line.trim_start();
    let item = match list_marker(line) {
        Some((_, None, _)) => true,
        Some((_, Some(_), _)) => body.starts_with("1.") || body.starts_with("1)"),
        None => false,
    };
    thematic_break(line)
        || item
        || atx_heading(line).is_some()
        || fence_open(line).is_some()
        || body.starts_with('>')
        || html_start(line, true).is_some()
}
