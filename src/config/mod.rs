//! Configuration: `glosa.toml` or `.glosa.toml`, found from the checked path upward. Language,
//! extra dictionaries, rule selection, severity overrides, per-path overrides, include/exclude
//! globs and an allow-list of accepted words and phrases. Unknown keys are errors with a
//! "did you mean".

pub mod filter;
pub mod template;

use crate::finding::Severity;
use filter::{RuleFilter, Selector};
use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// File names looked for, in this order, in each directory.
pub const FILE_NAMES: [&str; 2] = ["glosa.toml", ".glosa.toml"];

/// Every top-level key (for "did you mean").
const KEYS: &[&str] = &[
    "lang",
    "dictionaries",
    "select",
    "ignore",
    "severity",
    "allow",
    "include",
    "exclude",
    "fail-on",
    "explain-lang",
    "overrides",
];
const OVERRIDE_KEYS: &[&str] = &["paths", "lang", "select", "ignore", "severity", "allow"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    lang: Option<String>,
    #[serde(default)]
    dictionaries: Vec<String>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    fail_on: Option<String>,
    explain_lang: Option<String>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    paths: Vec<String>,
    lang: Option<String>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    allow: Vec<String>,
}

/// A configuration error, pointing into the file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("invalid configuration {path}: {message}")]
#[diagnostic(code(glosa::config))]
pub struct ConfigError {
    pub path: String,
    pub message: String,
    #[source_code]
    src: NamedSource<String>,
    #[label("here")]
    span: Option<SourceSpan>,
    #[help]
    help: Option<String>,
}

impl ConfigError {
    fn new(path: &Path, text: &str, span: Option<std::ops::Range<usize>>, message: String) -> Self {
        ConfigError {
            path: path.display().to_string(),
            message,
            src: NamedSource::new(path.display().to_string(), text.to_string()),
            span: span.map(|r| (r.start, r.end.saturating_sub(r.start)).into()),
            help: None,
        }
    }

    fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// Per-path settings: files matching `paths` get these on top of the top level.
#[derive(Debug, Clone)]
pub struct Override {
    paths: GlobSet,
    pub lang: Option<String>,
    pub filter: RuleFilter,
}

/// A loaded configuration (the default one when no file was found).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it came from.
    pub path: Option<PathBuf>,
    /// Directory relative paths are resolved against.
    pub root: PathBuf,
    pub lang: Option<String>,
    pub dictionaries: Vec<PathBuf>,
    pub filter: RuleFilter,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    pub fail_on: Option<String>,
    pub explain_lang: Option<String>,
    pub overrides: Vec<Override>,
    /// The file's text, for error labels.
    text: String,
}

