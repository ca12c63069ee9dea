//! Big plain-text files, checked in chunks cut at blank lines and reported chunk by chunk:
//! memory stays flat whatever the size of the file, and the chunks of one file are checked in
//! parallel. The findings are those of the whole file read at once (checks never look past a
//! paragraph, and a chunk always ends where a paragraph does); offsets and line numbers
//! printed are the file's.

use super::{Run, Scope};
use crate::formats::Format as FileFormat;
use crate::pipeline::FilePlan;
use crate::report::{FileError, FileReport, Reporter, Summary};
use crate::text::lines::LineIndex;
use crate::walk::{self, Input};
use rayon::prelude::*;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Plain-text files from this size on are streamed.
pub const STREAM_FROM: u64 = 8 << 20;
/// Bytes read for one chunk (it then ends at the last blank line in them).
const CHUNK: usize = 1 << 20;

/// Whether `input` is checked by streaming (a big plain-text file, only reported on).
pub fn streamed(input: &Input) -> bool {
    let Input::File(p) = input else { return false };
    FileFormat::of_path(p) == FileFormat::Plain
        && std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() >= STREAM_FROM)
}

/// Checks and reports one big plain-text file.
pub fn check_streamed(
    run: &Run,
    scope: &Scope,
    path: &Path,
    out: &mut dyn Write,
    reporter: &mut dyn Reporter,
    summary: &mut Summary,
) -> miette::Result<()> {
    let name = Input::File(path.to_path_buf()).display();
    let fail = |summary: &mut Summary, message: String| {
        summary.errors.push(FileError {
            path: name.clone(),
            message,
        });
    };
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            fail(summary, walk::io_message(&e));
            return Ok(());
        }
    };
    let len = match file.metadata() {
        Ok(m) => m.len(),
        Err(e) => {
            fail(summary, walk::io_message(&e));
            return Ok(());
        }
    };
    if len > walk::MAX_FILE_SIZE {
        fail(summary, walk::too_large(len));
        return Ok(());
    }
    // First pass: binary or not, valid UTF-8 or not (an error names the first bad byte, as
    // for files read whole), and the samples the language is detected on.
    let (head, samples) = match survey(&mut file, len) {
        Ok(Survey::Text { head, samples }) => (head, samples),
        Ok(Survey::Binary) => {
            summary.files_skipped += 1;
            return Ok(());
        }
        Err(message) => {
            fail(summary, message);
            return Ok(());
        }
    };
    let (lang, _) = crate::pipeline::file_language_with(
        run.lang.as_deref(),
        scope.config.lang_for(Some(path)),
        None,
        || {
            crate::lang::detect::detect_samples(
                samples
                    .iter()
                    .enumerate()
                    .map(|(k, s)| crate::lang::detect::sample_in(s, k)),
                &head,
            )
        },
    );
    let plan = match FilePlan::new(
        &scope.linters,
        &scope.config,
        Some(path),
        FileFormat::Plain,
        lang,
    ) {
        Ok(p) => p,
        Err(message) => {
            fail(summary, message);
            return Ok(());
        }
    };
    if let Err(e) = file.seek(SeekFrom::Start(0)) {
        fail(summary, walk::io_message(&e));
        return Ok(());
    }
    // Second pass: as many chunks as threads at a time, checked in parallel, reported in order.
    let mut chunks = Chunks {
        file,
        buf: Vec::new(),
        eof: false,
    };
    let (mut base, mut first_line, mut total) = (0usize, 0usize, 0usize);
    loop {
        let mut batch: Vec<String> = Vec::new();
        for _ in 0..rayon::current_num_threads().max(1) {
            match chunks.next_chunk() {
                Ok(Some(c)) => batch.push(c),
                Ok(None) => break,
                Err(message) => {
                    fail(summary, message);
                    break;
                }
            }
        }
        if batch.is_empty() {
            break;
        }
        let checked: Vec<Vec<crate::finding::Finding>> =
            batch.par_iter().map(|text| plan.check(text)).collect();
        for (text, findings) in batch.iter().zip(checked) {
            summary.add_findings(&findings);
            total += findings.len();
            if !findings.is_empty() {
                let lines = LineIndex::starting_at_line(text, first_line);
                reporter
                    .file(
                        out,
                        &FileReport {
                            path: &name,
                            text,
                            lines: &lines,
                            base,
                            findings: &findings,
                        },
                    )
                    .map_err(miette::Report::from_err)?;
            }
            base += text.len();
            first_line += memchr::memchr_iter(b'\n', text.as_bytes()).count();
        }
        if chunks.eof && chunks.buf.is_empty() {
            break;
        }
    }
    summary.files_checked += 1;
    if total > 0 {
        summary.files_with_findings += 1;
    }
    out.flush().map_err(miette::Report::from_err)
}

enum Survey {
    Binary,
    Text {
        /// The first 2 KB.
        head: Vec<u8>,
        /// The bytes read from each sample start.
        samples: Vec<Vec<u8>>,
    },
}

