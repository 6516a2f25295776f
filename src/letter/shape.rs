//! Lines as they are drawn: put in display order by the Unicode bidirectional algorithm
//! (`unicode-bidi`), with Arabic and Hebrew runs shaped by rustybuzz into positioned glyphs.

use unicode_bidi::BidiInfo;

use super::fonts::{fonts, is_format_control, Face};
use super::layout::runs;
use crate::error::Result;

/// One glyph of a shaped run; lengths in em.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// The characters the glyph stands for, for copying text out of the PDF.
    pub text: Option<String>,
}

/// What a piece of a line draws: plain text in a simple face, or glyphs a shaper placed.
#[derive(Debug, Clone, PartialEq)]
pub enum Ink {
    Text(String),
    Glyphs(Vec<Glyph>),
}

/// A piece of a line in one face, in display order (left to right).
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub face: Face,
    pub ink: Ink,
}

/// `line` as pieces from left to right. The base direction is that of the line's first strong
/// character, so a name or address written in Arabic or Hebrew reads right to left.
pub fn display(line: &str, face: Face) -> Result<Vec<Piece>> {
    let mut pieces = Vec::new();
    if !line.chars().any(is_right_to_left) {
        for run in runs(line, face)? {
            pieces.push(plain(run.face, run.text.chars(), false)?);
        }
        return Ok(pieces);
    }
    let info = BidiInfo::new(line, None);
    for para in &info.paragraphs {
        let (levels, visual) = info.visual_runs(para, para.range.clone());
        for range in visual {
            let rtl = levels[range.start].is_rtl();
            let mut face_runs = runs(&line[range], face)?;
            if rtl {
                face_runs.reverse();
            }
            for run in face_runs {
                pieces.push(plain(run.face, run.text.chars(), rtl)?);
            }
        }
    }
    Ok(pieces)
}

/// The width of `text` set in `face` (with fallback and shaping), in points at `size`.
pub fn width(text: &str, face: Face, size: f32) -> Result<f32> {
    let f = fonts();
    let mut em = 0.0;
    for run in runs(text, face)? {
        if run.face.is_shaped() {
            em += shape(run.face, &run.text, false)?.iter().map(|g| g.advance).sum::<f32>();
            continue;
        }
        let font = &f.get(run.face)?.pdf;
        let upem = f32::from(font.font_metrics.units_per_em.max(1));
        for c in run.text.chars().filter(|c| !is_format_control(*c)) {
            let gid = font.lookup_glyph_index(c as u32).unwrap_or(0);
            em += f32::from(font.get_horizontal_advance(gid)) / upem;
        }
    }
    Ok(em * size)
}

fn plain(face: Face, chars: std::str::Chars, rtl: bool) -> Result<Piece> {
    let text: String = chars.collect();
    if face.is_shaped() {
        return Ok(Piece { face, ink: Ink::Glyphs(shape(face, &text, rtl)?) });
    }
    let kept = text.chars().filter(|c| !is_format_control(*c));
    let text = if rtl { kept.rev().map(mirrored).collect() } else { kept.collect() };
    Ok(Piece { face, ink: Ink::Text(text) })
}

/// Paired punctuation is drawn mirrored inside right-to-left text.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        other => other,
    }
}

/// Characters of the scripts set right to left.
fn is_right_to_left(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x200F | 0x202B | 0x202E | 0x2067)
}

