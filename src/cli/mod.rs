//! The command line: clap definitions and the `check`, `rules` and `explain` commands.

use crate::checks::RuleDoc;
use crate::formats::Format as FileFormat;
use crate::linter::{Linter, UserDict};
use crate::report::{self, FileError, FileReport, Format, Summary};
use crate::text::lines::LineIndex;
use crate::walk::{self, Input, Loaded};
mod test_dict;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Exit code: no findings.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings were reported.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage, configuration or I/O error.
pub const EXIT_ERROR: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "glosa",
    version,
    about = "A translation-quality linter: finds machine-translation calques and false friends"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files, directories, or standard input (`-`)
    Check(CheckArgs),
    /// List every rule
    Rules(RulesArgs),
    /// Explain one rule: what, why, origin, examples, fixes
    Explain(ExplainArgs),
    /// Validate dictionaries of your own and run their examples as tests
    TestDict(test_dict::TestDictArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// When to use colour (NO_COLOR is respected in auto)
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Target language of the text
    #[arg(long, default_value = "es")]
    pub lang: String,
    /// Extra dictionary in glosa's JSON format (repeatable)
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Exit 1 only for findings of this severity or above
    #[arg(long, value_enum, default_value = "info", value_name = "SEVERITY")]
    pub fail_on: FailOn,
    /// Apply safe fixes in place (with `-`: print the fixed text), then report what remains
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also apply unsafe fixes
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change; write nothing
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
}

/// The least severity that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Info,
    Warning,
    Error,
    /// Findings never fail the run (exit 0 unless an error occurred)
    Never,
}

/// What to do with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixMode {
    Report,
    Fix { unsafe_fixes: bool },
    Diff { unsafe_fixes: bool },
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Target language whose rules to list
    #[arg(long, default_value = "es")]
    pub lang: String,
    /// Output format: a table, or JSON
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Extra dictionary in glosa's JSON format (repeatable)
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// Rule code, e.g. es/track-as-sector (the language prefix may be left out)
    pub code: String,
    /// Target language to look in when the code has no prefix
    #[arg(long, default_value = "es")]
    pub lang: String,
    /// Extra dictionary in glosa's JSON format (repeatable)
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Check(a) => check(a),
        Command::Rules(a) => rules(a),
        Command::Explain(a) => explain(a),
        Command::TestDict(a) => test_dict::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => EXIT_CLEAN,
        Err(e) => {
            eprintln!("{e:?}");
            EXIT_ERROR
        }
    }
}

fn is_broken_pipe(e: &miette::Report) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn load_user_dicts(paths: &[PathBuf]) -> miette::Result<Vec<UserDict>> {
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).map_err(|e| {
                miette::miette!(
                    "cannot read dictionary {}: {}",
                    p.display(),
                    walk::io_message(&e)
                )
            })?;
            Ok(UserDict {
                path: p.display().to_string(),
                text,
            })
        })
        .collect()
}

