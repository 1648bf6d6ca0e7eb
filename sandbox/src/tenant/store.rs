//! The tenant's state: directory objects as Graph JSON, plus what Graph never shows
//! (secret hashes, pending sign-ins, authorization codes, replication times).

use std::collections::HashMap;
use std::time::SystemTime;

use serde_json::{Map, Value};

use super::faults::FaultEngine;

pub type Object = Map<String, Value>;

#[derive(Debug, Clone, PartialEq)]
pub enum Account {
    Member,
    /// A B2B guest whose home tenant is `home_tenant`.
    Guest {
        home_tenant: String,
    },
    /// A personal Microsoft account (live.com): not a member of any organization.
    Personal,
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: String,
    pub upn: String,
    pub display_name: String,
    pub given_name: Option<String>,
    pub surname: Option<String>,
    pub mail: Option<String>,
    pub job_title: Option<String>,
    pub account: Account,
    /// Directory role template ids.
    pub roles: Vec<String>,
}

impl User {
    pub fn has_role(&self, any_of: &[&str]) -> bool {
        self.roles.iter().any(|r| any_of.contains(&r.as_str()))
    }
}

#[derive(Debug, Clone)]
pub struct SecretRecord {
    pub app_object_id: String,
    pub key_id: String,
    pub sha256: [u8; 32],
    pub start: SystemTime,
    pub end: SystemTime,
    pub usable_from: SystemTime,
}

/// An /authorize request waiting for the user to pick an account and consent.
#[derive(Debug, Clone)]
pub struct PendingSignIn {
    pub tenant_segment: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub redirect_is_spa: bool,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub response_mode: String,
    pub scopes: Vec<String>,
    pub code_challenge: Option<String>,
    pub prompt: Option<String>,
    pub user_id: Option<String>,
    pub created: SystemTime,
}

#[derive(Debug, Clone)]
pub struct CodeRecord {
    pub client_id: String,
    pub redirect_uri: String,
    pub redirect_is_spa: bool,
    pub user_id: String,
    pub scopes: Vec<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub expires: SystemTime,
    pub redeemed: bool,
}

#[derive(Debug, Clone)]
pub struct RefreshRecord {
    pub client_id: String,
    pub user_id: String,
    pub scopes: Vec<String>,
    pub expires: SystemTime,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct CallRecord {
    pub host: &'static str,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub fault: Option<String>,
}

#[derive(Debug)]
pub struct State {
    pub organization: Object,
    pub users: Vec<User>,
    pub groups: Vec<Object>,
    pub sites: Vec<Object>,
    pub applications: Vec<Object>,
    /// Application object id → owner user ids.
    pub owners: HashMap<String, Vec<String>>,
    pub secrets: Vec<SecretRecord>,
    /// keyCredential keyId → the certificate's DER (Graph never returns `key` on reads).
    pub cert_keys: HashMap<String, Vec<u8>>,
    pub service_principals: Vec<Object>,
    pub app_role_assignments: Vec<Object>,
    pub grants: Vec<Object>,
    pub role_assignments: Vec<Object>,
    pub app_management_policy: Object,
    /// Object id (and appId for applications) → the time it becomes visible to reads.
    pub visible_at: HashMap<String, SystemTime>,
    pub pending: HashMap<String, PendingSignIn>,
    pub codes: HashMap<String, CodeRecord>,
    pub refresh_tokens: HashMap<String, RefreshRecord>,
    pub faults: FaultEngine,
    pub calls: Vec<CallRecord>,
}

impl State {
    /// True when the object is visible to reads at `now` (the replication delay has passed).
    pub fn visible(&self, id: &str, now: SystemTime) -> bool {
        self.visible_at.get(id).is_none_or(|t| now >= *t)
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn user_by_upn(&self, upn: &str) -> Option<&User> {
        self.users.iter().find(|u| u.upn.eq_ignore_ascii_case(upn))
    }

    pub fn app_index(&self, object_id: &str) -> Option<usize> {
        self.applications
            .iter()
            .position(|a| str_field(a, "id") == Some(object_id))
    }

    pub fn app_by_app_id(&self, app_id: &str) -> Option<&Object> {
        self.applications
            .iter()
            .find(|a| str_field(a, "appId") == Some(app_id))
    }

    pub fn sp_by_app_id(&self, app_id: &str) -> Option<&Object> {
        self.service_principals
            .iter()
            .find(|s| str_field(s, "appId") == Some(app_id))
    }

    pub fn sp(&self, id: &str) -> Option<&Object> {
        self.service_principals
            .iter()
            .find(|s| str_field(s, "id") == Some(id))
    }

    /// The app role `role_id` of the service principal `resource_id`, if it defines one.
    pub fn app_role(&self, resource_id: &str, role_id: &str) -> Option<&Value> {
        self.sp(resource_id)?
            .get("appRoles")?
            .as_array()?
            .iter()
            .find(|r| r.get("id").and_then(Value::as_str) == Some(role_id))
    }

    pub fn log(&mut self, rec: CallRecord) {
        if self.calls.len() >= 500 {
            self.calls.remove(0);
        }
        self.calls.push(rec);
    }
}

pub fn str_field<'a>(o: &'a Object, key: &str) -> Option<&'a str> {
    o.get(key).and_then(Value::as_str)
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
