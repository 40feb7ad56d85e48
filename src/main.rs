//! The `talksearch` command: flags in, library calls, output out.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use talksearch::config::{Config, Overrides};
use talksearch::export::{Format, export};
use talksearch::extract::{Extraction, Presenters, extract_talks_guarded};
use talksearch::folder::{self, PostFile};
use talksearch::http::{AppState, cors, served};
use talksearch::index::talk_id;
use talksearch::index::{Opened, TalkIndex};
use talksearch::learn::read::{Read, embedded, read_blog};
use talksearch::people::roster::{Directory, Roster, TalkSpeakers};
use talksearch::post::{Post, PostDate};
use talksearch::search::{SearchRequest, search_with};
use talksearch::server::{self, Limits};
use talksearch::site::Site;
use talksearch::status::SharedStatus;
use talksearch::sync::{FolderSync, SyncReport, sync_folder};
use talksearch::watch;

/// Searching allocates many small, short-lived values (terms, queries, hits); mimalloc serves
/// them markedly faster than the system allocator under concurrent requests.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "talksearch", version, about = "Search the talks of a Jekyll meetup blog")]
struct Cli {
    /// Settings file [default: ./talksearch.toml if present]. Environment variables
    /// (TALKSEARCH_ADDR...) override it, and flags override both.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Log lines for people (`human`, the default) or one JSON object per line (`json`).
    #[arg(long, global = true, value_parser = ["human", "json"])]
    log_format: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// Flags naming the folders; unset ones come from the configuration.
#[derive(clap::Args)]
struct Folders {
    /// Folder of posts, read recursively [default: posts].
    #[arg(long)]
    posts: Option<PathBuf>,
    /// Folder of the search index, created if missing [default: index].
    #[arg(long)]
    index: Option<PathBuf>,
    /// Permalink pattern of the site, as in Jekyll's _config.yml [default: the site's own settings
    /// when the posts sit in a Jekyll or Hugo site, else /:year/:month/:day/:title/].
    #[arg(long)]
    permalink: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Bring the index up to date with the posts, then serve search over HTTP.
    Serve {
        #[command(flatten)]
        folders: Folders,
        /// Address to listen on [default: 127.0.0.1:7700].
        #[arg(long)]
        addr: Option<SocketAddr>,
        /// Do not watch the posts folder; index only at start.
        #[arg(long)]
        no_watch: bool,
        /// Quiet time after a change before it is indexed, in milliseconds [default: 20].
        #[arg(long)]
        debounce_ms: Option<u64>,
        /// A site whose pages may call the API from the browser (CORS), e.g.
        /// https://bangpypers.org; repeat for several. None by default.
        #[arg(long = "cors-origin", value_name = "ORIGIN")]
        cors_origins: Vec<String>,
        /// The site's address, e.g. https://bangpypers.org: links in answers (and on the search
        /// page) point there instead of being site-relative.
        #[arg(long, value_name = "URL")]
        site_url: Option<String>,
        /// Connections served at once; more wait to be accepted [default: 1024].
        #[arg(long)]
        max_connections: Option<usize>,
    },
    /// Build or update the index, and print what changed.
    Index {
        #[command(flatten)]
        folders: Folders,
        /// Re-read every post instead of only the changed ones.
        #[arg(long)]
        rebuild: bool,
    },
    /// Search the index from the terminal.
    Search {
        /// Folder of the search index [default: index].
        #[arg(long)]
        index: Option<PathBuf>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print the same JSON as GET /search.
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        query: Vec<String>,
    },
    /// Write every talk as JSON, one document per line, for Meilisearch, Quickwit or
    /// Elasticsearch.
    Export {
        /// Folder of the search index [default: index].
        #[arg(long)]
        index: Option<PathBuf>,
        /// `ndjson` (one document per line) or `bulk` (Elasticsearch's _bulk body).
        #[arg(long, default_value = "ndjson", value_parser = ["ndjson", "bulk"])]
        format: String,
        /// The Elasticsearch index named in `bulk` action lines.
        #[arg(long, default_value = "talks")]
        bulk_index: String,
    },
    /// Print the configuration in effect (defaults, file, environment and flags), as TOML.
    Config,
    /// Show the talks found in posts (files or folders), to check a post before publishing.
    Extract {
        /// One JSON object per post, for scripts and the extraction scorer.
        #[arg(long)]
        jsonl: bool,
        /// After each post's talks, the candidates the model judged (likeliest first): how
        /// likely each is a session, what it read in it, and the evidence that weighed most.
        #[arg(long, conflicts_with = "jsonl")]
        explain: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_process(cli.config.as_deref(), flag_overrides(&cli)) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("talksearch: configuration: {e}");
            return ExitCode::FAILURE;
        }
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::try_new(format!("{},tantivy=warn,notify=warn", config.log_level))
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tantivy=warn,notify=warn"))
    });
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if config.log_format == "json" {
        logs.json().init();
    } else {
        logs.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init();
    }
    match run(cli, config) {
        Ok(code) => code,
        // `talksearch extract posts | head`: the reader has all it wanted.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("talksearch: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The settings given as flags, which override the file and the environment.
fn flag_overrides(cli: &Cli) -> Overrides {
    let mut o = Overrides {
        log_format: cli.log_format.clone(),
        ..Overrides::default()
    };
    let folders = |o: &mut Overrides, f: &Folders| {
        o.posts = f.posts.clone();
        o.index = f.index.clone();
        o.permalink = f.permalink.clone();
    };
    match &cli.command {
        Command::Serve {
            folders: f,
            addr,
            no_watch,
            debounce_ms,
            cors_origins,
            site_url,
            max_connections,
        } => {
            folders(&mut o, f);
            o.addr = *addr;
            o.watch = no_watch.then_some(false);
            o.debounce_ms = *debounce_ms;
            o.cors_origins = (!cors_origins.is_empty()).then(|| cors_origins.clone());
            o.site_url = site_url.clone();
            o.max_connections = *max_connections;
        }
        Command::Index { folders: f, .. } => folders(&mut o, f),
        Command::Search { index, .. } | Command::Export { index, .. } => o.index = index.clone(),
        Command::Config | Command::Extract { .. } => {}
    }
    o
}

fn run(cli: Cli, config: Config) -> Result<ExitCode> {
    match cli.command {
        Command::Serve { .. } => serve(&config),
        Command::Config => {
            print!("{}", config.to_toml());
            Ok(ExitCode::SUCCESS)
        }
        Command::Index { rebuild, .. } => {
            let (index, _) = open_index(&config.index)?;
            let report = sync(&index, &config, rebuild)?;
            println!(
                "{} posts: {} added, {} updated, {} removed, {} unchanged, {} failed; {} documents in {:.2} s",
                report.posts,
                report.added,
                report.updated,
                report.removed,
                report.unchanged,
                report.failures.len(),
                report.documents,
                report.took.as_secs_f64()
            );
            for f in &report.failures {
                println!("  {}: {}", f.path, f.reason);
            }
            if report.drafts > 0 {
                println!("  {} drafts (draft: true, published: false) left out", report.drafts);
            }
            for warning in &report.warnings {
                println!("  warning: {warning}");
            }
            if !report.skipped.is_empty() {
                println!("  {} posts the site does not publish, left out:", report.skipped.len());
                for s in &report.skipped {
                    println!("    {}: {}", s.path, s.reason);
                }
            }
            Ok(if report.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
        Command::Search { limit, json, query, .. } => {
            let index = open_built_index(&config.index)?;
            let request = SearchRequest::text(&query.join(" "), limit.clamp(1, 100));
            let response = search_with(&index, &request, &config.synonyms())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&response)?);
            } else {
                print_hits(&mut std::io::stdout().lock(), &response)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { format, bulk_index, .. } => {
            let index = open_built_index(&config.index)?;
            let format = match format.as_str() {
                "bulk" => Format::Bulk { index: bulk_index },
                _ => Format::Ndjson,
            };
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let count = export(&index, &format, &mut out)?;
            eprintln!("exported {count} documents");
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { jsonl, explain, paths } => extract(&paths, jsonl, explain),
    }
}

fn open_index(dir: &Path) -> Result<(TalkIndex, Opened)> {
    TalkIndex::open(dir).with_context(|| format!("cannot open the index in {}", dir.display()))
}

/// An index that `talksearch index` or `serve` has built, for the commands that only read it
/// (`search`, `export`): opened read-only, beside a `serve` or `index` that owns the folder, and
/// never created where the user mistyped a folder.
fn open_built_index(dir: &Path) -> Result<TalkIndex> {
    Ok(TalkIndex::open_read_only(dir)?)
}

/// How post URLs are formed: the site's own settings around the posts folder, under the
/// permalink pattern of the configuration when one is given. A settings file that cannot be
/// read is logged and left out: the posts are still indexed.
fn site(config: &Config) -> Site {
    let mut site = Site::detect(&config.posts).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "site settings not read; post URLs follow the defaults");
        Site::default()
    });
    if let Some(settings) = &site.settings {
        tracing::info!(settings = %settings.display(), "post URLs follow the site's settings");
    }
    for warning in &site.warnings {
        tracing::warn!(%warning, "site settings");
    }
    if !config.permalink.is_empty() {
        site.permalink = talksearch::permalink::Permalink::new(&config.permalink);
        site.generator = talksearch::site::Generator::Jekyll;
    }
    site
}

