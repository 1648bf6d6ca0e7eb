use der::asn1::{ObjectIdentifier, Utf8StringRef};
use der::{Decode, Encode, Tag, Tagged};
use sha1::{Digest, Sha1};
use x509_cert::Certificate;
use x509_cert::certificate::Version;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, SubjectKeyIdentifier};
use x509_cert::time::Time;

use super::super::{
    CertificateRequest, CredentialError, certificate_der, certificate_pem, common_name,
    thumbprint_sha1, thumbprint_sha256, x5t,
};
use super::*;

const NAME: &str = "Contoso Sauvegarde — 東京 🚀";

fn parsed(der: &[u8]) -> Certificate {
    Certificate::from_der(der).expect("x509-cert parses the certificate")
}

fn common_names(name: &x509_cert::name::Name) -> Vec<(Tag, String)> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .map(|atv| {
            assert_eq!(atv.oid, ObjectIdentifier::new_unwrap("2.5.4.3"));
            let value = Utf8StringRef::try_from(&atv.value).expect("a UTF8String");
            (atv.value.tag(), value.as_str().to_owned())
        })
        .collect()
}

#[test]
fn the_certificate_has_the_fields_asked_for() {
    let request = request(NAME);
    let der = signed(&request);
    let cert = parsed(&der);
    let tbs = &cert.tbs_certificate;

    assert_eq!(tbs.version, Version::V3);
    // The first serial byte (0x01) has its top bit clear already: kept as given.
    assert_eq!(tbs.serial_number.as_bytes(), &request.serial[..]);
    let sha256_with_rsa = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
    assert_eq!(tbs.signature.oid, sha256_with_rsa);
    assert_eq!(cert.signature_algorithm.oid, sha256_with_rsa);
    let expected_name = vec![(Tag::Utf8String, NAME.to_owned())];
    assert_eq!(common_names(&tbs.issuer), expected_name);
    assert_eq!(common_names(&tbs.subject), expected_name);
    assert!(matches!(tbs.validity.not_before, Time::UtcTime(_)));
    assert_eq!(
        tbs.validity.not_before.to_unix_duration().as_secs(),
        JAN_2026
    );
    assert_eq!(
        tbs.validity.not_after.to_unix_duration().as_secs(),
        JAN_2027
    );
    assert_eq!(
        tbs.subject_public_key_info.to_der().expect("SPKI"),
        request.subject_public_key_info_der
    );

    let extensions = tbs.extensions.as_ref().expect("extensions");
    let ids: Vec<String> = extensions.iter().map(|e| e.extn_id.to_string()).collect();
    assert_eq!(ids, ["2.5.29.19", "2.5.29.15", "2.5.29.14"]);
    let constraints = BasicConstraints::from_der(extensions[0].extn_value.as_bytes()).expect("BC");
    assert!(extensions[0].critical);
    assert!(!constraints.ca);
    assert_eq!(constraints.path_len_constraint, None);
    let usage = KeyUsage::from_der(extensions[1].extn_value.as_bytes()).expect("KU");
    assert!(extensions[1].critical);
    assert!(usage.digital_signature());
    assert_eq!(usage.0.bits(), 1, "digitalSignature only");
    let key_id = SubjectKeyIdentifier::from_der(extensions[2].extn_value.as_bytes()).expect("SKI");
    assert!(!extensions[2].critical);
    let key_bits = tbs.subject_public_key_info.subject_public_key.raw_bytes();
    assert_eq!(key_id.0.as_bytes(), &Sha1::digest(key_bits)[..]);

    // The signature is over the TBSCertificate exactly as encoded.
    let tbs_der = request.tbs_der().expect("TBS");
    assert_eq!(tbs.to_der().expect("TBS again"), tbs_der);
    assert_eq!(cert.signature.raw_bytes(), sign(rsa_key(), &tbs_der));
}

