//! Training the model from labelled blogs, and scoring it on a blog it did not learn from.
//!
//! Each labelled session is aligned to the candidates that hold it: a proposal whose title
//! matches it (as the scorer matches titles), or a structural candidate holding a run of words
//! that matches its title; the aligned candidates are the classifier's positive examples, the
//! rest its negatives, and the aligned runs (title words, then the words of each labelled
//! speaker's name) are the sequence model's labels.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::candidate::{Candidate, Part};
use super::features::{Context, Id, IdMap, TokenFacts, token_features};
use super::model::{Decision, Model, OTHER, Rules, SPEAKER, Sequence, TITLE, Weighed, decide_with};
use super::nearby::{Around, name_words, nearby_features};
use super::read::{Read, candidates_and_contexts};
use super::score::{GoldPost, Session, Tally, score_post, title_similarity, title_words};
use crate::error::{Error, Result};
use crate::extract::{Presenters, extract_talks_guarded};
use crate::folder;
use crate::site::Site;

/// One post of a labelled blog, read into candidates.
#[derive(Debug, Clone)]
pub struct PostData {
    pub rel: String,
    pub candidates: Vec<Candidate>,
    pub context: Context,
    pub gold: Vec<Session>,
}

/// A labelled blog: its name and posts.
#[derive(Debug, Clone)]
pub struct BlogData {
    pub name: String,
    pub posts: Vec<PostData>,
}

/// Reads every post under `posts` and what the hand-written readers propose for each, as the
/// service does (a second reading knowing the blog's presenters).
pub fn read_posts(posts: &Path) -> Result<Vec<Read>> {
    let site = Site::detect(posts).unwrap_or_default();
    let root = posts.canonicalize().map_err(|e| Error::io(posts, e))?;
    let listing = folder::list_posts(posts)?;
    let mut read = Vec::new();
    for file in listing.posts {
        let Ok((mut post, _)) = folder::read_post(&root, &file, &site) else {
            continue;
        };
        let rules = extract_talks_guarded(&mut post, &Presenters::default());
        read.push((file.rel, post, rules));
    }
    let presenters = Presenters::of(read.iter().flat_map(|(_, _, found)| &found.talks));
    for (_, post, found) in &mut read {
        if presenters.may_help(found) {
            *found = extract_talks_guarded(post, &presenters);
        }
    }
    Ok(read
        .into_iter()
        .map(|(rel, post, rules)| Read::new(rel, post, rules))
        .collect())
}

/// Reads a labelled corpus folder (`posts/` and `gold.json`).
pub fn read_blog(dir: &Path) -> Result<BlogData> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let gold_path = dir.join("gold.json");
    let text = std::fs::read_to_string(&gold_path).map_err(|e| Error::io(&gold_path, e))?;
    let gold: Vec<GoldPost> = serde_json::from_str(&text)
        .map_err(|e| Error::io(&gold_path, std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    let mut by_post: HashMap<String, Vec<Session>> = gold.into_iter().map(|g| (g.post, g.talks)).collect();
    let read = read_posts(&dir.join("posts"))?;
    let (cands, cxs) = candidates_and_contexts(&read);
    let mut posts = Vec::new();
    for (r, (candidates, context)) in read.iter().zip(cands.into_iter().zip(cxs)) {
        let Some(gold) = by_post.remove(&r.rel) else { continue };
        posts.push(PostData {
            rel: r.rel.clone(),
            candidates,
            context,
            gold,
        });
    }
    // Labelled posts that could not be read count as missed.
    for (rel, gold) in by_post {
        posts.push(PostData {
            rel,
            candidates: Vec::new(),
            context: Context::default(),
            gold,
        });
    }
    posts.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(BlogData { name, posts })
}

/// The best run of a structural candidate's own words for each labelled session: the F1 of
/// its title words against the session's, and the first and last token of the run.
fn best_runs(c: &Candidate, gold: &[Session]) -> Vec<Option<(f64, usize, usize)>> {
    let words: Vec<Vec<String>> = c
        .tokens
        .iter()
        .map(|t| {
            if t.part == Part::Main && t.word {
                title_words(&t.low)
            } else {
                Vec::new()
            }
        })
        .collect();
    gold.iter()
        .map(|s| {
            let want = title_words(&s.title);
            if want.is_empty() {
                return None;
            }
            let limit = want.len() * 2 + 4;
            let mut best: Option<(f64, usize, usize)> = None;
            for i in (0..words.len()).filter(|&i| !words[i].is_empty()) {
                let mut pool: HashMap<&str, usize> = HashMap::new();
                for w in &want {
                    *pool.entry(w).or_default() += 1;
                }
                let (mut common, mut have) = (0usize, 0usize);
                for (j, (here, token)) in words.iter().zip(&c.tokens).enumerate().skip(i) {
                    if token.part != Part::Main {
                        break;
                    }
                    for w in here {
                        have += 1;
                        if let Some(n) = pool.get_mut(w.as_str()).filter(|n| **n > 0) {
                            *n -= 1;
                            common += 1;
                        }
                    }
                    if have > limit {
                        break;
                    }
                    if here.is_empty() {
                        continue;
                    }
                    let f1 = 2.0 * common as f64 / (have + want.len()) as f64;
                    if best.is_none_or(|b| f1 > b.0 + 1e-9) {
                        best = Some((f1, i, j));
                    }
                }
            }
            best
        })
        .collect()
}

/// The labels of a post's candidates against its labelled sessions: whether each is one, and
/// for a structural candidate the label of each token. A structural candidate holds a session
/// when a run of its words matches the session's title as well as any candidate's does (a
/// passing mention of one of its words elsewhere is not the session).
pub fn align_post(cands: &[Candidate], gold: &[Session]) -> Vec<Aligned> {
    let runs: Vec<Vec<Option<(f64, usize, usize)>>> = cands
        .iter()
        .map(|c| {
            if c.origin.is_structural() {
                best_runs(c, gold)
            } else {
                vec![None; gold.len()]
            }
        })
        .collect();
    let best: Vec<f64> = (0..gold.len())
        .map(|g| runs.iter().filter_map(|r| r[g].map(|x| x.0)).fold(0.0, f64::max))
        .collect();
    cands
        .iter()
        .zip(&runs)
        .map(|(c, r)| {
            if let Some(t) = c.proposal.as_ref().filter(|_| !c.origin.is_structural()) {
                let session = (0..gold.len())
                    .map(|g| (g, title_similarity(&gold[g].title, &t.title)))
                    .filter(|x| x.1 >= 0.5)
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|x| x.0);
                return Aligned { session, labels: None };
            }
            let pick = (0..gold.len())
                .filter_map(|g| r[g].map(|x| (g, x)))
                .filter(|(g, x)| x.0 >= 0.5 && x.0 >= best[*g] - 0.1)
                .max_by(|a, b| a.1.0.total_cmp(&b.1.0));
            match pick {
                Some((g, (_, i, j))) => Aligned {
                    session: Some(g),
                    labels: Some(labels_for(c, &gold[g], i, j)),
                },
                None => Aligned::default(),
            }
        })
        .collect()
}

