//! Text from a scenario file as messages quote it: never more than about
//! [`MAX_QUOTE_CHARS`] characters of it, and never a control character
//! raw, so that a file cannot flood the terminal, clear it, retitle its
//! window or forge a line of output.

/// The most characters of a file's text a message quotes.
pub const MAX_QUOTE_CHARS: usize = 200;

/// Whether `c` must not reach a terminal raw: a control character (C0, DEL,
/// C1, newline and tab included), or a bidirectional override that can
/// reorder what a line shows.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// One character as a message shows it: itself, or `\u{1b}` for an unsafe
/// one.
pub fn escaped_char(c: char) -> String {
    if is_unsafe(c) {
        format!("\\u{{{:x}}}", c as u32)
    } else {
        c.to_string()
    }
}

/// `s` with every unsafe character escaped as `\u{..}`.
pub fn escaped(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    s.chars().map(escaped_char).collect()
}

/// `s` cut to [`MAX_QUOTE_CHARS`] characters (an ellipsis where it was
/// cut), escaped.
pub fn quoted(s: &str) -> String {
    window(s, 0)
}

/// Up to [`MAX_QUOTE_CHARS`] characters of `s` around the character at
/// index `at` (so that a mistake far along a long line is in the quote),
/// with an ellipsis at each end that was cut, escaped.
pub fn window(s: &str, at: usize) -> String {
    let n = s.chars().count();
    if n <= MAX_QUOTE_CHARS {
        return escaped(s);
    }
    let start = at
        .saturating_sub(MAX_QUOTE_CHARS / 2)
        .min(n - MAX_QUOTE_CHARS);
    let end = start + MAX_QUOTE_CHARS;
    let part: String = s.chars().skip(start).take(MAX_QUOTE_CHARS).collect();
    let before = if start > 0 { "…" } else { "" };
    let after = if end < n { "…" } else { "" };
    format!("{before}{}{after}", escaped(&part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_nothing_else() {
        assert_eq!(escaped("plain €"), "plain €");
        assert_eq!(
            escaped("a\u{1b}]0;title\u{7}b\nc\td\u{202e}"),
            "a\\u{1b}]0;title\\u{7}b\\u{a}c\\u{9}d\\u{202e}"
        );
        assert!(!escaped("\u{9b}\u{7f}\r").chars().any(is_unsafe));
    }

    #[test]
    fn long_text_is_cut_on_character_boundaries_around_the_point() {
        let s = "é".repeat(1000);
        let q = quoted(&s);
        assert_eq!(q.chars().count(), MAX_QUOTE_CHARS + 1);
        assert!(q.ends_with('…') && !q.starts_with('…'));
        let line = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let w = window(&line, 5000);
        assert!(w.starts_with('…') && w.ends_with('…'), "{w}");
        assert!(w.contains('X'));
        assert_eq!(w.chars().count(), MAX_QUOTE_CHARS + 2);
        // Near the end: the last characters, one ellipsis.
        let w = window(&line, 10_000);
        assert!(w.starts_with('…') && w.ends_with('b'));
        assert_eq!(window("short", 3), "short");
        // Escapes apply after cutting, so they never split.
        let ctl = "\u{1b}".repeat(500);
        assert_eq!(quoted(&ctl), format!("{}…", "\\u{1b}".repeat(200)));
    }
}
