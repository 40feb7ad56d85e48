//! Counters and histograms for `GET /metrics`, in Prometheus' text format.
//!
//! Written with atomics and one small lock per request rather than a metrics crate: the set is
//! fixed and small (requests by route and status, latencies, re-indexing, the index's size),
//! and the text format is a few lines to write.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds: from a fast search to a slow re-index.
const BUCKETS: [f64; 14] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// A cumulative latency histogram.
#[derive(Debug, Default)]
pub struct Histogram {
    counts: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    /// Sum of the observations in microseconds (whole numbers keep it atomic).
    sum_micros: AtomicU64,
}

impl Histogram {
    pub fn observe(&self, took: Duration) {
        let secs = took.as_secs_f64();
        if let Some(i) = BUCKETS.iter().position(|&b| secs <= b) {
            self.counts[i].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_micros.fetch_add(took.as_micros() as u64, Ordering::Relaxed);
    }

    pub fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }

    fn write(&self, out: &mut String, name: &str, labels: &str) {
        let mut cumulative = 0;
        let sep = if labels.is_empty() { "" } else { "," };
        for (bound, n) in BUCKETS.iter().zip(&self.counts) {
            cumulative += n.load(Ordering::Relaxed);
            let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{bound}\"}} {cumulative}");
        }
        let count = self.count();
        let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {count}");
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "{name}_sum{braces} {sum}");
        let _ = writeln!(out, "{name}_count{braces} {count}");
    }
}

/// What the service counts while it runs.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Requests by route template and status code.
    requests: Mutex<BTreeMap<String, BTreeMap<u16, u64>>>,
    /// Request latency by route template.
    request_latency: Mutex<BTreeMap<String, std::sync::Arc<Histogram>>>,
    /// Time spent searching the index (queueing excluded).
    pub search_latency: Histogram,
    /// Syncs of the index with the folder that committed or found nothing to do.
    pub reindex_latency: Histogram,
    pub reindex_failures: AtomicU64,
    pub watcher_errors: AtomicU64,
}

/// The index's size at the time of a scrape.
#[derive(Debug, Default, Clone)]
pub struct IndexSize {
    pub posts: u64,
    pub talks: u64,
    pub documents: u64,
    pub segments: u64,
    pub bytes: u64,
}

impl Metrics {
    /// Counts one answered request.
    pub fn request(&self, route: &str, status: u16, took: Duration) {
        // Looked up by &str first: a route is new only once.
        {
            let mut requests = self.requests.lock().unwrap_or_else(|p| p.into_inner());
            let by_status = match requests.get_mut(route) {
                Some(m) => m,
                None => requests.entry(route.to_string()).or_default(),
            };
            *by_status.entry(status).or_default() += 1;
        }
        let histogram = {
            let mut latency = self.request_latency.lock().unwrap_or_else(|p| p.into_inner());
            match latency.get(route) {
                Some(h) => h.clone(),
                None => latency.entry(route.to_string()).or_default().clone(),
            }
        };
        histogram.observe(took);
    }

    /// The Prometheus text exposition of everything counted, and of `size`.
    pub fn render(&self, size: &IndexSize) -> String {
        let mut out = String::with_capacity(8 * 1024);
        out.push_str("# HELP talksearch_http_requests_total HTTP requests answered, by route and status.\n");
        out.push_str("# TYPE talksearch_http_requests_total counter\n");
        for (route, by_status) in self.requests.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            for (status, n) in by_status {
                let _ = writeln!(
                    out,
                    "talksearch_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                    escape(route)
                );
            }
        }
        out.push_str("# HELP talksearch_http_request_duration_seconds Time from request to response, by route.\n");
        out.push_str("# TYPE talksearch_http_request_duration_seconds histogram\n");
        for (route, h) in self.request_latency.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            h.write(
                &mut out,
                "talksearch_http_request_duration_seconds",
                &format!("route=\"{}\"", escape(route)),
            );
        }
        out.push_str("# HELP talksearch_search_duration_seconds Time spent searching the index per search.\n");
        out.push_str("# TYPE talksearch_search_duration_seconds histogram\n");
        self.search_latency
            .write(&mut out, "talksearch_search_duration_seconds", "");
        out.push_str("# HELP talksearch_reindex_duration_seconds Time per sync of the index with the posts folder.\n");
        out.push_str("# TYPE talksearch_reindex_duration_seconds histogram\n");
        self.reindex_latency
            .write(&mut out, "talksearch_reindex_duration_seconds", "");
        let counters = [
            (
                "talksearch_reindex_failures_total",
                "Syncs that failed as a whole (the index could not be written, the folder was gone).",
                self.reindex_failures.load(Ordering::Relaxed),
            ),
            (
                "talksearch_watcher_errors_total",
                "Errors reported by the folder watcher.",
                self.watcher_errors.load(Ordering::Relaxed),
            ),
        ];
        for (name, help, value) in counters {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}");
        }
        let gauges = [
            ("talksearch_index_posts", "Posts in the index.", size.posts),
            ("talksearch_index_talks", "Talks in the index.", size.talks),
            (
                "talksearch_index_documents",
                "Documents in the index: talks, and one per post.",
                size.documents,
            ),
            ("talksearch_index_segments", "Segments of the index.", size.segments),
            (
                "talksearch_index_bytes",
                "Size of the index folder on disk.",
                size.bytes,
            ),
        ];
        for (name, help, value) in gauges {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}");
        }
        out
    }
}

/// A label value as the text format wants it.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_with_sum_and_count() {
        let m = Metrics::default();
        m.search_latency.observe(Duration::from_micros(80));
        m.search_latency.observe(Duration::from_millis(3));
        m.search_latency.observe(Duration::from_secs(9));
        let text = m.render(&IndexSize::default());
        assert!(
            text.contains("talksearch_search_duration_seconds_bucket{le=\"0.0001\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("talksearch_search_duration_seconds_bucket{le=\"0.005\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("talksearch_search_duration_seconds_bucket{le=\"5\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("talksearch_search_duration_seconds_bucket{le=\"+Inf\"} 3\n"),
            "{text}"
        );
        assert!(text.contains("talksearch_search_duration_seconds_count 3\n"), "{text}");
        assert!(
            text.contains("talksearch_search_duration_seconds_sum 9.00308\n"),
            "{text}"
        );
    }

    #[test]
    fn requests_are_counted_by_route_and_status() {
        let m = Metrics::default();
        m.request("/search", 200, Duration::from_millis(1));
        m.request("/search", 200, Duration::from_millis(2));
        m.request("/search", 400, Duration::from_millis(1));
        let text = m.render(&IndexSize {
            talks: 7,
            ..IndexSize::default()
        });
        assert!(text.contains("talksearch_http_requests_total{route=\"/search\",status=\"200\"} 2\n"));
        assert!(text.contains("talksearch_http_requests_total{route=\"/search\",status=\"400\"} 1\n"));
        assert!(text.contains("talksearch_http_request_duration_seconds_count{route=\"/search\"} 3\n"));
        assert!(text.contains("talksearch_index_talks 7\n"));
    }
}
