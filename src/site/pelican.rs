//! Pelican sites: the settings of `pelicanconf.py` (and `publishconf.py`, which a site publishes
//! with) that shape an article's URL, and the URL Pelican gives an article.
//!
//! Python is never run. Only literal assignments at the top level are read (`NAME = 'text'`,
//! `True`, `None`, numbers, lists and tuples of those); a setting made in code (`os.path.join`,
//! a variable, an f-string) is named in [`Pelican::warnings`] and Pelican's default is used.

use std::collections::HashMap;

use regex::Regex;

use crate::date::PostDate;

/// A Python literal, as far as settings use them.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Text(String),
    Bool(bool),
    None,
    Number(String),
    List(Vec<Literal>),
}

/// The literal top-level assignments of a Python settings file, and the names of those made
/// in code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub values: HashMap<String, Literal>,
    pub in_code: Vec<String>,
}

impl Settings {
    /// Reads `text`, a settings file; later assignments win, as in Python.
    pub fn read(text: &str) -> Settings {
        let mut out = Settings::default();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some((name, value)) = assignment(line) else {
                continue;
            };
            // A value that opens a bracket or a triple quote may go on over the next lines.
            let mut value = value.to_string();
            while !complete(&value) {
                match lines.next() {
                    Some(more) => {
                        value.push('\n');
                        value.push_str(more);
                    }
                    None => break,
                }
            }
            match literal(strip_comment(&value).trim()) {
                Some(v) => {
                    out.in_code.retain(|n| n != name);
                    out.values.insert(name.to_string(), v);
                }
                None => {
                    out.values.remove(name);
                    if !out.in_code.iter().any(|n| n == name) {
                        out.in_code.push(name.to_string());
                    }
                }
            }
        }
        out
    }

    /// `other`'s settings over these (publishconf.py over pelicanconf.py).
    pub fn overlaid(mut self, other: Settings) -> Settings {
        for name in &other.in_code {
            self.values.remove(name);
            if !self.in_code.contains(name) {
                self.in_code.push(name.clone());
            }
        }
        for (name, value) in other.values {
            self.in_code.retain(|n| *n != name);
            self.values.insert(name, value);
        }
        self
    }

    fn text(&self, name: &str) -> Option<&str> {
        match self.values.get(name) {
            Some(Literal::Text(t)) => Some(t),
            _ => None,
        }
    }

    fn flag(&self, name: &str) -> Option<bool> {
        match self.values.get(name) {
            Some(Literal::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    fn list(&self, name: &str) -> Option<Vec<String>> {
        match self.values.get(name) {
            Some(Literal::List(items)) => Some(
                items
                    .iter()
                    .filter_map(|i| match i {
                        Literal::Text(t) => Some(t.clone()),
                        _ => None,
                    })
                    .collect(),
            ),
            Some(Literal::Text(t)) => Some(vec![t.clone()]),
            _ => None,
        }
    }
}

/// `NAME = value` at the start of a line (no indentation: not inside a block).
fn assignment(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once('=')?;
    let name = name.trim_end();
    let ok = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    (ok && !value.starts_with('=')).then_some((name, value.trim_start()))
}

/// The characters of Python source outside its string literals, with their byte offsets and
/// how deep in brackets each leaves the text.
fn code_chars(source: &str) -> impl Iterator<Item = (usize, char, i32)> + '_ {
    let (mut quote, mut escaped, mut depth) = (None::<char>, false, 0i32);
    source.char_indices().filter_map(move |(i, c)| {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            return None;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                return None;
            }
            '[' | '(' | '{' => depth += 1,
            ']' | ')' | '}' => depth -= 1,
            _ => {}
        }
        Some((i, c, depth))
    })
}

/// Whether brackets and triple quotes are closed in `value`.
fn complete(value: &str) -> bool {
    if value.matches("'''").count() % 2 == 1 || value.matches("\"\"\"").count() % 2 == 1 {
        return false;
    }
    let depth = code_chars(value).take_while(|&(_, c, _)| c != '#').last();
    depth.map_or(0, |(_, _, d)| d) <= 0
}

/// `value` without a trailing `# comment` (outside quotes).
fn strip_comment(value: &str) -> &str {
    code_chars(value)
        .find(|&(_, c, _)| c == '#')
        .map_or(value, |(i, _, _)| &value[..i])
}

