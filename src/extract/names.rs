//! Telling a person's name from other text, and cleaning names the way authors write them
//! (`[Kracekumar][]`, `Anand's`, `Naveen of VMware`, `M.Tech student Janaki`).

/// Capitalised words that start sentences or name things, not people. A run of capitalised
/// words that contains one of these is not taken as a name.
const NOT_NAME_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tonight", "tomorrow", "a",
    "about", "after", "agenda", "all", "also", "am", "an", "and", "another", "api", "at", "beginner", "beginners",
    "break", "but", "by", "closing", "code", "coffee", "data", "demo", "during", "each", "every", "final", "finally",
    "first", "for", "from", "fifth", "fourth", "he", "her", "here", "his", "how", "i", "in", "intermediate",
    "introduction", "intro", "it", "its", "last", "later", "level", "lightning", "lunch", "meetup", "minutes", "my",
    "next", "on", "one", "open", "our", "panel", "part", "pm", "presentation", "python", "q&a", "remarks", "second",
    "session", "sessions", "she", "since", "sixth", "slides", "so", "some", "talk", "talks", "tea", "that", "the",
    "their", "then", "there", "these", "they", "third", "this", "those", "to", "today", "towards", "tutorial", "two",
    "using", "video", "videos", "we", "welcome", "what", "when", "where", "which", "while", "who", "why", "with",
    "workshop", "workshops", "you", "your", "science", "learning", "web", "django", "flask", "introducing",
    "installation", "install", "venue", "address", "date", "time", "thanks", "thank", "sponsor", "sponsors", "hosted",
    "host", "photos", "pics", "pictures", "registration", "networking", "keynote", "schedule", "topic", "topics",
    "speaker", "speakers", "track", "online", "offline", "remote", "virtual", "coordinator", "volunteer", "volunteers",
    "organizer", "organiser", "organizers", "organisers", "team", "community", "sometimes", "often", "usually",
    "always", "never", "occasionally", "generally", "everyone", "everybody", "someone", "anyone", "people",
    "participants", "attendees", "audience", "folks", "members", "twitter", "linkedin", "github", "gitlab", "facebook",
    "website", "blog", "homepage", "mastodon", "youtube", "slideshare", "speakerdeck", "instagram", "photo", "group",
    "image", "picture", "screenshot", "slide", "banner", "logo", "poster", "further", "moreover", "additionally",
    "meanwhile", "afterwards", "lastly", "subsequently", "however",
];

/// Whether `lower` is one of [`NOT_NAME_WORDS`]: asked of every capitalised pair of words the
/// model reads, so the list is searched sorted rather than word by word.
fn is_not_name_word(lower: &str) -> bool {
    static SORTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    SORTED
        .get_or_init(|| {
            let mut words = NOT_NAME_WORDS.to_vec();
            words.sort_unstable();
            words.dedup();
            words
        })
        .binary_search(&lower)
        .is_ok()
}

/// Lower-case words allowed inside a name ("Vincent van Gogh", "Abdul bin Ali").
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "da", "del", "der", "bin", "binti", "al", "la", "le", "di",
];

/// Whether `s` reads as one person's name: one to five words, each capitalised (or an initial,
/// or a particle), with no digits and none of the words that start sentences or name things.
pub fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    // "(MUD)", "(TDT)": a word in capitals alone is an acronym.
    if words.len() == 1
        && words[0].chars().filter(|c| c.is_alphabetic()).count() >= 2
        && words[0].chars().all(|c| !c.is_lowercase())
    {
        return false;
    }
    let mut capitalised = 0;
    for (i, w) in words.iter().enumerate() {
        let bare = w.trim_matches(|c: char| c == '.' || c == ',');
        if bare.is_empty() {
            return false;
        }
        let lower = bare.to_lowercase();
        // "We're", "They'll", "Don't": a contraction is a pronoun or a verb, not a name.
        if let Some((stem, end)) = lower.rsplit_once(['\'', '’'])
            && (["re", "ll", "ve", "m", "d", "t"].contains(&end) || is_not_name_word(stem))
        {
            return false;
        }
        if is_not_name_word(&lower) {
            return false;
        }
        if bare
            .chars()
            .any(|c| c.is_ascii_digit() || "()[]{}<>/\\:;!?\"=*#@_".contains(c))
        {
            return false;
        }
        let first = bare.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            capitalised += 1;
        } else if !(i > 0 && NAME_PARTICLES.contains(&bare)) {
            return false;
        }
    }
    capitalised > 0
}

