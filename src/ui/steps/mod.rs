//! One module per wizard step (`registrar_core::wizard::Step`): each says what its step shows,
//! as a core screen, and answers its buttons. The shell shows the current step's screen with one
//! renderer, which moves the focus to a new step's heading (or its alert) and sets the tab's
//! title, so a screen reader says where the admin is.

mod signing_in;
mod welcome;
mod working;

use leptos::prelude::*;
use registrar_core::wizard::{Screen, Step};
use web_sys::Element;

use super::session::Session;
use super::widgets::ScreenView;

#[component]
pub fn Steps() -> impl IntoView {
    let session = Session::expect();
    let screen = RwSignal::new_local(None::<Screen>);
    // The hand-off's state, which the language follows, changes with every message the page
    // hears: only a screen that really changed is drawn again (drawing resets what the admin
    // typed and the focus).
    Effect::new(move |_| {
        let words = crate::web::language::page_words(session.language());
        let shown = match session.wizard.get().step {
            Step::Welcome => Some(welcome::screen(session, words)),
            Step::SigningIn => Some(signing_in::waiting(session, words)),
            Step::Checking => Some(signing_in::checking(session, words)),
            Step::Working => session.registration.screen.get(),
        };
        if screen.with_untracked(|now| *now != shown) {
            screen.set(shown);
        }
    });
    // Inside the click: a button that signs in opens the Microsoft window now.
    // A step's own screens only carry its own buttons: there is nothing else to answer.
    let on_action = move |action: &str, button: Element| match session.wizard.get_untracked().step {
        Step::Welcome => welcome::act(session, action),
        Step::SigningIn => signing_in::act(session, action),
        Step::Checking => {}
        Step::Working => working::act(session, action, button),
    };
    view! {
        <ScreenView screen=screen app_name=session.config().app_display_name.clone()
            on_action=on_action/>
        <working::Below/>
    }
}
