//! File formats → translatable segments with byte offsets into the original file.
//!
//! Every format produces an [`Extracted`]: a *masked* copy of the file of the same length, where
//! everything that is not translatable text (markup, code, keys, timings, quotes and escapes)
//! is replaced by [`MASK`], plus the segments to check, the declared language, and the inline
//! suppressions. Findings on the masked copy therefore carry the original file's offsets.

mod builder;
pub mod html;
pub mod markdown;
pub mod plain;
pub mod po;
pub mod subtitles;
pub mod xliff;

/// The neutral byte for non-translatable text: not a word, not white space.
pub const MASK: u8 = 0x1A;

/// A translatable span of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One translatable segment: a byte range of the file, and the source text it translates
/// when the format keeps one (PO msgid, XLIFF source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub source: Option<String>,
}

/// An inline suppression comment: findings inside `scope` whose rule is in `codes` (every rule
/// when `codes` is empty) are dropped. `at..at_end` is the comment itself, where a warning for
/// a suppression that suppresses nothing points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub at: usize,
    pub at_end: usize,
    pub scope: Span,
    pub codes: Vec<String>,
}

/// A problem with the file's structure (malformed PO or XML), at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub offset: usize,
    pub message: String,
}

/// What a format gives the linter.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Same byte length as the file; translatable text kept as is, the rest [`MASK`] (or spaces
    /// where two pieces of one sentence meet, e.g. emphasis markers, PO string continuations).
    pub masked: String,
    /// Segments to check, in file order, not overlapping. When empty, the masked text is split
    /// into paragraphs like plain text.
    pub segments: Vec<Segment>,
    /// Target language the file declares (PO `Language:`, XLIFF `target-language`/`trgLang`,
    /// HTML `lang`), as given.
    pub lang: Option<String>,
    pub suppressions: Vec<Suppression>,
    pub errors: Vec<FormatError>,
}

/// What an inline comment asks for, from its text (without the comment markers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// `glosa-ignore [CODE...]`: the next line (in PO, the entry).
    Ignore(Vec<String>),
    /// `glosa off` / `glosa-disable`
    Off,
    /// `glosa on` / `glosa-enable`
    On,
}

/// Parses a comment's text as a glosa directive (`glosa-ignore CODE...`, `glosa off`, `glosa on`).
pub fn directive(comment: &str) -> Option<Directive> {
    let mut words = comment.split_whitespace();
    match words.next()? {
        "glosa-ignore" => Some(Directive::Ignore(
            words.map(|w| w.trim_end_matches(',').to_string()).collect(),
        )),
        "glosa-disable" => Some(Directive::Off),
        "glosa-enable" => Some(Directive::On),
        "glosa" => match words.next()? {
            "off" => Some(Directive::Off),
            "on" => Some(Directive::On),
            _ => None,
        },
        _ => None,
    }
}

/// The byte range of the line after the one containing `offset` (empty at the end of text).
pub fn next_line(text: &str, offset: usize) -> Span {
    let b = text.as_bytes();
    let start = memchr::memchr(b'\n', &b[offset.min(b.len())..])
        .map(|i| offset + i + 1)
        .unwrap_or(b.len());
    let end = memchr::memchr(b'\n', &b[start..])
        .map(|i| start + i)
        .unwrap_or(b.len());
    Span { start, end }
}

/// Suppressions from comments (`<!-- glosa-ignore ... -->`, `glosa off`/`glosa on`), given
/// each comment's byte range and inner text, in file order.
pub fn suppressions_from_comments(
    text: &str,
    comments: &[(std::ops::Range<usize>, &str)],
) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut off: Option<std::ops::Range<usize>> = None;
    for (range, body) in comments {
        match directive(body) {
            Some(Directive::Ignore(codes)) => out.push(Suppression {
                at: range.start,
                at_end: range.end,
                scope: next_line(text, range.end.saturating_sub(1)),
                codes,
            }),
            Some(Directive::Off) if off.is_none() => off = Some(range.clone()),
            Some(Directive::On) => {
                if let Some(o) = off.take() {
                    out.push(Suppression {
                        at: o.start,
                        at_end: o.end,
                        scope: Span {
                            start: o.end,
                            end: range.start,
                        },
                        codes: Vec::new(),
                    });
                }
            }
            Some(Directive::Off) | None => {}
        }
    }
    if let Some(o) = off {
        out.push(Suppression {
            at: o.start,
            at_end: o.end,
            scope: Span {
                start: o.end,
                end: text.len(),
            },
            codes: Vec::new(),
        });
    }
    out
}

/// The translatable text of a file of the given format; `None` for plain text, which is
/// checked as it is.
pub fn extract(text: &str, format: Format) -> Option<Extracted> {
    match format {
        Format::Plain => None,
        Format::Markdown => Some(markdown::extract(text)),
        Format::Html => Some(html::extract(text)),
        Format::Po => Some(po::extract(text)),
        Format::Xliff => Some(xliff::extract(text)),
        Format::Srt => Some(subtitles::extract_srt(text)),
        Format::Vtt => Some(subtitles::extract_vtt(text)),
    }
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
    Html,
    Po,
    Xliff,
    Srt,
    Vtt,
}

impl Format {
    /// The format of a file, by its extension (plain text when unknown).
    pub fn of_path(path: &std::path::Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("po" | "pot") => Format::Po,
            Some("xlf" | "xliff" | "sdlxliff" | "mxliff") => Format::Xliff,
            Some("srt") => Format::Srt,
            Some("vtt") => Format::Vtt,
            _ => Format::Plain,
        }
    }

    /// Characters a replacement may not contain without escaping in this format (a fix that
    /// needs them is shown, not applied).
    pub fn needs_escape(self, replacement: &str) -> bool {
        match self {
            Format::Plain | Format::Srt | Format::Vtt => false,
            Format::Markdown => replacement.contains(['*', '_', '`', '<', '[', ']']),
            Format::Html | Format::Xliff => replacement.contains(['<', '>', '&', '"']),
            Format::Po => replacement.contains(['"', '\\', '\n']),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        assert_eq!(
            directive(" glosa-ignore es/track-as-sector, mt/doubled-word "),
            Some(Directive::Ignore(vec![
                "es/track-as-sector".into(),
                "mt/doubled-word".into()
            ]))
        );
        assert_eq!(directive("glosa-ignore"), Some(Directive::Ignore(vec![])));
        assert_eq!(directive("glosa off"), Some(Directive::Off));
        assert_eq!(directive("glosa on"), Some(Directive::On));
        assert_eq!(directive("glosary"), None);
        assert_eq!(directive("a comment"), None);
    }

    #[test]
    fn next_line_ranges() {
        let t = "a\nbc\nd";
        assert_eq!(next_line(t, 0), Span { start: 2, end: 4 });
        assert_eq!(next_line(t, 3), Span { start: 5, end: 6 });
        assert_eq!(next_line(t, 5), Span { start: 6, end: 6 });
    }
}
