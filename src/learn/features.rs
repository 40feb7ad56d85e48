//! The evidence the model weighs, as named features: for a candidate, whether it is a session;
//! for each of its tokens, whether it is part of the title, of a speaker's name, or neither.
//!
//! Features are general evidence (shape and case of words, separators, quotes, emphasis, what
//! links point at, times, the heading above, siblings of the same shape, names seen presenting
//! elsewhere in the blog) and the words themselves; the weights come from the labelled blogs,
//! never from a rule written here.

use std::collections::HashSet;
use std::fmt;
use std::hash::Hasher;

use super::candidate::{Candidate, LinkKind, Origin, Part, Token};
use crate::extract::names;

/// A feature's id: the 64-bit FNV-1a hash of its name. Reading a post hashes each feature's
/// name as it is written out, never building the string: features are many per token, and
/// building them was most of what reading with the model cost. Names are built only where a
/// person is to read them ([`Sink`] for `Vec<String>`).
pub type Id = u64;

pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
pub(crate) const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a fed piece by piece: the same bytes give the same hash however they are cut, so a
/// name hashed as it is formatted has the id of the name written whole.
struct Fnv(u64);

impl fmt::Write for Fnv {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for b in s.bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
        Ok(())
    }
}

/// The id of the feature named `name`.
pub fn id(name: &str) -> Id {
    id_of(format_args!("{name}"))
}

fn id_of(name: fmt::Arguments<'_>) -> Id {
    let mut h = Fnv(FNV_OFFSET);
    // Writing to a hash cannot fail.
    let _ = match name.as_str() {
        Some(s) => fmt::Write::write_str(&mut h, s),
        None => fmt::write(&mut h, name),
    };
    h.0
}

/// Hashes a feature id as itself: ids are hashes already.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by feature id.
pub type IdMap<V> = std::collections::HashMap<Id, V, std::hash::BuildHasherDefault<IdHasher>>;

/// Where features go as they are found: their ids, to read a post; their names, to show an
/// author why a candidate was read as it was, and in tests.
pub trait Sink {
    fn add(&mut self, name: fmt::Arguments<'_>);

    /// The feature named `key` followed by `value`: what most features are, hashed without
    /// the formatting machinery.
    fn pair(&mut self, key: &str, value: &str) {
        self.add(format_args!("{key}{value}"));
    }

    /// The feature `name`, and again after `prefix`.
    fn twice(&mut self, prefix: &str, name: fmt::Arguments<'_>) {
        self.add(name);
        self.add(format_args!("{prefix}{name}"));
    }
}

impl Sink for Vec<Id> {
    fn add(&mut self, name: fmt::Arguments<'_>) {
        self.push(id_of(name));
    }

    fn pair(&mut self, key: &str, value: &str) {
        let mut h = Fnv(FNV_OFFSET);
        let _ = fmt::Write::write_str(&mut h, key);
        let _ = fmt::Write::write_str(&mut h, value);
        self.push(h.0);
    }

    fn twice(&mut self, prefix: &str, name: fmt::Arguments<'_>) {
        // Both hashes in one pass over the name.
        let mut after = Fnv(FNV_OFFSET);
        let _ = fmt::Write::write_str(&mut after, prefix);
        let mut both = Both(Fnv(FNV_OFFSET), after);
        let _ = match name.as_str() {
            Some(s) => fmt::Write::write_str(&mut both, s),
            None => fmt::write(&mut both, name),
        };
        self.push(both.0.0);
        self.push(both.1.0);
    }
}

/// Two hashes fed the same bytes.
struct Both(Fnv, Fnv);

impl fmt::Write for Both {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.write_str(s)?;
        self.1.write_str(s)
    }
}

impl Sink for Vec<String> {
    fn add(&mut self, name: fmt::Arguments<'_>) {
        self.push(name.to_string());
    }
}

/// Each feature twice: as it is, and for its kind of candidate (`prefix` and its name).
struct Grouped<'a, S: Sink> {
    out: &'a mut S,
    prefix: &'static str,
}

impl<S: Sink> Sink for Grouped<'_, S> {
    fn add(&mut self, name: fmt::Arguments<'_>) {
        self.out.twice(self.prefix, name);
    }
}

