//! Talks told as prose: "The *third* talk was presented by Sasidhar and he spoke about **How
//! Import Works in Python**", "Next up was [Shoaib][] with his talk on Pycassa", "First talk was
//! Scaling Infrastructure by Bhupendra Singh".
//!
//! Each sentence is read on its own: who presented (after "by", or as the subject of a presenting
//! verb), and what (a bold, quoted or linked stretch, the words between "was" and "by", or the
//! phrase after "about"/"on").

use std::ops::Range;

use super::Candidate;
use super::blocks::{Block, Style};
use super::names::{clean_name, looks_like_name, split_names};
use super::text::{leading_phrase, marks_in, quoted_in, sentences, strip_leading_fillers, tidy_title};
use super::{Source, kind_of};
use crate::extract::links;

/// Nouns that name a session.
const TALK_NOUNS: &[&str] = &[
    "talk", "talks", "session", "sessions", "workshop", "presentation", "tutorial", "keynote", "panel", "demo",
];

/// Verbs whose subject is the person presenting.
const STRONG_VERBS: &[&str] = &[
    "presented", "spoke", "talked", "delivered", "conducted", "facilitated", "gave", "give", "speak", "talk",
    "present", "presenting", "speaking", "talking", "took", "introduced", "demonstrated", "walked", "moderated",
];

/// Words after which a "by" introduces the presenter.
const BY_CUES: &[&str] = &[
    "presented", "given", "delivered", "conducted", "facilitated", "taken", "led", "moderated", "talk", "talks",
    "session", "workshop", "presentation", "tutorial", "keynote", "was", "were",
];

/// Link texts that point at material, never titles or names.
const LINK_WORDS: &[&str] = &[
    "here", "this", "link", "video", "slides", "code", "repo", "demo", "notebook", "blog", "post", "youtube",
    "periscope", "slideshare", "github", "presentation",
];

const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "next", "last",
    "final", "another", "one",
];

/// A sentence whose subject is a pronoun ("He spoke about X") completes a talk whose speaker
/// the previous sentence named.
pub(crate) fn pronoun_title(block: &Block, range: &Range<usize>) -> Option<String> {
    let s = &block.text[range.clone()];
    let low = s.to_ascii_lowercase();
    let rest = ["he ", "she ", "they "].iter().find_map(|p| low.strip_prefix(p))?;
    let verb_end = [
        "spoke about ", "spoke on ", "talked about ", "talked on ", "presented on ", "presented ",
    ]
    .iter()
    .find_map(|v| rest.strip_prefix(v).map(|r| low.len() - r.len()))?;
    title_from_marks(block, &(range.start + verb_end..range.end), &[])
        .or_else(|| non_empty(tidy_title(leading_phrase(&s[verb_end..]))))
}

/// Talks announced in the sentences of one paragraph.
pub(crate) fn paragraph_candidates(block: &Block, index: usize) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for range in sentences(block) {
        if let Some(c) = sentence_candidate(block, index, &range) {
            out.push(c);
        } else if let Some(last) = out.last_mut()
            && last.title.is_none()
        {
            last.title = pronoun_title(block, &range);
        }
    }
    out
}

fn non_empty(s: String) -> Option<String> {
    (s.chars().filter(|c| c.is_alphanumeric()).count() >= 2).then_some(s)
}

/// Whole-word positions of `word` in `low`.
fn word_positions(low: &str, word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = low[from..].find(word) {
        let start = from + at;
        let end = start + word.len();
        let before_ok = start == 0 || !low.as_bytes()[start - 1].is_ascii_alphanumeric();
        let after_ok = end == low.len() || !low.as_bytes()[end].is_ascii_alphanumeric();
        if before_ok && after_ok {
            out.push(start);
        }
        from = end;
    }
    out
}

fn has_word(low: &str, words: &[&str]) -> bool {
    words.iter().any(|w| !word_positions(low, w).is_empty())
}

