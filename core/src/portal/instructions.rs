//! The registration by hand: numbered steps in the admin portal for an admin who will not let
//! a page write to the tenant. The same request as the automatic run (the configuration's
//! display name, permissions, secret lifetime, certificate and Exchange role), in plain
//! sentences; the UI numbers and renders them.
//!
//! The steps follow Microsoft's own walk-throughs:
//! register an app (<https://learn.microsoft.com/entra/identity-platform/quickstart-register-app>:
//! name, "Accounts in this organizational directory only", no redirect URI), add API
//! permissions and grant admin consent
//! (<https://learn.microsoft.com/entra/identity-platform/quickstart-configure-app-access-web-apis>,
//! <https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent>), add a
//! client secret or upload a certificate
//! (<https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials>), and assign a
//! directory role to the app for Exchange Online PowerShell app-only access
//! (<https://learn.microsoft.com/powershell/exchange/app-only-auth-powershell-v2>, "Assign
//! Microsoft Entra roles to the application").

use super::links::AdminPortal;
use crate::catalog::{PermissionKind, RequestedPermission, Resource};
use crate::config::Config;

/// One step: a short title and what to do, sentence by sentence (plain text, no markup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub title: String,
    pub sentences: Vec<String>,
}

/// What the manual registration is to produce: the configuration's request, before sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualRegistration {
    pub app_display_name: String,
    pub permissions: Vec<RequestedPermission>,
    /// Directory roles the app needs, as (name, why).
    pub roles: Vec<(String, String)>,
    pub secret_lifetime_days: u16,
    /// Why the app needs a certificate; empty: a client secret is enough.
    pub certificate_reasons: Vec<String>,
}

impl ManualRegistration {
    /// What `config` asks for (the same lists the automatic run is built from).
    pub fn from_config(config: &Config) -> Self {
        ManualRegistration {
            app_display_name: config.app_display_name.clone(),
            permissions: config.requested_permissions(),
            roles: config
                .directory_roles()
                .into_iter()
                .map(|role| (role.display_name.to_owned(), role.reason.to_owned()))
                .collect(),
            secret_lifetime_days: config.secret_lifetime_days,
            certificate_reasons: config.certificate_reasons_explained(),
        }
    }
}

/// The words for a permission's type, as the API permissions page labels them.
pub fn kind_words(kind: PermissionKind) -> &'static str {
    match kind {
        PermissionKind::Application => "Application permission",
        PermissionKind::Delegated => "Delegated permission",
    }
}

/// The steps, in order. `portal` is the tenant's admin portal (`None` for a custom cloud:
/// the steps then speak of "your cloud's Microsoft Entra admin center"); `tenant_name` the
/// organization's name when known (the consent button carries it), else a placeholder phrase.
pub fn steps(
    request: &ManualRegistration,
    portal: Option<&AdminPortal>,
    tenant_name: Option<&str>,
) -> Vec<Step> {
    let where_ = match portal {
        Some(portal) => format!("the {} ({})", portal.name(), portal.home()),
        None => "your cloud's Microsoft Entra admin center".to_owned(),
    };
    let tenant = tenant_name.unwrap_or("your organization");
    let mut steps = vec![register(request, &where_)];
    for resource in Resource::ALL {
        let asked: Vec<&RequestedPermission> = request
            .permissions
            .iter()
            .filter(|p| p.resource == resource)
            .collect();
        if !asked.is_empty() {
            steps.push(api_permissions(resource, &asked));
        }
    }
    steps.push(Step {
        title: "Grant admin consent".to_owned(),
        sentences: vec![
            "Still on API permissions, check that the list shows exactly the permissions above."
                .to_owned(),
            format!("Select \"Grant admin consent for {tenant}\", then Yes."),
            format!("Every permission's status then reads \"Granted for {tenant}\"."),
            "Granting Microsoft Graph application permissions needs a Global Administrator or a \
             Privileged Role Administrator."
                .to_owned(),
        ],
    });
    steps.push(secret(request));
    if !request.certificate_reasons.is_empty() {
        steps.push(certificate(request));
    }
    for (role, reason) in &request.roles {
        steps.push(directory_role(request, role, reason));
    }
    steps.push(Step {
        title: "Copy the ids".to_owned(),
        sentences: vec![
            "Open Overview.".to_owned(),
            "Copy the Directory (tenant) ID and the Application (client) ID.".to_owned(),
            "Give them, with the client secret's value, to the backup product.".to_owned(),
        ],
    });
    steps
}

