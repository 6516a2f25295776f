//! Correspondence by hand and the files it keeps: an item logged with attachments read from the
//! files the user chose, and any stored file (attachment or letter) saved again where asked.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{Attachment, CorrespondenceItem, FileInfo, ItemInput};
use crate::store::Store;

/// The largest attachment accepted, as for an email.
pub const MAX_ATTACHMENT_BYTES: u64 = 25 * 1024 * 1024;

/// Reads the files to attach: each must be a readable regular file of at most 25 MB.
pub fn read_attachments(paths: &[PathBuf]) -> Result<Vec<Attachment>> {
    paths
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().chars().filter(|c| !c.is_control()).collect::<String>())
                .filter(|n| !n.trim().is_empty())
                .ok_or_else(|| Error::invalid_field("attach", "an attachment must be a file"))?;
            let refuse = |why: &str| Error::invalid_field("attach", format!("attachment {name}: {why}"));
            let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => refuse("there is no such file"),
                _ => refuse("it cannot be read"),
            })?;
            if meta.is_dir() {
                return Err(refuse("it is a folder, not a file"));
            }
            if !meta.is_file() {
                return Err(refuse("it is not a regular file"));
            }
            if meta.len() > MAX_ATTACHMENT_BYTES {
                return Err(refuse("it is larger than 25 MB"));
            }
            let bytes = std::fs::read(path).map_err(|_| refuse("it cannot be read"))?;
            crate::model::validate::line("attach", &name)?;
            Ok(Attachment { media_type: media_type(&name).into(), file_name: name, bytes })
        })
        .collect()
}

/// The media type a file's name suggests (what a mail program would label it).
fn media_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "tif" | "tiff" => "image/tiff",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "eml" => "message/rfc822",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Logs an item by hand, its attachments read first: a bad file writes nothing.
pub fn log(store: &mut Store, reference: &str, input: &ItemInput, attach: &[PathBuf]) -> Result<CorrespondenceItem> {
    let item = input.validate()?;
    let attachments = read_attachments(attach)?;
    store.add_item(reference, &item, &attachments)
}

/// Which stored file of an item: `ID` (its first attachment, or its letter) or `ID/K`.
pub fn parse_file_ref(spec: &str) -> Result<(i64, Option<usize>)> {
    let bad = || {
        Error::invalid_field(
            "item",
            format!("'{}' is not an item (expected ID or ID/K)", crate::model::validate::printable(spec)),
        )
    };
    let (id, k) = match spec.trim().split_once('/') {
        Some((id, k)) => (id, Some(k.parse::<usize>().ok().filter(|k| *k > 0).ok_or_else(bad)?)),
        None => (spec.trim(), None),
    };
    Ok((id.parse().map_err(|_| bad())?, k))
}

/// Saves a copy of a stored file to `out`, checked against its SHA-256 before it is written.
pub fn save_file(
    store: &Store,
    reference: &str,
    item: i64,
    k: Option<usize>,
    out: &Path,
    replace: bool,
) -> Result<FileInfo> {
    let (info, bytes) = store.stored_file(reference, item, k)?;
    crate::files::write_output(out, &bytes, replace)?;
    Ok(info)
}
