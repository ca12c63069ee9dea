//! Closed-class word lists per language: abbreviations that end in a period, function words
//! (articles, prepositions, pronouns, conjunctions) and the most frequent stop words, used to
//! tell a stray capital from a proper name and to pre-screen untranslated segments. These are
//! grammar, not vocabulary: short, closed lists.

/// Abbreviations written with a final period, lowercase, without the period.
pub fn abbreviations(lang: &str) -> &'static [&'static str] {
    match lang {
        "es" => &[
            "sr", "sra", "srta", "dr", "dra", "ej", "p", "pág", "págs", "núm", "nº", "etc",
            "aprox", "art", "cap", "vol", "vols", "ed", "fig", "tel", "av", "avda", "admón",
            "atte", "cía", "depto", "dpto", "ud", "uds", "vd", "vds", "pza", "s", "ss", "vid",
            "cf", "op", "cit", "ibid", "id", "máx", "mín", "min", "seg", "hrs", "h", "km", "kg",
            "cm", "mm", "gr", "lic", "ing", "arq", "prof", "profa", "gral", "col", "esq", "pp",
            "ca", "vs", "mr", "no", "núms", "trad", "coord", "coords", "dir", "dirs", "ej", "ejs",
            "sig", "sigs", "izq", "dcha", "der", "a", "c", "d", "e", "i", "ii", "iii", "v", "x",
            "n", "o",
        ],
        "en" => &[
            "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "e", "g", "i", "ie", "eg", "cf",
            "fig", "no", "vol", "p", "pp", "approx", "inc", "ltd", "co", "jr", "sr", "ave", "al",
        ],
        "fr" => &[
            "m", "mm", "mme", "mlle", "dr", "etc", "p", "ex", "cf", "av", "bd", "fig", "vol", "n",
            "éd", "env", "min", "max",
        ],
        "pt" => &[
            "sr", "sra", "dr", "dra", "etc", "p", "ex", "pág", "av", "n", "nº", "fig", "vol",
            "aprox", "cf", "prof", "profa",
        ],
        "it" => &[
            "sig", "sigg", "dott", "prof", "ecc", "p", "es", "pag", "fig", "vol", "n", "ca", "cfr",
            "ing", "avv",
        ],
        "de" => &[
            "z", "b", "bzw", "usw", "etc", "ca", "dr", "nr", "s", "vgl", "ggf", "evtl", "inkl",
            "d", "h", "u", "a", "abs", "str", "bspw", "max", "min",
        ],
        _ => &["etc"],
    }
}

/// Function words that never start a proper name when capitalized mid-sentence and followed
/// by a lowercase word (articles, prepositions, pronouns, conjunctions).
pub fn function_words(lang: &str) -> &'static [&'static str] {
    match lang {
        "es" => &[
            "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "del", "al", "de", "en",
            "con", "por", "para", "que", "se", "su", "sus", "este", "esta", "estos", "estas",
            "ese", "esa", "esos", "esas", "como", "pero", "sin", "sobre", "entre", "hasta",
            "desde", "hacia", "según", "mi", "mis", "tu", "tus", "nos", "les", "le", "muy", "más",
            "también", "cuando", "donde", "porque", "aunque", "si", "ni",
        ],
        "pt" => &[
            "os", "as", "um", "uma", "uns", "umas", "do", "da", "dos", "das", "no", "na", "nos",
            "nas", "de", "em", "com", "por", "para", "que", "se", "seu", "sua", "este", "esta",
            "como", "mas", "sem", "sobre", "entre", "até", "desde", "muito", "mais", "também",
        ],
        "fr" => &[
            "le", "la", "les", "un", "une", "des", "du", "au", "aux", "de", "en", "avec", "par",
            "pour", "que", "qui", "se", "sa", "son", "ses", "ce", "cette", "ces", "comme", "mais",
            "sans", "sur", "entre", "dans", "très", "plus", "aussi", "quand", "où",
        ],
        "it" => &[
            "il", "lo", "la", "gli", "le", "un", "una", "uno", "del", "della", "dei", "delle",
            "al", "alla", "di", "in", "con", "per", "che", "si", "suo", "sua", "questo", "questa",
            "come", "ma", "senza", "su", "tra", "fra", "molto", "più", "anche", "quando", "dove",
        ],
        "en" => &[
            "the", "of", "and", "with", "for", "from", "into", "that", "which", "this", "these",
            "those", "its", "their", "our", "but", "very", "also", "when", "where", "because",
        ],
        // German capitalizes every noun; articles mid-sentence are still lowercase.
        "de" => &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
            "und", "mit", "für", "von", "auf", "aus", "bei", "nach", "über", "unter", "sehr",
            "auch", "wenn", "weil", "aber",
        ],
        _ => &[],
    }
}

/// Very frequent words that identify a language in a line of running text.
pub fn stop_words(lang: &str) -> &'static [&'static str] {
    match lang {
        "es" => &[
            "el", "la", "los", "las", "de", "del", "que", "y", "en", "un", "una", "por", "con",
            "para", "es", "se", "no", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya",
            "o", "este", "sí", "porque", "esta", "entre", "cuando", "muy", "sin", "sobre",
            "también", "hay", "son", "ser", "está", "puede", "todos",
        ],
        "en" => &[
            "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was", "with", "be",
            "by", "on", "not", "this", "are", "or", "which", "from", "have", "has", "an", "they",
            "you", "may", "should", "will", "can", "its", "their", "would", "been", "there",
        ],
        "pt" => &[
            "o", "os", "da", "do", "das", "dos", "que", "e", "em", "um", "uma", "não", "com",
            "para", "é", "se", "na", "no", "por", "mais", "como", "mas", "ao", "ele", "isso",
            "também", "são", "pelo", "pela", "está", "muito", "já", "você",
        ],
        "fr" => &[
            "le", "la", "les", "de", "des", "du", "et", "est", "un", "une", "que", "qui", "dans",
            "pour", "pas", "sur", "au", "aux", "avec", "ce", "il", "elle", "ne", "se", "plus",
            "par", "sont", "nous", "vous", "mais", "ont", "cette",
        ],
        "it" => &[
            "il", "lo", "la", "gli", "le", "di", "che", "e", "è", "un", "una", "per", "non", "con",
            "del", "della", "sono", "si", "da", "nel", "nella", "alla", "anche", "più", "come",
            "questo", "ma", "dei", "delle",
        ],
        "de" => &[
            "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "von",
            "sie", "es", "sich", "des", "auf", "für", "im", "dem", "auch", "wird", "werden", "wir",
            "ich", "oder", "bei", "nach", "aus", "kann",
        ],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lowercase_and_unique() {
        for lang in super::super::KNOWN {
            for list in [abbreviations(lang), function_words(lang), stop_words(lang)] {
                for w in list {
                    assert_eq!(*w, w.to_lowercase(), "{lang}: {w}");
                }
            }
            let mut sw: Vec<_> = stop_words(lang).to_vec();
            sw.sort();
            let n = sw.len();
            sw.dedup();
            assert_eq!(n, sw.len(), "{lang}: duplicate stop words");
        }
    }
}
