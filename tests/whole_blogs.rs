//! The binary on whole real blogs (`../shared/corpus`, when that folder exists): `index`,
//! `serve` and `extract` read every post of the seed blog, and `extract --jsonl` gives one line
//! per post of every corpus. Without `../shared` (a user's fresh clone) each test says so and
//! passes.

mod util;

use std::path::{Path, PathBuf};

use util::{Server, http_get, run};

fn shared_corpus() -> Option<PathBuf> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if corpus.is_dir() {
        Some(corpus)
    } else {
        println!("skipped: no ../shared/corpus beside the repo");
        None
    }
}

/// The post files of a posts folder, at any depth.
fn post_files(dir: &Path) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() && !name.starts_with('.') {
            n += post_files(&path);
        } else if talksearch::folder::is_post_name(&name) {
            n += 1;
        }
    }
    n
}

#[test]
fn index_and_serve_read_every_post_of_the_seed_blog() {
    let Some(corpus) = shared_corpus() else { return };
    let posts = corpus.join("bangpypers/posts");
    let posts = posts.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let expected = post_files(Path::new(posts));

    let out = run(&["index", "--posts", posts, "--index", "idx"], dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with(&format!("{expected} posts: {expected} added")),
        "{stdout}"
    );

    let server = Server::start(&["--posts", posts, "--index", "served", "--no-watch"], dir.path());
    let (code, body) = http_get(server.port, "/status").unwrap();
    assert_eq!(code, 200, "{body}");
    let status: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(status["posts"], expected, "{body}");
    assert_eq!(status["errors"], serde_json::json!([]), "{body}");
    // The post that once stopped the service is served like the others.
    let (code, body) = http_get(server.port, "/search?q=june+workshop+apigee").unwrap();
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("2014-06-22-june-workshop-report.md"), "{body}");
}

#[test]
fn extract_gives_one_line_per_post_of_every_corpus() {
    let Some(corpus) = shared_corpus() else { return };
    let mut groups: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .map(|e| e.path().join("posts"))
        .filter(|p| p.is_dir())
        .collect();
    groups.sort();
    assert!(!groups.is_empty());
    let dir = tempfile::tempdir().unwrap();
    for posts in groups {
        let out = run(&["extract", "--jsonl", posts.to_str().unwrap()], dir.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{}: {stderr}", posts.display());
        assert!(
            matches!(out.status.code(), Some(0 | 2)),
            "{}: {:?} {stderr}",
            posts.display(),
            out.status
        );
        let lines = String::from_utf8_lossy(&out.stdout).lines().count();
        let drafts =
            stderr.matches("a draft (the site does not publish it)").count() + stderr.matches(": skipped: ").count();
        assert_eq!(lines + drafts, post_files(&posts), "{}: {stderr}", posts.display());
    }
}
