//! Dates: a post's, from front matter values and from the paths that site generators and
//! meetup repositories encode them in when the front matter does not say; and points in time
//! as `/status` and the index's timestamps give them.

use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar date. Posts only carry days, so no time zone arithmetic is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PostDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
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
        PostDate::new(number(s, 0..4)? as i32, number(s, 5..7)?, number(s, 8..10)?)
    }

    /// Reads a date as authors write it in front matter: `2017-05-20`, with a time or not,
    /// `2017/05/20`, without leading zeros (`2010-4-7`), or with the month's name (`March 12,
    /// 2019`).
    pub fn parse_lenient(s: &str) -> Option<PostDate> {
        if let Some(d) = PostDate::parse_prefix(s) {
            return Some(d);
        }
        let s = s.trim();
        let numeric = || {
            let end = s.find(|c: char| c.is_whitespace() || c == 'T').unwrap_or(s.len());
            let mut parts = s[..end].split(['-', '/', '.']);
            let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
            let short = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit());
            if parts.next().is_some()
                || y.len() != 4
                || !y.bytes().all(|c| c.is_ascii_digit())
                || !short(m)
                || !short(d)
            {
                return None;
            }
            PostDate::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        };
        numeric().or_else(|| PostDate::parse_named_month(s))
    }

    /// A date with the month's English name, as Pelican's authors also write them: `March 12,
    /// 2019`, `12 Mar 2019 19:00`, `Tue, 12 March 2019`.
    fn parse_named_month(s: &str) -> Option<PostDate> {
        let words: Vec<&str> = s
            .split([' ', ',', '\t'])
            .filter(|w| !w.is_empty())
            .filter(|w| !DAYS.iter().any(|d| w.len() >= 3 && abbreviates(d, w)))
            .take(3)
            .collect();
        let [a, b, c] = words[..] else { return None };
        let month = |w: &str| {
            let w = w.trim_end_matches('.');
            MONTHS
                .iter()
                .position(|m| w.len() >= 3 && abbreviates(m, w))
                .map(|i| i as u32 + 1)
        };
        let day = |w: &str| w.parse::<u32>().ok().filter(|_| w.len() <= 2);
        let year = |w: &str| w.parse::<i32>().ok().filter(|_| w.len() == 4);
        let (y, m, d) = match (month(a), month(b)) {
            (Some(m), _) => (year(c)?, m, day(b)?),
            (None, Some(m)) => (year(c)?, m, day(a)?),
            _ => return None,
        };
        PostDate::new(y, m, d)
    }

    /// The day (UTC) a point in time falls on.
    pub fn of_time(at: SystemTime) -> PostDate {
        let days = at.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs() / 86_400;
        PostDate::from_days_since_epoch(days as i64)
    }

    /// The day `days` after 1970-01-01 (before it, when negative).
    pub fn from_days_since_epoch(days: i64) -> PostDate {
        let (y, m, d) = civil_from_days(days);
        PostDate {
            year: y as i32,
            month: m,
            day: d,
        }
    }

    /// 1 for Monday to 7 for Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u32 {
        ((self.days_since_epoch() + 3).rem_euclid(7) + 1) as u32
    }

    /// 1 for the first of January.
    pub fn day_of_year(self) -> u32 {
        (self.days_since_epoch() - PostDate::from_civil(self.year, 1, 1).days_since_epoch() + 1) as u32
    }

    /// `March`.
    pub fn month_name(self) -> &'static str {
        MONTHS[self.month as usize - 1]
    }

    /// `Tuesday`.
    pub fn day_name(self) -> &'static str {
        DAYS[self.weekday() as usize - 1]
    }

    /// A date known to be valid (the first of a month, say).
    fn from_civil(year: i32, month: u32, day: u32) -> PostDate {
        PostDate { year, month, day }
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

fn number(s: &str, r: std::ops::Range<usize>) -> Option<u32> {
    let part = s.get(r)?;
    if part.bytes().all(|c| c.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

const DAYS: [&str; 7] = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
];

const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// Whether `word` is `name` or its start, whatever the case (`mar`, `March`).
fn abbreviates(name: &str, word: &str) -> bool {
    // `name` is ASCII, so any byte length of `word` cuts it at a char boundary.
    word.len() <= name.len() && name[..word.len()].eq_ignore_ascii_case(word)
}

/// A date at the start of one part of a path, and how much of the part it took: `YYYY-MM-DD`
/// (or with `_`), `YYYYMMDD`, Jekyll's `YYYY-M-D-` with one-digit months or days, or `YYYY-MM`
/// alone (the first of that month).
fn date_at_start(part: &str) -> Option<(PostDate, usize)> {
    if let Some(found) = short_date_at_start(part) {
        return Some(found);
    }
    let b = part.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let sep = |i: usize| matches!(b.get(i), Some(b'-' | b'_'));
    let ends_at = |i: usize| !b.get(i).is_some_and(u8::is_ascii_digit);
    let year = |s: &str| s.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y));
    if digits(0..4) && sep(4) && digits(5..7) && sep(7) && digits(8..10) && ends_at(10) {
        return Some((
            PostDate::new(year(&part[0..4])?, number(part, 5..7)?, number(part, 8..10)?)?,
            10,
        ));
    }
    if digits(0..8) && ends_at(8) {
        return Some((
            PostDate::new(year(&part[0..4])?, number(part, 4..6)?, number(part, 6..8)?)?,
            8,
        ));
    }
    if digits(0..4) && sep(4) && digits(5..7) && ends_at(7) {
        return Some((PostDate::new(year(&part[0..4])?, number(part, 5..7)?, 1)?, 7));
    }
    None
}

