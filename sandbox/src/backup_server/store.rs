//! What the backup-server stand-in does with a hand-off: open it, check the bundle
//! (docs/handoff.md, "The bundle"), prove its credentials against the sandbox tenant, and keep
//! what a real backup server would keep. Which onboarding ids are issued and used is
//! [`BackupServer::receive`]'s.

use std::time::Duration;

use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::der::{Decode, Encode};

use super::BackupServer;
use super::jwe;
use crate::tenant::clock::unix;
use crate::tenant::entra::client_credentials::thumbprints;
use crate::tenant::jwt::{self, b64_decode, b64url};
use crate::tenant::seed::TENANT_ID;

/// A `POST /api/handoff` body of the right shape, not yet opened.
pub struct Handoff {
    /// The id the dashboard says it got from `POST /api/onboarding`; the message's, the sealed
    /// header's and the bundle's must all be this one.
    pub onboarding_id: String,
    /// SHA-256 of the JWE (sealed) or of the bundle's JSON text (unsealed): the same for an
    /// identical repeat, the registrar's "Send again" of the result already accepted.
    pub fingerprint: [u8; 32],
    payload: Payload,
}

enum Payload {
    Sealed(String),
    Unsealed(Map<String, Value>),
}

impl Handoff {
    /// Checks the body's shape; refused in plain words.
    pub fn parse(body: &[u8]) -> Result<Handoff, String> {
        let body: Map<String, Value> =
            serde_json::from_slice(body).map_err(|_| "the request body is not a JSON object")?;
        let onboarding_id = match body.get("onboardingId") {
            Some(Value::String(id)) => id.clone(),
            None | Some(Value::Null) => {
                return Err(
                    "onboardingId is missing: a hand-off needs the id POST /api/onboarding issued"
                        .into(),
                );
            }
            Some(_) => return Err("onboardingId is not a string".into()),
        };
        let result = body
            .get("result")
            .and_then(Value::as_object)
            .ok_or("the request has no result object")?;
        if result.get("type").and_then(Value::as_str) != Some("m365-registrar.result")
            || result.get("version").and_then(Value::as_i64) != Some(1)
        {
            return Err("result is not a version 1 m365-registrar.result message".into());
        }
        same_onboarding(&onboarding_id, "result", result.get("onboardingId"))?;
        let sealed = result
            .get("sealed")
            .and_then(Value::as_bool)
            .ok_or("result.sealed is not a boolean")?;
        let (payload, text) = if sealed {
            let compact = result
                .get("jwe")
                .and_then(Value::as_str)
                .ok_or("result is sealed but has no jwe string")?;
            (Payload::Sealed(compact.into()), format!("jwe:{compact}"))
        } else {
            let bundle = result
                .get("bundle")
                .and_then(Value::as_object)
                .ok_or("result is not sealed but has no bundle object")?;
            // serde_json's maps are sorted: the same bundle has the same text.
            let text = format!("bundle:{}", Value::Object(bundle.clone()));
            (Payload::Unsealed(bundle.clone()), text)
        };
        Ok(Handoff {
            onboarding_id,
            fingerprint: Sha256::digest(text.as_bytes()).into(),
            payload,
        })
    }
}

/// Refuses a hand-off whose `where_` carries another onboarding id than `expected`, or none.
fn same_onboarding(expected: &str, where_: &str, found: Option<&Value>) -> Result<(), String> {
    if found.and_then(Value::as_str) == Some(expected) {
        return Ok(());
    }
    Err(format!(
        "the {where_} is for onboarding {}, not {expected:?}",
        found.map_or("(none)".to_string(), Value::to_string)
    ))
}

/// Opens and checks a hand-off whose onboarding id is issued and unused: the answer, or a
/// refusal in plain words. Marking the id used is the caller's ([`BackupServer::receive`]).
pub fn receive(server: &BackupServer, handoff: &Handoff) -> Result<Value, String> {
    let id = handoff.onboarding_id.as_str();
    let (bundle, kid) = match &handoff.payload {
        Payload::Sealed(compact) => {
            let opened = jwe::open(compact, &server.keys)?;
            // The header is the AES-GCM additional data: this onboarding id is the one sealed in.
            same_onboarding(id, "sealed bundle", opened.header.get("onboardingId"))?;
            let bundle: Map<String, Value> = serde_json::from_slice(&opened.plaintext)
                .map_err(|_| "the sealed bundle does not hold a JSON object")?;
            (bundle, Some(opened.kid))
        }
        Payload::Unsealed(bundle) => (bundle.clone(), None),
    };
    same_onboarding(id, "bundle", bundle.get("onboardingId"))?;
    let bundle = Bundle::check(bundle)?;
    let checks = json!({
        "secret": prove_secret(server, &bundle),
        "certificate": prove_certificate(server, &bundle),
    });
    Ok(json!({
        "sealed": matches!(handoff.payload, Payload::Sealed(_)),
        "kid": kid,
        "onboardingId": id,
        "stored": bundle.stored(),
        "checks": checks,
    }))
}

