//! XLIFF 1.2 (`<trans-unit><source/><target/>`, `target-language` on `<file>`) and 2.x
//! (`<unit><segment><source/><target/>`, `trgLang` on `<xliff>`), read with quick-xml.
//!
//! Each `<target>` of a unit is a segment, with the unit's `<source>` text as its source. Inline
//! tags (`g`, `x`, `ph`, `bpt`, `pc`, `mrk`…) between two words become spaces, and so does the
//! native code inside `ph`/`bpt`/`ept`/`it`; references (`&amp;`, `&#233;`) are masked in
//! place, never expanded, and an entity the DTD declares is never read (quick-xml does not
//! expand DTD entities). Content marked `translate="no"` is masked. Targets of alternatives
//! (`<alt-trans>`, XLIFF 2 matches) and of `<ignorable>` are not checked.
//!
//! `<!-- glosa-ignore CODE… -->` suppresses on the next line (on the whole unit when the next
//! line opens one); `<!-- glosa off -->` … `<!-- glosa on -->` between the two. Malformed XML is
//! reported in `errors` at the offset quick-xml gives; what was read before is kept.

use quick_xml::errors::Error as XmlError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::builder::{bom_len, resolve_reference, Builder, Directives};
use super::{Extracted, FormatError};

/// Inline elements whose content is native code, not text.
const CODE_ELEMENTS: &[&[u8]] = &[b"ph", b"bpt", b"ept", b"it"];

/// Elements that hold one translation unit's source and target.
const UNIT_PARENTS: &[&[u8]] = &[b"trans-unit", b"segment"];

/// Elements a `glosa-ignore` comment right above extends its scope to.
const UNIT_ELEMENTS: &[&[u8]] = &[b"trans-unit", b"unit", b"segment", b"group"];

/// Most errors reported before giving up on a file.
const MAX_ERRORS: usize = 100;

/// The translations of an XLIFF file.
pub fn extract(text: &str) -> Extracted {
    let mut x = Xliff {
        text,
        out: Builder::new(text),
        dirs: Directives::default(),
        errors: Vec::new(),
        lang: None,
        stack: Vec::new(),
        source: None,
        target: None,
        code: None,
        skip: None,
        unit: None,
        pending_ignore: None,
        unit_ignores: Vec::new(),
    };
    x.run();
    let suppressions = x.dirs.finish(text.len());
    x.out.finish(x.lang, suppressions, x.errors)
}

struct Open {
    /// Qualified name as written.
    name: Vec<u8>,
    at: usize,
}

/// The `<trans-unit>` or `<segment>` being read.
#[derive(Default)]
struct Unit {
    depth: usize,
    source: Option<String>,
    targets: Vec<usize>,
}

struct Xliff<'a> {
    text: &'a str,
    out: Builder<'a>,
    dirs: Directives,
    errors: Vec<FormatError>,
    lang: Option<String>,
    stack: Vec<Open>,
    /// Depth of the `<source>` being read, and its text so far.
    source: Option<(usize, String)>,
    /// Depth of the `<target>` being read.
    target: Option<usize>,
    /// Depth of the inline code element (`ph`, `bpt`…) being read.
    code: Option<usize>,
    /// Depth of the element marked `translate="no"` being read.
    skip: Option<usize>,
    unit: Option<Unit>,
    /// A `glosa-ignore` suppression whose next element may extend it.
    pending_ignore: Option<usize>,
    /// Suppressions extended to a unit element: (suppression, depth of the element).
    unit_ignores: Vec<(usize, usize)>,
}

fn local(name: &[u8]) -> &[u8] {
    match memchr::memrchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    attrs.flatten().find_map(|a| {
        (local(a.key.as_ref()) == key).then(|| String::from_utf8_lossy(&a.value).trim().to_string())
    })
}

impl<'a> Xliff<'a> {
    fn error(&mut self, offset: usize, message: impl Into<String>) {
        self.errors.push(FormatError {
            offset: offset.min(self.text.len()),
            message: message.into(),
        });
    }

