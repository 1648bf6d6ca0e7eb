//! The PKCS#12 integrity MAC: HMAC-SHA-256 keyed by the key derivation of RFC 7292
//! appendix B.2 with SHA-256, as OpenSSL 3 writes it (`-macalg sha256`, its default).

use sha2::{Digest, Sha256};

/// SHA-256's output (u) and block (v) sizes, in bytes.
const U: usize = 32;
const V: usize = 64;

/// ID byte for "MAC key" (RFC 7292 appendix B.3).
pub const ID_MAC: u8 = 3;

/// The password as RFC 7292 appendix B.1 feeds it to the derivation: a BMPString (UTF-16
/// big-endian) with a two-byte NUL terminator.
pub fn bmp_password(password: &str) -> Vec<u8> {
    let mut bmp: Vec<u8> = password.encode_utf16().flat_map(u16::to_be_bytes).collect();
    bmp.extend([0, 0]);
    bmp
}

/// RFC 7292 appendix B.2 with H = SHA-256: `n` bytes of key material.
pub fn derive(bmp_password: &[u8], salt: &[u8], id: u8, iterations: u32, n: usize) -> Vec<u8> {
    let d = [id; V];
    let mut i = [repeat_to_blocks(salt), repeat_to_blocks(bmp_password)].concat();
    let mut out = Vec::with_capacity(n.div_ceil(U) * U);
    while out.len() < n {
        let mut a: [u8; U] = Sha256::new()
            .chain_update(d)
            .chain_update(&i)
            .finalize()
            .into();
        for _ in 1..iterations {
            a = Sha256::digest(a).into();
        }
        out.extend_from_slice(&a);
        if out.len() >= n {
            break;
        }
        // B = A repeated to v bytes; every v-byte block of I becomes (I_j + B + 1) mod 2^(8v).
        let b: Vec<u8> = a.iter().copied().cycle().take(V).collect();
        for block in i.chunks_mut(V) {
            let mut carry = 1u16;
            for (x, y) in block.iter_mut().zip(&b).rev() {
                let sum = u16::from(*x) + u16::from(*y) + carry;
                *x = sum as u8;
                carry = sum >> 8;
            }
        }
    }
    out.truncate(n);
    out
}

/// `bytes` repeated to the next multiple of v bytes (empty stays empty).
fn repeat_to_blocks(bytes: &[u8]) -> Vec<u8> {
    let len = bytes.len().div_ceil(V) * V;
    bytes.iter().copied().cycle().take(len).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_utf16_big_endian_with_a_terminator() {
        assert_eq!(bmp_password("Ab"), [0, b'A', 0, b'b', 0, 0]);
        assert_eq!(bmp_password(""), [0, 0]);
    }

    // Known answers from OpenSSL 3's own implementation:
    // `openssl kdf -keylen 80 -kdfopt digest:SHA256 -kdfopt hexpass:007000770000
    //  -kdfopt hexsalt:73616c7473616c74 -kdfopt iter:3 -kdfopt id:3 PKCS12KDF`.
    #[test]
    fn matches_openssl_pkcs12kdf() {
        let expected = "03208A7B7EE7F5354407DCDAB6FDCB40A705822EE1E119D03E9AF60F1DD9DBE1\
                        620CFD8E14F4DC71C951142C0B8E629F761AD845FE3EAFFF939988E28E513E63\
                        5D9BB6259919BDA5A4F62A16A01B6802";
        let key = derive(&bmp_password("pw"), b"saltsalt", ID_MAC, 3, 80);
        let hex: String = key.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(hex, expected);
    }

    #[test]
    fn longer_output_continues_the_first_block() {
        let short = derive(&bmp_password("pw"), b"saltsalt", ID_MAC, 3, 32);
        let long = derive(&bmp_password("pw"), b"saltsalt", ID_MAC, 3, 80);
        assert_eq!(long.len(), 80);
        assert_eq!(&long[..32], &short[..]);
        assert_ne!(&long[32..64], &long[..32]);
        // Another purpose (ID 1 is "key material") gives another key.
        assert_ne!(derive(&bmp_password("pw"), b"saltsalt", 1, 3, 32), short);
    }
}
