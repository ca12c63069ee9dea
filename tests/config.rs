//! Configuration files, inline suppressions, `--force-exclude` and `glosa init`, as a user runs
//! them.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn glosa(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("glosa").expect("binary");
    c.current_dir(dir).env_remove("NO_COLOR");
    c
}

const CALQUES: &str = "Los jugadores del mercado compiten en la pista de los coches eléctricos.\n";

/// `path:line:col: CODE` of each finding of a short-format run.
fn codes(out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .filter_map(|l| {
            let mut parts = l.splitn(4, ':');
            let (p, _, _, rest) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
            Some(format!("{p} {}", rest.split_whitespace().next()?))
        })
        .collect()
}

fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for p in ["docs/a.txt", "docs/legal/b.txt", "vendor/c.txt"] {
        let f = dir.path().join(p);
        fs::create_dir_all(f.parent().expect("parent")).expect("mkdir");
        fs::write(&f, CALQUES).expect("write");
    }
    dir
}

#[test]
fn config_selects_ignores_excludes_and_overrides_per_path() {
    let dir = tree();
    fs::write(
        dir.path().join("glosa.toml"),
        "exclude = [\"vendor\"]\nignore = [\"es/players-as-companies\"]\n\
         [severity]\n\"es/track-as-sector\" = \"error\"\n\
         [[overrides]]\npaths = [\"docs/legal/**\"]\nignore = [\"es/\"]\n",
    )
    .expect("write");
    let out = glosa(dir.path())
        .args(["check", "--format", "short", "."])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(codes(&out), vec!["./docs/a.txt es/track-as-sector"]);
    // The severity override reaches the JSON report.
    let out = glosa(dir.path())
        .args(["check", "--format", "json", "docs/a.txt"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["findings"][0]["severity"], "error");
    // A file named explicitly is checked even when excluded, unless --force-exclude.
    glosa(dir.path())
        .args(["check", "vendor/c.txt"])
        .assert()
        .code(1);
    glosa(dir.path())
        .args(["check", "--force-exclude", "vendor/c.txt"])
        .assert()
        .code(0);
    // --no-config brings everything back.
    let out = glosa(dir.path())
        .args(["check", "--no-config", "--format", "short", "."])
        .output()
        .expect("runs");
    assert_eq!(codes(&out.stdout).len(), 6);
}

#[test]
fn config_is_found_from_the_checked_path_upward() {
    let dir = tree();
    fs::write(dir.path().join(".glosa.toml"), "ignore = [\"es\"]\n").expect("write");
    let elsewhere = tempfile::tempdir().expect("tempdir");
    glosa(elsewhere.path())
        .arg("check")
        .arg(dir.path().join("docs/legal/b.txt"))
        .assert()
        .code(0);
}

#[test]
fn allow_list_and_fail_on_from_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("a.txt"), CALQUES).expect("write");
    fs::write(
        dir.path().join("glosa.toml"),
        "allow = [\"jugadores del mercado\"]\nfail-on = \"error\"\n",
    )
    .expect("write");
    let out = glosa(dir.path())
        .args(["check", "--format", "short", "a.txt"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(codes(&out), vec!["a.txt es/track-as-sector"]);
}

#[test]
fn bad_config_is_an_error_naming_file_line_and_suggestion() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("a.txt"), CALQUES).expect("write");
    fs::write(
        dir.path().join("glosa.toml"),
        "lang = \"es\"\nignroe = [\"es\"]\n",
    )
    .expect("write");
    let out = glosa(dir.path())
        .args(["check", "--color", "never", "a.txt"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("glosa.toml"), "{err}");
    assert!(err.contains("did you mean `ignore`?"), "{err}");
    assert!(err.contains("2 │ ignroe"), "{err}");
    fs::write(dir.path().join("glosa.toml"), "ignore = [\"es/pista\"]\n").expect("write");
    let out = glosa(dir.path())
        .args(["check", "a.txt"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule"));
}

#[test]
fn inline_suppressions_in_markdown_and_unused_ones_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("a.md"),
        "# Título\n\n<!-- glosa-ignore es/track-as-sector -->\n\
         Los jugadores compiten en la pista del mercado.\n\n\
         <!-- glosa off -->\nLos jugadores del mercado.\n<!-- glosa on -->\n\n\
         <!-- glosa-ignore mt/doubled-word -->\nUn texto limpio.\n\n\
         Los jugadores del mercado.\n",
    )
    .expect("write");
    let out = glosa(dir.path())
        .args(["check", "--format", "short", "a.md"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let got: Vec<&str> = text
        .lines()
        .map(|l| l.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(got, vec!["a.md:4:1:", "a.md:10:1:", "a.md:13:1:"], "{text}");
    assert!(text.contains("glosa/unused-suppression"), "{text}");
}

#[test]
fn init_writes_a_default_that_parses_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    glosa(dir.path()).arg("init").assert().code(0);
    let written = fs::read_to_string(dir.path().join("glosa.toml")).expect("written");
    assert!(written.contains("# select"));
    fs::write(dir.path().join("a.txt"), CALQUES).expect("write");
    // The default changes nothing.
    glosa(dir.path()).args(["check", "a.txt"]).assert().code(1);
    glosa(dir.path()).arg("init").assert().code(2);
    glosa(dir.path()).args(["init", "--force"]).assert().code(0);
}

#[test]
fn each_checked_path_uses_its_own_configuration() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (sub, ignore) in [
        ("a", "es/track-as-sector"),
        ("b", "es/players-as-companies"),
    ] {
        let d = dir.path().join(sub);
        fs::create_dir(&d).expect("mkdir");
        fs::write(d.join("t.txt"), CALQUES).expect("write");
        fs::write(d.join("glosa.toml"), format!("ignore = [\"{ignore}\"]\n")).expect("write");
    }
    let out = glosa(dir.path())
        .args(["check", "--format", "short", "a", "b"])
        .output()
        .expect("runs");
    assert_eq!(
        codes(&out.stdout),
        vec![
            "a/t.txt es/players-as-companies",
            "b/t.txt es/track-as-sector"
        ]
    );
}
