//! The permissions the new app gets, grouped by the part of Microsoft 365 they serve, each with
//! its type, its API and why a backup needs it.

use crate::catalog::{PermissionKind, RequestedPermission, Workload};
use crate::wizard::view::parts::{code, h3};
use crate::wizard::view::{Node, Tag};
use crate::wizard::words::{Permissions, Reasons};

/// The groups in the order they are shown, with their titles.
fn groups(words: &Permissions) -> [(Workload, &'static str); 7] {
    [
        (Workload::Discovery, words.discovery),
        (Workload::Mail, words.mail),
        (Workload::Calendars, words.calendars),
        (Workload::Contacts, words.contacts),
        (Workload::OneDrive, words.onedrive),
        (Workload::SharePoint, words.sharepoint),
        (Workload::Other, words.other),
    ]
}

/// "Application permission: the backup uses it without anyone signed in."
fn kind_words(words: &Permissions, kind: PermissionKind) -> &'static str {
    match kind {
        PermissionKind::Application => words.application,
        PermissionKind::Delegated => words.delegated,
    }
}

/// Every permission, by workload; `id` names the list for tests and styles.
pub fn permission_groups(
    words: &Permissions,
    reasons: &Reasons,
    id: &str,
    permissions: &[RequestedPermission],
) -> Node {
    let mut out = Node::element(Tag::Div).id(id).class("permissions");
    for (workload, title) in groups(words) {
        let in_group: Vec<&RequestedPermission> = permissions
            .iter()
            .filter(|p| p.workload == workload)
            .collect();
        if in_group.is_empty() {
            continue;
        }
        let items = in_group.into_iter().map(|p| {
            Node::element(Tag::Li)
                .attr("data-permission", p.value.as_str())
                .child(code(p.value.as_str()))
                .say(
                    [
                        " — ",
                        p.resource.display_name(),
                        ", ",
                        kind_words(words, p.kind),
                    ]
                    .concat(),
                )
                .child(
                    Node::element(Tag::Span)
                        .class("reason")
                        .say(reasons.of(&p.reason)),
                )
        });
        out = out
            .child(h3(title))
            .child(Node::element(Tag::Ul).children(items));
    }
    out
}
