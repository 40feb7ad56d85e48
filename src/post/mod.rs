//! A post: its metadata (front matter in any of the forms site generators read) and its
//! Markdown body.
//!
//! This module is pure: it turns a post's path and text into a [`Post`]. Only an empty file is
//! refused; a front matter that does not parse leaves the post readable from its body, with the
//! problem kept in [`Post::problem`] for the caller to report. Reading files is the job of
//! [`crate::folder`]; finding talks in the body is the job of [`crate::extract`].

pub mod front_matter;

use serde_json::Value;

pub use crate::date::{PostDate, date_from_path, split_file_name};
use front_matter::Format;

use crate::mapping::{MappingError, truth};
use crate::site::{Site, UrlParts, is_folder_page};
use crate::talk::Kind;

/// A post as the rest of the pipeline needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    /// Path relative to the posts folder, with `/` separators (`2017/2017-05-20-may-talks.md`).
    pub path: String,
    /// The front matter's title, else the body's first `#` heading, else the file's (or, for a
    /// `README.md`, its folder's) name.
    pub title: String,
    /// From the front matter's date, else from the path ([`date_from_path`]).
    pub date: Option<PostDate>,
    /// The post's URL on the site, from its own `permalink:`/`url:`/`slug:` or the site's rules.
    pub url: String,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub author: Option<String>,
    /// Talks the author listed in the front matter; `None` when there is no `talks:` key, in which
    /// case the talks are extracted from the body.
    pub talks: Option<Vec<FrontMatterTalk>>,
    /// Front-matter text a reader sees besides the title (`description`, `summary`, `subtitle`).
    pub summary: String,
    /// False for a draft (`draft: true`, `published: false`, Pelican's `Status: draft`): the
    /// site does not publish it, so it is not indexed.
    pub published: bool,
    /// The Markdown after the front matter.
    pub body: String,
    /// How many lines of the file come before the body, so that a line of the body can be
    /// named by its line in the file.
    pub body_line: usize,
    /// The file's text before the body (the front matter as written), so that a value can be
    /// named by its line.
    pub front_matter: String,
    /// What was wrong with the front matter, if it could not be read as written. The post is
    /// then read from its body: title and date from the body and the path.
    pub problem: Option<PostError>,
    /// What was read leniently, as the site generators read it (a key given twice, a `talks:`
    /// entry left out): nothing is lost to these, but the author may want to know.
    pub warnings: Vec<String>,
    /// The front matter's short text values under keys of the blog's own (not the generator's
    /// `title`, `date`, `tags`…), with their key path (`author`, `speakers.name`,
    /// `event.time`): where a page that is one session names who gives it. Which keys name
    /// people is not decided here; extraction weighs each value as evidence.
    pub front_values: Vec<(String, String)>,
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
    #[error("the front matter starting on line 1 is never closed with a line of {0}")]
    UnclosedFrontMatter(&'static str),
    #[error("front matter is not valid YAML: {0}")]
    Yaml(String),
    #[error("front matter is not valid TOML: {0}")]
    Toml(String),
    #[error("front matter must be a mapping of keys to values, found {0}")]
    NotAMapping(&'static str),
    #[error("date {0:?} is not a date of the form YYYY-MM-DD")]
    BadDate(String),
    /// talksearch itself failed on this post (a bug, caught at the post): `stage` says in what.
    #[error("{stage} failed inside talksearch ({message}); please report it with this post")]
    Panicked { stage: &'static str, message: String },
}

impl From<MappingError> for PostError {
    fn from(e: MappingError) -> PostError {
        match e {
            MappingError::Yaml(m) => PostError::Yaml(m),
            MappingError::Toml(m) => PostError::Toml(m),
            MappingError::NotAMapping(kind) => PostError::NotAMapping(kind),
        }
    }
}

/// Parses a post. `path` is relative to the posts folder; `site` says how its URL is formed
/// unless the post sets its own. Only an empty file is an error: a front matter that cannot be
/// read is kept in [`Post::problem`] and the post is read from its body.
pub fn parse_post(path: &str, text: &str, site: &Site) -> Result<Post, PostError> {
    let fm = front_matter::read(text)?;
    let mut problem = fm.problem.clone();
    let fields = &fm.fields;
    let text_of = |key: &str| {
        fields
            .get(key)
            .and_then(scalar_string)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };

    let date = match text_of("date") {
        Some(raw) => match PostDate::parse_lenient(&raw) {
            Some(d) => Some(d),
            None => {
                problem.get_or_insert(PostError::BadDate(raw));
                date_from_path(path)
            }
        },
        None => date_from_path(path),
    };
    // The day the site's generator files it under (Jekyll moves a time with an offset to the
    // time zone it builds in).
    let date = date.map(|d| site.filed_date(d, text_of("date").as_deref()));
    let title = text_of("title")
        .or_else(|| first_heading(fm.body))
        .unwrap_or_else(|| title_from_path(path));
    // Pelican separates tags with commas; Jekyll accepts spaces.
    let tags = string_list(fields.get("tags").or_else(|| fields.get("tag")));
    let mut categories = string_list(fields.get("categories"));
    // `category` names one (Jekyll's "Edin Br" is one category; Pelican's `Category:` too).
    match fields.get("category") {
        Some(Value::Array(_)) => categories.extend(string_list(fields.get("category"))),
        Some(v) => categories.extend(scalar_string(v).map(|c| c.trim().to_string()).filter(|c| !c.is_empty())),
        None => {}
    }
    let author = text_of("author").or_else(|| text_of("authors"));
    let mut warnings = fm.warnings.clone();
    let talks = fields
        .get("talks")
        .and_then(|v| parse_talks(path, v, &title, &mut warnings));
    let summary = ["subtitle", "description", "summary", "excerpt"]
        .iter()
        .filter_map(|k| text_of(k))
        .collect::<Vec<_>>()
        .join("\n");
    let no = |key: &str| fields.get(key).is_some_and(|v| matches!(truth(v), Some(false)));
    let yes = |key: &str| fields.get(key).is_some_and(|v| matches!(truth(v), Some(true)));
    let status = text_of("status").unwrap_or_default().to_lowercase();
    let published = !(yes("draft") || no("published") || status == "draft" || status == "hidden");
    let (slug, permalink, own_url) = (text_of("slug"), text_of("permalink"), text_of("url"));
    let url = site.post_url(
        path,
        &UrlParts {
            date,
            slug: slug.as_deref(),
            permalink: permalink.as_deref(),
            url: own_url
                .as_deref()
                .filter(|u| fm.format != Format::Metadata || u.starts_with('/')),
            title: &title,
            categories: &categories,
            author: author.as_deref(),
            lang: text_of("lang").as_deref(),
        },
    );
    let front_matter = &text[..text.len() - fm.body.len()];
    let body_line = front_matter.matches('\n').count();
    Ok(Post {
        path: path.to_string(),
        title,
        date,
        url,
        tags,
        categories,
        author,
        talks,
        summary,
        published,
        body: fm.body.to_string(),
        body_line,
        front_matter: front_matter.to_string(),
        problem,
        warnings,
        front_values: front_values(fields),
    })
}

/// The post read as plainly as possible, for when [`parse_post`] failed inside talksearch on it:
/// title and date from the path, the site's URL for it, and as its body everything after a
/// front matter's closing line (or the whole text). `problem` says what failed.
pub fn body_only(path: &str, text: &str, site: &Site, problem: PostError) -> Post {
    let body = front_matter::after_fences(text);
    let date = date_from_path(path);
    let title = title_from_path(path);
    let url = site.post_url(
        path,
        &UrlParts {
            date,
            slug: None,
            permalink: None,
            url: None,
            title: &title,
            categories: &[],
            author: None,
            lang: None,
        },
    );
    let front_matter = &text[..text.len() - body.len()];
    Post {
        path: path.to_string(),
        title,
        date,
        url,
        tags: Vec::new(),
        categories: Vec::new(),
        author: None,
        talks: None,
        summary: String::new(),
        published: true,
        body: body.to_string(),
        body_line: front_matter.matches('\n').count(),
        front_matter: front_matter.to_string(),
        problem: Some(problem),
        warnings: Vec::new(),
        front_values: Vec::new(),
    }
}

/// Keys site generators define for every page: what they hold is read into [`Post`]'s own
/// fields, and never names who presents.
const GENERATOR_KEYS: &[&str] = &[
    "title", "date", "tags", "tag", "categories", "category", "layout", "template", "permalink", "slug", "url", "lang",
    "language", "draft", "published", "status", "description", "summary", "excerpt", "subtitle", "talks", "image",
    "cover", "thumbnail", "featured_image", "aliases", "weight", "type", "modified", "lastmod", "keywords", "comments",
    "toc", "menu",
];

/// At most this many values are kept: a page's front matter that names who presents does so
/// near its top, and a long one (a site's data pasted in) would only add noise.
const MAX_FRONT_VALUES: usize = 16;

/// [`Post::front_values`] of a front matter's fields: strings of one to eight words that are
/// not links, paths or dates, at the top level or one level down (a list's items, a mapping's
/// values, a list of mappings' values).
fn front_values(fields: &serde_json::Map<String, Value>) -> Vec<(String, String)> {
    fn short_text(v: &Value) -> Option<String> {
        let s = v.as_str()?.split_whitespace().collect::<Vec<_>>().join(" ");
        let words = s.split(' ').count();
        let plain = !s.contains("://")
            && !s.starts_with('/')
            && !s.contains(['<', '{', '\\'])
            && s.chars().any(char::is_alphabetic)
            && PostDate::parse_lenient(&s).is_none();
        (plain && !s.is_empty() && words <= 8).then_some(s)
    }
    let mut out = Vec::new();
    let mut push = |key: String, v: &Value| {
        if out.len() < MAX_FRONT_VALUES
            && let Some(s) = short_text(v)
        {
            out.push((key, s));
        }
    };
    // A mapping's values under `key.name`; anything else under `key`.
    let mut add = |key: &str, v: &Value| match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, v)| push(format!("{key}.{}", k.to_lowercase()), v)),
        other => push(key.to_string(), other),
    };
    for (key, v) in fields.iter().filter(|(k, _)| !GENERATOR_KEYS.contains(&k.as_str())) {
        match v {
            Value::Array(items) => items.iter().for_each(|item| add(key, item)),
            other => add(key, other),
        }
    }
    out
}

