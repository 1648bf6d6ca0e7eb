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
    match visible(ctx, &state, &key) {
        Ok(i) => odata::entity_response(
            ctx,
            StatusCode::OK,
            "applications/$entity",
            output(ctx, &state.applications[i]),
        ),
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
    if let Err(msg) = apply(&mut state, &mut app, body, true) {
        return errors::bad_request(ctx, &msg);
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
    if let Err(msg) = apply(&mut state, &mut app, body, false) {
        return errors::bad_request(ctx, &msg);
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
    state: &mut State,
    app: &mut Object,
    body: Map<String, Value>,
    creating: bool,
) -> Result<(), String> {
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
                    return Err(format!("Invalid value specified for property '{k}' of resource 'Application'."));
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
                let list = key_credentials(state, app, &v)?;
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
                return Err(format!("Property '{k}' is read-only and cannot be set."));
            }
            p => return Err(odata::unknown_property_message("application", p)),
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

/// Validates keyCredentials (certificates); keeps the DER aside: reads show `key: null`.
fn key_credentials(state: &mut State, app: &Object, v: &Value) -> Result<Vec<Value>, String> {
    let bad = |why: &str| {
        format!(
            "Invalid value specified for property 'keyCredentials' of resource 'Application'. {why}"
        )
    };
    let existing: Vec<Value> = app
        .get("keyCredentials")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut out = vec![];
    for kc in v.as_array().ok_or_else(|| bad("Expected an array."))? {
        let key_id = kc
            .get("keyId")
            .and_then(Value::as_str)
            .filter(|s| is_guid(s))
            .map(String::from);
        let key = kc.get("key").and_then(Value::as_str);
        if key.is_none() {
            // An existing credential sent back without its key keeps it.
            match key_id.as_ref().and_then(|k| {
                existing
                    .iter()
                    .find(|e| e.get("keyId").and_then(Value::as_str) == Some(k))
            }) {
                Some(e) => {
                    out.push(e.clone());
                    continue;
                }
                None => return Err(bad("The key is required.")),
            }
        }
        if kc.get("type").and_then(Value::as_str) != Some("AsymmetricX509Cert") {
            return Err(bad("Only AsymmetricX509Cert keys are supported."));
        }
        let usage = kc.get("usage").and_then(Value::as_str).unwrap_or_default();
        if usage != "Verify" && usage != "Sign" {
            return Err(bad("usage must be Verify or Sign."));
        }
        let der = key
            .and_then(b64_decode)
            .ok_or_else(|| bad("The key is not base64."))?;
        let cert = Certificate::from_der(&der)
            .map_err(|_| bad("The key is not an X.509 certificate (DER)."))?;
        let validity = &cert.tbs_certificate.validity;
        let (nb, na) = (
            cert_time(validity.not_before),
            cert_time(validity.not_after),
        );
        let start = kc
            .get("startDateTime")
            .and_then(Value::as_str)
            .and_then(parse_iso)
            .unwrap_or(nb);
        let end = kc
            .get("endDateTime")
            .and_then(Value::as_str)
            .and_then(parse_iso)
            .unwrap_or(na);
        if end <= start || end > na + Duration::from_secs(86_400) {
            return Err("Key credential end date is invalid.".into());
        }
        let key_id = key_id.unwrap_or_else(new_id);
        let (sha1, _) = thumbprints(&der);
        let display = kc
            .get("displayName")
            .and_then(Value::as_str)
            .map(String::from)
            .unwrap_or_else(|| cert.tbs_certificate.subject.to_string());
        state.cert_keys.insert(key_id.clone(), der);
        out.push(json!({
            "customKeyIdentifier": b64(&sha1),
            "displayName": display,
            "endDateTime": iso(end),
            "key": null,
            "keyId": key_id,
            "startDateTime": iso(start),
            "type": "AsymmetricX509Cert",
            "usage": usage,
        }));
    }
    Ok(out)
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
                        "Credential lifetime exceeds the max value allowed as per assigned policy {POLICY_ID}."
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
