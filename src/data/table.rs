//! A CSV file held as text cells, with typed access that reports file, row and column.
//!
//! Loaders require only the columns they use: a table keeps every column, and callers ask
//! for the ones a criterion or factor model needs. Problems name the 1-based line of the
//! file (the header is line 1).

use std::collections::HashMap;
use std::path::Path;

use super::Kind;
use crate::error::{Error, Problem, Problems, Result};

/// A CSV table: header plus rows of text cells.
#[derive(Debug, Clone)]
pub struct Table {
    /// How the file is named in messages (`data/sites.csv`, `<embedded>/sites.csv`).
    pub name: String,
    headers: Vec<String>,
    /// The allowed range and unit of each column: those of the dataset it is, if any
    /// ([`super::ranges::range`]).
    ranges: Vec<(f64, f64, &'static str)>,
    index: HashMap<String, usize>,
    /// Every cell's text, row after row, in one string; `spans[row · columns + col]` is
    /// where a cell's text lies in it (no allocation per row or cell).
    cells: String,
    spans: Vec<std::ops::Range<usize>>,
    /// 1-based line of each row in the file.
    lines: Vec<usize>,
}

impl Table {
    /// Reads a table from disk.
    pub fn read(path: &Path) -> Result<Table> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Table::parse(&path.display().to_string(), &text)
    }

    /// Parses CSV text that is not one of the datasets. Every row must have as many fields
    /// as the header.
    pub fn parse(name: &str, text: &str) -> Result<Table> {
        Table::parse_as(name, text, None)
    }

