use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};
use talksearch::extract::extract_talks;
use talksearch::folder;
use talksearch::permalink::Permalink;

#[derive(Parser)]
#[command(name = "talksearch", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Extract {
        #[arg(long)]
        jsonl: bool,
        paths: Vec<PathBuf>,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { jsonl: _, paths } => {
            for p in paths {
                for f in folder::list_posts(&p)? {
                    let (post, _) = folder::read_post(&f, &Permalink::default())?;
                    let e = extract_talks(&post);
                    println!("{}", serde_json::json!({"post": f.rel, "talks": e.talks}));
                }
            }
        }
    }
    Ok(())
}
