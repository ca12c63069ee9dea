//! Spanish agreement around a replaced noun: when the fix has another gender than the wrong
//! noun, the determiner before it changes too ("la pista" → "el sector", "de la pista" → "del
//! sector", "esta pista" → "este sector", "a la escena" → "al caso de uso"). Determiners are a
//! closed class: the pairs below are grammar, not vocabulary.

use crate::text::fold::{apply_casing, casing_of};

/// (masculine, feminine) forms of the gendered determiners, singular and plural.
const PAIRS: [(&str, &str); 24] = [
    ("el", "la"),
    ("los", "las"),
    ("un", "una"),
    ("unos", "unas"),
    ("este", "esta"),
    ("estos", "estas"),
    ("ese", "esa"),
    ("esos", "esas"),
    ("aquel", "aquella"),
    ("aquellos", "aquellas"),
    ("otro", "otra"),
    ("otros", "otras"),
    ("mucho", "mucha"),
    ("muchos", "muchas"),
    ("todo", "toda"),
    ("todos", "todas"),
    ("algún", "alguna"),
    ("algunos", "algunas"),
    ("ningún", "ninguna"),
    ("nuestro", "nuestra"),
    ("nuestros", "nuestras"),
    ("vuestro", "vuestra"),
    ("dicho", "dicha"),
    ("dichos", "dichas"),
];

/// The word that ends right before `pos` (one space between), with its start.
fn word_before(text: &str, from: usize, pos: usize) -> Option<(usize, &str)> {
    let mut before = text.get(from..pos)?;
    // An opening quote between the word and the noun: las "escenas".
    for q in ['"', '“', '«', '\''] {
        if let Some(b) = before.strip_suffix(q) {
            before = b;
            break;
        }
    }
    let rest = before.strip_suffix(' ')?;
    let start = rest
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let w = &rest[start..];
    (!w.is_empty()).then_some((from + start, w))
}

