use crate::wizard::Screen;

/// Every screen's tree reads back as written: what the worker sends, the page can show.
pub fn reads_back(screen: &Screen) {
    assert_eq!(Screen::from_json(&screen.to_json()).as_ref(), Some(screen));
}

use serde_json::json;

use super::{ProfileChoice, plan, result, welcome, who};
use crate::config::{Config, parse};
use crate::registration::messages::{
    Ability, CertificateFiles, OutcomeReport, ProgressReport, SummaryReport,
};
use crate::wizard::words::EN;

pub fn config(display_name: &str, extra: serde_json::Value) -> Config {
    let mut value = json!({
        "clientId": "11111111-2222-4333-8444-555555555555",
        "handoffOrigins": ["https://dashboard.example.com"],
        "appDisplayName": display_name,
        "permissionProfile": "full-backup"
    });
    if let (Some(object), Some(more)) = (value.as_object_mut(), extra.as_object()) {
        object.extend(more.clone());
    }
    parse(&value.to_string()).expect("a valid configuration")
}

pub fn summary(ability: Ability) -> SummaryReport {
    SummaryReport {
        tenant_id: "0b7c5c1e-0000-4000-8000-000000000001".into(),
        tenant_name: "Contoso \u{202e}evil".into(),
        primary_domain: Some("contoso.example".into()),
        user_name: Some("<script>alert(1)</script>".into()),
        user_principal_name: Some("admin@contoso.example".into()),
        roles: vec!["Application Administrator".into()],
        ability,
    }
}

#[test]
fn the_welcome_says_who_may_do_it_and_every_permission_with_its_reason() {
    let config = config("Contoso Backup", json!({}));
    let screen = welcome(&config);
    reads_back(&screen);
    let words = screen.words();
    assert!(words.contains("Global Administrator"), "{words}");
    assert!(
        words.contains("Consent on behalf of your organization"),
        "{words}"
    );
    for permission in config.requested_permissions() {
        let item = screen
            .find("welcome-permissions")
            .map(|list| list.words())
            .unwrap_or_default();
        assert!(
            item.contains(&permission.value),
            "{} missing",
            permission.value
        );
        assert!(
            item.contains(&permission.reason),
            "{} reason missing",
            permission.value
        );
    }
    assert!(
        words.contains("https://dashboard.example.com"),
        "the receiver is named"
    );
}

#[test]
fn names_from_the_tenant_are_isolated_text() {
    let screen = who(&EN, &summary(Ability::CanGrantAll));
    reads_back(&screen);
    let tenant = screen.find("tenant-name").expect("the tenant's name");
    assert!(matches!(
        tenant,
        crate::wizard::Node::Element {
            tag: crate::wizard::Tag::Bdi,
            ..
        }
    ));
    assert_eq!(tenant.words(), "Contoso \u{202e}evil");
    assert!(
        screen
            .find("user")
            .map(|u| u.words())
            .unwrap_or_default()
            .contains("<script>")
    );
}

#[test]
fn an_account_that_cannot_finish_gets_two_ways_on() {
    let stuck = who(&EN, &summary(Ability::CanCreateButNotGrant));
    assert!(stuck.find("who-other-account").is_some());
    assert!(stuck.find("who-copy-link").is_some());
    let able = who(&EN, &summary(Ability::CanGrantAll));
    assert!(able.find("who-other-account").is_none());
}

#[test]
fn the_plan_waits_for_a_confirmation_and_explains_each_permission() {
    let config = config("Contoso Backup", json!({}));
    let permissions = config.requested_permissions();
    let screen = plan(
        &EN,
        &summary(Ability::CanGrantAll),
        &["Create the app".into()],
        &permissions,
        &ProfileChoice::default(),
    );
    reads_back(&screen);
    assert!(
        screen.find("plan-profiles").is_none(),
        "nothing else allowed"
    );
    assert_eq!(
        screen
            .find("confirm-registration")
            .and_then(|b| b.attribute("data-action")),
        Some("confirm")
    );
    assert!(
        screen
            .find("plan-permissions")
            .map(|p| p.words())
            .unwrap_or_default()
            .contains(&permissions[0].reason)
    );
}

