//! SARIF 2.1.0 output for code-scanning dashboards (GitHub, GitLab, Azure DevOps). Results are
//! streamed as files come; the `tool` object with the rules that were reported is written
//! after them (JSON objects are unordered, so that is still one valid document).

use super::{FileReport, Reporter, Summary};
use crate::checks::RuleDoc;
use crate::finding::{Applicability, Severity};
use crate::text::lines::LineCursor;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Default)]
pub struct Sarif {
    started: bool,
    any: bool,
    /// Rule code → index in the `rules` array, in order of first use.
    used: BTreeMap<String, usize>,
    order: Vec<String>,
    docs: Vec<RuleDoc>,
}

impl Sarif {
    fn start(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(
                w,
                "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{{\n    \
                 \"columnKind\": \"unicodeCodePoints\",\n    \"results\": ["
            )?;
        }
        Ok(())
    }

    fn rule_index(&mut self, code: &str) -> usize {
        if let Some(i) = self.used.get(code) {
            return *i;
        }
        let i = self.order.len();
        self.used.insert(code.to_string(), i);
        self.order.push(code.to_string());
        i
    }
}

/// A relative URI reference for a path (forward slashes, reserved bytes percent-encoded).
pub fn uri_of(path: &str) -> String {
    if path == "<stdin>" {
        return "stdin".into();
    }
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

impl Reporter for Sarif {
    fn rules(&mut self, docs: &[RuleDoc]) {
        self.docs = docs.to_vec();
    }

    fn file(&mut self, w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        self.start(w)?;
        let uri = uri_of(r.path);
        let mut cursor = LineCursor::new(r.lines);
        for f in r.findings {
            let (line, col) = cursor.position(r.text, f.start);
            let (end_line, end_col) = cursor.position(r.text, f.end);
            let mut text = f.message.to_string();
            if !f.suggestions.is_empty() {
                text.push_str(&format!(" (→ {})", f.suggestions.join(", ")));
            }
            let location = json!({"physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {
                    "startLine": line, "startColumn": col,
                    "endLine": end_line, "endColumn": end_col,
                    "byteOffset": r.base + f.start, "byteLength": f.end - f.start,
                    "snippet": {"text": &r.text[f.start..f.end]},
                },
            }});
            let mut result = json!({
                "ruleId": &*f.rule,
                "ruleIndex": self.rule_index(&f.rule),
                "level": level(f.severity),
                "message": {"text": text},
                "locations": [location],
            });
            if let Some(fix) = f.fix.as_ref() {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": {"byteOffset": r.base + e.start, "byteLength": e.end - e.start},
                            "insertedContent": {"text": e.replacement},
                        })
                    })
                    .collect();
                let safety = match fix.applicability {
                    Applicability::Safe => "safe fix",
                    Applicability::Unsafe => "unsafe fix (review it)",
                    Applicability::DisplayOnly => "suggestion (not applied automatically)",
                };
                result["fixes"] = json!([{
                    "description": {"text": safety},
                    "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
                }]);
            }
            w.write_all(if self.any { b",\n      " } else { b"\n      " })?;
            self.any = true;
            serde_json::to_writer(&mut *w, &result).map_err(io::Error::from)?;
        }
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        self.start(w)?;
        let rules: Vec<Value> = self
            .order
            .iter()
            .map(|code| match self.docs.iter().find(|d| &d.code == code) {
                Some(d) => {
                    let mut help = d.explanation.clone();
                    if !d.fixes.is_empty() {
                        help.push_str(&format!(" Fixes: {}.", d.fixes.join(", ")));
                    }
                    json!({
                        "id": d.code,
                        "name": d.concept,
                        "shortDescription": {"text": d.summary},
                        "fullDescription": {"text": d.explanation},
                        "help": {"text": help},
                        "defaultConfiguration": {"level": level(d.severity)},
                        "properties": {"category": d.category.as_str(), "tags": [d.category.as_str()]},
                    })
                }
                None => json!({"id": code}),
            })
            .collect();
        let notifications: Vec<Value> = s
            .errors
            .iter()
            .map(|e| {
                json!({
                    "level": "error",
                    "message": {"text": e.message},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri_of(&e.path)}}}],
                })
            })
            .collect();
        let tool = json!({"driver": {
            "name": "glosa",
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://crates.io/crates/glosa",
            "rules": rules,
        }});
        let invocations = json!([{
            "executionSuccessful": s.errors.is_empty(),
            "toolExecutionNotifications": notifications,
        }]);
        write!(w, "\n    ],\n    \"tool\": ")?;
        serde_json::to_writer(&mut *w, &tool).map_err(io::Error::from)?;
        write!(w, ",\n    \"invocations\": ")?;
        serde_json::to_writer(&mut *w, &invocations).map_err(io::Error::from)?;
        writeln!(w, "\n  }}]\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::uri_of;

    #[test]
    fn uris() {
        assert_eq!(uri_of("./docs/a b.md"), "docs/a%20b.md");
        assert_eq!(uri_of("docs\\ñ.txt"), "docs/%C3%B1.txt");
        assert_eq!(uri_of("<stdin>"), "stdin");
    }
}
