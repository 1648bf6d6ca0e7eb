//! Disconnecting: deleting the app registration, which in its home tenant also deletes its
//! service principal (enterprise application), its grants and its credentials.
//!
//! - `DELETE /applications/{id}` (<https://learn.microsoft.com/graph/api/application-delete>):
//!   "When deleted, apps are moved to a temporary container and can be restored within 30
//!   days. After that time, they are permanently deleted."
//! - Deleting an app registration in its home tenant also deletes its service principal, and
//!   restoring the app restores it
//!   (<https://learn.microsoft.com/entra/identity/enterprise-apps/restore-application>).
//!
//! Then both are read until they are gone (404 by object id, and by the app's appId for the
//! service principal, <https://learn.microsoft.com/graph/api/serviceprincipal-get>): a read can
//! still find them for a while (replication), so the reads go again after the retry policy's
//! waits. An app still readable is deleted again (a second DELETE of a deleted app is a 404:
//! what was wanted).

use super::app::CheckedApp;
use super::calls::{self, Answer, Calls, Next, Reading, Steps};
use super::check::AppCheck;
use super::confirm::Confirmation;
use super::error::Lingering;
use super::error::MaintenanceError;
use super::operation::{Action, Operation};
use crate::graph::{GraphCall, GraphReply, RetryPolicy};
use crate::http::Unreachable;
use crate::wizard::words::{EN_MAINTENANCE, Maintenance, fill, isolated, plain};

/// Where deleted apps can be restored, for the admin.
pub const RESTORE_DOC: &str =
    "https://learn.microsoft.com/entra/identity/enterprise-apps/restore-application";

/// The app is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disconnected {
    pub tenant_id: String,
    pub app_object_id: String,
    pub app_id: String,
    pub app_name: String,
    /// Its service principal's object id, when the check found one (gone with it).
    pub principal_id: Option<String>,
    pub round_trips: u32,
}

impl Disconnected {
    /// What the admin reads afterwards, in English.
    pub fn describe(&self) -> Vec<String> {
        let lines = self.describe_in(&EN_MAINTENANCE);
        lines.iter().map(|line| plain(line)).collect()
    }

    /// What the admin reads afterwards, in the language of `w`.
    pub fn describe_in(&self, w: &Maintenance) -> Vec<String> {
        vec![
            fill(
                w.disconnected,
                &[("app", &isolated(&self.app_name)), ("app_id", &self.app_id)],
            ),
            fill(w.disconnected_restore, &[("doc", RESTORE_DOC)]),
        ]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Call {
    Delete,
    ReadApp,
    ReadPrincipal,
}

impl Call {
    fn what(self) -> &'static str {
        match self {
            Call::Delete => EN_MAINTENANCE.doing_delete,
            Call::ReadApp => EN_MAINTENANCE.doing_check_app_gone,
            Call::ReadPrincipal => EN_MAINTENANCE.doing_check_principal_gone,
        }
    }
}

/// Deletes the app a check found, and waits until it and its service principal are gone.
#[derive(Debug)]
pub struct Disconnect {
    tenant_id: String,
    app: CheckedApp,
    calls: Calls<Call>,
    started: bool,
    app_gone: bool,
    principal_gone: bool,
    /// Reads that found something still there, for the retry policy's backoff.
    still_there: u32,
    result: Option<Result<Disconnected, MaintenanceError>>,
}

impl Disconnect {
    /// Refused when the check found no app, or when this product did not make it and the
    /// admin did not type its name ([`Confirmation::TypedName`]).
    pub fn new(
        check: &AppCheck,
        confirmation: &Confirmation,
        graph_base: &str,
        policy: RetryPolicy,
        jitter_seed: u32,
    ) -> Result<Self, MaintenanceError> {
        let app = check.app_to_change(confirmation)?;
        Ok(Disconnect {
            tenant_id: check.tenant_id.clone(),
            app: app.clone(),
            calls: Calls::new(graph_base, policy, jitter_seed),
            started: false,
            app_gone: false,
            principal_gone: false,
            still_there: 0,
            result: None,
        })
    }

    fn call(&self, call: Call) -> GraphCall {
        match call {
            Call::Delete => GraphCall::delete(format!("/applications/{}", self.app.object_id)),
            Call::ReadApp => {
                GraphCall::get(format!("/applications/{}?$select=id", self.app.object_id))
            }
            Call::ReadPrincipal => GraphCall::get(format!(
                "/servicePrincipals(appId='{}')?$select=id",
                self.app.app_id
            )),
        }
    }

    fn queue(&mut self, call: Call) {
        let graph = self.call(call);
        self.calls
            .queue(call, call.what(), Reading::MayBeAbsent, graph);
    }

    /// Still there: `call` (a read, or the DELETE again) after a wait.
    fn again(&mut self, call: Call, what: Lingering) {
        self.still_there += 1;
        let attempt = self.still_there;
        let graph = self.call(call);
        if self
            .calls
            .again(call, call.what(), Reading::MayBeAbsent, graph, attempt)
            .is_err()
        {
            self.fail(MaintenanceError::StillThere { what });
        }
    }

    fn fail(&mut self, error: MaintenanceError) {
        if self.result.is_none() {
            self.result = Some(Err(error));
        }
    }

