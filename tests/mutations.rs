//! Mutation test: every real post we can read (the repo's own `posts/` and fixtures, and every
//! corpus in `../shared/corpus` when it is there), broken in the ways real files break, must
//! go through front matter, extraction, who-is-who and highlighting without a panic.
//!
//! Generated Markdown (tests/fuzz.rs) finds what its pieces can make; real posts carry the
//! shapes no one thought to generate, and cutting and shuffling them moves offsets across
//! those shapes. The mutations are seeded, so a failure names a mutant that can be made again.

mod util;

use std::path::{Path, PathBuf};

use talksearch::extract::{Presenters, extract_talks_knowing};
use talksearch::folder;
use talksearch::index::{NAME_ANALYZER, TEXT_ANALYZER, TalkIndex, talk_id};
use talksearch::people::roster::{Roster, TalkSpeakers};
use talksearch::post::parse_post;
use talksearch::search::highlight::Matcher;
use talksearch::site::Site;

/// Letters whose lower-case form has another length in bytes ('İ' 2 → 3, 'ẞ' 3 → 2, the Kelvin
/// sign 3 → 1, the Ohm sign 3 → 2), and others of two, three and four bytes, with a
/// combining accent and a ligature: what breaks offsets carried from one string to another.
const LETTERS: &[&str] = &["İ", "ẞ", "\u{212a}", "\u{2126}", "é", "ǅ", "😀", "ﬁ", "e\u{301}", "ß"];

/// A small deterministic generator (splitmix64): the same mutants on every run and machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// The post's text without its front matter (YAML `---`, TOML `+++`), or all of it.
fn without_front_matter(text: &str) -> Option<String> {
    for fence in ["---", "+++"] {
        if let Some(rest) = text.strip_prefix(fence)
            && let Some(end) = rest.find(&format!("\n{fence}"))
        {
            return Some(rest[end + 1 + fence.len()..].to_string());
        }
    }
    None
}

/// The text cut at `parts - 1` places spread over it, each on a char boundary.
fn truncations(text: &str, parts: usize) -> Vec<String> {
    let mut cuts: Vec<usize> = (1..parts)
        .map(|k| {
            let mut at = text.len() * k / parts;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        })
        .collect();
    cuts.dedup();
    cuts.into_iter().map(|at| text[..at].to_string()).collect()
}

/// A letter of [`LETTERS`] put at the start of every block and of every line, after any
/// heading, list or quote marker, so that each reader meets it where it looks first.
fn letters_at_block_starts(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        let marker = line.len() - line.trim_start_matches(['#', '-', '*', '+', '>', ' ', '|', '\t']).len();
        let marker = line[..marker].trim_end_matches(|c: char| c.is_ascii_digit()).len();
        out.push_str(&line[..marker]);
        if !line.trim().is_empty() {
            out.push_str(LETTERS[rng.below(LETTERS.len())]);
        }
        out.push_str(&line[marker..]);
    }
    out
}

/// A letter of [`LETTERS`] before every capitalised word: inside names and titles, where the
/// readers compare lower-cased words with the text.
fn letters_before_capitals(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut after_space = true;
    for c in text.chars() {
        if after_space && c.is_uppercase() {
            out.push_str(LETTERS[rng.below(LETTERS.len())]);
        }
        after_space = c.is_whitespace() || "([\"*_".contains(c);
        out.push(c);
    }
    out
}

