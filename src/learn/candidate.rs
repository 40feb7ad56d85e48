//! Every place a post can hold a session, as candidates for the model to judge: the sessions the
//! hand-written readers propose, and each heading, list item, table row, sentence and line of
//! code or HTML text, and the post itself. Recall is the point here: whatever no candidate
//! covers, no model can find, so candidates are cheap and many, and the model says which are
//! sessions and which of their words are the title and the speakers.

use std::ops::Range;

use crate::extract::blocks::{Block, BlockKind, Parsed, Style};
use crate::extract::{Evidence, Extraction, links, text};
use crate::post::Post;
use crate::talk::Talk;

use super::nearby::{Names, Nearby};

/// Where in a post a candidate was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A session a hand-written reader proposed from the body.
    Rule,
    /// A session the author listed in the front matter (`talks:`).
    Listed,
    /// A heading, with its level.
    Heading(u8),
    /// A list item, with its nesting.
    Item(usize),
    Row,
    /// A sentence of a paragraph.
    Sentence,
    /// A line of a code block or of an HTML block's text.
    Line,
    /// A line of a paragraph written over several lines.
    TextLine,
    /// The post itself: its title, with the opening of its body beside it.
    Post,
}

impl Origin {
    /// A short name, for features and for `--explain`.
    pub fn name(self) -> String {
        match self {
            Origin::Rule => "rule".into(),
            Origin::Listed => "listed".into(),
            Origin::Heading(l) => format!("h{l}"),
            Origin::Item(d) => format!("item{}", d.min(3)),
            Origin::Row => "row".into(),
            Origin::Sentence => "sentence".into(),
            Origin::Line => "line".into(),
            Origin::TextLine => "tline".into(),
            Origin::Post => "post".into(),
        }
    }

    /// Whether the model reads the title and speakers from the candidate's words (else they
    /// come with the proposal).
    pub fn is_structural(self) -> bool {
        !matches!(self, Origin::Rule | Origin::Listed)
    }
}

/// What a link in a candidate points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Profile,
    Material,
    Video,
    Other,
}

impl LinkKind {
    fn of(url: &str) -> LinkKind {
        if links::video_url(url).is_some() {
            LinkKind::Video
        } else if links::is_material_url(url) {
            LinkKind::Material
        } else if links::is_profile_url(url) {
            LinkKind::Profile
        } else {
            LinkKind::Other
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            LinkKind::Profile => "profile",
            LinkKind::Material => "material",
            LinkKind::Video => "video",
            LinkKind::Other => "other",
        }
    }
}

/// Which part of a candidate a token is in: its own text, the opening of the block after it
/// (where a heading's speaker often is), or, for the post itself, one of the front matter's
/// values ([`Candidate::front_keys`] names its key), where a page that is one session often
/// names who gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Main,
    Next,
    Front(u8),
}

/// A word or a mark of punctuation of a candidate, with how it was set.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub text: String,
    pub low: String,
    /// Where it is in its part's text.
    pub range: Range<usize>,
    pub part: Part,
    pub word: bool,
    pub bold: bool,
    pub emphasis: bool,
    pub code: bool,
    pub link: Option<LinkKind>,
    /// Inside quotation marks.
    pub quoted: bool,
}

/// One candidate session.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub origin: Origin,
    /// The block it sits in (for a proposal, the block its title was read from), if any, and
    /// the stretch of that block's text it covers (for a proposal, where it was read).
    pub block: Option<usize>,
    pub range: std::ops::Range<usize>,
    /// Its text, and the opening of the block after it.
    pub text: String,
    pub next: String,
    pub tokens: Vec<Token>,
    /// The lower-cased words of the heading above it.
    pub section: Vec<String>,
    /// How many candidates of the post share its origin and, for list items, its list, and
    /// which of the post's groups of such siblings it is in.
    pub siblings: usize,
    pub group: usize,
    /// Its place among the post's blocks, from 0 to 1.
    pub position: f32,
    /// The session as a reader proposed it ([`Origin::Rule`], [`Origin::Listed`]).
    pub proposal: Option<Talk>,
    /// How the reader came to its proposal.
    pub evidence: Option<Evidence>,
    /// The videos and links of its block (and of the next block for a heading).
    pub videos: Vec<String>,
    pub materials: Vec<String>,
    /// Of `videos`, those linked inside the candidate's own stretch of its block (all of them
    /// for a whole block): the videos of the session it reads as.
    pub own_videos: Vec<String>,
    /// For the post itself, the key path of each front-matter value its [`Part::Front`]
    /// tokens come from (their text is in `next`, after the body's opening).
    pub front_keys: Vec<String>,
    /// For a heading, a paragraph of a few words standing alone, and the post itself: the
    /// people named in what it introduces (its section, the body), one of whom may present it.
    pub nearby: Vec<Nearby>,
}

