//! One-line-per-finding outputs for tools and CI: `short` (`path:line:col: CODE message`),
//! `github` (workflow annotations), `jsonl` (one JSON object a line, streamed).

use super::{FileReport, Reporter, Summary};
use crate::finding::Severity;
use crate::text::lines::LineCursor;
use std::io::{self, Write};

/// `path:line:col: CODE message`
pub struct Short;

impl Reporter for Short {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        let mut cursor = LineCursor::new(r.lines);
        for f in r.findings {
            let (line, col) = cursor.position(r.text, f.start);
            write!(w, "{}:{line}:{col}: {} {}", r.path, f.rule, f.message)?;
            if let Some(s) = f.suggestions.first() {
                write!(w, " (→ {s})")?;
            }
            writeln!(w)?;
        }
        Ok(())
    }

    fn finish(&mut self, _w: &mut dyn Write, _s: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// GitHub Actions workflow commands: `::warning file=…,line=…,col=…::message`.
pub struct Github;

/// Escapes a workflow-command value (`%`, CR, LF; and `,` `:` in properties).
fn escape(s: &str, property: bool) -> String {
    let mut out = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

impl Reporter for Github {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        let mut cursor = LineCursor::new(r.lines);
        for f in r.findings {
            let (line, col) = cursor.position(r.text, f.start);
            let (end_line, end_col) = cursor.position(r.text, f.end);
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut msg = f.message.to_string();
            if let Some(s) = f.suggestions.first() {
                msg.push_str(&format!(" (→ {s})"));
            }
            writeln!(
                w,
                "::{level} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                escape(r.path, true),
                escape(&f.rule, true),
                escape(&msg, false)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _w: &mut dyn Write, _s: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// One JSON object per finding, one per line, written as files are checked.
#[derive(Default)]
pub struct Jsonl {
    buf: Vec<u8>,
}

impl Reporter for Jsonl {
    fn file(&mut self, w: &mut dyn Write, r: &FileReport) -> io::Result<()> {
        let mut cursor = LineCursor::new(r.lines);
        for f in r.findings {
            self.buf.clear();
            super::json::write_finding(&mut self.buf, r, &mut cursor, f)?;
            self.buf.push(b'\n');
            w.write_all(&self.buf)?;
        }
        Ok(())
    }

    fn finish(&mut self, _w: &mut dyn Write, _s: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_values() {
        assert_eq!(escape("a,b:c%\n", true), "a%2Cb%3Ac%25%0A");
        assert_eq!(escape("a,b:c", false), "a,b:c");
    }
}
