//! Subtitles, SubRip (`.srt`) and WebVTT (`.vtt`): the text of each cue is one segment, its
//! lines joined with their line break kept. Cue numbers and identifiers, timing lines (with
//! VTT cue settings or SRT coordinates), the `WEBVTT` header, `NOTE`, `STYLE` and `REGION`
//! blocks are masked; so are inline tags (`<i>`, `<b>`, `<font …>`, `<c.x>`, `<v Speaker>`,
//! `<00:00:01.000>`), ASS overrides (`{\an8}`) and, in VTT, character references (`&amp;`),
//! which become spaces between two words.
//!
//! In VTT, a `NOTE glosa-ignore CODE…` block suppresses in the next cue, `NOTE glosa off` …
//! `NOTE glosa on` between the two. A block without a timing line, a malformed timing, a
//! missing `WEBVTT` header are reported in `errors`; the other cues are still extracted.

use super::builder::{bom_len, entity_end, Builder, Directives};
use super::{Extracted, FormatError, Span};

/// The cues of a SubRip file.
pub fn extract_srt(text: &str) -> Extracted {
    extract(text, false)
}

/// The cues of a WebVTT file.
pub fn extract_vtt(text: &str) -> Extracted {
    extract(text, true)
}

/// The cues of a subtitle file: WebVTT when `vtt`, else SubRip.
pub fn extract(text: &str, vtt: bool) -> Extracted {
    let mut s = Subs {
        text,
        b: text.as_bytes(),
        vtt,
        out: Builder::new(text),
        dirs: Directives::default(),
        errors: Vec::new(),
        pending_ignore: None,
    };
    s.run();
    let suppressions = s.dirs.finish(text.len());
    s.out.finish(None, suppressions, s.errors)
}

/// A line: its start, and its end before the line break.
type Line = (usize, usize);

struct Subs<'a> {
    text: &'a str,
    b: &'a [u8],
    vtt: bool,
    out: Builder<'a>,
    dirs: Directives,
    errors: Vec<FormatError>,
    /// A `NOTE glosa-ignore` suppression waiting for the next cue.
    pending_ignore: Option<usize>,
}

/// Whether `line` is `word` alone or followed by white space.
fn starts_with_word(line: &str, word: &str) -> bool {
    line.strip_prefix(word)
        .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
}

impl<'a> Subs<'a> {
    fn error(&mut self, offset: usize, message: impl Into<String>) {
        self.errors.push(FormatError {
            offset,
            message: message.into(),
        });
    }

