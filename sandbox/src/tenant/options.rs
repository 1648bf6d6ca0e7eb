//! How a tenant is started.

use std::sync::Arc;
use std::time::Duration;

use super::clock::{Clock, SystemClock};
use super::faults::FaultPlan;

pub struct TenantOptions {
    /// Issuer base, e.g. `http://login.localhost:8400` (no trailing slash).
    pub sign_in_base: String,
    /// Graph base, e.g. `http://graph.localhost:8400` (no trailing slash, no `/v1.0`).
    pub graph_base: String,
    /// Registered as type `spa` on the onboarding app.
    pub spa_redirect_uris: Vec<String>,
    /// Registered as type `web` on the onboarding app (to test the SPA-only CORS rule).
    pub web_redirect_uris: Vec<String>,
    pub faults: FaultPlan,
    /// The delegated scopes the onboarding app is registered with (its static permissions).
    pub onboarding_scopes: Vec<String>,
    /// Where the tenant reads the time; tests inject a `ManualClock`.
    pub clock: Arc<dyn Clock>,
    /// Authorization code lifetime (Entra: about 10 minutes).
    pub code_lifetime: Duration,
    /// Access and ID token lifetime (Entra: 60 to 90 minutes; we use 1 hour).
    pub token_lifetime: Duration,
    /// Items per page of every Graph list when the request has no `$top` (a `page-size=N` item
    /// of the fault plan overrides it). Small on purpose, so that every client follows
    /// `@odata.nextLink` (https://learn.microsoft.com/graph/paging: page sizes differ per API).
    pub page_size: usize,
}

/// The default of [`TenantOptions::page_size`].
pub const DEFAULT_PAGE_SIZE: usize = 3;

impl Default for TenantOptions {
    fn default() -> Self {
        Self {
            sign_in_base: "http://login.localhost:8400".into(),
            graph_base: "http://graph.localhost:8400".into(),
            spa_redirect_uris: vec!["http://app.localhost:8400/redirect.html".into()],
            web_redirect_uris: vec![],
            faults: FaultPlan::default(),
            // The onboarding registration the README tells hosts to create, exactly.
            onboarding_scopes: [
                "User.Read",
                "Application.ReadWrite.All",
                "AppRoleAssignment.ReadWrite.All",
                "DelegatedPermissionGrant.ReadWrite.All",
                "Policy.Read.All",
            ]
            .map(String::from)
            .to_vec(),
            clock: Arc::new(SystemClock),
            code_lifetime: Duration::from_secs(600),
            token_lifetime: Duration::from_secs(3600),
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}
