//! The seeded tenant: who and what exists when the sandbox starts.
//!
//! Names are hostile on purpose (markup, right-to-left and non-Latin text, very long names):
//! every page that shows them must escape them.

use std::collections::HashMap;
use std::time::SystemTime;

use serde_json::{Value, json};

use super::clock::iso;
use super::faults::{FaultEngine, SecretPolicy};
use super::options::TenantOptions;
use super::permissions::{self as perms, Permission, roles};
use super::store::{Account, Object, State, User, new_id};

pub const TENANT_ID: &str = "7c1e4a52-3d9b-4f86-a0e5-2b8d6c9f1e34";
/// The initial domain (isInitial); the default domain is [`DEFAULT_DOMAIN`].
pub const TENANT_DOMAIN: &str = "registrarsandbox.onmicrosoft.com";
pub const DEFAULT_DOMAIN: &str = "sandbox.registrar.example";
pub const TENANT_DISPLAY_NAME: &str = "Registrar Sandbox <b>Ltd</b> & Söhne";
/// The onboarding app: a multi-tenant SPA registered in its publisher's tenant.
pub const ONBOARDING_CLIENT_ID: &str = "3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856";
pub const ONBOARDING_DISPLAY_NAME: &str = "M365 Registrar";
/// The publisher's tenant (home of the onboarding app).
pub const PUBLISHER_TENANT_ID: &str = "e4f9a1c7-25b3-4d68-8c0e-9a7b3f5d2c11";
/// The guest's home tenant.
pub const GUEST_HOME_TENANT_ID: &str = "a2d7c9e1-4b6f-4e83-9f15-6c8b0d3e7a29";

pub const GLOBAL_ADMIN: &str = "ada.admin@registrarsandbox.onmicrosoft.com";
pub const PRIVILEGED_ROLE_ADMIN: &str = "priya.roles@registrarsandbox.onmicrosoft.com";
pub const APPLICATION_ADMIN: &str = "alan.apps@registrarsandbox.onmicrosoft.com";
pub const CLOUD_APPLICATION_ADMIN: &str = "layla.cloudapps@registrarsandbox.onmicrosoft.com";
pub const EXCHANGE_ADMIN: &str = "eli.exchange@registrarsandbox.onmicrosoft.com";
pub const PLAIN_USER: &str = "pat.plain@registrarsandbox.onmicrosoft.com";
/// A plain user whose display name is markup.
pub const HOSTILE_USER: &str = "mallory.markup@registrarsandbox.onmicrosoft.com";
/// A B2B guest (userType Guest) from another tenant.
pub const GUEST: &str = "gwen_fabrikam.example#EXT#@registrarsandbox.onmicrosoft.com";
/// A personal Microsoft account: refused on the organizations endpoint.
pub const PERSONAL_ACCOUNT: &str = "sam.personal@outlook.com";

pub const HOSTILE_MARKUP: &str = "<img src=x onerror=alert(1)>";

struct SeedUser {
    upn: &'static str,
    display_name: &'static str,
    given: Option<&'static str>,
    surname: Option<&'static str>,
    job: Option<&'static str>,
    account: Account,
    roles: &'static [&'static str],
}

fn seed_users() -> Vec<SeedUser> {
    let long = "Maximiliana Bartholomea Wilhelmina von Habsburg-Lothringen-Sachsen-Coburg und Gotha, Chief Administrator of Exceptionally Long Display Names";
    vec![
        SeedUser {
            upn: GLOBAL_ADMIN,
            display_name: "Ada Admin",
            given: Some("Ada"),
            surname: Some("Admin"),
            job: Some("IT Director"),
            account: Account::Member,
            roles: &[roles::GLOBAL_ADMINISTRATOR],
        },
        SeedUser {
            upn: PRIVILEGED_ROLE_ADMIN,
            display_name: "Priya Roles",
            given: Some("Priya"),
            surname: Some("Roles"),
            job: None,
            account: Account::Member,
            roles: &[roles::PRIVILEGED_ROLE_ADMINISTRATOR],
        },
        SeedUser {
            upn: APPLICATION_ADMIN,
            display_name: "Alan Apps",
            given: Some("Alan"),
            surname: Some("Apps"),
            job: None,
            account: Account::Member,
            roles: &[roles::APPLICATION_ADMINISTRATOR],
        },
        SeedUser {
            upn: CLOUD_APPLICATION_ADMIN,
            display_name: "ليلى التطبيقات السحابية",
            given: Some("ليلى"),
            surname: None,
            job: None,
            account: Account::Member,
            roles: &[roles::CLOUD_APPLICATION_ADMINISTRATOR],
        },
        SeedUser {
            upn: EXCHANGE_ADMIN,
            display_name: long,
            given: Some("Maximiliana"),
            surname: None,
            job: None,
            account: Account::Member,
            roles: &[roles::EXCHANGE_ADMINISTRATOR],
        },
        SeedUser {
            upn: PLAIN_USER,
            display_name: "Pat Plain 山田太郎",
            given: Some("Pat"),
            surname: Some("Plain"),
            job: None,
            account: Account::Member,
            roles: &[],
        },
        SeedUser {
            upn: HOSTILE_USER,
            display_name: HOSTILE_MARKUP,
            given: Some("\"><script>alert(2)</script>"),
            surname: None,
            job: Some("</td></tr></table>"),
            account: Account::Member,
            roles: &[],
        },
        SeedUser {
            upn: GUEST,
            display_name: "Gwen Guest (Fabrikam)",
            given: Some("Gwen"),
            surname: Some("Guest"),
            job: None,
            account: Account::Guest {
                home_tenant: GUEST_HOME_TENANT_ID.into(),
            },
            roles: &[],
        },
        SeedUser {
            upn: PERSONAL_ACCOUNT,
            display_name: "Sam Personal",
            given: Some("Sam"),
            surname: None,
            job: None,
            account: Account::Personal,
            roles: &[],
        },
    ]
}

