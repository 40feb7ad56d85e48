//! Marking the words of a text that a query matched, the way the query matched them: same stem,
//! one of the index's words that the search found within the allowed typos, or starting with
//! the word being typed. The text is HTML-escaped and only our `<mark>` tags are added.

use std::collections::HashSet;

use tantivy::tokenizer::TextAnalyzer;

/// How the query's words match a word of a text.
#[derive(Clone)]
pub struct Matcher {
    text: TextAnalyzer,
    raw: TextAnalyzer,
    /// Stems of the query's words (and phrase words).
    stems: Vec<String>,
    /// Words (as written, lower-cased, accents folded) that the search matched although the
    /// query did not spell them so: typo corrections, halves of split compounds. Taking them
    /// from the search marks exactly what matched, and costs a lookup per word of the text
    /// instead of an edit distance per word and query word.
    also: HashSet<String>,
    /// The word being typed, matched as a prefix.
    prefix: Option<String>,
}

impl Matcher {
    /// `text` is the stemming analyzer of prose fields, `raw` the non-stemming one.
    pub fn new(text: TextAnalyzer, raw: TextAnalyzer, words: &[String], prefix: Option<&str>) -> Matcher {
        let mut m = Matcher {
            text,
            raw,
            stems: Vec::new(),
            also: HashSet::new(),
            prefix: None,
        };
        for w in words {
            m.stems.extend(analyze(&mut m.text, w));
        }
        m.prefix = prefix.and_then(|p| analyze(&mut m.raw, p).into_iter().next());
        m
    }

    /// Also marks these words as written (see [`Matcher::also`]).
    pub fn also_words<I: IntoIterator<Item = String>>(&mut self, words: I) {
        self.also.extend(words);
    }

    /// Also marks words with these stems (typo corrections found among stems).
    pub fn also_stems<I: IntoIterator<Item = String>>(&mut self, stems: I) {
        for stem in stems {
            if !self.stems.contains(&stem) {
                self.stems.push(stem);
            }
        }
    }

    /// Byte ranges of the matched words of `s`.
    pub fn ranges(&mut self, s: &str) -> Vec<(usize, usize)> {
        let Matcher {
            text,
            raw,
            stems,
            also,
            prefix,
        } = self;
        if stems.is_empty() && also.is_empty() && prefix.is_none() {
            return Vec::new();
        }
        let prefix = prefix.as_deref().filter(|p| p.len() >= 3);
        let mut out = Vec::new();
        let mut stream = raw.token_stream(s);
        while let Some(t) = stream.next() {
            let word = t.text.as_str();
            // Stemming only changes the end of a word: a word can share a stem with the query
            // only if it starts like one of the query's stems, so most words skip the stemmer.
            let head = word.char_indices().nth(2).map_or(word, |(i, _)| &word[..i]);
            let hit = also.contains(word)
                || prefix.is_some_and(|p| word.starts_with(p))
                || (stems.iter().any(|st| st.starts_with(head)) && {
                    let stem = analyze(text, word).pop().unwrap_or_default();
                    stems.contains(&stem)
                });
            if hit {
                out.push((t.offset_from, t.offset_to));
            }
        }
        out
    }

    /// `s` as HTML with the matched words in `<mark>`.
    pub fn mark(&mut self, s: &str) -> String {
        let ranges = self.ranges(s);
        marked(s, &ranges)
    }

    /// A window of about `width` characters of `s` around its densest run of matches, as HTML
    /// with the matches marked; the start of `s` when nothing matches.
    pub fn snippet(&mut self, s: &str, width: usize) -> String {
        let ranges = self.ranges(s);
        snippet_of(s, &ranges, width).0
    }
}

