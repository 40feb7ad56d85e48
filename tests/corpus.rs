//! Extraction measured on the real posts in `../shared/corpus` (when that folder exists) with
//! the project's scorer. On a fresh clone without `../shared`, the test says so and passes.

mod util;

use std::path::Path;
use std::process::Command;

/// The targets of talk extraction on every corpus of `../shared/corpus`: talk F1 on each and
/// pooled, speaker and video agreement on each, and the seed blog's F1.
const MIN_TALKS_F1: f64 = 0.85;
const MIN_POOLED_F1: f64 = 0.90;
const MIN_SEED_F1: f64 = 0.93;
const SEED: &str = "bangpypers";
const MIN_SPEAKER: f64 = 0.90;
const MIN_VIDEO: f64 = 0.95;

/// Corpora that have not reached the targets yet, with the floor they stand at now (talk F1,
/// speaker, video): a change may raise these, never lower them without saying why in its
/// commit. Set when the learnt model became the extractor (issue 36), and again when it learnt
/// to take a session it reads no presenter in, to read HTML blocks and a heading's section,
/// and to give the front matter's people to the sessions of the body (in-sample talks F1
/// pooled 0.732 to 0.826). Then the speaker agreements fell on most corpora, as the many
/// sessions matched anew are those whose presenter is hardest to read (jugda's 1 to 0.458:
/// 4 of 4 matched sessions then, 11 of 24 now). Every other talks F1 rose, but bangpypers'
/// fell from 0.877 to 0.867; rubyslovenia's video agreement fell from 0.667 to 0.5 (a recap's
/// sentence taken with every video of the paragraphs under it).
/// Set again when the model learnt who presents from the people named near a session (a card,
/// a bio) and to read a title written after its presenter: leave one blog out rose (talks F1
/// 0.729 to 0.740, with the presenter 0.627 to 0.660), in sample pooled held at 0.826. Talks
/// F1 rose on pdxnode, pugssg, rubyslovenia, jugda, meetjskatowice, pythongrenoble,
/// toulousejug and wajug, and fell on bangpypers (0.867 to 0.859), dockerblr (0.725 to 0.709),
/// jhug (0.792 to 0.76), austinjs (0.786 to 0.746), ilugc (0.675 to 0.651) and pythoncdmx
/// (0.945 to 0.909). Speaker agreement rose on jugda, viennarb, pythoncdmx, pythongrenoble and
/// held elsewhere but for pdxnode (0.545 to 0.5), pugssg (0.875 to 0.84), rubyslovenia (0.963
/// to 0.929), ilugc (0.923 to 0.889), owaspnl (0.769 to 0.808, up) and toulousejug (0.821 to
/// 0.742), where more sessions are matched whose presenter is harder to read.
/// Set again when the model learnt what comes back from post to post (a text the blog's other
/// posts have too, a title named as the blog names every evening), what a reader's proposal
/// says of itself (whether its presenters are named as people are) and "by" as one word in
/// every language, with thresholds chosen on a smoothed surface: leave one blog out rose
/// (talks F1 0.741 to 0.754, with the presenter 0.662 to 0.678; the mean over the blogs 0.694
/// to 0.723), in sample pooled went from 0.826 to 0.825. Talks F1 rose on eight blogs
/// (dockerblr 0.709 to 0.748, meetjskatowice 0.774 to 0.806, pythoncdmx 0.909 to 0.945,
/// pythongrenoble 0.794 to 0.847, …) and fell on austinjs (0.746 to 0.724), jugda (0.73 to
/// 0.72), owaspnl (0.897 to 0.867), pdxnode (0.565 to 0.5), pugssg (0.847 to 0.814),
/// toulousejug (0.697 to 0.627), viennarb (0.8 to 0.746) and wajug (0.718 to 0.651), where the
/// thresholds chosen on held-out blogs take fewer sessions read with no presenter than the
/// model trained on every blog would read well; each still reads its blog better than leave
/// one blog out does. Speaker agreement rose on toulousejug (0.742 to 0.885), pdxnode (0.5 to
/// 0.7), viennarb and pythoncdmx, and fell on austinjs (0.909 to 0.81) and jugda (0.462 to
/// 0.333); rubyslovenia's video agreement fell from 0.5 to 0.4.
/// A corpus without videos, or without a matched talk, scores agreement 0.
const NOT_YET: &[(&str, f64, f64, f64)] = &[
    ("bangpypers", 0.865, 0.993, 1.0),
    ("dockerblr", 0.748, 0.922, 0.0),
    ("jhug", 0.784, 0.737, 1.0),
    ("pdxnode", 0.5, 0.7, 0.0),
    ("pugssg", 0.814, 0.833, 0.667),
    ("rubyslovenia", 0.645, 0.933, 0.4),
    ("viennarb", 0.746, 0.958, 0.0),
    ("austinjs", 0.724, 0.81, 0.0),
    ("chicagolang", 0.833, 1.0, 0.0),
    ("ilugc", 0.659, 0.897, 0.0),
    ("jugda", 0.72, 0.333, 1.0),
    ("meetjskatowice", 0.806, 1.0, 0.0),
    ("owaspnl", 0.867, 0.846, 0.85),
    ("pythoncdmx", 0.945, 0.846, 1.0),
    ("pythongrenoble", 0.847, 0.72, 0.0),
    ("pythonlodz", 1.0, 0.9, 0.0),
    ("toulousejug", 0.627, 0.885, 0.0),
    ("wajug", 0.651, 0.923, 0.0),
];