/// A Python literal: a string (with `r`, `u` prefixes and implicit concatenation), a boolean,
/// `None`, a number, or a list or tuple of literals. `None` for anything else.
fn literal(s: &str) -> Option<Literal> {
    let s = s.trim();
    match s {
        "True" => return Some(Literal::Bool(true)),
        "False" => return Some(Literal::Bool(false)),
        "None" => return Some(Literal::None),
        _ => {}
    }
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '_')) {
        return Some(Literal::Number(s.to_string()));
    }
    if let Some(inner) = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .or_else(|| s.strip_prefix('(').and_then(|r| r.strip_suffix(')')))
    {
        let items: Option<Vec<Literal>> = split_items(inner)
            .into_iter()
            .filter(|i| !i.trim().is_empty())
            .map(literal)
            .collect();
        return items.map(Literal::List);
    }
    strings(s).map(Literal::Text)
}

/// The items of a list's inside, split at top-level commas.
fn split_items(inner: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c, depth) in code_chars(inner) {
        if c == ',' && depth == 0 {
            out.push(&inner[start..i]);
            start = i + 1;
        }
    }
    out.push(&inner[start..]);
    out
}

/// One or more string literals side by side (`'a' "b"` is `ab` in Python).
fn strings(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = s.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let lower = rest.to_ascii_lowercase();
        let prefix = ["rb", "br", "r", "u", "b"]
            .iter()
            .find(|p| lower.starts_with(*p) && rest[p.len()..].starts_with(['\'', '"']));
        let raw = prefix.is_some_and(|p| p.contains('r'));
        rest = &rest[prefix.map_or(0, |p| p.len())..];
        let quote = ["'''", "\"\"\"", "'", "\""].iter().find(|q| rest.starts_with(*q))?;
        let body = &rest[quote.len()..];
        let end = find_close(body, quote)?;
        let text = &body[..end];
        if raw {
            out.push_str(text);
        } else {
            out.push_str(&unescape(text));
        }
        rest = body[end + quote.len()..].trim_start();
    }
    Some(out)
}

fn find_close(body: &str, quote: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        if c == '\\' {
            escaped = true;
            continue;
        }
        if body[i..].starts_with(quote) {
            return Some(i);
        }
    }
    None
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other @ ('\\' | '\'' | '"')) => out.push(other),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Where a source's title for its slug comes from (`SLUGIFY_SOURCE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugSource {
    Title,
    Basename,
}

/// How a Pelican site names its articles' pages.
#[derive(Debug, Clone)]
pub struct Pelican {
    pub article_url: String,
    pub page_url: String,
    /// Folders of articles and of pages, inside `PATH`.
    pub article_paths: Vec<String>,
    pub page_paths: Vec<String>,
    pub slugify_source: SlugSource,
    /// `FILENAME_METADATA`: the date and slug a file name gives.
    pub filename_metadata: Option<Regex>,
    pub use_folder_as_category: bool,
    pub default_category: String,
    pub author: Option<String>,
    pub default_lang: String,
    /// Whether an article without a date is published (`DEFAULT_DATE`).
    pub default_date: bool,
    /// `PATH`, the folder Pelican reads, inside the site's folder (empty: the site's folder).
    pub content_dir: String,
    /// Where the posts folder sits inside the site's folder, `/`-separated.
    pub posts_in_site: String,
    /// The site's address and the path every URL starts with, from `SITEURL`.
    pub site_url: String,
    /// Settings made in code, and settings that could not be used, with the default taken.
    pub warnings: Vec<String>,
}

impl PartialEq for Pelican {
    fn eq(&self, other: &Pelican) -> bool {
        self.article_url == other.article_url
            && self.page_url == other.page_url
            && self.article_paths == other.article_paths
            && self.content_dir == other.content_dir
            && self.posts_in_site == other.posts_in_site
            && self.site_url == other.site_url
    }
}

/// Settings that shape URLs, with Pelican's defaults.
const URL_SETTINGS: &[(&str, &str)] = &[
    ("ARTICLE_URL", "{slug}.html"),
    ("ARTICLE_SAVE_AS", "{slug}.html"),
    ("PAGE_URL", "pages/{slug}.html"),
    ("PAGE_SAVE_AS", "pages/{slug}.html"),
    ("SITEURL", ""),
    ("PATH", "."),
    ("ARTICLE_PATHS", "['']"),
    ("PAGE_PATHS", "['pages']"),
    ("SLUGIFY_SOURCE", "'title'"),
    ("FILENAME_METADATA", r"(?P<date>\d{4}-\d{2}-\d{2}).*"),
    ("USE_FOLDER_AS_CATEGORY", "True"),
    ("DEFAULT_CATEGORY", "misc"),
    ("DEFAULT_LANG", "en"),
    ("DEFAULT_DATE", "None"),
    ("AUTHOR", "None"),
];

