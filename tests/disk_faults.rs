//! A full disk or a read-only index folder while re-indexing: the error is logged and shown in
//! `/status`, searches go on answering from the last commit, and indexing resumes once the
//! disk has room again. The faults come from a Tantivy directory that fails writes on demand.

mod util;

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use talksearch::index::TalkIndex;
use talksearch::search::{SearchRequest, search};
use talksearch::site::Site;
use talksearch::status::SharedStatus;
use talksearch::sync::FolderSync;
use tantivy::Directory;
use tantivy::directory::error::{DeleteError, OpenReadError, OpenWriteError};
use tantivy::directory::{FileHandle, RamDirectory, WatchCallback, WatchHandle, WritePtr};
use util::Fixture;

/// A directory in memory whose writes fail with `kind` while `failing` is set.
#[derive(Clone, Debug)]
struct Faulty {
    inner: RamDirectory,
    failing: Arc<AtomicBool>,
    kind: io::ErrorKind,
}

impl Faulty {
    fn fault(&self, path: &Path) -> Option<io::Error> {
        self.failing
            .load(Ordering::SeqCst)
            .then(|| io::Error::new(self.kind, format!("{}: injected {:?}", path.display(), self.kind)))
    }
}

impl Directory for Faulty {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        match self.fault(path) {
            Some(e) => Err(OpenWriteError::wrap_io_error(e, path.to_path_buf())),
            None => self.inner.open_write(path),
        }
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        match self.fault(path) {
            Some(e) => Err(e),
            None => self.inner.atomic_write(path, data),
        }
    }
    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }
    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}

fn post(word: &str) -> String {
    format!("---\ntitle: Meetup\n---\nThe *first* talk was by Asha Rao on **{word} Internals**.\n")
}

fn found(index: &TalkIndex, word: &str) -> u64 {
    search(index, &SearchRequest::text(word, 10)).expect("search").total as u64
}

fn eventually(what: &str, status: &SharedStatus, mut check: impl FnMut() -> bool) {
    // Generous: a busy machine slows the first tries, and retries back off (0.25 s doubling).
    let deadline = Instant::now() + Duration::from_secs(60);
    while !check() {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; status: {:?}",
            status.get()
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn faults_while_reindexing(kind: io::ErrorKind) {
    let f = Fixture::new();
    f.write("a.md", &post("Walrus"));
    let failing = Arc::new(AtomicBool::new(false));
    let dir = Faulty {
        inner: RamDirectory::create(),
        failing: failing.clone(),
        kind,
    };
    let index = Arc::new(TalkIndex::in_directory(dir).expect("index"));
    let mut sync = FolderSync::new(&index, &f.posts(), Site::default()).expect("folder");
    let report = sync.sync_all(&index, false).expect("first sync");
    let status = SharedStatus::default();
    status.record(&sync, &report);
    assert_eq!(found(&index, "walrus"), 1);

    let watching =
        talksearch::watch::watch(index.clone(), sync, status.clone(), Duration::from_millis(10)).expect("watch");
    failing.store(true, Ordering::SeqCst);
    f.write("b.md", &post("Narwhal"));
    f.write("a.md", &post("Manatee"));
    // Tantivy reports the failed write itself, or only that its writer thread died of it.
    eventually("the error in the status", &status, || {
        status
            .get()
            .watch_error
            .is_some_and(|e| e.contains("injected") || e.contains("index writer was killed"))
    });
    // Searches answer from the last commit meanwhile.
    for _ in 0..20 {
        assert_eq!(found(&index, "walrus"), 1);
        assert_eq!(found(&index, "narwhal"), 0);
        std::thread::sleep(Duration::from_millis(10));
    }
    // Room again: the retry lands both changes.
    failing.store(false, Ordering::SeqCst);
    eventually("both changes indexed", &status, || {
        found(&index, "narwhal") == 1 && found(&index, "manatee") == 1
    });
    assert_eq!(found(&index, "walrus"), 0);
    eventually("the error cleared", &status, || status.get().watch_error.is_none());
    assert_eq!(status.get().talks, 2);
    watching.stop();
}

#[test]
fn a_full_disk_while_reindexing_keeps_searches_answering_and_recovers() {
    faults_while_reindexing(io::ErrorKind::StorageFull);
}

#[test]
fn a_read_only_index_folder_while_reindexing_keeps_searches_answering_and_recovers() {
    faults_while_reindexing(io::ErrorKind::PermissionDenied);
}