/// `YYYY-M-D` with a one-digit month or day, then `-` or the end: the dates Jekyll reads from
/// post file names (`2015-02-6-sponsoring.md`), with how many bytes the date took.
fn short_date_at_start(part: &str) -> Option<(PostDate, usize)> {
    let mut fields = part.splitn(4, '-');
    let (y, m, d) = (fields.next()?, fields.next()?, fields.next()?);
    let digits =
        |p: &str, n: std::ops::RangeInclusive<usize>| n.contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit());
    if !(digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)) || (m.len() == 2 && d.len() == 2) {
        return None;
    }
    let year = y.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y))?;
    Some((
        PostDate::new(year, m.parse().ok()?, d.parse().ok()?)?,
        y.len() + m.len() + d.len() + 2,
    ))
}

/// The date a post's path gives, looking from the file name up through its folders:
/// `2017-05-20-x.md`, `20150309-x.md`, `2019-06-20@venue/README.md`, `meetups/2016/2016-02-x.md`
/// (the first of the month), `2020/June/README.md` (a month's name in a year's folder).
pub fn date_from_path(path: &str) -> Option<PostDate> {
    let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    if let Some(last) = parts.last_mut() {
        *last = last.rsplit_once('.').map_or(*last, |(stem, _)| stem);
    }
    for (i, part) in parts.iter().enumerate().rev() {
        if let Some((date, _)) = date_at_start(part) {
            return Some(date);
        }
        if let Some(m) = MONTHS
            .iter()
            .position(|m| part.eq_ignore_ascii_case(m) || (part.len() == 3 && abbreviates(m, part)))
            && let Some(year) = i.checked_sub(1).and_then(|y| parts[y].parse::<i32>().ok())
            && (1900..=2200).contains(&year)
        {
            return PostDate::new(year, m as u32 + 1, 1);
        }
    }
    None
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
        _ => match short_date_at_start(stem) {
            Some((date, n)) if stem.as_bytes().get(n) == Some(&b'-') && stem.len() > n + 1 => {
                (Some(date), stem[n + 1..].to_string())
            }
            _ => (None, stem.to_string()),
        },
    }
}

/// A folder or file name without the date it starts with and the separators around it, for a
/// title: `2019-06-20@venue` → `venue`.
pub fn strip_date(name: &str) -> &str {
    let rest = date_at_start(name).map_or(name, |(_, n)| &name[n..]);
    rest.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// `2026-11-24T18:52:03.125Z` for a point in time.
pub fn rfc3339(at: SystemTime) -> String {
    let since = at.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60,
        since.subsec_millis()
    )
}

