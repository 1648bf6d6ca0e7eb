//! The path's own screens, built by the registration worker: who signed in, the plan, the
//! progress and the result (or the check, the rotation, the manual instructions); then the
//! hand-off's panel.

use leptos::prelude::*;
use registrar_core::wizard::{Path, Step};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::ui::registration::Registration;
use crate::ui::session::Session;
use crate::ui::widgets::copy;

/// A button of the worker's screens: the page answers its own (another account, the link, the
/// plan's confirmation), the worker the rest.
pub fn act(session: Session, action: &str, button: Element) {
    let registration = session.registration;
    let path = session.wizard.get_untracked().path;
    // Inside the click, so a sign-in window may open: another account, or the manual path's
    // "sign in and check it".
    if let Some(chosen) = Path::from_action(action) {
        return session.start(chosen);
    }
    match action {
        "select-account" => return session.start(path),
        "copy-link" => return copy_page_link(button),
        _ => {}
    }
    // One click, one write: the next screen brings the button back if it is needed.
    let _ = button.set_attribute("disabled", "");
    let verb = action.split(':').next().unwrap_or(action);
    match verb {
        // With a dashboard, the old credentials go only on its acknowledgement.
        "retire-old" if session.handoff.has_dashboard() => {}
        // A write without a plan: a dashboard's cancel must not cut it off and say nothing
        // was written.
        "retire-old" | "disconnect-confirmed" => {
            session.handoff.confirm();
            session.act(action, fields_of(&button));
        }
        "confirm" => {
            registration.act(action);
        }
        // The connect path runs again from the page, which tells the dashboard; a repair or a
        // rotation runs again in the worker, on the same app.
        "run-again" if path == Path::Connect => {
            registration.act(action);
        }
        _ => session.act(action, fields_of(&button)),
    }
}

/// Below the working step's screens: the run (which tells the dashboard and shows the hand-off's
/// panel) and another sign-in.
#[component]
pub fn Below() -> impl IntoView {
    let session = Session::expect();
    let registration = session.registration;
    // Mounted once per working step: the run starts when it mounts.
    let shown = Memo::new(move |_| {
        let wizard = session.wizard.get();
        (wizard.step == Step::Working && wizard.path.signs_in()).then_some(wizard.path)
    });
    move || {
        shown.get().map(|path| {
            let (words, can_register) =
                untrack(|| {
                    let words = crate::web::language::page_words(session.language());
                    (words, session.can_register())
                });
            view! {
                {can_register.then(|| view! {
                    <Registration signals=registration autostart={path == Path::Connect}/>
                })}
                <p>
                    <button class="secondary" id="sign-in-again" on:click=move |_| session.start(path)>
                        {words.sign_in.sign_in_again}
                    </button>
                </p>
            }
        })
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
