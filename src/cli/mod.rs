//! The command line: clap definitions and the `check`, `rules` and `explain` commands.

use crate::checks::RuleDoc;
use crate::config::Config;
use crate::formats::Format as FileFormat;
use crate::linter::{Linter, UserDict};
use crate::pipeline::{FilePlan, Linters, DEFAULT_LANG};
use crate::report::{self, FileError, FileReport, Format, Summary};
use crate::text::lines::LineIndex;
use crate::walk::{self, Input, Loaded};
mod stream;
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
    /// Write a commented default glosa.toml in the current directory
    Init(InitArgs),
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write it
    #[arg(default_value = "glosa.toml")]
    pub path: PathBuf,
    /// Overwrite an existing file
    #[arg(long)]
    pub force: bool,
}

fn init(a: InitArgs) -> miette::Result<i32> {
    if a.path.exists() && !a.force {
        return Err(miette::miette!(
            help = "pass --force to overwrite it",
            "{} already exists",
            a.path.display()
        ));
    }
    std::fs::write(&a.path, crate::config::template::DEFAULT).map_err(|e| {
        miette::miette!(
            "cannot write {}: {}",
            a.path.display(),
            walk::io_message(&e)
        )
    })?;
    eprintln!("wrote {}", a.path.display());
    Ok(EXIT_CLEAN)
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
    /// Target language of the text, or `auto` [default: the configuration's, else what the
    /// file declares (PO, XLIFF, HTML), else detected per file]
    #[arg(long)]
    pub lang: Option<String>,
    /// Extra dictionary in glosa's JSON format (repeatable)
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// Exit 1 only for findings of this severity or above [default: info]
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// Configuration file to use instead of looking for glosa.toml / .glosa.toml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Use no configuration file
    #[arg(long)]
    pub no_config: bool,
    /// Apply the configuration's exclude globs to files named on the command line too
    #[arg(long)]
    pub force_exclude: bool,
    /// Number of threads checking files [default: one per core]
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
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
    /// List one concept's entries in every language, side by side
    #[arg(long, value_name = "ID")]
    pub concept: Option<String>,
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
    /// Language of the explanation: en, or es where the entry has one [default: the
    /// configuration's explain-lang, else en]
    #[arg(long, value_parser = ["en", "es"])]
    pub explain_lang: Option<String>,
}

/// Runs the command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Check(a) => check(a),
        Command::Rules(a) => rules(a),
        Command::Explain(a) => explain(a),
        Command::TestDict(a) => test_dict::run(a),
        Command::Init(a) => init(a),
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
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    }) || e
        .root_cause()
        .downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
        || e.to_string() == io::Error::from(io::ErrorKind::BrokenPipe).to_string()
        || e.to_string().starts_with("Broken pipe (os error")
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

/// The outcome of checking `text` as it now is (unchanged, or after fixes): its findings, its
/// structure errors (line:column) joined with `error`, a problem met on the way.
fn checked(
    plan: &FilePlan,
    path: String,
    text: String,
    extracted: Option<crate::formats::Extracted>,
    fixed: usize,
    output: Option<String>,
    error: Option<FileError>,
) -> Outcome {
    let (findings, errors) = plan.check_full_with(&text, extracted);
    let mut messages: Vec<String> = error.into_iter().map(|e| e.message).collect();
    if !errors.is_empty() {
        let lines = LineIndex::new(&text);
        messages.extend(errors.iter().map(|e| {
            let (l, c) = lines.position(&text, e.offset.min(text.len()));
            format!("{l}:{c}: {}", e.message)
        }));
    }
    let error = (!messages.is_empty()).then(|| FileError {
        path: path.clone(),
        message: messages.join("; "),
    });
    Outcome::Checked {
        path,
        text,
        findings,
        fixed,
        output,
        error,
    }
}

/// The findings of a text that stays as it was (fixing failed with `error`).
fn unchanged(plan: &FilePlan, path: String, text: String, error: FileError) -> Outcome {
    let extracted = crate::formats::extract(&text, plan.format);
    checked(plan, path, text, extracted, 0, None, Some(error))
}

