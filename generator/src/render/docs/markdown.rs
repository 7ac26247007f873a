//! Description text as prettier 2.8.8 prints it, so that the pages pass `prettier --check`
//! as they are written; the generator never runs prettier. Prettier parses markdown with
//! remark-parse 7 and prints every node one canonical way. [`blocks`] reads a description's
//! blocks as remark does; this module prints them as prettier does: list items with `-` (`*`
//! for a list right after another list) and their further lines indented to the marker, one
//! blank line between blocks but none inside a tight list item, tables padded, headings in
//! ATX form, thematic breaks as `---`, code fenced with enough backticks. [`inline()`] does
//! both for the text inside blocks, table cells and headings.
//!
//! The interface is text in, prettier's text out: [`tidy`] for a description, [`heading`] for
//! a title, [`Table`] for the tables of the pages. Nothing here knows the API model or the
//! pages, so the printing rules can be checked against prettier on their own.
//!
//! Not modelled: link definitions, footnotes, math blocks, and the code prettier reformats in
//! fences tagged with a language it formats (`js`, `json`, ...).

mod blocks;
mod inline;
mod node;
mod table;
mod text;
mod verbatim;

pub(super) use table::Table;

use blocks::{Block, List};
use inline::inline;

/// The description as prettier prints it.
pub(super) fn tidy(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|l| l.trim_end().to_owned()).collect();
    let printed = print_blocks(&blocks::parse(&lines), true, None);
    printed.join("\n").replace(node::RAW_NEWLINE, "\n")
}

/// The text of a heading of `depth` made from `text`, as prettier prints `## text`: a heading
/// is one line, so a further line of `text` follows the heading as a paragraph of its own.
pub(super) fn heading(depth: usize, text: &str) -> String {
    let marker = format!("{} ", "#".repeat(depth));
    let printed = tidy(&format!("{marker}{}", text.trim()));
    match printed.strip_prefix(&marker) {
        Some(rest) => rest.to_owned(),
        // Nothing but `#`s, which remark takes for a closing sequence: escaped, they stay.
        None => text.trim().replace('#', "\\#"),
    }
}

/// Blocks joined as prettier joins them: a blank line between them (none inside a tight list
/// item), two between a list and indented code. `list` is the sibling index of the nearest
/// enclosing list, which decides how a thematic break inside it is written.
fn print_blocks(blocks: &[Block], loose: bool, list: Option<usize>) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    //! Each expectation is what `prettier@2.8.8 --parser markdown` prints for the input.

    use super::{heading, tidy};

    #[test]
    fn bullet_lists_take_a_dash_and_their_markers_width() {
        assert_eq!(tidy("Lists:\n\n*   one\n*   two"), "Lists:\n\n- one\n- two");
        assert_eq!(
            tidy("* an item that goes\non lazily\n* next"),
            "- an item that goes\n  on lazily\n- next"
        );
        // A list right after another list keeps apart by its marker.
        assert_eq!(tidy("- a\n\n* b"), "- a\n\n* b");
    }

    #[test]
    fn a_list_that_interrupts_a_paragraph_is_set_apart() {
        assert_eq!(
            tidy("Conditions:\n  - a\n  - b\n\nAfter"),
            "Conditions:\n\n- a\n- b\n\nAfter"
        );
        // An ordered list interrupts only from 1; otherwise the line stays in the paragraph.
        assert_eq!(tidy("text\n2. not a list"), "text 2. not a list");
    }

    #[test]
    fn loose_items_keep_blank_lines_and_tight_ones_none() {
        assert_eq!(tidy("- a\n\n- b\n- c"), "- a\n\n- b\n- c");
        assert_eq!(
            tidy("* outer\n\n  **Inner**:\n  * inner\n* last"),
            "- outer\n\n  **Inner**:\n\n  - inner\n\n- last"
        );
    }

    #[test]
    fn ordered_lists_count_from_their_first_number() {
        assert_eq!(tidy("1) one\n3) two"), "1. one\n2. two");
        assert_eq!(tidy("1. one\n1. two\n1. three"), "1. one\n1. two\n1. three");
    }

    #[test]
    fn headings_rules_and_code_take_one_form() {
        assert_eq!(tidy("Title\n=====\nText"), "# Title\n\nText");
        assert_eq!(tidy("## Title ##\nText"), "## Title\n\nText");
        assert_eq!(tidy("a\n\n***\n\n- x\n\n  ___"), "a\n\n---\n\n- x\n\n  ***");
        assert_eq!(
            tidy("~~~ rust   extra\nlet a = 1;\n~~~"),
            "```rust extra\nlet a = 1;\n```"
        );
        // An unclosed fence ends with the description, fenced longer than the run inside.
        assert_eq!(
            tidy("``` <q> ::= x\nhas ``` inside"),
            "````<q> ::= x\nhas ``` inside\n````"
        );
        assert_eq!(
            tidy("Code:\n\n    indented\n\nText"),
            "Code:\n\n    indented\n\nText"
        );
    }

    #[test]
    fn blocks_are_one_blank_line_apart() {
        assert_eq!(
            tidy("```\ncode\n```\n#### Heading\nText"),
            "```\ncode\n```\n\n#### Heading\n\nText"
        );
        assert_eq!(tidy("a\n\n\n\nb  "), "a\n\nb");
        assert_eq!(tidy("> quoted\nlazy"), "> quoted\n> lazy");
        assert_eq!(
            tidy("<p>\n*kept*  as is\n</p>\n\ntext"),
            "<p>\n*kept*  as is\n</p>\n\ntext"
        );
    }

    #[test]
    fn tables_are_padded_and_aligned() {
        assert_eq!(
            tidy("| a | b |\n|:-|-:|\n| long cell | x |"),
            "| a         |   b |\n| :-------- | --: |\n| long cell |   x |"
        );
    }

    #[test]
    fn a_heading_is_its_first_line() {
        assert_eq!(heading(2, "Create a *workspace*"), "Create a _workspace_");
        assert_eq!(
            heading(2, "Completes the upload. \nThe rest follows."),
            "Completes the upload.\n\nThe rest follows."
        );
    }
}
