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

/// A seed for the retries' jitter. Not a secret, but it should differ between admins, so that
/// many throttled at once do not come back at the same moment: WebCrypto, else the clock.
pub fn jitter_seed() -> u32 {
    random_bytes::<4>()
        .map(u32::from_le_bytes)
        .unwrap_or_else(|NoRandomness| js_sys::Date::now() as u32)
}
