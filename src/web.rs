//! The search page (`GET /`) and the drop-in search box for other sites (`GET /widget.js`).
//!
//! Both are plain HTML, CSS and JavaScript in `src/web/`, embedded in the binary as they are:
//! no build step, no CDN, nothing to deploy beside the binary. They call the same JSON API as
//! any other client.

use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY};
use axum::response::IntoResponse;
use axum::routing::get;

const PAGE: &str = include_str!("web/index.html");
const APP_JS: &str = include_str!("web/app.js");
const APP_CSS: &str = include_str!("web/app.css");
const WIDGET_JS: &str = include_str!("web/widget.js");

/// An embedded file with its type. Browsers revalidate after five minutes, so a new release
/// is picked up soon without every page view fetching the files again.
fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [(CONTENT_TYPE, content_type), (CACHE_CONTROL, "public, max-age=300")],
        body,
    )
}

/// What the page may load and run: its own script and style only (no inline script, no
/// `eval`), answers from this server, thumbnails from YouTube's image host. Should a link or a
/// title ever carry script past extraction and the page's own checks, the browser refuses it.
pub const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data: https://i.ytimg.com; connect-src 'self'; form-action 'self'; \
     base-uri 'none'; frame-ancestors 'self'";

/// The routes of the page and the widget.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route(
            "/",
            get(|| async {
                (
                    [
                        (CONTENT_SECURITY_POLICY, PAGE_POLICY),
                        (REFERRER_POLICY, "strict-origin-when-cross-origin"),
                    ],
                    asset("text/html; charset=utf-8", PAGE),
                )
            }),
        )
        .route(
            "/assets/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/assets/app.css",
            get(|| async { asset("text/css; charset=utf-8", APP_CSS) }),
        )
        .route(
            "/widget.js",
            get(|| async { asset("text/javascript; charset=utf-8", WIDGET_JS) }),
        )
}
