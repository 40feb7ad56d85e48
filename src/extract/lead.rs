//! Recaps that give each talk a paragraph led by its presenter: "**Ann Lee** shared how her
//! team ships firmware", "[Bo Berg](…) walked us through a chat bot he built". The verb can be
//! any verb a writer reaches for, so it is not what marks the talk; the evidence is the shape:
//! a name set apart (bold, linked, or a handle) opening a sentence, or after "with" before a
//! gerund ("with **Ann** sharing how ..."), taken when the post shows it is its way of giving
//! talks (the shape repeats, the heading above speaks of talks, or a recording follows). The
//! title is what the verb acts on.

use std::ops::Range;

use super::blocks::{Block, BlockKind, Style};
use super::names::{clean_name, is_handle, looks_like_name};
use super::text::{capitalise, leading_phrase, named_thing, sentences, short_topic, tidy_title};
use super::{Candidate, Confidence, Source, kind_of};

/// Verbs after a name that say the person did something other than present.
const NOT_PRESENTING: &[&str] = &[
    "provided", "hosted", "sponsored", "won", "organized", "organised", "thanked", "welcomed", "announced",
    "mentioned", "pointed", "suggested", "asked", "joined", "attended", "bought", "brought", "ordered", "donated",
    "offered", "wanted", "said", "noted", "agreed", "helped", "volunteered", "arrived", "left", "moved", "got",
    "received", "answered", "replied", "tweeted", "wrote", "posted", "paid", "supplied", "covered", "raffled",
    "kindly", "briefed", "opened", "closed", "invited", "requested", "reminded", "stated", "informed", "updated",
];

/// Past-tense verbs without the -ed ending that open a presenter's paragraph.
const IRREGULAR: &[&str] = &[
    "gave", "took", "led", "ran", "showed", "shared", "taught", "spoke", "told", "dove", "began", "built", "did",
    "made", "drew", "went", "sang", "demoed", "shown", "kicked", "came",
];

/// Words between the verb and what it acts on ("walked us through", "kicked things off with a",
/// "taught us all a few things about", "shared his work on").
const FILLERS: &[&str] = &[
    "to", "walk", "walking", "us", "all", "through", "into", "about", "on", "off", "things", "with", "by", "and",
    "some", "a", "an", "the", "few", "his", "her", "their", "work", "fascinating", "exciting", "quick", "brief",
    "short", "clever", "great", "demoing", "showing", "everyone", "attendees", "audience", "group", "how-to",
    "evening", "night", "meetup", "up", "look", "at", "interesting", "good", "nice", "deep-dive", "dive", "diving",
];

/// Nouns that name what was presented ("a discussion of X", "a look at X").
const SESSION_NOUNS: &[&str] = &[
    "discussion", "look", "talk", "presentation", "demo", "dive", "introduction", "overview", "tour", "walkthrough",
];

/// Words that name the session rather than its subject ("the second talk").
const ORDINAL_OR_SESSION: &[&str] = &[
    "first", "second", "third", "fourth", "next", "last", "final", "opening", "closing", "talk", "talk,", "session",
    "presentation", "lightning",
];

/// The presenter opening the sentence of `block` that starts at byte `start`: a bold or
/// linked name right there, followed by a verb that can be presenting. Returns the name and
/// the byte where the verb starts.
pub(crate) fn opening_presenter(block: &Block, start: usize) -> Option<(String, usize)> {
    if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Item { .. }) {
        return None;
    }
    // A handle needs no markup to be set apart: "@ann_lee walked us through ...".
    if let Some(handle) = block.text[start..].split(' ').next().filter(|w| is_handle(w)) {
        let verb_at = start + handle.len() + 1;
        return presenting_verb(block, verb_at).then(|| (handle.to_string(), verb_at));
    }
    let m = block
        .marks
        .iter()
        .find(|m| m.range.start == start && matches!(m.style, Style::Strong | Style::Link(_)))?;
    if let Style::Link(i) = m.style
        && block
            .links
            .get(i)
            .is_some_and(|l| super::links::is_material_url(&l.url) && !super::links::is_profile_url(&l.url))
    {
        return None;
    }
    let name = clean_name(&block.text[m.range.clone()]);
    if !looks_like_name(&name) {
        return None;
    }
    let verb_at = next_word(block, m.range.end);
    presenting_verb(block, verb_at).then_some((name, verb_at))
}

/// Where the word after byte `end` of `block` starts.
fn next_word(block: &Block, end: usize) -> usize {
    let after = block.text.get(end..).unwrap_or("");
    end + (after.len() - after.trim_start().len())
}

