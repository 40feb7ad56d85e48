//! The metadata at the top of a post, in each form site generators read: YAML between `---`
//! lines (Jekyll, Hugo), TOML between `+++` lines (Hugo), `Key: value` lines (Pelican,
//! MultiMarkdown), YAML whose fences a converter turned into long rules of dashes, or none.
//!
//! Whatever the form, the fields come out as one JSON-like map with lower-cased keys, so the
//! rest of [`crate::post`] reads `title` or `date` the same way for every generator. A front
//! matter that does not parse is not an error here: the post is still read from its body, and
//! the problem travels with it so that it can be reported.

use serde_json::{Map, Value};

use super::PostError;
use crate::mapping;

/// Which form the front matter had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    /// `Key: value` lines up to the first blank line (Pelican, MultiMarkdown).
    Metadata,
    /// `key: value` lines between rules of dashes that are not Jekyll's `---` (what a
    /// Markdown converter makes of a Jekyll front matter).
    Mangled,
    None,
}

/// A post's text split into its metadata and its body.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter<'a> {
    pub format: Format,
    /// The fields, keys lower-cased. Empty when there are none or they did not parse.
    pub fields: Map<String, Value>,
    pub body: &'a str,
    /// Why the front matter could not be read as written, if it could not.
    pub problem: Option<PostError>,
    /// What was read leniently, as the site generators read it (a key given twice), for the
    /// author: each names what and where, lines counted in the file.
    pub warnings: Vec<String>,
}

/// Keys that make a block of `Key: value` lines at the top of a file metadata rather than
/// prose ("Speaker: Asha" opening a README is not metadata).
const METADATA_KEYS: &[&str] = &[
    "title", "date", "tags", "tag", "category", "categories", "author", "authors", "slug", "summary", "modified",
    "status", "lang", "description", "keywords", "subtitle",
];

/// Splits `text` (the whole file) into front matter and body. Only an empty file is an error.
pub fn read(text: &str) -> Result<FrontMatter<'_>, PostError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(PostError::Empty);
    }
    let first = text.split_inclusive('\n').next().unwrap_or("");
    let fence = first.trim_end();
    if fence == "---" || fence == "+++" {
        let yaml = fence == "---";
        let Some((front, body)) = fenced(text, first.len(), |l| {
            if yaml { l == "---" || l == "..." } else { l == "+++" }
        }) else {
            return Ok(FrontMatter {
                format: if yaml { Format::Yaml } else { Format::Toml },
                fields: Map::new(),
                body: &text[first.len()..],
                problem: Some(PostError::UnclosedFrontMatter(if yaml {
                    "three dashes (---)"
                } else {
                    "three plus signs (+++)"
                })),
                warnings: Vec::new(),
            });
        };
        let parsed = if yaml {
            mapping::yaml(front).map_err(PostError::from)
        } else {
            mapping::toml(front).map(|m| (m, Vec::new())).map_err(PostError::from)
        };
        let (fields, problem, warnings) = match parsed {
            Ok((fields, repeated)) => {
                // The front matter's own line 1 is the file's line 2, after the opening fence.
                let warnings = repeated
                    .iter()
                    .map(|r| {
                        format!(
                            "front matter: `{}` is given again on line {}; the later value is used, as site generators use it",
                            r.key,
                            r.line + 1
                        )
                    })
                    .collect();
                (fields, None, warnings)
            }
            Err(e) => (Map::new(), Some(e), Vec::new()),
        };
        return Ok(FrontMatter {
            format: if yaml { Format::Yaml } else { Format::Toml },
            fields,
            body,
            problem,
            warnings,
        });
    }
    if is_rule(fence)
        && let Some((front, body)) = fenced(text, first.len(), is_rule)
        && let Some(fields) = key_value_lines(front, |line| line.trim_end().trim_end_matches('\\').trim_end())
    {
        return Ok(FrontMatter {
            format: Format::Mangled,
            fields,
            body,
            problem: None,
            warnings: Vec::new(),
        });
    }
    if let Some((fields, body)) = metadata_lines(text) {
        return Ok(FrontMatter {
            format: Format::Metadata,
            fields,
            body,
            problem: None,
            warnings: Vec::new(),
        });
    }
    Ok(FrontMatter {
        format: Format::None,
        fields: Map::new(),
        body: text,
        problem: None,
        warnings: Vec::new(),
    })
}

