//! Fuzzing the readers of Microsoft Graph's answers, one by one: the reply itself, its error
//! body and headers, pages and next links, `$batch` parts, the preview's counts, and the
//! registration's and maintenance's readers of apps, grants, policies and dates. None may panic;
//! a refusal is an error or a count that says why. (tests/fuzz_engine.rs feeds the same readers
//! through whole runs against the sandbox tenant.)

mod fuzz_inputs;

use fuzz_inputs::{
    GRAPH_MEMBERS, any_json, cases, json_input, mutated_value, random_text, tricky_text,
};
use proptest::prelude::*;
use registrar_core::graph::batch::split_batch_response;
use registrar_core::graph::retry::retry_after_millis;
use registrar_core::graph::{GraphError, GraphReply, Page, classify, next_call};
use registrar_core::http::HttpResponse;
use registrar_core::maintenance::Expiry;
use registrar_core::preview::{Count, Counted, Reading, read_reply};
use registrar_core::registration::certificate::KeyCredential;
use registrar_core::registration::facts::{
    Assignment, DelegatedGrant, ExistingApp, ResourcePrincipal, RoleAssignment, SecretRule,
    certificate_max_lifetime,
};
use serde_json::{Value, json};

const GRAPH: &str = "https://graph.microsoft.com";
const NOW_MILLIS: u64 = 1_795_000_000_000;

fn graph_error() -> Value {
    json!({"error": {"code": "Authorization_RequestDenied", "message": "Insufficient privileges.",
        "innerError": {"date": "2026-11-30T10:00:00", "request-id": "r-1", "client-request-id": "c-1"},
        "details": [{"code": "NoBackingApplicationObject", "message": "x"}]}})
}

fn application() -> Value {
    json!({
        "id": "0f0f0f0f-0000-0000-0000-000000000001", "appId": "1e1e1e1e-0000-0000-0000-000000000002",
        "displayName": "Contoso Backup", "uniqueName": "m365-registrar-x",
        "requiredResourceAccess": [{"resourceAppId": "00000003-0000-0000-c000-000000000000",
            "resourceAccess": [{"id": "df021288-bdef-4463-88db-98f22de89214", "type": "Role"}]}],
        "passwordCredentials": [{"keyId": "k1", "displayName": "run 1",
            "startDateTime": "2026-11-30T10:00:00Z", "endDateTime": "2027-05-29T10:00:00.1234567Z"}],
        "keyCredentials": [{"keyId": "k2", "displayName": "CN=x", "customKeyIdentifier": "AB12",
            "startDateTime": "2026-11-30T10:00:00Z", "endDateTime": "2027-11-30T10:00:00Z",
            "type": "AsymmetricX509Cert", "usage": "Verify", "key": "MIIB"}],
        "tags": ["m365-registrar", "verified:k1"]
    })
}

fn page() -> Value {
    json!({"@odata.count": 2, "value": [application(), {"id": "2", "appRoleId": "a", "resourceId": "r"}],
        "@odata.nextLink": format!("{GRAPH}/v1.0/applications?$skiptoken=abc")})
}

fn batch() -> Value {
    json!({"responses": [
        {"id": "0", "status": 200, "headers": {"Content-Type": "application/json"}, "body": page()},
        {"id": 1, "status": 429, "headers": {"Retry-After": "7"}, "body": graph_error()},
        {"id": "2", "status": 200, "headers": {"Content-Type": "text/plain"}, "body": "NDI="}
    ]})
}

fn policy() -> Value {
    json!({"isEnabled": true, "applicationRestrictions": {
        "passwordCredentials": [
            {"restrictionType": "passwordLifetime", "maxLifetime": "P90DT12H", "state": "enabled"},
            {"restrictionType": "passwordAddition", "state": "disabled"}],
        "keyCredentials": [
            {"restrictionType": "asymmetricKeyLifetime", "maxLifetime": "P1Y2M3W4DT5H6M7.5S"}]}})
}

/// Any answer body: one of Graph's shapes mutated, or text.
fn body() -> BoxedStrategy<String> {
    prop_oneof![
        json_input(graph_error(), &GRAPH_MEMBERS),
        json_input(page(), &GRAPH_MEMBERS),
        json_input(batch(), &GRAPH_MEMBERS),
        json_input(application(), &GRAPH_MEMBERS),
        "[0-9 ]{0,24}",
    ]
    .boxed()
}

/// A `Retry-After` value: seconds, an HTTP date, or anything.
fn retry_after() -> BoxedStrategy<String> {
    prop_oneof![
        "[0-9]{1,30}",
        "-[0-9]{1,5}",
        "(Mon|Sun|Xyz), [0-9]{1,3} (Jan|Nov|Dec|Foo) [0-9]{1,6} [0-9]{1,3}:[0-9]{1,3}:[0-9]{1,3} (GMT|UTC|PST)",
        tricky_text(),
    ]
    .boxed()
}

fn status() -> BoxedStrategy<u16> {
    prop_oneof![
        prop::sample::select(
            &[
                200u16, 201, 204, 400, 401, 403, 404, 409, 429, 500, 503, 504
            ][..]
        ),
        any::<u16>(),
    ]
    .boxed()
}

/// Graph's dates and ISO 8601 durations, well-formed or nearly, with numbers at any size.
fn date() -> BoxedStrategy<String> {
    prop_oneof![
        "[0-9]{1,12}-[0-9]{1,3}-[0-9]{1,3}T[0-9]{1,3}:[0-9]{1,3}:[0-9]{1,3}(\\.[0-9]{0,12})?(Z|[+-][0-9]{2}:[0-9]{2})?",
        "P([0-9]{1,25}[YMWD]){0,4}(T([0-9]{1,25}(\\.[0-9]{1,9})?[HMS]){0,3})?",
        random_text(),
    ]
    .boxed()
}

