//! The page's reading of the worker's [`Report`]s, written by hand over `serde_json::Value`.
//!
//! Why not `serde_json::from_str::<Report>`: serde's derived visitors for this enum and its
//! structs cost the first screen about 8 KB gzip (measured), and `Value` is already in the page
//! for the configuration (README, "Download size"). The worker still writes reports with serde;
//! a test below reads every kind of report serde writes, so the two cannot drift apart.

use serde_json::{Map, Value};

use super::messages::{
    Ability, CertificateFiles, CertificateReport, OutcomeReport, ProgressReport, Report,
    StepReport, SummaryReport,
};
use crate::handoff::HandoffReport;
use crate::wizard::Screen;

type Object = Map<String, Value>;

impl Report {
    /// Reads a report as the worker wrote it (serde's externally tagged, camelCase JSON).
    /// `None` for anything else.
    pub fn from_json(text: &str) -> Option<Report> {
        let value: Value = serde_json::from_str(text).ok()?;
        if value.as_str() == Some("ready") {
            return Some(Report::Ready);
        }
        let object = value.as_object()?;
        let (kind, body) = object.iter().next().filter(|_| object.len() == 1)?;
        let message = || text_of(body.as_object()?, "message");
        Some(match kind.as_str() {
            "signedIn" => Report::SignedIn(summary(body.as_object()?)?),
            "signInFailed" => Report::SignInFailed {
                message: message()?,
                shown: text_of(body.as_object()?, "shown").unwrap_or_default(),
            },
            "signInWaiting" => Report::SignInWaiting {
                message: message()?,
            },
            "progress" => Report::Progress(progress(body.as_object()?)?),
            "plan" => Report::Plan {
                lines: texts(body.as_object()?, "lines")?,
            },
            "handoff" => Report::Handoff(handoff(body.as_object()?)?),
            "certificateFiles" => Report::CertificateFiles(certificate_files(body.as_object()?)?),
            "finished" => Report::Finished(outcome(body.as_object()?)?),
            "stopped" => {
                let body = body.as_object()?;
                Report::Stopped {
                    message: text_of(body, "message")?,
                    in_tenant: text_of(body, "inTenant")?,
                }
            }
            "broken" => Report::Broken {
                message: message()?,
            },
            "screen" => Report::Screen(Screen::from_json(body)?),
            _ => return None,
        })
    }
}

fn text_of(object: &Object, key: &str) -> Option<String> {
    object.get(key)?.as_str().map(str::to_owned)
}

/// An optional text: absent or `null` is `None`; anything else but a string is malformed.
fn maybe_text(object: &Object, key: &str) -> Option<Option<String>> {
    match object.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(Value::String(text)) => Some(Some(text.clone())),
        Some(_) => None,
    }
}

fn texts(object: &Object, key: &str) -> Option<Vec<String>> {
    object
        .get(key)?
        .as_array()?
        .iter()
        .map(|item| item.as_str().map(str::to_owned))
        .collect()
}

fn flag(object: &Object, key: &str) -> Option<bool> {
    object.get(key)?.as_bool()
}

fn number<T: TryFrom<u64>>(object: &Object, key: &str) -> Option<T> {
    T::try_from(object.get(key)?.as_u64()?).ok()
}

fn summary(body: &Object) -> Option<SummaryReport> {
    Some(SummaryReport {
        tenant_id: text_of(body, "tenantId")?,
        tenant_name: text_of(body, "tenantName")?,
        primary_domain: maybe_text(body, "primaryDomain")?,
        user_name: maybe_text(body, "userName")?,
        user_principal_name: maybe_text(body, "userPrincipalName")?,
        roles: texts(body, "roles")?,
        ability: match body.get("ability")?.as_str()? {
            "canGrantAll" => Ability::CanGrantAll,
            "canCreateButNotGrant" => Ability::CanCreateButNotGrant,
            "cannotRegister" => Ability::CannotRegister,
            "rolesUnreadable" => Ability::RolesUnreadable,
            _ => return None,
        },
    })
}