/// Whether `s` is a social-network handle ("@ada_l"): where a handle is all a post gives, the
/// handle is the presenter's name.
pub fn is_handle(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('@') else {
        return false;
    };
    (1..=30).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// When `handle` is a handle and `name` a written name, whether the handle is made of that
/// name the ways people make them ("@fnichol", "@fletchern", "@fletchernichol", "@nichol" for
/// Fletcher Nichol); `None` when `handle` is no handle or `name` is one too.
pub fn handle_of(handle: &str, name: &str) -> Option<bool> {
    if !is_handle(handle) || is_handle(name) {
        return None;
    }
    let h: String = handle[1..]
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(char::is_ascii_alphabetic)
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return Some(false);
    };
    if words.len() < 2 {
        return Some(h == *first);
    }
    let initial = &first[..1];
    let forms = [
        words.concat(),
        format!("{initial}{last}"),
        format!("{first}{}", &last[..1]),
        format!("{first}{last}"),
        last.clone(),
    ];
    Some(h.len() >= 4 && forms.contains(&h))
}

/// A name or a handle: who can present a session.
pub fn looks_like_person(s: &str) -> bool {
    looks_like_name(s) || is_handle(s.trim())
}

/// Cleans one name as written in a post: link brackets, possessives, titles, affiliations
/// ("of VMware", "from Visa", "(VISA)", ", engineer at X") and job descriptions before it
/// ("M.Tech student Janaki" → "Janaki").
pub fn clean_name(raw: &str) -> String {
    let mut s = raw.trim().trim_start_matches('[').to_string();
    for end in ["][]", "]", "[]"] {
        if let Some(stripped) = s.strip_suffix(end) {
            s = stripped.to_string();
        }
    }
    // Affiliations and asides.
    if let Some(at) = s.find(['(', ',', '|']) {
        s.truncate(at);
    }
    for sep in [" of ", " from ", " at ", " - ", " – ", " — ", " who ", " with "] {
        if let Some(at) = s.find(sep) {
            s.truncate(at);
        }
    }
    let mut s = s.trim().trim_end_matches(['.', ':', ';', '\'', '’']).trim().to_string();
    for suffix in ["'s", "’s", "'"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped.trim().to_string();
        }
    }
    // Honorifics and job words before the name: keep the capitalised run at the end.
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut start = words.len();
    while start > 0 {
        let w = words[start - 1];
        let lower = w.trim_end_matches('.').to_lowercase();
        let honorific = matches!(
            lower.as_str(),
            "mr" | "mrs" | "ms" | "mx" | "miss" | "dr" | "doctor" | "prof" | "professor"
        );
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let particle = NAME_PARTICLES.contains(&w) && start < words.len();
        if honorific || !(capital || particle) || w.contains('.') && w.len() > 2 && !is_initials(w) {
            break;
        }
        start -= 1;
    }
    let name = words[start..].join(" ");
    if name.is_empty() { s } else { name }
}