/// The text of the body's first level-1 heading, if it has one (what a post without a title in
/// its front matter shows as its title).
fn first_heading(body: &str) -> Option<String> {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut inside = false;
    let mut title = String::new();
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => inside = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
                let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    return Some(t);
                }
                inside = false;
            }
            Event::Text(t) | Event::Code(t) if inside => {
                title.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak if inside => title.push(' '),
            _ => {}
        }
    }
    None
}

/// A title from the file's name, or its folder's for a `README.md`: date and separators gone
/// (`2019-06-20@venue/README.md` → "venue", `2017-05-20-may-talks.md` → "may talks").
fn title_from_path(path: &str) -> String {
    let mut parts = path.rsplit('/');
    let file = parts.next().unwrap_or(path);
    let name = match parts.next() {
        Some(folder) if is_folder_page(file) => folder,
        _ => file.rsplit_once('.').map_or(file, |(stem, _)| stem),
    };
    let bare = crate::date::strip_date(name);
    let bare = if bare.is_empty() { name } else { bare };
    bare.replace(['-', '_', '@'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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

/// Jekyll accepts both `tags: [a, b]` and `tags: a b`, Pelican `Tags: a, b`; all become
/// `["a", "b"]`.
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
                if s.contains(',') {
                    out.extend(
                        s.split(',')
                            .map(str::trim)
                            .filter(|t| !t.is_empty())
                            .map(str::to_string),
                    );
                } else {
                    out.extend(s.split_whitespace().map(str::to_string));
                }
            }
        }
        None => {}
    }
    out
}

