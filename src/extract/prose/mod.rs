//! Talks told as prose: "The *third* talk was presented by Sasidhar and he spoke about **How
//! Import Works in Python**", "Next up was [Shoaib][] with his talk on Pycassa", "First talk was
//! Scaling Infrastructure by Bhupendra Singh".
//!
//! Each sentence is read on its own: who presented (after "by", or as the subject of a presenting
//! verb), and what (a bold, quoted or linked stretch, the words between "was" and "by", or the
//! phrase after "about"/"on"). [`who`] reads the presenter, [`what`] the title; this module
//! decides whether a sentence speaks of a session at all.

mod what;
mod who;

use what::{plausible_title, title_after_cue, title_after_noun, title_before_by, title_from_links, title_from_marks};
use who::{names_after_role, names_at, names_before};

use std::ops::Range;

use super::Candidate;
use super::blocks::{Block, Style};
use super::names::{clean_name, looks_like_name};
use super::text::{leading_phrase, named_thing, sentences, tidy_title};
use super::{Confidence, Source, kind_of};

/// Nouns that name a session.
const TALK_NOUNS: &[&str] = &[
    "talk", "talks", "session", "sessions", "workshop", "presentation", "tutorial", "keynote", "panel", "dive",
];

/// Verbs whose subject is the person presenting. The weaker ones ("started", "took") only count
/// in a sentence that also names a session ("Ankur started the workshop").
const STRONG_VERBS: &[&str] = &[
    "presented", "spoke", "talked", "delivered", "conducted", "facilitated", "gave", "give", "speak", "talk",
    "present", "presenting", "speaking", "talking", "took", "introduced", "demonstrated", "walked", "moderated",
    "started", "began", "continued", "came", "handled", "kicked", "demoing", "demoed", "demonstrating", "doing",
    "giving", "leading",
];

/// Verbs of someone in the audience: "Ann enjoyed a talk" says nothing of who gave it.
const LISTENING: &[&str] = &[
    "enjoyed", "liked", "loved", "watched", "heard", "missed", "recommended", "attended", "followed", "skipped",
    "reviewed", "recorded", "filmed", "streamed", "found", "mentioned", "linked", "shared",
];

/// The bare forms among [`STRONG_VERBS`], which are verbs only after a helper ("will give").
const BARE_VERBS: &[&str] = &["give", "speak", "talk", "present"];

/// Whether `before` ends with a helper verb that a bare verb form can follow.
fn after_auxiliary(before: &str) -> bool {
    let last = before.split_whitespace().next_back().unwrap_or("");
    [
        "will", "would", "could", "can", "to", "shall", "should", "might", "may", "must", "did", "also", "then", "and",
    ]
    .contains(&last)
        || before.trim_end().ends_with("'ll")
}

/// Words before "by" that make the one after it a host or an author, not a presenter.
pub(crate) const NOT_PRESENTING_BY: &[&str] = &[
    "hosted", "sponsored", "organized", "organised", "attended", "supported", "provided", "created", "written",
    "developed", "maintained", "built", "owned", "funded", "inspired", "used", "powered", "run", "managed",
    "scheduled", "compiled", "curated", "edited", "photographed", "posted", "captured", "sponsor", "sponsors",
    "brought", "catered", "offered", "donated",
];

/// People named by their role: "The presenters were A and B", "the speaker for the talk was X",
/// "The presenter [X] started".
const ROLES: &[&str] = &[
    "speaker", "speakers", "presenter", "presenters", "instructor", "instructors", "facilitator", "facilitators",
    "trainer", "trainers",
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
    named_thing(&s[verb_end..])
        .or_else(|| title_from_marks(block, &(range.start + verb_end..range.end), &[]))
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

/// Sentences of `block` that announce a session ("The second talk was on ...") but gave no
/// proposal in `found`: an author should hear that the presenter could not be read.
pub(crate) fn unread_sessions(block: &Block, found: &[Candidate]) -> Vec<String> {
    sentences(block)
        .into_iter()
        .filter(|r| !found.iter().any(|c| c.at == r.start))
        .filter_map(|r| {
            let s = &block.text[r];
            // Only a sentence opening with an ordinal can announce one: look at its first word
            // before cutting the whole sentence into words.
            let first = s
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty() && !w.eq_ignore_ascii_case("the"))
                .unwrap_or("");
            if !ORDINALS.iter().any(|o| first.eq_ignore_ascii_case(o)) {
                return None;
            }
            let low = s.to_ascii_lowercase();
            let words: Vec<&str> = low
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            // "The second talk ...", "Next session ...": the sentence opens with the session.
            let opening = if words.first() == Some(&"the") {
                &words[1..]
            } else {
                &words[..]
            };
            let announced = opening.len() >= 2
                && ORDINALS.contains(&opening[0])
                && ["talk", "session", "workshop", "presentation"].contains(&opening[1]);
            announced.then(|| {
                let mut short: String = s.chars().take(80).collect();
                if short.len() < s.len() {
                    short.push('…');
                }
                short
            })
        })
        .collect()
}

