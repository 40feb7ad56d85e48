//! Keeping the index in step with the posts folder: read the posts that are new or changed, drop
//! the ones that are gone, leave the rest alone.
//!
//! [`FolderSync`] remembers what the index holds for each post (a hash of its bytes), so a
//! restart re-reads only changed posts and a watched save re-reads only the saved post. A post
//! that fails to read keeps whatever the index last had for it; the failure is kept, with its
//! path, until the author fixes or removes the file.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;

pub use crate::error::PostFailure;
use crate::error::{Error, Result};
use crate::extract::{Extraction, Presenters, extract_guarded, extract_talks_knowing};
use crate::folder::{self, PostFile};
use crate::index::{IndexedPost, PostUpdate, TalkIndex};
use crate::learn::model::Model;
use crate::learn::read::{Blog, PostStats, embedded, read_post, stats_of};
use crate::paths;
use crate::post::{Post, PostDate, PostError};
use crate::site::Site;

/// Most talks indexed from one post. The busiest meetup reports list a dozen; a post with
/// thousands is a generated file or an attack on the ranking, and is refused like a broken post
/// (its last good version stays).
pub const MAX_TALKS_PER_POST: usize = 1000;

/// What one sync did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SyncReport {
    /// Post files looked at.
    pub posts: usize,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Documents in the index afterwards (talks, plus one per post).
    pub documents: u64,
    /// Posts that failed to read in this sync, or whose front matter could not be read (those
    /// are indexed from their body unless an earlier good version is in the index).
    pub failures: Vec<PostFailure>,
    /// Drafts left out of the index (`draft: true`, `published: false`).
    pub drafts: usize,
    /// Posts the site's generator does not publish (a file in Jekyll's `_posts` without a date,
    /// a post dated after today), left out of the index, with why.
    pub skipped: Vec<PostFailure>,
    /// Posts the site publishes at one URL (it keeps only one of them), a line per URL.
    pub warnings: Vec<String>,
    /// The posts added, updated or removed, for the log.
    #[serde(skip)]
    pub changed: Vec<String>,
    /// When the changes were committed; `None` when there was nothing to change.
    #[serde(skip)]
    pub committed: Option<SystemTime>,
    #[serde(skip)]
    pub took: Duration,
}

/// How a sync finds a post's proposals: [`extract_talks_knowing`], but for the tests of the
/// boundary around it.
type Extractor = fn(&Post, &Presenters) -> Extraction;

/// Everything the index stores for one post: its talks (the readers' proposals, knowing who
/// presents in the blog's other posts, decided by `model` in the light of `blog`) and its own
/// text; also the plain names that open its sentences and are no one known
/// ([`crate::extract::Extraction::openers`]). Each stage behind the boundary a panic does not
/// cross.
fn prepare_update(
    post: Post,
    hash: u64,
    presenters: &Presenters,
    extract: Extractor,
    blog: &Blog,
    model: Option<&Model>,
) -> (PostUpdate, Vec<String>) {
    let mut post = post;
    let proposed = extract_guarded(&mut post, |post| extract(post, presenters));
    let (found, stats) = read_post(&post, proposed, blog, model);
    for warning in &found.warnings {
        tracing::debug!(post = %post.path, %warning, "extraction");
    }
    // The summary last: a snippet or a link's passage should come from the page's own text
    // when it matches there too (a front-matter summary may not be shown on the page).
    let text = if post.summary.is_empty() {
        found.rest
    } else {
        format!("{}\n{}", found.rest, post.summary)
    };
    // The index never stores the Markdown: let it go before the update waits for the writer.
    post.body = String::new();
    let degraded = post.problem.is_some();
    let update = PostUpdate {
        post,
        hash,
        talks: found.talks,
        text,
        degraded,
        link_words: found.link_words,
        stats,
    };
    (update, found.openers)
}

/// Syncs the index with the whole folder in one commit. With `rebuild`, every post is re-read
/// and the index starts empty.
pub fn sync_folder(index: &TalkIndex, posts_dir: &Path, site: &Site, rebuild: bool) -> Result<SyncReport> {
    FolderSync::new(index, posts_dir, site.clone())?.sync_all(index, rebuild)
}

/// The one owner of the index's writes for a posts folder.
#[derive(Debug)]
pub struct FolderSync {
    root: PathBuf,
    site: Site,
    /// What the index holds, by post path.
    known: HashMap<String, IndexedPost>,
    /// Posts that currently fail to read, by path.
    failures: BTreeMap<String, String>,
    /// Posts the site does not publish, by path, with why.
    skipped: BTreeMap<String, String>,
    /// The URL of each post read since this started, to see two published at one.
    urls: HashMap<String, String>,
    /// Who presents in the posts read so far: evidence for posts that name them plainly.
    /// Learnt from the index at the start and from each post read since; a name learnt from
    /// a saved post helps the posts read after it (and every post at a rebuild), not the
    /// unchanged ones already indexed.
    presenters: Presenters,
    extract: Extractor,
    /// What the indexed posts show of how the blog is written, summed from their
    /// [`IndexedPost::stats`]: the light each post is read in.
    blog: Blog,
    model: Option<&'static Model>,
}

