//! What a URL is: a video of a talk, slides or code for it, or something else (a venue, a
//! profile, a photo). Pure string work; no fetching.

/// The 11-character id of a YouTube video in any of its URL shapes (watch, embed, youtu.be,
/// shorts, the thumbnail host `img.youtube.com/vi/ID/...`), or `None`.
pub fn youtube_id(url: &str) -> Option<&str> {
    let lower = url.to_ascii_lowercase();
    let markers = [
        "youtube.com/watch?v=",
        "youtube.com/watch?feature=player_embedded&v=",
        "youtube-nocookie.com/embed/",
        "youtube.com/embed/",
        "youtube.com/v/",
        "youtube.com/shorts/",
        "youtube.com/live/",
        "youtu.be/",
        "img.youtube.com/vi/",
        // i.ytimg.com, i3.ytimg.com, i9.ytimg.com...: every thumbnail host.
        "ytimg.com/vi/",
    ];
    let start = markers
        .iter()
        .find_map(|m| lower.find(m).map(|at| at + m.len()))
        .or_else(|| {
            // watch URLs with the id after other parameters: watch?list=...&v=ID
            (lower.contains("youtube.com/watch?"))
                .then(|| lower.find("&v=").map(|at| at + 3))
                .flatten()
        })?;
    let id = url.get(start..start + 11)?;
    let valid = id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let ends = url[start + 11..]
        .chars()
        .next()
        .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    (valid && ends).then_some(id)
}

/// A canonical link for a video URL: YouTube ids become `https://www.youtube.com/watch?v=ID`;
/// other video hosts (Vimeo, Periscope) are kept as written. `None` for anything else,
/// playlists and channels included.
pub fn video_url(url: &str) -> Option<String> {
    if let Some(id) = youtube_id(url) {
        return Some(format!("https://www.youtube.com/watch?v={id}"));
    }
    let host = host(url)?;
    let path = url.split_once(&host).map(|(_, p)| p).unwrap_or("");
    let is_video = match host.as_str() {
        "vimeo.com" | "player.vimeo.com" => path.chars().filter(char::is_ascii_digit).count() >= 5,
        "periscope.tv" | "pscp.tv" => path.matches('/').count() >= 2,
        // Recordings on other live-stream and video hosts.
        "ustream.tv" => path.starts_with("/recorded/"),
        "twitch.tv" => path.starts_with("/videos/"),
        "dailymotion.com" => path.starts_with("/video/"),
        _ => false,
    };
    is_video.then(|| url.to_string())
}

/// What a link may point at once it leaves extraction: an `http:` or `https:` address, or a
/// relative one, resolved against `base` (the post's URL) as the site's own page would resolve
/// it. Anything else (`javascript:`, `data:`, `vbscript:`, in any case, behind spaces, control
/// characters or character references) is `None`: a talk's links are rendered as links on the
/// search page and on the site, and one click must not run script there.
pub fn safe_url(url: &str, base: &str) -> Option<String> {
    // Browsers drop tabs and line breaks anywhere in a URL and controls and spaces around it.
    let cleaned: String = url
        .trim_matches(|c: char| c.is_whitespace() || c.is_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.is_empty() || cleaned.chars().any(char::is_control) {
        return None;
    }
    let low = cleaned.to_ascii_lowercase();
    if low.starts_with("http://") || low.starts_with("https://") {
        return Some(cleaned);
    }
    if let Some(rest) = cleaned.strip_prefix("//") {
        return (!rest.is_empty()).then(|| format!("https://{rest}"));
    }
    // A scheme is whatever comes before a colon in the first segment; a character reference
    // or a backslash there may be hiding one.
    let first = cleaned.split(['/', '?', '#']).next().unwrap_or("");
    if first.contains([':', '&', '\\']) {
        return None;
    }
    // "github.com/ann/deck" is an address written without its scheme, not a file of the site.
    let last_label = first.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if first.contains('.') && WEB_DOMAINS.contains(&last_label.as_str()) {
        return Some(format!("https://{cleaned}"));
    }
    Some(resolve(base, &cleaned))
}

/// Top-level domains an address written without `https://` most often ends its host with.
const WEB_DOMAINS: &[&str] = &[
    "com", "org", "net", "io", "dev", "in", "co", "me", "info", "edu", "gov", "uk", "de", "nl", "fr", "eu", "ai",
    "app", "ly", "xyz", "tech", "page", "site", "blog", "us", "ca", "au", "be", "ch", "se", "es", "it", "jp",
];

/// `rel`, a relative address, resolved against `base`.
fn resolve(base: &str, rel: &str) -> String {
    let base = base.split(['#', '?']).next().unwrap_or(base);
    // "https://site.example" of an absolute base, "" of a site-relative one.
    let origin_end = base
        .find("://")
        .map(|i| i + 3 + base[i + 3..].find('/').unwrap_or(base.len() - i - 3))
        .unwrap_or(0);
    let (origin, path) = base.split_at(origin_end);
    if rel.starts_with('/') {
        return format!("{origin}{rel}");
    }
    if rel.starts_with(['#', '?']) {
        return format!("{base}{rel}");
    }
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let (rel_path, tail) = rel.find(['?', '#']).map_or((rel, ""), |i| rel.split_at(i));
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel_path.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let trailing = if rel_path.ends_with('/') && !segments.is_empty() {
        "/"
    } else {
        ""
    };
    format!("{origin}/{}{trailing}{tail}", segments.join("/"))
}

/// The lower-cased host of an absolute URL, without `www.`.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let host = host.rsplit('@').next()?.split(':').next()?.to_string();
    let host = host.strip_prefix("www.").map(str::to_string).unwrap_or(host);
    host.contains('.').then_some(host)
}

