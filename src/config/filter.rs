//! Rule selection, severity overrides and the allow-list, applied to a file's findings.

use crate::finding::{Category, Finding, Severity};

/// What a `select`/`ignore`/`severity` entry names: a rule code (`es/track-as-sector`), a
/// prefix (`es/`, `mt`, `lang/`), or a category (`false-friend`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    Code(String),
    Prefix(String),
    Category(Category),
}

impl Selector {
    pub fn parse(s: &str) -> Selector {
        let s = s.trim();
        if let Some(c) = Category::ALL.iter().find(|c| c.as_str() == s) {
            return Selector::Category(*c);
        }
        if s.ends_with('/') {
            return Selector::Prefix(s.to_string());
        }
        if !s.contains('/') {
            return Selector::Prefix(format!("{s}/"));
        }
        Selector::Code(s.to_string())
    }

    pub fn matches(&self, rule: &str, category: Category) -> bool {
        match self {
            Selector::Code(c) => rule == c,
            Selector::Prefix(p) => rule.starts_with(p.as_str()),
            Selector::Category(c) => *c == category,
        }
    }

    /// How specific it is: a code beats a prefix beats a category.
    fn rank(&self) -> u8 {
        match self {
            Selector::Code(_) => 2,
            Selector::Prefix(_) => 1,
            Selector::Category(_) => 0,
        }
    }

    /// As written (for messages).
    pub fn text(&self) -> &str {
        match self {
            Selector::Code(c) | Selector::Prefix(c) => c,
            Selector::Category(c) => c.as_str(),
        }
    }
}

/// Which findings are kept, at which severity.
#[derive(Debug, Clone, Default)]
pub struct RuleFilter {
    select: Vec<Selector>,
    ignore: Vec<Selector>,
    severity: Vec<(Selector, Severity)>,
    /// Accepted words and phrases, folded.
    allow: Vec<String>,
}

