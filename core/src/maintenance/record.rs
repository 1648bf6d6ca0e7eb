//! The change log: one record per path (connect, repair, rotate, disconnect) saying what was
//! added, removed or updated, with ids, for the admin's records. Built only from ids, names and
//! dates: a record never holds a secret's value, a private key or a token (the types it is made
//! from keep values apart: `SecretValue` is never read here).

use serde_json::{Value, json};

use super::disconnect::Disconnected;
use super::rotate::Retired;
use crate::catalog::PermissionKind;
use crate::registration::time::iso_from_millis;
use crate::registration::{AppAction, DelegatedChange, Outcome, Plan};

/// Which path changed the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangePath {
    /// The first registration.
    Connect,
    /// A repair of an app a check found.
    Repair,
    /// A rotation of its credentials (phase 1 adds, phase 2 removes).
    Rotate,
    Disconnect,
}

impl ChangePath {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangePath::Connect => "connect",
            ChangePath::Repair => "repair",
            ChangePath::Rotate => "rotate",
            ChangePath::Disconnect => "disconnect",
        }
    }
}

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRecord {
    pub tenant_id: String,
    pub app_id: String,
    pub app_name: String,
    pub path: ChangePath,
    /// When, RFC 3339 in UTC (`2026-11-18T10:13:20Z`).
    pub at: String,
    /// What was added, removed or updated, one sentence each, with ids.
    pub changes: Vec<String>,
}

fn kind(kind: PermissionKind) -> &'static str {
    match kind {
        PermissionKind::Application => "application permission",
        PermissionKind::Delegated => "delegated permission",
    }
}

impl ChangeRecord {
    /// A registration run's record (connect; repair and rotation phase 1 are registration runs
    /// too): `plan` is the engine's (`Engine::plan`), `outcome` its result, `at_millis` the
    /// clock (Unix epoch milliseconds) when it finished.
    pub fn from_outcome(path: ChangePath, outcome: &Outcome, plan: &Plan, at_millis: u64) -> Self {
        let mut changes = Vec::new();
        let app = format!(
            "application id {}, object id {}",
            outcome.client_id, outcome.app_object_id
        );
        changes.push(match &plan.app {
            AppAction::Create => format!("Created the app registration ({app})."),
            AppAction::Update(_) => format!("Updated the app registration ({app})."),
            AppAction::Adopt(_) => {
                format!("Adopted the app registration registered by hand ({app}) and repaired it.")
            }
        });
        if plan.principal_id.is_none() {
            changes.push(format!(
                "Created its enterprise application (service principal id {}).",
                outcome.principal_id
            ));
        }
        let access = &plan.resource_access_changes;
        for entry in &access.missing {
            changes.push(format!(
                "Added permission id {} of API {} ({}) to the requested permissions.",
                entry.id, entry.resource_app_id, entry.kind
            ));
        }
        for entry in &access.extra {
            changes.push(format!(
                "Removed permission id {} of API {} ({}) from the requested permissions.",
                entry.id, entry.resource_app_id, entry.kind
            ));
        }
        for grant in plan.application_grants.iter().filter(|g| !g.exists) {
            changes.push(format!(
                "Granted {} ({}, application permission, app role id {}).",
                grant.value, grant.resource.display_name, grant.app_role_id
            ));
        }
        for grant in &plan.delegated_grants {
            let verb = match &grant.change {
                DelegatedChange::Keep(_) => continue,
                DelegatedChange::Create => "Granted".to_owned(),
                DelegatedChange::Update(id) => format!("Changed grant {id} to"),
            };
            changes.push(format!(
                "{verb} {} ({}, delegated, for all users).",
                grant.scope_text(),
                grant.resource.display_name
            ));
        }
        for extra in &plan.extra_grants {
            changes.push(format!(
                "Revoked {} ({}, {}, grant id {}).",
                extra.permissions.join(" "),
                extra.resource,
                kind(extra.kind),
                extra.id
            ));
        }
        for role in plan.roles.iter().filter(|r| !r.exists) {
            changes.push(format!(
                "Assigned the {} role (template id {}).",
                role.display_name, role.template_id
            ));
        }
        for stale in &plan.stale_secrets {
            changes.push(format!(
                "Removed the client secret \"{}\" (key id {}) left by a run that did not finish.",
                stale.display_name, stale.key_id
            ));
        }
        if let Some(secret) = &outcome.secret {
            changes.push(format!(
                "Added the client secret \"{}\" (key id {}, expires {}).",
                secret.display_name, secret.key_id, secret.expires
            ));
        }
        if let Some(certificate) = outcome.certificate.as_ref().filter(|c| c.added) {
            changes.push(format!(
                "Added the certificate \"{}\" (key id {}, SHA-1 thumbprint {}, expires {}).",
                certificate.display_name,
                certificate.key_id,
                certificate.thumbprint_sha1,
                certificate.expires
            ));
        }
        ChangeRecord {
            tenant_id: outcome.tenant_id.clone(),
            app_id: outcome.client_id.clone(),
            app_name: plan.display_name.clone(),
            path,
            at: iso_from_millis(at_millis),
            changes,
        }
    }

    /// Rotation phase 2: the old credentials removed, the new ones kept.
    pub fn retired(retired: &Retired, at_millis: u64) -> Self {
        let rotated = &retired.rotated;
        let mut changes = Vec::new();
        for secret in &retired.removed_secrets {
            changes.push(format!(
                "Removed the old client secret \"{}\" (key id {}).",
                secret.display_name, secret.key_id
            ));
        }
        for certificate in &retired.removed_certificates {
            changes.push(format!(
                "Removed the old certificate \"{}\" (key id {}).",
                certificate.display_name, certificate.key_id
            ));
        }
        if let Some(key_id) = &rotated.new_secret {
            changes.push(format!("Kept the new client secret (key id {key_id})."));
        }
        if let Some(key_id) = &rotated.new_certificate {
            changes.push(format!("Kept the new certificate (key id {key_id})."));
        }
        ChangeRecord {
            tenant_id: rotated.tenant_id.clone(),
            app_id: rotated.app_id.clone(),
            app_name: rotated.app_name.clone(),
            path: ChangePath::Rotate,
            at: iso_from_millis(at_millis),
            changes,
        }
    }

    /// A disconnect: the app and its service principal deleted.
    pub fn disconnected(gone: &Disconnected, at_millis: u64) -> Self {
        let mut changes = vec![format!(
            "Deleted the app registration (application id {}, object id {}); restorable from \"Deleted applications\" for 30 days.",
            gone.app_id, gone.app_object_id
        )];
        if let Some(principal) = &gone.principal_id {
            changes.push(format!(
                "Its enterprise application (service principal id {principal}) was deleted with it."
            ));
        }
        ChangeRecord {
            tenant_id: gone.tenant_id.clone(),
            app_id: gone.app_id.clone(),
            app_name: gone.app_name.clone(),
            path: ChangePath::Disconnect,
            at: iso_from_millis(at_millis),
            changes,
        }
    }

    /// A plain-text change-log entry: a heading line, then one line per change.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "{} {}: \"{}\" (application id {}) in tenant {}\n",
            self.at,
            self.path.as_str(),
            self.app_name,
            self.app_id,
            self.tenant_id
        );
        for change in &self.changes {
            text.push_str("- ");
            text.push_str(change);
            text.push('\n');
        }
        text
    }

    pub fn to_json(&self) -> Value {
        json!({
            "tenantId": self.tenant_id,
            "appId": self.app_id,
            "appName": self.app_name,
            "path": self.path.as_str(),
            "at": self.at,
            "changes": self.changes,
        })
    }
}