/// Whether a URL is most likely slides, code or notes of a talk: slide hosts, code hosts,
/// documents. Profiles, event pages and images are not.
pub fn is_material_url(url: &str) -> bool {
    let Some(host) = host(url) else { return false };
    let lower = url.to_ascii_lowercase();
    if is_image_url(&lower) {
        return false;
    }
    let path = lower.split_once(&host).map(|(_, p)| p.trim_matches('/')).unwrap_or("");
    match host.as_str() {
        "speakerdeck.com"
        | "slideshare.net"
        | "slides.com"
        | "slid.es"
        | "prezi.com"
        | "gist.github.com"
        | "nbviewer.jupyter.org"
        | "nbviewer.org"
        | "colab.research.google.com"
        | "bit.ly" => true,
        "goo.gl" => !path.starts_with("forms"),
        // A repository, not a profile: github.com/user/repo.
        "github.com" | "gitlab.com" | "bitbucket.org" => path.split('/').filter(|s| !s.is_empty()).count() >= 2,
        // Feedback forms and photo albums are not material.
        "docs.google.com" | "drive.google.com" => !path.starts_with("forms"),
        h if h.ends_with(".github.io") || h.ends_with("slides.com") || h.ends_with(".slideshare.net") => true,
        _ => {
            lower.ends_with(".pdf")
                || lower.ends_with(".ppt")
                || lower.ends_with(".pptx")
                || lower.ends_with(".ipynb")
                || lower.contains("slide")
        }
    }
}

/// Whether a URL points to a person or an organisation rather than to content: the kind of link
/// an author puts on a speaker's name.
pub fn is_profile_url(url: &str) -> bool {
    let Some(host) = host(url) else { return false };
    let lower = url.to_ascii_lowercase();
    let path = lower.split_once(&host).map(|(_, p)| p.trim_matches('/')).unwrap_or("");
    let segments = path.split('/').filter(|s| !s.is_empty()).count();
    match host.as_str() {
        "twitter.com" | "x.com" | "facebook.com" | "linkedin.com" | "in.linkedin.com" => !path.contains("/status/"),
        "github.com" | "gitlab.com" | "gist.github.com" | "bitbucket.org" => segments == 1,
        "meetup.com" => path.contains("/members/"),
        // Pages that are one person's card.
        "about.me" | "keybase.io" | "linktr.ee" => segments == 1,
        _ => false,
    }
}

/// Page names that say nothing about what a link holds.
const GENERIC_NAMES: &[&str] = &[
    "index", "watch", "view", "edit", "embed", "status", "slides", "slide", "presentation", "file", "files",
    "download", "raw", "blob", "tree", "main", "master", "readme", "home", "about", "event", "events", "pub",
];

