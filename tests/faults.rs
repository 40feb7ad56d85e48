//! Faults an unattended server meets: a second instance on its index, SIGTERM with work
//! pending, and `kill -9` in the middle of indexing.

mod util;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use util::{Fixture, MAY_POST, Server, http_get, run};

/// Posts enough to keep a debug build indexing for a while.
fn many_posts(f: &Fixture, n: usize) {
    for k in 0..n {
        let text = format!(
            "---\ntitle: Meetup {k}\ndate: 2019-01-{:02}\n---\n\
             1. Profiling Python number {k} - Speaker {k}\n\
             2. Packaging wheels part {k} - Other Person {k}\n\n{}\n",
            k % 28 + 1,
            "Notes about the evening and the venue. ".repeat(40)
        );
        f.write(&format!("p{k:05}.md"), &text);
    }
}

/// The document count printed by `talksearch index`.
fn indexed_documents(out: &std::process::Output) -> u64 {
    let text = String::from_utf8_lossy(&out.stdout);
    text.split(';')
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no document count in {text:?}"))
}

fn wait_exit(child: &mut std::process::Child, within: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        assert!(Instant::now() < deadline, "did not exit within {within:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn search_and_export_read_an_index_that_serve_holds() {
    let f = Fixture::new();
    f.write("2017-05-20-may-talks.md", MAY_POST);
    let (p, i) = (f.posts(), f.index());
    let (p, i) = (p.to_str().unwrap(), i.to_str().unwrap());
    let server = Server::start(&["--posts", p, "--index", i], f.dir.path());
    let out = run(&["search", "--json", "--index", i, "garbage"], f.dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let answer: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(answer["hits"][0]["title"], "Garbage Collector in Python", "{stdout}");
    let out = run(&["export", "--index", i], f.dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = String::from_utf8_lossy(&out.stdout);
    assert!(lines.lines().count() >= 2, "{lines}");
    assert!(lines.contains("Garbage Collector in Python"), "{lines}");
    // Only a second writer is refused, and the server goes on.
    let out = run(&["index", "--posts", p, "--index", i], f.dir.path());
    assert!(!out.status.success());
    assert_eq!(http_get(server.port, "/search?q=garbage").unwrap().0, 200);
}

#[test]
fn a_second_talksearch_on_the_same_index_names_the_pid_using_it() {
    let f = Fixture::new();
    f.write("2017-05-20-may-talks.md", MAY_POST);
    let (p, i) = (f.posts(), f.index());
    let (p, i) = (p.to_str().unwrap(), i.to_str().unwrap());
    let server = Server::start(&["--posts", p, "--index", i], f.dir.path());
    let out = run(&["index", "--posts", p, "--index", i], f.dir.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("is in use by pid {}", server.child.id())),
        "{err}"
    );
    // The first keeps serving.
    assert_eq!(http_get(server.port, "/search?q=garbage").unwrap().0, 200);
}

#[test]
fn sigterm_indexes_what_was_saved_and_exits_zero() {
    let f = Fixture::new();
    f.write("2017-05-20-may-talks.md", MAY_POST);
    let (p, i) = (f.posts(), f.index());
    let (p, i) = (p.to_str().unwrap(), i.to_str().unwrap());
    // A long debounce: the save is still waiting when the signal comes.
    let mut server = Server::start(&["--posts", p, "--index", i, "--debounce-ms", "2000"], f.dir.path());
    f.write(
        "2018-01-01-new.md",
        "---\ntitle: New\n---\nThe *first* talk was by Asha Rao on **Tracing JITs**.\n",
    );
    std::thread::sleep(Duration::from_millis(300)); // let the watcher see it
    let pid = server.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = wait_exit(&mut server.child, Duration::from_secs(10));
    assert!(status.success(), "exit status {status}");
    let out = run(&["search", "--index", i, "tracing", "jits"], f.dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Tracing JITs"), "{text}");
}

#[test]
fn kill_9_during_a_full_build_then_a_restart_matches_a_clean_build() {
    let f = Fixture::new();
    many_posts(&f, 3000);
    let p = f.posts();
    let p = p.to_str().unwrap();
    let clean_dir = f.dir.path().join("clean");
    let start = Instant::now();
    let clean = run(
        &["index", "--posts", p, "--index", clean_dir.to_str().unwrap()],
        f.dir.path(),
    );
    assert!(clean.status.success(), "{}", String::from_utf8_lossy(&clean.stderr));
    let clean_took = start.elapsed();
    let expected = indexed_documents(&clean);

    let i = f.index();
    let i = i.to_str().unwrap();
    let mut child = Command::new(util::binary())
        .args(["index", "--posts", p, "--index", i])
        .current_dir(f.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start index");
    std::thread::sleep(clean_took / 2);
    let interrupted = child.try_wait().expect("wait").is_none();
    child.kill().expect("kill -9");
    child.wait().expect("reap");

    if !interrupted {
        eprintln!("note: the build finished before the kill; only the restart was tested");
    }
    // The index opens, catches up with the folder, and holds what a clean build holds.
    let again = run(&["index", "--posts", p, "--index", i], f.dir.path());
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    assert_eq!(indexed_documents(&again), expected);
    let total = |dir: &str| {
        let out = run(&["search", "--index", dir, "--json", "profiling"], f.dir.path());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v["total"].as_u64().unwrap_or(0)
    };
    assert_eq!(total(i), total(clean_dir.to_str().unwrap()));
    assert_eq!(total(i), 3000);
}
