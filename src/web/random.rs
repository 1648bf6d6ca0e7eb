//! Randomness from WebCrypto (`crypto.getRandomValues`), the only source the sign-in secrets
//! (PKCE verifier, state, nonce) may come from.

/// The browser could not give us random bytes; without them nothing secure can start.
#[derive(Clone, Debug, PartialEq)]
pub struct NoRandomness;

/// `N` cryptographically random bytes.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], NoRandomness> {
    let mut bytes = [0u8; N];
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(NoRandomness)?;
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| NoRandomness)?;
    Ok(bytes)
}
