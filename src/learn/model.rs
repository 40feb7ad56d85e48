//! The learnt model and how it reads a post's candidates: a logistic classifier says how likely
//! each candidate is a session; the likeliest are taken, best first, each unless it repeats one
//! taken already; a linear-chain CRF then marks which of a taken candidate's tokens are its
//! title and which its speakers.
//!
//! Weights are kept by feature id ([`Id`]), so reading never builds a feature's name. The CRF
//! is trained by CRFsuite (`crfs`) and its weights taken out of CRFsuite's model once, after
//! training: tagging is a Viterbi pass over three labels, done here.
//!
//! The model file: a header of text lines (the version, the thresholds, how many weights of
//! each kind), then the weights, little-endian: each classifier weight as an id and an `f32`;
//! the CRF's transitions (three by three `f32`); each CRF state feature as an id and its three
//! labels' `f32`.

use std::collections::HashMap;

use super::candidate::{Candidate, Origin, Part};
use super::features::{Context, Id, IdMap, Sink, TokenFacts, bucket, candidate_features, feat, id, token_features};
use super::nearby::{Around, nearby_features};
use super::score::title_similarity;
use crate::extract::names;

const MAGIC: &str = "talksearch-model 5";

/// Labels of the sequence model: a word of the title, of a speaker's name, or neither.
pub const TITLE: &str = "T";
pub const SPEAKER: &str = "S";
pub const OTHER: &str = "O";
/// The labels in the order of the sequence model's weights.
pub const LABELS: [&str; 3] = [TITLE, SPEAKER, OTHER];

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a talksearch model file (it should start with {MAGIC:?})")]
    NotAModel,
    #[error("the model file is cut short or damaged: {0}")]
    Damaged(String),
}

/// The sequence model's weights: for each feature, its weight toward each label
/// ([`LABELS`]' order), and the weight of each label following each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sequence {
    pub state: IdMap<[f32; 3]>,
    pub transition: [[f32; 3]; 3],
}

impl Sequence {
    /// The weights of a model CRFsuite wrote, read from its dump (CRFsuite keeps its feature
    /// table to itself). Attribute names are the features' ids in hexadecimal.
    pub fn from_crfsuite(bytes: &[u8]) -> Result<Sequence, ModelError> {
        let damaged = |e: &dyn std::fmt::Display| ModelError::Damaged(e.to_string());
        let model = crfs::Model::new(bytes).map_err(|e| damaged(&e))?;
        let mut dump = Vec::new();
        model.dump(&mut dump).map_err(|e| damaged(&e))?;
        let dump = String::from_utf8(dump).map_err(|e| damaged(&e))?;
        let label = |l: &str| LABELS.iter().position(|x| *x == l);
        let mut seq = Sequence::default();
        let mut section = "";
        for line in dump.lines() {
            if line.ends_with("= {") {
                section = line.trim_end_matches(" = {");
                continue;
            }
            // "  (type) source --> target: weight"
            let Some((_, rest)) = line.trim_start().split_once(") ") else {
                continue;
            };
            let Some((pair, weight)) = rest.rsplit_once(": ") else {
                continue;
            };
            let Some((source, target)) = pair.rsplit_once(" --> ") else {
                continue;
            };
            let weight: f32 = weight.trim().parse().map_err(|e| damaged(&e))?;
            let Some(to) = label(target) else {
                return Err(ModelError::Damaged(format!("unknown label {target:?}")));
            };
            match section {
                "TRANSITIONS" => {
                    let from = label(source).ok_or_else(|| damaged(&format!("unknown label {source:?}")))?;
                    seq.transition[from][to] = weight;
                }
                "STATE_FEATURES" => {
                    let id = u64::from_str_radix(source, 16).map_err(|e| damaged(&e))?;
                    seq.state.entry(id).or_default()[to] = weight;
                }
                _ => {}
            }
        }
        Ok(seq)
    }

    pub fn is_empty(&self) -> bool {
        self.state.is_empty()
    }

    /// The likeliest labels of a sequence of tokens, each given by its features' ids.
    pub fn tag(&self, tokens: &[Vec<Id>]) -> Vec<&'static str> {
        if tokens.is_empty() {
            return Vec::new();
        }
        let score = |fs: &[Id]| -> [f32; 3] {
            let mut s = [0f32; 3];
            for w in fs.iter().filter_map(|f| self.state.get(f)) {
                for k in 0..3 {
                    s[k] += w[k];
                }
            }
            s
        };
        let mut best = score(&tokens[0]);
        let mut back: Vec<[u8; 3]> = Vec::with_capacity(tokens.len());
        for fs in &tokens[1..] {
            let s = score(fs);
            let mut next = [0f32; 3];
            let mut from = [0u8; 3];
            for j in 0..3 {
                let mut arg = 0;
                for i in 1..3 {
                    if best[i] + self.transition[i][j] > best[arg] + self.transition[arg][j] {
                        arg = i;
                    }
                }
                next[j] = best[arg] + self.transition[arg][j] + s[j];
                from[j] = arg as u8;
            }
            best = next;
            back.push(from);
        }
        let mut at = (0..3).fold(0, |a, k| if best[k] > best[a] { k } else { a });
        let mut labels = vec![LABELS[at]; tokens.len()];
        for (k, from) in back.iter().enumerate().rev() {
            at = usize::from(from[at]);
            labels[k] = LABELS[at];
        }
        labels
    }
}

