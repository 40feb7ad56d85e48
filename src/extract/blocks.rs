//! Markdown → a flat list of [`Block`]s: the text of each paragraph, heading, list item and table
//! row, with the emphasis, code spans and links inside it kept as ranges into that text.
//!
//! The talk rules in the sibling modules read sentences and look at what was bold or linked; they
//! never see Markdown syntax. Walking pulldown-cmark's events is iterative, so a post of deeply
//! nested lists or quotes cannot exhaust the stack here.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::links;

/// What sort of Markdown block a [`Block`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A heading, with its level (1 for `#`).
    Heading(u8),
    /// The first paragraph of a list item. `list` tells items of one list from another's.
    Item {
        ordered: bool,
        depth: usize,
        list: usize,
    },
    TableRow,
}

/// How a stretch of a block's text was marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Strong,
    Emphasis,
    Code,
    /// Link text; the number is the index into [`Block::links`].
    Link(usize),
}

/// A marked-up stretch of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub range: Range<usize>,
    pub style: Style,
}

/// A link or image found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    /// Where the link's text sits in [`Block::text`] (empty for images and raw HTML).
    pub range: Range<usize>,
    pub image: bool,
    /// A link around a video thumbnail: whatever it points at (often a short link) is the
    /// video the author meant.
    pub thumbnail: bool,
}

/// One block of the post's body, as plain text with its markup on the side.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// The text with runs of white space folded to one space; no Markdown, no HTML.
    pub text: String,
    pub marks: Vec<Mark>,
    pub links: Vec<Link>,
    /// Video URLs (normalised) from links, thumbnails and embedded players in this block.
    pub videos: Vec<String>,
    /// The alternative text of the block's images (Markdown and HTML): not prose, and not
    /// searched, but a photo's caption may name the talk on it ("Ann Lee: Fuzzing parsers").
    pub captions: Vec<String>,
    /// Nesting inside list items: 0 for top-level blocks.
    pub item_depth: usize,
    /// Byte offset in the Markdown where the block starts, to point authors at the line.
    pub offset: usize,
    /// Where the lines of the block's source start in `text`, after the first: a paragraph
    /// written a line per session is read line by line too.
    pub breaks: Vec<usize>,
}

impl Block {
    fn new(kind: BlockKind, item_depth: usize, offset: usize) -> Block {
        Block {
            kind,
            text: String::new(),
            marks: Vec::new(),
            links: Vec::new(),
            videos: Vec::new(),
            captions: Vec::new(),
            item_depth,
            offset,
            breaks: Vec::new(),
        }
    }

    /// Whether the block has no words of its own (an image, a bare embed).
    pub fn is_blank(&self) -> bool {
        !self.text.chars().any(char::is_alphanumeric)
    }

    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                if !self.text.is_empty() && !self.text.ends_with(' ') {
                    self.text.push(' ');
                }
            } else {
                self.text.push(c);
            }
        }
    }

    fn add_video(&mut self, url: String) {
        if !self.videos.contains(&url) {
            self.videos.push(url);
        }
    }

    fn finish(mut self) -> Option<Block> {
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        for m in &mut self.marks {
            m.range.end = m.range.end.min(trimmed);
            m.range.start = m.range.start.min(m.range.end);
        }
        self.breaks.retain(|&b| b < trimmed);
        for l in &mut self.links {
            l.range.end = l.range.end.min(trimmed);
            l.range.start = l.range.start.min(l.range.end);
        }
        self.captions.retain(|c| !c.trim().is_empty());
        (!self.text.is_empty() || !self.links.is_empty() || !self.videos.is_empty() || !self.captions.is_empty())
            .then_some(self)
    }
}

struct ListState {
    ordered: bool,
    id: usize,
}

/// A post body read into blocks, with the text a reader sees that no block holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub blocks: Vec<Block>,
    /// Code samples and the text of HTML blocks, a line each: never read for talks, but seen
    /// by readers and so searchable like the rest of the post.
    pub other_text: String,
    /// The HTML blocks read as the page shows them ([`html_blocks`]), each with its line of
    /// `other_text`: where a post writes its programme in markup, its headings, items and rows
    /// are candidates like the Markdown's (the readers keep to the Markdown's blocks).
    pub html: Vec<(String, Vec<Block>)>,
}

