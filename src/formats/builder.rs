//! Shared machinery of the structured formats: building the masked copy and its segments from
//! pieces of text and markup given in file order, and turning directive comments into
//! suppressions.

use super::{
    directive, next_line, Directive, Extracted, FormatError, Segment, Span, Suppression, MASK,
};

/// Builds a masked copy of `text` and its segments.
///
/// The copy starts all [`MASK`] (line breaks kept). Pieces of translatable text are copied in
/// with [`Builder::text`]; markup between two pieces of text of one segment, given with
/// [`Builder::markup`], becomes spaces; [`Builder::cut`] marks something between two pieces
/// that must not be read through (skipped code): the markup around it stays masked.
pub(crate) struct Builder<'a> {
    text: &'a str,
    out: Vec<u8>,
    segments: Vec<Segment>,
    /// First and last byte of text in the open segment (none yet: `None`).
    open: Option<(usize, usize)>,
    /// Markup since the last piece of text of the open segment.
    pending: Vec<(usize, usize)>,
    /// Whether the gap since the last piece of text may be read through.
    joinable: bool,
}

impl<'a> Builder<'a> {
    pub fn new(text: &'a str) -> Self {
        let out = text
            .bytes()
            .map(|b| if b == b'\n' || b == b'\r' { b } else { MASK })
            .collect();
        Builder {
            text,
            out,
            segments: Vec::new(),
            open: None,
            pending: Vec::new(),
            joinable: true,
        }
    }

    /// A piece of translatable text, `text[start..end]` (char boundaries).
    pub fn text(&mut self, start: usize, end: usize) {
        let end = end.min(self.text.len());
        if start >= end {
            return;
        }
        if self.open.is_some() && self.joinable {
            for &(s, e) in &self.pending {
                self.out[s..e].fill(b' ');
            }
        }
        self.pending.clear();
        self.joinable = true;
        self.out[start..end].copy_from_slice(&self.text.as_bytes()[start..end]);
        self.open = Some(match self.open {
            Some((s, _)) => (s, end),
            None => (start, end),
        });
    }

    /// Line breaks in `start..end` become spaces: the lines are one sentence (a subtitle
    /// cue), and sentence windows must not stop at them.
    pub fn join_lines(&mut self, start: usize, end: usize) {
        let end = end.min(self.out.len());
        for b in &mut self.out[start.min(end)..end] {
            if *b == b'\n' || *b == b'\r' {
                *b = b' ';
            }
        }
    }

    /// Markup inside the open segment: spaces when text follows in the same segment.
    pub fn markup(&mut self, start: usize, end: usize) {
        let end = end.min(self.text.len());
        if self.open.is_some() && start < end {
            self.pending.push((start, end));
        }
    }

    /// Something that must not be read through (skipped code) since the last piece of text.
    pub fn cut(&mut self) {
        self.joinable = false;
    }

    /// Closes the open segment; returns its index in the segments when it has any text that
    /// is not white space.
    pub fn end_segment(&mut self, source: Option<String>) -> Option<usize> {
        self.pending.clear();
        self.joinable = true;
        let (mut s, mut e) = self.open.take()?;
        while s < e && is_space(self.out[s]) {
            s += 1;
        }
        while e > s && is_space(self.out[e - 1]) {
            e -= 1;
        }
        if s >= e {
            return None;
        }
        self.segments.push(Segment {
            start: s,
            end: e,
            source,
        });
        Some(self.segments.len() - 1)
    }

    /// Sets the source of a segment already closed.
    pub fn set_source(&mut self, index: usize, source: String) {
        if let Some(seg) = self.segments.get_mut(index) {
            seg.source = Some(source);
        }
    }