/// A trained model: the candidate classifier's weights and the sequence model.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub weights: IdMap<f32>,
    /// Proposals at least this likely are sessions.
    pub threshold: f32,
    /// Structural candidates at least this likely are sessions.
    pub structural_threshold: f32,
    /// The post itself at least this likely is one session: a page is a session or holds
    /// them, a choice of another kind than a block's, so it has a threshold of its own.
    pub post_threshold: f32,
    /// How likely a structural candidate in which the sequence model reads no speaker must be
    /// to be a session (above 1: never). Where nearly every labelled session names one, a
    /// candidate the readers did not propose and no one presents is most often a link, a news
    /// item or a job; but a blog may name its presenters where no candidate reaches (a bio
    /// below, the front matter), so how sure is sure enough is learnt, not fixed.
    pub unnamed_threshold: f32,
    /// The weights that tell, of the people named near a structural candidate in which the
    /// sequence model reads no speaker ([`Candidate::nearby`]), who presents it.
    pub presenter: IdMap<f32>,
    /// How likely the likeliest of them must be to be taken as its presenter (above 1: never).
    pub presenter_threshold: f32,
    pub sequence: Sequence,
}

/// A candidate as the classifier weighs it: its features (ids to read, names to show), and
/// what the sequence model read in it (for a structural candidate; empty labels otherwise).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Weighed<F = Id> {
    pub features: Vec<F>,
    pub labels: Vec<&'static str>,
    pub title: String,
    pub speakers: Vec<String>,
    /// For a structural candidate read with no speaker: the likeliest of the people named
    /// near it to present it, and how likely.
    pub presenter: Option<(String, f32)>,
}

/// What the model made of one candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub candidate: usize,
    pub probability: f32,
    pub taken: bool,
    pub title: String,
    pub speakers: Vec<String>,
    /// The token labels, for a structural candidate the model read.
    pub labels: Vec<&'static str>,
}

fn put_f32(out: &mut Vec<u8>, v: f32) {
    out.extend_from_slice(&v.to_le_bytes());
}

