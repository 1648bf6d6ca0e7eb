//! Who signed in, to which tenant, and whether that account can finish; when it cannot, the
//! ways on: another account, or a link for a Global Administrator.

use crate::auth::ConsentAbility;
use crate::catalog::roles::role_name;
use crate::registration::messages::SummaryReport;
use crate::wizard::Words;
use crate::wizard::view::parts::{actions, facts, name, p, secondary};
use crate::wizard::view::{Node, Screen, Tag};
use crate::wizard::words::{EN_WHO, Who};

/// Whether the account that signed in can finish, in English (what the dashboard is told).
pub fn verdict(ability: ConsentAbility) -> &'static str {
    verdict_in(&EN_WHO, ability)
}

/// Whether the account that signed in can finish, in the admin's words.
pub fn verdict_in(words: &Who, ability: ConsentAbility) -> &'static str {
    match ability {
        ConsentAbility::CanGrantAll => words.can_grant_all,
        ConsentAbility::CanCreateButNotGrant => words.can_create_not_grant,
        // The roles are unknown, which is not "you cannot register".
        ConsentAbility::RolesUnreadable => words.roles_unreadable,
        ConsentAbility::CannotRegister => words.cannot_register,
    }
}

/// Who signed in: the block every later step keeps at its top. The roles are named as the
/// Entra admin center names them in the admin's language.
pub fn signed_in(words: &Words, summary: &SummaryReport) -> Node {
    let w = &words.who;
    let ability = ConsentAbility::from(summary.ability);
    let roles = if summary.roles.is_empty() {
        w.no_role.to_owned()
    } else {
        let named: Vec<&str> = summary
            .roles
            .iter()
            .map(|role| role_name(role, &words.roles))
            .collect();
        named.join(", ")
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
                w.tenant.to_owned(),
                name(summary.tenant_name.as_str()).id("tenant-name"),
            ),
            (
                words.common.tenant_id.to_owned(),
                Node::element(Tag::Code)
                    .id("tenant-id")
                    .say(summary.tenant_id.as_str()),
            ),
            (
                w.primary_domain.to_owned(),
                name(summary.primary_domain.clone().unwrap_or_default()).id("tenant-domain"),
            ),
            (w.you.to_owned(), user.id("user")),
            (
                w.your_roles.to_owned(),
                Node::element(Tag::Span).id("roles").say(roles),
            ),
        ]),
        p(verdict_in(&words.who, ability))
            .id("ability")
            .class(if ability.can_finish_alone() {
                "verdict"
            } else {
                "verdict refusal"
            }),
    ])
}

/// The step after sign-in when the account cannot finish alone: never a dead end.
pub fn who(words: &Words, summary: &SummaryReport) -> Screen {
    let w = &words.who;
    let ability = ConsentAbility::from(summary.ability);
    let mut screen = Screen::new("who", w.title).with(signed_in(words, summary));
    if !ability.can_finish_alone() {
        screen.push(p(w.hand_over));
        screen.push(actions([
            secondary("who-other-account", "select-account", w.other_account),
            secondary("who-copy-link", "copy-link", w.copy_link),
        ]));
    }
    screen
}