/// The replacement of the determiner phrase before a noun at `noun_start` (within
/// `text[from..]`) for a noun of the other gender: `(start, new text)` where `new text`
/// replaces `text[start..noun_start]`. `None` when there is no gendered determiner.
pub fn retarget_determiner(
    text: &str,
    from: usize,
    noun_start: usize,
    to_feminine: bool,
) -> Option<(usize, String)> {
    let (ds, det) = word_before(text, from, noun_start)?;
    let casing = casing_of(det);
    let lower = det.to_lowercase();
    // Contractions: del / al ↔ de la / a la.
    match (lower.as_str(), to_feminine) {
        ("del", true) => return Some((ds, apply_casing("de la ", casing))),
        ("al", true) => return Some((ds, apply_casing("a la ", casing))),
        ("la", false) => {
            if let Some((ps, prep)) = word_before(text, from, ds) {
                match prep.to_lowercase().as_str() {
                    "de" => return Some((ps, apply_casing("del ", casing_of(prep)))),
                    "a" => return Some((ps, apply_casing("al ", casing_of(prep)))),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    if let Some(new) = swap(&lower, to_feminine) {
        let gap = &text[ds + det.len()..noun_start];
        return Some((ds, format!("{}{gap}", apply_casing(new, casing))));
    }
    // One adjective between determiner and noun: "los principales jugadores".
    let (ds2, det2) = word_before(text, from, ds)?;
    let new = swap(&det2.to_lowercase(), to_feminine)?;
    let gendered = ["o", "a", "os", "as"].iter().any(|e| det.ends_with(e));
    let adj = if gendered {
        regender_adjective(det, to_feminine)?
    } else {
        det.to_string()
    };
    let gap = &text[ds + det.len()..noun_start];
    Some((
        ds2,
        format!("{} {adj}{gap}", apply_casing(new, casing_of(det2))),
    ))
}

fn swap(lower: &str, to_feminine: bool) -> Option<&'static str> {
    PAIRS.iter().find_map(|&(m, f)| match to_feminine {
        true if lower == m => Some(f),
        false if lower == f => Some(m),
        _ => None,
    })
}

/// The word right after `pos` (one space between) when it looks like an adjective agreeing
/// with a noun of the old gender (ends in -o/-os for masculine, -a/-as for feminine):
/// `(start, end, word)`.
pub fn agreeing_word_after(
    text: &str,
    pos: usize,
    end: usize,
    old_feminine: bool,
) -> Option<(usize, usize, &str)> {
    let mut rest = text.get(pos..end)?.strip_prefix(' ')?;
    let mut pos = pos;
    // An intensifier between noun and adjective: "más pequeños", "muy nuevas".
    for adv in ["más ", "muy ", "menos ", "tan "] {
        if let Some(r) = rest.strip_prefix(adv) {
            rest = r;
            pos += adv.len();
            break;
        }
    }
    let len: usize = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .map(char::len_utf8)
        .sum();
    let w = &rest[..len];
    let lower = w.to_lowercase();
    if lower.chars().count() < 3
        || matches!(
            lower.as_str(),
            "para"
                | "sobre"
                | "contra"
                | "como"
                | "pero"
                | "donde"
                | "cuando"
                | "todo"
                | "nada"
                | "otra"
                | "otro"
                | "hasta"
                | "entre"
                | "desde"
                | "hacia"
                | "tras"
                | "según"
                | "durante"
                | "mediante"
                | "ahora"
                | "luego"
                | "pronto"
                | "tanto"
                | "cuanto"
        )
    {
        return None;
    }
    let agrees = if old_feminine {
        lower.ends_with('a') || lower.ends_with("as")
    } else {
        lower.ends_with('o') || lower.ends_with("os")
    };
    agrees.then_some((pos + 1, pos + 1 + len, w))
}

/// Whether a gendered determiner stands before the noun at `noun_start`, with anything but a
/// single space between (markup, several spaces): then the noun cannot be swapped alone.
pub fn determiner_nearby(text: &str, from: usize, noun_start: usize) -> bool {
    let Some(before) = text.get(from..noun_start) else {
        return false;
    };
    let rest = before.trim_end_matches(|c: char| !c.is_alphanumeric());
    let w: String = rest
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let w = w.to_lowercase();
    matches!(w.as_str(), "del" | "al") || PAIRS.iter().any(|&(m, f)| w == m || w == f)
}

/// The other-gender form of an adjective ending in -o/-a/-os/-as (nuevas → nuevos).
pub fn regender_adjective(w: &str, to_feminine: bool) -> Option<String> {
    let (stem, plural) = if let Some(s) = w.strip_suffix("os").or_else(|| w.strip_suffix("as")) {
        (s, true)
    } else if let Some(s) = w.strip_suffix('o').or_else(|| w.strip_suffix('a')) {
        (s, false)
    } else {
        return None;
    };
    let ending = match (to_feminine, plural) {
        (true, true) => "as",
        (true, false) => "a",
        (false, true) => "os",
        (false, false) => "o",
    };
    Some(format!("{stem}{ending}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str, noun: &str, fem: bool) -> Option<String> {
        let n = text.find(noun).unwrap();
        retarget_determiner(text, 0, n, fem).map(|(s, new)| format!("{}{}", &text[..s], new))
    }

    #[test]
    fn determiners_follow_the_new_gender() {
        assert_eq!(fix("la pista", "pista", false).as_deref(), Some("el "));
        assert_eq!(fix("La pista", "pista", false).as_deref(), Some("El "));
        assert_eq!(fix("de la pista", "pista", false).as_deref(), Some("del "));
        assert_eq!(fix("a la escena", "escena", false).as_deref(), Some("al "));
        assert_eq!(fix("esta pista", "pista", false).as_deref(), Some("este "));
        assert_eq!(
            fix("unas pistas", "pistas", false).as_deref(),
            Some("unos ")
        );
        assert_eq!(
            fix("del jugador", "jugador", true).as_deref(),
            Some("de la ")
        );
        assert_eq!(
            fix("los jugadores", "jugadores", true).as_deref(),
            Some("las ")
        );
        assert_eq!(fix("con pistas", "pistas", false), None);
        assert_eq!(
            fix("las \"escenas\"", "escenas", false).as_deref(),
            Some("los \"")
        );
        assert_eq!(
            fix("los principales jugadores", "jugadores", true).as_deref(),
            Some("las principales ")
        );
        assert_eq!(
            fix("los nuevos jugadores", "jugadores", true).as_deref(),
            Some("las nuevas ")
        );
    }

    #[test]
    fn finds_a_determiner_behind_markup() {
        let t = "La **pista**";
        assert!(determiner_nearby(t, 0, t.find("pista").unwrap()));
        let t = "con **pista**";
        assert!(!determiner_nearby(t, 0, t.find("pista").unwrap()));
    }

    #[test]
    fn adjectives_after_block_the_swap() {
        let t = "las pistas nuevas crecen";
        let e = t.find("pistas").unwrap() + "pistas".len();
        let (s, x, w) = agreeing_word_after(t, e, t.len(), true).unwrap();
        assert_eq!((w, &t[s..x]), ("nuevas", "nuevas"));
        assert_eq!(regender_adjective(w, false).as_deref(), Some("nuevos"));
        assert_eq!(regender_adjective("chino", true).as_deref(), Some("china"));
        let t = "los jugadores más pequeños";
        let e = t.find("jugadores").unwrap() + "jugadores".len();
        let (_, _, w) = agreeing_word_after(t, e, t.len(), false).unwrap();
        assert_eq!(w, "pequeños");
        let t = "la pista del modelo";
        let e = t.find("pista").unwrap() + "pista".len();
        assert!(agreeing_word_after(t, e, t.len(), true).is_none());
    }
}
