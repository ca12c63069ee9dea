//! Spanish inflection, written once: noun plurals, adjective gender and number, and verb
//! conjugation (regular endings, spelling changes, stem changes, the common irregular verbs and
//! their compounds). Used both to expand dictionary patterns and to inflect fixes.

use super::{Features, Form};
use crate::dictionary::pattern::{Marker, StemChange};

/// Names of the verb slots, in the order [`conjugate`] returns them.
pub const VERB_SLOTS: [&str; 56] = [
    "inf", "ger", "part-ms", "part-fs", "part-mp", "part-fp", "pres-1s", "pres-2s", "pres-3s",
    "pres-1p", "pres-2p", "pres-3p", "pret-1s", "pret-2s", "pret-3s", "pret-1p", "pret-2p",
    "pret-3p", "impf-1s", "impf-2s", "impf-3s", "impf-1p", "impf-2p", "impf-3p", "fut-1s",
    "fut-2s", "fut-3s", "fut-1p", "fut-2p", "fut-3p", "cond-1s", "cond-2s", "cond-3s", "cond-1p",
    "cond-2p", "cond-3p", "subj-1s", "subj-2s", "subj-3s", "subj-1p", "subj-2p", "subj-3p",
    "ra-1s", "ra-2s", "ra-3s", "ra-1p", "ra-2p", "ra-3p", "se-1s", "se-2s", "se-3s", "se-1p",
    "se-2p", "se-3p", "imp-2s", "imp-2p",
];

const INF: usize = 0;
const GER: usize = 1;
const PART: usize = 2;
const PRES: usize = 6;
const PRET: usize = 12;
const IMPF: usize = 18;
const FUT: usize = 24;
const COND: usize = 30;
const SUBJ: usize = 36;
const RA: usize = 42;
const SE: usize = 48;
const IMP: usize = 54;

const PREPOSITIONS: [&str; 14] = [
    "de", "del", "a", "al", "en", "para", "por", "con", "sin", "y", "e", "o", "que", "sobre",
];

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'i' | 'o' | 'u' | 'á' | 'é' | 'í' | 'ó' | 'ú' | 'ü'
    )
}

fn accented(c: char) -> char {
    match c {
        'a' => 'á',
        'e' => 'é',
        'i' => 'í',
        'o' => 'ó',
        'u' => 'ú',
        _ => c,
    }
}

fn unaccented(c: char) -> char {
    match c {
        'á' => 'a',
        'é' => 'e',
        'í' => 'i',
        'ó' => 'o',
        'ú' => 'u',
        _ => c,
    }
}

fn has_accent(w: &str) -> bool {
    w.chars().any(|c| matches!(c, 'á' | 'é' | 'í' | 'ó' | 'ú'))
}

fn remove_accents(w: &str) -> String {
    w.chars().map(unaccented).collect()
}

/// Number of vowel groups (a rough syllable count).
fn syllables(w: &str) -> usize {
    let mut n = 0;
    let mut prev = false;
    for c in w.chars() {
        let v = is_vowel(c);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n
}

/// Puts an accent on the vowel of the second-to-last vowel group (examen → exámen-).
fn accent_penultimate_group(w: &str) -> String {
    let chars: Vec<char> = w.chars().collect();
    // Find the vowel groups.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_vowel(chars[i]) {
            let s = i;
            while i < chars.len() && is_vowel(chars[i]) {
                i += 1;
            }
            groups.push((s, i));
        } else {
            i += 1;
        }
    }
    if groups.len() < 2 {
        return w.to_string();
    }
    let (s, e) = groups[groups.len() - 2];
    // In a diphthong the strong vowel carries the accent.
    let mut target = s;
    for (k, &c) in chars.iter().enumerate().take(e).skip(s) {
        if matches!(c, 'a' | 'e' | 'o') {
            target = k;
        }
    }
    let mut out = chars.clone();
    out[target] = accented(out[target]);
    out.into_iter().collect()
}

/// Plural of a single Spanish noun or adjective.
pub fn noun_plural(sg: &str) -> String {
    let lower_last = sg
        .chars()
        .last()
        .map(|c| c.to_lowercase().next().unwrap_or(c));
    let Some(last) = lower_last else {
        return String::new();
    };
    if sg == "gran" {
        return "grandes".into();
    }
    if !sg.chars().any(|c| c.is_lowercase()) && sg.chars().count() > 1 {
        // Acronyms and symbols do not inflect.
        return sg.to_string();
    }
    match last {
        'a' | 'e' | 'o' | 'u' | 'i' | 'á' | 'é' | 'ó' => format!("{sg}s"),
        'í' | 'ú' => format!("{sg}es"),
        'z' => format!("{}ces", &sg[..sg.len() - 1]),
        's' | 'x' => {
            if syllables(sg) == 1 {
                format!("{sg}es")
            } else if has_accent_on_last_syllable(sg) {
                format!("{}es", remove_accents(sg))
            } else {
                sg.to_string()
            }
        }
        'n' => {
            if has_accent_on_last_syllable(sg) {
                format!("{}es", remove_accents(sg))
            } else if !has_accent(sg) && syllables(sg) >= 2 {
                format!("{}es", accent_penultimate_group(sg))
            } else {
                format!("{sg}es")
            }
        }
        _ => format!("{sg}es"),
    }
}

