//! Why a sign-in could not start or finish, in the admin's words (the `SignIn` group of the
//! page's language), and what they can do next.

use registrar_core::auth::SignInError;
use registrar_core::wizard::words::SignIn;

/// A failed sign-in, said on the welcome step.
#[derive(Clone)]
pub struct Failure {
    pub message: String,
    /// The popup blocker refused the relay window: say how to allow it.
    pub popup_blocked: bool,
}

impl Failure {
    pub fn said(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            popup_blocked: false,
        }
    }
}

/// A sign-in that could not start: only a setting the page cannot use makes it fail.
pub fn not_started(error: &SignInError, w: &SignIn) -> Failure {
    Failure::said(error.starting_words(w))
}

pub fn blocked(w: &SignIn) -> Failure {
    Failure {
        message: w.popup_blocked.into(),
        popup_blocked: true,
    }
}

pub fn unsupported(w: &SignIn) -> Failure {
    Failure::said(w.unsupported)
}

pub fn window_closed(w: &SignIn) -> Failure {
    Failure::said(w.window_closed)
}

pub fn dashboard_cancelled(w: &SignIn) -> Failure {
    Failure::said(w.dashboard_cancelled)
}

pub fn no_randomness(w: &SignIn) -> Failure {
    Failure::said(w.no_randomness)
}

pub fn no_address(w: &SignIn) -> Failure {
    Failure::said(w.no_address)
}
