//! Live re-indexing through the real binary: files are changed the ways authors, editors and
//! `git pull` change them, and the server's answers are polled until they show the change (or
//! a generous timeout says they never will).

mod util;

use std::time::{Duration, Instant};

use serde_json::Value;
use util::{Fixture, Server};

const PATIENCE: Duration = Duration::from_secs(20);

fn post(title: &str, speaker: &str) -> String {
    format!("---\ntitle: Meetup\n---\nThe *first* talk was by {speaker} on **{title}**.\n")
}

fn start(f: &Fixture) -> Server {
    f.serve(&[])
}

/// The post paths of the talks a query finds.
fn found(server: &Server, q: &str) -> Vec<String> {
    let v = server.get_json(&format!("/search?q={q}"));
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["post"]["path"].as_str().unwrap().to_string())
        .collect()
}

/// Polls until `check` holds, failing with what was last seen.
fn eventually<T: std::fmt::Debug>(what: &str, mut probe: impl FnMut() -> T, check: impl Fn(&T) -> bool) -> T {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let seen = probe();
        if check(&seen) {
            return seen;
        }
        assert!(Instant::now() < deadline, "{what}: still {seen:?}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn eventually_found(server: &Server, q: &str, paths: &[&str]) {
    eventually(&format!("search {q}"), || found(server, q), |got| got == paths);
}

fn status(server: &Server) -> Value {
    server.get_json("/status")
}

#[test]
fn create_modify_delete() {
    let f = Fixture::new();
    let server = start(&f);
    assert_eq!(status(&server)["watching"], true);
    f.write("2020-01-01-a.md", &post("Zebra Stripes", "Omar Said"));
    eventually_found(&server, "zebra", &["2020-01-01-a.md"]);
    f.write("2020-01-01-a.md", &post("Okapi Spots", "Omar Said"));
    eventually_found(&server, "okapi", &["2020-01-01-a.md"]);
    assert!(found(&server, "zebra").is_empty(), "the old talk is replaced, not kept");
    std::fs::remove_file(f.posts().join("2020-01-01-a.md")).unwrap();
    eventually_found(&server, "okapi", &[]);
    // The status is written just after the commit that searches already see.
    let s = eventually(
        "an empty index in the status",
        || status(&server),
        |s| (s["posts"].as_u64(), s["talks"].as_u64()) == (Some(0), Some(0)),
    );
    assert!(s["last_commit"].is_string());
}

#[test]
fn renames_and_moves_in_and_out_of_the_folder() {
    let f = Fixture::new();
    let outside = f.dir.path().join("drafts");
    std::fs::create_dir_all(&outside).unwrap();
    f.write("a.md", &post("Zebra Stripes", "Omar Said"));
    let server = start(&f);
    eventually_found(&server, "zebra", &["a.md"]);
    std::fs::rename(f.posts().join("a.md"), f.posts().join("b.md")).unwrap();
    eventually_found(&server, "zebra", &["b.md"]);
    std::fs::rename(f.posts().join("b.md"), outside.join("b.md")).unwrap();
    eventually_found(&server, "zebra", &[]);
    std::fs::rename(outside.join("b.md"), f.posts().join("c.md")).unwrap();
    eventually_found(&server, "zebra", &["c.md"]);
}

#[test]
fn whole_folders_added_and_removed() {
    let f = Fixture::new();
    let server = start(&f);
    // A folder made elsewhere and moved in at once (a checkout, an unpacked archive).
    let staged = f.dir.path().join("staged/2021");
    std::fs::create_dir_all(staged.join("01")).unwrap();
    std::fs::write(staged.join("01/a.md"), post("Zebra Stripes", "Omar Said")).unwrap();
    std::fs::write(staged.join("b.md"), post("Zebra Crossings", "Lina Roy")).unwrap();
    std::fs::rename(&staged, f.posts().join("2021")).unwrap();
    eventually(
        "both posts of the moved folder",
        || {
            let mut got = found(&server, "zebra");
            got.sort();
            got
        },
        |got| got == &["2021/01/a.md", "2021/b.md"],
    );
    // A folder made in place, then filled.
    std::fs::create_dir_all(f.posts().join("2022/05")).unwrap();
    std::fs::write(f.posts().join("2022/05/c.md"), post("Okapi Spots", "Ada Park")).unwrap();
    eventually_found(&server, "okapi", &["2022/05/c.md"]);
    std::fs::remove_dir_all(f.posts().join("2021")).unwrap();
    eventually_found(&server, "zebra", &[]);
    eventually(
        "one post in the status",
        || status(&server)["posts"].clone(),
        |p| p == 1,
    );
}

#[test]
fn editor_save_patterns_end_in_the_saved_text() {
    let f = Fixture::new();
    f.write("a.md", &post("Zebra Stripes", "Omar Said"));
    let server = start(&f);
    eventually_found(&server, "zebra", &["a.md"]);
    let posts = f.posts();

    // Write to a temporary file, then rename it over the post (most editors, atomic writers).
    std::fs::write(posts.join(".a.md.tmp-81723"), post("Okapi Spots", "Omar Said")).unwrap();
    std::fs::rename(posts.join(".a.md.tmp-81723"), posts.join("a.md")).unwrap();
    eventually_found(&server, "okapi", &["a.md"]);

    // vim: probe file 4913, swap file, backup by rename, new file written, backup removed.
    std::fs::write(posts.join("4913"), "").unwrap();
    std::fs::remove_file(posts.join("4913")).unwrap();
    std::fs::write(posts.join(".a.md.swp"), "swap").unwrap();
    std::fs::rename(posts.join("a.md"), posts.join("a.md~")).unwrap();
    std::fs::write(posts.join("a.md"), post("Quagga Herds", "Omar Said")).unwrap();
    std::fs::remove_file(posts.join("a.md~")).unwrap();
    std::fs::remove_file(posts.join(".a.md.swp")).unwrap();
    eventually_found(&server, "quagga", &["a.md"]);

    // emacs: a lock link to nowhere and a backup file beside the saved post.
    #[cfg(unix)]
    std::os::unix::fs::symlink("someone@host.4242:1700000000", posts.join(".#a.md")).unwrap();
    std::fs::copy(posts.join("a.md"), posts.join("a.md~")).unwrap();
    std::fs::write(posts.join("a.md"), post("Tapir Trails", "Omar Said")).unwrap();
    #[cfg(unix)]
    std::fs::remove_file(posts.join(".#a.md")).unwrap();
    eventually_found(&server, "tapir", &["a.md"]);
    assert!(found(&server, "quagga").is_empty(), "the backup file is not a post");
    let s = status(&server);
    assert_eq!(
        (s["posts"].as_u64(), s["errors"].as_array().map(Vec::len)),
        (Some(1), Some(0))
    );
}

#[test]
fn a_half_written_file_ends_in_the_finished_post() {
    let f = Fixture::new();
    let server = start(&f);
    let full = post("Zebra Stripes", "Omar Said");
    let (first, rest) = full.split_at(20);
    f.write("a.md", first);
    std::thread::sleep(Duration::from_millis(150));
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(f.posts().join("a.md"))
        .unwrap();
    std::io::Write::write_all(&mut file, rest.as_bytes()).unwrap();
    drop(file);
    eventually_found(&server, "zebra", &["a.md"]);
    eventually(
        "no error left",
        || status(&server)["errors"].clone(),
        |e| e == &Value::Array(vec![]),
    );
}

#[test]
fn a_broken_save_keeps_the_last_good_talks_and_shows_in_status() {
    let f = Fixture::new();
    f.write("a.md", &post("Zebra Stripes", "Omar Said"));
    let server = start(&f);
    eventually_found(&server, "zebra", &["a.md"]);
    f.write("a.md", "---\ntitle: [Zebra\n---\nhalf an edit");
    let errors = eventually(
        "an error for a.md",
        || status(&server)["errors"].clone(),
        |e| e.as_array().is_some_and(|a| !a.is_empty()),
    );
    assert_eq!(errors[0]["path"], "a.md");
    assert!(errors[0]["reason"].as_str().unwrap().contains("YAML"), "{errors}");
    assert_eq!(
        found(&server, "zebra"),
        ["a.md"],
        "the last good version stays searchable"
    );
    // Invalid UTF-8 too.
    std::fs::write(f.posts().join("b.md"), b"---\ntitle: \xff\xfe\n---\n").unwrap();
    eventually(
        "an error for b.md",
        || status(&server)["errors"].clone(),
        |e| e.as_array().is_some_and(|a| a.len() == 2),
    );
    f.write("a.md", &post("Okapi Spots", "Omar Said"));
    std::fs::remove_file(f.posts().join("b.md")).unwrap();
    eventually_found(&server, "okapi", &["a.md"]);
    eventually(
        "errors cleared",
        || status(&server)["errors"].clone(),
        |e| e == &Value::Array(vec![]),
    );
}

#[test]
fn files_that_are_not_posts_are_ignored_and_bursts_all_land() {
    let f = Fixture::new();
    let server = start(&f);
    f.write("notes.txt", &post("Zebra Stripes", "Omar Said"));
    f.write("photo.png", "not an image");
    for i in 0..40 {
        f.write(
            &format!("2020/p{i:02}.md"),
            &post(&format!("Okapi number {i}"), "Ada Park"),
        );
    }
    eventually("40 posts", || status(&server)["posts"].clone(), |p| p == 40);
    assert!(found(&server, "zebra").is_empty());
    assert_eq!(status(&server)["talks"], 40);
}

#[test]
fn restart_catches_up_with_additions_edits_and_deletions() {
    let f = Fixture::new();
    f.write("a.md", &post("Zebra Stripes", "Omar Said"));
    f.write("b.md", &post("Okapi Spots", "Ada Park"));
    {
        let server = start(&f);
        eventually_found(&server, "zebra", &["a.md"]);
    }
    // While it was down: one post deleted, one edited, one added.
    std::fs::remove_file(f.posts().join("a.md")).unwrap();
    f.write("b.md", &post("Quagga Herds", "Ada Park"));
    f.write("c.md", &post("Tapir Trails", "Lina Roy"));
    let server = start(&f);
    assert!(found(&server, "zebra").is_empty());
    assert!(found(&server, "okapi").is_empty());
    assert_eq!(found(&server, "quagga"), ["b.md"]);
    assert_eq!(found(&server, "tapir"), ["c.md"]);
    assert_eq!(status(&server)["posts"], 2);
}

#[test]
fn no_watch_serves_what_was_there_at_start() {
    let f = Fixture::new();
    f.write("a.md", &post("Zebra Stripes", "Omar Said"));
    let server = f.serve(&["--no-watch"]);
    assert_eq!(status(&server)["watching"], false);
    assert_eq!(found(&server, "zebra"), ["a.md"]);
    f.write("b.md", &post("Okapi Spots", "Ada Park"));
    std::thread::sleep(Duration::from_millis(500));
    assert!(found(&server, "okapi").is_empty());
}

#[test]
fn a_posts_folder_deleted_while_watched_keeps_the_index_until_it_comes_back() {
    let f = Fixture::new();
    f.write("a.md", &post("Zebra Stripes", "Omar Said"));
    let server = start(&f);
    eventually_found(&server, "zebra", &["a.md"]);
    std::fs::remove_dir_all(f.posts()).unwrap();
    let error = eventually(
        "the folder reported gone",
        || status(&server)["watch_error"].clone(),
        |e| e.as_str().is_some_and(|e| e.contains("is gone")),
    );
    assert!(error.as_str().unwrap().contains("posts"), "{error}");
    assert_eq!(found(&server, "zebra"), ["a.md"], "the index is kept");
    // The folder comes back with other posts: they are read, and the old one is dropped.
    std::fs::create_dir_all(f.posts()).unwrap();
    f.write("b.md", &post("Okapi Spots", "Ada Park"));
    eventually_found(&server, "okapi", &["b.md"]);
    eventually("the old post dropped", || found(&server, "zebra"), Vec::is_empty);
    eventually(
        "the error cleared",
        || status(&server)["watch_error"].clone(),
        Value::is_null,
    );
    // And it is watched again.
    f.write("c.md", &post("Tapir Noses", "Ada Park"));
    eventually_found(&server, "tapir", &["c.md"]);
}

/// A saved post that gives a first name's full name and profile changes who is who in the
/// posts already indexed, without the folder being read again; removing it undoes that.
#[test]
fn a_saved_post_changes_who_a_speaker_is() {
    let f = Fixture::new();
    f.write(
        "2021-03-06-march.md",
        "---\ntitle: March\n---\n## Talks\n\n1. Rust for Pythonistas - [Mina](https://github.com/minaoduya)\n",
    );
    let server = start(&f);
    let ids = |q: &str| server.get_json(&format!("/search?q={q}"))["hits"][0]["speaker_ids"].clone();
    assert_eq!(ids("pythonistas"), serde_json::json!(["mina"]));
    f.write(
        "2022-06-11-june.md",
        "---\ntitle: June\n---\n## Talks\n\n1. Fuzzing parsers - [Mina Oduya](https://x.com/minaoduya)\n",
    );
    eventually(
        "the March talk's speaker is Mina Oduya",
        || ids("pythonistas"),
        |v| *v == serde_json::json!(["mina-oduya"]),
    );
    let person = server.get_json("/speakers/mina-oduya");
    assert_eq!(person["talks"].as_array().map(Vec::len), Some(2), "{person}");
    std::fs::remove_file(f.posts().join("2022-06-11-june.md")).unwrap();
    eventually(
        "Mina again",
        || ids("pythonistas"),
        |v| *v == serde_json::json!(["mina"]),
    );
}
