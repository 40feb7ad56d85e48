//! What `GET /status` reports: the size of the index, when it last changed, whether the folder
//! is watched, and the posts that currently fail to read. The indexer writes it after each
//! sync; handlers read a copy.

use std::sync::atomic::Ordering;
use std::sync::{Arc, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

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
            s.watch_error = None;
        });
    }
}

/// `2026-11-24T18:52:03.125Z` for a point in time.
pub fn rfc3339(at: SystemTime) -> String {
    let since = at.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60,
        since.subsec_millis()
    )
}

/// Howard Hinnant's civil_from_days: the Gregorian date `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        let t = UNIX_EPOCH + Duration::from_millis(1_709_251_199_250); // the last second of a leap day
        assert_eq!(rfc3339(t), "2024-02-29T23:59:59.250Z");
        let t = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(rfc3339(t), "2000-02-29T00:00:00.000Z");
    }
}
