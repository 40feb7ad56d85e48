//! Live re-indexing: the posts folder is watched with notify, and each burst of changes is
//! brought into the index in one commit by a single indexer thread, the only writer. Searches
//! never wait for it: they read the last commit until the next one lands.
//!
//! The debounce is done here rather than with a debouncer crate because it must drop the
//! events our own reads cause: reading a post to index it is an "access" event, and a debouncer
//! that cannot tell it from a write would make every read trigger another read.
//!
//! A sync that fails as a whole (the index cannot be written, the folder vanished) is retried
//! with a growing pause, and the error is shown in `/status` meanwhile; a post that fails to
//! read is not an error of the indexer and keeps its last good version.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
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

enum Message {
    Changed(Vec<PathBuf>),
    WatchError(String),
}

/// A running watch. [`Watching::stop`] ends it after indexing what is pending.
pub struct Watching {
    watcher: Option<RecommendedWatcher>,
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
    let watch_error = |e: notify::Error| Error::Watch {
        path: root.clone(),
        message: e.to_string(),
    };
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let message = match res {
            // Reads (ours included) change nothing.
            Ok(event) if matches!(event.kind, EventKind::Access(_)) => return,
            Ok(event) => Message::Changed(event.paths),
            Err(e) => Message::WatchError(e.to_string()),
        };
        // The indexer has stopped only when we are shutting down.
        let _ = tx.send(message);
    })
    .map_err(watch_error)?;
    watcher.watch(&root, RecursiveMode::Recursive).map_err(watch_error)?;
    status.update(|s| s.watching = true);
    let worker = std::thread::Builder::new()
        .name("talksearch-indexer".into())
        .spawn(move || run(&index, sync, &status, &rx, debounce))
        .map_err(|source| Error::Io {
            path: PathBuf::from("indexer thread"),
            source,
        })?;
    tracing::info!(folder = %root.display(), debounce_ms = debounce.as_millis() as u64, "watching for changes");
    Ok(Watching {
        watcher: Some(watcher),
        worker: Some(worker),
    })
}

impl Watching {
    /// Stops watching, indexes what was already seen, and waits for the indexer to finish.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        // Dropping the watcher drops the sender the indexer listens to.
        drop(self.watcher.take());
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

/// The indexer: gathers changed paths until the folder has been quiet for `debounce`, syncs
/// them in one commit, and records the outcome.
fn run(index: &TalkIndex, mut sync: FolderSync, status: &SharedStatus, rx: &Receiver<Message>, debounce: Duration) {
    let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
    let mut retry = FIRST_RETRY;
    let mut open = true;
    let take = |message: Message, pending: &mut BTreeSet<PathBuf>| match message {
        Message::Changed(paths) => pending.extend(paths),
        Message::WatchError(e) => {
            tracing::warn!(error = %e, "watcher");
            status.update(|s| s.watch_error = Some(e));
        }
    };
    while open || !pending.is_empty() {
        // Wait for something to do: a change, or the retry of a failed sync.
        if open {
            let first = if pending.is_empty() {
                rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                rx.recv_timeout(retry)
            };
            match first {
                Ok(message) => take(message, &mut pending),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => open = false,
            }
        }
        // The debounce: keep gathering until the folder is quiet.
        let burst = Instant::now();
        while open && burst.elapsed() < MAX_BURST {
            match rx.recv_timeout(debounce) {
                Ok(message) => take(message, &mut pending),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => open = false,
            }
        }
        if pending.is_empty() {
            continue;
        }
        let paths: Vec<PathBuf> = pending.iter().cloned().collect();
        match sync.sync_paths(index, &paths) {
            Ok(report) => {
                pending.clear();
                retry = FIRST_RETRY;
                status.record(&sync, &report);
                let ms = report.took.as_secs_f64() * 1000.0;
                for path in &report.changed {
                    tracing::info!(file = %path, talks = sync.talks_of(path), ms, "re-indexed");
                }
            }
            Err(e) => {
                tracing::error!(error = %e, retry_ms = retry.as_millis() as u64, "re-indexing failed");
                status.update(|s| s.watch_error = Some(e.to_string()));
                if !open {
                    break; // shutting down: the next start catches up
                }
                retry = (retry * 2).min(LAST_RETRY);
            }
        }
    }
}