/// The word of `block` that starts at byte `at`.
fn word_at(block: &Block, at: usize) -> Option<&str> {
    block.text.get(at..).and_then(|t| t.split([' ', ',']).next())
}

/// Whether the word at byte `at` of `block` is a past-tense verb that can be presenting.
pub(crate) fn presenting_verb(block: &Block, at: usize) -> bool {
    let Some(verb) = word_at(block, at) else {
        return false;
    };
    verb.chars().all(|c| c.is_ascii_lowercase())
        && (verb.ends_with("ed") && verb.len() > 4 || IRREGULAR.contains(&verb))
        && !NOT_PRESENTING.contains(&verb)
}

/// The person a plain name opening `block` names, when a presenting verb follows it ("Ann Lee
/// explained ...", "Bo started off by ..."), and the sentence is not about a part of a session
/// already under way ("Bo began this session").
pub(crate) fn plain_presenter(block: &Block) -> Option<String> {
    let sentence = sentences(block).into_iter().next()?;
    let s = &block.text[sentence];
    let low = s.to_lowercase();
    if [
        "this session", "the session", "this part", "continued", "thank", "sponsor",
    ]
    .iter()
    .any(|w| low.contains(w))
    {
        return None;
    }
    plain_openers(block).into_iter().find(|o| o.at == 0).map(|o| o.name)
}

/// The sentences of `block` that a presenter opens, as (sentence, name, verb offset).
fn leads(block: &Block) -> Vec<(Range<usize>, String, usize)> {
    // Most blocks have no name set apart where a sentence could start: skip them before
    // cutting the block into sentences.
    let text = &block.text;
    let starts_sentence = |at: usize| at == 0 || text[..at].trim_end().ends_with(['.', '!', '?']);
    let marked = block
        .marks
        .iter()
        .any(|m| matches!(m.style, Style::Strong | Style::Link(_)) && starts_sentence(m.range.start));
    let handle = text.match_indices('@').any(|(at, _)| starts_sentence(at));
    let with: Vec<(String, usize)> = block
        .marks
        .iter()
        .filter(|m| matches!(m.style, Style::Strong | Style::Link(_)) && text[..m.range.start].ends_with("with "))
        .filter_map(|m| presenter_with(block, m))
        .collect();
    if !marked && !handle && with.is_empty() {
        return Vec::new();
    }
    let sentences = sentences(block);
    let mut out: Vec<(Range<usize>, String, usize)> = sentences
        .iter()
        .filter_map(|r| opening_presenter(block, r.start).map(|(name, verb)| (r.clone(), name, verb)))
        .collect();
    for (name, verb) in with {
        if let Some(r) = sentences.iter().find(|r| r.start <= verb && verb < r.end)
            && !out.iter().any(|(o, ..)| o == r)
        {
            out.push((r.clone(), name, verb));
        }
    }
    out
}

/// Gerunds that, after "with Ann Lee", say she presented ("we started with **Ann Lee** sharing
/// how ...").
const GERUNDS: &[&str] = &[
    "sharing", "presenting", "demoing", "demonstrating", "talking", "walking", "showing", "giving", "explaining",
    "introducing", "discussing",
];

/// The presenter a marked name after "with" names, when a presenting gerund follows it, and
/// the byte where the gerund starts.
fn presenter_with(block: &Block, m: &super::blocks::Mark) -> Option<(String, usize)> {
    let name = clean_name(&block.text[m.range.clone()]);
    if !looks_like_name(&name) {
        return None;
    }
    let verb_at = next_word(block, m.range.end);
    GERUNDS.contains(&word_at(block, verb_at)?).then_some((name, verb_at))
}

/// The sessions of the sentences of `block` that a presenter opens, when the post gives the
/// [`evidence`] that such sentences are talks.
pub(crate) fn lead_candidates(block: &Block, index: usize) -> Vec<Candidate> {
    leads(block)
        .into_iter()
        .filter_map(|(sentence, name, verb_at)| {
            let low = block.text[sentence.clone()].to_lowercase();
            if low.contains("thank") || low.contains("sponsor") {
                return None;
            }
            let title = object_title(block, verb_at, sentence.end)?;
            Some(Candidate {
                title: Some(title),
                speakers: vec![name],
                kind: kind_of(&low),
                block: index,
                at: sentence.start,
                source: Source::Prose,
                confidence: Confidence::Led,
            })
        })
        .collect()
}

