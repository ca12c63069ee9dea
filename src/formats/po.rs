//! gettext PO: each translation (`msgstr`, `msgstr[N]`) is a segment whose source is the
//! `msgid` (`msgid_plural` for `msgstr[1]` and up), joined and unescaped. The quotes, the
//! keywords, comments, `msgctxt` and the `msgid` are masked; a string continued on the next
//! line (`"…"` newline `"…"`) and escapes (`\n`, `\"`) between two words become spaces.
//!
//! The header entry (`msgid ""`) is not checked; its `Language:` gives the language. Fuzzy
//! entries are checked like the others; obsolete ones (`#~`) are skipped. A translator comment
//! `# glosa-ignore CODE…` suppresses in the whole entry that follows it; `# glosa off` …
//! `# glosa on` between the two. A line that cannot be read is reported in `errors` and the
//! rest of the file is still extracted.

use super::builder::{bom_len, Builder, Directives};
use super::{Extracted, FormatError, Span};

/// The translations of a PO file.
pub fn extract(text: &str) -> Extracted {
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        out: Builder::new(text),
        dirs: Directives::default(),
        errors: Vec::new(),
        lang: None,
        entry: Entry::default(),
        field: None,
        pending_ignores: Vec::new(),
    };
    p.run();
    let suppressions = p.dirs.finish(text.len());
    p.out.finish(p.lang, suppressions, p.errors)
}

/// A quoted string: offsets of its opening quote and of its closing quote (or of the end of
/// its line, when it is not closed).
#[derive(Debug, Clone, Copy)]
struct Str {
    open: usize,
    close: usize,
}

impl Str {
    fn content(&self) -> (usize, usize) {
        (self.open + 1, self.close)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Ctxt,
    Id,
    IdPlural,
    /// The n-th of `entry.strs`.
    Str(usize),
}

#[derive(Debug, Default)]
struct Entry {
    /// Start of its first keyword line.
    start: Option<usize>,
    /// End of its last line.
    end: usize,
    ctxt: Option<Vec<Str>>,
    id: Option<(usize, Vec<Str>)>,
    plural: Option<Vec<Str>>,
    /// `msgstr` (index 0) or `msgstr[N]`: the index, the strings.
    strs: Vec<(usize, Vec<Str>)>,
}

impl Entry {
    fn has_fields(&self) -> bool {
        self.start.is_some()
    }
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    out: Builder<'a>,
    dirs: Directives,
    errors: Vec<FormatError>,
    lang: Option<String>,
    entry: Entry,
    /// The field a continuation string line adds to.
    field: Option<Field>,
    /// Suppressions (indices) made by `glosa-ignore` comments waiting for their entry.
    pending_ignores: Vec<usize>,
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

impl<'a> Parser<'a> {
    fn error(&mut self, offset: usize, message: impl Into<String>) {
        self.errors.push(FormatError {
            offset,
            message: message.into(),
        });
    }

    fn run(&mut self) {
        let len = self.b.len();
        let mut ls = bom_len(self.text);
        while ls < len {
            let nl = memchr::memchr(b'\n', &self.b[ls..]).map_or(len, |p| ls + p);
            let mut le = nl;
            if le > ls && self.b[le - 1] == b'\r' {
                le -= 1;
            }
            self.line(ls, le);
            ls = nl + 1;
        }
        self.finish_entry();
    }

