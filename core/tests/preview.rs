//! The tenant preview against the in-process sandbox tenant, as an admin sees it after sign-in:
//! with the registrar's own scopes every count is unknown with the permission it needs; with
//! directory and sites read permissions the counts are the tenant's.

mod common;

use common::*;
use registrar_core::graph::{RetryPolicy, RetryRun};
use registrar_core::preview::{Count, Counted, TenantPreview, read_tenant_preview};
use sandbox_tenant::tenant::seed;

async fn preview(sandbox: &Sandbox, authorization: &str) -> TenantPreview {
    read_tenant_preview(
        sandbox,
        &sandbox.timer(),
        sandbox.target(authorization),
        &RetryPolicy::default(),
        &mut RetryRun::new(3),
        &mut |_| {},
    )
    .await
}

fn counts(preview: &TenantPreview) -> [(Counted, &Count); 4] {
    [
        (Counted::Users, &preview.users),
        (Counted::Groups, &preview.groups),
        (Counted::Mailboxes, &preview.mailboxes),
        (Counted::Sites, &preview.sites),
    ]
}

#[tokio::test]
async fn the_registrars_own_sign_in_shows_which_permission_each_count_needs() {
    let sandbox = Sandbox::new("");
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let before = sandbox.graph_requests().len();
    let preview = preview(&sandbox, &admin.authorization).await;
    for (counted, count) in counts(&preview) {
        let Count::Unknown(why) = count else {
            panic!("{counted:?} should be unknown with the registrar's scopes: {count:?}");
        };
        let words = why.to_string();
        assert!(words.contains(counted.permission()), "{words}");
        assert!(words.contains("HTTP 403"), "{words}");
    }
    assert_eq!(
        sandbox.graph_requests()[before..],
        ["POST /v1.0/$batch"],
        "one round trip, nothing written"
    );
}

#[tokio::test]
async fn with_read_permissions_the_counts_are_the_tenants() {
    let sandbox = Sandbox::new("");
    let authorization = authorization_with_extra_scopes(
        &sandbox,
        seed::GLOBAL_ADMIN,
        &["User.Read.All", "Group.Read.All", "Sites.Read.All"],
    )
    .await;
    let preview = preview(&sandbox, &authorization).await;
    assert_eq!(
        preview,
        TenantPreview {
            // Seven members and one guest.
            users: Count::Known(8),
            groups: Count::Known(5),
            // The guest has an email address but no mailbox here.
            mailboxes: Count::Known(7),
            // Five sites, over pages of three.
            sites: Count::Known(5),
        }
    );
    let requests = sandbox.graph_requests();
    assert_eq!(requests[0], "POST /v1.0/$batch");
    assert!(
        requests[1..]
            .iter()
            .all(|r| r.starts_with("GET /v1.0/sites?")),
        "{requests:?}"
    );
}

#[tokio::test]
async fn only_user_reading_leaves_the_others_unknown_not_the_whole_preview() {
    let sandbox = Sandbox::new("");
    let authorization =
        authorization_with_extra_scopes(&sandbox, seed::GLOBAL_ADMIN, &["User.ReadBasic.All"])
            .await;
    let preview = preview(&sandbox, &authorization).await;
    assert_eq!(preview.users, Count::Known(8));
    assert!(
        matches!(&preview.mailboxes, Count::Unknown(w) if w.to_string().contains("User.Read.All"))
    );
    assert!(
        matches!(&preview.groups, Count::Unknown(w) if w.to_string().contains("GroupMember.Read.All"))
    );
    assert!(
        matches!(&preview.sites, Count::Unknown(w) if w.to_string().contains("Sites.Read.All"))
    );
}

#[tokio::test]
async fn a_throttled_count_inside_the_batch_is_retried() {
    let sandbox = Sandbox::new("429(retry-after=2)@GET /groups/$count#1");
    let authorization = authorization_with_extra_scopes(
        &sandbox,
        seed::GLOBAL_ADMIN,
        &["User.Read.All", "Group.Read.All", "Sites.Read.All"],
    )
    .await;
    let mut waits = Vec::new();
    let preview = read_tenant_preview(
        &sandbox,
        &sandbox.timer(),
        sandbox.target(&authorization),
        &RetryPolicy::default(),
        &mut RetryRun::new(3),
        &mut |wait| waits.push(wait),
    )
    .await;
    assert_eq!(preview.groups, Count::Known(5));
    assert_eq!(waits.len(), 1, "{waits:?}");
    assert_eq!(waits[0].seconds(), 2);
    assert!(
        sandbox
            .graph_requests()
            .contains(&"GET /v1.0/groups/$count".to_owned())
    );
}
