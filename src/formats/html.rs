//! HTML: the text of the page and its translatable attributes (`alt`, `title`, `placeholder`,
//! `aria-label`, a `<meta name="description">`'s `content`, a submit button's `value`).
//!
//! A small tag scanner that follows the browser's rules where they matter here, rather than an
//! XML parser: HTML leaves `<p>` and `<li>` open, has void elements (`<br>`), unquoted and
//! value-less attributes, and `<script>`/`<style>` whose content is raw text in which `<` is
//! not markup. It never fails: what it cannot read is masked and reported in `errors`.
//!
//! Segments: one for the text of each block element (paragraph, list item, heading, cell,
//! title, option, button, label…), cut where a nested block starts or ends, and one for each
//! translatable attribute value. Inline elements (`<a>`, `<b>`, `<em>`, `<span>`, `<br>`…) do
//! not cut a segment: their tags become spaces, as do entities and comments between two words.
//! `<script>`, `<style>`, `<code>`, `<pre>`, `<kbd>`, `<samp>`, `<var>` and elements marked
//! `translate="no"` are skipped: masked, and never read through. Entities are masked, not
//! expanded. `<!-- glosa-ignore CODE… -->` suppresses on the next line, `<!-- glosa off -->` …
//! `<!-- glosa on -->` between the two.

use super::builder::{bom_len, entity_end, Builder, Directives};
use super::{Extracted, FormatError};

/// The translatable text of an HTML document.
pub fn extract(text: &str) -> Extracted {
    let mut s = Scanner {
        text,
        b: text.as_bytes(),
        out: Builder::new(text),
        dirs: Directives::default(),
        errors: Vec::new(),
        lang: None,
        stack: Vec::new(),
        skip: 0,
    };
    s.run();
    let suppressions = s.dirs.finish(text.len());
    s.out.finish(s.lang, suppressions, s.errors)
}

/// Elements whose start or end cuts a segment.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "label",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "noscript",
    "ol",
    "optgroup",
    "option",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Elements whose start closes an open `<p>`.
const P_CLOSERS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose end tag may be left out: no error when they are never closed.
const OPTIONAL_END: &[&str] = &[
    "html", "head", "body", "p", "li", "dt", "dd", "rt", "rp", "rb", "rtc", "optgroup", "option",
    "colgroup", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
];

/// Elements whose content is code, not prose.
const SKIPPED: &[&str] = &["code", "pre", "kbd", "samp", "var"];

/// Elements whose content is raw text (no tags, no entities) and skipped.
const RAW_SKIPPED: &[&str] = &["script", "style", "xmp", "noembed", "noframes"];

/// Elements whose content is text without tags (entities still count), translatable.
const RCDATA: &[&str] = &["title", "textarea"];

/// Attributes whose value is translatable on any element.
const TRANSLATABLE_ATTRS: &[&str] = &["alt", "title", "placeholder", "aria-label"];

fn is(list: &[&str], name: &str) -> bool {
    list.contains(&name)
}

struct Open {
    name: String,
    at: usize,
    skip: bool,
}

struct Attr {
    name: String,
    /// Byte range of the value, inside the quotes.
    value: Option<(usize, usize)>,
}

struct Tag {
    name: String,
    attrs: Vec<Attr>,
    self_closing: bool,
    /// One past the `>` (the end of the text when the tag is not closed).
    end: usize,
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    out: Builder<'a>,
    dirs: Directives,
    errors: Vec<FormatError>,
    lang: Option<String>,
    stack: Vec<Open>,
    /// How many open elements are skipped.
    skip: usize,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

impl<'a> Scanner<'a> {
    fn error(&mut self, offset: usize, message: impl Into<String>) {
        self.errors.push(FormatError {
            offset,
            message: message.into(),
        });
    }

    fn run(&mut self) {
        let len = self.b.len();
        let mut i = bom_len(self.text);
        let mut run = i;
        while let Some(p) = memchr::memchr(b'<', &self.b[i..]) {
            let lt = i + p;
            let next = self.b.get(lt + 1).copied().unwrap_or(0);
            if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
                i = lt + 1;
                continue;
            }
            self.chars(run, lt);
            i = self.markup(lt).max(lt + 1);
            run = i;
        }
        self.chars(run, len);
        for open in std::mem::take(&mut self.stack) {
            if !is(OPTIONAL_END, &open.name) {
                self.error(open.at, format!("<{}> is never closed", open.name));
            }
        }
    }

