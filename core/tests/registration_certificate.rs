//! The certificate credential (issue 8) against the in-process sandbox tenant: the plan says
//! when and why, the caller makes it (here RustCrypto stands in for WebCrypto), it goes into
//! the app's `keyCredentials` with the app's upsert, and the backup server signs in with it.

mod common;

use common::*;
use registrar_core::config::CertificateReason;
use registrar_core::graph::RetryPolicy;
use registrar_core::registration::certificate::CertificateWhy;
use registrar_core::registration::messages::Report;
use registrar_core::registration::{
    AppAction, CertificateUpload, Engine, Halt, RegistrationRequest, Step, StepState, Stop, drive,
};
use sandbox_tenant::tenant::seed;

const GRAPH_SCOPE: &str = "https://graph.microsoft.com/.default";

/// Seconds between a certificate's start and end as the tenant holds them.
fn lifetime_seconds(start: &str, end: &str) -> u64 {
    let seconds = |iso: &str| {
        let date = chrono_free(iso);
        date.unwrap_or_else(|| panic!("a date: {iso}"))
    };
    seconds(end) - seconds(start)
}

/// `2026-11-18T00:00:00Z` as Unix seconds (the sandbox writes whole seconds in UTC).
fn chrono_free(iso: &str) -> Option<u64> {
    let n = |r: std::ops::Range<usize>| iso.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    let (hh, mm, ss) = (n(11..13)?, n(14..16)?, n(17..19)?);
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + hh * 3600 + mm * 60 + ss).ok()
}

#[tokio::test]
async fn full_backup_registers_with_a_secret_and_a_certificate_in_five_round_trips() {
    let sandbox = Sandbox::new("");
    let (engine, halt) = register(&sandbox, seed::GLOBAL_ADMIN, "full-backup", 1).await;
    // assert_registered also signs a client assertion with the new key and gets a token.
    let outcome = assert_registered(&sandbox, "full-backup", &halt);
    assert!(
        outcome.round_trips <= 5,
        "{} round trips",
        outcome.round_trips
    );
    assert!(outcome.secret.is_some(), "a secret too");

    let plan = engine.plan().expect("a plan");
    let planned = plan
        .certificate
        .as_ref()
        .expect("a certificate in the plan");
    assert_eq!(planned.lifetime_days, 180, "the configuration's lifetime");
    assert!(!planned.shortened_to_policy_max);
    assert!(
        planned.reasons.contains(&CertificateWhy::Configured(
            CertificateReason::SharePointAppOnly
        )),
        "{:?}",
        planned.reasons
    );
    assert!(
        plan.describe()
            .iter()
            .any(|l| l.starts_with("Add a certificate valid 180 days")),
        "{:?}",
        plan.describe()
    );

    let certificate = outcome.certificate.as_ref().expect("a certificate");
    assert!(certificate.added);
    let on_app = sandbox.tenant.certificates_of(&outcome.client_id);
    assert_eq!(on_app.len(), 1, "{on_app:?}");
    assert_eq!(on_app[0].key_id, certificate.key_id);
    assert_eq!(on_app[0].thumbprint_sha1, certificate.thumbprint_sha1);
    assert_eq!(on_app[0].usage, "Verify");
    assert_eq!(
        on_app[0].display_name.as_deref(),
        Some(planned.display_name.as_str())
    );
    assert_eq!(
        registrar_core::credential::thumbprint_sha256(&on_app[0].der),
        certificate.thumbprint_sha256
    );
    let seconds = lifetime_seconds(&on_app[0].start, &on_app[0].end);
    assert_eq!(seconds, 180 * 86_400, "the dates come from the certificate");

    // The certificate went with the app's upsert: no other write to the app's credentials.
    let requests = sandbox.graph_requests();
    assert!(
        !requests.iter().any(|r| r.contains("/addKey")),
        "{requests:?}"
    );

    // The key signs in; another key with the same x5t does not.
    let der = &on_app[0].der;
    let good = client_assertion(&sandbox, &outcome.client_id, der);
    assert!(
        sandbox
            .tenant
            .client_assertion_token(&outcome.client_id, &good, GRAPH_SCOPE)
            .is_ok()
    );
    let (input, _) = good.rsplit_once('.').expect("a JWT");
    let forged = format!("{input}.AAAA");
    assert_eq!(
        sandbox
            .tenant
            .client_assertion_token(&outcome.client_id, &forged, GRAPH_SCOPE),
        Err(700027)
    );

    // The page's report carries the thumbprint and keyId, never a private key.
    let Report::Finished(report) = Report::from_halt(halt.clone(), Some(plan)) else {
        panic!("a finished report");
    };
    let shown = report.certificate.expect("the certificate in the report");
    assert_eq!(shown.thumbprint_sha1, certificate.thumbprint_sha1);
    assert_eq!(shown.key_id, certificate.key_id);
    assert!(shown.added);
    for (step, state) in &engine.progress().steps {
        assert!(
            matches!(state, StepState::Done | StepState::Skipped),
            "{step:?} is {state:?}"
        );
    }
}

