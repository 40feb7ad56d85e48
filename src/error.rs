//! The library's error type: every failure a user can meet, with the path it concerns.

use std::path::PathBuf;

use crate::post::PostError;

/// Everything that can go wrong in talksearch, outside of a single request's validation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Post { path: String, source: PostError },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("posts folder {} does not exist or is not a folder", .0.display())]
    NoPostsFolder(PathBuf),
    #[error("{path}: {}", crate::paths::outside_reason(false))]
    OutsideFolder { path: String },
    #[error("{}: not valid UTF-8 text (is it a binary file?)", .0.display())]
    NotUtf8(PathBuf),
    /// Over the limit the reader keeps ([`crate::folder::MAX_POST_BYTES`]).
    #[error("{}: {}", path.display(), too_large(*bytes, *limit))]
    PostTooLarge { path: PathBuf, bytes: u64, limit: u64 },
    /// Over the limit a sync keeps ([`crate::sync::MAX_TALKS_PER_POST`]).
    #[error("{path}: {}", too_many_talks(*talks, *limit))]
    TooManyTalks { path: String, talks: usize, limit: usize },
    #[error("cannot watch {}: {message}", path.display())]
    Watch { path: PathBuf, message: String },
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("index folder {}: {source}", path.display())]
    IndexFolder { path: PathBuf, source: std::io::Error },
    #[error(
        "index folder {} is in use by {}; stop that talksearch or give this one another --index",
        path.display(),
        pid.map_or("another process".to_string(), |p| format!("pid {p}"))
    )]
    IndexInUse { path: PathBuf, pid: Option<u32> },
    #[error("index: {0}")]
    IndexQuery(#[from] tantivy::query::QueryParserError),
    #[error("no index to read in {}: {reason}", path.display())]
    NoIndex { path: PathBuf, reason: String },
    #[error("the index was opened to read only (search, export); only `index` and `serve` write it")]
    ReadOnly,
}

/// Why a post of `bytes` is not read, over the `limit` the reader keeps.
pub fn too_large(bytes: u64, limit: u64) -> String {
    format!(
        "the file is {:.1} MiB; posts over {} MiB are not read (is it really a post?)",
        bytes as f64 / (1024.0 * 1024.0),
        limit / (1024 * 1024)
    )
}

/// Why a post describing `talks` talks is not indexed, over the `limit` a sync keeps.
pub fn too_many_talks(talks: usize, limit: usize) -> String {
    format!("{talks} talks found; a post may describe at most {limit} (is it really a meetup report?)")
}

/// A post that could not be indexed as it is, and why (`/status`, `index`, the log).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PostFailure {
    /// Relative to the posts folder.
    pub path: String,
    pub reason: String,
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An IO failure on `path`.
    pub fn io(path: &std::path::Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
