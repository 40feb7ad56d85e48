//! Finding the sessions a post describes.
//!
//! A post's own front-matter `talks:` list wins. Otherwise the Markdown body is parsed into
//! [`blocks`], and several readers propose sessions, each anchored at a place in the text:
//! headings with labelled fields ([`fields`]: "## Title" + "**Speaker:** Ann"), [`agenda`] lines
//! ("Title - Speaker", "Title, by [Ann](...)" list items, table rows, headings), headings with a
//! presenter in their section, [`prose`] sentences ("The third talk was presented by ..."), and
//! sentences [`lead`] by a presenter set apart in bold or a link ("**Ann** walked us through
//! ..."), taken when the post shows that shape is its way of giving talks; plain names of people
//! the post or the blog shows presenting ([`people`]) count too. Each proposal carries one
//! [`Confidence`] from its evidence. The proposals are then merged (an agenda line and the report
//! of the same talk are one session, named by the surer sighting), and each session takes the
//! text, videos and slide links that follow its anchor up to the next proposal (a heading's
//! session, up to the next one as sure as it); a recording no session's text holds is the whole
//! evening's.
//!
//! Everything here is pure: text in, talks out.

pub(crate) mod agenda;
pub mod blocks;
mod fields;
mod implied;
mod lead;
pub mod links;
mod merge;
pub mod names;
mod people;
mod prose;
pub(crate) mod text;

use blocks::{Block, BlockKind};
pub(crate) use merge::same_title;
pub use people::Presenters;
use people::{known_presenters_leads, name_handles_from_their_text};
pub(crate) use people::{same_person, same_speaker};

use crate::guard;
use crate::post::{Post, PostError};
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
    pub confidence: Confidence,
}

/// How sure its reader is that a proposal is a session, from the evidence the text gives.
/// Where two proposals meet, the surer one decides: the same session seen twice takes the
/// title of the surer sighting, and a heading's session keeps its section's text from
/// weaker proposals inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Confidence {
    /// A person doing something that may be presenting, no session named ("Naveen also spoke
    /// about ..."): more of an earlier session by that person, where there is one.
    Mention,
    /// A plain name opening a sentence with a presenting verb, someone the post, a photo's
    /// caption or another post of the blog shows presenting ("Mitch shared ...").
    Known,
    /// A name set apart (linked, bold, a handle) opening a sentence with a presenting verb in
    /// a post written that way, a heading whose text opens with its presenter, or an item of
    /// a list of talks that names no one.
    Led,
    /// The text states the session: a line, caption or heading pairing a title with its
    /// presenter, labelled fields, a sentence naming a talk, a workshop or a speaker.
    Stated,
}

/// What extraction found in one post, with notes for the author where text looked like a
/// session but could not be read as one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extraction {
    pub talks: Vec<Talk>,
    pub warnings: Vec<Warning>,
    /// The post's visible text that no session's description took, a line per paragraph:
    /// nothing a post says is left unsearchable because extraction did not read it as a talk.
    pub rest: String,
    /// The words of the names its links give what they point at ([`links::name_words`]), a line
    /// per link: not text a reader sees, but often the name of a talk's slides or code.
    pub link_words: String,
    /// Plain names that open a sentence with a presenting verb ("Mitch shared ...") and that
    /// nothing in the post shows presenting: read again when another post of the blog does
    /// ([`Presenters::may_help`]).
    pub openers: Vec<String>,
    /// How the readers came to each of `talks` (in their order): evidence for the model that
    /// judges them ([`crate::learn`]). Empty for talks listed in the front matter.
    pub evidence: Vec<Evidence>,
}

/// How a reader came to propose a session.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evidence {
    /// Which reader: "agenda", "heading" or "prose".
    pub source: &'static str,
    /// How sure it was: "mention", "known", "led" or "stated".
    pub confidence: &'static str,
    /// The block its title was read from, and where in the block's text.
    pub block: usize,
    pub at: usize,
    /// How many places of the post it was seen in.
    pub sightings: usize,
}

impl Evidence {
    fn of(c: &Candidate, sightings: usize) -> Evidence {
        Evidence {
            source: match c.source {
                Source::Agenda => "agenda",
                Source::Heading => "heading",
                Source::Prose => "prose",
            },
            confidence: match c.confidence {
                Confidence::Mention => "mention",
                Confidence::Known => "known",
                Confidence::Led => "led",
                Confidence::Stated => "stated",
            },
            block: c.block,
            at: c.at,
            sightings,
        }
    }
}