fn check_one(run: &Run, (input, scope): &(Input, usize), mode: FixMode) -> Outcome {
    let scope = &run.scopes[*scope];
    let path = input.display();
    let text = match walk::load(input) {
        Ok(Loaded::Binary) => return Outcome::Skipped,
        Ok(Loaded::Text(text)) => text,
        Err(message) => return Outcome::Failed(FileError { path, message }),
    };
    let file = match input {
        Input::Stdin => None,
        Input::File(p) => Some(p.as_path()),
    };
    let format = file.map_or(FileFormat::Plain, FileFormat::of_path);
    let extracted = crate::formats::extract(&text, format);
    let (lang, _) = crate::pipeline::file_language(
        run.lang.as_deref(),
        scope.config.lang_for(file),
        extracted.as_ref(),
        &text,
    );
    let plan = match FilePlan::new(&scope.linters, &scope.config, file, format, lang) {
        Ok(p) => p,
        Err(message) => return Outcome::Failed(FileError { path, message }),
    };
    let unsafe_fixes = match mode {
        // The extraction made to find the language serves the check too.
        FixMode::Report => return checked(&plan, path, text, extracted, 0, None, None),
        FixMode::Fix { unsafe_fixes } | FixMode::Diff { unsafe_fixes } => unsafe_fixes,
    };
    drop(extracted);
    let fixed = crate::fix::fix_text_with(&text, unsafe_fixes, &|t| plan.check(t));
    if !fixed.converged {
        let error = FileError {
            path: path.clone(),
            message: format!(
                "fixes did not settle after {} rounds (a dictionary fix keeps producing \
                 findings; please report it): file left unchanged",
                crate::fix::MAX_ROUNDS
            ),
        };
        return unchanged(&plan, path, text, error);
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
                return unchanged(&plan, path, text, error);
            }
        }
        Input::File(_) => {}
    }
    let extracted = crate::formats::extract(&fixed.text, plan.format);
    checked(
        &plan,
        path,
        fixed.text,
        extracted,
        fixed.applied,
        output,
        None,
    )
}

/// Files handled per parallel batch: output stays in path order and memory stays bounded.
const BATCH: usize = 256;

/// What every file of a run shares.
struct Run {
    /// One configuration (and its linters) per distinct glosa.toml the checked paths found.
    scopes: Vec<Scope>,
    /// `--lang`, which beats the configuration.
    lang: Option<String>,
}

/// A configuration and the linters built with its dictionaries.
struct Scope {
    config: Config,
    linters: Linters,
}

/// The configuration of each path: `--config` for all, none with `--no-config`, else the
/// nearest glosa.toml / .glosa.toml above each path (the working directory for stdin).
/// Returns the distinct configurations and, for each path, the index of its own.
fn load_configs(a: &CheckArgs) -> miette::Result<(Vec<Config>, Vec<usize>)> {
    if a.no_config {
        return Ok((vec![Config::default()], vec![0; a.paths.len()]));
    }
    if let Some(p) = &a.config {
        let c = Config::load(p).map_err(|e| miette::Report::new(*e))?;
        return Ok((vec![c], vec![0; a.paths.len()]));
    }
    let mut configs: Vec<Config> = Vec::new();
    let mut of_path = Vec::with_capacity(a.paths.len());
    for p in &a.paths {
        let start = if p.as_os_str() == "-" {
            PathBuf::from(".")
        } else {
            p.clone()
        };
        let c = Config::discover(&start).map_err(|e| miette::Report::new(*e))?;
        let i = match configs.iter().position(|x| x.path == c.path) {
            Some(i) => i,
            None => {
                configs.push(c);
                configs.len() - 1
            }
        };
        of_path.push(i);
    }
    if configs.is_empty() {
        configs.push(Config::default());
    }
    Ok((configs, of_path))
}

/// Every rule code glosa knows, in every language (to check configuration selectors).
fn known_codes(user: &[UserDict]) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for lang in crate::lang::KNOWN {
        if let Ok(g) = crate::dictionary::Glossary::embedded(lang) {
            codes.extend(g.entries.iter().map(|e| e.id.clone()));
        }
    }
    for d in user {
        if let Ok(f) = crate::dictionary::parse_file(&d.path, &d.text, None) {
            codes.extend(f.entries.iter().map(|e| e.id.clone()));
        }
    }
    for c in crate::checks::builtin() {
        codes.extend(c.rules().into_iter().map(|r| r.code));
    }
    codes.push(crate::suppress::UNUSED.to_string());
    codes
}

/// Writes one batch of outcomes in order and adds them to the summary.
fn report_batch(
    outcomes: Vec<Outcome>,
    out: &mut dyn Write,
    reporter: &mut dyn report::Reporter,
    summary: &mut Summary,
) -> miette::Result<()> {
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
                            out,
                            &FileReport {
                                path: &path,
                                text: &text,
                                lines: &lines,
                                base: 0,
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
    out.flush().map_err(miette::Report::from_err)
}

/// A progress bar on stderr, shown only when stderr is a terminal and the run has lasted
/// long enough to need one.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
}

impl Progress {
    /// After this long, a run shows its progress.
    const DELAY: std::time::Duration = std::time::Duration::from_millis(500);

