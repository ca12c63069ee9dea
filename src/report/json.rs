//! JSON output: one document `{"version": 1, "findings": [...], "summary": {...}}`. The shape
//! is a contract (README, "JSON output"): fields are only ever added.

use super::{FileReport, Reporter, Summary};
use crate::text::lines::LineCursor;
#[cfg(test)]
use serde::Serialize;
use serde_json::{json, Value};
use std::io::{self, Write};

/// Streams the findings array as files come, so memory does not grow with the findings.
#[derive(Default)]
pub struct Json {
    started: bool,
    any: bool,
    /// One finding is serialized here, then written in one call.
    buf: Vec<u8>,
}

impl Json {
    fn start(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            w.write_all(b"{\n  \"version\": 1,\n  \"findings\": [")?;
        }
        Ok(())
    }
}

/// The shape of a finding in the JSON contract (kept as the reference the hand-written writer
/// is tested against).
#[cfg(test)]
#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    category: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: &'a str,
    message: &'a str,
    suggestions: &'a [String],
    reason: Option<&'a str>,
    fix: Option<&'a crate::finding::Fix>,
}

/// Writes the JSON object of one finding: the same bytes serde_json writes for
/// [`JsonFinding`], without going through serde (the report path of files with hundreds of
/// thousands of findings).
pub(super) fn write_finding(
    w: &mut Vec<u8>,
    r: &FileReport,
    cursor: &mut LineCursor,
    f: &crate::finding::Finding,
) -> io::Result<()> {
    let (line, column) = cursor.position(r.text, f.start);
    let (end_line, end_column) = cursor.position(r.text, f.end);
    w.extend_from_slice(b"{\"path\":");
    put_str(w, r.path);
    w.extend_from_slice(b",\"rule\":");
    put_str(w, &f.rule);
    w.extend_from_slice(b",\"severity\":");
    put_str(w, f.severity.as_str());
    w.extend_from_slice(b",\"category\":");
    put_str(w, f.category.as_str());
    for (key, n) in [
        (&b",\"start\":"[..], r.base + f.start),
        (b",\"end\":", r.base + f.end),
        (b",\"line\":", line),
        (b",\"column\":", column),
        (b",\"end_line\":", end_line),
        (b",\"end_column\":", end_column),
    ] {
        w.extend_from_slice(key);
        put_usize(w, n);
    }
    w.extend_from_slice(b",\"text\":");
    put_str(w, r.text.get(f.start..f.end).unwrap_or(""));
    w.extend_from_slice(b",\"message\":");
    put_str(w, &f.message);
    w.extend_from_slice(b",\"suggestions\":[");
    for (i, sug) in f.suggestions.iter().enumerate() {
        if i > 0 {
            w.push(b',');
        }
        put_str(w, sug);
    }
    w.extend_from_slice(b"],\"reason\":");
    match f.reason.as_deref() {
        Some(reason) => put_str(w, reason),
        None => w.extend_from_slice(b"null"),
    }
    w.extend_from_slice(b",\"fix\":");
    match &f.fix {
        None => w.extend_from_slice(b"null"),
        Some(fix) => {
            w.extend_from_slice(b"{\"applicability\":");
            put_str(w, fix.applicability.as_str());
            w.extend_from_slice(b",\"edits\":[");
            for (i, e) in fix.edits.iter().enumerate() {
                if i > 0 {
                    w.push(b',');
                }
                w.extend_from_slice(b"{\"start\":");
                put_usize(w, r.base + e.start);
                w.extend_from_slice(b",\"end\":");
                put_usize(w, r.base + e.end);
                w.extend_from_slice(b",\"replacement\":");
                put_str(w, &e.replacement);
                w.push(b'}');
            }
            w.extend_from_slice(b"]}");
        }
    }
    w.push(b'}');
    Ok(())
}

/// A JSON string: copied as is when nothing needs escaping (the usual case), else by serde_json.
fn put_str(w: &mut Vec<u8>, s: &str) {
    let plain = s
        .bytes()
        .fold(true, |ok, b| ok & (b >= 0x20 && b != b'"' && b != b'\\'));
    if plain {
        w.push(b'"');
        w.extend_from_slice(s.as_bytes());
        w.push(b'"');
    } else {
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *w, s);
    }
}

