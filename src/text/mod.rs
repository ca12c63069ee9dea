//! Text handling: case and accent folding, the fast word scanner, sentence bounds, line index.

pub mod fold;
pub mod lines;
pub mod scan;
pub mod sentences;
pub mod utf8;
