//! The log file: JSON lines in the portal's data directory (`writes.jsonl`, 0600: it holds
//! customer data, never a token). An entry is appended when its write starts (pending) and
//! again when it ends; the last line of an id wins. Every line is flushed to disk before the
//! write goes out (`sync_data`), so a crash leaves at most a torn last line, which reading
//! skips. Past `max_bytes` the file is rotated (`writes.1.jsonl` …, `keep` of them).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::entry::{Entry, Status};

/// Default rotation: 16 MiB, four old files kept.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;
pub const KEEP: usize = 4;

/// The log of one portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteLog {
    dir: PathBuf,
    /// Who writes (`app`, `cli`), the portal and the profile, stamped on each entry.
    pub by: String,
    pub portal: String,
    pub profile: Option<String>,
    pub max_bytes: u64,
    pub keep: usize,
}

impl WriteLog {
    /// The log in `dir` (the portal's data directory).
    #[must_use]
    pub fn new(dir: &Path, by: &str, portal: &str, profile: Option<&str>) -> Self {
        Self {
            dir: dir.to_owned(),
            by: by.to_owned(),
            portal: portal.to_owned(),
            profile: profile.map(str::to_owned),
            max_bytes: MAX_BYTES,
            keep: KEEP,
        }
    }

    /// The current file.
    #[must_use]
    pub fn path(&self) -> PathBuf {
        self.dir.join("writes.jsonl")
    }

    fn rotated(&self, n: usize) -> PathBuf {
        self.dir.join(format!("writes.{n}.jsonl"))
    }

    /// Appends `e` (stamped with who and where), flushed to disk.
    ///
    /// # Errors
    /// The file cannot be created or written.
    pub fn append(&self, e: &Entry) -> std::io::Result<()> {
        let mut e = e.clone();
        e.by.clone_from(&self.by);
        e.portal.clone_from(&self.portal);
        e.profile.clone_from(&self.profile);
        e.pid = Some(std::process::id());
        std::fs::create_dir_all(&self.dir)?;
        self.rotate_if_full()?;
        let mut line = if ends_torn(&self.path()) { vec![b'\n'] } else { Vec::new() };
        line.extend(serde_json::to_vec(&e).map_err(std::io::Error::other)?);
        line.push(b'\n');
        let mut f = open_private(&self.path())?;
        f.write_all(&line)?;
        f.sync_data()
    }

    fn rotate_if_full(&self) -> std::io::Result<()> {
        let full = std::fs::metadata(self.path()).is_ok_and(|m| m.len() >= self.max_bytes);
        if !full {
            return Ok(());
        }
        for n in (1..self.keep).rev() {
            if self.rotated(n).exists() {
                std::fs::rename(self.rotated(n), self.rotated(n + 1))?;
            }
        }
        if self.keep == 0 {
            return std::fs::remove_file(self.path());
        }
        std::fs::rename(self.path(), self.rotated(1))
    }

    /// Every entry, newest first (each id's last line; torn or foreign lines skipped).
    #[must_use]
    pub fn entries(&self) -> Vec<Entry> {
        let mut files: Vec<PathBuf> = (1..=self.keep).rev().map(|n| self.rotated(n)).collect();
        files.push(self.path());
        let mut order: Vec<String> = Vec::new();
        let mut by_id: std::collections::HashMap<String, Entry> = std::collections::HashMap::new();
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else { continue };
            for line in text.lines() {
                let Ok(e) = serde_json::from_str::<Entry>(line) else { continue };
                if !by_id.contains_key(&e.id) {
                    order.push(e.id.clone());
                }
                by_id.insert(e.id.clone(), e);
            }
        }
        let mut out: Vec<Entry> = order.into_iter().filter_map(|id| by_id.remove(&id)).collect();
        out.sort_by_key(|e| std::cmp::Reverse(e.at));
        out
    }

    /// One entry by id, or by a unique prefix of it.
    #[must_use]
    pub fn find(&self, id: &str) -> Option<Entry> {
        let all = self.entries();
        let mut hits = all.into_iter().filter(|e| e.id.starts_with(id));
        let first = hits.next()?;
        hits.next().is_none().then_some(first)
    }

    /// Entries a crash left pending (their result never came): their process is gone (a
    /// write another hubtui is making right now is not one), or they are a day old.
    #[must_use]
    pub fn interrupted(&self) -> Vec<Entry> {
        let day_ago = crate::timefmt::now_ms() - 86_400_000;
        self.entries()
            .into_iter()
            .filter(|e| e.status == Status::Pending && (e.at < day_ago || !writer_alive(e.pid)))
            .collect()
    }
}