/// What the verb at `verb_at` acts on, up to the end of its clause: its title.
pub(crate) fn object_title(block: &Block, verb_at: usize, end: usize) -> Option<String> {
    // The verb may sit past the clause's end (a name closing one sentence, its verb opening the
    // next): then this clause names no object.
    let text = block.text.get(..end)?;
    let after_verb = text.get(verb_at..)?.find(' ').map(|i| verb_at + i + 1)?;
    let mut at = after_verb;
    for word in text[after_verb..].split(' ') {
        let bare = word
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase();
        // An emphasised stretch right here is the title as the author marked it.
        if block
            .marks
            .iter()
            .any(|m| m.range.start == at && m.style != Style::Code)
        {
            break;
        }
        // "gave the second talk, diving into X": the session itself, then what it went into.
        let session_word = ORDINAL_OR_SESSION.contains(&bare.as_str())
            || bare.ends_with("ing") && text[..at].trim_end().ends_with(',');
        // "some of his favourite tools": a share of what follows.
        let partitive = bare == "of"
            && text[..at]
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| ["some", "few", "one", "many", "several", "all", "most", "couple"].contains(&w));
        if !(FILLERS.contains(&bare.as_str()) || session_word || partitive) || word.is_empty() {
            break;
        }
        at += word.len() + 1;
    }
    let rest = text.get(at..)?;
    if let Some(name) = named_thing(rest) {
        return Some(capitalise(&name));
    }
    let cut = leading_phrase(rest);
    // Where the phrase ends in `rest` (it is a slice of it, fillers dropped from its front).
    let end = cut.as_ptr() as usize - rest.as_ptr() as usize + cut.len();
    let mut phrase = cut.to_string();
    // "elix, the chat bot that ...": a bare name is explained by what follows the comma.
    if phrase.split_whitespace().count() == 1 {
        let after = &rest[end..];
        // "websockets, particularly how two games talk": the rest says which part of it.
        let narrowing = ["particularly ", "especially ", "specifically ", "including "];
        if let Some(rest_of) = after.strip_prefix(", ")
            && narrowing.iter().any(|n| rest_of.starts_with(n))
        {
            let more = rest_of.split(['.', ';', ':']).next().unwrap_or(rest_of).trim_end();
            phrase = format!("{phrase}, {more}");
        } else if let Some(apposition) = after.strip_prefix(", ")
            && ["the ", "a ", "an "].iter().any(|a| apposition.starts_with(a))
        {
            // Keep the article: "a tiny markup language", not "tiny markup language".
            let more = leading_phrase(apposition);
            let end = apposition.find(more).map_or(0, |i| i + more.len());
            let more = &apposition[..end];
            let more = more.split(" who ").next().unwrap_or(more);
            phrase = format!("{phrase}, {more}");
        }
    }
    // "... by blowing minds with a discussion of Erlang": the session named inside the clause.
    let low = phrase.to_ascii_lowercase();
    if let Some(at) = [" with a ", " with an "]
        .iter()
        .find_map(|w| low.find(w).map(|i| i + w.len()))
        && let Some(noun) = low[at..].split(' ').next()
        && SESSION_NOUNS.contains(&noun)
    {
        phrase = phrase[at..].to_string();
    }
    for stop in [
        " centered ", " centred ", ": ", " that ", " in an effort ", " in order to ", " so that ", ",” ", ",\" ",
    ] {
        if let Some(i) = phrase.find(stop) {
            phrase.truncate(i);
        }
    }
    // A quotation the clause cut through loses its opening mark.
    if phrase.matches('“').count() > phrase.matches('”').count() {
        phrase = phrase.replacen('“', "", 1);
    }
    let title = tidy_title(short_topic(&phrase));
    let words = title.split_whitespace().count();
    // "explained clearly that ...": a manner is no subject; "rushed in at ten": nor a place.
    let adverb = words == 1 && title.ends_with("ly");
    let says_something = title.split_whitespace().any(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && ![
                "the", "and", "around", "about", "into", "from", "over", "then", "there", "here", "this", "that",
            ]
            .contains(&w.to_lowercase().as_str())
    });
    (words >= 1 && !adverb && says_something).then(|| capitalise(&title))
}

/// The presenter a photo's caption shows at it: "Ana Kim presenting her talk", "@bo giving a
/// demo".
pub(crate) fn caption_presenter(caption: &str) -> Option<String> {
    let words: Vec<&str> = caption.split_whitespace().collect();
    let at = words.iter().position(|w| GERUNDS.contains(w) || *w == "speaking")?;
    let name = clean_name(&words[..at].join(" "));
    ((1..=4).contains(&at) && (looks_like_name(&name) || is_handle(&name))).then_some(name)
}

