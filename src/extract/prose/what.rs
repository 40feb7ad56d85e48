//! What was presented: the title a sentence gives its session (a marked-up stretch, link text,
//! the words between the session noun and "by", or the phrase after a cue), and whether a
//! phrase can be a title at all.

use std::ops::Range;

use super::super::blocks::{Block, Style};
use super::super::links;
use super::super::text::{leading_phrase, marks_in, quoted_in, strip_leading_fillers, tidy_title};
use super::{LINK_WORDS, ORDINALS, TALK_NOUNS, non_empty, word_positions};

/// Words after which a marked stretch is part of a longer phrase, not the title: "a talk on
/// making slides using "Jupyter"" is about making slides.
const INSIDE_A_PHRASE: &[&str] = &["using", "with", "in", "for", "via", "of", "into", "from", "like"];

/// The first bold, italic, code or quoted stretch in `range` that is not the speaker, not an
/// ordinal ("the *third* talk") and not a word inside a longer phrase.
pub(super) fn title_from_marks(block: &Block, range: &Range<usize>, speaker: &[Range<usize>]) -> Option<String> {
    let overlaps = |r: &Range<usize>| speaker.iter().any(|s| r.start < s.end && s.start < r.end);
    let inside_a_phrase = |r: &Range<usize>| {
        let before = block.text[range.start..r.start].trim_end_matches(['"', '“', '‘', '\'', ' ']);
        let mut words = before.rsplit(' ');
        let last = words.next().unwrap_or("").to_ascii_lowercase();
        // "on the state of **Rust**": the phrase started before the linking word.
        let phrase_before = words.next().is_some_and(|w| {
            ![
                "on", "about", "titled", "called", "named", "entitled", "talk", "session",
            ]
            .contains(&w.to_ascii_lowercase().as_str())
        });
        INSIDE_A_PHRASE.contains(&last.as_str()) && phrase_before
    };
    let mut spans: Vec<Range<usize>> = marks_in(block, range)
        .into_iter()
        .filter(|(_, style)| matches!(style, Style::Strong | Style::Emphasis | Style::Code))
        .map(|(r, _)| r)
        .collect();
    spans.extend(quoted_in(&block.text, range));
    spans.sort_by_key(|r| r.start);
    // A stretch joined to one inside a phrase ("using "Jupyter" aka "IPython"") is in it too.
    let mut inside_until: Option<usize> = None;
    spans
        .into_iter()
        .filter(|r| {
            let joined = inside_until.is_some_and(|end| {
                block.text.get(end..r.start).is_some_and(|gap| {
                    gap.split(|c: char| !c.is_alphanumeric())
                        .all(|w| ["", "aka", "or", "and"].contains(&w))
                })
            });
            if joined || inside_a_phrase(r) {
                inside_until = Some(r.end);
                return false;
            }
            !overlaps(r)
        })
        .map(|r| tidy_title(&block.text[r]))
        .find(|t| {
            let low = t.to_lowercase();
            t.chars().filter(|c| c.is_alphanumeric()).count() >= 2
                && !ORDINALS.contains(&low.as_str())
                && !low.starts_with("youtube video")
        })
}

