//! Jekyll-style permalink patterns: how a post's path on the site is built from its date, slug and
//! categories, so that a search hit links to the same URL the site serves.

use crate::date::PostDate;

/// A permalink pattern such as `/:year/:month/:day/:title/`, or one of Jekyll's named styles
/// (`date`, `pretty`, `ordinal`, `none`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permalink {
    pattern: String,
}

impl Default for Permalink {
    /// `/:year/:month/:day/:title/`: what most meetup blogs use.
    fn default() -> Self {
        Permalink::new("/:year/:month/:day/:title/")
    }
}

impl Permalink {
    /// A pattern, or a Jekyll style name that stands for one.
    pub fn new(pattern: &str) -> Permalink {
        let pattern = match pattern {
            "date" => "/:categories/:year/:month/:day/:title.html",
            "pretty" => "/:categories/:year/:month/:day/:title/",
            "ordinal" => "/:categories/:year/:y_day/:title.html",
            "weekdate" => "/:categories/:year/W:week/:short_day/:title.html",
            "none" => "/:categories/:title.html",
            other => other,
        };
        Permalink {
            pattern: pattern.to_string(),
        }
    }

    /// The pattern as written (named styles expanded).
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Fills the pattern in. Placeholders without a value (a post with no date) become empty, and
    /// the doubled slashes that leaves are folded, as Jekyll does.
    pub fn render(&self, date: Option<PostDate>, slug: &str, categories: &[String]) -> String {
        fill(&self.pattern, |name| placeholder(name, date, slug, categories))
    }
}

/// Fills the `:name` placeholders of `pattern` with what `value` gives for each name (one it
/// gives nothing for stays as written), then folds the doubled slashes that empty values leave.
/// Jekyll's patterns and Hugo's share this syntax.
pub(crate) fn fill(pattern: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        match value(name) {
            Some(value) => out.push_str(&value),
            None => {
                out.push(':');
                out.push_str(name);
            }
        }
        rest = &after[name_len..];
    }
    out.push_str(rest);
    fold_slashes(&out)
}

fn placeholder(name: &str, date: Option<PostDate>, slug: &str, categories: &[String]) -> Option<String> {
    let d = date;
    Some(match name {
        "year" => d.map(|d| format!("{:04}", d.year)).unwrap_or_default(),
        "short_year" => d.map(|d| format!("{:02}", d.year.rem_euclid(100))).unwrap_or_default(),
        "month" => d.map(|d| format!("{:02}", d.month)).unwrap_or_default(),
        "i_month" => d.map(|d| d.month.to_string()).unwrap_or_default(),
        "day" => d.map(|d| format!("{:02}", d.day)).unwrap_or_default(),
        "i_day" => d.map(|d| d.day.to_string()).unwrap_or_default(),
        "y_day" => d.map(|d| format!("{:03}", d.day_of_year())).unwrap_or_default(),
        "short_month" => d.map(|d| d.month_name()[..3].to_string()).unwrap_or_default(),
        "long_month" => d.map(|d| d.month_name().to_string()).unwrap_or_default(),
        "short_day" => d.map(|d| d.day_name()[..3].to_string()).unwrap_or_default(),
        "long_day" => d.map(|d| d.day_name().to_string()).unwrap_or_default(),
        "w_day" => d.map(|d| d.weekday().to_string()).unwrap_or_default(),
        "week" => d.and_then(iso_week).map(|(_, w)| format!("{w:02}")).unwrap_or_default(),
        "w_year" => d.and_then(iso_week).map(|(y, _)| y.to_string()).unwrap_or_default(),
        // Jekyll's two slugs of a name: `:title` keeps its case and some punctuation, `:slug`
        // keeps letters and digits only, lower-cased.
        "title" => jekyll_slugify(slug, true),
        "slug" => jekyll_slugify(slug, false).to_lowercase(),
        "categories" => categories
            .iter()
            .map(|c| c.to_lowercase().replace(' ', "%20"))
            .collect::<Vec<_>>()
            .join("/"),
        "output_ext" => ".html".to_string(),
        _ => return None,
    })
}

