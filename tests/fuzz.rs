//! Property tests (proptest) of the two paths that take arbitrary input from strangers: the
//! query path, from the raw query string of `/search` and `/suggest` to the JSON answer, and
//! the extraction path, from the bytes of a post file to its talks.
//!
//! Inputs are built from the pieces that break parsers: query syntax, Markdown constructs,
//! the cue words extraction keys on, and awkward Unicode, mixed at random. The case counts
//! keep `cargo test` quick; raise them for a longer run with `PROPTEST_CASES=20000`.

mod util;

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use proptest::prelude::*;
use talksearch::extract::extract_talks;
use talksearch::folder::{PostFile, parse_post_bytes};
use talksearch::http::{AppState, router};
use talksearch::index::TalkIndex;
use talksearch::site::Site;
use talksearch::status::SharedStatus;
use talksearch::sync::FolderSync;
use util::{Fixture, MAY_POST, oneshot};

/// Pieces of queries: words in the index, syntax, and Unicode that trips up text handling.
const QUERY_PIECES: &[&str] = &[
    "garbage", "collector", "python", "concurrency", "gupta", "rivas", "gar", "colector", "\"", "(", ")", "-", "+",
    "*", ":", "title:", "speaker:", "kind:", "year:", "tag:", "2017", "AND", "OR", "NOT", "~", "^2", "?", "\\", "/",
    ".*", "[a-z]", "{", "}", "%", "%25", "%zz", "%00", "&", "=", "&q=", "#", " ", "  ", "\t", "\u{200f}", "\u{202e}",
    "\u{301}", "\u{fe0f}", "😀", "👩‍💻", "שלום", "日本語", "ǅ", "ﬁ", "İ", "ß", "\u{0}", "\u{ffff}",
];

/// Pieces of posts: Markdown constructs, the sentences and cues extraction reads, and odd text.
const POST_PIECES: &[&str] = &[
    "# ",
    "## Talks\n",
    "### ",
    "\n",
    "\n\n",
    "- ",
    "* ",
    "1. ",
    "2) ",
    "  ",
    "    ",
    "> ",
    "| a | b |\n|---|---|\n",
    "| ",
    " |",
    "**",
    "*",
    "_",
    "`",
    "```\n",
    "[",
    "]",
    "(",
    ")",
    "](https://youtu.be/abcdefghijk)",
    "![x](",
    "<iframe src=\"https://www.youtube.com/embed/abcdefghijk\"></iframe>",
    "<blockquote class=\"twitter-tweet\">",
    "</blockquote>",
    "[1]: https://example.org/slides\n",
    "[slides][1]",
    "The first talk was by ",
    "presented by ",
    "spoke about ",
    " on ",
    " - ",
    " by ",
    "Workshop: ",
    "Lightning talks\n",
    "Panel discussion with ",
    "Asha Rao",
    "Meera Krishnan",
    "and ",
    ", ",
    "Garbage Collector in Python",
    "How Import Works",
    "Video: ",
    "Slides: ",
    "https://speakerdeck.com/x/y",
    ".",
    ":",
    "—",
    "…",
    "😀",
    "\u{202e}",
    "é",
    "\r\n",
    "\t",
    "<",
    ">",
    "&amp;",
    "---\n",
    "talks:\n",
];

/// 300 cases per property, or `PROPTEST_CASES` (which an explicit count would override).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

fn pieces(from: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(from), 0..max).prop_map(|p| p.concat())
}

/// Arbitrary text: mostly pieces, sometimes any characters at all.
fn query() -> impl Strategy<Value = String> {
    prop_oneof![3 => pieces(QUERY_PIECES, 12), 1 => any::<String>()]
}

fn body() -> impl Strategy<Value = String> {
    prop_oneof![4 => pieces(POST_PIECES, 80), 1 => any::<String>()]
}

/// A query string as a client could send it: percent-encoded, or raw.
fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

struct App {
    router: axum::Router,
    runtime: tokio::runtime::Runtime,
    _fixture: Fixture,
}