impl RuleFilter {
    pub fn new(
        select: Vec<Selector>,
        ignore: Vec<Selector>,
        severity: Vec<(Selector, Severity)>,
        allow: Vec<String>,
    ) -> Self {
        RuleFilter {
            select,
            ignore,
            severity,
            allow: allow.iter().map(|a| fold_phrase(a)).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.select.is_empty()
            && self.ignore.is_empty()
            && self.severity.is_empty()
            && self.allow.is_empty()
    }

    pub fn selectors(&self) -> impl Iterator<Item = &Selector> {
        self.select
            .iter()
            .chain(&self.ignore)
            .chain(self.severity.iter().map(|(s, _)| s))
    }

    /// Whether a rule is on: selected (or no `select` given) and not ignored by a selector at
    /// least as specific as the one selecting it.
    pub fn enabled(&self, rule: &str, category: Category) -> bool {
        let best = |list: &[Selector]| {
            list.iter()
                .filter(|s| s.matches(rule, category))
                .map(Selector::rank)
                .max()
        };
        let selected = if self.select.is_empty() {
            Some(0)
        } else {
            best(&self.select)
        };
        match (selected, best(&self.ignore)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    /// The severity override for a rule, the most specific one winning.
    pub fn severity(&self, rule: &str, category: Category) -> Option<Severity> {
        self.severity
            .iter()
            .filter(|(s, _)| s.matches(rule, category))
            .max_by_key(|(s, _)| s.rank())
            .map(|(_, sev)| *sev)
    }

    /// Whether the finding is an accepted word or phrase, or overlaps one in the text
    /// ("pista" accepts "la pista"; "jugadores del mercado" accepts "los jugadores").
    pub fn allowed(&self, text: &str, f: &Finding) -> bool {
        if self.allow.is_empty() {
            return false;
        }
        let Some(found) = text.get(f.start..f.end) else {
            return false;
        };
        let found = fold_phrase(found);
        self.allow.iter().any(|a| {
            if *a == found {
                return true;
            }
            // The phrase must be there in the text, overlapping the finding's words.
            let reach = a.len() + 8;
            let mut from = f.start.saturating_sub(reach);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = (f.end + reach).min(text.len());
            while !text.is_char_boundary(to) {
                to += 1;
            }
            let window = &text[from..to];
            let (folded, map) = fold_with_offsets(window);
            let mut at = 0;
            while let Some(i) = folded[at..].find(a.as_str()) {
                let s = from + map[at + i];
                let e = from + map[at + i + a.len()];
                if s < f.end && f.start < e {
                    return true;
                }
                at += i + 1;
                while !folded.is_char_boundary(at) {
                    at += 1;
                }
            }
            false
        })
    }

    /// Applies this filter to one file's findings (after `base`, when layered).
    pub fn apply(&self, text: &str, findings: &mut Vec<Finding>) {
        if self.is_empty() {
            return;
        }
        findings.retain(|f| self.enabled(&f.rule, f.category) && !self.allowed(text, f));
        for f in findings.iter_mut() {
            if let Some(s) = self.severity(&f.rule, f.category) {
                f.severity = s;
            }
        }
    }
}

/// Folded form of a phrase: case and accents folded, runs of white space made one space.
fn fold_phrase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        crate::text::fold::fold_into(w, &mut out);
    }
    out
}

/// Folds `s` like [`fold_phrase`] (without trimming) and maps each byte of the result back to
/// the byte of `s` it comes from (one more entry for the end).
fn fold_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    let mut prev_space = false;
    for (i, c) in s.char_indices() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' && prev_space {
            continue;
        }
        prev_space = c == ' ';
        let f = crate::text::fold::fold_char(c);
        for _ in 0..f.len_utf8() {
            map.push(i);
        }
        out.push(f);
    }
    map.push(s.len());
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn finding(rule: &'static str, cat: Category, start: usize, end: usize) -> Finding {
        Finding {
            rule: Cow::Borrowed(rule),
            severity: Severity::Warning,
            category: cat,
            start,
            end,
            message: Cow::Borrowed("m"),
            suggestions: vec![],
            reason: None,
            fix: None,
        }
    }

    fn sel(v: &[&str]) -> Vec<Selector> {
        v.iter().map(|s| Selector::parse(s)).collect()
    }

    #[test]
    fn select_ignore_specificity() {
        let f = RuleFilter::new(sel(&["es"]), sel(&["false-friend"]), vec![], vec![]);
        assert!(f.enabled("es/track-as-sector", Category::Terminology));
        // The prefix selecting it is more specific than the ignored category.
        assert!(f.enabled("es/library-libreria", Category::FalseFriend));
        assert!(!f.enabled("mt/doubled-word", Category::Fluency));
        let f = RuleFilter::new(vec![], sel(&["mt/doubled-word", "style"]), vec![], vec![]);
        assert!(!f.enabled("mt/doubled-word", Category::Fluency));
        assert!(f.enabled("mt/missing-space-after-period", Category::Fluency));
        assert!(!f.enabled("es/x", Category::Style));
        let f = RuleFilter::new(sel(&["es/x"]), sel(&["es/"]), vec![], vec![]);
        assert!(f.enabled("es/x", Category::Style));
        assert!(!f.enabled("es/y", Category::Style));
    }

    #[test]
    fn severity_most_specific_wins() {
        let f = RuleFilter::new(
            vec![],
            vec![],
            vec![
                (Selector::parse("es"), Severity::Info),
                (Selector::parse("es/x"), Severity::Error),
            ],
            vec![],
        );
        assert_eq!(f.severity("es/x", Category::Style), Some(Severity::Error));
        assert_eq!(f.severity("es/y", Category::Style), Some(Severity::Info));
        assert_eq!(f.severity("mt/y", Category::Style), None);
    }

    #[test]
    fn allow_list_words_and_phrases() {
        let text = "La Pista  de Pruebas está lista. La pista crece.";
        let f = RuleFilter::new(vec![], vec![], vec![], vec!["pista de pruebas".into()]);
        assert!(f.allowed(text, &finding("es/t", Category::Terminology, 3, 8)));
        assert!(!f.allowed(text, &finding("es/t", Category::Terminology, 36, 41)));
        let f = RuleFilter::new(vec![], vec![], vec![], vec!["Librería".into()]);
        let t = "La libreria abre.";
        assert!(f.allowed(t, &finding("es/l", Category::FalseFriend, 3, 11)));
        let mut v = vec![
            finding("es/l", Category::FalseFriend, 3, 11),
            finding("mt/x", Category::Fluency, 0, 2),
        ];
        f.apply(t, &mut v);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].rule, "mt/x");
    }
}
