//! Pieces some screens add: a short "working" screen, the tenant preview on the plan, the links
//! to the app in the Entra admin center, a notice.

use crate::portal::AdminPortal;
use crate::preview::{Count, Counted, TenantPreview};
use crate::registration::messages::SummaryReport;
use crate::wizard::Words;
use crate::wizard::view::parts::{facts, h2, link, muted, p};
use crate::wizard::view::{Node, Screen, Tag};
use crate::wizard::words::EN_PREVIEW;

use super::signed_in;

/// While Graph is read or written for a maintenance step: `title` and `says` are the caller's,
/// from `words.busy`.
pub fn busy(words: &Words, summary: &SummaryReport, title: &str, says: &str) -> Screen {
    Screen::new("busy", title)
        .with(signed_in(words, summary))
        .with(p(says).id("busy").attr("data-announce", "polite"))
}

/// What the backup will see, counted before the admin confirms.
pub fn tenant_preview(words: &Words, preview: &TenantPreview) -> Node {
    let w = &words.extras;
    let rows = Counted::ALL.iter().map(|counted| {
        let (count, label) = match counted {
            Counted::Users => (&preview.users, w.users),
            Counted::Groups => (&preview.groups, w.groups),
            Counted::Mailboxes => (&preview.mailboxes, w.mailboxes),
            Counted::Sites => (&preview.sites, w.sites),
        };
        let value = match count {
            Count::Known(n) => Node::element(Tag::Strong).say(n.to_string()),
            // Why it is unknown, in the admin's language.
            Count::Unknown(why) => Node::element(Tag::Span)
                .class("muted")
                .say(w.unknown(&why.says(&words.preview))),
        };
        // A stable name for tests and styles: the English words.
        (
            label.to_owned(),
            value.attr("data-count", counted.says(&EN_PREVIEW)),
        )
    });
    Node::element(Tag::Div).id("tenant-preview").children([
        h2(w.preview_heading),
        facts(rows),
        muted(w.preview_note),
    ])
}

/// Links to the app in the Entra admin center of the tenant's cloud.
pub fn admin_links(words: &Words, portal: &AdminPortal, app_id: &str) -> Option<Node> {
    let w = &words.extras;
    let overview = portal.app_overview(app_id)?;
    let permissions = portal.app_api_permissions(app_id)?;
    let credentials = portal.app_certificates_and_secrets(app_id)?;
    Some(Node::element(Tag::Div).id("admin-links").children([
        h2(w.see_it_in(words.portal_name(portal))),
        Node::element(Tag::Ul).children([
            Node::element(Tag::Li).child(link("admin-link-overview", &overview, w.link_overview)),
            Node::element(Tag::Li).child(link(
                "admin-link-permissions",
                &permissions,
                w.link_permissions,
            )),
            Node::element(Tag::Li).child(link(
                "admin-link-credentials",
                &credentials,
                w.link_credentials,
            )),
        ]),
    ]))
}

/// A note that something did not go as planned, and what it means (the caller's words).
pub fn notice(id: &str, says: &str) -> Node {
    p(says).id(id).class("refusal").attr("role", "status")
}
