//! The fast word scanner on the hot path: words with byte offsets, folded and looked up in the
//! vocabulary of the compiled glossary in one pass, without allocating per word.
//!
//! A word is a maximal run of alphanumeric characters. What separates two words decides whether a
//! phrase may continue across it: white space (no blank line) or a single hyphen.

use super::fold::fold_into;
use rustc_hash::FxHashMap;

/// Id of a word that occurs in no pattern.
pub const NO_ID: u32 = u32::MAX;

/// What stands between a token and the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// White space only, at most one line break.
    Space,
    /// Exactly one hyphen (`C-end`).
    Hyphen,
    /// Exactly one apostrophe (`l'entreprise`).
    Apostrophe,
    /// Anything else: punctuation, a blank line, the start of the segment.
    Break,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub join: Join,
    /// Vocabulary id of the folded word, or [`NO_ID`].
    pub id: u32,
}

/// Folded words → ids, with a small bit filter in front of the hash map: most words of a text
/// are not in the vocabulary, and the filter turns them away without hashing.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Words of up to 16 bytes, keyed by their bytes packed in a u128: hashing and comparing
    /// are integer operations inside the table, with no pointer to follow.
    short: FxHashMap<u128, u32>,
    /// Longer words.
    ids: FxHashMap<Box<str>, u32>,
    max_len: usize,
    filter: Vec<u64>,
    /// The most frequent words (stop words), direct-mapped by their packed bytes: one multiply
    /// and one compare, in a table small enough to stay in cache.
    hot_keys: Vec<u128>,
    hot_ids: Vec<u32>,
}

const HOT_SLOTS: usize = 1024;

#[inline]
fn hot_slot(k: u128) -> usize {
    let h = (k as u64 ^ (k >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 54) as usize % HOT_SLOTS
}

const FILTER_BITS: usize = 1 << 18;

/// A word of up to 16 bytes packed into an integer (zero-padded; words never contain NUL).
///
/// Built from two overlapping fixed-size loads instead of a variable-length copy (which the
/// compiler turns into a `memcpy` call on every word).
#[inline]
fn pack(w: &[u8]) -> Option<u128> {
    let n = w.len();
    let load8 = |at: usize| -> u64 {
        let mut b = [0u8; 8];
        b.copy_from_slice(&w[at..at + 8]);
        u64::from_le_bytes(b)
    };
    let load4 = |at: usize| -> u64 {
        let mut b = [0u8; 4];
        b.copy_from_slice(&w[at..at + 4]);
        u32::from_le_bytes(b) as u64
    };
    match n {
        0..=3 => {
            let mut x = 0u64;
            for (k, &b) in w.iter().enumerate() {
                x |= (b as u64) << (8 * k);
            }
            Some(x as u128)
        }
        4..=7 => Some((load4(0) | (load4(n - 4) << (8 * (n - 4)))) as u128),
        8 => Some(load8(0) as u128),
        9..=16 => {
            let hi = load8(n - 8) >> (8 * (16 - n));
            Some(load8(0) as u128 | ((hi as u128) << 64))
        }
        _ => None,
    }
}

/// Filter slot of a folded word: its length, first two and last bytes.
#[inline]
fn filter_slot(w: &[u8]) -> usize {
    let n = w.len();
    let (a, b, z) = match n {
        0 => (0, 0, 0),
        1 => (w[0], 0, w[0]),
        _ => (w[0], w[1], w[n - 1]),
    };
    let h = (a as usize)
        .wrapping_mul(0x9E37)
        .wrapping_add((b as usize).wrapping_mul(0x85EB))
        .wrapping_add((z as usize).wrapping_mul(0xC2B3))
        .wrapping_add(n.min(31).wrapping_mul(0x27D4));
    (h ^ (h >> 7)) % FILTER_BITS
}

/// Filter slot of a word from its packed bytes (all of them count: few false passes).
#[inline]
fn packed_slot(k: u128) -> usize {
    let x = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - 18)) as usize
}