    fn line(&self, l: Line) -> &'a str {
        &self.text[l.0..l.1]
    }

    fn run(&mut self) {
        let len = self.b.len();
        let mut blocks: Vec<Vec<Line>> = Vec::new();
        let mut block: Vec<Line> = Vec::new();
        let mut ls = bom_len(self.text);
        while ls < len {
            let nl = memchr::memchr(b'\n', &self.b[ls..]).map_or(len, |p| ls + p);
            let mut le = nl;
            if le > ls && self.b[le - 1] == b'\r' {
                le -= 1;
            }
            if self.b[ls..le].iter().all(u8::is_ascii_whitespace) {
                if !block.is_empty() {
                    blocks.push(std::mem::take(&mut block));
                }
            } else {
                block.push((ls, le));
            }
            ls = nl + 1;
        }
        if !block.is_empty() {
            blocks.push(block);
        }
        let mut first = 0;
        if self.vtt {
            let start = bom_len(self.text);
            let header_ok = self.text[start..]
                .strip_prefix("WEBVTT")
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\r', '\n']));
            if !header_ok && !self.text[start..].trim().is_empty() {
                self.error(start, "missing WEBVTT header");
            }
            // The header block, `WEBVTT` and its metadata lines, is masked; a first block
            // that is not a header but a cue is read as one.
            let first_is_cue = !header_ok
                && blocks
                    .first()
                    .is_some_and(|b| b.iter().any(|&l| self.line(l).contains("-->")));
            if !first_is_cue {
                first = 1;
            }
        }
        for block in blocks.iter().skip(first) {
            self.block(block);
        }
    }

    fn block(&mut self, lines: &[Line]) {
        let (Some(&first), Some(&last)) = (lines.first(), lines.last()) else {
            return;
        };
        if self.vtt {
            let l = self.line(first);
            if starts_with_word(l, "NOTE") {
                let body = &self.text[first.0 + 4..last.1];
                if let Some(i) = self.dirs.comment(self.text, first.0, last.1, body) {
                    self.pending_ignore = Some(i);
                }
                return;
            }
            if starts_with_word(l, "STYLE") || starts_with_word(l, "REGION") {
                return;
            }
        }
        let Some(t) = lines.iter().position(|&l| self.line(l).contains("-->")) else {
            self.error(first.0, "block without a timing line");
            return;
        };
        let before = &lines[..t];
        let fine = if self.vtt {
            // An optional cue identifier.
            before.len() <= 1
        } else {
            // An optional cue number.
            before.is_empty()
                || (before.len() == 1 && {
                    let n = self.line(before[0]).trim();
                    !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit())
                })
        };
        if !fine {
            self.error(first.0, "text before the timing line of a cue");
        }
        let timing = lines[t];
        if !self.valid_timing(self.line(timing)) {
            self.error(timing.0, "malformed timing line");
        }
        for &(s, e) in &lines[t + 1..] {
            self.payload(s, e);
        }
        if let Some(&(s, _)) = lines.get(t + 1) {
            self.out.join_lines(s, last.1);
        }
        self.out.end_segment(None);
        if let Some(i) = self.pending_ignore.take() {
            if let Some(s) = self.dirs.suppressions.get_mut(i) {
                s.scope = Span {
                    start: first.0,
                    end: last.1,
                };
            }
        }
    }

    /// `00:00:01,000 --> 00:00:02,000` (SRT) or `00:01.000 --> 00:02.000 settings` (VTT).
    fn valid_timing(&self, line: &str) -> bool {
        let Some((a, b)) = line.split_once("-->") else {
            return false;
        };
        let b = b.trim_start();
        let end_ts = b.split([' ', '\t']).next().unwrap_or("");
        self.timestamp(a.trim()) && self.timestamp(end_ts)
    }

    fn timestamp(&self, ts: &str) -> bool {
        let (hms, frac) = if self.vtt {
            match ts.split_once('.') {
                Some(p) => p,
                None => return false,
            }
        } else {
            match ts.split_once([',', '.']) {
                Some(p) => p,
                None => return false,
            }
        };
        let parts: Vec<&str> = hms.split(':').collect();
        let digits = |s: &str, n: Option<usize>| {
            !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()) && n.is_none_or(|n| s.len() == n)
        };
        let ok_parts = match parts.as_slice() {
            [h, m, s] => digits(h, None) && digits(m, Some(2)) && digits(s, Some(2)),
            [m, s] if self.vtt => digits(m, Some(2)) && digits(s, Some(2)),
            _ => false,
        };
        ok_parts && digits(frac, Some(3))
    }

    /// One line of cue text: text, and inline markup as spaces between words.
    fn payload(&mut self, s: usize, e: usize) {
        let b = self.b;
        let mut run = s;
        let mut k = s;
        while k < e {
            let markup_end = match b[k] {
                b'<' => {
                    let tag_like = self.vtt
                        || b.get(k + 1)
                            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'/');
                    if tag_like {
                        memchr::memchr(b'>', &b[k..e]).map(|p| k + p + 1)
                    } else {
                        None
                    }
                }
                b'{' if b.get(k + 1) == Some(&b'\\') => {
                    memchr::memchr(b'}', &b[k..e]).map(|p| k + p + 1)
                }
                b'&' if self.vtt => entity_end(b, k, e),
                _ => None,
            };
            match markup_end {
                Some(end) => {
                    self.out.text(run, k);
                    self.out.markup(k, end);
                    k = end;
                    run = end;
                }
                None => k += 1,
            }
        }
        self.out.text(run, e);
    }
}

#[cfg(test)]
mod tests {
    use super::super::builder::{assert_valid, seg_masked, seg_texts};
    use super::super::MASK;
    use super::*;

    fn srt(t: &str) -> Extracted {
        let x = extract_srt(t);
        assert_valid(t, &x);
        x
    }

    fn vtt(t: &str) -> Extracted {
        let x = extract_vtt(t);
        assert_valid(t, &x);
        x
    }

    const SRT: &str = "1\n00:00:01,000 --> 00:00:02,500\nHola, <i>¿qué</i> tal?\n\n2\n00:00:03,000 --> 00:00:04,000 X1:10 X2:20 Y1:5 Y2:9\n{\\an8}Primera línea\n<font color=\"#ff0000\">segunda</font> línea\n\n3\n00:00:05,000 --> 00:00:06,000\n- a < b\n";

    #[test]
    fn srt_cues() {
        let e = srt(SRT);
        assert_eq!(
            seg_texts(SRT, &e),
            [
                "Hola, <i>¿qué</i> tal?",
                "Primera línea\n<font color=\"#ff0000\">segunda</font> línea",
                "- a < b"
            ]
        );
        assert_eq!(
            seg_masked(&e),
            [
                "Hola,    ¿qué     tal?",
                "Primera línea                       segunda        línea",
                "- a < b"
            ]
        );
        assert!(e.errors.is_empty(), "{:?}", e.errors);
        assert!(!e.masked.contains("00:"));
        assert!(!e.masked.contains("an8"));
        assert!(e.lang.is_none());
    }

    const VTT: &str = "WEBVTT - Título\nKind: captions\n\nSTYLE\n::cue { color: red }\n\nNOTE Esto es una nota\nde dos líneas\n\nREGION\nid:fred\n\nintro\n00:01.000 --> 00:04.000 align:start line:0%\n<v Roger Bingham>Bienvenidos a <c.yellow>la</c> pista\n\n00:00:05.000 --> 00:00:06.000\nTom &amp; Jerry&nbsp;van <00:00:05.500>ya\n";