/// Words that open most sentences and are never a name: looked up before anything costlier.
const SENTENCE_STARTS: &[&str] = &[
    "The", "This", "That", "These", "We", "Our", "It", "He", "She", "They", "There", "Then", "Later", "A", "An", "In",
    "At", "On", "Next", "Finally", "Also", "His", "Her", "Their", "I", "You", "Some", "One", "After", "Before",
    "Everyone", "People", "Someone", "As", "If", "When", "Thanks", "All", "Many", "Most",
];

/// A plain name opening a sentence, or a clause after a comma, with a presenting verb after it
/// (see [`plain_openers`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Opener {
    /// Where the clause starts.
    pub at: usize,
    pub name: String,
    /// Where the verb starts.
    pub verb_at: usize,
    /// A handle or a profile link in brackets after the name says it is a person's, as a link
    /// on the name itself would: "Ana Kim (@anakim) showed ...".
    pub vouched: bool,
}

/// Plain names opening a sentence, or a clause after a comma, of `block`, with a presenting
/// verb after them. Between the name and the verb may stand an aside in brackets and the
/// place the person comes from ("Ana Kim (@anakim) from Acme showed ..."). Whether one is a
/// presenter is for [`known_leads`] to say, from who the blog shows presenting.
pub(crate) fn plain_openers(block: &Block) -> Vec<Opener> {
    if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Item { .. }) {
        return Vec::new();
    }
    let text = &block.text;
    let starts = std::iter::once(0).chain(
        text.match_indices([',', '.', ';', '!', '?'])
            .filter(|(i, _)| text[i + 1..].starts_with(' '))
            .map(|(i, _)| i + 2),
    );
    starts
        .filter(|&start| {
            text[start..].starts_with(char::is_uppercase)
                && !SENTENCE_STARTS.contains(&text[start..].split(' ').next().unwrap_or(""))
        })
        .filter_map(|start| {
            // Where each of the first three words ends: a name is one to three words.
            let mut ends = [0usize; 3];
            let mut n = 0;
            for (i, _) in text[start..].match_indices(' ').take(3) {
                ends[n] = start + i;
                n += 1;
            }
            ends[..n].iter().rev().find_map(|&end| {
                let (verb_at, vouched) = verb_after_name(block, end)?;
                let name = &text[start..end];
                looks_like_name(name).then(|| Opener {
                    at: start,
                    name: name.to_string(),
                    verb_at,
                    vouched,
                })
            })
        })
        .collect()
}

/// Where a presenting verb starts after a name ending at byte `end` of `block`: right after
/// it, or after an aside in brackets and an affiliation ("(@ana) from Acme"); and whether the
/// aside vouches for the name as a person's.
fn verb_after_name(block: &Block, end: usize) -> Option<(usize, bool)> {
    let text = &block.text;
    let mut at = end + 1;
    if presenting_verb(block, at) {
        return Some((at, false));
    }
    let mut vouched = false;
    if text[end..].starts_with(" (") {
        let close = end + text[end..].find(')')?;
        let inner = &text[end + 2..close];
        vouched = is_handle(inner.trim())
            || block.marks.iter().any(|m| {
                m.range.start >= end + 2
                    && m.range.end <= close
                    && matches!(m.style, Style::Link(i) if block.links.get(i)
                        .is_some_and(|l| super::links::is_profile_url(&l.url)))
            });
        at = close + 2;
        if presenting_verb(block, at) {
            return Some((at, vouched));
        }
    }
    // "from Acme Labs", "of the Ruby Brigade": one to three words naming where they come from.
    let rest = text.get(at..)?;
    let after = ["from ", "of ", "at "].iter().find_map(|w| rest.strip_prefix(w))?;
    let mut verb = at + (rest.len() - after.len());
    for (k, word) in after.split(' ').take(4).enumerate() {
        if k > 0 && presenting_verb(block, verb) {
            return Some((verb, vouched));
        }
        if !(word.starts_with(char::is_uppercase) || word == "the") {
            return None;
        }
        verb += word.len() + 1;
    }
    None
}

