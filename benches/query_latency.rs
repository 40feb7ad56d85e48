//! In-process query latency on a synthetic corpus: p50, p99 and p99.9 over the fixed query mix
//! (see `support/mix.rs`), overall and per query shape.
//!
//! `cargo bench --bench query_latency -- [--posts N ...] [--rounds N]` (default sizes 1,000 and
//! 10,000; add `--posts 100000` for the large one). Run by `cargo test` without `--bench`, it
//! does one small round so that it never rots.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/mix.rs"]
mod mix;
#[path = "support/stats.rs"]
mod stats;

use std::time::Instant;

use talksearch::index::TalkIndex;
use talksearch::search::search;
use talksearch::site::Site;
use talksearch::sync::sync_folder;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = !args.iter().any(|a| a == "--bench");
    let mut sizes: Vec<u64> = args
        .windows(2)
        .filter(|w| w[0] == "--posts")
        .filter_map(|w| w[1].parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = if quick { vec![200] } else { vec![1_000, 10_000] };
    }
    let rounds: usize = args
        .windows(2)
        .find(|w| w[0] == "--rounds")
        .and_then(|w| w[1].parse().ok())
        .unwrap_or(if quick { 2 } else { 300 });
    let queries = mix::mix();
    for n in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let posts = dir.path().join("posts");
        corpus::write(&posts, n).expect("corpus");
        let (index, _) = TalkIndex::open(&dir.path().join("index")).expect("index");
        let start = Instant::now();
        let report = sync_folder(&index, &posts, &Site::default(), false).expect("sync");
        println!(
            "{n} posts: {} documents indexed in {:.1} s",
            report.documents,
            start.elapsed().as_secs_f64()
        );
        // Warm up: first touches of each segment's files.
        for q in &queries {
            search(&index, &q.request).expect("search");
        }
        let mut all = Vec::new();
        let mut per: Vec<(&str, Vec<f64>)> = queries.iter().map(|q| (q.name, Vec::new())).collect();
        for _ in 0..rounds {
            for (k, q) in queries.iter().enumerate() {
                let t = Instant::now();
                let r = search(&index, &q.request).expect("search");
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                std::hint::black_box(r);
                all.push(ms);
                per[k].1.push(ms);
            }
        }
        all.sort_by(f64::total_cmp);
        println!(
            "  mix of {} queries x {rounds}: p50 {:.3} ms, p99 {:.3} ms, p99.9 {:.3} ms",
            queries.len(),
            stats::percentile(&all, 0.5),
            stats::percentile(&all, 0.99),
            stats::percentile(&all, 0.999)
        );
        for (name, mut times) in per {
            times.sort_by(f64::total_cmp);
            println!(
                "    {name:<10} p50 {:.3} ms  p99 {:.3} ms",
                stats::percentile(&times, 0.5),
                stats::percentile(&times, 0.99)
            );
        }
    }
}
