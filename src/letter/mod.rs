//! Letters: templates filled from a case → editable text → laid-out pages → PDF bytes.

pub mod breach;
pub mod compose;
pub mod document;
pub mod fill;
pub mod fonts;
pub mod lang;
pub mod layout;
pub mod pdf;
pub mod shape;
pub mod template;

pub use document::{parse_body, Block, LetterDoc};
pub use fill::{document, draft};

pub use crate::model::letter::{Lang, LetterFacts, LetterText, Paper};

use crate::error::{Error, Result};

/// Every text of the letter, by the part of the letter it is in.
fn parts(doc: &LetterDoc) -> Vec<(&'static str, String)> {
    let mut parts = vec![("organisation", doc.org_name.clone()), ("subject", doc.subject.clone())];
    parts.extend(doc.org_lines.iter().map(|l| ("organisation", l.clone())));
    parts.extend(doc.recipient.iter().map(|l| ("recipient's name and address", l.clone())));
    parts.extend(doc.details.iter().map(|(k, v)| ("details", format!("{k} {v}"))));
    parts.extend(doc.signature.iter().map(|l| ("signature", l.clone())));
    for block in &doc.body {
        match block {
            Block::Heading(t) | Block::Paragraph(t) => parts.push(("letter text", t.clone())),
            Block::Bullets(items) => parts.extend(items.iter().map(|t| ("letter text", t.clone()))),
        }
    }
    parts
}

/// A letter that would print boxes or drop characters is refused, naming where they are and which.
fn check_showable(doc: &LetterDoc) -> Result<()> {
    let f = fonts::fonts();
    for (part, text) in parts(doc) {
        let missing = f.unshowable(&text)?;
        if !missing.is_empty() {
            let codes: Vec<String> = missing.iter().map(|c| format!("U+{:04X}", *c as u32)).collect();
            return Err(Error::validation(format!(
                "{}: the {part} holds characters the letter fonts cannot show ({}); write them in Latin, Greek, \
                 Cyrillic, Arabic, Hebrew or Japanese script, or send this letter by other means",
                doc.reference,
                codes.join(" ")
            )));
        }
    }
    Ok(())
}

/// Renders a letter to PDF bytes; refuses, before anything is made, text the fonts cannot show.
pub fn render(doc: &LetterDoc) -> Result<Vec<u8>> {
    check_showable(doc)?;
    let pages = compose::compose(doc)?;
    pdf::write(doc, &pages)
}
