//! Save-to-searchable latency of `talksearch serve` on a large folder: a post is rewritten
//! with a new talk, and `/search` is polled until it finds it. Reports p50, p95 and the worst
//! over many saves.
//!
//! `cargo bench --bench reindex_latency -- [--posts N] [--saves N] [--debounce-ms N]`
//! (defaults: 10,000 posts, 60 saves, the server's default debounce). Under `cargo test` it
//! runs a quick round on 200 posts.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/stats.rs"]
mod stats;
#[path = "../tests/util/mod.rs"]
mod util;

use std::time::{Duration, Instant};

fn arg(args: &[String], name: &str) -> Option<u64> {
    let at = args.iter().position(|a| a == name)?;
    args.get(at + 1)?.parse().ok()
}

/// A word no generated post contains, one per save: "quokka", the save number in letters, and
/// an ending no English suffix rule strips, so that no two saves share a stem.
fn token(k: u64) -> String {
    let mut word = String::from("quokka");
    let mut n = k + 1;
    while n > 0 {
        word.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    word.push_str("zx");
    word
}

fn main() {
    // `cargo bench` passes `--bench`; only our own flags are read.
    let args: Vec<String> = std::env::args().collect();
    // Run by `cargo test` (no `--bench`): one small round so that the benchmark never rots.
    let quick = !args.iter().any(|a| a == "--bench");
    let posts = arg(&args, "--posts").unwrap_or(if quick { 200 } else { 10_000 });
    let saves = arg(&args, "--saves").unwrap_or(if quick { 3 } else { 60 });
    let debounce = arg(&args, "--debounce-ms");

    let f = util::Fixture::new();
    let start = Instant::now();
    let bytes = corpus::write(&f.posts(), posts).expect("write corpus");
    println!(
        "corpus: {posts} posts, {:.1} MB, written in {:.1} s",
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    let (p, i) = (f.posts(), f.index());
    let debounce_arg = debounce.map(|d| d.to_string());
    let mut server_args = vec!["--posts", p.to_str().unwrap(), "--index", i.to_str().unwrap()];
    if let Some(d) = &debounce_arg {
        server_args.extend(["--debounce-ms", d.as_str()]);
    }
    let start = Instant::now();
    let server = util::Server::start(&server_args, f.dir.path());
    println!("server up, index built, in {:.1} s", start.elapsed().as_secs_f64());

    let mut latencies = Vec::new();
    let mut lost = 0;
    for k in 0..saves {
        let j = (k * 7919) % posts;
        let (text, sessions) = corpus::post(j);
        let word = token(k);
        let text = text.replace(&sessions[0].title, &format!("{} and {word}", sessions[0].title));
        let path = f.posts().join(corpus::file_name(j));
        let t0 = Instant::now();
        std::fs::write(&path, text).expect("save");
        // The saved talk itself must come back: typo tolerance also finds the tokens of
        // earlier saves, a letter apart, so a non-empty answer alone proves nothing.
        let query = format!("/search?q={word}+&limit=1");
        let saved_title = format!(" and {word}\"");
        loop {
            let (_, body) = util::http_get(server.port, &query).expect("search");
            if body.contains(&saved_title) {
                latencies.push(t0.elapsed().as_secs_f64() * 1000.0);
                break;
            }
            if t0.elapsed() > Duration::from_secs(10) {
                lost += 1;
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        // Saves are an author's, not a flood: let each settle.
        std::thread::sleep(Duration::from_millis(50));
    }
    latencies.sort_by(f64::total_cmp);
    println!(
        "save to searchable over {} saves ({} never found): p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        latencies.len(),
        lost,
        stats::percentile(&latencies, 0.50),
        stats::percentile(&latencies, 0.95),
        latencies.last().copied().unwrap_or(f64::NAN)
    );
}
