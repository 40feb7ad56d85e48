//! Live re-indexing: the posts folder is watched with notify, and each burst of changes is
//! brought into the index in one commit by a single indexer thread, the only writer. Searches
//! never wait for it: they read the last commit until the next one lands.
//!
//! The debounce is done here rather than with a debouncer crate because it must drop the
//! events our own reads cause: reading a post to index it is an "access" event, and a debouncer
//! that cannot tell it from a write would make every read trigger another read.
//!
//! A sync that fails as a whole (the index cannot be written) is retried with a growing pause,
//! and the error is shown in `/status` meanwhile; a post that fails to read is not an error of
//! the indexer and keeps its last good version. If the posts folder itself disappears, the
//! index is kept as it was and the folder is looked for until it comes back, then watched and
//! read again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::event::EventKind;
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::error::{Error, Result};
use crate::index::TalkIndex;
use crate::status::SharedStatus;
use crate::sync::FolderSync;

/// Default quiet time after the last event of a burst before it is indexed: long enough for an
/// editor's write-then-rename to settle, short enough to keep a save searchable in well under
/// 100 ms.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(20);

/// A burst that never goes quiet (a file written continuously) is indexed after this long
/// anyway, and again as it goes on.
const MAX_BURST: Duration = Duration::from_millis(500);

const FIRST_RETRY: Duration = Duration::from_millis(250);
const LAST_RETRY: Duration = Duration::from_secs(30);
/// Longest pause between looks for a posts folder that went away.
const ROOT_POLL: Duration = Duration::from_secs(2);

enum Message {
    Changed(Vec<PathBuf>),
    WatchError(String),
    /// Index what is pending, then stop.
    Stop,
}

/// A running watch. [`Watching::stop`] ends it after indexing what is pending.
pub struct Watching {
    stop: Sender<Message>,
    worker: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Watching {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watching").finish_non_exhaustive()
    }
}

/// Watches `sync`'s folder and keeps `index` in step with it until stopped.
pub fn watch(index: Arc<TalkIndex>, sync: FolderSync, status: SharedStatus, debounce: Duration) -> Result<Watching> {
    let (tx, rx) = channel();
    let root = sync.root().to_path_buf();
    let events = tx.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let message = match res {
            // Reads (ours included) change nothing.
            Ok(event) if matches!(event.kind, EventKind::Access(_)) => return,
            Ok(event) => Message::Changed(event.paths),
            Err(e) => Message::WatchError(e.to_string()),
        };
        // The indexer has stopped only when we are shutting down.
        let _ = events.send(message);
    })
    .map_err(|e| watch_error(&root, e))?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| watch_error(&root, e))?;
    status.update(|s| s.watching = true);
    let worker = std::thread::Builder::new()
        .name("talksearch-indexer".into())
        .spawn(move || {
            let mut indexer = Indexer {
                index: &index,
                sync,
                status: &status,
                watcher,
                root_missing: false,
            };
            indexer.run(&rx, debounce);
        })
        .map_err(|source| Error::Io {
            path: PathBuf::from("indexer thread"),
            source,
        })?;
    tracing::info!(folder = %root.display(), debounce_ms = debounce.as_millis() as u64, "watching for changes");
    Ok(Watching {
        stop: tx,
        worker: Some(worker),
    })
}

fn watch_error(root: &Path, e: notify::Error) -> Error {
    Error::Watch {
        path: root.to_path_buf(),
        message: e.to_string(),
    }
}

