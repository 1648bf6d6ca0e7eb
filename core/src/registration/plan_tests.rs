//! The plan and its diff on canned tenant facts.

use serde_json::json;

use super::diff::DelegatedChange;
use super::facts::{Assignment, DelegatedGrant, ExistingApp, Facts, ResourcePrincipal, SecretRule};
use super::plan::{AppAction, compute};
use super::request::{RegistrationRequest, unique_name};
use super::secret::{secret_name, verified_tag};
use super::stop::Stop;
use super::time::iso_from_millis;
use crate::auth::ConsentAbility;
use crate::catalog::{self, PermissionKind, RequestedPermission, Resource, Workload};

/// The time the plans are computed at (2026-11-18).
const NOW: u64 = 1_795_000_000_000;
const GRAPH_SP: &str = "sp-graph";
const MAIL: &str = "e2a3a72e-5f79-4c64-b1b1-878b674786c9";
const USERS: &str = "df021288-bdef-4463-88db-98f22de89214";
const OTHER: &str = "11111111-1111-1111-1111-111111111111";
const USER_READ_SCOPE: &str = "e1fe6dd8-ba31-4d61-89e7-88639da4683d";

fn graph() -> ResourcePrincipal {
    ResourcePrincipal::from_json(&json!({
        "id": GRAPH_SP, "appId": Resource::MicrosoftGraph.app_id(), "displayName": "Microsoft Graph",
        "appRoles": [
            { "id": MAIL, "value": "Mail.ReadWrite" },
            { "id": USERS, "value": "User.Read.All" },
            { "id": OTHER, "value": "Directory.ReadWrite.All" },
        ],
        "oauth2PermissionScopes": [{ "id": USER_READ_SCOPE, "value": "User.Read" }],
    }))
}

fn permission(value: &str, kind: PermissionKind) -> RequestedPermission {
    RequestedPermission {
        resource: Resource::MicrosoftGraph,
        kind,
        value: value.into(),
        workload: Workload::Mail,
        reason: format!("because {value}"),
        catalog_id: None,
    }
}

fn request() -> RegistrationRequest {
    RegistrationRequest {
        tenant_id: "t".into(),
        app_display_name: "Contoso Backup".into(),
        unique_name: unique_name("c", "Contoso Backup"),
        permissions: vec![
            permission("Mail.ReadWrite", PermissionKind::Application),
            permission("User.Read.All", PermissionKind::Application),
            permission("User.Read", PermissionKind::Delegated),
        ],
        roles: Vec::new(),
        secret_lifetime_days: 180,
        certificate_reasons: Vec::new(),
        new_certificate: false,
        run_id: "run1".into(),
        ability: ConsentAbility::CanGrantAll,
        target_app: None,
    }
}

fn facts() -> Facts {
    Facts {
        resources: vec![graph()],
        secrets: SecretRule::Allowed,
        ..Facts::unknown()
    }
}

fn hand_made(id: &str) -> ExistingApp {
    ExistingApp::from_json(&json!({
        "id": id, "appId": format!("app-{id}"), "displayName": "Contoso Backup",
        "requiredResourceAccess": [{ "resourceAppId": Resource::MicrosoftGraph.app_id(),
            "resourceAccess": [{ "id": MAIL, "type": "Role" }, { "id": OTHER, "type": "Role" }] }],
    }))
}

#[test]
fn a_fresh_tenant_gets_everything_created_with_ids_from_the_tenant() {
    let plan = compute(&request(), &facts(), NOW).expect("a plan");
    assert_eq!(plan.app, AppAction::Create);
    assert_eq!(plan.principal_id, None);
    let roles: Vec<(&str, &str)> = plan
        .application_grants
        .iter()
        .map(|g| (g.value.as_str(), g.app_role_id.as_str()))
        .collect();
    assert_eq!(roles, [("Mail.ReadWrite", MAIL), ("User.Read.All", USERS)]);
    assert!(
        plan.application_grants
            .iter()
            .all(|g| !g.exists && g.resource.id == GRAPH_SP)
    );
    assert_eq!(plan.delegated_grants.len(), 1, "one grant per resource");
    assert_eq!(plan.delegated_grants[0].scope_text(), "User.Read");
    assert_eq!(plan.delegated_grants[0].change, DelegatedChange::Create);
    assert_eq!(plan.required_resource_access.len(), 3);
    assert_eq!(plan.secret.display_name, secret_name("run1"));
    assert_eq!(plan.secret.lifetime_days, 180);
    assert!(plan.extra_grants.is_empty() && plan.stale_secrets.is_empty());
    assert_eq!(plan.grants_planned(), 3);
    assert!(!plan.describe().is_empty());
}