fn has_accent_on_last_syllable(w: &str) -> bool {
    let chars: Vec<char> = w.chars().collect();
    // The last vowel group and what follows it.
    let mut i = chars.len();
    while i > 0 && !is_vowel(chars[i - 1]) {
        i -= 1;
    }
    while i > 0 && is_vowel(chars[i - 1]) {
        if matches!(chars[i - 1], 'á' | 'é' | 'í' | 'ó' | 'ú') {
            return true;
        }
        i -= 1;
    }
    false
}

const INVARIANT_OR: [&str; 11] = [
    "superior",
    "inferior",
    "mayor",
    "menor",
    "mejor",
    "peor",
    "exterior",
    "interior",
    "anterior",
    "posterior",
    "ulterior",
];

/// The four forms of an adjective: masculine and feminine, singular and plural.
pub fn adjective_forms(ms: &str) -> [String; 4] {
    let lower = ms.to_lowercase();
    if let Some(stem) = lower.strip_suffix('o') {
        let _ = stem;
        let stem = &ms[..ms.len() - 1];
        return [
            ms.to_string(),
            format!("{stem}a"),
            format!("{stem}os"),
            format!("{stem}as"),
        ];
    }
    if lower.ends_with("or") && !INVARIANT_OR.contains(&lower.as_str()) {
        return [
            ms.to_string(),
            format!("{ms}a"),
            format!("{ms}es"),
            format!("{ms}as"),
        ];
    }
    for (suffix, plain) in [("ón", "on"), ("án", "an"), ("ín", "in"), ("és", "es")] {
        if let Some(stem) = ms.strip_suffix(suffix) {
            return [
                ms.to_string(),
                format!("{stem}{plain}a"),
                format!("{stem}{plain}es"),
                format!("{stem}{plain}as"),
            ];
        }
    }
    let pl = noun_plural(ms);
    [ms.to_string(), ms.to_string(), pl.clone(), pl]
}

/// Forms of a pattern word under its marker.
pub fn forms(word: &str, marker: &Marker) -> Vec<Form> {
    let f = |text: String, plural: bool, feminine: bool| Form {
        text,
        features: Features {
            plural,
            feminine,
            verb_slot: None,
        },
    };
    match marker {
        Marker::Literal => vec![f(word.to_string(), false, false)],
        Marker::Noun { plural } => {
            let pl = plural.clone().unwrap_or_else(|| noun_plural(word));
            let mut v = vec![f(word.to_string(), false, false)];
            if pl != word {
                v.push(f(pl, true, false));
            }
            v
        }
        Marker::Adjective => {
            let [ms, fs, mp, fp] = adjective_forms(word);
            vec![
                f(ms, false, false),
                f(fs, false, true),
                f(mp, true, false),
                f(fp, true, true),
            ]
        }
        Marker::Verb { change } => {
            let mut out = Vec::new();
            for (slot, text) in conjugate(word, *change).into_iter().enumerate() {
                let features = Features {
                    plural: false,
                    feminine: false,
                    verb_slot: Some(slot as u8),
                };
                let with_se = (slot == INF || slot == GER).then(|| format!("{text}se"));
                out.push(Form { text, features });
                if let Some(text) = with_se {
                    out.push(Form { text, features });
                }
            }
            out
        }
    }
}

// ---------------------------------------------------------------- verbs

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Ar,
    Er,
    Ir,
}

struct Irregular {
    base: &'static str,
    change: StemChange,
    /// First person present indicative (and with it the present subjunctive stem).
    pres1: Option<&'static str>,
    /// Strong preterite stem (hic-, tuv-, dij-).
    pret_stem: Option<&'static str>,
    fut_stem: Option<&'static str>,
    part: Option<&'static str>,
    imp_tu: Option<&'static str>,
    ger: Option<&'static str>,
}

const fn irr(base: &'static str) -> Irregular {
    Irregular {
        base,
        change: StemChange::None,
        pres1: None,
        pret_stem: None,
        fut_stem: None,
        part: None,
        imp_tu: None,
        ger: None,
    }
}

