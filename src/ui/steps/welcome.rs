//! The first step: what will happen (the core's welcome screen, with this deployment's values),
//! the ways to start, and why the last sign-in failed, if it did.

use leptos::prelude::*;
use registrar_core::wizard::{Path, screens};

use crate::ui::session::Session;
use crate::ui::widgets::{ErrorCard, ScreenView};
use crate::web::windows::{Embedding, embedding};

#[component]
pub fn Welcome() -> impl IntoView {
    let session = Session::expect();
    let config = session.config();
    let welcome = RwSignal::new_local(Some(screens::welcome(&config)));
    // Inside the click: a path that signs in opens the Microsoft window now.
    let on_action = move |action: &str, _| match Path::from_action(action) {
        Some(Path::Manual) => session.choose_manual(),
        Some(path) => session.start(path),
        None => {}
    };
    view! {
        {move || session.failure.get().map(|failure| {
            let offer_this_tab = failure.popup_blocked && embedding() == Embedding::Standalone;
            view! {
                <ErrorCard id="sign-in-error" message=failure.message>
                    {failure.popup_blocked.then(|| view! {
                        <p>"Nothing was created. Your browser only lets this page open a window \
                            right after a click."</p>
                    })}
                    <div class="actions">
                        {offer_this_tab.then(|| view! {
                            <button class="secondary" id="sign-in-here"
                                on:click=move |_| session.sign_in_here()>
                                "Sign in in this tab instead"
                            </button>
                        })}
                        <button id="sign-in-retry"
                            on:click=move |_| session.start(session.wizard.get_untracked().path)>
                            "Sign in with Microsoft"
                        </button>
                    </div>
                </ErrorCard>
            }
        })}
        <ScreenView screen=welcome app_name=config.app_display_name.clone() on_action=on_action/>
    }
}