/// The sessions of `openers` (see [`plain_openers`]) of `block`, each the name of someone known
/// to present (elsewhere in the post, in a photo's caption, or in other posts of the blog):
/// "Ana shared her notes on arenas, Bo showed a fuzzer". Without that knowledge a plain name
/// and a verb say too little ("Ana brought snacks").
pub(crate) fn known_leads(block: &Block, index: usize, openers: &[Opener]) -> Vec<Candidate> {
    let text = &block.text;
    let mut out = Vec::new();
    let mut sentences_of_block = None;
    for &Opener {
        at: start,
        ref name,
        verb_at,
        ..
    } in openers
    {
        let sentences = sentences_of_block.get_or_insert_with(|| sentences(block));
        let Some(sentence) = sentences.iter().find(|r| r.start <= start && start < r.end).cloned() else {
            continue;
        };
        let Some(title) = object_title(block, verb_at, sentence.end) else {
            continue;
        };
        let low = format!("{} {}", &text[sentence.start..verb_at], title).to_lowercase();
        if low.contains("thank") || low.contains("sponsor") {
            continue;
        }
        out.push(Candidate {
            title: Some(title),
            speakers: vec![name.clone()],
            kind: kind_of(&text[sentence.clone()].to_lowercase()),
            block: index,
            at: start,
            source: Source::Prose,
            confidence: Confidence::Known,
        });
    }
    out
}

/// Whether a heading speaks of talks ("Lightning talks", "The speakers", "Demos"): what sits
/// under it is likely a talk.
pub(crate) fn speaks_of_talks(heading: &str) -> bool {
    let low = heading.to_lowercase();
    ["talk", "session", "presentation", "lightning", "demo", "speaker"]
        .iter()
        .any(|w| low.contains(w))
}

/// For each block, whether its sentences that a presenter opens are talks: the shape repeats
/// in the post, the heading above it speaks of talks, or a recording follows it before the
/// next text.
pub(crate) fn evidence(blocks: &[Block]) -> Vec<bool> {
    let counts: Vec<usize> = blocks.iter().map(|b| leads(b).len()).collect();
    evidence_of(blocks, &counts, counts.iter().sum())
}

