//! The runtime configuration: `config.json`, fetched beside `index.html` at startup, so one
//! build serves every deployment (global cloud, national clouds, the local sandbox tenant).
//!
//! [`parse`] checks the whole file and reports every problem at once, each with its JSON path
//! and what to write instead. The README's Configuration section documents every key.

mod allowed_profiles;
pub mod branding;
mod cloud;
mod custom_permissions;
mod display_name;
mod duplicates;
pub(crate) mod endpoint;
mod guid;
pub(crate) mod host;
mod keys;
pub(crate) mod origin;
mod problems;
mod public_key;
mod requested;
mod secret_lifetime;
mod switch;
mod syntax;
mod tenant;
#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use crate::catalog::{self, Profile};
use endpoint::{Service, parse_base_url};
use problems::Problems;
use syntax::type_name;

pub use cloud::{CLOUD_NAMES, Cloud, Endpoints};
pub use custom_permissions::{CustomPermission, MAX_REASON_CHARS};
pub use display_name::MAX_DISPLAY_NAME_CHARS;
pub use origin::Origin;
pub use problems::{ConfigError, ConfigProblem};
pub use public_key::{PublicJwk, parse_public_jwk};
pub use requested::CertificateReason;
pub use secret_lifetime::{DEFAULT_SECRET_LIFETIME_DAYS, MAX_SECRET_LIFETIME_DAYS};
pub use tenant::DEFAULT_TENANT;
pub(crate) use tenant::parse_tenant_hint;

/// A valid configuration, normalised (lowercase GUIDs and hosts, no trailing slashes).
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The onboarding app's own client id (its multi-tenant registration), lowercase GUID.
    pub client_id: String,
    /// Which Microsoft cloud, or [`Cloud::Custom`] when `endpoints` were given.
    pub cloud: Cloud,
    /// Sign-in and Graph base URLs, from the cloud or given explicitly.
    pub endpoints: Endpoints,
    /// Authority segment: `organizations`, a tenant GUID or a domain.
    pub tenant: String,
    /// Exact origins that may receive the hand-off by `postMessage` (and frame the app).
    /// Empty: the admin downloads the bundle instead.
    pub handoff_origins: Vec<Origin>,
    /// Display name of the app registration to create.
    pub app_display_name: String,
    /// The built-in profile the new app's permissions start from; `None` for
    /// `"permissionProfile": "custom"`, where `custom_permissions` is the whole request.
    pub permission_profile: Option<&'static Profile>,
    /// `customPermissions`: added to the profile (or the whole request with `"custom"`).
    pub custom_permissions: Vec<CustomPermission>,
    /// `allowedProfiles`: other built-in profiles a dashboard's start message may choose
    /// ([`Config::with_profile`]); the configured one is always allowed.
    pub allowed_profiles: Vec<&'static Profile>,
    /// `exchangeManagement`: also give the app Exchange Online PowerShell app-only access
    /// (`Exchange.ManageAsApp`, the Exchange Administrator role, a certificate).
    pub exchange_management: bool,
    /// `certificate`: give the app a certificate even where its permissions do not need one.
    pub certificate: bool,
    /// Requested lifetime of the client secret, 1..=730 days.
    pub secret_lifetime_days: u16,
    /// The dashboard's public key; when present the hand-off is sealed to it.
    pub handoff_public_key: Option<PublicJwk>,
    /// `tenantPreview`: also ask for read permissions, to show the admin how many users,
    /// groups, mailboxes and sites the backup will see before they confirm.
    pub tenant_preview: bool,
    /// `accentColor`: the vendor's colour for buttons and links, `#rrggbb`, dark enough for
    /// white text ([`branding`]).
    pub accent_color: Option<String>,
    /// `logoUrl`: the vendor's logo, shown above the steps.
    pub logo_url: Option<String>,
    /// `language`: one of [`branding::LANGUAGES`]; none follows the admin's browser.
    pub language: Option<&'static str>,
    /// The file's text as served: the registration worker is given it and parses it again,
    /// so both halves of the page run with the same configuration.
    pub source: String,
}

