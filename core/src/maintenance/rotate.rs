//! Rotating an app's credentials, in two phases, so the backup server is never left without
//! one that works.
//!
//! Phase 1 ([`Rotation`]) is a registration run against the app (the engine, told which app):
//! it adds a new client secret (its lifetime as the engine sets it: the configuration's,
//! shortened to the tenant's policy) and, when the app uses certificates, a new certificate the
//! browser makes for the plan's dates (`CertificatePlan` / `CertificateUpload`, as a first
//! registration does), records them in the app's tags and hands them off like a first
//! registration. It removes nothing the backup server may be using. If the app drifted from the
//! profile, the plan shows the repairs too: rotating is a registration run.
//!
//! Phase 2 ([`RetireOld`]), a separate call made only once the receiver has acknowledged the
//! new credentials, removes the old ones: each old secret with `removePassword`
//! (<https://learn.microsoft.com/graph/api/application-removepassword>), the old certificates
//! with one PATCH of `keyCredentials` listing every certificate to keep with its `key` (the PATCH
//! replaces the whole collection,
//! <https://learn.microsoft.com/graph/applications-how-to-add-certificate>; the `key` is read
//! on `GET /applications/{id}?$select=keyCredentials`,
//! <https://learn.microsoft.com/graph/api/resources/keycredential>). The new ones are never
//! removed: phase 2 first checks they are on the app and removes nothing otherwise. Run again,
//! it finds what is already gone and removes the rest.

use serde_json::Value;

use super::app::{CheckedApp, Credential};
use super::calls::{self, Answer, Calls, Next, Reading, Steps};
use super::check::AppCheck;
use super::confirm::Confirmation;
use super::error::Lingering;
use super::error::MaintenanceError;
use super::operation::{Action, Operation};
use crate::graph::{GraphCall, GraphReply, RetryPolicy};
use crate::http::Unreachable;
use crate::registration::facts::ExistingApp;
use crate::registration::{Outcome, RegistrationRequest};
use crate::wizard::words::EN_MAINTENANCE;

/// Phase 1: which app, and what is old on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    pub tenant_id: String,
    pub app: CheckedApp,
    /// A new certificate is added (the profile needs one, or the app has one).
    pub certificate: bool,
}

impl Rotation {
    /// The rotation of the app `check` found: refused when there is none, or when this
    /// product did not make it and the admin did not confirm with its name.
    pub fn start(
        check: &AppCheck,
        request: &RegistrationRequest,
        confirmation: &Confirmation,
    ) -> Result<Rotation, MaintenanceError> {
        let app = check.app_to_change(confirmation)?;
        Ok(Rotation {
            tenant_id: check.tenant_id.clone(),
            app: app.clone(),
            certificate: !request.certificate_reasons.is_empty() || !app.certificates.is_empty(),
        })
    }

    /// The registration request of phase 1: `request` told to work on this app, asking for a
    /// new certificate when the app uses them. Drive an `Engine` with it as for a first
    /// registration (the plan, the certificate made for its dates, the outcome).
    pub fn request(&self, request: RegistrationRequest) -> RegistrationRequest {
        let request = request.with_target_app(self.app.target());
        if self.certificate {
            request.with_new_certificate()
        } else {
            request
        }
    }

    /// Phase 1 finished with `outcome`: what phase 2 will remove (the app's credentials as the
    /// check saw them) and keep (the new ones). Refused when the outcome is another app's or
    /// brought nothing new.
    pub fn rotated(&self, outcome: &Outcome) -> Result<Rotated, MaintenanceError> {
        if !outcome.client_id.eq_ignore_ascii_case(&self.app.app_id) {
            return Err(MaintenanceError::OtherApp {
                expected: self.app.app_id.clone(),
                found: outcome.client_id.clone(),
            });
        }
        let new_secret = outcome.secret.as_ref().map(|s| s.key_id.clone());
        let new_certificate = outcome
            .certificate
            .as_ref()
            .filter(|c| c.added)
            .map(|c| c.key_id.clone());
        if new_secret.is_none() && new_certificate.is_none() {
            return Err(MaintenanceError::NothingNew);
        }
        // Old secrets go only when a new secret came, old certificates only with a new one.
        let old = |list: &[Credential], new: &Option<String>| -> Vec<Credential> {
            match new {
                None => Vec::new(),
                Some(new) => list
                    .iter()
                    .filter(|c| !c.key_id.eq_ignore_ascii_case(new))
                    .cloned()
                    .collect(),
            }
        };
        Ok(Rotated {
            tenant_id: self.tenant_id.clone(),
            app_object_id: self.app.object_id.clone(),
            app_id: self.app.app_id.clone(),
            app_name: self.app.display_name.clone(),
            retire_secrets: old(&self.app.secrets, &new_secret),
            retire_certificates: old(&self.app.certificates, &new_certificate),
            new_secret,
            new_certificate,
        })
    }
}

