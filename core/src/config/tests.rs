//! `parse` end to end: each rule of the README's Configuration section, and that all problems are reported.

use super::*;
use serde_json::{Value, json};

const CLIENT_ID: &str = "11111111-2222-4333-8444-555555555555";

fn minimal() -> Value {
    json!({
        "clientId": CLIENT_ID,
        "handoffOrigins": ["https://dashboard.example.com"],
        "appDisplayName": "Contoso Backup",
        "permissionProfile": "full-backup"
    })
}

fn with(mut config: Value, key: &str, value: Value) -> Value {
    if let Some(object) = config.as_object_mut() {
        object.insert(key.into(), value);
    }
    config
}

fn without(mut config: Value, key: &str) -> Value {
    if let Some(object) = config.as_object_mut() {
        object.remove(key);
    }
    config
}

pub(super) fn problems(config: Value) -> Vec<ConfigProblem> {
    match parse(&config.to_string()) {
        Err(ConfigError::Invalid(problems)) => problems,
        other => panic!("expected problems, got {other:?}"),
    }
}

/// The single problem the config has; panics if there is not exactly one.
pub(super) fn only_problem(config: Value) -> ConfigProblem {
    let mut all = problems(config);
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

pub(super) fn valid(config: Value) -> Config {
    parse(&config.to_string()).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn minimal_config_gets_the_documented_defaults() {
    let config = valid(minimal());
    assert_eq!(config.client_id, CLIENT_ID);
    assert_eq!(config.cloud, Cloud::Global);
    assert_eq!(
        config.endpoints.sign_in,
        "https://login.microsoftonline.com"
    );
    assert_eq!(config.endpoints.graph, "https://graph.microsoft.com");
    assert_eq!(config.tenant, "organizations");
    assert_eq!(
        config.authority(),
        "https://login.microsoftonline.com/organizations"
    );
    assert_eq!(config.secret_lifetime_days, 180);
    assert_eq!(config.permission_profile.map(|p| p.id), Some("full-backup"));
    assert_eq!(config.custom_permissions, []);
    assert!(!config.exchange_management);
    assert_eq!(config.handoff_public_key, None);
    assert!(config.allows_handoff_to("https://dashboard.example.com"));
    assert!(!config.allows_handoff_to("https://dashboard.example.com.evil.test"));
    assert!(!config.allows_handoff_to("http://dashboard.example.com"));
}

#[test]
fn full_config_for_a_national_cloud() {
    let config = valid(json!({
        "clientId": CLIENT_ID.to_uppercase(),
        "cloud": "usGovDoD",
        "tenant": "contoso.onmicrosoft.us",
        "handoffOrigins": ["https://dashboard.example.com", "https://EU.Dashboard.example.com:443"],
        "appDisplayName": "Contoso Backup",
        "permissionProfile": "exchange-only",
        "secretLifetimeDays": 365,
        "handoffPublicKey": {"kty": "EC", "crv": "P-256",
            "x": "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE", "y": "AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI"}
    }));
    assert_eq!(config.client_id, CLIENT_ID);
    assert_eq!(config.cloud, Cloud::UsGovDoD);
    assert_eq!(config.endpoints.graph, "https://dod-graph.microsoft.us");
    assert_eq!(
        config.authority(),
        "https://login.microsoftonline.us/contoso.onmicrosoft.us"
    );
    assert!(config.allows_handoff_to("https://eu.dashboard.example.com"));
    assert_eq!(config.secret_lifetime_days, 365);
    assert_eq!(
        config.handoff_public_key.map(|k| k.algorithm()),
        Some("ECDH-ES+A256KW")
    );
}

#[test]
fn sandbox_config_uses_loopback_endpoints() {
    let config = valid(with(
        with(
            minimal(),
            "endpoints",
            json!({"signIn": "http://login.localhost:8400/", "graph": "http://graph.localhost:8400"}),
        ),
        "handoffOrigins",
        json!(["http://dashboard.localhost:8400"]),
    ));
    assert_eq!(config.cloud, Cloud::Custom);
    assert_eq!(config.endpoints.sign_in, "http://login.localhost:8400");
    assert_eq!(
        config.authority(),
        "http://login.localhost:8400/organizations"
    );
    assert!(config.allows_handoff_to("http://dashboard.localhost:8400"));
}

#[test]
fn empty_handoff_origins_means_download_only() {
    let config = valid(with(minimal(), "handoffOrigins", json!([])));
    assert!(config.is_download_only());
    assert!(!config.allows_handoff_to("https://dashboard.example.com"));
}

#[test]
fn not_json_reports_line_and_column() {
    let error = parse("{\n  \"clientId\": \"x\",\n  \"tenant\" \"y\"\n}").expect_err("not JSON");
    assert!(
        matches!(
            error,
            ConfigError::NotJson {
                line: 3,
                column: 12,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{}", minimal());
    assert!(parse(&text).is_ok());
}

#[test]
fn the_root_must_be_an_object() {
    let problem = only_problem(json!(["clientId"]));
    assert_eq!(problem.key, "$");
    assert!(problem.problem.contains("not an array"));
}

#[test]
fn unknown_keys_are_named_with_the_likely_intended_key() {
    let problem = only_problem(with(minimal(), "secretLifetime", json!(90)));
    assert_eq!(problem.key, "secretLifetime");
    assert_eq!(
        problem.problem,
        "unknown key; did you mean \"secretLifetimeDays\"?"
    );
    let nested = problems(with(
        minimal(),
        "endpoints",
        json!({"signin": "https://a.example", "graph": "https://b.example"}),
    ));
    // "signin" is unknown, and so "signIn" is missing: both are said, the typo first.
    assert_eq!(nested.len(), 2, "{nested:?}");
    assert_eq!(
        nested[0],
        ConfigProblem::new("endpoints.signin", "unknown key; did you mean \"signIn\"?")
    );
    assert_eq!(nested[1].key, "endpoints.signIn");
}

#[test]
fn repeated_keys_are_reported() {
    let text = minimal().to_string().replacen(
        '{',
        "{\"tenant\": \"organizations\", \"tenant\": \"common\",",
        1,
    );
    let found = match parse(&text) {
        Err(ConfigError::Invalid(problems)) => problems,
        other => panic!("{other:?}"),
    };
    assert_eq!(found[0].key, "tenant");
    assert!(found[0].problem.contains("more than once"));
}

#[test]
fn missing_required_keys_are_all_reported() {
    let found = problems(json!({}));
    let keys: Vec<&str> = found.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "clientId",
            "handoffOrigins",
            "appDisplayName",
            "permissionProfile"
        ]
    );
    assert!(
        found
            .iter()
            .all(|p| p.problem.starts_with("is missing: write")),
        "{found:?}"
    );
}

#[test]
fn wrong_types_are_reported_with_the_type_found() {
    let problem = only_problem(with(minimal(), "clientId", json!(42)));
    assert_eq!(
        problem,
        ConfigProblem::new("clientId", "must be a string, not a number")
    );
    let problem = only_problem(with(
        minimal(),
        "handoffOrigins",
        json!("https://dashboard.example.com"),
    ));
    assert!(
        problem.problem.contains("put the origin in brackets"),
        "{problem:?}"
    );
    let problem = only_problem(with(minimal(), "tenant", Value::Null));
    assert!(problem.problem.contains("leave the key out"), "{problem:?}");
    let problem = only_problem(with(
        minimal(),
        "endpoints",
        json!("https://graph.example.com"),
    ));
    assert_eq!(problem.key, "endpoints");
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let config = json!({
        "clientId": "not-a-guid",
        "cloud": "azure",
        "tenant": "common",
        "handoffOrigins": ["*", "https://ok.example.com", "https://ok.example.com/"],
        "appDisplayName": "",
        "permissionProfile": "everything",
        "secretLifetimeDays": 1000,
        "handoffPublicKey": {"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA", "d": "AA"}
    });
    let keys: Vec<String> = problems(config).into_iter().map(|p| p.key).collect();
    assert_eq!(
        keys,
        [
            "clientId",
            "cloud",
            "tenant",
            "handoffOrigins[0]",
            "handoffOrigins[2]",
            "appDisplayName",
            "permissionProfile",
            "secretLifetimeDays",
            "handoffPublicKey",
            "handoffPublicKey.x",
            "handoffPublicKey.y",
        ]
    );
}

#[test]
fn bad_guid_is_explained() {
    let problem = only_problem(with(
        minimal(),
        "clientId",
        json!("<sandbox onboarding client id>"),
    ));
    assert!(problem.problem.contains("placeholder"));
    let problem = only_problem(with(minimal(), "clientId", json!("1234")));
    assert!(problem.problem.contains("8-4-4-4-12"));
}

#[test]
fn unknown_cloud_lists_the_valid_ones() {
    let problem = only_problem(with(minimal(), "cloud", json!("gcchigh")));
    assert_eq!(problem.key, "cloud");
    for name in CLOUD_NAMES {
        assert!(problem.problem.contains(name), "{}", problem.problem);
    }
    let problem = only_problem(with(minimal(), "cloud", json!("USGovHigh")));
    assert!(
        problem.problem.contains("did you mean \"usGovHigh\""),
        "{}",
        problem.problem
    );
}

#[test]
fn cloud_and_endpoints_together_are_refused() {
    let config = with(
        with(minimal(), "cloud", json!("global")),
        "endpoints",
        json!({"signIn": "https://login.microsoftonline.com", "graph": "https://graph.microsoft.com"}),
    );
    let problem = only_problem(config);
    assert_eq!(problem.key, "endpoints");
    assert!(problem.problem.contains("not both"));
}

#[test]
fn endpoints_must_be_https_outside_loopback_and_bare() {
    let config = with(
        minimal(),
        "endpoints",
        json!({"signIn": "http://login.example.com", "graph": "https://graph.example.com/v1.0?x=1"}),
    );
    let found = problems(config);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].key, "endpoints.signIn");
    assert!(found[0].problem.contains("use https://login.example.com"));
    assert_eq!(found[1].key, "endpoints.graph");
    assert!(found[1].problem.contains("query"));
    let missing = only_problem(with(
        minimal(),
        "endpoints",
        json!({"signIn": "https://login.example.com"}),
    ));
    assert_eq!(missing.key, "endpoints.graph");
}

#[test]
fn tenant_common_and_consumers_are_refused_with_the_reason() {
    for personal in ["common", "consumers"] {
        let problem = only_problem(with(minimal(), "tenant", json!(personal)));
        assert_eq!(problem.key, "tenant");
        assert!(
            problem.problem.contains("cannot register apps"),
            "{}",
            problem.problem
        );
    }
}

#[test]
fn handoff_origins_must_be_exact_and_distinct() {
    let config = with(
        minimal(),
        "handoffOrigins",
        json!([
            "https://a.example.com",
            "null",
            "https://A.example.com:443",
            "dashboard.example.com",
            7
        ]),
    );
    let found = problems(config);
    let keys: Vec<&str> = found.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "handoffOrigins[1]",
            "handoffOrigins[2]",
            "handoffOrigins[3]",
            "handoffOrigins[4]"
        ]
    );
    assert!(
        found[1]
            .problem
            .contains("already listed (handoffOrigins[0]"),
        "{}",
        found[1].problem
    );
    assert!(
        found[2]
            .problem
            .contains("write https://dashboard.example.com")
    );
}