fn progress(body: &Object) -> Option<ProgressReport> {
    let steps = body
        .get("steps")?
        .as_array()?
        .iter()
        .map(|step| {
            let step = step.as_object()?;
            Some(StepReport {
                key: text_of(step, "key")?,
                label: text_of(step, "label")?,
                state: text_of(step, "state")?,
                class: text_of(step, "class")?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(ProgressReport {
        steps,
        round_trips: number(body, "roundTrips")?,
        waited_seconds: number(body, "waitedSeconds")?,
    })
}

fn handoff(body: &Object) -> Option<HandoffReport> {
    Some(HandoffReport {
        file_text: text_of(body, "fileText")?,
        file_name: text_of(body, "fileName")?,
        sealed: flag(body, "sealed")?,
        key_thumbprint: maybe_text(body, "keyThumbprint")?,
        kid: maybe_text(body, "kid")?,
        onboarding_id: maybe_text(body, "onboardingId")?,
    })
}

fn certificate_files(body: &Object) -> Option<CertificateFiles> {
    Some(CertificateFiles {
        pfx_url: text_of(body, "pfxUrl")?,
        pfx_password: text_of(body, "pfxPassword")?,
        private_key_pem_url: text_of(body, "privateKeyPemUrl")?,
        certificate_pem_url: text_of(body, "certificatePemUrl")?,
    })
}

fn outcome(body: &Object) -> Option<OutcomeReport> {
    let certificate = match body.get("certificate") {
        None | Some(Value::Null) => None,
        Some(value) => {
            let c = value.as_object()?;
            Some(CertificateReport {
                key_id: text_of(c, "keyId")?,
                display_name: text_of(c, "displayName")?,
                thumbprint_sha1: text_of(c, "thumbprintSha1")?,
                thumbprint_sha256: text_of(c, "thumbprintSha256")?,
                expires: text_of(c, "expires")?,
                added: flag(c, "added")?,
                reasons: texts(c, "reasons")?,
            })
        }
    };
    Some(OutcomeReport {
        tenant_id: text_of(body, "tenantId")?,
        client_id: text_of(body, "clientId")?,
        secret: text_of(body, "secret")?,
        secret_expires: text_of(body, "secretExpires")?,
        certificate,
        granted: texts(body, "granted")?,
        roles: texts(body, "roles")?,
        verified: flag(body, "verified")?,
        discrepancies: texts(body, "discrepancies")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One report of every kind, with every optional member both present and absent.
    fn every_report() -> Vec<Report> {
        let summary = |primary_domain: Option<&str>, ability| {
            Report::SignedIn(SummaryReport {
                tenant_id: "t".into(),
                tenant_name: "Contoso \u{202e}evil".into(),
                primary_domain: primary_domain.map(Into::into),
                user_name: Some("Ada".into()),
                user_principal_name: None,
                roles: vec!["Global Administrator".into()],
                ability,
            })
        };
        let outcome = |certificate: Option<CertificateReport>| {
            Report::Finished(OutcomeReport {
                tenant_id: "t".into(),
                client_id: "c".into(),
                secret: "s3cret\"quoted\"".into(),
                secret_expires: "2027-01-01T00:00:00Z".into(),
                certificate,
                granted: vec!["Mail.ReadWrite (Microsoft Graph)".into()],
                roles: vec![],
                verified: false,
                discrepancies: vec!["one".into()],
            })
        };
        vec![
            Report::Ready,
            summary(Some("contoso.com"), Ability::CanGrantAll),
            summary(None, Ability::CanCreateButNotGrant),
            summary(None, Ability::CannotRegister),
            summary(None, Ability::RolesUnreadable),
            Report::SignInFailed {
                message: "no".into(),
                shown: "nein".into(),
            },
            Report::SignInWaiting {
                message: "wait".into(),
            },
            Report::Progress(ProgressReport::from_progress(
                &super::super::progress::Progress::new(),
            )),
            Report::Plan {
                lines: vec!["a".into(), "b".into()],
            },
            Report::Handoff(HandoffReport {
                file_text: "{\"x\":1}".into(),
                file_name: "m365-registrar-t.json".into(),
                sealed: false,
                key_thumbprint: None,
                kid: None,
                onboarding_id: None,
            }),
            Report::Handoff(HandoffReport {
                file_text: "eyJ.a.b.c.d".into(),
                file_name: "m365-registrar-t.jwe".into(),
                sealed: true,
                key_thumbprint: Some("tp".into()),
                kid: Some("k".into()),
                onboarding_id: Some("onb-1".into()),
            }),
            Report::CertificateFiles(CertificateFiles {
                pfx_url: "blob:a".into(),
                pfx_password: "pw".into(),
                private_key_pem_url: "blob:b".into(),
                certificate_pem_url: "blob:c".into(),
            }),
            outcome(None),
            outcome(Some(CertificateReport {
                key_id: "k".into(),
                display_name: "d".into(),
                thumbprint_sha1: "AB".into(),
                thumbprint_sha256: String::new(),
                expires: "e".into(),
                added: true,
                reasons: vec!["SharePoint".into()],
            })),
            Report::Stopped {
                message: "m".into(),
                in_tenant: "i".into(),
            },
            Report::Broken {
                message: "b".into(),
            },
            Report::Screen(crate::wizard::Screen::new("plan", "Check the plan").with(
                crate::wizard::view::parts::button("confirm-registration", "confirm", "Create it"),
            )),
        ]
    }

    #[test]
    fn every_report_serde_writes_reads_back_the_same() {
        for report in every_report() {
            let text = serde_json::to_string(&report).expect("serialises");
            assert_eq!(Report::from_json(&text), Some(report), "{text}");
        }
    }

    #[test]
    fn anything_else_is_not_a_report() {
        for text in [
            "",
            "null",
            "\"launch\"",
            "{}",
            r#"{"broken":{}}"#,
            r#"{"broken":{"message":7}}"#,
            r#"{"broken":{"message":"a"},"ready":{}}"#,
            r#"{"teleport":{"message":"a"}}"#,
            r#"{"signedIn":{"tenantId":"t","tenantName":"n","roles":[],"ability":"godMode"}}"#,
            r#"{"progress":{"steps":[],"roundTrips":-1,"waitedSeconds":0}}"#,
        ] {
            assert_eq!(Report::from_json(text), None, "{text}");
        }
    }
}