/// The name(s) starting at byte `at` of the sentence `s` (absolute offset `base` in the block):
/// link text there, or a run of capitalised words, with "and" joining several names.
fn names_at(block: &Block, s: &str, base: usize, at: usize) -> Option<(Vec<String>, Range<usize>)> {
    let abs = base + at;
    // Link text that starts here (a linked speaker name), possibly followed by " and [B]".
    let mut end = at;
    let mut names = Vec::new();
    loop {
        if let Some(m) = block
            .marks
            .iter()
            .find(|m| m.range.start == base + end && matches!(m.style, Style::Link(_)))
        {
            let text = &block.text[m.range.clone()];
            let is_material = match m.style {
                Style::Link(i) => block.links.get(i).is_some_and(|l| links::is_material_url(&l.url)),
                _ => false,
            };
            let name = clean_name(text);
            if is_material || !looks_like_name(&name) {
                break;
            }
            names.push(name);
            end = m.range.end - base;
        } else {
            // A run of capitalised words (initials and particles allowed).
            let rest = &s[end..];
            let mut run_end = 0;
            for word in rest.split_inclusive(' ') {
                let w = word.trim_end();
                let bare = w.trim_end_matches([',', '.', ';', ':', '\'', '’']);
                let bare = bare
                    .strip_suffix("'s")
                    .or_else(|| bare.strip_suffix("’s"))
                    .unwrap_or(bare);
                let capital = bare.chars().next().is_some_and(char::is_uppercase);
                if !capital || !looks_like_name(bare) {
                    break;
                }
                run_end += bare.len();
                if w.len() != bare.len() || !word.ends_with(' ') {
                    break; // punctuation or a possessive ends the name
                }
                run_end += word.len() - bare.len();
            }
            let run = s[end..end + run_end].trim_end();
            if run.is_empty() {
                break;
            }
            names.push(clean_name(run));
            end += run.len();
        }
        let rest = &s[end..];
        if let Some(after) = rest
            .strip_prefix(" and ")
            .or_else(|| rest.strip_prefix(" & "))
            .or_else(|| rest.strip_prefix(", "))
        {
            let next = after.chars().next();
            if next.is_some_and(|c| c.is_uppercase() || c == '[')
                || block
                    .marks
                    .iter()
                    .any(|m| m.range.start == base + s.len() - after.len())
            {
                end = s.len() - after.len();
                continue;
            }
        }
        break;
    }
    names.retain(|n| looks_like_name(n));
    (!names.is_empty()).then(|| (names, abs..base + end))
}

/// The name(s) ending right before byte `at` of `s`: the subject of a verb.
fn names_before(block: &Block, s: &str, base: usize, at: usize) -> Option<(Vec<String>, Range<usize>)> {
    let before = s[..at].trim_end();
    // Linked name right before: "[Siva][] gave".
    if let Some(m) = block
        .marks
        .iter()
        .find(|m| m.range.end == base + before.len() && matches!(m.style, Style::Link(_)))
    {
        let name = clean_name(&block.text[m.range.clone()]);
        if looks_like_name(&name) {
            return Some((vec![name], m.range.clone()));
        }
    }
    // The longest run of capitalised words ending here that reads as a name.
    let words: Vec<(usize, &str)> = before
        .match_indices(|c: char| !c.is_whitespace())
        .fold(Vec::new(), |mut acc: Vec<(usize, usize)>, (i, c)| {
            match acc.last_mut() {
                Some(last) if last.1 == i => last.1 = i + c.len(),
                _ => acc.push((i, i + c.len())),
            }
            acc
        })
        .into_iter()
        .map(|(a, b)| (a, &before[a..b]))
        .collect();
    let mut best: Option<usize> = None;
    for k in (words.len().saturating_sub(5)..words.len()).rev() {
        let candidate = &before[words[k].0..];
        if candidate.ends_with(',') {
            break;
        }
        if looks_like_name(candidate) {
            best = Some(k);
        } else if best.is_some() {
            break;
        }
    }
    let k = best?;
    let start = words[k].0;
    let names = split_names(&before[start..]);
    (!names.is_empty()).then(|| (names, base + start..base + before.len()))
}