fn put_usize(w: &mut Vec<u8>, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    w.extend_from_slice(&buf[i..]);
}

impl Reporter for Json {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        self.start(w)?;
        self.buf.clear();
        let mut cursor = LineCursor::new(r.lines);
        for f in r.findings {
            self.buf
                .extend_from_slice(if self.any { b",\n    " } else { b"\n    " });
            self.any = true;
            write_finding(&mut self.buf, r, &mut cursor, f)?;
            if self.buf.len() > 1 << 16 {
                w.write_all(&self.buf)?;
                self.buf.clear();
            }
        }
        w.write_all(&self.buf)
    }

    fn finish(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        self.start(w)?;
        w.write_all(if self.any { b"\n  ],\n" } else { b"],\n" })?;
        let errors: Vec<Value> = s
            .errors
            .iter()
            .map(|e| json!({"path": e.path, "message": e.message}))
            .collect();
        let summary = json!({
            "files_checked": s.files_checked,
            "files_skipped": s.files_skipped,
            "files_with_findings": s.files_with_findings,
            "findings": s.findings,
            "errors": s.errors.len(),
            "fixed": s.fixed,
            "by_severity": s.by_severity,
            "by_rule": s.by_rule,
            "elapsed_ms": s.elapsed.map(|d| d.as_millis() as u64),
        });
        w.write_all(b"  \"errors\": ")?;
        serde_json::to_writer(&mut *w, &errors)?;
        w.write_all(b",\n  \"summary\": ")?;
        serde_json::to_writer(&mut *w, &summary)?;
        w.write_all(b"\n}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Applicability, Category, Edit, Finding, Fix, Severity};
    use crate::text::lines::LineIndex;
    use std::borrow::Cow;

    /// The serde version of a finding, as the contract was first written.
    fn by_serde(r: &FileReport, f: &Finding) -> Vec<u8> {
        let mut cursor = LineCursor::new(r.lines);
        let (line, column) = cursor.position(r.text, f.start);
        let (end_line, end_column) = cursor.position(r.text, f.end);
        serde_json::to_vec(&JsonFinding {
            path: r.path,
            rule: &f.rule,
            severity: f.severity.as_str(),
            category: f.category.as_str(),
            start: f.start,
            end: f.end,
            line,
            column,
            end_line,
            end_column,
            text: &r.text[f.start..f.end],
            message: &f.message,
            suggestions: &f.suggestions,
            reason: f.reason.as_deref(),
            fix: f.fix.as_ref(),
        })
        .expect("serializes")
    }

    #[test]
    fn hand_written_json_equals_serde() {
        let text = "Línea \"uno\"\n\tla pista\\ crece\n";
        let lines = LineIndex::new(text);
        let r = FileReport {
            path: "dir/a \"b\".txt",
            text,
            lines: &lines,
            base: 0,
            findings: &[],
        };
        let findings = [
            Finding {
                rule: Cow::Borrowed("es/track-as-sector"),
                severity: Severity::Warning,
                category: Category::Terminology,
                start: 13,
                end: 22,
                message: Cow::Borrowed("«pista» \"x\""),
                suggestions: vec!["sector".into(), "mer\ncado".into()],
                reason: Some(Cow::Borrowed("calque")),
                fix: Some(Fix {
                    applicability: Applicability::DisplayOnly,
                    edits: vec![Edit {
                        start: 16,
                        end: 21,
                        replacement: "sec\"tor".into(),
                    }],
                }),
            },
            Finding {
                rule: Cow::Borrowed("mt/doubled-word"),
                severity: Severity::Info,
                category: Category::Fluency,
                start: 0,
                end: 6,
                message: Cow::Borrowed("m"),
                suggestions: vec![],
                reason: None,
                fix: None,
            },
        ];
        for f in &findings {
            let mut mine = Vec::new();
            let mut cursor = LineCursor::new(r.lines);
            write_finding(&mut mine, &r, &mut cursor, f).expect("writes");
            assert_eq!(
                String::from_utf8_lossy(&mine),
                String::from_utf8_lossy(&by_serde(&r, f))
            );
        }
        let mut big = Vec::new();
        put_usize(&mut big, 0);
        big.push(b' ');
        put_usize(&mut big, usize::MAX);
        assert_eq!(String::from_utf8_lossy(&big), format!("0 {}", usize::MAX));
    }
}
