//! The one way a failure is shown: a card that screen readers announce, with what went wrong
//! first and what to do next below it.

use leptos::prelude::*;

#[component]
pub fn ErrorCard(
    #[prop(into)] id: String,
    #[prop(into)] message: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="card error" id=id role="alert" tabindex="-1">
            <p class="message">{message}</p>
            {children()}
        </div>
    }
}
