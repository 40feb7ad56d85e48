//! The website a posts folder belongs to, and how its generator turns a post's path into the
//! page's URL, so that a hit links to the page the site really serves.
//!
//! When the folder sits in a Jekyll site (`_config.yml` beside `_posts/`) or a Hugo site
//! (`hugo.toml` / `config.toml` above `content/`), [`Site::detect`] reads the site's own
//! settings: Jekyll's `permalink`, `baseurl` and `url`, Hugo's `baseURL` and `permalinks`.
//! Without one, dated Jekyll-style file names take the default permalink pattern and every other
//! post its path (a `README.md` or `index.md` its folder's page). Reading the settings is the
//! only IO here; [`Site::post_url`] is pure.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::date::PostDate;
use crate::mapping::{self, MappingError};
use crate::paths::Place;
use crate::permalink::{Permalink, fold_slashes};

mod pelican;
pub use pelican::{Pelican, PelicanPost, Settings, slugify};

/// Which generator builds the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Generator {
    Jekyll,
    Hugo,
    Pelican,
    MkDocs,
    Eleventy,
    /// No site settings were found beside the posts.
    #[default]
    Unknown,
}

/// How post URLs are formed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Site {
    pub generator: Generator,
    /// Jekyll's pattern: for every post of a Jekyll site, and for dated file names elsewhere.
    pub permalink: Permalink,
    /// What every URL of the site starts with ("/blog"), from Jekyll's `baseurl` or the path of
    /// Hugo's `baseURL`; empty for a site at the root.
    pub base_path: String,
    /// Hugo's `permalinks`: a pattern per content section.
    pub sections: Vec<(String, String)>,
    /// Where the posts folder sits inside Hugo's `content/` ("posts" for `content/posts`).
    pub content_prefix: String,
    /// The site's address (scheme and host), from Jekyll's `url` or Hugo's `baseURL`.
    pub url: Option<String>,
    /// The settings file read, if any.
    pub settings: Option<PathBuf>,
    /// Jekyll's `future`: whether posts dated after today are published (they are not by
    /// default).
    pub future: bool,
    /// Where the posts folder sits in a Jekyll site (`_posts`, `meetup/_posts`, or empty for the
    /// site's own folder): the folders above `_posts` are categories of its posts, and only dated
    /// files under `_posts` are posts.
    pub posts_in_site: Option<String>,
    /// A Pelican site's settings that shape URLs.
    pub pelican: Option<Box<Pelican>>,
    /// What could not be followed in the site's settings, with what is done instead.
    pub warnings: Vec<String>,
    /// MkDocs' `use_directory_urls`: `/about/` for `about.md` (the default), else `/about.html`.
    pub directory_urls: bool,
    /// Jekyll's front matter `defaults` for posts that shape URLs, by the path they apply under.
    pub jekyll_defaults: Vec<JekyllDefault>,
    /// Jekyll's `timezone` setting, if it has one.
    pub timezone: Option<String>,
    /// Jekyll's `collections_dir`: the folder `_posts` is in (its own folders are not categories).
    pub collections_dir: String,
}

/// One of Jekyll's `defaults:` for posts: what a post under `path` (in the site's folder) takes
/// when its own front matter does not say.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JekyllDefault {
    pub path: String,
    pub permalink: Option<String>,
    pub categories: Vec<String>,
}

/// The `defaults:` of a Jekyll site's settings that apply to posts.
fn jekyll_defaults(defaults: Option<&Value>) -> Vec<JekyllDefault> {
    let Some(Value::Array(items)) = defaults else {
        return Vec::new();
    };
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(|s| s.trim().to_string());
    let mut out = Vec::new();
    for item in items {
        let scope = item.get("scope");
        let kind = text(scope.and_then(|s| s.get("type")));
        if kind.as_deref().is_some_and(|k| k != "posts") {
            continue;
        }
        let Some(values) = item.get("values") else { continue };
        let mut categories = Vec::new();
        for key in ["categories", "category"] {
            match values.get(key) {
                Some(Value::Array(list)) => {
                    categories.extend(list.iter().filter_map(Value::as_str).map(str::to_string))
                }
                Some(Value::String(c)) if key == "category" => categories.push(c.trim().to_string()),
                Some(Value::String(c)) => categories.extend(c.split_whitespace().map(str::to_string)),
                _ => {}
            }
        }
        let path = text(scope.and_then(|s| s.get("path"))).unwrap_or_default();
        out.push(JekyllDefault {
            path: path.trim_end_matches('*').trim_matches('/').to_string(),
            permalink: text(values.get("permalink")).filter(|p| !p.is_empty()),
            categories,
        });
    }
    out
}