struct Bundle {
    fields: Map<String, Value>,
    tenant_id: String,
    client_id: String,
}

fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

impl Bundle {
    fn check(fields: Map<String, Value>) -> Result<Bundle, String> {
        let text = |k: &str| fields.get(k).and_then(Value::as_str).unwrap_or_default();
        if text("format") != "m365-registrar.bundle" {
            return Err("the bundle's format is not m365-registrar.bundle".into());
        }
        if fields.get("version").and_then(Value::as_i64) != Some(1) {
            return Err("the bundle's version is not 1".into());
        }
        let (tenant_id, client_id) = (text("tenantId").to_string(), text("clientId").to_string());
        if !is_guid(&tenant_id) {
            return Err("the bundle's tenantId is not a GUID".into());
        }
        if !is_guid(&client_id) {
            return Err("the bundle's clientId is not a GUID".into());
        }
        for (k, kind) in [("clientSecret", "object"), ("certificate", "object")] {
            if !matches!(fields.get(k), None | Some(Value::Null | Value::Object(_))) {
                return Err(format!("the bundle's {k} is neither an {kind} nor null"));
            }
        }
        Ok(Bundle {
            fields,
            tenant_id,
            client_id,
        })
    }

    fn member(&self, object: &str, k: &str) -> Option<&str> {
        self.fields.get(object)?.get(k)?.as_str()
    }

    /// The certificate's DER from `certificatePem`, when the bundle has one.
    fn certificate_der(&self) -> Option<Vec<u8>> {
        pem_body(self.member("certificate", "certificatePem")?, "CERTIFICATE")
    }

    /// What a real backup server would keep about the registration: the ids, when its
    /// credentials expire and what they were granted. Never the secret or key here: this is
    /// also what the answer shows and what the tests read.
    fn stored(&self) -> Value {
        // Graph's `hint` is "the first three characters of the password"
        // (https://learn.microsoft.com/graph/api/resources/passwordcredential).
        let secret_hint = self
            .member("clientSecret", "value")
            .map(|v| format!("{}…", v.chars().take(3).collect::<String>()));
        let thumbprint = self
            .certificate_der()
            .map(|der| hex(&thumbprints(&der).0))
            .or_else(|| {
                self.member("certificate", "thumbprintSha1")
                    .map(str::to_uppercase)
            });
        json!({
            "tenantId": self.tenant_id,
            "clientId": self.client_id,
            "secretHint": secret_hint,
            "secretExpires": self.member("clientSecret", "expires"),
            "certificateThumbprint": thumbprint,
            "certificateExpires": self.member("certificate", "expires"),
            "permissions": self.fields.get("permissions").and_then(Value::as_array).map_or(0, Vec::len),
            "directoryRoles": self.fields.get("directoryRoles").cloned().unwrap_or(json!([])),
        })
    }

    /// `{graph}/.default`, the scope the hand-off spec tells a backup server to ask for.
    fn scope(&self) -> String {
        let graph = self
            .fields
            .get("graph")
            .and_then(Value::as_str)
            .unwrap_or("https://graph.microsoft.com");
        format!("{}/.default", graph.trim_end_matches('/'))
    }

    /// Refused before asking the tenant when the bundle names another tenant: the sandbox
    /// emulates one.
    fn other_tenant(&self) -> Option<String> {
        (!self.tenant_id.eq_ignore_ascii_case(TENANT_ID)).then(|| {
            format!(
                "refused: the bundle's tenant {} is not the sandbox tenant {TENANT_ID}",
                self.tenant_id
            )
        })
    }
}

