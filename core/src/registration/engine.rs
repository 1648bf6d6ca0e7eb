//! The registration engine: a state machine without I/O. It hands out the calls of one round
//! trip ([`Action::Send`]), takes their replies ([`Engine::accept`]), asks to wait before
//! retries ([`Action::Wait`]), pauses with the plan until [`Engine::confirm`], and ends with an
//! [`Outcome`] or a [`Stopped`]. The driver (`drive.rs`) runs it over HTTP; tests can too.
//!
//! Round trips of a fresh tenant: discovery; the app; its service principal and secret; the
//! grants (with the app's tags read again); verification (which also records the secret). Calls of one round trip are
//! independent and go together (`send_calls` batches them).

use serde_json::Value;

use super::certificate::{CertificateOutcome, CertificateUpload, NewCertificate};
use super::facts::{self, Assignment, DelegatedGrant, ExistingApp, Facts, ResourcePrincipal};
use super::facts::{RoleAssignment, SecretRule};
use super::plan::{self, AppAction, Plan};
use super::progress::{Progress, Step, StepState, WaitReason};
use super::query::{items, next_page};
use super::request::RegistrationRequest;
use super::secret::{NewSecret, SecretValue, tags_with_verified};
use super::steps;
use super::stop::{AppSummary, CertificateProblem, InTenant, NoAnswer, Stop, Stopped, Unreadable};
use super::verify::{self, Checked, Discrepancy, Outcome, Verification};
use crate::catalog::Resource;
use crate::graph::{GraphCall, GraphReply, Jitter, Refusal, RetryPolicy, classify};
use crate::http::Unreachable;

const GRANT_STEPS: &[Step] = &[
    Step::ApplicationGrants,
    Step::DelegatedGrants,
    Step::DirectoryRoles,
];

/// How many times a lost `addPassword` answer is recovered in one run before it stops.
const MAX_SECRET_RECOVERIES: u32 = 3;

/// Pages read of one list before the run stops (a next-page link that keeps pointing back
/// would otherwise be followed for ever).
const MAX_PAGES: u32 = 100;

/// What the driver does next.
#[derive(Debug)]
pub enum Action {
    /// Send these calls together, in one round trip, and pass the replies to
    /// [`Engine::accept`] in the same order.
    Send(Vec<GraphCall>),
    /// Wait this long, then ask again (the progress says why).
    Wait { millis: u64 },
    /// The engine is paused or finished.
    Halt(Halt),
}

/// Where the engine rests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Halt {
    /// The plan is ready ([`Engine::plan`]): show it and call [`Engine::confirm`].
    AwaitingConfirmation,
    Finished(Box<Outcome>),
    Stopped(Box<Stopped>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Discovery, in up to three round trips (only one for a fresh tenant).
    Discover(u8),
    AwaitConfirm,
    App,
    PrincipalAndSecret,
    Grants,
    Verify,
    Over,
}

/// One call of the current round trip and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Op {
    Resources,
    Policy,
    OwnApp,
    /// The existing app's certificates with their `key`.
    Keys,
    SameName,
    Principal,
    Assignments,
    DelegatedGrants,
    RoleAssignments,
    UpsertApp,
    RepairApp,
    FindApp,
    RemoveSecret(String),
    UpsertPrincipal,
    FindPrincipal,
    AddSecret,
    FindLostSecret,
    Assign(usize),
    Unassign(String),
    Delegate(usize),
    Revoke(String),
    AssignRole(usize),
    /// The app's tags and secrets read again just before the record is written.
    ReadTags,
    Record,
    ReadApp,
    ReadPrincipal,
    ReadAssignments,
    ReadDelegated,
    ReadRoles,
}

impl Op {
    fn step(&self) -> Step {
        match self {
            Op::Resources
            | Op::Policy
            | Op::OwnApp
            | Op::Keys
            | Op::SameName
            | Op::Principal
            | Op::Assignments
            | Op::DelegatedGrants
            | Op::RoleAssignments => Step::Discover,
            Op::UpsertApp | Op::RepairApp | Op::FindApp | Op::RemoveSecret(_) => Step::App,
            Op::UpsertPrincipal | Op::FindPrincipal => Step::ServicePrincipal,
            Op::AddSecret | Op::FindLostSecret => Step::Secret,
            Op::Assign(_) | Op::Unassign(_) => Step::ApplicationGrants,
            Op::Delegate(_) | Op::Revoke(_) => Step::DelegatedGrants,
            Op::AssignRole(_) => Step::DirectoryRoles,
            Op::ReadTags
            | Op::Record
            | Op::ReadApp
            | Op::ReadPrincipal
            | Op::ReadAssignments
            | Op::ReadDelegated
            | Op::ReadRoles => Step::Verify,
        }
    }

    /// What a verification read checks, for the report when it could not be done; `None`
    /// for calls that are not verification reads.
    fn checks(&self) -> Option<Checked> {
        Some(match self {
            Op::ReadApp => Checked::App,
            Op::ReadPrincipal => Checked::ServicePrincipal,
            Op::ReadAssignments => Checked::ApplicationPermissions,
            Op::ReadDelegated => Checked::DelegatedPermissions,
            Op::ReadRoles => Checked::DirectoryRoles,
            _ => return None,
        })
    }

    /// Reads whose every page is needed before the answer means anything.
    fn is_list(&self) -> bool {
        matches!(
            self,
            Op::Resources
                | Op::SameName
                | Op::Assignments
                | Op::DelegatedGrants
                | Op::RoleAssignments
                | Op::ReadAssignments
                | Op::ReadDelegated
                | Op::ReadRoles
        )
    }
}

