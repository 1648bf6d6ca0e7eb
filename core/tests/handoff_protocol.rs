//! The dashboard protocol of docs/handoff.md: what is read, what is ignored and why, what a
//! start may change against config.json, and the exact JSON the app posts.

use registrar_core::config::{self, Config};
use registrar_core::handoff::HandoffReport;
use registrar_core::handoff::protocol::{
    self, Ignored, Inbound, MAX_MESSAGE_CHARS, Mode, Outbound, StartRequest, accept_start, read,
};
use serde_json::{Value, json};

const EC_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
const EC_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

fn ec_key(kid: &str) -> Value {
    json!({"kty": "EC", "crv": "P-256", "x": EC_X, "y": EC_Y, "kid": kid})
}

fn other_ec_key() -> Value {
    json!({"kty": "EC", "crv": "P-256", "x": EC_Y, "y": EC_X})
}

fn message(members: Value) -> String {
    let mut message = json!({"type": protocol::START, "version": 1});
    if let (Some(message), Value::Object(members)) = (message.as_object_mut(), members) {
        message.extend(members);
    }
    message.to_string()
}

fn start(members: Value) -> Result<StartRequest, Ignored> {
    match read(&message(members))? {
        Inbound::Start(start) => Ok(start),
        other => panic!("expected a start, got {other:?}"),
    }
}

#[test]
fn the_names_are_the_documented_ones() {
    assert_eq!(
        protocol::OUTBOUND_TYPES,
        [
            "m365-registrar.ready",
            "m365-registrar.status",
            "m365-registrar.progress",
            "m365-registrar.result",
            "m365-registrar.error",
            "m365-registrar.height"
        ]
    );
    assert_eq!(
        protocol::INBOUND_TYPES,
        [
            "m365-registrar.start",
            "m365-registrar.ack",
            "m365-registrar.cancel"
        ]
    );
    assert_eq!(protocol::VERSION, 1);
    assert_eq!(MAX_MESSAGE_CHARS, 16_384);
    assert_eq!(
        [
            protocol::ERROR_BAD_START,
            protocol::ERROR_TOO_LATE,
            protocol::ERROR_SIGN_IN_FAILED,
            protocol::ERROR_STOPPED,
            protocol::ERROR_CANCELLED
        ],
        [
            "bad-start",
            "too-late",
            "sign-in-failed",
            "stopped",
            "cancelled"
        ]
    );
    assert_eq!(
        [
            protocol::STATUS_SIGNED_IN,
            protocol::STATUS_CANNOT_FINISH,
            protocol::STATUS_PLAN,
            protocol::STATUS_REGISTERING
        ],
        ["signed-in", "cannot-finish", "plan", "registering"]
    );
}

#[test]
fn a_full_start_is_read_member_by_member() {
    let request = start(json!({
        "onboardingId": "onb-7Hq2.a_b~c",
        "tenantHint": "Contoso.onmicrosoft.com",
        "loginHint": "ada@contoso.com",
        "profile": "read-only",
        "publicKey": ec_key("backup-2026"),
    }))
    .expect("valid");
    assert_eq!(request.onboarding_id.as_deref(), Some("onb-7Hq2.a_b~c"));
    assert_eq!(
        request.tenant_hint.as_deref(),
        Some("contoso.onmicrosoft.com")
    );
    assert_eq!(request.login_hint.as_deref(), Some("ada@contoso.com"));
    assert_eq!(request.profile.as_deref(), Some("read-only"));
    assert_eq!(request.public_key, Some(ec_key("backup-2026")));
    assert_eq!(start(json!({})), Ok(StartRequest::default()));
}

#[test]
fn ack_and_cancel_are_read() {
    let ack = json!({"type": "m365-registrar.ack", "version": 1, "resultId": "r-Ab_9"});
    assert_eq!(
        read(&ack.to_string()),
        Ok(Inbound::Ack {
            result_id: "r-Ab_9".into()
        })
    );
    let cancel = json!({"type": "m365-registrar.cancel", "version": 1});
    assert_eq!(read(&cancel.to_string()), Ok(Inbound::Cancel));
}

