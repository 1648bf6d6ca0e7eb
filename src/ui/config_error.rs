//! The page shown instead of the app when `config.json` is missing, unreadable or unsafe.
//! It names each key and its problem, and does nothing else: no sign-in, no network.

use leptos::prelude::*;
use registrar_core::config::ConfigError;

use crate::web::config_source::StartupError;

#[component]
pub fn ConfigErrorPage(error: StartupError) -> impl IntoView {
    let (summary, url, problems): (String, String, Vec<(String, String)>) = match error {
        StartupError::Unreachable { url, reason } => (
            "The configuration file could not be fetched.".into(),
            url,
            vec![(
                "config.json".into(),
                format!("The request failed: {reason}."),
            )],
        ),
        StartupError::NotServed { url, status } => (
            format!("The server answered HTTP {status} instead of the configuration file."),
            url,
            vec![(
                "config.json".into(),
                "Serve a config.json beside index.html (see the README's Configuration section)."
                    .into(),
            )],
        ),
        StartupError::Invalid { url, error } => match error {
            ConfigError::NotJson {
                line,
                column,
                detail,
            } => (
                "The configuration file is not valid JSON.".into(),
                url,
                vec![(
                    "config.json".into(),
                    format!("Line {line}, column {column}: {detail}."),
                )],
            ),
            ConfigError::Invalid(problems) => (
                format!("The configuration file has {} problem(s).", problems.len()),
                url,
                problems.into_iter().map(|p| (p.key, p.problem)).collect(),
            ),
        },
    };
    view! {
        <section class="card error" id="config-error" role="alert">
            <h1>"This page is not set up correctly"</h1>
            <p>{summary}</p>
            <ul class="problems">
                {problems.into_iter().map(|(key, problem)| view! {
                    <li><code class="key">{key}</code>": "<span class="problem">{problem}</span></li>
                }).collect_view()}
            </ul>
            <p class="muted">
                "Nothing was sent anywhere and nothing was changed in any tenant. Whoever hosts this page must fix "
                <code>{url}</code>"."
            </p>
        </section>
    }
}
