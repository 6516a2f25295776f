//! The fonts letters are set in, chosen per character: Noto Sans (Latin, Greek, Cyrillic), Noto Sans
//! Arabic and Noto Sans Hebrew compiled in, and Noto Sans CJK JP read from disk. Each is parsed the
//! first time a letter needs it, once per process.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use azul_layout::font::parsed::ParsedFont as AzulParsedFont;
use printpdf::ParsedFont;
use rust_fontconfig::FontBytes;

use crate::error::{Error, ErrorKind, Result};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
const ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");
const ARABIC_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf");
const HEBREW: &[u8] = include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf");
const HEBREW_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansHebrew-Bold.ttf");
pub const CJK_FILE: &str = "NotoSansCJKjp-Regular.otf";

/// Which face a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
    Arabic,
    ArabicBold,
    Hebrew,
    HebrewBold,
    Cjk,
}

impl Face {
    /// Faces whose glyphs depend on their neighbours (joining, marks): set through the shaper.
    pub fn is_shaped(self) -> bool {
        matches!(self, Face::Arabic | Face::ArabicBold | Face::Hebrew | Face::HebrewBold)
    }

    /// The faces tried, in order, for a character of text asked to be in `self`.
    fn fallbacks(self) -> [Face; 4] {
        match self {
            Face::Bold | Face::ArabicBold | Face::HebrewBold => {
                [Face::Bold, Face::ArabicBold, Face::HebrewBold, Face::Cjk]
            }
            _ => [Face::Regular, Face::Arabic, Face::Hebrew, Face::Cjk],
        }
    }

    fn compiled_in(self) -> Option<&'static [u8]> {
        match self {
            Face::Regular => Some(REGULAR),
            Face::Bold => Some(BOLD),
            Face::Arabic => Some(ARABIC),
            Face::ArabicBold => Some(ARABIC_BOLD),
            Face::Hebrew => Some(HEBREW),
            Face::HebrewBold => Some(HEBREW_BOLD),
            Face::Cjk => None,
        }
    }
}

const FACES: usize = 7;

/// A face parsed for writing PDF (printpdf) and, for shaped faces, for shaping (rustybuzz).
pub struct Loaded {
    pub pdf: ParsedFont,
    pub shaper: Option<rustybuzz::Face<'static>>,
}

pub struct Fonts {
    loaded: [OnceLock<std::result::Result<Loaded, String>>; FACES],
}

static FONTS: OnceLock<Fonts> = OnceLock::new();
static FONT_DIR: OnceLock<PathBuf> = OnceLock::new();

/// Tells where the CJK font lives (the desktop app passes its resource folder). First call wins.
pub fn set_font_dir(dir: PathBuf) {
    let _ = FONT_DIR.set(dir);
}

pub fn fonts() -> &'static Fonts {
    FONTS.get_or_init(|| Fonts { loaded: Default::default() })
}

impl Fonts {
    /// The face, parsed on first use.
    pub fn get(&self, face: Face) -> Result<&Loaded> {
        self.loaded[face as usize]
            .get_or_init(|| load(face))
            .as_ref()
            .map_err(|e| Error::new(ErrorKind::Storage, e.clone()))
    }

    fn draws(&self, face: Face, c: char) -> Result<bool> {
        Ok(self.get(face)?.pdf.lookup_glyph_index(c as u32).is_some_and(|g| g != 0))
    }

    /// The characters of `text` that no letter font can draw (at most five, each once): emoji,
    /// scripts without a face here and the like, which would otherwise print as empty boxes or vanish.
    pub fn unshowable(&self, text: &str) -> Result<Vec<char>> {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if c.is_whitespace() || missing.contains(&c) || is_format_control(c) {
                continue;
            }
            if self.face_for(c, Face::Regular)? == Face::Cjk && !self.draws(Face::Cjk, c)? {
                missing.push(c);
                if missing.len() == 5 {
                    break;
                }
            }
        }
        Ok(missing)
    }

    /// The face that draws `c` when the text asks for `wanted`: the first of its fallbacks that has
    /// it, the CJK face when none has.
    pub fn face_for(&self, c: char, wanted: Face) -> Result<Face> {
        let order = wanted.fallbacks();
        if c.is_whitespace() || is_format_control(c) {
            return Ok(order[0]);
        }
        for face in &order[..3] {
            if self.draws(*face, c)? {
                return Ok(*face);
            }
        }
        Ok(Face::Cjk)
    }
}

/// Direction marks and joiners: they steer ordering and shaping and draw nothing themselves.
pub fn is_format_control(c: char) -> bool {
    matches!(c, '\u{200C}'..='\u{200F}' | '\u{061C}')
}

