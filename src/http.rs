//! The HTTP API: maps requests to [`crate::search`] calls and results to JSON.
//!
//! Every error leaves as `{"error": {"code", "message"}}` with a 4xx or 5xx status, through
//! [`ApiError`]. Index work runs on the search threads ([`crate::pool`]), so a slow search
//! never stalls the connections the runtime is serving.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Path, RawQuery, Request, State};
use axum::http::header::{CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::index::TalkIndex;
use crate::metrics::IndexSize;
use crate::people::roster::Speaker;
use crate::pool::{Pool, Refused};
use crate::search::facets::Facet;
use crate::search::query::apply_filter;
use crate::search::suggest::{self, Suggestion};
use crate::search::{self, Filters, Hit, MAX_LIMIT, SearchRequest, SearchResponse, Sort, Synonyms};
use crate::status::SharedStatus;

/// Longest `q` accepted, in bytes. Longer queries are refused rather than cut, so that a client
/// knows its query was not searched as sent.
pub const MAX_QUERY_BYTES: usize = 1024;
/// Deepest `offset` accepted: paging further is a crawl, not a search.
pub const MAX_OFFSET: usize = 10_000;
/// The OpenAPI 3 description of these routes (`tests/openapi.rs` checks that they answer as it
/// says).
pub const OPENAPI: &str = include_str!("openapi.json");

/// Default page size.
pub const DEFAULT_LIMIT: usize = 10;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub index: Arc<TalkIndex>,
    /// Written by the indexer, read by `/status`.
    pub status: SharedStatus,
    /// Runs searches: one thread per core. The others wait their turn in order, which keeps
    /// the slowest answers close to the typical ones under load, where dozens of searches
    /// sharing two cores would all finish late.
    pub pool: Arc<Pool>,
    /// The site's address (`https://meetup.example.org`), put before the links of hits, which
    /// are site-relative; `None` leaves them relative, right for the widget on the site itself.
    pub site_url: Option<Arc<str>>,
    /// Words or phrases searched for each other.
    pub synonyms: Arc<Synonyms>,
}

/// Searches that may wait for a search thread; beyond, requests are refused with 503 (at
/// 5,000 searches a second this is a tenth of a second of work).
pub const SEARCH_QUEUE: usize = 512;

/// Longest a request waits for its answer from the index (queueing included) before it is
/// answered 503. Searches take milliseconds; this only trips when the machine is overwhelmed.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

impl AppState {
    pub fn new(index: Arc<TalkIndex>, status: SharedStatus) -> AppState {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        AppState {
            index,
            status,
            pool: Arc::new(Pool::new(cores, SEARCH_QUEUE)),
            site_url: None,
            synonyms: Arc::new(Synonyms::default()),
        }
    }

    /// Searches with these synonyms instead of the built-in ones.
    pub fn with_synonyms(mut self, synonyms: Synonyms) -> AppState {
        self.synonyms = Arc::new(synonyms);
        self
    }

    /// Links of hits made absolute on `site_url` (a trailing `/` is dropped).
    pub fn with_site_url(mut self, site_url: Option<&str>) -> AppState {
        self.site_url = site_url
            .map(|u| u.trim().trim_end_matches('/'))
            .filter(|u| !u.is_empty())
            .map(Arc::from);
        self
    }

    /// Puts the site's address before a hit's site-relative links.
    fn absolute(&self, hit: &mut Hit) {
        if let Some(site) = &self.site_url {
            for url in [&mut hit.link, &mut hit.post.url] {
                if url.starts_with('/') {
                    *url = format!("{site}{url}");
                }
            }
        }
    }
}

/// An error as the API reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code,
            message: message.into(),
        }
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: &self.message,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

impl From<crate::Error> for ApiError {
    fn from(e: crate::Error) -> ApiError {
        tracing::error!(error = %e, "request failed");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: e.to_string(),
        }
    }
}

/// The routes, ready to serve or to test with `tower::ServiceExt::oneshot`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/search", get(search_handler))
        .route("/talks/{*id}", get(talk_handler))
        .route("/suggest", get(suggest_handler))
        .route("/speakers", get(speakers_handler))
        .route("/speakers/{id}", get(speaker_handler))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_handler))
        .route(
            "/openapi.json",
            get(|| async { ([(CONTENT_TYPE, "application/json")], OPENAPI) }),
        )
        .route(
            "/status",
            get(|State(state): State<AppState>| async move {
                let mut status = state.status.get();
                // Posts whose speakers could not be worked out are known to the index, not the sync.
                status.errors.extend(state.index.people_failures());
                Json(status)
            }),
        )
        .merge(crate::web::routes())
        .fallback(|| async {
            ApiError {
                status: StatusCode::NOT_FOUND,
                code: "not_found",
                message: "no such route".into(),
            }
        })
        .layer(axum::middleware::from_fn_with_state(state.clone(), track))
        .layer(axum::middleware::map_response(no_sniffing))
        .with_state(state)
}