/// The first bold, italic, code or quoted stretch in `range` that is not the speaker and not
/// an ordinal ("the *third* talk").
fn title_from_marks(block: &Block, range: &Range<usize>, speaker: &[Range<usize>]) -> Option<String> {
    let overlaps = |r: &Range<usize>| speaker.iter().any(|s| r.start < s.end && s.start < r.end);
    let mut spans: Vec<Range<usize>> = marks_in(block, range)
        .into_iter()
        .filter(|(_, style)| matches!(style, Style::Strong | Style::Emphasis | Style::Code))
        .map(|(r, _)| r)
        .collect();
    spans.extend(quoted_in(&block.text, range));
    spans.sort_by_key(|r| r.start);
    spans
        .into_iter()
        .filter(|r| !overlaps(r))
        .map(|r| tidy_title(&block.text[r]))
        .find(|t| {
            let low = t.to_lowercase();
            t.chars().filter(|c| c.is_alphanumeric()).count() >= 2
                && !ORDINALS.contains(&low.as_str())
                && !low.starts_with("youtube video")
        })
}

/// Link text in `range` that could be a title: not a name, not "here", not a profile.
fn title_from_links(block: &Block, range: &Range<usize>, speaker: &[Range<usize>]) -> Option<String> {
    block
        .links
        .iter()
        .filter(|l| !l.image && l.range.start >= range.start && l.range.end <= range.end)
        .find_map(|l| {
            if speaker.iter().any(|s| l.range.start < s.end && s.start < l.range.end) || links::is_profile_url(&l.url) {
                return None;
            }
            let text = tidy_title(&block.text[l.range.clone()]);
            let low = text.to_lowercase();
            if LINK_WORDS
                .iter()
                .any(|w| low == *w || low.starts_with(&format!("{w} ")))
            {
                return None;
            }
            non_empty(text)
        })
}

/// The phrase after a cue ("about", "on", "titled", ", ") that follows byte `from` of `s`.
fn title_after_cue(s: &str, from: usize) -> Option<String> {
    let low = s.to_ascii_lowercase();
    let cues = [" about ", " on ", " titled ", " called ", " entitled ", ": ", ", "];
    let (at, cue) = cues
        .iter()
        .filter_map(|c| low[from..].find(c).map(|i| (from + i, *c)))
        .min_by_key(|(i, _)| *i)?;
    // A comma cue only counts right after the name ("by Bibhas, quick introduction to ...").
    if cue == ", " && at > from + 2 {
        return None;
    }
    let rest = &s[at + cue.len()..];
    let rest = strip_leading_fillers(rest);
    non_empty(tidy_title(leading_phrase(rest)))
}