fn non_empty(s: String) -> Option<String> {
    (s.chars().filter(|c| c.is_alphanumeric()).count() >= 2).then_some(s)
}

/// The words of `low` (runs of ASCII letters and digits) with their byte offsets. Matching
/// words against these, rather than searching the text for each word, keeps extraction linear
/// in the text.
fn tokens(low: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = low.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        Some((start, &low[start..i]))
    })
}

/// Whole-word positions of `word` in `low`.
fn word_positions(low: &str, word: &str) -> Vec<usize> {
    tokens(low).filter(|(_, t)| *t == word).map(|(at, _)| at).collect()
}

/// "gave [Introduction][] about ...", "gave a short overview of ...": giving that is presenting.
fn gave_something(block: &Block, low: &str, base: usize) -> bool {
    word_positions(low, "gave").into_iter().any(|at| {
        let after = at + "gave ".len();
        let linked = block
            .marks
            .iter()
            .any(|m| m.range.start == base + after && matches!(m.style, Style::Link(_)));
        let object = low.get(after..).unwrap_or("").split_whitespace().find(|w| {
            ![
                "a", "an", "the", "good", "great", "short", "brief", "quick", "nice", "detailed", "high-level",
            ]
            .contains(w)
        });
        linked
            || object.is_some_and(|w| {
                [
                    "introduction", "overview", "demo", "walkthrough", "tour", "talk", "session", "presentation",
                ]
                .contains(&w.trim_end_matches([',', '.']))
            })
    })
}