/// Howard Hinnant's civil_from_days: the Gregorian date `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_day_of_a_point_in_time() {
        let t = UNIX_EPOCH + Duration::from_secs(951_782_400 + 86_399);
        assert_eq!(PostDate::of_time(t), PostDate::new(2000, 2, 29).unwrap());
    }

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        let t = UNIX_EPOCH + Duration::from_millis(1_709_251_199_250); // the last second of a leap day
        assert_eq!(rfc3339(t), "2024-02-29T23:59:59.250Z");
        let t = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(rfc3339(t), "2000-02-29T00:00:00.000Z");
    }

    fn d(y: i32, m: u32, day: u32) -> Option<PostDate> {
        PostDate::new(y, m, day)
    }

    #[test]
    fn dates_come_from_the_paths_sites_keep_posts_in() {
        assert_eq!(date_from_path("2017-05-20-x.md"), d(2017, 5, 20));
        assert_eq!(date_from_path("news/20150309-spring-meetup.md"), d(2015, 3, 9));
        assert_eq!(date_from_path("2019-06-20@venue/README.md"), d(2019, 6, 20));
        assert_eq!(date_from_path("2019/2019-06-20@venue/README.md"), d(2019, 6, 20));
        assert_eq!(date_from_path("content/2020/June/README.md"), d(2020, 6, 1));
        assert_eq!(date_from_path("meetups/2016/2016-02-x.md"), d(2016, 2, 1));
        assert_eq!(date_from_path("2018/sep/index.md"), d(2018, 9, 1));
        assert_eq!(date_from_path("about.md"), None);
        assert_eq!(date_from_path("2019/notes.md"), None, "a year alone is not a date");
        assert_eq!(date_from_path("12345678-x.md"), None, "not a plausible year");
        assert_eq!(date_from_path("2017-02-30-x.md"), None);
        // Jekyll reads one-digit months and days in post names.
        assert_eq!(date_from_path("_posts/blog/2015-02-6-sponsoring.md"), d(2015, 2, 6));
        assert_eq!(date_from_path("2015-2-16-x.md"), d(2015, 2, 16));
        assert_eq!(
            split_file_name("2015-02-6-sponsoring.md"),
            (d(2015, 2, 6), "sponsoring".into())
        );
        assert_eq!(split_file_name("2015-2-6.md"), (None, "2015-2-6".into()));
        assert_eq!(
            split_file_name("TBD-2018-06-30-Didier.md"),
            (None, "TBD-2018-06-30-Didier".into())
        );
    }

    #[test]
    fn front_matter_dates_are_read_leniently() {
        assert_eq!(PostDate::parse_lenient("2016-10-17T20:20:00+05:30"), d(2016, 10, 17));
        assert_eq!(PostDate::parse_lenient("2010-4-7"), d(2010, 4, 7));
        assert_eq!(PostDate::parse_lenient("2011/05/17 19:00"), d(2011, 5, 17));
        assert_eq!(PostDate::parse_lenient("next tuesday"), None);
        assert_eq!(PostDate::parse_lenient("2017-1-3-4"), None);
        let d = |y, m, day| PostDate::new(y, m, day);
        assert_eq!(PostDate::parse_lenient("March 12, 2019"), d(2019, 3, 12));
        assert_eq!(PostDate::parse_lenient("12 Mar 2019 19:00"), d(2019, 3, 12));
        assert_eq!(PostDate::parse_lenient("Tue, 12 March 2019"), d(2019, 3, 12));
        assert_eq!(PostDate::parse_lenient("next tuesday"), None);
        assert_eq!(PostDate::parse_lenient("May be later"), None);
    }

    #[test]
    fn names_lose_their_date_for_titles() {
        assert_eq!(strip_date("2019-06-20@venue"), "venue");
        assert_eq!(strip_date("2016-02-mom"), "mom");
        assert_eq!(strip_date("notes"), "notes");
        assert_eq!(strip_date("2015-2-6-mom"), "mom");
    }

    #[test]
    fn days_since_epoch_is_exact() {
        assert_eq!(PostDate::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(PostDate::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        assert_eq!(PostDate::new(1969, 12, 31).unwrap().days_since_epoch(), -1);
    }
}
