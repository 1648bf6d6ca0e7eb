//! The PKCS#12 password, shown to the admin once.

/// 32 characters nobody confuses: digits 2 to 9 and capitals without I and O. 32 divides
/// 256, so taking a byte modulo 32 has no bias.
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// How many random bytes [`pfx_password`] takes: one per character.
pub const PASSWORD_RANDOM_BYTES: usize = 20;

/// A password of 20 characters (100 bits) in four groups of five, `7KQ2M-...`, from
/// 20 random bytes (`crypto.getRandomValues`).
pub fn pfx_password(random: &[u8; PASSWORD_RANDOM_BYTES]) -> String {
    let mut password = String::with_capacity(PASSWORD_RANDOM_BYTES + 3);
    for (i, byte) in random.iter().enumerate() {
        if i > 0 && i % 5 == 0 {
            password.push('-');
        }
        password.push(char::from(ALPHABET[usize::from(byte % 32)]));
    }
    password
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_unambiguous_characters_in_groups_of_five() {
        let random: [u8; PASSWORD_RANDOM_BYTES] = core::array::from_fn(|i| (i * 13) as u8);
        let password = pfx_password(&random);
        assert_eq!(password.len(), 23);
        let groups: Vec<&str> = password.split('-').collect();
        assert_eq!(groups.len(), 4);
        assert!(groups.iter().all(|g| g.len() == 5));
        assert!(!password.contains(['0', '1', 'I', 'O', 'l']));
    }

    #[test]
    fn each_byte_picks_its_character() {
        let mut random = [0u8; PASSWORD_RANDOM_BYTES];
        random[0] = 31;
        random[19] = 32 + 8;
        let password = pfx_password(&random);
        assert_eq!(password, "Z2222-22222-22222-2222A");
    }
}