impl Model {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = format!(
            "{MAGIC}\nthreshold {}\nstructural {}\npost {}\nunnamed {}\npresenter {}\nweights {}\nstates {}\nnearby {}\n",
            self.threshold,
            self.structural_threshold,
            self.post_threshold,
            self.unnamed_threshold,
            self.presenter_threshold,
            self.weights.len(),
            self.sequence.state.len(),
            self.presenter.len(),
        )
        .into_bytes();
        // In id order, so the same model always writes the same bytes.
        let mut w: Vec<(&Id, &f32)> = self.weights.iter().collect();
        w.sort_by_key(|(k, _)| **k);
        for (k, v) in w {
            out.extend_from_slice(&k.to_le_bytes());
            put_f32(&mut out, *v);
        }
        for row in &self.sequence.transition {
            for v in row {
                put_f32(&mut out, *v);
            }
        }
        let mut st: Vec<(&Id, &[f32; 3])> = self.sequence.state.iter().collect();
        st.sort_by_key(|(k, _)| **k);
        for (k, v) in st {
            out.extend_from_slice(&k.to_le_bytes());
            for x in v {
                put_f32(&mut out, *x);
            }
        }
        let mut w: Vec<(&Id, &f32)> = self.presenter.iter().collect();
        w.sort_by_key(|(k, _)| **k);
        for (k, v) in w {
            out.extend_from_slice(&k.to_le_bytes());
            put_f32(&mut out, *v);
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut rest = bytes;
        let mut line = || -> Result<&str, ModelError> {
            let end = rest
                .iter()
                .position(|&b| b == b'\n')
                .ok_or(ModelError::Damaged("a line is cut".into()))?;
            let l = std::str::from_utf8(&rest[..end]).map_err(|e| ModelError::Damaged(e.to_string()))?;
            rest = &rest[end + 1..];
            Ok(l)
        };
        if line().map_err(|_| ModelError::NotAModel)? != MAGIC {
            return Err(ModelError::NotAModel);
        }
        let number = |l: &str, key: &str| -> Result<f64, ModelError> {
            l.strip_prefix(key)
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| ModelError::Damaged(format!("expected {key}, found {l:?}")))
        };
        let threshold = number(line()?, "threshold")? as f32;
        let structural_threshold = number(line()?, "structural")? as f32;
        let post_threshold = number(line()?, "post")? as f32;
        let unnamed_threshold = number(line()?, "unnamed")? as f32;
        let presenter_threshold = number(line()?, "presenter")? as f32;
        let n = number(line()?, "weights")? as usize;
        let m = number(line()?, "states")? as usize;
        let q = number(line()?, "nearby")? as usize;
        let expected = n
            .saturating_mul(12)
            .saturating_add(36)
            .saturating_add(m.saturating_mul(20))
            .saturating_add(q.saturating_mul(12));
        if rest.len() != expected {
            return Err(ModelError::Damaged(format!(
                "the weights take {} bytes, not {expected}",
                rest.len()
            )));
        }
        let u64_at = |b: &[u8]| u64::from_le_bytes(b[..8].try_into().unwrap_or_default());
        let f32_at = |b: &[u8]| f32::from_le_bytes(b[..4].try_into().unwrap_or_default());
        let (ws, rest) = rest.split_at(n * 12);
        let weights: IdMap<f32> = ws.chunks_exact(12).map(|c| (u64_at(c), f32_at(&c[8..]))).collect();
        let (tr, rest) = rest.split_at(36);
        let (st, near) = rest.split_at(m * 20);
        let presenter: IdMap<f32> = near.chunks_exact(12).map(|c| (u64_at(c), f32_at(&c[8..]))).collect();
        let mut transition = [[0f32; 3]; 3];
        for (k, c) in tr.chunks_exact(4).enumerate() {
            transition[k / 3][k % 3] = f32_at(c);
        }
        let state: IdMap<[f32; 3]> = st
            .chunks_exact(20)
            .map(|c| (u64_at(c), [f32_at(&c[8..]), f32_at(&c[12..]), f32_at(&c[16..])]))
            .collect();
        Ok(Model {
            weights,
            threshold,
            structural_threshold,
            post_threshold,
            unnamed_threshold,
            presenter,
            presenter_threshold,
            sequence: Sequence { state, transition },
        })
    }

    /// The likeliest presenter of a candidate among the people named near it, and how likely.
    pub fn presenter_of(&self, c: &Candidate, cx: &Context) -> Option<(String, f32)> {
        if self.presenter.is_empty() {
            return None;
        }
        let around = Around::of(c);
        let mut best: Option<(String, f32)> = None;
        let mut f: Vec<Id> = Vec::with_capacity(24);
        for n in &c.nearby {
            f.clear();
            nearby_features(n, &around, cx, &mut f);
            let z: f32 = f.iter().filter_map(|k| self.presenter.get(k)).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            if best.as_ref().is_none_or(|(_, b)| p > *b) {
                best = Some((n.name.clone(), p));
            }
        }
        best
    }

    /// How likely a candidate with these features is a session.
    pub fn probability(&self, features: &[Id]) -> f32 {
        let z: f32 = features.iter().filter_map(|f| self.weights.get(f)).sum();
        1.0 / (1.0 + (-z).exp())
    }

    /// The features of `features` (by name) that weigh most, with their weights: why a
    /// candidate was or was not read as a session.
    pub fn weightiest(&self, features: &[String], n: usize) -> Vec<(String, f32)> {
        let mut w: Vec<(String, f32)> = features
            .iter()
            .filter_map(|f| self.weights.get(&id(f)).map(|w| (f.clone(), *w)))
            .collect();
        w.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        w.truncate(n);
        w
    }

    /// The features of a post's candidates for the classifier, with the sequence model's
    /// reading of each structural candidate's words (whether they hold a title and a speaker)
    /// and of its siblings' (a list of talks reads alike from item to item), and that reading.
    /// By id to read a post; by name (`F = String`) to show why.
    pub fn features<F>(&self, cands: &[Candidate], cx: &Context) -> Vec<Weighed<F>>
    where
        Vec<F>: Sink,
    {
        let facts: Vec<TokenFacts> = cands.iter().map(TokenFacts::of).collect();
        let mut features: Vec<Vec<F>> = cands
            .iter()
            .zip(&facts)
            .map(|(c, facts)| {
                let mut f = Vec::with_capacity(96);
                candidate_features(c, cx, facts, &mut f);
                f
            })
            .collect();
        // A structural candidate whose words a proposal's description holds is most often
        // that session described, not a session of its own.
        let descriptions: Vec<String> = cands
            .iter()
            .filter(|c| !c.origin.is_structural())
            .filter_map(|c| c.proposal.as_ref())
            .map(|t| t.description.to_lowercase())
            .filter(|d| !d.is_empty())
            .collect();
        if !descriptions.is_empty() {
            for (c, f) in cands.iter().zip(&mut features) {
                let text = c.text.trim().to_lowercase();
                if c.origin.is_structural() && text.len() >= 12 && descriptions.iter().any(|d| d.contains(&text)) {
                    feat!(f, "in_description");
                    feat!(f, "{}:in_description", c.origin.name());
                }
            }
        }
        let mut weighed: Vec<Weighed<F>> = cands
            .iter()
            .zip(features.into_iter().zip(&facts))
            .map(|(c, (mut features, facts))| {
                let labels = if c.origin.is_structural() && !self.sequence.is_empty() {
                    self.sequence.tag(&token_features::<Vec<Id>>(c, cx, facts))
                } else {
                    Vec::new()
                };
                let (mut title, speakers) = read_labels(c, &labels);
                if title.is_empty() && !speakers.is_empty() && c.origin != Origin::Post {
                    title = title_after_name(c, &labels);
                }
                let presenter = if c.origin.is_structural() && speakers.is_empty() {
                    self.presenter_of(c, cx)
                } else {
                    None
                };
                if let Some(t) = c.proposal.as_ref().filter(|_| !c.origin.is_structural()) {
                    said_features(&t.title, &t.speakers, &mut Prefixed("r:", &mut features));
                }
                if !labels.is_empty() {
                    reading_features(c, &title, &speakers, &mut features);
                    if let Some((_, p)) = &presenter {
                        feat!(
                            features,
                            "presenter_near={}",
                            if *p >= 0.5 { "likely" } else { "unlikely" }
                        );
                    }
                }
                Weighed {
                    features,
                    labels,
                    title,
                    speakers,
                    presenter,
                }
            })
            .collect();
        // Per group of structural siblings: how many, how many read with a title and a
        // speaker, how many on a block a reader proposed from.
        let read_whole = |w: &Weighed<F>| !w.labels.is_empty() && !w.title.is_empty() && !w.speakers.is_empty();
        let proposed = |c: &Candidate| c.block.is_some_and(|b| cx.proposed_blocks.contains(&b));
        let mut groups: HashMap<usize, (usize, usize, usize)> = HashMap::new();
        for (c, w) in cands.iter().zip(&weighed).filter(|(c, _)| c.origin.is_structural()) {
            let g = groups.entry(c.group).or_default();
            g.0 += 1;
            g.1 += usize::from(read_whole(w));
            g.2 += usize::from(proposed(c));
        }
        for (c, w) in cands.iter().zip(&mut weighed) {
            if !(c.origin.is_structural() && c.siblings > 0) {
                continue;
            }
            let (all, whole, held) = groups[&c.group];
            let n = (all - 1).max(1);
            let both = whole - usize::from(read_whole(w));
            let held = held - usize::from(proposed(c));
            let o = c.origin.name();
            feat!(w.features, "sib_read={}", both * 4 / n);
            feat!(w.features, "{o}:sib_read={}", both * 4 / n);
            feat!(w.features, "sib_proposed={}", held * 4 / n);
            feat!(w.features, "{o}:sib_proposed={}", held * 4 / n);
        }
        weighed
    }

    /// Reads the post's candidates: which are sessions, with their titles and speakers.
    pub fn decide(&self, cands: &[Candidate], cx: &Context) -> Vec<Decision> {
        let weighed = self.features::<Id>(cands, cx);
        let p: Vec<f32> = weighed.iter().map(|w| self.probability(&w.features)).collect();
        let rules = Rules {
            threshold: self.threshold,
            structural_threshold: self.structural_threshold,
            post_threshold: self.post_threshold,
            unnamed_threshold: self.unnamed_threshold,
            presenter_threshold: self.presenter_threshold,
        };
        decide_with(cands, &weighed, &p, rules)
    }
}