const IRREGULARS: &[Irregular] = &[
    Irregular {
        pres1: Some("hago"),
        pret_stem: Some("hic"),
        fut_stem: Some("har"),
        part: Some("hecho"),
        imp_tu: Some("haz"),
        ..irr("hacer")
    },
    Irregular {
        change: StemChange::Ie,
        pres1: Some("tengo"),
        pret_stem: Some("tuv"),
        fut_stem: Some("tendr"),
        imp_tu: Some("ten"),
        ..irr("tener")
    },
    Irregular {
        pres1: Some("pongo"),
        pret_stem: Some("pus"),
        fut_stem: Some("pondr"),
        part: Some("puesto"),
        imp_tu: Some("pon"),
        ..irr("poner")
    },
    Irregular {
        change: StemChange::I,
        pres1: Some("digo"),
        pret_stem: Some("dij"),
        fut_stem: Some("dir"),
        part: Some("dicho"),
        imp_tu: Some("di"),
        ger: Some("diciendo"),
        ..irr("decir")
    },
    Irregular {
        change: StemChange::Ie,
        pres1: Some("vengo"),
        pret_stem: Some("vin"),
        fut_stem: Some("vendr"),
        imp_tu: Some("ven"),
        ger: Some("viniendo"),
        ..irr("venir")
    },
    Irregular {
        pres1: Some("traigo"),
        pret_stem: Some("traj"),
        ..irr("traer")
    },
    Irregular {
        pres1: Some("salgo"),
        fut_stem: Some("saldr"),
        imp_tu: Some("sal"),
        ..irr("salir")
    },
    Irregular {
        change: StemChange::Ue,
        pret_stem: Some("pud"),
        fut_stem: Some("podr"),
        ger: Some("pudiendo"),
        ..irr("poder")
    },
    Irregular {
        change: StemChange::Ie,
        pret_stem: Some("quis"),
        fut_stem: Some("querr"),
        ..irr("querer")
    },
    Irregular {
        pres1: Some("sé"),
        pret_stem: Some("sup"),
        fut_stem: Some("sabr"),
        ..irr("saber")
    },
    Irregular {
        pres1: Some("duzco"),
        pret_stem: Some("duj"),
        ..irr("ducir")
    },
    Irregular {
        pret_stem: Some("anduv"),
        ..irr("andar")
    },
    Irregular {
        part: Some("abierto"),
        ..irr("abrir")
    },
    Irregular {
        part: Some("cubierto"),
        ..irr("cubrir")
    },
    Irregular {
        part: Some("scrito"),
        ..irr("scribir")
    },
    Irregular {
        part: Some("roto"),
        ..irr("romper")
    },
    Irregular {
        change: StemChange::Ue,
        part: Some("vuelto"),
        ..irr("volver")
    },
    Irregular {
        change: StemChange::Ue,
        part: Some("suelto"),
        ..irr("solver")
    },
];