/// Where to look for changes.
enum Scope {
    /// A post file, or a path that no longer exists.
    Path(String, PathBuf),
    /// A folder inside the posts folder (or the posts folder itself): its posts, and the end
    /// of the posts the index has under it.
    Folder(Option<String>, PathBuf),
}

impl FolderSync {
    /// Starts from what `index` holds.
    pub fn new(index: &TalkIndex, root: &Path, site: Site) -> Result<FolderSync> {
        let known = index.indexed_posts()?;
        let blog = known.values().map(|p| &p.stats).collect();
        // The watcher reports absolute, resolved paths; the root must be written the same way
        // for paths to be matched against it.
        Ok(FolderSync {
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            site,
            known,
            failures: BTreeMap::new(),
            skipped: BTreeMap::new(),
            urls: HashMap::new(),
            // Who is who is read from the index once, here; each commit keeps it up to date.
            presenters: {
                let mut p = Presenters::default();
                let people = index.directory()?.speakers();
                p.learn_names(
                    people
                        .iter()
                        .flat_map(|s| std::iter::once(&s.name).chain(&s.aliases))
                        .map(String::as_str),
                );
                p
            },
            extract: extract_talks_knowing,
            blog,
            model: embedded(),
        })
    }

    /// The posts folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Posts in the index.
    pub fn posts(&self) -> usize {
        self.known.len()
    }

    /// Talks in the index (posts indexed as a whole not counted).
    pub fn talks(&self) -> u64 {
        self.known.values().map(|p| u64::from(p.talks)).sum()
    }

    /// Talks the index has for one post.
    pub fn talks_of(&self, path: &str) -> u32 {
        self.known.get(path).map_or(0, |p| p.talks)
    }

    /// Posts that currently fail to read, and why.
    pub fn failures(&self) -> Vec<PostFailure> {
        self.failures
            .iter()
            .map(|(path, reason)| PostFailure {
                path: path.clone(),
                reason: reason.clone(),
            })
            .collect()
    }

