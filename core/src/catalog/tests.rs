use super::*;
use std::collections::HashSet;

use PermissionKind::{Application, Delegated};
use Resource::{ExchangeOnline, MicrosoftGraph, SharePointOnline};

/// The ids as read in the public sources named in `permissions/mod.rs`, written out a second
/// time, table-wise, so that an edit to a constant cannot slip through unnoticed.
const VERIFIED: [(Resource, PermissionKind, &str, &str); 34] = [
    // devx-content ProvisioningInfo.json, "scheme": "Application".
    (
        MicrosoftGraph,
        Application,
        "User.Read.All",
        "df021288-bdef-4463-88db-98f22de89214",
    ),
    (
        MicrosoftGraph,
        Application,
        "User.ReadWrite.All",
        "741f803b-c850-494e-b5df-cde7c675a1ca",
    ),
    (
        MicrosoftGraph,
        Application,
        "Group.Read.All",
        "5b567255-7703-4780-807c-7be8301ae99b",
    ),
    (
        MicrosoftGraph,
        Application,
        "Directory.Read.All",
        "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
    ),
    (
        MicrosoftGraph,
        Application,
        "Directory.ReadWrite.All",
        "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
    ),
    (
        MicrosoftGraph,
        Application,
        "Mail.Read",
        "810c84a8-4a9e-49e6-bf7d-12d183f40d01",
    ),
    (
        MicrosoftGraph,
        Application,
        "Mail.ReadWrite",
        "e2a3a72e-5f79-4c64-b1b1-878b674786c9",
    ),
    (
        MicrosoftGraph,
        Application,
        "Calendars.Read",
        "798ee544-9d2d-430c-a058-570e29e34338",
    ),
    (
        MicrosoftGraph,
        Application,
        "Calendars.ReadWrite",
        "ef54d2bf-783f-4e0f-bca1-3210c0444d99",
    ),
    (
        MicrosoftGraph,
        Application,
        "Contacts.Read",
        "089fe4d0-434a-44c5-8827-41ba8a0b17f5",
    ),
    (
        MicrosoftGraph,
        Application,
        "Contacts.ReadWrite",
        "6918b873-d17a-4dc1-b314-35f528134491",
    ),
    (
        MicrosoftGraph,
        Application,
        "Files.Read.All",
        "01d4889c-1287-42c6-ac1f-5d1e02578ef6",
    ),
    (
        MicrosoftGraph,
        Application,
        "Files.ReadWrite.All",
        "75359482-378d-4052-8f01-80520e7db3cd",
    ),
    (
        MicrosoftGraph,
        Application,
        "Sites.Read.All",
        "332a536c-c7ef-4017-ab91-336970924f0d",
    ),
    (
        MicrosoftGraph,
        Application,
        "Sites.ReadWrite.All",
        "9492366f-7969-46a4-8d15-ed1a20078fff",
    ),
    (
        MicrosoftGraph,
        Application,
        "Sites.FullControl.All",
        "a82116e5-55eb-4c41-a434-62fe8a61c773",
    ),
    // devx-content ProvisioningInfo.json, "scheme": "DelegatedWork".
    (
        MicrosoftGraph,
        Delegated,
        "User.Read",
        "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
    ),
    (
        MicrosoftGraph,
        Delegated,
        "User.Read.All",
        "a154be20-db9c-4678-8ab7-66f6cc099a59",
    ),
    (
        MicrosoftGraph,
        Delegated,
        "Directory.Read.All",
        "06da0dbc-49e2-44d2-8312-53f166ab848a",
    ),
    (
        MicrosoftGraph,
        Delegated,
        "Directory.ReadWrite.All",
        "c5366453-9fb0-48a5-a156-24f0c49a4b84",
    ),
    (
        MicrosoftGraph,
        Delegated,
        "Sites.ReadWrite.All",
        "89fe6a52-be36-487e-b7d8-d061c450a026",
    ),
    // pnp/cli-microsoft365 captured SharePoint service principal: appRoles.
    (
        SharePointOnline,
        Application,
        "Sites.FullControl.All",
        "678536fe-1083-478a-9c59-b99265e6b0d3",
    ),
    (
        SharePointOnline,
        Application,
        "Sites.Manage.All",
        "9bff6588-13f2-4c48-bbf2-ddab62256b36",
    ),
    (
        SharePointOnline,
        Application,
        "Sites.Read.All",
        "d13f72ca-a275-4b96-b789-48ebcc4da984",
    ),
    (
        SharePointOnline,
        Application,
        "Sites.ReadWrite.All",
        "fbcd29d2-fcca-4405-aded-518d457caae4",
    ),
    (
        SharePointOnline,
        Application,
        "User.Read.All",
        "df021288-bdef-4463-88db-98f22de89214",
    ),
    (
        SharePointOnline,
        Application,
        "User.ReadWrite.All",
        "741f803b-c850-494e-b5df-cde7c675a1ca",
    ),
    // ... and oauth2PermissionScopes.
    (
        SharePointOnline,
        Delegated,
        "AllSites.FullControl",
        "56680e0d-d2a3-4ae1-80d8-3c4f2100e3d0",
    ),
    (
        SharePointOnline,
        Delegated,
        "AllSites.Manage",
        "b3f70a70-8a4b-4f95-9573-d71c496a53f4",
    ),
    (
        SharePointOnline,
        Delegated,
        "AllSites.Read",
        "4e0d77b0-96ba-4398-af14-3baa780278f4",
    ),
    (
        SharePointOnline,
        Delegated,
        "AllSites.Write",
        "640ddd16-e5b7-4d71-9690-3f4022699ee7",
    ),
    (
        SharePointOnline,
        Delegated,
        "MyFiles.Read",
        "dd2c8d78-58e1-46d7-82dd-34d411282686",
    ),
    (
        SharePointOnline,
        Delegated,
        "MyFiles.Write",
        "2cfdc887-d7b4-4798-9b33-3d98d6b95dd2",
    ),
    // Exchange app-only PowerShell setup (manifest example).
    (
        ExchangeOnline,
        Application,
        "Exchange.ManageAsApp",
        "dc50a0fb-09a3-484d-be87-e023b12c6440",
    ),
];

