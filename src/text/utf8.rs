//! UTF-8 validation of file contents with SIMD (simdutf8): the bytes of every file are checked
//! once, at several GB/s, before they become text.

/// Why bytes are not UTF-8: the offset of the first bad byte and the byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadByte {
    pub offset: usize,
    pub byte: u8,
}

/// The bytes as a `String`, or where they stop being UTF-8.
pub fn into_string(bytes: Vec<u8>) -> Result<String, BadByte> {
    try_into_string(bytes).map_err(|bytes| {
        let offset = std::str::from_utf8(&bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        BadByte {
            offset,
            byte: bytes.get(offset).copied().unwrap_or(0),
        }
    })
}

/// The bytes as a `String`, or the bytes back when they are not UTF-8.
pub fn try_into_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just validated as UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        Err(bytes)
    }
}

/// Checks `bytes`, which may end inside a character: `Ok(n)` when they are UTF-8 but for `n`
/// bytes of a character cut at the end (0 to 3), else the first bad byte.
pub fn check_prefix(bytes: &[u8]) -> Result<usize, BadByte> {
    match simdutf8::compat::from_utf8(bytes) {
        Ok(_) => Ok(0),
        Err(e) if e.error_len().is_none() => Ok(bytes.len() - e.valid_up_to()),
        Err(e) => Err(BadByte {
            offset: e.valid_up_to(),
            byte: bytes[e.valid_up_to()],
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_and_names_the_first_bad_byte() {
        assert_eq!(into_string(b"caf\xc3\xa9".to_vec()).as_deref(), Ok("café"));
        assert_eq!(
            into_string(b"caf\xe9 con leche".to_vec()),
            Err(BadByte {
                offset: 3,
                byte: 0xE9
            })
        );
        assert_eq!(check_prefix(b"caf\xc3"), Ok(1));
        assert_eq!(check_prefix(b"caf\xc3\xa9"), Ok(0));
        assert_eq!(
            check_prefix(b"a\xff b"),
            Err(BadByte {
                offset: 1,
                byte: 0xFF
            })
        );
    }
}
