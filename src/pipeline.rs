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

/// How one file is checked.
pub struct FilePlan<'a> {
    pub linter: &'a Linter,
    pub format: Format,
    pub filters: Vec<&'a RuleFilter>,
}

impl<'a> FilePlan<'a> {
    /// The plan for `path` (None for standard input) under `config`.
    pub fn new(
        linters: &'a Linters,
        config: &'a Config,
        path: Option<&Path>,
        lang: &str,
    ) -> Result<Self, String> {
        let linter = linters.get(lang)?;
        let format = path.map_or(Format::Plain, Format::of_path);
        let mut filters = vec![&config.filter];
        if let Some(p) = path {
            filters.extend(config.overrides_for(p).map(|o| &o.filter));
        }
        filters.retain(|f| !f.is_empty());
        Ok(FilePlan {
            linter,
            format,
            filters,
        })
    }

    /// Every finding of `text` that survives suppressions and filters.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        let mut findings = self.linter.check_format(text, self.format);
        for f in &self.filters {
            f.apply(text, &mut findings);
        }
        findings
    }
}