    /// What reading a post of this folder needs, knowing who presents so far.
    fn reading(&self, today: PostDate) -> Reading<'_> {
        Reading {
            root: &self.root,
            known: &self.known,
            failures: &self.failures,
            site: &self.site,
            presenters: &self.presenters,
            extract: self.extract,
            blog: &self.blog,
            model: self.model,
            today,
        }
    }

    /// Posts that the site publishes at one URL, a line per URL naming them.
    fn shared_urls(&self) -> Vec<String> {
        let mut by_url: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (path, url) in &self.urls {
            by_url.entry(url).or_default().push(path);
        }
        by_url
            .into_iter()
            .filter(|(_, paths)| paths.len() > 1)
            .map(|(url, mut paths)| {
                paths.sort_unstable();
                let all = if paths.len() == 2 { "both" } else { "all" };
                format!(
                    "{} are {all} published at {url}: the site keeps only one of them",
                    paths.join(" and ")
                )
            })
            .collect()
    }

    /// Posts the site does not publish, and why.
    pub fn skipped(&self) -> Vec<PostFailure> {
        self.skipped
            .iter()
            .map(|(path, reason)| PostFailure {
                path: path.clone(),
                reason: reason.clone(),
            })
            .collect()
    }

    /// Brings the whole folder in: new and changed posts read, deleted ones dropped; returns
    /// once who is who reflects it.
    pub fn sync_all(&mut self, index: &TalkIndex, rebuild: bool) -> Result<SyncReport> {
        if !self.root.is_dir() {
            return Err(Error::NoPostsFolder(self.root.clone()));
        }
        let root = self.root.clone();
        let report = self.sync(index, vec![Scope::Folder(None, root)], rebuild)?;
        // A whole folder read (at start, or when the watcher lost track): who is who is worked
        // out before anyone asks.
        index.settle_people();
        Ok(report)
    }

    /// Brings in what changed at `paths` (files or folders inside the posts folder, existing or
    /// not): a saved post is re-read, a deleted or moved-away one dropped, a new folder read
    /// whole. Everything lands in one commit.
    pub fn sync_paths(&mut self, index: &TalkIndex, paths: &[PathBuf]) -> Result<SyncReport> {
        let mut scopes = Vec::new();
        for path in paths {
            let Some(rel) = folder::relative(&self.root, path) else {
                if path == &self.root {
                    scopes.push(Scope::Folder(None, path.clone()));
                }
                continue;
            };
            // Hidden files and folders (editor swap files, .git) are not posts.
            if rel.split('/').any(|part| part.starts_with('.')) {
                continue;
            }
            if path.is_dir() {
                scopes.push(Scope::Folder(Some(rel), path.clone()));
            } else {
                scopes.push(Scope::Path(rel, path.clone()));
            }
        }
        self.sync(index, scopes, false)
    }

    /// One sync over `scopes`; with `rebuild`, the index is emptied and every post re-read, in
    /// the same commit (readers never see an empty index).
    fn sync(&mut self, index: &TalkIndex, scopes: Vec<Scope>, rebuild: bool) -> Result<SyncReport> {
        let synced = self.sync_once(index, scopes, rebuild);
        if synced.is_err() {
            // Nothing was committed: the blog is what the index holds.
            self.blog = self.known.values().map(|p| &p.stats).collect();
        }
        synced
    }

    fn sync_once(&mut self, index: &TalkIndex, scopes: Vec<Scope>, rebuild: bool) -> Result<SyncReport> {
        let start = Instant::now();
        let before_rebuild = if rebuild {
            std::mem::take(&mut self.known)
        } else {
            HashMap::new()
        };
        // What is on disk in the scopes, and which indexed posts the scopes cover.
        let mut files: BTreeMap<String, PostFile> = BTreeMap::new();
        let mut covered: Vec<String> = Vec::new();
        // Links out of the posts folder: never read, named, and dropped if the index had them.
        let mut refused: Vec<PostFailure> = Vec::new();
        for scope in scopes {
            match scope {
                Scope::Folder(prefix, dir) => {
                    let found = match &prefix {
                        None => folder::list_posts(&dir)?,
                        Some(_) => folder::list_posts_under(&self.root, &dir)?,
                    };
                    for f in found.posts {
                        files.insert(f.rel.clone(), f);
                    }
                    refused.extend(found.refused);
                    let under = prefix.map(|p| format!("{p}/"));
                    let in_scope = |path: &String| under.as_ref().is_none_or(|u| path.starts_with(u));
                    covered.extend(self.known.keys().filter(|p| in_scope(p)).cloned());
                    covered.extend(self.failures.keys().filter(|p| in_scope(p)).cloned());
                }
                Scope::Path(rel, abs) => {
                    let name = rel.rsplit('/').next().unwrap_or(&rel);
                    // A link out of the folder is refused when it is read (`Read::Refused`).
                    if abs.is_file() && folder::is_post_name(name) {
                        files.insert(rel.clone(), PostFile { rel: rel.clone(), abs });
                    }
                    // A path that is gone may have been a folder of posts.
                    let under = format!("{rel}/");
                    covered.extend(self.known.keys().filter(|p| p.starts_with(&under)).cloned());
                    covered.extend(self.failures.keys().filter(|p| p.starts_with(&under)).cloned());
                    covered.push(rel);
                }
            }
        }

        let mut report = SyncReport {
            posts: files.len(),
            ..SyncReport::default()
        };
        let gone: Vec<String> = {
            let mut g: Vec<String> = covered.into_iter().filter(|p| !files.contains_key(p)).collect();
            g.sort();
            g.dedup();
            g
        };
        let removed: Vec<&String> = gone.iter().filter(|p| self.known.contains_key(*p)).collect();
        // After a rebuild, posts that were indexed and are no longer in the folder count as removed.
        report.removed += before_rebuild.keys().filter(|p| !files.contains_key(*p)).count();

        // Posts are read and their talks extracted on several threads while this one feeds
        // them to the writer as they come; the writer is taken at the first change, so a sync
        // that changes nothing never touches it.
        let files: Vec<&PostFile> = files.values().collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        let (tx, rx) = std::sync::mpsc::sync_channel::<Read>(64);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let today = PostDate::of_time(SystemTime::now());
        // Before any post is decided, what the posts about to be read add to what the blog
        // shows of itself: each is then read in the light of all the others, whichever order
        // the threads take them in (the talks a whole-folder `extract` gives).
        if rebuild {
            self.blog = Blog::default();
        }
        for path in &gone {
            if let Some(old) = self.known.get(path) {
                self.blog.remove(&old.stats);
            }
        }
        let learnt_stats = learn_blog(&self.reading(today), &files, threads);
        for (rel, new) in &learnt_stats {
            if let Some(old) = self.known.get(rel) {
                self.blog.remove(&old.stats);
            }
            if let Some(new) = new {
                self.blog.add(new);
            }
        }
        let mut urls: Vec<(String, String)> = Vec::new();
        let reading = self.reading(today);
        let known = &self.known;
        let mut skipped: Vec<PostFailure> = Vec::new();
        // Posts whose sentences open with a plain name no one knew yet, to read again once this
        // sync has seen who presents.
        let mut openers: Vec<(String, Vec<String>)> = Vec::new();
        let mut learnt = Presenters::default();
        let mut batch: Option<crate::index::Batch<'_>> = None;
        let mut changed: Vec<(String, IndexedPost, bool)> = Vec::new();
        let mut failed = Vec::new();
        let mut drafts: Vec<String> = Vec::new();
        let mut write_error = None;
        std::thread::scope(|scope| {
            for _ in 0..threads.min(files.len()) {
                let tx = tx.clone();
                let (files, next) = (&files, &next);
                scope.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break };
                        if tx.send(read(&reading, file)).is_err() {
                            break; // the writer gave up
                        }
                    }
                });
            }
            drop(tx);
            if rebuild || !removed.is_empty() {
                let b = batch.insert(index.batch());
                if rebuild && let Err(e) = b.remove_all() {
                    write_error = Some(e);
                    return;
                }
                for path in &removed {
                    b.remove(path);
                }
            }
            for result in rx {
                match result {
                    Read::Unchanged => report.unchanged += 1,
                    Read::Failed(f) => {
                        tracing::warn!(path = %f.path, reason = %f.reason, "post not indexed; its last good version stays");
                        failed.push(f);
                    }
                    Read::Draft(path) => {
                        report.drafts += 1;
                        if known.contains_key(&path) {
                            batch.get_or_insert_with(|| index.batch()).remove(&path);
                            drafts.push(path);
                        }
                    }
                    Read::Skipped(f) => {
                        if known.contains_key(&f.path) {
                            batch.get_or_insert_with(|| index.batch()).remove(&f.path);
                            drafts.push(f.path.clone());
                        }
                        skipped.push(f);
                    }
                    Read::Refused(f) => {
                        tracing::warn!(path = %f.path, "a link out of the posts folder is not read");
                        if known.contains_key(&f.path) {
                            batch.get_or_insert_with(|| index.batch()).remove(&f.path);
                            drafts.push(f.path.clone());
                        }
                        failed.push(f);
                    }
                    Read::Update(update, existed, names) => {
                        learnt.learn(&update.talks);
                        if !names.is_empty() {
                            openers.push((update.post.path.clone(), names));
                        }
                        let b = batch.get_or_insert_with(|| index.batch());
                        if let Err(e) = b.upsert(&update) {
                            write_error = Some(e);
                            return;
                        }
                        for warning in &update.post.warnings {
                            tracing::warn!(path = %update.post.path, %warning, "post read leniently");
                        }
                        if let Some(problem) = &update.post.problem {
                            let f = PostFailure {
                                path: update.post.path.clone(),
                                reason: format!("{problem}; the post is indexed from its body until that is fixed"),
                            };
                            if matches!(problem, PostError::Panicked { .. }) {
                                tracing::error!(path = %f.path, reason = %f.reason, "talksearch failed on a post");
                            } else {
                                tracing::warn!(path = %f.path, reason = %f.reason, "front matter not read");
                            }
                            failed.push(f);
                        }
                        let entry = IndexedPost {
                            hash: update.hash,
                            talks: update.talks.len() as u32,
                            degraded: update.degraded,
                            stats: update.stats.clone(),
                        };
                        urls.push((update.post.path.clone(), update.post.url.clone()));
                        changed.push((update.post.path, entry, existed));
                    }
                }
            }
        });
        if let Some(e) = write_error {
            return Err(e); // the batch is dropped: nothing of this sync is committed
        }
        // A second look at the posts that name, plainly, someone this sync saw presenting.
        self.presenters.absorb(learnt);
        let again: Vec<&PostFile> = openers
            .iter()
            .filter(|(_, names)| names.iter().any(|n| self.presenters.knows(n)))
            .filter_map(|(path, _)| files.binary_search_by(|f| f.rel.cmp(path)).ok().map(|i| files[i]))
            .collect();
        let reading = self.reading(today);
        for file in again {
            if let Read::Update(update, _, _) = read(&reading, file)
                && let Some(b) = batch.as_mut()
            {
                b.upsert(&update)?;
                if let Some(entry) = changed.iter_mut().find(|c| c.0 == update.post.path) {
                    entry.1.talks = update.talks.len() as u32;
                }
            }
        }
        if let Some(b) = batch {
            b.commit()?;
            report.committed = Some(SystemTime::now());
        }

        // The index now holds the changes: remember them.
        for path in drafts.iter().chain(&gone) {
            if self.known.remove(path).is_some() {
                report.removed += 1;
                report.changed.push(path.clone());
            }
            self.failures.remove(path);
        }
        changed.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, entry, existed) in changed {
            self.known.insert(path.clone(), entry);
            self.failures.remove(&path);
            if existed {
                report.updated += 1;
            } else {
                report.added += 1;
            }
            report.changed.push(path);
        }
        // Every post looked at says again whether the site skips it.
        for path in files.iter().map(|f| &f.rel).chain(&gone) {
            self.skipped.remove(path);
        }
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        for f in &skipped {
            self.skipped.insert(f.path.clone(), f.reason.clone());
        }
        report.skipped = skipped;
        for path in drafts.iter().chain(&gone).chain(report.skipped.iter().map(|s| &s.path)) {
            self.urls.remove(path);
        }
        self.urls.extend(urls);
        report.warnings = self.shared_urls();
        for warning in &report.warnings {
            tracing::warn!(%warning, "two posts at one URL");
        }
        failed.extend(refused);
        failed.sort_by(|a, b| a.path.cmp(&b.path));
        for f in &failed {
            self.failures.insert(f.path.clone(), f.reason.clone());
        }
        report.failures = failed;
        // The blog as the index now holds it: what was learnt of a post read but not indexed
        // (it failed, and its last good version stays) goes back to what that version showed.
        for (rel, new) in learnt_stats {
            if let Some(new) = &new {
                self.blog.remove(new);
            }
            if let Some(k) = self.known.get(&rel) {
                self.blog.add(&k.stats);
            }
        }
        report.documents = index.num_docs();
        report.took = start.elapsed();
        Ok(report)
    }
}