fn load(face: Face) -> std::result::Result<Loaded, String> {
    let unusable = || format!("the {face:?} font is not usable");
    let Some(bytes) = face.compiled_in() else {
        // Mapped, not read: a letter touches only the tables and glyphs it uses of the 16 MB.
        let shared = Arc::new(FontBytes::Mmapped(map_cjk()?));
        let parsed = AzulParsedFont::from_bytes_shared(shared, 0, &mut Vec::new()).ok_or_else(unusable)?;
        return Ok(Loaded { pdf: ParsedFont::from_azul(parsed), shaper: None });
    };
    let pdf = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(unusable)?;
    let shaper = if face.is_shaped() { rustybuzz::Face::from_slice(bytes, 0) } else { None };
    Ok(Loaded { pdf, shaper })
}

/// The Japanese font file letters use: the first of the places it is looked for that holds it.
pub fn cjk_font_path() -> std::result::Result<PathBuf, String> {
    let candidates = cjk_candidates();
    candidates.iter().find(|p| p.is_file()).cloned().ok_or_else(|| {
        let looked: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
        format!("the Japanese font {CJK_FILE} is missing (looked in {})", looked.join(", "))
    })
}

fn map_cjk() -> std::result::Result<mmapio::Mmap, String> {
    let path = &cjk_font_path()?;
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let file = std::fs::File::open(path).map_err(cannot)?;
    // SAFETY: the font is a read-only file installed with Casebook; nothing writes it while mapped.
    let map = unsafe { mmapio::MmapOptions::new().map(&file) }.map_err(cannot)?;
    read_ahead_what_letters_use(&map);
    Ok(map)
}

/// A letter reads the small tables of the font (characters to glyphs, widths, layout), the ends of
/// its outlines table (indexes, the outlines' shared parts) and, in between, one outline per
/// character it sets. The system's read-ahead, though, reads up to megabytes around each first
/// touch (a virtual disk reading 8 MB ahead read all 16 MB for the first letter, 27 ms instead of
/// 11). So the mapping is read on demand only, and what every letter needs is asked for at once.
fn read_ahead_what_letters_use(map: &[u8]) {
    const ENDS: usize = 512 * 1024;
    let advise = |range: std::ops::Range<usize>, advice: libc::c_int| {
        let page = 4096;
        let start = range.start / page * page;
        let end = range.end.min(map.len());
        if start < end {
            // SAFETY: advice on pages of a mapping this module owns; it changes no data, and a
            // refusal only leaves the reading as the system chooses.
            unsafe { libc::madvise(map.as_ptr().add(start) as *mut libc::c_void, end - start, advice) };
        }
    };
    advise(0..map.len(), libc::MADV_RANDOM);
    for (tag, table) in tables(map) {
        if tag == *b"CFF " && table.len() > 2 * ENDS {
            advise(table.start..table.start + ENDS, libc::MADV_WILLNEED);
            advise(table.end - ENDS..table.end, libc::MADV_WILLNEED);
        } else {
            advise(table, libc::MADV_WILLNEED);
        }
    }
}

/// The tables of an OpenType font by tag and byte range, from its table directory.
fn tables(font: &[u8]) -> Vec<([u8; 4], std::ops::Range<usize>)> {
    let u16_at = |at: usize| font.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]) as usize);
    let u32_at = |at: usize| font.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let count = u16_at(4).unwrap_or(0);
    (0..count)
        .filter_map(|i| {
            let record = 12 + 16 * i;
            let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
            let (offset, length) = (u32_at(record + 8)?, u32_at(record + 12)?);
            Some((tag, offset..offset.checked_add(length)?))
        })
        .collect()
}

fn cjk_candidates() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(dir) = FONT_DIR.get() {
        dirs.push(dir.clone());
    }
    if let Some(dir) = std::env::var_os("CASEBOOK_FONT_DIR") {
        dirs.push(PathBuf::from(dir));
    }
    if let Some(exe_dir) = std::env::current_exe().ok().as_deref().and_then(Path::parent) {
        dirs.push(exe_dir.join("fonts"));
        // Where the packages put the window's resources, beside /usr/bin.
        dirs.push(exe_dir.join("../lib/Casebook/fonts"));
    }
    // A build from source finds the vendored copy.
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts"));
    dirs.into_iter().map(|d| d.join(CJK_FILE)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_directory_gives_each_table_within_the_file() {
        let font = std::fs::read(cjk_font_path().unwrap()).unwrap();
        let found = tables(&font);
        for tag in [b"CFF ", b"cmap", b"hmtx", b"head"] {
            let range = &found.iter().find(|(t, _)| t == tag).expect("the table is listed").1;
            assert!(!range.is_empty() && range.end <= font.len(), "{range:?}");
        }
        let cff = &found.iter().find(|(t, _)| t == b"CFF ").unwrap().1;
        assert!(cff.len() > font.len() / 2, "the outlines are most of the file");
        // A cut or foreign file yields what it can, without reading past its end.
        assert!(tables(&font[..20]).is_empty());
        assert!(tables(b"not a font").is_empty());
        assert!(tables(REGULAR).iter().any(|(t, _)| t == b"glyf"));
    }
}
