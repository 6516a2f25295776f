//! A letter as laid out: the parts every letter has, and its body as blocks parsed from editable text.

use crate::model::Paper;

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    Bullets(Vec<String>),
}

/// Everything printed on a letter.
#[derive(Debug, Clone, PartialEq)]
pub struct LetterDoc {
    pub paper: Paper,
    pub title: String,
    pub org_name: String,
    /// Address lines and contact details under the organisation's name.
    pub org_lines: Vec<String>,
    pub recipient: Vec<String>,
    /// Right-hand details: date, reference and so on, as (label, value).
    pub details: Vec<(String, String)>,
    pub subject: String,
    pub body: Vec<Block>,
    pub signature: Vec<String>,
    /// "Page {n} of {m}" in the letter's language.
    pub page_label: String,
    pub reference: String,
    pub created: chrono::DateTime<chrono::Utc>,
    /// Words for the PDF's metadata (a report's audit-chain witness); none for a letter.
    pub keywords: Vec<String>,
}

/// Parses editable letter text: blocks separated by blank lines; `## ` starts a heading, `- ` a bullet,
/// and a backslash at the start of a line makes the rest of it plain text.
pub fn parse_body(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut bullets: Vec<String> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, bullets: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(join_lines(paragraph)));
            paragraph.clear();
        }
        if !bullets.is_empty() {
            blocks.push(Block::Bullets(std::mem::take(bullets)));
        }
    };
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut bullets, &mut blocks);
        } else if let Some(literal) = line.strip_prefix('\\') {
            if !bullets.is_empty() {
                blocks.push(Block::Bullets(std::mem::take(&mut bullets)));
            }
            paragraph.push(literal.trim());
        } else if let Some(heading) = line.strip_prefix("## ") {
            flush(&mut paragraph, &mut bullets, &mut blocks);
            blocks.push(Block::Heading(heading.trim().to_string()));
        } else if let Some(item) = line.trim_start().strip_prefix("- ") {
            if !paragraph.is_empty() {
                blocks.push(Block::Paragraph(join_lines(&paragraph)));
                paragraph.clear();
            }
            bullets.push(item.trim().to_string());
        } else if !bullets.is_empty() && line.starts_with("  ") {
            // A bullet continued on the next line.
            let last = bullets.last_mut().expect("checked");
            last.push(' ');
            last.push_str(line.trim());
        } else {
            if !bullets.is_empty() {
                blocks.push(Block::Bullets(std::mem::take(&mut bullets)));
            }
            paragraph.push(line.trim());
        }
    }
    flush(&mut paragraph, &mut bullets, &mut blocks);
    blocks
}

/// Joins the lines of a paragraph: a space between words, none between CJK characters.
fn join_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        let cjk_seam = out.chars().last().is_some_and(|c| c as u32 >= 0x2E80)
            && line.chars().next().is_some_and(|c| c as u32 >= 0x2E80);
        if !out.is_empty() && !cjk_seam {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_from_text() {
        let blocks = parse_body(
            "Dear Ann,\n\nWe hold:\n- your name\n- your email\n  address\n\n## Your rights\nYou may\ncomplain.\n",
        );
        assert_eq!(
            blocks,
            [
                Block::Paragraph("Dear Ann,".into()),
                Block::Paragraph("We hold:".into()),
                Block::Bullets(vec!["your name".into(), "your email address".into()]),
                Block::Heading("Your rights".into()),
                Block::Paragraph("You may complain.".into()),
            ]
        );
        assert_eq!(parse_body("山田様\nこんにちは"), [Block::Paragraph("山田様こんにちは".into())]);
        assert_eq!(
            parse_body("\\- not a bullet\n\\## nor a heading"),
            [Block::Paragraph("- not a bullet ## nor a heading".into())]
        );
    }
}
