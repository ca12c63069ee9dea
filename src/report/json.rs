//! JSON output: one document `{"version": 1, "findings": [...], "summary": {...}}`. The shape
//! is a contract (README, "JSON output"): fields are only ever added.

use super::{FileReport, Reporter, Summary};
use serde::Serialize;
use serde_json::{json, Value};
use std::io::{self, Write};

#[derive(Default)]
pub struct Json {
    findings: Vec<Value>,
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

/// The JSON object of one finding.
pub fn finding_value(r: &FileReport, f: &crate::finding::Finding) -> Value {
    let (line, column) = r.lines.position(r.text, f.start);
    let (end_line, end_column) = r.lines.position(r.text, f.end);
    serde_json::to_value(JsonFinding {
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
    .unwrap_or(Value::Null)
}

impl Reporter for Json {
    fn file(&mut self, _w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        for f in r.findings {
            self.findings.push(finding_value(r, f));
        }
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        let errors: Vec<Value> = s
            .errors
            .iter()
            .map(|e| json!({"path": e.path, "message": e.message}))
            .collect();
        let doc = json!({
            "version": 1,
            "findings": std::mem::take(&mut self.findings),
            "errors": errors,
            "summary": {
                "files_checked": s.files_checked,
                "files_skipped": s.files_skipped,
                "files_with_findings": s.files_with_findings,
                "findings": s.findings,
                "errors": s.errors.len(),
                "by_severity": s.by_severity,
                "by_rule": s.by_rule,
            }
        });
        serde_json::to_writer_pretty(&mut *w, &doc)?;
        writeln!(w)
    }
}