/// The post's candidates, from its parsed body and what the readers proposed.
pub fn candidates(post: &Post, parsed: &Parsed, rules: &Extraction) -> Vec<Candidate> {
    let blocks = &parsed.blocks;
    let n = blocks.len().max(1) as f32;
    let mut out = Vec::new();
    let sections: Vec<Vec<String>> = sections_of(blocks)
        .into_iter()
        .map(|h| h.map(|h| lower_words(&blocks[h].text)).unwrap_or_default())
        .collect();
    let listed = post.talks.is_some();
    let names = Names::of(blocks);
    let html_names: Vec<Names> = parsed.html.iter().map(|(_, html)| Names::of(html)).collect();
    for (k, talk) in rules.talks.iter().enumerate() {
        let evidence = rules.evidence.get(k);
        let block = evidence.map(|e| e.block).or_else(|| {
            blocks
                .iter()
                .position(|b| !talk.title.is_empty() && b.text.contains(talk.title.as_str()))
        });
        let at = evidence.map_or(0, |e| e.at);
        let mut c = Candidate {
            origin: if listed { Origin::Listed } else { Origin::Rule },
            block,
            range: at..at + 1,
            text: talk.title.clone(),
            next: talk.speakers.join(", "),
            tokens: Vec::new(),
            section: block.map(|b| sections[b].clone()).unwrap_or_default(),
            siblings: rules.talks.len(),
            group: 0,
            position: block.map_or(0.0, |b| b as f32 / n),
            proposal: Some(talk.clone()),
            evidence: evidence.cloned(),
            videos: talk.video.clone(),
            materials: talk.slides.clone(),
            own_videos: talk.video.clone(),
            front_keys: Vec::new(),
            nearby: Vec::new(),
        };
        c.tokens = tokens(&c.text, &[], &[], Part::Main);
        c.tokens.extend(tokens(&c.next, &[], &[], Part::Next));
        out.push(c);
    }
    // The post as one session.
    {
        let first = blocks.iter().find(|b| b.kind == BlockKind::Paragraph && !b.is_blank());
        let next = first.map(|b| opening(&b.text)).unwrap_or_default();
        let mut c = structural(
            Origin::Post,
            None,
            post.title.clone(),
            next.to_string(),
            Vec::new(),
            0.0,
        );
        c.tokens = tokens(&post.title, &[], &[], Part::Main);
        if let Some(b) = first {
            c.tokens.extend(tokens(next, &b.marks, &b.links, Part::Next));
        }
        // Each front-matter value its own part, its text in `next` after the opening.
        for (k, (key, value)) in post.front_values.iter().take(usize::from(u8::MAX)).enumerate() {
            c.next.push('\n');
            let at = c.next.len();
            c.next.push_str(value);
            c.tokens
                .extend(tokens(value, &[], &[], Part::Front(k as u8)).into_iter().map(|mut t| {
                    t.range = t.range.start + at..t.range.end + at;
                    t
                }));
            c.front_keys.push(key.clone());
        }
        c.videos = blocks.iter().flat_map(|b| b.videos.iter().cloned()).collect();
        c.own_videos = c.videos.clone();
        // A page that is one talk may name its presenter anywhere in its body.
        c.nearby = names.near(0..BODY);
        for html in &html_names {
            if c.nearby.len() >= 4 {
                break;
            }
            c.nearby.extend(html.near(0..BODY));
        }
        out.push(c);
    }
    block_candidates(blocks, &names, &sections, &|i| i as f32 / n, &mut out);
    // The post's HTML blocks read as the page shows them: a candidate of theirs is in no
    // Markdown block, and is placed where its markup is.
    let mut in_html = Vec::new();
    for ((_, html), names) in parsed.html.iter().zip(&html_names) {
        let at = html.first().map_or(0, |b| b.offset);
        let pos = blocks.iter().filter(|b| b.offset < at).count() as f32 / n;
        let sections: Vec<Vec<String>> = sections_of(html)
            .into_iter()
            .map(|h| h.map(|h| lower_words(&html[h].text)).unwrap_or_default())
            .collect();
        block_candidates(html, names, &sections, &|_| pos, &mut in_html);
    }
    out.extend(in_html.into_iter().map(|mut c| {
        c.block = None;
        c
    }));

    for line in parsed.other_text.lines() {
        let line = line.trim();
        // Read as blocks above.
        if parsed.html.iter().any(|(text, _)| text == line) {
            continue;
        }
        let words = line.split_whitespace().count();
        if !(2..=40).contains(&words) {
            continue;
        }
        let mut c = structural(Origin::Line, None, line.to_string(), String::new(), Vec::new(), 0.5);
        c.tokens = tokens(line, &[], &[], Part::Main);
        out.push(c);
    }
    count_siblings(&mut out, blocks);
    // Template tags and shortcodes read as the page shows what they hold.
    for c in out
        .iter_mut()
        .filter(|c| c.origin.is_structural() && c.origin != Origin::Post)
    {
        let (main, next) = (render_tags(&c.text), render_tags(&c.next));
        if main.is_none() && next.is_none() {
            continue;
        }
        if let Some(m) = main {
            c.text = m;
        }
        if let Some(n) = next {
            c.next = n;
        }
        c.tokens = tokens(&c.text, &[], &[], Part::Main);
        c.tokens.extend(tokens(&c.next, &[], &[], Part::Next));
    }
    out
}

