//! Joining strings, numbers and hex without `core::fmt`, and splitting by a byte.

#[allow(unused_imports)]
use crate::prelude::*;

/// The parts, one after the other: `[a, b].concat()` without its generic join (about 1 KB of
/// Wasm, with a panic path that formats).
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// `n` in decimal: `n.to_string()` without `core::fmt` (kilobytes the first stage leaves out).
pub fn decimal(mut n: u64) -> String {
    // Lowest digit first, then reversed: no indexing, so no panic path.
    let mut digits = Vec::with_capacity(20);
    loop {
        // `n % 10` is below 10: the cast keeps the digit.
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// The low `digits` hex digits of `n`, lowercase and zero-padded: `format!("{n:0digits$x}")`
/// without `core::fmt`.
pub fn hex(n: u64, digits: u32) -> String {
    (0..digits)
        .rev()
        .map(|i| {
            let nibble = n.checked_shr(i * 4).unwrap_or(0) & 0xf;
            char::from_digit(nibble as u32, 16).unwrap_or('0')
        })
        .collect()
}

/// Where `needle` first occurs in `text`, by bytes: `str::find` with a `&str` brings the two-way
/// searcher and slicing's formatted panics. UTF-8 never matches inside a character, so the index
/// is always a character boundary. An empty needle is found nowhere.
pub fn find_bytes(text: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    text.as_bytes()
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

/// `text` up to and after the first `separator` (an ASCII byte): `str::split_once` without the
/// char searcher, whose slice indexing brings a panic path that formats (`core::fmt`). The full
/// stage has both anyway, so it keeps `str::split_once` (this one would only add code).
#[cfg(feature = "full")]
pub fn split_once_byte(text: &str, separator: u8) -> Option<(&str, &str)> {
    text.split_once(char::from(separator))
}

/// `text.split(separator)` for an ASCII byte (see [`split_once_byte`]).
#[cfg(feature = "full")]
pub fn split_byte(text: &str, separator: u8) -> ::core::str::Split<'_, char> {
    text.split(char::from(separator))
}

/// `text` up to and after the first `separator` (an ASCII byte): `str::split_once` without the
/// char searcher, whose slice indexing brings a panic path that formats (`core::fmt`).
#[cfg(not(feature = "full"))]
pub fn split_once_byte(text: &str, separator: u8) -> Option<(&str, &str)> {
    split_once_bytewise(text, separator)
}

/// `text.split(separator)` for an ASCII byte, without the char searcher (see [`split_once_byte`]).
#[cfg(not(feature = "full"))]
pub fn split_byte(text: &str, separator: u8) -> SplitByte<'_> {
    split_bytewise(text, separator)
}

/// The first stage's [`split_once_byte`] (tested natively against `str::split_once`).
#[cfg_attr(feature = "full", allow(dead_code))]
fn split_once_bytewise(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == separator)?;
    let (before, after) = text.split_at_checked(at)?;
    Some((before, after.get(1..)?))
}

/// The first stage's [`split_byte`] (tested natively against `str::split`).
#[cfg_attr(feature = "full", allow(dead_code))]
fn split_bytewise(text: &str, separator: u8) -> SplitByte<'_> {
    SplitByte {
        rest: Some(text),
        separator,
    }
}

/// The pieces of [`split_byte`] in the first stage.
#[cfg_attr(feature = "full", allow(dead_code))]
pub struct SplitByte<'a> {
    rest: Option<&'a str>,
    separator: u8,
}

impl<'a> Iterator for SplitByte<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match split_once_bytewise(rest, self.separator) {
            Some((piece, after)) => {
                self.rest = Some(after);
                Some(piece)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_bytes_like_str() {
        for (text, needle) in [
            ("a//b//c", "//"),
            ("", "//"),
            ("é//", "//"),
            ("abc", "d"),
            ("abc", "abc"),
        ] {
            assert_eq!(super::find_bytes(text, needle), text.find(needle));
        }
        assert_eq!(super::find_bytes("abc", ""), None);
    }

    #[test]
    fn splits_like_str() {
        use super::{split_bytewise, split_once_bytewise};
        for text in ["", "a", "|", "a|b", "|a||b|", "é|ü|", "no separator"] {
            let ours: Vec<&str> = split_bytewise(text, b'|').collect();
            assert_eq!(ours, text.split('|').collect::<Vec<_>>());
            assert_eq!(split_once_bytewise(text, b'|'), text.split_once('|'));
        }
    }

    #[test]
    fn writes_numbers_like_fmt() {
        for n in [0, 7, 10, 99, 86_400, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(super::decimal(n), n.to_string());
            assert_eq!(super::hex(n, 16), format!("{n:016x}"));
            assert_eq!(super::hex(n & 0xff, 2), format!("{:02x}", n & 0xff));
        }
        assert_eq!(super::hex(0x1234_5678_9abc, 8), "56789abc");
    }
}
