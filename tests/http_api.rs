//! The HTTP API through the router, without a socket (`tower::ServiceExt::oneshot`).

mod util;

use std::sync::Arc;

use axum::http::StatusCode;
use serde_json::Value;
use talksearch::http::{AppState, router};
use talksearch::index::TalkIndex;
use talksearch::site::Site;
use talksearch::status::SharedStatus;
use talksearch::sync::FolderSync;
use util::{Fixture, MAY_POST, oneshot};

fn app(fixture: &Fixture) -> axum::Router {
    let (index, _) = TalkIndex::open(&fixture.index()).expect("open index");
    let mut sync = FolderSync::new(&index, &fixture.posts(), Site::default()).expect("folder");
    let report = sync.sync_all(&index, false).expect("sync");
    let status = SharedStatus::default();
    status.record(&sync, &report);
    router(AppState::new(Arc::new(index), status))
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    let (status, _, bytes) = oneshot(app, uri).await;
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, json)
}

fn fixture() -> Fixture {
    let f = Fixture::new();
    f.write("2017-05-20-may-talks.md", MAY_POST);
    f.write(
        "2019/2019-09-14-news.md",
        "---\ntitle: PyCon is coming\n---\nThe call for proposals is open.\n",
    );
    f
}

#[tokio::test]
async fn search_returns_the_talk_with_its_speaker_snippet_video_and_post() {
    let f = fixture();
    let app = app(&f);
    let (status, body) = get(&app, "/search?q=garbage+collector").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["query"], "garbage collector");
    assert_eq!(body["offset"], 0);
    assert_eq!(body["limit"], 10);
    assert!(body["took_ms"].is_number());
    let hit = &body["hits"][0];
    assert_eq!(hit["title"], "Garbage Collector in Python");
    assert_eq!(hit["speakers"], serde_json::json!(["Rivas Hameed"]));
    assert_eq!(hit["kind"], "talk");
    assert_eq!(
        hit["video"],
        serde_json::json!(["https://www.youtube.com/watch?v=_YRHkn-f24k"])
    );
    assert_eq!(hit["post"]["path"], "2017-05-20-may-talks.md");
    assert_eq!(hit["post"]["date"], "2017-05-20");
    assert_eq!(hit["post"]["url"], "/2017/05/20/may-talks/");
    assert_eq!(hit["post"]["title"], "May talks");
    assert!(hit["snippet"].as_str().unwrap_or("").contains("<mark>"), "{hit}");
    assert!(hit["score"].as_f64().unwrap_or(0.0) > 0.0);
    assert_eq!(
        body["total"].as_u64(),
        Some(body["hits"].as_array().map_or(0, |h| h.len()) as u64)
    );
}

#[tokio::test]
async fn the_rest_of_a_post_whose_talks_were_all_found_is_still_searchable() {
    let f = Fixture::new();
    f.write(
        "2018-12-08-december.md",
        "---\ntitle: December meetup\n---\nThe rooftop hall of the Lantern Library hosted us this time, and \
         Harbourview Systems paid for the samosas.\n\n\
         The *first* talk was by Meera Iyer on **Tries in Practice**.\n\n\
         The *second* talk was by Tomas Berg on **Profiling Async Code**.\n",
    );
    let app = app(&f);
    for (q, marked) in [
        ("lantern library", "Lantern"),
        ("samosas", "samosas"),
        ("harbourview", "Harbourview"),
    ] {
        let (_, body) = get(&app, &format!("/search?q={}", q.replace(' ', "+"))).await;
        let hit = &body["hits"][0];
        assert_eq!(hit["kind"], "post", "{q}: {body}");
        assert_eq!(hit["title"], "December meetup");
        assert_eq!(hit["post"]["path"], "2018-12-08-december.md");
        assert!(
            hit["snippet"]
                .as_str()
                .unwrap()
                .contains(&format!("<mark>{marked}</mark>")),
            "{hit}"
        );
        let link = hit["link"].as_str().unwrap();
        assert!(link.starts_with("/2018/12/08/december/#:~:text="), "{link}");
        assert!(link.contains(marked), "the fragment names the passage: {link}");
    }
    // A question about the talk finds the talk first, not the rest of its post.
    let (_, body) = get(&app, "/search?q=tries+practice").await;
    assert_eq!(body["hits"][0]["title"], "Tries in Practice", "{body}");
    // The post's title finds the post too.
    let (_, body) = get(&app, "/search?q=december+meetup").await;
    assert_eq!(body["hits"][0]["post"]["path"], "2018-12-08-december.md", "{body}");
    // Listing talks by a filter alone leaves the rest of the post out.
    let (_, body) = get(&app, "/search?year=2018").await;
    let kinds: Vec<&str> = body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["talk", "talk"], "{body}");
}