/// [`Extraction::link_words`] of a post's blocks.
fn link_words(blocks: &[Block]) -> String {
    let mut names: Vec<String> = Vec::new();
    for l in blocks.iter().flat_map(|b| &b.links).filter(|l| !l.image) {
        if let Some(name) = links::name_words(&l.url)
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    names.join("\n")
}

/// A place in a post that reads like a session but could not be read as one, so that its
/// author can fix the text or list the talk in the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The line of the post (of the body, for [`extract_from_markdown`]) where the paragraph
    /// starts.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

fn line_of(markdown: &str, offset: usize) -> usize {
    markdown.get(..offset).unwrap_or(markdown).matches('\n').count() + 1
}

/// The post's sessions: its front-matter `talks:` if it has them, else what the body describes.
pub fn extract_talks(post: &Post) -> Extraction {
    extract_talks_knowing(post, &Presenters::default())
}

/// [`extract_talks`], knowing people who present in other posts of the blog: a sentence that
/// opens with one of them by a plain name and a presenting verb is read as their session, where
/// the post gives the same evidence it needs for a name set apart (see [`lead::evidence`]).
pub fn extract_talks_knowing(post: &Post, presenters: &Presenters) -> Extraction {
    let mut found = read_talks(post, presenters);
    keep_safe_links(post, &mut found);
    found
}

/// [`extract_talks_knowing`] behind the boundary that keeps a bug met by one post inside it: if
/// extraction panics on `post`, the post gets no talks, its whole text is its own (nothing it
/// says becomes unsearchable), and [`Post::problem`] says what failed, for the caller to report
/// and to keep an earlier good version of the post if it has one.
pub fn extract_talks_guarded(post: &mut Post, presenters: &Presenters) -> Extraction {
    extract_guarded(post, |post| extract_talks_knowing(post, presenters))
}

/// `extract` of `post` behind the boundary, as [`extract_talks_guarded`] does it.
pub fn extract_guarded(post: &mut Post, extract: impl FnOnce(&Post) -> Extraction) -> Extraction {
    match guard::catch(|| extract(post)) {
        Ok(found) => found,
        Err(panic) => {
            post.problem = Some(PostError::Panicked {
                stage: "extracting its talks",
                message: panic.message,
            });
            Extraction {
                rest: guard::catch(|| plain_text(&post.body)).unwrap_or_else(|_| post.body.clone()),
                ..Extraction::default()
            }
        }
    }
}

/// Only web and relative addresses leave extraction as a talk's video or slides or a speaker's
/// links (see [`links::safe_url`]); relative ones are resolved against the post's URL. Every
/// other one is dropped, and the author hears where it was.
pub(crate) fn keep_safe_links(post: &Post, found: &mut Extraction) {
    let mut dropped = Vec::new();
    for talk in &mut found.talks {
        for list in [&mut talk.video, &mut talk.slides] {
            for url in only_safe(list, &post.url) {
                dropped.push((format!("of \"{}\"", talk.title), url, "a talk's video or slides"));
            }
        }
        for (name, list) in &mut talk.speaker_links {
            // A handle written beside the name is kept as it is: evidence, never a link.
            let handles: Vec<String> = list.iter().filter(|l| names::is_handle(l)).cloned().collect();
            list.retain(|l| !names::is_handle(l));
            for url in only_safe(list, &post.url) {
                dropped.push((format!("of {name}"), url, "a speaker's links"));
            }
            list.extend(handles);
        }
        talk.speaker_links.retain(|_, list| !list.is_empty());
    }
    // In the front matter, a talk's own entry: after the `talks` key.
    let talks_at = post.front_matter.find("talks").unwrap_or(0);
    for (whose, url, kept_as) in dropped {
        let needle = url.trim();
        let in_front = post.front_matter[talks_at..].find(needle).map(|at| talks_at + at);
        let line = match (in_front, post.body.find(needle)) {
            (Some(at), _) if post.talks.is_some() => line_of(&post.front_matter, at),
            (_, Some(at)) => post.body_line + line_of(&post.body, at),
            (Some(at), None) => line_of(&post.front_matter, at),
            (None, None) => post.body_line + 1,
        };
        let shown: String = needle.chars().take(40).collect();
        found.warnings.push(Warning {
            line,
            message: format!(
                "the link {shown:?} {whose} was left out: only http:, https: and relative links are \
                 kept as {kept_as}"
            ),
        });
    }
    found.warnings.sort_by_key(|w| w.line);
}

/// Keeps the web and relative addresses of `list` (resolved against `base`, once each);
/// returns the others. A link to the post itself ("#", "") is dropped quietly.
fn only_safe(list: &mut Vec<String>, base: &str) -> Vec<String> {
    let mut kept: Vec<String> = Vec::with_capacity(list.len());
    let mut unsafe_urls = Vec::new();
    for url in list.drain(..) {
        if url.trim().is_empty() || url.trim().starts_with('#') {
            continue;
        }
        match links::safe_url(&url, base) {
            Some(safe) if !kept.contains(&safe) => kept.push(safe),
            Some(_) => {}
            None => unsafe_urls.push(url),
        }
    }
    *list = kept;
    unsafe_urls
}

/// The talks of `post`, before its links are checked.
fn read_talks(post: &Post, presenters: &Presenters) -> Extraction {
    match &post.talks {
        Some(listed) => {
            // The listed talks take none of the body's text: all of it is the post's own.
            let parsed = blocks::parse(&post.body);
            let mut found = Extraction {
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
                        speaker_links: Default::default(),
                    })
                    .collect(),
                warnings: Vec::new(),
                rest: merge::unclaimed_text(&parsed.blocks, &mut [], &parsed.other_text),
                link_words: link_words(&parsed.blocks),
                openers: Vec::new(),
                evidence: Vec::new(),
            };
            people::link_speakers(&parsed.blocks, &mut found.talks);
            found
        }
        None => {
            let mut found = extract_knowing(&post.body, &post.title, presenters);
            for w in &mut found.warnings {
                w.line += post.body_line;
            }
            found
        }
    }
}

