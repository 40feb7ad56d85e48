//! Merging: proposals of one session become one talk, and each talk takes the text, videos
//! and slide links of its place in the post.

use std::ops::Range;

use super::blocks::{self, Block, BlockKind};
use super::people::{may_be_same_speaker, same_person, same_speaker, words};
use super::{Candidate, Confidence, Source, links, names, text};
use crate::talk::Talk;

/// One session mentioned twice (an agenda line, then the report of it) is one session: the
/// proposals grouped, each group led by the proposal that names it (see [`Confidence`]).
pub(super) fn merge(cands: &[Candidate]) -> Vec<(Candidate, Vec<usize>)> {
    let mut merged: Vec<(Candidate, Vec<usize>)> = Vec::new();
    for (k, c) in cands.iter().enumerate() {
        let Some(title) = c.title.clone() else {
            if let Some(d) = merged.iter().rposition(|(m, _)| same_speaker(&m.speakers, &c.speakers)) {
                merged[d].1.push(k);
            }
            continue;
        };
        let dup = merged.iter().rposition(|(m, _)| {
            let mt = m.title.as_deref().unwrap_or("");
            // Two readers may write one presenter differently, but two titles alike with
            // two different people are two sessions.
            let others = !m.speakers.is_empty()
                && !c.speakers.is_empty()
                && !may_be_same_speaker(&m.speakers, &c.speakers)
                && !title_holds_speakers(&title, &m.speakers)
                && !title_holds_speakers(mt, &c.speakers);
            (same_title(mt, &title) && (same_speaker(&m.speakers, &c.speakers) || m.source != c.source && !others))
                || ((m.source != c.source || c.confidence == Confidence::Mention)
                    && c.source == Source::Prose
                    && same_speaker(&m.speakers, &c.speakers))
                // A report's reading of a person presenting, then the session stated.
                || (m.source == Source::Prose
                    && c.source != Source::Prose
                    && m.confidence < c.confidence
                    && same_speaker(&m.speakers, &c.speakers))
        });
        match dup {
            Some(d) => {
                // The surer sighting names the session: "Ana showed her parser" in the
                // report, "Parsing with PEG - Ana" in the agenda after it.
                if c.confidence > merged[d].0.confidence {
                    merged[d].0.title = Some(title.clone());
                    merged[d].0.confidence = c.confidence;
                }
                // "## Parsing by Hand", then "Ana gave a talk on “Parsing by Hand”": the
                // heading's presenter was a word of the title.
                if title_holds_speakers(&title, &merged[d].0.speakers) && !c.speakers.is_empty() {
                    merged[d].0.speakers = c.speakers.clone();
                    merged[d].0.title = Some(title.clone());
                }
                // The fuller form wins: a name over the handle it was first given as.
                for name in &c.speakers {
                    if let Some(h) = merged[d]
                        .0
                        .speakers
                        .iter()
                        .position(|s| names::is_handle(s) && !names::is_handle(name) && same_person(s, name))
                    {
                        merged[d].0.speakers[h] = name.clone();
                    }
                }
                merged[d].1.push(k)
            }
            None => merged.push((c.clone(), vec![k])),
        }
    }
    merged
}

