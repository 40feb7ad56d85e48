//! Reading posts with the model: the one pipeline that `extract`, `index`, `serve` and training
//! share. A post is read by the hand-written readers (their proposals are candidates and
//! evidence, never the answer), its body parsed into blocks and its candidates built; the
//! blog's posts together give each post its context (who presents in the others, which shapes
//! hold proposals there, how front-matter keys vary); the model decides, and the candidates it
//! takes become the post's talks.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::candidate::{Candidate, Origin, Part, candidates, sections_of};
use serde::{Deserialize, Serialize};

use super::features::{Context, FNV_OFFSET, FNV_PRIME, IdMap, front_spread, shape_of};
use super::model::{Decision, Model};
use super::nearby::name_words;
use crate::extract::{Evidence, Extraction, blocks, keep_safe_links};
use crate::guard;
use crate::post::Post;
use crate::talk::{Kind, Talk};

/// The model the binary carries, trained by `examples/train` on the labelled blogs of
/// ../shared/corpus (weights only: no text of theirs).
const MODEL: &[u8] = include_bytes!("model.bin");

/// The embedded model, read once; `None` only if the file built in is not a model (a test
/// keeps that from being released), in which case the readers' proposals are the talks.
pub fn embedded() -> Option<&'static Model> {
    static READ: OnceLock<Option<Model>> = OnceLock::new();
    READ.get_or_init(|| match Model::from_bytes(MODEL) {
        Ok(m) => Some(m),
        Err(e) => {
            tracing::error!(error = %e, "the built-in extraction model cannot be read; the readers' proposals are used");
            None
        }
    })
    .as_ref()
}

/// A post as the readers read it, with its body's blocks: what candidates are built from.
pub struct Read {
    pub rel: String,
    pub post: Post,
    pub parsed: blocks::Parsed,
    pub rules: Extraction,
}

impl Read {
    pub fn new(rel: String, post: Post, rules: Extraction) -> Read {
        Read {
            parsed: blocks::parse(&post.body),
            rel,
            post,
            rules,
        }
    }
}

/// What one post adds to what the blog shows of itself ([`Blog`]): kept per post by a sync (in
/// the index, beside the post), so that a post saved later is read knowing the others without
/// reading them again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostStats {
    /// The lower-cased words of the names the readers read presenting in it.
    pub speaker_words: Vec<String>,
    /// Its structural candidates by shape ([`shape_of`]): how many, and how many hold a
    /// reader's proposal.
    pub shapes: Vec<(String, usize, usize)>,
    /// Its front-matter values ([`Post::front_values`]), a key each at most once a value.
    pub fronts: Vec<(String, String)>,
    /// The lower-cased words of the names written near its candidates ([`Candidate::nearby`]).
    #[serde(default)]
    pub near_words: Vec<String>,
    /// Its candidates' texts, each as [`text_key`] (once however often the post has it).
    #[serde(default)]
    pub texts: Vec<u64>,
    /// The lower-cased words of its title, each once.
    #[serde(default)]
    pub title_words: Vec<String>,
}

impl PostStats {
    pub fn of(post: &Post, rules: &Extraction, cands: &[Candidate]) -> PostStats {
        let mut words: Vec<String> = rules
            .talks
            .iter()
            .flat_map(|t| &t.speakers)
            .flat_map(|s| s.split_whitespace())
            .map(|w| w.trim_start_matches('@').to_lowercase())
            .filter(|w| w.chars().count() > 1)
            .collect();
        words.sort();
        words.dedup();
        let proposed: HashSet<usize> = rules.evidence.iter().map(|e| e.block).collect();
        let mut shapes: HashMap<String, (usize, usize)> = HashMap::new();
        for c in cands.iter().filter(|c| c.origin.is_structural()) {
            let e = shapes.entry(shape_of(c)).or_default();
            e.0 += 1;
            if c.block.is_some_and(|b| proposed.contains(&b)) {
                e.1 += 1;
            }
        }
        let mut shapes: Vec<(String, usize, usize)> = shapes.into_iter().map(|(k, (n, p))| (k, n, p)).collect();
        shapes.sort();
        let mut fronts = post.front_values.clone();
        fronts.sort();
        fronts.dedup();
        let mut near_words: Vec<String> = cands
            .iter()
            .flat_map(|c| &c.nearby)
            .flat_map(|n| name_words(&n.name))
            .collect();
        near_words.sort();
        near_words.dedup();
        let mut texts: Vec<u64> = cands.iter().filter_map(|c| text_key(&c.text)).collect();
        texts.sort_unstable();
        texts.dedup();
        let mut title_words = title_words(&post.title);
        title_words.sort();
        title_words.dedup();
        PostStats {
            speaker_words: words,
            shapes,
            fronts,
            near_words,
            texts,
            title_words,
        }
    }
}