/// A site settings file that could not be read. The posts are still indexed, with the URLs of
/// a site without settings.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct SiteError {
    pub path: PathBuf,
    pub message: String,
}

/// What the post itself says about its URL.
#[derive(Debug, Clone, Copy, Default)]
pub struct UrlParts<'a> {
    pub date: Option<PostDate>,
    /// Front matter `slug:`.
    pub slug: Option<&'a str>,
    /// Front matter `permalink:` (Jekyll).
    pub permalink: Option<&'a str>,
    /// Front matter `url:` (Hugo): the page's path as it stands.
    pub url: Option<&'a str>,
    pub title: &'a str,
    pub categories: &'a [String],
    /// Front matter `author:` (Pelican's `{author}`).
    pub author: Option<&'a str>,
    /// Front matter `lang:` (Pelican's `{lang}`).
    pub lang: Option<&'a str>,
}

const JEKYLL_CONFIGS: &[&str] = &["_config.yml", "_config.yaml"];
const ELEVENTY_CONFIGS: &[&str] = &[
    "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventy.js",
];
const HUGO_CONFIGS: &[&str] = &[
    "hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "config.yml",
];

impl Site {
    /// A site whose posts follow `pattern` (what `--permalink` says).
    pub fn with_permalink(pattern: &str) -> Site {
        Site {
            permalink: Permalink::new(pattern),
            ..Site::default()
        }
    }

