//! Long work: an import of many files, a message sent through the user's mail server. It runs on its own
//! thread, reports its progress, can be cancelled, and never holds the books while it waits on a file or the
//! network: a job reads what it needs with [`Books::read`], does its slow part with the lock free, and records
//! the outcome with [`Books::write`] (one transaction). Meanwhile the app keeps answering other requests.
//!
//! ```text
//! let job = jobs::spawn(move |progress| {
//!     let inputs = books.read(|l| …)?;            // lock held: a few milliseconds
//!     for (i, file) in files.iter().enumerate() {
//!         progress.check()?;                     // cancelled: stop, nothing written
//!         parse(file)?;                          // lock free
//!         progress.advance(i + 1, files.len());
//!     }
//!     books.write(|l| l.record(…))               // lock held: one transaction
//! });
//! job.progress();  job.cancel();  job.wait()
//! ```

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use tact_core::{Error, ErrorCode, Result};

/// Where a job stands, shared between the job and whoever watches it.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancelled: AtomicBool,
}

impl Progress {
    /// `done` of `total` steps (files, messages) are finished.
    pub fn advance(&self, done: usize, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
    }

    /// (done, total).
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Ask the work to stop at its next step (the « Annuler » button).
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// An error once the user has cancelled: the job stops at its next step, before writing anything.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::new(
                ErrorCode::Cancelled,
                "Opération annulée\u{a0}: rien n'a été enregistré.",
            ))
        } else {
            Ok(())
        }
    }
}

/// A job running on its own thread.
#[derive(Debug)]
pub struct Job<T> {
    progress: Arc<Progress>,
    handle: JoinHandle<Result<T>>,
}

/// Start `work` on its own thread.
pub fn spawn<T: Send + 'static>(
    work: impl FnOnce(&Progress) -> Result<T> + Send + 'static,
) -> Job<T> {
    let progress = Arc::new(Progress::default());
    let shared = Arc::clone(&progress);
    Job {
        handle: std::thread::spawn(move || work(&shared)),
        progress,
    }
}

impl<T> Job<T> {
    /// (done, total) so far.
    pub fn progress(&self) -> (usize, usize) {
        self.progress.get()
    }

    /// Ask the job to stop at its next step.
    pub fn cancel(&self) {
        self.progress.cancel();
    }

    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// Wait for the outcome.
    pub fn wait(self) -> Result<T> {
        self.handle.join().unwrap_or_else(|_| {
            Err(Error::new(
                ErrorCode::Io,
                "L'opération s'est interrompue sur une erreur interne\u{a0}; rien n'a été enregistré.",
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Books;
    use std::sync::mpsc;

    #[test]
    fn the_books_stay_free_while_a_job_does_its_slow_part() {
        let books = Arc::new(Books::in_memory().unwrap_or_else(|e| panic!("{e}")));
        let (to_job, job_waits) = mpsc::channel::<()>();
        let (to_test, test_waits) = mpsc::channel::<()>();
        let shared = Arc::clone(&books);
        let job = spawn(move |progress| {
            let empty = shared.read(|l| l.is_empty())?;
            progress.advance(1, 2);
            // The slow part (a file, the network): the test reads the books meanwhile. Were the lock held here,
            // its read would wait for ever and this job with it.
            to_test.send(()).ok();
            job_waits.recv().ok();
            progress.advance(2, 2);
            Ok(empty)
        });
        test_waits.recv().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(job.progress(), (1, 2));
        assert!(books.read(|l| l.is_empty()).unwrap_or(false));
        to_job.send(()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(job.wait().ok(), Some(true));
    }

    #[test]
    fn a_cancelled_job_stops_at_its_next_step() {
        let (go, wait) = mpsc::channel::<()>();
        let job = spawn(move |progress| {
            wait.recv().ok();
            for i in 0..10 {
                progress.check()?;
                progress.advance(i + 1, 10);
            }
            Ok(())
        });
        job.cancel();
        go.send(()).unwrap_or_else(|e| panic!("{e}"));
        let (done, _) = job.progress();
        let err = job.wait().err();
        assert_eq!(err.map(|e| e.code), Some(ErrorCode::Cancelled));
        assert_eq!(done, 0);
    }
}
