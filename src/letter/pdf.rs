//! Writing composed pages as PDF with printpdf: fonts embedded as subsets, metadata set.

use std::collections::HashMap;

use printpdf::{
    Codepoint, Color, FontId, Greyscale, Line, LinePoint, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, TextItem,
};

use super::compose::{Mark, Page};
use super::document::LetterDoc;
use super::fonts::{fonts, Face};
use super::shape::{display, Glyph, Ink};
use crate::error::{Error, Result};

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
    info.keywords = doc.keywords.clone();
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
        let id = pdf.add_font(&f.get(face)?.pdf);
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
                    for piece in display(text, *face)? {
                        let id = font_id(&mut pdf, piece.face)?;
                        ops.push(Op::SetFont { font: PdfFontHandle::External(id), size: Pt(*size) });
                        match piece.ink {
                            Ink::Text(text) => ops.push(Op::ShowText { items: vec![TextItem::Text(text)] }),
                            Ink::Glyphs(glyphs) => show_glyphs(&mut ops, &f.get(piece.face)?.pdf, &glyphs, *size),
                        }
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
    let options = PdfSaveOptions { subset_fonts: true, optimize: false, ..PdfSaveOptions::default() };
    let mut doc = printpdf::to_lopdf_doc(pdf.with_pages(out_pages), &options, &mut Vec::new());
    compress_streams(&mut doc)?;
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).map_err(|e| Error::storage(format!("the letter could not be written as PDF: {e}")))?;
    Ok(bytes)
}

/// Compresses every stream not yet filtered (page contents, font subsets) with zlib's default
/// level, keeping a stream as it is where compression would not make it smaller.
fn compress_streams(doc: &mut lopdf::Document) -> Result<()> {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else { continue };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(&stream.content)?;
        let compressed = encoder.finish()?;
        if compressed.len() < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
    Ok(())
}

/// Draws shaped glyphs where the shaper placed them: horizontal offsets as adjustments between
/// glyphs, vertical ones (marks above or below a letter) as a text rise.
fn show_glyphs(ops: &mut Vec<Op>, font: &ParsedFont, glyphs: &[Glyph], size: f32) {
    let upem = f32::from(font.font_metrics.units_per_em.max(1));
    let mut rise = 0.0;
    let mut i = 0;
    while i < glyphs.len() {
        let level = glyphs[i].y_offset;
        let end = glyphs[i..].iter().position(|g| g.y_offset != level).map_or(glyphs.len(), |n| i + n);
        if level != rise {
            ops.push(Op::SetLineOffset { multiplier: level * size });
            rise = level;
        }
        // A number in a text array moves the pen left by that many thousandths of an em.
        let mut items = Vec::with_capacity(2);
        if glyphs[i].x_offset != 0.0 {
            items.push(TextItem::Offset(-glyphs[i].x_offset * 1000.0));
        }
        let mut group = Vec::with_capacity(end - i);
        for (n, g) in glyphs[i..end].iter().enumerate() {
            let drawn = f32::from(font.get_horizontal_advance(g.id)) / upem;
            let next_offset = glyphs[i..end].get(n + 1).map_or(0.0, |next| next.x_offset);
            let offset = (drawn + g.x_offset - g.advance - next_offset) * 1000.0;
            group.push(match &g.text {
                Some(text) => Codepoint::with_cid(g.id, offset, text.clone()),
                None => Codepoint::new(g.id, offset),
            });
        }
        items.push(TextItem::GlyphIds(group));
        ops.push(Op::ShowText { items });
        i = end;
    }
    if rise != 0.0 {
        ops.push(Op::SetLineOffset { multiplier: 0.0 });
    }
}