/// What a blog's posts show of how it is written, summed over its posts: who presents, which
/// shapes of text hold the readers' proposals, how each front-matter key varies from post to
/// post. A post is read in the light of the others: its own part is taken out again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Blog {
    speaker_words: HashMap<String, usize>,
    shapes: HashMap<String, (usize, usize)>,
    /// For each key, on how many posts, and how many posts give each value.
    fronts: HashMap<String, (usize, HashMap<String, usize>)>,
    /// For each word of a name written near a candidate, on how many posts.
    near_words: HashMap<String, usize>,
    /// For each candidate's text ([`text_key`]), on how many posts.
    texts: IdMap<usize>,
    /// For each word of a post's title, on how many posts' titles; and how many posts.
    title_words: HashMap<String, usize>,
    posts: usize,
}

/// The blog its posts' parts make.
impl<'a> FromIterator<&'a PostStats> for Blog {
    fn from_iter<I: IntoIterator<Item = &'a PostStats>>(parts: I) -> Blog {
        let mut blog = Blog::default();
        for p in parts {
            blog.add(p);
        }
        blog
    }
}

impl Blog {
    pub fn add(&mut self, p: &PostStats) {
        self.change(p, true);
    }

    pub fn remove(&mut self, p: &PostStats) {
        self.change(p, false);
    }

    /// Adds a post's part, or takes it away. Each count is touched by key, and a count that
    /// falls to nothing is removed with it: sweeping whole maps for empty counts on every
    /// change made a full sync's cost grow with the square of the blog's posts.
    fn change(&mut self, p: &PostStats, add: bool) {
        for w in &p.speaker_words {
            bump(&mut self.speaker_words, w.as_str(), add);
        }
        for w in &p.near_words {
            bump(&mut self.near_words, w.as_str(), add);
        }
        for t in &p.texts {
            bump(&mut self.texts, t, add);
        }
        for w in &p.title_words {
            bump(&mut self.title_words, w.as_str(), add);
        }
        self.posts = if add {
            self.posts + 1
        } else {
            self.posts.saturating_sub(1)
        };
        for (k, n, proposed) in &p.shapes {
            if add {
                let e = self.shapes.entry(k.clone()).or_default();
                e.0 += n;
                e.1 += proposed;
            } else if let Some(e) = self.shapes.get_mut(k) {
                e.0 = e.0.saturating_sub(*n);
                e.1 = e.1.saturating_sub(*proposed);
                if e.0 == 0 {
                    self.shapes.remove(k);
                }
            }
        }
        let mut keys: Vec<&str> = p.fronts.iter().map(|(k, _)| k.as_str()).collect();
        keys.dedup();
        for &k in &keys {
            if add {
                self.fronts.entry(k.to_string()).or_default().0 += 1;
            } else if let Some(e) = self.fronts.get_mut(k) {
                e.0 = e.0.saturating_sub(1);
            }
        }
        for (k, v) in &p.fronts {
            if let Some(e) = self.fronts.get_mut(k) {
                bump(&mut e.1, v.as_str(), add);
            }
        }
        for k in keys {
            if self.fronts.get(k).is_some_and(|e| e.0 == 0) {
                self.fronts.remove(k);
            }
        }
    }

