//! The shell: load the configuration, then show the first screen or the configuration error page.

use std::rc::Rc;

use leptos::prelude::*;

use crate::ui::{ConfigErrorPage, Welcome};
use crate::web::config_source;

#[component]
pub fn App() -> impl IntoView {
    // Rc: the result is shared with the view and is not Clone itself.
    let startup = LocalResource::new(|| async { Rc::new(config_source::load().await) });
    view! {
        <main>
            <Suspense fallback=|| view! { <p class="muted" id="loading">"Loading configuration…"</p> }>
                {move || startup.get().map(|loaded| match &*loaded {
                    Ok(config) => view! { <Welcome config=std::sync::Arc::new(config.clone())/> }.into_any(),
                    Err(error) => view! { <ConfigErrorPage error=error.clone()/> }.into_any(),
                })}
            </Suspense>
            // Said to screen readers as the registration moves on (see `crate::web::render`).
            <p id="announce" class="visually-hidden" role="status" aria-live="polite"></p>
        </main>
    }
}