/// A candidate against a post's labelled sessions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aligned {
    /// The labelled session it holds, if any.
    pub session: Option<usize>,
    /// For a structural candidate that holds one, the label of each token.
    pub labels: Option<Vec<&'static str>>,
}

impl Aligned {
    pub fn positive(&self) -> bool {
        self.session.is_some()
    }
}

/// [`align_post`] of one candidate alone.
pub fn align(c: &Candidate, gold: &[Session]) -> Aligned {
    align_post(std::slice::from_ref(c), gold).pop().unwrap_or_default()
}

fn labels_for(c: &Candidate, gold: &Session, i: usize, j: usize) -> Vec<&'static str> {
    let mut labels = vec![OTHER; c.tokens.len()];
    for l in &mut labels[i..=j] {
        *l = TITLE;
    }
    let names: HashSet<String> = gold
        .speakers
        .iter()
        .flat_map(|s| {
            s.split(|ch: char| !ch.is_alphanumeric())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().count() > 1)
        .collect();
    for (k, t) in c.tokens.iter().enumerate() {
        if labels[k] == OTHER && t.word && names.contains(t.low.trim_start_matches('@')) {
            labels[k] = SPEAKER;
        }
    }
    // "J. R. Lee": the marks inside a name belong to it.
    for k in 1..labels.len().saturating_sub(1) {
        if labels[k - 1] == SPEAKER && labels[k + 1] == SPEAKER && matches!(c.tokens[k].text.as_str(), "." | "-") {
            labels[k] = SPEAKER;
        }
    }
    labels
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub epochs: usize,
    pub l2: f32,
    /// The sequence model's L2 regularisation.
    pub c2: f64,
    pub crf_iterations: usize,
    /// Features seen fewer times than this are left out.
    pub min_count: usize,
    /// Fixed thresholds for proposals and structural candidates, instead of those chosen by
    /// cross-validation on the training blogs.
    pub threshold: Option<f32>,
    pub structural_threshold: Option<f32>,
    pub post_threshold: Option<f32>,
    /// A fixed threshold for structural candidates read with no speaker (above 1: never).
    pub unnamed_threshold: Option<f32>,
    /// A fixed threshold for the people named near a candidate read with no speaker (above
    /// 1: never taken as its presenter).
    pub presenter_threshold: Option<f32>,
    /// Whether the classifier also learns from each training post as if the readers had
    /// proposed nothing ([`silenced`]).
    pub silent_copies: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epochs: 12,
            l2: 1e-3,
            c2: 1.0,
            crf_iterations: 50,
            min_count: 2,
            threshold: None,
            structural_threshold: None,
            post_threshold: None,
            unnamed_threshold: None,
            presenter_threshold: None,
            silent_copies: true,
        }
    }
}

