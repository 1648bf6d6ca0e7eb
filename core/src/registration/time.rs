//! Dates as Graph writes them (`2026-11-22T00:44:23Z`) and the ISO 8601 durations of an app
//! management policy (`P30D`, `PT12H`), without a date crate: the engine only needs UTC.

/// Milliseconds since the Unix epoch as Graph's `dateTimeOffset`, to the second, in UTC.
pub fn iso_from_millis(millis: u64) -> String {
    let secs = millis / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// A Graph `dateTimeOffset` (`2026-11-22T00:44:23Z`, optionally with fractions of a second)
/// as milliseconds since the Unix epoch; `None` when it is not one (or is before 1970).
pub fn millis_from_iso(text: &str) -> Option<u64> {
    let text = text.trim();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let bytes = text.as_bytes();
    if bytes.len() < 19 || bytes[4] != b'-' || bytes[7] != b'-' || bytes[10] != b'T' {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    let rest = &text[19..];
    let fraction = rest.strip_prefix('.').map_or("", |f| {
        let digits = f.bytes().take_while(u8::is_ascii_digit).count();
        &f[..digits]
    });
    let millis = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0i64, |total, digit| total * 10 + i64::from(digit - b'0'));
    let seconds = days_from_civil(year, month as u32, day as u32) * 86_400
        + hour * 3600
        + minute * 60
        + second;
    u64::try_from(seconds * 1000 + millis).ok()
}

/// Howard Hinnant's `days_from_civil`: (year, month, day) to days since 1970-01-01.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// An ISO 8601 duration (`P30D`, `P1Y`, `P2W`, `PT12H`, `P1DT12H`) in seconds. Years count
/// 365 days and months 30, the shortest reading, so a limit is never overstepped.
pub fn iso_duration_seconds(text: &str) -> Option<u64> {
    let rest = text.trim().strip_prefix('P')?;
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut total: u64 = 0;
    let mut any = false;
    for (part, units) in [
        (
            date,
            &[
                ('Y', 365 * 86_400),
                ('M', 30 * 86_400),
                ('W', 7 * 86_400),
                ('D', 86_400),
            ][..],
        ),
        (time, &[('H', 3600), ('M', 60), ('S', 1)][..]),
    ] {
        let mut number = String::new();
        let mut next_unit = 0;
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
                continue;
            }
            let at = units[next_unit..].iter().position(|(u, _)| *u == c)? + next_unit;
            let value: f64 = number.parse().ok()?;
            total = total.saturating_add((value * units[at].1 as f64) as u64);
            number.clear();
            next_unit = at + 1;
            any = true;
        }
        if !number.is_empty() {
            return None;
        }
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_graph_does() {
        assert_eq!(iso_from_millis(0), "1970-01-01T00:00:00Z");
        // 1994-11-06T08:49:37Z is 784111777 s after the epoch.
        assert_eq!(iso_from_millis(784_111_777_999), "1994-11-06T08:49:37Z");
        assert_eq!(iso_from_millis(1_709_208_000_000), "2024-02-29T12:00:00Z");
    }

    #[test]
    fn graph_dates_are_read_back() {
        for millis in [0, 784_111_777_000, 1_709_208_000_000, 1_795_000_000_000] {
            assert_eq!(millis_from_iso(&iso_from_millis(millis)), Some(millis));
        }
        assert_eq!(
            millis_from_iso("2024-02-29T12:00:00.1234567Z"),
            Some(1_709_208_000_123)
        );
        assert_eq!(millis_from_iso("2024-02-29"), None);
        assert_eq!(millis_from_iso("yesterday, noon"), None);
        assert_eq!(millis_from_iso(""), None);
    }

    #[test]
    fn policy_durations_are_read_in_seconds() {
        assert_eq!(iso_duration_seconds("P30D"), Some(30 * 86_400));
        assert_eq!(iso_duration_seconds("PT12H"), Some(12 * 3600));
        assert_eq!(iso_duration_seconds("P1DT12H"), Some(86_400 + 12 * 3600));
        assert_eq!(iso_duration_seconds("P1Y"), Some(365 * 86_400));
        assert_eq!(iso_duration_seconds("PT90S"), Some(90));
        assert_eq!(iso_duration_seconds("P"), None);
        assert_eq!(iso_duration_seconds("30 days"), None);
        assert_eq!(iso_duration_seconds("P30"), None);
    }
}