/// Phase 1 done: the new credentials (handed off) and the old ones phase 2 removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotated {
    pub tenant_id: String,
    pub app_object_id: String,
    pub app_id: String,
    pub app_name: String,
    /// keyId of the new secret.
    pub new_secret: Option<String>,
    /// keyId of the new certificate.
    pub new_certificate: Option<String>,
    pub retire_secrets: Vec<Credential>,
    pub retire_certificates: Vec<Credential>,
}

/// Phase 2 done: what is gone, what stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retired {
    pub rotated: Rotated,
    /// Old secrets no longer on the app (removed now, or by an earlier try).
    pub removed_secrets: Vec<Credential>,
    pub removed_certificates: Vec<Credential>,
    pub round_trips: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Call {
    Read,
    RemoveSecret(String),
    Keys,
    Verify,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Start,
    Read,
    Removed,
    Keys,
    Verify,
}

const READ: &str = EN_MAINTENANCE.doing_read_credentials;
const REMOVE: &str = EN_MAINTENANCE.doing_remove_secret;
const KEYS: &str = EN_MAINTENANCE.doing_remove_certificates;
const VERIFY: &str = EN_MAINTENANCE.doing_check_removed;

/// Phase 2 of a rotation: run it only after the receiver acknowledged the new credentials.
#[derive(Debug)]
pub struct RetireOld {
    rotated: Rotated,
    calls: Calls<Call>,
    stage: Stage,
    app: Option<ExistingApp>,
    result: Option<Result<Retired, MaintenanceError>>,
}

impl RetireOld {
    pub fn new(rotated: &Rotated, graph_base: &str, policy: RetryPolicy, jitter_seed: u32) -> Self {
        RetireOld {
            rotated: rotated.clone(),
            calls: Calls::new(graph_base, policy, jitter_seed),
            stage: Stage::Start,
            app: None,
            result: None,
        }
    }

    fn read_call(&self) -> GraphCall {
        GraphCall::get(format!(
            "/applications/{}?$select=id,appId,passwordCredentials,keyCredentials",
            self.rotated.app_object_id
        ))
    }

    fn fail(&mut self, error: MaintenanceError) {
        if self.result.is_none() {
            self.result = Some(Err(error));
        }
    }

    /// The old credentials still on `app`: secrets, certificates.
    fn still_there(&self, app: &ExistingApp) -> (Vec<String>, Vec<String>) {
        let secrets = self
            .rotated
            .retire_secrets
            .iter()
            .filter(|c| {
                app.password_credentials
                    .iter()
                    .any(|p| same(&p.key_id, &c.key_id))
            })
            .map(|c| c.key_id.clone())
            .collect();
        let certificates = self
            .rotated
            .retire_certificates
            .iter()
            .filter(|c| {
                app.key_credentials
                    .iter()
                    .any(|k| same(&k.key_id, &c.key_id))
            })
            .map(|c| c.key_id.clone())
            .collect();
        (secrets, certificates)
    }

    /// The new credentials are on the app; else the key id of one that is not.
    fn new_ones_there(&self, app: &ExistingApp) -> Result<(), String> {
        if let Some(new) = &self.rotated.new_secret
            && !app
                .password_credentials
                .iter()
                .any(|p| same(&p.key_id, new))
        {
            return Err(new.clone());
        }
        if let Some(new) = &self.rotated.new_certificate
            && !app.key_credentials.iter().any(|k| same(&k.key_id, new))
        {
            return Err(new.clone());
        }
        Ok(())
    }

