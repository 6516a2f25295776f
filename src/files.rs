//! Files Casebook writes: beside the database (the database and its backups, key files, the sealing
//! key, locks) and where the user asks (letters, exports, reports). Every one is created new,
//! readable by the owner only (0600, folders 0700), never through a symbolic link planted where it
//! goes, and a file the user asked for appears whole or not at all.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file's name as the user sees it in a message: the last part of its path, never the folders.
pub fn display_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Options that open (and create, if `create`) a private file without following a symbolic link.
pub fn private_options(create: bool) -> OpenOptions {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(create).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options
}

/// Creates `path` as a new private file: `O_CREAT | O_EXCL | O_NOFOLLOW`, mode 0600. Whatever
/// stands there already (an older leftover, a planted link) makes it fail rather than be written.
pub fn create_new_private(path: &Path) -> io::Result<File> {
    let mut options = private_options(false);
    options.create_new(true);
    options.open(path)
}

/// Makes a rename or a new file at `path` durable (syncs the folder it is in).
pub fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent() {
        sync_folder(dir);
    }
}

/// Makes the renames and new files in `dir` durable.
fn sync_folder(dir: &Path) {
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let _ = File::open(dir).and_then(|d| d.sync_all());
}

/// `path` with `suffix` added to its file name: `casebook.db` + `.kdf` → `casebook.db.kdf`.
pub fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    std::path::PathBuf::from(name)
}

/// Replaces `path` with `bytes` whole: written to `<path>.tmp` (created new, private, synced), then
/// renamed over it. A leftover or a link planted at the temporary name is removed, never followed.
pub fn replace_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let tmp = with_suffix(path, ".tmp");
    let _ = std::fs::remove_file(&tmp);
    let written = create_new_private(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path)?;
    sync_dir(path);
    Ok(())
}

/// Creates the folder `dir` (and its parents) if it is missing, the folder itself readable by the
/// owner only (0700). A folder that already exists is left as its owner set it.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Refuses an output path that is a folder, a device or anything but a regular file, and an
/// existing file unless `replace` (then the file, or a link standing there, is replaced whole).
pub fn check_target(out: &Path, replace: bool) -> Result<()> {
    let refuse = |why: &str| Err(Error::validation(format!("cannot write {}: {why}", out.display())));
    match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => refuse(&e.to_string()),
        Ok(m) if m.is_dir() => refuse("it is a folder"),
        Ok(m) if !m.is_file() && !m.file_type().is_symlink() => refuse("it is not a regular file"),
        Ok(_) if !replace => refuse("it exists (add --force to replace it)"),
        Ok(_) => Ok(()),
    }
}

/// A file the user asked for, written and flushed to disk as `<name>.part` beside it: `commit`
/// renames it into place (replacing a link there, never writing where it points); dropped
/// uncommitted, it is removed, so a failed operation leaves no file behind.
#[must_use = "an output appears only when committed"]
pub struct Output {
    part: PathBuf,
    out: PathBuf,
    committed: bool,
}

impl Output {
    /// Writes `bytes` for `out` (checked as `check_target` does).
    pub fn write(out: &Path, bytes: &[u8], replace: bool) -> Result<Output> {
        use std::io::Write;
        check_target(out, replace)?;
        let part = with_suffix(out, ".part");
        let _ = std::fs::remove_file(&part); // a leftover of an interrupted write (a link is removed, not followed)
        let cannot = |e: io::Error| Error::validation(format!("cannot write {}: {e}", out.display()));
        let mut file = create_new_private(&part).map_err(cannot)?;
        let output = Output { part, out: out.to_path_buf(), committed: false };
        file.write_all(bytes).and_then(|_| file.sync_all()).map_err(cannot)?;
        Ok(output)
    }

    /// Puts the file in place.
    pub fn commit(self) -> Result<()> {
        Output::commit_all(vec![self])
    }

    /// Puts every file in place, then makes the renames durable (once per folder, not per file).
    pub fn commit_all(outputs: Vec<Output>) -> Result<()> {
        let mut folders: Vec<PathBuf> = Vec::new();
        for mut output in outputs {
            std::fs::rename(&output.part, &output.out)
                .map_err(|e| Error::validation(format!("cannot write {}: {e}", output.out.display())))?;
            output.committed = true;
            if !folders.iter().any(|f| Some(f.as_path()) == output.out.parent()) {
                folders.push(output.out.parent().map(Path::to_path_buf).unwrap_or_default());
            }
        }
        folders.iter().for_each(|f| sync_folder(f));
        Ok(())
    }

    /// Where the file goes.
    pub fn path(&self) -> &Path {
        &self.out
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.part);
        }
    }
}

/// Writes `out` whole or not at all.
pub fn write_output(out: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    Output::write(out, bytes, replace)?.commit()
}
