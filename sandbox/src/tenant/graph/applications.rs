//! Applications: create, read, update (incl. upsert by uniqueName), delete, addPassword,
//! removePassword, keyCredentials.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::StatusCode;
use axum::response::Response;
use rand::Rng;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::der::Decode;

use super::super::clock::{iso, parse_iso};
use super::super::entra::client_credentials::thumbprints;
use super::super::faults::SecretPolicy;
use super::super::jwt::{b64, b64_decode};
use super::super::seed::TENANT_DOMAIN;
use super::super::store::{Object, SecretRecord, State, new_id, str_field};
use super::{Ctx, access, errors, no_content, odata, schema};

const READ_D: &[&str] = &[
    "Application.Read.All",
    "Application.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
];
const WRITE: &[&str] = &["Application.ReadWrite.All", "Directory.ReadWrite.All"];
const POLICY_ID: &str = "00000000-0000-0000-0000-000000000000";

#[derive(Debug, Clone)]
pub enum Key {
    Id(String),
    UniqueName(String),
    AppId(String),
}

impl Key {
    pub fn from(k: Option<(String, String)>) -> Key {
        match k {
            Some((name, v)) if name.eq_ignore_ascii_case("uniqueName") => Key::UniqueName(v),
            Some((name, v)) if name.eq_ignore_ascii_case("appId") => Key::AppId(v),
            Some((_, v)) => Key::Id(v),
            None => Key::Id(String::new()),
        }
    }
    fn shown(&self) -> String {
        match self {
            Key::Id(v) | Key::AppId(v) => v.clone(),
            Key::UniqueName(v) => format!("uniqueName='{v}'"),
        }
    }
}

fn find(state: &State, key: &Key) -> Option<usize> {
    state.applications.iter().position(|a| match key {
        Key::Id(v) => str_field(a, "id") == Some(v.as_str()),
        Key::AppId(v) => str_field(a, "appId").is_some_and(|x| x.eq_ignore_ascii_case(v)),
        Key::UniqueName(v) => str_field(a, "uniqueName").is_some_and(|x| x.eq_ignore_ascii_case(v)),
    })
}

fn visible(ctx: &Ctx, state: &State, key: &Key) -> Result<usize, Response> {
    match find(state, key) {
        Some(i)
            if state.visible(
                str_field(&state.applications[i], "id").unwrap_or_default(),
                ctx.now,
            ) =>
        {
            Ok(i)
        }
        _ => Err(errors::not_found(ctx, &key.shown())),
    }
}

/// Owners and app administrators may change an app; app tokens need Application.ReadWrite.All.
fn can_manage(ctx: &Ctx, state: &State, object_id: &str) -> Result<(), Response> {
    if let Some(uid) = access::user_id(ctx) {
        let owner = state
            .owners
            .get(object_id)
            .is_some_and(|o| o.contains(&uid));
        if !owner {
            return access::role(ctx, access::APP_ADMINS);
        }
    }
    Ok(())
}

/// The object id of application `idx`, once the caller may manage it.
fn managed_id(ctx: &Ctx, state: &State, idx: usize) -> Result<String, Response> {
    let object_id = str_field(&state.applications[idx], "id")
        .unwrap_or_default()
        .to_string();
    can_manage(ctx, state, &object_id)?;
    Ok(object_id)
}

/// The index of application `id` (object id), once visible and the caller may manage it.
fn managed(ctx: &Ctx, state: &State, id: &str) -> Result<usize, Response> {
    let idx = visible(ctx, state, &Key::Id(id.to_string()))?;
    can_manage(ctx, state, id)?;
    Ok(idx)
}

fn output(ctx: &Ctx, app: &Object) -> Value {
    odata::select(app, ctx.q("$select"))
}