/// One server for every case: a few posts, indexed once.
fn app() -> &'static App {
    static APP: OnceLock<App> = OnceLock::new();
    APP.get_or_init(|| {
        let f = Fixture::new();
        f.write("2017-05-20-may-talks.md", MAY_POST);
        f.write(
            "2018-02-10-feb.md",
            "---\ntitle: February\ntags: [web]\n---\n1. Django at scale - Meera Krishnan\n2. Async IO - Asha Rao\n",
        );
        let index = TalkIndex::in_memory().expect("index");
        let mut sync = FolderSync::new(&index, &f.posts(), Site::default()).expect("folder");
        sync.sync_all(&index, false).expect("sync");
        App {
            router: router(AppState::new(Arc::new(index), SharedStatus::default())),
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime"),
            _fixture: f,
        }
    })
}

fn get(uri: &str) -> (StatusCode, serde_json::Value) {
    let app = app();
    let (status, _, bytes) = app.runtime.block_on(oneshot(&app.router, uri));
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{uri}: not JSON ({e})"));
    (status, json)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_query_is_answered_without_a_server_error(q in query(), raw in any::<bool>(), limit in 0u32..200, offset in 0u32..20_000) {
        let q = if raw { q.replace(['&', '#', ' ', '%'], "") } else { encode(&q) };
        for uri in [
            format!("/search?q={q}"),
            format!("/search?q={q}&limit={limit}&offset={offset}&facets=kind,year,speaker,tag&sort=date"),
            format!("/search?speaker={q}"),
            format!("/suggest?q={q}"),
        ] {
            // Build the request only from what a client could send on the wire.
            if Request::get(uri.as_str()).body(Body::empty()).is_err() {
                continue;
            }
            let (status, body) = get(&uri);
            prop_assert!(status == StatusCode::OK || status == StatusCode::BAD_REQUEST, "{uri}: {status} {body}");
            if status == StatusCode::OK && uri.starts_with("/search") {
                let hits = body["hits"].as_array().expect("hits");
                prop_assert!(hits.len() as u64 <= body["total"].as_u64().expect("total"));
                for hit in hits {
                    // Only our <mark> tags reach HTML.
                    let html = hit["title_html"].as_str().unwrap_or_default();
                    let stripped = html.replace("<mark>", "").replace("</mark>", "");
                    prop_assert!(!stripped.contains('<'), "{html}");
                }
            } else if status == StatusCode::BAD_REQUEST {
                prop_assert!(body["error"]["code"].is_string(), "{body}");
            }
        }
    }

    #[test]
    fn any_post_is_read_or_refused_without_a_panic(front in pieces(&["title: ", "date: ", "talks:", "\n", "  - ", "title: x", "[", "]", "{", "}", ": ", "'", "\"", "&a ", "*a", "2017-02-30", "- ", "speakers: "], 12), body in body(), framed in any::<bool>()) {
        let text = if framed { format!("---\n{front}\n---\n{body}") } else { body };
        let file = PostFile { rel: "2019-01-01-fuzz.md".into(), abs: "2019-01-01-fuzz.md".into() };
        if let Ok(post) = parse_post_bytes(&file, text.into_bytes(), &Site::default()) {
            let found = extract_talks(&post);
            let mut last = 0;
            for talk in &found.talks {
                prop_assert!(!talk.title.trim().is_empty(), "{:?}", talk);
                prop_assert!(talk.position > last, "positions increase: {:?}", found.talks);
                last = talk.position;
                for url in talk.video.iter().chain(&talk.slides) {
                    prop_assert!(!url.trim().is_empty());
                }
            }
        }
    }

    #[test]
    fn any_bytes_are_read_or_refused_without_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut framed = b"---\ntitle: t\n---\n".to_vec();
        framed.extend_from_slice(&bytes);
        for input in [bytes, framed] {
            let file = PostFile { rel: "x.md".into(), abs: "x.md".into() };
            if let Ok(post) = parse_post_bytes(&file, input, &Site::default()) {
                extract_talks(&post);
            }
        }
    }
}
