//! What clients cannot do to the server: hold connections with slow or partial requests, send
//! huge headers, open more connections than it serves, read from a site that is not allowed.
//! Runs `talksearch::server::serve` on a loopback port with short limits.

mod util;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use talksearch::http::{AppState, cors, served};
use talksearch::index::TalkIndex;
use talksearch::server::{Limits, serve};
use talksearch::site::Site;
use talksearch::status::SharedStatus;
use talksearch::sync::FolderSync;
use util::{Fixture, MAY_POST};

const LIMITS: Limits = Limits {
    header_timeout: Duration::from_millis(400),
    idle_timeout: Duration::from_secs(5),
    max_connections: 2,
    max_header_bytes: 16 * 1024,
    drain_timeout: Duration::from_secs(2),
};

/// A server on its own runtime thread; stops when the returned sender is dropped.
struct Running {
    port: u16,
    _stop: tokio::sync::oneshot::Sender<()>,
    _fixture: Fixture,
}

fn start(origins: &[&str]) -> Running {
    let f = Fixture::new();
    f.write("2017-05-20-may-talks.md", MAY_POST);
    let index = TalkIndex::in_memory().expect("index");
    let mut sync = FolderSync::new(&index, &f.posts(), Site::default()).expect("folder");
    sync.sync_all(&index, false).expect("sync");
    let origins: Vec<String> = origins.iter().map(|s| s.to_string()).collect();
    let app = served(
        AppState::new(Arc::new(index), SharedStatus::default()),
        cors(&origins).expect("origins"),
    );
    let (port, stop, _) = spawn_serve(app);
    Running {
        port,
        _stop: stop,
        _fixture: f,
    }
}

/// `serve` on a free loopback port in a thread of its own: the port, the sender that stops it
/// (dropping it stops it too), and the thread, which ends with `serve`'s result.
fn spawn_serve(
    app: axum::Router,
) -> (
    u16,
    tokio::sync::oneshot::Sender<()>,
    std::thread::JoinHandle<std::io::Result<()>>,
) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    listener.set_nonblocking(true).expect("nonblocking");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            serve(listener, app, LIMITS, async {
                let _ = stopped.await;
            })
            .await
        })
    });
    (port, stop, thread)
}

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    s
}

/// Everything the server sends until it closes the connection.
fn read_to_close(s: &mut TcpStream) -> String {
    let mut out = Vec::new();
    match s.read_to_end(&mut out) {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
        Err(e) => panic!("the server did not close the connection: {e}"),
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn request(port: u16, head: &str) -> String {
    let mut s = connect(port);
    s.write_all(head.as_bytes()).expect("write");
    read_to_close(&mut s)
}

#[test]
fn a_client_that_never_finishes_its_request_is_cut_off() {
    let server = start(&[]);
    let started = Instant::now();
    let mut silent = connect(server.port);
    let mut partial = connect(server.port);
    partial
        .write_all(b"GET /search?q=gc HTTP/1.1\r\nHost: x\r\n")
        .expect("write");
    assert_eq!(read_to_close(&mut partial), "");
    assert_eq!(read_to_close(&mut silent), "");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "closed after {took:?}");
    // The slots are free again.
    let answer = request(
        server.port,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn huge_headers_are_refused_with_431() {
    let server = start(&[]);
    let head = format!(
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: {}\r\n\r\n",
        "a".repeat(100_000)
    );
    let mut s = connect(server.port);
    // The server may answer and close before it has read everything we send.
    let _ = s.write_all(head.as_bytes());
    let answer = read_to_close(&mut s);
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
}

#[test]
fn connections_past_the_limit_wait_for_a_free_slot() {
    let server = start(&[]);
    // Two clients hold both slots with requests they have begun but not finished.
    let mut holders: Vec<TcpStream> = (0..2)
        .map(|_| {
            let mut s = connect(server.port);
            s.write_all(b"GET /healthz HTTP/1.1\r\n").expect("write");
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let started = Instant::now();
    let answer = request(
        server.port,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let waited = started.elapsed();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // It was served only once the header timeout freed a slot.
    assert!(waited >= Duration::from_millis(200), "served after {waited:?}");
    for h in &mut holders {
        assert_eq!(read_to_close(h), "");
    }
}

#[test]
fn cors_headers_only_for_allowed_origins() {
    let server = start(&["https://meetup.example.org"]);
    let ask = |origin: &str| {
        request(
            server.port,
            &format!("GET /search?q=garbage HTTP/1.1\r\nHost: x\r\nOrigin: {origin}\r\nConnection: close\r\n\r\n"),
        )
        .to_ascii_lowercase()
    };
    let allowed = ask("https://meetup.example.org");
    assert!(allowed.starts_with("http/1.1 200"), "{allowed}");
    assert!(
        allowed.contains("access-control-allow-origin: https://meetup.example.org"),
        "{allowed}"
    );
    let other = ask("https://evil.example.com");
    assert!(other.starts_with("http/1.1 200"), "{other}");
    assert!(!other.contains("access-control-allow-origin"), "{other}");

    // A browser's preflight from the allowed site.
    let preflight = request(
        server.port,
        "OPTIONS /search?q=x HTTP/1.1\r\nHost: x\r\nOrigin: https://meetup.example.org\r\n\
         Access-Control-Request-Method: GET\r\nConnection: close\r\n\r\n",
    )
    .to_ascii_lowercase();
    assert!(preflight.starts_with("http/1.1 200"), "{preflight}");
    assert!(preflight.contains("access-control-allow-methods"), "{preflight}");
    // The CORS layer's own answer is not sniffed either.
    assert!(preflight.contains("x-content-type-options: nosniff"), "{preflight}");
}

#[test]
fn no_cors_headers_by_default_and_bad_origins_are_refused() {
    let server = start(&[]);
    let answer = request(
        server.port,
        "GET /search?q=garbage HTTP/1.1\r\nHost: x\r\nOrigin: https://meetup.example.org\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(!answer.to_ascii_lowercase().contains("access-control"), "{answer}");
    for bad in ["meetup.example.org", "https://meetup.example.org/search", "https://a b"] {
        assert!(cors(&[bad.to_string()]).is_err(), "{bad}");
    }
    assert!(cors(&["https://meetup.example.org/".to_string()]).is_ok());
}

#[test]
fn shutdown_finishes_requests_in_flight_and_stops_accepting() {
    let app = axum::Router::new().route(
        "/slow",
        axum::routing::get(|| async {
            tokio::time::sleep(Duration::from_millis(600)).await;
            "done"
        }),
    );
    let (port, stop, served) = spawn_serve(app);
    let mut in_flight = connect(port);
    in_flight
        .write_all(b"GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("write");
    std::thread::sleep(Duration::from_millis(150));
    let started = Instant::now();
    stop.send(()).expect("stop");
    let answer = read_to_close(&mut in_flight);
    assert!(
        answer.starts_with("HTTP/1.1 200") && answer.ends_with("done"),
        "{answer}"
    );
    served.join().expect("server thread").expect("serve");
    assert!(
        started.elapsed() < LIMITS.drain_timeout,
        "stopped after {:?}",
        started.elapsed()
    );
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "still accepting");
}
