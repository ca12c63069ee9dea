//! The compiled glossary: every pattern of every entry compiled into chains of states over
//! vocabulary ids, built once at start-up and shared by all threads. Matching is one pass over
//! the tokens of a segment; words outside the vocabulary cost one hash lookup.

use super::pattern::{self, Variant};
use super::{Entry, Glossary, Window};
use crate::inflect::Features;
use crate::text::fold::{fold, strip_accents};
use crate::text::scan::{FoldedWord, FoldedWords, Join, Token, Vocab, NO_ID};
use rustc_hash::{FxHashMap, FxHashSet};

/// A context cue: one or more words, each exact or a prefix (`empresa*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    words: Vec<(String, bool)>,
}

impl Cue {
    pub fn parse(src: &str) -> Result<Self, String> {
        let mut words = Vec::new();
        // Hyphens and apostrophes separate words, as in the text (e-sports → e sports).
        for w in src.split(|c: char| c.is_whitespace() || c == '-' || c == '\'' || c == '’') {
            if w.is_empty() {
                continue;
            }
            let (w, prefix) = match w.strip_suffix('*') {
                Some(p) => (p, true),
                None => (w, false),
            };
            if w.is_empty() || !w.chars().all(char::is_alphanumeric) {
                return Err("a cue is words of letters and digits, each may end in '*'".into());
            }
            words.push((fold(w), prefix));
        }
        if words.is_empty() {
            return Err("empty cue".into());
        }
        Ok(Cue { words })
    }

    /// Whether the cue occurs in `words` (folded), outside the `skip` range.
    fn occurs(&self, fw: &FoldedWords, words: &[FoldedWord], skip: (usize, usize)) -> bool {
        let n = self.words.len();
        if words.len() < n {
            return false;
        }
        'outer: for i in 0..=words.len() - n {
            for (k, (cw, prefix)) in self.words.iter().enumerate() {
                let word = &words[i + k];
                let (s, e, w) = (word.start, word.end, fw.text(word));
                if s < skip.1 && skip.0 < e {
                    continue 'outer;
                }
                let ok = if *prefix {
                    w.starts_with(cw.as_str())
                } else {
                    w == cw
                };
                if !ok {
                    continue 'outer;
                }
            }
            return true;
        }
        false
    }
}

/// An entry's cues, indexed: one-word cues in hash sets (exact words, and prefixes by length),
/// so a window is checked in one pass over its words instead of one pass per cue.
#[derive(Debug, Clone, Default)]
pub struct CueSet {
    exact: FxHashSet<Box<str>>,
    prefixes: FxHashSet<Box<str>>,
    /// Byte lengths of the prefixes, ascending.
    prefix_lens: Vec<usize>,
    multi: Vec<Cue>,
}

impl CueSet {
    fn new(cues: Vec<Cue>) -> Self {
        let mut set = CueSet::default();
        for c in cues {
            match c.words.as_slice() {
                [(w, false)] => {
                    set.exact.insert(w.as_str().into());
                }
                [(w, true)] => {
                    set.prefixes.insert(w.as_str().into());
                    if !set.prefix_lens.contains(&w.len()) {
                        set.prefix_lens.push(w.len());
                    }
                }
                _ => set.multi.push(c),
            }
        }
        set.prefix_lens.sort_unstable();
        set
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefixes.is_empty() && self.multi.is_empty()
    }