    fn new(files: usize) -> Self {
        let bar = (files > 1 && io::stderr().is_terminal()).then(|| {
            let b = indicatif::ProgressBar::with_draw_target(
                Some(files as u64),
                indicatif::ProgressDrawTarget::hidden(),
            );
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files  {elapsed} (eta {eta})",
            ) {
                b.set_style(style);
            }
            b
        });
        Progress {
            bar,
            started: std::time::Instant::now(),
        }
    }

    /// Runs `f` (which writes to stdout) with the bar cleared while it writes.
    fn around<T>(&self, f: impl FnOnce() -> T) -> T {
        match &self.bar {
            Some(b) if !b.is_hidden() => b.suspend(f),
            _ => f(),
        }
    }

    fn advance(&self, n: usize) {
        if let Some(b) = &self.bar {
            if b.is_hidden() && self.started.elapsed() >= Self::DELAY {
                b.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            b.inc(n as u64);
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

fn check(a: CheckArgs) -> miette::Result<i32> {
    let started = std::time::Instant::now();
    if let Some(n) = a.threads {
        // Only fails when a pool already exists (a second run in one process): keep that one.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let (configs, of_path) = load_configs(&a)?;
    if let Some(l) = a
        .lang
        .as_deref()
        .filter(|l| *l != "auto" && !crate::lang::is_known(l))
    {
        return Err(miette::miette!(
            "unknown language {l:?} (known: auto, {})",
            crate::lang::KNOWN.join(", ")
        ));
    }
    // `--fail-on` beats the configuration of the first path.
    let fail_on = a.fail_on.unwrap_or(match configs[0].fail_on.as_deref() {
        Some("warning") => FailOn::Warning,
        Some("error") => FailOn::Error,
        Some("never") => FailOn::Never,
        _ => FailOn::Info,
    });
    let mut scopes = Vec::with_capacity(configs.len());
    for config in configs {
        let mut dict_paths = config.dictionaries.clone();
        dict_paths.extend(a.dicts.iter().cloned());
        let user = load_user_dicts(&dict_paths)?;
        if config.selectors().next().is_some() {
            config
                .check_selectors(&known_codes(&user))
                .map_err(|e| miette::Report::new(*e))?;
        }
        let linters = Linters::new(user)?;
        let default_lang = config
            .lang
            .clone()
            .filter(|l| l != "auto")
            .unwrap_or_else(|| DEFAULT_LANG.to_string());
        let lang = a
            .lang
            .as_deref()
            .filter(|l| *l != "auto")
            .unwrap_or(&default_lang);
        // English is the language most often left untranslated in a document (and then checked
        // with its own glossary): with a second core free, its linter is built alongside.
        if lang != "en" && rayon::current_num_threads() > 1 {
            let (main, _) = rayon::join(
                || linters.prepare(lang).map(|_| ()),
                || linters.get("en").map(|_| ()),
            );
            main?;
        } else {
            linters.prepare(lang)?;
        }
        scopes.push(Scope { config, linters });
    }
    let run = Run {
        scopes,
        lang: a.lang.clone(),
    };
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
    // Each path is walked with its own configuration's include/exclude globs.
    let mut inputs: Vec<(Input, usize)> = Vec::new();
    let mut walk_errors = Vec::new();
    for (p, &scope) in a.paths.iter().zip(&of_path) {
        let config = &run.scopes[scope].config;
        let (found, errors) =
            walk::collect(std::slice::from_ref(p), &|f| config.includes(f), &|f| {
                !(a.force_exclude && config.excludes(f))
            });
        inputs.extend(found.into_iter().map(|i| (i, scope)));
        walk_errors.extend(errors);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut reporter = report::reporter(a.format, use_color(a.color));
    let mut summary = Summary {
        errors: walk_errors,
        ..Summary::default()
    };
    let progress = Progress::new(inputs.len());
    // Big plain-text files are read in chunks and reported as they go, in their place.
    let big: Vec<bool> = inputs
        .par_iter()
        .map(|(i, _)| mode == FixMode::Report && stream::streamed(i))
        .collect();
    let mut next = 0;
    while next < inputs.len() {
        let end = (next + BATCH).min(inputs.len());
        let take = big[next..end].iter().position(|b| *b).unwrap_or(end - next);
        if take == 0 {
            let (input, scope) = &inputs[next];
            if let Input::File(p) = input {
                progress.around(|| {
                    stream::check_streamed(
                        &run,
                        &run.scopes[*scope],
                        p,
                        &mut out,
                        reporter.as_mut(),
                        &mut summary,
                    )
                })?;
            }
            progress.advance(1);
            next += 1;
            continue;
        }
        let batch = &inputs[next..next + take];
        let outcomes: Vec<Outcome> = batch.par_iter().map(|i| check_one(&run, i, mode)).collect();
        progress.around(|| report_batch(outcomes, &mut out, reporter.as_mut(), &mut summary))?;
        progress.advance(batch.len());
        next += take;
    }
    progress.finish();
    summary.elapsed = Some(started.elapsed());
    if mode == FixMode::Report
        || matches!(mode, FixMode::Fix { .. }) && !a.paths.iter().all(|p| p.as_os_str() == "-")
    {
        if a.format == Format::Sarif {
            let mut docs: Vec<RuleDoc> = Vec::new();
            for scope in &run.scopes {
                for l in scope.linters.built() {
                    for r in l.rules() {
                        if !docs.iter().any(|d| d.code == r.code) {
                            docs.push(r);
                        }
                    }
                }
            }
            reporter.rules(&docs);
        }
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
    // The compiled glossaries live until the process ends: freeing them only costs time.
    std::mem::forget(run);
    Ok(if !summary.errors.is_empty() {
        EXIT_ERROR
    } else if failing(&summary, fail_on)
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

/// `glosa rules --concept ID`: the entries of one concept in every language.
fn concept(a: &RulesArgs, id: &str) -> miette::Result<i32> {
    let user = load_user_dicts(&a.dicts)?;
    let mut entries = Vec::new();
    let mut all_concepts = Vec::new();
    for lang in crate::lang::KNOWN {
        let mut g = crate::dictionary::Glossary::embedded(lang).map_err(|e| *e)?;
        for d in &user {
            let file = crate::dictionary::parse_file(&d.path, &d.text, None).map_err(|e| *e)?;
            g.add(&d.path, file, &d.text).map_err(|e| *e)?;
        }
        for e in g.entries {
            all_concepts.push(e.concept.clone());
            if e.concept == id {
                entries.push(e);
            }
        }
    }
    if entries.is_empty() {
        all_concepts.sort();
        all_concepts.dedup();
        let mut close: Vec<(f64, &String)> = all_concepts
            .iter()
            .map(|c| (strsim::jaro_winkler(id, c), c))
            .filter(|(s, _)| *s > 0.8)
            .collect();
        close.sort_by(|x, y| y.0.total_cmp(&x.0));
        let hint = match close.first() {
            Some((_, c)) => format!("did you mean {c}?"),
            None => "`glosa rules --format json` lists every rule with its concept".into(),
        };
        return Err(miette::miette!(help = hint, "no entry has concept {id:?}"));
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let res: io::Result<()> = (|| {
        if a.format == Format::Json {
            let v: Vec<serde_json::Value> = entries
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "code": e.id, "concept": e.concept, "patterns": e.patterns,
                        "fixes": e.fixes.iter().map(|f| f.text.clone()).collect::<Vec<_>>(),
                        "message": e.message,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        } else {
            let origin = &entries[0].origin;
            writeln!(
                out,
                "{id}: {} {}",
                crate::dictionary::language_name(&origin.lang),
                origin.terms.join(", ")
            )?;
            for e in &entries {
                let lang = e.id.split('/').next().unwrap_or("");
                let fixes: Vec<&str> = e.fixes.iter().map(|f| f.text.as_str()).collect();
                let mut shown: String = e.patterns[0].chars().take(60).collect();
                if shown.len() < e.patterns[0].len() {
                    shown.push('…');
                }
                if e.patterns.len() > 1 {
                    shown.push_str(&format!(" (+{} more)", e.patterns.len() - 1));
                }
                writeln!(
                    out,
                    "  {lang:<3} {:<32} {shown} → {}",
                    e.id,
                    if fixes.is_empty() {
                        "(no fix)".to_string()
                    } else {
                        fixes.join(", ")
                    }
                )?;
            }
        }
        out.flush()
    })();
    res.map_err(miette::Report::from_err)?;
    Ok(EXIT_CLEAN)
}

fn rules(a: RulesArgs) -> miette::Result<i32> {
    if let Some(id) = a.concept.clone() {
        return concept(&a, &id);
    }
    let linter = build_linter(&a.lang, &a.dicts)?;
    let rules = linter.rules();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let res: io::Result<()> = (|| {
        match a.format {
            Format::Json | Format::Jsonl | Format::Sarif => {
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
    let explain_lang = match &a.explain_lang {
        Some(l) => l.clone(),
        None => Config::discover(std::path::Path::new("."))
            .ok()
            .and_then(|c| c.explain_lang)
            .unwrap_or_else(|| "en".into()),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    write_explanation(&mut out, r, &explain_lang).map_err(miette::Report::from_err)?;
    out.flush().map_err(miette::Report::from_err)?;
    Ok(EXIT_CLEAN)
}

/// The full text of `glosa explain`.
pub fn write_explanation(out: &mut dyn Write, r: &RuleDoc, lang: &str) -> io::Result<()> {
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
    let text = match (&r.explanation_es, lang) {
        (Some(es), "es") => es,
        _ => &r.explanation,
    };
    writeln!(out, "{}", wrap(text, 96))?;
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
