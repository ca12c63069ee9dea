//! File formats → translatable segments with byte offsets into the original file.

pub mod markdown;
pub mod plain;

/// A translatable span of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
}

impl Format {
    /// The format of a file, by its extension (plain text when unknown).
    pub fn of_path(path: &std::path::Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Plain,
        }
    }
}
