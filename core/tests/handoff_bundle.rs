//! The bundle of docs/handoff.md made from a finished run: every member, the certificate's key
//! material only for a certificate this run made, and no secret in `Debug`.

use registrar_core::catalog::PermissionKind;
use registrar_core::config::{self, Config};
use registrar_core::credential::pkcs12::CryptoFailure;
use registrar_core::handoff::{
    Bundle, CertificateMaterial, EcdhAgreement, HandoffReport, SealCrypto, hand_off,
};
use registrar_core::registration::{
    CertificateOutcome, Granted, NewSecret, Outcome, SecretValue, Verification,
};
use serde_json::{Value, json};

const TENANT: &str = "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e";
const CLIENT: &str = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
/// 2026-11-30T17:02:11Z.
const CREATED: u64 = 1_796_058_131;

fn config(location: Value) -> Config {
    let mut file = json!({
        "clientId": "11111111-2222-4333-8444-555555555555",
        "handoffOrigins": [],
        "appDisplayName": "Contoso Backup",
        "permissionProfile": "full-backup",
    });
    if let (Some(file), Value::Object(location)) = (file.as_object_mut(), location) {
        file.extend(location);
    }
    config::parse(&file.to_string()).unwrap_or_else(|error| panic!("{error}"))
}

fn outcome(added: bool) -> Outcome {
    Outcome {
        tenant_id: TENANT.into(),
        client_id: CLIENT.into(),
        app_object_id: "o".into(),
        principal_id: "p".into(),
        secret: Some(NewSecret {
            key_id: "5e1f0000-0000-4000-8000-000000000001".into(),
            display_name: "M365Registrar secret".into(),
            value: SecretValue::new("Q~hunter2".into()),
            expires: "2027-05-29T17:02:10Z".into(),
        }),
        certificate: Some(CertificateOutcome {
            key_id: "ce570000-0000-4000-8000-000000000002".into(),
            display_name: "M365Registrar certificate".into(),
            thumbprint_sha1: "3F00".into(),
            thumbprint_sha256: if added { "9A00".into() } else { String::new() },
            expires: "2027-11-30T17:01:11Z".into(),
            added,
            reasons: vec![],
        }),
        granted: vec![
            Granted {
                resource: "Microsoft Graph".into(),
                permission: "Mail.ReadWrite".into(),
                kind: PermissionKind::Application,
                reason: "r".into(),
            },
            Granted {
                resource: "Office 365 SharePoint Online".into(),
                permission: "AllSites.Read".into(),
                kind: PermissionKind::Delegated,
                reason: "r".into(),
            },
        ],
        roles: vec!["Exchange Administrator".into()],
        verification: Verification::default(),
        round_trips: 5,
    }
}

fn material() -> CertificateMaterial {
    CertificateMaterial {
        certificate_pem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".into(),
        private_key_pem: "-----BEGIN PRIVATE KEY-----\nS3CRETKEY\n-----END PRIVATE KEY-----\n"
            .into(),
        pfx: vec![0x30, 0x82, 0x01, 0xff],
        pfx_password: "pfx-pa55word".into(),
    }
}

fn as_json(bundle: &Bundle) -> Value {
    serde_json::from_str(&bundle.settings_file_text()).expect("JSON")
}

#[test]
fn a_finished_run_with_a_new_certificate_gives_the_documented_bundle() {
    let bundle = Bundle::new(
        &outcome(true),
        &config(json!({})),
        Some(&material()),
        Some("onb-7Hq2"),
        CREATED,
    );
    assert_eq!(
        as_json(&bundle),
        json!({
            "format": "m365-registrar.bundle",
            "version": 1,
            "onboardingId": "onb-7Hq2",
            "createdAt": "2026-11-30T17:02:11Z",
            "cloud": "global",
            "tenantId": TENANT,
            "clientId": CLIENT,
            "authority": format!("https://login.microsoftonline.com/{TENANT}"),
            "graph": "https://graph.microsoft.com",
            "clientSecret": {
                "value": "Q~hunter2",
                "keyId": "5e1f0000-0000-4000-8000-000000000001",
                "expires": "2027-05-29T17:02:10Z"
            },
            "certificate": {
                "keyId": "ce570000-0000-4000-8000-000000000002",
                "thumbprintSha1": "3F00",
                "thumbprintSha256": "9A00",
                "expires": "2027-11-30T17:01:11Z",
                "certificatePem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                "privateKeyPem": "-----BEGIN PRIVATE KEY-----\nS3CRETKEY\n-----END PRIVATE KEY-----\n",
                "pfx": "MIIB/w==",
                "pfxPassword": "pfx-pa55word"
            },
            "permissions": [
                { "resource": "Microsoft Graph", "permission": "Mail.ReadWrite", "type": "application" },
                { "resource": "Office 365 SharePoint Online", "permission": "AllSites.Read", "type": "delegated" }
            ],
            "directoryRoles": ["Exchange Administrator"]
        })
    );
    assert!(
        bundle.settings_file_text().starts_with("{\n  \"format\""),
        "pretty-printed"
    );
    assert_eq!(
        bundle.file_name(false),
        format!("m365-registrar-{TENANT}.json")
    );
    assert_eq!(
        bundle.file_name(true),
        format!("m365-registrar-{TENANT}.jwe")
    );
    let back: Bundle = serde_json::from_str(&bundle.settings_file_text()).expect("reads back");
    assert_eq!(back, bundle);
}

