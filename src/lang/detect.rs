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

/// Folded stop word → bit per language of [`super::STOP_LANGS`], built once.
fn stop_table() -> &'static rustc_hash::FxHashMap<String, u8> {
    static TABLE: OnceLock<rustc_hash::FxHashMap<String, u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = rustc_hash::FxHashMap::default();
        for (i, l) in super::STOP_LANGS.iter().enumerate() {
            for w in stop_words(l) {
                *t.entry(fold(w)).or_insert(0u8) |= 1 << i;
            }
        }
        t
    })
}

/// Stop-word hits per candidate language among the words of `text`, looking at no more than
/// `max_words` words: (lang, hits), best first.
pub fn stop_word_counts_upto(text: &str, max_words: usize) -> Vec<(&'static str, usize)> {
    let table = stop_table();
    let mut counts = [0usize; 6];
    let mut buf = String::with_capacity(32);
    for w in text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty() && w.len() <= 24)
        .take(max_words)
    {
        buf.clear();
        crate::text::fold::fold_into(w, &mut buf);
        if let Some(&mask) = table.get(buf.as_str()) {
            for (i, c) in counts.iter_mut().enumerate() {
                if mask & (1 << i) != 0 {
                    *c += 1;
                }
            }
        }
    }
    let mut out: Vec<(&'static str, usize)> =
        super::STOP_LANGS.iter().copied().zip(counts).collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.1));
    out
}

/// Stop-word hits per candidate language among the words of `text`: (lang, hits), best first.
pub fn stop_word_counts(text: &str) -> Vec<(&'static str, usize)> {
    stop_word_counts_upto(text, usize::MAX)
}

/// The language of `text` by lingua, with its confidence (0..1).
pub fn detect(text: &str) -> Option<(&'static str, f64)> {
    let values = detector(text.len()).compute_language_confidence_values(text);
    values.first().map(|(l, c)| (code(*l), *c))
}

/// Guesses the language of a whole file from a sample of its text (stop words; lingua when
/// the stop words do not decide).
pub fn detect_file(text: &str) -> Option<&'static str> {
    // The stop words of a few hundred words decide (a mixed file goes with its main language);
    // in a long file they are taken from eight places spread over it, so an English preface
    // does not make a Spanish book English. lingua only judges texts with few stop words, or a
    // tie.
    let counts = if text.len() <= 16 * 1024 {
        stop_word_counts_upto(text, 400)
    } else {
        let mut total = [0usize; 6];
        for k in 0..8 {
            let mut from = text.len() / 8 * k;
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let mut to = (from + 2048).min(text.len());
            while !text.is_char_boundary(to) {
                to -= 1;
            }
            for (lang, n) in stop_word_counts_upto(&text[from..to], 50) {
                if let Some(i) = super::STOP_LANGS.iter().position(|l| *l == lang) {
                    total[i] += n;
                }
            }
        }
        let mut out: Vec<(&'static str, usize)> =
            super::STOP_LANGS.iter().copied().zip(total).collect();
        out.sort_by_key(|c| std::cmp::Reverse(c.1));
        out
    };
    if let [(best, n), (_, m), ..] = counts.as_slice() {
        if *n >= 5 && *n > *m {
            return Some(best);
        }
    }
    let mut end = text.len().min(2048);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    detect(&text[..end])
        .filter(|(_, c)| *c > 0.5)
        .map(|(l, _)| l)
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

    #[test]
    fn a_long_file_goes_with_its_main_language_not_its_preface() {
        let preface =
            "This guide is outside the scope of the manual and it is provided as is. ".repeat(60);
        let body =
            "La empresa presentó su modelo y los analistas lo recibieron con interés en la feria. "
                .repeat(600);
        let text = format!("{preface}\n\n{body}");
        assert!(text.len() > 16 * 1024);
        assert_eq!(detect_file(&text), Some("es"));
        assert_eq!(detect_file(&preface), Some("en"));
    }
}
