//! The glossary check: known mistranslations from the dictionaries, with inflected fixes.

use super::{Check, RuleDoc, Segment};
use crate::dictionary::matcher::{resolve_overlaps, Matcher};
use crate::dictionary::Gender;
use crate::dictionary::{language_name, Entry, Glossary};
use crate::finding::{Applicability, Edit, Finding, Fix};
use crate::fix::agreement;
use crate::inflect;
use crate::text::fold::{apply_casing, casing_of};

pub struct GlossaryCheck {
    pub glossary: Glossary,
    pub matcher: Matcher,
}

impl GlossaryCheck {
    pub fn new(glossary: Glossary) -> Result<Self, String> {
        let matcher = Matcher::build(&glossary, &[])?;
        Ok(GlossaryCheck { glossary, matcher })
    }

    fn finding(&self, e: &Entry, seg: &Segment, m: &crate::dictionary::matcher::Match) -> Finding {
        let matched = &seg.text[m.start..m.end];
        let casing = casing_of(matched);
        let mut applicability = e.fix_safety;
        let mut suggestions: Vec<String> = Vec::new();
        for f in &e.fixes {
            let s = match inflect::inflect_fix(
                &self.glossary.lang,
                &f.text,
                f.plural.as_deref(),
                f.change(),
                m.features,
            ) {
                Some(s) => s,
                None => {
                    // No reliable inflected form: show the base form, never apply it.
                    applicability = Applicability::DisplayOnly;
                    f.text.clone()
                }
            };
            let s = apply_casing(&s, casing);
            if !suggestions.contains(&s) {
                suggestions.push(s);
            }
        }
        let mut edit_start = m.start;
        let mut edit_end = m.end;
        let mut replacement = suggestions.first().cloned();
        // A noun fix of the other gender takes its determiner along; an agreeing adjective
        // after it makes the fix display-only (agreement of adjectives comes later).
        let fix_gender = e.fixes.first().and_then(|f| f.gender);
        if let (Some(new), None, Some(rep), "es") = (
            fix_gender,
            m.features.verb_slot,
            replacement.as_mut(),
            self.glossary.lang.as_str(),
        ) {
            let to_fem = new == Gender::Feminine;
            // Only a determiner of the other gender changes; when the entry does not say the
            // wrong noun's gender, the determiner tells it.
            let mut swapped = false;
            if let Some((ds, det)) =
                agreement::retarget_determiner(seg.text, seg.start, m.start, to_fem)
            {
                edit_start = ds;
                *rep = format!("{det}{rep}");
                swapped = true;
            }
            let changes = e.gender.map_or(swapped, |old| old != new);
            if changes && !swapped && agreement::determiner_nearby(seg.text, seg.start, m.start) {
                // A determiner we could not reach (behind markup or extra spaces).
                applicability = Applicability::DisplayOnly;
            }
            // One adjective right after the noun follows it (las pistas nuevas → los sectores
            // nuevos); a second one is beyond what we do safely.
            if changes {
                if let Some((adj_start, adj_end, adj)) =
                    agreement::agreeing_word_after(seg.text, m.end, seg.end, !to_fem)
                {
                    // A singular word in -a after a feminine noun may be a verb ("la pista
                    // avanza"): shown, not rewritten.
                    let maybe_verb = !to_fem && !adj.ends_with('s');
                    match agreement::regender_adjective(adj, to_fem) {
                        Some(new_adj)
                            if !maybe_verb
                                && agreement::agreeing_word_after(
                                    seg.text, adj_end, seg.end, !to_fem,
                                )
                                .is_none() =>
                        {
                            edit_end = adj_end;
                            rep.push_str(&seg.text[m.end..adj_start]);
                            rep.push_str(&new_adj);
                        }
                        _ => applicability = Applicability::DisplayOnly,
                    }
                }
            }
        }
        let fix = replacement.map(|r| Fix {
            applicability,
            edits: vec![Edit {
                start: edit_start,
                end: edit_end,
                replacement: r,
            }],
        });
        Finding {
            rule: e.id.clone().into(),
            severity: e.severity,
            category: e.category,
            start: edit_start,
            end: edit_end,
            message: e.message.clone().into(),
            suggestions,
            reason: Some(e.reason_text().into()),
            fix,
        }
    }
}

impl Check for GlossaryCheck {
    fn rules(&self) -> Vec<RuleDoc> {
        self.glossary
            .entries
            .iter()
            .zip(&self.glossary.sources)
            .map(|(e, src)| entry_doc(e, src))
            .collect()
    }

    fn check(&self, seg: &Segment, out: &mut Vec<Finding>) {
        let ms = self.matcher.find(seg.text, seg.start, seg.end, seg.tokens);
        if ms.is_empty() {
            return;
        }
        for m in resolve_overlaps(ms) {
            let e = &self.glossary.entries[m.entry];
            out.push(self.finding(e, seg, &m));
        }
    }
}

/// The documentation of a dictionary entry.
pub fn entry_doc(e: &Entry, source: &str) -> RuleDoc {
    let origin = {
        let mut s = language_name(&e.origin.lang).to_string();
        if !e.origin.terms.is_empty() {
            s.push(' ');
            s.push_str(&e.origin.terms.join(", "));
        }
        if let Some(g) = &e.origin.gloss {
            s.push_str(&format!(" '{g}'"));
        }
        s
    };
    RuleDoc {
        code: e.id.clone(),
        concept: e.concept.clone(),
        category: e.category,
        severity: e.severity,
        fix_safety: e.fix_safety,
        summary: e.message.clone(),
        explanation: e.explanation.clone(),
        explanation_es: e.explanation_es.clone(),
        origin: Some(origin),
        patterns: e.patterns.clone(),
        fixes: e.fixes.iter().map(|f| f.text.clone()).collect(),
        exceptions: e.exceptions.clone(),
        bad: e.examples.bad.clone(),
        good: e.examples.good.clone(),
        source: source.to_string(),
    }
}
