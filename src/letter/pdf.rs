//! Writing composed pages as PDF with printpdf: fonts embedded as subsets, metadata set.

use std::collections::HashMap;

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    TextItem,
};

use super::compose::{Mark, Page};
use super::document::LetterDoc;
use super::fonts::{fonts, Face};
use super::layout::runs;
use crate::error::Result;

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale { percent: level, icc_profile: None })
}

/// The PDF bytes of a composed letter.
pub fn write(doc: &LetterDoc, pages: &[Page]) -> Result<Vec<u8>> {
    let f = fonts();
    let mut pdf = PdfDocument::new(&doc.title);
    let info = &mut pdf.metadata.info;
    info.author = doc.org_name.clone();
    info.subject = doc.subject.clone();
    info.creator = "Casebook".into();
    info.producer = "Casebook (printpdf)".into();
    let created = printpdf::OffsetDateTime::from_unix_timestamp(doc.created.timestamp()).expect("a valid time");
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;

    let mut ids: HashMap<Face, FontId> = HashMap::new();
    let mut font_id = |pdf: &mut PdfDocument, face: Face| -> Result<FontId> {
        if let Some(id) = ids.get(&face) {
            return Ok(id.clone());
        }
        let parsed = match face {
            Face::Regular => &f.regular,
            Face::Bold => &f.bold,
            Face::Cjk => f.cjk()?,
        };
        let id = pdf.add_font(parsed);
        ids.insert(face, id.clone());
        Ok(id)
    };

    let (width, height) = doc.paper.size();
    let mut out_pages = Vec::with_capacity(pages.len());
    for page in pages {
        let mut ops = Vec::new();
        for mark in &page.marks {
            match mark {
                Mark::Text { x, y, text, face, size, grey: level } => {
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFillColor { col: grey(*level) });
                    ops.push(Op::SetTextCursor { pos: Point { x: Pt(*x), y: Pt(*y) } });
                    for run in runs(text, *face) {
                        let id = font_id(&mut pdf, run.face)?;
                        ops.push(Op::SetFont { font: PdfFontHandle::External(id), size: Pt(*size) });
                        ops.push(Op::ShowText { items: vec![TextItem::Text(run.text)] });
                    }
                    ops.push(Op::EndTextSection);
                }
                Mark::Rule { x1, x2, y, grey: level } => {
                    ops.push(Op::SetOutlineColor { col: grey(*level) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
                    let point = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(*y) }, bezier: false };
                    ops.push(Op::DrawLine { line: Line { points: vec![point(*x1), point(*x2)], is_closed: false } });
                }
            }
        }
        out_pages.push(PdfPage::new(Pt(width).into(), Pt(height).into(), ops));
    }
    let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
    Ok(pdf.with_pages(out_pages).save(&options, &mut Vec::new()))
}
