//! What the admin sees while the run works: each step's state, and the round trips so far.

/// The steps of a registration, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading the tenant: resource permissions, policy, existing app and grants.
    Discover,
    /// The admin reads the plan and confirms.
    Confirm,
    /// Creating or updating the app registration (and removing unfinished runs' secrets).
    App,
    /// Creating the app's service principal (enterprise application).
    ServicePrincipal,
    /// Adding the client secret.
    Secret,
    /// Application permissions (app role assignments), including removing extra ones.
    ApplicationGrants,
    /// Delegated permissions (tenant-wide grants).
    DelegatedGrants,
    /// Directory roles for the app.
    DirectoryRoles,
    /// Reading everything back and recording the secret.
    Verify,
}

impl Step {
    pub const ALL: [Step; 9] = [
        Step::Discover,
        Step::Confirm,
        Step::App,
        Step::ServicePrincipal,
        Step::Secret,
        Step::ApplicationGrants,
        Step::DelegatedGrants,
        Step::DirectoryRoles,
        Step::Verify,
    ];
}

/// Why the run is waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitReason {
    /// Graph asked to slow down (429, 503, 504).
    Throttled,
    /// Something created a moment ago is not visible everywhere yet.
    Replication,
    /// A request got no answer; trying again.
    NoAnswer,
}

/// The state of one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepState {
    Pending,
    Running,
    /// Waiting before trying again.
    Waiting {
        seconds: u64,
        reason: WaitReason,
    },
    Done,
    /// Nothing to do for this run (e.g. no directory role asked for).
    Skipped,
    Failed,
}

/// Every step's state, and the sequential round trips sent so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub steps: Vec<(Step, StepState)>,
    pub round_trips: u32,
    /// Total time spent waiting before retries, in milliseconds.
    pub waited_millis: u64,
}

impl Progress {
    pub fn new() -> Self {
        Progress {
            steps: Step::ALL.iter().map(|s| (*s, StepState::Pending)).collect(),
            round_trips: 0,
            waited_millis: 0,
        }
    }

    pub fn state(&self, step: Step) -> &StepState {
        self.steps
            .iter()
            .find(|(s, _)| *s == step)
            .map(|(_, state)| state)
            .unwrap_or(&StepState::Pending)
    }

    pub(crate) fn set(&mut self, step: Step, state: StepState) {
        if let Some(entry) = self.steps.iter_mut().find(|(s, _)| *s == step) {
            entry.1 = state;
        }
    }
}

impl Default for Progress {
    fn default() -> Self {
        Self::new()
    }
}
