//! Capitalization artefacts: a sentence that runs on in lowercase after a stray period, and a
//! capitalized function word in the middle of a sentence.

use super::punctuation::{
    char_at, char_before, is_abbreviation, word_end_after, word_start_before,
};
use super::{builtin_doc, Check, RuleDoc, Segment};
use crate::finding::{Applicability, Category, Edit, Finding, Fix, Severity};
use crate::lang::data::function_words;
use crate::text::fold::{apply_casing, Casing};
use crate::text::scan::Join;

// ---------------------------------------------------------------- lowercase after period

pub struct LowercaseAfterPeriod;

const LOWERCASE: &str = "mt/lowercase-after-period";

impl Check for LowercaseAfterPeriod {
    fn rules(&self) -> Vec<RuleDoc> {
        vec![builtin_doc(
            LOWERCASE,
            Category::Fluency,
            Severity::Warning,
            Applicability::DisplayOnly,
            "sentence continues in lowercase after a period",
            "A period is followed by a lowercase word: either the period is stray (machine \
             translation split one sentence in two: \"abandonando el campo. uno tras otro\") or \
             the next sentence lacks its capital. Abbreviations (p. ej., etc., Sr.), ellipses \
             and decimals are left alone. The fix needs a reader, so it is shown, not applied.",
            &["Las empresas están entrando en el campo. uno tras otro, lanzan productos."],
            &[
                "Llegaron libros, revistas, etc. y otros materiales.",
                "Vale 11.5 euros.",
            ],
        )]
    }

    fn check(&self, seg: &Segment, out: &mut Vec<Finding>) {
        let s = seg.text;
        for rel in seg
            .punct
            .iter()
            .filter(|&&i| seg.text.as_bytes()[i] == b'.')
            .map(|&i| i - seg.start)
        {
            let i = seg.start + rel;
            if !char_before(s, i).is_some_and(|c| c.is_lowercase()) {
                continue;
            }
            // One or more spaces, no line break.
            let mut j = i + 1;
            while j < seg.end && s.as_bytes()[j] == b' ' {
                j += 1;
            }
            if j == i + 1 || j >= seg.end {
                continue;
            }
            let Some(next) = char_at(s, j) else { continue };
            if !next.is_lowercase() {
                continue;
            }
            let ws = word_start_before(s, i);
            let w = &s[ws..i];
            if w.chars().count() < 3 || is_abbreviation(seg.lang, w) || !ends_like_a_word(w) {
                continue;
            }
            if !w.chars().all(|c| c.is_lowercase()) {
                continue;
            }
            if char_before(s, ws).is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, '.' | '/' | '@' | '_' | '-' | '\\' | '(' | '`')
            }) {
                continue;
            }
            let xe = word_end_after(s, j);
            let x = &s[j..xe];
            if x.is_empty() || x == w || is_abbreviation(seg.lang, x) {
                continue;
            }
            // Symbols and variables (dx, ls) have no vowel.
            if !x.chars().any(|c| "aeiouyáéíóúü".contains(c)) {
                continue;
            }
            // Identifiers and commands: "grep(1)", "foo.txt", "ls -l", "x_y".
            if char_at(s, xe).is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, '(' | '.' | '_' | '/' | '@' | '=' | '-' | '`')
            }) && !(char_at(s, xe) == Some('.')
                && char_at(s, xe + 1).is_none_or(|c| c.is_whitespace()))
            {
                continue;
            }
            let suggestions = vec![
                format!("{w} {x}"),
                format!("{w}. {}", apply_casing(x, Casing::Capitalized)),
            ];
            out.push(Finding {
                rule: LOWERCASE.into(),
                severity: Severity::Warning,
                category: Category::Fluency,
                start: ws,
                end: xe,
                message: "a lowercase word follows the period".into(),
                suggestions: suggestions.clone(),
                reason: Some(
                    "a stray period splits the sentence, or the capital is missing".into(),
                ),
                fix: Some(Fix {
                    applicability: Applicability::DisplayOnly,
                    edits: vec![Edit {
                        start: ws,
                        end: xe,
                        replacement: suggestions[0].clone(),
                    }],
                }),
            });
        }
    }
}