/// Every mutant of `text`, each with the name of what was done to it.
/// Letters of [`LETTERS`] strewn through the host of every link, one after about every third
/// character of it, so that any byte offset into a host may fall inside a letter.
fn letters_in_hosts(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        out.push_str(&rest[..at + 3]);
        rest = &rest[at + 3..];
        let end = rest
            .find(|c: char| matches!(c, '/' | ')' | ']' | '"' | '\'' | '>' | '<') || c.is_whitespace())
            .unwrap_or(rest.len());
        for c in rest[..end].chars() {
            out.push(c);
            if rng.below(3) == 0 {
                out.push_str(LETTERS[rng.below(LETTERS.len())]);
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn mutants(text: &str, rng: &mut Rng) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (k, cut) in truncations(text, 13).into_iter().enumerate() {
        out.push((format!("cut {}/13", k + 1), cut));
    }
    let lines: Vec<&str> = text.lines().collect();
    out.push((
        "lines reversed".into(),
        lines.iter().rev().copied().collect::<Vec<_>>().join("\n"),
    ));
    for k in [2, 3, 5] {
        let kept: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| (i + 1) % k != 0)
            .map(|(_, l)| *l)
            .collect();
        out.push((format!("every {k}th line dropped"), kept.join("\n")));
    }
    let body = without_front_matter(text);
    if let Some(body) = &body {
        out.push(("front matter removed".into(), body.clone()));
    }
    let mut blocks: Vec<&str> = text.split("\n\n").collect();
    for round in 0..2 {
        rng.shuffle(&mut blocks);
        out.push((format!("blocks shuffled ({round})"), blocks.join("\n\n")));
    }
    let doubled = [
        ("**", "****"),
        ("*", "**"),
        ("_", "__"),
        ("[", "[["),
        ("](", "]]("),
        ("`", "``"),
        ("#", "##"),
        ("<", "<<"),
    ];
    for (from, to) in doubled {
        if text.contains(from) {
            out.push((format!("{from} doubled"), text.replace(from, to)));
        }
    }
    out.push(("letters at block starts".into(), letters_at_block_starts(text, rng)));
    out.push(("letters before capitals".into(), letters_before_capitals(text, rng)));
    // Typography of other editors and languages: no-break and other wide spaces where spaces
    // were (whitespace of more than one byte), CRLF line ends, curly quotes and dashes.
    let wide = ["\u{a0}", "\u{2009}", "\u{3000}"];
    let mut k = 0usize;
    let spaced: String = text
        .chars()
        .map(|c| {
            k += 1;
            if c == ' ' && k.is_multiple_of(3) {
                wide[rng.below(wide.len())].to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    out.push(("wide spaces".into(), spaced));
    out.push(("CRLF line ends".into(), text.replace('\n', "\r\n")));
    out.push((
        "curly quotes and dashes".into(),
        text.replace(" \"", " “")
            .replace("\" ", "” ")
            .replace(" - ", " – ")
            .replace("'", "’"),
    ));
    // Links to hosts of other letters (slides and profiles are read for who their owner is).
    if text.contains("://") {
        out.push(("letters in link hosts".into(), letters_in_hosts(text, rng)));
    }
    // The shapes together: letters in a post whose front matter is gone and whose lines are cut.
    let mixed = letters_before_capitals(body.as_deref().unwrap_or(text), rng);
    for (k, cut) in truncations(&mixed, 5).into_iter().enumerate() {
        out.push((format!("letters, no front matter, cut {}/5", k + 1), cut));
    }
    out
}

/// The posts to mutate: (a name to report, the post's path in its folder, its text).
fn sources(shared: Option<&Path>) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut folders: Vec<PathBuf> = vec![repo.join("posts")];
    if let Some(corpus) = shared {
        let mut groups: Vec<PathBuf> = std::fs::read_dir(corpus)
            .expect("corpus folder")
            .filter_map(|e| e.ok().map(|e| e.path().join("posts")))
            .filter(|p| p.is_dir())
            .collect();
        groups.sort();
        folders.extend(groups);
    }
    for dir in folders {
        for file in folder::list_posts(&dir).expect("posts folder").posts {
            let Ok(text) = std::fs::read_to_string(&file.abs) else {
                continue;
            };
            out.push((file.abs.display().to_string(), file.rel, text));
        }
    }
    out.push((
        "tests/util MAY_POST".into(),
        "2017-05-20-may-talks.md".into(),
        util::MAY_POST.into(),
    ));
    out
}

/// Everything that reads a post, run on one mutant: front matter, extraction (knowing the
/// presenters of the unmutated post, so that path runs too), highlighting of what it found,
/// and who-is-who over its talks.
fn read_all(rel: &str, text: &str, presenters: &Presenters, matcher: &mut Matcher, roster: &mut Roster) {
    // Not through folder::parse_post_bytes, whose boundary would catch what this test looks for.
    let Ok(post) = parse_post(rel, text, &Site::default()) else {
        return;
    };
    let found = extract_talks_knowing(&post, presenters);
    for talk in &found.talks {
        matcher.mark(&talk.title);
        matcher.snippet(&talk.description, 160);
        for s in &talk.speakers {
            matcher.mark(s);
        }
    }
    matcher.snippet(&found.rest, 160);
    matcher.snippet(&post.body, 40);
    let talks = found
        .talks
        .iter()
        .map(|t| TalkSpeakers::of(talk_id(rel, t.position), None, t))
        .collect();
    roster.set(rel, talks);
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "(no message)".into())
}

#[test]
fn no_mutant_of_a_real_post_panics() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let shared = shared.is_dir().then_some(shared.as_path());
    if shared.is_none() {
        println!("../shared/corpus not found: mutating only the repo's own posts and fixtures");
    }
    let index = TalkIndex::in_memory().expect("index");
    let tokenizers = index.tantivy().tokenizers();
    // A fixed seed, so a failure names a mutant that can be made again; `MUTATION_SEED=N` makes
    // other mutants for a longer look.
    let seed = std::env::var("MUTATION_SEED").ok().and_then(|s| s.parse().ok());
    let mut rng = Rng(seed.unwrap_or(0x007a_1c5e_a5c4));
    let mut failures: Vec<String> = Vec::new();
    let mut count = 0usize;
    // The panics are collected, not printed one by one: the hook would print each.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for (name, rel, text) in sources(shared) {
        let presenters = {
            match parse_post(&rel, &text, &Site::default()) {
                Ok(post) => std::panic::catch_unwind(|| {
                    Presenters::of(&extract_talks_knowing(&post, &Presenters::default()).talks)
                })
                .unwrap_or_default(),
                Err(_) => Presenters::default(),
            }
        };
        // The query words: a few of the post's own words, and a prefix being typed.
        let words: Vec<String> = text
            .split_whitespace()
            .filter(|w| w.chars().count() > 3)
            .step_by(17)
            .take(6)
            .map(str::to_string)
            .chain(LETTERS.iter().map(|l| l.to_string()))
            .collect();
        let prefix = words.first().cloned();
        let mut matcher = Matcher::new(
            tokenizers.get(TEXT_ANALYZER).expect("analyzer"),
            tokenizers.get(NAME_ANALYZER).expect("analyzer"),
            &words,
            prefix.as_deref(),
        );
        let mut roster = Roster::default();
        let mut all = vec![("as it is".to_string(), text.clone())];
        all.extend(mutants(&text, &mut rng));
        for (k, (what, mutant)) in all.iter().enumerate() {
            count += 1;
            let at = format!("{k}-{rel}");
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                read_all(&at, mutant, &presenters, &mut matcher, &mut roster);
            }));
            if let Err(payload) = result {
                failures.push(format!("{name} ({what}): {}", panic_message(&*payload)));
            }
        }
        if let Err(payload) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| roster.directory())) {
            failures.push(format!(
                "{name} (who is who over its mutants): {}",
                panic_message(&*payload)
            ));
        }
    }
    std::panic::set_hook(hook);
    println!("{count} mutants read, {} panicked", failures.len());
    assert!(
        failures.is_empty(),
        "{} of {count} mutants panicked:\n{}",
        failures.len(),
        failures.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}
