//! Checks: one type per check behind one trait. A check sees one segment at a time (a paragraph
//! or a translatable unit) with its tokens, and appends findings.

pub mod capitals;
pub mod glossary;
pub mod punctuation;
pub mod repetition;
pub mod script;
pub mod untranslated;

use crate::finding::{Applicability, Category, Finding, Severity};
use crate::text::scan::Token;

/// One segment of a document, as the checks see it.
pub struct Segment<'a> {
    /// The whole document text; offsets are into it.
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// Tokens of `text[start..end]`, with glossary vocabulary ids.
    pub tokens: &'a [Token],
    /// Target language of the segment.
    pub lang: &'a str,
    /// For each vocabulary id, a bit per language of [`crate::lang::STOP_LANGS`] whose stop
    /// word it is.
    pub word_langs: &'a [u8],
    /// Positions of `.`, `,`, `;` and `:` in `text[start..end]` (absolute offsets, ascending),
    /// found once for all the punctuation checks.
    pub punct: &'a [usize],
}

impl Segment<'_> {
    pub fn as_str(&self) -> &str {
        &self.text[self.start..self.end]
    }

    pub fn word(&self, t: &Token) -> &str {
        &self.text[t.start..t.end]
    }
}

/// The documentation of a rule: what `glosa rules` lists and `glosa explain` prints.
#[derive(Debug, Clone)]
pub struct RuleDoc {
    pub code: String,
    pub concept: String,
    pub category: Category,
    pub severity: Severity,
    pub fix_safety: Applicability,
    pub summary: String,
    pub explanation: String,
    pub explanation_es: Option<String>,
    /// Where the error comes from (`Chinese 赛道 'race track'`).
    pub origin: Option<String>,
    pub patterns: Vec<String>,
    pub fixes: Vec<String>,
    pub exceptions: Vec<String>,
    pub bad: Vec<String>,
    pub good: Vec<String>,
    /// Dictionary file, or `built-in`.
    pub source: String,
}

/// A check over segments.
pub trait Check: Send + Sync {
    /// The rules this check can report.
    fn rules(&self) -> Vec<RuleDoc>;
    /// Appends the findings of one segment.
    fn check(&self, seg: &Segment, out: &mut Vec<Finding>);
}

/// A built-in rule's documentation.
#[allow(clippy::too_many_arguments)]
pub(crate) fn builtin_doc(
    code: &str,
    category: Category,
    severity: Severity,
    fix_safety: Applicability,
    summary: &str,
    explanation: &str,
    bad: &[&str],
    good: &[&str],
) -> RuleDoc {
    RuleDoc {
        code: code.to_string(),
        concept: code.rsplit('/').next().unwrap_or(code).to_string(),
        category,
        severity,
        fix_safety,
        summary: summary.to_string(),
        explanation: explanation.to_string(),
        explanation_es: None,
        origin: Some("machine-translation artefact".into()),
        patterns: Vec::new(),
        fixes: Vec::new(),
        exceptions: Vec::new(),
        bad: bad.iter().map(|s| s.to_string()).collect(),
        good: good.iter().map(|s| s.to_string()).collect(),
        source: "built-in".into(),
    }
}

/// A finding of a built-in rule with one edit.
pub(crate) fn simple_finding(
    doc_code: &'static str,
    category: Category,
    severity: Severity,
    span: (usize, usize),
    message: impl Into<std::borrow::Cow<'static, str>>,
    edit: Option<(usize, usize, String)>,
    applicability: Applicability,
) -> Finding {
    let suggestions = edit.iter().map(|e| e.2.clone()).collect();
    Finding {
        rule: doc_code.into(),
        severity,
        category,
        start: span.0,
        end: span.1,
        message: message.into(),
        suggestions,
        reason: None,
        fix: edit.map(|(start, end, replacement)| crate::finding::Fix {
            applicability,
            edits: vec![crate::finding::Edit {
                start,
                end,
                replacement,
            }],
        }),
    }
}

/// Every built-in check (the glossary check is added by the linter).
pub fn builtin() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(punctuation::MissingSpaceAfterPeriod),
        Box::new(punctuation::DoubledPunctuation),
        Box::new(punctuation::SpaceBeforePunctuation),
        Box::new(punctuation::FullwidthPunctuation),
        Box::new(capitals::LowercaseAfterPeriod),
        Box::new(capitals::CapitalMidSentence),
        Box::new(repetition::DoubledWord),
        Box::new(untranslated::Untranslated),
        Box::new(script::ForeignScript),
    ]
}
