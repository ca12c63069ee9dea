//! Reference for the benchmarks: a plain Aho-Corasick scan of a phrase list over a file (no
//! word boundaries, no inflection, no context) — the practical speed limit of glossary
//! matching. `cargo run --release --example ac_scan -- PATTERNS FILE`

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(patterns), Some(file)) = (args.get(1), args.get(2)) else {
        return Err("usage: ac_scan PATTERNS FILE".into());
    };
    let phrases: Vec<String> = std::fs::read_to_string(patterns)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    let started = Instant::now();
    let text = std::fs::read(file)?;
    let ac = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&phrases)?;
    let matches = ac.find_iter(&text).count();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} phrases, {} bytes, {matches} matches, {secs:.3} s, {:.1} MB/s",
        phrases.len(),
        text.len(),
        text.len() as f64 / 1e6 / secs
    );
    Ok(())
}