    /// The context of a post whose own part of the blog is `own`: what the other posts show,
    /// and (for the front matter) the blog as a whole.
    pub fn context(&self, own: &PostStats, rules: &Extraction, parsed: &blocks::Parsed) -> Context {
        let own_words: HashSet<&str> = own.speaker_words.iter().map(String::as_str).collect();
        let own_shapes: HashMap<&str, (usize, usize)> =
            own.shapes.iter().map(|(k, n, p)| (k.as_str(), (*n, *p))).collect();
        Context {
            presenters: self
                .speaker_words
                .iter()
                .filter(|(w, n)| **n > usize::from(own_words.contains(w.as_str())))
                .map(|(w, _)| w.clone())
                .collect(),
            proposals: rules.talks.len(),
            proposed_blocks: rules.evidence.iter().map(|e| e.block).collect(),
            proposed_speakers: own.speaker_words.iter().cloned().collect(),
            section_of: sections_of(&parsed.blocks),
            shapes: self
                .shapes
                .iter()
                .map(|(k, v)| {
                    let o = own_shapes.get(k.as_str()).copied().unwrap_or_default();
                    (k.clone(), (v.0.saturating_sub(o.0), v.1.saturating_sub(o.1)))
                })
                .filter(|(_, v)| v.0 > 0)
                .collect(),
            front_spread: self
                .fronts
                .iter()
                .map(|(k, (posts, values))| (k.clone(), front_spread(*posts, values.len())))
                .collect(),
            near_elsewhere: own
                .near_words
                .iter()
                .map(|w| {
                    (
                        w.clone(),
                        self.near_words.get(w).copied().unwrap_or(0).saturating_sub(1),
                    )
                })
                .filter(|(_, n)| *n > 0)
                .collect(),
            repeated: own
                .texts
                .iter()
                .filter_map(|t| {
                    let n = self.texts.get(t).copied().unwrap_or(0).saturating_sub(1);
                    (n > 0).then_some((*t, n))
                })
                .collect(),
            title_common: self.title_common(own),
        }
    }

    /// How much of a post's title the blog's other titles share, in quarters of its words: a
    /// word is shared when at least a fifth of the other posts' titles hold it (and three
    /// do). An evening's page is named as the blog names every evening ("Monthly Meet",
    /// the group's name, "#26"); a talk's page by its talk.
    fn title_common(&self, own: &PostStats) -> usize {
        let others = self.posts.saturating_sub(1);
        if own.title_words.is_empty() || others < 3 {
            return 0;
        }
        let shared = own
            .title_words
            .iter()
            .filter(|w| {
                let n = self.title_words.get(*w).copied().unwrap_or(0).saturating_sub(1);
                n >= 3 && n * 5 >= others
            })
            .count();
        shared * 4 / own.title_words.len()
    }
}

/// One more of `key` in `map`, or one fewer (a count that falls to nothing leaves the map).
fn bump<K, Q, S>(map: &mut HashMap<K, usize, S>, key: &Q, add: bool)
where
    K: std::borrow::Borrow<Q> + Eq + std::hash::Hash,
    Q: ?Sized + Eq + std::hash::Hash + ToOwned<Owned = K>,
    S: std::hash::BuildHasher,
{
    if let Some(n) = map.get_mut(key) {
        if add {
            *n += 1;
        } else if *n > 1 {
            *n -= 1;
        } else {
            map.remove(key);
        }
    } else if add {
        map.insert(key.to_owned(), 1);
    }
}

