//! Trains the extraction model from labelled corpora, or measures it by leaving one blog out.
//!
//! ```text
//! cargo run --release --example train -- --out src/learn/model.bin ../shared/corpus
//! cargo run --release --example train -- --leave-one-blog-out ../shared/corpus
//! ```
//!
//! A corpus folder holds one folder per blog, each with `posts/` and `gold.json`. Leaving one
//! blog out trains on all the others and scores the one left out, for each blog in turn: the
//! figure that says how extraction will do on a blog nobody labelled. Its last line is
//! `pooled F1 X`.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Parser;
use talksearch::learn::score::{Tally, score_post};
use talksearch::learn::train::{self, BlogData, Settings};

#[derive(Parser)]
struct Args {
    /// Where to write the model trained on every blog.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Train on all blogs but one and score that one, for each blog.
    #[arg(long)]
    leave_one_blog_out: bool,
    /// With --leave-one-blog-out: only these blogs are left out (all still train the others).
    #[arg(long)]
    only: Vec<String>,
    /// Print each post's sessions read and missed on the blogs scored.
    #[arg(long)]
    verbose: bool,
    /// Only candidates whose origin starts with one of these (rule, listed, h, item, row,
    /// sentence, line, tline, post), to see what each kind of candidate brings.
    #[arg(long, value_delimiter = ',')]
    origins: Vec<String>,
    /// Score as if the classifier were perfect: what is lost is lost reading titles and speakers
    /// (its figure is printed beside every blog's anyway).
    #[arg(long)]
    oracle: bool,
    /// Train on the blog scored as well (an in-sample figure, to compare).
    #[arg(long)]
    in_sample: bool,
    /// Print each labelled candidate's tokens with the labels aligned and those read.
    #[arg(long)]
    show_labels: bool,
    /// Fixed thresholds for proposals and for structural candidates.
    #[arg(long)]
    threshold: Option<f32>,
    #[arg(long)]
    structural_threshold: Option<f32>,
    #[arg(long)]
    post_threshold: Option<f32>,
    /// For structural candidates read with no speaker (above 1: never taken).
    #[arg(long)]
    unnamed_threshold: Option<f32>,
    /// For the people named near a candidate read with no speaker (above 1: never taken).
    #[arg(long)]
    presenter_threshold: Option<f32>,
    /// With --verbose: under each missed session's candidates, the people named near them
    /// with the weights of their features.
    #[arg(long)]
    why_near: bool,
    /// The classifier's L2 regularisation, and the sequence model's (defaults: Settings).
    #[arg(long)]
    l2: Option<f32>,
    #[arg(long)]
    c2: Option<f64>,
    /// The sequence model's L-BFGS iterations (default: Settings).
    #[arg(long)]
    crf_iterations: Option<usize>,
    /// The corpus folder.
    corpus: PathBuf,
}

