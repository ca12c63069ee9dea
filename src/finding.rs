//! The one vocabulary every stage shares: findings, severities, categories and fixes.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// MQM-style error category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Terminology,
    Mistranslation,
    FalseFriend,
    Locale,
    Fluency,
    Style,
    Untranslated,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Terminology,
        Category::Mistranslation,
        Category::FalseFriend,
        Category::Locale,
        Category::Fluency,
        Category::Style,
        Category::Untranslated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Terminology => "terminology",
            Category::Mistranslation => "mistranslation",
            Category::FalseFriend => "false-friend",
            Category::Locale => "locale",
            Category::Fluency => "fluency",
            Category::Style => "style",
            Category::Untranslated => "untranslated",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Unambiguous: `--fix` applies it.
    Safe,
    /// Probably right, needs a look: applied only with `--unsafe-fixes`.
    Unsafe,
    /// Shown to the reader, never applied.
    DisplayOnly,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// One replacement of a byte range of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// A fix: edits applied together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// One problem found in a text. Offsets are UTF-8 byte offsets into the text as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable rule code, e.g. `es/track-as-sector` or `mt/missing-space-after-period`.
    pub rule: Cow<'static, str>,
    pub severity: Severity,
    pub category: Category,
    pub start: usize,
    pub end: usize,
    pub message: Cow<'static, str>,
    /// Replacement strings, best first.
    pub suggestions: Vec<String>,
    /// Short reason shown after the suggestions.
    pub reason: Option<Cow<'static, str>>,
    pub fix: Option<Fix>,
}

impl Finding {
    /// Sort key: position first, then rule, so output is stable.
    pub fn sort_key(&self) -> (usize, usize, &str) {
        (self.start, self.end, &self.rule)
    }
}