/// The talks of the `merged` proposals: each gathers the text, videos and slides of every
/// place it was seen, and `claimed` records the text they took.
pub(super) fn sessions(
    blocks: &[Block],
    cands: &[Candidate],
    merged: &[(Candidate, Vec<usize>)],
    post_title: &str,
    claimed: &mut Vec<(usize, Range<usize>)>,
) -> Vec<Talk> {
    let mut talks = Vec::new();
    for (pos, (c, members)) in merged.iter().enumerate() {
        let mut video = Vec::new();
        let mut slides = Vec::new();
        let mut description = String::new();
        let mut title = c.title.clone().unwrap_or_default();
        for &k in members {
            let start = (cands[k].block, cands[k].at);
            let end = extent_end(blocks, cands, k);
            // A report's sentence gives the topic; the talk's own title, in quotes, may be
            // the text of its slides link listed under it.
            if c.source == Source::Prose
                && members.len() == 1
                && let Some(quoted) = quoted_material_title(blocks, start.0, end)
            {
                title = quoted;
            }
            let (v, s) = collect_links(blocks, start, end, &c.speakers);
            for x in v {
                if !video.contains(&x) {
                    video.push(x);
                }
            }
            for x in s {
                if !slides.contains(&x) {
                    slides.push(x);
                }
            }
            let d = describe(blocks, start, end, claimed);
            if !d.is_empty() && !description.contains(&d) {
                if !description.is_empty() {
                    description.push(' ');
                }
                description.push_str(&d);
            }
        }
        talks.push(Talk {
            title,
            speakers: c.speakers.clone(),
            kind: c.kind,
            description,
            video,
            slides,
            position: pos as u32 + 1,
            speaker_links: Default::default(),
        });
    }
    attribute_labelled_videos(blocks, &mut talks);
    share_trailing_material(blocks, cands, merged, &mut talks);
    // "Aman gave a talk on ..." in a post titled "... with Aman Gupta": the person's name as
    // the post gives it in full.
    for name in talks.iter_mut().flat_map(|t| t.speakers.iter_mut()) {
        let texts = std::iter::once(post_title).chain(blocks.iter().map(|b| b.text.as_str()));
        if let Some(full) = names::fuller_form(name, texts) {
            *name = full;
        }
    }
    share_evening_recordings(blocks, &mut talks);
    talks
}

/// Where each proposal's own text ends: the next proposal, a heading, or (for a list item) the
/// end of that item.
fn extent_end(blocks: &[Block], cands: &[Candidate], k: usize) -> (usize, usize) {
    let c = &cands[k];
    // A heading's session keeps its section from surer proposals only: "**Bo** showed his
    // fork" under "## Parsing with PEG, by Ana" is part of Ana's session text.
    let yields_to = |n: &Candidate| !(c.source == Source::Heading && n.confidence < c.confidence);
    let next = cands[k + 1..]
        .iter()
        .find(|n| yields_to(n))
        .map(|n| (n.block, n.at))
        .unwrap_or((blocks.len(), 0));
    let own = &blocks[c.block];
    let mut end_block = c.block + 1;
    while end_block < blocks.len() && (end_block, 0) < next {
        let b = &blocks[end_block];
        let stop = match (c.source, own.kind) {
            (_, BlockKind::Item { .. }) => {
                b.item_depth < own.item_depth
                    || matches!(b.kind, BlockKind::Item { .. }) && b.item_depth <= own.item_depth
            }
            (Source::Heading, BlockKind::Heading(level)) => {
                matches!(b.kind, BlockKind::Heading(l) if l <= level)
            }
            _ => matches!(b.kind, BlockKind::Heading(_)) || is_closing(b),
        };
        if stop {
            break;
        }
        end_block += 1;
    }
    if next.0 < end_block { next } else { (end_block, 0) }
}

/// Paragraphs that close a report ("Thanks to ...", "See you at the next meetup") belong to no
/// session.
fn is_closing(b: &Block) -> bool {
    let low = b.text.to_lowercase();
    let low = low.trim_start_matches(|c: char| !c.is_alphanumeric());
    let opening = [
        "thank", "special thanks", "big thanks", "many thanks", "kudos", "see you", "hope you", "in case you",
        "in case if", "if you", "some pics", "pics from", "photos from", "here are a few", "here are some",
        "snapshots", "we would like to thank", "we thank", "we'd like to thank", "our thanks", "also, thanks",
        "finally, thanks",
    ];
    opening.iter().any(|w| low.starts_with(w)) || low.contains("next meetup") && low.len() < 200
}