/// The address links point at: the configuration's, else the one in the site's settings.
fn site_url(config: &Config, site: &Site) -> String {
    if config.site_url.is_empty() {
        site.url.clone().unwrap_or_default()
    } else {
        config.site_url.clone()
    }
}

fn sync(index: &TalkIndex, config: &Config, rebuild: bool) -> Result<SyncReport> {
    let mut report = sync_folder(index, &config.posts, &site(config), rebuild)?;
    // Posts whose speakers could not be worked out: their talks are indexed, but they are named.
    report.failures.extend(index.people_failures());
    log_sync(&report);
    Ok(report)
}

fn log_sync(report: &SyncReport) {
    tracing::info!(
        posts = report.posts,
        added = report.added,
        updated = report.updated,
        removed = report.removed,
        failed = report.failures.len(),
        documents = report.documents,
        ms = report.took.as_millis() as u64,
        "index up to date"
    );
}

/// Syncs, serves, and (unless `watch` is off) re-indexes posts as they are saved.
fn serve(config: &Config) -> Result<ExitCode> {
    // Validated with the configuration.
    let cors = cors(&config.cors_origins).map_err(|e| anyhow::anyhow!("cors_origins: {e}"))?;
    let limits = Limits {
        max_connections: config.max_connections,
        ..Limits::default()
    };
    let addr = config.addr;
    let (index, opened) = open_index(&config.index)?;
    if opened == Opened::Rebuilt {
        tracing::info!("rebuilding the index for this version of talksearch");
    }
    let index = Arc::new(index);
    let site = site(config);
    let site_url = site_url(config, &site);
    let mut folder_sync = FolderSync::new(&index, &config.posts, site)?;
    let report = folder_sync.sync_all(&index, false)?;
    log_sync(&report);
    let status = SharedStatus::default();
    status.record(&folder_sync, &report);
    let watching = if config.watch {
        let debounce = Duration::from_millis(config.debounce_ms);
        Some(watch::watch(index.clone(), folder_sync, status.clone(), debounce)?)
    } else {
        None
    };
    let state = AppState::new(index, status)
        .with_site_url(Some(&site_url))
        .with_synonyms(config.synonyms());
    let app = served(state, cors);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let served: Result<()> = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        tracing::info!("serving on http://{}", listener.local_addr()?);
        server::serve(listener, app, limits, shutdown_signal()).await?;
        Ok(())
    });
    // Index what was saved before the signal, then stop.
    if let Some(w) = watching {
        w.stop();
    }
    served?;
    tracing::info!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