/// The keys of a `talks:` entry, by what they give; an entry's other keys (`time`, `room`,
/// `bio`, …) are the author's own and are passed over.
const TALK_TITLE_KEYS: &[&str] = &["title", "topic"];
const TALK_SPEAKER_KEYS: &[&str] = &["speakers", "speaker", "presenters", "presenter", "authors", "author"];
const TALK_DESCRIPTION_KEYS: &[&str] = &["description", "abstract", "summary", "synopsis"];
const TALK_VIDEO_KEYS: &[&str] = &["video", "videos", "recording"];
const TALK_SLIDES_KEYS: &[&str] = &["slides", "slide"];
const TALK_KIND_KEYS: &[&str] = &["kind", "type"];

/// The talks a front-matter `talks:` value lists, read as leniently as an author writes them:
/// a list of mappings (or of titles), or one mapping. Any other value (`false` for an evening
/// without talks, an empty one, a string) lists no talks, and the body is read instead. An entry
/// keeps what it gives; only one with neither title nor speaker is left out, named in
/// `warnings`.
fn parse_talks(path: &str, v: &Value, post_title: &str, warnings: &mut Vec<String>) -> Option<Vec<FrontMatterTalk>> {
    let items = match v {
        Value::Array(items) => &items[..],
        Value::Object(_) => std::slice::from_ref(v),
        _ => return None,
    };
    let mut talks = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let entry = i + 1;
        let talk = match item {
            Value::Object(fields) => talk_of(path, entry, fields, warnings),
            other => match scalar_string(other).map(|t| t.trim().to_string()) {
                Some(title) if !title.is_empty() => FrontMatterTalk {
                    title,
                    ..FrontMatterTalk::default()
                },
                _ => FrontMatterTalk::default(),
            },
        };
        if talk.title.is_empty() && talk.speakers.is_empty() {
            warnings.push(format!(
                "front matter: `talks:` entry {entry} has neither a title nor a speaker, so it is left out"
            ));
            continue;
        }
        // A talk listed by its speaker alone is the session the post is about.
        let title = if talk.title.is_empty() {
            post_title.to_string()
        } else {
            talk.title
        };
        talks.push(FrontMatterTalk { title, ..talk });
    }
    Some(talks)
}

