//! The Entra admin center, for admins who look or do it by hand: links to what was created, in
//! the right cloud, and the plan as portal instructions and a manifest to paste.
//!
//! ```text
//! let portal = portal::admin_portal(config.cloud);            // None for a custom cloud
//! let link = portal.and_then(|p| p.app_api_permissions(&app_id));
//! let request = portal::ManualRegistration::from_config(&config);
//! let steps = portal::steps(&request, portal.as_ref(), Some(&tenant_name));
//! let manifest = portal::required_resource_access(&request.permissions);
//! ```

pub mod instructions;
pub mod links;
pub mod manifest;

pub use instructions::{ManualRegistration, Step, kind_words, steps, steps_in};
pub use links::{AdminPortal, admin_portal};
pub use manifest::{ManifestFragment, access_type, required_resource_access};