impl Config {
    /// The sign-in authority, e.g. `https://login.microsoftonline.com/organizations`.
    pub fn authority(&self) -> String {
        format!("{}/{}", self.endpoints.sign_in, self.tenant)
    }

    /// Whether `origin` (as a browser reports it in `MessageEvent.origin`) may receive the
    /// hand-off. Exact comparison: both sides are in the browser's serialised form.
    pub fn allows_handoff_to(&self, origin: &str) -> bool {
        self.handoff_origins
            .iter()
            .any(|allowed| allowed.as_str() == origin)
    }

    /// No dashboard may receive the hand-off: the admin downloads it.
    pub fn is_download_only(&self) -> bool {
        self.handoff_origins.is_empty()
    }
}

/// Parses and validates the text of `config.json`.
pub fn parse(json: &str) -> Result<Config, ConfigError> {
    let text = json.strip_prefix('\u{feff}').unwrap_or(json);
    let root = syntax::read_json(text)?;
    let Value::Object(object) = &root else {
        let problem = format!("must be a JSON object {{ ... }}, not {}", type_name(&root));
        return Err(ConfigError::Invalid(vec![ConfigProblem::new("$", problem)]));
    };
    let mut problems = Problems::default();
    for path in duplicates::duplicate_keys(text) {
        problems.add(
            path,
            "appears more than once in the same object and only the last would count: keep one",
        );
    }
    for key in object
        .keys()
        .filter(|key| !keys::TOP_LEVEL.contains(&key.as_str()))
    {
        problems.add(key.as_str(), keys::unknown_key(key, &keys::TOP_LEVEL));
    }
    let p = &mut problems;

    let client_id = required_str(
        object,
        "clientId",
        "the onboarding app's client id (a GUID)",
        p,
    )
    .and_then(|text| record(guid::parse_guid(text), "clientId", p));
    let location = read_location(object, p);
    let tenant = match object.get("tenant") {
        None => Some(DEFAULT_TENANT.to_owned()),
        Some(value) => as_str(value, "tenant", p)
            .and_then(|text| record(tenant::parse_tenant(text), "tenant", p)),
    };
    let handoff_origins = read_handoff_origins(object, p);
    let app_display_name = required_str(
        object,
        "appDisplayName",
        "the name admins will see, like \"Contoso Backup\"",
        p,
    )
    .and_then(|text| record(display_name::check_display_name(text), "appDisplayName", p));
    let permission_profile = read_profile(object, p);
    let custom_permissions = {
        let chosen = permission_profile.flatten();
        custom_permissions::read_custom_permissions(
            object,
            permission_profile == Some(None),
            chosen.map_or(&[], |profile| profile.permissions),
            chosen.map_or(CUSTOM_PROFILE, |profile| profile.id),
            p,
        )
    };
    let allowed_profiles =
        allowed_profiles::read_allowed_profiles(object, custom_permissions.as_deref(), p);
    let exchange_management = match object.get("exchangeManagement") {
        None => Some(false),
        Some(value) => record(switch::parse_switch(value), "exchangeManagement", p),
    };
    let certificate = match object.get("certificate") {
        None => Some(false),
        Some(value) => record(switch::parse_switch(value), "certificate", p),
    };
    let accent_color = match object.get("accentColor") {
        None => Some(None),
        Some(value) => record(branding::parse_accent_color(value), "accentColor", p).map(Some),
    };
    let logo_url = match object.get("logoUrl") {
        None => Some(None),
        Some(value) => record(branding::parse_logo_url(value), "logoUrl", p).map(Some),
    };
    let language = match object.get("language") {
        None => Some(None),
        Some(value) => record(branding::parse_language(value), "language", p).map(Some),
    };
    let tenant_preview = match object.get("tenantPreview") {
        None => Some(false),
        Some(value) => record(switch::parse_switch(value), "tenantPreview", p),
    };
    let secret_lifetime_days = match object.get("secretLifetimeDays") {
        None => Some(DEFAULT_SECRET_LIFETIME_DAYS),
        Some(value) => record(
            secret_lifetime::parse_secret_lifetime(value),
            "secretLifetimeDays",
            p,
        ),
    };
    let handoff_public_key = match object.get("handoffPublicKey") {
        None => Some(None),
        Some(value) => public_key::parse_public_key(value, "handoffPublicKey", p).map(Some),
    };

    if let (
        true,
        Some(client_id),
        Some((cloud, endpoints)),
        Some(tenant),
        Some(handoff_origins),
        Some(app_display_name),
        Some(permission_profile),
        Some(custom_permissions),
        Some(allowed_profiles),
        Some(exchange_management),
        Some(certificate),
        Some(secret_lifetime_days),
        Some(handoff_public_key),
        Some(tenant_preview),
        Some(accent_color),
        Some(logo_url),
        Some(language),
    ) = (
        problems.is_empty(),
        client_id,
        location,
        tenant,
        handoff_origins,
        app_display_name,
        permission_profile,
        custom_permissions,
        allowed_profiles,
        exchange_management,
        certificate,
        secret_lifetime_days,
        handoff_public_key,
        tenant_preview,
        accent_color,
        logo_url,
        language,
    ) {
        return Ok(Config {
            client_id,
            cloud,
            endpoints,
            tenant,
            handoff_origins,
            app_display_name,
            permission_profile,
            custom_permissions,
            allowed_profiles,
            exchange_management,
            certificate,
            secret_lifetime_days,
            handoff_public_key,
            tenant_preview,
            accent_color,
            logo_url,
            language,
            source: json.to_owned(),
        });
    }
    if problems.is_empty() {
        // Every path that yields no value records why; this guards against a future slip.
        problems.add("$", "could not be read");
    }
    Err(ConfigError::Invalid(problems.into_vec()))
}

