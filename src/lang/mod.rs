//! Languages: per-language closed word lists (abbreviations, function words, stop words) and
//! language detection of files and segments.

pub mod data;
pub mod detect;

/// The languages glosa knows (target languages with glossaries, and detection candidates).
pub const KNOWN: [&str; 7] = ["es", "en", "pt", "fr", "it", "de", "zh"];

/// Whether `code` is a language glosa knows.
pub fn is_known(code: &str) -> bool {
    KNOWN.contains(&code)
}

/// Languages whose stop words are interned in the vocabulary; bit `i` of a word's mask is
/// `STOP_LANGS[i]`.
pub const STOP_LANGS: [&str; 6] = ["es", "en", "pt", "fr", "it", "de"];

/// The bit of `lang` in a stop-word mask.
pub fn stop_bit(lang: &str) -> Option<u8> {
    STOP_LANGS.iter().position(|l| *l == lang).map(|i| 1u8 << i)
}