impl Config {
    /// Checks that every rule selector names a known rule, prefix or category; `known` holds
    /// every rule code.
    pub fn check_selectors(&self, known: &[String]) -> Result<(), Box<ConfigError>> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        for sel in self.selectors() {
            let ok = match sel {
                Selector::Code(c) => known.iter().any(|k| k == c),
                Selector::Prefix(p) => known.iter().any(|k| k.starts_with(p.as_str())),
                Selector::Category(_) => true,
            };
            if ok {
                continue;
            }
            let written = sel.text().trim_end_matches('/');
            let at = self
                .text
                .find(&format!("\"{}", sel.text()))
                .or_else(|| self.text.find(written))
                .map(|i| {
                    let i = if self.text[i..].starts_with('"') {
                        i + 1
                    } else {
                        i
                    };
                    i..i + written.len()
                });
            let mut best: Vec<(f64, &str)> = known
                .iter()
                .map(|k| (strsim::jaro_winkler(written, k), k.as_str()))
                .filter(|(s, _)| *s > 0.8)
                .collect();
            best.sort_by(|a, b| b.0.total_cmp(&a.0));
            let help = best.first().map(|(_, k)| format!("did you mean `{k}`?"));
            return Err(Box::new(
                ConfigError::new(
                    path,
                    &self.text,
                    at,
                    format!("unknown rule {:?} (see `glosa rules`)", sel.text()),
                )
                .with_help(help),
            ));
        }
        Ok(())
    }

    /// Finds the configuration for `start` (a file or directory): the nearest `glosa.toml` or
    /// `.glosa.toml` in it or its ancestors.
    pub fn discover(start: &Path) -> Result<Config, Box<ConfigError>> {
        let abs = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let mut dir = if abs.is_dir() {
            Some(abs.as_path())
        } else {
            abs.parent()
        };
        while let Some(d) = dir {
            for name in FILE_NAMES {
                let p = d.join(name);
                if p.is_file() {
                    return Config::load(&p);
                }
            }
            dir = d.parent();
        }
        Ok(Config {
            root: std::env::current_dir().unwrap_or_default(),
            ..Config::default()
        })
    }

    /// Loads one configuration file.
    pub fn load(path: &Path) -> Result<Config, Box<ConfigError>> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Box::new(ConfigError::new(
                path,
                "",
                None,
                format!("cannot read: {}", crate::walk::io_message(&e)),
            ))
        })?;
        let root = path
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_else(|| PathBuf::from("."));
        Config::parse(path, &text, root)
    }

    /// Parses configuration text; `path` names it in errors, `root` resolves relative paths.
    pub fn parse(path: &Path, text: &str, root: PathBuf) -> Result<Config, Box<ConfigError>> {
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let msg = e.message().trim().to_string();
            let help = did_you_mean_key(&msg);
            Box::new(ConfigError::new(path, text, e.span(), msg).with_help(help))
        })?;
        let err = |key: &str, message: String| {
            let at = find_key(text, key);
            Box::new(ConfigError::new(path, text, at, message))
        };
        let lang_ok = |l: &Option<String>, key: &str| match l {
            Some(l) if l != "auto" && !crate::lang::is_known(l) => Err(err(
                key,
                format!(
                    "unknown language {l:?} (known: auto, {})",
                    crate::lang::KNOWN.join(", ")
                ),
            )),
            _ => Ok(()),
        };
        lang_ok(&raw.lang, "lang")?;
        if let Some(l) = &raw.explain_lang {
            if l != "en" && l != "es" {
                return Err(err(
                    "explain-lang",
                    format!("explain-lang {l:?}: explanations exist in en and es"),
                ));
            }
        }
        if let Some(f) = &raw.fail_on {
            if !matches!(f.as_str(), "info" | "warning" | "error" | "never") {
                return Err(err(
                    "fail-on",
                    format!("fail-on {f:?}: expected info, warning, error or never"),
                ));
            }
        }
        let filter = build_filter(&raw.select, &raw.ignore, &raw.severity, &raw.allow)
            .map_err(|(key, m)| err(key, m))?;
        let globs = |key: &str, list: &[String]| -> Result<Option<GlobSet>, Box<ConfigError>> {
            if list.is_empty() {
                return Ok(None);
            }
            glob_set(list).map(Some).map_err(|m| err(key, m))
        };
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            lang_ok(&o.lang, "lang")?;
            if o.paths.is_empty() {
                return Err(err("overrides", "an override needs `paths`".into()));
            }
            overrides.push(Override {
                paths: glob_set(&o.paths).map_err(|m| err("paths", m))?,
                lang: o.lang.clone(),
                filter: build_filter(&o.select, &o.ignore, &o.severity, &o.allow)
                    .map_err(|(key, m)| err(key, m))?,
            });
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            dictionaries: raw.dictionaries.iter().map(|d| root.join(d)).collect(),
            include: globs("include", &raw.include)?,
            exclude: globs("exclude", &raw.exclude)?,
            root,
            lang: raw.lang,
            filter,
            fail_on: raw.fail_on,
            explain_lang: raw.explain_lang,
            overrides,
            text: text.to_string(),
        })
    }

    /// `path` relative to the configuration's directory (as given when outside it).
    fn relative<'a>(&self, path: &'a Path) -> std::borrow::Cow<'a, Path> {
        if let Ok(r) = path.strip_prefix(&self.root) {
            return r.into();
        }
        if let (Ok(abs), Ok(root)) = (std::path::absolute(path), std::path::absolute(&self.root)) {
            if let Ok(r) = abs.strip_prefix(&root) {
                return r.to_path_buf().into();
            }
        }
        path.into()
    }

    /// Whether `path` (or a directory above it, up to the root) matches `set`.
    fn matches(&self, set: &GlobSet, path: &Path) -> bool {
        let rel = self.relative(path);
        let mut p: Option<&Path> = Some(&rel);
        while let Some(x) = p {
            if x.as_os_str().is_empty() {
                break;
            }
            if set.is_match(x) {
                return true;
            }
            p = x.parent();
        }
        false
    }

    /// Whether a file met while walking a directory is checked (include and exclude globs).
    pub fn includes(&self, path: &Path) -> bool {
        if self.exclude.as_ref().is_some_and(|x| self.matches(x, path)) {
            return false;
        }
        self.include.as_ref().is_none_or(|i| self.matches(i, path))
    }

    /// Whether `path` matches the exclude globs.
    pub fn excludes(&self, path: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|x| self.matches(x, path))
    }

    /// The overrides that apply to `path`, in file order.
    pub fn overrides_for(&self, path: &Path) -> impl Iterator<Item = &Override> {
        let rel = self.relative(path).into_owned();
        self.overrides
            .iter()
            .filter(move |o| o.paths.is_match(&rel) || rel.ancestors().any(|a| o.paths.is_match(a)))
    }

    /// The language set for `path`: an override's, else the top level's.
    pub fn lang_for(&self, path: Option<&Path>) -> Option<&str> {
        if let Some(p) = path {
            if let Some(l) = self
                .overrides_for(p)
                .filter_map(|o| o.lang.as_deref())
                .last()
            {
                return Some(l);
            }
        }
        self.lang.as_deref()
    }

    /// Every rule selector written in the file (to check them against the known rules).
    pub fn selectors(&self) -> impl Iterator<Item = &Selector> {
        self.filter
            .selectors()
            .chain(self.overrides.iter().flat_map(|o| o.filter.selectors()))
    }
}