/// The candidates of a list of blocks: headings, items, rows, lines and sentences; `position`
/// gives a block's place in the post, from 0 to 1.
fn block_candidates(
    blocks: &[Block],
    names: &Names,
    sections: &[Vec<String>],
    position: &dyn Fn(usize) -> f32,
    out: &mut Vec<Candidate>,
) {
    for (i, b) in blocks.iter().enumerate() {
        if b.is_blank() {
            continue;
        }
        let origin = match b.kind {
            BlockKind::Heading(l) => Origin::Heading(l),
            BlockKind::Item { depth, .. } => Origin::Item(depth),
            BlockKind::TableRow => Origin::Row,
            BlockKind::Paragraph => Origin::Sentence,
        };
        let after = blocks
            .get(i + 1)
            .filter(|a| !matches!(a.kind, BlockKind::Heading(_)) && !a.is_blank());
        let pos = position(i);
        // A paragraph written a line per session is read line by line; a line opening with
        // hashes and no space ("#####Ann Lee - Title") is a heading to many Markdown renderers
        // (not to CommonMark), and is read as one.
        if origin == Origin::Sentence && (!b.breaks.is_empty() || b.text.starts_with('#')) {
            let starts = std::iter::once(0).chain(b.breaks.iter().copied());
            let ends = b.breaks.iter().copied().chain(std::iter::once(b.text.len()));
            for r in starts.zip(ends).map(|(a, z)| a..z) {
                let Some(line) = b.text.get(r.clone()) else { continue };
                let r = r.start..r.start + line.trim_end().len();
                let line = line.trim_end();
                let hashes = line.bytes().take_while(|&c| c == b'#').count();
                let heading = (1..=6).contains(&hashes)
                    && line[hashes..]
                        .chars()
                        .next()
                        .is_some_and(|c| !c.is_whitespace() && c != '#');
                let (kind, r) = if heading {
                    (Origin::Heading(hashes as u8), r.start + hashes..r.end)
                } else if b.breaks.is_empty() {
                    continue;
                } else {
                    (Origin::TextLine, r)
                };
                let line = &b.text[r.clone()];
                let words = line.split_whitespace().count();
                if !(1..=40).contains(&words) {
                    continue;
                }
                let mut c = structural(kind, Some(i), line.to_string(), String::new(), sections[i].clone(), pos);
                c.range = r.clone();
                c.tokens = tokens_in(b, r.clone(), Part::Main);
                add_links(&mut c, b, Some(r));
                out.push(c);
            }
        }
        if origin == Origin::Sentence {
            let parts = text::sentences(b);
            let short = parts.len() == 1 && b.text.split_whitespace().count() <= 14;
            for r in parts {
                let Some(s) = b.text.get(r.clone()) else { continue };
                if s.split_whitespace().count() > 80 {
                    continue;
                }
                let next = if short {
                    after.map(|a| opening(&a.text)).unwrap_or("")
                } else {
                    ""
                };
                let mut c = structural(
                    origin,
                    Some(i),
                    s.to_string(),
                    next.to_string(),
                    sections[i].clone(),
                    pos,
                );
                c.range = r.clone();
                c.tokens = tokens_in(b, r.clone(), Part::Main);
                if let Some(a) = after.filter(|_| short) {
                    c.tokens.extend(tokens(next, &a.marks, &a.links, Part::Next));
                }
                add_links(&mut c, b, Some(r));
                if short {
                    for k in details_of(blocks, i) {
                        add_links(&mut c, &blocks[k], None);
                    }
                    c.nearby = names.near(i + 1..section_end(blocks, i, None));
                }
                out.push(c);
            }
            continue;
        }
        // A heading's section opens with a deeper heading ("Abstract", "Bio") or a line of a few
        // words (a length, a date): what follows it is then its section's first blocks, where a
        // card or a bio names who presents.
        let sectioned = match origin {
            Origin::Heading(level) => match blocks.get(i + 1) {
                Some(b) if matches!(b.kind, BlockKind::Heading(l) if l > level) => true,
                Some(b) if b.kind == BlockKind::Paragraph => b.text.split_whitespace().count() < 5,
                _ => false,
            },
            _ => false,
        };
        let next = match origin {
            Origin::Heading(_) if !sectioned => after.map(|a| opening(&a.text)).unwrap_or(""),
            _ => "",
        };
        let main_end = b.text.len().min(cut(&b.text, 400));
        let mut c = structural(
            origin,
            Some(i),
            b.text[..main_end].to_string(),
            next.to_string(),
            sections[i].clone(),
            pos,
        );
        c.tokens = tokens_in(b, 0..main_end, Part::Main);
        if let (Some(a), false) = (after, next.is_empty()) {
            c.tokens.extend(tokens(next, &a.marks, &a.links, Part::Next));
            if matches!(origin, Origin::Heading(_)) {
                add_links(&mut c, a, None);
            }
        } else if let (Origin::Heading(level), true) = (origin, sectioned) {
            // A heading whose section opens with headings of its own ("Abstract", "Bio"):
            // what follows it is the openings of its section's paragraphs, where a bio names
            // who presents.
            let parts = section_openings(blocks, i, level);
            if !parts.is_empty() {
                // Each block's opening with its own marks, placed where it is in `next`.
                for (n, &(k, opening)) in parts.iter().enumerate() {
                    if n > 0 {
                        c.next.push_str(" … ");
                    }
                    let at = c.next.len();
                    c.next.push_str(opening);
                    let a = &blocks[k];
                    c.tokens.extend(
                        tokens(opening, &a.marks, &a.links, Part::Next)
                            .into_iter()
                            .map(|mut t| {
                                t.range = t.range.start + at..t.range.end + at;
                                t
                            }),
                    );
                    add_links(&mut c, a, None);
                }
            }
        }
        add_links(&mut c, b, None);
        if let Origin::Heading(level) = origin {
            for k in details_of(blocks, i) {
                add_links(&mut c, &blocks[k], None);
            }
            c.nearby = names.near(i + 1..section_end(blocks, i, Some(level)));
        }
        out.push(c);
    }
}

