//! Case and accent folding for matching: `Á` → `a`, `Ü` → `u`; `ñ` and `ç` stay distinct.

/// Folds one character: lowercase, without acute, grave, circumflex or diaeresis.
/// Returns the character itself when there is nothing to fold.
#[inline]
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'á' | 'à' | 'â' | 'ä' | 'Á' | 'À' | 'Â' | 'Ä' | 'ã' | 'Ã' | 'å' | 'Å' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'õ' | 'Õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'Ñ' => 'ñ',
        'Ç' => 'ç',
        'ß' => 'ß',
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// Appends the folded form of `word` to `out`.
#[inline]
pub fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.extend(word.chars().map(fold_char));
    }
}

/// The folded form of `word`.
pub fn fold(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    fold_into(word, &mut s);
    s
}

/// Removes accents but keeps case (for case-sensitive patterns such as `AI`).
pub fn strip_accents(word: &str) -> String {
    word.chars()
        .map(|c| {
            let f = fold_char(c);
            if c.is_uppercase() {
                f.to_uppercase().next().unwrap_or(f)
            } else {
                f
            }
        })
        .collect()
}

/// How a word is written, so that a replacement can copy it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Casing {
    Lower,
    Capitalized,
    Upper,
}

/// The casing of `text`: all capitals (with at least two letters), a leading capital, or lower.
pub fn casing_of(text: &str) -> Casing {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Casing::Lower;
    };
    if !first.is_uppercase() {
        return Casing::Lower;
    }
    let rest: Vec<char> = letters.collect();
    if !rest.is_empty() && rest.iter().all(|c| c.is_uppercase()) {
        Casing::Upper
    } else {
        Casing::Capitalized
    }
}

/// Writes `text` in the given casing.
pub fn apply_casing(text: &str, casing: Casing) -> String {
    match casing {
        Casing::Lower => text.to_string(),
        Casing::Upper => text.to_uppercase(),
        Casing::Capitalized => {
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents_but_keeps_enye() {
        assert_eq!(fold("Aterrizó"), "aterrizo");
        assert_eq!(fold("PISTAS"), "pistas");
        assert_eq!(fold("Año"), "año");
        assert_eq!(fold("pingüino"), "pinguino");
        assert_eq!(fold("ÉXITO"), "exito");
    }

    #[test]
    fn casing_round_trip() {
        assert_eq!(casing_of("pista"), Casing::Lower);
        assert_eq!(casing_of("Pistas"), Casing::Capitalized);
        assert_eq!(casing_of("PISTAS"), Casing::Upper);
        assert_eq!(casing_of("A"), Casing::Capitalized);
        assert_eq!(apply_casing("sector", Casing::Capitalized), "Sector");
        assert_eq!(apply_casing("caso de uso", Casing::Upper), "CASO DE USO");
        assert_eq!(apply_casing("émbolo", Casing::Capitalized), "Émbolo");
    }

    #[test]
    fn strip_accents_keeps_case() {
        assert_eq!(strip_accents("Él AI"), "El AI");
    }
}