fn build_filter(
    select: &[String],
    ignore: &[String],
    severity: &BTreeMap<String, String>,
    allow: &[String],
) -> Result<RuleFilter, (&'static str, String)> {
    let mut sev = Vec::new();
    for (k, v) in severity {
        let s = Severity::parse(v).ok_or((
            "severity",
            format!("severity of {k:?}: {v:?} is not one of error, warning, info"),
        ))?;
        sev.push((Selector::parse(k), s));
    }
    if let Some(a) = allow.iter().find(|a| a.trim().is_empty()) {
        return Err(("allow", format!("empty allow-list entry {a:?}")));
    }
    Ok(RuleFilter::new(
        select.iter().map(|s| Selector::parse(s)).collect(),
        ignore.iter().map(|s| Selector::parse(s)).collect(),
        sev,
        allow.to_vec(),
    ))
}

fn glob_set(list: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for g in list {
        let g = g.trim_start_matches("./").trim_end_matches('/');
        b.add(Glob::new(g).map_err(|e| format!("bad glob {g:?}: {e}"))?);
    }
    b.build().map_err(|e| e.to_string())
}

/// The byte range of `key` where it is first written as a key, for error labels.
fn find_key(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let t = t.trim_start_matches('"');
        if t.starts_with(key)
            && t[key.len()..]
                .trim_start_matches('"')
                .trim_start()
                .starts_with('=')
        {
            let s = off + indent;
            return Some(s..s + key.len());
        }
        off += line.len();
    }
    None
}

