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

/// Sentence bounds of a segment, computed only as far as they are asked for: candidates come
/// in text order, so a paragraph is segmented up to its last candidate, not to its end.
pub struct LazySentences<'a> {
    from: usize,
    iter: unicode_segmentation::USentenceBoundIndices<'a>,
    bounds: Vec<(usize, usize)>,
}

impl<'a> LazySentences<'a> {
    pub fn new(text: &'a str, from: usize, to: usize) -> Self {
        LazySentences {
            from,
            iter: text[from..to].split_sentence_bound_indices(),
            bounds: Vec::new(),
        }
    }

    /// The sentence that contains `pos` (or the last one, past the end).
    pub fn around(&mut self, pos: usize) -> Option<(usize, usize)> {
        while self.bounds.last().is_none_or(|b| b.1 <= pos) {
            match self.iter.next() {
                Some((i, s)) => self.bounds.push((self.from + i, self.from + i + s.len())),
                None => break,
            }
        }
        let k = self.bounds.partition_point(|b| b.1 <= pos);
        self.bounds.get(k).or(self.bounds.last()).copied()
    }
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
        let mut lazy = LazySentences::new(t, 0, t.len());
        assert_eq!(lazy.around(pos), Some((s, e)));
        assert_eq!(lazy.around(0), Some(all[0]));
    }
}