/// `cloud` or `endpoints` (not both); neither means the global cloud.
fn read_location(object: &Map<String, Value>, p: &mut Problems) -> Option<(Cloud, Endpoints)> {
    match (object.get("cloud"), object.get("endpoints")) {
        (None, None) => Cloud::Global
            .endpoints()
            .map(|endpoints| (Cloud::Global, endpoints)),
        (Some(cloud), None) => read_cloud(cloud, p),
        (None, Some(endpoints)) => {
            read_endpoints(endpoints, p).map(|endpoints| (Cloud::Custom, endpoints))
        }
        (Some(cloud), Some(endpoints)) => {
            read_cloud(cloud, p);
            read_endpoints(endpoints, p);
            p.add("endpoints", "give either \"cloud\" (a Microsoft cloud) or \"endpoints\" (your own base URLs), not both: remove one");
            None
        }
    }
}

fn read_cloud(value: &Value, p: &mut Problems) -> Option<(Cloud, Endpoints)> {
    let name = as_str(value, "cloud", p)?;
    let cloud = Cloud::from_name(name);
    if let Some(endpoints) = cloud.and_then(Cloud::endpoints) {
        return cloud.map(|cloud| (cloud, endpoints));
    }
    let listed = CLOUD_NAMES.map(|n| format!("\"{n}\"")).join(", ");
    let problem = match CLOUD_NAMES.iter().find(|n| n.eq_ignore_ascii_case(name)) {
        Some(intended) => format!(
            "\"{name}\" is not a cloud; did you mean \"{intended}\"? (names are case-sensitive)"
        ),
        None => format!(
            "\"{name}\" is not a cloud: write one of {listed}; for your own endpoints leave \"cloud\" out and give \"endpoints\""
        ),
    };
    p.add("cloud", problem);
    None
}