    fn line(&mut self, ls: usize, le: usize) {
        let b = self.b;
        let mut s = ls;
        while s < le && is_blank(b[s]) {
            s += 1;
        }
        if s == le {
            self.finish_entry();
            return;
        }
        let line = &b[s..le];
        if line[0] == b'#' {
            if self.entry.has_fields() {
                self.finish_entry();
            }
            // A translator comment is `#` followed by white space or nothing.
            if line.get(1).is_none_or(|&c| is_blank(c)) {
                let body = &self.text[s + 1..le];
                if let Some(i) = self.dirs.comment(self.text, ls, le, body) {
                    self.pending_ignores.push(i);
                }
            }
            return;
        }
        if line[0] == b'"' {
            let Some(field) = self.field else {
                self.error(ls, "string without a keyword before it");
                return;
            };
            if let Some(st) = self.string(ls, s, le) {
                self.push_string(field, st);
            }
            return;
        }
        let word_end = s + line
            .iter()
            .position(|&c| is_blank(c) || c == b'"')
            .unwrap_or(line.len());
        let word = &self.text[s..word_end];
        let field = match word {
            "msgctxt" => {
                if self.entry.has_fields() {
                    self.finish_entry();
                }
                Field::Ctxt
            }
            "msgid" => {
                if self.entry.id.is_some() || !self.entry.strs.is_empty() {
                    self.finish_entry();
                }
                Field::Id
            }
            "msgid_plural" => {
                if self.entry.id.is_none() {
                    self.error(ls, "msgid_plural without msgid");
                } else if self.entry.plural.is_some() || !self.entry.strs.is_empty() {
                    self.error(ls, "msgid_plural out of place");
                }
                Field::IdPlural
            }
            w if w == "msgstr" || w.starts_with("msgstr[") => {
                let index = if w == "msgstr" {
                    Some(0)
                } else {
                    w.strip_prefix("msgstr[")
                        .and_then(|r| r.strip_suffix(']'))
                        .and_then(|n| n.parse::<usize>().ok())
                };
                let Some(index) = index else {
                    self.error(ls, format!("bad keyword {w}"));
                    self.field = None;
                    return;
                };
                // A second `msgstr` (or the same `msgstr[N]` again) starts an entry of its own.
                if self.entry.strs.iter().any(|(i, _)| *i == index) {
                    self.finish_entry();
                }
                if self.entry.id.is_none() {
                    self.error(ls, "msgstr without msgid");
                }
                Field::Str(index)
            }
            _ => {
                self.error(ls, "unrecognized line");
                self.field = None;
                return;
            }
        };
        let mut q = word_end;
        while q < le && is_blank(b[q]) {
            q += 1;
        }
        if q >= le || b[q] != b'"' {
            self.error(ls, format!("{word} without a string"));
            self.field = None;
            return;
        }
        if self.entry.start.is_none() {
            self.entry.start = Some(ls);
        }
        let field = match field {
            Field::Str(index) => {
                self.entry.strs.push((index, Vec::new()));
                Field::Str(self.entry.strs.len() - 1)
            }
            Field::Id => {
                self.entry.id = Some((ls, Vec::new()));
                Field::Id
            }
            Field::Ctxt => {
                self.entry.ctxt = Some(Vec::new());
                Field::Ctxt
            }
            Field::IdPlural => {
                self.entry.plural = Some(Vec::new());
                Field::IdPlural
            }
        };
        self.field = Some(field);
        if let Some(st) = self.string(ls, q, le) {
            self.push_string(field, st);
        }
    }

    /// The string whose opening quote is at `q`, on the line `ls..le`.
    fn string(&mut self, ls: usize, q: usize, le: usize) -> Option<Str> {
        let b = self.b;
        let mut k = q + 1;
        while k < le {
            match b[k] {
                b'\\' => k += 2,
                b'"' => break,
                _ => k += 1,
            }
        }
        if k >= le {
            self.error(ls, "unterminated string");
            // Read it to the end of the line all the same, without a dangling backslash.
            let mut close = le;
            if close > q + 1 && b[close - 1] == b'\\' {
                close -= 1;
            }
            return Some(Str { open: q, close });
        }
        if b[k + 1..le].iter().any(|&c| !is_blank(c)) {
            self.error(ls, "unexpected text after the string");
        }
        Some(Str { open: q, close: k })
    }

    fn push_string(&mut self, field: Field, st: Str) {
        self.entry.end = self.entry.end.max(st.close + 1).min(self.b.len());
        let e = &mut self.entry;
        match field {
            Field::Ctxt => e.ctxt.get_or_insert_with(Vec::new).push(st),
            Field::Id => {
                if let Some((_, v)) = e.id.as_mut() {
                    v.push(st)
                }
            }
            Field::IdPlural => e.plural.get_or_insert_with(Vec::new).push(st),
            Field::Str(i) => {
                if let Some((_, v)) = e.strs.get_mut(i) {
                    v.push(st)
                }
            }
        }
    }

