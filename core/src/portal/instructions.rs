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
use crate::catalog::{DirectoryRole, PermissionKind, RequestedPermission, Resource};
use crate::config::{CertificateReason, Config};
use crate::wizard::words::{EN, Portal, Words, fill};

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
    /// Directory roles the app needs (their names and reasons come from the word tables).
    pub roles: Vec<DirectoryRole>,
    pub secret_lifetime_days: u16,
    /// Why the app needs a certificate; empty: a client secret is enough.
    pub certificate_reasons: Vec<CertificateReason>,
}

impl ManualRegistration {
    /// What `config` asks for (the same lists the automatic run is built from).
    pub fn from_config(config: &Config) -> Self {
        ManualRegistration {
            app_display_name: config.app_display_name.clone(),
            permissions: config.requested_permissions(),
            roles: config.directory_roles(),
            secret_lifetime_days: config.secret_lifetime_days,
            certificate_reasons: config.certificate_reasons(),
        }
    }
}

/// The words for a permission's type, as the API permissions page labels them.
pub fn kind_words(kind: PermissionKind, w: &Portal) -> &'static str {
    match kind {
        PermissionKind::Application => w.kind_application,
        PermissionKind::Delegated => w.kind_delegated,
    }
}

/// The steps, in order, in English. `portal` is the tenant's admin portal (`None` for a custom
/// cloud: the steps then speak of "your cloud's Microsoft Entra admin center"); `tenant_name`
/// the organization's name when known (the consent button carries it), else a placeholder
/// phrase.
pub fn steps(
    request: &ManualRegistration,
    portal: Option<&AdminPortal>,
    tenant_name: Option<&str>,
) -> Vec<Step> {
    steps_in(request, portal, tenant_name, &EN)
}

/// The steps in the language of `words`, as its portal labels things.
pub fn steps_in(
    request: &ManualRegistration,
    portal: Option<&AdminPortal>,
    tenant_name: Option<&str>,
    words: &Words,
) -> Vec<Step> {
    let w = &words.portal;
    let sign_in = match portal {
        Some(portal) => fill(
            w.sign_in_at,
            &[
                ("portal", words.portal_name(portal)),
                ("home", portal.home()),
            ],
        ),
        None => w.sign_in_custom.to_owned(),
    };
    let tenant = [("tenant", tenant_name.unwrap_or(w.your_organization))];
    let mut steps = vec![register(request, sign_in, w)];
    for resource in Resource::ALL {
        let asked: Vec<&RequestedPermission> = request
            .permissions
            .iter()
            .filter(|p| p.resource == resource)
            .collect();
        if !asked.is_empty() {
            steps.push(api_permissions(resource, &asked, words));
        }
    }
    steps.push(step(
        w.consent_title,
        [
            w.consent_check.to_owned(),
            fill(w.consent_select, &tenant),
            fill(w.consent_status, &tenant),
            w.consent_who.to_owned(),
        ],
    ));
    steps.push(secret(request, w));
    if !request.certificate_reasons.is_empty() {
        steps.push(certificate(request, words));
    }
    for role in &request.roles {
        let (name, reason) = (
            role.role.name(&words.roles),
            role.role.reason(&words.reasons),
        );
        steps.push(directory_role(request, name, reason.unwrap_or_default(), w));
    }
    steps.push(step(w.ids_title, [w.ids_overview, w.ids_copy, w.ids_give]));
    steps
}

fn step<S: Into<String>>(title: impl Into<String>, sentences: impl IntoIterator<Item = S>) -> Step {
    Step {
        title: title.into(),
        sentences: sentences.into_iter().map(Into::into).collect(),
    }
}

fn register(request: &ManualRegistration, sign_in: String, w: &Portal) -> Step {
    step(
        w.register_title,
        [
            sign_in,
            w.browse_registrations.to_owned(),
            fill(w.name, &[("app", &request.app_display_name)]),
            w.account_types.to_owned(),
            w.redirect_empty.to_owned(),
            w.select_register.to_owned(),
        ],
    )
}

/// One sentence per permission, each naming it once with its type and reason.
fn api_permissions(resource: Resource, asked: &[&RequestedPermission], words: &Words) -> Step {
    let w = &words.portal;
    let api = resource.display_name();
    // Microsoft Graph and SharePoint are under "Microsoft APIs"; Exchange Online's own API is
    // found under "APIs my organization uses" by name.
    let find = match resource {
        Resource::MicrosoftGraph => w.find_graph.to_owned(),
        Resource::SharePointOnline => w.find_sharepoint.to_owned(),
        Resource::ExchangeOnline => fill(w.find_exchange, &[("api", api)]),
    };
    let mut sentences = vec![w.open_api_permissions.to_owned(), find];
    for kind in [PermissionKind::Application, PermissionKind::Delegated] {
        let of_kind: Vec<&&RequestedPermission> = asked.iter().filter(|p| p.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        sentences.push(
            match kind {
                PermissionKind::Application => w.select_application,
                PermissionKind::Delegated => w.select_delegated,
            }
            .to_owned(),
        );
        for permission in of_kind {
            sentences.push(fill(
                w.permission_line,
                &[
                    ("api", api),
                    ("permission", &permission.value),
                    ("kind", kind_words(kind, w)),
                    ("reason", words.reasons.of(&permission.reason)),
                ],
            ));
        }
    }
    sentences.push(w.select_add_permissions.to_owned());
    step(fill(w.api_title, &[("api", api)]), sentences)
}

fn secret(request: &ManualRegistration, w: &Portal) -> Step {
    let days = request.secret_lifetime_days.to_string();
    step(
        w.secret_title,
        [
            w.secret_open.to_owned(),
            fill(w.description, &[("app", &request.app_display_name)]),
            fill(w.secret_expires, &[("days", &days)]),
            w.secret_copy.to_owned(),
        ],
    )
}

fn certificate(request: &ManualRegistration, words: &Words) -> Step {
    let w = &words.portal;
    let mut sentences = vec![
        w.certificate_open.to_owned(),
        w.certificate_file.to_owned(),
        fill(w.description, &[("app", &request.app_display_name)]),
        w.select_add.to_owned(),
    ];
    for reason in &request.certificate_reasons {
        sentences.push(fill(w.why, &[("reason", reason.says(&words.reasons))]));
    }
    step(w.certificate_title, sentences)
}

fn directory_role(request: &ManualRegistration, role: &str, reason: &str, w: &Portal) -> Step {
    let role_slot = [("role", role)];
    step(
        fill(w.role_title, &role_slot),
        [
            fill(w.role_browse, &role_slot),
            w.role_add.to_owned(),
            fill(w.role_search, &[("app", &request.app_display_name)]),
            w.role_active.to_owned(),
            w.role_who.to_owned(),
            fill(w.why, &[("reason", reason)]),
        ],
    )
}