/// The thresholds and the speaker rule a post's candidates are decided by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    pub threshold: f32,
    pub structural_threshold: f32,
    pub post_threshold: f32,
    pub unnamed_threshold: f32,
    pub presenter_threshold: f32,
}

/// Which of a post's candidates are sessions, given each one's reading and probability: the
/// readers' proposals first (they are read whole), then structural candidates best first, each
/// unless it repeats one taken. Pure, so training can try thresholds on held-out posts without
/// reading them again.
pub fn decide_with<F>(cands: &[Candidate], weighed: &[Weighed<F>], p: &[f32], rules: Rules) -> Vec<Decision> {
    let mut order: Vec<(usize, f32)> = p.iter().copied().enumerate().collect();
    // Ties in the post's order, so the same post always reads the same.
    order.sort_by(|a, b| {
        let sa = cands[a.0].origin.is_structural();
        let sb = cands[b.0].origin.is_structural();
        sa.cmp(&sb).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0))
    });
    let front = front_people(cands, weighed);
    let mut out: Vec<Decision> = Vec::with_capacity(cands.len());
    for (i, p) in order {
        let c = &cands[i];
        let threshold = match c.origin {
            // What the author listed in the front matter is no guess.
            Origin::Listed => 0.0,
            Origin::Post => rules.post_threshold,
            o if o.is_structural() => rules.structural_threshold,
            _ => rules.threshold,
        };
        let (title, mut speakers, labels) = match &c.proposal {
            Some(t) if !c.origin.is_structural() => (t.title.clone(), t.speakers.clone(), Vec::new()),
            _ if p >= threshold => {
                let w = &weighed[i];
                (w.title.clone(), w.speakers.clone(), w.labels.clone())
            }
            _ => (String::new(), Vec::new(), Vec::new()),
        };
        // No one read in its words: the likeliest person named near it, if likely enough
        // (the people of the front matter come first, below).
        if speakers.is_empty()
            && c.origin.is_structural()
            && (front.is_empty() || c.origin == Origin::Post)
            && let Some((name, q)) = &weighed[i].presenter
            && *q >= rules.presenter_threshold
        {
            speakers.push(name.clone());
        }
        let unnamed = c.origin.is_structural()
            && speakers.is_empty()
            && (front.is_empty() || c.origin == Origin::Post)
            && p < rules.unnamed_threshold;
        // The readers merged their own repeats already: a proposal repeats only what the
        // same words already read elsewhere, two proposals never each other. Asked only of a
        // candidate that would otherwise be taken, as comparing titles is what costs.
        let repeats = || {
            out.iter().filter(|d| d.taken).any(|d| {
                let other = &cands[d.candidate];
                (c.origin.is_structural() || other.origin.is_structural()) && title_similarity(&d.title, &title) >= 0.5
                    || (c.origin.is_structural()
                        && other.block.is_some()
                        && other.block == c.block
                        && other.range.start < c.range.end
                        && c.range.start < other.range.end)
            })
        };
        let taken = p >= threshold && !title.trim().is_empty() && !unnamed && !repeats();
        out.push(Decision {
            candidate: i,
            probability: p,
            taken,
            title,
            speakers,
            labels,
        });
    }
    out.sort_by_key(|d| d.candidate);
    give_front_speakers(&front, cands, &mut out);
    out
}

