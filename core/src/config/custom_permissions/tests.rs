//! `customPermissions`, `"permissionProfile": "custom"` and `exchangeManagement` through
//! `parse`, and what the resulting configuration asks of the tenant.

use serde_json::{Value, json};

use crate::catalog::{PermissionKind, Resource, Workload};
use crate::config::tests::{only_problem, problems, valid};
use crate::config::{CertificateReason, ConfigProblem};

fn config(profile: &str, extra: Value) -> Value {
    let mut config = json!({
        "clientId": "11111111-2222-4333-8444-555555555555",
        "handoffOrigins": [],
        "appDisplayName": "Contoso Backup",
        "permissionProfile": profile,
    });
    if let (Some(object), Value::Object(extra)) = (config.as_object_mut(), extra) {
        object.extend(extra);
    }
    config
}

fn entry(resource: &str, permission: &str, kind: &str) -> Value {
    json!({"resource": resource, "permission": permission, "type": kind, "reason": "Back up Teams chats."})
}

fn custom(entries: Value) -> Value {
    config("custom", json!({ "customPermissions": entries }))
}

#[test]
fn a_custom_list_is_the_whole_request_with_ids_from_the_catalog_when_known() {
    let config = valid(custom(json!([
        entry("microsoftGraph", "Mail.Read", "application"),
        entry("microsoftGraph", "ChannelMessage.Read.All", "application"),
        entry("sharePointOnline", "AllSites.Read", "delegated"),
    ])));
    assert_eq!(config.permission_profile, None);
    let requested = config.requested_permissions();
    assert_eq!(requested.len(), 3);
    assert_eq!(requested[0].value, "Mail.Read");
    assert_eq!(
        requested[0].catalog_id,
        Some("810c84a8-4a9e-49e6-bf7d-12d183f40d01")
    );
    assert_eq!(requested[0].workload, Workload::Mail);
    assert_eq!(requested[0].reason, "Back up Teams chats.");
    // Unknown to the catalog: its id is resolved from the tenant at run time.
    assert_eq!(requested[1].catalog_id, None);
    assert_eq!(requested[1].workload, Workload::Other);
    assert_eq!(requested[2].resource, Resource::SharePointOnline);
    assert_eq!(requested[2].kind, PermissionKind::Delegated);
    assert_eq!(config.permissions_title(), "Custom permissions");
    // Delegated SharePoint needs no certificate.
    assert!(!config.needs_certificate());
}

#[test]
fn a_custom_list_extends_a_profile() {
    let config = valid(config(
        "exchange-only",
        json!({"customPermissions": [entry("microsoftGraph", "Files.Read.All", "application")]}),
    ));
    let requested = config.requested_permissions();
    assert_eq!(requested.len(), 6);
    assert_eq!(
        requested.last().map(|p| p.value.as_str()),
        Some("Files.Read.All")
    );
    assert_eq!(config.permissions_title(), "Exchange Online backup");
}

#[test]
fn custom_needs_a_non_empty_list() {
    let missing = only_problem(config("custom", json!({})));
    assert_eq!(missing.key, "customPermissions");
    assert!(
        missing.problem.starts_with("is missing"),
        "{}",
        missing.problem
    );
    let empty = only_problem(custom(json!([])));
    assert!(empty.problem.starts_with("is empty"), "{}", empty.problem);
    // With a profile an empty list is fine.
    let config = valid(config("read-only", json!({"customPermissions": []})));
    assert_eq!(config.custom_permissions, []);
}

#[test]
fn wrong_types_are_named_by_path() {
    let problem = only_problem(custom(json!(entry(
        "microsoftGraph",
        "Mail.Read",
        "application"
    ))));
    assert_eq!(problem.key, "customPermissions");
    assert!(
        problem.problem.contains("put the permission in brackets"),
        "{}",
        problem.problem
    );
    let found = problems(custom(
        json!(["Mail.Read", {"resource": "microsoftGraph", "permission": 7, "type": "application", "reason": "x"}]),
    ));
    let keys: Vec<&str> = found.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(
        keys,
        ["customPermissions[0]", "customPermissions[1].permission"]
    );
    assert_eq!(found[1].problem, "must be a string, not a number");
}

#[test]
fn unknown_and_missing_keys_are_all_reported() {
    let found = problems(custom(json!([
        {"resource": "microsoftGraph", "permision": "Mail.Read", "type": "application"}
    ])));
    assert_eq!(
        found,
        [
            ConfigProblem::new(
                "customPermissions[0].permision",
                "unknown key; did you mean \"permission\"?"
            ),
            ConfigProblem::new(
                "customPermissions[0].permission",
                "is missing: write the permission's name, like \"Mail.Read\""
            ),
            ConfigProblem::new(
                "customPermissions[0].reason",
                "is missing: write why the backup product needs it, in one line an admin can read"
            ),
        ]
    );
}