fn read_endpoints(value: &Value, p: &mut Problems) -> Option<Endpoints> {
    let Value::Object(object) = value else {
        p.add("endpoints", format!(
            "must be an object like {{\"signIn\": \"https://...\", \"graph\": \"https://...\"}}, not {}",
            type_name(value)
        ));
        return None;
    };
    for key in object
        .keys()
        .filter(|key| !keys::ENDPOINTS.contains(&key.as_str()))
    {
        p.add(
            format!("endpoints.{key}"),
            keys::unknown_key(key, &keys::ENDPOINTS),
        );
    }
    let mut base_url = |key: &str, service: Service, example: &str| {
        let path = format!("endpoints.{key}");
        let text = match object.get(key) {
            None => {
                p.add(
                    path.as_str(),
                    format!("is missing: write the base URL, like {example}"),
                );
                return None;
            }
            Some(value) => as_str(value, &path, p)?,
        };
        record(parse_base_url(text, service), &path, p)
    };
    let sign_in = base_url(
        "signIn",
        Service::SignIn,
        "https://login.microsoftonline.com",
    );
    let graph = base_url("graph", Service::Graph, "https://graph.microsoft.com");
    Some(Endpoints {
        sign_in: sign_in?,
        graph: graph?,
    })
}

fn read_handoff_origins(object: &Map<String, Value>, p: &mut Problems) -> Option<Vec<Origin>> {
    let value = required(
        object,
        "handoffOrigins",
        "the dashboard origins, like [\"https://dashboard.example.com\"], or [] to download only",
        p,
    )?;
    let Value::Array(items) = value else {
        let hint = if value.is_string() {
            ": put the origin in brackets, like [\"https://dashboard.example.com\"]"
        } else {
            ""
        };
        p.add(
            "handoffOrigins",
            format!(
                "must be an array of origins, not {}{hint}",
                type_name(value)
            ),
        );
        return None;
    };
    let mut origins: Vec<Origin> = Vec::with_capacity(items.len());
    let mut all_valid = true;
    for (index, item) in items.iter().enumerate() {
        let key = format!("handoffOrigins[{index}]");
        let Some(origin) =
            as_str(item, &key, p).and_then(|text| record(Origin::parse(text), &key, p))
        else {
            all_valid = false;
            continue;
        };
        if let Some(first) = origins.iter().position(|earlier| *earlier == origin) {
            p.add(key, format!("{origin} is already listed (handoffOrigins[{first}] after normalising): remove one"));
            all_valid = false;
            continue;
        }
        origins.push(origin);
    }
    all_valid.then_some(origins)
}

/// The `permissionProfile` value that means "no built-in profile: `customPermissions` is the
/// whole request".
pub const CUSTOM_PROFILE: &str = "custom";

/// `Some(Some(profile))` for a built-in profile, `Some(None)` for `"custom"`, `None` when the
/// key is missing or wrong (a problem is recorded).
fn read_profile(object: &Map<String, Value>, p: &mut Problems) -> Option<Option<&'static Profile>> {
    let ids = || {
        catalog::profiles()
            .iter()
            .map(|profile| profile.id)
            .chain([CUSTOM_PROFILE])
            .map(|id| format!("\"{id}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let id = required_str(object, "permissionProfile", &format!("one of {}", ids()), p)?;
    if id == CUSTOM_PROFILE {
        return Some(None);
    }
    let profile = catalog::profile(id);
    if profile.is_none() {
        p.add(
            "permissionProfile",
            format!(
                "\"{id}\" is not a permission profile: write one of {}",
                ids()
            ),
        );
    }
    profile.map(Some)
}

fn required<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    what: &str,
    p: &mut Problems,
) -> Option<&'a Value> {
    let value = object.get(key);
    if value.is_none() {
        p.add(key, format!("is missing: write {what}"));
    }
    value
}

fn required_str<'a>(
    object: &'a Map<String, Value>,
    key: &str,
    what: &str,
    p: &mut Problems,
) -> Option<&'a str> {
    as_str(required(object, key, what, p)?, key, p)
}

fn as_str<'a>(value: &'a Value, key: &str, p: &mut Problems) -> Option<&'a str> {
    match value {
        Value::String(text) => Some(text),
        Value::Null => {
            p.add(key, "must be a string, not null: give a value, or leave the key out if it has a default");
            None
        }
        other => {
            p.add(key, format!("must be a string, not {}", type_name(other)));
            None
        }
    }
}

/// Moves a check's error into the problem list under `key`.
fn record<T>(result: Result<T, String>, key: &str, p: &mut Problems) -> Option<T> {
    result.map_err(|problem| p.add(key, problem)).ok()
}