/// The client-credentials grant with the bundle's secret ("none" without one).
fn prove_secret(server: &BackupServer, bundle: &Bundle) -> String {
    let Some(secret) = bundle.member("clientSecret", "value") else {
        return "none".into();
    };
    if let Some(refused) = bundle.other_tenant() {
        return refused;
    }
    match server
        .tenant
        .client_secret_token(&bundle.client_id, secret, &bundle.scope())
    {
        Ok(_) => "accepted".into(),
        Err(code) => refused(code),
    }
}

/// The client-credentials grant with a client assertion signed by the bundle's private key
/// ("none" without a certificate, or with one kept from an earlier run, which has no key).
fn prove_certificate(server: &BackupServer, bundle: &Bundle) -> String {
    let (Some(der), Some(key_pem)) = (
        bundle.certificate_der(),
        bundle.member("certificate", "privateKeyPem"),
    ) else {
        return "none".into();
    };
    let Ok(key) = RsaPrivateKey::from_pkcs8_pem(key_pem) else {
        return "refused: privateKeyPem is not an RSA PKCS#8 private key".into();
    };
    let Some(public) = Certificate::from_der(&der)
        .ok()
        .and_then(|c| c.tbs_certificate.subject_public_key_info.to_der().ok())
        .and_then(|spki| RsaPublicKey::from_public_key_der(&spki).ok())
    else {
        return "refused: certificatePem is not an RSA certificate".into();
    };
    if public != key.to_public_key() {
        return "refused: privateKeyPem is not the certificate's key".into();
    }
    let (sha1, _) = thumbprints(&der);
    if let Some(said) = bundle.member("certificate", "thumbprintSha1")
        && !said.eq_ignore_ascii_case(&hex(&sha1))
    {
        return "refused: thumbprintSha1 is not the certificate's".into();
    }
    if let Some(refused) = bundle.other_tenant() {
        return refused;
    }
    // The assertion of https://learn.microsoft.com/entra/identity-platform/certificate-credentials:
    // `aud` the token endpoint of the bundle's authority, `iss` = `sub` = the client id.
    let audience = match bundle.fields.get("authority").and_then(Value::as_str) {
        Some(authority) => format!("{}/oauth2/v2.0/token", authority.trim_end_matches('/')),
        None => server.tenant.token_endpoint(),
    };
    let now = unix(server.tenant.now());
    let header = json!({ "alg": "RS256", "typ": "JWT", "x5t": b64url(&sha1) });
    let claims = json!({
        "aud": audience, "iss": bundle.client_id, "sub": bundle.client_id,
        "jti": uuid::Uuid::new_v4().to_string(),
        "nbf": now, "iat": now, "exp": now + ASSERTION_LIFETIME.as_secs() as i64,
    });
    let assertion = jwt::sign_rs256(&key, &header, &claims);
    match server
        .tenant
        .client_assertion_token(&bundle.client_id, &assertion, &bundle.scope())
    {
        Ok(_) => "accepted".into(),
        Err(code) => refused(code),
    }
}

/// MSAL's client assertions live 10 minutes.
const ASSERTION_LIFETIME: Duration = Duration::from_secs(600);

/// "refused: AADSTS<code> (<what it means>)", the meanings from
/// https://learn.microsoft.com/entra/identity-platform/reference-error-codes.
fn refused(code: u32) -> String {
    let why = match code {
        7000215 => "invalid client secret, or one not yet known everywhere",
        7000222 => "the client secret has expired",
        700016 => "no such application in the tenant (or not replicated yet)",
        7000229 => "the application has no service principal",
        700027 => {
            "the certificate is not on the application, has expired, or did not sign the assertion"
        }
        700023 => "the assertion's audience is not the token endpoint",
        700024 => "the assertion is outside its valid time range",
        700021 => "the assertion's issuer is not the client id",
        50048 => "the assertion's subject is not its issuer",
        50027 => "malformed assertion",
        500011 | 1002012 => "the scope names no resource of the tenant",
        0 => "the token endpoint answered no usable token",
        _ => "see the Entra error codes reference",
    };
    format!("refused: AADSTS{code} ({why})")
}

/// The base64 body of a PEM block of `label` (RFC 7468).
fn pem_body(pem: &str, label: &str) -> Option<Vec<u8>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = pem.find(&begin)? + begin.len();
    let stop = start + pem[start..].find(&end)?;
    let text: String = pem[start..stop]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    b64_decode(&text)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}
