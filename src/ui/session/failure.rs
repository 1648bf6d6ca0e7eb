//! Why a sign-in could not start or finish, in the admin's words, and what they can do next.

use registrar_core::auth::SignInError;

/// A failed sign-in, said on the welcome step.
#[derive(Clone)]
pub struct Failure {
    pub message: String,
    /// The popup blocker refused the window: say how to allow it, and offer this tab instead.
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

impl From<SignInError> for Failure {
    fn from(error: SignInError) -> Self {
        Failure::said(error.starting_words())
    }
}

pub fn blocked() -> Failure {
    Failure {
        message: "Your browser blocked the sign-in window. Allow pop-ups for this site (the \
                  blocked-window icon at the right of the address bar), then click “Sign in with \
                  Microsoft” again."
            .into(),
        popup_blocked: true,
    }
}

pub fn no_storage() -> Failure {
    Failure {
        message: "This browser cannot keep the sign-in while this tab visits Microsoft (its \
                  storage is off). Allow pop-ups for this site instead, then click “Sign in with \
                  Microsoft” again."
            .into(),
        popup_blocked: true,
    }
}

pub fn unsupported() -> Failure {
    Failure::said(
        "This browser cannot pass the sign-in back to this page. Use a current Edge, Chrome, \
         Firefox or Safari.",
    )
}

pub fn window_closed() -> Failure {
    Failure::said(
        "The sign-in window was closed before you finished. Nothing was created. Click “Sign in \
         with Microsoft” to start again.",
    )
}

pub fn dashboard_cancelled() -> Failure {
    Failure::said("The dashboard cancelled this registration. Nothing was created in your tenant.")
}

pub fn no_randomness() -> Failure {
    Failure::said(
        "This browser gave no secure random numbers (WebCrypto), so signing in is not safe here. \
         Use a current browser over HTTPS.",
    )
}

pub fn no_address() -> Failure {
    Failure::said("This page cannot work out its own address; reload it.")
}