fn line(name: &str, t: &Tally) -> String {
    format!(
        "{name:<14} P {:.3}  R {:.3}  F1 {:.3}  speakers {:.3}  full F1 {:.3}  (gold {}, read {}, matched {})",
        t.precision(),
        t.recall(),
        t.f1(),
        t.speaker_agreement(),
        t.full_f1(),
        t.gold,
        t.predicted,
        t.matched
    )
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.out.is_none() && !args.leave_one_blog_out {
        bail!("nothing to do: give --out MODEL, --leave-one-blog-out, or both");
    }
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&args.corpus)
        .with_context(|| args.corpus.display().to_string())?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("gold.json").is_file() && p.join("posts").is_dir())
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        bail!(
            "{}: no blog folders (each with posts/ and gold.json)",
            args.corpus.display()
        );
    }
    let mut blogs: Vec<BlogData> = dirs
        .iter()
        .map(|d| train::read_blog(d).with_context(|| d.display().to_string()))
        .collect::<Result<_>>()?;
    if !args.origins.is_empty() {
        for post in blogs.iter_mut().flat_map(|b| &mut b.posts) {
            post.candidates
                .retain(|c| args.origins.iter().any(|k| c.origin.name().starts_with(k.as_str())));
        }
    }
    let defaults = Settings::default();
    let settings = Settings {
        threshold: args.threshold,
        structural_threshold: args.structural_threshold,
        post_threshold: args.post_threshold,
        unnamed_threshold: args.unnamed_threshold,
        presenter_threshold: args.presenter_threshold,
        l2: args.l2.unwrap_or(defaults.l2),
        c2: args.c2.unwrap_or(defaults.c2),
        crf_iterations: args.crf_iterations.unwrap_or(defaults.crf_iterations),
        ..defaults
    };
    if args.verbose {
        for blog in &blogs {
            coverage(blog);
        }
    }
    if args.leave_one_blog_out {
        let mut pooled = Tally::default();
        let mut rules = Tally::default();
        let mut perfect = Tally::default();
        let held_out: Vec<usize> = (0..blogs.len())
            .filter(|&k| args.only.is_empty() || args.only.contains(&blogs[k].name))
            .collect();
        let models = train::leave_out(&blogs, &held_out, args.in_sample, &settings)?;
        for (&k, model) in held_out.iter().zip(&models) {
            let blog = &blogs[k];
            // What a perfect classifier would read, beside every run: how much of what is lost
            // is lost telling sessions apart.
            let best = oracle(model, blog);
            let tally = if args.oracle {
                best
            } else {
                train::score_blog(model, blog)
            };
            let baseline = rules_tally(blog);
            println!(
                "{}   (readers alone F1 {:.3}, oracle F1 {:.3})",
                line(&blog.name, &tally),
                baseline.f1(),
                best.f1()
            );
            if args.verbose {
                show(model, blog, args.why_near);
            }
            if args.show_labels {
                for post in &blog.posts {
                    let weighed = model.features::<String>(&post.candidates, &post.context);
                    for (c, w) in post
                        .candidates
                        .iter()
                        .zip(&weighed)
                        .filter(|(c, _)| c.origin.is_structural())
                    {
                        let Some(gold) = train::align(c, &post.gold).labels else {
                            continue;
                        };
                        let got = &w.labels;
                        let mut line = format!("  [{}] ", c.origin.name());
                        for (k, t) in c.tokens.iter().enumerate() {
                            line.push_str(&format!(
                                "{}/{}{} ",
                                t.text,
                                gold[k],
                                if got[k] != gold[k] {
                                    format!("!{}", got[k])
                                } else {
                                    String::new()
                                }
                            ));
                        }
                        println!("{line}");
                    }
                }
            }
            pooled += tally;
            rules += baseline;
            perfect += best;
        }
        println!("{}", line("pooled", &pooled));
        println!("{}", line("readers alone", &rules));
        println!("{}", line("oracle", &perfect));
        println!("pooled F1 {:.3}", pooled.f1());
    }
    if let Some(out) = &args.out {
        let all: Vec<&BlogData> = blogs.iter().collect();
        let model = train::train(&all, &settings)?;
        let mut pooled = Tally::default();
        let started = std::time::Instant::now();
        let bytes_read: usize = blogs
            .iter()
            .flat_map(|b| &b.posts)
            .flat_map(|p| &p.candidates)
            .filter(|c| c.origin == talksearch::learn::candidate::Origin::Post)
            .count();
        for blog in &blogs {
            let t = train::score_blog(&model, blog);
            println!("in sample: {}", line(&blog.name, &t));
            pooled += t;
        }
        println!("in sample: {}", line("pooled", &pooled));
        println!(
            "read {} posts with the model in {:.2} s (candidates built beforehand)",
            bytes_read,
            started.elapsed().as_secs_f64()
        );
        let bytes = model.to_bytes();
        std::fs::write(out, &bytes).with_context(|| out.display().to_string())?;
        println!(
            "wrote {} ({} bytes, {} weights, thresholds {}, {} and {} for the post, {} unnamed, {} a presenter near)",
            out.display(),
            bytes.len(),
            model.weights.len(),
            model.threshold,
            model.structural_threshold,
            model.post_threshold,
            model.unnamed_threshold,
            model.presenter_threshold
        );
    }
    Ok(())
}

/// What the hand-written readers alone score on a blog: the figure the model is to beat.
fn rules_tally(blog: &BlogData) -> Tally {
    let mut t = Tally::default();
    for post in &blog.posts {
        let predicted: Vec<_> = post
            .candidates
            .iter()
            .filter_map(|c| c.proposal.as_ref())
            .map(|t| talksearch::learn::score::Session {
                title: t.title.clone(),
                speakers: t.speakers.clone(),
                video: t.video.clone(),
            })
            .collect();
        t += score_post(&post.gold, &predicted);
    }
    t
}

