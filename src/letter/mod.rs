//! Letters: templates filled from a case → editable text → laid-out pages → PDF bytes.

pub mod compose;
pub mod document;
pub mod fill;
pub mod fonts;
pub mod lang;
pub mod layout;
pub mod pdf;
pub mod template;

pub use document::{parse_body, Block, LetterDoc, Paper};
pub use fill::{document, draft, LetterFacts, LetterText};
pub use lang::Lang;

use crate::error::Result;

/// Renders a letter to PDF bytes.
pub fn render(doc: &LetterDoc) -> Result<Vec<u8>> {
    let pages = compose::compose(doc)?;
    pdf::write(doc, &pages)
}
