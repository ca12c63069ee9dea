//! Untranslated segments: a line of running text in another language than the document's
//! (an English disclaimer left in a Spanish page). Stop words pre-screen every line for free
//! (they are vocabulary ids); lingua confirms only the lines that look foreign.

use super::{Check, RuleDoc, Segment};
use crate::finding::{Applicability, Category, Finding, Severity};
use crate::lang::{detect, STOP_LANGS};
use crate::text::scan::NO_ID;

pub struct Untranslated;

pub const UNTRANSLATED: &str = "lang/untranslated";

/// Fewer words than this are not judged (lingua is unreliable on short strings).
const MIN_WORDS: usize = 6;
/// Stop words of the other language needed before lingua is asked.
const MIN_FOREIGN_STOPS: usize = 3;
/// lingua's confidence needed to report.
const MIN_CONFIDENCE: f64 = 0.6;

impl Check for Untranslated {
    fn rules(&self) -> Vec<RuleDoc> {
        vec![super::builtin_doc(
            UNTRANSLATED,
            Category::Untranslated,
            Severity::Warning,
            Applicability::DisplayOnly,
            "segment left in another language",
            "A line of running text is in another language than the document (an English \
             disclaimer in a Spanish article). glosa counts the stop words of each language on \
             every line and asks lingua to confirm the lines that look foreign. Lines under six \
             words are not judged, and loanwords in a Spanish sentence do not make it foreign.",
            &["This page may contain third-party content and should not be considered as advice."],
            &[
                "La empresa lanzó su nuevo modelo de lenguaje, según un comunicado de prensa.",
                "El equipo de marketing presentó el software de machine learning en un meetup de startups.",
                "Read more about it.",
            ],
        )]
    }

