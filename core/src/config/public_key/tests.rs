use super::*;
use crate::config::problems::ConfigProblem;

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn ec_key() -> Value {
    json!({"kty": "EC", "crv": "P-256", "x": b64(&[1; 32]), "y": b64(&[2; 32])})
}

/// A 2048-bit odd modulus: not a real key, but the shape is what the parser checks.
fn rsa_key() -> Value {
    json!({"kty": "RSA", "n": b64(&[0xc5; 256]), "e": "AQAB"})
}

fn check(value: Value) -> (Option<PublicJwk>, Vec<ConfigProblem>) {
    let mut problems = Problems::default();
    let parsed = parse_public_key(&value, "handoffPublicKey", &mut problems);
    (parsed, problems.into_vec())
}

fn problem_keys(value: Value) -> Vec<String> {
    check(value).1.into_iter().map(|p| p.key).collect()
}

fn with(mut base: Value, member: &str, value: Value) -> Value {
    if let Some(object) = base.as_object_mut() {
        object.insert(member.into(), value);
    }
    base
}

#[test]
fn accepts_an_ec_p256_key_for_ecdh_es() {
    let key = with(
        with(ec_key(), "alg", json!("ECDH-ES+A256KW")),
        "kid",
        json!("dash-2026"),
    );
    let (parsed, problems) = check(key);
    assert_eq!(problems, vec![]);
    let jwk = parsed.expect("valid EC key");
    assert_eq!(jwk.algorithm(), "ECDH-ES+A256KW");
    assert_eq!(jwk.kid(), Some("dash-2026"));
    assert_eq!(jwk.to_jwk()["crv"], "P-256");
    assert_eq!(jwk.to_jwk()["kid"], "dash-2026");
}

#[test]
fn accepts_an_rsa_key_for_rsa_oaep_256() {
    let (parsed, problems) = check(with(rsa_key(), "use", json!("enc")));
    assert_eq!(problems, vec![]);
    let jwk = parsed.expect("valid RSA key");
    assert_eq!(jwk.algorithm(), "RSA-OAEP-256");
    assert_eq!(
        jwk.to_jwk(),
        json!({"kty": "RSA", "n": b64(&[0xc5; 256]), "e": "AQAB", "alg": "RSA-OAEP-256"})
    );
}

#[test]
fn refuses_private_members_loudly() {
    let key = with(
        with(ec_key(), "d", json!(b64(&[3; 32]))),
        "k",
        json!("c2VjcmV0"),
    );
    let (parsed, problems) = check(key);
    assert_eq!(parsed, None);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].key, "handoffPublicKey");
    assert!(
        problems[0].problem.contains("private key material (d, k)"),
        "{}",
        problems[0].problem
    );
    assert!(problems[0].problem.contains("NEW key pair"));
}

#[test]
fn refuses_wrong_curve_and_wrong_coordinate_sizes() {
    let key = with(
        with(ec_key(), "crv", json!("P-384")),
        "x",
        json!(b64(&[1; 48])),
    );
    assert_eq!(
        problem_keys(key),
        ["handoffPublicKey.crv", "handoffPublicKey.x"]
    );
    let short_y = with(ec_key(), "y", json!(b64(&[2; 31])));
    let (_, problems) = check(short_y);
    assert!(
        problems[0].problem.contains("decodes to 31 bytes"),
        "{:?}",
        problems
    );
}

#[test]
fn refuses_bad_base64url() {
    assert_eq!(
        problem_keys(with(ec_key(), "x", json!("ab+/"))),
        ["handoffPublicKey.x"]
    );
    let padded = format!("{}=", b64(&[1; 32]));
    let (_, problems) = check(with(ec_key(), "x", json!(padded)));
    assert!(problems[0].problem.contains("padding"));
    assert_eq!(
        problem_keys(with(ec_key(), "y", json!(42))),
        ["handoffPublicKey.y"]
    );
}

#[test]
fn refuses_small_or_malformed_rsa_keys() {
    let small = with(rsa_key(), "n", json!(b64(&[0xc5; 128])));
    let (_, problems) = check(small);
    assert!(problems[0].problem.contains("1024 bits"), "{problems:?}");
    // 256 bytes with a leading zero byte is only 2040 bits.
    let mut padded = vec![0u8];
    padded.extend([0xc5; 255]);
    assert_eq!(
        problem_keys(with(rsa_key(), "n", json!(b64(&padded)))),
        ["handoffPublicKey.n"]
    );
    assert_eq!(
        problem_keys(with(rsa_key(), "n", json!(b64(&[0xc4; 256])))),
        ["handoffPublicKey.n"]
    );
    assert_eq!(
        problem_keys(with(rsa_key(), "e", json!("AQ"))),
        ["handoffPublicKey.e"]
    );
    assert_eq!(
        problem_keys(with(rsa_key(), "e", json!("AQAA"))),
        ["handoffPublicKey.e"]
    );
}

#[test]
fn alg_and_use_must_fit_the_key() {
    assert_eq!(
        problem_keys(with(rsa_key(), "alg", json!("RSA1_5"))),
        ["handoffPublicKey.alg"]
    );
    assert_eq!(
        problem_keys(with(ec_key(), "alg", json!("RSA-OAEP-256"))),
        ["handoffPublicKey.alg"]
    );
    assert_eq!(
        problem_keys(with(ec_key(), "use", json!("sig"))),
        ["handoffPublicKey.use"]
    );
    assert_eq!(
        problem_keys(with(ec_key(), "kid", json!(7))),
        ["handoffPublicKey.kid"]
    );
}

#[test]
fn refuses_missing_or_unsupported_key_types() {
    assert_eq!(
        problem_keys(json!({"crv": "P-256"})),
        ["handoffPublicKey.kty"]
    );
    assert_eq!(
        problem_keys(json!({"kty": "OKP"})),
        ["handoffPublicKey.kty"]
    );
    let (_, problems) = check(json!({"kty": "oct"}));
    assert!(problems[0].problem.contains("shared secret"));
    assert_eq!(
        problem_keys(json!("-----BEGIN PUBLIC KEY-----")),
        ["handoffPublicKey"]
    );
    assert_eq!(
        problem_keys(json!({"kty": "EC"})),
        [
            "handoffPublicKey.crv",
            "handoffPublicKey.x",
            "handoffPublicKey.y"
        ]
    );
}

#[test]
fn thumbprint_matches_rfc_7638_example() {
    // RFC 7638 section 3.1: the RSA key from RFC 7517 appendix A.1 and its thumbprint.
    let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    let (parsed, problems) = check(
        json!({"kty": "RSA", "n": n, "e": "AQAB", "alg": "RSA-OAEP-256", "kid": "2011-04-29"}),
    );
    assert_eq!(problems, vec![]);
    let jwk = parsed.expect("RFC key is valid");
    assert_eq!(
        jwk.thumbprint(),
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
}
