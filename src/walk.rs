//! Paths → files: explicit files as given, directories walked with the `ignore` crate
//! (.gitignore, .ignore and hidden files respected), `-` for standard input; reading with
//! binary and encoding checks.

use crate::report::FileError;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions checked when walking a directory.
pub const KNOWN_EXTENSIONS: [&str; 15] = [
    "txt", "text", "md", "markdown", "po", "pot", "xlf", "xliff", "sdlxliff", "mxliff", "srt",
    "vtt", "html", "htm", "xhtml",
];

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".into(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// Expands the command-line paths into inputs, in a stable order: the order given, and each
/// directory's files sorted by path.
/// `walked` decides on files found in directories (configuration include/exclude), `named` on
/// files named on the command line (`--force-exclude`).
pub fn collect(
    paths: &[PathBuf],
    walked: &(dyn Fn(&Path) -> bool + Sync),
    named: &dyn Fn(&Path) -> bool,
) -> (Vec<Input>, Vec<FileError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                // Walked in parallel; sorted afterwards, so the order never depends on threads.
                let found = std::sync::Mutex::new(Vec::new());
                let errs = std::sync::Mutex::new(Vec::new());
                ignore::WalkBuilder::new(p).build_parallel().run(|| {
                    Box::new(|entry| {
                        match entry {
                            Ok(e) => {
                                if e.file_type().is_some_and(|t| t.is_file())
                                    && has_known_ext(e.path())
                                    && walked(e.path())
                                {
                                    if let Ok(mut f) = found.lock() {
                                        f.push(e.into_path());
                                    }
                                }
                            }
                            Err(err) => {
                                if let Ok(mut v) = errs.lock() {
                                    v.push(FileError {
                                        path: p.display().to_string(),
                                        message: err.to_string(),
                                    });
                                }
                            }
                        }
                        ignore::WalkState::Continue
                    })
                });
                let mut found = found.into_inner().unwrap_or_default();
                found.sort();
                inputs.extend(found.into_iter().map(Input::File));
                let mut errs = errs.into_inner().unwrap_or_default();
                errs.sort_by(|a, b| a.message.cmp(&b.message));
                errors.extend(errs);
            }
            Ok(_) if named(p) => inputs.push(Input::File(p.clone())),
            Ok(_) => {}
            Err(e) => errors.push(FileError {
                path: p.display().to_string(),
                message: io_message(&e),
            }),
        }
    }
    (inputs, errors)
}

fn has_known_ext(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| KNOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A short message for an I/O error.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// What reading a file gave.
#[derive(Debug)]
pub enum Loaded {
    Text(String),
    /// Binary content (a NUL byte near the start): skipped.
    Binary,
}

/// How far to look for a NUL byte.
pub(crate) const BINARY_PROBE: usize = 8192;

/// Largest file glosa reads (1 GiB): a file is read whole, and a translation bigger than this
/// is better split (or it is not a translation).
pub const MAX_FILE_SIZE: u64 = 1 << 30;

pub(crate) fn too_large(len: u64) -> String {
    format!(
        "file too large: {:.1} GiB (glosa reads files of up to 1 GiB; split it)",
        len as f64 / (1u64 << 30) as f64
    )
}

/// Reads an input as UTF-8 text. Errors name the problem and, for bad encoding, the offset of
/// the first invalid byte.
pub fn load(input: &Input) -> Result<Loaded, String> {
    let bytes = match input {
        Input::Stdin => {
            let mut b = Vec::new();
            std::io::stdin()
                .take(MAX_FILE_SIZE + 1)
                .read_to_end(&mut b)
                .map_err(|e| io_message(&e))?;
            if b.len() as u64 > MAX_FILE_SIZE {
                return Err(too_large(b.len() as u64));
            }
            b
        }
        Input::File(p) => {
            let mut f = std::fs::File::open(p).map_err(|e| io_message(&e))?;
            let len = f.metadata().map_err(|e| io_message(&e))?.len();
            if len > MAX_FILE_SIZE {
                return Err(too_large(len));
            }
            let mut b = Vec::with_capacity(len as usize);
            f.read_to_end(&mut b).map_err(|e| io_message(&e))?;
            b
        }
    };
    decode(bytes)
}

/// Decodes file bytes (see [`load`]).
pub fn decode(bytes: Vec<u8>) -> Result<Loaded, String> {
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    if memchr::memchr(0, probe).is_some() {
        return Ok(Loaded::Binary);
    }
    match crate::text::utf8::into_string(bytes) {
        Ok(s) => Ok(Loaded::Text(s)),
        Err(bad) => Err(bad_utf8(bad.byte, bad.offset)),
    }
}

/// The message of a file that is not UTF-8.
pub(crate) fn bad_utf8(byte: u8, offset: usize) -> String {
    format!("not valid UTF-8: byte 0x{byte:02X} at offset {offset} (convert the file to UTF-8)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_text_and_rejects_bad_bytes_with_offset() {
        assert!(matches!(decode(b"hola".to_vec()), Ok(Loaded::Text(_))));
        assert!(matches!(decode(b"a\0b".to_vec()), Ok(Loaded::Binary)));
        let err = decode(b"caf\xe9 con leche".to_vec()).unwrap_err();
        assert!(err.contains("0xE9 at offset 3"), "{err}");
        assert!(matches!(decode(Vec::new()), Ok(Loaded::Text(s)) if s.is_empty()));
    }
}
