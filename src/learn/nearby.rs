//! The people a post names near a candidate: who may present it when its own words name no
//! one. A blog that gives each talk a heading often names the presenter only below it (a
//! card with a name, a bio that opens "Ann Lee is …", a "Speaker" sub-heading); a page that is
//! one talk may name its presenter anywhere in its body. Each name found is described by where
//! and how it is written, never by what it says, and a small learnt model ([`super::model`])
//! tells the presenter from the other people and things a bio names.

use std::ops::Range;

use crate::extract::blocks::{Block, BlockKind, Style};
use crate::extract::names;

use super::candidate::{Candidate, Origin, char_floor};
use super::features::{Context, Sink, feat};

/// A name written near a candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct Nearby {
    pub name: String,
    /// How many blocks after the candidate's own its block is (0: the next one).
    pub distance: usize,
    /// How many names come before it near the same candidate.
    pub rank: usize,
    pub kind: Near,
    /// The name is all its block says (a card's name, a heading of its own).
    pub whole: bool,
    /// The name opens its block.
    pub start: bool,
    /// The word or mark just before and just after it, lower-cased ("" at an end).
    pub before: String,
    pub after: String,
    pub bold: bool,
    pub link: bool,
    /// How often its first or last word comes again in the blocks near the candidate: a
    /// bio goes on about the person it presents.
    pub mentions: usize,
    /// The first word of a heading or line of a few words just above its block ("bio",
    /// "speaker", "about"), lower-cased.
    pub under: String,
    pub words: usize,
}

/// What kind of block a name is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Near {
    Heading,
    Paragraph,
    Item,
    Row,
    /// An image's alternative text (a photo named after who is on it).
    Caption,
}

impl Near {
    fn name(self) -> &'static str {
        match self {
            Near::Heading => "h",
            Near::Paragraph => "p",
            Near::Item => "item",
            Near::Row => "row",
            Near::Caption => "caption",
        }
    }
}

/// How many names near one candidate are weighed, and how much of each block is looked at
/// for them: a presenter is named early, and a long bio is not read to its end.
const MOST: usize = 8;
const READ: usize = 400;

/// The names written in a list of blocks, found once for all the candidates that look near
/// themselves (a heading's section, the page's body, overlap).
pub struct Names<'a> {
    /// Each block's names, in order, described as if the candidate were just above it.
    found: Vec<Vec<Nearby>>,
    /// Each block's words of two bytes or more, to count mentions.
    words: Vec<Vec<&'a str>>,
}

impl<'a> Names<'a> {
    pub fn of(blocks: &'a [Block]) -> Names<'a> {
        let found = (0..blocks.len()).map(|k| names_in_block(blocks, k)).collect();
        let words = blocks
            .iter()
            .map(|b| {
                b.text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() > 1)
                    .collect()
            })
            .collect();
        Names { found, words }
    }

    /// The names written in the blocks of `range`, in order, each described.
    pub fn near(&self, range: Range<usize>) -> Vec<Nearby> {
        let range = range.start.min(self.found.len())..range.end.min(self.found.len());
        let first = range.start;
        let mut out: Vec<Nearby> = Vec::new();
        for k in range.clone() {
            for n in self.found[k].iter().take(MOST - out.len()) {
                out.push(Nearby {
                    distance: k - first,
                    rank: out.len(),
                    ..n.clone()
                });
            }
            if out.len() >= MOST {
                break;
            }
        }
        // How often each name's first and last words come again near the candidate.
        for n in &mut out {
            let parts: Vec<String> = name_words(&n.name).collect();
            let (Some(a), Some(z)) = (parts.first(), parts.last()) else {
                continue;
            };
            let same = |w: &str, p: &str| w.len() == p.len() && (w.eq_ignore_ascii_case(p) || w.to_lowercase() == p);
            let seen = self.words[range.clone()]
                .iter()
                .flatten()
                .filter(|w| same(w, a) || same(w, z))
                .count();
            n.mentions = seen.saturating_sub(if a == z { 1 } else { 2 });
        }
        out
    }
}