/// Filter slot of any folded word.
#[inline]
fn slot_of(w: &[u8], packed: Option<u128>) -> usize {
    match packed {
        Some(k) => packed_slot(k),
        None => filter_slot(w),
    }
}

impl Vocab {
    /// An empty vocabulary with room for `n` words of up to 16 bytes.
    pub fn with_capacity(n: usize) -> Self {
        let mut short = FxHashMap::default();
        short.reserve(n);
        Vocab {
            short,
            ..Default::default()
        }
    }

    fn lookup(&self, folded: &str) -> Option<u32> {
        match pack(folded.as_bytes()) {
            Some(k) => self.short.get(&k).copied(),
            None => self.ids.get(folded).copied(),
        }
    }

    /// Adds a frequent word: it also gets a slot in the direct-mapped table when one is free.
    pub fn intern_hot(&mut self, folded: &str) -> u32 {
        let id = self.intern(folded);
        if let Some(k) = pack(folded.as_bytes()) {
            if self.hot_keys.is_empty() {
                self.hot_keys = vec![0; HOT_SLOTS];
                self.hot_ids = vec![NO_ID; HOT_SLOTS];
            }
            let slot = hot_slot(k);
            if self.hot_keys[slot] == 0 {
                self.hot_keys[slot] = k;
                self.hot_ids[slot] = id;
            }
        }
        id
    }

    pub fn intern(&mut self, folded: &str) -> u32 {
        if let Some(id) = self.lookup(folded) {
            return id;
        }
        let id = self.len() as u32;
        self.max_len = self.max_len.max(folded.len());
        if self.filter.is_empty() {
            self.filter = vec![0; FILTER_BITS / 64];
        }
        let slot = slot_of(folded.as_bytes(), pack(folded.as_bytes()));
        self.filter[slot / 64] |= 1 << (slot % 64);
        match pack(folded.as_bytes()) {
            Some(k) => {
                self.short.insert(k, id);
            }
            None => {
                self.ids.insert(folded.into(), id);
            }
        }
        id
    }

    #[inline]
    pub fn get(&self, folded: &str) -> u32 {
        if folded.len() > self.max_len || self.filter.is_empty() {
            return NO_ID;
        }
        let packed = pack(folded.as_bytes());
        if let (Some(k), false) = (packed, self.hot_keys.is_empty()) {
            let slot = hot_slot(k);
            if self.hot_keys[slot] == k {
                return self.hot_ids[slot];
            }
        }
        let slot = slot_of(folded.as_bytes(), packed);
        if self.filter[slot / 64] & (1 << (slot % 64)) == 0 {
            return NO_ID;
        }
        match packed {
            Some(k) => self.short.get(&k).copied().unwrap_or(NO_ID),
            None => self.ids.get(folded).copied().unwrap_or(NO_ID),
        }
    }

    pub fn len(&self) -> usize {
        self.short.len() + self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[inline]
fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

const HI: u64 = 0x8080_8080_8080_8080;

/// Per byte of `x` (all below 0x80), the high bit set when the byte is in `lo..=hi`.
#[inline]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let ge_lo = x.wrapping_add(0x0101_0101_0101_0101 * (0x80 - lo as u64));
    let gt_hi = x.wrapping_add(0x0101_0101_0101_0101 * (0x7F - hi as u64));
    ge_lo & !gt_hi & HI
}

/// How many of the eight bytes, from the first, are ASCII letters or digits, and whether an
/// uppercase letter is among them.
#[inline]
fn ascii_word_run(b: &[u8]) -> (usize, bool) {
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    let x = u64::from_le_bytes(a);
    let ascii = !x & HI;
    // Bytes of 0x80 and above are masked off before the additions, so no carry crosses bytes.
    let y = x & !HI;
    let upper = in_range(y, b'A', b'Z') & ascii;
    let word = (in_range(y, b'a', b'z') | in_range(y, b'0', b'9')) & ascii | upper;
    let run = ((!word & HI).trailing_zeros() / 8) as usize;
    // Only the uppercase letters inside the run count.
    let in_run = if run == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * run)) - 1
    };
    (run, upper & in_run != 0)
}

