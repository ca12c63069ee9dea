//! The commented default configuration `glosa init` writes.

pub const DEFAULT: &str = r#"# glosa configuration. Paths and globs are relative to this file.
# Reference: the "Configuration" section of glosa's README.

# Target language of the translations: es, pt, fr, it, de, en, or "auto" to detect it per file
# (a PO Language header or an XLIFF target-language is used when present).
# lang = "auto"

# Extra dictionaries in glosa's JSON format (see docs/dictionary-format.md).
# dictionaries = ["glossary/company-terms.json"]

# Rules to run and to skip: a rule code (es/track-as-sector), a prefix (es/, mt/, lang/) or a
# category (terminology, mistranslation, false-friend, locale, fluency, style, untranslated).
# The more specific entry wins when select and ignore both match.
# select = ["es/", "mt/", "lang/"]
# ignore = ["style"]

# Words and phrases your texts use on purpose: never reported.
# allow = ["pista de pruebas", "Librería Gandhi"]

# Which files a directory walk checks (.gitignore is always respected). Explicitly named files
# are checked even when excluded, unless --force-exclude is given (pre-commit does).
# include = ["docs/**", "locale/**"]
# exclude = ["vendor/**", "*.min.html"]

# The least severity that makes `glosa check` exit with 1: info, warning, error or never.
# fail-on = "info"

# Language of `glosa explain` texts: en or es.
# explain-lang = "en"

# Severity overrides, by rule code, prefix or category.
# [severity]
# "es/library-libreria" = "error"
# style = "info"

# Settings for some paths only.
# [[overrides]]
# paths = ["docs/legal/**"]
# ignore = ["es/in-base-of"]
# lang = "es"
"#;

#[cfg(test)]
mod tests {
    #[test]
    fn default_template_parses_and_changes_nothing() {
        let c = super::super::Config::parse(
            std::path::Path::new("glosa.toml"),
            super::DEFAULT,
            std::path::PathBuf::from("."),
        )
        .expect("template parses");
        assert!(c.filter.is_empty());
        assert!(c.lang.is_none());
        // Every commented setting parses too once uncommented.
        let uncommented: String = super::DEFAULT
            .lines()
            .filter(|l| l.starts_with("# ") && !l.starts_with("# Reference"))
            .map(|l| l.trim_start_matches("# "))
            .filter(|l| l.contains('=') || l.starts_with('['))
            .collect::<Vec<_>>()
            .join("\n");
        let c = super::super::Config::parse(
            std::path::Path::new("glosa.toml"),
            &uncommented,
            std::path::PathBuf::from("."),
        )
        .unwrap_or_else(|e| panic!("{e}: {uncommented}"));
        assert!(!c.filter.is_empty());
        assert_eq!(c.overrides.len(), 1);
    }
}