    /// The site that `posts` belongs to, read from the settings of the Jekyll or Hugo site
    /// around it; the default when there is none.
    pub fn detect(posts: &Path) -> Result<Site, SiteError> {
        let posts = posts.canonicalize().unwrap_or_else(|_| posts.to_path_buf());
        for dir in posts.ancestors().take(4) {
            let in_site = crate::paths::relative(dir, &posts).unwrap_or_default();
            if let Some(config) = JEKYLL_CONFIGS.iter().map(|n| dir.join(n)).find(|p| p.is_file())
                && (dir.join("_posts").is_dir() || posts == dir || in_site.split('/').any(|p| p == "_posts"))
            {
                let text = read(dir, &config)?;
                return Site::from_jekyll(&text)
                    .map(|s| Site {
                        posts_in_site: Some(in_site),
                        ..s.read_from(config.clone())
                    })
                    .map_err(|message| SiteError { path: config, message });
            }
            if let Some(config) = ["mkdocs.yml", "mkdocs.yaml"]
                .iter()
                .map(|n| dir.join(n))
                .find(|p| p.is_file())
            {
                let text = read(dir, &config)?;
                let map = yaml_map(&text).map_err(|message| SiteError {
                    path: config.clone(),
                    message,
                })?;
                let docs = map
                    .get("docs_dir")
                    .and_then(Value::as_str)
                    .unwrap_or("docs")
                    .trim_matches('/');
                let prefix = match in_site.strip_prefix(docs) {
                    Some(rest) if rest.is_empty() || rest.starts_with('/') => rest.trim_start_matches('/').to_string(),
                    _ => String::new(),
                };
                let (url, base_path) = match map.get("site_url").and_then(Value::as_str) {
                    Some(u) => split_base_url(u),
                    None => (None, String::new()),
                };
                return Ok(Site {
                    generator: Generator::MkDocs,
                    base_path,
                    url,
                    content_prefix: prefix,
                    directory_urls: map.get("use_directory_urls").and_then(mapping::truth).unwrap_or(true),
                    ..Site::default()
                }
                .read_from(config));
            }
            if let Some(config) = ELEVENTY_CONFIGS.iter().map(|n| dir.join(n)).find(|p| p.is_file()) {
                // The configuration is code; its input folder is read only where it is written
                // as a literal (`input: "src"`).
                let text = read(dir, &config)?;
                let input = eleventy_input(&text);
                let prefix = match input.as_deref() {
                    Some(input) => match in_site.strip_prefix(input) {
                        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
                            rest.trim_start_matches('/').to_string()
                        }
                        _ => in_site.clone(),
                    },
                    None => in_site.clone(),
                };
                let warnings = if input.is_none() && text.contains("input") {
                    vec![format!(
                        "{}: the input folder is set in code, which talksearch does not run; the site's folder is \
                         taken as the input",
                        config.display()
                    )]
                } else {
                    Vec::new()
                };
                return Ok(Site {
                    generator: Generator::Eleventy,
                    content_prefix: prefix,
                    warnings,
                    ..Site::default()
                }
                .read_from(config));
            }
            let conf = dir.join("pelicanconf.py");
            if conf.is_file() {
                let text = read(dir, &conf)?;
                let publish = dir.join("publishconf.py");
                let publish = if publish.is_file() {
                    Some(read(dir, &publish)?)
                } else {
                    None
                };
                return Ok(Site::from_pelican(&text, publish.as_deref(), &in_site).read_from(conf));
            }
            let content = dir.join("content");
            if let Some(config) = HUGO_CONFIGS.iter().map(|n| dir.join(n)).find(|p| p.is_file())
                && posts.starts_with(&content)
            {
                let text = read(dir, &config)?;
                let yaml = config.extension().is_none_or(|e| e != "toml");
                let prefix = crate::paths::relative(&content, &posts).unwrap_or_default();
                return Site::from_hugo(&text, yaml)
                    .map(|s| Site {
                        content_prefix: prefix,
                        ..s.read_from(config.clone())
                    })
                    .map_err(|message| SiteError { path: config, message });
            }
        }
        Ok(Site::default())
    }

    /// A Pelican site from the text of its `pelicanconf.py` and, when there is one, the
    /// `publishconf.py` it is published with (its settings win), for posts at `posts_in_site`
    /// inside the site's folder.
    pub fn from_pelican(conf: &str, publish: Option<&str>, posts_in_site: &str) -> Site {
        let mut settings = Settings::read(conf);
        if let Some(publish) = publish {
            settings = settings.overlaid(Settings::read(publish));
        }
        let pelican = Pelican::from_settings(&settings, posts_in_site);
        let (url, base_path) = split_base_url(&pelican.site_url);
        Site {
            generator: Generator::Pelican,
            base_path,
            url,
            warnings: pelican.warnings.clone(),
            pelican: Some(Box::new(pelican)),
            ..Site::default()
        }
    }

    fn read_from(self, settings: PathBuf) -> Site {
        Site {
            settings: Some(settings),
            ..self
        }
    }

    /// A Jekyll site from the text of its `_config.yml`.
    pub fn from_jekyll(text: &str) -> Result<Site, String> {
        let map = yaml_map(text)?;
        let get = |k: &str| {
            map.get(k)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let future = map.get("future").and_then(mapping::truth).unwrap_or(false);
        Ok(Site {
            generator: Generator::Jekyll,
            // Without a setting, Jekyll's own default: the `date` style.
            permalink: Permalink::new(get("permalink").unwrap_or("date")),
            future,
            base_path: base_path(get("baseurl").unwrap_or("")),
            url: get("url").map(|u| u.trim_end_matches('/').to_string()),
            jekyll_defaults: jekyll_defaults(map.get("defaults")),
            timezone: get("timezone").map(str::to_string),
            collections_dir: get("collections_dir").unwrap_or("").trim_matches('/').to_string(),
            ..Site::default()
        })
    }

    /// A Hugo site from the text of its `hugo.toml` (or YAML `config.yaml`).
    pub fn from_hugo(text: &str, yaml: bool) -> Result<Site, String> {
        let map = if yaml {
            yaml_map(text)?
        } else {
            mapping::toml(text).map_err(settings_error)?
        };
        let key = |k: &str| {
            map.iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(k))
                .map(|(_, v)| v)
        };
        let (url, base) = match key("baseurl").and_then(Value::as_str) {
            Some(b) => split_base_url(b),
            None => (None, String::new()),
        };
        let mut sections = Vec::new();
        if let Some(Value::Object(p)) = key("permalinks") {
            // Hugo 0.120 nests patterns under `page`; older sites list sections directly.
            let page = p.get("page").and_then(Value::as_object).unwrap_or(p);
            for (section, pattern) in page {
                if let Some(pattern) = pattern.as_str() {
                    sections.push((section.clone(), pattern.to_string()));
                }
            }
        }
        Ok(Site {
            generator: Generator::Hugo,
            base_path: base,
            url,
            sections,
            ..Site::default()
        })
    }

    /// The URL of the post at `path` (relative to the posts folder), site-relative.
    pub fn post_url(&self, path: &str, parts: &UrlParts<'_>) -> String {
        let file_name = path.rsplit('/').next().unwrap_or(path);
        let (file_date, file_slug) = crate::date::split_file_name(file_name);
        let slug = parts.slug.map(str::to_string).unwrap_or(file_slug);
        let local = if let Some(pelican) = self.pelican.as_deref().filter(|_| parts.url.is_none()) {
            pelican.url(
                path,
                &PelicanPost {
                    title: parts.title,
                    slug: parts.slug,
                    date: parts.date,
                    category: parts.categories.first().map(String::as_str),
                    author: parts.author,
                    lang: parts.lang,
                },
            )
        } else if self.generator == Generator::MkDocs {
            self.mkdocs_url(path)
        } else if let Some(own) = parts.url {
            fold_slashes(&format!("/{own}"))
        } else if self.generator == Generator::Eleventy {
            self.eleventy_url(path, parts.permalink)
        } else if let Some(own) = parts.permalink {
            Permalink::new(own).render(parts.date, &slug, parts.categories)
        } else if self.generator == Generator::Jekyll && self.is_jekyll_page(path) {
            self.jekyll_page_url(path)
        } else if self.generator == Generator::Jekyll {
            // The front matter defaults for the post's place, the most specific path winning.
            let site_path = self.in_site(path);
            let default = self
                .jekyll_defaults
                .iter()
                .filter(|d| d.path.is_empty() || site_path == d.path || site_path.starts_with(&format!("{}/", d.path)))
                .max_by_key(|d| d.path.len());
            // Jekyll merges the defaults' categories before the post's own.
            let own: Vec<String> = default
                .map_or(&[][..], |d| &d.categories[..])
                .iter()
                .chain(parts.categories)
                .cloned()
                .collect();
            let categories = self.jekyll_categories(path, &own);
            match default.and_then(|d| d.permalink.as_deref()) {
                Some(pattern) => Permalink::new(pattern).render(parts.date, &slug, &categories),
                None => self.permalink.render(parts.date, &slug, &categories),
            }
        } else if self.generator == Generator::Unknown && file_date.is_some() {
            self.permalink.render(parts.date, &slug, parts.categories)
        } else {
            self.path_url(path, parts, self.generator == Generator::Hugo)
        };
        if self.base_path.is_empty() {
            local
        } else {
            fold_slashes(&format!("{}/{}", self.base_path, local))
        }
    }

    /// Where MkDocs puts the page of `path`: `README.md` and `index.md` are their folder's page,
    /// any other page is `/dir/name/` (or `/dir/name.html` without directory URLs). MkDocs reads
    /// no URL from a page.
    fn mkdocs_url(&self, path: &str) -> String {
        let full = self.in_content(path);
        let (dirs, file) = full.rsplit_once('/').unwrap_or(("", &full));
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        let low = stem.to_ascii_lowercase();
        if low == "index" || low == "readme" {
            return fold_slashes(&format!("/{dirs}/"));
        }
        if self.directory_urls {
            fold_slashes(&format!("/{dirs}/{stem}/"))
        } else {
            fold_slashes(&format!("/{dirs}/{stem}.html"))
        }
    }

    /// Where Eleventy puts the page of `path`: its own `permalink:` when it is a plain path
    /// (a template in it cannot be filled here: the path is used, and said), else
    /// `/dir/name/` with the date a name starts with dropped (Eleventy's `fileSlug`), an
    /// `index.md` its folder's page.
    fn eleventy_url(&self, path: &str, permalink: Option<&str>) -> String {
        if let Some(own) = permalink.filter(|p| !p.contains("{{") && !p.contains("{%")) {
            return fold_slashes(&format!("/{}", own.trim()));
        }
        let full = self.in_content(path);
        let (dirs, file) = full.rsplit_once('/').unwrap_or(("", &full));
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        if stem.eq_ignore_ascii_case("index") {
            return fold_slashes(&format!("/{dirs}/"));
        }
        let (_, slug) = crate::date::split_file_name(file);
        let slug = if slug.is_empty() { stem.to_string() } else { slug };
        fold_slashes(&format!("/{dirs}/{slug}/"))
    }

    /// `path` inside the folder the generator reads (Hugo's `content/`, MkDocs' `docs_dir`,
    /// Eleventy's input).
    fn in_content(&self, path: &str) -> String {
        if self.content_prefix.is_empty() {
            path.to_string()
        } else {
            format!("{}/{path}", self.content_prefix)
        }
    }

    /// A post's categories as Jekyll puts them in URLs: the folders above `_posts`, then `own`
    /// (the defaults', then the front matter's), lower-cased, each once.
    fn jekyll_categories(&self, path: &str, own: &[String]) -> Vec<String> {
        let full = self.in_site(path);
        let full = match full.strip_prefix(&format!("{}/", self.collections_dir)) {
            Some(rest) if !self.collections_dir.is_empty() => rest.to_string(),
            _ => full,
        };
        let parts: Vec<&str> = full.split('/').collect();
        let above = match parts.iter().position(|p| *p == "_posts") {
            Some(at) => &parts[..at],
            None => &[][..],
        };
        let mut out: Vec<String> = Vec::new();
        for c in above.iter().map(|c| c.to_string()).chain(own.iter().cloned()) {
            let c = c.to_lowercase();
            if !c.is_empty() && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// The day a post dated `date` (written `raw` in its front matter) is filed under. Jekyll
    /// reads a time with an offset (`2019-03-12 23:30:00 -0500`) in the time zone it builds in:
    /// UTC (as GitHub Pages and CI build) unless the site sets `timezone`, which is then taken
    /// to be the zone the offsets are written in.
    pub fn filed_date(&self, date: PostDate, raw: Option<&str>) -> PostDate {
        if self.generator != Generator::Jekyll || self.settings.is_none() || self.timezone.is_some() {
            return date;
        }
        raw.and_then(|raw| utc_day(date, raw)).unwrap_or(date)
    }

    /// Whether `path` is a page of a Jekyll site whose folder was given whole: a file of the
    /// site that is not under `_posts`.
    fn is_jekyll_page(&self, path: &str) -> bool {
        self.settings.is_some() && self.posts_in_site.is_some() && !self.in_site(path).split('/').any(|p| p == "_posts")
    }

    /// Where Jekyll puts a page: `/:path/:basename.html` (`/:path/:basename/` when the site's
    /// permalinks end in `/`), an `index.md` its folder's page.
    fn jekyll_page_url(&self, path: &str) -> String {
        let full = self.in_site(path);
        let (dirs, file) = full.rsplit_once('/').unwrap_or(("", &full));
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        if stem == "index" {
            fold_slashes(&format!("/{dirs}/"))
        } else if self.permalink.pattern().ends_with('/') {
            fold_slashes(&format!("/{dirs}/{stem}/"))
        } else {
            fold_slashes(&format!("/{dirs}/{stem}.html"))
        }
    }

    /// `path` inside a Jekyll site's folder.
    fn in_site(&self, path: &str) -> String {
        match self.posts_in_site.as_deref() {
            Some(at) if !at.is_empty() => format!("{at}/{path}"),
            _ => path.to_string(),
        }
    }

    /// Why the site's generator does not publish the post at `path` dated `date` (it is then
    /// not indexed), if it does not. Jekyll publishes only the files under `_posts` whose names
    /// start with a date, and a post dated after `today` only with `future: true`.
    pub fn unpublished(&self, path: &str, date: Option<PostDate>, today: PostDate) -> Option<String> {
        if let Some(pelican) = &self.pelican {
            return pelican.unpublished(path, date.is_some());
        }
        // Rules of a site whose settings were read (not of `--permalink` alone).
        if self.generator != Generator::Jekyll || self.settings.is_none() {
            return None;
        }
        let full = self.in_site(path);
        let (dirs, file_name) = full.rsplit_once('/').unwrap_or(("", &full));
        // Folders whose names start with `_` are Jekyll's own (`_drafts`, `_includes`, `_site`),
        // not published as they are; only `_posts` holds posts.
        if let Some(folder) = dirs.split('/').find(|d| d.starts_with('_') && *d != "_posts") {
            return Some(format!("it is in {folder}, a folder Jekyll does not publish as pages"));
        }
        if dirs.split('/').any(|p| p == "_posts") && crate::date::split_file_name(file_name).0.is_none() {
            return Some(
                "its name does not start with a date (YYYY-MM-DD-title), so Jekyll does not publish it".to_string(),
            );
        }
        match date {
            Some(d) if d > today && !self.future => Some(format!(
                "dated {d}, after today: Jekyll publishes it only with `future: true` in _config.yml"
            )),
            _ => None,
        }
    }

    /// A URL that follows the file's place in the folder: `notes/spring.md` → `/notes/spring/`,
    /// `2019/meetup/README.md` → `/2019/meetup/`; through Hugo's section patterns on a Hugo site.
    fn path_url(&self, path: &str, parts: &UrlParts<'_>, hugo: bool) -> String {
        let full = self.in_content(path);
        let mut dirs: Vec<&str> = full.split('/').collect();
        let file = dirs.pop().unwrap_or("");
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        // Hugo makes a folder's page of `index.md` and `_index.md` only; its `README.md` is a
        // page named "readme" like any other.
        let bundle = is_folder_page(file) && !(hugo && file.to_ascii_lowercase().starts_with("readme"));
        let name = if bundle {
            dirs.last().copied().unwrap_or("")
        } else {
            stem
        };
        if hugo
            && let Some(section) = dirs.first()
            && let Some((_, pattern)) = self.sections.iter().find(|(s, _)| s == section)
        {
            return hugo_pattern(pattern, section, name, parts);
        }
        let mut out = String::from("/");
        let mut segments = dirs;
        if !bundle {
            segments.push(parts.slug.unwrap_or(stem));
        } else if let (Some(slug), Some(last)) = (parts.slug, segments.last_mut()) {
            *last = slug;
        }
        for s in segments {
            out.push_str(s);
            out.push('/');
        }
        let out = fold_slashes(&out);
        if hugo { out.to_lowercase() } else { out }
    }
}

/// The UTC day of `date` at the time and offset written after it in `raw` (`23:30:00 -0500`,
/// `T01:30+05:30`, `Z`); `None` without both.
fn utc_day(date: PostDate, raw: &str) -> Option<PostDate> {
    let rest = raw.trim().get(10..)?.trim_start_matches(['T', ' ']);
    let (clock, offset) = match rest.find(['+', '-', 'Z']) {
        Some(at) => (rest[..at].trim(), rest[at..].trim()),
        None => return None,
    };
    let mut hm = clock.split(':');
    let (h, m): (i64, i64) = (hm.next()?.trim().parse().ok()?, hm.next()?.trim().parse().ok()?);
    let shift = if offset == "Z" {
        0
    } else {
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        let digits: String = offset[1..].chars().filter(char::is_ascii_digit).collect();
        let (oh, om) = match digits.len() {
            4 => (digits[..2].parse::<i64>().ok()?, digits[2..].parse::<i64>().ok()?),
            2 => (digits.parse::<i64>().ok()?, 0),
            _ => return None,
        };
        sign * (oh * 60 + om)
    };
    let minutes = h * 60 + m - shift;
    Some(PostDate::from_days_since_epoch(
        date.days_since_epoch() + minutes.div_euclid(24 * 60),
    ))
}

/// The input folder an Eleventy configuration names as a literal (`input: "src"`), if it does.
fn eleventy_input(config: &str) -> Option<String> {
    let at = config.find("input")?;
    let rest = config[at + "input".len()..].trim_start();
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?.trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let value = &rest[1..];
    let end = value.find(quote)?;
    let input = value[..end].trim_start_matches("./").trim_matches('/');
    Some(if input == "." { String::new() } else { input.to_string() })
}

/// `README.md`, `index.md` and Hugo's `_index.md` are the page of the folder they are in.
pub fn is_folder_page(file_name: &str) -> bool {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(s, _)| s)
        .to_ascii_lowercase();
    matches!(stem.as_str(), "readme" | "index" | "_index")
}

