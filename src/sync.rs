//! Bringing the index up to date with the posts folder: read the posts that are new or changed,
//! drop the ones that are gone, leave the rest alone.
//!
//! A post that fails to read keeps whatever the index last had for it; the failure is reported
//! with its path so that the author can fix it.

use std::path::Path;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::extract::{blocks, extract_talks};
use crate::folder::{self, PostFile};
use crate::index::{PostUpdate, TalkIndex};
use crate::permalink::Permalink;
use crate::post::Post;

/// A post that could not be indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostFailure {
    pub path: String,
    pub reason: String,
}

/// What a sync did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    /// Post files found in the folder.
    pub posts: usize,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Documents in the index afterwards (talks, plus posts without talks).
    pub documents: u64,
    pub failures: Vec<PostFailure>,
    #[serde(skip)]
    pub took: Duration,
}

/// Everything the index stores for one post: its talks (extracted now) and its plain text.
pub fn prepare_update(post: Post, hash: u64) -> PostUpdate {
    let found = extract_talks(&post);
    for warning in &found.warnings {
        tracing::debug!(post = %post.path, %warning, "extraction");
    }
    let talks = found.talks;
    let plain_text = if talks.is_empty() {
        blocks::plain_text(&post.body)
    } else {
        String::new()
    };
    PostUpdate {
        post,
        hash,
        talks,
        plain_text,
    }
}

/// Reads one post file into an update, or says why it cannot be indexed.
pub fn read_update(file: &PostFile, permalink: &Permalink) -> Result<PostUpdate> {
    let (post, hash) = folder::read_post(file, permalink)?;
    Ok(prepare_update(post, hash))
}

/// Syncs the index with the folder in one commit. With `rebuild`, every post is re-read and the
/// index starts empty.
pub fn sync_folder(index: &TalkIndex, posts_dir: &Path, permalink: &Permalink, rebuild: bool) -> Result<SyncReport> {
    let start = Instant::now();
    let files = folder::list_posts(posts_dir)?;
    let mut known = if rebuild {
        Default::default()
    } else {
        index.indexed_posts()?
    };
    let mut report = SyncReport {
        posts: files.len(),
        ..SyncReport::default()
    };
    let mut batch = index.batch();
    if rebuild {
        batch.remove_all()?;
    }
    for file in &files {
        let previous = known.remove(&file.rel);
        // Cheap check first: unchanged bytes mean unchanged talks.
        if let Some(old_hash) = previous {
            match std::fs::read(&file.abs) {
                Ok(bytes) if folder::content_hash(&bytes) == old_hash => {
                    report.unchanged += 1;
                    continue;
                }
                _ => {}
            }
        }
        match read_update(file, permalink) {
            Ok(update) => {
                batch.upsert(&update)?;
                if previous.is_some() {
                    report.updated += 1;
                } else {
                    report.added += 1;
                }
            }
            Err(e) => {
                tracing::warn!(path = %file.rel, error = %e, "post not indexed");
                report.failures.push(PostFailure {
                    path: file.rel.clone(),
                    reason: failure_reason(&e),
                });
            }
        }
    }
    // Whatever the index knows that the folder no longer has was deleted while we were away.
    for gone in known.keys() {
        batch.remove(gone);
        report.removed += 1;
    }
    batch.commit()?;
    report.documents = index.num_docs();
    report.took = start.elapsed();
    Ok(report)
}

/// The reason without the path (the report carries the path separately).
fn failure_reason(e: &Error) -> String {
    match e {
        Error::Post { source, .. } => source.to_string(),
        Error::Io { source, .. } => source.to_string(),
        Error::NotUtf8(_) => "not valid UTF-8 text (is it a binary file?)".to_string(),
        other => other.to_string(),
    }
}
