//! criterion benchmarks of the indexing side: extraction throughput (MB/s of Markdown: the
//! readers alone, and with the learnt model as the service reads), the blog's people worked out
//! from every talk, and a full index build, on the synthetic corpus.
//!
//! `cargo bench --bench throughput`. Under `cargo test` each benchmark runs once.

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use talksearch::extract::{Presenters, extract_talks, extract_talks_guarded};
use talksearch::guard;
use talksearch::index::{TalkIndex, talk_id};
use talksearch::learn::read::{Read, embedded, read_blog};
use talksearch::people::roster::{Roster, TalkSpeakers};
use talksearch::post::parse_post;
use talksearch::site::Site;
use talksearch::sync::sync_folder;

fn extraction(c: &mut Criterion) {
    let posts: Vec<(String, String)> = (0..300).map(|i| (corpus::file_name(i), corpus::post(i).0)).collect();
    let bytes: usize = posts.iter().map(|(_, text)| text.len()).sum();
    let permalink = Site::default();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("300 posts: front matter, Markdown, talks", |b| {
        b.iter(|| {
            for (path, text) in &posts {
                let post = parse_post(path, text, &permalink).expect("post");
                black_box(extract_talks(&post));
            }
        })
    });
    // As a sync reads them: each stage behind the boundary that keeps a panic in its post.
    group.bench_function("300 posts, behind the per-post boundary", |b| {
        b.iter(|| {
            for (path, text) in &posts {
                let mut post = guard::catch(|| parse_post(path, text, &permalink))
                    .expect("no panic")
                    .expect("post");
                black_box(extract_talks_guarded(&mut post, &Presenters::default()));
            }
        })
    });
    // What extract, index and serve do: the readers' proposals, then the model deciding each
    // post in the light of the others.
    group.bench_function("300 posts, read with the model", |b| {
        b.iter(|| {
            let reads: Vec<Read> = posts
                .iter()
                .map(|(path, text)| {
                    let post = parse_post(path, text, &permalink).expect("post");
                    let rules = extract_talks(&post);
                    Read::new(path.clone(), post, rules)
                })
                .collect();
            black_box(read_blog(&reads, embedded()));
        })
    });
    group.finish();
}

/// Who is who across a big blog: what the index works out again after each commit, from the
/// speakers of every talk.
fn people(c: &mut Criterion) {
    let permalink = Site::default();
    let mut roster = Roster::default();
    for i in 0..10_000 {
        let (path, text) = (corpus::file_name(i), corpus::post(i).0);
        let post = parse_post(&path, &text, &permalink).expect("post");
        let date = post.date.map(|d| d.to_string());
        let talks = extract_talks(&post).talks;
        roster.set(
            &path,
            talks
                .iter()
                .map(|t| TalkSpeakers::of(talk_id(&path, t.position), date.clone(), t))
                .collect(),
        );
    }
    let mut group = c.benchmark_group("people");
    group.sample_size(10);
    group.bench_function("10,000 posts' speakers into people", |b| {
        b.iter(|| black_box(roster.directory()))
    });
    group.finish();
}

fn index_build(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let posts = dir.path().join("posts");
    corpus::write(&posts, 1_000).expect("corpus");
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.bench_function("1,000 posts from disk into a new index", |b| {
        b.iter(|| {
            let index = TalkIndex::in_memory().expect("index");
            black_box(sync_folder(&index, &posts, &Site::default(), false).expect("sync"));
        })
    });
    group.finish();
}

criterion_group!(benches, extraction, people, index_build);
criterion_main!(benches);