/// The names in block `k` (its text's opening and its images' captions).
fn names_in_block(blocks: &[Block], k: usize) -> Vec<Nearby> {
    let mut out = Vec::new();
    let b = &blocks[k];
    let kind = match b.kind {
        BlockKind::Heading(_) => Near::Heading,
        BlockKind::Paragraph => Near::Paragraph,
        BlockKind::Item { .. } => Near::Item,
        BlockKind::TableRow => Near::Row,
    };
    let text = &b.text[..char_floor(&b.text, READ)];
    let spans = name_spans(text);
    if spans.is_empty() && b.captions.is_empty() {
        return out;
    }
    let under = k
        .checked_sub(1)
        .map(|j| &blocks[j])
        .filter(|a| {
            let n = a.text.split_whitespace().count();
            (1..=3).contains(&n) && (matches!(a.kind, BlockKind::Heading(_)) || a.kind == BlockKind::Paragraph)
        })
        .and_then(|a| a.text.split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()))
        .map(str::to_lowercase)
        .unwrap_or_default();
    for span in spans.into_iter().take(MOST) {
        let name = &text[span.clone()];
        let styled = |want: fn(&Style) -> bool| {
            b.marks
                .iter()
                .any(|m| want(&m.style) && m.range.start < span.end && span.start < m.range.end)
        };
        out.push(Nearby {
            name: name.to_string(),
            distance: 0,
            rank: 0,
            kind,
            whole: b.text.trim_matches(|c: char| !c.is_alphanumeric()).len() <= name.len() + 2,
            start: b.text[..span.start].trim().is_empty(),
            before: edge_word(&b.text[..span.start], true),
            after: edge_word(&b.text[span.end..], false),
            bold: styled(|s| *s == Style::Strong),
            link: styled(|s| matches!(s, Style::Link(_))),
            mentions: 0,
            under: under.clone(),
            words: name.split_whitespace().count(),
        });
    }
    for caption in &b.captions {
        let caption = caption.trim();
        if out.len() < MOST && caption.split_whitespace().count() >= 2 && names::looks_like_name(caption) {
            out.push(Nearby {
                name: caption.to_string(),
                distance: 0,
                rank: 0,
                kind: Near::Caption,
                whole: true,
                start: true,
                before: String::new(),
                after: String::new(),
                bold: false,
                link: false,
                mentions: 0,
                under: under.clone(),
                words: caption.split_whitespace().count(),
            });
        }
    }
    out
}

/// Where runs of capitalised words that read as a person's name sit in `text`: two to four
/// words, an initial ("J.", "k.") or a particle ("van") allowed inside, a word that opens a
/// sentence ("Today Ann Lee …") left off the front.
fn name_spans(text: &str) -> Vec<Range<usize>> {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let initial = |w: &str| {
        let mut cs = w.chars();
        matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_alphabetic())
    };
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !capital(words[i].1) {
            i += 1;
            continue;
        }
        // The run: capitalised words, initials and particles, ended by a word with a mark
        // after it (a comma, a colon, a bracket) other than an initial's stop.
        let mut j = i;
        loop {
            let w = words[j].1;
            let ends = !initial(w) && w.ends_with(|c: char| !c.is_alphanumeric());
            if ends || j + 1 >= words.len() {
                break;
            }
            let n = words[j + 1].1;
            let bare = n.trim_end_matches(|c: char| !c.is_alphanumeric());
            if capital(n) || initial(n) || is_particle(bare) {
                j += 1;
            } else {
                break;
            }
        }
        let mut a = i;
        let mut z = j;
        // A sentence's first word is capitalised whatever it is; a name neither opens nor
        // ends with a word that only joins others ("Der Vortrag", "Gestión de").
        while a < z && (!looks_like_name_of(&words[a..=a]) && !initial(words[a].1) || is_function_word(words[a].1)) {
            a += 1;
        }
        while z > a && is_function_word(words[z].1) {
            z -= 1;
        }
        if (a..=z).any(|k| is_function_word(words[k].1) && !is_particle(words[k].1) || elided(words[k].1)) {
            i = j + 1;
            continue;
        }
        let n = z + 1 - a;
        if (2..=4).contains(&n) && looks_like_name_of(&words[a..=z]) {
            let start = words[a].0;
            let last = words[z];
            let kept = if initial(last.1) {
                last.1.len()
            } else {
                last.1.trim_end_matches(|c: char| !c.is_alphanumeric()).len()
            };
            let end = last.0 + kept;
            out.push(start..end);
        }
        i = j + 1;
    }
    out
}

