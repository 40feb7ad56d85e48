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
use super::names::{clean_name, handle_of, is_handle, looks_like_name, looks_like_person, split_names};
use super::text::{leading_phrase, marks_in, quoted_in, sentences, strip_leading_fillers, tidy_title};
use super::{Source, kind_of};
use crate::extract::links;

/// Nouns that name a session.
const TALK_NOUNS: &[&str] = &[
    "talk", "talks", "session", "sessions", "workshop", "presentation", "tutorial", "keynote", "panel",
];

/// Verbs whose subject is the person presenting. The weaker ones ("started", "took") only count
/// in a sentence that also names a session ("Ankur started the workshop").
const STRONG_VERBS: &[&str] = &[
    "presented", "spoke", "talked", "delivered", "conducted", "facilitated", "gave", "give", "speak", "talk",
    "present", "presenting", "speaking", "talking", "took", "introduced", "demonstrated", "walked", "moderated",
    "started", "began", "continued", "came", "handled", "kicked", "demoing", "demoed", "demonstrating",
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

/// Words between a subject and its verb that do not end the name ("Saurabh was supposed to
/// give", "Bargava kick started").
const AUXILIARIES: &[&str] = &[
    "was supposed to", "was going to", "is going to", "was to", "had to", "will be", "will", "would", "could", "then",
    "also", "later", "quickly", "kick", "finally", "first", "next",
];

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

/// Sentences of `block` that announce a session ("The second talk was on ...") but gave no
/// proposal in `found`: an author should hear that the presenter could not be read.
pub(crate) fn unread_sessions(block: &Block, found: &[Candidate]) -> Vec<String> {
    sentences(block)
        .into_iter()
        .filter(|r| !found.iter().any(|c| c.at == r.start))
        .filter_map(|r| {
            let s = &block.text[r];
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

/// The name(s) starting at byte `at` of the sentence `s` (absolute offset `base` in the block):
/// link text there, or a run of capitalised words, with "and" joining several names.
fn names_at(block: &Block, s: &str, base: usize, at: usize) -> Option<(Vec<String>, Range<usize>)> {
    // "... by" at the very end of a sentence has nothing after it.
    if at >= s.len() || !s.is_char_boundary(at) {
        return None;
    }
    let at = skip_descriptor(s, at);
    let abs = base + at;
    // Link text that starts here (a linked speaker name), possibly followed by " and [B]".
    let mut end = at;
    let mut names = Vec::new();
    let mut bracketed = Vec::new();
    loop {
        if let Some(m) = block
            .marks
            .iter()
            .find(|m| m.range.start == base + end && matches!(m.style, Style::Link(_)))
        {
            let text = &block.text[m.range.clone()];
            let is_material = match m.style {
                Style::Link(i) => block
                    .links
                    .get(i)
                    .is_some_and(|l| links::is_material_url(&l.url) && !links::is_profile_url(&l.url)),
                _ => false,
            };
            let name = clean_name(text);
            let profile = match m.style {
                Style::Link(i) => block.links.get(i).is_some_and(|l| links::is_profile_url(&l.url)),
                _ => false,
            };
            // A profile link vouches for a name written in lower case ("[Vignesh sarma](github)").
            let person = looks_like_person(&name) || profile && bracketed_name(&format!("[{name}]")).is_some();
            if is_material || !person {
                // "by [Acme Team](...), [Ann](...) and [Bo](...)": an organisation heading a list
                // of linked people is passed over.
                let after = &block.text[m.range.end.min(base + s.len())..base + s.len()];
                let listed = (after.starts_with(", [") || after.starts_with(", ") || after.starts_with(" and "))
                    && block.marks.iter().any(|n| {
                        matches!(n.style, Style::Link(_))
                            && n.range.start > m.range.end
                            && n.range.start <= m.range.end + 6
                    });
                if names.is_empty() && !is_material && listed {
                    end = m.range.end - base;
                    let rest = &s[end..];
                    let skip = if rest.starts_with(" and ") { 5 } else { 2 };
                    end += skip;
                    continue;
                }
                break;
            }
            if profile {
                bracketed.push(name.clone());
            }
            names.push(name);
            end = m.range.end - base;
        } else if let Some(inner) = bracketed_name(&s[end..]) {
            // "[Vignesh sarma]": brackets left by a reference link without its definition.
            bracketed.push(inner.to_string());
            names.push(inner.to_string());
            end += inner.len() + 2;
        } else if let Some(handle) = s[end..]
            .split([' ', ',', '.', ';', ':', ')', '('])
            .next()
            .filter(|w| is_handle(w))
        {
            // "@ann_lee": a handle is all some posts give.
            names.push(handle.to_string());
            bracketed.push(handle.to_string());
            end += handle.len();
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
    names.retain(|n| looks_like_name(n) || bracketed.contains(n));
    (!names.is_empty()).then(|| (names, abs..base + end))
}

/// Job words that describe a presenter before the name ("M.Tech student Janaki").
const DESCRIPTORS: &[&str] = &[
    "student", "students", "engineer", "engineers", "developer", "developers", "intern", "founder", "co-founder",
    "researcher", "scientist", "architect", "consultant", "maintainer", "contributor", "volunteer", "professor",
    "member", "members", "enthusiast", "evangelist", "hacker", "programmer", "lead", "manager", "designer", "regular",
    "regulars", "veteran", "expert", "alumnus", "organizer", "organiser", "user",
];

/// Byte offset past a short job description at `at` of `s`, if a capitalised name follows it.
fn skip_descriptor(s: &str, at: usize) -> usize {
    if at >= s.len() || !s.is_char_boundary(at) {
        return at;
    }
    let mut offset = at;
    for word in s[at..].split(' ').take(6) {
        let bare = word.trim_end_matches([',', '.']).to_lowercase();
        offset += word.len() + 1;
        if DESCRIPTORS.contains(&bare.as_str()) {
            // "a member - Anand C": a dash may stand between the description and the name.
            for dash in ["- ", "– ", "— "] {
                if s.get(offset..).is_some_and(|r| r.starts_with(dash)) {
                    offset += dash.len();
                }
            }
            let next = s.get(offset..).and_then(|r| r.chars().next());
            return if next.is_some_and(|c| c.is_uppercase() || c == '[') {
                offset
            } else {
                at
            };
        }
        if offset >= s.len() {
            break;
        }
    }
    at
}

/// The text of a "[Name]" at the start of `rest`: one to four words, the first capitalised.
fn bracketed_name(rest: &str) -> Option<&str> {
    let inner = rest.strip_prefix('[')?;
    let inner = &inner[..inner.find(']')?];
    let words: Vec<&str> = inner.split_whitespace().collect();
    let ok = (1..=4).contains(&words.len())
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '.' || c == '-'))
        && looks_like_name(words[0]);
    ok.then_some(inner)
}

/// The name(s) a role word ending at byte `end` of `s` introduces: "presenters were A and B",
/// "speaker for the talk was X", "speaker: X", or "the presenter X" (apposition).
fn names_after_role(block: &Block, s: &str, base: usize, end: usize) -> Option<(Vec<String>, Range<usize>)> {
    let rest = s.get(end..)?;
    if let Some(after) = rest.strip_prefix(": ") {
        return names_at(block, s, base, s.len() - after.len());
    }
    let after = rest.strip_prefix(' ')?;
    let start = s.len() - after.len();
    // Up to four lower-case words ("for the talk") before the verb.
    let mut offset = start;
    for word in after.split(' ').take(6) {
        if matches!(word, "was" | "were" | "is" | "are") {
            return names_at(block, s, base, offset + word.len() + 1);
        }
        if !word.chars().all(|c| c.is_lowercase()) || word.is_empty() {
            break;
        }
        offset += word.len() + 1;
    }
    names_at(block, s, base, start)
}

/// The name(s) ending right before byte `at` of `s`: the subject of a verb.
fn names_before(block: &Block, s: &str, base: usize, at: usize) -> Option<(Vec<String>, Range<usize>)> {
    let mut before = s[..at].trim_end();
    while let Some(aux) = AUXILIARIES.iter().find(|a| {
        let low = before.to_ascii_lowercase();
        low.ends_with(*a) && (low.len() == a.len() || low.as_bytes()[low.len() - a.len() - 1] == b' ')
    }) {
        before = before[..before.len() - aux.len()].trim_end();
    }
    let span_end = base + s[..at].trim_end().len();
    // "Chris Lee (@chrisl) presenting on": a handle or an aside in brackets after the name.
    if before.ends_with(')')
        && let Some(open) = before.rfind(" (")
    {
        before = before[..open].trim_end();
    }
    // "Anand B Pillai, who started the group in 2005 spoke": skip the relative clause.
    if let Some(comma) = before.rfind(", who ").or_else(|| before.rfind(", which "))
        && !before[comma + 2..].contains(',')
    {
        before = before[..comma].trim_end();
    }
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
        // "Eric Lund [@ericl](...) will be demoing": the name the handle is made of.
        if is_handle(&name) {
            let lead = before[..m.range.start - base].trim_end();
            let words: Vec<&str> = lead.split(' ').collect();
            for n in (1..=3.min(words.len())).rev() {
                let candidate = words[words.len() - n..].join(" ");
                if looks_like_name(&candidate) && handle_of(&name, &candidate) == Some(true) {
                    let start = base + lead.len() - candidate.len();
                    return Some((vec![candidate], start..m.range.end));
                }
            }
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
    // "@ann_lee talked": a handle right before the verb.
    if best.is_none()
        && let Some(&(start, last)) = words.last()
        && is_handle(last)
    {
        return Some((vec![last.to_string()], base + start..span_end));
    }
    let k = best?;
    let start = words[k].0;
    // Part of a longer link text ("[June Acme talk](...)") is not a name.
    if block.marks.iter().any(|m| {
        matches!(m.style, Style::Link(_)) && m.range.start < base + before.len() && m.range.end > base + before.len()
    }) {
        return None;
    }
    // "Amit from Sabre Technologies spoke": the run is an affiliation; the person comes first.
    if k >= 2
        && ["from", "of", "at"].contains(&words[k - 1].1)
        && let Some((names, range)) = names_before(block, s, base, words[k - 1].0)
    {
        return Some((names, range.start..span_end));
    }
    let names = split_names(&before[start..]);
    (!names.is_empty()).then(|| (names, base + start..span_end))
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

/// "First talk was TITLE by NAME", "The first talk [TITLE](...) by NAME": the words between the
/// session noun and "by".
fn title_before_by(s: &str, low: &str, by: usize) -> Option<String> {
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
    let gap = &s[by - gap_low.len() - 1..by];
    non_empty(tidy_title(strip_leading_fillers(gap.trim())))
}

/// "was a Data Science Workshop conducted by": capitalised words right before the session
/// noun (ending at byte `noun_end`) name it.
fn named_session(s: &str, noun_end: usize) -> Option<String> {
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
fn title_after_noun(s: &str, low: &str, speaker: &Range<usize>) -> Option<String> {
    let mut ends: Vec<usize> = TALK_NOUNS
        .iter()
        .flat_map(|n| word_positions(low, n).into_iter().map(move |at| at + n.len()))
        .filter(|&end| end <= speaker.start || end >= speaker.end)
        .collect();
    ends.sort_unstable();
    ends.into_iter().find_map(|end| {
        let rest_low = &low[end..];
        let skip = [" about ", " on ", " titled ", " called ", " entitled ", ": "]
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
fn plausible_title(title: &str, speakers: &[String]) -> bool {
    let low = title.to_lowercase();
    let first = low.split_whitespace().next().unwrap_or("");
    !speakers.iter().any(|n| n.eq_ignore_ascii_case(title))
        && !["where", "when", "which", "who", "whom", "whose", "while", "whether"].contains(&first)
        && !low.starts_with("http")
        && !low.starts_with("www.")
        && !LINK_WORDS.contains(&low.as_str())
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
    if speaker.is_none() {
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
        explicit: has_noun || by_role || has(&["presented", "delivered", "conducted", "facilitated", "moderated"]),
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