/// Fills in one of Hugo's permalink patterns.
fn hugo_pattern(pattern: &str, section: &str, name: &str, parts: &UrlParts<'_>) -> String {
    let d = parts.date;
    let title = urlize(parts.title);
    let slug = parts.slug.map(urlize).unwrap_or_else(|| title.clone());
    crate::permalink::fill(pattern, |placeholder| {
        Some(match placeholder {
            "year" => d.map(|d| format!("{:04}", d.year)).unwrap_or_default(),
            "month" => d.map(|d| format!("{:02}", d.month)).unwrap_or_default(),
            "day" => d.map(|d| format!("{:02}", d.day)).unwrap_or_default(),
            "slug" => slug.clone(),
            "title" => title.clone(),
            "filename" | "contentbasename" => name.to_lowercase(),
            "section" | "sections" => section.to_string(),
            _ => return None,
        })
    })
}

/// Hugo's `urlize`: lower case, spaces to dashes, only letters, digits, `-`, `_` and `.` kept.
fn urlize(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_whitespace() || c == '-' {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else if c.is_alphanumeric() || c == '_' || c == '.' {
            out.extend(c.to_lowercase());
        }
    }
    out.trim_matches('-').to_string()
}

fn base_path(b: &str) -> String {
    let trimmed = b.trim().trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

/// `https://example.org/blog/` → (`https://example.org`, `/blog`).
fn split_base_url(b: &str) -> (Option<String>, String) {
    let b = b.trim();
    match b.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            let url = (!host.is_empty()).then(|| format!("{scheme}://{host}"));
            (url, base_path(path))
        }
        None => (None, base_path(b)),
    }
}

