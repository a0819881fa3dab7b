//! The one door for files: every read of project, dependency, cache or Hub
//! data and every write the tool makes goes through here.
//!
//! **Reads** know their roots: the workspace, the sources of the packages in
//! cargo's graph (the registry and git checkouts, path dependencies), the
//! Hugging Face cache, the user's config and cache directories, and the files
//! the user names on the command line. A path whose real location (links
//! resolved) is outside them, or under `/proc`, `/sys` or `/dev`, is refused;
//! so is anything but a regular file, and a file larger than the caller's
//! cap is refused before a byte is read. A refusal never quotes the file or
//! where it leads.
//!
//! **Writes** never follow a link and never leave a half-written file: the
//! bytes go to a new file with an unpredictable name, created exclusively in
//! the target's directory, which is then renamed over the target. A target
//! that is a link or not a regular file is refused (except the user's own
//! streams under `/dev`, for `--output /dev/stdout`).
//!
//! `tests/doors.rs` fails when code under `src/` reads or writes a file
//! without this module.

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::RwLock;

/// The roots reads may reach, canonical. Empty until the command registers
/// its workspace (unit tests run with none: then only the system's special
/// trees are refused).
static ROOTS: RwLock<Vec<PathBuf>> = RwLock::new(Vec::new());

/// Set once the command has registered its roots: from then on an empty
/// list admits nothing.
static SEALED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Puts the roots in force: after this, a read outside them is refused even
/// when none were registered. The command layer calls it before any stage
/// runs.
pub fn seal() {
    SEALED.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Trees never read, whatever links lead there.
const SPECIAL: &[&str] = &["/proc", "/sys", "/dev"];

/// Directories never read inside a root: version control's own files hold
/// credentials (a CI checkout keeps its token in `.git/config`), never
/// project data.
const PRIVATE_DIRS: &[&str] = &[".git", ".hg", ".svn", ".jj"];

/// Lets reads reach `dir` and everything below it. A directory that does not
/// exist is skipped.
pub fn allow_root(dir: &Path) {
    let Ok(real) = dir.canonicalize() else {
        return;
    };
    if SPECIAL.iter().any(|s| real.starts_with(s)) || real == Path::new("/") {
        return;
    }
    if let Ok(mut roots) = ROOTS.write()
        && !roots.iter().any(|r| real.starts_with(r))
    {
        roots.retain(|r| !r.starts_with(&real));
        roots.push(real);
    }
}

/// Lets reads reach the one file `file` names (a file the user named on the
/// command line), wherever it is.
pub fn allow_file(file: &Path) {
    if let Ok(real) = file.canonicalize()
        && let Ok(mut roots) = ROOTS.write()
        && !roots.contains(&real)
    {
        roots.push(real);
    }
}

fn refused(why: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::PermissionDenied,
        format!("refused: {why}"),
    )
}

fn too_large(max: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("larger than {max} bytes"),
    )
}

/// Directories found real (no link on the way, links resolved) and inside
/// the roots, so a file in one needs no resolving of its own: its last
/// component is opened without following a link.
static REAL_DIRS: RwLock<Option<std::collections::HashSet<PathBuf>>> = RwLock::new(None);

/// An absolute path with no `.` or `..`.
fn plain(path: &Path) -> bool {
    path.is_absolute()
        && path
            .components()
            .all(|c| matches!(c, Component::RootDir | Component::Normal(_)))
}

/// Where `path` really is, if a read may reach it: resolved once per
/// directory (a path whose directory was found real is taken as it is).
fn admit(path: &Path) -> std::io::Result<PathBuf> {
    if plain(path)
        && let Some(dir) = path.parent()
        && REAL_DIRS
            .read()
            .is_ok_and(|d| d.as_ref().is_some_and(|d| d.contains(dir)))
    {
        in_roots(path)?;
        return Ok(path.to_path_buf());
    }
    let real = resolve(path)?;
    if real == path
        && let Some(dir) = real.parent()
        && let Ok(mut dirs) = REAL_DIRS.write()
    {
        dirs.get_or_insert_with(Default::default)
            .insert(dir.to_path_buf());
    }
    Ok(real)
}

/// `path` with every link resolved, if a read may reach it.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let real = path.canonicalize()?;
    if SPECIAL.iter().any(|s| real.starts_with(s)) {
        return Err(refused("a system file, not project data"));
    }
    if real
        .components()
        .any(|c| PRIVATE_DIRS.iter().any(|d| c.as_os_str() == *d))
    {
        return Err(refused("inside version control's own files"));
    }
    if is_credential(&real) {
        return Err(refused("one of the user's credential files"));
    }
    in_roots(&real)?;
    Ok(real)
}

