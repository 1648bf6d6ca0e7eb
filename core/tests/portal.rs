//! The manual path as an admin would follow it: the manifest fragment they paste and the steps
//! they read, for every built-in profile, with and without Exchange management.

use registrar_core::catalog::{self, PermissionKind, Resource};
use registrar_core::config::{self, Config};
use registrar_core::portal::{self, ManualRegistration};
use registrar_core::wizard::words::EN_PORTAL;
use serde_json::Value;

fn config(profile: &str, exchange_management: bool) -> Config {
    config::parse(&format!(
        r#"{{ "clientId": "3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856", "cloud": "global",
             "handoffOrigins": [], "appDisplayName": "Contoso <Backup> & Co",
             "permissionProfile": "{profile}", "secretLifetimeDays": 365,
             "exchangeManagement": {exchange_management} }}"#
    ))
    .expect("a valid configuration")
}

/// `(resourceAppId, id, type)` of every entry of a pasted `requiredResourceAccess`.
fn entries(json: &str) -> Vec<(String, String, String)> {
    let parsed: Value = serde_json::from_str(json).expect("the fragment is JSON");
    let mut out = Vec::new();
    for resource in parsed.as_array().expect("a list") {
        let app_id = resource["resourceAppId"].as_str().expect("resourceAppId");
        for access in resource["resourceAccess"]
            .as_array()
            .expect("resourceAccess")
        {
            out.push((
                app_id.to_owned(),
                access["id"].as_str().expect("id").to_owned(),
                access["type"].as_str().expect("type").to_owned(),
            ));
        }
    }
    out
}

#[test]
fn the_manifest_holds_exactly_each_profiles_catalog_ids() {
    for profile in catalog::profiles() {
        let fragment = portal::required_resource_access(&profile.requested());
        assert!(fragment.left_out.is_empty(), "{}", profile.id);
        let mut pasted = entries(&fragment.json);
        let mut expected: Vec<(String, String, String)> = profile
            .permissions
            .iter()
            .map(|p| {
                let kind = match p.kind {
                    PermissionKind::Application => "Role",
                    PermissionKind::Delegated => "Scope",
                };
                (
                    p.resource.app_id().to_owned(),
                    p.id.to_owned(),
                    kind.to_owned(),
                )
            })
            .collect();
        assert_eq!(pasted.len(), expected.len(), "{}: each once", profile.id);
        pasted.sort();
        expected.sort();
        assert_eq!(pasted, expected, "{}", profile.id);
    }
}

#[test]
fn exchange_management_adds_manage_as_app_to_the_manifest() {
    let request = ManualRegistration::from_config(&config("exchange-only", true));
    let pasted = entries(&portal::required_resource_access(&request.permissions).json);
    assert!(pasted.contains(&(
        Resource::ExchangeOnline.app_id().to_owned(),
        "dc50a0fb-09a3-484d-be87-e023b12c6440".to_owned(),
        "Role".to_owned()
    )));
}

#[test]
fn the_steps_name_each_permission_once_with_its_reason() {
    for profile in catalog::profiles() {
        for exchange in [false, true] {
            let request = ManualRegistration::from_config(&config(profile.id, exchange));
            let portal = portal::admin_portal(registrar_core::config::Cloud::Global);
            let steps = portal::steps(&request, portal.as_ref(), Some("Contoso Ltd"));
            let sentences: Vec<&str> = steps
                .iter()
                .flat_map(|s| s.sentences.iter().map(String::as_str))
                .collect();
            for permission in &request.permissions {
                let named = format!(
                    "{}: {} ({})",
                    permission.resource.display_name(),
                    permission.value,
                    portal::kind_words(permission.kind, &EN_PORTAL)
                );
                let naming: Vec<&&str> =
                    sentences.iter().filter(|s| s.starts_with(&named)).collect();
                assert_eq!(naming.len(), 1, "{}: {named}", profile.id);
                assert!(
                    naming[0].ends_with(&format!("Why: {}", permission.reason)),
                    "{}",
                    naming[0]
                );
            }
        }
    }
}

#[test]
fn the_steps_follow_the_configuration() {
    let request = ManualRegistration::from_config(&config("full-backup", true));
    let portal = portal::admin_portal(registrar_core::config::Cloud::Global);
    let steps = portal::steps(&request, portal.as_ref(), Some("Contoso Ltd"));
    let titles: Vec<&str> = steps.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Register an application",
            "API permissions: Microsoft Graph",
            "API permissions: Office 365 Exchange Online",
            "API permissions: Office 365 SharePoint Online",
            "Grant admin consent",
            "Add a client secret",
            "Upload the certificate",
            "Give the app the Exchange Administrator role",
            "Copy the ids",
        ]
    );
    let text = |title: &str| {
        steps
            .iter()
            .find(|s| s.title == title)
            .map(|s| s.sentences.join(" "))
            .unwrap_or_default()
    };
    let register = text("Register an application");
    assert!(register.contains("https://entra.microsoft.com"));
    assert!(register.contains("Name: Contoso <Backup> & Co"));
    assert!(register.contains("Single tenant"));
    assert!(register.contains("Redirect URI: leave it empty"));
    assert!(text("Grant admin consent").contains("Grant admin consent for Contoso Ltd"));
    assert!(text("Add a client secret").contains("Expires: 365 days"));
    assert!(text("Upload the certificate").contains("SharePoint"));
    assert!(text("Copy the ids").contains("Application (client) ID"));

    // A profile without SharePoint app-only and without Exchange management: no certificate,
    // no role; a custom cloud names no host.
    let plain = ManualRegistration::from_config(&config("read-only", false));
    let plain_steps = portal::steps(&plain, None, None);
    assert!(
        plain_steps
            .iter()
            .all(|s| s.title != "Upload the certificate")
    );
    assert!(plain_steps.iter().all(|s| !s.title.contains("role")));
    assert!(plain_steps[0].sentences[0].contains("your cloud's Microsoft Entra admin center"));
    assert!(plain_steps.iter().any(|s| {
        s.sentences
            .iter()
            .any(|t| t.contains("Grant admin consent for your organization"))
    }));
}
