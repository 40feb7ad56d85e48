//! Reading what a user typed: words, `"exact phrases"`, `-excluded` words and `field:value`
//! filters. The reading is lenient by design: whatever does not parse as syntax (an unclosed
//! quote, an unknown field, `year:soon`) is read as plain words, so no input is an error.

use crate::post::PostDate;
use crate::talk::Kind;

/// Most words of a query that are searched; the rest are ignored.
pub const MAX_QUERY_WORDS: usize = 32;

/// Restrictions on which talks match, from `field:value` in the query or from request
/// parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub kind: Option<Kind>,
    /// A name, or part of one: every word must be in the talk's speakers.
    pub speaker: Option<String>,
    pub year: Option<i32>,
    pub tag: Option<String>,
    /// First and last day, both included.
    pub from: Option<PostDate>,
    pub to: Option<PostDate>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Fills what `self` leaves open from `other` (query syntax wins over parameters).
    pub fn or(mut self, other: &Filters) -> Filters {
        self.kind = self.kind.or(other.kind);
        self.speaker = self.speaker.or_else(|| other.speaker.clone());
        self.year = self.year.or(other.year);
        self.tag = self.tag.or_else(|| other.tag.clone());
        self.from = self.from.or(other.from);
        self.to = self.to.or(other.to);
        self
    }
}

/// A query as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Plain words, in order.
    pub words: Vec<String>,
    /// Quoted phrases, each as its words.
    pub phrases: Vec<Vec<String>>,
    /// Words after a `-`: talks containing them are left out.
    pub excluded: Vec<String>,
    pub filters: Filters,
    /// Whether the last plain word may still be being typed (the query does not end with a
    /// space or a closing quote), so that it is matched as a prefix too.
    pub last_is_prefix: bool,
}

impl ParsedQuery {
    /// Whether nothing in it selects talks by their text.
    pub fn has_no_text(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }
}

/// The words of a piece of text: runs of letters and digits.
pub fn words_of(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Reads a query.
pub fn parse(q: &str) -> ParsedQuery {
    let mut out = ParsedQuery::default();
    let mut rest = q.trim_start();
    let mut last_plain_at_end = false;
    while !rest.is_empty() && total_words(&out) < MAX_QUERY_WORDS {
        // A quoted phrase (an unclosed quote is read as plain words).
        if let Some(after) = rest.strip_prefix(['"', '“']) {
            if let Some(close) = after.find(['"', '”']) {
                let phrase: Vec<String> = words_of(&after[..close]).map(str::to_string).collect();
                match phrase.len() {
                    0 => {}
                    1 => out.words.extend(phrase),
                    _ => out.phrases.push(phrase),
                }
                rest = after[close + 1..].trim_start();
                last_plain_at_end = false;
                continue;
            }
            rest = after;
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..end];
        rest = rest[end..].trim_start();
        if let Some(excluded) = token.strip_prefix('-')
            && excluded.starts_with(char::is_alphanumeric)
        {
            out.excluded.extend(words_of(excluded).map(str::to_string));
            last_plain_at_end = false;
            continue;
        }
        if let Some((name, value)) = token.split_once(':') {
            // `speaker:"Anand C"`: a quoted value runs to the closing quote.
            let (value, consumed_rest) = match value.strip_prefix('"') {
                Some(v) if v.contains('"') => (v[..v.find('"').unwrap_or(v.len())].to_string(), None),
                Some(v) => match rest.find('"') {
                    Some(close) => (format!("{v} {}", &rest[..close]), Some(close + 1)),
                    None => (v.to_string(), None),
                },
                None => (value.to_string(), None),
            };
            if apply_filter(&mut out.filters, name, &value) {
                if let Some(n) = consumed_rest {
                    rest = rest[n..].trim_start();
                }
                last_plain_at_end = false;
                continue;
            }
        }
        let before = out.words.len();
        out.words.extend(words_of(token).map(str::to_string));
        last_plain_at_end = out.words.len() > before;
    }
    out.words.truncate(MAX_QUERY_WORDS);
    out.last_is_prefix = last_plain_at_end && !q.ends_with(char::is_whitespace) && rest.is_empty();
    out
}

fn total_words(q: &ParsedQuery) -> usize {
    q.words.len() + q.excluded.len() + q.phrases.iter().map(Vec::len).sum::<usize>()
}

/// Applies `name:value`; `false` (nothing applied) when the field is unknown or the value does
/// not make sense for it.
pub fn apply_filter(filters: &mut Filters, name: &str, value: &str) -> bool {
    let value = value.trim();
    if value.is_empty() || value.len() > 200 {
        return false;
    }
    match name.to_ascii_lowercase().as_str() {
        "kind" => match Kind::parse(value) {
            Some(kind) => filters.kind = Some(kind),
            None => return false,
        },
        "speaker" | "by" => filters.speaker = Some(value.to_string()),
        "year" => match value.parse::<i32>() {
            Ok(year) if (1900..=2200).contains(&year) => filters.year = Some(year),
            _ => return false,
        },
        "tag" => filters.tag = Some(value.to_lowercase()),
        "from" => match PostDate::parse_prefix(value) {
            Some(d) => filters.from = Some(d),
            None => return false,
        },
        "to" => match PostDate::parse_prefix(value) {
            Some(d) => filters.to = Some(d),
            None => return false,
        },
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_exclusions_and_filters() {
        let q = parse(r#"garbage "reference counting" -java speaker:rivas kind:talk year:2017 tag:Internals gc"#);
        assert_eq!(q.words, vec!["garbage", "gc"]);
        assert_eq!(q.phrases, vec![vec!["reference".to_string(), "counting".to_string()]]);
        assert_eq!(q.excluded, vec!["java"]);
        assert_eq!(q.filters.speaker.as_deref(), Some("rivas"));
        assert_eq!(q.filters.kind, Some(Kind::Talk));
        assert_eq!(q.filters.year, Some(2017));
        assert_eq!(q.filters.tag.as_deref(), Some("internals"));
        assert!(q.last_is_prefix);
        let q = parse(r#"speaker:"Anand Chitipothu" magic "#);
        assert_eq!(q.filters.speaker.as_deref(), Some("Anand Chitipothu"));
        assert_eq!(q.words, vec!["magic"]);
        assert!(!q.last_is_prefix, "a trailing space ends the word");
    }

    #[test]
    fn anything_malformed_is_plain_words() {
        let q = parse(r#"year:soon kind:banana colour:red "unclosed quote -"#);
        assert_eq!(
            q.words,
            vec!["year", "soon", "kind", "banana", "colour", "red", "unclosed", "quote"]
        );
        assert!(q.filters.is_empty());
        assert!(q.excluded.is_empty());
        for odd in [
            "", "   ", "-", "*", ":", "\"", "\"\"", "speaker:", "((", "a:b:c", "\u{0}", "ﷺ",
        ] {
            let _ = parse(odd); // must not panic
        }
        assert!(parse("* - :").has_no_text());
        let long = "word ".repeat(1000);
        assert_eq!(parse(&long).words.len(), MAX_QUERY_WORDS);
    }
}
