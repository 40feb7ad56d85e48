//! Completions for a search box: talk titles and speaker names that have a word starting with
//! what was typed. They come straight from the term dictionary of the `suggest` field (see
//! [`crate::index::suggest_keys`]), so they follow every commit with no side structure to
//! rebuild, and a lookup is a prefix scan of at most a few hundred keys.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::Searcher;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};

use crate::error::{Error, Result};
use crate::index::{SUGGEST_SEP, TalkIndex};

/// Most completions returned.
pub const MAX_SUGGESTIONS: usize = 8;
/// Most dictionary keys looked at for one prefix; a very short prefix stops early.
const SCAN_LIMIT: usize = 400;

/// One completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The title or name as written.
    pub text: String,
    /// `title` or `speaker`.
    pub kind: String,
    /// Talks with this title or by this speaker.
    pub talks: u32,
}

/// Completions of `q`, best first: entries whose first word matches before those matched on a
/// later word, speakers with more talks first, shorter entries first.
pub fn suggest(index: &TalkIndex, q: &str) -> Result<Vec<Suggestion>> {
    let prefix = q.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if prefix.is_empty() || prefix.len() > 100 {
        return Ok(Vec::new());
    }
    let searcher = index.searcher();
    // Live talks per key, summed over segments; an entry matched by several of its words
    // counts its talks once.
    let mut per_key: HashMap<String, u32> = HashMap::new();
    scan(index, &searcher, &prefix, &mut per_key)?;
    let mut entries: HashMap<(String, String), (u32, bool)> = HashMap::new();
    for (key, live) in per_key {
        let mut parts = key.split(SUGGEST_SEP);
        let (Some(from_word), Some(kind), Some(text)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let first_word = text.to_lowercase().starts_with(from_word);
        let e = entries
            .entry((kind.to_string(), text.to_string()))
            .or_insert((0, false));
        e.0 = e.0.max(live);
        e.1 |= first_word;
    }
    let mut out: Vec<(bool, Suggestion)> = entries
        .into_iter()
        .map(|((kind, text), (talks, first_word))| (first_word, Suggestion { text, kind, talks }))
        .collect();
    out.sort_by(|(fa, a), (fb, b)| {
        fb.cmp(fa)
            .then_with(|| b.talks.cmp(&a.talks))
            .then_with(|| a.text.len().cmp(&b.text.len()))
            .then_with(|| a.text.cmp(&b.text))
    });
    Ok(out.into_iter().take(MAX_SUGGESTIONS).map(|(_, s)| s).collect())
}

fn scan(index: &TalkIndex, searcher: &Searcher, prefix: &str, found: &mut HashMap<String, u32>) -> Result<()> {
    let field = index.fields().suggest;
    let mut upper = prefix.as_bytes().to_vec();
    upper.push(0xff); // no UTF-8 byte is 0xff: everything starting with `prefix` sorts below
    let io = |e: std::io::Error| Error::Index(e.into());
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .lt(&upper)
            .into_stream()
            .map_err(io)?;
        let mut seen = 0;
        while stream.advance() && seen < SCAN_LIMIT {
            seen += 1;
            let Ok(key) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            // The talks with this key. Deleted ones linger in a segment until it is merged: in a
            // segment with deletions, a key counts only if some talk of it is still alive (the
            // count may then include a few deleted ones; walking every posting of a prolific
            // speaker for an exact count would cost more than the completion is worth).
            let info = stream.value();
            let live = if segment.num_deleted_docs() == 0 {
                info.doc_freq
            } else {
                let mut postings = inverted
                    .read_postings_from_terminfo(info, IndexRecordOption::Basic)
                    .map_err(io)?;
                let mut doc = postings.doc();
                while doc != TERMINATED && segment.is_deleted(doc) {
                    doc = postings.advance();
                }
                if doc == TERMINATED { 0 } else { info.doc_freq }
            };
            if live == 0 {
                continue;
            }
            // Keys are split into their parts once, after the scan: most repeat across segments.
            match found.get_mut(key) {
                Some(n) => *n += live,
                None => {
                    found.insert(key.to_string(), live);
                }
            }
        }
    }
    Ok(())
}
