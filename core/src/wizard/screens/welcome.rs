//! The first screen: what will happen, what will be created and why, who may do it, what never
//! leaves the browser, and who receives the result. Shown before sign-in, so the admin decides
//! with every fact in front of them.

use crate::auth::scopes::scope_specs;
use crate::config::Config;
use crate::wizard::view::parts::{
    actions, button, code, facts, h2, muted, name, p, secondary, text_list,
};
use crate::wizard::view::{Node, Screen, Tag};

use super::permission_groups;

pub fn welcome(config: &Config) -> Screen {
    let app = config.app_display_name.as_str();
    let permissions = config.requested_permissions();
    let roles = config.directory_roles();
    let receiver = if config.handoff_origins.is_empty() {
        "a settings file you download and give to your backup product".to_owned()
    } else {
        let origins: Vec<&str> = config.handoff_origins.iter().map(|o| o.as_str()).collect();
        ["your backup product's dashboard at ", &origins.join(" or ")].concat()
    };
    let credentials = if config.needs_certificate() {
        format!(
            "a client secret valid {} days, and a certificate made in your browser",
            config.secret_lifetime_days
        )
    } else {
        format!("a client secret valid {} days", config.secret_lifetime_days)
    };
    let steps = Node::element(Tag::Ol).id("welcome-steps").children(
        [
            "You sign in with your Microsoft work account, in a Microsoft window.".to_owned(),
            "This page checks that your account may grant admin consent, and shows the plan. \
             Nothing is written before you confirm it."
                .to_owned(),
            format!(
                "It creates the app “{app}” and its service principal, grants admin consent to the \
                 {} permissions below{}, and adds {credentials}.",
                permissions.len(),
                if roles.is_empty() {
                    ""
                } else {
                    " and the Exchange Administrator role"
                }
            ),
            format!("It reads everything back to check it, then gives the result to {receiver}."),
        ]
        .into_iter()
        .map(|step| Node::element(Tag::Li).say(step)),
    );

    let cloud = config
        .cloud
        .name()
        .map_or("your own sign-in and Graph addresses", |name| name);
    let sealing = match config.handoff_public_key {
        Some(_) => "Sealed: encrypted to your backup server's key, only it can open it.",
        None => "Not encrypted: sent only to the address above, over HTTPS.",
    };
    let mut certificate_reasons = config.certificate_reasons().into_iter();
    let certificate_why = certificate_reasons.next().map(|reason| reason.explain());

    let scopes = scope_specs(config.scope_options())
        .into_iter()
        .map(|scope| [scope.name, ": ", scope.reason].concat());

    let mut screen = Screen::new(
        "welcome",
        ["Connect “", app, "” to your Microsoft 365 tenant"].concat(),
    )
    .with(p(
        "Your backup product needs an app in your tenant, with permissions to read what it \
             backs up. This page creates it from your browser, in a few clicks, and shows \
             exactly what it does. No password, token or secret passes through anyone's server.",
    ))
    .with(h2("What happens"))
    .with(steps)
    .with(h2("Who can do it"))
    .with(
        p(
            "A Global Administrator, or a Privileged Role Administrator: only they may grant \
             admin consent to application permissions. An Application Administrator can create \
             the app but not grant its permissions; this page then offers a link to send to a \
             Global Administrator.",
        )
        .id("welcome-role"),
    )
    .with(
        actions([button(
            "sign-in-button",
            "path-connect",
            "Sign in with Microsoft",
        )])
        .id("welcome-actions"),
    )
    .with(
        Node::element(Tag::Details)
            .id("welcome-other-paths")
            .child(
                Node::element(Tag::Summary)
                    .say("Something else: check, rotate or remove an app, or do it by hand"),
            )
            .child(actions([
                secondary(
                    "path-check",
                    "path-check",
                    "Check or repair an existing app",
                ),
                secondary(
                    "path-maintain",
                    "path-maintain",
                    "Rotate or disconnect an app made here",
                ),
                secondary(
                    "path-manual",
                    "path-manual",
                    "Do it by hand in the Entra admin center",
                ),
            ]))
            .child(muted(
                "Checking reads only. Repairing, rotating and disconnecting show what they will \
                 change and wait for your confirmation. By hand, this page writes nothing.",
            )),
    )
    .with(h2("What the backup app gets"))
    .with(
        facts([
            ("App".to_owned(), name(app)),
            ("Credentials".to_owned(), Node::text(credentials.clone())),
            ("Result goes to".to_owned(), Node::text(receiver.clone())),
            (
                "Protection".to_owned(),
                Node::text(sealing).id("welcome-sealing"),
            ),
            (
                "You sign in at".to_owned(),
                Node::text([config.endpoints.sign_in.as_str(), " (", cloud, ")"].concat()),
            ),
        ])
        .id("welcome-facts"),
    );
    if let Some(why) = certificate_why {
        screen.push(muted(["Why a certificate: ", why].concat()));
    }
    screen.push(permission_groups("welcome-permissions", &permissions));
    if !roles.is_empty() {
        screen.push(p(
            "The app also gets the Exchange Administrator role, which Exchange Online \
             PowerShell needs to work without a user.",
        ));
    }
    screen.push(
        Node::element(Tag::Details)
            .id("welcome-two-apps")
            .child(Node::element(Tag::Summary).say("Microsoft's consent screen: why it names another app"))
            .child(p(
                "You sign in to this page's own app, the onboarding app (client id ",
            ).child(code(config.client_id.as_str())).say(
                "). Microsoft asks you to consent to what it needs to create the backup app as you, \
                 from your browser:",
            ))
            .child(text_list(scopes))
            .child(p(
                "Leave “Consent on behalf of your organization” unticked: your own consent is \
                 enough, and nobody else can then use the onboarding app.",
            ))
            .child(p(
                "The onboarding app stays listed in your Enterprise applications. To remove it \
                 afterwards: Entra admin center › Enterprise applications › the onboarding app › \
                 Properties › Delete. The backup app is a separate app, created by you.",
            )),
    );
    screen.push(
        Node::element(Tag::Details)
            .id("welcome-browser-only")
            .child(Node::element(Tag::Summary).say("What never leaves your browser"))
            .child(p(
                "Your sign-in's tokens stay in this page's memory and are dropped when you leave. \
                 The new secret and the certificate's private key go only to the receiver named \
                 above, once, and are then forgotten. Nothing is saved in the browser's storage.",
            ))
            .child(
                p("It talks only to Microsoft: ")
                    .child(code(config.endpoints.sign_in.as_str()))
                    .say(" to sign you in, ")
                    .child(code(config.endpoints.graph.as_str()))
                    .say(" to create the app."),
            ),
    );
    screen
}