pub fn list(ctx: &Ctx) -> Response {
    if let Err(r) = access::member_scope(ctx, READ_D)
        .and_then(|_| odata::check_select(ctx, "application", schema::APPLICATION))
    {
        return r;
    }
    let filter = match odata::request_filter(
        ctx,
        "Application",
        &["appId", "displayName", "uniqueName", "id", "signInAudience"],
    ) {
        Ok(filter) => filter,
        Err(response) => return response,
    };
    let state = ctx.tenant.lock();
    // A new app is missing from lists until it has replicated.
    let items: Vec<Value> = state
        .applications
        .iter()
        .filter(|a| state.visible(str_field(a, "id").unwrap_or_default(), ctx.now))
        .filter(|a| filter.as_ref().is_none_or(|f| f.matches(a)))
        .map(|a| output(ctx, a))
        .collect();
    drop(state);
    odata::collection_response(ctx, "applications", items)
}

pub fn get(ctx: &Ctx, key: Key) -> Response {
    if let Err(r) = access::member_scope(ctx, READ_D)
        .and_then(|_| odata::check_select(ctx, "application", schema::APPLICATION))
    {
        return r;
    }
    let state = ctx.tenant.lock();
    let selects_keys = ctx.q("$select").is_some_and(|s| {
        s.split(',')
            .any(|p| p.trim().eq_ignore_ascii_case("keyCredentials"))
    });
    match visible(ctx, &state, &key) {
        Ok(i) => {
            let mut out = output(ctx, &state.applications[i]);
            if selects_keys && matches!(key, Key::Id(_)) {
                out = with_keys(&state, out);
            }
            odata::entity_response(ctx, StatusCode::OK, "applications/$entity", out)
        }
        Err(r) => r,
    }
}

pub fn create(ctx: &Ctx) -> Response {
    let body = match ctx.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    create_with(ctx, body, None)
}

fn create_with(ctx: &Ctx, body: Map<String, Value>, unique_name: Option<String>) -> Response {
    if let Err(r) =
        access::member_scope(ctx, WRITE).and_then(|_| access::role(ctx, access::APP_CREATORS))
    {
        return r;
    }
    let mut state = ctx.tenant.lock();
    let id = new_id();
    let mut app: Object = match json!({
        "id": id,
        "appId": new_id(),
        "createdDateTime": iso(ctx.now),
        "deletedDateTime": null,
        "displayName": null,
        "description": null,
        "identifierUris": [],
        "publisherDomain": TENANT_DOMAIN,
        "signInAudience": "AzureADMyOrg",
        "uniqueName": unique_name,
        "tags": [],
        "notes": null,
        "api": { "requestedAccessTokenVersion": null, "oauth2PermissionScopes": [], "preAuthorizedApplications": [] },
        "appRoles": [],
        "info": { "logoUrl": null, "marketingUrl": null, "privacyStatementUrl": null, "supportUrl": null, "termsOfServiceUrl": null },
        "keyCredentials": [],
        "passwordCredentials": [],
        "publicClient": { "redirectUris": [] },
        "requiredResourceAccess": [],
        "spa": { "redirectUris": [] },
        "web": { "homePageUrl": null, "logoutUrl": null, "redirectUris": [], "implicitGrantSettings": { "enableAccessTokenIssuance": false, "enableIdTokenIssuance": false } },
    }) {
        Value::Object(m) => m,
        _ => Object::new(),
    };
    if let Err(e) = apply(ctx, &mut state, &mut app, body, true) {
        return e.response(ctx);
    }
    if str_field(&app, "displayName").is_none_or(str::is_empty) {
        return errors::bad_request(
            ctx,
            "Invalid value specified for property 'displayName' of resource 'Application'.",
        );
    }
    if let Some(u) = str_field(&app, "uniqueName")
        && state
            .applications
            .iter()
            .any(|a| str_field(a, "uniqueName").is_some_and(|x| x.eq_ignore_ascii_case(u)))
    {
        return errors::error(
            ctx,
            StatusCode::CONFLICT,
            "Request_MultipleObjectsWithSameKeyValue",
            "Another object with the same value for property uniqueName already exists.",
        );
    }
    let app_id = str_field(&app, "appId").unwrap_or_default().to_string();
    let until = ctx.now + ctx.tenant.options.faults.replication;
    state.visible_at.insert(id.clone(), until);
    state.visible_at.insert(app_id, until);
    if let Some(uid) = access::user_id(ctx) {
        state.owners.insert(id.clone(), vec![uid]);
    }
    state.applications.push(app.clone());
    drop(state);
    odata::entity_response(
        ctx,
        StatusCode::CREATED,
        "applications/$entity",
        Value::Object(app),
    )
}

