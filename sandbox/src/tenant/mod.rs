//! The sandbox tenant: a native emulator of the Entra ID v2.0 sign-in endpoints and the
//! Microsoft Graph v1.0 calls M365 Registrar makes. Its worth is its fidelity: where it is
//! kinder than Entra, the end-to-end tests lie. Undocumented choices are marked
//! "UNDOCUMENTED CHOICE" in comments.

pub mod clock;
pub mod entra;
pub mod faults;
pub mod graph;
mod html;
pub mod inspect;
pub mod jwt;
pub mod options;
pub mod permissions;
pub mod probe;
pub mod respond;
pub mod seed;
pub mod store;

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

pub use clock::{Clock, ManualClock, SystemClock};
pub use faults::{FaultPlan, SecretPolicy};
pub use options::TenantOptions;

/// One emulated tenant. All state is behind one mutex.
pub struct Tenant {
    pub options: TenantOptions,
    state: Mutex<store::State>,
}

impl Tenant {
    pub fn new(mut options: TenantOptions) -> Arc<Tenant> {
        options.sign_in_base = options.sign_in_base.trim_end_matches('/').to_string();
        options.graph_base = options.graph_base.trim_end_matches('/').to_string();
        let state = seed::build(&options, options.clock.now());
        Arc::new(Tenant {
            options,
            state: Mutex::new(state),
        })
    }

    pub fn now(&self) -> SystemTime {
        self.options.clock.now()
    }

    pub fn lock(&self) -> MutexGuard<'_, store::State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Items per page of Graph lists without `$top`: the plan's `page-size`, else the options'.
    pub fn page_size(&self) -> usize {
        self.options
            .faults
            .page_size
            .unwrap_or(self.options.page_size)
            .clamp(1, 999)
    }

    /// The issuer of ID tokens: `{sign_in_base}/{tenant id}/v2.0`.
    pub fn issuer(&self) -> String {
        format!("{}/{}/v2.0", self.options.sign_in_base, seed::TENANT_ID)
    }
}

/// Served at `sign_in_base` (Host login.localhost).
pub fn login_router(tenant: Arc<Tenant>) -> axum::Router {
    entra::router(tenant)
}

/// Served at `graph_base` (Host graph.localhost); paths start with `/v1.0`.
pub fn graph_router(tenant: Arc<Tenant>) -> axum::Router {
    graph::router(tenant)
}

/// Served at `http://sandbox.localhost:PORT/`: a read-only view of the tenant.
pub fn inspection_router(tenant: Arc<Tenant>) -> axum::Router {
    inspect::router(tenant)
}
