//! A Jekyll post: YAML front matter plus a Markdown body.
//!
//! This module is pure: it turns a post's path and text into a [`Post`] (or a [`PostError`] that
//! says what is wrong with it). Reading files is the job of [`crate::folder`]; finding talks in the
//! body is the job of [`crate::extract`].

use serde::Deserialize;
use serde_json::Value;

use crate::permalink::Permalink;
use crate::talk::Kind;

/// A post as the rest of the pipeline needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    /// Path relative to the posts folder, with `/` separators (`2017/2017-05-20-may-talks.md`).
    pub path: String,
    /// The front matter's `title`, else the slug with its dashes turned into spaces.
    pub title: String,
    /// From the front matter's `date`, else from the `YYYY-MM-DD-` prefix of the file name.
    pub date: Option<PostDate>,
    /// The post's URL on the site, from its own `permalink:` or the site's permalink pattern.
    pub url: String,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub author: Option<String>,
    /// Talks the author listed in the front matter; `None` when there is no `talks:` key, in which
    /// case the talks are extracted from the body.
    pub talks: Option<Vec<FrontMatterTalk>>,
    /// The Markdown after the front matter.
    pub body: String,
    /// How many lines of the file come before the body, so that a line of the body can be
    /// named by its line in the file.
    pub body_line: usize,
}

/// A calendar date. Posts only carry days, so no time zone arithmetic is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PostDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// One entry of a front-matter `talks:` list, as an author writes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrontMatterTalk {
    pub title: String,
    pub speakers: Vec<String>,
    pub kind: Kind,
    pub description: String,
    pub video: Vec<String>,
    pub slides: Vec<String>,
}

/// Why a file could not be read as a post. The path is added by the caller.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PostError {
    #[error("the file is empty (a half-written save, or a post still to be written)")]
    Empty,
    #[error("no front matter: a post must start with a line of three dashes (---)")]
    NoFrontMatter,
    #[error("the front matter starting on line 1 is never closed with a line of three dashes (---)")]
    UnclosedFrontMatter,
    #[error("front matter is not valid YAML: {0}")]
    Yaml(String),
    #[error("front matter must be a mapping of keys to values, found {0}")]
    NotAMapping(&'static str),
    #[error("date {0:?} is not a date of the form YYYY-MM-DD")]
    BadDate(String),
    #[error("`talks:` entry {index}: {reason}")]
    BadTalk { index: usize, reason: String },
    #[error("`talks:` must be a list of mappings with at least a title, found {0}")]
    BadTalks(&'static str),
}

impl PostDate {
    /// A date if the numbers make one (month 1-12, a day that month has).
    pub fn new(year: i32, month: u32, day: u32) -> Option<PostDate> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(PostDate { year, month, day })
    }

    /// Reads the `YYYY-MM-DD` at the start of `s` (what follows, such as a time, is ignored).
    pub fn parse_prefix(s: &str) -> Option<PostDate> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        if b.len() > 10 && b[10].is_ascii_digit() {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        PostDate::new(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// Days since 1970-01-01 (negative before), for the index's date field.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl std::fmt::Display for PostDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Splits a file name such as `2017-05-20-may-talks.md` into its date and slug (`may-talks`).
/// A name without a date prefix keeps its whole stem as the slug.
pub fn split_file_name(file_name: &str) -> (Option<PostDate>, String) {
    let stem = match file_name.rsplit_once('.') {
        Some((stem, _ext)) if !stem.is_empty() => stem,
        _ => file_name,
    };
    match PostDate::parse_prefix(stem) {
        Some(date) if stem.as_bytes().get(10) == Some(&b'-') && stem.len() > 11 => (Some(date), stem[11..].to_string()),
        Some(date) if stem.len() == 10 => (Some(date), String::new()),
        _ => (None, stem.to_string()),
    }
}

/// Splits a post's text into its front matter (without the dashes) and its body.
pub fn split_front_matter(text: &str) -> Result<(&str, &str), PostError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(PostError::Empty);
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(PostError::NoFrontMatter);
    }
    let start = first.len();
    let mut pos = start;
    for line in lines {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Ok((&text[start..pos], &text[pos + line.len()..]));
        }
        pos += line.len();
    }
    Err(PostError::UnclosedFrontMatter)
}

