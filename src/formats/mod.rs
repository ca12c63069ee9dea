//! File formats → translatable segments with byte offsets into the original file.

pub mod plain;

/// A translatable span of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}
