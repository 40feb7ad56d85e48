//! Titles the text only implies. Workshop reports rarely spell out a title: "[Kracekumar][]
//! facilitated the workshop. ... The content was about web development with Django." The
//! presenter is found by the prose reader; the title comes from, in order, a sentence that says
//! what the session was about, a "beginner level Python workshop" phrase, or the post's own
//! title when the whole post is about one session ("Robot Framework Workshop – April 2016").

use std::ops::Range;

use super::blocks::{Block, BlockKind};
use super::text::{capitalise, leading_phrase, sentences, tidy_title};
use super::{Candidate, Confidence, Source, retain_indexed, same_speaker, same_title};
use crate::talk::Kind;

/// Nouns that, as a subject, say what a session was about.
const SUBJECTS: &[&str] = &[
    "workshop", "session", "talk", "tutorial", "content", "meetup", "topic", "theme",
];

/// What follows a subject to introduce the topic. The flag keeps the cue in the title
/// ("an introduction to X" → "Introduction to X").
const TOPIC_CUES: &[(&str, bool)] = &[
    (" was focused on ", false),
    (" was focussed on ", false),
    (" is focused on ", false),
    (" is focussed on ", false),
    (" focused on ", false),
    (" focussed on ", false),
    (" was all about ", false),
    (" was about ", false),
    (" is about ", false),
    (" was an introduction to ", true),
    (" was a introduction to ", true),
    (" was introduction to ", true),
    (" is an introduction to ", true),
    (" covering ", false),
    (" titled, ", false),
    (" titled ", false),
    (" entitled ", false),
    (" called ", false),
    (" on ", false),
];

/// Words before "workshop" that describe its length or format, not its subject.
const FORMAT_WORDS: &[&str] = &[
    "full-day", "half-day", "day", "one-day", "two-day", "long", "short", "small", "big", "free", "hands-on", "first",
    "second", "monthly", "next", "last", "same", "whole", "entire", "online", "offline", "weekend", "morning",
    "afternoon", "evening", "beginner", "beginners", "level",
];

pub(crate) const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Words that end the walk back from "workshop": articles, prepositions, verbs.
const PHRASE_STOPS: &[&str] = &[
    "a", "an", "the", "this", "that", "our", "their", "his", "her", "its", "on", "in", "at", "of", "for", "to", "with",
    "by", "from", "and", "or", "was", "is", "are", "had", "have", "has", "were", "be", "been", "as", "into", "will",
    "can", "do", "does", "did", "would", "could", "should", "every", "each", "any", "next", "which", "about", "after",
    "before", "during", "form", "conduct", "conducted", "organized", "organised", "held",
];

/// Words of a post title that date or label the post rather than name a session.
const GENERIC_TITLE_WORDS: &[&str] = &[
    "meetup", "meetups", "report", "recap", "talks", "talk", "session", "sessions", "event", "monthly", "edition",
    "the", "a", "an", "of", "our", "and", "videos", "video", "photos", "pics", "writeup", "write-up", "summary",
    "notes", "minutes", "update", "updates", "announcement", "workshop", "workshops", "meeting", "day", "in", "at",
    "for",
];

/// The title a sentence in `blocks[range]` gives by saying what a session was about.
pub(crate) fn topic_in(blocks: &[Block], range: Range<usize>) -> Option<String> {
    prose_blocks(blocks, range).find_map(|b| {
        sentences(b).into_iter().find_map(|r| {
            let s = &b.text[r];
            let low = s.to_ascii_lowercase();
            SUBJECTS.iter().find_map(|subject| topic_after(s, &low, subject))
        })
    })
}

fn topic_after(s: &str, low: &str, subject: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = low[from..].find(subject) {
        let start = from + at;
        let end = start + subject.len();
        from = end;
        let whole = (start == 0 || !low.as_bytes()[start - 1].is_ascii_alphanumeric())
            && low.as_bytes().get(end).is_none_or(|c| !c.is_ascii_alphanumeric());
        if !whole {
            continue;
        }
        for (cue, keep) in TOPIC_CUES {
            if !low[end..].starts_with(cue) {
                continue;
            }
            let rest = &s[end + cue.len()..];
            let phrase = tidy_title(leading_phrase(rest.trim_start_matches(['\'', '‘', '"', '“'])));
            let phrase = cut_at_verb(&phrase);
            if !is_topic(phrase) {
                continue;
            }
            let title = if *keep {
                format!("introduction to {phrase}")
            } else {
                phrase.to_string()
            };
            return Some(capitalise(&title));
        }
    }
    None
}

