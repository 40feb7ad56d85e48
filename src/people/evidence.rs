//! What a link says of who it is about, read from the address alone: the evidence that two
//! written names across a blog are one person.
//!
//! A name that links to a profile (`github.com/ann`, `twitter.com/ann`, a meetup member page, a
//! homepage) is tied to that profile; two mentions tied to one profile are one person. The user
//! part of a profile is a *handle*, and the same handle on two sites ("ann" on GitHub and on X) is
//! one person too. A talk's own slides or code on a code or slide host are evidence of who gave it
//! ([`material_handle`]), and a handle made of a name's letters ("annlee", "alee", "annl" for Ann
//! Lee: [`spells`]) ties the handle to that name.

/// Who a link points at, as far as its address tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The same key is the same person: host and user for a site of many people
    /// (`github.com/ann`), the host for a site of one (`ann.dev`).
    pub key: String,
    /// The user's handle, lower-cased, where the address has one (`ann`); `None` for numeric
    /// member ids.
    pub handle: Option<String>,
}

/// Sites of many people whose first path segment is the user (`github.com/ann/...`).
const USER_FIRST: &[&str] = &[
    "github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gist.github.com", "twitter.com", "facebook.com",
    "instagram.com", "dev.to", "keybase.io", "slideshare.net", "speakerdeck.com", "slides.com", "t.me",
];

/// Of those, where a talk's slides and code live: the user of such a link is who made them.
const MATERIAL: &[&str] = &[
    "github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gist.github.com", "slideshare.net",
    "speakerdeck.com", "slides.com",
];

/// Hosts that give each user a subdomain (`ann.github.io`).
const USER_SUBDOMAIN: &[&str] = &[
    "github.io", "gitlab.io", "wordpress.com", "blogspot.com", "substack.com", "medium.com",
];

/// Sites whose addresses are about things, not people: a name linked there is no profile.
const NOT_PROFILES: &[&str] = &[
    "youtube.com", "youtu.be", "vimeo.com", "periscope.tv", "google.com", "goo.gl", "bit.ly", "t.co", "tinyurl.com",
    "wikipedia.org", "meetup.com", "eventbrite.com", "python.org", "docs.python.org", "pypi.org",
];

/// First path segments of the sites above that are pages of the site, not users.
const SITE_PAGES: &[&str] = &[
    "about", "features", "orgs", "settings", "topics", "explore", "search", "login", "signup", "share", "intent",
    "hashtag", "home", "i", "events", "pages", "groups", "watch", "embed", "slideshow", "user", "p", "pub", "company",
    "school", "sponsors", "marketplace", "collections", "trending", "notifications", "profile.php", "sharer",
    "sharer.php", "player",
];

/// An absolute web address cut into its host (lower-cased, without `www.`, `m.` or a port)
/// and its path segments (lower-cased, without query or fragment).
fn cut(url: &str) -> Option<(String, Vec<String>)> {
    let (host, path) = parts(url)?;
    let host = host.to_ascii_lowercase();
    let segs = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
        .collect();
    let host = if host == "x.com" {
        "twitter.com".to_string()
    } else {
        host
    };
    Some((host, segs))
}

/// The host (as written, without `www.`, `m.`, `mobile.`, a user or a port) and the path
/// (without query or fragment) of an absolute web address.
fn parts(url: &str) -> Option<(&str, &str)> {
    let url = url.trim();
    let scheme = |s: &str| url.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s));
    let rest = if scheme("https://") {
        &url[8..]
    } else if scheme("http://") {
        &url[7..]
    } else {
        return None;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let mut host = host.split(':').next().unwrap_or(host);
    for prefix in ["www.", "m.", "mobile."] {
        if host.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix)) {
            host = &host[prefix.len()..];
            break;
        }
    }
    let host = host.trim_end_matches('.');
    if host.is_empty() || !host.contains('.') {
        return None;
    }
    let path = rest[end..].split(['?', '#']).next().unwrap_or("");
    Some((host, path))
}

/// A user part as a handle: `@` and surrounding punctuation dropped; `None` when nothing of a
/// handle is left.
fn handle(seg: &str) -> Option<String> {
    let h = seg
        .trim_start_matches(['@', '~'])
        .trim_matches(|c: char| !c.is_alphanumeric());
    (h.chars().any(char::is_alphabetic) && h.len() <= 40).then(|| h.to_lowercase())
}

/// Whether `host` is `site` or one of its subdomains.
fn on(host: &str, site: &str) -> bool {
    host == site || host.strip_suffix(site).is_some_and(|h| h.ends_with('.'))
}

