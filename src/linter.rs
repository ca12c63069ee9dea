//! One text in, findings out: segments → tokens → checks → sorted findings.

use crate::checks::{self, glossary::GlossaryCheck, Check, RuleDoc, Segment};
use crate::dictionary::{self, DictError, Glossary};
use crate::finding::Finding;
use crate::formats::Span;
use crate::lang::{data::stop_words, STOP_LANGS};
use crate::text::fold::fold;
use crate::text::scan::{scan, Token};
use std::cell::RefCell;

/// A user dictionary: its path (for messages) and its JSON text.
pub struct UserDict {
    pub path: String,
    pub text: String,
}

/// Everything a run needs, built once and shared by all threads.
pub struct Linter {
    lang: String,
    glossary: GlossaryCheck,
    builtin: Vec<Box<dyn Check>>,
    word_langs: Vec<u8>,
}

/// Why a linter could not be built.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LinterError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Dictionary(#[from] Box<DictError>),
    #[error("cannot compile the glossary: {0}")]
    Compile(String),
}

thread_local! {
    static TOKENS: RefCell<Vec<Token>> = const { RefCell::new(Vec::new()) };
    static PUNCT: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

impl Linter {
    /// A linter for target language `lang` with the embedded dictionaries and `user` ones.
    pub fn new(lang: &str, user: &[UserDict]) -> Result<Self, LinterError> {
        let mut g = Glossary::embedded(lang)?;
        for d in user {
            let file = dictionary::parse_file(&d.path, &d.text, None)?;
            g.add(&d.path, file, &d.text)?;
        }
        Self::with_glossary(g)
    }

    /// A linter over a given glossary (tests, benchmarks).
    pub fn with_glossary(g: Glossary) -> Result<Self, LinterError> {
        let lang = g.lang.clone();
        let extra: Vec<String> = STOP_LANGS
            .iter()
            .flat_map(|l| stop_words(l).iter().map(|w| w.to_string()))
            .collect();
        let matcher =
            dictionary::matcher::Matcher::build(&g, &extra).map_err(LinterError::Compile)?;
        let mut word_langs = vec![0u8; matcher.vocab().len()];
        for (bit, l) in STOP_LANGS.iter().enumerate() {
            for w in stop_words(l) {
                let id = matcher.vocab().get(&fold(w));
                if let Some(m) = word_langs.get_mut(id as usize) {
                    *m |= 1 << bit;
                }
            }
        }
        Ok(Linter {
            lang,
            glossary: GlossaryCheck {
                glossary: g,
                matcher,
            },
            builtin: checks::builtin(),
            word_langs,
        })
    }

    pub fn lang(&self) -> &str {
        &self.lang
    }

    pub fn glossary(&self) -> &Glossary {
        &self.glossary.glossary
    }

    /// Every rule: dictionary entries first, then the built-in checks.
    pub fn rules(&self) -> Vec<RuleDoc> {
        let mut r = self.glossary.rules();
        for c in &self.builtin {
            r.extend(c.rules());
        }
        r.push(crate::suppress::rule());
        r
    }

    /// Checks a whole text of the given format. Offsets are into `text` as given; a fix whose
    /// edit would touch markup is shown, never applied. Inline suppressions are applied.
    pub fn check_format(&self, text: &str, format: crate::formats::Format) -> Vec<Finding> {
        match crate::formats::extract(text, format) {
            None => self.check(text),
            Some(ex) => {
                let mut findings = self.check_extracted(text, &ex, format);
                crate::suppress::apply(&ex.suppressions, &mut findings);
                findings
            }
        }
    }

    /// Checks the translatable text of a file (see [`crate::formats::Extracted`]).
    pub fn check_extracted(
        &self,
        text: &str,
        ex: &crate::formats::Extracted,
        format: crate::formats::Format,
    ) -> Vec<Finding> {
        let masked = &ex.masked;
        let mut findings = if ex.segments.is_empty() {
            self.check(masked)
        } else {
            let spans: Vec<Span> = ex
                .segments
                .iter()
                .map(|s| Span {
                    start: s.start,
                    end: s.end,
                })
                .collect();
            self.check_spans(masked, &spans)
        };
        for f in &mut findings {
            if let Some(fix) = &mut f.fix {
                let touches_markup = fix.edits.iter().any(|e| {
                    masked.as_bytes().get(e.start..e.end) != text.as_bytes().get(e.start..e.end)
                        || format.needs_escape(&e.replacement)
                });
                if touches_markup {
                    fix.applicability = crate::finding::Applicability::DisplayOnly;
                }
            }
        }
        findings
    }

    /// Checks a whole plain text.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        let spans = crate::formats::plain::paragraphs(text);
        self.check_spans(text, &spans)
    }

    /// Checks the given segments of `text`; findings sorted by position.
    pub fn check_spans(&self, text: &str, spans: &[Span]) -> Vec<Finding> {
        self.check_spans_with(text, spans, true)
    }

    /// Only the glossary entries over the given segments (a paragraph in this language inside a
    /// document in another one).
    pub fn check_spans_glossary(&self, text: &str, spans: &[Span]) -> Vec<Finding> {
        self.check_spans_with(text, spans, false)
    }

    fn check_spans_with(&self, text: &str, spans: &[Span], builtin: bool) -> Vec<Finding> {
        let mut out = Vec::new();
        TOKENS.with(|cell| {
            let mut tokens = cell.borrow_mut();
            PUNCT.with(|pcell| {
                let mut punct = pcell.borrow_mut();
                for sp in spans {
                    tokens.clear();
                    scan(
                        text,
                        sp.start,
                        sp.end,
                        self.glossary.matcher.vocab(),
                        &mut tokens,
                    );
                    punct.clear();
                    if builtin {
                        punct.extend(crate::checks::punctuation::punctuation_positions(
                            text.as_bytes(),
                            sp.start,
                            sp.end,
                        ));
                    }
                    let seg = Segment {
                        text,
                        start: sp.start,
                        end: sp.end,
                        tokens: &tokens,
                        lang: &self.lang,
                        word_langs: &self.word_langs,
                        punct: &punct,
                    };
                    let first = out.len();
                    self.glossary.check(&seg, &mut out);
                    if builtin {
                        for c in &self.builtin {
                            c.check(&seg, &mut out);
                        }
                    }
                    // Segments come in order: sorting each one's findings sorts them all.
                    out[first..].sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                }
            });
        });
        out.dedup_by(|a, b| a.rule == b.rule && a.start == b.start && a.end == b.end);
        out
    }
}
