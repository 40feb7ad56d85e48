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
use talksearch::extract::{Presenters, extract_talks, extract_talks_knowing};
use talksearch::folder::{PostFile, parse_post_bytes};
use talksearch::http::{AppState, router};
use talksearch::index::{NAME_ANALYZER, TEXT_ANALYZER, TalkIndex, talk_id};
use talksearch::people::roster::{Roster, TalkSpeakers};
use talksearch::post::parse_post;
use talksearch::search::highlight::Matcher;
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

/// Given names and surnames as posts write them: ASCII, accented, other scripts, letters whose
/// lower case has another length in bytes (the Kelvin sign, 'İ', 'ẞ'), a title-case digraph.
const GIVEN: &[&str] = &[
    "Asha", "Zoë", "İlkay", "Łukasz", "José", "Ørjan", "Şeyma", "Ǆemal", "Mei", "李", "Ångström", "\u{212a}arl",
    "Anne-Marie", "O'Neil", "ẞtefan", "Dvořák",
];
const SURNAMES: &[&str] = &[
    "Rao", "Nguyễn", "Müller", "Øvrebø", "Kowalski", "Öztürk", "García", "Çelik", "王", "Straße", "van der Berg",
    "ГАЛИНА", "Smith-Jones", "Ōtsuka",
];
const TITLE_WORDS: &[&str] = &[
    "Garbage", "collectors", "in", "Rust", "Über", "async", "Straße", "für", "Anfänger", "🚀", "Ωmega", "Typing", "et",
    "les", "Kelvin\u{212a}", "İstanbul", "naïve", "Bayes", "—", "a", "Journey", "C++", "λ", "calculus", "日本語",
];

/// A talk's title and its speaker's name, from [`TITLE_WORDS`], [`GIVEN`] and [`SURNAMES`].
fn title_and_name() -> impl Strategy<Value = (String, String)> {
    let title = prop::collection::vec(prop::sample::select(TITLE_WORDS), 1..7).prop_map(|w| w.join(" "));
    let name = (prop::sample::select(GIVEN), prop::sample::select(SURNAMES)).prop_map(|(g, s)| format!("{g} {s}"));
    (title, name)
}

/// One block of a post in one of the shapes posts give talks in.
fn block() -> impl Strategy<Value = String> {
    let urls = &[
        "https://speakerdeck.com/x/y",
        "https://github.com/ann/parser",
        "https://zoë.github.io/deck/",
        "https://日本語.jp/slides.pdf",
        "https://www.youtube.com/watch?v=abcdefghijk",
        "/slides/ä.pdf",
    ][..];
    (
        title_and_name(),
        0usize..15,
        prop::sample::select(&["", "**", "*", "_"][..]),
        prop::sample::select(urls),
    )
        .prop_map(|((t, n), shape, em, url)| {
        match shape {
            0 => format!("## {t}\n\n**Speaker:** {n}\n"),
            1 => format!("- {em}{t}{em} - {n}"),
            2 => format!("* **{n}**: {t}"),
            3 => format!("1. [{t}]({url}) by [{n}](https://github.com/x)"),
            4 => format!("<div class=\"talk\"><h2>{t}</h2><p class=\"speaker\">{n}</p></div>"),
            5 => format!("{em}{n}{em} presented {em}{t}{em}. Everyone liked it."),
            6 => format!("The second talk was by {n} on **{t}**, with [slides]({url})."),
            7 => format!("| 18:30 | {t} | {n} |\n|---|---|---|\n| 19:00 | {n} | {t} |"),
            8 => format!("### {n}\n\n{n} works at Acme. {t}."),
            9 => format!("> {t} — {n}"),
            10 => format!("```\n19:00 {t} ({n})\n```"),
            11 => format!("# {t}\n\n{n} ([@{}]({url}))", n.split(' ').next().unwrap_or("x")),
            12 => format!("{em}{t}{em} par {n}, puis „{t}“ door {n}."),
            // A name, plain or in brackets a converter left, opening the sentence after a place.
            13 => {
                let given = n.split(' ').next().unwrap_or("x");
                let who = if em.is_empty() { given.to_string() } else { format!("[{n}][]") };
                format!("We met at the office, Acme. {who} facilitated {t}. [{given}][] came forward as a volunteer.")
            }
            _ => format!("<h3>{n}</h3>\n\n[![video](https://img.youtube.com/vi/abcdefghijk/0.jpg)](https://youtu.be/abcdefghijk) {t}"),
        }
    })
}

/// A post made of such blocks, with or without front matter, cut at any char or not at all.
fn generated_post() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(block(), 1..9),
        prop::sample::select(&["\n\n", "\n", "\n\n## Talks\n\n"][..]),
        any::<bool>(),
        prop::option::of(any::<prop::sample::Index>()),
    )
        .prop_map(|(blocks, glue, framed, cut)| {
            let body = blocks.join(glue);
            let text = if framed {
                format!("---\ntitle: Meetup\n---\n{body}\n")
            } else {
                body
            };
            match cut {
                Some(at) => {
                    let chars: Vec<(usize, char)> = text.char_indices().collect();
                    let (at, _) = chars[at.index(chars.len())];
                    text[..at].to_string()
                }
                None => text,
            }
        })
}

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
        // Not behind the per-post boundary of folder::parse_post_bytes, which would hide a panic.
        if let Ok(post) = parse_post("2019-01-01-fuzz.md", &text, &Site::default()) {
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

    /// Generated Markdown of the shapes posts use, through every stage that reads a post: front
    /// matter and extraction (run directly, not behind the per-post boundary that would hide a
    /// panic), who is who, and highlighting of what was found.
    #[test]
    fn generated_posts_are_read_without_a_panic(first in generated_post(), second in generated_post(), words in prop::collection::vec(prop::sample::select(TITLE_WORDS), 1..4)) {
        let index = TalkIndex::in_memory().expect("index");
        let tokenizers = index.tantivy().tokenizers();
        let mut matcher = Matcher::new(
            tokenizers.get(TEXT_ANALYZER).expect("analyzer"),
            tokenizers.get(NAME_ANALYZER).expect("analyzer"),
            &words.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            words.first().copied(),
        );
        let mut presenters = Presenters::default();
        let mut roster = Roster::default();
        for (i, text) in [first, second].iter().enumerate() {
            let rel = format!("2020-0{}-01-generated.md", i + 1);
            let Ok(post) = parse_post(&rel, text, &Site::default()) else { continue };
            let found = extract_talks_knowing(&post, &presenters);
            for talk in &found.talks {
                prop_assert!(!talk.title.trim().is_empty(), "{:?}", talk);
                matcher.mark(&talk.title);
                matcher.snippet(&talk.description, 120);
                for name in &talk.speakers {
                    matcher.mark(name);
                }
            }
            matcher.snippet(&found.rest, 120);
            presenters = Presenters::of(&found.talks);
            roster.set(&rel, found.talks.iter().map(|t| TalkSpeakers::of(talk_id(&rel, t.position), None, t)).collect());
        }
        roster.directory();
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