/// Adds a feature named by a format string to a [`Sink`].
macro_rules! feat {
    ($out:expr, $($arg:tt)*) => {
        $out.add(format_args!($($arg)*))
    };
}
pub(crate) use feat;

/// What the rest of the blog says, for the features of one post's candidates.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Lower-cased words of the names seen presenting in the blog's other posts.
    pub presenters: HashSet<String>,
    /// How many candidates the post has from the readers.
    pub proposals: usize,
    /// The blocks the readers' proposals were read from.
    pub proposed_blocks: Vec<usize>,
    /// The lower-cased words of the names the readers' proposals give.
    pub proposed_speakers: HashSet<String>,
    /// For each block, the heading it is under (its index), so that candidates can tell
    /// what else is in their section.
    pub section_of: Vec<Option<usize>>,
    /// For each shape of structural candidate ([`shape_of`]), how many candidates of that
    /// shape the blog's other posts have, and how many of those hold a reader's proposal:
    /// the blog teaching itself which shapes hold its sessions.
    pub shapes: std::collections::HashMap<String, (usize, usize)>,
    /// For each front-matter key of the blog's posts ([`crate::post::Post::front_values`]),
    /// how its values go from post to post ([`front_spread`]): who presents changes from
    /// page to page, who writes the pages or where they meet mostly does not.
    pub front_spread: std::collections::HashMap<String, &'static str>,
    /// For each word of a name written near the post's candidates, on how many of the blog's
    /// other posts a name near a candidate holds it: who presents changes from post to post,
    /// while what a German or a title-cased blog capitalises (a product, a topic) comes back.
    pub near_elsewhere: std::collections::HashMap<String, usize>,
    /// For each of the post's candidates' texts ([`super::read::text_key`]) that the blog's
    /// other posts have too, on how many of them: a label ("Agenda", "Speaker", "About the
    /// group") comes back from post to post, a session's title seldom does.
    pub repeated: IdMap<usize>,
    /// How much of the post's title the blog's other titles share, in quarters (0 to 4).
    pub title_common: usize,
}

/// How a front-matter key's values spread over the blog's posts, from how many posts give it
/// and how many different values they give: `rare` (under three posts), `varies` (nearly one
/// value a post), `repeats` (a few values over many posts), or `some`.
pub fn front_spread(posts: usize, distinct: usize) -> &'static str {
    if posts < 3 {
        "rare"
    } else if distinct * 10 >= posts * 7 {
        "varies"
    } else if distinct * 3 <= posts {
        "repeats"
    } else {
        "some"
    }
}

pub(crate) fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        9..=16 => "9-16",
        17..=32 => "17-32",
        _ => "33+",
    }
}

/// The shape of a word: capitals as X, small letters as x, digits as d, runs folded.
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !out.ends_with(s) {
            out.push(s);
        }
        if out.len() > 6 {
            break;
        }
    }
    out
}

fn is_time(t: &Token) -> bool {
    let s = t.low.as_str();
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    (1..=4).contains(&digits)
        && s.bytes().all(|c| c.is_ascii_digit() || b":.hapm".contains(&c))
        && (s.contains(':') || s.contains('.') || s.ends_with("am") || s.ends_with("pm") || s.ends_with('h'))
}

/// Which tokens say how long something lasts ("20 min", "45 minutes", "30min", "20mn"): a
/// programme gives each session its length, in every language the groups write.
fn durations(toks: &[Token]) -> Vec<bool> {
    let unit = |s: &str| s.starts_with("min") || s == "mn" || s == "'";
    let number = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let mut out = vec![false; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        let s = t.low.as_str();
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&digits) && s.len() > digits && unit(&s[digits..]) {
            out[i] = true;
        } else if number(s)
            && let Some(n) = toks.get(i + 1).filter(|n| n.part == t.part && unit(&n.low))
        {
            out[i] = true;
            out[i + 1] = n.part == t.part;
        }
    }
    out
}

/// What both models' features ask of a candidate's tokens, worked out once per candidate:
/// which pairs of words read as a person's name (asking costs a search of the words that are
/// no names, for every capitalised pair), and which say how long something lasts.
pub struct TokenFacts {
    pairs: Vec<bool>,
    lasts: Vec<bool>,
}

