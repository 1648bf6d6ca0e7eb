//! The first screen: what will happen, what will be created and why, who may do it, what never
//! leaves the browser, and who receives the result. Shown before sign-in, so the admin decides
//! with every fact in front of them.

use crate::auth::scopes::scope_specs;
use crate::config::Config;
use crate::wizard::view::parts::{
    actions, button, code, facts, h2, muted, name, p, secondary, text_list,
};
use crate::wizard::view::{Node, Screen, Tag};
use crate::wizard::words::fill_nodes;
use crate::wizard::words::{EN_PAGE, PageWords};

use super::permission_groups;

/// The first screen in English (the page's call until it passes the admin's language).
pub fn welcome(config: &Config) -> Screen {
    welcome_in(config, EN_PAGE)
}

/// The first screen in the admin's language.
pub fn welcome_in(config: &Config, words: PageWords) -> Screen {
    let w = &words.welcome;
    let app = config.app_display_name.as_str();
    let permissions = config.requested_permissions();
    let roles = config.directory_roles();
    let receiver = if config.handoff_origins.is_empty() {
        w.receiver_file.to_owned()
    } else {
        let origins: Vec<&str> = config.handoff_origins.iter().map(|o| o.as_str()).collect();
        w.receiver_dashboard(&origins)
    };
    let credentials = w.credentials(
        u32::from(config.secret_lifetime_days),
        config.needs_certificate(),
    );
    let steps = Node::element(Tag::Ol).id("welcome-steps").children(
        [
            w.step_sign_in.to_owned(),
            w.step_check.to_owned(),
            w.step_create(app, permissions.len(), &credentials, !roles.is_empty()),
            w.step_hand_over(&receiver),
        ]
        .into_iter()
        .map(|step| Node::element(Tag::Li).say(step)),
    );

    let cloud = config.cloud.says(w).unwrap_or(w.own_addresses);
    let sealing = match config.handoff_public_key {
        Some(_) => w.sealed,
        None => w.not_sealed,
    };
    let mut certificate_reasons = config.certificate_reasons().into_iter();
    let certificate_why = certificate_reasons
        .next()
        .map(|reason| reason.says(words.reasons));

    let scopes = scope_specs(config.scope_options())
        .into_iter()
        .map(|scope| [scope.name, ": ", words.reasons.of(scope.reason)].concat());

    let mut screen = Screen::new("welcome", w.title(app))
        .with(p(w.intro))
        .with(h2(w.what_happens))
        .with(steps)
        .with(h2(w.who_can))
        .with(p(w.who_can_words).id("welcome-role"))
        .with(actions([button("sign-in-button", "path-connect", w.sign_in)]).id("welcome-actions"))
        .with(
            Node::element(Tag::Details)
                .id("welcome-other-paths")
                .child(Node::element(Tag::Summary).say(w.other_paths))
                .child(actions([
                    secondary("path-check", "path-check", w.path_check),
                    secondary("path-maintain", "path-maintain", w.path_maintain),
                    secondary("path-manual", "path-manual", w.path_manual),
                ]))
                .child(muted(w.other_paths_note)),
        )
        .with(h2(w.what_app_gets))
        .with(
            facts([
                (words.common.app.to_owned(), name(app)),
                (
                    words.common.credentials.to_owned(),
                    Node::text(credentials.clone()),
                ),
                (w.fact_receiver.to_owned(), Node::text(receiver.clone())),
                (
                    w.fact_protection.to_owned(),
                    Node::text(sealing).id("welcome-sealing"),
                ),
                (
                    w.fact_sign_in_at.to_owned(),
                    Node::text([config.endpoints.sign_in.as_str(), " (", cloud, ")"].concat()),
                ),
            ])
            .id("welcome-facts"),
        );
    if let Some(why) = certificate_why {
        screen.push(muted(w.why_certificate(why)));
    }
    screen.push(permission_groups(
        words.permissions,
        words.reasons,
        "welcome-permissions",
        &permissions,
    ));
    if !roles.is_empty() {
        screen.push(p(w.exchange_role));
    }
    screen.push(
        Node::element(Tag::Details)
            .id("welcome-two-apps")
            .child(Node::element(Tag::Summary).say(w.two_apps))
            .child(Node::element(Tag::P).children(fill_nodes(
                w.two_apps_client,
                &[("client_id", code(config.client_id.as_str()))],
            )))
            .child(text_list(scopes).id("welcome-scopes"))
            .child(p(w.two_apps_untick))
            .child(p(w.two_apps_remove)),
    );
    screen.push(
        Node::element(Tag::Details)
            .id("welcome-browser-only")
            .child(Node::element(Tag::Summary).say(w.browser_only))
            .child(p(w.browser_only_words))
            .child(Node::element(Tag::P).children(fill_nodes(
                w.talks_only,
                &[
                    ("sign_in", code(config.endpoints.sign_in.as_str())),
                    ("graph", code(config.endpoints.graph.as_str())),
                ],
            ))),
    );
    screen
}