fn show(model: &talksearch::learn::model::Model, blog: &BlogData, why_near: bool) {
    for post in &blog.posts {
        let read = train::predict(model, post);
        let t = score_post(&post.gold, &read);
        if t.matched == t.gold && t.matched == t.predicted {
            continue;
        }
        println!(
            "  {} (gold {}, read {}, matched {}; thresholds {} {} {}, unnamed {}, presenter {})",
            post.rel,
            t.gold,
            t.predicted,
            t.matched,
            model.threshold,
            model.structural_threshold,
            model.post_threshold,
            model.unnamed_threshold,
            model.presenter_threshold
        );
        let weighed = model.features::<String>(&post.candidates, &post.context);
        let decisions = model.decide(&post.candidates, &post.context);
        for d in &decisions {
            let c = &post.candidates[d.candidate];
            if !c.origin.is_structural() || d.taken {
                println!(
                    "    {} {:.2} {} {:?} — {:?}{}",
                    if d.taken { "+" } else { "-" },
                    d.probability,
                    c.origin.name(),
                    d.title,
                    d.speakers,
                    near(&weighed[d.candidate])
                );
                if !d.taken {
                    println!("        {:?}", model.weightiest(&weighed[d.candidate].features, 8));
                }
            }
        }
        let hits = talksearch::learn::score::matches(&post.gold, &read);
        let aligned = train::align_post(&post.candidates, &post.gold);
        for (g, s) in post.gold.iter().enumerate() {
            if !hits.iter().any(|h| h.0 == g) {
                println!("    missed: {:?} — {:?}", s.title, s.speakers);
                for (d, a) in decisions.iter().zip(&aligned) {
                    if a.session == Some(g) {
                        let c = &post.candidates[d.candidate];
                        let (title, speakers) = reading(c, &weighed[d.candidate]);
                        let text: String = c.text.chars().take(120).collect();
                        println!(
                            "      held by [{}] p {:.2}{}: {title:?} — {speakers:?}{}  in {text:?}",
                            c.origin.name(),
                            d.probability,
                            if d.taken { " taken" } else { "" },
                            near(&weighed[d.candidate])
                        );
                        if why_near {
                            let around = talksearch::learn::nearby::Around::of(c);
                            for n in &c.nearby {
                                let mut f: Vec<String> = Vec::new();
                                talksearch::learn::nearby::nearby_features(n, &around, &post.context, &mut f);
                                let w: Vec<String> = f
                                    .iter()
                                    .filter_map(|f| {
                                        model
                                            .presenter
                                            .get(&talksearch::learn::features::id(f))
                                            .map(|w| format!("{f} {w:.2}"))
                                    })
                                    .collect();
                                println!("         {:?}: {}", n.name, w.join(", "));
                            }
                        }
                    }
                }
            }
        }
        let origins: Vec<String> = decisions
            .iter()
            .filter(|d| d.taken)
            .map(|d| post.candidates[d.candidate].origin.name())
            .collect();
        for (p, s) in read.iter().enumerate() {
            if !hits.iter().any(|h| h.1 == p) {
                println!("    wrong:  [{}] {:?} — {:?}", origins[p], s.title, s.speakers);
            }
        }
    }
}

/// The likeliest presenter named near a candidate read with no speaker, to show.
fn near(w: &talksearch::learn::model::Weighed<String>) -> String {
    match &w.presenter {
        Some((name, p)) => format!(" (near: {name:?} {p:.2})"),
        None => String::new(),
    }
}

/// How many labelled sessions some candidate holds, by where candidates come from.
fn coverage(blog: &BlogData) {
    use std::collections::BTreeMap;
    let mut by: BTreeMap<String, usize> = BTreeMap::new();
    let (mut gold, mut any) = (0, 0);
    for post in &blog.posts {
        for (g, s) in post.gold.iter().enumerate() {
            gold += 1;
            let mut hit = false;
            let mut origins: Vec<String> = Vec::new();
            for c in &post.candidates {
                let yes = train::align(c, std::slice::from_ref(s)).positive();
                if yes {
                    hit = true;
                    let o = c.origin.name();
                    if !origins.contains(&o) {
                        origins.push(o);
                    }
                }
            }
            let _ = g;
            for o in origins {
                *by.entry(o).or_default() += 1;
            }
            any += usize::from(hit);
        }
    }
    println!(
        "{}: {any}/{gold} labelled sessions held by a candidate; by origin {by:?}",
        blog.name
    );
}

/// The figures if the classifier were perfect: every candidate that holds a labelled session
/// and reads its title is taken (once per session), and decided as the model decides the rest
/// (its speakers from its words, the front matter or a person named near it). What is lost here
/// is lost reading titles and speakers.
fn oracle(model: &talksearch::learn::model::Model, blog: &BlogData) -> Tally {
    use talksearch::learn::model::{Rules, decide_with};
    use talksearch::learn::score::title_similarity;
    let mut t = Tally::default();
    for post in &blog.posts {
        let mut used = vec![false; post.gold.len()];
        let weighed = model.features::<talksearch::learn::features::Id>(&post.candidates, &post.context);
        let mut p = vec![0f32; post.candidates.len()];
        for (k, (c, w)) in post.candidates.iter().zip(&weighed).enumerate() {
            for (g, s) in post.gold.iter().enumerate() {
                if used[g] || !train::align(c, std::slice::from_ref(s)).positive() {
                    continue;
                }
                if title_similarity(&reading(c, w).0, &s.title) >= 0.5 {
                    used[g] = true;
                    p[k] = 1.0;
                    break;
                }
            }
        }
        let rules = Rules {
            threshold: 0.5,
            structural_threshold: 0.5,
            post_threshold: 0.5,
            unnamed_threshold: 0.0,
            presenter_threshold: model.presenter_threshold,
        };
        let read = train::sessions_of(post, decide_with(&post.candidates, &weighed, &p, rules));
        t += score_post(&post.gold, &read);
    }
    t
}

/// The title and speakers a candidate gives: a proposal's own, else what the sequence model read.
fn reading<F>(
    c: &talksearch::learn::candidate::Candidate,
    w: &talksearch::learn::model::Weighed<F>,
) -> (String, Vec<String>) {
    match &c.proposal {
        Some(p) if !c.origin.is_structural() => (p.title.clone(), p.speakers.clone()),
        _ => (w.title.clone(), w.speakers.clone()),
    }
}