fn app_roles(list: &[Permission]) -> Value {
    Value::Array(
        list.iter()
            .map(|p| {
                json!({
                    "allowedMemberTypes": ["Application"],
                    "description": format!("Allows the app to: {}.", p.description),
                    "displayName": p.description,
                    "id": p.id,
                    "isEnabled": true,
                    "origin": "Application",
                    "value": p.value,
                })
            })
            .collect(),
    )
}

fn scopes(list: &[Permission]) -> Value {
    Value::Array(
        list.iter()
            .map(|p| {
                json!({
                    "adminConsentDescription": format!("Allows the app to: {}.", p.description),
                    "adminConsentDisplayName": p.description,
                    "id": p.id,
                    "isEnabled": true,
                    "type": if p.admin_only { "Admin" } else { "User" },
                    "userConsentDescription": format!("Allows the app to: {}.", p.description),
                    "userConsentDisplayName": p.description,
                    "value": p.value,
                })
            })
            .collect(),
    )
}

pub fn resource_sp(app_id: &str, name: &str, roles: &[Permission], sc: &[Permission]) -> Object {
    let v = json!({
        "id": new_id(),
        "accountEnabled": true,
        "appDisplayName": name,
        "appId": app_id,
        "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
        "displayName": name,
        "servicePrincipalType": "Application",
        "signInAudience": "AzureADMultipleOrgs",
        "servicePrincipalNames": [app_id],
        "tags": [],
        "appRoles": app_roles(roles),
        "oauth2PermissionScopes": scopes(sc),
        "keyCredentials": [],
        "passwordCredentials": [],
    });
    match v {
        Value::Object(m) => m,
        _ => Object::new(),
    }
}

/// The default app management policy
/// (https://learn.microsoft.com/graph/api/resources/tenantappmanagementpolicy): secrets as
/// `passwordCredentials[]` restrictions, and certificates as a `keyCredentials[]` restriction of
/// type `asymmetricKeyLifetime` with `maxLifetime` as an ISO 8601 duration
/// (https://learn.microsoft.com/graph/api/resources/keycredentialconfiguration; the PATCH example
/// of https://learn.microsoft.com/graph/api/tenantappmanagementpolicy-update).
pub fn policy_object(policy: SecretPolicy, certificates: Option<std::time::Duration>) -> Object {
    let since = "2019-01-01T00:00:00Z";
    let passwords = match policy {
        SecretPolicy::Allowed => json!([]),
        SecretPolicy::Forbidden => json!([
            { "restrictionType": "passwordAddition", "maxLifetime": null, "restrictForAppsCreatedAfterDateTime": since }
        ]),
        SecretPolicy::MaxLifetime(d) => json!([
            { "restrictionType": "passwordLifetime", "maxLifetime": iso_duration(d.as_secs()), "restrictForAppsCreatedAfterDateTime": since }
        ]),
    };
    let keys = match certificates {
        None => json!([]),
        Some(d) => json!([
            { "restrictionType": "asymmetricKeyLifetime", "maxLifetime": iso_duration(d.as_secs()), "restrictForAppsCreatedAfterDateTime": since }
        ]),
    };
    let enabled = policy != SecretPolicy::Allowed || certificates.is_some();
    let v = json!({
        "id": "00000000-0000-0000-0000-000000000000",
        "displayName": "Default app management tenant policy",
        "description": "Default tenant policy that enforces app management restrictions on applications and service principals. To apply policy to targeted resources, create a new policy under appManagementPolicies collection.",
        "isEnabled": enabled,
        "applicationRestrictions": { "passwordCredentials": passwords, "keyCredentials": keys },
        "servicePrincipalRestrictions": { "passwordCredentials": [], "keyCredentials": [] },
    });
    match v {
        Value::Object(m) => m,
        _ => Object::new(),
    }
}

