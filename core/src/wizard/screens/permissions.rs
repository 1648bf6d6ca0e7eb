//! The permissions the new app gets, grouped by the part of Microsoft 365 they serve, each with
//! its type, its API and why a backup needs it.

use crate::catalog::{PermissionKind, RequestedPermission, Workload};
use crate::wizard::view::parts::{code, h3};
use crate::wizard::view::{Node, Tag};

const ORDER: [(Workload, &str); 7] = [
    (Workload::Discovery, "Finding what to back up"),
    (Workload::Mail, "Mail"),
    (Workload::Calendars, "Calendars"),
    (Workload::Contacts, "Contacts"),
    (Workload::OneDrive, "OneDrive"),
    (Workload::SharePoint, "SharePoint and Teams files"),
    (Workload::Other, "Other"),
];

/// "Application permission: the backup uses it without anyone signed in."
fn kind_words(kind: PermissionKind) -> &'static str {
    match kind {
        PermissionKind::Application => "application (used by the backup without a user)",
        PermissionKind::Delegated => "delegated (used on behalf of a signed-in user)",
    }
}

/// Every permission, by workload; `id` names the list for tests and styles.
pub fn permission_groups(id: &str, permissions: &[RequestedPermission]) -> Node {
    let mut groups = Node::element(Tag::Div).id(id).class("permissions");
    for (workload, title) in ORDER {
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
                .say([" — ", p.resource.display_name(), ", ", kind_words(p.kind)].concat())
                .child(
                    Node::element(Tag::Span)
                        .class("reason")
                        .say(p.reason.as_str()),
                )
        });
        groups = groups
            .child(h3(title))
            .child(Node::element(Tag::Ul).children(items));
    }
    groups
}
