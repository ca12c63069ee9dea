//! Foreign script: a run of characters in a script the document's language does not use
//! (Chinese characters, kana, Hangul, Cyrillic, Greek, Arabic, Hebrew, Thai, Devanagari) left
//! in running text — typically a word machine translation did not translate ("el mercado de
//! 大模型"). Lists of languages ("• 简体中文 • English"), glosses in parentheses or quotes and
//! lines without Latin-script prose around them are left alone.

use super::{builtin_doc, Check, RuleDoc, Segment};
use crate::finding::{Applicability, Category, Finding, Severity};

pub const FOREIGN_SCRIPT: &str = "lang/foreign-script";

pub struct ForeignScript;

/// The script of a character, for the scripts a Latin-script text should not contain.
fn script_of(c: char) -> Option<&'static str> {
    Some(match c as u32 {
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => {
            "Chinese characters"
        }
        0x3040..=0x30FF => "Japanese kana",
        0xAC00..=0xD7AF | 0x1100..=0x11FF => "Hangul",
        0x0400..=0x04FF => "Cyrillic",
        0x0370..=0x03FF => "Greek",
        0x0600..=0x06FF => "Arabic",
        0x0590..=0x05FF => "Hebrew",
        0x0E00..=0x0E7F => "Thai",
        0x0900..=0x097F => "Devanagari",
        _ => return None,
    })
}

/// Chinese and Japanese punctuation (，。：「」…), which may sit inside a run of Chinese.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF65)
}

/// Lead bytes of UTF-8 sequences that may start such a character (a quick filter).
#[inline]
fn may_be_foreign(b: u8) -> bool {
    matches!(b, 0xCD..=0xDB | 0xE0 | 0xE1 | 0xE3..=0xED | 0xEF | 0xF0)
}

/// Latin-script words of at least two letters in `s`.
fn latin_words(s: &str) -> usize {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| {
            w.chars().count() >= 2 && w.chars().all(|c| c.is_alphabetic() && (c as u32) < 0x250)
        })
        .count()
}

impl Check for ForeignScript {
    fn rules(&self) -> Vec<RuleDoc> {
        vec![builtin_doc(
            FOREIGN_SCRIPT,
            Category::Untranslated,
            Severity::Warning,
            Applicability::DisplayOnly,
            "characters of another script left in running text",
            "Machine translation sometimes leaves a source word untranslated: Chinese characters \
             in a Spanish sentence (\"la carrera de 大模型\"), Cyrillic in a French one. glosa flags \
             a run of a script the document's language does not use when it sits inside a line of \
             prose in the document's own script. A gloss in parentheses or quotes \
             (\"involución (内卷)\") and lists of language names are left alone, as are single \
             Greek letters used as symbols (α, β).",
            &["Las empresas compiten en el mercado de 大模型 desde el año pasado."],
            &[
                "La palabra china «内卷» se traduce como competencia desmedida.",
                "El término involución (内卷) se popularizó en 2020.",
                "El coeficiente α vale 0,5 en la primera serie de datos.",
            ],
        )]
    }

    fn check(&self, seg: &Segment, out: &mut Vec<Finding>) {
        if matches!(seg.lang, "zh" | "ja" | "ko") {
            return;
        }
        let bytes = &seg.text.as_bytes()[seg.start..seg.end];
        // Most segments have none of these lead bytes: one vectorizable pass decides.
        if !bytes
            .chunks(64)
            .any(|c| c.iter().fold(false, |a, &b| a | may_be_foreign(b)))
        {
            return;
        }
        let s = seg.as_str();
        let mut iter = s.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let Some(script) = script_of(c) else { continue };
            // The run: characters of that script, with spaces or middle dots inside it.
            let start = i;
            let mut end = i + c.len_utf8();
            let mut letters = 1;
            while let Some(&(j, d)) = iter.peek() {
                if script_of(d) == Some(script) {
                    end = j + d.len_utf8();
                    letters += 1;
                    iter.next();
                } else if (d == ' ' || d == '·' || is_cjk_punctuation(d))
                    && s[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|n| script_of(n) == Some(script))
                {
                    iter.next();
                } else {
                    break;
                }
            }
            // A single character is a symbol or a table entry (charset tables, "α"); Greek
            // letters are symbols unless they form words.
            if letters < 2 || script == "Greek" && letters < 3 {
                continue;
            }
            // A gloss: directly inside parentheses, brackets or quotes.
            let before = s[..start].chars().next_back();
            let after = s[end..].chars().next();
            if matches!(
                (before, after),
                (Some('(' | '（'), Some(')' | '）'))
                    | (Some('«'), Some('»'))
                    | (Some('"'), Some('"'))
                    | (Some('“'), Some('”'))
                    | (Some('\''), Some('\''))
                    | (Some('‘'), Some('’'))
                    | (Some('['), Some(']'))
            ) {
                continue;
            }
            // A whole sentence of Chinese or Japanese (eight characters or more; in those scripts
            // a word is one to four) is untranslated wherever it is.
            let sentence = letters >= 8 && matches!(script, "Chinese characters" | "Japanese kana");
            // Running text: Latin-script prose on the same line, on both sides or plenty on one.
            let line_start = s[..start].rfind('\n').map_or(0, |p| p + 1);
            let line_end = s[end..].find('\n').map_or(s.len(), |p| end + p);
            let (left, right) = (
                latin_words(&s[line_start..start]),
                latin_words(&s[end..line_end]),
            );
            let in_prose = left >= 2 && right >= 1 || left + right >= 4 && left.min(right) >= 1;
            if !(sentence || in_prose) {
                continue;
            }
            out.push(Finding {
                rule: FOREIGN_SCRIPT.into(),
                severity: Severity::Warning,
                category: Category::Untranslated,
                start: seg.start + start,
                end: seg.start + end,
                message: format!(
                    "{script} left in {} text",
                    crate::dictionary::language_name(seg.lang)
                )
                .into(),
                suggestions: Vec::new(),
                reason: Some("translate it, or mark it as a quotation".into()),
                fix: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Linter;

    fn codes(text: &str) -> Vec<String> {
        let l = Linter::new("es", &[]).expect("linter");
        l.check(text)
            .into_iter()
            .filter(|f| f.rule == super::FOREIGN_SCRIPT)
            .map(|f| text[f.start..f.end].to_string())
            .collect()
    }

    #[test]
    fn runs_in_prose_are_flagged_glosses_and_lists_are_not() {
        assert_eq!(
            codes("Las empresas compiten en el mercado de 大模型 desde el año pasado."),
            vec!["大模型"]
        );
        assert_eq!(
            codes("El gobierno de Москва anunció nuevas medidas para el sector."),
            vec!["Москва"]
        );
        assert!(codes("El término involución (内卷) se popularizó.").is_empty());
        assert!(codes("  • 简体中文\n  • English\n  • Русский\n").is_empty());
        assert!(codes("  • بالعربية\n  • Українська\n  • Português (Brasil)\n").is_empty());
        assert!(codes("El coeficiente α vale 0,5 y β vale 2.").is_empty());
        assert!(codes("大模型").is_empty());
        assert_eq!(
            codes("El artículo termina así.\n本文由机器翻译生成，可能包含错误。\n"),
            vec!["本文由机器翻译生成，可能包含错误"]
        );
    }
}
