//! The first screen: what this page will do, with the values of this deployment's configuration
//! (the core's `wizard::screens::welcome`), then the sign-in.

use std::sync::Arc;

use leptos::prelude::*;
use registrar_core::config::Config;
use registrar_core::wizard::screens;

use super::SignIn;
use super::handoff::{Handoff, HandoffNotices};
use super::screen::ScreenView;

#[component]
pub fn Welcome(config: Arc<Config>) -> impl IntoView {
    // The dashboard's link opens first: its start message may carry the sign-in's hints.
    Handoff::provide(config.clone());
    let welcome = RwSignal::new_local(Some(screens::welcome(&config)));
    view! {
        <ScreenView screen=welcome app_name=config.app_display_name.clone() on_action=|_, _| {}/>
        <HandoffNotices/>
        <SignIn config=config.clone()/>
    }
}