impl Pelican {
    /// The site described by `settings`, whose `PATH` holds the posts folder at
    /// `posts_in_site` (relative to the settings' folder).
    pub fn from_settings(settings: &Settings, posts_in_site: &str) -> Pelican {
        let mut warnings: Vec<String> = Vec::new();
        for name in &settings.in_code {
            if let Some((_, default)) = URL_SETTINGS.iter().find(|(n, _)| n == name) {
                warnings.push(format!(
                    "{name} is set in code, which talksearch does not run; Pelican's default ({default}) is used"
                ));
            }
        }
        // With only where a page is saved set, its URL is the path it is saved at.
        let url_of = |url: &str, save_as: &str, default: &str| -> String {
            match (settings.text(url), settings.text(save_as)) {
                (Some(u), _) => u.to_string(),
                (None, Some(s)) => s.strip_suffix("index.html").unwrap_or(s).to_string(),
                (None, None) => default.to_string(),
            }
        };
        let path = settings
            .text("PATH")
            .unwrap_or(".")
            .trim_matches('/')
            .trim_start_matches("./");
        let path = if path == "." { "" } else { path };
        let filename_metadata = match settings.text("FILENAME_METADATA") {
            None if settings.values.contains_key("FILENAME_METADATA") => None,
            None => Regex::new(r"(?P<date>\d{4}-\d{2}-\d{2}).*").ok(),
            Some(pattern) => match Regex::new(&format!("^(?:{pattern})")) {
                Ok(r) => Some(r),
                Err(_) => {
                    warnings.push(format!(
                        "FILENAME_METADATA {pattern:?} is not a pattern talksearch reads; dates come from Date: lines"
                    ));
                    None
                }
            },
        };
        Pelican {
            article_url: url_of("ARTICLE_URL", "ARTICLE_SAVE_AS", "{slug}.html"),
            page_url: url_of("PAGE_URL", "PAGE_SAVE_AS", "pages/{slug}.html"),
            article_paths: settings.list("ARTICLE_PATHS").unwrap_or_else(|| vec![String::new()]),
            page_paths: settings.list("PAGE_PATHS").unwrap_or_else(|| vec!["pages".to_string()]),
            slugify_source: match settings.text("SLUGIFY_SOURCE") {
                Some("basename") => SlugSource::Basename,
                _ => SlugSource::Title,
            },
            filename_metadata,
            use_folder_as_category: settings.flag("USE_FOLDER_AS_CATEGORY").unwrap_or(true),
            default_category: settings.text("DEFAULT_CATEGORY").unwrap_or("misc").to_string(),
            author: settings.text("AUTHOR").map(str::to_string),
            default_lang: settings.text("DEFAULT_LANG").unwrap_or("en").to_string(),
            default_date: settings.values.get("DEFAULT_DATE").is_some_and(|v| *v != Literal::None),
            content_dir: path.to_string(),
            posts_in_site: posts_in_site.to_string(),
            site_url: settings.text("SITEURL").unwrap_or("").trim_end_matches('/').to_string(),
            warnings,
        }
    }

    /// The post's path inside `PATH`; `None` when it is not in `PATH` (the posts folder given
    /// may be the site's own, above it).
    fn in_content(&self, path: &str) -> Option<String> {
        let full = if self.posts_in_site.is_empty() {
            path.to_string()
        } else {
            format!("{}/{path}", self.posts_in_site)
        };
        if self.content_dir.is_empty() {
            Some(full)
        } else {
            full.strip_prefix(&format!("{}/", self.content_dir)).map(str::to_string)
        }
    }

    fn is_page(&self, in_content: &str) -> bool {
        self.page_paths
            .iter()
            .any(|p| !p.is_empty() && (in_content == p || in_content.starts_with(&format!("{}/", p.trim_matches('/')))))
    }

    /// The date and slug the file name gives through `FILENAME_METADATA`.
    fn file_name_metadata(&self, path: &str) -> (Option<PostDate>, Option<String>) {
        let name = path.rsplit('/').next().unwrap_or(path);
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let Some(found) = self.filename_metadata.as_ref().and_then(|r| r.captures(stem)) else {
            return (None, None);
        };
        let date = found.name("date").and_then(|d| PostDate::parse_lenient(d.as_str()));
        let slug = found.name("slug").map(|s| s.as_str().to_string());
        (date, slug)
    }