/// How many of the body's blocks the post's own candidate looks at for its presenter.
const BODY: usize = 30;

/// Where what the block at `at` introduces ends: for a heading of `level`, at the next
/// heading of that level or above; for a paragraph of a few words standing alone, at the next
/// heading or such paragraph; a dozen blocks at most either way.
fn section_end(blocks: &[Block], at: usize, level: Option<u8>) -> usize {
    let ends = |b: &Block| match (b.kind, level) {
        (BlockKind::Heading(l), Some(level)) => l <= level,
        (BlockKind::Heading(_), None) => true,
        (BlockKind::Paragraph, None) => b.breaks.is_empty() && b.text.split_whitespace().count() <= 14,
        _ => false,
    };
    (at + 1..blocks.len().min(at + 13))
        .find(|&k| ends(&blocks[k]))
        .unwrap_or(blocks.len().min(at + 13))
}

/// The blocks that detail what a heading, or a paragraph of a few words standing as one, at
/// `at` introduces: those after it up to the next heading or such paragraph (a handful at
/// most), whose videos and slides are the session's ("Video: …", "Slides: …" items under it).
fn details_of(blocks: &[Block], at: usize) -> impl Iterator<Item = usize> + '_ {
    let stands_alone = |b: &Block| {
        matches!(b.kind, BlockKind::Heading(_))
            || b.kind == BlockKind::Paragraph && b.breaks.is_empty() && b.text.split_whitespace().count() <= 14
    };
    (at + 1..blocks.len().min(at + 7)).take_while(move |&k| !stands_alone(&blocks[k]))
}

