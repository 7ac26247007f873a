//! Description text as prettier 2.8.8 prints it, so that the pages pass `prettier --check`
//! as they are written; the generator never runs prettier. Prettier parses markdown with
//! remark-parse 7 and prints every node one canonical way. [`blocks`] reads a description's
//! blocks as remark does; [`print`] prints them as prettier does. [`inline`] does both for the
//! text inside blocks, table cells and headings.
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
mod print;
mod table;
mod text;
mod verbatim;

pub(super) use table::Table;

use print::print_blocks;

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
