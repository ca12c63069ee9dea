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

/// Folded stop word → bit per language of [`super::STOP_LANGS`], built once,
/// and the byte length of the longest one.
fn stop_table() -> (&'static rustc_hash::FxHashMap<String, u8>, usize) {
    static TABLE: OnceLock<(rustc_hash::FxHashMap<String, u8>, usize)> = OnceLock::new();
    let (t, longest) = TABLE.get_or_init(|| {
        let mut t = rustc_hash::FxHashMap::default();
        for (i, l) in super::STOP_LANGS.iter().enumerate() {
            for w in stop_words(l) {
                *t.entry(fold(w)).or_insert(0u8) |= 1 << i;
            }
        }
        let longest = t.keys().map(String::len).max().unwrap_or(0);
        (t, longest)
    });
    (t, *longest)
}

/// Stop-word hits per candidate language among the words of `text`, looking at no more than
/// `max_words` words: (lang, hits), best first.
pub fn stop_word_counts_upto(text: &str, max_words: usize) -> Vec<(&'static str, usize)> {
    let (table, longest) = stop_table();
    let mut counts = [0usize; 6];
    let mut buf = String::with_capacity(32);
    let bytes = text.as_bytes();
    let (mut i, mut n) = (0, 0);
    // Words are runs of letters, digits and apostrophes; ASCII is classified byte by byte.
    while i < bytes.len() && n < max_words {
        let start = i;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !(b.is_ascii_alphanumeric() || b == b'\'') {
                    break;
                }
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if !c.is_alphanumeric() {
                    break;
                }
                i += c.len_utf8();
            }
        }
        if i == start {
            // A separator.
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let w = &text[start..i];
        if w.len() > 24 {
            continue;
        }
        n += 1;
        // (An ASCII word folds to as many bytes; an accented one to fewer.)
        if w.len() > longest && w.is_ascii() {
            continue;
        }
        let key = if w.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
            w
        } else {
            buf.clear();
            crate::text::fold::fold_into(w, &mut buf);
            buf.as_str()
        };
        if let Some(&mask) = table.get(key) {
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

/// The language of `text` by lingua among all the languages glosa knows, with its
/// confidence (0..1).
pub fn detect(text: &str) -> Option<(&'static str, f64)> {
    cached(text, ALL, || {
        let values = detector(text.len()).compute_language_confidence_values(text);
        values.first().map(|(l, c)| (code(*l), *c))
    })
}

/// The language of `text` by lingua among `langs` only (codes of [`super::STOP_LANGS`]; at
/// least two), with its confidence among them. Much cheaper than [`detect`] (lingua looks up
/// every n-gram in every candidate's model), and it touches only those models' memory.
pub fn detect_among(text: &str, langs: &[&str]) -> Option<(&'static str, f64)> {
    let mask = langs
        .iter()
        .filter_map(|l| super::STOP_LANGS.iter().position(|s| s == l))
        .fold(0u8, |m, i| m | (1 << i));
    if mask.count_ones() < 2 {
        return None;
    }
    cached(text, mask, || {
        let languages: Vec<Language> = super::STOP_LANGS
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .filter_map(|(_, l)| LANGUAGES.iter().copied().find(|x| code(*x) == *l))
            .collect();
        let values =
            subset_detector(mask, text.len(), &languages).compute_language_confidence_values(text);
        values.first().map(|(l, c)| (code(*l), *c))
    })
}

/// Cache key of [`detect`] (all languages).
const ALL: u8 = u8::MAX;

/// Documents repeat their lines (PO catalogs, boilerplate, shared paragraphs), and a lingua
/// call costs a quarter of a millisecond: short texts' answers are kept, per thread.
fn cached(text: &str, langs: u8, compute: impl FnOnce() -> Answer) -> Answer {
    if text.len() > CACHED_UPTO {
        return compute();
    }
    CACHE.with(|cell| {
        let hit = cell
            .borrow()
            .get(text)
            .and_then(|answers| answers.iter().find(|a| a.0 == langs).map(|a| a.1));
        if let Some(hit) = hit {
            return hit;
        }
        let r = compute();
        let mut cache = cell.borrow_mut();
        if cache.len() >= CACHE_ENTRIES {
            cache.clear();
        }
        match cache.get_mut(text) {
            Some(answers) => answers.push((langs, r)),
            None => {
                cache.insert(text.into(), vec![(langs, r)]);
            }
        }
        r
    })
}

/// Texts up to this length have their answers cached.
const CACHED_UPTO: usize = 512;
/// Entries kept per thread (about 2 MB at most) before the cache starts again.
const CACHE_ENTRIES: usize = 4096;

type Answer = Option<(&'static str, f64)>;
type Answers = rustc_hash::FxHashMap<Box<str>, Vec<(u8, Answer)>>;

thread_local! {
    /// Text → answers by set of candidate languages.
    static CACHE: std::cell::RefCell<Answers> = std::cell::RefCell::new(Answers::default());
}

/// One detector per set of candidate languages and accuracy mode, built on first use (the
/// models themselves are shared by all detectors).
fn subset_detector(mask: u8, len: usize, languages: &[Language]) -> &'static LanguageDetector {
    static DETECTORS: [[OnceLock<LanguageDetector>; 64]; 2] =
        [const { [const { OnceLock::new() }; 64] }; 2];
    let fast = len >= FAST_FROM;
    DETECTORS[fast as usize][(mask & 63) as usize].get_or_init(|| {
        let b = LanguageDetectorBuilder::from_languages(languages);
        if fast {
            b.clone().with_low_accuracy_mode().build()
        } else {
            b.clone().build()
        }
    })
}

/// Files up to this size are judged on their first 400 words; larger ones on sixteen samples
/// of 25 words (as many words, and more representative: 99.8 % against 97 % agreement with
/// the stop words of the whole file, on 1,300 files of Debian documentation).
const WHOLE_UPTO: usize = 4 * 1024;

/// How many samples a file over [`WHOLE_UPTO`] is judged on, and how many bytes from each
/// sample's start are read to find it (see [`sample_in`]).
pub const SAMPLES: usize = 16;
pub const SAMPLE_READ: usize = 8192;

/// Guesses the language of a whole file from a sample of its text (stop words; lingua when
/// the stop words do not decide).
pub fn detect_file(text: &str) -> Option<&'static str> {
    // The stop words of a few hundred words decide (a mixed file goes with its main language);
    // beyond a few kilobytes they are taken from sixteen places spread over the file, so an
    // English paragraph near the top does not make a Spanish page English, nor a preface a
    // book. lingua only judges texts with few stop words, or a tie.
    let bytes = text.as_bytes();
    if text.len() <= WHOLE_UPTO {
        return decide(stop_word_counts_upto(text, 400), bytes);
    }
    // The same samples as [`sample_in`] on the bytes read from each start, without validating
    // again what is already text.
    let samples = (0..SAMPLES).map(|k| {
        let mut from = sample_start(text.len(), k);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut to = (sample_start(text.len(), k) + SAMPLE_READ).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        sample_of(&text[from..to.max(from)], k)
    });
    detect_samples(samples, bytes)
}