/// Verbs conjugated from full tables: (infinitive, 56 forms).
fn full_table(inf: &str) -> Option<Vec<String>> {
    let t: &[&str] = match inf {
        "ser" => &[
            "ser",
            "siendo",
            "sido",
            "sida",
            "sidos",
            "sidas",
            "soy",
            "eres",
            "es",
            "somos",
            "sois",
            "son",
            "fui",
            "fuiste",
            "fue",
            "fuimos",
            "fuisteis",
            "fueron",
            "era",
            "eras",
            "era",
            "éramos",
            "erais",
            "eran",
            "seré",
            "serás",
            "será",
            "seremos",
            "seréis",
            "serán",
            "sería",
            "serías",
            "sería",
            "seríamos",
            "seríais",
            "serían",
            "sea",
            "seas",
            "sea",
            "seamos",
            "seáis",
            "sean",
            "fuera",
            "fueras",
            "fuera",
            "fuéramos",
            "fuerais",
            "fueran",
            "fuese",
            "fueses",
            "fuese",
            "fuésemos",
            "fueseis",
            "fuesen",
            "sé",
            "sed",
        ],
        "ir" => &[
            "ir",
            "yendo",
            "ido",
            "ida",
            "idos",
            "idas",
            "voy",
            "vas",
            "va",
            "vamos",
            "vais",
            "van",
            "fui",
            "fuiste",
            "fue",
            "fuimos",
            "fuisteis",
            "fueron",
            "iba",
            "ibas",
            "iba",
            "íbamos",
            "ibais",
            "iban",
            "iré",
            "irás",
            "irá",
            "iremos",
            "iréis",
            "irán",
            "iría",
            "irías",
            "iría",
            "iríamos",
            "iríais",
            "irían",
            "vaya",
            "vayas",
            "vaya",
            "vayamos",
            "vayáis",
            "vayan",
            "fuera",
            "fueras",
            "fuera",
            "fuéramos",
            "fuerais",
            "fueran",
            "fuese",
            "fueses",
            "fuese",
            "fuésemos",
            "fueseis",
            "fuesen",
            "ve",
            "id",
        ],
        "haber" => &[
            "haber",
            "habiendo",
            "habido",
            "habida",
            "habidos",
            "habidas",
            "he",
            "has",
            "ha",
            "hemos",
            "habéis",
            "han",
            "hube",
            "hubiste",
            "hubo",
            "hubimos",
            "hubisteis",
            "hubieron",
            "había",
            "habías",
            "había",
            "habíamos",
            "habíais",
            "habían",
            "habré",
            "habrás",
            "habrá",
            "habremos",
            "habréis",
            "habrán",
            "habría",
            "habrías",
            "habría",
            "habríamos",
            "habríais",
            "habrían",
            "haya",
            "hayas",
            "haya",
            "hayamos",
            "hayáis",
            "hayan",
            "hubiera",
            "hubieras",
            "hubiera",
            "hubiéramos",
            "hubierais",
            "hubieran",
            "hubiese",
            "hubieses",
            "hubiese",
            "hubiésemos",
            "hubieseis",
            "hubiesen",
            "he",
            "habed",
        ],
        "estar" => &[
            "estar",
            "estando",
            "estado",
            "estada",
            "estados",
            "estadas",
            "estoy",
            "estás",
            "está",
            "estamos",
            "estáis",
            "están",
            "estuve",
            "estuviste",
            "estuvo",
            "estuvimos",
            "estuvisteis",
            "estuvieron",
            "estaba",
            "estabas",
            "estaba",
            "estábamos",
            "estabais",
            "estaban",
            "estaré",
            "estarás",
            "estará",
            "estaremos",
            "estaréis",
            "estarán",
            "estaría",
            "estarías",
            "estaría",
            "estaríamos",
            "estaríais",
            "estarían",
            "esté",
            "estés",
            "esté",
            "estemos",
            "estéis",
            "estén",
            "estuviera",
            "estuvieras",
            "estuviera",
            "estuviéramos",
            "estuvierais",
            "estuvieran",
            "estuviese",
            "estuvieses",
            "estuviese",
            "estuviésemos",
            "estuvieseis",
            "estuviesen",
            "está",
            "estad",
        ],
        "dar" => &[
            "dar",
            "dando",
            "dado",
            "dada",
            "dados",
            "dadas",
            "doy",
            "das",
            "da",
            "damos",
            "dais",
            "dan",
            "di",
            "diste",
            "dio",
            "dimos",
            "disteis",
            "dieron",
            "daba",
            "dabas",
            "daba",
            "dábamos",
            "dabais",
            "daban",
            "daré",
            "darás",
            "dará",
            "daremos",
            "daréis",
            "darán",
            "daría",
            "darías",
            "daría",
            "daríamos",
            "daríais",
            "darían",
            "dé",
            "des",
            "dé",
            "demos",
            "deis",
            "den",
            "diera",
            "dieras",
            "diera",
            "diéramos",
            "dierais",
            "dieran",
            "diese",
            "dieses",
            "diese",
            "diésemos",
            "dieseis",
            "diesen",
            "da",
            "dad",
        ],
        "ver" => &[
            "ver",
            "viendo",
            "visto",
            "vista",
            "vistos",
            "vistas",
            "veo",
            "ves",
            "ve",
            "vemos",
            "veis",
            "ven",
            "vi",
            "viste",
            "vio",
            "vimos",
            "visteis",
            "vieron",
            "veía",
            "veías",
            "veía",
            "veíamos",
            "veíais",
            "veían",
            "veré",
            "verás",
            "verá",
            "veremos",
            "veréis",
            "verán",
            "vería",
            "verías",
            "vería",
            "veríamos",
            "veríais",
            "verían",
            "vea",
            "veas",
            "vea",
            "veamos",
            "veáis",
            "vean",
            "viera",
            "vieras",
            "viera",
            "viéramos",
            "vierais",
            "vieran",
            "viese",
            "vieses",
            "viese",
            "viésemos",
            "vieseis",
            "viesen",
            "ve",
            "ved",
        ],
        _ => return None,
    };
    Some(t.iter().map(|s| s.to_string()).collect())
}

fn class_of(inf: &str) -> Option<(Class, &str)> {
    if let Some(s) = inf.strip_suffix("ar") {
        Some((Class::Ar, s))
    } else if let Some(s) = inf.strip_suffix("er") {
        Some((Class::Er, s))
    } else if let Some(s) = inf.strip_suffix("ir").or_else(|| inf.strip_suffix("ír")) {
        Some((Class::Ir, s))
    } else {
        None
    }
}

/// Replaces the last `e`/`o`/`u` of the stem as the stem change says.
fn change_stem(stem: &str, change: StemChange, weak: bool) -> String {
    let (targets, strong, weak_to): (&[char], &str, &str) = match change {
        StemChange::None => return stem.to_string(),
        StemChange::Ue => (&['o', 'u'], "ue", "u"),
        StemChange::Ie => (&['e'], "ie", "i"),
        StemChange::I => (&['e'], "i", "i"),
    };
    let Some((pos, c)) = stem.char_indices().rev().find(|(_, c)| targets.contains(c)) else {
        return stem.to_string();
    };
    let to = if weak {
        if c == 'u' {
            "u"
        } else {
            weak_to
        }
    } else {
        strong
    };
    let mut out = String::with_capacity(stem.len() + 1);
    out.push_str(&stem[..pos]);
    if !weak && c == 'o' && pos == 0 {
        out.push('h'); // oler → huelo
    }
    out.push_str(to);
    out.push_str(&stem[pos + c.len_utf8()..]);
    out
}

