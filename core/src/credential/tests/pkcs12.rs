use super::super::pkcs12::{PKCS12_RANDOM_BYTES, Pkcs12Contents, Pkcs12Random, pkcs12_der};
use super::super::{CredentialError, certificate_pem, pfx_password, private_key_pem};
use super::*;

const NAME: &str = "Contoso Sauvegarde — 東京";

fn random() -> Pkcs12Random {
    let bytes: [u8; PKCS12_RANDOM_BYTES] = core::array::from_fn(|i| (i * 7 + 3) as u8);
    Pkcs12Random::from_bytes(&bytes)
}

fn password() -> String {
    pfx_password(&core::array::from_fn(|i| (i * 11) as u8))
}

/// Our `.pfx` of the test key and a certificate for it, with the files openssl needs.
struct Fixture {
    dir: TempDir,
    certificate: Vec<u8>,
    password: String,
}

impl Fixture {
    fn new(test: &str) -> Self {
        Self::named(test, NAME)
    }

    fn named(test: &str, friendly_name: &str) -> Self {
        let dir = TempDir::new(test);
        let certificate = signed(&request(NAME));
        let password = password();
        let key = pkcs8_der(rsa_key());
        let contents = Pkcs12Contents {
            certificate_der: &certificate,
            private_key_pkcs8_der: &key,
            friendly_name,
        };
        let pfx =
            block_on(pkcs12_der(&RustCrypto, &contents, &password, &random())).expect("PKCS#12");
        dir.write("ours.pfx", &pfx);
        dir.write("cert.pem", certificate_pem(&certificate).as_bytes());
        dir.write("key.pem", private_key_pem(&key).expect("PEM").as_bytes());
        Self {
            dir,
            certificate,
            password,
        }
    }

    fn file(&self, name: &str) -> String {
        path_str(&self.dir.path(name)).to_owned()
    }

    fn pass(&self) -> String {
        format!("pass:{}", self.password)
    }

    /// What `openssl pkcs12 -export` writes itself for the same key, certificate and name.
    fn openssl_export(&self, name: &str) -> String {
        let theirs = self.file("theirs.pfx");
        openssl_ok(&[
            "pkcs12",
            "-export",
            "-in",
            &self.file("cert.pem"),
            "-inkey",
            &self.file("key.pem"),
            "-name",
            name,
            "-passout",
            &self.pass(),
            "-out",
            &theirs,
        ]);
        theirs
    }
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
        .block_on(future)
}

/// The first PEM block with `label` in `text`.
fn pem_block(text: &str, label: &str) -> String {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----\n");
    let start = text
        .find(&begin)
        .unwrap_or_else(|| panic!("no {label} in:\n{text}"));
    let stop = text[start..].find(&end).expect("an END line") + start + end.len();
    text[start..stop].to_owned()
}

#[test]
fn openssl_opens_the_pfx_and_finds_the_same_key_and_certificate() {
    let f = Fixture::new("pkcs12-open");
    let out = openssl_ok(&[
        "pkcs12",
        "-in",
        &f.file("ours.pfx"),
        "-passin",
        &f.pass(),
        "-nodes",
    ]);
    let key_pem = std::fs::read_to_string(f.file("key.pem")).expect("key.pem");
    assert_eq!(pem_block(&out, "PRIVATE KEY"), key_pem);
    assert_eq!(
        pem_block(&out, "CERTIFICATE"),
        certificate_pem(&f.certificate)
    );
}

#[test]
fn the_pfx_is_what_openssl_writes_by_default() {
    let f = Fixture::new("pkcs12-like-openssl");
    let theirs = f.openssl_export(NAME);
    // Same algorithms, iterations, bag kinds and order, attributes (friendlyName, the
    // localKeyID), key and certificate.
    let ours = assert_same_as_openssl(&f, &theirs);
    for expected in [
        "MAC: sha256, Iteration 2048",
        "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256",
        "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256",
        "friendlyName: ",
        "localKeyID: ",
    ] {
        assert!(
            ours.contains(expected),
            "`{expected}` missing from:\n{ours}"
        );
    }
}

/// `openssl pkcs12 -info` says the same of our file and of `theirs`, but for the salts'
/// length (16 bytes, not 8). Returns what it says of ours.
fn assert_same_as_openssl(f: &Fixture, theirs: &str) -> String {
    // -info writes the algorithms to standard error.
    let info = |pfx: &str| {
        let out = openssl(
            &[
                "pkcs12",
                "-in",
                pfx,
                "-passin",
                &f.pass(),
                "-info",
                "-nodes",
            ],
            None,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        )
    };
    let ours = info(&f.file("ours.pfx"));
    assert_eq!(
        ours.replace("salt length: 16", "salt length: 8"),
        info(theirs)
    );
    ours
}

