//! One file through the whole pipeline: its language, its linter (one per language, built on
//! first use), its format, the checks, the inline suppressions and the configuration filters.

use crate::config::filter::RuleFilter;
use crate::config::Config;
use crate::finding::Finding;
use crate::formats::Format;
use crate::linter::{Linter, LinterError, UserDict};
use std::path::Path;
use std::sync::OnceLock;

/// Default target language when nothing says otherwise.
pub const DEFAULT_LANG: &str = "es";

/// The linters of a run, one per target language, built when first needed.
pub struct Linters {
    user: Vec<UserDict>,
    cells: Vec<(&'static str, OnceLock<Result<Linter, String>>)>,
}

impl Linters {
    /// Validates the user dictionaries up front (a malformed one stops the run).
    pub fn new(user: Vec<UserDict>) -> Result<Self, LinterError> {
        for d in &user {
            crate::dictionary::parse_file(&d.path, &d.text, None)?;
        }
        Ok(Linters {
            user,
            cells: crate::lang::KNOWN
                .iter()
                .map(|l| (*l, OnceLock::new()))
                .collect(),
        })
    }

    /// Builds the linter of `lang` now, reporting its errors (duplicate ids across files).
    pub fn prepare(&self, lang: &str) -> Result<&Linter, LinterError> {
        let cell = self
            .cells
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, c)| c)
            .ok_or_else(|| LinterError::Compile(format!("unknown language {lang:?}")))?;
        if cell.get().is_none() {
            let l = Linter::new(lang, &self.user)?;
            let _ = cell.set(Ok(l));
        }
        match cell.get() {
            Some(Ok(l)) => Ok(l),
            Some(Err(m)) => Err(LinterError::Compile(m.clone())),
            None => Err(LinterError::Compile(format!("no linter for {lang:?}"))),
        }
    }

    /// The linter of `lang`.
    pub fn get(&self, lang: &str) -> Result<&Linter, String> {
        let Some((_, cell)) = self.cells.iter().find(|(l, _)| *l == lang) else {
            return Err(format!("unknown language {lang:?}"));
        };
        cell.get_or_init(|| Linter::new(lang, &self.user).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| e.clone())
    }

    /// The linters built so far.
    pub fn built(&self) -> impl Iterator<Item = &Linter> {
        self.cells
            .iter()
            .filter_map(|(_, c)| c.get().and_then(|r| r.as_ref().ok()))
    }
}

/// Normalizes a declared language tag (`es-MX`, `pt_BR`, `ES`) to a code glosa knows.
pub fn normalize_lang(tag: &str) -> Option<&'static str> {
    let primary = tag
        .split(['-', '_', '.'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    crate::lang::KNOWN.iter().find(|l| **l == primary).copied()
}

/// Where a file's language came from (for messages and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangSource {
    Flag,
    Config,
    Declared,
    Detected,
    Default,
}

/// The language of a file: `--lang`, the configuration, what the file declares (PO header,
/// XLIFF target language, HTML lang), else detected on a sample of its text.
pub fn file_language(
    flag: Option<&str>,
    config: Option<&str>,
    extracted: Option<&crate::formats::Extracted>,
    text: &str,
) -> (&'static str, LangSource) {
    file_language_with(
        flag,
        config,
        extracted.and_then(|e| e.lang.as_deref()),
        || {
            let sample = extracted.map_or(text, |e| e.masked.as_str());
            crate::lang::detect::detect_file(sample)
        },
    )
}

/// [`file_language`] with the declared language given and detection done by `detect` (a file
/// read in chunks is detected on samples read apart).
pub fn file_language_with(
    flag: Option<&str>,
    config: Option<&str>,
    declared: Option<&str>,
    detect: impl FnOnce() -> Option<&'static str>,
) -> (&'static str, LangSource) {
    let known = |l: &str| crate::lang::KNOWN.iter().find(|k| **k == l).copied();
    if let Some(l) = flag.filter(|l| *l != "auto").and_then(known) {
        return (l, LangSource::Flag);
    }
    if let Some(l) = config.filter(|l| *l != "auto").and_then(known) {
        return (l, LangSource::Config);
    }
    if let Some(l) = declared.and_then(normalize_lang) {
        return (l, LangSource::Declared);
    }
    match detect() {
        Some(l) => (l, LangSource::Detected),
        None => (DEFAULT_LANG, LangSource::Default),
    }
}

