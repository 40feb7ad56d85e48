//! Accepting connections: the part of serving that protects the process from its clients.
//!
//! `axum::serve` gives a connection as long as it likes to send its request, and accepts as
//! many connections as the operating system hands over. On a public endpoint that lets a few
//! slow or idle clients hold memory and sockets without end. Here every connection must send a
//! complete request head within [`Limits::header_timeout`] (also between requests on a kept-
//! alive connection), may not sit idle past [`Limits::idle_timeout`], and at most
//! [`Limits::max_connections`] are served at once: further clients wait in the listen backlog
//! until a slot frees, instead of each costing a task and buffers. On shutdown the listener is
//! closed first, requests in flight are answered, and connections are then closed.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep};

/// What one client may cost the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time to send a request's head (request line and headers), from its first byte.
    pub header_timeout: Duration,
    /// A connection with no byte read or written for this long is closed.
    pub idle_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// Largest request head, in bytes; larger ones are answered 431.
    pub max_header_bytes: usize,
    /// How long shutdown waits for requests in flight before closing their connections.
    pub drain_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: 1024,
            max_header_bytes: 64 * 1024,
            drain_timeout: Duration::from_secs(5),
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then drains (see the module docs).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(limits.max_header_bytes.max(8192));
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break, // the semaphore is never closed; nothing more to serve
            },
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: the listener itself is fine, so
                    // wait a little for connections to close rather than spin or give up.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let io = TokioIo::new(IdleTimeout::new(stream, limits.idle_timeout));
        let connection = http.serve_connection(io, TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.drain_timeout) => {
            tracing::warn!("requests still running after {:?}; closing their connections", limits.drain_timeout);
        }
    }
    Ok(())
}

/// A stream that fails with `TimedOut` once nothing has been read or written for a while.
/// hyper times the reading of a request head once it has begun, but not a connection that
/// never sends a byte, nor a client that stops reading its answer.
struct IdleTimeout<S> {
    inner: S,
    limit: Duration,
    /// The last byte read or written.
    last: Instant,
    /// Fires at the earliest moment the connection can have been idle for `limit`; moved on
    /// only when it fires, so that busy connections do not touch the timer on every read.
    deadline: Pin<Box<Sleep>>,
}

impl<S> IdleTimeout<S> {
    fn new(inner: S, limit: Duration) -> IdleTimeout<S> {
        IdleTimeout {
            inner,
            limit,
            last: Instant::now(),
            deadline: Box::pin(tokio::time::sleep(limit)),
        }
    }

    fn touch(&mut self) {
        self.last = Instant::now();
    }

    /// What a write of the inner stream gave: bytes written count as activity; a write that
    /// waits counts towards the idle limit.
    fn wrote(&mut self, cx: &mut Context<'_>, written: Poll<std::io::Result<usize>>) -> Poll<std::io::Result<usize>> {
        match written {
            Poll::Ready(result) => {
                if matches!(result, Ok(n) if n > 0) {
                    self.touch();
                }
                Poll::Ready(result)
            }
            Poll::Pending => self.expired(cx).map(Err),
        }
    }

    /// `Ready(err)` once the connection has been idle for the limit; registers for a wake-up
    /// otherwise.
    fn expired(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Error> {
        loop {
            match self.deadline.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(()) => {
                    let due = self.last + self.limit;
                    if due > Instant::now() {
                        self.deadline.as_mut().reset(due);
                        continue;
                    }
                    return Poll::Ready(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "connection idle for too long",
                    ));
                }
            }
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for IdleTimeout<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let me = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut me.inner).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    me.touch();
                }
                Poll::Ready(result)
            }
            Poll::Pending => me.expired(cx).map(Err),
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for IdleTimeout<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<std::io::Result<usize>> {
        let me = self.get_mut();
        let written = Pin::new(&mut me.inner).poll_write(cx, data);
        me.wrote(cx, written)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let me = self.get_mut();
        match Pin::new(&mut me.inner).poll_flush(cx) {
            Poll::Pending => me.expired(cx).map(Err),
            ready => ready,
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let me = self.get_mut();
        let written = Pin::new(&mut me.inner).poll_write_vectored(cx, bufs);
        me.wrote(cx, written)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const LIMIT: Duration = Duration::from_millis(150);

    #[tokio::test]
    async fn a_peer_that_stops_reading_times_out() {
        let (ours, _theirs) = tokio::io::duplex(64);
        let mut stream = IdleTimeout::new(ours, LIMIT);
        let start = std::time::Instant::now();
        let error = loop {
            if let Err(e) = stream.write(&[b'x'; 64]).await {
                break e;
            }
        };
        assert_eq!(error.kind(), std::io::ErrorKind::TimedOut);
        assert!(start.elapsed() >= LIMIT);
    }

    #[tokio::test]
    async fn a_peer_that_keeps_talking_is_not_cut_off() {
        let (ours, mut theirs) = tokio::io::duplex(64);
        let mut stream = IdleTimeout::new(ours, LIMIT);
        tokio::spawn(async move {
            for _ in 0..6 {
                tokio::time::sleep(LIMIT / 2).await;
                if theirs.write_all(b"a").await.is_err() {
                    return;
                }
            }
            // Silent, but still connected.
            tokio::time::sleep(Duration::from_secs(10)).await;
        });
        let mut byte = [0u8; 1];
        for _ in 0..6 {
            stream
                .read_exact(&mut byte)
                .await
                .expect("each byte comes within the limit");
        }
        // Then silence.
        let error = stream.read(&mut byte).await.expect_err("times out");
        assert_eq!(error.kind(), std::io::ErrorKind::TimedOut);
    }
}
