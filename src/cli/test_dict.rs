//! `glosa test-dict FILE...`: validates dictionaries of one's own and runs their examples, the
//! way the test suite does for the embedded ones.

use super::{load_user_dicts, EXIT_CLEAN, EXIT_FINDINGS};
use crate::dictionary::{self, examples};
use crate::linter::Linter;
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct TestDictArgs {
    /// Dictionary files in glosa's JSON format
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(a: TestDictArgs) -> miette::Result<i32> {
    let mut failed = 0usize;
    let mut out = io::stdout().lock();
    for path in &a.files {
        let dicts = load_user_dicts(std::slice::from_ref(path))?;
        let d = &dicts[0];
        let file = dictionary::parse_file(&d.path, &d.text, None).map_err(|e| *e)?;
        let ids: Vec<String> = file.entries.iter().map(|e| e.id.clone()).collect();
        let language = file.language.clone();
        if !crate::lang::is_known(&language) {
            return Err(miette::miette!(
                "{}: unknown language {:?} (known: {})",
                d.path,
                language,
                crate::lang::KNOWN.join(", ")
            ));
        }
        let mut g = dictionary::Glossary::embedded(&file.language).map_err(|e| *e)?;
        g.replace_with(&d.path, file, &d.text).map_err(|e| *e)?;
        let linter = Linter::with_glossary(g)?;
        let (fails, checked) = examples::run(&linter, |id| ids.iter().any(|i| i == id));
        for f in &fails {
            writeln!(out, "{}: {f}", d.path).map_err(|e| miette::miette!("{e}"))?;
        }
        writeln!(
            out,
            "{}: {} entries, {} examples, {} failing",
            d.path,
            ids.len(),
            checked,
            fails.len()
        )
        .map_err(|e| miette::miette!("{e}"))?;
        failed += fails.len();
    }
    Ok(if failed == 0 {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}