/// What each post of `files` that is new or changed adds to what its blog shows of itself
/// (`None` for one that will not be indexed as read: a draft, a post that fails), on several
/// threads, in `files`' order. Unchanged posts are passed over: the index holds their part.
fn learn_blog(reading: &Reading<'_>, files: &[&PostFile], threads: usize) -> Vec<(String, Option<PostStats>)> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut learnt: Vec<(usize, String, Option<PostStats>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads.min(files.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break };
                        if let Some(stats) = learn_one(reading, file) {
                            mine.push((i, file.rel.clone(), stats));
                        }
                    }
                    mine
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    learnt.sort_by_key(|(i, _, _)| *i);
    learnt.into_iter().map(|(_, rel, stats)| (rel, stats)).collect()
}

/// [`learn_blog`] of one post: `None` when it is unchanged.
fn learn_one(reading: &Reading<'_>, file: &PostFile) -> Option<Option<PostStats>> {
    let previous = reading.known.get(&file.rel);
    let Ok(bytes) = folder::read_bytes(reading.root, file) else {
        return Some(None);
    };
    let hash = folder::content_hash(&bytes);
    if let Some(old) = previous
        && !reading.failures.contains_key(&file.rel)
        && !old.degraded
        && hash == old.hash
    {
        return None;
    }
    let Ok(mut post) = folder::parse_post_bytes(file, bytes, reading.site) else {
        return Some(None);
    };
    if !post.published || reading.site.unpublished(&post.path, post.date, reading.today).is_some() {
        return Some(None);
    }
    // As `read` does: a post that cannot be read whole keeps the good version the index has.
    let good_before = previous.is_some_and(|old| !old.degraded);
    if post.problem.is_some() && good_before {
        return Some(None);
    }
    let proposed = extract_guarded(&mut post, |post| (reading.extract)(post, reading.presenters));
    if post.problem.is_some() && good_before {
        return Some(None);
    }
    Some(crate::guard::catch(|| stats_of(&post, &proposed)).ok())
}