/// "B." or "K.V." style initials.
fn is_initials(w: &str) -> bool {
    w.split('.')
        .filter(|p| !p.is_empty())
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// Splits "Bargava and Ragotham", "A, B & C" into names, cleaning each.
pub fn split_names(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let s = s.replace(" & ", " and ").replace(", and ", " and ");
    for part in s.split(" and ").flat_map(|p| p.split(", ")) {
        let name = clean_name(part);
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The fuller form of a one-word name that `texts` give, when they give exactly one: "Aman"
/// is "Aman Gupta" in a post titled "An evening with Aman Gupta". A surname is one or two
/// capitalised words right after the name; a gerund is none ("Aman Explaining" under a photo).
pub fn fuller_form<'a>(short: &str, texts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    if short.contains(' ') || is_handle(short) || short.is_empty() {
        return None;
    }
    let mut found: Option<String> = None;
    for text in texts {
        for (at, _) in text.match_indices(short) {
            let before_ok = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let Some(rest) = text[at + short.len()..].strip_prefix(' ') else {
                continue;
            };
            if !before_ok {
                continue;
            }
            let surname: Vec<&str> = rest
                .split(' ')
                .take(2)
                .map(|w| w.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']))
                .take_while(|w| {
                    w.starts_with(char::is_uppercase)
                        && w.chars().all(|c| c.is_alphabetic() || "'’-".contains(c))
                        && !w.ends_with("ing")
                })
                .collect();
            // A second word is part of the name only where the first did not end a clause.
            let words = if surname.len() == 2 && rest.split(' ').next().is_some_and(|w| w.ends_with([',', '.'])) {
                &surname[..1]
            } else {
                &surname[..]
            };
            let Some(full) = (1..=words.len())
                .rev()
                .map(|n| format!("{short} {}", words[..n].join(" ")))
                .find(|f| looks_like_name(f))
            else {
                continue;
            };
            match &found {
                None => found = Some(full),
                Some(f) if *f == full || f.starts_with(&format!("{full} ")) => {}
                Some(f) if full.starts_with(&format!("{f} ")) => found = Some(full),
                Some(_) => return None,
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_not_names() {
        for n in [
            "Kracekumar", "Rivas Hameed", "Anand B Pillai", "Haris Ibrahim K. V.", "Vincent van Gogh",
        ] {
            assert!(looks_like_name(n), "{n}");
        }
        for n in [
            "Introduction to IPython",
            "The talk",
            "Python 3",
            "Data Science",
            "",
            "garbage collector",
            "Lunch",
            "We're",
            "MUD",
            "They’ll",
        ] {
            assert!(!looks_like_name(n), "{n}");
        }
    }

    #[test]
    fn handles_are_people_too() {
        for h in ["@ada_l", "@Tom42"] {
            assert!(looks_like_person(h) && !looks_like_name(h), "{h}");
        }
        for h in ["@", "@two words", "ada@example.org", "@a-b"] {
            assert!(!looks_like_person(h), "{h}");
        }
    }

    #[test]
    fn a_handle_made_of_a_name_is_that_person() {
        assert_eq!(handle_of("@inord", "Ida Nord"), Some(true));
        assert_eq!(handle_of("@idanord", "Ida Nord"), Some(true));
        assert_eq!(handle_of("@ida_n", "Ida Nord"), Some(true));
        assert_eq!(handle_of("@tomb", "Ida Nord"), Some(false));
        assert_eq!(handle_of("Ida Nord", "@inord"), None);
    }

    #[test]
    fn cleaning_strips_markup_possessives_and_affiliations() {
        assert_eq!(clean_name("[Kracekumar][]"), "Kracekumar");
        assert_eq!(clean_name("Anand's"), "Anand");
        assert_eq!(clean_name("Naveen Sivanandam of VM Ware"), "Naveen Sivanandam");
        assert_eq!(clean_name("Kartik (VISA)"), "Kartik");
        assert_eq!(clean_name("Ritesh - Software Engineer at Cyware"), "Ritesh");
        assert_eq!(clean_name("M.Tech student Janaki"), "Janaki");
        assert_eq!(clean_name("Dr. Rivas Hameed"), "Rivas Hameed");
        assert_eq!(clean_name("Professor Ila Varga"), "Ila Varga");
        assert_eq!(clean_name("Haris Ibrahim K. V."), "Haris Ibrahim K. V");
    }

    #[test]
    fn several_speakers() {
        assert_eq!(split_names("Bargava and Ragotham"), vec!["Bargava", "Ragotham"]);
        assert_eq!(split_names("A, B & C"), vec!["A", "B", "C"]);
        assert_eq!(
            split_names("Bhupendra Singh and Veerabahu Subramanian"),
            vec!["Bhupendra Singh", "Veerabahu Subramanian"]
        );
    }

    #[test]
    fn a_first_name_is_the_one_full_name_the_post_gives() {
        let texts = [
            "An evening with Ida Lund",
            "Ida walked us through arenas. Ida Explaining arenas",
        ];
        assert_eq!(fuller_form("Ida", texts).as_deref(), Some("Ida Lund"));
        // Two people share the first name: it stays as written.
        let two = ["Ida Lund and Ida Berg spoke.", "Ida showed a fuzzer."];
        assert_eq!(fuller_form("Ida", two), None);
        // A clause that ends after the name; a word that only starts with it.
        assert_eq!(fuller_form("Ida", ["Thanks, Ida. The Hall was full."]), None);
        assert_eq!(fuller_form("Ida", ["Idaho Falls"]), None);
        assert_eq!(fuller_form("Ida Lund", ["Ida Lund Berg"]), None);
    }
}
