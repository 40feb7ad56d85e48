//! Helpers shared by the behaviour tests: fixture folders, the real binary, raw HTTP.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A temporary folder with a `posts/` folder and room for an `index/`.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("posts")).expect("posts dir");
        Fixture { dir }
    }

    pub fn posts(&self) -> PathBuf {
        self.dir.path().join("posts")
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// `talksearch serve` on this fixture's posts and index, with more flags.
    pub fn serve(&self, extra: &[&str]) -> Server {
        let (posts, index) = (self.posts(), self.index());
        let mut args = vec![
            "--posts",
            posts.to_str().expect("utf-8 path"),
            "--index",
            index.to_str().expect("utf-8 path"),
        ];
        args.extend_from_slice(extra);
        Server::start(&args, self.dir.path())
    }

    /// `talksearch index` on this fixture's posts and index, run to completion.
    pub fn run_index(&self) -> std::process::Output {
        let (posts, index) = (self.posts(), self.index());
        run(
            &[
                "index",
                "--posts",
                posts.to_str().expect("utf-8 path"),
                "--index",
                index.to_str().expect("utf-8 path"),
            ],
            self.dir.path(),
        )
    }

    /// Writes a post (path relative to `posts/`), creating folders.
    pub fn write(&self, rel: &str, text: &str) -> &Fixture {
        let path = self.posts().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write post");
        self
    }
}

/// A GET through the router without a socket: status, content type and body.
pub async fn oneshot(app: &axum::Router, uri: &str) -> (axum::http::StatusCode, String, Vec<u8>) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let request = axum::http::Request::get(uri)
        .body(axum::body::Body::empty())
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
    (status, content_type, body)
}

/// A post reporting two talks in prose, with videos.
pub const MAY_POST: &str = "---\ntitle: May talks\ntags: [internals]\n---\n\
The *first* talk was by Rivas Hameed on **Garbage Collector in Python**, from reference counts to cycles.\n\n\
[![gc](http://img.youtube.com/vi/_YRHkn-f24k/2.jpg)](https://www.youtube.com/watch?v=_YRHkn-f24k)\n\n\
The *second* talk was by Piyus Gupta on **Concurrency and Parallelism**.\n";

/// The path of the built `talksearch` binary.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_talksearch"))
}

/// Runs the binary to completion.
pub fn run(args: &[&str], cwd: &Path) -> std::process::Output {
    Command::new(binary())
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run talksearch")
}

/// A free TCP port on loopback.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// A running `talksearch serve`, killed on drop.
pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `serve` with extra args and waits (polling, up to 60 s) until `/healthz` answers.
    pub fn start(args: &[&str], cwd: &Path) -> Server {
        let port = free_port();
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(binary())
            .arg("serve")
            .args(args)
            .args(["--addr", &addr])
            .current_dir(cwd)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start server");
        let mut server = Server { child, port };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok((200, _)) = http_get(port, "/healthz") {
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("server exited early: {status}");
            }
            assert!(Instant::now() < deadline, "server did not come up on {addr}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Server {
    /// `GET path`, which must answer 200 with JSON.
    pub fn get_json(&self, path: &str) -> serde_json::Value {
        let (status, body) = http_get(self.port, path).expect("request");
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).expect("json")
    }
}

/// A GET over a plain TCP connection: (status, body).
pub fn http_get(port: u16, path_and_query: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "GET {path_and_query} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_string()
    };
    Ok((status, body))
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}