    /// Parses CSV text of a dataset (`kind`), whose numbers must lie in the column ranges.
    pub fn parse_as(name: &str, text: &str, kind: Option<Kind>) -> Result<Table> {
        // Headers trimmed by the reader; cells trimmed here as they are stored (the reader
        // would copy every record twice to trim it, ASCII and then Unicode whitespace: the
        // latter includes the former).
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::Headers)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(str::to_owned).collect(),
            Err(e) => return Err(Problem::new(name, "header", e.to_string()).line(1).into()),
        };
        if headers.iter().all(String::is_empty) {
            return Err(
                Problem::new(name, "header", "the file is empty: expected a header row")
                    .line(1)
                    .into(),
            );
        }
        let mut problems = Problems::default();
        let mut index = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            if index.insert(h.clone(), i).is_some() {
                problems.push(
                    Problem::new(
                        name,
                        format!("column {h}"),
                        "column appears twice in the header",
                    )
                    .line(1),
                );
            }
        }
        let mut cells = String::with_capacity(text.len());
        let mut spans = Vec::new();
        let mut lines = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    problems.push(Problem::new(name, "", e.to_string()).line(line));
                    continue;
                }
            }
            let line = record.position().map_or(0, |p| p.line() as usize);
            if record.len() == 1 && record[0].trim().is_empty() {
                continue;
            }
            if record.len() != headers.len() {
                problems.push(
                    Problem::new(
                        name,
                        "row",
                        format!(
                            "has {} fields, the header has {} ({})",
                            record.len(),
                            headers.len(),
                            headers.join(",")
                        ),
                    )
                    .line(line),
                );
                continue;
            }
            for field in &record {
                let start = cells.len();
                cells.push_str(field.trim());
                spans.push(start..cells.len());
            }
            lines.push(line);
        }
        let ranges = headers
            .iter()
            .map(|h| super::ranges::range(kind, h))
            .collect();
        problems.into_result(Table {
            name: name.to_owned(),
            headers,
            ranges,
            index,
            cells,
            spans,
            lines,
        })
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    pub fn has(&self, column: &str) -> bool {
        self.index.contains_key(column)
    }

    /// 1-based file line of row `row`.
    pub fn line(&self, row: usize) -> usize {
        self.lines[row]
    }

    /// The column's position, or a problem naming the columns that exist.
    pub fn require(&self, column: &str) -> Result<usize, Problem> {
        self.index.get(column).copied().ok_or_else(|| {
            Problem::new(
                &self.name,
                format!("column {column}"),
                format!("missing column; the file has: {}", self.headers.join(", ")),
            )
            .line(1)
        })
    }

    /// Raw text of a cell (trimmed).
    pub fn text(&self, row: usize, col: usize) -> &str {
        &self.cells[self.spans[row * self.headers.len() + col].clone()]
    }

    /// Text of a cell in a named column, or "" when the column is absent.
    pub fn text_or_empty(&self, row: usize, column: &str) -> &str {
        self.index.get(column).map_or("", |&c| self.text(row, c))
    }

    pub(super) fn cell_problem(
        &self,
        row: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Problem {
        Problem::new(
            &self.name,
            format!("row {}, column {}", row + 1, self.headers[col]),
            message,
        )
        .line(self.lines[row])
        .value(format!("{:?}", self.text(row, col)))
    }

    /// A finite number in a cell within the column's allowed range
    /// ([`super::ranges::range`]), or a problem naming file, line, column and range.
    pub fn number(&self, row: usize, col: usize) -> Result<f64, Problem> {
        let text = self.text(row, col);
        if text.is_empty() {
            return Err(self.cell_problem(row, col, "empty cell: a finite number is required"));
        }
        let (lo, hi, unit) = self.ranges[col];
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() && (lo..=hi).contains(&v) => Ok(v),
            Ok(v) if v.is_finite() => {
                let unit = if unit.is_empty() {
                    String::new()
                } else {
                    format!(" ({unit})")
                };
                Err(self.cell_problem(row, col, format!("must be between {lo} and {hi}{unit}")))
            }
            Ok(_) => Err(self.cell_problem(row, col, "must be a finite number (not NaN or inf)")),
            Err(_) => Err(self.cell_problem(row, col, "not a number")),
        }
    }

    /// A number, or `None` for an empty cell.
    pub fn optional_number(&self, row: usize, col: usize) -> Result<Option<f64>, Problem> {
        if self.text(row, col).is_empty() {
            Ok(None)
        } else {
            self.number(row, col).map(Some)
        }
    }

    /// A number that must lie in `[lo, hi]`.
    pub fn number_in(&self, row: usize, col: usize, lo: f64, hi: f64) -> Result<f64, Problem> {
        let v = self.number(row, col)?;
        if v < lo || v > hi {
            Err(self.cell_problem(row, col, format!("must be between {lo} and {hi}")))
        } else {
            Ok(v)
        }
    }

    /// Whether the column has filled cells and none of them is a number (`notes`, `name`):
    /// a text column, which no criterion can use.
    pub fn is_text_column(&self, column: &str) -> bool {
        self.index.get(column).is_some_and(|&c| self.is_text(c))
    }

    fn is_text(&self, col: usize) -> bool {
        let mut filled = (0..self.len())
            .map(|r| self.text(r, col))
            .filter(|t| !t.is_empty())
            .peekable();
        filled.peek().is_some() && filled.all(|t| t.parse::<f64>().is_err())
    }

    /// The columns whose filled cells are all numbers (at least one), in file order.
    pub fn numeric_columns(&self) -> Vec<&str> {
        (0..self.headers.len())
            .filter(|&c| {
                let mut filled = (0..self.len())
                    .map(|r| self.text(r, c))
                    .filter(|t| !t.is_empty())
                    .peekable();
                filled.peek().is_some() && filled.all(|t| t.parse::<f64>().is_ok())
            })
            .map(|c| self.headers[c].as_str())
            .collect()
    }

    /// Numbers of one column for the given rows; all bad cells are reported, except in a
    /// text column (no cell a number), which is one problem listing the numeric columns.
    pub fn numbers(&self, column: &str, rows: &[usize]) -> Result<Vec<f64>, Problems> {
        let col = self.require(column)?;
        if rows.len() > 1 && self.is_text(col) {
            return Err(Problem::new(
                &self.name,
                format!("column {column}"),
                format!(
                    "a text column (no cell is a number) where numbers are needed; numeric columns: {}",
                    self.numeric_columns().join(", ")
                ),
            )
            .line(1)
            .into());
        }
        let mut problems = Problems::default();
        let mut out = Vec::with_capacity(rows.len());
        for &r in rows {
            match self.number(r, col) {
                Ok(v) => out.push(v),
                Err(p) => problems.push(p),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_short_rows_with_line() {
        let err = Table::parse("x.csv", "id,a\ns1,1\ns2\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("x.csv:3"), "{msg}");
        assert!(msg.contains("has 1 fields, the header has 2"), "{msg}");
    }

    #[test]
    fn numbers_reject_nan_inf_empty_text() {
        let t = Table::parse("x.csv", "id,a\ns1,NaN\ns2,inf\ns3,\ns4,abc\ns5,2.5\n").unwrap();
        let err = t.numbers("a", &[0, 1, 2, 3, 4]).unwrap_err();
        assert_eq!(err.len(), 4);
        assert!(err.0[0].to_string().contains("x.csv:2: row 1, column a"));
        assert!(err.0[2].message.contains("empty cell"));
        assert_eq!(t.numbers("a", &[4]).unwrap(), vec![2.5]);
    }

    #[test]
    fn cells_and_headers_are_trimmed_and_blank_lines_skipped() {
        // Spaces, tabs and other Unicode whitespace around a cell (quoted or not) are not
        // part of it; a line of whitespace is no row; lines are still counted.
        let t = Table::parse(
            "x.csv",
            " id ,\ta\t, b\n  s1 ,\t1.5 ,\u{a0}x\u{a0}\n   \n\" s2 \",\" 2\",\n",
        )
        .unwrap();
        assert_eq!(t.headers(), ["id", "a", "b"]);
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t.text(0, 0), t.text(0, 1), t.text(0, 2)),
            ("s1", "1.5", "x")
        );
        assert_eq!((t.text(1, 0), t.text(1, 1), t.text(1, 2)), ("s2", "2", ""));
        assert_eq!(t.number(0, 1).unwrap(), 1.5);
        assert_eq!((t.line(0), t.line(1)), (2, 4));
    }

    #[test]
    fn missing_column_lists_existing() {
        let t = Table::parse("x.csv", "id,a\ns1,1\n").unwrap();
        let p = t.require("b").unwrap_err();
        assert!(p.message.contains("the file has: id, a"));
    }
}
