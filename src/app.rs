//! The shell: load the configuration, then provide it (with the dashboard's link and the
//! admin's session) and show the current step, or the configuration error page.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use registrar_core::config::Config;
use wasm_bindgen::JsCast;

use crate::ui::{ConfigErrorPage, Handoff, HandoffNotices, Session, Steps};
use crate::web::config_source;

#[component]
pub fn App() -> impl IntoView {
    // Rc: the result is shared with the view and is not Clone itself.
    let startup = LocalResource::new(|| async { Rc::new(config_source::load().await) });
    view! {
        <main>
            <Suspense fallback=|| view! { <p class="muted" id="loading">"Loading configuration…"</p> }>
                {move || startup.get().map(|loaded| match &*loaded {
                    Ok(config) => view! { <Registrar config=Arc::new(config.clone())/> }.into_any(),
                    Err(error) => view! { <ConfigErrorPage error=error.clone()/> }.into_any(),
                })}
            </Suspense>
            // Said to screen readers as the registration moves on (see `crate::web::render`).
            <p id="announce" class="visually-hidden" role="status" aria-live="polite"></p>
        </main>
    }
}

/// Sets the page's `--accent` colour (style.css uses it for buttons, links and focus).
fn set_accent(accent: Option<&str>) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let (Some(root), Some(accent)) = (root, accent) {
        let _ = root.style().set_property("--accent", accent);
    }
}

/// The app for a valid configuration.
#[component]
fn Registrar(config: Arc<Config>) -> impl IntoView {
    // The dashboard's link opens first: its start message may carry the sign-in's hints.
    let handoff = Handoff::provide(config.clone());
    let app_name = config.app_display_name.clone();
    Session::provide(config);
    // The vendor's accent colour, on the whole page (checked for contrast by the core).
    Effect::new(move |_| {
        let (accent, _, _) = handoff.branding();
        set_accent(accent.as_deref());
    });
    let logo = move || {
        handoff.branding().1.map(|url| {
            view! { <img id="brand-logo" src=url alt=app_name.clone() height="40"/> }
        })
    };
    view! {
        {logo}
        <HandoffNotices/>
        <Steps/>
    }
}
