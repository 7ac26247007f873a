//! Plain text as prettier prints it: split at whitespace (and at Han and kana), each word
//! escaped by prettier's rule, and a `*` or `_` that stands alone kept literal.

use super::verbatim;

/// Stand-ins for a `*` or `_` with whitespace on both sides, which CommonMark reads as a
/// literal character but remark may pair into emphasis (`a * b * c`, a flattened `* item`
/// list in a table cell). Printed escaped, they stay literal for both, and prettier keeps the
/// escape. Inside code and other text printed as written they turn back into the character.
pub(super) const LONE_STAR: char = '\u{e000}';

/// See [`LONE_STAR`].
pub(super) const LONE_UNDERSCORE: char = '\u{e001}';

/// The characters of `text`, each `*` and `_` that stands alone between whitespace (or the
/// ends of the text) replaced by its stand-in, except inside code spans, where it stays as
/// written and so can still close emphasis opened before the span (remark looks for the
/// closing marker in the raw text).
pub(super) fn mark_lone_markers(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().collect();
    let space_at = |chars: &[char], k: Option<usize>| {
        k.and_then(|k| chars.get(k)).is_none_or(|c| is_space(*c))
    };
    let mut k = 0;
    while k < chars.len() {
        match chars[k] {
            '\\' => k += 1,
            '`' => {
                if let Some((_, end)) = verbatim::code(&chars, k) {
                    k = end;
                    continue;
                }
            }
            c @ ('*' | '_')
                if space_at(&chars, k.checked_sub(1)) && space_at(&chars, Some(k + 1)) =>
            {
                chars[k] = if c == '*' { LONE_STAR } else { LONE_UNDERSCORE };
            }
            _ => {}
        }
        k += 1;
    }
    chars
}

/// The whitespace prettier splits text at.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n')
}

/// Plain text: whitespace runs as one space (or one line break), each word escaped. A line
/// break before a word that would start a block (`-`, `+`, `*`, `#`, `1.`, `>...`) becomes a
/// space, so that the word stays in the paragraph.
pub(super) fn print_text(text: &str, after_url: bool, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        if is_space(chars[i]) {
            while i < chars.len() && is_space(chars[i]) {
                i += 1;
            }
            let newline = chars[start..i].contains(&'\n');
            let next_word = &chars[i..i + chars[i..].iter().take_while(|c| !is_space(**c)).count()];
            let keeps_line = next_word.is_empty() || !starts_block(first_piece(next_word));
            out.push(if newline && keeps_line { '\n' } else { ' ' });
            continue;
        }
        while i < chars.len() && !is_space(chars[i]) {
            i += 1;
        }
        print_word(&chars[start..i], start == 0 && after_url, out);
    }
}

/// How prettier splits a word at CJK characters: each is a word of its own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Piece {
    Other,
    /// Han or kana; prettier puts a space between one and a neighbouring other word.
    CjLetter,
    /// Hangul, or CJK punctuation: no space.
    Cjk,
}

fn piece_kind(c: char) -> Piece {
    const CJK: &[(char, char)] = &[
        ('\u{1100}', '\u{11ff}'),
        ('\u{2e80}', '\u{2fdf}'),
        ('\u{2ff0}', '\u{31ff}'),
        ('\u{3200}', '\u{4dbf}'),
        ('\u{4e00}', '\u{9fff}'),
        ('\u{a960}', '\u{a97f}'),
        ('\u{ac00}', '\u{d7ff}'),
        ('\u{f900}', '\u{faff}'),
        ('\u{fe30}', '\u{fe4f}'),
        ('\u{ff00}', '\u{ffef}'),
        ('\u{20000}', '\u{2fa1f}'),
    ];
    const HANGUL: &[(char, char)] = &[
        ('\u{1100}', '\u{11ff}'),
        ('\u{3130}', '\u{318f}'),
        ('\u{a960}', '\u{a97f}'),
        ('\u{ac00}', '\u{d7ff}'),
    ];
    let within = |ranges: &[(char, char)]| ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&c));
    if !within(CJK) {
        Piece::Other
    } else if within(HANGUL) || is_punctuation(c) {
        Piece::Cjk
    } else {
        Piece::CjLetter
    }
}

/// The first word prettier makes of `word`: up to its first CJK character, or that character.
fn first_piece(word: &[char]) -> &[char] {
    match word.iter().position(|c| piece_kind(*c) != Piece::Other) {
        Some(0) => &word[..1],
        Some(k) => &word[..k],
        None => word,
    }
}

