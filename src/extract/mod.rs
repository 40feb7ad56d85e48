//! Finding the sessions a post describes.
//!
//! A post's own front-matter `talks:` list wins. Otherwise the Markdown body is parsed into
//! [`blocks`], and three readers propose sessions, each anchored at a place in the text:
//! [`agenda`] lines ("Title - Speaker" list items and table rows), headings with a presenter
//! in their section, and [`prose`] sentences ("The third talk was presented by ..."). The
//! proposals are then merged (an agenda line and the report of the same talk are one session),
//! and each session takes the text, videos and slide links that follow its anchor up to the
//! next one.
//!
//! Everything here is pure: text in, talks out.

mod agenda;
pub mod blocks;
mod implied;
pub mod links;
pub mod names;
mod prose;
mod text;

use blocks::{Block, BlockKind};

use crate::post::Post;
use crate::talk::{Kind, Talk};

/// Which reader proposed a session; used when merging two proposals of the same talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Agenda,
    Heading,
    Prose,
}

/// A session proposed by one reader, anchored at byte `at` of block `block`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub title: Option<String>,
    pub speakers: Vec<String>,
    pub kind: Kind,
    pub block: usize,
    pub at: usize,
    pub source: Source,
    /// Whether the text names a session ("talk", "workshop") rather than only a person doing
    /// something ("Naveen also spoke about ..."); a mention of the second kind by an earlier
    /// session's speaker is more of that session, not a new one.
    pub explicit: bool,
}

/// What extraction found in one post, with notes for the author where text looked like a
/// session but could not be read as one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extraction {
    pub talks: Vec<Talk>,
    pub warnings: Vec<String>,
}

/// The post's sessions: its front-matter `talks:` if it has them, else what the body describes.
pub fn extract_talks(post: &Post) -> Extraction {
    match &post.talks {
        Some(listed) => Extraction {
            talks: listed
                .iter()
                .enumerate()
                .map(|(i, t)| Talk {
                    title: t.title.clone(),
                    speakers: t.speakers.clone(),
                    kind: t.kind,
                    description: t.description.clone(),
                    video: t
                        .video
                        .iter()
                        .map(|v| links::video_url(v).unwrap_or_else(|| v.clone()))
                        .collect(),
                    slides: t.slides.clone(),
                    position: i as u32 + 1,
                })
                .collect(),
            warnings: Vec::new(),
        },
        None => extract_from_markdown(&post.body, &post.title),
    }
}

/// The kind of session a piece of text speaks of.
pub(crate) fn kind_of(low: &str) -> Kind {
    if ["lightning", "flash talk", "short talk", "flash-talk"]
        .iter()
        .any(|w| low.contains(w))
    {
        Kind::Lightning
    } else if ["workshop", "tutorial", "hands-on", "hands on"]
        .iter()
        .any(|w| low.contains(w))
    {
        Kind::Workshop
    } else if low.contains("panel") {
        Kind::Panel
    } else {
        Kind::Talk
    }
}

/// Heading words that name a part of a report, not a session.
const SECTION_WORDS: &[&str] = &[
    "agenda", "talks", "talk", "workshop", "workshops", "address", "venue", "minutes", "general", "summary", "photos",
    "pics", "pictures", "installation", "schedule", "about", "conclusion", "thanks", "sponsors", "speakers",
    "lightning", "updates", "announcements", "links", "resources", "from", "the", "meetup", "some", "of", "and",
    "session", "sessions", "report", "notes", "videos", "video", "slides", "rsvp", "date", "time", "when", "where",
    "what", "next", "important", "dates", "suggestions", "site", "feedback", "planning", "blog", "a", "to", "for",
    "on", "in", "at", "our", "day", "event", "details", "registration", "sprint", "projects",
];