/// Joins stem and ending with the spelling changes of Spanish orthography.
fn join(stem: &str, ending: &str, class: Class) -> String {
    let first = ending.chars().next();
    let front = matches!(first, Some('e' | 'é' | 'i' | 'í'));
    let back = matches!(first, Some('a' | 'á' | 'o' | 'ó'));
    let mut s = stem.to_string();
    let mut e = ending.to_string();
    match class {
        Class::Ar if front => {
            if s.ends_with("gu") {
                s.truncate(s.len() - 2);
                s.push_str("gü");
            } else if s.ends_with('c') {
                s.pop();
                s.push_str("qu");
            } else if s.ends_with('g') {
                s.push('u');
            } else if s.ends_with('z') {
                s.pop();
                s.push('c');
            }
        }
        Class::Er | Class::Ir if back => {
            if s.ends_with("gu") && !s.ends_with("ngu") || s.ends_with("ngu") {
                s.pop(); // seguir → sigo, distinguir → distingo
            } else if s.ends_with("qu") {
                s.truncate(s.len() - 2);
                s.push('c');
            } else if s.ends_with('g') {
                s.pop();
                s.push('j');
            } else if s.ends_with('c') {
                let before = s[..s.len() - 1].chars().last();
                s.pop();
                if before.is_some_and(is_vowel) {
                    s.push_str("zc");
                } else {
                    s.push('z');
                }
            }
        }
        _ => {}
    }
    // -uir verbs (construir): y before a, e, o.
    if class == Class::Ir
        && s.ends_with('u')
        && !s.ends_with("gu")
        && !s.ends_with("qu")
        && matches!(first, Some('a' | 'e' | 'o' | 'á' | 'é' | 'ó'))
    {
        s.push('y');
    }
    // Unstressed i between vowels becomes y: leyó, construyeron, leyendo.
    if s.chars().last().is_some_and(is_vowel)
        && !s.ends_with("gu")
        && !s.ends_with("qu")
        && (e.starts_with("ie") || e.starts_with("ió"))
    {
        e.replace_range(0..1, "y");
    }
    if s.ends_with('y') && e.starts_with('y') {
        e.remove(0);
    }
    s + &e
}

const AR_PRES: [&str; 6] = ["o", "as", "a", "amos", "áis", "an"];
const ER_PRES: [&str; 6] = ["o", "es", "e", "emos", "éis", "en"];
const IR_PRES: [&str; 6] = ["o", "es", "e", "imos", "ís", "en"];
const AR_PRET: [&str; 6] = ["é", "aste", "ó", "amos", "asteis", "aron"];
const ERIR_PRET: [&str; 6] = ["í", "iste", "ió", "imos", "isteis", "ieron"];
const STRONG_PRET: [&str; 6] = ["e", "iste", "o", "imos", "isteis", "ieron"];
const AR_IMPF: [&str; 6] = ["aba", "abas", "aba", "ábamos", "abais", "aban"];
const ERIR_IMPF: [&str; 6] = ["ía", "ías", "ía", "íamos", "íais", "ían"];
const FUT_END: [&str; 6] = ["é", "ás", "á", "emos", "éis", "án"];
const COND_END: [&str; 6] = ["ía", "ías", "ía", "íamos", "íais", "ían"];
const AR_SUBJ: [&str; 6] = ["e", "es", "e", "emos", "éis", "en"];
const ERIR_SUBJ: [&str; 6] = ["a", "as", "a", "amos", "áis", "an"];
const RA_END: [&str; 6] = ["ra", "ras", "ra", "ramos", "rais", "ran"];
const SE_END: [&str; 6] = ["se", "ses", "se", "semos", "seis", "sen"];

