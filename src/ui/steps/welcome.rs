//! The first step: what will happen (the core's welcome screen, with this deployment's values),
//! the ways to start, and why the last sign-in failed, if it did.

use leptos::prelude::*;
use registrar_core::wizard::words::PageWords;
use registrar_core::wizard::{Path, Screen, screens};

use crate::ui::session::Session;

pub fn screen(session: Session, words: PageWords) -> Screen {
    let mut screen = screens::welcome_in(&session.handoff.shaped_config(), words);
    if let Some(failure) = session.failure.get() {
        screen.body.insert(
            0,
            screens::sign_in_failed(words, &failure.message, failure.popup_blocked),
        );
    }
    screen
}

/// A path's button, or the failure's: inside the click, so a sign-in window may open.
pub fn act(session: Session, action: &str) {
    match (action, Path::from_action(action)) {
        ("retry", _) => session.start(session.wizard.get_untracked().path),
        (_, Some(Path::Manual)) => session.choose_manual(),
        (_, Some(path)) => session.start(path),
        _ => {}
    }
}
