//! Checking an existing app against the profile: one state machine ([`CheckApp`]) that reads
//! the app by its application id, its service principal, what it holds, and compares.
//!
//! Round trips: (1) the app (`GET /applications(appId='…')`,
//! <https://learn.microsoft.com/graph/api/application-get>); (2) the resource service principals
//! it and the profile name, and its own service principal
//! (<https://learn.microsoft.com/graph/api/serviceprincipal-get>); (3) its app role assignments
//! (<https://learn.microsoft.com/graph/api/serviceprincipal-list-approleassignments>), its
//! delegated grants (<https://learn.microsoft.com/graph/api/oauth2permissiongrant-list>) and,
//! when the profile wants a directory role, its role assignments
//! (<https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignments>). Nothing is
//! written.

use serde_json::Value;

use super::app::CheckedApp;
use super::calls::{self, Answer, Calls, Next, Reading, Steps};
use super::confirm::{Confirmation, allowed};
use super::error::MaintenanceError;
use super::findings::{self, Finding};
use super::operation::{Action, Operation};
use crate::graph::{GraphCall, GraphReply, RetryPolicy};
use crate::http::Unreachable;
use crate::registration::RegistrationRequest;
use crate::registration::facts::{
    self, APP_SELECT, Assignment, DelegatedGrant, ExistingApp, Facts, ResourcePrincipal,
    RoleAssignment,
};
use crate::registration::query::items;
use crate::wizard::words::EN_MAINTENANCE;

/// `appId in (...)` takes at most 15 values (<https://learn.microsoft.com/graph/aad-advanced-queries>).
const MAX_IN_VALUES: usize = 15;

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppCheck {
    pub tenant_id: String,
    /// The application id asked about.
    pub app_id: String,
    /// The app, when it is in the tenant.
    pub app: Option<CheckedApp>,
    /// Everything wrong, in the order the admin reads it; empty: the app is as the profile
    /// wants.
    pub findings: Vec<Finding>,
    pub round_trips: u32,
}

impl AppCheck {
    /// The app is there and nothing is wrong with it.
    pub fn is_clean(&self) -> bool {
        self.app.is_some() && self.findings.is_empty()
    }

    /// Something a repair fixes.
    pub fn needs_repair(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.remedy() == findings::Remedy::Repair)
    }

    /// Something rotating the credentials fixes.
    pub fn needs_rotation(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.remedy() == findings::Remedy::Rotate)
    }

    /// The app the check found; refused when there is none (nothing to repair, rotate or
    /// disconnect).
    pub(super) fn found_app(&self) -> Result<&CheckedApp, MaintenanceError> {
        self.app
            .as_ref()
            .ok_or_else(|| MaintenanceError::AppNotFound {
                app_id: self.app_id.clone(),
                tenant_id: self.tenant_id.clone(),
            })
    }

    /// The app the check found, to change: refused when there is none, or when this product
    /// did not make it and the admin did not confirm with its name.
    pub(super) fn app_to_change(
        &self,
        confirmation: &Confirmation,
    ) -> Result<&CheckedApp, MaintenanceError> {
        let app = self.found_app()?;
        allowed(app, confirmation)?;
        Ok(app)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    App,
    Resources,
    Principal,
    Assignments,
    Delegated,
    Roles,
}

impl Read {
    fn what(self) -> &'static str {
        match self {
            Read::App => EN_MAINTENANCE.doing_read_app,
            Read::Resources => EN_MAINTENANCE.doing_read_resources,
            Read::Principal => EN_MAINTENANCE.doing_read_principal,
            Read::Assignments => EN_MAINTENANCE.doing_read_assignments,
            Read::Delegated => EN_MAINTENANCE.doing_read_delegated,
            Read::Roles => EN_MAINTENANCE.doing_read_roles,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Start,
    App,
    Principal,
    Grants,
}

/// Checks one app (by application id) against the profile of `request`.
#[derive(Debug)]
pub struct CheckApp {
    request: RegistrationRequest,
    app_id: String,
    calls: Calls<Read>,
    stage: Stage,
    facts: Facts,
    result: Option<Result<AppCheck, MaintenanceError>>,
}

impl CheckApp {
    /// `request` says what the profile wants (as for a registration); `app_id` is the
    /// application (client) id the admin gave.
    pub fn new(
        request: RegistrationRequest,
        app_id: &str,
        graph_base: &str,
        policy: RetryPolicy,
        jitter_seed: u32,
    ) -> Self {
        let app_id = app_id.trim().to_ascii_lowercase();
        let result = (!crate::guid::is_guid(&app_id)).then(|| {
            Err(MaintenanceError::NotAnAppId {
                given: app_id.clone(),
            })
        });
        CheckApp {
            request,
            app_id,
            calls: Calls::new(graph_base, policy, jitter_seed),
            stage: Stage::Start,
            facts: Facts::unknown(),
            result,
        }
    }

    fn queue(&mut self, read: Read, reading: Reading, call: GraphCall) {
        self.calls.queue(read, read.what(), reading, call);
    }