/// One mapping of a `talks:` list, keys in any case.
fn talk_of(
    path: &str,
    entry: usize,
    fields: &serde_json::Map<String, Value>,
    warnings: &mut Vec<String>,
) -> FrontMatterTalk {
    let get = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            fields
                .iter()
                .find(|(name, v)| name.eq_ignore_ascii_case(k) && !v.is_null())
                .map(|(_, v)| v)
        })
    };
    let text = |keys: &[&str]| {
        get(keys)
            .and_then(scalar_string)
            .map(|t| t.trim().to_string())
            .unwrap_or_default()
    };
    let kind = match text(TALK_KIND_KEYS) {
        k if k.is_empty() => Kind::Talk,
        k => Kind::parse(&k).unwrap_or_else(|| {
            warnings.push(format!(
                "front matter: `talks:` entry {entry} is of kind {k:?}, not one of talk, lightning, workshop, panel; it is read as a talk"
            ));
            Kind::Talk
        }),
    };
    let known = [
        TALK_TITLE_KEYS, TALK_SPEAKER_KEYS, TALK_DESCRIPTION_KEYS, TALK_VIDEO_KEYS, TALK_SLIDES_KEYS, TALK_KIND_KEYS,
    ];
    for key in fields.keys() {
        if !known
            .iter()
            .any(|keys| keys.iter().any(|k| key.eq_ignore_ascii_case(k)))
        {
            tracing::debug!(post = %path, entry, key = %key, "a `talks:` entry's key talksearch does not read");
        }
    }
    FrontMatterTalk {
        title: text(TALK_TITLE_KEYS),
        speakers: person_names(get(TALK_SPEAKER_KEYS)),
        kind,
        description: text(TALK_DESCRIPTION_KEYS),
        video: string_list(get(TALK_VIDEO_KEYS)),
        slides: string_list(get(TALK_SLIDES_KEYS)),
    }
}

