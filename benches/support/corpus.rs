//! A deterministic synthetic corpus of Jekyll meetup reports, for benchmarks.
//!
//! Post `i` depends only on `i`, so any two runs (and any two machines) write the same
//! folder. Each post reports three to six sessions in one of the styles real reports use
//! (ordinal prose, an agenda list, a heading per talk, a table, a front-matter `talks:` list),
//! with names, topics, videos, slide links and the chatter around them, about 4 KB a post.

#![allow(dead_code)] // each user of this file needs a different part of it

use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: small, fast and good enough to vary text; no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Aarav", "Ananya", "Rohan", "Priya", "Kiran", "Meera", "Arjun", "Divya", "Farhan", "Leela", "Nisha", "Vikram",
    "Sunita", "Tarun", "Kavya", "Rekha", "Imran", "Fatima", "Joseph", "Shreya", "Gaurav", "Lakshmi", "Anil", "Ravi",
    "Asha", "Omar", "Lina", "Tomás", "Chen", "Yuki", "Ngozi", "Sven", "Elena", "Mateo", "Zara", "Hiro",
];
const LAST: &[&str] = &[
    "Sharma", "Iyer", "Menon", "Rao", "Krishnan", "Thomas", "Ali", "Verma", "Das", "Pillai", "Hegde", "Nair", "Mehta",
    "Bhat", "Raman", "Shaikh", "Kumar", "Teja", "Mathew", "Sethi", "Kulkarni", "Gupta", "Said", "Park", "Okafor",
    "Lindqvist", "Garcia", "Tanaka", "Wang", "Rossi",
];
const TOPIC_LEAD: &[&str] = &[
    "Introduction to", "Getting started with", "Deep dive into", "Lessons from", "Scaling", "Testing", "Profiling",
    "Debugging", "Building", "A tour of", "Practical", "Understanding", "Beyond the basics of", "Packaging",
    "Securing", "Type-checking", "Deploying", "Streaming with", "Visualising data with", "Automating",
];
const TOPIC: &[&str] = &[
    "asyncio",
    "Django REST Framework",
    "FastAPI",
    "pandas",
    "NumPy",
    "scikit-learn",
    "PyTorch",
    "Kubernetes",
    "Celery",
    "SQLAlchemy",
    "pytest",
    "Hypothesis",
    "mypy",
    "Cython",
    "Rust extensions",
    "the GIL",
    "generators",
    "decorators",
    "metaclasses",
    "descriptors",
    "context managers",
    "garbage collection",
    "the import system",
    "packaging with Poetry",
    "GraphQL",
    "WebSockets",
    "Airflow",
    "Kafka consumers",
    "Redis",
    "PostgreSQL",
    "time series",
    "geospatial data",
    "natural language processing",
    "computer vision",
    "reinforcement learning",
    "Jupyter notebooks",
    "data pipelines",
    "observability",
    "OpenTelemetry",
    "Flask",
    "Bottle",
    "MicroPython",
    "Raspberry Pi",
    "home automation",
    "CPython internals",
    "bytecode",
    "the walrus operator",
    "pattern matching",
];
const TOPIC_TAIL: &[&str] = &[
    "", "", "", " in production", " for beginners", " at scale", " the hard way", " in 30 minutes", " without tears",
    " on a budget", " for data teams",
];
const VENUES: &[&str] = &[
    "the Acme office in Koramangala",
    "a co-working space near Indiranagar",
    "the university auditorium",
    "a startup's terrace in HSR Layout",
    "the public library's seminar hall",
    "an online call",
];
const CHATTER: &[&str] = &[
    "The room was full well before the first session started, and a few people watched from the door.",
    "Questions ran long, so the organisers moved the break by fifteen minutes.",
    "Several attendees were at their first meetup and said they would come back next month.",
    "Snacks and tea were served between the sessions, and the hallway conversations went on for a while.",
    "The projector needed some coaxing, which gave everyone time to find a seat and a power socket.",
    "We thank everyone who volunteered to set up the chairs and the sound system.",
    "If you would like to speak at a future meetup, leave a comment on the event page.",
    "The slides and code shared by the speakers are linked below each session.",
];
const DETAIL: &[&str] = &[
    "started from first principles and built up to a working example",
    "compared three approaches and measured each of them on real data",
    "showed the mistakes the team made in the first year and how they fixed them",
    "live-coded a small service and deployed it during the talk",
    "walked through the standard library modules involved and their trade-offs",
    "answered questions about memory use, latency and testing strategy",
    "shared a checklist that the audience could take back to their projects",
    "explained the internals with diagrams and a few carefully chosen benchmarks",
];

/// A session in a synthetic post.
pub struct Session {
    pub title: String,
    pub speaker: String,
    pub video: Option<String>,
    pub slides: Option<String>,
}

fn video_id(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    (0..11).map(|_| ALPHABET[rng.below(64)] as char).collect()
}

fn session(rng: &mut Rng) -> Session {
    let title = format!("{} {}{}", rng.pick(TOPIC_LEAD), rng.pick(TOPIC), rng.pick(TOPIC_TAIL));
    let speaker = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let handle = speaker.to_lowercase().replace(' ', "");
    let video = (rng.below(3) > 0).then(|| format!("https://www.youtube.com/watch?v={}", video_id(rng)));
    let slides = (rng.below(2) == 0).then(|| match rng.below(3) {
        0 => format!("https://speakerdeck.com/{handle}/talk-{}", rng.below(1000)),
        1 => format!("https://github.com/{handle}/meetup-demo-{}", rng.below(1000)),
        _ => format!("https://slides.com/{handle}/deck-{}", rng.below(1000)),
    });
    Session {
        title,
        speaker,
        video,
        slides,
    }
}

