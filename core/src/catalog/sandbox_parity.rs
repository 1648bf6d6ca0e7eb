//! The sandbox tenant seeds the resource service principals every test runs against: it must
//! know every permission the catalog can ask for, with the same id, or a registration that
//! works in the sandbox would fail in a real tenant (or the other way round).

use super::{PermissionKind, Resource, permissions};
use sandbox_tenant::tenant::permissions as sandbox;

fn sandbox_list(resource: Resource, kind: PermissionKind) -> &'static [sandbox::Permission] {
    match (resource, kind) {
        (Resource::MicrosoftGraph, PermissionKind::Application) => sandbox::GRAPH_APP_ROLES,
        (Resource::MicrosoftGraph, PermissionKind::Delegated) => sandbox::GRAPH_SCOPES,
        (Resource::ExchangeOnline, PermissionKind::Application) => sandbox::EXCHANGE_APP_ROLES,
        (Resource::ExchangeOnline, PermissionKind::Delegated) => sandbox::EXCHANGE_SCOPES,
        (Resource::SharePointOnline, PermissionKind::Application) => sandbox::SHAREPOINT_APP_ROLES,
        (Resource::SharePointOnline, PermissionKind::Delegated) => sandbox::SHAREPOINT_SCOPES,
    }
}

#[test]
fn every_catalog_permission_is_in_the_sandbox_with_the_same_id() {
    for permission in permissions::every() {
        let seeded = sandbox_list(permission.resource, permission.kind)
            .iter()
            .find(|p| p.value == permission.value);
        let Some(seeded) = seeded else {
            panic!(
                "the sandbox's {:?} has no {:?} permission {}",
                permission.resource, permission.kind, permission.value
            );
        };
        assert_eq!(
            seeded.id, permission.id,
            "{} ({:?}) on {:?}",
            permission.value, permission.kind, permission.resource
        );
    }
}

#[test]
fn resource_app_ids_match_the_sandbox() {
    assert_eq!(Resource::MicrosoftGraph.app_id(), sandbox::GRAPH_APP_ID);
    assert_eq!(Resource::ExchangeOnline.app_id(), sandbox::EXCHANGE_APP_ID);
    assert_eq!(
        Resource::SharePointOnline.app_id(),
        sandbox::SHAREPOINT_APP_ID
    );
}

#[test]
fn the_exchange_role_is_known_to_the_sandbox() {
    assert_eq!(
        sandbox::roles::name(super::roles::EXCHANGE_ADMINISTRATOR.template_id),
        Some(super::roles::EXCHANGE_ADMINISTRATOR.display_name)
    );
}
