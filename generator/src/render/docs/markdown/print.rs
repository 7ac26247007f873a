//! Blocks as prettier 2.8.8 prints them: list items with `-` (`*` for a list right after
//! another list) and their further lines indented to the marker, one blank line between
//! blocks but none inside a tight list item, tables padded, headings in ATX form, thematic
//! breaks as `---`, code fenced with enough backticks.

use super::blocks::{Block, List};
use super::inline::inline;
use super::table;

/// Blocks joined as prettier joins them: a blank line between them (none inside a tight list
/// item), two between a list and indented code. `list` is the sibling index of the nearest
/// enclosing list, which decides how a thematic break inside it is written.
pub(super) fn print_blocks(blocks: &[Block], loose: bool, list: Option<usize>) -> Vec<String> {
    let mut out = Vec::new();
    let mut sibling: Option<(bool, usize)> = None;
    for (k, block) in blocks.iter().enumerate() {
        if k > 0 {
            let code_after_list =
                matches!(blocks[k - 1], Block::List(_)) && matches!(block, Block::Indented(_));
            if loose || code_after_list {
                out.push(String::new());
            }
            if code_after_list {
                out.push(String::new());
            }
        }
        sibling = match block {
            Block::List(l) => {
                let ordered = l.start.is_some();
                Some(match sibling {
                    Some((o, n)) if o == ordered => (ordered, n + 1),
                    _ => (ordered, 0),
                })
            }
            _ => None,
        };
        out.extend(print_block(block, list, sibling.map_or(0, |s| s.1)));
    }
    out
}

/// The lines of one block; `sibling` is its index in a run of lists (see [`print_list`]).
fn print_block(block: &Block, list: Option<usize>, sibling: usize) -> Vec<String> {
    match block {
        Block::Paragraph(lines) => lines_of(&inline(&lines.join("\n"))),
        Block::Heading(depth, text) => {
            let line = format!("{} {}", "#".repeat(*depth), inline(text));
            vec![line.trim_end().to_owned()]
        }
        Block::Rule => vec![match list {
            Some(n) if n.is_multiple_of(2) => "***".to_owned(),
            _ => "---".to_owned(),
        }],
        Block::Fenced { info, lines } => print_fenced(info, lines),
        Block::Indented(lines) => lines
            .iter()
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("    {l}")
                }
            })
            .collect(),
        Block::Html(lines) => lines.clone(),
        Block::Table { align, rows } => lines_of(&table::print(rows, align)),
        Block::List(l) => print_list(l, sibling),
        Block::Quote(blocks) if blocks.is_empty() => vec![">".to_owned()],
        Block::Quote(blocks) => print_blocks(blocks, true, list)
            .into_iter()
            .map(|l| {
                if l.is_empty() {
                    ">".to_owned()
                } else {
                    format!("> {l}")
                }
            })
            .collect(),
    }
}

fn lines_of(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_owned).collect()
}

/// A fence of backticks longer than any run inside, the language, a space, the rest of the
/// info string.
fn print_fenced(info: &str, lines: &[String]) -> Vec<String> {
    let longest = lines
        .iter()
        .flat_map(|l| l.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    let (lang, meta) = match info.split_once([' ', '\t']) {
        Some((lang, meta)) => (lang, meta.trim_start()),
        None => (info, ""),
    };
    let meta = if meta.is_empty() {
        String::new()
    } else {
        format!(" {meta}")
    };
    let mut out = vec![format!("{fence}{lang}{meta}")];
    out.extend(lines.iter().map(|l| l.trim_end().to_owned()));
    if lines.is_empty() {
        out.push(String::new());
    }
    out.push(fence);
    out
}

/// Items with `-` (`*` for every other list in a row), or numbered from the first number (or
/// all 1 after it); an item's further lines indented to its marker; a blank line after a loose
/// item.
fn print_list(list: &List, sibling: usize) -> Vec<String> {
    let mut out = Vec::new();
    let has_code = list
        .items
        .iter()
        .any(|item| contains_indented(&item.blocks));
    for (k, item) in list.items.iter().enumerate() {
        let mut marker = match list.start {
            None if sibling.is_multiple_of(2) => "- ".to_owned(),
            None => "* ".to_owned(),
            Some(start) => {
                let number = match k {
                    0 => start,
                    _ if list.all_ones => 1,
                    _ => start + k as u64,
                };
                format!(
                    "{number}{} ",
                    if sibling.is_multiple_of(2) { '.' } else { ')' }
                )
            }
        };
        // Prettier aligns the content of a list holding indented code to an even column.
        if has_code && !marker.len().is_multiple_of(2) {
            marker.push(' ');
        }
        if k > 0 && list.items[k - 1].loose {
            out.push(String::new());
        }
        let lines = print_blocks(&item.blocks, item.loose, Some(sibling));
        if lines.is_empty() {
            out.push(marker.trim_end().to_owned());
        }
        for (n, line) in lines.iter().enumerate() {
            out.push(match (n, line.is_empty()) {
                (0, _) => format!("{marker}{line}").trim_end().to_owned(),
                (_, true) => String::new(),
                (_, false) => format!("{}{line}", " ".repeat(marker.len())),
            });
        }
    }
    out
}

fn contains_indented(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Indented(_) => true,
        Block::List(l) => l.items.iter().any(|i| contains_indented(&i.blocks)),
        Block::Quote(blocks) => contains_indented(blocks),
        _ => false,
    })
}