/// Trains a model on `blogs`.
pub fn train(blogs: &[&BlogData], settings: &Settings) -> Result<Model> {
    // Each training post as read, and again as if the readers had proposed nothing (see
    // [`silenced`]): the second copy teaches the classifier only.
    let silent: Vec<Vec<PostData>> = if settings.silent_copies {
        blogs.iter().map(|b| b.posts.iter().map(silenced).collect()).collect()
    } else {
        Vec::new()
    };
    let every: Vec<(usize, &PostData, bool)> = blogs
        .iter()
        .enumerate()
        .flat_map(|(b, blog)| blog.posts.iter().map(move |p| (b, p, false)))
        .chain(
            silent
                .iter()
                .enumerate()
                .flat_map(|(b, posts)| posts.iter().map(move |p| (b, p, true))),
        )
        .collect();
    let real = every.iter().filter(|p| !p.2).count();
    let posts: Vec<(usize, &PostData)> = every[..real].iter().map(|&(b, p, _)| (b, p)).collect();
    let aligned_all: Vec<Vec<Aligned>> = every
        .iter()
        .map(|(_, p, _)| align_post(&p.candidates, &p.gold))
        .collect();
    let aligned = &aligned_all[..real];
    // The sequence model first: the classifier weighs what it reads in each candidate. What
    // it reads in a blog it learnt from is better than what it will read in a new blog, so the
    // classifier learns from readings of blogs the sequence model did not learn from: three
    // folds of the blogs, each read by a sequence model trained on the other two.
    let sequences_of = |keep: &dyn Fn(usize) -> bool| -> Vec<(Vec<Vec<Id>>, Vec<&'static str>)> {
        let mut out = Vec::new();
        for ((b, post), labels) in posts.iter().zip(aligned) {
            if !keep(*b) {
                continue;
            }
            for (c, a) in post.candidates.iter().zip(labels) {
                if let Some(labels) = &a.labels {
                    out.push((
                        token_features::<Vec<Id>>(c, &post.context, &TokenFacts::of(c)),
                        labels.clone(),
                    ));
                }
            }
        }
        out
    };
    // Who presents, among the people named near a candidate: learnt from the candidates
    // that hold a labelled session naming its presenters.
    let nearby: Vec<(usize, Vec<Example>)> = posts
        .iter()
        .zip(aligned)
        .map(|((b, post), al)| (*b, presenter_examples(post, al)))
        .collect();
    let presenter_of = |keep: &dyn Fn(usize) -> bool| {
        let examples: Vec<(&[Id], bool)> = nearby
            .iter()
            .filter(|(b, _)| keep(*b))
            .flat_map(|(_, ex)| ex.iter().map(|(f, y)| (f.as_slice(), *y)))
            .collect();
        logistic(&examples, settings)
    };
    let mut model = Model {
        sequence: crf(&sequences_of(&|_| true), settings)?,
        presenter: presenter_of(&|_| true),
        ..Model::default()
    };
    const FOLDS: usize = 3;
    let mut readers: Vec<Model> = Vec::with_capacity(FOLDS);
    for fold in 0..FOLDS {
        let others = sequences_of(&|b| b % FOLDS != fold);
        let in_fold = posts.iter().any(|(b, _)| b % FOLDS == fold);
        let sequence = if in_fold && blogs.len() > 1 && !others.is_empty() {
            crf(&others, settings)?
        } else {
            model.sequence.clone()
        };
        let presenter = if in_fold && blogs.len() > 1 {
            presenter_of(&|b| b % FOLDS != fold)
        } else {
            model.presenter.clone()
        };
        readers.push(Model {
            sequence,
            presenter,
            ..Model::default()
        });
    }
    // Each post's candidates as the classifier sees them, read by the fold's sequence model.
    let weighed: Vec<Vec<Weighed>> = every
        .iter()
        .map(|(b, post, _)| readers[b % FOLDS].features(&post.candidates, &post.context))
        .collect();
    let examples: Vec<(&[Id], bool)> = every
        .iter()
        .zip(weighed.iter().zip(&aligned_all))
        .flat_map(|((_, post, _), (ws, al))| examples_of(post, ws, al))
        .collect();
    model.weights = logistic(&examples, settings);
    let sessions: Vec<&Session> = posts.iter().flat_map(|(_, p)| &p.gold).collect();
    let named = sessions.iter().filter(|s| !s.speakers.is_empty()).count();
    let needs_speaker = named * 10 >= sessions.len() * 9;
    let rules = rules(&every, &weighed, &aligned_all, needs_speaker, settings);
    model.threshold = rules.threshold;
    model.structural_threshold = rules.structural_threshold;
    model.post_threshold = rules.post_threshold;
    model.unnamed_threshold = rules.unnamed_threshold;
    model.presenter_threshold = rules.presenter_threshold;
    Ok(model)
}