#[tokio::test]
async fn a_post_without_talks_is_found_as_a_post() {
    let f = fixture();
    let app = app(&f);
    let (_, body) = get(&app, "/search?q=proposals").await;
    let hit = &body["hits"][0];
    assert_eq!(hit["kind"], "post");
    assert_eq!(hit["title"], "PyCon is coming");
    assert_eq!(hit["post"]["path"], "2019/2019-09-14-news.md");
}

#[tokio::test]
async fn talks_by_id_and_404s() {
    let f = fixture();
    let app = app(&f);
    let (_, body) = get(&app, "/search?q=concurrency").await;
    let id = body["hits"][0]["id"].as_str().expect("id").to_string();
    let (status, talk) = get(&app, &format!("/talks/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(talk["title"], "Concurrency and Parallelism");
    let (status, err) = get(&app, "/talks/no-such-post.md:9").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(err["error"]["code"], "talk_not_found");
    let (status, err) = get(&app, "/nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(err["error"]["code"], "not_found");
    let (status, _) = get(&app, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn bad_parameters_are_400_with_a_json_error() {
    let f = fixture();
    let app = app(&f);
    for uri in [
        "/search",
        "/search?limit=abc&q=x",
        "/search?q=x&limit=100000",
        "/search?q=x&offset=-3",
        "/search?q=x&limit=99999999999999999999",
        "/search?q=x&offset=99999999999",
        "/search?q=x&kind=juggling",
        "/search?q=x&year=twenty",
        "/search?q=x&sort=random",
        "/search?q=x&facets=colour",
    ] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(
            body["error"]["code"].is_string() && body["error"]["message"].is_string(),
            "{uri}: {body}"
        );
    }
}

#[tokio::test]
async fn no_query_string_causes_a_server_error() {
    let f = fixture();
    let app = app(&f);
    for q in [
        "%22unbalanced",
        "title:",
        "*",
        "-",
        "(((",
        "a%00b",
        "%F0%9F%98%80",
        "%D7%A9%D7%9C%D7%95%D7%9D",
        "AND+OR+NOT",
        "%zz",
        "x&q=y",
        "%20%20%09",
        "foo:bar",
        "speaker:",
        ".*%5B(%3F%3D",
        "%E2%80%AEevil",
        "a%CC%81%CC%81%CC%81%CC%81",
        "%FF%FE",
        "%22%22%22",
        "---x",
        "x&unknown=1&another",
    ] {
        let (status, body) = get(&app, &format!("/search?q={q}")).await;
        assert_eq!(status, StatusCode::OK, "{q}: {body}");
    }
    // Over the documented limit: a 400 that says so, before any work.
    let long = "a".repeat(10_000);
    let (status, body) = get(&app, &format!("/search?q={long}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "query_too_long");
    let (_, body) = get(&app, "/search?q=garbage&limit=1&offset=5").await;
    assert_eq!(body["hits"].as_array().map(Vec::len), Some(0));
    assert_eq!(body["total"], 1);
}

#[tokio::test]
async fn status_reports_the_index_and_the_posts_that_fail() {
    let f = fixture();
    f.write("2020-01-01-broken.md", "---\ntitle: [oops\n---\n");
    let app = app(&f);
    let (status, body) = get(&app, "/status").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["posts"], 3, "the broken post is indexed from its body");
    assert_eq!(body["talks"], 2);
    assert_eq!(body["documents"], 5, "two talks and a document for each post");
    assert_eq!(body["watching"], false);
    assert!(body["last_commit"].as_str().is_some_and(|t| t.ends_with('Z')), "{body}");
    assert_eq!(body["errors"][0]["path"], "2020-01-01-broken.md");
    assert!(body["errors"][0]["reason"].as_str().unwrap().contains("YAML"), "{body}");
}

/// The fixture plus a workshop post of another year with tags.
fn richer() -> Fixture {
    let f = fixture();
    f.write(
        "2019-02-16-feb-workshop.md",
        "---\ntitle: February workshop\ntags: [Web, Flask]\ntalks:\n  - title: Building a webapp with Flask\n    speakers: [Rivas Hameed]\n    kind: workshop\n    description: Routes, templates & <b>forms</b>, with garbage-free handlers.\n---\n",
    );
    f
}

fn titles(body: &Value) -> Vec<String> {
    body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn typos_prefixes_and_query_syntax() {
    let f = richer();
    let app = app(&f);
    let (_, body) = get(&app, "/search?q=garbge+colector").await;
    assert_eq!(titles(&body)[0], "Garbage Collector in Python");
    let (_, body) = get(&app, "/search?q=garb").await;
    assert_eq!(titles(&body)[0], "Garbage Collector in Python");
    assert!(
        body["hits"][0]["title_html"]
            .as_str()
            .unwrap()
            .contains("<mark>Garbage</mark>")
    );
    let (_, body) = get(&app, "/search?q=%22reference+counts%22").await;
    assert_eq!(titles(&body), vec!["Garbage Collector in Python"]);
    let (_, body) = get(&app, "/search?q=garbage+-handlers").await;
    assert_eq!(titles(&body), vec!["Garbage Collector in Python"]);
    let (_, body) = get(&app, "/search?q=garbage+kind:workshop").await;
    assert_eq!(titles(&body), vec!["Building a webapp with Flask"]);
    let (_, body) = get(&app, "/search?q=speaker:rivas+year:2017").await;
    assert_eq!(titles(&body), vec!["Garbage Collector in Python"]);
    let (status, _) = get(&app, "/search?q=kind:banana+year:soon+%22").await;
    assert_eq!(status, StatusCode::OK);
    // Synonyms: either form finds the other.
    let (_, body) = get(&app, "/search?q=gc+").await;
    assert_eq!(titles(&body)[0], "Garbage Collector in Python");
}

#[tokio::test]
async fn filters_sorting_facets_and_highlights() {
    let f = richer();
    let app = app(&f);
    let (_, body) = get(
        &app,
        "/search?speaker=Rivas+Hameed&sort=date&facets=kind,year,speaker,tag",
    )
    .await;
    assert_eq!(
        titles(&body),
        vec!["Building a webapp with Flask", "Garbage Collector in Python"]
    );
    assert_eq!(body["total"], 2);
    assert_eq!(
        body["facets"]["kind"],
        serde_json::json!([{"value": "talk", "count": 1}, {"value": "workshop", "count": 1}])
    );
    assert_eq!(
        body["facets"]["tag"],
        serde_json::json!([{"value": "flask", "count": 1}, {"value": "internals", "count": 1}, {"value": "web", "count": 1}])
    );
    let (_, body) = get(
        &app,
        "/search?q=python&kind=talk&from=2017-01-01&to=2017-12-31&tag=&year=2017",
    )
    .await;
    assert_eq!(titles(&body), vec!["Garbage Collector in Python"]);
    let (_, body) = get(&app, "/search?q=python&from=2018-01-01").await;
    assert_eq!(body["total"], 0);
    let (_, body) = get(&app, "/search?q=garbage&tag=flask").await;
    let hit = &body["hits"][0];
    assert_eq!(hit["title"], "Building a webapp with Flask");
    assert!(
        hit["snippet"].as_str().unwrap().contains("&lt;b&gt;forms&lt;/b&gt;"),
        "{hit}"
    );
    assert!(
        hit["snippet"].as_str().unwrap().contains("<mark>garbage</mark>"),
        "{hit}"
    );
    assert_eq!(
        hit["link"],
        "/2019/02/16/feb-workshop/#:~:text=Building%20a%20webapp%20with%20Flask"
    );
    for uri in [
        "/search?q=x&sort=popular",
        "/search?q=x&facets=colour",
        "/search?q=x&from=yesterday",
        "/search?kind=banana",
        "/search?q=x&year=nineteen",
    ] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert_eq!(body["error"]["code"], "bad_parameter", "{uri}");
    }
}

#[tokio::test]
async fn suggestions_and_speakers() {
    let f = richer();
    let app = app(&f);
    let (status, body) = get(&app, "/suggest?q=gar").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["suggestions"][0]["text"], "Garbage Collector in Python");
    assert_eq!(body["suggestions"][0]["kind"], "title");
    let (_, body) = get(&app, "/suggest?q=riv").await;
    assert_eq!(
        body["suggestions"][0],
        serde_json::json!({"text": "Rivas Hameed", "kind": "speaker", "talks": 2})
    );
    let (status, _) = get(&app, "/suggest").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, body) = get(&app, "/speakers").await;
    assert_eq!(
        body["speakers"][0],
        serde_json::json!({"id": "rivas-hameed", "name": "Rivas Hameed", "aliases": [], "links": [],
            "talks": 2, "first": "2017-05-20", "latest": "2019-02-16"})
    );
    // By id, and by the name as written.
    for uri in ["/speakers/rivas-hameed", "/speakers/Rivas%20Hameed"] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(body["id"], "rivas-hameed");
        assert_eq!(body["talks"][0]["title"], "Building a webapp with Flask");
        assert_eq!(body["talks"].as_array().map(Vec::len), Some(2));
    }
    let (status, body) = get(&app, "/speakers/Nobody").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "speaker_not_found");
}

/// Two posts that name one person two ways, tied by the profiles their names link to.
fn one_person_two_ways() -> Fixture {
    let f = Fixture::new();
    f.write(
        "2021-03-06-march.md",
        "---\ntitle: March meetup\n---\n## Talks\n\n1. Rust for Pythonistas - [Mina](https://github.com/minaoduya)\n2. Packaging pains - Teo Varga\n",
    );
    f.write(
        "2022-06-11-june.md",
        "---\ntitle: June meetup\n---\n## Talks\n\n1. Fuzzing parsers - [Mina Oduya](https://x.com/MinaOduya)\n",
    );
    f
}

#[tokio::test]
async fn a_speaker_is_one_person_across_posts() {
    let f = one_person_two_ways();
    let app = app(&f);
    let (_, body) = get(&app, "/speakers").await;
    assert_eq!(
        body["speakers"][0],
        serde_json::json!({"id": "mina-oduya", "name": "Mina Oduya", "aliases": ["Mina"],
            "links": ["https://github.com/minaoduya", "https://x.com/MinaOduya"],
            "talks": 2, "first": "2021-03-06", "latest": "2022-06-11"}),
        "{body}"
    );
    assert_eq!(body["speakers"].as_array().map(Vec::len), Some(2), "{body}");
    // Each hit says who its speakers are; the short form as written stays.
    let (_, body) = get(&app, "/search?q=rust+pythonistas").await;
    assert_eq!(body["hits"][0]["speakers"], serde_json::json!(["Mina"]));
    assert_eq!(body["hits"][0]["speaker_ids"], serde_json::json!(["mina-oduya"]));
    // The person's page lists both talks, newest first, by id or by the other name.
    for uri in ["/speakers/mina-oduya", "/speakers/Mina"] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        let titles: Vec<&str> = body["talks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, vec!["Fuzzing parsers", "Rust for Pythonistas"], "{uri}");
        assert_eq!(body["aliases"], serde_json::json!(["Mina"]));
    }
    // The speaker filter takes a person; the speaker facet counts people, named.
    for uri in [
        "/search?speaker=mina-oduya&sort=date&facets=speaker",
        "/search?speaker=Mina&sort=date&facets=speaker",
    ] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        assert_eq!(titles(&body), vec!["Fuzzing parsers", "Rust for Pythonistas"], "{uri}");
        assert_eq!(
            body["facets"]["speaker"],
            serde_json::json!([{"value": "mina-oduya", "count": 2, "name": "Mina Oduya"}]),
            "{uri}"
        );
    }
    // A word of a name still filters by the words of the names.
    let (_, body) = get(&app, "/search?speaker=varga").await;
    assert_eq!(titles(&body), vec!["Packaging pains"]);
}

