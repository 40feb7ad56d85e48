//! `talksearch export`: every talk as one JSON document per line, for a user who outgrows one
//! machine. The posts stay the source of truth; the index, here or in another engine, is derived
//! from them.
//!
//! The documents are flat (no nested objects), so that Meilisearch, Quickwit and Elasticsearch
//! take them as they are, and their `id` uses only the characters Meilisearch allows in a
//! primary key. [`Format::Bulk`] adds the action line Elasticsearch's `_bulk` API expects
//! before each document.

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::index::TalkIndex;
use crate::search::{Hit, for_each_hit};

/// How documents are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// One document per line (Meilisearch, Quickwit, most tools that read NDJSON).
    Ndjson,
    /// Elasticsearch's `_bulk` body: `{"index": {"_index": NAME, "_id": ID}}`, then the document.
    Bulk { index: String },
}

/// One exported talk.
#[derive(Debug, Serialize, PartialEq)]
pub struct ExportedTalk<'a> {
    /// The talk's id with every character other than ASCII letters, digits and `-` written as
    /// `_` and its hex bytes (`.` → `_2e`), so it stays unique and is a valid key everywhere.
    pub id: String,
    /// The id as talksearch's API knows it (`/talks/{talk_id}`).
    pub talk_id: &'a str,
    pub title: &'a str,
    pub speakers: &'a [String],
    /// `talk`, `lightning`, `workshop`, `panel`, or `post` for the post itself (its title and
    /// the text no talk holds).
    pub kind: &'a str,
    pub description: &'a str,
    pub video: &'a [String],
    pub slides: &'a [String],
    pub post_path: &'a str,
    pub post_title: &'a str,
    /// `YYYY-MM-DD`, absent when the post has no date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    pub post_url: &'a str,
    /// The post's URL with a text fragment that scrolls to the talk.
    pub link: &'a str,
}

impl<'a> ExportedTalk<'a> {
    pub fn from_hit(hit: &'a Hit) -> ExportedTalk<'a> {
        let date = hit.post.date.as_deref();
        ExportedTalk {
            id: safe_id(&hit.id),
            talk_id: &hit.id,
            title: &hit.title,
            speakers: &hit.speakers,
            kind: &hit.kind,
            description: &hit.description,
            video: &hit.video,
            slides: &hit.slides,
            post_path: &hit.post.path,
            post_title: &hit.post.title,
            post_date: date,
            year: date.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok()),
            post_url: &hit.post.url,
            link: &hit.link,
        }
    }
}

/// `2017-05-20-may.md:4` → `2017-05-20-may_2emd_3a4`: letters, digits and `-` kept, every
/// other byte escaped, so two ids never map to one.
pub fn safe_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 8);
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(b as char);
        } else {
            out.push_str(&format!("_{b:02x}"));
        }
    }
    out
}

/// Writes every talk of `index` to `out`; returns how many.
pub fn export(index: &TalkIndex, format: &Format, out: &mut impl Write) -> Result<u64> {
    let mut count = 0;
    let io = |source| Error::Io {
        path: "export output".into(),
        source,
    };
    for_each_hit(index, |hit| {
        let doc = ExportedTalk::from_hit(&hit);
        if let Format::Bulk { index } = format {
            let action = serde_json::json!({ "index": { "_index": index, "_id": doc.id } });
            writeln!(out, "{action}").map_err(io)?;
        }
        serde_json::to_writer(&mut *out, &doc).map_err(|e| io(e.into()))?;
        writeln!(out).map_err(io)?;
        count += 1;
        Ok(())
    })?;
    out.flush().map_err(io)?;
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_their_readable_parts_and_stay_unique() {
        assert_eq!(safe_id("2017-05-20-may.md:4"), "2017-05-20-may_2emd_3a4");
        assert_eq!(safe_id("2019/a_b.md:1"), "2019_2fa_5fb_2emd_3a1");
        assert_ne!(safe_id("a_md:1"), safe_id("a.md:1"));
        assert_eq!(safe_id("café.md:1"), "caf_c3_a9_2emd_3a1");
        assert!(
            safe_id("x/y z.md:10")
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
    }
}
