//! Reporters: one type per output format behind one trait.

pub mod human;
pub mod json;
pub mod lines;
pub mod sarif;
pub mod source;

use crate::finding::{Finding, Severity};
use crate::text::lines::LineIndex;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The findings of one file, ready to print.
pub struct FileReport<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub lines: &'a LineIndex,
    /// Offsets of the findings are into `text`; `text` starts at this byte of the file (a
    /// chunk of a big file), and byte offsets printed are the file's.
    pub base: usize,
    pub findings: &'a [Finding],
}

/// What the run did, for the closing summary.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files_checked: usize,
    pub files_skipped: usize,
    pub files_with_findings: usize,
    pub findings: usize,
    pub by_severity: BTreeMap<&'static str, usize>,
    pub by_rule: BTreeMap<String, usize>,
    pub errors: Vec<FileError>,
    /// Fixes applied with --fix.
    pub fixed: usize,
    /// Wall time of the run, when measured.
    pub elapsed: Option<std::time::Duration>,
}

/// A file that could not be checked.
#[derive(Debug, Clone)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

impl Summary {
    /// A checked file and its findings.
    pub fn add(&mut self, findings: &[Finding]) {
        self.files_checked += 1;
        if !findings.is_empty() {
            self.files_with_findings += 1;
        }
        self.add_findings(findings);
    }

    /// Findings of a file counted apart (the chunks of a big file).
    pub fn add_findings(&mut self, findings: &[Finding]) {
        self.findings += findings.len();
        for f in findings {
            *self.by_severity.entry(f.severity.as_str()).or_default() += 1;
            match self.by_rule.get_mut(&*f.rule) {
                Some(n) => *n += 1,
                None => {
                    self.by_rule.insert(f.rule.to_string(), 1);
                }
            }
        }
    }

    pub fn count(&self, s: Severity) -> usize {
        self.by_severity.get(s.as_str()).copied().unwrap_or(0)
    }
}

/// An output format.
pub trait Reporter {
    /// Called once per checked file, in path order.
    fn file(&mut self, w: &mut dyn Write, report: &FileReport) -> io::Result<()>;
    /// Called once at the end.
    fn finish(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()>;
    /// The documentation of every rule of the run, before `finish` (for formats that
    /// describe the rules they report).
    fn rules(&mut self, _docs: &[crate::checks::RuleDoc]) {}
}

/// Output formats of `glosa check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette diagnostics for people
    Human,
    /// one JSON document (see README: the JSON contract)
    Json,
    /// one finding a line: path:line:col: CODE message
    Short,
    /// GitHub Actions workflow annotations
    Github,
    /// one JSON object a line, streamed
    Jsonl,
    Sarif,
}

/// The reporter for a format.
pub fn reporter(format: Format, color: bool) -> Box<dyn Reporter> {
    match format {
        Format::Human => Box::new(human::Human::new(color)),
        Format::Json => Box::new(json::Json::default()),
        Format::Short => Box::new(lines::Short),
        Format::Github => Box::new(lines::Github),
        Format::Jsonl => Box::new(lines::Jsonl::default()),
        Format::Sarif => Box::new(sarif::Sarif::default()),
    }
}