/// The ISO 8601 week-numbering year and week of a date (Jekyll's `:w_year` and `:week`).
fn iso_week(d: PostDate) -> Option<(i32, i64)> {
    let week = (i64::from(d.day_of_year()) - i64::from(d.weekday()) + 10).div_euclid(7);
    let weeks_in = |year: i32| -> Option<i64> {
        // A year has 53 weeks when it starts on a Thursday, or on a Wednesday in a leap year.
        let jan1 = PostDate::new(year, 1, 1)?.weekday();
        let leap = PostDate::new(year, 2, 29).is_some();
        Some(if jan1 == 4 || (jan1 == 3 && leap) { 53 } else { 52 })
    };
    if week < 1 {
        Some((d.year - 1, weeks_in(d.year - 1)?))
    } else if week > weeks_in(d.year)? {
        Some((d.year + 1, 1))
    } else {
        Some((d.year, week))
    }
}

/// Jekyll's `slugify`: runs of other characters made one `-`, and dashes trimmed from the
/// ends. `pretty` keeps the characters a URL path may hold as they are (`._~!$&'()+,;=@`), as
/// `:title` does; otherwise only letters and digits stay (`:slug`).
fn jekyll_slugify(name: &str, pretty: bool) -> String {
    let keep = |c: char| c.is_alphanumeric() || (pretty && "._~!$&'()+,;=@".contains(c));
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if keep(c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Doubled slashes folded, a leading one ensured.
pub(crate) fn fold_slashes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '/' && out.ends_with('/') {
            continue;
        }
        out.push(c);
    }
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<PostDate> {
        PostDate::new(y, m, day)
    }

    #[test]
    fn default_pattern() {
        let p = Permalink::default();
        assert_eq!(p.render(d(2017, 5, 20), "may-talks", &[]), "/2017/05/20/may-talks/");
    }

    #[test]
    fn titles_and_slugs_as_jekyll_makes_them() {
        let title = Permalink::new("/:title/");
        let slug = Permalink::new("/:slug/");
        // What jekyll 4.3 writes for these names.
        assert_eq!(title.render(None, "Upper_Case & Co", &[]), "/Upper_Case-&-Co/");
        assert_eq!(slug.render(None, "Upper_Case & Co", &[]), "/upper-case-co/");
        assert_eq!(title.render(None, "Hello World", &[]), "/Hello-World/");
        assert_eq!(slug.render(None, "Café", &[]), "/café/");
        assert_eq!(title.render(None, "may-talks", &[]), "/may-talks/");
    }

    #[test]
    fn week_dates_as_jekyll_writes_them() {
        let p = Permalink::new("weekdate");
        // 2019-03-12 was the Tuesday of ISO week 11; 2021-01-03 the Sunday of 2020's week 53.
        assert_eq!(p.render(d(2019, 3, 12), "march", &[]), "/2019/W11/Tue/march.html");
        assert_eq!(
            Permalink::new("/:w_year/:week/:w_day/").render(d(2021, 1, 3), "x", &[]),
            "/2020/53/7/"
        );
        assert_eq!(
            Permalink::new("/:short_month/:long_day/").render(d(2024, 12, 30), "x", &[]),
            "/Dec/Monday/"
        );
        assert_eq!(
            Permalink::new("/:w_year/:week/").render(d(2024, 12, 30), "x", &[]),
            "/2025/01/"
        );
    }

    #[test]
    fn named_styles_and_categories() {
        let cats = vec!["meetup".to_string(), "Talks".to_string()];
        assert_eq!(
            Permalink::new("pretty").render(d(2017, 5, 20), "x", &cats),
            "/meetup/talks/2017/05/20/x/"
        );
        assert_eq!(
            Permalink::new("date").render(d(2017, 5, 20), "x", &[]),
            "/2017/05/20/x.html"
        );
        assert_eq!(
            Permalink::new("ordinal").render(d(2017, 2, 1), "x", &[]),
            "/2017/032/x.html"
        );
    }

    #[test]
    fn short_forms_and_unknown_placeholders() {
        let p = Permalink::new("/:short_year/:i_month/:i_day/:title:output_ext?x=:nope");
        assert_eq!(p.render(d(2007, 3, 4), "a", &[]), "/07/3/4/a.html?x=:nope");
    }

    #[test]
    fn missing_date_folds_the_slashes() {
        assert_eq!(Permalink::default().render(None, "about", &[]), "/about/");
    }
}
