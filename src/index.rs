//! The Tantivy index of talks: its schema, the one writer, and the reader searches share.
//!
//! One document per session, and one per post (kind `post`) that holds the post's title, tags
//! and the text no session took, so that every word of a post can be found. Every document
//! carries its post's path and a hash of the post's bytes, so that the index can be brought up to
//! date with the folder by re-reading only the posts that changed ([`crate::sync`]).
//!
//! Nobody else touches Tantivy's writer: changes come in as [`PostUpdate`]s and are applied in
//! one commit, after which the shared reader is reloaded so searches see them at once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use tantivy::collector::Collector;
use tantivy::query::{EnableScoring, Query};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::{DateTime, Executor, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::error::{Error, PostFailure, Result};
use crate::learn::read::PostStats;
use crate::people::roster::{Directory, Roster, TalkSpeakers};
use crate::post::Post;
use crate::talk::{Kind, Talk};

/// Bump when the schema, the analyzers or the meaning of a field changes: an index written
/// under another version is rebuilt from the posts rather than misread.
pub const SCHEMA_VERSION: u32 = 8;

const PAYLOAD_PREFIX: &str = "talksearch-schema-";

/// Talks from which a search that has the machine to itself is split across the cores by
/// segment. Below, a search takes a few tenths of a millisecond, about what handing segments to
/// other threads costs.
const PARALLEL_MIN_DOCS: u64 = 50_000;

/// Analyzer for prose fields: words, lower-cased, accents folded, English stems.
pub const TEXT_ANALYZER: &str = "talk_en";
/// Analyzer for names: as above, without stemming ("Siva" must not become "siv"). Also used for
/// the `words` field, where typos and prefixes are matched against words as written.
pub const NAME_ANALYZER: &str = "talk_name";

/// Separates the parts of a `suggest` key: the text from the matched word on, the kind of
/// entry, and the text to show.
pub const SUGGEST_SEP: char = '\u{1f}';

/// The threads that search segments in parallel: one per core, shared by every index of the
/// process, started on first use; `None` on one core or if they cannot be started.
fn segment_threads() -> Option<&'static Executor> {
    static THREADS: OnceLock<Option<Executor>> = OnceLock::new();
    THREADS
        .get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            (cores > 1)
                .then(|| Executor::multi_thread(cores, "segment-search-").ok())
                .flatten()
        })
        .as_ref()
}

/// Handles of the schema's fields, looked up once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub speakers: Field,
    pub description: Field,
    pub kind: Field,
    pub video: Field,
    pub slides: Field,
    pub position: Field,
    pub post_path: Field,
    pub post_title: Field,
    pub post_date: Field,
    pub post_day: Field,
    pub post_url: Field,
    pub tags: Field,
    pub post_hash: Field,
    /// [`POST_DEGRADED`] when the post's front matter could not be read and the post was
    /// indexed from its body, so that the problem is reported again after a restart.
    pub post_flags: Field,
    /// "1" on the document of a post that also has talks: that document is the rest of the
    /// post, found by words but left out of listings by filters alone.
    pub post_rest: Field,
    /// Breaks ties between equal scores: newer posts first, then earlier talks of a post
    /// (see [`recency`]). One column, so that ranking reads one value per match for it.
    pub recency: Field,
    /// Every word of the talk as written (title, speakers, description, tags), unstemmed: what
    /// typo-tolerant and prefix matching run on. (The post's title is the title of the post's
    /// own document.)
    pub words: Field,
    /// Speaker names as written, for facets and the speakers list.
    pub speaker_facet: Field,
    /// The links a post gives a speaker's name, `name<TAB>url` each: evidence of who is who
    /// ([`crate::people`]). A column, like the other fields who is who is read from, so that
    /// it is read without the stored documents.
    pub speaker_links: Field,
    /// On a post's own document, what the post adds to what its blog shows of itself
    /// ([`crate::learn::read::PostStats`], as JSON): a post saved later is read in the light of
    /// the others without reading them again. A column, read with the paths at start.
    pub post_stats: Field,
    /// The slides and code of a talk one person gave: evidence of who they are.
    pub speaker_material: Field,
    /// Tags lower-cased, for filters and facets.
    pub tag_key: Field,
    pub year: Field,
    /// Completion keys: for each word of the title and of each speaker's name, the lower-cased
    /// text from that word on, the entry's kind and the text to show, joined by [`SUGGEST_SEP`].
    pub suggest: Field,
}

fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |analyzer: &str| {
        TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(analyzer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored()
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text(TEXT_ANALYZER)),
        speakers: b.add_text_field("speakers", text(NAME_ANALYZER)),
        description: b.add_text_field("description", text(TEXT_ANALYZER)),
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        video: b.add_text_field("video", STORED),
        slides: b.add_text_field("slides", STORED),
        position: b.add_u64_field("position", STORED | FAST),
        post_path: b.add_text_field("post_path", STRING | STORED | FAST),
        // Stored only: a post's title is searched in the post's own document, once, not in each
        // of its talks.
        post_title: b.add_text_field("post_title", STORED),
        post_date: b.add_text_field("post_date", STORED),
        post_day: b.add_date_field("post_day", INDEXED | FAST),
        recency: b.add_u64_field("recency", FAST),
        post_url: b.add_text_field("post_url", STORED),
        tags: b.add_text_field("tags", STRING | STORED),
        post_hash: b.add_u64_field("post_hash", STORED | FAST),
        post_flags: b.add_u64_field("post_flags", FAST),
        post_rest: b.add_text_field("post_rest", STRING),
        words: b.add_text_field(
            "words",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(NAME_ANALYZER)
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        ),
        speaker_facet: b.add_text_field("speaker_facet", STRING | FAST),
        speaker_links: b.add_text_field("speaker_links", FAST),
        post_stats: b.add_text_field("post_stats", FAST),
        speaker_material: b.add_text_field("speaker_material", FAST),
        tag_key: b.add_text_field("tag_key", STRING | FAST),
        year: b.add_u64_field("year", INDEXED | FAST),
        suggest: b.add_text_field("suggest", STRING),
    };
    (b.build(), fields)
}