fn print_hits(out: &mut impl Write, response: &talksearch::search::SearchResponse) -> std::io::Result<()> {
    writeln!(
        out,
        "{} talks match {:?} ({:.1} ms)",
        response.total, response.query, response.took_ms
    )?;
    for (i, hit) in response.hits.iter().enumerate() {
        let speakers = if hit.speakers.is_empty() {
            String::new()
        } else {
            format!(" — {}", hit.speakers.join(", "))
        };
        writeln!(out, "{:>2}. {}{} [{}]", i + 1, hit.title, speakers, hit.kind)?;
        writeln!(
            out,
            "    {} ({}) {}",
            hit.post.title,
            hit.post.date.as_deref().unwrap_or("undated"),
            hit.post.url
        )?;
        for v in &hit.video {
            writeln!(out, "    video: {v}")?;
        }
        for s in &hit.slides {
            writeln!(out, "    slides: {s}")?;
        }
    }
    Ok(())
}

/// The files named on the command line, with the folder they must stay in (links resolved): a
/// folder's posts (paths relative to it; links out of it refused) or a file (its name; the file
/// named is read wherever it is).
fn files_of(path: &Path) -> Result<(PathBuf, folder::Listing)> {
    if path.is_dir() {
        let root = path.canonicalize().with_context(|| path.display().to_string())?;
        Ok((root, folder::list_posts(path)?))
    } else if path.is_file() {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let real = path.canonicalize().with_context(|| path.display().to_string())?;
        let root = real.parent().map(Path::to_path_buf).unwrap_or_default();
        let posts = vec![PostFile {
            rel: name,
            abs: path.to_path_buf(),
        }];
        Ok((
            root,
            folder::Listing {
                posts,
                refused: Vec::new(),
            },
        ))
    } else {
        bail!("{}: no such file or folder", path.display())
    }
}

