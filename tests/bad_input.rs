//! Bad input never crashes and never loses data: each case of the workflows issue, run as a
//! user would.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn glosa(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("glosa").expect("binary");
    c.current_dir(dir).env_remove("NO_COLOR");
    c
}

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("JSON on stdout")
}

#[test]
fn a_hundred_thousand_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    for d in 0..100 {
        let sub = dir.path().join(format!("d{d:03}"));
        fs::create_dir(&sub).expect("mkdir");
        for f in 0..1000 {
            let text: &[u8] = if d == 42 && f == 7 {
                b"Los jugadores del mercado compiten en la pista.\n"
            } else {
                b"Hola.\n"
            };
            fs::write(sub.join(format!("f{f:04}.txt")), text).expect("write");
        }
    }
    let out = glosa(dir.path())
        .args(["check", "--lang", "es", "--format", "json", "."])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out.stdout);
    assert_eq!(v["summary"]["files_checked"], 100_000);
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert!(!paths.is_empty());
    assert!(
        paths.iter().all(|p| p.ends_with("d042/f0007.txt")),
        "{paths:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_not_followed_forever() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("a");
    fs::create_dir(&sub).expect("mkdir");
    std::os::unix::fs::symlink("..", sub.join("up")).expect("symlink");
    std::os::unix::fs::symlink("loop2", dir.path().join("loop1.txt")).expect("symlink");
    std::os::unix::fs::symlink("loop1.txt", dir.path().join("loop2")).expect("symlink");
    fs::write(sub.join("t.txt"), "Una frase con con error.\n").expect("write");
    let out = glosa(dir.path())
        .args(["check", "--format", "json", "."])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    let v = json(&out.stdout);
    assert_eq!(v["summary"]["files_checked"], 1);
    assert_eq!(v["findings"][0]["rule"], "mt/doubled-word");
    // Named explicitly, the looping link is an error naming it; the run goes on.
    let out = glosa(dir.path())
        .args(["check", "--format", "json", "loop1.txt", "a/t.txt"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loop1.txt"));
    assert_eq!(json(&out.stdout)["summary"]["files_checked"], 1);
}

#[test]
fn a_file_over_one_gigabyte_is_refused_by_name_and_the_rest_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = fs::File::create(dir.path().join("big.txt")).expect("create");
    // Sparse: no disk space used.
    big.set_len((1 << 30) + 1).expect("set_len");
    fs::write(dir.path().join("small.txt"), "Una frase con con error.\n").expect("write");
    let out = glosa(dir.path())
        .args(["check", "--format", "json", "big.txt", "small.txt"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("big.txt: file too large"), "{err}");
    let v = json(&out.stdout);
    assert_eq!(v["summary"]["files_checked"], 1);
    assert_eq!(v["findings"][0]["rule"], "mt/doubled-word");
}

#[test]
fn no_final_newline_and_mixed_line_endings_keep_positions_and_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "Primera línea.\r\nLa pista crece en el mercado.\nEl el final\r\nsin salto";
    let f = dir.path().join("mixed.txt");
    fs::write(&f, text).expect("write");
    let out = glosa(dir.path())
        .args(["check", "--format", "json", "mixed.txt"])
        .output()
        .expect("runs");
    let v = json(&out.stdout);
    let found: Vec<(String, u64, u64)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["text"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert!(
        found.contains(&("la pista".into(), 2, 1)) || found.contains(&("La pista".into(), 2, 1)),
        "{found:?}"
    );
    assert!(found.contains(&("El el".into(), 3, 1)), "{found:?}");
    // Fixing keeps every other byte: CRLF, LF, and the missing final newline.
    glosa(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "mixed.txt"])
        .output()
        .expect("runs");
    let fixed = fs::read_to_string(&f).expect("read");
    assert_eq!(
        fixed,
        "Primera línea.\r\nEl sector crece en el mercado.\nEl final\r\nsin salto"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A socket cannot be opened for reading, not even by root.
    let _sock = std::os::unix::net::UnixListener::bind(dir.path().join("sock.txt")).expect("bind");
    fs::write(dir.path().join("ok.txt"), "Una frase con con error.\n").expect("write");
    let out = glosa(dir.path())
        .args(["check", "--format", "json", "sock.txt", "ok.txt"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sock.txt"));
    assert_eq!(json(&out.stdout)["summary"]["files_checked"], 1);
}

#[test]
fn malformed_po_and_xliff_are_errors_with_positions_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("bad.po"),
        "msgid \"a\"\nmsgstr \"sin cerrar\nmsgid \"b\"\nmsgstr \"Una frase con con error.\"\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("bad.xlf"),
        "<xliff version=\"1.2\"><file target-language=\"es\"><body>\
         <trans-unit id=\"1\"><source>x</source><target>Una frase con con error.</target></trans-unit>\
         <trans-unit id=\"2\"><target>roto</source></body></file></xliff>",
    )
    .expect("write");
    let out = glosa(dir.path())
        .args(["check", "--format", "json", "bad.po", "bad.xlf"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.po: 2:"), "{err}");
    assert!(err.contains("bad.xlf: 1:"), "{err}");
    let v = json(&out.stdout);
    let rules: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or(""),
                f["rule"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        rules,
        vec![
            ("bad.po", "mt/doubled-word"),
            ("bad.xlf", "mt/doubled-word")
        ]
    );
}

#[test]
fn empty_files_of_every_format_are_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    for ext in ["txt", "md", "html", "po", "xlf", "srt", "vtt"] {
        fs::write(dir.path().join(format!("empty.{ext}")), "").expect("write");
    }
    let out = glosa(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out.stdout);
    assert_eq!(v["summary"]["files_checked"], 7);
    assert_eq!(v["findings"].as_array().map(|a| a.len()), Some(0), "{v}");
}