    fn finish_entry(&mut self) {
        self.field = None;
        let entry = std::mem::take(&mut self.entry);
        let Some(start) = entry.start else {
            return;
        };
        let id = entry.id.as_ref().map(|(_, v)| self.unescape(v));
        if let Some((at, _)) = &entry.id {
            if entry.strs.is_empty() {
                self.error(*at, "msgid without msgstr");
            }
        }
        let is_header = id.as_deref() == Some("") && entry.ctxt.is_none();
        if is_header {
            if let Some((_, v)) = entry.strs.first() {
                let header = self.unescape(v);
                self.lang = header
                    .lines()
                    .find_map(|l| l.trim().strip_prefix("Language:"))
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string);
            }
        } else {
            let plural = entry.plural.as_ref().map(|v| self.unescape(v));
            for (index, strings) in &entry.strs {
                let source = if *index == 0 {
                    id.clone()
                } else {
                    plural.clone().or_else(|| id.clone())
                };
                let mut prev_close: Option<usize> = None;
                for st in strings {
                    if let Some(pc) = prev_close {
                        self.out.markup(pc, st.open + 1);
                    }
                    self.content(st);
                    prev_close = Some(st.close);
                }
                self.out.end_segment(source);
            }
        }
        for i in std::mem::take(&mut self.pending_ignores) {
            if let Some(s) = self.dirs.suppressions.get_mut(i) {
                s.scope = Span {
                    start,
                    end: entry.end.max(start),
                };
            }
        }
    }

    /// The content of a string into the masked copy: text, and escapes as markup.
    fn content(&mut self, st: &Str) {
        let (s, e) = st.content();
        let b = self.b;
        let mut run = s;
        let mut k = s;
        while k < e {
            if b[k] == b'\\' {
                let end = escape_end(b, k, e);
                self.out.text(run, k);
                self.out.markup(k, end);
                k = end;
                run = end;
            } else {
                k += 1;
            }
        }
        self.out.text(run, e);
    }