fn chatter(rng: &mut Rng, out: &mut String, sentences: usize) {
    for _ in 0..sentences {
        out.push_str(rng.pick(CHATTER));
        out.push(' ');
    }
    out.push_str("\n\n");
}

const QUESTIONS: &[&str] = &[
    "Someone asked how this behaves under heavy load, which led to a long discussion about benchmarks.",
    "The audience wanted to know how it compares with the alternatives, and the answer was nuanced.",
    "A question about testing it in continuous integration took up the last ten minutes.",
    "People asked for the code, and the repository went up on the screen right away.",
    "One attendee shared a similar experience from their own company, which the speaker welcomed.",
];

fn describe(rng: &mut Rng, s: &Session, out: &mut String) {
    let first = s.speaker.split(' ').next().unwrap_or("The speaker");
    let _ = write!(
        out,
        "{first} {}. The speaker also {}. Later, {first} {}. {}",
        rng.pick(DETAIL),
        rng.pick(DETAIL),
        rng.pick(DETAIL),
        rng.pick(QUESTIONS)
    );
    if let Some(slides) = &s.slides {
        let _ = write!(out, " The slides are [here]({slides}).");
    }
    out.push_str("\n\n");
    if let Some(video) = &s.video {
        let id = &video[video.len() - 11..];
        let _ = write!(out, "[![video](https://img.youtube.com/vi/{id}/0.jpg)]({video})\n\n");
    }
}

const TAGS: &[&str] = &[
    "web", "data", "testing", "devops", "internals", "machine-learning", "beginners", "async", "packaging", "hardware",
];

const ORDINALS: &[&str] = &["first", "second", "third", "fourth", "fifth", "sixth"];

/// The text of post `i`, and the sessions it reports.
pub fn post(i: u64) -> (String, Vec<Session>) {
    let mut rng = Rng::new(i);
    let year = 2010 + (i / 12 % 16);
    let month = 1 + i % 12;
    let day = 1 + rng.below(28);
    let n = 3 + rng.below(4);
    let sessions: Vec<Session> = (0..n).map(|_| session(&mut rng)).collect();
    let style = rng.below(5);
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "---\nlayout: post\ntitle: \"Meetup {i}: {}\"\ndate: {year}-{month:02}-{day:02}\ntags: [meetup, {}]\n",
        sessions[0].title,
        rng.pick(TAGS)
    );
    if style == 4 {
        out.push_str("talks:\n");
        for s in &sessions {
            let _ = write!(out, "  - title: \"{}\"\n    speakers: [\"{}\"]\n", s.title, s.speaker);
            if let Some(v) = &s.video {
                let _ = writeln!(out, "    video: {v}");
            }
            if let Some(sl) = &s.slides {
                let _ = writeln!(out, "    slides: {sl}");
            }
        }
    }
    out.push_str("---\n\n");
    let _ = write!(
        out,
        "Our meetup number {i} took place at {}, with {} sessions and about {} people. ",
        rng.pick(VENUES),
        n,
        20 + rng.below(80)
    );
    chatter(&mut rng, &mut out, 5);
    match style {
        0 | 4 => {
            for (k, s) in sessions.iter().enumerate() {
                let _ = write!(
                    out,
                    "The *{}* talk was by {} on **{}**. ",
                    ORDINALS[k], s.speaker, s.title
                );
                describe(&mut rng, s, &mut out);
            }
        }
        1 => {
            out.push_str("**Agenda**\n\n");
            for (k, s) in sessions.iter().enumerate() {
                let _ = writeln!(out, "{}. {} - {}", k + 1, s.title, s.speaker);
            }
            out.push('\n');
            for s in &sessions {
                let _ = write!(out, "{} spoke about {}. ", s.speaker, s.title.to_lowercase());
                describe(&mut rng, s, &mut out);
            }
        }
        2 => {
            for s in &sessions {
                let _ = write!(out, "## {}\n\nThis session was presented by {}. ", s.title, s.speaker);
                describe(&mut rng, s, &mut out);
            }
        }
        _ => {
            out.push_str("| Talk | Speaker |\n|---|---|\n");
            for s in &sessions {
                let _ = writeln!(out, "| {} | {} |", s.title, s.speaker);
            }
            out.push('\n');
            for s in &sessions {
                describe(&mut rng, s, &mut out);
            }
        }
    }
    chatter(&mut rng, &mut out, 6);
    out.push_str("Thanks to all the speakers and to our hosts. See you at the next meetup!\n");
    (out, sessions)
}

/// The file name of post `i`, in a folder per year.
pub fn file_name(i: u64) -> String {
    let year = 2010 + (i / 12 % 16);
    let month = 1 + i % 12;
    format!("{year}/{year}-{month:02}-01-meetup-{i}.md")
}

/// Writes posts `0..n` under `dir`.
pub fn write(dir: &Path, n: u64) -> std::io::Result<u64> {
    let mut bytes = 0;
    for i in 0..n {
        let path = dir.join(file_name(i));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let (text, _) = post(i);
        bytes += text.len() as u64;
        std::fs::write(path, text)?;
    }
    Ok(bytes)
}