fn sentence_candidate(block: &Block, index: usize, range: &Range<usize>) -> Option<Candidate> {
    let s = &block.text[range.clone()];
    let low = s.to_ascii_lowercase();
    // The sentence's words, cut once: every rule below looks words up here.
    let words: Vec<(usize, &str)> = tokens(&low).collect();
    let has = |set: &[&str]| words.iter().any(|(_, w)| set.contains(w));
    let has_noun = has(TALK_NOUNS);
    let base = range.start;

    // Who presented.
    let mut speaker: Option<(Vec<String>, Range<usize>)> = None;
    let mut by_at = None;
    for at in words.iter().filter(|(_, w)| *w == "by").map(|&(at, _)| at) {
        let previous = low[..at]
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .trim_end_matches([',', '.']);
        // "[The Rails Tutorial by Ann Lee](...)": a link naming someone's work is a citation.
        if NOT_PRESENTING_BY.contains(&previous)
            || block
                .marks
                .iter()
                .any(|m| matches!(m.style, Style::Link(_)) && m.range.start < base + at && base + at + 2 < m.range.end)
        {
            continue;
        }
        // "talk by", "was presented by", or a session named earlier in the sentence ("The first
        // talk [Title](...) by [Name]").
        let cue = BY_CUES.contains(&previous)
            || words
                .iter()
                .take_while(|(p, _)| *p < at)
                .any(|(_, w)| TALK_NOUNS.contains(w));
        let followed = previous == "followed";
        if !(cue || followed) || (followed && !has_noun && !has(STRONG_VERBS)) {
            continue;
        }
        if let Some(found) = names_at(block, s, base, at + 3) {
            speaker = Some(found);
            by_at = Some(at);
            break;
        }
    }
    if speaker.is_none() {
        'verbs: for verb in STRONG_VERBS {
            for &(at, _) in words.iter().filter(|(_, w)| w == verb) {
                // "Ann will talk", "Bo was to present": a verb's bare form needs a helper
                // before it; without one it is a noun ("Future talk ideas").
                if BARE_VERBS.contains(verb) && !after_auxiliary(&low[..at]) {
                    continue;
                }
                if let Some(found) = names_before(block, s, base, at) {
                    speaker = Some(found);
                    break 'verbs;
                }
            }
        }
    }
    if speaker.is_none() {
        // "Ann previewed a talk ...", "Bo reprised his talk ...": a verb whose object is the
        // person's own session presents it, whatever the verb.
        speaker = words
            .iter()
            .enumerate()
            .filter(|(_, (_, w))| TALK_NOUNS.contains(w))
            .find_map(|(k, _)| {
                let verb = k.checked_sub(2)?;
                let (verb_at, verb_word) = words[verb];
                let owned = ["a", "an", "his", "her", "their"].contains(&words[verb + 1].1);
                (owned && !LISTENING.contains(&verb_word) && super::lead::presenting_verb(block, base + verb_at))
                    .then(|| names_before(block, s, base, verb_at))
                    .flatten()
            });
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
    let mut announced = false;
    // Every cue below has one of these words: most sentences have none, and skip the searches.
    if speaker.is_none() && has(&["next", "we", "first"]) {
        for cue in [
            "next up was ", "up next was ", "we had ", "next was ", "first up was ", "first up, ", "first was ",
        ] {
            if let Some(at) = low.find(cue) {
                speaker = names_at(block, s, base, at + cue.len());
                if speaker.is_some() {
                    // "Next up was Ann": a person announced in the running order presents.
                    announced = cue != "we had ";
                    break;
                }
            }
        }
    }
    let by_role = speaker.is_none();
    if speaker.is_none() {
        // A role word in lower case ("the speaker was"), or opening the sentence; "Speaker
        // Deck" is a name of something else.
        speaker = ROLES
            .iter()
            .flat_map(|role| {
                words
                    .iter()
                    .filter(move |(_, w)| w == role)
                    .map(move |&(at, _)| (at, at + role.len()))
            })
            .filter(|&(at, _)| at == 0 || s[at..].starts_with(char::is_lowercase))
            .find_map(|(_, end)| names_after_role(block, s, base, end));
    }
    let (speakers, speaker_range) = speaker?;
    // A sentence about a person needs to be about a session too.
    let presenting = has_noun
        || by_role
        || announced
        || has(&[
            "presented", "spoke", "talked", "delivered", "conducted", "facilitated", "speak", "talking",
        ])
        || has(&[
            "speaking", "presenting", "moderated", "demoing", "demoed", "demonstrating",
        ])
        || low.contains("walked us through")
        || gave_something(block, &low, base);
    if !presenting {
        return None;
    }
    if low.contains("thank") || low.contains("sponsor") {
        return None;
    }

    let speaker_span = std::slice::from_ref(&speaker_range);
    let relative = speaker_range.start.saturating_sub(base)..speaker_range.end.saturating_sub(base).min(s.len());
    let mut title = title_from_marks(block, range, speaker_span)
        .or_else(|| by_at.and_then(|by| title_before_by(s, &low, by)))
        .or_else(|| title_after_noun(s, &low, &relative))
        .or_else(|| title_after_cue(s, relative.end))
        .or_else(|| title_from_links(block, &(speaker_range.end.max(base)..range.end), speaker_span));
    if title.is_none() {
        // "X's introduction to iPython": the words right after the possessive.
        let rest = s[relative.end..].trim_start_matches(['\'', '’', 's']).trim_start();
        if low[relative.end..].starts_with("'s") || low[relative.end..].starts_with("’s") {
            title = non_empty(tidy_title(leading_phrase(rest)));
        }
    }
    let title = title.filter(|t| plausible_title(t, &speakers));
    Some(Candidate {
        title,
        speakers: speakers.into_iter().map(|n| n.trim().to_string()).collect(),
        kind: kind_of(&low),
        block: index,
        at: range.start,
        source: Source::Prose,
        confidence: if has_noun || by_role || has(&["presented", "delivered", "conducted", "facilitated", "moderated"])
        {
            Confidence::Stated
        } else {
            Confidence::Mention
        },
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
    fn a_verb_whose_object_is_the_persons_own_talk() {
        let c = one(
            "Ida Lund previewed a talk [she gives at RustConf](https://rustconf.example.org/ida), “Arenas Everywhere,” on parsers.",
        );
        assert_eq!(c.title.as_deref(), Some("Arenas Everywhere"));
        assert_eq!(c.speakers, vec!["Ida Lund"]);
        let c = one("Tom Berg rehearsed his talk “Fuzzing at Scale” for us.");
        assert_eq!(c.title.as_deref(), Some("Fuzzing at Scale"));
        // Someone who liked a talk did not give it.
        none("Ida Lund enjoyed a talk “Fuzzing at Scale” last spring.");
    }

    #[test]
    fn a_pronoun_presenting_a_thing_called_by_its_name() {
        let c = one(
            "Our last lightning talk was by Ida Lund. She presented a new crate she wrote called Tiller which makes web forms easy to test.",
        );
        assert_eq!(c.title.as_deref(), Some("Tiller: makes web forms easy to test"));
        assert_eq!(c.speakers, vec!["Ida Lund"]);
    }

    #[test]
    fn names_after_a_nickname_or_vouched_for_by_a_handle() {
        let c = one("The closing talk was by our resident tinkerer aka Meera Iyer, on **Plotting Tides**.");
        assert_eq!(c.speakers, vec!["Meera Iyer"]);
        let c = one("Then I (Ravi) gave a talk on **Terminal Tricks**.");
        assert_eq!(c.speakers, vec!["Ravi"]);
        let c = one("Next talk by ravik(@ravik_dev) was on **Terminal Tricks**.");
        assert_eq!(c.speakers, vec!["ravik"]);
        assert_eq!(c.title.as_deref(), Some("Terminal Tricks"));
    }

    #[test]
    fn an_announced_session_in_the_present() {
        let c = one("On Tuesday, Meera Iyer is doing a one hour deep-dive in to Tide Charts.");
        assert_eq!(c.title.as_deref(), Some("Tide Charts"));
        assert_eq!(c.speakers, vec!["Meera Iyer"]);
        let c = one("Omar Said is giving a talk on arenas.");
        assert_eq!(c.title.as_deref(), Some("arenas"));
        none("Membership is moderated but posts are not.");
    }

    #[test]
    fn a_quoted_word_inside_the_topic_is_not_the_title() {
        let c = one("Then Ravi gave a talk on drawing charts using \"Vega\" aka \"Vega-Lite\", with no setup at all.");
        assert_eq!(
            c.title.as_deref(),
            Some("drawing charts using \"Vega\" aka \"Vega-Lite\"")
        );
        // A quoted title right after the session noun is still the title.
        let c = one("Then Ravi gave a talk on \"Charts without Tears\" using Vega.");
        assert_eq!(c.title.as_deref(), Some("Charts without Tears"));
        let c = one("Ravi gave a talk titled **State of Vega** with a demo.");
        assert_eq!(c.title.as_deref(), Some("State of Vega"));
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
        assert_eq!(c.title.as_deref(), Some("pyparsing tricks"));
    }

    #[test]
    fn subject_with_auxiliaries_or_an_affiliation() {
        let c = one("Meena was supposed to give a lightning talk about closures but it ran for half an hour.");
        assert_eq!(c.speakers, vec!["Meena"]);
        assert_eq!(c.title.as_deref(), Some("closures"));
        assert_eq!(c.kind, Kind::Lightning);
        let c = one("Ravi from Acme Labs spoke about queueing theory in retail.");
        assert_eq!(c.speakers, vec!["Ravi"]);
        assert_eq!(c.title.as_deref(), Some("queueing theory in retail"));
        let c = one("Devi kick started the session, `Graphs with NetworkX` with a map of the city.");
        assert_eq!(c.speakers, vec!["Devi"]);
        assert_eq!(c.title.as_deref(), Some("Graphs with NetworkX"));
    }

    #[test]
    fn a_name_with_its_handle_in_brackets_and_a_cited_work() {
        let c = one(
            "The evening opened with Chris Lee (@chrisl) presenting on [Ballotbox](https://ballotbox.example.org).",
        );
        assert_eq!(c.speakers, vec!["Chris Lee"]);
        assert_eq!(c.title.as_deref(), Some("Ballotbox"));
        let c = one(
            "* Eric Lund [@ericlund](https://twitter.com/ericlund) will be demoing his product [Tidy Box](https://tidybox.example.org/)",
        );
        assert_eq!(c.speakers, vec!["Eric Lund"]);
        assert_eq!(c.title.as_deref(), Some("Tidy Box"));
        none("For learning, members liked [The Rails Tutorial by Ann Lee](https://tutorial.example.org/).");
    }

    #[test]
    fn handles_as_presenters() {
        let c = one("First up was @ann_lee talking about **Arenas in Rust**.");
        assert_eq!(c.speakers, vec!["@ann_lee"]);
        assert_eq!(c.title.as_deref(), Some("Arenas in Rust"));
        let c = one("Then @tomb presented a tour of **Zig comptime**.");
        assert_eq!(c.speakers, vec!["@tomb"]);
    }

    #[test]
    fn an_organisation_before_linked_people_is_passed_over() {
        let c = one(
            "The second talk was `Mapping rainfall` by [Acme Team](https://acme.example.org/), [Ida Lund](https://twitter.com/ida) and [Tom Berg](https://twitter.com/tom).",
        );
        assert_eq!(c.speakers, vec!["Ida Lund", "Tom Berg"]);
        assert_eq!(c.title.as_deref(), Some("Mapping rainfall"));
    }

    #[test]
    fn names_in_bare_brackets_and_after_a_job_description() {
        let c = one("Second talk was [Why metaclasses matter](https://gist.github.com/x/1) by [Tara menon]");
        assert_eq!(c.title.as_deref(), Some("Why metaclasses matter"));
        assert_eq!(c.speakers, vec!["Tara menon"]);
        let c = one("First talk was Parsing Logs Quickly by PhD student Kavya. It was good.");
        assert_eq!(c.speakers, vec!["Kavya"]);
        assert_eq!(c.title.as_deref(), Some("Parsing Logs Quickly"));
    }

    #[test]
    fn people_named_by_their_role() {
        let c = one("The presenters were [Lina](https://twitter.com/l) and [Omar Said](https://twitter.com/o).");
        assert_eq!(c.speakers, vec!["Lina", "Omar Said"]);
        assert_eq!(c.title, None);
        let c = one("The workshop on Rust FFI was hosted by Acme Corp and the speaker for it was Devi (Acme).");
        assert_eq!(c.speakers, vec!["Devi"]);
        assert_eq!(c.title.as_deref(), Some("Rust FFI"));
        let c = one("The presenter [Kiran]() started the session with a quiz.");
        assert_eq!(c.speakers, vec!["Kiran"]);
        none("His slides are on Speaker Deck, with the notes.");
    }

    #[test]
    fn titles_right_after_the_session_noun() {
        let c =
            one("The opening talk [Vim for Pythonistas](https://example.org/vim) by [Asha](https://twitter.com/a).");
        assert_eq!(c.title.as_deref(), Some("Vim for Pythonistas"));
        assert_eq!(c.speakers, vec!["Asha"]);
        let c = one("Next was a flash talk about [Wye](https://example.org/wye) by [Sam](https://t.co/s) and Jo.");
        assert_eq!(c.title.as_deref(), Some("Wye"));
        assert_eq!(c.speakers, vec!["Sam", "Jo"]);
        let c = one("Late in the day, Chitra Rao came up with the talk, Faster Shells For Python Work. Fun.");
        assert_eq!(c.speakers, vec!["Chitra Rao"]);
        assert_eq!(c.title.as_deref(), Some("Faster Shells For Python Work"));
        let c = one(
            "[Ajay][] gave session how to profile Django views, showed a flame graph.\n\n[Ajay]: https://a.example.org\n",
        );
        assert_eq!(c.title.as_deref(), Some("how to profile Django views"));
        let c = one(
            "[Gita][] gave talk about writing a tiny Lisp as part of [SICP club][] work.\n\n[Gita]: https://g.example.org\n[SICP club]: https://s.example.org\n",
        );
        assert_eq!(c.title.as_deref(), Some("writing a tiny Lisp"));
    }

    #[test]
    fn giving_an_introduction_is_presenting() {
        let c = one(
            "[Hari](https://h.example.org) gave [an introduction](https://youtu.be/aaaaaaaaaaa) about type hints for 9 minutes.",
        );
        assert_eq!(c.speakers, vec!["Hari"]);
        assert_eq!(c.title.as_deref(), Some("type hints"));
        none("Hari gave us the keys to the venue.");
    }

    #[test]
    fn a_sentence_ending_in_a_cue_is_not_a_panic() {
        for text in [
            "The second talk was given by",
            "The speakers were",
            "The presenter",
            "Next session – 漢字 by",
            "The first talk was by Anand 😀 on",
        ] {
            let blocks = parse_blocks(text);
            let _ = paragraph_candidates(&blocks[0], 0);
        }
    }

    #[test]
    fn hosts_and_relative_clauses_are_not_talks() {
        none("The meetup was hosted by Acme Corp in their new office.");
        none("The event was organized by Tara and Omar.");
        let blocks = parse_blocks("Later there was a short talk by Acme about where they were using Python.");
        let c = paragraph_candidates(&blocks[0], 0);
        assert!(c.iter().all(|c| c.title.is_none()), "{c:?}");
    }

    #[test]
    fn a_cue_after_a_comma_further_on() {
        let c = one(
            "Next was @tomb who came through with a look at [Zig](https://ziglang.org/), or as he called [Better C for Everyone](https://example.org/betterc).",
        );
        assert_eq!(c.speakers, vec!["@tomb"]);
        assert_eq!(c.title.as_deref(), Some("Better C for Everyone"), "{c:?}");
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
        none("Future talk ideas are welcome.");
    }
}
