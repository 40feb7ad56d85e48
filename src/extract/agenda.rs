//! Talks as agenda lines: list items, table rows and headings of the shapes
//! "Introduction to web.py - Anand", "Talk 1 - Anand Pillai - "Memoirs"",
//! "Run Python in browser by Kracekumar", "Design patterns 101 (Ritesh - Engineer at Cyware)".

use super::blocks::{Block, BlockKind, Style};
use super::implied::MONTHS;
use super::names::{clean_name, is_handle, looks_like_name, looks_like_person, split_names};
use super::prose::NOT_PRESENTING_BY;
use super::text::{capitalise, quoted_in, tidy_title};
use crate::extract::links;
use crate::talk::Kind;

/// A line read as one session: its title, speakers and kind.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaLine {
    pub title: String,
    pub speakers: Vec<String>,
    pub kind: Option<Kind>,
}

/// Whether `part` only labels a session ("Talk 2", "Lightning talk #3", "Session"), with no
/// title in it.
pub(crate) fn is_session_label(part: &str) -> bool {
    matches!(is_label(part), Some(Some(k)) if k != Kind::Post)
}

/// Parts of an agenda line that carry no title: labels, levels, times, durations.
fn is_label(part: &str) -> Option<Option<Kind>> {
    let low = part.trim().trim_end_matches(['.', ':']).to_lowercase();
    let words: Vec<&str> = low.split_whitespace().collect();
    if words.is_empty() {
        return Some(None);
    }
    let kind = Kind::parse(&low).or_else(|| {
        // "Talk 1", "Workshop 2", "Lightning talk #3"
        let without_number: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !w.trim_start_matches('#').chars().all(|c| c.is_ascii_digit()))
            .collect();
        Kind::parse(&without_number.join(" "))
    });
    if kind.is_some() {
        return Some(kind);
    }
    let levels = ["beginner", "beginners", "intermediate", "advanced", "all"];
    if words.len() <= 3
        && words.iter().any(|w| levels.contains(w))
        && words.iter().any(|w| *w == "level" || *w == "levels")
    {
        return Some(None);
    }
    let timeish = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || ":.apm-–hrsin".contains(c))
    };
    // "Jan 18", "June 19th": a date heads a line of news, not a session.
    if words.len() <= 3
        && words.iter().any(|w| MONTHS.contains(w))
        && words.iter().any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    {
        return Some(None);
    }
    let units = ["am", "pm", "minutes", "mins", "min", "hour", "hours", "hrs", "to"];
    if words.iter().all(|w| timeish(w) || units.contains(w)) {
        return Some(None);
    }
    None
}

/// Words of the parts of an evening that are no session: the organisers' welcome, the
/// breaks.
const HOUSEKEEPING: &[&str] = &[
    "intro", "introduction", "opening", "closing", "welcome", "wrap", "up", "announcements", "news", "slides", "about",
    "meetup", "host", "hosts", "sponsor", "sponsors", "tea", "break", "breaks", "coffee", "lunch", "dinner",
    "networking", "refreshments", "snacks", "pizza", "drinks", "and", "the", "our", "of", "remarks", "notes", "q", "a",
    "qa", "doors", "open", "group", "photo", "event", "evening", "night", "meeting", "this", "time", "questions",
];

/// Whether a title names only a part of the evening that is no session ("Meetup intro
/// slides", "Tea break and networking").
pub(crate) fn is_housekeeping(title: &str) -> bool {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| HOUSEKEEPING.contains(&w))
}

/// The title of list item `i` of a list of talks that names no speaker: its own words, short
/// and no housekeeping; an item that only labels the one link nested under it ("Ruby Recap"
/// over "[Managing processes with Foreman](…)") is titled by both.
pub(crate) fn unnamed_item_title(blocks: &[Block], i: usize) -> Option<String> {
    let block = &blocks[i];
    let text = strip_trailing_asides(block.text.trim());
    let title = tidy_title(text);
    if title.is_empty()
        || title.split_whitespace().count() > 12
        || title.contains(". ")
        || block.text.trim_end().ends_with(':')
        || is_housekeeping(&title)
        || is_session_label(&title)
    {
        return None;
    }
    let nested = blocks
        .get(i + 1)
        .filter(|b| matches!(b.kind, BlockKind::Item { depth, .. } if depth > 0) && b.links.len() == 1);
    let linked = nested.and_then(|b| {
        let link = &b.links[0];
        let text = b.text.get(link.range.clone())?.trim();
        (!link.image && text == b.text.trim() && text.split_whitespace().count() >= 2).then(|| tidy_title(text))
    });
    Some(match linked {
        Some(talk) => format!("{title}: {talk}"),
        None => title,
    })
}