/// The user of a site of many people, where the address names one.
fn user_of(host: &str, segs: &[String]) -> Option<(String, Option<String>)> {
    let first = segs.first()?;
    // `site/@ann` (Mastodon servers, Medium, YouTube, Threads) is a user on any host.
    if let Some(user) = first.strip_prefix('@') {
        return Some((format!("{host}/@{user}"), handle(user)));
    }
    if on(host, "linkedin.com") && first == "in" {
        let user = segs.get(1)?;
        return Some((format!("linkedin.com/in/{user}"), handle(user)));
    }
    if host == "bsky.app" && first == "profile" {
        let user = segs.get(1)?;
        let name = user.split('.').next().unwrap_or(user);
        return Some((format!("bsky.app/profile/{user}"), handle(name)));
    }
    // A meetup member page: `meetup.com/<group>/members/<number>`.
    if on(host, "meetup.com") {
        let at = segs.iter().position(|s| s == "members")?;
        let member = segs.get(at + 1)?;
        return Some((format!("meetup.com/members/{member}"), None));
    }
    if USER_FIRST.contains(&host) && !SITE_PAGES.contains(&first.as_str()) {
        return Some((format!("{host}/{first}"), handle(first)));
    }
    None
}

/// What a link a name carries says of the person: see [`Profile`]. `None` for addresses about
/// things (a video, a search, a shortened link) and for pages deep inside a site.
pub fn profile(url: &str) -> Option<Profile> {
    let (host, segs) = cut(url)?;
    if let Some((key, handle)) = user_of(&host, &segs) {
        return Some(Profile { key, handle });
    }
    if let Some(site) = USER_SUBDOMAIN.iter().find(|s| on(&host, s)) {
        let user = host.strip_suffix(site)?.trim_end_matches('.');
        return (!user.is_empty() && !user.contains('.')).then(|| Profile {
            key: host.clone(),
            handle: handle(user),
        });
    }
    if NOT_PROFILES.iter().any(|s| on(&host, s)) || USER_FIRST.contains(&host.as_str()) || segs.len() > 1 {
        return None;
    }
    // A homepage: the site is the person's; a name of its own (`ann-lee.dev`) is a handle.
    let labels: Vec<&str> = host.split('.').collect();
    Some(Profile {
        handle: (labels.len() == 2).then(|| handle(labels[0])).flatten(),
        key: host,
    })
}

/// The user of a talk's slides or code on a code or slide host (`github.com/ann/parser`,
/// `slideshare.net/ann/deck`, `ann.github.io/deck`): who made them.
pub fn material_handle(url: &str) -> Option<String> {
    // Read for every talk's slides of a blog: nothing is allocated but the handle.
    let (host, path) = parts(url)?;
    if MATERIAL.iter().any(|m| host.eq_ignore_ascii_case(m)) {
        let first = path.split('/').find(|s| !s.is_empty())?;
        return (!SITE_PAGES.iter().any(|p| first.eq_ignore_ascii_case(p)))
            .then(|| handle(first))
            .flatten();
    }
    ["github.io", "gitlab.io"].iter().find_map(|site| {
        // Split where the site's name would start: a host of other letters may have no char
        // boundary there.
        let cut = host.len().checked_sub(site.len() + 1)?;
        let (user, rest) = (host.get(..cut)?, host.get(cut..)?);
        (rest.get(1..)?.eq_ignore_ascii_case(site) && rest.starts_with('.') && !user.is_empty() && !user.contains('.'))
            .then(|| handle(user))
            .flatten()
    })
}

/// Whether `handle` is made of the name's letters the ways people make handles: the starts of
/// the name's words in order, or surname first ("annlee", "alee", "annl", "leeann" for Ann
/// Lee; "alexbell" for Alexander Graham Bell). Two starts at least, one of them four letters or
/// more, or the whole of a one-word name, or a whole word of eight letters or more, which few
/// people share: a short handle like "al" spells too many names to say anything.
pub fn spells(handle: &str, name: &[String]) -> bool {
    let h: Vec<char> = handle
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    spells_chars(&h, name)
}

/// [`spells`] of a handle already cut into lower-case letters and digits: called for many
/// names per handle, it allocates nothing.
pub fn spells_chars(h: &[char], name: &[String]) -> bool {
    let n = name.len();
    if h.len() < 5 || n == 0 || name.iter().any(|w| letters(w).next().is_none()) {
        return false;
    }
    let one_word = n == 1;
    // Two starts, one of four letters or more; or one whole word, of a one-word name or long.
    let enough = |pieces: &[Piece]| match pieces {
        [] => false,
        [(len, whole)] => *whole && (one_word || *len >= 8),
        _ => pieces.iter().any(|p| p.0 >= 4),
    };
    // In order, or surname first.
    let in_order = |at: usize| name[at].as_str();
    let surname_first = |at: usize| name[if at == 0 { n - 1 } else { at - 1 }].as_str();
    let mut pieces = Vec::new();
    fits(h, &in_order, 0, n, &mut pieces, &enough) || !one_word && fits(h, &surname_first, 0, n, &mut pieces, &enough)
}