    fn run(&mut self) {
        // quick-xml skips a byte order mark without counting it in its positions: read past it.
        let bom = bom_len(self.text);
        let mut reader = Reader::from_str(&self.text[bom..]);
        {
            let c = reader.config_mut();
            c.check_end_names = false; // checked here, to recover from a mismatch
            c.allow_unmatched_ends = true;
            c.allow_dangling_amp = true; // reported here, and the text still read
            c.expand_empty_elements = false;
            c.trim_text(false);
        }
        loop {
            let before = pos(&reader) + bom;
            let event = reader.read_event();
            let after = (pos(&reader) + bom).min(self.text.len());
            match event {
                Err(e) => {
                    let fatal = !matches!(e, XmlError::IllFormed(_));
                    self.error(pos_err(&reader) + bom, format!("malformed XML: {e}"));
                    if fatal || after <= before || self.errors.len() >= MAX_ERRORS {
                        break;
                    }
                }
                Ok(Event::Eof) => break,
                Ok(Event::Start(e)) => {
                    self.start(&e, before, after, false);
                }
                Ok(Event::Empty(e)) => {
                    self.start(&e, before, after, true);
                }
                Ok(Event::End(e)) => {
                    self.end(e.name().as_ref(), before, after);
                }
                Ok(Event::Text(_)) => self.text_piece(before, after),
                Ok(Event::GeneralRef(_)) => self.reference(before, after),
                Ok(Event::CData(_)) => {
                    let (cs, ce) = (before + 9, after.saturating_sub(3).max(before + 9));
                    self.inline(before, cs);
                    self.text_piece(cs, ce);
                    self.inline(ce, after);
                }
                Ok(Event::Comment(_)) => {
                    let body = self
                        .text
                        .get(before + 4..after.saturating_sub(3))
                        .unwrap_or("");
                    if let Some(i) = self.dirs.comment(self.text, before, after, body) {
                        self.pending_ignore = Some(i);
                    }
                    self.inline(before, after);
                    continue;
                }
                Ok(Event::Decl(_) | Event::PI(_) | Event::DocType(_)) => {}
            }
            // A glosa-ignore comment extends to a unit only when the unit follows it.
            if self.pending_ignore.is_some() && !self.is_blank(before, after) {
                self.pending_ignore = None;
            }
        }
        if let Some(open) = self.stack.last() {
            let name = String::from_utf8_lossy(&open.name).into_owned();
            let at = open.at;
            self.error(at, format!("<{name}> is never closed"));
        }
        self.close_target();
    }

    fn is_blank(&self, s: usize, e: usize) -> bool {
        self.text
            .as_bytes()
            .get(s..e)
            .is_some_and(|t| t.iter().all(u8::is_ascii_whitespace))
    }

    fn in_target(&self) -> bool {
        self.target.is_some() && self.skip.is_none()
    }

    /// Markup inside a target: spaces between two words.
    fn inline(&mut self, s: usize, e: usize) {
        if self.target.is_some() {
            if self.skip.is_some() {
                self.out.cut();
            } else {
                self.out.markup(s, e);
            }
        }
    }

    fn start(&mut self, e: &BytesStart, before: usize, after: usize, empty: bool) {
        let qname = e.name().as_ref().to_vec();
        let name = local(&qname).to_vec();
        let depth = self.stack.len() + 1;
        let parent = self.stack.last().map(|o| local(&o.name).to_vec());
        // The target language: `trgLang` on `<xliff>` (2.x), `target-language` on `<file>` (1.2).
        let lang_attr: Option<&[u8]> = match name.as_slice() {
            b"xliff" => Some(b"trgLang"),
            b"file" => Some(b"target-language"),
            _ => None,
        };
        if let (None, Some(key)) = (&self.lang, lang_attr) {
            self.lang = attr(e, key).filter(|l| !l.is_empty());
        }
        if let Some(i) = self.pending_ignore.take() {
            if UNIT_ELEMENTS.contains(&name.as_slice()) && !empty {
                self.unit_ignores.push((i, depth));
            }
        }
        let in_unit_parent = parent
            .as_deref()
            .is_some_and(|p| UNIT_PARENTS.contains(&p) && self.unit.is_some());
        let translate_no = attr(e, b"translate").is_some_and(|v| v.eq_ignore_ascii_case("no"));
        if UNIT_PARENTS.contains(&name.as_slice()) && !empty {
            self.close_target();
            self.unit = Some(Unit {
                depth,
                ..Unit::default()
            });
        } else if name == b"source" && in_unit_parent && self.target.is_none() {
            if !empty {
                self.source = Some((depth, String::new()));
            } else if let Some(u) = self.unit.as_mut() {
                u.source = Some(String::new());
            }
        } else if name == b"target" && in_unit_parent && self.source.is_none() {
            self.close_target();
            if !empty {
                self.target = Some(depth);
            }
        } else if self.target.is_some() || self.source.is_some() {
            // An inline element.
            self.inline(before, after);
            if let Some((_, src)) = self.source.as_mut() {
                if self.code.is_none() && empty && !src.ends_with(char::is_whitespace) {
                    src.push(' ');
                }
            }
            if !empty && self.code.is_none() && CODE_ELEMENTS.contains(&name.as_slice()) {
                self.code = Some(depth);
            }
        }
        if translate_no && !empty && self.skip.is_none() {
            if self.target.is_some() {
                self.out.cut();
            }
            self.skip = Some(depth);
        }
        if !empty {
            self.stack.push(Open {
                name: qname,
                at: before,
            });
        }
    }