/// Parses a post. `path` is relative to the posts folder; `permalink` is the site's pattern,
/// used unless the post sets its own `permalink:`.
pub fn parse_post(path: &str, text: &str, permalink: &Permalink) -> Result<Post, PostError> {
    let (front, body) = split_front_matter(text)?;
    let fm = parse_front_matter(front)?;
    let file_name = path.rsplit('/').next().unwrap_or(path);
    let (file_date, file_slug) = split_file_name(file_name);

    let date = match fm.get("date").and_then(scalar_string) {
        Some(raw) if !raw.trim().is_empty() => Some(PostDate::parse_prefix(&raw).ok_or(PostError::BadDate(raw))?),
        _ => file_date,
    };
    let slug = fm
        .get("slug")
        .and_then(scalar_string)
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(file_slug);
    let title = fm
        .get("title")
        .and_then(scalar_string)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| slug.replace(['-', '_'], " "));
    let tags = string_list(fm.get("tags"));
    let categories = {
        let mut c = string_list(fm.get("categories"));
        c.extend(string_list(fm.get("category")));
        c
    };
    let author = fm.get("author").and_then(scalar_string);
    let talks = match fm.get("talks") {
        None | Some(Value::Null) => None,
        Some(v) => Some(parse_talks(v)?),
    };
    let url = match fm.get("permalink").and_then(scalar_string) {
        Some(own) if !own.trim().is_empty() => Permalink::new(own.trim()).render(date, &slug, &categories),
        _ => permalink.render(date, &slug, &categories),
    };
    Ok(Post {
        path: path.to_string(),
        title,
        date,
        url,
        tags,
        categories,
        author,
        talks,
        body: body.to_string(),
        body_line: text[..text.len() - body.len()].matches('\n').count(),
    })
}

fn parse_front_matter(front: &str) -> Result<serde_json::Map<String, Value>, PostError> {
    if front.trim().is_empty() {
        return Ok(serde_json::Map::new());
    }
    let value: Value = serde_saphyr::from_str(front).map_err(|e| PostError::Yaml(first_line(&e.to_string())))?;
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(serde_json::Map::new()),
        other => Err(PostError::NotAMapping(json_kind(&other))),
    }
}

/// YAML errors can run over several lines with a rendered snippet; one line is enough for a log
/// and for `/status`.
fn first_line(s: &str) -> String {
    s.lines().find(|l| !l.trim().is_empty()).unwrap_or(s).trim().to_string()
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// A scalar as text: YAML authors write `title: 2017` or `date: 2017-05-20` unquoted.
fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Jekyll accepts both `tags: [a, b]` and `tags: a b`; both become `["a", "b"]`.
fn string_list(v: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    match v {
        Some(Value::Array(items)) => {
            for item in items {
                if let Some(s) = scalar_string(item) {
                    let s = s.trim();
                    if !s.is_empty() {
                        out.push(s.to_string());
                    }
                }
            }
        }
        Some(v) => {
            if let Some(s) = scalar_string(v) {
                out.extend(s.split_whitespace().map(str::to_string));
            }
        }
        None => {}
    }
    out
}

/// The author's shape of a `talks:` entry; lenient about one value versus a list.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTalk {
    title: Option<Value>,
    #[serde(alias = "speaker")]
    speakers: Option<Value>,
    kind: Option<String>,
    description: Option<String>,
    #[serde(alias = "videos")]
    video: Option<Value>,
    #[serde(alias = "slide")]
    slides: Option<Value>,
}