/// The words of the name a link gives what it points at: the last part of its path, without
/// the extension (`…/the_habit_of_tdd.pdf` → "the habit of tdd", `…/go-modules-tool` → "go
/// modules tool"). People name slide files and repositories after the talk, and a searcher who
/// remembers that name should find it; ids, numbers and generic names (`watch`, `index`) give
/// nothing.
pub fn name_words(url: &str) -> Option<String> {
    let url = url.split(['?', '#']).next()?;
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let stem = match last.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.len() <= 5 && ext.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            stem
        }
        _ => last,
    };
    let stem = percent_encoding::percent_decode_str(stem).decode_utf8_lossy();
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            // Ids mix letters and digits; a version ("go1", the "1" and "21" of "go-1.21") or
            // a short year is fine, a long number is not.
            letters >= 2 && (letters == w.chars().count() || w.chars().count() <= 6)
                || letters == 0 && (1..=3).contains(&w.len())
        })
        .collect();
    let named = words.iter().any(|w| w.chars().any(char::is_alphabetic));
    let name = words.join(" ").to_lowercase();
    (named && !GENERIC_NAMES.contains(&name.as_str())).then_some(name)
}

fn is_image_url(lower: &str) -> bool {
    let path = lower.split(['?', '#']).next().unwrap_or(lower);
    [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// The value of attribute `name` in the HTML tag `tag` (entities such as `&amp;` decoded).
pub(crate) fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let start = from + at;
        from = start + name.len();
        // A whole attribute name: after white space, followed by "=".
        let before_ok = lower[..start].ends_with(|c: char| c.is_whitespace());
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else { continue };
        if !before_ok {
            continue;
        }
        let rest = rest.trim_start();
        let (quote, rest) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &rest[1..]),
            _ => (None, rest),
        };
        let end = match quote {
            Some(q) => rest.find(q),
            None => rest.find(|c: char| c.is_whitespace() || c == '>'),
        }
        .unwrap_or(rest.len());
        return Some(decode_entities(rest[..end].trim()).into_owned());
    }
    None
}

/// HTML's character references in `s` as a browser reads them: numeric ones (`&#8211;`,
/// `&#x2019;`) and the named ones that posts use for punctuation and spacing; a reference
/// this does not know, or a bare `&`, is kept as written. Decoding numeric references before
/// a link is judged also unmasks a `&#106;avascript:` address, which is then refused.
pub(crate) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let reference = after
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .and_then(|(end, _)| Some((reference(&after[..end])?, end)));
        match reference {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The character a reference's name (between `&` and `;`) stands for.
fn reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        // As a browser does: no NUL, no surrogate, nothing past Unicode's end.
        return Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}'));
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "sbquo" => '‚',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "colon" => ':',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        _ => return None,
    })
}

/// The alternative text of the `<img>` tags of a piece of raw HTML.
pub fn image_alts(html: &str) -> Vec<String> {
    tags(html)
        .filter(|tag| tag.get(..3).is_some_and(|t| t.eq_ignore_ascii_case("img")))
        .filter_map(|tag| attribute(tag, "alt"))
        .filter(|alt| !alt.trim().is_empty())
        .collect()
}

/// The insides of the tags of a piece of HTML (`a href="..."` of `<a href="...">`), the last
/// one possibly cut off at the end of the piece.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || {
        let open = rest.find('<')?;
        let after = &rest[open + 1..];
        let close = after.find('>').unwrap_or(after.len());
        rest = &after[close..];
        Some(&after[..close])
    })
}

