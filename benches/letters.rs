//! Letter speed: one letter (with the CJK fallback in use), 500 letters, and the same letter made by
//! LibreOffice headless from an equivalent .fodt, side by side when `soffice` is installed.
//! Run: cargo bench --bench letters

use std::process::Command;
use std::time::Instant;

use casebook::letter::{parse_body, render, Block, LetterDoc, Paper};

const BODY: &str = "Dear 山田 太郎,

Thank you for your request under the General Data Protection Regulation (GDPR), which reached us on 6 March 2026. You asked for access to your personal data and erasure. We have registered it under the reference DSR-2026-0042; please quote it whenever you write to us about this request.

We will respond by 7 April 2026 at the latest. If we need to confirm your identity or to understand your request better, we will contact you promptly; where the law allows, the time limit stands still until we hear back from you.

## What we hold
- Customers and prospective customers: name, company name and address, position and title, email address, telephone number
- Visitors to our website: cookies, device identifier, IP address, pages viewed with times

If you have any questions in the meantime, please write to privacy_protection_team@cscloud.co.jp.";

fn letter(name: &str) -> LetterDoc {
    LetterDoc {
        paper: Paper::A4,
        title: "Your request DSR-2026-0042: confirmation of receipt".into(),
        org_name: "Cyber Security Cloud, Inc.".into(),
        org_lines: vec![
            "JR Tokyu Meguro Building 13F".into(),
            "3-1-1 Kamiosaki, Shinagawa-ku".into(),
            "Tokyo 141-0021".into(),
            "Japan".into(),
            "privacy_protection_team@cscloud.co.jp".into(),
        ],
        recipient: vec![name.into(), "1-2-3 Shibuya".into(), "Tokyo 150-0002".into()],
        details: vec![("Date:".into(), "30 November 2026".into()), ("Our reference:".into(), "DSR-2026-0042".into())],
        subject: "Your request DSR-2026-0042: confirmation of receipt".into(),
        body: parse_body(&BODY.replace("山田 太郎", name)),
        signature: vec![
            "Yours sincerely,".into(),
            "Privacy Protection Team".into(),
            "Cyber Security Cloud, Inc.".into(),
        ],
        page_label: "Page {n} of {m}".into(),
        reference: "DSR-2026-0042".into(),
        created: chrono::Utc::now(),
        keywords: Vec::new(),
    }
}

fn main() {
    let doc = letter("山田 太郎");
    let first = Instant::now();
    let pdf = render(&doc).unwrap();
    let cold = first.elapsed();
    let mut times: Vec<f64> = (0..50)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(render(&doc).unwrap());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let one = times[times.len() / 2];
    println!(
        "one letter (CJK fallback in use): median {one:.2} ms, p95 {:.2} ms, {} bytes; first in the process {:.1} ms (loads the CJK font)",
        times[times.len() * 95 / 100],
        pdf.len(),
        cold.as_secs_f64() * 1000.0
    );

    let names = ["山田 太郎", "Zoë Ångström", "Łukasz Żółć", "Ελένη Παπαδοπούλου", "Дмитрий Иванов"];
    let t = Instant::now();
    for i in 0..500 {
        std::hint::black_box(render(&letter(names[i % names.len()])).unwrap());
    }
    println!("500 letters: {:.2} s", t.elapsed().as_secs_f64());

    match libreoffice(&doc) {
        Some(lo) => println!("LibreOffice headless, same letter from .fodt: {lo:.0} ms per letter (median of 3); Casebook is {:.0}x faster", lo / one),
        None => println!("LibreOffice not installed (apt-get install libreoffice-writer-nogui): comparison skipped"),
    }
}

/// Median wall time of `soffice --headless --convert-to pdf` on an equivalent document, in ms.
fn libreoffice(doc: &LetterDoc) -> Option<f64> {
    Command::new("soffice").arg("--version").output().ok()?;
    let dir = tempfile::tempdir().ok()?;
    let fodt = dir.path().join("letter.fodt");
    std::fs::write(&fodt, fodt_for(doc)).ok()?;
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.path().display());
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let status = Command::new("soffice")
            .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&fodt)
            .output()
            .ok()?;
        if !status.status.success() || !dir.path().join("letter.pdf").exists() {
            return None;
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Some(times[1])
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A flat OpenDocument text with the same content: letterhead, address, details, subject, body, signature.
fn fodt_for(doc: &LetterDoc) -> String {
    let mut body = String::new();
    let p = |style: &str, text: &str| format!("<text:p text:style-name=\"{style}\">{}</text:p>\n", escape(text));
    body.push_str(&p("Head", &doc.org_name));
    doc.org_lines.iter().for_each(|l| body.push_str(&p("Small", l)));
    doc.recipient.iter().for_each(|l| body.push_str(&p("Standard", l)));
    doc.details.iter().for_each(|(k, v)| body.push_str(&p("Right", &format!("{k} {v}"))));
    body.push_str(&p("Head", &doc.subject));
    for block in &doc.body {
        match block {
            Block::Heading(t) => body.push_str(&p("Head", t)),
            Block::Paragraph(t) => body.push_str(&p("Standard", t)),
            Block::Bullets(items) => {
                body.push_str("<text:list>");
                for item in items {
                    body.push_str(&format!("<text:list-item>{}</text:list-item>", p("Standard", item)));
                }
                body.push_str("</text:list>\n");
            }
        }
    }
    doc.signature.iter().for_each(|l| body.push_str(&p("Standard", l)));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
<style:style style:name="Standard" style:family="paragraph"><style:text-properties style:font-name="Noto Sans" fo:font-size="10.5pt"/></style:style>
<style:style style:name="Head" style:family="paragraph"><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Small" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="8.5pt"/></style:style>
<style:style style:name="Right" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
</office:styles>
<office:body><office:text>
{body}</office:text></office:body></office:document>
"#
    )
}