/// How one file is checked.
pub struct FilePlan<'a> {
    pub linter: &'a Linter,
    pub linters: &'a Linters,
    pub format: Format,
    pub filters: Vec<&'a RuleFilter>,
}

impl<'a> FilePlan<'a> {
    /// The plan for `path` (None for standard input) under `config`, in language `lang`.
    pub fn new(
        linters: &'a Linters,
        config: &'a Config,
        path: Option<&Path>,
        format: Format,
        lang: &str,
    ) -> Result<Self, String> {
        let linter = linters.get(lang)?;
        let mut filters = vec![&config.filter];
        if let Some(p) = path {
            filters.extend(config.overrides_for(p).map(|o| &o.filter));
        }
        filters.retain(|f| !f.is_empty());
        Ok(FilePlan {
            linter,
            linters,
            format,
            filters,
        })
    }

    /// Every finding of `text` that survives suppressions and filters.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        self.check_full(text).0
    }

    /// [`FilePlan::check`], with the structure errors of the file.
    pub fn check_full(&self, text: &str) -> (Vec<Finding>, Vec<crate::formats::FormatError>) {
        self.check_full_with(text, crate::formats::extract(text, self.format))
    }

    /// [`FilePlan::check_full`] with the file's extraction already made (`None` for plain text).
    pub fn check_full_with(
        &self,
        text: &str,
        extracted: Option<crate::formats::Extracted>,
    ) -> (Vec<Finding>, Vec<crate::formats::FormatError>) {
        let (mut findings, errors) = match extracted {
            None => (self.mixed(text, self.linter.check(text)), Vec::new()),
            Some(ex) => {
                let f = self.linter.check_extracted(text, &ex, self.format);
                let mut f = self.mixed(&ex.masked, f);
                crate::suppress::apply(&ex.suppressions, &mut f);
                (f, ex.errors)
            }
        };
        for f in &self.filters {
            f.apply(text, &mut findings);
        }
        (findings, errors)
    }

    /// Mixed documents: a paragraph found to be in another language is also checked with
    /// that language's glossary.
    fn mixed(&self, checked: &str, findings: Vec<Finding>) -> Vec<Finding> {
        let foreign: Vec<(usize, usize, &str)> = findings
            .iter()
            .filter_map(|f| {
                crate::checks::untranslated::foreign_language(f).map(|l| (f.start, f.end, l))
            })
            .collect();
        if foreign.is_empty() {
            return findings;
        }
        // One pass per language over all of its paragraphs.
        let mut extra: Vec<Finding> = Vec::new();
        let mut langs: Vec<&str> = foreign.iter().map(|f| f.2).collect();
        langs.sort_unstable();
        langs.dedup();
        for lang in langs {
            let Ok(other) = self.linters.get(lang) else {
                continue;
            };
            let spans: Vec<crate::formats::Span> = foreign
                .iter()
                .filter(|f| f.2 == lang)
                .map(|&(start, end, _)| crate::formats::Span { start, end })
                .collect();
            extra.extend(other.check_spans_glossary(checked, &spans));
        }
        if extra.is_empty() {
            return findings;
        }
        let mut findings = findings;
        if extra.len() <= 256 {
            // Usually a handful: each goes to its place.
            for f in extra {
                let at = findings.partition_point(|x| x.sort_key() <= f.sort_key());
                findings.insert(at, f);
            }
        } else {
            // Two sorted runs; an in-place sort keeps peak memory at one copy of the findings.
            findings.extend(extra);
            findings.sort_unstable_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        findings
    }
}