/// Reads the file once: binary probe, UTF-8 validation, language samples.
fn survey(file: &mut File, len: u64) -> Result<Survey, String> {
    let len = len as usize;
    let starts: Vec<usize> = (0..crate::lang::detect::SAMPLES)
        .map(|k| crate::lang::detect::sample_start(len, k))
        .collect();
    let mut samples: Vec<Vec<u8>> = vec![Vec::new(); starts.len()];
    let mut head = Vec::new();
    // `buf[..kept]` holds up to three bytes of a character cut by the end of the previous
    // read; each read lands after them, so validation continues without copying the block.
    let mut buf = vec![0u8; CHUNK + 3];
    let mut kept = 0usize;
    let mut at = 0usize;
    loop {
        let n = file
            .read(&mut buf[kept..])
            .map_err(|e| walk::io_message(&e))?;
        if n == 0 {
            break;
        }
        let block = &buf[kept..kept + n];
        if at == 0 && memchr::memchr(0, &block[..n.min(walk::BINARY_PROBE)]).is_some() {
            return Ok(Survey::Binary);
        }
        if head.len() < 2048 {
            head.extend_from_slice(&block[..(2048 - head.len()).min(n)]);
        }
        for (s, &from) in samples.iter_mut().zip(&starts) {
            let want = crate::lang::detect::SAMPLE_READ;
            let (lo, hi) = (from.max(at), (from + want).min(at + n));
            if lo < hi {
                s.extend_from_slice(&block[lo - at..hi - at]);
            }
        }
        // Validate what is complete; keep an unfinished character for the next read.
        let filled = kept + n;
        let checked_from = at - kept;
        match crate::text::utf8::check_prefix(&buf[..filled]) {
            Ok(cut) => {
                buf.copy_within(filled - cut..filled, 0);
                kept = cut;
            }
            Err(bad) => return Err(walk::bad_utf8(bad.byte, checked_from + bad.offset)),
        }
        at += n;
    }
    if kept > 0 {
        return Err(walk::bad_utf8(buf[0], at - kept));
    }
    Ok(Survey::Text { head, samples })
}

/// The chunks of a file: each about [`CHUNK`] bytes, ending just after a blank line (or at the
/// end of the file); a paragraph longer than a chunk makes its chunk longer.
struct Chunks {
    file: File,
    buf: Vec<u8>,
    eof: bool,
}

impl Chunks {
    fn fill(&mut self, want: usize) -> Result<(), String> {
        while !self.eof && self.buf.len() < want {
            let have = self.buf.len();
            self.buf.resize(want, 0);
            let n = self
                .file
                .read(&mut self.buf[have..])
                .map_err(|e| walk::io_message(&e))?;
            self.buf.truncate(have + n);
            if n == 0 {
                self.eof = true;
            }
        }
        Ok(())
    }

    fn next_chunk(&mut self) -> Result<Option<String>, String> {
        let mut want = CHUNK;
        loop {
            self.fill(want)?;
            if self.buf.is_empty() {
                return Ok(None);
            }
            let cut = if self.eof && self.buf.len() <= want {
                Some(self.buf.len())
            } else {
                after_last_blank_line(&self.buf)
            };
            if let Some(cut) = cut.filter(|&c| c > 0) {
                let rest = self.buf.split_off(cut);
                let chunk = std::mem::replace(&mut self.buf, rest);
                return crate::text::utf8::into_string(chunk)
                    .map(Some)
                    .map_err(|_| "the file changed while it was read".to_string());
            }
            // No blank line yet: a longer chunk.
            want = self.buf.len() * 2;
        }
    }
}

/// The offset just after the last blank line (a line of white space only) of `bytes` whose
/// end is inside `bytes`, if any.
fn after_last_blank_line(bytes: &[u8]) -> Option<usize> {
    let mut end = bytes.len();
    // `end` walks back over line ends: each `\n` at `nl` closes the line before it.
    while let Some(nl) = memchr::memrchr(b'\n', &bytes[..end]) {
        let line_start = memchr::memrchr(b'\n', &bytes[..nl]).map_or(0, |i| i + 1);
        if nl > 0
            && bytes[line_start..nl]
                .iter()
                .all(|b| b.is_ascii_whitespace())
        {
            // A blank line that is not the first line of the buffer (it must follow text).
            if line_start > 0 {
                return Some(nl + 1);
            }
        }
        end = nl;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn survey_of(bytes: &[u8]) -> Result<Survey, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let path = dir.path().join("f.txt");
        std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
        let mut f = File::open(&path).map_err(|e| e.to_string())?;
        survey(&mut f, bytes.len() as u64)
    }

    #[test]
    fn a_character_cut_by_a_read_is_validated_whole() {
        // «é» (C3 A9) straddles the end of the first read.
        let mut bytes = vec![b'a'; CHUNK - 1];
        bytes.extend_from_slice("é y más texto".as_bytes());
        assert!(matches!(survey_of(&bytes), Ok(Survey::Text { .. })));
        // A lead byte at the end of the first read followed by a bad one.
        let mut bad = vec![b'a'; CHUNK - 1];
        bad.extend_from_slice(&[0xC3, b'x', b'y']);
        match survey_of(&bad) {
            Err(m) => assert!(m.contains(&format!("0xC3 at offset {}", CHUNK - 1)), "{m}"),
            Ok(_) => panic!("accepted bad UTF-8"),
        }
        // A character cut by the end of the file.
        let mut cut = vec![b'a'; 10];
        cut.push(0xC3);
        match survey_of(&cut) {
            Err(m) => assert!(m.contains("0xC3 at offset 10"), "{m}"),
            Ok(_) => panic!("accepted a cut character"),
        }
    }

    #[test]
    fn chunks_end_after_blank_lines() {
        assert_eq!(after_last_blank_line(b"uno\n\ndos\n\ntres"), Some(10));
        assert_eq!(after_last_blank_line(b"uno\n  \t\ndos"), Some(8));
        assert_eq!(after_last_blank_line(b"uno\ndos\ntres\n"), None);
        assert_eq!(after_last_blank_line(b"\n\nuno"), Some(2));
    }
}