/// The analyzer of [`TEXT_ANALYZER`]; public so that the indexing baseline
/// (`examples/tantivy_baseline.rs`) reads prose exactly as the index does.
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(crate::stemming::CachedStemmer)
        .build()
}

/// The writer's threads and memory budget. Two threads match the machines we run on; 128 MB
/// keeps segments few during a full build (every post's own text is indexed too: at 10,000
/// posts, 64 MB made four segments where two do, and the extra flushes cost a tenth of the
/// build).
pub const WRITER_THREADS: usize = 2;
pub const WRITER_BUDGET: usize = 128 * 1024 * 1024;

fn register_analyzers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(TEXT_ANALYZER, text_analyzer());
    manager.register(
        NAME_ANALYZER,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    );
}

/// [`Fields::post_flags`] of a post indexed from its body because its front matter was broken.
pub const POST_DEGRADED: u64 = 1;

/// What the index holds for one post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedPost {
    /// Hash of the bytes the post was indexed from.
    pub hash: u64,
    pub talks: u32,
    /// Indexed from its body because its front matter could not be read.
    pub degraded: bool,
    /// What the post adds to what its blog shows of itself, as indexed.
    pub stats: PostStats,
}

/// Everything the index needs to replace one post's documents.
#[derive(Debug, Clone)]
pub struct PostUpdate {
    pub post: Post,
    pub hash: u64,
    pub talks: Vec<Talk>,
    /// The post's own text: the text no talk took ([`crate::extract::Extraction::rest`]) and
    /// the front-matter summary, the description of the post's document.
    pub text: String,
    /// Indexed from its body because its front matter could not be read.
    pub degraded: bool,
    /// [`crate::extract::Extraction::link_words`]: matched in the post's document, not shown.
    pub link_words: String,
    /// What the post adds to what its blog shows of itself.
    pub stats: PostStats,
}

/// The index of talks, shared by the HTTP handlers (read) and the indexer (write).
pub struct TalkIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    /// `None` for an index opened read-only ([`TalkIndex::open_read_only`]).
    writer: Option<Mutex<IndexWriter>>,
    dir: Option<PathBuf>,
    /// Searches running now (see [`TalkIndex::search`]).
    running: AtomicUsize,
    /// [`PARALLEL_MIN_DOCS`], lowered by tests.
    parallel_min_docs: u64,
    /// Who is who among the speakers ([`TalkIndex::directory`]).
    people: Arc<PeopleState>,
    /// The locked pid file of an index on disk, held while the index is open.
    _owner: Option<std::fs::File>,
}

impl std::fmt::Debug for TalkIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TalkIndex")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// How an on-disk index was found when opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// There was no index; a new one was made.
    Created,
    /// An index of the current schema version.
    Existing,
    /// An index of another schema version (or unreadable), which was cleared to be rebuilt.
    Rebuilt,
}

impl TalkIndex {
    /// Opens the index in `dir`, creating the folder and the index if needed. An index written
    /// by another schema version is emptied, so that the caller's sync re-reads every post.
    pub fn open(dir: &Path) -> Result<(TalkIndex, Opened)> {
        std::fs::create_dir_all(dir).map_err(|source| Error::IndexFolder {
            path: dir.to_path_buf(),
            source,
        })?;
        let owner = claim(dir)?;
        let (schema, fields) = build_schema();
        let has_meta = dir.join("meta.json").exists();
        let mut opened = if has_meta { Opened::Existing } else { Opened::Created };
        let index = if has_meta {
            match Index::open_in_dir(dir) {
                Ok(index) if index.schema() == schema && payload_version(&index) == Some(SCHEMA_VERSION) => index,
                _ => {
                    tracing::warn!(dir = %dir.display(), "index was made by another version of talksearch; rebuilding it");
                    clear_index_dir(dir)?;
                    opened = Opened::Rebuilt;
                    Index::create_in_dir(dir, schema)?
                }
            }
        } else {
            Index::create_in_dir(dir, schema)?
        };
        let mut me = TalkIndex::from_index(index, fields)?;
        me.dir = Some(dir.to_path_buf());
        me._owner = Some(owner);
        if opened != Opened::Existing
            && let Some(mut writer) = me.lock_writer()
        {
            // Record the schema version right away, so an empty index is not mistaken for an
            // old one next time.
            me.commit_writer(&mut writer)?;
        }
        Ok((me, opened))
    }

    /// Opens the index in `dir` to read only, beside whoever writes it: no lock is taken, so
    /// `search` and `export` work while `serve` or `index` owns the folder. Fails when there is
    /// no index there or it was written by another version of talksearch (only a writer can
    /// rebuild it).
    pub fn open_read_only(dir: &Path) -> Result<TalkIndex> {
        let no_index = |reason: &str| Error::NoIndex {
            path: dir.to_path_buf(),
            reason: reason.to_string(),
        };
        if !dir.join("meta.json").exists() {
            return Err(no_index("there is no index there; run `talksearch index` first"));
        }
        let (schema, fields) = build_schema();
        let index = Index::open_in_dir(dir)?;
        if index.schema() != schema || payload_version(&index) != Some(SCHEMA_VERSION) {
            return Err(no_index(
                "it was written by another version of talksearch; run `talksearch index` to rebuild it",
            ));
        }
        register_analyzers(&index);
        let mut me = TalkIndex::with_reader(index, fields, None)?;
        me.dir = Some(dir.to_path_buf());
        Ok(me)
    }

    /// A new, empty index in any Tantivy directory: another storage, or one that fails on
    /// purpose to test what a full disk does.
    pub fn in_directory(dir: impl tantivy::Directory) -> Result<TalkIndex> {
        let (schema, fields) = build_schema();
        let index = Index::create(dir, schema, tantivy::IndexSettings::default())?;
        let me = TalkIndex::from_index(index, fields)?;
        if let Some(mut writer) = me.lock_writer() {
            me.commit_writer(&mut writer)?;
        }
        Ok(me)
    }

