//! What `GET /status` reports: the size of the index, when it last changed, whether the folder
//! is watched, and the posts that currently fail to read. The indexer writes it after each
//! sync; handlers read a copy.

use std::sync::atomic::Ordering;
use std::sync::{Arc, RwLock};

use serde::Serialize;

use crate::date::rfc3339;
use crate::metrics::Metrics;
use crate::sync::{FolderSync, PostFailure, SyncReport};

/// The service's state, as `GET /status` returns it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    /// Posts in the index.
    pub posts: usize,
    /// Talks in the index (each post's own document is searchable too, but not counted here).
    pub talks: u64,
    /// Documents in the index: talks, and one per post.
    pub documents: u64,
    /// When the index last changed, RFC 3339 in UTC.
    pub last_commit: Option<String>,
    /// How long the last sync took, in milliseconds.
    pub last_sync_ms: Option<f64>,
    /// Whether saved posts are re-indexed as they change.
    pub watching: bool,
    /// Posts that fail to read; each keeps its last good version in the index.
    pub errors: Vec<PostFailure>,
    /// Posts the site's generator does not publish (so neither does the index), with why.
    pub skipped: Vec<PostFailure>,
    /// The last problem of the watcher or the indexer itself (not of a post), if any.
    pub watch_error: Option<String>,
}

/// The status shared by the indexer (writes) and the HTTP handlers (reads), with the counters
/// both add to for `/metrics`.
#[derive(Debug, Clone, Default)]
pub struct SharedStatus {
    status: Arc<RwLock<Status>>,
    pub metrics: Arc<Metrics>,
}

impl SharedStatus {
    /// A copy of the current status.
    pub fn get(&self) -> Status {
        self.status.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Changes the status in place.
    pub fn update(&self, change: impl FnOnce(&mut Status)) {
        change(&mut self.status.write().unwrap_or_else(|p| p.into_inner()));
    }

    /// A sync failed as a whole; it will be retried.
    pub fn reindex_failed(&self, error: String) {
        self.metrics.reindex_failures.fetch_add(1, Ordering::Relaxed);
        self.update(|s| s.watch_error = Some(error));
    }

    /// The watcher reported an error.
    pub fn watcher_failed(&self, error: String) {
        self.metrics.watcher_errors.fetch_add(1, Ordering::Relaxed);
        self.update(|s| s.watch_error = Some(error));
    }

    /// Records the outcome of a sync.
    pub fn record(&self, sync: &FolderSync, report: &SyncReport) {
        self.metrics.reindex_latency.observe(report.took);
        self.update(|s| {
            s.posts = sync.posts();
            s.talks = sync.talks();
            s.documents = report.documents;
            if let Some(at) = report.committed {
                s.last_commit = Some(rfc3339(at));
            }
            s.last_sync_ms = Some(report.took.as_secs_f64() * 1000.0);
            s.errors = sync.failures();
            s.skipped = sync.skipped();
            s.watch_error = None;
        });
    }
}
