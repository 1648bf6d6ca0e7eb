//! Fuzzing `config.json`'s parser: whatever the file holds, `config::parse` answers without
//! panicking, and a refusal names the key and says what is wrong.

mod fuzz_inputs;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use fuzz_inputs::{JWK_MEMBERS, cases, json_input, tricky_text};
use proptest::prelude::*;
use registrar_core::config::{self, ConfigError, Origin};
use serde_json::{Value, json};

/// Every top-level key, the members below them and a key's, so that added members are often
/// read.
fn keys() -> Vec<&'static str> {
    let members = [
        "clientId",
        "cloud",
        "endpoints",
        "signIn",
        "graph",
        "tenant",
        "handoffOrigins",
        "appDisplayName",
        "permissionProfile",
        "customPermissions",
        "resource",
        "permission",
        "type",
        "reason",
        "allowedProfiles",
        "exchangeManagement",
        "certificate",
        "secretLifetimeDays",
        "handoffPublicKey",
        "d",
        "tenantPreview",
        "accentColor",
        "logoUrl",
        "language",
    ];
    [&members[..], &JWK_MEMBERS[..]].concat()
}

/// A configuration that uses every key (README, "Configuration").
fn every_key() -> Value {
    json!({
        "clientId": "00000000-0000-0000-0000-000000000001",
        "endpoints": {"signIn": "http://login.localhost:8400/", "graph": "http://graph.localhost:8400"},
        "tenant": "contoso.onmicrosoft.com",
        "handoffOrigins": ["https://dashboard.example.com", "https://EU.Dashboard.example.com:443"],
        "appDisplayName": "Contoso Backup",
        "permissionProfile": "custom",
        "customPermissions": [
            {"resource": "microsoftGraph", "permission": "AuditLog.Read.All", "type": "application",
             "reason": "reads sign-ins to report them"},
            {"resource": "sharePointOnline", "permission": "Sites.FullControl.All",
             "type": "application", "reason": "backs up every site"}
        ],
        "allowedProfiles": ["read-only"],
        "exchangeManagement": true,
        "certificate": false,
        "secretLifetimeDays": 365,
        "handoffPublicKey": {"kty": "EC", "crv": "P-256",
            "x": "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE",
            "y": "AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI"},
        "tenantPreview": true,
        "accentColor": "#0f6cbd",
        "logoUrl": "https://dashboard.example.com/logo.svg",
        "language": "de"
    })
}

/// The same with an RSA key (2048 bits), a cloud and a listed profile, for the other branches.
fn rsa_and_profile() -> Value {
    let mut config = every_key();
    config["permissionProfile"] = json!("full-backup");
    config["cloud"] = json!("usGovDoD");
    config["tenant"] = json!("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    config
        .as_object_mut()
        .map(|members| members.remove("endpoints"));
    config["customPermissions"] = json!([]);
    config["handoffPublicKey"] = json!({"kty": "RSA", "alg": "RSA-OAEP-256", "e": "AQAB",
        "n": URL_SAFE_NO_PAD.encode([0xc5; 256])});
    config
}

/// A refusal says where (line and column, or a key) and what is wrong.
fn assert_specific(text: &str, error: &ConfigError) {
    match error {
        ConfigError::NotJson {
            line,
            column,
            detail,
        } => {
            assert!(*line >= 1 && *column >= 1, "no position for {text:?}");
            assert!(!detail.trim().is_empty(), "no detail for {text:?}");
        }
        ConfigError::Invalid(problems) => {
            assert!(!problems.is_empty(), "refused without a problem: {text:?}");
            for problem in problems {
                assert!(!problem.key.is_empty(), "a problem without a key: {text:?}");
                assert!(
                    !problem.problem.trim().is_empty(),
                    "{} without words: {text:?}",
                    problem.key
                );
            }
        }
    }
    assert!(!error.to_string().is_empty());
}

/// An origin as a vendor might write one in `handoffOrigins`: a scheme, a host (a name, an
/// address, a look-alike, anything) and maybe a port, a path or user info.
fn origin_text() -> BoxedStrategy<String> {
    let scheme =
        prop::sample::select(&["https", "http", "HTTPS", "javascript", "file", "", "https:"][..]);
    let host = prop_oneof![
        "[a-z0-9.-]{0,24}",
        "[A-Za-z0-9.-]{1,12}\\.localhost",
        prop::sample::select(
            &[
                "localhost",
                "127.0.0.1",
                "127.1",
                "[::1]",
                "[::1",
                "0x7f.1",
                "256.0.0.1",
                "xn--bcher-kva.example",
                "bücher.example",
                "dashboard.example.com.",
                "*",
                "null"
            ][..]
        )
        .prop_map(str::to_owned),
        tricky_text(),
    ];
    let port = prop_oneof![
        Just(String::new()),
        "[0-9]{0,7}".prop_map(|port| format!(":{port}"))
    ];
    let tail = prop::sample::select(&["", "/", "/path", "?q", "#f", "@evil.example", "\\x"][..]);
    (scheme, host, port, tail)
        .prop_map(|(scheme, host, port, tail)| format!("{scheme}://{host}{port}{tail}"))
        .boxed()
}

#[test]
fn the_seeds_are_valid_configurations() {
    for seed in [every_key(), rsa_and_profile()] {
        let parsed = config::parse(&seed.to_string());
        assert!(parsed.is_ok(), "{parsed:?}");
    }
}

proptest! {
    #![proptest_config(cases(384))]

    #[test]
    fn any_configuration_is_read_or_refused_in_words(
        text in prop_oneof![json_input(every_key(), &keys()), json_input(rsa_and_profile(), &keys())]
    ) {
        if let Err(error) = config::parse(&text) {
            assert_specific(&text, &error);
        }
    }

    #[test]
    fn whitespace_around_changes_nothing_but_positions(
        text in json_input(every_key(), &keys()), padding in "[ \t\r\n]{0,8}"
    ) {
        let wrapped = format!("{padding}{text}{padding}");
        match (config::parse(&text), config::parse(&wrapped)) {
            (Ok(_), Ok(_)) => {}
            (Err(error), Err(_)) => assert_specific(&text, &error),
            (plain, wrapped) => panic!("{text:?}: {plain:?} but wrapped {wrapped:?}"),
        }
    }

    #[test]
    fn an_origin_is_exact_or_refused_in_words(text in prop_oneof![origin_text(), tricky_text()]) {
        match Origin::parse(&text) {
            Ok(origin) => {
                let serialized = origin.as_str();
                let secure = serialized.starts_with("https://");
                assert!(secure || (serialized.starts_with("http://") && origin.is_loopback()), "{text:?} gave {serialized}");
                let authority = serialized.split_once("://").map_or("", |(_, rest)| rest);
                assert!(!authority.is_empty() && !authority.contains(['/', '?', '#', '@', '*', '\\']), "{text:?} gave {serialized}");
                assert!(serialized.is_ascii() && serialized == serialized.to_ascii_lowercase(), "{text:?} gave {serialized}");
                // The browser's form is a fixed point: reading it again changes nothing.
                let again = Origin::parse(serialized).map(|again| again.as_str().to_owned());
                prop_assert_eq!(again.as_deref(), Ok(serialized), "{:?}", text);
            }
            Err(why) => assert!(!why.trim().is_empty(), "refused {text:?} without words"),
        }
    }
}
