//! The pattern language of dictionary entries (see docs/dictionary-format.md): parsing, and
//! expansion of a pattern into the word sequences it matches.

use crate::inflect::{self, Features};
use crate::text::fold::{fold, fold_into, strip_accents};
use crate::text::scan::{Join, Vocab};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Verb stem change written as `:v(ue)`, `:v(ie)`, `:v(i)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum StemChange {
    #[default]
    None,
    Ue,
    Ie,
    I,
}

/// How a pattern word inflects.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

/// One generated form of a slot.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotForm {
    /// As generated (lowercase, accents kept, as written in the entry for case-sensitive ones).
    pub text: Box<str>,
    /// Vocabulary id of the folded form (lowercase, no accents): what the scanner looks up.
    pub id: u32,
    pub features: Features,
}

impl SlotForm {
    /// Folded (lowercase, no accents): what the scanner produces.
    pub fn folded(&self) -> String {
        fold(&self.text)
    }

    /// Case kept, accents stripped: for case-sensitive entries.
    pub fn cased(&self) -> String {
        strip_accents(&self.text)
    }
}

/// A slot with all its forms.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledSlot {
    /// Empty for `*`. Shared: variants of a pattern and patterns using the same words hold the
    /// same list.
    pub forms: Arc<[SlotForm]>,
    pub any: bool,
    pub join: Join,
    pub rank: u8,
}

/// A pattern with its optional words decided: a chain of slots, matched word by word.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub slots: Vec<CompiledSlot>,
    /// Slot range of the focus.
    pub focus: (usize, usize),
    /// The slot whose form gives the features of a match (verb, else noun, else adjective).
    pub head: Option<usize>,
}

/// The most optional words one pattern may have (each doubles the variants).
pub const MAX_OPTIONAL: usize = 6;

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

/// The forms of one slot and its head rank.
type SlotForms = (Arc<[SlotForm]>, u8);

/// Generated forms by slot alternatives, shared by every pattern compiled with the same cache:
/// glossaries repeat the same words (verbs above all, with hundreds of forms each). The folded
/// forms are interned in the cache's vocabulary as they are made.
#[derive(Default)]
pub struct FormCache {
    slots: FxHashMap<Vec<(String, Marker)>, SlotForms>,
    pub vocab: Vocab,
    buf: String,
}

impl FormCache {
    /// A cache that interns into `vocab`.
    pub fn with_vocab(vocab: Vocab) -> Self {
        FormCache {
            vocab,
            ..Default::default()
        }
    }

    /// The forms of a slot's alternatives and the slot's head rank.
    fn get(&mut self, alternatives: &[(String, Marker)], lang: &str) -> SlotForms {
        if let Some(hit) = self.slots.get(alternatives) {
            return hit.clone();
        }
        let mut forms: Vec<SlotForm> = Vec::new();
        let mut rank = 0;
        for (w, m) in alternatives {
            rank = rank.max(head_rank(m));
            for form in inflect::forms(lang, w, m) {
                self.buf.clear();
                fold_into(&form.text, &mut self.buf);
                let id = self.vocab.intern(&self.buf);
                forms.push(SlotForm {
                    text: form.text.into_boxed_str(),
                    id,
                    features: form.features,
                });
            }
        }
        // Duplicates out (the first of each kept, in order): sort positions by form, drop
        // each position equal to the one before.
        let mut order: Vec<usize> = (0..forms.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&forms[a], &forms[b]);
            (x.id, x.features, &x.text)
                .cmp(&(y.id, y.features, &y.text))
                .then(a.cmp(&b))
        });
        let mut keep = vec![true; forms.len()];
        for w in order.windows(2) {
            let (x, y) = (&forms[w[0]], &forms[w[1]]);
            if x.id == y.id && x.features == y.features && x.text == y.text {
                keep[w[1]] = false;
            }
        }
        let mut k = keep.iter();
        forms.retain(|_| k.next().copied().unwrap_or(true));
        let hit = (Arc::from(forms), rank);
        self.slots.insert(alternatives.to_vec(), hit.clone());
        hit
    }
}

/// Compiles a pattern into its variants (one per choice of optional words), each a chain of
/// slots with every inflected form. Alternatives and inflections are not multiplied out.
pub fn compile(p: &Pattern, lang: &str) -> Result<Vec<Variant>, String> {
    compile_with(p, lang, &mut FormCache::default())
}

/// [`compile`] with forms shared through `cache` (one cache per language).
pub fn compile_with(
    p: &Pattern,
    lang: &str,
    cache: &mut FormCache,
) -> Result<Vec<Variant>, String> {
    let optional: Vec<usize> = (0..p.slots.len())
        .filter(|&i| p.slots[i].optional)
        .collect();
    if optional.len() > MAX_OPTIONAL {
        return Err(format!("more than {MAX_OPTIONAL} optional words"));
    }
    let compiled: Vec<CompiledSlot> = p
        .slots
        .iter()
        .map(|slot| {
            let (forms, rank) = cache.get(&slot.alternatives, lang);
            CompiledSlot {
                forms,
                any: slot.any,
                join: slot.join,
                rank,
            }
        })
        .collect();
    let mut out = Vec::new();
    for mask in 0u32..(1 << optional.len()) {
        let keep = |i: usize| match optional.iter().position(|&o| o == i) {
            Some(k) => mask & (1 << k) != 0,
            None => true,
        };
        let mut slots = Vec::new();
        let mut focus = (usize::MAX, 0);
        for (i, slot) in compiled.iter().enumerate() {
            if !keep(i) {
                continue;
            }
            if i >= p.focus.0 && i < p.focus.1 {
                focus.0 = focus.0.min(slots.len());
                focus.1 = slots.len() + 1;
            }
            let mut slot = slot.clone();
            if slots.is_empty() {
                slot.join = Join::Space;
            }
            slots.push(slot);
        }
        if slots.is_empty() || focus.0 == usize::MAX || slots.first().is_some_and(|s| s.any) {
            continue;
        }
        let head = (focus.0..focus.1)
            .filter(|&i| slots[i].rank > 0)
            .max_by_key(|&i| (slots[i].rank, std::cmp::Reverse(i)));
        out.push(Variant { slots, focus, head });
    }
    Ok(out)
}

/// The focus words of a variant in their base form (the form written in the entry), folded.
pub fn base_focus(v: &Variant) -> String {
    v.slots[v.focus.0..v.focus.1]
        .iter()
        .map(|s| s.forms.first().map_or("*".to_string(), |f| f.folded()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(v: &Variant, i: usize) -> Vec<String> {
        v.slots[i].forms.iter().map(|f| f.folded()).collect()
    }

    #[test]
    fn nouns_inflect_in_phrases() {
        let p = parse("modelo:n a gran escala").unwrap();
        let vs = compile(&p, "es").unwrap();
        assert_eq!(vs.len(), 1);
        assert_eq!(folded(&vs[0], 0), ["modelo", "modelos"]);
        assert_eq!(folded(&vs[0], 3), ["escala"]);
        assert_eq!(vs[0].head, Some(0));
        assert!(vs[0].slots[0].forms[1].features.plural);
    }

    #[test]
    fn focus_alternatives_and_optional_words() {
        let p = parse("mercado:n|empresa:n [doméstico:a]").unwrap();
        assert_eq!(p.focus, (1, 2));
        let vs = compile(&p, "es").unwrap();
        assert_eq!(vs.len(), 1);
        assert_eq!(vs[0].focus, (1, 2));
        assert_eq!(
            folded(&vs[0], 0),
            ["mercado", "mercados", "empresa", "empresas"]
        );
        assert_eq!(vs[0].head, Some(1));
        let fp = &vs[0].slots[1].forms[3];
        assert_eq!(fp.folded(), "domesticas");
        assert!(fp.features.plural && fp.features.feminine);

        let p = parse("[jugar:v(ue)] un? rol|papel").unwrap();
        let vs = compile(&p, "es").unwrap();
        assert_eq!(vs.len(), 2);
        assert!(vs.iter().all(|v| v.focus == (0, 1)));
        assert!(folded(&vs[0], 0).contains(&"juega".to_string()));
        assert_eq!(base_focus(&vs[0]), "jugar");
    }

    #[test]
    fn hyphens_and_wildcards() {
        let p = parse("mercado:n C-end").unwrap();
        assert_eq!(p.slots.len(), 3);
        assert_eq!(p.slots[2].join, Join::Hyphen);
        let p = parse("jugar:v(ue) un * rol").unwrap();
        assert!(p.slots[2].any);
        // Alternatives bind to the sub-word: "KI-ermächtigt|ermächtigte" is KI-ermächtigt or
        // KI-ermächtigte.
        let p = parse("KI-ermächtigt|ermächtigte Branche").unwrap();
        assert_eq!(p.slots.len(), 3);
        assert_eq!(p.slots[1].alternatives.len(), 2);
        assert_eq!(p.slots[1].join, Join::Hyphen);
    }

    #[test]
    fn many_alternatives_do_not_multiply() {
        let verbs = ["aplicar:v", "usar:v", "probar:v(ue)", "extender:v(ie)"].join("|");
        let dets = ["el", "este", "ese", "su", "un", "nuestro"].join("|");
        let p = parse(&format!("{verbs} {dets} [modelo:n] a gran escala")).unwrap();
        let vs = compile(&p, "es").unwrap();
        assert_eq!(vs.len(), 1);
        assert!(vs[0].slots[0].forms.len() > 200);
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
