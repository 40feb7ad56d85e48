//! Links that land on the real site: a small Jekyll site and a small Hugo site, made of posts
//! written here with permalinks that are not the defaults and quotes and dashes that the
//! generators dress up, are built with the real `jekyll` and `hugo`; talksearch, pointed at
//! their posts folders with no flags, must give every document a `post.url` the build has a
//! page for, and every link a text fragment whose words are on that page.
//!
//! Needs `jekyll` and `hugo` on the PATH (`.ci/run` installs Debian's). Without them the test
//! says so and passes, except under CI (`CI` set), where it fails.

mod util;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn have(program: &str) -> bool {
    let version = if program == "hugo" { "version" } else { "--version" };
    Command::new(program)
        .arg(version)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the generator is here; under CI its absence is a failure.
fn generator(program: &str) -> bool {
    if have(program) {
        return true;
    }
    let message = format!("`{program}` is not installed (apt-get install {program}); .ci/run installs it");
    if std::env::var_os("CI").is_some() {
        panic!("{message}");
    }
    eprintln!("skipped: {message}");
    false
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every document talksearch indexes from `posts` (no flags but the folders).
fn exported(posts: &Path, work: &Path) -> Vec<Value> {
    let index = work.join("index");
    let (p, i) = (posts.to_str().unwrap(), index.to_str().unwrap());
    run(Command::new(util::binary())
        .args(["index", "--posts", p, "--index", i])
        .current_dir(work));
    run(Command::new(util::binary())
        .args(["export", "--index", i])
        .current_dir(work))
    .lines()
    .map(|l| serde_json::from_str(l).expect("a JSON document"))
    .collect()
}

/// The text a browser shows of an HTML page: tags dropped, the entities generators write
/// decoded, white space folded, lower-cased (text fragments match without case).
fn page_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    for (entity, c) in [
        ("&rsquo;", "’"),
        ("&lsquo;", "‘"),
        ("&rdquo;", "”"),
        ("&ldquo;", "“"),
        ("&ndash;", "–"),
        ("&mdash;", "—"),
        ("&hellip;", "…"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&amp;", "&"),
    ] {
        text = text.replace(entity, c);
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The built file that serves `url` (site-relative, under `base`).
fn page_of(site: &Path, url: &str, base: &str) -> std::path::PathBuf {
    let path = url
        .strip_prefix(base)
        .unwrap_or_else(|| panic!("{url} is not under {base}"));
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let path = path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        site.join(path).join("index.html")
    } else if path.ends_with(".html") {
        site.join(path)
    } else {
        site.join(path).join("index.html")
    }
}

/// Checks every document's URL and link against the built site; returns how many links had a
/// text fragment.
fn check_links(docs: &[Value], built: &Path, base: &str) -> usize {
    let mut fragments = 0;
    for doc in docs {
        let url = doc["post_url"].as_str().unwrap();
        let page = page_of(built, url, base);
        let html = std::fs::read_to_string(&page)
            .unwrap_or_else(|_| panic!("{} ({url}): no page at {}", doc["post_path"], page.display()));
        let text = page_text(&html);
        let link = doc["link"].as_str().unwrap();
        assert!(link.starts_with(url), "{link} is not on {url}");
        let Some((_, fragment)) = link.split_once("#:~:text=") else {
            continue;
        };
        fragments += 1;
        let parts: Vec<String> = fragment
            .split(',')
            .map(|p| {
                percent_encoding::percent_decode_str(p)
                    .decode_utf8_lossy()
                    .to_lowercase()
            })
            .collect();
        let start = text
            .find(&parts[0])
            .unwrap_or_else(|| panic!("{link}: {:?} is not on {url}:\n{text}", parts[0]));
        if let Some(end) = parts.get(1) {
            assert!(
                text[start..].contains(end.as_str()),
                "{link}: {end:?} does not follow on {url}:\n{text}"
            );
        }
    }
    fragments
}

#[test]
fn jekyll_links_land_on_the_pages_jekyll_builds() {
    if !generator("jekyll") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("site");
    write(
        &src,
        "_config.yml",
        "title: Harbour Python\nurl: https://meetup.example.org\nbaseurl: /club\npermalink: /blog/:year/:month/:day/:title/\n",
    );
    write(
        &src,
        "_posts/2017-05-20-kernel.md",
        "---\ntitle: \"Journey to the kernel: 'memory' talks\"\n---\n\
         We met at the \"old\" observatory -- the one by the harbour.\n\n\
         The *first* talk was by Asha Rao on **Python's memory -- and what the GC doesn't free**. \
         She traced a reference cycle by hand.\n\n\
         The *second* talk was by Tomas Berg on **Profiling async code**.\n",
    );
    write(
        &src,
        "_posts/2018-02-17-february.md",
        "---\ntitle: February talks\n---\nThe agenda:\n\n\
         1. Django at scale - Meera Krishnan\n\
         2. \"Async\" IO in practice... for real - Vikram Das\n",
    );
    write(
        &src,
        "_posts/2019-11-02-winter.md",
        "---\ntitle: Winter evening\npermalink: /special/winter-evening/\n---\n\
         The *first* talk was by Lena Ortiz on **Rust's macros for Pythonistas**.\n",
    );
    let built = dir.path().join("built");
    run(Command::new("jekyll")
        .args(["build", "--quiet", "-s"])
        .arg(&src)
        .arg("-d")
        .arg(&built));
    let docs = exported(&src.join("_posts"), dir.path());
    assert!(docs.iter().filter(|d| d["kind"] == "talk").count() >= 5, "{docs:?}");
    assert!(check_links(&docs, &built, "/club") >= 5);
}

/// The pages the documents link to, each once.
fn post_urls(docs: &[Value]) -> std::collections::BTreeSet<&str> {
    docs.iter().map(|d| d["post_url"].as_str().unwrap()).collect()
}

fn sorted(mut v: Vec<&'static str>) -> Vec<&'static str> {
    v.sort_unstable();
    v
}

/// `talksearch index` on `posts`: what it prints.
fn indexed(posts: &Path, work: &Path) -> String {
    let index = work.join("printed-index");
    run(Command::new(util::binary())
        .args([
            "index",
            "--posts",
            posts.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ])
        .current_dir(work))
}

/// A Jekyll site with no `permalink` setting: Jekyll's `date` style, categories from the front
/// matter and from the folder above `_posts`, a one-digit day in a name, and two files Jekyll
/// does not publish (a name without a date, a post dated in the future).
#[test]
fn jekyll_defaults_land_on_the_pages_jekyll_builds() {
    if !generator("jekyll") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("site");
    // Front matter defaults: a category for every post without one, a permalink under news/.
    let config = "title: Loch Rust\ndefaults:\n  - scope:\n      path: \"\"\n      type: posts\n    values:\n      \
                  categories: [club]\n  - scope:\n      path: news\n    values:\n      permalink: /news/:title/\n";
    write(&src, "_config.yml", config);
    let talk = |who: &str, what: &str| format!("The *first* talk was by {who} on **{what}**.\n");
    let posts = [
        (
            "_posts/2019-03-12-march-meeting.md",
            "category: Edin Br",
            talk("Asha Rao", "Borrowing without tears"),
        ),
        (
            "_posts/2019-04-02-april.md",
            "categories: [Talks, Embedded]",
            talk("Tomas Berg", "Rust on microcontrollers"),
        ),
        (
            "_posts/2019-06-11-june.md",
            "categories: talks rust",
            talk("Mira Sato", "Async runtimes compared"),
        ),
        (
            "_posts/blog/2015-02-6-sponsoring.md",
            "",
            talk("Lena Ortiz", "Why we sponsor meetups"),
        ),
        (
            "meetup/_posts/2019-05-07-may.md",
            "categories: Rust",
            talk("Omar Said", "Fuzzing parsers with cargo fuzz"),
        ),
        (
            "_posts/2019-07-09-Rust & C++ night.md",
            "",
            talk("Ravi Kumar", "Calling C++ from Rust"),
        ),
        (
            "news/_posts/2019-08-01-august.md",
            "",
            talk("Nina Petrova", "Rust in the kernel"),
        ),
        (
            "_posts/2019-09-10-late.md",
            "date: 2019-09-10 23:30:00 -0500",
            talk("Hugo Lind", "Late night lifetimes"),
        ),
        (
            "_posts/TBD-2018-06-30-draft.md",
            "",
            talk("Ana Lima", "A talk still to be planned"),
        ),
        (
            "_posts/2099-01-01-far-ahead.md",
            "",
            talk("Priya Nair", "A talk from the future"),
        ),
    ];
    for (path, fields, body) in &posts {
        write(&src, path, &format!("---\ntitle: A night\n{fields}\n---\n{body}"));
    }
    let built = dir.path().join("built");
    // Built as GitHub Pages and CI build it, in UTC.
    run(Command::new("jekyll")
        .env("TZ", "UTC")
        .args(["build", "--quiet", "-s"])
        .arg(&src)
        .arg("-d")
        .arg(&built));
    let mut docs = exported(&src.join("_posts"), dir.path());
    let other = dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    docs.extend(exported(&src.join("meetup/_posts"), &other));
    let news = dir.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    docs.extend(exported(&src.join("news/_posts"), &news));
    let urls: std::collections::BTreeSet<&str> = post_urls(&docs);
    assert_eq!(
        urls.into_iter().collect::<Vec<_>>(),
        sorted(vec![
            "/club/2015/02/06/sponsoring.html",
            "/club/2019/07/09/Rust-&-C++-night.html",
            "/club/edin%20br/2019/03/12/march-meeting.html",
            "/meetup/club/rust/2019/05/07/may.html",
            "/news/august/",
            "/club/talks/embedded/2019/04/02/april.html",
            "/club/talks/rust/2019/06/11/june.html",
            "/club/2019/09/11/late.html",
        ])
    );
    let fragments = check_links(&docs, &built, "");
    assert!(fragments >= 3, "{fragments} fragments");
    // What Jekyll does not publish is not indexed, and `index` says why, once each.
    assert!(docs.iter().all(|d| !d["post_path"].as_str().unwrap().contains("draft")));
    assert!(
        docs.iter()
            .all(|d| !d["post_path"].as_str().unwrap().contains("far-ahead"))
    );
    let printed = indexed(&src.join("_posts"), dir.path());
    assert!(printed.contains("2 posts the site does not publish"), "{printed}");
    assert_eq!(
        printed
            .matches("TBD-2018-06-30-draft.md: its name does not start with a date")
            .count(),
        1,
        "{printed}"
    );
    assert_eq!(
        printed
            .matches("2099-01-01-far-ahead.md: dated 2099-01-01, after today")
            .count(),
        1,
        "{printed}"
    );
    // Given the site's folder whole: its pages too, and nothing of its own folders.
    write(
        &src,
        "about.md",
        "---\ntitle: About\n---\nThe *first* talk was by Eva Marsh on **Our first year**.\n",
    );
    write(&src, "_drafts/2019-10-01-wip.md", "---\ntitle: Draft\n---\nNot yet.\n");
    run(Command::new("jekyll")
        .env("TZ", "UTC")
        .args(["build", "--quiet", "-s"])
        .arg(&src)
        .arg("-d")
        .arg(&built));
    let whole = dir.path().join("whole");
    std::fs::create_dir_all(&whole).unwrap();
    let docs = exported(&src, &whole);
    let pages: std::collections::BTreeSet<&str> = post_urls(&docs);
    assert!(
        pages.contains("/about.html") && pages.contains("/news/august/"),
        "{pages:?}"
    );
    assert_eq!(pages.len(), 9, "{pages:?}");
    assert!(check_links(&docs, &built, "") >= 3);
    assert!(
        docs.iter()
            .all(|d| !d["post_path"].as_str().unwrap().contains("_drafts"))
    );
    // With `future: true`, Jekyll publishes the future post, and so does talksearch.
    write(&src, "_config.yml", &format!("{config}future: true\n"));
    let printed = indexed(&src.join("_posts"), &other);
    assert!(printed.contains("1 posts the site does not publish"), "{printed}");
}

/// A Pelican site with its URLs set in `pelicanconf.py` (a year in the path, a category by
/// folder or by `Category:`), posts with `Title:`/`Date:`/`Slug:` lines and without a slug, a
/// page, an article Pelican skips for want of a date, and a setting made in code.
#[test]
fn pelican_links_land_on_the_pages_pelican_builds() {
    if !generator("pelican") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("site");
    write(
        &src,
        "pelicanconf.py",
        "import os\nAUTHOR = 'Harbour Python'\nSITENAME = 'Harbour Python'\nSITEURL = ''\nPATH = 'content'\n\
         TIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\nARTICLE_URL = 'articles/{date:%Y}/{slug}.html'\n\
         ARTICLE_SAVE_AS = 'articles/{date:%Y}/{slug}.html'\nCATEGORY_URL = 'c/{slug}.html'\n\
         THEME_STATIC_PATHS = [os.path.join('static')]\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n",
    );
    write(
        &src,
        "publishconf.py",
        "import os\nimport sys\nsys.path.append(os.curdir)\nfrom pelicanconf import *\nSITEURL = 'https://py.example.org/club'\n",
    );
    write(
        &src,
        "content/2019-03-12-march.md",
        "Title: March meetup: Über types & more\nDate: 2019-03-12 19:00\n\n\
         The *first* talk was by Asha Rao on **Typing Python without tears**.\n",
    );
    write(
        &src,
        "content/talks/april.md",
        "Title: April\nDate: 2019-04-02\nSlug: april-night\nCategory: Big Talks\n\n\
         The *first* talk was by Tomas Berg on **Profiling async code**.\n",
    );
    write(
        &src,
        "content/talks/may.md",
        "Title: May in the park\nDate: 2019-05-07\n\nThe *first* talk was by Mira Sato on **Packaging for humans**.\n",
    );
    write(
        &src,
        "content/pages/about.md",
        "Title: About the club\n\nWe meet monthly by the harbour.\n",
    );
    write(
        &src,
        "content/notes.md",
        "Title: Undated notes\n\nThe *first* talk was by Ana Lima on **Dates**.\n",
    );
    let built = dir.path().join("built");
    run(Command::new("pelican")
        .arg(src.join("content"))
        .arg("-s")
        .arg(src.join("publishconf.py"))
        .arg("-o")
        .arg(&built)
        .arg("-q")
        .current_dir(&src));
    let docs = exported(&src.join("content"), dir.path());
    let urls: std::collections::BTreeSet<&str> = post_urls(&docs);
    assert_eq!(
        urls.into_iter().collect::<Vec<_>>(),
        vec![
            "/club/articles/2019/april-night.html",
            "/club/articles/2019/march-meetup-uber-types-more.html",
            "/club/articles/2019/may-in-the-park.html",
            "/club/pages/about-the-club.html",
        ]
    );
    let fragments = check_links(&docs, &built, "/club");
    assert!(fragments >= 3, "{fragments} fragments");
    let printed = indexed(&src.join("content"), dir.path());
    assert!(printed.contains("notes.md: an article without a date"), "{printed}");
    // Given the site's own folder, the same pages; what is outside PATH is not content.
    write(&src, "README.md", "# How to build this site\n\nRun pelican.\n");
    let whole = dir.path().join("whole");
    std::fs::create_dir_all(&whole).unwrap();
    let docs = exported(&src, &whole);
    let again: std::collections::BTreeSet<&str> = post_urls(&docs);
    assert_eq!(again.len(), 4, "{again:?}");
    assert!(check_links(&docs, &built, "/club") >= 3);
    let printed = indexed(&src, &whole);
    assert!(printed.contains("README.md: not in PATH"), "{printed}");
}

/// An MkDocs site, with and without directory URLs: meetup notes in `docs/meetups/`, a
/// `README.md` and an `index.md` as folder pages, and a `site_url` with a path.
#[test]
fn mkdocs_links_land_on_the_pages_mkdocs_builds() {
    if !generator("mkdocs") {
        return;
    }
    for directory_urls in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("site");
        write(
            &src,
            "mkdocs.yml",
            &format!(
                "site_name: Harbour Rust\nsite_url: https://rust.example.org/notes/\ndocs_dir: pages\n\
                 use_directory_urls: {directory_urls}\n"
            ),
        );
        write(
            &src,
            "pages/index.md",
            "# Harbour Rust\n\nWe meet monthly. The first talk was by Asha Rao on **Ownership in practice**.\n",
        );
        write(
            &src,
            "pages/meetups/2019-03-12-march.md",
            "# March meetup\n\nThe *first* talk was by Tomas Berg on **Profiling async code**.\n",
        );
        write(
            &src,
            "pages/meetups/april/README.md",
            "# April meetup\n\nThe *first* talk was by Mira Sato on **Embedded Rust on a budget**.\n",
        );
        let built = dir.path().join("built");
        run(Command::new("mkdocs")
            .args(["build", "--quiet", "-f"])
            .arg(src.join("mkdocs.yml"))
            .arg("-d")
            .arg(&built));
        let docs = exported(&src.join("pages"), dir.path());
        let urls: std::collections::BTreeSet<&str> = post_urls(&docs);
        let march = if directory_urls {
            "/notes/meetups/2019-03-12-march/"
        } else {
            "/notes/meetups/2019-03-12-march.html"
        };
        assert_eq!(
            urls.into_iter().collect::<Vec<_>>(),
            vec!["/notes/", march, "/notes/meetups/april/"],
            "use_directory_urls: {directory_urls}"
        );
        let fragments = check_links(&docs, &built, "/notes");
        assert!(fragments >= 2, "{fragments} fragments");
    }
}

#[test]
fn hugo_links_land_on_the_pages_hugo_builds() {
    if !generator("hugo") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("site");
    write(
        &src,
        "hugo.toml",
        "baseURL = \"https://go.example.org/meetup/\"\ntitle = \"Harbour Go\"\n[permalinks]\nevents = \"/:year/:month/:slug/\"\n",
    );
    // Hugo builds pages through layouts; the smallest that show a page's text.
    write(
        &src,
        "layouts/_default/single.html",
        "<html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>",
    );
    write(
        &src,
        "layouts/_default/list.html",
        "<html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>",
    );
    write(
        &src,
        "content/events/spring.md",
        "+++\ntitle = \"Spring: \\\"parsers\\\" night\"\ndate = 2022-03-12T10:00:00+05:30\n+++\n\
         The *first* talk was by Asha Rao on **Writing a parser -- one rule at a time**.\n\n\
         The *second* talk was by Karan Mehta on **Go's generics in practice**.\n",
    );
    write(
        &src,
        "content/events/autumn.md",
        "---\ntitle: Autumn gathering\ndate: 2022-10-01\nslug: autumn-2022\n---\n\
         The *first* talk was by Mira Sato on **Tracing with OpenTelemetry**.\n",
    );
    write(
        &src,
        "content/meetups/2019-06-20@harbour/index.md",
        "---\ntitle: Harbour meetup\n---\nTalks\n-----\n\n\
         * \"Don't panic -- handling errors in Go\", by Ana Lima\n\
         * \"Fuzzing the standard library\", by Omar Said\n",
    );
    write(
        &src,
        "content/meetups/2020/June/README.md",
        "---\ntitle: June notes\n---\nThe *first* talk was by Priya Nair on **Channels without tears**.\n",
    );
    write(
        &src,
        "content/meetups/notes.md",
        "---\ntitle: Summer notes\nurl: /notes/summer/\n---\nThe *first* talk was by Jan Kowal on **Embedding files in binaries**.\n",
    );
    let built = dir.path().join("built");
    run(Command::new("hugo")
        .arg("--quiet")
        .arg("--source")
        .arg(&src)
        .arg("--destination")
        .arg(&built));
    let docs = exported(&src.join("content"), dir.path());
    assert!(docs.iter().filter(|d| d["kind"] == "talk").count() >= 7, "{docs:?}");
    assert!(check_links(&docs, &built, "/meetup") >= 7);
}