#[test]
fn oversized_messages_are_ignored_before_they_are_parsed() {
    let padding = "a".repeat(MAX_MESSAGE_CHARS);
    let text = message(json!({ "onboardingId": padding }));
    assert_eq!(read(&text), Err(Ignored::TooLarge));
    // Characters, not bytes: 16 384 two-byte letters in all fit.
    let inside = json!({"type": "m365-registrar.cancel", "version": 1}).to_string();
    let wide = format!("{}{}", inside, " ".repeat(MAX_MESSAGE_CHARS - inside.len()));
    assert_eq!(read(&wide), Ok(Inbound::Cancel));
    assert_eq!(read(&format!("{wide} ")), Err(Ignored::TooLarge));
    let accented = format!(
        r#"{{"type":"m365-registrar.start","version":1,"x":"{}"}}"#,
        "é".repeat(10_000)
    );
    assert_eq!(
        read(&accented),
        Err(Ignored::BadShape),
        "20 000 bytes, 10 050 characters"
    );
}

#[test]
fn anything_but_an_object_is_ignored() {
    for text in [
        "",
        "null",
        "\"m365-registrar.start\"",
        "[1]",
        "42",
        "{",
        "undefined",
    ] {
        assert_eq!(read(text), Err(Ignored::NotAnObject), "{text}");
    }
}

