//! Sentences and phrases inside a block's text: where sentences end, which marked-up stretches
//! fall inside one, and how to cut a title-like phrase out of running prose.

use std::ops::Range;

use super::blocks::{Block, Style};

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "e.g", "i.e", "vs", "st", "no", "approx", "sr", "jr",
];

/// Byte ranges of the sentences of `text`. A full stop ends a sentence when a space and a
/// capital letter, digit, quote or bracket follow it, and it does not close an initial ("M.") or
/// a known abbreviation, and it is not inside link text or emphasis.
pub fn sentences(block: &Block) -> Vec<Range<usize>> {
    let text = &block.text;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            let next = text[i + 2..].chars().next();
            let opens = next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"'“‘([*".contains(n));
            let word_before = text[start..i].rsplit([' ', '(']).next().unwrap_or("");
            let initial = c == b'.' && word_before.chars().count() == 1 && word_before.chars().all(char::is_uppercase);
            let abbrev = c == b'.' && ABBREVIATIONS.contains(&word_before.to_ascii_lowercase().as_str());
            let inside_mark = block.marks.iter().any(|m| m.range.start <= i && i + 1 < m.range.end);
            if opens && !initial && !abbrev && !inside_mark {
                out.push(start..i + 1);
                start = i + 2;
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Marked-up stretches (bold, italic, code, link text) that lie inside `range`.
pub fn marks_in(block: &Block, range: &Range<usize>) -> Vec<(Range<usize>, Style)> {
    block
        .marks
        .iter()
        .filter(|m| m.range.start >= range.start && m.range.end <= range.end)
        .map(|m| (m.range.clone(), m.style))
        .collect()
}

/// Stretches in straight or curly double quotes inside `range`.
pub fn quoted_in(text: &str, range: &Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in s.char_indices() {
        match (c, open) {
            ('"' | '“', None) => open = Some(i + c.len_utf8()),
            ('"' | '”', Some(o)) => {
                if i > o {
                    out.push(range.start + o..range.start + i);
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Cuts a title-like phrase from the start of `s`: up to the end of the clause (a comma, a
/// stop, "where", "which", "and he", a duration), without a leading article or possessive.
pub fn leading_phrase(s: &str) -> &str {
    let lower = s.to_ascii_lowercase();
    let mut end = s.len();
    for stop in [
        ". ", ", ", "; ", " (", "! ", "? ", " where ", " which ", " and he ", " and she ", " and they ", " and then ",
        " and it ", " for about ", " for around ", " around ", " i.e", " followed by ", " - ", " – ", " who ",
        " while ", " that was ", " as part of ", " but ", " and this ", " and that ", " and we ", " and i ",
    ] {
        if let Some(at) = lower.find(stop) {
            end = end.min(at);
        }
    }
    // "... and showed how": a second verb ends the title.
    let mut from = 0;
    while let Some(at) = lower[from..].find(" and ") {
        let at = from + at;
        let next = lower[at + 5..].split(' ').next().unwrap_or("");
        let original = s[at + 5..].split(' ').next().unwrap_or("");
        if next.len() > 3 && next.ends_with("ed") && original.chars().next().is_some_and(char::is_lowercase) {
            end = end.min(at);
            break;
        }
        from = at + 5;
    }
    // "... for 7 minutes", "... for 1 hour"
    if let Some(at) = lower.find(" for ") {
        let after = &lower[at + 5..];
        if after.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            end = end.min(at);
        }
    }
    let phrase = s[..end].trim().trim_end_matches(['.', ',', ':', ';', '!', '?']).trim();
    short_topic(strip_leading_fillers(phrase))
}

/// The thing a phrase names rather than describes, as a reader would title it: "a new gem he
/// wrote called Tiller which makes forms easy" → "Tiller: makes forms easy"; "the language
/// everyone loves to mock, Perl" → "Perl". `None` when the phrase names nothing that way.
pub fn named_thing(phrase: &str) -> Option<String> {
    let clause_end = phrase.find([';', '(']).unwrap_or(phrase.len());
    let clause = phrase[..clause_end].trim_end().trim_end_matches(['.', '!', '?']);
    let low = clause.to_ascii_lowercase();
    if let Some(at) = [" called ", " named ", " dubbed "]
        .iter()
        .find_map(|w| low.find(w).map(|i| i + w.len()))
    {
        let rest = &clause[at..];
        let name_end = [" which ", " that ", ", "]
            .iter()
            .filter_map(|w| rest.find(w))
            .min()
            .unwrap_or(rest.len());
        let name = tidy_title(&rest[..name_end]);
        if !name.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || name.split_whitespace().count() > 4 {
            return None;
        }
        let what = rest[name_end..].trim_start_matches(',').trim_start();
        let what = ["which ", "that "].iter().find_map(|w| what.strip_prefix(w));
        return Some(match what {
            Some(what) if !what.trim().is_empty() => format!("{name}: {}", short_topic(what.trim())),
            _ => name,
        });
    }
    // "..., Name" closing the clause: the description's name.
    let (description, name) = clause.rsplit_once(", ")?;
    let name = name.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let proper = words.len() == 1 && name.starts_with(char::is_uppercase);
    // A description in lower case ("the language everyone loves to mock"), not a list ("Go,
    // Rust, Zig").
    let described = description.split_whitespace().count() >= 3
        && description.starts_with(char::is_lowercase)
        && description
            .split_whitespace()
            .next_back()
            .is_some_and(|w| w.starts_with(char::is_lowercase));
    (proper && described && !description.contains(", ")).then(|| tidy_title(name))
}

/// Words a title read from a sentence keeps at most: past them the sentence is describing the
/// talk, not naming it.
const TOPIC_WORDS: usize = 16;

/// The head of a long phrase, as a reader would title it: a phrase past a dozen words loses
/// its "and how ..." clause ("Volkswagen scandal and how developers should answer for their
/// code" → "Volkswagen scandal"), and one still past [`TOPIC_WORDS`] is cut before the last
/// linking word that keeps it within them ("... cross-game chat across a network of games" →
/// "... cross-game chat").
pub fn short_topic(phrase: &str) -> &str {
    let words: Vec<(usize, &str)> = phrase
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    if words.len() <= 12 {
        return phrase;
    }
    let clause = words
        .windows(2)
        .skip(2)
        .find(|pair| pair[0].1.eq_ignore_ascii_case("and") && ["how", "why", "what", "when"].contains(&pair[1].1));
    if let Some(pair) = clause {
        return phrase[..pair[0].0].trim_end_matches([',', ' ']);
    }
    if words.len() <= TOPIC_WORDS {
        return phrase;
    }
    const LINKS: &[&str] = &[
        "across", "of", "on", "in", "for", "with", "and", "to", "from", "at", "by", "using", "running", "that",
        "which", "where", "while", "so", "as", "into", "over", "via", "when",
    ];
    let mut cut = (3..=TOPIC_WORDS)
        .rev()
        .find(|&k| LINKS.contains(&words[k].1.to_lowercase().as_str()))
        .unwrap_or(TOPIC_WORDS);
    // "X as well as Y" is cut before its "as well", not inside it.
    if cut >= 5
        && words[cut - 1].1.eq_ignore_ascii_case("well")
        && words[cut - 2].1.eq_ignore_ascii_case("as")
        && words[cut].1.eq_ignore_ascii_case("as")
    {
        cut -= 2;
    }
    phrase[..words[cut].0].trim_end_matches([',', ' ', ';', ':'])
}

/// Drops words that introduce a title without being part of it ("the", "his talk on").
pub fn strip_leading_fillers(mut s: &str) -> &str {
    loop {
        let lower = s.to_ascii_lowercase();
        let filler = [
            "the ", "a ", "an ", "his ", "her ", "their ", "our ", "some ", "about ", "on ", "talk on ", "talk about ",
            "session on ", "session about ", "experience of ", "experience with ", "experience in ", "journey as ",
            "short ", "quick ", "brief ", "detailed ", "topic ", "titled ", "called ",
        ]
        .iter()
        .find(|f| lower.starts_with(**f));
        match filler {
            Some(f) if s.len() > f.len() => s = s[f.len()..].trim_start(),
            _ => return s,
        }
    }
}

/// `s` with its first letter in capitals ("introduction to X" → "Introduction to X").
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Removes surrounding quotes, brackets and punctuation from a title.
pub fn tidy_title(s: &str) -> String {
    let t = s.trim().trim_matches(|c: char| "\"'“”‘’`*_:;,.-–— ".contains(c)).trim();
    // An unbalanced trailing bracket from an aside.
    let t = if t.matches('(').count() < t.matches(')').count() {
        t.trim_end_matches(')')
    } else {
        t
    };
    // A quotation opening or ending the title keeps its mark (`"Async" IO`, `for i in
    // "Iterable"`); one the phrase was cut through leaves its marks unpaired: none of them quote.
    let mut t = t;
    if t.matches('"').count() % 2 == 1 {
        let start = t.as_ptr() as usize - s.as_ptr() as usize;
        let end = start + t.len();
        if s[..start].ends_with('"') {
            t = &s[start - 1..end];
        } else if s[end..].starts_with('"') {
            t = &s[start..end + 1];
        }
    }
    let unpaired = t.matches('"').count() % 2 == 1;
    // A bare address in a title reads as the site it names ("http://www.tide.example/ and
    // friends" → "tide.example and friends").
    t.split_whitespace()
        .map(|w| if unpaired { w.trim_matches('"') } else { w })
        .map(|w| {
            w.strip_prefix("https://")
                .or_else(|| w.strip_prefix("http://"))
                .map_or(w, |rest| {
                    let host = rest.split('/').next().unwrap_or(rest);
                    host.strip_prefix("www.").unwrap_or(host)
                })
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::parse_blocks;

    #[test]
    fn sentences_skip_initials_abbreviations_and_marks() {
        let b = &parse_blocks("Anand B. Pillai spoke, i.e. at length. Then **Mr. X. Y** came. End")[0];
        let s: Vec<_> = sentences(b).into_iter().map(|r| &b.text[r]).collect();
        assert_eq!(
            s,
            vec!["Anand B. Pillai spoke, i.e. at length.", "Then Mr. X. Y came.", "End"]
        );
    }

    #[test]
    fn phrases_end_at_the_clause() {
        assert_eq!(
            leading_phrase("the basics of asyncio, where he showed"),
            "basics of asyncio"
        );
        assert_eq!(leading_phrase("django experience for 7 minutes."), "django experience");
        // A long phrase is cut to its head.
        assert_eq!(
            leading_phrase(
                "the tax office leak and how every engineer should be ready to answer for the code they ship."
            ),
            "tax office leak"
        );
        assert_eq!(
            short_topic(
                "sockets, mainly how her paint tool and his sound board swap live strokes between many browsers across a mesh of peers"
            ),
            "sockets, mainly how her paint tool and his sound board swap live strokes between many browsers"
        );
        assert_eq!(
            named_thing("a new crate she wrote called Tiller which makes web forms easy to test.").as_deref(),
            Some("Tiller: makes web forms easy to test")
        );
        assert_eq!(named_thing("a tool named Quill").as_deref(), Some("Quill"));
        assert_eq!(
            named_thing("the language everyone loves to mock, Perl").as_deref(),
            Some("Perl")
        );
        assert_eq!(named_thing("caching, Redis and Memcached"), None);
        assert_eq!(named_thing("how her team ships firmware"), None);
        assert_eq!(
            short_topic(
                "new gadgets and tricks that already work on the old tablet as well as some plugins she wrote for the new one"
            ),
            "new gadgets and tricks that already work on the old tablet"
        );
        let short = "how her paint tool and his sound board swap strokes";
        assert_eq!(short_topic(short), short);
        assert_eq!(
            leading_phrase("his experience of using the stdlib to scrape a site."),
            "using the stdlib to scrape a site"
        );
        assert_eq!(tidy_title("“A Python Magic Show”"), "A Python Magic Show");
        assert_eq!(
            tidy_title("charts using \"Vega\" aka \"Vega-Lite"),
            "charts using Vega aka Vega-Lite"
        );
        assert_eq!(tidy_title("for x in \"Range\""), "for x in \"Range\"");
        assert_eq!(tidy_title("\"Lazy\" streams"), "\"Lazy\" streams");
        assert_eq!(
            tidy_title("http://www.tide.example/about and the data workshop"),
            "tide.example and the data workshop"
        );
        assert_eq!(
            tidy_title("\"Interpretable ML with Python"),
            "Interpretable ML with Python"
        );
    }

    #[test]
    fn quotes() {
        let t = "Anand - \"Memoirs\" and “Magic”";
        let q: Vec<_> = quoted_in(t, &(0..t.len())).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, vec!["Memoirs", "Magic"]);
    }
}