fn structural(
    origin: Origin,
    block: Option<usize>,
    text: String,
    next: String,
    section: Vec<String>,
    position: f32,
) -> Candidate {
    Candidate {
        origin,
        block,
        range: 0..usize::MAX,
        text,
        next,
        tokens: Vec::new(),
        section,
        siblings: 0,
        group: 0,
        position,
        proposal: None,
        evidence: None,
        videos: Vec::new(),
        materials: Vec::new(),
        own_videos: Vec::new(),
        front_keys: Vec::new(),
        nearby: Vec::new(),
    }
}

/// The links of `b` a candidate takes: its materials, and its own videos, are all of the
/// block's or those inside `within` when the candidate is a stretch of the block (a sentence, a
/// line), since a block that links several talks' videos gives each stretch its own; whether
/// the block holds a video at all is evidence either way.
fn add_links(c: &mut Candidate, b: &Block, within: Option<Range<usize>>) {
    let inside = |l: &crate::extract::blocks::Link| {
        within
            .as_ref()
            .is_none_or(|r| l.range.start >= r.start && l.range.start < r.end.max(r.start + 1))
    };
    for l in b.links.iter().filter(|l| !l.image && inside(l)) {
        if links::is_material_url(&l.url) && !c.materials.contains(&l.url) {
            c.materials.push(l.url.clone());
        }
    }
    for v in &b.videos {
        if !c.videos.contains(v) {
            c.videos.push(v.clone());
        }
        let here = within.is_none()
            || b.links
                .iter()
                .any(|l| inside(l) && links::video_url(&l.url).as_deref() == Some(v.as_str()));
        if here && !c.own_videos.contains(v) {
            c.own_videos.push(v.clone());
        }
    }
}

/// Siblings: candidates of the same origin (the same list, for items).
fn count_siblings(cands: &mut [Candidate], blocks: &[Block]) {
    let key = |c: &Candidate| -> (String, usize) {
        let list = match c.block.map(|b| blocks[b].kind) {
            Some(BlockKind::Item { list, .. }) => list,
            _ => usize::MAX,
        };
        (c.origin.name(), list)
    };
    let keys: Vec<(String, usize)> = cands.iter().map(key).collect();
    // Groups numbered in the order the post first shows them, each with its size.
    let mut groups: std::collections::HashMap<&(String, usize), (usize, usize)> = std::collections::HashMap::new();
    for k in &keys {
        let next = groups.len();
        groups.entry(k).or_insert((next, 0)).1 += 1;
    }
    for (c, k) in cands.iter_mut().zip(&keys) {
        let (group, size) = groups[k];
        c.siblings = size - 1;
        c.group = group;
    }
}

/// For each block, the heading it is under: for a heading, the one a level above it (its own
/// words are its text, not its section's).
pub fn sections_of(blocks: &[Block]) -> Vec<Option<usize>> {
    // The headings open at each block, outermost first.
    let mut open: Vec<(u8, usize)> = Vec::new();
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| match b.kind {
            BlockKind::Heading(level) => {
                while open.last().is_some_and(|&(l, _)| l >= level) {
                    open.pop();
                }
                let parent = open.last().map(|&(_, h)| h);
                open.push((level, i));
                parent
            }
            _ => open.last().map(|&(_, h)| h),
        })
        .collect()
}

/// The first 200 bytes or so of a text, at a character boundary.
/// Liquid's and Hugo's words that shape a template rather than say something on the page.
const TEMPLATE_CONTROL: &[&str] = &[
    "if", "elsif", "else", "unless", "for", "case", "when", "assign", "capture", "raw", "comment", "cycle", "break",
    "continue", "include", "render", "highlight", "partial", "template", "define", "block", "with", "range", "figure",
    "gist", "youtube", "vimeo", "tweet", "img", "image",
];

