//! A Go `text/tabwriter` for whole strings (write everything, then `Flush`), with the
//! `RememberWidths` flag of `github.com/liggitt/tabwriter` that kubectl's table printer
//! uses. Only what the `token list` printers need: left alignment, padding with a
//! non-tab character, no `FilterHTML`/`StripEscape`/`Debug`/`DiscardEmptyColumns`.
//!
//! Semantics (Go `text/tabwriter`):
//! * `\t` and `\v` terminate a cell; `\n` and `\f` terminate a line (both are written
//!   out as `\n`).
//! * A column block is a run of consecutive lines that have a cell in that column; the
//!   text after a line's last tab is not a cell of any column.
//! * Width = max(cell width + padding) over the block, at least `minwidth`. Cell widths
//!   are counted in Unicode scalar values (Go: runes).
//! * A `\f`, or a line with a single cell, flushes: lines after it start new blocks.
//!   With `remember_widths`, a column never gets narrower than it was earlier.

/// Tabwriter settings (`tabwriter.NewWriter(w, minwidth, tabwidth, padding, padchar, flags)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TabWriter {
    /// Minimal cell width including padding.
    pub minwidth: usize,
    /// Padding added to each cell width.
    pub padding: usize,
    /// The padding character (never `\t` here).
    pub padchar: char,
    /// liggitt/tabwriter `RememberWidths`.
    pub remember_widths: bool,
}

#[derive(Default)]
struct Cell {
    text: String,
    width: usize,
}

struct State {
    out: String,
    lines: Vec<Vec<Cell>>,
    cell: Cell,
    widths: Vec<usize>,
    maxwidths: Vec<usize>,
}

impl TabWriter {
    /// kubeadm's and k3s's writer: minwidth 10, tabwidth 4, padding 3, spaces, no flags.
    pub const KUBEADM: TabWriter = TabWriter {
        minwidth: 10,
        padding: 3,
        padchar: ' ',
        remember_widths: false,
    };
    /// kubectl's `GetNewTabWriter`: minwidth 6, tabwidth 4, padding 3, spaces, `RememberWidths`.
    pub const KUBECTL: TabWriter = TabWriter {
        minwidth: 6,
        padding: 3,
        padchar: ' ',
        remember_widths: true,
    };

    /// Writes `text` through a fresh writer and flushes it.
    pub fn render(&self, text: &str) -> String {
        let mut st = State {
            out: String::with_capacity(text.len() * 2),
            lines: vec![Vec::new()],
            cell: Cell::default(),
            widths: Vec::new(),
            maxwidths: Vec::new(),
        };
        for ch in text.chars() {
            match ch {
                '\t' | '\u{b}' | '\n' | '\u{c}' => {
                    let ncells = st.terminate_cell();
                    if ch == '\n' || ch == '\u{c}' {
                        st.lines.push(Vec::new());
                        if ch == '\u{c}' || ncells == 1 {
                            self.flush(&mut st);
                        }
                    }
                }
                c => {
                    st.cell.text.push(c);
                    st.cell.width += 1;
                }
            }
        }
        // Flush: a pending partial cell becomes the last cell of the last line.
        if !st.cell.text.is_empty() {
            st.terminate_cell();
        }
        self.flush(&mut st);
        st.out
    }

    fn flush(&self, st: &mut State) {
        let n = st.lines.len();
        self.format(st, 0, n);
        st.lines = vec![Vec::new()];
        st.widths.clear();
    }

