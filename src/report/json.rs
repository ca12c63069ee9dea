//! JSON output: one document `{"version": 1, "findings": [...], "summary": {...}}`. The shape
//! is a contract (README, "JSON output"): fields are only ever added.

use super::{FileReport, Reporter, Summary};
use crate::text::lines::LineCursor;
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

/// Writes the JSON object of one finding.
pub(super) fn write_finding(
    w: &mut Vec<u8>,
    r: &FileReport,
    cursor: &mut LineCursor,
    f: &crate::finding::Finding,
) -> io::Result<()> {
    let (line, column) = cursor.position(r.text, f.start);
    let (end_line, end_column) = cursor.position(r.text, f.end);
    let finding = JsonFinding {
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
    };
    serde_json::to_writer(w, &finding).map_err(io::Error::from)
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
