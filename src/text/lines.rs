//! Line index: byte offset → 1-based line and character column, in O(log n).

/// Start offsets of every line of a text. Remembers the last position it computed, so that
/// positions asked in increasing order on one long line cost only the distance between them.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Lines before the text (a chunk of a larger file): added to every line number given out.
    first_line: usize,
    /// (offset, 0-based line, 0-based column) of the last position computed.
    last: std::sync::Mutex<(usize, usize, usize)>,
}

impl Clone for LineIndex {
    fn clone(&self) -> Self {
        LineIndex {
            starts: self.starts.clone(),
            first_line: self.first_line,
            last: std::sync::Mutex::new((0, 0, 0)),
        }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        Self::starting_at_line(text, 0)
    }

    /// The index of a chunk of a file that starts after `first_line` lines: line numbers
    /// given out by [`LineIndex::position`] and [`LineCursor`] are the file's.
    pub fn starting_at_line(text: &str, first_line: usize) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            first_line,
            last: std::sync::Mutex::new((0, 0, 0)),
        }
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// Number of lines (a final line without newline counts).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// Byte range of 0-based `line`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.line_start(line);
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (start, end)
    }

    /// Lines before the text (see [`LineIndex::starting_at_line`]).
    pub fn first_line(&self) -> usize {
        self.first_line
    }

    /// 1-based line (of the file) and 1-based column counted in characters.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let offset = floor_char_boundary(text, offset);
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let (last_off, last_line, last_col) = *last;
        let column = if last_line == line && last_off <= offset && last_off >= self.starts[line] {
            last_col + text[last_off..offset].chars().count()
        } else {
            text[self.starts[line]..offset].chars().count()
        };
        *last = (offset, line, column);
        (self.first_line + line + 1, column + 1)
    }
}

/// Positions asked in increasing order, without locking or searching: for reporters that walk
/// a file's findings in order.
pub struct LineCursor<'a> {
    index: &'a LineIndex,
    line: usize,
    offset: usize,
    column: usize,
}

impl<'a> LineCursor<'a> {
    pub fn new(index: &'a LineIndex) -> Self {
        LineCursor {
            index,
            line: 0,
            offset: 0,
            column: 0,
        }
    }

    /// 1-based line and character column of `offset`.
    pub fn position(&mut self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset);
        if offset < self.offset {
            let (line, column) = self.index.position(text, offset);
            self.line = line - 1 - self.index.first_line;
            self.offset = offset;
            self.column = column - 1;
            return (line, column);
        }
        let starts = &self.index.starts;
        if starts.get(self.line + 1).is_some_and(|&s| s <= offset) {
            self.line = self.index.line_of(offset);
            self.offset = starts[self.line];
            self.column = 0;
        }
        self.column += text[self.offset..offset].chars().count();
        self.offset = offset;
        (self.index.first_line + self.line + 1, self.column + 1)
    }
}

/// The largest char boundary not above `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "uno\ndós tres\r\ncuatro";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 3);
        assert_eq!(idx.position(text, 0), (1, 1));
        let tres = text.find("tres").unwrap();
        assert_eq!(idx.position(text, tres), (2, 5));
        let cuatro = text.find("cuatro").unwrap();
        assert_eq!(idx.position(text, cuatro), (3, 1));
        // Out of order on the same line still counts from the line start.
        assert_eq!(idx.position(text, tres + 2), (2, 7));
        assert_eq!(idx.position(text, tres), (2, 5));
        assert_eq!(idx.line_range(text, 1), (4, 13));
        let mut c = LineCursor::new(&idx);
        assert_eq!(c.position(text, tres), (2, 5));
        assert_eq!(c.position(text, tres + 2), (2, 7));
        assert_eq!(c.position(text, cuatro), (3, 1));
        assert_eq!(c.position(text, 0), (1, 1));
        // A chunk that starts at line 41 of its file.
        let chunk = LineIndex::starting_at_line(text, 40);
        assert_eq!(chunk.position(text, tres), (42, 5));
        let mut c = LineCursor::new(&chunk);
        assert_eq!(c.position(text, cuatro), (43, 1));
        assert_eq!(c.position(text, tres), (42, 5));
        assert_eq!(c.position(text, tres + 2), (42, 7));
    }
}