    /// An index in memory, for tests and one-off runs.
    pub fn in_memory() -> Result<TalkIndex> {
        let (schema, fields) = build_schema();
        TalkIndex::from_index(Index::create_in_ram(schema), fields)
    }

    fn from_index(index: Index, fields: Fields) -> Result<TalkIndex> {
        register_analyzers(&index);
        let writer = index.writer_with_num_threads(WRITER_THREADS, WRITER_BUDGET)?;
        TalkIndex::with_reader(index, fields, Some(writer))
    }

    /// The index with its reader, and its writer unless it is opened read-only (analyzers
    /// registered by the caller).
    fn with_reader(index: Index, fields: Fields, writer: Option<IndexWriter>) -> Result<TalkIndex> {
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(TalkIndex {
            index,
            fields,
            reader,
            writer: writer.map(Mutex::new),
            dir: None,
            running: AtomicUsize::new(0),
            parallel_min_docs: PARALLEL_MIN_DOCS,
            people: Arc::new(PeopleState::default()),
            _owner: None,
        })
    }

    /// Who is who among the speakers of the talks in the index, and each person's talks. The
    /// first call reads the speakers of every talk; after it, each commit updates them, and who
    /// is who is worked out again in the background, so that a save is searchable without
    /// waiting for it: until then this gives the people before the commit.
    pub fn directory(&self) -> Result<Arc<Directory>> {
        let state = &self.people;
        if !state.loaded.load(Ordering::Acquire) {
            let mut roster = state.roster.lock().unwrap_or_else(|e| e.into_inner());
            if roster.is_none() {
                let loaded = self.read_roster()?;
                let version = state.version.load(Ordering::Acquire);
                let directory = match loaded.directory_guarded() {
                    Ok((directory, faulty)) => {
                        state.leave_out(faulty);
                        directory
                    }
                    Err(panic) => {
                        tracing::error!(message = %panic, "working out who is who failed; no one is known yet");
                        Directory::default()
                    }
                };
                *state.directory.write().unwrap_or_else(|e| e.into_inner()) = (version, Arc::new(directory));
                *roster = Some(loaded);
                state.loaded.store(true, Ordering::Release);
            }
        }
        Ok(state.directory.read().unwrap_or_else(|e| e.into_inner()).1.clone())
    }

    /// The posts whose speakers are left out of who is who because working it out failed on
    /// them (their talks are indexed and found as usual), and why.
    pub fn people_failures(&self) -> Vec<PostFailure> {
        let faulty = self.people.faulty.read().unwrap_or_else(|e| e.into_inner());
        faulty
            .iter()
            .map(|(path, message)| PostFailure {
                path: path.clone(),
                reason: format!(
                    "working out who its speakers are failed inside talksearch ({message}); please report it with \
                     this post; its talks are indexed, its speakers left out of /speakers until that is fixed"
                ),
            })
            .collect()
    }

