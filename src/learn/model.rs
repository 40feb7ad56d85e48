//! The learnt model and how it reads a post's candidates: a logistic classifier says how likely
//! each candidate is a session; the likeliest are taken, best first, each unless it repeats one
//! taken already; a linear-chain CRF then marks which of a taken candidate's tokens are its
//! title and which its speakers.
//!
//! The model file is plain: a header line, the classifier's threshold and weights as text (one
//! feature a line), then the CRF as CRFsuite's binary model, which `crfs` reads.

use std::collections::HashMap;

use super::candidate::{Candidate, Origin, Part};
use super::features::{Context, candidate_features, token_features};
use super::score::title_similarity;

const MAGIC: &str = "talksearch-model 2";

/// Labels of the sequence model: a word of the title, of a speaker's name, or neither.
pub const TITLE: &str = "T";
pub const SPEAKER: &str = "S";
pub const OTHER: &str = "O";

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a talksearch model file (it should start with {MAGIC:?})")]
    NotAModel,
    #[error("the model file is cut short or damaged: {0}")]
    Damaged(String),
}

/// A trained model: the candidate classifier's weights and the sequence model.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub weights: HashMap<String, f32>,
    /// Proposals at least this likely are sessions.
    pub threshold: f32,
    /// Structural candidates at least this likely are sessions.
    pub structural_threshold: f32,
    /// The post itself at least this likely is one session: a page is a session or holds
    /// them, a choice of another kind than a block's, so it has a threshold of its own.
    pub post_threshold: f32,
    /// Whether a structural candidate is a session only where the sequence model reads a
    /// speaker in it: set when nearly every labelled session names one, as a session the
    /// readers did not propose is otherwise most often a link, a news item or a job.
    pub structural_needs_speaker: bool,
    /// CRFsuite's model bytes; empty when the model has no sequence model yet.
    pub crf: Vec<u8>,
}

/// A candidate as the classifier weighs it: its features, and what the sequence model read in
/// it (for a structural candidate; empty labels otherwise).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Weighed {
    pub features: Vec<String>,
    pub labels: Vec<String>,
    pub title: String,
    pub speakers: Vec<String>,
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
    pub labels: Vec<String>,
}