    fn check(&self, seg: &Segment, out: &mut Vec<Finding>) {
        let Some(target) = STOP_LANGS.iter().position(|l| *l == seg.lang) else {
            return;
        };
        let text = seg.text;
        let tokens = seg.tokens;
        // Quick exit: a segment needs stop words of another language (and not of its own)
        // before any line of it can look foreign.
        let own_bit = 1u8 << target;
        let foreign = tokens
            .iter()
            .filter(|t| {
                t.id != NO_ID
                    && seg
                        .word_langs
                        .get(t.id as usize)
                        .is_some_and(|&m| m != 0 && m & own_bit == 0)
            })
            .take(MIN_FOREIGN_STOPS)
            .count();
        if foreign < MIN_FOREIGN_STOPS {
            return;
        }
        let mut k = 0;
        let mut pending: Option<(usize, usize, &'static str)> = None;
        while k < tokens.len() {
            // One line of tokens.
            let line_start = text[seg.start..tokens[k].start]
                .rfind('\n')
                .map_or(seg.start, |i| seg.start + i + 1);
            let line_end = text[tokens[k].start..seg.end]
                .find('\n')
                .map_or(seg.end, |i| tokens[k].start + i);
            let mut counts = [0usize; 6];
            // Stop words of one language only (shared ones, like "a" or "no", tell nothing).
            let mut only = [0usize; 6];
            let mut n = 0;
            let first = k;
            while k < tokens.len() && tokens[k].start < line_end {
                let t = &tokens[k];
                n += 1;
                if t.id != NO_ID {
                    if let Some(&mask) = seg.word_langs.get(t.id as usize).filter(|m| **m != 0) {
                        for (b, c) in counts.iter_mut().enumerate() {
                            if mask & (1 << b) != 0 {
                                *c += 1;
                            }
                        }
                        if mask.is_power_of_two() {
                            only[mask.trailing_zeros() as usize] += 1;
                        }
                    }
                }
                k += 1;
            }
            let (best, &best_n) = counts
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != target)
                .max_by_key(|(_, c)| **c)
                .unwrap_or((target, &0));
            let own = counts[target];
            let suspicious = n >= MIN_WORDS && best_n >= MIN_FOREIGN_STOPS && best_n > 2 * own + 1;
            let mut flagged = None;
            if suspicious {
                let foreign = STOP_LANGS[best];
                // English and German stop words share nothing with the Romance languages: an
                // overwhelming count decides alone. Otherwise lingua confirms, on a sample.
                // The same holds the other way round, when the Romance language that leads is
                // clearly ahead of the others (Spanish, Portuguese and Italian share words).
                let runner_up = counts
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != target && *i != best)
                    .map(|(_, c)| *c)
                    .max()
                    .unwrap_or(0);
                let disjoint = matches!(foreign, "en" | "de")
                    || matches!(seg.lang, "en" | "de") && 2 * best_n >= 3 * runner_up;
                let (best_only, own_only) = (only[best], only[target]);
                let decisive = disjoint
                    && ((best_n >= 3 && own == 0)
                        || (best_n >= 4 && best_n > 3 * own)
                        || (best_only >= 4 && own_only == 0));
                if decisive {
                    flagged = Some(foreign);
                } else {
                    // lingua judges between the document's language, every language whose
                    // stop words make the line suspicious (Spanish, French and Italian share
                    // "la", "de", "en", "un": the leader may be the wrong one of them), and
                    // English, the language of code and of most text left untranslated: a
                    // line lingua gives to a language without the stop words is not flagged.
                    let mut candidates = vec![seg.lang];
                    for (i, l) in STOP_LANGS.iter().enumerate() {
                        if i != target && counts[i] >= MIN_FOREIGN_STOPS && counts[i] > 2 * own + 1
                        {
                            candidates.push(l);
                        }
                    }
                    let contenders = candidates.len();
                    if !candidates.contains(&"en") {
                        candidates.push("en");
                    }
                    let line = sample(&text[line_start..line_end]);
                    if let Some((lang, conf)) = detect::detect_among(line, &candidates) {
                        if candidates[1..contenders].contains(&lang) && conf >= MIN_CONFIDENCE {
                            flagged = Some(lang);
                        }
                    }
                }
            }
            let _ = first;
            match (flagged, pending) {
                (Some(lang), Some((s, _, l))) if l == lang => pending = Some((s, line_end, l)),
                (Some(lang), p) => {
                    if let Some(p) = p {
                        out.push(finding(text, p, seg.lang));
                    }
                    let s = line_start
                        + (text[line_start..line_end].len()
                            - text[line_start..line_end].trim_start().len());
                    pending = Some((s, line_end, lang));
                }
                (None, Some(p)) => {
                    out.push(finding(text, p, seg.lang));
                    pending = None;
                }
                (None, None) => {}
            }
        }
        if let Some(p) = pending {
            out.push(finding(text, p, seg.lang));
        }
    }
}

/// At most about 400 bytes of a line: enough for lingua, cheap on very long lines.
fn sample(line: &str) -> &str {
    if line.len() <= 400 {
        return line;
    }
    let mut end = 400;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    match line[..end].rfind(' ') {
        Some(i) if i > 200 => &line[..i],
        _ => &line[..end],
    }
}

/// The language an untranslated-segment finding found (from its message).
pub fn foreign_language(f: &Finding) -> Option<&'static str> {
    if f.rule != UNTRANSLATED {
        return None;
    }
    let name = f.message.strip_prefix("untranslated: this text is in ")?;
    let name = &name[..name.find(',')?];
    crate::lang::KNOWN
        .iter()
        .find(|l| crate::dictionary::language_name(l) == name)
        .copied()
}

fn finding(text: &str, (start, end, lang): (usize, usize, &'static str), target: &str) -> Finding {
    let end = start + text[start..end].trim_end().len();
    Finding {
        rule: UNTRANSLATED.into(),
        severity: Severity::Warning,
        category: Category::Untranslated,
        start,
        end,
        message: format!(
            "untranslated: this text is in {}, the document in {}",
            crate::dictionary::language_name(lang),
            crate::dictionary::language_name(target)
        )
        .into(),
        suggestions: Vec::new(),
        reason: Some("translate it, or mark it as not for translation".into()),
        fix: None,
    }
}
