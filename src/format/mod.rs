//! Output in docker's shapes: tables, human ages and sizes, timestamps.

pub mod filter;
pub mod gotmpl;
pub mod listing;
pub mod ports;
pub mod status;
pub mod table;
pub mod template;
pub mod time;

/// Docker's `units.HumanSizeWithPrecision(size, 3)`: decimal units, 3 significant digits.
pub fn human_size(bytes: u64) -> String {
    human_size_precision(bytes, 3)
}

/// Docker's `units.BytesSize`: binary units (KiB, MiB...), Go's `%.4g` (stats' memory).
pub fn bytes_size(bytes: u64) -> String {
    const UNITS: [&str; 9] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1024.0 && i < UNITS.len() - 1 {
        v /= 1024.0;
        i += 1;
    }
    format!("{}{}", g(v, 4), UNITS[i])
}

/// Go's `%.{precision}g` for the values sizes take (no exponent form below 1e21).
fn g(v: f64, precision: usize) -> String {
    let int_digits = if v >= 1.0 {
        v.log10().floor() as usize + 1
    } else {
        1
    };
    let s = format!("{:.*}", precision.saturating_sub(int_digits), v);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `units.HumanSizeWithPrecision(size, precision)` (`HumanSize` is precision 4): Go's
/// `%.{precision}g` of the size in decimal units.
pub fn human_size_precision(bytes: u64, precision: usize) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1000.0 && i < UNITS.len() - 1 {
        v /= 1000.0;
        i += 1;
    }
    // %g: `precision` significant digits, trailing zeros dropped.
    format!("{}{}", g(v, precision), UNITS[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn sizes_like_docker() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(999), "999B");
        assert_eq!(human_size(1000), "1kB");
        assert_eq!(human_size(1_234_567), "1.23MB");
        assert_eq!(human_size(4_261_888), "4.26MB");
        assert_eq!(human_size(12_500_000), "12.5MB");
        assert_eq!(human_size(123_456_789), "123MB");
        assert_eq!(human_size(1_984_662), "1.98MB");
        assert_eq!(human_size_precision(1_984_662, 4), "1.985MB");
        assert_eq!(human_size_precision(2_140_160, 4), "2.14MB");
        assert_eq!(human_size_precision(0, 4), "0B");
        // docker stats' MEM USAGE / LIMIT.
        assert_eq!(bytes_size(0), "0B");
        assert_eq!(bytes_size(458_752), "448KiB");
        assert_eq!(bytes_size(8_345_104_384), "7.772GiB");
        assert_eq!(bytes_size(1024 * 1024), "1MiB");
        assert_eq!(bytes_size(1536), "1.5KiB");
    }
}