/// Link text in `range` that could be a title: not a name, not "here", not a profile.
pub(super) fn title_from_links(block: &Block, range: &Range<usize>, speaker: &[Range<usize>]) -> Option<String> {
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
pub(super) fn title_after_cue(s: &str, from: usize) -> Option<String> {
    let low = s.to_ascii_lowercase();
    let cues = [" about ", " on ", " titled ", " called ", " entitled ", ": ", ", "];
    let mut found: Vec<(usize, &str)> = cues
        .iter()
        .filter_map(|c| low[from..].find(c).map(|i| (from + i, *c)))
        .collect();
    found.sort_unstable();
    // The earliest cue that reads; a comma that does not may come before one that does ("a
    // look at Groovy, or as he called it, X").
    for (at, cue) in found {
        let rest = &s[at + cue.len()..];
        // A comma cue only counts right after the name ("by Bibhas, quick introduction to
        // ..."), and not when a new clause starts there ("by Siva, the session started ..."):
        // what follows such a clause is not about the name any more.
        if cue == ", " {
            let new_clause = ["the ", "he ", "she ", "they ", "we ", "it ", "this ", "and "]
                .iter()
                .any(|w| rest.to_ascii_lowercase().starts_with(w));
            if at <= from + 2 && new_clause {
                return None;
            }
            if at > from + 2 || new_clause {
                continue;
            }
        }
        if let Some(title) = non_empty(tidy_title(leading_phrase(strip_leading_fillers(rest)))) {
            return Some(title);
        }
    }
    None
}

/// "First talk was TITLE by NAME", "The first talk [TITLE](...) by NAME": the words between the
/// session noun and "by".
pub(super) fn title_before_by(s: &str, low: &str, by: usize) -> Option<String> {
    let noun_end = TALK_NOUNS
        .iter()
        .flat_map(|n| word_positions(&low[..by], n).into_iter().map(move |at| at + n.len()))
        .max()?;
    let gap_low = low[noun_end..by].trim();
    let gap_low = gap_low
        .strip_prefix("was ")
        .or_else(|| gap_low.strip_prefix("is "))
        .unwrap_or(gap_low);
    const PASSIVE: &[&str] = &[
        "presented", "given", "delivered", "conducted", "facilitated", "taken", "led", "moderated", "was", "were",
        "is", "being", "done", "held", "anchored",
    ];
    if gap_low.is_empty() || PASSIVE.contains(&gap_low) {
        return named_session(s, noun_end);
    }
    let first = gap_low.split_whitespace().next()?;
    let last = gap_low.split_whitespace().next_back()?.trim_end_matches(',');
    if PASSIVE.contains(&last)
        || ["which", "that", "who", "where", "when", "was", "were", "and", "but"].contains(&first)
        || gap_low.split_whitespace().count() > 20
    {
        return None;
    }
    // The same bytes of `s` (`low` is its ASCII-lowered copy, byte for byte).
    let gap_at = gap_low.as_ptr() as usize - low.as_ptr() as usize;
    let gap = s.get(gap_at..gap_at + gap_low.len())?;
    non_empty(tidy_title(strip_leading_fillers(gap.trim())))
}

/// "was a Data Science Workshop conducted by": capitalised words right before the session
/// noun (ending at byte `noun_end`) name it.
pub(super) fn named_session(s: &str, noun_end: usize) -> Option<String> {
    let head = &s[..noun_end];
    let words: Vec<&str> = head.split(' ').collect();
    let noun = words.last()?;
    let mut start = words.len() - 1;
    while start > 0 && words[start - 1].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
        start -= 1;
    }
    let qualifiers = &words[start..words.len() - 1];
    let kind_words = [
        "lightning", "flash", "short", "long", "main", "first", "last", "next", "the", "a",
    ];
    let article = start > 0 && ["a", "an", "the"].contains(&words[start - 1].to_lowercase().as_str());
    if qualifiers.is_empty()
        || !article
        || qualifiers
            .iter()
            .all(|q| kind_words.contains(&q.to_lowercase().as_str()))
    {
        return None;
    }
    non_empty(format!("{} {noun}", qualifiers.join(" ")))
}

/// The phrase right after a session noun: "talk about X", "session on X", "the talk, X",
/// "session how to X". Stops where the speaker's name starts.
pub(super) fn title_after_noun(s: &str, low: &str, speaker: &Range<usize>) -> Option<String> {
    let mut ends: Vec<usize> = TALK_NOUNS
        .iter()
        .flat_map(|n| word_positions(low, n).into_iter().map(move |at| at + n.len()))
        .filter(|&end| end <= speaker.start || end >= speaker.end)
        .collect();
    ends.sort_unstable();
    ends.into_iter().find_map(|end| {
        let rest_low = &low[end..];
        let skip = [
            " about ", " on ", " titled ", " called ", " entitled ", " into ", " in to ", ": ",
        ]
        .iter()
        .find(|c| rest_low.starts_with(**c))
        .map(|c| c.len())
        .or_else(|| {
            let comma = rest_low.starts_with(", ")
                && s[end + 2..].starts_with(char::is_uppercase)
                && ["the", "a", "his", "her", "their"]
                    .iter()
                    .any(|d| low[..end].trim_end().rsplit(' ').nth(1) == Some(d));
            comma.then_some(2)
        })
        .or_else(|| {
            ["how ", "what ", "why "]
                .iter()
                .any(|w| rest_low.strip_prefix(' ').is_some_and(|r| r.starts_with(w)))
                .then_some(1)
        })?;
        let from = end + skip;
        let until = if speaker.start >= from { speaker.start } else { s.len() };
        let mut phrase = s[from..until].trim_end();
        phrase = phrase.strip_suffix(" by").unwrap_or(phrase);
        // "The workshop on X was hosted by ...": the noun phrase was the subject.
        if let Some(verb) = [" was ", " were ", " is "].iter().filter_map(|v| phrase.find(v)).min() {
            phrase = &phrase[..verb];
        }
        non_empty(tidy_title(leading_phrase(strip_leading_fillers(phrase))))
    })
}

/// Whether a phrase can be a talk title: not the speaker, not a relative clause ("where they
/// ..."), not a bare URL or a word like "here".
pub(super) fn plausible_title(title: &str, speakers: &[String]) -> bool {
    let low = title.to_lowercase();
    let first = low.split_whitespace().next().unwrap_or("");
    !speakers.iter().any(|n| n.eq_ignore_ascii_case(title))
        && !["where", "when", "which", "who", "whom", "whose", "while", "whether"].contains(&first)
        && !low.starts_with("http")
        && !low.starts_with("www.")
        && !LINK_WORDS.contains(&low.as_str())
}