/// The words of a Markdown text as a reader sees them, a line per block, read with nothing but
/// the Markdown parser: the text of a post that extraction failed on, so that all it says is
/// still searchable.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            // The words between tags, not the tags.
            Event::InlineHtml(t) | Event::Html(t) => {
                let mut inside = false;
                for c in t.chars() {
                    match c {
                        '<' => inside = true,
                        '>' if inside => {
                            inside = false;
                            out.push(' ');
                        }
                        c if !inside => out.push(c),
                        _ => {}
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableCell,
            ) => out.push('\n'),
            _ => {}
        }
    }
    out
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
    "on", "in", "at", "our", "day", "event", "details", "registration", "sprint", "projects", "house", "keeping",
    "housekeeping", "news", "jobs", "intro", "credits", "closing", "opening", "welcome", "demo", "demos",
];

pub(crate) fn is_section_heading(text: &str) -> bool {
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
    let mut context_is_heading = false;
    // Top-level items of lists under a heading that speaks of talks, by list: (block, read).
    let mut talk_lists: Vec<(usize, Vec<(usize, bool)>)> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        // "![Ann Lee: Fuzzing parsers](photo.jpg)": the photo's alternative text names the talk.
        for caption in &block.captions {
            if let Some(line) = agenda::read_caption(caption) {
                out.push(caption_candidate(line, i));
            }
        }
        match block.kind {
            BlockKind::Item { .. } | BlockKind::TableRow | BlockKind::Heading(_) => {
                let low_ctx = context.to_lowercase();
                let heading = matches!(block.kind, BlockKind::Heading(_));
                let mut ctx_words = low_ctx.split(|c: char| !c.is_alphanumeric());
                // Lists of projects, news and jobs name people beside things that are no talks.
                let not_talks = ["sprint", "project", "projects", "news", "jobs", "hiring"];
                // A list a paragraph introduces as links to read ("mentioned these links:") is
                // material, not an agenda.
                let reading_words = [
                    "link", "links", "mentioned", "recommended", "reading", "resources", "learn", "learning",
                ];
                let introduces_reading = !context_is_heading && low_ctx.trim_end().ends_with(':');
                let skip = !heading
                    && ctx_words.any(|w| {
                        not_talks.contains(&w)
                            || w.starts_with("sprint")
                            || introduces_reading && reading_words.contains(&w)
                    });
                let read = agenda::read_line(block).filter(|_| !skip);
                if let BlockKind::Item { list, depth: 0, .. } = block.kind
                    && context_is_heading
                    && lead::speaks_of_talks(&context)
                {
                    match talk_lists.iter_mut().find(|(l, _)| *l == list) {
                        Some((_, items)) => items.push((i, read.is_some())),
                        None => talk_lists.push((list, vec![(i, read.is_some())])),
                    }
                }
                if let Some(line) = read {
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
                        confidence: Confidence::Stated,
                    });
                }
                if let BlockKind::Heading(_) = block.kind {
                    context = block.text.clone();
                    context_is_heading = true;
                }
            }
            BlockKind::Paragraph if block.item_depth == 0 && block.text.len() < 200 => {
                // A short line under a photo, or with it, is its caption.
                let photo = |b: &Block| b.links.iter().any(|l| l.image);
                let under_photo = photo(block) || i > 0 && blocks[i - 1].is_blank() && photo(&blocks[i - 1]);
                if under_photo && let Some(line) = agenda::read_caption(&block.text) {
                    out.push(caption_candidate(line, i));
                }
                context = block.text.clone();
                context_is_heading = false;
            }
            // A long paragraph ending in a colon introduces the list after it all the same.
            BlockKind::Paragraph if block.item_depth == 0 && block.text.ends_with(':') => {
                let tail = block.text.len().saturating_sub(120);
                let tail = (tail..block.text.len())
                    .find(|&i| block.text.is_char_boundary(i))
                    .unwrap_or(0);
                context = block.text[tail..].to_string();
                context_is_heading = false;
            }
            _ => {}
        }
    }
    // "## Talks" then "1. Ruby Recap" among items that name their speakers: every item of a
    // list of talks is a talk, named or not.
    for (_, items) in talk_lists {
        if !items.iter().any(|&(_, read)| read) {
            continue;
        }
        for &(i, _) in items.iter().filter(|(_, read)| !read) {
            if let Some(title) = agenda::unnamed_item_title(blocks, i) {
                out.push(Candidate {
                    kind: kind_of(&title.to_lowercase()),
                    title: Some(title),
                    speakers: Vec::new(),
                    block: i,
                    at: 0,
                    source: Source::Agenda,
                    confidence: Confidence::Led,
                });
            }
        }
    }
    out.sort_by_key(|c| c.block);
    out
}

/// A session a photo's caption names, anchored at the photo's block.
fn caption_candidate(line: agenda::AgendaLine, block: usize) -> Candidate {
    Candidate {
        title: Some(line.title),
        speakers: line.speakers,
        kind: Kind::Talk,
        block,
        at: 0,
        source: Source::Agenda,
        confidence: Confidence::Stated,
    }
}

/// Whether `title` is only the text of a code span of `block` and a word of `phrase`.
fn code_span_inside(block: &Block, title: &str, phrase: &str) -> bool {
    block
        .marks
        .iter()
        .any(|m| m.style == blocks::Style::Code && block.text[m.range.clone()] == *title)
        && phrase.contains(title)
}