/// What reading one post file gave.
enum Read {
    /// Same bytes as what the index holds.
    Unchanged,
    /// New or changed, with whether the index had a version of it. A post whose front matter
    /// could not be read comes this way too, to be indexed from its body, when the index has
    /// no good version of it.
    Update(Box<PostUpdate>, bool, Vec<String>),
    /// A draft, which the site does not publish; whatever the index had of it goes.
    Draft(String),
    /// A link out of the posts folder: never read; whatever the index had of it goes.
    Refused(PostFailure),
    /// A post the site does not publish; whatever the index had of it goes.
    Skipped(PostFailure),
    Failed(PostFailure),
}

/// What reading a post needs to know: the posts folder (links resolved), what the index holds
/// and what fails, the site, who presents, how talks are found, and today's date.
#[derive(Clone, Copy)]
struct Reading<'a> {
    root: &'a Path,
    known: &'a HashMap<String, IndexedPost>,
    failures: &'a BTreeMap<String, String>,
    site: &'a Site,
    presenters: &'a Presenters,
    extract: Extractor,
    blog: &'a Blog,
    model: Option<&'a Model>,
    today: PostDate,
}

fn read(reading: &Reading<'_>, file: &PostFile) -> Read {
    let Reading {
        root,
        known,
        failures,
        site,
        presenters,
        extract,
        blog,
        model,
        today,
    } = *reading;
    let previous = known.get(&file.rel);
    let failed = |e: Error| {
        Read::Failed(PostFailure {
            path: file.rel.clone(),
            reason: failure_reason(&e),
        })
    };
    let bytes = match folder::read_bytes(root, file) {
        Ok(bytes) => bytes,
        // Re-pointed out of the folder since it was listed: what the index had of it goes.
        Err(e @ Error::OutsideFolder { .. }) => {
            return Read::Refused(PostFailure {
                path: file.rel.clone(),
                reason: failure_reason(&e),
            });
        }
        Err(e) => return failed(e),
    };
    // Cheap check first: unchanged bytes mean unchanged talks (unless the post is failing, in
    // which case the index holds an older version).
    let hash = folder::content_hash(&bytes);
    if let Some(old) = previous
        && !failures.contains_key(&file.rel)
        && !old.degraded
        && hash == old.hash
    {
        return Read::Unchanged;
    }
    let post = match folder::parse_post_bytes(file, bytes, site) {
        Ok(post) => post,
        Err(e) => return failed(e),
    };
    if !post.published {
        return Read::Draft(post.path);
    }
    if let Some(reason) = site.unpublished(&post.path, post.date, today) {
        return Read::Skipped(PostFailure {
            path: post.path,
            reason,
        });
    }
    // A broken front matter keeps the good version the index has, if it has one.
    if let (Some(problem), Some(old)) = (&post.problem, previous)
        && !old.degraded
    {
        return failed(Error::Post {
            path: file.rel.clone(),
            source: problem.clone(),
        });
    }
    let (update, openers) = prepare_update(post, hash, presenters, extract, blog, model);
    // So does a post that extraction failed on.
    if let (Some(problem @ PostError::Panicked { .. }), Some(old)) = (&update.post.problem, previous)
        && !old.degraded
    {
        return failed(Error::Post {
            path: file.rel.clone(),
            source: problem.clone(),
        });
    }
    if update.talks.len() > MAX_TALKS_PER_POST {
        return failed(Error::TooManyTalks {
            path: file.rel.clone(),
            talks: update.talks.len(),
            limit: MAX_TALKS_PER_POST,
        });
    }
    Read::Update(Box::new(update), previous.is_some(), openers)
}