/// "The data workshop was explained" (before "by Ann"): the verb is not part of the title.
fn drop_passive_verb(rest: &mut String) {
    if let Some(k) = [" was ", " were ", " is "].iter().filter_map(|w| rest.rfind(w)).max()
        && rest[k..].split_whitespace().count() == 2
        && rest.ends_with("ed")
    {
        rest.truncate(k);
    }
}

/// The names after "by": up to a question mark, a bracket or a URL ("by Ann Lee (Acme)", "by
/// Ann Lee, https://...").
fn speaker_tail(s: &str) -> &str {
    let mut end = s.find(['?', '!', '(']).unwrap_or(s.len());
    for url in ["http://", "https://", "www."] {
        if let Some(at) = s.find(url) {
            end = end.min(at);
        }
    }
    s[..end].trim().trim_end_matches(['.', ',', ';', ':']).trim_end()
}

/// `s` without the bracketed asides that end it ("Title ([slides](...)) (Beginner)").
fn strip_trailing_asides(s: &str) -> &str {
    let mut s = s.trim_end();
    while s.ends_with(')') {
        let mut depth = 0;
        let mut open = None;
        for (i, c) in s.char_indices().rev() {
            match c {
                ')' => depth += 1,
                '(' => {
                    depth -= 1;
                    if depth == 0 {
                        open = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        match open {
            Some(i) if i > 0 => s = s[..i].trim_end(),
            _ => break,
        }
    }
    s
}

/// Reads a photo's caption (its alternative text, or a short line under it) that names a talk
/// as "Ann Lee: Fuzzing parsers": a full name (two words or more) or a handle, a colon, a
/// title. Outside a caption "Rust Macros: A Primer" is a title, so this shape is read here only.
pub fn read_caption(caption: &str) -> Option<AgendaLine> {
    let caption = caption.trim();
    if caption.len() > 200 {
        return None;
    }
    let (name, title) = caption.split_once(": ")?;
    let name = name.trim().trim_matches('*').trim();
    let person = is_handle(name) || looks_like_name(name) && (2..=4).contains(&name.split_whitespace().count());
    let title = tidy_title(title);
    if !person || title.split_whitespace().count() < 2 || is_housekeeping(&title) || looks_like_name(&title) {
        return None;
    }
    Some(AgendaLine {
        title,
        speakers: vec![clean_name(name)],
        kind: None,
    })
}

/// What separates the parts of an agenda line.
const SEPARATORS: &[&str] = &[" - ", " – ", " — ", " | "];

/// Separator characters stood in for by characters of Unicode's private use area while a line
/// is cut, and put back after.
const GUARDS: &[(char, char)] = &[
    ('-', '\u{E000}'),
    ('–', '\u{E001}'),
    ('—', '\u{E002}'),
    ('|', '\u{E003}'),
];

fn guard(s: &str) -> String {
    s.chars()
        .map(|c| GUARDS.iter().find(|(from, _)| *from == c).map_or(c, |&(_, to)| to))
        .collect()
}

fn unguard(s: &str) -> String {
    s.chars()
        .map(|c| GUARDS.iter().find(|(_, to)| *to == c).map_or(c, |&(from, _)| from))
        .collect()
}

/// Reads one agenda line. `block` is the line's block, used to tell linked names from linked
/// titles.
pub fn read_line(block: &Block) -> Option<AgendaLine> {
    let text = block.text.trim();
    if text.len() > 300 {
        return None;
    }
    let linked_person = |s: &str| -> bool {
        let s = s.trim();
        block.marks.iter().any(|m| {
            let Style::Link(i) = m.style else {
                return false;
            };
            let lt = block.text[m.range.clone()].trim();
            lt == s.trim_end_matches(['.', ',']) && block.links.get(i).is_some_and(|l| !links::is_material_url(&l.url))
        })
    };
    // Link text of a link to a person's profile ("[Ann Lee](https://github.com/annlee)").
    let profile_link = |s: &str| -> bool {
        let s = s.trim().trim_end_matches(['.', ',']);
        block.links.iter().any(|l| {
            !l.image && links::is_profile_url(&l.url) && block.text.get(l.range.clone()).is_some_and(|t| t.trim() == s)
        })
    };
    let mut kind = None;
    let mut speakers: Vec<String> = Vec::new();
    let mut rest = text.to_string();
    // Whether a cue ("by") or markup (quotes) says which part is the person: then a title in
    // capitalised words ("Iterative Chef by Ann") is no second name.
    let mut cued = false;

    // "... by Anand", "... by [Sayan](...) (Acme)", unless the one before "by" hosted or wrote
    // rather than presented ("sponsored by", "maintained by").
    if let Some(at) = rest.rfind(" by ") {
        let previous = rest[..at].split_whitespace().next_back().unwrap_or("").to_lowercase();
        let names = split_names(speaker_tail(&rest[at + 4..]));
        if !NOT_PRESENTING_BY.contains(&previous.as_str())
            && !names.is_empty()
            && names.iter().all(|n| looks_like_person(n))
        {
            speakers = names;
            rest.truncate(at);
            drop_passive_verb(&mut rest);
            cued = true;
        }
    }
    // "Title, by ?", "Title was explained by one of the audience": a session whose presenter
    // the writer could not name.
    let mut anonymous = false;
    if speakers.is_empty()
        && let Some(at) = rest.rfind(" by ")
    {
        let tail = rest[at + 4..].trim().trim_end_matches('.').to_lowercase();
        if tail == "?"
            || [
                "one of the audience",
                "someone from the audience",
                "an attendee",
                "one of the attendees",
                "a member of the audience",
                "an audience member",
            ]
            .contains(&tail.as_str())
        {
            rest.truncate(at);
            let trimmed = rest.trim_end().trim_end_matches(',').len();
            rest.truncate(trimmed);
            drop_passive_verb(&mut rest);
            anonymous = true;
            cued = true;
        }
    }
    // "RubyConf recap with [@ann](profile)": "with" a linked person or a handle.
    if speakers.is_empty()
        && let Some(at) = rest.rfind(" with ")
    {
        let name = speaker_tail(&rest[at + 6..]);
        if is_handle(name) || profile_link(name) && looks_like_person(name) {
            speakers.push(name.to_string());
            rest.truncate(at);
            cued = true;
        }
    }
    // "Title? [Ann Lee](profile) ([slides](...))": a linked person ending the line.
    if speakers.is_empty() {
        let without_asides = strip_trailing_asides(&rest);
        let last_link =
            block.links.iter().rev().find(|l| {
                !l.image && !l.range.is_empty() && without_asides.ends_with(block.text[l.range.clone()].trim())
            });
        if let Some(link) = last_link {
            let name = block.text[link.range.clone()].trim();
            if let Some(title) = without_asides.strip_suffix(name)
                && links::is_profile_url(&link.url)
                && looks_like_person(name)
                && !title.trim().is_empty()
                && !title.trim_end().ends_with(" -")
            {
                speakers.push(clean_name(name));
                rest = title.trim_end().trim_end_matches([',', ':']).to_string();
                cued = true;
            }
        }
    }
    // "(Ritesh - Software Engineer at Cyware)": a name with an affiliation in brackets.
    if speakers.is_empty()
        && let (Some(open), Some(close)) = (rest.find('('), rest.rfind(')'))
        && open < close
    {
        let inner = &rest[open + 1..close];
        let first = inner.split([',', '-', '–']).next().unwrap_or("").trim();
        let before = rest[..open].trim();
        if looks_like_name(first) && inner.len() < 80 && !looks_like_name(before) {
            speakers.push(clean_name(first));
            rest = format!("{}{}", &rest[..open], &rest[close + 1..]);
            cued = true;
        }
    }
    // A dash inside link text ("[chconn - a fast client](...)") is part of that text, not a
    // separator: such dashes are set aside while the line is cut into parts.
    let mut guarded = rest.clone();
    for l in block.links.iter().filter(|l| !l.image) {
        let link_text = block.text.get(l.range.clone()).unwrap_or("");
        if SEPARATORS.iter().any(|sep| link_text.contains(sep)) {
            guarded = guarded.replace(link_text, &guard(link_text));
        }
    }
    let mut pieces = vec![guarded.as_str()];
    for sep in SEPARATORS {
        pieces = pieces.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    let parts: Vec<String> = pieces
        .into_iter()
        .map(|p| unguard(p.trim()))
        .filter(|p| !p.is_empty())
        .collect();
    let quoted = |p: &str| !quoted_in(p, &(0..p.len())).is_empty() || p.starts_with(['"', '“']);
    let mut title_parts = Vec::new();
    // A schedule line: a time or a label before the title ("7:10 pm: Title, Name").
    let mut scheduled = false;
    for part in &parts {
        if let Some(k) = is_label(part) {
            kind = kind.or(k);
            scheduled = true;
            continue;
        }
        // "Workshop: Testing with pytest", "Talk 2: Async IO", "18:30: Title": a session label
        // or a time before a colon.
        let split = part.split_once(": ").or_else(|| part.split_once(':'));
        let part: &str = match split {
            Some((head, tail)) if !tail.trim().is_empty() => match is_label(head) {
                Some(k) => {
                    kind = kind.or(k);
                    scheduled = true;
                    tail.trim()
                }
                None => part,
            },
            _ => part,
        };
        let bare = part.trim_end_matches(['.', ',', ':', ';']);
        let cleaned = clean_name(bare);
        let name_like = !quoted(part)
            && looks_like_person(bare.split('(').next().unwrap_or(bare).trim())
            && looks_like_person(&cleaned);
        if speakers.is_empty()
            && (name_like || linked_person(bare) && looks_like_name(&cleaned))
            && !title_parts.is_empty()
        {
            speakers.extend(split_names(bare));
        } else if speakers.is_empty()
            && name_like
            && parts.len() > 1
            && title_parts.is_empty()
            && (parts.iter().any(|p| quoted(p)) || profile_link(bare) && parts.len() == 2)
        {
            // "Anand Chitipothu - “A Python Magic Show”", "[Ann Lee](profile) - [Title](slides)":
            // the name comes first.
            speakers.extend(split_names(bare));
            cued = true;
        } else {
            title_parts.push(part.to_string());
        }
    }
    // "Title, Name" on a schedule line; a surname typed in lower case ("Vijay kumar") is still
    // the name the line ends with.
    if speakers.is_empty()
        && scheduled
        && let Some(last) = title_parts.last_mut()
        && let Some((title, name)) = last.rsplit_once(", ")
        && !looks_like_name(title)
    {
        let name = name.trim_end_matches(['.', ';']);
        let capitalised = name.split(' ').map(capitalise).collect::<Vec<_>>().join(" ");
        let person = if looks_like_person(name) {
            Some(clean_name(name))
        } else {
            (name.starts_with(char::is_uppercase) && name.split(' ').count() == 2 && looks_like_person(&capitalised))
                .then(|| clean_name(&capitalised))
        };
        if let Some(person) = person {
            speakers.push(person);
            *last = title.to_string();
        }
    }
    if speakers.is_empty() && !anonymous {
        return None;
    }
    cued |= title_parts.first().is_some_and(|t| quoted(t));
    let title = title_parts.first().map(|t| tidy_title(t))?;
    // A title is one phrase: not several sentences (a minute of a meeting), and not a phone
    // number (a contact list).
    let sentences = title.match_indices(". ").any(|(i, _)| {
        title[i + 2..].starts_with(char::is_uppercase) && !title[..i].ends_with(|c: char| c.is_uppercase())
    });
    let longest_number = title
        .split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    if title.chars().filter(|c| c.is_alphanumeric()).count() < 2
        || !cued && looks_like_name(&title) && title.split_whitespace().count() > 1
        || sentences
        || longest_number >= 7
        || is_housekeeping(&title)
    {
        return None;
    }
    Some(AgendaLine { title, speakers, kind })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::parse_blocks;

    fn line(md: &str) -> Option<AgendaLine> {
        read_line(&parse_blocks(md)[0])
    }

    #[test]
    fn title_dash_speaker() {
        let l = line("1. Introduction to web.py - [Anand][]\n\n[Anand]: https://anand.example.org\n").unwrap();
        assert_eq!(l.title, "Introduction to web.py");
        assert_eq!(l.speakers, vec!["Anand"]);
    }

    #[test]
    fn labels_levels_and_durations_are_dropped() {
        let l = line("1. Introduction to IPython - Beginner level - [Kracekumar](https://twitter.com/k) - 30 minutes.")
            .unwrap();
        assert_eq!(l.title, "Introduction to IPython");
        assert_eq!(l.speakers, vec!["Kracekumar"]);
        let l = line("- Workshop - Data Science - Lalitha Donaparthi").unwrap();
        assert_eq!((l.title.as_str(), l.kind), ("Data Science", Some(Kind::Workshop)));
        let l =
            line("1. Intro to Python - Beginner level - 9:30 AM - 1:30 PM by [Sam](https://twitter.com/sam).").unwrap();
        assert_eq!(l.title, "Intro to Python");
        assert_eq!(l.speakers, vec!["Sam"]);
    }

    #[test]
    fn a_session_label_before_a_colon_is_the_kind_not_the_title() {
        let l = line("2. Workshop: Testing with pytest - Asha Pillai").unwrap();
        assert_eq!(
            (l.title.as_str(), l.kind),
            ("Testing with pytest", Some(Kind::Workshop))
        );
        let l = line("- Lightning talk #2: Rich tracebacks - Omar Said").unwrap();
        assert_eq!((l.title.as_str(), l.kind), ("Rich tracebacks", Some(Kind::Lightning)));
        // A colon inside a title stays.
        let l = line("- Django: the good parts - Meera Krishnan").unwrap();
        assert_eq!((l.title.as_str(), l.kind), ("Django: the good parts", None));
    }

    #[test]
    fn name_first_with_quoted_title() {
        let l = line("- Talk 1 - Anand Pillai - \"Memoirs\"").unwrap();
        assert_eq!(l.title, "Memoirs");
        assert_eq!(l.speakers, vec!["Anand Pillai"]);
        assert_eq!(l.kind, Some(Kind::Talk));
        let l = line("- Meera Rao - “A Python Magic Show”").unwrap();
        assert_eq!(l.title, "A Python Magic Show");
        let l = line("- Kiran (ACME) - \"CPython\"").unwrap();
        assert_eq!((l.title.as_str(), l.speakers[0].as_str()), ("CPython", "Kiran"));
    }

    #[test]
    fn bracketed_speaker_and_by() {
        let l = line("- Design patterns 101 (Ritesh - Software Engineer at Cyware) :").unwrap();
        assert_eq!(l.title, "Design patterns 101");
        assert_eq!(l.speakers, vec!["Ritesh"]);
        let l = line("2. Run Python in browser by [Kracekumar][].\n\n[Kracekumar]: https://k.example.org\n").unwrap();
        assert_eq!(l.title, "Run Python in browser");
    }

    #[test]
    fn a_title_in_capitals_is_no_name_when_by_says_who() {
        let l = line("- Iterative Baking by [@crumb_dev](https://twitter.com/crumb_dev)").unwrap();
        assert_eq!(
            (l.title.as_str(), l.speakers[0].as_str()),
            ("Iterative Baking", "@crumb_dev")
        );
        let l = line("- [Reproducible Builds](builds.slide), by [Ola Berg](https://www.linkedin.com/in/ob) (Acme)")
            .unwrap();
        assert_eq!(
            (l.title.as_str(), l.speakers[0].as_str()),
            ("Reproducible Builds", "Ola Berg")
        );
        let l = line("- \"Graph Colouring\" by Dr Mina Sato, https://drive.example.org/x").unwrap();
        assert_eq!(
            (l.title.as_str(), l.speakers[0].as_str()),
            ("Graph Colouring", "Mina Sato")
        );
        let l = line("- Why Parsers Fail by Ida Lund?").unwrap();
        assert_eq!(l.speakers, vec!["Ida Lund"]);
        // Without a cue, two capitalised parts are two names, not a talk.
        assert_eq!(line("- Ida Lund - Tom Berg"), None);
    }

    #[test]
    fn name_first_when_the_name_is_a_linked_person() {
        let l = line("- [Ann Lee](https://github.com/annlee) - [Small Tools](https://example.org/small-tools.pdf)")
            .unwrap();
        assert_eq!((l.title.as_str(), l.speakers[0].as_str()), ("Small Tools", "Ann Lee"));
    }

    #[test]
    fn a_linked_person_at_the_end_or_after_with() {
        let l = line(
            "- Do We Still Need Servers? [Ann Lee](https://twitter.com/annlee) ([slides](https://example.org/s.pdf))",
        )
        .unwrap();
        assert_eq!(
            (l.title.as_str(), l.speakers[0].as_str()),
            ("Do We Still Need Servers?", "Ann Lee")
        );
        let l = line("- Regex: the hard parts, [Ann Lee](https://twitter.com/annlee)").unwrap();
        assert_eq!(l.title, "Regex: the hard parts");
        let l = line("1. Conference recap with [@annlee](https://twitter.com/annlee) (Beginner)").unwrap();
        assert_eq!(
            (l.title.as_str(), l.speakers[0].as_str()),
            ("Conference recap", "@annlee")
        );
        // A product's own site is not a person; a date heads news.
        assert_eq!(
            line("- [Gadget](https://gadget.example.org/) - A faster test runner"),
            None
        );
        assert_eq!(line("- _Mar 3_ - [Startup Night](https://events.example.org/)"), None);
        assert_eq!(line("- Q&A with [Ann Lee](https://twitter.com/annlee)"), None);
    }

    #[test]
    fn captions_naming_the_speaker_and_the_talk() {
        let l = read_caption("Ida Lund: Fuzzing parsers in the small").unwrap();
        assert_eq!(
            (l.title.as_str(), l.speakers[0].as_str()),
            ("Fuzzing parsers in the small", "Ida Lund")
        );
        assert!(read_caption("Venue: the Acme office").is_none());
        assert!(read_caption("Group Photo: everyone after the talks").is_none());
        assert!(
            read_caption("Rust: a primer").is_none(),
            "one capitalised word is no full name"
        );
        assert!(read_caption("Ida Lund: Tom Berg").is_none());
    }

    #[test]
    fn a_dash_inside_a_linked_title_is_part_of_it() {
        let l = line("- [tinyq - a queue in one file](https://example.org/tinyq.pdf), by Ida Lund").unwrap();
        assert_eq!(l.title, "tinyq - a queue in one file");
        assert_eq!(l.speakers, vec!["Ida Lund"]);
    }

    #[test]
    fn schedule_lines_with_a_time_and_a_comma_before_the_name() {
        let l = line("## 7.10 PM - 7.40 PM: Making sense of flame graphs, Ravi Shankar").unwrap();
        assert_eq!(
            (l.title.as_str(), l.speakers[0].as_str()),
            ("Making sense of flame graphs", "Ravi Shankar")
        );
        // Outside a schedule a comma is part of the title.
        assert_eq!(line("- Making sense of flame graphs, Ravi Shankar"), None);
        let l = line("2. The tide data workshop in Pune was explained by Meera Iyer.").unwrap();
        assert_eq!(l.title, "The tide data workshop in Pune");
        let l = line("### Tide Charts Library, by ?").unwrap();
        assert_eq!((l.title.as_str(), l.speakers.len()), ("Tide Charts Library", 0));
        let l = line("1. Porting a ledger to SQLite was explained by one of the audience").unwrap();
        assert_eq!((l.title.as_str(), l.speakers.len()), ("Porting a ledger to SQLite", 0));
        // A surname typed in lower case.
        let l = line("## 8.00 PM - 8.30 PM: Arenas in practice, Meera iyer").unwrap();
        assert_eq!(l.speakers, vec!["Meera Iyer"]);
        assert_eq!(line("## 8.00 PM - 8.30 PM: Arenas in practice, part two"), None);
    }

    #[test]
    fn hosts_breaks_and_welcomes_are_not_talks() {
        assert_eq!(
            line("- Tea break and networking sponsored by [Acme Labs](https://acme.example.org)"),
            None
        );
        assert_eq!(line("- Snacks and networking by Corner Bakery"), None);
        assert_eq!(line("- [Meetup intro slides](intro.pdf), by Kim Ode"), None);
        assert_eq!(line("- [Opening/Closing](open.pdf) by Kim Ode"), None);
        assert_eq!(line("- The parser library, maintained by Acme"), None);
        assert!(line("- [Intro to error values](errors.pdf), by Kim Ode").is_some());
    }

    #[test]
    fn lines_without_a_speaker_are_not_talks() {
        assert_eq!(line("- Lunch"), None);
        assert_eq!(line("- [Install python in osx](https://docs.python-guide.org/x)"), None);
        assert_eq!(
            line("1. Conduct community projects - Bangpypers can spearhead projects."),
            None
        );
        assert_eq!(line("- Open house session (from Pyladies and Pydata)"), None);
        assert_eq!(line("1. Priya Rao: 9876543210 - Volunteer"), None);
        assert_eq!(
            line("4. Logo. The site needs a new logo. The plan is for volunteers (Arun) to send drafts."),
            None
        );
    }
}