/// The candidates the model judged in a post: the likeliest twelve, and any other it took.
fn write_explained(out: &mut impl Write, judged: &[talksearch::learn::read::Explained]) -> std::io::Result<()> {
    writeln!(out, "  candidates, likeliest first ({} in all):", judged.len())?;
    for (k, c) in judged.iter().enumerate().filter(|(k, c)| *k < 12 || c.taken) {
        let text: String = c.text.chars().take(70).collect();
        writeln!(
            out,
            "  {:>3}. {} {:.2} [{}] {:?}",
            k + 1,
            if c.taken { "taken" } else { "left " },
            c.probability,
            c.origin,
            text
        )?;
        if !c.title.is_empty() || !c.speakers.is_empty() {
            writeln!(out, "        read: {:?} — {}", c.title, c.speakers.join(", "))?;
        }
        let weights: Vec<String> = c.weightiest.iter().map(|(f, w)| format!("{f} {w:+.2}")).collect();
        writeln!(out, "        weighed: {}", weights.join(", "))?;
    }
    Ok(())
}

/// The talks of `post`, extracted behind the per-post boundary; a failure of extraction is
/// reported (once: a problem the post already had was reported when it was read) and counted.
fn extract_reported(file: &PostFile, post: &mut Post, presenters: &Presenters, failed: &mut usize) -> Extraction {
    let before = post.problem.clone();
    let found = extract_talks_guarded(post, presenters);
    if post.problem != before
        && let Some(problem) = &post.problem
    {
        eprintln!("talksearch: {}: {problem}; the post is read as a whole", file.rel);
        *failed += 1;
    }
    found
}

