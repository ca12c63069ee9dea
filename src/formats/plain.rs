//! Plain text: paragraphs separated by blank lines; a very long paragraph is cut at line or
//! sentence ends so that memory per segment stays bounded.

use super::Span;

/// Longest segment handed to the checks, in bytes (cut at a line break or sentence end).
pub const MAX_SEGMENT: usize = 64 * 1024;

/// The paragraphs of `text`.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    paragraphs_in(text, 0, text.len(), &mut out);
    out
}

/// Appends the paragraphs of `text[from..to]`.
pub fn paragraphs_in(text: &str, from: usize, to: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut start = from;
    let mut line_start = from;
    let mut i = from;
    while i < to {
        let Some(nl) = memchr::memchr(b'\n', &bytes[i..to]) else {
            break;
        };
        let line_end = i + nl;
        let blank = bytes[line_start..line_end]
            .iter()
            .all(|b| b.is_ascii_whitespace());
        if blank {
            push(text, start, line_start, out);
            start = line_end + 1;
        }
        line_start = line_end + 1;
        i = line_end + 1;
    }
    push(text, start, to, out);
}

fn push(text: &str, mut start: usize, end: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    while start < end && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    if start >= end {
        return;
    }
    while end - start > MAX_SEGMENT {
        let cut = cut_point(text, start, start + MAX_SEGMENT);
        out.push(Span { start, end: cut });
        start = cut;
    }
    out.push(Span { start, end });
}

/// A good place to cut `text[start..limit]`: the last line break, else the last ". ", else the
/// last space, else a char boundary.
fn cut_point(text: &str, start: usize, limit: usize) -> usize {
    let window = &text.as_bytes()[start..limit];
    if let Some(i) = memchr::memrchr(b'\n', window) {
        if i > 0 {
            return start + i + 1;
        }
    }
    if let Some(i) = memchr::memmem::rfind(window, b". ") {
        if i > 0 {
            return start + i + 2;
        }
    }
    if let Some(i) = memchr::memrchr(b' ', window) {
        if i > 0 {
            return start + i + 1;
        }
    }
    crate::text::lines::floor_char_boundary(text, limit).max(start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_blank_lines() {
        let t = "Uno dos.\nTres.\n\n  \nCuatro.\r\n\r\nCinco";
        let p: Vec<&str> = paragraphs(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(p, ["Uno dos.\nTres.\n", "Cuatro.\r\n", "Cinco"]);
    }

    #[test]
    fn cuts_huge_paragraphs() {
        let t = "palabra ".repeat(30_000);
        let p = paragraphs(&t);
        assert!(p.len() > 1);
        assert!(p.iter().all(|s| s.end - s.start <= MAX_SEGMENT));
        assert_eq!(p.last().unwrap().end, t.len());
        for w in p.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
    }
}