    /// Waits until who is who reflects every commit so far (after a full sync, before serving).
    pub fn settle_people(&self) {
        let state = &self.people;
        while state.loaded.load(Ordering::Acquire)
            && state.directory.read().unwrap_or_else(|e| e.into_inner()).0 != state.version.load(Ordering::Acquire)
        {
            if !state.working.swap(true, Ordering::AcqRel) {
                PeopleState::work(&self.people);
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    /// The speakers of every talk the last commit holds, read from columns (not from the
    /// stored documents: a restart or a `search` of a big blog would wait for them).
    fn read_roster(&self) -> Result<Roster> {
        let searcher = self.searcher();
        let mut by_post: HashMap<String, Vec<TalkSpeakers>> = HashMap::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let (Some(names), Some(posts)) = (fast.str("speaker_facet")?, fast.str("post_path")?) else {
                continue;
            };
            let (links, material) = (fast.str("speaker_links")?, fast.str("speaker_material")?);
            let positions = fast.u64("position")?;
            let days = fast.date("post_day").ok();
            // Ordinals first, then each column's strings in one pass over its dictionary.
            struct Row {
                post: u64,
                position: u64,
                day: Option<i64>,
                names: Vec<u64>,
                links: Vec<u64>,
                material: Vec<u64>,
            }
            let mut rows = Vec::new();
            for doc in segment.doc_ids_alive() {
                let names: Vec<u64> = names.term_ords(doc).collect();
                let Some(post) = posts.term_ords(doc).next() else {
                    continue;
                };
                if names.is_empty() {
                    continue;
                }
                rows.push(Row {
                    post,
                    position: positions.first(doc).unwrap_or(0),
                    day: days
                        .as_ref()
                        .and_then(|d| d.first(doc))
                        .map(|d| d.into_timestamp_secs()),
                    names,
                    links: links.as_ref().map(|c| c.term_ords(doc).collect()).unwrap_or_default(),
                    material: material
                        .as_ref()
                        .map(|c| c.term_ords(doc).collect())
                        .unwrap_or_default(),
                });
            }
            let strings = |column: Option<&tantivy::columnar::StrColumn>, pick: &dyn Fn(&Row) -> &[u64]| {
                let mut ords: Vec<u64> = rows.iter().flat_map(|r| pick(r).iter().copied()).collect();
                ords.sort_unstable();
                ords.dedup();
                let found = column.map(|c| names_of(c, &ords)).unwrap_or_default();
                ords.into_iter().zip(found).collect::<HashMap<u64, String>>()
            };
            let name_of = strings(Some(&names), &|r| &r.names);
            let link_of = strings(links.as_ref(), &|r| &r.links);
            let material_of = strings(material.as_ref(), &|r| &r.material);
            let post_of = strings(Some(&posts), &|r| std::slice::from_ref(&r.post));
            for r in rows {
                let Some(post) = post_of.get(&r.post) else { continue };
                let mut speaker_links: std::collections::BTreeMap<String, Vec<String>> = Default::default();
                for pair in r.links.iter().filter_map(|o| link_of.get(o)) {
                    if let Some((name, url)) = pair.split_once('\t') {
                        speaker_links.entry(name.to_string()).or_default().push(url.to_string());
                    }
                }
                let date = r.day.map(|secs| {
                    crate::date::rfc3339(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs.max(0) as u64))
                        [..10]
                        .to_string()
                });
                by_post.entry(post.clone()).or_default().push(TalkSpeakers {
                    talk: talk_id(post, r.position as u32),
                    date,
                    speakers: r.names.iter().filter_map(|o| name_of.get(o).cloned()).collect(),
                    links: speaker_links,
                    slides: r.material.iter().filter_map(|o| material_of.get(o).cloned()).collect(),
                });
            }
        }
        let mut roster = Roster::default();
        for (post, talks) in by_post {
            roster.set(&post, talks);
        }
        Ok(roster)
    }

    /// After a commit: the roster takes the batch's changes, and who is who is worked out
    /// again off the writer's thread.
    fn update_roster(&self, cleared: bool, changes: Vec<(String, Option<Vec<TalkSpeakers>>)>) {
        let state = &self.people;
        {
            let mut roster = state.roster.lock().unwrap_or_else(|e| e.into_inner());
            // Not read yet: the first call to `directory` reads the committed index.
            let Some(roster) = roster.as_mut() else { return };
            if cleared {
                roster.clear();
            }
            for (post, talks) in changes {
                match talks {
                    Some(talks) => roster.set(&post, talks),
                    None => roster.remove(&post),
                }
            }
            state.version.fetch_add(1, Ordering::AcqRel);
        }
        if !state.working.swap(true, Ordering::AcqRel) {
            let worker = self.people.clone();
            let spawned = std::thread::Builder::new()
                .name("people".into())
                .spawn(move || PeopleState::work(&worker));
            if let Err(e) = spawned {
                tracing::warn!(error = %e, "cannot start a thread to work out who is who; doing it here");
                PeopleState::work(&self.people);
            }
        }
    }

    /// Segments of the last commit.
    pub fn segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Bytes of the index folder on disk (0 for an index in memory).
    pub fn bytes_on_disk(&self) -> u64 {
        let Some(dir) = &self.dir else { return 0 };
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok()?.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }

    /// The field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The Tantivy index (for query building with its analyzers).
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// A searcher on the last commit. Cheap: take one per request.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Runs `collector` over the matches of `query` in `searcher`.
    ///
    /// A search that is the only one running, on an index large enough for it to matter, is
    /// split across the cores by segment, which at 100,000 posts takes the typical search from
    /// about 1 ms to 0.7 ms. Under load every core is busy with a search of its own already,
    /// and splitting would only add hand-offs, so concurrent searches each run on one thread.
    pub fn search<C: Collector>(&self, searcher: &Searcher, query: &dyn Query, collector: &C) -> Result<C::Fruit> {
        struct Running<'a>(&'a AtomicUsize);
        impl Drop for Running<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::AcqRel);
            }
        }
        let alone = self.running.fetch_add(1, Ordering::AcqRel) == 0;
        let _running = Running(&self.running);
        let scoring = if collector.requires_scoring() {
            EnableScoring::enabled_from_searcher(searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        let split = alone && searcher.segment_readers().len() > 1 && searcher.num_docs() >= self.parallel_min_docs;
        let single = Executor::single_thread();
        let executor = match split.then(segment_threads).flatten() {
            Some(threads) => threads,
            None => &single,
        };
        Ok(searcher.search_with_executor(query, collector, executor, scoring)?)
    }

    /// The writer, `None` for an index opened read-only.
    fn lock_writer(&self) -> Option<std::sync::MutexGuard<'_, IndexWriter>> {
        // A panic while holding the lock leaves the writer usable: Tantivy rolls back
        // uncommitted work on the next commit's failure, so poisoning is not fatal here.
        self.writer
            .as_ref()
            .map(|w| w.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    fn commit_writer(&self, writer: &mut IndexWriter) -> Result<()> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&format!("{PAYLOAD_PREFIX}{SCHEMA_VERSION}"));
        prepared.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Replaces the documents of the given posts and removes those of `removed` paths, in one
    /// commit. Readers see all of it or none of it.
    pub fn apply(&self, updates: &[PostUpdate], removed: &[String]) -> Result<()> {
        let mut batch = self.batch();
        for path in removed {
            batch.remove(path);
        }
        for update in updates {
            batch.upsert(update)?;
        }
        batch.commit()
    }

    /// Starts a set of changes that become visible together at [`Batch::commit`]. Holds the
    /// writer until then; dropping the batch without committing leaves the index as it was
    /// for readers. On an index opened read-only every change fails with
    /// [`Error::ReadOnly`].
    pub fn batch(&self) -> Batch<'_> {
        Batch {
            index: self,
            writer: self.lock_writer(),
            committed: false,
            cleared: false,
            speakers: Vec::new(),
        }
    }

    fn documents(&self, u: &PostUpdate) -> Vec<TantivyDocument> {
        let f = &self.fields;
        let post_doc = Talk {
            title: u.post.title.clone(),
            kind: Kind::Post,
            description: u.text.clone(),
            position: 0,
            ..Talk::default()
        };
        std::iter::once(&post_doc)
            .chain(&u.talks)
            .map(|t| {
                let mut doc = TantivyDocument::default();
                doc.add_text(f.id, talk_id(&u.post.path, t.position));
                doc.add_text(f.title, &t.title);
                for s in &t.speakers {
                    doc.add_text(f.speakers, s);
                }
                doc.add_text(f.description, &t.description);
                doc.add_text(f.kind, t.kind.as_str());
                for v in &t.video {
                    doc.add_text(f.video, v);
                }
                for s in &t.slides {
                    doc.add_text(f.slides, s);
                }
                doc.add_u64(f.position, u64::from(t.position));
                doc.add_u64(
                    f.recency,
                    recency(u.post.date.map(|d| d.days_since_epoch()), t.position),
                );
                doc.add_text(f.post_path, &u.post.path);
                doc.add_text(f.post_title, &u.post.title);
                if let Some(date) = u.post.date {
                    doc.add_text(f.post_date, date.to_string());
                    doc.add_date(
                        f.post_day,
                        DateTime::from_timestamp_secs(date.days_since_epoch() * 86_400),
                    );
                }
                doc.add_text(f.post_url, &u.post.url);
                for tag in &u.post.tags {
                    doc.add_text(f.tags, tag);
                    doc.add_text(f.tag_key, tag.to_lowercase());
                }
                doc.add_u64(f.post_hash, u.hash);
                doc.add_u64(f.post_flags, if u.degraded { POST_DEGRADED } else { 0 });
                if t.kind == Kind::Post {
                    doc.add_text(f.post_stats, serde_json::to_string(&u.stats).unwrap_or_default());
                }
                if t.kind == Kind::Post && !u.talks.is_empty() {
                    doc.add_text(f.post_rest, "1");
                }
                if let Some(date) = u.post.date {
                    doc.add_u64(f.year, date.year.max(0) as u64);
                }
                for text in [&t.title, &t.description]
                    .into_iter()
                    .chain(&t.speakers)
                    .chain(&u.post.tags)
                {
                    doc.add_text(f.words, text);
                }
                // Names of what the links point at: the talk's slides, or every link for the post.
                if t.kind == Kind::Post {
                    doc.add_text(f.words, &u.link_words);
                } else {
                    for name in t.slides.iter().filter_map(|s| crate::extract::links::name_words(s)) {
                        doc.add_text(f.words, name);
                    }
                }
                for acronym in acronyms(&t.title) {
                    doc.add_text(f.words, acronym);
                }
                for s in &t.speakers {
                    doc.add_text(f.speaker_facet, s);
                }
                for (name, urls) in &t.speaker_links {
                    for url in urls {
                        doc.add_text(f.speaker_links, format!("{name}\t{url}"));
                    }
                }
                if t.speakers.len() == 1 {
                    for s in &t.slides {
                        doc.add_text(f.speaker_material, s);
                    }
                }
                if t.kind != Kind::Post {
                    for key in suggest_keys(&t.title, "title") {
                        doc.add_text(f.suggest, key);
                    }
                }
                for s in &t.speakers {
                    for key in suggest_keys(s, "speaker") {
                        doc.add_text(f.suggest, key);
                    }
                }
                doc
            })
            .collect()
    }

    /// The posts in the index: the hash of the bytes each was indexed from, and how many talks
    /// it has (0 for a post indexed as a whole).
    pub fn indexed_posts(&self) -> Result<HashMap<String, IndexedPost>> {
        let searcher = self.searcher();
        let mut out: HashMap<String, IndexedPost> = HashMap::new();
        let mut path = String::new();
        let mut kind = String::new();
        let index_err = |e: std::io::Error| Error::Index(e.into());
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let (Some(paths), Some(kinds)) = (fast.str("post_path")?, fast.str("kind")?) else {
                continue;
            };
            let hashes = fast.u64("post_hash")?;
            let flags = fast.u64("post_flags")?;
            let stats = fast.str("post_stats")?;
            let mut json = String::new();
            for doc in segment.doc_ids_alive() {
                let Some(ord) = paths.term_ords(doc).next() else {
                    continue;
                };
                path.clear();
                if !paths.ord_to_str(ord, &mut path).map_err(index_err)? {
                    continue;
                }
                kind.clear();
                if let Some(k) = kinds.term_ords(doc).next() {
                    kinds.ord_to_str(k, &mut kind).map_err(index_err)?;
                }
                let entry = out.entry(path.clone()).or_insert_with(|| IndexedPost {
                    hash: hashes.first(doc).unwrap_or(0),
                    talks: 0,
                    degraded: flags.first(doc).unwrap_or(0) & POST_DEGRADED != 0,
                    stats: PostStats::default(),
                });
                if kind != Kind::Post.as_str() {
                    entry.talks += 1;
                } else if let Some(column) = &stats
                    && let Some(ord) = column.term_ords(doc).next()
                {
                    json.clear();
                    if column.ord_to_str(ord, &mut json).map_err(index_err)? {
                        // Stats that do not read are as good as none: the post is read again
                        // when it changes, and a rebuild reads them all.
                        entry.stats = serde_json::from_str(&json).unwrap_or_default();
                    }
                }
            }
        }
        Ok(out)
    }

    /// Number of documents (talks, plus one per post) in the last commit.
    pub fn num_docs(&self) -> u64 {
        self.searcher().num_docs()
    }

    /// Reads a stored document's text values of one field.
    pub fn texts(doc: &TantivyDocument, field: Field) -> Vec<String> {
        doc.get_all(field)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    }

    /// Reads a stored document's first text value of one field.
    pub fn text(doc: &TantivyDocument, field: Field) -> String {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    }
}

