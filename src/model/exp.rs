//! An exponential the compiler can inline. Every lognormal draw, and every
//! job's and search round's discount and market factors, take one; glibc's
//! `exp` is accurate but costs a call, an errno wrapper and about fifty
//! instructions, which made it a tenth of a path's work.
//!
//! Tang's method: `e^x = 2^(k/64) e^r` with `k` the nearest integer to
//! `64 x / ln 2` and `|r| <= ln 2 / 128`; `2^(j/64)` comes from a table
//! of correctly rounded values and `e^r - 1` from its Taylor polynomial to
//! `r^5` (truncation below 4e-17). The result is within about one unit in
//! the last place of the exact value (tested against the library's `exp`).

/// `2^(j/64)` for j = 0..64, correctly rounded (computed at 60 digits).
const EXP2_TABLE: [u64; 64] = [
    0x3FF0000000000000,
    0x3FF02C9A3E778061,
    0x3FF059B0D3158574,
    0x3FF0874518759BC8,
    0x3FF0B5586CF9890F,
    0x3FF0E3EC32D3D1A2,
    0x3FF11301D0125B51,
    0x3FF1429AAEA92DE0,
    0x3FF172B83C7D517B,
    0x3FF1A35BEB6FCB75,
    0x3FF1D4873168B9AA,
    0x3FF2063B88628CD6,
    0x3FF2387A6E756238,
    0x3FF26B4565E27CDD,
    0x3FF29E9DF51FDEE1,
    0x3FF2D285A6E4030B,
    0x3FF306FE0A31B715,
    0x3FF33C08B26416FF,
    0x3FF371A7373AA9CB,
    0x3FF3A7DB34E59FF7,
    0x3FF3DEA64C123422,
    0x3FF4160A21F72E2A,
    0x3FF44E086061892D,
    0x3FF486A2B5C13CD0,
    0x3FF4BFDAD5362A27,
    0x3FF4F9B2769D2CA7,
    0x3FF5342B569D4F82,
    0x3FF56F4736B527DA,
    0x3FF5AB07DD485429,
    0x3FF5E76F15AD2148,
    0x3FF6247EB03A5585,
    0x3FF6623882552225,
    0x3FF6A09E667F3BCD,
    0x3FF6DFB23C651A2F,
    0x3FF71F75E8EC5F74,
    0x3FF75FEB564267C9,
    0x3FF7A11473EB0187,
    0x3FF7E2F336CF4E62,
    0x3FF82589994CCE13,
    0x3FF868D99B4492ED,
    0x3FF8ACE5422AA0DB,
    0x3FF8F1AE99157736,
    0x3FF93737B0CDC5E5,
    0x3FF97D829FDE4E50,
    0x3FF9C49182A3F090,
    0x3FFA0C667B5DE565,
    0x3FFA5503B23E255D,
    0x3FFA9E6B5579FDBF,
    0x3FFAE89F995AD3AD,
    0x3FFB33A2B84F15FB,
    0x3FFB7F76F2FB5E47,
    0x3FFBCC1E904BC1D2,
    0x3FFC199BDD85529C,
    0x3FFC67F12E57D14B,
    0x3FFCB720DCEF9069,
    0x3FFD072D4A07897C,
    0x3FFD5818DCFBA487,
    0x3FFDA9E603DB3285,
    0x3FFDFC97337B9B5F,
    0x3FFE502EE78B3FF6,
    0x3FFEA4AFA2A490DA,
    0x3FFEFA1BEE615A27,
    0x3FFF50765B6E4540,
    0x3FFFA7C1819E90D8,
];
/// `ln 2 / 64` split so that `k * LN2_64_HI` is exact for every `k` used.
const LN2_64_HI: f64 = f64::from_bits(0x3F86_2E42_FEE0_0000);
const LN2_64_LO: f64 = 2.981_585_826_985_293_3e-12;
const INV_LN2_64: f64 = 92.332_482_616_893_66;
/// Adding 1.5 * 2^52 rounds to an integer held in the low mantissa bits.
const SHIFT: f64 = 6_755_399_441_055_744.0;

/// `e^x`, within about one ulp for |x| < 700; beyond, where the result
/// overflows, underflows or nearly does, within a few ulps.
#[inline(always)]
pub fn exp(x: f64) -> f64 {
    if x > -700.0 && x < 700.0 {
        reduced(x)
    } else {
        far(x)
    }
}

/// Never reached by the model's arguments. Written without the library's
/// `exp`, which the compiler treats as free of side effects and so may
/// compute ahead of the branch that needs it, on every call.
#[cold]
#[inline(never)]
fn far(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x >= 1400.0 {
        f64::INFINITY
    } else if x <= -1400.0 {
        0.0
    } else {
        let half = reduced(0.5 * x);
        half * half
    }
}

#[inline(always)]
fn reduced(x: f64) -> f64 {
    let shifted = x * INV_LN2_64 + SHIFT;
    let k = shifted.to_bits() as i64;
    let kf = shifted - SHIFT;
    let r = (x - kf * LN2_64_HI) - kf * LN2_64_LO;
    // e^r - 1 = r + r^2 (1/2 + r/6) + r^4 (1/24 + r/120), grouped (Estrin)
    // so that the terms are computed side by side rather than in one long
    // chain of dependent operations.
    let r2 = r * r;
    let p = r + r2 * (1.0 / 2.0 + r * (1.0 / 6.0)) + (r2 * r2) * (1.0 / 24.0 + r * (1.0 / 120.0));
    let t = f64::from_bits(EXP2_TABLE[(k & 63) as usize]);
    let y = t + t * p;
    // 2^(k div 64) goes straight into the exponent: y is in [1, 2.02) and
    // |k div 64| < 1011, so the result stays a normal number.
    f64::from_bits(y.to_bits().wrapping_add(((k >> 6) as u64) << 52))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in units in the last place between two positive normals.
    fn ulps(a: f64, b: f64) -> u64 {
        a.to_bits().abs_diff(b.to_bits())
    }

    #[test]
    fn agrees_with_the_library_to_within_one_ulp() {
        // A deterministic sweep of 2 million points over the whole range
        // used, denser where the model's arguments live (|x| < 20).
        let mut worst = 0;
        for i in 0..2_000_000u64 {
            let u = (i as f64 + 0.5) / 2_000_000.0;
            for x in [-699.0 + 1398.0 * u, -20.0 + 40.0 * u, -1e-3 + 2e-3 * u] {
                let d = ulps(exp(x), x.exp());
                assert!(d <= 1, "exp({x:e}) = {:e}, library {:e}", exp(x), x.exp());
                worst = worst.max(d);
            }
        }
        assert!(worst <= 1);
    }

    #[test]
    fn exact_points_and_edges() {
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(-0.0), 1.0);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert!(exp(f64::NAN).is_nan());
        assert_eq!(exp(710.0), f64::INFINITY);
        assert_eq!(exp(2000.0), f64::INFINITY);
        assert_eq!(exp(-2000.0), 0.0);
        for x in [-744.0, -720.0, -705.5, 700.0, 705.25, 709.7] {
            let rel = (exp(x) - x.exp()).abs() / x.exp();
            assert!(
                rel < 1e-15,
                "exp({x}) = {:e}, library {:e}",
                exp(x),
                x.exp()
            );
        }
        // Integer multiples of ln 2 / 64 land on table entries.
        assert!(ulps(exp(std::f64::consts::LN_2), 2.0) <= 1);
        assert!(ulps(exp(-std::f64::consts::LN_2 * 10.0), 1.0 / 1024.0) <= 1);
    }
}