    fn advance(&mut self, now_millis: u64) {
        match self.stage {
            Stage::Start => {
                self.queue(
                    Read::App,
                    Reading::MayBeAbsent,
                    GraphCall::get(format!(
                        "/applications(appId='{}')?$select={APP_SELECT}",
                        self.app_id
                    )),
                );
                self.stage = Stage::App;
            }
            Stage::App => {
                let Some(app) = &self.facts.app else {
                    return self.finish(
                        None,
                        vec![Finding::AppNotFound {
                            app_id: self.app_id.clone(),
                            tenant_id: self.request.tenant_id.clone(),
                        }],
                    );
                };
                let resources = resources_call(&self.request, app);
                let principal = facts::principal_call(&app.app_id);
                self.queue(Read::Resources, Reading::List, resources);
                self.queue(Read::Principal, Reading::MayBeAbsent, principal);
                self.stage = Stage::Principal;
            }
            Stage::Principal => match self.facts.principal_id.clone() {
                Some(id) => {
                    self.queue(
                        Read::Assignments,
                        Reading::List,
                        facts::assignments_call(&id),
                    );
                    let delegated = facts::delegated_grants_call(&id);
                    self.queue(Read::Delegated, Reading::List, delegated);
                    if !self.request.roles.is_empty() {
                        let roles = facts::role_assignments_call(&id);
                        self.queue(Read::Roles, Reading::List, roles);
                    }
                    self.stage = Stage::Grants;
                }
                None => self.assess(now_millis),
            },
            Stage::Grants => self.assess(now_millis),
        }
    }

    fn assess(&mut self, now_millis: u64) {
        let Some(existing) = self.facts.app.as_ref() else {
            return self.fail(MaintenanceError::UnexpectedAnswer {
                what: Read::App.what(),
                problem: "the app was read but not kept",
            });
        };
        let app = CheckedApp::new(
            existing,
            &self.request,
            self.facts.principal_id.clone(),
            now_millis,
        );
        match findings::permission_findings(&self.request, &app, &self.facts, now_millis) {
            Ok(mut found) => {
                found.extend(findings::credential_findings(
                    &app,
                    &self.request.certificate_reasons,
                ));
                self.finish(Some(app), found);
            }
            Err(error) => self.fail(error),
        }
    }

    fn finish(&mut self, app: Option<CheckedApp>, findings: Vec<Finding>) {
        self.result = Some(Ok(AppCheck {
            tenant_id: self.request.tenant_id.clone(),
            app_id: self.app_id.clone(),
            app,
            findings,
            round_trips: self.calls.round_trips(),
        }));
    }

    fn fail(&mut self, error: MaintenanceError) {
        if self.result.is_none() {
            self.result = Some(Err(error));
        }
    }

    fn take(&mut self, read: Read, body: Value) {
        let listed = || items(&body);
        match read {
            Read::App => self.facts.app = Some(ExistingApp::from_json(&body)),
            Read::Resources => {
                self.facts.resources = listed().iter().map(ResourcePrincipal::from_json).collect();
            }
            Read::Principal => {
                self.facts.principal_id = body.get("id").and_then(Value::as_str).map(str::to_owned);
            }
            Read::Assignments => {
                self.facts.assignments = listed().iter().map(Assignment::from_json).collect();
            }
            Read::Delegated => {
                self.facts.delegated_grants = listed()
                    .iter()
                    .filter_map(DelegatedGrant::from_json)
                    .collect();
            }
            Read::Roles => {
                self.facts.role_assignments =
                    listed().iter().map(RoleAssignment::from_json).collect();
            }
        }
    }
}

/// The resource service principals the profile and the app's `requiredResourceAccess` name,
/// in one read (at most 15: the first ones are enough to name what the app asks for).
fn resources_call(request: &RegistrationRequest, app: &ExistingApp) -> GraphCall {
    let mut ids: Vec<String> = Vec::new();
    let profile = request.permissions.iter().map(|p| p.resource.app_id());
    let asked = app
        .required_resource_access
        .iter()
        .map(|e| e.resource_app_id.as_str());
    for id in profile.chain(asked) {
        let id = id.to_ascii_lowercase();
        if crate::guid::is_guid(&id) && !ids.contains(&id) && ids.len() < MAX_IN_VALUES {
            ids.push(id);
        }
    }
    let quoted: Vec<String> = ids.iter().map(|id| format!("'{id}'")).collect();
    GraphCall::get(format!(
        "/servicePrincipals?$filter=appId%20in%20({})&$select=id,appId,displayName,appRoles,oauth2PermissionScopes&$top=999",
        quoted.join(",")
    ))
}

impl Steps for CheckApp {
    fn result(&self) -> Option<&Self::Output> {
        self.result.as_ref()
    }

    fn next_calls(&mut self) -> Next {
        self.calls.next()
    }

    fn idle(&mut self, now_millis: u64) {
        self.advance(now_millis);
    }
}

impl Operation for CheckApp {
    type Output = Result<AppCheck, MaintenanceError>;

    fn next_action(&mut self, now_millis: u64) -> Action<Self::Output> {
        calls::next_action(self, now_millis)
    }

    fn accept(&mut self, replies: Vec<Result<GraphReply, Unreachable>>, now_millis: u64) {
        for (read, _, answer) in self.calls.accept(replies, now_millis) {
            match answer {
                Answer::Done(body) => self.take(read, body),
                // No such app, or no service principal: facts, not failures.
                Answer::NotFound => {}
                Answer::Refused(reply) => self.fail(MaintenanceError::refused(read.what(), &reply)),
                Answer::Failed(error) => self.fail(error),
            }
        }
    }
}