/// Who is who among the speakers of an index, kept beside it ([`TalkIndex::directory`]).
#[derive(Default)]
struct PeopleState {
    /// The speakers of every talk, by post, once something has asked who is who.
    roster: Mutex<Option<Roster>>,
    loaded: AtomicBool,
    /// Changes to the roster so far.
    version: AtomicU64,
    /// Who is who, and the roster version it was worked out from.
    directory: RwLock<(u64, Arc<Directory>)>,
    /// Whether a worker is working it out now.
    working: AtomicBool,
    /// Posts left out of who is who because working it out failed on them, with the message.
    faulty: RwLock<Vec<(String, String)>>,
}

impl PeopleState {
    /// Remembers (and logs) the posts who is who was worked out without, and why.
    fn leave_out(&self, faulty: Vec<(String, String)>) {
        for (path, message) in &faulty {
            tracing::error!(%path, %message, "working out who is who failed on a post; its speakers are left out");
        }
        *self.faulty.write().unwrap_or_else(|e| e.into_inner()) = faulty;
    }

    /// Works out who is who from the roster until it stops changing; `working` is set by the
    /// caller and cleared here.
    fn work(state: &Arc<PeopleState>) {
        state.working.store(true, Ordering::Release);
        loop {
            let (version, snapshot) = {
                let roster = state.roster.lock().unwrap_or_else(|e| e.into_inner());
                (state.version.load(Ordering::Acquire), roster.clone())
            };
            let Some(snapshot) = snapshot else { break };
            // A fault here must not stop the speakers from ever being updated again, nor take
            // the server down: the people before stay, and the next commit tries again.
            // A post it fails on is left out of it, and named.
            let worked = snapshot.directory_guarded();
            {
                let mut current = state.directory.write().unwrap_or_else(|e| e.into_inner());
                match worked {
                    Ok((directory, faulty)) if current.0 < version => {
                        state.leave_out(faulty);
                        *current = (version, Arc::new(directory));
                    }
                    Ok(_) => {}
                    Err(panic) => {
                        tracing::error!(message = %panic, "working out who is who failed; the speakers stay as they were");
                        current.0 = current.0.max(version);
                    }
                }
            }
            if state.version.load(Ordering::Acquire) == version {
                break;
            }
        }
        state.working.store(false, Ordering::Release);
        // A change that came in as the worker stopped, and saw it working, is not left behind.
        let (done, latest) = (
            state.directory.read().unwrap_or_else(|e| e.into_inner()).0,
            state.version.load(Ordering::Acquire),
        );
        if done != latest && !state.working.swap(true, Ordering::AcqRel) {
            PeopleState::work(state);
        }
    }
}

