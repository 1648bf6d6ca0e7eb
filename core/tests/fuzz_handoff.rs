//! Fuzzing what the dashboard posts to the page (docs/handoff.md, "Messages"): the page hands the
//! JSON text of every message to `protocol::read`, a start that passes it to `accept_start`, and
//! the origins and ids to `Delivery`. None may panic; a refused start says which member and why.

mod fuzz_inputs;

use fuzz_inputs::{JWK_MEMBERS, cases, json_input, random_text, tricky_text};
use proptest::prelude::*;
use registrar_core::config::{self, Config};
use registrar_core::handoff::delivery::{Delivery, DeliveryState};
use registrar_core::handoff::protocol::{
    self, Ignored, Inbound, MAX_MESSAGE_CHARS, StartRequest, accept_start, read,
};
use serde_json::{Value, json};

/// The members of a start message (docs/handoff.md), as the error of `accept_start` names them.
const START_MEMBERS: [&str; 8] = [
    "onboardingId",
    "tenantHint",
    "loginHint",
    "profile",
    "publicKey",
    "accentColor",
    "logoUrl",
    "language",
];

/// Every member an inbound message has, and a public key's, so that added members are often read.
fn keys() -> Vec<&'static str> {
    [
        &["type", "version", "resultId"][..],
        &START_MEMBERS[..],
        &JWK_MEMBERS[..],
    ]
    .concat()
}

const DASHBOARD: &str = "https://dashboard.example.com";
const EC_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
const EC_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

/// A logo a start may bring must be served from the dashboard's own origin, exactly: the
/// origin as a browser computes it (the `url` crate, WHATWG URL), not a text prefix.
fn assert_on_the_dashboard(logo: &str, text: &str) {
    let origin = url::Url::parse(logo).map(|u| u.origin().ascii_serialization());
    assert_eq!(
        origin.as_deref(),
        Ok(DASHBOARD),
        "a logo from elsewhere: {text:?}"
    );
}

/// Addresses one character or one part away from the dashboard's: each is another origin.
fn near_misses() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        format!("{DASHBOARD}.evil.example/logo.svg"),
        format!("{DASHBOARD}:444/logo.svg"),
        format!("{DASHBOARD}@evil.example/logo.svg"),
        format!("{DASHBOARD}\\evil.example/logo.svg"),
        "https://DASHBOARD.example.com/logo.svg".to_owned(),
        format!("{DASHBOARD}:443/logo.svg"),
        "http://dashboard.example.com/logo.svg".to_owned(),
        "https://dashboard.example.co/logo.svg".to_owned(),
        "https://evil.example/https://dashboard.example.com/logo.svg".to_owned(),
        "https://dashboard.example.com./logo.svg".to_owned(),
        "//dashboard.example.com/logo.svg".to_owned(),
        "https://127.1/logo.svg".to_owned(),
        format!("{DASHBOARD}/logo.svg"),
    ])
}

/// A start with every member, valid against [`configuration`].
fn full_start() -> Value {
    json!({
        "type": protocol::START, "version": 1,
        "onboardingId": "onb_2026-11.30~a",
        "tenantHint": "contoso.onmicrosoft.com",
        "loginHint": "admin@contoso.onmicrosoft.com",
        "profile": "read-only",
        "publicKey": {"kty": "EC", "crv": "P-256", "x": EC_X, "y": EC_Y, "kid": "dash-1"},
        "accentColor": "#0f6cbd",
        "logoUrl": format!("{DASHBOARD}/logo.svg"),
        "language": "de"
    })
}

fn ack() -> Value {
    json!({"type": protocol::ACK, "version": 1, "resultId": "r-2026_11"})
}

fn cancel() -> Value {
    json!({"type": protocol::CANCEL, "version": 1})
}

/// Any message: one of the three mutated, or text without structure.
fn message() -> BoxedStrategy<String> {
    prop_oneof![
        3 => json_input(full_start(), &keys()),
        1 => json_input(ack(), &keys()),
        1 => json_input(cancel(), &keys()),
    ]
    .boxed()
}

/// Deployments a start is checked against: any tenant or a pinned one, with or without a key of
/// their own, with or without other profiles allowed.
fn configuration(variant: u8) -> Config {
    let mut text = json!({
        "clientId": "00000000-0000-0000-0000-000000000001",
        "handoffOrigins": [DASHBOARD],
        "appDisplayName": "Contoso Backup",
        "permissionProfile": "full-backup",
    });
    if variant & 1 == 1 {
        text["tenant"] = json!("contoso.onmicrosoft.com");
    }
    if variant & 2 == 2 {
        text["handoffPublicKey"] = json!({"kty": "EC", "crv": "P-256", "x": EC_X, "y": EC_Y});
    }
    if variant & 4 == 4 {
        text["allowedProfiles"] = json!(["read-only", "exchange-only"]);
    }
    match config::parse(&text.to_string()) {
        Ok(config) => config,
        Err(error) => panic!("the test's configuration {variant}: {error}"),
    }
}

