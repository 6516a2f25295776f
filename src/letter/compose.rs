//! Placing a letter on pages: letterhead, address and details, subject, body with page breaks,
//! signature kept together, a repeated header on later pages, and "page N of M" on every page.

use super::document::{Block, LetterDoc};
use super::fonts::Face;
use super::layout::{width, wrap};
use crate::error::Result;

const MM: f32 = 72.0 / 25.4;
const LEFT: f32 = 25.0 * MM;
const RIGHT: f32 = 20.0 * MM;
const TOP: f32 = 18.0 * MM;
const BOTTOM: f32 = 24.0 * MM;
const BODY: f32 = 10.5;
const LEADING: f32 = 15.0;
const GREY: f32 = 0.38;

/// Something drawn at a position (points from the bottom-left corner).
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text { x: f32, y: f32, text: String, face: Face, size: f32, grey: f32 },
    Rule { x1: f32, x2: f32, y: f32, grey: f32 },
}

pub struct Page {
    pub marks: Vec<Mark>,
}

struct Composer<'a> {
    doc: &'a LetterDoc,
    width: f32,
    height: f32,
    pages: Vec<Page>,
    /// The baseline of the next line on the current page.
    y: f32,
}

impl Composer<'_> {
    fn page(&mut self) -> &mut Vec<Mark> {
        &mut self.pages.last_mut().expect("a page exists").marks
    }

    fn text(&mut self, x: f32, y: f32, text: &str, face: Face, size: f32, grey: f32) {
        self.page().push(Mark::Text { x, y, text: text.to_string(), face, size, grey });
    }

    fn right_aligned(&mut self, y: f32, text: &str, face: Face, size: f32, grey: f32) -> Result<()> {
        let x = self.width - RIGHT - width(text, face, size)?;
        self.text(x, y, text, face, size, grey);
        Ok(())
    }

    fn measure_width(&self) -> f32 {
        self.width - LEFT - RIGHT
    }

    /// Starts a continuation page with a small header.
    fn new_page(&mut self) -> Result<()> {
        self.pages.push(Page { marks: Vec::new() });
        let top = self.height - TOP;
        let (name, reference) = (self.doc.org_name.clone(), self.doc.reference.clone());
        self.text(LEFT, top, &name, Face::Bold, 9.0, 0.0);
        self.right_aligned(top, &reference, Face::Regular, 9.0, GREY)?;
        let rule_y = top - 5.0;
        let right = self.width - RIGHT;
        self.page().push(Mark::Rule { x1: LEFT, x2: right, y: rule_y, grey: 0.75 });
        self.y = rule_y - 24.0;
        Ok(())
    }

    /// Makes room for `height` points, breaking the page when they would not fit.
    fn need(&mut self, height: f32) -> Result<()> {
        if self.y - height < BOTTOM {
            self.new_page()?;
        }
        Ok(())
    }

    fn lines(&mut self, text: &str, face: Face, indent: f32, first_prefix: Option<&str>) -> Result<()> {
        let lines = wrap(text, face, BODY, self.measure_width() - indent)?;
        for (i, line) in lines.iter().enumerate() {
            self.need(LEADING)?;
            if let (0, Some(prefix)) = (i, first_prefix) {
                self.text(LEFT + indent - 11.0, self.y, prefix, Face::Regular, BODY, 0.0);
            }
            self.text(LEFT + indent, self.y, line, face, BODY, 0.0);
            self.y -= LEADING;
        }
        Ok(())
    }

    fn first_page(&mut self) -> Result<()> {
        self.pages.push(Page { marks: Vec::new() });
        let doc = self.doc;
        let top = self.height - TOP;
        self.text(LEFT, top - 4.0, &doc.org_name, Face::Bold, 15.0, 0.0);
        let mut y = top;
        for line in &doc.org_lines {
            self.right_aligned(y, line, Face::Regular, 8.5, GREY)?;
            y -= 11.0;
        }
        let rule_y = y.min(top - 16.0) - 2.0;
        let right = self.width - RIGHT;
        self.page().push(Mark::Rule { x1: LEFT, x2: right, y: rule_y, grey: 0.75 });

        // The address sits where a window envelope shows it (about 50 mm from the top).
        let mut y = self.height - 50.0 * MM;
        for line in &doc.recipient {
            for part in wrap(line, Face::Regular, BODY, 85.0 * MM)? {
                self.text(LEFT, y, &part, Face::Regular, BODY, 0.0);
                y -= 13.5;
            }
        }
        let mut dy = self.height - 50.0 * MM;
        for (label, value) in &doc.details {
            let text = format!("{label} {value}");
            self.right_aligned(dy, &text, Face::Regular, 9.0, 0.0)?;
            dy -= 13.0;
        }
        self.y = y.min(dy).min(self.height - 88.0 * MM) - 18.0;
        for line in wrap(&doc.subject, Face::Bold, 11.5, self.measure_width())? {
            self.text(LEFT, self.y, &line, Face::Bold, 11.5, 0.0);
            self.y -= 16.0;
        }
        self.y -= 10.0;
        Ok(())
    }

    fn body(&mut self) -> Result<()> {
        for block in &self.doc.body {
            match block {
                Block::Heading(text) => {
                    self.need(LEADING * 3.0)?;
                    self.y -= 4.0;
                    self.lines(text, Face::Bold, 0.0, None)?;
                    self.y -= 2.0;
                }
                Block::Paragraph(text) => {
                    self.lines(text, Face::Regular, 0.0, None)?;
                    self.y -= 7.0;
                }
                Block::Bullets(items) => {
                    for item in items {
                        self.lines(item, Face::Regular, 14.0, Some("•"))?;
                        self.y -= 2.0;
                    }
                    self.y -= 5.0;
                }
            }
        }
        // The signature stays in one piece.
        let signature = self.doc.signature.clone();
        self.need(LEADING * (signature.len() as f32 + 2.0))?;
        self.y -= 6.0;
        for (i, line) in signature.iter().enumerate() {
            let face = if i == 0 { Face::Regular } else { Face::Bold };
            self.lines(line, face, 0.0, None)?;
            if i == 0 {
                self.y -= LEADING;
            }
        }
        Ok(())
    }

    fn footers(&mut self) -> Result<()> {
        let total = self.pages.len();
        let org = format!("{} · {}", self.doc.org_name, self.doc.org_lines.last().cloned().unwrap_or_default());
        for n in 0..total {
            let label = self.doc.page_label.replace("{n}", &(n + 1).to_string()).replace("{m}", &total.to_string());
            let y = 12.0 * MM;
            let x = self.width - RIGHT - width(&label, Face::Regular, 8.0)?;
            let page = &mut self.pages[n].marks;
            page.push(Mark::Rule { x1: LEFT, x2: self.width - RIGHT, y: y + 10.0, grey: 0.85 });
            page.push(Mark::Text { x: LEFT, y, text: org.clone(), face: Face::Regular, size: 8.0, grey: GREY });
            page.push(Mark::Text { x, y, text: label, face: Face::Regular, size: 8.0, grey: GREY });
        }
        Ok(())
    }
}

/// Lays a letter out on pages.
pub fn compose(doc: &LetterDoc) -> Result<Vec<Page>> {
    let (width, height) = doc.paper.size();
    let mut c = Composer { doc, width, height, pages: Vec::new(), y: 0.0 };
    c.first_page()?;
    c.body()?;
    c.footers()?;
    Ok(c.pages)
}