/// The people the sequence model reads in the post's front matter.
fn front_people<F>(cands: &[Candidate], weighed: &[Weighed<F>]) -> Vec<String> {
    let Some(post) = cands.iter().position(|c| c.origin == Origin::Post) else {
        return Vec::new();
    };
    let c = &cands[post];
    let labels: Vec<&str> = weighed[post]
        .labels
        .iter()
        .zip(&c.tokens)
        .map(|(&l, t)| if matches!(t.part, Part::Front(_)) { l } else { OTHER })
        .collect();
    read_labels(c, &labels).1
}

/// Sessions read in the body with no presenter, given those the front matter names: where a
/// post says who presents only in its front matter (`speaker:`, `authors:`, a list of
/// mappings), the sequence model reads them in the post's own candidate. One each, in order,
/// when there are as many sessions as people; all of them to each otherwise.
fn give_front_speakers(people: &[String], cands: &[Candidate], out: &mut [Decision]) {
    if people.is_empty() {
        return;
    }
    let unnamed: Vec<usize> = out
        .iter()
        .enumerate()
        .filter(|(_, d)| d.taken && d.speakers.is_empty())
        .filter(|(_, d)| cands[d.candidate].origin.is_structural() && cands[d.candidate].origin != Origin::Post)
        .map(|(k, _)| k)
        .collect();
    for (n, &k) in unnamed.iter().enumerate() {
        out[k].speakers = if unnamed.len() == people.len() {
            vec![people[n].clone()]
        } else {
            people.to_vec()
        };
    }
}

/// What the sequence model's reading of a structural candidate says of it: whether it found
/// a title and speakers, how long a title, and whether the title is all of the candidate.
pub fn reading_features(c: &Candidate, title: &str, speakers: &[String], f: &mut impl Sink) {
    let words = title.split_whitespace().count();
    let own = c.tokens.iter().filter(|t| t.part == Part::Main && t.word).count();
    let o = c.origin.name();
    let read = match (words > 0, !speakers.is_empty()) {
        (true, true) => "both",
        (true, false) => "title",
        (false, true) => "speaker",
        (false, false) => "none",
    };
    feat!(f, "read={read}");
    feat!(f, "{o}:read={read}");
    feat!(f, "read_speakers={}", speakers.len().min(3));
    let share = (words * 4).checked_div(own).unwrap_or(0);
    feat!(f, "read_share={share}");
    feat!(
        f,
        "read_len={}",
        match words {
            0 => "0",
            1 => "1",
            2..=3 => "2-3",
            4..=8 => "4-8",
            9..=15 => "9-15",
            _ => "16+",
        }
    );
    // What the words read as a title are: a part of the evening that is no session (a
    // break, an introduction), or only the words sections are named with.
    let is = TitleIs::of(title);
    if words > 0 {
        is.add("read_", f);
    }
    said_title(title, &is, f);
    said_speakers(title, speakers, f);
}

/// What a title and its speakers, as a reader proposed them or the sequence model read them,
/// say of themselves: whether the people read are named as people are, and whether they are
/// words of the title. A reader written for one blog reads a product, a topic or a section's
/// label as a presenter on the next; a name it reads there is most often a person. And what
/// the title's words are, as [`reading_features`] says of the sequence model's readings (which
/// it gives these too: leave one blog out read 0.747 without them on readings, 0.754 with).
pub fn said_features(title: &str, speakers: &[String], f: &mut impl Sink) {
    said_title(title, &TitleIs::of(title), f);
    said_speakers(title, speakers, f);
}

/// What a title's words are: housekeeping, the words sections are named with, a link.
struct TitleIs {
    housekeeping: bool,
    section_words: bool,
    url: bool,
}

impl TitleIs {
    fn of(title: &str) -> TitleIs {
        TitleIs {
            housekeeping: !title.is_empty() && crate::extract::agenda::is_housekeeping(title),
            section_words: !title.is_empty() && crate::extract::is_section_heading(title),
            url: title.contains("://"),
        }
    }

    /// Each that holds as a feature, its name after `prefix`.
    fn add(&self, prefix: &str, f: &mut impl Sink) {
        if self.housekeeping {
            feat!(f, "{prefix}housekeeping");
        }
        if self.section_words {
            feat!(f, "{prefix}section_words");
        }
        if self.url {
            feat!(f, "{prefix}url");
        }
    }
}

