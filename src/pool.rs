//! The threads that run index work for HTTP requests.
//!
//! Searches are CPU work of a fraction of a millisecond to a few milliseconds, too long to run on
//! the async runtime's threads, which must stay free to accept and answer connections. Tokio's
//! `spawn_blocking` hands each job to whichever of its (up to 512) blocking threads is idle, so
//! under load jobs rotate through many cold threads: measured at 10,000 posts and 64
//! connections, 2,539 requests/s against 4,760 with a few dedicated threads that stay hot.
//!
//! The queue is bounded: when it is full a job is refused at once, and the server answers 503
//! instead of queueing without end and running out of memory.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;
use tracing::error;

type Job = Box<dyn FnOnce() + Send>;

/// A fixed set of worker threads fed by a bounded queue.
pub struct Pool {
    queue: SyncSender<Job>,
}

/// Why a job did not run to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The queue was full.
    Busy,
    /// The job panicked (the panic is logged; the worker thread carries on).
    Panicked,
}

impl Pool {
    /// `threads` workers (at least one) and room for `queue` waiting jobs.
    pub fn new(threads: usize, queue: usize) -> Pool {
        let (tx, rx) = sync_channel::<Job>(queue);
        let rx = Arc::new(Mutex::new(rx));
        for n in 0..threads.max(1) {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("search-{n}"))
                .spawn(move || work(&rx));
            if let Err(e) = spawned {
                error!("cannot start search thread {n}: {e}");
            }
        }
        Pool { queue: tx }
    }

    /// Queues `job` for a worker thread; the receiver gets its result, or is closed without
    /// one if the job panicked.
    pub fn submit<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<oneshot::Receiver<T>, Refused> {
        let (tx, rx) = oneshot::channel();
        let job: Job = Box::new(move || {
            // A receiver gone (the client hung up) leaves nobody to tell.
            let _ = tx.send(job());
        });
        match self.queue.try_send(job) {
            Ok(()) => Ok(rx),
            Err(TrySendError::Full(_)) => Err(Refused::Busy),
            // Every worker is gone: nothing would run the job.
            Err(TrySendError::Disconnected(_)) => Err(Refused::Panicked),
        }
    }

    /// Runs `job` on a worker thread and waits for its result without blocking the runtime.
    pub async fn run<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Result<T, Refused> {
        self.submit(job)?.await.map_err(|_| Refused::Panicked)
    }
}

fn work(queue: &Mutex<Receiver<Job>>) {
    loop {
        let job = {
            let rx = queue.lock().unwrap_or_else(|p| p.into_inner());
            rx.recv()
        };
        let Ok(job) = job else {
            return; // The pool was dropped.
        };
        if let Err(panic) = catch_unwind(AssertUnwindSafe(job)) {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            error!("a search job panicked: {what}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;
    use std::time::Duration;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread().build().unwrap()
    }

    #[test]
    fn runs_jobs_and_returns_their_results() {
        let pool = Pool::new(2, 8);
        let results: Vec<u32> = runtime().block_on(async {
            let mut out = Vec::new();
            for n in 0..20 {
                out.push(pool.run(move || n * 2).await.unwrap());
            }
            out
        });
        assert_eq!(results, (0..20).map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_panicking_job_is_reported_and_the_worker_carries_on() {
        let pool = Pool::new(1, 8);
        runtime().block_on(async {
            let panicked = pool.run(|| -> u32 { panic!("boom") }).await;
            assert_eq!(panicked, Err(Refused::Panicked));
            assert_eq!(pool.run(|| 7).await, Ok(7));
        });
    }

    #[test]
    fn a_full_queue_refuses_at_once() {
        let pool = Pool::new(1, 1);
        let (release_tx, release_rx) = channel::<()>();
        let (started_tx, started_rx) = channel::<()>();
        // One job holds the worker, one waits in the queue, the third is refused.
        let first = pool
            .submit(move || {
                started_tx.send(()).unwrap();
                release_rx.recv().unwrap();
                1
            })
            .unwrap();
        started_rx.recv_timeout(Duration::from_secs(5)).unwrap();
        let second = pool.submit(|| 2).unwrap();
        assert_eq!(pool.submit(|| 3).err(), Some(Refused::Busy));
        release_tx.send(()).unwrap();
        runtime().block_on(async {
            assert_eq!(first.await, Ok(1));
            assert_eq!(second.await, Ok(2));
        });
    }
}
