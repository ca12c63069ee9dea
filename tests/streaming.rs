//! Big plain-text files are read in chunks: the findings, offsets and line numbers are those of
//! the file read whole (standard input is always read whole), bad bytes far into the file are
//! named with their offset, and a binary file is skipped.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;

/// More than the 8 MB from which files are streamed.
const BIG: usize = 9 << 20;

fn big_text() -> String {
    let paras = [
        "La empresa entró en la pista de los modelos grandes y muchos jugadores la siguieron.",
        "This paragraph was left in English by the translator and it should be flagged as such.",
        "El informe  describe el aterrizaje de la tecnología en la escena industrial , sin más.",
        // A long paragraph over several lines, with CRLF line ends.
        "Actualmente la librería se usa en\r\nmuchos proyectos. la segunda frase\r\nempieza en minúscula.",
        "Los usuarios pueden consultar la documentación en línea cuando lo necesiten.",
    ];
    let mut text = String::with_capacity(BIG + 4096);
    let mut k = 0;
    while text.len() < BIG {
        text.push_str(paras[k % paras.len()]);
        // Blank lines of different shapes between paragraphs.
        text.push_str(match k % 3 {
            0 => "\n\n",
            1 => "\n   \n",
            _ => "\r\n\r\n",
        });
        k += 1;
    }
    // One paragraph longer than a chunk (1 MB) without a blank line.
    for _ in 0..30_000 {
        text.push_str("La pista avanza sin pausa.\n");
    }
    text.push_str("Final sin salto de línea y con la escena");
    text
}

fn findings(out: &[u8]) -> Vec<(String, u64, u64, u64, u64)> {
    let v: Value = serde_json::from_slice(out).expect("json");
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or("").to_string(),
                f["start"].as_u64().unwrap_or(0),
                f["end"].as_u64().unwrap_or(0),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn a_big_file_read_in_chunks_has_the_findings_of_the_whole_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.txt");
    let text = big_text();
    assert!(text.len() > BIG);
    fs::write(&path, &text).expect("write");
    let streamed = Command::cargo_bin("glosa")
        .expect("binary")
        .args(["check", "--format", "json", "-j", "2"])
        .arg(&path)
        .output()
        .expect("runs");
    let whole = Command::cargo_bin("glosa")
        .expect("binary")
        .args(["check", "--format", "json", "-"])
        .write_stdin(text.clone())
        .output()
        .expect("runs");
    let (s, w) = (findings(&streamed.stdout), findings(&whole.stdout));
    assert!(s.len() > 10_000, "{} findings", s.len());
    for rule in [
        "es/track-as-sector",
        "lang/untranslated",
        "mt/space-before-punctuation",
    ] {
        assert!(s.iter().any(|f| f.0 == rule), "no {rule}");
    }
    assert_eq!(s.len(), w.len());
    assert!(s == w, "streamed findings differ from the whole file's");
    // Offsets are the file's: the reported text is at the reported offset.
    let late = s
        .iter()
        .rfind(|f| f.0 == "es/track-as-sector")
        .expect("a late finding");
    assert!(late.1 > 8 << 20, "{late:?}");
    assert!(
        text[late.1 as usize..].starts_with("la pista"),
        "{late:?} {:?}",
        &text[late.1 as usize - 30..late.1 as usize + 30]
    );
    let line_start = text[..late.1 as usize].rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(
        late.3 as usize,
        text[..line_start].matches('\n').count() + 1
    );
    let v: Value = serde_json::from_slice(&streamed.stdout).expect("json");
    assert_eq!(v["summary"]["files_checked"], 1, "{}", v["summary"]);
}

#[test]
fn bad_bytes_far_into_a_big_file_are_named_and_binaries_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = "Texto correcto y sin errores de ningún tipo.\n\n"
        .repeat(BIG / 40)
        .into_bytes();
    let at = bytes.len() - 1000;
    bytes[at] = 0xFF;
    fs::write(dir.path().join("bad.txt"), &bytes).expect("write");
    let mut binary = vec![b'a'; BIG];
    binary[10] = 0;
    fs::write(dir.path().join("blob.txt"), &binary).expect("write");
    let out = Command::cargo_bin("glosa")
        .expect("binary")
        .args(["check", "--format", "short"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "bad.txt: not valid UTF-8: byte 0xFF at offset {at}"
        )),
        "{err}"
    );
    assert!(!err.contains("blob.txt"), "{err}");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
