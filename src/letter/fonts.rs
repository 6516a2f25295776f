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

fn map_cjk() -> std::result::Result<mmapio::Mmap, String> {
    let candidates = cjk_candidates();
    let path = candidates.iter().find(|p| p.is_file()).ok_or_else(|| {
        let looked: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
        format!("the Japanese font {CJK_FILE} is missing (looked in {})", looked.join(", "))
    })?;
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let file = std::fs::File::open(path).map_err(cannot)?;
    // SAFETY: the font is a read-only file installed with Casebook; nothing writes it while mapped.
    unsafe { mmapio::MmapOptions::new().map(&file) }.map_err(cannot)
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