/// Session-wide material: videos and slide/code links in `blocks[start..end]`, from byte
/// `from` of the first block.
fn collect_links(
    blocks: &[Block],
    start: (usize, usize),
    end: (usize, usize),
    speakers: &[String],
) -> (Vec<String>, Vec<String>) {
    let mut video = Vec::new();
    let mut slides = Vec::new();
    for (bi, b) in blocks.iter().enumerate().take(end.0 + 1).skip(start.0) {
        let lo = if bi == start.0 { start.1 } else { 0 };
        let hi = if bi == end.0 { end.1 } else { usize::MAX };
        if bi == end.0 && end.1 == 0 {
            break;
        }
        for l in &b.links {
            if l.range.start < lo || l.range.start >= hi && hi != usize::MAX {
                continue;
            }
            if let Some(v) = link_video(l) {
                if for_reference(&b.text) {
                    continue;
                }
                if !video.contains(&v) {
                    video.push(v);
                }
                continue;
            }
            if l.image || l.url.contains("youtube.com/playlist") {
                continue;
            }
            let text = b.text[l.range.clone()].trim().to_lowercase();
            let names_link = speakers.iter().any(|s| s.to_lowercase() == text);
            let sentence = text::sentences(b)
                .into_iter()
                .find(|r| r.start <= l.range.start && l.range.start <= r.end)
                .map(|r| b.text[r].to_lowercase())
                .unwrap_or_default();
            if ["photo", "pics", "pictures", "snapshots", "album", "feedback"]
                .iter()
                .any(|w| sentence.contains(w))
            {
                continue;
            }
            // A bare URL as link text: material when its sentence says so.
            let bare_url = text.starts_with("http") || text.starts_with("www.");
            let said_material = bare_url
                && [
                    "can be found", "available", "slides", "code", "repo", "material", "notebook", "blog", "post",
                    "presentation", "resources",
                ]
                .iter()
                .any(|w| sentence.contains(w));
            let material_word = text.contains("blog")
                || [
                    "here", "slides", "slide", "code", "presentation", "notebook", "repo", "demo", "content",
                    "material", "blog",
                ]
                .iter()
                .any(|w| text == *w || text.starts_with(&format!("{w} ")) || text.ends_with(&format!(" {w}")));
            let material =
                (links::is_material_url(&l.url) || material_word || said_material) && !links::is_profile_url(&l.url);
            if material && !names_link && !l.url.contains("meetup.com") && !slides.contains(&l.url) {
                slides.push(l.url.clone());
            }
        }
    }
    (video, slides)
}

/// A plain-text description: the anchor's sentence onwards, and the paragraphs after it. The
/// stretches of text it takes are added to `claimed` as (block, byte range).
fn describe(
    blocks: &[Block],
    start: (usize, usize),
    end: (usize, usize),
    claimed: &mut Vec<(usize, Range<usize>)>,
) -> String {
    const MAX: usize = 1200;
    let mut parts: Vec<(usize, Range<usize>)> = Vec::new();
    for (bi, b) in blocks.iter().enumerate().take(end.0.max(start.0 + 1)).skip(start.0) {
        if b.is_blank() || (bi != start.0 && matches!(b.kind, BlockKind::Heading(_))) {
            continue;
        }
        let lo = if bi == start.0 { start.1.min(b.text.len()) } else { 0 };
        let hi = if bi == end.0 {
            end.1.min(b.text.len())
        } else {
            b.text.len()
        };
        if let Some(t) = b.text.get(lo..hi.max(lo)) {
            let lead = t.len() - t.trim_start().len();
            let t = t.trim();
            if !t.is_empty() {
                parts.push((bi, lo + lead..lo + lead + t.len()));
            }
        }
    }
    let mut s = String::new();
    for (bi, range) in parts {
        let piece = &blocks[bi].text[range.clone()];
        let room = MAX.saturating_sub(s.len() + usize::from(!s.is_empty()));
        if piece.len() <= room {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(piece);
            claimed.push((bi, range));
            continue;
        }
        // Cut at a word boundary; the text after the cut stays the post's own.
        let mut cut = room;
        while !piece.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = piece[..cut].rfind(' ').unwrap_or(0);
        if cut > 0 {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&piece[..cut]);
            claimed.push((bi, range.start..range.start + cut));
        }
        s.push('…');
        break;
    }
    s
}