    /// Text `[s, e)` between tags: pieces of text and entities.
    fn chars(&mut self, s: usize, e: usize) {
        if s >= e {
            return;
        }
        if self.skip > 0 {
            self.out.cut();
            return;
        }
        let mut k = s;
        let mut run = s;
        while let Some(p) = memchr::memchr(b'&', &self.b[k..e]) {
            let amp = k + p;
            match entity_end(self.b, amp, e) {
                Some(end) => {
                    self.out.text(run, amp);
                    self.out.markup(amp, end);
                    k = end;
                    run = end;
                }
                None => k = amp + 1,
            }
        }
        self.out.text(run, e);
    }

    /// Markup starting at `<` at `lt`; returns where it ends.
    fn markup(&mut self, lt: usize) -> usize {
        let b = self.b;
        let len = b.len();
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            let body_start = lt + 4;
            let (body_end, end) = if b[body_start..].starts_with(b">") {
                (body_start, body_start + 1)
            } else if b[body_start..].starts_with(b"->") {
                (body_start, body_start + 2)
            } else {
                match memchr::memmem::find(&b[body_start..], b"-->") {
                    Some(p) => (body_start + p, body_start + p + 3),
                    None => {
                        self.error(lt, "unterminated comment");
                        self.out.markup(lt, len);
                        return len;
                    }
                }
            };
            let body = &self.text[body_start..body_end];
            self.dirs.comment(self.text, lt, end, body);
            self.out.markup(lt, end);
            return end;
        }
        if rest.starts_with(b"<![CDATA[") {
            let end = match memchr::memmem::find(&b[lt + 9..], b"]]>") {
                Some(p) => lt + 9 + p + 3,
                None => {
                    self.error(lt, "unterminated CDATA section");
                    len
                }
            };
            self.out.markup(lt, end);
            return end;
        }
        if matches!(rest.get(1), Some(b'!' | b'?'))
            || (rest.get(1) == Some(&b'/') && !rest.get(2).is_some_and(u8::is_ascii_alphabetic))
        {
            // Doctype, processing instruction, bogus comment.
            let end = match memchr::memchr(b'>', &b[lt + 1..]) {
                Some(p) => lt + 1 + p + 1,
                None => {
                    self.error(lt, "unterminated markup declaration");
                    len
                }
            };
            self.out.markup(lt, end);
            return end;
        }
        if rest.get(1) == Some(&b'/') {
            return self.end_tag(lt);
        }
        self.start_tag(lt)
    }

    fn end_tag(&mut self, lt: usize) -> usize {
        let b = self.b;
        let len = b.len();
        let mut j = lt + 2;
        while j < len && !is_ws(b[j]) && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let name = self.text[lt + 2..j].to_ascii_lowercase();
        let end = match memchr::memchr(b'>', &b[j..]) {
            Some(p) => j + p + 1,
            None => {
                self.error(lt, format!("unterminated end tag </{name}>"));
                len
            }
        };
        if is(VOID, &name) {
            self.out.markup(lt, end);
            return end;
        }
        let was_skipping = self.skip > 0;
        match self.stack.iter().rposition(|o| o.name == name) {
            Some(idx) => {
                let closed: Vec<Open> = self.stack.drain(idx..).collect();
                for open in &closed[1..] {
                    if !is(OPTIONAL_END, &open.name) {
                        self.error(
                            open.at,
                            format!("<{}> is not closed before </{name}>", open.name),
                        );
                    }
                }
                self.skip = self.stack.iter().filter(|o| o.skip).count();
            }
            None => {
                if !matches!(name.as_str(), "html" | "head" | "body") {
                    self.error(lt, format!("</{name}> closes no open element"));
                }
            }
        }
        if is(BLOCKS, &name) {
            self.out.end_segment(None);
        }
        if was_skipping {
            self.out.cut();
        } else {
            self.out.markup(lt, end);
        }
        end
    }

    fn start_tag(&mut self, lt: usize) -> usize {
        let tag = self.parse_tag(lt);
        let end = tag.end;
        let name = tag.name.as_str();
        let text = self.text;
        let value = |attr: &str| {
            tag.attrs
                .iter()
                .find(|a| a.name == attr)
                .map(|a| a.value.map(|(s, e)| &text[s..e]).unwrap_or(""))
        };
        if name == "html" && self.lang.is_none() {
            self.lang = value("lang")
                .or_else(|| value("xml:lang"))
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string);
        }
        let translate_no = value("translate").is_some_and(|v| v.trim().eq_ignore_ascii_case("no"));
        let block = is(BLOCKS, name);
        if block {
            self.out.end_segment(None);
            self.close_implied(name);
        }
        // Translatable attribute values, each its own segment.
        let mut values: Vec<(usize, usize)> = Vec::new();
        if self.skip == 0 && !translate_no {
            for a in &tag.attrs {
                if is(TRANSLATABLE_ATTRS, &a.name) {
                    values.extend(a.value);
                }
            }
            if name == "meta" {
                let key = value("name")
                    .or_else(|| value("property"))
                    .map(|v| v.trim().to_ascii_lowercase());
                if matches!(
                    key.as_deref(),
                    Some(
                        "description"
                            | "og:description"
                            | "og:title"
                            | "twitter:description"
                            | "twitter:title"
                    )
                ) {
                    values.extend(
                        tag.attrs
                            .iter()
                            .filter(|a| a.name == "content")
                            .filter_map(|a| a.value),
                    );
                }
            }
            if name == "input"
                && value("type").is_some_and(|t| {
                    matches!(
                        t.trim().to_ascii_lowercase().as_str(),
                        "submit" | "button" | "reset"
                    )
                })
            {
                values.extend(
                    tag.attrs
                        .iter()
                        .filter(|a| a.name == "value")
                        .filter_map(|a| a.value),
                );
            }
        }
        values.sort_unstable();
        let starts_skip = is(SKIPPED, name) || is(RAW_SKIPPED, name) || translate_no;
        if self.skip > 0 || starts_skip {
            self.out.cut();
        } else if values.is_empty() {
            self.out.markup(lt, end);
        }
        if !values.is_empty() {
            self.out.end_segment(None);
            for (s, e) in values {
                self.chars(s, e);
                self.out.end_segment(None);
            }
        }
        if tag.self_closing || is(VOID, name) || end >= self.b.len() {
            return end;
        }
        let name = tag.name;
        if is(RAW_SKIPPED, &name) || is(RCDATA, &name) {
            let close = self.find_close(end, &name);
            let content_end = close.unwrap_or(self.b.len());
            if is(RAW_SKIPPED, &name) || self.skip > 0 || translate_no {
                self.out.cut();
            } else {
                self.chars(end, content_end);
            }
            match close {
                Some(c) => {
                    self.stack.push(Open {
                        name,
                        at: lt,
                        skip: false,
                    });
                    self.end_tag(c)
                }
                None => {
                    self.error(lt, format!("<{name}> is never closed"));
                    if is(BLOCKS, &name) {
                        self.out.end_segment(None);
                    }
                    self.b.len()
                }
            }
        } else {
            if starts_skip {
                self.skip += 1;
            }
            self.stack.push(Open {
                name,
                at: lt,
                skip: starts_skip,
            });
            end
        }
    }

    /// Closes the elements a new block `name` ends implicitly (`<li>` after `<li>`, a block
    /// after `<p>`).
    fn close_implied(&mut self, name: &str) {
        while let Some(top) = self.stack.last() {
            let t = top.name.as_str();
            let implied = match t {
                "p" => is(P_CLOSERS, name),
                "li" => name == "li",
                "dt" | "dd" => matches!(name, "dt" | "dd"),
                "td" | "th" => matches!(name, "td" | "th" | "tr"),
                "tr" => name == "tr",
                "option" => matches!(name, "option" | "optgroup"),
                "thead" | "tbody" => matches!(name, "tbody" | "tfoot"),
                _ => false,
            };
            if !implied {
                break;
            }
            if let Some(o) = self.stack.pop() {
                if o.skip {
                    self.skip = self.skip.saturating_sub(1);
                }
            }
        }
    }

    /// The `<` of the first `</name` (any case) from `from` that ends a raw-text element.
    fn find_close(&self, from: usize, name: &str) -> Option<usize> {
        let b = self.b;
        let n = name.len();
        let mut k = from;
        while let Some(p) = memchr::memmem::find(&b[k..], b"</") {
            let at = k + p;
            let after = at + 2 + n;
            if after <= b.len()
                && b[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
                && b.get(after)
                    .is_none_or(|&c| is_ws(c) || c == b'/' || c == b'>')
            {
                return Some(at);
            }
            k = at + 2;
        }
        None
    }

    /// Parses the start tag at `lt` (`<` followed by a letter).
    fn parse_tag(&mut self, lt: usize) -> Tag {
        let b = self.b;
        let len = b.len();
        let mut j = lt + 1;
        while j < len && !is_ws(b[j]) && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let name = self.text[lt + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while j < len && (is_ws(b[j]) || (b[j] == b'/' && b.get(j + 1) != Some(&b'>'))) {
                j += 1;
            }
            if j >= len {
                self.error(lt, format!("unterminated tag <{name}>"));
                return Tag {
                    name,
                    attrs,
                    self_closing: true,
                    end: len,
                };
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            if b[j] == b'/' {
                self_closing = true;
                j += 2;
                break;
            }
            let ns = j;
            j += 1;
            while j < len && !is_ws(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
                j += 1;
            }
            let attr_name = self.text[ns..j].to_ascii_lowercase();
            let mut k = j;
            while k < len && is_ws(b[k]) {
                k += 1;
            }
            let mut value = None;
            if k < len && b[k] == b'=' {
                k += 1;
                while k < len && is_ws(b[k]) {
                    k += 1;
                }
                if k < len && (b[k] == b'"' || b[k] == b'\'') {
                    let q = b[k];
                    match memchr::memchr(q, &b[k + 1..]) {
                        Some(p) => {
                            value = Some((k + 1, k + 1 + p));
                            j = k + 1 + p + 1;
                        }
                        None => {
                            self.error(k, format!("unterminated attribute value in <{name}>"));
                            // Recover at the next `>`.
                            let gt = memchr::memchr(b'>', &b[k + 1..]).map_or(len, |p| k + 1 + p);
                            value = Some((k + 1, gt));
                            j = gt;
                        }
                    }
                } else {
                    let vs = k;
                    while k < len && !is_ws(b[k]) && b[k] != b'>' {
                        k += 1;
                    }
                    value = Some((vs, k));
                    j = k;
                }
            }
            attrs.push(Attr {
                name: attr_name,
                value,
            });
        }
        Tag {
            name,
            attrs,
            self_closing,
            end: j.min(len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::builder::{assert_valid, seg_masked, seg_texts};
    use super::super::MASK;
    use super::*;

    fn x(t: &str) -> Extracted {
        let x = extract(t);
        assert_valid(t, &x);
        x
    }

    #[test]
    fn paragraphs_and_inline_tags() {
        let t = "<html lang=\"es\"><head><title>La pista</title></head>\n<body>\n<p>La <b>pista</b> de <a href=\"/x\">IA</a>.</p>\n<ul><li>Uno</li><li>Dos <em>y</em> tres</li></ul>\n</body></html>\n";
        let e = x(t);
        assert_eq!(e.lang.as_deref(), Some("es"));
        assert_eq!(
            seg_texts(t, &e),
            [
                "La pista",
                "La <b>pista</b> de <a href=\"/x\">IA</a>.",
                "Uno",
                "Dos <em>y</em> tres"
            ]
        );
        assert_eq!(
            seg_masked(&e),
            [
                "La pista",
                "La    pista     de              IA    .",
                "Uno",
                "Dos     y      tres"
            ]
        );
        assert!(e.errors.is_empty(), "{:?}", e.errors);
        assert!(!e.masked.contains("href"));
    }

    #[test]
    fn skipped_elements_are_masked_and_not_read_through() {
        let t = "<p>Usa <code>el el</code> aquí</p><pre>la pista\n</pre><script>if (a < b && c) { x = \"</p>\"; }</script><style>p > b { }</style><p translate=\"no\">Nombre Propio</p><p>fin</p>";
        let e = x(t);
        assert_eq!(seg_texts(t, &e), ["Usa <code>el el</code> aquí", "fin"]);
        let m = seg_masked(&e)[0];
        assert!(m.starts_with("Usa \u{1a}"), "{m:?}");
        assert!(m.ends_with("\u{1a} aquí"), "{m:?}");
        assert!(!e.masked.contains("el el"));
        assert!(!e.masked.contains("pista"));
        assert!(!e.masked.contains("Nombre"));
        assert!(!e.masked.contains("if"));
        assert!(e.errors.is_empty(), "{:?}", e.errors);
    }

    #[test]
    fn attributes_are_segments() {
        let t = "<head><meta name=\"description\" content=\"Una descripción\"><meta name=\"viewport\" content=\"width=device-width\"></head>\n<p>Mira <img src=\"a.png\" alt=\"un gato\"> aquí</p><input placeholder='Tu nombre' value=x><input type=submit value=Enviar><button aria-label=Cerrar title=\"Cerrar ventana\">X</button>";
        let e = x(t);
        assert_eq!(
            seg_texts(t, &e),
            [
                "Una descripción",
                "Mira",
                "un gato",
                "aquí",
                "Tu nombre",
                "Enviar",
                "Cerrar",
                "Cerrar ventana",
                "X"
            ]
        );
        assert!(!e.masked.contains("width"));
        assert!(!e.masked.contains("a.png"));
    }

    #[test]
    fn entities_are_masked_spaces_between_words() {
        let t = "<p>Tom&nbsp;y&#160;Jerry &amp; caf&eacute; AT&T &unknown</p>";
        let e = x(t);
        assert_eq!(
            seg_masked(&e),
            ["Tom      y      Jerry       caf         AT&T &unknown"]
        );
        // At the edges of a segment they stay masked.
        let t = "<p>&laquo;Hola&raquo;</p>";
        let e = x(t);
        assert_eq!(seg_texts(t, &e), ["Hola"]);
        assert!(e
            .masked
            .starts_with("\u{1a}\u{1a}\u{1a}\u{1a}\u{1a}\u{1a}\u{1a}\u{1a}\u{1a}\u{1a}Hola"));
    }

    #[test]
    fn nested_blocks_cut_segments() {
        let t = "<div>Intro <p>Uno</p> y fin<br>de todo</div><table><tr><td>A<td>B</table>";
        let e = x(t);
        assert_eq!(
            seg_texts(t, &e),
            ["Intro", "Uno", "y fin<br>de todo", "A", "B"]
        );
        assert_eq!(seg_masked(&e)[2], "y fin    de todo");
        assert!(e.errors.is_empty(), "{:?}", e.errors);
    }

    #[test]
    fn suppressions() {
        let t = "<p>a</p>\n<!-- glosa-ignore es/x mt/y -->\n<p>b</p>\n<!-- glosa off -->\n<p>c</p>\n<!-- glosa on -->\n<p>d</p><!-- glosa-disable -->\n<p>e</p>";
        let e = x(t);
        let s = &e.suppressions;
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].codes, ["es/x", "mt/y"]);
        assert_eq!(&t[s[0].scope.start..s[0].scope.end], "<p>b</p>");
        assert_eq!(&t[s[0].at..s[0].at_end], "<!-- glosa-ignore es/x mt/y -->");
        let off = &t[s[1].scope.start..s[1].scope.end];
        assert!(off.starts_with("<!-- glosa off -->") && off.ends_with("<!-- glosa on -->"));
        assert!(off.contains("<p>c</p>"));
        assert!(s[1].codes.is_empty());
        assert_eq!(s[2].scope.end, t.len());
        assert!(t[s[2].scope.start..].starts_with("<!-- glosa-disable"));
        // Comments are masked.
        assert!(!e.masked.contains("glosa"));
    }

    #[test]
    fn comment_between_words_is_spaces() {
        let t = "<p>la <!-- x --> pista</p>";
        assert_eq!(seg_masked(&x(t)), ["la            pista"]);
    }

    #[test]
    fn lenient_html() {
        let t = "<!DOCTYPE html>\n<P CLASS=intro>Uno<br>dos<P>Tres <input disabled checked> cuatro\n<li>cinco";
        let e = x(t);
        assert_eq!(
            seg_texts(t, &e),
            [
                "Uno<br>dos",
                "Tres <input disabled checked> cuatro",
                "cinco"
            ]
        );
        assert!(e.errors.is_empty(), "{:?}", e.errors);
    }

    #[test]
    fn malformed_input_is_reported_not_fatal() {
        let t = "<div><span>Hola</div></b><p title=\"sin cerrar>Texto</p><p>Más</p><!-- sin fin";
        let e = x(t);
        let msgs: Vec<(usize, &str)> = e
            .errors
            .iter()
            .map(|e| (e.offset, e.message.as_str()))
            .collect();
        assert!(
            msgs.contains(&(5, "<span> is not closed before </div>")),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&(21, "</b> closes no open element")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|(o, m)| *o == 34 && m.starts_with("unterminated attribute")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|(_, m)| *m == "unterminated comment"),
            "{msgs:?}"
        );
        assert_eq!(seg_texts(t, &e), ["Hola", "sin cerrar", "Texto", "Más"]);

        let t = "<p>Hola <b class=\"x\"";
        let e = x(t);
        assert_eq!(seg_texts(t, &e), ["Hola"]);
        assert_eq!(e.errors.len(), 1);
        assert_eq!(e.errors[0].offset, 8);

        let t = "<p>abc<script>var x = '<p>';";
        let e = x(t);
        assert_eq!(seg_texts(t, &e), ["abc"]);
        assert!(e.errors.iter().any(|e| e.offset == 6), "{:?}", e.errors);

        let t = "<div>never closed";
        let e = x(t);
        assert_eq!(e.errors[0].offset, 0);
        assert_eq!(seg_texts(t, &e), ["never closed"]);
    }

    #[test]
    fn crlf_bom_empty_no_final_newline() {
        let t = "\u{FEFF}<html lang=fr>\r\n<p>Bonjour\r\nle monde</p>\r\n<p>fin</p>";
        let e = x(t);
        assert_eq!(e.lang.as_deref(), Some("fr"));
        assert_eq!(seg_texts(t, &e), ["Bonjour\r\nle monde", "fin"]);
        assert_eq!(&e.masked.as_bytes()[..3], &[MASK; 3]);

        let e = x("");
        assert!(e.segments.is_empty() && e.errors.is_empty() && e.masked.is_empty());

        let t = "just text, no tags";
        assert_eq!(seg_texts(t, &x(t)), [t]);
    }

    #[test]
    fn non_ascii_text_and_tags() {
        let t = "<p>日本語の<b>テキスト</b>とÉmile</p><p données=\"é\">ñ</p><ñ>x</ñ>";
        let e = x(t);
        assert_eq!(seg_masked(&e)[0], "日本語の   テキスト    とÉmile");
        assert_eq!(seg_texts(t, &e)[1], "ñ");
    }

    #[test]
    fn title_and_textarea_are_text() {
        let t = "<title>A &amp; B <b></title><textarea>Escribe <aquí></textarea>";
        let e = x(t);
        assert_eq!(seg_texts(t, &e), ["A &amp; B <b>", "Escribe <aquí>"]);
        assert!(e.errors.is_empty(), "{:?}", e.errors);
    }

    #[test]
    fn phrasing_blocks_do_not_close_a_paragraph() {
        let t =
            "<p>Pulsa <button>Aceptar</button> para <label>seguir</label></p><p>Uno<div>Dos</div>";
        let e = x(t);
        assert_eq!(
            seg_texts(t, &e),
            ["Pulsa", "Aceptar", "para", "seguir", "Uno", "Dos"]
        );
        assert!(e.errors.is_empty(), "{:?}", e.errors);
    }

    #[test]
    fn lone_angle_brackets_are_text() {
        let t = "<p>a < b > c <3 <</p>";
        let e = x(t);
        assert_eq!(seg_texts(t, &e), ["a < b > c <3 <"]);
    }

    #[test]
    fn never_panics_on_prefixes() {
        let t = "<!DOCTYPE html><html lang=\"es\"><!-- glosa off --><p title='t'>a &amp; <b>b</b><![CDATA[x]]><?php ?></p><script>s</script></html>";
        for i in 0..=t.len() {
            if t.is_char_boundary(i) {
                x(&t[..i]);
                x(&t[i..]);
            }
        }
    }
}
