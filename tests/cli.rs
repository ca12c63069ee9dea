//! The command line as a user runs it: exit codes, formats, errors that name the file, and a
//! run that goes on past bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;

fn glosa() -> Command {
    let mut c = Command::cargo_bin("glosa").unwrap();
    c.env_remove("NO_COLOR");
    c
}

const USER_DICT: &str = r#"{"language": "es", "entries": [{
  "id": "es/test-track", "concept": "track-as-sector", "patterns": ["pistón:n"],
  "fixes": [{"text": "sector", "gender": "m"}],
  "origin": {"lang": "zh", "terms": ["赛道"], "gloss": "race track"},
  "category": "terminology", "severity": "warning", "fix_safety": "unsafe",
  "message": "«pistón» test entry", "explanation": "A test entry.",
  "examples": {"bad": ["El pistón del mercado."], "good": ["El sector del mercado."]}
}]}"#;

/// Runs the command, checks its exit code and returns its stdout.
fn stdout_of(cmd: &mut Command, code: i32) -> Vec<u8> {
    cmd.assert().code(code).get_output().stdout.clone()
}

fn json_of(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("valid JSON on stdout")
}

#[test]
fn findings_exit_1_and_show_rule_fix_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.json");
    fs::write(&d, USER_DICT).unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, "Los pistones del mercado crecen.\n").unwrap();
    glosa()
        .args(["check", "--color", "never", "--dict"])
        .arg(&d)
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("es/test-track"))
        .stdout(predicate::str::contains(
            "replace «pistones» with «sectores»",
        ))
        .stdout(predicate::str::contains(
            "calque of Chinese 赛道, 'race track'",
        ))
        .stdout(predicate::str::contains("Found 1 finding"));
}

#[test]
fn clean_text_exits_0() {
    glosa()
        .args(["check", "--color", "never", "-"])
        .write_stdin("El mercado creció un diez por ciento.\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No findings in 1 file"));
}

#[test]
fn json_contract_has_offsets_lines_and_character_columns() {
    let text = "Ñandú árbol.Después vino el resto.\n";
    let out = stdout_of(
        glosa()
            .args(["check", "--format", "json", "-"])
            .write_stdin(text),
        1,
    );
    let v = json_of(&out);
    assert_eq!(v["version"], 1);
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "mt/missing-space-after-period");
    assert_eq!(f["path"], "<stdin>");
    let start = f["start"].as_u64().unwrap() as usize;
    let end = f["end"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..end], "árbol.Después");
    assert_eq!(f["text"], "árbol.Después");
    assert_eq!(f["line"], 1);
    assert_eq!(f["column"], 7, "columns count characters, not bytes");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["category"], "fluency");
    assert!(f["message"].is_string());
    assert_eq!(f["suggestions"][0], " ");
    assert_eq!(f["fix"]["applicability"], "safe");
    assert_eq!(v["summary"]["findings"], 1);
    assert_eq!(v["summary"]["files_checked"], 1);
}

#[test]
fn bad_inputs_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, "Una frase con con error.\n").unwrap();
    let latin1 = dir.path().join("latin1.txt");
    fs::write(&latin1, b"caf\xe9 con leche\n").unwrap();
    let binary = dir.path().join("image.txt");
    fs::write(&binary, b"\x89PNG\0\0\0binary").unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, b"").unwrap();
    let missing = dir.path().join("missing.txt");
    let out = glosa()
        .args(["check", "--format", "json"])
        .args([&latin1, &binary, &empty, &missing, &good])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "latin1.txt: not valid UTF-8: byte 0xE9 at offset 3",
        ))
        .stderr(predicate::str::contains(
            "missing.txt: no such file or directory",
        ))
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["findings"][0]["rule"], "mt/doubled-word");
    assert_eq!(v["summary"]["files_checked"], 2);
    assert_eq!(v["summary"]["files_skipped"], 1);
    assert_eq!(v["summary"]["errors"], 2);
}

#[test]
fn a_huge_line_is_checked() {
    let mut text = "uno dos tres cuatro ".repeat(520_000);
    text.push_str("el el final\n");
    let out = stdout_of(
        glosa()
            .args(["check", "--format", "json", "-"])
            .write_stdin(text.clone()),
        1,
    );
    let v = json_of(&out);
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "mt/doubled-word");
    let start = f["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + 5], "el el");
    // Human output shows a window of the line, not 10 MB.
    let human = stdout_of(
        glosa()
            .args(["check", "--color", "never", "-"])
            .write_stdin(text),
        1,
    );
    assert!(human.len() < 5_000, "{} bytes of output", human.len());
}