    /// Why Pelican does not publish the post at `path`, if it does not: an article with no
    /// date (from its `Date:` line or its file name) unless `DEFAULT_DATE` is set.
    pub fn unpublished(&self, path: &str, date_line: bool) -> Option<String> {
        let Some(in_content) = self.in_content(path) else {
            return Some(format!("not in PATH ({}): Pelican does not read it", self.content_dir));
        };
        if self.is_page(&in_content) {
            return None;
        }
        let under = |p: &String| {
            let p = p.trim_matches('/');
            p.is_empty() || in_content == p || in_content.starts_with(&format!("{p}/"))
        };
        if !self.article_paths.iter().any(under) {
            return Some(format!(
                "not in ARTICLE_PATHS ({}) nor PAGE_PATHS: Pelican does not read it as an article",
                self.article_paths.join(", ")
            ));
        }
        if date_line || self.default_date || self.file_name_metadata(path).0.is_some() {
            return None;
        }
        Some("an article without a date (no Date: line, none in its name): Pelican skips it".to_string())
    }

    /// The URL Pelican gives the post at `path`, site-relative.
    pub fn url(&self, path: &str, post: &PelicanPost<'_>) -> String {
        let in_content = self.in_content(path).unwrap_or_else(|| path.to_string());
        let page = self.is_page(&in_content);
        let (file_date, file_slug) = self.file_name_metadata(path);
        let date = post.date.or(file_date);
        let base = path.rsplit('/').next().unwrap_or(path);
        let base = base.rsplit_once('.').map_or(base, |(s, _)| s);
        let slug = match (post.slug, file_slug) {
            (Some(s), _) => s.to_string(),
            (None, Some(s)) => s,
            (None, None) => match self.slugify_source {
                SlugSource::Title => slugify(post.title),
                SlugSource::Basename => slugify(base),
            },
        };
        let folder = in_content
            .rsplit_once('/')
            .map(|(dir, _)| dir.rsplit('/').next().unwrap_or(dir));
        let category = match (post.category, folder) {
            (Some(c), _) => c.to_string(),
            (None, Some(f)) if self.use_folder_as_category => f.to_string(),
            _ => self.default_category.clone(),
        };
        let author = post
            .author
            .map(str::to_string)
            .or_else(|| self.author.clone())
            .unwrap_or_default();
        let lang = post.lang.unwrap_or(&self.default_lang);
        let pattern = if page { &self.page_url } else { &self.article_url };
        let url = fill(pattern, |name, format| match name {
            "slug" => Some(slug.clone()),
            "category" => Some(slugify(&category)),
            "author" => Some(slugify(&author)),
            "lang" => Some(lang.to_string()),
            "date" => date.map(|d| strftime(d, format.unwrap_or("%Y-%m-%d"))),
            _ => None,
        });
        let url = if url.starts_with('/') { url } else { format!("/{url}") };
        crate::permalink::fold_slashes(&url)
    }
}

/// What a post says that its Pelican URL may use.
#[derive(Debug, Clone, Copy, Default)]
pub struct PelicanPost<'a> {
    pub title: &'a str,
    pub slug: Option<&'a str>,
    pub date: Option<PostDate>,
    pub category: Option<&'a str>,
    pub author: Option<&'a str>,
    pub lang: Option<&'a str>,
}

/// Fills Python's `{name}` and `{name:format}` fields; a field without a value stays as
/// written.
fn fill(pattern: &str, value: impl Fn(&str, Option<&str>) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let field = &rest[open + 1..close];
        let (name, format) = match field.split_once(':') {
            Some((n, f)) => (n, Some(f)),
            None => (field, None),
        };
        match value(name, format) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Python's `strftime` for a day (times are midnight: a post's date has no hour).
fn strftime(d: PostDate, format: &str) -> String {
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&format!("{:04}", d.year)),
            Some('y') => out.push_str(&format!("{:02}", d.year.rem_euclid(100))),
            Some('m') => out.push_str(&format!("{:02}", d.month)),
            Some('d') => out.push_str(&format!("{:02}", d.day)),
            Some('e') => out.push_str(&format!("{:>2}", d.day)),
            Some('j') => out.push_str(&format!("{:03}", d.day_of_year())),
            Some('B') => out.push_str(d.month_name()),
            Some('b') => out.push_str(&d.month_name()[..3]),
            Some('A') => out.push_str(d.day_name()),
            Some('a') => out.push_str(&d.day_name()[..3]),
            Some('H' | 'M' | 'S') => out.push_str("00"),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