#[test]
fn a_resource_slip_gets_a_did_you_mean() {
    for (written, meant) in [
        ("MicrosoftGraph", "microsoftGraph"),
        ("graph", "microsoftGraph"),
        ("Microsoft Graph", "microsoftGraph"),
        ("00000003-0000-0ff1-ce00-000000000000", "sharePointOnline"),
        ("exchange", "exchangeOnline"),
    ] {
        let problem = only_problem(custom(json!([entry(written, "Mail.Read", "application")])));
        assert_eq!(problem.key, "customPermissions[0].resource");
        assert!(
            problem
                .problem
                .contains(&format!("did you mean \"{meant}\"")),
            "{written}: {}",
            problem.problem
        );
    }
    let problem = only_problem(custom(json!([entry("teams", "Mail.Read", "application")])));
    assert!(
        problem
            .problem
            .contains("write one of \"microsoftGraph\", \"exchangeOnline\", \"sharePointOnline\""),
        "{}",
        problem.problem
    );
}

#[test]
fn a_type_slip_gets_a_did_you_mean() {
    let problem = only_problem(custom(json!([entry(
        "microsoftGraph",
        "Mail.Read",
        "Application"
    )])));
    assert_eq!(problem.key, "customPermissions[0].type");
    assert!(
        problem.problem.contains("did you mean \"application\""),
        "{}",
        problem.problem
    );
    let problem = only_problem(custom(json!([entry(
        "microsoftGraph",
        "Mail.Read",
        "scope"
    )])));
    assert!(
        problem.problem.contains("did you mean \"delegated\""),
        "{}",
        problem.problem
    );
}

#[test]
fn permission_names_that_look_wrong_are_explained() {
    for (written, expected) in [
        (
            "https://graph.microsoft.com/Mail.Read",
            "write the bare permission name, \"Mail.Read\"",
        ),
        ("Read mail in all mailboxes", "has spaces"),
        (" Mail.Read", "write \"Mail.Read\""),
        (
            "810c84a8-4a9e-49e6-bf7d-12d183f40d01",
            "is an id: write the permission's name, \"Mail.Read\"",
        ),
        ("mail.read", "did you mean \"Mail.Read\""),
        ("Mail..Read", "does not look like a permission name"),
        ("", "is empty"),
    ] {
        let problem = only_problem(custom(json!([entry(
            "microsoftGraph",
            written,
            "application"
        )])));
        assert_eq!(
            problem.key, "customPermissions[0].permission",
            "{written:?}"
        );
        assert!(
            problem.problem.contains(expected),
            "{written:?}: {}",
            problem.problem
        );
    }
}

#[test]
fn retired_or_option_only_permissions_are_refused_with_the_way_forward() {
    let ews = only_problem(custom(json!([entry(
        "exchangeOnline",
        "full_access_as_app",
        "application"
    )])));
    assert!(ews.problem.contains("October 2026"), "{}", ews.problem);
    let manage = only_problem(custom(json!([entry(
        "exchangeOnline",
        "Exchange.ManageAsApp",
        "application"
    )])));
    assert!(
        manage.problem.contains("\"exchangeManagement\": true"),
        "{}",
        manage.problem
    );
    let wrong_resource = only_problem(custom(json!([entry(
        "microsoftGraph",
        "AllSites.Read",
        "delegated"
    )])));
    assert_eq!(wrong_resource.key, "customPermissions[0].resource");
    assert!(wrong_resource.problem.contains("sharePointOnline"));
    let wrong_type = only_problem(custom(json!([entry(
        "microsoftGraph",
        "User.Read",
        "application"
    )])));
    assert_eq!(wrong_type.key, "customPermissions[0].type");
}

#[test]
fn repeats_within_the_list_and_of_the_profile_are_refused() {
    let found = problems(config(
        "read-only",
        json!({"customPermissions": [
            entry("microsoftGraph", "Team.ReadBasic.All", "application"),
            entry("microsoftGraph", "Mail.Read", "application"),
            entry("microsoftGraph", "Team.ReadBasic.All", "application"),
        ]}),
    ));
    assert_eq!(
        found,
        [
            ConfigProblem::new(
                "customPermissions[1].permission",
                "Mail.Read is already in the \"read-only\" profile: remove it"
            ),
            ConfigProblem::new(
                "customPermissions[2].permission",
                "Team.ReadBasic.All is already listed (customPermissions[0]): remove one"
            ),
        ]
    );
    // The same name as another kind is another permission.
    let config = valid(custom(json!([
        entry("microsoftGraph", "User.Read.All", "application"),
        entry("microsoftGraph", "User.Read.All", "delegated"),
    ])));
    assert_eq!(config.requested_permissions().len(), 2);
}

