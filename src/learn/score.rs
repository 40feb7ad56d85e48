//! How well extracted sessions match the sessions a careful reader labelled, counted by the
//! rules of the project's scorer (`../shared/eval/score_extraction.py`), so that training and
//! leave-one-blog-out runs report the figures that scorer would.
//!
//! Within a post, a predicted session matches a labelled one when their titles share enough
//! words (token F1 of at least 0.5, lower-cased, stop words dropped); pairs are taken best
//! first, one to one. A match agrees on its speaker when a name word is shared (labels without
//! a speaker are not counted), and on its video when a video id is shared.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

/// One post's labelled sessions, as `gold.json` lists them.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldPost {
    pub post: String,
    pub talks: Vec<Session>,
}

/// A session, labelled or predicted: what the scorer compares.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Session {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub speakers: Vec<String>,
    #[serde(default)]
    pub video: Vec<String>,
}

/// The counts the figures are made of; tallies of posts add up to a blog's, and blogs' to a
/// pooled one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    /// Matches whose labelled session names a speaker, and of those, the ones that agree.
    pub speaker_labelled: usize,
    pub speaker_agreed: usize,
    /// Matches whose labelled session has a video, and of those, the ones that agree.
    pub video_labelled: usize,
    pub video_agreed: usize,
    /// Matches that also agree on the speaker (or whose label names none).
    pub full: usize,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.speaker_labelled += o.speaker_labelled;
        self.speaker_agreed += o.speaker_agreed;
        self.video_labelled += o.video_labelled;
        self.video_agreed += o.video_agreed;
        self.full += o.full;
    }
}

impl Tally {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    /// Talks F1.
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }

    /// F1 where a match also needs its speaker to agree.
    pub fn full_f1(&self) -> f64 {
        harmonic(ratio(self.full, self.predicted), ratio(self.full, self.gold))
    }

    pub fn speaker_agreement(&self) -> f64 {
        ratio(self.speaker_agreed, self.speaker_labelled)
    }

    pub fn video_agreement(&self) -> f64 {
        ratio(self.video_agreed, self.video_labelled)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

/// Words too common to say two titles are the same talk.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "to", "for", "with", "and", "or", "by", "from", "at", "into", "about", "using",
    "use", "via", "is", "are", "be", "its", "it", "this", "that", "what", "how", "why", "your", "you", "our", "we",
];

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[a-z0-9]+(?:[+#][a-z0-9+#]*)?").expect("pattern"));
static NAME_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[a-z]+").expect("pattern"));
static VIDEO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:youtu\.be/|youtube(?:-nocookie)?\.com/(?:watch\?(?:.*&)?v=|embed/|v/|shorts/))([A-Za-z0-9_-]{11})")
        .expect("pattern")
});

/// A title's words for matching: lower-cased runs of ASCII letters and digits (`c++` and `c#`
/// whole), stop words dropped.
pub fn title_words(title: &str) -> Vec<String> {
    let low = title.to_lowercase();
    WORD.find_iter(&low)
        .map(|m| m.as_str().to_string())
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// How much two titles share: the F1 of their words, each word of one used once.
pub fn title_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (title_words(a), title_words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut pool = b.clone();
    let mut common = 0;
    for w in &a {
        if let Some(at) = pool.iter().position(|p| p == w) {
            pool.swap_remove(at);
            common += 1;
        }
    }
    harmonic(common as f64 / a.len() as f64, common as f64 / b.len() as f64)
}

fn name_words(names: &[String]) -> HashSet<String> {
    names
        .iter()
        .flat_map(|n| {
            let low = n.to_lowercase();
            NAME_WORD
                .find_iter(&low)
                .map(|m| m.as_str().to_string())
                .filter(|w| w.len() > 1)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn video_ids(urls: &[String]) -> HashSet<String> {
    urls.iter()
        .map(|u| match VIDEO.captures(u) {
            Some(c) => c[1].to_string(),
            None => u.trim_end_matches('/').to_string(),
        })
        .collect()
}

/// The matches of one post: pairs (labelled, predicted) taken best first, one to one.
pub fn matches(gold: &[Session], predicted: &[Session]) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, p) in predicted.iter().enumerate() {
            pairs.push((title_similarity(&g.title, &p.title), i, j));
        }
    }
    // Best first; among equals, the later pair first (the scorer sorts the triples descending).
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let (mut used_g, mut used_p) = (vec![false; gold.len()], vec![false; predicted.len()]);
    let mut out = Vec::new();
    for (similarity, i, j) in pairs {
        if similarity < 0.5 || used_g[i] || used_p[j] {
            continue;
        }
        used_g[i] = true;
        used_p[j] = true;
        out.push((i, j));
    }
    out
}

/// The tally of one post.
pub fn score_post(gold: &[Session], predicted: &[Session]) -> Tally {
    let mut t = Tally {
        gold: gold.len(),
        predicted: predicted.len(),
        ..Tally::default()
    };
    for (i, j) in matches(gold, predicted) {
        let (g, p) = (&gold[i], &predicted[j]);
        t.matched += 1;
        let mut agreed = true;
        if !g.speakers.is_empty() {
            t.speaker_labelled += 1;
            agreed = !name_words(&g.speakers).is_disjoint(&name_words(&p.speakers));
            t.speaker_agreed += usize::from(agreed);
        }
        t.full += usize::from(agreed);
        if !g.video.is_empty() {
            t.video_labelled += 1;
            t.video_agreed += usize::from(!video_ids(&g.video).is_disjoint(&video_ids(&p.video)));
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(title: &str, speakers: &[&str]) -> Session {
        Session {
            title: title.into(),
            speakers: speakers.iter().map(|s| s.to_string()).collect(),
            video: Vec::new(),
        }
    }

    #[test]
    fn titles_match_by_their_words() {
        assert_eq!(title_similarity("The Garbage Collector", "garbage collector!"), 1.0);
        assert!((title_similarity("Garbage collection in Python", "Python internals") - 0.4).abs() < 1e-9);
        assert_eq!(title_similarity("C++ and C#", "c++ c#"), 1.0);
        assert_eq!(title_similarity("the of and", "the of and"), 0.0);
    }

    #[test]
    fn matches_are_one_to_one_best_first() {
        let gold = [
            s("Async IO in practice", &["Vikram Das"]),
            s("Django at scale", &["Meera Krishnan"]),
        ];
        let predicted = [
            s("Django at scale", &["Meera"]),
            s("Async IO", &["Someone Else"]),
            s("Async IO in practice", &[]),
        ];
        let t = score_post(&gold, &predicted);
        assert_eq!((t.gold, t.predicted, t.matched), (2, 3, 2));
        assert_eq!((t.speaker_labelled, t.speaker_agreed, t.full), (2, 1, 1));
        assert!((t.f1() - 0.8).abs() < 1e-9);
    }

    #[test]
    fn videos_agree_by_their_id() {
        let mut g = s("Parsers", &[]);
        g.video = vec!["https://www.youtube.com/watch?v=abcdefghijk".into()];
        let mut p = s("Parsers", &[]);
        p.video = vec!["https://youtu.be/abcdefghijk".into()];
        let t = score_post(&[g], &[p]);
        assert_eq!((t.video_labelled, t.video_agreed), (1, 1));
    }
}