/// The text of `blocks` outside the `claimed` stretches, a line per block, then `other_text`:
/// what no session took, which the post's own document holds so that it can still be found.
pub(super) fn unclaimed_text(blocks: &[Block], claimed: &mut [(usize, Range<usize>)], other_text: &str) -> String {
    claimed.sort_by_key(|(b, r)| (*b, r.start));
    let mut out = String::new();
    let mut c = 0;
    for (bi, b) in blocks.iter().enumerate() {
        let mut pos = 0;
        let mut line = String::new();
        let keep = |piece: &str, line: &mut String| {
            let piece = piece.trim();
            if !piece.is_empty() {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(piece);
            }
        };
        while c < claimed.len() && claimed[c].0 == bi {
            let r = &claimed[c].1;
            if r.start > pos {
                keep(b.text.get(pos..r.start).unwrap_or(""), &mut line);
            }
            pos = pos.max(r.end);
            c += 1;
        }
        keep(b.text.get(pos..).unwrap_or(""), &mut line);
        if !line.is_empty() {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str(other_text.trim());
    out.trim_end().to_string()
}

/// Whether two titles name the same talk: they share at least half their words.
pub(crate) fn same_title(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    let common = wa.iter().filter(|w| wb.contains(w)).count();
    let (p, r) = (common as f64 / wa.len() as f64, common as f64 / wb.len() as f64);
    p + r > 0.0 && 2.0 * p * r / (p + r) >= 0.5
}

/// Whether another sighting's `title` ends with "by" and the names of `speakers`: then
/// those names were words of the title ("Writing Parsers by Hand"), not people.
fn title_holds_speakers(title: &str, speakers: &[String]) -> bool {
    let low = title.to_lowercase();
    !speakers.is_empty()
        && speakers.iter().all(|s| {
            low.trim_end_matches(['.', '!', '"', '”'])
                .ends_with(&format!("by {}", s.to_lowercase()))
        })
}

/// The title a list item under a session's paragraph quotes as the text of a link to its
/// material: `- [“All the Streams”](https://example.org/talks/streams/) (slides)`.
fn quoted_material_title(blocks: &[Block], from: usize, end: (usize, usize)) -> Option<String> {
    blocks
        .get(from + 1..end.0.min(blocks.len()))
        .unwrap_or_default()
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
        .flat_map(|b| b.links.iter().map(move |l| (b, l)))
        .find_map(|(b, l)| {
            let text = b.text.get(l.range.clone())?.trim();
            let quoted = (text.starts_with('“') && text.ends_with('”'))
                || (text.starts_with('"') && text.ends_with('"') && text.len() > 2);
            (quoted && !l.image && !links::is_profile_url(&l.url)).then(|| text::tidy_title(text))
        })
}

/// The video a link stands for: a video URL, or the target of a link around a thumbnail.
fn link_video(l: &blocks::Link) -> Option<String> {
    links::video_url(&l.url).or_else(|| l.thumbnail.then(|| l.url.clone()))
}

/// Videos under a label that repeats a talk's title ("_Abstract Syntax Trees_" and then its
/// thumbnail) belong to that talk, wherever the text around them put them.
fn attribute_labelled_videos(blocks: &[Block], talks: &mut [Talk]) {
    for (i, b) in blocks.iter().enumerate() {
        if b.is_blank() || b.text.len() > 160 {
            continue;
        }
        // Most short blocks have no video near them, and then the titles need no reading.
        if b.videos.is_empty()
            && blocks[i + 1..]
                .iter()
                .take_while(|n| n.is_blank())
                .all(|n| n.videos.is_empty())
        {
            continue;
        }
        let mut found: Vec<String> = b.links.iter().filter_map(link_video).collect();
        for next in blocks[i + 1..].iter().take_while(|n| n.is_blank()) {
            found.extend(next.links.iter().filter_map(link_video));
        }
        if found.is_empty() {
            continue;
        }
        let label_words = words(&b.text).len();
        let Some(owner) = talks
            .iter()
            .position(|t| same_title(&t.title, &b.text) && label_words <= words(&t.title).len() + 3)
        else {
            continue;
        };
        for t in talks.iter_mut() {
            t.video.retain(|v| !found.contains(v));
        }
        for v in found {
            if !talks[owner].video.contains(&v) {
                talks[owner].video.push(v);
            }
        }
    }
}

/// Words around a video that say it is not a recording of this evening ("a related talk from
/// another conference", "worth watching").
const REFERENCE_WORDS: &[&str] = &[
    "related talk", "related video", "similar talk", "another conference", "other conference", "another talk",
    "recommended", "recommend", "inspired by", "worth watching",
];

/// Whether the text around a video says it is there for reference, not as a recording.
fn for_reference(context: &str) -> bool {
    let low = context.to_lowercase();
    REFERENCE_WORDS.iter().any(|w| low.contains(w))
}

/// A recording that no session's text holds (in a "Video" section at the end, or before the
/// talks) is the recording of the whole evening: it belongs to every session that has no
/// video of its own.
fn share_evening_recordings(blocks: &[Block], talks: &mut [Talk]) {
    if talks.is_empty() || talks.iter().all(|t| !t.video.is_empty()) {
        return;
    }
    let mut evening: Vec<String> = Vec::new();
    let mut heading = "";
    for b in blocks {
        if let BlockKind::Heading(_) = b.kind {
            heading = &b.text;
        }
        if b.videos.is_empty() || for_reference(heading) || for_reference(&b.text) {
            continue;
        }
        for v in b.links.iter().filter_map(link_video) {
            if !evening.contains(&v) && !talks.iter().any(|t| t.video.contains(&v)) {
                evening.push(v);
            }
        }
    }
    for t in talks.iter_mut().filter(|t| t.video.is_empty()) {
        t.video.extend(evening.iter().cloned());
    }
}

/// A list of talks followed, at the end of the report, by "Resources for all of them" or the
/// recording of the evening: that material belongs to every talk of the list.
fn share_trailing_material(
    blocks: &[Block],
    cands: &[Candidate],
    merged: &[(Candidate, Vec<usize>)],
    talks: &mut [Talk],
) {
    let list_of = |k: usize| match blocks[cands[k].block].kind {
        BlockKind::Item { list, .. } => Some(list),
        _ => None,
    };
    let Some(last) = cands.iter().map(|c| c.block).max() else {
        return;
    };
    let Some(list) = cands.iter().position(|c| c.block == last).and_then(list_of) else {
        return;
    };
    let in_list: Vec<usize> = merged
        .iter()
        .enumerate()
        .filter(|(_, (_, members))| members.iter().any(|&k| list_of(k) == Some(list)))
        .map(|(t, _)| t)
        .collect();
    if in_list.len() < 2 {
        return;
    }
    // The list ends at the first top-level block after its last talk.
    let Some(start) = (last + 1..blocks.len()).find(|&i| blocks[i].item_depth == 0) else {
        return;
    };
    let end = (start..blocks.len())
        .find(|&i| matches!(blocks[i].kind, BlockKind::Heading(_)) || is_closing(&blocks[i]))
        .unwrap_or(blocks.len());
    let (video, slides) = collect_links(blocks, (start, 0), (end, 0), &[]);
    for t in in_list {
        for v in &video {
            if !talks[t].video.contains(v) {
                talks[t].video.push(v.clone());
            }
        }
        for l in &slides {
            if !talks[t].slides.contains(l) {
                talks[t].slides.push(l.clone());
            }
        }
    }
}
