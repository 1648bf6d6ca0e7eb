//! The certificate the page makes, used as a backup server would: the `.pfx` the admin
//! downloads is opened by an implementation that is not ours (the `openssl` command line) with
//! the password shown once, and its key signs a client assertion that the sandbox tenant's
//! client-credentials check accepts (https://learn.microsoft.com/entra/identity-platform/certificate-credentials).

use std::path::Path;
use std::process::Command;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use registrar_core::credential::x5t;
use sandbox_tenant::sites::{AppConfig, Site};
use sandbox_tenant::tenant::seed;
use serde_json::json;

use crate::browser::Session;
use crate::flows::*;

/// Runs `openssl` with `args`; fails the test with its error output if it refuses.
fn openssl(args: &[&str]) -> Vec<u8> {
    let output = Command::new("openssl")
        .args(args)
        .output()
        .expect("the openssl command line (scripts/test installs it)");
    assert!(
        output.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The bytes behind the page's download link (a `blob:` URL, readable only by the page).
async fn downloaded(session: &Session, css: &str) -> Vec<u8> {
    let url = blob_link(session, css).await;
    let script = "const [url, done] = arguments; fetch(url).then(r => r.arrayBuffer()).then(b => { \
                  let s = ''; for (const x of new Uint8Array(b)) s += String.fromCharCode(x); done(btoa(s)); });";
    let base64 = session
        .client
        .execute_async(script, vec![json!(url)])
        .await
        .expect("the page reads its own file");
    STANDARD
        .decode(base64.as_str().unwrap_or_default())
        .expect("base64 from the page")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("a temporary file");
    path.display().to_string()
}

#[tokio::test]
async fn the_downloaded_certificate_opens_with_openssl_and_signs_in_as_the_app() {
    let session = Session::open(AppConfig::Sandbox, Site::App, "/").await;
    sign_in_in_popup(&session, seed::GLOBAL_ADMIN, &["#accept"]).await;
    session.click("#confirm-registration").await;
    let verified = session.text_of("#result #result-verified").await;
    assert!(verified.contains("matches the plan"), "{verified}");
    let client_id = session.text_of("#result-client-id").await;
    let thumbprint = session.text_of("#result-certificate-thumbprint").await;
    let password = session
        .element("#result-pfx-password")
        .await
        .prop("value")
        .await
        .expect("the password field")
        .unwrap_or_default();
    let pfx = downloaded(&session, "#result-pfx").await;

    // A backup server's side: open the file with the password, take the key and certificate.
    let dir = std::env::temp_dir().join(format!("registrar-pfx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let pfx_path = write(&dir, "app.pfx", &pfx);
    let pass = format!("pass:{password}");
    let key_pem = openssl(&[
        "pkcs12", "-in", &pfx_path, "-passin", &pass, "-nodes", "-nocerts",
    ]);
    let key_path = write(&dir, "key.pem", &key_pem);
    let cert_pem = openssl(&[
        "pkcs12", "-in", &pfx_path, "-passin", &pass, "-nokeys", "-clcerts",
    ]);
    let cert_path = write(&dir, "cert.pem", &cert_pem);
    let der = openssl(&["x509", "-in", &cert_path, "-outform", "DER"]);
    let sha1 = String::from_utf8_lossy(&openssl(&[
        "x509",
        "-in",
        &cert_path,
        "-noout",
        "-fingerprint",
        "-sha1",
    ]))
    .into_owned();
    assert!(
        sha1.replace(':', "")
            .to_uppercase()
            .contains(&thumbprint.to_uppercase()),
        "the page showed the file's thumbprint: {thumbprint} vs {sha1}"
    );
    // The PEM download is the same key, for servers that do not read `.pfx` files.
    let pem = downloaded(&session, "#result-key-pem").await;
    let pem_path = write(&dir, "download-key.pem", &pem);
    assert_eq!(
        openssl(&["pkey", "-in", &pem_path, "-pubout"]),
        openssl(&["pkey", "-in", &key_path, "-pubout"]),
        "the PEM key is the .pfx's key"
    );
    let wrong = Command::new("openssl")
        .args([
            "pkcs12",
            "-in",
            &pfx_path,
            "-passin",
            "pass:not-the-password",
            "-nodes",
        ])
        .output()
        .expect("openssl");
    assert!(!wrong.status.success(), "a wrong password opens nothing");

    // Sign in as the app with a client assertion signed by that key.
    let tenant = &session.sites.tenant;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let header = json!({ "alg": "RS256", "typ": "JWT", "x5t": x5t(&der) });
    let claims = json!({
        "aud": tenant.token_endpoint(), "iss": client_id, "sub": client_id,
        "jti": format!("e2e-{now}"), "nbf": now - 60, "exp": now + 600,
    });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let input_path = write(&dir, "input.txt", signing_input.as_bytes());
    let signature = openssl(&["dgst", "-sha256", "-sign", &key_path, &input_path]);
    let assertion = format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature));
    let roles = tenant
        .client_assertion_token(
            &client_id,
            &assertion,
            "https://graph.microsoft.com/.default",
        )
        .unwrap_or_else(|code| panic!("the assertion was refused: AADSTS{code}"));
    assert!(roles.iter().any(|r| r == "Mail.ReadWrite"), "{roles:?}");
    let _ = std::fs::remove_dir_all(&dir);
    session.assert_no_console_errors().await;
    session.finish().await;
}
