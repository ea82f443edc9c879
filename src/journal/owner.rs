//! One till per journal, and a journal that is still the file it was.
//!
//! - **Ownership**: the till that opens a journal for writing holds an exclusive OS lock
//!   (`flock`) on `<journal>.lock` for as long as the journal is open, and writes its process id
//!   into that file. A second till on the same file is refused at open with the other's pid and
//!   how to give it a journal of its own. The kernel drops the lock when the process ends, even
//!   on `kill -9`: a stale pid in the file is never mistaken for an owner.
//! - **Identity**: the device and inode of the journal file are noted at open; every write first
//!   checks that the path still names that file, so a data directory removed (or a file
//!   replaced) while the till runs fails the next write with [`JournalError::Gone`] instead of
//!   writing sales into a deleted file.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use super::JournalError;

/// The lock file next to a journal: `journal.sqlite3` → `journal.sqlite3.lock`.
pub fn lock_path(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

/// The pid written in a lock file, if it holds one.
fn read_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    // A pid is a few digits; a bigger file is not ours.
    file.take(64).read_to_string(&mut text).ok()?;
    text.lines().next()?.trim().parse().ok()
}

/// The identity of a file: device and inode where the platform has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileId {
    #[cfg(unix)]
    dev: u64,
    #[cfg(unix)]
    ino: u64,
}

impl FileId {
    pub(crate) fn of(path: &Path) -> std::io::Result<Self> {
        let meta = std::fs::metadata(path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            Ok(Self {
                dev: meta.dev(),
                ino: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            Ok(Self {})
        }
    }
}

/// Held by the till that owns a journal: the lock (released when dropped) and the file's
/// identity.
#[derive(Debug)]
pub(crate) struct Owner {
    path: PathBuf,
    /// The absolute path at open, to find the file's descriptors once it is removed.
    canonical: Option<PathBuf>,
    id: Option<FileId>,
    _lock: File,
}

impl Owner {
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Takes the journal's lock, or says who holds it.
    pub(crate) fn acquire(journal: &Path) -> Result<Self, JournalError> {
        let lock = lock_path(journal);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(JournalError::Busy {
                    path: journal.to_path_buf(),
                    pid: read_pid(&mut file),
                });
            }
            Err(TryLockError::Error(e)) => return Err(JournalError::Io(e)),
        }
        // Ours now: say who we are, for the next one who tries.
        file.set_len(0)?;
        file.seek(SeekFrom::Start(0))?;
        writeln!(file, "{}", std::process::id())?;
        file.sync_all()?;
        Ok(Self {
            path: journal.to_path_buf(),
            canonical: None,
            id: None,
            _lock: file,
        })
    }

    /// Notes the identity of the journal file once it exists (after `SQLite` opened it).
    pub(crate) fn bind(&mut self) -> Result<(), JournalError> {
        self.id = Some(FileId::of(&self.path)?);
        self.canonical = std::fs::canonicalize(&self.path).ok();
        Ok(())
    }

    /// Before a write: the path still names the file that was opened.
    pub(crate) fn check(&self) -> Result<(), JournalError> {
        let Some(opened) = self.id else {
            return Ok(());
        };
        match FileId::of(&self.path) {
            Ok(now) if now == opened => Ok(()),
            _ => Err(JournalError::Gone {
                path: self.path.clone(),
                recovery: recovery_hint(self.canonical.as_deref(), opened),
            }),
        }
    }
}

/// How to save the removed file while this process still has it open: on Linux its content
/// stays readable through `/proc/<pid>/fd` until the process ends.
fn recovery_hint(canonical: Option<&Path>, opened: FileId) -> String {
    let fallback = "; the sales not yet confirmed were in that file".to_string();
    #[cfg(target_os = "linux")]
    {
        let Ok(fds) = std::fs::read_dir("/proc/self/fd") else {
            return fallback;
        };
        // The WAL is `<journal>-wal`, shown as `… (deleted)` once removed.
        let wal_path = canonical.map(|c| {
            let mut name = c.as_os_str().to_os_string();
            name.push("-wal");
            name.to_string_lossy().into_owned()
        });
        let mut main = None;
        let mut wal = None;
        for fd in fds.flatten() {
            let link = fd.path();
            if FileId::of(&link).ok() == Some(opened) {
                main = Some(fd.file_name());
            } else if let (Some(wal_path), Ok(target)) = (&wal_path, std::fs::read_link(&link))
                && target
                    .to_string_lossy()
                    .strip_suffix(" (deleted)")
                    .unwrap_or(&target.to_string_lossy())
                    == wal_path.as_str()
            {
                wal = Some(fd.file_name());
            }
        }
        let pid = std::process::id();
        let Some(main) = main else { return fallback };
        let mut hint = format!(
            "; the sales not yet confirmed are in the removed file, which can be saved while \
             this kash-pos still runs: cp /proc/{pid}/fd/{} SAVED.sqlite3",
            main.to_string_lossy()
        );
        if let Some(wal) = wal {
            hint.push_str(&format!(
                " && cp /proc/{pid}/fd/{} SAVED.sqlite3-wal",
                wal.to_string_lossy()
            ));
        }
        hint.push_str(", then read it with `kash-pos export --journal SAVED.sqlite3`");
        hint
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (canonical, opened);
        fallback
    }
}

/// The message of [`JournalError::Busy`].
pub(crate) fn busy_message(path: &Path, pid: Option<u32>) -> String {
    let who = match pid {
        Some(pid) => format!("another kash-pos (process {pid})"),
        None => "another kash-pos".to_string(),
    };
    format!(
        "the journal {} is in use by {who}. One journal serves one till: quit the other till \
         first, or give this one a journal of its own with `kash-pos --journal FILE` \
         (or `[journal] path = \"FILE\"` in its configuration)",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_owner_is_told_the_first_ones_pid() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite3");
        let first = Owner::acquire(&path).unwrap();
        let second = Owner::acquire(&path).unwrap_err();
        match &second {
            JournalError::Busy { pid, .. } => assert_eq!(*pid, Some(std::process::id())),
            other => panic!("{other:?}"),
        }
        let text = second.to_string();
        assert!(text.contains(&std::process::id().to_string()), "{text}");
        assert!(text.contains("--journal"), "{text}");
        drop(first);
        let _third = Owner::acquire(&path).unwrap();
    }

    #[test]
    fn a_replaced_or_removed_file_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite3");
        std::fs::write(&path, b"x").unwrap();
        let mut owner = Owner::acquire(&path).unwrap();
        owner.bind().unwrap();
        owner.check().unwrap();
        std::fs::rename(&path, dir.path().join("aside")).unwrap();
        std::fs::write(&path, b"x").unwrap();
        assert!(matches!(owner.check(), Err(JournalError::Gone { .. })));
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(owner.check(), Err(JournalError::Gone { .. })));
    }
}