/// A candidate's text as the blog's other posts are searched for it: its words, lower-cased;
/// `None` for a text of no words or of more than sixteen (long texts do not come back, and
/// are not kept).
pub fn text_key(text: &str) -> Option<u64> {
    // FNV-1a over the lower-cased words with a space between, hashed as they are read: every
    // candidate's text is keyed on every read of its post.
    let mut hash = FNV_OFFSET;
    let mut feed = |b: u8| hash = (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    let mut buf = [0u8; 4];
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        if !c.is_alphanumeric() {
            in_word = false;
            continue;
        }
        if !in_word {
            in_word = true;
            words += 1;
            if words > 16 {
                return None;
            }
            if words > 1 {
                feed(b' ');
            }
        }
        if c.is_ascii() {
            feed(c.to_ascii_lowercase() as u8);
        } else {
            for l in c.to_lowercase() {
                l.encode_utf8(&mut buf).bytes().for_each(&mut feed);
            }
        }
    }
    (words > 0).then_some(hash)
}

/// The words of a title, lower-cased: runs of letters and digits.
fn title_words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Each post's candidates, and its context: what the blog's other posts show.
pub fn candidates_and_contexts(read: &[Read]) -> (Vec<Vec<Candidate>>, Vec<Context>) {
    let cands: Vec<Vec<Candidate>> = read.iter().map(|r| candidates(&r.post, &r.parsed, &r.rules)).collect();
    let stats: Vec<PostStats> = read
        .iter()
        .zip(&cands)
        .map(|(r, c)| PostStats::of(&r.post, &r.rules, c))
        .collect();
    let blog: Blog = stats.iter().collect();
    let cxs = read
        .iter()
        .zip(&stats)
        .map(|(r, own)| blog.context(own, &r.rules, &r.parsed))
        .collect();
    (cands, cxs)
}

/// A post's part of its blog, from its candidates: what a sync learns of every post it is
/// about to read before it reads any with the model.
pub fn stats_of(post: &Post, rules: &Extraction) -> PostStats {
    let parsed = blocks::parse(&post.body);
    PostStats::of(post, rules, &candidates(post, &parsed, rules))
}

/// One post read with `model`, in the light of `blog` (which holds the post's own part, as a
/// sync keeps it): its talks, and its part of the blog. Behind the per-post boundary: a bug
/// met here leaves the post with what the readers found.
pub fn read_post(post: &Post, rules: Extraction, blog: &Blog, model: Option<&Model>) -> (Extraction, PostStats) {
    let read = guard::catch(|| {
        let parsed = blocks::parse(&post.body);
        let cands = candidates(post, &parsed, &rules);
        let own = PostStats::of(post, &rules, &cands);
        let found = match model {
            Some(model) => {
                let cx = blog.context(&own, &rules, &parsed);
                talks_of(post, &rules, &cands, &model.decide(&cands, &cx))
            }
            None => rules.clone(),
        };
        (found, own)
    });
    match read {
        Ok(read) => read,
        Err(panic) => {
            tracing::error!(post = %post.path, message = %panic.message, "the model failed on this post; the readers' proposals are used");
            (rules, PostStats::default())
        }
    }
}

/// The talks of each of a blog's posts, as `model` reads them (the readers' own where there is
/// no model). Each post is decided behind the per-post boundary: a bug met in one post leaves
/// it with what the readers found, and the other posts are read as ever.
pub fn read_blog(read: &[Read], model: Option<&Model>) -> Vec<Extraction> {
    let Some(model) = model else {
        return read.iter().map(|r| r.rules.clone()).collect();
    };
    // Each post's part of the blog first, keeping only that part: a post's candidates are
    // many times its text, so holding every post's at once would cost memory the size of the
    // whole blog many times over. They are built again, one post at a time, to be decided.
    let blog = match guard::catch(|| {
        read.iter()
            .map(|r| PostStats::of(&r.post, &r.rules, &candidates(&r.post, &r.parsed, &r.rules)))
            .collect::<Vec<_>>()
    }) {
        Ok(stats) => stats,
        Err(panic) => {
            tracing::error!(message = %panic.message, "reading the blog with the model failed; the readers' proposals are used");
            return read.iter().map(|r| r.rules.clone()).collect();
        }
    };
    let whole: Blog = blog.iter().collect();
    read.iter()
        .zip(&blog)
        .map(|(r, own)| {
            guard::catch(|| {
                let cands = candidates(&r.post, &r.parsed, &r.rules);
                let cx = whole.context(own, &r.rules, &r.parsed);
                talks_of(&r.post, &r.rules, &cands, &model.decide(&cands, &cx))
            })
            .unwrap_or_else(|panic| {
                tracing::error!(post = %r.rel, message = %panic.message, "the model failed on this post; the readers' proposals are used");
                r.rules.clone()
            })
        })
        .collect()
}