    /// The strings joined and unescaped.
    fn unescape(&self, strings: &[Str]) -> String {
        let mut out = String::new();
        for st in strings {
            let (s, e) = st.content();
            let b = self.b;
            let mut run = s;
            let mut k = s;
            while k < e {
                if b[k] != b'\\' {
                    k += 1;
                    continue;
                }
                out.push_str(&self.text[run..k]);
                let end = escape_end(b, k, e);
                let esc = &self.text[k + 1..end];
                match esc.as_bytes().first() {
                    Some(b'n') => out.push('\n'),
                    Some(b't') => out.push('\t'),
                    Some(b'r') => out.push('\r'),
                    Some(b'a') => out.push('\u{7}'),
                    Some(b'b') => out.push('\u{8}'),
                    Some(b'f') => out.push('\u{c}'),
                    Some(b'v') => out.push('\u{b}'),
                    Some(b'x') => {
                        if let Some(c) = u32::from_str_radix(&esc[1..], 16)
                            .ok()
                            .and_then(char::from_u32)
                        {
                            out.push(c);
                        }
                    }
                    Some(c) if c.is_ascii_digit() => {
                        if let Some(c) = u32::from_str_radix(esc, 8).ok().and_then(char::from_u32) {
                            out.push(c);
                        }
                    }
                    _ => out.push_str(esc),
                }
                k = end;
                run = end;
            }
            out.push_str(&self.text[run..e]);
        }
        out
    }
}

/// The end of the escape starting at the backslash at `k` (not past `limit`): `\n`, `\"`,
/// `\\`, octal `\NNN`, hex `\xHH`. A multi-byte character after the backslash is taken whole.
fn escape_end(b: &[u8], k: usize, limit: usize) -> usize {
    let mut j = k + 1;
    let Some(&c) = b.get(j).filter(|_| j < limit) else {
        return limit.max(k + 1).min(b.len());
    };
    if (b'0'..=b'7').contains(&c) {
        while j < limit && j < k + 4 && (b'0'..=b'7').contains(&b[j]) {
            j += 1;
        }
        return j;
    }
    if c == b'x' {
        j += 1;
        while j < limit && j < k + 4 && b[j].is_ascii_hexdigit() {
            j += 1;
        }
        return j;
    }
    j += 1;
    // Continuation bytes of a multi-byte character stay with it.
    while j < limit && (b[j] & 0xC0) == 0x80 {
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::super::builder::{assert_valid, seg_masked, seg_texts};
    use super::*;

    fn x(t: &str) -> Extracted {
        let x = extract(t);
        assert_valid(t, &x);
        x
    }

    fn sources(x: &Extracted) -> Vec<Option<&str>> {
        x.segments.iter().map(|s| s.source.as_deref()).collect()
    }

    const PO: &str = r#"# Spanish translation
msgid ""
msgstr ""
"Project-Id-Version: demo\n"
"Language: es\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: src/main.c:10
#, fuzzy
msgctxt "menu"
msgid "Open the track"
msgstr "Abre la pista"

msgid "A long "
"sentence"
msgstr ""
"Una frase "
"larga"

msgid "Say \"hi\"\n"
msgstr "Di \"hola\"\nahora"

msgid "One file"
msgid_plural "%d files"
msgstr[0] "Un archivo"
msgstr[1] "%d archivos"

msgid "Untranslated"
msgstr ""

#~ msgid "Old"
#~ msgstr "Viejo"
"#;

    #[test]
    fn translations_are_segments_with_sources() {
        let e = x(PO);
        assert_eq!(e.lang.as_deref(), Some("es"));
        assert_eq!(
            seg_texts(PO, &e),
            [
                "Abre la pista",
                "Una frase \"\n\"larga",
                "Di \\\"hola\\\"\\nahora",
                "Un archivo",
                "%d archivos"
            ]
        );
        assert_eq!(
            seg_masked(&e),
            [
                "Abre la pista",
                "Una frase    larga",
                "Di   hola    ahora",
                "Un archivo",
                "%d archivos"
            ]
        );
        assert_eq!(
            sources(&e),
            [
                Some("Open the track"),
                Some("A long sentence"),
                Some("Say \"hi\"\n"),
                Some("One file"),
                Some("%d files")
            ]
        );
        assert!(e.errors.is_empty(), "{:?}", e.errors);
        for hidden in [
            "Project",
            "menu",
            "Open",
            "fuzzy",
            "src/main",
            "Viejo",
            "Untranslated",
            "msgstr",
        ] {
            assert!(!e.masked.contains(hidden), "{hidden}");
        }
    }

    #[test]
    fn ignore_comment_scopes_the_entry() {
        let t = "# glosa-ignore es/x\n#: a.c:1\nmsgid \"a\"\nmsgstr \"\"\n\"b\"\n\"c\"\n\nmsgid \"d\"\nmsgstr \"e\"\n";
        let e = x(t);
        assert_eq!(e.suppressions.len(), 1);
        let s = &e.suppressions[0];
        assert_eq!(s.codes, ["es/x"]);
        assert_eq!(&t[s.at..s.at_end], "# glosa-ignore es/x");
        assert_eq!(
            &t[s.scope.start..s.scope.end],
            "msgid \"a\"\nmsgstr \"\"\n\"b\"\n\"c\""
        );
        assert_eq!(seg_texts(t, &e), ["b\"\n\"c", "e"]);
    }

    #[test]
    fn off_and_on() {
        let t = "# glosa off\nmsgid \"a\"\nmsgstr \"b\"\n\n# glosa on\nmsgid \"c\"\nmsgstr \"d\"\n";
        let e = x(t);
        assert_eq!(e.suppressions.len(), 1);
        let sc = &e.suppressions[0].scope;
        assert!(sc.start == 0 && t[..sc.end].ends_with("# glosa on"));
    }

    #[test]
    fn malformed_lines_are_reported_and_skipped() {
        let t = "msgid \"a\"\nmsgstr \"uno\"\ngarbage here\nmsgstr \"sin id\"\n\nmsgid \"b\nmsgstr \"dos\" x\n\"huérfana\"\n\nmsgid\nmsgstr[x] \"y\"\nmsgid \"c\"\n\nmsgid \"d\"\nmsgstr \"tres\"";
        let e = x(t);
        let errs: Vec<(usize, &str)> = e
            .errors
            .iter()
            .map(|e| (e.offset, e.message.as_str()))
            .collect();
        let off = |needle: &str| t.find(needle).unwrap();
        assert!(
            errs.contains(&(off("garbage"), "unrecognized line")),
            "{errs:?}"
        );
        assert!(
            errs.contains(&(off("msgstr \"sin"), "msgstr without msgid")),
            "{errs:?}"
        );
        assert!(
            errs.contains(&(off("msgid \"b"), "unterminated string")),
            "{errs:?}"
        );
        assert!(
            errs.contains(&(off("msgstr \"dos"), "unexpected text after the string")),
            "{errs:?}"
        );
        assert!(
            errs.contains(&(off("msgid\n"), "msgid without a string")),
            "{errs:?}"
        );
        assert!(
            errs.contains(&(off("msgstr[x]"), "bad keyword msgstr[x]")),
            "{errs:?}"
        );
        assert!(
            errs.contains(&(off("msgid \"c"), "msgid without msgstr")),
            "{errs:?}"
        );
        // `"huérfana"` continues the msgstr "dos"; the rest is still read.
        assert_eq!(
            seg_texts(t, &e),
            ["uno", "sin id", "dos\" x\n\"huérfana", "tres"]
        );
        assert_eq!(e.segments[1].source, None);
        assert_eq!(e.segments[2].source.as_deref(), Some("b"));
        let e = x("\"orphan\"\n");
        assert_eq!(e.errors[0].offset, 0);
        assert!(e.segments.is_empty());
    }

    #[test]
    fn crlf_bom_empty_no_final_newline() {
        let t = "\u{FEFF}msgid \"\"\r\nmsgstr \"Language: pt_BR\\n\"\r\n\r\nmsgid \"Hi\"\r\nmsgstr \"Olá\"\r\n\"mundo\"";
        let e = x(t);
        assert_eq!(e.lang.as_deref(), Some("pt_BR"));
        assert_eq!(seg_texts(t, &e), ["Olá\"\r\n\"mundo"]);
        assert_eq!(seg_masked(&e), ["Olá    mundo"]);
        assert!(e.errors.is_empty(), "{:?}", e.errors);
        let e = x("");
        assert!(e.segments.is_empty() && e.errors.is_empty() && e.lang.is_none());
        let e = x("msgid \"a\"\nmsgstr \"b\"");
        assert_eq!(seg_texts("msgid \"a\"\nmsgstr \"b\"", &e), ["b"]);
    }

    #[test]
    fn escapes_and_non_ascii() {
        let t = "msgid \"Caf\\xe9 \\101\\t\\\\\"\nmsgstr \"Café\\tcon\\\\leche \\é ñ\"\n";
        let e = x(t);
        assert_eq!(sources(&e), [Some("Café A\t\\")]);
        assert_eq!(seg_masked(&e), ["Café  con  leche     ñ"]);
    }

    #[test]
    fn escape_at_edges_is_trimmed() {
        let t = "msgid \"x\"\nmsgstr \"\\nHola\\n\"\n";
        let e = x(t);
        assert_eq!(seg_texts(t, &e), ["Hola"]);
    }

    #[test]
    fn never_panics_on_prefixes() {
        for i in 0..=PO.len() {
            if PO.is_char_boundary(i) {
                x(&PO[..i]);
                x(&PO[i..]);
            }
        }
        for t in [
            "msgstr \"\\",
            "msgid \"\\",
            "\"\\",
            "msgstr[",
            "msgstr[99999999999999999999] \"a\"",
            "#",
            "msgid \"a\\\"",
        ] {
            x(t);
        }
    }
}