#[test]
fn a_kept_certificate_has_no_key_material_even_if_some_is_at_hand() {
    let bundle = Bundle::new(
        &outcome(false),
        &config(json!({})),
        Some(&material()),
        None,
        CREATED,
    );
    let json = as_json(&bundle);
    assert_eq!(
        json["certificate"],
        json!({
            "keyId": "ce570000-0000-4000-8000-000000000002",
            "thumbprintSha1": "3F00",
            "thumbprintSha256": null,
            "expires": "2027-11-30T17:01:11Z"
        })
    );
    assert_eq!(json["onboardingId"], Value::Null);
}

#[test]
fn no_secret_and_no_certificate_are_null() {
    let mut outcome = outcome(true);
    outcome.secret = None;
    outcome.certificate = None;
    let json = as_json(&Bundle::new(
        &outcome,
        &config(json!({})),
        None,
        None,
        CREATED,
    ));
    assert_eq!(json["clientSecret"], Value::Null);
    assert_eq!(json["certificate"], Value::Null);
}

#[test]
fn the_cloud_and_endpoints_come_from_the_configuration() {
    let gov = as_json(&Bundle::new(
        &outcome(true),
        &config(json!({"cloud": "usGovHigh"})),
        None,
        None,
        CREATED,
    ));
    assert_eq!(gov["cloud"], "usGovHigh");
    assert_eq!(
        gov["authority"],
        format!("https://login.microsoftonline.us/{TENANT}")
    );
    assert_eq!(gov["graph"], "https://graph.microsoft.us");
    let sandbox = as_json(&Bundle::new(
        &outcome(true),
        &config(
            json!({"endpoints": {"signIn": "http://login.localhost:8400", "graph": "http://graph.localhost:8400"}}),
        ),
        None,
        None,
        CREATED,
    ));
    assert_eq!(sandbox["cloud"], "custom");
    assert_eq!(
        sandbox["authority"],
        format!("http://login.localhost:8400/{TENANT}")
    );
}

#[test]
fn debug_never_shows_the_secret_the_key_or_the_passwords() {
    let bundle = Bundle::new(
        &outcome(true),
        &config(json!({})),
        Some(&material()),
        None,
        CREATED,
    );
    let shown = format!("{bundle:?} {:?}", material());
    for secret in ["hunter2", "S3CRETKEY", "pa55word", "MIIB"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains(CLIENT), "{shown}");
}

/// A browser without WebCrypto: a plain hand-off must not need it.
struct NoCrypto;

impl SealCrypto for NoCrypto {
    fn fill_random(&self, _: &mut [u8]) -> Result<(), CryptoFailure> {
        Err(CryptoFailure("no randomness".into()))
    }
    async fn ecdh_p256_ephemeral(&self, _: &str, _: &str) -> Result<EcdhAgreement, CryptoFailure> {
        Err(CryptoFailure("no ECDH".into()))
    }
    async fn aes256_key_wrap(&self, _: &[u8; 32], _: &[u8; 32]) -> Result<Vec<u8>, CryptoFailure> {
        Err(CryptoFailure("no AES-KW".into()))
    }
    async fn rsa_oaep_256_encrypt(
        &self,
        _: &str,
        _: &str,
        _: &[u8; 32],
    ) -> Result<Vec<u8>, CryptoFailure> {
        Err(CryptoFailure("no RSA".into()))
    }
    async fn aes256_gcm_encrypt(
        &self,
        _: &[u8; 32],
        _: &[u8; 12],
        _: &[u8],
        _: &[u8],
    ) -> Result<Vec<u8>, CryptoFailure> {
        Err(CryptoFailure("no AES-GCM".into()))
    }
}

#[tokio::test]
async fn without_a_key_the_hand_off_is_the_plain_settings_file() {
    let bundle = Bundle::new(
        &outcome(true),
        &config(json!({})),
        None,
        Some("onb-1"),
        CREATED,
    );
    let report = hand_off(&bundle, None, &NoCrypto).await.expect("plain");
    assert_eq!(
        report,
        HandoffReport {
            file_text: bundle.settings_file_text(),
            file_name: format!("m365-registrar-{TENANT}.json"),
            sealed: false,
            key_thumbprint: None,
            kid: None,
            onboarding_id: Some("onb-1".into()),
        }
    );
    let shown = format!("{report:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    let travelled: HandoffReport =
        serde_json::from_str(&serde_json::to_string(&report).expect("json")).expect("back");
    assert_eq!(travelled, report);
}