/// The lower-case words allowed inside a name ("Ann van Dijk").
fn is_particle(word: &str) -> bool {
    ["van", "von", "de", "da", "del", "der", "di", "la", "le", "dos", "das"].contains(&word)
}

/// The words that only join others, in the languages the groups write (articles,
/// determiners, prepositions, pronouns): capitalised at the start of a sentence, and in German
/// nouns are too, so a run of capitals that holds one is a phrase, not a name.
const FUNCTION_WORDS: &[&str] = &[
    "der", "die", "das", "dem", "den", "des", "dieser", "diese", "dieses", "diesem", "ein", "eine", "einen", "bei",
    "zum", "zur", "mit", "für", "und", "oder", "wir", "ich", "sie", "uns", "im", "vom", "nach", "über", "el", "los",
    "las", "un", "una", "tras", "con", "para", "por", "en", "y", "les", "du", "au", "aux", "une", "nous", "vous", "il",
    "elle", "ce", "cette", "dans", "sur", "avec", "pour", "et", "ou", "oraz", "dla", "jak", "the", "of", "and", "at",
    "de", "la", "le", "da", "del", "di", "van", "von", "dos", "das",
];

fn is_function_word(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    FUNCTION_WORDS.contains(&bare.as_str())
}

/// "L'application", "d'abord": an article run into its noun.
fn elided(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(a), Some('\'' | '’'), Some(b)) if a.is_alphabetic() && b.is_lowercase())
}

/// Whether the words read as a name, initials written as capitals.
fn looks_like_name_of(words: &[(usize, &str)]) -> bool {
    let joined: Vec<String> = words
        .iter()
        .map(|(_, w)| {
            let w = w.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
            let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
            let mut cs = w.chars();
            match cs.next() {
                Some(c) if w.len() <= 2 + c.len_utf8() && w.ends_with('.') => c.to_uppercase().chain(cs).collect(),
                _ => w.to_string(),
            }
        })
        .collect();
    names::looks_like_name(&joined.join(" "))
}

/// The word or mark that ends `text` (`last`) or opens it, lower-cased: what is written just
/// before or just after a name.
fn edge_word(text: &str, last: bool) -> String {
    let t = if last { text.trim_end() } else { text.trim_start() };
    let edge = if last { t.chars().last() } else { t.chars().next() };
    match edge {
        None => String::new(),
        Some(c) if !c.is_alphanumeric() => c.to_string(),
        Some(_) => {
            let mut words = t.split(|c: char| !c.is_alphanumeric());
            let word = if last { words.next_back() } else { words.next() };
            word.unwrap_or("").to_lowercase()
        }
    }
}

/// The verb that opens a bio after the name ("Ann Lee is a …"), in the languages the groups
/// write: one class of evidence, so what one language teaches carries to another.
const COPULAS: &[&str] = &[
    "is", "was", "est", "ist", "es", "jest", "är", "er", "works", "has", "hat",
];

/// The lower-cased words of a name, of two letters or more.
pub fn name_words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
}

/// What the features of the names near a candidate ask of the candidate itself, worked out
/// once for all of them.
pub struct Around {
    /// Only whether the candidate is a heading, a line or the page: which level of heading a
    /// blog gives its talks differs from blog to blog, and is no evidence of who presents.
    kind: &'static str,
    /// The first five letters of each of its words.
    stems: Vec<String>,
}

impl Around {
    pub fn of(c: &Candidate) -> Around {
        Around {
            kind: match c.origin {
                Origin::Heading(_) => "heading",
                Origin::Post => "post",
                _ => "line",
            },
            stems: name_words(&c.text).map(|w| w.chars().take(5).collect()).collect(),
        }
    }
}