/// Whether a word ends as a full word of the language does, rather than as a clipped
/// abbreviation (sist., descomp., rep.).
fn ends_like_a_word(w: &str) -> bool {
    let mut rev = w.chars().rev();
    let last = rev.next();
    let before = rev.next();
    match last {
        Some(c) if "aeiouáéíóúlnrsdzy".contains(c) => !(c == 'r' && before == Some('r')),
        _ => false,
    }
}

// ---------------------------------------------------------------- capital mid-sentence

pub struct CapitalMidSentence;

const CAPITAL: &str = "mt/capital-mid-sentence";

impl Check for CapitalMidSentence {
    fn rules(&self) -> Vec<RuleDoc> {
        vec![builtin_doc(
            CAPITAL,
            Category::Fluency,
            Severity::Warning,
            Applicability::Unsafe,
            "capitalized function word in mid-sentence",
            "An article, preposition or pronoun is capitalized in the middle of a sentence \
             (\"entrenando Los productos\"), a trace of a segment boundary in the machine \
             translation. Names that begin with such a word (El Salvador, La Habana, Los \
             Ángeles) are followed by another capital and are left alone.",
            &["Están entrenando Los productos llamados modelos grandes."],
            &[
                "Viajó a El Salvador en mayo.",
                "Leyó el diario El País por la mañana.",
            ],
        )]
    }

    fn check(&self, seg: &Segment, out: &mut Vec<Finding>) {
        let words = function_words(seg.lang);
        if words.is_empty() {
            return;
        }
        let t = seg.tokens;
        for k in 1..t.len().saturating_sub(1) {
            let b = &t[k];
            // Cheap first test, on bytes: function words are short and start with a capital.
            let lead = seg.text.as_bytes()[b.start];
            if b.end - b.start > 8 || !(lead.is_ascii_uppercase() || lead >= 0xC3) {
                continue;
            }
            let (a, c) = (&t[k - 1], &t[k + 1]);
            if b.join != Join::Space || c.join != Join::Space {
                continue;
            }
            let bw = seg.word(b);
            let mut chars = bw.chars();
            let Some(first) = chars.next() else { continue };
            if !first.is_uppercase() || !chars.clone().all(|ch| ch.is_lowercase()) {
                continue;
            }
            if chars.count() == 0 {
                continue;
            }
            // Exactly one space between a and b, and a ends in a lowercase letter.
            if &seg.text[a.end..b.start] != " " {
                continue;
            }
            if !seg
                .word(a)
                .chars()
                .last()
                .is_some_and(|ch| ch.is_lowercase())
            {
                continue;
            }
            if char_before(seg.text, a.start).is_some_and(|ch| !ch.is_whitespace()) {
                continue;
            }
            // A term at the start of its line followed by its description ("up Esta opción")
            // is a definition list, not a sentence.
            let line_start = seg.text[seg.start..a.start]
                .rfind('\n')
                .map_or(seg.start, |n| seg.start + n + 1);
            if seg.text[line_start..a.start]
                .chars()
                .all(|ch| ch.is_whitespace() || ch == '-')
            {
                continue;
            }
            if !seg
                .word(c)
                .chars()
                .next()
                .is_some_and(|ch| ch.is_lowercase())
            {
                continue;
            }
            let lower = bw.to_lowercase();
            if !words.contains(&lower.as_str()) {
                continue;
            }
            out.push(Finding {
                rule: CAPITAL.into(),
                severity: Severity::Warning,
                category: Category::Fluency,
                start: a.start,
                end: b.end,
                message: format!("«{bw}» is capitalized in mid-sentence").into(),
                suggestions: vec![format!("{} {lower}", seg.word(a))],
                reason: Some("a segment boundary of the machine translation".into()),
                fix: Some(Fix {
                    applicability: Applicability::Unsafe,
                    edits: vec![Edit {
                        start: b.start,
                        end: b.end,
                        replacement: lower,
                    }],
                }),
            });
        }
    }
}
