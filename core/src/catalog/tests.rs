use super::permissions::ALL as EVERY_PERMISSION;
use super::*;
use std::collections::HashSet;

/// The application-permission table of /work/shared/reference/entra-and-graph.md, copied
/// verbatim, plus Group.Read.All (verified in the devx-content ProvisioningInfo.json).
const REFERENCE: [(Resource, &str, &str); 11] = [
    (
        Resource::MicrosoftGraph,
        "Mail.ReadWrite",
        "e2a3a72e-5f79-4c64-b1b1-878b674786c9",
    ),
    (
        Resource::MicrosoftGraph,
        "Calendars.ReadWrite",
        "ef54d2bf-783f-4e0f-bca1-3210c0444d99",
    ),
    (
        Resource::MicrosoftGraph,
        "Contacts.ReadWrite",
        "6918b873-d17a-4dc1-b314-35f528134491",
    ),
    (
        Resource::MicrosoftGraph,
        "Files.ReadWrite.All",
        "75359482-378d-4052-8f01-80520e7db3cd",
    ),
    (
        Resource::MicrosoftGraph,
        "Sites.FullControl.All",
        "a82116e5-55eb-4c41-a434-62fe8a61c773",
    ),
    (
        Resource::MicrosoftGraph,
        "User.Read.All",
        "df021288-bdef-4463-88db-98f22de89214",
    ),
    (
        Resource::MicrosoftGraph,
        "Directory.Read.All",
        "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
    ),
    (
        Resource::MicrosoftGraph,
        "Group.Read.All",
        "5b567255-7703-4780-807c-7be8301ae99b",
    ),
    (
        Resource::ExchangeOnline,
        "full_access_as_app",
        "dc890d15-9560-4a4c-9b7f-a736ec74ec40",
    ),
    (
        Resource::ExchangeOnline,
        "Exchange.ManageAsApp",
        "dc50a0fb-09a3-484d-be87-e023b12c6440",
    ),
    (
        Resource::SharePointOnline,
        "Sites.FullControl.All",
        "678536fe-1083-478a-9c59-b99265e6b0d3",
    ),
];

/// Permission ids are written lowercase, as Graph returns them.
fn is_guid(text: &str) -> bool {
    crate::guid::is_guid(text) && !text.bytes().any(|b| b.is_ascii_uppercase())
}

#[test]
fn every_permission_id_is_a_lowercase_guid_and_unique() {
    let mut seen = HashSet::new();
    for permission in EVERY_PERMISSION {
        assert!(
            is_guid(permission.id),
            "{}: {}",
            permission.value,
            permission.id
        );
        assert!(
            seen.insert(permission.id),
            "{} reuses id {}",
            permission.value,
            permission.id
        );
    }
}

#[test]
fn every_catalog_id_matches_the_reference() {
    for permission in EVERY_PERMISSION {
        let reference = REFERENCE.iter().find(|(resource, value, _)| {
            *resource == permission.resource && *value == permission.value
        });
        let Some((_, _, id)) = reference else {
            panic!(
                "{} on {:?} has no verified source",
                permission.value, permission.resource
            );
        };
        assert_eq!(
            permission.id, *id,
            "{} on {:?}",
            permission.value, permission.resource
        );
        assert_eq!(
            permission.kind,
            PermissionKind::Application,
            "the reference lists app roles"
        );
    }
}

#[test]
fn retired_ews_permission_is_in_no_profile() {
    for profile in profiles() {
        assert!(
            profile
                .permissions
                .iter()
                .all(|p| p.value != "full_access_as_app"),
            "{} asks for EWS, blocked from October 2026",
            profile.id
        );
    }
}

#[test]
fn every_profile_is_non_empty_without_repeats_and_explained() {
    assert!(!profiles().is_empty());
    let mut ids = HashSet::new();
    for profile in profiles() {
        assert!(ids.insert(profile.id), "profile id {} repeats", profile.id);
        assert!(!profile.permissions.is_empty(), "{} is empty", profile.id);
        let mut keys = HashSet::new();
        for permission in profile.permissions {
            assert!(
                keys.insert((permission.resource, permission.id)),
                "{} repeats {}",
                profile.id,
                permission.value
            );
            assert!(
                !permission.reason.is_empty(),
                "{} has no reason",
                permission.value
            );
        }
        let discovers = profile
            .permissions
            .iter()
            .any(|p| p.workload == Workload::Discovery);
        assert!(discovers, "{} cannot find users or groups", profile.id);
    }
}

#[test]
fn profiles_are_found_by_id() {
    for id in ["full-backup", "exchange-only", "onedrive-sharepoint"] {
        assert_eq!(profile(id).map(|p| p.id), Some(id));
    }
    assert_eq!(profile("Full-Backup"), None);
    assert_eq!(profile(""), None);
}

#[test]
fn full_backup_covers_every_workload_and_the_others_are_subsets() {
    let full = profile("full-backup").expect("full-backup exists");
    for workload in [
        Workload::Mail,
        Workload::Calendars,
        Workload::Contacts,
        Workload::OneDrive,
        Workload::SharePoint,
    ] {
        assert!(
            full.permissions.iter().any(|p| p.workload == workload),
            "{workload:?}"
        );
    }
    for narrower in ["exchange-only", "onedrive-sharepoint"] {
        let narrower = profile(narrower).expect("profile exists");
        for permission in narrower.permissions {
            assert!(
                full.permissions.contains(permission),
                "{} not in full-backup",
                permission.value
            );
        }
    }
}

#[test]
fn sharepoint_app_only_needs_a_certificate() {
    assert_eq!(
        profile("full-backup").map(Profile::needs_certificate),
        Some(true)
    );
    assert_eq!(
        profile("onedrive-sharepoint").map(Profile::needs_certificate),
        Some(true)
    );
    assert_eq!(
        profile("exchange-only").map(Profile::needs_certificate),
        Some(false)
    );
}

#[test]
fn resources_are_listed_once_each() {
    let full = profile("full-backup").map(Profile::resources);
    assert_eq!(
        full,
        Some(vec![Resource::MicrosoftGraph, Resource::SharePointOnline])
    );
    assert_eq!(
        profile("exchange-only").map(Profile::resources),
        Some(vec![Resource::MicrosoftGraph])
    );
}

#[test]
fn resource_app_ids_match_the_reference() {
    assert_eq!(
        Resource::MicrosoftGraph.app_id(),
        "00000003-0000-0000-c000-000000000000"
    );
    assert_eq!(
        Resource::ExchangeOnline.app_id(),
        "00000002-0000-0ff1-ce00-000000000000"
    );
    assert_eq!(
        Resource::SharePointOnline.app_id(),
        "00000003-0000-0ff1-ce00-000000000000"
    );
}
