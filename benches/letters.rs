//! Letter speed: the first letter of a process (with the Japanese font in the page cache, and read
//! from disk), one letter (with the Japanese font in use), and `casebook letters` for a batch of
//! cases (key derivation, rendering, files and storing included), each beside LibreOffice headless
//! making the same letters from equivalent .fodt files (one call for the whole batch) when `soffice`
//! is installed.
//! Run: cargo bench --bench letters        (BENCH_LETTERS=250 sets the batch size)

use std::process::Command;
use std::time::Instant;

use casebook::letter::{parse_body, render, Block, LetterDoc, Paper};
use casebook::model::{CaseInput, OrganisationProfile};
use casebook::store::Store;

const PASSPHRASE: &str = "benchmark passphrase";
const NAMES: [&str; 5] = ["山田 太郎", "Zoë Ångström", "Łukasz Żółć", "Ελένη Παπαδοπούλου", "Дмитрий Иванов"];

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

/// Set in the processes `first_letter` starts: they make one letter, print its time and end.
const FIRST_ONLY: &str = "CASEBOOK_BENCH_FIRST_LETTER";

fn main() {
    let doc = letter("山田 太郎");
    if std::env::var_os(FIRST_ONLY).is_some() {
        let t = Instant::now();
        render(&doc).unwrap();
        println!("{}", t.elapsed().as_secs_f64() * 1000.0);
        return;
    }
    let warm = first_letter(false);
    let cold = first_letter(true);
    let pdf = render(&doc).unwrap();
    let mut times: Vec<f64> = (0..50)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(render(&doc).unwrap());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let one = times[times.len() / 2];
    let n: usize = std::env::var("BENCH_LETTERS").ok().and_then(|v| v.parse().ok()).unwrap_or(250);
    let batch = casebook_batch(n);
    let lo_one = libreoffice(&[fodt_for(&doc)]);
    let lo_batch = libreoffice(&(0..n).map(|i| fodt_for(&letter(NAMES[i % NAMES.len()]))).collect::<Vec<_>>());
    let installed = lo_one.is_some();

    let row = |what: &str, ours: f64, theirs: Option<f64>| {
        let compared = match theirs {
            Some(t) if t >= 100.0 => format!("LibreOffice headless {} ms: {:.0}× faster", t.round() as u64, t / ours),
            Some(t) => format!("LibreOffice headless {t:.1} ms: {:.1}× faster", t / ours),
            None if installed => String::new(),
            None => "LibreOffice not installed".into(),
        };
        let compared = if compared.is_empty() { compared } else { format!("{compared} ") };
        println!("| letters | {what} | {ours:.2} ms | {compared}|");
    };
    row("first letter of a process, Japanese font in the page cache (median of 5 processes)", warm, lo_one);
    row("first letter of a process, Japanese font read from disk (median of 5 processes)", cold, None);
    row("one letter, median of 50 in one process", one, None);
    row(
        &format!("`casebook letters` for {n} cases, per letter (unlock, files, storing included)"),
        batch / n as f64,
        lo_batch,
    );
    println!("| letters | size of one letter (A4, Japanese name, fonts subset) | {} KB | |", pdf.len() / 1024);
}

/// Wall time in ms of the first letter of a process (median of 5 processes), with the Japanese font
/// dropped from the page cache first when `from_disk`.
fn first_letter(from_disk: bool) -> f64 {
    let font = casebook::letter::fonts::cjk_font_path().unwrap();
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            if from_disk {
                drop_from_page_cache(&font);
            }
            let out = Command::new(std::env::current_exe().unwrap()).env(FIRST_ONLY, "1").output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            String::from_utf8(out.stdout).unwrap().trim().parse().unwrap()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}

/// Asks the kernel to forget the cached pages of `path` (they are clean: nothing is lost).
fn drop_from_page_cache(path: &std::path::Path) {
    use std::os::fd::AsRawFd;
    let file = std::fs::File::open(path).unwrap();
    // SAFETY: advice on an open file descriptor; it changes no data.
    let done = unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
    assert_eq!(done, 0, "the page cache could not be told to drop the font");
}

/// Wall time in ms of `casebook letters` making the acknowledgement for `n` new cases (median of 3).
fn casebook_batch(n: usize) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("letters.db");
    let (mut store, _) = Store::create(&db, PASSPHRASE, &OrganisationProfile::sample()).unwrap();
    let cases: Vec<_> = (0..n)
        .map(|i| {
            let input = CaseInput {
                kind: "request".into(),
                regime: "gdpr".into(),
                received: "2026-11-02".into(),
                name: NAMES[i % NAMES.len()].into(),
                ..CaseInput::default()
            };
            (input.validate(store.zone(), chrono::Utc::now()).unwrap(), Vec::new())
        })
        .collect();
    store.add_cases_with_events(&cases).unwrap();
    drop(store);
    let mut times: Vec<f64> = (0..3)
        .map(|run| {
            let out = dir.path().join(format!("out-{run}"));
            std::fs::create_dir(&out).unwrap();
            let t = Instant::now();
            let done = Command::new(env!("CARGO_BIN_EXE_casebook"))
                .arg("--db")
                .arg(&db)
                .args(["letters", "--status", "new", "--template", "acknowledgement", "--json", "--out-dir"])
                .arg(&out)
                .env("CASEBOOK_PASSPHRASE", PASSPHRASE)
                .output()
                .unwrap();
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
            assert_eq!(std::fs::read_dir(&out).unwrap().count(), n);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[1]
}

/// Wall time in ms per PDF made of one `soffice --headless --convert-to pdf` call converting
/// `documents` (median of 3 calls), or `None` without LibreOffice. LibreOffice skips a few files of
/// a long list without a word; the time is divided by the PDFs it did make.
fn libreoffice(documents: &[String]) -> Option<f64> {
    Command::new("soffice").arg("--version").output().ok()?;
    let dir = tempfile::tempdir().ok()?;
    let files: Vec<_> = documents
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let path = dir.path().join(format!("letter-{i}.fodt"));
            std::fs::write(&path, text).map(|_| path)
        })
        .collect::<Result<_, _>>()
        .ok()?;
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.path().display());
    let mut times = Vec::new();
    for run in 0..3 {
        let out = dir.path().join(format!("pdf-{run}"));
        let t = Instant::now();
        let status = Command::new("soffice")
            .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&out)
            .args(&files)
            .output()
            .ok()?;
        let made = std::fs::read_dir(&out).ok()?.count();
        if !status.status.success() || made == 0 {
            return None;
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0 / made as f64);
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
