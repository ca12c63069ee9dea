//! Language detection: a cheap stop-word count first, lingua second (built once, lazily, only
//! when a segment looks foreign), so detection stays off the hot path.

use super::data::stop_words;
use crate::text::fold::fold;
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::sync::OnceLock;

static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
static FAST_DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();

/// Texts at least this long are detected in lingua's low-accuracy mode (trigrams only), which
/// lingua documents as reliable for longer texts and which is much faster.
const FAST_FROM: usize = 120;

const LANGUAGES: [Language; 7] = [
    Language::English,
    Language::Spanish,
    Language::Portuguese,
    Language::French,
    Language::Italian,
    Language::German,
    Language::Chinese,
];

fn detector(len: usize) -> &'static LanguageDetector {
    if len >= FAST_FROM {
        FAST_DETECTOR.get_or_init(|| {
            LanguageDetectorBuilder::from_languages(&LANGUAGES)
                .with_low_accuracy_mode()
                .build()
        })
    } else {
        DETECTOR.get_or_init(|| LanguageDetectorBuilder::from_languages(&LANGUAGES).build())
    }
}

fn code(l: Language) -> &'static str {
    match l {
        Language::English => "en",
        Language::Spanish => "es",
        Language::Portuguese => "pt",
        Language::French => "fr",
        Language::Italian => "it",
        Language::German => "de",
        Language::Chinese => "zh",
        #[allow(unreachable_patterns)]
        _ => "?",
    }
}

/// Stop-word hits per candidate language among the words of `text`: (lang, hits), best first.
pub fn stop_word_counts(text: &str) -> Vec<(&'static str, usize)> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect();
    let mut counts: Vec<(&'static str, usize)> = ["es", "en", "pt", "fr", "it", "de"]
        .iter()
        .map(|&l| {
            let list = stop_words(l);
            let folded: Vec<String> = list.iter().map(|w| fold(w)).collect();
            let n = words
                .iter()
                .filter(|w| folded.iter().any(|s| s == *w))
                .count();
            (l, n)
        })
        .collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
}

/// The language of `text` by lingua, with its confidence (0..1).
pub fn detect(text: &str) -> Option<(&'static str, f64)> {
    let values = detector(text.len()).compute_language_confidence_values(text);
    values.first().map(|(l, c)| (code(*l), *c))
}

/// Guesses the language of a whole file from a sample of its text (stop words; lingua when
/// the stop words do not decide).
pub fn detect_file(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(8192);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let counts = stop_word_counts(sample);
    if let [(best, n), (_, m), ..] = counts.as_slice() {
        if *n >= 5 && *n >= 2 * *m {
            return Some(best);
        }
    }
    detect(sample).filter(|(_, c)| *c > 0.5).map(|(l, _)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_tell_english_from_spanish() {
        let en =
            stop_word_counts("This page may contain content which is provided for information");
        assert_eq!(en[0].0, "en");
        let es = stop_word_counts("El sector de los grandes modelos es cada vez más competitivo");
        assert_eq!(es[0].0, "es");
    }

    #[test]
    fn lingua_confirms() {
        let (lang, conf) = detect(
            "This page may contain third-party content and should not be considered advice.",
        )
        .unwrap();
        assert_eq!(lang, "en");
        assert!(conf > 0.5);
        assert_eq!(
            detect_file("La empresa presentó ayer su nuevo modelo de lenguaje en Madrid, y los analistas lo recibieron con interés."),
            Some("es")
        );
    }
}