fn sentence_candidate(block: &Block, index: usize, range: &Range<usize>) -> Option<Candidate> {
    let s = &block.text[range.clone()];
    let low = s.to_ascii_lowercase();
    let has_noun = has_word(&low, TALK_NOUNS);
    let base = range.start;

    // Who presented.
    let mut speaker: Option<(Vec<String>, Range<usize>)> = None;
    let mut by_at = None;
    for at in word_positions(&low, "by") {
        let before: Vec<&str> = low[..at].split_whitespace().rev().take(4).collect();
        let noun_was = TALK_NOUNS
            .iter()
            .any(|n| low[..at].contains(&format!("{n} was ")) || low[..at].contains(&format!("{n} is ")));
        let cue = noun_was || before.iter().any(|w| BY_CUES.contains(&w.trim_end_matches([',', '.'])));
        let followed = before.first() == Some(&"followed");
        if !(cue || followed) || (followed && !has_noun && !has_word(&low, STRONG_VERBS)) {
            continue;
        }
        if let Some(found) = names_at(block, s, base, at + 3) {
            speaker = Some(found);
            by_at = Some(at);
            break;
        }
    }
    if speaker.is_none() {
        for verb in STRONG_VERBS {
            for at in word_positions(&low, verb) {
                if let Some(found) = names_before(block, s, base, at) {
                    speaker = Some(found);
                    break;
                }
            }
            if speaker.is_some() {
                break;
            }
        }
    }
    if speaker.is_none() {
        // "[Kracekumar][]'s introduction to iPython", "Anand's talk on ..."
        for m in block
            .marks
            .iter()
            .filter(|m| m.range.start >= base && m.range.end <= range.end)
        {
            let after = &block.text[m.range.end..range.end];
            if (after.starts_with("'s ") || after.starts_with("’s ")) && matches!(m.style, Style::Link(_)) {
                let name = clean_name(&block.text[m.range.clone()]);
                if looks_like_name(&name) {
                    speaker = Some((vec![name], m.range.clone()));
                    break;
                }
            }
        }
    }
    if speaker.is_none() {
        for cue in [
            "next up was ", "up next was ", "we had ", "next was ", "presenters were ", "speakers were ",
            "speaker was ", "instructor was ", "instructors were ", "facilitators were ", "facilitator was ",
            "speaker: ", "speakers: ",
        ] {
            if let Some(at) = low.find(cue) {
                speaker = names_at(block, s, base, at + cue.len());
                if speaker.is_some() {
                    break;
                }
            }
        }
    }
    let (speakers, speaker_range) = speaker?;
    // A sentence about a person needs to be about a session too.
    let presenting = has_noun
        || has_word(
            &low,
            &[
                "presented", "spoke", "talked", "delivered", "conducted", "facilitated", "speak", "talking",
            ],
        )
        || has_word(&low, &["speaking", "presenting", "moderated"])
        || low.contains("walked us through");
    if !presenting {
        return None;
    }
    if low.contains("thank") || low.contains("organi") || low.contains("sponsor") || low.contains("hosted") {
        return None;
    }

    let after_speaker = speaker_range.end.saturating_sub(base).min(s.len());
    let mut title = title_from_marks(block, range, std::slice::from_ref(&speaker_range));
    if title.is_none() {
        // "First talk was TITLE by NAME"
        if let Some(by) = by_at
            && let Some(was) = low[..by].rfind(" was ").or_else(|| low[..by].rfind(" is "))
        {
            let noun_before = TALK_NOUNS.iter().any(|n| low[..was].ends_with(n));
            let gap = &s[was + if low[was..].starts_with(" was ") { 5 } else { 4 }..by];
            let gap_low = gap.trim().to_ascii_lowercase();
            let passive = [
                "presented", "given", "delivered", "conducted", "facilitated", "taken", "led", "moderated", "",
            ];
            if noun_before && !passive.contains(&gap_low.as_str()) {
                title = non_empty(tidy_title(gap));
            }
        }
    }
    if title.is_none() {
        title = title_from_links(
            block,
            &(speaker_range.end.max(base)..range.end),
            std::slice::from_ref(&speaker_range),
        );
    }
    if title.is_none() {
        title = title_after_cue(s, after_speaker);
    }
    if title.is_none() {
        // "X's introduction to iPython": the words right after the possessive.
        let rest = s[after_speaker..].trim_start_matches(['\'', '’', 's']).trim_start();
        if low[after_speaker..].starts_with("'s") || low[after_speaker..].starts_with("’s") {
            title = non_empty(tidy_title(leading_phrase(rest)));
        }
    }
    let title = title.filter(|t| !speakers.iter().any(|n| n.eq_ignore_ascii_case(t)));
    Some(Candidate {
        title,
        speakers: speakers.into_iter().map(|n| n.trim().to_string()).collect(),
        kind: kind_of(&low),
        block: index,
        at: range.start,
        source: Source::Prose,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::parse_blocks;
    use crate::talk::Kind;

    fn one(md: &str) -> Candidate {
        let blocks = parse_blocks(md);
        let mut c = paragraph_candidates(&blocks[0], 0);
        assert_eq!(c.len(), 1, "{c:?}");
        c.remove(0)
    }

    fn none(md: &str) {
        let blocks = parse_blocks(md);
        assert!(paragraph_candidates(&blocks[0], 0).is_empty(), "{md}");
    }

    #[test]
    fn ordinal_talk_by_with_bold_title() {
        let c = one("The *second* talk was given by Meera Iyer of Acme on **Tries in Practice**. It was fun.");
        assert_eq!(c.title.as_deref(), Some("Tries in Practice"));
        assert_eq!(c.speakers, vec!["Meera Iyer"]);
        assert_eq!(c.kind, Kind::Talk);
    }

    #[test]
    fn presented_by_and_he_spoke_about() {
        let c = one("The *third* session was presented by Ravi and he spoke about **Import Hooks** in depth.");
        assert_eq!(c.title.as_deref(), Some("Import Hooks"));
        assert_eq!(c.speakers, vec!["Ravi"]);
    }

    #[test]
    fn title_between_was_and_by_with_two_speakers() {
        let c = one("Second talk was Scaling Build Farms with Python by Lata Rao and Omar Said. Great.");
        assert_eq!(c.title.as_deref(), Some("Scaling Build Farms with Python"));
        assert_eq!(c.speakers, vec!["Lata Rao", "Omar Said"]);
    }

    #[test]
    fn subject_verb_about_phrase() {
        let c = one(
            "Next Priya Menon gave a short but sharp talk about Typed Pipelines in Python , where she showed mypy.",
        );
        assert_eq!(c.title.as_deref(), Some("Typed Pipelines in Python"));
        assert_eq!(c.speakers, vec!["Priya Menon"]);
    }

    #[test]
    fn linked_speaker_and_talk_on() {
        let c = one(
            "Next up was [Joel Dsouza][] with his talk on using Redis from Celery. It was long.\n\n[Joel Dsouza]: https://twitter.com/joel\n",
        );
        assert_eq!(c.title.as_deref(), Some("using Redis from Celery"));
        assert_eq!(c.speakers, vec!["Joel Dsouza"]);
    }

    #[test]
    fn lightning_talk_kind_and_link_title() {
        let c = one(
            "There was one lightning talk by [Kiran][] about [pyparsing][] tricks.\n\n[Kiran]: https://kiran.example.org\n[pyparsing]: https://pypi.org/project/pyparsing\n",
        );
        assert_eq!(c.kind, Kind::Lightning);
        assert_eq!(c.speakers, vec!["Kiran"]);
        assert_eq!(c.title.as_deref(), Some("pyparsing"));
    }

    #[test]
    fn comma_after_the_name() {
        let c = one("The second talk was by Bibhas, quick introduction to AWS Lambda using Python. AWS is big.");
        assert_eq!(c.title.as_deref(), Some("introduction to AWS Lambda using Python"));
    }

    #[test]
    fn pronoun_sentence_completes_the_title() {
        let c = one("Anand B gave the closing talk of the day. He spoke about Concurrency in Python 3. Then lunch.");
        assert_eq!(c.speakers, vec!["Anand B"]);
        assert_eq!(c.title.as_deref(), Some("Concurrency in Python 3"));
    }

    #[test]
    fn possessive_linked_speaker() {
        let c = one(
            "The sessions kicked off with [Kracekumar][]'s introduction to iPython. He started well.\n\n[Kracekumar]: https://twitter.com/k\n",
        );
        assert_eq!(c.speakers, vec!["Kracekumar"]);
        assert_eq!(c.title.as_deref(), Some("introduction to iPython"));
    }

    #[test]
    fn sentences_without_a_presenter_or_a_session_give_nothing() {
        none("Thanks to the speakers and to Acme for hosting the event.");
        none("In case you are interested to give a talk, please leave a comment.");
        none("The venue was the Acme office in Koramangala.");
        none("Rahul showed us how the iterator protocol works.");
    }
}
