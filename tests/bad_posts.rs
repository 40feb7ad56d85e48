//! Every kind of broken post an unattended folder meets: each is reported by name with a
//! reason, keeps its last good version in the index, and leaves every other post searchable.

mod util;

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;
use util::{Fixture, http_get};

/// A good post with one talk whose title is made of `word`.
fn good(word: &str) -> String {
    format!(
        "---\ntitle: Meetup {word}\ndate: 2021-03-04\n---\nThe *first* talk was by Asha Rao on **{word} in Python**.\n"
    )
}

/// Each broken post: file name, what to write, and a word the reason must contain.
fn breakages() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let nested_lists = format!("---\ntitle: Deep\n---\n{}x\n", "- ".repeat(100_000));
    let nested_quotes = format!("---\ntitle: Deep\n---\n{}x\n", "> ".repeat(100_000));
    let talks = (0..10_000).fold(String::from("---\ntitle: Many\ntalks:\n"), |mut s, i| {
        s.push_str(&format!("  - title: Talk {i}\n    speakers: [Speaker {i}]\n"));
        s
    }) + "---\n";
    let mut huge = b"---\ntitle: Huge\n---\n".to_vec();
    huge.resize(50 * 1024 * 1024, b'a');
    let mut binary: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    binary[0] = 0x89;
    vec![
        ("yaml.md", b"---\ntitle: [unclosed\n---\nbody\n".to_vec(), "YAML"),
        ("unclosed.md", b"---\ntitle: x\nThe talk was good.\n".to_vec(), "never closed"),
        ("date.md", b"---\ntitle: x\ndate: the 31st of Smarch\n---\n".to_vec(), "date"),
        ("utf8.md", b"---\ntitle: caf\xe9\n---\n".to_vec(), "UTF-8"),
        ("binary.md", binary, "UTF-8"),
        ("empty.md", Vec::new(), "empty"),
        ("huge.md", huge, "MiB"),
        ("many-talks.md", talks.into_bytes(), "at most"),
        (
            "yaml-bomb.md",
            b"---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n\
              d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n\
              g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n---\n"
                .to_vec(),
            "YAML",
        ),
        // These are valid posts: notes without front matter are read as they are, and deep
        // nesting must be read without exhausting the stack.
        ("no-front-matter.md", b"Just some notes.\n".to_vec(), ""),
        ("nested-lists.md", nested_lists.into_bytes(), ""),
        ("nested-quotes.md", nested_quotes.into_bytes(), ""),
        // As the generators read them: a `talks:` that is no list lists no talks, an entry given
        // as a title is a talk, and a key given twice keeps its later value.
        ("talks-shape.md", b"---\ntitle: x\ntalks: 42\n---\n".to_vec(), ""),
        ("talks-entry.md", b"---\ntitle: x\ntalks:\n  - just a string\n---\n".to_vec(), ""),
        ("repeated-key.md", b"---\ntitle: x\nplace: a\nplace: b\n---\n".to_vec(), ""),
    ]
}

/// The word of each post's good version.
fn word(i: usize) -> String {
    format!("Zyx{}", (b'a' + i as u8) as char)
}