pub fn patch(ctx: &Ctx, key: Key) -> Response {
    let body = match ctx.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) = access::member_scope(ctx, WRITE) {
        return r;
    }
    let upsert = ctx.header("prefer").is_some_and(|p| {
        p.split(',')
            .any(|x| x.trim().eq_ignore_ascii_case("create-if-missing"))
    });
    let mut state = ctx.tenant.lock();
    let idx = match (&key, find(&state, &key)) {
        // An upsert finds the app even before it has replicated: uniqueName is an alternate key.
        (Key::UniqueName(_), Some(i)) if upsert => i,
        (Key::UniqueName(name), None) if upsert => {
            if let Some(given) = body.get("uniqueName").and_then(Value::as_str)
                && !given.eq_ignore_ascii_case(name)
            {
                return errors::bad_request(
                    ctx,
                    "The uniqueName in the request body does not match the key.",
                );
            }
            drop(state);
            return create_with(ctx, body, Some(name.clone()));
        }
        _ => match visible(ctx, &state, &key) {
            Ok(i) => i,
            Err(r) => return r,
        },
    };
    let object_id = match managed_id(ctx, &state, idx) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let mut app = state.applications[idx].clone();
    if let Err(e) = apply(ctx, &mut state, &mut app, body, false) {
        return e.response(ctx);
    }
    if let Some(i) = state.app_index(&object_id) {
        state.applications[i] = app;
    }
    no_content()
}

pub fn delete(ctx: &Ctx, key: Key) -> Response {
    if let Err(r) = access::member_scope(ctx, WRITE) {
        return r;
    }
    let mut state = ctx.tenant.lock();
    let idx = match visible(ctx, &state, &key) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let object_id = match managed_id(ctx, &state, idx) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let app = state.applications.remove(idx);
    let app_id = str_field(&app, "appId").unwrap_or_default().to_string();
    state.owners.remove(&object_id);
    state.secrets.retain(|s| s.app_object_id != object_id);
    for kc in app
        .get("keyCredentials")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(k) = kc.get("keyId").and_then(Value::as_str) {
            state.cert_keys.remove(k);
        }
    }
    // Deleting an app registration deletes its service principal in the home tenant.
    if let Some(sp_id) = state
        .sp_by_app_id(&app_id)
        .and_then(|s| str_field(s, "id"))
        .map(String::from)
    {
        super::principals::remove_sp(&mut state, &sp_id);
    }
    no_content()
}