/// A refusal says what it is and what went wrong.
fn assert_says_why(input: &str, error: &GraphError) {
    assert!(
        !error.to_string().trim().is_empty(),
        "no words for {input:?}"
    );
    if let Some(problem) = &error.problem {
        assert!(!problem.is_empty(), "an empty problem for {input:?}");
    }
}

#[test]
fn the_seeds_are_read() {
    let reply = GraphReply::from_http(&HttpResponse::new(200, page().to_string()));
    let page = Page::<Value>::from_reply(&reply).expect("a page");
    let next = next_call(GRAPH, page.next_link.as_deref().unwrap_or_default()).expect("a call");
    assert_eq!(next.path, "/applications?$skiptoken=abc");
    let parts = split_batch_response(&HttpResponse::new(200, batch().to_string()), 3);
    assert_eq!(
        parts.iter().map(|p| p.status).collect::<Vec<_>>(),
        [200, 429, 200]
    );
    assert_eq!(
        read_reply(Counted::Users, &Ok(parts[2].clone())),
        Reading::Counted(Count::Known(42))
    );
    assert_eq!(
        SecretRule::from_policy(&policy()),
        SecretRule::MaxLifetime {
            seconds: 90 * 86_400 + 12 * 3_600
        }
    );
    assert!(certificate_max_lifetime(&policy()).is_some());
    assert_eq!(
        ExistingApp::from_json(&application())
            .password_credentials
            .len(),
        1
    );
}

proptest! {
    #![proptest_config(cases(384))]

    #[test]
    fn any_answer_is_read_or_refused_in_words(
        status in status(), body in body(), retry in retry_after(), id in tricky_text(),
        parts in 0usize..5, now in prop_oneof![Just(NOW_MILLIS), any::<u64>()],
    ) {
        let response = HttpResponse::new(status, body.clone())
            .with_header("Retry-After", retry.clone())
            .with_header("request-id", id);
        let reply = GraphReply::from_http(&response);
        let error = GraphError::from_reply(&reply);
        assert_says_why(&body, &error);
        let _ = error.reference();
        let _ = classify(&reply, now);
        let _ = retry_after_millis(&retry, now);
        match Page::<Value>::from_reply(&reply) {
            Ok(page) => {
                if let Some(link) = page.next_link {
                    match next_call(GRAPH, &link) {
                        Ok(call) => assert!(
                            link.to_ascii_lowercase().starts_with(&format!("{GRAPH}/v1.0/"))
                                && call.path.starts_with('/'),
                            "followed {link:?}"
                        ),
                        Err(error) => assert_says_why(&link, &error),
                    }
                }
            }
            Err(error) => assert_says_why(&body, &error),
        }
        let split = split_batch_response(&response, parts);
        assert_eq!(split.len(), parts, "{body:?}");
        for part in &split {
            assert_says_why(&body, &GraphError::from_reply(part));
        }
        for counted in Counted::ALL {
            if let Reading::Counted(Count::Unknown(why)) = read_reply(counted, &Ok(reply.clone())) {
                assert!(!why.to_string().is_empty(), "{body:?}");
            }
        }
    }

    #[test]
    fn a_next_link_is_followed_only_on_graph(link in prop_oneof![
        tricky_text().prop_map(|tail| format!("{GRAPH}/v1.0/{tail}")),
        tricky_text().prop_map(|head| format!("{head}{GRAPH}/v1.0/x")),
        random_text(),
    ]) {
        match next_call(GRAPH, &link) {
            Ok(call) => {
                let lower = link.to_ascii_lowercase();
                assert!(lower.starts_with(&format!("{GRAPH}/v1.0/")), "followed {link:?}");
                assert!(!link.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\'), "{link:?}");
                assert!(call.path.starts_with('/'));
            }
            Err(error) => assert_says_why(&link, &error),
        }
    }

    #[test]
    fn tenant_objects_and_policies_are_read_without_panic(
        app in mutated_value(application(), &GRAPH_MEMBERS),
        policy in mutated_value(policy(), &GRAPH_MEMBERS),
        other in any_json(),
        when in date(),
        now in prop_oneof![Just(NOW_MILLIS), any::<u64>()],
    ) {
        for value in [&app, &policy, &other] {
            let existing = ExistingApp::from_json(value);
            for credential in &existing.password_credentials {
                let _ = Expiry::at(&credential.end_date_time, now);
            }
            for key in &existing.key_credentials {
                let _ = (key.thumbprint_sha1(), key.resend(), Expiry::at(&key.end_date_time, now));
            }
            let _ = KeyCredential::from_json(value);
            let _ = ResourcePrincipal::from_json(value);
            let _ = Assignment::from_json(value);
            let _ = DelegatedGrant::from_json(value);
            let _ = RoleAssignment::from_json(value);
            let _ = SecretRule::from_policy(value);
            let _ = certificate_max_lifetime(value);
        }
        let _ = Expiry::at(&when, now);
        let with_duration = json!({"applicationRestrictions": {
            "passwordCredentials": [{"restrictionType": "passwordLifetime", "maxLifetime": when}],
            "keyCredentials": [{"restrictionType": "asymmetricKeyLifetime", "maxLifetime": when}]}});
        let _ = SecretRule::from_policy(&with_duration);
        let _ = certificate_max_lifetime(&with_duration);
    }
}
