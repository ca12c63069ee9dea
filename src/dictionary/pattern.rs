//! The pattern language of dictionary entries (see docs/dictionary-format.md): parsing, and
//! expansion of a pattern into the word sequences it matches.

use crate::inflect::{self, Features};
use crate::text::fold::{fold, strip_accents};
use crate::text::scan::Join;

/// Verb stem change written as `:v(ue)`, `:v(ie)`, `:v(i)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StemChange {
    #[default]
    None,
    Ue,
    Ie,
    I,
}

/// How a pattern word inflects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    Literal,
    Noun { plural: Option<String> },
    Adjective,
    Verb { change: StemChange },
}

/// One position of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Alternatives: word as written and its marker. Empty for `*`.
    pub alternatives: Vec<(String, Marker)>,
    pub any: bool,
    pub optional: bool,
    /// How it joins the previous slot.
    pub join: Join,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pub slots: Vec<Slot>,
    /// Slot range of the focus (the reported words).
    pub focus: (usize, usize),
}

/// One concrete word sequence a pattern matches.
#[derive(Debug, Clone, PartialEq)]
pub struct Sequence {
    /// Folded words, `None` for a wildcard, with the join before each word.
    pub words: Vec<(Option<String>, Join)>,
    /// The words with case kept (accents stripped), for case-sensitive entries.
    pub cased: Vec<Option<String>>,
    /// The words as generated (lowercase, accents kept), to prefer the exact form when two
    /// forms fold alike (aterrizo / aterrizó).
    pub surface: Vec<Option<String>>,
    /// Word range of the focus.
    pub focus: (usize, usize),
    pub features: Features,
}

/// The most sequences one pattern may expand to.
pub const MAX_SEQUENCES: usize = 20_000;

fn parse_marker(word: &str) -> Result<(String, Marker), String> {
    let Some((w, m)) = word.split_once(':') else {
        return Ok((word.to_string(), Marker::Literal));
    };
    let (kind, arg) = match m.split_once('(') {
        Some((k, rest)) => {
            let arg = rest
                .strip_suffix(')')
                .ok_or_else(|| format!("unclosed '(' in {word:?}"))?;
            (k, Some(arg))
        }
        None => (m, None),
    };
    let marker = match (kind, arg) {
        ("n", plural) => Marker::Noun {
            plural: plural.map(str::to_string),
        },
        ("a", None) => Marker::Adjective,
        ("v", None) => Marker::Verb {
            change: StemChange::None,
        },
        ("v", Some("ue")) => Marker::Verb {
            change: StemChange::Ue,
        },
        ("v", Some("ie")) => Marker::Verb {
            change: StemChange::Ie,
        },
        ("v", Some("i")) => Marker::Verb {
            change: StemChange::I,
        },
        _ => {
            return Err(format!(
                "unknown marker ':{m}' in {word:?} (use :n, :n(plural), :a, :v, :v(ue|ie|i))"
            ))
        }
    };
    Ok((w.to_string(), marker))
}

fn check_word(w: &str, token: &str) -> Result<(), String> {
    if w.is_empty() {
        return Err(format!("empty word in {token:?}"));
    }
    if let Some(c) = w.chars().find(|c| !c.is_alphanumeric()) {
        return Err(format!(
            "{c:?} in {token:?}: pattern words are letters and digits only"
        ));
    }
    Ok(())
}