    /// Go `Writer.format`: lays out lines `[line0, line1)` for column `widths.len()`.
    fn format(&self, st: &mut State, mut line0: usize, line1: usize) {
        let column = st.widths.len();
        let mut this = line0;
        while this < line1 {
            if column + 1 >= st.lines.get(this).map_or(0, Vec::len) {
                this += 1;
                continue;
            }
            // A cell exists in this column: print the lines before the block.
            self.write_lines(st, line0, this);
            line0 = this;
            let mut width = self.minwidth;
            while this < line1 {
                let Some(line) = st.lines.get(this) else {
                    break;
                };
                if column + 1 >= line.len() {
                    break;
                }
                if let Some(c) = line.get(column) {
                    width = width.max(c.width + self.padding);
                }
                this += 1;
            }
            if self.remember_widths {
                match st.maxwidths.get_mut(column) {
                    Some(m) if *m > width => width = *m,
                    Some(m) => *m = width,
                    None => {
                        // Columns to the left are already remembered (they were
                        // formatted first); pad defensively with their widths.
                        while st.maxwidths.len() < column {
                            let w = st.widths.get(st.maxwidths.len()).copied().unwrap_or(0);
                            st.maxwidths.push(w);
                        }
                        st.maxwidths.push(width);
                    }
                }
            }
            st.widths.push(width);
            self.format(st, line0, this);
            st.widths.pop();
            line0 = this;
        }
        self.write_lines(st, line0, line1);
    }

    fn write_lines(&self, st: &mut State, line0: usize, line1: usize) {
        let total = st.lines.len();
        for i in line0..line1 {
            let Some(line) = st.lines.get(i) else {
                continue;
            };
            for (j, c) in line.iter().enumerate() {
                st.out.push_str(&c.text);
                if let Some(&w) = st.widths.get(j) {
                    for _ in c.width..w {
                        st.out.push(self.padchar);
                    }
                }
            }
            if i + 1 != total {
                st.out.push('\n');
            }
        }
    }
}

impl State {
    /// Go `terminateCell`: appends the current cell to the last line; returns the
    /// number of cells in that line.
    fn terminate_cell(&mut self) -> usize {
        let cell = std::mem::take(&mut self.cell);
        if self.lines.is_empty() {
            self.lines.push(Vec::new());
        }
        match self.lines.last_mut() {
            Some(line) => {
                line.push(cell);
                line.len()
            }
            None => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_like_go() {
        let t = TabWriter::KUBEADM;
        assert_eq!(
            t.render("a\tbb\tc\nxxx\ty\tz\n"),
            "a         bb        c\nxxx       y         z\n"
        );
        // Width counted in runes, not bytes.
        assert_eq!(t.render("é\tx\nab\ty\n"), "é         x\nab        y\n");
        // The text after the last tab is not aligned; no trailing newline is kept as is.
        assert_eq!(t.render("a\tb"), "a         b");
        assert_eq!(t.render(""), "");
    }

    #[test]
    fn blocks_and_flushes() {
        let t = TabWriter {
            minwidth: 0,
            padding: 1,
            padchar: '.',
            remember_widths: false,
        };
        // Column 1 exists only on lines 0 and 2 → two separate blocks.
        assert_eq!(
            t.render("a\tb\tc\nlonger\tx\nq\tr\ts\n"),
            "a......b.c\nlonger.x\nq......r.s\n"
        );
        // A single-cell line flushes: the next lines form new blocks.
        assert_eq!(t.render("aaaa\tb\nsolo\nc\td\n"), "aaaa.b\nsolo\nc.d\n");
        // \f flushes and is written as \n; \v separates cells.
        assert_eq!(t.render("aaaa\tb\u{c}c\u{b}d\n"), "aaaa.b\nc.d\n");
    }

    #[test]
    fn remember_widths_keeps_widest() {
        let t = TabWriter {
            minwidth: 0,
            padding: 1,
            padchar: '.',
            remember_widths: true,
        };
        assert_eq!(t.render("aaaa\tb\nsolo\nc\td\n"), "aaaa.b\nsolo\nc....d\n");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "[ -~\\t\\n\\u{b}\\u{c}éノ]{0,200}") {
            let out = TabWriter::KUBECTL.render(&text);
            // Every non-control character survives, in order.
            let keep = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            proptest::prop_assert_eq!(keep(&out), keep(&text));
        }
    }
}
