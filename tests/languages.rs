//! Multilingual runs as a user sees them: a file's language from its declaration or its text,
//! each language's glossary, mixed documents, concepts side by side, Spanish explanations, and
//! suppressions in PO and HTML.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn glosa(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("glosa").expect("binary");
    c.current_dir(dir).env_remove("NO_COLOR");
    c
}

fn rules_of(dir: &Path, args: &[&str]) -> Vec<(String, String)> {
    let out = glosa(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or("").to_string(),
                f["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn each_file_is_checked_in_its_own_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("fr.txt"),
        "Les acteurs du secteur investissent dans la piste de l'intelligence artificielle, et le \
         marché de la piste des véhicules électriques reste très disputé par les entreprises.\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("es.txt"),
        "Las empresas del mercado compiten en la pista de los coches eléctricos desde hace años.\n",
    )
    .expect("write");
    let fr = rules_of(dir.path(), &["fr.txt"]);
    assert!(fr.iter().any(|(r, _)| r == "fr/track-as-sector"), "{fr:?}");
    assert!(fr.iter().all(|(r, _)| !r.starts_with("es/")), "{fr:?}");
    let es = rules_of(dir.path(), &["es.txt"]);
    assert!(es.iter().any(|(r, _)| r == "es/track-as-sector"), "{es:?}");
    // --lang wins over detection: as Spanish, the French paragraph is untranslated.
    let forced = rules_of(dir.path(), &["--lang", "es", "fr.txt"]);
    assert!(
        forced.iter().any(|(r, _)| r == "lang/untranslated"),
        "{forced:?}"
    );
    assert!(!fr.iter().any(|(r, _)| r == "lang/untranslated"), "{fr:?}");
}

#[test]
fn po_language_header_decides_and_translator_comments_suppress() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("a.po"),
        "msgid \"\"\nmsgstr \"\"\n\"Language: it\\n\"\n\n\
         msgid \"The players\"\nmsgstr \"I giocatori del mercato e la pista dell'intelligenza artificiale.\"\n\n\
         # glosa-ignore it/track-as-sector\n\
         msgid \"Track\"\nmsgstr \"La pista dell'intelligenza artificiale attira le aziende del mercato.\"\n\n\
         # glosa-ignore mt/doubled-word\n\
         msgid \"Clean\"\nmsgstr \"Un testo pulito.\"\n",
    )
    .expect("write");
    let found = rules_of(dir.path(), &["a.po"]);
    let tracks: Vec<&(String, String)> = found
        .iter()
        .filter(|(r, _)| r == "it/track-as-sector")
        .collect();
    assert_eq!(tracks.len(), 1, "{found:?}");
    assert!(
        found.iter().any(|(r, _)| r == "glosa/unused-suppression"),
        "{found:?}"
    );
}

#[test]
fn html_lang_attribute_comments_and_attributes() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("a.html"),
        "<html lang=\"es-MX\"><body>\n<p>Los jugadores del mercado compiten en la <b>pista</b>.</p>\n\
         <!-- glosa-ignore -->\n<p>La pista del mercado crece.</p>\n\
         <img alt=\"El el gráfico\">\n<script>var pista = 'el el';</script>\n</body></html>\n",
    )
    .expect("write");
    let found = rules_of(dir.path(), &["a.html"]);
    let rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(
        rules,
        vec![
            "es/players-as-companies",
            "es/track-as-sector",
            "mt/doubled-word"
        ],
        "{found:?}"
    );
}

#[test]
fn an_english_paragraph_in_a_spanish_page_is_untranslated_and_checked_in_english() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("mixed.txt"),
        "El mercado de los coches eléctricos crece en toda Europa y las empresas invierten cada vez más.\n\n\
         Investors say the AI track is already overcrowded and that most of the companies in it will fail.\n\n\
         La empresa presentó ayer su nuevo modelo y los analistas lo recibieron con interés.\n",
    )
    .expect("write");
    let found = rules_of(dir.path(), &["mixed.txt"]);
    assert!(
        found
            .iter()
            .any(|(r, t)| r == "lang/untranslated" && t.starts_with("Investors say")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(r, _)| r == "en/track-as-sector"),
        "{found:?}"
    );
    assert_eq!(
        found
            .iter()
            .filter(|(r, _)| r == "lang/untranslated")
            .count(),
        1,
        "no Spanish paragraph is untranslated: {found:?}"
    );
}

#[test]
fn a_spanish_line_in_an_english_page_is_found_when_its_stop_words_tie_with_italian() {
    // "la", "del", "del" are Spanish and Italian stop words alike: the stop words cannot tell
    // which, lingua does (Spanish), and its answer stands.
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("guide.txt"),
        "This guide explains how the parameters of the interpreter are stored in the file and \
         read again when it starts.\n\nEspecifique la alineación del último renglón del párrafo.\n\n\
         The header lines are skipped and the data columns are read one by one from the table \
         that follows them.\n",
    )
    .expect("write");
    let out = glosa(dir.path())
        .args(["check", "--format", "short", "guide.txt"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("guide.txt:3:1: lang/untranslated untranslated: this text is in Spanish"),
        "{text}"
    );
    assert_eq!(text.matches("lang/untranslated").count(), 1, "{text}");
}

#[test]
fn concepts_side_by_side_and_spanish_explanations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = glosa(dir.path())
        .args(["rules", "--concept", "track-as-sector"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for code in [
        "es/track-as-sector",
        "fr/track-as-sector",
        "it/track-as-sector",
        "de/track-as-sector",
        "en/track-as-sector",
    ] {
        assert!(text.contains(code), "{code} missing:\n{text}");
    }
    glosa(dir.path())
        .args(["rules", "--concept", "track-as-sectr"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean track-as-sector?"));
    let es = glosa(dir.path())
        .args(["explain", "es/track-as-sector", "--explain-lang", "es"])
        .output()
        .expect("runs");
    let en = glosa(dir.path())
        .args(["explain", "es/track-as-sector"])
        .output()
        .expect("runs");
    let (es, en) = (
        String::from_utf8_lossy(&es.stdout),
        String::from_utf8_lossy(&en.stdout),
    );
    assert!(
        es.contains("escríbase") || es.contains("Escríbase") || es.contains("sector"),
        "{es}"
    );
    assert_ne!(es, en);
    assert!(en.contains("race track"), "{en}");
}