/// "Algorithms implemented in Python was hosted ...": a clause verb ends the topic.
fn cut_at_verb(phrase: &str) -> &str {
    let low = phrase.to_ascii_lowercase();
    [" was ", " were ", " is ", " and this ", " and it "]
        .iter()
        .filter_map(|v| low.find(v))
        .min()
        .map_or(phrase, |at| phrase[..at].trim_end())
}

/// A topic has letters first and is not a date, a time or a pronoun.
fn is_topic(phrase: &str) -> bool {
    let low = phrase.to_ascii_lowercase();
    let first = low.split_whitespace().next().unwrap_or("");
    phrase.chars().next().is_some_and(char::is_alphabetic)
        && phrase.chars().filter(|c| c.is_alphanumeric()).count() >= 3
        && !MONTHS.contains(&first)
        && ![
            "saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "it", "this", "that",
            "which", "following",
        ]
        .contains(&first)
        && phrase.split_whitespace().count() <= 16
}

/// A "beginner level Python workshop" phrase in `blocks[range]`: the words that qualify
/// "workshop", when at least one of them says what it is about.
pub(crate) fn workshop_phrase_in(blocks: &[Block], range: Range<usize>) -> Option<String> {
    prose_blocks(blocks, range).find_map(|b| {
        let words: Vec<&str> = b.text.split_whitespace().collect();
        words.iter().enumerate().find_map(|(i, w)| {
            let bare = w.trim_end_matches([',', '.', ';', ':', ')']).to_lowercase();
            if bare != "workshop" && bare != "tutorial" {
                return None;
            }
            let mut start = i;
            while start > 0 && i - start < 6 {
                let prev = words[start - 1];
                let low = prev.to_lowercase();
                let ends_clause = prev.ends_with([',', '.', ';', ':', ')', '(']);
                let possessive = low.ends_with("'s") || low.ends_with("’s") || low.ends_with("s'");
                if PHRASE_STOPS.contains(&low.as_str()) || ends_clause || possessive {
                    break;
                }
                start -= 1;
            }
            let qualifiers: Vec<String> = words[start..i].iter().map(|q| q.to_lowercase()).collect();
            let about = qualifiers
                .iter()
                .filter(|q| !FORMAT_WORDS.contains(&q.as_str()))
                .count();
            // "beginner level Python workshop" says what it is; "full-day workshop" does not,
            // and "the May Acme workshop" names an event.
            let dated = qualifiers.iter().any(|q| MONTHS.contains(&q.as_str()));
            (about >= 1 && !dated).then(|| {
                let phrase = words[start..=i].join(" ");
                capitalise(phrase.trim_end_matches([',', '.', ';', ':', ')']))
            })
        })
    })
}

/// The part of a post's title that names a session: "Robot Framework Workshop – April 2016" →
/// "Robot Framework Workshop". `None` when the title only dates the post ("May 2014 Meetup
/// report").
pub(crate) fn from_post_title(title: &str) -> Option<String> {
    title
        .split([':', '|', ','])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" – "))
        .flat_map(|p| p.split(" — "))
        .map(str::trim)
        .map(|seg| {
            let distinct = seg
                .split_whitespace()
                .filter(|w| {
                    let low = w.to_lowercase();
                    !GENERIC_TITLE_WORDS.contains(&low.as_str())
                        && !MONTHS.contains(&low.as_str())
                        && !w.chars().any(|c| c.is_ascii_digit())
                })
                .count();
            (distinct, seg)
        })
        .filter(|(distinct, _)| *distinct >= 2)
        .max_by_key(|(distinct, _)| *distinct)
        .map(|(_, seg)| tidy_title(seg))
}

fn prose_blocks(blocks: &[Block], range: Range<usize>) -> impl Iterator<Item = &Block> {
    blocks[range.start.min(blocks.len())..range.end.min(blocks.len())]
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Item { .. }))
}

/// The blocks of the section around block `i`: from after the heading before it to the next
/// heading.
fn section_of(blocks: &[Block], i: usize) -> Range<usize> {
    let is_heading = |b: &Block| matches!(b.kind, BlockKind::Heading(_));
    let start = blocks[..i].iter().rposition(is_heading).map_or(0, |h| h + 1);
    let end = blocks[i..].iter().position(is_heading).map_or(blocks.len(), |h| i + h);
    start..end
}

