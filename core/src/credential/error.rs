use core::fmt;

/// Why a credential could not be assembled. Every case is a caller's or WebCrypto's mistake,
/// never the admin's: the app shows it as an internal error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialError {
    /// The subject's common name is empty, too long, or holds control characters.
    CommonName(&'static str),
    /// The serial number is all zeros or longer than 20 octets (RFC 5280 §4.1.2.2).
    Serial(&'static str),
    /// notBefore is not before notAfter, or a date is outside the years 1970 to 9999.
    Validity(&'static str),
    /// The public key is not an RSA SubjectPublicKeyInfo of 2048 bits or more.
    PublicKey(&'static str),
    /// The private key is not a PKCS#8 PrivateKeyInfo (RFC 5208 §5, RFC 5958 §2).
    PrivateKey(&'static str),
    /// A certificate, signature or to-be-signed part given back is not what it should be.
    Certificate(&'static str),
    /// The PKCS#12 password is empty or not printable ASCII.
    Password(&'static str),
    /// A cryptographic primitive failed or returned something of the wrong size.
    Crypto(String),
    /// The DER encoder refused a length (over 256 MiB).
    Der,
}

impl fmt::Display for CredentialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CommonName(why) => write!(f, "certificate subject: {why}"),
            Self::Serial(why) => write!(f, "certificate serial number: {why}"),
            Self::Validity(why) => write!(f, "certificate validity: {why}"),
            Self::PublicKey(why) => write!(f, "public key: {why}"),
            Self::PrivateKey(why) => write!(f, "private key: {why}"),
            Self::Certificate(why) => write!(f, "certificate: {why}"),
            Self::Password(why) => write!(f, "PKCS#12 password: {why}"),
            Self::Crypto(why) => write!(f, "cryptography: {why}"),
            Self::Der => f.write_str("DER encoding: a length out of range"),
        }
    }
}

impl std::error::Error for CredentialError {}

/// Encoding fails only on lengths; the message stays short so that `der`'s error
/// formatting stays out of the WASM.
impl From<der::Error> for CredentialError {
    fn from(_: der::Error) -> Self {
        Self::Der
    }
}