/// [`router`] behind the CORS layer of [`cors`], if any: what `serve` runs. The CORS layer
/// answers preflight requests itself, so those answers get `nosniff` here too.
pub fn served(state: AppState, cors: Option<CorsLayer>) -> Router {
    let app = router(state);
    match cors {
        Some(layer) => app.layer(layer).layer(axum::middleware::map_response(no_sniffing)),
        None => app,
    }
}

/// Every answer is what its `Content-Type` says, never sniffed: a JSON answer that quotes a
/// post is not run as HTML or script.
async fn no_sniffing(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

/// Counts every request for `/metrics` by its route (the pattern, not the path, so that ids do
/// not make a label each) and logs it at debug level.
async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = request.extensions().get::<MatchedPath>().cloned();
    let route = route.as_ref().map_or("unmatched", |m| m.as_str());
    // The request line is kept only when it will be logged.
    let line = tracing::enabled!(tracing::Level::DEBUG).then(|| (request.method().clone(), request.uri().clone()));
    let response = next.run(request).await;
    let took = start.elapsed();
    let status = response.status().as_u16();
    state.status.metrics.request(route, status, took);
    if let Some((method, uri)) = line {
        tracing::debug!(%method, %uri, status, ms = took.as_secs_f64() * 1000.0, "request");
    }
    response
}

/// Ready when the index is open and the last sync with the posts folder succeeded (a server
/// only listens once its first sync is done).
async fn readyz(State(state): State<AppState>) -> Response {
    match state.status.get().watch_error {
        None => "ready".into_response(),
        Some(error) => ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "not_ready",
            message: error,
        }
        .into_response(),
    }
}

async fn metrics_handler(State(state): State<AppState>) -> Response {
    let status = state.status.get();
    let index = state.index.clone();
    let (segments, bytes) = on_search_threads(&state, move || Ok((index.segments(), index.bytes_on_disk())))
        .await
        .unwrap_or_default();
    let size = IndexSize {
        posts: status.posts as u64,
        talks: status.talks,
        documents: status.documents,
        segments: segments as u64,
        bytes,
    };
    (
        [(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        state.status.metrics.render(&size),
    )
        .into_response()
}

/// Cross-origin access for the browsers of the given sites (`https://example.org`), so that a
/// search box on another origin can call the API. `None` for an empty list: no CORS headers are
/// sent, and browsers keep other sites' pages from reading the answers. The API only reads, so
/// only GET and HEAD are allowed.
pub fn cors(origins: &[String]) -> Result<Option<CorsLayer>, String> {
    if origins.is_empty() {
        return Ok(None);
    }
    let mut allowed = Vec::new();
    for origin in origins {
        let origin = origin.trim().trim_end_matches('/');
        let scheme_ok = origin.starts_with("http://") || origin.starts_with("https://");
        let host = origin.split_once("://").map_or("", |(_, h)| h);
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        match HeaderValue::from_str(origin) {
            Ok(value) if scheme_ok && host_ok => allowed.push(value),
            _ => {
                return Err(format!(
                    "{origin:?} is not an origin: write the scheme, host and port only, e.g. https://example.org"
                ));
            }
        }
    }
    Ok(Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(allowed))
            .allow_methods([Method::GET, Method::HEAD]),
    ))
}

