//! Repair: the registration engine run against the app a check found, as a resume of that app
//! (it adds what is missing and removes what is extra, and adds a new secret it hands off like
//! a first registration's). Nothing here writes: it only says which app the run works on.

use super::check::AppCheck;
use super::error::MaintenanceError;
use crate::registration::RegistrationRequest;

/// The registration request that repairs the app `check` found: `request` (the profile, as
/// for a first registration) told to work on that app by its object id
/// (`RegistrationRequest::with_target_app`). Drive an `Engine` with it, show its plan (which
/// lists every repair), confirm, drive to the outcome.
pub fn repair_request(
    request: RegistrationRequest,
    check: &AppCheck,
) -> Result<RegistrationRequest, MaintenanceError> {
    Ok(request.with_target_app(check.found_app()?.target()))
}
