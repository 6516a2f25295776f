//! Breaking text with the letter fonts: per-character font fallback, greedy
//! line filling, and line breaks between CJK characters (never before closing punctuation).

use super::fonts::{fonts, Face};
pub use super::shape::width;
use crate::error::Result;

/// A piece of a line set in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: Face,
    pub text: String,
}

/// `text` split into runs, each in the face that can draw it.
pub fn runs(text: &str, face: Face) -> Result<Vec<Run>> {
    let f = fonts();
    let mut out: Vec<Run> = Vec::new();
    for c in text.chars() {
        let want = f.face_for(c, face)?;
        match out.last_mut() {
            Some(run) if run.face == want || c == ' ' => run.text.push(c),
            _ => out.push(Run { face: want, text: c.to_string() }),
        }
    }
    Ok(out)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
}

/// Characters that must not begin a line (Japanese kinsoku).
fn no_break_before(c: char) -> bool {
    "、。，．）」』】〕！？：；ー・ぁぃぅぇぉっゃゅょァィゥェォッャュョ".contains(c) || ",.;:!?)".contains(c)
}

/// Breakable pieces: words (with whether a space precedes them) and single CJK characters.
fn tokens(text: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let joins_previous = match out.last() {
            None => false,
            Some(_) if space => false,
            Some((_, prev)) => {
                let last = prev.chars().last().unwrap_or(' ');
                !(is_cjk(c) || is_cjk(last)) || no_break_before(c)
            }
        };
        if joins_previous {
            out.last_mut().expect("checked").1.push(c);
        } else {
            out.push((space && !out.is_empty(), c.to_string()));
        }
        space = false;
    }
    out
}

/// Breaks `text` into lines no wider than `max` points; a word longer than a line is split.
pub fn wrap(text: &str, face: Face, size: f32, max: f32) -> Result<Vec<String>> {
    let space = width(" ", face, size)?;
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for (spaced, token) in tokens(text) {
        let w = width(&token, face, size)?;
        let gap = if spaced && !line.is_empty() { space } else { 0.0 };
        if !line.is_empty() && line_width + gap + w > max {
            lines.push(std::mem::take(&mut line));
            line_width = 0.0;
        } else if gap > 0.0 {
            line.push(' ');
            line_width += gap;
        }
        if w > max {
            for c in token.chars() {
                let cw = width(c.encode_utf8(&mut [0; 4]), face, size)?;
                if line_width + cw > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += cw;
            }
        } else {
            line.push_str(&token);
            line_width += w;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_wraps_at_spaces_and_cjk_between_characters() {
        let lines = wrap("the quick brown fox jumps over the lazy dog", Face::Regular, 10.0, 60.0).unwrap();
        assert!(lines.len() > 2);
        assert_eq!(lines.join(" "), "the quick brown fox jumps over the lazy dog");
        let t = tokens("山田太郎様、こんにちは。Zoë");
        assert_eq!(
            t.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(),
            ["山", "田", "太", "郎", "様、", "こ", "ん", "に", "ち", "は。", "Zoë"]
        );
    }

    #[test]
    fn runs_fall_back_to_cjk_per_character() {
        let r = runs("Dear 山田 太郎,", Face::Regular).unwrap();
        let faces: Vec<Face> = r.iter().map(|r| r.face).collect();
        assert_eq!(faces, [Face::Regular, Face::Cjk, Face::Regular]);
        assert_eq!(r.iter().map(|r| r.text.as_str()).collect::<String>(), "Dear 山田 太郎,");
    }
}