/// A settings file's YAML, read as front matter is (keys lower-cased, which the settings read
/// here do not mind), with its errors worded for a settings file.
fn yaml_map(text: &str) -> Result<serde_json::Map<String, Value>, String> {
    // A repeated key keeps its later value, as the generators read it; settings are not posts,
    // so the repeat is not reported.
    mapping::yaml(text).map(|(map, _)| map).map_err(settings_error)
}

fn settings_error(e: MappingError) -> String {
    match e {
        MappingError::Yaml(m) | MappingError::Toml(m) => m,
        MappingError::NotAMapping(_) => "the settings are not a mapping of keys to values".to_string(),
    }
}

/// The text of a settings file of the site folder `site` (its links resolved), unless a link
/// leads out of that folder: then it is not opened.
fn read(site: &Path, path: &Path) -> Result<String, SiteError> {
    let error = |message: String| SiteError {
        path: path.to_path_buf(),
        message,
    };
    match crate::paths::place(site, path) {
        Place::Inside(real) => std::fs::read_to_string(real).map_err(|e| error(e.to_string())),
        Place::Outside => Err(error(
            "a link to a file outside the site folder: it is not read".to_string(),
        )),
        Place::Unknown(e) => Err(error(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jekyll_site_given_whole_has_pages_and_folders_it_does_not_publish() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("_posts")).unwrap();
        std::fs::write(site.join("_config.yml"), "title: T\n").unwrap();
        let s = Site::detect(&site).unwrap();
        let today = PostDate::new(2026, 1, 1).unwrap();
        let url = |path: &str| {
            s.post_url(
                path,
                &UrlParts {
                    date: PostDate::new(2019, 3, 12),
                    title: "T",
                    ..UrlParts::default()
                },
            )
        };
        assert_eq!(url("_posts/2019-03-12-march.md"), "/2019/03/12/march.html");
        assert_eq!(url("about.md"), "/about.html");
        assert_eq!(url("docs/index.md"), "/docs/");
        assert!(
            s.unpublished("_drafts/2019-03-12-x.md", None, today)
                .unwrap()
                .contains("_drafts")
        );
        assert_eq!(s.unpublished("about.md", None, today), None);
    }

    #[test]
    fn jekyll_files_a_time_with_an_offset_under_its_day_in_utc() {
        let site = Site {
            settings: Some(PathBuf::from("_config.yml")),
            ..Site::from_jekyll("title: T\n").unwrap()
        };
        let day = |raw: &str| site.filed_date(PostDate::parse_lenient(raw).unwrap(), Some(raw));
        // As jekyll 4.3 files them when it builds in UTC.
        assert_eq!(day("2019-03-12 23:30:00 -0500"), PostDate::new(2019, 3, 13).unwrap());
        assert_eq!(day("2019-03-13 01:30:00 +0530"), PostDate::new(2019, 3, 12).unwrap());
        assert_eq!(day("2019-03-13T01:30+05:30"), PostDate::new(2019, 3, 12).unwrap());
        assert_eq!(day("2019-04-01"), PostDate::new(2019, 4, 1).unwrap());
        assert_eq!(day("2019-04-01 18:00"), PostDate::new(2019, 4, 1).unwrap());
        let zoned = Site {
            timezone: Some("Asia/Kolkata".into()),
            ..site.clone()
        };
        let raw = "2019-03-13 01:30:00 +0530";
        assert_eq!(
            zoned.filed_date(PostDate::new(2019, 3, 13).unwrap(), Some(raw)),
            PostDate::new(2019, 3, 13).unwrap()
        );
    }

    #[test]
    fn eleventy_places_pages_by_their_path_without_the_date() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("src/posts")).unwrap();
        std::fs::write(
            site.join(".eleventy.js"),
            "module.exports = function(c) { return { dir: { input: \"src\", output: \"_site\" } }; };\n",
        )
        .unwrap();
        let s = Site::detect(&site.join("src/posts")).unwrap();
        assert_eq!((s.generator, s.content_prefix.as_str()), (Generator::Eleventy, "posts"));
        let parts = |permalink| UrlParts {
            permalink,
            title: "March",
            ..UrlParts::default()
        };
        assert_eq!(s.post_url("2019-03-12-march.md", &parts(None)), "/posts/march/");
        assert_eq!(s.post_url("2019/index.md", &parts(None)), "/posts/2019/");
        assert_eq!(s.post_url("x.md", &parts(Some("/events/march/"))), "/events/march/");
        // A template in the permalink cannot be filled here: the path is used.
        assert_eq!(s.post_url("x.md", &parts(Some("/{{ title | slugify }}/"))), "/posts/x/");
        assert_eq!(
            eleventy_input("export default { dir: { input: './content' } }"),
            Some("content".into())
        );
        assert_eq!(
            eleventy_input("module.exports = () => ({ dir: { input: dirs.input } })"),
            None
        );
    }

    #[cfg(unix)]
    #[test]
    fn settings_linked_from_outside_the_site_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("_posts")).unwrap();
        std::fs::write(dir.path().join("elsewhere.yml"), "permalink: /secret/:title/\n").unwrap();
        std::os::unix::fs::symlink(dir.path().join("elsewhere.yml"), site.join("_config.yml")).unwrap();
        let e = Site::detect(&site.join("_posts")).unwrap_err();
        assert!(e.to_string().contains("outside the site folder"), "{e}");
    }

    fn d(y: i32, m: u32, day: u32) -> Option<PostDate> {
        PostDate::new(y, m, day)
    }

    fn url(site: &Site, path: &str, date: Option<PostDate>) -> String {
        site.post_url(
            path,
            &UrlParts {
                date,
                title: "Spring Talks",
                ..UrlParts::default()
            },
        )
    }

    #[test]
    fn without_settings_dated_names_take_the_pattern_and_others_their_path() {
        let site = Site::default();
        assert_eq!(
            url(&site, "2017-05-20-may-talks.md", d(2017, 5, 20)),
            "/2017/05/20/may-talks/"
        );
        assert_eq!(url(&site, "notes/about.md", None), "/notes/about/");
        assert_eq!(
            url(&site, "2019/2019-06-20@venue/README.md", d(2019, 6, 20)),
            "/2019/2019-06-20@venue/"
        );
        assert_eq!(url(&site, "index.md", None), "/");
    }

    #[test]
    fn a_posts_own_url_slug_or_permalink_wins() {
        let site = Site::default();
        let parts = |slug, permalink, url| UrlParts {
            date: d(2020, 1, 2),
            slug,
            permalink,
            url,
            ..UrlParts::default()
        };
        assert_eq!(
            site.post_url("2020/x.md", &parts(Some("winter"), None, None)),
            "/2020/winter/"
        );
        assert_eq!(
            site.post_url("a.md", &parts(None, Some("/talks/:year/:title.html"), None)),
            "/talks/2020/a.html"
        );
        assert_eq!(
            site.post_url("a.md", &parts(None, None, Some("event/winter-2020"))),
            "/event/winter-2020"
        );
    }

    #[test]
    fn jekyll_settings_give_the_pattern_the_base_path_and_the_address() {
        let site = Site::from_jekyll(
            "url: https://meetup.example.org/\nbaseurl: /blog\npermalink: /:year/:month/:day/:title/\n",
        )
        .unwrap();
        assert_eq!(site.url.as_deref(), Some("https://meetup.example.org"));
        assert_eq!(
            url(&site, "2017-05-20-kernel.md", d(2017, 5, 20)),
            "/blog/2017/05/20/kernel/"
        );
        let pretty = Site::from_jekyll("permalink: pretty\n").unwrap();
        assert_eq!(
            url(&pretty, "2017-05-20-kernel.md", d(2017, 5, 20)),
            "/2017/05/20/kernel/"
        );
        assert!(Site::from_jekyll("permalink: [unclosed\n").is_err());
    }

    #[test]
    fn hugo_settings_give_section_patterns_and_lower_case_paths() {
        let site = Site {
            content_prefix: "posts".into(),
            ..Site::from_hugo(
                "baseURL = \"https://go.example.org/\"\n[permalinks]\nposts = \"/:year/:month/:slug/\"\n",
                false,
            )
            .unwrap()
        };
        assert_eq!(site.url.as_deref(), Some("https://go.example.org"));
        assert_eq!(url(&site, "spring.md", d(2021, 4, 1)), "/2021/04/spring-talks/");
        let plain = Site::from_hugo("baseURL: https://x.example.org/club/\n", true).unwrap();
        assert_eq!(
            url(&plain, "Meetups/2020/June/index.md", None),
            "/club/meetups/2020/june/"
        );
        assert_eq!(
            url(&plain, "Meetups/2020/June/README.md", None),
            "/club/meetups/2020/june/readme/"
        );
        let nested = Site::from_hugo("[permalinks.page]\nevents = \"/e/:filename/\"\n", false).unwrap();
        assert_eq!(url(&nested, "events/May-Meetup.md", None), "/e/may-meetup/");
        assert!(Site::from_hugo("baseURL = ", false).is_err());
    }

    #[test]
    fn settings_are_found_around_the_posts_folder() {
        let dir = tempfile::tempdir().unwrap();
        let jekyll = dir.path().join("blog");
        std::fs::create_dir_all(jekyll.join("_posts")).unwrap();
        std::fs::write(jekyll.join("_config.yml"), "permalink: /news/:title/\n").unwrap();
        let site = Site::detect(&jekyll.join("_posts")).unwrap();
        assert_eq!(site.generator, Generator::Jekyll);
        assert_eq!(url(&site, "2017-05-20-kernel.md", d(2017, 5, 20)), "/news/kernel/");

        let hugo = dir.path().join("hugo");
        std::fs::create_dir_all(hugo.join("content/events")).unwrap();
        std::fs::write(hugo.join("hugo.toml"), "[permalinks]\nevents = \"/:year/:filename/\"\n").unwrap();
        let site = Site::detect(&hugo.join("content")).unwrap();
        assert_eq!(site.generator, Generator::Hugo);
        assert_eq!(url(&site, "events/autumn.md", d(2022, 10, 1)), "/2022/autumn/");
        let site = Site::detect(&hugo.join("content/events")).unwrap();
        assert_eq!(site.content_prefix, "events");

        std::fs::write(jekyll.join("_config.yml"), "permalink: [broken\n").unwrap();
        let e = Site::detect(&jekyll.join("_posts")).unwrap_err();
        assert!(e.to_string().contains("_config.yml"), "{e}");
        assert_eq!(Site::detect(dir.path()).unwrap().generator, Generator::Unknown);
    }
}