/// Splits `text[range]` into tokens (offsets relative to `text`), appending them to `out`.
pub fn scan(text: &str, from: usize, to: usize, vocab: &Vocab, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut buf = String::with_capacity(32);
    let mut i = from;
    let mut prev_end: Option<usize> = None;
    while i < to {
        let b = bytes[i];
        // Skip non-word characters.
        if b < 0x80 {
            if !is_ascii_word_byte(b) {
                i += 1;
                continue;
            }
        } else {
            let (word, len) = non_ascii_word_char(text, bytes, i);
            if !word {
                i += len;
                continue;
            }
        }
        // A word starts at i: find its end first, then fold it once.
        let start = i;
        let mut ascii = true;
        let mut upper = false;
        while i < to {
            // Eight ASCII bytes at a time while they are letters and digits.
            if i + 8 <= to {
                let (run, up) = ascii_word_run(&bytes[i..i + 8]);
                upper |= up;
                i += run;
                if run == 8 {
                    continue;
                }
            }
            let b = bytes[i];
            if b < 0x80 {
                if !is_ascii_word_byte(b) {
                    break;
                }
                upper |= b.is_ascii_uppercase();
                i += 1;
            } else {
                let (word, len) = non_ascii_word_char(text, bytes, i);
                if !word {
                    break;
                }
                ascii = false;
                i += len;
            }
        }
        let word = &text[start..i];
        let too_long = word.len() > 4 * vocab.max_len.max(1);
        // Lowercase ASCII words (most words) are looked up as they stand, without a copy.
        let plain = ascii && !upper;
        if !too_long && !plain {
            buf.clear();
            if ascii {
                buf.push_str(word);
                buf.make_ascii_lowercase();
            } else {
                fold_into(word, &mut buf);
            }
        }
        let join = match prev_end {
            None => Join::Break,
            Some(pe) => classify_gap(&bytes[pe..start]),
        };
        let id = if too_long {
            NO_ID
        } else if plain {
            vocab.get(word)
        } else {
            vocab.get(&buf)
        };
        out.push(Token {
            start,
            end: i,
            join,
            id,
        });
        prev_end = Some(i);
    }
}

/// Whether the UTF-8 sequence at `i` (a non-ASCII lead byte) is a letter or digit, with a fast
/// path for the Latin-1 letters of Spanish, Portuguese, French… (C3 80..BF except × and ÷).
#[inline]
fn non_ascii_word_char(text: &str, bytes: &[u8], i: usize) -> (bool, usize) {
    if bytes[i] == 0xC3 {
        if let Some(&b) = bytes.get(i + 1) {
            return (b != 0x97 && b != 0xB7, 2);
        }
    }
    let c = decode(text, i);
    (c.is_alphanumeric(), c.len_utf8())
}

#[inline]
fn decode(text: &str, i: usize) -> char {
    // `i` is always at a char boundary: we only ever advance by whole characters.
    text[i..].chars().next().unwrap_or('\u{FFFD}')
}

fn classify_gap(gap: &[u8]) -> Join {
    if gap == b" " {
        return Join::Space;
    }
    if gap == b"-" {
        return Join::Hyphen;
    }
    if gap == b"'" || gap == "\u{2019}".as_bytes() {
        return Join::Apostrophe;
    }
    let mut newlines = 0;
    for &b in gap {
        match b {
            b' ' | b'\t' | b'\r' => {}
            b'\n' => {
                newlines += 1;
                if newlines > 1 {
                    return Join::Break;
                }
            }
            // No-break space U+00A0 is C2 A0.
            0xC2 | 0xA0 => {}
            _ => return Join::Break,
        }
    }
    Join::Space
}

/// A word of a segment with its folded form in a shared buffer.
#[derive(Debug, Clone, Copy)]
pub struct FoldedWord {
    pub start: usize,
    pub end: usize,
    lo: u32,
    hi: u32,
}

