//! glosa as a git pre-commit hook, with the real `pre-commit` tool: a commit that adds a calque
//! is refused with the diagnostic shown; a clean commit passes. `.ci/run` installs pre-commit;
//! on a machine without it the test says so and passes only outside CI.

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, cmd: &str, args: &[&str]) -> Output {
    Command::new(cmd)
        .args(args)
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", dir.join(".pre-commit-cache"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd}: {e}"))
}

#[test]
fn pre_commit_refuses_a_calque_and_accepts_clean_text() {
    if Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "pre-commit is not installed, and CI must run this test (see .ci/run)"
        );
        eprintln!("pre-commit not installed: skipped (pip install pre-commit)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bin = env!("CARGO_BIN_EXE_glosa");
    std::fs::write(
        d.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n- repo: local\n  hooks:\n  - id: glosa\n    name: glosa\n    entry: {bin} check --color never\n    language: system\n    files: \\.txt$\n"
        ),
    )
    .unwrap();
    assert!(run(d, "git", &["init", "-q"]).status.success());
    for (k, v) in [("user.name", "t"), ("user.email", "t@example.invalid")] {
        run(d, "git", &["config", k, v]);
    }
    let install = run(d, "pre-commit", &["install"]);
    assert!(
        install.status.success(),
        "{}",
        String::from_utf8_lossy(&install.stderr)
    );

    std::fs::write(
        d.join("bad.txt"),
        "Las empresas compiten en la pista de los modelos de IA.\n",
    )
    .unwrap();
    run(d, "git", &["add", "."]);
    let refused = run(d, "git", &["commit", "-q", "-m", "calque"]);
    let shown = String::from_utf8_lossy(&refused.stdout).to_string()
        + &String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success(),
        "the commit went through:\n{shown}"
    );
    assert!(shown.contains("es/track-as-sector"), "{shown}");
    assert!(shown.contains("el sector"), "{shown}");

    std::fs::write(
        d.join("bad.txt"),
        "Las empresas compiten en el sector de los modelos de IA.\n",
    )
    .unwrap();
    run(d, "git", &["add", "."]);
    let ok = run(d, "git", &["commit", "-q", "-m", "clean"]);
    assert!(
        ok.status.success(),
        "{}{}",
        String::from_utf8_lossy(&ok.stdout),
        String::from_utf8_lossy(&ok.stderr)
    );
}
