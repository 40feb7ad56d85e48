//! People: who presents, and when two written names are one person. The presenters a blog
//! shows in some posts are evidence for the posts that name them plainly
//! ([`known_presenters_leads`]).

use super::blocks::{Block, BlockKind};
use super::{Candidate, Confidence, Extraction, agenda, lead, names};
use crate::talk::Talk;

/// People seen presenting across the posts of a blog: evidence for the posts that name them
/// by a plain name ("Mitch shared some work on ..."), see [`super::extract_talks_knowing`].
#[derive(Debug, Clone, Default)]
pub struct Presenters {
    /// Full names by each of their words, lower-cased: a name is looked up by its first word
    /// without walking every name of a big blog.
    by_word: std::collections::HashMap<String, Vec<String>>,
}

impl Presenters {
    /// The presenters of `talks` (handles left out: a handle is set apart already).
    pub fn of<'a>(talks: impl IntoIterator<Item = &'a Talk>) -> Presenters {
        let mut p = Presenters::default();
        p.learn(talks);
        p
    }

    /// Adds the presenters of `talks` (a post just read).
    pub fn learn<'a>(&mut self, talks: impl IntoIterator<Item = &'a Talk>) {
        self.learn_names(talks.into_iter().flat_map(|t| &t.speakers).map(String::as_str));
    }

    /// Adds people by name (the speakers an index holds).
    pub fn learn_names<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            if names::is_handle(name) {
                continue;
            }
            let name = &name.to_string();
            for word in name.split_whitespace() {
                let entry = self.by_word.entry(word.to_lowercase()).or_default();
                if !entry.contains(name) {
                    entry.push(name.clone());
                }
            }
        }
    }

    /// Adds everyone `other` knows.
    pub fn absorb(&mut self, other: Presenters) {
        self.learn_names(other.by_word.values().flatten().map(String::as_str));
    }

    /// Whether `name` is one of them: all the words of the shorter of the two are in the
    /// longer ("Mitch" and "Mitch Hanberg").
    pub fn knows(&self, name: &str) -> bool {
        name.split_whitespace()
            .next()
            .and_then(|first| self.by_word.get(&first.to_lowercase()))
            .is_some_and(|names| names.iter().any(|n| same_person(n, name)))
    }

    /// Whether reading a post again knowing these presenters may find more than `found` did:
    /// a plain name opening one of its sentences is one of them. Most posts have none, and are
    /// not read twice.
    pub fn may_help(&self, found: &Extraction) -> bool {
        found.openers.iter().any(|name| self.knows(name))
    }
}

/// The words of a name or title that tell it apart, lower-cased (short linking words left out).
pub(super) fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.len() > 1
                && ![
                    "the", "of", "in", "on", "to", "a", "an", "and", "with", "for", "by", "using",
                ]
                .contains(w)
        })
        .map(str::to_string)
        .collect()
}

/// Whether two lists of presenters may name one person: [`same_speaker`], or a name whose
/// word is the start of the other's ("Krace" and "Kracekumar").
pub(super) fn may_be_same_speaker(a: &[String], b: &[String]) -> bool {
    same_speaker(a, b)
        || a.iter().any(|x| {
            b.iter().any(|y| {
                let (wx, wy) = (words(x), words(y));
                wx.iter().any(|p| {
                    wy.iter().any(|q| {
                        p.len() >= 3 && q.len() >= 3 && (p.starts_with(q.as_str()) || q.starts_with(p.as_str()))
                    })
                })
            })
        })
}

pub(crate) fn same_speaker(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.iter().any(|y| same_person(x, y)))
}

/// Whether two written names are the same person: the words of the shorter are all in the
/// longer ("Naveen" and "Naveen Sivanandam", "Anand Pillai" and "Anand B Pillai", but not
/// "Anand Pillai" and "Anand Chitipothu"), or one is the other's handle ("@fnichol" and
/// "Fletcher Nichol").
pub(crate) fn same_person(a: &str, b: &str) -> bool {
    if let Some(h) = names::handle_of(a, b).or_else(|| names::handle_of(b, a)) {
        return h;
    }
    same_name_words(&words(a), &words(b))
}

