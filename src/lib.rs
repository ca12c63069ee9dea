//! glosa: a translation-quality linter. It reads translated text, finds known
//! machine-translation mistakes (calques, false friends, MT artefacts, untranslated segments)
//! and reports each with its fix and its reason.
//!
//! ```
//! let linter = glosa::Linter::new("es", &[]).unwrap();
//! let findings = linter.check("Los jugadores del sector de los modelos a gran escala compiten.");
//! assert!(findings.iter().any(|f| f.rule == "es/large-model"));
//! ```

pub mod checks;
pub mod cli;
pub mod config;
pub mod dictionary;
pub mod finding;
pub mod fix;
pub mod formats;
pub mod inflect;
pub mod lang;
pub mod linter;
pub mod pipeline;
pub mod report;
pub mod suppress;
pub mod text;
pub mod walk;

pub use finding::{Applicability, Category, Finding, Severity};
pub use linter::Linter;
