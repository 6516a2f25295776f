//! The fonts letters are set in: Noto Sans (Latin, Greek, Cyrillic) compiled in, and Noto Sans CJK JP
//! read from disk on first use, chosen per character. Parsed once per process.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::error::{Error, ErrorKind, Result};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
pub const CJK_FILE: &str = "NotoSansCJKjp-Regular.otf";

/// Which face a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
    Cjk,
}

pub struct Fonts {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
    cjk: OnceLock<std::result::Result<ParsedFont, String>>,
}

static FONTS: OnceLock<Fonts> = OnceLock::new();
static FONT_DIR: OnceLock<PathBuf> = OnceLock::new();

/// Tells where the CJK font lives (the desktop app passes its resource folder). First call wins.
pub fn set_font_dir(dir: PathBuf) {
    let _ = FONT_DIR.set(dir);
}

pub fn fonts() -> &'static Fonts {
    FONTS.get_or_init(|| Fonts {
        regular: ParsedFont::from_bytes(REGULAR, 0, &mut Vec::new()).expect("the bundled Noto Sans parses"),
        bold: ParsedFont::from_bytes(BOLD, 0, &mut Vec::new()).expect("the bundled Noto Sans Bold parses"),
        cjk: OnceLock::new(),
    })
}

impl Fonts {
    /// The CJK font, loaded on first use.
    pub fn cjk(&self) -> Result<&ParsedFont> {
        self.cjk
            .get_or_init(|| {
                let candidates = cjk_candidates();
                let path = candidates.iter().find(|p| p.is_file()).ok_or_else(|| {
                    let looked: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
                    format!("the Japanese font {CJK_FILE} is missing (looked in {})", looked.join(", "))
                })?;
                let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
                    .ok_or_else(|| format!("{} is not a usable font", path.display()))
            })
            .as_ref()
            .map_err(|e| Error::new(ErrorKind::Storage, e.clone()))
    }

    /// The characters of `text` that no letter font can draw (at most five, each once): Arabic,
    /// Hebrew, emoji and the like, which would otherwise print as empty boxes or vanish.
    pub fn unshowable(&self, text: &str) -> Result<Vec<char>> {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            let drawn = |font: &ParsedFont| font.lookup_glyph_index(c as u32).is_some_and(|g| g != 0);
            if c.is_whitespace() || missing.contains(&c) || drawn(&self.regular) || drawn(&self.bold) {
                continue;
            }
            if !drawn(self.cjk()?) {
                missing.push(c);
                if missing.len() == 5 {
                    break;
                }
            }
        }
        Ok(missing)
    }

    /// The face that can draw `c` when the text asks for `wanted`: CJK for what Noto Sans lacks.
    pub fn face_for(&self, c: char, wanted: Face) -> Face {
        let font = if wanted == Face::Bold { &self.bold } else { &self.regular };
        if c.is_whitespace() || font.lookup_glyph_index(c as u32).is_some_and(|g| g != 0) {
            wanted
        } else {
            Face::Cjk
        }
    }
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
        dirs.push(exe_dir.join("../share/casebook/fonts"));
    }
    // A build from source finds the vendored copy.
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts"));
    dirs.into_iter().map(|d| d.join(CJK_FILE)).collect()
}
