//! Indexes a folder of posts with Tantivy alone: the floor `talksearch index` is measured
//! against (`benches/index_baseline.sh` runs both, alternating, and prints the ratio).
//!
//! ```text
//! cargo run --release --example tantivy_baseline -- POSTS INDEX
//! ```
//!
//! One document a post, its title and its body, both stored and indexed with positions by the
//! analyzer talksearch gives prose (the same words, folding and English stems), by a writer
//! with talksearch's threads and memory budget, committed once. Nothing of what talksearch adds
//! (sessions, people, links, the blog's evidence) is done: what is left between the two is
//! what those cost.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use talksearch::index::{TEXT_ANALYZER, WRITER_BUDGET, WRITER_THREADS, text_analyzer};
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, TantivyDocument};

fn main() -> Result<()> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [posts, out] = args.as_slice() else {
        bail!("usage: tantivy_baseline POSTS INDEX");
    };
    let started = Instant::now();
    // The posts talksearch would read: the same walk, so the two index the same files.
    let files = talksearch::folder::list_posts(posts)?.posts;
    std::fs::create_dir_all(out).with_context(|| out.display().to_string())?;
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TEXT_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let title = b.add_text_field("title", text.clone());
    let body = b.add_text_field("body", text);
    let index = Index::create_in_dir(out, b.build()).with_context(|| out.display().to_string())?;
    index.tokenizers().register(TEXT_ANALYZER, text_analyzer());
    let mut writer = index.writer_with_num_threads(WRITER_THREADS, WRITER_BUDGET)?;
    let mut bytes = 0;
    for file in &files {
        let raw = std::fs::read(&file.abs).with_context(|| file.abs.display().to_string())?;
        bytes += raw.len();
        let text = String::from_utf8_lossy(&raw);
        let (t, rest) = split(&text);
        let mut doc = TantivyDocument::default();
        doc.add_text(title, t);
        doc.add_text(body, rest);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!(
        "{} posts, {:.1} MB, indexed by Tantivy alone in {:.2} s",
        files.len(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A post's title (its front matter's `title:` line) and the rest of its text.
fn split(text: &str) -> (&str, &str) {
    let Some(front) = text.strip_prefix("---\n") else {
        return ("", text);
    };
    let Some(end) = front.find("\n---") else {
        return ("", text);
    };
    let title = front[..end]
        .lines()
        .find_map(|l| l.strip_prefix("title:"))
        .map_or("", |t| t.trim().trim_matches(['"', '\'']));
    let body = front[end + 4..].trim_start_matches(['-', '\n']);
    (title, body)
}