/// The post's talks from the model's decisions: a proposal taken keeps all the reader read
/// (its description, links, kind); a candidate of the post's own text taken becomes a talk
/// with the title and speakers the model read in it, the links of its block and the text after
/// it. A proposal the model leaves gives its words back to the post's own text, so nothing the
/// post says becomes unsearchable. Talks are numbered in the order the post gives them.
pub fn talks_of(post: &Post, rules: &Extraction, cands: &[Candidate], decisions: &[Decision]) -> Extraction {
    let mut found = Extraction {
        talks: Vec::new(),
        evidence: Vec::new(),
        ..rules.clone()
    };
    // Where in the post each talk is: the listed ones first, in their order, then by block.
    let mut taken: Vec<((usize, usize, usize), Talk, Evidence)> = Vec::new();
    let mut given_back: Vec<String> = Vec::new();
    for (k, d) in decisions.iter().enumerate() {
        let c = &cands[d.candidate];
        match (&c.proposal, c.origin) {
            (Some(t), Origin::Rule | Origin::Listed) => {
                if d.taken {
                    let e = c.evidence.clone().unwrap_or_default();
                    let place = match c.origin {
                        Origin::Listed => (0, k, 0),
                        _ => (1, e.block, e.at),
                    };
                    taken.push((place, t.clone(), e));
                } else {
                    given_back.push(t.title.clone());
                    if !t.description.is_empty() {
                        given_back.push(t.description.clone());
                    }
                }
            }
            _ if d.taken => {
                let talk = Talk {
                    title: d.title.clone(),
                    speakers: d.speakers.clone(),
                    kind: Kind::Talk,
                    description: description_of(c),
                    video: c.own_videos.clone(),
                    slides: c.materials.clone(),
                    position: 0,
                    speaker_links: Default::default(),
                };
                let e = Evidence {
                    source: "model",
                    confidence: "learnt",
                    block: c.block.unwrap_or(0),
                    at: c.range.start,
                    sightings: 1,
                };
                let place = match c.origin {
                    Origin::Post => (1, 0, 0),
                    _ => (1, e.block, e.at),
                };
                taken.push((place, talk, e));
            }
            _ => {}
        }
    }
    // A post that links one video in all (the evening's recording or stream) shows it for
    // each session read from its text that links none of its own.
    let post_videos = cands.iter().find(|c| c.origin == Origin::Post).map(|c| &c.videos);
    if let Some([video]) = post_videos.map(Vec::as_slice) {
        for (_, talk, e) in &mut taken {
            if e.source == "model" && talk.video.is_empty() {
                talk.video.push(video.clone());
            }
        }
    }
    taken.sort_by_key(|(place, _, _)| *place);
    for (i, (_, mut talk, e)) in taken.into_iter().enumerate() {
        talk.position = i as u32 + 1;
        found.talks.push(talk);
        found.evidence.push(e);
    }
    for text in given_back {
        if !found.rest.is_empty() {
            found.rest.push('\n');
        }
        found.rest.push_str(&text);
    }
    keep_safe_links(post, &mut found);
    found
}

/// One candidate of a post as the model judged it, for an author to see why a post reads as
/// it does (`talksearch extract --explain`).
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    /// Where it is: `rule` (a reader's proposal), `listed`, `h2`, `item0`, `sentence`, `post`…
    pub origin: String,
    pub text: String,
    pub probability: f32,
    pub taken: bool,
    pub title: String,
    pub speakers: Vec<String>,
    /// The features that weigh most in its probability, with their weights.
    pub weightiest: Vec<(String, f32)>,
}