fn extract(paths: &[PathBuf], jsonl: bool, explain: bool) -> Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0;
    let mut read = Vec::new();
    let today = PostDate::of_time(std::time::SystemTime::now());
    for path in paths {
        let site = if path.is_dir() {
            let site = Site::detect(path).unwrap_or_else(|e| {
                eprintln!("talksearch: {e} (post URLs follow the defaults)");
                Site::default()
            });
            for warning in &site.warnings {
                eprintln!("talksearch: site settings: {warning}");
            }
            site
        } else {
            Site::default()
        };
        let (root, listing) = files_of(path)?;
        for refused in &listing.refused {
            eprintln!("talksearch: {}: {}", refused.path, refused.reason);
            failed += 1;
        }
        for file in listing.posts {
            let (post, _) = match folder::read_post(&root, &file, &site) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("talksearch: {e}");
                    failed += 1;
                    continue;
                }
            };
            for warning in &post.warnings {
                eprintln!("talksearch: {}: {warning}", file.rel);
            }
            if let Some(problem) = &post.problem {
                eprintln!("talksearch: {}: {problem}; the post is read from its body", file.rel);
                failed += 1;
            }
            if !post.published {
                eprintln!(
                    "talksearch: {}: a draft (the site does not publish it), so it is not indexed",
                    file.rel
                );
                continue;
            }
            if let Some(reason) = site.unpublished(&post.path, post.date, today) {
                eprintln!("talksearch: {}: skipped: {reason}", file.rel);
                continue;
            }
            let mut post = post;
            let found = extract_reported(&file, &mut post, &Presenters::default(), &mut failed);
            read.push((file, post, found));
        }
    }
    // People seen presenting in any of the posts given help read the others.
    let presenters = Presenters::of(read.iter().flat_map(|(_, _, found)| &found.talks));
    for (file, post, found) in &mut read {
        if presenters.may_help(found) {
            *found = extract_reported(file, post, &presenters, &mut failed);
        }
    }
    // The model decides which candidates are sessions, each post in the light of the others
    // given (the readers' proposals are among its candidates).
    let (files, reads): (Vec<PostFile>, Vec<Read>) = read
        .into_iter()
        .map(|(file, post, found)| {
            let rel = file.rel.clone();
            (file, Read::new(rel, post, found))
        })
        .unzip();
    let decided = read_blog(&reads, embedded());
    let mut why = match embedded() {
        Some(model) if explain => talksearch::learn::read::explain(&reads, model, 6),
        _ => Vec::new(),
    }
    .into_iter();
    let read: Vec<(PostFile, Post, Extraction)> = files
        .into_iter()
        .zip(reads)
        .zip(decided)
        .map(|((file, r), found)| (file, r.post, found))
        .collect();
    // Who each speaker is, across all the posts given.
    let mut roster = Roster::default();
    for (file, post, found) in &read {
        let date = post.date.map(|d| d.to_string());
        let talks = found.talks.iter();
        roster.set(
            &file.rel,
            talks
                .map(|t| TalkSpeakers::of(talk_id(&file.rel, t.position), date.clone(), t))
                .collect(),
        );
    }
    let people = match roster.directory_guarded() {
        Ok((people, faulty)) => {
            for (path, message) in &faulty {
                eprintln!(
                    "talksearch: {path}: working out who its speakers are failed inside talksearch ({message}); \
                     please report it with this post"
                );
            }
            failed += faulty.len();
            people
        }
        Err(panic) => {
            eprintln!("talksearch: working out who is who failed inside talksearch ({panic}); please report it");
            failed += 1;
            Directory::default()
        }
    };
    for (file, post, found) in read {
        if jsonl {
            let talks: Vec<serde_json::Value> = found
                .talks
                .iter()
                .map(|t| {
                    let mut v = serde_json::to_value(t).unwrap_or_default();
                    let ids: Vec<String> = t.speakers.iter().map(|s| people.id(&file.rel, s)).collect();
                    v["speaker_ids"] = serde_json::json!(ids);
                    v
                })
                .collect();
            let line = serde_json::json!({
                "post": file.rel,
                "title": post.title,
                "date": post.date.map(|d| d.to_string()),
                "talks": talks,
            });
            writeln!(out, "{line}")?;
        } else {
            writeln!(
                out,
                "{} — {} ({})",
                file.rel,
                post.title,
                post.date.map(|d| d.to_string()).unwrap_or_default()
            )?;
            if found.talks.is_empty() {
                writeln!(out, "  no talks found; the post will be searchable as a whole")?;
            }
            for t in &found.talks {
                let who = if t.speakers.is_empty() {
                    "?".to_string()
                } else {
                    t.speakers.join(", ")
                };
                writeln!(out, "  {}. [{}] {} — {}", t.position, t.kind, t.title, who)?;
                for v in &t.video {
                    writeln!(out, "     video: {v}")?;
                }
                for s in &t.slides {
                    writeln!(out, "     slides: {s}")?;
                }
            }
            for w in &found.warnings {
                writeln!(out, "  warning: {w}")?;
            }
            if let Some(judged) = why.next() {
                write_explained(&mut out, &judged)?;
            }
        }
    }
    out.flush()?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
