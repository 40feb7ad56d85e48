//! The real binary: `index`, `search`, `extract` and `serve` on fixture folders made here.

mod util;

use util::{Fixture, MAY_POST, Server, http_get, run};

#[test]
fn index_reports_a_broken_post_by_name_and_indexes_the_rest() {
    let f = Fixture::new();
    f.write("2017-05-20-may-talks.md", MAY_POST);
    f.write("2017-06-01-broken.md", "---\ntitle: [unclosed\n---\nbody\n");
    let posts = f.posts();
    let index = f.index();
    let out = run(
        &[
            "index",
            "--posts",
            posts.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ],
        f.dir.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(stdout.contains("2017-06-01-broken.md"), "{stdout}");
    assert!(stdout.contains("YAML"), "{stdout}");
    assert!(
        stdout.contains("2 added") && stdout.contains("indexed from its body"),
        "the broken post is indexed from its body and reported: {stdout}"
    );

    let out = run(
        &["search", "--index", index.to_str().unwrap(), "garbage", "collector"],
        f.dir.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        stdout
            .lines()
            .nth(1)
            .unwrap_or("")
            .contains("Garbage Collector in Python — Rivas Hameed"),
        "{stdout}"
    );

    // Second run: nothing re-read; a deleted post's talks are dropped.
    std::fs::remove_file(posts.join("2017-05-20-may-talks.md")).unwrap();
    let out = run(
        &[
            "index",
            "--posts",
            posts.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ],
        f.dir.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 removed"), "{stdout}");
}

#[test]
fn search_json_matches_the_api_shape() {
    let f = Fixture::new();
    f.write("2017-05-20-may-talks.md", MAY_POST);
    let (p, i) = (f.posts(), f.index());
    assert!(
        run(
            &["index", "--posts", p.to_str().unwrap(), "--index", i.to_str().unwrap()],
            f.dir.path()
        )
        .status
        .success()
    );
    let out = run(
        &["search", "--json", "--index", i.to_str().unwrap(), "concurrency"],
        f.dir.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["hits"][0]["title"], "Concurrency and Parallelism");
    assert_eq!(v["total"], 1);
}

#[test]
fn search_without_an_index_says_what_to_do() {
    let f = Fixture::new();
    let out = run(&["search", "--index", "nowhere", "x"], f.dir.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("talksearch index"));
}

#[test]
fn serve_on_a_missing_posts_folder_fails_cleanly() {
    let f = Fixture::new();
    let out = run(
        &[
            "serve", "--posts", "no-such-folder", "--index", "idx", "--addr", "127.0.0.1:0",
        ],
        f.dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no-such-folder") && !stderr.contains("panicked"),
        "{stderr}"
    );
}

#[test]
fn extract_jsonl_gives_each_speaker_the_id_of_their_person_across_the_posts() {
    let f = Fixture::new();
    f.write(
        "2020-01-10-jan.md",
        "---\ntitle: January\n---\nThe first talk was by Ida B Lund on **Arenas**.\n",
    );
    f.write(
        "2020-02-14-feb.md",
        "---\ntitle: February\n---\nThe first talk was by Lund Ida on **Fuzzing configs**.\n\n\
         The second talk was by Ida Berg on **Tide tables**.\n",
    );
    let out = run(&["extract", "--jsonl", f.posts().to_str().unwrap()], f.dir.path());
    assert!(out.status.success());
    let ids: Vec<(String, String)> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json line"))
        .flat_map(|post| post["talks"].as_array().cloned().unwrap_or_default())
        .map(|t| {
            (
                t["speakers"][0].as_str().unwrap_or_default().to_string(),
                t["speaker_ids"][0].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let id = |name: &str| ids.iter().find(|(n, _)| n == name).map(|(_, i)| i.as_str());
    assert_eq!(id("Ida B Lund"), Some("ida-b-lund"), "{ids:?}");
    assert_eq!(id("Lund Ida"), Some("ida-b-lund"), "{ids:?}");
    assert_eq!(id("Ida Berg"), Some("ida-berg"), "{ids:?}");
}

#[test]
fn extract_jsonl_is_one_object_per_post_with_relative_paths() {
    let f = Fixture::new();
    f.write("2017/2017-05-20-may-talks.md", MAY_POST);
    f.write("2019-01-01-empty.md", "---\ntitle: Nothing\n---\nNo sessions here.\n");
    let out = run(&["extract", "--jsonl", f.posts().to_str().unwrap()], f.dir.path());
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    let may = lines
        .iter()
        .find(|l| l["post"] == "2017/2017-05-20-may-talks.md")
        .expect("nested post");
    assert_eq!(may["date"], "2017-05-20");
    assert_eq!(may["talks"][0]["title"], "Garbage Collector in Python");
    assert_eq!(may["talks"][0]["speakers"][0], "Rivas Hameed");
    for key in ["kind", "description", "video", "slides"] {
        assert!(may["talks"][0].get(key).is_some(), "{key}");
    }
    let empty = lines
        .iter()
        .find(|l| l["post"] == "2019-01-01-empty.md")
        .expect("empty post");
    assert_eq!(empty["talks"].as_array().map(Vec::len), Some(0));
}

#[test]
fn extract_report_lists_talks_and_warns_where_a_talk_cannot_be_read() {
    let f = Fixture::new();
    f.write(
        "2019-03-02-march.md",
        "---\ntitle: March meetup\n---\n\nWe met at Acme.\n\nThe *first* talk was by Meera Iyer on **Tries in Practice**.\n\nThe second talk was on **Rust for Pythonistas** and ran long.\n",
    );
    let file = f.posts().join("2019-03-02-march.md");
    let out = run(&["extract", file.to_str().unwrap()], f.dir.path());
    assert!(out.status.success());
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("2019-03-02-march.md — March meetup (2019-03-02)"),
        "{report}"
    );
    assert!(report.contains("1. [talk] Tries in Practice — Meera Iyer"), "{report}");
    // The warning names the line of the file, front matter included.
    assert!(
        report.contains("warning: line 9: \"The second talk was on Rust for Pythonistas"),
        "{report}"
    );
}

#[test]
fn extract_explain_shows_each_candidate_with_its_score_and_its_weightiest_evidence() {
    let f = Fixture::new();
    f.write(
        "2019-04-06-april.md",
        "---\ntitle: April meetup\n---\n\nTwo talks this time.\n\n- **Tries in Practice** by Meera Iyer\n- **Rust for Pythonistas** by Tom Park\n",
    );
    let file = f.posts().join("2019-04-06-april.md");
    let out = run(&["extract", "--explain", file.to_str().unwrap()], f.dir.path());
    assert!(out.status.success());
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("candidates, likeliest first"), "{report}");
    // Every session read is a candidate shown as taken, and each candidate says why.
    let taken = report.lines().filter(|l| l.contains(" taken ")).count();
    let talks = report
        .lines()
        .filter(|l| {
            l.trim_start().starts_with(|c: char| c.is_ascii_digit())
                && l.contains("] ")
                && !l.contains(" taken ")
                && !l.contains(" left ")
        })
        .count();
    assert!(talks >= 1 && taken == talks, "{report}");
    assert!(report.contains("[post]") && report.contains("weighed: "), "{report}");
    // Not with --jsonl: one output shape at a time.
    let both = run(
        &["extract", "--explain", "--jsonl", file.to_str().unwrap()],
        f.dir.path(),
    );
    assert!(!both.status.success());
}

#[test]
fn serve_answers_over_tcp_and_catches_up_on_restart() {
    let f = Fixture::new();
    f.write("2017-05-20-may-talks.md", MAY_POST);
    let (p, i) = (f.posts(), f.index());
    let args = ["--posts", p.to_str().unwrap(), "--index", i.to_str().unwrap()];
    {
        let server = Server::start(&args, f.dir.path());
        let (status, body) = http_get(server.port, "/search?q=garbage+collector").expect("get");
        assert_eq!(status, 200);
        let v: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(v["hits"][0]["speakers"][0], "Rivas Hameed");
        assert_eq!(v["hits"][0]["video"][0], "https://www.youtube.com/watch?v=_YRHkn-f24k");
    }
    // While the server was down a post was added: the next start indexes it.
    f.write(
        "2018-01-01-new.md",
        "---\ntitle: New\n---\nThe *first* talk was by Asha Rao on **Tracing JITs**.\n",
    );
    let server = Server::start(&args, f.dir.path());
    let (_, body) = http_get(server.port, "/search?q=tracing+jits").expect("get");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["hits"][0]["title"], "Tracing JITs");
}

#[test]
fn the_bundled_posts_answer_the_readme_query() {
    let f = Fixture::new();
    let repo = env!("CARGO_MANIFEST_DIR");
    let posts = format!("{repo}/posts");
    let index = f.index();
    let server = Server::start(&["--posts", &posts, "--index", index.to_str().unwrap()], f.dir.path());
    let (_, body) = http_get(server.port, "/search?q=garbage+collector").expect("get");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    let hit = &v["hits"][0];
    assert_eq!(hit["title"], "Garbage Collector in Python");
    assert_eq!(hit["speakers"][0], "Rivas Hameed");
    assert_eq!(hit["video"][0], "https://www.youtube.com/watch?v=_YRHkn-f24k");
}

#[test]
fn export_writes_every_talk_in_a_shape_other_engines_ingest() {
    let f = Fixture::new();
    f.write("2017-05-20-may-talks.md", MAY_POST);
    f.write(
        "2019/news.md",
        "---\ntitle: PyCon is coming\n---\nThe call for proposals is open.\n",
    );
    let (p, i) = (f.posts(), f.index());
    let (p, i) = (p.to_str().unwrap(), i.to_str().unwrap());
    assert!(
        run(&["index", "--posts", p, "--index", i], f.dir.path())
            .status
            .success()
    );

    let out = run(&["export", "--index", i], f.dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON document per line"))
        .collect();
    assert_eq!(docs.len(), 4, "two talks and a document for each post");
    let mut ids = std::collections::HashSet::new();
    for d in &docs {
        let obj = d.as_object().expect("an object");
        // Flat: strings, numbers and lists of strings only, so every engine maps it as it is.
        for (k, v) in obj {
            let flat = v.is_string() || v.is_number() || v.as_array().is_some_and(|a| a.iter().all(|x| x.is_string()));
            assert!(flat, "{k}: {v}");
        }
        let id = d["id"].as_str().unwrap();
        assert!(!id.is_empty() && id.len() <= 511);
        assert!(
            id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{id}"
        );
        assert!(ids.insert(id.to_string()), "{id} twice");
        for field in [
            "talk_id", "title", "kind", "description", "post_path", "post_title", "post_url", "link",
        ] {
            assert!(d[field].is_string(), "{field} in {d}");
        }
    }
    let gc = docs
        .iter()
        .find(|d| d["title"] == "Garbage Collector in Python")
        .expect("the gc talk");
    assert_eq!(gc["speakers"], serde_json::json!(["Rivas Hameed"]));
    assert_eq!(gc["year"], 2017);
    assert_eq!(gc["post_date"], "2017-05-20");
    assert_eq!(
        gc["video"],
        serde_json::json!(["https://www.youtube.com/watch?v=_YRHkn-f24k"])
    );
    // The API knows the talk by its talk_id.
    let one = run(&["search", "--json", "--index", i, "garbage"], f.dir.path());
    let v: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(v["hits"][0]["id"], gc["talk_id"]);

    // Elasticsearch's bulk body: an action line naming index and id before each document.
    let out = run(
        &["export", "--index", i, "--format", "bulk", "--bulk-index", "meetup"],
        f.dir.path(),
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 8);
    for pair in lines.chunks(2) {
        assert_eq!(pair[0]["index"]["_index"], "meetup");
        assert_eq!(pair[0]["index"]["_id"], pair[1]["id"]);
    }
    let none = run(&["export", "--index", "no-such-index"], f.dir.path());
    assert!(!none.status.success());
}

#[test]
fn json_logs_are_one_object_per_line() {
    let f = Fixture::new();
    f.write("2017-05-20-may-talks.md", MAY_POST);
    f.write("broken.md", "---\ntitle: [oops\n---\n");
    let (p, i) = (f.posts(), f.index());
    let out = run(
        &[
            "--log-format",
            "json",
            "index",
            "--posts",
            p.to_str().unwrap(),
            "--index",
            i.to_str().unwrap(),
        ],
        f.dir.path(),
    );
    let logs: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect();
    let warn = logs
        .iter()
        .find(|l| l["level"] == "WARN")
        .expect("the broken post logged");
    assert_eq!(warn["fields"]["path"], "broken.md");
    let done = logs
        .iter()
        .find(|l| l["fields"]["message"] == "index up to date")
        .expect("a summary");
    assert_eq!(done["fields"]["added"], 2, "the broken post is indexed from its body");
    assert_eq!(done["fields"]["failed"], 1);
}

fn talksearch_with_env(args: &[&str], cwd: &std::path::Path, env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = std::process::Command::new(util::binary());
    cmd.args(args).current_dir(cwd);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run talksearch")
}

#[test]
fn configuration_comes_from_the_file_then_the_environment_then_flags() {
    let f = Fixture::new();
    std::fs::write(
        f.dir.path().join("talksearch.toml"),
        "posts = \"site/_posts\"\naddr = \"127.0.0.1:8001\"\nlog_format = \"json\"\nsynonyms = [[\"js\", \"javascript\"]]\n",
    )
    .unwrap();
    let out = talksearch_with_env(&["config"], f.dir.path(), &[("TALKSEARCH_ADDR", "127.0.0.1:8002")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("posts = \"site/_posts\""), "the file: {text}");
    assert!(
        text.contains("addr = \"127.0.0.1:8002\""),
        "the environment over the file: {text}"
    );
    assert!(text.contains("index = \"index\""), "a default: {text}");
    let out = talksearch_with_env(&["--log-format", "human", "config"], f.dir.path(), &[]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("log_format = \"human\""),
        "a flag over the file"
    );

    // The configured synonyms are the ones searched.
    let posts = f.dir.path().join("site/_posts");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::write(
        posts.join("2020-01-01-js.md"),
        "---\ntitle: JS night\n---\nThe *first* talk was by Ana Ruiz on **JavaScript Generators**.\n",
    )
    .unwrap();
    assert!(talksearch_with_env(&["index"], f.dir.path(), &[]).status.success());
    let out = talksearch_with_env(&["search", "--json", "js"], f.dir.path(), &[]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The post titled "JS night" may come first; the talk is found through the synonym.
    let talk = v["hits"].as_array().unwrap().iter().find(|h| h["kind"] == "talk");
    assert_eq!(
        talk.map(|h| &h["title"]),
        Some(&serde_json::json!("JavaScript Generators")),
        "{v}"
    );

    // Unknown keys and bad values are errors that name them.
    std::fs::write(f.dir.path().join("talksearch.toml"), "adress = \"127.0.0.1:1\"\n").unwrap();
    let out = talksearch_with_env(&["config"], f.dir.path(), &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("adress") && err.contains("talksearch.toml"), "{err}");
    let out = talksearch_with_env(&["config", "--config", "missing.toml"], f.dir.path(), &[]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.toml"));
    std::fs::remove_file(f.dir.path().join("talksearch.toml")).unwrap();
    let out = talksearch_with_env(&["config"], f.dir.path(), &[("TALKSEARCH_MAX_CONNECTIONS", "lots")]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("TALKSEARCH_MAX_CONNECTIONS"));
}

#[test]
fn the_example_configuration_is_valid_and_shows_the_defaults() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let f = Fixture::new();
    let with_example = talksearch_with_env(
        &[
            "config",
            "--config",
            repo.join("talksearch.example.toml").to_str().unwrap(),
        ],
        f.dir.path(),
        &[],
    );
    assert!(
        with_example.status.success(),
        "{}",
        String::from_utf8_lossy(&with_example.stderr)
    );
    let defaults = talksearch_with_env(&["config"], f.dir.path(), &[]);
    assert_eq!(
        String::from_utf8_lossy(&with_example.stdout),
        String::from_utf8_lossy(&defaults.stdout)
    );
}

/// A posts folder inside a Jekyll site: its `_config.yml` shapes URLs and links with no flags,
/// and a flag still wins over it.
#[test]
fn the_sites_own_settings_shape_links_and_flags_win_over_them() {
    let f = Fixture::new();
    let site = f.dir.path().join("site");
    std::fs::create_dir_all(site.join("_posts")).unwrap();
    std::fs::write(
        site.join("_config.yml"),
        "url: https://meetup.example.org\nbaseurl: /club\npermalink: /blog/:year/:title/\n",
    )
    .unwrap();
    std::fs::write(
        site.join("_posts/2019-03-02-march.md"),
        "---\ntitle: March\n---\nThe *first* talk was by Meera Iyer on **Tries in Practice**.\n",
    )
    .unwrap();
    let posts = site.join("_posts");
    let hit = |extra: &[&str]| -> serde_json::Value {
        let index = tempfile::tempdir().unwrap();
        let mut args = vec![
            "--posts",
            posts.to_str().unwrap(),
            "--index",
            index.path().to_str().unwrap(),
            "--no-watch",
        ];
        args.extend_from_slice(extra);
        let server = Server::start(&args, f.dir.path());
        let (_, body) = http_get(server.port, "/search?q=tries").unwrap();
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        v["hits"][0].clone()
    };
    let h = hit(&[]);
    assert_eq!(
        h["post"]["url"], "https://meetup.example.org/club/blog/2019/march/",
        "{h}"
    );
    assert!(
        h["link"]
            .as_str()
            .unwrap()
            .starts_with("https://meetup.example.org/club/blog/2019/march/#:~:text="),
        "{h}"
    );
    let h = hit(&[
        "--permalink",
        "/talks/:title.html",
        "--site-url",
        "https://other.example.org",
    ]);
    assert_eq!(
        h["post"]["url"], "https://other.example.org/club/talks/march.html",
        "{h}"
    );
}