    pub fn finish(
        mut self,
        lang: Option<String>,
        suppressions: Vec<Suppression>,
        errors: Vec<FormatError>,
    ) -> Extracted {
        self.end_segment(None);
        let masked = match crate::text::utf8::try_into_string(self.out) {
            Ok(s) => s,
            Err(bytes) => {
                // Only a piece cut inside a character could get here: mask every non-ASCII
                // byte rather than lose the offsets.
                debug_assert!(false, "masked copy is not UTF-8");
                bytes
                    .into_iter()
                    .map(|b| if b.is_ascii() { b } else { MASK })
                    .map(char::from)
                    .collect()
            }
        };
        Extracted {
            masked,
            segments: self.segments,
            lang,
            suppressions,
            errors,
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

/// Suppressions from directive comments: `glosa-ignore` scopes the next line, `glosa off` …
/// `glosa on` the span between them (to the end of the file when never turned on).
#[derive(Default)]
pub(crate) struct Directives {
    pub suppressions: Vec<Suppression>,
    /// The `glosa off` comment in force.
    off: Option<(usize, usize)>,
}

impl Directives {
    /// A comment `text[at..at_end]` whose inner text is `body`. Returns the index of the
    /// suppression an ignore directive made.
    pub fn comment(&mut self, text: &str, at: usize, at_end: usize, body: &str) -> Option<usize> {
        match directive(body)? {
            Directive::Ignore(codes) => {
                let scope = next_line(text, at_end.saturating_sub(1).max(at));
                self.suppressions.push(Suppression {
                    at,
                    at_end,
                    scope,
                    codes,
                });
                Some(self.suppressions.len() - 1)
            }
            Directive::Off => {
                if self.off.is_none() {
                    self.off = Some((at, at_end));
                }
                None
            }
            Directive::On => {
                if let Some((s, e)) = self.off.take() {
                    self.suppressions.push(Suppression {
                        at: s,
                        at_end: e,
                        scope: Span {
                            start: s,
                            end: at_end,
                        },
                        codes: Vec::new(),
                    });
                }
                None
            }
        }
    }

    /// The suppressions, a `glosa off` never turned on reaching to `len`, in order of scope.
    pub fn finish(mut self, len: usize) -> Vec<Suppression> {
        if let Some((s, e)) = self.off.take() {
            self.suppressions.push(Suppression {
                at: s,
                at_end: e,
                scope: Span { start: s, end: len },
                codes: Vec::new(),
            });
        }
        self.suppressions.sort_by_key(|s| (s.scope.start, s.at));
        self.suppressions
    }
}

/// Length of a UTF-8 byte order mark at the start of `text` (0 or 3).
pub(crate) fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{FEFF}') {
        3
    } else {
        0
    }
}

/// Resolves an XML/HTML character reference body (`#233`, `#xE9`) or one of the five XML
/// entities (`amp`, `lt`, `gt`, `quot`, `apos`); `None` for anything else.
pub(crate) fn resolve_reference(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(code);
    }
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{A0}'),
        _ => None,
    }
}

/// The end of the character reference starting at `&` at `amp` (`&name;`, `&#123;`, `&#x1F;`),
/// not past `limit`; `None` when it is a lone ampersand.
pub(crate) fn entity_end(b: &[u8], amp: usize, limit: usize) -> Option<usize> {
    let mut k = amp + 1;
    if b.get(k) == Some(&b'#') {
        k += 1;
        let hex = matches!(b.get(k), Some(b'x' | b'X'));
        if hex {
            k += 1;
        }
        let digits = k;
        while k < limit
            && (if hex {
                b[k].is_ascii_hexdigit()
            } else {
                b[k].is_ascii_digit()
            })
        {
            k += 1;
        }
        if k == digits {
            return None;
        }
        if k < limit && b[k] == b';' {
            k += 1;
        }
        return Some(k);
    }
    if !(k < limit && b[k].is_ascii_alphabetic()) {
        return None;
    }
    while k < limit && k - amp <= 32 && b[k].is_ascii_alphanumeric() {
        k += 1;
    }
    (k < limit && b[k] == b';').then_some(k + 1)
}

/// Checks every invariant of an extraction of `text` (for the tests of each format).
#[cfg(test)]
pub(crate) fn assert_valid(text: &str, x: &Extracted) {
    assert_eq!(x.masked.len(), text.len(), "masked length");
    let mut last = 0;
    for seg in &x.segments {
        assert!(seg.start < seg.end, "empty segment {seg:?}");
        assert!(
            seg.start >= last,
            "segments overlap or out of order: {:?}",
            x.segments
        );
        assert!(text.is_char_boundary(seg.start) && text.is_char_boundary(seg.end));
        assert!(x.masked.is_char_boundary(seg.start) && x.masked.is_char_boundary(seg.end));
        last = seg.end;
    }
    // Every byte is the original, a MASK or a space.
    for (i, (a, b)) in text.bytes().zip(x.masked.bytes()).enumerate() {
        assert!(
            a == b || b == MASK || b == b' ',
            "byte {i}: {a:#x} became {b:#x}"
        );
    }
    for s in &x.suppressions {
        assert!(s.at <= s.at_end && s.at_end <= text.len());
        assert!(s.scope.start <= s.scope.end && s.scope.end <= text.len());
    }
    for e in &x.errors {
        assert!(e.offset <= text.len(), "error offset {e:?}");
    }
}

/// The segments of an extraction as text (for tests).
#[cfg(test)]
pub(crate) fn seg_texts<'t>(text: &'t str, x: &Extracted) -> Vec<&'t str> {
    x.segments.iter().map(|s| &text[s.start..s.end]).collect()
}

