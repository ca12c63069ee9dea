//! `--fix`, `--unsafe-fixes` and `--diff` as a user runs them, and properties of the fixer on
//! arbitrary text: it never splits a character, edits only inside reported spans, and a second
//! run changes nothing.

use assert_cmd::Command;
use glosa::fix::{apply, fix_text, wanted};
use glosa::Linter;
use predicates::prelude::*;
use proptest::prelude::*;
use std::fs;
use std::sync::OnceLock;

fn glosa() -> Command {
    Command::cargo_bin("glosa").unwrap()
}

fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| Linter::new("es", &[]).unwrap())
}

const BROKEN: &[u8] =
    b"\xef\xbb\xbfEl el mercado.Las ventas , crecen. .\r\nOtra l\xc3\xadnea sin final";
const FIXED: &[u8] = b"\xef\xbb\xbfEl mercado. Las ventas, crecen.\r\nOtra l\xc3\xadnea sin final";

#[test]
fn fix_rewrites_safe_fixes_keeping_bom_line_endings_and_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, BROKEN).unwrap();
    glosa()
        .args(["check", "--fix", "--color", "never"])
        .arg(&f)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed 4 findings"));
    assert_eq!(fs::read(&f).unwrap(), FIXED);
    // A second run changes nothing.
    glosa()
        .args(["check", "--fix", "--color", "never"])
        .arg(&f)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed").not());
    assert_eq!(fs::read(&f).unwrap(), FIXED);
}

#[test]
fn diff_shows_the_change_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, BROKEN).unwrap();
    glosa()
        .args(["check", "--diff"])
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "-\u{feff}El el mercado.Las ventas , crecen. .",
        ))
        .stdout(predicate::str::contains(
            "+\u{feff}El mercado. Las ventas, crecen.",
        ));
    assert_eq!(fs::read(&f).unwrap(), BROKEN);
    let clean = dir.path().join("clean.txt");
    fs::write(&clean, "Todo está bien.\n").unwrap();
    glosa()
        .args(["check", "--diff"])
        .arg(&clean)
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    glosa()
        .args(["check", "--fix", "-"])
        .write_stdin("Una frase con con error.")
        .assert()
        .code(0)
        .stdout("Una frase con error.");
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    // mt/capital-mid-sentence has an unsafe fix.
    fs::write(&f, "Están entrenando Los productos nuevos.\n").unwrap();
    glosa().args(["check", "--fix"]).arg(&f).assert().code(1);
    assert_eq!(
        fs::read_to_string(&f).unwrap(),
        "Están entrenando Los productos nuevos.\n"
    );
    glosa()
        .args(["check", "--fix", "--unsafe-fixes"])
        .arg(&f)
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(&f).unwrap(),
        "Están entrenando los productos nuevos.\n"
    );
}

#[cfg(unix)]
#[test]
fn read_only_files_are_reported_not_lost() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ro.txt");
    fs::write(&f, "el el\n").unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o444)).unwrap();
    glosa()
        .args(["check", "--fix"])
        .arg(&f)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "ro.txt: is read-only: not rewritten",
        ));
    assert_eq!(fs::read_to_string(&f).unwrap(), "el el\n");
}

fn spanishish() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "el",
        "la",
        "los",
        "pista",
        "jugadores",
        "modelo",
        "a",
        "gran",
        "escala",
        "Los",
        "año",
        "mercado",
        "AI",
        "aterrizó",
        "escena",
        "de",
        "en",
        "base",
        "sector",
        "ñandú",
        "、",
    ]);
    let seps = prop::sample::select(vec![
        " ", " ", " ", ". ", ".", " , ", ", ", "\n", "\r\n", ". .", "，",
    ]);
    prop::collection::vec((words, seps), 0..40)
        .prop_map(|v| v.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn fixer_edits_only_reported_spans_and_settles(text in spanishish()) {
        let l = linter();
        let findings = l.check(&text);
        for f in &findings {
            let Some(fix) = &f.fix else { continue };
            if !wanted(fix.applicability, true) {
                continue;
            }
            for e in &fix.edits {
                prop_assert!(e.start >= f.start && e.end <= f.end, "edit outside {}", f.rule);
                prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
            }
        }
        let (once, _) = apply(&text, &findings, true);
        prop_assert!(std::str::from_utf8(once.as_bytes()).is_ok());
        for unsafe_fixes in [false, true] {
            let fixed = fix_text(l, &text, unsafe_fixes);
            prop_assert!(fixed.converged);
            let again = fix_text(l, &fixed.text, unsafe_fixes);
            prop_assert_eq!(again.applied, 0);
            prop_assert_eq!(again.text, fixed.text);
        }
    }
}

/// Golden files: for each `tests/golden/X.fixed.txt` (safe fixes) and `X.fixed-unsafe.txt`
/// (safe and unsafe fixes), the original is `samples/X.txt`.
#[test]
fn samples_fix_to_their_golden_files() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/golden");
    let mut checked = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".fixed.txt") else {
            continue;
        };
        let original =
            fs::read_to_string(root.join("samples").join(format!("{stem}.txt"))).unwrap();
        for (suffix, unsafe_fixes) in [(".fixed.txt", false), (".fixed-unsafe.txt", true)] {
            let golden = fs::read_to_string(dir.join(format!("{stem}{suffix}"))).unwrap();
            let fixed = fix_text(linter(), &original, unsafe_fixes);
            assert!(fixed.converged);
            assert_eq!(fixed.text, golden, "{stem}{suffix}");
            // Nothing fixable of that kind is left.
            for f in linter().check(&fixed.text) {
                let left = f
                    .fix
                    .as_ref()
                    .is_some_and(|x| wanted(x.applicability, unsafe_fixes));
                assert!(!left, "{stem}{suffix}: {} still fixable", f.rule);
            }
            checked += 1;
        }
    }
    assert!(checked >= 2);
}