/// Pelican's `slugify` with its default substitutions: letters made ASCII (as `unidecode`
/// does), everything but letters, digits, `_`, `-` and spaces dropped, runs of spaces and
/// dashes made one `-`, lower case.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    let mut gap = false;
    for c in ascii.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '-' || c.is_whitespace() {
            gap = true;
        }
    }
    if gap && !out.is_empty() && ascii.trim().ends_with('-') {
        out.push('-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_settings_are_read_and_code_is_named() {
        let s = Settings::read(
            "import os\nAUTHOR = 'Ann'  # who\nSITEURL = \"https://py.example.org/\"\n\
             ARTICLE_URL = 'articles/{date:%Y}/{slug}.html'\nARTICLE_PATHS = [\n    'posts',\n    'news',\n]\n\
             PATH = os.path.join('a', 'b')\nDEFAULT_DATE = None\nUSE_FOLDER_AS_CATEGORY = False\n    NESTED = 'x'\n",
        );
        assert_eq!(s.text("AUTHOR"), Some("Ann"));
        assert_eq!(s.text("ARTICLE_URL"), Some("articles/{date:%Y}/{slug}.html"));
        assert_eq!(s.list("ARTICLE_PATHS"), Some(vec!["posts".into(), "news".into()]));
        assert_eq!(s.flag("USE_FOLDER_AS_CATEGORY"), Some(false));
        assert_eq!(s.in_code, vec!["PATH".to_string()]);
        assert!(!s.values.contains_key("NESTED"));
        let p = Pelican::from_settings(&s, "content");
        assert!(p.warnings[0].starts_with("PATH is set in code"), "{:?}", p.warnings);
        let publish = Settings::read("from pelicanconf import *\nSITEURL = 'https://example.org/blog'\n");
        let both = s.overlaid(publish);
        assert_eq!(both.text("SITEURL"), Some("https://example.org/blog"));
        assert_eq!(both.text("AUTHOR"), Some("Ann"));
    }

    #[test]
    fn slugs_as_pelican_makes_them() {
        assert_eq!(
            slugify("March Meetup: Über Types & More!"),
            "march-meetup-uber-types-more"
        );
        assert_eq!(slugify("  Big   Talks -- here "), "big-talks-here");
        assert_eq!(slugify("snake_case stays"), "snake_case-stays");
    }

    #[test]
    fn urls_from_the_patterns() {
        let s = Settings::read("ARTICLE_URL = 'articles/{date:%Y}/{category}/{slug}.html'\nPATH = 'content'\n");
        let p = Pelican::from_settings(&s, "content");
        let post = PelicanPost {
            title: "Über Types",
            date: PostDate::new(2019, 3, 12),
            ..PelicanPost::default()
        };
        assert_eq!(p.url("talks/x.md", &post), "/articles/2019/talks/uber-types.html");
        assert_eq!(p.url("x.md", &post), "/articles/2019/misc/uber-types.html");
        assert_eq!(p.url("pages/about.md", &post), "/pages/uber-types.html");
        let post = PelicanPost {
            slug: Some("own"),
            category: Some("Big Talks"),
            ..post
        };
        assert_eq!(p.url("talks/x.md", &post), "/articles/2019/big-talks/own.html");
        assert_eq!(
            strftime(PostDate::new(2019, 3, 12).unwrap(), "%a %d %b %Y %j"),
            "Tue 12 Mar 2019 071"
        );
        assert_eq!(
            p.unpublished("x.md", false),
            Some("an article without a date (no Date: line, none in its name): Pelican skips it".into())
        );
        assert_eq!(p.unpublished("2019-03-12-x.md", false), None);
        assert_eq!(p.unpublished("pages/about.md", false), None);
        // Given the site's own folder: what is outside PATH is not content.
        let above = Pelican::from_settings(&Settings::read("PATH = 'content'\n"), "");
        assert_eq!(above.url("content/talks/x.md", &post), "/own.html");
        assert!(above.unpublished("README.md", true).unwrap().contains("not in PATH"));
        assert_eq!(above.unpublished("content/2019-03-12-x.md", false), None);
        let only = Pelican::from_settings(
            &Settings::read("PATH = 'content'\nARTICLE_PATHS = ['blog']\n"),
            "content",
        );
        assert_eq!(only.unpublished("blog/2019-03-12-x.md", false), None);
        assert!(
            only.unpublished("notes/2019-03-12-x.md", true)
                .unwrap()
                .contains("ARTICLE_PATHS")
        );
    }
}
