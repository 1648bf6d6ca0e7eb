//! The first screen: what this page will do, with the values of this deployment's configuration.

use std::sync::Arc;

use leptos::prelude::*;
use registrar_core::config::Config;

use super::SignIn;
use super::handoff::{Handoff, HandoffNotices};

#[component]
pub fn Welcome(config: Arc<Config>) -> impl IntoView {
    // The dashboard's link opens first: its start message may carry the sign-in's hints.
    Handoff::provide(config.clone());
    let cloud = match config.cloud.name() {
        Some(name) => format!("{name} cloud"),
        None => "custom endpoints".to_owned(),
    };
    let origins = if config.handoff_origins.is_empty() {
        "a settings file you download (no dashboard may receive it)".to_owned()
    } else {
        config
            .handoff_origins
            .iter()
            .map(|o| o.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    // The key's thumbprint is shown with the result, to compare with the vendor's.
    let sealing = match config.handoff_public_key {
        Some(_) => "sealed to the backup server's public key",
        None => "not sealed: only the origins above can receive it",
    };
    let permissions = format!(
        "{} ({} permissions{})",
        config.permissions_title(),
        config.requested_permissions().len(),
        if config.directory_roles().is_empty() {
            ""
        } else {
            ", and the Exchange Administrator role"
        }
    );
    let credentials = if config.needs_certificate() {
        "a client secret, and a certificate made in your browser (SharePoint's own API and \
         Exchange PowerShell accept only certificates)"
    } else {
        "a client secret"
    };
    view! {
        <section class="card" id="welcome">
            <h1>"Register “" {config.app_display_name.clone()} "” in your Microsoft 365 tenant"</h1>
            <p>
                "This page signs you in with your Microsoft work account, shows exactly what it will "
                "create and why, and creates it from your browser. No password, token or secret "
                "passes through anyone's server."
            </p>
            <dl class="facts">
                <dt>"App to create"</dt><dd>{config.app_display_name.clone()}</dd>
                <dt>"Permissions"</dt><dd>{permissions}</dd>
                <dt>"Credentials"</dt><dd>{credentials}</dd>
                <dt>"Client secret lifetime"</dt><dd>{config.secret_lifetime_days}" days"</dd>
                <dt>"Sign-in"</dt><dd>{config.endpoints.sign_in.clone()}" ("{cloud}")"</dd>
                <dt>"Microsoft Graph"</dt><dd>{config.endpoints.graph.clone()}</dd>
                <dt>"Result goes to"</dt><dd>{origins}</dd>
                <dt>"Hand-off"</dt><dd id="welcome-sealing">{sealing}</dd>
            </dl>
        </section>
        <HandoffNotices/>
        <SignIn config=config.clone()/>
    }
}
