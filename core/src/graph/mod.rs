//! The Microsoft Graph client every feature shares, without I/O of its own: calls and replies,
//! `$batch`, sending over the core's [`HttpClient`](crate::http::HttpClient).

pub mod batch;
pub mod call;
pub mod error;
pub mod paging;
pub mod retry;
pub mod send;

pub use call::{GraphCall, GraphReply};
pub use error::{GraphError, GraphErrorKind};
pub use paging::{Listing, Page, next_call, read_all_pages, read_remaining_pages};
pub use retry::{Jitter, Refusal, RetryPolicy, classify};
pub use send::{GraphTarget, RetryRun, Wait, WaitReason, accepted, send_calls, send_with_retry};

/// Fakes for the Graph layer's unit tests: canned answers, a clock that only counts.
#[cfg(test)]
pub(crate) mod testing {
    use std::cell::{Cell, RefCell};

    use crate::http::{HttpClient, HttpRequest, HttpResponse, Timer, Unreachable};

    /// Answers with canned responses in order; records every request it is sent. Out of
    /// answers, it is unreachable.
    pub struct Canned {
        answers: RefCell<Vec<HttpResponse>>,
        pub sent: RefCell<Vec<HttpRequest>>,
    }

    impl Canned {
        pub fn new(answers: Vec<HttpResponse>) -> Self {
            Canned {
                answers: RefCell::new(answers.into_iter().rev().collect()),
                sent: RefCell::new(Vec::new()),
            }
        }
    }

    impl HttpClient for Canned {
        async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Unreachable> {
            self.sent.borrow_mut().push(request);
            self.answers
                .borrow_mut()
                .pop()
                .ok_or_else(|| Unreachable("no more answers".into()))
        }
    }

    /// A clock that starts at 0 and moves only by the waits asked of it.
    #[derive(Default)]
    pub struct Counting(Cell<u64>);

    impl Counting {
        pub fn waited(&self) -> u64 {
            self.0.get()
        }
    }

    impl Timer for Counting {
        fn now_millis(&self) -> u64 {
            self.0.get()
        }
        async fn sleep(&self, millis: u64) {
            self.0.set(self.0.get() + millis);
        }
    }

    /// Runs a future whose I/O is all fakes that answer at once.
    pub fn block_on<F: core::future::Future>(future: F) -> F::Output {
        use core::task::{Context, Poll, Waker};
        let mut context = Context::from_waker(Waker::noop());
        let mut future = core::pin::pin!(future);
        loop {
            if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
                return output;
            }
        }
    }
}
