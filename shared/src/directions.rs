//! How to find a site: the link that opens a map at it. Plain integer
//! formatting of the degrees, so the browser app carries no float printing.

/// `https://www.openstreetmap.org/?mlat=44.5181&mlon=3.5006#map=17/44.5181/3.5006`:
/// a marker on the site, at street level.
pub fn map_url(latitude: f64, longitude: f64) -> String {
    let (lat, lon) = (degrees(latitude), degrees(longitude));
    format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
}

/// Degrees to five decimals (about a metre), without trailing zeros.
fn degrees(value: f64) -> String {
    let scaled = (value * 100_000.0).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let abs = scaled.unsigned_abs();
    let text = format!("{sign}{}.{:05}", abs / 100_000, abs % 100_000);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_on_the_site_at_street_level() {
        assert_eq!(
            map_url(44.5181, 3.5006),
            "https://www.openstreetmap.org/?mlat=44.5181&mlon=3.5006#map=17/44.5181/3.5006"
        );
    }

    #[test]
    fn degrees_of_every_sign_and_size() {
        assert_eq!(degrees(44.324_499_9), "44.3245");
        assert_eq!(degrees(-0.57), "-0.57");
        assert_eq!(degrees(-0.000_001), "0");
        assert_eq!(degrees(180.0), "180");
        assert_eq!(degrees(-33.123_456), "-33.12346");
        assert_eq!(degrees(3.0), "3");
    }
}