    fn end(&mut self, qname: &[u8], before: usize, after: usize) {
        let Some(idx) = self.stack.iter().rposition(|o| o.name == qname) else {
            let name = String::from_utf8_lossy(qname).into_owned();
            self.error(before, format!("</{name}> closes no open element"));
            self.inline(before, after);
            return;
        };
        if idx + 1 != self.stack.len() {
            let open = String::from_utf8_lossy(&self.stack[self.stack.len() - 1].name).into_owned();
            let name = String::from_utf8_lossy(qname).into_owned();
            self.error(before, format!("</{name}> where </{open}> was expected"));
        }
        let depth = idx + 1;
        let skip_ended = self.skip.is_some_and(|d| d >= depth);
        if self.code.is_some_and(|d| d >= depth) {
            self.code = None;
        }
        if let Some((d, _)) = &self.source {
            if *d >= depth {
                if let Some((_, s)) = self.source.take() {
                    if let Some(u) = self.unit.as_mut() {
                        u.source = Some(s.trim().to_string());
                    }
                }
            }
        }
        if self.target.is_some_and(|d| depth > d) {
            // Inline end tags in the target.
            self.inline(before, after);
        }
        if skip_ended {
            self.skip = None;
        }
        if self.target.is_some_and(|d| d >= depth) {
            self.close_target();
        }
        if self.unit.as_ref().is_some_and(|u| u.depth >= depth) {
            self.close_unit();
        }
        let mut k = 0;
        while k < self.unit_ignores.len() {
            let (i, d) = self.unit_ignores[k];
            if d >= depth {
                if let Some(s) = self.dirs.suppressions.get_mut(i) {
                    s.scope.end = after.max(s.scope.start);
                }
                self.unit_ignores.swap_remove(k);
            } else {
                k += 1;
            }
        }
        self.stack.truncate(idx);
    }

    fn close_target(&mut self) {
        if self.target.take().is_some() {
            self.code = None;
            if let Some(i) = self.out.end_segment(None) {
                if let Some(u) = self.unit.as_mut() {
                    u.targets.push(i);
                }
            }
        }
    }

    fn close_unit(&mut self) {
        self.close_target();
        if let Some(u) = self.unit.take() {
            if let Some(src) = u.source {
                for i in u.targets {
                    self.out.set_source(i, src.clone());
                }
            }
        }
    }

    fn text_piece(&mut self, s: usize, e: usize) {
        if s >= e {
            return;
        }
        let raw = self.text.get(s..e).unwrap_or("");
        if self.target.is_some() || self.source.is_some() {
            if let Some(p) = raw.find('&') {
                self.error(s + p, "unescaped '&' (write &amp;)");
            }
        }
        if let Some((_, src)) = self.source.as_mut() {
            if self.code.is_none() {
                src.push_str(raw);
            }
        }
        if self.in_target() {
            if self.code.is_some() {
                self.out.markup(s, e);
            } else {
                self.out.text(s, e);
            }
        } else if self.target.is_some() {
            self.out.cut();
        }
    }

    fn reference(&mut self, s: usize, e: usize) {
        if let Some((_, src)) = self.source.as_mut() {
            if self.code.is_none() {
                let name = self.text.get(s + 1..e.saturating_sub(1)).unwrap_or("");
                if let Some(c) = resolve_reference(name) {
                    src.push(c);
                }
            }
        }
        self.inline(s, e);
    }
}

