//! Nothing outside the posts folder is ever read or served: a symlink in the folder that leads
//! out of it (to a password file, a home folder's keys, a server's `.env`) is refused by
//! `index`, `serve`, `extract` and the watcher, and named; links that stay inside are read.
#![cfg(unix)]

mod util;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;
use util::{Fixture, Server, run};

const POST: &str = "---\ntitle: Meetup\n---\nThe *first* talk was by Meera Iyer on **Tries in Practice**.\n";

/// A fixture whose posts folder has a post, links to a secret file and a secret folder
/// outside it, and links to a file and a folder inside it.
fn fixture() -> Fixture {
    let f = Fixture::new();
    let outside = f.dir.path().join("outside");
    std::fs::create_dir_all(outside.join("keys")).unwrap();
    std::fs::write(outside.join("passwd"), "root:x:0:0:rootsecret:/root:/bin/bash\n").unwrap();
    std::fs::write(
        outside.join("keys/id.md"),
        "---\ntitle: Keys\n---\nkeysecret material\n",
    )
    .unwrap();
    f.write("2020-01-01-real.md", POST);
    // Inside, but hidden: read only through the link to it.
    f.write(".shelf/2020-02-02-inner.md", &POST.replace("Tries", "Heaps"));
    let posts = f.posts();
    symlink(outside.join("passwd"), posts.join("2020-01-01-leak.md")).unwrap();
    symlink(outside.join("keys"), posts.join("keys")).unwrap();
    symlink(posts.join("2020-01-01-real.md"), posts.join("2020-03-03-alias.md")).unwrap();
    symlink(".shelf", posts.join("linked")).unwrap();
    f
}

fn found(server: &Server, q: &str) -> Vec<String> {
    let v = server.get_json(&format!("/search?q={q}"));
    let mut paths: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["post"]["path"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    paths
}

fn error_paths(status: &Value) -> Vec<String> {
    status["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn index_refuses_links_out_and_names_them() {
    let f = fixture();
    let out = f.run_index();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    // Read: the post, the linked file inside, the post of the linked folder inside.
    assert!(stdout.starts_with("3 posts: 3 added"), "{stdout}");
    assert!(
        stdout.contains("2020-01-01-leak.md: a link to a file outside the posts folder"),
        "{stdout}"
    );
    assert!(
        stdout.contains("keys: a link to a folder outside the posts folder"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("outside/"),
        "where a refused link leads is not said: {stdout}"
    );
    let out = run(
        &["search", "--index", f.index().to_str().unwrap(), "rootsecret"],
        f.dir.path(),
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("leak"));
}

#[test]
fn serve_never_hands_out_a_file_outside_the_folder() {
    let f = fixture();
    let server = f.serve(&["--no-watch"]);
    assert_eq!(found(&server, "rootsecret"), Vec::<String>::new());
    assert_eq!(found(&server, "keysecret"), Vec::<String>::new());
    assert_eq!(found(&server, "root"), Vec::<String>::new());
    assert_eq!(
        found(&server, "tries"),
        vec!["2020-01-01-real.md", "2020-03-03-alias.md"],
        "a link inside the folder is read"
    );
    assert_eq!(found(&server, "heaps"), vec!["linked/2020-02-02-inner.md"]);
    let status = server.get_json("/status");
    assert_eq!(error_paths(&status), vec!["2020-01-01-leak.md", "keys"], "{status}");
}

#[test]
fn extract_refuses_links_out() {
    let f = fixture();
    let out = run(&["extract", "--jsonl", f.posts().to_str().unwrap()], f.dir.path());
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stdout.contains("secret") && !stdout.contains("leak"), "{stdout}");
    assert!(
        stderr.contains("2020-01-01-leak.md: a link to a file outside"),
        "{stderr}"
    );
    assert_eq!(stdout.lines().count(), 3);
}

#[test]
fn a_link_repointed_out_of_the_folder_leaves_the_index() {
    let f = Fixture::new();
    let outside = f.dir.path().join("secret.md");
    std::fs::write(&outside, "---\ntitle: S\n---\nenvsecret token\n").unwrap();
    f.write("real/2020-01-01-a.md", POST);
    let link = f.posts().join("2020-05-05-b.md");
    symlink(f.posts().join("real/2020-01-01-a.md"), &link).unwrap();
    let server = f.serve(&[]);
    assert_eq!(found(&server, "tries"), vec!["2020-05-05-b.md", "real/2020-01-01-a.md"]);
    // Re-pointed out of the folder, as a `git pull` could: dropped, named, never read.
    let tmp = f.posts().join(".tmp-link");
    symlink(&outside, &tmp).unwrap();
    std::fs::rename(&tmp, &link).unwrap();
    wait_for("the link to be dropped", || {
        found(&server, "tries") == vec!["real/2020-01-01-a.md"]
    });
    assert_eq!(found(&server, "envsecret"), Vec::<String>::new());
    wait_for("the link to be named", || {
        error_paths(&server.get_json("/status")) == vec!["2020-05-05-b.md"]
    });
    // A folder linked in from outside is not read either.
    symlink(Path::new("/etc"), f.posts().join("etc")).unwrap();
    wait_for("the folder link to be named", || {
        error_paths(&server.get_json("/status")).contains(&"etc".to_string())
    });
    assert_eq!(found(&server, "root"), Vec::<String>::new());
    // Pointed back inside: read again.
    std::fs::remove_file(&link).unwrap();
    symlink(f.posts().join("real/2020-01-01-a.md"), &link).unwrap();
    wait_for("the link to be read again", || found(&server, "tries").len() == 2);
}

fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}
