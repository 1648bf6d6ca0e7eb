//! Shows the core's screens ([`Screen`]): the DOM is made by `crate::web::render`, the clicks on
//! a screen's buttons come back here by their `data-action` name, and copy buttons copy.

use leptos::ev::MouseEvent;
use leptos::html::Div;
use leptos::prelude::*;
use registrar_core::wizard::Screen;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::copy::copy_on_click;
use crate::web::download::object_url;
use crate::web::render::render;

/// The screen `screen` holds, kept up to date; `on_action` gets each button's `data-action`.
#[component]
pub fn ScreenView(
    screen: RwSignal<Option<Screen>, LocalStorage>,
    #[prop(into)] app_name: String,
    on_action: impl Fn(&str, Element) + 'static,
) -> impl IntoView {
    let into = NodeRef::<Div>::new();
    Effect::new(move || {
        if let Some(element) = into.get() {
            screen.with(|screen| {
                if let Some(screen) = screen {
                    render(screen, &element, &app_name);
                }
            });
        }
    });
    let on_click = move |event: MouseEvent| {
        let button = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|target| target.closest("[data-action]").ok().flatten());
        if let Some(link) = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|target| target.closest("a[data-text]").ok().flatten())
        {
            // The change record: a file of the page's own, so it outlives the worker that
            // wrote it (it ends with the hand-off).
            if let Some(url) = link
                .get_attribute("data-text")
                .and_then(|text| object_url(text.as_bytes(), "text/plain"))
            {
                let _ = link.set_attribute("href", &url);
            }
            return;
        }
        match button {
            Some(button) => {
                if let Some(action) = button.get_attribute("data-action") {
                    on_action(&action, button)
                }
            }
            None => copy_on_click(event),
        }
    };
    view! { <div class="card" node_ref=into on:click=on_click></div> }
}
