//! The path's own screens, built by the registration worker: who signed in, the plan, the
//! progress and the result (or the check, the rotation, the manual instructions); then the
//! hand-off's panel.

use leptos::prelude::*;
use registrar_core::wizard::Path;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

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
            if !registration.act(action) {
                session.act(action, fields_of(&button));
            }
        }
    };
    view! {
        <ScreenView screen=registration.screen app_name=session.config().app_display_name.clone()
            on_action=on_action/>
        {(path.signs_in() && session.can_register()).then(|| view! {
            <Registration signals=registration autostart={path == Path::Connect}/>
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

/// The values of the screen's fields (`data-field`), sent with its button's action.
fn fields_of(button: &Element) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let inputs = button
        .closest(".screen")
        .ok()
        .flatten()
        .and_then(|screen| screen.query_selector_all("input[data-field]").ok());
    if let Some(inputs) = inputs {
        for index in 0..inputs.length() {
            let input = inputs
                .item(index)
                .and_then(|node| node.dyn_into::<HtmlInputElement>().ok());
            if let Some(input) = input
                && let Some(name) = input.get_attribute("data-field")
            {
                fields.push((name, input.value()));
            }
        }
    }
    fields
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
