//! The compiled glossary: every pattern of every entry expanded into a word trie over
//! vocabulary ids, built once at start-up and shared by all threads. Matching is one pass over
//! the tokens of a segment; words outside the vocabulary cost one hash lookup.

use super::pattern::{self, Sequence};
use super::{Entry, Glossary, Window};
use crate::inflect::Features;
use crate::text::fold::{fold, strip_accents};
use crate::text::scan::{self, Join, Token, Vocab, NO_ID};
use rustc_hash::FxHashMap;

const ROOT: u32 = 0;

/// A context cue: one or more words, each exact or a prefix (`empresa*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    words: Vec<(String, bool)>,
}

impl Cue {
    pub fn parse(src: &str) -> Result<Self, String> {
        let mut words = Vec::new();
        for w in src.split_whitespace() {
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
    fn occurs(&self, words: &[(usize, usize, String)], skip: (usize, usize)) -> bool {
        let n = self.words.len();
        if words.len() < n {
            return false;
        }
        'outer: for i in 0..=words.len() - n {
            for (k, (cw, prefix)) in self.words.iter().enumerate() {
                let (s, e, w) = &words[i + k];
                if *s < skip.1 && skip.0 < *e {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowKind {
    Sentence,
    Paragraph,
    Words(usize),
}

/// What an entry needs beyond its words.
#[derive(Debug, Clone)]
pub struct CompiledEntry {
    pub requires: Vec<Cue>,
    pub blocks: Vec<Cue>,
    pub window: WindowKind,
    pub case_sensitive: bool,
}

#[derive(Debug, Clone)]
struct Accept {
    entry: u32,
    exception: bool,
    len: u16,
    focus: (u16, u16),
    features: Features,
    /// Case-kept words, for case-sensitive entries.
    cased: Option<Box<[Option<String>]>>,
    /// The focus words as generated (lowercase, accents kept).
    surface: Box<str>,
}

#[derive(Debug, Clone, Default)]
struct Node {
    edges: FxHashMap<u64, u32>,
    any: Option<u32>,
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
    /// The matched words are exactly the generated form, accents included.
    pub exact: bool,
}

#[derive(Debug, Clone)]
pub struct Matcher {
    vocab: Vocab,
    nodes: Vec<Node>,
    /// Root edges by vocabulary id (dense: one array lookup per known word).
    root: Vec<u32>,
    pub entries: Vec<CompiledEntry>,
}

const NO_NODE: u32 = u32::MAX;

impl Matcher {
    /// Compiles every pattern and exception of the glossary. `extra` words are added to the
    /// vocabulary so that other checks can recognise them by id (stop words).
    pub fn build(g: &Glossary, extra: &[String]) -> Result<Self, String> {
        let mut m = Matcher {
            vocab: Vocab::default(),
            nodes: vec![Node::default()],
            root: Vec::new(),
            entries: Vec::with_capacity(g.entries.len()),
        };
        for w in extra {
            m.vocab.intern(&fold(w));
        }
        for (i, e) in g.entries.iter().enumerate() {
            m.entries.push(compile_entry(e)?);
            for p in &e.patterns {
                let parsed = pattern::parse(p).map_err(|x| format!("{}: {p:?}: {x}", e.id))?;
                for seq in pattern::expand(&parsed, &g.lang)? {
                    m.insert(&seq, i as u32, false, e.case_sensitive);
                }
            }
            for x in &e.exceptions {
                let parsed = pattern::parse(x).map_err(|y| format!("{}: {x:?}: {y}", e.id))?;
                for seq in pattern::expand(&parsed, &g.lang)? {
                    // An exception covers its whole phrase.
                    let whole = Sequence {
                        focus: (0, seq.words.len()),
                        ..seq
                    };
                    m.insert(&whole, i as u32, true, false);
                }
            }
        }
        m.root = vec![NO_NODE; m.vocab.len()];
        for (&key, &node) in &m.nodes[ROOT as usize].edges {
            m.root[(key >> 2) as usize] = node;
        }
        Ok(m)
    }

    fn insert(&mut self, seq: &Sequence, entry: u32, exception: bool, case_sensitive: bool) {
        let mut node = ROOT;
        for (k, (word, join)) in seq.words.iter().enumerate() {
            let next = match word {
                None => match self.nodes[node as usize].any {
                    Some(n) => n,
                    None => {
                        let n = self.new_node();
                        self.nodes[node as usize].any = Some(n);
                        n
                    }
                },
                Some(w) => {
                    let id = self.vocab.intern(w) as u64;
                    let key = if k == 0 {
                        id << 2
                    } else {
                        (id << 2) | join_code(*join)
                    };
                    match self.nodes[node as usize].edges.get(&key) {
                        Some(&n) => n,
                        None => {
                            let n = self.new_node();
                            self.nodes[node as usize].edges.insert(key, n);
                            n
                        }
                    }
                }
            };
            node = next;
        }
        self.nodes[node as usize].accepts.push(Accept {
            entry,
            exception,
            len: seq.words.len() as u16,
            focus: (seq.focus.0 as u16, seq.focus.1 as u16),
            features: seq.features,
            cased: case_sensitive.then(|| seq.cased.clone().into_boxed_slice()),
            surface: seq.surface[seq.focus.0..seq.focus.1]
                .iter()
                .map(|w| w.as_deref().unwrap_or("*"))
                .collect::<Vec<_>>()
                .join(" ")
                .into(),
        });
    }

    fn new_node(&mut self) -> u32 {
        self.nodes.push(Node::default());
        (self.nodes.len() - 1) as u32
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// Number of trie nodes (for diagnostics and benchmarks).
    pub fn node_count(&self) -> usize {
        self.nodes.len()
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
            let first = self.root[t.id as usize];
            if first == NO_NODE {
                continue;
            }
            states.clear();
            states.push(first);
            let mut j = i;
            loop {
                for &s in &states {
                    for a in &self.nodes[s as usize].accepts {
                        raw.push((i, a));
                    }
                }
                j += 1;
                if j >= tokens.len() || states.is_empty() {
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
                    if tj.id != NO_ID {
                        if let Some(&n) = node.edges.get(&key) {
                            next.push(n);
                        }
                    }
                    if tj.join == Join::Space {
                        if let Some(n) = node.any {
                            next.push(n);
                        }
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
        let mut words_cache: Option<Vec<(usize, usize, String)>> = None;
        let mut out = Vec::new();
        for &(i, a) in raw.iter().filter(|(_, a)| !a.exception) {
            let first = &tokens[i + a.focus.0 as usize];
            let last = &tokens[i + a.focus.1 as usize - 1];
            let (start, end) = (first.start, last.end);
            let full_start = tokens[i].start;
            let full_end = tokens[i + a.len as usize - 1].end;
            if let Some(cased) = &a.cased {
                let ok = cased.iter().enumerate().all(|(k, w)| match w {
                    None => true,
                    Some(w) => {
                        let t = &tokens[i + k];
                        strip_accents(&text[t.start..t.end]) == *w
                    }
                });
                if !ok {
                    continue;
                }
            }
            if exceptions
                .iter()
                .any(|&(e, s, x)| e == a.entry && s < end && start < x)
            {
                continue;
            }
            let ce = &self.entries[a.entry as usize];
            if !ce.requires.is_empty() || !ce.blocks.is_empty() {
                let words = words_cache
                    .get_or_insert_with(|| scan::folded_words(text, from, to))
                    .as_slice();
                let window = window_words(text, from, to, words, ce.window, full_start, full_end);
                let skip = (full_start, full_end);
                if !ce.requires.is_empty() && !ce.requires.iter().any(|c| c.occurs(window, skip)) {
                    continue;
                }
                if ce.blocks.iter().any(|c| c.occurs(window, skip)) {
                    continue;
                }
            }
            let exact = {
                let words: Vec<String> = tokens[i + a.focus.0 as usize..i + a.focus.1 as usize]
                    .iter()
                    .map(|t| text[t.start..t.end].to_lowercase())
                    .collect();
                words.join(" ") == *a.surface
            };
            out.push(Match {
                entry: a.entry as usize,
                start,
                end,
                full_start,
                full_end,
                features: a.features,
                exact,
            });
        }
        out
    }
}

fn window_words<'a>(
    text: &str,
    from: usize,
    to: usize,
    words: &'a [(usize, usize, String)],
    kind: WindowKind,
    start: usize,
    end: usize,
) -> &'a [(usize, usize, String)] {
    match kind {
        WindowKind::Paragraph => words,
        WindowKind::Sentence => {
            let (s, e) = crate::text::sentences::sentence_around(text, from, to, start);
            let e = e.max(end);
            let lo = words.partition_point(|w| w.1 <= s);
            let hi = words.partition_point(|w| w.0 < e);
            &words[lo..hi.max(lo)]
        }
        WindowKind::Words(n) => {
            let lo = words.partition_point(|w| w.1 <= start).saturating_sub(n);
            let hi = (words.partition_point(|w| w.0 < end) + n).min(words.len());
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
        requires: cues(&e.context.requires)?,
        blocks: cues(&e.context.blocks)?,
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