/// Applies a create or PATCH body to an application object; Err is Graph's message.
fn apply(
    ctx: &Ctx,
    state: &mut State,
    app: &mut Object,
    body: Map<String, Value>,
    creating: bool,
) -> Result<(), ApplyError> {
    const PASS_THROUGH: &[&str] = &[
        "api",
        "appRoles",
        "identifierUris",
        "tags",
        "notes",
        "description",
        "info",
        "optionalClaims",
        "serviceManagementReference",
        "isFallbackPublicClient",
        "groupMembershipClaims",
        "defaultRedirectUri",
        "tokenEncryptionKeyId",
        "isDeviceOnlyAuthSupported",
        "parentalControlSettings",
        "requestSignatureVerification",
        "servicePrincipalLockConfiguration",
        "samlMetadataUrl",
        "certification",
        "addIns",
        "authenticationBehaviors",
        "oauth2RequirePostResponse",
        "nativeAuthenticationApisEnabled",
    ];
    for (k, v) in body {
        match k.as_str() {
            "@odata.type" => {}
            "displayName" => match v.as_str() {
                Some(s) if !s.trim().is_empty() && s.chars().count() <= 256 => {
                    app.insert(k, v);
                }
                _ => return Err("Invalid value specified for property 'displayName' of resource 'Application'.".into()),
            },
            "signInAudience" => match v.as_str() {
                Some("AzureADMyOrg" | "AzureADMultipleOrgs" | "AzureADandPersonalMicrosoftAccount" | "PersonalMicrosoftAccount") => {
                    app.insert(k, v);
                }
                _ => return Err("Invalid value specified for property 'signInAudience' of resource 'Application'.".into()),
            },
            "uniqueName" => {
                let current = str_field(app, "uniqueName").map(String::from);
                match (v.as_str(), current) {
                    (Some(new), Some(cur)) if new.eq_ignore_ascii_case(&cur) => {}
                    (Some(new), None) if creating && !new.is_empty() => {
                        app.insert(k, Value::String(new.into()));
                    }
                    _ => return Err("Property 'uniqueName' is immutable once set.".into()),
                }
            }
            "requiredResourceAccess" => {
                validate_rra(&v)?;
                app.insert(k, v);
            }
            "spa" | "web" | "publicClient" => {
                let ok = v.as_object().is_some_and(|o| {
                    o.get("redirectUris").is_none_or(|r| r.as_array().is_some_and(|a| a.iter().all(Value::is_string) && a.len() <= 256))
                });
                if !ok {
                    return Err(format!("Invalid value specified for property '{k}' of resource 'Application'.").into());
                }
                let mut merged = app.get(&k).and_then(Value::as_object).cloned().unwrap_or_default();
                if let Some(o) = v.as_object() {
                    for (ik, iv) in o {
                        merged.insert(ik.clone(), iv.clone());
                    }
                }
                app.insert(k, Value::Object(merged));
            }
            "keyCredentials" => {
                let list =
                    key_credentials(state, app, &v, ctx.tenant.options.faults.certificates)?;
                app.insert(k, Value::Array(list));
            }
            "passwordCredentials" => {
                if v.as_array().is_some_and(|a| !a.is_empty()) {
                    return Err("Updating passwordCredentials is not supported: use addPassword and removePassword.".into());
                }
            }
            p if PASS_THROUGH.contains(&p) => {
                app.insert(k, v);
            }
            // Declared but read-only (id, appId, createdDateTime, publisherDomain, …).
            p if super::schema::APPLICATION.contains(&p) => {
                return Err(format!("Property '{k}' is read-only and cannot be set.").into());
            }
            p => return Err(odata::unknown_property_message("application", p).into()),
        }
    }
    Ok(())
}

fn is_guid(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok() && s.len() == 36
}

fn validate_rra(v: &Value) -> Result<(), String> {
    let bad = || {
        "Invalid value specified for property 'requiredResourceAccess' of resource 'Application'."
            .to_string()
    };
    for r in v.as_array().ok_or_else(bad)? {
        if !r
            .get("resourceAppId")
            .and_then(Value::as_str)
            .is_some_and(is_guid)
        {
            return Err(bad());
        }
        for ra in r
            .get("resourceAccess")
            .and_then(Value::as_array)
            .ok_or_else(bad)?
        {
            let id_ok = ra.get("id").and_then(Value::as_str).is_some_and(is_guid);
            let ty_ok = matches!(
                ra.get("type").and_then(Value::as_str),
                Some("Role" | "Scope")
            );
            if !id_ok || !ty_ok {
                return Err(bad());
            }
        }
    }
    Ok(())
}

fn cert_time(t: x509_cert::time::Time) -> SystemTime {
    UNIX_EPOCH + t.to_unix_duration()
}

