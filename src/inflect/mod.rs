//! Inflection: the forms a dictionary word takes in running text, generated from the entry.
//! Spanish is complete (nouns, adjectives, verbs with spelling and stem changes and the common
//! irregular verbs); other languages get plural and gender forms by their regular rules.

pub mod es;
pub mod other;

use crate::dictionary::pattern::Marker;

/// The grammatical features of a matched form, used to inflect a fix the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub struct Features {
    pub plural: bool,
    pub feminine: bool,
    /// Index into the verb slot table of [`es::VERB_SLOTS`], when a verb matched.
    pub verb_slot: Option<u8>,
}

/// One generated form with its features.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub text: String,
    pub features: Features,
}

/// Every form of `word` under `marker` in `lang`.
pub fn forms(lang: &str, word: &str, marker: &Marker) -> Vec<Form> {
    match lang {
        "es" => es::forms(word, marker),
        _ => other::forms(lang, word, marker),
    }
}

/// Inflects a fix phrase to the given features; `None` when no reliable form can be made.
pub fn inflect_fix(
    lang: &str,
    fix: &str,
    plural_override: Option<&str>,
    change: crate::dictionary::pattern::StemChange,
    f: Features,
) -> Option<String> {
    match lang {
        "es" => es::inflect_fix(fix, plural_override, change, f),
        _ => other::inflect_fix(lang, fix, plural_override, f),
    }
}
