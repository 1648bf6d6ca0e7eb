//! Which clients may sign in: the pre-registered onboarding app, and apps created in the tenant.

use serde_json::Value;

use super::super::Tenant;
use super::super::permissions::{GRAPH_APP_ID, GRAPH_SCOPES};
use super::super::seed::{ONBOARDING_CLIENT_ID, ONBOARDING_DISPLAY_NAME};
use super::super::store::{State, str_field};

#[derive(Debug, Clone)]
pub struct Client {
    pub client_id: String,
    pub display_name: String,
    pub spa: Vec<String>,
    pub web: Vec<String>,
    /// Delegated Graph scopes of its registration (what `.default` means).
    pub static_scopes: Vec<String>,
}

impl Client {
    /// Some(true) if `uri` is registered as SPA, Some(false) as web, None if not registered.
    /// Matching is exact, as Entra's (no wildcards, case-sensitive path).
    pub fn redirect_kind(&self, uri: &str) -> Option<bool> {
        if self.spa.iter().any(|u| u == uri) {
            Some(true)
        } else if self.web.iter().any(|u| u == uri) {
            Some(false)
        } else {
            None
        }
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

pub fn find(tenant: &Tenant, state: &State, client_id: &str) -> Option<Client> {
    if client_id.eq_ignore_ascii_case(ONBOARDING_CLIENT_ID) {
        return Some(Client {
            client_id: ONBOARDING_CLIENT_ID.into(),
            display_name: ONBOARDING_DISPLAY_NAME.into(),
            spa: tenant.options.spa_redirect_uris.clone(),
            web: tenant.options.web_redirect_uris.clone(),
            static_scopes: tenant.options.onboarding_scopes.clone(),
        });
    }
    let app = state.app_by_app_id(client_id)?;
    let id = str_field(app, "id").unwrap_or_default();
    if !state.visible(id, tenant.now()) {
        return None;
    }
    let mut static_scopes = vec![];
    for rra in app
        .get("requiredResourceAccess")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if rra.get("resourceAppId").and_then(Value::as_str) != Some(GRAPH_APP_ID) {
            continue;
        }
        for ra in rra
            .get("resourceAccess")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let sid = ra.get("id").and_then(Value::as_str).unwrap_or_default();
            if ra.get("type").and_then(Value::as_str) == Some("Scope")
                && let Some(p) = GRAPH_SCOPES.iter().find(|p| p.id == sid)
            {
                static_scopes.push(p.value.to_string());
            }
        }
    }
    Some(Client {
        client_id: str_field(app, "appId").unwrap_or_default().to_string(),
        display_name: str_field(app, "displayName")
            .unwrap_or_default()
            .to_string(),
        spa: strings(app.get("spa").and_then(|s| s.get("redirectUris"))),
        web: strings(app.get("web").and_then(|s| s.get("redirectUris"))),
        static_scopes,
    })
}