/// Parses a pattern such as `mercado:n [doméstico:a]` or `jugar:v(ue) un rol|papel`.
pub fn parse(src: &str) -> Result<Pattern, String> {
    let mut slots = Vec::new();
    let mut focus_start = None;
    let mut focus_end = None;
    for raw in src.split_whitespace() {
        let mut tok = raw;
        if let Some(t) = tok.strip_prefix('[') {
            if focus_start.is_some() {
                return Err("more than one '[' focus".into());
            }
            focus_start = Some(slots.len());
            tok = t;
        }
        let mut closes = false;
        if let Some(t) = tok.strip_suffix(']') {
            closes = true;
            tok = t;
        }
        let mut optional = false;
        if let Some(t) = tok.strip_suffix('?') {
            optional = true;
            tok = t;
        }
        if tok == "*" {
            slots.push(Slot {
                alternatives: Vec::new(),
                any: true,
                optional,
                join: Join::Space,
            });
        } else {
            // Hyphens and apostrophes inside a token join sub-words (C-end, l'entreprise).
            let mut parts: Vec<(&str, Join)> = Vec::new();
            let mut rest = tok;
            let mut join = Join::Space;
            loop {
                let cut = rest
                    .char_indices()
                    .find(|&(_, c)| c == '-' || c == '\'' || c == '’');
                match cut {
                    Some((i, c)) => {
                        parts.push((&rest[..i], join));
                        join = if c == '-' {
                            Join::Hyphen
                        } else {
                            Join::Apostrophe
                        };
                        rest = &rest[i + c.len_utf8()..];
                    }
                    None => {
                        parts.push((rest, join));
                        break;
                    }
                }
            }
            if optional && parts.len() > 1 {
                return Err(format!("'?' on a compound token {raw:?}"));
            }
            for (part, join) in parts {
                let mut alternatives = Vec::new();
                for alt in part.split('|') {
                    let (w, m) = parse_marker(alt)?;
                    check_word(&w, raw)?;
                    alternatives.push((w, m));
                }
                slots.push(Slot {
                    alternatives,
                    any: false,
                    optional,
                    join,
                });
            }
        }
        if closes {
            if focus_start.is_none() || focus_end.is_some() {
                return Err("']' without a matching '['".into());
            }
            focus_end = Some(slots.len());
        }
    }
    if slots.is_empty() {
        return Err("empty pattern".into());
    }
    let focus = match (focus_start, focus_end) {
        (None, None) => (0, slots.len()),
        (Some(s), Some(e)) if e > s => (s, e),
        _ => return Err("unbalanced or empty '[ ]' focus".into()),
    };
    if slots[focus.0..focus.1].iter().all(|s| s.optional) {
        return Err("the focus must contain a word that is not optional".into());
    }
    if slots.iter().all(|s| s.any || s.optional) {
        return Err("a pattern needs at least one fixed word".into());
    }
    if slots.first().is_some_and(|s| s.any) || slots.last().is_some_and(|s| s.any) {
        return Err("'*' cannot start or end a pattern".into());
    }
    Ok(Pattern { slots, focus })
}

fn head_rank(m: &Marker) -> u8 {
    match m {
        Marker::Verb { .. } => 3,
        Marker::Noun { .. } => 2,
        Marker::Adjective => 1,
        Marker::Literal => 0,
    }
}

