//! Punctuation artefacts of machine translation: a missing space after a period, doubled
//! punctuation, a space before punctuation, full-width CJK punctuation left in the text.

use super::{builtin_doc, simple_finding, Check, RuleDoc, Segment};
use crate::finding::{Applicability, Category, Finding, Severity};
use crate::lang::data::abbreviations;

/// The character before byte `i`, if any.
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// The character at byte `i`, if any.
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// Start of the alphabetic run that ends at `end`.
pub(crate) fn word_start_before(s: &str, end: usize) -> usize {
    let mut i = end;
    while let Some(c) = char_before(s, i) {
        if c.is_alphabetic() {
            i -= c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// End of the alphabetic run that starts at `start`.
pub(crate) fn word_end_after(s: &str, start: usize) -> usize {
    let mut i = start;
    while let Some(c) = char_at(s, i) {
        if c.is_alphabetic() {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// Positions of `.` `,` `;` `:` in `bytes[from..to]`, in order (memchr, not a byte loop).
pub(crate) fn punctuation_positions(
    bytes: &[u8],
    from: usize,
    to: usize,
) -> impl Iterator<Item = usize> + '_ {
    let hay = &bytes[from..to];
    let mut three = memchr::memchr3_iter(b'.', b',', b';', hay).peekable();
    let mut colons = memchr::memchr_iter(b':', hay).peekable();
    std::iter::from_fn(move || {
        let next = match (three.peek(), colons.peek()) {
            (Some(&a), Some(&b)) if b < a => colons.next(),
            (Some(_), _) => three.next(),
            (None, _) => colons.next(),
        };
        next.map(|i| from + i)
    })
}

pub(crate) fn is_abbreviation(lang: &str, word: &str) -> bool {
    let w = word.to_lowercase();
    abbreviations(lang).contains(&w.as_str())
}

// ---------------------------------------------------------------- missing space

pub struct MissingSpaceAfterPeriod;

const MISSING_SPACE: &str = "mt/missing-space-after-period";

impl Check for MissingSpaceAfterPeriod {
    fn rules(&self) -> Vec<RuleDoc> {
        vec![builtin_doc(
            MISSING_SPACE,
            Category::Fluency,
            Severity::Warning,
            Applicability::Safe,
            "missing space after a sentence period",
            "Two sentences are glued together: a lowercase word, a period and a capitalized word \
             with no space between them (\"suministro.Al mismo tiempo\"). Machine translation \
             produces this when it joins segments. Domain names (JD.com), abbreviations \
             (EE. UU.), decimals and identifiers are left alone.",
            &["La cadena de suministro.Al mismo tiempo, la empresa creció."],
            &[
                "Compró en JD.com el lunes.",
                "El valor es 11,96 por ciento.",
            ],
        )]
    }

    fn check(&self, seg: &Segment, out: &mut Vec<Finding>) {
        let s = seg.text;
        for i in seg
            .punct
            .iter()
            .copied()
            .filter(|&i| s.as_bytes()[i] == b'.')
        {
            let Some(prev) = char_before(s, i) else {
                continue;
            };
            if !prev.is_lowercase() {
                continue;
            }
            let Some(next) = char_at(s, i + 1) else {
                continue;
            };
            if !next.is_uppercase() {
                continue;
            }
            let ws = word_start_before(s, i);
            let w = &s[ws..i];
            if w.chars().count() < 2 || is_abbreviation(seg.lang, w) {
                continue;
            }
            // The word must stand alone: not part of a path, address or dotted name.
            if char_before(s, ws).is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, '.' | '/' | '@' | ':' | '_' | '-' | '\\')
            }) {
                continue;
            }
            let xe = word_end_after(s, i + 1);
            let x = &s[i + 1..xe];
            if x.chars().count() < 2 || !x.chars().skip(1).all(|c| c.is_lowercase()) {
                continue;
            }
            if char_at(s, xe)
                .is_some_and(|c| matches!(c, '.' | '(' | '_' | '/' | '@' | '=') || c.is_numeric())
                && !char_at(s, xe + 1).is_none_or(|c| c.is_whitespace())
            {
                continue;
            }
            out.push(simple_finding(
                MISSING_SPACE,
                Category::Fluency,
                Severity::Warning,
                (ws, xe),
                "missing space after the period",
                Some((i + 1, i + 1, " ".into())),
                Applicability::Safe,
            ));
        }
    }
}

// ---------------------------------------------------------------- doubled punctuation

pub struct DoubledPunctuation;

const DOUBLED: &str = "mt/doubled-punctuation";

impl Check for DoubledPunctuation {
    fn rules(&self) -> Vec<RuleDoc> {
        vec![builtin_doc(
            DOUBLED,
            Category::Fluency,
            Severity::Warning,
            Applicability::Safe,
            "doubled punctuation",
            "Two punctuation marks where one belongs (\". .\", \". ,\", \",,\"): machine \
             translation leaves them when it merges or splits sentences. An ellipsis (...), a \
             spaced ellipsis (. . .) and a period of an abbreviation before a comma (etc.,) are \
             correct.",
            &[
                "Es un proyecto sistemático. .",
                "Los modelos. , además, crecen.",
            ],
            &["Y entonces... nada.", "Libros, revistas, etc., en la mesa."],
        )]
    }

    fn check(&self, seg: &Segment, out: &mut Vec<Finding>) {
        let s = seg.text;
        let bytes = s.as_bytes();
        let is_p = |b: u8| matches!(b, b'.' | b',' | b';' | b':');
        let mut resume = seg.start;
        for &i in seg.punct {
            if i < resume {
                continue;
            }
            let b = bytes[i];
            // Spaced: "x . ," or "x. ."
            let j = i + 2;
            if j < seg.end && bytes[i + 1] == b' ' && is_p(bytes[j]) {
                let c = bytes[j];
                let spaced_ellipsis = b == b'.'
                    && c == b'.'
                    && (i >= 2 && bytes[i - 2] == b'.' && bytes[i - 1] == b' '
                        || bytes.get(j + 1) == Some(&b' ') && bytes.get(j + 2) == Some(&b'.')
                        || bytes.get(j + 1) == Some(&b'.'));
                let after_ok = bytes
                    .get(j + 1)
                    .is_none_or(|&n| n.is_ascii_whitespace() || n == b'"' || n == b')');
                let before_ok =
                    char_before(s, i).is_some_and(|ch| ch.is_alphanumeric() || ch == ')');
                if !spaced_ellipsis && after_ok && before_ok && !(b == b':' && c == b':') {
                    out.push(simple_finding(
                        DOUBLED,
                        Category::Fluency,
                        Severity::Warning,
                        (i, j + 1),
                        "doubled punctuation",
                        Some((i, j + 1, (c as char).to_string())),
                        Applicability::Safe,
                    ));
                    resume = j + 1;
                    continue;
                }
            }
            // Unspaced: ",," ";;" ",." ";." and exactly two periods after a word.
            if i + 1 < seg.end {
                let c = bytes[i + 1];
                let pair = (b, c);
                let third = bytes.get(i + 2).copied();
                let before_word = char_before(s, i).is_some_and(|ch| ch.is_alphabetic());
                let after_space = third.is_none_or(|t| t == b' ' || t == b'\n' || t == b'\r');
                let flagged = after_space
                    && match pair {
                        (b',', b',')
                        | (b';', b';')
                        | (b',', b'.')
                        | (b';', b'.')
                        | (b',', b';') => before_word,
                        (b'.', b'.') => before_word && (i == 0 || bytes[i - 1] != b'.'),
                        _ => false,
                    };
                if flagged {
                    out.push(simple_finding(
                        DOUBLED,
                        Category::Fluency,
                        Severity::Warning,
                        (i, i + 2),
                        "doubled punctuation",
                        Some((i, i + 2, (c as char).to_string())),
                        Applicability::Safe,
                    ));
                    resume = i + 2;
                }
            }
        }
    }
}

// ---------------------------------------------------------------- space before punctuation

pub struct SpaceBeforePunctuation;

const SPACE_BEFORE: &str = "mt/space-before-punctuation";

impl Check for SpaceBeforePunctuation {
    fn rules(&self) -> Vec<RuleDoc> {
        vec![builtin_doc(
            SPACE_BEFORE,
            Category::Fluency,
            Severity::Warning,
            Applicability::Safe,
            "space before punctuation",
            "Spanish (like English) writes no space before a comma, period, semicolon, colon, \
             question or exclamation mark. Machine translation leaves one where a source \
             token was dropped (\"finanzas , la salud\"). A space before an ellipsis or before \
             a leading period of a name (.NET) is left alone.",
            &["En las finanzas , la salud y la educación."],
            &[
                "En las finanzas, la salud y la educación.",
                "Usa .NET y espera ... nada.",
            ],
        )]
    }

    fn check(&self, seg: &Segment, out: &mut Vec<Finding>) {
        let s = seg.text;
        let bytes = s.as_bytes();
        for &i in seg.punct {
            let b = bytes[i];
            if i == seg.start || bytes[i - 1] != b' ' {
                continue;
            }
            // French typography puts a space before the high marks.
            if seg.lang == "fr" && matches!(b, b';' | b':' | b'!' | b'?') {
                continue;
            }
            let mut k = i - 1;
            while k > seg.start && bytes[k - 1] == b' ' {
                k -= 1;
            }
            let Some(before) = char_before(s, k) else {
                continue;
            };
            if !before.is_alphabetic() {
                continue;
            }
            // Prose continues after the mark: a space, then a letter (a comma may also end a
            // line). Anything else (" . /dest", " : %d", " .NET") is notation.
            let next = bytes.get(i + 1).copied();
            let then = char_at(s, i + 2);
            let after_ok = match (b, next) {
                (b',', Some(b'\n' | b'\r')) => true,
                (_, Some(b' ')) => then.is_some_and(|c| c.is_alphabetic()),
                _ => false,
            };
            if !after_ok {
                continue;
            }
            // The word before is a lowercase word of prose, not an option or a symbol.
            let ws = word_start_before(s, k);
            let w = &s[ws..k];
            if w.chars().count() < 3 || !w.chars().all(|c| c.is_lowercase()) {
                continue;
            }
            if char_before(s, ws)
                .is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '«' | '"'))
            {
                continue;
            }
            out.push(simple_finding(
                SPACE_BEFORE,
                Category::Fluency,
                Severity::Warning,
                (ws, i + 1),
                "space before punctuation",
                Some((k, i, String::new())),
                Applicability::Safe,
            ));
        }
    }
}

