//! Human output: miette graphical diagnostics, one per finding, and a summary line.

use super::source::IndexedSource;
use super::{FileReport, Reporter, Summary};
use crate::finding::{Applicability, Finding, Severity};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode, SourceSpan,
};
use std::fmt;
use std::io::{self, Write};

pub struct Human {
    handler: GraphicalReportHandler,
    color: bool,
}

impl Human {
    pub fn new(color: bool) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Human {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_links(false)
                .with_context_lines(1)
                .with_width(100),
            color,
        }
    }
}

/// One finding as a miette diagnostic.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: &'a IndexedSource<'a>,
    matched: &'a str,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindingDiagnostic")
            .field("rule", &self.finding.rule)
            .finish()
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

/// The `help:` text: the replacement(s) and the reason.
pub fn help_text(f: &Finding, matched: &str) -> Option<String> {
    let mut parts = Vec::new();
    // The phrase the fix writes (with its determiner, when the gender changed), else the
    // first suggestion.
    let whole_edit = f
        .fix
        .as_ref()
        .filter(|fx| fx.edits.len() == 1)
        .map(|fx| &fx.edits[0])
        .filter(|e| e.start == f.start && e.end == f.end);
    if let Some((first, rest)) = f.suggestions.split_first() {
        let mut s = match whole_edit {
            Some(e) => format!("replace «{matched}» with «{}»", e.replacement),
            None if f.fix.is_none() => format!("replace «{matched}» with «{first}»"),
            None => format!("write «{first}»"),
        };
        if !rest.is_empty() {
            let others: Vec<String> = rest.iter().map(|r| format!("«{r}»")).collect();
            s.push_str(&format!(" (or {})", others.join(", ")));
        }
        parts.push(s);
    }
    if let Some(r) = &f.reason {
        parts.push(r.to_string());
    }
    if let Some(fx) = &f.fix {
        match fx.applicability {
            Applicability::Safe => parts.push("safe fix".into()),
            Applicability::Unsafe => parts.push("unsafe fix".into()),
            Applicability::DisplayOnly => {}
        }
    }
    (!parts.is_empty()).then(|| parts.join(" — "))
}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        help_text(self.finding, self.matched).map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let f = self.finding;
        let label = match f.suggestions.first() {
            Some(s) => format!("→ {s}"),
            None => f.category.as_str().to_string(),
        };
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(
                Some(label),
                SourceSpan::from((f.start, f.end - f.start)),
            ),
        )))
    }
}

impl Reporter for Human {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        let source = IndexedSource {
            name: r.path,
            text: r.text,
            lines: r.lines,
        };
        let mut buf = String::new();
        for f in r.findings {
            let d = FindingDiagnostic {
                finding: f,
                source: &source,
                matched: &r.text[f.start..f.end],
            };
            buf.clear();
            if self.handler.render_report(&mut buf, &d).is_err() {
                let (line, col) = r.lines.position(r.text, f.start);
                buf = format!("{}:{line}:{col}: {} {}\n", r.path, f.rule, f.message);
            }
            w.write_all(buf.as_bytes())?;
        }
        Ok(())
    }

    fn finish(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        for e in &s.errors {
            writeln!(w, "error: {}: {}", e.path, e.message)?;
        }
        let files = |n: usize| if n == 1 { "file" } else { "files" };
        let mut line = if s.findings == 0 {
            format!(
                "No findings in {} {}",
                s.files_checked,
                files(s.files_checked)
            )
        } else {
            let mut parts = Vec::new();
            for sev in [Severity::Error, Severity::Warning, Severity::Info] {
                let n = s.count(sev);
                if n > 0 {
                    parts.push(format!("{n} {}", plural(sev.as_str(), n)));
                }
            }
            format!(
                "Found {} {} ({}) in {} of {} {}",
                s.findings,
                plural("finding", s.findings),
                parts.join(", "),
                s.files_with_findings,
                s.files_checked,
                files(s.files_checked)
            )
        };
        if s.fixed > 0 {
            line = format!("Fixed {} {}. {line}", s.fixed, plural("finding", s.fixed));
        }
        if s.files_skipped > 0 {
            line.push_str(&format!("; {} skipped", s.files_skipped));
        }
        if !s.errors.is_empty() {
            line.push_str(&format!(
                "; {} {}",
                s.errors.len(),
                plural("error", s.errors.len())
            ));
        }
        if let Some(d) = s.elapsed {
            line.push_str(&format!(" in {:.2} s", d.as_secs_f64()));
        }
        line.push('.');
        if self.color {
            writeln!(w, "\x1b[1m{line}\x1b[0m")?;
        } else {
            writeln!(w, "{line}")?;
        }
        // Which rules fired, most frequent first, when there is more than one.
        if s.by_rule.len() > 1 {
            let mut rules: Vec<(&String, &usize)> = s.by_rule.iter().collect();
            rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let shown: Vec<String> = rules
                .iter()
                .take(8)
                .map(|(r, n)| format!("{r} {n}"))
                .collect();
            let more = rules.len().saturating_sub(8);
            let tail = if more > 0 {
                format!(", and {more} more")
            } else {
                String::new()
            };
            writeln!(w, "By rule: {}{tail}.", shown.join(", "))?;
        }
        Ok(())
    }
}

fn plural(word: &str, n: usize) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