/// A post as if the readers had proposed nothing in it or in its blog: its structural
/// candidates alone, with no proposal, no presenters and no shape held by a proposal in the
/// context. On the blogs the readers were written against they find nearly every session, so
/// the post as read teaches little of what a session looks like where no reader reads it; this
/// copy teaches that, as the next blog, whose posts the readers may not read, will need.
fn silenced(post: &PostData) -> PostData {
    let mut cx = post.context.clone();
    cx.presenters.clear();
    cx.proposals = 0;
    cx.proposed_blocks.clear();
    cx.proposed_speakers.clear();
    for v in cx.shapes.values_mut() {
        v.1 = 0;
    }
    PostData {
        rel: post.rel.clone(),
        candidates: post
            .candidates
            .iter()
            .filter(|c| c.origin.is_structural())
            .cloned()
            .collect(),
        context: cx,
        gold: post.gold.clone(),
    }
}

/// One example for a logistic model: its features, and whether it is a case of what is learnt.
type Example = (Vec<Id>, bool);

/// A post's examples for the model of who presents: each person named near a structural
/// candidate that holds a labelled session with presenters, and whether it is one of them (a
/// word of the name in common, as the scorer counts it).
fn presenter_examples(post: &PostData, al: &[Aligned]) -> Vec<Example> {
    let mut out = Vec::new();
    for (c, a) in post.candidates.iter().zip(al) {
        let Some(g) = a.session.map(|g| &post.gold[g]) else {
            continue;
        };
        if !c.origin.is_structural() || c.nearby.is_empty() || g.speakers.is_empty() {
            continue;
        }
        // Only where the candidate's own words do not name who presents, as when the model
        // looks near a candidate for its presenter.
        let named_in_it = a.labels.as_ref().is_some_and(|l| {
            l.iter()
                .zip(&c.tokens)
                .any(|(&l, t)| l == SPEAKER && t.part == Part::Main)
        });
        if named_in_it {
            continue;
        }
        let around = Around::of(c);
        for n in &c.nearby {
            let mut f = Vec::new();
            nearby_features(n, &around, &post.context, &mut f);
            out.push((f, same_person(&n.name, &g.speakers)));
        }
    }
    out
}

/// Whether `name` shares a word (of two letters or more) with one of `people`.
fn same_person(name: &str, people: &[String]) -> bool {
    let mine: Vec<String> = name_words(name).collect();
    people.iter().any(|p| name_words(p).any(|w| mine.contains(&w)))
}

/// A post's examples for the classifier: each candidate's features and whether it holds a
/// labelled session. A structural candidate holding a session a proposal already holds is
/// left out: deciding, it repeats the proposal and is dropped whatever its score, so what the
/// classifier is to learn of structural candidates is which hold the sessions the readers miss.
fn examples_of<'a>(post: &PostData, ws: &'a [Weighed], al: &[Aligned]) -> Vec<(&'a [Id], bool)> {
    let proposed: HashSet<usize> = post
        .candidates
        .iter()
        .zip(al)
        .filter(|(c, _)| !c.origin.is_structural())
        .filter_map(|(_, a)| a.session)
        .collect();
    post.candidates
        .iter()
        .zip(ws.iter().zip(al))
        .filter(|(c, (_, a))| !(c.origin.is_structural() && a.session.is_some_and(|g| proposed.contains(&g))))
        .map(|(_, (w, a))| (w.features.as_slice(), a.positive()))
        .collect()
}