#[test]
fn reasons_are_one_readable_line() {
    let mut item = entry("microsoftGraph", "Mail.Read", "application");
    item["reason"] = json!("two\nlines");
    assert_eq!(
        only_problem(custom(json!([item.clone()]))).key,
        "customPermissions[0].reason"
    );
    item["reason"] = json!("x".repeat(201));
    assert!(only_problem(custom(json!([item]))).problem.contains("200"));
}

#[test]
fn every_problem_in_the_list_is_reported_at_once() {
    let found = problems(custom(json!([
        entry("graph", "Mail.Read", "application"),
        entry("microsoftGraph", "Mail Read", "role"),
        {"resource": "sharePointOnline", "permission": "Sites.Read.All", "type": "application", "reason": ""},
    ])));
    let keys: Vec<&str> = found.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "customPermissions[0].resource",
            "customPermissions[1].permission",
            "customPermissions[1].type",
            "customPermissions[2].reason",
        ]
    );
}

#[test]
fn exchange_management_adds_the_permission_the_role_and_the_certificate() {
    let off = valid(config("exchange-only", json!({})));
    assert!(!off.exchange_management);
    assert!(off.directory_roles().is_empty());
    assert!(!off.needs_certificate());
    assert!(!off.scope_options().assign_directory_roles);

    let on = valid(config("exchange-only", json!({"exchangeManagement": true})));
    let last = on.requested_permissions().pop().expect("permissions");
    assert_eq!(
        (last.resource, last.value.as_str()),
        (Resource::ExchangeOnline, "Exchange.ManageAsApp")
    );
    assert_eq!(
        last.catalog_id,
        Some("dc50a0fb-09a3-484d-be87-e023b12c6440")
    );
    let roles = on.directory_roles();
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0].template_id, "29232cdf-9323-42fd-ade2-1d097af3e4de");
    assert_eq!(
        roles[0].role,
        crate::catalog::roles::Role::ExchangeAdministrator
    );
    assert_eq!(
        on.certificate_reasons(),
        [CertificateReason::ExchangeManagement]
    );
    assert!(on.scope_options().assign_directory_roles);
    assert!(on.scope_options().read_app_management_policy);

    let problem = only_problem(config(
        "exchange-only",
        json!({"exchangeManagement": "true"}),
    ));
    assert_eq!(problem.key, "exchangeManagement");
}

#[test]
fn certificate_reasons_cover_sharepoint_from_a_profile_or_the_list() {
    let full = valid(config("full-backup", json!({"exchangeManagement": true})));
    assert_eq!(
        full.certificate_reasons(),
        [
            CertificateReason::SharePointAppOnly,
            CertificateReason::ExchangeManagement
        ]
    );
    let listed = valid(custom(json!([entry(
        "sharePointOnline",
        "Sites.Read.All",
        "application"
    )])));
    assert_eq!(
        listed.certificate_reasons(),
        [CertificateReason::SharePointAppOnly]
    );
    assert!(!CertificateReason::SharePointAppOnly.explain().is_empty());
    let read_only = valid(config("read-only", json!({})));
    assert!(!read_only.needs_certificate());
}

#[test]
fn every_profile_s_permissions_are_requested_once_each() {
    for profile in crate::catalog::profiles() {
        let config = valid(config(profile.id, json!({})));
        let requested = config.requested_permissions();
        assert_eq!(requested.len(), profile.permissions.len(), "{}", profile.id);
        assert_eq!(
            config.needs_certificate(),
            profile.needs_certificate(),
            "{}",
            profile.id
        );
        assert!(requested.iter().all(|p| !p.reason.is_empty()));
    }
}

#[test]
fn a_certificate_can_be_asked_for_any_profile() {
    let asked = valid(config("exchange-only", json!({"certificate": true})));
    assert!(asked.needs_certificate());
    assert_eq!(asked.certificate_reasons(), [CertificateReason::Requested]);
    // Where the permissions already need one, the real reason is the one said.
    let full = valid(config("full-backup", json!({"certificate": true})));
    assert_eq!(
        full.certificate_reasons(),
        [CertificateReason::SharePointAppOnly]
    );
    let off = valid(config("exchange-only", json!({"certificate": false})));
    assert!(!off.needs_certificate());
    let problem = only_problem(config("exchange-only", json!({"certificate": "yes"})));
    assert_eq!(problem.key, "certificate");
}