/// [`same_person`] of two names already cut into [`words`] (neither a handle).
fn same_name_words(wa: &[String], wb: &[String]) -> bool {
    let (short, long) = if wa.len() <= wb.len() { (wa, wb) } else { (wb, wa) };
    !short.is_empty() && short.iter().all(|w| long.contains(w))
}

/// Sentences that open with the plain name of someone the post shows presenting (a session
/// found by any other reader, or a photo captioned "Ana presenting her talk") or the blog's
/// other posts do (`presenters`), or a name a handle in brackets vouches for ("Ana Kim
/// (@anakim) showed ..."), read as [`lead::known_leads`] where the post gives the
/// [`lead::evidence`] for such sentences. Also returns the plain names that open such a
/// sentence and are no one known: [`Extraction::openers`].
pub(super) fn known_presenters_leads(
    blocks: &[Block],
    cands: &[Candidate],
    led: &[bool],
    taken: &[usize],
    presenters: &Presenters,
) -> (Vec<Candidate>, Vec<String>) {
    let openers: Vec<Vec<lead::Opener>> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if taken.contains(&i) {
                Vec::new()
            } else {
                lead::plain_openers(b)
            }
        })
        .collect();
    if openers.iter().all(Vec::is_empty) {
        return (Vec::new(), Vec::new());
    }
    let mut known: Vec<String> = cands.iter().flat_map(|c| c.speakers.iter().cloned()).collect();
    known.extend(
        blocks
            .iter()
            .flat_map(|b| &b.captions)
            .filter_map(|c| lead::caption_presenter(c)),
    );
    known.retain(|k| !names::is_handle(k));
    known.sort();
    known.dedup();
    // "The third talk was X by Rahul. Rahul showed us ...": the session just named goes on.
    let mut before: Vec<(usize, usize, &[String])> =
        cands.iter().map(|c| (c.block, c.at, c.speakers.as_slice())).collect();
    before.sort_by_key(|&(b, at, _)| (b, at));
    let goes_on = |block: usize, at: usize, name: &str| {
        let k = before.partition_point(|&(b, a, _)| (b, a) < (block, at));
        k > 0 && before[k - 1].2.iter().any(|s| same_person(s, name))
    };
    // Cut once: every opener is compared with every name known.
    let known_words: Vec<Vec<String>> = known.iter().map(|k| words(k)).collect();
    // Who presents in this post, or a name set apart as a person's, is evidence of its own;
    // who presents in other posts only says the name is a person's, so those sentences count
    // as one in the repeat of the shape, not two; and so do the sessions the post reports in
    // other ways. Titles are read only where the post gives the evidence.
    let mut unknown = Vec::new();
    let reports_sessions = cands
        .iter()
        .any(|c| c.confidence == Confidence::Stated && !c.speakers.is_empty() && !led.get(c.block).is_some_and(|&l| l));
    let mut strong = led.iter().filter(|&&l| l).count() + usize::from(reports_sessions);
    let mut counts = Vec::with_capacity(blocks.len());
    let of_known: Vec<Vec<lead::Opener>> = openers
        .into_iter()
        .zip(led)
        .enumerate()
        .map(|(i, (o, &l))| {
            let mut here = Vec::new();
            let mut elsewhere = Vec::new();
            for opener in o {
                // A sentence another reader took is counted among the sessions reported.
                if cands.iter().any(|c| c.block == i && c.at == opener.at) {
                    continue;
                }
                let name_words = words(&opener.name);
                if opener.vouched || known_words.iter().any(|k| same_name_words(k, &name_words)) {
                    if !goes_on(i, opener.at, &opener.name) {
                        here.push(opener);
                    }
                } else if presenters.knows(&opener.name) {
                    if !goes_on(i, opener.at, &opener.name) {
                        elsewhere.push(opener);
                    }
                } else {
                    unknown.push(opener.name);
                }
            }
            strong += here.len();
            counts.push(here.len() + elsewhere.len() + usize::from(l));
            here.extend(elsewhere);
            here
        })
        .collect();
    let ok = lead::evidence_of(blocks, &counts, strong);
    let found: Vec<Vec<Candidate>> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if !ok[i] || of_known[i].is_empty() {
                return Vec::new();
            }
            lead::known_leads(b, i, &of_known[i])
        })
        .collect();
    let mut out: Vec<Candidate> = Vec::new();
    for c in found.into_iter().flatten() {
        // Two sentences in a row opening with the same person are one session too.
        let previous = cands
            .iter()
            .chain(&out)
            .filter(|p| (p.block, p.at) < (c.block, c.at))
            .max_by_key(|p| (p.block, p.at));
        if previous.is_some_and(|p| same_speaker(&p.speakers, &c.speakers))
            || c.title.as_deref().is_some_and(agenda::is_housekeeping)
        {
            continue;
        }
        out.push(c);
    }
    (out, unknown)
}