/// Each post's candidates as `model` judges them, likeliest first, with the `n` features that
/// weigh most in each.
pub fn explain(read: &[Read], model: &Model, n: usize) -> Vec<Vec<Explained>> {
    let (cands, cxs) = candidates_and_contexts(read);
    cands
        .iter()
        .zip(&cxs)
        .map(|(cands, cx)| {
            let named = model.features::<String>(cands, cx);
            let mut out: Vec<Explained> = model
                .decide(cands, cx)
                .into_iter()
                .map(|d| {
                    let c = &cands[d.candidate];
                    Explained {
                        origin: c.origin.name(),
                        text: c.text.clone(),
                        probability: d.probability,
                        taken: d.taken,
                        title: d.title,
                        speakers: d.speakers,
                        weightiest: model.weightiest(&named[d.candidate].features, n),
                    }
                })
                .collect();
            out.sort_by(|a, b| b.probability.total_cmp(&a.probability));
            out
        })
        .collect()
}

/// What a candidate of the post's own text says after its title: the rest of its line or
/// sentence is its title already, so the text that follows it (for the post itself, the
/// opening of its body, not the front-matter values read beside it).
fn description_of(c: &Candidate) -> String {
    let end = c
        .tokens
        .iter()
        .filter(|t| t.part == Part::Next)
        .map(|t| t.range.end)
        .max()
        .unwrap_or(0);
    c.next.get(..end).unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::post::parse_post;
    use crate::site::Site;

    fn decided(cands: &[Candidate], taken: impl Fn(&Candidate) -> bool) -> Vec<Decision> {
        cands
            .iter()
            .enumerate()
            .map(|(i, c)| Decision {
                candidate: i,
                probability: if taken(c) { 0.9 } else { 0.01 },
                taken: taken(c),
                title: c
                    .proposal
                    .as_ref()
                    .map(|t| t.title.clone())
                    .unwrap_or_else(|| c.text.clone()),
                speakers: Vec::new(),
                labels: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn a_proposal_the_model_leaves_gives_its_words_back_to_the_post() {
        let text = "---\ntitle: June\n---\n\n## Talks\n\n- Parsing with care - Ann Lee\n\n  All about parsers that do not panic.\n";
        let post = parse_post("a.md", text, &Site::default()).unwrap();
        let rules = crate::extract::extract_talks(&post);
        assert_eq!(rules.talks.len(), 1, "{rules:?}");
        let parsed = blocks::parse(&post.body);
        let cands = candidates(&post, &parsed, &rules);
        let kept = talks_of(&post, &rules, &cands, &decided(&cands, |c| c.origin == Origin::Rule));
        assert_eq!(kept.talks, rules.talks);
        let left = talks_of(&post, &rules, &cands, &decided(&cands, |_| false));
        assert!(left.talks.is_empty());
        assert!(left.rest.contains("Parsing with care"), "{}", left.rest);
        assert!(left.rest.contains("do not panic"), "{}", left.rest);
    }

    /// The talks of a post whose readers proposed nothing, its `###` headings taken.
    fn h3_taken(text: &str) -> Extraction {
        let post = parse_post("a.md", text, &Site::default()).unwrap();
        let rules = Extraction::default();
        let parsed = blocks::parse(&post.body);
        let cands = candidates(&post, &parsed, &rules);
        talks_of(
            &post,
            &rules,
            &cands,
            &decided(&cands, |c| c.origin == Origin::Heading(3)),
        )
    }

    #[test]
    fn a_heading_the_model_takes_is_a_talk_numbered_in_the_posts_order() {
        let found =
            h3_taken("---\ntitle: June\n---\n\nWe met.\n\n### Fast tests by Ann Lee\n\nHow to keep a suite quick.\n");
        assert_eq!(found.talks.len(), 1);
        assert_eq!(found.talks[0].position, 1);
        assert_eq!(found.talks[0].title, "Fast tests by Ann Lee");
        assert_eq!(found.talks[0].description, "How to keep a suite quick.");
    }

    #[test]
    fn a_post_with_one_video_gives_it_to_the_sessions_read_from_its_text() {
        let found = h3_taken(
            "---\ntitle: June\n---\n\n### Fast tests by Ann Lee\n\nHow to keep a suite quick.\n\n\
             The stream: <https://www.youtube.com/watch?v=dQw4w9WgXcQ>\n",
        );
        assert_eq!(found.talks.len(), 1);
        assert_eq!(found.talks[0].video, ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]);
    }

    /// A post's part of its blog, as read from its text.
    fn part(text: &str) -> PostStats {
        let post = parse_post("a.md", text, &Site::default()).unwrap();
        stats_of(&post, &Extraction::default())
    }

    /// A post's part of its blog, and its context among `others`.
    fn context_among(own: &str, others: &[&str]) -> Context {
        let mine = part(own);
        let mut blog: Blog = others.iter().map(|t| part(t)).collect::<Vec<_>>().iter().collect();
        blog.add(&mine);
        let post = parse_post("a.md", own, &Site::default()).unwrap();
        blog.context(&mine, &Extraction::default(), &blocks::parse(&post.body))
    }

    #[test]
    fn a_text_the_other_posts_have_too_is_counted_and_a_new_one_is_not() {
        let post = |title: &str, talk: &str| format!("---\ntitle: {title}\n---\n\n## Agenda\n\n### {talk}\n");
        let others = [
            post("Meetup 3", "Fuzzing"),
            post("Meetup 4", "Async Rust"),
            post("Meetup 5", "Tracing"),
        ];
        let others: Vec<&str> = others.iter().map(String::as_str).collect();
        let cx = context_among(&post("Meetup 6", "Fast tests, kept fast"), &others);
        assert_eq!(cx.repeated.get(&text_key("Agenda").unwrap()), Some(&3));
        assert_eq!(cx.repeated.get(&text_key("fast TESTS: kept fast").unwrap()), None);
        // "Meetup" is in every other title, "6" in none: half the title is shared.
        assert_eq!(cx.title_common, 2);
        let alone = context_among(&post("Meetup 6", "Fast tests"), &others[..1]);
        assert_eq!(alone.title_common, 0, "too few other posts to tell");
    }

    #[test]
    fn a_post_taken_out_of_its_blog_leaves_the_blog_of_the_others() {
        let a = part("---\ntitle: Meetup 3\nspeaker: Ann Lee\nvenue: Hall\n---\n\n## Agenda\n\n### Fuzzing\n");
        let b = part("---\ntitle: Special\nspeaker: Bo Chan\nhost: Kim\n---\n\n## Notes\n\n- one\n- two\n");
        let c = part("---\ntitle: Meetup 5\nspeaker: Cy Dee\nvenue: Hall\n---\n\n## Agenda\n\n### Tracing\n");
        let mut blog: Blog = [&a, &b, &c].into_iter().collect();
        blog.remove(&b);
        let without: Blog = [&a, &c].into_iter().collect();
        assert_eq!(
            blog, without,
            "nothing of the post taken out is left, not even a count of none"
        );
        blog.remove(&a);
        blog.remove(&c);
        assert_eq!(blog, Blog::default());
    }

    #[test]
    fn a_text_is_keyed_by_its_words_whatever_its_case_and_marks() {
        assert_eq!(text_key("Fast tests!"), text_key("**fast** TESTS"));
        assert_ne!(text_key("Fast tests"), text_key("Fast test"));
        assert_eq!(text_key("  — "), None);
        assert_eq!(text_key(&"word ".repeat(17)), None);
        // The words lower-cased, a space between, hashed as a feature's name is.
        assert_eq!(
            text_key("Fast, TESTS – Émile"),
            Some(super::super::features::id("fast tests émile"))
        );
    }

    #[test]
    fn the_built_in_model_reads() {
        let m = embedded().expect("the model built in is a model");
        assert!(!m.weights.is_empty() && !m.sequence.is_empty());
    }
}
