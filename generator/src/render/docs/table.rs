//! Markdown tables laid out the way prettier 2.8.8 lays them out, so the committed docs pass
//! `prettier --check` without a formatting step: every column padded to its widest cell (at
//! least three, the shortest dash row), one space each side of `|`, dash rows as wide as the
//! column.

use std::fmt;

/// The narrowest column prettier writes: a delimiter row needs `---`.
const MIN_WIDTH: usize = 3;

/// A table with a header row; cells are plain markdown text.
#[derive(Debug, Clone)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Self {
        Table {
            header: header.iter().map(|h| cell(h)).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; a cell cannot hold a line break or an unescaped `|`, so both are replaced.
    pub fn push<S: AsRef<str>>(&mut self, row: &[S]) {
        debug_assert_eq!(
            row.len(),
            self.header.len(),
            "a row has one cell per column"
        );
        self.rows
            .push(row.iter().map(|c| cell(c.as_ref())).collect());
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn widths(&self) -> Vec<usize> {
        let mut widths = vec![MIN_WIDTH; self.header.len()];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (width, text) in widths.iter_mut().zip(row) {
                *width = (*width).max(text_width(text));
            }
        }
        widths
    }
}

/// Renders the table without a trailing newline, so a template decides the spacing around it.
impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let widths = self.widths();
        write_row(f, &self.header, &widths)?;
        let dashes: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
        f.write_str("\n")?;
        write_row(f, &dashes, &widths)?;
        for row in &self.rows {
            f.write_str("\n")?;
            write_row(f, row, &widths)?;
        }
        Ok(())
    }
}

fn write_row(f: &mut fmt::Formatter<'_>, cells: &[String], widths: &[usize]) -> fmt::Result {
    f.write_str("|")?;
    for (text, &width) in cells.iter().zip(widths) {
        let padding = width - text_width(text);
        write!(f, " {text}{} |", " ".repeat(padding))?;
    }
    Ok(())
}

/// Prettier measures East Asian wide characters as two columns; the documents this tool
/// renders are ASCII apart from `»`, so characters are counted.
fn text_width(text: &str) -> usize {
    text.chars().count()
}

/// One line of cell text: line breaks become spaces and `|` is escaped.
fn cell(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    super::markdown::tidy(&joined).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
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
}