#[tokio::test]
async fn a_tenant_that_forbids_secrets_gets_a_certificate_only() {
    let sandbox = Sandbox::new("secrets=forbidden");
    // exchange-only needs no certificate of its own: the policy is the reason.
    let (engine, halt) = register(&sandbox, seed::GLOBAL_ADMIN, "exchange-only", 1).await;
    let outcome = assert_registered(&sandbox, "exchange-only", &halt);
    assert!(outcome.round_trips <= 5, "{}", outcome.round_trips);
    assert_eq!(outcome.secret, None);
    assert!(outcome.certificate.as_ref().is_some_and(|c| c.added));

    let plan = engine.plan().expect("a plan");
    assert!(plan.secret.forbidden);
    let planned = plan.certificate.as_ref().expect("a certificate");
    assert_eq!(planned.reasons, [CertificateWhy::SecretsForbidden]);
    let lines = plan.describe();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("No client secret") && l.contains("certificate only")),
        "{lines:?}"
    );
    assert_eq!(
        *engine.progress().state(Step::Secret),
        StepState::Skipped,
        "no secret step"
    );
    let app = &sandbox.tenant.apps_by_display_name(DISPLAY_NAME)[0];
    assert!(app.secret_key_ids.is_empty(), "{:?}", app.secret_key_ids);
    assert!(
        !sandbox
            .graph_requests()
            .iter()
            .any(|r| r.contains("addPassword")),
        "no secret was even tried"
    );
    // The certificate is recorded as handed out, like a secret.
    let tags = app_tags(&sandbox);
    let certificate = outcome.certificate.as_ref().expect("a certificate");
    assert!(
        tags.iter()
            .any(|t| t.ends_with(&certificate.key_id.to_ascii_lowercase())),
        "{tags:?}"
    );
    let Report::Finished(report) = Report::from_halt(halt.clone(), Some(plan)) else {
        panic!("a finished report");
    };
    assert_eq!(report.secret, "");
    assert!(report.certificate.is_some());
}

#[tokio::test]
async fn a_second_run_keeps_the_certificate_and_a_new_one_is_added_only_when_asked() {
    let sandbox = Sandbox::new("");
    let (_, first) = register(&sandbox, seed::GLOBAL_ADMIN, "full-backup", 1).await;
    let first = assert_registered(&sandbox, "full-backup", &first);
    let first_certificate = first.certificate.clone().expect("a certificate");

    // Again: the recorded certificate is kept, none is made.
    let (engine, second) = register(&sandbox, seed::GLOBAL_ADMIN, "full-backup", 2).await;
    let second = assert_registered(&sandbox, "full-backup", &second);
    let plan = engine.plan().expect("a plan");
    assert!(matches!(plan.app, AppAction::Update(_)));
    assert_eq!(plan.certificate, None, "no new certificate");
    assert_eq!(plan.certificates.len(), 1);
    assert!(
        plan.describe()
            .iter()
            .any(|l| l.contains(&first_certificate.thumbprint_sha1)),
        "{:?}",
        plan.describe()
    );
    let kept = second.certificate.clone().expect("the kept certificate");
    assert!(!kept.added);
    assert_eq!(kept.key_id, first_certificate.key_id);
    assert_eq!(kept.thumbprint_sha256, first_certificate.thumbprint_sha256);
    let on_app = sandbox.tenant.certificates_of(&first.client_id);
    assert_eq!(on_app.len(), 1, "none added: {on_app:?}");

    // Asked for a new one (rotation): added beside the first, which is re-sent with its key.
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let request = RegistrationRequest::new(&config("full-backup"), &admin.summary, [3; 8])
        .with_new_certificate();
    let mut engine = Engine::new(request, GRAPH, RetryPolicy::default(), 4);
    let halt = run(&sandbox, &admin, &mut engine).await;
    let third = assert_registered(&sandbox, "full-backup", &halt);
    let plan = engine.plan().expect("a plan");
    let planned = plan.certificate.as_ref().expect("a new certificate");
    assert!(planned.reasons.contains(&CertificateWhy::Asked));
    let new = third.certificate.clone().expect("the new certificate");
    assert!(new.added);
    assert_ne!(new.key_id, first_certificate.key_id);
    let on_app = sandbox.tenant.certificates_of(&first.client_id);
    let ids: Vec<&str> = on_app.iter().map(|c| c.key_id.as_str()).collect();
    assert_eq!(
        ids,
        [first_certificate.key_id.as_str(), new.key_id.as_str()]
    );
    // The first still signs in: a backup server may be using it.
    let assertion = client_assertion(&sandbox, &first.client_id, &on_app[0].der);
    assert!(
        sandbox
            .tenant
            .client_assertion_token(&first.client_id, &assertion, GRAPH_SCOPE)
            .is_ok()
    );
}