fn parse_talks(v: &Value) -> Result<Vec<FrontMatterTalk>, PostError> {
    let Value::Array(items) = v else {
        return Err(PostError::BadTalks(json_kind(v)));
    };
    let mut talks = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let index = i + 1;
        let bad = |reason: String| PostError::BadTalk { index, reason };
        if !item.is_object() {
            return Err(bad(format!(
                "expected a mapping with a title, found {}",
                json_kind(item)
            )));
        }
        let raw: RawTalk = serde_json::from_value(item.clone()).map_err(|e| bad(e.to_string()))?;
        let title = raw
            .title
            .as_ref()
            .and_then(scalar_string)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .ok_or_else(|| bad("it has no title".to_string()))?;
        let kind = match raw.kind.as_deref().map(str::trim) {
            None | Some("") => Kind::Talk,
            Some(k) => Kind::parse(k)
                .ok_or_else(|| bad(format!("kind {k:?} is not one of talk, lightning, workshop, panel")))?,
        };
        let speakers = match raw.speakers.as_ref() {
            Some(Value::String(s)) => s
                .split([',', '&'])
                .flat_map(|p| p.split(" and "))
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect(),
            other => string_list(other),
        };
        talks.push(FrontMatterTalk {
            title,
            speakers,
            kind,
            description: raw.description.unwrap_or_default().trim().to_string(),
            video: string_list(raw.video.as_ref()),
            slides: string_list(raw.slides.as_ref()),
        });
    }
    Ok(talks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(path: &str, text: &str) -> Result<Post, PostError> {
        parse_post(path, text, &Permalink::default())
    }

    #[test]
    fn date_and_slug_come_from_the_file_name() {
        let p = post("2017-05-20-may-talks.md", "---\ntitle: May talks\n---\nbody\n").unwrap();
        assert_eq!(p.date, PostDate::new(2017, 5, 20));
        assert_eq!(p.url, "/2017/05/20/may-talks/");
        assert_eq!(p.title, "May talks");
        assert_eq!(p.body, "body\n");
        assert_eq!(p.body_line, 3);
    }

    #[test]
    fn front_matter_date_wins_over_the_file_name() {
        let p = post("2017-05-20-may-talks.md", "---\ndate: 2017-05-27 10:00:00 +0530\n---\n").unwrap();
        assert_eq!(p.date, PostDate::new(2017, 5, 27));
        assert_eq!(p.url, "/2017/05/27/may-talks/");
        // No title: the slug stands in.
        assert_eq!(p.title, "may talks");
    }

    #[test]
    fn a_date_that_does_not_parse_is_an_error_that_quotes_it() {
        let e = post("x.md", "---\ndate: next tuesday\n---\n").unwrap_err();
        assert_eq!(e, PostError::BadDate("next tuesday".into()));
        assert!(e.to_string().contains("next tuesday"));
        assert!(PostDate::parse_prefix("2017-02-30").is_none());
        assert!(PostDate::parse_prefix("2017-1-3").is_none());
    }

    #[test]
    fn a_file_without_a_date_keeps_its_stem_as_slug_and_has_no_date() {
        assert_eq!(split_file_name("about.md"), (None, "about".to_string()));
        assert_eq!(
            split_file_name("2020-02-22-100th-meetup.markdown"),
            (PostDate::new(2020, 2, 22), "100th-meetup".to_string())
        );
        let p = post("drafts/about.md", "---\ntitle: About\n---\n").unwrap();
        assert_eq!(p.date, None);
        assert_eq!(p.url, "/about/");
    }

    #[test]
    fn own_permalink_and_slug_override_the_pattern() {
        let p = post(
            "2017-05-20-x.md",
            "---\npermalink: /talks/:year/:title.html\nslug: kernel\n---\n",
        )
        .unwrap();
        assert_eq!(p.url, "/talks/2017/kernel.html");
    }

    #[test]
    fn tags_and_categories_accept_lists_and_strings() {
        let p = post("a.md", "---\ntags: python kernel\ncategories: [ meetup, talks ]\n---\n").unwrap();
        assert_eq!(p.tags, vec!["python", "kernel"]);
        assert_eq!(p.categories, vec!["meetup", "talks"]);
    }

    #[test]
    fn broken_yaml_is_a_yaml_error() {
        let e = post("a.md", "---\ntitle: [unclosed\n---\n").unwrap_err();
        assert!(matches!(e, PostError::Yaml(_)), "{e:?}");
        let e = post("a.md", "---\n- just\n- a list\n---\n").unwrap_err();
        assert_eq!(e, PostError::NotAMapping("a list"));
    }

    #[test]
    fn missing_or_unclosed_front_matter_is_an_error() {
        assert_eq!(post("a.md", "# Hello\n").unwrap_err(), PostError::NoFrontMatter);
        assert_eq!(post("a.md", "").unwrap_err(), PostError::Empty);
        assert_eq!(post("a.md", " \n\n").unwrap_err(), PostError::Empty);
        assert_eq!(
            post("a.md", "---\ntitle: x\n").unwrap_err(),
            PostError::UnclosedFrontMatter
        );
        // A byte order mark and CRLF line ends are fine.
        let p = post("a.md", "\u{feff}---\r\ntitle: x\r\n---\r\nbody").unwrap();
        assert_eq!(p.title, "x");
        assert_eq!(p.body, "body");
    }

    #[test]
    fn front_matter_talks_are_read_leniently() {
        let text = "---\ntitle: T\ntalks:\n  - title: Garbage Collector in Python\n    speakers: Rivas Hameed\n    video: https://www.youtube.com/watch?v=_YRHkn-f24k\n  - title: Lightning round\n    speaker: [A, B]\n    kind: lightning\n---\n";
        let p = post("a.md", text).unwrap();
        let talks = p.talks.unwrap();
        assert_eq!(talks.len(), 2);
        assert_eq!(talks[0].speakers, vec!["Rivas Hameed"]);
        assert_eq!(talks[0].video, vec!["https://www.youtube.com/watch?v=_YRHkn-f24k"]);
        assert_eq!(talks[0].kind, Kind::Talk);
        assert_eq!(talks[1].speakers, vec!["A", "B"]);
        assert_eq!(talks[1].kind, Kind::Lightning);
    }

    #[test]
    fn front_matter_talks_of_the_wrong_shape_say_which_entry() {
        let e = post("a.md", "---\ntalks: three\n---\n").unwrap_err();
        assert_eq!(e, PostError::BadTalks("a string"));
        let e = post("a.md", "---\ntalks:\n  - title: ok\n  - speakers: nobody\n---\n").unwrap_err();
        assert!(matches!(e, PostError::BadTalk { index: 2, .. }), "{e:?}");
        let e = post("a.md", "---\ntalks:\n  - title: ok\n    kind: dinner\n---\n").unwrap_err();
        assert!(e.to_string().contains("dinner"), "{e}");
        let e = post("a.md", "---\ntalks:\n  - title: ok\n    speekers: typo\n---\n").unwrap_err();
        assert!(e.to_string().contains("speekers"), "{e}");
    }

    #[test]
    fn days_since_epoch_is_exact() {
        assert_eq!(PostDate::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(PostDate::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        assert_eq!(PostDate::new(1969, 12, 31).unwrap().days_since_epoch(), -1);
    }
}