/// The folded words of a segment, in one buffer (no allocation per word). For context cues:
/// built only for segments that have a candidate match.
#[derive(Debug, Default)]
pub struct FoldedWords {
    buf: String,
    pub words: Vec<FoldedWord>,
}

impl FoldedWords {
    /// From the segment's tokens.
    pub fn new(text: &str, tokens: &[Token]) -> Self {
        let mut fw = FoldedWords {
            buf: String::with_capacity(tokens.len() * 8),
            words: Vec::with_capacity(tokens.len()),
        };
        for t in tokens {
            let lo = fw.buf.len() as u32;
            super::fold::fold_into(&text[t.start..t.end], &mut fw.buf);
            fw.words.push(FoldedWord {
                start: t.start,
                end: t.end,
                lo,
                hi: fw.buf.len() as u32,
            });
        }
        fw
    }

    /// The folded text of a word.
    pub fn text(&self, w: &FoldedWord) -> &str {
        &self.buf[w.lo as usize..w.hi as usize]
    }
}

/// The folded words of `text[from..to]` (tests and tools; not on the hot path).
pub fn folded_words(text: &str, from: usize, to: usize) -> Vec<(usize, usize, String)> {
    let mut toks = Vec::new();
    scan(text, from, to, &Vocab::default(), &mut toks);
    let fw = FoldedWords::new(text, &toks);
    fw.words
        .iter()
        .map(|w| (w.start, w.end, fw.text(w).to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_is_the_zero_padded_word() {
        let word = b"abcdefghijklmnopq";
        for n in 0..=17 {
            let w = &word[..n];
            let expected = (n <= 16).then(|| {
                let mut b = [0u8; 16];
                b[..n].copy_from_slice(w);
                u128::from_le_bytes(b)
            });
            assert_eq!(pack(w), expected, "length {n}");
        }
    }

    #[test]
    fn scans_words_with_offsets_and_joins() {
        let text = "La pista, del mercado C-end.\n\nOtra línea";
        let mut vocab = Vocab::default();
        let pista = vocab.intern("pista");
        let linea = vocab.intern("linea");
        let mut toks = Vec::new();
        scan(text, 0, text.len(), &vocab, &mut toks);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            ["La", "pista", "del", "mercado", "C", "end", "Otra", "línea"]
        );
        assert_eq!(toks[1].id, pista);
        assert_eq!(toks[7].id, linea);
        assert_eq!(toks[0].id, NO_ID);
        assert_eq!(toks[1].join, Join::Space);
        assert_eq!(toks[2].join, Join::Break);
        assert_eq!(toks[5].join, Join::Hyphen);
        assert_eq!(toks[6].join, Join::Break);
    }

    #[test]
    fn eight_byte_runs_agree_with_byte_by_byte() {
        let samples: [&[u8]; 7] = [
            b"abcdefgh",
            b"abc defg",
            b"ABCdef12",
            b"ab\xc3\xa1cdef",
            b"zZ09aA@[",
            b"`{/:az AZ",
            b"\x7f\x80abcdef",
        ];
        for s in samples {
            let s = &s[..8];
            let run = s.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            let up = s[..run].iter().any(|b| b.is_ascii_uppercase());
            assert_eq!(ascii_word_run(s), (run, up), "{s:?}");
        }
        for b in 0..=255u8 {
            let s = [b, b'a', b'a', b'a', b'a', b'a', b'a', b' '];
            let run = s.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            assert_eq!(ascii_word_run(&s).0, run, "byte {b}");
        }
    }

    #[test]
    fn a_single_line_break_joins() {
        let words = folded_words("modelo\na gran escala", 0, 20);
        assert_eq!(words.len(), 4);
        let mut toks = Vec::new();
        scan("modelo\na", 0, 8, &Vocab::default(), &mut toks);
        assert_eq!(toks[1].join, Join::Space);
    }
}