impl Watching {
    /// Stops watching, indexes what was already seen, and waits for the indexer to finish.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.stop.send(Message::Stop);
        if let Some(worker) = self.worker.take()
            && worker.join().is_err()
        {
            tracing::error!("the indexer thread panicked");
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The indexer thread's state.
struct Indexer<'a> {
    index: &'a TalkIndex,
    sync: FolderSync,
    status: &'a SharedStatus,
    watcher: RecommendedWatcher,
    /// The posts folder itself is gone; the index is kept as it was until it comes back.
    root_missing: bool,
}

impl Indexer<'_> {
    /// Gathers changed paths until the folder has been quiet for `debounce`, syncs them in one
    /// commit, and records the outcome; until told to stop.
    fn run(&mut self, rx: &Receiver<Message>, debounce: Duration) {
        let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
        let mut retry = FIRST_RETRY;
        let mut open = true;
        let status = self.status;
        let take = |message: Message, pending: &mut BTreeSet<PathBuf>, open: &mut bool| match message {
            Message::Changed(paths) => pending.extend(paths),
            Message::WatchError(e) => {
                tracing::warn!(error = %e, "watcher");
                status.watcher_failed(e);
            }
            Message::Stop => *open = false,
        };
        while open || !pending.is_empty() {
            // Wait for something to do: a change, the retry of a failed sync, or a look for a
            // posts folder that went away.
            if open {
                let first = if pending.is_empty() && !self.root_missing {
                    rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
                } else {
                    rx.recv_timeout(retry)
                };
                match first {
                    Ok(message) => take(message, &mut pending, &mut open),
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => open = false,
                }
            }
            // The debounce: keep gathering until the folder is quiet.
            let burst = Instant::now();
            while open && burst.elapsed() < MAX_BURST {
                match rx.recv_timeout(debounce) {
                    Ok(message) => take(message, &mut pending, &mut open),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => open = false,
                }
            }
            if !self.sync.root().is_dir() {
                self.lost_root();
                pending.clear();
                retry = (retry * 2).min(ROOT_POLL);
                continue;
            }
            if self.root_missing {
                self.found_root();
                // Whatever happened meanwhile, the whole folder is read again.
                pending.clear();
                pending.insert(self.sync.root().to_path_buf());
            }
            if pending.is_empty() {
                continue;
            }
            let paths: Vec<PathBuf> = pending.iter().cloned().collect();
            match self.sync.sync_paths(self.index, &paths) {
                Ok(report) => {
                    pending.clear();
                    retry = FIRST_RETRY;
                    status.record(&self.sync, &report);
                    let ms = report.took.as_secs_f64() * 1000.0;
                    for path in &report.changed {
                        tracing::info!(file = %path, talks = self.sync.talks_of(path), ms, "re-indexed");
                    }
                }
                Err(e) => {
                    tracing::error!(error = %e, retry_ms = retry.as_millis() as u64, "re-indexing failed");
                    status.reindex_failed(e.to_string());
                    if !open {
                        break; // shutting down: the next start catches up
                    }
                    retry = (retry * 2).min(LAST_RETRY);
                }
            }
        }
    }

    /// The posts folder is gone (deleted, renamed, an unmounted disk): nothing in the folder
    /// can be told apart from a mistake, so the index stays as it was and searches go on.
    fn lost_root(&mut self) {
        let root = self.sync.root().to_path_buf();
        let message = format!(
            "the posts folder {} is gone; the index is kept as it was until the folder comes back",
            root.display()
        );
        if self.root_missing {
            // Said again at each look, in front of any watcher error the vanished folder causes.
            self.status.update(|s| s.watch_error = Some(message));
            return;
        }
        self.root_missing = true;
        tracing::error!(folder = %root.display(), "the posts folder is gone; serving the index as it was until it comes back");
        // The folder's watch died with it.
        let _ = self.watcher.unwatch(&root);
        self.status.reindex_failed(message);
    }

    /// The posts folder is back: watch it again.
    fn found_root(&mut self) {
        let root = self.sync.root().to_path_buf();
        match self.watcher.watch(&root, RecursiveMode::Recursive) {
            Ok(()) => {
                self.root_missing = false;
                tracing::info!(folder = %root.display(), "the posts folder is back; catching up");
            }
            Err(e) => {
                let e = watch_error(&root, e);
                tracing::error!(error = %e, "cannot watch the posts folder again");
                self.status.watcher_failed(e.to_string());
            }
        }
    }
}