#[derive(Debug, Clone)]
struct Task {
    op: Op,
    call: GraphCall,
    /// The first page's call: a list read again starts over from it.
    first: GraphCall,
    /// Tries so far (the one in flight included).
    attempt: u32,
    /// Items of the pages read so far.
    items: Vec<Value>,
    /// The call is the next page of a read in progress: not a new try.
    next_page: bool,
    /// The call waits for the next round trip after a refusal.
    waiting: Option<WaitReason>,
    /// Pages of the list read so far in this try.
    pages: u32,
    /// A verification read: the differences its last answer showed (read again after a wait).
    found: Vec<Discrepancy>,
}

impl Task {
    fn new(op: Op, call: GraphCall) -> Self {
        Task {
            op,
            first: call.clone(),
            call,
            attempt: 0,
            items: Vec::new(),
            next_page: false,
            waiting: None,
            pages: 0,
            found: Vec::new(),
        }
    }
}

/// What became of one call.
enum Handled {
    Done,
    /// Try the same call again after a wait.
    Retry(Refusal, WaitReason),
    /// Next page of a list: sent in the next round trip, no wait.
    NextPage(GraphCall),
    /// This call is replaced by others, sent in the next round trip.
    Replace(Vec<(Op, GraphCall)>),
    Stop(Stop),
}

/// A registration run. See the module documentation.
#[derive(Debug)]
pub struct Engine {
    request: RegistrationRequest,
    graph_base: String,
    policy: RetryPolicy,
    jitter: Jitter,
    phase: Phase,
    tasks: Vec<Task>,
    pending_wait: Option<u64>,
    progress: Progress,
    facts: Facts,
    plan: Option<Plan>,
    app: Option<AppSummary>,
    principal_id: Option<String>,
    secret: Option<NewSecret>,
    secret_added: bool,
    secret_recoveries: u32,
    /// The certificate handed over at confirmation, checked.
    certificate: Option<NewCertificate>,
    /// The new certificate went out with the app's upsert.
    certificate_sent: bool,
    /// The keyIds of the app's certificates as far as this run knows (for the tag record).
    certificate_key_ids: Vec<String>,
    /// The app's secrets as far as this run knows (for the tag record).
    credentials: Vec<facts::PasswordCredential>,
    /// The app's tags as read again in the grants round trip (`None`: not read).
    fresh_tags: Option<Vec<String>>,
    /// The secret's keyId is recorded in the app's tags: from now on the run hands it out.
    recorded: bool,
    /// Calls sent once every call of the current round trip is done: a write to the app's
    /// credentials never goes in parallel with another write to the same app.
    follow_up: Vec<(Op, GraphCall)>,
    /// The differences of the verification read being handled, kept if it is read again.
    last_found: Vec<Discrepancy>,
    grants_in_place: usize,
    discrepancies: Vec<Discrepancy>,
    halt: Option<Halt>,
    /// The time of the replies being handled (Unix epoch milliseconds).
    now_millis: u64,
}

impl Engine {
    /// A new run. `graph_base` is the Graph root the calls go to (to follow next-page links
    /// only there); `jitter_seed` is random in the browser, fixed in tests.
    pub fn new(
        request: RegistrationRequest,
        graph_base: &str,
        policy: RetryPolicy,
        jitter_seed: u32,
    ) -> Self {
        Engine {
            request,
            graph_base: graph_base.trim_end_matches('/').to_owned(),
            policy,
            jitter: Jitter::new(jitter_seed),
            phase: Phase::Discover(1),
            tasks: Vec::new(),
            pending_wait: None,
            progress: Progress::new(),
            facts: Facts::unknown(),
            plan: None,
            app: None,
            principal_id: None,
            secret: None,
            secret_added: false,
            secret_recoveries: 0,
            certificate: None,
            certificate_sent: false,
            certificate_key_ids: Vec::new(),
            credentials: Vec::new(),
            fresh_tags: None,
            recorded: false,
            follow_up: Vec::new(),
            last_found: Vec::new(),
            grants_in_place: 0,
            discrepancies: Vec::new(),
            halt: None,
            now_millis: 0,
        }
    }

    pub fn request(&self) -> &RegistrationRequest {
        &self.request
    }