    fn advance(&mut self) {
        match self.stage {
            Stage::Start => {
                let call = self.read_call();
                self.calls
                    .queue(Call::Read, READ, Reading::MayBeAbsent, call);
                self.stage = Stage::Read;
            }
            Stage::Read => {
                let Some(app) = self.app.clone() else {
                    return self.fail(MaintenanceError::UnexpectedAnswer {
                        what: READ,
                        problem: "the app's credentials were not read",
                    });
                };
                let (secrets, _) = self.still_there(&app);
                for key_id in secrets {
                    let call = GraphCall::post(
                        format!(
                            "/applications/{}/removePassword",
                            self.rotated.app_object_id
                        ),
                        serde_json::json!({ "keyId": key_id }),
                    );
                    self.calls
                        .queue(Call::RemoveSecret(key_id), REMOVE, Reading::One, call);
                }
                self.stage = Stage::Removed;
            }
            Stage::Removed => {
                // After the secrets: never two writes to the app's credentials at once.
                let Some(app) = self.app.clone() else {
                    return self.fail(MaintenanceError::UnexpectedAnswer {
                        what: READ,
                        problem: "the app's credentials were not read",
                    });
                };
                let (_, certificates) = self.still_there(&app);
                if !certificates.is_empty() {
                    let mut kept = Vec::new();
                    for credential in app
                        .key_credentials
                        .iter()
                        .filter(|k| !certificates.iter().any(|old| same(old, &k.key_id)))
                    {
                        match credential.resend() {
                            Some(body) => kept.push(body),
                            None => {
                                return self.fail(MaintenanceError::CertificateUnreadable {
                                    key_id: credential.key_id.clone(),
                                });
                            }
                        }
                    }
                    let call = GraphCall::patch(
                        format!("/applications/{}", self.rotated.app_object_id),
                        serde_json::json!({ "keyCredentials": kept }),
                    );
                    self.calls.queue(Call::Keys, KEYS, Reading::One, call);
                }
                self.stage = Stage::Keys;
            }
            Stage::Keys => {
                let call = self.read_call();
                self.calls
                    .queue(Call::Verify, VERIFY, Reading::MayBeAbsent, call);
                self.stage = Stage::Verify;
            }
            Stage::Verify => {
                let round_trips = self.calls.round_trips();
                let rotated = self.rotated.clone();
                self.result = Some(Ok(Retired {
                    removed_secrets: rotated.retire_secrets.clone(),
                    removed_certificates: rotated.retire_certificates.clone(),
                    rotated,
                    round_trips,
                }));
            }
        }
    }

    fn read(&mut self, call: &Call, attempt: u32, body: &Value) {
        let app = ExistingApp::from_json(body);
        if let Err(key_id) = self.new_ones_there(&app) {
            // Just added, maybe not replicated to this read yet: read again, then give up
            // without removing anything.
            let again = self.read_call();
            if self
                .calls
                .again(call.clone(), READ, Reading::MayBeAbsent, again, attempt)
                .is_err()
            {
                self.fail(MaintenanceError::NewCredentialMissing { key_id });
            }
            return;
        }
        if *call == Call::Verify {
            let (secrets, certificates) = self.still_there(&app);
            if let Some(first) = secrets.iter().chain(&certificates).next() {
                let again = self.read_call();
                if self
                    .calls
                    .again(Call::Verify, VERIFY, Reading::MayBeAbsent, again, attempt)
                    .is_err()
                {
                    self.fail(MaintenanceError::StillThere {
                        what: Lingering::Credential {
                            key_id: first.clone(),
                        },
                    });
                }
                return;
            }
        }
        self.app = Some(app);
    }
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

impl Steps for RetireOld {
    fn result(&self) -> Option<&Self::Output> {
        self.result.as_ref()
    }

    fn next_calls(&mut self) -> Next {
        self.calls.next()
    }

    fn idle(&mut self, _now_millis: u64) {
        self.advance();
    }
}

impl Operation for RetireOld {
    type Output = Result<Retired, MaintenanceError>;

    fn next_action(&mut self, now_millis: u64) -> Action<Self::Output> {
        calls::next_action(self, now_millis)
    }

    fn accept(&mut self, replies: Vec<Result<GraphReply, Unreachable>>, now_millis: u64) {
        for (call, attempt, answer) in self.calls.accept(replies, now_millis) {
            match (&call, answer) {
                (Call::Read | Call::Verify, Answer::Done(body)) => self.read(&call, attempt, &body),
                (_, Answer::NotFound) => self.fail(MaintenanceError::AppNotFound {
                    app_id: self.rotated.app_id.clone(),
                    tenant_id: self.rotated.tenant_id.clone(),
                }),
                (Call::RemoveSecret(_) | Call::Keys, Answer::Done(_)) => {}
                // Removed by an earlier try whose answer was lost: what removing wanted.
                (Call::RemoveSecret(_), Answer::Refused(reply))
                    if reply.status == 400
                        && reply
                            .error_message()
                            .unwrap_or_default()
                            .contains("No password") => {}
                (Call::RemoveSecret(_), Answer::Refused(reply)) => {
                    self.fail(MaintenanceError::refused(REMOVE, &reply))
                }
                (Call::Keys, Answer::Refused(reply)) => {
                    self.fail(MaintenanceError::refused(KEYS, &reply))
                }
                (Call::Read | Call::Verify, Answer::Refused(reply)) => {
                    self.fail(MaintenanceError::refused(READ, &reply))
                }
                (_, Answer::Failed(error)) => self.fail(error),
            }
        }
    }
}