impl Model {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = format!(
            "{MAGIC}\nthreshold {}\nstructural {}\npost {}\nneeds_speaker {}\nweights {}\n",
            self.threshold,
            self.structural_threshold,
            self.post_threshold,
            u8::from(self.structural_needs_speaker),
            self.weights.len()
        );
        let mut w: Vec<(&String, &f32)> = self.weights.iter().collect();
        w.sort_by(|a, b| a.0.cmp(b.0));
        for (k, v) in w {
            out.push_str(&format!("{}\t{v}\n", k.replace(['\t', '\n'], " ")));
        }
        out.push_str(&format!("crf {}\n", self.crf.len()));
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&self.crf);
        bytes
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
        let structural_needs_speaker = number(line()?, "needs_speaker")? != 0.0;
        let n = number(line()?, "weights")? as usize;
        let mut weights = HashMap::with_capacity(n);
        for _ in 0..n {
            let l = line()?;
            let (k, v) = l
                .rsplit_once('\t')
                .ok_or_else(|| ModelError::Damaged(format!("bad weight {l:?}")))?;
            let v: f32 = v
                .parse()
                .map_err(|_| ModelError::Damaged(format!("bad weight {l:?}")))?;
            weights.insert(k.to_string(), v);
        }
        let len = number(line()?, "crf")? as usize;
        if rest.len() != len {
            return Err(ModelError::Damaged(format!(
                "the sequence model has {} bytes, not {len}",
                rest.len()
            )));
        }
        let crf = rest.to_vec();
        if !crf.is_empty() {
            crfs::Model::new(&crf).map_err(|e| ModelError::Damaged(e.to_string()))?;
        }
        Ok(Model {
            weights,
            threshold,
            structural_threshold,
            post_threshold,
            structural_needs_speaker,
            crf,
        })
    }

    /// How likely a candidate with these features is a session.
    pub fn probability(&self, features: &[String]) -> f32 {
        let z: f32 = features.iter().filter_map(|f| self.weights.get(f)).sum();
        1.0 / (1.0 + (-z).exp())
    }

    /// The features of `features` that weigh most, with their weights: why a candidate was
    /// or was not read as a session.
    pub fn weightiest(&self, features: &[String], n: usize) -> Vec<(String, f32)> {
        let mut w: Vec<(String, f32)> = features
            .iter()
            .filter_map(|f| self.weights.get(f).map(|w| (f.clone(), *w)))
            .collect();
        w.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        w.truncate(n);
        w
    }

    /// The sequence model, read from its bytes (once per post: reading it is not free).
    fn sequence_model(&self) -> Option<crfs::Model<'_>> {
        if self.crf.is_empty() {
            return None;
        }
        crfs::Model::new(&self.crf).ok()
    }

    /// The features of a post's candidates for the classifier, with the sequence model's
    /// reading of each structural candidate's words (whether they hold a title and a speaker)
    /// and of its siblings' (a list of talks reads alike from item to item), and that reading.
    pub fn features(&self, cands: &[Candidate], cx: &Context) -> Vec<Weighed> {
        let model = self.sequence_model();
        let tagger = model.as_ref().and_then(|m| m.tagger().ok());
        let mut weighed: Vec<Weighed> = cands
            .iter()
            .map(|c| {
                let labels = match &tagger {
                    Some(t) if c.origin.is_structural() => label_with(t, c, cx),
                    _ => Vec::new(),
                };
                let (title, speakers) = read_labels(c, &labels);
                let mut features = candidate_features(c, cx);
                if !labels.is_empty() {
                    features.extend(reading_features(c, &title, &speakers));
                }
                Weighed {
                    features,
                    labels,
                    title,
                    speakers,
                }
            })
            .collect();
        // Per group of structural siblings: how many, how many read with a title and a
        // speaker, how many on a block a reader proposed from.
        let read_whole = |w: &Weighed| !w.labels.is_empty() && !w.title.is_empty() && !w.speakers.is_empty();
        let proposed = |c: &Candidate| c.block.is_some_and(|b| cx.proposed_blocks.contains(&b));
        let mut groups: HashMap<usize, (usize, usize, usize)> = HashMap::new();
        for (c, w) in cands.iter().zip(&weighed).filter(|(c, _)| c.origin.is_structural()) {
            let g = groups.entry(c.group).or_default();
            g.0 += 1;
            g.1 += usize::from(read_whole(w));
            g.2 += usize::from(proposed(c));
        }
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
            for (c, w) in cands.iter().zip(&mut weighed) {
                let text = c.text.trim().to_lowercase();
                if c.origin.is_structural() && text.len() >= 12 && descriptions.iter().any(|d| d.contains(&text)) {
                    w.features.push("in_description".into());
                    w.features.push(format!("{}:in_description", c.origin.name()));
                }
            }
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
            w.features.push(format!("sib_read={}", both * 4 / n));
            w.features.push(format!("{o}:sib_read={}", both * 4 / n));
            w.features.push(format!("sib_proposed={}", held * 4 / n));
            w.features.push(format!("{o}:sib_proposed={}", held * 4 / n));
        }
        weighed
    }

    /// Reads the post's candidates: which are sessions, with their titles and speakers.
    pub fn decide(&self, cands: &[Candidate], cx: &Context) -> Vec<Decision> {
        let weighed = self.features(cands, cx);
        let p: Vec<f32> = weighed.iter().map(|w| self.probability(&w.features)).collect();
        let rules = Rules {
            threshold: self.threshold,
            structural_threshold: self.structural_threshold,
            post_threshold: self.post_threshold,
            structural_needs_speaker: self.structural_needs_speaker,
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
    pub structural_needs_speaker: bool,
}

/// Which of a post's candidates are sessions, given each one's reading and probability: the
/// readers' proposals first (they are read whole), then structural candidates best first, each
/// unless it repeats one taken. Pure, so training can try thresholds on held-out posts without
/// reading them again.
pub fn decide_with(cands: &[Candidate], weighed: &[Weighed], p: &[f32], rules: Rules) -> Vec<Decision> {
    let mut order: Vec<(usize, f32)> = p.iter().copied().enumerate().collect();
    // Ties in the post's order, so the same post always reads the same.
    order.sort_by(|a, b| {
        let sa = cands[a.0].origin.is_structural();
        let sb = cands[b.0].origin.is_structural();
        sa.cmp(&sb).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0))
    });
    let mut out: Vec<Decision> = Vec::with_capacity(cands.len());
    for (i, p) in order {
        let c = &cands[i];
        let threshold = match c.origin {
            Origin::Post => rules.post_threshold,
            o if o.is_structural() => rules.structural_threshold,
            _ => rules.threshold,
        };
        let (title, speakers, labels) = match &c.proposal {
            Some(t) if !c.origin.is_structural() => (t.title.clone(), t.speakers.clone(), Vec::new()),
            _ if p >= threshold => {
                let w = &weighed[i];
                (w.title.clone(), w.speakers.clone(), w.labels.clone())
            }
            _ => (String::new(), Vec::new(), Vec::new()),
        };
        // The readers merged their own repeats already: a proposal repeats only what the
        // same words already read elsewhere, two proposals never each other.
        let repeats = out.iter().filter(|d| d.taken).any(|d| {
            let other = &cands[d.candidate];
            (c.origin.is_structural() || other.origin.is_structural()) && title_similarity(&d.title, &title) >= 0.5
                || (c.origin.is_structural()
                    && other.block.is_some()
                    && other.block == c.block
                    && other.range.start < c.range.end
                    && c.range.start < other.range.end)
        });
        let unnamed = c.origin.is_structural() && speakers.is_empty() && rules.structural_needs_speaker;
        let taken = p >= threshold && !title.trim().is_empty() && !repeats && !unnamed;
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
    out
}