// ---------------------------------------------------------------- full-width punctuation

pub struct FullwidthPunctuation;

const FULLWIDTH: &str = "mt/fullwidth-punctuation";

fn ascii_for(c: char) -> Option<(&'static str, bool)> {
    // (replacement, takes a space after it)
    Some(match c {
        '，' | '、' => (",", true),
        '。' => (".", true),
        '：' => (":", true),
        '；' => (";", true),
        '！' => ("!", true),
        '？' => ("?", true),
        '（' => ("(", false),
        '）' => (")", false),
        '《' | '「' | '『' => ("«", false),
        '》' | '」' | '』' => ("»", false),
        '【' => ("[", false),
        '】' => ("]", false),
        _ => return None,
    })
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0x3040..=0x30FF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

impl Check for FullwidthPunctuation {
    fn rules(&self) -> Vec<RuleDoc> {
        vec![builtin_doc(
            FULLWIDTH,
            Category::Locale,
            Severity::Warning,
            Applicability::Safe,
            "full-width CJK punctuation in Latin-script text",
            "Chinese and Japanese punctuation (，。：；！？（）《》、) was carried over from the \
             source. Latin-script languages use their own marks, followed by a space. Marks \
             inside Chinese or Japanese text are left alone.",
            &["Los ingresos crecieron，pero el margen cayó。"],
            &[
                "Los ingresos crecieron, pero el margen cayó.",
                "El lema «数字中国» aparece en la portada.",
            ],
        )]
    }

    fn check(&self, seg: &Segment, out: &mut Vec<Finding>) {
        if seg.lang == "zh" || seg.lang == "ja" {
            return;
        }
        let s = seg.as_str();
        // Fast exit: every mark is in U+3000..U+303F or U+FF00..U+FF5F (3 bytes, E3 or EF).
        if memchr::memchr2(0xE3, 0xEF, s.as_bytes()).is_none() {
            return;
        }
        for (rel, c) in s.char_indices() {
            let Some((rep, space_after)) = ascii_for(c) else {
                continue;
            };
            let i = seg.start + rel;
            let end = i + c.len_utf8();
            let prev = char_before(seg.text, i);
            let next = char_at(seg.text, end).filter(|_| end < seg.end);
            if prev.is_some_and(is_cjk) || next.is_some_and(is_cjk) {
                continue;
            }
            let mut replacement = rep.to_string();
            if space_after && next.is_some_and(|n| n.is_alphanumeric()) {
                replacement.push(' ');
            }
            if rep == "(" && prev.is_some_and(|p| p.is_alphanumeric()) {
                replacement.insert(0, ' ');
            }
            out.push(simple_finding(
                FULLWIDTH,
                Category::Locale,
                Severity::Warning,
                (i, end),
                format!("full-width «{c}» in {} text", seg.lang),
                Some((i, end, replacement)),
                Applicability::Safe,
            ));
        }
    }
}
