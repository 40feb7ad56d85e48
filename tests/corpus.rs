//! Extraction measured on the real posts in `../shared/corpus` (when that folder exists) with
//! the project's scorer. On a fresh clone without `../shared`, the test says so and passes.

mod util;

use std::path::Path;
use std::process::Command;

/// Lowest talk F1 accepted on the shared corpus; raised as extraction improves.
const MIN_TALKS_F1: &str = "0.75";

#[test]
fn extraction_scores_on_the_shared_corpus() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let posts = shared.join("corpus/bangpypers/posts");
    let gold = shared.join("corpus/bangpypers/gold.json");
    let scorer = shared.join("eval/score_extraction.py");
    if !posts.is_dir() || !gold.is_file() || !scorer.is_file() {
        println!("skipped: ../shared/corpus is not here (a fresh clone); nothing to score");
        return;
    }
    let out = util::run(
        &["extract", "--jsonl", posts.to_str().unwrap()],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert!(
        out.status.success(),
        "extract failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    std::fs::write(&pred, &out.stdout).unwrap();
    let lines = String::from_utf8_lossy(&out.stdout).lines().count();
    let posts_count = std::fs::read_dir(&posts).unwrap().count();
    assert_eq!(lines, posts_count, "one line per post");

    let scored = match Command::new("python3")
        .arg(&scorer)
        .arg(&gold)
        .arg(&pred)
        .args(["--min-f1", MIN_TALKS_F1])
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            println!("skipped scoring: python3 is not available ({e})");
            return;
        }
    };
    let report = String::from_utf8_lossy(&scored.stdout);
    println!("{report}");
    assert!(scored.status.success(), "talks F1 below {MIN_TALKS_F1}:\n{report}");
}