#[test]
fn unknown_profile_lists_the_valid_ones() {
    let problem = only_problem(with(minimal(), "permissionProfile", json!("backup")));
    for profile in catalog::profiles() {
        assert!(problem.problem.contains(profile.id), "{}", problem.problem);
    }
}

#[test]
fn lifetime_out_of_range_is_refused() {
    assert_eq!(
        only_problem(with(minimal(), "secretLifetimeDays", json!(0))).key,
        "secretLifetimeDays"
    );
    assert_eq!(
        only_problem(with(minimal(), "secretLifetimeDays", json!(731))).key,
        "secretLifetimeDays"
    );
    assert_eq!(
        valid(with(minimal(), "secretLifetimeDays", json!(730))).secret_lifetime_days,
        730
    );
}

#[test]
fn display_name_rules_apply() {
    let problem = only_problem(with(minimal(), "appDisplayName", json!("Contoso\tBackup")));
    assert_eq!(problem.key, "appDisplayName");
    let long = "x".repeat(121);
    assert!(
        only_problem(with(minimal(), "appDisplayName", json!(long)))
            .problem
            .contains("120")
    );
}

#[test]
fn bad_public_key_is_refused_with_member_paths() {
    let problem = only_problem(with(
        minimal(),
        "handoffPublicKey",
        json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"}),
    ));
    assert_eq!(problem.key, "handoffPublicKey.n");
    assert!(problem.problem.contains("2048"));
}

