//! The path's own screens, built by the registration worker: who signed in, the plan, the
//! progress and the result (or the check, the rotation, the manual instructions); then the
//! hand-off's panel.

use leptos::prelude::*;
use registrar_core::wizard::Path;
use web_sys::Element;

use crate::ui::registration::Registration;
use crate::ui::session::Session;
use crate::ui::widgets::{ScreenView, copy};

#[component]
pub fn Working() -> impl IntoView {
    let session = Session::expect();
    let registration = session.registration;
    let path = session.wizard.get_untracked().path;
    // Inside the click, so another account's sign-in window may open.
    let on_action = move |action: &str, button: Element| match action {
        "select-account" => session.start(path),
        "copy-link" => copy_page_link(button),
        "confirm" => {
            // Said at once: making a certificate takes a moment before the first write.
            let _ = button.set_attribute("disabled", "");
            button.set_text_content(Some("Creating…"));
            registration.act(action);
        }
        _ => {
            registration.act(action);
        }
    };
    view! {
        <ScreenView screen=registration.screen app_name=session.config().app_display_name.clone()
            on_action=on_action/>
        {(path == Path::Connect && session.can_register()).then(|| view! {
            <Registration signals=registration/>
        })}
        {path.signs_in().then(|| view! {
            <p>
                <button class="secondary" id="sign-in-again" on:click=move |_| session.start(path)>
                    "Sign in again, or with another account"
                </button>
            </p>
        })}
    }
}

/// Copies this page's address (without its query or fragment) for a Global Administrator.
fn copy_page_link(button: Element) {
    let link = web_sys::window().and_then(|w| {
        let location = w.location();
        Some([location.origin().ok()?, location.pathname().ok()?].concat())
    });
    if let Some(link) = link {
        copy(
            &link,
            button,
            "Link copied: send it to a Global Administrator",
        );
    }
}
