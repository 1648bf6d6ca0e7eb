//! The shell: load the configuration, then provide it (with the dashboard's link and the
//! admin's session) and show the current step, or the configuration error page.

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use registrar_core::config::Config;
use registrar_core::wizard::Language;

use crate::ui::{ConfigErrorPage, Handoff, HandoffNotices, Session, Steps};
use crate::web::{branding, config_source, language};

#[component]
pub fn App() -> impl IntoView {
    // A signal the one load fills, not `LocalResource` + `<Suspense>`: those link Leptos's
    // async-derived machinery and server_fn's streams into the first screen, 13 KB gzip for
    // one fetch (README, "Download size"). Rc: the result is not Clone itself.
    let startup = RwSignal::new_local(None::<Rc<_>>);
    // German words come beside the configuration when the browser asks for German (the starter
    // asked for them already), so the first screen is in German at once; after it, if the
    // configuration asks for German. A first screen waits for them two seconds at most.
    leptos::task::spawn_local(async move {
        let asked = |tag| language::asked(tag) == Language::German;
        let german = language::prefetched_german();
        let loaded = config_source::load().await;
        if loaded.as_ref().is_ok_and(|config| asked(config.language)) {
            language::await_german(german).await;
        }
        startup.set(Some(Rc::new(loaded)));
    });
    view! {
        <main>
            {move || match startup.get().as_deref() {
                None => view! { <p class="muted" id="loading">"Loading configuration…"</p> }.into_any(),
                Some(Ok(config)) => view! { <Registrar config=Arc::new(config.clone())/> }.into_any(),
                Some(Err(error)) => view! { <ConfigErrorPage error=error.clone()/> }.into_any(),
            }}
            // Said to screen readers as the registration moves on (see `crate::web::render`).
            <p id="announce" class="visually-hidden" role="status" aria-live="polite"></p>
        </main>
    }
}

/// The app for a valid configuration.
#[component]
fn Registrar(config: Arc<Config>) -> impl IntoView {
    // The dashboard's link opens first: its start message may carry the sign-in's hints.
    let handoff = Handoff::provide(config.clone());
    let app_name = config.app_display_name.clone();
    let session = Session::provide(config);
    // The vendor's look (accent colour, logo) and the page's language, followed as a
    // dashboard's start may change them.
    Effect::new(move |_| {
        let (accent, logo, _) = handoff.branding();
        let language = session.language();
        branding::apply(
            accent.as_deref(),
            logo.as_deref(),
            language.tag(),
            &app_name,
        );
    });
    view! {
        <HandoffNotices/>
        <Steps/>
    }
}