/// Runs the binary; as root, as the `nobody` user instead, so that file permissions apply
/// (root reads any file, which would leave the unreadable post untested). That user runs a
/// copy of the binary inside the fixture, since it may not reach the build folder.
fn talksearch(f: &Fixture, args: &[&str]) -> Output {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    let mut cmd = if root {
        let copy = f.dir.path().join("talksearch");
        if !copy.exists() {
            std::fs::copy(util::binary(), &copy).expect("copy the binary");
            std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        c.arg(copy);
        c
    } else {
        Command::new(util::binary())
    };
    cmd.args(args)
        .current_dir(f.dir.path())
        .output()
        .expect("run talksearch")
}

#[test]
fn every_broken_post_is_reported_and_keeps_its_last_good_version() {
    let f = Fixture::new();
    std::fs::set_permissions(f.dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let bad = breakages();
    for (i, (name, _, _)) in bad.iter().enumerate() {
        f.write(name, &good(&word(i)));
    }
    f.write("unreadable.md", &good("Zyxunread"));
    f.write("fine.md", &good("Quokka"));
    // A symlink loop inside the folder.
    std::os::unix::fs::symlink(f.posts(), f.posts().join("loop")).unwrap();
    let (p, i) = (f.posts(), f.index());
    let args = ["index", "--posts", p.to_str().unwrap(), "--index", i.to_str().unwrap()];
    let first = talksearch(&f, &args);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));

    // Now every one of them breaks.
    for (name, bytes, _) in &bad {
        std::fs::write(p.join(name), bytes).unwrap();
    }
    std::fs::set_permissions(p.join("unreadable.md"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::write(p.join("fine.md"), good("Wombat")).unwrap();
    let start = Instant::now();
    let second = talksearch(&f, &args);
    let took = start.elapsed();
    let out = String::from_utf8_lossy(&second.stdout).into_owned();
    assert_eq!(second.status.code(), Some(2), "{out}");
    assert!(took < Duration::from_secs(60), "took {took:?}");
    for (name, _, reason) in bad.iter().filter(|b| !b.2.is_empty()) {
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name}:")))
            .unwrap_or_else(|| panic!("{name} not reported in:\n{out}"));
        assert!(line.contains(reason), "{name}: {line}");
    }
    let line = out
        .lines()
        .find(|l| l.contains("unreadable.md:"))
        .expect("unreadable.md reported");
    assert!(line.contains("ermission denied"), "{line}");
    // The valid ones are read like any other.
    for name in bad.iter().filter(|b| b.2.is_empty()).map(|b| b.0) {
        assert!(!out.contains(&format!("{name}:")), "{out}");
    }

    // Served: the same failures in /status, and the last good versions searchable.
    let server = f.serve(&["--no-watch"]);
    let (_, body) = http_get(server.port, "/status").unwrap();
    let status: Value = serde_json::from_str(&body).unwrap();
    // (The server runs as whoever runs the tests, who may be root and read any file.)
    let mut failing: Vec<&str> = status["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .filter(|p| *p != "unreadable.md")
        .collect();
    failing.sort();
    let mut expected: Vec<&str> = bad.iter().filter(|b| !b.2.is_empty()).map(|b| b.0).collect();
    expected.sort();
    assert_eq!(failing, expected);
    for (i, (name, _, reason)) in bad.iter().enumerate() {
        let (code, body) = http_get(server.port, &format!("/search?q={}", word(i))).unwrap();
        assert_eq!(code, 200);
        let hits: Value = serde_json::from_str(&body).unwrap();
        if reason.is_empty() {
            assert_eq!(hits["total"], 0, "{name} was replaced by its new text: {body}");
        } else {
            assert_eq!(hits["hits"][0]["post"]["path"], *name, "{name}: {body}");
        }
    }
    let (_, body) = http_get(server.port, "/search?q=wombat").unwrap();
    assert!(body.contains("\"fine.md\""), "the other posts are read: {body}");
}

#[test]
fn a_new_post_whose_front_matter_is_broken_is_indexed_from_its_body_and_reported() {
    let f = Fixture::new();
    std::fs::set_permissions(f.dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    f.write(
        "2022-09-14-autumn.md",
        "---\ntitle: [never closed\n---\n# Autumn evening\n\nWe ended with a quiz about marmosets.\n",
    );
    f.write("2022-10-01-fine.md", &good("Quokka"));
    let (p, i) = (f.posts(), f.index());
    let out = talksearch(
        &f,
        &["index", "--posts", p.to_str().unwrap(), "--index", i.to_str().unwrap()],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.contains("2022-09-14-autumn.md:"))
        .unwrap_or_else(|| panic!("not reported: {stdout}"));
    assert!(line.contains("YAML") && line.contains("from its body"), "{line}");

    let server = f.serve(&["--no-watch"]);
    let (_, body) = http_get(server.port, "/status").unwrap();
    assert!(body.contains("2022-09-14-autumn.md"), "{body}");
    let (_, body) = http_get(server.port, "/search?q=marmosets").unwrap();
    let hits: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(hits["hits"][0]["post"]["path"], "2022-09-14-autumn.md", "{body}");
    assert_eq!(hits["hits"][0]["post"]["title"], "Autumn evening", "{body}");
    assert_eq!(hits["hits"][0]["post"]["date"], "2022-09-14", "{body}");
}

/// Links that would run script where a talk's links are rendered, written the ways a post can
/// carry them: the front matter's `talks:`, Markdown links, raw HTML, in any case, behind
/// spaces, as `data:` and `vbscript:`.
fn hostile_posts(f: &Fixture) {
    f.write(
        "2023-01-14-front.md",
        "---\ntitle: January\ntalks:\n  - title: Arenas in practice\n    speakers: [Ida Lund]\n    \
         video: \"JaVaScRiPt:alert(1)\"\n    slides: [\"data:text/html,<script>alert(2)</script>\", \" javascript:alert(3)\", \
         \"notes/arenas.pdf\"]\n---\nWe met at the library.\n",
    );
    f.write(
        "2023-02-11-body.md",
        "---\ntitle: February\n---\nThe first talk was by Tom Berg on **Fuzzing configs**. \
         [Slides](vbscript:msgbox(4)), [video](javascript:alert(5)), \
         <a href=\"JAVASCRIPT:alert(6)\">slides</a>, and [the real deck](https://example.org/fuzz.pdf).\n\n\
         <iframe src=\"javascript:alert(7)\"></iframe>\n",
    );
    f.write(
        "2023-03-11-names.md",
        "---\ntitle: March\n---\n## Talks\n\n1. Library tours - [Uma Rao](javascript:alert(8))\n\
         2. Parser combinators - [Ben Ode](DATA:text/html,x) and [Ben Ode](https://github.com/benode)\n",
    );
}

#[test]
fn links_that_could_run_script_never_reach_an_answer() {
    let f = Fixture::new();
    hostile_posts(&f);
    let p = f.posts();
    let out = util::run(&["extract", p.to_str().unwrap()], f.dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The author hears where each one was.
    for (post, line) in [
        ("2023-01-14-front.md", "line 6"),
        ("2023-01-14-front.md", "line 7"),
        ("2023-02-11-body.md", "line 4"),
        ("2023-03-11-names.md", "line 6"),
    ] {
        assert!(
            stdout.contains(post) && stdout.contains(&format!("warning: {line}: the link")),
            "{post} {line}: {stdout}"
        );
    }

    let server = f.serve(&["--no-watch"]);
    for q in ["arenas", "fuzzing", "library"] {
        let (status, body) = http_get(server.port, &format!("/search?q={q}")).unwrap();
        assert_eq!(status, 200, "{body}");
        let answer: Value = serde_json::from_str(&body).unwrap();
        let hits = answer["hits"].as_array().unwrap();
        assert!(!hits.is_empty(), "{q}: {body}");
        for hit in hits {
            let urls = hit["video"]
                .as_array()
                .into_iter()
                .chain(hit["slides"].as_array())
                .flatten()
                .chain([&hit["link"], &hit["post"]["url"]])
                .filter_map(Value::as_str);
            for url in urls {
                let low = url.trim().to_ascii_lowercase();
                assert!(
                    low.starts_with("http://") || low.starts_with("https://") || low.starts_with('/'),
                    "{q}: {url} in {body}"
                );
            }
        }
    }
    // Nor among the links of a speaker: only the web one stays.
    let (_, body) = http_get(server.port, "/speakers").unwrap();
    let speakers: Value = serde_json::from_str(&body).unwrap();
    let links: Vec<&str> = speakers["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["links"].as_array().unwrap())
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(links, vec!["https://github.com/benode"], "{body}");
    // What is safe stays: the web address, and the relative one resolved against the post.
    let (_, body) = http_get(server.port, "/search?q=arenas").unwrap();
    assert!(body.contains("/2023/01/14/front/notes/arenas.pdf"), "{body}");
    let (_, body) = http_get(server.port, "/search?q=fuzzing").unwrap();
    assert!(body.contains("https://example.org/fuzz.pdf"), "{body}");
}
