//! Pieces some screens add: a short "working" screen, the tenant preview on the plan, the links
//! to the app in the Entra admin center, a notice.

use crate::portal::AdminPortal;
use crate::preview::{Count, Counted, TenantPreview};
use crate::registration::messages::SummaryReport;
use crate::wizard::view::parts::{facts, h2, link, muted, p};
use crate::wizard::view::{Node, Screen, Tag};

use super::signed_in;

/// While Graph is read or written for a maintenance step.
pub fn busy(summary: &SummaryReport, title: &str, words: &str) -> Screen {
    Screen::new("busy", title)
        .with(signed_in(summary))
        .with(p(words).id("busy").attr("data-announce", "polite"))
}

/// What the backup will see, counted before the admin confirms.
pub fn tenant_preview(preview: &TenantPreview) -> Node {
    let rows = Counted::ALL.iter().map(|counted| {
        let count = match counted {
            Counted::Users => &preview.users,
            Counted::Groups => &preview.groups,
            Counted::Mailboxes => &preview.mailboxes,
            Counted::Sites => &preview.sites,
        };
        let value = match count {
            Count::Known(n) => Node::element(Tag::Strong).say(n.to_string()),
            Count::Unknown(why) => Node::element(Tag::Span)
                .class("muted")
                .say(["unknown: ", why.as_str()].concat()),
        };
        (
            capitalised(counted.words()),
            value.attr("data-count", counted.words()),
        )
    });
    Node::element(Tag::Div).id("tenant-preview").children([
        h2("What the backup will see"),
        facts(rows),
        muted("Read with your sign-in, just now. Mailboxes are an upper estimate: shared and room mailboxes count too."),
    ])
}

fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Links to the app in the Entra admin center of the tenant's cloud.
pub fn admin_links(portal: &AdminPortal, app_id: &str) -> Option<Node> {
    let overview = portal.app_overview(app_id)?;
    let permissions = portal.app_api_permissions(app_id)?;
    let credentials = portal.app_certificates_and_secrets(app_id)?;
    Some(Node::element(Tag::Div).id("admin-links").children([
        h2(["See it in the ", portal.name()].concat()),
        Node::element(Tag::Ul).children([
            Node::element(Tag::Li).child(link(
                "admin-link-overview",
                &overview,
                "The app registration",
            )),
            Node::element(Tag::Li).child(link(
                "admin-link-permissions",
                &permissions,
                "Its API permissions and consent",
            )),
            Node::element(Tag::Li).child(link(
                "admin-link-credentials",
                &credentials,
                "Its certificates and secrets",
            )),
        ]),
    ]))
}

/// A note that something did not go as planned, and what it means.
pub fn notice(id: &str, words: &str) -> Node {
    p(words).id(id).class("refusal").attr("role", "status")
}
