//! The search page (`GET /`) and the drop-in search box for other sites (`GET /widget.js`).
//!
//! Both are plain HTML, CSS and JavaScript in `src/web/`, embedded in the binary as they are:
//! no build step, no CDN, nothing to deploy beside the binary. They call the same JSON API as
//! any other client.

use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
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

/// The routes of the page and the widget.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(|| async { asset("text/html; charset=utf-8", PAGE) }))
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
