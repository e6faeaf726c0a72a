//! A Go `text/tabwriter` for whole strings (write everything, then `Flush`), with the
//! `RememberWidths` flag of `github.com/liggitt/tabwriter` that kubectl's table printer
//! uses. Only what the `token list` printers need: left alignment, padding with a
//! non-tab character, the 0xff `Escape` (without `StripEscape`), no
//! `FilterHTML`/`Debug`/`DiscardEmptyColumns`. It works on bytes, as Go's does.
//!
//! Semantics (Go `text/tabwriter`):
//! * `\t` and `\v` terminate a cell; `\n` and `\f` terminate a line (both are written
//!   out as `\n`).
//! * A column block is a run of consecutive lines that have a cell in that column; the
//!   text after a line's last tab is not a cell of any column.
//! * Width = max(cell width + padding) over the block, at least `minwidth`. Cell widths
//!   are counted in runes (`utf8.RuneCount`: a byte outside valid UTF-8 is one rune).
//! * Byte 0xff starts an escaped run that ends at the next 0xff (or at the flush): `\t`,
//!   `\n` inside it are text, and the run's width leaves out the two 0xff bytes.
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
    text: Vec<u8>,
    /// Bytes of `text` already counted in `width` (Go's `pos`).
    counted: usize,
    /// Go's `cell.width`: runes, less 2 per escaped run (it may go below zero).
    width: isize,
}

impl Cell {
    /// Go `updateWidth`: counts the runes added since the last count.
    fn update_width(&mut self) {
        let n = go_rune_count(self.text.get(self.counted..).unwrap_or_default());
        self.width += isize::try_from(n).unwrap_or(isize::MAX);
        self.counted = self.text.len();
    }
}

/// Go `utf8.RuneCount`: each byte that is not part of a valid UTF-8 sequence counts as one.
pub(crate) fn go_rune_count(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .map(|c| c.valid().chars().count() + c.invalid().len())
        .sum()
}

/// Go's `text/tabwriter` escape character: text between two of them is one unit (tabs
/// and newlines inside do not split it), written as is, counted without the two escapes.
pub(crate) const ESCAPE: u8 = 0xff;

struct State {
    out: Vec<u8>,
    lines: Vec<Vec<Cell>>,
    cell: Cell,
    in_escape: bool,
    widths: Vec<isize>,
    maxwidths: Vec<isize>,
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

    /// Writes `text` through a fresh writer and flushes it, on bytes as Go's writer works:
    /// cell widths in runes (a byte outside valid UTF-8 counts as one), byte 0xff
    /// ([`ESCAPE`]) starting and ending an escaped run.
    pub fn render(&self, text: &[u8]) -> Vec<u8> {
        let mut st = State {
            out: Vec::with_capacity(text.len() * 2),
            lines: vec![Vec::new()],
            cell: Cell::default(),
            in_escape: false,
            widths: Vec::new(),
            maxwidths: Vec::new(),
        };
        for &b in text {
            if st.in_escape {
                st.cell.text.push(b);
                if b == ESCAPE {
                    st.end_escape();
                }
                continue;
            }
            match b {
                b'\t' | b'\x0b' | b'\n' | b'\x0c' => {
                    st.cell.update_width();
                    let ncells = st.terminate_cell();
                    if b == b'\n' || b == b'\x0c' {
                        st.lines.push(Vec::new());
                        if b == b'\x0c' || ncells == 1 {
                            self.flush(&mut st);
                        }
                    }
                }
                ESCAPE => {
                    st.cell.update_width();
                    st.cell.text.push(b);
                    st.in_escape = true;
                }
                _ => st.cell.text.push(b),
            }
        }
        // Flush: a pending partial cell (an open escape ends there) becomes the last cell
        // of the last line.
        if !st.cell.text.is_empty() {
            if st.in_escape {
                st.end_escape();
            }
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
            let mut width = isize::try_from(self.minwidth).unwrap_or(0);
            while this < line1 {
                let Some(line) = st.lines.get(this) else {
                    break;
                };
                if column + 1 >= line.len() {
                    break;
                }
                if let Some(c) = line.get(column) {
                    width = width.max(c.width + isize::try_from(self.padding).unwrap_or(0));
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
            let mut pad = [0u8; 4];
            let pad = self.padchar.encode_utf8(&mut pad).as_bytes();
            for (j, c) in line.iter().enumerate() {
                st.out.extend_from_slice(&c.text);
                if let Some(&w) = st.widths.get(j) {
                    for _ in c.width..w {
                        st.out.extend_from_slice(pad);
                    }
                }
            }
            if i + 1 != total {
                st.out.push(b'\n');
            }
        }
    }
}

impl State {
    /// Go `endEscape` for [`ESCAPE`]: count the run, less its two escape bytes.
    fn end_escape(&mut self) {
        self.cell.update_width();
        self.cell.width -= 2;
        self.in_escape = false;
    }

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

    impl TabWriter {
        fn text(&self, s: &str) -> String {
            String::from_utf8(self.render(s.as_bytes())).unwrap()
        }
    }

    #[test]
    fn aligns_like_go() {
        let t = TabWriter::KUBEADM;
        assert_eq!(
            t.text("a\tbb\tc\nxxx\ty\tz\n"),
            "a         bb        c\nxxx       y         z\n"
        );
        // Width counted in runes, not bytes.
        assert_eq!(t.text("é\tx\nab\ty\n"), "é         x\nab        y\n");
        // The text after the last tab is not aligned; no trailing newline is kept as is.
        assert_eq!(t.text("a\tb"), "a         b");
        assert_eq!(t.text(""), "");
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
            t.text("a\tb\tc\nlonger\tx\nq\tr\ts\n"),
            "a......b.c\nlonger.x\nq......r.s\n"
        );
        // A single-cell line flushes: the next lines form new blocks.
        assert_eq!(t.text("aaaa\tb\nsolo\nc\td\n"), "aaaa.b\nsolo\nc.d\n");
        // \f flushes and is written as \n; \v separates cells.
        assert_eq!(t.text("aaaa\tb\u{c}c\u{b}d\n"), "aaaa.b\nc.d\n");
    }

    #[test]
    fn remember_widths_keeps_widest() {
        let t = TabWriter {
            minwidth: 0,
            padding: 1,
            padchar: '.',
            remember_widths: true,
        };
        assert_eq!(t.text("aaaa\tb\nsolo\nc\td\n"), "aaaa.b\nsolo\nc....d\n");
    }

    #[test]
    fn bytes_and_the_escape() {
        let t = TabWriter {
            minwidth: 0,
            padding: 1,
            padchar: '.',
            remember_widths: false,
        };
        // A byte outside UTF-8 is one rune wide.
        assert_eq!(t.render(b"caf\xe9\tx\nab\ty\n"), b"caf\xe9.x\nab...y\n");
        // 0xff..0xff is one unit: the tab inside is text, the escapes are not counted.
        assert_eq!(
            t.render(b"\xffa\tb\xff\tx\nc\ty\n"),
            b"\xffa\tb\xff.x\nc...y\n"
        );
        // An escape left open runs to the flush and still loses two from its width.
        assert_eq!(t.render(b"a\tb\n\xff\xfe\tz\n"), b"a.b\n\xff\xfe\tz\n");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "[ -~\\t\\n\\u{b}\\u{c}éノ]{0,200}") {
            let out = TabWriter::KUBECTL.text(&text);
            // Every non-control character survives, in order.
            let keep = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            proptest::prop_assert_eq!(keep(&out), keep(&text));
        }
    }
}