/// The thresholds for proposals and for structural candidates: those under which the posts
/// read best (talk F1, as the scorer counts it) on blogs the classifier did not learn from,
/// three folds of the training blogs, each decided by a classifier trained on the other two.
/// Choosing by what is read, not by how candidates are told apart one by one, weighs what the
/// decision does after the classifier: repeats dropped, unnamed structural candidates left.
fn rules(
    posts: &[(usize, &PostData, bool)],
    weighed: &[Vec<Weighed>],
    aligned: &[Vec<Aligned>],
    needs_speaker: bool,
    settings: &Settings,
) -> Rules {
    const FOLDS: usize = 3;
    let proposal_grid: Vec<f32> = match settings.threshold {
        Some(t) => vec![t],
        None => vec![0.05, 0.15, 0.25, 0.35, 0.5],
    };
    // A threshold set in the settings, else every twentieth from 0.05 to 0.95.
    let grid_of = |fixed: Option<f32>| -> Vec<f32> {
        match fixed {
            Some(t) => vec![t],
            None => (1..=19).map(|k| k as f32 * 0.05).collect(),
        }
    };
    let structural_grid = grid_of(settings.structural_threshold);
    // Each held-out post's candidates weighed by the classifier of its fold, once.
    let mut held: Vec<(&PostData, &[Weighed], Vec<f32>)> = Vec::new();
    for fold in 0..FOLDS {
        let train: Vec<(&[Id], bool)> = posts
            .iter()
            .zip(weighed.iter().zip(aligned))
            .filter(|((b, _, _), _)| b % FOLDS != fold)
            .flat_map(|((_, post, _), (ws, al))| examples_of(post, ws, al))
            .collect();
        if train.is_empty() {
            continue;
        }
        let model = Model {
            weights: logistic(&train, settings),
            ..Model::default()
        };
        // Scored on the posts as read: the silent copies teach, but a blog is read with
        // its readers.
        for ((b, post, silent), ws) in posts.iter().zip(weighed) {
            if b % FOLDS != fold || *silent {
                continue;
            }
            let p: Vec<f32> = ws.iter().map(|w| model.probability(&w.features)).collect();
            held.push((post, ws, p));
        }
    }
    // The best of a grid by `merit`, smoothed: each point weighed by the mean merit of itself
    // and its neighbours on the grid. The held-out F1 is nearly flat around its peak, with
    // bumps of a few thousandths that are the folds' noise, and the thresholds a bump picks
    // move from one retrain to the next; a point whose neighbours read as well is one whose
    // merit is no accident. Ties go to the lower thresholds, the grid's order.
    let best_by = |grid: &[Rules], merit: &dyn Fn(&Tally) -> f64| -> Rules {
        let merits: Vec<f64> = grid
            .iter()
            .map(|r| {
                let mut tally = Tally::default();
                for (post, ws, p) in &held {
                    let read = sessions_of(post, decide_with(&post.candidates, ws, p, *r));
                    tally += score_post(&post.gold, &read);
                }
                merit(&tally)
            })
            .collect();
        let smoothed = smooth(grid, &merits);
        let mut best = 0;
        for (k, m) in smoothed.iter().enumerate() {
            if *m > smoothed[best] + 1e-9 {
                best = k;
            }
        }
        grid[best]
    };
    let best = |grid: &[Rules]| best_by(grid, &|t: &Tally| t.f1());
    // The proposals' and the blocks' thresholds together (the post's as the blocks'), then
    // the post's own given those.
    let grid: Vec<Rules> = proposal_grid
        .iter()
        .flat_map(|&threshold| {
            structural_grid.iter().map(move |&structural_threshold| Rules {
                threshold,
                structural_threshold,
                post_threshold: structural_threshold,
                // Unnamed candidates left while the thresholds are chosen, then how sure
                // takes one anyway.
                unnamed_threshold: if needs_speaker { NEVER } else { 0.0 },
                presenter_threshold: settings.presenter_threshold.unwrap_or(0.5),
            })
        })
        .collect();
    let first = best(&grid);
    let post_grid: Vec<Rules> = grid_of(settings.post_threshold)
        .into_iter()
        .map(|post_threshold| Rules {
            post_threshold,
            ..first
        })
        .collect();
    let second = best(&post_grid);
    let unnamed: Vec<f32> = match (settings.unnamed_threshold, needs_speaker) {
        (Some(t), _) => vec![t],
        (None, true) => vec![NEVER, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5],
        (None, false) => vec![0.0],
    };
    let presenter: Vec<f32> = match settings.presenter_threshold {
        Some(t) => vec![t],
        None => vec![NEVER, 0.7, 0.5, 0.35, 0.2],
    };
    // How sure takes a session read with no one presenting, by the sessions found; then how
    // likely a person named near one must be to present it, weighing the sessions found with
    // their presenter too (the sessions found alone would not tell a right presenter from a
    // wrong one).
    let unnamed_grid: Vec<Rules> = unnamed
        .iter()
        .map(|&unnamed_threshold| Rules {
            unnamed_threshold,
            ..second
        })
        .collect();
    let third = best(&unnamed_grid);
    let presenter_grid: Vec<Rules> = presenter
        .iter()
        .map(|&presenter_threshold| Rules {
            presenter_threshold,
            ..third
        })
        .collect();
    best_by(&presenter_grid, &|t: &Tally| t.f1() + 0.5 * t.full_f1())
}

/// A threshold no probability reaches.
const NEVER: f32 = 2.0;