/// The title's part of [`said_features`].
fn said_title(title: &str, is: &TitleIs, f: &mut impl Sink) {
    if !title.is_empty() {
        feat!(f, "said_len={}", bucket(title.split_whitespace().count()));
        is.add("said_", f);
        if names::looks_like_name(title) {
            feat!(f, "said_title_name");
        }
    }
}

/// The speakers' part of [`said_features`].
fn said_speakers(title: &str, speakers: &[String], f: &mut impl Sink) {
    if speakers.is_empty() {
        return;
    }
    let named = speakers.iter().filter(|s| names::looks_like_name(s)).count();
    feat!(
        f,
        "said_people={}",
        match named {
            0 => "none",
            n if n == speakers.len() => "all",
            _ => "some",
        }
    );
    fn words(s: &str) -> Vec<&str> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().nth(2).is_some())
            .collect()
    }
    let same = |a: &str, b: &str| {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    };
    let title_words = words(title);
    let in_title = speakers
        .iter()
        .any(|s| words(s).iter().any(|w| title_words.iter().any(|t| same(t, w))));
    if in_title {
        feat!(f, "said_speaker_in_title");
    }
    let longest = speakers.iter().map(|s| s.split_whitespace().count()).max().unwrap_or(0);
    feat!(f, "said_speaker_words={}", bucket(longest));
}

/// A [`Sink`] that names each feature after a prefix: the same evidence weighed apart for one
/// kind of candidate.
struct Prefixed<'a, S: Sink>(&'static str, &'a mut S);

impl<S: Sink> Sink for Prefixed<'_, S> {
    fn add(&mut self, name: std::fmt::Arguments<'_>) {
        self.1.add(format_args!("{}{name}", self.0));
    }
}

/// The title and speakers that token labels mark: the title runs from the first title token
/// to the last of the candidate's own text; each run of speaker tokens is one speaker.
pub fn read_labels(c: &Candidate, labels: &[&str]) -> (String, Vec<String>) {
    let in_title: Vec<usize> = (0..c.tokens.len())
        .filter(|&i| labels.get(i) == Some(&TITLE) && c.tokens[i].part == Part::Main)
        .collect();
    let title = match (in_title.first(), in_title.last()) {
        (Some(&a), Some(&b)) => {
            let range = c.tokens[a].range.start..c.tokens[b].range.end;
            c.text.get(range).unwrap_or("").to_string()
        }
        _ if c.origin == Origin::Post => c.text.clone(),
        _ => String::new(),
    };
    let mut speakers: Vec<String> = Vec::new();
    let mut i = 0;
    while i < c.tokens.len() {
        if labels.get(i) == Some(&SPEAKER) {
            let start = i;
            while i + 1 < c.tokens.len()
                && labels.get(i + 1) == Some(&SPEAKER)
                && c.tokens[i + 1].part == c.tokens[start].part
            {
                i += 1;
            }
            let part = c.tokens[start].part;
            let text = if part == Part::Main { &c.text } else { &c.next };
            if let Some(name) = text.get(c.tokens[start].range.start..c.tokens[i].range.end) {
                let name = name
                    .trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '@')
                    .to_string();
                if !name.is_empty() && !speakers.contains(&name) {
                    speakers.push(name);
                }
            }
        }
        i += 1;
    }
    (tidy(&title), speakers)
}

/// Where the sequence model reads who presents but no title: the words after the name and a
/// separator, up to the end of their sentence ("Ann Lee – Fuzzing parsers. In this talk …"). A
/// blog that names the presenter first writes the title there, and a model that learnt most
/// titles before their presenters may not follow it where the description runs on.
fn title_after_name(c: &Candidate, labels: &[&str]) -> String {
    let own = |i: usize| c.tokens.get(i).is_some_and(|t| t.part == Part::Main);
    let Some(name_end) =
        (0..c.tokens.len()).find(|&i| own(i) && labels.get(i) == Some(&SPEAKER) && labels.get(i + 1) != Some(&SPEAKER))
    else {
        return String::new();
    };
    let mut i = name_end + 1;
    let mut separated = false;
    while own(i) && matches!(c.tokens[i].text.as_str(), "-" | "–" | "—" | ":" | "|") {
        separated = true;
        i += 1;
    }
    if !separated || !own(i) {
        return String::new();
    }
    let start = i;
    let mut end = i;
    while own(end) && end - start < 25 {
        let t = &c.tokens[end];
        let ends_sentence = matches!(t.text.as_str(), "." | "?" | "!")
            && c.tokens
                .get(end + 1)
                .is_none_or(|n| n.part != Part::Main || n.text.chars().next().is_some_and(char::is_uppercase));
        if ends_sentence {
            break;
        }
        end += 1;
    }
    if end == start {
        return String::new();
    }
    let range = c.tokens[start].range.start..c.tokens[end - 1].range.end;
    tidy(c.text.get(range).unwrap_or(""))
}