impl TokenFacts {
    pub fn of(c: &Candidate) -> TokenFacts {
        TokenFacts {
            pairs: name_pairs(&c.tokens),
            lasts: durations(&c.tokens),
        }
    }
}

/// Whether the candidate is a session: its features.
///
/// Each piece of evidence means one thing in a reader's proposal and another in a bare
/// block: every feature is given twice, shared and for its kind of candidate, and both
/// weights are learnt.
pub fn candidate_features<S: Sink>(c: &Candidate, cx: &Context, facts: &TokenFacts, out: &mut S) {
    let prefix = if c.origin.is_structural() { "s:" } else { "r:" };
    let f = &mut Grouped { out, prefix };
    let o = c.origin.name();
    feat!(f, "o={o}");
    feat!(f, "bias");
    let main: Vec<&Token> = c.tokens.iter().filter(|t| t.part == Part::Main).collect();
    let next: Vec<&Token> = c.tokens.iter().filter(|t| t.part == Part::Next).collect();
    let words: Vec<&&Token> = main.iter().filter(|t| t.word).collect();
    feat!(f, "{o}:len={}", bucket(words.len()));
    if facts
        .lasts
        .iter()
        .zip(&c.tokens)
        .any(|(&d, t)| d && t.part == Part::Main)
    {
        feat!(f, "duration");
    }
    feat!(f, "sib={}", bucket(c.siblings));
    feat!(f, "{o}:sib={}", bucket(c.siblings));
    feat!(f, "pos={}", (c.position * 4.0).floor() as u8);
    feat!(f, "proposals={}", bucket(cx.proposals));
    for w in &c.section {
        feat!(f, "sec={w}");
    }
    if c.section.is_empty() {
        feat!(f, "sec=none");
    }
    if let Some(e) = &c.evidence {
        feat!(f, "src={}", e.source);
        feat!(f, "conf={}", e.confidence);
        feat!(f, "src={}+conf={}", e.source, e.confidence);
        feat!(f, "sightings={}", bucket(e.sightings));
    }
    if c.origin.is_structural() {
        let shape = shape_of(c);
        match cx.shapes.get(&shape) {
            Some(&(total, proposed)) if total >= 2 => {
                let rate = proposed * 4 / total;
                feat!(f, "shape_rate={rate}");
                feat!(f, "shape_rate={rate}+{}", bucket(total));
            }
            _ => feat!(f, "shape_unseen"),
        }
    }
    if let (true, Some(b)) = (c.origin.is_structural(), c.block) {
        if cx.proposed_blocks.contains(&b) {
            feat!(f, "proposed_here");
        }
        // A proposal further up the same section: this may be its description.
        let above = cx
            .proposed_blocks
            .iter()
            .filter(|&&p| p < b && cx.section_of.get(p) == cx.section_of.get(b))
            .count();
        if above > 0 {
            feat!(f, "proposed_above={}", bucket(above));
        }
        let words: HashSet<&str> = c
            .tokens
            .iter()
            .filter(|t| t.word)
            .map(|t| t.low.trim_start_matches('@'))
            .collect();
        if cx.proposed_speakers.iter().any(|w| words.contains(w.as_str())) {
            feat!(f, "names_a_proposed_speaker");
        }
    }
    if let Some(t) = &c.proposal {
        feat!(f, "kind={}", t.kind);
        feat!(f, "speakers={}", bucket(t.speakers.len()));
        feat!(f, "desc={}", bucket(t.description.split_whitespace().count() / 8));
        if !t.video.is_empty() {
            feat!(f, "has_video");
        }
        if !t.slides.is_empty() {
            feat!(f, "has_slides");
        }
        let known = t
            .speakers
            .iter()
            .any(|s| s.split_whitespace().any(|w| cx.presenters.contains(&w.to_lowercase())));
        if known {
            feat!(f, "speaker_known");
        }
    }
    let caps = words
        .iter()
        .filter(|t| t.text.chars().next().is_some_and(char::is_uppercase))
        .count();
    if !words.is_empty() {
        feat!(f, "caps={}", caps * 4 / words.len());
    }
    // No words of the candidate itself: what a session is about, or who gives it, says
    // nothing of whether the next blog's candidate is one, and a weight learnt for a word of
    // one blog only fits that blog.
    for t in main.iter().filter(|t| !t.word).take(20) {
        feat!(f, "p={}", t.text);
    }
    if main.first().is_some_and(|t| t.bold) {
        feat!(f, "opens_bold");
    }
    if main.first().is_some_and(|t| t.link.is_some()) {
        feat!(f, "opens_link");
    }
    if main.iter().any(|t| t.bold) {
        feat!(f, "bold");
    }
    if main.iter().any(|t| t.quoted) {
        feat!(f, "quoted");
    }
    if main.iter().any(|t| t.code) {
        feat!(f, "code");
    }
    if main.iter().any(|t| is_time(t)) {
        feat!(f, "time");
    }
    for t in &main {
        if let Some(l) = t.link {
            feat!(f, "link={}", l.name());
        }
    }
    let known = main.iter().filter(|t| t.word && cx.presenters.contains(&t.low)).count();
    if known > 0 {
        feat!(f, "known={}", bucket(known));
    }
    let pairs = &facts.pairs;
    if names_in(&c.tokens, pairs, Part::Main) {
        feat!(f, "has_name");
    }
    if next.iter().any(|t| t.bold) {
        feat!(f, "next_bold");
    }
    if names_in(&c.tokens, pairs, Part::Next) {
        feat!(f, "next_has_name");
    }
    if let Some(n) = super::read::text_key(&c.text).and_then(|k| cx.repeated.get(&k)) {
        feat!(f, "repeats={}", bucket(*n));
    }
    if c.origin == Origin::Post {
        feat!(f, "post:title_common={}", cx.title_common);
        feat!(f, "post:fronts={}", bucket(c.front_keys.len()));
        let front_names = pairs
            .iter()
            .zip(&c.tokens)
            .any(|(&p, t)| p && matches!(t.part, Part::Front(_)));
        if front_names {
            feat!(f, "post:front_name");
        }
        for key in c
            .front_keys
            .iter()
            .filter(|k| cx.front_spread.get(*k) == Some(&"varies"))
        {
            feat!(f, "post:front_varies={}", key_word(key));
            feat!(f, "post:front_varies_head={}", key_head(key));
        }
    }
    if !c.videos.is_empty() {
        feat!(f, "block_video");
    }
    if !c.materials.is_empty() {
        feat!(f, "block_material");
    }
}