#[tokio::test]
async fn the_tenants_certificate_lifetime_shortens_the_certificate() {
    let sandbox = Sandbox::new("certificates=max:30d");
    let (engine, halt) = register(&sandbox, seed::GLOBAL_ADMIN, "full-backup", 1).await;
    let outcome = assert_registered(&sandbox, "full-backup", &halt);
    let plan = engine.plan().expect("a plan");
    let planned = plan.certificate.as_ref().expect("a certificate");
    assert_eq!(planned.lifetime_days, 30);
    assert_eq!(planned.requested_days, 180);
    assert!(planned.shortened_to_policy_max);
    assert_eq!(plan.secret.lifetime_days, 180, "secrets are not limited");
    assert!(
        plan.describe()
            .iter()
            .any(|l| l.contains("certificate valid 30 days (your tenant's policy")),
        "{:?}",
        plan.describe()
    );
    let on_app = sandbox.tenant.certificates_of(&outcome.client_id);
    let seconds = lifetime_seconds(&on_app[0].start, &on_app[0].end);
    assert_eq!(seconds, 30 * 86_400);
}

#[tokio::test]
async fn replication_delay_is_waited_for_with_a_certificate() {
    let sandbox = Sandbox::new("replication=5s");
    let (engine, halt) = register(&sandbox, seed::GLOBAL_ADMIN, "full-backup", 1).await;
    let outcome = assert_registered(&sandbox, "full-backup", &halt);
    assert!(outcome.certificate.as_ref().is_some_and(|c| c.added));
    assert!(engine.progress().waited_millis > 0, "it waited");
    assert_eq!(
        sandbox.tenant.certificates_of(&outcome.client_id).len(),
        1,
        "sent once"
    );
}

#[tokio::test]
async fn a_plan_with_a_certificate_is_never_written_without_the_one_it_says() {
    // Confirmed without a certificate, with one valid longer than planned, or with something
    // that is not a certificate: a clear stop, nothing written.
    for case in ["none", "too long", "not DER"] {
        let sandbox = Sandbox::new("");
        let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
        let mut engine = engine(&config("full-backup"), &admin, 1);
        let target = sandbox.target(&admin.authorization);
        let halt = drive(&mut engine, &sandbox, &sandbox.timer(), target, |_| {}).await;
        assert_eq!(halt, Halt::AwaitingConfirmation);
        let mut planned = engine
            .plan()
            .and_then(|p| p.certificate.clone())
            .expect("a certificate in the plan");
        match case {
            "none" => engine.confirm(),
            "too long" => {
                planned.lifetime_days += 1;
                let upload = make_certificate(&planned, sandbox.now_seconds());
                engine.confirm_with_certificate(upload);
            }
            _ => engine.confirm_with_certificate(CertificateUpload {
                der: b"-----BEGIN CERTIFICATE-----".to_vec(),
                display_name: String::new(),
            }),
        }
        let halt = drive(&mut engine, &sandbox, &sandbox.timer(), target, |_| {}).await;
        let stopped = stopped(halt);
        assert!(
            matches!(stopped.stop, Stop::Certificate { .. }),
            "{case}: {:?}",
            stopped.stop
        );
        assert_eq!(stopped.round_trips, 1, "{case}: discovery only");
        assert!(
            sandbox.tenant.apps_by_display_name(DISPLAY_NAME).is_empty(),
            "{case}"
        );
        let words = stopped.to_string();
        assert!(words.contains("Nothing was written"), "{case}: {words}");
    }

    // A certificate for a plan that adds none is refused too.
    let sandbox = Sandbox::new("");
    let admin = sign_in(&sandbox, seed::GLOBAL_ADMIN).await;
    let mut engine = engine(&config("exchange-only"), &admin, 1);
    let target = sandbox.target(&admin.authorization);
    drive(&mut engine, &sandbox, &sandbox.timer(), target, |_| {}).await;
    assert_eq!(engine.plan().and_then(|p| p.certificate.clone()), None);
    engine.confirm_with_certificate(CertificateUpload {
        der: vec![0x30, 0x00],
        display_name: String::new(),
    });
    let halt = drive(&mut engine, &sandbox, &sandbox.timer(), target, |_| {}).await;
    assert!(matches!(stopped(halt).stop, Stop::Certificate { .. }));
    assert!(sandbox.tenant.apps_by_display_name(DISPLAY_NAME).is_empty());
}
