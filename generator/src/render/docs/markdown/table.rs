//! Markdown tables laid out the way prettier 2.8.8 lays them out, so the committed docs pass
//! `prettier --check` without a formatting step: every column padded to its widest cell (at
//! least three, the shortest dash row), one space each side of `|`, dash rows as wide as the
//! column. Widths are prettier's: East Asian wide characters count two columns. The docs
//! pages build their tables here, and so do tables read from a description.

use super::inline::inline;
use std::fmt;

/// The narrowest column prettier writes: a delimiter row needs `---`.
const MIN_WIDTH: usize = 3;

/// A table with a header row; cells are plain markdown text.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new(header: &[&str]) -> Self {
        Table {
            header: header.iter().map(|h| cell(h)).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; each cell becomes one line of text as prettier prints it (see [`cell`]).
    pub(crate) fn push<S: AsRef<str>>(&mut self, row: &[S]) {
        debug_assert_eq!(
            row.len(),
            self.header.len(),
            "a row has one cell per column"
        );
        self.rows
            .push(row.iter().map(|c| cell(c.as_ref())).collect());
    }

    /// Adds a row of one cell: a line of a description that broke out of the row above
    /// (Coder's pages leave a blank line of a description in its row), which prettier keeps
    /// as a row of its own, padded to the first column only.
    pub(crate) fn push_broken(&mut self, text: &str) {
        self.rows.push(vec![cell(text)]);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Renders the table without a trailing newline, so a template decides the spacing around it.
impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows: Vec<Vec<String>> = std::iter::once(&self.header)
            .chain(&self.rows)
            .cloned()
            .collect();
        f.write_str(&layout(&rows, &[]))
    }
}

/// A column's alignment, from the colons of its delimiter row (`:--`, `--:`, `:-:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    None,
    Left,
    Right,
    Center,
}

/// A table read from a description (`rows` the header first, `align` from its delimiter row)
/// as prettier prints it: each cell's text as inline markdown.
pub(super) fn print(rows: &[Vec<String>], align: &[Align]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| finish_cell(&inline(cell))).collect())
        .collect();
    layout(&rows, align)
}

/// The table of `rows` (the header first) as prettier prints it; a column without an entry
/// in `align` is not aligned. A row shorter than the header keeps its cells.
fn layout(rows: &[Vec<String>], align: &[Align]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![MIN_WIDTH; columns];
    for row in rows {
        for (width, text) in widths.iter_mut().zip(row) {
            *width = (*width).max(text_width(text));
        }
    }
    let align = |column: usize| align.get(column).copied().unwrap_or(Align::None);
    let delimiter: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(column, width)| {
            let (first, last) = match align(column) {
                Align::None => ('-', '-'),
                Align::Left => (':', '-'),
                Align::Right => ('-', ':'),
                Align::Center => (':', ':'),
            };
            format!("{first}{}{last}", "-".repeat(width - 2))
        })
        .collect();
    let row_line = |cells: &[String], padded: bool| {
        let texts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(column, text)| {
                let spaces = if padded {
                    widths[column] - text_width(text)
                } else {
                    0
                };
                let before = match align(column) {
                    Align::Right => spaces,
                    Align::Center => spaces / 2,
                    Align::None | Align::Left => 0,
                };
                format!(
                    "{}{text}{}",
                    " ".repeat(before),
                    " ".repeat(spaces - before)
                )
            })
            .collect();
        format!("| {} |", texts.join(" | "))
    };
    let mut lines = Vec::with_capacity(rows.len() + 1);
    let mut rows = rows.iter();
    if let Some(header) = rows.next() {
        lines.push(row_line(header, true));
        lines.push(row_line(&delimiter, false));
    }
    lines.extend(rows.map(|row| row_line(row, true)));
    lines.join("\n")
}

/// The columns prettier gives `text` (string-width): control characters and combining marks
/// take none, East Asian wide and full-width characters two, anything else one (emoji, which
/// prettier also counts two, are not told apart).
fn text_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let c = c as u32;
            if c <= 0x1f || (0x7f..=0x9f).contains(&c) || (0x300..=0x36f).contains(&c) {
                0
            } else if is_wide(c) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// is-fullwidth-code-point, which prettier's string width uses.
fn is_wide(c: u32) -> bool {
    const WIDE: &[(u32, u32)] = &[
        (0x1100, 0x115f),
        (0x2329, 0x232a),
        (0x2e80, 0x303e),
        (0x3040, 0x3247),
        (0x3250, 0x4dbf),
        (0x4e00, 0xa4c6),
        (0xa960, 0xa97c),
        (0xac00, 0xd7a3),
        (0xf900, 0xfaff),
        (0xfe10, 0xfe19),
        (0xfe30, 0xfe6b),
        (0xff01, 0xff60),
        (0xffe0, 0xffe6),
        (0x1b000, 0x1b001),
        (0x1f200, 0x1f251),
        (0x20000, 0x3fffd),
    ];
    WIDE.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// One line of cell text as prettier prints a cell: the text's lines joined by spaces (a cell
/// cannot hold a line break), printed as inline markdown (so a line that was a `* item` bullet
/// shows an escaped `\*`), and every `|` not already escaped escaped.
fn cell(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    finish_cell(&inline(&joined))
}

/// Printed cell text made safe for a row: `|` ends a cell unless escaped (one already escaped
/// stays as it is), and a trailing `\` escapes the space after it, which remark then keeps in
/// the cell, so the space is written as part of the text.
fn finish_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut escaped = false;
    for c in text.chars() {
        if c == '|' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    if escaped {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    //! Each expectation is what `prettier@2.8.8 --parser markdown` prints (or, for escaped
    //! bullets, leaves as it is).

    use super::Table;

    #[test]
    fn columns_pad_to_the_widest_cell_and_at_least_three() {
        let mut table = Table::new(&["Name", "In"]);
        table.push(&["`organization`", "path"]);
        table.push(&["a|b", "x"]);
        let expected = "\
| Name           | In   |
| -------------- | ---- |
| `organization` | path |
| a\\|b           | x    |";
        assert_eq!(table.to_string(), expected);

        let mut narrow = Table::new(&["A"]);
        narrow.push(&["line\nbreak"]);
        assert_eq!(
            narrow.to_string(),
            "| A          |\n| ---------- |\n| line break |"
        );
    }

    #[test]
    fn cells_are_one_line_of_inline_markdown() {
        let mut bullets = Table::new(&["A"]);
        bullets.push(&["Who may copy it.\n\n* `all` - anyone.\n* `none` - no one."]);
        assert_eq!(
            bullets.to_string(),
            "\
| A                                                       |
| ------------------------------------------------------- |
| Who may copy it. \\* `all` - anyone. \\* `none` - no one. |"
        );

        let mut fence = Table::new(&["A"]);
        fence.push(&["eg\n```\n[ { x: 1 } ]\n```"]);
        assert_eq!(
            fence.to_string(),
            "| A                 |\n| ----------------- |\n| eg `[ { x: 1 } ]` |"
        );

        let mut pipes = Table::new(&["A"]);
        pipes.push(&["a | b and c\\|d"]);
        assert_eq!(
            pipes.to_string(),
            "| A               |\n| --------------- |\n| a \\| b and c\\|d |"
        );
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let mut table = Table::new(&["A", "B"]);
        table.push(&["漢字", "x"]);
        assert_eq!(
            table.to_string(),
            "| A    | B   |\n| ---- | --- |\n| 漢字 | x   |"
        );
    }
}
