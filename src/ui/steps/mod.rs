//! One component per step of the wizard (`registrar_core::wizard::Step`); the shell shows the
//! current one. When the step changes, its heading or its alert takes the focus, so a screen
//! reader says where the admin is, and the tab's title follows.

mod signing_in;
mod welcome;
mod working;

use leptos::prelude::*;
use registrar_core::wizard::Step;

use super::session::Session;
use crate::web::render::focus_step;

#[component]
pub fn Steps() -> impl IntoView {
    let session = Session::expect();
    let step = Memo::new(move |_| session.wizard.get().step);
    let app_name = session.config().app_display_name.clone();
    Effect::new(move |_| {
        let wizard = session.wizard.get();
        // Screens after sign-in set their own title and focus when they arrive.
        if wizard.step != Step::Working {
            focus_step(wizard.title(), &app_name);
        }
    });
    move || match step.get() {
        Step::Welcome => welcome::Welcome().into_any(),
        Step::SigningIn => signing_in::Waiting().into_any(),
        Step::Checking => signing_in::Checking().into_any(),
        Step::Working => working::Working().into_any(),
    }
}
