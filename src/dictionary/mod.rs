//! Glossaries: the serde model of `dictionaries/<lang>/*.json`, loading with positioned errors,
//! validation, and the embedded defaults.

pub mod examples;
pub mod matcher;
pub mod pattern;

use crate::finding::{Applicability, Category, Severity};
use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use std::collections::HashSet;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The dictionaries compiled into the binary: (path below `dictionaries/`, JSON text).
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    embedded::EMBEDDED
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DictFile {
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    pub language: String,
    #[serde(default)]
    pub description: Option<String>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pos {
    Noun,
    Verb,
    Adjective,
    Adverb,
    Phrase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Gender {
    #[serde(rename = "m")]
    Masculine,
    #[serde(rename = "f")]
    Feminine,
    /// German (and other languages with three genders).
    #[serde(rename = "n")]
    Neuter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Number {
    #[serde(rename = "sg")]
    Singular,
    #[serde(rename = "pl")]
    Plural,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixSpec {
    pub text: String,
    #[serde(default)]
    pub gender: Option<Gender>,
    #[serde(default)]
    pub plural: Option<String>,
    /// Stem change of a fix verb (`ue`, `ie`, `i`), so it conjugates right (pedir → pide).
    #[serde(default)]
    pub stem_change: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

impl FixSpec {
    /// The stem change of this fix, if it is a verb that has one.
    pub fn change(&self) -> pattern::StemChange {
        match self.stem_change.as_deref() {
            Some("ue") => pattern::StemChange::Ue,
            Some("ie") => pattern::StemChange::Ie,
            Some("i") => pattern::StemChange::I,
            _ => pattern::StemChange::None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    pub lang: String,
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub gloss: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(untagged)]
pub enum Window {
    #[default]
    #[serde(skip)]
    Default,
    Named(String),
    Words(usize),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    #[serde(default)]
    pub requires: Vec<String>,
    #[serde(default)]
    pub blocks: Vec<String>,
    #[serde(default)]
    pub window: Window,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub good: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub concept: String,
    pub patterns: Vec<String>,
    #[serde(default)]
    pub pos: Option<Pos>,
    #[serde(default)]
    pub gender: Option<Gender>,
    #[serde(default)]
    pub number: Option<Number>,
    #[serde(default)]
    pub fixes: Vec<FixSpec>,
    pub origin: Origin,
    pub category: Category,
    pub severity: Severity,
    pub fix_safety: Applicability,
    pub message: String,
    #[serde(default)]
    pub reason: Option<String>,
    pub explanation: String,
    #[serde(default)]
    pub explanation_es: Option<String>,
    #[serde(default)]
    pub context: Context,
    #[serde(default)]
    pub exceptions: Vec<String>,
    #[serde(default)]
    pub case_sensitive: bool,
    pub examples: Examples,
}

impl Entry {
    /// The short reason for `help:`: the entry's own, or one made from its origin.
    pub fn reason_text(&self) -> String {
        if let Some(r) = &self.reason {
            return r.clone();
        }
        let lang = language_name(&self.origin.lang);
        let terms = self.origin.terms.join(", ");
        match (&self.origin.gloss, terms.is_empty()) {
            (Some(g), false) => format!("calque of {lang} {terms}, '{g}'"),
            (None, false) => format!("calque of {lang} {terms}"),
            (Some(g), true) => format!("from {lang} '{g}'"),
            (None, true) => self.message.clone(),
        }
    }
}

/// English name of a language code, for messages.
pub fn language_name(code: &str) -> &str {
    match code {
        "zh" => "Chinese",
        "en" => "English",
        "es" => "Spanish",
        "pt" => "Portuguese",
        "fr" => "French",
        "it" => "Italian",
        "de" => "German",
        "ja" => "Japanese",
        "ko" => "Korean",
        "ru" => "Russian",
        "-" => "convention",
        other => other,
    }
}

/// A malformed dictionary: names the file, line and column, and shows the place.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{path}:{line}:{column}: {message}")]
#[diagnostic(code(glosa::dictionary))]
pub struct DictError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("here")]
    pub span: SourceSpan,
}

impl DictError {
    fn at(path: &str, text: &str, offset: usize, message: String) -> Self {
        let idx = crate::text::lines::LineIndex::new(text);
        let offset = offset.min(text.len());
        let (line, column) = idx.position(text, offset);
        DictError {
            path: path.to_string(),
            line,
            column,
            message,
            src: NamedSource::new(path, text.to_string()),
            span: SourceSpan::from((offset, 0)),
        }
    }
}

/// Byte offset of line/column (1-based, column in characters) in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let idx = crate::text::lines::LineIndex::new(text);
    let start = idx.line_start(line.saturating_sub(1));
    let mut off = start;
    for (n, (i, _)) in text[start..].char_indices().enumerate() {
        off = start + i;
        if n + 1 >= column {
            break;
        }
    }
    off
}

/// Where the entry with `id` is written in `text` (its `"id"` value), for error positions.
fn entry_offset(text: &str, id: &str) -> usize {
    let needle = format!("\"{id}\"");
    text.find(&needle).unwrap_or(0)
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Parses and validates one dictionary file. `expected_lang`, when given, must be the file's.
pub fn parse_file(
    path: &str,
    text: &str,
    expected_lang: Option<&str>,
) -> Result<DictFile, Box<DictError>> {
    parse_file_with(path, text, expected_lang, true)
}

/// Parses one dictionary file; the data rules of [`validate_entry`] are checked when
/// `validate` is set. The embedded dictionaries skip them at run time: the test suite checks
/// them (tests/dictionary.rs), and the matcher still rejects a pattern it cannot compile.
pub fn parse_file_with(
    path: &str,
    text: &str,
    expected_lang: Option<&str>,
    validate: bool,
) -> Result<DictFile, Box<DictError>> {
    let file: DictFile = serde_json::from_str(text).map_err(|e| {
        let off = offset_of(text, e.line(), e.column());
        Box::new(DictError::at(
            path,
            text,
            off,
            format!("invalid dictionary: {e}"),
        ))
    })?;
    if let Some(lang) = expected_lang {
        if file.language != lang {
            let off = text.find("\"language\"").unwrap_or(0);
            return Err(Box::new(DictError::at(
                path,
                text,
                off,
                format!(
                    "file is in dictionaries/{lang}/ but says \"language\": {:?}",
                    file.language
                ),
            )));
        }
    }
    let mut seen = HashSet::new();
    for e in &file.entries {
        let fail = |msg: String| {
            Box::new(DictError::at(
                path,
                text,
                entry_offset(text, &e.id),
                format!("entry {:?}: {msg}", e.id),
            ))
        };
        if !seen.insert(e.id.as_str()) {
            return Err(fail("duplicate id".into()));
        }
        if validate {
            validate_entry(e, &file.language).map_err(fail)?;
        }
    }
    Ok(file)
}

/// The data rules every entry obeys (beyond the JSON shape).
pub fn validate_entry(e: &Entry, lang: &str) -> Result<(), String> {
    let Some(rest) = e.id.strip_prefix(&format!("{lang}/")) else {
        return Err(format!(
            "id must start with \"{lang}/\" (the file's language)"
        ));
    };
    if !is_kebab(rest) {
        return Err("id must be kebab-case after the language prefix".into());
    }
    if !is_kebab(&e.concept) {
        return Err("concept must be kebab-case".into());
    }
    if e.patterns.is_empty() {
        return Err("no patterns".into());
    }
    if e.message.trim().is_empty() || e.message.contains('\n') {
        return Err("message must be one non-empty line".into());
    }
    if e.explanation.trim().is_empty() {
        return Err("explanation is empty".into());
    }
    let mut wrong_texts = HashSet::new();
    for p in &e.patterns {
        let parsed = pattern::parse(p).map_err(|m| format!("pattern {p:?}: {m}"))?;
        let variants =
            pattern::compile(&parsed, lang).map_err(|m| format!("pattern {p:?}: {m}"))?;
        for v in &variants {
            wrong_texts.insert(pattern::base_focus(v));
        }
    }
    for x in &e.exceptions {
        let parsed = pattern::parse(x).map_err(|m| format!("exception {x:?}: {m}"))?;
        pattern::compile(&parsed, lang).map_err(|m| format!("exception {x:?}: {m}"))?;
    }
    for cue in e.context.requires.iter().chain(&e.context.blocks) {
        matcher::Cue::parse(cue).map_err(|m| format!("cue {cue:?}: {m}"))?;
    }
    if let Window::Named(n) = &e.context.window {
        if n != "sentence" && n != "paragraph" {
            return Err(format!(
                "window {n:?}: use \"sentence\", \"paragraph\" or a number of words"
            ));
        }
    }
    for f in &e.fixes {
        if f.text.trim().is_empty() {
            return Err("empty fix".into());
        }
        if let Some(c) = &f.stem_change {
            if !matches!(c.as_str(), "ue" | "ie" | "i") {
                return Err(format!(
                    "fix {:?}: stem_change must be \"ue\", \"ie\" or \"i\"",
                    f.text
                ));
            }
        }
        let folded: Vec<String> = f
            .text
            .split_whitespace()
            .map(crate::text::fold::fold)
            .collect();
        if wrong_texts.contains(&folded.join(" ")) {
            return Err(format!("fix {:?} equals the wrong text", f.text));
        }
    }
    if e.fixes.is_empty() && e.fix_safety != Applicability::DisplayOnly {
        return Err("no fixes: fix_safety must be \"display-only\"".into());
    }
    if e.examples.bad.is_empty() {
        return Err("no bad examples (sentences the entry must flag)".into());
    }
    if e.examples.good.is_empty() {
        return Err("no good examples (sentences that must not be flagged)".into());
    }
    if e.origin.lang.is_empty() {
        return Err("origin.lang is empty".into());
    }
    Ok(())
}

/// One language's entries, from the embedded files and any user dictionaries.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub lang: String,
    pub entries: Vec<Entry>,
    /// Source file of each entry.
    pub sources: Vec<String>,
}

impl Glossary {
    /// The embedded entries of `lang`.
    pub fn embedded(lang: &str) -> Result<Self, Box<DictError>> {
        let mut g = Glossary {
            lang: lang.to_string(),
            ..Default::default()
        };
        let prefix = format!("{lang}/");
        for (path, text) in embedded_files() {
            if path.starts_with(&prefix) {
                let file =
                    parse_file_with(&format!("dictionaries/{path}"), text, Some(lang), false)?;
                g.add(&format!("dictionaries/{path}"), file, text)?;
            }
        }
        Ok(g)
    }

    /// Languages that have embedded dictionaries.
    pub fn embedded_languages() -> Vec<String> {
        let mut langs: Vec<String> = embedded_files()
            .iter()
            .filter_map(|(p, _)| p.split_once('/').map(|(l, _)| l.to_string()))
            .collect();
        langs.sort();
        langs.dedup();
        langs
    }

    /// Adds a parsed file whose entries replace embedded ones of the same id (a dictionary
    /// being edited, tested against the rest).
    pub fn replace_with(
        &mut self,
        path: &str,
        file: DictFile,
        text: &str,
    ) -> Result<(), Box<DictError>> {
        let keep: Vec<bool> = self
            .entries
            .iter()
            .map(|x| !file.entries.iter().any(|e| e.id == x.id))
            .collect();
        let mut k = keep.iter();
        self.entries.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        self.sources.retain(|_| *k.next().unwrap_or(&true));
        self.add(path, file, text)
    }

    /// Adds a parsed file; ids must stay unique across files.
    pub fn add(&mut self, path: &str, file: DictFile, text: &str) -> Result<(), Box<DictError>> {
        if file.language != self.lang {
            return Ok(());
        }
        for e in file.entries {
            if let Some(i) = self.entries.iter().position(|x| x.id == e.id) {
                return Err(Box::new(DictError::at(
                    path,
                    text,
                    entry_offset(text, &e.id),
                    format!("entry {:?} is already defined in {}", e.id, self.sources[i]),
                )));
            }
            self.entries.push(e);
            self.sources.push(path.to_string());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"language": "es", "entries": [{
        "id": "es/track-as-sector", "concept": "track-as-sector", "patterns": ["pista:n"],
        "fixes": [{"text": "sector"}], "origin": {"lang": "zh", "terms": ["赛道"]},
        "category": "terminology", "severity": "warning", "fix_safety": "unsafe",
        "message": "m", "explanation": "e",
        "examples": {"bad": ["La pista del mercado."], "good": ["El sector."]}}]}"#;

    #[test]
    fn parses_a_valid_file() {
        let f = parse_file("x.json", GOOD, Some("es")).unwrap();
        assert_eq!(f.entries.len(), 1);
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let bad = "{\n  \"language\": \"es\",\n  \"entries\": [,]\n}";
        let e = parse_file("bad.json", bad, None).unwrap_err();
        assert_eq!((e.line, e.column), (3, 15));
        assert!(e.to_string().starts_with("bad.json:3:15:"), "{e}");
    }

    #[test]
    fn rejects_bad_data() {
        let cases = [
            (GOOD.replace("es/track", "fr/track"), "must start with"),
            (
                GOOD.replace(r#""sector""#, r#""pista""#),
                "equals the wrong text",
            ),
            (GOOD.replace(r#""sector""#, r#""  ""#), "empty fix"),
            (
                GOOD.replace(r#""bad": ["La pista del mercado."]"#, r#""bad": []"#),
                "no bad",
            ),
            (GOOD.replace("pista:n", "pista:q"), "unknown marker"),
            (
                GOOD.replace("\"unsafe\"", "\"sometimes\""),
                "unknown variant",
            ),
            (
                GOOD.replace(r#""fixes": [{"text": "sector"}]"#, r#""fixes": []"#),
                "display-only",
            ),
        ];
        for (text, want) in cases {
            let e = parse_file("x.json", &text, Some("es")).unwrap_err();
            assert!(
                e.message.contains(want),
                "{} does not say {want}",
                e.message
            );
        }
        let start = GOOD.find("[{").unwrap() + 1;
        let end = GOOD.rfind("]}").unwrap();
        let entry = &GOOD[start..end];
        let dup = format!(r#"{{"language": "es", "entries": [{entry}, {entry}]}}"#);
        let e = parse_file("x.json", &dup, Some("es")).unwrap_err();
        assert!(e.message.contains("duplicate id"), "{}", e.message);
    }
}