fn register(request: &ManualRegistration, where_: &str) -> Step {
    Step {
        title: "Register an application".to_owned(),
        sentences: vec![
            format!("Sign in to {where_} as at least a Cloud Application Administrator."),
            "Browse to Entra ID, then App registrations, and select New registration.".to_owned(),
            format!("Name: {}", request.app_display_name),
            "Supported account types: Accounts in this organizational directory only (Single \
             tenant)."
                .to_owned(),
            "Redirect URI: leave it empty.".to_owned(),
            "Select Register.".to_owned(),
        ],
    }
}

/// One sentence per permission, each naming it once with its type and reason.
fn api_permissions(resource: Resource, asked: &[&RequestedPermission]) -> Step {
    // Microsoft Graph and SharePoint are under "Microsoft APIs"; Exchange Online's own API is
    // found under "APIs my organization uses" by name.
    let find = match resource {
        Resource::MicrosoftGraph => "Microsoft APIs, then Microsoft Graph".to_owned(),
        Resource::SharePointOnline => "Microsoft APIs, then SharePoint".to_owned(),
        Resource::ExchangeOnline => format!(
            "APIs my organization uses, then search for {}",
            resource.display_name()
        ),
    };
    let mut sentences = vec![
        "Open API permissions and select Add a permission.".to_owned(),
        format!("Choose {find}."),
    ];
    for kind in [PermissionKind::Application, PermissionKind::Delegated] {
        let of_kind: Vec<&&RequestedPermission> = asked.iter().filter(|p| p.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        sentences.push(format!(
            "Select {}s and tick each of these:",
            kind_words(kind)
        ));
        for permission in of_kind {
            sentences.push(format!(
                "{}: {} ({}). Why: {}",
                resource.display_name(),
                permission.value,
                kind_words(kind),
                permission.reason
            ));
        }
    }
    sentences.push("Select Add permissions.".to_owned());
    Step {
        title: format!("API permissions: {}", resource.display_name()),
        sentences,
    }
}

fn secret(request: &ManualRegistration) -> Step {
    let days = request.secret_lifetime_days;
    Step {
        title: "Add a client secret".to_owned(),
        sentences: vec![
            "Open Certificates & secrets, tab Client secrets, and select New client secret."
                .to_owned(),
            format!("Description: {}", request.app_display_name),
            format!(
                "Expires: {days} days (choose Custom and an end date {days} days from today if \
                 the list does not offer it)."
            ),
            "Select Add, then copy the secret's Value at once: it is shown only now.".to_owned(),
        ],
    }
}

fn certificate(request: &ManualRegistration) -> Step {
    let mut sentences = vec![
        "Open Certificates & secrets, tab Certificates, and select Upload certificate.".to_owned(),
        "Choose the certificate file (.cer, .pem or .crt) the backup product gave you: only its \
         public part, never a private key."
            .to_owned(),
        format!("Description: {}", request.app_display_name),
        "Select Add.".to_owned(),
    ];
    for reason in &request.certificate_reasons {
        sentences.push(format!("Why: {reason}"));
    }
    Step {
        title: "Upload the certificate".to_owned(),
        sentences,
    }
}

fn directory_role(request: &ManualRegistration, role: &str, reason: &str) -> Step {
    Step {
        title: format!("Give the app the {role} role"),
        sentences: vec![
            format!("Browse to Entra ID, then Roles & admins, and open {role}."),
            "Select Add assignments, then select the members link.".to_owned(),
            format!(
                "Search for {} (the app, not a user), select it and confirm.",
                request.app_display_name
            ),
            "Make the assignment Active and permanent, and assign it.".to_owned(),
            "Assigning a directory role needs a Global Administrator or a Privileged Role \
             Administrator."
                .to_owned(),
            format!("Why: {reason}"),
        ],
    }
}