/// The user's credential files, canonical ([`deny_file`]): no read on the
/// project's behalf opens them, whatever root holds them (a path
/// dependency at `~`, `HF_HOME` inside the checkout).
static CREDENTIALS: RwLock<Vec<PathBuf>> = RwLock::new(Vec::new());

/// Refuses every read of `file` (a credential file of the user's: the
/// command layer registers them with the roots). A file that does not exist
/// needs no refusal.
pub fn deny_file(file: &Path) {
    if let Ok(real) = file.canonicalize()
        && let Ok(mut denied) = CREDENTIALS.write()
        && !denied.contains(&real)
    {
        denied.push(real);
    }
}

/// Trees inside the roots that no read reaches ([`deny_tree`]), canonical.
static DENIED_TREES: RwLock<Vec<PathBuf>> = RwLock::new(Vec::new());

/// Refuses every read at or below `dir`, whatever root holds it: a Hugging
/// Face cache inside the workspace, which the checkout could have written.
/// A directory that does not exist needs no refusal.
pub fn deny_tree(dir: &Path) {
    if let Ok(real) = dir.canonicalize()
        && let Ok(mut denied) = DENIED_TREES.write()
        && !denied.contains(&real)
    {
        denied.push(real);
    }
}

fn is_credential(real: &Path) -> bool {
    CREDENTIALS
        .read()
        .map_or(true, |denied| denied.iter().any(|c| c == real))
}

/// Whether a real path is inside the roots (anywhere, before the command
/// registers any).
fn in_roots(real: &Path) -> std::io::Result<()> {
    let roots = ROOTS
        .read()
        .map_err(|_| refused("the list of readable places is unavailable"))?;
    let sealed = SEALED.load(std::sync::atomic::Ordering::SeqCst);
    if (sealed || !roots.is_empty()) && !roots.iter().any(|r| real.starts_with(r)) {
        return Err(refused(
            "it resolves outside the workspace, the package sources and the caches",
        ));
    }
    if DENIED_TREES
        .read()
        .map_or(true, |d| d.iter().any(|t| real.starts_with(t)))
    {
        return Err(refused(
            "it is in a cache inside the workspace, which the checkout can write",
        ));
    }
    Ok(())
}

/// Opens a regular file for reading, no larger than `max` bytes: the one
/// way the tool opens a file it did not write itself. Returns the file and
/// its size.
pub fn open(path: &Path, max: u64) -> std::io::Result<(std::fs::File, u64)> {
    let real = admit(path)?;
    match open_real(&real, max) {
        // The last component is a link: resolve it and check where it leads.
        Err(e) if is_link_error(&e) && real == path => open_real(&resolve(path)?, max),
        other => other,
    }
}

#[cfg(unix)]
fn is_link_error(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_link_error(_: &std::io::Error) -> bool {
    false
}

/// Opens `real` without following a link in its last component and without
/// waiting on a FIFO, then keeps it only if it is a regular file of at most
/// `max` bytes: the size is known before a byte is read.
fn open_real(real: &Path, max: u64) -> std::io::Result<(std::fs::File, u64)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let file = options.open(real)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refused("not a regular file"));
    }
    if meta.len() > max {
        return Err(too_large(max));
    }
    Ok((file, meta.len()))
}

/// The entries of a directory a read may reach, under the rules of
/// [`open`]: a directory whose real location is outside the roots, under
/// `/proc`, `/sys` or `/dev`, or inside version control's own files is
/// refused, and no entry named `.git`, `.hg`, `.svn` or `.jj` is listed.
/// The entries keep the path as given (`entry.path()` is under `dir`);
/// an entry that cannot be read is dropped. The one way the tool lists a
/// directory.
pub fn read_dir(dir: &Path) -> std::io::Result<impl Iterator<Item = std::fs::DirEntry>> {
    admit_dir(dir)?;
    Ok(std::fs::read_dir(dir)?
        .flatten()
        .filter(|e| !PRIVATE_DIRS.iter().any(|d| e.file_name() == *d)))
}

/// [`admit`] for a directory: a directory already found real needs no
/// resolving, and one found real now is remembered (for its files too).
fn admit_dir(dir: &Path) -> std::io::Result<()> {
    if plain(dir)
        && REAL_DIRS
            .read()
            .is_ok_and(|d| d.as_ref().is_some_and(|d| d.contains(dir)))
    {
        return in_roots(dir);
    }
    let real = resolve(dir)?;
    if real == dir
        && let Ok(mut dirs) = REAL_DIRS.write()
    {
        dirs.get_or_insert_with(Default::default).insert(real);
    }
    Ok(())
}