/// A coarse shape of a structural candidate: where it is, how it opens, and the separators it
/// holds; candidates of one shape in one blog tend to be alike.
pub fn shape_of(c: &Candidate) -> String {
    let main: Vec<&Token> = c.tokens.iter().filter(|t| t.part == Part::Main).collect();
    let mut s = c.origin.name();
    let open = match main.first() {
        Some(t) if t.link.is_some() => "link",
        Some(t) if t.bold => "bold",
        Some(t) if t.quoted => "quote",
        Some(t) if is_time(t) => "time",
        Some(t) if !t.word => "mark",
        Some(t) if t.text.chars().next().is_some_and(char::is_uppercase) => "cap",
        Some(_) => "low",
        None => "none",
    };
    s.push('|');
    s.push_str(open);
    for sep in [":", "-", "–", "—", ",", "|", "(", "\"", "“"] {
        if main.iter().any(|t| t.text == sep) {
            s.push_str(sep);
        }
    }
    if main.iter().any(|t| is_by_word(&t.low)) {
        s.push_str("by");
    }
    let words = main.iter().filter(|t| t.word).count();
    s.push_str(if words <= 12 { "|short" } else { "|long" });
    s
}

/// Which separator a token is, as an index into the look-ahead features: a colon, a dash or
/// bar, a comma.
fn separator(t: &Token) -> Option<usize> {
    match t.text.as_str() {
        ":" => Some(0),
        "-" | "–" | "—" | "|" => Some(1),
        "," => Some(2),
        _ => None,
    }
}

