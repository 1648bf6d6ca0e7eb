//! The Concat KDF of NIST SP 800-56A §5.8.1 with SHA-256, as JOSE's ECDH-ES uses it (RFC 7518
//! §4.6.2). WebCrypto has no such KDF, so the core computes it from the ECDH shared secret.

use sha2::{Digest, Sha256};

/// `key_bits` of key material from the shared secret `z`, for `algorithm_id` (the `alg`
/// header, or `enc` for direct ECDH-ES) with the PartyUInfo `apu` and PartyVInfo `apv`.
pub fn concat_kdf(z: &[u8], algorithm_id: &str, apu: &[u8], apv: &[u8], key_bits: u32) -> Vec<u8> {
    let key_bytes = (key_bits / 8) as usize;
    let mut key = Vec::with_capacity(key_bytes + 32);
    let mut counter: u32 = 1;
    while key.len() < key_bytes {
        let mut hash = Sha256::new();
        hash.update(counter.to_be_bytes());
        hash.update(z);
        // OtherInfo: each datum prefixed with its length as a 32-bit big-endian number; the
        // SuppPubInfo is the key length in bits (RFC 7518 §4.6.2).
        for datum in [algorithm_id.as_bytes(), apu, apv] {
            hash.update(len32(datum));
            hash.update(datum);
        }
        hash.update(key_bits.to_be_bytes());
        key.extend_from_slice(&hash.finalize());
        counter += 1;
    }
    key.truncate(key_bytes);
    key
}

fn len32(datum: &[u8]) -> [u8; 4] {
    // Header names and party infos are short; saturate rather than wrap on absurd input.
    u32::try_from(datum.len()).unwrap_or(u32::MAX).to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7518 Appendix C: Z from its P-256 keys, "A128GCM", apu "Alice", apv "Bob", 128 bits.
    #[test]
    fn matches_rfc_7518_appendix_c() {
        let z = [
            158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49,
            110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
        ];
        assert_eq!(
            concat_kdf(&z, "A128GCM", b"Alice", b"Bob", 128),
            [
                86, 170, 141, 234, 248, 35, 109, 32, 92, 34, 40, 205, 113, 167, 16, 26
            ]
        );
    }

    #[test]
    fn a_256_bit_key_is_one_sha_256_round() {
        let z = [7u8; 32];
        let key = concat_kdf(&z, "ECDH-ES+A256KW", b"", b"", 256);
        let mut expected = Sha256::new();
        expected.update([0, 0, 0, 1]);
        expected.update(z);
        expected.update([0, 0, 0, 14]);
        expected.update(b"ECDH-ES+A256KW");
        expected.update([0u8; 8]);
        expected.update([0, 0, 1, 0]);
        assert_eq!(key, expected.finalize().to_vec());
        assert_eq!(concat_kdf(&z, "x", b"", b"", 384).len(), 48);
    }
}