/// A refused write: Graph's `Request_BadRequest` with a message, or another code.
#[derive(Debug)]
pub enum ApplyError {
    Bad(String),
    Code(&'static str, String),
}

impl From<String> for ApplyError {
    fn from(m: String) -> Self {
        ApplyError::Bad(m)
    }
}

impl From<&str> for ApplyError {
    fn from(m: &str) -> Self {
        ApplyError::Bad(m.to_string())
    }
}

impl ApplyError {
    fn response(&self, ctx: &Ctx) -> Response {
        match self {
            ApplyError::Bad(m) => errors::bad_request(ctx, m),
            ApplyError::Code(code, m) => errors::bad_request_code(ctx, code, m),
        }
    }
}

fn key_id_of(v: &Value) -> Option<&str> {
    v.get("keyId").and_then(Value::as_str)
}

/// Validates keyCredentials (certificates) and keeps each DER aside; reads show `key: null`
/// except on `GET /applications/{id}?$select=keyCredentials` (see [`with_keys`]).
///
/// - The list replaces the app's list as a whole: "Because this a PATCH call, which by protocol
///   replaces the contents of the property with the new values, including only the new
///   certificate will replace the existing certificates"
///   (https://learn.microsoft.com/graph/applications-how-to-add-certificate). An existing
///   certificate is kept by sending it again with its `key`, as that page's second example does.
/// - "The type and usage must be AsymmetricX509Cert and Verify respectively" (same page). `Sign`
///   belongs to `X509CertAndPassword` (private keys for SAML signing); an `AsymmetricX509Cert`
///   with `Sign` gets "The value for the property "usage" in one of your credentials is invalid.
///   Acceptable values are Sign, Verify." (https://github.com/MicrosoftDocs/azure-docs/issues/56589,
///   wording as quoted in https://github.com/microsoftgraph/msgraph-sdk-java/issues/1823).
/// - `customKeyIdentifier`: "A 40-character binary type that can be used to identify the
///   credential. Optional. When not provided in the payload, defaults to the thumbprint of the
///   certificate." (https://learn.microsoft.com/graph/api/resources/keycredential): kept as sent
///   (Edm.Binary, so base64), else the SHA-1 thumbprint.
/// - `displayName`: "maximum length of 90 characters. Longer values are accepted but shortened."
///   (same page, beta).
/// - `startDateTime`/`endDateTime`: from the certificate when not given; "The startDateTime is the
///   date when or after the certificate was created" (how-to page), and an end after the
///   certificate's notAfter is refused with "Key credential end date is invalid."
///   (https://github.com/Azure/azure-rest-api-specs/issues/11985). The how-to also says
///   endDateTime "can be a maximum of one year from the startDateTime": not enforced, because Graph
///   stores certificates valid for years (PnP PowerShell's Register-PnPEntraIDApp uploads
///   certificates valid 10 years by default,
///   https://pnp.github.io/powershell/cmdlets/Register-PnPEntraIDApp.html); the tenant's
///   `asymmetricKeyLifetime` restriction is the limit that applies.
fn key_credentials(
    state: &mut State,
    app: &Object,
    v: &Value,
    max_lifetime: Option<Duration>,
) -> Result<Vec<Value>, ApplyError> {
    let bad = |why: &str| {
        ApplyError::Bad(format!(
            "Invalid value specified for property 'keyCredentials' of resource 'Application'. {why}"
        ))
    };
    let existing: Vec<Value> = app
        .get("keyCredentials")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let list = v.as_array().ok_or_else(|| bad("Expected an array."))?;
    let mut out = vec![];
    let mut pending: Vec<(String, Vec<u8>)> = vec![];
    for kc in list {
        let Some(kc) = kc.as_object() else {
            return Err(bad("Expected an object."));
        };
        for k in kc.keys() {
            if !schema::KEY_CREDENTIAL.contains(&k.as_str()) && k != "@odata.type" {
                return Err(odata::unknown_property_message("keyCredential", k).into());
            }
        }
        let given_id = match kc.get("keyId") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if is_guid(s) => Some(s.clone()),
            Some(_) => return Err(bad("keyId is not a GUID.")),
        };
        let before = given_id
            .as_deref()
            .and_then(|id| existing.iter().find(|e| key_id_of(e) == Some(id)));
        let Some(key) = kc.get("key").and_then(Value::as_str) else {
            // UNDOCUMENTED CHOICE: Graph documents re-sending an existing certificate with its
            // key (https://learn.microsoft.com/graph/applications-how-to-add-certificate) and no
            // way to keep one without it, so a credential without `key` is refused. For a known
            // keyId the wording is the directory's "Update to existing credential with KeyId
            // '…' is not allowed." (https://github.com/Azure/azure-powershell/issues/6855).
            return Err(match before {
                Some(_) => ApplyError::Bad(format!(
                    "Update to existing credential with KeyId '{}' is not allowed.",
                    given_id.unwrap_or_default()
                )),
                None => bad("The key is required."),
            });
        };
        // UNDOCUMENTED CHOICE: the wording for another type was not verified; applications take
        // certificates only (`AsymmetricX509Cert`, how-to page).
        if kc.get("type").and_then(Value::as_str) != Some("AsymmetricX509Cert") {
            return Err(bad(
                "Only keys of type AsymmetricX509Cert can be added to an application.",
            ));
        }
        if kc.get("usage").and_then(Value::as_str) != Some("Verify") {
            return Err(
                "The value for the property \"usage\" in one of your credentials is invalid. Acceptable values are Sign, Verify."
                    .into(),
            );
        }
        let der = b64_decode(key).ok_or_else(|| bad("The key is not base64."))?;
        let cert = Certificate::from_der(&der)
            .map_err(|_| bad("The key is not an X.509 certificate (DER)."))?;
        if let Some(id) = given_id.as_deref()
            && before.is_some()
            && state.cert_keys.get(id).is_some_and(|d| *d != der)
        {
            // The same keyId with another certificate: an update of the credential.
            return Err(
                format!("Update to existing credential with KeyId '{id}' is not allowed.").into(),
            );
        }
        let validity = &cert.tbs_certificate.validity;
        let (nb, na) = (
            cert_time(validity.not_before),
            cert_time(validity.not_after),
        );
        let date = |name: &str| -> Result<Option<SystemTime>, ApplyError> {
            match kc.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => v.as_str().and_then(parse_iso).map(Some).ok_or_else(|| {
                    ApplyError::Bad(format!(
                        "Invalid value specified for property '{name}' of resource 'KeyCredential'."
                    ))
                }),
            }
        };
        let start = date("startDateTime")?.unwrap_or(nb);
        let end = date("endDateTime")?.unwrap_or(na);
        if start < nb {
            // UNDOCUMENTED CHOICE: wording modelled on the end date's.
            return Err("Key credential start date is invalid.".into());
        }
        if end > na || end <= start {
            return Err("Key credential end date is invalid.".into());
        }
        if let Some(max) = max_lifetime
            && end.duration_since(start).unwrap_or_default() > max
        {
            // The refusal an app management policy gives for a credential that lives too long
            // (https://github.com/OfficeDev/microsoft-365-agents-toolkit/issues/10998, for a
            // secret; for certificates the same message is shown in
            // https://www.michev.info/blog/post/3441/additional-azure-ad-app-management-policy-controls-introduced).
            // UNDOCUMENTED CHOICE: the code for a certificate is taken to be the secret's.
            return Err(ApplyError::Code(
                "CredentialInvalidLifetimeAsPerAppPolicy",
                format!(
                    "Credential lifetime exceeds the max value allowed as per assigned policy '{POLICY_ID}'."
                ),
            ));
        }
        let custom = match kc.get("customKeyIdentifier") {
            None | Some(Value::Null) => b64(&thumbprints(&der).0),
            Some(Value::String(s)) => match b64_decode(s) {
                // "A 40-character binary type": at most 40 characters as sent.
                Some(bytes) if !bytes.is_empty() && s.len() <= 40 => b64(&bytes),
                _ => {
                    return Err(ApplyError::Bad(
                        "Invalid value specified for property 'customKeyIdentifier' of resource 'KeyCredential'."
                            .into(),
                    ));
                }
            },
            Some(_) => {
                return Err(ApplyError::Bad(
                    "Invalid value specified for property 'customKeyIdentifier' of resource 'KeyCredential'."
                        .into(),
                ));
            }
        };
        // UNDOCUMENTED CHOICE: without a displayName the subject is shown, as the portal does.
        let display: String = kc
            .get("displayName")
            .and_then(Value::as_str)
            .map(String::from)
            .unwrap_or_else(|| cert.tbs_certificate.subject.to_string())
            .chars()
            .take(90)
            .collect();
        let key_id = given_id.unwrap_or_else(new_id);
        if out
            .iter()
            .any(|o: &Value| key_id_of(o) == Some(key_id.as_str()))
        {
            return Err(bad("keyId values must be unique."));
        }
        pending.push((key_id.clone(), der));
        out.push(json!({
            "customKeyIdentifier": custom,
            "displayName": display,
            "endDateTime": iso(end),
            "key": null,
            "keyId": key_id,
            "startDateTime": iso(start),
            "type": "AsymmetricX509Cert",
            "usage": "Verify",
        }));
    }
    // Only once the whole list is valid: the old certificates leave, the new ones arrive.
    for e in &existing {
        if let Some(id) = key_id_of(e)
            && !pending.iter().any(|(k, _)| k == id)
        {
            state.cert_keys.remove(id);
        }
    }
    for (k, der) in pending {
        state.cert_keys.insert(k, der);
    }
    Ok(out)
}