/// ISO 8601 duration as Graph writes it ("P30D", "PT12H").
pub fn iso_duration(secs: u64) -> String {
    if secs.is_multiple_of(86_400) {
        format!("P{}D", secs / 86_400)
    } else {
        format!("PT{secs}S")
    }
}

fn to_obj(v: Value) -> Object {
    match v {
        Value::Object(m) => m,
        _ => Object::new(),
    }
}

pub fn build(options: &TenantOptions, now: SystemTime) -> State {
    let created = iso(now);
    let users: Vec<User> = seed_users()
        .into_iter()
        .map(|s| User {
            id: new_id(),
            upn: s.upn.to_string(),
            display_name: s.display_name.to_string(),
            given_name: s.given.map(String::from),
            surname: s.surname.map(String::from),
            mail: match &s.account {
                Account::Guest { .. } => Some("gwen@fabrikam.example".into()),
                _ => Some(s.upn.to_string()),
            },
            job_title: s.job.map(String::from),
            account: s.account,
            roles: s.roles.iter().map(|r| r.to_string()).collect(),
        })
        .collect();
    let groups = [
        "All Staff",
        "<script>alert('group')</script>",
        "営業部",
        "فريق المبيعات",
        "Backup Operators with an extraordinarily long group name that goes on and on and on to test wrapping in every table",
    ]
    .iter()
    .map(|n| to_obj(json!({ "id": new_id(), "displayName": n, "mailEnabled": false, "securityEnabled": true, "groupTypes": [], "createdDateTime": created })))
    .collect();
    let host = "registrarsandbox.sharepoint.com";
    let sites = [
        ("", "Communication site"),
        ("sites/team", "Team Site"),
        ("sites/markup", "<img src=x onerror=alert('site')>"),
        ("sites/docs-ar", "مركز المستندات"),
        ("sites/project", "プロジェクト管理"),
    ]
    .iter()
    .map(|(path, name)| {
        let site_id = new_id();
        to_obj(json!({
            "id": format!("{host},{site_id},{}", new_id()),
            "name": name,
            "displayName": name,
            "webUrl": if path.is_empty() { format!("https://{host}") } else { format!("https://{host}/{path}") },
            "createdDateTime": created,
            "lastModifiedDateTime": created,
            "siteCollection": { "hostname": host },
        }))
    })
    .collect();
    let organization = to_obj(json!({
        "id": TENANT_ID,
        "displayName": TENANT_DISPLAY_NAME,
        "tenantType": "AAD",
        "countryLetterCode": "DE",
        "preferredLanguage": "en",
        "createdDateTime": "2024-01-15T09:30:00Z",
        "verifiedDomains": [
            { "capabilities": "Email, OfficeCommunicationsOnline", "isDefault": false, "isInitial": true, "name": TENANT_DOMAIN, "type": "Managed" },
            { "capabilities": "Email", "isDefault": true, "isInitial": false, "name": DEFAULT_DOMAIN, "type": "Managed" },
        ],
    }));
    let service_principals = vec![
        resource_sp(
            perms::GRAPH_APP_ID,
            "Microsoft Graph",
            perms::GRAPH_APP_ROLES,
            perms::GRAPH_SCOPES,
        ),
        resource_sp(
            perms::EXCHANGE_APP_ID,
            "Office 365 Exchange Online",
            perms::EXCHANGE_APP_ROLES,
            perms::EXCHANGE_SCOPES,
        ),
        resource_sp(
            perms::SHAREPOINT_APP_ID,
            "Office 365 SharePoint Online",
            perms::SHAREPOINT_APP_ROLES,
            perms::SHAREPOINT_SCOPES,
        ),
    ];
    State {
        organization,
        users,
        groups,
        sites,
        applications: vec![],
        owners: HashMap::new(),
        secrets: vec![],
        cert_keys: HashMap::new(),
        service_principals,
        app_role_assignments: vec![],
        grants: vec![],
        role_assignments: vec![],
        app_management_policy: policy_object(options.faults.secrets, options.faults.certificates),
        visible_at: HashMap::new(),
        pending: HashMap::new(),
        codes: HashMap::new(),
        refresh_tokens: HashMap::new(),
        faults: FaultEngine::new(&options.faults),
        calls: vec![],
    }
}