/// A title without the quotes and separators around it.
fn tidy(title: &str) -> String {
    title
        .trim_matches(|c: char| c.is_whitespace() || "\"'“”„«»‘’:–—-,|*()[]".contains(c))
        .to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::learn::candidate::{Part, tokens};

    pub(crate) fn cand(text: &str) -> Candidate {
        Candidate {
            origin: Origin::Item(1),
            block: Some(0),
            range: 0..text.len(),
            text: text.into(),
            next: String::new(),
            tokens: tokens(text, &[], &[], Part::Main),
            section: Vec::new(),
            siblings: 0,
            group: 0,
            position: 0.0,
            proposal: None,
            evidence: None,
            videos: Vec::new(),
            materials: Vec::new(),
            own_videos: Vec::new(),
            front_keys: Vec::new(),
            nearby: Vec::new(),
        }
    }

    #[test]
    fn labels_read_as_a_title_and_speakers() {
        let c = cand("“Parsing with care” by Ann Lee and Bo Ray");
        let l: Vec<&str> = "O T T T O O S S O S S".split(' ').collect();
        let (title, speakers) = read_labels(&c, &l);
        assert_eq!(title, "Parsing with care");
        assert_eq!(speakers, ["Ann Lee", "Bo Ray"]);
    }

    #[test]
    fn a_model_survives_its_file_and_a_damaged_file_is_an_error() {
        let mut m = Model {
            threshold: 0.4,
            structural_threshold: 0.6,
            post_threshold: 0.3,
            unnamed_threshold: 0.9,
            ..Model::default()
        };
        m.weights.insert(id("o=h2"), 1.5);
        m.weights.insert(id("w=talk"), -0.25);
        m.sequence.state.insert(id("w=by"), [0.5, -1.0, 2.0]);
        m.sequence.transition[1][1] = 0.75;
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.weights, m.weights);
        assert_eq!(back.sequence, m.sequence);
        assert_eq!(
            (back.threshold, back.structural_threshold, back.post_threshold),
            (0.4, 0.6, 0.3)
        );
        assert_eq!(back.unnamed_threshold, 0.9);
        assert_eq!(m.to_bytes(), back.to_bytes(), "the same model writes the same bytes");
        assert!(matches!(Model::from_bytes(b"hello\n"), Err(ModelError::NotAModel)));
        let bytes = m.to_bytes();
        assert!(matches!(
            Model::from_bytes(&bytes[..bytes.len() - 3]),
            Err(ModelError::Damaged(_))
        ));
    }

    #[test]
    fn features_by_name_and_by_id_agree() {
        let c = cand("Parsing with care by Ann Lee");
        let cx = Context::default();
        let facts = TokenFacts::of(&c);
        let names: Vec<String> = {
            let mut f = Vec::new();
            candidate_features(&c, &cx, &facts, &mut f);
            f
        };
        let ids: Vec<Id> = {
            let mut f = Vec::new();
            candidate_features(&c, &cx, &facts, &mut f);
            f
        };
        assert!(names.contains(&"s:o=item1".to_string()), "{names:?}");
        assert_eq!(names.iter().map(|n| id(n)).collect::<Vec<_>>(), ids);
        let by_name = token_features::<Vec<String>>(&c, &cx, &facts);
        let by_id = token_features::<Vec<Id>>(&c, &cx, &facts);
        for (n, i) in by_name.iter().zip(&by_id) {
            assert_eq!(n.iter().map(|n| id(n)).collect::<Vec<_>>(), *i);
        }
        assert!(by_name[0].contains(&"w-1=|".to_string()) && by_name[1].contains(&"s-1=Xx".to_string()));
    }

    /// A post whose front matter names its presenter and whose body has one heading, read with
    /// the heading as a title and the front matter's words as a speaker, decided by `rules`
    /// with the heading at probability 0.6.
    fn front_matter_post(front: &str, rules: Rules) -> Vec<Decision> {
        near_post(front, 0.0, rules)
    }

    /// [`front_matter_post`] with someone named under the heading, `near` likely to present it.
    fn near_post(front: &str, near: f32, rules: Rules) -> Vec<Decision> {
        let text = format!("---\ntitle: June\n{front}---\n\n### Fuzzing parsers\n\nWhy parsers break.\n");
        let post = crate::post::parse_post("a.md", &text, &crate::site::Site::default()).unwrap();
        let parsed = crate::extract::blocks::parse(&post.body);
        let cands = crate::learn::candidate::candidates(&post, &parsed, &crate::extract::Extraction::default());
        let weighed: Vec<Weighed> = cands
            .iter()
            .map(|c| {
                let labels: Vec<&'static str> = c
                    .tokens
                    .iter()
                    .map(|t| match (c.origin, t.part) {
                        (Origin::Post, Part::Front(_)) if t.word => SPEAKER,
                        (Origin::Heading(3), Part::Main) => TITLE,
                        _ => OTHER,
                    })
                    .collect();
                let (title, speakers) = read_labels(c, &labels);
                // "Ann Lee", named under the heading, as likely to present it as `near`.
                let presenter = (c.origin == Origin::Heading(3)).then(|| ("Ann Lee".to_string(), near));
                Weighed {
                    features: Vec::new(),
                    labels,
                    title,
                    speakers,
                    presenter,
                }
            })
            .collect();
        let p: Vec<f32> = cands
            .iter()
            .map(|c| if c.origin == Origin::Heading(3) { 0.6 } else { 0.01 })
            .collect();
        decide_with(&cands, &weighed, &p, rules)
    }

    #[test]
    fn a_session_read_with_no_presenter_is_taken_only_when_sure_enough_or_given_the_front_matters() {
        let rules = |unnamed_threshold| Rules {
            threshold: 0.5,
            structural_threshold: 0.5,
            post_threshold: 0.5,
            unnamed_threshold,
            presenter_threshold: 0.5,
        };
        let taken = |d: Vec<Decision>| -> Vec<(String, Vec<String>)> {
            d.into_iter()
                .filter(|d| d.taken)
                .map(|d| (d.title, d.speakers))
                .collect()
        };
        assert!(taken(front_matter_post("", rules(2.0))).is_empty());
        assert_eq!(
            taken(front_matter_post("", rules(0.55))),
            [("Fuzzing parsers".to_string(), Vec::new())]
        );
        assert_eq!(
            taken(front_matter_post("speaker: Ann Lee\n", rules(2.0))),
            [("Fuzzing parsers".to_string(), vec!["Ann Lee".to_string()])]
        );
        // Someone named near it likely enough to present it: taken, with them.
        assert_eq!(
            taken(near_post("", 0.7, rules(2.0))),
            [("Fuzzing parsers".to_string(), vec!["Ann Lee".to_string()])]
        );
        assert!(taken(near_post("", 0.3, rules(2.0))).is_empty());
    }

    #[test]
    fn a_title_after_its_presenter_runs_to_the_end_of_its_sentence() {
        // "Ann Lee" read as the speaker, nothing else read.
        let title_of = |text: &str| {
            let c = cand(text);
            let labels: Vec<&str> = c
                .tokens
                .iter()
                .map(|t| {
                    if t.text == "Ann" || t.text == "Lee" {
                        SPEAKER
                    } else {
                        OTHER
                    }
                })
                .collect();
            title_after_name(&c, &labels)
        };
        assert_eq!(
            title_of("talk: Ann Lee – Fuzzing parsers, gently. We fuzz. More"),
            "Fuzzing parsers, gently"
        );
        // No separator after the name: no title read there.
        assert_eq!(title_of("Ann Lee fuzzes parsers."), "");
    }

    #[test]
    fn a_talk_listed_in_the_front_matter_is_kept_however_unlikely() {
        let mut c = cand("Parsing with care");
        c.origin = Origin::Listed;
        c.proposal = Some(crate::talk::Talk {
            title: "Parsing with care".into(),
            ..Default::default()
        });
        let rules = Rules {
            threshold: 0.5,
            structural_threshold: 0.5,
            post_threshold: 0.5,
            unnamed_threshold: 0.0,
            presenter_threshold: 0.5,
        };
        let weighed = vec![Weighed::<Id>::default()];
        let d = decide_with(std::slice::from_ref(&c), &weighed, &[0.01], rules);
        assert!(d[0].taken);
        c.origin = Origin::Rule;
        let d = decide_with(std::slice::from_ref(&c), &weighed, &[0.01], rules);
        assert!(!d[0].taken);
    }

    #[test]
    fn the_sequence_model_takes_the_best_path_through_its_transitions() {
        // "ann" alone leans only a little to a speaker, but the step from "by" to a speaker
        // is worth more than the step to a title.
        let mut s = Sequence::default();
        s.state.insert(id("w=a"), [1.0, 0.0, 0.0]);
        s.state.insert(id("w=by"), [0.0, 0.0, 3.0]);
        s.state.insert(id("w=ann"), [0.2, 0.3, 0.0]);
        s.transition[2][1] = 1.0; // other → speaker
        s.transition[2][0] = -1.0; // other → title
        let toks: Vec<Vec<Id>> = ["w=a", "w=by", "w=ann", "w=ann"].iter().map(|w| vec![id(w)]).collect();
        assert_eq!(s.tag(&toks), [TITLE, OTHER, SPEAKER, SPEAKER]);
        assert!(s.tag(&[]).is_empty());
    }

    #[test]
    fn what_a_reading_says_of_itself_tells_people_from_products() {
        let said = |title: &str, speakers: &[&str]| {
            let speakers: Vec<String> = speakers.iter().map(|s| s.to_string()).collect();
            let mut f: Vec<String> = Vec::new();
            said_features(title, &speakers, &mut f);
            f
        };
        let person = said("Fast tests", &["Ann Lee"]);
        assert!(person.contains(&"said_people=all".to_string()), "{person:?}");
        assert!(!person.contains(&"said_speaker_in_title".to_string()));
        let label = said("LTP - Linux Testing Project", &["Linux Testing Project"]);
        assert!(label.contains(&"said_speaker_in_title".to_string()), "{label:?}");
        let mixed = said("Tools", &["Ann Lee", "(through https"]);
        assert!(mixed.contains(&"said_people=some".to_string()), "{mixed:?}");
        assert!(said("Ann Lee", &[]).contains(&"said_title_name".to_string()));
        let mut prefixed: Vec<String> = Vec::new();
        said_features("Fast tests", &[], &mut Prefixed("r:", &mut prefixed));
        assert_eq!(prefixed, ["r:said_len=2"]);
    }
}
