//! Sessions given as a heading and labelled fields: "## Talk 2: Async IO" then "**Speaker:**
//! Ann Lee", "### 1. Session by Ann" then "**Topic:** Async IO", "## Async IO" then "###
//! Speaker: Ann Lee", a heading per talk with `Speaker:` / `Description:` list items, or a
//! "Lightning talk #2 by Ann" heading whose text says what it was about.
//!
//! A field belongs to the heading above it; its label says what it holds. Fields are read here
//! and nowhere else: a bold "Speaker" label is never a talk's title.

use std::ops::Range;

use super::blocks::{Block, BlockKind, Style};
use super::names::{clean_name, looks_like_name, looks_like_person, split_names};
use super::prose::NOT_PRESENTING_BY;
use super::text::{capitalise, leading_phrase, sentences, tidy_title};
use super::{Candidate, Confidence, Source, agenda, is_section_heading, kind_of, lead};

/// What a field's label says its value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    /// Who presented: "Speaker", "Presenters", "Facilitator".
    Speakers,
    /// What the session was called: "Topic", "Title".
    Title,
    /// Anything else a talk's entry lists: "Description", "Slides", "Level".
    Other,
}

const SPEAKER_LABELS: &[&str] = &[
    "speaker", "speakers", "speaker(s)", "presenter", "presenters", "presented by", "instructor", "instructors",
    "facilitator", "facilitators", "trainer", "trainers", "mentor", "mentors", "speaker name", "by",
];
const TITLE_LABELS: &[&str] = &["topic", "title", "talk title", "talk", "session title", "subject"];
const OTHER_LABELS: &[&str] = &[
    "description", "abstract", "summary", "bio", "about", "about the speaker", "references", "resources", "slides",
    "video", "videos", "recording", "level", "duration", "time", "date", "audience", "prerequisites", "links", "code",
    "repo", "repository", "notes", "details", "key points", "takeaways",
];

/// The field a block holds, if it opens with a known label and a colon: its label and the
/// byte range of its value in the block's text.
pub(crate) fn field_of(block: &Block) -> Option<(Label, Range<usize>)> {
    let text = &block.text;
    let colon = text
        .get(..40.min(text.len()))
        .and_then(|head| head.find(':'))
        .or_else(|| {
            // The 40-byte window may cut a character; fall back to a plain search.
            text.find(':').filter(|&c| c < 40)
        })?;
    let label = text[..colon].trim().trim_matches('*').trim().to_lowercase();
    let kind = if SPEAKER_LABELS.contains(&label.as_str()) {
        Label::Speakers
    } else if TITLE_LABELS.contains(&label.as_str()) {
        Label::Title
    } else if OTHER_LABELS.contains(&label.as_str()) {
        Label::Other
    } else {
        return None;
    };
    let value_start = colon + 1 + (text[colon + 1..].len() - text[colon + 1..].trim_start().len());
    Some((kind, value_start..text.len()))
}

/// The people a `Speaker:` field names: names or handles, without affiliations and contact
/// links ("Ann Lee ([Twitter](...))", "Dr. Ann Lee, Acme").
fn field_speakers(block: &Block, value: &Range<usize>) -> Vec<String> {
    let raw = &block.text[value.clone()];
    let cut = raw.find(['(', '|']).unwrap_or(raw.len());
    split_names(raw[..cut].trim().trim_end_matches(['.', ',', ';']))
        .into_iter()
        .map(|n| clean_name(&n))
        .filter(|n| looks_like_person(n))
        .collect()
}

/// The title a heading states, without the labels around it ("Talk 2: Async IO" → "Async IO",
/// "1. Session by Ann" → none), and the speakers it names after "by".
fn heading_parts(text: &str) -> (Option<String>, Vec<String>) {
    let mut rest = text.trim();
    let mut speakers = Vec::new();
    if let Some(at) = rest.rfind(" by ") {
        let names = split_names(rest[at + 4..].trim_end_matches(['.', ',']));
        let previous = rest[..at].split_whitespace().next_back().unwrap_or("").to_lowercase();
        if !names.is_empty()
            && names.iter().all(|n| looks_like_person(n))
            && !NOT_PRESENTING_BY.contains(&previous.as_str())
        {
            speakers = names;
            rest = &rest[..at];
        }
    }
    // A leading enumerator ("1.", "#2") and a session label before a colon or alone.
    let without_number = rest
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '#')
        .trim_start_matches(['.', ')'])
        .trim_start();
    let title = match without_number.split_once(':') {
        Some((head, tail)) if agenda::is_session_label(head) => tail.trim(),
        _ if agenda::is_session_label(without_number) => "",
        _ => without_number,
    };
    let title = tidy_title(title);
    let title = (title.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        && !is_section_heading(&title)
        && !agenda::is_housekeeping(&title))
    .then_some(title);
    if title.is_none() && agenda::is_housekeeping(rest) {
        speakers.clear();
    }
    (title, speakers)
}

