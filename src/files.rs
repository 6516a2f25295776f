//! Files Casebook writes beside the database (the database and its backups, key files, the sealing
//! key, locks): created new, readable by the owner only (0600, folders 0700), never through a
//! symbolic link planted where they go.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

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

/// Makes a rename or a new file in `dir` durable.
pub fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
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