#[test]
fn removing_a_required_key_from_a_valid_config_is_caught() {
    for key in [
        "clientId",
        "handoffOrigins",
        "appDisplayName",
        "permissionProfile",
    ] {
        assert_eq!(only_problem(without(minimal(), key)).key, key);
    }
}

/// The full examples in the README must stay valid.
#[test]
fn documented_examples_parse() {
    let docs = include_str!("../../../README.md");
    let examples: Vec<&str> = docs
        .split("```json\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .filter(|block| block.starts_with("{\n  \"clientId\""))
        .collect();
    assert_eq!(
        examples.len(),
        2,
        "expected the global and the sandbox examples"
    );
    let global = parse(examples[0]).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(global.cloud, Cloud::Global);
    let sandbox = parse(examples[1]).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(sandbox.cloud, Cloud::Custom);
    assert_eq!(sandbox.endpoints.graph, "http://graph.localhost:8400");
    assert!(sandbox.allows_handoff_to("http://dashboard.localhost:8400"));
}

#[test]
fn the_tenant_preview_is_off_unless_asked_and_asks_for_its_read_scopes_when_on() {
    let off = parse(&minimal().to_string()).expect("valid");
    assert!(!off.tenant_preview && !off.scope_options().read_tenant);
    let on = parse(&with(minimal(), "tenantPreview", json!(true)).to_string()).expect("valid");
    assert!(on.tenant_preview && on.scope_options().read_tenant);
    let problem = only_problem(with(minimal(), "tenantPreview", json!("yes")));
    assert_eq!(problem.key, "tenantPreview");
}

#[test]
fn an_empty_member_name_is_named_quoted() {
    // Found by tests/fuzz_config.rs: the problem had an empty key, so it said nowhere.
    let problem = only_problem(with(minimal(), "", Value::Null));
    assert_eq!(problem.key, "\"\"");
    assert!(
        problem.problem.starts_with("unknown key"),
        "{}",
        problem.problem
    );
}