/// The pooled talk F1 while some corpora are [`NOT_YET`] at their targets: a floor that only
/// rises, until it is [`MIN_POOLED_F1`] (0.826 to 0.825 once, when leave one blog out rose
/// by 0.013: see [`NOT_YET`]).
const POOLED_FLOOR: f64 = 0.825;

/// Leave one blog out, the figure of merit of learnt extraction ([`talksearch::learn`]): the
/// model trained on all corpora but one, scored on that one, pooled over all twenty-three. A
/// floor that only rises, toward issue 36's target of 0.80; the readers alone pool 0.663 on
/// the same blogs, six of which they were written against.
const LOBO_POOLED_FLOOR: f64 = 0.75;

/// The figure that follows `label` on the report line that starts with `line`
/// ("talks   precision 0.93  recall 0.96  F1 0.95": line "talks", label "F1").
fn figure(report: &str, line: &str, label: &str) -> f64 {
    let row = report
        .lines()
        .find(|l| l.starts_with(line))
        .unwrap_or_else(|| panic!("no '{line}' line in:\n{report}"));
    let words: Vec<&str> = row.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| *w == label)
        .unwrap_or_else(|| panic!("no '{label}' in '{row}'"));
    words[at + 1..]
        .iter()
        .find_map(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no figure after '{label}' in '{row}'"))
}

/// The report of a scorer run on `args`, or `None` (said) when python3 is not available.
fn score(scorer: &Path, args: &[&Path]) -> Option<String> {
    let scored = match Command::new("python3").arg(scorer).args(args).output() {
        Ok(o) => o,
        Err(e) => {
            println!("skipped scoring: python3 is not available ({e})");
            return None;
        }
    };
    let report = String::from_utf8_lossy(&scored.stdout).into_owned();
    assert!(scored.status.success(), "the scorer failed on {args:?}:\n{report}");
    Some(report)
}

