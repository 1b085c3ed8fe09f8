//! Number property values: what counts as a number, and the one decimal form it is stored
//! in. Accepted: an optional sign, digits with at most one decimal point, an optional
//! exponent (`1e3`), with whitespace around. Refused: anything else (`0x10`, `1,5`, `inf`,
//! `NaN`), and values a double cannot hold (`1e309`, or `1e-400`, which would read as 0).
//! Stored: plain decimal text, exact (not through a double): no sign on zero, no `+`, no
//! leading zeros, no trailing fractional zeros or point, no exponent (`-0` → `0`, `1.50` →
//! `1.5`, `1e3` → `1000`, `.5` → `0.5`).

/// Why a text is not a number property value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not written as a decimal number.
    NotANumber,
    /// A number, but beyond what a double holds (overflow, or underflow to zero).
    OutOfRange,
}

/// The canonical stored form of a number value.
pub fn canonical(text: &str) -> Result<String, NumberError> {
    let t = text.trim();
    let (negative, unsigned) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits_ok(int) || !digits_ok(frac) {
        return Err(NumberError::NotANumber);
    }
    let exponent = match exponent {
        None => None,
        Some(e) => {
            let body = e.strip_prefix(['-', '+']).unwrap_or(e);
            if body.is_empty() || !digits_ok(body) {
                return Err(NumberError::NotANumber);
            }
            Some(e)
        }
    };
    let digits: String = int.chars().chain(frac.chars()).collect();
    if digits.bytes().all(|b| b == b'0') {
        return Ok("0".to_owned());
    }
    let value: f64 = t.parse().map_err(|_| NumberError::NotANumber)?;
    if !value.is_finite() || value.abs() < f64::MIN_POSITIVE {
        return Err(NumberError::OutOfRange);
    }
    // In range, so the exponent is small enough for an i64 (it offsets at most the digit count + 308).
    let exponent: i64 = exponent.map_or(Ok(0), str::parse).map_err(|_| NumberError::OutOfRange)?;
    let point = i64::try_from(int.len()).map_err(|_| NumberError::OutOfRange)? + exponent;
    Ok(place_point(negative, &digits, point))
}

/// `digits` (not all zeros) with the decimal point after `point` of them.
fn place_point(negative: bool, digits: &str, point: i64) -> String {
    let leading = digits.len() - digits.trim_start_matches('0').len();
    let significant = digits.trim_start_matches('0').trim_end_matches('0');
    let point = point - i64::try_from(leading).unwrap_or(0);
    let len = i64::try_from(significant.len()).unwrap_or(i64::MAX);
    let zeros = |n: i64| "0".repeat(usize::try_from(n).unwrap_or(0));
    let body = if point <= 0 {
        format!("0.{}{significant}", zeros(-point))
    } else if point >= len {
        format!("{significant}{}", zeros(point - len))
    } else {
        let (whole, part) = significant.split_at(usize::try_from(point).unwrap_or(0));
        format!("{whole}.{part}")
    };
    if negative { format!("-{body}") } else { body }
}

#[cfg(test)]
mod tests {
    use super::{NumberError, canonical};

    #[test]
    fn canonical_forms() {
        for (sent, stored) in [
            ("0", "0"),
            ("-0", "0"),
            ("000.000", "0"),
            ("0e999999999999999999999", "0"),
            (" 12 ", "12"),
            ("+5", "5"),
            ("007", "7"),
            ("1.50", "1.5"),
            ("1.", "1"),
            (".5", "0.5"),
            ("-.5", "-0.5"),
            ("100", "100"),
            ("1e3", "1000"),
            ("1.5e1", "15"),
            ("15e-1", "1.5"),
            ("-1.250E-2", "-0.0125"),
            ("0.00012", "0.00012"),
            ("120e-5", "0.0012"),
            ("12345678901234567890.5", "12345678901234567890.5"),
        ] {
            assert_eq!(canonical(sent).as_deref(), Ok(stored), "{sent}");
        }
        assert_eq!(canonical("1e308").unwrap().len(), 309);
    }

    #[test]
    fn refusals() {
        for bad in
            ["", " ", ".", "+", "-", "e5", "1e", "1e+", "1.2.3", "0x10", "1,5", "1_000", "--1", "inf", "NaN", "1 0"]
        {
            assert_eq!(canonical(bad), Err(NumberError::NotANumber), "{bad}");
        }
        for far in ["1e309", "-1e309", "1e-400", "1e99999999999999999999"] {
            assert_eq!(canonical(far), Err(NumberError::OutOfRange), "{far}");
        }
    }
}