/// Where sample `k` of a file of `len` bytes is read from.
pub fn sample_start(len: usize, k: usize) -> usize {
    len / SAMPLES * k
}

/// Sample `k` among the (up to [`SAMPLE_READ`]) bytes read from [`sample_start`]: from the
/// first character (and, but for the first sample, the first word: the tail of a cut word
/// could pass for a stop word), at most 2 KB.
pub fn sample_in(bytes: &[u8], k: usize) -> &str {
    let lead = bytes
        .iter()
        .take_while(|b| (0x80..=0xBF).contains(*b))
        .count();
    let rest = &bytes[lead..];
    let valid = match std::str::from_utf8(rest) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
    };
    sample_of(valid, k)
}

/// [`sample_in`] on text already known to be UTF-8 (`text` starts at a character).
fn sample_of(text: &str, k: usize) -> &str {
    let from = if k > 0 {
        text.find(char::is_whitespace).unwrap_or(text.len())
    } else {
        0
    };
    let mut to = (from + 2048).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[from..to]
}

/// The language of a file from its samples (see [`detect_file`]); `head` is (at least) its
/// first 2 KB, for lingua when the stop words do not decide.
pub fn detect_samples<'a>(
    samples: impl Iterator<Item = &'a str>,
    head: &[u8],
) -> Option<&'static str> {
    let mut total = [0usize; 6];
    for sample in samples {
        for (lang, n) in stop_word_counts_upto(sample, 25) {
            if let Some(i) = super::STOP_LANGS.iter().position(|l| *l == lang) {
                total[i] += n;
            }
        }
    }
    let mut counts: Vec<(&'static str, usize)> =
        super::STOP_LANGS.iter().copied().zip(total).collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    decide(counts, head)
}

fn decide(counts: Vec<(&'static str, usize)>, head: &[u8]) -> Option<&'static str> {
    if let [(best, n), (_, m), ..] = counts.as_slice() {
        if *n >= 5 && *n > *m {
            return Some(best);
        }
    }
    let head = &head[..head.len().min(2048)];
    let head = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
    };
    detect(head).filter(|(_, c)| *c > 0.5).map(|(l, _)| l)
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
    fn accented_stop_words_count_whatever_their_length_in_bytes() {
        // Words longer than the longest stop word are not looked up; «también» has more
        // bytes than its folded form.
        let counts = stop_word_counts("TAMBIÉN también trascendentalmente");
        let es = counts.iter().find(|c| c.0 == "es").map_or(0, |c| c.1);
        assert_eq!(es, 2, "{counts:?}");
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
        assert!(text.len() > WHOLE_UPTO);
        assert_eq!(detect_file(&text), Some("es"));
        assert_eq!(detect_file(&preface), Some("en"));
    }

    #[test]
    fn an_english_paragraph_near_the_top_does_not_make_a_spanish_page_english() {
        let es = "La empresa presentó su modelo y los analistas lo recibieron con interés. ";
        let en = "The parameters of the interpreter are stored in the file and read again. ";
        let text = format!(
            "{}\n\n{}\n\n{}",
            es.repeat(4),
            en.repeat(25),
            es.repeat(120)
        );
        assert!(text.len() > WHOLE_UPTO);
        // The first 400 words are mostly English; the page is not.
        assert_eq!(stop_word_counts_upto(&text, 400)[0].0, "en");
        assert_eq!(detect_file(&text), Some("es"));
    }

    #[test]
    fn lingua_among_candidates_only() {
        let line = "Especifique la alineación del último renglón del párrafo.";
        assert_eq!(
            detect_among(line, &["en", "it", "es"]).map(|r| r.0),
            Some("es")
        );
        // A code line is not Portuguese just because Portuguese is the only other candidate:
        // with English among them, English takes it.
        let code = "except InterpreterException,e: msg = e.line_text return msg";
        assert_eq!(
            detect_among(code, &["es", "pt", "en"]).map(|r| r.0),
            Some("en")
        );
        assert_eq!(detect_among(line, &["es"]), None);
        assert_eq!(detect_among(line, &["es", "xx"]), None);
    }
}