/// The letters and digits of a word, lower-cased.
fn letters(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// A piece of a handle: its length, and whether it was a whole word of the name.
type Piece = (usize, bool);

/// Whether `h` is the starts of some of the words `word(at..n)`, in order (the first of them
/// always), cut into pieces (length, whether a whole word) that `enough` accepts.
fn fits<'w>(
    h: &[char],
    word: &dyn Fn(usize) -> &'w str,
    at: usize,
    n: usize,
    pieces: &mut Vec<Piece>,
    enough: &dyn Fn(&[Piece]) -> bool,
) -> bool {
    if h.is_empty() {
        return enough(pieces);
    }
    if at == n {
        return false;
    }
    // How far the word and the handle start alike, and the word's length.
    let (mut common, mut len) = (0, 0);
    for c in letters(word(at)) {
        if common == len && h.get(len) == Some(&c) {
            common += 1;
        }
        len += 1;
    }
    for take in (1..=common).rev() {
        pieces.push((take, take == len));
        if fits(&h[take..], word, at + 1, n, pieces, enough) {
            return true;
        }
        pieces.pop();
    }
    // A word the handle leaves out (a middle name), once it has begun.
    !pieces.is_empty() && fits(h, word, at + 1, n, pieces, enough)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(name: &str) -> Vec<String> {
        name.split_whitespace().map(str::to_lowercase).collect()
    }

    #[test]
    fn a_profile_is_a_site_and_its_user() {
        let p = profile("https://github.com/AnnLee/").unwrap();
        assert_eq!(
            (p.key.as_str(), p.handle.as_deref()),
            ("github.com/annlee", Some("annlee"))
        );
        // X and Twitter are one site; `www.` and `m.` are no part of the host.
        assert_eq!(profile("https://x.com/annlee").unwrap().key, "twitter.com/annlee");
        assert_eq!(
            profile("http://mobile.twitter.com/annlee?lang=en").unwrap().key,
            "twitter.com/annlee"
        );
        assert_eq!(
            profile("https://www.linkedin.com/in/ann-lee-42/").unwrap().key,
            "linkedin.com/in/ann-lee-42"
        );
        assert_eq!(
            profile("https://fosstodon.org/@ann").unwrap().handle.as_deref(),
            Some("ann")
        );
        let member = profile("https://www.meetup.com/Some-Group/members/1234/").unwrap();
        assert_eq!((member.key.as_str(), member.handle), ("meetup.com/members/1234", None));
        // A homepage: the host; its name is a handle when it is the whole domain.
        let home = profile("https://annlee.dev").unwrap();
        assert_eq!(
            (home.key.as_str(), home.handle.as_deref()),
            ("annlee.dev", Some("annlee"))
        );
        assert_eq!(profile("https://blog.annlee.dev/").unwrap().handle, None);
        assert_eq!(
            profile("https://annlee.github.io/").unwrap().handle.as_deref(),
            Some("annlee")
        );
    }

    #[test]
    fn links_about_things_are_no_profiles() {
        for url in [
            "https://www.youtube.com/watch?v=abc",
            "https://github.com/orgs/acme",
            "https://github.com",
            "https://www.meetup.com/Some-Group/events/1/",
            "https://example.org/2020/05/notes/talk.html",
            "javascript:alert(1)",
            "/speakers/ann",
            "https://localhost/",
        ] {
            assert_eq!(profile(url), None, "{url}");
        }
    }

    #[test]
    fn slides_and_code_tell_who_made_them() {
        assert_eq!(
            material_handle("https://github.com/annlee/parser").as_deref(),
            Some("annlee")
        );
        assert_eq!(
            material_handle("https://www.slideshare.net/annl/fuzzing").as_deref(),
            Some("annl")
        );
        assert_eq!(
            material_handle("https://annlee.github.io/deck/").as_deref(),
            Some("annlee")
        );
        assert_eq!(material_handle("https://docs.python.org/3/library/ast.html"), None);
        assert_eq!(material_handle("https://annlee.dev/deck.pdf"), None);
        assert_eq!(material_handle("https://speakerdeck.com/player/abc123"), None);
        // A host of other letters, with no char boundary where "github.io" would start.
        assert_eq!(material_handle("https://日本語.jp/slides.pdf"), None);
        assert_eq!(material_handle("https://a.éééééx/deck"), None);
    }

    #[test]
    fn a_handle_spells_a_name_from_the_starts_of_its_words() {
        let ann = words("Ann Lee Marsh");
        for h in [
            "annmarsh", "amarsh", "marsha", "marshann", "annleemarsh", "ann_marsh", "AnnMarsh",
        ] {
            assert!(spells(h, &ann), "{h}");
        }
        // Too short, no start of four letters, letters the name does not start with, or
        // not from its first (or last) word.
        for h in ["annm", "annlm", "annxmarsh", "leeann"] {
            assert!(!spells(h, &ann), "{h}");
        }
        // One word: the whole of a one-word name, or a word long enough to be rare.
        assert!(spells("dorota", &words("Dorota")));
        assert!(!spells("dorot", &words("Dorota")));
        assert!(spells("kowalczyk", &words("Dorota Kowalczyk")));
        assert!(!spells("dorota", &words("Dorota Kowalczyk")));
    }
}
