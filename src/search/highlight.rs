//! Marking the words of a text that a query matched, the way the query matched them: same stem,
//! within the allowed typos, or starting with the word being typed. The text is HTML-escaped
//! and only our `<mark>` tags are added.

use tantivy::tokenizer::TextAnalyzer;

/// How the query's words match a word of a text.
#[derive(Clone)]
pub struct Matcher {
    text: TextAnalyzer,
    raw: TextAnalyzer,
    /// Stems of the query's words (and phrase words).
    stems: Vec<String>,
    /// Words as typed (lower-cased, accents folded) with the typos each may have.
    fuzzy: Vec<(String, u8)>,
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
            fuzzy: Vec::new(),
            prefix: None,
        };
        for w in words {
            m.stems.extend(analyze(&mut m.text, w));
            for r in analyze(&mut m.raw, w) {
                let d = typo_budget(&r);
                if d > 0 {
                    m.fuzzy.push((r, d));
                }
            }
        }
        m.prefix = prefix.and_then(|p| analyze(&mut m.raw, p).into_iter().next());
        m
    }

    fn matches(&self, stem: &str, raw: &str) -> bool {
        self.stems.iter().any(|s| s == stem)
            || self
                .prefix
                .as_deref()
                .is_some_and(|p| p.len() >= 3 && raw.starts_with(p))
            || self.fuzzy.iter().any(|(w, d)| within_typos(w, raw, usize::from(*d)))
    }

    /// Byte ranges of the matched words of `s`.
    pub fn ranges(&mut self, s: &str) -> Vec<(usize, usize)> {
        if self.stems.is_empty() && self.fuzzy.is_empty() && self.prefix.is_none() {
            return Vec::new();
        }
        let mut raws = Vec::new();
        let mut stream = self.raw.token_stream(s);
        while let Some(t) = stream.next() {
            raws.push((t.offset_from, t.offset_to, t.text.clone()));
        }
        drop(stream);
        let mut out = Vec::new();
        for (from, to, raw) in raws {
            // Stemming only changes the end of a word: a word can share a stem with the query
            // only if it starts like one of the query's stems, so most words skip the stemmer.
            let head: String = raw.chars().take(2).collect();
            let stem = if self.stems.iter().any(|st| st.starts_with(&head)) {
                analyze(&mut self.text, &raw).pop().unwrap_or_default()
            } else {
                String::new()
            };
            if self.matches(&stem, &raw) {
                out.push((from, to));
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
        if s.chars().count() <= width {
            return marked(s, &ranges);
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
        html
    }
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

/// Whether `a` and `b` are at most `max` edits apart, counting a swap of neighbours as one
/// edit (optimal string alignment distance).
pub fn within_typos(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
            row_min = row_min.min(cur[j]);
        }
        if row_min > max {
            return false;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m] <= max
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
    fn stems_typos_and_prefixes_are_marked_and_html_escaped() {
        let mut m = matcher(&["collectors", "refrence"], Some("garb"));
        assert_eq!(
            m.mark("The <b>Garbage</b> Collector & reference counting"),
            "The &lt;b&gt;<mark>Garbage</mark>&lt;/b&gt; <mark>Collector</mark> &amp; <mark>reference</mark> counting"
        );
    }

    #[test]
    fn typo_distance_counts_a_swap_as_one() {
        assert!(within_typos("pyhton", "python", 1));
        assert!(within_typos("garbge", "garbage", 1));
        assert!(!within_typos("garbge", "baggage", 1));
        assert!(within_typos("introdction", "introduction", 2));
        assert_eq!(
            (typo_budget("ast"), typo_budget("django"), typo_budget("interpreter")),
            (0, 1, 2)
        );
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