fn is_section_heading(text: &str) -> bool {
    let low = text.to_lowercase();
    low.ends_with('?')
        || low
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| SECTION_WORDS.contains(&w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// Proposals of the agenda reader: list items, table rows and headings shaped like
/// "Title - Speaker". Lists about sprints or projects are not agendas.
fn agenda_candidates(blocks: &[Block]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut context = String::new();
    for (i, block) in blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Item { .. } | BlockKind::TableRow | BlockKind::Heading(_) => {
                let low_ctx = context.to_lowercase();
                if low_ctx.contains("sprint") || low_ctx.contains("project") {
                    continue;
                }
                if let Some(line) = agenda::read_line(block) {
                    let kind = line.kind.unwrap_or_else(|| {
                        let k = kind_of(&block.text.to_lowercase());
                        if k == Kind::Talk { kind_of(&low_ctx) } else { k }
                    });
                    out.push(Candidate {
                        title: Some(line.title),
                        speakers: line.speakers,
                        kind: if kind == Kind::Panel { Kind::Talk } else { kind },
                        block: i,
                        at: 0,
                        source: if matches!(block.kind, BlockKind::Heading(_)) {
                            Source::Heading
                        } else {
                            Source::Agenda
                        },
                        explicit: true,
                    });
                }
                if let BlockKind::Heading(_) = block.kind {
                    context = block.text.clone();
                }
            }
            BlockKind::Paragraph if block.item_depth == 0 && block.text.len() < 200 => {
                context = block.text.clone();
            }
            _ => {}
        }
    }
    out
}

/// Where each proposal's own text ends: the next proposal, a heading, or (for a list item) the
/// end of that item.
fn extent_end(blocks: &[Block], cands: &[Candidate], k: usize) -> (usize, usize) {
    let c = &cands[k];
    let next = cands.get(k + 1).map(|n| (n.block, n.at)).unwrap_or((blocks.len(), 0));
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
    [
        "thank", "see you", "next meetup", "in case you", "in case if", "hope you", "sponsor", "pics from",
        "some pics", "photos from", "snapshots",
    ]
    .iter()
    .any(|w| low.contains(w))
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
            if let Some(v) = links::video_url(&l.url) {
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
            let material_word = text.contains("blog")
                || [
                    "here", "slides", "slide", "code", "presentation", "notebook", "repo", "demo", "content",
                    "material", "blog",
                ]
                .iter()
                .any(|w| text == *w || text.starts_with(&format!("{w} ")) || text.ends_with(&format!(" {w}")));
            let material = (links::is_material_url(&l.url) || material_word) && !links::is_profile_url(&l.url);
            if material && !names_link && !l.url.contains("meetup.com") && !slides.contains(&l.url) {
                slides.push(l.url.clone());
            }
        }
    }
    (video, slides)
}

/// A plain-text description: the anchor's sentence onwards, and the paragraphs after it.
fn describe(blocks: &[Block], start: (usize, usize), end: (usize, usize)) -> String {
    let mut parts: Vec<&str> = Vec::new();
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
            let t = t.trim();
            if !t.is_empty() {
                parts.push(t);
            }
        }
    }
    let mut s = parts.join(" ");
    if s.len() > 1200 {
        let mut cut = 1200;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        if let Some(sp) = s.rfind(' ') {
            s.truncate(sp);
        }
        s.push('…');
    }
    s
}