/// Parses a post body into blocks, in document order.
pub fn parse_blocks(markdown: &str) -> Vec<Block> {
    parse(markdown).blocks
}

/// Parses a post body into blocks and the rest of its visible text.
pub fn parse(markdown: &str) -> Parsed {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let breaks = html_block_ends(markdown, options);
    let split;
    let text = if breaks.is_empty() {
        markdown
    } else {
        split = with_blank_lines_at(markdown, &breaks);
        split.as_str()
    };
    let mut walker = Walker::default();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        // Offsets point into the post as written, before any blank line was added.
        walker.at = range.start
            - breaks
                .iter()
                .enumerate()
                .take_while(|(k, b)| **b + k < range.start)
                .count();
        walker.event(event);
    }
    walker.flush();
    Parsed {
        blocks: walker.blocks,
        other_text: walker.other_text,
        html: walker.html_parts,
    }
}

/// Where text goes on right after an HTML element closes, inside what CommonMark reads as one
/// HTML block (it runs to the next blank line): "<iframe …></iframe>" then "Next was Ann …" on
/// the next line. Site generators (kramdown, Goldmark) show that text as a paragraph, so it is
/// read as one. Returns the byte offsets of those lines' starts.
fn html_block_ends(markdown: &str, options: Options) -> Vec<usize> {
    // A cheap look first: a line ending in a closing tag followed by a line of text.
    let mut candidates = Vec::new();
    let mut offset = 0;
    let mut previous_closes = false;
    for line in markdown.split_inclusive('\n') {
        let t = line.trim();
        if previous_closes && !t.is_empty() && !t.starts_with('<') {
            candidates.push(offset);
        }
        previous_closes = t.ends_with('>') && t.contains("</");
        offset += line.len();
    }
    if candidates.is_empty() {
        return candidates;
    }
    let mut html_blocks: Vec<std::ops::Range<usize>> = Vec::new();
    let mut open = None;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => open = Some(range.start),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(start) = open.take() {
                    html_blocks.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    candidates.retain(|c| html_blocks.iter().any(|b| b.start < *c && *c < b.end));
    candidates
}

/// `markdown` with a blank line inserted before each offset of `at` (ascending).
fn with_blank_lines_at(markdown: &str, at: &[usize]) -> String {
    let mut out = String::with_capacity(markdown.len() + at.len());
    let mut from = 0;
    for &a in at {
        out.push_str(&markdown[from..a]);
        out.push('\n');
        from = a;
    }
    out.push_str(&markdown[from..]);
    out
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    current: Option<Block>,
    lists: Vec<ListState>,
    next_list_id: usize,
    /// For each open list item: has its first paragraph been emitted yet?
    items: Vec<bool>,
    /// Open inline marks: where they started and their style.
    open: Vec<(usize, Style)>,
    in_table_cell: bool,
    in_code_block: bool,
    /// Inside an image: its alt text is a caption at best, and is skipped.
    in_image: usize,
    in_html_block: bool,
    /// The raw HTML of the block being read, whose text is kept at its end.
    html: String,
    /// See [`Parsed::other_text`].
    other_text: String,
    /// See [`Parsed::html`], and where the HTML block being read starts.
    html_parts: Vec<(String, Vec<Block>)>,
    html_at: usize,
    /// Where in the Markdown the event being handled starts.
    at: usize,
}

impl Walker {
    fn flush(&mut self) {
        if let Some(block) = self.current.take().and_then(Block::finish) {
            self.blocks.push(block);
        }
        self.open.clear();
    }

    /// The block inline content goes into, opening one if needed: a list item's first words
    /// open its item block, later ones open continuation paragraphs.
    fn block(&mut self) -> &mut Block {
        if self.current.is_none() {
            let depth = self.items.len();
            let kind = match (self.items.last().copied(), self.lists.last()) {
                (Some(false), Some(list)) => {
                    if let Some(started) = self.items.last_mut() {
                        *started = true;
                    }
                    BlockKind::Item {
                        ordered: list.ordered,
                        depth: depth.saturating_sub(1),
                        list: list.id,
                    }
                }
                _ => BlockKind::Paragraph,
            };
            self.current = Some(Block::new(kind, depth, self.at));
        }
        self.current
            .get_or_insert_with(|| Block::new(BlockKind::Paragraph, 0, 0))
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if self.in_image > 0 {
                    // An image's alt text is not prose, nor seen: kept only as its caption.
                    if let Some(caption) = self.current.as_mut().and_then(|b| b.captions.last_mut()) {
                        caption.push_str(&t);
                    }
                    return;
                }
                if self.in_code_block {
                    // Code samples are not prose about talks, but a reader may search for them.
                    self.other_text.push_str(&t);
                    self.other_text.push('\n');
                    return;
                }
                self.block().push_text(&t);
            }
            Event::Code(t) => {
                let block = self.block();
                let start = block.text.len();
                block.push_text(&t);
                let end = block.text.len();
                block.marks.push(Mark {
                    range: start..end,
                    style: Style::Code,
                });
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if self.in_html_block {
                    self.html.push_str(&html);
                }
                // Embedded players and thumbnails count; the markup's text (tweets, captions)
                // does not.
                let alts = links::image_alts(&html);
                if !alts.is_empty() {
                    self.block().captions.extend(alts);
                }
                let urls = links::urls_in_html(&html);
                if urls.is_empty() {
                    return;
                }
                let block = self.block();
                for url in urls {
                    if let Some(video) = links::video_url(&url) {
                        block.add_video(video);
                    }
                    block.links.push(Link {
                        range: block.text.len()..block.text.len(),
                        url,
                        image: false,
                        thumbnail: false,
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = self.current.as_mut() {
                    b.push_text(" ");
                    if !b.text.is_empty() {
                        b.breaks.push(b.text.len());
                    }
                }
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
            Event::InlineMath(t) | Event::DisplayMath(t) => self.block().push_text(&t),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                if self.in_table_cell {
                    return;
                }
                // A paragraph that continues a list item's text starts a block of its own.
                if self.items.last() == Some(&true) || self.items.is_empty() {
                    self.flush();
                }
            }
            Tag::Heading { level, .. } => {
                self.flush();
                self.current = Some(Block::new(BlockKind::Heading(level as u8), self.items.len(), self.at));
            }
            Tag::List(first) => {
                self.flush();
                self.lists.push(ListState {
                    ordered: first.is_some(),
                    id: self.next_list_id,
                });
                self.next_list_id += 1;
            }
            Tag::Item => {
                self.flush();
                self.items.push(false);
            }
            Tag::TableRow | Tag::TableHead => {
                self.flush();
                self.current = Some(Block::new(BlockKind::TableRow, self.items.len(), self.at));
            }
            Tag::TableCell => {
                let b = self.block();
                if !b.text.is_empty() {
                    b.push_text(" | ");
                }
                self.in_table_cell = true;
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.in_code_block = true;
            }
            Tag::HtmlBlock => {
                self.flush();
                self.in_html_block = true;
                self.html_at = self.at;
            }
            Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => self.flush(),
            Tag::Emphasis => self.open_mark(Style::Emphasis),
            Tag::Strong => self.open_mark(Style::Strong),
            Tag::Link { dest_url, .. } => {
                let url = dest_url.trim().to_string();
                let block = self.block();
                let index = block.links.len();
                let at = block.text.len();
                if let Some(video) = links::video_url(&url) {
                    block.add_video(video);
                }
                block.links.push(Link {
                    url,
                    range: at..at,
                    image: false,
                    thumbnail: false,
                });
                self.open.push((at, Style::Link(index)));
            }
            Tag::Image { dest_url, .. } => {
                let url = dest_url.trim().to_string();
                let outer = self.open.iter().rev().find_map(|(_, style)| match style {
                    Style::Link(i) => Some(*i),
                    _ => None,
                });
                let block = self.block();
                if let Some(video) = links::video_url(&url) {
                    if let Some(outer) = outer.and_then(|i| block.links.get_mut(i))
                        && links::video_url(&outer.url).is_none()
                    {
                        outer.thumbnail = true;
                        let target = outer.url.clone();
                        block.add_video(target);
                    }
                    block.add_video(video);
                }
                let at = block.text.len();
                block.links.push(Link {
                    url,
                    range: at..at,
                    image: true,
                    thumbnail: false,
                });
                block.captions.push(String::new());
                self.in_image += 1;
            }
            Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Table(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn open_mark(&mut self, style: Style) {
        let at = self.block().text.len();
        self.open.push((at, style));
    }

    fn close_mark(&mut self) {
        let Some((start, style)) = self.open.pop() else {
            return;
        };
        let Some(block) = self.current.as_mut() else {
            return;
        };
        // Marks do not start or end on a space.
        let text = &block.text;
        let mut s = start;
        while s < text.len() && text[s..].starts_with(' ') {
            s += 1;
        }
        let mut e = text.len();
        while e > s && text[..e].ends_with(' ') {
            e -= 1;
        }
        if let Style::Link(i) = style
            && let Some(link) = block.links.get_mut(i)
        {
            link.range = s..e;
        }
        if e > s {
            block.marks.push(Mark { range: s..e, style });
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph if !self.in_table_cell && self.items.is_empty() => {
                self.flush();
            }
            TagEnd::Heading(_) | TagEnd::TableRow | TagEnd::TableHead | TagEnd::BlockQuote(_) => self.flush(),
            TagEnd::Item => {
                self.flush();
                self.items.pop();
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::TableCell => self.in_table_cell = false,
            TagEnd::CodeBlock => self.in_code_block = false,
            TagEnd::HtmlBlock => {
                self.in_html_block = false;
                let html = std::mem::take(&mut self.html);
                let text = html_text(&html);
                if !text.is_empty() {
                    self.other_text.push_str(&text);
                    self.other_text.push('\n');
                    let blocks = html_blocks(&html, self.html_at);
                    if !blocks.is_empty() {
                        self.html_parts.push((text, blocks));
                    }
                }
                self.flush();
            }
            TagEnd::Image => self.in_image = self.in_image.saturating_sub(1),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link => self.close_mark(),
            _ => {}
        }
    }
}

/// The text a reader sees in a piece of HTML: what is outside its tags, entities decoded,
/// scripts and styles left out.
pub fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut skip_until: Option<&str> = None;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            if skip_until.is_none() {
                push_decoded(&mut out, rest);
            }
            break;
        };
        if skip_until.is_none() {
            push_decoded(&mut out, &rest[..open]);
        }
        let after = &rest[open..];
        let close = after.find('>').map_or(after.len(), |c| c + 1);
        let tag = &after[..close];
        let low = tag.to_ascii_lowercase();
        match skip_until {
            Some(end) if low.starts_with(end) => skip_until = None,
            Some(_) => {}
            None if low.starts_with("<script") => skip_until = Some("</script"),
            None if low.starts_with("<style") => skip_until = Some("</style"),
            None => out.push(' '),
        }
        rest = &after[close..];
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// List ids of HTML lists start here, apart from the Markdown's.
const HTML_LISTS: usize = 1 << 20;

/// A piece of HTML as the blocks a page shows: a heading per `<h1>`…`<h6>`, a list item per
/// `<li>`, a row per `<tr>` (its cells apart by " | "), a paragraph per other block element;
/// `<br>` a line break; bold, emphasis, code and links kept as marks. Scripts and styles are
/// left out. `offset` is where the HTML starts in the Markdown. Empty for markup with no block
/// elements (an embed, a lone `<span>`), whose text stays a line of the post's other text.
pub fn html_blocks(html: &str, offset: usize) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let mut open: Vec<(usize, Style)> = Vec::new();
    let mut lists: Vec<(bool, usize)> = Vec::new();
    let mut next_list = HTML_LISTS;
    let mut structured = false;
    let mut rest = html;
    let mut skip_until: Option<&str> = None;
    fn flush(out: &mut Vec<Block>, current: &mut Option<Block>, open: &mut Vec<(usize, Style)>) {
        if let Some(b) = current.take().and_then(Block::finish) {
            out.push(b);
        }
        open.clear();
    }
    fn paragraph(current: &mut Option<Block>, offset: usize) -> &mut Block {
        current.get_or_insert_with(|| Block::new(BlockKind::Paragraph, 0, offset))
    }
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        if skip_until.is_none() && lt > 0 {
            let text = links::decode_entities(&rest[..lt]);
            if text.chars().any(|c| !c.is_whitespace()) || current.is_some() {
                paragraph(&mut current, offset).push_text(&text);
            }
        }
        if lt == rest.len() {
            break;
        }
        // The tag's inside, up to its '>' (or the end of a tag cut off).
        let after = &rest[lt + 1..];
        let (tag, consumed) = match after.find('>') {
            Some(c) => (&after[..c], c + 1),
            None => (after, after.len()),
        };
        rest = &after[consumed..];
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if let Some(end) = skip_until {
            if closing && name == end {
                skip_until = None;
            }
            continue;
        }
        match name.as_str() {
            "script" | "style" if !closing => skip_until = Some(if name == "script" { "script" } else { "style" }),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                structured = true;
                flush(&mut out, &mut current, &mut open);
                if !closing {
                    let level = name.as_bytes()[1] - b'0';
                    current = Some(Block::new(BlockKind::Heading(level), 0, offset));
                }
            }
            "ul" | "ol" => {
                structured = true;
                flush(&mut out, &mut current, &mut open);
                if closing {
                    lists.pop();
                } else {
                    lists.push((name == "ol", next_list));
                    next_list += 1;
                }
            }
            "li" => {
                structured = true;
                flush(&mut out, &mut current, &mut open);
                if !closing {
                    let (ordered, list) = lists.last().copied().unwrap_or((false, HTML_LISTS - 1));
                    let depth = lists.len().saturating_sub(1);
                    current = Some(Block::new(BlockKind::Item { ordered, depth, list }, depth, offset));
                }
            }
            "tr" => {
                structured = true;
                flush(&mut out, &mut current, &mut open);
                if !closing {
                    current = Some(Block::new(BlockKind::TableRow, 0, offset));
                }
            }
            "td" | "th" if !closing => {
                if let Some(b) = current.as_mut().filter(|b| !b.text.trim().is_empty()) {
                    b.push_text(" | ");
                }
            }
            "p" | "div" | "section" | "article" | "header" | "footer" | "blockquote" | "figure" | "figcaption"
            | "dd" | "dt" | "table" | "main" | "aside" | "center" | "details" | "summary" => {
                structured = true;
                flush(&mut out, &mut current, &mut open);
            }
            "br" => {
                if let Some(b) = current.as_mut().filter(|b| !b.text.trim().is_empty()) {
                    let at = b.text.trim_end().len();
                    b.text.truncate(at);
                    b.breaks.push(at + 1);
                    b.text.push(' ');
                }
            }
            "strong" | "b" | "em" | "i" | "code" => {
                let style = match name.as_str() {
                    "strong" | "b" => Style::Strong,
                    "code" => Style::Code,
                    _ => Style::Emphasis,
                };
                if closing {
                    if let Some(k) = open.iter().rposition(|(_, s)| *s == style) {
                        let (start, style) = open.remove(k);
                        let b = paragraph(&mut current, offset);
                        let end = b.text.trim_end().len();
                        if end > start {
                            b.marks.push(Mark {
                                range: start..end,
                                style,
                            });
                        }
                    }
                } else {
                    let b = paragraph(&mut current, offset);
                    open.push((b.text.len(), style));
                }
            }
            "a" => {
                if closing {
                    if let Some(k) = open.iter().rposition(|(_, s)| matches!(s, Style::Link(_))) {
                        let (start, style) = open.remove(k);
                        let b = paragraph(&mut current, offset);
                        let end = b.text.trim_end().len();
                        if let Style::Link(l) = style
                            && let Some(link) = b.links.get_mut(l)
                        {
                            link.range = start..end.max(start);
                        }
                        if end > start {
                            b.marks.push(Mark {
                                range: start..end,
                                style,
                            });
                        }
                    }
                } else if let Some(url) = links::attribute(tag, "href") {
                    let b = paragraph(&mut current, offset);
                    b.links.push(Link {
                        url: url.trim().to_string(),
                        range: b.text.len()..b.text.len(),
                        image: false,
                        thumbnail: false,
                    });
                    let l = b.links.len() - 1;
                    open.push((b.text.len(), Style::Link(l)));
                }
            }
            "img" => {
                if let Some(alt) = links::attribute(tag, "alt").filter(|a| !a.trim().is_empty()) {
                    paragraph(&mut current, offset).captions.push(alt);
                }
            }
            _ => {}
        }
    }
    flush(&mut out, &mut current, &mut open);
    if !structured {
        return Vec::new();
    }
    for b in &mut out {
        let videos: Vec<String> = b.links.iter().filter_map(|l| links::video_url(&l.url)).collect();
        for v in videos {
            b.add_video(v);
        }
    }
    out
}

fn push_decoded(out: &mut String, text: &str) {
    out.push_str(&links::decode_entities(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_blocks_are_the_headings_items_and_rows_a_page_shows() {
        let html = "<div class=\"talk\"><h3>Fuzzing parsers</h3><p>by <strong>Ann Lee</strong><br>a tester</p>\
                    <ul><li>Intro &amp; news</li><li><a href=\"https://youtu.be/dQw4w9WgXcQ\">Fast tests</a></li></ul>\
                    <table><tr><td>18:00</td><td>Doors</td></tr></table><script>var x = 1;</script></div>";
        let blocks = html_blocks(html, 7);
        let shown: Vec<(BlockKind, &str)> = blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            shown,
            [
                (BlockKind::Heading(3), "Fuzzing parsers"),
                (BlockKind::Paragraph, "by Ann Lee a tester"),
                (
                    BlockKind::Item {
                        ordered: false,
                        depth: 0,
                        list: HTML_LISTS
                    },
                    "Intro & news"
                ),
                (
                    BlockKind::Item {
                        ordered: false,
                        depth: 0,
                        list: HTML_LISTS
                    },
                    "Fast tests"
                ),
                (BlockKind::TableRow, "18:00 | Doors"),
            ]
        );
        assert!(blocks.iter().all(|b| b.offset == 7));
        assert_eq!(
            blocks[1].marks,
            [Mark {
                range: 3..10,
                style: Style::Strong
            }]
        );
        assert_eq!(blocks[1].breaks, [11]);
        assert_eq!(blocks[3].links[0].range, 0..10);
        assert_eq!(blocks[3].videos.len(), 1);
        assert!(html_blocks("<span>just text</span>", 0).is_empty());
        // A tag cut off after a character of several bytes.
        assert_eq!(html_blocks("<p>Talks</p><presented by …", 0).len(), 1);
        let parsed = parse("Intro.\n\n<h3>A talk</h3>\n<p>Ann Lee</p>\n\nAfter.\n");
        assert_eq!(parsed.html.len(), 1);
        assert_eq!(parsed.html[0].0, "A talk Ann Lee");
        assert_eq!(parsed.blocks.len(), 2, "the readers' blocks are the Markdown's");
    }

    #[test]
    fn code_and_html_text_are_kept_apart_from_the_blocks_and_alt_text_left_out() {
        let parsed = parse(
            "Intro words.\n\n```\nfn gadget() {}\n```\n\n![The speaker at the lectern](p.jpg)\n\n<div class=\"tweet\">Loved the &amp; talk<img alt=\"Ravi: Parsers\" src=\"x.png\"><script>var hidden = 1;</script></div>\n",
        );
        let texts: Vec<&str> = parsed
            .blocks
            .iter()
            .filter(|b| !b.is_blank())
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(texts, vec!["Intro words."]);
        for seen in ["fn gadget() {}", "Loved the & talk"] {
            assert!(parsed.other_text.contains(seen), "{seen:?} in {:?}", parsed.other_text);
        }
        for unseen in ["hidden", "lectern", "Parsers"] {
            assert!(
                !parsed.other_text.contains(unseen),
                "{unseen:?} in {:?}",
                parsed.other_text
            );
        }
    }

    fn marked(b: &Block, style: Style) -> Vec<&str> {
        b.marks
            .iter()
            .filter(|m| m.style == style)
            .map(|m| &b.text[m.range.clone()])
            .collect()
    }

    #[test]
    fn paragraphs_keep_bold_and_links_as_ranges() {
        let blocks = parse_blocks(
            "The *third* talk was by [Sasidhar][] on **How Import Works**.\n\n[Sasidhar]: https://example.org/s\n",
        );
        assert_eq!(blocks.len(), 1);
        let b = &blocks[0];
        assert_eq!(b.text, "The third talk was by Sasidhar on How Import Works.");
        assert_eq!(marked(b, Style::Strong), vec!["How Import Works"]);
        assert_eq!(marked(b, Style::Emphasis), vec!["third"]);
        assert_eq!(b.links[0].url, "https://example.org/s");
        assert_eq!(&b.text[b.links[0].range.clone()], "Sasidhar");
    }

    #[test]
    fn list_items_and_their_continuations_are_separate_blocks() {
        let blocks = parse_blocks(
            "Agenda\n\n1. Intro to web.py - Anand\n2. Pycassa - Shoaib\n\n   It covers Cassandra.\n\n- nested\n  - deeper\n",
        );
        let kinds: Vec<_> = blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(kinds[0], (BlockKind::Paragraph, "Agenda"));
        assert!(matches!(
            kinds[1],
            (
                BlockKind::Item {
                    ordered: true,
                    depth: 0,
                    ..
                },
                "Intro to web.py - Anand"
            )
        ));
        assert!(matches!(
            kinds[2],
            (BlockKind::Item { ordered: true, .. }, "Pycassa - Shoaib")
        ));
        assert_eq!(kinds[3], (BlockKind::Paragraph, "It covers Cassandra."));
        assert!(matches!(
            kinds[4],
            (
                BlockKind::Item {
                    ordered: false,
                    depth: 0,
                    ..
                },
                "nested"
            )
        ));
        assert!(matches!(kinds[5], (BlockKind::Item { depth: 1, .. }, "deeper")));
    }

    #[test]
    fn iframes_and_thumbnails_give_videos_and_html_text_is_dropped() {
        let md = "A talk.\n\n<iframe src=\"https://www.youtube.com/embed/lING02S6AAc?rel=0\"></iframe>\n\n[![t](http://img.youtube.com/vi/_jhxLnWyX7c/2.jpg)](https://www.youtube.com/watch?v=_jhxLnWyX7c)\n\n<blockquote class=\"twitter-tweet\"><p>Great talk!</p></blockquote>\n";
        let blocks = parse_blocks(md);
        let videos: Vec<_> = blocks.iter().flat_map(|b| b.videos.clone()).collect();
        assert_eq!(
            videos,
            vec![
                "https://www.youtube.com/watch?v=lING02S6AAc",
                "https://www.youtube.com/watch?v=_jhxLnWyX7c"
            ]
        );
        assert!(blocks.iter().all(|b| !b.text.contains("Great talk")));
        // Image alt text is not prose.
        assert_eq!(blocks.iter().filter(|b| !b.text.is_empty()).count(), 1, "{blocks:?}");
    }

    #[test]
    fn headings_tables_and_code() {
        let md = "## Garbage collection\n\n| Talk | Speaker |\n|---|---|\n| GC | Rivas |\n\n```\nnot prose\n```\n\nUse `gc.collect()` now.\n";
        let blocks = parse_blocks(md);
        assert_eq!(blocks[0].kind, BlockKind::Heading(2));
        assert_eq!(blocks[0].text, "Garbage collection");
        assert_eq!(blocks[1].kind, BlockKind::TableRow);
        assert_eq!(blocks[1].text, "Talk | Speaker");
        assert_eq!(blocks[2].text, "GC | Rivas");
        assert_eq!(blocks[3].text, "Use gc.collect() now.");
        assert_eq!(marked(&blocks[3], Style::Code), vec!["gc.collect()"]);
    }

    #[test]
    fn text_right_after_an_embed_is_a_paragraph() {
        let md = "Intro.\n\n<iframe src=\"https://www.youtube.com/embed/aaaaaaaaaaa\">\n</iframe>\nNext was Ida Lund on **Arenas**.\n\nLast line.\n";
        let blocks = parse_blocks(md);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&"Next was Ida Lund on Arenas."), "{texts:?}");
        let next = blocks.iter().find(|b| b.text.starts_with("Next")).unwrap();
        assert_eq!(
            &md[next.offset..next.offset + 4],
            "Next",
            "offsets point into the post as written"
        );
        assert_eq!(blocks.iter().flat_map(|b| b.videos.clone()).count(), 1);
        // Inline HTML inside a paragraph is left as it is.
        let blocks = parse_blocks("Some <b>bold</b>\ntext here.\n");
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let md = "> ".repeat(20_000) + "deep\n" + &"- ".repeat(20_000) + "x\n";
        let blocks = parse_blocks(&md);
        assert!(blocks.iter().any(|b| b.text == "deep"));
    }
}