/// Keeps the items at the positions `keep` says yes to.
pub(crate) fn retain_indexed<T>(items: &mut Vec<T>, keep: impl Fn(usize) -> bool) {
    let mut at = 0;
    items.retain(|_| {
        at += 1;
        keep(at - 1)
    });
}

/// Finds the sessions described in a Markdown body. The post's title helps name the session
/// of a post that reports a single workshop without stating its title.
pub fn extract_from_markdown(markdown: &str, post_title: &str) -> Extraction {
    extract_knowing(markdown, post_title, &Presenters::default())
}

/// [`extract_from_markdown`], knowing the `presenters` of other posts of the blog.
pub fn extract_knowing(markdown: &str, post_title: &str, presenters: &Presenters) -> Extraction {
    let blocks::Parsed { blocks, other_text, .. } = blocks::parse(markdown);
    // A heading with labelled fields is read from its fields first: "## Title (Topic)" then
    // "**Speaker:** Ann" has its presenter in the field, not in the brackets.
    let (headed, fields) = fields::heading_sessions(&blocks);
    let mut taken: Vec<usize> = headed.iter().map(|c| c.block).chain(fields).collect();
    let mut cands: Vec<Candidate> = agenda_candidates(&blocks)
        .into_iter()
        .filter(|c| !taken.contains(&c.block))
        .collect();
    taken.extend(cands.iter().map(|c| c.block));
    cands.extend(headed);
    let led = lead::evidence(&blocks);
    let mut section_heading: Option<usize> = None;
    // Whether the block is the first with words under its heading.
    let mut section_first = false;
    // Headings whose first sentence opens with a plain name and a verb ("Ann explained ..."):
    // talks when the post gives other talks a heading each.
    let mut plain_led: Vec<Candidate> = Vec::new();
    let mut parts_of_one = false;
    let mut unread = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        match b.kind {
            BlockKind::Heading(_) => {
                section_heading = (!is_section_heading(&b.text) && !taken.contains(&i)).then_some(i);
                section_first = true;
            }
            BlockKind::Paragraph | BlockKind::Item { .. } if !taken.contains(&i) => {
                let first = section_first;
                section_first = first && b.is_blank();
                // "Bo began this session ...": the headings are the parts of one session.
                let low = b.text.to_lowercase();
                parts_of_one |= first
                    && ["this session", "this final session", "this part"]
                        .iter()
                        .any(|w| low.contains(w));
                let mut found = prose::paragraph_candidates(b, i);
                if found.is_empty()
                    && first
                    && let Some(h) = section_heading
                    && let Some(name) = lead::plain_presenter(b)
                    && !same_person(&blocks[h].text, &name)
                    && !agenda::is_housekeeping(&blocks[h].text)
                {
                    plain_led.push(Candidate {
                        title: Some(text::tidy_title(&blocks[h].text)),
                        speakers: vec![name],
                        kind: kind_of(&blocks[h].text.to_lowercase()),
                        block: h,
                        at: 0,
                        source: Source::Heading,
                        confidence: Confidence::Led,
                    });
                    section_heading = None;
                    continue;
                }
                // A paragraph led by its presenter, in a post written that way.
                if led[i] {
                    for c in lead::lead_candidates(b, i) {
                        match found.iter().position(|f| f.at == c.at) {
                            // A title the prose reader took from a code span inside the
                            // phrase ("testing with `StreamData`") is a word of the phrase.
                            Some(k)
                                if found[k]
                                    .title
                                    .as_deref()
                                    .is_some_and(|t| !code_span_inside(b, t, c.title.as_deref().unwrap_or(""))) => {}
                            // The lead's reading of the sentence, as sure as the surer of the two.
                            Some(k) => {
                                let confidence = found[k].confidence.max(c.confidence);
                                found[k] = Candidate { confidence, ..c };
                            }
                            None => found.push(c),
                        }
                    }
                    found.sort_by_key(|c| c.at);
                }
                for sentence in prose::unread_sessions(b, &found) {
                    unread.push(Warning {
                        line: line_of(markdown, b.offset),
                        message: format!(
                            "\"{sentence}\" reads like a session, but no presenter was found: name them \
                             (\"by Name\") or list the talk under `talks:` in the front matter"
                        ),
                    });
                }
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
    if cands.iter().any(|c| c.source == Source::Heading) && !parts_of_one {
        cands.extend(plain_led);
    }
    let (known_led, openers) = known_presenters_leads(&blocks, &cands, &led, &taken, presenters);
    cands.extend(known_led);
    name_handles_from_their_text(&blocks, &mut cands);
    cands.sort_by_key(|c| (c.block, c.at));
    implied::imply_titles(&blocks, &mut cands, post_title);
    // A mention of a titled session's speaker that gives no title adds to that session; any
    // other untitled proposal is dropped.
    let kept: Vec<bool> = (0..cands.len())
        .map(|k| {
            cands[k].title.is_some()
                || cands[..k]
                    .iter()
                    .any(|m| m.title.is_some() && same_speaker(&m.speakers, &cands[k].speakers))
        })
        .collect();
    let mut warnings: Vec<Warning> = cands
        .iter()
        .zip(&kept)
        .filter(|(c, kept)| !**kept && c.confidence > Confidence::Mention)
        .map(|(c, _)| Warning {
            line: line_of(markdown, blocks[c.block].offset),
            message: format!(
                "{} presents a session here, but no title was found: put the title in **bold** or \
                 \"quotes\", or list the talk under `talks:` in the front matter",
                c.speakers.join(" and ")
            ),
        })
        .collect();
    retain_indexed(&mut cands, |k| kept[k]);

    let merged = merge::merge(&cands);
    let mut claimed = Vec::new();
    let mut talks = merge::sessions(&blocks, &cands, &merged, post_title, &mut claimed);
    people::link_speakers(&blocks, &mut talks);
    warnings.extend(unread);
    warnings.sort_by_key(|w| w.line);
    let rest = merge::unclaimed_text(&blocks, &mut claimed, &other_text);
    let evidence = merged
        .iter()
        .map(|(c, members)| Evidence::of(c, members.len()))
        .collect();
    Extraction {
        talks,
        warnings,
        rest,
        link_words: link_words(&blocks),
        openers,
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_every_word_and_no_markup() {
        let md = "# Night of *Tries*\n\n- **Ann** on `mmap`\n\n<div class=\"talk\"><h2>Heaps</h2></div>\n\n[slides](https://x.org/s)\n";
        let text = plain_text(md);
        for word in ["Night", "Tries", "Ann", "mmap", "Heaps", "slides"] {
            assert!(text.contains(word), "{word} in {text:?}");
        }
        for markup in ["*", "`", "<", "class", "https"] {
            assert!(!text.contains(markup), "{markup} in {text:?}");
        }
    }

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
    fn the_links_on_a_speakers_name_go_with_them() {
        let md = "## Agenda\n\n1. Parsing with PEG - [Lea Moreau](https://github.com/leamoreau)\n2. Rust for Pythonistas - Jan Berg ([@janb](https://twitter.com/janb))\n3. Fuzzing in CI - Lea Park (@leapark)\n\nAfter the break [Jan](https://janberg.dev) took questions and [the venue](https://example.org/venue) fed us. [Lea](https://lea.example.org) stayed late, and so did MaryLea Park (@mlpark).\n";
        let e = extract_from_markdown(md, "");
        let links: Vec<_> = e
            .talks
            .iter()
            .map(|t| (t.speakers.clone(), t.speaker_links.clone()))
            .collect();
        let one = |name: &str, urls: &[&str]| {
            std::collections::BTreeMap::from([(name.to_string(), urls.iter().map(|u| u.to_string()).collect())])
        };
        assert_eq!(
            links,
            vec![
                (
                    vec!["Lea Moreau".to_string()],
                    one("Lea Moreau", &["https://github.com/leamoreau"])
                ),
                // The handle linked beside the name, and the short form only one speaker has.
                (
                    vec!["Jan Berg".to_string()],
                    one("Jan Berg", &["https://twitter.com/janb", "https://janberg.dev"])
                ),
                // "Lea" alone could be either Lea: her link is no one's; the handle beside the
                // full name is kept as written.
                (vec!["Lea Park".to_string()], one("Lea Park", &["@leapark"])),
            ]
        );
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
    fn videos_under_a_label_that_repeats_a_title() {
        let md = "The second and third talks were by Lee Wong, the second one being about **Bytecode in Depth**.\n\nAfter tea, Lee continued with the third session, on **Parsing with PEG**.\n\n**Videos -**\n\n_Bytecode in Depth_\n[![b](http://img.youtube.com/vi/bbbbbbbbbbb/1.jpg)](https://www.youtube.com/watch?v=bbbbbbbbbbb)\n\n_Parsing with PEG_\n[![p](http://img.youtube.com/vi/ppppppppppp/1.jpg)](https://goo.gl/abcdef)\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 2, "{:?}", e.talks);
        assert_eq!(e.talks[0].video, vec!["https://www.youtube.com/watch?v=bbbbbbbbbbb"]);
        // A thumbnail around a short link: the link as written, and the video it shows.
        assert_eq!(
            e.talks[1].video,
            vec!["https://goo.gl/abcdef", "https://www.youtube.com/watch?v=ppppppppppp"]
        );
    }

    #[test]
    fn material_after_a_list_of_talks_is_shared() {
        let md = "- The first talk was by Ada Park on Type Hints in Practice.\n- The second talk was by Ben Ode on Packaging Today.\n\nSlides for all of them are in [our repo](https://github.com/acme/talks-2020).\n\nThe recording can be viewed here - [https://youtu.be/rrrrrrrrrrr](https://youtu.be/rrrrrrrrrrr)\n\nThanks to [Acme](https://acme.example.org) for hosting.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 2, "{:?}", e.talks);
        for t in &e.talks {
            assert_eq!(t.video, vec!["https://www.youtube.com/watch?v=rrrrrrrrrrr"]);
            assert_eq!(t.slides, vec!["https://github.com/acme/talks-2020"]);
        }
    }

    #[test]
    fn a_recording_of_the_whole_evening_goes_to_every_session_without_its_own() {
        let md = "Talks\n-----\n\n- Fuzzing parsers, by Ida Lund\n- Arenas in practice, by Tom Berg\n\n\
                  Lightning\n---------\n\n- Five editor tricks, by Ana Kim\n\n\
                  Recording\n---------\n\n\
                  [![evening](https://i9.ytimg.com/vi/eeeeeeeeeee/0.jpg)](https://youtu.be/eeeeeeeeeee)\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 3, "{:?}", e.talks);
        for t in &e.talks {
            assert_eq!(
                t.video,
                vec!["https://www.youtube.com/watch?v=eeeeeeeeeee"],
                "{}",
                t.title
            );
        }

        // A session with its own video keeps only that; a talk from elsewhere shown for
        // reference is nobody's recording.
        let md = "[Whole evening](https://www.youtube.com/watch?v=wwwwwwwwwww)\n\n\
                  The first talk was by Ida Lund on **Fuzzing parsers**.\n\n\
                  <iframe src=\"https://www.youtube.com/embed/fffffffffff\"></iframe>\n\n\
                  The second talk was by Tom Berg on **Arenas in practice**.\n\n\
                  A related talk from another conference: [here](https://www.youtube.com/watch?v=rrrrrrrrrrr)\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 2, "{:?}", e.talks);
        assert_eq!(e.talks[0].video, vec!["https://www.youtube.com/watch?v=fffffffffff"]);
        assert!(
            e.talks[1]
                .video
                .contains(&"https://www.youtube.com/watch?v=wwwwwwwwwww".to_string())
        );
    }

    #[test]
    fn a_list_of_links_to_read_is_material_not_an_agenda() {
        let md = "The first talk was by Ida Lund on **Fuzzing parsers**. At the end she mentioned a few links \
                  for learning more:\n\n\
                  - [Fuzzing at scale by Tom Berg](https://www.youtube.com/watch?v=ttttttttttt) (keynote)\n\
                  - [Grammars by example by Ana Kim](https://example.org/grammars.pdf)\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 1, "{:?}", e.talks);
        assert_eq!(e.talks[0].slides, vec!["https://example.org/grammars.pdf"]);
    }

    fn titles_and_first_speakers(e: &Extraction) -> Vec<(&str, &str)> {
        e.talks
            .iter()
            .map(|t| (t.title.as_str(), t.speakers[0].as_str()))
            .collect()
    }

    #[test]
    fn the_surer_sighting_of_a_session_names_it() {
        // The report reads a person doing something; the agenda after it states the session.
        let md = "[Ida Lund](https://github.com/idalund) walked us through her parser.\n\n\
                  [Tom Berg](https://github.com/tomberg) showed a fuzzer for config files.\n\n\
                  The agenda, for the record:\n\n\
                  - Parsing with PEG - Ida Lund\n\
                  - Fuzzing configs - Tom Berg\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(
            titles_and_first_speakers(&e),
            vec![("Parsing with PEG", "Ida Lund"), ("Fuzzing configs", "Tom Berg")]
        );
    }

    #[test]
    fn a_heading_session_keeps_its_section_from_weaker_proposals() {
        let md = "The evening opened with a short talk by Ida Lund on Rust.\n\n\
                  ## Arenas in practice\n\n- Speaker: Ida Lund\n\n\
                  Ida spoke about how arenas cut allocations in her parser.\n\n\
                  ## Fuzzing configs\n\n- Speaker: Tom Berg\n\nTom showed three fuzzers.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 3, "{:?}", e.talks);
        assert!(e.talks[1].description.contains("cut allocations"), "{:?}", e.talks[1]);
        // The mention belongs to the session whose section it is in, not the earlier one.
        assert!(!e.talks[0].description.contains("cut allocations"), "{:?}", e.talks[0]);
    }

    #[test]
    fn alike_titles_by_different_people_are_two_sessions() {
        let md = "The first talk was by Tom Berg on arenas in Zig.\n\n\
                  ## Arenas in Rust\n\n- Speaker: Ida Lund\n\nArenas, start to end.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(
            titles_and_first_speakers(&e),
            vec![("arenas in Zig", "Tom Berg"), ("Arenas in Rust", "Ida Lund")]
        );
        // A heading's "by" that the text shows to be part of the title names no one.
        let md = "## Writing Lexers by Hand\n\nOmar Said gave a talk on \"Writing lexers by Hand\" to a full room.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(
            titles_and_first_speakers(&e),
            vec![("Writing lexers by Hand", "Omar Said")]
        );
    }

    #[test]
    fn a_heading_per_talk_with_the_presenter_opening_its_text() {
        let md = "## Fuzzing parsers\n\nIda Lund presented three fuzzers.\n\n\
                  ## Arenas in practice\n\nTom Berg explained how arenas cut allocations.\n\n\
                  ## Closing\n\nAna Kim thanked the hosts.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(
            titles_and_first_speakers(&e),
            vec![("Fuzzing parsers", "Ida Lund"), ("Arenas in practice", "Tom Berg")]
        );
        // Alone, a heading over "Tom explained ..." is not enough to call it a talk.
        let md = "## Arenas in practice\n\nTom Berg explained how arenas cut allocations.\n";
        assert!(extract_from_markdown(md, "").talks.is_empty());
        // Nor when the headings are the parts of one workshop.
        let md = "## Setup\n\nIda Lund presented this session on the tools.\n\n\
                  ## Arenas\n\nTom Berg explained how arenas cut allocations.\n";
        assert_eq!(extract_from_markdown(md, "").talks.len(), 1);
    }

    #[test]
    fn a_handle_in_a_heading_is_named_by_the_text_under_it() {
        let md = "Puppet in anger by [@dhuck](https://twitter.com/dhuck)\n---\n\n\
                  Daniel Huck walked us through three years of manifests.\n\n\
                  Chef notes by [@ola](https://twitter.com/ola)\n---\n\nThe slides are below.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(
            titles_and_first_speakers(&e),
            vec![("Puppet in anger", "Daniel Huck"), ("Chef notes", "@ola")]
        );
    }

    #[test]
    fn photo_captions_that_name_a_talk() {
        let md = "We met at the library.\n\n![Ida Lund: Fuzzing parsers in the small](ida.jpg)\n\n\
                  She fuzzed three parsers live.\n\n<img src=\"tom.jpg\" alt=\"Tom Berg: Arenas in practice\">\n\n\
                  ![Group photo: everyone](all.jpg)\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(
            titles_and_first_speakers(&e),
            vec![
                ("Fuzzing parsers in the small", "Ida Lund"),
                ("Arenas in practice", "Tom Berg")
            ]
        );
        assert!(e.talks[0].description.contains("fuzzed three parsers"));

        let md = "![](ana.jpg)\nAna Kim: Reading flame graphs together\n\nA quick tour of perf.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 1, "{:?}", e.talks);
        assert_eq!(e.talks[0].speakers, vec!["Ana Kim"]);
    }

    #[test]
    fn a_heading_that_only_names_the_kind_of_session_is_no_title() {
        let md = "## Demos\n\n* Ida Lund [@idal](https://twitter.com/idal) will be demoing her \
                  budgeting app [Tide Chart](https://tidechart.example.org/)\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(titles_and_first_speakers(&e), vec![("Tide Chart", "Ida Lund")]);
    }

    #[test]
    fn a_plain_name_presents_when_the_post_shows_that_person_presenting() {
        let md = "**Ida Lund** walked us through arena allocators.\n\n\
                  **Tom Berg** showed a fuzzer for config files.\n\n\
                  Over pizza, Ida shared a sketch of a [tiny regex engine](https://github.com/ida/rx), \
                  Ana Kim brought cake.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(
            titles_and_first_speakers(&e),
            vec![
                ("Arena allocators", "Ida Lund"),
                ("Fuzzer for config files", "Tom Berg"),
                // Ida is the Ida Lund the post names in full.
                ("Sketch of a tiny regex engine", "Ida Lund")
            ]
        );
        // A photo captioned with the person presenting is the same evidence.
        let md = "## Short talks from the floor\n\n<img src=\"rob.jpg\" alt=\"Rob Berg presenting his lightning talk\">\n\n\
                  We ended with short talks. Ana brought cake, Rob showed his notes on parser combinators.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(
            titles_and_first_speakers(&e),
            vec![("Notes on parser combinators", "Rob")]
        );
        // The person of the session just named goes on with it: no second talk.
        let md = "The second talk was Lazy streams by Omar Said. Omar showed us how generators pause.\n";
        assert_eq!(extract_from_markdown(md, "").talks.len(), 1);
    }

    #[test]
    fn a_name_vouched_for_by_a_handle_presents_in_a_post_that_reports_sessions() {
        let report = "The first talk was by Omar Said on lazy streams.\n\n";
        let md = format!(
            "{report}After the break, Ida Lund ([@idalund](https://twitter.com/idalund)) from Northwind \
             demonstrated some of her favourite shortcuts for the new tablet as well as a plugin she \
             wrote for the drawing app on it over the winter holidays.\n"
        );
        let e = extract_from_markdown(&md, "");
        assert_eq!(
            titles_and_first_speakers(&e),
            vec![
                ("lazy streams", "Omar Said"),
                (
                    "Favourite shortcuts for the new tablet as well as a plugin she wrote",
                    "Ida Lund"
                )
            ]
        );
        // Without a session reported otherwise, a lone sentence says too little.
        let alone = &md[report.len()..];
        assert!(extract_from_markdown(alone, "").talks.is_empty());
        // Nor does a plain name without the handle.
        let plain = md.replace(" ([@idalund](https://twitter.com/idalund))", "");
        assert_eq!(extract_from_markdown(&plain, "").talks.len(), 1);
    }

    #[test]
    fn a_lead_sentence_titled_by_the_name_its_description_ends_with() {
        let md = "**Ida Lund** walked us through arena allocators.\n\n\
                  **Tom Berg** followed up with a dive into the language everyone loves to mock, Perl. \
                  His notes are online.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(
            titles_and_first_speakers(&e),
            vec![("Arena allocators", "Ida Lund"), ("Perl", "Tom Berg")]
        );
    }

    #[test]
    fn a_quoted_slides_link_under_a_report_is_the_talks_title() {
        let md = "**Ida Lund** gave an introduction to `Stream`, the lazy lists of the standard library.\n\n\
                  - [“All the Streams”](https://ida.example.org/talks/streams/) (slides)\n\
                  - <https://github.com/ida/streams-demo> (code)\n\n\
                  **Tom Berg** showed a fuzzer for config files.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(
            titles_and_first_speakers(&e),
            vec![("All the Streams", "Ida Lund"), ("Fuzzer for config files", "Tom Berg")]
        );
    }

    #[test]
    fn every_item_of_a_list_of_talks_is_a_talk_named_or_not() {
        let md = "## Talks (ten minutes each)\n\n1. Arena notes (Beginner)\n\n   * [Managing memory with arenas](arenas.pdf)\n\n\
                  1. Fuzzing config files - Tom Berg\n\n1. Pizza and drinks\n";
        let e = extract_from_markdown(md, "");
        let titles: Vec<&str> = e.talks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(
            titles,
            vec!["Arena notes: Managing memory with arenas", "Fuzzing config files"]
        );
        assert!(e.talks[0].speakers.is_empty());
        // A list under another heading, or with no speaker anywhere, is no list of talks.
        let md = "## Talks\n\n1. Arena notes\n1. Fuzzing config files\n";
        assert!(extract_from_markdown(md, "").talks.is_empty());
    }

    #[test]
    fn a_thank_you_inside_a_paragraph_does_not_end_the_session() {
        let md = "[Mo](https://twitter.com/mo) facilitated the workshop on async Python.\n\nOne attendee thanked Mo for the previous workshops too.\n\n[Find the material here](https://github.com/mo/async-workshop)\n\nThanks to Acme for the venue. Photos are [here](https://photos.example.org/album).\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 1, "{:?}", e.talks);
        assert_eq!(e.talks[0].slides, vec!["https://github.com/mo/async-workshop"]);
    }

    #[test]
    fn people_match_by_all_the_words_of_the_shorter_name() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(same_speaker(&s(&["Naveen"]), &s(&["Naveen Sivanandam"])));
        assert!(same_speaker(&s(&["Anand B Pillai"]), &s(&["Anand Pillai"])));
        assert!(!same_speaker(&s(&["Anand Pillai"]), &s(&["Anand Chitipothu"])));
    }

    #[test]
    fn warnings_point_at_sessions_that_could_not_be_read() {
        let md = "Intro.\n\nThe *first* talk was by Meera Iyer on **Tries**.\n\nThe second talk was on **Rust** and ran long.\n\n[Leela](https://twitter.com/l) facilitated the workshop.\n";
        let e = extract_from_markdown(md, "March 2019");
        assert_eq!(e.talks.len(), 1, "{:?}", e.talks);
        let lines: Vec<usize> = e.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, vec![5, 7], "{:?}", e.warnings);
        assert!(e.warnings[0].message.contains("no presenter"));
        assert!(
            e.warnings[1]
                .to_string()
                .starts_with("line 7: Leela presents a session")
        );
        assert!(extract_from_markdown("We met and talked.\n", "").warnings.is_empty());
    }

    #[test]
    fn a_post_without_talks_gives_none() {
        let md = "# Dev sprint\n\nWe hacked on projects all day.\n\n- project one - Anand\n- project two - Meera\n\nThanks to all who came.\n";
        assert!(extract_from_markdown(md, "").talks.is_empty());
    }

    #[test]
    fn front_matter_talks_win() {
        let text = "---\ntalks:\n  - title: Listed\n    speakers: [A B]\n    video: https://youtu.be/aaaaaaaaaaa\n---\nThe first talk was by Meera Iyer on **Other**.\n";
        let post = crate::post::parse_post("x.md", text, &crate::site::Site::default()).unwrap();
        let e = extract_talks(&post);
        assert_eq!(e.talks.len(), 1);
        assert_eq!(e.talks[0].title, "Listed");
        assert_eq!(e.talks[0].video, vec!["https://www.youtube.com/watch?v=aaaaaaaaaaa"]);
    }

    #[test]
    fn text_no_talk_takes_is_the_posts_own_and_front_matter_talks_take_none() {
        let text = "---\ntalks:\n  - title: Listed\n---\nWe met at the harbour hall.\n\nThe first talk was by Meera Iyer on **Other**.\n";
        let post = crate::post::parse_post("x.md", text, &crate::site::Site::default()).unwrap();
        let rest = extract_talks(&post).rest;
        assert!(rest.contains("harbour hall") && rest.contains("Meera Iyer"), "{rest}");

        let md = "Welcome to the spring meetup at the harbour hall.\n\n\
                  The *first* talk was by Meera Iyer on **Tries in Practice**. She drew tries on the board.\n\n\
                  ```\nlet trie = Trie::new();\n```\n\n\
                  Thanks to the corner shop for the pizza.\n";
        let e = extract_from_markdown(md, "");
        assert_eq!(e.talks.len(), 1);
        assert!(e.talks[0].description.contains("drew tries"));
        let rest = e.rest;
        assert!(rest.contains("harbour hall") && rest.contains("corner shop"), "{rest}");
        assert!(rest.contains("Trie::new()"), "code samples too: {rest}");
        assert!(!rest.contains("drew tries"), "what the talk took is the talk's: {rest}");
    }

    #[test]
    fn a_description_cut_short_leaves_the_rest_of_its_text_to_the_post() {
        let long = "The talk went deeper. ".repeat(80);
        let md = format!(
            "The *first* talk was by Meera Iyer on **Tries in Practice**. {long}Finally she mentioned quokkas.\n"
        );
        let e = extract_from_markdown(&md, "");
        assert!(e.talks[0].description.ends_with('…'));
        assert!(!e.talks[0].description.contains("quokkas"));
        assert!(e.rest.contains("quokkas"), "{}", e.rest);
    }

    #[test]
    fn links_give_the_names_of_what_they_point_at() {
        let md = "Slides: [here](https://example.org/talks/the_habit_of_tdd.pdf), code on \
                  [GitHub](https://github.com/ana/go-modules-tool). ![photo](https://example.org/img/crowd-shot.jpg)\n";
        assert_eq!(
            extract_from_markdown(md, "").link_words,
            "the habit of tdd\ngo modules tool"
        );
    }
}