fn words(s: &str) -> Vec<String> {
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

pub(crate) fn same_speaker(a: &[String], b: &[String]) -> bool {
    let set = |v: &[String]| -> Vec<String> { v.iter().flat_map(|n| words(n)).collect() };
    let (sa, sb) = (set(a), set(b));
    sa.iter().any(|w| sb.contains(w))
}

/// Finds the sessions described in a Markdown body. The post's title helps name the session
/// of a post that reports a single workshop without stating its title.
pub fn extract_from_markdown(markdown: &str, post_title: &str) -> Extraction {
    let blocks = blocks::parse_blocks(markdown);
    let mut cands = agenda_candidates(&blocks);
    let taken: Vec<usize> = cands.iter().map(|c| c.block).collect();
    let mut section_heading: Option<usize> = None;
    for (i, b) in blocks.iter().enumerate() {
        match b.kind {
            BlockKind::Heading(_) => {
                section_heading = (!is_section_heading(&b.text) && !taken.contains(&i)).then_some(i);
            }
            BlockKind::Paragraph | BlockKind::Item { .. } if !taken.contains(&i) => {
                let found = prose::paragraph_candidates(b, i);
                for mut c in found {
                    if let Some(h) = section_heading.take() {
                        // A heading per talk: the heading is the title, the prose names the speaker.
                        c.title = Some(text::tidy_title(&blocks[h].text));
                        c.block = h;
                        c.at = 0;
                        c.source = Source::Heading;
                    }
                    cands.push(c);
                }
            }
            _ => {}
        }
    }
    cands.sort_by_key(|c| (c.block, c.at));
    implied::imply_titles(&blocks, &mut cands, post_title);
    cands.retain(|c| c.title.is_some());

    // One session mentioned twice (an agenda line, then the report of it) is one session.
    let mut merged: Vec<(Candidate, Vec<usize>)> = Vec::new();
    for (k, c) in cands.iter().enumerate() {
        let title = c.title.clone().unwrap_or_default();
        let dup = merged.iter().position(|(m, _)| {
            let mt = m.title.as_deref().unwrap_or("");
            (same_title(mt, &title) && (same_speaker(&m.speakers, &c.speakers) || m.source != c.source))
                || ((m.source != c.source || !c.explicit)
                    && c.source == Source::Prose
                    && same_speaker(&m.speakers, &c.speakers))
        });
        match dup {
            Some(d) => merged[d].1.push(k),
            None => merged.push((c.clone(), vec![k])),
        }
    }

    let mut talks = Vec::new();
    for (pos, (c, members)) in merged.iter().enumerate() {
        let mut video = Vec::new();
        let mut slides = Vec::new();
        let mut description = String::new();
        for &k in members {
            let start = (cands[k].block, cands[k].at);
            let end = extent_end(&blocks, &cands, k);
            let (v, s) = collect_links(&blocks, start, end, &c.speakers);
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
            let d = describe(&blocks, start, end);
            if !d.is_empty() && !description.contains(&d) {
                if !description.is_empty() {
                    description.push(' ');
                }
                description.push_str(&d);
            }
        }
        talks.push(Talk {
            title: c.title.clone().unwrap_or_default(),
            speakers: c.speakers.clone(),
            kind: c.kind,
            description,
            video,
            slides,
            position: pos as u32 + 1,
        });
    }
    Extraction {
        talks,
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_report_with_videos_and_slides() {
        let md = "We met at Acme.\n\nThe *first* talk was by Meera Iyer on **Tries in Practice**. Code is [here](https://github.com/meera/tries).\n\n[![t](http://img.youtube.com/vi/aaaaaaaaaaa/2.jpg)](https://www.youtube.com/watch?v=aaaaaaaaaaa)\n\nThe *second* talk was by Omar Said about **Profiling with perf**.\n\n<iframe src=\"https://www.youtube.com/embed/bbbbbbbbbbb\"></iframe>\n\nThanks to Acme for hosting. See you [next time](https://www.meetup.com/x/).\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 2, "{:?}", e.talks);
        let t = &e.talks[0];
        assert_eq!(t.title, "Tries in Practice");
        assert_eq!(t.speakers, vec!["Meera Iyer"]);
        assert_eq!(t.video, vec!["https://www.youtube.com/watch?v=aaaaaaaaaaa"]);
        assert_eq!(t.slides, vec!["https://github.com/meera/tries"]);
        assert!(
            t.description.starts_with("The first talk was by Meera Iyer"),
            "{}",
            t.description
        );
        let t = &e.talks[1];
        assert_eq!(t.video, vec!["https://www.youtube.com/watch?v=bbbbbbbbbbb"]);
        assert!(t.slides.is_empty());
        assert!(!t.description.contains("Thanks"));
        assert_eq!(t.position, 2);
    }

    #[test]
    fn agenda_list_with_continuation_paragraphs() {
        let md = "Agenda\n\n1. Intro to Pycassa - [Shoaib](https://twitter.com/s)\n\n    The talk starts with Cassandra's data model.\n\n2. Logging for large projects - [Fayaz](https://twitter.com/f).\n\nPlease install Python 3.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 2, "{:?}", e.talks);
        assert_eq!(e.talks[0].title, "Intro to Pycassa");
        assert!(e.talks[0].description.contains("data model"));
        assert_eq!(e.talks[1].speakers, vec!["Fayaz"]);
        assert!(!e.talks[1].description.contains("install"));
    }

    #[test]
    fn a_heading_per_talk() {
        let md = "## Agenda\n\nTwo talks.\n\n## Garbage Collector in Python\n\nRivas Hameed spoke about reference counting and cycles.\n\n## Concurrency and Parallelism\n\nThis one was presented by Piyus Gupta, with threads and processes.\n";
        let e = extract_from_markdown(md, "");
        let got: Vec<_> = e.talks.iter().map(|t| (t.title.as_str(), t.speakers.clone())).collect();
        assert_eq!(
            got,
            vec![
                ("Garbage Collector in Python", vec!["Rivas Hameed".to_string()]),
                ("Concurrency and Parallelism", vec!["Piyus Gupta".to_string()])
            ]
        );
    }

    #[test]
    fn agenda_and_report_of_the_same_talk_merge() {
        let md = "**Agenda**\n\n- Kiran Rao - \"Memoirs of a Maintainer\"\n- Lunch\n\nKiran Rao gave a talk about the early days of the group.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 1, "{:?}", e.talks);
        assert_eq!(e.talks[0].title, "Memoirs of a Maintainer");
        assert!(e.talks[0].description.contains("early days"));
    }

    #[test]
    fn a_workshop_report_without_a_stated_title() {
        let md = "The March meetup took place at Acme. [Leela][] facilitated the workshop and [Tom][] helped.\n\nThe content was about building command line tools with Click. We began at ten.\n\nThe material is [on GitHub](https://github.com/leela/click-tools).\n\n[Leela]: https://twitter.com/leela\n[Tom]: https://twitter.com/tom\n";
        let e = extract_from_markdown(md, "March 2019 Meetup report");
        assert_eq!(e.talks.len(), 1, "{:?}", e.talks);
        let t = &e.talks[0];
        assert_eq!(t.title, "Building command line tools with Click");
        assert_eq!(t.speakers, vec!["Leela"]);
        assert_eq!(t.kind, Kind::Workshop);
        assert_eq!(t.slides, vec!["https://github.com/leela/click-tools"]);

        // Nothing in the text says what it was about: the post's title does.
        let md = "[Ravi](https://github.com/ravi) started the session at ten and showed how to write test suites.\n";
        let e = extract_from_markdown(md, "Property Testing Workshop – May 2019");
        assert_eq!(e.talks.len(), 1, "{:?}", e.talks);
        assert_eq!(e.talks[0].title, "Property Testing Workshop");
        assert_eq!(e.talks[0].speakers, vec!["Ravi"]);
        assert!(extract_from_markdown(md, "May 2019 Meetup").talks.is_empty());
    }

    #[test]
    fn two_presenters_of_one_workshop_are_one_session() {
        let md = "The workshop was an introduction to time series. The presenters were [Ana](https://twitter.com/ana) and [Bo](https://twitter.com/bo).\n\nAt noon [Cy](https://twitter.com/cy) took over the session and covered forecasting.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 1, "{:?}", e.talks);
        assert_eq!(e.talks[0].title, "Introduction to time series");
        assert_eq!(e.talks[0].speakers, vec!["Ana", "Bo", "Cy"]);
    }

    #[test]
    fn a_later_aside_about_a_speaker_is_not_a_new_talk() {
        let md = "The *first* talk was by Naveen Rao on **Kubernetes Basics**.\n\nDuring the break Naveen also spoke about how his team deploys Python.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 1, "{:?}", e.talks);
        assert!(e.talks[0].description.contains("deploys Python"));
    }

    #[test]
    fn a_post_without_talks_gives_none() {
        let md = "# Dev sprint\n\nWe hacked on projects all day.\n\n- project one - Anand\n- project two - Meera\n\nThanks to all who came.\n";
        assert!(extract_from_markdown(md, "").talks.is_empty());
    }

    #[test]
    fn front_matter_talks_win() {
        let text = "---\ntalks:\n  - title: Listed\n    speakers: [A B]\n    video: https://youtu.be/aaaaaaaaaaa\n---\nThe first talk was by Meera Iyer on **Other**.\n";
        let post = crate::post::parse_post("x.md", text, &crate::permalink::Permalink::default()).unwrap();
        let e = extract_talks(&post);
        assert_eq!(e.talks.len(), 1);
        assert_eq!(e.talks[0].title, "Listed");
        assert_eq!(e.talks[0].video, vec!["https://www.youtube.com/watch?v=aaaaaaaaaaa"]);
    }
}