/// `text` shaped in `face`: glyphs in display order, each carrying the characters it stands for.
fn shape(face: Face, text: &str, rtl: bool) -> Result<Vec<Glyph>> {
    let loaded = fonts().get(face)?;
    let shaper = loaded.shaper.as_ref().expect("shaped faces carry a shaper");
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_cluster_level(rustybuzz::BufferClusterLevel::Characters);
    buffer.set_direction(if rtl { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
    let shaped = rustybuzz::shape(shaper, &[], buffer);
    let upem = shaper.units_per_em().max(1) as f32;

    // The characters of a cluster run from its start to the next cluster start in the text.
    let mut starts: Vec<usize> = shaped.glyph_infos().iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    // Right to left, the glyphs are in display order and so is the text a reader (poppler) takes from
    // them: a ligature's characters are given in that order too, or copying "ليلى" gives "ليىل".
    let cluster_text = |start: usize| {
        let end = starts.iter().find(|s| **s > start).copied().unwrap_or(text.len());
        let chars = text[start..end].chars();
        if rtl {
            chars.rev().collect()
        } else {
            chars.collect::<String>()
        }
    };
    let mut seen = Vec::new();
    let glyphs = shaped
        .glyph_infos()
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(info, pos)| {
            let cluster = info.cluster as usize;
            let first = !seen.contains(&cluster);
            seen.push(cluster);
            Glyph {
                id: info.glyph_id as u16,
                advance: pos.x_advance as f32 / upem,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                text: first.then(|| cluster_text(cluster)),
            }
        })
        .collect();
    Ok(glyphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faces(pieces: &[Piece]) -> Vec<Face> {
        pieces.iter().map(|p| p.face).collect()
    }

    fn glyph_text(piece: &Piece) -> String {
        match &piece.ink {
            Ink::Glyphs(glyphs) => glyphs.iter().filter_map(|g| g.text.clone()).collect(),
            Ink::Text(t) => t.clone(),
        }
    }

    #[test]
    fn arabic_joins_and_lam_alef_becomes_one_glyph() {
        // "سلام": four letters, joined; lam + alef is one ligature, so three glyphs.
        let pieces = display("سلام", Face::Regular).unwrap();
        assert_eq!(faces(&pieces), [Face::Arabic]);
        let Ink::Glyphs(glyphs) = &pieces[0].ink else { panic!("shaped") };
        assert_eq!(glyphs.len(), 3);
        assert!(glyphs.iter().all(|g| g.id != 0));
        // Display order is right to left: the first glyph drawn is the last letter.
        assert_eq!(glyphs[0].text.as_deref(), Some("م"));
        assert_eq!(glyphs[1].text.as_deref(), Some("ال"), "the ligature's text in display order");
        let isolated: Vec<u16> = "سلام"
            .chars()
            .map(|c| fonts().get(Face::Arabic).unwrap().pdf.lookup_glyph_index(c as u32).unwrap())
            .collect();
        assert_ne!(glyphs[2].id, isolated[0], "the initial seen is a joined form, not the isolated one");
    }

    #[test]
    fn mixed_lines_keep_latin_left_to_right_and_hebrew_right_to_left() {
        let pieces = display("Dear שלום כהן,", Face::Regular).unwrap();
        assert_eq!(faces(&pieces), [Face::Regular, Face::Hebrew, Face::Regular]);
        assert_eq!(glyph_text(&pieces[0]), "Dear ");
        // The Hebrew words are drawn in reverse order of reading: "כהן" leftmost.
        let hebrew = glyph_text(&pieces[1]);
        assert!(hebrew.starts_with("ן") && hebrew.ends_with("ש"), "{hebrew}");
        assert_eq!(glyph_text(&pieces[2]), ",");
    }

    #[test]
    fn a_line_that_starts_in_arabic_reads_right_to_left_with_numbers_left_to_right() {
        let pieces = display("شارع 12 (ب)", Face::Regular).unwrap();
        let shown: String = pieces.iter().map(glyph_text).collect();
        // Leftmost is the bracketed letter, mirrored; the number keeps its digit order.
        assert!(shown.starts_with("(ب)"), "{shown}");
        assert!(shown.contains("12"), "{shown}");
    }

    #[test]
    fn a_word_is_as_wide_as_its_joined_forms() {
        let word = "محمد";
        let joined = width(word, Face::Regular, 10.0).unwrap();
        let apart: f32 = word.chars().map(|c| width(c.encode_utf8(&mut [0; 4]), Face::Regular, 10.0).unwrap()).sum();
        assert!(joined > 10.0 && (joined - apart).abs() > 0.5, "{joined} vs {apart}");
    }

    #[test]
    fn bold_text_falls_back_to_the_bold_arabic_face() {
        assert_eq!(fonts().face_for('م', Face::Bold).unwrap(), Face::ArabicBold);
        assert_eq!(fonts().face_for('ש', Face::Regular).unwrap(), Face::Hebrew);
        assert!(fonts().unshowable("محمد שלום").unwrap().is_empty());
        assert_eq!(fonts().unshowable("a😀𝄞").unwrap(), ['😀', '𝄞']);
    }
}
