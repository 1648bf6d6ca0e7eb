//! Who signed in, to which tenant, and whether that account can finish; when it cannot, the
//! ways on: another account, or a link for a Global Administrator.

use crate::auth::ConsentAbility;
use crate::registration::messages::SummaryReport;
use crate::wizard::view::parts::{actions, facts, name, p, secondary};
use crate::wizard::view::{Node, Screen, Tag};

/// Whether the account that signed in can finish, in the admin's words.
pub fn verdict(ability: ConsentAbility) -> &'static str {
    match ability {
        ConsentAbility::CanGrantAll => {
            "You can complete the registration, including admin consent."
        }
        ConsentAbility::CanCreateButNotGrant => {
            "You can create the app, but not grant its Microsoft Graph application permissions: that \
             needs a Global Administrator or a Privileged Role Administrator. Sign in with such an \
             account, or send this page to one."
        }
        // The roles are unknown, which is not "you cannot register".
        ConsentAbility::RolesUnreadable => {
            "Microsoft Graph did not say which administrator roles your account holds, so this page \
             cannot tell whether you can complete the registration. Sign in again to retry, or go on: \
             a step your account may not do is refused and explained."
        }
        ConsentAbility::CannotRegister => {
            "Your account cannot do this: it needs a Global Administrator or a Privileged Role \
             Administrator. Sign in with such an account, or send this page to one."
        }
    }
}

/// Who signed in: the block every later step keeps at its top.
pub fn signed_in(summary: &SummaryReport) -> Node {
    let ability = ConsentAbility::from(summary.ability);
    let roles = if summary.roles.is_empty() {
        "no administrator role".to_owned()
    } else {
        summary.roles.join(", ")
    };
    let user = Node::element(Tag::Span)
        .child(name(summary.user_name.clone().unwrap_or_default()))
        .say(" (")
        .child(name(
            summary.user_principal_name.clone().unwrap_or_default(),
        ))
        .say(")");
    Node::element(Tag::Div).id("signed-in").children([
        facts([
            (
                "Tenant".to_owned(),
                name(summary.tenant_name.as_str()).id("tenant-name"),
            ),
            (
                "Tenant id".to_owned(),
                Node::element(Tag::Code)
                    .id("tenant-id")
                    .say(summary.tenant_id.as_str()),
            ),
            (
                "Primary domain".to_owned(),
                name(summary.primary_domain.clone().unwrap_or_default()).id("tenant-domain"),
            ),
            ("You".to_owned(), user.id("user")),
            (
                "Your roles".to_owned(),
                Node::element(Tag::Span).id("roles").say(roles),
            ),
        ]),
        p(verdict(ability))
            .id("ability")
            .class(if ability.can_finish_alone() {
                "verdict"
            } else {
                "verdict refusal"
            }),
    ])
}

/// The step after sign-in when the account cannot finish alone: never a dead end.
pub fn who(summary: &SummaryReport) -> Screen {
    let ability = ConsentAbility::from(summary.ability);
    let mut screen = Screen::new("who", "Signed in").with(signed_in(summary));
    if !ability.can_finish_alone() {
        screen.push(p(
            "To hand this over, send a Global Administrator the link below: they open it, sign \
             in and finish. Nothing has been created yet.",
        ));
        screen.push(actions([
            secondary(
                "who-other-account",
                "select-account",
                "Sign in with another account",
            ),
            secondary(
                "who-copy-link",
                "copy-link",
                "Copy a link for a Global Administrator",
            ),
        ]));
    }
    screen
}