/// Each grid point's merit as the mean over it and its neighbours: the points that differ from
/// it by at most one step of the grid in every threshold (a step being to the next value that
/// threshold takes anywhere on the grid).
fn smooth(grid: &[Rules], merits: &[f64]) -> Vec<f64> {
    let fields = |r: &Rules| {
        [
            r.threshold, r.structural_threshold, r.post_threshold, r.unnamed_threshold, r.presenter_threshold,
        ]
    };
    // Each threshold's own scale: the values it takes on the grid, in order.
    let mut scales: Vec<Vec<f32>> = vec![Vec::new(); 5];
    for r in grid {
        for (scale, v) in scales.iter_mut().zip(fields(r)) {
            scale.push(v);
        }
    }
    for scale in &mut scales {
        scale.sort_by(f32::total_cmp);
        scale.dedup();
    }
    let places: Vec<[usize; 5]> = grid
        .iter()
        .map(|r| {
            let mut at = [0; 5];
            for ((a, scale), v) in at.iter_mut().zip(&scales).zip(fields(r)) {
                *a = scale.partition_point(|&x| x < v);
            }
            at
        })
        .collect();
    // A neighbour off the grid counts as the point itself, so that a point at the grid's edge,
    // with fewer neighbours, is not favoured for it.
    let box_size: usize = scales.iter().map(|s| if s.len() > 1 { 3 } else { 1 }).product();
    places
        .iter()
        .zip(merits)
        .map(|(a, own)| {
            let (sum, n) = places
                .iter()
                .zip(merits)
                .filter(|(b, _)| a.iter().zip(b.iter()).all(|(x, y)| x.abs_diff(*y) <= 1))
                .fold((0.0, 0), |(s, n), (_, m)| (s + m, n + 1));
            (sum + own * box_size.saturating_sub(n) as f64) / box_size.max(n) as f64
        })
        .collect()
}

/// Logistic regression by stochastic gradient descent, over features seen often enough.
fn logistic(examples: &[(&[Id], bool)], s: &Settings) -> IdMap<f32> {
    let mut counts: IdMap<usize> = IdMap::default();
    for (fs, _) in examples {
        for f in fs.iter() {
            *counts.entry(*f).or_default() += 1;
        }
    }
    let mut names: Vec<Id> = counts
        .iter()
        .filter(|(_, n)| **n >= s.min_count)
        .map(|(f, _)| *f)
        .collect();
    names.sort_unstable();
    let index: IdMap<usize> = names.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let data: Vec<(Vec<usize>, f32)> = examples
        .iter()
        .map(|(fs, y)| {
            let mut ids: Vec<usize> = fs.iter().filter_map(|f| index.get(f).copied()).collect();
            ids.sort_unstable();
            ids.dedup();
            (ids, if *y { 1.0 } else { 0.0 })
        })
        .collect();
    let mut w = vec![0f32; names.len()];
    let mut g2 = vec![1e-6f32; names.len()];
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..s.epochs {
        // A fixed shuffle: the same corpus always trains the same model.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let (ids, y) = &data[k];
            let z: f32 = ids.iter().map(|&i| w[i]).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - y;
            for &i in ids {
                let grad = g + s.l2 * w[i];
                g2[i] += grad * grad;
                w[i] -= 0.2 * grad / g2[i].sqrt();
            }
        }
    }
    names
        .into_iter()
        .zip(w)
        .filter(|(_, w)| w.abs() > 1e-4)
        .map(|(f, w)| (f, (w * 1e4).round() / 1e4))
        .collect()
}

/// One model per blog in `held_out`, each trained on the other blogs (or on all of them when
/// `in_sample`): the leave-one-blog-out folds. Folds are independent, so they are trained on
/// every core; the models come back in `held_out`'s order, so what is printed from them does
/// not depend on which thread finished first.
pub fn leave_out(blogs: &[BlogData], held_out: &[usize], in_sample: bool, settings: &Settings) -> Result<Vec<Model>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(held_out.len().max(1));
    let fold = |k: usize| {
        let others: Vec<&BlogData> = blogs
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != k || in_sample)
            .map(|(_, b)| b)
            .collect();
        train(&others, settings)
    };
    let mut done: Vec<(usize, Model)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result<Vec<(usize, Model)>> {
                    let mut mine = Vec::new();
                    while let Some(&k) = held_out.get(next.fetch_add(1, Ordering::Relaxed)) {
                        mine.push((k, fold(k)?));
                    }
                    Ok(mine)
                })
            })
            .collect();
        let mut all = Vec::new();
        for h in handles {
            // A panic while training is a bug here, not bad input: carry it on.
            all.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))?);
        }
        Ok::<_, Error>(all)
    })?;
    done.sort_by_key(|(k, _)| held_out.iter().position(|h| h == k));
    Ok(done.into_iter().map(|(_, m)| m).collect())
}