/// A punctuation token as the features see it: the dashes (`-`, `–`, `—`) are one mark, as
/// blogs use them alike between a title and its presenter.
fn punctuation(text: &str) -> &str {
    match text {
        "–" | "—" | "‒" | "―" => "-",
        other => other,
    }
}

/// The stretch of its part a token is in, between separators (a colon, a dash or bar, a comma,
/// a "by"), as the sequence model sees it whatever the order the blog writes a title and its
/// presenter in: whether the stretch reads as one person's name, where it is among its part's
/// stretches, how many words it has, and whether it is the part's longest.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Segment {
    name: bool,
    place: &'static str,
    words: usize,
    longest: bool,
}

/// The [`Segment`] of each token; `None` for a separator.
fn segments(toks: &[Token]) -> Vec<Option<Segment>> {
    let splits = |t: &Token| separator(t).is_some() || is_by_word(&t.low);
    let mut out = vec![None; toks.len()];
    let mut start = 0;
    while start < toks.len() {
        // One part at a time.
        let end = (start..toks.len())
            .find(|&k| toks[k].part != toks[start].part)
            .unwrap_or(toks.len());
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut from = start;
        let cuts = (start..end).filter(|&k| splits(&toks[k])).chain(std::iter::once(end));
        for k in cuts {
            if k > from {
                runs.push((from, k));
            }
            from = k + 1;
        }
        let words: Vec<usize> = runs
            .iter()
            .map(|&(a, b)| toks[a..b].iter().filter(|t| t.word).count())
            .collect();
        let most = words.iter().copied().max().unwrap_or(0);
        let mut text = String::new();
        for (r, &(a, b)) in runs.iter().enumerate() {
            let run = &toks[a..b];
            let name = match run {
                [one] if one.low.starts_with('@') || one.link == Some(LinkKind::Profile) => true,
                _ if (2..=4).contains(&words[r]) && run.iter().all(|t| t.word || t.text == ".") => {
                    text.clear();
                    for t in run {
                        if !text.is_empty() && t.word {
                            text.push(' ');
                        }
                        text.push_str(&t.text);
                    }
                    names::looks_like_name(&text)
                }
                _ => false,
            };
            let place = match (r == 0, r + 1 == runs.len()) {
                (true, true) => "only",
                (true, false) => "first",
                (false, true) => "last",
                (false, false) => "middle",
            };
            let seg = Segment {
                name,
                place,
                words: words[r],
                longest: runs.len() > 1 && words[r] == most,
            };
            for slot in &mut out[a..b] {
                *slot = Some(seg);
            }
        }
        start = end;
    }
    out
}

/// For each token, whether it and the next, two words of the same part, read as a person's
/// name.
fn name_pairs(toks: &[Token]) -> Vec<bool> {
    let mut pair = String::new();
    (0..toks.len())
        .map(|k| {
            toks.get(k + 1).is_some_and(|n| {
                let t = &toks[k];
                // A name opens with a capital: most words are told apart before the pair
                // is written out.
                t.word && n.word && t.part == n.part && t.text.chars().next().is_some_and(char::is_uppercase) && {
                    pair.clear();
                    pair.push_str(&t.text);
                    pair.push(' ');
                    pair.push_str(&n.text);
                    names::looks_like_name(&pair)
                }
            })
        })
        .collect()
}

/// Whether two words in a row of `part` read as a person's name.
/// The word that puts a presenter after a title ("Title by Ann Lee"), in the languages the
/// groups write: one class of evidence, so what a blog in one language teaches of it carries
/// to a blog in another.
const BY_WORDS: &[&str] = &["by", "par", "por", "von", "przez", "door", "av", "af"];

pub(crate) fn is_by_word(low: &str) -> bool {
    BY_WORDS.contains(&low)
}

/// The last word of a front-matter key path (`speakers.name` → `name`), lower-cased, without
/// a trailing number (`speaker2` → `speaker`).
/// The first part of a front-matter key path, singular and without a number (`speakers.name`,
/// `speaker2` and `speaker` are all `speaker`): what the value is about, where [`key_word`] is
/// which of its fields.
fn key_head(key: &str) -> &str {
    let head = key
        .split(['.', '_', '-'])
        .next()
        .unwrap_or(key)
        .trim_end_matches(|c: char| c.is_ascii_digit());
    match head.strip_suffix('s') {
        Some(one) if one.len() >= 3 && !one.ends_with('s') => one,
        _ => head,
    }
}