/// `key` is "Returned only on $select for a single object, that is, GET
/// applications/{applicationId}?$select=keyCredentials …; otherwise, it's always null."
/// (https://learn.microsoft.com/graph/api/resources/keycredential). UNDOCUMENTED CHOICE: only
/// when addressed by object id, as the documentation's example is; not by `(appId='…')` or
/// `(uniqueName='…')`, and never in lists.
fn with_keys(state: &State, mut out: Value) -> Value {
    if let Some(list) = out.get_mut("keyCredentials").and_then(Value::as_array_mut) {
        for kc in list {
            let der = key_id_of(kc)
                .and_then(|k| state.cert_keys.get(k))
                .map(|d| b64(d));
            if let (Some(d), Some(o)) = (der, kc.as_object_mut()) {
                o.insert("key".into(), Value::String(d));
            }
        }
    }
    out
}

/// An action's body may hold only its parameters. UNDOCUMENTED CHOICE: the wording is OData's
/// for an unknown action parameter; the code follows the directory's `Request_BadRequest`.
fn action_parameters(
    ctx: &Ctx,
    body: &Map<String, Value>,
    action: &str,
    parameters: &[&str],
) -> Result<(), Response> {
    match body.keys().find(|k| !parameters.contains(&k.as_str())) {
        None => Ok(()),
        Some(k) => Err(errors::bad_request(
            ctx,
            &format!(
                "The parameter '{k}' in the request payload is not a valid parameter for the operation '{action}'."
            ),
        )),
    }
}