/// The first `max` bytes of `file`, or an error if it holds more.
fn read_all(file: std::fs::File, len: u64, max: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large(max));
    }
    Ok(bytes)
}

/// Reads a whole file of at most `max` bytes; nothing past `max + 1` bytes
/// is ever read, whatever the file claims its size is.
pub fn read(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let (file, len) = open(path, max)?;
    read_all(file, len, max)
}

/// The registered root that holds `anchor` (links resolved).
fn root_of(anchor: &Path) -> std::io::Result<PathBuf> {
    let real = anchor.canonicalize()?;
    let roots = ROOTS
        .read()
        .map_err(|_| refused("the list of readable places is unavailable"))?;
    Ok(roots
        .iter()
        .filter(|r| real.starts_with(r))
        .max_by_key(|r| r.as_os_str().len())
        .cloned()
        .unwrap_or(real))
}

/// Whether `path` may be read as a file that `anchor` names (a package's
/// `license-file`, LICENSE and NOTICE files, a clarification's files, the
/// lock beside its config): as [`open`] admits it, and in addition really
/// inside the same root as `anchor` (the workspace, or the one package
/// directory a path dependency outside it adds), and not a second name
/// (hard link) of a file that may be anywhere. So a package of the project
/// cannot read another root's files through a link or `..`, and a text that
/// could be quoted never comes from outside its root.
///
/// `anchor` is the directory whose file names `path` (the package's, or the
/// lock's).
pub fn check_beside(path: &Path, anchor: &Path) -> std::io::Result<()> {
    let real = admit(path)?;
    let real = real.canonicalize()?;
    let root = root_of(anchor)?;
    if !real.starts_with(&root) {
        return Err(refused(
            "it resolves outside the package or workspace that names it",
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::symlink_metadata(&real)?;
        if meta.is_file() && meta.nlink() > 1 {
            return Err(refused(
                "it is a hard link, another name of a file that may be anywhere",
            ));
        }
    }
    Ok(())
}

/// [`read`] of a file that the directory `anchor` names, under
/// [`check_beside`].
pub fn read_beside(path: &Path, anchor: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    check_beside(path, anchor)?;
    read(path, max)
}

/// [`read`], as text (invalid UTF-8 replaced).
pub fn read_text(path: &Path, max: u64) -> std::io::Result<String> {
    read(path, max).map(crate::error::into_text)
}

/// The sha256 of a file of any size, read in chunks through [`open`].
pub fn sha256(path: &Path) -> std::io::Result<String> {
    use sha2::Digest;
    let (mut file, len) = open(path, u64::MAX)?;
    let mut hasher = sha2::Sha256::new();
    // A buffer the file's size (up to 1 MiB, and one byte more to see the
    // end): most files hashed are small sources, and zeroing a megabyte
    // for each costs more than hashing it.
    let size = usize::try_from(len).unwrap_or(usize::MAX).clamp(1, 1 << 20);
    let mut buf = vec![0u8; size + 1];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// Writes `contents` to `path` so that readers see the old file or the whole
/// new one: a new file with an unpredictable name, created exclusively in
/// the same directory, renamed over the target. A target that is a link or
/// not a regular file is refused. The directory is created when missing.
pub fn write(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_with(path, &mut |w| w.write_all(contents))
}

/// [`write`], with the bytes written by `fill` as it makes them (buffered),
/// so a large report is never held whole: the target is replaced only once
/// `fill` has succeeded, and on an error the new file is removed.
pub fn write_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if let Some(link) = linked_dir(path) {
        return Err(refused(&format!(
            "its directory `{}` is a symbolic link",
            link.display()
        )));
    }
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(refused("it is a symbolic link; remove it first"));
        }
        Ok(meta) if !meta.is_file() => return Err(refused("it exists and is not a regular file")),
        _ => {}
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".model-audit-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    {
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        fill(&mut buffered)?;
        buffered.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The first directory on the way to `path` that is a symbolic link the
/// project could have made: any link below the current directory for a
/// relative path (a committed `reports -> ~` must not move a write out of
/// the checkout), and for any path a link that lies inside a root reads may
/// reach (the workspace, a package's directory, the caches), so that
/// `--output $GITHUB_WORKSPACE/reports/audit.sarif` is not moved either.
/// Links above the roots (`/home -> /data/home`) are the user's own.
fn linked_dir(path: &Path) -> Option<PathBuf> {
    let parent = path.parent()?;
    let relative = !path.is_absolute();
    let mut at = PathBuf::new();
    for c in parent.components() {
        at.push(c);
        if !std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            continue;
        }
        if relative || link_in_roots(&at) {
            return Some(at);
        }
    }
    None
}

/// Whether the link `link` sits in a directory inside the roots.
fn link_in_roots(link: &Path) -> bool {
    let Some(dir) = link.parent().and_then(|d| d.canonicalize().ok()) else {
        return false;
    };
    ROOTS
        .read()
        .is_ok_and(|roots| roots.iter().any(|r| dir.starts_with(r)))
}

/// Writes a report the user asked for with `--output`: as [`write`], except
/// that the user's own streams under `/dev` (`/dev/stdout`, `/dev/null`,
/// `/dev/fd/N`) are written through.
pub fn write_output(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_output_with(path, &mut |w| w.write_all(contents))
}

/// [`write_output`], with the bytes written by `fill` as [`write_with`]
/// writes them.
pub fn write_output_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    if absolute.starts_with("/dev") && absolute.exists() {
        let file = std::fs::OpenOptions::new().write(true).open(&absolute)?;
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut buffered)?;
        return buffered.flush();
    }
    write_with(path, fill)
}

