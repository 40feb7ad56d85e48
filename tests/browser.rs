//! The search page and the drop-in widget in headless Chromium: `tests/browser/e2e.test.mjs`
//! (Node's test runner driving Chromium through playwright-core) against the real binary.
//!
//! Needs Node.js, Chromium (`/usr/bin/chromium`, or `CHROMIUM`) and
//! `npm ci --prefix tests/browser`; `.ci/run` installs them. Without them the test says what
//! is missing and passes, except under CI (`CI` set), where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

fn missing(dir: &Path, chromium: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if Command::new("node")
        .arg("--version")
        .output()
        .map_or(true, |o| !o.status.success())
    {
        out.push("Node.js (`node`)".to_string());
    }
    if !chromium.exists() {
        out.push(format!("Chromium at {} (apt-get install chromium)", chromium.display()));
    }
    if !dir.join("node_modules/playwright-core").exists() {
        out.push("playwright-core (npm ci --prefix tests/browser)".to_string());
    }
    out
}

#[test]
fn search_page_and_widget_in_headless_chromium() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    let missing = missing(&dir, &chromium);
    if !missing.is_empty() {
        let message = format!("browser tests need {}; .ci/run installs them", missing.join(", "));
        if std::env::var_os("CI").is_some() {
            panic!("{message}");
        }
        eprintln!("skipped: {message}");
        return;
    }
    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec", "e2e.test.mjs"])
        .current_dir(&dir)
        .env("TALKSEARCH_BIN", env!("CARGO_BIN_EXE_talksearch"))
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "browser tests failed:\n{report}");
    // The summary, so that a run shows what was checked.
    for line in report
        .lines()
        .filter(|l| l.trim_start().starts_with('✔') || l.contains("ℹ tests"))
    {
        eprintln!("{line}");
    }
}