/// Changes to the index that readers see all at once, at [`Batch::commit`].
pub struct Batch<'a> {
    index: &'a TalkIndex,
    writer: Option<std::sync::MutexGuard<'a, IndexWriter>>,
    committed: bool,
    /// Whether every document was dropped.
    cleared: bool,
    /// What the batch changes of each post's speakers (`None`: the post is gone), for the
    /// index's roster at commit.
    speakers: Vec<(String, Option<Vec<TalkSpeakers>>)>,
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if !self.committed
            && let Some(writer) = self.writer.as_mut()
            && let Err(e) = writer.rollback()
        {
            tracing::error!(error = %e, "could not roll back an abandoned index batch");
        }
    }
}

impl Batch<'_> {
    fn writer(&mut self) -> Result<&mut IndexWriter> {
        self.writer.as_deref_mut().ok_or(Error::ReadOnly)
    }

    /// Replaces a post's documents with the ones for `update`.
    pub fn upsert(&mut self, update: &PostUpdate) -> Result<()> {
        self.remove(&update.post.path);
        let docs = self.index.documents(update);
        let writer = self.writer()?;
        for doc in docs {
            writer.add_document(doc)?;
        }
        let date = update.post.date.map(|d| d.to_string());
        let talks = update
            .talks
            .iter()
            .map(|t| TalkSpeakers::of(talk_id(&update.post.path, t.position), date.clone(), t))
            .collect();
        self.speakers.push((update.post.path.clone(), Some(talks)));
        Ok(())
    }

    /// Drops every document.
    pub fn remove_all(&mut self) -> Result<()> {
        self.writer()?.delete_all_documents()?;
        self.cleared = true;
        self.speakers.clear();
        Ok(())
    }

    /// Drops a post's documents (on a read-only index, nothing: its commit fails).
    pub fn remove(&mut self, post_path: &str) {
        let term = Term::from_field_text(self.index.fields.post_path, post_path);
        if let Some(writer) = self.writer.as_mut() {
            writer.delete_term(term);
            self.speakers.push((post_path.to_string(), None));
        }
    }

    /// Commits, and reloads the shared reader so the next search sees the changes.
    ///
    /// A commit that fails (a full disk, a read-only folder) is rolled back when the batch is
    /// dropped: Tantivy's writer loses its indexing threads when a segment cannot be written,
    /// and would otherwise take later documents and drop them without a word. The rollback
    /// starts it afresh, so that the caller's retry writes everything again.
    pub fn commit(mut self) -> Result<()> {
        let index = self.index;
        let result = match self.writer.as_mut() {
            Some(writer) => index.commit_writer(writer),
            None => Err(Error::ReadOnly),
        };
        self.committed = result.is_ok();
        if self.committed {
            index.update_roster(self.cleared, std::mem::take(&mut self.speakers));
        }
        result
    }
}

/// The initials of each run of two or more capitalised words in a title ("Abstract Syntax
/// Trees" → "ast", "Test Driven Development with Django" → "tdd"), so that a searcher who
/// types the abbreviation finds the talk that spells it out.
pub fn acronyms(title: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    let mut flush = |run: &mut String| {
        if run.chars().count() >= 2 {
            out.push(std::mem::take(run));
        }
        run.clear();
    };
    for word in title.split(|c: char| !c.is_alphanumeric()) {
        match word.chars().next() {
            Some(c) if c.is_uppercase() && word.chars().skip(1).any(char::is_lowercase) => {
                run.extend(c.to_lowercase());
            }
            Some(_) => flush(&mut run),
            None => {}
        }
    }
    flush(&mut run);
    out
}

/// The completion keys of one title or name: for each word, the lower-cased text from that word
/// on, then the kind and the text as written ("collector in python␟title␟Garbage Collector in
/// Python"), so that a prefix scan of the term dictionary finds entries by any of their words.
pub fn suggest_keys(text: &str, kind: &str) -> Vec<String> {
    let shown = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if shown.is_empty() || shown.len() > 200 {
        return Vec::new();
    }
    let lower = shown.to_lowercase();
    let mut keys = Vec::new();
    let mut at_word_start = true;
    for (i, c) in lower.char_indices() {
        if c.is_alphanumeric() {
            if at_word_start {
                keys.push(format!("{}{SUGGEST_SEP}{kind}{SUGGEST_SEP}{shown}", &lower[i..]));
            }
            at_word_start = false;
        } else {
            at_word_start = true;
        }
    }
    keys
}