#[test]
fn the_plan_offers_the_profiles_the_configuration_allows_unless_the_dashboard_chose() {
    let file = config(
        "Contoso Backup",
        json!({"allowedProfiles": ["read-only", "exchange-only"]}),
    );
    let choice = ProfileChoice::of(&file, &file, false);
    let screen = plan(&EN, &summary(Ability::CanGrantAll), &[], &[], &choice);
    reads_back(&screen);
    let offered = screen
        .find("plan-profiles")
        .map(|p| p.words())
        .unwrap_or_default();
    assert!(
        offered.contains("Full Microsoft 365 backup"),
        "the one planned: {offered}"
    );
    assert_eq!(
        screen
            .find("plan-profile-read-only")
            .and_then(|b| b.attribute("data-action")),
        Some("profile:read-only")
    );
    assert!(
        screen.find("plan-profile-full-backup").is_none(),
        "not the one planned"
    );
    // Running another profile, the file's own is offered back.
    let running = file.with_profile("read-only").expect("allowed");
    let back = ProfileChoice::of(&file, &running, false);
    assert!(back.others.iter().any(|p| p.id == "full-backup"));
    assert!(back.others.iter().all(|p| p.id != "read-only"));
    // The dashboard chose: the vendor decided, nothing is offered.
    assert!(ProfileChoice::of(&file, &file, true).others.is_empty());
}

#[test]
fn the_result_marks_the_secret_so_the_page_can_drop_it() {
    let outcome = OutcomeReport {
        tenant_id: "t".into(),
        client_id: "c".into(),
        secret: "s3cret-value".into(),
        secret_expires: "2027-05-30".into(),
        certificate: None,
        granted: vec!["Mail.ReadWrite".into()],
        roles: vec![],
        verified: true,
        discrepancies: vec![],
    };
    let files = CertificateFiles {
        pfx_url: "blob:https://app.example/pfx".into(),
        pfx_password: "PFX-PASS-WORD".into(),
        private_key_pem_url: "blob:https://app.example/key".into(),
        certificate_pem_url: "blob:https://app.example/cert".into(),
    };
    let screen = result(
        &EN,
        &summary(Ability::CanGrantAll),
        &ProgressReport::default(),
        3,
        &outcome,
        Some(&files),
    );
    reads_back(&screen);
    // In an input's value or a link: anywhere in what the page receives.
    let shown = screen.to_json().to_string();
    for secret in [
        "s3cret-value",
        "PFX-PASS-WORD",
        "blob:https://app.example/key",
    ] {
        assert!(shown.contains(secret), "{secret} is shown first");
    }
    let after = screen.without_secrets().to_json().to_string();
    for secret in [
        "s3cret-value",
        "PFX-PASS-WORD",
        "blob:https://app.example/pfx",
        "blob:https://app.example/key",
    ] {
        assert!(
            !after.contains(secret),
            "{secret} is gone after the hand-off"
        );
    }
    assert!(screen.without_secrets().words().contains("Mail.ReadWrite"));
}

#[test]
fn a_failed_sign_in_is_an_alert_with_the_ways_on() {
    let words = crate::wizard::words::EN_PAGE;
    let blocked = super::sign_in_failed(words, "Your browser blocked the window.", true);
    assert_eq!(blocked.attribute("role"), Some("alert"));
    assert!(blocked.words().contains(words.sign_in.popup_hint));
    assert_eq!(
        blocked
            .find("sign-in-retry")
            .and_then(|b| b.attribute("data-action")),
        Some("retry")
    );
    let closed = super::sign_in_failed(words, "Closed.", false);
    assert!(!closed.words().contains(words.sign_in.popup_hint));
    let waiting = super::waiting(words, true, None);
    assert!(
        waiting.find("sign-in-foreign").is_some(),
        "a foreign answer is said"
    );
    assert!(
        super::waiting(words, false, None)
            .find("sign-in-foreign")
            .is_none()
    );
    // A blocked window: the sign-in as a link to a new tab, said as an alert, and the page
    // still waits (start again, cancel).
    let address = "https://login.microsoftonline.com/t/oauth2/v2.0/authorize?state=s";
    let blocked = super::waiting(words, false, Some(address));
    let link = blocked.find("sign-in-new-tab").expect("the new tab's link");
    assert_eq!(link.attribute("href"), Some(address));
    assert_eq!(link.attribute("target"), Some("_blank"));
    assert_eq!(link.attribute("rel"), Some("noopener noreferrer"));
    assert_eq!(
        blocked
            .find("sign-in-blocked")
            .and_then(|n| n.attribute("role")),
        Some("alert")
    );
    assert!(blocked.find("sign-in-waiting").is_none());
    assert!(blocked.find("sign-in-restart").is_some());
    assert!(blocked.find("sign-in-cancel").is_some());
}