/// A word escaped piece by piece, with a space where prettier sets one between Han or kana
/// and other letters. Right after a bare URL, prettier drops the escapes of its leading `*`
/// and `_`.
fn print_word(word: &[char], after_url: bool, out: &mut String) {
    let mut rest = word;
    let mut previous: Option<(Piece, bool)> = None;
    while !rest.is_empty() {
        let piece = first_piece(rest);
        rest = &rest[piece.len()..];
        let kind = piece_kind(piece[0]);
        if let Some((last, trailing_punctuation)) = previous {
            let other_then_letter =
                last == Piece::Other && kind == Piece::CjLetter && !trailing_punctuation;
            let letter_then_other =
                last == Piece::CjLetter && kind == Piece::Other && !is_punctuation(piece[0]);
            if other_then_letter || letter_then_other {
                out.push(' ');
            }
        }
        let escaped = escape_word(piece);
        if previous.is_none() && after_url {
            let mut markers = 0;
            while let Some(tail) = escaped.get(markers..) {
                let escape = tail.starts_with("\\*") || tail.starts_with("\\_");
                markers += match tail.chars().next() {
                    _ if escape => 2,
                    Some('*' | '_') => 1,
                    _ => break,
                };
            }
            out.push_str(&escaped[..markers].replace('\\', ""));
            out.push_str(&escaped[markers..]);
        } else {
            out.push_str(&escaped);
        }
        previous = Some((kind, is_punctuation(piece[piece.len() - 1])));
    }
}

/// `^>|^(?:[*+-]|#{1,6}|\d+[).])$`: a word that would start a block at the start of a line.
fn starts_block(word: &[char]) -> bool {
    let numbered = match word.split_last() {
        Some(('.' | ')', digits)) => !digits.is_empty() && digits.iter().all(char::is_ascii_digit),
        _ => false,
    };
    let heading = (1..=6).contains(&word.len()) && word.iter().all(|c| *c == '#');
    let marker = matches!(word, ['*' | '+' | '-' | LONE_STAR]);
    word.first() == Some(&'>') || marker || heading || numbered
}

/// Prettier's escaping of a word: every `*`, then every run of `_` that touches punctuation
/// or an end of the word (the regex `(^|P)(_+)|(_+)(P|$)`, applied left to right).
fn escape_word(word: &[char]) -> String {
    match word {
        [LONE_STAR] => return "\\*".to_owned(),
        [LONE_UNDERSCORE] => return "\\_".to_owned(),
        _ if !word.iter().any(|c| matches!(c, '*' | '_')) => return word.iter().collect(),
        _ => {}
    }
    let mut w = Vec::with_capacity(word.len());
    for &c in word {
        if c == '*' {
            w.push('\\');
        }
        w.push(c);
    }
    let mut out = String::with_capacity(w.len());
    let mut i = 0;
    while i < w.len() {
        match underscore_match(&w, i) {
            Some(end) => {
                for &c in &w[i..end] {
                    if c == '_' {
                        out.push('\\');
                    }
                    out.push(c);
                }
                i = end;
            }
            None => {
                out.push(w[i]);
                i += 1;
            }
        }
    }
    out
}

/// Where a match of `(^|P)(_+)|(_+)(P|$)` starting at `i` ends.
fn underscore_match(w: &[char], i: usize) -> Option<usize> {
    let run_end = |from: usize| from + w[from..].iter().take_while(|c| **c == '_').count();
    if i == 0 && w[0] == '_' {
        return Some(run_end(0));
    }
    if is_punctuation(w[i]) && w.get(i + 1) == Some(&'_') {
        return Some(run_end(i + 1));
    }
    if w[i] == '_' {
        let end = run_end(i);
        // Greedy `_+`, backing off until `(P|$)` matches after it.
        for k in (i + 1..=end).rev() {
            if k == w.len() {
                return Some(k);
            }
            if is_punctuation(w[k]) {
                return Some(k + 1);
            }
        }
    }
    None
}

/// Prettier's `punctuationPattern`: ASCII punctuation and Unicode punctuation (the Latin-1,
/// General Punctuation, CJK and full-width blocks; rarer scripts are left out).
pub(super) fn is_punctuation(c: char) -> bool {
    const RANGES: &[(char, char)] = &[
        ('\u{a1}', '\u{a1}'),
        ('\u{a7}', '\u{a7}'),
        ('\u{ab}', '\u{ab}'),
        ('\u{b6}', '\u{b7}'),
        ('\u{bb}', '\u{bb}'),
        ('\u{bf}', '\u{bf}'),
        ('\u{2010}', '\u{2027}'),
        ('\u{2030}', '\u{2043}'),
        ('\u{2045}', '\u{2051}'),
        ('\u{2053}', '\u{205e}'),
        ('\u{3001}', '\u{3003}'),
        ('\u{3008}', '\u{3011}'),
        ('\u{3014}', '\u{301f}'),
        ('\u{ff01}', '\u{ff03}'),
        ('\u{ff05}', '\u{ff0a}'),
        ('\u{ff0c}', '\u{ff0f}'),
        ('\u{ff1a}', '\u{ff1b}'),
        ('\u{ff1f}', '\u{ff20}'),
        ('\u{ff3b}', '\u{ff3d}'),
        ('\u{ff3f}', '\u{ff3f}'),
        ('\u{ff5b}', '\u{ff5b}'),
        ('\u{ff5d}', '\u{ff5d}'),
        ('\u{ff5f}', '\u{ff65}'),
    ];
    c.is_ascii_punctuation() || RANGES.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}