/// Positions within a post that [`recency`] tells apart.
const POSITIONS: u64 = 1 << 20;

/// Higher for a newer post's day, then for an earlier position in the post; undated posts
/// come last.
pub fn recency(days_since_epoch: Option<i64>, position: u32) -> u64 {
    // Days from far before 1970, so that every plausible date is positive.
    let day = days_since_epoch.map_or(0, |d| (d + (1 << 24)).max(1) as u64);
    day * POSITIONS + (POSITIONS - 1 - u64::from(position).min(POSITIONS - 1))
}

/// Whether a document's [`recency`] value is that of a post's own document (position 0).
pub fn is_post_document(recency: u64) -> bool {
    recency % POSITIONS == POSITIONS - 1
}

/// A talk's id: its post's path and its position there, e.g. `2017/may-talks.md:3`. Stable
/// for as long as the post keeps its talks in the same order.
pub fn talk_id(post_path: &str, position: u32) -> String {
    format!("{post_path}:{position}")
}

fn payload_version(index: &Index) -> Option<u32> {
    let metas = index.load_metas().ok()?;
    metas.payload?.strip_prefix(PAYLOAD_PREFIX)?.parse().ok()
}

/// Removes an old index's files, but only files Tantivy writes, so that pointing `--index` at
/// the wrong folder cannot delete someone's documents.
/// Name of the file in an index folder that holds the pid of the talksearch using it.
pub const PID_FILE: &str = "talksearch.pid";

/// Locks the index folder's pid file and writes our pid into it. Tantivy's own lock would only
/// say that "an IndexWriter" holds the folder; this one says which process, and is released by
/// the operating system however the process ends, `kill -9` included.
fn claim(dir: &Path) -> Result<std::fs::File> {
    use std::io::{Read, Write};
    let path = dir.join(PID_FILE);
    let folder_error = |source| Error::IndexFolder {
        path: path.clone(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(folder_error)?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0).map_err(folder_error)?;
            write!(file, "{}", std::process::id()).map_err(folder_error)?;
            Ok(file)
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut pid = String::new();
            let _ = file.read_to_string(&mut pid);
            Err(Error::IndexInUse {
                path: dir.to_path_buf(),
                pid: pid.trim().parse().ok(),
            })
        }
        Err(std::fs::TryLockError::Error(source)) => Err(folder_error(source)),
    }
}

fn clear_index_dir(dir: &Path) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::IndexFolder {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name == "meta.json"
            || name == ".managed.json"
            || name.ends_with(".lock")
            || [".idx", ".pos", ".term", ".store", ".fast", ".fieldnorm", ".del"]
                .iter()
                .any(|ext| name.ends_with(ext));
        if ours {
            std::fs::remove_file(entry.path()).map_err(|source| Error::IndexFolder {
                path: entry.path(),
                source,
            })?;
        }
    }
    Ok(())
}