/// A heading that gives its presenter only as a handle ("Puppet by @dhuck"), whose text then
/// opens with a name and a presenting verb ("Daniel Huck walked us through ..."): the text
/// says who the handle is.
pub(super) fn name_handles_from_their_text(blocks: &[Block], cands: &mut [Candidate]) {
    for c in cands.iter_mut() {
        let [only] = c.speakers.as_slice() else { continue };
        if !names::is_handle(only) || !matches!(blocks[c.block].kind, BlockKind::Heading(_)) {
            continue;
        }
        let first = blocks[c.block + 1..]
            .iter()
            .take_while(|b| !matches!(b.kind, BlockKind::Heading(_)))
            .find(|b| !b.is_blank());
        if let Some(name) = first.and_then(lead::plain_presenter) {
            c.speakers = vec![name];
        }
    }
}

/// Gives each speaker of `talks` the links the post gives their name: a link whose text is the
/// name, or a shorter form of it that no other speaker of the post shares ("[Ann](…)" for Ann
/// Lee), a handle linked in brackets right after the name ("Ann Lee ([@annl](…))"), and a
/// handle written there without a link ("Ann Lee (@annl)", kept as `@annl`). Which of these say
/// who the person is, the blog's people decide ([`crate::people`]).
pub(super) fn link_speakers(blocks: &[Block], talks: &mut [Talk]) {
    let mut speakers: Vec<&str> = Vec::new();
    for s in talks.iter().flat_map(|t| &t.speakers) {
        if !speakers.contains(&s.as_str()) {
            speakers.push(s);
        }
    }
    if speakers.is_empty() {
        return;
    }
    let mut found: Vec<(String, String)> = Vec::new();
    for b in blocks {
        for l in b.links.iter().filter(|l| !l.image && !l.range.is_empty()) {
            let Some(text) = b.text.get(l.range.clone()) else {
                continue;
            };
            let text = text.trim();
            let owners: Vec<&str> = if names::is_handle(text) && !speakers.contains(&text) {
                // "Ann Lee ([@annl](…))": the name just before the bracket.
                let before = b.text[..l.range.start].trim_end();
                let before = before.strip_suffix('(').unwrap_or(before).trim_end();
                speakers.iter().copied().filter(|s| before.ends_with(s)).collect()
            } else if names::looks_like_person(text) {
                speakers.iter().copied().filter(|s| same_person(text, s)).collect()
            } else {
                Vec::new()
            };
            if let [owner] = owners.as_slice() {
                let pair = (owner.to_string(), l.url.clone());
                if !found.contains(&pair) {
                    found.push(pair);
                }
            }
        }
        // "Ann Lee (@annl)": a handle written in brackets after the name, with no link. Kept as
        // the handle itself: evidence of who Ann Lee is, not an address.
        for s in &speakers {
            for (at, _) in b.text.match_indices(s) {
                // The whole name, not the end of a longer word ("MaryLea Park").
                if b.text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
                    continue;
                }
                let after = b.text[at + s.len()..].trim_start();
                let Some(inside) = after.strip_prefix('(') else {
                    continue;
                };
                let handle: String = inside
                    .chars()
                    .take_while(|c| *c == '@' || c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                // A linked handle is read above, as its link.
                let starts = b.text.len() - inside.len();
                let linked = b.links.iter().any(|l| l.range.contains(&starts));
                if !linked && names::is_handle(&handle) && inside[handle.len()..].starts_with(')') {
                    let pair = (s.to_string(), handle);
                    if !found.contains(&pair) {
                        found.push(pair);
                    }
                }
            }
        }
    }
    for t in talks {
        for (name, url) in &found {
            if t.speakers.contains(name) {
                t.speaker_links.entry(name.clone()).or_default().push(url.clone());
            }
        }
    }
}