/// The 56 forms of a verb given in the infinitive (see [`VERB_SLOTS`]).
pub fn conjugate(inf: &str, change: StemChange) -> Vec<String> {
    let inf_l = inf.to_lowercase();
    if let Some(t) = full_table(&inf_l) {
        return t;
    }
    // Irregular verbs and their compounds (mantener, proponer, deshacer, producir).
    let mut irregular: Option<(&Irregular, &str)> = None;
    for irr in IRREGULARS {
        if let Some(prefix) = inf_l.strip_suffix(irr.base) {
            if irregular.is_none_or(|(cur, _)| irr.base.len() > cur.base.len()) {
                irregular = Some((irr, &inf[..prefix.len()]));
            }
        }
    }
    let Some((class, stem)) = class_of(inf) else {
        return vec![inf.to_string(); VERB_SLOTS.len()];
    };
    let (change, irr, prefix) = match irregular {
        Some((i, p)) => (
            if change == StemChange::None {
                i.change
            } else {
                change
            },
            Some(i),
            p,
        ),
        None => (change, None, ""),
    };
    let with_prefix = |s: &str| format!("{prefix}{s}");
    let mut out = vec![String::new(); VERB_SLOTS.len()];
    out[INF] = inf.to_string();

    // Gerund.
    let ger_stem = if class == Class::Ir && change != StemChange::None {
        change_stem(stem, change, true)
    } else {
        stem.to_string()
    };
    out[GER] = match irr.and_then(|i| i.ger) {
        Some(g) => with_prefix(g),
        None => join(
            &ger_stem,
            if class == Class::Ar { "ando" } else { "iendo" },
            class,
        ),
    };
    // Participles.
    let part_ms = match irr.and_then(|i| i.part) {
        Some(p) => with_prefix(p),
        None => format!("{stem}{}", if class == Class::Ar { "ado" } else { "ido" }),
    };
    let [ms, fs, mp, fp] = adjective_forms(&part_ms);
    out[PART] = ms;
    out[PART + 1] = fs;
    out[PART + 2] = mp;
    out[PART + 3] = fp;

    // Present indicative.
    let pres_end = match class {
        Class::Ar => &AR_PRES,
        Class::Er => &ER_PRES,
        Class::Ir => &IR_PRES,
    };
    let strong_stem = change_stem(stem, change, false);
    for p in 0..6 {
        let boot = matches!(p, 0 | 1 | 2 | 5);
        let st = if boot { &strong_stem } else { stem };
        out[PRES + p] = join(st, pres_end[p], class);
    }
    if let Some(p1) = irr.and_then(|i| i.pres1) {
        out[PRES] = with_prefix(p1);
    }
    // Present subjunctive: from the first person present, as Spanish does (hago → haga).
    let subj_end = if class == Class::Ar {
        &AR_SUBJ
    } else {
        &ERIR_SUBJ
    };
    let p1_stem: Option<String> = irr.and_then(|i| i.pres1).map(|p| {
        let p = with_prefix(p);
        if p.ends_with("sé") {
            format!("{}sep", &p[..p.len() - "sé".len()])
        } else {
            p.trim_end_matches('o').to_string()
        }
    });
    let weak_stem = if class == Class::Ir {
        change_stem(stem, change, true)
    } else {
        stem.to_string()
    };
    for p in 0..6 {
        let boot = matches!(p, 0 | 1 | 2 | 5);
        out[SUBJ + p] = match &p1_stem {
            Some(s) => format!("{s}{}", subj_end[p]),
            None if boot => join(&strong_stem, subj_end[p], class),
            None if change == StemChange::I => join(&strong_stem, subj_end[p], class),
            None => join(&weak_stem, subj_end[p], class),
        };
    }
    // Preterite.
    if let Some(ps) = irr.and_then(|i| i.pret_stem) {
        let ps = with_prefix(ps);
        for p in 0..6 {
            let mut end = STRONG_PRET[p].to_string();
            if p == 5 && ps.ends_with('j') {
                end = "eron".into();
            }
            out[PRET + p] = format!("{ps}{end}");
        }
        if ps.ends_with("hic") {
            out[PRET + 2] = format!("{}hizo", &ps[..ps.len() - 3]);
        }
    } else {
        let end = if class == Class::Ar {
            &AR_PRET
        } else {
            &ERIR_PRET
        };
        for p in 0..6 {
            let weak = class == Class::Ir && matches!(p, 2 | 5);
            let st = if weak { &weak_stem } else { stem };
            out[PRET + p] = join(st, end[p], class);
        }
    }
    // Imperfect subjunctive, from the third person plural preterite (hicieron → hiciera).
    let pret6 = out[PRET + 5].clone();
    let base = pret6.strip_suffix("ron").unwrap_or(&pret6).to_string();
    let base_stressed = {
        let mut chars: Vec<char> = base.chars().collect();
        if let Some(last) = chars.last_mut() {
            *last = accented(*last);
        }
        chars.into_iter().collect::<String>()
    };
    for p in 0..6 {
        let b = if p == 3 { &base_stressed } else { &base };
        out[RA + p] = format!("{b}{}", RA_END[p]);
        out[SE + p] = format!("{b}{}", SE_END[p]);
    }
    // Imperfect.
    let impf = if class == Class::Ar {
        &AR_IMPF
    } else {
        &ERIR_IMPF
    };
    for p in 0..6 {
        out[IMPF + p] = format!("{stem}{}", impf[p]);
    }
    // Future and conditional.
    let fut_stem = match irr.and_then(|i| i.fut_stem) {
        Some(f) => with_prefix(f),
        None => remove_accents(inf),
    };
    for p in 0..6 {
        out[FUT + p] = format!("{fut_stem}{}", FUT_END[p]);
        out[COND + p] = format!("{fut_stem}{}", COND_END[p]);
    }
    // Imperative.
    out[IMP] = match irr.and_then(|i| i.imp_tu) {
        Some(t) if prefix.is_empty() => t.to_string(),
        _ => out[PRES + 2].clone(),
    };
    out[IMP + 1] = format!("{}d", &remove_accents(inf)[..inf.len() - 1]);
    out
}

/// Adds an accent so that a gerund or infinitive keeps its stress with an enclitic pronoun
/// (implantando + se → implantándose).
fn gerund_with_clitic(ger: &str, clitic: &str) -> String {
    for (suffix, stressed) in [("ando", "ándo"), ("iendo", "iéndo"), ("yendo", "yéndo")] {
        if let Some(stem) = ger.strip_suffix(suffix) {
            return format!("{stem}{stressed}{clitic}");
        }
    }
    format!("{ger}{clitic}")
}