/// The reason without the path (the report carries the path separately).
fn failure_reason(e: &Error) -> String {
    match e {
        Error::Post { source, .. } => source.to_string(),
        Error::Io { source, .. } => source.to_string(),
        Error::NotUtf8(_) => "not valid UTF-8 text (is it a binary file?)".to_string(),
        Error::PostTooLarge { bytes, limit, .. } => crate::error::too_large(*bytes, *limit),
        Error::TooManyTalks { talks, limit, .. } => crate::error::too_many_talks(*talks, *limit),
        Error::OutsideFolder { .. } => paths::outside_reason(false),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "---\ntitle: T\n---\nThe *first* talk was by Meera Iyer on **Tries in Practice**.\n";

    fn setup() -> (tempfile::TempDir, TalkIndex, FolderSync) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("posts")).unwrap();
        let index = TalkIndex::in_memory().unwrap();
        let sync = FolderSync::new(&index, &dir.path().join("posts"), Site::default()).unwrap();
        (dir, index, sync)
    }

    /// How each front-matter key of the blog varies, as a post is read in its light.
    fn spread(blog: &Blog, key: &str) -> Option<&'static str> {
        let parsed = crate::extract::blocks::parse("");
        let cx = blog.context(&PostStats::default(), &Extraction::default(), &parsed);
        cx.front_spread.get(key).copied()
    }

    #[test]
    fn each_post_is_read_in_the_light_of_the_blog_the_index_keeps() {
        let (dir, index, mut sync) = setup();
        let posts = dir.path().join("posts");
        for (name, who) in [("a.md", "Ann Lee"), ("b.md", "Bo Ray"), ("c.md", "Cy Dee")] {
            let text = format!("---\ntitle: Talk {name}\nspeaker: {who}\nvenue: Hall\n---\n\nWe met.\n");
            std::fs::write(posts.join(name), text).unwrap();
        }
        sync.sync_all(&index, false).unwrap();
        assert_eq!(spread(&sync.blog, "speaker"), Some("varies"));
        assert_eq!(spread(&sync.blog, "venue"), Some("repeats"));
        // Started again on the same index, the blog is read back, not relearnt from the posts.
        let again = FolderSync::new(&index, &posts, Site::default()).unwrap();
        assert_eq!(again.blog, sync.blog);
        // A post gone leaves the blog with it; a rebuild learns the same blog anew.
        std::fs::remove_file(posts.join("c.md")).unwrap();
        sync.sync_paths(&index, &[posts.join("c.md")]).unwrap();
        assert_eq!(spread(&sync.blog, "speaker"), Some("rare"));
        let kept = sync.blog.clone();
        sync.sync_all(&index, true).unwrap();
        assert_eq!(sync.blog, kept);
    }

    #[test]
    fn a_changed_path_is_read_and_a_vanished_one_dropped() {
        let (dir, index, mut sync) = setup();
        let posts = dir.path().join("posts");
        std::fs::write(posts.join("a.md"), POST).unwrap();
        let r = sync.sync_paths(&index, &[posts.join("a.md")]).unwrap();
        assert_eq!((r.added, sync.posts(), sync.talks()), (1, 1, 1));
        // Same bytes: nothing to do, no commit.
        let r = sync.sync_paths(&index, &[posts.join("a.md")]).unwrap();
        assert_eq!((r.unchanged, r.committed), (1, None));
        std::fs::rename(posts.join("a.md"), posts.join("b.md")).unwrap();
        let r = sync
            .sync_paths(&index, &[posts.join("a.md"), posts.join("b.md")])
            .unwrap();
        assert_eq!((r.added, r.removed), (1, 1));
        assert_eq!(index.indexed_posts().unwrap().keys().collect::<Vec<_>>(), vec!["b.md"]);
    }

    #[test]
    fn a_name_seen_presenting_in_one_post_helps_read_another() {
        let (dir, index, mut sync) = setup();
        let posts = dir.path().join("posts");
        let earlier = "---\ntitle: March\n---\nThe first talk was by Rosa Mendel on **Ring buffers**.\n";
        let later =
            "---\ntitle: April\n---\n## Lightning talks\n\nWe ran late. Rosa showed her notes on slab allocators.\n";
        std::fs::write(posts.join("2024-03.md"), earlier).unwrap();
        std::fs::write(posts.join("2024-04.md"), later).unwrap();
        // One full sync: the second post is read again once the first shows who Rosa is.
        let r = sync.sync_all(&index, false).unwrap();
        assert_eq!((r.added, sync.talks()), (2, 2));
        assert_eq!(sync.talks_of("2024-04.md"), 1);
        // A save later knows her too, without reading the folder again.
        std::fs::write(
            posts.join("2024-04.md"),
            format!("{later}\nRosa showed a fuzzer too.\n"),
        )
        .unwrap();
        sync.sync_paths(&index, &[posts.join("2024-04.md")]).unwrap();
        assert_eq!(sync.talks_of("2024-04.md"), 1);
        // Alone, the plain name says too little.
        let (dir, index, mut sync) = setup();
        std::fs::write(dir.path().join("posts/2024-04.md"), later).unwrap();
        sync.sync_all(&index, false).unwrap();
        assert_eq!(sync.talks(), 0);
    }

    #[test]
    fn folders_come_and_go_whole() {
        let (dir, index, mut sync) = setup();
        let posts = dir.path().join("posts");
        std::fs::create_dir_all(posts.join("2020/01")).unwrap();
        std::fs::write(posts.join("2020/01/a.md"), POST).unwrap();
        std::fs::write(posts.join("2020/b.md"), POST).unwrap();
        std::fs::write(posts.join("2020/notes.txt"), "not a post").unwrap();
        let r = sync.sync_paths(&index, &[posts.join("2020")]).unwrap();
        assert_eq!(r.added, 2);
        std::fs::remove_dir_all(posts.join("2020")).unwrap();
        let r = sync.sync_paths(&index, &[posts.join("2020")]).unwrap();
        assert_eq!(r.removed, 2);
        assert_eq!(index.num_docs(), 0);
    }

    /// Extraction with a bug that posts mentioning "kaboom" meet.
    fn faulty_extraction(post: &Post, presenters: &Presenters) -> Extraction {
        assert!(!post.body.contains("kaboom"), "a bug met by this post");
        extract_talks_knowing(post, presenters)
    }

    fn found(index: &TalkIndex, q: &str) -> Vec<String> {
        let hits = crate::search::search(index, &crate::search::SearchRequest::text(q, 10))
            .unwrap()
            .hits;
        hits.into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn a_post_extraction_fails_on_is_indexed_from_its_body_and_named() {
        let (dir, index, mut sync) = setup();
        sync.extract = faulty_extraction;
        let posts = dir.path().join("posts");
        std::fs::write(posts.join("a.md"), POST).unwrap();
        let faulty = "---\ntitle: Night\n---\nThe talk by Ann Lee on **Zebrafish kaboom**.\n";
        std::fs::write(posts.join("b.md"), faulty).unwrap();
        let r = sync.sync_all(&index, false).unwrap();
        assert_eq!((r.added, sync.posts()), (2, 2));
        assert_eq!(r.failures.len(), 1, "{:?}", r.failures);
        assert_eq!(r.failures[0].path, "b.md");
        let reason = &r.failures[0].reason;
        assert!(
            reason.contains("a bug met by this post") && reason.contains("extracting its talks"),
            "{reason}"
        );
        assert_eq!(sync.failures(), r.failures);
        // The other post as usual; this one as a whole, all its words found.
        assert_eq!((sync.talks_of("a.md"), sync.talks_of("b.md")), (1, 0));
        assert_eq!(found(&index, "zebrafish"), vec!["b.md:0"], "the post's own document");
        assert_eq!(found(&index, "tries").len(), 1);
        // A good save: read as usual again.
        let good = faulty.replace(" kaboom", "");
        std::fs::write(posts.join("b.md"), &good).unwrap();
        let r = sync.sync_paths(&index, &[posts.join("b.md")]).unwrap();
        assert_eq!((r.updated, r.failures.len(), sync.talks_of("b.md")), (1, 0, 1));
        assert!(sync.failures().is_empty());
        // A save it fails on keeps that good version, and is named until fixed.
        std::fs::write(posts.join("b.md"), good.replace("Zebrafish", "Zebrafish kaboom")).unwrap();
        let r = sync.sync_paths(&index, &[posts.join("b.md")]).unwrap();
        assert_eq!((r.updated, r.failures.len(), sync.talks_of("b.md")), (0, 1, 1));
        assert_eq!(
            found(&index, "kaboom"),
            Vec::<String>::new(),
            "the last good version stays"
        );
        assert_eq!(sync.failures()[0].path, "b.md");
        assert_eq!(sync.talks_of("a.md"), 1);
    }

    #[test]
    fn two_posts_at_one_url_are_named() {
        let (dir, index, mut sync) = setup();
        let posts = dir.path().join("posts");
        let at = |title: &str| format!("---\ntitle: {title}\npermalink: /talks/march/\n---\nText.\n");
        std::fs::write(posts.join("a.md"), at("A")).unwrap();
        std::fs::write(posts.join("b.md"), at("B")).unwrap();
        std::fs::write(posts.join("c.md"), POST).unwrap();
        let r = sync.sync_all(&index, false).unwrap();
        assert_eq!(
            r.warnings,
            vec!["a.md and b.md are both published at /talks/march/: the site keeps only one of them"]
        );
        std::fs::remove_file(posts.join("b.md")).unwrap();
        let r = sync.sync_paths(&index, &[posts.join("b.md")]).unwrap();
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn a_broken_save_keeps_the_last_good_talks_until_fixed() {
        let (dir, index, mut sync) = setup();
        let posts = dir.path().join("posts");
        std::fs::write(posts.join("a.md"), POST).unwrap();
        sync.sync_paths(&index, &[posts.join("a.md")]).unwrap();
        std::fs::write(posts.join("a.md"), "---\ntitle: [unclosed\n---\n").unwrap();
        let r = sync.sync_paths(&index, &[posts.join("a.md")]).unwrap();
        assert_eq!(r.failures.len(), 1);
        assert_eq!(sync.failures()[0].path, "a.md");
        assert_eq!(index.num_docs(), 2, "the last good version (a talk and the post) stays");
        std::fs::write(posts.join("a.md"), POST.replace("Tries", "Heaps")).unwrap();
        let r = sync.sync_paths(&index, &[posts.join("a.md")]).unwrap();
        assert_eq!(r.updated, 1);
        assert!(sync.failures().is_empty());
        // Fixing by deleting clears the failure too.
        std::fs::write(posts.join("c.md"), b"\xff\xfe").unwrap();
        sync.sync_paths(&index, &[posts.join("c.md")]).unwrap();
        assert_eq!(sync.failures().len(), 1);
        std::fs::remove_file(posts.join("c.md")).unwrap();
        sync.sync_paths(&index, &[posts.join("c.md")]).unwrap();
        assert!(sync.failures().is_empty());
    }

    #[test]
    fn a_draft_is_not_indexed_and_a_post_turned_draft_leaves_the_index() {
        let (dir, index, mut sync) = setup();
        let posts = dir.path().join("posts");
        std::fs::write(posts.join("a.md"), POST).unwrap();
        std::fs::write(posts.join("b.md"), POST.replace("title: T", "title: T\ndraft: true")).unwrap();
        let r = sync.sync_all(&index, false).unwrap();
        assert_eq!((r.added, r.drafts, sync.posts()), (1, 1, 1));
        std::fs::write(
            posts.join("a.md"),
            POST.replace("title: T", "title: T\npublished: false"),
        )
        .unwrap();
        let r = sync.sync_paths(&index, &[posts.join("a.md")]).unwrap();
        assert_eq!((r.removed, r.drafts, sync.posts()), (1, 1, 0));
        assert_eq!(index.num_docs(), 0);
    }

    #[test]
    fn a_post_indexed_from_its_body_is_reported_again_after_a_restart() {
        let (dir, index, mut sync) = setup();
        let posts = dir.path().join("posts");
        std::fs::write(posts.join("a.md"), "---\ntitle: [oops\n---\nWe met at the quarry.\n").unwrap();
        let r = sync.sync_all(&index, false).unwrap();
        assert_eq!((r.added, r.failures.len()), (1, 1));
        // A new sync, as after a restart: the index says the post was read from its body.
        let mut again = FolderSync::new(&index, &posts, Site::default()).unwrap();
        let r = again.sync_all(&index, false).unwrap();
        assert_eq!(r.failures.len(), 1, "reported again");
        assert!(r.failures[0].reason.contains("from its body"), "{:?}", r.failures);
        // Fixed: the report goes.
        std::fs::write(posts.join("a.md"), "---\ntitle: Quarry\n---\nWe met at the quarry.\n").unwrap();
        let r = again.sync_all(&index, false).unwrap();
        assert!(r.failures.is_empty() && again.failures().is_empty());
    }

    #[test]
    fn editor_files_and_hidden_folders_are_ignored() {
        let (dir, index, mut sync) = setup();
        let posts = dir.path().join("posts");
        std::fs::create_dir_all(posts.join(".git")).unwrap();
        for name in [".a.md.swp", "4913", "a.md~", ".git/x.md"] {
            std::fs::write(posts.join(name), POST).unwrap();
        }
        let paths: Vec<PathBuf> = [".a.md.swp", "4913", "a.md~", ".git/x.md"]
            .iter()
            .map(|n| posts.join(n))
            .collect();
        let r = sync.sync_paths(&index, &paths).unwrap();
        assert_eq!((r.posts, r.committed), (0, None));
    }
}
