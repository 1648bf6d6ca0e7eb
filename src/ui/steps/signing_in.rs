//! While the Microsoft window is open, and while the answer is checked.

use leptos::prelude::*;

use crate::ui::session::Session;

#[component]
pub fn Waiting() -> impl IntoView {
    let session = Session::expect();
    let path = session.wizard.get_untracked().path;
    view! {
        <section class="card" id="sign-in">
            <h1 tabindex="-1">"Sign in"</h1>
            <p id="sign-in-waiting">"Finish signing in in the Microsoft window. If you closed it, or \
                cannot find it, start again: nothing has been created yet."</p>
            {move || session.foreign_response.get().then(|| view! {
                <p class="error" id="sign-in-foreign" role="status">"A sign-in answer that was not \
                    for this page arrived (from another tab, or forged) and was ignored. Keep going \
                    in the Microsoft window."</p>
            })}
            <div class="actions">
                <button id="sign-in-restart" on:click=move |_| session.start(path)>"Start sign-in again"</button>
                <button class="secondary" id="sign-in-cancel" on:click=move |_| session.cancel()>"Cancel"</button>
            </div>
        </section>
    }
}

#[component]
pub fn Checking() -> impl IntoView {
    let session = Session::expect();
    view! {
        <section class="card" id="sign-in">
            <h1 tabindex="-1">"Checking your sign-in"</h1>
            <p id="sign-in-checking">"Checking your sign-in and your roles…"</p>
            {move || session.checking_note.get().map(|note| view! {
                <p class="muted" id="sign-in-checking-wait" role="status">{note}</p>
            })}
        </section>
    }
}