/// [`evidence`] for blocks with `counts` sentences each that a presenter opens, `strong` of
/// them with a presenter the post itself marks.
pub(crate) fn evidence_of(blocks: &[Block], counts: &[usize], strong: usize) -> Vec<bool> {
    let repeated = strong >= 2;
    let led: Vec<bool> = counts.iter().map(|&n| n > 0).collect();
    let mut heading_says = false;
    let mut out = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        if let BlockKind::Heading(_) = b.kind {
            heading_says = speaks_of_talks(&b.text);
        }
        let recording = || {
            blocks[i..]
                .iter()
                .enumerate()
                .take_while(|(k, b)| *k == 0 || b.is_blank())
                .any(|(_, b)| !b.videos.is_empty())
        };
        out.push(led[i] && (repeated || heading_says || recording()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::parse_blocks;

    fn read(md: &str) -> Vec<(String, String)> {
        let blocks = parse_blocks(md);
        let ok = evidence(&blocks);
        blocks
            .iter()
            .enumerate()
            .filter(|(i, _)| ok[*i])
            .flat_map(|(i, b)| lead_candidates(b, i))
            .map(|c| (c.title.unwrap_or_default(), c.speakers[0].clone()))
            .collect()
    }

    #[test]
    fn paragraphs_led_by_presenters() {
        let md = "Thanks to **Acme** for the pizza.\n\n\
                  **Ida Lund** shared how her team ships firmware updates over the air, and what broke.\n\n\
                  **Tom Berg** walked us through a chat bot he built for the office.\n\n\
                  **Ana Kim** taught us all a few things about fuzzing parsers (with examples).\n\n\
                  **Ola Berg** introduced quill, a tiny markup language for notes.\n";
        assert_eq!(
            read(md),
            vec![
                (
                    "How her team ships firmware updates over the air".into(),
                    "Ida Lund".into()
                ),
                ("Chat bot he built for the office".into(), "Tom Berg".into()),
                ("Fuzzing parsers".into(), "Ana Kim".into()),
                ("Quill, a tiny markup language for notes".into(), "Ola Berg".into()),
            ]
        );
    }

    #[test]
    fn openers_past_an_aside_and_where_the_person_comes_from() {
        let md = "Ida Lund ([@idal](https://twitter.com/idal)) from Acme Labs showed a fuzzer. \
                  Tom Berg (our host) of the Ruby Brigade demoed a bot. Ana Kim from work showed up late. \
                  Ola Berg (in blue) explained arenas.\n";
        let blocks = parse_blocks(md);
        let got: Vec<(String, bool)> = plain_openers(&blocks[0])
            .into_iter()
            .map(|o| {
                (
                    blocks[0].text[o.verb_at..].split(' ').next().unwrap_or("").to_string(),
                    o.vouched,
                )
            })
            .collect();
        // "from work" names no place; "(in blue)" vouches for no one.
        assert_eq!(
            got,
            vec![
                ("showed".to_string(), true),
                ("demoed".to_string(), false),
                ("explained".to_string(), false)
            ]
        );
    }

    #[test]
    fn one_such_paragraph_needs_a_recording_after_it() {
        let alone = "**Ida Lund** demoed a robot arm driven from a phone.\n";
        assert!(read(alone).is_empty());
        let with_video = format!("{alone}\n<iframe src=\"https://www.youtube.com/embed/aaaaaaaaaaa\"></iframe>\n");
        assert_eq!(read(&with_video).len(), 1);
    }

    #[test]
    fn a_heading_about_talks_is_evidence_and_sentences_inside_a_paragraph_count() {
        let md = "## The talk\n\n**Ida Lund** demoed a robot arm driven from a phone.\n";
        assert_eq!(
            read(md),
            vec![("Robot arm driven from a phone".into(), "Ida Lund".into())]
        );
        let md = "We opened with news. **Ida Lund** gave a deep-dive into packet captures in an effort to \
                  find a bug. **Tom Berg** shared his work on a port of “Old Maze,” a text game.\n";
        assert_eq!(
            read(md),
            vec![
                ("Packet captures".into(), "Ida Lund".into()),
                ("Port of Old Maze".into(), "Tom Berg".into())
            ]
        );
    }

    #[test]
    fn the_session_named_before_its_subject_is_skipped() {
        let md = "## Talks\n\n**Ida Lund** gave the second talk, diving into fuzzing with `cargo fuzz` and friends.\n";
        assert_eq!(
            read(md),
            vec![("Fuzzing with cargo fuzz and friends".into(), "Ida Lund".into())]
        );
    }

    #[test]
    fn handles_lead_without_markup() {
        let md = "@ann_lee followed up with a great dive into Elm.\n\n@tomb came through with an interesting look at Groovy.\n";
        assert_eq!(
            read(md),
            vec![("Elm".into(), "@ann_lee".into()), ("Groovy".into(), "@tomb".into())]
        );
    }

    #[test]
    fn narrowing_clauses_and_sessions_named_inside_the_clause() {
        let md = "## Talks\n\n**Ida Lund** delved into sockets, particularly how two chat apps share a bus.\n\n\
                  **Tom Berg** finished the night by amazing everyone with a discussion of Prolog.\n";
        assert_eq!(
            read(md),
            vec![
                (
                    "Sockets, particularly how two chat apps share a bus".into(),
                    "Ida Lund".into()
                ),
                ("Discussion of Prolog".into(), "Tom Berg".into())
            ]
        );
    }

    #[test]
    fn objects_in_any_script_are_cut_on_character_boundaries() {
        let md = "## Talks\n\n**Ida Lund** shared the élan, the café of Zürich.\n\n**Tom Berg** shared the Ωmega, a λ tool.\n";
        assert_eq!(read(md).len(), 2);
    }

    #[test]
    fn a_presenter_after_with_and_a_gerund() {
        let md = "## Talks\n\nWe opened the night with **Ida Lund** sharing how her team streams logs to Kafka.\n";
        assert_eq!(
            read(md),
            vec![("How her team streams logs to Kafka".into(), "Ida Lund".into())]
        );
        let md = "## Talks\n\nWe ended with **pizza** sharing the table.\n";
        assert!(read(md).is_empty());
    }

    #[test]
    fn hosts_winners_and_plain_names_are_not_presenters() {
        let md = "**Acme Labs** provided the venue and drinks.\n\n**Ida Lund** won the book raffle.\n\n\
                  Tom Berg showed us a card trick.\n\n**Ana Kim** thanked everyone for coming.\n";
        assert!(read(md).is_empty());
    }

    #[test]
    fn captions_that_show_a_person_presenting() {
        assert_eq!(
            caption_presenter("Ana Kim presenting her talk").as_deref(),
            Some("Ana Kim")
        );
        assert_eq!(caption_presenter("@bo giving a demo").as_deref(), Some("@bo"));
        assert_eq!(caption_presenter("The hall before the talks"), None);
        assert_eq!(caption_presenter("Everyone in the room presenting"), None);
    }
}