/// Every corpus of `../shared/corpus` with posts and a gold.json, by name.
fn corpora(shared: &Path) -> Vec<(String, std::path::PathBuf)> {
    let mut out: Vec<(String, std::path::PathBuf)> = std::fs::read_dir(shared.join("corpus"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.join("posts").is_dir() && p.join("gold.json").is_file())
                .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// What `extract --jsonl` gives for a corpus's posts, and the file in `dir` it is written to.
fn extracted(name: &str, corpus: &Path, dir: &Path) -> (String, std::path::PathBuf) {
    let out = util::run(
        &["extract", "--jsonl", corpus.join("posts").to_str().unwrap()],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert!(
        out.status.success(),
        "extract failed on {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pred = dir.join(format!("{name}.jsonl"));
    std::fs::write(&pred, &out.stdout).unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), pred)
}

#[test]
fn extraction_scores_on_the_shared_corpus() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let scorer = shared.join("eval/score_extraction.py");
    let corpora = corpora(&shared);
    if corpora.is_empty() || !scorer.is_file() {
        println!("skipped: ../shared/corpus is not here (a fresh clone); nothing to score");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (mut gold, mut predicted, mut matched) = (0.0, 0.0, 0.0);
    let mut failures = Vec::new();
    for (name, corpus) in &corpora {
        let (_, pred) = extracted(name, corpus, dir.path());
        let Some(report) = score(&scorer, &[&corpus.join("gold.json"), &pred]) else {
            return;
        };
        println!(
            "{name}:
{report}"
        );
        gold += figure(&report, "posts", "talks");
        predicted += figure(&report, "posts", "predicted");
        matched += figure(&report, "posts", "matched");
        let (min_f1, min_speaker, min_video) = NOT_YET
            .iter()
            .find(|(n, ..)| n == name)
            .map(|&(_, f, s, v)| (f, s, v))
            .unwrap_or((
                if name == SEED { MIN_SEED_F1 } else { MIN_TALKS_F1 },
                MIN_SPEAKER,
                MIN_VIDEO,
            ));
        let checks = [
            ("talks F1", figure(&report, "talks", "F1"), min_f1),
            ("speaker agreement", figure(&report, "speaker", "="), min_speaker),
            ("video agreement", figure(&report, "video", "="), min_video),
        ];
        for (what, got, min) in checks {
            if got < min {
                failures.push(format!("{name}: {what} {got} is below {min}"));
            }
        }
    }
    let (p, r) = (matched / predicted, matched / gold);
    let pooled = 2.0 * p * r / (p + r);
    println!("pooled: precision {p:.3} recall {r:.3} F1 {pooled:.3}");
    let min_pooled = if NOT_YET.is_empty() {
        MIN_POOLED_F1
    } else {
        POOLED_FLOOR
    };
    if corpora.len() > 1 && (pooled * 1000.0).round() / 1000.0 < min_pooled {
        failures.push(format!("pooled talks F1 {pooled:.3} is below {min_pooled}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Learnt extraction scored on blogs it did not learn from: for each corpus, a model trained
/// on the others reads it; the pooled talk F1 holds [`LOBO_POOLED_FLOOR`].
#[test]
fn leave_one_blog_out_holds_its_floor() {
    use talksearch::learn::score::Tally;
    use talksearch::learn::train;
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let corpora = corpora(&shared);
    if corpora.len() < 2 {
        println!("skipped: ../shared/corpus is not here (a fresh clone); no blogs to leave out");
        return;
    }
    let blogs: Vec<train::BlogData> = corpora.iter().map(|(_, dir)| train::read_blog(dir).unwrap()).collect();
    let mut pooled = Tally::default();
    let all: Vec<usize> = (0..blogs.len()).collect();
    let models = train::leave_out(&blogs, &all, false, &train::Settings::default()).unwrap();
    for (blog, model) in blogs.iter().zip(&models) {
        let t = train::score_blog(model, blog);
        println!(
            "left out {:<14} F1 {:.3}  speakers {:.3}",
            blog.name,
            t.f1(),
            t.speaker_agreement()
        );
        pooled += t;
    }
    println!("pooled F1 {:.3}", pooled.f1());
    assert!(
        pooled.f1() >= LOBO_POOLED_FLOOR,
        "leave-one-blog-out pooled F1 {:.3} is below its floor {LOBO_POOLED_FLOOR}",
        pooled.f1()
    );
}

/// The library's scorer ([`talksearch::learn::score`]) counts what `score_extraction.py` counts,
/// on the same predictions of every corpus: training and leave-one-blog-out runs report the
/// project's figures.
#[test]
fn the_library_scorer_counts_as_the_project_scorer_does() {
    use talksearch::learn::score::{GoldPost, Session, Tally, score_post};
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let scorer = shared.join("eval/score_extraction.py");
    let corpora = corpora(&shared);
    if corpora.is_empty() || !scorer.is_file() {
        println!("skipped: ../shared/corpus is not here (a fresh clone); nothing to compare");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, corpus) in &corpora {
        let (lines, pred) = extracted(name, corpus, dir.path());
        let Some(report) = score(&scorer, &[&corpus.join("gold.json"), &pred]) else {
            return;
        };
        let predicted: Vec<(String, Vec<Session>)> = lines
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let talks = serde_json::from_value(v["talks"].clone()).unwrap();
                (v["post"].as_str().unwrap().to_string(), talks)
            })
            .collect();
        let gold: Vec<GoldPost> =
            serde_json::from_str(&std::fs::read_to_string(corpus.join("gold.json")).unwrap()).unwrap();
        let mut tally = Tally::default();
        for post in &gold {
            // The scorer's lookup: the same path, or one with a folder more on either side.
            let found = predicted
                .iter()
                .find(|(p, _)| *p == post.post)
                .or_else(|| {
                    predicted
                        .iter()
                        .find(|(p, _)| p.ends_with(&format!("/{}", post.post)) || post.post.ends_with(&format!("/{p}")))
                })
                .map_or(&[][..], |(_, talks)| &talks[..]);
            tally += score_post(&post.talks, found);
        }
        let line = |what: &str| {
            report
                .lines()
                .find(|l| l.starts_with(what))
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(
            line("posts").split_whitespace().skip(2).collect::<Vec<_>>().join(" "),
            format!(
                "gold talks {}  predicted {}  matched {}",
                tally.gold, tally.predicted, tally.matched
            )
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
            "{name}"
        );
        assert!(
            line("speaker").contains(&format!("{}/{}", tally.speaker_agreed, tally.speaker_labelled)),
            "{name}: {} against {tally:?}",
            line("speaker")
        );
        assert!(
            line("video").contains(&format!("{}/{}", tally.video_agreed, tally.video_labelled)),
            "{name}: {} against {tally:?}",
            line("video")
        );
        assert!(
            line("full").contains(&format!("{:.3}", tally.full_f1())),
            "{name}: {}",
            line("full")
        );
    }
}

/// Speakers as people: B-cubed precision and F1 of the speaker entries on each corpus whose
/// mentions are grouped into persons (`speakers.json`). Two people in one entry is the worse
/// error, so precision has its own floor.
const MIN_PEOPLE_PRECISION: f64 = 0.98;
const MIN_PEOPLE_F1: f64 = 0.97;

/// Corpora whose people are not at the targets yet, with the floor they stand at now
/// (precision, F1): the whole seed blog, since ../shared holds all 73 of its posts.
const PEOPLE_NOT_YET: &[(&str, f64, f64)] = &[("bangpypers", 0.985, 0.967)];

#[test]
fn speakers_are_grouped_into_people() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let scorer = shared.join("eval/score_speakers.py");
    let grouped: Vec<_> = corpora(&shared)
        .into_iter()
        .filter(|(_, c)| c.join("speakers.json").is_file())
        .collect();
    if grouped.is_empty() || !scorer.is_file() {
        println!("skipped: no corpus of ../shared groups its speakers (a fresh clone); nothing to score");
        return;
    }
    let bin = util::binary();
    let mut failures = Vec::new();
    for (name, corpus) in &grouped {
        let args = [
            bin.as_path(),
            &corpus.join("posts"),
            &corpus.join("gold.json"),
            Path::new("--people"),
            &corpus.join("speakers.json"),
        ];
        let Some(report) = score(&scorer, &args) else {
            return;
        };
        println!("{name}: {report}");
        let (p, r) = (
            figure(&report, "mentions", "precision"),
            figure(&report, "mentions", "recall"),
        );
        let f1 = figure(&report, "mentions", "F1");
        let (min_p, min_f1) = PEOPLE_NOT_YET
            .iter()
            .find(|(n, ..)| n == name)
            .map_or((MIN_PEOPLE_PRECISION, MIN_PEOPLE_F1), |&(_, p, f)| (p, f));
        if p < min_p {
            failures.push(format!("{name}: people precision {p} is below {min_p}"));
        }
        if f1 < min_f1 {
            failures.push(format!("{name}: people F1 {f1} (recall {r}) is below {min_f1}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Talk-level search targets: MRR@10 of the judged queries on each corpus, and on the seed
/// blog also success@3 and MRR@10 with typos.
const MIN_MRR: f64 = 0.85;
const MIN_SEED_MRR: f64 = 0.92;
const MIN_SEED_SUCCESS_AT_3: f64 = 0.95;
const MIN_SEED_TYPO_MRR: f64 = 0.90;

/// Query files not at the targets yet, with the floor they stand at now (MRR@10, success@3):
/// the corpora added to ../shared and the whole seed blog, at the figures they had when the
/// learnt model read HTML blocks and took sessions with no presenter read (issue 36): every
/// figure held or rose (owaspnl 0.134 to 0.754, pythonlodz 0 to 0.7, pythongrenoble to its
/// target), but yegrb's, at its target before, went from 0.85 to 0.849 as its talks are read
/// less well in sample (F1 0.974 to 0.950). When the model learnt who presents from the people
/// named near a session, seven rose (ilugc 0.587 to 0.623, meetjskatowice 0.543 to 0.595,
/// toulousejug 0.498 to 0.528, …) and three fell with their talks F1: pythoncdmx 0.832 to 0.796,
/// austinjs 0.681 to 0.678, dockerblr 0.656 to 0.655. When it learnt what comes back from
/// post to post (see [`NOT_YET`]), four rose (ilugc 0.623 to 0.661, pythoncdmx 0.796 to
/// 0.849, dockerblr 0.655 to 0.676, rubyslovenia 0.615 to 0.635) and ten fell with their
/// talks F1 in sample, most on pdxnode (0.429 to 0.377), toulousejug (0.528 to 0.474) and
/// viennarb (0.679 to 0.624); bangpypers' went from 0.855 to 0.852.
const SEARCH_NOT_YET: &[(&str, &str, f64, f64)] = &[
    ("bangpypers", "queries.json", 0.852, 0.886),
    ("bangpypers", "queries-typo.json", 0.843, 0.0),
    ("dockerblr", "queries.json", 0.676, 0.0),
    ("jhug", "queries.json", 0.833, 0.0),
    ("pdxnode", "queries.json", 0.377, 0.0),
    ("pugssg", "queries.json", 0.746, 0.0),
    ("rubyslovenia", "queries.json", 0.635, 0.0),
    ("viennarb", "queries.json", 0.624, 0.0),
    ("austinjs", "queries.json", 0.671, 0.0),
    ("ilugc", "queries.json", 0.661, 0.0),
    ("jugda", "queries.json", 0.617, 0.0),
    ("meetjskatowice", "queries.json", 0.584, 0.0),
    ("owaspnl", "queries.json", 0.75, 0.0),
    ("pythoncdmx", "queries.json", 0.849, 0.0),
    ("pythonlodz", "queries.json", 0.7, 0.0),
    ("toulousejug", "queries.json", 0.474, 0.0),
    ("wajug", "queries.json", 0.736, 0.0),
    ("yegrb", "queries.json", 0.849, 0.0),
];

/// Search quality: a server on each corpus's posts, scored on its judged queries (and, on the
/// seed blog, the same queries with typos).
#[test]
fn search_scores_on_the_judged_queries() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let scorer = shared.join("eval/score_search.py");
    let corpora = corpora(&shared);
    if corpora.is_empty() || !scorer.is_file() {
        println!("skipped: ../shared/corpus is not here (a fresh clone); nothing to score");
        return;
    }
    let mut failures = Vec::new();
    for (name, corpus) in &corpora {
        let queries = corpus.join("queries.json");
        if !queries.is_file() {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        let posts = corpus.join("posts");
        let server = util::Server::start(
            &[
                "--posts",
                posts.to_str().unwrap(),
                "--index",
                index.to_str().unwrap(),
                "--no-watch",
            ],
            dir.path(),
        );
        let url = format!("http://127.0.0.1:{}", server.port);
        let seed = name == SEED;
        let min_mrr = if seed { MIN_SEED_MRR } else { MIN_MRR };
        let mut runs = vec![("queries.json", min_mrr, if seed { MIN_SEED_SUCCESS_AT_3 } else { 0.0 })];
        if seed {
            runs.push(("queries-typo.json", MIN_SEED_TYPO_MRR, 0.0));
        }
        for (file, min_mrr, min_s3) in runs {
            let (min_mrr, min_s3) = SEARCH_NOT_YET
                .iter()
                .find(|(n, f, ..)| n == name && *f == file)
                .map_or((min_mrr, min_s3), |&(.., m, s)| (m, s));
            let Some(report) = score(&scorer, &[&corpus.join(file), Path::new(&url)]) else {
                return;
            };
            println!("{name} {file}: {report}");
            let mrr = figure(&report, "queries", "MRR@10");
            let s3 = figure(&report, "queries", "success@3");
            if mrr < min_mrr {
                failures.push(format!("{name} {file}: MRR@10 {mrr} is below {min_mrr}"));
            }
            if s3 < min_s3 {
                failures.push(format!("{name} {file}: success@3 {s3} is below {min_s3}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// English words of five letters or more that say nothing about one post in particular.
const STOP_WORDS: &[&str] = &[
    "about", "above", "after", "again", "against", "along", "among", "before", "being", "below", "between", "could",
    "during", "every", "first", "further", "other", "their", "theirs", "there", "these", "those", "through", "under",
    "until", "where", "which", "while", "would", "should", "itself", "yours", "yourself", "because", "having", "whose",
];

/// What a reader sees of a post: its title, its tags and the text of its body (not markup,
/// not URLs, not image alt text, not scripts or styles). Read here with pulldown-cmark directly,
/// not with the extraction under test.
fn visible_words(post: &talksearch::post::Post) -> std::collections::HashSet<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut text = format!("{} {}\n", post.title, post.tags.join(" "));
    let mut in_image = 0;
    let mut html = String::new();
    for event in Parser::new_ext(&post.body, pulldown_cmark::Options::all()) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            Event::Text(t) | Event::Code(t) if in_image == 0 => {
                text.push_str(&t);
                text.push(' ');
            }
            Event::Html(h) => html.push_str(&h),
            Event::End(TagEnd::HtmlBlock) => {
                text.push_str(&strip_tags(&std::mem::take(&mut html)));
                text.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 5 && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// HTML without its tags, scripts and styles; entities left as they are (their names are not
/// words a reader sees, and `&amp;` yields no five-letter word).
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut skipping = false;
    while let Some(open) = rest.find('<') {
        if !skipping {
            out.push_str(&rest[..open]);
        }
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = rest[open..close].to_ascii_lowercase();
        if tag.starts_with("<script") || tag.starts_with("<style") {
            skipping = true;
        } else if tag.starts_with("</script") || tag.starts_with("</style") {
            skipping = false;
        }
        out.push(' ');
        rest = &rest[close..];
    }
    if !skipping {
        out.push_str(rest);
    }
    out.split_whitespace()
        .filter(|w| !w.contains("&") && !w.contains("://"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Nothing a post says is unsearchable: on every shared corpus, each word that only one post
/// has finds that post among the first 50 hits.
#[test]
fn every_word_only_one_post_has_finds_that_post() {
    use std::collections::HashMap;
    use talksearch::folder;
    use talksearch::index::TalkIndex;
    use talksearch::search::{SearchRequest, search};
    use talksearch::site::Site;

    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&corpora) else {
        println!("skipped: ../shared/corpus is not here (a fresh clone); nothing to search");
        return;
    };
    let mut dirs: Vec<_> = entries
        .flatten()
        .map(|e| e.path().join("posts"))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut misses = Vec::new();
    for posts in dirs {
        let site = Site::default();
        let mut owners: HashMap<String, Vec<String>> = HashMap::new();
        let root = posts.canonicalize().unwrap();
        for file in folder::list_posts(&posts).unwrap().posts {
            let Ok((post, _)) = folder::read_post(&root, &file, &site) else {
                continue;
            };
            if !post.published {
                continue;
            }
            for word in visible_words(&post) {
                owners.entry(word).or_default().push(file.rel.clone());
            }
        }
        let index = TalkIndex::in_memory().unwrap();
        talksearch::sync::sync_folder(&index, &posts, &site, false).unwrap();
        let mut unique: Vec<(String, String)> = owners
            .into_iter()
            .filter(|(_, p)| p.len() == 1)
            .map(|(w, mut p)| (w, p.remove(0)))
            .collect();
        unique.sort();
        let mut found = 0;
        for (word, path) in &unique {
            let hits = search(&index, &SearchRequest::text(&format!("{word} "), 50))
                .unwrap()
                .hits;
            if hits.iter().any(|h| &h.post.path == path) {
                found += 1;
            } else {
                misses.push(format!("{}: {word:?} in {path}", posts.display()));
            }
        }
        println!(
            "{}: {found} of {} words found their post",
            posts.display(),
            unique.len()
        );
    }
    assert!(
        misses.is_empty(),
        "{} words do not find their post:\n{}",
        misses.len(),
        misses.join("\n")
    );
}