/// Gives a title to each prose proposal that names a presenter and a session but no title,
/// and folds proposals that turn out to be the same session into one (their speakers
/// joined). A proposal whose speaker already has a titled session is a second mention of it
/// and is left alone (and later dropped).
pub(crate) fn imply_titles(blocks: &[Block], cands: &mut Vec<Candidate>, post_title: &str) {
    let titled: Vec<Vec<String>> = cands
        .iter()
        .filter(|c| c.title.is_some())
        .map(|c| c.speakers.clone())
        .collect();
    let whole_post = titled.is_empty();
    let mut removed = vec![false; cands.len()];
    for i in 0..cands.len() {
        let c = &cands[i];
        if c.title.is_some() || c.confidence == Confidence::Mention || c.source != Source::Prose {
            continue;
        }
        if titled.iter().any(|speakers| same_speaker(speakers, &c.speakers)) {
            continue;
        }
        let section = section_of(blocks, c.block);
        let everywhere = 0..blocks.len();
        let mut title = topic_in(blocks, section.clone());
        if title.is_none() && whole_post {
            title = from_post_title(post_title);
        }
        if title.is_none() {
            title = workshop_phrase_in(blocks, section);
        }
        if title.is_none() && (whole_post || c.kind == Kind::Workshop) {
            title = workshop_phrase_in(blocks, everywhere.clone()).or_else(|| topic_in(blocks, everywhere));
        }
        let Some(title) = title else { continue };
        let earlier = (0..i).find(|&j| !removed[j] && cands[j].title.as_deref().is_some_and(|t| same_title(t, &title)));
        match earlier {
            Some(j) => {
                let more: Vec<String> = cands[i].speakers.clone();
                for name in more {
                    if !cands[j].speakers.contains(&name) {
                        cands[j].speakers.push(name);
                    }
                }
                removed[i] = true;
            }
            None => {
                if title.to_lowercase().contains("workshop") {
                    cands[i].kind = Kind::Workshop;
                }
                cands[i].title = Some(title);
            }
        }
    }
    retain_indexed(cands, |k| !removed[k]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::parse_blocks;

    fn topic(md: &str) -> Option<String> {
        let blocks = parse_blocks(md);
        topic_in(&blocks, 0..blocks.len())
    }

    #[test]
    fn sentences_that_say_what_a_session_was_about() {
        assert_eq!(
            topic("The workshop was focussed on writing fast tests with `pytest`. It went well."),
            Some("Writing fast tests with pytest".into())
        );
        assert_eq!(
            topic("The workshop was an introduction to geospatial analysis. The presenters were A and B."),
            Some("Introduction to geospatial analysis".into())
        );
        assert_eq!(
            topic("The content was about what goes into a template engine. It was for people who know Flask."),
            Some("What goes into a template engine".into())
        );
        assert_eq!(
            topic("It was a hands on workshop covering GraphQL with Django. 30 people came."),
            Some("GraphQL with Django".into())
        );
        assert_eq!(
            topic("We held a beginners' workshop on Sorting implemented in Python and this was fun."),
            Some("Sorting implemented in Python".into())
        );
        assert_eq!(
            topic("The workshop on 15/July/2017 started late. The session was interactive."),
            None
        );
    }

    #[test]
    fn workshop_phrases() {
        let blocks = parse_blocks("This time we had a beginner level Python workshop in the morning.");
        assert_eq!(
            workshop_phrase_in(&blocks, 0..1),
            Some("Beginner level Python workshop".into())
        );
        let blocks = parse_blocks("[Rust FFI workshop](https://meetup.example.org/e/1) at Acme. 30 people came.");
        assert_eq!(workshop_phrase_in(&blocks, 0..1), Some("Rust FFI workshop".into()));
        let blocks = parse_blocks("Then came the full-day workshop. Later the hands-on workshop.");
        assert_eq!(workshop_phrase_in(&blocks, 0..1), None);
    }

    #[test]
    fn post_titles_that_name_a_session() {
        assert_eq!(
            from_post_title("Robot Framework Workshop – April 2016"),
            Some("Robot Framework Workshop".into())
        );
        assert_eq!(
            from_post_title("Code Walkthrough - November 2018"),
            Some("Code Walkthrough".into())
        );
        assert_eq!(from_post_title("May 2014 Meetup report"), None);
        assert_eq!(from_post_title("Talks – Feb, 2017"), None);
        assert_eq!(from_post_title("The 100th Acme Meetup"), None);
    }
}
