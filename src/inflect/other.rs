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
        "it" => {
            if let Some(s) = w.strip_suffix('o') {
                format!("{s}i")
            } else if let Some(s) = w.strip_suffix("ca") {
                format!("{s}che")
            } else if let Some(s) = w.strip_suffix('a') {
                format!("{s}e")
            } else if let Some(s) = w.strip_suffix('e') {
                format!("{s}i")
            } else {
                w.to_string()
            }
        }
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

fn adjective_forms(lang: &str, w: &str) -> Vec<(String, bool, bool)> {
    let mut v = vec![(w.to_string(), false, false)];
    match lang {
        "fr" => {
            let fem = if w.ends_with('e') {
                w.to_string()
            } else {
                format!("{w}e")
            };
            v.push((plural("fr", w), true, false));
            v.push((fem.clone(), false, true));
            v.push((format!("{fem}s"), true, true));
        }
        "it" | "pt" => {
            if let Some(s) = w.strip_suffix('o') {
                let (mp, fp) = if lang == "it" {
                    (format!("{s}i"), format!("{s}e"))
                } else {
                    (format!("{s}os"), format!("{s}as"))
                };
                v.push((mp, true, false));
                v.push((format!("{s}a"), false, true));
                v.push((fp, true, true));
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
        assert_eq!(plural("pt", "cenário"), "cenários");
        assert_eq!(plural("pt", "aterrissagem"), "aterrissagens");
    }
}