/// Permission ids are written lowercase, as Graph returns them.
fn is_guid(text: &str) -> bool {
    crate::guid::is_guid(text) && !text.bytes().any(|b| b.is_ascii_uppercase())
}

#[test]
fn every_permission_id_is_a_lowercase_guid_and_unique_per_resource() {
    let mut seen = HashSet::new();
    for permission in permissions::every() {
        assert!(
            is_guid(permission.id),
            "{}: {}",
            permission.value,
            permission.id
        );
        assert!(
            seen.insert((permission.resource, permission.id)),
            "{} reuses id {} on {:?}",
            permission.value,
            permission.id,
            permission.resource
        );
    }
}

#[test]
fn every_catalog_id_matches_its_verified_source() {
    for permission in permissions::every() {
        let verified = VERIFIED.iter().find(|(resource, kind, value, _)| {
            *resource == permission.resource
                && *kind == permission.kind
                && *value == permission.value
        });
        let Some((_, _, _, id)) = verified else {
            panic!(
                "{} ({:?}) on {:?} has no verified source",
                permission.value, permission.kind, permission.resource
            );
        };
        assert_eq!(
            permission.id, *id,
            "{} on {:?}",
            permission.value, permission.resource
        );
    }
    assert_eq!(
        permissions::every().count(),
        VERIFIED.len(),
        "a verified id is not in the catalog"
    );
}

#[test]
fn delegated_and_application_ids_of_the_same_name_differ() {
    for delegated in permissions::every().filter(|p| p.kind == Delegated) {
        if let Some(application) =
            permissions::find(delegated.resource, Application, delegated.value)
        {
            assert_ne!(delegated.id, application.id, "{}", delegated.value);
        }
    }
    // The pair that matters most here: the same name, two different ids.
    assert_ne!(
        permissions::find(MicrosoftGraph, Delegated, "User.Read.All").map(|p| p.id),
        permissions::find(MicrosoftGraph, Application, "User.Read.All").map(|p| p.id)
    );
}

#[test]
fn find_compares_resource_kind_and_exact_name() {
    assert_eq!(
        permissions::find(MicrosoftGraph, Application, "Mail.Read").map(|p| p.id),
        Some("810c84a8-4a9e-49e6-bf7d-12d183f40d01")
    );
    assert_eq!(
        permissions::find(MicrosoftGraph, Application, "mail.read"),
        None
    );
    assert_eq!(
        permissions::find(SharePointOnline, Application, "Mail.Read"),
        None
    );
    assert_eq!(
        permissions::find(MicrosoftGraph, Delegated, "Mail.Read"),
        None
    );
    assert_eq!(
        permissions::find(ExchangeOnline, Application, "Exchange.ManageAsApp").map(|p| p.id),
        Some("dc50a0fb-09a3-484d-be87-e023b12c6440")
    );
}

