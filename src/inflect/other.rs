//! Inflection for the languages other than Spanish: regular plurals and gender forms. Verbs are
//! matched as written (list their forms as alternatives in the pattern).

use super::{Features, Form};
use crate::dictionary::pattern::Marker;

/// Regular plural of a noun in `lang`.
pub fn plural(lang: &str, w: &str) -> String {
    match lang {
        "en" => {
            if w.ends_with('s') || w.ends_with('x') || w.ends_with("sh") || w.ends_with("ch") {
                format!("{w}es")
            } else if w.ends_with('y')
                && !w.ends_with("ay")
                && !w.ends_with("ey")
                && !w.ends_with("oy")
            {
                format!("{}ies", &w[..w.len() - 1])
            } else {
                format!("{w}s")
            }
        }
        "fr" => {
            if w.ends_with('s') || w.ends_with('x') || w.ends_with('z') {
                w.to_string()
            } else if w.ends_with("eau") || w.ends_with("eu") {
                format!("{w}x")
            } else if let Some(s) = w.strip_suffix("al") {
                format!("{s}aux")
            } else {
                format!("{w}s")
            }
        }
        "it" => it_plural(w, true),
        "pt" => {
            if let Some(s) = w.strip_suffix("ão") {
                format!("{s}ões")
            } else if let Some(s) = w.strip_suffix('m') {
                format!("{s}ns")
            } else if let Some(s) = w.strip_suffix("al") {
                format!("{s}ais")
            } else if w.ends_with('r') || w.ends_with('z') || w.ends_with('s') {
                format!("{w}es")
            } else {
                format!("{w}s")
            }
        }
        "de" => {
            if w.ends_with('e') {
                format!("{w}n")
            } else if w.ends_with("er") || w.ends_with("el") || w.ends_with("en") {
                w.to_string()
            } else {
                format!("{w}e")
            }
        }
        _ => format!("{w}s"),
    }
}

/// French feminine of an adjective: -if → -ive, -eux → -euse, -er → -ère, -el/-en/-on/-et
/// double their consonant, -eau → -elle.
fn fr_feminine(w: &str) -> String {
    const IRREGULAR: [(&str, &str); 6] = [
        ("nouveau", "nouvelle"),
        ("beau", "belle"),
        ("vieux", "vieille"),
        ("blanc", "blanche"),
        ("long", "longue"),
        ("public", "publique"),
    ];
    if let Some((_, f)) = IRREGULAR.iter().find(|(m, _)| *m == w) {
        return f.to_string();
    }
    if w.ends_with('e') {
        return w.to_string();
    }
    if let Some(s) = w.strip_suffix("if") {
        return format!("{s}ive");
    }
    if let Some(s) = w.strip_suffix("eux") {
        return format!("{s}euse");
    }
    if let Some(s) = w.strip_suffix("er") {
        return format!("{s}ère");
    }
    for end in ["el", "en", "on", "et"] {
        if w.ends_with(end) {
            let last = &end[1..];
            return format!("{w}{last}e");
        }
    }
    format!("{w}e")
}

/// Italian plural; `feminine` for feminine forms (nouns in -a are taken as feminine: pista →
/// piste; the masculine plural of -ista adjectives is -isti).
fn it_plural(w: &str, feminine: bool) -> String {
    // Greek masculines in -ma (sistema, problema, tema, programma, schema, clima).
    const MA: [&str; 8] = [
        "sistema",
        "problema",
        "tema",
        "programma",
        "schema",
        "clima",
        "dilemma",
        "panorama",
    ];
    if MA.contains(&w) {
        return format!("{}i", &w[..w.len() - 1]);
    }
    if let (Some(s), false) = (w.strip_suffix("sta"), feminine) {
        // Adjectives and agent nouns in -ista/-asta: entusiasta → entusiasti (nouns pass
        // feminine = true).
        return format!("{s}sti");
    }
    if let Some(s) = w.strip_suffix("io") {
        // scenario → scenari, saggio → saggi (stressed -ìo, zio → zii, is rare).
        return format!("{s}i");
    }
    if let Some(s) = w.strip_suffix("ico") {
        // pratico → pratici, tecnico → tecnici (but antico → antichi: list it).
        return format!("{s}ici");
    }
    if let Some(s) = w.strip_suffix("co") {
        return format!("{s}chi");
    }
    if let Some(s) = w.strip_suffix("go") {
        return format!("{s}ghi");
    }
    if let Some(s) = w.strip_suffix('o') {
        return format!("{s}i");
    }
    if let Some(s) = w.strip_suffix("ca") {
        return format!("{s}che");
    }
    if let Some(s) = w.strip_suffix("ga") {
        return format!("{s}ghe");
    }
    if let Some(s) = w
        .strip_suffix("cia")
        .filter(|s| s.ends_with(|c: char| "aeiou".contains(c)))
    {
        return format!("{s}cie");
    }
    if let Some(s) = w.strip_suffix('a') {
        return format!("{s}e");
    }
    if let Some(s) = w.strip_suffix('e') {
        return format!("{s}i");
    }
    // Accented final vowel or consonant (città, caffè, sport): invariable.
    w.to_string()
}

