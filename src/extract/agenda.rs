//! Talks as agenda lines: list items, table rows and headings of the shapes
//! "Introduction to web.py - Anand", "Talk 1 - Anand Pillai - "Memoirs"",
//! "Run Python in browser by Kracekumar", "Design patterns 101 (Ritesh - Engineer at Cyware)".

use super::blocks::{Block, Style};
use super::names::{clean_name, looks_like_name, split_names};
use super::text::{quoted_in, tidy_title};
use crate::extract::links;
use crate::talk::Kind;

/// A line read as one session: its title, speakers and kind.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaLine {
    pub title: String,
    pub speakers: Vec<String>,
    pub kind: Option<Kind>,
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
    let units = ["am", "pm", "minutes", "mins", "min", "hour", "hours", "hrs", "to"];
    if words.iter().all(|w| timeish(w) || units.contains(w)) {
        return Some(None);
    }
    None
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
    let mut kind = None;
    let mut speakers: Vec<String> = Vec::new();
    let mut rest = text.to_string();

    // "(Ritesh - Software Engineer at Cyware)": a name with an affiliation in brackets.
    if let (Some(open), Some(close)) = (rest.find('('), rest.rfind(')'))
        && open < close
    {
        let inner = &rest[open + 1..close];
        let first = inner.split([',', '-', '–']).next().unwrap_or("").trim();
        let before = rest[..open].trim();
        if looks_like_name(first) && inner.len() < 80 && !looks_like_name(before) {
            speakers.push(clean_name(first));
            rest = format!("{}{}", &rest[..open], &rest[close + 1..]);
        }
    }
    // "... by Anand", "... by [Sayan](...)."
    if speakers.is_empty()
        && let Some(at) = rest.rfind(" by ")
    {
        let names = split_names(rest[at + 4..].trim_end_matches(['.', ',', ';', ':']));
        if !names.is_empty() && names.iter().all(|n| looks_like_name(n)) {
            speakers = names;
            rest.truncate(at);
        }
    }
    let parts: Vec<String> = rest
        .split(" - ")
        .flat_map(|p| p.split(" – "))
        .flat_map(|p| p.split(" — "))
        .flat_map(|p| p.split(" | "))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let mut title_parts = Vec::new();
    for part in &parts {
        if let Some(k) = is_label(part) {
            kind = kind.or(k);
            continue;
        }
        // "Workshop: Testing with pytest", "Talk 2: Async IO": a session label before a colon.
        let part: &str = match part.split_once(':') {
            Some((head, tail)) if !tail.trim().is_empty() => match is_label(head) {
                Some(Some(k)) => {
                    kind = kind.or(Some(k));
                    tail.trim()
                }
                _ => part,
            },
            _ => part,
        };
        let bare = part.trim_end_matches(['.', ',', ':', ';']);
        let quoted = !quoted_in(part, &(0..part.len())).is_empty() || part.starts_with(['"', '“']);
        let cleaned = clean_name(bare);
        let name_like =
            !quoted && looks_like_name(bare.split('(').next().unwrap_or(bare).trim()) && looks_like_name(&cleaned);
        if speakers.is_empty()
            && (name_like || linked_person(bare) && looks_like_name(&cleaned))
            && !title_parts.is_empty()
        {
            speakers.extend(split_names(bare));
        } else if speakers.is_empty()
            && name_like
            && parts.len() > 1
            && title_parts.is_empty()
            && parts
                .iter()
                .any(|p| !quoted_in(p, &(0..p.len())).is_empty() || p.starts_with(['"', '“']))
        {
            // "Anand Chitipothu - “A Python Magic Show”": the name comes first.
            speakers.extend(split_names(bare));
        } else {
            title_parts.push(part.to_string());
        }
    }
    if speakers.is_empty() {
        return None;
    }
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
        || looks_like_name(&title) && title.split_whitespace().count() > 1
        || sentences
        || longest_number >= 7
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