#[test]
fn openssl_reads_the_certificate_and_verifies_its_self_signature() {
    let dir = TempDir::new("openssl-verify");
    let der = signed(&request("Contoso Backup"));
    let pem = dir.write("cert.pem", certificate_pem(&der).as_bytes());
    let pem = path_str(&pem);

    let text = openssl_ok(&["x509", "-in", pem, "-noout", "-text"]);
    for expected in [
        "Version: 3 (0x2)",
        "Signature Algorithm: sha256WithRSAEncryption",
        "Issuer: CN = Contoso Backup",
        "Subject: CN = Contoso Backup",
        "Not Before: Jan  1 00:00:00 2026 GMT",
        "Not After : Jan  1 00:00:00 2027 GMT",
        "Public-Key: (2048 bit)",
        "X509v3 Basic Constraints: critical\n                CA:FALSE",
        "X509v3 Key Usage: critical\n                Digital Signature\n",
        "X509v3 Subject Key Identifier",
    ] {
        assert!(
            text.contains(expected),
            "`{expected}` missing from:\n{text}"
        );
    }
    openssl_ok(&["verify", "-check_ss_sig", "-CAfile", pem, pem]);

    // A certificate whose signature does not match is refused: the check above can fail.
    let tbs = request("Contoso Backup").tbs_der().expect("TBS");
    let mut signature = sign(rsa_key(), &tbs);
    signature[100] ^= 1;
    let forged = certificate_der(&tbs, &signature).expect("certificate");
    let forged = dir.write("forged.pem", certificate_pem(&forged).as_bytes());
    let forged = path_str(&forged);
    let out = openssl(
        &["verify", "-check_ss_sig", "-CAfile", forged, forged],
        None,
    );
    assert!(!out.status.success(), "openssl verified a broken signature");
}

#[test]
fn thumbprints_match_openssl_fingerprints() {
    let dir = TempDir::new("fingerprints");
    let der = signed(&request(NAME));
    let pem = dir.write("cert.pem", certificate_pem(&der).as_bytes());
    let pem = path_str(&pem);
    let fingerprint = |digest: &str| {
        let out = openssl_ok(&["x509", "-in", pem, "-noout", "-fingerprint", digest]);
        // "sha256 Fingerprint=AB:CD:...".
        let (_, hex) = out.trim().split_once('=').expect("a fingerprint line");
        hex.replace(':', "")
    };
    assert_eq!(thumbprint_sha256(&der), fingerprint("-sha256"));
    assert_eq!(thumbprint_sha1(&der), fingerprint("-sha1"));
    // x5t is the same SHA-1, in base64url.
    let sha1_hex = thumbprint_sha1(&der);
    let sha1: Vec<u8> = (0..sha1_hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&sha1_hex[i..i + 2], 16).expect("hex"))
        .collect();
    use base64::Engine;
    let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(x5t(&der))
        .expect("base64url");
    assert_eq!(decoded, sha1);
}

#[test]
fn dates_from_2050_are_generalized_time() {
    let mut request = request("Contoso Backup");
    // 31 December 2049 23:59:59 UTC, then one second later.
    request.not_before = 2_524_607_999;
    request.not_after = 2_524_608_000;
    let cert = parsed(&signed(&request));
    let validity = cert.tbs_certificate.validity;
    assert!(matches!(validity.not_before, Time::UtcTime(_)));
    assert!(matches!(validity.not_after, Time::GeneralTime(_)));
    assert_eq!(
        validity.not_after.to_unix_duration().as_secs(),
        2_524_608_000
    );
}

#[test]
fn the_serial_is_positive_and_at_most_20_octets() {
    let mut request = request("Contoso Backup");
    request.serial = vec![0xFF; 20];
    let cert = parsed(&signed(&request));
    let serial = cert.tbs_certificate.serial_number.as_bytes();
    assert_eq!(serial.len(), 20);
    assert_eq!(serial[0], 0x7F, "first bit cleared, no 0x00 needed");

    request.serial = vec![0x00, 0x00, 0x05];
    assert_eq!(
        parsed(&signed(&request))
            .tbs_certificate
            .serial_number
            .as_bytes(),
        [5]
    );

    request.serial = vec![0x80, 0x00];
    assert!(
        matches!(request.tbs_der(), Err(CredentialError::Serial(_))),
        "zero once the bit is cleared"
    );
    request.serial = vec![];
    assert!(matches!(request.tbs_der(), Err(CredentialError::Serial(_))));
    request.serial = vec![1; 21];
    assert!(matches!(request.tbs_der(), Err(CredentialError::Serial(_))));
}