#[test]
fn every_profile_resolves_against_a_tenant_that_offers_its_permissions() {
    for profile in catalog::profiles() {
        let mut request = request();
        request.permissions = profile.requested();
        let mut facts = facts();
        facts.resources = profile
            .resources()
            .into_iter()
            .map(|resource| {
                let offered = |kind| {
                    profile
                        .permissions
                        .iter()
                        .filter(|p| p.resource == resource && p.kind == kind)
                        .map(|p| json!({ "id": p.id, "value": p.value }))
                        .collect::<Vec<_>>()
                };
                ResourcePrincipal::from_json(&json!({
                    "id": format!("sp-{}", resource.app_id()), "appId": resource.app_id(),
                    "displayName": resource.display_name(),
                    "appRoles": offered(PermissionKind::Application),
                    "oauth2PermissionScopes": offered(PermissionKind::Delegated) }))
            })
            .collect();
        let plan = compute(&request, &facts, NOW).expect("a plan");
        let scopes: usize = plan.delegated_grants.iter().map(|g| g.scopes.len()).sum();
        assert_eq!(
            plan.application_grants.len() + scopes,
            profile.permissions.len(),
            "{}",
            profile.id
        );
        assert_eq!(
            plan.required_resource_access.len(),
            profile.permissions.len()
        );
    }
}

#[test]
fn a_permission_the_tenant_lacks_stops_before_anything() {
    let mut request = request();
    request
        .permissions
        .push(permission("Made.Up.All", PermissionKind::Application));
    let mut sharepoint = permission("Sites.FullControl.All", PermissionKind::Application);
    sharepoint.resource = Resource::SharePointOnline;
    request.permissions.push(sharepoint);
    match compute(&request, &facts(), NOW) {
        Err(Stop::PermissionsMissing(missing)) => {
            assert_eq!(missing.len(), 2);
            assert_eq!(missing[0].value, "Made.Up.All");
            assert!(!missing[0].resource_missing);
            assert!(
                missing[1].resource_missing,
                "no SharePoint service principal"
            );
            let words = Stop::PermissionsMissing(missing).to_string();
            assert!(
                words.contains("Made.Up.All") && words.contains("nothing was created"),
                "{words}"
            );
        }
        other => panic!("expected a stop, got {other:?}"),
    }
}

#[test]
fn one_hand_made_app_is_adopted_and_its_differences_repaired() {
    let mut facts = facts();
    facts.same_name = vec![hand_made("o1")];
    facts.principal_id = Some("sp1".into());
    facts.assignments = vec![
        Assignment {
            id: "a-mail".into(),
            resource_id: GRAPH_SP.into(),
            app_role_id: MAIL.into(),
        },
        Assignment {
            id: "a-other".into(),
            resource_id: GRAPH_SP.into(),
            app_role_id: OTHER.into(),
        },
    ];
    facts.delegated_grants = vec![DelegatedGrant {
        id: "g1".into(),
        resource_id: GRAPH_SP.into(),
        scopes: vec!["User.Read".into(), "Mail.Send".into()],
    }];
    let plan = compute(&request(), &facts, NOW).expect("a plan");
    assert!(matches!(&plan.app, AppAction::Adopt(app) if app.object_id == "o1"));
    assert_eq!(plan.principal_id.as_deref(), Some("sp1"));
    let exists: Vec<bool> = plan.application_grants.iter().map(|g| g.exists).collect();
    assert_eq!(
        exists,
        [true, false],
        "Mail.ReadWrite held, User.Read.All missing"
    );
    assert_eq!(plan.extra_grants.len(), 1);
    assert_eq!(plan.extra_grants[0].id, "a-other");
    assert_eq!(
        plan.extra_grants[0].permissions,
        ["Directory.ReadWrite.All"]
    );
    assert_eq!(
        plan.delegated_grants[0].change,
        DelegatedChange::Update("g1".into())
    );
    let changes = &plan.resource_access_changes;
    assert_eq!(changes.extra.len(), 1, "Directory.ReadWrite.All removed");
    assert_eq!(changes.extra[0].id, OTHER);
    assert_eq!(
        changes.missing.len(),
        2,
        "User.Read.All and User.Read added"
    );
}