    #[test]
    fn vtt_cues() {
        let e = vtt(VTT);
        assert_eq!(
            seg_texts(VTT, &e),
            [
                "Bienvenidos a <c.yellow>la</c> pista",
                "Tom &amp; Jerry&nbsp;van <00:00:05.500>ya"
            ]
        );
        assert_eq!(
            seg_masked(&e),
            [
                "Bienvenidos a           la     pista",
                "Tom       Jerry      van               ya"
            ]
        );
        for hidden in [
            "Título", "captions", "color", "nota", "fred", "intro", "Roger", "align",
        ] {
            assert!(!e.masked.contains(hidden), "{hidden}");
        }
        assert!(e.errors.is_empty(), "{:?}", e.errors);
    }

    #[test]
    fn vtt_note_directives() {
        let t = "WEBVTT\n\nNOTE glosa-ignore es/x\n\n00:01.000 --> 00:02.000\nuno\n\nNOTE glosa off\n\n00:03.000 --> 00:04.000\ndos\n\nNOTE glosa on\n\n00:05.000 --> 00:06.000\ntres\n";
        let e = vtt(t);
        let s = &e.suppressions;
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].codes, ["es/x"]);
        assert_eq!(&t[s[0].at..s[0].at_end], "NOTE glosa-ignore es/x");
        assert_eq!(
            &t[s[0].scope.start..s[0].scope.end],
            "00:01.000 --> 00:02.000\nuno"
        );
        let off = &t[s[1].scope.start..s[1].scope.end];
        assert!(
            off.starts_with("NOTE glosa off")
                && off.ends_with("NOTE glosa on")
                && off.contains("dos")
        );
        assert_eq!(seg_texts(t, &e), ["uno", "dos", "tres"]);
    }

    #[test]
    fn malformed_is_reported_and_the_rest_extracted() {
        let t = "1\n00:00:01,000 --> 00:00:02,000\nuno\n\ntexto suelto\n\n2\nbasura\n00:00:03,000 --> 00:00:04,000\ndos\n\n3\n00:00:05 --> 00:00:06,000\ntres\n";
        let e = srt(t);
        let errs: Vec<(usize, &str)> = e
            .errors
            .iter()
            .map(|e| (e.offset, e.message.as_str()))
            .collect();
        assert_eq!(
            errs,
            [
                (t.find("texto").unwrap(), "block without a timing line"),
                (
                    t.find("2\nbasura").unwrap(),
                    "text before the timing line of a cue"
                ),
                (t.find("00:00:05").unwrap(), "malformed timing line"),
            ]
        );
        assert_eq!(seg_texts(t, &e), ["uno", "dos", "tres"]);
        assert!(!e.masked.contains("suelto") && !e.masked.contains("basura"));

        let t = "00:01.000 --> 00:02.000\nsin cabecera\n";
        let e = vtt(t);
        assert_eq!(e.errors.len(), 1);
        assert_eq!(e.errors[0].offset, 0);
        assert_eq!(seg_texts(t, &e), ["sin cabecera"]);
        let e = vtt("WEBVTTX\n");
        assert_eq!(e.errors.len(), 1);
    }

    #[test]
    fn crlf_bom_empty_no_final_newline() {
        let t = "\u{FEFF}1\r\n00:00:01,000 --> 00:00:02,000\r\nLínea uno\r\n<b>línea</b> dos\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nfin";
        let e = srt(t);
        assert_eq!(seg_texts(t, &e), ["Línea uno\r\n<b>línea</b> dos", "fin"]);
        assert_eq!(seg_masked(&e)[0], "Línea uno     línea     dos");
        assert_eq!(&e.masked.as_bytes()[..3], &[MASK; 3]);
        assert!(e.errors.is_empty(), "{:?}", e.errors);
        let t = "\u{FEFF}WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nhola";
        let e = vtt(t);
        assert_eq!(seg_texts(t, &e), ["hola"]);
        assert!(e.errors.is_empty(), "{:?}", e.errors);
        for t in ["", "\n\n", "\u{FEFF}"] {
            let e = srt(t);
            assert!(e.segments.is_empty() && e.errors.is_empty());
        }
        assert!(vtt("WEBVTT").errors.is_empty());
        // An empty file is empty, not malformed; text without the header is.
        assert!(vtt("").errors.is_empty());
        assert!(!vtt("00:01.000 --> 00:02.000\nHola\n").errors.is_empty());
    }

    #[test]
    fn unclosed_tags_are_text() {
        let t = "1\n00:00:01,000 --> 00:00:02,000\n<i>abierta y {\\sin cierre\n";
        let e = srt(t);
        assert_eq!(seg_masked(&e), ["abierta y {\\sin cierre"]);
    }

    #[test]
    fn never_panics_on_prefixes() {
        for t in [SRT, VTT] {
            for i in 0..=t.len() {
                if t.is_char_boundary(i) {
                    srt(&t[..i]);
                    vtt(&t[..i]);
                    srt(&t[i..]);
                    vtt(&t[i..]);
                }
            }
        }
    }
}