/// Reads the query string by hand, so that every malformed parameter gets our error shape and
/// a message naming it.
fn parse_search_params(raw: Option<&str>) -> Result<SearchRequest, ApiError> {
    let mut params: HashMap<String, String> = HashMap::new();
    for (k, v) in form_urlencoded_pairs(raw.unwrap_or("")) {
        params.entry(k).or_insert(v);
    }
    let filters = parse_filters(&params)?;
    let q = match params.get("q") {
        Some(q) => q.clone(),
        // Filters alone list what they select ("/search?speaker=Anand&sort=date").
        None if !filters.is_empty() => String::new(),
        None => {
            return Err(ApiError::bad_request(
                "missing_query",
                "the q parameter is required, e.g. /search?q=garbage+collector",
            ));
        }
    };
    if q.len() > MAX_QUERY_BYTES {
        return Err(ApiError::bad_request(
            "query_too_long",
            format!("q is {} bytes; the limit is {MAX_QUERY_BYTES}", q.len()),
        ));
    }
    let number = |name: &str, default: usize, max: usize, min: usize| -> Result<usize, ApiError> {
        match params.get(name).map(|s| s.trim()) {
            None | Some("") => Ok(default),
            Some(s) => match s.parse::<usize>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::bad_request(
                    "bad_parameter",
                    format!("{name} must be a whole number from {min} to {max}, got {s:?}"),
                )),
            },
        }
    };
    let sort = match params.get("sort").map(|s| s.trim()) {
        None | Some("") | Some("relevance") => Sort::Relevance,
        Some("date") => Sort::Date,
        Some(other) => {
            return Err(ApiError::bad_request(
                "bad_parameter",
                format!("sort must be relevance or date, got {other:?}"),
            ));
        }
    };
    let mut facets = Vec::new();
    for name in params.get("facets").map(String::as_str).unwrap_or("").split(',') {
        if name.trim().is_empty() {
            continue;
        }
        match Facet::parse(name) {
            Some(f) if !facets.contains(&f) => facets.push(f),
            Some(_) => {}
            None => {
                return Err(ApiError::bad_request(
                    "bad_parameter",
                    format!("facets are kind, year, speaker and tag; got {name:?}"),
                ));
            }
        }
    }
    Ok(SearchRequest {
        q,
        limit: number("limit", DEFAULT_LIMIT, MAX_LIMIT, 1)?,
        offset: number("offset", 0, MAX_OFFSET, 0)?,
        filters,
        sort,
        facets,
    })
}

/// The filter parameters: `kind`, `speaker`, `year`, `tag`, `from`, `to`. Unlike words typed in
/// `q`, a parameter a program sends wrong is an error that says what is expected.
fn parse_filters(params: &HashMap<String, String>) -> Result<Filters, ApiError> {
    let mut filters = Filters::default();
    let expected = [
        ("kind", "one of talk, lightning, workshop, panel, post"),
        ("speaker", "a name or part of one"),
        ("year", "a year such as 2017"),
        ("tag", "a tag"),
        ("from", "a date as YYYY-MM-DD"),
        ("to", "a date as YYYY-MM-DD"),
    ];
    for (name, what) in expected {
        let Some(value) = params.get(name).filter(|v| !v.trim().is_empty()) else {
            continue;
        };
        if !apply_filter(&mut filters, name, value) {
            return Err(ApiError::bad_request(
                "bad_parameter",
                format!("{name} must be {what}, got {value:?}"),
            ));
        }
    }
    Ok(filters)
}

/// `application/x-www-form-urlencoded` pairs (the `form_urlencoded` crate, the URL Standard's
/// parser): invalid percent-escapes are kept as written and invalid UTF-8 is replaced, never an
/// error.
fn form_urlencoded_pairs(raw: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

async fn search_handler(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let request = parse_search_params(raw.as_deref())?;
    let index = state.index.clone();
    let metrics = state.status.metrics.clone();
    let synonyms = state.synonyms.clone();
    let response = on_search_threads(&state, move || {
        let start = Instant::now();
        let response = search::search_with(&index, &request, &synonyms);
        metrics.search_latency.observe(start.elapsed());
        response
    })
    .await?;
    let mut response = response;
    for hit in &mut response.hits {
        state.absolute(hit);
    }
    Ok(Json(response))
}

async fn talk_handler(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Hit>, ApiError> {
    let index = state.index.clone();
    let lookup = id.clone();
    let hit = on_search_threads(&state, move || search::get_talk(&index, &lookup)).await?;
    hit.map(|mut hit| {
        state.absolute(&mut hit);
        Json(hit)
    })
    .ok_or_else(|| ApiError {
        status: StatusCode::NOT_FOUND,
        code: "talk_not_found",
        message: format!("no talk has the id {id:?}"),
    })
}

/// Runs index work on the search threads.
async fn on_search_threads<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> crate::error::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    let answer = match tokio::time::timeout(REQUEST_TIMEOUT, state.pool.run(work)).await {
        Ok(answer) => answer,
        Err(_) => {
            return Err(ApiError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                code: "timeout",
                message: format!(
                    "no answer within {} s; the server is overloaded",
                    REQUEST_TIMEOUT.as_secs()
                ),
            });
        }
    };
    match answer {
        Ok(result) => result.map_err(ApiError::from),
        Err(Refused::Busy) => Err(ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "busy",
            message: format!("{SEARCH_QUEUE} searches are already waiting; try again shortly"),
        }),
        Err(Refused::Panicked) => Err(ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "the search failed unexpectedly; the error is in the server's log".to_string(),
        }),
    }
}