fn pos(r: &Reader<&[u8]>) -> usize {
    usize::try_from(r.buffer_position()).unwrap_or(usize::MAX / 2)
}

fn pos_err(r: &Reader<&[u8]>) -> usize {
    usize::try_from(r.error_position()).unwrap_or(usize::MAX / 2)
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

    const V12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="es" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="1">
        <source>Open the <g id="1">track</g> now</source>
        <target state="translated">Abre la <g id="1">pista</g> ahora</target>
        <note>la pista de notas</note>
      </trans-unit>
      <trans-unit id="2">
        <source>Tom &amp; Jerry<x id="2"/>go</source>
        <target>Tom &amp; Jerry <ph id="2">&lt;br/&gt;</ph> van</target>
        <alt-trans><target>no se comprueba</target></alt-trans>
      </trans-unit>
      <trans-unit id="3" translate="no"><source>Brand</source><target>Marca</target></trans-unit>
      <trans-unit id="4"><source>Empty</source><target/></trans-unit>
      <trans-unit id="5"><source>Keep <mrk mtype="protected" translate="no">Name</mrk> here</source><target>Guarda <mrk mtype="protected" translate="no">Nombre</mrk> aquí</target></trans-unit>
    </body>
  </file>
</xliff>
"#;

    #[test]
    fn xliff_1_2() {
        let e = x(V12);
        assert_eq!(e.lang.as_deref(), Some("es"));
        assert_eq!(
            seg_texts(V12, &e),
            [
                "Abre la <g id=\"1\">pista</g> ahora",
                "Tom &amp; Jerry <ph id=\"2\">&lt;br/&gt;</ph> van",
                "Guarda <mrk mtype=\"protected\" translate=\"no\">Nombre</mrk> aquí"
            ]
        );
        let m = seg_masked(&e);
        assert_eq!(m[0], "Abre la           pista     ahora");
        assert_eq!(m[1], "Tom       Jerry                             van");
        assert!(
            m[2].starts_with("Guarda \u{1a}") && m[2].ends_with("\u{1a} aquí"),
            "{:?}",
            m[2]
        );
        assert!(!e.masked.contains("Nombre"));
        assert_eq!(
            sources(&e),
            [
                Some("Open the track now"),
                Some("Tom & Jerry go"),
                Some("Keep Name here")
            ]
        );
        for hidden in ["Open", "notas", "no se", "Marca", "Empty", "target"] {
            assert!(!e.masked.contains(hidden), "{hidden}");
        }
        assert!(e.errors.is_empty(), "{:?}", e.errors);
    }

    const V2: &str = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr-CA">
 <file id="f1">
  <unit id="u1">
   <notes><note>nota</note></notes>
   <originalData><data id="d1">&lt;b&gt;</data></originalData>
   <segment><source>Hello <pc id="1" dataRefStart="d1">world</pc></source><target>Bonjour <pc id="1" dataRefStart="d1">le monde</pc></target></segment>
   <ignorable><source> </source><target> </target></ignorable>
   <segment><target>Avant</target><source>Before<ph id="2"/></source></segment>
  </unit>
 </file>
</xliff>"#;

    #[test]
    fn xliff_2() {
        let e = x(V2);
        assert_eq!(e.lang.as_deref(), Some("fr-CA"));
        assert_eq!(
            seg_texts(V2, &e),
            ["Bonjour <pc id=\"1\" dataRefStart=\"d1\">le monde", "Avant"]
        );
        assert_eq!(
            seg_masked(&e)[0],
            "Bonjour                              le monde"
        );
        assert_eq!(sources(&e), [Some("Hello world"), Some("Before")]);
        assert!(!e.masked.contains("nota") && !e.masked.contains("&lt;"));
    }

    #[test]
    fn cdata_and_entities() {
        let t = "<xliff version=\"1.2\"><file target-language=\"de\"><body><trans-unit id=\"1\"><source>a</source><target><![CDATA[Hallo <Welt>]]> und&#160;mehr &custom; ende</target></trans-unit></body></file></xliff>";
        let e = x(t);
        assert_eq!(
            seg_masked(&e),
            ["Hallo <Welt>    und      mehr          ende"]
        );
    }

    #[test]
    fn dtd_entities_are_not_expanded() {
        let t = "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY boom \"BOOM BOOM BOOM\">]>\n<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>&boom;</source><target>x &boom; y</target></trans-unit></body></file></xliff>";
        let e = x(t);
        assert_eq!(seg_masked(&e), ["x        y"]);
        assert_eq!(sources(&e), [Some("")]);
        assert!(!e.masked.contains("BOOM"));
    }

    #[test]
    fn suppressions() {
        let t = "<xliff version=\"1.2\"><file><body>\n<!-- glosa-ignore es/x -->\n<trans-unit id=\"1\">\n<source>a</source>\n<target>b</target>\n</trans-unit>\n<trans-unit id=\"2\"><source>c</source>\n<!-- glosa-ignore -->\n<target>d</target></trans-unit>\n<!-- glosa off --><trans-unit id=\"3\"><source>e</source><target>f</target></trans-unit>\n</body></file></xliff>";
        let e = x(t);
        let s = &e.suppressions;
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0].codes, ["es/x"]);
        let sc0 = &t[s[0].scope.start..s[0].scope.end];
        assert!(
            sc0.starts_with("<trans-unit id=\"1\">") && sc0.ends_with("</trans-unit>"),
            "{sc0:?}"
        );
        assert!(sc0.contains("<target>b</target>"));
        assert_eq!(
            &t[s[1].scope.start..s[1].scope.end],
            "<target>d</target></trans-unit>"
        );
        assert_eq!(s[2].scope.end, t.len());
        assert_eq!(seg_texts(t, &e), ["b", "d", "f"]);
    }

    #[test]
    fn malformed_xml_keeps_what_was_read() {
        let t = "<xliff version=\"1.2\"><file target-language=\"it\"><body><trans-unit id=\"1\"><source>a</source><target>Ciao</target></trans-unit><trans-unit id=\"2\"><source>b</source><target>Tom & Jerry</target></trans-unit><trans-unit id=\"3\"><target>rotto <g id=\"1\"";
        let e = x(t);
        assert_eq!(e.lang.as_deref(), Some("it"));
        assert_eq!(seg_texts(t, &e), ["Ciao", "Tom & Jerry", "rotto"]);
        let amp = t.find(" & ").unwrap() + 1;
        assert!(e.errors.iter().any(|e| e.offset == amp), "{:?}", e.errors);
        let lt = t.find("<g id=").unwrap();
        assert!(
            e.errors
                .iter()
                .any(|e| e.offset == lt && e.message.starts_with("malformed XML")),
            "{:?}",
            e.errors
        );

        let t = "<xliff><file><body><trans-unit id=\"1\"><target>Uno</tárget></trans-unit></body></file></xliff>";
        let e = x(t);
        assert!(!e.errors.is_empty());
        assert_eq!(seg_texts(t, &e), ["Uno"]);

        let t = "<xliff><file><body><trans-unit id=\"1\"><target>Sin fin";
        let e = x(t);
        assert_eq!(seg_texts(t, &e), ["Sin fin"]);
        assert!(
            e.errors.iter().any(|e| e.message.contains("never closed")),
            "{:?}",
            e.errors
        );
    }

    #[test]
    fn crlf_bom_empty_no_final_newline() {
        let t = "\u{FEFF}<?xml version=\"1.0\"?>\r\n<xliff version=\"2.1\" trgLang=\"ja\">\r\n<file id=\"f\"><unit id=\"u\"><segment><source>Good\r\nmorning</source><target>おはよう\r\nございます</target></segment></unit></file></xliff>";
        let e = x(t);
        assert_eq!(e.lang.as_deref(), Some("ja"));
        assert_eq!(seg_texts(t, &e), ["おはよう\r\nございます"]);
        assert_eq!(sources(&e), [Some("Good\r\nmorning")]);
        assert!(e.errors.is_empty(), "{:?}", e.errors);
        let e = x("");
        assert!(e.segments.is_empty() && e.errors.is_empty());
    }

    #[test]
    fn never_panics_on_prefixes() {
        for t in [V12, V2] {
            for i in 0..=t.len() {
                if t.is_char_boundary(i) {
                    x(&t[..i]);
                    x(&t[i..]);
                }
            }
        }
    }
}