#[test]
fn exchange_management_is_in_no_profile() {
    for profile in profiles() {
        assert!(
            profile
                .permissions
                .iter()
                .all(|p| p.value != "Exchange.ManageAsApp"),
            "{}: Exchange.ManageAsApp comes only with exchangeManagement and its role",
            profile.id
        );
    }
}

#[test]
fn read_only_asks_for_nothing_that_writes_and_needs_no_certificate() {
    let read_only = profile("read-only").expect("read-only exists");
    for permission in read_only.permissions {
        assert!(
            !permission.value.contains("Write")
                && !permission.value.contains("FullControl")
                && !permission.value.contains("Manage"),
            "{} writes",
            permission.value
        );
        assert_eq!(permission.kind, Application);
        assert_eq!(permission.resource, MicrosoftGraph);
    }
    assert!(!read_only.needs_certificate());
    let full = profile("full-backup").expect("full-backup exists");
    for workload in full.permissions.iter().map(|p| p.workload) {
        assert!(
            read_only.permissions.iter().any(|p| p.workload == workload),
            "read-only does not back up {workload:?}"
        );
    }
}

#[test]
fn kodo_compatible_keeps_every_row_it_can_and_nothing_retired() {
    let kodo = profile("kodo-compatible").expect("kodo-compatible exists");
    let has = |resource, kind, value: &str| {
        kodo.permissions
            .iter()
            .any(|p| p.resource == resource && p.kind == kind && p.value == value)
    };
    // Azure AD Graph rows, mapped to Microsoft Graph.
    assert!(has(MicrosoftGraph, Delegated, "Directory.ReadWrite.All"));
    assert!(has(MicrosoftGraph, Application, "User.ReadWrite.All"));
    assert!(has(MicrosoftGraph, Application, "Directory.Read.All"));
    assert!(has(MicrosoftGraph, Delegated, "User.Read.All"));
    // Both kinds of SharePoint rows.
    assert!(has(SharePointOnline, Delegated, "MyFiles.Write"));
    assert!(has(SharePointOnline, Application, "Sites.Manage.All"));
    assert!(!has(ExchangeOnline, Application, "full_access_as_app"));
    assert!(
        kodo.needs_certificate(),
        "SharePoint app-only needs a certificate"
    );
    // The KODO table's 33 rows, less the 2 Exchange rows (not in the profile), 1 SharePoint row
    // listed twice, and 2 Azure AD Graph rows whose Microsoft Graph equivalent is already a row.
    assert_eq!(kodo.permissions.len(), 33 - 2 - 1 - 2);
}

#[test]
fn workload_is_guessed_from_the_permission_family() {
    assert_eq!(Workload::guess("Mail.Read.Shared"), Workload::Mail);
    assert_eq!(Workload::guess("AllSites.Read"), Workload::SharePoint);
    assert_eq!(Workload::guess("Team.ReadBasic.All"), Workload::Other);
    assert_eq!(Workload::guess("GroupMember.Read.All"), Workload::Discovery);
}

#[test]
fn resources_have_config_names_that_round_trip() {
    for resource in Resource::ALL {
        assert_eq!(
            Resource::from_config_name(resource.config_name()),
            Some(resource)
        );
    }
    assert_eq!(Resource::from_config_name("MicrosoftGraph"), None);
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
                keys.insert((permission.resource, permission.kind, permission.id)),
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
    for id in [
        "full-backup",
        "exchange-only",
        "onedrive-sharepoint",
        "read-only",
        "kodo-compatible",
    ] {
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

/// The README maps every KODO row; each permission of the profile must be in that mapping.
#[test]
fn the_readme_maps_every_kodo_compatible_permission() {
    let readme = include_str!("../../../README.md");
    let mapping = readme
        .split("`kodo-compatible`, row by row")
        .nth(1)
        .and_then(|rest| rest.split("\n#### ").next())
        .expect("the README's kodo-compatible mapping");
    let kodo = profile("kodo-compatible").expect("kodo-compatible exists");
    for permission in kodo.permissions {
        let resource = match permission.resource {
            MicrosoftGraph => "G",
            SharePointOnline => "SP",
            ExchangeOnline => "Exchange",
        };
        let kind = match permission.kind {
            Application => "app",
            Delegated => "del",
        };
        let requested = format!("{resource} {} ({kind})", permission.value);
        // The second column says what the app requests for a KODO row.
        let mapped = mapping.lines().any(|line| {
            line.split('|')
                .nth(2)
                .is_some_and(|cell| cell.trim().starts_with(&requested))
        });
        assert!(mapped, "{requested} is not mapped in the README");
    }
}