/// The strings of sorted term ordinals of a column, in one pass over its dictionary (looking
/// each up on its own would decompress a dictionary block per ordinal).
pub(crate) fn names_of(column: &tantivy::columnar::StrColumn, sorted_ords: &[u64]) -> Vec<String> {
    let mut out = Vec::with_capacity(sorted_ords.len());
    let found = column.dictionary().sorted_ords_to_term_cb(sorted_ords, |bytes| {
        out.push(String::from_utf8_lossy(bytes).into_owned())
    });
    if found.is_err() || out.len() != sorted_ords.len() {
        out.resize(sorted_ords.len(), String::new());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post::parse_post;
    use crate::site::Site;

    fn update(path: &str, titles: &[&str], hash: u64) -> PostUpdate {
        let post = parse_post(path, "---\ntitle: P\n---\nbody", &Site::default()).unwrap();
        let talks = titles
            .iter()
            .enumerate()
            .map(|(i, t)| Talk {
                title: t.to_string(),
                position: i as u32 + 1,
                ..Talk::default()
            })
            .collect();
        PostUpdate {
            post,
            hash,
            talks,
            text: "body".into(),
            degraded: false,
            link_words: String::new(),
            stats: PostStats::default(),
        }
    }

    /// A post whose one talk is given by `speaker`, linked to `profile`.
    fn by(path: &str, speaker: &str, profile: &str) -> PostUpdate {
        let mut u = update(path, &["A talk"], 1);
        u.talks[0].speakers = vec![speaker.to_string()];
        u.talks[0].speaker_links = [(speaker.to_string(), vec![profile.to_string()])].into();
        u
    }

    #[test]
    fn commits_change_who_is_who_without_reading_the_index_again() {
        let index = TalkIndex::in_memory().unwrap();
        index
            .apply(&[by("a.md", "Mina", "https://github.com/minaoduya")], &[])
            .unwrap();
        // The first question reads the index; the links stored with the talk come back.
        assert_eq!(index.directory().unwrap().id("a.md", "Mina"), "mina");
        index
            .apply(&[by("b.md", "Mina Oduya", "https://x.com/minaoduya")], &[])
            .unwrap();
        index.settle_people();
        let people = index.directory().unwrap();
        assert_eq!(people.id("a.md", "Mina"), "mina-oduya");
        assert_eq!(people.speakers()[0].links.len(), 2);
        index.apply(&[], &["b.md".to_string()]).unwrap();
        index.settle_people();
        assert_eq!(index.directory().unwrap().id("a.md", "Mina"), "mina");
    }

    #[test]
    fn a_search_split_across_segments_finds_what_one_thread_finds() {
        let mut index = TalkIndex::in_memory().unwrap();
        index.parallel_min_docs = 0;
        for n in 0..4 {
            let titles: Vec<String> = (0..5).map(|k| format!("Talk {n} {k} about parsers")).collect();
            let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
            index.apply(&[update(&format!("p{n}.md"), &titles, n)], &[]).unwrap();
        }
        let searcher = index.searcher();
        assert!(searcher.segment_readers().len() > 1);
        let query = tantivy::query::TermQuery::new(
            Term::from_field_text(index.fields().title, "parser"),
            IndexRecordOption::WithFreqs,
        );
        let collector = (
            tantivy::collector::TopDocs::with_limit(7).order_by_score(),
            tantivy::collector::Count,
        );
        let split = index.search(&searcher, &query, &collector).unwrap();
        let one_thread = searcher.search(&query, &collector).unwrap();
        assert_eq!(split.1, 20);
        assert_eq!(split, one_thread);
    }

    #[test]
    fn a_reader_opens_beside_the_writer_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            TalkIndex::open_read_only(dir.path()),
            Err(Error::NoIndex { .. })
        ));
        let (writer, _) = TalkIndex::open(dir.path()).unwrap();
        let post = crate::post::parse_post(
            "2020-01-10-jan.md",
            "---\ntitle: January\n---\nWe met.\n",
            &crate::site::Site::default(),
        )
        .unwrap();
        let update = PostUpdate {
            post,
            hash: 1,
            talks: Vec::new(),
            text: "We met at the library.".into(),
            degraded: false,
            link_words: String::new(),
            stats: PostStats::default(),
        };
        writer.apply(std::slice::from_ref(&update), &[]).unwrap();
        // The writer still owns the folder; a reader opens beside it and sees what it wrote.
        let reader = TalkIndex::open_read_only(dir.path()).expect("read beside the writer");
        assert_eq!(reader.searcher().num_docs(), writer.searcher().num_docs());
        assert!(reader.searcher().num_docs() > 0);
        let mut batch = reader.batch();
        assert!(matches!(batch.upsert(&update), Err(Error::ReadOnly)));
        batch.remove("2020-01-10-jan.md");
        assert!(matches!(batch.commit(), Err(Error::ReadOnly)));
        assert!(matches!(TalkIndex::open(dir.path()), Err(Error::IndexInUse { .. })));

        // An index of another version is not rebuilt by a reader: the user hears what to run.
        let other = tempfile::tempdir().unwrap();
        let mut schema = tantivy::schema::Schema::builder();
        schema.add_text_field("something_else", tantivy::schema::TEXT);
        Index::create_in_dir(other.path(), schema.build()).unwrap();
        let err = TalkIndex::open_read_only(other.path()).unwrap_err();
        assert!(err.to_string().contains("another version of talksearch"), "{err}");
        assert!(err.to_string().contains("run `talksearch index`"), "{err}");
        let none = TalkIndex::open_read_only(&other.path().join("missing")).unwrap_err();
        assert!(none.to_string().contains("run `talksearch index` first"), "{none}");
        assert!(
            Error::ReadOnly
                .to_string()
                .contains("only `index` and `serve` write it")
        );
    }

    #[test]
    fn a_second_open_of_the_same_folder_names_the_pid_that_has_it() {
        let dir = tempfile::tempdir().unwrap();
        let (first, _) = TalkIndex::open(dir.path()).unwrap();
        let err = TalkIndex::open(dir.path()).unwrap_err();
        assert!(
            matches!(err, Error::IndexInUse { pid: Some(p), .. } if p == std::process::id()),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains(&format!("in use by pid {}", std::process::id()))
        );
        drop(first);
        TalkIndex::open(dir.path()).expect("free again once the first is closed");
    }

    #[test]
    fn recency_orders_by_day_then_position_with_undated_last() {
        assert!(recency(Some(100), 1) > recency(Some(99), 1));
        assert!(recency(Some(100), 1) > recency(Some(100), 2));
        assert!(recency(Some(100), 99) > recency(Some(99), 1));
        assert!(recency(Some(-5000), 9) > recency(None, 1));
        assert!(is_post_document(recency(Some(100), 0)) && is_post_document(recency(None, 0)));
        assert!(!is_post_document(recency(Some(100), 1)));
    }

    #[test]
    fn apply_replaces_a_posts_talks_and_tracks_hashes() {
        let index = TalkIndex::in_memory().unwrap();
        index
            .apply(&[update("a.md", &["One", "Two"], 1), update("b.md", &[], 2)], &[])
            .unwrap();
        assert_eq!(index.num_docs(), 4); // two talks + a document for each post
        index.apply(&[update("a.md", &["Only"], 3)], &[]).unwrap();
        assert_eq!(index.num_docs(), 3);
        let mut degraded = update("b.md", &[], 4);
        degraded.degraded = true;
        index.apply(&[degraded], &[]).unwrap();
        let posts = index.indexed_posts().unwrap();
        assert_eq!(
            posts.get("a.md"),
            Some(&IndexedPost {
                hash: 3,
                talks: 1,
                degraded: false,
                stats: PostStats::default(),
            })
        );
        assert_eq!(
            posts.get("b.md"),
            Some(&IndexedPost {
                hash: 4,
                talks: 0,
                degraded: true,
                stats: PostStats::default(),
            })
        );
        index.apply(&[], &["b.md".to_string()]).unwrap();
        assert_eq!(index.num_docs(), 2);
    }

    #[test]
    fn reopening_keeps_documents_and_another_schema_version_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        {
            let (index, opened) = TalkIndex::open(dir.path()).unwrap();
            assert_eq!(opened, Opened::Created);
            index.apply(&[update("a.md", &["One"], 1)], &[]).unwrap();
        }
        {
            let (index, opened) = TalkIndex::open(dir.path()).unwrap();
            assert_eq!(opened, Opened::Existing);
            assert_eq!(index.num_docs(), 2);
            // Pretend an older talksearch wrote it.
            let mut w = index.lock_writer().expect("a writable index");
            let mut prepared = w.prepare_commit().unwrap();
            prepared.set_payload("talksearch-schema-0");
            prepared.commit().unwrap();
        }
        let (index, opened) = TalkIndex::open(dir.path()).unwrap();
        assert_eq!(opened, Opened::Rebuilt);
        assert_eq!(index.num_docs(), 0);
    }
}