/// "did you mean" for toml's "unknown field `x`, expected one of …".
fn did_you_mean_key(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("unknown field `")?;
    let field = &rest[..rest.find('`')?];
    let candidates = if msg.contains("`paths`") {
        OVERRIDE_KEYS
    } else {
        KEYS
    };
    let best = candidates
        .iter()
        .map(|k| (strsim::jaro_winkler(field, k), *k))
        .filter(|(s, _)| *s > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))?;
    Some(format!("did you mean `{}`?", best.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(t: &str) -> Result<Config, Box<ConfigError>> {
        Config::parse(Path::new("glosa.toml"), t, PathBuf::from("/proj"))
    }

    #[test]
    fn full_config_parses() {
        let c = parse(
            r#"
lang = "es"
dictionaries = ["terms/company.json"]
select = ["es/", "mt"]
ignore = ["mt/doubled-word", "style"]
allow = ["pista de pruebas"]
include = ["docs/**"]
exclude = ["docs/vendor", "*.min.html"]
fail-on = "warning"
explain-lang = "es"

[severity]
"es/library-libreria" = "error"

[[overrides]]
paths = ["docs/legal/**"]
ignore = ["es/"]
lang = "pt"
"#,
        )
        .expect("valid");
        assert_eq!(c.lang.as_deref(), Some("es"));
        assert_eq!(
            c.dictionaries,
            vec![PathBuf::from("/proj/terms/company.json")]
        );
        assert!(c.includes(Path::new("/proj/docs/a.md")));
        assert!(!c.includes(Path::new("/proj/other/a.md")));
        assert!(!c.includes(Path::new("/proj/docs/vendor/x/a.md")));
        assert!(!c.includes(Path::new("/proj/docs/page.min.html")));
        assert_eq!(
            c.lang_for(Some(Path::new("/proj/docs/legal/x.md"))),
            Some("pt")
        );
        assert_eq!(c.lang_for(Some(Path::new("/proj/docs/y.md"))), Some("es"));
        assert_eq!(c.fail_on.as_deref(), Some("warning"));
    }

    #[test]
    fn unknown_key_is_an_error_with_did_you_mean() {
        let e = parse("lang = \"es\"\nselcet = [\"es/\"]\n").unwrap_err();
        assert!(e.message.contains("selcet"), "{}", e.message);
        assert_eq!(e.help.as_deref(), Some("did you mean `select`?"));
        let e = parse("[[overrides]]\npaths = [\"a\"]\nignroe = []\n").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `ignore`?"));
    }

    #[test]
    fn bad_values_point_at_their_key() {
        let e = parse("lang = \"xx\"\n").unwrap_err();
        assert!(e.message.contains("unknown language"));
        assert_eq!(e.span, Some((0, 4).into()));
        let e = parse("fail-on = \"sometimes\"\n").unwrap_err();
        assert!(e.message.contains("fail-on"));
        let e = parse("[severity]\n\"mt/doubled-word\" = \"fatal\"\n").unwrap_err();
        assert!(e.message.contains("fatal"));
        let e = parse("exclude = [\"a[\"]\n").unwrap_err();
        assert!(e.message.contains("bad glob"));
        assert!(parse("lang = [1, 2").is_err());
    }

    #[test]
    fn unknown_rules_are_errors_with_did_you_mean() {
        let c = parse("ignore = [\"es/track-as-sectr\", \"mt/\", \"style\"]\n").expect("parses");
        let known = vec![
            "es/track-as-sector".to_string(),
            "mt/doubled-word".to_string(),
        ];
        let e = c.check_selectors(&known).unwrap_err();
        assert!(e.message.contains("es/track-as-sectr"));
        assert_eq!(
            e.help.as_deref(),
            Some("did you mean `es/track-as-sector`?")
        );
        assert_eq!(e.span, Some((11, 17).into()));
        let c = parse("select = [\"xx/\"]\n").expect("parses");
        assert!(c.check_selectors(&known).is_err());
        let c = parse("select = [\"es\", \"mt/doubled-word\"]\n").expect("parses");
        assert!(c.check_selectors(&known).is_ok());
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(dir.path().join(".glosa.toml"), "lang = \"pt\"\n").expect("write");
        let c = Config::discover(&sub.join("file.md")).expect("found");
        assert_eq!(c.lang.as_deref(), Some("pt"));
        assert_eq!(c.path, Some(dir.path().join(".glosa.toml")));
    }
}