/// The URLs a piece of raw HTML points at: `src`/`href`/`data-src` of iframes, embeds, anchors
/// and images, and the deck a Speaker Deck embed names by its `data-id`. A `<script>`'s source
/// is a loader, not content, and is left out.
pub fn urls_in_html(html: &str) -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    let mut push = |url: String| {
        if (url.contains("://") || url.starts_with("//")) && !urls.contains(&url) {
            urls.push(if url.starts_with("//") {
                format!("https:{url}")
            } else {
                url
            });
        }
    };
    // A tag written over several lines reaches us a line at a time: attributes before any
    // "<" belong to a tag opened on an earlier line.
    let lead = &html[..html.find('<').unwrap_or(html.len())];
    if lead.contains('=') {
        let lead = format!(" {lead}");
        for attr in ["src", "href", "data-src"] {
            if let Some(url) = attribute(&lead, attr) {
                push(url);
            }
        }
    }
    for tag in tags(html) {
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || name == "script" {
            // A closing tag, a comment, or a script loader.
            if name == "script"
                && let Some(id) = attribute(tag, "data-id")
                && attribute(tag, "class").is_some_and(|c| c.contains("speakerdeck"))
            {
                push(format!("https://speakerdeck.com/player/{id}"));
            }
            continue;
        }
        if let Some(id) = attribute(tag, "data-id")
            && attribute(tag, "class").is_some_and(|c| c.contains("speakerdeck"))
        {
            push(format!("https://speakerdeck.com/player/{id}"));
        }
        for attr in ["src", "href", "data-src"] {
            if let Some(url) = attribute(tag, attr) {
                push(url);
            }
        }
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_links_name_gives_its_words_unless_it_is_an_id_or_generic() {
        assert_eq!(name_words("the_habit_of_tdd.pdf").as_deref(), Some("the habit of tdd"));
        assert_eq!(
            name_words("slides/rust-1.80-news.pdf").as_deref(),
            Some("rust 1 80 news")
        );
        assert_eq!(name_words("https://example.org/p/12345678"), None);
        assert_eq!(
            name_words("https://github.com/ana/go-modules-tool").as_deref(),
            Some("go modules tool")
        );
        assert_eq!(
            name_words("https://example.org/talks/Fast%20JSON.pptx?x=1").as_deref(),
            Some("fast json")
        );
        assert_eq!(name_words("https://www.youtube.com/watch?v=QwErTyUiOp1"), None);
        assert_eq!(name_words("https://speakerdeck.com/ana/a8f3k2j9d0s7"), None);
        assert_eq!(name_words("https://example.org/"), None);
        assert_eq!(name_words("https://example.org/2019/index.html"), None);
    }

    #[test]
    fn youtube_ids_in_every_shape() {
        for url in [
            "https://www.youtube.com/watch?v=_YRHkn-f24k",
            "https://www.youtube.com/watch?v=_YRHkn-f24k&list=PL6GW05&index=2",
            "https://www.youtube.com/watch?list=PL6&v=_YRHkn-f24k",
            "https://www.youtube.com/embed/_YRHkn-f24k?wmode=transparent",
            "https://www.youtube-nocookie.com/embed/_YRHkn-f24k",
            "https://youtu.be/_YRHkn-f24k",
            "http://img.youtube.com/vi/_YRHkn-f24k/2.jpg",
        ] {
            assert_eq!(youtube_id(url), Some("_YRHkn-f24k"), "{url}");
        }
        assert_eq!(
            youtube_id("https://www.youtube.com/playlist?list=PLsCs1Q6ZL-GdAKTugvjPGxR1mWZcOYqQz"),
            None
        );
        assert_eq!(youtube_id("https://www.youtube.com/watch?v=short"), None);
    }

    #[test]
    fn other_video_hosts() {
        assert!(video_url("https://www.periscope.tv/__bangpypers__/1mrGmeOmvyDGy").is_some());
        assert!(video_url("https://vimeo.com/123456789").is_some());
        assert!(video_url("https://vimeo.com/about").is_none());
        assert!(video_url("https://example.org/video").is_none());
    }

    #[test]
    fn materials_and_profiles() {
        assert!(is_material_url("https://github.com/naveens/simple-flask-app"));
        assert!(!is_material_url("https://github.com/naveens"));
        assert!(!is_material_url("https://docs.google.com/forms/d/1EoHT/viewform"));
        assert!(!is_material_url("http://goo.gl/forms/TCYSKn37Uf"));
        assert!(is_profile_url("https://github.com/naveens"));
        assert!(is_profile_url("https://gist.github.com/naveens"));
        assert!(!is_profile_url("https://gist.github.com/naveens/0a1b2c"));
        assert!(is_material_url("https://speakerdeck.com/x/y"));
        assert!(is_material_url("https://example.org/talk.pdf"));
        assert!(!is_material_url("https://secure.meetupstatic.com/photos/a.jpeg"));
        assert!(!is_material_url("https://www.meetup.com/BangPypers/events/238929256/"));
        assert!(is_profile_url("https://twitter.com/kracetheking"));
        assert!(is_profile_url("https://www.meetup.com/BangPypers/members/78184512/"));
        assert!(!is_profile_url("https://twitter.com/x/status/1"));
    }

    #[test]
    fn embeds_name_their_real_address_and_loaders_are_left_out() {
        let html = r#"<script async class="speakerdeck-embed" data-id="0a1b2c3d4e" data-ratio="1.3" src="//speakerdeck.com/assets/embed.js"></script>"#;
        assert_eq!(urls_in_html(html), vec!["https://speakerdeck.com/player/0a1b2c3d4e"]);
        let html = r#"<iframe src="https://docs.example.org/present/embed?id=x&amp;size=m"></iframe>"#;
        assert_eq!(
            urls_in_html(html),
            vec!["https://docs.example.org/present/embed?id=x&size=m"]
        );
        assert!(urls_in_html(r#"<script src="https://example.org/widgets.js"></script>"#).is_empty());
        // The second line of a tag written over two.
        assert_eq!(
            urls_in_html(r#"  src="https://www.youtube.com/embed/aaaaaaaaaaa" frameborder="0">"#),
            vec!["https://www.youtube.com/embed/aaaaaaaaaaa"]
        );
    }

    #[test]
    fn recordings_on_other_video_hosts() {
        assert!(video_url("http://www.ustream.tv/recorded/1234567").is_some());
        assert!(video_url("https://www.twitch.tv/videos/987654321").is_some());
        assert!(video_url("https://www.twitch.tv/somechannel").is_none());
    }

    #[test]
    fn urls_from_html_attributes() {
        let html = r#"<iframe width="560" src="https://www.youtube.com/embed/lING02S6AAc?rel=0" frameborder=0></iframe><a href='//example.org/x'>x</a>"#;
        assert_eq!(
            urls_in_html(html),
            vec![
                "https://www.youtube.com/embed/lING02S6AAc?rel=0",
                "https://example.org/x"
            ]
        );
    }

    #[test]
    fn character_references_read_as_a_browser_reads_them() {
        assert_eq!(decode_entities("Ann &#8211; Rust &amp; you"), "Ann – Rust & you");
        assert_eq!(decode_entities("it&#x2019;s &ldquo;here&rdquo;"), "it’s “here”");
        assert_eq!(
            decode_entities("&#0; &#xD800; &#99999999;"),
            "\u{FFFD} \u{FFFD} \u{FFFD}"
        );
        assert_eq!(decode_entities("Q&A & more &unknown; &#;"), "Q&A & more &unknown; &#;");
        assert_eq!(decode_entities("tail &amp"), "tail &amp");
    }

    #[test]
    fn only_web_addresses_and_relative_ones_leave_extraction() {
        let base = "/2017/05/20/kernel/";
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "  java\tscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "&#106;avascript:alert(1)",
            "javascript&colon;alert(1)",
            "mailto:ann@example.org",
            "",
        ] {
            assert_eq!(safe_url(bad, base), None, "{bad:?}");
        }
        assert_eq!(
            safe_url(" https://example.org/s.pdf ", base).as_deref(),
            Some("https://example.org/s.pdf")
        );
        assert_eq!(
            safe_url("HTTP://example.org/s.pdf", base).as_deref(),
            Some("HTTP://example.org/s.pdf")
        );
        assert_eq!(
            safe_url("//cdn.example.org/v.mp4", base).as_deref(),
            Some("https://cdn.example.org/v.mp4")
        );
        assert_eq!(safe_url("/slides/x.pdf", base).as_deref(), Some("/slides/x.pdf"));
        assert_eq!(
            safe_url("github.com/ann/deck", base).as_deref(),
            Some("https://github.com/ann/deck")
        );
        assert_eq!(
            safe_url("Tide%20Tables.pdf", base).as_deref(),
            Some("/2017/05/20/kernel/Tide%20Tables.pdf")
        );
        assert_eq!(
            safe_url("talk.pdf", base).as_deref(),
            Some("/2017/05/20/kernel/talk.pdf")
        );
        assert_eq!(
            safe_url("../files/talk.pdf#p2", "https://site.example/blog/2017/post.html").as_deref(),
            Some("https://site.example/blog/files/talk.pdf#p2")
        );
        assert_eq!(
            safe_url("/slides/x.pdf", "https://site.example/blog/post/").as_deref(),
            Some("https://site.example/slides/x.pdf")
        );
    }
}