/// [`Matcher::snippet`] of `s` whose matches are `ranges`, and where in `s` the first match of
/// the window is (`None` when nothing matches).
pub fn snippet_of(s: &str, ranges: &[(usize, usize)], width: usize) -> (String, Option<usize>) {
    let first = ranges.first().map(|r| r.0);
    if s.chars().count() <= width {
        return (marked(s, ranges), first);
    }
    // The window start (at a match) that covers the most matches.
    let best = ranges
        .iter()
        .map(|&(from, _)| {
            let covered = ranges
                .iter()
                .filter(|&&(a, b)| a >= from && char_len(&s[from..b]) <= width)
                .count();
            (covered, std::cmp::Reverse(from))
        })
        .max()
        .map(|(_, std::cmp::Reverse(from))| from)
        .unwrap_or(0);
    // Start a little before the first match, at a word boundary.
    let mut start = best;
    let mut back = 0;
    for (i, c) in s[..best].char_indices().rev() {
        if back >= width / 5 {
            break;
        }
        back += 1;
        start = i;
        if c == '.' && back > 1 {
            start = i + 1;
            break;
        }
    }
    if let Some(space) = s[..best].get(start..).and_then(|w| w.find(' ')).filter(|_| start > 0) {
        start += space + 1;
    }
    let end = s[start..].char_indices().nth(width).map_or(s.len(), |(i, _)| start + i);
    let end = match s[start..end].rfind(' ') {
        Some(space) if end < s.len() => start + space,
        _ => end,
    };
    let inside: Vec<(usize, usize)> = ranges
        .iter()
        .filter(|&&(a, b)| a >= start && b <= end)
        .map(|&(a, b)| (a - start, b - start))
        .collect();
    let mut html = String::new();
    if start > 0 {
        html.push('…');
    }
    html.push_str(&marked(&s[start..end], &inside));
    if end < s.len() {
        html.push('…');
    }
    (html, first.map(|_| best))
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn analyze(analyzer: &mut TextAnalyzer, s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(s);
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

/// Typos a word of this many letters may have: none under 5, one up to 8, two from 9.
pub fn typo_budget(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// `s` HTML-escaped, with the byte ranges (sorted, not overlapping) in `<mark>`.
fn marked(s: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(s.len() + ranges.len() * 13);
    let mut at = 0;
    for &(a, b) in ranges {
        if a < at || b > s.len() {
            continue;
        }
        out.push_str(&escape_html(&s[at..a]));
        out.push_str("<mark>");
        out.push_str(&escape_html(&s[a..b]));
        out.push_str("</mark>");
        at = b;
    }
    out.push_str(&escape_html(&s[at..]));
    out
}

/// Escapes text for HTML, so that a snippet can be put into a page as it is.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{NAME_ANALYZER, TEXT_ANALYZER, TalkIndex};

    fn matcher(words: &[&str], prefix: Option<&str>) -> Matcher {
        let index = TalkIndex::in_memory().unwrap();
        let tokenizers = index.tantivy().tokenizers();
        Matcher::new(
            tokenizers.get(TEXT_ANALYZER).unwrap(),
            tokenizers.get(NAME_ANALYZER).unwrap(),
            &words.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            prefix,
        )
    }

    #[test]
    fn stems_found_words_and_prefixes_are_marked_and_html_escaped() {
        let mut m = matcher(&["collectors", "refrence"], Some("garb"));
        m.also_words(["reference".to_string()]);
        assert_eq!(
            m.mark("The <b>Garbage</b> Collector & reference counting"),
            "The &lt;b&gt;<mark>Garbage</mark>&lt;/b&gt; <mark>Collector</mark> &amp; <mark>reference</mark> counting"
        );
    }

    #[test]
    fn only_words_the_search_found_count_as_typos() {
        let mut m = matcher(&["garbge"], None);
        assert_eq!(m.mark("garbage baggage"), "garbage baggage");
        m.also_stems(["garbag".to_string()]);
        assert_eq!(m.mark("garbage baggage"), "<mark>garbage</mark> baggage");
    }

    #[test]
    fn snippets_center_on_the_matches() {
        let mut m = matcher(&["cycles"], None);
        let text = format!(
            "{} The cycle detector finds the rest. {}",
            "Filler words here. ".repeat(20),
            "More. ".repeat(30)
        );
        let s = m.snippet(&text, 80);
        assert!(s.contains("<mark>cycle</mark>"), "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.chars().count() < 110, "{s}");
    }
}