#[derive(Serialize)]
struct SuggestResponse {
    query: String,
    suggestions: Vec<Suggestion>,
    took_ms: f64,
}

async fn suggest_handler(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SuggestResponse>, ApiError> {
    let q = form_urlencoded_pairs(raw.as_deref().unwrap_or(""))
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v)
        .ok_or_else(|| ApiError::bad_request("missing_query", "the q parameter is required, e.g. /suggest?q=gar"))?;
    if q.len() > MAX_QUERY_BYTES {
        return Err(ApiError::bad_request(
            "query_too_long",
            format!("q is {} bytes; the limit is {MAX_QUERY_BYTES}", q.len()),
        ));
    }
    let index = state.index.clone();
    let prefix = q.clone();
    let (suggestions, took_ms) = on_search_threads(&state, move || {
        let start = std::time::Instant::now();
        let suggestions = suggest::suggest(&index, &prefix)?;
        Ok((suggestions, (start.elapsed().as_secs_f64() * 1e6).round() / 1000.0))
    })
    .await?;
    Ok(Json(SuggestResponse {
        query: q,
        suggestions,
        took_ms,
    }))
}

#[derive(Serialize)]
struct SpeakersResponse {
    speakers: Vec<Speaker>,
}

/// Everyone who gave a talk, one entry per person ([`crate::people`]).
async fn speakers_handler(State(state): State<AppState>) -> Result<Json<SpeakersResponse>, ApiError> {
    let index = state.index.clone();
    let speakers = on_search_threads(&state, move || search::people(&index)).await?;
    Ok(Json(SpeakersResponse { speakers }))
}

#[derive(Serialize)]
struct SpeakerResponse {
    id: String,
    name: String,
    aliases: Vec<String>,
    links: Vec<String>,
    talks: Vec<Hit>,
}

/// One person's talks, newest first: by id, or by a name or alias that only they go by (an
/// old link to `/speakers/Anand%20B` still finds Anand B Pillai).
async fn speaker_handler(
    State(state): State<AppState>,
    Path(key): Path<String>,
) -> Result<Json<SpeakerResponse>, ApiError> {
    let index = state.index.clone();
    let lookup = key.clone();
    let found = on_search_threads(&state, move || search::person_talks(&index, &lookup)).await?;
    let Some((person, mut talks)) = found.filter(|(_, talks)| !talks.is_empty()) else {
        return Err(ApiError {
            status: StatusCode::NOT_FOUND,
            code: "speaker_not_found",
            message: format!("no speaker is {key:?} (use an id from /speakers, or a name only one speaker goes by)"),
        });
    };
    for hit in &mut talks {
        state.absolute(hit);
    }
    Ok(Json(SpeakerResponse {
        id: person.id,
        name: person.name,
        aliases: person.aliases,
        links: person.links,
        talks,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_decode_leniently() {
        let pairs = form_urlencoded_pairs("q=garbage+collector&a=a%20b%2&b=%zz%&c=%C3%A9&d=%FF&&e&=f");
        let value = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        assert_eq!(value("q"), Some("garbage collector"));
        assert_eq!(value("a"), Some("a b%2"));
        assert_eq!(value("b"), Some("%zz%"));
        assert_eq!(value("c"), Some("é"));
        assert_eq!(value("d"), Some("\u{fffd}"));
        assert_eq!(value("e"), Some(""));
        assert_eq!(value(""), Some("f"));
    }

    #[test]
    fn parameters_are_validated_with_named_errors() {
        let ok = parse_search_params(Some("q=gc&limit=5&offset=10")).unwrap();
        assert_eq!((ok.q.as_str(), ok.limit, ok.offset), ("gc", 5, 10));
        let ok = parse_search_params(Some("q=")).unwrap();
        assert_eq!((ok.limit, ok.offset), (DEFAULT_LIMIT, 0));
        assert_eq!(parse_search_params(None).unwrap_err().code, "missing_query");
        for bad in [
            "q=x&limit=abc",
            "q=x&limit=100000",
            "q=x&limit=0",
            "q=x&offset=-1",
            "q=x&offset=99999999999999999999999",
        ] {
            let e = parse_search_params(Some(bad)).unwrap_err();
            assert_eq!(e.code, "bad_parameter", "{bad}");
        }
        let long = format!("q={}", "a".repeat(MAX_QUERY_BYTES + 1));
        assert_eq!(parse_search_params(Some(&long)).unwrap_err().code, "query_too_long");
    }
}
