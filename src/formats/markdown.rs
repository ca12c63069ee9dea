//! Markdown: only the translatable text is checked. The file is "masked": a copy of the same
//! length where everything that is not text (code blocks, inline code, link destinations, HTML
//! and comments, front matter) becomes a neutral byte, and emphasis markers between words
//! become spaces so that phrases still match across them ("la **pista**"). Offsets of findings
//! in the mask are offsets in the original file.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub use super::MASK;

/// The masked copy of a Markdown file and its suppression comments.
pub fn extract(text: &str) -> super::Extracted {
    let mut comments = Vec::new();
    let masked = mask_with(text, &mut comments);
    let found: Vec<(std::ops::Range<usize>, &str)> = comments
        .iter()
        .map(|r: &std::ops::Range<usize>| (r.clone(), &text[r.start + 4..r.end - 3]))
        .collect();
    super::Extracted {
        masked,
        suppressions: super::suppressions_from_comments(text, &found),
        ..Default::default()
    }
}

/// The masked copy of a Markdown file (same length, same line breaks).
pub fn mask(text: &str) -> String {
    mask_with(text, &mut Vec::new())
}

/// [`mask`], collecting the byte ranges of HTML comments (`<!-- ... -->`) on the way.
fn mask_with(text: &str, comments: &mut Vec<std::ops::Range<usize>>) -> String {
    let mut out: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { MASK })
        .collect();
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    let mut skip = 0usize; // inside code blocks and front matter
    let mut link_dest: Vec<String> = Vec::new();
    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::MetadataBlock(_)) => skip += 1,
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1)
            }
            Event::Start(Tag::Link { dest_url, .. }) => link_dest.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                link_dest.pop();
            }
            Event::Html(h) | Event::InlineHtml(h) if skip == 0 => {
                let mut from = 0;
                while let Some(i) = h[from..].find("<!--") {
                    let s = from + i;
                    let Some(j) = h[s + 4..].find("-->") else {
                        break;
                    };
                    let e = s + 4 + j + 3;
                    comments.push(range.start + s..range.start + e);
                    from = e;
                }
            }
            Event::Text(t) if skip == 0 => {
                // An autolink's text is its address: not prose.
                let is_address =
                    link_dest.last().is_some_and(|d| d.as_str() == &*t) || t.contains("://");
                if !is_address {
                    out[range.clone()].copy_from_slice(&text.as_bytes()[range]);
                }
            }
            _ => {}
        }
    }
    // Emphasis markers and spaces between two pieces of text become spaces.
    let mut i = 0;
    while i < out.len() {
        if out[i] != MASK {
            i += 1;
            continue;
        }
        let start = i;
        while i < out.len() && out[i] == MASK {
            i += 1;
        }
        let run = &text.as_bytes()[start..i];
        if run
            .iter()
            .all(|b| matches!(b, b'*' | b'_' | b'~' | b' ' | b'\t'))
        {
            out[start..i].fill(b' ');
        }
    }
    crate::text::utf8::try_into_string(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_and_offsets_masks_the_rest() {
        let md = "---\ntitle: pista\n---\n\n# La **pista** de IA\n\nUsa `el el` y [un enlace](https://x.com/a.Bc).\n\n```\nel el\n```\n";
        let m = mask(md);
        assert_eq!(m.len(), md.len());
        assert_eq!(m.matches('\n').count(), md.matches('\n').count());
        assert!(m.contains("La   pista   de IA"), "{m:?}");
        assert!(!m.contains("title"));
        assert!(!m.contains("el el"));
        assert!(m.contains("un enlace"));
        assert!(!m.contains("x.com"));
    }
}
