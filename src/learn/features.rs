//! The evidence the model weighs, as named features: for a candidate, whether it is a session;
//! for each of its tokens, whether it is part of the title, of a speaker's name, or neither.
//!
//! Features are general evidence (shape and case of words, separators, quotes, emphasis, what
//! links point at, times, the heading above, siblings of the same shape, names seen presenting
//! elsewhere in the blog) and the words themselves; the weights come from the labelled blogs,
//! never from a rule written here.

use std::collections::HashSet;

use super::candidate::{Candidate, LinkKind, Origin, Part, Token};
use crate::extract::names;

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

fn bucket(n: usize) -> &'static str {
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
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    (s.contains(':') || s.contains('.') || s.ends_with("am") || s.ends_with("pm") || s.ends_with('h'))
        && !digits.is_empty()
        && digits.len() <= 4
        && s.chars().all(|c| c.is_ascii_digit() || ":.hapm".contains(c))
}

/// Whether the candidate is a session: its features.
pub fn candidate_features(c: &Candidate, cx: &Context) -> Vec<String> {
    let mut f = Vec::with_capacity(64);
    let o = c.origin.name();
    f.push(format!("o={o}"));
    f.push("bias".into());
    let main: Vec<&Token> = c.tokens.iter().filter(|t| t.part == Part::Main).collect();
    let next: Vec<&Token> = c.tokens.iter().filter(|t| t.part == Part::Next).collect();
    let words: Vec<&&Token> = main.iter().filter(|t| t.word).collect();
    f.push(format!("{o}:len={}", bucket(words.len())));
    f.push(format!("sib={}", bucket(c.siblings)));
    f.push(format!("{o}:sib={}", bucket(c.siblings)));
    f.push(format!("pos={}", (c.position * 4.0).floor() as u8));
    f.push(format!("proposals={}", bucket(cx.proposals)));
    for w in &c.section {
        f.push(format!("sec={w}"));
    }
    if c.section.is_empty() {
        f.push("sec=none".into());
    }
    if let Some(e) = &c.evidence {
        f.push(format!("src={}", e.source));
        f.push(format!("conf={}", e.confidence));
        f.push(format!("src={}+conf={}", e.source, e.confidence));
        f.push(format!("sightings={}", bucket(e.sightings)));
    }
    if c.origin.is_structural() {
        let shape = shape_of(c);
        match cx.shapes.get(&shape) {
            Some(&(total, proposed)) if total >= 2 => {
                let rate = proposed * 4 / total;
                f.push(format!("shape_rate={rate}"));
                f.push(format!("shape_rate={rate}+{}", bucket(total)));
            }
            _ => f.push("shape_unseen".into()),
        }
    }
    if let (true, Some(b)) = (c.origin.is_structural(), c.block) {
        if cx.proposed_blocks.contains(&b) {
            f.push("proposed_here".into());
        }
        // A proposal further up the same section: this may be its description.
        let above = cx
            .proposed_blocks
            .iter()
            .filter(|&&p| p < b && cx.section_of.get(p) == cx.section_of.get(b))
            .count();
        if above > 0 {
            f.push(format!("proposed_above={}", bucket(above)));
        }
        let words: HashSet<&str> = c
            .tokens
            .iter()
            .filter(|t| t.word)
            .map(|t| t.low.trim_start_matches('@'))
            .collect();
        if cx.proposed_speakers.iter().any(|w| words.contains(w.as_str())) {
            f.push("names_a_proposed_speaker".into());
        }
    }
    if let Some(t) = &c.proposal {
        f.push(format!("kind={}", t.kind));
        f.push(format!("speakers={}", bucket(t.speakers.len())));
        f.push(format!("desc={}", bucket(t.description.split_whitespace().count() / 8)));
        if !t.video.is_empty() {
            f.push("has_video".into());
        }
        if !t.slides.is_empty() {
            f.push("has_slides".into());
        }
        let known = t
            .speakers
            .iter()
            .any(|s| s.split_whitespace().any(|w| cx.presenters.contains(&w.to_lowercase())));
        if known {
            f.push("speaker_known".into());
        }
    }
    let caps = words
        .iter()
        .filter(|t| t.text.chars().next().is_some_and(char::is_uppercase))
        .count();
    if !words.is_empty() {
        f.push(format!("caps={}", caps * 4 / words.len()));
    }
    // No words of the candidate itself: what a session is about, or who gives it, says
    // nothing of whether the next blog's candidate is one, and a weight learnt for a word of
    // one blog only fits that blog.
    for t in main.iter().filter(|t| !t.word).take(20) {
        f.push(format!("p={}", t.text));
    }
    if main.first().is_some_and(|t| t.bold) {
        f.push("opens_bold".into());
    }
    if main.first().is_some_and(|t| t.link.is_some()) {
        f.push("opens_link".into());
    }
    if main.iter().any(|t| t.bold) {
        f.push("bold".into());
    }
    if main.iter().any(|t| t.quoted) {
        f.push("quoted".into());
    }
    if main.iter().any(|t| t.code) {
        f.push("code".into());
    }
    if main.iter().any(|t| is_time(t)) {
        f.push("time".into());
    }
    for t in &main {
        if let Some(l) = t.link {
            f.push(format!("link={}", l.name()));
        }
    }
    let known = main.iter().filter(|t| t.word && cx.presenters.contains(&t.low)).count();
    if known > 0 {
        f.push(format!("known={}", bucket(known)));
    }
    let pairs = name_pairs(&c.tokens);
    if names_in(&c.tokens, &pairs, Part::Main) {
        f.push("has_name".into());
    }
    if next.iter().any(|t| t.bold) {
        f.push("next_bold".into());
    }
    if names_in(&c.tokens, &pairs, Part::Next) {
        f.push("next_has_name".into());
    }
    if c.origin == Origin::Post {
        f.push(format!("post:fronts={}", bucket(c.front_keys.len())));
        let front_names = pairs
            .iter()
            .zip(&c.tokens)
            .any(|(&p, t)| p && matches!(t.part, Part::Front(_)));
        if front_names {
            f.push("post:front_name".into());
        }
        for key in c
            .front_keys
            .iter()
            .filter(|k| cx.front_spread.get(*k) == Some(&"varies"))
        {
            f.push(format!("post:front_varies={}", key_word(key)));
        }
    }
    if !c.videos.is_empty() {
        f.push("block_video".into());
    }
    if !c.materials.is_empty() {
        f.push("block_material".into());
    }
    // Each piece of evidence means one thing in a reader's proposal and another in a bare
    // block: both the shared weight and the weight for its kind of candidate are learnt.
    let group = if c.origin.is_structural() { "s:" } else { "r:" };
    let grouped: Vec<String> = f.iter().map(|x| format!("{group}{x}")).collect();
    f.extend(grouped);
    f
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

/// For each token, whether it and the next, two words of the same part, read as a person's
/// name.
fn name_pairs(toks: &[Token]) -> Vec<bool> {
    (0..toks.len())
        .map(|k| {
            toks.get(k + 1).is_some_and(|n| {
                let t = &toks[k];
                t.word && n.word && t.part == n.part && names::looks_like_name(&format!("{} {}", t.text, n.text))
            })
        })
        .collect()
}

/// Whether two words in a row of `part` read as a person's name.
/// The word that puts a presenter after a title ("Title by Ann Lee"), in the languages the
/// groups write: one class of evidence, so what a blog in one language teaches of it carries
/// to a blog in another.
const BY_WORDS: &[&str] = &["by", "par", "por", "von", "przez", "door", "av", "af"];

fn is_by_word(low: &str) -> bool {
    BY_WORDS.contains(&low)
}

/// The last word of a front-matter key path (`speakers.name` → `name`), lower-cased, without
/// a trailing number (`speaker2` → `speaker`).
fn key_word(key: &str) -> &str {
    key.rsplit(['.', '_', '-'])
        .next()
        .unwrap_or(key)
        .trim_end_matches(|c: char| c.is_ascii_digit())
}

fn names_in(toks: &[Token], pairs: &[bool], part: Part) -> bool {
    pairs.iter().zip(toks).any(|(&p, t)| p && t.part == part)
}

/// The features of each token of a structural candidate, for the sequence model.
pub fn token_features(c: &Candidate, cx: &Context) -> Vec<Vec<String>> {
    let toks = &c.tokens;
    let o = c.origin.name();
    let mut seen_colon = false;
    let mut seen_dash = false;
    let mut seen_by = false;
    let mut seen_comma = false;
    let pairs = name_pairs(toks);
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
    let mut out = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        let mut f = Vec::with_capacity(24);
        f.push("bias".to_string());
        f.push(format!("o={o}"));
        let id = if t.word {
            format!("w={}", t.low)
        } else {
            format!("p={}", t.text)
        };
        f.push(id);
        f.push(format!("s={}", shape(&t.text)));
        if t.part == Part::Next {
            f.push("next".into());
        }
        if let Part::Front(k) = t.part {
            let key = c.front_keys.get(usize::from(k)).map_or("", String::as_str);
            let spread = cx.front_spread.get(key).copied().unwrap_or("rare");
            f.push("front".into());
            f.push(format!("fkey={}", key_word(key)));
            f.push(format!("fspread={spread}"));
            f.push(format!("fkey={}+{spread}", key_word(key)));
        }
        if i == 0 || toks[i - 1].part != t.part {
            f.push("first".into());
        }
        if i + 1 == toks.len() || toks[i + 1].part != t.part {
            f.push("last".into());
        }
        f.push(format!("at={}", bucket(i)));
        if t.bold {
            f.push("bold".into());
        }
        if t.emphasis {
            f.push("em".into());
        }
        if t.code {
            f.push("code".into());
        }
        if t.quoted {
            f.push("quoted".into());
        }
        if let Some(l) = t.link {
            f.push(format!("link={}", l.name()));
        }
        if is_time(t) {
            f.push("time".into());
        }
        if t.word && cx.presenters.contains(&t.low) {
            f.push("known".into());
        }
        if t.low.starts_with('@') {
            f.push("handle".into());
        }
        if is_by_word(&t.low) {
            f.push("byword".into());
        }
        for (d, name) in [(-2i32, "-2"), (-1, "-1"), (1, "+1"), (2, "+2")] {
            let j = i as i32 + d;
            match usize::try_from(j).ok().and_then(|j| toks.get(j)) {
                Some(n) if n.part == t.part => {
                    let id = if n.word { n.low.clone() } else { n.text.clone() };
                    f.push(format!("w{name}={id}"));
                    if d.abs() == 1 {
                        f.push(format!("s{name}={}", shape(&n.text)));
                        if n.bold != t.bold {
                            f.push(format!("boldchange{name}"));
                        }
                        if n.link.is_some() != t.link.is_some() {
                            f.push(format!("linkchange{name}"));
                        }
                    }
                }
                _ => f.push(format!("w{name}=|")),
            }
        }
        if pairs[i] || i > 0 && pairs[i - 1] {
            f.push("namelike".into());
        }
        if seen_colon {
            f.push("after:".into());
        }
        if seen_dash {
            f.push("after-".into());
        }
        if seen_by {
            f.push("after_by".into());
        }
        if seen_comma {
            f.push("after,".into());
        }
        for (k, name) in ["before:", "before-", "before,", "before_by"].iter().enumerate() {
            if ahead[i][k] {
                f.push((*name).into());
            }
        }
        if seen_name && !(pairs[i] || i > 0 && pairs[i - 1]) {
            f.push("after_name".into());
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
            f.push("post".into());
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
    fn times_are_told_from_numbers() {
        let t = tokens("18:30 7pm 2024 10.15", &[], &[], Part::Main);
        let times: Vec<bool> = t.iter().map(is_time).collect();
        assert_eq!(times, [true, true, false, true]);
    }
}