fn is_infinitive(w: &str) -> bool {
    w.len() > 2
        && (w.ends_with("ar") || w.ends_with("er") || w.ends_with("ir") || w.ends_with("ír"))
}

/// Conjugates a verb-phrase fix ("implantarse", "tener sentido") to the matched slot. `None`
/// when that cannot be done reliably (a participle of a pronominal verb, an imperative).
pub fn conjugate_fix(fix: &str, slot: usize, change: StemChange) -> Option<String> {
    let (first, rest) = match fix.split_once(' ') {
        Some((f, r)) => (f, Some(r)),
        None => (fix, None),
    };
    let (verb, clitic) = if is_infinitive(first) {
        (first, None)
    } else {
        let mut found = None;
        for c in ["se", "lo", "la", "le"] {
            if let Some(v) = first.strip_suffix(c) {
                if is_infinitive(v) {
                    found = Some((v, Some(c)));
                    break;
                }
            }
        }
        found?
    };
    let forms = conjugate(verb, change);
    let form = forms.get(slot)?;
    let head = match clitic {
        None => form.clone(),
        Some(c) => match slot {
            INF => format!("{form}{c}"),
            GER => gerund_with_clitic(form, c),
            s if (PART..PART + 4).contains(&s) || s >= IMP => return None,
            s => {
                // A reflexive pronoun follows the person: me implanto, nos implantamos.
                let c = if c == "se" {
                    ["me", "te", "se", "nos", "os", "se"][(s - PRES) % 6]
                } else {
                    c
                };
                format!("{c} {form}")
            }
        },
    };
    Some(match rest {
        Some(r) => format!("{head} {r}"),
        None => head,
    })
}

