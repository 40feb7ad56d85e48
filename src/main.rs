//! The `talksearch` command: flags in, library calls, output out.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use talksearch::export::{Format, export};
use talksearch::extract::extract_talks;
use talksearch::folder::{self, PostFile};
use talksearch::http::{AppState, cors, router};
use talksearch::index::{Opened, TalkIndex};
use talksearch::permalink::Permalink;
use talksearch::search::{SearchRequest, search};
use talksearch::server::{self, Limits};
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
    /// Log lines for people (`human`) or one JSON object per line for log collectors (`json`).
    #[arg(long, global = true, default_value = "human", value_parser = ["human", "json"])]
    log_format: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Folders {
    /// Folder of Jekyll posts (read recursively).
    #[arg(long, default_value = "posts")]
    posts: PathBuf,
    /// Folder of the search index (created if missing).
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Permalink pattern of the site, as in Jekyll's _config.yml.
    #[arg(long, default_value = "/:year/:month/:day/:title/")]
    permalink: String,
}

#[derive(Subcommand)]
enum Command {
    /// Bring the index up to date with the posts, then serve search over HTTP.
    Serve {
        #[command(flatten)]
        folders: Folders,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:7700")]
        addr: SocketAddr,
        /// Do not watch the posts folder; index only at start.
        #[arg(long)]
        no_watch: bool,
        /// Quiet time after a change before it is indexed, in milliseconds.
        #[arg(long, default_value_t = watch::DEFAULT_DEBOUNCE.as_millis() as u64)]
        debounce_ms: u64,
        /// A site whose pages may call the API from the browser (CORS), e.g.
        /// https://bangpypers.org; repeat for several. None by default.
        #[arg(long = "cors-origin", value_name = "ORIGIN")]
        cors_origins: Vec<String>,
        /// The site's address, e.g. https://bangpypers.org: links in answers (and on the search
        /// page) point there instead of being site-relative.
        #[arg(long, value_name = "URL")]
        site_url: Option<String>,
        /// Connections served at once; more wait to be accepted.
        #[arg(long, default_value_t = Limits::default().max_connections)]
        max_connections: usize,
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
        #[arg(long, default_value = "index")]
        index: PathBuf,
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
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// `ndjson` (one document per line) or `bulk` (Elasticsearch's _bulk body).
        #[arg(long, default_value = "ndjson", value_parser = ["ndjson", "bulk"])]
        format: String,
        /// The Elasticsearch index named in `bulk` action lines.
        #[arg(long, default_value = "talks")]
        bulk_index: String,
    },
    /// Show the talks found in posts (files or folders), to check a post before publishing.
    Extract {
        /// One JSON object per post, for scripts and the extraction scorer.
        #[arg(long)]
        jsonl: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tantivy=warn,notify=warn")),
        )
        .with_writer(std::io::stderr);
    if cli.log_format == "json" {
        logs.json().init();
    } else {
        logs.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init();
    }
    match run(cli) {
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

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Serve {
            folders,
            addr,
            no_watch,
            debounce_ms,
            cors_origins,
            site_url,
            max_connections,
        } => {
            let limits = Limits {
                max_connections,
                ..Limits::default()
            };
            let watch = (!no_watch).then(|| Duration::from_millis(debounce_ms));
            let web = Web { cors_origins, site_url };
            serve(folders, addr, watch, &web, limits)
        }
        Command::Index { folders, rebuild } => {
            let (index, _) = open_index(&folders.index)?;
            let report = sync(&index, &folders, rebuild)?;
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
            Ok(if report.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
        Command::Search {
            index,
            limit,
            json,
            query,
        } => {
            if !index.join("meta.json").exists() {
                bail!("no index in {} (run `talksearch index` first)", index.display());
            }
            let (index, _) = open_index(&index)?;
            let request = SearchRequest::text(&query.join(" "), limit.clamp(1, 100));
            let response = search(&index, &request)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&response)?);
            } else {
                print_hits(&mut std::io::stdout().lock(), &response)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            index,
            format,
            bulk_index,
        } => {
            if !index.join("meta.json").exists() {
                bail!("no index in {} (run `talksearch index` first)", index.display());
            }
            let (index, _) = open_index(&index)?;
            let format = match format.as_str() {
                "bulk" => Format::Bulk { index: bulk_index },
                _ => Format::Ndjson,
            };
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let count = export(&index, &format, &mut out)?;
            eprintln!("exported {count} documents");
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { jsonl, paths } => extract(&paths, jsonl),
    }
}

fn open_index(dir: &Path) -> Result<(TalkIndex, Opened)> {
    TalkIndex::open(dir).with_context(|| format!("cannot open the index in {}", dir.display()))
}

fn sync(index: &TalkIndex, folders: &Folders, rebuild: bool) -> Result<SyncReport> {
    let permalink = Permalink::new(&folders.permalink);
    let report = sync_folder(index, &folders.posts, &permalink, rebuild)?;
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

/// How the API meets the website.
struct Web {
    cors_origins: Vec<String>,
    site_url: Option<String>,
}

/// Syncs, serves, and (with `watch` set to a debounce) re-indexes posts as they are saved.
fn serve(folders: Folders, addr: SocketAddr, watch: Option<Duration>, web: &Web, limits: Limits) -> Result<ExitCode> {
    let cors = cors(&web.cors_origins).map_err(|e| anyhow::anyhow!("--cors-origin: {e}"))?;
    if let Some(url) = &web.site_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        bail!("--site-url {url:?} must start with https:// or http://");
    }
    let (index, opened) = open_index(&folders.index)?;
    if opened == Opened::Rebuilt {
        tracing::info!("rebuilding the index for this version of talksearch");
    }
    let index = Arc::new(index);
    let mut folder_sync = FolderSync::new(&index, &folders.posts, Permalink::new(&folders.permalink))?;
    let report = folder_sync.sync_all(&index, false)?;
    log_sync(&report);
    let status = SharedStatus::default();
    status.record(&folder_sync, &report);
    let watching = match watch {
        Some(debounce) => Some(watch::watch(index.clone(), folder_sync, status.clone(), debounce)?),
        None => None,
    };
    let state = AppState::new(index, status).with_site_url(web.site_url.as_deref());
    let app = match cors {
        Some(layer) => router(state).layer(layer),
        None => router(state),
    };
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

/// The files named on the command line: a folder's posts (paths relative to it) or a file
/// (its name).
fn files_of(path: &Path) -> Result<Vec<PostFile>> {
    if path.is_dir() {
        Ok(folder::list_posts(path)?)
    } else if path.is_file() {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(vec![PostFile {
            rel: name,
            abs: path.to_path_buf(),
        }])
    } else {
        bail!("{}: no such file or folder", path.display())
    }
}

fn extract(paths: &[PathBuf], jsonl: bool) -> Result<ExitCode> {
    let permalink = Permalink::default();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0;
    for path in paths {
        for file in files_of(path)? {
            let (post, _) = match folder::read_post(&file, &permalink) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("talksearch: {e}");
                    failed += 1;
                    continue;
                }
            };
            let found = extract_talks(&post);
            if jsonl {
                let line = serde_json::json!({
                    "post": file.rel,
                    "title": post.title,
                    "date": post.date.map(|d| d.to_string()),
                    "talks": found.talks,
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
