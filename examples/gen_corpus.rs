//! Writes a synthetic corpus of meetup reports for benchmarks:
//! `cargo run --release --example gen_corpus -- OUT N` writes posts 0..N under OUT.

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(out), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse::<u64>().ok())) else {
        eprintln!("usage: gen_corpus OUT N");
        std::process::exit(2);
    };
    let start = std::time::Instant::now();
    match corpus::write(std::path::Path::new(out), n) {
        Ok(bytes) => println!(
            "{n} posts, {:.1} MB of Markdown in {out} ({:.1} s)",
            bytes as f64 / 1e6,
            start.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("gen_corpus: {out}: {e}");
            std::process::exit(1);
        }
    }
}
