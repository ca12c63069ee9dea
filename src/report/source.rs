//! A miette source for one file, indexed by line once, so that rendering thousands of
//! diagnostics stays linear; columns count characters, and very long lines are shown as a
//! window around the label.

use crate::text::lines::{floor_char_boundary, LineIndex};
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// How many bytes of a long line are shown on each side of a label.
const WINDOW: usize = 120;

pub struct IndexedSource<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub lines: &'a LineIndex,
}

impl IndexedSource<'_> {
    fn ceil_boundary(&self, mut i: usize) -> usize {
        let t = self.text;
        if i >= t.len() {
            return t.len();
        }
        while !t.is_char_boundary(i) {
            i += 1;
        }
        i
    }
}

impl SourceCode for IndexedSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.text;
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first_line = self.lines.line_of(start);
        if before == 0 && after == 0 {
            let (line, col) = self.lines.position(text, start);
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.to_string(),
                &text.as_bytes()[start..end],
                *span,
                line - 1,
                col - 1,
                1,
            )));
        }
        let last_line = self.lines.line_of(end.saturating_sub(1).max(start));
        let lo_line = first_line.saturating_sub(before);
        let hi_line = (last_line + after).min(self.lines.len() - 1);
        let mut lo = self.lines.line_start(lo_line);
        let (_, mut hi) = self.lines.line_range(text, hi_line);
        let mut lo_line = lo_line;
        let mut hi_line = hi_line;
        let mut column = 0;
        if hi - lo > 4 * WINDOW {
            // A long line: show a window around the label only.
            lo_line = first_line;
            hi_line = last_line;
            let line_start = self.lines.line_start(first_line);
            lo = floor_char_boundary(text, start.saturating_sub(WINDOW).max(line_start));
            let (_, line_end) = self.lines.line_range(text, last_line);
            hi = self.ceil_boundary((end + WINDOW).min(line_end.max(end)));
            let _ = line_start;
            column = self.lines.position(text, lo).1 - 1;
        }
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            &text.as_bytes()[lo..hi],
            SourceSpan::from((lo, hi - lo)),
            self.lines.first_line() + lo_line,
            column,
            hi_line - lo_line + 1,
        )))
    }
}