/// Trains the sequence model; CRFsuite's trainer writes its model to a file, read back here
/// and its weights taken out. Each feature is named to CRFsuite by its id in hexadecimal.
fn crf(sequences: &[(Vec<Vec<Id>>, Vec<&'static str>)], s: &Settings) -> Result<Sequence> {
    if sequences.is_empty() {
        return Ok(Sequence::default());
    }
    let mut trainer = crfs::Trainer::lbfgs();
    let io = |e: std::io::Error| Error::io(Path::new("sequence model"), e);
    trainer.params_mut().set_c2(s.c2).map_err(io)?;
    trainer.params_mut().set_max_iterations(s.crf_iterations).map_err(io)?;
    for (xs, ys) in sequences {
        let xseq: Vec<Vec<crfs::Attribute>> = xs
            .iter()
            .map(|fs| fs.iter().map(|f| crfs::Attribute::new(format!("{f:x}"), 1.0)).collect())
            .collect();
        trainer.append(&xseq, ys).map_err(io)?;
    }
    let dir = tempfile_dir()?;
    let path = dir.join("sequence.crfsuite");
    trainer.train(&path).map_err(io)?;
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let _ = std::fs::remove_dir_all(&dir);
    Sequence::from_crfsuite(&bytes)
        .map_err(|e| Error::io(&path, std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

fn tempfile_dir() -> Result<std::path::PathBuf> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "talksearch-train-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    Ok(dir)
}

/// The sessions the model reads in a post.
pub fn predict(model: &Model, post: &PostData) -> Vec<Session> {
    sessions_of(post, model.decide(&post.candidates, &post.context))
}

/// The sessions of the candidates `decisions` take.
pub fn sessions_of(post: &PostData, decisions: Vec<Decision>) -> Vec<Session> {
    decisions
        .into_iter()
        .filter(|d| d.taken)
        .map(|d| {
            let c = &post.candidates[d.candidate];
            Session {
                title: d.title,
                speakers: d.speakers,
                video: c
                    .proposal
                    .as_ref()
                    .map(|t| t.video.clone())
                    .unwrap_or_else(|| c.own_videos.clone()),
            }
        })
        .collect()
}

/// The model's figures on a blog.
pub fn score_blog(model: &Model, blog: &BlogData) -> Tally {
    let mut tally = Tally::default();
    for post in &blog.posts {
        tally += score_post(&post.gold, &predict(model, post));
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract_talks;
    use crate::post::parse_post;

    fn session(title: &str, speakers: &[&str]) -> Session {
        Session {
            title: title.into(),
            speakers: speakers.iter().map(|s| s.to_string()).collect(),
            video: Vec::new(),
        }
    }

    fn post_data(rel: &str, text: &str, gold: Vec<Session>) -> PostData {
        let post = parse_post(rel, text, &Site::default()).unwrap();
        let rules = extract_talks(&post);
        let read = [Read::new(rel.into(), post, rules)];
        let (mut cands, mut cxs) = candidates_and_contexts(&read);
        PostData {
            rel: rel.into(),
            candidates: cands.pop().unwrap(),
            context: cxs.pop().unwrap(),
            gold,
        }
    }

    #[test]
    fn a_labelled_session_is_aligned_to_the_words_that_hold_it() {
        let p = post_data(
            "a.md",
            "---\ntitle: June\n---\nWe met and talked about the weather.\n\n- Parsing with care - Ann Lee\n",
            vec![session("Parsing with care", &["Ann Lee"])],
        );
        let aligned = align_post(&p.candidates, &p.gold);
        let (c, a) = p
            .candidates
            .iter()
            .zip(&aligned)
            .find(|(c, a)| a.positive() && c.origin == crate::learn::candidate::Origin::Item(0))
            .expect("the list item holds the session");
        let labels = a.labels.as_ref().unwrap();
        let read: Vec<(&str, &str)> = c
            .tokens
            .iter()
            .zip(labels)
            .map(|(t, l)| (t.text.as_str(), *l))
            .collect();
        assert_eq!(
            read,
            [
                ("Parsing", "T"),
                ("with", "T"),
                ("care", "T"),
                ("-", "O"),
                ("Ann", "S"),
                ("Lee", "S")
            ]
        );
        // The sentence about the weather holds no session.
        let weather = p.candidates.iter().position(|c| c.text.contains("weather")).unwrap();
        assert!(!aligned[weather].positive());
    }

    #[test]
    fn a_corpus_without_its_labels_or_with_broken_ones_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("posts")).unwrap();
        let missing = read_blog(dir.path()).unwrap_err().to_string();
        assert!(missing.contains("gold.json"), "{missing}");
        std::fs::write(dir.path().join("gold.json"), "[{\"post\": 3}]").unwrap();
        let broken = read_blog(dir.path()).unwrap_err().to_string();
        assert!(
            broken.contains("gold.json") && broken.contains("invalid type"),
            "{broken}"
        );
        std::fs::write(dir.path().join("gold.json"), "[]").unwrap();
        assert!(read_blog(dir.path()).unwrap().posts.is_empty());
    }

    #[test]
    fn a_silenced_post_keeps_its_structural_candidates_and_forgets_the_readers() {
        let p = post_data(
            "a.md",
            "---\ntitle: June\n---\n## Talks\n\n- Parsing with care - Ann Lee\n- Fast tests - Bo Ray\n",
            vec![
                session("Parsing with care", &["Ann Lee"]),
                session("Fast tests", &["Bo Ray"]),
            ],
        );
        assert!(
            p.candidates.iter().any(|c| !c.origin.is_structural()),
            "the readers propose here"
        );
        let s = silenced(&p);
        let structural = p.candidates.iter().filter(|c| c.origin.is_structural()).count();
        assert_eq!(s.candidates.len(), structural);
        assert!(s.candidates.iter().all(|c| c.origin.is_structural()));
        assert_eq!(s.context.proposals, 0);
        assert!(s.context.proposed_blocks.is_empty() && s.context.proposed_speakers.is_empty());
        assert_eq!(s.gold, p.gold);
        // Its examples: every structural candidate holding a session is a positive, as no
        // proposal holds it any more; in the post as read, the proposals hold them.
        let positives = |p: &PostData| {
            let al = align_post(&p.candidates, &p.gold);
            let ws = vec![Weighed::default(); p.candidates.len()];
            let structural: Vec<bool> = p.candidates.iter().map(|c| c.origin.is_structural()).collect();
            let kept = examples_of(p, &ws, &al).len();
            let pos = p
                .candidates
                .iter()
                .zip(&al)
                .filter(|(c, a)| c.origin.is_structural() && a.positive())
                .count();
            (kept, pos, structural.len())
        };
        let (kept_read, pos, all) = positives(&p);
        assert!(
            pos >= 2 && kept_read <= all - pos,
            "structural repeats of proposals are no examples"
        );
        let (kept_silent, _, all_silent) = positives(&s);
        assert_eq!(kept_silent, all_silent);
    }

    #[test]
    fn a_passing_mention_of_a_title_word_is_not_the_session() {
        let p = post_data(
            "a.md",
            "---\ntitle: June\n---\n## Saving time\n\nMilan showed us how. We had no time for questions.\n",
            vec![session("Saving time", &["Milan"])],
        );
        let aligned = align_post(&p.candidates, &p.gold);
        let held: Vec<&str> = p
            .candidates
            .iter()
            .zip(&aligned)
            .filter(|(c, a)| a.positive() && c.origin.is_structural())
            .map(|(c, _)| c.text.as_str())
            .collect();
        assert_eq!(held, ["Saving time"]);
    }

    #[test]
    fn a_model_learns_a_shape_and_reads_it_in_a_post_it_did_not_see() {
        let names = [
            ("Parsing with care", "Ann Lee"),
            ("Fast tests", "Bo Ray"),
            ("Types at work", "Cy Dee"),
            ("Async in practice", "Di Fox"),
            ("Profiling servers", "Ed Gill"),
            ("Caching done right", "Flo Hart"),
            ("Shipping small", "Gus Ives"),
            ("Testing the edges", "Hal Jones"),
        ];
        let mut posts = Vec::new();
        for (k, pair) in names.chunks(2).enumerate() {
            let mut text = format!("---\ntitle: Meetup {k}\n---\nThanks to our host for the pizza.\n\n");
            for (title, who) in pair {
                text.push_str(&format!("- {title} | {who}\n"));
            }
            text.push_str("\nSee you next month. Bring a friend.\n");
            let gold = pair.iter().map(|(t, w)| session(t, &[w])).collect();
            posts.push(post_data(&format!("{k}.md"), &text, gold));
        }
        let unseen = posts.pop().unwrap();
        let blog = BlogData {
            name: "b".into(),
            posts,
        };
        let settings = Settings {
            threshold: Some(0.5),
            structural_threshold: Some(0.5),
            ..Settings::default()
        };
        let model = train(&[&blog], &settings).unwrap();
        let read = predict(&model, &unseen);
        assert_eq!(score_post(&unseen.gold, &read).full, 2, "{read:?}");
        // The same posts always give the same sessions.
        let again = train(&[&blog], &settings).unwrap();
        assert_eq!(predict(&again, &unseen), read);
        assert_eq!(
            Model::from_bytes(&model.to_bytes())
                .map(|m| predict(&m, &unseen))
                .unwrap(),
            read
        );
    }

    #[test]
    fn a_threshold_is_chosen_where_its_neighbours_read_well_too() {
        let at = |structural_threshold: f32| Rules {
            threshold: 0.05,
            structural_threshold,
            post_threshold: 0.5,
            unnamed_threshold: NEVER,
            presenter_threshold: 0.5,
        };
        let grid: Vec<Rules> = (1..=7).map(|k| at(k as f32 * 0.1)).collect();
        // A spike at 0.2, a plateau around 0.6 just under it.
        let merits = [0.60, 0.75, 0.60, 0.70, 0.72, 0.73, 0.71];
        let smoothed = smooth(&grid, &merits);
        let best = (0..grid.len())
            .max_by(|&a, &b| smoothed[a].total_cmp(&smoothed[b]))
            .unwrap();
        assert_eq!(grid[best], at(0.6));
        // Each point with its neighbours on the grid, the edges' missing one as the point.
        assert!((smoothed[0] - (0.60 + 0.60 + 0.75) / 3.0).abs() < 1e-9);
        assert!((smoothed[5] - (0.72 + 0.73 + 0.71) / 3.0).abs() < 1e-9);
        assert!((smoothed[6] - (0.73 + 0.71 + 0.71) / 3.0).abs() < 1e-9);
    }
}