fn new_secret() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.~";
    let mut rng = rand::thread_rng();
    let mut pick = |n: usize| -> String {
        (0..n)
            .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
            .collect()
    };
    // Entra's secrets: 40 characters with "8Q~" after a 3-character hint.
    format!("{}8Q~{}", pick(3), pick(34))
}

pub fn add_password(ctx: &Ctx, id: &str) -> Response {
    let body = if ctx.body.is_empty() {
        Map::new()
    } else {
        match ctx.json() {
            Ok(b) => b,
            Err(r) => return r,
        }
    };
    if let Err(r) = access::member_scope(ctx, WRITE) {
        return r;
    }
    if let Err(r) =
        action_parameters(ctx, &body, "addPassword", &["passwordCredential"]).and_then(|_| {
            match body.get("passwordCredential") {
                Some(Value::Object(pc)) => {
                    odata::check_body(ctx, pc, "passwordCredential", schema::PASSWORD_CREDENTIAL)
                }
                _ => Ok(()),
            }
        })
    {
        return r;
    }
    let pc = body
        .get("passwordCredential")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let start = match pc.get("startDateTime") {
        None | Some(Value::Null) => ctx.now,
        Some(v) => match v.as_str().and_then(parse_iso) {
            Some(t) => t,
            None => {
                return errors::bad_request(
                    ctx,
                    "Invalid value specified for property 'startDateTime' of resource 'PasswordCredential'.",
                );
            }
        },
    };
    // Graph's default lifetime of a secret is two years.
    let end = match pc.get("endDateTime") {
        None | Some(Value::Null) => start + Duration::from_secs(2 * 365 * 86_400),
        Some(v) => match v.as_str().and_then(parse_iso) {
            Some(t) if t > start => t,
            _ => {
                return errors::bad_request(
                    ctx,
                    "Invalid value specified for property 'endDateTime' of resource 'PasswordCredential'.",
                );
            }
        },
    };
    let display = pc
        .get("displayName")
        .and_then(Value::as_str)
        .map(String::from);
    let mut state = ctx.tenant.lock();
    let idx = match managed(ctx, &state, id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    match ctx.tenant.options.faults.secrets {
        SecretPolicy::Allowed => {}
        SecretPolicy::Forbidden => {
            // UNDOCUMENTED CHOICE: the code for a blocked passwordAddition was not verified.
            return errors::bad_request_code(
                ctx,
                "CredentialTypeNotAllowedAsPerAppPolicy",
                &format!(
                    "Password credentials are not allowed as per assigned policy {POLICY_ID}."
                ),
            );
        }
        SecretPolicy::MaxLifetime(max) => {
            if end.duration_since(start).unwrap_or_default() > max {
                return errors::bad_request_code(
                    ctx,
                    "CredentialInvalidLifetimeAsPerAppPolicy",
                    &format!(
                        "Credential lifetime exceeds the max value allowed as per assigned policy '{POLICY_ID}'."
                    ),
                );
            }
        }
    }
    let secret = new_secret();
    let key_id = new_id();
    let hint: String = secret.chars().take(3).collect();
    state.secrets.push(SecretRecord {
        app_object_id: id.to_string(),
        key_id: key_id.clone(),
        sha256: Sha256::digest(secret.as_bytes()).into(),
        start,
        end,
        usable_from: ctx.now + ctx.tenant.options.faults.secret_propagation,
    });
    let stored = json!({
        "customKeyIdentifier": null,
        "displayName": display,
        "endDateTime": iso(end),
        "hint": hint,
        "keyId": key_id,
        "secretText": null,
        "startDateTime": iso(start),
    });
    if let Some(list) = state.applications[idx]
        .get_mut("passwordCredentials")
        .and_then(Value::as_array_mut)
    {
        list.push(stored.clone());
    }
    drop(state);
    let mut v = stored;
    v["secretText"] = Value::String(secret);
    odata::entity_response(ctx, StatusCode::OK, "microsoft.graph.passwordCredential", v)
}

pub fn remove_password(ctx: &Ctx, id: &str) -> Response {
    let body = match ctx.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) = access::member_scope(ctx, WRITE)
        .and_then(|_| action_parameters(ctx, &body, "removePassword", &["keyId"]))
    {
        return r;
    }
    let Some(key_id) = body.get("keyId").and_then(Value::as_str).map(String::from) else {
        return errors::bad_request(ctx, "Invalid value specified for property 'keyId'.");
    };
    let mut state = ctx.tenant.lock();
    let idx = match managed(ctx, &state, id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let list = state.applications[idx]
        .get_mut("passwordCredentials")
        .and_then(Value::as_array_mut);
    let removed = match list {
        Some(l) => {
            let before = l.len();
            l.retain(|c| c.get("keyId").and_then(Value::as_str) != Some(key_id.as_str()));
            before != l.len()
        }
        None => false,
    };
    if !removed {
        // UNDOCUMENTED CHOICE: Graph's answer for an unknown keyId was not verified.
        return errors::bad_request(
            ctx,
            &format!("No password credential found with keyId '{key_id}'."),
        );
    }
    state.secrets.retain(|s| s.key_id != key_id);
    no_content()
}