#[test]
fn malformed_user_dictionary_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("broken.json");
    fs::write(
        &d,
        "{\n  \"language\": \"es\",\n  \"entries\": [\n    {\"id\": }\n  ]\n}\n",
    )
    .unwrap();
    glosa()
        .args(["check", "--dict"])
        .arg(&d)
        .arg("-")
        .write_stdin("texto")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.json:4:12"));
    let bad_entry = USER_DICT.replace("pistón:n", "pistón:q");
    fs::write(&d, bad_entry).unwrap();
    glosa()
        .args(["check", "--dict"])
        .arg(&d)
        .arg("-")
        .write_stdin("texto")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("es/test-track"))
        .stderr(predicate::str::contains("unknown marker"));
}

#[test]
fn rules_and_explain() {
    glosa()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("mt/missing-space-after-period"))
        .stdout(predicate::str::contains("lang/untranslated"));
    glosa()
        .args(["explain", "mt/doubled-word"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Emphatic reduplication"))
        .stdout(predicate::str::contains("Flagged (examples)"));
    glosa()
        .args(["explain", "mt/doubled-wrod"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean mt/doubled-word"));
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let plain = stdout_of(glosa().args(["check", "-"]).write_stdin("el el"), 1);
    assert!(!plain.contains(&0x1b), "auto on a pipe: no colour");
    let colored = stdout_of(
        glosa()
            .args(["check", "--color", "always", "-"])
            .write_stdin("el el"),
        1,
    );
    assert!(colored.contains(&0x1b));
}

#[test]
fn directories_are_walked_in_path_order_respecting_ignore_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("b")).unwrap();
    fs::write(root.join("b/z.txt"), "el el\n").unwrap();
    fs::write(root.join("a.md"), "de de\n").unwrap();
    fs::write(root.join("skip.txt"), "la la\n").unwrap();
    fs::write(root.join("data.bin"), "la la\n").unwrap();
    fs::write(root.join(".ignore"), "skip.txt\n").unwrap();
    let out = stdout_of(glosa().args(["check", "--format", "json"]).arg(root), 1);
    let v = json_of(&out);
    let paths: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("a.md") && paths[1].ends_with("b/z.txt"),
        "{paths:?}"
    );
}

#[test]
fn ci_formats_and_fail_on() {
    let text = "Una frase con con error.\n";
    let short = stdout_of(
        glosa()
            .args(["check", "--format", "short", "-"])
            .write_stdin(text),
        1,
    );
    assert_eq!(
        String::from_utf8(short).unwrap(),
        "<stdin>:1:11: mt/doubled-word «con» twice in a row (→ con)\n"
    );
    let gh = stdout_of(
        glosa()
            .args(["check", "--format", "github", "-"])
            .write_stdin(text),
        1,
    );
    assert_eq!(
        String::from_utf8(gh).unwrap(),
        "::warning file=<stdin>,line=1,col=11,endLine=1,endColumn=18,title=mt/doubled-word::«con» twice in a row (→ con)\n"
    );
    let jsonl = stdout_of(
        glosa()
            .args(["check", "--format", "jsonl", "-"])
            .write_stdin(text),
        1,
    );
    let lines: Vec<Value> = String::from_utf8(jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["rule"], "mt/doubled-word");
    assert_eq!(lines[0]["column"], 11);
    // A warning does not fail a run that fails on errors only.
    glosa()
        .args(["check", "--fail-on", "error", "-"])
        .write_stdin(text)
        .assert()
        .code(0);
    glosa()
        .args(["check", "--fail-on", "warning", "-"])
        .write_stdin(text)
        .assert()
        .code(1);
}

#[test]
fn markdown_checks_only_translatable_text_with_original_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("doc.md");
    let md = "---\ntitle: el el\n---\n\n# Guía\n\nUsa `el el` y [la la](https://x.com/a.Bc) aquí.\n\n```\nde de\n```\n\nUna frase con con error.\n";
    fs::write(&f, md).unwrap();
    let out = stdout_of(glosa().args(["check", "--format", "json"]).arg(&f), 1);
    let v = json_of(&out);
    let found: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["rule"].as_str().unwrap().to_string(),
                x["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Front matter, inline code, code blocks and the link address are skipped; link text is
    // prose; offsets are the original file's.
    assert_eq!(
        found,
        [
            ("mt/doubled-word".to_string(), "la la".to_string()),
            ("mt/doubled-word".to_string(), "con con".to_string())
        ]
    );
    for x in v["findings"].as_array().unwrap() {
        let (s, e) = (
            x["start"].as_u64().unwrap() as usize,
            x["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&md[s..e], x["text"].as_str().unwrap());
    }
}