/// `text` with its template tags and shortcodes (`{% talk 'Ann Lee' 'Fast tests' %}`,
/// `{{< speaker id="ann-lee" >}}`) written as the page shows what they hold: the tag's name,
/// a colon, and its arguments' values, an id of words joined by dashes read as those words;
/// tags that only shape the template are dropped. `None` when it has none.
pub fn render_tags(text: &str) -> Option<String> {
    if !text.contains("{%") && !text.contains("{{") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(open) = rest
        .find('{')
        .filter(|&o| matches!(rest.as_bytes().get(o + 1), Some(b'%' | b'{')))
    {
        let close = if rest.as_bytes()[open + 1] == b'%' { "%}" } else { "}}" };
        let Some(len) = rest[open + 2..].find(close) else { break };
        out.push_str(&rest[..open]);
        let inner = rest[open + 2..open + 2 + len].trim_matches(|c: char| c.is_whitespace() || "-<>%".contains(c));
        match render_tag(inner) {
            // A tag's words stand apart from the text after it.
            Some(r) if !r.is_empty() => {
                out.push_str(&r);
                if !rest[open + 4 + len..].starts_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
            Some(_) => {}
            None => out.push_str(&rest[open..open + 4 + len]),
        }
        rest = &rest[open + 4 + len..];
        changed = true;
    }
    if !changed {
        return None;
    }
    out.push_str(rest);
    Some(out)
}

/// One tag's inside; `None` keeps it as written (a variable such as `page.title`).
fn render_tag(inner: &str) -> Option<String> {
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = &inner[..name_end];
    let word = |s: &str| {
        !s.is_empty()
            && s.starts_with(|c: char| c.is_alphabetic())
            && s.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    };
    if !word(name) {
        return None;
    }
    let low = name.to_lowercase();
    if low.starts_with("end") || TEMPLATE_CONTROL.contains(&low.as_str()) {
        return Some(String::new());
    }
    let mut values = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        // key=value: the value; then a quoted value or a bare word.
        if let Some(eq) = rest.find('=').filter(|&e| word(&rest[..e])) {
            rest = &rest[eq + 1..];
        }
        let quote = rest.chars().next().filter(|c| matches!(c, '\'' | '"' | '“' | '‘'));
        let (value, after) = match quote {
            Some(q) => {
                let closing = match q {
                    '“' => '”',
                    '‘' => '’',
                    q => q,
                };
                let body = &rest[q.len_utf8()..];
                match body.find(closing) {
                    Some(e) => (&body[..e], &body[e + closing.len_utf8()..]),
                    None => (body, ""),
                }
            }
            None => {
                let e = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..e], &rest[e..])
            }
        };
        let value = value.trim();
        if value.chars().any(char::is_alphabetic) {
            let id = !value.contains(' ')
                && value.contains(['-', '_'])
                && value
                    .split(['-', '_'])
                    .all(|p| !p.is_empty() && p.chars().all(char::is_alphabetic));
            values.push(if id { id_words(value) } else { value.to_string() });
        }
        rest = after.trim_start();
    }
    if values.is_empty() {
        return Some(String::new());
    }
    Some(format!("{name}: {}", values.join(" – ")))
}