/// The masked text of each segment (for tests).
#[cfg(test)]
pub(crate) fn seg_masked(x: &Extracted) -> Vec<&str> {
    x.segments
        .iter()
        .map(|s| &x.masked[s.start..s.end])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_markup_between_text_and_cuts_at_code() {
        let t = "a<b>c</b>d<x>e";
        let mut b = Builder::new(t);
        b.text(0, 1);
        b.markup(1, 4);
        b.text(4, 5);
        b.markup(5, 9);
        b.cut();
        b.text(9, 10);
        b.markup(10, 13);
        b.end_segment(None);
        b.text(13, 14);
        let x = b.finish(None, vec![], vec![]);
        assert_eq!(
            x.masked,
            "a   c\u{1a}\u{1a}\u{1a}\u{1a}d\u{1a}\u{1a}\u{1a}e"
        );
        assert_eq!(seg_texts(t, &x), ["a<b>c</b>d", "e"]);
        assert_valid(t, &x);
    }

    #[test]
    fn segments_are_trimmed_and_blank_ones_dropped() {
        let t = "  \n  x y \n";
        let mut b = Builder::new(t);
        b.text(0, 5);
        assert_eq!(b.end_segment(None), None);
        b.text(5, t.len());
        assert_eq!(b.end_segment(Some("s".into())), Some(0));
        let x = b.finish(None, vec![], vec![]);
        assert_eq!(seg_texts(t, &x), ["x y"]);
        assert_eq!(x.segments[0].source.as_deref(), Some("s"));
    }

    #[test]
    fn directive_comments() {
        let t = "<!-- glosa-ignore a/b -->\nline\n<!-- glosa off -->x\n<!-- glosa on -->\n<!-- glosa off -->\nend";
        let mut d = Directives::default();
        for (at, _) in t.match_indices("<!--") {
            let Some(e) = t[at..].find("-->").map(|i| at + i + 3) else {
                continue;
            };
            d.comment(t, at, e, &t[at + 4..e - 3]);
        }
        let s = d.finish(t.len());
        assert_eq!(s.len(), 3);
        assert_eq!(&t[s[0].scope.start..s[0].scope.end], "line");
        assert_eq!(s[0].codes, ["a/b"]);
        assert!(t[s[1].scope.start..s[1].scope.end].starts_with("<!-- glosa off -->x"));
        assert!(t[s[1].scope.start..s[1].scope.end].ends_with("<!-- glosa on -->"));
        assert_eq!(s[2].scope.end, t.len());
    }

    use proptest::prelude::*;

    /// Pieces that mean something to one format or another.
    const PIECES: &[&str] = &[
        "<",
        ">",
        "/",
        "\"",
        "'",
        "&",
        ";",
        "#",
        "\\",
        "\n",
        "\r\n",
        " ",
        "=",
        "-->",
        "<!--",
        "glosa-ignore x",
        "glosa off",
        "glosa on",
        "é",
        "日本",
        "\u{FEFF}",
        "a",
        "word ",
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<code>",
        "</code>",
        "<script>",
        "</script>",
        "<title>",
        "<img alt=\"x\">",
        "&amp;",
        "&#233;",
        "&nbsp;",
        "<![CDATA[",
        "]]>",
        "<?xml version=\"1.0\"?>",
        "msgid ",
        "msgstr ",
        "msgstr[1] ",
        "msgid_plural ",
        "msgctxt ",
        "#~ ",
        "# ",
        "\"\"",
        "<xliff version=\"1.2\">",
        "<file target-language=\"es\">",
        "<trans-unit id=\"1\">",
        "</trans-unit>",
        "<unit id=\"u\"><segment>",
        "</segment></unit>",
        "<source>",
        "</source>",
        "<target>",
        "</target>",
        "<g id=\"1\">",
        "</g>",
        "<x id=\"2\"/>",
        "<ph>",
        "</ph>",
        "1\n",
        "00:00:01,000 --> 00:00:02,000",
        "00:01.000 --> 00:02.000 align:start",
        "WEBVTT",
        "NOTE ",
        "STYLE",
        "{\\an8}",
        "<v Ana>",
        "<c.x>",
        "</c>",
    ];

    fn check_all(t: &str) {
        assert_valid(t, &super::super::html::extract(t));
        assert_valid(t, &super::super::po::extract(t));
        assert_valid(t, &super::super::xliff::extract(t));
        assert_valid(t, &super::super::subtitles::extract_srt(t));
        assert_valid(t, &super::super::subtitles::extract_vtt(t));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Whatever the input, every format keeps the invariants and never panics.
        #[test]
        fn every_format_keeps_the_invariants(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..60)
        ) {
            check_all(&pieces.concat());
        }

        #[test]
        fn every_format_survives_arbitrary_text(t in "\\PC{0,200}") {
            check_all(&t);
        }
    }

    #[test]
    fn references() {
        assert_eq!(resolve_reference("#233"), Some('é'));
        assert_eq!(resolve_reference("#xE9"), Some('é'));
        assert_eq!(resolve_reference("amp"), Some('&'));
        assert_eq!(resolve_reference("#xZZ"), None);
        assert_eq!(resolve_reference("#99999999999"), None);
        assert_eq!(resolve_reference("custom"), None);
    }
}