#[test]
fn bad_requests_are_refused() {
    let good = request("Contoso Backup");

    let mut r = good.clone();
    r.not_after = r.not_before;
    assert!(matches!(r.tbs_der(), Err(CredentialError::Validity(_))));
    r.not_after = 300_000_000_000; // the year 11476
    assert!(matches!(r.tbs_der(), Err(CredentialError::Validity(_))));

    for name in ["", "   ", "tab\there", &"x".repeat(65)] {
        let mut r = good.clone();
        r.subject_common_name = name.to_owned();
        assert!(
            matches!(r.tbs_der(), Err(CredentialError::CommonName(_))),
            "{name:?}"
        );
    }
    let mut r = good.clone();
    r.subject_common_name = "é".repeat(64); // 64 characters, 128 bytes
    assert!(r.tbs_der().is_ok());

    let mut r = good.clone();
    r.subject_public_key_info_der = b"not DER".to_vec();
    assert!(matches!(r.tbs_der(), Err(CredentialError::PublicKey(_))));
    // Trailing bytes after the SPKI.
    r.subject_public_key_info_der = [spki_der(rsa_key()), vec![0]].concat();
    assert!(matches!(r.tbs_der(), Err(CredentialError::PublicKey(_))));
    // An RSA key of 1024 bits.
    let mut rng = rand::rngs::StdRng::seed_from_u64(1);
    let small = RsaPrivateKey::new(&mut rng, 1024).expect("RSA 1024");
    r.subject_public_key_info_der = spki_der(&small);
    assert_eq!(
        r.tbs_der(),
        Err(CredentialError::PublicKey(
            "RSA modulus shorter than 2048 bits"
        ))
    );
    // An EC P-256 key (RFC 5480): id-ecPublicKey, prime256v1, a point.
    let ec = openssl_ec_spki();
    r.subject_public_key_info_der = ec;
    assert_eq!(
        r.tbs_der(),
        Err(CredentialError::PublicKey("not an RSA key (rsaEncryption)"))
    );
}

fn openssl_ec_spki() -> Vec<u8> {
    let dir = TempDir::new("ec-key");
    let key = dir.path("ec.pem");
    openssl_ok(&[
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        path_str(&key),
    ]);
    let spki = dir.path("ec.spki");
    openssl_ok(&[
        "pkey",
        "-in",
        path_str(&key),
        "-pubout",
        "-outform",
        "DER",
        "-out",
        path_str(&spki),
    ]);
    std::fs::read(spki).expect("EC SPKI")
}

#[test]
fn a_signature_of_the_wrong_length_or_a_broken_tbs_is_refused() {
    let tbs = request("Contoso Backup").tbs_der().expect("TBS");
    let signature = sign(rsa_key(), &tbs);
    assert!(matches!(
        certificate_der(&tbs, &signature[1..]),
        Err(CredentialError::Certificate(_))
    ));
    assert!(matches!(
        certificate_der(&signature, &tbs),
        Err(CredentialError::Certificate(_))
    ));
    assert!(matches!(
        certificate_der(&[tbs.clone(), vec![0]].concat(), &signature),
        Err(CredentialError::Certificate(_))
    ));
    assert!(certificate_der(&tbs, &signature).is_ok());
}

#[test]
fn the_common_name_comes_from_the_display_name() {
    assert_eq!(common_name("  Contoso Backup "), "Contoso Backup");
    let long = "Ä".repeat(120);
    assert_eq!(common_name(&long).chars().count(), 64);
    assert_eq!(
        common_name(&format!("{} tail", "a".repeat(63))),
        "a".repeat(63)
    );
    let request = CertificateRequest {
        subject_common_name: common_name(&long),
        ..request("x")
    };
    assert!(request.tbs_der().is_ok());
}