#[test]
fn look_alike_and_foreign_types_are_unknown() {
    for kind in [
        json!("m365-registrar.START"),
        json!("m365-registrar.start "),
        json!("m365-registrar.ready"),
        json!("m365-registrar.result"),
        json!("start"),
        json!(null),
        json!(["m365-registrar.start"]),
    ] {
        let text = json!({"type": kind, "version": 1}).to_string();
        assert_eq!(read(&text), Err(Ignored::UnknownType), "{text}");
    }
    assert_eq!(read(r#"{"version":1}"#), Err(Ignored::UnknownType));
}

#[test]
fn the_version_must_be_exactly_one() {
    for version in [
        json!(2),
        json!(0),
        json!("1"),
        json!(1.5),
        json!(null),
        json!(-1),
    ] {
        let text = json!({"type": "m365-registrar.cancel", "version": version}).to_string();
        assert_eq!(read(&text), Err(Ignored::WrongVersion), "{text}");
    }
    assert_eq!(
        read(r#"{"type":"m365-registrar.cancel","version":1.0}"#),
        Err(Ignored::WrongVersion),
        "a float is not the integer 1"
    );
    assert_eq!(
        read(r#"{"type":"m365-registrar.cancel"}"#),
        Err(Ignored::WrongVersion)
    );
}

#[test]
fn unknown_members_and_wrong_types_are_a_bad_shape() {
    let bad = [
        json!({"onboardingid": "x"}),
        json!({"extra": true}),
        json!({"onboardingId": null}),
        json!({"onboardingId": 7}),
        json!({"onboardingId": ""}),
        json!({"onboardingId": "a".repeat(129)}),
        json!({"onboardingId": "has space"}),
        json!({"onboardingId": "slash/"}),
        json!({"onboardingId": "é"}),
        json!({"tenantHint": "organizations"}),
        json!({"tenantHint": "common"}),
        json!({"tenantHint": "https://contoso.com"}),
        json!({"tenantHint": "contoso"}),
        json!({"tenantHint": 1}),
        json!({"loginHint": "ada"}),
        json!({"loginHint": "ada @contoso.com"}),
        json!({"loginHint": "ada@contoso.com\n"}),
        json!({"loginHint": format!("{}@contoso.com", "a".repeat(250))}),
        json!({"profile": ""}),
        json!({"profile": "a".repeat(65)}),
        json!({"profile": ["read-only"]}),
        json!({"publicKey": "eyJrdHkiOiJFQyJ9"}),
        json!({"publicKey": [ec_key("k")]}),
        json!({"publicKey": null}),
    ];
    for members in bad {
        assert_eq!(start(members.clone()), Err(Ignored::BadShape), "{members}");
    }
    assert!(start(json!({"onboardingId": "a".repeat(128)})).is_ok());
    let acks = [
        json!({"type": "m365-registrar.ack", "version": 1}),
        json!({"type": "m365-registrar.ack", "version": 1, "resultId": ""}),
        json!({"type": "m365-registrar.ack", "version": 1, "resultId": "r.1"}),
        json!({"type": "m365-registrar.ack", "version": 1, "resultId": "r".repeat(65)}),
        json!({"type": "m365-registrar.ack", "version": 1, "resultId": 1}),
        json!({"type": "m365-registrar.ack", "version": 1, "resultId": "r", "ok": true}),
        json!({"type": "m365-registrar.cancel", "version": 1, "reason": "user"}),
    ];
    for message in acks {
        assert_eq!(
            read(&message.to_string()),
            Err(Ignored::BadShape),
            "{message}"
        );
    }
}

#[test]
fn reasons_are_plain_words_without_content() {
    let words: Vec<String> = [
        Ignored::TooLarge,
        Ignored::NotAnObject,
        Ignored::UnknownType,
        Ignored::WrongVersion,
        Ignored::BadShape,
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        words,
        [
            "too large",
            "not an object",
            "unknown type",
            "wrong version",
            "unexpected members or values"
        ]
    );
}

fn config(extra: Value) -> Config {
    let mut file = json!({
        "clientId": "11111111-2222-4333-8444-555555555555",
        "handoffOrigins": ["https://dashboard.example.com"],
        "appDisplayName": "Contoso Backup",
        "permissionProfile": "full-backup",
    });
    if let (Some(file), Value::Object(extra)) = (file.as_object_mut(), extra) {
        file.extend(extra);
    }
    config::parse(&file.to_string()).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn a_start_is_accepted_within_what_the_configuration_allows() {
    let config = config(json!({"allowedProfiles": ["read-only"]}));
    let request = start(json!({
        "onboardingId": "onb-1",
        "tenantHint": "contoso.onmicrosoft.com",
        "loginHint": "ada@contoso.com",
        "profile": "read-only",
        "publicKey": ec_key("k1"),
    }))
    .expect("valid");
    let accepted = accept_start(&request, &config).expect("accepted");
    assert_eq!(accepted.onboarding_id.as_deref(), Some("onb-1"));
    assert_eq!(accepted.tenant.as_deref(), Some("contoso.onmicrosoft.com"));
    assert_eq!(accepted.login_hint.as_deref(), Some("ada@contoso.com"));
    assert_eq!(accepted.profile.as_deref(), Some("read-only"));
    assert_eq!(
        accepted.public_key.as_ref().and_then(|k| k.kid()),
        Some("k1")
    );
    // The configured profile is always allowed.
    let own = start(json!({"profile": "full-backup"})).expect("valid");
    assert!(accept_start(&own, &config).is_ok());
    let empty = accept_start(&StartRequest::default(), &config).expect("accepted");
    assert_eq!(empty.tenant, None);
    assert_eq!(empty.public_key, None);
}

#[test]
fn a_profile_the_configuration_does_not_list_is_refused_naming_the_member() {
    let config = config(json!({"allowedProfiles": ["read-only"]}));
    for profile in ["exchange-only", "custom", "no-such-profile"] {
        let request = start(json!({ "profile": profile })).expect("valid");
        let error = accept_start(&request, &config).expect_err(profile);
        assert!(error.starts_with("profile: "), "{error}");
        assert!(error.contains("allowedProfiles"), "{error}");
        assert!(error.contains("\"full-backup\", \"read-only\""), "{error}");
    }
}

#[test]
fn a_tenant_hint_cannot_move_a_deployment_pinned_to_a_tenant() {
    let pinned = config(json!({"tenant": "contoso.onmicrosoft.com"}));
    let same = start(json!({"tenantHint": "CONTOSO.onmicrosoft.com"})).expect("valid");
    assert_eq!(
        accept_start(&same, &pinned).map(|a| a.tenant),
        Ok(Some("contoso.onmicrosoft.com".into()))
    );
    let other = start(json!({"tenantHint": "fabrikam.onmicrosoft.com"})).expect("valid");
    let error = accept_start(&other, &pinned).expect_err("another tenant");
    assert!(error.starts_with("tenantHint: "), "{error}");
    assert!(error.contains("contoso.onmicrosoft.com"), "{error}");
}

#[test]
fn the_configured_key_wins_over_the_start_messages() {
    let configured = config(json!({"handoffPublicKey": ec_key("config-kid")}));
    let same = start(json!({"publicKey": ec_key("another-kid")})).expect("valid");
    let accepted = accept_start(&same, &configured).expect("same key");
    assert_eq!(
        accepted.public_key.as_ref().and_then(|k| k.kid()),
        Some("config-kid"),
        "the configuration's own key"
    );
    let swapped = start(json!({"publicKey": other_ec_key()})).expect("valid");
    let error = accept_start(&swapped, &configured).expect_err("another key");
    assert!(error.starts_with("publicKey: "), "{error}");
    assert!(error.contains("handoffPublicKey"), "{error}");
    let none = accept_start(&StartRequest::default(), &configured).expect("no key sent");
    assert_eq!(none.public_key, configured.handoff_public_key);
}

#[test]
fn a_public_key_is_checked_like_handoff_public_key() {
    let config = config(json!({}));
    let private =
        start(json!({"publicKey": {"kty": "EC", "crv": "P-256", "x": EC_X, "y": EC_Y, "d": EC_X}}))
            .expect("well-formed");
    let error = accept_start(&private, &config).expect_err("private key material");
    assert!(error.starts_with("publicKey: "), "{error}");
    assert!(error.contains("private key material"), "{error}");
    let short = start(json!({"publicKey": {"kty": "EC", "crv": "P-256", "x": "AAAA", "y": EC_Y}}))
        .expect("well-formed");
    let error = accept_start(&short, &config).expect_err("short x");
    assert!(error.starts_with("publicKey.x: "), "{error}");
    let oct = start(json!({"publicKey": {"kty": "oct", "k": "AAAA"}})).expect("well-formed");
    assert!(accept_start(&oct, &config).is_err());
}

fn parsed(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

#[test]
fn outbound_messages_have_the_documented_shapes() {
    assert_eq!(
        parsed(&Outbound::Ready { mode: Mode::Iframe }.to_json()),
        json!({"type": "m365-registrar.ready", "version": 1, "mode": "iframe"})
    );
    assert_eq!(
        parsed(&Outbound::Ready { mode: Mode::Window }.to_json())["mode"],
        "window"
    );
    assert_eq!(
        parsed(
            &Outbound::Status {
                state: protocol::STATUS_SIGNED_IN,
                message: "Signed in as ada@contoso.com",
                tenant_id: Some("6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e"),
            }
            .to_json()
        ),
        json!({"type": "m365-registrar.status", "version": 1, "state": "signed-in",
               "message": "Signed in as ada@contoso.com",
               "tenantId": "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e"})
    );
    assert_eq!(
        parsed(
            &Outbound::Status {
                state: protocol::STATUS_PLAN,
                message: "",
                tenant_id: None
            }
            .to_json()
        ),
        json!({"type": "m365-registrar.status", "version": 1, "state": "plan", "message": ""})
    );
    assert_eq!(
        parsed(
            &Outbound::Progress {
                step: "Grants",
                done: 4,
                total: 6
            }
            .to_json()
        ),
        json!({"type": "m365-registrar.progress", "version": 1, "step": "Grants", "done": 4, "total": 6})
    );
    assert_eq!(
        parsed(
            &Outbound::Error {
                code: protocol::ERROR_BAD_START,
                message: "profile: \"x\" \n"
            }
            .to_json()
        ),
        json!({"type": "m365-registrar.error", "version": 1, "code": "bad-start", "message": "profile: \"x\" \n"})
    );
    assert_eq!(
        parsed(&Outbound::Height { height: 812 }.to_json()),
        json!({"type": "m365-registrar.height", "version": 1, "height": 812})
    );
}

fn report(sealed: bool, file_text: &str, onboarding_id: Option<&str>) -> HandoffReport {
    HandoffReport {
        file_text: file_text.into(),
        file_name: "m365-registrar-t.json".into(),
        sealed,
        key_thumbprint: None,
        kid: None,
        onboarding_id: onboarding_id.map(str::to_owned),
    }
}

#[test]
fn a_result_carries_the_bundle_object_or_its_jwe() {
    let plain = report(
        false,
        "{\n  \"format\": \"m365-registrar.bundle\",\n  \"version\": 1\n}",
        None,
    );
    assert_eq!(
        parsed(
            &Outbound::Result {
                result_id: "r-1",
                handoff: &plain
            }
            .to_json()
        ),
        json!({"type": "m365-registrar.result", "version": 1, "resultId": "r-1",
               "onboardingId": null, "sealed": false,
               "bundle": {"format": "m365-registrar.bundle", "version": 1}})
    );
    let sealed = report(true, "eyJhbGciOi.a.b.c.d", Some("onb-7Hq2"));
    assert_eq!(
        parsed(
            &Outbound::Result {
                result_id: "r-2",
                handoff: &sealed
            }
            .to_json()
        ),
        json!({"type": "m365-registrar.result", "version": 1, "resultId": "r-2",
               "onboardingId": "onb-7Hq2", "sealed": true, "jwe": "eyJhbGciOi.a.b.c.d"})
    );
}

#[test]
fn the_worker_checks_the_request_again_and_the_configured_key_wins() {
    use registrar_core::handoff::HandoffRequest;
    let listed = config(json!({"allowedProfiles": ["read-only"]}));
    let request = HandoffRequest {
        onboarding_id: Some("onb-1".into()),
        profile: Some("read-only".into()),
        public_key: Some(ec_key("dashboard")),
    };
    let plan = request.plan(&listed).expect("allowed");
    assert_eq!(
        plan.config.permission_profile.map(|p| p.id),
        Some("read-only")
    );
    assert_eq!(plan.onboarding_id.as_deref(), Some("onb-1"));
    assert_eq!(plan.key.as_ref().and_then(|k| k.kid()), Some("dashboard"));
    let configured = config(json!({"handoffPublicKey": other_ec_key()}));
    let plan = HandoffRequest {
        public_key: Some(ec_key("dashboard")),
        ..HandoffRequest::default()
    }
    .plan(&configured)
    .expect("the configuration's key");
    assert_eq!(plan.key, configured.handoff_public_key);
    let error = HandoffRequest {
        profile: Some("exchange-only".into()),
        ..HandoffRequest::default()
    }
    .plan(&listed)
    .expect_err("not listed");
    assert!(error.starts_with("profile: "), "{error}");
    let error = HandoffRequest {
        public_key: Some(json!({"kty": "oct", "k": "AAAA"})),
        ..HandoffRequest::default()
    }
    .plan(&listed)
    .expect_err("not a public key");
    assert!(error.starts_with("publicKey"), "{error}");
    let nothing = HandoffRequest::default().plan(&listed).expect("no start");
    assert_eq!(nothing.config, listed);
    assert_eq!(nothing.key, None);
}

#[test]
fn a_start_may_brand_the_page_within_the_same_rules_as_config_json() {
    let config = config(json!({}));
    let origin = config.handoff_origins[0].as_str().to_owned();
    let request = start(json!({
        "accentColor": "#5B2C83",
        "language": "de",
        "logoUrl": format!("{origin}/brand/logo.svg"),
    }))
    .expect("valid");
    let accepted = accept_start(&request, &config).expect("accepted");
    assert_eq!(accepted.accent_color.as_deref(), Some("#5b2c83"));
    assert_eq!(accepted.language, Some("de"));
    assert_eq!(accepted.logo_url, Some(format!("{origin}/brand/logo.svg")));

    let refused = [
        (json!({"accentColor": "#ffff00"}), "accentColor: "),
        (json!({"language": "fr"}), "language: "),
        (
            json!({"logoUrl": "https://tracker.example.net/pixel.png"}),
            "logoUrl: ",
        ),
        (
            json!({"logoUrl": format!("{origin}.evil.example/logo.svg")}),
            "logoUrl: ",
        ),
        (json!({"logoUrl": "logo.svg"}), "logoUrl: "),
    ];
    for (members, member) in refused {
        let request = start(members.clone()).expect("well formed");
        let error = accept_start(&request, &config).expect_err("refused");
        assert!(error.starts_with(member), "{members}: {error}");
    }
}
