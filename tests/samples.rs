//! The bundled samples are tests: every `required` span of `samples/*.expected.json` must be
//! reported, and no finding may fall outside the annotated spans.

use glosa::Linter;
use serde_json::Value;
use std::path::Path;

fn overlaps(fs: usize, fe: usize, s: usize, e: usize) -> bool {
    let fe = fe.max(fs + 1);
    fs < e && s < fe
}

#[test]
fn samples_match_their_annotations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut checked = 0;
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".expected.json") {
            continue;
        }
        let ann: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let text_path = dir.join(ann["file"].as_str().unwrap());
        let text = std::fs::read_to_string(&text_path).unwrap();
        let lang = ann["language"].as_str().unwrap_or("es");
        let linter = Linter::new(lang, &[]).unwrap();
        let findings = linter.check(&text);
        let spans = ann["annotations"].as_array().unwrap();
        for s in spans {
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &text[start..end],
                s["text"].as_str().unwrap(),
                "{name}: offsets"
            );
            if s["need"] == "required"
                && !findings
                    .iter()
                    .any(|f| overlaps(f.start, f.end, start, end))
            {
                problems.push(format!("{name}: missed {:?} ({})", s["text"], s["concept"]));
            }
        }
        for f in &findings {
            let annotated = spans.iter().any(|s| {
                overlaps(
                    f.start,
                    f.end,
                    s["start"].as_u64().unwrap() as usize,
                    s["end"].as_u64().unwrap() as usize,
                )
            });
            if !annotated {
                problems.push(format!(
                    "{name}: false positive {} at {:?}",
                    f.rule,
                    &text[f.start..f.end]
                ));
            }
        }
        checked += 1;
    }
    assert!(checked >= 2, "no annotated samples found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