#[test]
fn characters_beyond_the_bmp_are_left_out_of_the_friendly_name() {
    // OpenSSL refuses to write "🚀" in a BMPString; ours leaves it out.
    let f = Fixture::named("pkcs12-emoji", "Contoso 🚀 Backup 🚀");
    let theirs = f.openssl_export("Contoso  Backup");
    assert!(assert_same_as_openssl(&f, &theirs).contains("friendlyName: Contoso  Backup"));
}

#[test]
fn a_wrong_password_is_refused_by_openssl() {
    let f = Fixture::new("pkcs12-wrong-password");
    let out = openssl(
        &[
            "pkcs12",
            "-in",
            &f.file("ours.pfx"),
            "-passin",
            "pass:WRONG",
            "-nodes",
        ],
        None,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Mac verify error"));
}

#[test]
fn the_private_key_pem_is_the_pkcs8_der() {
    let f = Fixture::new("private-key-pem");
    let der = f.file("key.der");
    let key = f.file("key.pem");
    openssl_ok(&[
        "pkcs8", "-topk8", "-nocrypt", "-in", &key, "-outform", "DER", "-out", &der,
    ]);
    assert_eq!(std::fs::read(der).expect("key.der"), pkcs8_der(rsa_key()));
    // OpenSSL writes the same PEM for it.
    let key_pem = std::fs::read_to_string(&key).expect("key.pem");
    assert!(key_pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert_eq!(openssl_ok(&["pkey", "-in", &key]), key_pem);
}

#[test]
fn another_key_or_an_unsafe_password_is_refused() {
    let certificate = signed(&request(NAME));
    let key = pkcs8_der(rsa_key());
    let contents = Pkcs12Contents {
        certificate_der: &certificate,
        private_key_pkcs8_der: &key,
        friendly_name: NAME,
    };
    let build = |contents: &Pkcs12Contents<'_>, password: &str| {
        block_on(pkcs12_der(&RustCrypto, contents, password, &random()))
    };
    assert!(matches!(
        build(&contents, ""),
        Err(CredentialError::Password(_))
    ));
    assert!(matches!(
        build(&contents, "mot-de-passe-été"),
        Err(CredentialError::Password(_))
    ));
    assert!(matches!(
        build(&contents, "tab\there"),
        Err(CredentialError::Password(_))
    ));

    let mut rng = rand::rngs::StdRng::seed_from_u64(2);
    let other = pkcs8_der(&RsaPrivateKey::new(&mut rng, 2048).expect("RSA"));
    let mismatched = Pkcs12Contents {
        private_key_pkcs8_der: &other,
        ..contents
    };
    assert_eq!(
        build(&mismatched, "pw"),
        Err(CredentialError::PrivateKey("not the certificate's key"))
    );
    let not_a_key = Pkcs12Contents {
        private_key_pkcs8_der: &certificate,
        ..contents
    };
    assert!(matches!(
        build(&not_a_key, "pw"),
        Err(CredentialError::PrivateKey(_))
    ));
    assert!(build(&contents, "pw").is_ok());
}

/// AES-CBC without padding (a wrong WebCrypto call) is caught, not written.
struct Unpadded;

impl Pkcs12Crypto for Unpadded {
    async fn pbkdf2_hmac_sha256(
        &self,
        p: &[u8],
        s: &[u8],
        i: u32,
    ) -> Result<[u8; 32], CryptoFailure> {
        RustCrypto.pbkdf2_hmac_sha256(p, s, i).await
    }
    async fn aes256_cbc_encrypt(
        &self,
        _: &[u8; 32],
        _: &[u8; 16],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, CryptoFailure> {
        Ok(plaintext.to_vec())
    }
    async fn hmac_sha256(&self, key: &[u8], data: &[u8]) -> Result<[u8; 32], CryptoFailure> {
        RustCrypto.hmac_sha256(key, data).await
    }
}

#[test]
fn a_primitive_that_misbehaves_is_an_error() {
    let certificate = signed(&request(NAME));
    let key = pkcs8_der(rsa_key());
    let contents = Pkcs12Contents {
        certificate_der: &certificate,
        private_key_pkcs8_der: &key,
        friendly_name: NAME,
    };
    let result = block_on(pkcs12_der(&Unpadded, &contents, "pw", &random()));
    assert!(matches!(result, Err(CredentialError::Crypto(message)) if message.contains("PKCS#7")));
}