/// Verbs a note about a talk opens with, the presenter left unsaid ("Showed two tricks ...").
const OPENING_VERBS: &[&str] = &[
    "showed", "shared", "spoke", "talked", "presented", "explained", "discussed", "demonstrated", "demoed", "gave",
    "introduced", "covered", "recommended", "described", "walked", "taught", "told",
];

/// A title from the first words of a section that names none: a bold stretch in its first
/// block, else its first sentence without an opening verb ("Shared a library called X" → "a
/// library called X" → "library called X").
fn title_from_text(blocks: &[Block], section: Range<usize>) -> Option<String> {
    let first = blocks[section]
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Item { .. }) && !b.is_blank())?;
    if let Some(m) = first.marks.iter().find(|m| m.style == Style::Strong) {
        let t = tidy_title(&first.text[m.range.clone()]);
        if t.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
            return Some(t);
        }
    }
    let sentence = sentences(first).into_iter().next()?;
    let s = &first.text[sentence];
    let mut words = s.split_whitespace();
    let opening = words.next()?.to_lowercase();
    let body = if OPENING_VERBS.contains(&opening.as_str()) {
        let rest = &s[s.find(' ')? + 1..];
        let low = rest.to_ascii_lowercase();
        ["about ", "on ", "us "]
            .iter()
            .find(|p| low.starts_with(**p))
            .map_or(rest, |p| &rest[p.len()..])
    } else {
        s
    };
    let t = tidy_title(leading_phrase(body));
    (t.split_whitespace().count() <= 14 && t.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
        .then(|| capitalise(&t))
}

/// A heading that is a presenter's name, under a heading about talks ("## Lightning talks",
/// "### Ann Lee"), with what its text says the talk was about: "Ann Lee shared a tool called
/// X" or a note that opens with the verb ("- Spoke about **precise clocks**").
fn person_heading(blocks: &[Block], h: usize) -> Option<(String, String)> {
    let BlockKind::Heading(level) = blocks[h].kind else {
        return None;
    };
    let name = blocks[h].text.trim();
    if !looks_like_name(name) || name.split_whitespace().count() > 3 {
        return None;
    }
    let parent = blocks[..h]
        .iter()
        .rev()
        .find(|b| matches!(b.kind, BlockKind::Heading(l) if l < level))?;
    if !lead::speaks_of_talks(&parent.text) {
        return None;
    }
    let sec = section(blocks, h);
    let first = blocks[sec.clone()]
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Item { .. }) && !b.is_blank())?;
    let sentence = sentences(first).into_iter().next()?;
    let s = &first.text[sentence.clone()];
    // "Ann Lee shared ...": the same person, then a verb.
    if let Some(rest) = s.strip_prefix(name).or_else(|| s.strip_prefix(name.split(' ').next()?))
        && rest.starts_with(' ')
    {
        let verb_at = sentence.start + s.len() - rest.len() + 1;
        if lead::presenting_verb(first, verb_at) {
            return lead::object_title(first, verb_at, sentence.end).map(|t| (clean_name(name), t));
        }
        return None;
    }
    // "Spoke about precise clocks", "Demo on X": a note with the presenter left unsaid.
    let opening = s.split(' ').next()?.to_lowercase();
    if OPENING_VERBS.contains(&opening.as_str()) || opening == "demo" {
        return title_from_text(blocks, sec).map(|t| (clean_name(name), t));
    }
    None
}

/// The blocks under heading `h`: up to the next heading of the same or a higher level.
fn section(blocks: &[Block], h: usize) -> Range<usize> {
    let BlockKind::Heading(level) = blocks[h].kind else {
        return h + 1..h + 1;
    };
    let end = blocks[h + 1..]
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Heading(l) if l <= level))
        .map_or(blocks.len(), |p| h + 1 + p);
    h + 1..end
}