/// The text after a `---` or `+++` front matter's closing line, found by its fences alone (the
/// whole text when it has none): the body of a post whose front matter could not be read at all.
pub fn after_fences(text: &str) -> &str {
    let first = text.split_inclusive('\n').next().unwrap_or("");
    let fence = first.trim_end().trim_start_matches('\u{feff}');
    if fence != "---" && fence != "+++" {
        return text;
    }
    fenced(text, first.len(), |l| l == fence).map_or(text, |(_, body)| body)
}

/// A line of four or more dashes alone.
fn is_rule(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 4 && line.bytes().all(|b| b == b'-')
}

/// The text between the opening fence (ending at `start`) and the first line `closes` accepts,
/// and the body after that line.
fn fenced(text: &str, start: usize, closes: impl Fn(&str) -> bool) -> Option<(&str, &str)> {
    let mut pos = start;
    for line in text[start..].split_inclusive('\n') {
        if closes(line.trim_end()) {
            return Some((&text[start..pos], &text[pos + line.len()..]));
        }
        pos += line.len();
    }
    None
}

/// `Key: value` lines (blank lines skipped), each cleaned by `clean` first; `None` unless every
/// line is one and a key is one a site generator knows.
fn key_value_lines(front: &str, clean: impl Fn(&str) -> &str) -> Option<Map<String, Value>> {
    let mut fields = Map::new();
    for line in front.lines().map(&clean).filter(|l| !l.trim().is_empty()) {
        let (key, value) = key_value(line)?;
        fields.insert(key, Value::String(value.to_string()));
    }
    fields
        .keys()
        .any(|k| METADATA_KEYS.contains(&k.as_str()))
        .then_some(fields)
}

/// A `Key: value` line: a key of letters, digits, `_` and `-` (no spaces) at the line's start.
fn key_value(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.split_once(':')?;
    let ok = !key.is_empty()
        && key.len() <= 30
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    ok.then(|| (key.to_lowercase(), value.trim()))
}