/// The features a name near a candidate (`around`) is weighed by, in the light of the blog
/// (`cx`).
pub fn nearby_features<S: Sink>(n: &Nearby, around: &Around, cx: &Context, f: &mut S) {
    let kind = n.kind.name();
    let dist = match n.distance {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        _ => "5+",
    };
    let o = around.kind;
    feat!(f, "n:bias");
    feat!(f, "n:o={o}");
    feat!(f, "n:dist={dist}");
    feat!(f, "n:o={o}:dist={dist}");
    feat!(f, "n:rank={}", n.rank.min(3));
    feat!(f, "n:kind={kind}");
    feat!(f, "n:words={}", n.words);
    if n.whole {
        feat!(f, "n:whole");
        feat!(f, "n:whole:{kind}");
    }
    if n.start {
        feat!(f, "n:start");
        feat!(f, "n:start:{kind}");
    }
    feat!(f, "n:before={}", n.before);
    feat!(f, "n:after={}", n.after);
    if COPULAS.contains(&n.after.as_str()) {
        feat!(f, "n:after_verb");
        if n.start {
            feat!(f, "n:start_verb");
        }
    }
    if super::features::is_by_word(&n.before) {
        feat!(f, "n:after_by");
    }
    if n.bold {
        feat!(f, "n:bold");
    }
    if n.link {
        feat!(f, "n:link");
    }
    feat!(f, "n:mentions={}", n.mentions.min(3));
    if !n.under.is_empty() {
        feat!(f, "n:under");
        feat!(f, "n:under={}", n.under);
    }
    let words: Vec<String> = name_words(&n.name).collect();
    if words.iter().any(|w| cx.presenters.contains(w)) {
        feat!(f, "n:known");
    }
    // Named again near other posts' candidates: a topic or a product more often than a person.
    let elsewhere = words
        .iter()
        .map(|w| cx.near_elsewhere.get(w).copied().unwrap_or(0))
        .max()
        .unwrap_or(0);
    feat!(
        f,
        "n:elsewhere={}",
        match elsewhere {
            0 => "0",
            1 => "1",
            2..=3 => "2-3",
            _ => "4+",
        }
    );
    // A presenter is seldom named in the title of the talk: words shared with it are the topic.
    if words
        .iter()
        .any(|w| w.chars().count() >= 4 && around.stems.contains(&w.chars().take(5).collect::<String>()))
    {
        feat!(f, "n:in_title");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::parse_blocks;

    fn names_in(text: &str) -> Vec<&str> {
        name_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn the_word_or_mark_beside_a_name_is_read_from_the_side_it_is_on() {
        assert_eq!(edge_word("Talk given by ", true), "by");
        assert_eq!(edge_word("Slides (", true), "(");
        assert_eq!(edge_word(" Is a Consultant", false), "is");
        assert_eq!(edge_word(", CTO", false), ",");
        assert_eq!(edge_word("  ", true), "");
    }

    #[test]
    fn names_are_runs_of_capitalised_words() {
        assert_eq!(
            names_in("Abhishek k. Goel is a Security Consultant at ABN Amro."),
            ["Abhishek k. Goel", "Security Consultant"]
        );
        assert_eq!(
            names_in("Today Dimitar Yanev leads the team of Ann van Dijk, who"),
            ["Dimitar Yanev", "Ann van Dijk"]
        );
        assert_eq!(names_in("A talk about parsers"), Vec::<&str>::new());
    }

    #[test]
    fn a_bio_under_a_heading_names_its_person_first_and_often() {
        let md = "## Fuzzing parsers\n\n### Abstract\n\nWe fuzz Parser Land.\n\n### Bio\n\nAnn Lee is a tester. Ann likes bugs.\n";
        let blocks = parse_blocks(md);
        let near = Names::of(&blocks).near(1..blocks.len());
        let ann = near.iter().find(|n| n.name == "Ann Lee").expect("Ann Lee is found");
        assert!(ann.start);
        assert_eq!(ann.after, "is");
        assert_eq!(ann.under, "bio");
        assert_eq!(ann.mentions, 1);
        assert_eq!(ann.distance, 3);
        let mut f: Vec<String> = Vec::new();
        let c = Candidate {
            origin: super::super::candidate::Origin::Heading(2),
            ..crate::learn::model::tests::cand("Fuzzing parsers")
        };
        nearby_features(ann, &Around::of(&c), &Context::default(), &mut f);
        assert!(f.contains(&"n:start_verb".to_string()));
        assert!(f.contains(&"n:under=bio".to_string()));
    }

    #[test]
    fn a_card_names_its_person_alone() {
        let md = "### Fuzzing parsers\n\n#### Ann Lee\n\nTester at Parser Land\n";
        let blocks = parse_blocks(md);
        let near = Names::of(&blocks).near(1..blocks.len());
        assert_eq!(near[0].name, "Ann Lee");
        assert!(near[0].whole);
        assert_eq!(near[0].kind, Near::Heading);
    }
}
