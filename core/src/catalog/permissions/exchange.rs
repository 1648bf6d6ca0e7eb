//! Office 365 Exchange Online. Only Exchange Online PowerShell app-only access is here: mail,
//! calendars and contacts go through Microsoft Graph. EWS (`full_access_as_app`) is left out on
//! purpose: Exchange Online blocks EWS from October 2026.

use crate::catalog::PermissionKind::Application;
use crate::catalog::Resource::ExchangeOnline;
use crate::catalog::{Permission, Workload};
use crate::wizard::words::EN_REASONS;

/// In no profile: added by `"exchangeManagement": true`, with the Exchange Administrator
/// directory role (without a role the app role grants nothing) and a certificate (Exchange
/// Online PowerShell app-only signs in with one).
pub const EXCHANGE_MANAGE_AS_APP: Permission = Permission {
    resource: ExchangeOnline,
    kind: Application,
    value: "Exchange.ManageAsApp",
    id: "dc50a0fb-09a3-484d-be87-e023b12c6440",
    workload: Workload::Mail,
    reason: EN_REASONS.exchange_manage_as_app,
};