/// What `read` lets through has the documented form.
fn assert_documented_form(text: &str, inbound: &Inbound) {
    match inbound {
        Inbound::Ack { result_id } => assert!(
            (1..=64).contains(&result_id.len())
                && result_id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'),
            "an ack with resultId {result_id:?} from {text:?}"
        ),
        Inbound::Start(start) => assert_start_form(text, start),
        Inbound::Cancel => {}
    }
}

fn assert_start_form(text: &str, start: &StartRequest) {
    if let Some(hint) = &start.tenant_hint {
        assert_eq!(*hint, hint.to_lowercase(), "from {text:?}");
    }
    if let Some(hint) = &start.login_hint {
        assert!(
            hint.contains('@') && hint.chars().count() <= 256,
            "{text:?}"
        );
    }
    if let Some(key) = &start.public_key {
        assert!(key.is_object(), "{text:?}");
    }
}

#[test]
fn the_seeds_are_valid_messages() {
    for variant in 0..8 {
        let Ok(Inbound::Start(start)) = read(&full_start().to_string()) else {
            panic!("the start is not read");
        };
        let accepted = accept_start(&start, &configuration(variant));
        // Its profile is "read-only": only deployments that allow it accept the start.
        assert_eq!(
            accepted.is_ok(),
            variant & 4 == 4,
            "{variant}: {accepted:?}"
        );
    }
    assert!(matches!(read(&ack().to_string()), Ok(Inbound::Ack { .. })));
    assert_eq!(read(&cancel().to_string()), Ok(Inbound::Cancel));
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn any_message_is_read_or_ignored_for_a_reason(text in message()) {
        match read(&text) {
            Ok(inbound) => assert_documented_form(&text, &inbound),
            Err(ignored) => assert!(!ignored.to_string().is_empty()),
        }
    }

    #[test]
    fn a_logo_one_step_from_the_dashboard_is_refused(logo in near_misses(), variant in 0u8..8) {
        let mut start = full_start();
        start["logoUrl"] = Value::String(logo);
        let text = start.to_string();
        let Ok(Inbound::Start(start)) = read(&text) else {
            return Ok(());
        };
        if let Ok(accepted) = accept_start(&start, &configuration(variant))
            && let Some(url) = &accepted.logo_url
        {
            assert_on_the_dashboard(url, &text);
        }
    }

    #[test]
    fn a_start_is_accepted_or_refused_naming_the_member(
        text in json_input(full_start(), &keys()), variant in 0u8..8
    ) {
        let Ok(Inbound::Start(start)) = read(&text) else {
            return Ok(());
        };
        match accept_start(&start, &configuration(variant)) {
            Ok(accepted) => {
                if let Some(url) = &accepted.logo_url {
                    assert_on_the_dashboard(url, &text);
                }
            }
            Err(why) => assert!(
                START_MEMBERS.iter().any(|member| why.starts_with(&format!("{member}:"))
                    || why.starts_with(&format!("{member}."))),
                "a refusal that names no member: {why:?} for {text:?}"
            ),
        }
    }

    #[test]
    fn the_limit_counts_characters_not_bytes(text in tricky_text(), extra in 1usize..64) {
        let too_large = read(&text) == Err(Ignored::TooLarge);
        prop_assert_eq!(too_large, text.chars().count() > MAX_MESSAGE_CHARS, "{} chars", text.chars().count());
        // A valid ack with whitespace past the limit: its content does not matter.
        let ack = format!("{{\"type\":\"{}\",\"version\":1,\"resultId\":\"r\"}}", protocol::ACK);
        let padded = format!("{ack}{}", " ".repeat(MAX_MESSAGE_CHARS + extra - ack.len()));
        prop_assert_eq!(read(&padded), Err(Ignored::TooLarge));
    }

    #[test]
    fn the_delivery_hears_only_its_dashboard(
        events in prop::collection::vec(
            (0u8..5, prop_oneof![Just(DASHBOARD.to_owned()), Just("https://other.example".to_owned()), random_text()],
             prop_oneof![Just("r-1".to_owned()), random_text()]),
            0..24)
    ) {
        let mut delivery = Delivery::new();
        for (event, origin, id) in events {
            let pinned = delivery.dashboard().map(str::to_owned);
            match event {
                0 => { delivery.on_start(&origin); }
                1 => delivery.registration_began(),
                2 => { delivery.result_ready(&id); }
                3 => { delivery.send(); }
                _ => {
                    let before = delivery.state();
                    if delivery.on_ack(&origin, &id) {
                        assert_eq!(pinned.as_deref(), Some(origin.as_str()), "an ack from another origin");
                        assert!(matches!(delivery.state(), DeliveryState::Acknowledged), "{before:?}");
                    }
                }
            }
            if let Some(pinned) = pinned {
                assert_eq!(delivery.dashboard(), Some(pinned.as_str()), "the dashboard changed");
            }
        }
    }
}