fn key_word(key: &str) -> &str {
    key.rsplit(['.', '_', '-'])
        .next()
        .unwrap_or(key)
        .trim_end_matches(|c: char| c.is_ascii_digit())
}

fn names_in(toks: &[Token], pairs: &[bool], part: Part) -> bool {
    pairs.iter().zip(toks).any(|(&p, t)| p && t.part == part)
}

/// The tokens around a token the sequence model looks at, with the names of their features:
/// the word, its shape, and whether bold or a link begins or ends there.
const NEIGHBOURS: [(i32, [&str; 4]); 4] = [
    (-2, ["w-2=", "", "", ""]),
    (-1, ["w-1=", "s-1=", "boldchange-1", "linkchange-1"]),
    (1, ["w+1=", "s+1=", "boldchange+1", "linkchange+1"]),
    (2, ["w+2=", "", "", ""]),
];

/// The features of each token of a structural candidate, for the sequence model.
pub fn token_features<S: Sink + Default>(c: &Candidate, cx: &Context, facts: &TokenFacts) -> Vec<S> {
    let toks = &c.tokens;
    let o = c.origin.name();
    let mut seen_colon = false;
    let mut seen_dash = false;
    let mut seen_by = false;
    let mut seen_comma = false;
    let pairs = &facts.pairs;
    // What is still to come in the token's part: a separator ahead splits the part into the
    // side before it and the side after, and which side holds the name is what a blog's
    // siblings agree on.
    let mut ahead: Vec<[bool; 4]> = vec![[false; 4]; toks.len()];
    let mut later = [false; 4];
    for i in (0..toks.len()).rev() {
        if i + 1 < toks.len() && toks[i + 1].part != toks[i].part {
            later = [false; 4];
        }
        ahead[i] = later;
        match separator(&toks[i]) {
            Some(k) => later[k] = true,
            None if is_by_word(&toks[i].low) => later[3] = true,
            None => {}
        }
    }
    let mut seen_name = false;
    let shapes: Vec<String> = toks.iter().map(|t| shape(&t.text)).collect();
    let segments = segments(toks);
    let lasts = &facts.lasts;
    let mut out = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        let mut f = S::default();
        feat!(f, "bias");
        f.pair("o=", &o);
        if t.word {
            f.pair("w=", &t.low);
        } else {
            f.pair("p=", punctuation(&t.text));
        }
        if let Some(seg) = segments[i] {
            let what = if seg.name { "name" } else { "text" };
            feat!(f, "seg={what}");
            feat!(f, "seg={what}+{}", seg.place);
            feat!(f, "seg_len={}", bucket(seg.words));
            if seg.longest {
                feat!(f, "seg_longest");
                feat!(f, "seg_longest+{what}");
            }
        }
        f.pair("s=", &shapes[i]);
        if t.part == Part::Next {
            feat!(f, "next");
        }
        if let Part::Front(k) = t.part {
            let key = c.front_keys.get(usize::from(k)).map_or("", String::as_str);
            let spread = cx.front_spread.get(key).copied().unwrap_or("rare");
            feat!(f, "front");
            feat!(f, "fkey={}", key_word(key));
            feat!(f, "fspread={spread}");
            feat!(f, "fkey={}+{spread}", key_word(key));
            feat!(f, "fhead={}", key_head(key));
            feat!(f, "fhead={}+{spread}", key_head(key));
        }
        if i == 0 || toks[i - 1].part != t.part {
            feat!(f, "first");
        }
        if i + 1 == toks.len() || toks[i + 1].part != t.part {
            feat!(f, "last");
        }
        f.pair("at=", bucket(i));
        if t.bold {
            feat!(f, "bold");
        }
        if t.emphasis {
            feat!(f, "em");
        }
        if t.code {
            feat!(f, "code");
        }
        if t.quoted {
            feat!(f, "quoted");
        }
        if let Some(l) = t.link {
            feat!(f, "link={}", l.name());
        }
        if is_time(t) {
            feat!(f, "time");
        }
        if lasts[i] {
            feat!(f, "duration");
        }
        if t.word && cx.presenters.contains(&t.low) {
            feat!(f, "known");
        }
        if t.low.starts_with('@') {
            feat!(f, "handle");
        }
        if is_by_word(&t.low) {
            feat!(f, "byword");
        }
        for (d, [word, shape_key, bold_change, link_change]) in NEIGHBOURS {
            let j = i as i32 + d;
            match usize::try_from(j).ok().and_then(|j| toks.get(j).map(|n| (j, n))) {
                Some((j, n)) if n.part == t.part => {
                    f.pair(word, if n.word { &n.low } else { punctuation(&n.text) });
                    // "by", "par", "von" and the rest as one word too, so that what one
                    // language's blogs teach about the words after it holds in another's.
                    if is_by_word(&n.low) {
                        f.pair(word, "<by>");
                    }
                    if d.abs() == 1 {
                        f.pair(shape_key, &shapes[j]);
                        if n.bold != t.bold {
                            f.pair(bold_change, "");
                        }
                        if n.link.is_some() != t.link.is_some() {
                            f.pair(link_change, "");
                        }
                    }
                }
                _ => f.pair(word, "|"),
            }
        }
        if pairs[i] || i > 0 && pairs[i - 1] {
            feat!(f, "namelike");
        }
        if seen_colon {
            feat!(f, "after:");
        }
        if seen_dash {
            feat!(f, "after-");
        }
        if seen_by {
            feat!(f, "after_by");
        }
        if seen_comma {
            feat!(f, "after,");
        }
        for (k, name) in ["before:", "before-", "before,", "before_by"].iter().enumerate() {
            if ahead[i][k] {
                feat!(f, "{name}");
            }
        }
        if seen_name && !(pairs[i] || i > 0 && pairs[i - 1]) {
            feat!(f, "after_name");
        }
        match t.text.as_str() {
            ":" => seen_colon = true,
            "-" | "–" | "—" | "|" => seen_dash = true,
            "," => seen_comma = true,
            _ if is_by_word(&t.low) => seen_by = true,
            _ => {}
        }
        if pairs[i] || t.link == Some(LinkKind::Profile) || t.word && cx.presenters.contains(&t.low) {
            seen_name = true;
        }
        if i + 1 < toks.len() && toks[i + 1].part != t.part {
            seen_name = false;
            seen_colon = false;
            seen_dash = false;
            seen_by = false;
            seen_comma = false;
        }
        out.push(f);
    }
    if matches!(c.origin, Origin::Post) {
        for f in &mut out {
            feat!(f, "post");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::candidate::tokens;

    #[test]
    fn shapes_fold_runs() {
        assert_eq!(shape("Hello"), "Xx");
        assert_eq!(shape("RUST2024"), "Xd");
        assert_eq!(shape("18:30"), "d:d");
    }

    #[test]
    fn a_front_matter_key_is_about_its_first_part_in_the_singular() {
        for key in ["speakers.name", "speaker2", "speaker", "speakers"] {
            assert_eq!(key_head(key), "speaker", "{key}");
        }
        assert_eq!(key_head("address"), "address");
        assert_eq!(key_head("bus"), "bus");
        assert_eq!(key_word("speakers.name"), "name");
    }

    #[test]
    fn a_sessions_length_is_told_in_the_groups_languages() {
        let toks = tokens(
            "Fuzzing (20 min), Tests 45minutes, 3 apples, 30 minut",
            &[],
            &[],
            Part::Main,
        );
        let marked: Vec<&str> = toks
            .iter()
            .zip(durations(&toks))
            .filter(|(_, d)| *d)
            .map(|(t, _)| t.text.as_str())
            .collect();
        assert_eq!(marked, ["20", "min", "45minutes", "30", "minut"]);
    }

    #[test]
    fn times_are_told_from_numbers() {
        let t = tokens("18:30 7pm 2024 10.15", &[], &[], Part::Main);
        let times: Vec<bool> = t.iter().map(is_time).collect();
        assert_eq!(times, [true, true, false, true]);
    }
}