/// An id of words joined by dashes (`ann-lee`) as the words a page built from it shows, each
/// opening with a capital (`Ann Lee`): a site turns such an id into a name or a title from its
/// data, which the post does not hold, and the words written so read as what they stand for.
fn id_words(id: &str) -> String {
    id.split(['-', '_'])
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|first| first.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// For a heading of `level` at `at`: the first few blocks of its section (up to the next heading of its level or above), each by its opening.
/// The deeper headings' own words are left out unless they are few (a card's name under its
/// title, not "Abstract").
fn section_openings(blocks: &[Block], at: usize, level: u8) -> Vec<(usize, &str)> {
    blocks
        .iter()
        .enumerate()
        .skip(at + 1)
        .take_while(|(_, b)| !matches!(b.kind, BlockKind::Heading(l) if l <= level))
        .filter(|(_, b)| !b.is_blank())
        .filter(|(_, b)| !matches!(b.kind, BlockKind::Heading(_)) || b.text.split_whitespace().count() >= 2)
        .take(4)
        .map(|(k, b)| (k, &b.text[..cut(&b.text, 100)]))
        .collect()
}

fn opening(text: &str) -> &str {
    &text[..cut(text, 200)]
}

fn cut(text: &str, at: usize) -> usize {
    let end = char_floor(text, at);
    if end == text.len() {
        return end;
    }
    // Not inside a word.
    text[..end].rfind(' ').unwrap_or(end)
}

/// The last character boundary of `text` at or before `at` (its length if shorter).
pub(super) fn char_floor(text: &str, at: usize) -> usize {
    if text.len() <= at {
        return text.len();
    }
    let mut end = at;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

fn lower_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(8)
        .collect()
}

fn tokens_in(b: &Block, range: Range<usize>, part: Part) -> Vec<Token> {
    let text = &b.text[range.clone()];
    let mut out = tokens(text, &[], &[], part);
    for t in &mut out {
        let at = t.range.start + range.start;
        style_at(t, at, &b.marks, &b.links);
    }
    out
}

fn style_at(t: &mut Token, at: usize, marks: &[crate::extract::blocks::Mark], links: &[crate::extract::blocks::Link]) {
    for m in marks.iter().filter(|m| m.range.start <= at && at < m.range.end) {
        match m.style {
            Style::Strong => t.bold = true,
            Style::Emphasis => t.emphasis = true,
            Style::Code => t.code = true,
            Style::Link(k) => {
                if let Some(l) = links.get(k) {
                    t.link = Some(LinkKind::of(&l.url));
                }
            }
        }
    }
}

/// Splits a text into words (letters and digits, with the `.`, `-`, `'` and `+` inside or
/// after them, as in "Node.js", "don't", "C++") and single marks of punctuation; styles come
/// from the block's marks where the text is a block's.
pub fn tokens(
    text: &str,
    marks: &[crate::extract::blocks::Mark],
    links: &[crate::extract::blocks::Link],
    part: Part,
) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut quoted = false;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = at;
        let word = c.is_alphanumeric() || c == '@' && chars.get(i + 1).is_some_and(|n| n.1.is_alphanumeric());
        if word {
            i += 1;
            while i < chars.len() {
                let c = chars[i].1;
                let next_alnum = chars.get(i + 1).is_some_and(|n| n.1.is_alphanumeric());
                let inner = matches!(c, '.' | '-' | '\'' | '’' | '_' | '/') && next_alnum
                    || c == ':'
                        && chars[i - 1].1.is_ascii_digit()
                        && chars.get(i + 1).is_some_and(|n| n.1.is_ascii_digit());
                if c.is_alphanumeric() || inner || c == '+' || c == '#' {
                    i += 1;
                } else {
                    break;
                }
            }
        } else {
            i += 1;
        }
        let end = chars.get(i).map_or(text.len(), |c| c.0);
        let s = &text[start..end];
        let is_quote = !word && matches!(s, "\"" | "“" | "”" | "„" | "«" | "»" | "‘" | "’");
        if is_quote {
            quoted = match s {
                "“" | "„" | "«" | "‘" => true,
                "”" | "»" | "’" => false,
                _ => !quoted,
            };
        }
        let mut t = Token {
            text: s.to_string(),
            low: s.to_lowercase(),
            range: start..end,
            part,
            word,
            bold: false,
            emphasis: false,
            code: false,
            link: None,
            quoted: quoted && !is_quote,
        };
        style_at(&mut t, start, marks, links);
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks;

    #[test]
    fn a_heading_is_in_the_section_of_the_heading_above_it_not_its_own() {
        let parsed = blocks::parse("Intro.\n\n## Talks\n\n### Fast tests\n\nAnn Lee.\n\n## News\n\nJobs.\n");
        let kinds: Vec<String> = parsed.blocks.iter().map(|b| b.text.clone()).collect();
        assert_eq!(kinds, ["Intro.", "Talks", "Fast tests", "Ann Lee.", "News", "Jobs."]);
        assert_eq!(
            sections_of(&parsed.blocks),
            [None, None, Some(1), Some(2), None, Some(4)]
        );
    }

    #[test]
    fn a_line_opening_with_hashes_is_read_as_the_heading_renderers_show() {
        let parsed = blocks::parse("Slides are up.\n\n#####Ann Lee - Fast tests\n#####Bo Ray on types\n\n#hashtag\n");
        let post = crate::post::parse_post("a.md", "---\ntitle: June\n---\n", &crate::site::Site::default()).unwrap();
        let cands = candidates(&post, &parsed, &Extraction::default());
        let h5: Vec<&str> = cands
            .iter()
            .filter(|c| c.origin == Origin::Heading(5))
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(h5, ["Ann Lee - Fast tests", "Bo Ray on types"]);
        assert!(
            cands
                .iter()
                .any(|c| c.origin == Origin::Heading(1) && c.text == "hashtag")
        );
    }

    #[test]
    fn a_heading_over_sub_headings_is_followed_by_its_sections_paragraphs() {
        let parsed = blocks::parse(
            "### Fuzzing parsers\n\n##### Abstract\n\nWhy parsers break.\n\n##### Bio\n\nAnn Lee is a tester.\n\n\
             ### Next talk\n\nOther words that open a paragraph.\n\n### Types\n\n30 min\n\n#### Bo Ray\n\nA bio.\n",
        );
        let post = crate::post::parse_post("a.md", "---\ntitle: June\n---\n", &crate::site::Site::default()).unwrap();
        let cands = candidates(&post, &parsed, &Extraction::default());
        let h3: Vec<(&str, &str)> = cands
            .iter()
            .filter(|c| c.origin == Origin::Heading(3))
            .map(|c| (c.text.as_str(), c.next.as_str()))
            .collect();
        assert_eq!(
            h3,
            [
                ("Fuzzing parsers", "Why parsers break. … Ann Lee is a tester."),
                ("Next talk", "Other words that open a paragraph."),
                ("Types", "30 min … Bo Ray … A bio.")
            ]
        );
    }

    #[test]
    fn template_tags_read_as_what_they_hold() {
        assert_eq!(
            render_tags("1. {% talk 'Ann Lee' '\"Fast\" tests' %}Abstract{% endtalk %}").as_deref(),
            Some("1. talk: Ann Lee – \"Fast\" tests Abstract")
        );
        assert_eq!(
            render_tags("{{< speaker speaker_id=\"ann-marie-lee\" >}} then").as_deref(),
            Some("speaker: Ann Marie Lee then")
        );
        assert_eq!(render_tags("{% include card.html %}x{% if a %}").as_deref(), Some("x"));
        assert_eq!(render_tags("{{ page.title }}").as_deref(), Some("{{ page.title }}"));
        assert_eq!(render_tags("no tags {here}"), None);
        assert_eq!(render_tags("cut {% talk 'x'"), None);
    }

    #[test]
    fn words_keep_their_inner_marks_and_punctuation_stands_alone() {
        let t: Vec<String> = tokens("Node.js & C++: \"Fast\" — Ann", &[], &[], Part::Main)
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(t, ["Node.js", "&", "C++", ":", "\"", "Fast", "\"", "—", "Ann"]);
        let q = tokens("say \"Fast code\" now", &[], &[], Part::Main);
        assert!(q[2].quoted && q[3].quoted && !q[5].quoted, "{q:?}");
    }

    #[test]
    fn every_block_shape_and_the_post_itself_are_candidates() {
        let body = "## Talks\n\n- Parsing with care, by Ann Lee\n- Fast tests, by Bo Ray\n\n\
                    ### Rust in production\n\n**Speaker:** Cy Dee\n\nWe met. Ann spoke first.\n\n\
                    | 18:00 | Doors |\n|---|---|\n| 18:30 | Keynote |\n\n```\n19:00 Lightning talks by all\n```\n";
        let parsed = blocks::parse(body);
        let post =
            crate::post::parse_post("a.md", "---\ntitle: June meetup\n---\n", &crate::site::Site::default()).unwrap();
        let cands = candidates(&post, &parsed, &Extraction::default());
        let origins: Vec<Origin> = cands.iter().map(|c| c.origin).collect();
        for o in [
            Origin::Post,
            Origin::Heading(2),
            Origin::Heading(3),
            Origin::Item(0),
            Origin::Sentence,
            Origin::Row,
            Origin::Line,
        ] {
            assert!(origins.contains(&o), "{o:?} missing from {origins:?}");
        }
        let items: Vec<&Candidate> = cands.iter().filter(|c| matches!(c.origin, Origin::Item(_))).collect();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].siblings, 1);
        let h3 = cands.iter().find(|c| c.origin == Origin::Heading(3)).unwrap();
        assert!(h3.next.contains("Cy Dee"), "{h3:?}");
        assert!(h3.tokens.iter().any(|t| t.part == Part::Next && t.bold));
        let sentences = cands.iter().filter(|c| c.origin == Origin::Sentence).count();
        assert!(sentences >= 3, "one per sentence");
    }
}