/// Pelican / MultiMarkdown metadata: `Key: value` lines from the first line to the first
/// blank one, indented lines continuing the value before them.
fn metadata_lines(text: &str) -> Option<(Map<String, Value>, &str)> {
    let mut fields: Map<String, Value> = Map::new();
    let mut last: Option<String> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t'])
            && let Some(Value::String(v)) = last.as_ref().and_then(|k| fields.get_mut(k))
        {
            v.push(' ');
            v.push_str(bare.trim());
        } else {
            let (key, value) = key_value(bare)?;
            fields.insert(key.clone(), Value::String(value.to_string()));
            last = Some(key);
        }
        pos += line.len();
    }
    // Pelican needs a title; a date alone is as clear a sign. A "Date:" that is not a date
    // ("Date: Thursday at six") is a README's prose, which must stay in the body.
    let dated = match fields.get("date").and_then(Value::as_str) {
        Some(d) => super::PostDate::parse_lenient(d).is_some(),
        None => false,
    };
    let titled = fields.contains_key("title") && !fields.contains_key("date");
    (dated || titled).then_some((fields, &text[pos..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_after_fences_alone() {
        assert_eq!(after_fences("---\ntitle: [x\n---\nBody\n"), "Body\n");
        assert_eq!(after_fences("+++\ntitle = 1\n+++\nBody"), "Body");
        assert_eq!(after_fences("---\nnever closed\n"), "---\nnever closed\n");
        assert_eq!(after_fences("Title: T\n\nBody"), "Title: T\n\nBody");
    }

    fn field<'a>(fm: &'a FrontMatter, key: &str) -> Option<&'a str> {
        fm.fields.get(key).and_then(Value::as_str)
    }

    #[test]
    fn yaml_between_dashes() {
        let fm = read("---\nTitle: Spring meetup\n---\nBody\n").unwrap();
        assert_eq!(
            (fm.format, field(&fm, "title"), fm.body),
            (Format::Yaml, Some("Spring meetup"), "Body\n")
        );
    }

    #[test]
    fn toml_between_plus_signs_with_a_real_date() {
        let fm = read("+++\ntitle = \"Autumn meetup\"\ndate = 2021-10-02T18:00:00Z\ntags = [\"go\", \"wasm\"]\ndraft = true\n+++\nBody").unwrap();
        assert_eq!(fm.format, Format::Toml);
        assert_eq!(field(&fm, "title"), Some("Autumn meetup"));
        assert_eq!(field(&fm, "date"), Some("2021-10-02T18:00:00Z"));
        assert_eq!(fm.fields["tags"], serde_json::json!(["go", "wasm"]));
        assert_eq!(fm.fields["draft"], Value::Bool(true));
        assert_eq!(fm.body, "Body");
    }

    #[test]
    fn pelican_metadata_lines_up_to_the_first_blank_line() {
        let fm = read("Title: Winter talks\nDate: 2019-01-12 18:30\nTags: rust, wasm\nSummary: Two talks\n  and pizza.\n\nWe met at the library.\n").unwrap();
        assert_eq!(fm.format, Format::Metadata);
        assert_eq!(field(&fm, "title"), Some("Winter talks"));
        assert_eq!(field(&fm, "summary"), Some("Two talks and pizza."));
        assert_eq!(fm.body, "\nWe met at the library.\n");
    }

    #[test]
    fn prose_that_starts_with_a_label_is_not_metadata() {
        let fm = read("Speaker: Priya Nair\nTopic: Writing parsers\n\nMore text.\n").unwrap();
        assert_eq!(fm.format, Format::None);
        let fm = read("When: Thursday at six\n").unwrap();
        assert_eq!((fm.format, fm.body), (Format::None, "When: Thursday at six\n"));
        let fm = read("Date: Thursday 20 June, 18:30\nPlace: the harbour hall\n\nTalks below.\n").unwrap();
        assert_eq!(fm.format, Format::None, "a date that is not one is prose");
    }

    #[test]
    fn a_front_matter_a_converter_turned_into_rules_is_still_read() {
        let text = format!(
            "{}\n\nlayout: default\\\ntitle: Notes from our second meetup\\\ncategory: meetups\\\n----\n\nWe met again.\n",
            "-".repeat(72)
        );
        let fm = read(&text).unwrap();
        assert_eq!(fm.format, Format::Mangled);
        assert_eq!(field(&fm, "title"), Some("Notes from our second meetup"));
        assert_eq!(field(&fm, "category"), Some("meetups"));
        assert_eq!(fm.body, "\nWe met again.\n");
        // A rule above ordinary prose is just a rule.
        let fm = read("----\nHello there, this is prose.\n----\n").unwrap();
        assert_eq!(fm.format, Format::None);
    }

    #[test]
    fn broken_front_matter_leaves_the_body_readable() {
        let fm = read("---\ntitle: [unclosed\n---\nStill here\n").unwrap();
        assert!(matches!(fm.problem, Some(PostError::Yaml(_))), "{:?}", fm.problem);
        assert_eq!(fm.body, "Still here\n");
        let fm = read("+++\ntitle = \n+++\nStill here\n").unwrap();
        assert!(matches!(fm.problem, Some(PostError::Toml(_))), "{:?}", fm.problem);
        let fm = read("---\ntitle: x\nno end\n").unwrap();
        assert!(matches!(fm.problem, Some(PostError::UnclosedFrontMatter(_))));
        assert_eq!(fm.body, "title: x\nno end\n");
        let fm = read("---\n- a\n- list\n---\n").unwrap();
        assert_eq!(fm.problem, Some(PostError::NotAMapping("a list")));
        assert_eq!(read(" \n").unwrap_err(), PostError::Empty);
    }
}