#[tokio::test]
async fn ids_are_looked_up_in_the_index_never_read_as_paths() {
    let f = fixture();
    let app = app(&f);
    for id in [
        "..%2F..%2F..%2Fetc%2Fpasswd:1",
        "../../../etc/passwd",
        "%2Fetc%2Fpasswd:1",
        "2017-05-20-may-talks.md%00:1",
        "2017-05-20-may-talks.md:1/../../Cargo.toml",
    ] {
        let (status, body) = get(&app, &format!("/talks/{id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{id}: {body}");
        assert_eq!(body["error"]["code"], "talk_not_found", "{id}: {body}");
    }
    let (status, body) = get(&app, "/talks/2017-05-20-may-talks.md:1").await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn every_answer_is_never_sniffed_and_the_page_runs_only_its_own_script() {
    use tower::ServiceExt;
    let f = fixture();
    let app = app(&f);
    let header = |r: &axum::response::Response, name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    for uri in [
        "/", "/assets/app.js", "/widget.js", "/search?q=garbage", "/search?limit=-1", "/talks/nope", "/no/such/route",
        "/healthz", "/metrics",
    ] {
        let request = axum::http::Request::get(uri).body(axum::body::Body::empty()).unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(header(&response, "x-content-type-options"), "nosniff", "{uri}");
    }
    let request = axum::http::Request::get("/").body(axum::body::Body::empty()).unwrap();
    let page = app.clone().oneshot(request).await.unwrap();
    let policy = header(&page, "content-security-policy");
    for part in [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
    ] {
        assert!(policy.contains(part), "{part}: {policy}");
    }
    assert!(
        !policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"),
        "{policy}"
    );
    assert_eq!(header(&page, "referrer-policy"), "strict-origin-when-cross-origin");
}

#[tokio::test]
async fn the_page_its_assets_and_the_widget_are_served() {
    let f = fixture();
    let app = app(&f);
    for (uri, content_type, needle) in [
        ("/", "text/html", "id=\"q\""),
        ("/assets/app.js", "text/javascript", "/search?"),
        ("/assets/app.css", "text/css", "mark"),
        ("/widget.js", "text/javascript", "data-input"),
    ] {
        let (status, ct, bytes) = oneshot(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(ct.starts_with(content_type), "{uri}: {ct}");
        assert!(String::from_utf8_lossy(&bytes).contains(needle), "{uri}");
    }
}

#[tokio::test]
async fn links_point_at_the_site_when_its_address_is_given() {
    let f = fixture();
    let (index, _) = TalkIndex::open(&f.index()).expect("open index");
    let mut sync = FolderSync::new(&index, &f.posts(), Site::default()).expect("folder");
    sync.sync_all(&index, false).expect("sync");
    let state =
        AppState::new(Arc::new(index), SharedStatus::default()).with_site_url(Some("https://meetup.example.org/"));
    let app = router(state);
    let (_, body) = get(&app, "/search?q=garbage").await;
    let hit = &body["hits"][0];
    assert_eq!(hit["post"]["url"], "https://meetup.example.org/2017/05/20/may-talks/");
    assert!(
        hit["link"]
            .as_str()
            .unwrap()
            .starts_with("https://meetup.example.org/2017/05/20/may-talks/#:~:text="),
        "{hit}"
    );
    let (_, one) = get(&app, &format!("/talks/{}", hit["id"].as_str().unwrap())).await;
    assert_eq!(one["link"], hit["link"]);
    // Without it, links stay site-relative.
    let (_, body) = get(&self::app(&fixture()), "/search?q=garbage").await;
    assert_eq!(body["hits"][0]["post"]["url"], "/2017/05/20/may-talks/");
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_show_the_index() {
    let f = fixture();
    let (index, _) = TalkIndex::open(&f.index()).expect("open index");
    let mut sync = FolderSync::new(&index, &f.posts(), Site::default()).expect("folder");
    let report = sync.sync_all(&index, false).expect("sync");
    let status = SharedStatus::default();
    status.record(&sync, &report);
    let app = router(AppState::new(Arc::new(index), status.clone()));
    get(&app, "/search?q=garbage").await;
    get(&app, "/search?q=garbage&limit=abc").await;
    get(&app, "/talks/2017-05-20-may-talks.md:1").await;
    get(&app, "/talks/no-such.md:1").await;
    get(&app, "/nowhere/at/all").await;
    let (_, content_type, body) = oneshot(&app, "/metrics").await;
    assert!(content_type.starts_with("text/plain; version=0.0.4"));
    let text = String::from_utf8(body).unwrap();
    for line in [
        "talksearch_http_requests_total{route=\"/search\",status=\"200\"} 1",
        "talksearch_http_requests_total{route=\"/search\",status=\"400\"} 1",
        "talksearch_http_requests_total{route=\"/talks/{*id}\",status=\"200\"} 1",
        "talksearch_http_requests_total{route=\"/talks/{*id}\",status=\"404\"} 1",
        "talksearch_http_requests_total{route=\"unmatched\",status=\"404\"} 1",
        "talksearch_http_request_duration_seconds_count{route=\"/search\"} 2",
        "talksearch_search_duration_seconds_count 1",
        "talksearch_reindex_duration_seconds_count 1",
        "talksearch_reindex_failures_total 0",
        "talksearch_index_posts 2",
        "talksearch_index_talks 2",
        "talksearch_index_documents 4",
    ] {
        assert!(text.lines().any(|l| l == line), "no {line:?} in\n{text}");
    }
    let gauge = |name: &str| -> u64 {
        let line = text.lines().find(|l| l.starts_with(&format!("{name} "))).unwrap();
        line.rsplit(' ').next().unwrap().parse().unwrap()
    };
    assert!(gauge("talksearch_index_segments") >= 1);
    assert!(gauge("talksearch_index_bytes") > 1000);
    // Every sample line is `name{labels} value` or `name value` with a number.
    for l in text.lines().filter(|l| !l.starts_with('#')) {
        let value = l.rsplit(' ').next().unwrap();
        assert!(value.parse::<f64>().is_ok(), "{l}");
    }

    // Ready while the last sync succeeded; not while the index cannot be written.
    let (code, _) = get(&app, "/readyz").await;
    assert_eq!(code, StatusCode::OK);
    status.reindex_failed("index: no space left on device".into());
    let (code, body) = get(&app, "/readyz").await;
    assert_eq!(code, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["error"]["code"], "not_ready");
    let (_, metrics) = get(&app, "/metrics").await;
    assert!(
        metrics
            .as_str()
            .unwrap()
            .contains("talksearch_reindex_failures_total 1\n")
    );
}

#[tokio::test]
async fn a_first_name_two_people_share_is_counted_by_its_post() {
    let f = one_person_two_ways();
    f.write(
        "2023-01-14-january.md",
        "---\ntitle: January meetup\n---\n## Talks\n\n1. Knitting patterns in Python - [Mina](https://github.com/minapark)\n",
    );
    let app = app(&f);
    let (status, body) = get(&app, "/search?kind=talk&facets=speaker").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut counted: Vec<(String, u64, String)> = body["facets"]["speaker"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap().into(),
                v["count"].as_u64().unwrap(),
                v["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    counted.sort();
    assert_eq!(
        counted,
        vec![
            ("mina".into(), 1, "Mina".into()),
            ("mina-oduya".into(), 2, "Mina Oduya".into()),
            ("teo-varga".into(), 1, "Teo Varga".into()),
        ]
    );
    // "Mina" alone is two people: no one person to show.
    let (status, _) = get(&app, "/speakers/Mina").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