/// Sessions read from headings and their fields, and the blocks those fields take (which no
/// other reader should read as prose).
pub(crate) fn heading_sessions(blocks: &[Block]) -> (Vec<Candidate>, Vec<usize>) {
    let mut out: Vec<Candidate> = Vec::new();
    let mut fields_taken = Vec::new();
    let is_field_heading = |b: &Block| matches!(b.kind, BlockKind::Heading(_)) && field_of(b).is_some();
    for (h, head) in blocks.iter().enumerate() {
        if !matches!(head.kind, BlockKind::Heading(_)) {
            continue;
        }
        if is_field_heading(head) {
            continue;
        }
        let (stated, mut speakers) = heading_parts(&head.text);
        let sec = section(blocks, h);
        // The fields that are this heading's own: up to the first sub-heading that is not a
        // field (a talk of its own, or a part of this one's notes).
        let mut own: Vec<(usize, Label, Range<usize>)> = Vec::new();
        for i in sec.clone() {
            let b = &blocks[i];
            let field = field_of(b);
            if matches!(b.kind, BlockKind::Heading(_)) && field.is_none() {
                break;
            }
            if let Some((label, value)) = field {
                if label == Label::Speakers {
                    for n in field_speakers(b, &value) {
                        if !speakers.contains(&n) {
                            speakers.push(n);
                        }
                    }
                }
                own.push((i, label, value));
            }
        }
        let mut named_title = None;
        if speakers.is_empty()
            && let Some((name, title)) = person_heading(blocks, h)
        {
            speakers.push(name);
            named_title = Some(title);
        }
        if speakers.is_empty() {
            continue;
        }
        let title_field = own
            .iter()
            .filter(|(_, label, _)| *label == Label::Title)
            .map(|(i, _, value)| tidy_title(&blocks[*i].text[value.clone()]))
            .find(|t| t.chars().any(char::is_alphanumeric));
        let title = title_field.or(named_title).or(stated).or_else(|| {
            // "Lightning talk #2 by Ann": the heading names the speaker, its text the subject.
            let first_sub = sec
                .clone()
                .find(|&i| matches!(blocks[i].kind, BlockKind::Heading(_)))
                .unwrap_or(sec.end);
            title_from_text(blocks, sec.start..first_sub)
        });
        let Some(title) = title else { continue };
        fields_taken.extend(own.iter().map(|(i, ..)| *i));
        out.push(Candidate {
            title: Some(title),
            speakers,
            kind: kind_of(&head.text.to_lowercase()),
            block: h,
            at: 0,
            source: Source::Heading,
            confidence: Confidence::Stated,
        });
    }
    (out, fields_taken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::parse_blocks;

    fn sessions(md: &str) -> Vec<(String, Vec<String>)> {
        let blocks = parse_blocks(md);
        heading_sessions(&blocks)
            .0
            .into_iter()
            .map(|c| (c.title.unwrap_or_default(), c.speakers))
            .collect()
    }

    fn s(title: &str, speakers: &[&str]) -> (String, Vec<String>) {
        (title.to_string(), speakers.iter().map(|x| x.to_string()).collect())
    }

    #[test]
    fn labelled_fields_under_a_heading() {
        let md = "## Talk 1: Parsing dates without tears\n\n**Speaker:** Dr. Ida Lund\n\n- Went through time zones.\n\n\
                  ## Talk 2: Small web servers\n\n**Speaker:** Tom Berg ([Twitter](https://twitter.com/tom))\n";
        assert_eq!(
            sessions(md),
            vec![
                s("Parsing dates without tears", &["Ida Lund"]),
                s("Small web servers", &["Tom Berg"])
            ]
        );
    }

    #[test]
    fn speaker_as_a_sub_heading_and_topic_as_a_field() {
        let md = "## Building desktop apps\n### Speaker: Ana Kim\nNotes.\n### Widgets\n- Buttons.\n\n\
                  ## Schedule\n\n### 1. Session by Ola Berg\n**Topic:** Queues in practice\n\n- Covered retries.\n";
        assert_eq!(
            sessions(md),
            vec![
                s("Building desktop apps", &["Ana Kim"]),
                s("Queues in practice", &["Ola Berg"])
            ]
        );
    }

    #[test]
    fn a_speaker_heading_takes_its_title_from_the_text() {
        let md = "### Lightning talk #1 by Ravi\nShared a tool called jqlite for querying logs.\n\n\
                  ### Lightning talk #2 by Mina\nTips for keeping a terminal tidy. Use tmux.\n\n\
                  ### Thanks\nThe venue was great.\n";
        assert_eq!(
            sessions(md),
            vec![
                s("Tool called jqlite for querying logs", &["Ravi"]),
                s("Tips for keeping a terminal tidy", &["Mina"])
            ]
        );
    }

    #[test]
    fn a_presenters_name_as_a_heading_under_lightning_talks() {
        let md = "## Lightning talks\n\n### Ravi Rao\n\nRavi Rao shared a tool called jqlite for querying logs.\n\n\
                  ### Mina\n\n- Spoke about **clock drift** in sensors\n- Showed a demo\n\n\
                  ## Hosts\n\n### Acme Labs\n\nAcme Labs provided the room.\n";
        assert_eq!(
            sessions(md),
            vec![
                s("Tool called jqlite for querying logs", &["Ravi Rao"]),
                s("clock drift", &["Mina"])
            ]
        );
    }

    #[test]
    fn list_fields_of_a_heading_per_talk() {
        let md = "## The life of a request\n  * **Speaker**: Ana Kim\n  * **Description**: Ana traced a request.\n  \
                  * **References**:\n    * [Slides](https://example.org/s.pdf)\n";
        let blocks = parse_blocks(md);
        let (c, taken) = heading_sessions(&blocks);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].title.as_deref(), Some("The life of a request"));
        assert_eq!(taken.len(), 3, "the three labelled items are fields: {taken:?}");
    }

    #[test]
    fn headings_without_a_presenter_are_not_read_here() {
        assert!(sessions("## Venue\n\nAcme hall.\n\n## Agenda\n\n**Time:** 6 pm\n").is_empty());
        assert!(sessions("### Coffee and networking by Acme Labs\n\nThanks!\n").is_empty());
        assert!(sessions("### Notes compiled by Ana Kim\n\nThanks!\n").is_empty());
    }
}