/// Expands a pattern into every word sequence it matches in `lang`.
pub fn expand(p: &Pattern, lang: &str) -> Result<Vec<Sequence>, String> {
    // Partial sequences: words, cased, focus bounds, head rank and features.
    #[derive(Clone)]
    struct Partial {
        words: Vec<(Option<String>, Join)>,
        cased: Vec<Option<String>>,
        surface: Vec<Option<String>>,
        focus_start: Option<usize>,
        focus_end: Option<usize>,
        head: (u8, Features),
    }
    let mut acc = vec![Partial {
        words: Vec::new(),
        cased: Vec::new(),
        surface: Vec::new(),
        focus_start: None,
        focus_end: None,
        head: (0, Features::default()),
    }];
    for (i, slot) in p.slots.iter().enumerate() {
        let in_focus = i >= p.focus.0 && i < p.focus.1;
        let mut next = Vec::new();
        for part in &acc {
            if slot.optional {
                let mut skip = part.clone();
                if i + 1 == p.focus.1 && skip.focus_start.is_some() {
                    skip.focus_end = Some(skip.words.len());
                }
                next.push(skip);
            }
            let mut push = |word: Option<String>,
                            cased: Option<String>,
                            surface: Option<String>,
                            rank: u8,
                            f: Features| {
                let mut q = part.clone();
                let join = if q.words.is_empty() {
                    Join::Space
                } else {
                    slot.join
                };
                if i == p.focus.0 || (in_focus && q.focus_start.is_none()) {
                    q.focus_start = Some(q.words.len());
                }
                q.words.push((word, join));
                q.cased.push(cased);
                q.surface.push(surface);
                if i + 1 == p.focus.1 {
                    q.focus_end = Some(q.words.len());
                }
                if in_focus && rank > q.head.0 {
                    q.head = (rank, f);
                }
                next.push(q);
            };
            if slot.any {
                push(None, None, None, 0, Features::default());
            } else {
                for (w, m) in &slot.alternatives {
                    for form in inflect::forms(lang, w, m) {
                        push(
                            Some(fold(&form.text)),
                            Some(strip_accents(&form.text)),
                            Some(form.text.to_lowercase()),
                            head_rank(m),
                            form.features,
                        );
                    }
                }
            }
        }
        if next.len() > MAX_SEQUENCES {
            return Err(format!(
                "expands to more than {MAX_SEQUENCES} word sequences; split it"
            ));
        }
        acc = next;
    }
    let mut out: Vec<Sequence> = Vec::with_capacity(acc.len());
    for part in acc {
        let (Some(fs), Some(fe)) = (part.focus_start, part.focus_end) else {
            continue;
        };
        if fe <= fs || part.words.is_empty() {
            continue;
        }
        let seq = Sequence {
            words: part.words,
            cased: part.cased,
            surface: part.surface,
            focus: (fs, fe),
            features: part.head.1,
        };
        if !out.contains(&seq) {
            out.push(seq);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &Sequence) -> String {
        s.words
            .iter()
            .map(|(w, _)| w.clone().unwrap_or_else(|| "*".into()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn nouns_inflect_in_phrases() {
        let p = parse("modelo:n a gran escala").unwrap();
        let seqs = expand(&p, "es").unwrap();
        let all: Vec<String> = seqs.iter().map(words).collect();
        assert_eq!(all, ["modelo a gran escala", "modelos a gran escala"]);
        assert!(seqs[1].features.plural);
    }

    #[test]
    fn focus_alternatives_and_optional_words() {
        let p = parse("mercado:n|empresa:n [doméstico:a]").unwrap();
        assert_eq!(p.focus, (1, 2));
        let seqs = expand(&p, "es").unwrap();
        assert_eq!(seqs.len(), 16);
        assert!(seqs.iter().all(|s| s.focus == (1, 2)));
        let fem_pl = seqs
            .iter()
            .find(|s| words(s) == "empresas domesticas")
            .unwrap();
        assert!(fem_pl.features.plural && fem_pl.features.feminine);

        let p = parse("[jugar:v(ue)] un? rol|papel").unwrap();
        let seqs = expand(&p, "es").unwrap();
        assert!(seqs.iter().any(|s| words(s) == "juega un papel"));
        assert!(seqs.iter().any(|s| words(s) == "juega rol"));
        assert!(seqs.iter().all(|s| s.focus == (0, 1)));
    }

    #[test]
    fn hyphens_and_wildcards() {
        let p = parse("mercado:n C-end").unwrap();
        assert_eq!(p.slots.len(), 3);
        assert_eq!(p.slots[2].join, Join::Hyphen);
        let p = parse("jugar:v(ue) un * rol").unwrap();
        assert!(p.slots[2].any);
    }

    #[test]
    fn rejects_bad_patterns() {
        assert!(parse("").is_err());
        assert!(parse("pista:x").is_err());
        assert!(parse("[pista").is_err());
        assert!(parse("* pista").is_err());
        assert!(parse("pis.ta").is_err());
        assert!(parse("[el?] pista").is_err());
    }
}