/// Points `link` at `target` (relative to the link's directory) by a new
/// link with an unpredictable name renamed over it, as the Hugging Face
/// cache lays out a snapshot; where links are not supported, `blob` is
/// copied in the same way.
pub fn link(target: &Path, blob: &Path, link: &Path) -> std::io::Result<()> {
    let dir = match link.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    #[cfg(unix)]
    {
        let _ = blob;
        let made = tempfile::Builder::new()
            .prefix(".model-audit-")
            .make_in(&dir, |p| std::os::unix::fs::symlink(target, p))?;
        made.persist(link).map_err(|e| e.error)?;
    }
    #[cfg(not(unix))]
    {
        let _ = target;
        let bytes = read(blob, u64::MAX)?;
        write(link, &bytes)?;
    }
    Ok(())
}

/// Appends to a file the user's environment names (`$GITHUB_STEP_SUMMARY`,
/// which other steps write to too), creating it if needed.
pub fn append_users_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(contents)
}

/// Reads a file the user's environment names (the Hugging Face token file)
/// with the same checks as [`read`] but outside the roots: the project never
/// chooses this path.
pub fn read_users_file(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let real = path.canonicalize()?;
    if SPECIAL.iter().any(|s| real.starts_with(s)) {
        return Err(refused("a system file"));
    }
    let (file, len) = open_real(&real, max)?;
    read_all(file, len, max)
}

/// Creates `dir` for the tool's own files (caches), private to the user.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_s_sha256_is_its_bytes_whatever_its_size() {
        use sha2::Digest;
        let dir = tempfile::tempdir().unwrap();
        for len in [
            0usize,
            1,
            4096,
            (1 << 20) - 1,
            1 << 20,
            (1 << 20) + 3,
            3 << 20,
        ] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let path = dir.path().join(format!("f{len}"));
            std::fs::write(&path, &bytes).unwrap();
            let want = format!("{:x}", sha2::Sha256::digest(&bytes));
            assert_eq!(sha256(&path).unwrap(), want, "{len} bytes");
        }
    }

    #[test]
    fn special_files_and_links_to_them_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("LICENSE");
            std::os::unix::fs::symlink("/proc/self/environ", &link).unwrap();
            let err = read(&link, 1024).unwrap_err();
            assert!(!err.to_string().contains("environ"), "{err}");
            assert!(read(Path::new("/dev/zero"), 1024).is_err());
            let fifo = dir.path().join("fifo");
            let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
            assert!(read(&fifo, 1024).is_err());
        }
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'x'; 2048]).unwrap();
        assert!(read(&big, 1024).is_err());
        assert_eq!(read(&big, 4096).unwrap().len(), 2048);
    }

    #[test]
    fn writes_refuse_links_and_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep").unwrap();
        let target = dir.path().join("report.sarif");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&victim, &target).unwrap();
            assert!(write(&target, b"new").is_err());
            assert!(write_output(&target, b"new").is_err());
            assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
            std::fs::remove_file(&target).unwrap();
        }
        write(&target, b"new").unwrap();
        write(&target, b"newer").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"newer");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        write_output(Path::new("/dev/null"), b"x").unwrap();
    }
}
