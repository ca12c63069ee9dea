//! Writing a fixed file: atomically (a temporary file in the same directory, then a rename),
//! with the original permissions, and only if the file did not change since it was read.

use std::io::Write;
use std::path::Path;

/// Replaces `path` (whose content was `original` when read) with `new`. Refuses symbolic links
/// and read-only files, and a file changed on disk since it was read; the original is never
/// touched unless the new content is complete on disk.
pub fn write_atomic(path: &Path, original: &[u8], new: &str) -> Result<(), String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| crate::walk::io_message(&e))?;
    if meta.file_type().is_symlink() {
        return Err("is a symbolic link: not rewritten (fix the file it points to)".into());
    }
    if meta.permissions().readonly() {
        return Err("is read-only: not rewritten".into());
    }
    let now = std::fs::read(path).map_err(|e| crate::walk::io_message(&e))?;
    if now != original {
        return Err("changed on disk since it was read: not rewritten".into());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot create a temporary file beside it: {e}"))?;
    tmp.write_all(new.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    std::fs::set_permissions(tmp.path(), meta.permissions())
        .map_err(|e| format!("cannot copy permissions: {e}"))?;
    tmp.persist(path)
        .map_err(|e| format!("cannot replace the file: {}", e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_atomically_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "uno\r\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&p, b"uno\r\n", "dos\r\n").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"dos\r\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        // Changed since read: refused, content kept.
        let err = write_atomic(&p, b"uno\r\n", "tres").unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(std::fs::read(&p).unwrap(), b"dos\r\n");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.txt");
        std::fs::write(&target, "uno").unwrap();
        let link = dir.path().join("l.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = write_atomic(&link, b"uno", "dos").unwrap_err();
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read(&target).unwrap(), b"uno");
    }
}