#[test]
fn several_hand_made_apps_stop_the_run_and_are_listed() {
    let mut facts = facts();
    facts.same_name = vec![hand_made("o1"), hand_made("o2")];
    match compute(&request(), &facts, NOW) {
        Err(Stop::SeveralApps(apps)) => {
            let ids: Vec<&str> = apps.iter().map(|a| a.object_id.as_str()).collect();
            assert_eq!(ids, ["o1", "o2"]);
        }
        other => panic!("expected SeveralApps, got {other:?}"),
    }
    // Our own app (found by uniqueName) wins: the hand-made ones are left alone.
    let mut own = hand_made("mine");
    own.unique_name = Some(request().unique_name);
    facts.app = Some(own);
    let plan = compute(&request(), &facts, NOW).expect("a plan");
    assert!(matches!(&plan.app, AppAction::Update(app) if app.object_id == "mine"));
    assert_eq!(plan.left_alone.len(), 2);
}

#[test]
fn the_policy_shortens_or_forbids_the_secret() {
    let mut facts = facts();
    facts.secrets = SecretRule::MaxLifetime {
        seconds: 30 * 86_400,
    };
    let plan = compute(&request(), &facts, NOW).expect("a plan");
    assert_eq!(plan.secret.lifetime_days, 30);
    assert!(plan.secret.shortened_to_policy_max && !plan.secret.forbidden);
    assert!(plan.describe().iter().any(|l| l.contains("at most")));
    facts.secrets = SecretRule::MaxLifetime {
        seconds: 400 * 86_400,
    };
    let plan = compute(&request(), &facts, NOW).expect("a plan");
    assert_eq!(plan.secret.lifetime_days, 180);
    assert!(!plan.secret.shortened_to_policy_max);
    facts.secrets = SecretRule::Forbidden;
    assert!(
        compute(&request(), &facts, NOW)
            .expect("a plan")
            .secret
            .forbidden
    );
}

#[test]
fn only_unfinished_runs_secrets_are_removed() {
    let mut own = hand_made("mine");
    own.unique_name = Some(request().unique_name);
    own.password_credentials = ExistingApp::from_json(&json!({ "passwordCredentials": [
        { "keyId": "k-verified", "displayName": secret_name("old"),
          "startDateTime": "2026-01-01T00:00:00Z" },
        { "keyId": "k-lost", "displayName": secret_name("crashed"),
          "startDateTime": "2026-01-01T00:00:00Z" },
        { "keyId": "k-running", "displayName": secret_name("running"),
          "startDateTime": iso_from_millis(NOW - 600_000) },
        { "keyId": "k-hand", "displayName": "made by hand",
          "startDateTime": "2026-01-01T00:00:00Z" },
    ] }))
    .password_credentials;
    own.tags = vec![verified_tag("k-verified")];
    let mut facts = facts();
    facts.app = Some(own);
    let plan = compute(&request(), &facts, NOW).expect("a plan");
    let stale: Vec<&str> = plan
        .stale_secrets
        .iter()
        .map(|s| s.key_id.as_str())
        .collect();
    assert_eq!(stale, ["k-lost"], "k-running was added ten minutes ago");
}

#[test]
fn an_admin_without_a_role_is_stopped_and_an_app_admin_warned() {
    let mut request = request();
    request.ability = ConsentAbility::CannotRegister;
    assert_eq!(compute(&request, &facts(), NOW), Err(Stop::CannotRegister));
    request.ability = ConsentAbility::CanCreateButNotGrant;
    let plan = compute(&request, &facts(), NOW).expect("a plan");
    assert!(plan.needs_privileged_admin);
}

#[test]
fn a_targeted_run_repairs_that_app_keeps_its_name_and_stops_if_it_is_gone() {
    use super::request::TargetApp;
    let target = TargetApp {
        object_id: "o9".into(),
        app_id: "app-o9".into(),
    };
    let request = request().with_target_app(target.clone());
    // Another app with the configured name is not looked at: only the target counts.
    let mut renamed = hand_made("o9");
    renamed.display_name = "Backup (by hand)".into();
    let facts = Facts {
        app: Some(renamed),
        same_name: vec![hand_made("other")],
        ..facts()
    };
    let plan = compute(&request, &facts, NOW).expect("a plan");
    assert!(matches!(&plan.app, AppAction::Adopt(app) if app.object_id == "o9"));
    assert_eq!(
        plan.display_name, "Backup (by hand)",
        "repaired, not renamed"
    );
    assert!(plan.left_alone.is_empty());
    assert_eq!(
        plan.resource_access_changes.extra.len(),
        1,
        "the extra permission"
    );

    let gone = compute(&request, &Facts { app: None, ..facts }, NOW);
    assert_eq!(
        gone,
        Err(Stop::AppGone {
            object_id: "o9".into(),
            app_id: "app-o9".into()
        })
    );
    let words = gone.unwrap_err().to_string();
    assert!(words.contains("nothing was written"), "{words}");
}