/// Whether the process that wrote an entry still runs (this one does; on Linux, any whose
/// `/proc` entry is there).
fn writer_alive(pid: Option<u32>) -> bool {
    match pid {
        None => false,
        Some(p) if p == std::process::id() => true,
        Some(p) => cfg!(target_os = "linux") && Path::new(&format!("/proc/{p}")).exists(),
    }
}

/// Whether the file's last line was cut off (a crash mid-append): the next entry starts on
/// a line of its own.
fn ends_torn(path: &Path) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut f) = std::fs::File::open(path) else { return false };
    let mut last = [0u8; 1];
    f.seek(SeekFrom::End(-1)).is_ok() && f.read_exact(&mut last).is_ok() && last[0] != b'\n'
}

fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::writelog::entry::{Action, Outcome, RecordChange};

    #[test]
    fn the_last_line_of_an_id_wins_and_a_torn_line_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let log = WriteLog::new(dir.path(), "app", "demo", None);
        let mut e = Entry::new(Action::Update, "2-1", 5);
        e.records.push(RecordChange::pending(
            "7",
            [("price".into(), "1".into())].into(),
            [("price".into(), "2".into())].into(),
        ));
        log.append(&e).unwrap();
        e.status = Status::Done;
        e.records[0].result = Outcome::Ok;
        log.append(&e).unwrap();
        let mut f = std::fs::OpenOptions::new().append(true).open(log.path()).unwrap();
        f.write_all(b"{\"id\":\"torn").unwrap();
        let all = log.entries();
        assert_eq!(all.len(), 1);
        // The next entry after a torn line is read too.
        log.append(&Entry::new(Action::Create, "2-1", 9)).unwrap();
        assert_eq!(log.entries().len(), 2);
        assert_eq!((all[0].status, all[0].portal.as_str(), all[0].by.as_str()), (Status::Done, "demo", "app"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(log.path()).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn a_pending_entry_is_interrupted_only_once_its_writer_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let log = WriteLog::new(dir.path(), "cli", "p", None);
        let now = crate::timefmt::now_ms();
        log.append(&Entry::new(Action::Update, "2-1", now)).unwrap();
        // Ours, recent: a write in flight, not a crash.
        assert!(log.interrupted().is_empty());
        // A process that has exited left one pending.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let mut e = Entry::new(Action::Update, "2-1", now);
        e.pid = Some(dead);
        let mut line = serde_json::to_vec(&e).unwrap();
        line.push(b'\n');
        std::fs::OpenOptions::new().append(true).open(log.path()).unwrap().write_all(&line).unwrap();
        assert_eq!(log.interrupted().iter().map(|e| e.id.clone()).collect::<Vec<_>>(), [e.id]);
    }

    #[test]
    fn a_full_file_is_rotated_and_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = WriteLog::new(dir.path(), "cli", "demo", None);
        log.max_bytes = 10;
        log.keep = 2;
        for at in 0..4 {
            log.append(&Entry::new(Action::Create, "2-1", at)).unwrap();
        }
        assert!(log.rotated(1).exists() && log.rotated(2).exists() && !log.rotated(3).exists());
        assert_eq!(log.entries().iter().map(|e| e.at).collect::<Vec<_>>(), [3, 2, 1], "the oldest rotated away");
    }
}