    fn advance(&mut self) {
        if !self.started {
            self.started = true;
            return self.queue(Call::Delete);
        }
        if !self.app_gone {
            self.queue(Call::ReadApp);
        }
        if !self.principal_gone {
            self.queue(Call::ReadPrincipal);
        }
        if self.app_gone && self.principal_gone {
            self.result = Some(Ok(Disconnected {
                tenant_id: self.tenant_id.clone(),
                app_object_id: self.app.object_id.clone(),
                app_id: self.app.app_id.clone(),
                app_name: self.app.display_name.clone(),
                principal_id: self.app.principal_id.clone(),
                round_trips: self.calls.round_trips(),
            }));
        }
    }
}

impl Steps for Disconnect {
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

impl Operation for Disconnect {
    type Output = Result<Disconnected, MaintenanceError>;

    fn next_action(&mut self, now_millis: u64) -> Action<Self::Output> {
        calls::next_action(self, now_millis)
    }

    fn accept(&mut self, replies: Vec<Result<GraphReply, Unreachable>>, now_millis: u64) {
        for (call, _, answer) in self.calls.accept(replies, now_millis) {
            match (call, answer) {
                // Deleted now, or already (an earlier try whose answer was lost).
                (Call::Delete, Answer::Done(_) | Answer::NotFound) => {}
                (Call::ReadApp, Answer::NotFound) => self.app_gone = true,
                (Call::ReadPrincipal, Answer::NotFound) => self.principal_gone = true,
                // Still readable: the delete went to a replica that has not caught up, or
                // was lost. Delete again after a wait (and read again after that).
                (Call::ReadApp, Answer::Done(_)) => {
                    let name = self.app.display_name.clone();
                    self.again(Call::Delete, Lingering::App { name });
                }
                (Call::ReadPrincipal, Answer::Done(_)) => {
                    let name = self.app.display_name.clone();
                    self.again(Call::ReadPrincipal, Lingering::Principal { name });
                }
                (call, Answer::Refused(reply)) => {
                    self.fail(MaintenanceError::refused(call.what(), &reply))
                }
                (_, Answer::Failed(error)) => self.fail(error),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::maintenance::{Expiry, Maker};

    fn check() -> AppCheck {
        AppCheck {
            tenant_id: "t".into(),
            app_id: "a1".into(),
            app: Some(CheckedApp {
                object_id: "o1".into(),
                app_id: "a1".into(),
                display_name: "Contoso Backup".into(),
                unique_name: None,
                maker: Maker::ThisProduct,
                principal_id: Some("p1".into()),
                secrets: vec![super::super::app::Credential {
                    key_id: "k".into(),
                    display_name: String::new(),
                    ends: String::new(),
                    expiry: Expiry::Unknown,
                }],
                certificates: Vec::new(),
            }),
            findings: Vec::new(),
            round_trips: 1,
        }
    }

    fn paths(action: Action<Result<Disconnected, MaintenanceError>>) -> Vec<String> {
        match action {
            Action::Send(calls) => calls.iter().map(|c| format!("{c:?}")).collect(),
            other => panic!("expected calls, got {other:?}"),
        }
    }

    /// The disconnect of the app [`check`] found, which this product made.
    fn disconnect() -> Disconnect {
        Disconnect::new(
            &check(),
            &Confirmation::None,
            "https://g",
            RetryPolicy::default(),
            1,
        )
        .expect("ours")
    }

    const GONE: fn() -> GraphReply = || {
        GraphReply::new(
            404,
            json!({ "error": { "code": "Request_ResourceNotFound", "message": "gone" } }),
        )
    };

    #[test]
    fn an_app_still_readable_after_its_delete_is_deleted_again_after_a_wait() {
        let mut op = disconnect();
        assert_eq!(paths(op.next_action(0)), ["DELETE /applications/o1"]);
        op.accept(vec![Ok(GraphReply::new(204, Value::Null))], 0);
        assert_eq!(
            paths(op.next_action(0)),
            [
                "GET /applications/o1?$select=id",
                "GET /servicePrincipals(appId='a1')?$select=id"
            ]
        );
        // A replica that has not caught up: the app is still there, its principal gone.
        op.accept(
            vec![Ok(GraphReply::new(200, json!({ "id": "o1" }))), Ok(GONE())],
            0,
        );
        assert!(matches!(op.next_action(0), Action::Wait { millis } if millis > 0));
        assert_eq!(paths(op.next_action(0)), ["DELETE /applications/o1"]);
        op.accept(vec![Ok(GONE())], 0);
        assert_eq!(
            paths(op.next_action(0)),
            ["GET /applications/o1?$select=id"]
        );
        op.accept(vec![Ok(GONE())], 0);
        let Action::Done(Ok(gone)) = op.next_action(0) else {
            panic!("expected the app gone");
        };
        assert_eq!(gone.principal_id.as_deref(), Some("p1"));
    }

    #[test]
    fn a_principal_that_never_goes_ends_in_words_not_a_loop() {
        let mut op = disconnect();
        let mut result = None;
        for _ in 0..200 {
            match op.next_action(0) {
                Action::Done(done) => {
                    result = Some(done);
                    break;
                }
                Action::Wait { .. } => {}
                Action::Send(calls) => {
                    let replies = calls
                        .iter()
                        .map(|c| match c.method {
                            "DELETE" => Ok(GraphReply::new(204, Value::Null)),
                            _ if c.path.starts_with("/applications") => Ok(GONE()),
                            _ => Ok(GraphReply::new(200, json!({ "id": "p1" }))),
                        })
                        .collect();
                    op.accept(replies, 0);
                }
            }
        }
        let Some(Err(error)) = result else {
            panic!("expected an error, got {result:?}");
        };
        assert!(
            error
                .to_string()
                .starts_with("The enterprise application of \"Contoso Backup\" is still listed"),
            "{error}"
        );
    }
}