/// The people a value names: "A, B & C" or "A and B" in one string, a list of names, or
/// mappings with a `name`.
fn person_names(v: Option<&Value>) -> Vec<String> {
    let name_of = |v: &Value| match v {
        Value::Object(m) => m.get("name").and_then(scalar_string),
        other => scalar_string(other),
    };
    let names: Vec<String> = match v {
        Some(Value::Array(items)) => items.iter().filter_map(name_of).collect(),
        Some(v) => name_of(v).into_iter().collect(),
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for name in &names {
        out.extend(
            name.split([',', '&'])
                .flat_map(|p| p.split(" and "))
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(path: &str, text: &str) -> Result<Post, PostError> {
        parse_post(path, text, &Site::default())
    }

    #[test]
    fn date_and_slug_come_from_the_file_name() {
        let p = post("2017-05-20-may-talks.md", "---\ntitle: May talks\n---\nbody\n").unwrap();
        assert_eq!(p.date, PostDate::new(2017, 5, 20));
        assert_eq!(p.url, "/2017/05/20/may-talks/");
        assert_eq!(p.title, "May talks");
        assert_eq!(p.body, "body\n");
        assert_eq!(p.body_line, 3);
        assert!(p.published && p.problem.is_none());
    }

    #[test]
    fn front_matter_date_wins_over_the_file_name() {
        let p = post("2017-05-20-may-talks.md", "---\ndate: 2017-05-27 10:00:00 +0530\n---\n").unwrap();
        assert_eq!(p.date, PostDate::new(2017, 5, 27));
        assert_eq!(p.url, "/2017/05/27/may-talks/");
        // No title and no heading: the file name stands in.
        assert_eq!(p.title, "may talks");
    }

    #[test]
    fn a_date_that_does_not_parse_is_reported_and_the_path_date_used() {
        let p = post("2019-03-02-x.md", "---\ndate: next tuesday\n---\n").unwrap();
        assert_eq!(p.problem, Some(PostError::BadDate("next tuesday".into())));
        assert!(p.problem.unwrap().to_string().contains("next tuesday"));
        assert_eq!(p.date, PostDate::new(2019, 3, 2));
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
        let p = post("pages/about.md", "---\ntitle: About\n---\n").unwrap();
        assert_eq!(p.date, None);
        assert_eq!(p.url, "/pages/about/");
    }

    #[test]
    fn own_permalink_url_and_slug_override_the_site() {
        let p = post(
            "2017-05-20-x.md",
            "---\npermalink: /talks/:year/:title.html\nslug: kernel\n---\n",
        )
        .unwrap();
        assert_eq!(p.url, "/talks/2017/kernel.html");
        let p = post("2019/September/README.md", "---\nurl: event/september-meetup\n---\n").unwrap();
        assert_eq!(p.url, "/event/september-meetup");
        assert_eq!(p.date, PostDate::new(2019, 9, 1));
    }

    #[test]
    fn tags_and_categories_accept_lists_and_strings() {
        let p = post("a.md", "---\ntags: python kernel\ncategories: [ meetup, talks ]\n---\n").unwrap();
        assert_eq!(p.tags, vec!["python", "kernel"]);
        assert_eq!(p.categories, vec!["meetup", "talks"]);
    }

    #[test]
    fn hugo_toml_posts_are_read() {
        let p = post(
            "events/autumn.md",
            "+++\ntitle = \"Autumn gathering\"\ndate = 2021-10-02T18:00:00+02:00\ntags = [\"wasm\"]\ndescription = \"Two talks on WebAssembly\"\n+++\n\nHello.\n",
        )
        .unwrap();
        assert_eq!(p.title, "Autumn gathering");
        assert_eq!(p.date, PostDate::new(2021, 10, 2));
        assert_eq!(p.tags, vec!["wasm"]);
        assert_eq!(p.summary, "Two talks on WebAssembly");
        assert_eq!(p.url, "/events/autumn/");
        assert_eq!(p.body, "\nHello.\n");
    }

    #[test]
    fn pelican_metadata_posts_are_read() {
        let p = post(
            "content/winter.md",
            "Title: Winter talks\nDate: 2019-01-12 18:30\nTags: rust, wasm\nSlug: winter-2019\nAuthor: Mira\n\nWe met at the library.\n",
        )
        .unwrap();
        assert_eq!(p.title, "Winter talks");
        assert_eq!(p.date, PostDate::new(2019, 1, 12));
        assert_eq!(p.tags, vec!["rust", "wasm"]);
        assert_eq!(p.author.as_deref(), Some("Mira"));
        assert_eq!(p.url, "/content/winter-2019/");
        assert_eq!(p.body, "\nWe met at the library.\n");
        assert_eq!(p.body_line, 5);
    }

    #[test]
    fn a_readme_without_front_matter_is_its_folders_page() {
        let p = post(
            "2019/2019-06-20@harbour-hall/README.md",
            "When\n----\nThursday evening\n\n# Summer meetup at the harbour\n\nTalks below.\n",
        )
        .unwrap();
        assert_eq!(p.title, "Summer meetup at the harbour", "the first level-1 heading");
        assert_eq!(p.date, PostDate::new(2019, 6, 20));
        assert_eq!(p.url, "/2019/2019-06-20@harbour-hall/");
        assert!(p.problem.is_none());
        let p = post(
            "2019/2019-06-20@harbour-hall/README.md",
            "Talks\n-----\n* One, by Ana\n",
        )
        .unwrap();
        assert_eq!(p.title, "harbour hall", "no level-1 heading: the folder's name");
    }

    #[test]
    fn drafts_are_not_published() {
        assert!(!post("a.md", "+++\ndraft = true\n+++\n").unwrap().published);
        assert!(!post("a.md", "---\npublished: false\n---\n").unwrap().published);
        assert!(!post("a.md", "Title: T\nStatus: draft\n\nx\n").unwrap().published);
        assert!(
            post("a.md", "---\npublished: true\ndraft: false\n---\n")
                .unwrap()
                .published
        );
    }

    #[test]
    fn broken_front_matter_is_a_problem_and_the_body_is_still_read() {
        let p = post(
            "2020-01-05-x.md",
            "---\ntitle: [unclosed\n---\n# New year talks\n\nbody\n",
        )
        .unwrap();
        assert!(matches!(p.problem, Some(PostError::Yaml(_))), "{:?}", p.problem);
        assert_eq!(
            (p.title.as_str(), p.date),
            ("New year talks", PostDate::new(2020, 1, 5))
        );
        assert_eq!(p.body, "# New year talks\n\nbody\n");
        let p = post("a.md", "---\n- just\n- a list\n---\nx").unwrap();
        assert_eq!(p.problem, Some(PostError::NotAMapping("a list")));
        let p = post("a.md", "---\ntitle: x\n").unwrap();
        assert!(matches!(p.problem, Some(PostError::UnclosedFrontMatter(_))));
        assert_eq!(post("a.md", "").unwrap_err(), PostError::Empty);
        assert_eq!(post("a.md", " \n\n").unwrap_err(), PostError::Empty);
        // A byte order mark and CRLF line ends are fine.
        let p = post("a.md", "\u{feff}---\r\ntitle: x\r\n---\r\nbody").unwrap();
        assert_eq!(p.title, "x");
        assert_eq!(p.body, "body");
        // No front matter at all is no problem.
        let p = post("notes.md", "# Hello\n").unwrap();
        assert_eq!((p.title.as_str(), p.problem), ("Hello", None));
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
    fn front_matter_talks_keep_what_they_give_and_unknown_keys_cost_nothing() {
        let text = "---\ntitle: Spring evening\ntalks:\n  - title: Parsers by hand\n    Speaker: Ann Lee\n    abstract: Why we wrote our own.\n    time: \"19:00\"\n    room: B\n  - speakers:\n      - name: Bo Chen\n        bio: Writes compilers.\n  - Untitled musings\n  - time: \"21:00\"\n  - title: Dinner\n    kind: dinner\n---\n";
        let p = post("a.md", text).unwrap();
        assert_eq!(p.problem, None);
        let talks = p.talks.unwrap();
        let titles: Vec<&str> = talks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Parsers by hand", "Spring evening", "Untitled musings", "Dinner"]
        );
        assert_eq!(talks[0].speakers, ["Ann Lee"]);
        assert_eq!(talks[0].description, "Why we wrote our own.");
        assert_eq!(
            talks[1].speakers,
            ["Bo Chen"],
            "a speaker without a title is the post's session"
        );
        assert_eq!(talks[3].kind, Kind::Talk);
        assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
        assert!(p.warnings[0].contains("entry 4") && p.warnings[0].contains("neither"));
        assert!(p.warnings[1].contains("dinner"));
    }

    #[test]
    fn a_talks_value_that_is_no_list_lists_no_talks_without_an_error() {
        for value in ["false", "", "\"\"", "three", "0", "[]"] {
            let p = post("a.md", &format!("---\ntitle: T\ntalks: {value}\n---\nBody\n")).unwrap();
            assert_eq!(p.problem, None, "talks: {value}");
            assert!(p.talks.as_ref().is_none_or(Vec::is_empty), "talks: {value}");
            assert!(p.warnings.is_empty(), "talks: {value}");
        }
        let one = post(
            "a.md",
            "---\ntalks:\n  title: Alone\n  speaker: Ann Lee and Bo Chen\n---\n",
        )
        .unwrap();
        let talks = one.talks.unwrap();
        assert_eq!((talks[0].title.as_str(), talks[0].speakers.len()), ("Alone", 2));
    }

    #[test]
    fn a_repeated_key_keeps_its_later_value_and_is_named_with_its_line() {
        let text = "---\ntitle: UV in practice\nlocation: hall\ndate: 2025-03-27\nauthors: [ann]\nlocation: library\ntags: [a]\ntags: [b]\n---\nBody\n";
        let p = post("a.md", text).unwrap();
        assert_eq!(p.problem, None);
        assert_eq!(p.title, "UV in practice");
        assert_eq!(p.date, PostDate::new(2025, 3, 27));
        assert_eq!(p.tags, ["b"]);
        assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
        assert!(
            p.warnings[0].contains("`location`") && p.warnings[0].contains("line 6"),
            "{}",
            p.warnings[0]
        );
        assert!(
            p.warnings[1].contains("`tags`") && p.warnings[1].contains("line 8"),
            "{}",
            p.warnings[1]
        );
        // Inside a talks entry too.
        let p = post("a.md", "---\ntalks:\n  - title: A\n    title: B\n---\n").unwrap();
        assert_eq!(p.talks.unwrap()[0].title, "B");
        assert!(p.warnings[0].contains("line 4"), "{:?}", p.warnings);
    }

    #[test]
    fn front_matter_liberties_real_sites_rely_on() {
        // CRLF lines, a BOM, fences with trailing spaces, a tab after a colon.
        let p = post(
            "a.md",
            "\u{feff}---  \r\ntitle:\tWindows meetup\r\ndraft: no\r\n---   \r\nBody\r\n",
        )
        .unwrap();
        assert_eq!(
            (p.title.as_str(), p.problem.clone(), p.published),
            ("Windows meetup", None, true)
        );
        assert_eq!(p.body, "Body\r\n");
        // An empty document, and one of comments only.
        for text in ["---\n---\nBody\n", "---\n# nothing yet\n---\nBody\n"] {
            let p = post("2020-01-02-x.md", text).unwrap();
            assert_eq!((p.problem, p.date), (None, PostDate::new(2020, 1, 2)));
        }
        // Words YAML 1.1 reads as flags stay words where text is wanted; flags read them.
        let p = post("a.md", "---\ntitle: No\nsubtitle: y\nslug: 0755\npublished: off\n---\n").unwrap();
        assert_eq!((p.title.as_str(), p.summary.as_str(), p.published), ("No", "y", false));
        assert!(p.url.contains("0755"), "{}", p.url);
    }

    #[test]
    fn front_values_are_the_short_texts_of_the_blogs_own_keys() {
        let text = "---\ntitle: Fast tests\ndate: 2020-01-02\nauthor: Ann Lee\nauthor_link: https://example.org/ann\n\
                    speakers:\n  - name: Bo Ray\n    avatar: /img/bo.png\nvenue:\n  name: The Hall\n  when: 2020-01-02\n\
                    tags: [rust]\nnote: a long note that goes on for far more than eight words in all\n---\n";
        let p = post("a.md", text).unwrap();
        let values: Vec<(&str, &str)> = p.front_values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            values,
            [
                ("author", "Ann Lee"),
                ("speakers.name", "Bo Ray"),
                ("venue.name", "The Hall")
            ]
        );
    }
}