/// Token labels of a candidate by `tagger`; all "other" where it cannot read them.
fn label_with(tagger: &crfs::Tagger<'_>, c: &Candidate, cx: &Context) -> Vec<String> {
    if c.tokens.is_empty() {
        return Vec::new();
    }
    let xseq: Vec<Vec<crfs::Attribute>> = token_features(c, cx)
        .into_iter()
        .map(|fs| fs.into_iter().map(|f| crfs::Attribute::new(f, 1.0)).collect())
        .collect();
    match tagger.tag(&xseq) {
        Ok(labels) => labels.into_iter().map(str::to_string).collect(),
        Err(_) => vec![OTHER.to_string(); c.tokens.len()],
    }
}

/// What the sequence model's reading of a structural candidate says of it: whether it found
/// a title and speakers, how long a title, and whether the title is all of the candidate.
pub fn reading_features(c: &Candidate, title: &str, speakers: &[String]) -> Vec<String> {
    let words = title.split_whitespace().count();
    let own = c.tokens.iter().filter(|t| t.part == Part::Main && t.word).count();
    let o = c.origin.name();
    let read = match (words > 0, !speakers.is_empty()) {
        (true, true) => "both",
        (true, false) => "title",
        (false, true) => "speaker",
        (false, false) => "none",
    };
    let mut f = vec![
        format!("read={read}"),
        format!("{o}:read={read}"),
        format!("read_speakers={}", speakers.len().min(3)),
    ];
    let share = (words * 4).checked_div(own).unwrap_or(0);
    f.push(format!("read_share={share}"));
    f.push(format!(
        "read_len={}",
        match words {
            0 => "0",
            1 => "1",
            2..=3 => "2-3",
            4..=8 => "4-8",
            9..=15 => "9-15",
            _ => "16+",
        }
    ));
    // What the words read as a title are: a part of the evening that is no session (a
    // break, an introduction), or only the words sections are named with.
    if words > 0 {
        if crate::extract::agenda::is_housekeeping(title) {
            f.push("read_housekeeping".into());
        }
        if crate::extract::is_section_heading(title) {
            f.push("read_section_words".into());
        }
        if title.contains("://") {
            f.push("read_url".into());
        }
    }
    f
}

/// The title and speakers that token labels mark: the title runs from the first title token
/// to the last of the candidate's own text; each run of speaker tokens is one speaker.
pub fn read_labels(c: &Candidate, labels: &[String]) -> (String, Vec<String>) {
    let in_title: Vec<usize> = (0..c.tokens.len())
        .filter(|&i| labels.get(i).is_some_and(|l| l == TITLE) && c.tokens[i].part == Part::Main)
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
        if labels.get(i).is_some_and(|l| l == SPEAKER) {
            let start = i;
            while i + 1 < c.tokens.len()
                && labels.get(i + 1).is_some_and(|l| l == SPEAKER)
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

/// A title without the quotes and separators around it.
fn tidy(title: &str) -> String {
    title
        .trim_matches(|c: char| c.is_whitespace() || "\"'“”„«»‘’:–—-,|*()[]".contains(c))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::candidate::{Part, tokens};

    fn cand(text: &str) -> Candidate {
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
            front_keys: Vec::new(),
        }
    }

    #[test]
    fn labels_read_as_a_title_and_speakers() {
        let c = cand("“Parsing with care” by Ann Lee and Bo Ray");
        let l: Vec<String> = "O T T T O O S S O S S".split(' ').map(String::from).collect();
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
            structural_needs_speaker: true,
            ..Model::default()
        };
        m.weights.insert("o=h2".into(), 1.5);
        m.weights.insert("w=talk".into(), -0.25);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.weights, m.weights);
        assert_eq!(
            (back.threshold, back.structural_threshold, back.post_threshold),
            (0.4, 0.6, 0.3)
        );
        assert!(back.structural_needs_speaker);
        assert!(matches!(Model::from_bytes(b"hello\n"), Err(ModelError::NotAModel)));
        let bytes = m.to_bytes();
        assert!(matches!(
            Model::from_bytes(&bytes[..bytes.len() - 3]),
            Err(ModelError::Damaged(_))
        ));
    }
}