fn build_linter(lang: &str, dicts: &[PathBuf]) -> miette::Result<Linter> {
    if !crate::lang::is_known(lang) {
        let known = crate::lang::KNOWN.join(", ");
        return Err(miette::miette!(
            "unknown language {lang:?} (known: {known})"
        ));
    }
    let user = load_user_dicts(dicts)?;
    Ok(Linter::new(lang, &user)?)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

/// The result of checking one input.
enum Outcome {
    Checked {
        path: String,
        text: String,
        findings: Vec<crate::finding::Finding>,
        /// Fixes applied (with --fix) or that would be (with --diff).
        fixed: usize,
        /// With --diff: the unified diff; with --fix on stdin: the fixed text.
        output: Option<String>,
        /// A problem writing the fixed file (the file is left as it was).
        error: Option<FileError>,
    },
    Skipped,
    Failed(FileError),
}

/// The findings of a text that stays as it was (no fix asked, or fixing failed with `error`).
fn unchanged(
    linter: &Linter,
    path: String,
    text: String,
    format: FileFormat,
    error: Option<FileError>,
) -> Outcome {
    let findings = linter.check_format(&text, format);
    Outcome::Checked {
        path,
        text,
        findings,
        fixed: 0,
        output: None,
        error,
    }
}

fn check_one(linter: &Linter, input: &Input, mode: FixMode) -> Outcome {
    let path = input.display();
    let text = match walk::load(input) {
        Ok(Loaded::Binary) => return Outcome::Skipped,
        Ok(Loaded::Text(text)) => text,
        Err(message) => return Outcome::Failed(FileError { path, message }),
    };
    let format = match input {
        Input::Stdin => FileFormat::Plain,
        Input::File(p) => FileFormat::of_path(p),
    };
    let unsafe_fixes = match mode {
        FixMode::Report => return unchanged(linter, path, text, format, None),
        FixMode::Fix { unsafe_fixes } | FixMode::Diff { unsafe_fixes } => unsafe_fixes,
    };
    let fixed = crate::fix::fix_text_as(linter, &text, format, unsafe_fixes);
    if !fixed.converged {
        let error = FileError {
            path: path.clone(),
            message: format!(
                "fixes did not settle after {} rounds (a dictionary fix keeps producing \
                 findings; please report it): file left unchanged",
                crate::fix::MAX_ROUNDS
            ),
        };
        return unchanged(linter, path, text, format, Some(error));
    }
    if let FixMode::Diff { .. } = mode {
        let diff = crate::fix::unified_diff(&path, &text, &fixed.text);
        return Outcome::Checked {
            path,
            text,
            findings: Vec::new(),
            fixed: fixed.applied,
            output: Some(diff),
            error: None,
        };
    }
    let mut output = None;
    match input {
        Input::Stdin => output = Some(fixed.text.clone()),
        Input::File(p) if fixed.text != text => {
            if let Err(message) = crate::fix::write::write_atomic(p, text.as_bytes(), &fixed.text) {
                let error = FileError {
                    path: path.clone(),
                    message,
                };
                return unchanged(linter, path, text, format, Some(error));
            }
        }
        Input::File(_) => {}
    }
    let findings = linter.check_format(&fixed.text, format);
    Outcome::Checked {
        path,
        text: fixed.text,
        findings,
        fixed: fixed.applied,
        output,
        error: None,
    }
}

/// Files handled per parallel batch: output stays in path order and memory stays bounded.
const BATCH: usize = 256;

fn check(a: CheckArgs) -> miette::Result<i32> {
    let linter = build_linter(&a.lang, &a.dicts)?;
    let mode = if a.fix {
        FixMode::Fix {
            unsafe_fixes: a.unsafe_fixes,
        }
    } else if a.diff {
        FixMode::Diff {
            unsafe_fixes: a.unsafe_fixes,
        }
    } else {
        FixMode::Report
    };
    let (inputs, walk_errors) = walk::collect(&a.paths);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut reporter = report::reporter(a.format, use_color(a.color));
    let mut summary = Summary {
        errors: walk_errors,
        ..Summary::default()
    };
    for batch in inputs.chunks(BATCH) {
        let outcomes: Vec<Outcome> = batch
            .par_iter()
            .map(|i| check_one(&linter, i, mode))
            .collect();
        for o in outcomes {
            match o {
                Outcome::Checked {
                    path,
                    text,
                    findings,
                    fixed,
                    output,
                    error,
                } => {
                    summary.fixed += fixed;
                    if let Some(e) = error {
                        summary.errors.push(e);
                    }
                    if let Some(o) = output {
                        // A diff, or the fixed text of stdin: that is the output.
                        summary.files_checked += 1;
                        out.write_all(o.as_bytes())
                            .map_err(miette::Report::from_err)?;
                        continue;
                    }
                    summary.add(&findings);
                    if !findings.is_empty() {
                        let lines = LineIndex::new(&text);
                        reporter
                            .file(
                                &mut out,
                                &FileReport {
                                    path: &path,
                                    text: &text,
                                    lines: &lines,
                                    findings: &findings,
                                },
                            )
                            .map_err(miette::Report::from_err)?;
                    }
                }
                Outcome::Skipped => summary.files_skipped += 1,
                Outcome::Failed(e) => summary.errors.push(e),
            }
        }
    }
    if mode == FixMode::Report
        || matches!(mode, FixMode::Fix { .. }) && !a.paths.iter().all(|p| p.as_os_str() == "-")
    {
        reporter
            .finish(&mut out, &summary)
            .map_err(miette::Report::from_err)?;
    }
    out.flush().map_err(miette::Report::from_err)?;
    if let FixMode::Diff { .. } = mode {
        eprintln!(
            "{} {} would be applied",
            summary.fixed,
            if summary.fixed == 1 { "fix" } else { "fixes" }
        );
    }
    if a.format != Format::Human {
        for e in &summary.errors {
            eprintln!("error: {}: {}", e.path, e.message);
        }
    }
    // The compiled glossary lives until the process ends: freeing it only costs time.
    std::mem::forget(linter);
    Ok(if !summary.errors.is_empty() {
        EXIT_ERROR
    } else if failing(&summary, a.fail_on)
        || matches!(mode, FixMode::Diff { .. }) && summary.fixed > 0
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Whether the findings reach the `--fail-on` severity.
fn failing(s: &Summary, fail_on: FailOn) -> bool {
    use crate::finding::Severity;
    let at_least = |min: Severity| {
        [Severity::Info, Severity::Warning, Severity::Error]
            .iter()
            .filter(|&&sev| sev >= min)
            .any(|&sev| s.count(sev) > 0)
    };
    match fail_on {
        FailOn::Info => at_least(Severity::Info),
        FailOn::Warning => at_least(Severity::Warning),
        FailOn::Error => at_least(Severity::Error),
        FailOn::Never => false,
    }
}

fn rules(a: RulesArgs) -> miette::Result<i32> {
    let linter = build_linter(&a.lang, &a.dicts)?;
    let rules = linter.rules();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let res: io::Result<()> = (|| {
        match a.format {
            Format::Json | Format::Jsonl => {
                let v: Vec<serde_json::Value> = rules.iter().map(rule_json).collect();
                serde_json::to_writer_pretty(&mut out, &v)?;
                writeln!(out)?;
            }
            Format::Human | Format::Short | Format::Github => {
                let width = rules.iter().map(|r| r.code.len()).max().unwrap_or(10);
                for r in &rules {
                    writeln!(
                        out,
                        "{:width$}  {:14}  {:7}  {}",
                        r.code,
                        r.category.as_str(),
                        r.severity.as_str(),
                        r.summary
                    )?;
                }
                writeln!(out, "{} rules", rules.len())?;
            }
        }
        out.flush()
    })();
    res.map_err(miette::Report::from_err)?;
    Ok(EXIT_CLEAN)
}

fn rule_json(r: &RuleDoc) -> serde_json::Value {
    serde_json::json!({
        "code": r.code,
        "concept": r.concept,
        "category": r.category.as_str(),
        "severity": r.severity.as_str(),
        "fix_safety": r.fix_safety.as_str(),
        "summary": r.summary,
        "origin": r.origin,
        "source": r.source,
    })
}

/// Finds a rule by code, or the closest codes for "did you mean".
pub fn find_rule<'a>(
    rules: &'a [RuleDoc],
    code: &str,
    lang: &str,
) -> Result<&'a RuleDoc, Vec<String>> {
    let wanted = [
        code.to_string(),
        format!("{lang}/{code}"),
        format!("mt/{code}"),
        format!("lang/{code}"),
    ];
    if let Some(r) = rules.iter().find(|r| wanted.contains(&r.code)) {
        return Ok(r);
    }
    let mut scored: Vec<(f64, &str)> = rules
        .iter()
        .map(|r| {
            let short = r.code.split_once('/').map_or(r.code.as_str(), |(_, s)| s);
            let score = strsim::jaro_winkler(code, &r.code).max(strsim::jaro_winkler(code, short));
            (score, r.code.as_str())
        })
        .filter(|(s, _)| *s > 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    Err(scored
        .into_iter()
        .take(3)
        .map(|(_, c)| c.to_string())
        .collect())
}

fn explain(a: ExplainArgs) -> miette::Result<i32> {
    let lang = a
        .code
        .split_once('/')
        .map(|(l, _)| l)
        .filter(|l| crate::lang::is_known(l))
        .unwrap_or(&a.lang)
        .to_string();
    let linter = build_linter(&lang, &a.dicts)?;
    let rules = linter.rules();
    let r = match find_rule(&rules, &a.code, &lang) {
        Ok(r) => r,
        Err(close) => {
            let hint = if close.is_empty() {
                "run `glosa rules` to list the rules".to_string()
            } else {
                format!("did you mean {}?", close.join(", "))
            };
            return Err(miette::miette!(help = hint, "unknown rule {:?}", a.code));
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    write_explanation(&mut out, r).map_err(miette::Report::from_err)?;
    out.flush().map_err(miette::Report::from_err)?;
    Ok(EXIT_CLEAN)
}

/// The full text of `glosa explain`.
pub fn write_explanation(out: &mut dyn Write, r: &RuleDoc) -> io::Result<()> {
    writeln!(out, "{}: {}", r.code, r.summary)?;
    writeln!(out)?;
    writeln!(out, "  concept:    {}", r.concept)?;
    writeln!(out, "  category:   {}", r.category.as_str())?;
    writeln!(out, "  severity:   {}", r.severity.as_str())?;
    writeln!(out, "  fix:        {}", r.fix_safety.as_str())?;
    if let Some(o) = &r.origin {
        writeln!(out, "  origin:     {o}")?;
    }
    writeln!(out, "  defined in: {}", r.source)?;
    writeln!(out)?;
    writeln!(out, "{}", wrap(&r.explanation, 96))?;
    if let Some(es) = &r.explanation_es {
        writeln!(out)?;
        writeln!(out, "{}", wrap(es, 96))?;
    }
    let list = |out: &mut dyn Write, title: &str, items: &[String]| -> io::Result<()> {
        if !items.is_empty() {
            writeln!(out)?;
            writeln!(out, "{title}:")?;
            for i in items {
                writeln!(out, "  {i}")?;
            }
        }
        Ok(())
    };
    list(out, "Matches", &r.patterns)?;
    list(out, "Fixes", &r.fixes)?;
    list(out, "Not flagged", &r.exceptions)?;
    list(out, "Flagged (examples)", &r.bad)?;
    list(out, "Correct (examples)", &r.good)?;
    Ok(())
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for w in text.split_whitespace() {
        if line > 0 && line + 1 + w.chars().count() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(w);
        line += w.chars().count();
    }
    out
}