    /// The plan, once discovery is done (also when the run stopped because of it).
    pub fn plan(&self) -> Option<&Plan> {
        self.plan.as_ref()
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn round_trips(&self) -> u32 {
        self.progress.round_trips
    }

    /// The admin confirmed a plan that adds no certificate: the run goes on and writes. A plan
    /// that adds one ([`Plan::certificate`]) needs [`Engine::confirm_with_certificate`]:
    /// confirmed without it, the run stops before writing anything.
    pub fn confirm(&mut self) {
        if self.phase != Phase::AwaitConfirm {
            return;
        }
        if self.plan.as_ref().is_some_and(|p| p.certificate.is_some()) {
            return self.refuse_certificate(CertificateProblem::NoneMade);
        }
        self.confirmed();
    }

    /// The admin confirmed a plan that adds a certificate, and the caller made it for
    /// [`Plan::certificate`] (`CertificatePlan::certificate_request`): it goes into the app's
    /// `keyCredentials` with the app's upsert, beside the certificates the app has. A
    /// certificate that is not DER, or valid longer than the plan says, or given for a plan
    /// that adds none, stops the run before anything is written.
    pub fn confirm_with_certificate(&mut self, upload: CertificateUpload) {
        if self.phase != Phase::AwaitConfirm {
            return;
        }
        let Some(planned) = self.plan.as_ref().and_then(|p| p.certificate.as_ref()) else {
            return self.refuse_certificate(CertificateProblem::NoneInPlan);
        };
        match NewCertificate::from_upload(upload, planned) {
            Ok(certificate) => {
                self.certificate = Some(certificate);
                self.confirmed();
            }
            Err(problem) => self.refuse_certificate(problem),
        }
    }

    fn confirmed(&mut self) {
        self.halt = None;
        self.progress.set(Step::Confirm, StepState::Done);
        self.phase = Phase::App;
    }

    fn refuse_certificate(&mut self, problem: CertificateProblem) {
        self.progress.set(Step::Confirm, StepState::Failed);
        self.stop(Stop::Certificate { problem });
    }

    /// The certificate handed over at confirmation (its thumbprints and keyId), if any.
    pub fn certificate(&self) -> Option<&NewCertificate> {
        self.certificate.as_ref()
    }

    /// What to do next. `now_millis` (Unix epoch) dates the secret.
    pub fn next_action(&mut self, now_millis: u64) -> Action {
        loop {
            if let Some(halt) = &self.halt {
                return Action::Halt(halt.clone());
            }
            if let Some(millis) = self.pending_wait.take() {
                return Action::Wait { millis };
            }
            if !self.tasks.is_empty() {
                for task in &mut self.tasks {
                    if !std::mem::take(&mut task.next_page) {
                        task.attempt += 1;
                    }
                    task.waiting = None;
                }
                self.progress.round_trips += 1;
                self.show_running();
                return Action::Send(self.tasks.iter().map(|t| t.call.clone()).collect());
            }
            self.advance(now_millis);
        }
    }

    /// The replies to the calls of the last [`Action::Send`], in the same order.
    pub fn accept(&mut self, replies: Vec<Result<GraphReply, Unreachable>>, now_millis: u64) {
        self.now_millis = now_millis;
        let tasks = std::mem::take(&mut self.tasks);
        let mut replies = replies.into_iter();
        let mut kept = Vec::new();
        let mut failed = Vec::new();
        let mut stop = None;
        let mut wait: u64 = 0;
        for mut task in tasks {
            let reply = replies
                .next()
                .unwrap_or_else(|| Err(Unreachable("no reply was given for this call".into())));
            let step = task.op.step();
            match self.handle(&mut task, reply, now_millis) {
                Handled::Done => {}
                Handled::NextPage(call) => {
                    task.call = call;
                    task.next_page = true;
                    task.pages += 1;
                    kept.push(task);
                }
                Handled::Replace(calls) => {
                    kept.extend(calls.into_iter().map(|(op, call)| Task::new(op, call)))
                }
                Handled::Retry(refusal, reason) => {
                    if !self.last_found.is_empty() {
                        task.found = std::mem::take(&mut self.last_found);
                    }
                    let jitter = self.jitter.next_u32();
                    match self.policy.delay_millis(refusal, task.attempt, jitter) {
                        Some(delay) => {
                            wait = wait.max(delay);
                            task.waiting = Some(reason);
                            task.call = task.first.clone();
                            task.items.clear();
                            task.pages = 0;
                            kept.push(task);
                        }
                        None => {
                            stop.get_or_insert(match reason {
                                WaitReason::NoAnswer => Stop::Unreachable {
                                    step,
                                    detail: NoAnswer::AfterTries,
                                },
                                reason => Stop::GaveUp { step, reason },
                            });
                            failed.push(task);
                        }
                    }
                }
                Handled::Stop(found) => {
                    self.progress.set(step, StepState::Failed);
                    stop.get_or_insert(found);
                    failed.push(task);
                }
            }
        }
        let over_budget =
            wait > 0 && self.progress.waited_millis + wait > self.policy.budget_millis;
        if (stop.is_some() || over_budget) && self.recorded {
            // The secret is recorded: whatever is left to check, the admin gets the secret.
            if let Some(unchecked) = unchecked(&mut kept, &mut failed) {
                self.discrepancies.extend(unchecked);
                self.tasks.clear();
                self.pending_wait = None;
                self.show_waiting(0);
                return self.phase_done();
            }
        }
        if let Some(stop) = stop {
            return self.stop(stop);
        }
        if kept.is_empty() && !self.follow_up.is_empty() {
            kept.extend(
                std::mem::take(&mut self.follow_up)
                    .into_iter()
                    .map(|(op, call)| Task::new(op, call)),
            );
        }
        if wait > 0 {
            if over_budget {
                let waiting = kept
                    .iter()
                    .find_map(|t| t.waiting.map(|r| (t.op.step(), r)));
                let (step, reason) = waiting.unwrap_or((Step::Discover, WaitReason::Throttled));
                return self.stop(match reason {
                    WaitReason::NoAnswer => Stop::Unreachable {
                        step,
                        detail: NoAnswer::InTime,
                    },
                    reason => Stop::GaveUp { step, reason },
                });
            }
            self.progress.waited_millis += wait;
            self.pending_wait = Some(wait);
        }
        self.tasks = kept;
        self.show_waiting(wait);
        if self.tasks.is_empty() {
            self.phase_done();
        }
    }

    fn show_running(&mut self) {
        let steps: Vec<Step> = self.tasks.iter().map(|t| t.op.step()).collect();
        for step in steps {
            self.progress.set(step, StepState::Running);
        }
    }

    fn show_waiting(&mut self, wait: u64) {
        let waiting: Vec<(Step, WaitReason)> = self
            .tasks
            .iter()
            .filter_map(|t| t.waiting.map(|r| (t.op.step(), r)))
            .collect();
        for (step, reason) in waiting {
            self.progress.set(
                step,
                StepState::Waiting {
                    seconds: wait.div_ceil(1000),
                    reason,
                },
            );
        }
    }

    /// Marks the steps of the round trips just finished done. `self.phase` already names the
    /// phase that comes next.
    fn phase_done(&mut self) {
        let done: &[Step] = match self.phase {
            Phase::PrincipalAndSecret => &[Step::App],
            Phase::Grants => &[Step::ServicePrincipal, Step::Secret],
            Phase::Verify => GRANT_STEPS,
            Phase::Over => &[Step::Verify],
            _ => &[],
        };
        self.done(done);
    }

    fn done(&mut self, done: &[Step]) {
        for step in done {
            if *self.progress.state(*step) != StepState::Skipped {
                self.progress.set(*step, StepState::Done);
            }
        }
    }

    fn stop(&mut self, stop: Stop) {
        self.tasks.clear();
        self.follow_up.clear();
        self.pending_wait = None;
        self.phase = Phase::Over;
        let plan = self.plan.as_ref();
        self.halt = Some(Halt::Stopped(Box::new(Stopped {
            stop,
            in_tenant: InTenant {
                app: self.app.clone(),
                principal_id: self.principal_id.clone(),
                secret_added: self.secret_added,
                certificate_added: self.certificate_sent,
                grants_in_place: self.grants_in_place,
                grants_planned: plan.map_or(0, Plan::grants_planned),
            },
            round_trips: self.progress.round_trips,
        })));
    }

    /// Moves to the next phase and queues its calls (none: the loop advances again).
    fn advance(&mut self, now_millis: u64) {
        match self.phase {
            Phase::Discover(1) => {
                let mut resources: Vec<Resource> = Vec::new();
                for permission in &self.request.permissions {
                    if !resources.contains(&permission.resource) {
                        resources.push(permission.resource);
                    }
                }
                self.queue(Op::Resources, facts::resources_call(&resources));
                self.queue(Op::Policy, facts::policy_call());
                match &self.request.target_app {
                    // Told which app: read it by object id, search for no other.
                    Some(target) => {
                        let call = facts::app_by_object_id_call(&target.object_id);
                        self.queue(Op::OwnApp, call);
                    }
                    None => {
                        self.queue(
                            Op::OwnApp,
                            facts::app_by_unique_name_call(&self.request.unique_name),
                        );
                        self.queue(
                            Op::SameName,
                            facts::apps_by_name_call(&self.request.app_display_name),
                        );
                    }
                }
                self.phase = Phase::Discover(2);
            }
            Phase::Discover(2) => {
                // The app the run will use decides whether there is more to read.
                match plan::choose_app(self.facts.app.as_ref(), &self.facts.same_name) {
                    Ok((action, _)) => match action.existing() {
                        Some(app) => {
                            let call = facts::principal_call(&app.app_id);
                            let keys = facts::keys_call(&app.object_id);
                            self.app = Some(app.clone());
                            self.queue(Op::Principal, call);
                            self.queue(Op::Keys, keys);
                            self.phase = Phase::Discover(3);
                        }
                        None => self.make_plan(now_millis),
                    },
                    Err(stop) => self.stop(stop),
                }
            }
            Phase::Discover(3) => match self.facts.principal_id.clone() {
                Some(id) => {
                    self.queue(Op::Assignments, facts::assignments_call(&id));
                    self.queue(Op::DelegatedGrants, facts::delegated_grants_call(&id));
                    if !self.request.roles.is_empty() {
                        self.queue(Op::RoleAssignments, facts::role_assignments_call(&id));
                    }
                    self.phase = Phase::Discover(4);
                }
                None => self.make_plan(now_millis),
            },
            Phase::Discover(_) => self.make_plan(now_millis),
            Phase::AwaitConfirm => {
                self.halt = Some(Halt::AwaitingConfirmation);
            }
            Phase::App => self.start_app(),
            Phase::PrincipalAndSecret => self.start_principal_and_secret(now_millis),
            Phase::Grants => self.start_grants(),
            Phase::Verify => self.start_verify(),
            Phase::Over => self.finish(),
        }
    }

    fn queue(&mut self, op: Op, call: GraphCall) {
        self.tasks.push(Task::new(op, call));
    }

    fn make_plan(&mut self, now_millis: u64) {
        self.progress.set(Step::Discover, StepState::Done);
        match plan::compute(&self.request, &self.facts, now_millis) {
            Err(stop) => self.stop(stop),
            Ok(plan) => {
                let forbidden = plan.secret.forbidden;
                self.grants_in_place = plan.application_grants.iter().filter(|g| g.exists).count()
                    + plan
                        .delegated_grants
                        .iter()
                        .filter(|g| matches!(g.change, super::diff::DelegatedChange::Keep(_)))
                        .count()
                    + plan.roles.iter().filter(|r| r.exists).count();
                for (step, none) in [
                    (Step::ApplicationGrants, plan.application_grants.is_empty()),
                    (Step::DelegatedGrants, plan.delegated_grants.is_empty()),
                    (Step::DirectoryRoles, plan.roles.is_empty()),
                    (Step::Secret, forbidden),
                ] {
                    if none {
                        self.progress.set(step, StepState::Skipped);
                    }
                }
                self.credentials = self
                    .facts
                    .app
                    .as_ref()
                    .or_else(|| {
                        let adopted = plan.app.existing()?;
                        self.facts
                            .same_name
                            .iter()
                            .find(|a| a.id == adopted.object_id)
                    })
                    .map(|a| a.password_credentials.clone())
                    .unwrap_or_default();
                self.credentials
                    .retain(|c| !plan.stale_secrets.iter().any(|s| s.key_id == c.key_id));
                self.principal_id = plan.principal_id.clone();
                self.certificate_key_ids =
                    plan.certificates.iter().map(|c| c.key_id.clone()).collect();
                self.plan = Some(plan);
                self.progress.set(Step::Confirm, StepState::Running);
                self.phase = Phase::AwaitConfirm;
            }
        }
    }

    fn plan_ref(&self) -> Option<&Plan> {
        self.plan.as_ref()
    }

    fn start_app(&mut self) {
        let Some(plan) = self.plan_ref() else {
            return self.stop(unexpected(Step::App, Unreadable::NoPlan));
        };
        let upsert = steps::upsert_app(plan, self.certificate.as_ref());
        // Stale secrets go in a round trip of their own, once the app is updated.
        let removals: Vec<(Op, GraphCall)> = match plan.app.existing() {
            Some(app) => plan
                .stale_secrets
                .iter()
                .map(|stale| {
                    (
                        Op::RemoveSecret(stale.key_id.clone()),
                        steps::remove_secret(&app.object_id, &stale.key_id),
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        self.queue(Op::UpsertApp, upsert);
        self.follow_up = removals;
        if let Some(certificate) = &self.certificate {
            self.certificate_sent = true;
            self.certificate_key_ids.push(certificate.key_id.clone());
        }
        self.phase = Phase::PrincipalAndSecret;
    }

    fn start_principal_and_secret(&mut self, now_millis: u64) {
        let (Some(plan), Some(app)) = (self.plan_ref(), self.app.clone()) else {
            return self.stop(unexpected(Step::ServicePrincipal, Unreadable::AppUnknown));
        };
        let secret = (!plan.secret.forbidden).then(|| {
            steps::add_secret(
                &app.object_id,
                &plan.secret.display_name,
                now_millis,
                plan.secret.lifetime_days,
            )
        });
        if self.principal_id.is_none() {
            let call = steps::upsert_principal(&app.app_id);
            self.queue(Op::UpsertPrincipal, call);
        } else {
            self.progress.set(Step::ServicePrincipal, StepState::Done);
        }
        if let Some(secret) = secret {
            self.queue(Op::AddSecret, secret);
        }
        self.phase = Phase::Grants;
    }

    fn start_grants(&mut self) {
        let (Some(plan), Some(principal)) = (self.plan_ref(), self.principal_id.clone()) else {
            return self.stop(unexpected(
                Step::ApplicationGrants,
                Unreadable::PrincipalUnknown,
            ));
        };
        let mut calls = Vec::new();
        for (index, grant) in plan.application_grants.iter().enumerate() {
            if !grant.exists {
                calls.push((Op::Assign(index), steps::assign(&principal, grant)));
            }
        }
        for (index, grant) in plan.delegated_grants.iter().enumerate() {
            if let Some(call) = steps::delegate(&principal, grant) {
                calls.push((Op::Delegate(index), call));
            }
        }
        for (index, role) in plan.roles.iter().enumerate() {
            if !role.exists {
                calls.push((Op::AssignRole(index), steps::assign_role(&principal, role)));
            }
        }
        for extra in &plan.extra_grants {
            calls.push(match extra.kind {
                crate::catalog::PermissionKind::Application => (
                    Op::Unassign(extra.id.clone()),
                    steps::unassign(&principal, &extra.id),
                ),
                crate::catalog::PermissionKind::Delegated => (
                    Op::Revoke(extra.id.clone()),
                    steps::revoke_delegated(&extra.id),
                ),
            });
        }
        // The app's tags as late as possible before the record: another run may have written
        // its own record since discovery.
        if let Some(app) = &self.app {
            calls.push((Op::ReadTags, steps::read_app(&app.object_id)));
        }
        for (op, call) in calls {
            self.queue(op, call);
        }
        self.phase = Phase::Verify;
    }

    /// The plan and what the run made of it (app, service principal), once both exist, and
    /// the secret unless the plan has none.
    fn results(&self) -> Option<(&Plan, AppSummary, String, Option<NewSecret>)> {
        let plan = self.plan.as_ref()?;
        let secret = match plan.secret.forbidden {
            true => None,
            false => Some(self.secret.clone()?),
        };
        Some((plan, self.app.clone()?, self.principal_id.clone()?, secret))
    }

    fn start_verify(&mut self) {
        let Some((plan, app, principal, secret)) = self.results() else {
            return self.stop(unexpected(Step::Verify, Unreadable::AppOrSecretUnknown));
        };
        let mut live: Vec<String> = self.credentials.iter().map(|c| c.key_id.clone()).collect();
        live.extend(self.certificate_key_ids.iter().cloned());
        let recorded: Vec<String> = secret
            .iter()
            .map(|s| s.key_id.clone())
            .chain(self.certificate.iter().map(|c| c.key_id.clone()))
            .collect();
        live.extend(recorded.iter().cloned());
        let tags = self.fresh_tags.as_ref().unwrap_or(&plan.tags);
        let tags = tags_with_verified(tags, &live, &recorded);
        let has_roles = !plan.roles.is_empty();
        if recorded.is_empty() {
            // Nothing new to hand out (a kept certificate only): nothing to record.
            self.recorded = true;
        } else {
            self.queue(Op::Record, steps::record_tags(&app.object_id, &tags));
        }
        self.queue(Op::ReadApp, steps::read_app(&app.object_id));
        self.queue(Op::ReadPrincipal, steps::read_principal(&principal));
        self.queue(Op::ReadAssignments, facts::assignments_call(&principal));
        self.queue(Op::ReadDelegated, facts::delegated_grants_call(&principal));
        if has_roles {
            self.queue(Op::ReadRoles, facts::role_assignments_call(&principal));
        }
        self.phase = Phase::Over;
    }

    /// The certificate of the outcome: the new one, else a recorded one of this product that
    /// the plan kept (the latest to expire).
    fn certificate_outcome(&self, plan: &Plan) -> Option<CertificateOutcome> {
        if let Some(new) = &self.certificate {
            return Some(CertificateOutcome {
                key_id: new.key_id.clone(),
                display_name: new.display_name.clone(),
                thumbprint_sha1: new.thumbprint_sha1.clone(),
                thumbprint_sha256: new.thumbprint_sha256.clone(),
                expires: new.expires.clone(),
                added: true,
                reasons: plan.certificate_reasons.clone(),
            });
        }
        if plan.certificate_reasons.is_empty() {
            return None;
        }
        let kept = plan
            .certificates
            .iter()
            .filter(|c| plan.tags.contains(&super::secret::verified_tag(&c.key_id)))
            .max_by_key(|c| super::time::millis_from_iso(&c.end_date_time))?;
        let der = kept.key.as_deref().and_then(|k| {
            use base64::Engine as _;
            base64::engine::general_purpose::STANDARD.decode(k).ok()
        });
        Some(CertificateOutcome {
            key_id: kept.key_id.clone(),
            display_name: kept.display_name.clone(),
            thumbprint_sha1: kept.thumbprint_sha1().unwrap_or_default(),
            thumbprint_sha256: der
                .map(|d: Vec<u8>| crate::credential::thumbprint_sha256(&d))
                .unwrap_or_default(),
            expires: kept.end_date_time.clone(),
            added: false,
            reasons: plan.certificate_reasons.clone(),
        })
    }

    fn finish(&mut self) {
        let Some((plan, app, principal, secret)) = self.results() else {
            return self.stop(unexpected(Step::Verify, Unreadable::NoResults));
        };
        let outcome = Outcome {
            tenant_id: plan.tenant_id.clone(),
            client_id: app.app_id,
            app_object_id: app.object_id,
            principal_id: principal,
            secret,
            certificate: self.certificate_outcome(plan),
            granted: verify::granted(plan),
            roles: plan.roles.iter().map(|r| r.display_name.clone()).collect(),
            verification: Verification {
                discrepancies: self.discrepancies.clone(),
            },
            round_trips: self.progress.round_trips,
        };
        self.halt = Some(Halt::Finished(Box::new(outcome)));
    }

    /// One reply, for one call.
    fn handle(
        &mut self,
        task: &mut Task,
        reply: Result<GraphReply, Unreachable>,
        now_millis: u64,
    ) -> Handled {
        let step = task.op.step();
        let reply = match reply {
            Ok(reply) => reply,
            Err(unreachable) => {
                // A lost addPassword may have added a secret: look before adding again.
                if task.op == Op::AddSecret {
                    return self.recover_secret();
                }
                if task.attempt >= self.policy.max_attempts {
                    return Handled::Stop(Stop::Unreachable {
                        step,
                        detail: NoAnswer::Browser(unreachable.0),
                    });
                }
                return Handled::Retry(
                    Refusal::Throttled {
                        retry_after_millis: None,
                    },
                    WaitReason::NoAnswer,
                );
            }
        };
        if reply.is_success() {
            if task.op.is_list() {
                task.items.extend(items(&reply.body));
                match next_page(&self.graph_base, &reply.body) {
                    Some(Ok(_)) if task.pages + 1 >= MAX_PAGES => {
                        return Handled::Stop(unexpected(step, Unreadable::TooManyPages));
                    }
                    Some(Ok(call)) => return Handled::NextPage(call),
                    Some(Err(_)) => {
                        return Handled::Stop(unexpected(step, Unreadable::PageElsewhere));
                    }
                    None => {}
                }
            }
            let last_try = task.attempt >= self.policy.max_attempts;
            let listed = std::mem::take(&mut task.items);
            return self.succeeded(&task.op, &reply, listed, last_try);
        }
        if reply.status == 401 {
            return Handled::Stop(Stop::SignInExpired);
        }
        if let Some(handled) = self.refused(&task.op, &reply) {
            return handled;
        }
        match classify(&reply, now_millis) {
            refusal @ Refusal::Throttled { .. } => Handled::Retry(refusal, WaitReason::Throttled),
            Refusal::Replication => Handled::Retry(Refusal::Replication, WaitReason::Replication),
            Refusal::AlreadyExists | Refusal::Final if reply.status == 403 => {
                Handled::Stop(Stop::MissingRole {
                    step,
                    message: reply.error_message().unwrap_or_default().to_owned(),
                })
            }
            Refusal::AlreadyExists | Refusal::Final => Handled::Stop(Stop::Refused {
                step,
                status: reply.status,
                code: reply.error_code().unwrap_or_default().to_owned(),
                message: reply.error_message().unwrap_or_default().to_owned(),
            }),
        }
    }

    /// Refusals with a meaning for this call in particular; `None`: the general rules apply.
    fn refused(&mut self, op: &Op, reply: &GraphReply) -> Option<Handled> {
        let code = reply.error_code().unwrap_or_default();
        let message = reply.error_message().unwrap_or_default();
        match op {
            // No app with this uniqueName, no service principal yet: facts, not failures.
            Op::OwnApp if reply.status == 404 => Some(Handled::Done),
            Op::Principal if reply.status == 404 => Some(Handled::Done),
            // Without Policy.Read.All the policy is unknown; addPassword will tell.
            Op::Policy if reply.status == 403 || reply.status == 404 => Some(Handled::Done),
            // Already gone: what removing wanted.
            Op::RemoveSecret(key_id) if reply.status == 400 && message.contains("No password") => {
                self.credentials.retain(|c| c.key_id != *key_id);
                Some(Handled::Done)
            }
            Op::Unassign(_) | Op::Revoke(_) if reply.status == 404 => Some(Handled::Done),
            // The app not readable yet (replication): the record goes into the tags as
            // discovery read them.
            Op::ReadTags if reply.status == 404 => Some(Handled::Done),
            // Graph's answer to a role assignment sent twice (the first answer lost): it is
            // there (verification reads it back to confirm).
            Op::AssignRole(_)
                if reply.status == 400 && message.contains("A conflicting object") =>
            {
                self.grants_in_place += 1;
                Some(Handled::Done)
            }
            // Whether Graph lets an existing app be given a uniqueName is not documented; if it
            // refuses, the adopted app is repaired without one (found again by its name).
            // A certificate the tenant's policy does not allow (its lifetime, its issuer).
            Op::UpsertApp | Op::RepairApp
                if code.contains("AsPerAppPolicy")
                    || message.contains("as per assigned policy") =>
            {
                Some(Handled::Stop(Stop::CertificateRefused {
                    message: message.to_owned(),
                }))
            }
            Op::UpsertApp if reply.status == 400 && message.contains("uniqueName") => {
                let plan = self.plan.as_ref()?;
                let AppAction::Adopt(app) = &plan.app else {
                    return None;
                };
                let call = steps::repair_without_unique_name(
                    plan,
                    &app.object_id,
                    self.certificate.as_ref(),
                );
                Some(Handled::Replace(vec![(Op::RepairApp, call)]))
            }
            Op::AddSecret => {
                if code.contains("AsPerAppPolicy") || message.contains("as per assigned policy") {
                    return Some(Handled::Stop(Stop::SecretRefused {
                        message: message.to_owned(),
                    }));
                }
                // A 5xx after a write may have added the secret: look first. 429 was not
                // processed and is retried as it is.
                (500..600)
                    .contains(&reply.status)
                    .then(|| self.recover_secret())
            }
            // A duplicate grant: it is there (verification reads it back to confirm).
            Op::Assign(_) | Op::Delegate(_) | Op::AssignRole(_)
                if classify(reply, 0) == Refusal::AlreadyExists =>
            {
                self.grants_in_place += 1;
                Some(Handled::Done)
            }
            _ => None,
        }
    }

    /// After a lost `addPassword` answer: list the app's secrets first.
    fn recover_secret(&mut self) -> Handled {
        self.secret_added = true;
        self.secret_recoveries += 1;
        let Some(app) = &self.app else {
            return Handled::Stop(unexpected(Step::Secret, Unreadable::AppUnknown));
        };
        if self.secret_recoveries > MAX_SECRET_RECOVERIES {
            return Handled::Stop(Stop::GaveUp {
                step: Step::Secret,
                reason: WaitReason::NoAnswer,
            });
        }
        Handled::Replace(vec![(
            Op::FindLostSecret,
            steps::list_secrets(&app.object_id),
        )])
    }

    fn succeeded(
        &mut self,
        op: &Op,
        reply: &GraphReply,
        listed: Vec<Value>,
        last_try: bool,
    ) -> Handled {
        let body = &reply.body;
        let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
        match op {
            Op::Resources => {
                self.facts.resources = listed.iter().map(ResourcePrincipal::from_json).collect();
            }
            Op::Policy => {
                self.facts.secrets = SecretRule::from_policy(body);
                self.facts.certificate_max_seconds = facts::certificate_max_lifetime(body);
            }
            Op::Keys => self.facts.app_keys = Some(facts::key_credentials(body)),
            Op::OwnApp => self.facts.app = Some(ExistingApp::from_json(body)),
            Op::SameName => {
                let own = self.request.unique_name.as_str();
                self.facts.same_name = listed
                    .iter()
                    .map(ExistingApp::from_json)
                    .filter(|a| {
                        !a.unique_name
                            .as_deref()
                            .is_some_and(|u| u.eq_ignore_ascii_case(own))
                    })
                    .collect();
            }
            Op::Principal => self.facts.principal_id = text("id"),
            Op::Assignments => {
                self.facts.assignments = listed.iter().map(Assignment::from_json).collect();
            }
            Op::DelegatedGrants => {
                self.facts.delegated_grants = listed
                    .iter()
                    .filter_map(DelegatedGrant::from_json)
                    .collect();
            }
            Op::RoleAssignments => {
                self.facts.role_assignments =
                    listed.iter().map(RoleAssignment::from_json).collect();
            }
            Op::UpsertApp | Op::FindApp => {
                if let (Some(object_id), Some(app_id)) = (text("id"), text("appId")) {
                    self.app = Some(AppSummary {
                        object_id,
                        app_id,
                        display_name: text("displayName").unwrap_or_default(),
                    });
                } else if self.app.is_none() {
                    // 204: the app existed after all (an earlier run, still replicating).
                    let Some(plan) = self.plan_ref() else {
                        return Handled::Stop(unexpected(Step::App, Unreadable::NoPlan));
                    };
                    return Handled::Replace(vec![(Op::FindApp, steps::find_app(plan))]);
                }
            }
            Op::RemoveSecret(key_id) => {
                self.credentials.retain(|c| c.key_id != *key_id);
            }
            Op::UpsertPrincipal | Op::FindPrincipal => match text("id") {
                Some(id) => self.principal_id = Some(id),
                None => {
                    let Some(app) = &self.app else {
                        return Handled::Stop(unexpected(
                            Step::ServicePrincipal,
                            Unreadable::AppUnknown,
                        ));
                    };
                    return Handled::Replace(vec![(
                        Op::FindPrincipal,
                        steps::find_principal(&app.app_id),
                    )]);
                }
            },
            Op::AddSecret => {
                let (Some(key_id), Some(value)) = (text("keyId"), text("secretText")) else {
                    return Handled::Stop(unexpected(Step::Secret, Unreadable::NoSecret));
                };
                self.secret_added = true;
                self.secret = Some(NewSecret {
                    key_id,
                    display_name: text("displayName").unwrap_or_default(),
                    value: SecretValue::new(value),
                    expires: text("endDateTime").unwrap_or_default(),
                });
            }
            Op::FindLostSecret => return self.replace_lost_secret(body),
            Op::Assign(_) | Op::Delegate(_) | Op::AssignRole(_) => self.grants_in_place += 1,
            Op::Unassign(_) | Op::Revoke(_) | Op::RepairApp => {}
            Op::Record => self.recorded = true,
            Op::ReadTags => {
                let app = ExistingApp::from_json(body);
                self.fresh_tags = Some(app.tags);
                self.credentials = app.password_credentials;
                self.certificate_key_ids =
                    app.key_credentials.into_iter().map(|c| c.key_id).collect();
                if let Some(new) = &self.certificate
                    && !self.certificate_key_ids.contains(&new.key_id)
                {
                    self.certificate_key_ids.push(new.key_id.clone());
                }
            }
            Op::ReadApp | Op::ReadPrincipal => {
                if *op == Op::ReadApp {
                    let Some(plan) = self.plan.as_ref() else {
                        return Handled::Done;
                    };
                    let found = verify::check_app(
                        plan,
                        &ExistingApp::from_json(body),
                        self.secret.as_ref().map(|s| s.key_id.as_str()),
                        self.certificate.as_ref(),
                    );
                    return self.verified(found, last_try);
                }
            }
            Op::ReadAssignments | Op::ReadDelegated | Op::ReadRoles => {
                let Some(plan) = self.plan.as_ref() else {
                    return Handled::Done;
                };
                let found = match op {
                    Op::ReadAssignments => verify::check_assignments(
                        plan,
                        &listed.iter().map(Assignment::from_json).collect::<Vec<_>>(),
                    ),
                    Op::ReadDelegated => verify::check_delegated(
                        plan,
                        &listed
                            .iter()
                            .filter_map(DelegatedGrant::from_json)
                            .collect::<Vec<_>>(),
                    ),
                    _ => verify::check_roles(
                        plan,
                        &listed
                            .iter()
                            .map(RoleAssignment::from_json)
                            .collect::<Vec<_>>(),
                    ),
                };
                return self.verified(found, last_try);
            }
        }
        Handled::Done
    }

    /// A verification read: a difference is first taken for replication (lists lag behind
    /// writes) and read again; on the last try it goes into the report.
    fn verified(&mut self, found: Vec<Discrepancy>, last_try: bool) -> Handled {
        if found.is_empty() {
            return Handled::Done;
        }
        if last_try {
            self.discrepancies.extend(found);
            return Handled::Done;
        }
        self.last_found = found;
        Handled::Retry(Refusal::Replication, WaitReason::Replication)
    }

    /// The app's secrets after a lost `addPassword`: this run's are removed (no one has their
    /// value) and one is added again.
    fn replace_lost_secret(&mut self, body: &Value) -> Handled {
        let (Some(plan), Some(app)) = (self.plan.as_ref(), self.app.as_ref()) else {
            return Handled::Stop(unexpected(Step::Secret, Unreadable::AppUnknown));
        };
        let listed = ExistingApp::from_json(body);
        let removals: Vec<(Op, GraphCall)> = listed
            .password_credentials
            .iter()
            .filter(|c| c.display_name == plan.secret.display_name)
            .map(|c| {
                (
                    Op::RemoveSecret(c.key_id.clone()),
                    steps::remove_secret(&app.object_id, &c.key_id),
                )
            })
            .collect();
        // The lifetime counts from now again.
        let add = (
            Op::AddSecret,
            steps::add_secret(
                &app.object_id,
                &plan.secret.display_name,
                self.now_millis,
                plan.secret.lifetime_days,
            ),
        );
        if removals.is_empty() {
            return Handled::Replace(vec![add]);
        }
        // The removals first, the new secret in the next round trip.
        self.follow_up.push(add);
        Handled::Replace(removals)
    }
}

/// After the secret was recorded, when the run would stop: the differences of verification
/// reads not finished (their last answer's, or that they could not be checked), or `None` when
/// a call that is not a verification read is among them (then the run stops).
fn unchecked(kept: &mut [Task], failed: &mut [Task]) -> Option<Vec<Discrepancy>> {
    let mut found = Vec::new();
    for task in kept.iter_mut().chain(failed.iter_mut()) {
        let what = task.op.checks()?;
        if task.found.is_empty() {
            found.push(Discrepancy::NotChecked { what });
        } else {
            found.append(&mut task.found);
        }
    }
    Some(found)
}

fn unexpected(step: Step, problem: Unreadable) -> Stop {
    Stop::UnexpectedAnswer { step, problem }
}