/// Inflects a fix written in the base form (singular noun phrase, masculine singular adjective,
/// infinitive) to the features of the matched text. `None` when no reliable form exists.
pub fn inflect_fix(
    fix: &str,
    plural_override: Option<&str>,
    change: StemChange,
    f: Features,
) -> Option<String> {
    if let Some(slot) = f.verb_slot {
        return conjugate_fix(fix, slot as usize, change);
    }
    if !f.plural && !f.feminine {
        return Some(fix.to_string());
    }
    if f.plural {
        if let Some(p) = plural_override {
            return Some(p.to_string());
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut head = true;
    for w in fix.split(' ') {
        let lw = w.to_lowercase();
        if head && PREPOSITIONS.contains(&lw.as_str()) && !out.is_empty() {
            head = false;
        }
        if !head {
            out.push(w.to_string());
            continue;
        }
        let word = match lw.as_str() {
            "el" if f.plural => "los".to_string(),
            "la" if f.plural => "las".to_string(),
            "un" if f.plural => "unos".to_string(),
            "una" if f.plural => "unas".to_string(),
            _ => {
                let [ms, fs, mp, fp] = adjective_forms(w);
                if f.feminine {
                    if f.plural {
                        fp
                    } else {
                        fs
                    }
                } else if f.plural {
                    // Nouns and masculine adjectives pluralize alike.
                    let _ = (ms, mp);
                    noun_plural(w)
                } else {
                    w.to_string()
                }
            }
        };
        out.push(word);
    }
    Some(out.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(name: &str) -> usize {
        VERB_SLOTS.iter().position(|s| *s == name).unwrap()
    }

    #[test]
    fn noun_plurals() {
        for (sg, pl) in [
            ("pista", "pistas"),
            ("jugador", "jugadores"),
            ("sector", "sectores"),
            ("implantación", "implantaciones"),
            ("examen", "exámenes"),
            ("imagen", "imágenes"),
            ("luz", "luces"),
            ("crisis", "crisis"),
            ("mes", "meses"),
            ("inglés", "ingleses"),
            ("café", "cafés"),
            ("rubí", "rubíes"),
            ("árbol", "árboles"),
            ("IA", "IA"),
            ("gran", "grandes"),
        ] {
            assert_eq!(noun_plural(sg), pl, "{sg}");
        }
    }

    #[test]
    fn adjectives() {
        assert_eq!(
            adjective_forms("doméstico"),
            ["doméstico", "doméstica", "domésticos", "domésticas"]
        );
        assert_eq!(
            adjective_forms("industrial"),
            ["industrial", "industrial", "industriales", "industriales"]
        );
        assert_eq!(adjective_forms("superior")[1], "superior");
        assert_eq!(adjective_forms("francés")[3], "francesas");
    }

    #[test]
    fn regular_verbs_with_spelling_changes() {
        let v = conjugate("aterrizar", StemChange::None);
        assert_eq!(v[slot("pret-1s")], "aterricé");
        assert_eq!(v[slot("pret-3s")], "aterrizó");
        assert_eq!(v[slot("subj-3p")], "aterricen");
        assert_eq!(v[slot("ger")], "aterrizando");
        assert_eq!(v[slot("part-ms")], "aterrizado");
        assert_eq!(v[slot("fut-3s")], "aterrizará");
        assert_eq!(v[slot("ra-1p")], "aterrizáramos");
        let v = conjugate("aplicar", StemChange::None);
        assert_eq!(v[slot("subj-1s")], "aplique");
        let v = conjugate("coger", StemChange::None);
        assert_eq!(v[slot("pres-1s")], "cojo");
        let v = conjugate("construir", StemChange::None);
        assert_eq!(v[slot("pres-3s")], "construye");
        assert_eq!(v[slot("pret-3p")], "construyeron");
        assert_eq!(v[slot("ger")], "construyendo");
        let v = conjugate("leer", StemChange::None);
        assert_eq!(v[slot("pret-3s")], "leyó");
        let v = conjugate("ofrecer", StemChange::None);
        assert_eq!(v[slot("pres-1s")], "ofrezco");
        assert_eq!(v[slot("subj-3s")], "ofrezca");
    }

    #[test]
    fn stem_changing_and_irregular_verbs() {
        let v = conjugate("jugar", StemChange::Ue);
        assert_eq!(v[slot("pres-3s")], "juega");
        assert_eq!(v[slot("pres-1p")], "jugamos");
        assert_eq!(v[slot("subj-3s")], "juegue");
        assert_eq!(v[slot("pret-1s")], "jugué");
        let v = conjugate("remover", StemChange::Ue);
        assert_eq!(v[slot("pres-3p")], "remueven");
        let v = conjugate("sentir", StemChange::Ie);
        assert_eq!(v[slot("pret-3s")], "sintió");
        assert_eq!(v[slot("ger")], "sintiendo");
        let v = conjugate("pedir", StemChange::I);
        assert_eq!(v[slot("pres-1s")], "pido");
        assert_eq!(v[slot("subj-1p")], "pidamos");
        let v = conjugate("hacer", StemChange::None);
        assert_eq!(v[slot("pres-3s")], "hace");
        assert_eq!(v[slot("pres-1s")], "hago");
        assert_eq!(v[slot("pret-3s")], "hizo");
        assert_eq!(v[slot("subj-3s")], "haga");
        assert_eq!(v[slot("fut-3s")], "hará");
        assert_eq!(v[slot("part-ms")], "hecho");
        let v = conjugate("mantener", StemChange::None);
        assert_eq!(v[slot("pres-3s")], "mantiene");
        assert_eq!(v[slot("pret-3s")], "mantuvo");
        let v = conjugate("introducir", StemChange::None);
        assert_eq!(v[slot("pres-1s")], "introduzco");
        assert_eq!(v[slot("pret-3p")], "introdujeron");
        let v = conjugate("tener", StemChange::None);
        assert_eq!(v[slot("ra-3s")], "tuviera");
        assert_eq!(v[slot("fut-1s")], "tendré");
        let v = conjugate("seguir", StemChange::I);
        assert_eq!(v[slot("pres-1s")], "sigo");
        assert_eq!(v[slot("pres-3s")], "sigue");
    }

    #[test]
    fn fixes_take_the_matched_form() {
        let verb = |s: &str| Features {
            verb_slot: Some(slot(s) as u8),
            ..Features::default()
        };
        assert_eq!(
            inflect_fix("implantarse", None, StemChange::None, verb("pret-3s")).as_deref(),
            Some("se implantó")
        );
        assert_eq!(
            inflect_fix("implantarse", None, StemChange::None, verb("ger")).as_deref(),
            Some("implantándose")
        );
        assert_eq!(
            inflect_fix("implantarse", None, StemChange::None, verb("inf")).as_deref(),
            Some("implantarse")
        );
        assert_eq!(
            inflect_fix("implantarse", None, StemChange::None, verb("part-ms")),
            None
        );
        assert_eq!(
            inflect_fix("darse cuenta de", None, StemChange::None, verb("pres-1p")).as_deref(),
            Some("nos damos cuenta de")
        );
        assert_eq!(
            inflect_fix("pedir", None, StemChange::I, verb("pres-3s")).as_deref(),
            Some("pide")
        );
        assert_eq!(
            inflect_fix("tener sentido", None, StemChange::None, verb("pres-3s")).as_deref(),
            Some("tiene sentido")
        );
        let pl = Features {
            plural: true,
            ..Features::default()
        };
        assert_eq!(
            inflect_fix("sector", None, StemChange::None, pl).as_deref(),
            Some("sectores")
        );
        assert_eq!(
            inflect_fix("caso de uso", None, StemChange::None, pl).as_deref(),
            Some("casos de uso")
        );
        assert_eq!(
            inflect_fix("gran modelo", None, StemChange::None, pl).as_deref(),
            Some("grandes modelos")
        );
        assert_eq!(
            inflect_fix("ventaja competitiva", None, StemChange::None, pl).as_deref(),
            Some("ventajas competitivas")
        );
        let fpl = Features {
            plural: true,
            feminine: true,
            verb_slot: None,
        };
        assert_eq!(
            inflect_fix("nacional", None, StemChange::None, fpl).as_deref(),
            Some("nacionales")
        );
        assert_eq!(
            inflect_fix("autónomo", None, StemChange::None, fpl).as_deref(),
            Some("autónomas")
        );
    }
}