fn adjective_forms(lang: &str, w: &str) -> Vec<(String, bool, bool)> {
    let mut v = vec![(w.to_string(), false, false)];
    match lang {
        "fr" => {
            let fem = fr_feminine(w);
            v.push((plural("fr", w), true, false));
            v.push((fem.clone(), false, true));
            v.push((format!("{fem}s"), true, true));
        }
        "it" => {
            if let Some(s) = w.strip_suffix('o') {
                let fem = format!("{s}a");
                v.push((it_plural(w, false), true, false));
                v.push((it_plural(&fem, true), true, true));
                v.push((fem, false, true));
            } else if w.ends_with("ista") || w.ends_with("asta") {
                v.push((it_plural(w, false), true, false));
                v.push((it_plural(w, true), true, true));
            } else {
                v.push((it_plural(w, true), true, false));
            }
        }
        "pt" => {
            if let Some(s) = w.strip_suffix('o') {
                v.push((format!("{s}os"), true, false));
                v.push((format!("{s}a"), false, true));
                v.push((format!("{s}as"), true, true));
            } else {
                v.push((plural(lang, w), true, false));
            }
        }
        "de" => {
            for e in ["e", "en", "er", "es", "em"] {
                v.push((format!("{w}{e}"), false, false));
            }
        }
        _ => {}
    }
    v
}

pub fn forms(lang: &str, word: &str, marker: &Marker) -> Vec<Form> {
    let f = |text: String, plural: bool, feminine: bool| Form {
        text,
        features: Features {
            plural,
            feminine,
            verb_slot: None,
        },
    };
    match marker {
        Marker::Literal | Marker::Verb { .. } => vec![f(word.to_string(), false, false)],
        Marker::Noun { plural: p } => {
            let pl = p.clone().unwrap_or_else(|| plural(lang, word));
            let mut v = vec![f(word.to_string(), false, false)];
            if pl != word {
                v.push(f(pl, true, false));
            }
            v
        }
        Marker::Adjective => adjective_forms(lang, word)
            .into_iter()
            .map(|(t, p, fe)| f(t, p, fe))
            .collect(),
    }
}

pub fn inflect_fix(
    lang: &str,
    fix: &str,
    plural_override: Option<&str>,
    f: Features,
) -> Option<String> {
    if f.verb_slot.is_some() {
        return None;
    }
    if f.plural {
        if let Some(p) = plural_override {
            return Some(p.to_string());
        }
        if !fix.contains(' ') {
            return Some(plural(lang, fix));
        }
        return None;
    }
    Some(fix.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural("en", "library"), "libraries");
        assert_eq!(plural("fr", "journal"), "journaux");
        assert_eq!(plural("it", "giocatore"), "giocatori");
        assert_eq!(plural("it", "scenario"), "scenari");
        assert_eq!(plural("it", "attacco"), "attacchi");
        assert_eq!(plural("it", "sistema"), "sistemi");
        assert_eq!(plural("it", "città"), "città");
        assert_eq!(plural("it", "pista"), "piste");
        let it: Vec<String> = adjective_forms("it", "entusiasta")
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(it, ["entusiasta", "entusiasti", "entusiaste"]);
        let it: Vec<String> = adjective_forms("it", "bianco")
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(it, ["bianco", "bianchi", "bianche", "bianca"]);
        let it: Vec<String> = adjective_forms("it", "domestico")
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert!(it.contains(&"domestiche".to_string()) && it.contains(&"domestici".to_string()));
        let fr: Vec<String> = adjective_forms("fr", "compréhensif")
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert!(fr.contains(&"compréhensives".to_string()), "{fr:?}");
        assert_eq!(fr_feminine("nouveau"), "nouvelle");
        assert_eq!(fr_feminine("naturel"), "naturelle");
        assert_eq!(plural("pt", "cenário"), "cenários");
        assert_eq!(plural("pt", "aterrissagem"), "aterrissagens");
    }
}
