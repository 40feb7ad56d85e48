//! Who presented: the name(s) after "by" or a role word ("the speaker was"), or before a
//! presenting verb, as authors write them (linked, in brackets, as a handle, after a job
//! description, with an affiliation or a relative clause in between).

use std::ops::Range;

use super::super::blocks::{Block, Style};
use super::super::links;
use super::super::names::{clean_name, handle_of, is_handle, looks_like_name, looks_like_person, split_names};

/// Words between a subject and its verb that do not end the name ("Saurabh was supposed to
/// give", "Bargava kick started").
pub(super) const AUXILIARIES: &[&str] = &[
    "was supposed to", "was going to", "is going to", "was to", "had to", "will be", "will", "would", "could", "then",
    "also", "later", "quickly", "kick", "finally", "first", "next",
];

/// The name(s) starting at byte `at` of the sentence `s` (absolute offset `base` in the block):
/// link text there, or a run of capitalised words, with "and" joining several names.
pub(super) fn names_at(block: &Block, s: &str, base: usize, at: usize) -> Option<(Vec<String>, Range<usize>)> {
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
            end = (m.range.end - base).min(s.len());
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
                // "amjith(@amjithr)": a name typed in lower case, vouched for by the handle
                // right after it.
                let word = rest.split(['(', ' ']).next().unwrap_or("");
                let after = rest[word.len()..].trim_start();
                let handle = after
                    .strip_prefix('(')
                    .and_then(|a| a.split(')').next())
                    .is_some_and(is_handle);
                if word.len() >= 3 && word.chars().all(char::is_alphabetic) && handle {
                    names.push(word.to_string());
                    bracketed.push(word.to_string());
                    end += word.len();
                }
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
pub(super) const DESCRIPTORS: &[&str] = &[
    "student", "students", "engineer", "engineers", "developer", "developers", "intern", "founder", "co-founder",
    "researcher", "scientist", "architect", "consultant", "maintainer", "contributor", "volunteer", "professor",
    "member", "members", "enthusiast", "evangelist", "hacker", "programmer", "lead", "manager", "designer", "regular",
    "regulars", "veteran", "expert", "alumnus", "organizer", "organiser", "user", "aka", "a.k.a",
];

/// Byte offset past a short job description at `at` of `s`, if a capitalised name follows it.
pub(super) fn skip_descriptor(s: &str, at: usize) -> usize {
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
pub(super) fn bracketed_name(rest: &str) -> Option<&str> {
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
pub(super) fn names_after_role(block: &Block, s: &str, base: usize, end: usize) -> Option<(Vec<String>, Range<usize>)> {
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
pub(super) fn names_before(block: &Block, s: &str, base: usize, at: usize) -> Option<(Vec<String>, Range<usize>)> {
    let mut before = s[..at].trim_end();
    // "Amir is giving a talk": a verb in -ing after "is"; not "Membership is moderated".
    let progressive = s[at..].split(' ').next().is_some_and(|v| v.ends_with("ing"));
    if progressive {
        for be in [" is", " are", " was", " were"] {
            if let Some(b) = before.strip_suffix(be) {
                before = b.trim_end();
                break;
            }
        }
    }
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
        // "Then I (Gaurav) gave a talk": the writer, named in the brackets.
        let inner = &before[open + 2..before.len() - 1];
        let pronoun = before[..open].rsplit(' ').next().unwrap_or("");
        if ["I", "me", "myself"].contains(&pronoun) && looks_like_name(inner) {
            let start = base + open + 2;
            return Some((vec![clean_name(inner)], start..start + inner.len()));
        }
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
            let lead = before.get(..m.range.start.checked_sub(base)?)?.trim_end();
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
