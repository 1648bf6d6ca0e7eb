//! While the Microsoft window is open, and while its answer is checked.

use leptos::prelude::*;

use registrar_core::wizard::words::PageWords;
use registrar_core::wizard::{Screen, screens};

use crate::ui::session::Session;

pub fn waiting(session: Session, words: PageWords) -> Screen {
    let foreign = session.foreign_response.get();
    session
        .blocked_sign_in
        .with(|blocked| screens::waiting(words, foreign, blocked.as_deref()))
}

pub fn checking(session: Session, words: PageWords) -> Screen {
    session
        .checking_note
        .with(|note| screens::checking(words, note.as_deref()))
}

/// "Start again" (inside the click: the window opens now) and "Cancel".
pub fn act(session: Session, action: &str) {
    match action {
        "restart" => session.start(session.wizard.get_untracked().path),
        "cancel" => session.cancel(),
        _ => {}
    }
}
