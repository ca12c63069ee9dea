//! Hot-path benchmarks (divan): start-up, tokenizing, the glossary alone, the whole check on
//! Spanish prose, language detection, and rendering when a file has thousands of findings. Input is built from our own samples so the
//! benchmarks run from a clean clone; whole-process figures on the large corpus are in
//! `scripts/bench.sh`.

use divan::{black_box, counter::BytesCount, Bencher};
use glosa::report::{self, FileReport, Format, Summary};
use glosa::text::lines::LineIndex;
use glosa::text::scan::{scan, Vocab};
use glosa::Linter;

fn main() {
    divan::main();
}

/// About 1 MB of Spanish prose in the style of machine translation (our samples, repeated).
fn prose() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut base = String::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with("-es.txt"))
        .collect();
    names.sort();
    for p in names {
        base.push_str(&std::fs::read_to_string(p).unwrap());
        base.push('\n');
    }
    let mut s = String::with_capacity(1 << 20);
    while s.len() < 1 << 20 {
        s.push_str(&base);
    }
    s
}

#[divan::bench]
fn startup_build_linter() -> Linter {
    Linter::new("es", &[]).unwrap()
}

#[divan::bench]
fn tokenize(b: Bencher) {
    let text = prose();
    let vocab = Vocab::default();
    let mut toks = Vec::new();
    b.counter(BytesCount::new(text.len())).bench_local(|| {
        toks.clear();
        scan(&text, 0, text.len(), &vocab, &mut toks);
        black_box(toks.len())
    });
}

#[divan::bench]
fn check_prose(b: Bencher) {
    let text = prose();
    let linter = Linter::new("es", &[]).unwrap();
    b.counter(BytesCount::new(text.len()))
        .bench_local(|| black_box(linter.check(&text).len()));
}

/// The glossary alone: candidate scan, context cues and exceptions, no artefact checks.
#[divan::bench]
fn glossary_only(b: Bencher) {
    let text = prose();
    let linter = Linter::new("es", &[]).unwrap();
    let spans = glosa::formats::plain::paragraphs(&text);
    b.counter(BytesCount::new(text.len()))
        .bench_local(|| black_box(linter.check_spans_glossary(&text, &spans).len()));
}

/// Whole-file language detection (stop words over eight windows; lingua only on a tie).
#[divan::bench]
fn detect_file_language(b: Bencher) {
    let text = prose();
    b.counter(BytesCount::new(text.len()))
        .bench_local(|| black_box(glosa::lang::detect::detect_file(&text)));
}

/// lingua on one 300-byte line, what an undecided untranslated line costs.
#[divan::bench]
fn lingua_one_line() -> Option<(&'static str, f64)> {
    glosa::lang::detect::detect(
        "This page may contain third-party content, which is provided for information purposes \
         only and should not be considered as advice of any kind from the publisher.",
    )
}

#[divan::bench(args = [Format::Human, Format::Json])]
fn render_dense_findings(b: Bencher, format: Format) {
    // 5,000 findings in one file.
    let text = "Una frase con con error.\n".repeat(5_000);
    let linter = Linter::new("es", &[]).unwrap();
    let findings = linter.check(&text);
    let lines = LineIndex::new(&text);
    b.bench_local(|| {
        let mut out = Vec::with_capacity(1 << 20);
        let mut r = report::reporter(format, false);
        r.file(
            &mut out,
            &FileReport {
                path: "dense.txt",
                text: &text,
                lines: &lines,
                base: 0,
                findings: &findings,
            },
        )
        .unwrap();
        r.finish(&mut out, &Summary::default()).unwrap();
        black_box(out.len())
    });
}