    /// Whether any cue occurs in `words` outside `skip`.
    fn occurs(&self, fw: &FoldedWords, words: &[FoldedWord], skip: (usize, usize)) -> bool {
        for word in words {
            if word.start < skip.1 && skip.0 < word.end {
                continue;
            }
            let w = fw.text(word);
            if self.exact.contains(w) {
                return true;
            }
            for &n in &self.prefix_lens {
                if n > w.len() {
                    break;
                }
                if w.is_char_boundary(n) && self.prefixes.contains(&w[..n]) {
                    return true;
                }
            }
        }
        self.multi.iter().any(|c| c.occurs(fw, words, skip))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowKind {
    Sentence,
    Paragraph,
    Words(usize),
}

/// What an entry needs beyond its words.
#[derive(Debug, Clone)]
pub struct CompiledEntry {
    pub requires: CueSet,
    pub blocks: CueSet,
    pub window: WindowKind,
    pub case_sensitive: bool,
}

#[derive(Debug, Clone)]
struct Accept {
    entry: u32,
    exception: bool,
    len: u16,
    focus: (u16, u16),
    /// Index into `Matcher::variants`.
    variant: u32,
    case_sensitive: bool,
}

/// A state of a pattern chain: the words consumed so far; `keys` are the next slot's words.
#[derive(Debug, Clone, Default)]
struct Node {
    /// Sorted: a binary search (most nodes have a handful of keys).
    keys: Vec<u64>,
    any: bool,
    next: Option<u32>,
    accepts: Vec<Accept>,
}

fn join_code(j: Join) -> u64 {
    match j {
        Join::Space => 0,
        Join::Hyphen => 1,
        Join::Apostrophe => 2,
        Join::Break => 3,
    }
}

/// A glossary match, before overlap resolution.
#[derive(Debug, Clone)]
pub struct Match {
    pub entry: usize,
    /// Byte range of the focus.
    pub start: usize,
    pub end: usize,
    /// Byte range of the whole matched phrase.
    pub full_start: usize,
    pub full_end: usize,
    pub features: Features,
    /// The head word is exactly the generated form, accents included.
    pub exact: bool,
}

/// The patterns that start with one word.
#[derive(Debug, Clone, Default)]
struct Start {
    /// States that accept after this one word.
    single: Vec<u32>,
    /// States after two words, by the key of the second word.
    by_next: FxHashMap<u64, Vec<u32>>,
    /// States after two words whose second slot is `*`.
    any_next: Vec<u32>,
}

const NO_START: u32 = u32::MAX;

#[derive(Debug, Clone)]
pub struct Matcher {
    vocab: Vocab,
    nodes: Vec<Node>,
    /// Index into `starts` by vocabulary id (`NO_START` for words that start no pattern).
    root: Vec<u32>,
    /// One bit per vocabulary id: does the word start a pattern? (1 KB: stays in L1 cache.)
    is_start: Vec<u64>,
    /// What may follow each first word, indexed by the second word: one hash lookup per
    /// occurrence of a frequent first word ("el", "de") however many patterns start with it.
    starts: Vec<Start>,
    variants: Vec<Variant>,
    pub entries: Vec<CompiledEntry>,
}

impl Matcher {
    /// Compiles every pattern and exception of the glossary into chains of states, one per
    /// pattern variant. `extra` words are added to the vocabulary so that other checks can
    /// recognise them by id (stop words).
    pub fn build(g: &Glossary, extra: &[String]) -> Result<Self, String> {
        let mut m = Matcher {
            vocab: Vocab::default(),
            nodes: Vec::new(),
            root: Vec::new(),
            is_start: Vec::new(),
            starts: Vec::new(),
            variants: Vec::new(),
            entries: Vec::with_capacity(g.entries.len()),
        };
        // About 40 distinct forms per entry (verbs have 58): room made once, not by doubling.
        let mut vocab = Vocab::with_capacity(g.entries.len() * 40 + extra.len());
        for w in extra {
            vocab.intern_hot(&fold(w));
        }
        let mut firsts: Vec<(u32, u32)> = Vec::new();
        let mut cache = pattern::FormCache::with_vocab(vocab);
        for (i, e) in g.entries.iter().enumerate() {
            m.entries.push(compile_entry(e)?);
            let sources = e
                .patterns
                .iter()
                .map(|p| (p, false))
                .chain(e.exceptions.iter().map(|x| (x, true)));
            for (src, exception) in sources {
                let parsed = pattern::parse(src).map_err(|x| format!("{}: {src:?}: {x}", e.id))?;
                for mut v in pattern::compile_with(&parsed, &g.lang, &mut cache)? {
                    if exception {
                        // An exception covers its whole phrase.
                        v.focus = (0, v.slots.len());
                    }
                    m.insert(
                        v,
                        i as u32,
                        exception,
                        e.case_sensitive && !exception,
                        &mut firsts,
                    );
                }
            }
        }
        m.vocab = std::mem::take(&mut cache.vocab);
        m.root = vec![NO_START; m.vocab.len()];
        m.is_start = vec![0; m.vocab.len() / 64 + 1];
        for &(id, _) in &firsts {
            m.is_start[id as usize / 64] |= 1 << (id % 64);
        }
        // The forms of one first word (a verb's 56) start the same patterns: their `Start` is
        // built once and shared.
        firsts.sort_unstable();
        firsts.dedup();
        let mut by_nodes: FxHashMap<Vec<u32>, u32> = FxHashMap::default();
        for group in firsts.chunk_by(|a, b| a.0 == b.0) {
            let id = group[0].0;
            let nodes: Vec<u32> = group.iter().map(|&(_, n)| n).collect();
            let si = match by_nodes.get(&nodes) {
                Some(&si) => si,
                None => {
                    let si = m.starts.len() as u32;
                    m.starts.push(m.start_of(&nodes));
                    by_nodes.insert(nodes, si);
                    si
                }
            };
            m.root[id as usize] = si;
        }
        Ok(m)
    }

    /// What may follow a first word that starts the chains at `nodes` (ascending).
    fn start_of(&self, nodes: &[u32]) -> Start {
        let mut start = Start::default();
        for &node in nodes {
            let n = &self.nodes[node as usize];
            if !n.accepts.is_empty() {
                start.single.push(node);
            }
            let Some(second) = n.next else { continue };
            if n.any && !start.any_next.contains(&second) {
                start.any_next.push(second);
            }
            for &key in &n.keys {
                let list = start.by_next.entry(key).or_default();
                if !list.contains(&second) {
                    list.push(second);
                }
            }
        }
        start
    }

    fn insert(
        &mut self,
        v: Variant,
        entry: u32,
        exception: bool,
        case_sensitive: bool,
        firsts: &mut Vec<(u32, u32)>,
    ) {
        let base = self.nodes.len() as u32;
        let k = v.slots.len();
        // Node base + j is the state after j + 1 slots.
        for j in 0..k {
            let mut node = Node::default();
            if let Some(slot) = v.slots.get(j + 1) {
                node.any = slot.any;
                node.next = Some(base + j as u32 + 1);
                for f in slot.forms.iter() {
                    node.keys.push(((f.id as u64) << 2) | join_code(slot.join));
                }
                node.keys.sort_unstable();
                node.keys.dedup();
            }
            self.nodes.push(node);
        }
        for f in v.slots[0].forms.iter() {
            firsts.push((f.id, base));
        }
        let accept = Accept {
            entry,
            exception,
            len: k as u16,
            focus: (v.focus.0 as u16, v.focus.1 as u16),
            variant: self.variants.len() as u32,
            case_sensitive,
        };
        self.nodes[(base as usize) + k - 1].accepts.push(accept);
        self.variants.push(v);
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// Number of states (for diagnostics and benchmarks).
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Features of the head word of a match, and whether it is the exact generated form.
    fn head_features(
        &self,
        a: &Accept,
        text: &str,
        tokens: &[Token],
        i: usize,
    ) -> (Features, bool) {
        let v = &self.variants[a.variant as usize];
        let Some(h) = v.head else {
            return (Features::default(), true);
        };
        let t = &tokens[i + h];
        let word = &text[t.start..t.end];
        let lower = word.to_lowercase();
        let mut best: Option<(Features, bool)> = None;
        for f in v.slots[h].forms.iter().filter(|f| f.id == t.id) {
            let exact = f.text.to_lowercase() == lower;
            if best.is_none() || (exact && !best.is_some_and(|b| b.1)) {
                best = Some((f.features, exact));
            }
        }
        best.unwrap_or((Features::default(), false))
    }

    fn case_matches(&self, a: &Accept, text: &str, tokens: &[Token], i: usize) -> bool {
        let v = &self.variants[a.variant as usize];
        v.slots.iter().enumerate().all(|(j, slot)| {
            if slot.any {
                return true;
            }
            let t = &tokens[i + j];
            let cased = strip_accents(&text[t.start..t.end]);
            slot.forms
                .iter()
                .any(|f| f.id == t.id && f.cased() == cased)
        })
    }

    /// Finds the matches of every entry in one segment `text[from..to]` whose tokens are given.
    /// Exceptions and context cues are applied; overlaps are not resolved here.
    pub fn find(&self, text: &str, from: usize, to: usize, tokens: &[Token]) -> Vec<Match> {
        let mut raw: Vec<(usize, &Accept)> = Vec::new();
        let mut states: Vec<u32> = Vec::new();
        let mut next: Vec<u32> = Vec::new();
        for i in 0..tokens.len() {
            let t = &tokens[i];
            if t.id == NO_ID {
                continue;
            }
            if self.is_start[t.id as usize / 64] & (1 << (t.id % 64)) == 0 {
                continue;
            }
            let si = self.root[t.id as usize];
            if si == NO_START {
                continue;
            }
            let start = &self.starts[si as usize];
            for &s in &start.single {
                for a in &self.nodes[s as usize].accepts {
                    raw.push((i, a));
                }
            }
            let Some(t2) = tokens.get(i + 1) else {
                continue;
            };
            if t2.join == Join::Break {
                continue;
            }
            states.clear();
            if t2.id != NO_ID {
                let key = ((t2.id as u64) << 2) | join_code(t2.join);
                if let Some(list) = start.by_next.get(&key) {
                    states.extend_from_slice(list);
                }
            }
            if t2.join == Join::Space {
                states.extend_from_slice(&start.any_next);
            }
            if states.is_empty() {
                continue;
            }
            let mut j = i + 1;
            loop {
                for &s in &states {
                    for a in &self.nodes[s as usize].accepts {
                        raw.push((i, a));
                    }
                }
                j += 1;
                if j >= tokens.len() {
                    break;
                }
                let tj = &tokens[j];
                if tj.join == Join::Break {
                    break;
                }
                next.clear();
                let key = ((tj.id as u64) << 2) | join_code(tj.join);
                for &s in &states {
                    let node = &self.nodes[s as usize];
                    let Some(n) = node.next else { continue };
                    if (node.any && tj.join == Join::Space)
                        || (tj.id != NO_ID && node.keys.binary_search(&key).is_ok())
                    {
                        next.push(n);
                    }
                }
                std::mem::swap(&mut states, &mut next);
                if states.is_empty() {
                    break;
                }
            }
        }
        if raw.is_empty() {
            return Vec::new();
        }
        // Exceptions first: byte spans per entry.
        let exceptions: Vec<(u32, usize, usize)> = raw
            .iter()
            .filter(|(_, a)| a.exception)
            .map(|&(i, a)| (a.entry, tokens[i].start, tokens[i + a.len as usize - 1].end))
            .collect();
        let mut words_cache: Option<FoldedWords> = None;
        let mut sentences = crate::text::sentences::LazySentences::new(text, from, to);
        let mut out = Vec::new();
        for &(i, a) in raw.iter().filter(|(_, a)| !a.exception) {
            let first = &tokens[i + a.focus.0 as usize];
            let last = &tokens[i + a.focus.1 as usize - 1];
            let (start, end) = (first.start, last.end);
            let full_start = tokens[i].start;
            let full_end = tokens[i + a.len as usize - 1].end;
            if a.case_sensitive && !self.case_matches(a, text, tokens, i) {
                continue;
            }
            if exceptions
                .iter()
                .any(|&(e, s, x)| e == a.entry && s < end && start < x)
            {
                continue;
            }
            let ce = &self.entries[a.entry as usize];
            if !ce.requires.is_empty() || !ce.blocks.is_empty() {
                let fw = words_cache.get_or_insert_with(|| FoldedWords::new(text, tokens));
                let words = fw.words.as_slice();
                let sentence = if ce.window == WindowKind::Sentence {
                    sentences.around(full_start)
                } else {
                    None
                };
                let window = window_words(words, sentence, ce.window, full_start, full_end);
                let skip = (full_start, full_end);
                if !ce.requires.is_empty() && !ce.requires.occurs(fw, window, skip) {
                    continue;
                }
                if ce.blocks.occurs(fw, window, skip) {
                    continue;
                }
            }
            let (features, exact) = self.head_features(a, text, tokens, i);
            out.push(Match {
                entry: a.entry as usize,
                start,
                end,
                full_start,
                full_end,
                features,
                exact,
            });
        }
        out
    }
}

fn window_words(
    words: &[FoldedWord],
    sentence: Option<(usize, usize)>,
    kind: WindowKind,
    start: usize,
    end: usize,
) -> &[FoldedWord] {
    match kind {
        WindowKind::Paragraph => words,
        WindowKind::Sentence => {
            let (s, e) = sentence.unwrap_or((start, end));
            let e = e.max(end);
            let lo = words.partition_point(|w| w.end <= s);
            let hi = words.partition_point(|w| w.start < e);
            &words[lo..hi.max(lo)]
        }
        WindowKind::Words(n) => {
            let lo = words.partition_point(|w| w.end <= start).saturating_sub(n);
            let hi = (words.partition_point(|w| w.start < end) + n).min(words.len());
            &words[lo..hi.max(lo)]
        }
    }
}

fn compile_entry(e: &Entry) -> Result<CompiledEntry, String> {
    let cues = |list: &[String]| -> Result<Vec<Cue>, String> {
        list.iter()
            .map(|c| Cue::parse(c).map_err(|m| format!("{}: cue {c:?}: {m}", e.id)))
            .collect()
    };
    Ok(CompiledEntry {
        requires: CueSet::new(cues(&e.context.requires)?),
        blocks: CueSet::new(cues(&e.context.blocks)?),
        window: match &e.context.window {
            Window::Default => WindowKind::Sentence,
            Window::Named(n) if n == "paragraph" => WindowKind::Paragraph,
            Window::Named(_) => WindowKind::Sentence,
            Window::Words(n) => WindowKind::Words(*n),
        },
        case_sensitive: e.case_sensitive,
    })
}

/// Keeps the best of overlapping matches: the longest phrase, then the longest focus, then the
/// entry listed first.
pub fn resolve_overlaps(mut ms: Vec<Match>) -> Vec<Match> {
    ms.sort_by(|a, b| {
        (b.full_end - b.full_start)
            .cmp(&(a.full_end - a.full_start))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.entry.cmp(&b.entry))
            .then(b.exact.cmp(&a.exact))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Match> = Vec::with_capacity(ms.len());
    for m in ms {
        if kept.iter().all(|k| m.end <= k.start || k.end <= m.start) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| (m.start, m.end));
    kept
}
