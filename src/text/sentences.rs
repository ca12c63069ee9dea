//! Sentence bounds around a position, with unicode-segmentation (UAX #29). Used only around
//! candidate matches, never on the whole text.

use unicode_segmentation::UnicodeSegmentation;

/// Byte range of the sentence of `text[from..to]` that contains `pos`.
pub fn sentence_around(text: &str, from: usize, to: usize, pos: usize) -> (usize, usize) {
    let segment = &text[from..to];
    let rel = pos.saturating_sub(from);
    for (i, s) in segment.split_sentence_bound_indices() {
        if rel >= i && rel < i + s.len() {
            return (from + i, from + i + s.len());
        }
    }
    (from, to)
}

/// Byte ranges of the sentences of `text[from..to]`, in order.
pub fn sentences(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    text[from..to]
        .split_sentence_bound_indices()
        .map(|(i, s)| (from + i, from + i + s.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_sentence() {
        let t = "Primera frase. Segunda frase aquí. Tercera.";
        let pos = t.find("aquí").unwrap();
        let (s, e) = sentence_around(t, 0, t.len(), pos);
        assert_eq!(&t[s..e], "Segunda frase aquí. ");
        let all = sentences(t, 0, t.len());
        assert_eq!(all.len(), 3);
        assert_eq!(all[1], (s, e));
    }
}
